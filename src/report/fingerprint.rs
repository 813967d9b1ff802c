//! Sentence fingerprints of a normalized passage, for boilerplate detection:
//! a sentence found in many passages (a disclaimer, a rating scale) marks
//! them as boilerplate.

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
    let mut finish = |sentence: &str, chars: usize, spaced: bool| {
        // Normalized text has little whitespace: most sentences are hashed in place.
        let (sentence, chars) = if spaced {
            squeezed.clear();
            for piece in sentence.split(char::is_whitespace) {
                squeezed.push_str(piece);
            }
            (squeezed.as_str(), squeezed.chars().count())
        } else {
            (sentence, chars)
        };
        if chars >= MIN_SENTENCE {
            out.push(xxhash_rust::xxh3::xxh3_64(sentence.as_bytes()) >> 32);
        }
    };
    // One pass over the bytes finds the sentence ends (`。!?;`), counts
    // characters (lead bytes) and notices whitespace; only the lead bytes
    // of the few non-ASCII white spaces (U+0085, U+00A0, U+1680,
    // U+2000–U+205F, U+3000) send a character through `is_whitespace`.
    let bytes = text.as_bytes();
    let (mut start, mut chars, mut spaced) = (0, 0, false);
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        let end_len = match b {
            b'!' | b'?' | b';' => 1,
            0xE3 if bytes[i + 1..].starts_with(&[0x80, 0x82]) => 3,
            _ => 0,
        };
        if end_len > 0 {
            finish(&text[start..i], chars, spaced);
            i += end_len;
            (start, chars, spaced) = (i, 0, false);
            continue;
        }
        chars += 1;
        if b < 0x80 {
            spaced |= b.is_ascii_whitespace() || b == 0x0B;
            i += 1;
            continue;
        }
        if matches!(b, 0xC2 | 0xE1 | 0xE2 | 0xE3) {
            spaced |= text[i..].chars().next().is_some_and(char::is_whitespace);
        }
        i += match b {
            0xF0.. => 4,
            0xE0.. => 3,
            _ => 2,
        };
    }
    finish(&text[start..], chars, spaced);
    out.sort_unstable();
    out.dedup();
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// The plain definition the byte scan of `sentence_fingerprints` must match.
    fn reference_fingerprints(text: &str) -> Vec<u64> {
        let mut out: Vec<u64> = text
            .split(['。', '!', '?', ';'])
            .map(|s| s.split(char::is_whitespace).collect::<String>())
            .filter(|s| s.chars().count() >= MIN_SENTENCE)
            .map(|s| xxhash_rust::xxh3::xxh3_64(s.as_bytes()) >> 32)
            .collect();
        out.sort_unstable();
        out.dedup();
        out
    }

    proptest! {
        #[test]
        fn fingerprints_match_their_definition(
            pieces in proptest::collection::vec(
                prop_oneof![
                    Just("。"), Just("!"), Just("?"), Just(";"), Just(" "), Just("\n"),
                    Just("\u{b}"), Just("\u{3000}"), Just("\u{a0}"), Just("\u{85}"),
                    Just("\u{2028}"), Just("\u{1680}"), Just("\u{3001}"), Just("\u{3003}"),
                    Just("\u{1c}"), Just("公司"), Just("营收增长"), Just("a1"), Just("𠀀"),
                    Just("é"), Just("\u{e3}"), Just("本报告仅供本公司的客户使用"),
                ],
                0..40,
            )
        ) {
            let text: String = pieces.concat();
            prop_assert_eq!(sentence_fingerprints(&text), reference_fingerprints(&text));
        }
    }

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
