//! Text of PDF reports for indexing.
//!
//! Extraction (`pdf`) runs in a child process (`yanbao __extract-pdf`)
//! with a time limit, so that a hostile or broken file can neither hang
//! nor crash an index run, and several run in parallel with indexing.
//! The text is cached by content hash inside the index folder, so
//! re-indexing an unchanged (or moved) PDF costs no extraction.
//!
//! The child prints the text as one JSON line ([`PdfText`]) on stdout; on
//! failure it prints one JSON line on stderr saying why (a [`PdfError`],
//! an unreadable file, or an output it could not write), which the parent
//! turns back into a [`SkipReason`].

use crate::error::SkipReason;
use crate::pdf::{clean_pages, extract_pages, PdfError, PdfPage};
use std::io::{Read, Write};
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// The `yanbao` subcommand that runs [`run_extractor`] on its one argument,
/// a PDF path; [`pdf_text`] starts the child with it.
pub const EXTRACT_SUBCOMMAND: &str = "__extract-pdf";
/// The folder, inside the index folder, of the cached texts.
pub const CACHE_DIR: &str = "pdf-text";
/// A cached text is `{hash:016x}.json`; while it is written,
/// `{hash:016x}.tmp{pid}` (`prune_cache` reads these names back).
const CACHE_EXT: &str = "json";
const PARTIAL_EXT: &str = "tmp";
/// Seconds one PDF may take; `YANBAO_PDF_TIMEOUT` overrides.
const DEFAULT_TIMEOUT_SECS: u64 = 60;

/// The pages of a PDF as one text, with the byte offset where each page starts.
#[derive(Debug, Clone, Default, serde::Serialize, serde::Deserialize)]
pub struct PdfText {
    /// The pages' text, each page's trimmed text followed by `\n`.
    pub text: String,
    /// Byte offset in `text` where each page starts, in page order.
    pub page_starts: Vec<usize>,
}

impl PdfText {
    fn from_pages(pages: &[PdfPage]) -> PdfText {
        let mut out = PdfText::default();
        for p in pages {
            out.page_starts.push(out.text.len());
            out.text.push_str(p.text.trim_end());
            // Pages join like lines: a paragraph may go on over a page break.
            out.text.push('\n');
        }
        out
    }

    /// 1-based page of the byte `at` of `text`.
    pub fn page_at(&self, at: usize) -> u32 {
        self.page_starts.partition_point(|&s| s <= at).max(1) as u32
    }
}

fn timeout() -> Duration {
    let secs = std::env::var("YANBAO_PDF_TIMEOUT")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(DEFAULT_TIMEOUT_SECS);
    Duration::from_secs(secs)
}

/// Why the child gave no text: the one JSON line it prints on stderr.
#[derive(Debug, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "kebab-case")]
enum Failure {
    /// The PDF gives no text.
    Error(PdfError),
    /// The file could not be read; a short reason.
    Io(String),
    /// The text could not be written out.
    Output(String),
}

impl From<Failure> for SkipReason {
    fn from(f: Failure) -> SkipReason {
        match f {
            Failure::Error(e) => SkipReason::Pdf(e),
            Failure::Io(reason) => SkipReason::Io(reason),
            Failure::Output(reason) => SkipReason::PdfExtractor(reason),
        }
    }
}

/// The failure a child reported on `stderr`: its last non-empty line,
/// when that line is one of ours.
fn reported_failure(stderr: &str) -> Option<Failure> {
    let line = stderr.lines().rev().find(|l| !l.trim().is_empty())?;
    serde_json::from_str(line.trim()).ok()
}

/// The text of the PDF at `path` (content hash `hash`), from the cache or
/// a child process (`yanbao __extract-pdf`, see [`EXTRACT_SUBCOMMAND`]).
///
/// Errors: [`SkipReason::Pdf`] when the PDF gives no text,
/// [`SkipReason::Io`] when the child cannot read the file,
/// [`SkipReason::PdfTimeout`] past the time limit (`YANBAO_PDF_TIMEOUT`
/// seconds, default 60), [`SkipReason::PdfCrash`] when the child dies by a
/// signal or without saying why, and [`SkipReason::PdfExtractor`] when it
/// cannot be started or its output cannot be read.
pub fn pdf_text(index_dir: &Path, path: &Path, hash: u64) -> Result<PdfText, SkipReason> {
    let cache = index_dir
        .join(CACHE_DIR)
        .join(format!("{hash:016x}.{CACHE_EXT}"));
    if let Ok(bytes) = std::fs::read(&cache) {
        if let Ok(t) = serde_json::from_slice::<PdfText>(&bytes) {
            return Ok(t);
        }
    }
    let cannot_run =
        |e: std::io::Error| SkipReason::PdfExtractor(format!("cannot run the PDF extractor: {e}"));
    let exe = std::env::current_exe().map_err(cannot_run)?;
    let mut child = Command::new(exe)
        .arg(EXTRACT_SUBCOMMAND)
        .arg(path)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(cannot_run)?;
    // Read stdout while waiting, so a large text cannot block the child.
    let mut stdout = child
        .stdout
        .take()
        .ok_or_else(|| SkipReason::PdfExtractor("no extractor output".to_string()))?;
    let reader = std::thread::spawn(move || {
        let mut buf = Vec::new();
        let _ = stdout.read_to_end(&mut buf);
        buf
    });
    let started = Instant::now();
    let limit = timeout();
    let status = loop {
        match child.try_wait() {
            Ok(Some(s)) => break s,
            Ok(None) if started.elapsed() > limit => {
                let _ = child.kill();
                let _ = child.wait();
                return Err(SkipReason::PdfTimeout {
                    seconds: limit.as_secs(),
                });
            }
            Ok(None) => std::thread::sleep(Duration::from_millis(10)),
            Err(e) => {
                return Err(SkipReason::PdfExtractor(format!(
                    "PDF extractor failed: {e}"
                )))
            }
        }
    };
    let out = reader.join().unwrap_or_default();
    if !status.success() {
        let mut err = String::new();
        if let Some(mut e) = child.stderr.take() {
            let _ = e.read_to_string(&mut err);
        }
        // Killed by a signal, or dead without a word (a stack overflow, an
        // abort): the file crashed the extractor.
        return Err(match status.code().and_then(|_| reported_failure(&err)) {
            Some(failure) => failure.into(),
            None => SkipReason::PdfCrash,
        });
    }
    let text: PdfText = serde_json::from_slice(&out)
        .map_err(|e| SkipReason::PdfExtractor(format!("PDF extractor output unreadable: {e}")))?;
    if let Some(dir) = cache.parent() {
        let tmp = cache.with_extension(format!("{PARTIAL_EXT}{}", std::process::id()));
        if std::fs::create_dir_all(dir).is_ok() && std::fs::write(&tmp, &out).is_ok() {
            let _ = std::fs::rename(&tmp, &cache);
        }
    }
    Ok(text)
}

/// Removes the cached texts whose content hash `wanted` rejects, and the
/// partial files of writes that were cut short. Files not named like ours
/// are left alone.
pub fn prune_cache(index_dir: &Path, wanted: &dyn Fn(u64) -> bool) -> std::io::Result<()> {
    let entries = match std::fs::read_dir(index_dir.join(CACHE_DIR)) {
        Ok(entries) => entries,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(()),
        Err(e) => return Err(e),
    };
    for entry in entries {
        let entry = entry?;
        let name = entry.file_name();
        let Some((hex, ext)) = name.to_str().and_then(|n| n.split_once('.')) else {
            continue;
        };
        let hash = match u64::from_str_radix(hex, 16) {
            Ok(hash) if hex.len() == 16 => hash,
            _ => continue,
        };
        let stale = match ext {
            CACHE_EXT => !wanted(hash),
            // Only one index run writes at a time: a partial file is a
            // killed run's.
            _ => ext
                .strip_prefix(PARTIAL_EXT)
                .is_some_and(|pid| pid.parse::<u32>().is_ok()),
        };
        if stale {
            std::fs::remove_file(entry.path())?;
        }
    }
    Ok(())
}

/// The child side, run by `yanbao __extract-pdf PATH`: extracts the PDF at
/// `path`, cleans its pages, and writes the text to `out` as one JSON line
/// ([`PdfText`]).  On failure writes one JSON line saying why to `err`
/// (read back by [`pdf_text`]) and returns false; the binary then exits
/// with status 3.
///
/// A panic inside the parser is caught and reported as a damaged file;
/// the caller may install a silent panic hook so that the default panic
/// message does not reach `err`'s stream as well.
pub fn run_extractor(path: &Path, out: &mut dyn Write, err: &mut dyn Write) -> bool {
    let failure = match extract(path) {
        Ok(text) => match write_text(&text, out) {
            Ok(()) => return true,
            Err(e) => Failure::Output(e.to_string()),
        },
        Err(failure) => failure,
    };
    // Nothing more can be done if stderr cannot be written: the parent
    // then sees a crash.
    if let Ok(json) = serde_json::to_string(&failure) {
        let _ = writeln!(err, "{json}");
        let _ = err.flush();
    }
    false
}

/// The cleaned text of the PDF at `path`.
fn extract(path: &Path) -> Result<PdfText, Failure> {
    let bytes = std::fs::read(path).map_err(|e| Failure::Io(crate::error::io_reason(&e)))?;
    let mut pages = extract_pages(&bytes).map_err(Failure::Error)?;
    clean_pages(&mut pages);
    let text = PdfText::from_pages(&pages);
    // Cleaning can leave nothing: a page number was the only text.
    if text.text.trim().is_empty() {
        return Err(Failure::Error(PdfError::NoText));
    }
    Ok(text)
}

fn write_text(text: &PdfText, out: &mut dyn Write) -> std::io::Result<()> {
    let mut json = serde_json::to_vec(text)?;
    json.push(b'\n');
    out.write_all(&json)?;
    out.flush()
}

#[cfg(test)]
mod tests {
    use super::*;

    const FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/pdf");

    fn run(name: &str) -> (bool, Vec<u8>, String) {
        let (mut out, mut err) = (Vec::new(), Vec::new());
        let ok = run_extractor(&Path::new(FIXTURES).join(name), &mut out, &mut err);
        (ok, out, String::from_utf8(err).unwrap())
    }

    #[test]
    fn extractor_writes_the_text_as_one_json_line() {
        let (ok, out, err) = run("report_ttf.pdf");
        assert!(ok && err.is_empty(), "{err}");
        assert_eq!(out.iter().filter(|b| **b == b'\n').count(), 1);
        assert!(out.ends_with(b"\n"));
        let text: PdfText = serde_json::from_slice(&out).unwrap();
        assert_eq!(text.page_starts.len(), 5);
        assert_eq!(text.page_at(text.page_starts[2]), 3);
    }

    #[test]
    fn extractor_failures_come_back_as_skip_reasons() {
        let (ok, out, err) = run("encrypted_user.pdf");
        assert!(!ok && out.is_empty());
        assert_eq!(err, "{\"error\":{\"kind\":\"encrypted\"}}\n");
        let reason = SkipReason::from(reported_failure(&err).unwrap());
        assert_eq!(reason, SkipReason::Pdf(PdfError::Encrypted));
        assert_eq!(reason.to_string(), "encrypted PDF (needs a password)");

        let (ok, _, err) = run("truncated_early.pdf");
        assert!(!ok);
        let reason = SkipReason::from(reported_failure(&err).unwrap());
        assert_eq!(reason.kind(), "pdf-damaged");
        assert_eq!(
            reason.to_string(),
            "damaged PDF: truncated or broken file: no text survived"
        );

        let (ok, _, err) = run("scanned.pdf");
        assert!(!ok);
        let reason = SkipReason::from(reported_failure(&err).unwrap());
        assert_eq!(reason, SkipReason::Pdf(PdfError::NoText));

        let (ok, _, err) = run("no such file.pdf");
        assert!(!ok);
        let reason = SkipReason::from(reported_failure(&err).unwrap());
        assert_eq!(
            reason,
            SkipReason::Io("file vanished during the run".into())
        );
    }

    #[test]
    fn only_a_last_line_of_ours_is_a_reported_failure() {
        let line = serde_json::to_string(&Failure::Error(PdfError::Damaged("x".into()))).unwrap();
        assert_eq!(line, r#"{"error":{"kind":"damaged","detail":"x"}}"#);
        let noisy = format!("thread 'main' panicked at src/x.rs\n{line}\n\n");
        assert_eq!(
            reported_failure(&noisy),
            Some(Failure::Error(PdfError::Damaged("x".into())))
        );
        assert_eq!(reported_failure(&format!("{line}\nsomething else")), None);
        assert_eq!(reported_failure("damaged PDF: x"), None);
        assert_eq!(reported_failure(""), None);
    }

    #[test]
    fn pdf_errors_round_trip_through_json() {
        for e in [
            PdfError::Encrypted,
            PdfError::Damaged("no pages found".into()),
            PdfError::NoText,
            PdfError::Unsupported("no %PDF- header".into()),
        ] {
            let json = serde_json::to_string(&e).unwrap();
            assert_eq!(
                serde_json::from_str::<PdfError>(&json).unwrap(),
                e,
                "{json}"
            );
        }
    }
}
