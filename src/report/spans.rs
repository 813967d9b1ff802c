//! Sections as spans: which text each section covers, not only where its
//! heading is.
//!
//! A report has a front page and a body. The front page opens with cover
//! matter (banner, title, rating box), holds the summary's bullets, and
//! closes on page 1's end (its footer, or the table of contents). A
//! bullet there (`风险提示：…`, `投资建议：…`) covers that bullet only: it
//! ends at the next heading or bullet, a cover block, a chart, or the end
//! of the page; what follows it on the page is summary again. In the body,
//! a section runs from its heading to the next heading: a heading of
//! another kind, a numbered chapter heading of the same or a higher level
//! (`5.` after `4.2风险提示`, `六、` after `五、风险提示`), or the end
//! matter (analyst statement, rating scale, disclaimer). Contact blocks
//! and front-page charts are cover wherever they are; tables of contents
//! are `toc`.
//!
//! Works on the characters of one normalized block; the result is a list
//! of change points: from each point on, the section is the one given.

use crate::layout::BlockLayout;
use crate::report::{Heading, Section};
use std::ops::Range;

/// The front page ends at its footer if it has one this late at least
/// (earlier ones are page 1's header).
const MIN_FRONT: usize = 300;
/// The front page is at most this share of the text (a report without
/// page breaks or table of contents has no front page to speak of).
const MAX_FRONT_SHARE: f64 = 0.4;
/// A table this long (chars) ends a risk chapter: the forecast tables
/// that follow it in the end matter.
const BIG_TABLE: usize = 300;
/// The front page's charts end this early at the latest: a front page
/// found longer is the body's start without a page break.
const MAX_FRONT_CHARTS: usize = 3000;
/// Cover matter before the first summary bullet, at most.
const MAX_COVER_FRONT: usize = 1500;

/// A chapter numbering found in the text: where it starts, its level (0
/// for `一、`/`第一章`, 1 for `1.`/`1、`/`(一)`, 2 for `1.1`, 3 for
/// `1.1.1`) and its numbers.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Numbering {
    start: usize,
    end: usize,
    level: u8,
    values: Vec<u32>,
}

/// The section change points of a block: `(start, section)` sorted by
/// start, the first at 0.
pub(crate) fn section_spans(
    chars: &[char],
    headings: &[Heading],
    layout: &BlockLayout,
    covers: &[Range<usize>],
) -> Vec<(usize, Section)> {
    let n = chars.len();
    if n == 0 {
        return vec![(0, Section::Body)];
    }
    // A heading inside page furniture is the footer's (`请参考最后一页评级
    // 说明及重要声明`), not a section of the report.
    let headings: Vec<Heading> = headings
        .iter()
        .filter(|h| {
            !layout
                .furniture
                .iter()
                .any(|f| f.start <= h.start && h.start < f.end)
        })
        // Nor is a chapter name in a slide's agenda sidebar (`风险提示目录1…`).
        .filter(|h| !chars[h.end.min(n)..].starts_with(&['目', '录']))
        .cloned()
        .collect();
    let headings = &headings[..];
    let mut painted = vec![Section::Body; n];
    let numberings = numberings(chars);
    let front_end = front_end(chars, headings, layout, covers, n);

    // The front page: the banner and title (body: the title is what the
    // report is about, and searchable), then summary, with its bullets. The
    // cover's blocks (rating box, stock data, contacts) are painted below.
    if front_end > 0 {
        let summary_start = summary_start(chars, headings, covers, front_end);
        paint(&mut painted, summary_start..front_end, Section::Summary);
    }
    // Every heading's span, in order: a later one paints over an earlier.
    for (k, h) in headings.iter().enumerate() {
        if h.section == Section::Body {
            continue;
        }
        let in_front = h.start < front_end;
        if in_front && h.section == Section::Summary {
            continue;
        }
        let end = span_end(
            chars,
            headings,
            k,
            &numberings,
            layout,
            covers,
            front_end,
            in_front,
        );
        paint(&mut painted, h.start..end, h.section);
    }
    for t in &layout.tocs {
        paint(&mut painted, t.clone(), Section::Toc);
    }
    // Contact blocks wherever they are: in the end matter too (the
    // broker's addresses and sales team after the disclaimer).
    // A rating scale's definitions (`评级:买入…`) look like a rating box
    // but are the scale's own text.
    for c in covers {
        if painted[c.start] != Section::RatingScale {
            paint(&mut painted, c.clone(), Section::Cover);
        }
    }
    // Charts on the front page are its price chart and data box.
    for t in &layout.tables {
        if t.end <= front_end.min(MAX_FRONT_CHARTS) {
            paint(&mut painted, t.clone(), Section::Cover);
        }
    }
    let mut out = vec![(0, painted[0])];
    for (i, &s) in painted.iter().enumerate().skip(1) {
        if s != painted[i - 1] {
            out.push((i, s));
        }
    }
    out
}

fn paint(painted: &mut [Section], r: Range<usize>, s: Section) {
    let end = r.end.min(painted.len());
    if r.start < end {
        painted[r.start..end].iter_mut().for_each(|p| *p = s);
    }
}

/// Where the front page ends: at the first table of contents, at the
/// first page footer past [`MIN_FRONT`], or at the first body chapter,
/// whichever comes first; 0 when the report has no front page (no page
/// break or table of contents within the first [`MAX_FRONT_SHARE`]).
fn front_end(
    _chars: &[char],
    headings: &[Heading],
    layout: &BlockLayout,
    covers: &[Range<usize>],
    n: usize,
) -> usize {
    let cap = (((n as f64) * MAX_FRONT_SHARE) as usize).max(MIN_FRONT);
    // The body begins at the table of contents or the first chapter (`一、`,
    // `目录`; not a template marker, which the cover has many of).
    let toc = layout.tocs.first().map(|t| t.start);
    let chapter = headings
        .iter()
        .find(|h| h.section == Section::Body && h.start >= MIN_FRONT && !h.text.starts_with('['))
        .map(|h| h.start);
    if let Some(e) = [toc, chapter]
        .into_iter()
        .flatten()
        .min()
        .filter(|&e| e <= cap)
    {
        return e.min(n);
    }
    // Else the front page ends with its footer.
    // (Not the broker's domain in an analyst's e-mail address.)
    let footer = layout
        .furniture
        .iter()
        .find(|f| {
            f.start >= MIN_FRONT
                && f.end - f.start >= 8
                && !covers.iter().any(|c| c.start <= f.start && f.start < c.end)
        })
        .map(|f| f.start);
    if let Some(e) = footer.filter(|&e| e <= cap) {
        return e.min(n);
    }
    // No page structure: a summary heading near the start opens a front
    // part that runs to the next heading of another kind.
    headings
        .iter()
        .position(|h| h.section == Section::Summary && h.start < MAX_COVER_FRONT)
        .map_or(0, |k| {
            headings[k + 1..]
                .iter()
                .find(|h| h.section != Section::Summary)
                .map_or(n, |h| h.start)
        })
}

/// Sections whose headings are bullets of the front page's summary.
fn is_front_item(s: Section) -> bool {
    matches!(s, Section::Advice | Section::Risk | Section::Forecast)
}

/// Where the summary starts on the front page: at its heading, else at the
/// first bullet or sentence of prose after the cover matter.
fn summary_start(
    chars: &[char],
    headings: &[Heading],
    covers: &[Range<usize>],
    front_end: usize,
) -> usize {
    if let Some(h) = headings
        .iter()
        .find(|h| h.start < front_end && h.section == Section::Summary)
    {
        return h.start;
    }
    // The first front item heading (a summary headed 投资建议) or prose.
    let item = headings
        .iter()
        .find(|h| h.start < front_end && is_front_item(h.section))
        .map(|h| h.start);
    let prose = first_prose(chars, covers, front_end.min(MAX_COVER_FRONT));
    [item, prose].into_iter().flatten().min().unwrap_or(0)
}

/// The start of the first sentence of prose before `limit`: a bullet, or a
/// run of Han text with a comma, outside the cover blocks.
fn first_prose(chars: &[char], covers: &[Range<usize>], limit: usize) -> Option<usize> {
    let mut i = 0;
    while i < limit {
        if let Some(c) = covers.iter().find(|c| c.contains(&i)) {
            i = c.end;
            continue;
        }
        if super::scan::is_bullet(chars[i]) {
            return Some(i);
        }
        // A sentence: twelve Han characters or more before a comma.
        let run = chars[i..limit.min(chars.len())]
            .iter()
            .take_while(|c| !matches!(c, ',' | '，' | '。'))
            .count();
        let han = chars[i..i + run]
            .iter()
            .filter(|c| crate::text::chars::is_han(**c))
            .count();
        if han >= 12 && chars.get(i + run).is_some_and(|c| matches!(c, ',' | '，')) && run < 80 {
            return Some(sentence_start(chars, i));
        }
        i += run.max(1);
    }
    None
}

/// Back from `i` to the start of its sentence (after a sentence end, a
/// closing bracket or a marker).
fn sentence_start(chars: &[char], i: usize) -> usize {
    let mut k = i;
    while k > 0 && !matches!(chars[k - 1], '。' | ']' | ';' | '!' | '?') && i - k < 40 {
        k -= 1;
    }
    k
}

/// Where the span of heading `k` ends.
#[allow(clippy::too_many_arguments)]
fn span_end(
    chars: &[char],
    headings: &[Heading],
    k: usize,
    numberings: &[Numbering],
    layout: &BlockLayout,
    covers: &[Range<usize>],
    front_end: usize,
    in_front: bool,
) -> usize {
    let h = &headings[k];
    let n = chars.len();
    // The next heading of another kind (or any, for a bullet).
    let mut end = headings.get(k + 1).map_or(n, |o| o.start);
    if h.section.is_end_matter() {
        return end;
    }
    let after = |r: &Range<usize>| r.start >= h.end;
    let first = |rs: &[Range<usize>]| rs.iter().find(|r| after(r)).map(|r| r.start);
    for e in [first(&layout.tocs), first(covers)].into_iter().flatten() {
        end = end.min(e);
    }
    if in_front {
        // A bullet: to the next bullet, the next chart, or the end of the page.
        end = end.min(front_end.max(h.end));
        if let Some(t) = first(&layout.tables) {
            end = end.min(t);
        }
        if let Some(f) = first(&layout.furniture) {
            end = end.min(f);
        }
        if let Some(b) = (h.end..end).find(|&i| super::scan::is_bullet(chars[i])) {
            end = b;
        }
        return end;
    }
    // In the body: to the next chapter heading of the same or a higher level.
    let own = numberings
        .iter()
        .rev()
        .find(|m| m.end <= h.start && h.start - m.end <= 2);
    // Risk ends at a table: an unnumbered 风险提示 (a company's paragraph
    // in a sector report) at its first chart, a numbered chapter (`5.风险
    // 提示`, which the next number ends) at a table the size of the
    // forecast tables that follow it, not at a chart of its own.
    if h.section == Section::Risk {
        let min_table = if own.is_some() { BIG_TABLE } else { 0 };
        if let Some(t) = layout
            .tables
            .iter()
            .find(|t| after(t) && t.len() >= min_table)
        {
            end = end.min(t.start);
        }
    }
    // The numbering of the items right after the heading (`风险提示1、…2、…`)
    // is a list, not the next chapter.
    let items = numberings
        .iter()
        .find(|m| m.start >= h.end && m.start - h.end <= 3)
        .map(|m| (m.level, m.values.len()));
    for m in numberings
        .iter()
        .filter(|m| m.start >= h.end && m.start < end)
    {
        let next_chapter = match own {
            Some(o) => m.level <= o.level && m.values != o.values,
            None => m.level <= 2 && Some((m.level, m.values.len())) != items,
        };
        if next_chapter {
            end = m.start;
            break;
        }
    }
    end
}

/// The chapter numberings of the text: after a sentence end, a bullet, a
/// marker or page furniture, a number of at most two digits (or a Chinese
/// numeral) with its separator, followed by a heading's first character.
/// List items `1)`, `(1)`, `①` are left out.
fn numberings(chars: &[char]) -> Vec<Numbering> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let boundary = i == 0
            || matches!(
                chars[i - 1],
                '。' | ']' | '】' | ';' | '!' | '?' | ' ' | '|'
            )
            || super::scan::is_bullet(chars[i - 1]);
        if boundary {
            if let Some(m) = numbering_at(chars, i) {
                i = m.end;
                out.push(m);
                continue;
            }
        }
        i += 1;
    }
    out
}

fn numbering_at(chars: &[char], i: usize) -> Option<Numbering> {
    let get = |k: usize| chars.get(k).copied();
    let heading_char =
        |k: usize| get(k).is_some_and(|c| crate::text::chars::is_han(c) || c.is_ascii_alphabetic());
    let c = get(i)?;
    if let Some(v) = chinese_value(c) {
        // 一、 十二、
        let mut k = i + 1;
        let mut v = v;
        if let Some(v2) = get(k).and_then(chinese_value) {
            v = v * 10 + v2;
            k += 1;
        }
        if get(k) == Some('、') && heading_char(k + 1) {
            return Some(Numbering {
                start: i,
                end: k + 1,
                level: 0,
                values: vec![v],
            });
        }
        return None;
    }
    if c == '第' {
        let v = get(i + 1).and_then(chinese_value)?;
        if matches!(get(i + 2), Some('章' | '部')) {
            return Some(Numbering {
                start: i,
                end: i + 3,
                level: 0,
                values: vec![v],
            });
        }
        return None;
    }
    if c == '(' {
        // (一)
        let v = get(i + 1).and_then(chinese_value)?;
        if get(i + 2) == Some(')') && heading_char(i + 3) {
            return Some(Numbering {
                start: i,
                end: i + 3,
                level: 1,
                values: vec![v],
            });
        }
        return None;
    }
    if !c.is_ascii_digit() {
        return None;
    }
    let mut values = Vec::new();
    let mut k = i;
    loop {
        let d = chars[k..].iter().take_while(|c| c.is_ascii_digit()).count();
        if d == 0 || d > 2 {
            return None;
        }
        values.push(chars[k..k + d].iter().collect::<String>().parse().ok()?);
        k += d;
        if get(k) == Some('.') && get(k + 1).is_some_and(|c| c.is_ascii_digit()) && values.len() < 3
        {
            k += 1;
            continue;
        }
        break;
    }
    if matches!(get(k), Some(')' | '）')) {
        return None;
    }
    if matches!(get(k), Some('、' | '.')) {
        k += 1;
    }
    // `2020年`, `3月`, `5G`: quantities, not chapters.
    if !heading_char(k)
        || matches!(
            get(k),
            Some('年' | '月' | '日' | '季' | '倍' | '亿' | '万' | '个' | '家' | '%' | 'g')
        )
    {
        return None;
    }
    if values.iter().any(|&v| v == 0 || v > 30) {
        return None;
    }
    let level = values.len() as u8;
    Some(Numbering {
        start: i,
        end: k,
        level,
        values,
    })
}

fn chinese_value(c: char) -> Option<u32> {
    "一二三四五六七八九十"
        .chars()
        .position(|x| x == c)
        .map(|p| p as u32 + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn levels(text: &str) -> Vec<(String, u8)> {
        let chars: Vec<char> = text.chars().collect();
        numberings(&chars)
            .into_iter()
            .map(|m| (chars[m.start..m.end].iter().collect(), m.level))
            .collect()
    }

    #[test]
    fn chapter_numberings_but_not_quantities_or_list_items() {
        assert_eq!(
            levels("。一、行业概况。2.1、市场规模。3风险提示1)竞争加剧。2020年收入。(二)公司"),
            vec![
                ("一、".to_string(), 0),
                ("2.1、".to_string(), 2),
                ("3".to_string(), 1),
                ("(二)".to_string(), 1),
            ]
        );
    }
}
