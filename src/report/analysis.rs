//! What the indexer learns from a normalized block of a report besides
//! its words: section headings (cut points and section tags) and ticker
//! mentions ([`analyze_block`]).  Sentence fingerprints for boilerplate
//! detection are in `fingerprint`.

use crate::layout::{BlockLayout, Layout};
use crate::report::cover::contact_blocks;
use crate::report::headings::detect_headings;
use crate::report::section::Section;
use crate::report::spans::section_spans;
use crate::report::tickers::find_tickers;
use std::ops::Range;

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

/// Sections, layout and ticker mentions of a normalized block.
#[derive(Debug, Clone, Default)]
pub struct BlockInfo {
    /// Where the section changes: (start char, section), sorted.
    pub headings: Vec<(usize, Section)>,
    /// Where the layout changes: (start char, layout), sorted.
    pub layout: Vec<(usize, Layout)>,
    /// Ticker mentions, in order.
    pub tickers: Vec<TickerMark>,
}

/// The sections, layout and ticker mentions of a normalized block.
pub fn analyze_block(normalized: &str) -> BlockInfo {
    let chars: Vec<char> = normalized.chars().collect();
    let layout = BlockLayout::of(&chars);
    let covers = contact_blocks(&chars);
    let headings = section_spans(&chars, &detect_headings(normalized), &layout, &covers);
    let tickers = find_tickers(normalized)
        .into_iter()
        .map(|h| TickerMark {
            start: h.start,
            end: h.end,
            key: h.ticker.index_key(),
            explicit: h.explicit,
        })
        .collect();
    BlockInfo {
        headings,
        layout: layout_changes(&layout, chars.len()),
        tickers,
    }
}

/// The layout change points of a block: furniture and tables, prose
/// between them.
fn layout_changes(layout: &BlockLayout, len: usize) -> Vec<(usize, Layout)> {
    let mut spans: Vec<(Range<usize>, Layout)> = layout
        .furniture
        .iter()
        .map(|r| (r.clone(), Layout::Furniture))
        .chain(layout.tables.iter().map(|r| (r.clone(), Layout::Table)))
        .collect();
    spans.sort_by_key(|(r, _)| r.start);
    let mut out = vec![(0, Layout::Prose)];
    let mut at = 0;
    for (r, l) in spans {
        if r.start < at {
            continue;
        }
        if r.start > at {
            out.push((at, Layout::Prose));
        }
        out.push((r.start, l));
        at = r.end.min(len);
    }
    if at < len {
        out.push((at, Layout::Prose));
    }
    // A change at the same place as the one before replaces it.
    let mut merged: Vec<(usize, Layout)> = Vec::with_capacity(out.len());
    for (at, l) in out {
        match merged.last_mut() {
            Some(last) if last.0 == at => last.1 = l,
            Some(last) if last.1 == l => {}
            _ => merged.push((at, l)),
        }
    }
    merged
}
