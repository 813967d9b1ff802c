//! Cover and contact blocks: the analysts' names with their certificate
//! numbers, phones and e-mails, the broker's addresses, rating boxes
//! (`评级：买入 上次评级…`), stock-data boxes (收盘价, 总市值, 52周…) and
//! lists of related reports (`相关报告《…》2020-11-23`). In a one-line
//! report they are glued between the summary's bullets, so a block is a
//! run of such fields, wherever it is.
//!
//! Works on the characters of normalized text.

mod address;
mod apart;
mod captions;
mod latin;
mod listed;
mod masthead;
mod rated;

use address::street_addresses;
use apart::{closes_box, dateline_before_title, holds_title, rating_pairs};
use captions::{caption_beside, caption_lead, date_after, is_caption};
use rated::rating_lead;
use std::ops::Range;

/// Labels of contact and data fields (normalized: `：` is `:`).
const FIELDS: &[&str] = &[
    "分析师",
    "研究助理",
    "联系人",
    "执业证书编号",
    "执业证书",
    "执业证号",
    "执业编号",
    "证书编号",
    "登记编号",
    "资格证",
    "sac",
    "电话",
    "邮箱",
    "email",
    "e-mail",
    "tel",
    "传真",
    "地址",
    "邮编",
    "网址",
    "相关报告",
    "相关研究",
    "近期报告",
    "近期研究",
    "历史报告",
    "市场数据",
    "基础数据",
    "基本数据",
    "股价表现",
    "行业走势",
    "市场表现",
    "收盘价",
    "总市值",
    "流通市值",
    "总股本",
    "流通股本",
    "流通a股",
    "52周",
    "一年最高",
    "市盈率",
    "市净率",
    "每股净资产",
    "资产负债率",
    "上次评级",
    "行业评级",
    "投资评级",
    "评级:",
    "目标价",
    "当前价",
    "报告日期",
];

/// Fields of one block follow each other within this many characters
/// (a value: a name, a number, an address, a related report's title).
const FIELD_GAP: usize = 60;

/// The cover and contact blocks of `chars`, as sorted, disjoint ranges.
pub(crate) fn contact_blocks(chars: &[char]) -> Vec<Range<usize>> {
    // A label's value runs on after it; a related report's item (`《…》
    // 2021-03-14`, a list without its label) is whole.
    // (A dateline with the title right after it, `报告日期:2019年8月5日
    // 甲乙行业景气回暖──…`, heads the cover: its title is no field's value.)
    let mut fields: Vec<(usize, usize, bool)> = field_positions(chars)
        .into_iter()
        .filter(|&(s, e)| !dateline_before_title(chars, s, e))
        // A chart's caption has the chart after it, not a value: the
        // text after it is the next field's, or the page's.
        .map(|(s, e)| (s, e, !is_caption(&chars[s..e])))
        .collect();
    fields.extend(
        report_list_items(chars)
            .into_iter()
            .map(|(s, e)| (s, e, false)),
    );
    fields.extend(
        dated_list_items(chars)
            .into_iter()
            .map(|(s, e)| (s, e, false)),
    );
    fields.extend(
        listed::labelled_lists(chars)
            .into_iter()
            .map(|(s, e)| (s, e, false)),
    );
    fields.extend(rated_codes(chars).into_iter().map(|(s, e)| (s, e, false)));
    fields.extend(rating_pairs(chars).into_iter().map(|(s, e)| (s, e, false)));
    fields.extend(coded_names(chars).into_iter().map(|(s, e)| (s, e, false)));
    fields.extend(
        street_addresses(chars)
            .into_iter()
            .map(|(s, e)| (s, e, false)),
    );
    fields.sort_unstable();
    let value = |&(s, e, labelled): &(usize, usize, bool)| {
        if !labelled {
            e
        } else if label_at(chars, s, e, "报告日期") && !date_after(chars, e) {
            // A dateline whose date the extraction lost (`报告日期:` then
            // the banner) has no value: the banner is the page's.
            e + usize::from(chars.get(e) == Some(&':'))
        } else if REPORT_LABELS.iter().any(|l| label_at(chars, s, e, l)) {
            value_end(chars, e).max(dated_entry_end(chars, e))
        } else {
            value_end(chars, e)
        }
    };
    let mut out: Vec<Range<usize>> = Vec::new();
    let mut k = 0;
    while k < fields.len() {
        let start = fields[k].0;
        let mut end = value(&fields[k]);
        let mut count = 1;
        let mut m = k + 1;
        // (A rating box closed by `(评级)` does not run on over the title
        // after it: `…(评级)某某材料:需求触底回升,龙头份额提升
        // 化工专题报告作者:分析师…`.)
        while m < fields.len()
            && fields[m].0 <= end + FIELD_GAP
            && !(closes_box(chars, end) && holds_title(&chars[end.min(fields[m].0)..fields[m].0]))
            && !(caption_beside(chars, &fields[m - 1], &fields[m])
                && holds_title(&chars[end.min(fields[m].0)..fields[m].0]))
        {
            end = end.max(value(&fields[m]));
            count += 1;
            m += 1;
        }
        // One field alone is a word in a sentence (`分析师认为`, `目标价为`),
        // unless it is a certificate number or an e-mail address.
        let strong = strong_field(chars, start..end);
        if count >= 2 || strong {
            let floor = out.last().map_or(0, |r| r.end);
            let lead = match is_caption(&chars[start..fields[k].1]) {
                true => caption_lead(chars, start, floor),
                false => rating_lead(chars, start, floor),
            };
            let lead = masthead::institute_before(chars, lead, floor).unwrap_or(lead);
            out.push(lead..end);
        }
        k = m;
    }
    out
}

/// Titles of reports with their dates (`《电子周报:…》2021-03-14`), two or
/// more in a row, each as a field.
fn report_list_items(chars: &[char]) -> Vec<(usize, usize)> {
    let mut items = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        if chars[i] != '《' {
            i += 1;
            continue;
        }
        let Some(close) = (i + 1..(i + 80).min(chars.len())).find(|&k| chars[k] == '》') else {
            i += 1;
            continue;
        };
        // The date after the title: `》2021-03-14`, `》——2021-03-01`,
        // `》(2021年3月1日)`.
        let mut end = close + 1;
        let lead = chars[end..]
            .iter()
            .take(3)
            .take_while(|c| matches!(c, '—' | '-' | ':' | '(' | ' '))
            .count();
        let date = chars[end + lead..]
            .iter()
            .take_while(|c| c.is_ascii_digit() || matches!(c, '-' | '/' | '.' | '年' | '月' | '日'))
            .count();
        let digits = chars[end + lead..end + lead + date]
            .iter()
            .filter(|c| c.is_ascii_digit())
            .count();
        if digits >= 6 {
            end += lead + date;
            end += usize::from(chars.get(end) == Some(&')'));
            items.push((i, end));
        }
        i = end;
    }
    // Only runs of two or more: a report cited once in prose is prose.
    let mut out = Vec::new();
    for (k, &(s, e)) in items.iter().enumerate() {
        let near = |o: &(usize, usize)| o.0.abs_diff(e) <= 4 || s.abs_diff(o.1) <= 4;
        if items.iter().enumerate().any(|(m, o)| m != k && near(o)) {
            out.push((s, e));
        }
    }
    out
}

/// A dated list's entry lies between two dates this far apart at least
/// (a title) and at most (a title with its analyst or category).
const DATED_ENTRY: std::ops::RangeInclusive<usize> = 8..=90;

/// Lists of dated entries without `《》` (related reports, a company's
/// announcements): `2020-04-30华熙生物:功能性护肤品…/刘文正2020-02-29华熙
/// 生物:…`. Each pair of neighbouring ISO dates (`2020-04-30`,
/// `2020/7/14`, `2020.4.21`) with a title between them and no sentence end
/// is an item; a list of three dates gives two items in a row, a block.
/// Prose writes its dates with 年月日, or ends a sentence between them.
fn dated_list_items(chars: &[char]) -> Vec<(usize, usize)> {
    let mut dates: Vec<(usize, usize)> = Vec::new();
    let mut i = 0;
    while i + 8 <= chars.len() {
        match iso_date_end(chars, i) {
            Some(end) => {
                dates.push((i, end));
                i = end;
            }
            None => i += 1,
        }
    }
    dates
        .windows(2)
        .filter(|pair| {
            let (before, after) = (pair[0], pair[1]);
            let entry = &chars[before.1..after.0];
            // A table row puts a figure right after its date (`2018-08-01
            // 152 10.35 …`), a table of contents its leader dots; a list
            // of reports puts a title there, maybe after the item's number
            // (`…2020.12.07 2.某某科技(000001)…2020.11.25`).
            DATED_ENTRY.contains(&entry.len())
                && (!entry[0].is_ascii_digit() || item_number(entry))
                && !entry.windows(3).any(|w| w == ['.', '.', '.'])
                && !entry.iter().any(|c| matches!(c, '。' | ';' | '!' | '?'))
        })
        .map(|pair| (pair[0].0, pair[1].1))
        .collect()
}

/// The end of a related report's entry after its label ending at `at`:
/// the end of its date (`相关报告1.某某医疗(000001):十年厚积薄发,扩张
/// 提速2020-11-26`), if one comes within [`DATED_ENTRY`] characters and
/// no sentence end before it; else `at`. A title may hold commas.
fn dated_entry_end(chars: &[char], at: usize) -> usize {
    let limit = (at + DATED_ENTRY.end()).min(chars.len());
    for i in at..limit {
        if matches!(chars[i], '。' | ';' | '!' | '?') {
            break;
        }
        if let Some(end) = iso_date_end(chars, i) {
            return end;
        }
    }
    at
}

/// Does `entry` open with a list item's number (`2.某某`, `12、某某`): one
/// or two digits, a dot or `、`, then no digit?
fn item_number(entry: &[char]) -> bool {
    let digits = entry.iter().take_while(|c| c.is_ascii_digit()).count();
    (1..=2).contains(&digits)
        && entry.get(digits).is_some_and(|c| matches!(c, '.' | '、'))
        && entry.get(digits + 1).is_some_and(|c| !c.is_ascii_digit())
}

/// The end of an ISO-like date (`2020-04-30`, `2020/7/14`, `2020.4.21`)
/// starting at `at`, not inside a longer number.
fn iso_date_end(chars: &[char], at: usize) -> Option<usize> {
    if at > 0 && chars[at - 1].is_ascii_digit() {
        return None;
    }
    let year = chars[at..]
        .iter()
        .take_while(|c| c.is_ascii_digit())
        .count();
    if year != 4 || !matches!(chars[at], '1' | '2') {
        return None;
    }
    let sep = *chars.get(at + 4)?;
    if !matches!(sep, '-' | '/' | '.') {
        return None;
    }
    let part = |from: usize| {
        chars[from..]
            .iter()
            .take(2)
            .take_while(|c| c.is_ascii_digit())
            .count()
    };
    let value = |from: usize, len: usize| {
        chars[from..from + len]
            .iter()
            .fold(0, |v, c| v * 10 + c.to_digit(10).unwrap_or(0))
    };
    let month = part(at + 5);
    if month == 0
        || !(1..=12).contains(&value(at + 5, month))
        || chars.get(at + 5 + month) != Some(&sep)
    {
        return None;
    }
    // A decimal table cell (`2011.40.40`) is not a date.
    let day = part(at + 6 + month);
    (day > 0 && (1..=31).contains(&value(at + 6 + month, day))).then_some(at + 6 + month + day)
}

/// Ratings as a rating box writes them beside a stock (normalized).
pub(crate) const RATINGS: &[&str] = &[
    "强烈推荐",
    "谨慎推荐",
    "审慎增持",
    "优于大市",
    "强于大市",
    "同步大市",
    "弱于大市",
    "跑赢行业",
    "跑输行业",
    "买入",
    "增持",
    "持有",
    "中性",
    "减持",
    "卖出",
    "推荐",
];

/// A rating box's rows without field labels: a six-digit stock code, the
/// stock's short name and its rating (`688363华熙生物-买入-a`). Prose
/// names a stock before its code (`华熙生物(688363)`), so a code followed
/// by a name and a rating is a box's row; two in a row make a block.
fn rated_codes(chars: &[char]) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut i = 0;
    while i + 6 < chars.len() {
        let code = chars[i..]
            .iter()
            .take(7)
            .take_while(|c| c.is_ascii_digit())
            .count();
        if code != 6 || (i > 0 && chars[i - 1].is_ascii_digit()) {
            i += 1;
            continue;
        }
        let name_start = i + 6;
        let letters = chars[name_start..]
            .iter()
            .take(10)
            .take_while(|c| c.is_alphabetic())
            .count();
        // The shortest name followed by a rating: `华熙生物买入` is a name
        // and a rating, whatever separates them. A name has a Han
        // character: `000725ch买入` is a code with its exchange, in a
        // table row that named the stock before.
        let row_end = (2..=letters.min(8)).find_map(|name| {
            if !chars[name_start..name_start + name]
                .iter()
                .any(|&c| crate::text::chars::is_han(c))
            {
                return None;
            }
            let mut at = name_start + name;
            while at < chars.len() && matches!(chars[at], '-' | ' ' | '|' | '/') {
                at += 1;
            }
            RATINGS.iter().find_map(|r| {
                let len = r.chars().count();
                let word = chars.get(at..at + len)?;
                word.iter().copied().eq(r.chars()).then_some(at + len)
            })
        });
        match row_end {
            Some(end) => {
                out.push((i, end));
                i = end;
            }
            None => i += 6,
        }
    }
    out
}

/// A list of stocks without field labels (`相关标的`, a pick box without
/// ratings): a code with its exchange, then the stock's short name right
/// after it, the next code right after the name (`002612.sz朗姿股份430335.oc
/// 华韩整形2135.hk…`). Prose names a stock before its code, in brackets
/// (`朗姿股份(002612.sz)`), and a table row puts figures or words after the
/// name; two items back to back, each a field, make a block.
fn coded_names(chars: &[char]) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut run: Vec<(usize, usize)> = Vec::new();
    let mut flush = |run: &mut Vec<(usize, usize)>| {
        if run.len() >= 2 {
            out.append(run);
        }
        run.clear();
    };
    let mut i = 0;
    while i < chars.len() {
        if chars[i] != '.' {
            i += 1;
            continue;
        }
        let digits = chars[..i]
            .iter()
            .rev()
            .take(7)
            .take_while(|c| c.is_ascii_alphanumeric())
            .count();
        let code_start = i - digits;
        // A ticker: four to six digits (`0700`, `002612`) after something
        // other than a letter or digit.
        let is_code =
            (4..=6).contains(&digits) && chars[code_start..i].iter().all(|c| c.is_ascii_digit());
        let exchange = chars[i + 1..]
            .iter()
            .take(3)
            .take_while(|c| c.is_ascii_lowercase())
            .count();
        let name_start = i + 1 + exchange;
        // A short name: two to eight Han characters, then no more.
        let name = chars[name_start..]
            .iter()
            .take(9)
            .take_while(|&&c| crate::text::chars::is_han(c))
            .count();
        if is_code && (1..=2).contains(&exchange) && (2..=8).contains(&name) {
            if run.last().is_some_and(|&(_, end)| end != code_start) {
                flush(&mut run);
            }
            run.push((code_start, name_start + name));
            i = name_start + name;
        } else {
            i += 1;
        }
    }
    flush(&mut run);
    out
}

/// The labels of fields: [`FIELDS`] and the front page's price chart
/// captions (`captions`), which are fields without a value.
fn field_labels() -> impl Iterator<Item = &'static str> {
    FIELDS.iter().chain(captions::CHART_CAPTIONS).copied()
}

/// Where each field label starts and ends.
fn field_positions(chars: &[char]) -> Vec<(usize, usize)> {
    // Labels sorted by first character: a position is compared only with
    // the labels that start with its character.
    static LABELS: std::sync::LazyLock<Vec<Vec<char>>> = std::sync::LazyLock::new(|| {
        let mut labels: Vec<Vec<char>> = field_labels().map(|f| f.chars().collect()).collect();
        labels.sort();
        labels
    });
    let labels = &*LABELS;
    // Built once: a block is often a line, and there are many.
    static FIRSTS: std::sync::LazyLock<crate::text::chars::CharSet> =
        std::sync::LazyLock::new(|| crate::text::chars::CharSet::first_chars(field_labels()));
    let firsts = &*FIRSTS;
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        // SAC certificate numbers (S + 13 digits) and e-mail addresses are
        // fields whatever their label.
        if c == 's' && sac_at(chars, i) {
            out.push((i, i + 14));
            i += 14;
            continue;
        }
        // Phone numbers: a staff list (`张三+862112345678李四+86…`)
        // has no labels at all.
        if matches!(c, '+' | '0' | '(') {
            if let Some(end) = phone_at(chars, i) {
                out.push((i, end));
                i = end;
                continue;
            }
        }
        if c == '@' {
            if let Some(r) = email_at(chars, i) {
                i = r.end;
                out.push((r.start, r.end));
                continue;
            }
        }
        if firsts.contains(c) {
            let from = labels.partition_point(|l| l[0] < c);
            let to = labels.partition_point(|l| l[0] <= c);
            if let Some(l) = labels[from..to]
                .iter()
                .filter(|l| chars[i..].starts_with(l) && !latin::inside_word(chars, i, l))
                .max_by_key(|l| l.len())
            {
                // A label is followed by its value, not by more words of a
                // sentence: `分析师认为` is prose.
                let after = chars.get(i + l.len()).copied();
                let labelled = matches!(after, Some(':' | ' ' | '(' | '《' | '|'))
                    || after.is_some_and(|a| a.is_ascii_alphanumeric())
                    || is_name_after(chars, i + l.len())
                    || matches!(
                        l.iter().collect::<String>().as_str(),
                        "相关报告" | "相关研究" | "近期报告" | "市场数据" | "基础数据"
                    )
                    || is_caption(l);
                let labelled = rated::labelled(chars, l, i + l.len(), labelled);
                if labelled {
                    out.push((i, i + l.len()));
                    i += l.len();
                    continue;
                }
            }
        }
        i += 1;
    }
    out
}

/// A phone number at `i`: `+86` and ten or eleven digits
/// (`+862112345678`, `+86-21-12345678`), an area code and a number
/// (`021-12345678`, `(0755)12345678`, `(852)12345678`), not inside a
/// longer number. Returns its end.
fn phone_at(chars: &[char], i: usize) -> Option<usize> {
    if i > 0 && chars[i - 1].is_ascii_alphanumeric() {
        return None;
    }
    let get = |k: usize| chars.get(k).copied();
    let digits_from = |k: usize| {
        chars[k.min(chars.len())..]
            .iter()
            .take(12)
            .take_while(|c| c.is_ascii_digit())
            .count()
    };
    let end = match chars[i] {
        '+' => {
            if get(i + 1) != Some('8') || get(i + 2) != Some('6') {
                return None;
            }
            // `+86` then digits, maybe split by one or two dashes or spaces.
            let mut k = i + 3;
            let mut count = 0;
            while let Some(c) = get(k) {
                if c.is_ascii_digit() {
                    count += 1;
                } else if !(matches!(c, '-' | ' ')
                    && get(k + 1).is_some_and(|d| d.is_ascii_digit()))
                {
                    break;
                }
                k += 1;
            }
            (10..=11).contains(&count).then_some(k)?
        }
        '0' => {
            let area = digits_from(i);
            if !(3..=4).contains(&area) || get(i + area) != Some('-') {
                return None;
            }
            let number = digits_from(i + area + 1);
            (7..=8).contains(&number).then_some(i + area + 1 + number)?
        }
        _ => {
            let area = digits_from(i + 1);
            if !(3..=4).contains(&area) || get(i + 1 + area) != Some(')') {
                return None;
            }
            let number = digits_from(i + area + 2);
            (7..=8).contains(&number).then_some(i + area + 2 + number)?
        }
    };
    get(end).is_none_or(|c| !c.is_ascii_digit()).then_some(end)
}

/// Contact fields with a value of their own (a number, an address).
const VALUE_FIELDS: &[&str] = &[
    "执业证书",
    "证书编号",
    "执业编号",
    "执业证号",
    "登记编号",
    "资格证",
    "sac",
    "电话",
    "邮箱",
    "mail",
    "tel:",
    "传真",
    "地址",
    "邮编",
    "网址",
    "@",
];

/// Labels of people, whose value is a name.
const PEOPLE: &[&str] = &["分析师", "研究助理", "联系人"];

/// Labels of the reports a report follows.
const REPORT_LABELS: &[&str] = &["相关报告", "相关研究", "近期报告", "近期研究", "历史报告"];

/// Fields that say who wrote a report or how to reach its broker, or
/// which reports it follows: a block with one of these is cover matter
/// wherever it is. A block of market data alone (`市盈率`, `总市值`) is a
/// cover's data box on the front page, a chart's labels in the body.
const CONTACT_FIELDS: [&[&str]; 3] = [PEOPLE, VALUE_FIELDS, REPORT_LABELS];

/// Whether the label `f` starts at `chars[i]` and ends before `end`.
fn label_at(chars: &[char], i: usize, end: usize, f: &str) -> bool {
    f.chars()
        .eq(chars[i..end].iter().copied().take(f.chars().count()))
}

/// Does the block `r` hold contact fields (names, numbers, addresses,
/// related reports), not only market data? Not only their words either:
/// a rating scale's `分析师(或分析师团队)所覆盖…` in every line, a
/// disclaimer's `相关研究报告` again and again, have no name, number or
/// list of reports.
pub(crate) fn is_contact_block(chars: &[char], r: Range<usize>) -> bool {
    let r = r.start..r.end.min(chars.len());
    let block = &chars[r.clone()];
    let starts = |f: &str, i: usize| label_at(block, i, block.len(), f);
    let value = (0..block.len()).any(|i| {
        VALUE_FIELDS.iter().any(|f| starts(f, i))
            || phone_at(chars, r.start + i).is_some()
            || PEOPLE.iter().any(|f| {
                let at = r.start + i + f.chars().count();
                starts(f, i) && is_name_after(chars, at + usize::from(chars.get(at) == Some(&':')))
            })
    });
    value
        || [
            rated_codes(block),
            coded_names(block),
            report_list_items(block),
            street_addresses(block),
            listed::labelled_lists(block),
        ]
        .iter()
        .any(|items| !items.is_empty())
        || listed::labelled_dated_list(block)
}

/// Where the first contact field of the block `r` starts, if it has one.
pub(crate) fn first_contact_field(chars: &[char], r: Range<usize>) -> Option<usize> {
    let r = r.start..r.end.min(chars.len());
    let block = &chars[r.clone()];
    let field = r.clone().find(|&i| {
        CONTACT_FIELDS
            .iter()
            .flat_map(|fields| fields.iter())
            .any(|f| label_at(chars, i, r.end, f))
            || phone_at(chars, i).is_some()
    });
    let rows = [
        rated_codes(block),
        coded_names(block),
        report_list_items(block),
    ]
    .into_iter()
    .filter_map(|items| items.first().map(|&(s, _)| r.start + s));
    let first = field.into_iter().chain(rows).min()?;
    Some(masthead::institute_before(chars, first, r.start).unwrap_or(first))
}

fn is_mail_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-' | '+')
}

fn sac_at(chars: &[char], i: usize) -> bool {
    chars.len() >= i + 14
        && chars[i + 1..i + 14].iter().all(|c| c.is_ascii_digit())
        && chars.get(i + 14).is_none_or(|c| !c.is_ascii_digit())
        && (i == 0 || !chars[i - 1].is_ascii_alphanumeric())
}

/// A name of two to four Han characters right after a label, then a
/// field, a digit, a bracket or the end: `分析师刘凯(执业…`. Or then the
/// icon a PDF font draws before the phone (a private-use character:
/// `分析师刘凯\u{f028}:010-…`), which is no word of a sentence.
fn is_name_after(chars: &[char], at: usize) -> bool {
    let han = chars[at.min(chars.len())..]
        .iter()
        .take_while(|c| crate::text::chars::is_han(**c))
        .count();
    if !(2..=4).contains(&han) {
        return false;
    }
    chars.get(at + han).is_none_or(|c| {
        c.is_ascii_alphanumeric()
            || matches!(c, '(' | ':' | ' ' | ',')
            || ('\u{e000}'..='\u{f8ff}').contains(c)
    })
}

/// Whether a block holds a certificate number or an e-mail address.
fn strong_field(chars: &[char], r: Range<usize>) -> bool {
    let r = r.start..r.end.min(chars.len());
    r.clone().any(|i| {
        (chars[i] == '@' && email_at(chars, i).is_some()) || (chars[i] == 's' && sac_at(chars, i))
    })
}

/// The e-mail address around the `@` at `at`: a local part, and a domain
/// with a dot and letters after it (`liu@sxzq.com`; not `pass@1`).
fn email_at(chars: &[char], at: usize) -> Option<Range<usize>> {
    let start = (0..at)
        .rev()
        .take_while(|&k| is_mail_char(chars[k]))
        .last()?;
    let end = (at + 1..chars.len())
        .take_while(|&k| is_mail_char(chars[k]))
        .last()
        .map(|k| k + 1)?;
    let domain = &chars[at + 1..end];
    let dot = domain.iter().rposition(|c| *c == '.')?;
    let tld = &domain[dot + 1..];
    (dot > 0 && tld.len() >= 2 && tld.iter().take(2).all(|c| c.is_ascii_alphabetic()))
        .then_some(start..end)
}

/// The end of the value that follows a field label ending at `at`: up to
/// the next sentence end or bullet, at most [`FIELD_GAP`] characters, and
/// not into a following sentence of prose.
fn value_end(chars: &[char], at: usize) -> usize {
    let limit = (at + FIELD_GAP).min(chars.len());
    let mut k = at;
    // 《related report》2020-11-23 runs to the end of its date.
    while k < limit {
        let c = chars[k];
        if matches!(c, '。' | ';' | '；' | '!' | '?') || super::scan::is_bullet(c) {
            return k;
        }
        if c == '》' {
            // Its date, if any, belongs to it.
            let mut j = k + 1;
            while j < chars.len()
                && (chars[j].is_ascii_digit() || matches!(chars[j], '-' | '/' | '.'))
            {
                j += 1;
            }
            return j;
        }
        // Prose starts: a run of Han characters with a comma, long enough
        // to be a sentence.
        if c == ',' || c == '，' {
            let han_before = chars[at..k]
                .iter()
                .filter(|c| crate::text::chars::is_han(**c))
                .count();
            if han_before >= 12 {
                return at + (k - at).min(8);
            }
        }
        k += 1;
    }
    // Without a clear end, the value is its first token: digits, Latin,
    // or up to eight Han characters.
    let token = chars[at..limit]
        .iter()
        .take_while(|c| !matches!(c, '。' | ','))
        .count();
    at + token.min(24)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The contact blocks of `text`, as text (also for `address`'s tests).
    pub(super) fn blocks(text: &str) -> Vec<String> {
        let chars: Vec<char> = text.chars().collect();
        contact_blocks(&chars)
            .into_iter()
            .map(|r| chars[r].iter().collect())
            .collect()
    }

    #[test]
    fn an_analyst_block_glued_after_a_summary() {
        let text = "风险提示:需求不及预期。分析师:刘建宏执业证书编号:s0760518030002电话:0351-8686724邮箱:liujianhong@sxzq.com➢人纤维蛋白原:2020年1月纤原合计批签发6.46万瓶,同比下降55.97%。";
        let found = blocks(text);
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(found[0].starts_with("分析师:刘建宏"), "{found:?}");
        assert!(found[0].ends_with("liujianhong@sxzq.com"), "{found:?}");
    }

    #[test]
    fn an_analysts_name_before_a_phone_icon_opens_the_block() {
        // A bullet ending without a sentence end, then the analyst, whose
        // phone the PDF's font marks with a private-use icon.
        let text = "风险提示需求不及预期的风险等分析师王某某\u{f028}:010-12345678\u{f02a}:wangmm@abczq.com.cn分析师登记编码:s0000520070001";
        let found = blocks(text);
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(found[0].starts_with("分析师王某某"), "{found:?}");
    }

    #[test]
    fn a_dateline_before_the_title_is_not_the_analysts_block() {
        let text = "报告日期:2019年8月5日甲乙行业景气回暖,格局渐稳──甲乙行业季度报告[table_x]行业研究|甲乙行业|:分析师:张三执业证书编号:s1230520070002";
        let found = blocks(text);
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(
            found[0].trim_start_matches(':').starts_with("分析师:张三"),
            "{found:?}"
        );
        // A date with the analyst right after it is the block's first field.
        let text = "报告日期:2021年05月09日分析师:张三s1070518060001";
        assert!(blocks(text)[0].starts_with("报告日期"));
    }

    #[test]
    fn a_rating_boxs_values_after_the_page_footer_are_the_boxs() {
        let text = "研究报告行业评级:上次评级:专题|敬请阅读末页的声明条款化工跑赢行业跑赢行业维持2019年03月08日(评级)某某材料:涂料需求触底回升";
        let found = blocks(text);
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(found[0].starts_with("评级:上次评级"), "{found:?}");
        assert!(found[0].ends_with("2019年03月08日(评级)"), "{found:?}");
        // The title after it is not the analysts' block's.
        let more = format!("{text},龙头份额持续提升化工专题报告作者:分析师张三s1110517070005");
        let found = blocks(&more);
        assert_eq!(found.len(), 2, "{found:?}");
        assert!(found[1].starts_with("作者:分析师张三"), "{found:?}");
        // Nor a table row's ratings after its figures.
        assert!(
            blocks("上次评级:股票简称某某生物0.570.69优于大市优于大市资料来源:wind").is_empty()
        );
        // One rating in prose is no such pair.
        assert!(blocks("上次评级:我们维持强于大市评级,行业景气向上。").is_empty());
    }

    #[test]
    fn lists_of_related_reports_with_their_dates() {
        let text = "行业保持高景气。《电子行业深度报告:功率半导体国产替代正当时》——2021-03-01《电子行业周报:面板涨价持续超预期》——2021-02-28公司产品线丰富,竞争力强。";
        let found = blocks(text);
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(
            found[0].starts_with("《电子行业深度报告") && found[0].ends_with("2021-02-28"),
            "{found:?}"
        );
        // A report cited once in a sentence is prose.
        assert!(blocks("我们在《医美行业深度报告》(2021年3月1日)中指出,渗透率仍低。").is_empty());
    }

    #[test]
    fn a_related_report_runs_to_its_date() {
        let text = "分析师:张三执业证书号:s0010520080004相关报告1.某某医疗(000001):十年深耕厚积薄发,“1+n”扩张提速2020-11-26主要观点:行业景气持续向上,需求旺盛。";
        let found = blocks(text);
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(found[0].ends_with("扩张提速2020-11-26"), "{found:?}");
    }

    #[test]
    fn a_numbered_list_of_dated_reports_is_a_block() {
        let text = "相关研究1.需求回暖,显示行业景气延续2021.01.052.某某光电(000001)产能释放在即2020.12.113.某某光电(000001)新品加速放量2020.09.30公司产品线丰富,竞争力强。";
        let found = blocks(text);
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(found[0].ends_with("2020.09.30"), "{found:?}");
        // A table's rows put figures after their dates.
        assert!(blocks("2020-01-021.52.32020-01-031.62.42020-01-061.72.5").is_empty());
    }

    #[test]
    fn a_staff_list_of_phone_numbers_is_a_contact_block() {
        let text = "不得对本报告进行有悖原意的删节和修改。研究所所长王大明+862112345678副所长李小红+862112345679汽车行业研究赵一+86-21-12345680传媒行业研究钱二021-12345681";
        let found = blocks(text);
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(found[0].starts_with("+862112345678"), "{found:?}");
        assert!(found[0].ends_with("021-12345681"), "{found:?}");
        // Figures and codes are not phone numbers.
        assert!(blocks("营收+8612345678亿元,同比增长0.12-34567%,代码(300750)12345678").is_empty());
    }

    #[test]
    fn a_block_starts_with_the_rating_before_its_first_field() {
        let found = blocks("某某行业深度报告增持(维持)作者分析师:张三执业证书编号:s1234567890123");
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(found[0].starts_with("增持(维持)作者分析师"), "{found:?}");
    }

    #[test]
    fn market_data_alone_is_not_contact_matter() {
        let chars: Vec<char> = "2020/3/26获得fda证书2某某生物检测试剂盒2020/4/6获得fda证书"
            .chars()
            .collect();
        assert!(!is_contact_block(&chars, 0..chars.len()));
        let chars: Vec<char> = "市盈率(ttm)市净率(lf)".chars().collect();
        assert!(!is_contact_block(&chars, 0..chars.len()));
        let chars: Vec<char> = "地址:上海市某某路100号邮编:200120".chars().collect();
        assert!(is_contact_block(&chars, 0..chars.len()));
        // Words of contact fields without a name, a number or a report.
        let chars: Vec<char> = "股价超越分析师(或分析师团队)所覆盖股票平均回报"
            .chars()
            .collect();
        assert!(!is_contact_block(&chars, 0..chars.len()));
        let chars: Vec<char> = "本公司以往相关研究报告的表现,今后相关研究报告"
            .chars()
            .collect();
        assert!(!is_contact_block(&chars, 0..chars.len()));
        let chars: Vec<char> = "分析师:张三(8621)12345678".chars().collect();
        assert!(is_contact_block(&chars, 0..chars.len()));
    }

    #[test]
    fn analysts_in_prose_are_not_a_block() {
        let text = "分析师认为,公司明年的收入增长将会加速,目标价为50元。";
        assert!(blocks(text).is_empty());
    }

    #[test]
    fn a_price_chart_caption_is_the_blocks_own() {
        let b = blocks(
            "板块与上证指数走势比较资料来源:wind,丙丁证券研究所分析师:赵六执业证号:s0100000000009",
        );
        assert_eq!(b.len(), 1);
        assert!(b[0].starts_with("板块与上证指数走势比较资料来源"), "{b:?}");
    }

    #[test]
    fn a_dateline_without_its_date_leaves_the_banner_alone() {
        let b = blocks("近3个月板块指数与上证指数比较报告编号:ab17-cd05首次报告日期:证券研究报告/行业研究/季度策略");
        assert_eq!(
            b,
            ["近3个月板块指数与上证指数比较报告编号:ab17-cd05首次报告日期:"]
        );
    }

    #[test]
    fn a_block_does_not_run_from_a_caption_over_the_title() {
        let b = blocks(
            "总股本(亿股)2.40流通股本(亿股)0.90近一月换手率(%)88.20股价走势图来源:某数据库研发驱动成长稳健龙头乘风破浪——\
             公司深度报告孙八(分析师)sunba@example.cn证书编号:s0790000000007",
        );
        assert_eq!(b.len(), 2, "{b:?}");
        assert!(b[0].ends_with("股价走势"), "{b:?}");
        assert!(b[1].starts_with("sunba@"), "{b:?}");
    }

    #[test]
    fn a_caption_opens_its_block_with_its_words() {
        let b = blocks("回升2.15%近一年板块指数与上证50走势比较来源:某数据库分析师:周九执业证号:s0100000000006");
        assert_eq!(b.len(), 1);
        assert!(b[0].starts_with("近一年板块指数与上证50走势比较"), "{b:?}");
    }
}
