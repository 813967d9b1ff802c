//! Splitting a table row's figures into its columns, also where the whitespace between them
//! was stripped (`2.283.264.606.55`, `1,2341,5671,890`, `61278510931468`).
//!
//! Every reading of the run is tried, figure by figure, under the shapes a table keeps within
//! one row: the same number of decimals in every figure, thousands separators either used
//! for every figure of four digits or more or for none, no leading zeros, a `%` after every
//! figure or after none. Where the decimals fix the cuts there is one reading; where they
//! don't (whole numbers without separators), a growth row can pick one; otherwise the row
//! has no reading we trust.

/// What a row's figures split into.
#[derive(Debug, Clone, PartialEq)]
pub(super) enum Split {
    /// Exactly one reading fits.
    One(Vec<f64>),
    /// No reading, or more than one.
    NoneOrMany,
}

/// A cap on the readings enumerated: a row of whole numbers can have thousands.
const MAX_READINGS: usize = 4096;

/// A growth row under an amount row: its figures (percent per column), the decimals they
/// are printed with, and which columns are interim (`2020h1`), whose growth is against the
/// same period of the year before, not against the column to their left.
#[derive(Clone, Copy)]
pub(super) struct Growth<'a> {
    pub(super) percents: &'a [f64],
    pub(super) decimals: usize,
    pub(super) interim: &'a [bool],
}

/// The figures of `run` as `n` columns. `growth` (as a growth row under an amount gives
/// it) picks among several readings.
pub(super) fn split_row(run: &str, n: usize, growth: Option<Growth>) -> Split {
    let run = run.trim();
    if n == 0 || run.is_empty() {
        return Split::NoneOrMany;
    }
    if run.contains(' ') {
        let values: Option<Vec<f64>> = run.split_whitespace().map(parse_figure).collect();
        return match values {
            Some(v) if v.len() == n => Split::One(v),
            _ => Split::NoneOrMany,
        };
    }
    // The row's shapes alone first: a growth row is only asked where they leave a choice
    // (a front table's first years may be on another basis than its growth row).
    let mut fitting = values(readings(run, n, None, None));
    if fitting.len() > 1 {
        if let Some(g) = growth.filter(|g| g.percents.len() == n) {
            fitting = values(readings(run, n, Some(g), None));
        }
    }
    // Some tables drop the decimals of figures past 1,000 (`734.601,052`): tried only where
    // the one-shape reading fails, and only as the same decimals for every smaller figure.
    if fitting.is_empty() && run.contains('.') && run.contains(',') {
        fitting = (1..=3)
            .flat_map(|decimals| values(mixed_readings(run, n, decimals)))
            .collect();
    }
    match fitting.len() {
        1 => Split::One(fitting.pop().expect("one reading")),
        _ => Split::NoneOrMany,
    }
}

/// The figures of `run` as `n` columns where each figure passes `fits` (its column, its
/// value): a check from the table's other rows, for a row its own shapes and its growth row
/// leave open. Exactly one reading must pass.
pub(super) fn split_row_fitting(run: &str, n: usize, fits: Fits) -> Split {
    let run = run.trim();
    if n == 0 || run.is_empty() || run.contains(' ') {
        return Split::NoneOrMany;
    }
    let mut fitting = values(readings(run, n, None, Some(fits)));
    match fitting.len() {
        1 => Split::One(fitting.pop().expect("one reading")),
        _ => Split::NoneOrMany,
    }
}

/// The figures of `run` as `n` columns where the whole reading passes `accept` (a check
/// across the row's figures, such as one market value under a P/E row). Exactly one reading
/// must pass, out of every reading the row's shapes allow.
pub(super) fn split_row_where(run: &str, n: usize, accept: &dyn Fn(&[f64]) -> bool) -> Split {
    let run = run.trim();
    if n == 0 || run.is_empty() || run.contains(' ') {
        return Split::NoneOrMany;
    }
    let all = readings(run, n, None, None);
    if all.len() >= MAX_READINGS {
        return Split::NoneOrMany;
    }
    let mut fitting: Vec<Vec<f64>> = values(all).into_iter().filter(|v| accept(v)).collect();
    match fitting.len() {
        1 => Split::One(fitting.pop().expect("one reading")),
        _ => Split::NoneOrMany,
    }
}

/// The readings whose every figure parses, as numbers.
fn values(readings: Vec<Vec<&str>>) -> Vec<Vec<f64>> {
    readings
        .iter()
        .filter_map(|r| r.iter().map(|t| parse_figure(t)).collect())
        .collect()
}

/// One figure: `1,234.5`, `-3.2`, `(0.22)` (negative), `12.3%` (percent, as 12.3).
fn parse_figure(t: &str) -> Option<f64> {
    let t = t.trim_end_matches('%');
    let (neg, body) = if let Some(inner) = t.strip_prefix('(').and_then(|x| x.strip_suffix(')')) {
        (true, inner)
    } else if let Some(rest) = t.strip_prefix('-') {
        (true, rest)
    } else {
        (false, t)
    };
    if body.is_empty()
        || !body
            .bytes()
            .all(|b| b.is_ascii_digit() || b == b'.' || b == b',')
    {
        return None;
    }
    let digits: String = body.chars().filter(|c| *c != ',').collect();
    let v: f64 = digits.parse().ok()?;
    Some(if neg { -v } else { v })
}

/// The decimals of a run's figures: the digits after its last point.
pub(super) fn decimals_of(run: &str) -> usize {
    let core = run.trim_end_matches(['%', ')']);
    core.rfind('.').map_or(0, |p| core.len() - p - 1)
}

/// The shape every figure of one row shares.
#[derive(Clone, Copy)]
struct Shape {
    decimals: usize,
    percent: bool,
    separators: bool,
    /// Figures of four digits or more are whole (`1,116`), the others have `decimals`.
    whole_thousands: bool,
}

/// Every reading of `run` as `n` figures of the row's shape (and, with `growth`, of the
/// growth from figure to figure: checked as the figures are cut, it prunes most readings;
/// with `fits`, figures that pass that check).
fn readings<'a>(
    run: &'a str,
    n: usize,
    growth: Option<Growth>,
    fits: Option<Fits>,
) -> Vec<Vec<&'a str>> {
    let shape = Shape {
        decimals: decimals_of(run),
        percent: run.ends_with('%'),
        separators: run.contains(','),
        whole_thousands: false,
    };
    let mut out = Vec::new();
    let mut current = Vec::with_capacity(n);
    let growth = growth.filter(|g| g.percents.len() == n);
    enumerate(run, 0, n, shape, growth, fits, &mut current, &mut out);
    out
}

/// Every reading of `run` as `n` figures with `decimals` under 1,000 and whole thousands.
fn mixed_readings(run: &str, n: usize, decimals: usize) -> Vec<Vec<&str>> {
    let shape = Shape {
        decimals,
        percent: false,
        separators: true,
        whole_thousands: true,
    };
    let mut out = Vec::new();
    let current = &mut Vec::with_capacity(n);
    enumerate(run, 0, n, shape, None, None, current, &mut out);
    out
}

/// Whether figure `k` of a reading may have the value given (a check from another row).
type Fits<'f> = &'f dyn Fn(usize, f64) -> bool;

#[allow(clippy::too_many_arguments)]
fn enumerate<'a>(
    run: &'a str,
    at: usize,
    left: usize,
    shape: Shape,
    growth: Option<Growth>,
    fits: Option<Fits>,
    current: &mut Vec<&'a str>,
    out: &mut Vec<Vec<&'a str>>,
) {
    if out.len() >= MAX_READINGS {
        return;
    }
    if left == 0 {
        if at == run.len() {
            out.push(current.clone());
        }
        return;
    }
    for end in figure_ends(run, at, shape) {
        let figure = &run[at..end];
        if let Some(g) = growth {
            let k = current.len();
            let interim = |i: usize| g.interim.get(i).copied().unwrap_or(false);
            // A year's growth is against the year before, across any interim column.
            let prev = (0..k).rev().find(|&i| !interim(i));
            if let (false, Some(j)) = (interim(k), prev) {
                let pair = [parse_figure(current[j]), parse_figure(figure)];
                if let [Some(a), Some(b)] = pair {
                    if !fits_growth(a, b, g.percents[k], shape.decimals, g.decimals) {
                        continue;
                    }
                }
            }
        }
        if let Some(fits) = fits {
            if !parse_figure(figure).is_some_and(|v| fits(current.len(), v)) {
                continue;
            }
        }
        current.push(figure);
        enumerate(run, end, left - 1, shape, growth, fits, current, out);
        current.pop();
    }
}

/// Where a figure of `shape` starting at `at` may end.
fn figure_ends(run: &str, at: usize, shape: Shape) -> Vec<usize> {
    let b = run.as_bytes();
    let mut i = at;
    let paren = b.get(i) == Some(&b'(');
    if paren || b.get(i) == Some(&b'-') {
        i += 1;
    }
    let int_start = i;
    let digits = b[i..].iter().take_while(|c| c.is_ascii_digit()).count();
    if digits == 0 {
        return Vec::new();
    }
    // Candidate integer parts: with separators, 1–3 digits then `,ddd` groups; else any
    // length (a leading zero only alone).
    let mut int_ends = Vec::new();
    if b[int_start] == b'0' {
        int_ends.push(int_start + 1);
    } else {
        for len in 1..=digits {
            let end = int_start + len;
            if shape.separators && len > 3 {
                break;
            }
            int_ends.push(end);
        }
    }
    let mut ends = Vec::new();
    for mut end in int_ends {
        let head_len = end - int_start;
        // Thousands groups.
        let mut grouped = false;
        while shape.separators
            && b.get(end) == Some(&b',')
            && b.len() >= end + 4
            && b[end + 1..end + 4].iter().all(u8::is_ascii_digit)
        {
            end += 4;
            grouped = true;
        }
        if shape.separators && b.get(end) == Some(&b',') {
            continue;
        }
        // A figure of four digits or more needs its separators when the row uses them.
        if shape.separators && !grouped && head_len > 3 {
            continue;
        }
        if shape.decimals > 0 && !(shape.whole_thousands && grouped) {
            if b.get(end) != Some(&b'.') {
                continue;
            }
            let frac = b[end + 1..]
                .iter()
                .take_while(|c| c.is_ascii_digit())
                .count();
            if frac < shape.decimals {
                continue;
            }
            end += 1 + shape.decimals;
        } else if b.get(end) == Some(&b'.') {
            continue;
        }
        if shape.percent {
            if b.get(end) != Some(&b'%') {
                continue;
            }
            end += 1;
        }
        if paren {
            if b.get(end) != Some(&b')') {
                continue;
            }
            end += 1;
        }
        ends.push(end);
    }
    ends
}

/// Whether the growth from `prev` to `cur` is `growth` percent, within the rounding of
/// both (`decimals` of the amounts, `growth_decimals` of the percentage).
fn fits_growth(prev: f64, cur: f64, growth: f64, decimals: usize, growth_decimals: usize) -> bool {
    let half = 0.5 * 10f64.powi(-(decimals as i32));
    let growth_half = 0.5 * 10f64.powi(-(growth_decimals as i32)) + 0.01;
    // Growth from a loss is printed in too many ways (`-`, `n.m.`, against |loss|).
    if prev - half <= 0.0 {
        return true;
    }
    // Into a loss the ratio is negative and the bounds come the other way round.
    let a = ((cur - half) / (prev + half) - 1.0) * 100.0;
    let b = ((cur + half) / (prev - half) - 1.0) * 100.0;
    let (lo, hi) = (a.min(b), a.max(b));
    growth >= lo - growth_half && growth <= hi + growth_half
}

#[cfg(test)]
mod tests {
    use super::*;

    fn growth(percents: &[f64], decimals: usize) -> Growth<'_> {
        Growth {
            percents,
            decimals,
            interim: &[],
        }
    }

    fn one(run: &str, n: usize) -> Vec<f64> {
        match split_row(run, n, None) {
            Split::One(v) => v,
            other => panic!("{run}: {other:?}"),
        }
    }

    #[test]
    fn decimals_fix_the_cuts() {
        assert_eq!(one("2.283.264.606.55", 4), vec![2.28, 3.26, 4.6, 6.55]);
        assert_eq!(
            one("0.00196.32139.1397.71", 4),
            vec![0.0, 196.32, 139.13, 97.71]
        );
        assert_eq!(
            one("-1.62128.4789.3561.08", 4),
            vec![-1.62, 128.47, 89.35, 61.08]
        );
        assert_eq!(one("41.6%28.3%39.2%34.3%", 4), vec![41.6, 28.3, 39.2, 34.3]);
        assert_eq!(one("(0.31)0.040.27", 3), vec![-0.31, 0.04, 0.27]);
        assert_eq!(
            one("1,287.4068.3552.9141.07", 4),
            vec![1287.4, 68.35, 52.91, 41.07]
        );
    }

    #[test]
    fn separators_fix_the_cuts() {
        assert_eq!(
            one("1,2341,5671,8902,100", 4),
            vec![1234.0, 1567.0, 1890.0, 2100.0]
        );
        assert_eq!(one("12,345 14,567", 2), vec![12345.0, 14567.0]);
    }

    #[test]
    fn growth_picks_among_whole_numbers() {
        let g = [41.6, 28.3, 39.2, 34.3];
        assert_eq!(
            split_row("61278510931468", 4, Some(growth(&g, 1))),
            Split::One(vec![612.0, 785.0, 1093.0, 1468.0])
        );
        assert_eq!(split_row("61278510931468", 4, None), Split::NoneOrMany);
        let g = [126.5, 42.7, 41.2, 42.4];
        assert_eq!(
            split_row("274391552786", 4, Some(growth(&g, 1))),
            Split::One(vec![274.0, 391.0, 552.0, 786.0])
        );
    }

    #[test]
    fn wrong_column_counts_give_nothing() {
        assert_eq!(split_row("1.02 1.25", 3, None), Split::NoneOrMany);
        assert_eq!(split_row("1.021.25", 3, None), Split::NoneOrMany);
    }
    #[test]
    fn growth_through_a_loss_and_rounded_to_whole_percents() {
        // 18 to (95) is -627.8%: a fall into a loss has its bounds the other way round.
        let g = [3.5, -627.8, 180.0, 88.2];
        assert_eq!(
            split_row("18(95)76143", 4, Some(growth(&g, 1))),
            Split::One(vec![18.0, -95.0, 76.0, 143.0])
        );
        // Growth printed in whole percents (`53%` for 53.40%) is within its own rounding.
        let g = [9.0, 18.0, 53.0, 39.0];
        assert_eq!(
            split_row("5126039251284", 4, Some(growth(&g, 0))),
            Split::One(vec![512.0, 603.0, 925.0, 1284.0])
        );
    }

    #[test]
    fn decimals_dropped_from_thousands() {
        // Figures under 1,000 keep two decimals, larger ones are printed whole.
        assert_eq!(
            one("472.35538.90697.121,0531,318", 5),
            vec![472.35, 538.9, 697.12, 1053.0, 1318.0]
        );
    }
}
