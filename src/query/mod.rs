//! Answering queries: ranked passages ([`Index::search`]), exact
//! occurrences ([`Index::mentions`]), and what the index knows of each
//! report ([`Index::report`], [`Index::stats`], [`Index::tickers`]).
//!
//! Every query of one [`Index`] value reads the same commit; see
//! [`Index::reload`].

pub(crate) mod boilerplate;
pub(crate) mod by_report;
pub(crate) mod dictseg;
pub(crate) mod facets;
pub(crate) mod filter;
pub(crate) mod hit;
pub(crate) mod mentions;
pub(crate) mod names_beside;
pub(crate) mod parse;
pub(crate) mod report_list;
pub(crate) mod report_rows;
pub(crate) mod reports;
pub(crate) mod search;
pub(crate) mod stats;
pub(crate) mod stored;
pub(crate) mod targets;
pub(crate) mod tickers;
pub(crate) mod timeline;
pub(crate) mod variants;

pub use facets::{FacetCounts, FacetKind};
pub use filter::{Filters, ReportFilter};
pub use mentions::{Describer, Mention, Occurrence, Target};
pub use parse::{parse, Query, QueryError, Term};
pub use report_list::{ReportList, ReportListOptions, ReportRow, ReportSort};
pub use reports::{ReadingPassage, ReportCache, ReportInfo, ReportSummary, SectionSize};
pub use search::{SearchHit, SearchOptions, SearchResults};
pub use stats::Stats;
pub use targets::{targets, targets_with};
pub use tickers::TickerRow;
pub use timeline::{Timeline, TimelineRow, TimelineSummary};
pub use variants::{latin_variants, MAX_VARIANTS};

use crate::index::folder::Index;
use crate::report::aliases::AliasTable;
use crate::Result;

impl Index {
    /// The best passages for `query` (see [`SearchOptions`]).
    pub fn search(&self, query: &Query, opts: &SearchOptions) -> Result<SearchResults> {
        Ok(search::search(self, query, opts)?)
    }

    /// Resolves a [`ReportFilter`] against this index.
    pub fn filters(&self, filter: &ReportFilter) -> Result<Filters> {
        Filters::resolve(self, filter)
    }

    /// Every occurrence of the targets that `filters` allow, ordered by path
    /// then position, without overlaps (see [`targets()`] for what a term
    /// stands for).
    pub fn mentions(&self, targets: &[Target], filters: &Filters) -> Result<Vec<Occurrence>> {
        let searcher = self.searcher()?;
        Ok(mentions::find_filtered(
            &searcher,
            &self.fields,
            targets,
            filters,
        )?)
    }

    /// Occurrences per report path, sorted by path (like `rg -c`). Counted
    /// without listing the occurrences where that gives the same answer.
    pub fn mention_counts(
        &self,
        targets: &[Target],
        filters: &Filters,
    ) -> Result<Vec<(String, usize)>> {
        let searcher = self.searcher()?;
        if filters.is_empty() {
            if let Some(counts) = mentions::count_by_path(&searcher, &self.fields, targets)? {
                return Ok(counts);
            }
        }
        let occ = mentions::find_filtered(&searcher, &self.fields, targets, filters)?;
        Ok(mentions::counts(&occ))
    }

    /// Shows occurrences found by [`Index::mentions`] of this index as the
    /// report writes them, with their context.
    pub fn describer(&self) -> Result<Describer> {
        Ok(Describer::new(self.searcher()?, self.fields))
    }

    /// The report at `path`: relative to the indexed folder, or a file
    /// path inside it. `None` when the index does not hold it.
    pub fn report(&self, path: &str) -> Result<Option<ReportInfo>> {
        let searcher = self.searcher()?;
        Ok(reports::find_report(self, &searcher, path, true)?)
    }

    /// The report at `path` as the index names it (relative to its folder, or `NAME/rel`
    /// with several folders), never looked up on disk: a server answers with this, so that
    /// nothing a request names is opened or even resolved outside the index.
    pub fn indexed_report(&self, path: &str) -> Result<Option<ReportInfo>> {
        let searcher = self.searcher()?;
        Ok(reports::find_report(self, &searcher, path, false)?)
    }

    /// Every report, sorted by path.
    pub fn reports(&self) -> Result<Vec<ReportInfo>> {
        let searcher = self.searcher()?;
        Ok(reports::all(&searcher, &self.fields)?)
    }

    /// A report's sections in reading order, as runs of passages.
    pub fn sections(&self, report: &ReportInfo) -> Result<Vec<SectionSize>> {
        let searcher = self.searcher()?;
        Ok(reports::section_sizes(&searcher, &self.fields, report.id)?)
    }

    /// A report's reading text: its passages in order, with their
    /// sections, page furniture left out.
    pub fn reading(&self, report: &ReportInfo) -> Result<Vec<ReadingPassage>> {
        let searcher = self.searcher()?;
        Ok(reports::reading_passages(
            &searcher,
            &self.fields,
            report.id,
        )?)
    }

    /// Size and contents of the index.
    pub fn stats(&self) -> Result<Stats> {
        Ok(stats::stats(self)?)
    }

    /// The name the reports print beside `ticker`'s code, where one
    /// stands out: for a ticker the alias table does not know.
    pub fn name_beside(&self, ticker: &crate::report::Ticker) -> Result<Option<String>> {
        let searcher = self.searcher()?;
        Ok(names_beside::name_beside(&searcher, &self.fields, ticker)?)
    }

    /// Every ticker the reports mention, most mentioned first, named
    /// through `aliases`.
    pub fn tickers(&self, aliases: &AliasTable) -> Result<Vec<TickerRow>> {
        let searcher = self.searcher()?;
        Ok(tickers::ticker_rows(&searcher, &self.fields, aliases)?)
    }

    /// One row per report (copies once), newest first or most relevant to a query first,
    /// with facet counts over the whole result set.
    pub fn report_list(&self, opts: &ReportListOptions) -> Result<ReportList> {
        report_list::report_list(self, opts)
    }

    /// A search, with facet counts over the reports its query matches (every facet counts
    /// reports), gathered in the same pass over the matches.
    pub fn search_with_facets(
        &self,
        query: &Query,
        opts: &SearchOptions,
        kinds: &[FacetKind],
    ) -> Result<(SearchResults, Vec<FacetCounts>)> {
        let (results, sections) = search::search_matching(self, query, opts, true)?;
        let searcher = self.searcher()?;
        let folded = report_list::fold_matching(&searcher, &sections)?;
        let reps: Vec<_> = folded.into_iter().map(|(e, _)| e).collect();
        let facets = facets::count(&searcher, kinds, &reps, Some(&sections))?;
        Ok((results, facets))
    }

    /// The reports about a company (and with `with_mentions` those that only mention it),
    /// oldest first, with a summary. `names` are the company's names, which a title about it
    /// holds.
    pub fn timeline(
        &self,
        ticker: &crate::report::Ticker,
        names: &[String],
        with_mentions: bool,
    ) -> Result<Timeline> {
        timeline::timeline(self, ticker, names, with_mentions)
    }

    /// A cache of reports looked up by path, for showing many results.
    pub fn report_cache(&self) -> ReportCache<'_> {
        ReportCache::new(self)
    }
}
