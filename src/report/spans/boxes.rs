//! Forecast boxes the layout reads as prose: a front page's table of key
//! companies with their estimates and ratings (`重点公司20e21e评级某某科技
//! 1.201.55买入…`) glued between a template's markers, which the layout
//! takes for page furniture around a short run of text, not for a table.
//! Its header row (estimate years, then the rating column) and its rows
//! (figures, then a rating) say what it is; a reader marks it `forecast`
//! like the same box found as a table.

use crate::report::cover::RATINGS;
use crate::text::chars::is_han;
use std::ops::Range;

/// A box's title before its header row, at most (`重点公司`).
const MAX_TITLE: usize = 12;
/// A row (a company's name, its figures and rating), at most.
const MAX_ROW: usize = 40;
/// The note after the last row (`注:带星号为市场预期,`), at most.
const MAX_NOTE: usize = 40;

/// The forecast boxes in `chars[..limit]` outside `tables` (boxes the
/// layout found) and `barriers` (cover blocks, page furniture): from the
/// title to the last row, with the note after it when the box ends there
/// (a barrier within [`MAX_NOTE`]).
pub(super) fn glued_boxes(
    chars: &[char],
    limit: usize,
    tables: &[Range<usize>],
    barriers: &[Range<usize>],
) -> Vec<Range<usize>> {
    let limit = limit.min(chars.len());
    let inside = |i: usize, rs: &[Range<usize>]| rs.iter().any(|r| r.contains(&i));
    let mut out = Vec::new();
    let mut i = 0;
    while i < limit {
        let Some(header_end) = header_row_at(chars, i) else {
            i += 1;
            continue;
        };
        if inside(i, tables) || inside(i, barriers) {
            i = header_end;
            continue;
        }
        // Rows: each ends with a rating, the next within a row's length,
        // no sentence end or barrier between.
        let mut end = header_end;
        let mut rows = 0;
        while let Some(next) = rating_within(chars, end, MAX_ROW) {
            if (end..next).any(|k| inside(k, barriers) || chars[k] == '。') {
                break;
            }
            end = next;
            rows += 1;
        }
        if rows < 2 {
            i = header_end;
            continue;
        }
        let title = (i.saturating_sub(MAX_TITLE)..i)
            .rev()
            .take_while(|&k| is_han(chars[k]) && !inside(k, barriers))
            .last()
            .unwrap_or(i);
        let note = ["注", "备注", "资料来源", "数据来源"]
            .iter()
            .any(|w| chars[end..].starts_with(&w.chars().collect::<Vec<_>>()));
        if note {
            if let Some(b) = barriers
                .iter()
                .map(|b| b.start)
                .filter(|&s| s > end && s - end <= MAX_NOTE)
                .min()
            {
                if !chars[end..b].contains(&'。') {
                    end = b;
                }
            }
        }
        out.push(title..end);
        i = end;
    }
    out
}

/// The end of a header row at `i`: two estimate years glued (`18e19e`,
/// `2020e2021e`), then the rating column (`评级`).
fn header_row_at(chars: &[char], i: usize) -> Option<usize> {
    if i > 0 && chars[i - 1].is_ascii_digit() {
        return None;
    }
    let mut k = i;
    for _ in 0..2 {
        let d = chars[k..]
            .iter()
            .take(5)
            .take_while(|c| c.is_ascii_digit())
            .count();
        if !(d == 2 || d == 4 && matches!(chars[k], '1' | '2')) || chars.get(k + d) != Some(&'e') {
            return None;
        }
        k += d + 1;
    }
    chars[k..].starts_with(&['评', '级']).then_some(k + 2)
}

/// The end of the first rating starting within `max` characters after
/// `from` (the longer ratings first: `审慎增持` is one).
fn rating_within(chars: &[char], from: usize, max: usize) -> Option<usize> {
    (from..(from + max).min(chars.len())).find_map(|k| {
        RATINGS.iter().find_map(|r| {
            let r: Vec<char> = r.chars().collect();
            chars[k..].starts_with(&r).then_some(k + r.len())
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn boxes(text: &str, barriers: &[Range<usize>]) -> Vec<String> {
        let chars: Vec<char> = text.chars().collect();
        glued_boxes(&chars, chars.len(), &[], barriers)
            .into_iter()
            .map(|r| chars[r].iter().collect())
            .collect()
    }

    #[test]
    fn a_box_of_companies_with_estimates_and_ratings_between_markers() {
        let text = "推荐(#change#维持)重点公司20e21e评级甲乙医药1.201.55买入丙丁生物0.660.81审慎增持注:带星号为市场预期,#related#相关报告";
        let chars: Vec<char> = text.chars().collect();
        let at = |w: &str| {
            let w: Vec<char> = w.chars().collect();
            chars
                .windows(w.len())
                .position(|x| x == w.as_slice())
                .unwrap()
        };
        let barriers = [at("#change#")..at("维持"), at("#related#")..at("相关报告")];
        assert_eq!(
            boxes(text, &barriers),
            ["重点公司20e21e评级甲乙医药1.201.55买入丙丁生物0.660.81审慎增持注:带星号为市场预期,"]
        );
        // One row, or a header without a rating column, is no such box.
        assert!(boxes("重点公司20e21e评级甲乙医药1.201.55买入。", &[]).is_empty());
        assert!(boxes(
            "营收20e21e增长甲乙医药1.201.55买入丙丁生物0.660.81增持",
            &[]
        )
        .is_empty());
        // A sentence end between rows: prose that names ratings.
        assert!(boxes("重点公司20e21e评级甲乙医药买入。我们认为丙丁生物增持", &[]).is_empty());
    }
}
