//! PDF reports: indexed with page numbers, bad files skipped with a reason,
//! extracted text cached by content hash.

mod common;

use common::Env;
use std::path::Path;

fn fixtures() -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/pdf")
}

fn env_with_fixtures() -> Env {
    let env = Env::new();
    for e in std::fs::read_dir(fixtures()).unwrap() {
        let p = e.unwrap().path();
        if p.extension().is_some_and(|x| x == "pdf") {
            std::fs::copy(&p, env.reports().join(p.file_name().unwrap())).unwrap();
        }
    }
    env
}

#[test]
fn pdf_fixtures_are_indexed_with_pages_and_bad_ones_skipped() {
    let env = env_with_fixtures();
    let r = env.index();
    assert!(r.stdout.contains("3 skipped"), "{}", r.stdout);
    assert!(
        r.stderr.contains("scanned.pdf: no extractable text"),
        "{}",
        r.stderr
    );
    assert!(
        r.stderr.contains("encrypted_user.pdf: encrypted"),
        "{}",
        r.stderr
    );
    assert!(
        r.stderr.contains("truncated_early.pdf: damaged"),
        "{}",
        r.stderr
    );
    // Text from each font kind, with its page.
    let r = env.run(&["mentions", "--json", "600519.SH"]);
    let rows = r.json_lines();
    for file in ["report_cid.pdf", "report_ttf.pdf", "report_type0.pdf"] {
        let row = rows
            .iter()
            .find(|m| m["path"] == file)
            .unwrap_or_else(|| panic!("{file} not found"));
        assert_eq!(row["page"], 1, "{row}");
    }
    let r = env.run(&["mentions", "600519.SH"]);
    assert!(r.stdout.contains("report_cid.pdf:p1:"), "{}", r.stdout);
    // Search results carry the page; the three copies are boilerplate to each other.
    let r = env.run(&[
        "search",
        "DeepSeek-R1",
        "--boilerplate",
        "--json",
        "-n",
        "50",
    ]);
    let rows = r.json_lines();
    assert!(rows
        .iter()
        .any(|h| h["path"] == "report_ttf.pdf" && h["page"].as_u64().unwrap() >= 1));
    let r = env.run(&["search", "DeepSeek-R1", "--boilerplate", "-n", "3"]);
    assert!(r.stdout.contains(".pdf:p"), "{}", r.stdout);
}

#[test]
fn markers_headers_and_page_numbers_stay_out_of_passages() {
    let env = env_with_fixtures();
    env.index();
    for marker in ["[Table_Summary]", "Table_"] {
        let r = env.run(&["mentions", "--count", marker]);
        assert_eq!(r.code, 1, "{marker}: {}", r.stdout);
    }
    let r = env.run(&["mentions", "--count", "第 3 页"]);
    assert_eq!(r.code, 1, "page footers removed: {}", r.stdout);
}

#[test]
fn extracted_text_is_cached_by_content_hash() {
    let env = env_with_fixtures();
    env.index();
    let cache = env.index_dir().join("pdf-text");
    let cached = std::fs::read_dir(&cache).unwrap().count();
    assert_eq!(cached, 5, "one cache entry per extracted PDF");
    // A renamed (new path, same content) PDF is indexed from the cache.
    std::fs::rename(
        env.reports().join("report_cid.pdf"),
        env.reports().join("renamed.pdf"),
    )
    .unwrap();
    let r = env.index();
    assert!(r.stdout.contains("1 new"), "{}", r.stdout);
    assert_eq!(std::fs::read_dir(&cache).unwrap().count(), 5);
    let r = env.run(&["mentions", "--files", "600519.SH"]);
    assert!(r.stdout.contains("renamed.pdf"));
}

#[test]
fn a_hanging_extraction_is_cut_off() {
    let env = env_with_fixtures();
    // A zero time limit: every extraction is killed, and said so.
    let r = env
        .cmd()
        .env("YANBAO_PDF_TIMEOUT", "0")
        .args(["index", env.reports().to_str().unwrap()])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&r.stderr);
    assert_eq!(r.status.code(), Some(0), "{stderr}");
    assert!(stderr.contains("took longer than 0 s"), "{stderr}");
}
