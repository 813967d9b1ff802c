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

mod appendix;
mod boxes;
mod charts;
mod combined;
mod ends;
mod forecast;
mod numbering;
mod profile;
mod rating_box;
mod sidebar;
mod toc_titles;

use crate::layout::BlockLayout;
use crate::report::cover::{first_contact_field, is_contact_block};
use crate::report::{Heading, Section};
use ends::{title_start, trim_residue, trim_tail};
use forecast::{is_forecast_table, source_line_end};
use numbering::{numbering_at, numberings, Numbering};
use std::ops::Range;

/// The front page ends at its footer if it has one this late at least
/// (earlier ones are page 1's header).
const MIN_FRONT: usize = 300;
/// The front page is at most this share of the text (a report without
/// page breaks or table of contents has no front page to speak of).
const MAX_FRONT_SHARE: f64 = 0.4;
/// The front page's charts end this early at the latest: a front page
/// found longer is the body's start without a page break.
const MAX_FRONT_CHARTS: usize = 3000;
/// Cover matter before the first summary bullet, at most.
const MAX_COVER_FRONT: usize = 1500;

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
    // 说明及重要声明`), not a section of the report; unless it ends the
    // footer after the thing the footer points to: the section itself
    // starts right after the footer (`敬请参阅最后一页特别声明` + `特别声明:
    // …`, `…特别声明` + `公司投资评级的说明:…`).
    let headings: Vec<Heading> = headings
        .iter()
        .filter(|h| {
            !layout.furniture.iter().any(|f| {
                f.start <= h.start
                    && h.start < f.end
                    && !(h.end >= f.end && pointer_done(&chars[f.start..h.start]))
            })
        })
        // Nor is a chapter name in a slide's agenda sidebar (`风险提示目录1…`),
        // or an entry of a table of contents (a divider page's agenda,
        // `目录❑1.…❑4.投资建议❑5.风险提示`, repeated before each chapter).
        .filter(|h| !chars[h.end.min(n)..].starts_with(&['目', '录']))
        .filter(|h| {
            h.section == Section::Body
                || !layout
                    .tocs
                    .iter()
                    .any(|t| t.start < h.start && h.start < t.end)
        })
        .cloned()
        .collect();
    // A risk heading inside the end matter (`免责声明…【风险提示】市场有风险,
    // 投资需谨慎`) is a paragraph of the legal text, not the report's risks.
    let mut legal = false;
    let headings: Vec<Heading> = headings
        .into_iter()
        .filter(|h| {
            if h.section != Section::Body {
                let keep = !(legal && h.section == Section::Risk);
                legal = h.section.is_end_matter() || legal && !keep;
                return keep;
            }
            true
        })
        .collect();
    let mut headings = headings;
    headings.extend(toc_titles::toc_headings(chars, &layout.tocs, &headings));
    headings.sort_by_key(|h| h.start);
    let headings = &headings[..];
    let mut painted = vec![Section::Body; n];
    let numberings = numberings(chars);
    let front_end = front_end(chars, headings, layout, covers, n);
    let front_end = continue_front(chars, headings, layout, covers, front_end);
    // A block of market data alone (`市盈率`, `总市值`) is the cover's data
    // box on the front page; in the body it is a chart's labels.
    // After the front page, a contact block's own heading or names right
    // before its first field are its own (`…保留一切权利。联系我们上海市…
    // 地址:`, `。上海北京深圳电话:`).
    let front_zone = front_end.max(MAX_COVER_FRONT);
    let covers: Vec<Range<usize>> = covers
        .iter()
        .filter(|c| c.start < front_zone || is_contact_block(chars, (*c).clone()))
        .map(|c| match c.start >= front_zone {
            true => block_lead(chars, layout, c.start)..c.end,
            false => c.clone(),
        })
        .collect();
    let covers = &covers[..];
    let forecast_tables: Vec<&Range<usize>> = layout
        .tables
        .iter()
        .filter(|t| is_forecast_table(chars, t))
        .collect();
    // The front page: the banner and title (body: the title is what the
    // report is about, and searchable), then summary, with its bullets. The
    // cover's blocks (rating box, stock data, contacts) are painted below.
    if front_end > 0 {
        let summary_start = summary_start(chars, headings, covers, front_end);
        paint(&mut painted, summary_start..front_end, Section::Summary);
    }
    // Every heading's span, in order: a later one paints over an earlier.
    // (An advice word naming a rating box's field is the cover's box.)
    let mut boxes = Vec::new();
    for (k, h) in headings.iter().enumerate() {
        if h.section == Section::Body {
            continue;
        }
        if let Some(b) = rating_box::rating_box(chars, h) {
            boxes.push(b);
            continue;
        }
        let in_front = h.start < front_end;
        if in_front && h.section == Section::Summary {
            continue;
        }
        // In the body, key points are the report's summary only on the page
        // the table of contents leaves to them (`…目录…请务必阅读…5/49投资
        // 摘要:…`); elsewhere `核心观点:`/`主要观点:` head a chapter or a
        // company's comment, which are the body's.
        if h.section == Section::Summary
            && h.start >= front_zone
            && !after_contents(layout, h.start)
        {
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
        let section = match combined::forecast_before_advice(headings, k, end) {
            true => Section::Forecast,
            false => h.section,
        };
        paint(&mut painted, h.start..end, section);
        // (A bullet the cover's column cuts goes on after the page end.)
        if in_front {
            if let Some(r) = sidebar::resumed(chars, headings, layout, covers, end, front_end) {
                paint(&mut painted, r, section);
            }
        }
    }
    for t in &layout.tocs {
        paint(&mut painted, t.clone(), Section::Toc);
    }
    // Contact blocks wherever they are: in the end matter too (the
    // broker's addresses and sales team after the disclaimer).
    // A rating scale's definitions (`评级:买入…`) look like a rating box
    // but are the scale's own text.
    // The broker's addresses right after the scale are contacts again.
    for c in covers {
        if painted[c.start] != Section::RatingScale {
            paint(&mut painted, c.clone(), Section::Cover);
        } else if let Some(f) = first_contact_field(chars, c.clone()) {
            paint(&mut painted, f..c.end, Section::Cover);
        }
    }
    for b in boxes {
        paint(&mut painted, b, Section::Cover);
    }
    // Charts on the front page are its price chart and data box; not the
    // figures inside a sentence (`狂免(规格换算/` figures `)。`), nor a
    // chart a sentence runs through (`…我们重-` chart `点推荐…。`).
    for t in &layout.tables {
        if t.end <= front_end.min(MAX_FRONT_CHARTS)
            && !forecast_tables.contains(&t)
            && !charts::in_prose(chars, layout, covers, t)
        {
            paint(&mut painted, t.clone(), Section::Cover);
        }
    }
    // Tables of forecasts (`2020a 2021e 2022e` columns beside earnings or
    // multiples) are forecast wherever they are: the front page's box, the
    // statements at the end; with their title right before them.
    // (Else the short title and header row after the last sentence end.)
    let heads: Vec<Range<usize>> = headings.iter().map(|h| h.start..h.end).collect();
    // (A combined heading that names the forecast, `重点公司盈利预测及投资
    // 评级` + the table's header row, is the table's title when no sentence
    // lies between: the rating is a column of the table.)
    for t in &forecast_tables {
        let titled = |h: &&Heading| {
            h.end <= t.start
                && t.start - h.end <= 40
                && (h.section == Section::Forecast
                    || h.section == Section::Advice
                        && h.text.contains("盈利预测")
                        && !chars[h.end..t.start].contains(&'。'))
        };
        let title = headings
            .iter()
            .rev()
            .find(titled)
            .map_or_else(|| title_start(chars, layout, &heads, t.start), |h| h.start);
        let next = headings
            .iter()
            .find(|h| h.start >= t.end)
            .map_or(n, |h| h.start);
        let end = source_line_end(chars, layout, t.end, next);
        paint(&mut painted, title..end, Section::Forecast);
    }
    // A front page's forecast box that the layout took for prose between
    // a template's markers is forecast all the same.
    let barriers: Vec<Range<usize>> = layout.furniture.iter().chain(covers).cloned().collect();
    for b in boxes::glued_boxes(chars, front_zone, &layout.tables, &barriers) {
        paint(&mut painted, b, Section::Forecast);
    }
    // A page footer or header takes the section of the text before it, up
    // to a heading in it: a section that ends at a page end ends after the
    // footer, where the next page's text starts (a short span's passage
    // then keeps its footer, not the next page's text).
    for f in &layout.furniture {
        if f.start == 0 || f.start >= n {
            continue;
        }
        let before = painted[f.start - 1];
        let end = headings
            .iter()
            .find(|h| h.start >= f.start && h.start < f.end)
            .map_or(f.end, |h| h.start);
        paint(&mut painted, f.start..end, before);
    }
    let mut out = vec![(0, painted[0])];
    for (i, &s) in painted.iter().enumerate().skip(1) {
        if s != painted[i - 1] {
            out.push((i, s));
        }
    }
    out
}

/// The text a block's first field has right before it, up to a sentence
/// end, a marker or page furniture, if that is short (a name, a heading):
/// where the block starts with it.
const MAX_BLOCK_LEAD: usize = 24;

fn block_lead(chars: &[char], layout: &BlockLayout, start: usize) -> usize {
    let mut k = start;
    while k > 0 && start - k < MAX_BLOCK_LEAD {
        let furniture = layout.furniture.iter().any(|f| f.start < k && k <= f.end);
        if furniture || matches!(chars[k - 1], '。' | '!' | '?' | ';' | ']' | '】' | '|') {
            return k;
        }
        k -= 1;
    }
    if k == 0 {
        0
    } else {
        start
    }
}

/// Has a footer's pointer (`请务必阅读…`, `敬请参阅…`) named what it
/// points to (`…特别声明`, `…免责条款部分`) in `text`?
fn pointer_done(text: &[char]) -> bool {
    ["声明", "申明", "条款", "说明", "部分"].iter().any(|w| {
        let w: Vec<char> = w.chars().collect();
        text.windows(2).any(|x| x == w.as_slice())
    })
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

/// Furniture, tables and cover blocks: what a page break glues into a
/// sentence.
fn skipped<'a>(
    layout: &'a BlockLayout,
    covers: &'a [Range<usize>],
) -> impl Iterator<Item = &'a Range<usize>> {
    layout.furniture.iter().chain(&layout.tables).chain(covers)
}

/// The first position at or after `at` outside furniture, tables and
/// cover blocks.
fn skip_forward(at: usize, layout: &BlockLayout, covers: &[Range<usize>], n: usize) -> usize {
    let mut k = at;
    while let Some(r) = skipped(layout, covers).find(|r| r.start <= k && k < r.end) {
        k = r.end;
    }
    k.min(n)
}

/// Does a sentence run into `at` unfinished: the twelve characters before
/// it (furniture, tables and cover blocks left out) are Han text or
/// commas, no sentence end, figure or label?
fn cut_mid_sentence(
    chars: &[char],
    layout: &BlockLayout,
    covers: &[Range<usize>],
    at: usize,
) -> bool {
    let mut k = at;
    let mut seen = 0;
    while k > 0 && seen < 12 {
        if let Some(r) = skipped(layout, covers).find(|r| r.start < k && k <= r.end) {
            k = r.start;
            continue;
        }
        let c = chars[k - 1];
        if !(crate::text::chars::is_han(c) || matches!(c, ',' | '、' | '“' | '”')) {
            return false;
        }
        seen += 1;
        k -= 1;
    }
    seen == 12
}

/// Does prose go on at `resume`: Han text that ends a sentence before
/// `end` (the rest of the sentence a page break cut)?
fn goes_on(chars: &[char], layout: &BlockLayout, resume: usize, end: usize) -> bool {
    let stop = [&layout.tables, &layout.furniture]
        .into_iter()
        .filter_map(|rs| rs.iter().find(|r| r.start > resume).map(|r| r.start))
        .min()
        .unwrap_or(end)
        .min(end);
    resume < stop
        && crate::text::chars::is_han(chars[resume])
        && chars[resume..stop].contains(&'。')
}

/// The front page goes on over a page break that cuts a sentence (at
/// most two more pages, before the table of contents or a chapter, and
/// within half the text): from the break to the page end after the
/// sentence's end.
fn continue_front(
    chars: &[char],
    headings: &[Heading],
    layout: &BlockLayout,
    covers: &[Range<usize>],
    front_end: usize,
) -> usize {
    let n = chars.len();
    let limit = [
        layout
            .tocs
            .iter()
            .find(|t| t.start >= front_end)
            .map(|t| t.start),
        headings
            .iter()
            .find(|h| {
                h.start >= front_end && h.section == Section::Body && !h.text.starts_with('[')
            })
            .map(|h| h.start),
    ]
    .into_iter()
    .flatten()
    .min()
    .unwrap_or(n)
    .min(n / 2);
    let mut end = front_end;
    for _ in 0..2 {
        if end == 0 || !cut_mid_sentence(chars, layout, covers, end) {
            break;
        }
        let Some(stop) = (end..limit).find(|&i| chars[i] == '。') else {
            break;
        };
        match layout
            .furniture
            .iter()
            .find(|f| f.start > stop && f.len() >= 8)
            .map(|f| f.start)
            .filter(|&e| e <= limit)
        {
            Some(e) => end = e,
            None => break,
        }
    }
    end
}

/// Characters between the contents' end and a summary heading on the
/// page after it, at most (the page's footer and header).
const MAX_AFTER_CONTENTS: usize = 160;

/// Does `at` open the text right after a table of contents (its page's
/// furniture left out)?
fn after_contents(layout: &BlockLayout, at: usize) -> bool {
    layout
        .tocs
        .iter()
        .any(|t| t.end <= at && at - t.end <= MAX_AFTER_CONTENTS)
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
        // A chart or page end that cuts a sentence (`…推广不及预期的风险,`
        // chart, footer, `行业采浆量增长不及预期的风险。`) does not end it.
        end = end.min(front_end.max(h.end));
        let mut from = h.end;
        for _ in 0..3 {
            let stop = [&layout.tables, &layout.furniture]
                .into_iter()
                .filter_map(|rs| rs.iter().find(|r| r.start >= from).map(|r| r.start))
                .min()
                .unwrap_or(n);
            if stop >= end {
                break;
            }
            let resume = skip_forward(stop, layout, covers, n);
            if !cut_mid_sentence(chars, layout, covers, stop)
                || !goes_on(chars, layout, resume, end)
            {
                end = stop;
                break;
            }
            from = resume;
        }
        // (Bullets right after the heading are its own list:
        // `投资建议与标的⚫…⚫…`.)
        let listed = chars[h.end.min(end)..end]
            .iter()
            .take(2)
            .any(|&c| super::scan::is_bullet(c));
        if let Some(b) = (h.end..end).find(|&i| super::scan::is_bullet(chars[i])) {
            if !listed {
                end = b;
            }
        }
        // (Such a list ends where a short label after a sentence end opens
        // a list of its own: `评级面临的主要风险■…加剧。重点推荐■…`.)
        if listed {
            if let Some(p) = (h.end..end).find(|&i| {
                chars[i] == '。'
                    && chars[i + 1..end]
                        .iter()
                        .position(|&c| super::scan::is_bullet(c))
                        .is_some_and(|l| {
                            (2..=12).contains(&l)
                                && chars[i + 1..i + 1 + l]
                                    .iter()
                                    .all(|&c| crate::text::chars::is_han(c))
                        })
            }) {
                end = p + 1;
            }
        }
        // (A table right after the bullet takes its title and header row
        // back to the bullet's last sentence: `…医疗服务板块。核心组合(截至
        // 11.30)代码公司…` + the table.)
        if layout.tables.iter().any(|t| t.start == end) {
            let title = title_start(chars, layout, &[], end);
            if title > h.end {
                end = title;
            }
        }
        return trim_tail(chars, h.end, end);
    }
    // In the body: to the next chapter heading of the same or a higher level.
    // (The heading's own numbering, when the heading holds it: `5.风险
    // 提示` glued after a bracket, which no chapter numbering follows.)
    let own = numbering_at(chars, h.start).or_else(|| {
        numberings
            .iter()
            .rev()
            .find(|m| m.end <= h.start && h.start - m.end <= 2)
            .cloned()
    });
    let own = own.as_ref();
    // Risk ends at a table: an unnumbered 风险提示 (a company's paragraph
    // in a sector report) at its first chart, a numbered chapter (`5.风险
    // 提示`, which the next number ends) at the forecast tables that follow
    // it, not at a chart of its own.
    if h.section == Section::Risk {
        if let Some(t) = layout
            .tables
            .iter()
            .find(|t| after(t) && (own.is_none() || is_forecast_table(chars, t)))
        {
            end = end.min(t.start);
        }
    }
    // The numbering of the items right after the heading (`风险提示1、…2、…`)
    // is a list, not the next chapter.
    // (Also after a colon, where no chapter numbering is looked for:
    // `风险提示:1.…;2.…`; and glued to the heading, where none is looked
    // for after Han text either, when it is a list's first item:
    // `风险提示1、…风险。2、…`.)
    let colon = chars[h.end.min(n)..]
        .iter()
        .take(2)
        .take_while(|c| matches!(c, ':' | '：'))
        .count();
    let items = numberings
        .iter()
        .find(|m| m.start >= h.end && m.start - h.end <= 3)
        .cloned()
        .or_else(|| numbering_at(chars, h.end + colon).filter(|m| colon > 0 || m.values == [1]))
        .map(|m| (m.level, m.values.len()));
    for m in numberings
        .iter()
        .filter(|m| m.start >= h.end && m.start < end)
    {
        let next_chapter = match own {
            // The next chapter's number is higher (`②` after `6.投资建议`,
            // `2` once normalized, is an item of its list).
            Some(o) => {
                m.level <= o.level
                    && m.values.as_slice() > &o.values[..m.values.len().min(o.values.len())]
            }
            // An unnumbered heading inside a chapter (`盈利预测与投资评级:…`)
            // ends at the next number of any level (`2.3.2、公司公告`).
            None => Some((m.level, m.values.len())) != items,
        };
        if next_chapter {
            end = m.start;
            break;
        }
    }
    // An unnumbered risk paragraph ends at the first page end after a
    // finished sentence (`…价格竞争。` + footer + `核心优势…`, the next page's
    // own title); unless the next page opens with another risk of the list
    // (`…不确定风险。` + footer + `下游客户违规使用…风险。`).
    if h.section == Section::Risk && own.is_none() {
        if let Some(f) = layout.furniture.iter().find(|f| {
            after(f)
                && f.start < end
                && f.len() >= 8
                && matches!(chars[f.start - 1], '。' | '!' | '?')
                && !names_a_risk(chars, skip_forward(f.end, layout, covers, n))
        }) {
            end = f.start;
        }
    }
    // An unnumbered risk bullet in a chapter of company paragraphs ends
    // where the next company's paragraph opens with its name and a colon
    // (`风险提示:…不及预期。某某医疗:手握核心技术…`).
    if h.section == Section::Risk && own.is_none() {
        if let Some(c) = company_paragraph(chars, h.end..end) {
            end = c;
        }
        // (Or with its ticker: `…不及预期。某某科技(300000ch,买入,…)`.)
        if let Some(c) = profile::profile_start(chars, h.end..end) {
            end = c;
        }
    }
    // Nor do they run into the appendix after them (`…的风险等` + footer +
    // `附表1:《…》重点任务`).
    if matches!(h.section, Section::Risk | Section::Advice) {
        if let Some(a) = appendix::appendix_start(chars, h.end..end) {
            end = a;
        }
    }
    // Risks and advice end at their last sentence: not in the chart residue,
    // rules and page header left before the end matter or the next chapter;
    // unless a heading of their own kind goes on right there (`…等。(2)mlcc
    // 建议关注…;(3)面板建议关注…`: the list's next item).
    let same_next = headings
        .get(k + 1)
        .is_some_and(|o| o.start == end && o.section == h.section);
    if matches!(h.section, Section::Risk | Section::Advice) {
        let trimmed = trim_residue(chars, layout, h.end, end);
        let plain = !skipped(layout, covers).any(|r| r.start < end && trimmed < r.end);
        if !(same_next && plain) {
            end = trimmed;
        }
    }
    end
}

/// Characters of a risk item's first sentence looked at for its word.
const MAX_RISK_ITEM: usize = 60;

/// Does the sentence at `at` name a risk (`下游客户违规使用…风险。`): its
/// first sentence, short, has the word?
fn names_a_risk(chars: &[char], at: usize) -> bool {
    let end = (at..chars.len().min(at + MAX_RISK_ITEM)).find(|&i| matches!(chars[i], '。' | ';'));
    end.is_some_and(|e| chars[at..e].windows(2).any(|w| w == ['风', '险']))
}

/// Where a listed company's paragraph opens inside `range`: after a
/// sentence end, the company's name as the built-in table has it (two to
/// six characters) and a colon.
fn company_paragraph(chars: &[char], range: Range<usize>) -> Option<usize> {
    (range.start..range.end).find_map(|i| {
        if i == 0 || chars[i - 1] != '。' {
            return None;
        }
        (2..=6).find_map(|len| {
            let name = chars.get(i..i + len)?;
            (chars.get(i + len) == Some(&':')
                && name
                    .iter()
                    .all(|&c| crate::text::chars::is_han(c) || c.is_ascii_alphabetic())
                && crate::report::AliasTable::builtin_names_company(
                    &name.iter().collect::<String>(),
                ))
            .then_some(i)
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::cover::contact_blocks;
    use crate::report::headings::detect_headings;
    use crate::text::normalize::normalize;

    /// A normalized text made of parts; the ranges of the parts marked as
    /// tables and as furniture make its layout.
    struct Doc {
        chars: Vec<char>,
        layout: BlockLayout,
    }

    fn doc(parts: &[(&str, Option<Layout>)]) -> Doc {
        let mut chars = Vec::new();
        let mut layout = BlockLayout::default();
        for (text, kind) in parts {
            let part: Vec<char> = normalize(text).chars().collect();
            let r = chars.len()..chars.len() + part.len();
            match kind {
                Some(Layout::Table) => layout.tables.push(r),
                Some(Layout::Furniture) => layout.furniture.push(r),
                _ => {}
            }
            chars.extend(part);
        }
        Doc { chars, layout }
    }

    use crate::layout::Layout;
    const TABLE: Option<Layout> = Some(Layout::Table);
    const FURNITURE: Option<Layout> = Some(Layout::Furniture);

    impl Doc {
        /// The section of the first character of `needle` (normalized).
        fn at(&self, needle: &str) -> Section {
            let text: String = self.chars.iter().collect();
            let needle = normalize(needle);
            let byte = text
                .find(&needle)
                .unwrap_or_else(|| panic!("{needle} not in text"));
            let at = text[..byte].chars().count();
            let spans = section_spans(
                &self.chars,
                &detect_headings(&text),
                &self.layout,
                &contact_blocks(&self.chars),
            );
            spans.iter().rev().find(|(s, _)| *s <= at).unwrap().1
        }
    }

    #[test]
    fn a_chapter_numeral_glued_after_a_source_line_numbers_its_heading() {
        // `…研究所整理七、投资建议7.1、…7.2、…`: the numeral after the
        // source line is the chapter's own, so its sub-chapters 7.1 and 7.2
        // stay inside the advice chapter, which runs to the next chapter.
        let body = "行业规模稳步扩大,龙头企业持续受益。".repeat(30);
        let d = doc(&[(
            &format!(
                "{body}资料来源:某某证券研究所整理七、投资建议7.1、行业景气向上我们看好龙头公司。\
                 7.2、重点推荐某某科技公司的产品线不断丰富,盈利能力提升。\
                 八、风险提示下游需求不及预期。"
            ),
            None,
        )]);
        assert_eq!(d.at("七、投资建议"), Section::Advice);
        assert_eq!(d.at("重点推荐某某科技"), Section::Advice);
        assert_eq!(d.at("下游需求不及预期"), Section::Risk);
    }

    const FORECAST: &str = "2021a2022e2023e营业收入(百万元)1000120014005000净利润(百万元)100120140eps(元)0.100.120.14pe(倍)302520";

    #[test]
    fn forecast_tables_are_forecast_even_on_the_front_page() {
        let summary = "公司业绩稳健增长,新产品持续放量,我们看好公司的长期发展。".repeat(12);
        let d = doc(&[
            ("投资要点", None),
            (&summary, None),
            (FORECAST, TABLE),
            ("资料来源:某某证券研究所", None),
            (&format!("一、公司概况{}", "正文内容。".repeat(200)), None),
        ]);
        assert_eq!(d.at("公司业绩稳健增长"), Section::Summary);
        assert_eq!(d.at(FORECAST), Section::Forecast);
        assert_eq!(d.at("资料来源:某某证券研究所"), Section::Forecast);
        // A chart of past figures, or of one market's size, is no forecast.
        let past: Vec<char> = "2019年2020年营收100120净利润1012".chars().collect();
        assert!(!is_forecast_table(&past, &(0..past.len())));
        let size: Vec<char> = "市场规模(按营业收入计)2019201920e2021e2022e100120140"
            .chars()
            .collect();
        assert!(!is_forecast_table(&size, &(0..size.len())));
        let glued: Vec<char> = "公司名称epspepbr14a15e16e某某科技0.10.2".chars().collect();
        assert!(is_forecast_table(&glued, &(0..glued.len())));
        let net: Vec<char> = "股票代码公司名称归母净利(亿元)pe2020e2021e2022e某某科技1.21.5"
            .chars()
            .collect();
        assert!(is_forecast_table(&net, &(0..net.len())));
    }

    #[test]
    fn a_numbered_risk_chapter_runs_over_its_charts_to_the_forecast_tables() {
        let body = "行业需求稳步增长,公司市场份额持续提升。".repeat(60);
        let chart = format!(
            "图25:近五年原材料价格走势{}资料来源:某某资讯",
            "2019-0110.52019-0211.22019-0312.0".repeat(10)
        );
        let d = doc(&[
            (&body, None),
            ("(详见附录)5.风险提示原材料价格波动的风险。", None),
            (&chart, TABLE),
            ("下游需求不及预期的风险。", None),
            (FORECAST, TABLE),
            (
                &format!(
                    "免责声明本报告仅供某某证券的客户使用。{}",
                    "正文内容。".repeat(20)
                ),
                None,
            ),
        ]);
        assert!(chart.chars().count() > 300);
        assert_eq!(d.at("原材料价格波动的风险"), Section::Risk);
        assert_eq!(d.at("下游需求不及预期的风险"), Section::Risk);
        assert_eq!(d.at(FORECAST), Section::Forecast);
    }

    #[test]
    fn market_data_in_the_body_is_a_chart_but_contacts_after_the_scale_are_cover() {
        let body = "行业需求稳步增长,公司市场份额持续提升。".repeat(100);
        let d = doc(&[
            ("投资要点", None),
            (&"公司业绩稳健增长,新产品持续放量。".repeat(20), None),
            ("某某证券|请务必阅读正文之后的免责声明", FURNITURE),
            (&body, None),
            ("图表2:行业估值走势市盈率(ttm)市净率(lf)", None),
            (&body, None),
            ("投资评级说明买入:预期未来6个月内股价涨幅15%以上。", None),
            ("增持:预期未来6个月内股价涨幅5%-15%。", None),
            ("某某证券研究所地址:上海市浦东新区某某路100号邮编:200120传真:021-12345678网址:www.abc.com", None),
            (&format!("免责声明本报告仅供某某证券的客户使用。{}某某证券保留一切权利。", "本报告不构成投资建议。".repeat(8)), None),
            ("联系我们上海北京深圳电话:021-12345678传真:021-12345679", None),
        ]);
        assert_eq!(d.at("市盈率(ttm)市净率"), Section::Body);
        assert_eq!(d.at("保留一切权利"), Section::Disclaimer);
        assert_eq!(d.at("联系我们上海北京深圳"), Section::Cover);
        assert_eq!(d.at("增持:预期"), Section::RatingScale);
        assert_eq!(d.at("地址:上海市"), Section::Cover);
    }

    #[test]
    fn a_front_page_sentence_cut_by_the_page_end_goes_on_over_the_page() {
        let summary = "■公司收入稳步增长,毛利率持续提升,费用率稳中有降。".repeat(12);
        let d = doc(&[
            ("投资要点", None),
            (&summary, None),
            ("■我们认为公司在东南亚新兴市场的持续拓展", None),
            ("某某证券|请务必阅读正文之后的免责声明", FURNITURE),
            ("将带来第二增长曲线。■新产品放量,盈利能力改善。", None),
            ("■投资建议:维持买入评级。", None),
            ("某某证券|请务必阅读正文之后的免责声明", FURNITURE),
            (&format!("1.公司概况{}", "正文内容。".repeat(300)), None),
        ]);
        assert_eq!(d.at("将带来第二增长曲线"), Section::Summary);
        assert_eq!(d.at("新产品放量"), Section::Summary);
        assert_eq!(d.at("投资建议"), Section::Advice);
        assert_eq!(d.at("1.公司概况"), Section::Body);
    }

    #[test]
    fn front_page_figures_inside_a_sentence_are_not_a_chart() {
        let summary = "■公司收入稳步增长,毛利率持续提升,费用率稳中有降。".repeat(12);
        let d = doc(&[
            ("投资要点", None),
            (&summary, None),
            ("■其他品种如甲类(规格换算/", None),
            (
                "200iu)1186万瓶(-3%)、乙类(规格换算/50mg)470万瓶(+79%",
                TABLE,
            ),
            (")。丙类产品保持稳定。", None),
            ("某某证券|请务必阅读正文之后的免责声明", FURNITURE),
            (&format!("目录{}", "正文内容。".repeat(300)), None),
        ]);
        assert_eq!(d.at("200iu)1186万瓶"), Section::Summary);
        assert_eq!(d.at("丙类产品"), Section::Summary);
    }

    #[test]
    fn a_heading_with_its_own_bullets_keeps_them() {
        let summary = "■公司收入稳步增长,毛利率持续提升,费用率稳中有降。".repeat(12);
        let d = doc(&[
            ("投资要点", None),
            (&summary, None),
            (
                "投资建议与投资标的⚫行业拐点可期,龙头优势显著。⚫建议关注甲公司。",
                None,
            ),
            ("某某证券|请务必阅读正文之后的免责声明", FURNITURE),
            (&format!("目录{}", "正文内容。".repeat(300)), None),
        ]);
        assert_eq!(d.at("⚫行业拐点可期"), Section::Advice);
        assert_eq!(d.at("⚫建议关注甲公司"), Section::Advice);
    }

    #[test]
    fn a_bullet_ends_at_its_last_sentence_not_at_the_label_after_it() {
        let summary = "■公司收入稳步增长,毛利率持续提升,费用率稳中有降。".repeat(12);
        let d = doc(&[
            ("投资要点", None),
            (&summary, None),
            (
                "风险提示:下游需求不及预期;贸易摩擦加剧。增持(维持)行业走势",
                None,
            ),
            ("某某证券|请务必阅读正文之后的免责声明", FURNITURE),
            (&format!("目录{}", "正文内容。".repeat(300)), None),
        ]);
        assert_eq!(d.at("贸易摩擦加剧。"), Section::Risk);
        assert_ne!(d.at("增持(维持)行业走势"), Section::Risk);
    }

    #[test]
    fn a_chapter_runs_over_its_list_items_to_the_next_higher_number() {
        let body = "行业需求稳步增长,公司市场份额持续提升。".repeat(60);
        let d = doc(&[
            (&body, None),
            (
                "6.投资建议重点推荐①甲公司:产品线丰富;②乙公司:增速较快。",
                None,
            ),
            ("7.风险提示需求不及预期。", None),
            (&body, None),
        ]);
        assert_eq!(d.at("甲公司"), Section::Advice);
        assert_eq!(d.at("乙公司"), Section::Advice);
        assert_eq!(d.at("需求不及预期"), Section::Risk);
    }

    #[test]
    fn a_risk_paragraph_of_the_legal_text_is_not_the_reports_risks() {
        let body = "行业需求稳步增长,公司市场份额持续提升。".repeat(60);
        let d = doc(&[
            (&body, None),
            ("5.风险提示下游需求不及预期的风险。", None),
            ("免责声明本报告仅供某某证券的客户使用。", None),
            (
                "【风险提示】市场有风险,投资需谨慎。投资者不应将本报告作为唯一参考。",
                None,
            ),
        ]);
        assert_eq!(d.at("下游需求不及预期"), Section::Risk);
        assert_eq!(d.at("市场有风险"), Section::Disclaimer);
    }

    #[test]
    fn a_page_footer_belongs_to_the_text_before_it() {
        let summary = "■公司收入稳步增长,毛利率持续提升,费用率稳中有降。".repeat(12);
        let d = doc(&[
            ("投资要点", None),
            (&summary, None),
            ("某某证券|请务必阅读正文之后的免责声明", FURNITURE),
            (&format!("1.公司概况{}", "正文内容。".repeat(300)), None),
        ]);
        assert_eq!(d.at("某某证券|请务必"), Section::Summary);
        assert_eq!(d.at("1.公司概况"), Section::Body);
    }

    #[test]
    fn a_risk_list_after_a_colon_runs_over_its_numbers() {
        let body = "行业需求稳步增长,公司市场份额持续提升。".repeat(60);
        let d = doc(&[
            (&body, None),
            (
                "风险提示:1.行业突发事件;2.新品研发进展低于预期;3.政策变化风险。",
                None,
            ),
            (
                &format!("免责声明本报告仅供某某证券的客户使用。{body}"),
                None,
            ),
        ]);
        assert_eq!(d.at("2.新品研发"), Section::Risk);
        assert_eq!(d.at("3.政策变化"), Section::Risk);
    }

    #[test]
    fn a_risk_list_glued_to_its_heading_runs_over_its_numbers() {
        // `风险提示1、…。2、…`: no numbering is looked for after Han text, so
        // the list's first item is the heading's own list.
        let body = "行业需求稳步增长,公司市场份额持续提升。".repeat(60);
        let d = doc(&[
            (&body, None),
            (
                "风险提示1、行业竞争加剧的风险。新进入者增多,价格可能下降。2、政策变化的风险。集采范围可能扩大。",
                None,
            ),
            (
                &format!("免责声明本报告仅供某某证券的客户使用。{body}"),
                None,
            ),
        ]);
        assert_eq!(d.at("2、政策变化"), Section::Risk);
        assert_eq!(d.at("集采范围"), Section::Risk);
    }

    #[test]
    fn an_unnumbered_risk_paragraph_ends_at_the_page_end_after_its_sentence() {
        let body = "行业需求稳步增长,公司市场份额持续提升。".repeat(60);
        let d = doc(&[
            ("投资要点", None),
            (
                &"■公司收入稳步增长,毛利率持续提升,费用率稳中有降。".repeat(12),
                None,
            ),
            ("某某证券|请务必阅读正文之后的免责声明", FURNITURE),
            (&format!("一、行业概况{body}"), None),
            ("风险提示:1)政策不确定性;2)汇率风险;3)价格竞争加剧。", None),
            (
                "2020年5月1日首次覆盖报告敬请阅读末页的重要说明46",
                FURNITURE,
            ),
            ("核心优势行业空间大,进入壁垒高,龙头公司优势明显。", None),
            (&body, None),
            ("风险提示:原材料价格上涨,下游需求", None),
            (
                "2020年5月1日首次覆盖报告敬请阅读末页的重要说明47",
                FURNITURE,
            ),
            ("不及预期。", None),
            (&body, None),
        ]);
        assert_eq!(d.at("3)价格竞争加剧"), Section::Risk);
        assert_eq!(d.at("核心优势"), Section::Body);
        // A sentence the page end cuts goes on.
        assert_eq!(d.at("不及预期。"), Section::Risk);
    }

    #[test]
    fn an_unnumbered_risk_list_goes_on_over_a_page_that_opens_with_a_risk() {
        let body = "行业需求稳步增长,公司市场份额持续提升。".repeat(60);
        let d = doc(&[
            ("投资要点", None),
            (
                &"■公司收入稳步增长,毛利率持续提升,费用率稳中有降。".repeat(12),
                None,
            ),
            ("某某证券|请务必阅读正文之后的免责声明", FURNITURE),
            (&format!("一、行业概况{body}"), None),
            (
                "风险因素市场竞争加剧风险。新进入者增多,价格可能下降。",
                None,
            ),
            ("2020年5月1日深度报告敬请阅读末页的重要说明46", FURNITURE),
            ("产品注册进展不达预期风险。新品获批周期长。", None),
            ("2020年5月1日深度报告敬请阅读末页的重要说明47", FURNITURE),
            ("核心优势行业空间大,进入壁垒高,龙头公司优势明显。", None),
            (&body, None),
        ]);
        assert_eq!(d.at("产品注册进展"), Section::Risk);
        assert_eq!(d.at("核心优势"), Section::Body);
    }

    #[test]
    fn key_points_in_the_body_are_a_companys_comment_not_the_summary() {
        let body = "行业需求稳步增长,公司市场份额持续提升。".repeat(60);
        let d = doc(&[
            ("投资要点", None),
            (
                &"■公司收入稳步增长,毛利率持续提升,费用率稳中有降。".repeat(12),
                None,
            ),
            ("某某证券|请务必阅读正文之后的免责声明", FURNITURE),
            (&format!("一、行业概况{body}"), None),
            (
                "二、公司点评某某医疗主要观点:整体业绩符合预期,营收利润双增长。",
                None,
            ),
            (&body, None),
        ]);
        assert_eq!(d.at("公司收入稳步增长"), Section::Summary);
        assert_eq!(d.at("整体业绩符合预期"), Section::Body);
    }

    #[test]
    fn a_companys_risk_bullet_ends_where_the_next_companys_paragraph_opens() {
        // 鱼跃医疗 is a listed company in the built-in table.
        let body = "行业需求稳步增长,公司市场份额持续提升。".repeat(60);
        let d = doc(&[
            (&format!("一、行业概况{body}"), None),
            ("风险提示:新产品推出不及预期,降价幅度超预期。", None),
            (
                "鱼跃医疗:家用器械龙头,渠道优势突出。公司产品线齐全,品牌认知度高。",
                None,
            ),
            (&body, None),
        ]);
        assert_eq!(d.at("降价幅度超预期"), Section::Risk);
        assert_eq!(d.at("家用器械龙头"), Section::Body);
        // A label that names no company goes on with the risks.
        let d = doc(&[
            (&format!("一、行业概况{body}"), None),
            (
                "风险提示:新产品推出不及预期。政策风险:集采降价幅度超预期。",
                None,
            ),
            (&body, None),
        ]);
        assert_eq!(d.at("集采降价幅度超预期"), Section::Risk);
    }

    #[test]
    fn a_companys_risk_list_ends_where_the_next_company_and_its_ticker_open() {
        // 某某光电 is in no table: its ticker in brackets names it a company.
        let body = "行业需求稳步增长,公司市场份额持续提升。".repeat(60);
        let d = doc(&[
            (&format!("一、行业概况{body}"), None),
            (
                "风险提示:原材料涨价;下游需求不及预期。某某光电(300000ch,买入,目标价:10元)某某光电成立于2005年,主营光学元件。",
                None,
            ),
            (&body, None),
        ]);
        assert_eq!(d.at("下游需求不及预期"), Section::Risk);
        assert_eq!(d.at("主营光学元件"), Section::Body);
    }

    #[test]
    fn a_risk_chapter_ends_at_its_last_sentence_not_in_the_residue_after_it() {
        let body = "行业需求稳步增长,公司市场份额持续提升。".repeat(60);
        let d = doc(&[
            (&format!("4.投资建议{body}"), None),
            (
                "5.风险提示需求不及预期:若需求不及预期,将影响行业景气。",
                None,
            ),
            ("5.0%7.1%81.9%0.0%20.0%40.0%60.0%", TABLE),
            ("某甲科技某乙光电某丙显示", None),
            ("请务必阅读本报告最后一页的免责声明", FURNITURE),
            (
                &format!("分析师声明本人具有证券投资咨询执业资格。{body}"),
                None,
            ),
        ]);
        assert_eq!(d.at("若需求不及预期"), Section::Risk);
        assert_ne!(d.at("某甲科技某乙光电"), Section::Risk);
        // A rule of dashes and a page header after the last sentence.
        let d = doc(&[
            (&format!("投资要点{body}"), None),
            ("某某证券|请务必阅读正文之后的免责声明", FURNITURE),
            (&format!("一、行业概况{body}"), None),
            (
                "风险提示。政策执行不及预期,行业竞争加剧。行业研究〃某某行业",
                None,
            ),
            ("请务必阅读正文之后的信息披露和法律声明2", FURNITURE),
            (
                &format!("分析师声明本人具有证券投资咨询执业资格。{body}"),
                None,
            ),
        ]);
        assert_eq!(d.at("行业竞争加剧"), Section::Risk);
        assert_ne!(d.at("行业研究〃某某行业"), Section::Risk);
    }

    #[test]
    fn an_advice_chapter_ends_at_its_last_sentence_not_in_the_chart_after_it() {
        let body = "行业需求稳步增长,公司市场份额持续提升。".repeat(60);
        let d = doc(&[
            (&format!("3.行业概况{body}"), None),
            (
                "4.投资建议受需求推动,行业景气上行,重点推荐某甲生物、某乙制药。",
                None,
            ),
            ("0.0010.0020.0030.002016h12016h22017h146.9943.20", TABLE),
            ("某甲某乙某丙某丁32.06%29.47%", None),
            ("请务必阅读最后一页股票评级说明和免责声明", FURNITURE),
            (&format!("5.风险提示疫情变化风险。{body}"), None),
        ]);
        assert_eq!(d.at("重点推荐某甲生物"), Section::Advice);
        assert_ne!(d.at("某甲某乙某丙某丁"), Section::Advice);
    }

    #[test]
    fn a_forecast_tables_title_after_a_bullet_is_the_tables() {
        let summary = "■公司收入稳步增长,毛利率持续提升,费用率稳中有降。".repeat(12);
        let d = doc(&[
            ("投资要点", None),
            (&summary, None),
            (
                "风险提示:政策推进不及预期;药品质量风险等。重点公司业绩一览公司名称",
                None,
            ),
            (FORECAST, TABLE),
            ("某某证券|请务必阅读正文之后的免责声明", FURNITURE),
            (&format!("一、公司概况{}", "正文内容。".repeat(300)), None),
        ]);
        assert_eq!(d.at("药品质量风险"), Section::Risk);
        assert_eq!(d.at("重点公司业绩一览"), Section::Forecast);
    }

    #[test]
    fn a_forecast_tables_title_naming_ratings_is_the_tables() {
        let summary = "■公司收入稳步增长,毛利率持续提升,费用率稳中有降。".repeat(12);
        let d = doc(&[
            ("投资要点", None),
            (&summary, None),
            (
                "投资建议:行业集中度将进一步提高,推荐某某医疗。重点公司盈利预测及投资评级公司公司投资昨收盘",
                None,
            ),
            (FORECAST, TABLE),
            ("某某证券|请务必阅读正文之后的免责声明", FURNITURE),
            (&format!("一、公司概况{}", "正文内容。".repeat(300)), None),
        ]);
        assert_eq!(d.at("推荐某某医疗"), Section::Advice);
        assert_eq!(d.at("重点公司盈利预测"), Section::Forecast);
    }

    #[test]
    fn a_table_right_after_a_bullet_takes_its_long_title() {
        let summary = "■公司收入稳步增长,毛利率持续提升,费用率稳中有降。".repeat(12);
        let d = doc(&[
            ("投资要点", None),
            (&summary, None),
            (
                "投资建议:建议持续关注创新药械、生物制品与连锁药店板块。核心组合(截至11.30)代码公司年初至今累计涨幅相对行业收益",
                None,
            ),
            ("600000.sh某某医药18.18%-19.78%", TABLE),
            ("某某证券|请务必阅读正文之后的免责声明", FURNITURE),
            (&format!("一、公司概况{}", "正文内容。".repeat(300)), None),
        ]);
        assert_eq!(d.at("连锁药店板块"), Section::Advice);
        assert_ne!(d.at("核心组合"), Section::Advice);
    }

    #[test]
    fn an_advice_list_goes_on_over_an_item_headed_by_its_own_word() {
        let body = "行业需求稳步增长,公司市场份额持续提升。".repeat(60);
        let d = doc(&[
            ("投资要点", None),
            (
                &"■公司收入稳步增长,毛利率持续提升,费用率稳中有降。".repeat(12),
                None,
            ),
            ("某某证券|请务必阅读正文之后的免责声明", FURNITURE),
            (&format!("一、行业概况{body}"), None),
            (
                "二、投资建议(1)半导体:建议关注设计龙头某某微电子等。(2)被动件建议关注某某科技;(3)面板建议关注某某光电。",
                None,
            ),
            (&format!("三、风险提示需求不及预期。{body}"), None),
        ]);
        assert_eq!(d.at("(2)被动件"), Section::Advice);
    }

    #[test]
    fn a_bullets_own_list_ends_at_a_label_with_a_list_of_its_own() {
        let summary = "■公司收入稳步增长,毛利率持续提升,费用率稳中有降。".repeat(12);
        let d = doc(&[
            ("投资要点", None),
            (&summary, None),
            ("评级面临的主要风险■产品价格下降,行业竞争加剧。", None),
            (
                "重点推荐■重点推荐某甲生物、某乙制药,建议关注某丙血液。",
                None,
            ),
            ("某某证券|请务必阅读正文之后的免责声明", FURNITURE),
            (&format!("一、公司概况{}", "正文内容。".repeat(300)), None),
        ]);
        assert_eq!(d.at("行业竞争加剧"), Section::Risk);
        assert_ne!(d.at("重点推荐■"), Section::Risk);
    }

    #[test]
    fn an_unnumbered_heading_in_a_chapter_ends_at_the_next_number() {
        let body = "行业需求稳步增长,公司市场份额持续提升。".repeat(30);
        let d = doc(&[
            (&format!("2.3.1、公司动态{body}"), None),
            (
                "盈利预测与投资评级:我们预计公司净利润稳步增长,维持买入评级。",
                None,
            ),
            (&format!("2.3.2、公司公告{body}"), None),
        ]);
        assert_eq!(d.at("我们预计公司净利润"), Section::Advice);
        assert_eq!(d.at("2.3.2、公司公告"), Section::Body);
    }

    #[test]
    fn a_section_ends_after_its_page_footer_and_a_footer_points_to_the_next() {
        let body = "行业需求稳步增长,公司市场份额持续提升。".repeat(60);
        let d = doc(&[
            (&body, None),
            ("5.风险提示下游需求不及预期的风险。", None),
            ("某某研究-21-敬请参阅最后一页特别声明特别声明", FURNITURE),
            (":某某证券股份有限公司具备证券投资咨询业务资格。", None),
        ]);
        assert_eq!(d.at("某某研究-21-"), Section::Risk);
        assert_eq!(d.at(":某某证券股份有限公司"), Section::Disclaimer);
    }

    #[test]
    fn a_front_page_bullet_cut_by_a_chart_goes_on_after_it() {
        let summary = "■公司收入稳步增长,毛利率持续提升,费用率稳中有降。".repeat(12);
        let d = doc(&[
            ("投资要点", None),
            (&summary, None),
            (
                "风险提示:原材料价格波动的风险,下游需求不及预期的风险,",
                None,
            ),
            ("-20%0%20%40%19-0119-0419-0719-10某某指数沪深300", TABLE),
            ("某某证券|请务必阅读正文之后的免责声明", FURNITURE),
            ("行业竞争加剧的风险。", None),
            ("某某证券|请务必阅读正文之后的免责声明", FURNITURE),
            (&format!("目录{}", "正文内容。".repeat(300)), None),
        ]);
        assert_eq!(d.at("下游需求不及预期"), Section::Risk);
        assert_eq!(d.at("行业竞争加剧的风险"), Section::Risk);
        assert_eq!(d.at("-20%0%20%"), Section::Cover);
    }

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
        // A name after the separator that starts like a unit is a chapter's
        // (`5.7、万某科技`); a unit right after the number is a quantity.
        assert_eq!(
            levels("价格波动风险。5.7、万某科技公司概况。5.7万台设备。"),
            vec![("5.7、".to_string(), 2)]
        );
        // Glued after a list without its sentence end: the next number of
        // the one before, not another figure.
        assert_eq!(
            levels(
                "。6.2.某某高科公司概况。风险提示:订单低于预期6.3.某某科技公司概况,毛利6.8.甲乙"
            ),
            vec![("6.2.".to_string(), 2), ("6.3.".to_string(), 2)]
        );
    }
}
