//! Forecasts stated in a sentence rather than a table, as most summaries state them:
//! `预计公司2021-2023年归母净利润分别为2.74/3.91/5.52亿元，EPS分别为2.28/3.26/4.60元`.
//! A figure's list must have one value per year of the range and end in its unit; such a
//! sentence only fills what the tables left open.

use super::forecasts::{unit_factor, Forecast};
use crate::report::scan::floor_boundary;
use std::collections::BTreeMap;

/// The figure a keyword names and whether it is an amount.
const KEYWORDS: &[(&str, &str, bool)] = &[
    ("归属于母公司股东的净利润", "net_profit", true),
    ("归属母公司净利润", "net_profit", true),
    ("归母净利润", "net_profit", true),
    ("归母净利", "net_profit", true),
    ("净利润", "net_profit", true),
    ("营业收入", "revenue", true),
    ("营收", "revenue", true),
    ("每股收益", "eps", false),
    ("eps", "eps", false),
];

/// A range of years at `at`: `2021-2023年`, `2021~23年`, `2021至2023年`.
fn year_range(s: &str, at: usize) -> Option<(u16, u16, usize)> {
    let b = s.as_bytes();
    let digits = |i: usize| b[i..].iter().take_while(|c| c.is_ascii_digit()).count();
    if digits(at) != 4 || !s[at..].starts_with("20") {
        return None;
    }
    let first: u16 = s[at..at + 4].parse().ok()?;
    let mut i = at + 4;
    let sep = s[i..].chars().next()?;
    if !['-', '~', '至', '—', '/'].contains(&sep) {
        return None;
    }
    i += sep.len_utf8();
    let d = digits(i);
    let last: u16 = match d {
        4 => s[i..i + 4].parse().ok()?,
        2 => 2000 + s[i..i + 2].parse::<u16>().ok()?,
        _ => return None,
    };
    i += d;
    if !s[i..].starts_with('年') || last <= first || last - first > 5 {
        return None;
    }
    Some((first, last, i + '年'.len_utf8()))
}

/// A list of `n` values after a figure's keyword (`分别为2.74/3.91/5.52亿元`), the unit's
/// factor, and where it ends.
fn value_list(s: &str, from: usize, n: usize) -> Option<(Vec<f64>, f64, usize)> {
    let mut i = from;
    let skip = [
        "分别为",
        "分别达到",
        "分别达",
        "分别是",
        "为",
        "达到",
        "约为",
        ":",
        "(元)",
    ];
    for _ in 0..2 {
        if let Some(w) = skip.iter().find(|w| s[i..].starts_with(**w)) {
            i += w.len();
        }
    }
    let b = s.as_bytes();
    let mut values = Vec::new();
    let mut factor = None;
    loop {
        let neg = b.get(i) == Some(&b'-');
        let start = i + usize::from(neg);
        let len = b[start..]
            .iter()
            .take_while(|c| c.is_ascii_digit() || **c == b'.')
            .count();
        if len == 0 {
            return None;
        }
        let v: f64 = s[start..start + len].parse().ok()?;
        values.push(if neg { -v } else { v });
        i = start + len;
        // A unit after each value (`2.74亿元、3.91亿元`) or once at the end.
        let unit_text: String = s[i..].chars().take(3).collect();
        if let Some(f) = ["亿元", "百万元", "万元", "元"]
            .iter()
            .find(|u| unit_text.starts_with(**u))
            .and_then(|u| {
                i += u.len();
                unit_factor(u)
            })
        {
            factor = Some(f);
        }
        let next = s[i..].chars().next();
        match next {
            Some('/' | '、' | ',' | '和' | '及') if values.len() < n => {
                i += next.map_or(0, char::len_utf8);
            }
            _ => break,
        }
    }
    (values.len() == n).then_some((values, factor?, i))
}

/// Fills figures the tables left open from the report's forecast sentences.
pub(super) fn fill_from_sentences(s: &str, by_year: &mut BTreeMap<u16, Forecast>) {
    for (p, _) in s.match_indices("20") {
        let Some((first, last, after)) = year_range(s, p) else {
            continue;
        };
        let n = usize::from(last - first + 1);
        let sentence_end = floor_boundary(
            s,
            s[after..]
                .find('。')
                .map_or(s.len(), |e| after + e)
                .min(after + 400),
        );
        let mut i = after;
        while i < sentence_end {
            let rest = &s[i..sentence_end];
            let Some((key_at, word, figure, amount)) = KEYWORDS
                .iter()
                .filter_map(|(w, f, a)| rest.find(w).map(|at| (at, *w, *f, *a)))
                .min_by_key(|(at, w, ..)| (*at, std::cmp::Reverse(w.len())))
            else {
                break;
            };
            let key_start = i + key_at;
            let key_end = key_start + word.len();
            if s[..key_start].ends_with("扣非") || s[..key_start].ends_with("少数股东") {
                i = key_end;
                continue;
            }
            let Some((values, factor, end)) = value_list(s, key_end, n) else {
                i = key_end;
                continue;
            };
            for (k, v) in values.into_iter().enumerate() {
                let year = first + k as u16;
                let f = by_year.entry(year).or_insert_with(|| Forecast {
                    year,
                    // A sentence's `预计` states forecasts.
                    actual: false,
                    ..Forecast::default()
                });
                let slot = match figure {
                    "net_profit" => &mut f.net_profit,
                    "revenue" => &mut f.revenue,
                    _ => &mut f.eps,
                };
                if slot.is_none() {
                    *slot = Some(if amount { v * factor } else { v });
                    f.sources
                        .insert(figure.to_string(), s[key_start..end].to_string());
                }
            }
            i = end;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::normalize::normalize;

    #[test]
    fn summary_sentence() {
        let s = normalize("我们预计公司2021-2023年归母净利润分别为2.74/3.91/5.52亿元，EPS分别为2.28、3.26、4.60元，维持买入评级。");
        let mut by_year = BTreeMap::new();
        fill_from_sentences(&s, &mut by_year);
        assert_eq!(by_year.len(), 3);
        assert_eq!(by_year[&2022].net_profit, Some(3.91e8));
        assert_eq!(by_year[&2023].eps, Some(4.6));
        assert!(!by_year[&2021].actual);
    }

    #[test]
    fn lists_of_the_wrong_length_or_without_unit_are_left_out() {
        let s = normalize(
            "预计2021-2023年归母净利润分别为2.74/3.91亿元。预计2021-2022年营收增速为30/40。",
        );
        let mut by_year = BTreeMap::new();
        fill_from_sentences(&s, &mut by_year);
        assert!(by_year.is_empty(), "{by_year:?}");
    }
}
