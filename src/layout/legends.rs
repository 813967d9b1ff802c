//! A chart's legend kept in the text: its series, each with the axis it is
//! read on (`营收(亿元,左轴)同比增速(%,右轴)`, `总营收(亿元,左)归母净利润
//! (亿元,左)`). Two such axis marks with no sentence end between them are a
//! chart's, and so is the run of tick values glued before the first one
//! (`0102030050100150`). A sentence says `左右` (about) without a bracket of
//! its own around it.
//!
//! The same goes for charts' titles strung together, each with its units
//! and how its series is cut (`某某生物静丙批签发情况(万瓶,按年份)某某生物
//! 人白批签发情况(万瓶换算成10g,按年份)`, `…收入总额及增速(单季度)`,
//! `…期间费用率(整体法)`): a sentence gives its figures, not how a chart
//! cuts them, and pauses between two such brackets.
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

/// Words of a chart title's bracket that say how its series is cut or
/// counted.
const SERIES_CUTS: [&str; 8] = [
    "按年份",
    "按年度",
    "按季度",
    "按月",
    "单季度",
    "整体法",
    "换算",
    "万瓶",
];
/// Characters of such a bracket's content, at most.
const MAX_CUT: usize = 20;

/// Where a chart title's bracket opened, when one that says how the
/// series is cut closes at `chars[i]`.
fn series_cut_ends_at(chars: &[char], i: usize) -> Option<usize> {
    if chars[i] != ')' {
        return None;
    }
    let open = (i.saturating_sub(MAX_CUT + 1)..i)
        .rev()
        .find(|&k| chars[k] == '(')?;
    let inner: String = chars[open + 1..i].iter().collect();
    (!inner.contains(')') && SERIES_CUTS.iter().any(|w| inner.contains(w))).then_some(open)
}

/// Chart titles strung together: two brackets or more that say how a
/// series is cut, each within [`MAX_GAP`] characters of the last with no
/// pause between, from the first title's start to the last bracket.
pub(crate) fn strung_titles(chars: &[char]) -> Vec<Range<usize>> {
    let marks: Vec<(usize, usize)> = (0..chars.len())
        .filter_map(|i| series_cut_ends_at(chars, i).map(|open| (open, i)))
        .collect();
    let pause = |c: char| ends_sentence(c) || matches!(c, ',' | ':' | '、');
    let mut out = Vec::new();
    let mut k = 0;
    while k < marks.len() {
        let mut last = k;
        while last + 1 < marks.len() && {
            let gap = &chars[marks[last].1 + 1..marks[last + 1].0];
            gap.len() <= MAX_GAP
                && gap.iter().filter(|c| crate::text::is_han(**c)).count() >= 4
                && !gap.iter().any(|&c| pause(c))
        } {
            last += 1;
        }
        if last > k {
            let open = marks[k].0;
            let mut start = open;
            // (Not over a figure's `%`: `…同比增长9%` + a title is a
            // heading's end, then the title.)
            while start > 0
                && open - start < MAX_NAME
                && !pause(chars[start - 1])
                && !matches!(chars[start - 1], ')' | '%')
            {
                start -= 1;
            }
            out.push(start..marks[last].1 + 1);
        }
        k = last + 1;
    }
    out
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
    fn chart_titles_strung_together_are_residue() {
        let chars: Vec<char> = normalize("2020年全年人白批签发同比增长8%。甲乙生物静丙批签发情况（万瓶，按年份）甲乙生物人血白蛋白批签发情况（万瓶换算成10g，按年份）甲乙生物(002001)：人白同比增长4%").chars().collect();
        let found: Vec<String> = super::strung_titles(&chars)
            .into_iter()
            .map(|r| chars[r].iter().collect())
            .collect();
        assert_eq!(
            found,
            vec!["甲乙生物静丙批签发情况(万瓶,按年份)甲乙生物人血白蛋白批签发情况(万瓶换算成10g,按年份)"]
        );
        // A sentence pauses between its figures' brackets.
        let chars: Vec<char> =
            normalize("狂免（规格换算/200IU）260万瓶(+20%)、破免（规格换算/250IU）168万瓶(+39%)。")
                .chars()
                .collect();
        assert!(super::strung_titles(&chars).is_empty());
    }

    #[test]
    fn about_in_a_sentence_and_a_single_mark_are_no_legend() {
        assert!(
            found("模拟器件毛利率（常达60%左右）相比于逻辑器件毛利率（40%左右）更高。").is_empty()
        );
        assert!(found("营业收入（亿元，左轴）。公司收入稳步增长，同比（%，右轴）").is_empty());
    }
}
