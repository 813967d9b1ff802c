//! Front-page charts: which table residue on the front page is the cover's
//! price chart or data box, and which is figures a sentence runs through
//! (the figures of a sentence, or a chart a page break glued into one).

use super::{goes_on, skip_forward};
use crate::layout::BlockLayout;
use crate::text::chars::is_han;
use std::ops::Range;

/// How far back a clause of prose before a table is read.
const CLAUSE: usize = 30;

/// Is the front page's table residue `t` not a chart of the cover but
/// figures inside a sentence?
pub(super) fn in_prose(
    chars: &[char],
    layout: &BlockLayout,
    covers: &[Range<usize>],
    t: &Range<usize>,
) -> bool {
    inside_sentence(chars, t) || runs_through(chars, layout, covers, t)
}

/// Is the table residue `t` figures inside a sentence: no sentence end
/// before it, and the sentence's punctuation right after it? Or the
/// figures' unit and the sentence's pause right after it, whatever is
/// before (`我们预计公司…pe分别为…/88` + `倍。`)?
fn inside_sentence(chars: &[char], t: &Range<usize>) -> bool {
    let pause = |c: Option<&char>| c.is_some_and(|c| matches!(c, '。' | ',' | '、' | ';'));
    let unit = chars[t.end.min(chars.len())..]
        .iter()
        .take(MAX_UNIT + 1)
        .take_while(|c| is_han(**c))
        .count();
    (t.start > 0
        && !matches!(chars[t.start - 1], '。' | '!' | '?' | ';' | ']')
        && chars
            .get(t.end)
            .is_some_and(|c| matches!(c, ')' | '。' | ',' | '、' | ';' | '%')))
        || (1..=MAX_UNIT).contains(&unit) && pause(chars.get(t.end + unit))
}

/// A unit after figures (`倍`, `亿元`), at most.
const MAX_UNIT: usize = 2;

/// Does a sentence run through the table residue `t`: a clause of prose
/// (Han text with a comma, no sentence end) stops unfinished right before
/// it (`…数据,主要尺寸(` figures `)价格…`, `…我们重-` chart, footer
/// `点推荐…。`), and Han text that ends a sentence resumes after it (and
/// the page furniture after it)? A chart's own labels before it
/// (`最近一年股价走势`) are no clause.
fn runs_through(
    chars: &[char],
    layout: &BlockLayout,
    covers: &[Range<usize>],
    t: &Range<usize>,
) -> bool {
    // Back from the table, over page furniture (not over other tables or
    // cover blocks: a forecast table's source line `…预测,股价时间为…` is
    // no clause of this one), and a line break's hyphen or an opening
    // bracket.
    let mut k = t.start;
    while let Some(r) = layout.furniture.iter().find(|r| r.start < k && k <= r.end) {
        k = r.start;
    }
    if k > 0 && matches!(chars[k - 1], '-' | '(') {
        k -= 1;
    }
    // The clause is prose: not the text of another table or cover block.
    let floor = layout
        .tables
        .iter()
        .chain(covers)
        .filter(|r| r.start < k)
        .map(|r| r.end.min(k))
        .max()
        .unwrap_or(0)
        .max(k.saturating_sub(CLAUSE));
    let (mut han, mut comma) = (0, false);
    for &c in chars[floor..k].iter().rev() {
        match c {
            ',' | '、' => comma = true,
            '(' | ')' | '“' | '”' => {}
            c if is_han(c) => han += 1,
            _ => break,
        }
        if comma {
            break;
        }
    }
    if han < 2 || !comma {
        return false;
    }
    let resume = skip_forward(t.end, layout, covers, chars.len());
    resume < chars.len() && goes_on(chars, layout, resume, (resume + 300).min(chars.len()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn layout(tables: Vec<Range<usize>>, furniture: Vec<Range<usize>>) -> BlockLayout {
        BlockLayout {
            tables,
            furniture,
            ..BlockLayout::default()
        }
    }

    /// The text of `parts`, and the ranges of the parts at `tables` and
    /// at `furniture`.
    fn parts(parts: &[&str], tables: &[usize], furniture: &[usize]) -> (Vec<char>, BlockLayout) {
        let mut chars = Vec::new();
        let (mut ts, mut fs) = (Vec::new(), Vec::new());
        for (k, p) in parts.iter().enumerate() {
            let r = chars.len()..chars.len() + p.chars().count();
            if tables.contains(&k) {
                ts.push(r);
            } else if furniture.contains(&k) {
                fs.push(r);
            }
            chars.extend(p.chars());
        }
        (chars, layout(ts, fs))
    }

    #[test]
    fn figures_a_sentence_runs_through_are_prose() {
        // Figures in brackets, the sentence going on after them.
        let (chars, l) = parts(
            &[
                "据某某咨询数据,主流手机屏幕尺寸(",
                "5.5/6.1/6.5/6.7)本月价格预计分别为10/12/14/16",
                "美元,环比持平。",
            ],
            &[1],
            &[],
        );
        assert!(in_prose(&chars, &l, &[], &l.tables[0]));
        // A chart and a page footer glued into a word of a sentence.
        let (chars, l) = parts(
            &[
                "重点推荐某某科技等;消费电子,我们重-",
                "10.00%0.00%10.00%20.00%30.00%",
                "某某证券研究报告请务必阅读正文后免责条款部分2",
                "点推荐具备成长性的终端品牌。",
            ],
            &[1],
            &[2],
        );
        assert!(in_prose(&chars, &l, &[], &l.tables[0]));
    }

    #[test]
    fn figures_with_their_unit_and_a_pause_after_them_are_prose() {
        let (chars, l) = parts(
            &[
                "公司经营稳健。",
                "我们预计公司2022/2023年净利润分别为1.2/1.5亿元,对应pe分别为30/24",
                "倍。维持评级。",
            ],
            &[1],
            &[],
        );
        assert!(in_prose(&chars, &l, &[], &l.tables[0]));
        // A chart followed by a heading is no sentence.
        let (chars, l) = parts(
            &["公司经营稳健。", "-10%0%10%20%", "投资要点:行业景气。"],
            &[1],
            &[],
        );
        assert!(!in_prose(&chars, &l, &[], &l.tables[0]));
    }

    #[test]
    fn a_chart_after_a_cover_block_and_a_source_line_is_no_prose() {
        // A forecast table's source line, a contact block, then the
        // price chart.
        let (chars, l) = parts(
            &[
                "eps(元)20e21e某某科技0.10.2",
                "资料来源:某某资讯,某某证券研究所预测",
                "分析师张三(执业证书编号:s1234567890123)",
                "-16%-6%3%13%22%04-1907-19沪深300",
                "投资聚焦行业景气持续向上,需求旺盛。",
            ],
            &[0, 3],
            &[],
        );
        let block = 41..69;
        assert_eq!(
            chars[block.clone()].iter().collect::<String>(),
            "分析师张三(执业证书编号:s1234567890123)"
        );
        assert!(!in_prose(&chars, &l, &[block], &l.tables[1]));
        // Nor is a block's own text right before a chart a clause.
        let (chars, l) = parts(
            &[
                "行业景气持续向上。",
                "联系人:张三,李四王五",
                "-16%-6%3%13%22%04-1907-19沪深300",
                "投资聚焦行业景气持续向上,需求旺盛。",
            ],
            &[2],
            &[],
        );
        let block = 9..20;
        assert!(!in_prose(&chars, &l, &[block], &l.tables[0]));
    }

    #[test]
    fn a_chart_after_its_labels_or_a_finished_sentence_is_no_prose() {
        // The chart's own title before it.
        let (chars, l) = parts(
            &[
                "最近一年行业走势",
                "-10%0%10%20%30%2020-032020-06",
                "投资要点:行业景气度持续回升,需求旺盛。",
            ],
            &[1],
            &[],
        );
        assert!(!in_prose(&chars, &l, &[], &l.tables[0]));
        // A finished sentence before it.
        let (chars, l) = parts(
            &[
                "行业景气度持续回升,需求旺盛。",
                "-10%0%10%20%30%2020-032020-06",
                "公司产品线丰富,竞争力强。",
            ],
            &[1],
            &[],
        );
        assert!(!in_prose(&chars, &l, &[], &l.tables[0]));
    }
}
