//! Forecast tables: table residue with estimate-year columns and
//! metrics (the front page's forecast box, the statements at the end), and
//! the source line after a table.

use crate::layout::BlockLayout;
use crate::report::cover::RATINGS;
use std::ops::Range;

/// The end of the source line right after a table ending at `end`
/// (`资料来源:…`, `备注:…`): the end of the residue it is in, else of its
/// sentence, before the heading at `next`; `end` when none follows.
pub(super) fn source_line_end(
    chars: &[char],
    layout: &BlockLayout,
    end: usize,
    next: usize,
) -> usize {
    let from = (end..(end + 6).min(chars.len())).find(|&i| {
        ["资料来源", "数据来源", "来源:", "备注", "注:"]
            .iter()
            .any(|w| chars[i..].starts_with(&w.chars().collect::<Vec<_>>()))
    });
    let Some(from) = from else {
        return end;
    };
    if let Some(t) = layout
        .tables
        .iter()
        .find(|t| t.start <= from && from < t.end)
    {
        return t.end;
    }
    let limit = (from + 60).min(next).min(chars.len());
    (from..limit)
        .find(|&i| chars[i] == '。')
        .map_or(limit.max(end), |i| i + 1)
}

/// Metric words of a forecast table.
const FORECAST_METRICS: &[&str] = &[
    "每股收益",
    "净利",
    "营业收入",
    "营业总收入",
    "市盈率",
    "利润表",
];
/// Metric abbreviations (normalized to lower case), written glued in a
/// header row (`epspepbr`).
const FORECAST_ABBREVIATIONS: &[&str] = &[
    "eps", "pe", "pb", "pbr", "peg", "roe", "roa", "roic", "ps", "ev", "ebitda", "bps",
];

/// Is the table residue `r` a forecast table: two or more estimate year
/// columns (`2021e`, `15e`: the year, then `e`) and a metric (`净利润`, or
/// a run of Latin letters made of abbreviations only: `eps`, `p/e`,
/// `epspepbr`; not `open`) in it or in its header row right before or
/// after it? A chart of past figures has neither.
pub(super) fn is_forecast_table(chars: &[char], r: &Range<usize>) -> bool {
    let t = &chars[r.start..r.end.min(chars.len())];
    let around = &chars[r.start.saturating_sub(40)..(r.end + 60).min(chars.len())];
    let mut years = 0;
    for (i, &c) in t.iter().enumerate() {
        if c != 'e' || i < 2 || !t[i - 1].is_ascii_digit() {
            continue;
        }
        let d = t[..i]
            .iter()
            .rev()
            .take_while(|c| c.is_ascii_digit())
            .count();
        let after = t.get(i + 1);
        if (d == 2 || d == 4 && matches!(t[i - 4], '1' | '2'))
            && after.is_none_or(|a| !a.is_ascii_alphabetic())
        {
            years += 1;
        }
    }
    if years < 2 {
        return false;
    }
    // A table of companies with a rating column (`评级`, a rating in two
    // rows or more) gives each company's estimates by year, whatever its
    // header calls them: `股票简称 20e 21e 评级 某某科技 0.89 1.16 增持…`.
    // (The last row's rating may be left after the residue.)
    let rows = &chars[r.start..(r.end + MAX_RATING).min(chars.len())];
    if has_word(around, "评级") && ratings_in(rows) >= 2 {
        return true;
    }
    // Two metrics at least: a market's size in one chart (`市场规模(按营业
    // 收入计)`) is not a forecast table.
    let mut found: Vec<&str> = FORECAST_METRICS
        .iter()
        .filter(|m| {
            let m: Vec<char> = m.chars().collect();
            around.windows(m.len()).any(|w| w == m.as_slice())
        })
        .copied()
        .collect();
    for w in around.split(|c| !(c.is_ascii_alphabetic() || *c == '/')) {
        let w: String = w.iter().filter(|c| **c != '/').collect();
        if let Some(tokens) = abbreviations(&w) {
            found.extend(tokens);
        }
    }
    found.sort_unstable();
    found.dedup();
    found.len() >= 2
}

/// A rating's length, at most.
const MAX_RATING: usize = 4;

fn has_word(text: &[char], w: &str) -> bool {
    let w: Vec<char> = w.chars().collect();
    text.windows(w.len()).any(|x| x == w.as_slice())
}

/// How many ratings (`增持`, `买入`) the table residue `t` holds (the
/// longer ones first: `审慎增持` is one).
fn ratings_in(t: &[char]) -> usize {
    let mut count = 0;
    let mut i = 0;
    while i < t.len() {
        let rating = RATINGS.iter().find(|r| {
            let r: Vec<char> = r.chars().collect();
            t[i..].starts_with(&r)
        });
        match rating {
            Some(r) => {
                count += 1;
                i += r.chars().count();
            }
            None => i += 1,
        }
    }
    count
}

/// The metric abbreviations `w` is made of (`epspepbr`: eps, pe, pbr), if
/// it is made of nothing else.
fn abbreviations(w: &str) -> Option<Vec<&'static str>> {
    if w.is_empty() {
        return None;
    }
    FORECAST_ABBREVIATIONS.iter().find_map(|a| {
        let rest = w.strip_prefix(a)?;
        if rest.is_empty() {
            return Some(vec![*a]);
        }
        let mut more = abbreviations(rest)?;
        more.push(a);
        Some(more)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table(s: &str) -> bool {
        let chars: Vec<char> = s.chars().collect();
        is_forecast_table(&chars, &(0..chars.len()))
    }

    #[test]
    fn a_table_of_companies_with_estimates_and_ratings_is_a_forecast() {
        assert!(table(
            "重点公司股票简称20a21e22e评级某某科技0.891.161.30审慎增持甲乙电子0.290.360.41买入"
        ));
        // The last row's rating left after the residue.
        let chars: Vec<char> =
            "股票简称20e21e评级某某科技0.761.21增持甲乙医药0.961.77买入[table_indexpic]"
                .chars()
                .collect();
        assert!(is_forecast_table(&chars, &(0..chars.len() - 18)));
        // Estimate years with one rating only, or ratings without a rating
        // column, are no such table.
        assert!(!table("市场规模20e21e评级某某科技1.21.5增持"));
        assert!(!table("销量20e21e某某科技1.21.5增持甲乙电子0.30.4买入"));
    }
}
