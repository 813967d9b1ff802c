//! `reports`: one row per report (copies folded), newest first, or with a query the reports
//! that answer it, each with its best passage, most relevant first; facet counts over the
//! whole result set.

use crate::index::card::ReportCard;
use crate::index::folder::Index;
use crate::index::schema::report_id;
use crate::query::by_report::ReportMap;
use crate::query::facets::{self, FacetCounts, FacetKind};
use crate::query::filter::Filters;
use crate::query::parse::Query;
use crate::query::report_rows::{
    allowed, cards_of, fold_copies, paths_of, report_entries, Folded, ReportEntry,
};
use crate::query::search::{matching_sections, search_matching, SearchHit, SearchOptions};
use crate::Result;
use std::collections::{HashMap, HashSet};

/// How `reports` orders its rows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReportSort {
    /// Newest first; undated reports last.
    Date,
    /// Best answer to the query first.
    Relevance,
}

/// What `reports` is asked.
#[derive(Debug, Clone)]
pub struct ReportListOptions {
    /// Reports that answer this query (all reports without one).
    pub query: Option<Query>,
    /// Report filters.
    pub filters: Filters,
    /// The order of the rows.
    pub sort: ReportSort,
    /// Rows to return (0: all).
    pub limit: usize,
    /// Facets to count over the whole result set.
    pub facets: Vec<FacetKind>,
}

/// One report of the list.
#[derive(Debug, Clone, serde::Serialize)]
pub struct ReportRow {
    /// Path relative to the indexed folder.
    pub path: String,
    /// What the list shows of it.
    #[serde(flatten)]
    pub card: ReportCard,
    /// Paths of copies of the same file.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub also: Vec<String>,
    /// The report's best passage for the query.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub best: Option<SearchHit>,
}

/// The list and its counts.
#[derive(Debug, Clone, Default)]
pub struct ReportList {
    /// The rows asked for.
    pub rows: Vec<ReportRow>,
    /// Reports in the whole result set (copies once).
    pub total: usize,
    /// The facets asked for.
    pub facets: Vec<FacetCounts>,
}

/// The list `opts` asks for.
pub(crate) fn report_list(index: &Index, opts: &ReportListOptions) -> Result<ReportList> {
    let searcher = index.searcher()?;
    let Some(query) = &opts.query else {
        if opts.sort == ReportSort::Relevance {
            return Err(crate::Error::InvalidArgument(
                "--sort relevance needs a query".to_string(),
            ));
        }
        let entries = report_entries(&searcher)?;
        return by_date(
            index,
            allowed(&entries, opts.filters.reports.as_deref()),
            opts,
        );
    };
    // Every matching report is a row, even when its best passage repeats
    // another report's: only copies (identical text) are one.
    let mut search_opts = SearchOptions {
        per_report: 1,
        filters: opts.filters.clone(),
        fold_similar: false,
        ..SearchOptions::default()
    };
    // The rows: one per report, its best passage, in the search's order. Ranked by
    // relevance, a page of them comes with the result set from the same pass; sorted by
    // date, every matching report's best passage is needed, so the set comes first.
    let (results, sections, folded) = if opts.sort == ReportSort::Relevance && opts.limit > 0 {
        search_opts.limit = opts.limit;
        let (results, sections) = search_matching(index, query, &search_opts, true)?;
        let folded = fold_matching(&searcher, &sections)?;
        (results, sections, folded)
    } else {
        let sections = matching_sections(index, query, &search_opts)?;
        let folded = fold_matching(&searcher, &sections)?;
        search_opts.limit = folded.len().max(1);
        (index.search(query, &search_opts)?, sections, folded)
    };
    let total = folded.len();
    // Every passage that could speak for a report was heard: the search gave
    // fewer hits than it was asked for.
    let heard_all = results.hits.len() < search_opts.limit;
    let reps: Vec<ReportEntry> = folded.iter().map(|(e, _)| *e).collect();
    let facet_counts = facets::count(&searcher, &opts.facets, &reps, Some(&sections))?;
    let by_id: HashMap<u64, &ReportEntry> = reps.iter().map(|e| (e.id, e)).collect();
    let mut seen: HashSet<u64> = HashSet::new();
    let mut picked: Vec<(ReportEntry, Option<SearchHit>)> = Vec::new();
    for hit in results.hits {
        let id = report_id(&hit.path);
        let entry = by_id.get(&id).copied().copied().or_else(|| {
            // A copy's path answered: its content's entry.
            hit.also
                .iter()
                .find_map(|p| by_id.get(&report_id(p)).copied().copied())
        });
        if let Some(entry) = entry {
            if seen.insert(entry.hash) {
                picked.push((entry, Some(hit)));
            }
        }
    }
    // A report the query matches only in text search does not show (legal
    // text repeated across reports, a table of contents) is still a row of
    // the list, without a passage, after those that have one.
    if heard_all && (opts.limit == 0 || picked.len() < opts.limit) {
        let mut unheard: Vec<ReportEntry> = reps
            .iter()
            .filter(|e| !seen.contains(&e.hash))
            .copied()
            .collect();
        unheard.sort_by_key(|e| (std::cmp::Reverse(e.date), e.id));
        picked.extend(unheard.into_iter().map(|e| (e, None)));
    }
    if opts.sort == ReportSort::Date {
        picked.sort_by_key(|p| std::cmp::Reverse(p.0.date));
    }
    if opts.limit > 0 {
        picked.truncate(opts.limit);
    }
    let copies: HashMap<u64, &Vec<tantivy::DocAddress>> =
        folded.iter().map(|(e, c)| (e.id, c)).collect();
    let addresses: Vec<_> = picked.iter().map(|(e, _)| e.address).collect();
    let cards = cards_of(&searcher, &addresses)?;
    let paths = paths_of(&searcher, &addresses)?;
    let mut rows = Vec::with_capacity(picked.len());
    for (((entry, hit), card), path) in picked.into_iter().zip(cards).zip(paths) {
        let also = match copies.get(&entry.id) {
            Some(c) if !c.is_empty() => paths_of(&searcher, c)?,
            _ => Vec::new(),
        };
        rows.push(ReportRow {
            path,
            card,
            also,
            best: hit,
        });
    }
    Ok(ReportList {
        rows,
        total,
        facets: facet_counts,
    })
}

/// The reports of a query's result set (see `search_matching`), copies folded.
pub(crate) fn fold_matching(
    searcher: &tantivy::Searcher,
    sections: &ReportMap<u64>,
) -> Result<Folded> {
    let entries: Vec<ReportEntry> = report_entries(searcher)?
        .into_iter()
        .filter(|e| sections.contains_key(&e.id))
        .collect();
    Ok(fold_copies(searcher, entries)?)
}

/// Every allowed report, newest first.
fn by_date(
    index: &Index,
    entries: Vec<ReportEntry>,
    opts: &ReportListOptions,
) -> Result<ReportList> {
    let searcher = index.searcher()?;
    let mut folded = fold_copies(&searcher, entries)?;
    let total = folded.len();
    let reps: Vec<ReportEntry> = folded.iter().map(|(e, _)| *e).collect();
    let facet_counts = facets::count(&searcher, &opts.facets, &reps, None)?;
    // Newest first; undated (0) last; the same day in path order, settled below.
    folded.sort_by_key(|f| std::cmp::Reverse(f.0.date));
    let take = if opts.limit == 0 {
        folded.len()
    } else {
        opts.limit.min(folded.len())
    };
    // Reports of the same date as the last one taken are all read, so that which ones make
    // the page does not depend on segments.
    let boundary = folded.get(take.saturating_sub(1)).map(|(e, _)| e.date);
    let mut end = take;
    while end < folded.len() && Some(folded[end].0.date) == boundary {
        end += 1;
    }
    folded.truncate(end);
    let addresses: Vec<_> = folded.iter().map(|(e, _)| e.address).collect();
    let paths = paths_of(&searcher, &addresses)?;
    let mut order: Vec<usize> = (0..folded.len()).collect();
    order.sort_by(|&a, &b| {
        folded[b]
            .0
            .date
            .cmp(&folded[a].0.date)
            .then_with(|| paths[a].cmp(&paths[b]))
    });
    order.truncate(take);
    let chosen: Vec<_> = order.iter().map(|&i| folded[i].0.address).collect();
    let cards = cards_of(&searcher, &chosen)?;
    let mut rows = Vec::with_capacity(order.len());
    for (&i, card) in order.iter().zip(cards) {
        let also = if folded[i].1.is_empty() {
            Vec::new()
        } else {
            paths_of(&searcher, &folded[i].1)?
        };
        rows.push(ReportRow {
            path: paths[i].clone(),
            card,
            also,
            best: None,
        });
    }
    Ok(ReportList {
        rows,
        total,
        facets: facet_counts,
    })
}
