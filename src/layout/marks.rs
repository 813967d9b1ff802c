//! What a template or a download site prints into a report's text:
//! template markers (`[Table_Title]`), download stamps, URLs, watermarks;
//! and what a chart leaves glued onto the text around it (its axis labels).

use super::page_numbers::{digits_from, number_after_dashes};
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

/// Characters a linked report's title runs, at most, before the next
/// item's company and code.
const MAX_LINK_TITLE: usize = 60;

/// A weekly's link to a report it summarizes, printed after the summary:
/// `点击下载全文:某某电子(002138ch,买入):期间费用结构优化`. The label, the
/// company, code and rating of the link, and the linked report's title,
/// which runs into the next item's `某某股份(002484.sz)` or a chart's
/// `资料来源`. Where the title's end cannot be told (the next company
/// is not one the built-in table names), only the label, company and
/// rating go: the title stays, as the page printed it.
pub(crate) fn download_links(chars: &[char], spans: &mut Vec<Range<usize>>) {
    const LABEL: [char; 6] = ['点', '击', '下', '载', '全', '文'];
    let mut i = 0;
    while i + LABEL.len() < chars.len() {
        if chars[i] != '点' || !chars[i..].starts_with(&LABEL) {
            i += 1;
            continue;
        }
        let mut end = i + LABEL.len();
        if chars.get(end) == Some(&':') {
            end += 1;
        }
        if let Some(head) = linked_company(chars, end) {
            end += head;
            end += linked_title(chars, end);
        }
        spans.push(i..end);
        i = end;
    }
}

/// `某某电子(002138ch,买入):` at `at`: its length.
fn linked_company(chars: &[char], at: usize) -> Option<usize> {
    let name = chars[at..]
        .iter()
        .take(11)
        .take_while(|c| crate::text::chars::is_han(**c) || c.is_ascii_alphanumeric())
        .count();
    let open = at + name;
    if !(2..=10).contains(&name) || chars.get(open) != Some(&'(') {
        return None;
    }
    if !(4..=6).contains(&digits_from(chars, open + 1)) {
        return None;
    }
    let close = open + 1 + chars[open + 1..].iter().take(16).position(|&c| c == ')')?;
    let colon = usize::from(chars.get(close + 1) == Some(&':'));
    Some(close + 1 + colon - at)
}

/// The linked report's title at `at`: up to the next item's company
/// (the built-in name of the code bracketed after it) or a chart's
/// `资料来源`; 0 when neither is near.
fn linked_title(chars: &[char], at: usize) -> usize {
    let reach = chars.len().min(at + MAX_LINK_TITLE + 12);
    for k in at..reach {
        if chars[k..].starts_with(&['资', '料', '来', '源']) {
            return k - at;
        }
        if chars[k] != '(' || digits_from(chars, k + 1) != 6 {
            continue;
        }
        let code: String = chars[k + 1..]
            .iter()
            .take(10)
            .take_while(|c| **c != ')')
            .collect();
        let Some(ticker) = crate::report::parse_ticker_query(&code) else {
            continue;
        };
        let before: String = chars[at..k].iter().collect();
        let name = crate::report::AliasTable::builtin_names_of(&ticker)
            .into_iter()
            .filter(|n| before.ends_with(n.as_str()) && n.chars().count() < before.chars().count())
            .map(|n| n.chars().count())
            .max();
        return name.map_or(0, |n| k - n - at);
    }
    0
}

/// Characters of a printed rule (`-----`), at least.
const MIN_RULE: usize = 5;

/// Dashes of a printed page rule, at least: longer than any dash a
/// sentence writes (`--`, `——`).
pub(super) const PAGE_RULE: usize = 20;

/// A table of contents' next dashed leader lies this close to one.
const LEADER_REACH: usize = 200;

/// Printed page rules (`------------…`) left between one page's text and
/// the next, often inside a sentence (`…省级、试点地区集-----…-----中采购
/// 的主基调`), or before the next page's heading (`-----1.2行业发展`) or
/// page number (`-----4从我们草根调研…`). Dashes that lead to a page
/// number with another such leader close by (`手术数量-----10图7：…-----
/// 11`) are a table of contents' leaders, and stay.
pub(crate) fn page_rules(chars: &[char], spans: &mut Vec<Range<usize>>) {
    // Each run of dashes, and whether a page number follows it (digits,
    // then neither a digit nor a heading number's dot).
    let mut runs: Vec<(Range<usize>, bool)> = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        if chars[i] != '-' {
            i += 1;
            continue;
        }
        let end = i + chars[i..].iter().take_while(|&&c| c == '-').count();
        if end - i >= MIN_RULE {
            runs.push((i..end, number_after_dashes(chars, end) > 0));
        }
        i = end;
    }
    for (k, (run, numbered)) in runs.iter().enumerate() {
        let near = |other: &(Range<usize>, bool)| {
            other.1 && other.0.start.abs_diff(run.start) <= LEADER_REACH
        };
        let leader = *numbered && (runs[..k].iter().any(near) || runs[k + 1..].iter().any(near));
        if run.len() >= PAGE_RULE && !leader {
            spans.push(run.clone());
        }
    }
}

/// Web addresses (`http://…`, `www.…`): a broker's site on every page, a
/// download site's stamp; never something to read.
pub(crate) fn urls(chars: &[char], spans: &mut Vec<Range<usize>>) {
    let url_char = |c: char| c.is_ascii_alphanumeric() || "./:_-?=&%#~+".contains(c);
    // An address starts after anything but an address's own characters; a
    // rule of dashes before it (`-----www.某站.com`) is not part of it.
    let starts_after = |k: usize| k == 0 || (chars[k - 1] == '-' || !url_char(chars[k - 1]));
    let mut i = 0;
    while i + 4 < chars.len() {
        if !chars[i].is_ascii_alphanumeric() {
            i += 1;
            continue;
        }
        let http = chars[i] == 'h'
            && chars[i..].starts_with(&['h', 't', 't', 'p'])
            && matches!(chars[i + 4], ':' | 's');
        let www =
            chars[i] == 'w' && chars[i..].starts_with(&['w', 'w', 'w', '.']) && starts_after(i);
        let domain = starts_after(i) && is_domain_at(chars, i);
        if http || www || domain {
            let mut end = i;
            // A link to a stored file may name its folders with
            // backslashes (`…/CNSESZ_STOCK\2021\2021-3\6931335.pdf`); the
            // file's extension ends it (a weekly's table glues the
            // announcement's date right after).
            while end < chars.len()
                && (url_char(chars[end])
                    || (chars[end] == '\\'
                        && chars
                            .get(end + 1)
                            .is_some_and(|c| c.is_ascii_alphanumeric())))
            {
                end += 1;
                if chars[i..end].ends_with(&['.', 'p', 'd', 'f']) {
                    break;
                }
            }
            // A trailing dot or colon ends the sentence, not the address.
            while end > i && matches!(chars[end - 1], '.' | ':' | '-') {
                end -= 1;
            }
            if end - i >= 8 {
                // A rule printed right before a stamp's address goes with it.
                let rule = chars[..i]
                    .iter()
                    .rev()
                    .take_while(|&&c| matches!(c, '-' | '—' | '_' | '='))
                    .count();
                let start = if rule >= MIN_RULE { i - rule } else { i };
                spans.push(start..end);
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

/// Characters of a credit line (`某某证券整理`), at most.
const MAX_CREDIT: usize = 12;

/// Credit lines of charts printed side by side, run together: the same
/// `…整理` two times or more in a row (`某某证券整理某某证券整理某某证券整理`).
/// One credit after a sentence may be its end (`…由本所整理`); a run of the
/// same one is the charts' source lines.
pub(crate) fn repeated_credits(chars: &[char], spans: &mut Vec<Range<usize>>) {
    let mut i = 1;
    while i + 1 < chars.len() {
        if !(chars[i] == '整' && chars[i + 1] == '理') {
            i += 1;
            continue;
        }
        let end = i + 2;
        // The credit: the shortest text before `整理` whose copy precedes it.
        let found = (2..=MAX_CREDIT).find_map(|len| {
            let start = end.checked_sub(len + 2)?;
            let credit = &chars[start..end];
            let before = start.checked_sub(len + 2)?;
            (chars[before..start] == *credit).then_some((len + 2, before))
        });
        match found {
            Some((width, mut start)) => {
                while start >= width && chars[start - width..start] == chars[start..start + width] {
                    start -= width;
                }
                let mut stop = end;
                while stop + width <= chars.len()
                    && chars[stop..stop + width] == chars[end - width..end]
                {
                    stop += width;
                }
                spans.push(start..stop);
                i = stop;
            }
            None => i += 2,
        }
    }
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
        // A dot joins a run to a URL's or an address's next part; a dot
        // before Han text is a heading's number after the page's
        // (`…nzq3192.总结`).
        let latin = |k: Option<&char>| k.is_some_and(|c| c.is_ascii_alphanumeric());
        let attached = matches!(chars.get(j), Some('@' | '/' | '_' | '-'))
            || (chars.get(j) == Some(&'.') && latin(chars.get(j + 1)))
            || (i > 0 && matches!(chars[i - 1], '@' | '/' | '_' | '-'))
            || (i > 1 && chars[i - 1] == '.' && latin(chars.get(i - 2)));
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

/// Report-type labels a template prints in a report's banner.
const LABELS: [&str; 22] = [
    "证券研究报告",
    "行业专题研究报告",
    "专题研究报告",
    "公司跟踪报告",
    "公司深度报告",
    "行业深度报告",
    "行业动态分析",
    "行业专题研究",
    "深度报告",
    "深度研究",
    "公司研究",
    "行业研究",
    "专题研究",
    "公司点评",
    "行业点评",
    "点评报告",
    "跟踪报告",
    "动态分析",
    "行业深度",
    "公司深度",
    "研究报告",
    "行业报告",
];

/// A report's banner (`公司研究|医疗保健|证券研究报告某某生物(688001)公司跟踪
/// 报告2021年03月23日`): around the words `证券研究报告`, where they are not
/// a sentence's (`本公司证券研究报告`, `出版的证券研究报告之外`), the labels,
/// `|`-separated categories, the company with its code, and the dates
/// printed with them. A title between them is the report's own text and
/// stays.
pub(crate) fn banners(chars: &[char], spans: &mut Vec<Range<usize>>) {
    const CUE: [char; 6] = ['证', '券', '研', '究', '报', '告'];
    let mut i = 0;
    while i + CUE.len() <= chars.len() {
        if chars[i] != '证' || !chars[i..].starts_with(&CUE) {
            i += 1;
            continue;
        }
        let end = i + CUE.len();
        let mut start = i;
        loop {
            if let Some(len) = label_before(chars, start).or_else(|| date_before(chars, start)) {
                start -= len;
            } else if let Some(j) = (start.saturating_sub(16)..start)
                .rev()
                .take_while(|&j| {
                    crate::text::chars::is_han(chars[j]) || matches!(chars[j], '、' | '|')
                })
                .find(|&j| chars[j] == '|')
            {
                // A category of the banner's path (`|医疗保健`), words only:
                // not a cell of a table written with bars.
                start = j;
            } else {
                break;
            }
        }
        // Alone, the words start a banner after no word and no sentence
        // (`擅自使用某某证券研究报告`, `。证券研究报告是…` are a sentence's).
        let alone = i.checked_sub(1).is_none_or(|k| {
            !crate::text::chars::is_han(chars[k]) && !super::residue::is_sentence_punct(chars[k])
        });
        let in_sentence = matches!(
            chars.get(end),
            Some('执' | '之' | '最' | '》' | '的' | '中' | '所' | '是' | '业' | ',' | '。')
        );
        if in_sentence || (start == i && !alone) {
            i = end;
            continue;
        }
        let stop = banner_end(chars, end);
        spans.push(start..stop);
        i = stop;
    }
    // Without the words: a label and the company with its code, on a line
    // of their own (`深度报告某某医药(000001)`).
    let mut i = 0;
    while i < chars.len() {
        let alone = i == 0 || !crate::text::chars::is_han(chars[i - 1]);
        let label = if alone { label_after(chars, i) } else { None };
        match label.filter(|&l| l >= 4) {
            Some(l) if coded_name_after(chars, i + l).is_some() => {
                let stop = banner_end(chars, i + l);
                spans.push(i..stop);
                i = stop;
            }
            _ => i += 1,
        }
    }
}

/// Where a banner that reaches `from` ends: past the labels, dates and
/// companies with their codes that follow.
fn banner_end(chars: &[char], from: usize) -> usize {
    let mut stop = from;
    while let Some(len) = label_after(chars, stop)
        .or_else(|| date_after(chars, stop))
        .or_else(|| coded_name_after(chars, stop))
    {
        stop += len;
    }
    stop
}

/// Whether a banner starts `chars`: a label, the words `证券研究报告` or a
/// date.
pub(crate) fn is_banner_start(chars: &[char]) -> bool {
    label_after(chars, 0).is_some() || date_after(chars, 0).is_some()
}

fn label_before(chars: &[char], at: usize) -> Option<usize> {
    if at == 0 || !matches!(chars[at - 1], '告' | '析' | '究' | '评' | '度' | '|') {
        return None;
    }
    let text: String = chars[at.saturating_sub(8)..at].iter().collect();
    LABELS
        .iter()
        .find(|l| text.ends_with(*l))
        .map(|l| l.chars().count())
        .or_else(|| (at > 0 && chars[at - 1] == '|').then_some(1))
}

fn label_after(chars: &[char], at: usize) -> Option<usize> {
    if !matches!(
        chars.get(at),
        Some('证' | '行' | '专' | '公' | '深' | '动' | '点' | '跟' | '研' | '|')
    ) {
        return None;
    }
    let text: String = chars[at..(at + 8).min(chars.len())].iter().collect();
    LABELS
        .iter()
        .find(|l| text.starts_with(*l))
        .map(|l| l.chars().count())
        .or_else(|| (chars.get(at) == Some(&'|')).then_some(1))
}

/// A date ending at `at`: `2021年03月23日`, `2020-06-30`.
fn date_before(chars: &[char], at: usize) -> Option<usize> {
    (8..=11).find(|&len| at >= len && date_after(chars, at - len) == Some(len))
}

/// A date starting at `at` (`2021年03月23日`, `2020-06-30`), with its
/// weekday (`星期二`), and its length.
fn date_after(chars: &[char], at: usize) -> Option<usize> {
    let digits = |k: usize| digits_from(chars, k);
    if digits(at) != 4 || !matches!(chars[at], '1' | '2') {
        return None;
    }
    let mut k = at + 4;
    let (first, second, last) = match chars.get(k) {
        Some('年') => ('月', '日', true),
        Some('-') => ('-', ' ', false),
        _ => return None,
    };
    k += 1;
    let m = digits(k);
    if !(1..=2).contains(&m) || chars.get(k + m) != Some(&first) {
        return None;
    }
    k += m + 1;
    let d = digits(k);
    if !(1..=2).contains(&d) {
        return None;
    }
    k += d;
    if last {
        if chars.get(k) != Some(&second) {
            return None;
        }
        k += 1;
    }
    if chars[k..].starts_with(&['星', '期']) && k + 2 < chars.len() {
        k += 3;
    }
    Some(k - at)
}

/// A company with its code (`某某生物(688001)`, `某某控股(0700.hk)`):
/// up to ten letters before a bracketed code.
fn coded_name_after(chars: &[char], at: usize) -> Option<usize> {
    let name = chars[at..]
        .iter()
        .take(11)
        .take_while(|c| crate::text::chars::is_han(**c) || c.is_ascii_alphabetic())
        .count();
    let open = at + name;
    if !(2..=10).contains(&name) || !matches!(chars.get(open), Some('(' | '（')) {
        return None;
    }
    let code = chars[open + 1..]
        .iter()
        .take(12)
        .take_while(|c| c.is_ascii_alphanumeric() || **c == '.')
        .count();
    let digits = digits_from(chars, open + 1);
    let close = open + 1 + code;
    ((4..=6).contains(&digits) && matches!(chars.get(close), Some(')' | '）')))
        .then_some(close + 1 - at)
}

#[cfg(test)]
mod tests {
    use super::urls;

    #[test]
    fn a_link_to_a_stored_file_runs_through_its_backslashes_to_its_extension() {
        let text = "进展公告链接：https://crm.example.com.cn/pdf/STOCK\\2031\\2031-3\\6931335.pdf2031-03-05关于股东减持股份的公告";
        let chars: Vec<char> = text.chars().collect();
        let mut spans = Vec::new();
        urls(&chars, &mut spans);
        let found: Vec<String> = spans
            .iter()
            .map(|r| chars[r.clone()].iter().collect())
            .collect();
        assert_eq!(
            found,
            vec!["https://crm.example.com.cn/pdf/STOCK\\2031\\2031-3\\6931335.pdf".to_string()]
        );
    }
}
