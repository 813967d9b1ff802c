//! The tickers an index's reports mention, with how often: from the
//! `tickers` field's dictionary and postings, without reading passages.

use crate::index::columns::u64_column;
use crate::index::schema::{Fields, EXPLICIT_TICKER};
use crate::query::reports::ticker_of_key;
use crate::report::aliases::AliasTable;
use anyhow::Result;
use std::collections::{HashMap, HashSet};
use tantivy::schema::IndexRecordOption;
use tantivy::{DocSet, Searcher};

/// A ticker with the reports and mentions it has in an index.
#[derive(Debug, Clone, serde::Serialize)]
pub struct TickerRow {
    /// Canonical form (`600519.SH`, `0700.HK`).
    pub ticker: String,
    /// The company's name, where the alias table knows it.
    pub name: Option<String>,
    /// Reports that mention it.
    pub reports: usize,
    /// Mentions in all.
    pub mentions: u64,
}

/// Every ticker mentioned, most mentioned first. A bare code counts only
/// where its exchange is written somewhere in the index, or `aliases`
/// knows it as a listed code: six digits alone are often not a ticker.
pub(crate) fn ticker_rows(
    searcher: &Searcher,
    fields: &Fields,
    aliases: &AliasTable,
) -> Result<Vec<TickerRow>> {
    // key -> (reports, mentions, written with an exchange somewhere)
    let mut stats: HashMap<String, (HashSet<u64>, u64, bool)> = HashMap::new();
    for seg in searcher.segment_readers() {
        let ii = seg.inverted_index(fields.tickers)?;
        let report = u64_column(seg, "report")?;
        let mut stream = ii.terms().stream()?;
        while stream.advance() {
            let key = String::from_utf8_lossy(stream.key()).into_owned();
            if let Some(k) = key.strip_prefix(EXPLICIT_TICKER) {
                stats.entry(k.to_string()).or_default().2 = true;
                continue;
            }
            let mut postings =
                ii.read_postings_from_terminfo(stream.value(), IndexRecordOption::WithFreqs)?;
            let entry = stats.entry(key).or_default();
            let mut d = postings.doc();
            while d != tantivy::TERMINATED {
                if !seg.is_deleted(d) {
                    entry.1 += u64::from(tantivy::postings::Postings::term_freq(&postings));
                    if let Some(r) = report.first(d) {
                        entry.0.insert(r);
                    }
                }
                d = postings.advance();
            }
        }
    }
    let mut rows: Vec<TickerRow> = Vec::new();
    for (key, (reps, n, explicit)) in stats {
        let Some(ticker) = ticker_of_key(&key) else {
            continue;
        };
        let ticker = aliases.resolve(&ticker);
        if reps.is_empty() || !(explicit || aliases.is_known_code(&ticker)) {
            continue;
        }
        rows.push(TickerRow {
            ticker: ticker.canonical(),
            name: aliases.display_name(&ticker).map(str::to_string),
            reports: reps.len(),
            mentions: n,
        });
    }
    rows.sort_by(|a, b| {
        b.mentions
            .cmp(&a.mentions)
            .then(b.reports.cmp(&a.reports))
            .then(a.ticker.cmp(&b.ticker))
    });
    Ok(rows)
}
