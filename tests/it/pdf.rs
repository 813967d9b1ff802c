//! PDF reports: indexed with page numbers, bad files skipped with a reason,
//! extracted text cached by content hash.

use crate::testenv::{pdf_fixtures as fixtures, Env};

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
    // Search results carry the page; the three copies' identical passages
    // are one hit, the others named in `also`.
    let r = env.run(&[
        "search",
        "DeepSeek-R1",
        "--boilerplate",
        "--json",
        "-n",
        "50",
    ]);
    let rows = r.json_lines();
    let ttf = serde_json::json!("report_ttf.pdf");
    assert!(
        rows.iter().any(|h| (h["path"] == ttf
            || h["also"].as_array().is_some_and(|a| a.contains(&ttf)))
            && h["page"].as_u64().unwrap() >= 1),
        "{rows:?}"
    );
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
fn cached_texts_of_changed_and_removed_pdfs_are_dropped() {
    let env = env_with_fixtures();
    env.index();
    let cache = env.index_dir().join("pdf-text");
    let entries = || {
        let mut names: Vec<String> = std::fs::read_dir(&cache)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    };
    let first = entries();
    assert_eq!(first.len(), 5, "{first:?}");
    // A killed run's partial write, and a file that is not the cache's.
    std::fs::write(cache.join("00000000000000ab.tmp4242"), "{").unwrap();
    std::fs::write(cache.join("notes.txt"), "mine").unwrap();

    // The skipped PDFs are tried again, so the run prunes: the unchanged
    // reports' texts stay, the partial write goes.
    let r = env.index();
    assert!(r.stdout.contains("5 unchanged"), "{}", r.stdout);
    let mut expected = first.clone();
    expected.push("notes.txt".to_string());
    expected.sort();
    assert_eq!(entries(), expected);

    // One PDF removed, one replaced by another's content.
    std::fs::remove_file(env.reports().join("report_ttf.pdf")).unwrap();
    std::fs::copy(
        fixtures().join("report_cid.pdf"),
        env.reports().join("report_type0.pdf"),
    )
    .unwrap();
    let r = env.index();
    assert!(r.stdout.contains("1 changed, 1 removed"), "{}", r.stdout);
    let now = entries();
    assert_eq!(now.len(), 4, "{now:?}");
    assert!(now.contains(&"notes.txt".to_string()), "{now:?}");
    assert!(now.iter().all(|n| !n.contains(".tmp")), "{now:?}");
    // The texts left are those of the PDFs indexed, and still serve.
    let r = env.run(&["mentions", "--files", "600519.SH"]);
    assert!(r.stdout.contains("report_type0.pdf"), "{}", r.stdout);
    std::fs::remove_dir_all(env.index_dir()).unwrap();
    let fresh = env.index();
    assert!(fresh.stdout.contains("4 new"), "{}", fresh.stdout);
    assert_eq!(entries().len(), 3, "a clean build caches the same texts");
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
