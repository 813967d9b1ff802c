//! What the indexer learns from a normalized block of a report besides
//! its words: section headings (cut points and section tags) and ticker
//! mentions ([`analyze_block`]).  Sentence fingerprints for boilerplate
//! detection are in `fingerprint`.

use crate::report::headings::detect_headings;
use crate::report::section::Section;
use crate::report::tickers::find_tickers;

/// A ticker mention in normalized characters of the block.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TickerMark {
    /// Char offset of the mention in the normalized block.
    pub start: usize,
    /// Char offset, exclusive.
    pub end: usize,
    /// The ticker's index key (`Ticker::index_key`).
    pub key: String,
    /// The exchange was written (not inferred from a bare code).
    pub explicit: bool,
}

/// Headings and ticker mentions of a normalized block.
#[derive(Debug, Clone, Default)]
pub struct BlockInfo {
    /// Section headings: (start char, section).
    pub headings: Vec<(usize, Section)>,
    /// Ticker mentions, in order.
    pub tickers: Vec<TickerMark>,
}

/// The section headings and ticker mentions of a normalized block.
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
