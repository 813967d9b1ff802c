//! Report documents: what the index knows about each file as a whole.

use crate::index::columns::{fast_u64, u64_column};
use crate::index::folder::Index;
use crate::index::schema::{Fields, KIND_PASSAGE, KIND_REPORT};
use crate::layout::Layout;
use crate::query::stored::{stored_text, StoredPassage};
use crate::report::ReportMeta;
use crate::report::Section;
use anyhow::Result;
use tantivy::query::TermQuery;
use tantivy::schema::{IndexRecordOption, Term};
use tantivy::{DocAddress, Searcher, TantivyDocument};

/// What a report document stores as JSON: its metadata and the tickers
/// it mentions with a written exchange (index keys).
#[derive(Debug, Clone, Default, serde::Serialize, serde::Deserialize)]
pub(crate) struct StoredMeta {
    #[serde(flatten)]
    pub meta: ReportMeta,
    #[serde(default)]
    pub tickers: Vec<String>,
}

/// A report's metadata as search and mentions give it in JSON.
#[derive(Debug, Clone, serde::Serialize)]
pub struct ReportSummary {
    /// The broker that wrote it.
    pub broker: Option<String>,
    /// Its analysts, with their SAC numbers where given.
    pub analysts: Vec<crate::report::Analyst>,
    /// Its date, YYYY-MM-DD.
    pub date: Option<String>,
    /// Its rating, as the report words it.
    pub rating: Option<String>,
    /// `company`, `industry`, `strategy` or `macro`.
    pub report_type: Option<String>,
    /// Canonical tickers it mentions with a written exchange.
    pub tickers: Vec<String>,
}

/// What the index knows about a report as a whole.
#[derive(Debug, Clone, serde::Serialize)]
pub struct ReportInfo {
    /// Path relative to the indexed folder.
    pub path: String,
    /// Its title.
    pub title: String,
    /// File size in bytes.
    pub size: u64,
    /// Number of passages.
    pub passages: u64,
    /// Broker, analysts, date, rating, type, as extracted from its text.
    pub meta: ReportMeta,
    /// Canonical tickers the report mentions with a written exchange.
    pub tickers: Vec<String>,
    #[serde(skip)]
    pub(crate) id: u64,
}

impl ReportInfo {
    /// The metadata as search and mentions give it in JSON.
    pub fn summary(&self) -> ReportSummary {
        ReportSummary {
            broker: self.meta.broker.clone(),
            analysts: self.meta.analysts.clone(),
            date: self.meta.date.clone(),
            rating: self.meta.rating.clone(),
            report_type: self.meta.report_type.clone(),
            tickers: self.tickers.clone(),
        }
    }
}

/// The ticker an index key stands for (`600519`, `hk:0700`).
pub(crate) fn ticker_of_key(key: &str) -> Option<crate::report::tickers::Ticker> {
    match key.strip_prefix("hk:") {
        Some(digits) => crate::report::tickers::Ticker::hk(digits),
        None => crate::report::tickers::Ticker::a_share(key, None),
    }
}

/// Canonical form of a ticker index key (`600519` -> `600519.SH`, `hk:0700` -> `0700.HK`).
pub(crate) fn canonical_of_key(key: &str) -> Option<String> {
    ticker_of_key(key).map(|t| t.canonical())
}

/// Reports looked up by path, each read once.
pub struct ReportCache<'a> {
    index: &'a Index,
    by_path: std::collections::HashMap<String, Option<ReportInfo>>,
}

impl<'a> ReportCache<'a> {
    pub(crate) fn new(index: &'a Index) -> ReportCache<'a> {
        ReportCache {
            index,
            by_path: Default::default(),
        }
    }

    /// The report at `path` (relative to the indexed folder).
    pub fn get(&mut self, path: &str) -> crate::Result<Option<&ReportInfo>> {
        if !self.by_path.contains_key(path) {
            let searcher = self.index.searcher()?;
            let info = by_path(&searcher, &self.index.fields, path)?;
            self.by_path.insert(path.to_string(), info);
        }
        Ok(self.by_path.get(path).and_then(|r| r.as_ref()))
    }
}

fn report_addresses(searcher: &Searcher, fields: &Fields) -> Result<Vec<DocAddress>> {
    let query = TermQuery::new(
        Term::from_field_u64(fields.kind, KIND_REPORT),
        IndexRecordOption::Basic,
    );
    let mut docs: Vec<DocAddress> = searcher
        .search(&query, &tantivy::collector::DocSetCollector)?
        .into_iter()
        .collect();
    docs.sort();
    Ok(docs)
}

/// Number of reports, total corpus bytes and number of passages, from the report
/// documents' postings and columns alone (every other live document is a passage).
pub(crate) fn totals(searcher: &Searcher) -> Result<(u64, u64, u64)> {
    totals_of(
        searcher,
        &crate::query::report_rows::report_entries(searcher)?,
    )
}

/// [`totals`] of report documents already listed.
pub(crate) fn totals_of(
    searcher: &Searcher,
    entries: &[crate::query::report_rows::ReportEntry],
) -> Result<(u64, u64, u64)> {
    let mut bytes = 0;
    let sizes: Vec<_> = searcher
        .segment_readers()
        .iter()
        .map(|seg| u64_column(seg, "size"))
        .collect::<Result<_>>()?;
    for e in entries {
        bytes += sizes[e.address.segment_ord as usize]
            .first(e.address.doc_id)
            .unwrap_or(0);
    }
    let live: u64 = searcher
        .segment_readers()
        .iter()
        .map(|seg| u64::from(seg.num_docs()))
        .sum();
    let reports = entries.len() as u64;
    Ok((reports, bytes, live - reports))
}

fn load(searcher: &Searcher, fields: &Fields, address: DocAddress) -> Result<ReportInfo> {
    let doc: TantivyDocument = searcher.doc(address)?;
    let text = |f| stored_text(&doc, f);
    let stored: StoredMeta = serde_json::from_str(&text(fields.meta)).unwrap_or_default();
    let tickers = stored
        .tickers
        .iter()
        .filter_map(|k| canonical_of_key(k))
        .collect();
    let meta = stored.meta;
    Ok(ReportInfo {
        path: crate::index::columns::path_of(searcher, address)?,
        title: text(fields.title),
        size: fast_u64(searcher, address, "size")?,
        passages: fast_u64(searcher, address, "passages")?,
        meta,
        tickers,
        id: fast_u64(searcher, address, "report")?,
    })
}

/// Every report with its metadata, sorted by path.
pub(crate) fn all(searcher: &Searcher, fields: &Fields) -> Result<Vec<ReportInfo>> {
    let mut out = Vec::new();
    for a in report_addresses(searcher, fields)? {
        out.push(load(searcher, fields, a)?);
    }
    out.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(out)
}

/// The report at `path` (relative to the indexed folder).
pub(crate) fn by_path(
    searcher: &Searcher,
    fields: &Fields,
    path: &str,
) -> Result<Option<ReportInfo>> {
    // The report document by its postings: checking each document of the
    // path by its `kind` column opened that column per report looked up.
    let term = |t: Term| -> Box<dyn tantivy::query::Query> {
        Box::new(TermQuery::new(t, IndexRecordOption::Basic))
    };
    let query = tantivy::query::BooleanQuery::intersection(vec![
        term(Term::from_field_text(fields.path, path)),
        term(Term::from_field_u64(fields.kind, KIND_REPORT)),
    ]);
    match crate::query::stored::look_up(searcher, &query, &tantivy::collector::DocSetCollector)?
        .into_iter()
        .min()
    {
        Some(a) => Ok(Some(load(searcher, fields, a)?)),
        None => Ok(None),
    }
}

/// A run of consecutive passages of one section in a report.
#[derive(Debug, Clone, serde::Serialize)]
pub struct SectionSize {
    /// The section.
    pub section: Section,
    /// Passages in the run.
    pub passages: u64,
    /// Normalized characters in the run.
    pub chars: u64,
}

/// The sections of report `report` in reading order, as runs of passages.
pub(crate) fn section_sizes(
    searcher: &Searcher,
    fields: &Fields,
    report: u64,
) -> Result<Vec<SectionSize>> {
    let mut out: Vec<SectionSize> = Vec::new();
    for a in passage_addresses(searcher, fields, report)? {
        let seg = searcher.segment_reader(a.segment_ord);
        let section = u64_column(seg, "section")?
            .first(a.doc_id)
            .and_then(|s| Section::ALL.get(s as usize).copied())
            .unwrap_or(Section::Body);
        let len = u64_column(seg, "norm_len")?.first(a.doc_id).unwrap_or(0);
        match out.last_mut() {
            Some(last) if last.section == section => {
                last.passages += 1;
                last.chars += len;
            }
            _ => out.push(SectionSize {
                section,
                passages: 1,
                chars: len,
            }),
        }
    }
    Ok(out)
}

/// The report at `path`: relative to the indexed folder, or a file path
/// (absolute, or relative to the current directory) inside it.
pub(crate) fn find_report(
    index: &Index,
    searcher: &Searcher,
    path: &str,
    on_disk: bool,
) -> Result<Option<ReportInfo>> {
    let roots = index.roots();
    let mut found = Vec::new();
    for key in roots.candidates(path, on_disk) {
        if let Some(r) = by_path(searcher, &index.fields, &key)? {
            found.push(r);
        }
    }
    if found.len() > 1 {
        // The path as shown (`NAME/rel`) names one; a bare relative path
        // found in several roots names none.
        let shown: Vec<String> = found.iter().map(|r| roots.display(&r.path)).collect();
        match shown
            .iter()
            .position(|s| s == path.trim_start_matches("./"))
        {
            Some(i) => return Ok(Some(found.swap_remove(i))),
            None => anyhow::bail!(
                "{path}: in several roots ({}): give the path as shown, with its root's name",
                shown.join(", ")
            ),
        }
    }
    Ok(found.into_iter().next())
}

/// One passage of a report's reading text, as `show --text` prints it.
#[derive(Debug, Clone, serde::Serialize)]
pub struct ReadingPassage {
    /// The passage's section.
    pub section: Section,
    /// Prose or a table (page furniture is left out of the reading text).
    pub layout: Layout,
    /// 1-based line of the passage's start in the source file.
    pub line: u32,
    /// 1-based page, for PDF reports.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub page: Option<u32>,
    /// The reading text: furniture glued inside the passage left out.
    pub text: String,
}

/// The reading text of report `report`: its passages in order, page
/// furniture left out.
pub(crate) fn reading_passages(
    searcher: &Searcher,
    fields: &Fields,
    report: u64,
) -> Result<Vec<ReadingPassage>> {
    let addresses = passage_addresses(searcher, fields, report)?;
    let mut out = Vec::with_capacity(addresses.len());
    for address in addresses {
        let p = StoredPassage::load(searcher, fields, address)?;
        if p.layout == Layout::Furniture {
            continue;
        }
        out.push(ReadingPassage {
            section: p.section,
            layout: p.layout,
            line: p.pos.line,
            page: p.page,
            text: p.reading().0,
        });
    }
    Ok(out)
}

/// The passages of report `report`, in reading order.
fn passage_addresses(searcher: &Searcher, fields: &Fields, report: u64) -> Result<Vec<DocAddress>> {
    let q = TermQuery::new(
        Term::from_field_u64(fields.report, report),
        IndexRecordOption::Basic,
    );
    let mut rows: Vec<(u64, DocAddress)> = Vec::new();
    for a in crate::query::stored::look_up(searcher, &q, &tantivy::collector::DocSetCollector)? {
        let seg = searcher.segment_reader(a.segment_ord);
        if u64_column(seg, "kind")?.first(a.doc_id) != Some(KIND_PASSAGE) {
            continue;
        }
        rows.push((u64_column(seg, "ordinal")?.first(a.doc_id).unwrap_or(0), a));
    }
    rows.sort_by_key(|r| r.0);
    Ok(rows.into_iter().map(|(_, a)| a).collect())
}
