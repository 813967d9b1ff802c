//! A rating box that names its rating 投资建议 (`投资建议:优异上次建议:优异`,
//! `投资建议:强于大市上次建议:强于大市`): the cover's box of the current and
//! the previous rating, not a bullet of advice. The box is the cover's.

use crate::report::{Heading, Section};
use std::ops::Range;

/// Characters of a rating word at most (`强于大市`, `谨慎推荐`, `优异`).
const MAX_RATING: usize = 6;

/// The words that name the previous rating in such a box.
const PREVIOUS: &[&str] = &["上次建议", "上次评级"];

/// The box an advice heading opens, when its text is a rating and the
/// previous one: from the heading to the end of the previous rating.
pub(super) fn rating_box(chars: &[char], h: &Heading) -> Option<Range<usize>> {
    if h.section != Section::Advice {
        return None;
    }
    let n = chars.len();
    let colon = |k: usize| k < n && matches!(chars[k], ':' | '：');
    let mut k = h.end;
    if colon(k) {
        k += 1;
    }
    let rating =
        (k..n.min(k + MAX_RATING + 1)).find(|&i| PREVIOUS.iter().any(|w| starts(chars, i, w)))?;
    let is_rating = |r: Range<usize>| {
        !r.is_empty()
            && r.len() <= MAX_RATING
            && chars[r].iter().all(|&c| crate::text::chars::is_han(c))
    };
    if !is_rating(k..rating) {
        return None;
    }
    let mut e = rating + 4;
    if colon(e) {
        e += 1;
    }
    let last = (e..n.min(e + MAX_RATING))
        .take_while(|&i| crate::text::chars::is_han(chars[i]))
        .count();
    Some(h.start..e + last)
}

fn starts(chars: &[char], i: usize, w: &str) -> bool {
    let w: Vec<char> = w.chars().collect();
    chars[i..].starts_with(&w)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn advice(text: &[char], word: &str) -> Heading {
        let w: Vec<char> = word.chars().collect();
        let start = (0..text.len())
            .find(|&i| text[i..].starts_with(&w))
            .unwrap();
        Heading {
            start,
            end: start + w.len(),
            text: word.into(),
            section: Section::Advice,
        }
    }

    #[test]
    fn a_rating_and_the_previous_one_are_the_covers_box() {
        let text: Vec<char> =
            "风险提示需求不及预期。table_rating投资建议:优异上次建议:优异table_first"
                .chars()
                .collect();
        let h = advice(&text, "投资建议");
        let r = rating_box(&text, &h).unwrap();
        assert_eq!(
            text[r].iter().collect::<String>(),
            "投资建议:优异上次建议:优异"
        );
    }

    #[test]
    fn advice_that_says_more_than_a_rating_is_advice() {
        let text: Vec<char> = "投资建议:我们维持行业优异评级,建议关注某某医疗。"
            .chars()
            .collect();
        let h = advice(&text, "投资建议");
        assert_eq!(rating_box(&text, &h), None);
    }
}
