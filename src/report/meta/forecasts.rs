//! A company report's earnings forecasts: per year (`2020A`, `2021E`), revenue, net profit
//! attributable to shareholders, EPS, PE, PB and ROE, from its forecast tables (`盈利预测`,
//! `主要财务指标`, `财务摘要`, the back pages' statements) and from the forecast sentence of
//! its summary (`预计2021-2023年归母净利润分别为2.74/3.91/5.52亿元`).
//!
//! The hard case is a table whose whitespace was stripped: `营业收入61278510931468` under
//! `20192020E2021E2022E` is four numbers run together. A row is split only where one
//! reading fits: the same number of decimals in every figure (`2.283.264.606.55` is 2.28,
//! 3.26, 4.60, 6.55), thousands separators where they belong, and, for an amount, the
//! growth row under it (`41.6%28.3%39.2%34.3%` makes the row above 612, 785, 1093, 1468).
//! A row with two readings left is left out: no figure is better than a wrong one.

use super::forecast_years::{year_headers, YearHeader};
use super::rows::{decimals_of, split_row, split_row_fitting, split_row_where, Growth, Split};
use crate::report::scan::{ceil_boundary, floor_boundary, right_window};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// One year of a report's forecast table. Amounts are in 元, ROE in percent.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Forecast {
    /// The fiscal year.
    pub year: u16,
    /// Reported (`2020A`), not forecast.
    pub actual: bool,
    /// Revenue (营业收入), 元.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub revenue: Option<f64>,
    /// Net profit attributable to shareholders (归母净利润), 元.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub net_profit: Option<f64>,
    /// Earnings per share, in the table's currency.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub eps: Option<f64>,
    /// Price / earnings.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub pe: Option<f64>,
    /// Price / book.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub pb: Option<f64>,
    /// Return on equity, percent.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub roe: Option<f64>,
    /// Each figure's source text (`"net_profit": "归母净利润(百万元) 306"`).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub sources: BTreeMap<String, String>,
}

/// The figures a forecast table reports.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(super) enum Figure {
    Revenue,
    /// `归母净利润` and its spellings.
    NetProfit,
    /// A plain `净利润`, used when the table has no attributable line.
    PlainProfit,
    Eps,
    Pe,
    Pb,
    Roe,
    /// `增长率`, `同比`, `(+/-)`: the growth of the amount above.
    Growth,
}

impl Figure {
    fn key(self) -> &'static str {
        match self {
            Figure::Revenue => "revenue",
            Figure::NetProfit | Figure::PlainProfit => "net_profit",
            Figure::Eps => "eps",
            Figure::Pe => "pe",
            Figure::Pb => "pb",
            Figure::Roe => "roe",
            Figure::Growth => "growth",
        }
    }

    fn is_amount(self) -> bool {
        matches!(
            self,
            Figure::Revenue | Figure::NetProfit | Figure::PlainProfit
        )
    }
}

/// What a row's label names, from its end (the label is all the text since the last row's
/// numbers, so it may begin with a caption or a source line).
pub(super) fn figure_of(label: &str) -> Option<Figure> {
    let core = strip_brackets(label);
    let tail: String = core
        .chars()
        .rev()
        .take(12)
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    let t = tail.as_str();
    if ["增长率", "同比", "增速", "yoy", "+/-", "增长", "变动"]
        .iter()
        .any(|w| t.contains(w))
        || label.contains("+/-")
    {
        return Some(Figure::Growth);
    }
    // A ratio of two lines (`营业成本/营业收入`) is neither.
    if t.contains('/') && !t.ends_with("p/e") && !t.ends_with("p/b") {
        return None;
    }
    // `估算贡献归母净利`: a business line's share of the profit (a split of the forecast
    // by segment), not the company's.
    if t.contains("扣非")
        || t.contains("少数")
        || ["贡献归母", "贡献净利", "贡献利润"]
            .iter()
            .any(|w| t.contains(w))
        || t.ends_with("率")
            && !t.ends_with("市盈率")
            && !t.ends_with("市净率")
            && !t.ends_with("净资产收益率")
    {
        return None;
    }
    let ends = |ws: &[&str]| ws.iter().any(|w| t.ends_with(w));
    if ends(&[
        "归母净利润",
        "归属母公司净利润",
        "归母净利",
        "归属母公司股东净利润",
        "归属于母公司股东的净利润",
        "归属于母公司净利润",
        "归属于母公司所有者的净利润",
        "归母公司净利润",
    ]) {
        Some(Figure::NetProfit)
    } else if ends(&["净利润"]) {
        Some(Figure::PlainProfit)
    } else if ends(&[
        "营业收入",
        "营业总收入",
        "主营业务收入",
        "主营收入",
        "营收",
        "营业额",
    ]) {
        Some(Figure::Revenue)
    } else if ["每股收益", "eps", "每股盈利"]
        .iter()
        .any(|w| t.contains(w))
    {
        Some(Figure::Eps)
    } else if ends(&["p/e", "pe", "市盈率"]) {
        Some(Figure::Pe)
    } else if ends(&["p/b", "pb", "市净率"]) {
        Some(Figure::Pb)
    } else if ends(&["roe", "净资产收益率"]) {
        Some(Figure::Roe)
    } else {
        None
    }
}

/// The label without its bracketed units (`营业收入(百万元)` is `营业收入`).
fn strip_brackets(label: &str) -> String {
    let mut out = String::with_capacity(label.len());
    let mut depth = 0usize;
    for c in label.chars() {
        match c {
            '(' | '[' => depth += 1,
            ')' | ']' => depth = depth.saturating_sub(1),
            _ if depth == 0 && c != ' ' && c != ':' => out.push(c),
            _ => {}
        }
    }
    out
}

/// The factor to 元 of an amount unit named in `text` (`百万元`, `亿元`, `万元`, `千元`, `元`).
pub(super) fn unit_factor(text: &str) -> Option<f64> {
    if text.contains("百万") || text.contains("mn") || text.contains("million") {
        Some(1e6)
    } else if text.contains("亿") {
        Some(1e8)
    } else if text.contains("千万") {
        Some(1e7)
    } else if text.contains("万") {
        Some(1e4)
    } else if text.contains("千元") {
        Some(1e3)
    } else if text.contains('元') {
        Some(1.0)
    } else {
        None
    }
}

/// A table row: its label and the text of its numbers.
#[derive(Debug)]
struct Row<'a> {
    label: &'a str,
    numbers: &'a str,
}

fn starts_number(s: &str, i: usize) -> bool {
    let b = s.as_bytes();
    match b.get(i) {
        Some(c) if c.is_ascii_digit() => true,
        Some(b'-' | b'(') => b.get(i + 1).is_some_and(u8::is_ascii_digit),
        _ => false,
    }
}

/// The rows after a header, up to `limit`: a label, then a run of figures.
fn rows_after(s: &str, from: usize, limit: usize) -> Vec<Row<'_>> {
    let b = s.as_bytes();
    let mut rows = Vec::new();
    let mut i = from;
    while i < limit {
        let label_start = i;
        // A label: everything up to the next number (a bracket holds units, not a number).
        let mut depth = 0usize;
        while i < limit {
            let c = b[i];
            if c == b'(' && !starts_number(s, i) {
                depth += 1;
            } else if c == b')' {
                depth = depth.saturating_sub(1);
            } else if depth == 0 && starts_number(s, i) {
                break;
            }
            i += 1;
        }
        i = ceil_boundary(s, i);
        let num_start = i;
        // Figures: digits and their marks; a bracket or a minus only around a number
        // (`(0.22)`, `-1.45`), since `(+/-%)` opens the next row's label.
        let mut open = false;
        while i < limit {
            match b[i] {
                b'0'..=b'9' | b'.' | b',' | b'%' | b' ' => {}
                b'-' | b'(' if starts_number(s, i) => open |= b[i] == b'(',
                b')' if open => open = false,
                _ => break,
            }
            i += 1;
        }
        if num_start >= limit {
            break;
        }
        let label = &s[label_start..num_start];
        // Prose between rows ends the table; a page's footer or header, printed on every
        // page, does not (the table goes on on the next page).
        if label.chars().count() > 40 && !recurs_elsewhere(s, label) {
            break;
        }
        rows.push(Row {
            label,
            numbers: s[num_start..i].trim(),
        });
    }
    rows
}

/// Whether the text `label` opens with is printed again elsewhere in `s`, as a page's
/// furniture is: its first 16 characters (past blanks and a page number) recur.
fn recurs_elsewhere(s: &str, label: &str) -> bool {
    let start = label.trim_start_matches(|c: char| c.is_whitespace() || c.is_ascii_digit());
    let probe: String = start.chars().take(16).collect();
    probe.chars().count() == 16 && s.matches(probe.as_str()).nth(1).is_some()
}

/// How far a table's rows may run after its header, in bytes.
const TABLE_SPAN: usize = 2400;

/// The values of one table's rows, figure by figure.
type TableValues = BTreeMap<Figure, (Vec<f64>, String)>;

/// A table's figures from the rows after `header`, each row read where one split fits.
fn read_table(
    s: &str,
    header: &YearHeader,
    next_header: usize,
    table_unit: Option<f64>,
) -> TableValues {
    let n = header.width();
    let interim = header.interim_mask();
    let limit = floor_boundary(s, next_header.min(header.end + TABLE_SPAN));
    let rows = rows_after(s, header.end, limit);
    // An amount row without a unit has its table's: stated before the header, or by the
    // other amount rows (`营业收入(百万元)` above a bare `净利润`).
    let table_unit = table_unit.or_else(|| {
        rows.iter()
            .filter(|r| figure_of(r.label).is_some_and(Figure::is_amount))
            .find_map(|r| unit_factor(r.label))
    });
    let mut values: TableValues = BTreeMap::new();
    // The revenue row's figures (every column) and their rounding, in 元, for the margin check.
    let mut revenue: Option<(Vec<f64>, f64)> = None;
    // Profit rows no reading of their own fits, to be checked against revenue × margin.
    let mut unsplit: Vec<(Figure, &Row)> = Vec::new();
    for (k, row) in rows.iter().enumerate() {
        let Some(figure) = figure_of(row.label) else {
            continue;
        };
        if figure == Figure::Growth || values.contains_key(&figure) {
            continue;
        }
        let growth = rows
            .get(k + 1)
            .filter(|r| figure_of(r.label) == Some(Figure::Growth))
            .and_then(|r| match split_row(r.numbers, n, None) {
                Split::One(v) => Some((v, decimals_of(r.numbers))),
                _ => None,
            });
        let growth = growth.as_ref().map(|(v, d)| Growth {
            percents: v,
            decimals: *d,
            interim: &interim,
        });
        let split = split_row(row.numbers, n, growth.filter(|_| figure.is_amount()));
        let Split::One(all) = split else {
            if matches!(figure, Figure::NetProfit | Figure::PlainProfit) {
                unsplit.push((figure, row));
            }
            continue;
        };
        if figure == Figure::Revenue && revenue.is_none() && !row.numbers.contains('%') {
            if let Some(factor) = unit_factor(row.label).or(table_unit) {
                let all_yuan = all.iter().map(|x| x * factor).collect();
                revenue = Some((all_yuan, half(decimals_of(row.numbers)) * factor));
            }
        }
        let mut v: Vec<f64> = all
            .into_iter()
            .zip(&interim)
            .filter(|(_, i)| !**i)
            .map(|(x, _)| x)
            .collect();
        // Amounts, EPS and multiples are not percentages: a `%` row is a ratio.
        if figure != Figure::Roe && (row.numbers.contains('%') || row.label.contains('%')) {
            continue;
        }
        if figure.is_amount() {
            let Some(factor) = unit_factor(row.label).or(table_unit) else {
                continue;
            };
            v.iter_mut().for_each(|x| *x *= factor);
        }
        if !plausible(figure, &v) {
            continue;
        }
        let source = format!("{}{}", row.label.trim(), row.numbers);
        values.insert(figure, (v, source));
    }
    let margin = margin_row(&rows, n);
    let pe = pe_row(&rows, n);
    for (figure, row) in unsplit {
        if values.contains_key(&figure) {
            continue;
        }
        let Some(factor) = unit_factor(row.label).or(table_unit) else {
            continue;
        };
        let decimals = decimals_of(row.numbers);
        let by_margin = match (&revenue, &margin) {
            (Some((revenue, revenue_half)), Some(margin)) => {
                let check = MarginCheck {
                    revenue,
                    revenue_half: *revenue_half,
                    margin,
                    factor,
                    decimals,
                };
                split_row_fitting(row.numbers, n, &|k, v| check.fits(k, v))
            }
            _ => Split::NoneOrMany,
        };
        let split = match (by_margin, &pe) {
            (Split::NoneOrMany, Some(pe)) => split_row_where(row.numbers, n, &|v| {
                same_market_value(v, half(decimals), pe)
            }),
            (split, _) => split,
        };
        let Split::One(all) = split else {
            continue;
        };
        let v: Vec<f64> = all
            .into_iter()
            .zip(&interim)
            .filter(|(_, i)| !**i)
            .map(|(x, _)| x * factor)
            .collect();
        let source = format!("{}{}", row.label.trim(), row.numbers);
        values.insert(figure, (v, source));
    }
    values
}

/// Half a unit of the last decimal printed.
fn half(decimals: usize) -> f64 {
    0.5 * 10f64.powi(-(decimals as i32))
}

/// The net margin row of a table (`净利率(%)`, `净利润率`, `销售净利率`): its percents per
/// column and the decimals they are printed with.
fn margin_row(rows: &[Row], n: usize) -> Option<(Vec<f64>, usize)> {
    rows.iter().find_map(|r| {
        let core = strip_brackets(r.label);
        let margin = (core.ends_with("净利率") || core.ends_with("净利润率"))
            && !core.contains("扣非")
            && !core.contains("少数");
        match margin.then(|| split_row(r.numbers, n, None))? {
            Split::One(v) => Some((v, decimals_of(r.numbers))),
            Split::NoneOrMany => None,
        }
    })
}

/// The P/E row of a table (`P/E`, `市盈率`): its multiples per column, when every one is
/// positive, and half a unit of their last decimal.
fn pe_row(rows: &[Row], n: usize) -> Option<(Vec<f64>, f64)> {
    rows.iter().find_map(|r| {
        if figure_of(r.label) != Some(Figure::Pe) || r.numbers.contains('%') {
            return None;
        }
        match split_row(r.numbers, n, None) {
            Split::One(v) if v.iter().all(|x| *x > 0.0) => Some((v, half(decimals_of(r.numbers)))),
            _ => None,
        }
    })
}

/// How far apart two columns' market values (profit × P/E) may be beyond the rounding of
/// the printed figures: a P/E is often the price over a rounded EPS.
const MARKET_VALUE_SLACK: f64 = 0.015;

/// Whether `profits` (one per column, printed to `profit_half`) times the P/E row give one
/// market value: every year's P/E is the same price over that year's earnings. A misread
/// cut moves a digit from one figure to the next, off by about ten times.
fn same_market_value(profits: &[f64], profit_half: f64, pe: &(Vec<f64>, f64)) -> bool {
    let (multiples, pe_half) = (&pe.0, pe.1);
    if profits.len() != multiples.len() || profits.iter().any(|p| *p - profit_half <= 0.0) {
        return false;
    }
    let (mut lo, mut hi) = (f64::MIN, f64::MAX);
    for (p, m) in profits.iter().zip(multiples) {
        lo = lo.max((p - profit_half) * (m - pe_half));
        hi = hi.min((p + profit_half) * (m + pe_half));
    }
    lo <= hi * (1.0 + MARKET_VALUE_SLACK)
}

/// A profit row checked against the revenue row and the net margin row: each column's
/// profit is margin × revenue, within the rounding of the three printed figures.
struct MarginCheck<'a> {
    /// Revenue per column and its rounding, 元.
    revenue: &'a [f64],
    revenue_half: f64,
    /// Net margin per column (percent) and its decimals.
    margin: &'a (Vec<f64>, usize),
    /// The profit row's unit, to 元.
    factor: f64,
    /// The profit row's decimals.
    decimals: usize,
}

impl MarginCheck<'_> {
    fn fits(&self, k: usize, profit: f64) -> bool {
        let (Some(&revenue), Some(&margin)) = (self.revenue.get(k), self.margin.0.get(k)) else {
            return false;
        };
        let expected = margin / 100.0 * revenue;
        let tolerance = half(self.decimals) * self.factor
            + margin.abs() / 100.0 * self.revenue_half
            + revenue.abs() * half(self.margin.1) / 100.0;
        (profit * self.factor - expected).abs() <= tolerance * 1.01
    }
}

/// Whether a row's values can be what it claims (an EPS of 3,000 is a misread row).
fn plausible(figure: Figure, v: &[f64]) -> bool {
    v.iter().all(|x| match figure {
        Figure::Eps => x.abs() < 2000.0,
        Figure::Pe | Figure::Pb => (-10000.0..100000.0).contains(x),
        Figure::Roe => x.abs() < 1000.0,
        _ => true,
    })
}

/// The amount unit stated shortly before a table's header (`单位:百万元`, `(百万元)`).
fn table_unit_before(s: &str, header_start: usize) -> Option<f64> {
    // `人民币百万元 2023a 2024a...`: the unit heads the header's own line.
    let just_before = crate::report::scan::left_window(s, header_start, 8).trim_end();
    if let Some(unit) = ["百万元", "亿元", "万元", "千元", "百万"]
        .iter()
        .find(|u| just_before.ends_with(**u))
    {
        return unit_factor(unit);
    }
    let before = crate::report::scan::left_window(s, header_start, 30);
    if let Some(at) = before.rfind("单位") {
        return unit_factor(right_window(before, at, 8));
    }
    // A bracket may hold more than the unit (`(31/12年结;百万人民币)`).
    let at = before.rfind('(')?;
    let inner = before[at..].split(')').next().unwrap_or_default();
    unit_factor(inner)
}

/// The report's forecasts: its tables after `from` (the front page's first), then its
/// forecast sentences, each figure taken from the first source that gives it.
pub(super) fn extract_forecasts(s: &str, report_year: Option<u16>) -> Vec<Forecast> {
    let headers = year_headers(s);
    let mut by_year: BTreeMap<u16, Forecast> = BTreeMap::new();
    let mut plain_profit: BTreeMap<u16, (f64, String)> = BTreeMap::new();
    // The first table that gives figures is the forecast table; a later one fills its
    // gaps and adds later years, but years before its first are history (the company's
    // past, a subsidiary's), not the report's forecasts.
    let mut first_year: Option<u16> = None;
    for (k, header) in headers.iter().enumerate() {
        let next = headers.get(k + 1).map_or(s.len(), |h| h.start);
        let values = read_table(s, header, next, table_unit_before(s, header.start));
        if values.is_empty() {
            continue;
        }
        let first_year = *first_year.get_or_insert(header.columns[0].0);
        let marks_given = header.columns.iter().any(|c| c.1.is_some());
        let first_estimate = header.columns.iter().position(|c| c.1 == Some(false));
        for (col, &(year, mark)) in header.columns.iter().enumerate() {
            if year < first_year {
                continue;
            }
            let actual = match mark {
                Some(a) => a,
                None if marks_given => first_estimate.is_some_and(|e| col < e),
                None => report_year.is_some_and(|y| year < y),
            };
            let f = by_year.entry(year).or_insert_with(|| Forecast {
                year,
                actual,
                ..Forecast::default()
            });
            for (figure, (v, source)) in &values {
                let value = v[col];
                if *figure == Figure::PlainProfit {
                    plain_profit.entry(year).or_insert((value, source.clone()));
                    continue;
                }
                let slot = match figure {
                    Figure::Revenue => &mut f.revenue,
                    Figure::NetProfit => &mut f.net_profit,
                    Figure::Eps => &mut f.eps,
                    Figure::Pe => &mut f.pe,
                    Figure::Pb => &mut f.pb,
                    Figure::Roe => &mut f.roe,
                    Figure::PlainProfit | Figure::Growth => continue,
                };
                if slot.is_none() {
                    *slot = Some(value);
                    f.sources.insert(figure.key().to_string(), source.clone());
                }
            }
        }
    }
    for (year, (value, source)) in plain_profit {
        let f = by_year
            .get_mut(&year)
            .expect("a year with a value has an entry");
        if f.net_profit.is_none() {
            f.net_profit = Some(value);
            f.sources.insert("net_profit".into(), source);
        }
    }
    leave_out_misread_figures(&mut by_year);
    // A report without a forecast table may state its forecasts in a sentence; where it has
    // a table, the table is the forecast (a sentence may also recall past years).
    if by_year
        .values()
        .all(|f| f.revenue.is_none() && f.net_profit.is_none() && f.eps.is_none())
    {
        by_year.clear();
        super::forecast_sentences::fill_from_sentences(s, &mut by_year);
    }
    by_year
        .into_values()
        .filter(|f| {
            f.revenue.is_some() || f.net_profit.is_some() || f.eps.is_some() || f.pe.is_some()
        })
        .collect()
}

/// How many times both of its neighbours a year's figure may be: more is a misread
/// (a stripped row split at the wrong digit: `5.57727.0412.02` read as 5.57, 727.04, 12.02).
const MAX_JUMP: f64 = 20.0;

/// One figure of a year's forecast, to read and write.
type FigureOf = fn(&mut Forecast) -> &mut Option<f64>;

/// A revenue, net profit or EPS figure far above both neighbouring years' of the same table
/// is left out, with its source: a company does not grow twentyfold in a year and shrink back
/// the next, and a figure that cannot be assigned with confidence is not given.
fn leave_out_misread_figures(by_year: &mut BTreeMap<u16, Forecast>) {
    let fields: [(&str, FigureOf); 3] = [
        ("revenue", |f| &mut f.revenue),
        ("net_profit", |f| &mut f.net_profit),
        ("eps", |f| &mut f.eps),
    ];
    for (key, field) in fields {
        let years: Vec<u16> = by_year.keys().copied().collect();
        let value = |by_year: &mut BTreeMap<u16, Forecast>, y: u16| {
            by_year.get_mut(&y).and_then(|f| *field(f))
        };
        let mut misread = Vec::new();
        for w in years.windows(3) {
            let (a, b, c) = (
                value(by_year, w[0]),
                value(by_year, w[1]),
                value(by_year, w[2]),
            );
            if let (Some(a), Some(b), Some(c)) = (a, b, c) {
                if a > 0.0 && c > 0.0 && b > MAX_JUMP * a && b > MAX_JUMP * c {
                    misread.push(w[1]);
                }
            }
        }
        for y in misread {
            if let Some(f) = by_year.get_mut(&y) {
                *field(f) = None;
                f.sources.remove(key);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::normalize::normalize;

    #[test]
    fn a_figure_far_above_both_neighbours_is_left_out() {
        let mut by_year: BTreeMap<u16, Forecast> = [
            (2019, 5.57e8),
            (2020, 727.04e8),
            (2021, 12.02e8),
            (2022, 18.73e8),
        ]
        .into_iter()
        .map(|(year, revenue)| {
            let mut f = Forecast {
                year,
                revenue: Some(revenue),
                ..Forecast::default()
            };
            f.sources
                .insert("revenue".into(), "总营收5.57727.0412.0218.73".into());
            (year, f)
        })
        .collect();
        leave_out_misread_figures(&mut by_year);
        assert_eq!(by_year[&2020].revenue, None);
        assert!(!by_year[&2020].sources.contains_key("revenue"));
        assert_eq!(by_year[&2019].revenue, Some(5.57e8));
        assert_eq!(by_year[&2021].revenue, Some(12.02e8));
        // Fast growth is not a misread.
        let mut fast: BTreeMap<u16, Forecast> = [(2020, 1e8), (2021, 9e8), (2022, 30e8)]
            .into_iter()
            .map(|(year, revenue)| {
                (
                    year,
                    Forecast {
                        year,
                        revenue: Some(revenue),
                        ..Forecast::default()
                    },
                )
            })
            .collect();
        leave_out_misread_figures(&mut fast);
        assert_eq!(fast[&2021].revenue, Some(9e8));
    }

    fn forecasts(t: &str) -> Vec<Forecast> {
        extract_forecasts(&normalize(t), Some(2021))
    }

    #[test]
    fn stripped_table_split_by_decimals_and_growth() {
        let t = "[Table_Profit]⚫重要财务指标单位:百万元主要财务指标20192020E2021E2022E营业收入61278510931468收入同比（%）41.6%28.3%39.2%34.3%归属母公司净利润274391552786净利润同比（%）126.5%42.7%41.2%42.4%毛利率（%）91.8%90.6%91.4%91.9%ROE（%）43.2%37.5%34.1%31.6%每股收益（元）2.283.264.606.55P/E0.00196.32139.1397.71P/B0.0071.4545.2829.63EV/EBITDA-1.62128.4789.3561.08资料来源：wind，某证券研究所";
        let f = forecasts(t);
        assert_eq!(f.len(), 4, "{f:?}");
        assert_eq!(f[0].year, 2019);
        assert!(f[0].actual);
        assert!(!f[1].actual);
        assert_eq!(f[0].revenue, Some(612e6));
        assert_eq!(f[3].revenue, Some(1468e6));
        assert_eq!(f[2].net_profit, Some(552e6));
        assert_eq!(f[1].eps, Some(3.26));
        assert_eq!(f[2].pe, Some(139.13));
        assert_eq!(f[3].pb, Some(29.63));
        assert_eq!(f[0].roe, Some(43.2));
    }

    #[test]
    fn pdf_line_table() {
        let t = "盈利预测与估值\n单位：百万元\t2023A\t2024A\t2025E\t2026E\n营业收入\t12,345\t14,567\t16,890\t19,001\n增长率(%)\t10.1\t18.0\t15.9\t12.5\n归母净利润\t1,234\t1,456\t1,789\t2,001\n每股收益(元)\t1.23\t1.45\t1.78\t2.00\nP/E\t30.5\t25.9\t21.1\t18.8\n";
        let f = forecasts(t);
        assert_eq!(f.len(), 4, "{f:?}");
        assert_eq!(f[1].revenue, Some(14567e6));
        assert_eq!(f[2].net_profit, Some(1789e6));
        assert!(f[1].actual && !f[2].actual);
        assert_eq!(f[3].eps, Some(2.0));
    }

    #[test]
    fn ambiguous_rows_are_left_out() {
        // No growth row, no separators, no decimals: 123 456 789 or 12 345 6789 or...
        let t = "盈利预测单位:百万元2019A2020E2021E营业收入123456789每股收益(元)1.021.251.50";
        let f = forecasts(t);
        assert!(f.iter().all(|y| y.revenue.is_none()), "{f:?}");
        assert_eq!(f[1].eps, Some(1.25));
    }

    #[test]
    fn comparable_companies_are_not_rows() {
        let t = "重点公司盈利预测EPS(元)P/E(倍)股票代码股票名称收盘价(元)投资评级20192020E2021E2022E20192020E2021E2022E000123CH示例电子A7.42买入0.080.190.360.4892.7539.0520.6115.46";
        assert!(forecasts(t).is_empty());
    }
    #[test]
    fn interim_columns_are_read_past_not_as_years() {
        // A half-year column between the reported year and the forecasts.
        let t = "财务数据及盈利预测20192020H12020E2021E2022E营业总收入（百万元）4722156481,0361,493同比增长率（%）56.812.437.359.944.1归母净利润（百万元）254118347532801同比增长率（%）141.911.836.653.350.6每股收益（元/股）2.541.183.475.328.01毛利率（%）91.489.791.891.992.0";
        let f = forecasts(t);
        let years: Vec<u16> = f.iter().map(|y| y.year).collect();
        assert_eq!(years, vec![2019, 2020, 2021, 2022], "{f:?}");
        assert_eq!(f[1].eps, Some(3.47));
        assert_eq!(f[0].net_profit, Some(254e6));
        assert_eq!(f[1].net_profit, Some(347e6));
        assert_eq!(f[3].net_profit, Some(801e6));
        assert_eq!(f[3].revenue, Some(1493e6));
    }

    #[test]
    fn later_tables_add_no_earlier_years() {
        // The front table, then a subsidiary's history table further on.
        let t = "财务摘要（百万元）20192020E2021E2022E主营收入612.3745.8902.41068.9净利润58.284.6112.3141.7每股收益（元）0.701.021.351.70P/E48.633.425.220.0正文......表8:子公司经营情况(单位:百万元)2014201520162017201820192020H1营业收入121.45148.02163.88190.31214.67240.12118.54净利润14.2122.8725.4329.0630.1237.8519.40";
        let f = forecasts(t);
        let years: Vec<u16> = f.iter().map(|y| y.year).collect();
        assert_eq!(years, vec![2019, 2020, 2021, 2022], "{f:?}");
        assert_eq!(f[0].net_profit, Some(58.2e6));
    }

    #[test]
    fn a_unit_in_the_bracket_before_the_header() {
        let t = "(31/12年结;百万人民币)201820192020E2021E2022E营业收入5327711,1241,6072,215增长率(%)32.7%44.9%45.8%43.0%37.8%净利润64139205298417增长率(%)12.3%117.2%47.5%45.4%39.9%每股收益(人民币)0.1280.2780.4100.5960.834";
        let f = forecasts(t);
        assert_eq!(f.len(), 5, "{f:?}");
        assert_eq!(f[0].net_profit, Some(64e6));
        assert_eq!(f[4].net_profit, Some(417e6));
    }
    #[test]
    fn net_margin_times_revenue_picks_the_profit_row() {
        // Whole figures run together, and a growth row on another basis than the row above
        // it (its figures fit no reading): the net margin row times revenue fits one.
        let t = "人民币百万元2019A2020A2021E2022E营业额1,2001,3501,5001,800同比增长5.00%12.50%11.11%20.00%毛利率60.00%61.00%62.00%63.00%净利润240297345432同比增长3.00%18.00%15.00%22.00%净利润率20.00%22.00%23.00%24.00%每股盈利1.201.491.732.16";
        let f = forecasts(t);
        let profits: Vec<Option<f64>> = f.iter().map(|y| y.net_profit).collect();
        assert_eq!(
            profits,
            vec![Some(240e6), Some(297e6), Some(345e6), Some(432e6)],
            "{f:?}"
        );
        // Without a margin row the profit row has no trusted reading.
        let t = t.replace("净利润率20.00%22.00%23.00%24.00%", "");
        assert!(forecasts(&t).iter().all(|y| y.net_profit.is_none()));
    }

    #[test]
    fn a_page_footer_inside_a_table() {
        // The page ends inside the table: its footer (printed on every page) and the next
        // page's number and header stand between two rows.
        let footer = "本报告仅供本公司客户参考使用，未经书面许可任何机构和个人不得转载，请务必阅读正文之后的分析师声明及免责条款。";
        let t = format!("公司主要财务信息2022A2023A2024E2025E2026E营业收入(百万元)86,41297,305112,870131,562150,048{footer}1示例电子深度报告同比增长(%)24.6%12.6%16.0%16.6%14.1%归属母公司净利润(百万元)5,2186,0347,1298,4559,870每股收益(元)1.301.511.782.112.47资料来源:公司数据。正文从略。{footer}2");
        let f = forecasts(&t);
        assert_eq!(f.len(), 5, "{f:?}");
        assert_eq!(f[4].eps, Some(2.47));
        assert_eq!(f[1].net_profit, Some(6034e6));
    }

    #[test]
    fn a_business_line_contribution_is_not_the_company_profit() {
        // A forecast split by business line: each line's contribution, then the total.
        let t = "表9：示例股份盈利预测拆分（单位：百万元）2024A2025E2026E2027E服饰业务收入1,200.501,100.201,300.401,450.60YOY5.00%-8.35%18.20%11.55%估算贡献归母净利120.0580.10101.30130.40净利率10%7%8%9%美容业务收入500.20700.30950.401,200.10YOY30.00%40.00%35.70%26.27%贡献归母净利40.1060.2085.30110.40总收入1,700.701,800.502,250.802,650.70YOY10.00%5.87%25.01%17.77%归母净利160.15140.30186.60240.80YOY-50.00%-12.40%33.00%29.05%数据来源：公司公告";
        let profits: Vec<Option<f64>> = forecasts(t).iter().map(|y| y.net_profit).collect();
        assert_eq!(
            profits,
            vec![Some(160.15e6), Some(140.3e6), Some(186.6e6), Some(240.8e6)]
        );
        // A contribution named before the row's own label is not the row's.
        assert_eq!(
            figure_of("利润贡献率(%)归母净利润(百万元)"),
            Some(Figure::NetProfit)
        );
    }

    #[test]
    fn one_market_value_under_the_pe_row_picks_the_profit_row() {
        // Whole figures run together, a growth row that fits no reading: each year's
        // profit × P/E is the same market value for one reading only.
        let t = "盈利预测与估值2024A2025E2026E2027E营业收入（百万元）4505807401,010同比（%）60.1%28.9%27.6%36.5%归母净利润（百万元）215284402577同比（%）120.3%35.0%40.2%42.9%每股收益（元/股）2.152.363.354.81P/E（倍）150.00113.5680.2355.89投资要点";
        let profits: Vec<Option<f64>> = forecasts(t).iter().map(|y| y.net_profit).collect();
        assert_eq!(
            profits,
            vec![Some(215e6), Some(284e6), Some(402e6), Some(577e6)]
        );
        // P/E figures that give no one market value leave the row out.
        let t = t.replace("150.00113.5680.2355.89", "150.00150.00150.00150.00");
        assert!(forecasts(&t).iter().all(|y| y.net_profit.is_none()));
    }
}
