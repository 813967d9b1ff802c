//! A company report's target price (`目标价`, `目标价格`, `合理价值区间`, `合理估值`) and the
//! share price it quotes for its date (`收盘价`, `当前价格`, `现价`), each with its currency.
//!
//! A price is a number right after its cue, with only a unit, a currency or a colon between
//! (`目标价(人民币):36.74`, `目标价为382.15元`, `目标价19.40港元`). A cue followed by a table's
//! columns (`目标价(元)20192020e...`, `收盘价投资评级...`) or by a run of numbers
//! (`股价(元)13.8524.17`) gives none: those are tables of many companies. A range gives its
//! lower bound.

use crate::report::scan::right_window;
use serde::{Deserialize, Serialize};

/// A price per share.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Price {
    /// The amount.
    pub value: f64,
    /// `CNY`, `HKD` or `USD`.
    pub currency: String,
    /// The text it was read from.
    pub source: String,
}

const TARGET_CUES: &[&str] = &[
    "目标价格",
    "目标股价",
    "目标价",
    "合理价值区间",
    "合理价值",
    "合理估值区间",
    "合理估值",
    // `根据P/E估值法得出的2022年股价预期为45.60元`: the price a valuation arrives at.
    "股价预期",
];

const CURRENT_CUES: &[&str] = &[
    "最新收盘价",
    "前收盘价",
    "收盘价",
    "昨收盘",
    "当前价格",
    "当前股价",
    "当前价",
    "最新股价",
    "市场价格",
    "现价",
    "股价",
];

/// The currency a marker names.
fn currency_of(marker: &str) -> Option<&'static str> {
    if ["港元", "港币", "hk$", "hkd"]
        .iter()
        .any(|w| marker.contains(w))
    {
        Some("HKD")
    } else if ["美元", "us$", "usd"].iter().any(|w| marker.contains(w)) {
        Some("USD")
    } else if ["元", "人民币", "rmb", "cny", "¥", "￥"]
        .iter()
        .any(|w| marker.contains(w))
    {
        Some("CNY")
    } else {
        None
    }
}

/// Words that may stand between a cue and its number: a currency written out
/// (`目标价为人民币36.50元`), the change made to the target (`目标价上调至45元`, `目标价维持每股
/// 11.5港元`).
const GAP_WORDS: &[&str] = &[
    "人民币",
    "港币",
    "港元",
    "美元",
    "每股",
    "维持",
    "上调至",
    "下调至",
    "提升至",
    "调整至",
    "调整为",
    "上调为",
    "下调为",
];

/// What may stand between a cue and its number: a unit or currency in brackets, a colon,
/// `为`/`是`, a currency sign, `区间` (`目标价区间:30-35元`), one of [`GAP_WORDS`]. Returns the
/// text between and where the number starts.
fn gap_to_number(s: &str, from: usize) -> Option<(&str, usize)> {
    let window = right_window(s, from, 14);
    let mut depth = 0;
    let mut skip_to = 0;
    for (i, c) in window.char_indices() {
        if i < skip_to {
            continue;
        }
        if depth == 0 {
            if let Some(w) = GAP_WORDS.iter().find(|w| window[i..].starts_with(**w)) {
                skip_to = i + w.len();
                continue;
            }
        }
        match c {
            '0'..='9' if depth == 0 => return Some((&window[..i], from + i)),
            '(' | '[' => depth += 1,
            ')' | ']' => depth -= 1,
            _ if depth > 0 => {
                // Inside brackets: a unit, a currency, a horizon (`6个月`), a date.
            }
            ':' | ' ' | '为' | '是' | '¥' | '￥' | '$' | '元' | '约' | '至' | '区' | '间' =>
                {}
            c if c.is_ascii_alphabetic() => {}
            _ => return None,
        }
    }
    None
}

/// A number at `at` (`1,234.56`), its end and its value. `None` when it runs straight into
/// more digits past two decimals, as numbers of a whitespace-stripped table do.
fn number_at(s: &str, at: usize) -> Option<(f64, usize)> {
    let bytes = s.as_bytes();
    let mut end = at;
    let mut decimals: Option<usize> = None;
    while end < bytes.len() {
        let b = bytes[end];
        match (b, decimals) {
            (b'0'..=b'9', None) => end += 1,
            (b'0'..=b'9', Some(d)) if d < 2 => {
                decimals = Some(d + 1);
                end += 1;
            }
            (b'0'..=b'9', Some(_)) => return None,
            (b',', None) if bytes.get(end + 1).is_some_and(u8::is_ascii_digit) => end += 1,
            (b'.', None) if bytes.get(end + 1).is_some_and(u8::is_ascii_digit) => {
                decimals = Some(0);
                end += 1;
            }
            _ => break,
        }
    }
    let text: String = s[at..end].chars().filter(|c| *c != ',').collect();
    let value: f64 = text.parse().ok()?;
    (value > 0.0).then_some((value, end))
}

/// The price after a cue at `cue_end`, with `default_currency` where none is written.
fn price_after(s: &str, cue_start: usize, cue_end: usize, default_currency: &str) -> Option<Price> {
    // Two labels joined by a slash (`当前价/目标价:34.01/39.52元`) have their figures in the
    // same order; without two figures, which one is the cue's is not known.
    let first_of_pair = paired_label_after(s, cue_end);
    let (gap, at) = gap_to_number(s, first_of_pair.unwrap_or(cue_end))?;
    let (mut value, mut end) = number_at(s, at)?;
    if first_of_pair.is_some() {
        s[end..].strip_prefix('/')?;
    }
    if s[..cue_start].ends_with('/') {
        let second = s[end..].strip_prefix('/')?;
        (value, end) = number_at(s, s.len() - second.len())?;
    }
    let after = right_window(s, end, 4);
    // `31.48x`, `12%`: a multiple or a share, not a price; `20192020e`: a table's years.
    if after.starts_with(['x', '%', '倍', '亿', '万'])
        || after.starts_with(|c: char| c.is_ascii_alphanumeric())
        || value >= 100_000.0
    {
        return None;
    }
    // A range (`284.16-301.53元`) is read as its lower bound; its unit follows the upper one.
    let mut unit_at = end;
    if let Some(rest) = s[end..].strip_prefix(['-', '~', '—', '至']) {
        let upper_at = s.len() - rest.len();
        if let Some((upper, upper_end)) = number_at(s, upper_at) {
            // `12020-10-10`: a row number run into a date, not a range.
            if upper < value {
                return None;
            }
            // `85-95x`: a range of multiples, as after a single figure.
            if right_window(s, upper_end, 1).starts_with(['x', 'X', '%', '倍']) {
                return None;
            }
            unit_at = upper_end;
        }
    }
    let unit = right_window(s, unit_at, 3);
    // A foreign currency named before the number (`目标价(港币):520.00元`) wins over the
    // plain `元` after it, which every currency's unit ends with.
    let foreign = |c: Option<&'static str>| c.filter(|c| *c != "CNY");
    let currency = foreign(currency_of(unit))
        .or_else(|| foreign(currency_of(gap)))
        .or_else(|| currency_of(unit).or_else(|| currency_of(gap)))
        .unwrap_or(default_currency);
    let source_end = unit_at + right_window(s, unit_at, 2).len();
    Some(Price {
        value,
        currency: currency.to_string(),
        source: s[cue_start..source_end.min(s.len())].to_string(),
    })
}

/// Where a second label joined to a cue by a slash ends (`目标价/当前价:...`).
fn paired_label_after(s: &str, cue_end: usize) -> Option<usize> {
    let rest = s[cue_end..].strip_prefix('/')?;
    let label: usize = rest
        .chars()
        .take_while(|c| crate::text::chars::is_han(*c))
        .take(6)
        .map(char::len_utf8)
        .sum();
    (label > 0).then_some(s.len() - rest.len() + label)
}

/// The first price after one of `cues` in `region`.
fn first_price(region: &str, cues: &[&str], default_currency: &str) -> Option<Price> {
    let mut hits: Vec<(usize, &str)> = cues
        .iter()
        .flat_map(|cue| region.match_indices(cue).map(move |(p, _)| (p, *cue)))
        .collect();
    // Longest cue first at a position, so `目标价格` is not read as `目标价` + `格`.
    hits.sort_by_key(|(p, cue)| (*p, std::cmp::Reverse(cue.len())));
    let mut covered = 0;
    for (p, cue) in hits {
        if p < covered {
            continue;
        }
        covered = p + cue.len();
        if let Some(price) = price_after(region, p, p + cue.len(), default_currency) {
            return Some(price);
        }
    }
    None
}

/// The target price of a company report: the first one stated before its end matter.
pub(super) fn extract_target_price(
    s: &str,
    end_matter: usize,
    default_currency: &str,
) -> Option<Price> {
    first_price(&s[..end_matter.min(s.len())], TARGET_CUES, default_currency)
}

/// The share price a company report quotes for its date: the first one on its front page.
pub(super) fn extract_current_price(s: &str, default_currency: &str) -> Option<Price> {
    let head = right_window(s, 0, 4000);
    first_price(head, CURRENT_CUES, default_currency)
}

/// A target written in bare `元` is in the currency of the share price quoted beside it
/// when that one names its currency (`目标价格:11.50元现价:6.15港元`): `元` is how every
/// currency's amounts end, and a report sets its target in the share's own currency.
pub(super) fn align_target_currency(target: &mut Price, current: &Price) {
    let explicit_cny = ["人民币", "rmb", "cny", "¥", "￥"];
    if target.currency == "CNY"
        && !explicit_cny.iter().any(|w| target.source.contains(w))
        && currency_of(&current.source).is_some_and(|c| c != "CNY")
    {
        target.currency = current.currency.clone();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::normalize::normalize;

    fn target(t: &str) -> Option<(f64, String)> {
        let s = normalize(t);
        extract_target_price(&s, s.len(), "CNY").map(|p| (p.value, p.currency))
    }

    fn current(t: &str) -> Option<(f64, String)> {
        extract_current_price(&normalize(t), "CNY").map(|p| (p.value, p.currency))
    }

    #[test]
    fn target_prices_in_their_forms() {
        assert_eq!(
            target("给予目标价38.60元，维持买入评级"),
            Some((38.6, "CNY".into()))
        );
        assert_eq!(
            target("目标价为382.15元，对应2021年"),
            Some((382.15, "CNY".into()))
        );
        assert_eq!(target("目标价(人民币):36.74"), Some((36.74, "CNY".into())));
        assert_eq!(
            target("目标价19.40港元：公司管理层"),
            Some((19.4, "HKD".into()))
        );
        assert_eq!(
            target("合理价值区间284.16-301.53元，首次覆盖"),
            Some((284.16, "CNY".into()))
        );
        assert_eq!(target("目标价：6.85元）......"), Some((6.85, "CNY".into())));
        assert_eq!(
            target("[table_targetprice]目标价格:us$12.89"),
            Some((12.89, "USD".into()))
        );
    }

    #[test]
    fn tables_and_definitions_give_no_target() {
        assert_eq!(target("目标价(元)20192020E2021E2022E"), None);
        assert_eq!(target("目标价评级Table_Chart行业表现"), None);
        assert_eq!(target("目标价格:最新收盘价:476.28"), None);
        assert_eq!(target("6个月目标价:元"), None);
    }

    #[test]
    fn current_prices() {
        assert_eq!(
            current("收盘价(元)108.46一年最低/最高价"),
            Some((108.46, "CNY".into()))
        );
        assert_eq!(
            current("市场价格（人民币）：452.19元市场数据"),
            Some((452.19, "CNY".into()))
        );
        assert_eq!(
            current("当前价格￥296.57公司简介"),
            Some((296.57, "CNY".into()))
        );
        assert_eq!(current("股价(元)13.8524.1724.17摊薄每股收益"), None);
        assert_eq!(current("收盘价31.48x38.06x"), None);
        assert_eq!(current("收盘价投资EPS(元)P/E"), None);
    }
    #[test]
    fn a_date_run_into_the_cue_is_no_target() {
        // A table of past targets: row number 1, then its date.
        assert_eq!(
            target("历史推荐和目标定价(人民币)序号日期评级市价目标价12020-10-10增持212.40245.60"),
            None
        );
        // An upper bound below the lower one is no range.
        assert_eq!(target("目标价35-20元"), None);
    }

    #[test]
    fn a_bare_yuan_target_takes_the_quoted_price_currency() {
        let s = normalize("投资评级:买入目标价格:9.80元现价(2020-8-17):5.42港元总市值");
        let mut t = extract_target_price(&s, s.len(), "HKD").unwrap();
        let c = extract_current_price(&s, "HKD").unwrap();
        assert_eq!((t.currency.as_str(), c.currency.as_str()), ("CNY", "HKD"));
        align_target_currency(&mut t, &c);
        assert_eq!(t.currency, "HKD");
        // An explicit 人民币 stays.
        let s = normalize("目标价(人民币):27.35现价:21.60港元");
        let mut t = extract_target_price(&s, s.len(), "HKD").unwrap();
        let c = extract_current_price(&s, "HKD").unwrap();
        align_target_currency(&mut t, &c);
        assert_eq!(t.currency, "CNY");
    }

    #[test]
    fn a_fair_value_in_the_stock_box() {
        assert_eq!(
            target("[table_stockinfo]示例生物(300000)买入合理估值:58.2-66.0元发行价:30.10元"),
            Some((58.2, "CNY".into()))
        );
        // A fair multiple or market value is no price, nor a range of multiples.
        assert_eq!(target("给予公司2021年合理估值45倍PE"), None);
        assert_eq!(target("给予公司合理估值60-70xPE，对应市值"), None);
        assert_eq!(target("目标价区间:30-35倍"), None);
        assert_eq!(target("合理估值120亿元"), None);
    }

    #[test]
    fn target_changes_and_currencies_written_out() {
        assert_eq!(
            target("给予增持评级，目标价维持每股8.6港元，对应2022年15倍PE"),
            Some((8.6, "HKD".into()))
        );
        assert_eq!(
            target("目标价为人民币36.50元，对应2022年25倍PE"),
            Some((36.5, "CNY".into()))
        );
        assert_eq!(
            target("上调盈利预测，目标价上调至45.20元，维持增持评级"),
            Some((45.2, "CNY".into()))
        );
        // A target moved from one figure to another is not read as its first.
        assert_eq!(target("目标价由30.00元上调至36.00元"), None);
    }

    #[test]
    fn the_second_of_two_labels_takes_the_second_figure() {
        assert_eq!(
            target("买入(首次)当前价/目标价:34.01/39.52元分析师"),
            Some((39.52, "CNY".into()))
        );
        // The first label keeps the first figure.
        assert_eq!(
            target("目标价/当前价:39.52/34.01元"),
            Some((39.52, "CNY".into()))
        );
        assert_eq!(target("当前价/目标价:34.01元"), None);
    }

    #[test]
    fn current_price_boxes() {
        assert_eq!(
            current("[table_invest]增持|维持[table_targetprice]当前价:79.52元[table_base]"),
            Some((79.52, "CNY".into()))
        );
        assert_eq!(
            current("买入/首次示例科技(000000)目标价:18.6昨收盘:14.73公司研究报告"),
            Some((14.73, "CNY".into()))
        );
    }

    #[test]
    fn a_price_a_valuation_arrives_at() {
        assert_eq!(
            target("2032年示例医疗EPS预期为6.120元，根据P/E估值法得出的2032年股价预期为312.40元。评级面临的风险"),
            Some((312.4, "CNY".into()))
        );
        // A scale's expected relative return is no price.
        assert_eq!(target("买入预期股价相对收益20%以上"), None);
    }
}
