//! `yanbao mentions` and `yanbao tickers`: exact, exhaustive occurrences.

use crate::testenv::{self, Env};
use std::collections::BTreeMap;
use yanbao::query::Target;
use yanbao::text::normalize;
use yanbao::Filters;

const TICKERS: &str = "贵州茅台（600519.SH）发布年报。\n\
公司代码SH600519，亦写作sh600519或(600519)，上交所代码600519.SS。\n\
白酒龙头600519表现稳健。\n\
分析师执业证书编号：S1600519080001，电话021-60051966，金额16005190000元，编号6005190。\n\
腾讯控股(0700.HK)、00700.HK、700.HK、0700 HK与HK0700都是腾讯；10700.HK不是。\n\
阿里巴巴-W（9988.HK）与美团-W（3690.HK）。\n";

fn env() -> Env {
    let env = Env::new();
    env.write("a/代码.txt", TICKERS);
    env.write(
        "b/茅台点评.txt",
        "贵州茅台\n点评：维持买入。600519.SH在2024年实现营收1,741亿元。\n",
    );
    env.index();
    env
}

fn matched(env: &Env, term: &str) -> Vec<String> {
    let r = env.run(&["mentions", "--json", "--", term]);
    assert!(r.code == 0 || r.code == 1, "{}", r.stderr);
    r.json_lines()
        .iter()
        .map(|m| m["matched"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn every_written_form_of_an_a_share_finds_the_others() {
    let env = env();
    let expected = vec![
        "600519.SH",
        "SH600519",
        "sh600519",
        "600519",
        "600519.SS",
        "600519",
        "600519.SH",
    ];
    for form in [
        "600519",
        "600519.SH",
        "600519.SS",
        "SH600519",
        "sh600519",
        "(600519)",
        "６００５１９",
    ] {
        assert_eq!(matched(&env, form), expected, "query {form}");
    }
}

#[test]
fn codes_inside_other_numbers_are_not_mentions() {
    let env = env();
    let r = env.run(&["mentions", "--json", "600519"]);
    for m in r.json_lines() {
        let ctx = m["context"].as_str().unwrap();
        assert!(!m["matched"].as_str().unwrap().contains("S0760"), "{ctx}");
    }
    assert_eq!(
        matched(&env, "760518"),
        Vec::<String>::new(),
        "inside a certificate number"
    );
    assert_eq!(
        matched(&env, "600519").len(),
        7,
        "not inside 16005190000 or 6005190"
    );
    assert!(matched(&env, "005196").is_empty(), "inside a phone number");
}

#[test]
fn hong_kong_forms_and_leading_zeros() {
    let env = env();
    let expected = vec!["0700.HK", "00700.HK", "700.HK", "0700 HK", "HK0700"];
    for form in [
        "0700.HK", "700.HK", "00700.HK", "0700 HK", "HK0700", "hk0700",
    ] {
        assert_eq!(matched(&env, form), expected, "query {form}");
    }
    assert_eq!(matched(&env, "10700.HK"), vec!["10700.HK"]);
}

#[test]
fn json_has_ticker_line_column_and_context() {
    let env = env();
    let r = env.run(&["mentions", "--json", "0700.HK"]);
    let first = &r.json_lines()[0];
    assert_eq!(first["path"], "a/代码.txt");
    assert_eq!(first["line"], 5);
    assert_eq!(first["column"], 6);
    assert_eq!(first["ticker"], "0700.HK");
    assert!(first["context"]
        .as_str()
        .unwrap()
        .contains("腾讯控股(0700.HK)"));
    assert!(first["title"].is_string());
}

#[test]
fn count_files_and_exit_codes() {
    let env = env();
    let r = env.run(&["mentions", "--count", "600519.SH"]);
    assert_eq!(
        r.counts(),
        vec![
            ("a/代码.txt".to_string(), 6),
            ("b/茅台点评.txt".to_string(), 1)
        ]
    );
    let r = env.run(&["mentions", "--files", "茅台"]);
    assert_eq!(r.stdout, "a/代码.txt\nb/茅台点评.txt\n");
    assert_eq!(env.run(&["mentions", "不存在"]).code, 1);
    assert_eq!(env.run(&["mentions", "601318"]).code, 1);
}

#[test]
fn a_term_across_a_pdf_line_break_is_one_occurrence() {
    let env = Env::new();
    env.write(
        "r.txt",
        "公司是腾讯控\n股的重要合作伙伴，腾讯\n\n控股持有公司5%股权。\n",
    );
    env.index();
    let r = env.run(&["mentions", "--json", "腾讯控股"]);
    let rows = r.json_lines();
    assert_eq!(rows.len(), 2);
    assert_eq!(rows[0]["matched"], "腾讯控\n股");
    assert_eq!(
        (rows[0]["line"].as_u64(), rows[0]["column"].as_u64()),
        (Some(1), Some(4))
    );
    assert_eq!(rows[1]["matched"], "腾讯\n\n控股");
    assert_eq!(
        (rows[1]["line"].as_u64(), rows[1]["column"].as_u64()),
        (Some(2), Some(10))
    );
}

#[test]
fn occurrences_do_not_overlap_and_cross_passages() {
    let env = Env::new();
    // Long enough to be cut into several passages; the term spans a cut.
    let sentence = "半导体设备国产化率持续提升，订单饱满。";
    let text = sentence.repeat(60);
    env.write("long.txt", &text);
    env.index();
    let norm = normalize(&text);
    for term in [
        "订单饱满。半导体",
        "。半",
        "饱满。半导体设备国产化率持续提升，订单饱满。半导体设备",
        "满",
    ] {
        let r = env.run(&["mentions", "--count", term]);
        assert_eq!(
            r.counts(),
            vec![(
                "long.txt".to_string(),
                norm.matches(normalize(term).as_str()).count()
            )],
            "{term}"
        );
    }
    env.write("aaa.txt", "哈哈哈哈哈");
    env.index();
    assert_eq!(
        env.run(&["mentions", "--count", "哈哈"]).counts()[0],
        ("aaa.txt".to_string(), 2)
    );
}

#[test]
fn names_widen_tickers_and_tickers_widen_names() {
    let env = env();
    let r = env.run(&["mentions", "--count", "--names", "600519"]);
    // Ticker forms plus 贵州茅台 itself.
    assert_eq!(
        r.counts(),
        vec![
            ("a/代码.txt".to_string(), 7),
            ("b/茅台点评.txt".to_string(), 2)
        ]
    );
    let r = env.run(&["mentions", "--json", "--names", "腾讯控股"]);
    assert_eq!(r.json_lines().len(), 6, "the name plus five ticker forms");
    // User aliases.
    let aliases = env.dir.path().join("aliases.csv");
    std::fs::write(&aliases, "code,name\n600519,茅台\n").unwrap();
    let r = env.run(&[
        "mentions",
        "--count",
        "--names",
        "--aliases",
        aliases.to_str().unwrap(),
        "600519",
    ]);
    assert_eq!(r.counts()[1], ("b/茅台点评.txt".to_string(), 2));
    std::fs::write(&aliases, "code,name\nnot-a-code,名字\n").unwrap();
    let r = env.run(&[
        "mentions",
        "--names",
        "--aliases",
        aliases.to_str().unwrap(),
        "600519",
    ]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("aliases.csv"), "{}", r.stderr);
}

#[test]
fn tickers_lists_mentioned_tickers_most_first() {
    let env = env();
    let r = env.run(&["tickers", "--json"]);
    assert_eq!(r.code, 0);
    let rows = r.json_lines();
    assert_eq!(rows[0]["ticker"], "600519.SH");
    assert_eq!(rows[0]["name"], "贵州茅台");
    assert_eq!(rows[0]["mentions"], 7);
    assert_eq!(rows[0]["reports"], 2);
    assert_eq!(rows[1]["ticker"], "0700.HK");
    assert_eq!(rows[1]["mentions"], 5);
    let tickers: Vec<&str> = rows.iter().map(|r| r["ticker"].as_str().unwrap()).collect();
    assert!(tickers.contains(&"9988.HK") && tickers.contains(&"10700.HK"));
    assert!(!tickers
        .iter()
        .any(|t| t.contains("760518") || t.contains("005190")));
}

/// `mentions --count` against a plain normalize-and-count over the shared
/// corpora (all of `../shared/corpora`), for terms drawn at random from
/// their text.
#[test]
fn shared_corpora_counts_match_reference() {
    let Some(root) =
        testenv::shared_corpus("yanbao").and_then(|p| p.parent().map(|p| p.to_path_buf()))
    else {
        eprintln!("skipped: ../shared/corpora is absent");
        return;
    };
    let env = Env::new();
    let r = env
        .cmd()
        .args(["index", root.to_str().unwrap()])
        .output()
        .unwrap();
    assert!(r.status.success(), "{}", String::from_utf8_lossy(&r.stderr));
    let mut files = Vec::new();
    for e in walkdir::WalkDir::new(&root) {
        let e = e.unwrap();
        let p = e.path();
        if e.file_type().is_file() && p.extension().is_some_and(|x| x == "txt" || x == "md") {
            let rel = p
                .strip_prefix(&root)
                .unwrap()
                .to_string_lossy()
                .into_owned();
            let text = String::from_utf8_lossy(&std::fs::read(p).unwrap()).into_owned();
            files.push((rel, normalize(&text)));
        }
    }
    files.sort();
    // Terms drawn from the reports (rich text), then from all files.
    let reports: Vec<&str> = files
        .iter()
        .filter(|(p, _)| p.starts_with("yanbao/"))
        .map(|(_, t)| t.as_str())
        .collect();
    let all: Vec<&str> = files.iter().map(|(_, t)| t.as_str()).collect();
    let not_ticker = |t: &str| yanbao::report::parse_ticker_query(t).is_none();
    let lengths = [1, 2, 2, 3, 4, 5, 8, 16, 30];
    let mut terms =
        testenv::random_substrings(&reports, 0x2545_F491_4F6C_DD1D, &lengths, 40, not_ticker);
    terms.extend(testenv::random_substrings(
        &all,
        0x9E37_79B9_7F4A_7C15,
        &lengths,
        20,
        not_ticker,
    ));
    for term in &terms {
        let expected: Vec<(String, usize)> = files
            .iter()
            .map(|(p, t)| (p.clone(), t.matches(term.as_str()).count()))
            .filter(|(_, c)| *c > 0)
            .collect();
        let r = env.run(&["mentions", "--count", "--", term]);
        assert_eq!(r.counts(), expected, "term {term:?}");
    }
    eprintln!("{} terms compared with the reference", terms.len());
}

/// `--count` of a needle that cannot overlap itself counts per report
/// without listing occurrences (the fast path of
/// [`yanbao::Index::mention_counts`]); it must agree with counting the
/// full, overlap-resolved listing of [`yanbao::Index::mentions`], for any
/// needle.
#[test]
fn counting_without_listing_agrees_with_the_listing() {
    let env = Env::new();
    let corpus = testenv::sample_corpus();
    let r = env.run(&["index", corpus.to_str().unwrap()]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let texts: Vec<String> = walkdir::WalkDir::new(&corpus)
        .into_iter()
        .map(|e| e.unwrap())
        .filter(|e| e.file_type().is_file())
        .filter_map(|e| std::fs::read_to_string(e.path()).ok())
        .collect();
    let texts: Vec<&str> = texts.iter().map(String::as_str).collect();
    let mut terms = testenv::random_substrings(&texts, 7, &[1, 2, 3, 4, 6, 9, 15], 80, |_| true);
    terms.extend(["风险", "公司", "哈哈", "0", "00", "研究", "%"].map(String::from));
    let index = yanbao::Index::open(&env.index_dir()).unwrap();
    let none = Filters::default();
    let mut fast = 0;
    for term in &terms {
        let needle = normalize(term);
        if counted_without_listing(&needle) {
            fast += 1;
        }
        let targets = [Target::Text(needle)];
        let listed = counts_by_path(&index.mentions(&targets, &none).unwrap());
        let counted = index.mention_counts(&targets, &none).unwrap();
        assert_eq!(counted, listed, "{term:?}");
    }
    // Most needles take the fast path; self-overlapping ones ("00") do not,
    // and are compared too.
    assert!(fast > terms.len() / 2, "{fast} of {}", terms.len());
    assert!(!counted_without_listing("00"));
    assert!(terms
        .iter()
        .any(|t| !counted_without_listing(&normalize(t))));
}

/// Whether `mention_counts` of this one text needle counts without listing
/// (the library's rule): a needle none of whose proper prefixes is also a
/// suffix cannot overlap itself (`aa` in `aaa` does), so no occurrence has
/// to be set against another.
fn counted_without_listing(needle: &str) -> bool {
    let chars: Vec<char> = needle.chars().collect();
    !chars.is_empty() && !(1..chars.len()).any(|k| chars[..k] == chars[chars.len() - k..])
}

/// Occurrences per path, sorted by path, as `mention_counts` gives them.
fn counts_by_path(occurrences: &[yanbao::query::Occurrence]) -> Vec<(String, usize)> {
    let mut counts: BTreeMap<String, usize> = BTreeMap::new();
    for o in occurrences {
        *counts.entry(o.path.to_string()).or_default() += 1;
    }
    counts.into_iter().collect()
}

/// An index of several segments is searched one segment per thread
/// (`Index::open`): occurrences, counts and the best passages must be those
/// of the same reports indexed in one run, into one segment.
#[test]
fn segments_searched_in_parallel_answer_as_one_segment_does() {
    let corpus = testenv::sample_corpus();
    let mut files: Vec<std::path::PathBuf> = walkdir::WalkDir::new(&corpus)
        .into_iter()
        .map(|e| e.unwrap())
        .filter(|e| e.file_type().is_file())
        .map(|e| e.path().to_path_buf())
        .collect();
    files.sort();
    assert!(files.len() >= 3);
    let copy = |env: &Env, f: &std::path::Path| {
        env.write(
            f.strip_prefix(&corpus).unwrap().to_str().unwrap(),
            std::fs::read(f).unwrap(),
        );
    };
    // Three index runs, three commits: three segments (a merge takes four).
    let split = Env::new();
    for part in files.chunks(files.len().div_ceil(3)) {
        part.iter().for_each(|f| copy(&split, f));
        split.index();
    }
    let whole = Env::new();
    files.iter().for_each(|f| copy(&whole, f));
    whole.index();
    // The library does not say how many segments an index has: tantivy does.
    let segments = |env: &Env| {
        tantivy::Index::open_in_dir(env.index_dir())
            .unwrap()
            .searchable_segment_ids()
            .unwrap()
            .len()
    };
    assert!(segments(&split) >= 3, "{}", segments(&split));
    assert!(segments(&split) > segments(&whole));

    let texts: Vec<String> = files
        .iter()
        .filter_map(|f| std::fs::read_to_string(f).ok())
        .collect();
    let texts: Vec<&str> = texts.iter().map(String::as_str).collect();
    let mut terms = testenv::random_substrings(&texts, 11, &[1, 2, 3, 5, 8, 14], 40, |_| true);
    terms.extend(["公司", "风险", "增长", "00", "的"].map(String::from));
    for term in &terms {
        for args in [
            vec!["mentions", "--json", "--", term],
            vec!["mentions", "--count", "--", term],
        ] {
            let (a, b) = (split.run(&args), whole.run(&args));
            assert_eq!(a.code, b.code, "{args:?}: {}", a.stderr);
            // Each index has its own folder, which JSON names as `root`.
            let (a_root, b_root) = (split.reports(), whole.reports());
            let (a_root, b_root) = (
                a_root.canonicalize().unwrap(),
                b_root.canonicalize().unwrap(),
            );
            assert_eq!(
                a.stdout.replace(a_root.to_str().unwrap(), "ROOT"),
                b.stdout.replace(b_root.to_str().unwrap(), "ROOT"),
                "{args:?}"
            );
        }
        // Scores are the same (tantivy's statistics span all segments);
        // passages of equal score may come in another order.
        let top = |env: &Env| {
            let mut hits: Vec<String> = env
                .run(&["search", "--json", "-n", "1000", "--", term])
                .json_lines()
                .iter()
                .map(|h| format!("{} {} {}", h["score"], h["path"], h["offset"]))
                .collect();
            hits.sort();
            hits
        };
        assert_eq!(top(&split), top(&whole), "search {term:?}");
    }

    // The same index, its segments visited by one thread, then by several.
    same_answers_from_one_thread_and_several(&split.index_dir(), &terms);
}

/// Occurrences (where the report writes them) and counts of `terms` in the
/// index at `dir`, opened once with one search thread, once with several.
///
/// The library gives an index one search thread per segment, up to the
/// cores the opening thread may run on, and has no setting for it: the
/// sequential one is opened while this thread may run on one CPU only.
#[cfg(target_os = "linux")]
fn same_answers_from_one_thread_and_several(dir: &std::path::Path, terms: &[String]) {
    let sequential = open_on_one_cpu(dir);
    let parallel = yanbao::Index::open(dir).unwrap();
    if std::thread::available_parallelism().map_or(1, |n| n.get()) == 1 {
        eprintln!("note: one CPU: both indexes visit their segments one at a time");
    }
    let none = Filters::default();
    let listed = |index: &yanbao::Index, targets: &[Target]| {
        let mut describer = index.describer().unwrap();
        index
            .mentions(targets, &none)
            .unwrap()
            .iter()
            .map(|o| {
                let m = describer.describe(o).unwrap();
                (m.path, m.line, m.column, m.matched)
            })
            .collect::<Vec<_>>()
    };
    for term in terms {
        let targets = [Target::Text(normalize(term))];
        assert_eq!(
            listed(&sequential, &targets),
            listed(&parallel, &targets),
            "{term:?}"
        );
        assert_eq!(
            sequential.mention_counts(&targets, &none).unwrap(),
            parallel.mention_counts(&targets, &none).unwrap(),
            "{term:?}"
        );
    }
}

#[cfg(not(target_os = "linux"))]
fn same_answers_from_one_thread_and_several(_: &std::path::Path, _: &[String]) {
    eprintln!("note: one search thread is set up on Linux only; not compared");
}

/// `Index::open(dir)` while the calling thread may run on one CPU (the
/// first it may run on now), so that the index gets one search thread.
#[cfg(target_os = "linux")]
fn open_on_one_cpu(dir: &std::path::Path) -> yanbao::Index {
    let size = std::mem::size_of::<libc::cpu_set_t>();
    // SAFETY: a cpu_set_t is a plain bit set (all zeros: no CPU); the CPU
    // numbers are below CPU_SETSIZE, and the calls read or write only the
    // sets given, for the calling thread (pid 0).
    let (all, one) = unsafe {
        let mut all: libc::cpu_set_t = std::mem::zeroed();
        assert_eq!(libc::sched_getaffinity(0, size, &mut all), 0);
        let first = (0..libc::CPU_SETSIZE as usize)
            .find(|&c| libc::CPU_ISSET(c, &all))
            .expect("a CPU to run on");
        let mut one: libc::cpu_set_t = std::mem::zeroed();
        libc::CPU_SET(first, &mut one);
        (all, one)
    };
    // SAFETY: as above.
    assert_eq!(unsafe { libc::sched_setaffinity(0, size, &one) }, 0);
    let cores = std::thread::available_parallelism().map_or(0, |n| n.get());
    let index = yanbao::Index::open(dir);
    // SAFETY: as above.
    assert_eq!(unsafe { libc::sched_setaffinity(0, size, &all) }, 0);
    assert_eq!(cores, 1, "the thread was to see one CPU");
    index.unwrap()
}
