//! `ticker`: a company's reports in date order (rating, its change, target price, next
//! year's EPS), with a summary: how many reports, the latest rating of each broker, and the
//! median target price of the last 90 days of reports.
//!
//! A report is *about* the company when its head passages carry the ticker (the cover's
//! code) or its title names the company; it only *mentions* it when the ticker occurs
//! elsewhere in it.

use crate::index::card::{CardPrice, ReportCard};
use crate::index::folder::{civil_from_days, Index};
use crate::query::filter::report_ids;
use crate::query::report_rows::{cards_of, fold_copies, paths_of, report_entries, ReportEntry};
use crate::report::Ticker;
use crate::Result;
use std::collections::{BTreeMap, HashSet};
use tantivy::query::{BooleanQuery, Occur, PhraseQuery, Query as TQuery, TermQuery};
use tantivy::schema::IndexRecordOption;
use tantivy::Term;

/// One report of a ticker's timeline.
#[derive(Debug, Clone, serde::Serialize)]
pub struct TimelineRow {
    /// Path relative to the indexed folder.
    pub path: String,
    /// What the report says of itself.
    #[serde(flatten)]
    pub card: ReportCard,
    /// About the company (`true`), or only mentioning it.
    pub about: bool,
    /// Paths of copies of the same file.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub also: Vec<String>,
}

/// The summary line of a timeline.
#[derive(Debug, Clone, Default, serde::Serialize)]
pub struct TimelineSummary {
    /// Reports about the company (copies once).
    pub reports: usize,
    /// Reports that only mention it (with `--mentions`).
    pub mentions: usize,
    /// The latest rating level of each broker, counted (`buy: 3`).
    pub ratings: BTreeMap<String, usize>,
    /// The median target price of the reports of the last 90 days of the timeline.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub median_target: Option<CardPrice>,
    /// The target prices that median is of.
    pub targets: usize,
    /// The first day of those 90 days (`YYYY-MM-DD`): the newest report's date minus 90 days.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub since: Option<String>,
}

/// A ticker's reports and their summary.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Timeline {
    /// The ticker, canonical (`600519.SH`).
    pub ticker: String,
    /// The company's name, when the alias table knows it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// The reports, oldest first (undated last).
    pub rows: Vec<TimelineRow>,
    /// The summary.
    pub summary: TimelineSummary,
}

/// The timeline of `ticker` (named `names` in titles).
pub(crate) fn timeline(
    index: &Index,
    ticker: &Ticker,
    names: &[String],
    with_mentions: bool,
) -> Result<Timeline> {
    let searcher = index.searcher()?;
    let fields = index.fields;
    let key = ticker.index_key();
    let mut about_clauses: Vec<(Occur, Box<dyn TQuery>)> = vec![(
        Occur::Should,
        Box::new(TermQuery::new(
            Term::from_field_text(fields.about, &key),
            IndexRecordOption::Basic,
        )),
    )];
    for name in names {
        let chars: Vec<Term> = crate::index::tokens::query_grams(name)
            .into_iter()
            .map(|g| Term::from_field_text(fields.title_grams, &g))
            .collect();
        match chars.len() {
            0 => {}
            1 => about_clauses.push((
                Occur::Should,
                Box::new(TermQuery::new(chars[0].clone(), IndexRecordOption::Basic)),
            )),
            _ => about_clauses.push((Occur::Should, Box::new(PhraseQuery::new(chars)))),
        }
    }
    let about = report_ids(&searcher, &BooleanQuery::new(about_clauses))?;
    let mentioned = if with_mentions {
        report_ids(
            &searcher,
            &TermQuery::new(
                Term::from_field_text(fields.tickers, &key),
                IndexRecordOption::Basic,
            ),
        )?
    } else {
        HashSet::new()
    };
    let entries: Vec<ReportEntry> = report_entries(&searcher)?
        .into_iter()
        .filter(|e| about.contains(&e.id) || mentioned.contains(&e.id))
        .collect();
    let mut folded = fold_copies(&searcher, entries)?;
    // Oldest first, undated last; the same day in path order.
    let addresses: Vec<_> = folded.iter().map(|(e, _)| e.address).collect();
    let paths = paths_of(&searcher, &addresses)?;
    let mut order: Vec<usize> = (0..folded.len()).collect();
    order.sort_by(|&a, &b| {
        let (da, db) = (folded[a].0.date, folded[b].0.date);
        (da == 0, da, &paths[a]).cmp(&(db == 0, db, &paths[b]))
    });
    let chosen: Vec<_> = order.iter().map(|&i| folded[i].0.address).collect();
    let cards = cards_of(&searcher, &chosen)?;
    let mut rows = Vec::with_capacity(order.len());
    for (&i, card) in order.iter().zip(cards) {
        let (entry, copies) = &mut folded[i];
        let also = if copies.is_empty() {
            Vec::new()
        } else {
            paths_of(&searcher, copies)?
        };
        rows.push(TimelineRow {
            path: paths[i].clone(),
            card,
            about: about.contains(&entry.id),
            also,
        });
    }
    let summary = summarize(&rows);
    Ok(Timeline {
        ticker: ticker.canonical(),
        name: names.first().cloned(),
        rows,
        summary,
    })
}

/// Days since 1970-01-01 of a `YYYY-MM-DD` date (for "90 days before"; days-from-civil,
/// the inverse of `folder::civil_from_days`).
fn day_number(date: &str) -> Option<i64> {
    let y: i64 = date.get(..4)?.parse().ok()?;
    let m: i64 = date.get(5..7)?.parse().ok()?;
    let d: i64 = date.get(8..10)?.parse().ok()?;
    let (y, m) = if m <= 2 { (y - 1, m + 9) } else { (y, m - 3) };
    Some(365 * y + y / 4 - y / 100 + y / 400 + (153 * m + 2) / 5 + d - 1 - 719_468)
}

/// The `YYYY-MM-DD` date of a day number.
fn date_of(days: i64) -> String {
    let (y, m, d) = civil_from_days(days);
    format!("{y:04}-{m:02}-{d:02}")
}

/// How far back the median target price looks from the newest report.
const TARGET_WINDOW_DAYS: i64 = 90;

fn summarize(rows: &[TimelineRow]) -> TimelineSummary {
    let about: Vec<&TimelineRow> = rows.iter().filter(|r| r.about).collect();
    let mut latest_by_broker: BTreeMap<&str, &TimelineRow> = BTreeMap::new();
    for r in &about {
        if let (Some(b), Some(_)) = (r.card.broker.as_deref(), r.card.level) {
            // Rows are oldest first: a later one replaces an earlier one.
            latest_by_broker.insert(b, r);
        }
    }
    let mut ratings = BTreeMap::new();
    for r in latest_by_broker.values() {
        let level = r.card.level.expect("kept only rows with a level");
        *ratings.entry(level.name().to_string()).or_default() += 1;
    }
    let newest = about
        .iter()
        .filter_map(|r| r.card.date.as_deref().and_then(day_number))
        .max();
    let mut median_target = None;
    let mut targets = 0;
    let mut since = None;
    if let Some(newest) = newest {
        let from = newest - TARGET_WINDOW_DAYS;
        since = Some(date_of(from));
        let recent: Vec<&CardPrice> = about
            .iter()
            .filter(|r| {
                r.card
                    .date
                    .as_deref()
                    .and_then(day_number)
                    .is_some_and(|d| d >= from)
            })
            .filter_map(|r| r.card.target_price.as_ref())
            .collect();
        // Targets in the currency most of them are in (an A- and an H-share are two prices).
        let mut by_currency: BTreeMap<&str, Vec<f64>> = BTreeMap::new();
        for p in recent {
            by_currency
                .entry(p.currency.as_str())
                .or_default()
                .push(p.value);
        }
        if let Some((currency, mut values)) = by_currency.into_iter().max_by_key(|(_, v)| v.len()) {
            values.sort_by(f64::total_cmp);
            targets = values.len();
            let mid = values.len() / 2;
            let median = if values.len() % 2 == 1 {
                values[mid]
            } else {
                (values[mid - 1] + values[mid]) / 2.0
            };
            median_target = Some(CardPrice {
                value: (median * 100.0).round() / 100.0,
                currency: currency.to_string(),
            });
        }
    }
    TimelineSummary {
        reports: about.len(),
        mentions: rows.len() - about.len(),
        ratings,
        median_target,
        targets,
        since,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn day_numbers_round_trip() {
        assert_eq!(day_number("1970-01-01"), Some(0));
        for d in ["2021-03-01", "2020-02-29", "2024-12-31", "2000-01-01"] {
            assert_eq!(date_of(day_number(d).unwrap()), d);
        }
        assert_eq!(
            day_number("2021-03-01").unwrap() - day_number("2021-02-28").unwrap(),
            1
        );
    }
}
