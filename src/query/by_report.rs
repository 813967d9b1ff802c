//! A collector that tallies matching passages per report: how many, and
//! the best one. Search uses it to know which reports a term is about, how
//! many more passages a shown report holds, and, when no passage holds
//! every term, which reports hold them all between their passages.
//!
//! A report's passages are indexed together, so within a segment they come
//! as one run of consecutive documents (rarely a few runs, when a long
//! report's batches were split): both collectors keep the current run's
//! state at hand and touch their per-report maps once per run, not once per
//! matching passage (`公司` matches millions of passages of 31,000 reports).

use crate::index::columns::{u64_column, RankBitsColumn};
use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::Arc;
use tantivy::collector::{Collector, SegmentCollector};
use tantivy::columnar::Column;
use tantivy::{DocAddress, DocId, Score, SegmentOrdinal, SegmentReader};

/// Hashes a report id as itself: ids are already xxh3 hashes of paths
/// (`index::schema::report_id`), and SipHash over them cost a tenth of
/// `search 公司`.
#[derive(Default, Clone, Copy)]
pub(crate) struct ReportIdHasher(u64);

impl Hasher for ReportIdHasher {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        // Only `write_u64` is used by `u64` keys; any other key is folded
        // in byte by byte so the hasher stays correct, if slower.
        for &b in bytes {
            self.0 = self.0.rotate_left(8) ^ u64::from(b);
        }
    }

    fn write_u64(&mut self, id: u64) {
        self.0 = id;
    }
}

/// A map keyed by report id.
pub(crate) type ReportMap<V> = HashMap<u64, V, BuildHasherDefault<ReportIdHasher>>;

/// A set of report ids.
pub(crate) type ReportSet = HashSet<u64, BuildHasherDefault<ReportIdHasher>>;

/// The matching passages of one report.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Tally {
    /// How many passages match.
    pub count: u32,
    /// The best score among them.
    pub best_score: Score,
    /// The passage with that score.
    pub best: DocAddress,
}

impl Tally {
    /// Adds a later tally of the same report: on equal scores the earlier
    /// passage stays the best.
    fn add(&mut self, later: &Tally) {
        self.count += later.count;
        if later.best_score > self.best_score {
            self.best_score = later.best_score;
            self.best = later.best;
        }
    }
}

/// Tallies per report id (the `report` fast field), over the reports that
/// `allowed` lets through (all when `None`).
pub(crate) struct ByReport {
    pub scoring: bool,
    pub allowed: Option<Arc<HashSet<u64>>>,
}

impl Collector for ByReport {
    type Fruit = ReportMap<Tally>;
    type Child = SegmentByReport;

    fn for_segment(
        &self,
        ord: SegmentOrdinal,
        seg: &SegmentReader,
    ) -> tantivy::Result<Self::Child> {
        Ok(SegmentByReport {
            ord,
            report: u64_column(seg, "report").ok(),
            allowed: self.allowed.clone(),
            run: None,
            tallies: ReportMap::default(),
        })
    }

    fn requires_scoring(&self) -> bool {
        self.scoring
    }

    fn merge_fruits(&self, fruits: Vec<ReportMap<Tally>>) -> tantivy::Result<Self::Fruit> {
        let mut fruits = fruits.into_iter();
        let mut out = fruits.next().unwrap_or_default();
        for fruit in fruits {
            for (report, t) in fruit {
                out.entry(report).and_modify(|o| o.add(&t)).or_insert(t);
            }
        }
        Ok(out)
    }
}

pub(crate) struct SegmentByReport {
    ord: SegmentOrdinal,
    report: Option<Column<u64>>,
    allowed: Option<Arc<HashSet<u64>>>,
    /// The current run: its report, and its tally when the report is
    /// allowed.
    run: Option<(u64, Option<Tally>)>,
    tallies: ReportMap<Tally>,
}

impl SegmentByReport {
    fn end_run(&mut self) {
        if let Some((report, Some(t))) = self.run.take() {
            self.tallies
                .entry(report)
                .and_modify(|o| o.add(&t))
                .or_insert(t);
        }
    }
}

impl SegmentCollector for SegmentByReport {
    type Fruit = ReportMap<Tally>;

    fn collect(&mut self, doc: DocId, score: Score) {
        let Some(report) = self.report.as_ref().and_then(|c| c.first(doc)) else {
            return;
        };
        if self.run.as_ref().is_none_or(|(r, _)| *r != report) {
            self.end_run();
            let allowed = self.allowed.as_ref().is_none_or(|a| a.contains(&report));
            self.run = Some((report, None));
            if !allowed {
                return;
            }
            self.run = Some((
                report,
                Some(Tally {
                    count: 0,
                    best_score: score,
                    best: DocAddress::new(self.ord, doc),
                }),
            ));
        }
        if let Some((_, Some(t))) = self.run.as_mut() {
            t.count += 1;
            if score > t.best_score {
                t.best_score = score;
                t.best = DocAddress::new(self.ord, doc);
            }
        }
    }

    fn harvest(mut self) -> Self::Fruit {
        self.end_run();
        self.tallies
    }
}

/// The sections in which each allowed report matched, a bit per
/// [`crate::report::Section`]: the result set that facets count, gathered
/// beside a search's own collector in the same pass over the matches.
pub(crate) struct SectionsByReport {
    pub allowed: Option<Arc<HashSet<u64>>>,
}

impl Collector for SectionsByReport {
    type Fruit = ReportMap<u64>;
    type Child = SegmentSections;

    fn for_segment(
        &self,
        _ord: SegmentOrdinal,
        seg: &SegmentReader,
    ) -> tantivy::Result<Self::Child> {
        let column = |name| {
            u64_column(seg, name).map_err(|e| tantivy::TantivyError::InternalError(e.to_string()))
        };
        Ok(SegmentSections {
            report: column("report")?,
            bits: RankBitsColumn::of(seg),
            allowed: self.allowed.clone(),
            run: None,
            sections: ReportMap::default(),
        })
    }

    fn requires_scoring(&self) -> bool {
        false
    }

    fn merge_fruits(&self, fruits: Vec<ReportMap<u64>>) -> tantivy::Result<Self::Fruit> {
        let mut fruits = fruits.into_iter();
        let mut out = fruits.next().unwrap_or_default();
        for fruit in fruits {
            for (report, bits) in fruit {
                *out.entry(report).or_default() |= bits;
            }
        }
        Ok(out)
    }
}

pub(crate) struct SegmentSections {
    report: Column<u64>,
    /// Each passage's section, and how far its report's run goes.
    bits: RankBitsColumn,
    allowed: Option<Arc<HashSet<u64>>>,
    /// The current run: its last document, its report, and its section
    /// bits when allowed.
    run: Option<(DocId, u64, Option<u64>)>,
    sections: ReportMap<u64>,
}

impl SegmentSections {
    fn end_run(&mut self) {
        if let Some((_, report, Some(bits))) = self.run.take() {
            *self.sections.entry(report).or_default() |= bits;
        }
    }
}

impl SegmentCollector for SegmentSections {
    type Fruit = ReportMap<u64>;

    fn collect(&mut self, doc: DocId, _score: Score) {
        let bits = self.bits.get(doc);
        // A report's id is read once per run of its passages (see `RankBits`).
        if self.run.as_ref().is_none_or(|&(end, _, _)| doc > end) {
            self.end_run();
            let Some(report) = self.report.first(doc) else {
                return;
            };
            let allowed = self.allowed.as_ref().is_none_or(|a| a.contains(&report));
            let end = doc.saturating_add(bits.run_after() as DocId);
            self.run = Some((end, report, allowed.then_some(0)));
        }
        let section = bits.section().map_or(0, |s| s as u64);
        if let Some((_, _, Some(sections))) = self.run.as_mut() {
            *sections |= 1 << section;
        }
    }

    fn harvest(mut self) -> Self::Fruit {
        self.end_run();
        self.sections
    }
}

/// The best passages by a sort key, at most `per_report` of each report,
/// and how many passages of each report matched (counted in the same pass):
/// the candidates of a page where one report may speak only so often. A
/// plain top-N would fill with one long report's passages (a report about
/// the query can match in a hundred), leaving too few reports to fill the
/// page after the per-report limit.
///
/// The key function gives each passage's report with its key, so the
/// report column is read once per passage.
pub(crate) struct TopPerReport<M> {
    /// Candidates of one report kept, at most.
    pub per_report: usize,
    /// Candidates kept in all, at most.
    pub limit: usize,
    /// Makes a segment's function of a passage's report and sort key.
    pub key_fn: M,
}

impl<M, S, K> Collector for TopPerReport<M>
where
    M: Fn(&SegmentReader) -> S + Send + Sync,
    S: FnMut(DocId, Score) -> (Option<u64>, K) + 'static,
    K: PartialOrd + Copy + Send + 'static,
{
    type Fruit = (Vec<(K, DocAddress)>, ReportMap<u32>);
    type Child = SegmentTopPerReport<S, K>;

    fn for_segment(
        &self,
        ord: SegmentOrdinal,
        seg: &SegmentReader,
    ) -> tantivy::Result<Self::Child> {
        Ok(SegmentTopPerReport {
            ord,
            key_fn: (self.key_fn)(seg),
            per_report: self.per_report.max(1),
            limit: self.limit.max(1),
            run_report: None,
            run_count: 0,
            run_kept: Vec::new(),
            counts: Vec::new(),
            seen: ReportSet::default(),
            candidates: Vec::new(),
            floor: None,
        })
    }

    fn requires_scoring(&self) -> bool {
        true
    }

    fn merge_fruits(
        &self,
        fruits: Vec<(Vec<(K, DocAddress)>, Vec<(u64, u32)>)>,
    ) -> tantivy::Result<Self::Fruit> {
        let mut all: Vec<(K, DocAddress)> = Vec::new();
        let mut counts: ReportMap<u32> = ReportMap::default();
        counts.reserve(fruits.iter().map(|(_, c)| c.len()).max().unwrap_or(0));
        for (best, seg_counts) in fruits {
            all.extend(best);
            for (report, n) in seg_counts {
                *counts.entry(report).or_default() += n;
            }
        }
        all.sort_by(best_first);
        all.truncate(self.limit);
        Ok((all, counts))
    }
}

/// Higher keys first; among equal keys, the earlier document (segments
/// in order, then documents), so that ties are cut the same way on every run.
fn best_first<K: PartialOrd>(a: &(K, DocAddress), b: &(K, DocAddress)) -> std::cmp::Ordering {
    b.0.partial_cmp(&a.0)
        .unwrap_or(std::cmp::Ordering::Equal)
        .then(a.1.cmp(&b.1))
}

pub(crate) struct SegmentTopPerReport<S, K> {
    ord: SegmentOrdinal,
    key_fn: S,
    per_report: usize,
    limit: usize,
    /// The report of the current run of passages (`u64::MAX` for a passage
    /// without one), its matches and its best candidates so far, best first.
    run_report: Option<u64>,
    run_count: u32,
    run_kept: Vec<(K, DocId)>,
    /// Matches per run of a report.
    counts: Vec<(u64, u32)>,
    /// Reports whose run has ended: a report met again in a later run
    /// shares its `per_report` candidates with its earlier runs.
    seen: ReportSet,
    /// The segment's best candidates of the ended runs, with their report:
    /// at most `limit` after each pruning, fewer than `2 × limit` between
    /// prunings.
    candidates: Vec<(K, DocAddress, u64)>,
    /// The worst key kept at the last pruning. Documents come in order and
    /// equal keys go to the earlier document, so a later candidate that
    /// does not beat it is not among the segment's best `limit`.
    floor: Option<K>,
}

impl<S, K> SegmentTopPerReport<S, K>
where
    K: PartialOrd + Copy,
{
    fn end_run(&mut self) {
        let Some(report) = self.run_report.take() else {
            return;
        };
        self.counts.push((report, self.run_count));
        self.run_count = 0;
        let ord = self.ord;
        let kept = self
            .run_kept
            .drain(..)
            .map(|(k, doc)| (k, DocAddress::new(ord, doc), report));
        if self.seen.insert(report) {
            self.candidates.extend(kept);
        } else {
            // The report's best `per_report` over all its runs. Those of its
            // candidates pruned earlier were below the floor, as is every
            // later one that would rank after them.
            let mut mine: Vec<(K, DocAddress, u64)> = kept.collect();
            let mut i = 0;
            while i < self.candidates.len() {
                if self.candidates[i].2 == report {
                    mine.push(self.candidates.swap_remove(i));
                } else {
                    i += 1;
                }
            }
            mine.sort_by(|a, b| best_first(&(a.0, a.1), &(b.0, b.1)));
            mine.truncate(self.per_report);
            self.candidates.extend(mine);
        }
        if self.candidates.len() >= 2 * self.limit {
            self.prune();
        }
    }

    /// Keeps the best `limit` candidates and raises the floor to the worst
    /// of them.
    fn prune(&mut self) {
        let n = self.limit;
        if self.candidates.len() > n {
            self.candidates
                .select_nth_unstable_by(n - 1, |a, b| best_first(&(a.0, a.1), &(b.0, b.1)));
            self.candidates.truncate(n);
            self.floor = self
                .candidates
                .iter()
                .map(|c| c.0)
                .reduce(|a, b| if b < a { b } else { a });
        }
    }
}

impl<S, K> SegmentCollector for SegmentTopPerReport<S, K>
where
    S: FnMut(DocId, Score) -> (Option<u64>, K) + 'static,
    K: PartialOrd + Copy + Send + 'static,
{
    type Fruit = (Vec<(K, DocAddress)>, Vec<(u64, u32)>);

    fn collect(&mut self, doc: DocId, score: Score) {
        let (report, key) = (self.key_fn)(doc, score);
        let report = report.unwrap_or(u64::MAX);
        if self.run_report != Some(report) {
            self.end_run();
            self.run_report = Some(report);
        }
        self.run_count += 1;
        if self
            .floor
            .is_some_and(|floor| key.partial_cmp(&floor) != Some(std::cmp::Ordering::Greater))
        {
            return;
        }
        let kept = &mut self.run_kept;
        if kept.len() == self.per_report && kept.last().is_some_and(|(k, _)| *k >= key) {
            return;
        }
        let at = kept.partition_point(|(k, _)| *k >= key);
        kept.insert(at, (key, doc));
        kept.truncate(self.per_report);
    }

    fn harvest(mut self) -> Self::Fruit {
        // Across segments a report keeps at most `per_report` per segment;
        // the page's own check trims the rest.
        self.end_run();
        self.prune();
        let best = self
            .candidates
            .into_iter()
            .map(|(k, a, _)| (k, a))
            .collect();
        (best, self.counts)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use tantivy::query::AllQuery;
    use tantivy::schema::{Schema, FAST, INDEXED};
    use tantivy::{doc, Index};

    /// An index of one segment whose documents belong to `reports`, in
    /// that order, searched with each document's key its own number.
    fn top_per_report(
        reports: &[u64],
        per_report: usize,
        limit: usize,
    ) -> (Vec<(u64, DocAddress)>, ReportMap<u32>) {
        let mut schema = Schema::builder();
        let report = schema.add_u64_field("report", FAST | INDEXED);
        let index = Index::create_in_ram(schema.build());
        let mut writer = index.writer_with_num_threads(1, 15_000_000).unwrap();
        for &r in reports {
            writer.add_document(doc!(report => r)).unwrap();
        }
        writer.commit().unwrap();
        let searcher = index.reader().unwrap().searcher();
        assert_eq!(searcher.segment_readers().len(), 1);
        let top = TopPerReport {
            per_report,
            limit,
            key_fn: |seg: &SegmentReader| {
                let column = u64_column(seg, "report").unwrap();
                move |doc: DocId, _score: Score| (column.first(doc), u64::from(doc))
            },
        };
        searcher.search(&AllQuery, &top).unwrap()
    }

    #[test]
    fn a_report_met_again_later_in_a_segment_keeps_its_best_across_its_runs() {
        // Report 7's passages in two runs, around report 8's.
        let (top, counts) = top_per_report(&[7, 7, 7, 8, 8, 7, 7], 2, 10);
        let docs: Vec<u64> = top.iter().map(|(k, _)| *k).collect();
        assert_eq!(docs, vec![6, 5, 4, 3]);
        assert_eq!(counts[&7], 5);
        assert_eq!(counts[&8], 2);
    }

    #[test]
    fn the_best_within_the_limit_survive_the_pruning_of_candidates() {
        // Many one-passage reports: candidates are pruned as they come.
        let reports: Vec<u64> = (0..1000).collect();
        let (top, counts) = top_per_report(&reports, 2, 5);
        let docs: Vec<u64> = top.iter().map(|(k, _)| *k).collect();
        assert_eq!(docs, vec![999, 998, 997, 996, 995]);
        assert_eq!(counts.len(), 1000);
    }
}
