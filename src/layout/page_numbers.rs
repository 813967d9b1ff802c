//! Page numbers beside a running header or footer: `13/14`, `69 of 71`,
//! `- 2 -`, `第3页`, told apart from quantities (`3/5家`, `10/20亿元`).

use super::furniture::Side;

/// Past a page number that starts at `at` going towards `side`: `12`,
/// `1/18`, `-3-`, `第2页共3页`, `page2`, `12of71`. Digits count only as
/// a number of at most three followed (or preceded) by something that is
/// not a digit, a decimal point, a unit or a percent sign.
pub(crate) fn skip_page_number(chars: &[char], at: usize, side: Side) -> usize {
    match side {
        Side::Right => page_number_after(chars, at),
        Side::Left => page_number_before(chars, at),
    }
}

pub(crate) fn digits_from(chars: &[char], at: usize) -> usize {
    chars[at.min(chars.len())..]
        .iter()
        .take_while(|c| c.is_ascii_digit())
        .count()
}

/// The value of a run of ASCII digits (saturating; no digits: 0).
pub(crate) fn value_of(digits: &[char]) -> u32 {
    digits.iter().fold(0u32, |v, c| {
        v.saturating_mul(10) + c.to_digit(10).unwrap_or(0)
    })
}

pub(crate) fn digits_before(chars: &[char], at: usize) -> usize {
    chars[..at]
        .iter()
        .rev()
        .take_while(|c| c.is_ascii_digit())
        .count()
}

/// Digits of the page number a run of dashes leads to at `at` (a table of
/// contents' leader, or a printed page rule before the next page's
/// number): one to three, then neither another digit, a dash, nor the dot
/// or `、` of a heading's number (`-----1.2行业发展` is a heading). 0 when
/// there is none.
pub(crate) fn number_after_dashes(chars: &[char], at: usize) -> usize {
    let digits = digits_from(chars, at);
    let page = (1..=3).contains(&digits)
        && chars
            .get(at + digits)
            .is_none_or(|c| !c.is_ascii_digit() && !matches!(c, '-' | '.' | '、'));
    if page {
        digits
    } else {
        0
    }
}

/// Characters that make a number a quantity rather than a page number.
pub(crate) fn quantity_after(c: Option<&char>) -> bool {
    matches!(
        c,
        Some(
            '.' | '%'
                | '年'
                | '月'
                | '日'
                | '亿'
                | '万'
                | '元'
                | '倍'
                | '个'
                | ','
                | '家'
                | '只'
                | '季'
                | 'e'
                | 'a'
                | 'q'
                | 'h'
        )
    )
}

pub(crate) fn page_number_after(chars: &[char], at: usize) -> usize {
    let get = |i: usize| chars.get(i);
    let mut i = at;
    while get(i) == Some(&' ') {
        i += 1;
    }
    // 第2页共3页
    if get(i) == Some(&'第') {
        let d = digits_from(chars, i + 1);
        if (1..=3).contains(&d) && get(i + 1 + d) == Some(&'页') {
            let mut j = i + 2 + d;
            if get(j) == Some(&'共') {
                let d2 = digits_from(chars, j + 1);
                if (1..=3).contains(&d2) && get(j + 1 + d2) == Some(&'页') {
                    j += 2 + d2;
                }
            }
            return j;
        }
        return at;
    }
    // p.19
    if chars[i.min(chars.len())..].starts_with(&['p', '.']) && !latin_before(chars, i) {
        let d = digits_from(chars, i + 2);
        if (1..=3).contains(&d) && !quantity_after(get(i + 2 + d)) {
            return i + 2 + d;
        }
        return at;
    }
    // page2, page 2
    if chars[i.min(chars.len())..].starts_with(&['p', 'a', 'g', 'e']) {
        let mut j = i + 4;
        while get(j) == Some(&' ') {
            j += 1;
        }
        let d = digits_from(chars, j);
        return if (1..=3).contains(&d) { j + d } else { at };
    }
    // -3-
    if get(i) == Some(&'-') {
        let d = digits_from(chars, i + 1);
        if (1..=3).contains(&d) && get(i + 1 + d) == Some(&'-') {
            return i + 2 + d;
        }
        return at;
    }
    let d = digits_from(chars, i);
    if !(1..=3).contains(&d) {
        return at;
    }
    let mut j = i + d;
    // 1/18, 69of71
    let sep = if get(j) == Some(&'/') {
        1
    } else if chars[j.min(chars.len())..].starts_with(&['o', 'f']) {
        2
    } else {
        0
    };
    if sep > 0 {
        let d2 = digits_from(chars, j + sep);
        if (1..=3).contains(&d2) && !quantity_after(get(j + sep + d2)) {
            return j + sep + d2;
        }
    }
    if quantity_after(get(j)) {
        return at;
    }
    j = i + d;
    j
}

pub(crate) fn page_number_before(chars: &[char], at: usize) -> usize {
    let mut i = at;
    while i > 0 && chars[i - 1] == ' ' {
        i -= 1;
    }
    // -3-
    if i > 0 && chars[i - 1] == '-' {
        let d = digits_before(chars, i - 1);
        if (1..=3).contains(&d) && i >= d + 2 && chars[i - 2 - d] == '-' {
            return i - 2 - d;
        }
        return at;
    }
    // 1/18 (the current page and the count)
    let d = digits_before(chars, i);
    if !(1..=3).contains(&d) {
        return at;
    }
    let j = i - d;
    if j >= 2 && chars[j - 1] == '/' {
        let d1 = digits_before(chars, j - 1);
        // Not the end of a date (`2020/9/28`).
        let k = j - 1 - d1;
        if (1..=3).contains(&d1) && (k == 0 || !matches!(chars[k - 1], '/' | '-' | '.')) {
            return k;
        }
    }
    // `p.19`: a page's number after its date (`2031年03月28日p.19`).
    if j >= 2 && chars[j - 1] == '.' && chars[j - 2] == 'p' && !latin_before(chars, j - 2) {
        return j - 2;
    }
    // A bare number: not the end of a larger number or a decimal.
    if j == 0 || !matches!(chars[j - 1], '.' | '%' | ',' | '/' | '-') {
        return j;
    }
    at
}

/// Whether a Latin letter precedes `chars[at]` (`step.2` is no page).
fn latin_before(chars: &[char], at: usize) -> bool {
    at > 0 && chars[at - 1].is_ascii_alphabetic()
}
