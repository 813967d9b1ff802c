//! `quality` on the sample corpus: it runs the corpus queries, prints every
//! set's figures as JSON, and fails clearly when a file is missing.

use std::path::Path;
use std::process::Command;

fn bench() -> Command {
    Command::new(env!("CARGO_BIN_EXE_yanbao-bench"))
}

fn repo() -> &'static Path {
    Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../.."))
}

#[test]
fn quality_runs_on_the_sample_corpus() {
    let out = bench()
        .args(["quality", "--json", "--for", "corpus", "--corpus"])
        .arg(repo().join("corpus"))
        .arg("--queries")
        .arg(repo().join("crates/yanbao-bench/data/queries.json"))
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    eprintln!("{}", String::from_utf8_lossy(&out.stderr));
    assert!(out.status.success(), "quality failed: {stdout}");
    let report: serde_json::Value = serde_json::from_str(&stdout).expect("JSON output");
    let total = &report["total"];
    let queries = total["queries"].as_u64().unwrap();
    let passages = total["passages"].as_u64().unwrap();
    // The corpus queries (corpus + both) of dev and eval.
    assert!(queries >= 40, "only {queries} queries run");
    assert!(passages > 0, "no passage shown for any query");
    assert!(passages <= queries * 10, "more than ten passages a query");
    let junk = total["junk"].as_u64().unwrap();
    let mut by_kind = 0;
    for kind in [
        "toc",
        "marker",
        "furniture",
        "chart",
        "cover",
        "legal",
        "duplicate",
    ] {
        by_kind += total["kinds"][kind]["count"]
            .as_u64()
            .unwrap_or_else(|| panic!("no {kind} count"));
    }
    assert_eq!(junk, by_kind, "junk is not the sum of its kinds");
    let share = total["junk_share"].as_f64().unwrap();
    assert!((share - junk as f64 / passages as f64).abs() < 1e-3);
    for set in ["dev", "eval"] {
        let s = &report["sets"][set];
        assert!(s["passages"].as_u64().is_some(), "no {set} set");
        for q in s["per_query"].as_array().unwrap() {
            let classes = q["classes"].as_array().unwrap();
            assert_eq!(classes.len() as u64, q["passages"].as_u64().unwrap());
            assert!(q["junk"].as_u64().unwrap() <= classes.len() as u64);
        }
    }
}

#[test]
fn quality_names_a_missing_file() {
    let out = bench()
        .args(["quality", "--corpus"])
        .arg(repo().join("corpus"))
        .args(["--queries", "/nonexistent/queries.json"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("/nonexistent/queries.json"));

    let out = bench()
        .args(["quality", "--corpus", "/nonexistent/corpus", "--queries"])
        .arg(repo().join("crates/yanbao-bench/data/queries.json"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("/nonexistent/corpus"));
}
