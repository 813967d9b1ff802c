//! The date of a report, from the head of the text: a labelled date (`日期`, `发布`) first,
//! then the first one written in Chinese (`2021年03月08日`), then the first other one
//! (`2021-03-08`, `2021.03.08`).  Data dates (`截至`, `收盘`) and dates after a reference
//! (`《…》`, `——`) do not count.

use crate::report::scan::{left_window, right_window};

pub(super) fn extract_date(s: &str) -> Option<String> {
    let head = right_window(s, 0, 4000);
    let b = head.as_bytes();
    let mut best: Option<(u8, usize, String)> = None; // (priority, pos, date)
    let mut i = 0;
    while i + 8 <= b.len() {
        if !(b[i] == b'1' || b[i] == b'2') || !b[i..i + 4].iter().all(u8::is_ascii_digit) {
            i += 1;
            continue;
        }
        let year: u32 = head[i..i + 4].parse().unwrap_or(0);
        if !(1990..=2039).contains(&year) {
            i += 1;
            continue;
        }
        let rest = &head[i + 4..];
        let parsed = parse_md(rest);
        let Some((m, d, used, cjk)) = parsed else {
            i += 1;
            continue;
        };
        let left = left_window(head, i, 10);
        // A chart's axis runs its labels together (`2020/11/2021/1/20`).
        if !cjk && left.ends_with('/') {
            i += 4 + used;
            continue;
        }
        if left.ends_with('》')
            || left.ends_with("》-")
            || left.ends_with("——")
            || left.ends_with("--")
            || left.ends_with('>')
            || left.ends_with("》——")
        {
            i += 4 + used;
            continue;
        }
        // Data dates, and an event's (`事件:2021年4月13日公司发布公告`).
        let excluded = [
            "截至",
            "截止",
            "数据为",
            "数据日期",
            "估值日期",
            "收盘",
            "股价",
            "事件:",
            // A period's bounds (`涨跌幅起始日期为上市首日(2020/9/28)`).
            "起始",
            "开始日期",
            "结束日期",
        ]
        .iter()
        .any(|w| left.contains(w));
        // `#createtime1#` is longer than the window above.
        let label = left_window(head, i, 16);
        // A date that heads the stock-data box (`日期2021/3/2当前股价(元)...`) is its data's:
        // its label says nothing of the report.
        let data_after = ["收盘价", "当前股价", "当前价", "股价", "现价", "总市值"]
            .iter()
            .any(|w| right_window(head, i + 4 + used, 4).starts_with(w));
        let cue = !excluded
            && !data_after
            && (["日期", "时间", "date]"].iter().any(|w| left.contains(w))
                || label.contains("createtime")
                // `发布:` right before the date; a related report's title may end in `发布`
                // (`关注苹果春季新品发布2021-04-18`).
                || ["发布:", "发布于"].iter().any(|w| left.ends_with(w)));
        let pri = if cue {
            0
        } else if excluded {
            9
        } else if cjk {
            1
        } else {
            2
        };
        if pri < 9 && best.as_ref().is_none_or(|bst| pri < bst.0) {
            best = Some((pri, i, format!("{year:04}-{m:02}-{d:02}")));
        }
        i += 4 + used;
    }
    // A cover that dates the report by its month only (`证券研究报告2021年2月`) gives no
    // day: an unlabelled full date further on is an event's or its data's.
    let (pri, at, date) = best?;
    if pri > 0 && month_only_cover_date(&head[..at]) {
        return None;
    }
    Some(date)
}

/// Whether `head` dates the report by month only right after its kind (`证券研究报告2021年2月`).
fn month_only_cover_date(head: &str) -> bool {
    head.match_indices("证券研究报告").any(|(p, w)| {
        let rest = &head[p + w.len()..];
        let b = rest.as_bytes();
        if b.len() < 7 || !b[..4].iter().all(u8::is_ascii_digit) || !rest[4..].starts_with('年') {
            return false;
        }
        let month = &rest[4 + '年'.len_utf8()..];
        let digits = month.bytes().take_while(u8::is_ascii_digit).count();
        (1..=2).contains(&digits) && month[digits..].starts_with('月') && {
            let after = &month[digits + '月'.len_utf8()..];
            !after.starts_with(|c: char| c.is_ascii_digit())
        }
    })
}

/// Parses `年M月D日`, `-MM-DD`, `.MM.DD`, `/MM/DD` after a year; returns (month, day, bytes used,
/// is-Chinese-format).
pub(super) fn parse_md(rest: &str) -> Option<(u32, u32, usize, bool)> {
    let mut it = rest.char_indices().peekable();
    let (_, sep) = it.next()?;
    let cjk = sep == '年';
    if !(cjk || matches!(sep, '-' | '.' | '/')) {
        return None;
    }
    let (m, _) = take_num(&mut it, 2)?;
    let sep2 = it.next()?.1;
    if cjk && sep2 != '月' || !cjk && sep2 != sep {
        return None;
    }
    let (d, end) = take_num(&mut it, 2)?;
    let mut used = end;
    if cjk {
        let (j, c) = it.next()?;
        if c != '日' && c != '号' {
            return None;
        }
        used = j + c.len_utf8();
    } else if it.peek().is_some_and(|(_, c)| c.is_ascii_digit()) {
        return None;
    }
    ((1..=12).contains(&m) && (1..=31).contains(&d)).then_some((m, d, used, cjk))
}

fn take_num(
    it: &mut std::iter::Peekable<std::str::CharIndices<'_>>,
    max_digits: usize,
) -> Option<(u32, usize)> {
    let mut v = 0u32;
    let mut n = 0;
    let mut end = 0;
    while let Some(&(j, c)) = it.peek() {
        if n < max_digits && c.is_ascii_digit() {
            v = v * 10 + c.to_digit(10)?;
            n += 1;
            end = j + 1;
            it.next();
        } else {
            break;
        }
    }
    (n > 0).then_some((v, end))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_that_are_not_the_reports() {
        // An event's date in the summary's first line, the publication date in the box.
        assert_eq!(
            extract_date("■事件:2021年4月13日公司公告新药获批上市。table_title2021年04月14日某某医药(000000.sz)公司快报").as_deref(),
            Some("2021-04-14")
        );
        // A market-data date labelled 日期, and a creation time label longer than the cue window.
        assert_eq!(
            extract_date("#industryid#示例行业#investsuggestion#审慎增持(维持)#marketdata#市场数据日期2020-03-30收盘价(元)64.17#summary#公司2021年3月15日召开业绩说明会#createtime1#2021年03月31日").as_deref(),
            Some("2021-03-31")
        );
        // A chart axis (`2020/11/2021/1/20`) before the box's date.
        assert_eq!(
            extract_date("(14%)6%31%52%20/3/2020/5/2020/11/2021/1/20某某沪深300[table_message]2021-03-20公司深度报告买入/首次").as_deref(),
            Some("2021-03-20")
        );
        // The stock-data box's labelled date is its data's, not the cover's.
        assert_eq!(
            extract_date("示例行业公司首次覆盖报告2024年05月10日示例股份(000000.sz)投资评级:增持(首次)日期2024/5/9当前股价(元)18.20").as_deref(),
            Some("2024-05-10")
        );
        // `发布` inside a related report's title is no cue.
        assert_eq!(
            extract_date("免责条款部分2021年05月07日行业研究●证券研究报告相关报告示例行业周报:第17周:季报发布临近结束2021-04-25示例行业周报:第16周:静待新机型发布2021-04-18").as_deref(),
            Some("2021-05-07")
        );
    }

    #[test]
    fn a_period_start_date_is_data() {
        assert_eq!(
            extract_date("示例行业年度策略分析师:赵示例a0000000000012031.11.20www.example.com报告摘要表1:示例公司估值表注:示例股份涨跌幅起始日期为上市首日(2031/9/28)").as_deref(),
            Some("2031-11-20")
        );
    }

    #[test]
    fn a_cover_dated_by_month_only_gives_no_day() {
        // The cover's month, then an event's full date in the text.
        assert_eq!(
            extract_date("2031年1月示例制品行业跟踪证券研究报告2031年2月医药生物投资评级推荐维持分析师:李示例。核心观点:示例生物的收购已于2031年1月21日完成过户").as_deref(),
            None
        );
        // A labelled date still counts.
        assert_eq!(
            extract_date("证券研究报告2031年2月报告日期:2031年2月6日核心观点:示例生物的收购已于2031年1月21日完成过户").as_deref(),
            Some("2031-02-06")
        );
        // A full date after the kind is the cover's.
        assert_eq!(
            extract_date("证券研究报告2031年2月6日核心观点").as_deref(),
            Some("2031-02-06")
        );
    }
}
