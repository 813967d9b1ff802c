//! Related-report lists whose items open with their date, right after
//! their label: `近期报告⚫2018年8月29日某某系列报告(三)⚫2018年8月24日…`,
//! `相关研究某某证券研究所20210118_行业周观点_…`. The labelling guide
//! counts related-report lists as cover; `dated_list_items` finds only
//! lists dated the ISO way, since prose writes 年月日 dates too. After a
//! related-report label, though, a run of dated items is the list, in any
//! date form. The list ends at its last date: the last title's end is
//! not marked, and the next section may follow it directly.

use super::{dated_list_items, iso_date_end, DATED_ENTRY, REPORT_LABELS};

/// The first date may follow the label after a bullet, an item's number
/// or the broker's name (`万联证券研究所`), no further.
const FIRST_DATE: usize = 10;

/// The items of the dated lists after related-report labels: from each
/// date to the next, and the last date alone. Two dates or more make a
/// list.
pub(super) fn labelled_lists(chars: &[char]) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    for label in REPORT_LABELS {
        let label: Vec<char> = label.chars().collect();
        for at in 0..chars.len().saturating_sub(label.len()) {
            // (One character first: most positions start no label.)
            if chars[at] == label[0] && chars[at..].starts_with(&label) {
                let dates = dates_after(chars, at + label.len());
                if dates.len() >= 2 {
                    out.extend(dates.windows(2).map(|w| (w[0].0, w[1].0)));
                    out.extend(dates.last().copied());
                }
            }
        }
    }
    out
}

/// Does `block` hold a related-report label with a dated list right after
/// it (`相关报告…某某(300294.sz):业绩短期承压2020-10-30…`)? Elsewhere a
/// dated list may be a company's announcements; after the label it is the
/// reports the report follows.
pub(super) fn labelled_dated_list(block: &[char]) -> bool {
    let items = dated_list_items(block);
    REPORT_LABELS.iter().any(|label| {
        let label: Vec<char> = label.chars().collect();
        (0..block.len().saturating_sub(label.len())).any(|at| {
            let after = at + label.len();
            block[at] == label[0]
                && block[at..].starts_with(&label)
                && items
                    .iter()
                    .any(|&(s, _)| s >= after && s - after <= *DATED_ENTRY.end())
        })
    })
}

/// The dates of the list starting at `at`: each within [`DATED_ENTRY`]
/// characters of the last, with no full stop between.
fn dates_after(chars: &[char], at: usize) -> Vec<(usize, usize)> {
    let mut dates: Vec<(usize, usize)> = Vec::new();
    let mut from = at;
    loop {
        let reach = if dates.is_empty() {
            FIRST_DATE
        } else {
            *DATED_ENTRY.end()
        };
        let limit = (from + reach).min(chars.len());
        let mut found = None;
        for i in from..limit {
            // (A title may ask a question: `…影响几何?——快评`.)
            if matches!(chars[i], '。' | ';') {
                break;
            }
            if let Some(end) = date_end(chars, i) {
                found = Some((i, end));
                break;
            }
        }
        match found {
            // A list's items hold a title between their dates.
            Some((s, e)) if dates.last().is_none_or(|d| s - d.1 >= *DATED_ENTRY.start()) => {
                dates.push((s, e));
                from = e;
            }
            _ => return dates,
        }
    }
}

/// The end of a date starting at `at`: ISO (`2020-04-30`), written out
/// (`2018年8月29日`) or compact (`20210118`).
fn date_end(chars: &[char], at: usize) -> Option<usize> {
    if at > 0 && chars[at - 1].is_ascii_digit() {
        return None;
    }
    if let Some(end) = iso_date_end(chars, at) {
        return Some(end);
    }
    let digits = |from: usize, max: usize| {
        chars[from.min(chars.len())..]
            .iter()
            .take(max)
            .take_while(|c| c.is_ascii_digit())
            .count()
    };
    let value = |from: usize, len: usize| {
        chars[from..from + len]
            .iter()
            .fold(0, |v, c| v * 10 + c.to_digit(10).unwrap_or(0))
    };
    let year = digits(at, 8);
    if year < 4 || !matches!(chars[at], '1' | '2') {
        return None;
    }
    if year == 8 {
        let (month, day) = (value(at + 4, 2), value(at + 6, 2));
        return ((1..=12).contains(&month) && (1..=31).contains(&day)).then_some(at + 8);
    }
    if year != 4 || chars.get(at + 4) != Some(&'年') {
        return None;
    }
    let month = digits(at + 5, 2);
    if month == 0 || chars.get(at + 5 + month) != Some(&'月') {
        return None;
    }
    let day_at = at + 6 + month;
    let day = digits(day_at, 2);
    (day > 0 && chars.get(day_at + day) == Some(&'日')).then_some(day_at + day + 1)
}

#[cfg(test)]
mod tests {
    use crate::report::cover::tests::blocks;

    #[test]
    fn a_dated_list_after_its_label_is_contact_matter_a_bare_one_is_not() {
        let items = "行业报告:血制品景气回升2020-10-30公司报告:某某生物业绩短期承压2020-08-31公司报告:某某药业定增募资2020-05-18";
        let listed: Vec<char> = format!("相关报告汇总{items}").chars().collect();
        assert!(super::super::is_contact_block(&listed, 0..listed.len()));
        let bare: Vec<char> = items.chars().collect();
        assert!(!super::super::is_contact_block(&bare, 0..bare.len()));
    }

    #[test]
    fn a_related_report_list_dated_before_its_titles() {
        let list = "近期报告•2019年5月20日某某医药深度报告:龙头地位稳固•2019年4月8日行业周报:集采影响几何?•2019年3月1日某某生物点评";
        let text = format!("{list}免责声明本报告仅供参考。");
        let found = blocks(&text);
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(found[0].starts_with("近期报告") && found[0].ends_with("2019年3月1日"));
        // Contact matter wherever it is, in the end matter too.
        let chars: Vec<char> = list.chars().collect();
        assert!(super::super::is_contact_block(&chars, 0..chars.len()));
        let compact = "相关研究某某证券研究所20210118_行业周观点_某某行业周观点某某证券研究所20210111_公司点评_某某科技事件点评";
        assert_eq!(blocks(compact).len(), 1, "{:?}", blocks(compact));
        // Prose citing research has its dates in sentences.
        let prose = "相关研究表明,2019年5月20日起实施的新规影响有限。2019年6月1日公司发布公告。";
        assert!(blocks(prose).is_empty(), "{:?}", blocks(prose));
    }
}
