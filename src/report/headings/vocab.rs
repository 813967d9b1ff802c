//! The heading vocabulary as a matcher: the phrases of [`VOCAB`] and the broker-branded
//! summaries (`国元观点`), with bit sets that let the scan skip almost every character with one
//! lookup, and the longest phrase at a position.

use crate::report::brokers::BROKERS;
use crate::report::section::{Section, VOCAB};
use Section::*;

pub(super) struct Vocab {
    /// (first char, phrase, section), sorted by first char then by phrase length descending.
    entries: Vec<(char, String, Section)>,
    /// Bit set over the BMP of characters that can start something of interest; lets the scan skip
    /// almost every character with one lookup.
    interesting: Vec<u64>,
    /// Bit set, by [`pair_bit`], of the first two characters of the entries: most interesting
    /// characters (`公`, `投`, `风`) are followed by something no entry continues with.
    pairs: Vec<u64>,
}

/// Bit of a character pair in [`Vocab::pairs`]; a collision only costs a lookup.
fn pair_bit(a: char, b: char) -> usize {
    ((a as usize).wrapping_mul(0x9E37) ^ b as usize) & 0xFFFF
}

impl Vocab {
    /// The shared vocabulary, built once.
    pub(super) fn get() -> &'static Vocab {
        static VOCAB_CELL: std::sync::OnceLock<Vocab> = std::sync::OnceLock::new();
        VOCAB_CELL.get_or_init(Vocab::new)
    }

    fn new() -> Vocab {
        // Broker-branded summaries: `国元观点`, `华泰观点`.
        let branded = BROKERS.iter().map(|(k, _)| (format!("{k}观点"), Summary));
        let mut entries: Vec<(char, String, Section)> = VOCAB
            .iter()
            .map(|&(p, s)| (p.to_string(), s))
            .chain(branded)
            .filter_map(|(p, s)| p.chars().next().map(|c| (c, p, s)))
            .collect();
        entries.sort_by(|a, b| a.0.cmp(&b.0).then(b.1.len().cmp(&a.1.len())));
        let mut interesting = vec![0u64; 1024];
        let firsts = entries
            .iter()
            .map(|e| e.0)
            .chain("[一二三四五六七八九十".chars());
        for c in firsts {
            let u = c as u32;
            if u < 0x10000 {
                interesting[(u >> 6) as usize] |= 1 << (u & 63);
            }
        }
        let mut pairs = vec![0u64; 1024];
        for (c, phrase, _) in &entries {
            // An entry of one character continues with anything.
            let seconds: Vec<char> = match phrase.chars().nth(1) {
                Some(d) => vec![d],
                None => (0..0x1_0000u32).filter_map(char::from_u32).collect(),
            };
            for d in seconds {
                let bit = pair_bit(*c, d);
                pairs[bit >> 6] |= 1 << (bit & 63);
            }
        }
        Vocab {
            entries,
            interesting,
            pairs,
        }
    }

    pub(super) fn is_interesting(&self, c: char) -> bool {
        let u = c as u32;
        u < 0x10000 && self.interesting[(u >> 6) as usize] & (1 << (u & 63)) != 0
    }

    pub(super) fn longest_at(
        &'static self,
        s: &str,
        i: usize,
        c: char,
    ) -> Option<(&'static str, Section)> {
        let rest = s.get(i..)?;
        if let Some(d) = rest.get(c.len_utf8()..).and_then(|r| r.chars().next()) {
            let bit = pair_bit(c, d);
            if self.pairs[bit >> 6] & (1 << (bit & 63)) == 0 {
                return None;
            }
        }
        let lo = self.entries.partition_point(|e| e.0 < c);
        self.entries[lo..]
            .iter()
            .take_while(|e| e.0 == c)
            .find(|e| rest.starts_with(e.1.as_str()))
            .map(|e| (e.1.as_str(), e.2))
    }
}
