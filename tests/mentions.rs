//! `yanbao mentions` and `yanbao tickers`: exact, exhaustive occurrences.

mod common;

use common::Env;

const TICKERS: &str = "贵州茅台（600519.SH）发布年报。\n\
公司代码SH600519，亦写作sh600519或(600519)，上交所代码600519.SS。\n\
白酒龙头600519表现稳健。\n\
分析师执业证书编号：S0760518030002，电话021-60051966，金额16005190000元，编号6005190。\n\
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
    let norm = yanbao::normalize::normalize(&text);
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
                norm.matches(yanbao::normalize::normalize(term).as_str())
                    .count()
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
        common::shared_corpus("yanbao").and_then(|p| p.parent().map(|p| p.to_path_buf()))
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
            files.push((rel, yanbao::normalize::normalize(&text)));
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
    let not_ticker = |t: &str| yanbao::ticker::parse_ticker_query(t).is_none();
    let lengths = [1, 2, 2, 3, 4, 5, 8, 16, 30];
    let mut terms =
        common::random_substrings(&reports, 0x2545_F491_4F6C_DD1D, &lengths, 40, not_ticker);
    terms.extend(common::random_substrings(
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
/// without listing occurrences (`mentions::count_by_path`); it must agree
/// with counting the full, overlap-resolved listing, for any needle.
#[test]
fn counting_without_listing_agrees_with_the_listing() {
    let env = Env::new();
    let corpus = common::sample_corpus();
    let r = env.run(&["index", corpus.to_str().unwrap()]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let texts: Vec<String> = walkdir::WalkDir::new(&corpus)
        .into_iter()
        .map(|e| e.unwrap())
        .filter(|e| e.file_type().is_file())
        .filter_map(|e| std::fs::read_to_string(e.path()).ok())
        .collect();
    let texts: Vec<&str> = texts.iter().map(String::as_str).collect();
    let mut terms = common::random_substrings(&texts, 7, &[1, 2, 3, 4, 6, 9, 15], 80, |_| true);
    terms.extend(["风险", "公司", "哈哈", "0", "00", "研究", "%"].map(String::from));
    let opened = yanbao::store::open(&env.index_dir()).unwrap();
    let searcher = opened.searcher().unwrap();
    let mut fast = 0;
    for term in &terms {
        let targets = [yanbao::mentions::Target::Text(
            yanbao::normalize::normalize(term),
        )];
        let listed = yanbao::mentions::counts(
            &yanbao::mentions::find(&searcher, &opened.fields, &targets).unwrap(),
        );
        if let Some(counted) =
            yanbao::mentions::count_by_path(&searcher, &opened.fields, &targets).unwrap()
        {
            fast += 1;
            assert_eq!(counted, listed, "{term:?}");
        }
    }
    // Most needles take the fast path; self-overlapping ones ("00") do not.
    assert!(fast > terms.len() / 2, "{fast} of {}", terms.len());
    assert!(yanbao::mentions::count_by_path(
        &searcher,
        &opened.fields,
        &[yanbao::mentions::Target::Text("00".into())]
    )
    .unwrap()
    .is_none());
}

/// An index of several segments is searched one segment per thread
/// (`store::open`): occurrences, counts and the best passages must be those
/// of the same reports indexed in one run, into one segment.
#[test]
fn segments_searched_in_parallel_answer_as_one_segment_does() {
    let corpus = common::sample_corpus();
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
    let segments = |env: &Env| {
        yanbao::store::open(&env.index_dir())
            .unwrap()
            .index
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
    let mut terms = common::random_substrings(&texts, 11, &[1, 2, 3, 5, 8, 14], 40, |_| true);
    terms.extend(["公司", "风险", "增长", "00", "的"].map(String::from));
    for term in &terms {
        for args in [
            vec!["mentions", "--json", "--", term],
            vec!["mentions", "--count", "--", term],
        ] {
            let (a, b) = (split.run(&args), whole.run(&args));
            assert_eq!(a.code, b.code, "{args:?}: {}", a.stderr);
            assert_eq!(a.stdout, b.stdout, "{args:?}");
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
    let mut sequential = yanbao::store::open(&split.index_dir()).unwrap();
    sequential
        .index
        .set_executor(tantivy::Executor::single_thread());
    let parallel = yanbao::store::open(&split.index_dir()).unwrap();
    if std::thread::available_parallelism().map_or(1, |n| n.get()) > 1 {
        assert!(matches!(
            parallel.index.search_executor(),
            tantivy::Executor::ThreadPool(_)
        ));
    }
    let (s1, s2) = (sequential.searcher().unwrap(), parallel.searcher().unwrap());
    for term in &terms {
        let targets = [yanbao::mentions::Target::Text(
            yanbao::normalize::normalize(term),
        )];
        let listed = |o: &yanbao::store::Opened, s: &tantivy::Searcher| {
            yanbao::mentions::find(s, &o.fields, &targets)
                .unwrap()
                .iter()
                .map(|m| (m.path.to_string(), m.ordinal, m.start, m.end))
                .collect::<Vec<_>>()
        };
        assert_eq!(listed(&sequential, &s1), listed(&parallel, &s2), "{term:?}");
        assert_eq!(
            yanbao::mentions::count_by_path(&s1, &sequential.fields, &targets).unwrap(),
            yanbao::mentions::count_by_path(&s2, &parallel.fields, &targets).unwrap(),
            "{term:?}"
        );
    }
}
