//! A chart's legend kept in the text: its series, each with the axis it is
//! read on (`营收(亿元,左轴)同比增速(%,右轴)`, `总营收(亿元,左)归母净利润
//! (亿元,左)`). Two such axis marks with no sentence end between them are a
//! chart's, and so is the run of tick values glued before the first one
//! (`0102030050100150`). A sentence says `左右` (about) without a bracket of
//! its own around it.
//!
//! Works on the characters of normalized text (NFKC: ASCII brackets and
//! commas).

use std::ops::Range;

/// Axis marks a legend holds, at least.
const MIN_MARKS: usize = 2;
/// Characters between two marks of one legend, at most: a series' name
/// and its unit.
const MAX_GAP: usize = 40;
/// Characters of the first series' name before its mark, at most.
const MAX_NAME: usize = 30;

/// Whether an axis mark's bracket closes at `chars[i]` (`…左轴)`, `…右轴)`,
/// `,左)`, `(右)`).
fn mark_ends_at(chars: &[char], i: usize) -> bool {
    if chars[i] != ')' || i < 2 {
        return false;
    }
    let side = |c: char| matches!(c, '左' | '右');
    let before = chars[i - 1];
    (before == '轴' && side(chars[i - 2]))
        || (side(before) && matches!(chars[i - 2], ',' | '(' | ';' | '、'))
}

/// Whether a sentence ends at `c`.
fn ends_sentence(c: char) -> bool {
    matches!(c, '。' | '!' | '?' | ';')
}

/// The legends of `chars`, as sorted, disjoint ranges: from the first
/// series' name (and the tick values glued before it) to the last mark.
pub(crate) fn legends(chars: &[char]) -> Vec<Range<usize>> {
    let marks: Vec<usize> = (0..chars.len())
        .filter(|&i| mark_ends_at(chars, i))
        .collect();
    let mut out: Vec<Range<usize>> = Vec::new();
    let mut k = 0;
    while k < marks.len() {
        // The marks of one legend: each within reach of the last, no
        // sentence end between.
        let mut last = k;
        while last + 1 < marks.len()
            && marks[last + 1] - marks[last] <= MAX_GAP
            && !chars[marks[last]..marks[last + 1]]
                .iter()
                .any(|&c| ends_sentence(c))
        {
            last += 1;
        }
        if last + 1 - k >= MIN_MARKS {
            let first = marks[k];
            // Back over the first series' name, its bracket and the ticks
            // before it, up to a sentence end or a pause.
            let open = chars[..first]
                .iter()
                .rposition(|&c| c == '(')
                .unwrap_or(first);
            let mut start = open;
            while start > 0
                && open - start < MAX_NAME
                && !ends_sentence(chars[start - 1])
                && !matches!(chars[start - 1], ',' | ':' | ')' | '%')
            {
                start -= 1;
            }
            out.push(start..marks[last] + 1);
        }
        k = last + 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::legends;
    use crate::text::normalize;

    fn found(text: &str) -> Vec<String> {
        let chars: Vec<char> = normalize(text).chars().collect();
        legends(&chars)
            .into_iter()
            .map(|r| chars[r].iter().collect())
            .collect()
    }

    #[test]
    fn series_with_their_axes_are_a_legend() {
        assert_eq!(
            found("扣非后归母净利润（亿元，左轴）同比（%，右轴）"),
            vec!["扣非后归母净利润(亿元,左轴)同比(%,右轴)"]
        );
        // After the last sentence, with the ticks glued before it.
        assert_eq!(
            found("某某医药研发投入相对较低，仅为1.67%。0102030050100150甲乙医药丙丁医药总营收（亿元，左）归母净利润（亿元，左）"),
            vec!["0102030050100150甲乙医药丙丁医药总营收(亿元,左)归母净利润(亿元,左)"]
        );
    }

    #[test]
    fn about_in_a_sentence_and_a_single_mark_are_no_legend() {
        assert!(
            found("模拟器件毛利率（常达60%左右）相比于逻辑器件毛利率（40%左右）更高。").is_empty()
        );
        assert!(found("营业收入（亿元，左轴）。公司收入稳步增长，同比（%，右轴）").is_empty());
    }
}
