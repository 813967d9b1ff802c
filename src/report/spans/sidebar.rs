//! A front-page bullet that the cover's sidebar cuts: some templates print
//! the analysts, rating box and stock list in a column beside the summary,
//! and the extraction glues that column into the middle of a sentence
//! (`投资策略一方面,…将加大对公共卫生` + contacts + rating + footer +
//! `体系、疾控体系…推荐某某。`). A reader reads the bullet on past the page
//! end to its sentence's end, so the bullet's span goes on there too,
//! instead of leaving that text to the summary.

use super::{cut_mid_sentence, goes_on, skip_forward};
use crate::layout::BlockLayout;
use crate::report::{Heading, Section};
use std::ops::Range;

/// Characters looked back for the comma of a sentence under way.
const MAX_SENTENCE: usize = 200;

/// Where the bullet that ended at `end`, cut mid-sentence, goes on after
/// the cover column and the page end: from the first text after the page's
/// footer to the end of that sentence's paragraph (the next heading, bullet,
/// chart or page end). Only when a cover block lies between (the column),
/// no heading of a section opens there, and the text after the footer is
/// the rest of a sentence; never past the front page.
pub(super) fn resumed(
    chars: &[char],
    headings: &[Heading],
    layout: &BlockLayout,
    covers: &[Range<usize>],
    end: usize,
    front_end: usize,
) -> Option<Range<usize>> {
    let n = chars.len();
    if end == 0 || end >= front_end || !cut_mid_sentence(chars, layout, covers, end) {
        return None;
    }
    // A sentence under way has a comma since the last sentence end; a list
    // of risks or names without a full stop (`…需求不及预期、竞争加剧`) may
    // simply be over.
    let since = (0..end)
        .rev()
        .take(MAX_SENTENCE)
        .take_while(|&i| !matches!(chars[i], '。' | ':' | '!' | '?'))
        .any(|i| chars[i] == ',');
    if !since {
        return None;
    }
    // (The column is the first cover block after the cut. The page ends at
    // a footer after it where the sentence goes on; the column's own
    // markers and short lines are furniture too, and the column holds no
    // sentence of its own.)
    let column = covers
        .iter()
        .find(|c| c.start >= end && c.start < front_end)?;
    let skipped = |i: usize| {
        covers
            .iter()
            .chain(&layout.furniture)
            .chain(&layout.tables)
            .any(|r| r.contains(&i))
    };
    let mut resume = None;
    for f in layout
        .furniture
        .iter()
        .filter(|f| f.start >= column.end && f.end < front_end)
    {
        if (column.end..f.start).any(|i| chars[i] == '。' && !skipped(i)) {
            return None;
        }
        let r = skip_forward(f.end, layout, covers, n);
        if r < front_end && goes_on(chars, layout, r, front_end) {
            resume = Some((f.start, r));
            break;
        }
    }
    let (footer, resume) = resume?;
    // (A heading in the column, `相关报告…投资策略:…`, is a title the
    // column lists, not a section.)
    let headed = headings.iter().any(|h| {
        h.section != Section::Body && h.start >= end && h.start < footer && !skipped(h.start)
    });
    if headed {
        return None;
    }
    let next_heading = headings.iter().find(|h| h.start > resume).map(|h| h.start);
    let next_bullet = (resume..front_end).find(|&i| crate::report::scan::is_bullet(chars[i]));
    let next_block = layout
        .tables
        .iter()
        .chain(&layout.furniture)
        .chain(covers)
        .filter(|r| r.start > resume)
        .map(|r| r.start)
        .min();
    let stop = [next_heading, next_bullet, next_block]
        .into_iter()
        .flatten()
        .fold(front_end, usize::min);
    let stop = super::ends::trim_tail(chars, resume, stop);
    (resume < stop).then_some(resume..stop)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chars(s: &str) -> Vec<char> {
        s.chars().collect()
    }

    /// The text of `parts` with the ranges of the parts marked `c` (cover)
    /// and `f` (furniture).
    fn build(parts: &[(&str, char)]) -> (Vec<char>, BlockLayout, Vec<Range<usize>>) {
        let mut text = Vec::new();
        let mut layout = BlockLayout::default();
        let mut covers = Vec::new();
        for (p, kind) in parts {
            let r = text.len()..text.len() + p.chars().count();
            match kind {
                'c' => covers.push(r),
                'f' => layout.furniture.push(r),
                _ => {}
            }
            text.extend(chars(p));
        }
        (text, layout, covers)
    }

    #[test]
    fn a_bullet_cut_by_the_cover_column_goes_on_after_the_page_end() {
        let (text, layout, covers) = build(&[
            (
                "投资建议:我们认为行业格局持续优化,龙头公司有望充分受益于集中度的提升",
                't',
            ),
            ("分析师:张三执业证书编号:S0000000000000电话:0000000", 'c'),
            ("请务必阅读正文之后的免责声明第1页", 'f'),
            ("和渠道的下沉,推荐某某科技、某某电子。", 't'),
            ("风险提示:需求不及预期。", 't'),
            ("请务必阅读正文之后的免责声明第2页", 'f'),
        ]);
        let end = covers[0].start;
        let front_end = text.len() - 17;
        let risk = text.iter().position(|&c| c == '风').unwrap();
        let heading = Heading {
            start: risk,
            end: risk + 4,
            text: "风险提示".into(),
            section: Section::Risk,
        };
        let r = resumed(&text, &[heading], &layout, &covers, end, front_end).unwrap();
        assert_eq!(
            text[r].iter().collect::<String>(),
            "和渠道的下沉,推荐某某科技、某某电子。"
        );
    }

    #[test]
    fn a_finished_sentence_or_no_cover_column_does_not_go_on() {
        // The bullet ended its sentence before the column.
        let (text, layout, covers) = build(&[
            (
                "投资建议:我们认为行业格局持续优化,龙头公司有望充分受益于集中度的提升。",
                't',
            ),
            ("分析师:张三执业证书编号:S0000000000000电话:0000000", 'c'),
            ("请务必阅读正文之后的免责声明第1页", 'f'),
            ("和渠道的下沉,推荐某某科技、某某电子。", 't'),
        ]);
        let end = covers[0].start;
        assert_eq!(resumed(&text, &[], &layout, &covers, end, text.len()), None);
        // A page end alone (no column) is the page-break rule's, not this one's.
        let (text, layout, covers) = build(&[
            (
                "投资建议:我们认为行业格局持续优化,龙头公司有望充分受益于集中度的提升",
                't',
            ),
            ("请务必阅读正文之后的免责声明第1页", 'f'),
            ("和渠道的下沉,推荐某某科技、某某电子。", 't'),
        ]);
        let end = layout.furniture[0].start;
        assert_eq!(resumed(&text, &[], &layout, &covers, end, text.len()), None);
    }
}
