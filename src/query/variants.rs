//! Latin spellings that stand for one another: `Mini LED`, `MiniLED` and
//! `Mini-LED`; `iPhone 16` and `iPhone16`.
//!
//! Reports write Latin product and model names glued, spaced or hyphenated
//! at random, so a term typed one way must find the others. A term is cut
//! at its *joints*, and every joint may then be written as nothing, a space
//! or a hyphen (or as typed). The joints are decided on the term as typed,
//! never on the passage, so that the match stays a plain substring match:
//!
//! * a run of spaces and hyphens the user typed between two Latin letters
//!   or digits (not between two digits: `2024-2025` is a range and `1 000`
//!   a number, neither one word);
//! * a change from a lowercase to an uppercase letter after at least two
//!   letters (`MiniLED` is mini|led, `DeepSeek` deep|seek; `iPhone`,
//!   `mRNA`, `eVTOL` are one piece: a single leading lowercase letter is a
//!   prefix, not a word);
//! * a change between a Latin letter and a digit (`iPhone16`, `GPT4`,
//!   `A100`).
//!
//! A term typed all in lowercase (`miniled`) has no case change to cut at:
//! it matches the glued spelling only. Joints beyond what
//! [`MAX_VARIANTS`] allows (typed ones kept first, then case changes, then
//! letter/digit changes) stay as typed.

use crate::text::normalize::normalize_with_map;

/// Most spellings one term stands for (two joints). Each spelling is a
/// phrase query and a cut into words of its own in `search`, and a scan of
/// its own in `mentions`: with 27 (three joints) `search DeepSeek-R1` took
/// 8–10 ms more than before on `../shared/corpora/yanbao`.
pub const MAX_VARIANTS: usize = 9;

fn is_latin_letter(c: char) -> bool {
    c.is_ascii_alphabetic()
        || (c.is_alphabetic()
            && matches!(c as u32, 0x00C0..=0x024F | 0x1E00..=0x1EFF | 0x2C60..=0x2C7F | 0xA720..=0xA7FF))
}

fn is_latin_alnum(c: char) -> bool {
    c.is_ascii_digit() || is_latin_letter(c)
}

/// Why a joint is there, in the order joints are kept under the cap.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Kind {
    Typed,
    Case,
    LetterDigit,
}

/// A joint: normalized characters `start..end` of the term (empty for a
/// case or letter/digit change).
#[derive(Debug, Clone, Copy)]
struct Joint {
    start: usize,
    end: usize,
    kind: Kind,
}

/// The normalized spellings `raw` stands for: first its own normalized
/// (trimmed) text, then the others, without duplicates, at most
/// [`MAX_VARIANTS`]. A term without joints gives its text alone.
pub fn latin_variants(raw: &str) -> Vec<String> {
    let norm = normalize_with_map(raw);
    let chars: Vec<char> = norm.text.chars().collect();
    let Some(first) = chars.iter().position(|c| !c.is_whitespace()) else {
        return vec![String::new()];
    };
    let last = chars
        .iter()
        .rposition(|c| !c.is_whitespace())
        .unwrap_or(first)
        + 1;
    // Case is read from the source: normalization lowercased it.
    let upper = |i: usize| {
        raw.get(norm.src_start[i] as usize..norm.src_end[i] as usize)
            .is_some_and(|s| s.chars().any(char::is_uppercase))
    };
    let mut joints: Vec<Joint> = Vec::new();
    let mut letters = 0usize; // Latin letters in a row before position i.
    let mut i = first;
    while i < last {
        let c = chars[i];
        if matches!(c, ' ' | '-') && i > first {
            let end = (i..last)
                .find(|&k| !matches!(chars[k], ' ' | '-'))
                .unwrap_or(last);
            let (before, after) = (chars[i - 1], chars.get(end).copied());
            if let Some(after) = after.filter(|&a| end < last && is_latin_alnum(a)) {
                if is_latin_alnum(before) && !(before.is_ascii_digit() && after.is_ascii_digit()) {
                    joints.push(Joint {
                        start: i,
                        end,
                        kind: Kind::Typed,
                    });
                }
            }
            letters = 0;
            i = end;
            continue;
        }
        if i > first {
            let prev = chars[i - 1];
            let kind = if is_latin_letter(prev) && is_latin_letter(c) {
                (letters >= 2 && !upper(i - 1) && upper(i)).then_some(Kind::Case)
            } else if (is_latin_letter(prev) && c.is_ascii_digit())
                || (prev.is_ascii_digit() && is_latin_letter(c))
            {
                Some(Kind::LetterDigit)
            } else {
                None
            };
            if let Some(kind) = kind {
                joints.push(Joint {
                    start: i,
                    end: i,
                    kind,
                });
                if kind == Kind::Case {
                    letters = 0;
                }
            }
        }
        letters = if is_latin_letter(c) { letters + 1 } else { 0 };
        i += 1;
    }
    // Keep the joints the cap allows, typed ones first.
    let mut order: Vec<usize> = (0..joints.len()).collect();
    order.sort_by_key(|&k| (joints[k].kind, k));
    let mut kept = vec![false; joints.len()];
    let mut count = 1usize;
    for k in order {
        let options = options(&chars, joints[k]).len();
        if count * options <= MAX_VARIANTS {
            count *= options;
            kept[k] = true;
        }
    }
    // Every combination of the kept joints' spellings, the typed one first.
    let mut out: Vec<String> = vec![String::new()];
    let mut at = first;
    for (k, j) in joints.iter().enumerate() {
        if !kept[k] {
            continue;
        }
        let piece: String = chars[at..j.start].iter().collect();
        let opts = options(&chars, *j);
        let mut next = Vec::with_capacity(out.len() * opts.len());
        for o in &opts {
            for v in &out {
                next.push(format!("{v}{piece}{o}"));
            }
        }
        out = next;
        at = j.end;
    }
    let tail: String = chars[at..last].iter().collect();
    for v in &mut out {
        v.push_str(&tail);
    }
    let mut seen = std::collections::HashSet::new();
    out.retain(|v| seen.insert(v.clone()));
    out
}

/// How a joint may be written: as typed first, then glued, spaced,
/// hyphenated.
fn options(chars: &[char], j: Joint) -> Vec<String> {
    let typed: String = chars[j.start..j.end].iter().collect();
    let mut opts = vec![typed];
    for o in ["", " ", "-"] {
        if !opts.iter().any(|t| t == o) {
            opts.push(o.to_string());
        }
    }
    opts
}

#[cfg(test)]
mod tests {
    use super::latin_variants;

    fn sorted(raw: &str) -> Vec<String> {
        let mut v = latin_variants(raw);
        v.sort();
        v
    }

    #[test]
    fn the_three_spellings_of_mini_led_stand_for_one_another() {
        let want = vec!["mini led", "mini-led", "miniled"];
        assert_eq!(sorted("Mini LED"), want);
        assert_eq!(sorted("MiniLED"), want);
        assert_eq!(sorted("Mini-LED"), want);
        assert_eq!(latin_variants("Mini-LED")[0], "mini-led");
    }

    #[test]
    fn letters_and_digits_part() {
        assert_eq!(sorted("iPhone 16"), sorted("iPhone16"));
        assert_eq!(
            sorted("iPhone16"),
            vec!["iphone 16", "iphone-16", "iphone16"]
        );
    }

    #[test]
    fn a_leading_lowercase_letter_is_a_prefix() {
        assert_eq!(latin_variants("iPhone"), vec!["iphone"]);
        assert_eq!(latin_variants("mRNA"), vec!["mrna"]);
        assert_eq!(latin_variants("miniled"), vec!["miniled"]);
    }

    #[test]
    fn numbers_and_chinese_are_not_cut() {
        assert_eq!(latin_variants("2024-2025"), vec!["2024-2025"]);
        assert_eq!(latin_variants("1 000"), vec!["1 000"]);
        assert_eq!(latin_variants("腾讯控股"), vec!["腾讯控股"]);
        assert_eq!(latin_variants("  Mini LED背光 ")[0], "mini led背光");
        assert_eq!(sorted("Mini LED背光").len(), 3);
    }

    #[test]
    fn the_count_is_bounded_and_typed_joints_come_first() {
        let v = latin_variants("Apple Vision Pro Max");
        assert!(v.len() <= super::MAX_VARIANTS);
        assert_eq!(v[0], "apple vision pro max");
        assert!(v.contains(&"applevisionpro max".to_string()));
        // The typed hyphen and the case change; not r|1.
        let v = latin_variants("DeepSeek-R1");
        assert_eq!(v.len(), 9);
        assert!(v.contains(&"deepseekr1".to_string()));
        assert!(v.contains(&"deep seek r1".to_string()));
        assert!(!v.contains(&"deepseek-r 1".to_string()));
    }

    #[test]
    fn full_width_letters_keep_their_case() {
        assert_eq!(sorted("ＭｉｎｉＬＥＤ"), sorted("Mini LED"));
    }
}
