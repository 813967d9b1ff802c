//! Reading a stored passage back: its source text, position and report,
//! with its normalized text and the map between the two recomputed (a
//! passage normalizes on its own exactly as within its report; see
//! `passage`).

use crate::index::columns::{bytes_column, fast_u64, path_of};
use crate::index::schema::Fields;
use crate::layout::Layout;
use crate::report::Section;
use crate::text::normalize::{display_text, normalize_with_map, Normalized};
use crate::text::passage::SourcePos;
use crate::text::reading::reading_text;
use anyhow::{anyhow, Result};
use tantivy::query::TermQuery;
use tantivy::schema::{IndexRecordOption, Term, Value};
use tantivy::{DocAddress, Searcher, TantivyDocument};

/// A stored text field of a document ("" when absent).
pub(crate) fn stored_text(doc: &TantivyDocument, field: tantivy::schema::Field) -> String {
    doc.get_first(field)
        .and_then(|v| v.as_str())
        .unwrap_or("")
        .to_string()
}

/// A stored number of a document (0 when absent).
pub(crate) fn stored_u64(doc: &TantivyDocument, field: tantivy::schema::Field) -> u64 {
    doc.get_first(field).and_then(|v| v.as_u64()).unwrap_or(0)
}

/// A ticker mention of a passage, found at index time.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub(crate) struct TickerHit {
    /// Normalized characters of the passage (`end` exclusive).
    pub start: usize,
    pub end: usize,
    /// The ticker's index key (`600519`, `hk:0700`).
    pub key: String,
    /// Canonical form of what is written there (`600519.SH`).
    pub canonical: String,
}

impl TickerHit {
    /// The mention at `start..end` (characters) of the normalized `text`.
    pub(crate) fn new(text: &str, start: usize, end: usize, key: &str) -> TickerHit {
        let written: String = text.chars().skip(start).take(end - start).collect();
        let canonical = crate::report::tickers::parse_ticker_query(&written)
            .map(|t| t.canonical())
            .or_else(|| crate::query::reports::canonical_of_key(key))
            .unwrap_or_else(|| key.to_string());
        TickerHit {
            start,
            end,
            key: key.to_string(),
            canonical,
        }
    }
}

/// The ticker mentions of a passage, from the `ticker_hits` column: a
/// ticker's mentions are listed without opening the doc store.
pub(crate) fn ticker_hits(searcher: &Searcher, address: DocAddress) -> Result<Vec<TickerHit>> {
    let Some(column) = bytes_column(searcher.segment_reader(address.segment_ord), "ticker_hits")?
    else {
        return Ok(Vec::new());
    };
    let mut bytes = Vec::new();
    let ord = column.term_ords(address.doc_id).next();
    match ord {
        Some(ord) => {
            column.ord_to_bytes(ord, &mut bytes)?;
            serde_json::from_slice(&bytes).map_err(|e| anyhow!("stored ticker mentions: {e}"))
        }
        None => Ok(Vec::new()),
    }
}

#[derive(Debug, Clone)]
pub(crate) struct StoredPassage {
    pub address: DocAddress,
    pub path: String,
    pub title: String,
    pub report: u64,
    pub ordinal: u64,
    pub section: Section,
    pub layout: Layout,
    /// Normalized character ranges of furniture glued inside the passage.
    pub hidden: Vec<(u32, u32)>,
    /// The source text of the passage.
    pub raw: String,
    /// Position of the start of `raw` in the file.
    pub pos: SourcePos,
    pub norm: Normalized,
    /// Page of a PDF report's passage.
    pub page: Option<u32>,
}

impl StoredPassage {
    pub(crate) fn load(
        searcher: &Searcher,
        fields: &Fields,
        address: DocAddress,
    ) -> Result<StoredPassage> {
        let doc: TantivyDocument = searcher.doc(address)?;
        let text = |f| stored_text(&doc, f);
        let num = |f| stored_u64(&doc, f);
        let raw = text(fields.raw);
        let norm = normalize_with_map(&raw);
        Ok(StoredPassage {
            address,
            path: path_of(searcher, address)?,
            title: text(fields.title),
            report: fast_u64(searcher, address, "report")?,
            ordinal: fast_u64(searcher, address, "ordinal")?,
            section: Section::ALL
                .get(fast_u64(searcher, address, "section")? as usize)
                .copied()
                .unwrap_or(Section::Body),
            layout: Layout::ALL
                .get(fast_u64(searcher, address, "layout")? as usize)
                .copied()
                .unwrap_or_default(),
            hidden: {
                let v: Vec<u32> = doc
                    .get_all(fields.hidden)
                    .filter_map(|v| v.as_u64())
                    .map(|v| v as u32)
                    .collect();
                v.chunks_exact(2).map(|p| (p[0], p[1])).collect()
            },
            pos: SourcePos {
                line: num(fields.line) as u32,
                column: num(fields.column) as u32,
                offset: num(fields.offset),
            },
            raw,
            norm,
            page: doc
                .get_first(fields.page)
                .and_then(|v| v.as_u64())
                .map(|p| p as u32),
        })
    }

    /// The passage after this one in its report, if any.
    pub(crate) fn next(
        &self,
        searcher: &Searcher,
        fields: &Fields,
    ) -> Result<Option<StoredPassage>> {
        find_passage(searcher, fields, self.report, self.ordinal + 1)
    }

    /// Source position of the byte `at` of `raw`.
    pub(crate) fn pos_at(&self, at: usize) -> SourcePos {
        self.pos.advance(&self.raw[..at.min(self.raw.len())])
    }

    /// Where the passage's content starts (after leading whitespace).
    pub(crate) fn content_pos(&self) -> SourcePos {
        let lead = self.raw.len() - self.raw.trim_start().len();
        self.pos_at(lead)
    }

    /// The text shown to a reader, and per normalized character its range
    /// in it (see [`display_text`]).
    pub(crate) fn display(&self) -> (String, Vec<(u32, u32)>) {
        display_text(&self.raw, &self.norm)
    }

    /// The reading text: the display text without the furniture glued
    /// inside the passage (see [`reading_text`]).
    pub(crate) fn reading(&self) -> (String, Vec<(u32, u32)>) {
        reading_text(&self.raw, &self.norm, &self.hidden)
    }

    /// The passage before this one in its report, if any.
    pub(crate) fn previous(
        &self,
        searcher: &Searcher,
        fields: &Fields,
    ) -> Result<Option<StoredPassage>> {
        match self.ordinal.checked_sub(1) {
            Some(o) => find_passage(searcher, fields, self.report, o),
            None => Ok(None),
        }
    }
}

/// Runs a point lookup (one report's documents, one passage) in the calling
/// thread. The index's executor spreads a search over its segments on
/// several threads, which pays for a scan of many postings; a lookup of a
/// few documents costs less than handing it to another thread and waiting,
/// and a query makes dozens of them (a hit's neighbours, a report's card).
pub(crate) fn look_up<C: tantivy::collector::Collector>(
    searcher: &Searcher,
    query: &dyn tantivy::query::Query,
    collector: &C,
) -> tantivy::Result<C::Fruit> {
    let scoring = if collector.requires_scoring() {
        tantivy::query::EnableScoring::enabled_from_searcher(searcher)
    } else {
        tantivy::query::EnableScoring::disabled_from_searcher(searcher)
    };
    searcher.search_with_executor(
        query,
        collector,
        &tantivy::Executor::single_thread(),
        scoring,
    )
}

/// The passage `ordinal` of the report `report`.
pub(crate) fn find_passage(
    searcher: &Searcher,
    fields: &Fields,
    report: u64,
    ordinal: u64,
) -> Result<Option<StoredPassage>> {
    let term = |field, value| -> Box<dyn tantivy::query::Query> {
        Box::new(TermQuery::new(
            Term::from_field_u64(field, value),
            IndexRecordOption::Basic,
        ))
    };
    let query = tantivy::query::BooleanQuery::new(vec![
        (tantivy::query::Occur::Must, term(fields.report, report)),
        (tantivy::query::Occur::Must, term(fields.ordinal, ordinal)),
    ]);
    match look_up(searcher, &query, &tantivy::collector::DocSetCollector)?
        .into_iter()
        .next()
    {
        Some(address) => Ok(Some(StoredPassage::load(searcher, fields, address)?)),
        None => Ok(None),
    }
}
