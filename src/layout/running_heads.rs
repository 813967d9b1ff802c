//! Running headers that say nothing a footer says, found by their page
//! numbers: `2020年11月23日某某医疗3`, `…研究院整理` + page, a third party's
//! `2017年并购回顾—中国医疗器械行业13`. [`super::furniture`] finds a header
//! by a cue beside it (请务必阅读…, 版权…); these have none. What gives them
//! away is the page number after them: the same words before a number
//! that grows by one from page to page, a page apart, three times or more.
//! In a one-line report they are glued inside sentences (`…强调各级医疗机构
//! 全` + header + `面配备…`), and a reader meets them there.
//!
//! A series' header may print its page number before the report's date
//! (`月度策略3` + `2015年12月4日`); the text glues the two into one figure
//! (`32015年12月4日`). There the date after the number is the key.
//!
//! Other brokers print the page number first (`34` + `全球视野本土智慧
//! GLOBALVIEWLOCALWISDOM`, `3` + `公司快报/某某`): there the ten words
//! after the number are the key, and what follows them on every page
//! belongs to the header too.
//!
//! Works on the characters of normalized text.

use super::page_numbers::value_of;
use std::collections::HashMap;
use std::ops::Range;

/// Characters before a page number that make the key of a header: enough
/// that a sentence rarely repeats them before a growing number.
const KEY: usize = 10;
/// Letters (Han or Latin) the key holds, at least: a run of figures is a
/// table's, not a header.
const KEY_LETTERS: usize = 4;
/// Characters between two pages' headers, at least: rows of a table are
/// closer.
const MIN_PAGE: usize = 300;
/// The same after a dated key, which table rows rarely repeat: a page of
/// a chart and its source is shorter.
const MIN_DATED_PAGE: usize = 150;
/// Occurrences of a header, at least.
const MIN_PAGES: usize = 3;
/// Steps of exactly one page between consecutive occurrences, at least:
/// figures or chapters numbered by a caption skip as often as they step.
const MIN_STEPS: usize = 2;
/// Characters before the key that recur on every page and belong to the
/// header (a date, the report's short name), at most.
const MAX_LEFT: usize = 60;
/// Characters after a dated key that recur on every page (a doubled `日`),
/// at most: more would be the page's first words.
const MAX_RIGHT: usize = 2;

/// Sentence and list punctuation: a header does not pause, and dot
/// leaders are a table of contents'.
fn pauses(c: char) -> bool {
    matches!(
        c,
        '。' | '，' | ',' | '；' | ';' | ':' | '：' | '.' | '…' | '·' | '、'
    )
}

/// Whether a header's key pauses: a middle dot between two words is a
/// header's separator (`生物医药·行业动态跟踪报告`); a run of them is a
/// table of contents' leader.
fn pauses_in_key(key: &[char]) -> bool {
    key.iter().enumerate().any(|(k, &c)| {
        pauses(c) && !(c == '·' && key.get(k + 1) != Some(&'·') && (k == 0 || key[k - 1] != '·'))
    })
}

/// Characters of the count after a page number (`/12` in `9/12`), or 0:
/// a slash and up to two digits, a count no smaller than the number.
fn of_pages_after(chars: &[char], start: usize, end: usize) -> usize {
    if chars.get(end) != Some(&'/') {
        return 0;
    }
    // Two digits at most: a chapter's number may follow the count
    // (`3/19` + `1.公司概况`), and reports run to fewer than 100 pages.
    let digits = super::page_numbers::digits_from(chars, end + 1).min(2);
    if digits == 0 || end - start > 2 {
        return 0;
    }
    if value_of(&chars[end + 1..end + 1 + digits]) >= value_of(&chars[start..end]) {
        digits + 1
    } else {
        0
    }
}

/// What a key ending before a number marks as a count, a caption or a
/// date, not a header: `图3`, `第3`, `2021年3`, `（3`, `增长3`.
fn counts_before(c: char) -> bool {
    matches!(
        c,
        '图' | '表'
            | '第'
            | '章'
            | '节'
            | '条'
            | '('
            | '（'
            | ')'
            | '）'
            | '期'
            | '年'
            | '月'
            | '日'
            | '号'
            | '共'
            | '约'
            | '为'
            | '至'
            | '达'
            | '前'
            | '后'
            | '长'
            | '降'
            | '例'
            | '个'
            | '家'
            | '元'
            | '亿'
            | '万'
            | '倍'
            | '%'
    )
}

/// The running headers of `chars` found by their page numbers, added to
/// `spans` with the number and what recurs before the key on every page.
pub(crate) fn numbered_heads(chars: &[char], spans: &mut Vec<Range<usize>>) {
    let letter = |c: char| crate::text::chars::is_han(c) || c.is_ascii_alphabetic();
    // (start, end, value) of each page-number-like figure, by its key.
    let mut by_key: HashMap<&[char], Vec<(usize, usize, u32)>> = HashMap::new();
    // The same, keyed by the date glued after the number.
    let mut dated: HashMap<&[char], Vec<(usize, usize, u32)>> = HashMap::new();
    // The same, keyed by the words right after the number: a header that
    // prints the page number first (`34` + `全球视野本土智慧GLOBALVIEW…`).
    let mut before_words: HashMap<&[char], Vec<(usize, usize, u32)>> = HashMap::new();
    let mut i = KEY;
    while i < chars.len() {
        if !chars[i].is_ascii_digit() || chars[i - 1].is_ascii_digit() {
            i += 1;
            continue;
        }
        let digits_end = i + chars[i..].iter().take_while(|c| c.is_ascii_digit()).count();
        // A page of a count (`9/12`): the count goes with the number.
        let of_pages = of_pages_after(chars, i, digits_end);
        let end = digits_end + of_pages;
        let figure_goes_on = of_pages == 0
            && chars.get(end).is_some_and(|&c| {
                matches!(c, '%' | '.' | ',' | '/' | ':' | '：' | '、' | ')' | '）')
            });
        let key = &chars[i - KEY..i];
        let is_page = digits_end - i <= 3
            && !figure_goes_on
            && !matches!(chars[i - 1], '-' | '/')
            && !pauses_in_key(key)
            && !counts_before(chars[i - 1])
            && key.iter().filter(|&&c| letter(c)).count() >= KEY_LETTERS;
        if let Some(words) = words_after_page(chars, i, digits_end) {
            before_words.entry(words).or_default().push((
                i,
                digits_end,
                value_of(&chars[i..digits_end]),
            ));
        }
        if is_page {
            by_key
                .entry(key)
                .or_default()
                .push((i, end, value_of(&chars[i..digits_end])));
        } else if let Some(date_end) = page_then_date(chars, i, digits_end) {
            let number_end = digits_end - 4;
            dated
                .entry(&chars[number_end..date_end])
                .or_default()
                .push((i, number_end, value_of(&chars[i..number_end])));
        }
        i = end;
    }
    // A page number that furniture found by a cue already holds is that
    // furniture's; what recurs before it there (a chart's title on every
    // page, `某某生物业绩回顾`) is not a header's.
    let mut found = spans.clone();
    found.sort_by_key(|s| s.start);
    let taken = |at: usize| {
        let k = found.partition_point(|s| s.start <= at);
        found[..k].iter().rev().take(8).any(|s| s.contains(&at))
    };
    for (key, pages) in &dated {
        if !runs_like_pages(pages, MIN_DATED_PAGE) || pages.iter().all(|p| taken(p.0)) {
            continue;
        }
        let left = common_left(chars, pages, 0, &taken);
        let right = common_right(chars, pages, key.len(), MAX_RIGHT);
        for &(start, number_end, _) in pages {
            spans.push(start - left..number_end + key.len() + right);
        }
    }
    for (words, pages) in &before_words {
        // Ten words after a growing page number are a header's; a page
        // that a figure glued before it misnumbers (`20H1` + `9`), or a
        // slide shorter than a page, does not undo that: the longest run
        // of pages among them decides.
        if !runs_like_pages(&longest_run(pages), MIN_DATED_PAGE) || pages.iter().all(|p| taken(p.0))
        {
            continue;
        }
        let right = common_right(chars, pages, words.len(), MAX_LEFT);
        for &(start, number_end, _) in pages {
            spans.push(start..number_end + words.len() + right);
        }
    }
    for pages in by_key.values() {
        if !runs_like_pages(pages, MIN_PAGE) || pages.iter().all(|p| taken(p.0)) {
            continue;
        }
        let left = common_left(chars, pages, KEY, &taken);
        for (n, &(start, end, _)) in pages.iter().enumerate() {
            let from = start - KEY - left;
            // A chapter's numbered title printed atop each of its pages
            // (`④盈利预测和投资建议52`, normalized `4盈利…`) is the
            // chapter's heading where it first appears.
            if n == 0 && opens_with_heading_number(&chars[from..start]) {
                continue;
            }
            spans.push(from..end);
        }
    }
}

/// Whether a header starts with a chapter's number: `2.2`, `三、`,
/// `（一）`, or `④`, which normalization made `4` (`4盈利预测…`; not a
/// date's `2021年`).
fn opens_with_heading_number(header: &[char]) -> bool {
    let Some(&first) = header.first() else {
        return false;
    };
    let digits = header.iter().take_while(|c| c.is_ascii_digit()).count();
    let after = header.get(digits).copied();
    (digits > 0 && matches!(after, Some('.' | '、')))
        || ((1..=2).contains(&digits)
            && after.is_some_and(|c| {
                crate::text::chars::is_han(c) && !matches!(c, '年' | '月' | '日' | '号')
            }))
        || ("一二三四五六七八九十".contains(first) && header.get(1) == Some(&'、'))
        || (matches!(first, '(' | '（')
            && header
                .get(1)
                .is_some_and(|c| "一二三四五六七八九十".contains(*c)))
}

/// Whether numbers after one key run like a report's pages: enough of them,
/// growing, `min_page` characters apart at least, most steps one page.
fn runs_like_pages(pages: &[(usize, usize, u32)], min_page: usize) -> bool {
    pages.len() >= MIN_PAGES
        && pages.windows(2).all(|w| w[1].2 > w[0].2)
        && pages.windows(2).all(|w| w[1].0 - w[0].0 >= min_page)
        && pages.windows(2).filter(|w| w[1].2 == w[0].2 + 1).count() >= MIN_STEPS
}

/// Where the date ends when the figure `chars[start..end]` is a page number
/// of one to three digits glued to a date's year: `3` + `2015年12月4日`.
fn page_then_date(chars: &[char], start: usize, end: usize) -> Option<usize> {
    if !(5..=7).contains(&(end - start)) || chars.get(end) != Some(&'年') {
        return None;
    }
    let century = &chars[end - 4..end - 2];
    if century != ['2', '0'] && century != ['1', '9'] {
        return None;
    }
    // `年` then one or two digits and `月`, one or two digits and `日`.
    let mut at = end + 1;
    for unit in ['月', '日'] {
        let digits = super::page_numbers::digits_from(chars, at);
        if !(1..=2).contains(&digits) || chars.get(at + digits) != Some(&unit) {
            return None;
        }
        at += digits + 1;
    }
    Some(at)
}

/// The words right after a page number of one to three digits at
/// `start..end` (the key of a header printed after its page number), when
/// they could be a header's: [`KEY`] characters, letters mostly, no pause,
/// not a unit or a count after the number (`3年`, `5家`, `2个`), and no
/// caption before it (`图3`, `第3`). What ends before the number may be
/// anything (a chart's `(%)`, a source line): ten words after it say more.
fn words_after_page(chars: &[char], start: usize, end: usize) -> Option<&[char]> {
    let words = chars.get(end..end + KEY)?;
    let letter = |c: char| crate::text::chars::is_han(c) || c.is_ascii_alphabetic();
    let unit_after = |c: char| {
        counts_before(c)
            || "页次人位只支款项种类名天周季小分秒米吨片台件套级代线股成折点".contains(c)
    };
    let fits = end - start <= 3
        && letter(words[0])
        && !unit_after(words[0])
        && !pauses_in_key(words)
        && words.iter().filter(|&&c| letter(c)).count() >= KEY_LETTERS
        && (start == 0 || !matches!(chars[start - 1], '图' | '表' | '第' | '-' | '/' | '.'));
    fits.then_some(words)
}

/// The longest run of `pages` (in the text's order) whose numbers grow and
/// that lie [`MIN_DATED_PAGE`] characters apart at least.
fn longest_run(pages: &[(usize, usize, u32)]) -> Vec<(usize, usize, u32)> {
    // For each page, the longest run ending there and the page before it.
    let mut best: Vec<(usize, Option<usize>)> = Vec::with_capacity(pages.len());
    for (k, page) in pages.iter().enumerate() {
        let before = (0..k)
            .filter(|&j| pages[j].2 < page.2 && page.0 - pages[j].0 >= MIN_DATED_PAGE)
            .max_by_key(|&j| best[j].0);
        best.push(before.map_or((1, None), |j| (best[j].0 + 1, Some(j))));
    }
    let mut at = (0..pages.len()).max_by_key(|&k| best[k].0);
    let mut run = Vec::new();
    while let Some(k) = at {
        run.push(pages[k]);
        at = best[k].1;
    }
    run.reverse();
    run
}

/// Characters after the key (`key` characters after each number) that
/// are the same after every occurrence, `most` at most: more would be the
/// page's first words. The rest of a long banner after its ten words
/// ([`MAX_LEFT`]); a doubled `日` after a dated key ([`MAX_RIGHT`]).
fn common_right(chars: &[char], pages: &[(usize, usize, u32)], key: usize, most: usize) -> usize {
    let mut right = 0;
    while right < most {
        let at = |&(_, number_end, _): &(usize, usize, u32)| chars.get(number_end + key + right);
        let first = at(&pages[0]);
        if first.is_none_or(|&c| pauses(c)) || pages.iter().any(|p| at(p) != first) {
            break;
        }
        right += 1;
    }
    right
}

/// Characters before the key (`key` characters before each number) that
/// are the same before every occurrence, up to furniture found before (a
/// footer the header follows).
fn common_left(
    chars: &[char],
    pages: &[(usize, usize, u32)],
    key: usize,
    taken: &dyn Fn(usize) -> bool,
) -> usize {
    let mut left = 0;
    while left < MAX_LEFT {
        let at = |start: usize| {
            (start - key)
                .checked_sub(left + 1)
                .filter(|&k| !taken(k))
                .map(|k| chars[k])
        };
        let first = at(pages[0].0);
        // A header holds no sentence end: one before it on every page is
        // the page's last sentence's.
        let ends_sentence = first.is_some_and(|c| matches!(c, '。' | '！' | '？' | '；'));
        if first.is_none() || ends_sentence || pages.iter().any(|p| at(p.0) != first) {
            break;
        }
        left += 1;
    }
    left
}

#[cfg(test)]
mod tests {
    use super::*;

    fn heads_of(text: &str) -> Vec<String> {
        let chars: Vec<char> = text.chars().collect();
        let mut spans = Vec::new();
        numbered_heads(&chars, &mut spans);
        spans.sort_by_key(|s| s.start);
        spans
            .into_iter()
            .map(|s| chars[s].iter().collect())
            .collect()
    }

    /// A page of prose, about 320 characters.
    fn page(seed: &str) -> String {
        format!("{seed}。").repeat(320 / (seed.chars().count() + 1) + 1)
    }

    #[test]
    fn a_header_with_a_middle_dot_and_a_page_of_a_count() {
        let header = "生物医药·行业动态跟踪报告";
        let text = [
            page("注射剂品种成为本批集采主力,数量占比过半"),
            format!("{header}3/12"),
            page("龙头企业涉及品种最多,关注光脚品种的机会"),
            format!("{header}4/12"),
            page("集采报价预计在年中开展,关注中选结果"),
            format!("{header}5/12"),
            "展望未来".to_string(),
        ]
        .concat();
        let found = heads_of(&text);
        assert_eq!(found.len(), 3, "{found:?}");
        assert!(found.iter().all(|f| f.ends_with("/12")), "{found:?}");
        // A table of contents' leader of dots is no header's separator.
        let leaders = [
            page("注射剂品种成为本批集采主力,数量占比过半"),
            "一、集采规模········3".to_string(),
            page("龙头企业涉及品种最多,关注光脚品种的机会"),
            "二、涉及品种········4".to_string(),
            page("集采报价预计在年中开展,关注中选结果"),
            "三、投资建议········5".to_string(),
        ]
        .concat();
        assert!(heads_of(&leaders).is_empty());
    }

    #[test]
    fn a_banner_after_its_page_number() {
        let banner = "某某视野本土智慧SOMEVIEWLOCALWISDOM";
        let text = [
            page("公司监护产品线全球领先，海外收入占比逐年提升"),
            format!("3{banner}行业基本面复盘：景气度回升"),
            page("体外诊断业务增长较快，化学发光装机持续放量"),
            format!("4{banner}产品端复盘：功效性护肤表现突出"),
            page("医学影像业务高端彩超占比提升，毛利率稳中有升"),
            format!("5{banner}渠道端复盘：线上渠道加速增长"),
            // A figure glued before the number misnumbers this page.
            page("集采降价压力可控，新产品持续获批上市"),
            format!("19{banner}品牌端复盘：国际品牌表现好于大盘"),
            page("公司新品放量带动收入增长"),
            format!("7{banner}板块复盘：业绩逐季改善"),
            // A slide shorter than a page.
            "盈利预测上调。".to_string(),
            format!("8{banner}估值：处于历史中枢"),
            page("维持行业推荐评级"),
        ]
        .concat();
        let found = heads_of(&text);
        assert_eq!(
            found,
            ["3", "4", "5", "19", "7", "8"]
                .iter()
                .map(|n| format!("{n}{banner}"))
                .collect::<Vec<_>>()
        );
        // Counts after a growing number are no header: `3家…`.
        let counts = [
            page("公司监护产品线全球领先，海外收入占比逐年提升"),
            "3家医院完成装机验收工作".to_string(),
            page("体外诊断业务增长较快，化学发光装机持续放量"),
            "4家医院完成装机验收工作".to_string(),
            page("医学影像业务高端彩超占比提升，毛利率稳中有升"),
            "5家医院完成装机验收工作".to_string(),
        ]
        .concat();
        assert!(heads_of(&counts).is_empty(), "{:?}", heads_of(&counts));
    }

    #[test]
    fn a_dated_header_before_a_growing_page_number() {
        let header = "2031年11月23日某某医疗";
        let text = [
            page("公司监护产品线全球领先，海外收入占比逐年提升"),
            format!("{header}3"),
            page("体外诊断业务增长较快，化学发光装机持续放量"),
            format!("{header}4"),
            page("医学影像业务高端彩超占比提升，毛利率稳中有升"),
            format!("{header}5"),
            page("集采降价压力可控，新产品持续获批上市"),
            "强调各级医疗机构全".to_string(),
            format!("{header}6"),
            "面配备、优先使用基本药物。".to_string(),
        ]
        .concat();
        let found = heads_of(&text);
        assert_eq!(found.len(), 4, "{found:?}");
        assert!(
            found.iter().all(|h| h.starts_with("2031年11月23日")),
            "{found:?}"
        );
        assert_eq!(found[3], format!("{header}6"));
    }

    #[test]
    fn a_chapters_title_atop_its_pages_stays_its_heading_where_it_opens() {
        let text = [
            page("资料来源：某某证券研究所"),
            "4盈利预测和投资建议52".to_string(),
            page("我们选取体量相似的门店作为参考"),
            "4盈利预测和投资建议53".to_string(),
            page("考虑到新店爬坡期的亏损"),
            "4盈利预测和投资建议54".to_string(),
            page("预计明年省外门店实现盈亏平衡"),
        ]
        .concat();
        assert_eq!(
            heads_of(&text),
            vec!["4盈利预测和投资建议53", "4盈利预测和投资建议54"]
        );
        // After a footer found by its cue, the title starts where the
        // footer ends, and its first appearance is still its heading.
        let footer = "请务必阅读正文之后的免责条款部分";
        let before = [
            page("行业集中度仍然较低"),
            format!("{footer}③行业格局分析41"),
            page("连锁机构的扩张速度加快"),
            format!("{footer}③行业格局分析42"),
        ]
        .concat();
        let text = before + &text.replace("4盈", &format!("{footer}4盈"));
        let chars: Vec<char> = text.chars().collect();
        let shown: Vec<String> = crate::layout::furniture::furniture(&chars)
            .into_iter()
            .map(|s| chars[s].iter().collect())
            .collect();
        assert_eq!(
            shown,
            vec![
                // Two pages are too few to tell a header.
                footer.to_string(),
                footer.to_string(),
                // The footer reads the chapter's number as its page's.
                format!("{footer}4"),
                format!("{footer}4盈利预测和投资建议53"),
                format!("{footer}4盈利预测和投资建议54"),
            ]
        );
    }

    #[test]
    fn a_series_page_number_glued_to_the_reports_date() {
        // `月度策略` + page + date, the date's `日` printed twice.
        let text = [
            page("医疗器械板块估值回落明显，关注业绩确定个股"),
            "行业监管趋严，包括一些上市公司月度策略22031年12月4日日在内的龙头".to_string(),
            page("飞行检查常态化，中小企业加速出清"),
            "营业收入和利润增速分别为9.18%和月度策略32031年12月4日日13.75%。".to_string(),
            page("高值耗材集采推进，国产替代加速"),
            "月度策略42031年12月4日日".to_string(),
            page("我们看好具备创新能力的龙头企业"),
        ]
        .concat();
        assert_eq!(
            heads_of(&text),
            vec![
                "月度策略22031年12月4日日",
                "月度策略32031年12月4日日",
                "月度策略42031年12月4日日",
            ]
        );
        // The same date after figures that do not run like pages is text.
        let text = text.replace("略3", "略7").replace("略4", "略1");
        assert!(heads_of(&text).is_empty(), "{:?}", heads_of(&text));
    }

    #[test]
    fn numbered_headings_captions_and_rows_are_no_headers() {
        // Headings numbered after the same words (`Round1：`), captions
        // (`图3`), and a table's rows a few characters apart.
        let text = [
            page("资料来源：某某证券研究中心"),
            "某某证券研究中心Round1：产品对比".to_string(),
            page("核心产品的价格带与竞品形成差异"),
            "某某证券研究中心Round2：渠道对比".to_string(),
            page("渠道覆盖的机构数量持续增加"),
            "某某证券研究中心Round3：研发对比".to_string(),
            page("公司在研管线覆盖多个适应症"),
            "医保谈判品种名单序号1医保谈判品种名单序号2医保谈判品种名单序号3".to_string(),
        ]
        .concat();
        assert!(heads_of(&text).is_empty(), "{:?}", heads_of(&text));
    }
}
