//! Finding the report files of a folder.

use crate::error::io_reason;
use std::path::{Path, PathBuf};
use std::time::UNIX_EPOCH;

/// Extensions indexed, lowercase.
pub const TEXT_EXTENSIONS: &[&str] = &["txt", "md"];
/// Extension of PDF reports.
pub const PDF_EXTENSION: &str = "pdf";

/// A report file found in a folder.
#[derive(Debug, Clone)]
pub struct SourceFile {
    /// Path relative to the indexed folder, `/`-separated.
    pub rel: String,
    /// The path on disk.
    pub abs: PathBuf,
    /// Size in bytes.
    pub size: u64,
    /// Modification time in nanoseconds since the epoch.
    pub mtime: u64,
}

/// Whether a file name is one yanbao indexes.
pub fn is_report_file(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .map(|e| {
            let e = e.to_ascii_lowercase();
            TEXT_EXTENSIONS.contains(&e.as_str()) || e == PDF_EXTENSION
        })
        .unwrap_or(false)
}

/// All report files below `root`, sorted by relative path. Hidden entries
/// and the folder `skip` (the index itself) are left out; problems are
/// passed to `problem` as a path and a reason, and the walk goes on.
pub fn walk(
    root: &Path,
    skip: Option<&Path>,
    problem: &mut dyn FnMut(String, String),
) -> Vec<SourceFile> {
    let mut files = Vec::new();
    let skip_id = skip
        .and_then(|s| std::fs::metadata(s).ok())
        .and_then(|m| file_id(&m));
    let walker = walkdir::WalkDir::new(root)
        .follow_links(true)
        .into_iter()
        .filter_entry(|e| {
            if e.depth() == 0 {
                return true;
            }
            let hidden = e.file_name().to_str().is_some_and(|n| n.starts_with('.'));
            // Only a folder can be the index; comparing device and inode
            // costs one stat per folder, where canonicalizing every entry
            // was most of a re-index with nothing to do.
            let is_skip = e.file_type().is_dir()
                && skip.is_some_and(|s| {
                    e.path() == s
                        || match skip_id {
                            Some(id) => e.metadata().ok().and_then(|m| file_id(&m)) == Some(id),
                            None => same_file(e.path(), s),
                        }
                });
            !hidden && !is_skip
        });
    for entry in walker {
        let entry = match entry {
            Ok(e) => e,
            Err(err) => {
                let path = err
                    .path()
                    .map(|p| p.display().to_string())
                    .unwrap_or_else(|| root.display().to_string());
                let dangling = err
                    .path()
                    .is_some_and(|p| p.symlink_metadata().is_ok() && p.metadata().is_err());
                let reason = if err.loop_ancestor().is_some() {
                    "symbolic link loop".to_string()
                } else if dangling {
                    "broken symbolic link".to_string()
                } else if let Some(io) = err.io_error() {
                    io_reason(io)
                } else {
                    err.to_string()
                };
                problem(path, reason);
                continue;
            }
        };
        if !entry.file_type().is_file() || !is_report_file(entry.path()) {
            continue;
        }
        let meta = match entry.metadata() {
            Ok(m) => m,
            Err(err) => {
                let reason = err
                    .io_error()
                    .map(io_reason)
                    .unwrap_or_else(|| err.to_string());
                problem(entry.path().display().to_string(), reason);
                continue;
            }
        };
        let rel = entry.path().strip_prefix(root).unwrap_or(entry.path());
        let rel = rel
            .components()
            .map(|c| c.as_os_str().to_string_lossy())
            .collect::<Vec<_>>()
            .join("/");
        let mtime = meta
            .modified()
            .ok()
            .and_then(|t| t.duration_since(UNIX_EPOCH).ok())
            .map(|d| d.as_nanos() as u64)
            .unwrap_or(0);
        files.push(SourceFile {
            rel,
            abs: entry.path().to_path_buf(),
            size: meta.len(),
            mtime,
        });
    }
    files.sort_by(|a, b| a.rel.cmp(&b.rel));
    files.dedup_by(|a, b| a.rel == b.rel);
    files
}

/// Device and inode of a file, where the platform has them.
#[cfg(unix)]
fn file_id(meta: &std::fs::Metadata) -> Option<(u64, u64)> {
    use std::os::unix::fs::MetadataExt;
    Some((meta.dev(), meta.ino()))
}

#[cfg(not(unix))]
fn file_id(_meta: &std::fs::Metadata) -> Option<(u64, u64)> {
    None
}

fn same_file(a: &Path, b: &Path) -> bool {
    match (a.canonicalize(), b.canonicalize()) {
        (Ok(x), Ok(y)) => x == y,
        _ => false,
    }
}
