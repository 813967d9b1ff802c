//! What a report says about itself: sections, metadata, tickers, aliases.
//!
//! Section headings and cover metadata work on the *normalized* text (see
//! `crate::text::normalize`): full-width punctuation is ASCII (`：` → `:`,
//! `（` → `(`), Latin is lowercase, and line breaks between CJK characters are
//! gone.  All scans are single passes with bounded look-around, so the cost is
//! linear in the input.
//!
//! * `section`: the sections ([`Section`]) and the heading words that open them;
//! * `headings`: where the sections start ([`detect_headings`]);
//! * `meta`: the cover metadata ([`extract_meta`]), one extractor a file;
//! * `brokers` and `scan`: broker names and character helpers shared by both;
//! * `analysis`: headings and tickers of an indexed block ([`analyze_block`]);
//! * `fingerprint`: sentence fingerprints for boilerplate detection
//!   ([`sentence_fingerprints`]);
//! * [`tickers`] and [`aliases`]: stock codes and company names.
pub mod aliases;
mod analysis;
pub(crate) mod brokers;
mod cover;
mod fingerprint;
mod headings;
mod meta;
mod scan;
mod section;
mod spans;
pub mod tickers;

pub use aliases::AliasTable;
pub use analysis::{analyze_block, BlockInfo, TickerMark};
pub use fingerprint::sentence_fingerprints;
pub use headings::{detect_headings, Heading};
pub use meta::{
    extract_meta, file_name_is_id, Analyst, Change, Forecast, Level, Price, ReportMeta,
};
pub use section::Section;
pub use tickers::{parse_ticker_query, Exchange, Ticker};

/// The passages of a report's text as the index cuts them, each with its
/// section, layout and ticker mentions.
pub fn passages(text: &str) -> Vec<crate::text::Passage> {
    let mut out = Vec::new();
    crate::text::passage::cut(text, &analyze_block, &mut |p| out.push(p));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_panic_on_random_input() {
        // Small deterministic fuzz over characters that drive the rules (multi-byte, digits,
        // markers, heading words).
        let alphabet: Vec<char> = "风险提示投资建议评级说明免责声明分析师目录一、1.:()[]s0123456789年月日。,阅的—附表🙂\u{f06c}a 重点公司估值?!_-中原证券我们"
            .chars()
            .collect();
        let mut x: u64 = 0x9E37_79B9_7F4A_7C15;
        for _ in 0..2000 {
            let mut t = String::new();
            for _ in 0..(x % 120) {
                x ^= x << 13;
                x ^= x >> 7;
                x ^= x << 17;
                t.push(alphabet[(x % alphabet.len() as u64) as usize]);
            }
            let hs = detect_headings(&t);
            let n = t.chars().count();
            for w in hs.windows(2) {
                assert!(w[0].end <= w[1].start);
            }
            assert!(hs.iter().all(|h| h.start < h.end && h.end <= n));
            let _ = extract_meta(&t, &t);
        }
    }

    #[test]
    fn no_panic_on_odd_input() {
        for t in [
            "",
            "s",
            "s12345678901234",
            "2021年",
            "评级",
            "[table_",
            "一、",
            "附表:",
            "分析师:",
        ] {
            let _ = detect_headings(t);
            let _ = extract_meta(t, "");
        }
    }
}
