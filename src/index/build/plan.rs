//! The plan of an index run: what the index holds, what the folder holds,
//! and so which files to read, which reports to remove and which to leave.

use super::Progress;
use crate::error::io_reason;
use crate::error::SkipReason;
use crate::index::backpressure::QueuedDoc;
use crate::index::columns::{path_column, paths_of_ords};
use crate::index::folder::{Index, USER_DICT_FILE};
use crate::index::ordered_writer::OrderedWriter;
use crate::index::roots::{key, split_key, Root};
use crate::index::schema::KIND_REPORT;
use crate::index::seen::Seen;
use crate::index::tokens::{check_user_dict, Segmenter};
use crate::index::walk::{walk, SourceFile, PDF_EXTENSION};
use crate::index::watch::{pdf_complete, PDF_PATIENCE};
use anyhow::{anyhow, Context, Result};
use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use tantivy::schema::{IndexRecordOption, Term};
use tantivy::DocSet;

/// The user dictionary of a run: a new one given now, or the one kept with
/// the index.
pub(super) struct UserDict {
    pub(super) text: Option<String>,
    /// Hash of `text`, recorded with each commit: words cut with another
    /// dictionary must be cut again.
    pub(super) hash: Option<String>,
}

impl UserDict {
    pub(super) fn load(index_dir: &Path, given: Option<&Path>) -> Result<UserDict> {
        let kept = index_dir.join(USER_DICT_FILE);
        let text = match given {
            Some(p) => Some(
                std::fs::read_to_string(p)
                    .map_err(|e| anyhow!("{}: {}", p.display(), io_reason(&e)))?,
            ),
            None => std::fs::read_to_string(&kept).ok(),
        };
        if let Some(text) = &text {
            check_user_dict(text).map_err(|e| match given {
                Some(p) => anyhow!("{}: not a jieba dictionary: {e}", p.display()),
                None => anyhow!("{}: {e}", kept.display()),
            })?;
        }
        let hash = text
            .as_ref()
            .map(|t| format!("{:016x}", xxhash_rust::xxh3::xxh3_64(t.as_bytes())));
        Ok(UserDict { text, hash })
    }

    /// Keeps a copy of a newly given dictionary with the index.
    pub(super) fn keep(&self, index_dir: &Path, given: Option<&Path>) -> Result<()> {
        if let (Some(p), Some(text)) = (given, &self.text) {
            std::fs::write(index_dir.join(USER_DICT_FILE), text)
                .with_context(|| format!("cannot keep a copy of {}", p.display()))?;
        }
        Ok(())
    }
}

/// What the index holds of a report's file.
struct Known {
    size: u64,
    mtime: u64,
    /// Content hash (the key of a PDF's cached text).
    hash: u64,
}

/// What the index already holds: per key, size, mtime and hash.
fn known_reports(opened: &Index) -> Result<HashMap<String, Known>> {
    let searcher = opened.searcher()?;
    let mut known = HashMap::new();
    let report_kind = Term::from_field_u64(opened.fields.kind, KIND_REPORT);
    for seg in searcher.segment_readers() {
        let ff = seg.fast_fields();
        let size = ff.u64("size")?;
        let mtime = ff.u64("mtime")?;
        let hash = ff.u64("hash")?;
        let path = path_column(seg)?;
        // Report documents from the `kind` postings; their paths are read
        // together, by sorted ordinal.
        let mut reports: Vec<(u64, Known)> = Vec::new();
        let kinds = seg.inverted_index(opened.fields.kind)?;
        if let Some(mut docs) = kinds.read_postings(&report_kind, IndexRecordOption::Basic)? {
            let mut doc = docs.doc();
            while doc != tantivy::TERMINATED {
                if !seg.is_deleted(doc) {
                    if let Some(ord) = path.term_ords(doc).next() {
                        let k = Known {
                            size: size.first(doc).unwrap_or(0),
                            mtime: mtime.first(doc).unwrap_or(0),
                            hash: hash.first(doc).unwrap_or(0),
                        };
                        reports.push((ord, k));
                    }
                }
                doc = docs.advance();
            }
        }
        reports.sort_unstable_by_key(|(ord, _)| *ord);
        let ords: Vec<u64> = reports.iter().map(|(ord, _)| *ord).collect();
        let paths = paths_of_ords(&path, &ords)?;
        known.extend(paths.into_iter().zip(reports.into_iter().map(|(_, k)| k)));
    }
    Ok(known)
}

/// The work of a run.
pub(super) struct Plan {
    /// Files to read, each with its key and whether the index held an
    /// older version.
    pub(super) todo: Vec<Todo>,
    /// Reports removed: their file is gone, or their root forgotten.
    pub(super) removed: usize,
    pub(super) unchanged: usize,
    /// Roots not found on disk, whose reports stay as they were.
    pub(super) missing_roots: Vec<String>,
    /// Files left as they were because they are still being written.
    pub(super) held: usize,
    /// Content hashes of the unchanged reports (their cached PDF text is
    /// still wanted).
    pub(super) wanted_texts: HashSet<u64>,
}

/// The files a run looks at.
pub(super) struct Scope<'a> {
    /// The roots after this run's additions and forgettings.
    pub(super) roots: &'a [Root],
    /// Files still being written, left as they are.
    pub(super) settling: &'a HashSet<PathBuf>,
    /// Leave PDFs without their end-of-file marker as they are too, for a
    /// while after they last changed (a watcher may see a PDF being
    /// written before it hears of it).
    pub(super) wait_for_pdfs: bool,
}

/// A file to read.
pub(super) struct Todo {
    pub(super) file: SourceFile,
    /// Its report's key (see [`crate::index::roots`]).
    pub(super) key: String,
    /// The index held an older version.
    pub(super) existed: bool,
}

impl Plan {
    /// Compares the folders of `scope.roots` with the index, and queues the
    /// deletes of the reports that are gone, or whose root is not in
    /// `roots` (forgotten). A root not found on disk keeps its reports. A
    /// changed user dictionary makes every report to be read again. Files
    /// in `scope.settling` (still being written) are left as they are.
    pub(super) fn make(
        opened: &Index,
        scope: Scope,
        dict: &UserDict,
        writer: &mut OrderedWriter<QueuedDoc>,
        segmenter: &Segmenter,
        progress: &dyn Progress,
        skip: &(dyn Fn(String, SkipReason) + Sync),
    ) -> Result<Plan> {
        let Scope {
            roots,
            settling,
            wait_for_pdfs,
        } = scope;
        let mut held = 0;
        let previous = opened.payload();
        let mut known = known_reports(opened)?;
        // A new index: every file found will be cut, so jieba loads while the
        // folder is walked. (An existing one waits to know there is work.)
        if known.is_empty() {
            segmenter.preload();
        }
        let same_dict = previous.as_ref().is_none_or(|p| p.dict_hash == dict.hash);
        if !same_dict {
            if !known.is_empty() {
                progress.note("the user dictionary changed: re-indexing every report");
            }
            // Same files, new segmentation: everything counts as changed
            // (a missing root's reports keep the old words until it is back).
            for k in known.values_mut() {
                k.size = u64::MAX;
            }
        }

        let index_abs = opened.dir.canonicalize().ok();
        let mut todo = Vec::new();
        let mut present = HashSet::new();
        let mut wanted_texts = HashSet::new();
        let mut missing_roots = Vec::new();
        let mut unchanged = 0;
        for root in roots {
            let dir = Path::new(&root.path);
            if !dir.is_dir() {
                let kept: Vec<&String> = (known.keys())
                    .filter(|k| split_key(k).0 == root.id)
                    .collect();
                progress.note(&format!(
                    "{}: root not found (moved, deleted or not mounted): its {} reports are kept until `yanbao index --forget {}`",
                    root.path,
                    kept.len(),
                    root.path
                ));
                for k in kept {
                    present.insert(k.clone());
                    unchanged += 1;
                    wanted_texts.insert(known[k].hash);
                }
                missing_roots.push(root.path.clone());
                continue;
            }
            // Problems met while walking (broken links, loops, unreadable
            // folders) count as skipped files.
            let mut walk_problem =
                |path: String, reason: String| skip(path, SkipReason::Io(reason));
            for file in walk(dir, index_abs.as_deref(), &mut walk_problem) {
                let key = key(root.id, &file.rel);
                let existed = match known.get(&key) {
                    Some(k) if k.size == file.size && k.mtime == file.mtime => {
                        unchanged += 1;
                        wanted_texts.insert(k.hash);
                        present.insert(key);
                        continue;
                    }
                    Some(_) => true,
                    None => false,
                };
                if settling.contains(&file.abs) || (wait_for_pdfs && pdf_unfinished(&file)) {
                    // Still being written: as the index holds it, for now.
                    if let Some(k) = known.get(&key) {
                        wanted_texts.insert(k.hash);
                        present.insert(key);
                    }
                    held += 1;
                    continue;
                }
                present.insert(key.clone());
                todo.push(Todo { file, key, existed });
            }
        }
        let mut removed = 0;
        for key in known.keys().filter(|k| !present.contains(*k)) {
            writer.delete_term(Term::from_field_text(opened.fields.path, key));
            removed += 1;
        }
        if !same_dict {
            Seen::forget(&opened.dir)?;
        }
        Ok(Plan {
            todo,
            removed,
            unchanged,
            missing_roots,
            held,
            wanted_texts,
        })
    }
}

/// A PDF that changed lately and does not end with its `%%EOF` marker:
/// probably still being written.
fn pdf_unfinished(file: &SourceFile) -> bool {
    let is_pdf = Path::new(&file.rel)
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case(PDF_EXTENSION));
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos() as u64);
    let lately = now.saturating_sub(file.mtime) < PDF_PATIENCE.as_nanos() as u64;
    is_pdf && lately && !pdf_complete(&file.abs)
}
