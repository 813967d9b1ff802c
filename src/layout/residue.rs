//! Chart and table residue: what a PDF's charts and tables leave in the
//! text once extracted: runs of figures, percentages, years and axis
//! labels with little prose between them (`1.5%3.2%6.3%…20012002…`), the
//! flattened rows of a forecast table, with their captions (`图3：…`) and
//! source lines (`资料来源：…`). They become table passages, which search
//! shows only when nothing readable matches.
//!
//! Works on the characters of normalized text.

use super::captions::{caption_before, source_after};
use super::cells::{cells_without_sentence, mostly_unbroken_cells, MIN_UNENDED};
use super::lists;
use std::ops::Range;

/// Width of the window whose make-up decides residue.
const WINDOW: usize = 32;
/// A run shorter than this is a figure in a sentence, not a table.
const MIN_RUN: usize = 40;
fn is_digit(c: char) -> bool {
    c.is_ascii_digit()
}

/// Sentence punctuation: prose has it, residue rarely.
pub(crate) fn is_sentence_punct(c: char) -> bool {
    matches!(c, '。' | ',' | ';' | '，' | '；' | '!' | '?')
}

/// The chart and table residue of `chars`, as sorted, disjoint ranges:
/// runs of figures with their captions, and runs of captions and source
/// lines on their own (a chart whose figures were images).
pub(crate) fn residue(chars: &[char]) -> Vec<Range<usize>> {
    let mut spans = figure_runs(chars);
    spans.extend(labelled_shares(chars));
    spans.extend(quoted_rows(chars));
    spans.extend(keyed_rows(chars));
    spans.extend(captioned_tables(chars));
    spans.extend(super::legends::legends(chars));
    spans.extend(super::legends::strung_titles(chars));
    super::merge(spans)
}

/// Characters from a table's caption to its source line, at most.
const MAX_CAPTIONED: usize = 600;
/// The same for a table with a row of column labels: its cells may be
/// paragraphs (a company's profile per row).
const MAX_HEADED: usize = 1500;
/// Characters from a caption to its source line, at least, for cells to
/// lie between them: a caption is at most [`super::captions::CAPTION_CHARS`]
/// long, and a chart drawn as an image leaves its caption and source line
/// side by side, which prose reads across.
const MIN_CAPTIONED: usize = super::captions::CAPTION_CHARS + 40;
/// Sentence ends per 100 characters a captioned table's cells hold at
/// most: a cell may end a sentence (a policy's summary, a product's
/// note); prose ends one every 30 to 60 characters.
const MAX_CELL_ENDS_PER_100: usize = 1;

/// Tables whose cells keep words (`表2：防护用品相关企业口罩某某医疗、某某
/// 股份消毒液某某医疗…资料来源：…`): what lies between a numbered caption
/// and the source line after it is the table, when hardly a sentence ends
/// there. A chart drawn as an image leaves its caption and source line
/// side by side; a caption cited in prose (`如图3`) is no caption.
fn captioned_tables(chars: &[char]) -> Vec<Range<usize>> {
    let numbered = |i: usize| {
        super::captions::is_caption_at(chars, i)
            && chars[i + 1..].iter().take(3).any(|c| c.is_ascii_digit())
    };
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        if !matches!(chars[i], '图' | '表') || !numbered(i) {
            i += 1;
            continue;
        }
        // A row of column labels after the caption says table, whatever
        // its cells say; such tables run longer.
        let headed = super::header_rows::header_row_after(chars, i, super::captions::CAPTION_CHARS);
        let reach = if headed { MAX_HEADED } else { MAX_CAPTIONED };
        let limit = (i + reach).min(chars.len());
        let mut ends = 0usize;
        let mut k = i + 2;
        let mut table = None;
        while k < limit {
            let c = chars[k];
            if matches!(c, '。' | '!' | '?' | ';') {
                ends += 1;
            }
            // Another caption first: a list of figures, or two charts.
            // Leader dots: a table of contents.
            if (matches!(c, '图' | '表') && numbered(k))
                || (c == '.' && chars.get(k + 1) == Some(&'.'))
            {
                break;
            }
            if super::captions::is_source_at(chars, k) {
                table = Some(k);
                break;
            }
            k += 1;
        }
        match table {
            Some(end)
                if end - i >= MIN_CAPTIONED
                    && (headed || ends * 100 <= (end - i) * MAX_CELL_ENDS_PER_100) =>
            {
                out.push(i..source_after(chars, end));
                i = end;
            }
            _ => i += 1,
        }
    }
    out
}

/// The longest row of quoted cells looked at (a wide table's row).
const MAX_ROW: usize = 2000;

/// Table rows that a converter wrote as lists of quoted cells
/// (`['项目', '', '2019年', '变动比例（%）']`): a bracket, then cells
/// between quotes separated by commas, two cells or more. Rows follow
/// each other with a space between, so a table is a run of them.
fn quoted_rows(chars: &[char]) -> Vec<Range<usize>> {
    let mut out: Vec<Range<usize>> = Vec::new();
    let mut i = 0;
    while i + 1 < chars.len() {
        if chars[i] != '[' || chars[i + 1] != '\'' {
            i += 1;
            continue;
        }
        let limit = (i + MAX_ROW).min(chars.len());
        let mut separators = 0;
        let mut end = None;
        let mut k = i + 2;
        while k + 1 < limit {
            if chars[k] == '\'' {
                if chars[k + 1] == ']' {
                    end = Some(k + 2);
                    break;
                }
                // `', '` or `','` between two cells.
                let mut m = k + 1;
                if chars[m] == ',' {
                    m += 1;
                    while m < limit && chars[m] == ' ' {
                        m += 1;
                    }
                    if chars.get(m) == Some(&'\'') {
                        separators += 1;
                        k = m + 1;
                        continue;
                    }
                }
            }
            k += 1;
        }
        match end {
            Some(e) if separators >= 1 => {
                // A row right after the one before (a space between) joins it.
                match out.last_mut() {
                    Some(last) if chars[last.end..i].iter().all(|&c| c == ' ') => last.end = e,
                    _ => out.push(i..e),
                }
                i = e;
            }
            _ => i += 1,
        }
    }
    out
}

/// Rows of a filing table keyed by an application number (`…注射液批准临床
/// cxsb2000136注射剂生物制品1…`, `…已上市jyhb2100177透皮贴剂化学药品…`):
/// three different numbers or more, one per row, with a row's cells and no
/// sentence end between them. A sentence that lists such numbers joins
/// them with `、` or `和`, a row never; one that cites a number in brackets
/// (`友讯达(sz300514)公告`, `(编号:授mj2014378)`) cites it again, where a
/// table's rows each have their own.
fn keyed_rows(chars: &[char]) -> Vec<Range<usize>> {
    /// A row, at least and at most, from one key to the next.
    const ROW: std::ops::RangeInclusive<usize> = 8..=240;
    let keys = application_numbers(chars);
    let mut out = Vec::new();
    let mut k = 0;
    while k < keys.len() {
        let mut m = k;
        while m + 1 < keys.len() && {
            let (end, next) = (keys[m].end, keys[m + 1].start);
            ROW.contains(&(next - keys[m].start))
                && !chars[end..next]
                    .iter()
                    .any(|&c| matches!(c, '。' | '!' | '?'))
                && !matches!(chars[next - 1], '、' | '和' | '及' | '与' | '或')
        } {
            m += 1;
        }
        let mut distinct: Vec<&[char]> = keys[k..=m].iter().map(|r| &chars[r.clone()]).collect();
        distinct.sort_unstable();
        distinct.dedup();
        if distinct.len() >= 3 {
            // A row's cells lie around its key, most of them before it
            // (the company, the product): a typical row before the first
            // key, half of one after the last, within the sentence breaks.
            let mut gaps: Vec<usize> = (k..m).map(|j| keys[j + 1].start - keys[j].start).collect();
            gaps.sort_unstable();
            let row = gaps[gaps.len() / 2];
            let from = keys[k].start.saturating_sub(row);
            let start = (from..keys[k].start)
                .rev()
                .find(|&j| matches!(chars[j], '。' | '!' | '?'))
                .map_or(from, |j| j + 1);
            let to = (keys[m].end + row / 2).min(chars.len());
            let end = (keys[m].end..to)
                .find(|&j| matches!(chars[j], '。' | '!' | '?'))
                .unwrap_or(to);
            out.push(caption_before(chars, start)..source_after(chars, end));
        }
        k = m + 1;
    }
    out
}

/// Application numbers of filings (normalized: lowercase): two to five
/// Latin letters, then six to eight digits, alone (`cxhl2000123`,
/// `jyhb2100177`); not a certificate number (`s1230520070002`) or a
/// model (`hbm4003`).
fn application_numbers(chars: &[char]) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        if !chars[i].is_ascii_lowercase() || (i > 0 && chars[i - 1].is_ascii_alphanumeric()) {
            i += 1;
            continue;
        }
        let letters = chars[i..]
            .iter()
            .take_while(|c| c.is_ascii_lowercase())
            .count();
        let digits = chars[i + letters..]
            .iter()
            .take_while(|c| c.is_ascii_digit())
            .count();
        let end = i + letters + digits;
        let cited = (i > 0 && chars[i - 1] == '(') || chars.get(end) == Some(&')');
        if (2..=5).contains(&letters)
            && (6..=8).contains(&digits)
            && chars.get(end).is_none_or(|c| !c.is_ascii_alphanumeric())
            && !cited
        {
            out.push(i..end);
        }
        i = end.max(i + 1);
    }
    out
}

/// Runs of figures (see the module doc), with a caption before and a
/// source line after.
fn figure_runs(chars: &[char]) -> Vec<Range<usize>> {
    let n = chars.len();
    if n < MIN_RUN {
        return Vec::new();
    }
    // Prefix sums of digits and of sentence punctuation, and per position
    // the length of the run of Han characters ending there.
    let mut digits = vec![0u32; n + 1];
    let mut punct = vec![0u32; n + 1];
    // Enumeration commas: a sentence lists its figures with them
    // (`分别为3.2%、5.1%和26.4%`), a flattened table or axis never. One
    // after a closing bracket counts twice: a sentence's list of names,
    // each with its figures in brackets (`某甲(31.88,+70.7%)、某乙(24.04,
    // +489.0%)、…`), has one such comma per item, a window may hold one.
    let mut listed = vec![0u32; n + 1];
    for (i, &c) in chars.iter().enumerate() {
        digits[i + 1] = digits[i] + u32::from(is_digit(c));
        punct[i + 1] = punct[i] + u32::from(is_sentence_punct(c));
        let after_bracket = c == '、' && i > 0 && chars[i - 1] == ')';
        listed[i + 1] = listed[i] + u32::from(c == '、') + u32::from(after_bracket);
    }
    let mut han_run = vec![0u16; n];
    for (i, &c) in chars.iter().enumerate() {
        if crate::text::chars::is_han(c) {
            han_run[i] = if i > 0 {
                han_run[i - 1].saturating_add(1)
            } else {
                1
            };
        }
    }
    // Prefix counts of the places where a run of Han characters grows past
    // a label's length.
    let mut long_runs = vec![0u32; n + 1];
    for i in 0..n {
        long_runs[i + 1] = long_runs[i] + u32::from(han_run[i] > 6);
    }
    // Windows found to be residue mark their characters, through a
    // difference array (a window is 32 characters; most of a table's are).
    let mut starts_minus_ends = vec![0i32; n + 1];
    let w = WINDOW.min(n);
    for s in 0..=n - w {
        let e = s + w;
        let d = (digits[e] - digits[s]) as usize;
        let p = punct[e] - punct[s];
        // Mostly figures; or many figures, no sentence, and only short
        // labels between them (a table row: 营业收入35,842137,583…).
        let residue = listed[e] - listed[s] < 2
            && (d * 100 >= 45 * w || (d * 100 >= 25 * w && p == 0 && long_runs[e] == long_runs[s]));
        if residue {
            starts_minus_ends[s] += 1;
            starts_minus_ends[e] -= 1;
        }
    }
    let mut marked = vec![false; n];
    let mut open = 0;
    for (m, d) in marked.iter_mut().zip(&starts_minus_ends) {
        open += d;
        *m = open > 0;
    }
    let mut runs = Vec::new();
    let mut i = 0;
    while i < n {
        if !marked[i] {
            i += 1;
            continue;
        }
        let mut j = i;
        while j < n && marked[j] {
            j += 1;
        }
        // The window reaches into the prose around the residue: start at its
        // first figure, end after its last figure (or percent sign).
        let start = (i..j).find(|&k| is_digit(chars[k])).unwrap_or(i);
        let end = (i..j)
            .rev()
            .find(|&k| is_digit(chars[k]) || chars[k] == '%')
            .map_or(j, |k| k + 1);
        if end > start && end - start >= MIN_RUN {
            runs.push(caption_before(chars, start)..source_after(chars, end));
        }
        i = j;
    }
    runs
}

/// A pie chart's labels: `爱美客,26.5%lg伊婉,20.5%华熙,16.1%…`, three
/// labelled percentages or more in a row. Some charts give each slice its
/// value before its share (`华兰生物,38,39%泰邦生物,58,60%…`); their labels
/// may be longer (`绿十字株式会社/韩国,29,1%`).
fn labelled_shares(chars: &[char]) -> Vec<Range<usize>> {
    let number_at = |k: usize| {
        chars[k.min(chars.len())..]
            .iter()
            .take_while(|c| c.is_ascii_digit() || **c == '.')
            .count()
    };
    // Each item: a short label, an optional comma, a number and `%`, or
    // a label, a comma, a value, a comma, a number and `%`.
    let item_at = |i: usize| -> Option<usize> {
        let label = chars[i..]
            .iter()
            .take(14)
            .take_while(|c| !c.is_ascii_digit() && !matches!(c, '。' | ';' | '%'))
            .count();
        // `value,share%` after the label's comma.
        let valued = label >= 2 && chars[i + label - 1] == ',' && {
            let value = number_at(i + label);
            let k = i + label + value;
            value > 0 && chars.get(k) == Some(&',') && {
                let share = number_at(k + 1);
                share > 0 && chars.get(k + 1 + share) == Some(&'%')
            }
        };
        if label == 0 || label > if valued { 12 } else { 8 } {
            return None;
        }
        // A label names something: not a list's separator (`、`, `-`) or
        // connective (`和`), which make a sentence's figures
        // (`增速分别为3%、-18%和30%`), not a chart's labels.
        let named = chars[i..i + label]
            .iter()
            .filter(|c| c.is_alphanumeric() && !matches!(c, '和' | '及' | '与' | '或' | '至'))
            .count();
        if named == 0 {
            return None;
        }
        let mut k = i + label;
        if valued {
            k += number_at(k) + 1;
        }
        let digits = number_at(k);
        if digits == 0 {
            return None;
        }
        k += digits;
        (chars.get(k) == Some(&'%')).then_some(k + 1)
    };
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let mut k = i;
        let mut items = 0;
        while let Some(e) = item_at(k) {
            items += 1;
            k = e;
        }
        if items >= 3 {
            out.push(i..k);
            i = k;
        } else {
            i += 1;
        }
    }
    out
}

/// [`reads_as_table`] of a passage's text (tests).
#[cfg(test)]
pub(crate) fn reads_as_table_text(text: &str) -> bool {
    let all: Vec<char> = text.chars().collect();
    let dense: Vec<char> = all.iter().copied().filter(|&c| c != ' ').collect();
    reads_as_table(text, &all, &dense)
}

/// Whether a passage cut as prose reads as a table: figures make a third
/// of it and it has hardly a sentence, or it is a run of labels without
/// any punctuation (a chart's legend), or one of the rules below knows
/// its rows. Its characters come collected once for every rule: with its
/// spaces (`all`), and without them (`dense`).
pub(super) fn reads_as_table(text: &str, all: &[char], dense: &[char]) -> bool {
    let (mut chars, mut figures, mut punct, mut ends, mut commas) = (0usize, 0, 0, 0, 0);
    let mut before = ' ';
    let mut rest = dense.iter().copied().peekable();
    while let Some(c) = rest.next() {
        chars += 1;
        if c.is_ascii_digit() || c == '%' {
            figures += 1;
        }
        // A full stop ends an English sentence; a decimal point does not.
        let full_stop = c == '.'
            && before.is_ascii_alphabetic()
            && rest.peek().is_none_or(|n| !n.is_ascii_digit());
        before = c;
        if matches!(c, '。' | ',' | ';' | ':' | '、' | '!' | '?') || full_stop {
            punct += 1;
        }
        if matches!(c, '。' | ';' | '!' | '?') || full_stop {
            ends += 1;
        }
        if c == ',' {
            commas += 1;
        }
    }
    // A flattened table of text cells: long, with no sentence and hardly a comma.
    let flattened = chars >= 100 && ends == 0 && commas <= 1;
    // A chart's axis titles: units in brackets (`(万瓶,按年份)`), no sentence.
    let units = text.matches(['(', '（']).count();
    let axes = ends == 0 && units >= 3;
    chars >= 20
        && ((figures * 10 >= chars * 3 && punct * 40 < chars)
            || punct == 0
            || flattened
            || axes
            || mostly_unbroken_cells(dense, chars)
            || ticked_cells(all) >= MIN_TICKED
            || stock_rows(all) >= MIN_STOCK_ROWS
            || captioned_cells(dense)
            || super::header_rows::headed_passage(dense)
            || growth_cells(all) >= MIN_GROWTH_CELLS
            || numbered_rows(all) >= MIN_NUMBERED_ROWS
            || super::cells::dated_rows(all) >= super::cells::MIN_DATED_ROWS
            || super::cells::restarted_lists(all) >= super::cells::MIN_RESTARTED_LISTS
            || super::policies::policy_rows(all) >= super::policies::MIN_POLICY_ROWS
            || super::company_rows::company_rows(all) >= super::company_rows::MIN_COMPANY_ROWS
            || glued_entries(dense) >= MIN_GLUED_ENTRIES
            || (ends == 0 && has_year_axis(all))
            || (ends == 0 && chars >= MIN_UNENDED && cells_without_sentence(dense, chars))
            || lists::is_name_list(text)
            || lists::lists_titles(dense)
            || text.matches("点击查看原文").nth(1).is_some())
}

/// Whether `cs` holds a chart's year axis: three years or more in a row
/// glued together (`201520162017`). Prose separates its years.
fn has_year_axis(cs: &[char]) -> bool {
    let year_at = |i: usize| -> Option<u32> {
        let y = cs
            .get(i..i + 4)?
            .iter()
            .try_fold(0, |acc, c| Some(acc * 10 + c.to_digit(10)?))?;
        (1980..=2039).contains(&y).then_some(y)
    };
    (0..cs.len()).any(|i| {
        matches!(
            (year_at(i), year_at(i + 4), year_at(i + 8)),
            (Some(a), Some(b), Some(c)) if b == a + 1 && c == b + 1
        )
    })
}

/// Rows of a table with a `序号` column (`序号公司名称所在领域1长江生物采血管
/// 2黄河医疗血糖3…`): its numbers 1, 2, 3… each glued to the row's first
/// cell. A list in prose numbers its items `1)`, `(1)` or `1、`.
const MIN_NUMBERED_ROWS: u32 = 4;

/// How many rows numbered 1, 2, 3… in order follow a `序号` header.
fn numbered_rows(cs: &[char]) -> u32 {
    let Some(header) = cs.windows(2).position(|w| w == ['序', '号']) else {
        return 0;
    };
    let cs = &cs[header..];
    let mut next = 1u32;
    for run in digit_runs(cs) {
        let number = run_number(cs, &run);
        let glued = cs.get(run.end).is_some_and(|&c| crate::text::is_han(c));
        if glued && number == Some(next) {
            next += 1;
        }
    }
    next - 1
}

/// Entries of a table of contents that lost its leaders, at least.
const MIN_GLUED_ENTRIES: u32 = 5;

/// The longest chain of entries numbered k, k+1, k+2… each glued to its
/// words on both sides (`…2化学制剂：提高抗风险能力3原料药：竞争格局优化4
/// 中药：…`): a table of contents whose dot leaders and page numbers are
/// gone, or a numbered list of chapters. Prose numbers its items `1、`,
/// `1)`, `(1)`, `①`, after a pause, and a number glued to a unit is a
/// quantity (`1月…2月…3月`).
fn glued_entries(cs: &[char]) -> u32 {
    let (mut best, mut chain, mut next) = (0u32, 0u32, None::<u32>);
    for run in digit_runs(cs) {
        if run.len() > 2 {
            continue;
        }
        let Some(number) = run_number(cs, &run) else {
            continue;
        };
        // Glued on both sides: the entry before runs into the number (a
        // list's `①`, which NFKC makes `1`, follows a colon or a semicolon).
        let after = cs
            .get(run.end)
            .is_some_and(|&c| crate::text::is_han(c) && !is_unit(c));
        let before = run.start > 0 && {
            let c = cs[run.start - 1];
            crate::text::is_han(c) || c.is_ascii_alphabetic()
        };
        let glued = after && before;
        if !glued {
            continue;
        }
        if Some(number) == next {
            chain += 1;
        } else {
            chain = 1;
        }
        next = Some(number + 1);
        best = best.max(chain);
    }
    best
}

/// Characters that make a number glued to them a quantity or an ordinal of
/// time, not an entry's number.
fn is_unit(c: char) -> bool {
    matches!(
        c,
        '月' | '日'
            | '年'
            | '季'
            | '家'
            | '个'
            | '只'
            | '倍'
            | '亿'
            | '万'
            | '元'
            | '期'
            | '代'
            | '类'
            | '次'
            | '级'
            | '号'
            | '款'
            | '种'
            | '项'
            | '名'
            | '位'
            | '份'
            | '层'
            | '条'
            | '周'
            | '天'
            | '小'
            | '成'
            | '台'
            | '支'
            | '瓶'
            | '人'
            | '例'
            | '床'
            | '张'
            | '片'
            | '吨'
            | '座'
            | '轮'
    )
}

/// The number a run of digits of `cs` writes, unless it overflows.
fn run_number(cs: &[char], run: &Range<usize>) -> Option<u32> {
    cs[run.clone()]
        .iter()
        .try_fold(0u32, |n, c| n.checked_mul(10)?.checked_add(c.to_digit(10)?))
}

/// The runs of ASCII digits of `cs`, each whole.
fn digit_runs(cs: &[char]) -> impl Iterator<Item = Range<usize>> + '_ {
    let mut i = 0;
    std::iter::from_fn(move || {
        while i < cs.len() && !cs[i].is_ascii_digit() {
            i += 1;
        }
        let start = i;
        while i < cs.len() && cs[i].is_ascii_digit() {
            i += 1;
        }
        (start < i).then_some(start..i)
    })
}

/// Cells of a table of figures with their growth in brackets, one after
/// the other (`252.19(-19.2%)1346.14(+3.35%)623.46(-23.8%)`): prose puts a
/// unit or a word between a growth and the next figure.
const MIN_GROWTH_CELLS: usize = 3;

/// How many bracketed percentages of `cs` follow a figure and are
/// followed by one.
fn growth_cells(cs: &[char]) -> usize {
    let mut cells = 0;
    for (i, &c) in cs.iter().enumerate() {
        if !matches!(c, '(' | '（') || i == 0 || !cs[i - 1].is_ascii_digit() {
            continue;
        }
        let inner = cs[i + 1..]
            .iter()
            .take_while(|c| c.is_ascii_digit() || matches!(c, '.' | '+' | '-'))
            .count();
        let close = i + 1 + inner;
        if inner > 0
            && cs.get(close) == Some(&'%')
            && matches!(cs.get(close + 1), Some(')' | '）'))
            && cs.get(close + 2).is_some_and(|c| c.is_ascii_digit())
        {
            cells += 1;
        }
    }
    cells
}

/// Characters after a table's caption without a sentence's end, at least,
/// for the passage to be the table: a caption cited in prose
/// (`如表3所示，…。`) is followed by sentences.
const MIN_CAPTIONED_CELLS: usize = 60;

/// Whether a passage is mostly a captioned table whose cells keep words
/// (`表10：产业链梳理代表企业技术储备及动态某某光电发布显示屏芯片规格大于
/// 50um，小量…`): from a numbered caption (`表10：`, `图表2：`) on, no
/// sentence ends, and that stretch is most of the passage. Cells may hold
/// commas and semicolons (a cell's list), but a table's rows do not end
/// as sentences do.
fn captioned_cells(cs: &[char]) -> bool {
    let Some(caption) = (0..cs.len()).find(|&i| {
        super::captions::is_caption_at(cs, i)
            && cs[i + 1..].iter().take(3).any(|c| c.is_ascii_digit())
    }) else {
        return false;
    };
    let after = &cs[caption..];
    let ends = after
        .iter()
        .filter(|&&c| matches!(c, '。' | '!' | '?' | '！' | '？'))
        .count();
    ends == 0 && after.len() >= MIN_CAPTIONED_CELLS && after.len() * 3 >= cs.len() * 2
}

/// The cells of a comparison table (`合全药业√√√√√凯莱英√√√√…`): prose
/// does not tick. A mark before a sentence is a bullet (`✓某公司创立于…`):
/// only marks beside another mark count.
const CHECK_MARKS: [char; 5] = ['√', '✓', '✔', '✗', '✘'];
const MIN_TICKED: usize = 4;

/// How many check marks of `cs` stand beside another one, or between two
/// cells (`国际医学）✓②医美`, `爱尔眼科✓锦欣生殖`): a bullet's mark opens
/// its line after a sentence's end or a space, never right after a name.
fn ticked_cells(cs: &[char]) -> usize {
    // Each run of marks: counted whole when it has two or more, or when it
    // follows a word or a closing bracket and a word follows it.
    let (mut cells, mut run) = (0, 0);
    for (i, &c) in cs.iter().chain([&' ']).enumerate() {
        if CHECK_MARKS.contains(&c) {
            run += 1;
            continue;
        }
        let between_cells = run == 1
            && i >= 2
            && is_cell_char(cs[i - 2])
            && (is_cell_char(c) || ('①'..='⑳').contains(&c));
        if run >= 2 || between_cells {
            cells += run;
        }
        run = 0;
    }
    cells
}

/// The end or start of a cell's text: a letter, a digit or a closing bracket.
fn is_cell_char(c: char) -> bool {
    c.is_alphanumeric() || matches!(c, '）' | ')')
}
/// Rows keyed by a stock code followed by the company's name
/// (`600001.SH长江电子创新药龙头-1.99%23.01%002002.SZ黄河…`), or by its
/// figures after the name (`长江电子600001.SH0.6831.1…`): a table of
/// stocks flattened. Prose names the company first and brackets its code
/// (`长江电子(600001.SH)`).
const MIN_STOCK_ROWS: usize = 3;

/// How many stock codes in `cs` open a row or a row's figures: a listed
/// code (`600001.SH`, `0003.HK`, either case) not in brackets, followed by
/// a Han character or a digit.
fn stock_rows(cs: &[char]) -> usize {
    let mut rows = 0;
    for run in digit_runs(cs) {
        let (i, end) = (run.start, run.end);
        let digits = end - i;
        let market = match cs.get(end..end + 3) {
            Some(&['.', a, b]) => [a.to_ascii_uppercase(), b.to_ascii_uppercase()],
            _ => [' ', ' '],
        };
        let listed = match market {
            ['S', 'H'] | ['S', 'Z'] | ['B', 'J'] => digits == 6,
            ['H', 'K'] => (4..=5).contains(&digits),
            // The NEEQ's (新三板): `832278.OC`.
            ['O', 'C'] => digits == 6,
            _ => false,
        };
        let bracketed = i > 0 && matches!(cs[i - 1], '(' | '（');
        // The row's next cell: the name, or a figure (`600521.SH0.6831.1…`
        // after the name).
        let cell = cs
            .get(end + 3)
            .is_some_and(|&c| crate::text::is_han(c) || c.is_ascii_digit());
        if listed && !bracketed && cell {
            rows += 1;
        }
    }
    rows
}

#[cfg(test)]
mod tests {
    use super::reads_as_table_text as reads_as_table;
    use super::*;

    fn cs(text: &str) -> Vec<char> {
        text.chars().collect()
    }

    #[test]
    fn ticks_beside_each_other_are_cells_a_ticked_bullet_is_not() {
        assert_eq!(ticked_cells(&cs("长江药业√√√黄河制药√√")), 5);
        assert_eq!(
            ticked_cells(&cs(
                "①医疗服务（某某医学）✓②医美（长江药业）✓某某眼科✓黄河生殖（H）✓"
            )),
            3
        );
        assert_eq!(
            ticked_cells(&cs(
                "✓某公司创立于1967年,规模居行业第二。✓总市值保持较高水平。"
            )),
            0
        );
    }

    fn runs(text: &str) -> Vec<String> {
        let chars: Vec<char> = text.chars().collect();
        residue(&chars)
            .into_iter()
            .map(|r| chars[r].iter().collect())
            .collect()
    }

    #[test]
    fn names_each_with_its_figures_in_brackets_are_a_sentence() {
        let sentence = "行业2031Q1净利润前10名公司:长江光电(2031Q1归母净利润51.82亿元,同比增长814.5%,下同)、黄河电子(31.88,+70.7%)、东湖科技(24.04,+489.0%)、西山精密(21.69,+45.0%)、南岭股份(13.5,+37.4%)、北川微电(12.06,+36.6%)。";
        assert!(runs(sentence).is_empty(), "{:?}", runs(sentence));
        // A table's row of figures is still residue.
        let row = "营业收入31.8870.724.04489.021.6945.013.537.412.0636.6";
        assert_eq!(runs(row).len(), 1);
    }

    #[test]
    fn a_year_axis_and_a_bare_list_of_names_are_not_prose() {
        let legend = "长江医疗黄河医疗东湖医疗西山生物南岭生物201520162017毛利率(%)资料来源:某某研究,公司招股书";
        assert!(reads_as_table(legend));
        let prose = "公司2015年、2016年、2017年毛利率分别为61%、63%、65%,持续提升,主要受益于高毛利产品占比的提高。";
        assert!(!reads_as_table(prose));
        let list = "重点覆盖组合长江光电、黄河电子、东湖科技、西山精密、南岭股份、北川微电、中原光学、江海电子、汉水科技、湘江股份、珠江精密。";
        assert!(reads_as_table(list));
        let grouped = "2031年03月28日P.19【功率】长江微、黄河微、东湖半导、西山科技;【封测】南岭电子、北川微电、中原光学;【苹果链龙头】江海电子、汉水科技、湘江股份。";
        assert!(reads_as_table(grouped));
        let digest = "2031年03月02日某某网某厂商称芯片供应可保证产能(点击查看原文)2031年03月02日某某财经消息称代工厂将量产新一代芯片(点击查看原文)";
        assert!(reads_as_table(digest));
        let picks = "建议关注:长江光电、黄河电子、东湖科技、西山精密、南岭股份、北川微电、中原光学、江海电子、汉水科技、湘江股份。";
        assert!(!reads_as_table(picks));
        let advice = "建议关注:长江光电(600001)、黄河电子(600002)、东湖科技(300003)、西山精密(002004)、南岭股份(600005)、北川微电(688006)、中原光学(300007)、江海电子(002008)。";
        assert!(!reads_as_table(advice));
        let numbered = "2、整机供应链:长江精密、黄河智造、东湖通信、西山股份等。3、光学:南岭光电、北川光学;4、射频:中原通信、江海微;5、功能件:汉水智造、湘江科技;6、无线充电:珠江通信、长江精密。";
        assert!(reads_as_table(numbered));
        let portfolio = "本周稳健组合:长江医疗(600001)、黄河生物(300002)、东湖药业(600003)、西山生物(000004)。本周弹性组合:南岭药业(603005)、北川生物(002006)、中原生物(300007)、江海生物(000008)。";
        assert!(reads_as_table(portfolio));
        let related = "心血管平台形成闭环2031/5/23长江生物深度点评:新的市场逻辑和估值理解2031/5/22即时检验行业深度:分级诊疗长逻辑2031/4/25长江生物深度报告:高端医疗器械,铸造民族品牌";
        assert!(reads_as_table(related));
        let series = "设备长期发展明朗》10、芯片系列之十_新器件《先进封装和新器件,续写新篇章》11、芯片系列之十一_载板《载板及类载板,集成提升》12、芯片系列之十二_处理器《人工智能助力》13、芯片系列之十三_封测《先进封装大势所趋》";
        assert!(reads_as_table(series));
        let cited = "2031年5月23日,国务院发布《关于促进医疗器械产业发展的意见》,此后《医疗器械监督管理条例》《创新医疗器械特别审查程序》《医疗器械注册管理办法》相继修订。";
        assert!(!reads_as_table(cited));
        let profits = "2031年一季度归母净利润居前的公司:长江光电(25.3,+12.1%)、黄河电子(18.4,+37.4%)、东湖科技(13.5,+36.6%)、西山精密(12.06,扭亏为盈)、南岭股份(11.11,+133.8%)、北川微电(10.41,+28.4%)、中原光学(9.66,-5.2%)、江海电子(8.01,+125.9%)、汉水科技(7.2,+3.3%)。";
        assert!(reads_as_table(profits));
        let devices = "同时微针刺激真皮层,通过皮肤的自愈能力刺激胶原蛋白增生,增加皮肤厚度和弹性,效果自然无创年轻化长江热提以色列某某热提仪器通过面加热作用于真皮浅层真皮深层和筋膜层实现抗衰作用黄河热玛吉目前主流为美国产某某通过域加热作用于皮肤表层及真皮浅层达到紧致提升的效果东湖超声刀、主流仪器包括美版超声刀和韩版超声刀两种通过点加热作用于筋膜层实现紧致提升";
        assert!(reads_as_table(devices));
        let cut = "立足于技术壁垒高的细分领域,通过高投入高质量的研发和同领域的技术并购进行深耕,最终成为细分领域绝对王者的某某模式,以及依托渠道优势,通过产品线横向扩张和外延并购做大规模的平台模式,这两种模式均有其成功之处,国内企业可结合自身禀赋,选择适合自己的发展路径,在细分领域逐步建立竞争优势";
        assert!(!reads_as_table(cut));
        let chapters = "风险提示:药品降价超预期风险。41医药行业:结构性分化趋势明显2化学制剂:提高抗风险能力3原料药:竞争格局优化,龙头受益4中药:整体表现低迷5生物药:朝阳领域6医疗器械:板块表现亮眼7药店:业绩超预期增长";
        assert!(reads_as_table(chapters));
        let circled = "操作步骤如下:①在使用前调整目镜;②确定患者体位;③调节焦距与光源;④进行手术操作;⑤术后清洁镜头并复位。";
        assert!(!reads_as_table(&crate::text::normalize(circled)));
        let months = "1月获批61万瓶,同比增长9%;2月获批55万瓶,同比下滑3%;3月获批70万瓶;4月获批66万瓶;5月获批72万瓶,环比提升,全年有望保持稳健增长。";
        assert!(!reads_as_table(months));
        let risks = "风险提示:行业竞争加剧、原材料涨价、汇率波动、需求不及预期、新品推广不及预期、产能爬坡不及预期、政策变化、疫情反复。";
        assert!(!reads_as_table(risks));
    }

    #[test]
    fn rows_keyed_by_codes_or_numbers_are_a_table() {
        let codes = "目前估值处于历史低位。东湖制药600001.SH0.6831.1制剂出口进入收获期西山药业600002.SH1.6120.0盈利能力低估南岭药业002003.SZ0.6126.5循证医学稀缺标的";
        assert!(stock_rows(&cs(codes)) >= 3);
        let prose = "我们推荐东湖制药(600001.SH)、西山药业(600002.SH)和南岭药业(002003.SZ),三家公司2021年有望实现两成以上的增长。";
        assert_eq!(stock_rows(&cs(prose)), 0);
        let numbered = "其他:序号公司名称所在主要领域1长江医疗采血管,代理2黄河生物血糖3东湖医疗生化,代理4西山生物免疫诊断5南岭集团分子诊断";
        assert_eq!(numbered_rows(&cs(numbered)), 5);
        let listed =
            "序号规则如下:1)样本按时间排序;2)每组取前三名;3)剔除ST公司;4)剔除上市未满一年的公司。";
        assert_eq!(numbered_rows(&cs(listed)), 0);
    }

    #[test]
    fn figures_with_their_growth_side_by_side_are_cells_a_sentence_is_not() {
        let table = "从收入结构看,护肤品占比最高,注射剂次之,生活美容居末,三者合计贡献了公司九成以上的收入。凝胶类注射剂功能性护肤品生活美容收入(百万元)252.19(-19.2%)1346.14(+3.35%)623.46(-23.8%)2221.79(-4.1%)。毛利率较上年提升两个百分点,其中凝胶类产品毛利率最高,护肤品次之,费用率在规模效应下稳中有降。";
        assert!(reads_as_table(table));
        let prose = "公司凝胶类注射剂收入252.19百万元(-19.2%),功能性护肤品收入1346.14百万元(+3.35%),生活美容收入623.46百万元(-23.8%),护肤品成为第一大收入来源,毛利率稳中有升。";
        assert!(!reads_as_table(prose));
    }

    #[test]
    fn a_captioned_table_of_words_reads_as_a_table_a_cited_one_does_not() {
        let table = "图表2:两种测距技术路线比较直接测距间接测距原理采用皮秒级计时系统,直接测量光的飞行时间,即发射脉冲和接收脉冲的间隔采用调制红外光,计算相位差,间接测量飞行时间核心组件激光器、单光子传感器、计时电路激光器、传感器、匀光片精度理论上可达毫米级,误差不随距离增大厘米级,误差随距离增大";
        assert!(reads_as_table(table));
        let cited = "如表10所示,长江光电与黄河科技均已发布微显示屏产品,其中长江光电的芯片规格大于50um,已小量出货。我们预计2022年起行业进入放量期,龙头公司份额有望继续提升。";
        assert!(!reads_as_table(cited));
        let before = "行业格局清晰,龙头公司份额持续提升,二线厂商加速追赶,价格竞争趋于缓和,我们看好具备技术储备的公司,长江光电与黄河科技有望率先受益于新一代显示技术的放量,建议重点关注。表10:产业链梳理";
        assert!(!reads_as_table(before));
    }

    #[test]
    fn chart_residue_with_its_caption_and_source() {
        let text = "公司收入快速增长,毛利率稳定。图3:全球市场规模1.5%3.2%6.3%8.1%9.9%2001200220032004200520062007资料来源:pwc,某证券研究所公司产品线丰富,竞争力强。";
        assert_eq!(
            runs(text),
            vec!["图3:全球市场规模1.5%3.2%6.3%8.1%9.9%2001200220032004200520062007资料来源:pwc,某证券研究所"]
        );
    }

    #[test]
    fn a_flattened_table_row_is_residue() {
        let text = "盈利预测如下。营业收入(百万元)35,842.09137,583.06181,608.10210,665.38增长率5.04%283.86%32.00%16.00%我们维持买入评级。";
        let found = runs(text);
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(found[0].starts_with("35,842"));
        assert!(found[0].ends_with("16.00%"));
    }

    #[test]
    fn a_captioned_table_of_words_up_to_its_source_is_residue() {
        let text = "多国防护用品发生短缺,出口需求还会增加。表2:防护用品品类相关企业口罩长江医疗、黄河医疗、东湖医疗消毒液(免洗手消毒液、医用酒精)西山医疗、南岭医疗测温仪(额温枪)北川医疗、中原红外防护服(医用一次性)江海医疗、汉水医疗、湘江股份护目镜珠江光学、长江医疗资料来源:卫健委,某某证券研究所全国口罩日产量已经突破一亿只,产能快速释放。";
        let found = runs(text);
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(
            found[0].starts_with("表2:防护用品") && found[0].ends_with("某某证券研究所"),
            "{found:?}"
        );
        // (Normalized text: half-width punctuation.) Sentences between a caption and a source line are prose that a
        // chart's caption happens to precede.
        let prose = "表3:重点公司海外收入占比长江医药主要服务海外市场,境外收入占比约八成。黄河医药境内外较为均衡,境内占比约六成。东湖医药主要服务国内市场,境内占比超过九成。资料来源:公司公告";
        assert!(runs(prose).is_empty(), "{:?}", runs(prose));
    }

    #[test]
    fn prose_with_figures_is_not_residue() {
        let text = "2024年1-9月国内光伏新增装机160.88gw,同比增长24.8%;出口方面,前三季度组件出口量约为185gw,同比增长约20%,但出口金额同比下降约三成。";
        assert!(runs(text).is_empty());
        // A sentence listing its figures, and a pie chart's labels.
        let listed = "公司2016-2020年均实现增长,增速分别为14.21%、11.35%、26.40%、0.23%和17.81%,其中血制品业务增速分别为3%、-18%、30%、122%、26%。";
        assert_eq!(runs(listed), Vec::<String>::new());
        let pie = "市场份额:爱美客,26.5%lg伊婉,20.5%华熙,16.1%瑞蓝,10.2%其他,26.7%。";
        assert_eq!(runs(pie).len(), 1, "{:?}", runs(pie));
    }
}
