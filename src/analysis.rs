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
/// figures are content, not boilerplate. 32 bits: indexed, they cost half
/// as much as 64-bit ones, and the few collisions among millions of
/// sentences can only add a count to a sentence that must reach several
/// passages to matter.
pub fn sentence_fingerprints(text: &str) -> Vec<u64> {
    let mut out = Vec::new();
    let mut squeezed = String::new();
    for sentence in text.split(['。', '!', '?', ';']) {
        // One pass for the length and for whitespace; normalized text has
        // little whitespace, so most sentences are hashed in place.
        let (mut chars, mut spaced) = (0, false);
        for c in sentence.chars() {
            chars += 1;
            spaced |= c.is_whitespace();
        }
        let sentence = if spaced {
            squeezed.clear();
            for piece in sentence.split(char::is_whitespace) {
                squeezed.push_str(piece);
            }
            chars = squeezed.chars().count();
            squeezed.as_str()
        } else {
            sentence
        };
        if chars >= MIN_SENTENCE {
            out.push(xxhash_rust::xxh3::xxh3_64(sentence.as_bytes()) >> 32);
        }
    }
    out.sort_unstable();
    out.dedup();
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fingerprints_ignore_whitespace_and_short_sentences() {
        let a = sentence_fingerprints("本报告仅供本公司的客户使用。短句。");
        let b = sentence_fingerprints("本报告仅供本公司 的客户使用。另一个短句!");
        assert_eq!(a.len(), 1);
        assert_eq!(a, b);
        assert_eq!(
            a[0],
            xxhash_rust::xxh3::xxh3_64("本报告仅供本公司的客户使用".as_bytes()) >> 32
        );
        assert!(sentence_fingerprints("十一个字的句子不够长吧").is_empty());
        assert_eq!(sentence_fingerprints("十二个字的句子刚好够长吧").len(), 1);
    }
}
