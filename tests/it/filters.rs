//! Filters that talk back (issue #16, point 7): `--broker`, `--analyst` and `--rating` take
//! unambiguous short forms of the values the index holds and say so when a value is ambiguous or
//! unknown; dates are real calendar dates; `-n 0` is an error; a date filter says how many
//! undated reports it left out. Through the CLI, on the repository's sample corpus.

use crate::testenv::{self, sample_corpus, Env, Run};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

/// The sample corpus indexed once per test run, shared read-only.
fn corpus_index() -> &'static Path {
    static INDEX: OnceLock<PathBuf> = OnceLock::new();
    INDEX.get_or_init(|| {
        let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("filters_index");
        let _ = std::fs::remove_dir_all(&dir);
        let r = testenv::run_on(&dir, &["index", sample_corpus().to_str().unwrap()]);
        assert_eq!(r.code, 0, "index failed: {}", r.stderr);
        dir
    })
}

/// `yanbao --index <corpus index> ARGS...`
fn yb(args: &[&str]) -> Run {
    testenv::run_on(corpus_index(), args)
}

/// The files `mentions 风险 -l FILTERS` lists (every report of the sample corpus has 风险).
fn files_with(filters: &[&str]) -> BTreeSet<String> {
    let mut args = vec!["mentions", "风险", "-l"];
    args.extend(filters);
    let r = yb(&args);
    assert!(
        r.code == 0 || r.code == 1,
        "{args:?}: exit {} {}",
        r.code,
        r.stderr
    );
    r.stdout.lines().map(str::to_string).collect()
}

/// The report paths of `search 风险 FILTERS --json`.
fn search_paths(filters: &[&str]) -> BTreeSet<String> {
    let mut args = vec!["search", "风险", "--json", "-n", "1000"];
    args.extend(filters);
    let r = yb(&args);
    assert!(
        r.code == 0 || r.code == 1,
        "{args:?}: exit {} {}",
        r.code,
        r.stderr
    );
    r.json_lines()
        .iter()
        .filter_map(|v| v["path"].as_str().map(str::to_string))
        .collect()
}

/// Asserts that `args` is refused with exit status 2, nothing on stdout, and a message on stderr
/// that contains every one of `needles`; returns the message.
fn refused(args: &[&str], needles: &[&str]) -> String {
    let r = yb(args);
    assert_eq!(
        r.code, 2,
        "{args:?} should be refused: {}{}",
        r.stdout, r.stderr
    );
    assert!(r.stdout.is_empty(), "{args:?}: {}", r.stdout);
    for n in needles {
        assert!(r.stderr.contains(n), "{args:?}: no {n:?} in {}", r.stderr);
    }
    r.stderr
}

#[test]
fn short_forms_of_broker_analyst_and_rating_are_resolved_against_the_index() {
    // 华安 is 华安证券 (5 reports), for search and mentions alike.
    let full = files_with(&["--broker", "华安证券"]);
    assert_eq!(full.len(), 5, "{full:?}");
    assert_eq!(files_with(&["--broker", "华安"]), full);
    assert_eq!(
        search_paths(&["--broker", "华安"]),
        search_paths(&["--broker", "华安证券"])
    );
    // Width and surrounding spaces do not matter (an ideographic space, full-width letters).
    assert_eq!(files_with(&["--broker", "　华安　"]), full);
    // A short form that is not a substring: the characters in order.
    assert_eq!(
        files_with(&["--broker", "银河"]),
        files_with(&["--broker", "中国银河证券"])
    );
    assert_eq!(files_with(&["--broker", "中银"]).len(), 4);
    // An analyst by part of the name: 高文博 wrote two reports.
    assert_eq!(files_with(&["--analyst", "高文"]).len(), 2);
    // Ratings: 强烈 is 强烈推荐 (2 reports); 推荐 itself is exact, and exact wins over
    // 强烈推荐 and 谨慎推荐 that contain it.
    assert_eq!(
        files_with(&["--rating", "强烈"]),
        files_with(&["--rating", "强烈推荐"])
    );
    assert_eq!(files_with(&["--rating", "强烈"]).len(), 2);
    assert_eq!(files_with(&["--rating", "推荐"]).len(), 4);
}

#[test]
fn ambiguous_or_unknown_filter_values_exit_2_and_list_the_closest() {
    // Every broker of the corpus contains 证券.
    let msg = refused(
        &["search", "风险", "--broker", "证券"],
        &["--broker \"证券\"", "ambiguous", "华安证券"],
    );
    assert!(msg.contains("could be"), "{msg}");
    // 大市 is in 强于大市 and 优于大市.
    let msg = refused(
        &["mentions", "风险", "--rating", "大市"],
        &["--rating \"大市\"", "ambiguous", "强于大市", "优于大市"],
    );
    assert!(!msg.contains("买入"), "only the candidates: {msg}");
    // Unknown: the closest come first.
    let msg = refused(
        &["search", "风险", "--broker", "华按证券"],
        &["--broker \"华按证券\"", "no such broker", "closest"],
    );
    let after = msg.split("closest").nth(1).unwrap();
    assert!(
        after.trim_start_matches([':', ' ']).starts_with("华安证券"),
        "{msg}"
    );
    refused(
        &["mentions", "风险", "--analyst", "高文傅"],
        &["--analyst \"高文傅\"", "no such analyst", "高文博"],
    );
    refused(
        &["search", "风险", "--rating", "卖出"],
        &["--rating \"卖出\"", "no such rating"],
    );
}

#[test]
fn dates_are_checked_against_the_calendar() {
    for bad in [
        "2021-13-01",
        "2021-00-10",
        "2023-02-29",
        "2024-04-31",
        "2024-01-00",
        "yesterday",
    ] {
        refused(&["search", "风险", "--since", bad], &[bad, "--since"]);
        refused(&["mentions", "风险", "--until", bad], &[bad, "--until"]);
    }
    // 2024 is a leap year.
    let r = yb(&["search", "风险", "--since", "2024-02-29", "-n", "1"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    // An empty range.
    refused(
        &[
            "search",
            "风险",
            "--since",
            "2025-01-01",
            "--until",
            "2024-12-31",
        ],
        &["--until 2024-12-31", "--since 2025-01-01"],
    );
    // The same day is a range of one day.
    let r = yb(&[
        "mentions",
        "风险",
        "-l",
        "--since",
        "2024-10-31",
        "--until",
        "2024-10-31",
    ]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(r.stdout.lines().count(), 2, "{}", r.stdout);
}

#[test]
fn zero_results_asked_for_is_an_error() {
    for n in [&["-n", "0"][..], &["--limit", "0"], &["-n0"]] {
        let mut args = vec!["search", "风险"];
        args.extend(n);
        let r = yb(&args);
        assert_eq!(r.code, 2, "{args:?}: {}", r.stdout);
        assert!(r.stdout.is_empty(), "{}", r.stdout);
        assert!(r.stderr.contains("at least 1"), "{}", r.stderr);
    }
}

#[test]
fn a_date_filter_says_how_many_undated_reports_it_left_out() {
    let env = Env::new();
    for f in [
        "金融/银行/银行业2025年度投资策略.md",
        "汽车/赛力斯深度报告：问界高端化验证，盈利拐点已至.txt",
    ] {
        env.write(f, std::fs::read(sample_corpus().join(f)).unwrap());
    }
    env.write(
        "无日期/行业点评.txt",
        "行业点评：需求回暖\n\n核心观点：行业需求回暖，龙头受益。\n\n风险提示：需求不及预期，竞争加剧。\n",
    );
    env.index();
    let show = env.run(&["show", "无日期/行业点评.txt", "--json"]);
    assert_eq!(
        show.json_lines()[0]["date"],
        serde_json::Value::Null,
        "{}",
        show.stdout
    );

    let plain = env.run(&["search", "风险", "--json", "-n", "100"]);
    assert!(!plain.stderr.contains("undated"), "{}", plain.stderr);

    let r = env.run(&[
        "search",
        "风险",
        "--json",
        "-n",
        "100",
        "--since",
        "2024-01-01",
    ]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(
        r.stderr
            .contains("note: 1 undated report left out by --since"),
        "{}",
        r.stderr
    );
    // stdout stays JSON Lines, and the undated report is not in it.
    let rows = r.json_lines();
    assert!(!rows.is_empty());
    assert!(rows.iter().all(|v| v["path"] != "无日期/行业点评.txt"));

    let r = env.run(&["mentions", "风险", "-c", "--until", "2030-12-31"]);
    assert!(
        r.stderr
            .contains("note: 1 undated report left out by --until"),
        "{}",
        r.stderr
    );
    let r = env.run(&[
        "mentions",
        "风险",
        "-l",
        "--since",
        "2024-01-01",
        "--until",
        "2030-12-31",
    ]);
    assert!(
        r.stderr.contains("left out by --since/--until"),
        "{}",
        r.stderr
    );
    // Only reports the other filters allow count: the undated report has no broker.
    let r = env.run(&[
        "mentions",
        "风险",
        "-l",
        "--since",
        "2024-01-01",
        "--broker",
        "海通",
    ]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(!r.stderr.contains("undated"), "{}", r.stderr);
}

#[test]
fn the_library_gives_the_undated_count_on_the_resolved_filters() {
    let env = Env::new();
    env.write(
        "金融/银行/银行业2025年度投资策略.md",
        std::fs::read(sample_corpus().join("金融/银行/银行业2025年度投资策略.md")).unwrap(),
    );
    env.write(
        "无日期.txt",
        "行业点评：需求回暖\n\n风险提示：需求不及预期。\n",
    );
    env.index();
    let index = yanbao::Index::open(&env.index_dir()).unwrap();
    let f = index
        .filters(&yanbao::ReportFilter {
            since: Some("2024-01-01".into()),
            ..Default::default()
        })
        .unwrap();
    assert_eq!(f.undated_left_out, 1);
    let f = index.filters(&yanbao::ReportFilter::default()).unwrap();
    assert_eq!(f.undated_left_out, 0);
}
