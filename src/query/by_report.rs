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
