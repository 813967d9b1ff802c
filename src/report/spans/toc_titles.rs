//! Chapters the table of contents names by their type while the chapter's
//! own title page does not: a slide deck's agenda lists `4.投资建议:关注
//!行业龙头…` and the chapter opens with `关注行业龙头…` alone; a weekly's
//! contents list `3医药生物估值比较:…` and the chapter's number is glued
//! to the page number before it (`…声明73医药生物估值比较`). The reader
//! takes the chapter's type from the contents, so the chapter's first
//! occurrence after the contents opens a span of that type.

use crate::report::{Heading, Section};
use std::ops::Range;

/// Shortest title (in characters) looked up in the body: shorter ones
/// recur in sentences.
const MIN_TITLE: usize = 6;
/// Characters of a title looked up: the contents may cut a long one.
const MAX_NEEDLE: usize = 14;

/// Characters before the type's word in an entry, at most: a chapter
/// named by its type says so first (`投资建议:…`, `行业估值比较:…`); a
/// title that mentions valuations further on (`目前半导体相关股票估值
/// 显著高于…`) is about the market.
const MAX_WORD_AT: usize = 8;

/// The type a contents entry names, by its words.
fn entry_section(entry: &str) -> Option<Section> {
    // (A title that ends on the advice's word names its chapter by it too:
    // `耗材带量采购新常态下医疗器械的投资建议`.)
    let title = entry.trim_end_matches(|c: char| c.is_ascii_digit() || c == '-');
    if ["投资建议", "投资策略"].iter().any(|w| title.ends_with(w))
        && !["声明", "免责", "说明", "定义", "风险"]
            .iter()
            .any(|w| title.contains(w))
    {
        return Some(Section::Advice);
    }
    let head: String = entry
        .chars()
        .take_while(|c| !matches!(c, ',' | '，' | ':' | '：' | '。'))
        .take(MAX_WORD_AT + 4)
        .collect();
    let entry = head.as_str();
    let has = |ws: &[&str]| ws.iter().any(|w| entry.contains(w));
    // (The end matter's rating definitions, `投资评级类别级别定义`, are no
    // advice; the risks to a forecast, `盈利预测的风险`, no forecast.)
    if has(&["声明", "免责", "说明", "定义", "类别", "分析师"]) {
        return None;
    }
    if has(&["风险提示", "风险因素"]) {
        return Some(Section::Risk);
    }
    if has(&["风险"]) {
        return None;
    }
    // (A rating alone is the broker's scale at the end, `某某证券投资评级`;
    // beside a forecast, `盈利预测与投资评级`, the chapter's advice.)
    if has(&["投资建议", "投资策略"]) || has(&["投资评级"]) && has(&["盈利预测", "估值"])
    {
        return Some(Section::Advice);
    }
    if has(&["盈利预测", "估值"]) {
        return Some(Section::Forecast);
    }
    None
}

/// Does a dot leader start at `i`: `…`, `·`, or two dots (one dot is a
/// numbering's, `图表70.`, `2.1`)?
fn is_leader(t: &[char], i: usize) -> bool {
    matches!(t[i], '…' | '·') || t[i] == '.' && t.get(i + 1) == Some(&'.')
}

/// The entries of a table of contents: the text between dot leaders, the
/// page number and the entry's own numbering left out.
fn entries(chars: &[char], toc: &Range<usize>) -> Vec<(String, String)> {
    let t = &chars[toc.start..toc.end.min(chars.len())];
    let mut out = Vec::new();
    let mut i = 0;
    while i < t.len() {
        // Skip the page number and numbering, keep the numbering as written.
        let num_start = i;
        while i < t.len() && (t[i].is_ascii_digit() || matches!(t[i], '.' | '、' | ' ')) {
            i += 1;
        }
        let start = i;
        while i < t.len() && !is_leader(t, i) {
            i += 1;
        }
        let numbering: String = t[num_start..start].iter().collect();
        let title: String = t[start..i].iter().collect();
        out.push((numbering, title));
        while i < t.len() && matches!(t[i], '.' | '…' | '·') {
            i += 1;
        }
    }
    out
}

/// Headings for the chapters that the contents name as advice, forecast or
/// risk and whose first occurrence after the contents carries no heading of
/// that type: at the occurrence (with the numbering the contents give it,
/// when it stands right before).
pub(super) fn toc_headings(
    chars: &[char],
    tocs: &[Range<usize>],
    headings: &[Heading],
) -> Vec<Heading> {
    let text = chars;
    let mut out = Vec::new();
    for toc in tocs {
        for (numbering, title) in entries(chars, toc) {
            // (A list of figures names charts, not chapters: `图表40:…估值`.)
            if title.starts_with(['图', '表']) {
                continue;
            }
            let Some(section) = entry_section(&title) else {
                continue;
            };
            // The title as the body writes it: all of it, or what follows
            // the type's own label (`投资建议:关注…` opens with `关注…`).
            let after_colon = title
                .split_once([':', '：'])
                .map(|(_, r)| r.to_string())
                .filter(|r| r.chars().count() >= MIN_TITLE);
            for cand in std::iter::once(title.clone()).chain(after_colon) {
                let needle: Vec<char> = cand.chars().take(MAX_NEEDLE).collect();
                if needle.len() < MIN_TITLE {
                    continue;
                }
                // (Not a chart's caption: `图3:` right before it.)
                let Some(at) = (toc.end..text.len().saturating_sub(needle.len()))
                    .find(|&i| text[i..].starts_with(&needle))
                    .filter(|&i| i == 0 || !matches!(text[i - 1], ':' | '：'))
                else {
                    continue;
                };
                // (The contents glue the page number before the entry's own
                // number, `53` for page 5's chapter 3: the longest end of it
                // the body has.)
                let num: Vec<char> = numbering.chars().filter(|c| *c != ' ').collect();
                let start = (0..num.len())
                    .find(|&k| text[..at].ends_with(&num[k..]))
                    .map_or(at, |k| at - (num.len() - k));
                // (A heading found there already has its own type.)
                let taken = headings
                    .iter()
                    .any(|h| h.section != Section::Body && h.start <= at + 4 && at < h.end + 4);
                if !taken {
                    out.push(Heading {
                        start,
                        end: at + needle.len(),
                        text: text[start..at + needle.len()].iter().collect(),
                        section,
                    });
                }
                break;
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(text: &str, toc: Range<usize>) -> Vec<(String, Section)> {
        let chars: Vec<char> = text.chars().collect();
        toc_headings(&chars, &[toc], &[])
            .into_iter()
            .map(|h| (h.text, h.section))
            .collect()
    }

    #[test]
    fn a_chapter_named_advice_in_the_contents_opens_advice_in_the_body() {
        let toc = "目录1.行业回顾........3\u{2}4.投资建议:看好具备渠道优势的龙头企业........9";
        let toc = toc.replace('\u{2}', "");
        let body = "正文。看好具备渠道优势的龙头企业我们认为行业集中度提升。";
        let text = format!("{toc}{body}");
        let n = toc.chars().count();
        assert_eq!(
            found(&text, 0..n),
            vec![("看好具备渠道优势的龙头企业".to_string(), Section::Advice)]
        );
    }

    #[test]
    fn a_valuation_chapter_keeps_its_numbering_glued_after_a_page_number() {
        let toc = "目录2市场回顾:板块小幅上涨........33行业估值比较:估值处于历史中枢........7";
        let body = "正文。某某证券研究部73行业估值比较:估值处于历史中枢截至周五行业市盈率为30倍。";
        let text = format!("{toc}{body}");
        let n = toc.chars().count();
        let got = found(&text, 0..n);
        assert_eq!(got.len(), 1);
        assert!(got[0].0.starts_with("3行业估值比较"));
        assert_eq!(got[0].1, Section::Forecast);
    }

    #[test]
    fn a_title_that_ends_on_the_advice_word_is_an_advice_chapter() {
        let toc = "目录2行业现状........53集采常态化下行业龙头的投资建议........9";
        let body = "正文。请务必阅读正文后的重要声明93集采常态化下行业龙头的投资建议我们建议关注以下方向。";
        let text = format!("{toc}{body}");
        let n = toc.chars().count();
        let got = found(&text, 0..n);
        assert_eq!(got.len(), 1);
        assert!(got[0].0.starts_with("3集采常态化"));
        assert_eq!(got[0].1, Section::Advice);
    }

    #[test]
    fn a_list_of_figures_names_charts_not_chapters() {
        let toc = "图表目录图表12:行业主要公司估值情况........15";
        let text = format!("{toc}正文。图表12:行业主要公司估值情况公司市盈率");
        assert!(found(&text, 0..toc.chars().count()).is_empty());
    }

    #[test]
    fn a_title_that_mentions_valuations_further_on_is_not_a_valuation_chapter() {
        let toc = "目录目前行业中,芯片相关股票估值显著高于零部件股票........4";
        let text = format!("{toc}正文。目前行业中,芯片相关股票估值显著高于零部件股票在去年");
        assert!(found(&text, 0..toc.chars().count()).is_empty());
    }

    #[test]
    fn a_figure_numbered_with_a_dot_is_a_figure() {
        let toc = "图表目录图表7.某某公司盈利预测........15";
        let text = format!("{toc}正文。某某公司盈利预测报告期2020a2021e");
        assert!(found(&text, 0..toc.chars().count()).is_empty());
    }

    #[test]
    fn rating_definitions_and_a_forecast_s_risks_name_no_advice_or_forecast() {
        let toc = "目录某某证券投资评级........30盈利预测的风险........28";
        let text = format!(
            "{toc}正文。盈利预测的风险1、产品推广不及预期。某某证券投资评级类别级别定义股票"
        );
        assert!(found(&text, 0..toc.chars().count()).is_empty());
    }

    #[test]
    fn entries_without_a_section_word_or_already_headed_add_nothing() {
        let toc = "目录1.行业回顾:需求稳步回升........3";
        let text = format!("{toc}正文。行业回顾:需求稳步回升我们认为。");
        assert!(found(&text, 0..toc.chars().count()).is_empty());
    }
}
