//! Figure captions (`图3:…`, `图表12…`, `图:…`, `图.2020-2021年…`) and source
//! lines (`资料来源:wind,某证券研究所`): what a page of charts leaves in the
//! text when the charts themselves were images. A run of them beside a
//! chart's figures is part of its residue (a table); a run glued to prose
//! (`…图3:…(亿元)资料来源:…研究所公司营收…`) is furniture that the reading
//! text hides, so that the prose around it reads on.
//!
//! Works on the characters of normalized text.

use super::residue::is_sentence_punct;
use std::ops::Range;

/// Caption before a table, and source line after it, at most.
pub(crate) const CAPTION_CHARS: usize = 60;

/// A run of captions and source lines, each right after the one before.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct CaptionRun {
    pub(crate) span: Range<usize>,
    /// How many captions and source lines.
    pub(crate) items: usize,
    /// Its end is known (the next caption or source line, or the end of a
    /// source's organization name), not guessed at a sentence end or a
    /// bracket.
    pub(crate) exact_end: bool,
}

/// Words that, right before `图`, make it part of a sentence (`如下图:`,
/// `见图3`, `从图5可以看出`), not the start of a caption.
fn cites_a_figure(c: char) -> bool {
    matches!(
        c,
        '如' | '见'
            | '据'
            | '从'
            | '由'
            | '参'
            | '照'
            | '下'
            | '上'
            | '附'
            | '该'
            | '此'
            | '右'
            | '左'
            | '本'
            | '与'
            | '和'
            | '及'
            | '在'
            | '地'
            | '试'
            | '意'
            | '蓝'
            | '版'
            | '构'
            | '企'
            | '插'
            | '制'
            | '绘'
    )
}

/// Whether a figure caption starts at `i`: `图3`, `表1`, `图表12` (glued to
/// what precedes in one-line text), or unnumbered: `图:`, `图表:`,
/// `图.2020-2021年…`, and `表:` after no word.
pub(crate) fn is_caption_at(chars: &[char], i: usize) -> bool {
    let c = chars[i];
    if !matches!(c, '图' | '表') {
        return false;
    }
    let before = i.checked_sub(1).map(|k| chars[k]);
    if before.is_some_and(cites_a_figure) {
        return false;
    }
    let mut k = i + 1;
    if c == '图' && chars.get(k) == Some(&'表') {
        k += 1;
    }
    // `仪表50%`, `时间表`: words, not a table's caption.
    if c == '表'
        && before.is_some_and(|b| {
            matches!(
                b,
                '仪' | '代'
                    | '气'
                    | '水'
                    | '钟'
                    | '发'
                    | '列'
                    | '报'
                    | '外'
                    | '电'
                    | '时'
                    | '课'
                    | '量'
                    | '价'
                    | '目'
                    | '对'
                    | '手'
                    | '统'
                    | '计'
                    | '财'
            )
        })
    {
        return false;
    }
    match chars.get(k) {
        Some(d) if d.is_ascii_digit() => {
            // A number, not a quantity (`表50%`, `燃气表60.18万元`), nor one
            // of a list of tables cited (`表1、表3中`).
            let number = chars[k..]
                .iter()
                .take_while(|c| c.is_ascii_digit() || **c == '.')
                .count();
            let next = chars.get(k + number).copied();
            let listed =
                next == Some('、') && matches!(chars.get(k + number + 1), Some('表' | '图'));
            let after_list = before == Some('、') && i >= 2 && chars[i - 2].is_ascii_digit();
            !listed
                && !after_list
                && !next.is_some_and(|n| {
                    matches!(
                        n,
                        '%' | '万' | '亿' | '元' | '倍' | '个' | '家' | '吨' | '台' | '件'
                    )
                })
        }
        Some(':') => {
            // `代表:`, `发表:`, `报表:` are words; a table's caption after
            // a word would be `表1`.
            c == '图' || before.is_none_or(|b| !crate::text::chars::is_han(b))
        }
        Some('.') => chars.get(k + 1).is_some_and(|d| d.is_ascii_digit()),
        _ => false,
    }
}

/// Whether a source line (`资料来源:`, `数据来源:`, `来源:`) starts at `i`.
pub(crate) fn is_source_at(chars: &[char], i: usize) -> bool {
    if !matches!(chars[i], '资' | '数' | '来') {
        return false;
    }
    chars[i..].starts_with(&['资', '料', '来', '源'])
        || chars[i..].starts_with(&['数', '据', '来', '源'])
        || (chars[i..].starts_with(&['来', '源', ':'])
            && (i == 0 || !matches!(chars[i - 1], '料' | '据')))
}

/// Runs of figure captions and source lines (see the module doc), each
/// item right after the one before.
pub(crate) fn caption_runs(chars: &[char]) -> Vec<CaptionRun> {
    let mut items: Vec<(Range<usize>, bool)> = Vec::new();
    let mut i = 0;
    while i + 2 < chars.len() {
        let end = if is_source_at(chars, i) {
            source_end(chars, i)
        } else if is_caption_at(chars, i) {
            caption_end(chars, i)
        } else {
            None
        };
        match end {
            Some((e, exact)) if e > i => {
                items.push((i..e, exact));
                i = e;
            }
            _ => i += 1,
        }
    }
    let mut out = Vec::new();
    let mut k = 0;
    while k < items.len() {
        let mut m = k;
        while m + 1 < items.len() && items[m + 1].0.start <= items[m].0.end + 2 {
            m += 1;
        }
        out.push(CaptionRun {
            span: items[k].0.start..items[m].0.end,
            items: m - k + 1,
            exact_end: items[m].1,
        });
        k = m + 1;
    }
    out
}

/// Characters of a source line between commas at most (its names).
const SOURCE_NAME: usize = 24;

/// Characters of labels at most between a caption run and the chart's
/// figures that it belongs to.
const NEAR: usize = 16;

/// Caption runs sorted out: those beside a chart's figures (`figures`,
/// sorted) or standing alone are residue (two items or more); those whose
/// end is known and that prose follows or precedes are furniture glued
/// into that prose. Returns (furniture, residue).
pub(crate) fn sort_runs(
    chars: &[char],
    runs: Vec<CaptionRun>,
    figures: &[Range<usize>],
) -> (Vec<Range<usize>>, Vec<Range<usize>>) {
    let (mut glued, mut charts) = (Vec::new(), Vec::new());
    for run in runs {
        let s = &run.span;
        // Overlapping, or apart by a few labels without a clause break
        // (`图表12:盈利预测资料来源:…营业收入(百万元)35,842…`).
        let near = |from: usize, to: usize| {
            to - from <= NEAR && !chars[from..to].iter().any(|&c| is_sentence_punct(c))
        };
        let touches = figures.iter().any(|r| {
            (r.start < s.end && s.start < r.end)
                || (r.start >= s.end && near(s.end, r.start))
                || (s.start >= r.end && near(r.end, s.start))
        });
        if !touches && run.exact_end && prose_beside(chars, s) {
            glued.push(run.span);
        } else if touches || run.items >= 2 {
            charts.push(run.span);
        }
    }
    (glued, charts)
}

/// Whether sentences come right after or right before `span`: a clause
/// break and a dozen Han characters within the 60 characters beside it.
fn prose_beside(chars: &[char], span: &Range<usize>) -> bool {
    let prose = |w: &[char]| {
        w.iter().any(|&c| is_sentence_punct(c))
            && w.iter().filter(|c| crate::text::chars::is_han(**c)).count() >= 12
    };
    let after = &chars[span.end..(span.end + CAPTION_CHARS).min(chars.len())];
    let before = &chars[span.start.saturating_sub(CAPTION_CHARS)..span.start];
    prose(after) || prose(before)
}

/// The end of a figure caption starting at `at`, and whether it is exact:
/// before the next caption or source line (exact), else at its closing
/// unit bracket (`(亿元)`); none if a sentence ends first (prose that
/// cites a figure) or after [`CAPTION_CHARS`].
fn caption_end(chars: &[char], at: usize) -> Option<(usize, bool)> {
    let limit = (at + CAPTION_CHARS).min(chars.len());
    let mut own_end = None;
    for k in at + 2..limit {
        let c = chars[k];
        if matches!(c, ')' | '）') && own_end.is_none() {
            own_end = Some(k + 1);
        }
        // `单位;人份`: a unit, not a clause.
        let unit = k >= 2 && chars[k - 2] == '单' && chars[k - 1] == '位';
        if c == '。' || (c == ';' && !unit) {
            return None;
        }
        if is_caption_at(chars, k) || is_source_at(chars, k) {
            return Some((k, true));
        }
    }
    own_end.map(|e| (e, false))
}

/// The end of the source line starting at `at`, and whether it is exact:
/// the end of its last organization's name (`…研究所`, `…研究院`,
/// `…研究中心`, `…研究部`, `…整理`, a broker's `…证券` with what follows
/// it: `某证券研究所整理`) or the next caption or source line, whichever
/// comes first; a sentence end is a guess (not exact), and so is any end
/// after a `的`, which names do not have and sentences do.
fn source_end(chars: &[char], at: usize) -> Option<(usize, bool)> {
    let limit = (at + CAPTION_CHARS).min(chars.len());
    // A name is short: a long stretch without a comma is a sentence
    // (`来源:某某新闻记者某某7月26日下午,…`).
    let (mut worded, mut stretch) = (false, 0);
    for k in at + 3..limit {
        let c = chars[k];
        stretch = if matches!(c, ',' | '、' | ':') {
            0
        } else {
            stretch + 1
        };
        worded |= c == '的' || stretch > SOURCE_NAME;
        if c == '。' {
            return Some((k + 1, false));
        }
        if is_caption_at(chars, k) || is_source_at(chars, k) {
            return Some((k, !worded));
        }
        if let Some(mut e) = name_end(chars, k) {
            // More names after it (`某产业研究院、某证券研究所`).
            while matches!(chars.get(e), Some(',' | '、')) {
                let next = (e + 1..(e + 16).min(chars.len()))
                    .take_while(|&j| !is_sentence_punct(chars[j]) || chars[j] == ',')
                    .find_map(|j| name_end(chars, j));
                match next {
                    Some(n) => e = n,
                    None => break,
                }
            }
            return Some((e, !worded));
        }
    }
    None
}

/// The end of an organization's name ending at `k` (`研究所`, `整理`,
/// `某某证券`) with the words that may follow it (`研究所整理`).
fn name_end(chars: &[char], k: usize) -> Option<usize> {
    const NAMES: [&[char]; 5] = [
        &['研', '究', '所'],
        &['研', '究', '院'],
        &['研', '究', '中', '心'],
        &['研', '究', '部'],
        &['整', '理'],
    ];
    const AFTER: [&[char]; 8] = [
        &['研', '究', '所'],
        &['研', '究', '院'],
        &['研', '究', '中', '心'],
        &['研', '究', '发', '展', '部'],
        &['研', '究', '部'],
        &['经', '济', '研', '究', '所'],
        &['经', '济', '与', '金', '融', '研', '究', '院'],
        &['整', '理'],
    ];
    if !matches!(chars[k], '研' | '整' | '证') {
        return None;
    }
    let han = |j: usize| crate::text::chars::is_han(chars[j]);
    let mut end = if let Some(w) = NAMES.iter().find(|w| chars[k..].starts_with(w)) {
        k + w.len()
    } else if chars[k..].starts_with(&['证', '券'])
        && k >= 2
        && han(k - 1)
        && han(k - 2)
        // `证券时报`, `证券交易所`, `证券行业`: not a broker's name.
        && !matches!(
            chars.get(k + 2),
            Some('时' | '日' | '报' | '交' | '业' | '市' | '投' | '法' | '化' | '行' | '之' | '期' | '监')
        )
    {
        k + 2
    } else {
        return None;
    };
    while let Some(w) = AFTER.iter().find(|w| chars[end..].starts_with(w)) {
        end += w.len();
    }
    Some(end)
}

/// The start of a caption (`图3：2015-2020年营收（亿元）`, `表1：…`) that ends
/// right before the residue at `start`, or `start`.
pub(crate) fn caption_before(chars: &[char], start: usize) -> usize {
    let from = start.saturating_sub(CAPTION_CHARS + 20);
    for k in (from..start).rev() {
        if is_sentence_punct(chars[k]) {
            return start;
        }
        if matches!(chars[k], '图' | '表') && chars.get(k + 1).is_some_and(|c| c.is_ascii_digit())
        {
            return k;
        }
    }
    start
}

/// The end of a source line (`资料来源：Wind，某证券研究所`) that follows the
/// residue ending at `end` (spaces between), or `end`.
pub(crate) fn source_after(chars: &[char], end: usize) -> usize {
    let mut at = end;
    while at < chars.len() && chars[at] == ' ' {
        at += 1;
    }
    if at >= chars.len() || !is_source_at(chars, at) {
        return end;
    }
    source_end(chars, at).map_or(end, |(e, _)| e)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn runs(text: &str) -> Vec<(String, usize, bool)> {
        let chars: Vec<char> = text.chars().collect();
        caption_runs(&chars)
            .into_iter()
            .map(|r| (chars[r.span].iter().collect(), r.items, r.exact_end))
            .collect()
    }

    #[test]
    fn captions_and_sources_end_at_the_next_cue_or_a_name() {
        let text = "图:甲乙公司2019年营收构成图:主要公司吨浆营收(百万元/吨)资料来源:公司年报,某某证券研究所整理公司营收稳步增长。";
        assert_eq!(
            runs(text),
            vec![(
                "图:甲乙公司2019年营收构成图:主要公司吨浆营收(百万元/吨)资料来源:公司年报,某某证券研究所整理"
                    .to_string(),
                3,
                true
            )]
        );
        let units = "图6:疫苗批签发示意图单位;人份资料来源:米内网,某某证券资料来源:米内网,某某证券三价疫苗批签发量同比下滑。";
        assert_eq!(runs(units)[0].1, 3);
        assert!(runs(units)[0]
            .0
            .ends_with("某某证券资料来源:米内网,某某证券"));
    }

    #[test]
    fn sentences_that_cite_a_figure_are_no_caption() {
        assert!(runs("如图3所示,公司收入稳定增长,资料来源:wind,某某证券研究所").len() == 1);
        assert_eq!(
            runs("如图3所示,公司收入稳定增长,资料来源:wind,某某证券研究所")[0].1,
            1
        );
        assert!(runs("他代表:公司将继续推进。").is_empty());
        // Quantities and lists of tables cited are no captions.
        assert!(runs("某某持有甲乙仪表50%的股权,销售燃气表60.18万元,资料来源:公司公告").is_empty());
        assert_eq!(
            runs("见标准表1、表3中相应排放标准,数据来源:某某网,某某证券")[0].1,
            1
        );
        // A source line that runs into a sentence has no known end.
        let r = runs("资料来源:wind我们认为公司的估值仍有提升空间。");
        assert!(r.iter().all(|r| !r.2), "{r:?}");
    }
}
