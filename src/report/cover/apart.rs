//! Cover matter a report writes apart from its fields: a rating box's
//! values after the page footer that cut them from their labels
//! (`行业评级:上次评级:` + footer + `化工跑赢行业跑赢行业维持…(评级)`), and
//! the dateline before the title (`报告日期:2019年8月5日甲乙…`), which
//! does not join the analysts' block after the title. Both decide where a
//! cover block starts or ends, not what is a field.

use super::{label_at, RATINGS};
use std::sync::LazyLock;

fn as_chars(words: &[&str]) -> Vec<Vec<char>> {
    words.iter().map(|w| w.chars().collect()).collect()
}

/// A title's run of Han characters, at least.
const MIN_TITLE_RUN: usize = 8;

/// Is the field `s..e` the report's date (`报告日期:2019年8月5日`) with a
/// title right after it (a run of [`MIN_TITLE_RUN`] Han characters)?
pub(super) fn dateline_before_title(chars: &[char], s: usize, e: usize) -> bool {
    if !label_at(chars, s, e, "报告日期") {
        return false;
    }
    let mut k = e + usize::from(chars.get(e) == Some(&':'));
    for unit in ['年', '月', '日'] {
        let digits = chars[k.min(chars.len())..]
            .iter()
            .take_while(|c| c.is_ascii_digit())
            .count();
        if digits == 0 || chars.get(k + digits) != Some(&unit) {
            return false;
        }
        k += digits + 1;
    }
    chars[k..]
        .iter()
        .take(MIN_TITLE_RUN)
        .filter(|&&c| crate::text::chars::is_han(c))
        .count()
        == MIN_TITLE_RUN
}

/// The words of a rating's change, after the current and the last rating.
const RATING_CHANGES: &[&str] = &["维持", "首次", "上调", "下调", "调高", "调低"];

/// What closes a rating box's values (`…维持2019年03月08日(评级)`).
const RATING_CLOSE: &str = "(评级)";

/// A rating box's values without their labels, which the box wrote apart
/// (`行业评级:上次评级:` + page footer + `化工跑赢行业跑赢行业维持2019年03
/// 月08日(评级)`): the current rating and the last one back to back, then
/// the change, the date and `(评级)` if there. Prose never writes two
/// ratings in a row; alone, such a pair is a field, a block with a field
/// near it.
pub(super) fn rating_pairs(chars: &[char]) -> Vec<(usize, usize)> {
    // The words as characters, once: this looks at every position of
    // every block.
    static RATING_CHARS: LazyLock<Vec<Vec<char>>> = LazyLock::new(|| as_chars(RATINGS));
    static CHANGE_CHARS: LazyLock<Vec<Vec<char>>> = LazyLock::new(|| as_chars(RATING_CHANGES));
    static CLOSE_CHARS: LazyLock<Vec<Vec<char>>> = LazyLock::new(|| as_chars(&[RATING_CLOSE]));
    let word_at = |k: usize, words: &[Vec<char>]| {
        words.iter().find_map(|w| {
            let at = chars.get(k..k + w.len())?;
            (at == w.as_slice()).then_some(k + w.len())
        })
    };
    static FIRSTS: LazyLock<crate::text::chars::CharSet> =
        LazyLock::new(|| crate::text::chars::CharSet::first_chars(RATINGS.iter().copied()));
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        if !FIRSTS.contains(chars[i]) {
            i += 1;
            continue;
        }
        // (A table row's figures before the pair make it the row's cells:
        // `某某生物0.420.55优于大市优于大市`, last and this period.)
        let row = i > 0 && chars[i - 1].is_ascii_digit();
        let pair = word_at(i, &RATING_CHARS).and_then(|k| word_at(k, &RATING_CHARS));
        let Some(second) = pair.filter(|_| !row) else {
            i += 1;
            continue;
        };
        let mut end = word_at(second, &CHANGE_CHARS).unwrap_or(second);
        let mut k = end;
        for unit in ['年', '月', '日'] {
            let digits = chars[k..].iter().take_while(|c| c.is_ascii_digit()).count();
            if digits == 0 || chars.get(k + digits) != Some(&unit) {
                break;
            }
            k += digits + 1;
            if unit == '日' {
                end = k;
            }
        }
        end = word_at(end, &CLOSE_CHARS).unwrap_or(end);
        out.push((i, end));
        i = end;
    }
    out
}

/// Does a rating box's `(评级)` end the text before `end`?
pub(super) fn closes_box(chars: &[char], end: usize) -> bool {
    let close: Vec<char> = RATING_CLOSE.chars().collect();
    chars[..end.min(chars.len())].ends_with(&close)
}

/// Does the text between two fields hold a title's run of Han characters
/// ([`MIN_GAP_TITLE`] in a row), which no field's value is?
pub(super) fn holds_title(gap: &[char]) -> bool {
    gap.split(|&c| !crate::text::chars::is_han(c))
        .any(|run| run.len() >= MIN_GAP_TITLE)
}

/// A title's run of Han characters between two fields, at least.
const MIN_GAP_TITLE: usize = 12;
