//! `yanbao index DIR`: bring the index up to date with a folder.
//!
//! New and changed files are (re)indexed, deleted ones removed, unchanged
//! ones (same size and mtime) skipped without reading them. Each file's
//! report document and passage documents go into the same commit, and
//! commits happen only between files, so an interrupted run leaves the
//! last committed state and the next run finishes the work.

use crate::report::{analyze_block, sentence_fingerprints};
use crate::index::backpressure::{Queue, QueuedDoc, QUEUED_DOCS};
use crate::text::decode::decode;
use crate::text::normalize::{display_text, normalize, normalize_with_map, Normalized};
use crate::index::ordered_writer::OrderedWriter;
use crate::text::passage::{cut_normalized, first_line_title, Passage, OVERLAP_CHARS};
use crate::pdf::child::{pdf_text, prune_cache, CACHE_DIR as PDF_CACHE_DIR};
use crate::index::schema::{Fields, EXPLICIT_TICKER, KIND_PASSAGE, KIND_REPORT};
use crate::index::seen::Seen;
use crate::index::folder::{self as store, Payload, USER_DICT_FILE};
use crate::query::stored::{path_column, paths_of_ords, TickerHit};
use crate::report::{extract_meta, ReportMeta};
use crate::index::tokens::{check_user_dict, grams_value, Segmenter};
use crate::index::walk::{io_reason, walk, SourceFile, PDF_EXTENSION};
use anyhow::{anyhow, bail, Context, Result};
use rayon::prelude::*;
use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicU64, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};
use tantivy::indexer::UserOperation;
use tantivy::schema::{IndexRecordOption, Term};
use tantivy::DocSet;
use tantivy::{IndexWriter, TantivyDocument, TantivyError};

pub struct IndexOptions {
    pub root: PathBuf,
    /// A user dictionary (jieba format) for company and product names.
    pub dict: Option<PathBuf>,
    /// Show a progress bar on stderr.
    pub progress: bool,
    /// Set when the user asks to stop (Ctrl-C): commit what is done and stop.
    pub stop: Arc<AtomicBool>,
}

#[derive(Debug, Default, Clone, serde::Serialize)]
pub struct IndexSummary {
    pub added: usize,
    pub changed: usize,
    pub removed: usize,
    pub unchanged: usize,
    pub skipped: usize,
    /// Bytes of the files read and indexed in this run.
    pub bytes: u64,
    pub seconds: f64,
    pub interrupted: bool,
    /// Total reports in the index after the run.
    pub reports: usize,
}

/// Commit after this many bytes of input, so that a killed run loses little.
const COMMIT_BYTES: u64 = 256 << 20;
const COMMIT_INTERVAL: Duration = Duration::from_secs(30);
/// Files read per parallel batch (by bytes).
const BATCH_BYTES: u64 = 16 << 20;
/// Documents handed to tantivy at once, at most (a report has more only
/// when it is long; see [`index_file`]).
const BATCH_DOCS: usize = 1024;
/// Normalized text given to metadata extraction, at most: the first block
/// the passages are cut from, so that its normalization serves both.
const META_BYTES: usize = crate::text::passage::BLOCK_BYTES;
const WRITER_MEMORY: usize = 256 << 20;
/// A merge makes segments of at most this many documents: a merge maps all
/// its input segments into memory, so its size is what would make a
/// build's memory grow with the corpus.
const MAX_MERGED_DOCS: u32 = 200_000;
/// Fewest segments worth a merge.
const MIN_MERGED_SEGMENTS: usize = 4;

/// Merges the smallest segments, in groups whose total stays within
/// [`MAX_MERGED_DOCS`]; one merge at a time. (tantivy's `LogMergePolicy`
/// merges a whole level at once, however large the result.) A segment more
/// than 30% deleted is rewritten alone.
#[derive(Debug)]
struct BoundedMergePolicy;

impl tantivy::indexer::MergePolicy for BoundedMergePolicy {
    fn compute_merge_candidates(
        &self,
        segments: &[tantivy::SegmentMeta],
    ) -> Vec<tantivy::indexer::MergeCandidate> {
        let mut small: Vec<&tantivy::SegmentMeta> = segments
            .iter()
            .filter(|s| s.num_docs() <= MAX_MERGED_DOCS / 2)
            .collect();
        small.sort_by_key(|s| s.num_docs());
        let mut group = Vec::new();
        let mut docs = 0;
        for s in small {
            if docs + s.num_docs() > MAX_MERGED_DOCS {
                break;
            }
            docs += s.num_docs();
            group.push(s.id());
        }
        if group.len() >= MIN_MERGED_SEGMENTS {
            return vec![tantivy::indexer::MergeCandidate(group)];
        }
        // Re-indexed reports leave deleted documents behind: a segment that
        // is mostly deleted is rewritten on its own.
        segments
            .iter()
            .find(|s| s.num_deleted_docs() * 10 > s.max_doc() * 3)
            .map(|s| vec![tantivy::indexer::MergeCandidate(vec![s.id()])])
            .unwrap_or_default()
    }
}

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

struct Known {
    size: u64,
    mtime: u64,
    /// Content hash (the key of a PDF's cached text).
    hash: u64,
}

/// What the index already holds: per relative path, size, mtime and hash.
fn known_reports(opened: &store::Opened) -> Result<HashMap<String, Known>> {
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

pub fn index(
    index_dir: &Path,
    opts: &IndexOptions,
    warn: &(dyn Fn(String) + Sync),
) -> Result<IndexSummary> {
    let started = Instant::now();
    let root_arg = &opts.root;
    if !root_arg.exists() {
        bail!("{}: no such directory", root_arg.display());
    }
    if !root_arg.is_dir() {
        bail!("{}: not a directory", root_arg.display());
    }
    let root = root_arg
        .canonicalize()
        .with_context(|| format!("{}", root_arg.display()))?;
    let _lock = store::lock(index_dir)?;
    let (opened, replaced) = store::open_or_create(index_dir)?;
    if replaced {
        warn(format!(
            "{}: index written by another version of yanbao: rebuilding it",
            index_dir.display()
        ));
    }

    // The user dictionary: a new one given now, or the one kept with the index.
    let kept_dict = index_dir.join(USER_DICT_FILE);
    let dict_text = match &opts.dict {
        Some(p) => Some(
            std::fs::read_to_string(p)
                .map_err(|e| anyhow!("{}: {}", p.display(), io_reason(&e)))?,
        ),
        None => std::fs::read_to_string(&kept_dict).ok(),
    };
    if let Some(text) = &dict_text {
        check_user_dict(text).map_err(|e| match &opts.dict {
            Some(p) => anyhow!("{}: not a jieba dictionary: {e}", p.display()),
            None => anyhow!("{}: {e}", kept_dict.display()),
        })?;
    }
    let dict_hash = dict_text
        .as_ref()
        .map(|t| format!("{:016x}", xxhash_rust::xxh3::xxh3_64(t.as_bytes())));
    let segmenter = Segmenter::new(dict_text.clone());
    let queue = Queue::new(QUEUED_DOCS);

    keep_large_allocations_mapped();
    let writer: IndexWriter<QueuedDoc> = opened
        .index
        .writer_with_num_threads(2, WRITER_MEMORY)
        .map_err(|e| match e {
            TantivyError::LockFailure(..) => anyhow!(
                "another `yanbao index` is already writing to {}: wait for it to finish",
                index_dir.display()
            ),
            e => anyhow!("cannot write to the index at {}: {e}", index_dir.display()),
        })?;
    writer.set_merge_policy(Box::new(BoundedMergePolicy));
    // The file threads share the writer; it keeps their deletes in order.
    let mut writer = OrderedWriter::new(writer);
    if let Some(p) = &opts.dict {
        if let Some(text) = &dict_text {
            std::fs::write(&kept_dict, text)
                .with_context(|| format!("cannot keep a copy of {}", p.display()))?;
        }
    }

    let previous = opened.payload.clone();
    let mut known = known_reports(&opened)?;
    // A new index: every file found will be cut, so jieba loads while the
    // folder is walked. (An existing one waits to know there is work.)
    if known.is_empty() {
        segmenter.preload();
    }
    let mut summary = IndexSummary::default();
    let fields = opened.fields;

    let same_root = previous
        .as_ref()
        .is_none_or(|p| p.root == root.to_string_lossy());
    let same_dict = previous.as_ref().is_none_or(|p| p.dict_hash == dict_hash);
    if !same_root || !same_dict {
        if !known.is_empty() {
            warn(if same_root {
                "the user dictionary changed: re-indexing every report".to_string()
            } else {
                format!(
                    "the index held {} (now {}): replacing its reports",
                    previous.as_ref().map(|p| p.root.as_str()).unwrap_or("?"),
                    root.display()
                )
            });
        }
        if !same_root {
            summary.removed = known.len();
        }
        writer.get_mut().delete_all_documents()?;
        if !same_root {
            known.clear();
        } else {
            // Same files, new segmentation: everything counts as changed.
            for k in known.values_mut() {
                k.size = u64::MAX;
            }
        }
    }

    let index_abs = index_dir.canonicalize().ok();
    // Problems met while walking (broken links, loops, unreadable folders)
    // count as skipped files.
    let mut walk_problems = 0;
    let mut walk_warn = |w: String| {
        walk_problems += 1;
        warn(w)
    };
    let files = walk(&root, index_abs.as_deref(), &mut walk_warn);

    let mut todo: Vec<(SourceFile, bool)> = Vec::new();
    let mut present = HashSet::new();
    // Content hashes whose cached PDF text is still wanted: the unchanged
    // reports' here, the PDFs read in this run's as they are read.
    let mut wanted_texts = HashSet::new();
    for f in files {
        present.insert(f.rel.clone());
        match known.get(&f.rel) {
            Some(k) if k.size == f.size && k.mtime == f.mtime => {
                summary.unchanged += 1;
                wanted_texts.insert(k.hash);
            }
            Some(_) => todo.push((f, true)),
            None => todo.push((f, false)),
        }
    }
    let wanted_texts = Mutex::new(wanted_texts);
    for rel in known.keys().filter(|r| !present.contains(*r)) {
        writer.delete_term(Term::from_field_text(fields.path, rel));
        summary.removed += 1;
    }

    if !same_root || !same_dict {
        Seen::forget(index_dir)?;
    }
    // Read only when there is something to index: a run with nothing to do
    // stays a few milliseconds.
    let seen = if todo.is_empty() {
        None
    } else {
        segmenter.preload();
        // A damaged set costs only counts: start an empty one.
        Some(Seen::load(index_dir).unwrap_or_else(|e| {
            warn(format!("{e:#}; starting over"));
            Seen::default()
        }))
    };
    let save_seen = || seen.as_ref().map_or(Ok(()), |s| s.save(index_dir));

    let total_bytes: u64 = todo.iter().map(|(f, _)| f.size).sum();
    let bar = opts.progress.then(|| progress_bar(total_bytes));
    let files_done = AtomicUsize::new(0);
    let added = AtomicUsize::new(0);
    let changed = AtomicUsize::new(0);
    let skipped = AtomicUsize::new(0);
    let bytes_done = AtomicU64::new(0);
    let mut since_commit = 0u64;
    let mut last_commit = Instant::now();
    let payload = |complete: bool| Payload {
        format: crate::index::schema::FORMAT_VERSION,
        root: root.to_string_lossy().into_owned(),
        indexed_at: store::now_rfc3339(),
        dict_hash: dict_hash.clone(),
        complete,
    };

    let mut batch_start = 0;
    while batch_start < todo.len() {
        if opts.stop.load(Ordering::SeqCst) {
            summary.interrupted = true;
            break;
        }
        let mut batch_end = batch_start;
        let mut batch_bytes = 0;
        while batch_end < todo.len()
            && (batch_end == batch_start || batch_bytes + todo[batch_end].0.size <= BATCH_BYTES)
        {
            batch_bytes += todo[batch_end].0.size;
            batch_end += 1;
        }
        let results: Vec<Result<()>> = todo[batch_start..batch_end]
            .par_iter()
            .map(|(f, existed)| {
                // Ctrl-C: leave the rest of the batch for the next run.
                if opts.stop.load(Ordering::SeqCst) {
                    return Ok(());
                }
                let Some(seen) = &seen else {
                    return Ok(());
                };
                let dest = Destination {
                    writer: &writer,
                    wanted_texts: &wanted_texts,
                    queue: &queue,
                    seen,
                    segmenter: &segmenter,
                };
                let outcome = index_file(&dest, &fields, index_dir, f, *existed);
                match outcome {
                    Ok(FileOutcome::Indexed { bytes }) => {
                        bytes_done.fetch_add(bytes, Ordering::Relaxed);
                        if *existed { &changed } else { &added }.fetch_add(1, Ordering::Relaxed);
                    }
                    Ok(FileOutcome::Skipped(reason)) => {
                        warn(format!("{}: {reason}", f.abs.display()));
                        skipped.fetch_add(1, Ordering::Relaxed);
                    }
                    Err(e) => return Err(e),
                }
                if let Some(b) = &bar {
                    b.inc(f.size);
                    let done = files_done.fetch_add(1, Ordering::Relaxed) + 1;
                    b.set_message(format!("{done}/{}", todo.len()));
                }
                Ok(())
            })
            .collect();
        for r in results {
            r?;
        }
        since_commit += batch_bytes;
        batch_start = batch_end;
        if batch_start < todo.len()
            && (since_commit >= COMMIT_BYTES || last_commit.elapsed() >= COMMIT_INTERVAL)
        {
            commit(&mut writer, &payload(false))?;
            save_seen()?;
            since_commit = 0;
            last_commit = Instant::now();
        }
    }
    let trace = std::env::var_os("YANBAO_TRACE").is_some();
    if trace {
        eprintln!(
            "added all documents: {:.2} s",
            started.elapsed().as_secs_f64()
        );
    }
    if opts.stop.load(Ordering::SeqCst) {
        summary.interrupted = true;
    }
    commit(&mut writer, &payload(!summary.interrupted))?;
    save_seen()?;
    // Texts of PDFs changed or gone since they were cached. An interrupted
    // run keeps them all: the next one may still want them.
    if !summary.interrupted && (!todo.is_empty() || summary.removed > 0) {
        let wanted = wanted_texts.into_inner().unwrap_or_else(|e| e.into_inner());
        if let Err(e) = prune_cache(index_dir, &|hash| wanted.contains(&hash)) {
            warn(format!("{}: {e}", index_dir.join(PDF_CACHE_DIR).display()));
        }
    }
    if trace {
        eprintln!("committed: {:.2} s", started.elapsed().as_secs_f64());
    }
    if let Some(b) = &bar {
        b.finish_and_clear();
    }
    writer.into_inner().wait_merging_threads()?;
    if trace {
        eprintln!("merged: {:.2} s", started.elapsed().as_secs_f64());
    }

    summary.added = added.into_inner();
    summary.changed = changed.into_inner();
    summary.skipped = skipped.into_inner() + walk_problems;
    summary.bytes = bytes_done.into_inner();
    summary.seconds = started.elapsed().as_secs_f64();
    summary.reports = crate::query::reports::totals(&opened.searcher()?)?.0 as usize;
    Ok(summary)
}

fn commit(writer: &mut OrderedWriter<QueuedDoc>, payload: &Payload) -> Result<()> {
    let mut prepared = writer.get_mut().prepare_commit()?;
    prepared.set_payload(&serde_json::to_string(payload)?);
    prepared.commit()?;
    Ok(())
}

/// Progress in bytes (for MB/s and time left), with files done of total.
fn progress_bar(bytes: u64) -> indicatif::ProgressBar {
    let bar = indicatif::ProgressBar::with_draw_target(
        Some(bytes),
        indicatif::ProgressDrawTarget::stderr(),
    );
    let style = indicatif::ProgressStyle::with_template(
        "{msg} files, {bytes}/{total_bytes} ({bytes_per_sec}, {eta} left) {wide_bar}",
    )
    .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar());
    bar.set_style(style);
    bar
}

enum FileOutcome {
    Indexed { bytes: u64 },
    Skipped(String),
}

/// Where a file's documents go, and what the file threads share.
struct Destination<'a> {
    writer: &'a OrderedWriter<QueuedDoc>,
    /// Content hashes of the PDFs read (see `prune_cache`).
    wanted_texts: &'a Mutex<HashSet<u64>>,
    queue: &'a Arc<Queue>,
    seen: &'a Seen,
    segmenter: &'a Segmenter,
}

/// Reads, cuts and adds one file. Per-file problems are a `Skipped`
/// reason; only index failures are errors.
fn index_file(
    dest: &Destination,
    fields: &Fields,
    index_dir: &Path,
    f: &SourceFile,
    existed: bool,
) -> Result<FileOutcome> {
    let bytes = match std::fs::read(&f.abs) {
        Ok(b) => b,
        Err(e) => return Ok(FileOutcome::Skipped(io_reason(&e))),
    };
    let hash = xxhash_rust::xxh3::xxh3_64(&bytes);
    let is_pdf = Path::new(&f.rel)
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case(PDF_EXTENSION));
    let pdf = if is_pdf {
        // The cached text of this content, if any, is current.
        (dest.wanted_texts.lock())
            .unwrap_or_else(|e| e.into_inner())
            .insert(hash);
        match pdf_text(index_dir, &f.abs, hash) {
            Ok(t) => Some(t),
            Err(reason) => return Ok(FileOutcome::Skipped(reason)),
        }
    } else {
        None
    };
    let decoded = match &pdf {
        Some(_) => None,
        None => match decode(&bytes) {
            Ok(d) => Some(d),
            Err(e) => return Ok(FileOutcome::Skipped(e.to_string())),
        },
    };
    let text: &str = match (&pdf, &decoded) {
        (Some(p), _) => &p.text,
        (None, Some(d)) => &d.text,
        (None, None) => "",
    };
    let stem = Path::new(&f.rel)
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let head = if text.len() > META_BYTES {
        let mut end = META_BYTES;
        while !text.is_char_boundary(end) {
            end -= 1;
        }
        &text[..end]
    } else {
        text
    };
    let head_norm = normalize_with_map(head);
    let meta: ReportMeta = extract_meta(&head_norm.text, &stem);
    // The title shown with results: the headline metadata extraction found
    // (as the report writes it), else the first meaningful line, else the
    // file name.
    let title = meta
        .title
        .as_deref()
        .filter(|t| t.chars().count() >= 6)
        .map(|t| readable_title(head, &head_norm, t, &stem))
        .or_else(|| first_line_title(text))
        .unwrap_or_else(|| stem.clone());

    // A report's documents go to tantivy in batches, each indexed whole by
    // one thread into one segment: a report's passages stay together in
    // the doc store, where they compress better than interleaved with
    // another report's.
    let mut delete = existed.then(|| Term::from_field_text(fields.path, &f.rel));
    let mut batch: Vec<TantivyDocument> = Vec::new();
    let send = |delete: &mut Option<Term>, batch: &mut Vec<TantivyDocument>| {
        let docs = dest.queue.admit(std::mem::take(batch));
        let ops: Vec<UserOperation<QueuedDoc>> = delete
            .take()
            .map(UserOperation::Delete)
            .into_iter()
            .chain(docs.into_iter().map(UserOperation::Add))
            .collect();
        dest.writer.run(ops)
    };
    let report_id = xxhash_rust::xxh3::xxh3_64(f.rel.as_bytes());
    let report_docs = ReportDocs {
        fields,
        rel: &f.rel,
        report_id,
        title: &title,
        text,
        seen: dest.seen,
        segmenter: dest.segmenter,
    };
    let mut pending: Option<Passage> = None;
    let mut count = 0u64;
    let mut failure: Option<anyhow::Error> = None;
    let mut tickers = std::collections::BTreeSet::new();
    let mut add = |p: Passage, overlap: &str| {
        if failure.is_some() || p.text.is_empty() {
            return;
        }
        tickers.extend(
            p.tickers
                .iter()
                .filter(|t| t.explicit)
                .map(|t| t.key.clone()),
        );
        let mut doc = report_docs.passage(&p, overlap);
        if let Some(pdf) = &pdf {
            let raw = &text[p.raw.clone()];
            let lead = raw.len() - raw.trim_start().len();
            doc.add_u64(fields.page, u64::from(pdf.page_at(p.raw.start + lead)));
        }
        batch.push(doc);
        if batch.len() >= BATCH_DOCS {
            if let Err(e) = send(&mut delete, &mut batch) {
                failure = Some(e.into());
            }
        }
        count += 1;
    };
    // A text that fits the head was normalized whole for its metadata.
    let whole_norm = (head.len() == text.len()).then_some(&head_norm);
    cut_normalized(text, whole_norm, &analyze_block, &mut |p| {
        if let Some(prev) = pending.take() {
            let overlap: String = p.text.chars().take(OVERLAP_CHARS).collect();
            add(prev, &overlap);
        }
        pending = Some(p);
    });
    if let Some(last) = pending.take() {
        add(last, "");
    }
    if let Some(e) = failure {
        return Err(e);
    }

    let mut doc = TantivyDocument::default();
    doc.add_u64(fields.kind, KIND_REPORT);
    doc.add_text(fields.path, &f.rel);
    doc.add_u64(fields.report, report_id);
    doc.add_text(fields.title, &title);
    doc.add_u64(fields.size, f.size);
    doc.add_u64(fields.mtime, f.mtime);
    doc.add_u64(fields.hash, hash);
    doc.add_u64(fields.passages, count);
    if let Some(d) = meta.date.as_deref().and_then(date_number) {
        doc.add_u64(fields.date, d);
    }
    for (field, value) in [
        (fields.broker, &meta.broker),
        (fields.rating, &meta.rating),
        (fields.report_type, &meta.report_type),
    ] {
        if let Some(v) = value {
            doc.add_text(field, normalize(v).trim());
        }
    }
    for a in &meta.analysts {
        doc.add_text(fields.analyst, normalize(&a.name).trim());
    }
    let stored = crate::query::reports::StoredMeta {
        meta,
        tickers: tickers.into_iter().collect(),
    };
    doc.add_text(fields.meta, serde_json::to_string(&stored)?);
    batch.push(doc);
    send(&mut delete, &mut batch)?;
    Ok(FileOutcome::Indexed { bytes: f.size })
}

/// The title as the report writes it (case and punctuation kept):
/// metadata extraction works on normalized text, so its title is mapped
/// back to the source, or to the file name it came from.
fn readable_title(head: &str, head_norm: &Normalized, title: &str, stem: &str) -> String {
    if let Some(byte) = head_norm.text.find(title) {
        let start = head_norm.byte_at.partition_point(|&b| (b as usize) < byte);
        let end = start + title.chars().count();
        if end <= head_norm.len() {
            let raw = &head[head_norm.src_range(start, end)];
            let (display, _) = display_text(raw, &normalize_with_map(raw));
            return display.trim().to_string();
        }
    }
    if normalize(stem).contains(title) {
        return stem.to_string();
    }
    title.to_string()
}

/// "2024-03-15" as 20240315.
pub fn date_number(date: &str) -> Option<u64> {
    let digits: String = date.chars().filter(char::is_ascii_digit).collect();
    (digits.len() == 8).then(|| digits.parse().ok()).flatten()
}

/// What every passage document of one report shares.
struct ReportDocs<'a> {
    fields: &'a Fields,
    /// Path relative to the indexed folder.
    rel: &'a str,
    report_id: u64,
    title: &'a str,
    /// The report's source text, which passages' `raw` ranges point into.
    text: &'a str,
    seen: &'a Seen,
    segmenter: &'a Segmenter,
}

impl ReportDocs<'_> {
    /// The document of passage `p`; `overlap` holds the next passage's
    /// first characters.
    fn passage(&self, p: &Passage, overlap: &str) -> TantivyDocument {
        let ReportDocs {
            fields,
            rel,
            report_id,
            title,
            text,
            seen,
            segmenter,
        } = *self;
        let mut doc = TantivyDocument::default();
        doc.add_u64(fields.kind, KIND_PASSAGE);
        doc.add_text(fields.path, rel);
        doc.add_u64(fields.report, report_id);
        doc.add_text(fields.title, title);
        doc.add_text(fields.words, segmenter.words_value(&p.text));
        doc.add_text(fields.grams, grams_value(&p.text, overlap));
        doc.add_text(fields.raw, &text[p.raw.clone()]);
        doc.add_u64(fields.ordinal, u64::from(p.ordinal));
        doc.add_u64(fields.line, u64::from(p.pos.line));
        doc.add_u64(fields.column, u64::from(p.pos.column));
        doc.add_u64(fields.offset, p.pos.offset);
        doc.add_u64(fields.norm_len, p.chars as u64);
        doc.add_u64(fields.section, p.section as u64);
        // One term per mention (term frequency = mentions), plus a marked term
        // when the exchange was written, for the `tickers` listing.
        for t in &p.tickers {
            doc.add_text(fields.tickers, &t.key);
            if t.explicit {
                doc.add_text(fields.tickers, format!("{EXPLICIT_TICKER}{}", t.key));
            }
        }
        if !p.tickers.is_empty() {
            let hits: Vec<TickerHit> = p
                .tickers
                .iter()
                .map(|t| TickerHit::new(&p.text, t.start, t.end, &t.key))
                .collect();
            doc.add_bytes(
                fields.ticker_hits,
                serde_json::to_vec(&hits).unwrap_or_default().as_slice(),
            );
        }
        for fp in sentence_fingerprints(&p.text) {
            if seen.meet(fp) {
                doc.add_u64(fields.sentences, fp);
            }
        }
        doc
    }
}
