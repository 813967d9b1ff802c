//! The work on one file: read it, decode it (or take a PDF's text), cut
//! it into passages, analyse them, and hand the report's documents to
//! tantivy as batches.

use crate::error::io_reason;
use crate::error::SkipReason;
use crate::index::backpressure::{Queue, QueuedDoc};
use crate::index::card::ReportCard;
use crate::index::ordered_writer::OrderedWriter;
use crate::index::schema::{
    Fields, RankBits, ABOUT_PASSAGES, EXPLICIT_TICKER, KIND_PASSAGE, KIND_REPORT,
};
use crate::index::seen::Seen;
use crate::index::tokens::{grams_value, Segmenter};
use crate::index::walk::{SourceFile, PDF_EXTENSION};
use crate::pdf::child::pdf_text;
use crate::query::stored::TickerHit;
use crate::report::{analyze_block, sentence_fingerprints};
use crate::report::{extract_meta, file_name_is_id, ReportMeta};
use crate::text::decode::decode;
use crate::text::normalize::{display_text, normalize, normalize_with_map, Normalized};
use crate::text::passage::{cut_normalized, Passage, OVERLAP_CHARS};
use crate::text::{first_line_title, text_title};
use anyhow::Result;
use std::collections::HashSet;
use std::path::Path;
use std::sync::{Arc, Mutex};
use tantivy::indexer::UserOperation;
use tantivy::schema::Term;
use tantivy::TantivyDocument;

/// Documents handed to tantivy at once, at most (a report has more only
/// when it is long; see [`index_file`]).
const BATCH_DOCS: usize = 1024;
// A document's run (the documents of its report after it in its batch) fits its bits.
const _: () = assert!(BATCH_DOCS as u64 - 1 <= RankBits::RUN_MAX);
/// Normalized text given to metadata extraction, at most: the first block
/// the passages are cut from, so that its normalization serves both.
const META_BYTES: usize = crate::text::passage::BLOCK_BYTES;

/// What became of a file.
pub(super) enum FileOutcome {
    Indexed { bytes: u64 },
    Skipped(SkipReason),
}

/// Where a file's documents go, and what the file threads share.
pub(super) struct Destination<'a> {
    pub(super) writer: &'a OrderedWriter<QueuedDoc>,
    /// Content hashes of the PDFs read (see `prune_cache`).
    pub(super) wanted_texts: &'a Mutex<HashSet<u64>>,
    pub(super) queue: &'a Arc<Queue>,
    pub(super) seen: &'a Seen,
    pub(super) segmenter: &'a Segmenter,
    pub(super) fields: &'a Fields,
    /// The index folder, which holds the PDF text cache.
    pub(super) index_dir: &'a Path,
}

/// Reads, cuts and adds one file as the report of key `key`. Per-file
/// problems are a `Skipped` reason; only index failures are errors.
pub(super) fn index_file(
    dest: &Destination,
    f: &SourceFile,
    key: &str,
    existed: bool,
) -> Result<FileOutcome> {
    let fields = dest.fields;
    let bytes = match std::fs::read(&f.abs) {
        Ok(b) => b,
        Err(e) => return Ok(FileOutcome::Skipped(SkipReason::Io(io_reason(&e)))),
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
        match pdf_text(dest.index_dir, &f.abs, hash) {
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
            Err(e) => return Ok(FileOutcome::Skipped(SkipReason::Decode(e))),
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
    // on the cover (as the report writes it), else a title on the text's
    // first line, else the file name. A file named by an ID has no name to
    // fall back on: what the text says first (a flash's first clause) is
    // its title; and a text named by an ID that names no broker, analyst or
    // rating has no cover (a news item of a dataset): the cover reader's
    // best stretch of it is a fragment of a sentence, so the text's own
    // first words come before it.
    let cover_title = || {
        meta.title
            .as_deref()
            .filter(|t| t.chars().count() >= 6)
            .map(|t| readable_title(head, &head_norm, t, &stem))
    };
    let title = if !file_name_is_id(&stem) {
        cover_title().or_else(|| first_line_title(text))
    } else if meta.broker.is_some() || !meta.analysts.is_empty() || meta.rating.is_some() {
        cover_title().or_else(|| text_title(text))
    } else {
        text_title(text).or_else(cover_title)
    }
    .unwrap_or_else(|| stem.clone());

    // A report's documents go to tantivy in batches, each indexed whole by
    // one thread into one segment: a report's passages stay together in
    // the doc store, where they compress better than interleaved with
    // another report's.
    let mut delete = existed.then(|| Term::from_field_text(fields.path, key));
    let mut batch: Vec<TantivyDocument> = Vec::new();
    // Each document's `RankBits` but for the run (0 for the report document),
    // completed when the batch is sent and its length known.
    let mut batch_bits: Vec<RankBits> = Vec::new();
    let send = |delete: &mut Option<Term>,
                batch: &mut Vec<TantivyDocument>,
                batch_bits: &mut Vec<RankBits>| {
        let last = batch.len().saturating_sub(1);
        for (j, (doc, bits)) in batch.iter_mut().zip(batch_bits.drain(..)).enumerate() {
            doc.add_u64(fields.rank_bits, bits.with_run((last - j) as u64).0);
        }
        let docs = dest.queue.admit(std::mem::take(batch));
        let ops: Vec<UserOperation<QueuedDoc>> = delete
            .take()
            .map(UserOperation::Delete)
            .into_iter()
            .chain(docs.into_iter().map(UserOperation::Add))
            .collect();
        dest.writer.run(ops)
    };
    let report_id = crate::index::schema::report_id(key);
    let report_docs = ReportDocs {
        fields,
        key,
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
    let mut about = std::collections::BTreeSet::new();
    // The `grams` values of the head passages, for the report document.
    let mut head_grams: Vec<String> = Vec::new();
    // The sections the report has, a bit per `Section`: the section facet of `reports`.
    let mut section_bits = 0u64;
    let mut add = |p: Passage, overlap: &str| {
        if failure.is_some() || p.text.is_empty() {
            return;
        }
        section_bits |= 1 << p.section as u64;
        // What a report is about: the tickers of its first passages, where
        // the title and the company's code stand; not those of its tables,
        // which list peers, nor of its cover blocks, whose lists of related
        // reports name other companies.
        if p.ordinal < ABOUT_PASSAGES {
            about.extend(p.tickers.iter().map(|t| t.key.clone()));
            head_grams.push(grams_value(&p.text, overlap));
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
        batch_bits.push(RankBits::of(p.layout, p.section, p.ordinal, p.chars).roughly(p.rough));
        if batch.len() >= BATCH_DOCS {
            if let Err(e) = send(&mut delete, &mut batch, &mut batch_bits) {
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
    doc.add_text(fields.path, key);
    doc.add_u64(fields.report, report_id);
    doc.add_text(fields.title, &title);
    // The file name often names the company where the cover's headline
    // does not (`迈瑞医疗（300760）：自研+并购…` over a headline without
    // it); an ID for a name (`r12.txt`) matches nothing a user types.
    doc.add_text(fields.title_grams, normalize(&title));
    doc.add_text(fields.title_grams, normalize(&stem));
    for key in &about {
        doc.add_text(fields.about, key);
    }
    for value in &head_grams {
        doc.add_text(fields.head_grams, value);
    }
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
    doc.add_u64(fields.level, meta.rating_level.map_or(0, |l| l.code()));
    doc.add_u64(fields.change, meta.rating_change.map_or(0, |c| c.code()));
    doc.add_u64(fields.section_bits, section_bits);
    let card_tickers: Vec<String> = about
        .iter()
        .filter_map(|k| crate::query::reports::canonical_of_key(k))
        .collect();
    doc.add_bytes(
        fields.card,
        &ReportCard::of(&title, &meta, card_tickers).encode(),
    );
    let stored = crate::query::reports::StoredMeta {
        meta,
        tickers: tickers.into_iter().collect(),
    };
    doc.add_text(fields.meta, serde_json::to_string(&stored)?);
    batch.push(doc);
    batch_bits.push(RankBits(0));
    send(&mut delete, &mut batch, &mut batch_bits)?;
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
pub(crate) fn date_number(date: &str) -> Option<u64> {
    let digits: String = date.chars().filter(char::is_ascii_digit).collect();
    (digits.len() == 8).then(|| digits.parse().ok()).flatten()
}

/// What every passage document of one report shares.
struct ReportDocs<'a> {
    fields: &'a Fields,
    /// The report's key (its path relative to its root, see
    /// [`crate::index::roots`]).
    key: &'a str,
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
            key,
            report_id,
            title,
            text,
            seen,
            segmenter,
        } = *self;
        let mut doc = TantivyDocument::default();
        doc.add_u64(fields.kind, KIND_PASSAGE);
        doc.add_text(fields.path, key);
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
        doc.add_u64(fields.layout, p.layout as u64);
        for &(s, e) in &p.hidden {
            doc.add_u64(fields.hidden, u64::from(s));
            doc.add_u64(fields.hidden, u64::from(e));
        }
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
