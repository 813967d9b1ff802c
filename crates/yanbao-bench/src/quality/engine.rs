//! What answers the queries: the linked library, or a `yanbao` binary run as
//! a child process (`--yanbao BIN`), so that an old and a new binary can be
//! scored on the same corpora and the same judgements.

use anyhow::{bail, Context, Result};
use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::Command;

/// One passage of a top ten, as shown.
#[derive(Debug, Clone)]
pub struct Hit {
    pub path: String,
    /// Character offset in the file; `None` when the binary did not say.
    pub offset: Option<u64>,
    pub title: String,
    pub section: String,
    pub text: String,
}

pub enum Engine {
    Library(Box<yanbao::Index>),
    Binary { bin: PathBuf, index: PathBuf },
}

/// The index of `root` built with the linked library.
pub fn build_with_library(root: &Path, dir: &Path) -> Result<()> {
    let t = std::time::Instant::now();
    let summary = yanbao::index(dir, &yanbao::IndexOptions::new(root), &yanbao::Silent)
        .context("building the index")?;
    eprintln!(
        "indexed {} reports in {:.1} s",
        summary.reports,
        t.elapsed().as_secs_f64()
    );
    Ok(())
}

/// The index of `root` built with the binary `bin` (`BIN --index DIR index ROOT`).
pub fn build_with_binary(bin: &Path, root: &Path, dir: &Path) -> Result<()> {
    let seconds = crate::corpora::index_run(bin, dir, Some(root))?;
    eprintln!("indexed with {} in {seconds:.1} s", bin.display());
    Ok(())
}

impl Engine {
    pub fn library(index: &Path) -> Result<Engine> {
        let index = yanbao::Index::open(index)
            .with_context(|| format!("opening index {}", index.display()))?;
        Ok(Engine::Library(Box::new(index)))
    }

    /// The top ten of `query` with the default search options.
    pub fn search(&self, query: &str) -> Result<Vec<Hit>> {
        match self {
            Engine::Library(index) => {
                let parsed = yanbao::query::parse(query)
                    .map_err(|e| anyhow::anyhow!("query {query:?}: {e}"))?;
                let hits = index
                    .search(&parsed, &yanbao::SearchOptions::default())?
                    .hits;
                Ok(hits
                    .into_iter()
                    .take(10)
                    .map(|h| Hit {
                        section: serde_json::to_value(h.section)
                            .ok()
                            .and_then(|v| v.as_str().map(str::to_string))
                            .unwrap_or_default(),
                        path: h.path,
                        offset: Some(h.offset),
                        title: h.title,
                        text: h.text,
                    })
                    .collect())
            }
            Engine::Binary { bin, index } => search_binary(bin, index, query),
        }
    }
}

/// `BIN --index IDX search --json -n 10 -- QUERY`: exit 0 with JSON lines,
/// 1 for no results; anything else is an error.
fn search_binary(bin: &Path, index: &Path, query: &str) -> Result<Vec<Hit>> {
    let out = Command::new(bin)
        .arg("--index")
        .arg(index)
        .args(["search", "--json", "-n", "10", "--"])
        .arg(query)
        .output()
        .with_context(|| format!("running {}", bin.display()))?;
    match out.status.code() {
        Some(0) => {}
        Some(1) => return Ok(Vec::new()),
        _ => bail!(
            "{} search {query:?} failed ({}): {}",
            bin.display(),
            out.status,
            String::from_utf8_lossy(&out.stderr).trim()
        ),
    }
    parse_json_lines(&String::from_utf8_lossy(&out.stdout))
        .with_context(|| format!("{} search {query:?}", bin.display()))
}

/// Hits from `search --json` output: one object a line; unknown fields are
/// ignored, missing ones left empty (a hit must have a path).
pub fn parse_json_lines(stdout: &str) -> Result<Vec<Hit>> {
    let mut hits = Vec::new();
    for line in stdout.lines().filter(|l| !l.trim().is_empty()) {
        let v: Value = serde_json::from_str(line).with_context(|| {
            format!(
                "not a JSON line: {}",
                line.chars().take(80).collect::<String>()
            )
        })?;
        let s = |name: &str| {
            v.get(name)
                .and_then(Value::as_str)
                .unwrap_or("")
                .to_string()
        };
        let path = s("path");
        if path.is_empty() {
            bail!(
                "a result has no path: {}",
                line.chars().take(80).collect::<String>()
            );
        }
        hits.push(Hit {
            path,
            offset: v.get("offset").and_then(Value::as_u64),
            title: s("title"),
            section: s("section"),
            text: s("text"),
        });
        if hits.len() == 10 {
            break;
        }
    }
    Ok(hits)
}
