//! Reports as data: `reports` (a list with facets) and `ticker` (a company's timeline).

use super::{show_paths, Place};
use crate::index::folder::Index;
use crate::query::{
    self, FacetCounts, FacetKind, ReportList, ReportListOptions, ReportSort, Timeline,
};
use crate::report::aliases::AliasTable;
use crate::report::{parse_ticker_query, Ticker};
use crate::text::normalize::normalize;
use crate::{Error, ReportFilter, Result};
use serde_json::{json, Value};

/// The facets as a JSON object: `{"broker": {"华安证券": 3, ...}, ...}`, largest first.
pub fn facets_json(facets: &[FacetCounts]) -> Value {
    let mut obj = serde_json::Map::new();
    for f in facets {
        let mut values = serde_json::Map::new();
        for (v, n) in &f.values {
            values.insert(v.clone(), (*n).into());
        }
        obj.insert(f.kind.name().to_string(), values.into());
    }
    obj.into()
}

/// What `reports` is asked.
#[derive(Debug, Clone, Default)]
pub struct ReportsRequest {
    /// Terms as for `search`; none: every report.
    pub query: Option<String>,
    /// The order [default: relevance with a query, else date].
    pub sort: Option<ReportSort>,
    /// Reports to list (0: all).
    pub limit: usize,
    /// Facets to count (`broker,rating`).
    pub facets: Option<String>,
    /// The report filters.
    pub filter: ReportFilter,
}

/// The answer of `reports`: rows with paths as shown, and where each report is.
#[derive(Debug)]
pub struct ListedReports {
    /// The rows and facets; paths as shown.
    pub list: ReportList,
    places: Vec<Place>,
}

/// Lists reports.
pub fn reports(index: &Index, req: &ReportsRequest) -> Result<ListedReports> {
    let query = req.query.as_deref().map(query::parse).transpose()?;
    let kinds = req
        .facets
        .as_deref()
        .map(FacetKind::parse_list)
        .transpose()?
        .unwrap_or_default();
    let filters = index.filters(&req.filter)?;
    let sort = req.sort.unwrap_or(if query.is_some() {
        ReportSort::Relevance
    } else {
        ReportSort::Date
    });
    let mut list = index.report_list(&ReportListOptions {
        query,
        filters,
        sort,
        limit: req.limit,
        facets: kinds,
    })?;
    let roots = index.roots();
    let mut places = Vec::with_capacity(list.rows.len());
    for row in &mut list.rows {
        if let Some(hit) = &mut row.best {
            show_paths(&roots, &mut hit.path, &mut hit.also);
        }
        places.push(show_paths(&roots, &mut row.path, &mut row.also));
    }
    Ok(ListedReports { list, places })
}

impl ListedReports {
    /// Each row as JSON (one `reports --json` line each).
    pub fn rows_json(&self) -> Result<Vec<Value>> {
        self.list
            .rows
            .iter()
            .zip(&self.places)
            .map(|(row, place)| {
                let mut v = serde_json::to_value(row).map_err(|e| Error::Other(e.to_string()))?;
                place.put(&mut v);
                Ok(v)
            })
            .collect()
    }

    /// The whole answer as one object (the API's `/api/reports`).
    pub fn to_json(&self) -> Result<Value> {
        Ok(json!({
            "total": self.list.total,
            "rows": self.rows_json()?,
            "facets": facets_json(&self.list.facets),
        }))
    }
}

/// The listing a code or a company name stands for, and the company's names. Any written
/// form of a code will do; a name must name one listing.
pub fn resolve_company(code: &str, aliases: &AliasTable) -> Result<(Ticker, Vec<String>)> {
    let wanted = normalize(code);
    let wanted = wanted.trim();
    let ticker = match parse_ticker_query(wanted) {
        Some(t) => aliases.resolve(&t),
        None => match aliases.tickers_of_name(wanted).as_slice() {
            [one] => one.clone(),
            [] => {
                return Err(Error::InvalidArgument(format!(
                    "{code:?} is neither a ticker (600519, 600519.SH, 0700.HK...) nor a company name yanbao knows"
                )))
            }
            several => {
                let listed: Vec<String> = several.iter().map(|t| t.canonical()).collect();
                return Err(Error::InvalidArgument(format!(
                    "{code:?} names several listings: {}; give the code",
                    listed.join(", ")
                )));
            }
        },
    };
    let names = aliases.names_of(&ticker);
    Ok((ticker, names))
}

/// The answer of `ticker`: the timeline with paths as shown, and where each report is.
#[derive(Debug)]
pub struct TickerTimeline {
    /// The rows and the summary; paths as shown.
    pub timeline: Timeline,
    places: Vec<Place>,
}

/// A company's timeline (`with_mentions`: also the reports that only mention it).
pub fn ticker(
    index: &Index,
    code: &str,
    with_mentions: bool,
    aliases: &AliasTable,
) -> Result<TickerTimeline> {
    let (ticker, names) = resolve_company(code, aliases)?;
    let mut timeline = index.timeline(&ticker, &names, with_mentions)?;
    let roots = index.roots();
    let places = timeline
        .rows
        .iter_mut()
        .map(|row| show_paths(&roots, &mut row.path, &mut row.also))
        .collect();
    Ok(TickerTimeline { timeline, places })
}

impl TickerTimeline {
    /// The answer as one object (`ticker --json`, the API's `/api/ticker`).
    pub fn to_json(&self) -> Result<Value> {
        let mut v =
            serde_json::to_value(&self.timeline).map_err(|e| Error::Other(e.to_string()))?;
        if let Some(rows) = v["rows"].as_array_mut() {
            for (row, place) in rows.iter_mut().zip(&self.places) {
                place.put(row);
            }
        }
        Ok(v)
    }
}
