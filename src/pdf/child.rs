//! Text of PDF reports for indexing.
//!
//! Extraction (`pdf`) runs in a child process (`yanbao __extract-pdf`)
//! with a time limit, so that a hostile or broken file can neither hang
//! nor crash an index run, and several run in parallel with indexing.
//! The text is cached by content hash inside the index folder, so
//! re-indexing an unchanged (or moved) PDF costs no extraction.

use crate::pdf::{clean_pages, extract_pages, PdfPage};
use std::io::Read;
use std::path::Path;
use std::process::{Command, ExitCode, Stdio};
use std::time::{Duration, Instant};

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
    pub text: String,
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

/// The text of the PDF at `path` (content hash `hash`), from the cache or
/// a child process. Errors are one-line reasons for the user.
pub fn pdf_text(index_dir: &Path, path: &Path, hash: u64) -> Result<PdfText, String> {
    let cache = index_dir
        .join(CACHE_DIR)
        .join(format!("{hash:016x}.{CACHE_EXT}"));
    if let Ok(bytes) = std::fs::read(&cache) {
        if let Ok(t) = serde_json::from_slice::<PdfText>(&bytes) {
            return Ok(t);
        }
    }
    let exe = std::env::current_exe().map_err(|e| format!("cannot run the PDF extractor: {e}"))?;
    let mut child = Command::new(exe)
        .arg("__extract-pdf")
        .arg(path)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| format!("cannot run the PDF extractor: {e}"))?;
    // Read stdout while waiting, so a large text cannot block the child.
    let mut stdout = child.stdout.take().ok_or("no extractor output")?;
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
                return Err(format!(
                    "PDF extraction took longer than {} s: skipped",
                    limit.as_secs()
                ));
            }
            Ok(None) => std::thread::sleep(Duration::from_millis(10)),
            Err(e) => return Err(format!("PDF extractor failed: {e}")),
        }
    };
    let out = reader.join().unwrap_or_default();
    if !status.success() {
        let mut err = String::new();
        if let Some(mut e) = child.stderr.take() {
            let _ = e.read_to_string(&mut err);
        }
        let reason = err
            .lines()
            .rev()
            .find(|l| !l.trim().is_empty())
            .unwrap_or("")
            .trim()
            .to_string();
        return Err(if status.code().is_some() && !reason.is_empty() {
            reason
        } else {
            "damaged PDF: the extractor crashed".to_string()
        });
    }
    let text: PdfText = serde_json::from_slice(&out)
        .map_err(|e| format!("PDF extractor output unreadable: {e}"))?;
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

/// The child side: extract `path`, print its text as JSON; on failure
/// print the reason on stderr and exit 3.
pub fn extract_to_stdout(path: &Path) -> ExitCode {
    // A panic in a parser is a damaged file, said in one line.
    std::panic::set_hook(Box::new(|_| {}));
    let bytes = match std::fs::read(path) {
        Ok(b) => b,
        Err(e) => {
            eprintln!("{}", crate::index::walk::io_reason(&e));
            return ExitCode::from(3);
        }
    };
    match extract_pages(&bytes) {
        Ok(mut pages) => {
            clean_pages(&mut pages);
            let text = PdfText::from_pages(&pages);
            if text.text.trim().is_empty() {
                eprintln!("no extractable text");
                return ExitCode::from(3);
            }
            match serde_json::to_string(&text) {
                Ok(json) => {
                    println!("{json}");
                    ExitCode::SUCCESS
                }
                Err(e) => {
                    eprintln!("{e}");
                    ExitCode::from(3)
                }
            }
        }
        Err(e) => {
            eprintln!("{e}");
            ExitCode::from(3)
        }
    }
}
