//! Section filters, report filters, boilerplate hiding, `show` and `stats` through the CLI, on
//! the repository's sample corpus and its hand labels (`tests/labels/corpus.json`).
//!
//! The labels are the ground truth: a filter must return exactly the labelled reports that match
//! the query, and `show` must print the labelled metadata.

use crate::testenv::{self, sample_corpus, Env, Run};
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::sync::OnceLock;
use yanbao::text::normalize;

/// The sample corpus indexed once per test run (tests share it read-only), in the target's scratch
/// folder.
fn corpus_index() -> &'static Path {
    static INDEX: OnceLock<PathBuf> = OnceLock::new();
    INDEX.get_or_init(|| {
        let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("sections_filters_index");
        let _ = std::fs::remove_dir_all(&dir);
        let r = run_on(&dir, &["index", sample_corpus().to_str().unwrap()]);
        assert_eq!(r.code, 0, "index failed: {}", r.stderr);
        dir
    })
}

fn run_on(index: &Path, args: &[&str]) -> Run {
    testenv::run_on(index, args)
}

/// `yanbao --index <corpus index> ARGS...`
fn yb(args: &[&str]) -> Run {
    run_on(corpus_index(), args)
}

/// The hand labels of the sample corpus.
fn labels() -> Vec<Value> {
    let text = std::fs::read_to_string(testenv::labels("corpus.json")).expect("corpus labels");
    serde_json::from_str(&text).expect("labels are JSON")
}

fn label_str<'a>(l: &'a Value, key: &str) -> Option<&'a str> {
    l.get(key).and_then(Value::as_str)
}

/// Labelled files for which `keep` holds.
fn labelled_files(keep: impl Fn(&Value) -> bool) -> BTreeSet<String> {
    labels()
        .iter()
        .filter(|l| keep(l))
        .filter_map(|l| label_str(l, "file").map(str::to_string))
        .collect()
}

/// Labelled files whose text contains `word` (as search sees it: normalized, so across the line
/// breaks of the PDF text).
fn labelled_files_with(word: &str, keep: impl Fn(&Value) -> bool) -> BTreeSet<String> {
    let word = normalize(word);
    labelled_files(keep)
        .into_iter()
        .filter(|f| {
            normalize(&std::fs::read_to_string(sample_corpus().join(f)).unwrap_or_default())
                .contains(&word)
        })
        .collect()
}

/// `search ARGS --json -n 1000`: every matching passage (the sample corpus has far fewer).
fn search_json(args: &[&str]) -> Vec<Value> {
    let mut all: Vec<&str> = vec!["search"];
    all.extend(args);
    all.extend(["--json", "-n", "1000"]);
    let r = yb(&all);
    assert!(
        r.code == 0 || r.code == 1,
        "search {args:?}: exit {} {}",
        r.code,
        r.stderr
    );
    r.json_lines()
}

/// The reports of `rows`: each hit's own and those of the identical
/// passages folded into it (`also`).
fn paths(rows: &[Value]) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    for r in rows {
        out.extend(label_str(r, "path").map(str::to_string));
        if let Some(also) = r["also"].as_array() {
            out.extend(also.iter().filter_map(|p| p.as_str().map(str::to_string)));
        }
    }
    out
}

fn show_json(path: &str) -> Value {
    let r = yb(&["show", path, "--json"]);
    assert_eq!(r.code, 0, "show {path}: {}", r.stderr);
    let rows = r.json_lines();
    assert_eq!(rows.len(), 1, "show --json prints one object: {}", r.stdout);
    rows.into_iter().next().unwrap()
}

/// The words of a title: letters and digits, whatever the punctuation and spacing.
fn title_key(s: &str) -> String {
    normalize(s)
        .chars()
        .filter(|c| c.is_alphanumeric())
        .collect()
}

#[test]
fn section_risk_returns_only_risk_passages_from_every_report_with_a_risk_heading() {
    let rows = search_json(&["风险", "--section", "risk"]);
    assert!(!rows.is_empty());
    for row in &rows {
        assert_eq!(row["section"], "risk", "{row}");
    }
    let with_heading = labelled_files(|l| {
        l["sections"].as_array().is_some_and(|s| {
            s.iter().any(|x| {
                x["section"] == "risk" && x["heading"].as_str().is_some_and(|h| h.contains("风险"))
            })
        })
    });
    assert!(!with_heading.is_empty());
    let found = paths(&rows);
    let missing: Vec<&String> = with_heading.difference(&found).collect();
    assert!(
        missing.is_empty(),
        "reports with a 风险提示 heading but no risk passage: {missing:?}"
    );
}

#[test]
fn repeated_section_flags_take_the_union() {
    // Every passage, not two per report: the union is about sections.
    let rows = search_json(&[
        "风险",
        "--section",
        "risk",
        "--section",
        "advice",
        "--per-report",
        "0",
    ]);
    let sections: BTreeSet<&str> = rows.iter().filter_map(|r| r["section"].as_str()).collect();
    assert!(sections.contains("risk"), "{sections:?}");
    assert!(sections.contains("advice"), "{sections:?}");
    assert!(sections.iter().all(|s| ["risk", "advice"].contains(s)));
    // Every risk passage of the single-section search is still there.
    let risk_only = search_json(&["风险", "--section", "risk", "--per-report", "0"]);
    let key = |r: &Value| format!("{}#{}", r["path"], r["offset"]);
    let union: BTreeSet<String> = rows.iter().map(key).collect();
    assert!(risk_only.iter().all(|r| union.contains(&key(r))));
}

#[test]
fn unknown_section_name_is_an_error_listing_the_names() {
    let r = yb(&["search", "风险", "--section", "risks"]);
    assert_eq!(r.code, 2, "{}", r.stdout);
    assert!(r.stderr.contains("unknown section"), "{}", r.stderr);
    assert!(r.stderr.contains("rating-scale"), "{}", r.stderr);
}

/// A sentence of 华安证券's disclaimer, printed in each of its reports.
const HUAAN_DISCLAIMER: &str = "已具备证券投资咨询业务资格";

#[test]
fn broker_disclaimer_is_hidden_unless_boilerplate_is_asked_for() {
    let huaan = labelled_files(|l| label_str(l, "broker") == Some("华安证券"));
    let with_phrase = labelled_files_with(HUAAN_DISCLAIMER, |_| true);
    assert_eq!(with_phrase, huaan, "the phrase is 华安证券's own");

    let shown = search_json(&[HUAAN_DISCLAIMER, "--boilerplate"]);
    assert_eq!(paths(&shown), huaan);
    for row in &shown {
        assert_eq!(row["section"], "disclaimer", "{row}");
    }

    let r = yb(&["search", HUAAN_DISCLAIMER, "--json", "-n", "1000"]);
    let default = r.json_lines();
    assert!(
        default.len() < shown.len(),
        "default {} vs --boilerplate {}",
        default.len(),
        shown.len()
    );
    assert!(default.iter().all(|r| r["section"] != "disclaimer"));
    if default.is_empty() {
        assert_eq!(r.code, 1);
        assert!(r.stderr.contains("--boilerplate"), "hint: {}", r.stderr);
    }
}

#[test]
fn default_results_are_the_boilerplate_results_minus_flagged_passages() {
    // The analysts' statement is repeated with small changes by every broker: some passages are
    // flagged, others are not.
    let query = "证券投资咨询执业资格";
    let key = |r: &Value| format!("{}#{}", r["path"], r["offset"]);
    let with_boilerplate = search_json(&[query, "--boilerplate"]);
    let all: BTreeSet<String> = with_boilerplate.iter().map(key).collect();
    // A passage that reads as a flagged one is folded into it (its report in
    // the flagged one's `also`), and shown by default when that one is hidden.
    let folded: BTreeSet<String> = with_boilerplate
        .iter()
        .flat_map(|r| r["also"].as_array().cloned().unwrap_or_default())
        .map(|p| p.to_string())
        .collect();
    let default_rows = search_json(&[query]);
    let default: BTreeSet<String> = default_rows.iter().map(key).collect();
    assert!(!all.is_empty());
    assert!(default.len() < all.len(), "nothing flagged as boilerplate");
    let extra: Vec<String> = default_rows
        .iter()
        .filter(|r| !all.contains(&key(r)) && !folded.contains(&r["path"].to_string()))
        .map(key)
        .collect();
    assert!(
        extra.is_empty(),
        "not in the --boilerplate results: {extra:?}"
    );
}

#[test]
fn broker_filter_returns_only_that_brokers_reports() {
    let rows = search_json(&["风险", "--broker", "华安证券"]);
    let found = paths(&rows);
    assert_eq!(
        found,
        labelled_files_with("风险", |l| label_str(l, "broker") == Some("华安证券"))
    );
    for p in &found {
        assert_eq!(show_json(p)["broker"], "华安证券", "{p}");
    }
    // An unknown broker is an error (tests/it/filters.rs has the details).
    let r = yb(&["search", "风险", "--broker", "不存在证券"]);
    assert_eq!(r.code, 2, "{}", r.stdout);
    assert!(r.stdout.is_empty());
}

#[test]
fn since_and_until_filter_by_report_date() {
    let date_of = |l: &Value| label_str(l, "date").unwrap_or("").to_string();
    for (args, lo, hi) in [
        (vec!["--since", "2025-01-01"], "2025-01-01", "9999-12-31"),
        (vec!["--until", "2024-06-30"], "0000-01-01", "2024-06-30"),
        (
            vec!["--since", "2024-10-01", "--until", "2024-10-31"],
            "2024-10-01",
            "2024-10-31",
        ),
    ] {
        let mut a = vec!["风险"];
        a.extend(&args);
        let found = paths(&search_json(&a));
        let want = labelled_files_with("风险", |l| {
            let d = date_of(l);
            !d.is_empty() && d.as_str() >= lo && d.as_str() <= hi
        });
        assert!(!want.is_empty());
        assert_eq!(found, want, "{args:?}");
        for p in &found {
            let d = show_json(p)["date"].as_str().unwrap_or("").to_string();
            assert!(d.as_str() >= lo && d.as_str() <= hi, "{p}: {d}");
        }
    }
    let r = yb(&["search", "风险", "--since", "yesterday"]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("YYYY-MM-DD"), "{}", r.stderr);
}

#[test]
fn rating_filter() {
    let found = paths(&search_json(&["风险", "--rating", "买入"]));
    assert_eq!(
        found,
        labelled_files_with("风险", |l| label_str(l, "rating") == Some("买入"))
    );
    for p in &found {
        assert_eq!(show_json(p)["rating"], "买入", "{p}");
    }
}

#[test]
fn filters_combine() {
    let found = paths(&search_json(&[
        "风险",
        "--broker",
        "华安证券",
        "--since",
        "2025-01-01",
    ]));
    let want = labelled_files_with("风险", |l| {
        label_str(l, "broker") == Some("华安证券")
            && label_str(l, "date").is_some_and(|d| d >= "2025-01-01")
    });
    assert!(!want.is_empty());
    assert_eq!(found, want);
}

#[test]
fn ticker_filter_returns_only_reports_mentioning_it() {
    let found = paths(&search_json(&["风险", "--ticker", "600519"]));
    assert!(
        found.iter().any(|p| p.contains("贵州茅台")),
        "the 茅台 report itself: {found:?}"
    );
    for p in &found {
        let text = std::fs::read_to_string(sample_corpus().join(p)).unwrap();
        assert!(text.contains("600519"), "{p} does not mention 600519");
    }
    // The reports `mentions` finds the ticker in are the ones the filter allows.
    let r = yb(&["mentions", "600519", "-l"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let mentioned: BTreeSet<String> = r.stdout.lines().map(str::to_string).collect();
    assert!(found.is_subset(&mentioned), "{found:?} vs {mentioned:?}");
    // Any written form of the code selects the same reports.
    assert_eq!(
        paths(&search_json(&["风险", "--ticker", "600519.SH"])),
        found
    );
    let r = yb(&["search", "风险", "--ticker", "abc"]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("not a ticker"), "{}", r.stderr);
}

#[test]
fn mentions_follow_broker_and_section_filters() {
    let all: BTreeMap<String, usize> = yb(&["mentions", "风险", "-c"])
        .counts()
        .into_iter()
        .collect();
    let huaan: BTreeMap<String, usize> = yb(&["mentions", "风险", "-c", "--broker", "华安证券"])
        .counts()
        .into_iter()
        .collect();
    let huaan_files = labelled_files_with("风险", |l| label_str(l, "broker") == Some("华安证券"));
    assert_eq!(huaan.keys().cloned().collect::<BTreeSet<_>>(), huaan_files);
    for (p, n) in &huaan {
        assert_eq!(
            all.get(p),
            Some(n),
            "{p}: the broker filter drops no occurrence"
        );
    }

    let risk: BTreeMap<String, usize> = yb(&["mentions", "风险", "-c", "--section", "risk"])
        .counts()
        .into_iter()
        .collect();
    assert!(!risk.is_empty());
    assert!(risk.values().sum::<usize>() < all.values().sum::<usize>());
    for (p, n) in &risk {
        assert!(all.get(p).is_some_and(|m| n <= m), "{p}");
    }
}

/// A small report whose title, summary, body and risk paragraphs each mention 苹果 once.
fn apple_report(risk: &str) -> String {
    format!(
        "苹果链跟踪：订单饱满，供应链景气度上行\n\n投资要点\n\n苹果产业链景气度回升，订单饱满。\n\n\
         一、行业概况\n\n本季度苹果出货量同比增长，供应链稼动率提升，整机厂商备货积极。\n\n{risk}\n"
    )
}

/// Contexts of `mentions 苹果 --json ARGS`.
fn apple_contexts(env: &Env, args: &[&str]) -> Vec<String> {
    let mut a = vec!["mentions", "苹果", "--json"];
    a.extend(args);
    let r = env.run(&a);
    assert!(r.code == 0 || r.code == 1, "{}", r.stderr);
    r.json_lines()
        .iter()
        .filter_map(|m| m["context"].as_str().map(str::to_string))
        .collect()
}

#[test]
fn mentions_section_filter_keeps_only_occurrences_in_that_section() {
    let env = Env::new();
    env.write(
        "苹果链跟踪.txt",
        apple_report(
            "风险提示：苹果需求不及预期；汇率大幅波动；供应链产能爬坡不及预期；\
             地缘政治风险加剧导致海外订单转移。",
        ),
    );
    env.index();
    assert_eq!(
        apple_contexts(&env, &[]).len(),
        4,
        "title, summary, body, risk"
    );
    let risk = apple_contexts(&env, &["--section", "risk"]);
    assert_eq!(risk.len(), 1, "{risk:?}");
    assert!(risk[0].contains("需求不及预期"), "{risk:?}");
    let summary = apple_contexts(&env, &["--section", "summary"]);
    assert_eq!(summary.len(), 1, "{summary:?}");
    assert!(summary[0].contains("景气度回升"), "{summary:?}");
    let both = apple_contexts(&env, &["--section", "summary", "--section", "risk"]);
    assert_eq!(both.len(), 2, "{both:?}");
    let body = apple_contexts(&env, &["--section", "body"]);
    assert_eq!(body.len(), 2, "title and chapter text: {body:?}");
    let r = env.run(&["mentions", "苹果", "--section", "disclaimer"]);
    assert_eq!(r.code, 1, "nothing found: {}", r.stdout);
}

/// A short risk paragraph at the end of a report is still the risk section: a heading starts a
/// passage of its own once the text before it can stand alone.
#[test]
fn a_short_risk_section_is_its_own_passage() {
    let env = Env::new();
    env.write(
        "苹果链跟踪.txt",
        apple_report("风险提示：苹果需求不及预期；汇率波动。"),
    );
    env.index();
    let risk = apple_contexts(&env, &["--section", "risk"]);
    assert_eq!(risk.len(), 1, "{risk:?}");
    assert!(risk[0].contains("需求不及预期"), "{risk:?}");
    let rows = env.run(&["search", "汇率波动", "--json"]).json_lines();
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0]["section"], "risk", "{}", rows[0]);
}

#[test]
fn show_prints_the_labelled_metadata_and_section_sizes() {
    let labels = labels();
    let chosen = [
        "电子/半导体/中芯国际：Q4营收超指引，先进制程与国产替代共振.txt",
        "食品饮料/白酒/贵州茅台2024年报点评：稳健增长彰显龙头定力.txt",
        "金融/银行/银行业2025年度投资策略.md",
        "宏观策略/宏观/2024年12月经济数据点评：年末生产偏强，政策发力托底内需.txt",
        "港股互联网/阿里巴巴-W：云业务重回加速，通义千问Qwen2.5-Max领跑开源生态.txt",
    ];
    for file in chosen {
        let l = labels
            .iter()
            .find(|l| label_str(l, "file") == Some(file))
            .unwrap_or_else(|| panic!("{file} is labelled"));
        let v = show_json(file);
        assert_eq!(v["path"], file);
        for key in ["broker", "date", "rating", "report_type"] {
            assert_eq!(v[key], l[key], "{file}: {key}");
        }
        assert_eq!(
            title_key(v["title"].as_str().unwrap_or("")),
            title_key(label_str(l, "title").unwrap_or("")),
            "{file}: title {}",
            v["title"]
        );
        let names = |a: &Value| -> Vec<(String, String)> {
            a.as_array()
                .map(|xs| {
                    let mut v: Vec<(String, String)> = xs
                        .iter()
                        .map(|x| (x["name"].to_string(), x["sac"].to_string()))
                        .collect();
                    v.sort();
                    v
                })
                .unwrap_or_default()
        };
        assert_eq!(names(&v["analysts"]), names(&l["analysts"]), "{file}");

        // Sections with sizes: every labelled section type is there, with passages and chars.
        let sections = v["sections"].as_array().expect("sections");
        assert!(!sections.is_empty());
        let mut passages = 0;
        for s in sections {
            assert!(s["passages"].as_u64().is_some_and(|n| n >= 1), "{s}");
            assert!(s["chars"].as_u64().is_some_and(|n| n >= 1), "{s}");
            passages += s["passages"].as_u64().unwrap_or(0);
        }
        assert_eq!(Some(passages), v["passages"].as_u64(), "{file}");
        let shown: BTreeSet<&str> = sections
            .iter()
            .filter_map(|s| s["section"].as_str())
            .collect();
        for x in l["sections"].as_array().into_iter().flatten() {
            let s = x["section"].as_str().unwrap_or("");
            assert!(shown.contains(s), "{file}: no {s} section in {shown:?}");
        }
    }

    // The plain form has the same facts, one per line.
    let file = chosen[0];
    let r = yb(&["show", file]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    for line in [
        format!("path:      {file}"),
        "broker:    华安证券".to_string(),
        "analysts:  陈思远 (S0010522070317)".to_string(),
        "date:      2025-02-14".to_string(),
        "rating:    买入 (buy), maintain".to_string(),
        "type:      company".to_string(),
    ] {
        assert!(
            r.stdout.lines().any(|l| l == line),
            "{line:?} in\n{}",
            r.stdout
        );
    }
    assert!(r.stdout.contains("sections:"), "{}", r.stdout);
    assert!(
        r.stdout
            .lines()
            .any(|l| l.trim_start().starts_with("risk") && l.contains("passages")),
        "{}",
        r.stdout
    );
}

#[test]
fn show_accepts_a_file_path() {
    let file = "电子/半导体/中芯国际：Q4营收超指引，先进制程与国产替代共振.txt";
    let abs = sample_corpus().join(file);
    let v = show_json(abs.to_str().unwrap());
    assert_eq!(v["path"], file);
    assert_eq!(show_json(&format!("./{file}"))["path"], file);
}

#[test]
fn show_of_an_unknown_path_exits_2_with_a_message() {
    let r = yb(&["show", "电子/没有这份报告.txt"]);
    assert_eq!(r.code, 2);
    assert!(r.stdout.is_empty(), "{}", r.stdout);
    assert!(r.stderr.contains("没有这份报告"), "{}", r.stderr);
    assert!(r.stderr.contains("not in the index"), "{}", r.stderr);
    let r = yb(&["show", "电子/没有这份报告.txt", "--json"]);
    assert_eq!(r.code, 2);
}

#[test]
fn stats_counts_reports_per_broker_rating_and_section() {
    let r = yb(&["stats", "--json"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let v = &r.json_lines()[0];
    let labels = labels();
    assert_eq!(v["reports"].as_u64(), Some(labels.len() as u64));

    let mut brokers: BTreeMap<String, u64> = BTreeMap::new();
    let mut ratings: BTreeMap<String, u64> = BTreeMap::new();
    for l in &labels {
        *brokers
            .entry(label_str(l, "broker").unwrap_or("(unknown)").to_string())
            .or_default() += 1;
        *ratings
            .entry(label_str(l, "rating").unwrap_or("(none)").to_string())
            .or_default() += 1;
    }
    let map = |v: &Value| -> BTreeMap<String, u64> {
        v.as_object()
            .map(|o| {
                o.iter()
                    .map(|(k, n)| (k.clone(), n.as_u64().unwrap_or(0)))
                    .collect()
            })
            .unwrap_or_default()
    };
    assert_eq!(map(&v["brokers"]), brokers);
    assert_eq!(map(&v["ratings"]), ratings);

    let sections = map(&v["sections"]);
    let names: Vec<&str> = yanbao::report::Section::ALL
        .iter()
        .map(|s| s.name())
        .collect();
    assert!(
        sections.keys().all(|k| names.contains(&k.as_str())),
        "{sections:?}"
    );
    for s in [
        "summary",
        "advice",
        "risk",
        "forecast",
        "analyst",
        "disclaimer",
        "rating-scale",
    ] {
        assert!(sections.get(s).is_some_and(|n| *n > 0), "no {s} passages");
    }
    assert_eq!(Some(sections.values().sum::<u64>()), v["passages"].as_u64());
}
