//! Tables of contents (目录, 图表目录, 表格目录…): entries whose dot leaders
//! or ellipses run to a page number. In one-line reports the entries are
//! glued together (`1.行业概况……5 2.市场规模……7`), so entries are found by
//! their leaders, and a table of contents is a run of them.
//!
//! Works on the characters of normalized text, where an ellipsis `…` has
//! become three dots.

use super::marks::PAGE_RULE;
use super::page_numbers::number_after_dashes;
use std::ops::Range;

/// Dots (or middle dots) in a row that make a leader.
const MIN_LEADER: usize = 4;
/// Entries of one table of contents follow each other within this many
/// characters (an entry's title, or a page header between pages).
const MAX_GAP: usize = 160;
/// A `目录` heading this close before the first entry opens the table.
const HEADING_REACH: usize = 120;

/// The tables of contents of `chars`, as sorted, disjoint ranges. `skip`
/// (page furniture, sorted) may sit between entries without ending a table.
pub(crate) fn tables_of_contents(chars: &[char], skip: &[Range<usize>]) -> Vec<Range<usize>> {
    let entries = leader_ends(chars);
    let mut out: Vec<Range<usize>> = Vec::new();
    let mut k = 0;
    while k < entries.len() {
        let (first_start, mut end) = entries[k];
        let mut count = 1;
        let mut m = k + 1;
        while m < entries.len() {
            let gap = entries[m].0.saturating_sub(end);
            let furniture: usize = skip
                .iter()
                .filter(|s| s.start >= end && s.end <= entries[m].0)
                .map(|s| s.end - s.start)
                .sum();
            if gap.saturating_sub(furniture) > MAX_GAP {
                break;
            }
            end = entries[m].1;
            count += 1;
            m += 1;
        }
        let heading = heading_before(chars, first_start);
        if count >= 3 || (count >= 2 && heading.is_some()) {
            let start = heading.unwrap_or_else(|| entry_start(chars, first_start, &out));
            out.push(start..end);
        }
        k = m;
    }
    out.extend(agendas(chars, &out, skip));
    out.sort_by_key(|r| r.start);
    out
}

/// A `目录` whose entries have no page numbers (a slide deck's agenda):
/// three numbered chapter titles or more after it, before any sentence.
/// Page furniture after the last entry ends it.
fn agendas(chars: &[char], found: &[Range<usize>], skip: &[Range<usize>]) -> Vec<Range<usize>> {
    const REACH: usize = 300;
    let mut out = Vec::new();
    for k in 0..chars.len().saturating_sub(1) {
        if chars[k] != '目' || chars[k + 1] != '录' || found.iter().any(|r| r.contains(&k)) {
            continue;
        }
        // `医保目录`, `药品目录` are words, not headings; but a divider
        // page repeating the agenda before each chapter has the page
        // header glued before its `目录`, and its first entry right after.
        if k > 0 && crate::text::chars::is_han(chars[k - 1]) && !entry_opens(chars, k + 2) {
            continue;
        }
        let limit = (k + REACH).min(chars.len());
        // The page's footer ends it too (past a page number glued to
        // `目录`): the next page's numbered paragraphs are no entries.
        let footer = skip
            .iter()
            .find(|s| s.start > k + 4)
            .map_or(limit, |s| s.start.min(limit));
        let end = (k + 2..footer)
            .find(|&i| chars[i] == '。')
            .unwrap_or(footer);
        let numbered: Vec<usize> = (k + 2..end)
            .filter(|&i| {
                let numeral =
                    "一二三四五六七八九十".contains(chars[i]) || chars[i].is_ascii_digit();
                numeral
                    && matches!(chars.get(i + 1), Some('、' | '.'))
                    && (i == 0 || !chars[i - 1].is_ascii_digit())
            })
            .collect();
        if numbered.len() >= 3 {
            // To the end of the last entry's title (at most 40 characters).
            let last = numbered[numbered.len() - 1];
            let stop =
                (last + 2..(last + 40).min(end)).find(|&i| matches!(chars[i], '。' | ',' | ';'));
            out.push(k..stop.unwrap_or((last + 40).min(end)));
        }
    }
    out
}

/// Does an agenda's first entry open at `at`: a bullet (`❑1.`, `•1.`), or
/// a chapter number (`1.`, `一、`), maybe after the page number the
/// extraction glued before it (`目录31.某某`)?
fn entry_opens(chars: &[char], at: usize) -> bool {
    if chars
        .get(at)
        .is_some_and(|&c| matches!(c, '❑' | '•' | '⚫' | '■' | '●' | '◆' | '▪' | '➢'))
    {
        return true;
    }
    let page = chars[at.min(chars.len())..]
        .iter()
        .take(3)
        .take_while(|c| c.is_ascii_digit())
        .count();
    (0..=page.min(2)).any(|p| {
        let i = at + p;
        chars
            .get(i)
            .is_some_and(|&c| "一二三四五六七八九十".contains(c) || c.is_ascii_digit())
            && matches!(chars.get(i + 1), Some('、' | '.'))
    })
}

/// Per leader: where its dots start and where the page number after it
/// ends.
fn leader_ends(chars: &[char]) -> Vec<(usize, usize)> {
    let is_dot = |c: char| matches!(c, '.' | '·' | '…' | '-' | '_');
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        if chars[i] == '-' {
            // A leader of dashes, long as a printed rule, before its page
            // number (`名词解释-----…-----05`); a lone one is a page rule
            // (`layout::marks::page_rules`), which three entries close
            // together are not.
            let j = i + chars[i..].iter().take_while(|&&c| c == '-').count();
            let digits = number_after_dashes(chars, j);
            if j - i >= PAGE_RULE && digits > 0 {
                out.push((i, j + digits));
            }
            i = j;
            continue;
        }
        if !matches!(chars[i], '.' | '·' | '…') {
            i += 1;
            continue;
        }
        let mut j = i;
        while j < chars.len() && is_dot(chars[j]) {
            j += 1;
        }
        if j - i >= MIN_LEADER {
            let mut k = j;
            while k < chars.len() && chars[k] == ' ' {
                k += 1;
            }
            let digits = chars[k..].iter().take_while(|c| c.is_ascii_digit()).count();
            // A page number, or a broken reference (`错误!未定义书签。`).
            // In one-line text the page number runs into the next entry's
            // number (`……5510.投资策略……`: page 55, chapter 10).
            let next_entry = digits > 3 && matches!(chars.get(k + digits), Some('.' | '、'));
            if (1..=3).contains(&digits) {
                out.push((i, k + digits));
            } else if next_entry {
                out.push((i, k + (digits - 2).min(3)));
            } else if digits == 0 {
                out.push((i, j));
            }
        }
        i = j;
    }
    out
}

/// The start of a `目录` heading shortly before `at`, if any.
fn heading_before(chars: &[char], at: usize) -> Option<usize> {
    let from = at.saturating_sub(HEADING_REACH);
    (from..at.saturating_sub(1))
        .rev()
        .find(|&k| chars[k] == '目' && chars.get(k + 1) == Some(&'录'))
        .map(|k| {
            // 图表目录, 表格目录, 插图目录, 内容目录.
            let mut s = k;
            while s > from && k - s < 2 && crate::text::chars::is_han(chars[s - 1]) {
                s -= 1;
            }
            if matches!(
                chars[s..k].iter().collect::<String>().as_str(),
                "图表" | "表格" | "插图" | "内容" | "图" | "表"
            ) {
                s
            } else {
                k
            }
        })
}

/// Where the first entry's title starts, without a heading: after the last
/// sentence end (or table of contents) before its leader.
fn entry_start(chars: &[char], leader: usize, before: &[Range<usize>]) -> usize {
    let floor = before.last().map_or(0, |r| r.end);
    let from = leader.saturating_sub(MAX_GAP).max(floor);
    (from..leader)
        .rev()
        .find(|&k| matches!(chars[k], '。' | ';' | '；' | '!' | '?'))
        .map_or(from, |k| k + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tocs(text: &str) -> Vec<String> {
        let chars: Vec<char> = text.chars().collect();
        tables_of_contents(&chars, &[])
            .into_iter()
            .map(|r| chars[r].iter().collect())
            .collect()
    }

    #[test]
    fn leaders_of_dashes_make_a_table_of_contents_a_lone_page_rule_does_not() {
        let rule = "-".repeat(40);
        let text = format!(
            "正文结束。名词解释{rule}05行业市场综述{rule}07产品技术要求{rule}08代表产品介绍{rule}09"
        );
        let found = tocs(&text);
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(
            found[0].starts_with("名词解释") && found[0].ends_with("09"),
            "{found:?}"
        );
        // A page rule before the next page's number, once a page.
        let pages = format!(
            "需求旺盛。{rule}4从调研情况看，渠道库存健康，{}终端动销改善。{rule}5价格保持稳定。",
            "行业景气度持续回升，".repeat(20)
        );
        assert!(tocs(&pages).is_empty(), "{:?}", tocs(&pages));
    }

    #[test]
    fn a_glued_table_of_contents() {
        let text = "风险提示：需求不及预期。目录1.行业概况..........52.市场规模..........73.竞争格局..........9一、行业概况近年来行业快速增长。";
        assert_eq!(
            tocs(text),
            vec!["目录1.行业概况..........52.市场规模..........73.竞争格局..........9"]
        );
    }

    #[test]
    fn a_list_of_figures_without_heading() {
        let text = "前言。图1:市场规模......3图2:增速......4图3:份额......5正文开始。";
        assert_eq!(
            tocs(text),
            vec!["图1:市场规模......3图2:增速......4图3:份额......5"]
        );
    }

    #[test]
    fn a_divider_page_repeats_the_agenda_after_the_page_header() {
        let header = "某某证券研究报告:行业研究";
        let agenda = "目录❑1.行业概况:需求稳步回升❑2.竞争格局⚫龙头份额⚫新进入者❑3.投资建议:关注龙头❑4.风险提示";
        let footer = "某某证券|第5页";
        let text = format!("{header}{agenda}{footer}5.1行业概况:2020年行业规模增长,需求回升");
        let chars: Vec<char> = text.chars().collect();
        let at = |s: &str| text[..text.find(s).unwrap()].chars().count();
        let footer_at = at(footer)..at(footer) + footer.chars().count();
        let found: Vec<String> = tables_of_contents(&chars, std::slice::from_ref(&footer_at))
            .into_iter()
            .map(|r| chars[r].iter().collect())
            .collect();
        assert_eq!(found, vec![agenda]);
        // A word ending in 目录 is no heading, numbered items after it or not.
        let words = "国家医保目录调整:1.新增药品70个,2.调出药品29个,3.谈判成功率提高";
        assert!(tocs(words).is_empty(), "{:?}", tocs(words));
    }

    #[test]
    fn an_ellipsis_in_prose_is_no_table_of_contents() {
        let text = "公司的产品包括A、B、C......等多个系列。";
        assert!(tocs(text).is_empty());
    }
}
