//! What the indexer learns from a normalized block of a report besides
//! its words: section headings (cut points and section tags), ticker
//! mentions, and sentence fingerprints for boilerplate detection.

use crate::structure::{detect_headings, Section};
use crate::ticker::find_tickers;

/// A ticker mention in normalized characters of the block.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TickerMark {
    pub start: usize,
    pub end: usize,
    pub key: String,
    /// The exchange was written (not inferred from a bare code).
    pub explicit: bool,
}

#[derive(Debug, Clone, Default)]
pub struct BlockInfo {
    /// Section headings: (start char, section).
    pub headings: Vec<(usize, Section)>,
    pub tickers: Vec<TickerMark>,
}

pub fn analyze_block(normalized: &str) -> BlockInfo {
    let headings = detect_headings(normalized)
        .into_iter()
        .map(|h| (h.start, h.section))
        .collect();
    let tickers = find_tickers(normalized)
        .into_iter()
        .map(|h| TickerMark {
            start: h.start,
            end: h.end,
            key: h.ticker.index_key(),
            explicit: h.explicit,
        })
        .collect();
    BlockInfo { headings, tickers }
}

/// Minimum length in characters of a sentence worth a fingerprint.
const MIN_SENTENCE: usize = 12;

/// Fingerprints of the sentences of a normalized passage (whitespace left
/// out). Digits count: templated sentences that differ only in their
/// figures are content, not boilerplate. 32 bits: stored per passage and
/// indexed, they cost half as much as 64-bit ones, and the few collisions
/// among millions of sentences can only add a count to a sentence that
/// must reach several passages to matter.
pub fn sentence_fingerprints(text: &str) -> Vec<u64> {
    let mut out = Vec::new();
    let mut buf = String::new();
    let mut len = 0;
    let mut flush = |buf: &mut String, len: &mut usize| {
        if *len >= MIN_SENTENCE {
            out.push(xxhash_rust::xxh3::xxh3_64(buf.as_bytes()) >> 32);
        }
        buf.clear();
        *len = 0;
    };
    for c in text.chars() {
        if matches!(c, '。' | '!' | '?' | ';') {
            flush(&mut buf, &mut len);
        } else if !c.is_whitespace() {
            buf.push(c);
            len += 1;
        }
    }
    flush(&mut buf, &mut len);
    out.sort_unstable();
    out.dedup();
    out
}
