//! What a template or a download site prints into a report's text:
//! template markers (`[Table_Title]`), download stamps, URLs, watermarks;
//! and what a chart leaves glued onto the text around it (its axis labels).

use super::page_numbers::digits_from;
use std::ops::Range;

/// Template markers: `[table_title]`, `table_page`, `headertable_typetitle`,
/// `#createtime1#` (normalized: lowercase).
pub(crate) fn markers(chars: &[char], spans: &mut Vec<Range<usize>>) {
    const WORD: [char; 6] = ['t', 'a', 'b', 'l', 'e', '_'];
    let is_id = |c: char| c.is_ascii_alphanumeric() || c == '_';
    let mut i = 0;
    while i + WORD.len() < chars.len() {
        if chars[i] == 't' && chars[i..].starts_with(&WORD) {
            let mut start = i;
            while start > 0 && chars[start - 1].is_ascii_alphabetic() {
                start -= 1;
            }
            let mut end = i + WORD.len();
            while end < chars.len() && is_id(chars[end]) {
                end += 1;
            }
            if start > 0 && chars[start - 1] == '[' {
                start -= 1;
                if chars.get(end) == Some(&']') {
                    end += 1;
                }
            }
            spans.push(start..end);
            i = end;
            continue;
        }
        if chars[i] == '#' || chars[i] == '＃' {
            let close =
                (i + 1..(i + 24).min(chars.len())).find(|&j| matches!(chars[j], '#' | '＃'));
            if let Some(j) = close {
                if j > i + 1 && chars[i + 1..j].iter().all(|&c| c.is_ascii_alphanumeric()) {
                    spans.push(i..j + 1);
                    i = j + 1;
                    continue;
                }
            }
        }
        i += 1;
    }
}

/// Download-site stamps: `27040764/47054/2020062319:29` (a user number, a
/// site number, a download time), and `全文链接：http…`.
pub(crate) fn stamps(chars: &[char], spans: &mut Vec<Range<usize>>) {
    let mut i = 0;
    while i < chars.len() {
        let a = digits_from(chars, i);
        if a >= 5 && (i == 0 || !chars[i - 1].is_ascii_digit()) {
            let j = i + a;
            if chars.get(j) == Some(&'/') {
                let b = digits_from(chars, j + 1);
                let k = j + 1 + b;
                if b >= 2 && chars.get(k) == Some(&'/') {
                    let c = digits_from(chars, k + 1);
                    if c >= 8 {
                        let mut end = k + 1 + c;
                        if chars.get(end) == Some(&':') && digits_from(chars, end + 1) == 2 {
                            end += 3;
                        }
                        spans.push(i..end);
                        i = end;
                        continue;
                    }
                }
            }
            i += a;
            continue;
        }
        i += 1;
    }
    const LINK: [char; 4] = ['全', '文', '链', '接'];
    let mut i = 0;
    while i + LINK.len() < chars.len() {
        if chars[i] == '全' && chars[i..].starts_with(&LINK) {
            let mut end = i + LINK.len();
            if matches!(chars.get(end), Some(':' | '：')) {
                end += 1;
            }
            while end < chars.len() && chars[end] == ' ' {
                end += 1;
            }
            while end < chars.len() && (chars[end].is_ascii_graphic()) {
                end += 1;
            }
            spans.push(i..end);
            i = end;
            continue;
        }
        i += 1;
    }
}

/// Web addresses (`http://…`, `www.…`): a broker's site on every page, a
/// download site's stamp; never something to read.
pub(crate) fn urls(chars: &[char], spans: &mut Vec<Range<usize>>) {
    let url_char = |c: char| c.is_ascii_alphanumeric() || "./:_-?=&%#~+".contains(c);
    let mut i = 0;
    while i + 4 < chars.len() {
        if !chars[i].is_ascii_alphanumeric() {
            i += 1;
            continue;
        }
        let http = chars[i] == 'h'
            && chars[i..].starts_with(&['h', 't', 't', 'p'])
            && matches!(chars[i + 4], ':' | 's');
        let www = chars[i] == 'w'
            && chars[i..].starts_with(&['w', 'w', 'w', '.'])
            && (i == 0 || !url_char(chars[i - 1]));
        let domain = (i == 0 || !url_char(chars[i - 1])) && is_domain_at(chars, i);
        if http || www || domain {
            let mut end = i;
            while end < chars.len() && url_char(chars[end]) {
                end += 1;
            }
            // A trailing dot or colon ends the sentence, not the address.
            while end > i && matches!(chars[end - 1], '.' | ':' | '-') {
                end -= 1;
            }
            if end - i >= 8 {
                spans.push(i..end);
            }
            i = end.max(i + 1);
            continue;
        }
        i += 1;
    }
}

/// Whether a bare domain (`swsc.com.cn`, `research.stocke.com.cn`) starts
/// at `i`: labels of letters and digits joined by dots, ending in a common
/// top-level domain.
pub(crate) fn is_domain_at(chars: &[char], i: usize) -> bool {
    let len = chars[i..]
        .iter()
        .take(64)
        .take_while(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-'))
        .count();
    let mut run = &chars[i..i + len];
    while let [rest @ .., '.'] = run {
        run = rest;
    }
    // Cheap refusals first: no dot, or a first label without a letter.
    let Some(first_dot) = run.iter().position(|&c| c == '.') else {
        return false;
    };
    if first_dot == 0 || !run[..first_dot].iter().any(|c| c.is_ascii_alphabetic()) {
        return false;
    }
    let last_dot = run.iter().rposition(|&c| c == '.').unwrap_or(first_dot);
    let tld = &run[last_dot + 1..];
    let labels_ok = !run.windows(2).any(|w| w == ['.', '.']);
    labels_ok
        && matches!(
            tld,
            ['c', 'o', 'm'] | ['c', 'n'] | ['n', 'e', 't'] | ['o', 'r', 'g']
        )
}

/// Watermarks: long runs of Latin letters and digits mixed, with no space,
/// that no word or code looks like (`udawmde3mdy3ntiwmjax…`, an encoded
/// copy number). URLs and e-mail addresses have dots, slashes or `@`.
pub(crate) fn watermarks(chars: &[char], spans: &mut Vec<Range<usize>>) {
    const MIN: usize = 24;
    let mut i = 0;
    while i < chars.len() {
        if !chars[i].is_ascii_alphanumeric() {
            i += 1;
            continue;
        }
        let j = i + chars[i..]
            .iter()
            .take_while(|c| c.is_ascii_alphanumeric())
            .count();
        let run = &chars[i..j];
        let digits = run.iter().filter(|c| c.is_ascii_digit()).count();
        let letters = run.len() - digits;
        // English words glued together (`thecompanyreported…`) have vowels.
        let vowels = run
            .iter()
            .filter(|c| matches!(c, 'a' | 'e' | 'i' | 'o' | 'u'))
            .count();
        let attached = matches!(chars.get(j), Some('@' | '.' | '/' | '_' | '-'))
            || (i > 0 && matches!(chars[i - 1], '@' | '.' | '/' | '_' | '-'));
        if run.len() >= MIN
            && digits >= 2
            && letters * 3 >= run.len()
            && vowels * 4 < letters
            && !attached
        {
            spans.push(i..j);
        }
        i = j;
    }
}

/// Ticks of an axis at least this many: fewer could be two or three
/// figures of a sentence written without separators.
const MIN_TICKS: usize = 4;

/// A chart's axis labels glued onto the text around the chart (`…安全性评价
/// 和-50%0%50%100%`, `-20%0%20%40%60%`): percentages written one after the
/// other with nothing between them, four or more, at equal steps. A
/// sentence separates its figures by words or commas, and its figures are
/// not evenly spaced; an axis is. Consecutive years glued right after the
/// ticks (`201720182019`) are the other axis.
pub(crate) fn axis_ticks(chars: &[char], spans: &mut Vec<Range<usize>>) {
    let mut i = 0;
    while i < chars.len() {
        if chars[i] != '%' {
            i += 1;
            continue;
        }
        // The first tick ends at this `%`: find where it starts.
        let Some(first) = tick_before(chars, i) else {
            i += 1;
            continue;
        };
        let mut values = vec![first.1];
        let mut end = i + 1;
        while let Some((next_end, value)) = tick_from(chars, end) {
            values.push(value);
            end = next_end;
        }
        let step = values.get(1).map(|v| v - values[0]);
        let even = step.is_some_and(|s| {
            s.abs() > f64::EPSILON && values.windows(2).all(|w| ((w[1] - w[0]) - s).abs() < 1e-6)
        });
        if values.len() >= MIN_TICKS && even {
            spans.push(first.0..years_after(chars, end));
        }
        i = end.max(i + 1);
    }
}

/// The start and value of the percentage ending with the `%` at `at`
/// (`-20%`, `12.5%`), when it starts at a non-figure or right after another
/// percentage.
fn tick_before(chars: &[char], at: usize) -> Option<(usize, f64)> {
    let mut start = at;
    while start > 0 && (chars[start - 1].is_ascii_digit() || chars[start - 1] == '.') {
        start -= 1;
    }
    if start == at || chars[start] == '.' {
        return None;
    }
    if start > 0 && chars[start - 1] == '-' {
        start -= 1;
    }
    let value = chars[start..at].iter().collect::<String>().parse().ok()?;
    Some((start, value))
}

/// The end (after its `%`) and value of a percentage starting at `at`.
fn tick_from(chars: &[char], at: usize) -> Option<(usize, f64)> {
    let sign = usize::from(chars.get(at) == Some(&'-'));
    let digits = chars
        .get(at + sign..)?
        .iter()
        .take(12)
        .take_while(|c| c.is_ascii_digit() || **c == '.')
        .count();
    if digits == 0
        || !chars[at + sign].is_ascii_digit()
        || chars.get(at + sign + digits) != Some(&'%')
    {
        return None;
    }
    let end = at + sign + digits;
    let value = chars[at..end].iter().collect::<String>().parse().ok()?;
    Some((end + 1, value))
}

/// The end of a run of consecutive years (`201720182019`, two or more)
/// starting at `at`, or `at`.
fn years_after(chars: &[char], at: usize) -> usize {
    let year = |k: usize| -> Option<u32> {
        let digits = chars.get(k..k + 4)?;
        if !matches!(digits[0], '1' | '2') || !digits.iter().all(|c| c.is_ascii_digit()) {
            return None;
        }
        digits.iter().collect::<String>().parse().ok()
    };
    let mut end = at;
    let mut previous: Option<u32> = None;
    let mut count = 0;
    while let Some(y) = year(end) {
        if previous.is_some_and(|p| y != p + 1) {
            break;
        }
        previous = Some(y);
        end += 4;
        count += 1;
    }
    if count >= 2 && !chars.get(end).is_some_and(|c| c.is_ascii_digit()) {
        end
    } else {
        at
    }
}
