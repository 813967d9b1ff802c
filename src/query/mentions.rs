//! `yanbao mentions`: every occurrence of a term, exact and exhaustive.
//!
//! A plain term's occurrences are the non-overlapping, left-to-right
//! occurrences of its normalized text in the normalized reports. They are
//! read straight from the `grams` postings: position `i` of a passage is
//! its character `i`, so a start `p` where character `k` of the term sits
//! at `p + k` for every `k` is an occurrence, with no text to read. A term
//! that crosses into the next passage is seen through the overlap (the next
//! passage's first characters, marked); a term longer than the overlap is
//! found by its prefix and then checked against the stored text.
//!
//! A term shaped like a ticker matches the ticker mentions found at index
//! time (every written form of that ticker, and nothing else).

use crate::index::columns::{path_column, paths_of_ords, u64_column};
use crate::index::schema::Fields;
use crate::index::tokens::{gram, marked_gram};
use crate::query::filter::Filters;
use crate::query::stored::{ticker_hits, StoredPassage};
use crate::report::tickers::Ticker;
use crate::report::Section;
use crate::text::passage::OVERLAP_CHARS;
use anyhow::Result;
use std::collections::HashMap;
use std::rc::Rc;
use std::sync::Arc;
use tantivy::postings::{Postings, SegmentPostings};
use tantivy::query::TermQuery;
use tantivy::schema::{IndexRecordOption, Term};
use tantivy::{DocAddress, DocId, DocSet, Searcher, SegmentReader, TERMINATED};

/// What to look for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    /// A normalized text.
    Text(String),
    /// Every written form of a ticker, and nothing else.
    Ticker(Ticker),
}

/// One occurrence, located in a passage.
#[derive(Debug, Clone)]
pub struct Occurrence {
    pub(crate) address: DocAddress,
    /// The report's path, relative to the indexed folder (one allocation
    /// shared by all occurrences of a report).
    pub path: Arc<str>,
    /// Ordinal of the path in its segment's `path` column.
    path_ord: u64,
    /// Rank of `path` among the paths of all occurrences found (set by
    /// [`find`]): sorting compares numbers, not strings.
    rank: u32,
    pub(crate) report: u64,
    pub(crate) ordinal: u64,
    /// Normalized characters of the passage; `end` may go past `norm_len`
    /// when the occurrence continues into the next passage.
    pub(crate) start: usize,
    pub(crate) end: usize,
    pub(crate) norm_len: usize,
    /// Canonical form, for ticker mentions.
    pub ticker: Option<String>,
}

/// Per-segment fast columns an occurrence needs.
struct SegmentColumns {
    norm_len: tantivy::columnar::Column<u64>,
    ordinal: tantivy::columnar::Column<u64>,
    report: tantivy::columnar::Column<u64>,
    path: tantivy::columnar::StrColumn,
    /// The path of occurrences until [`find`] sets it (one allocation).
    unset: Arc<str>,
}

impl SegmentColumns {
    fn new(seg: &SegmentReader) -> Result<SegmentColumns> {
        Ok(SegmentColumns {
            norm_len: u64_column(seg, "norm_len")?,
            ordinal: u64_column(seg, "ordinal")?,
            report: u64_column(seg, "report")?,
            path: path_column(seg)?,
            unset: Arc::from(""),
        })
    }

    fn occurrence(
        &mut self,
        seg_ord: u32,
        doc: DocId,
        start: usize,
        end: usize,
        ticker: Option<String>,
    ) -> Result<Occurrence> {
        Ok(Occurrence {
            address: DocAddress::new(seg_ord, doc),
            path: self.unset.clone(),
            path_ord: self.path.term_ords(doc).next().unwrap_or(u64::MAX),
            rank: 0,
            report: self.report.first(doc).unwrap_or(0),
            ordinal: self.ordinal.first(doc).unwrap_or(0),
            start,
            end,
            norm_len: self.norm_len.first(doc).unwrap_or(0) as usize,
            ticker,
        })
    }
}

/// The normal and marked postings of one character, read as one list.
struct GramPostings {
    lists: Vec<SegmentPostings>,
}

/// The normal and the marked term of character `c`.
fn char_terms(fields: &Fields, c: char) -> [Term; 2] {
    [gram(c), marked_gram(c)].map(|text| Term::from_field_text(fields.grams, &text))
}

impl GramPostings {
    fn open(seg: &SegmentReader, fields: &Fields, c: char) -> Result<GramPostings> {
        let ii = seg.inverted_index(fields.grams)?;
        let mut lists = Vec::new();
        for term in char_terms(fields, c) {
            if let Some(p) = ii.read_postings(&term, IndexRecordOption::WithFreqsAndPositions)? {
                lists.push(p);
            }
        }
        Ok(GramPostings { lists })
    }

    fn doc_freq(&self) -> u32 {
        self.lists.iter().map(|l| l.doc_freq()).sum()
    }

    /// All documents of the character, ascending (from postings of their
    /// own, so that `self` stays at the start for `positions`).
    fn docs(seg: &SegmentReader, fields: &Fields, c: char) -> Result<Vec<DocId>> {
        let ii = seg.inverted_index(fields.grams)?;
        let mut lists = Vec::new();
        for term in char_terms(fields, c) {
            lists.extend(ii.read_postings(&term, IndexRecordOption::Basic)?);
        }
        // Sized up front: a frequent character's list has millions of
        // documents.
        let mut docs = Vec::with_capacity(lists.iter().map(|l| l.doc_freq() as usize).sum());
        for mut l in lists {
            let mut d = l.doc();
            while d != TERMINATED {
                docs.push(d);
                d = l.advance();
            }
        }
        // Two ascending runs: the stable sort merges them in one pass.
        docs.sort();
        docs.dedup();
        Ok(docs)
    }

    /// Moves to `doc`; false if the character is not there.
    fn contains(&mut self, doc: DocId) -> bool {
        let mut found = false;
        for l in &mut self.lists {
            if l.doc() < doc {
                l.seek(doc);
            }
            found |= l.doc() == doc;
        }
        found
    }

    /// Positions in `doc` (sorted), or false if the character is not there.
    fn positions(&mut self, doc: DocId, out: &mut Vec<u32>) -> bool {
        out.clear();
        let mut sorted = true;
        for l in &mut self.lists {
            if l.doc() < doc {
                l.seek(doc);
            }
            if l.doc() == doc {
                let from = out.len();
                l.append_positions_with_offset(0, out);
                // The overlap's positions follow the passage's: the lists
                // come in order and need no sort.
                sorted &= from == 0 || out.get(from).is_none_or(|&f| out[from - 1] <= f);
            }
        }
        if !sorted {
            out.sort_unstable();
        }
        !out.is_empty()
    }
}

/// Starts of `needle` in the passages of one segment: exact for needles
/// up to `OVERLAP_CHARS + 1` characters, candidates (prefix matches) beyond.
fn text_starts(
    seg: &SegmentReader,
    fields: &Fields,
    needle: &[char],
    out: &mut dyn FnMut(DocId, usize, bool) -> Result<()>,
) -> Result<()> {
    let norm_len = u64_column(seg, "norm_len")?;
    // Every occurrence starting in the passage has its first
    // OVERLAP_CHARS + 1 characters within the passage and its overlap:
    // those select documents.
    let checked = needle.len().min(OVERLAP_CHARS + 1);
    // Distinct characters and, for each offset k, which one sits there.
    let mut distinct: Vec<char> = Vec::new();
    let mut at: Vec<usize> = Vec::new();
    for &c in needle {
        let i = distinct.iter().position(|&d| d == c).unwrap_or_else(|| {
            distinct.push(c);
            distinct.len() - 1
        });
        at.push(i);
    }
    let mut lists = Vec::new();
    for &c in &distinct {
        lists.push(GramPostings::open(seg, fields, c)?);
    }
    // Required characters, rarest first: the rarest drives, the others
    // rule documents out before any position is read.
    let mut required: Vec<usize> = at[..checked].to_vec();
    required.sort_unstable();
    required.dedup();
    if required.iter().any(|&i| lists[i].lists.is_empty()) {
        return Ok(());
    }
    required.sort_by_key(|&i| lists[i].doc_freq());
    let docs = GramPostings::docs(seg, fields, distinct[required[0]])?;
    let mut positions: Vec<Vec<u32>> = vec![Vec::new(); lists.len()];
    let mut cursor: Vec<usize> = Vec::new();
    'docs: for d in docs {
        if seg.is_deleted(d) {
            continue;
        }
        for &i in &required[1..] {
            if !lists[i].contains(d) {
                continue 'docs;
            }
        }
        for (i, l) in lists.iter_mut().enumerate() {
            l.positions(d, &mut positions[i]);
        }
        let n = norm_len.first(d).unwrap_or(0) as u32;
        // The last position with a term: the passage and its overlap.
        let last = n + OVERLAP_CHARS as u32 - 1;
        // Starts come in order, so where to look for the character at
        // offset k only moves forward: cursor[k] into its positions.
        cursor.clear();
        cursor.resize(at.len(), 0);
        for &p in &positions[at[0]] {
            if p >= n {
                break;
            }
            let mut beyond = false;
            let mut all = true;
            for (k, &i) in at.iter().enumerate().skip(1) {
                let q = p + k as u32;
                if q > last {
                    beyond = true;
                    break;
                }
                let list = &positions[i];
                let c = &mut cursor[k];
                while list.get(*c).is_some_and(|&x| x < q) {
                    *c += 1;
                }
                if list.get(*c) != Some(&q) {
                    all = false;
                    break;
                }
            }
            if all {
                out(d, p as usize, beyond)?;
            }
        }
    }
    Ok(())
}

/// Whether the normalized text from `start` of passage `p` (continuing in
/// the following passages) begins with `needle`.
fn verify_long(
    searcher: &Searcher,
    fields: &Fields,
    address: DocAddress,
    start: usize,
    needle: &[char],
) -> Result<bool> {
    let mut p = StoredPassage::load(searcher, fields, address)?;
    let mut chars: Vec<char> = p.norm.text.chars().skip(start).collect();
    while chars.len() < needle.len() {
        match p.next(searcher, fields)? {
            Some(next) => {
                chars.extend(next.norm.text.chars());
                p = next;
            }
            None => break,
        }
    }
    Ok(chars.len() >= needle.len() && chars[..needle.len()] == *needle)
}

/// Starts of `needle` in the passages of segment `seg_ord`, those found
/// beyond the overlap checked against the stored text.
fn verified_starts(
    searcher: &Searcher,
    fields: &Fields,
    seg_ord: usize,
    needle: &[char],
    out: &mut dyn FnMut(DocId, usize) -> Result<()>,
) -> Result<()> {
    let seg = searcher.segment_reader(seg_ord as u32);
    text_starts(seg, fields, needle, &mut |doc, start, beyond_overlap| {
        let address = DocAddress::new(seg_ord as u32, doc);
        if !beyond_overlap || verify_long(searcher, fields, address, start, needle)? {
            out(doc, start)?;
        }
        Ok(())
    })
}

fn find_text(
    searcher: &Searcher,
    fields: &Fields,
    needle: &str,
    out: &mut Vec<Occurrence>,
) -> Result<()> {
    let chars: Vec<char> = needle.chars().collect();
    if chars.is_empty() {
        return Ok(());
    }
    let per_segment = for_each_segment(searcher, |seg_ord, seg| {
        let mut cols = SegmentColumns::new(seg)?;
        let mut found = Vec::new();
        verified_starts(searcher, fields, seg_ord, &chars, &mut |doc, start| {
            found.push(cols.occurrence(seg_ord as u32, doc, start, start + chars.len(), None)?);
            Ok(())
        })?;
        Ok(found)
    })?;
    out.extend(per_segment.into_iter().flatten());
    Ok(())
}

/// `f` of every segment, in segment order, the segments shared out among
/// the index's search threads (see `store::open`).
fn for_each_segment<R: Send>(
    searcher: &Searcher,
    f: impl Fn(usize, &SegmentReader) -> Result<R> + Sync,
) -> Result<Vec<R>> {
    // tantivy's executor carries only tantivy's error type: a failure of
    // ours is kept aside, whole, and returned once all segments are done.
    let failure = std::sync::Mutex::new(None);
    let results = searcher.index().search_executor().map(
        |(seg_ord, seg)| match f(seg_ord, seg) {
            Ok(r) => Ok(Some(r)),
            Err(e) => {
                failure
                    .lock()
                    .unwrap_or_else(|p| p.into_inner())
                    .get_or_insert(e);
                Ok(None)
            }
        },
        searcher.segment_readers().iter().enumerate(),
    )?;
    if let Some(e) = failure.into_inner().unwrap_or_else(|p| p.into_inner()) {
        return Err(e);
    }
    Ok(results.into_iter().flatten().collect())
}

fn find_ticker(
    searcher: &Searcher,
    fields: &Fields,
    ticker: &Ticker,
    out: &mut Vec<Occurrence>,
) -> Result<()> {
    let key = ticker.index_key();
    let query = TermQuery::new(
        Term::from_field_text(fields.tickers, &key),
        IndexRecordOption::Basic,
    );
    let mut docs = searcher
        .search(&query, &tantivy::collector::DocSetCollector)?
        .into_iter()
        .collect::<Vec<_>>();
    docs.sort();
    let mut cols: HashMap<u32, SegmentColumns> = HashMap::new();
    for address in docs {
        let seg = searcher.segment_reader(address.segment_ord);
        if let std::collections::hash_map::Entry::Vacant(e) = cols.entry(address.segment_ord) {
            e.insert(SegmentColumns::new(seg)?);
        }
        let Some(c) = cols.get_mut(&address.segment_ord) else {
            continue;
        };
        for hit in ticker_hits(searcher, address)? {
            if hit.key == key {
                out.push(c.occurrence(
                    address.segment_ord,
                    address.doc_id,
                    hit.start,
                    hit.end,
                    Some(hit.canonical),
                )?);
            }
        }
    }
    Ok(())
}

/// All occurrences of the targets, ordered by path, then position, without
/// overlaps (the leftmost wins, as in a left-to-right scan).
pub(crate) fn find(
    searcher: &Searcher,
    fields: &Fields,
    targets: &[Target],
) -> Result<Vec<Occurrence>> {
    let mut all = Vec::new();
    for t in targets {
        match t {
            Target::Text(s) => find_text(searcher, fields, s, &mut all)?,
            Target::Ticker(t) => find_ticker(searcher, fields, t, &mut all)?,
        }
    }
    set_paths(searcher, &mut all)?;
    // Sorted in place by a packed key computed once per occurrence.
    let clamp = |v: u64| u128::from(v.min(u64::from(u32::MAX)));
    all.sort_by_cached_key(|o| {
        u128::from(o.rank) << 96
            | clamp(o.ordinal) << 64
            | clamp(o.start as u64) << 32
            | (u128::from(u32::MAX) - clamp(o.end as u64))
    });
    // `dedup_by` compares each occurrence with the last one kept.
    all.dedup_by(|o, prev| {
        if prev.report != o.report || prev.rank != o.rank {
            return false;
        }
        // End of the previous occurrence in this passage's coordinates.
        let reach = if prev.ordinal == o.ordinal {
            Some(prev.end)
        } else if prev.ordinal + 1 == o.ordinal {
            prev.end.checked_sub(prev.norm_len)
        } else {
            None
        };
        reach.is_some_and(|r| o.start < r)
    });
    Ok(all)
}

/// Sets each occurrence's `path` and `rank` (the order of its path among
/// all of theirs). A segment's path ordinals are already in path order, so
/// each segment's paths are read in one pass over its dictionary, and the
/// segments' sorted lists are merged: strings are compared a few times per
/// distinct path rather than in every comparison of a sort of maybe a
/// hundred thousand occurrences.
fn set_paths(searcher: &Searcher, all: &mut [Occurrence]) -> Result<()> {
    let segments = searcher.segment_readers();
    // Per segment: its distinct path ordinals (sorted) and their paths.
    let mut ords: Vec<Vec<u64>> = vec![Vec::new(); segments.len()];
    for o in all.iter() {
        ords[o.address.segment_ord as usize].push(o.path_ord);
    }
    let mut paths: Vec<Vec<Arc<str>>> = Vec::with_capacity(segments.len());
    for (seg, seg_ords) in segments.iter().zip(ords.iter_mut()) {
        seg_ords.sort_unstable();
        seg_ords.dedup();
        let mut seg_paths: Vec<Arc<str>> = Vec::new();
        if !seg_ords.is_empty() {
            seg_paths = paths_of_ords(&path_column(seg)?, seg_ords)?
                .into_iter()
                .map(Arc::from)
                .collect();
        }
        seg_paths.resize(seg_ords.len(), Arc::from(""));
        paths.push(seg_paths);
    }
    // Merge the sorted per-segment lists; equal paths get equal ranks.
    let mut ranks: Vec<Vec<u32>> = paths.iter().map(|p| vec![0; p.len()]).collect();
    let mut heap = std::collections::BinaryHeap::new();
    for (s, p) in paths.iter().enumerate() {
        if let Some(first) = p.first() {
            heap.push(std::cmp::Reverse((first.clone(), s, 0usize)));
        }
    }
    let mut rank = 0u32;
    let mut last: Option<Arc<str>> = None;
    while let Some(std::cmp::Reverse((path, s, i))) = heap.pop() {
        if last.as_ref().is_some_and(|l| *l != path) {
            rank += 1;
        }
        ranks[s][i] = rank;
        if let Some(next) = paths[s].get(i + 1) {
            heap.push(std::cmp::Reverse((next.clone(), s, i + 1)));
        }
        last = Some(path);
    }
    for o in all.iter_mut() {
        let s = o.address.segment_ord as usize;
        if let Ok(i) = ords[s].binary_search(&o.path_ord) {
            o.path = paths[s][i].clone();
            o.rank = ranks[s][i];
        }
    }
    Ok(())
}

/// An occurrence as the report writes it.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Mention {
    /// The report's key (see [`crate::index::roots`]); the CLI shows it
    /// relative to its root.
    pub path: String,
    /// The root folder `path` is relative to (JSON output only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub root: Option<String>,
    /// 1-based line of the match in the file.
    pub line: u32,
    /// 1-based column (characters) of the match in its line.
    pub column: u32,
    /// The match as the report writes it, line breaks included.
    pub matched: String,
    /// About 30 characters either side of the match, as displayed.
    pub context: String,
    /// Character range of the match in `context`.
    pub context_match: (usize, usize),
    /// The report's title.
    pub title: String,
    /// The canonical form of a ticker mention (`600519.SH`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ticker: Option<String>,
    /// The page, in a PDF report.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub page: Option<u32>,
    /// The section of the passage holding the match.
    pub section: crate::report::Section,
    /// The report's metadata (JSON output only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub report: Option<crate::query::reports::ReportSummary>,
}

const CONTEXT_CHARS: usize = 30;

/// A passage with its display text and the display range of each
/// normalized character.
type Shown = (StoredPassage, String, Vec<(u32, u32)>);

/// Loads what is needed to show occurrences (each passage read once).
pub struct Describer {
    searcher: Searcher,
    fields: Fields,
    cache: HashMap<DocAddress, Rc<Shown>>,
}

impl Describer {
    pub(crate) fn new(searcher: Searcher, fields: Fields) -> Describer {
        Describer {
            searcher,
            fields,
            cache: HashMap::new(),
        }
    }

    fn passage(&mut self, address: DocAddress) -> Result<Rc<Shown>> {
        if let Some(p) = self.cache.get(&address) {
            return Ok(p.clone());
        }
        if self.cache.len() > 256 {
            self.cache.clear();
        }
        let p = StoredPassage::load(&self.searcher, &self.fields, address)?;
        let (display, ranges) = p.display();
        let entry = Rc::new((p, display, ranges));
        self.cache.insert(address, entry.clone());
        Ok(entry)
    }

    /// The occurrence `o` as the report writes it, with its context.
    pub fn describe(&mut self, o: &Occurrence) -> crate::Result<Mention> {
        Ok(self.describe_one(o)?)
    }

    fn describe_one(&mut self, o: &Occurrence) -> Result<Mention> {
        let entry = self.passage(o.address)?;
        let (p, display, ranges) = (&entry.0, &entry.1, &entry.2);
        let n = p.norm.len();
        let end_here = o.end.min(n);
        let raw_range = p.norm.src_range(o.start.min(n), end_here);
        let mut matched = p.raw[raw_range.clone()].to_string();
        if o.end > n {
            // The occurrence continues into the next passage(s).
            let mut rest = o.end - n;
            let mut cur = p.next(&self.searcher, &self.fields)?;
            while let Some(next) = cur {
                let take = rest.min(next.norm.len());
                matched.push_str(&next.raw[next.norm.src_range(0, take)]);
                rest -= take;
                if rest == 0 {
                    break;
                }
                cur = next.next(&self.searcher, &self.fields)?;
            }
        }
        let pos = p.pos_at(raw_range.start);
        let dchars: Vec<char> = display.chars().collect();
        let (ds, de) = if o.start < n {
            (
                ranges[o.start].0 as usize,
                ranges[end_here.max(o.start + 1) - 1].1 as usize,
            )
        } else {
            (dchars.len(), dchars.len())
        };
        let cs = ds.saturating_sub(CONTEXT_CHARS);
        let ce = (de + CONTEXT_CHARS).min(dchars.len());
        let context: String = dchars[cs..ce].iter().collect();
        Ok(Mention {
            path: o.path.to_string(),
            line: pos.line,
            column: pos.column,
            matched,
            context,
            context_match: (ds - cs, de - cs),
            title: p.title.clone(),
            ticker: o.ticker.clone(),
            page: p.page,
            section: p.section,
            report: None,
            root: None,
        })
    }
}

/// Whether some proper prefix of `chars` is also a suffix: only such a
/// needle can occur twice overlapping (`aa` in `aaa`).
fn has_border(chars: &[char]) -> bool {
    (1..chars.len()).any(|k| chars[..k] == chars[chars.len() - k..])
}

/// Occurrences per path, sorted by path, without listing them, where that
/// gives the same answer as [`counts`] of [`find`]: for one text target
/// that cannot overlap itself, no two occurrences overlap, so none has to
/// be set against another. `None` when that does not hold.
pub(crate) fn count_by_path(
    searcher: &Searcher,
    fields: &Fields,
    targets: &[Target],
) -> Result<Option<Vec<(String, usize)>>> {
    let [Target::Text(needle)] = targets else {
        return Ok(None);
    };
    let chars: Vec<char> = needle.chars().collect();
    if chars.is_empty() || has_border(&chars) {
        return Ok(None);
    }
    let per_segment = for_each_segment(searcher, |seg_ord, seg| {
        let path = path_column(seg)?;
        // Occurrences per path ordinal. A report's passages are consecutive
        // documents: the path is looked up once per document.
        let mut by_ord = vec![0usize; path.num_terms()];
        let mut last: Option<(DocId, u64)> = None;
        verified_starts(searcher, fields, seg_ord, &chars, &mut |doc, _| {
            let ord = match last {
                Some((d, ord)) if d == doc => ord,
                _ => match path.term_ords(doc).next() {
                    Some(ord) => ord,
                    None => return Ok(()),
                },
            };
            last = Some((doc, ord));
            if let Some(n) = by_ord.get_mut(ord as usize) {
                *n += 1;
            }
            Ok(())
        })?;
        let ords: Vec<u64> = (0..by_ord.len() as u64)
            .filter(|&o| by_ord[o as usize] > 0)
            .collect();
        let paths = paths_of_ords(&path, &ords)?;
        Ok(paths
            .into_iter()
            .zip(ords)
            .map(|(p, o)| (p, by_ord[o as usize]))
            .collect::<Vec<_>>())
    })?;
    let mut totals: std::collections::BTreeMap<String, usize> = Default::default();
    for (p, n) in per_segment.into_iter().flatten() {
        *totals.entry(p).or_default() += n;
    }
    Ok(Some(totals.into_iter().collect()))
}

/// [`find`], keeping only the occurrences that `filters` allow.
pub(crate) fn find_filtered(
    searcher: &Searcher,
    fields: &Fields,
    targets: &[Target],
    filters: &Filters,
) -> Result<Vec<Occurrence>> {
    let mut occ = find(searcher, fields, targets)?;
    if let Some(allowed) = &filters.reports {
        occ.retain(|o| allowed.contains(&o.report));
    }
    if !filters.sections.is_empty() {
        let mut cols = HashMap::new();
        let mut keep = Vec::with_capacity(occ.len());
        for o in occ {
            let seg = o.address.segment_ord;
            if let std::collections::hash_map::Entry::Vacant(e) = cols.entry(seg) {
                e.insert(searcher.segment_reader(seg).fast_fields().u64("section")?);
            }
            let section = cols[&seg]
                .first(o.address.doc_id)
                .unwrap_or(Section::Body as u64);
            if filters.sections.iter().any(|s| *s as u64 == section) {
                keep.push(o);
            }
        }
        occ = keep;
    }
    Ok(occ)
}

/// Occurrences per path, sorted by path (like `rg -c`).
pub(crate) fn counts(occurrences: &[Occurrence]) -> Vec<(String, usize)> {
    let mut out: Vec<(String, usize)> = Vec::new();
    for o in occurrences {
        match out.last_mut() {
            Some((p, c)) if **p == *o.path => *c += 1,
            _ => out.push((o.path.to_string(), 1)),
        }
    }
    out
}
