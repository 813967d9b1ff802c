//! Facet counts over a set of reports: how many are by each broker, at each rating level, of
//! each month, type and ticker, and how many have (or, for `search`, match in) each section.
//! Every facet counts reports, copies of one report once; values come from fast columns.

use crate::index::columns::{paths_of_ords, u64_column};
use crate::query::by_report::ReportMap;
use crate::query::report_rows::ReportEntry;
use crate::report::{Level, Section};
use anyhow::{anyhow, Result};
use std::collections::{BTreeMap, HashMap};
use tantivy::Searcher;

/// A facet the lists can count.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum FacetKind {
    /// The publishing broker.
    Broker,
    /// The rating level (buy, outperform, ...).
    Rating,
    /// The report's month, `YYYY-MM`.
    Month,
    /// The report type.
    Type,
    /// The tickers a report is about.
    Ticker,
    /// The sections a report has (`reports`) or matches in (`search`).
    Section,
}

impl FacetKind {
    /// Every facet, in the order of the CLI's help.
    pub const ALL: [FacetKind; 6] = [
        FacetKind::Broker,
        FacetKind::Rating,
        FacetKind::Month,
        FacetKind::Type,
        FacetKind::Ticker,
        FacetKind::Section,
    ];

    /// The facet's name on the command line and in JSON.
    pub fn name(self) -> &'static str {
        match self {
            FacetKind::Broker => "broker",
            FacetKind::Rating => "rating",
            FacetKind::Month => "month",
            FacetKind::Type => "type",
            FacetKind::Ticker => "ticker",
            FacetKind::Section => "section",
        }
    }

    /// Facets from a comma-separated list (`broker,rating`); an unknown name is an error
    /// naming it and the known ones.
    pub fn parse_list(list: &str) -> crate::Result<Vec<FacetKind>> {
        let mut out = Vec::new();
        for name in list.split(',').map(str::trim).filter(|n| !n.is_empty()) {
            let kind = FacetKind::ALL
                .into_iter()
                .find(|k| k.name() == name)
                .ok_or_else(|| {
                    let known: Vec<&str> = FacetKind::ALL.iter().map(|k| k.name()).collect();
                    crate::Error::InvalidArgument(format!(
                        "--facets: unknown facet {name:?}: use {}",
                        known.join(", ")
                    ))
                })?;
            if !out.contains(&kind) {
                out.push(kind);
            }
        }
        Ok(out)
    }
}

/// One facet's counts, largest first.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct FacetCounts {
    /// The facet.
    #[serde(skip)]
    pub kind: FacetKind,
    /// (value, reports), largest count first, then by value.
    pub values: Vec<(String, u64)>,
}

/// What is counted where no value is known.
const NONE: &str = "(none)";

/// The counts of `kinds` over `reports`. `sections` gives, per report id, the sections to
/// count (a bit per `Section`); without it the section facet counts the sections each
/// report has.
pub(crate) fn count(
    searcher: &Searcher,
    kinds: &[FacetKind],
    reports: &[ReportEntry],
    sections: Option<&ReportMap<u64>>,
) -> Result<Vec<FacetCounts>> {
    let mut out = Vec::new();
    for &kind in kinds {
        let mut counts: BTreeMap<String, u64> = BTreeMap::new();
        match kind {
            FacetKind::Broker | FacetKind::Type | FacetKind::Ticker => {
                let column_name = match kind {
                    FacetKind::Broker => "broker",
                    FacetKind::Type => "report_type",
                    _ => "about",
                };
                count_strings(searcher, column_name, reports, &mut counts)?;
                if kind == FacetKind::Ticker {
                    // Keys (`600519.sh`) shown as written (`600519.SH`).
                    counts = counts
                        .into_iter()
                        .map(|(k, n)| (crate::query::reports::canonical_of_key(&k).unwrap_or(k), n))
                        .collect();
                    counts.remove(NONE);
                }
            }
            FacetKind::Rating => {
                let levels = u64_columns(searcher, "level")?;
                for e in reports {
                    let code = levels[e.address.segment_ord as usize]
                        .first(e.address.doc_id)
                        .unwrap_or(0);
                    let name = Level::from_code(code).map_or(NONE, Level::name);
                    *counts.entry(name.to_string()).or_default() += 1;
                }
            }
            FacetKind::Month => {
                for e in reports {
                    let month = if e.date == 0 {
                        NONE.to_string()
                    } else {
                        format!("{:04}-{:02}", e.date / 10000, e.date / 100 % 100)
                    };
                    *counts.entry(month).or_default() += 1;
                }
            }
            FacetKind::Section => {
                let owned;
                let masks = match sections {
                    Some(m) => m,
                    None => {
                        owned = section_masks(searcher, reports)?;
                        &owned
                    }
                };
                for e in reports {
                    let mask = masks.get(&e.id).copied().unwrap_or(0);
                    for (i, s) in Section::ALL.iter().enumerate() {
                        if mask & (1 << i) != 0 {
                            *counts.entry(s.name().to_string()).or_default() += 1;
                        }
                    }
                }
            }
        }
        let mut values: Vec<(String, u64)> = counts.into_iter().collect();
        values.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        out.push(FacetCounts { kind, values });
    }
    Ok(out)
}

/// Reports per value of a string column (a report with several values counts for each).
fn count_strings(
    searcher: &Searcher,
    column_name: &str,
    reports: &[ReportEntry],
    counts: &mut BTreeMap<String, u64>,
) -> Result<()> {
    let mut by_segment: HashMap<u32, Vec<u32>> = HashMap::new();
    for e in reports {
        by_segment
            .entry(e.address.segment_ord)
            .or_default()
            .push(e.address.doc_id);
    }
    for (seg, docs) in by_segment {
        let column = searcher
            .segment_reader(seg)
            .fast_fields()
            .str(column_name)?
            .ok_or_else(|| anyhow!("{column_name} column missing"))?;
        let mut per_ord: BTreeMap<u64, u64> = BTreeMap::new();
        for doc in docs {
            let mut any = false;
            for ord in column.term_ords(doc) {
                *per_ord.entry(ord).or_default() += 1;
                any = true;
            }
            if !any {
                *counts.entry(NONE.to_string()).or_default() += 1;
            }
        }
        let ords: Vec<u64> = per_ord.keys().copied().collect();
        for (value, n) in paths_of_ords(&column, &ords)?
            .into_iter()
            .zip(per_ord.values())
        {
            *counts.entry(value).or_default() += n;
        }
    }
    Ok(())
}

/// Reports per value of a string column of the report documents (`(none)` for those
/// without one).
pub(crate) fn column_counts(
    searcher: &Searcher,
    column_name: &str,
    reports: &[ReportEntry],
) -> Result<BTreeMap<String, u64>> {
    let mut counts = BTreeMap::new();
    count_strings(searcher, column_name, reports, &mut counts)?;
    Ok(counts)
}

/// The sections each report has, as bits per `Section`, from the report documents' column.
fn section_masks(searcher: &Searcher, reports: &[ReportEntry]) -> Result<ReportMap<u64>> {
    let bits = u64_columns(searcher, "section_bits")?;
    let mut masks: ReportMap<u64> = ReportMap::default();
    for e in reports {
        let b = bits[e.address.segment_ord as usize].first(e.address.doc_id);
        masks.insert(e.id, b.unwrap_or(0));
    }
    Ok(masks)
}

/// A numeric column of every segment, by segment ordinal.
fn u64_columns(searcher: &Searcher, name: &str) -> Result<Vec<tantivy::columnar::Column<u64>>> {
    searcher
        .segment_readers()
        .iter()
        .map(|seg| u64_column(seg, name))
        .collect()
}
