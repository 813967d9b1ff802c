//! What the harnesses share about the corpora they measure: the folder name each corpus
//! gets in a combined root, and an index built or updated by a `yanbao` binary.

use anyhow::{bail, Context, Result};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

/// Corpus `i` of a run: its absolute path and its folder's name in a root that holds
/// every corpus of the run, `N-FOLDER`, so that two corpora with one folder name differ.
pub fn numbered(i: usize, corpus: &Path) -> Result<(PathBuf, String)> {
    let abs = std::fs::canonicalize(corpus)
        .with_context(|| format!("corpus {} not found", corpus.display()))?;
    let name = abs
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "corpus".into());
    Ok((abs, format!("{i}-{name}")))
}

/// `BIN --index INDEX index [ROOT]`; its wall time in seconds.
pub fn index_run(bin: &Path, index: &Path, root: Option<&Path>) -> Result<f64> {
    let started = Instant::now();
    let mut cmd = Command::new(bin);
    cmd.arg("--index").arg(index).arg("index");
    if let Some(root) = root {
        cmd.arg(root);
    }
    let out = cmd
        .output()
        .with_context(|| format!("running {}", bin.display()))?;
    if !out.status.success() {
        bail!(
            "{} --index {} index{} failed ({}): {}",
            bin.display(),
            index.display(),
            root.map(|r| format!(" {}", r.display()))
                .unwrap_or_default(),
            out.status,
            String::from_utf8_lossy(&out.stderr).trim()
        );
    }
    Ok(started.elapsed().as_secs_f64())
}
