//! Filters on reports and sections, as a caller states them
//! ([`ReportFilter`]: plain values) and as queries apply them
//! ([`Filters`]: the sections and the ids of the reports allowed).

use crate::index::folder::Index;
use crate::index::schema::{Fields, KIND_REPORT};
use crate::report::tickers::parse_ticker_query;
use crate::report::Section;
use crate::text::normalize::normalize;
use anyhow::{anyhow, Result};
use std::collections::HashSet;
use std::sync::Arc;
use tantivy::query::{BooleanQuery, Occur, Query as TQuery, RangeQuery, TermQuery};
use tantivy::schema::{IndexRecordOption, Term};
use tantivy::Searcher;

/// Which reports and sections a query may answer from, as the user gives
/// them. Every field is optional; an empty filter allows everything.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ReportFilter {
    /// Section names (`summary`, `risk`...); any of them will do.
    pub sections: Vec<String>,
    /// The broker, as the index records it (e.g. 华安证券).
    pub broker: Option<String>,
    /// An analyst's name.
    pub analyst: Option<String>,
    /// Reports dated on or after this day (YYYY-MM-DD).
    pub since: Option<String>,
    /// Reports dated on or before this day (YYYY-MM-DD).
    pub until: Option<String>,
    /// The rating word (e.g. 买入).
    pub rating: Option<String>,
    /// A ticker, in any written form.
    pub ticker: Option<String>,
}

/// Restrictions on which passages may match, resolved against an index.
#[derive(Debug, Clone, Default)]
pub struct Filters {
    /// Sections allowed (any of them); empty: all.
    pub sections: Vec<Section>,
    /// Reports allowed by report-level filters (broker, date...), by report id;
    /// `None` when no report-level filter is set.
    pub reports: Option<Arc<HashSet<u64>>>,
}

impl Filters {
    /// Whether nothing is filtered out.
    pub fn is_empty(&self) -> bool {
        self.sections.is_empty() && self.reports.is_none()
    }

    /// Resolves `filter` against `index`. A value that cannot be used (an
    /// unknown section, a malformed date, a ticker that is not one) is an
    /// [`crate::Error::InvalidArgument`] naming it.
    pub fn resolve(index: &Index, filter: &ReportFilter) -> crate::Result<Filters> {
        let searcher = index.searcher()?;
        Ok(resolve(&searcher, &index.fields, filter)?)
    }
}

pub(crate) fn resolve(searcher: &Searcher, fields: &Fields, f: &ReportFilter) -> Result<Filters> {
    Ok(Filters {
        sections: sections(f)?,
        reports: report_filter(searcher, fields, f)?,
    })
}

fn invalid(message: String) -> anyhow::Error {
    anyhow!(crate::Error::InvalidArgument(message))
}

fn sections(f: &ReportFilter) -> Result<Vec<Section>> {
    f.sections
        .iter()
        .map(|s| {
            Section::parse(s).ok_or_else(|| {
                let names: Vec<&str> = Section::ALL.iter().map(|s| s.name()).collect();
                invalid(format!(
                    "unknown section {s:?}: use one of {}",
                    names.join(", ")
                ))
            })
        })
        .collect()
}

/// Report ids allowed by the report-level filters, or `None` if none is set.
fn report_filter(
    searcher: &Searcher,
    fields: &Fields,
    f: &ReportFilter,
) -> Result<Option<Arc<HashSet<u64>>>> {
    let mut clauses: Vec<(Occur, Box<dyn TQuery>)> = Vec::new();
    let term = |field, value: &str| -> Box<dyn TQuery> {
        Box::new(TermQuery::new(
            Term::from_field_text(field, normalize(value).trim()),
            IndexRecordOption::Basic,
        ))
    };
    if let Some(b) = &f.broker {
        clauses.push((Occur::Must, term(fields.broker, b)));
    }
    if let Some(a) = &f.analyst {
        clauses.push((Occur::Must, term(fields.analyst, a)));
    }
    if let Some(r) = &f.rating {
        clauses.push((Occur::Must, term(fields.rating, r)));
    }
    let day = |s: &str, name: &str| {
        crate::index::build::date_number(s)
            .ok_or_else(|| invalid(format!("--{name} takes a date as YYYY-MM-DD, not {s:?}")))
    };
    if f.since.is_some() || f.until.is_some() {
        let lo = f
            .since
            .as_deref()
            .map(|s| day(s, "since"))
            .transpose()?
            .unwrap_or(0);
        let hi = f
            .until
            .as_deref()
            .map(|s| day(s, "until"))
            .transpose()?
            .unwrap_or(99_999_999);
        let range = RangeQuery::new(
            std::ops::Bound::Included(Term::from_field_u64(fields.date, lo)),
            std::ops::Bound::Included(Term::from_field_u64(fields.date, hi)),
        );
        clauses.push((Occur::Must, Box::new(range)));
    }
    let mut allowed: Option<HashSet<u64>> = None;
    if !clauses.is_empty() {
        clauses.push((
            Occur::Must,
            Box::new(TermQuery::new(
                Term::from_field_u64(fields.kind, KIND_REPORT),
                IndexRecordOption::Basic,
            )),
        ));
        allowed = Some(report_ids(searcher, &BooleanQuery::new(clauses))?);
    }
    if let Some(t) = &f.ticker {
        let ticker = parse_ticker_query(&normalize(t))
            .ok_or_else(|| invalid(format!("--ticker: {t:?} is not a ticker")))?;
        let q = TermQuery::new(
            Term::from_field_text(fields.tickers, &ticker.index_key()),
            IndexRecordOption::Basic,
        );
        let with = report_ids(searcher, &q)?;
        allowed = Some(match allowed {
            Some(a) => a.intersection(&with).copied().collect(),
            None => with,
        });
    }
    Ok(allowed.map(Arc::new))
}

fn report_ids(searcher: &Searcher, query: &dyn TQuery) -> Result<HashSet<u64>> {
    let mut ids = HashSet::new();
    for a in searcher.search(query, &tantivy::collector::DocSetCollector)? {
        let seg = searcher.segment_reader(a.segment_ord);
        if let Some(id) = seg.fast_fields().u64("report")?.first(a.doc_id) {
            ids.insert(id);
        }
    }
    Ok(ids)
}
