//! The year headers of forecast tables (`20192020e2021e2022e`, `fy2023a`, `2020h1`): the
//! columns a table's rows are read under.

/// A run of consecutive years heading a table's columns.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct YearHeader {
    pub(super) start: usize,
    pub(super) end: usize,
    /// Each year column's year and mark (`Some(true)` for `A`, `Some(false)` for `E`).
    pub(super) columns: Vec<(u16, Option<bool>)>,
    /// Where interim columns (`2020h1`, `2020q1-q3`) stand among all the columns: their
    /// figures are read past, not taken as a year's.
    pub(super) interim: Vec<usize>,
}

impl YearHeader {
    /// How many figures a row under the header has.
    pub(super) fn width(&self) -> usize {
        self.columns.len() + self.interim.len()
    }

    /// Whether each of the row's figures is an interim column's.
    pub(super) fn interim_mask(&self) -> Vec<bool> {
        (0..self.width())
            .map(|i| self.interim.contains(&i))
            .collect()
    }
}

/// An interim period at `at` (`2020h1`, `2021q1`, `2020q1-q3`): its year and end.
fn interim_at(s: &str, at: usize) -> Option<(u16, usize)> {
    let b = s.as_bytes();
    let rest = b.get(at..at + 6)?;
    let year_like = rest[..4].iter().all(u8::is_ascii_digit) && matches!(&rest[..2], b"19" | b"20");
    let period = matches!(rest[4..6], [b'h', b'1' | b'2'] | [b'q', b'1'..=b'4']);
    if !year_like || !period {
        return None;
    }
    let mut end = at + 6;
    // `q1-q3`: the first three quarters.
    if b.get(end..end + 3)
        .is_some_and(|r| r[0] == b'-' && r[1] == b'q' && (b'1'..=b'4').contains(&r[2]))
    {
        end += 3;
    }
    Some((s[at..at + 4].parse().ok()?, end))
}

/// A year token at `at`: `2021e`, `2020a`, `2019`, `fy2023a`, or `21e` (two digits need
/// their mark). Returns year, mark and end.
fn year_at(s: &str, at: usize) -> Option<(u16, Option<bool>, usize)> {
    let b = s.as_bytes();
    let digits = b[at..].iter().take_while(|c| c.is_ascii_digit()).count();
    let (year, len) = if digits >= 4
        && (b[at] == b'1' && b[at + 1] == b'9' || b[at] == b'2' && b[at + 1] == b'0')
    {
        (s[at..at + 4].parse::<u16>().ok()?, 4)
    } else if digits >= 2 {
        (2000 + s[at..at + 2].parse::<u16>().ok()?, 2)
    } else {
        return None;
    };
    let mark = match b.get(at + len) {
        Some(b'a') => Some(true),
        Some(b'e') => Some(false),
        _ => None,
    };
    if len == 2 && mark.is_none() {
        return None;
    }
    let end = at + len + usize::from(mark.is_some());
    Some((year, mark, end))
}

/// Every run of two or more consecutive years in `s` (`20192020e2021e2022e`,
/// `2023a 2024a 2025e 2026e`, `19a20e21e`).
pub(super) fn year_headers(s: &str) -> Vec<YearHeader> {
    let b = s.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        if !b[i].is_ascii_digit() || i > 0 && b[i - 1].is_ascii_digit() {
            i += 1;
            continue;
        }
        let start = i;
        let mut columns: Vec<(u16, Option<bool>)> = Vec::new();
        let mut interim = Vec::new();
        let mut at = i;
        let mut end = i;
        loop {
            let last = columns.last().map(|c| c.0);
            // An interim column after a year, of that year or the next (`2019 2020h1 2020e`).
            if let (Some(prev), Some((year, next))) = (last, interim_at(s, at)) {
                if year == prev || year == prev + 1 {
                    interim.push(columns.len() + interim.len());
                    end = next;
                    at = next;
                    while at < b.len() && matches!(b[at], b' ' | b'/' | b'|') {
                        at += 1;
                    }
                    continue;
                }
                break;
            }
            let Some((year, mark, next)) = year_at(s, at) else {
                break;
            };
            if let Some(prev) = last.filter(|prev| year != prev + 1) {
                // A forecast table may end on a long-term estimate (`2021e2022e2025e`).
                let long_term = year > prev + 1
                    && year <= prev + 10
                    && mark == Some(false)
                    && columns.len() >= 3
                    && columns.last().is_some_and(|c| c.1 == Some(false));
                if long_term {
                    columns.push((year, mark));
                    end = next;
                }
                break;
            }
            columns.push((year, mark));
            end = next;
            at = next;
            while at < b.len() && matches!(b[at], b' ' | b'/' | b'|') {
                at += 1;
            }
            if at < b.len() && b[at] == b'f' && s[at..].starts_with("fy") {
                at += 2;
            }
        }
        // Four digits not followed by another year are a number, not a header.
        if columns.len() >= 2 && (columns.len() >= 3 || columns.iter().any(|c| c.1.is_some())) {
            // Trailing interim columns (`2019 2020 2021q1`) still head figures.
            out.push(YearHeader {
                start,
                end,
                columns,
                interim,
            });
            i = end;
        } else {
            i += 1;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_last_long_term_estimate_is_a_column() {
        let years = |s: &str| -> Vec<Vec<u16>> {
            year_headers(s)
                .iter()
                .map(|h| h.columns.iter().map(|c| c.0).collect())
                .collect()
        };
        assert_eq!(
            years("2019a2020e2021e2022e2025e营业收入"),
            vec![vec![2019, 2020, 2021, 2022, 2025]]
        );
        // Not a year without its estimate mark, nor after actual years only.
        assert_eq!(
            years("2019a2020e2021e2022e2025营业收入"),
            vec![vec![2019, 2020, 2021, 2022]]
        );
        assert_eq!(years("2017201820192025e"), vec![vec![2017, 2018, 2019]]);
    }
}
