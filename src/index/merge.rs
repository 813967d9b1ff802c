//! Which segments the writer merges, and when.

use tantivy::indexer::{MergeCandidate, MergePolicy};
use tantivy::SegmentMeta;

/// A merge makes segments of at most this many documents: a merge maps all
/// its input segments into memory, so its size is what would make a
/// build's memory grow with the corpus.
const MAX_MERGED_DOCS: u32 = 200_000;
/// Fewest segments worth a merge.
const MIN_MERGED_SEGMENTS: usize = 4;

/// Merges the smallest segments, in groups whose total stays within
/// [`MAX_MERGED_DOCS`]; one merge at a time. (tantivy's `LogMergePolicy`
/// merges a whole level at once, however large the result.) A segment more
/// than 30% deleted is rewritten alone.
#[derive(Debug)]
pub(crate) struct BoundedMergePolicy;

impl MergePolicy for BoundedMergePolicy {
    fn compute_merge_candidates(&self, segments: &[SegmentMeta]) -> Vec<MergeCandidate> {
        let mut small: Vec<&SegmentMeta> = segments
            .iter()
            .filter(|s| s.num_docs() <= MAX_MERGED_DOCS / 2)
            .collect();
        small.sort_by_key(|s| s.num_docs());
        let mut group = Vec::new();
        let mut docs = 0;
        for s in small {
            if docs + s.num_docs() > MAX_MERGED_DOCS {
                break;
            }
            docs += s.num_docs();
            group.push(s.id());
        }
        if group.len() >= MIN_MERGED_SEGMENTS {
            return vec![MergeCandidate(group)];
        }
        // Re-indexed reports leave deleted documents behind: a segment that
        // is mostly deleted is rewritten on its own.
        segments
            .iter()
            .find(|s| s.num_deleted_docs() * 10 > s.max_doc() * 3)
            .map(|s| vec![MergeCandidate(vec![s.id()])])
            .unwrap_or_default()
    }
}
