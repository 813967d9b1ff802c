//! The page of `yanbao serve` in a real browser: `tests/browser/ui_test.py`
//! drives Debian's chromium through chromedriver and selenium against a
//! server on an index of `corpus/`, and saves its screenshots under
//! `target/browser-shots`.
//!
//! Without chromium, chromedriver or selenium the test is skipped (with the
//! reason printed), unless `YANBAO_BROWSER_TEST=require` (as `.ci/run` sets
//! it), where a missing tool fails it.

use std::path::Path;
use std::process::Command;

use crate::testenv::{self, Env};

const CHROMIUM: &str = "/usr/bin/chromium";
const CHROMEDRIVER: &str = "/usr/bin/chromedriver";

/// The tools the browser test needs and this machine lacks.
fn missing_tools() -> Vec<String> {
    let mut missing: Vec<String> = [CHROMIUM, CHROMEDRIVER]
        .into_iter()
        .filter(|p| !Path::new(p).exists())
        .map(String::from)
        .collect();
    let selenium = Command::new("python3")
        .args(["-c", "import selenium"])
        .output();
    if !matches!(selenium, Ok(o) if o.status.success()) {
        missing.push("the python3 module selenium".to_string());
    }
    missing
}

#[test]
fn page_in_chromium_searches_filters_reads_and_charts() {
    let missing = missing_tools();
    if !missing.is_empty() {
        let required = std::env::var("YANBAO_BROWSER_TEST").as_deref() == Ok("require");
        assert!(
            !required,
            "YANBAO_BROWSER_TEST=require, but these are missing: {}",
            missing.join(", ")
        );
        eprintln!(
            "serve_browser skipped: missing {} (set YANBAO_BROWSER_TEST=require to fail instead)",
            missing.join(", ")
        );
        return;
    }
    let env = Env::new();
    let corpus = testenv::sample_corpus();
    let indexed = env.run(&["index", corpus.to_str().unwrap()]);
    assert_eq!(indexed.code, 0, "index failed: {}", indexed.stderr);

    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    let shots = repo.join("target").join("browser-shots");
    let out = Command::new("python3")
        .arg(repo.join("tests").join("browser").join("ui_test.py"))
        .arg("--yanbao")
        .arg(testenv::bin())
        .arg("--index")
        .arg(env.index_dir())
        .arg("--shots")
        .arg(&shots)
        .output()
        .expect("run python3");
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    println!("{stdout}");
    eprintln!("{stderr}");
    assert!(
        out.status.success(),
        "the browser test failed ({}); screenshots in {}:\n{stdout}\n{stderr}",
        out.status,
        shots.display()
    );
}
