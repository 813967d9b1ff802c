//! Where a span's own text ends: not in the page furniture, chart residue
//! and rules of dashes after its last sentence, nor in the short label or
//! title after that sentence (the next block's); and where a table's title
//! starts before it.

use crate::layout::BlockLayout;
use std::ops::Range;

/// A paragraph's words after its last sentence end, if short, are the
/// label or title of what follows (`…研发进展缓慢。财务数据摘要`,
/// `…科技摩擦。增持(维持)行业走势`): the span ends at that sentence end.
const MAX_TAIL: usize = 30;

pub(super) fn trim_tail(chars: &[char], from: usize, end: usize) -> usize {
    match (from..end).rev().find(|&i| chars[i] == '。') {
        Some(p) if end - (p + 1) <= MAX_TAIL => p + 1,
        _ => end,
    }
}

/// [`trim_tail`], leaving out what ends the span without being its text:
/// page furniture, tables (a chart's residue before the end matter, with
/// its legend) and runs of symbols (a rule of dashes) are not counted in
/// the tail, nor kept at the span's end; so a short page header glued
/// before the footer (`…市场份额。行业研究〃医药行业` + footer) is a tail
/// too. Never before `from`.
pub(super) fn trim_residue(chars: &[char], layout: &BlockLayout, from: usize, end: usize) -> usize {
    let residue = |k: usize| {
        layout
            .furniture
            .iter()
            .chain(&layout.tables)
            .find(|r| r.start < k && k <= r.end)
            .map(|r| r.start.max(from))
    };
    let mut k = end;
    while k > from {
        match residue(k) {
            Some(s) => k = s,
            None if is_symbol(chars[k - 1]) => k -= 1,
            None => break,
        }
    }
    let (kept, mut tail) = (k, 0);
    while k > from {
        if let Some(s) = residue(k) {
            k = s;
            continue;
        }
        if chars[k - 1] == '。' {
            return k;
        }
        tail += 1;
        if tail > MAX_TAIL {
            break;
        }
        k -= 1;
    }
    kept
}

/// Neither a letter, a digit nor sentence punctuation: `-`, `—`, `_`, `=`,
/// `*`, `#`, `~`, `·`.
fn is_symbol(c: char) -> bool {
    matches!(c, '-' | '—' | '_' | '=' | '*' | '#' | '~' | '·' | '─' | '━')
}

/// The title and header row right before a table starting at `start`:
/// back to the last sentence end (`。`, `!`, `?`; not `;`, which ends the
/// items of a list), if that is at most
/// [`MAX_TITLE`] characters back and no furniture, table or heading in
/// `barriers` lies between (`…风险等。重点公司盈利预测公司名称股票代码`
/// + the table's figures); else `start`.
const MAX_TITLE: usize = 40;

pub(super) fn title_start(
    chars: &[char],
    layout: &BlockLayout,
    barriers: &[Range<usize>],
    start: usize,
) -> usize {
    let mut k = start;
    while k > 0 && start - k < MAX_TITLE {
        let c = chars[k - 1];
        if matches!(c, '。' | '!' | '?') {
            let han = chars[k..start]
                .iter()
                .any(|&c| crate::text::chars::is_han(c));
            return if han { k } else { start };
        }
        let blocked = layout
            .furniture
            .iter()
            .chain(&layout.tables)
            .chain(barriers)
            .any(|r| r.start < k && k <= r.end);
        if blocked {
            return start;
        }
        k -= 1;
    }
    start
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chars(s: &str) -> Vec<char> {
        s.chars().collect()
    }

    #[test]
    fn residue_and_a_short_header_after_the_last_sentence_are_not_the_spans() {
        let text = chars("风险提示需求不及预期。行业研究〃某某行业------请务必阅读正文之后的声明");
        let n = text.len();
        let footer = n - 12..n;
        let layout = BlockLayout {
            furniture: vec![footer],
            ..Default::default()
        };
        let end = trim_residue(&text, &layout, 4, n);
        assert_eq!(
            text[..end].iter().collect::<String>(),
            "风险提示需求不及预期。"
        );
        // A text that ends without a sentence end keeps its words.
        let list = chars("风险提示政策风险,竞争加剧------");
        let none = BlockLayout::default();
        assert_eq!(trim_residue(&list, &none, 4, list.len()), list.len() - 6);
    }

    #[test]
    fn a_tables_title_runs_back_to_the_last_sentence_end() {
        let text = chars("风险提示:需求不及预期等。重点公司盈利预测公司名称epspe2021e2022e");
        let table = text.iter().position(|&c| c == 'e').unwrap();
        let none = BlockLayout::default();
        let start = title_start(&text, &none, &[], table);
        let title: String = text[start..table].iter().collect();
        assert_eq!(title, "重点公司盈利预测公司名称");
        // Not over a heading, nor further than a short title.
        let heading = 15..19;
        let barriers = std::slice::from_ref(&heading);
        assert_eq!(title_start(&text, &none, barriers, table), table);
        let long = chars(&format!("{}epspe2021e", "公司".repeat(30)));
        assert_eq!(title_start(&long, &BlockLayout::default(), &[], 60), 60);
    }
}
