//! Filters on reports and sections, as a caller states them
//! ([`ReportFilter`]: plain values) and as queries apply them
//! ([`Filters`]: the sections and the ids of the reports allowed).
//!
//! Resolving a filter talks back: a broker, analyst or rating is taken
//! from the values the index holds (a short form such as 安信 is 安信证券
//! when only one value fits; an ambiguous or unknown one is an error that
//! lists the closest values), a date must exist in the calendar, and the
//! number of undated reports a date filter leaves out is counted.

use crate::index::columns::u64_column;
use crate::index::folder::Index;
use crate::index::schema::{Fields, KIND_REPORT};
use crate::report::tickers::parse_ticker_query;
use crate::report::Section;
use crate::text::normalize::normalize;
use anyhow::{anyhow, Result};
use std::collections::{HashMap, HashSet};
use std::ops::Bound;
use std::sync::Arc;
use tantivy::query::{BooleanQuery, Occur, Query as TQuery, RangeQuery, TermQuery};
use tantivy::schema::{Field, IndexRecordOption, Term};
use tantivy::{DocSet, Searcher};

/// Which reports and sections a query may answer from, as the user gives
/// them. Every field is optional; an empty filter allows everything.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ReportFilter {
    /// Section names (`summary`, `risk`...); any of them will do.
    pub sections: Vec<String>,
    /// The broker (e.g. 华安证券), or an unambiguous short form of a
    /// broker the index holds (华安); case and width do not matter.
    pub broker: Option<String>,
    /// An analyst's name, or an unambiguous part of one, as for `broker`.
    pub analyst: Option<String>,
    /// Reports dated on or after this day (YYYY-MM-DD).
    pub since: Option<String>,
    /// Reports dated on or before this day (YYYY-MM-DD).
    pub until: Option<String>,
    /// The rating word (e.g. 买入), or an unambiguous part of one, as for
    /// `broker`; a rating the index holds as it is given always wins (推荐
    /// is 推荐, not 强烈推荐). A level (`buy`, `outperform`, `neutral`,
    /// `underperform`, `sell`) stands for every word of that level.
    pub rating: Option<String>,
    /// A ticker, in any written form.
    pub ticker: Option<String>,
}

/// Restrictions on which passages may match, resolved against an index.
#[derive(Debug, Clone, Default)]
pub struct Filters {
    /// Sections allowed (any of them); empty: all.
    pub sections: Vec<Section>,
    /// Reports allowed by report-level filters (broker, date...), by report id;
    /// `None` when no report-level filter is set.
    pub reports: Option<Arc<HashSet<u64>>>,
    /// Reports without a date that `since`/`until` left out, among those
    /// the other report-level filters allow: a report whose date could not
    /// be read is in no date range. 0 when no date filter is set.
    pub undated_left_out: usize,
}

impl Filters {
    /// Whether nothing is filtered out.
    pub fn is_empty(&self) -> bool {
        self.sections.is_empty() && self.reports.is_none()
    }

    /// Resolves `filter` against `index`. A value that cannot be used is an
    /// [`crate::Error::InvalidArgument`] naming it: an unknown section; a
    /// date that is not one (the month and day must exist: 2023-02-29 does
    /// not) or an `until` before `since`; a ticker that is not one; a
    /// broker, analyst or rating that no value of the index contains, or
    /// that more than one contains (the message lists the closest values).
    pub fn resolve(index: &Index, filter: &ReportFilter) -> crate::Result<Filters> {
        let searcher = index.searcher()?;
        Ok(resolve(&searcher, &index.fields, filter)?)
    }
}

pub(crate) fn resolve(searcher: &Searcher, fields: &Fields, f: &ReportFilter) -> Result<Filters> {
    let sections = sections(f)?;
    let (reports, undated_left_out) = report_filter(searcher, fields, f)?;
    Ok(Filters {
        sections,
        reports,
        undated_left_out,
    })
}

fn invalid(message: String) -> anyhow::Error {
    anyhow!(crate::Error::InvalidArgument(message))
}

fn sections(f: &ReportFilter) -> Result<Vec<Section>> {
    f.sections
        .iter()
        .map(|s| {
            Section::parse(s).ok_or_else(|| {
                let names: Vec<&str> = Section::ALL.iter().map(|s| s.name()).collect();
                invalid(format!(
                    "unknown section {s:?}: use one of {}",
                    names.join(", ")
                ))
            })
        })
        .collect()
}

/// Report ids allowed by the report-level filters (`None` if none is
/// set), and the number of undated reports the date filter left out.
fn report_filter(
    searcher: &Searcher,
    fields: &Fields,
    f: &ReportFilter,
) -> Result<(Option<Arc<HashSet<u64>>>, usize)> {
    // The values that need no index first, so that a typo in a date is
    // reported whatever else is wrong.
    let dates = date_range(f)?;
    let ticker = f
        .ticker
        .as_ref()
        .map(|t| {
            parse_ticker_query(&normalize(t))
                .ok_or_else(|| invalid(format!("--ticker: {t:?} is not a ticker")))
        })
        .transpose()?;
    let mut terms: Vec<(Field, String)> = Vec::new();
    // A level (`buy`, `outperform`...) names every word of that level at every broker.
    let level = f
        .rating
        .as_deref()
        .and_then(|r| crate::report::Level::from_name(normalize(r).trim()));
    for (facet, given) in [
        (Facet::Broker, &f.broker),
        (Facet::Analyst, &f.analyst),
        (Facet::Rating, &f.rating),
    ] {
        if matches!(facet, Facet::Rating) && level.is_some() {
            continue;
        }
        if let Some(given) = given {
            terms.push((
                facet.field(fields),
                resolve_facet(searcher, fields, facet, given)?,
            ));
        }
    }
    // Reports of the metadata filters, with `extra` besides.
    let reports_where = |extra: Option<(Occur, Box<dyn TQuery>)>| -> Result<HashSet<u64>> {
        let mut clauses: Vec<(Occur, Box<dyn TQuery>)> = vec![(
            Occur::Must,
            Box::new(TermQuery::new(
                Term::from_field_u64(fields.kind, KIND_REPORT),
                IndexRecordOption::Basic,
            )),
        )];
        for (field, value) in &terms {
            clauses.push((
                Occur::Must,
                Box::new(TermQuery::new(
                    Term::from_field_text(*field, value),
                    IndexRecordOption::Basic,
                )),
            ));
        }
        if let Some(level) = level {
            clauses.push((
                Occur::Must,
                Box::new(TermQuery::new(
                    Term::from_field_u64(fields.level, level.code()),
                    IndexRecordOption::Basic,
                )),
            ));
        }
        clauses.extend(extra);
        report_ids(searcher, &BooleanQuery::new(clauses))
    };
    let days = |lo: u64, hi: u64| -> Box<dyn TQuery> {
        Box::new(RangeQuery::new(
            Bound::Included(Term::from_field_u64(fields.date, lo)),
            Bound::Included(Term::from_field_u64(fields.date, hi)),
        ))
    };
    let mut allowed: Option<HashSet<u64>> = None;
    let mut undated: Option<HashSet<u64>> = None;
    if let Some((lo, hi)) = dates {
        allowed = Some(reports_where(Some((Occur::Must, days(lo, hi))))?);
        undated = Some(reports_where(Some((Occur::MustNot, days(0, u64::MAX))))?);
    } else if !terms.is_empty() || level.is_some() {
        allowed = Some(reports_where(None)?);
    }
    if let Some(ticker) = ticker {
        let q = TermQuery::new(
            Term::from_field_text(fields.tickers, &ticker.index_key()),
            IndexRecordOption::Basic,
        );
        let with = report_ids(searcher, &q)?;
        if let Some(u) = &mut undated {
            u.retain(|id| with.contains(id));
        }
        allowed = Some(match allowed {
            Some(a) => a.intersection(&with).copied().collect(),
            None => with,
        });
    }
    Ok((allowed.map(Arc::new), undated.map_or(0, |u| u.len())))
}

/// The report ids of the documents a query matches.
pub(crate) fn report_ids(searcher: &Searcher, query: &dyn TQuery) -> Result<HashSet<u64>> {
    let mut ids = HashSet::new();
    for a in searcher.search(query, &tantivy::collector::DocSetCollector)? {
        let seg = searcher.segment_reader(a.segment_ord);
        if let Some(id) = u64_column(seg, "report")?.first(a.doc_id) {
            ids.insert(id);
        }
    }
    Ok(ids)
}

// ---- dates ----

/// The days of `since` and `until` as YYYYMMDD numbers (either end open),
/// or `None` when neither is set.
fn date_range(f: &ReportFilter) -> Result<Option<(u64, u64)>> {
    if f.since.is_none() && f.until.is_none() {
        return Ok(None);
    }
    let lo = f.since.as_deref().map(|s| day(s, "--since")).transpose()?;
    let hi = f.until.as_deref().map(|s| day(s, "--until")).transpose()?;
    if let (Some(lo), Some(hi)) = (lo, hi) {
        if hi < lo {
            return Err(invalid(format!(
                "--until {} is before --since {}: no report can be in that range",
                f.until.as_deref().unwrap_or_default().trim(),
                f.since.as_deref().unwrap_or_default().trim()
            )));
        }
    }
    Ok(Some((lo.unwrap_or(0), hi.unwrap_or(99_999_999))))
}

/// A day of the calendar as YYYYMMDD: `2024-03-15`, also `2024/3/15`,
/// `2024.03.15`, `20240315` or `2024年3月15日`, in any width. The month
/// and the day must exist (leap years counted).
fn day(given: &str, flag: &str) -> Result<u64> {
    let usage = || {
        invalid(format!(
            "{flag} {given:?} is not a date: write it as YYYY-MM-DD"
        ))
    };
    let (y, m, d) = ymd(&normalize(given)).ok_or_else(usage)?;
    if y == 0 {
        return Err(usage());
    }
    if !(1..=12).contains(&m) {
        return Err(invalid(format!(
            "{flag} {given:?} is not a date: there is no month {m} (a date is YYYY-MM-DD)"
        )));
    }
    let last = days_in_month(y, m);
    if d == 0 || d > last {
        return Err(invalid(format!(
            "{flag} {given:?} is not a date: {y:04}-{m:02} has days 1 to {last}"
        )));
    }
    Ok(u64::from(y) * 10_000 + u64::from(m) * 100 + u64::from(d))
}

/// Year, month and day as written, unchecked.
fn ymd(s: &str) -> Option<(u32, u32, u32)> {
    let s = s.trim();
    let digits = |p: &str, lens: std::ops::RangeInclusive<usize>| {
        (lens.contains(&p.len()) && p.bytes().all(|b| b.is_ascii_digit()))
            .then(|| p.parse::<u32>().ok())
            .flatten()
    };
    if s.len() == 8 && s.bytes().all(|b| b.is_ascii_digit()) {
        return Some((
            digits(&s[..4], 4..=4)?,
            digits(&s[4..6], 2..=2)?,
            digits(&s[6..], 2..=2)?,
        ));
    }
    let s = s.strip_suffix('日').unwrap_or(s);
    let parts: Vec<&str> = s.split(['-', '/', '.', '年', '月']).collect();
    let [y, m, d] = parts[..] else {
        return None;
    };
    Some((digits(y, 4..=4)?, digits(m, 1..=2)?, digits(d, 1..=2)?))
}

fn days_in_month(y: u32, m: u32) -> u32 {
    match m {
        2 if (y.is_multiple_of(4) && !y.is_multiple_of(100)) || y.is_multiple_of(400) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

// ---- broker, analyst, rating ----

/// A report-level field that a filter names by value.
#[derive(Debug, Clone, Copy)]
enum Facet {
    Broker,
    Analyst,
    Rating,
}

impl Facet {
    fn field(self, fields: &Fields) -> Field {
        match self {
            Facet::Broker => fields.broker,
            Facet::Analyst => fields.analyst,
            Facet::Rating => fields.rating,
        }
    }

    fn noun(self) -> &'static str {
        match self {
            Facet::Broker => "broker",
            Facet::Analyst => "analyst",
            Facet::Rating => "rating",
        }
    }
}

/// How many values a message lists.
const HANDFUL: usize = 5;

/// The value of the index that `given` stands for (see [`match_value`]),
/// as the index term; an error listing the closest values when there is
/// none or more than one.
fn resolve_facet(
    searcher: &Searcher,
    fields: &Fields,
    facet: Facet,
    given: &str,
) -> Result<String> {
    let flag = format!("--{}", facet.noun());
    let wanted = normalize(given).trim().to_string();
    if wanted.is_empty() {
        return Err(invalid(format!("{flag} takes a value, not {given:?}")));
    }
    let values = field_values(searcher, facet.field(fields))?;
    match match_value(&wanted, &values) {
        Match::One(v) => Ok(v),
        Match::Ambiguous(c) => Err(invalid(format!(
            "{flag} {given:?}: ambiguous, could be {}",
            listing(&c)
        ))),
        Match::Unknown(c) if c.is_empty() => {
            let mut held: Vec<&(String, u64)> = values.iter().collect();
            held.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
            let held: Vec<String> = held.into_iter().map(|(v, _)| v.clone()).collect();
            Err(invalid(if held.is_empty() {
                format!(
                    "{flag} {given:?}: no such {} in the index (it has none)",
                    facet.noun()
                )
            } else {
                format!(
                    "{flag} {given:?}: no such {} in the index; it has {}",
                    facet.noun(),
                    listing(&held)
                )
            }))
        }
        Match::Unknown(c) => {
            let mut closest = c[..c.len().min(HANDFUL)].join(", ");
            if c.len() > HANDFUL {
                closest.push_str(", ...");
            }
            Err(invalid(format!(
                "{flag} {given:?}: no such {} in the index; closest: {closest}",
                facet.noun()
            )))
        }
    }
}

/// The first values of `values`, `...` and how many in all if there are more.
fn listing(values: &[String]) -> String {
    let shown = values[..values.len().min(HANDFUL)].join(", ");
    if values.len() > HANDFUL {
        format!("{shown}, ... ({} in all)", values.len())
    } else {
        shown
    }
}

/// Every value of `field` in live report documents, with its number of
/// documents, sorted by value.
fn field_values(searcher: &Searcher, field: Field) -> Result<Vec<(String, u64)>> {
    let mut counts: HashMap<String, u64> = HashMap::new();
    for seg in searcher.segment_readers() {
        let ii = seg.inverted_index(field)?;
        let mut stream = ii.terms().stream()?;
        while stream.advance() {
            let info = stream.value();
            let n = if seg.alive_bitset().is_none() {
                u64::from(info.doc_freq)
            } else {
                // A value of deleted documents only (a report since
                // re-indexed) is not one the index holds.
                let mut postings =
                    ii.read_postings_from_terminfo(info, IndexRecordOption::Basic)?;
                let mut n = 0;
                let mut d = postings.doc();
                while d != tantivy::TERMINATED {
                    n += u64::from(!seg.is_deleted(d));
                    d = postings.advance();
                }
                n
            };
            if n > 0 {
                *counts
                    .entry(String::from_utf8_lossy(stream.key()).into_owned())
                    .or_default() += n;
            }
        }
    }
    let mut values: Vec<(String, u64)> = counts.into_iter().collect();
    values.sort();
    Ok(values)
}

/// What a given value stands for among the values an index holds.
#[derive(Debug, PartialEq, Eq)]
enum Match {
    /// This value.
    One(String),
    /// These values, best first: more than one fits.
    Ambiguous(Vec<String>),
    /// None fits; the closest values, best first (maybe none).
    Unknown(Vec<String>),
}

/// The value `wanted` (normalized) stands for among `values` (normalized,
/// with their number of reports): the value itself; else the only value
/// that contains it (安信 → 安信证券); else the only one of which it is a
/// short form: the same first character, the others in order (中银 →
/// 中国银河证券).
fn match_value(wanted: &str, values: &[(String, u64)]) -> Match {
    if values.iter().any(|(v, _)| v == wanted) {
        return Match::One(wanted.to_string());
    }
    for fits in [
        &(|v: &str| v.contains(wanted)) as &dyn Fn(&str) -> bool,
        &|v: &str| is_short_form(wanted, v),
    ] {
        let mut found: Vec<&(String, u64)> = values.iter().filter(|(v, _)| fits(v)).collect();
        match found.len() {
            0 => continue,
            1 => return Match::One(found[0].0.clone()),
            _ => {
                // Those that begin like the given value, then the shortest
                // (the least added to it), then the most common.
                found.sort_by_key(|(v, n)| {
                    (
                        !v.starts_with(wanted),
                        v.chars().count(),
                        std::cmp::Reverse(*n),
                        v.clone(),
                    )
                });
                return Match::Ambiguous(found.into_iter().map(|(v, _)| v.clone()).collect());
            }
        }
    }
    Match::Unknown(closest(wanted, values))
}

/// Whether `short` abbreviates `long`: the same first character, and the
/// others found in `long` in the same order.
fn is_short_form(short: &str, long: &str) -> bool {
    let mut s = short.chars();
    let mut l = long.chars();
    if s.next() != l.next() {
        return false;
    }
    s.all(|c| l.any(|d| d == c))
}

/// The values that share characters with `wanted`, closest first: one
/// contained in it (华安证券 for 华安证券股份有限公司), then the most
/// characters shared, the longest common beginning, the smallest edit
/// distance, the most reports.
fn closest(wanted: &str, values: &[(String, u64)]) -> Vec<String> {
    let chars: HashSet<char> = wanted.chars().collect();
    let mut scored: Vec<_> = values
        .iter()
        .filter_map(|(v, n)| {
            let shared = v
                .chars()
                .collect::<HashSet<char>>()
                .intersection(&chars)
                .count();
            (shared > 0).then(|| {
                (
                    !wanted.contains(v.as_str()),
                    std::cmp::Reverse(shared),
                    std::cmp::Reverse(
                        wanted
                            .chars()
                            .zip(v.chars())
                            .take_while(|(a, b)| a == b)
                            .count(),
                    ),
                    edit_distance(wanted, v),
                    std::cmp::Reverse(*n),
                    v.clone(),
                )
            })
        })
        .collect();
    scored.sort();
    scored.into_iter().map(|s| s.5).collect()
}

/// Levenshtein distance in characters.
fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut diag = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let next = (diag + usize::from(ca != *cb))
                .min(row[j] + 1)
                .min(row[j + 1] + 1);
            diag = row[j + 1];
            row[j + 1] = next;
        }
    }
    row[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn held(values: &[&str]) -> Vec<(String, u64)> {
        values.iter().map(|v| (v.to_string(), 1)).collect()
    }

    #[test]
    fn exact_then_contained_then_short_form() {
        let v = held(&[
            "安信证券",
            "华安证券",
            "中国银河证券",
            "中银证券",
            "推荐",
            "强烈推荐",
        ]);
        assert_eq!(match_value("推荐", &v), Match::One("推荐".into()));
        assert_eq!(match_value("安信", &v), Match::One("安信证券".into()));
        assert_eq!(match_value("中银", &v), Match::One("中银证券".into()));
        assert_eq!(match_value("银河", &v), Match::One("中国银河证券".into()));
        assert_eq!(match_value("中河", &v), Match::One("中国银河证券".into()));
        match match_value("证券", &v) {
            Match::Ambiguous(c) => assert_eq!(c.len(), 4, "{c:?}"),
            m => panic!("{m:?}"),
        }
        match match_value("安心", &v) {
            Match::Unknown(c) => assert_eq!(c[0], "安信证券", "{c:?}"),
            m => panic!("{m:?}"),
        }
        assert_eq!(match_value("卖出", &v), Match::Unknown(vec![]));
    }

    #[test]
    fn calendar_dates() {
        assert_eq!(day("2024-02-29", "--since").unwrap(), 20240229);
        assert_eq!(day("2024/3/5", "--since").unwrap(), 20240305);
        assert_eq!(day("２０２４－０３－０５", "--since").unwrap(), 20240305);
        assert_eq!(day("2024年3月5日", "--since").unwrap(), 20240305);
        assert_eq!(day("20240305", "--since").unwrap(), 20240305);
        assert_eq!(day("2000-02-29", "--since").unwrap(), 20000229);
        for bad in [
            "2021-13-01",
            "2023-02-29",
            "1900-02-29",
            "2024-04-31",
            "2024-01-00",
            "2024-1",
            "x",
            "0000-01-01",
            "2024-01-01-01",
            "202401011",
        ] {
            let e = day(bad, "--since").unwrap_err().to_string();
            assert!(e.contains(bad) && e.contains("--since"), "{bad}: {e}");
        }
    }

    #[test]
    fn edit_distances() {
        assert_eq!(edit_distance("安心", "安信证券"), 3);
        assert_eq!(edit_distance("", "ab"), 2);
        assert_eq!(edit_distance("kitten", "sitting"), 3);
    }
}
