//! Lists that are not prose: a bare list of names (a portfolio, a
//! coverage list, a table's column of companies) and a list of report
//! titles (a front page's 相关报告). Read by `super::residue::reads_as_table`.
//!
//! Works on the characters of normalized text.

/// What separates a list's items, and its groups' labels (`【功率】某甲、
/// 某乙；【封测】某丙`).
const LIST_SEPARATORS: [char; 10] = ['、', '，', ',', '；', ';', '：', ':', '【', '】', ' '];

/// Items a bare list of names holds at least, and the longest such item.
const MIN_LIST_ITEMS: usize = 8;
const MAX_NAME_CHARS: usize = 6;

/// Whether a passage is a bare list of names (`重点覆盖组合京东方A、海康威视、
/// 视源股份、…、水晶光电。`): eight names or more between enumeration
/// commas make most of it. A list in a sentence (`建议关注：某某医疗（300001）、
/// …`) brackets codes after the names, and a risk list's items are phrases.
pub(crate) fn is_name_list(text: &str) -> bool {
    // Codes and figures in brackets are the names' own (`某某医疗（688001）`,
    // `某某股份（13.5，+37.4%）`): set aside before the list is split, as
    // their commas are not the list's.
    let text = without_bracketed_figures(text);
    let chars = text.chars().filter(|c| !c.is_whitespace()).count();
    let items: Vec<usize> = text
        .split(LIST_SEPARATORS)
        .flat_map(|item| item.split('。'))
        .map(|item| {
            list_item(item)
                .chars()
                .filter(|c| !c.is_whitespace())
                .count()
        })
        .filter(|&n| n > 0)
        .collect();
    // The first item carries the list's label, the last the sentence's end.
    let inner = items.get(1..items.len().saturating_sub(1)).unwrap_or(&[]);
    let (names, named) = inner
        .iter()
        .filter(|&&n| (2..=MAX_NAME_CHARS).contains(&n))
        .fold((0, 0), |(count, sum), &n| (count + 1, sum + n));
    // A recommendation is a sentence, whatever its length (`建议关注：…`).
    let label = text.split(LIST_SEPARATORS).next().unwrap_or("");
    let recommends = ["推荐", "关注", "看好", "建议", "风险"]
        .iter()
        .any(|w| label.contains(w));
    !recommends && names >= MIN_LIST_ITEMS && names * 10 >= inner.len() * 9 && named * 2 >= chars
}

/// `text` without its brackets that hold a digit (a code, a figure); a
/// bracket of words stays, without its marks (`欧姆龙（大连）`).
fn without_bracketed_figures(text: &str) -> String {
    let mut out = String::new();
    let mut depth = 0usize;
    let mut bracketed = String::new();
    for c in text.chars() {
        match c {
            '(' | '（' => depth += 1,
            ')' | '）' if depth > 0 => {
                depth -= 1;
                if depth == 0 {
                    if !bracketed.chars().any(|c| c.is_ascii_digit()) {
                        out.push_str(&bracketed);
                    }
                    bracketed.clear();
                }
            }
            _ if depth > 0 => bracketed.push(c),
            _ => out.push(c),
        }
    }
    out.push_str(&bracketed);
    out
}

/// A list item without what a list puts around a name: its number before
/// (`3、`, `4)`) and `等` at its end.
fn list_item(item: &str) -> &str {
    let named = item
        .trim_start_matches(|c: char| c.is_ascii_digit() || matches!(c, ')' | '）' | '.' | ' '));
    named.strip_suffix('等').unwrap_or(named)
}

/// Titles a list of reports holds at least.
const MIN_LISTED_TITLES: usize = 3;

/// Whether a passage is a list of reports (a front page's 相关报告, a
/// series' back list): titles each after its date (`2031/5/23某某深度点评：
/// …2031/5/22…`), or in book-title marks (`10、某系列之十《…》11、…`), and
/// no sentence ends outside the marks. Prose that cites documents ends its
/// sentences.
pub(crate) fn lists_titles(cs: &[char]) -> bool {
    let (mut depth, mut ends, mut marked, mut dated) = (0usize, 0usize, 0usize, 0usize);
    // Short words in lenticular brackets, and where the last one opened.
    let (mut tagged, mut tag_open) = (0usize, None);
    for (i, &c) in cs.iter().enumerate() {
        match c {
            '《' => depth += 1,
            '》' if depth > 0 => {
                depth -= 1;
                marked += 1;
            }
            '【' => tag_open = Some(i),
            '】' => {
                tagged += usize::from(tag_open.is_some_and(|o| (3..=13).contains(&(i - o))));
                tag_open = None;
            }
            '。' | '!' | '?' | '！' | '？' if depth == 0 => ends += 1,
            _ => {}
        }
        // A date's last digit right before a title: `2031/5/23某`, `20310523《`.
        let titled = cs
            .get(i + 1)
            .is_some_and(|&n| n == '《' || crate::text::is_han(n));
        if c.is_ascii_digit() && titled && date_ends_at(cs, i) {
            dated += 1;
        }
    }
    ends == 0
        && (dated >= MIN_LISTED_TITLES || marked > MIN_LISTED_TITLES || tagged >= MIN_TAGGED_TITLES)
}

/// Short words in 【】 a list of reports holds at least, where one broker
/// heads each title with its company or theme (`【某某眼科】title【医药连锁】
/// 主线之【药店】之一:【某某药房】title…`): twice the dated titles, as a
/// weekly's sentences put a word in 【】 now and then.
const MIN_TAGGED_TITLES: usize = 2 * MIN_LISTED_TITLES;

/// Whether a full date (`2031/5/23`, `2031-05-23`, `2031.5.23`, `20310523`)
/// ends at `cs[i]`.
fn date_ends_at(cs: &[char], i: usize) -> bool {
    // Digits up to and with `cs[to]`.
    let digits_back = |to: usize| super::page_numbers::digits_before(cs, to + 1);
    let day = digits_back(i);
    if day == 8 {
        let year: String = cs[i + 1 - 8..i + 1 - 4].iter().collect();
        return year.starts_with("19") || year.starts_with("20");
    }
    if !(1..=2).contains(&day) || i < day + 1 {
        return false;
    }
    let sep = cs[i - day];
    if !matches!(sep, '/' | '-' | '.') || i < day + 3 {
        return false;
    }
    let month = digits_back(i - day - 1);
    // The separator before the month.
    let Some(at) = (i - day).checked_sub(month + 1) else {
        return false;
    };
    (1..=2).contains(&month) && at >= 4 && cs[at] == sep && digits_back(at - 1) == 4
}

#[cfg(test)]
mod tests {
    use super::lists_titles;

    fn titles(text: &str) -> bool {
        lists_titles(&text.chars().collect::<Vec<char>>())
    }

    #[test]
    fn titles_headed_by_words_in_brackets_are_a_list_of_reports() {
        assert!(titles(
            "【某某眼科】新十年，塑造全球眼科龙头【医药连锁】主线之【药店】之一：【某甲药房】业绩拐点显现【医药连锁】主线之【药店】之二：【某乙药房】精耕细作稳健扩张"
        ));
        // A weekly's news, each item a sentence.
        assert!(!titles(
            "【行业要闻】某某医疗获批新产品。【公司公告】某甲药房发布年报。【政策】医保谈判即将落地。【数据】批签发增长。【观点】看好龙头。【风险】集采降价。"
        ));
        // A few bracketed words in a sentence's list.
        assert!(!titles("重点推荐【某甲医疗】【某乙生物】【某丙药业】"));
    }
}
