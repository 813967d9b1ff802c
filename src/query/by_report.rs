//! A collector that tallies matching passages per report: how many, and
//! the best one. Search uses it to know which reports a term is about, how
//! many more passages a shown report holds, and, when no passage holds
//! every term, which reports hold them all between their passages.

use std::collections::{HashMap, HashSet};
use std::sync::Arc;
use tantivy::collector::{Collector, SegmentCollector};
use tantivy::columnar::Column;
use tantivy::{DocAddress, DocId, Score, SegmentOrdinal, SegmentReader};

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

/// Tallies per report id (the `report` fast field), over the reports that
/// `allowed` lets through (all when `None`).
pub(crate) struct ByReport {
    pub scoring: bool,
    pub allowed: Option<Arc<HashSet<u64>>>,
}

impl Collector for ByReport {
    type Fruit = HashMap<u64, Tally>;
    type Child = SegmentByReport;

    fn for_segment(
        &self,
        ord: SegmentOrdinal,
        seg: &SegmentReader,
    ) -> tantivy::Result<Self::Child> {
        Ok(SegmentByReport {
            ord,
            report: seg.fast_fields().u64("report").ok(),
            allowed: self.allowed.clone(),
            tallies: HashMap::new(),
        })
    }

    fn requires_scoring(&self) -> bool {
        self.scoring
    }

    fn merge_fruits(&self, fruits: Vec<HashMap<u64, Tally>>) -> tantivy::Result<Self::Fruit> {
        let mut out: HashMap<u64, Tally> = HashMap::new();
        for fruit in fruits {
            for (report, t) in fruit {
                out.entry(report)
                    .and_modify(|o| {
                        o.count += t.count;
                        if t.best_score > o.best_score {
                            o.best_score = t.best_score;
                            o.best = t.best;
                        }
                    })
                    .or_insert(t);
            }
        }
        Ok(out)
    }
}

pub(crate) struct SegmentByReport {
    ord: SegmentOrdinal,
    report: Option<Column<u64>>,
    allowed: Option<Arc<HashSet<u64>>>,
    tallies: HashMap<u64, Tally>,
}

impl SegmentCollector for SegmentByReport {
    type Fruit = HashMap<u64, Tally>;

    fn collect(&mut self, doc: DocId, score: Score) {
        let Some(report) = self.report.as_ref().and_then(|c| c.first(doc)) else {
            return;
        };
        if self.allowed.as_ref().is_some_and(|a| !a.contains(&report)) {
            return;
        }
        let address = DocAddress::new(self.ord, doc);
        self.tallies
            .entry(report)
            .and_modify(|t| {
                t.count += 1;
                if score > t.best_score {
                    t.best_score = score;
                    t.best = address;
                }
            })
            .or_insert(Tally {
                count: 1,
                best_score: score,
                best: address,
            });
    }

    fn harvest(self) -> Self::Fruit {
        self.tallies
    }
}

/// The best passages by a sort key, at most `per_report` of each report,
/// and how many passages of each report matched (counted in the same pass):
/// the candidates of a page where one report may speak only so often. A
/// plain top-N would fill with one long report's passages (a report about
/// the query can match in a hundred), leaving too few reports to fill the
/// page after the per-report limit.
pub(crate) struct TopPerReport<M> {
    /// Candidates of one report kept, at most.
    pub per_report: usize,
    /// Candidates kept in all, at most.
    pub limit: usize,
    /// Makes a segment's sort-key function.
    pub key_fn: M,
}

impl<M, S, K> Collector for TopPerReport<M>
where
    M: Fn(&SegmentReader) -> S + Send + Sync,
    S: FnMut(DocId, Score) -> K + 'static,
    K: PartialOrd + Copy + Send + 'static,
{
    type Fruit = (Vec<(K, DocAddress)>, HashMap<u64, u32>);
    type Child = SegmentTopPerReport<S, K>;

    fn for_segment(
        &self,
        ord: SegmentOrdinal,
        seg: &SegmentReader,
    ) -> tantivy::Result<Self::Child> {
        Ok(SegmentTopPerReport {
            ord,
            report: seg.fast_fields().u64("report").ok(),
            key_fn: (self.key_fn)(seg),
            per_report: self.per_report.max(1),
            best: HashMap::new(),
        })
    }

    fn requires_scoring(&self) -> bool {
        true
    }

    fn merge_fruits(&self, fruits: Vec<Self::Fruit>) -> tantivy::Result<Self::Fruit> {
        let mut all: Vec<(K, DocAddress)> = Vec::new();
        let mut counts: HashMap<u64, u32> = HashMap::new();
        for (best, seg_counts) in fruits {
            all.extend(best);
            for (report, n) in seg_counts {
                *counts.entry(report).or_default() += n;
            }
        }
        sort_best_first(&mut all);
        all.truncate(self.limit);
        Ok((all, counts))
    }
}

fn sort_best_first<K: PartialOrd>(v: &mut [(K, DocAddress)]) {
    v.sort_by(|a, b| b.0.partial_cmp(&a.0).unwrap_or(std::cmp::Ordering::Equal));
}

pub(crate) struct SegmentTopPerReport<S, K> {
    ord: SegmentOrdinal,
    report: Option<Column<u64>>,
    key_fn: S,
    per_report: usize,
    /// Per report, its matches counted and its best candidates so far,
    /// best first.
    best: HashMap<u64, (u32, Vec<(K, DocAddress)>)>,
}

impl<S, K> SegmentCollector for SegmentTopPerReport<S, K>
where
    S: FnMut(DocId, Score) -> K + 'static,
    K: PartialOrd + Copy + Send + 'static,
{
    type Fruit = (Vec<(K, DocAddress)>, HashMap<u64, u32>);

    fn collect(&mut self, doc: DocId, score: Score) {
        let key = (self.key_fn)(doc, score);
        let report = self
            .report
            .as_ref()
            .and_then(|c| c.first(doc))
            .unwrap_or(u64::MAX);
        let (count, kept) = self.best.entry(report).or_default();
        *count += 1;
        if kept.len() == self.per_report && kept.last().is_some_and(|(k, _)| *k >= key) {
            return;
        }
        let at = kept.partition_point(|(k, _)| *k >= key);
        kept.insert(at, (key, DocAddress::new(self.ord, doc)));
        kept.truncate(self.per_report);
    }

    fn harvest(self) -> Self::Fruit {
        // Across segments a report keeps at most `per_report` per segment;
        // the page's own check trims the rest.
        let mut counts = HashMap::with_capacity(self.best.len());
        let mut all = Vec::new();
        for (report, (count, kept)) in self.best {
            counts.insert(report, count);
            all.extend(kept);
        }
        (all, counts)
    }
}
