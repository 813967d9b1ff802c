//! The probes beside yanbao's build: single-core jieba-rs throughput and the plain indexer (each
//! in a child process of this executable), PDF extraction through `yanbao __extract-pdf`, and
//! ripgrep's version.

use super::corpus::{corpus_files, corpus_pdfs, pick_sample, read_texts};
use super::measure::measure;
use super::tables::{clip, fmt_mb};
use crate::numbers::MB;
use anyhow::Result;
use serde_json::{json, Value};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Instant;

/// Above this corpus size jieba is measured on a sample of `JIEBA_SAMPLE` bytes.
const JIEBA_FULL_LIMIT: u64 = 200_000_000;
const JIEBA_SAMPLE: u64 = 100_000_000;

/// The hidden `jieba-probe` subcommand: prints the jieba figures for `corpus` as JSON.
pub fn jieba_probe(corpus: &Path) -> Result<()> {
    let files = corpus_files(corpus);
    let total = files.iter().map(|f| f.1).sum();
    println!("{}", jieba_throughput(&files, total));
    Ok(())
}

/// Single-core jieba-rs on the corpus, in a child process so that the
/// dictionary and the sample never raise this process's peak RSS (which
/// children inherit, see `measure`). Empty JSON if the probe fails.
pub fn jieba_probe_child(corpus: &Path) -> Result<Value> {
    let exe = match std::env::current_exe() {
        Ok(exe) => exe,
        Err(e) => {
            eprintln!("jieba probe skipped: {e}");
            return Ok(json!({}));
        }
    };
    let m = measure(
        Command::new(exe)
            .arg("jieba-probe")
            .arg("--corpus")
            .arg(corpus),
    )?;
    Ok(match serde_json::from_str::<Value>(m.stdout_head.trim()) {
        Ok(v) if m.code == Some(0) => v,
        _ => {
            eprintln!(
                "jieba probe failed ({}): {}",
                m.describe(),
                m.stderr_head.trim()
            );
            json!({})
        }
    })
}

/// The plain one-field tantivy + jieba indexer on the whole corpus (see `plain`), in a child
/// process like the jieba probe, building its index in `work`. Never fails the run: a failed
/// probe gives `{"error": reason}`, and the reason is also printed on stderr.
pub fn plain_probe_child(corpus: &Path, work: &Path) -> Value {
    let failed = |why: String| {
        eprintln!("plain indexer probe failed ({why})");
        json!({ "error": why })
    };
    let exe = match std::env::current_exe() {
        Ok(exe) => exe,
        Err(e) => return failed(e.to_string()),
    };
    let m = match measure(
        Command::new(exe)
            .arg("plain-probe")
            .arg("--corpus")
            .arg(corpus)
            .arg("--work")
            .arg(work),
    ) {
        Ok(m) => m,
        Err(e) => return failed(format!("{e:#}")),
    };
    match serde_json::from_str::<Value>(m.stdout_head.trim()) {
        Ok(mut v) if m.code == Some(0) && v.is_object() => {
            // Whole child process, dictionary load and corpus walk included. CPU time
            // can exceed wall time: besides the one indexing thread, the main thread
            // reads the files and tantivy compresses the doc store and merges on
            // threads of its own.
            v["process_seconds"] = json!(m.secs);
            v["process_cpu_seconds"] = json!(m.cpu_secs);
            v["peak_rss_kb"] = json!(m.maxrss_kb);
            v
        }
        _ => {
            let err = m.stderr_head.trim();
            let last = err.lines().last().unwrap_or("").trim();
            failed(format!("{}: {}", m.describe(), clip(last, 200)))
        }
    }
}

fn jieba_throughput(files: &[(PathBuf, u64)], total: u64) -> Value {
    let sizes: Vec<u64> = files.iter().map(|f| f.1).collect();
    let sampled = total > JIEBA_FULL_LIMIT;
    let idx = if sampled {
        pick_sample(&sizes, JIEBA_SAMPLE)
    } else {
        (0..files.len()).collect()
    };
    let texts = read_texts(files, &idx);
    let bytes: u64 = texts.iter().map(|t| t.len() as u64).sum();
    let t0 = Instant::now();
    let jieba = jieba_rs::Jieba::new();
    let load = t0.elapsed().as_secs_f64();
    let t1 = Instant::now();
    let mut tokens = 0usize;
    for t in &texts {
        tokens += jieba.cut(t, true).len();
    }
    let secs = t1.elapsed().as_secs_f64();
    json!({
        "mb_per_s": if secs > 0.0 { Some(bytes as f64 / MB / secs) } else { None },
        "seconds": secs,
        "sample_bytes": bytes,
        "sample_files": texts.len(),
        "sampled": sampled,
        "dict_load_seconds": load,
        "tokens": tokens,
    })
}

/// PDF extraction throughput: each .pdf of the corpus extracted as
/// `yanbao index` does it (one `yanbao __extract-pdf` process per file),
/// one file after another. `None` when the corpus has no PDF.
pub fn pdf_extraction(yanbao: &Path, corpus: &Path) -> Option<String> {
    let pdfs = corpus_pdfs(corpus);
    if pdfs.is_empty() {
        return None;
    }
    let (mut bytes, mut pages, mut failed) = (0u64, 0usize, 0usize);
    let started = std::time::Instant::now();
    for p in &pdfs {
        bytes += std::fs::metadata(p).map(|m| m.len()).unwrap_or(0);
        match Command::new(yanbao).arg("__extract-pdf").arg(p).output() {
            Ok(out) if out.status.success() => {
                let v: Value = serde_json::from_slice(&out.stdout).unwrap_or(Value::Null);
                pages += v["page_starts"].as_array().map(|a| a.len()).unwrap_or(0);
            }
            _ => failed += 1,
        }
    }
    let secs = started.elapsed().as_secs_f64().max(1e-9);
    Some(format!(
        "PDF extraction\n  {} files ({} without usable text), {}, {} pages in {:.2} s: {:.1} MB/s, {:.0} pages/s (one process per file, sequential)",
        pdfs.len(),
        failed,
        fmt_mb(bytes),
        pages,
        secs,
        bytes as f64 / 1e6 / secs,
        pages as f64 / secs
    ))
}

pub fn rg_version(rg: &Path) -> Option<String> {
    let out = Command::new(rg)
        .arg("--version")
        .stdin(Stdio::null())
        .output()
        .ok()?;
    if !out.status.success() {
        return None;
    }
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .next()
        .map(|s| s.trim().to_string())
}
