//! `index`: bring the index up to date with its folders (its roots).
//!
//! A run has three phases. The *plan* ([`plan`]) compares the folder with
//! what the index holds: new and changed files are to be read, deleted
//! ones removed, unchanged ones (same size and mtime) skipped without
//! reading them. The *file work* ([`file`]) reads, cuts and analyses each
//! file on the file threads and hands its documents to tantivy. The
//! *commits* ([`commit`]) happen only between files, so an interrupted run
//! leaves the last committed state and the next run finishes the work.

mod commit;
mod file;
mod plan;

use crate::error::SkipReason;
use crate::index::backpressure::{Queue, QueuedDoc, QUEUED_DOCS};
use crate::index::folder::{self, Index};
use crate::index::merge::BoundedMergePolicy;
use crate::index::ordered_writer::OrderedWriter;
use crate::index::roots::{absolute, free_id, Root, Roots};
use crate::index::seen::Seen;
use crate::index::tokens::Segmenter;
use crate::pdf::child::{prune_cache, CACHE_DIR as PDF_CACHE_DIR};
use anyhow::{anyhow, bail, Context};
use commit::Committer;
use file::{Destination, FileOutcome};
use plan::{Plan, Scope, Todo, UserDict};
use rayon::prelude::*;
use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicU64, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Instant;
use tantivy::{IndexWriter, TantivyError};

/// What an index run is asked to do.
#[derive(Debug, Clone)]
pub struct IndexOptions {
    /// Folders of reports to add to the index's roots (a folder already
    /// among them is only brought up to date). Every root is brought up to
    /// date, given here or not.
    pub roots: Vec<PathBuf>,
    /// Roots to remove from the index with their reports: paths (which may
    /// no longer exist) or names as shown in output.
    pub forget: Vec<PathBuf>,
    /// A user dictionary (jieba format) for company and product names; kept
    /// with the index and used by later runs.
    pub dict: Option<PathBuf>,
    /// Set when the user asks to stop (Ctrl-C): the run commits what is
    /// done and returns with [`IndexSummary::interrupted`] set.
    pub stop: Arc<AtomicBool>,
}

impl IndexOptions {
    /// Options to index `root` (and the index's other roots) with no user
    /// dictionary.
    pub fn new(root: impl Into<PathBuf>) -> IndexOptions {
        IndexOptions {
            roots: vec![root.into()],
            forget: Vec::new(),
            dict: None,
            stop: Arc::new(AtomicBool::new(false)),
        }
    }
}

/// What an index run tells its caller while it works. Every method has an
/// empty default; the calls come from several threads.
pub trait Progress: Sync {
    /// Something the user should know: the index was rebuilt, the user
    /// dictionary changed, the index held another folder...
    fn note(&self, _message: &str) {}
    /// A file or folder was left out; the run goes on. `path` is as found
    /// on disk.
    fn skipped(&self, _path: &str, _reason: &SkipReason) {}
    /// The files to read are known: `files` of `bytes` bytes in all.
    fn start(&self, _files: usize, _bytes: u64) {}
    /// One more file was read (indexed or skipped); `bytes` is its size.
    fn file_done(&self, _bytes: u64) {}
    /// Every file was read; committing and merging follow.
    fn finish(&self) {}
}

/// A [`Progress`] that reports nothing.
#[derive(Debug, Default, Clone, Copy)]
pub struct Silent;

impl Progress for Silent {}

/// A file or folder an index run left out.
#[derive(Debug, Clone, serde::Serialize)]
pub struct SkippedFile {
    /// The path as found on disk.
    pub path: String,
    /// Why it was left out.
    #[serde(flatten)]
    pub reason: SkipReason,
}

/// What an index run did.
#[derive(Debug, Default, Clone, serde::Serialize)]
pub struct IndexSummary {
    /// Reports new to the index.
    pub added: usize,
    /// Reports read again because their file changed.
    pub changed: usize,
    /// Reports whose file is gone.
    pub removed: usize,
    /// Reports left as they were (same size and modification time).
    pub unchanged: usize,
    /// Files and folders left out (see `skipped_files`).
    pub skipped: usize,
    /// Bytes of the files read and indexed in this run.
    pub bytes: u64,
    /// Wall time of the run.
    pub seconds: f64,
    /// The run was stopped before it read every file; the next run
    /// finishes the work.
    pub interrupted: bool,
    /// Total reports in the index after the run.
    pub reports: usize,
    /// Roots not found on disk (moved, deleted, not mounted): their
    /// reports were kept as they were.
    pub missing_roots: Vec<String>,
    /// The files and folders left out, with their reasons.
    pub skipped_files: Vec<SkippedFile>,
}

/// Commit after this many bytes of input, so that a killed run loses little.
const COMMIT_BYTES: u64 = 256 << 20;
/// Files read per parallel batch (by bytes).
const BATCH_BYTES: u64 = 16 << 20;
const WRITER_MEMORY: usize = 256 << 20;

/// glibc raises its mmap threshold each time a large block is freed; after
/// that, tantivy's arena pages come from the heap, and the freed arenas of
/// finished segments stay fragmented there: a 1 GB build's resident memory
/// grew by 300 MB. A fixed threshold keeps large blocks mapped, so they go
/// back to the system when freed. (The `yanbao` binary allocates with
/// mimalloc; this is for library users on glibc, and for C code.)
fn keep_large_allocations_mapped() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: mallopt only changes an allocator parameter; called before
    // the indexing threads start.
    unsafe {
        libc::mallopt(libc::M_MMAP_THRESHOLD, 256 << 10);
    }
}

/// Adds the folders `opts.roots` to the roots of the index in
/// `index_dir`, forgets the roots `opts.forget`, and brings every root up
/// to date, creating the index if needed. Only one run may write to an
/// index at a time ([`crate::Error::Locked`] otherwise). Files that cannot
/// be read are reported to `progress` and listed in the summary; the rest
/// is indexed. A root not found on disk is reported and keeps its reports.
pub fn index(
    index_dir: &Path,
    opts: &IndexOptions,
    progress: &dyn Progress,
) -> crate::Result<IndexSummary> {
    let _lock = folder::lock(index_dir)?;
    Ok(run(index_dir, opts, progress, &PassRules::default())?.0)
}

/// What a watcher's pass asks of a run besides its options.
#[derive(Debug, Default)]
pub(crate) struct PassRules {
    /// Files still being written: left as the index holds them (or out,
    /// if new) until they settle.
    pub(crate) settling: HashSet<PathBuf>,
    /// Commit only when something changed (a watcher's passes are many).
    pub(crate) commit_only_changes: bool,
    /// Leave recent PDFs without their end-of-file marker as they are.
    pub(crate) wait_for_pdfs: bool,
}

/// What a run did besides its summary.
#[derive(Debug, Clone, Copy)]
pub(crate) struct RunOutcome {
    pub(crate) committed: bool,
    /// Files left as they were because they are still being written.
    pub(crate) held: usize,
}

/// An index run; the caller holds the index folder's lock.
pub(crate) fn run(
    index_dir: &Path,
    opts: &IndexOptions,
    progress: &dyn Progress,
    rules: &PassRules,
) -> anyhow::Result<(IndexSummary, RunOutcome)> {
    let started = Instant::now();
    let (opened, replaced) = folder::open_or_create(index_dir)?;
    if replaced.is_some() {
        progress.note(&format!(
            "{}: index written by another version of yanbao: rebuilding it",
            index_dir.display()
        ));
    }
    let held = match replaced {
        Some(roots) => roots,
        None => opened.payload().map(|p| p.roots).unwrap_or_default(),
    };
    let roots = settle_roots(held.clone(), opts)?;
    let dict = UserDict::load(index_dir, opts.dict.as_deref())?;
    let segmenter = Segmenter::new(dict.text.clone());
    let mut writer = open_writer(&opened, index_dir)?;
    dict.keep(index_dir, opts.dict.as_deref())?;

    let mut summary = IndexSummary::default();
    let skipped_files = Mutex::new(Vec::new());
    let skip = |path: String, reason: SkipReason| {
        progress.skipped(&path, &reason);
        (skipped_files.lock())
            .unwrap_or_else(|e| e.into_inner())
            .push(SkippedFile { path, reason });
    };
    let scope = Scope {
        roots: &roots,
        settling: &rules.settling,
        wait_for_pdfs: rules.wait_for_pdfs,
    };
    let plan = Plan::make(
        &opened,
        scope,
        &dict,
        &mut writer,
        &segmenter,
        progress,
        &skip,
    )?;
    summary.removed = plan.removed;
    summary.unchanged = plan.unchanged;
    summary.missing_roots = plan.missing_roots;
    let held_files = plan.held;
    let nothing_to_do = plan.todo.is_empty()
        && plan.removed == 0
        && roots == held
        && opened.payload().is_some_and(|p| p.complete);
    if rules.commit_only_changes && nothing_to_do {
        summary.skipped_files = skipped_files
            .into_inner()
            .unwrap_or_else(|e| e.into_inner());
        summary.skipped = summary.skipped_files.len();
        summary.reports = crate::query::reports::totals(&opened.searcher()?)?.0 as usize;
        summary.seconds = started.elapsed().as_secs_f64();
        return Ok((
            summary,
            RunOutcome {
                committed: false,
                held: held_files,
            },
        ));
    }

    // Read only when there is something to index: a run with nothing to do
    // stays a few milliseconds.
    let seen = if plan.todo.is_empty() {
        None
    } else {
        segmenter.preload();
        // A damaged set costs only counts: start an empty one.
        Some(Seen::load(index_dir).unwrap_or_else(|e| {
            progress.note(&format!("{e:#}; starting over"));
            Seen::default()
        }))
    };
    let mut committer = Committer::new(index_dir, &roots, &dict, seen.as_ref());
    let work = FileWork {
        queue: Queue::new(QUEUED_DOCS),
        wanted_texts: Mutex::new(plan.wanted_texts),
        counts: Counts::default(),
    };
    if let Some(seen) = &seen {
        let shared = Shared {
            work: &work,
            seen,
            segmenter: &segmenter,
            fields: &opened.fields,
            index_dir,
        };
        read_files(
            &plan.todo,
            &shared,
            &mut writer,
            &mut committer,
            opts,
            progress,
            &skip,
        )?;
    }
    if opts.stop.load(Ordering::SeqCst) {
        summary.interrupted = true;
    }
    let trace = std::env::var_os("YANBAO_TRACE").is_some();
    if trace {
        eprintln!(
            "added all documents: {:.2} s",
            started.elapsed().as_secs_f64()
        );
    }
    committer.commit(&mut writer, !summary.interrupted)?;
    // Texts of PDFs changed or gone since they were cached. An interrupted
    // run keeps them all: the next one may still want them.
    if !summary.interrupted && (!plan.todo.is_empty() || summary.removed > 0) {
        let wanted = (work.wanted_texts.into_inner()).unwrap_or_else(|e| e.into_inner());
        if let Err(e) = prune_cache(index_dir, &|hash| wanted.contains(&hash)) {
            progress.note(&format!("{}: {e}", index_dir.join(PDF_CACHE_DIR).display()));
        }
    }
    if trace {
        eprintln!("committed: {:.2} s", started.elapsed().as_secs_f64());
    }
    progress.finish();
    writer.into_inner().wait_merging_threads()?;
    if trace {
        eprintln!("merged: {:.2} s", started.elapsed().as_secs_f64());
    }

    let counts = work.counts;
    summary.added = counts.added.into_inner();
    summary.changed = counts.changed.into_inner();
    summary.bytes = counts.bytes.into_inner();
    summary.skipped_files = skipped_files
        .into_inner()
        .unwrap_or_else(|e| e.into_inner());
    summary.skipped = summary.skipped_files.len();
    summary.seconds = started.elapsed().as_secs_f64();
    opened.reload()?;
    summary.reports = crate::query::reports::totals(&opened.searcher()?)?.0 as usize;
    Ok((
        summary,
        RunOutcome {
            committed: true,
            held: held_files,
        },
    ))
}

/// The roots after adding `opts.roots` to `held` and removing
/// `opts.forget`. Roots nested in one another are refused: their reports
/// would be indexed twice.
fn settle_roots(held: Vec<Root>, opts: &IndexOptions) -> anyhow::Result<Vec<Root>> {
    let mut roots = held;
    // Numbers of roots forgotten in this run stay unused in it: their
    // reports' deletes and a new root's documents would share keys.
    let mut forgotten: Vec<Root> = Vec::new();
    let listed = |roots: &[Root]| {
        let names: Vec<&str> = roots.iter().map(|r| r.path.as_str()).collect();
        if names.is_empty() {
            "it has none".to_string()
        } else {
            format!("its roots are {}", names.join(", "))
        }
    };
    for dir in &opts.forget {
        let Some(root) = Roots::new(roots.clone()).find(dir).cloned() else {
            bail!(
                "{}: not a root of this index ({})",
                dir.display(),
                listed(&roots)
            );
        };
        if opts
            .roots
            .iter()
            .any(|d| absolute(d) == Path::new(&root.path))
        {
            bail!("{}: both added and forgotten", dir.display());
        }
        roots.retain(|r| r.id != root.id);
        forgotten.push(root);
    }
    for dir in &opts.roots {
        let abs = existing_folder(dir)?;
        if roots.iter().any(|r| Path::new(&r.path) == abs) {
            continue;
        }
        for r in &roots {
            let held = Path::new(&r.path);
            if abs.starts_with(held) {
                bail!(
                    "{}: inside the root {} of this index, whose reports it would index twice",
                    dir.display(),
                    r.path
                );
            }
            if held.starts_with(&abs) {
                bail!(
                    "{}: holds the root {} of this index, whose reports it would index twice (forget that root first: `yanbao index --forget {}`)",
                    dir.display(),
                    r.path,
                    r.path
                );
            }
        }
        let id = free_id(&[roots.as_slice(), forgotten.as_slice()].concat());
        roots.push(Root {
            path: abs.to_string_lossy().into_owned(),
            id,
        });
    }
    if roots.is_empty() && opts.forget.is_empty() {
        bail!("no folder to index: give one (`yanbao index DIR`)");
    }
    Ok(roots)
}

/// The folder to index, as an absolute path.
fn existing_folder(root: &Path) -> anyhow::Result<PathBuf> {
    if !root.exists() {
        bail!("{}: no such directory", root.display());
    }
    if !root.is_dir() {
        bail!("{}: not a directory", root.display());
    }
    root.canonicalize()
        .with_context(|| format!("{}", root.display()))
}

/// tantivy's writer, with our memory, threads and merge policy; the file
/// threads share it through an [`OrderedWriter`], which keeps their
/// deletes in order.
fn open_writer(opened: &Index, index_dir: &Path) -> anyhow::Result<OrderedWriter<QueuedDoc>> {
    keep_large_allocations_mapped();
    let writer: IndexWriter<QueuedDoc> = opened
        .index
        .writer_with_num_threads(2, WRITER_MEMORY)
        .map_err(|e| match e {
            TantivyError::LockFailure(..) => anyhow!(crate::Error::Locked {
                dir: index_dir.to_path_buf()
            }),
            e => anyhow!("cannot write to the index at {}: {e}", index_dir.display()),
        })?;
    writer.set_merge_policy(Box::new(BoundedMergePolicy));
    Ok(OrderedWriter::new(writer))
}

/// Counts kept by the file threads.
#[derive(Default)]
struct Counts {
    added: AtomicUsize,
    changed: AtomicUsize,
    bytes: AtomicU64,
}

/// What the file threads share besides the writer.
struct FileWork {
    queue: Arc<Queue>,
    /// Content hashes whose cached PDF text is still wanted: the unchanged
    /// reports' (from the plan), and the PDFs read in this run's.
    wanted_texts: Mutex<HashSet<u64>>,
    counts: Counts,
}

/// What the file threads share, besides the writer.
struct Shared<'a> {
    work: &'a FileWork,
    seen: &'a Seen,
    segmenter: &'a Segmenter,
    fields: &'a crate::index::schema::Fields,
    index_dir: &'a Path,
}

/// Reads the files of the plan in batches, the files of a batch in
/// parallel, with a chance to commit between batches.
fn read_files(
    todo: &[Todo],
    shared: &Shared,
    writer: &mut OrderedWriter<QueuedDoc>,
    committer: &mut Committer,
    opts: &IndexOptions,
    progress: &dyn Progress,
    skip: &(dyn Fn(String, SkipReason) + Sync),
) -> anyhow::Result<()> {
    let total_bytes: u64 = todo.iter().map(|t| t.file.size).sum();
    progress.start(todo.len(), total_bytes);
    let mut batch_start = 0;
    while batch_start < todo.len() {
        if opts.stop.load(Ordering::SeqCst) {
            break;
        }
        let mut batch_end = batch_start;
        let mut batch_bytes = 0;
        while batch_end < todo.len()
            && (batch_end == batch_start || batch_bytes + todo[batch_end].file.size <= BATCH_BYTES)
        {
            batch_bytes += todo[batch_end].file.size;
            batch_end += 1;
        }
        let counts = &shared.work.counts;
        let dest = Destination {
            writer: &*writer,
            wanted_texts: &shared.work.wanted_texts,
            queue: &shared.work.queue,
            seen: shared.seen,
            segmenter: shared.segmenter,
            fields: shared.fields,
            index_dir: shared.index_dir,
        };
        let results: Vec<anyhow::Result<()>> = todo[batch_start..batch_end]
            .par_iter()
            .map(
                |Todo {
                     file: f,
                     key,
                     existed,
                 }| {
                    // Ctrl-C: leave the rest of the batch for the next run.
                    if opts.stop.load(Ordering::SeqCst) {
                        return Ok(());
                    }
                    match file::index_file(&dest, f, key, *existed)? {
                        FileOutcome::Indexed { bytes } => {
                            counts.bytes.fetch_add(bytes, Ordering::Relaxed);
                            let n = if *existed {
                                &counts.changed
                            } else {
                                &counts.added
                            };
                            n.fetch_add(1, Ordering::Relaxed);
                        }
                        FileOutcome::Skipped(reason) => {
                            skip(f.abs.display().to_string(), reason);
                        }
                    }
                    progress.file_done(f.size);
                    Ok(())
                },
            )
            .collect();
        for r in results {
            r?;
        }
        batch_start = batch_end;
        if batch_start < todo.len() && committer.due(batch_bytes) {
            committer.commit(writer, false)?;
        }
    }
    Ok(())
}
