//! Report documents: what the index knows about each file as a whole.

use crate::index::schema::{Fields, KIND_REPORT};
use crate::query::stored::{fast_u64, stored_text};
use crate::report::ReportMeta;
use anyhow::Result;
use tantivy::query::TermQuery;
use tantivy::schema::{IndexRecordOption, Term};
use tantivy::{DocAddress, Searcher, TantivyDocument};

/// What a report document stores as JSON: its metadata and the tickers
/// it mentions with a written exchange (index keys).
#[derive(Debug, Clone, Default, serde::Serialize, serde::Deserialize)]
pub struct StoredMeta {
    #[serde(flatten)]
    pub meta: ReportMeta,
    #[serde(default)]
    pub tickers: Vec<String>,
}

/// A report's metadata as search and mentions give it in JSON.
#[derive(Debug, Clone, serde::Serialize)]
pub struct ReportSummary {
    pub broker: Option<String>,
    pub analysts: Vec<crate::report::Analyst>,
    pub date: Option<String>,
    pub rating: Option<String>,
    pub report_type: Option<String>,
    pub tickers: Vec<String>,
}

#[derive(Debug, Clone, serde::Serialize)]
pub struct ReportInfo {
    pub path: String,
    pub title: String,
    pub size: u64,
    pub passages: u64,
    pub meta: ReportMeta,
    /// Canonical tickers the report mentions with a written exchange.
    pub tickers: Vec<String>,
    #[serde(skip)]
    pub id: u64,
}

impl ReportInfo {
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
pub fn ticker_of_key(key: &str) -> Option<crate::report::tickers::Ticker> {
    match key.strip_prefix("hk:") {
        Some(digits) => crate::report::tickers::Ticker::hk(digits),
        None => crate::report::tickers::Ticker::a_share(key, None),
    }
}

/// Canonical form of a ticker index key (`600519` -> `600519.SH`, `hk:0700` -> `0700.HK`).
pub fn canonical_of_key(key: &str) -> Option<String> {
    ticker_of_key(key).map(|t| t.canonical())
}

/// Reports looked up by path, each read once.
#[derive(Default)]
pub struct ReportCache {
    by_path: std::collections::HashMap<String, Option<ReportInfo>>,
}

impl ReportCache {
    pub fn get(
        &mut self,
        searcher: &Searcher,
        fields: &Fields,
        path: &str,
    ) -> Result<Option<&ReportInfo>> {
        if !self.by_path.contains_key(path) {
            let info = by_path(searcher, fields, path)?;
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

/// Number of reports and total corpus bytes, from fast fields alone.
pub fn totals(searcher: &Searcher) -> Result<(u64, u64, u64)> {
    let (mut reports, mut bytes, mut passages) = (0, 0, 0);
    for seg in searcher.segment_readers() {
        let ff = seg.fast_fields();
        let kind = ff.u64("kind")?;
        let size = ff.u64("size")?;
        for doc in 0..seg.max_doc() {
            if seg.is_deleted(doc) {
                continue;
            }
            if kind.first(doc) == Some(KIND_REPORT) {
                reports += 1;
                bytes += size.first(doc).unwrap_or(0);
            } else {
                passages += 1;
            }
        }
    }
    Ok((reports, bytes, passages))
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
        path: crate::query::stored::path_of(searcher, address)?,
        title: text(fields.title),
        size: fast_u64(searcher, address, "size")?,
        passages: fast_u64(searcher, address, "passages")?,
        meta,
        tickers,
        id: fast_u64(searcher, address, "report")?,
    })
}

/// Every report with its metadata, sorted by path.
pub fn all(searcher: &Searcher, fields: &Fields) -> Result<Vec<ReportInfo>> {
    let mut out = Vec::new();
    for a in report_addresses(searcher, fields)? {
        out.push(load(searcher, fields, a)?);
    }
    out.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(out)
}

/// The report at `path` (relative to the indexed folder).
pub fn by_path(searcher: &Searcher, fields: &Fields, path: &str) -> Result<Option<ReportInfo>> {
    let query = TermQuery::new(
        Term::from_field_text(fields.path, path),
        IndexRecordOption::Basic,
    );
    for a in searcher.search(&query, &tantivy::collector::DocSetCollector)? {
        let seg = searcher.segment_reader(a.segment_ord);
        if seg.fast_fields().u64("kind")?.first(a.doc_id) == Some(KIND_REPORT) {
            return Ok(Some(load(searcher, fields, a)?));
        }
    }
    Ok(None)
}
