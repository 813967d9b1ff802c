//! The commands that show reports as data: `reports` (a list with facets) and `ticker` (a
//! company's timeline), and the facet counts `search --facets` adds. Tables for people,
//! JSON Lines and CSV for scripts.

use super::args::{DataFormat, ReportFilters};
use super::printer::Printer;
use super::table;
use anyhow::Result;
use std::io::Write;
use std::path::Path;
use yanbao::answer;
use yanbao::index::card::{CardPrice, ReportCard};
use yanbao::query::{FacetCounts, ReportSort};
use yanbao::report::aliases::AliasTable;
use yanbao::Index;

fn price(p: &Option<CardPrice>) -> String {
    p.as_ref().map_or(String::new(), |p| {
        let symbol = match p.currency.as_str() {
            "HKD" => "HK$",
            "USD" => "US$",
            _ => "¥",
        };
        format!("{symbol}{}", p.value)
    })
}

/// `买入 (buy, maintain)`.
fn rating(card: &ReportCard) -> String {
    let Some(word) = &card.rating else {
        return String::new();
    };
    let mut parts = Vec::new();
    if let Some(l) = card.level {
        parts.push(l.name());
    }
    if let Some(c) = card.change {
        parts.push(c.name());
    }
    if parts.is_empty() {
        word.clone()
    } else {
        format!("{word} ({})", parts.join(", "))
    }
}

fn opt(s: &Option<String>) -> String {
    s.clone().unwrap_or_default()
}

/// A card's level and change, as CSV cells.
fn level_change_cells(c: &ReportCard) -> [String; 2] {
    [
        c.level.map_or(String::new(), |l| l.name().to_string()),
        c.change.map_or(String::new(), |l| l.name().to_string()),
    ]
}

/// A card's target price and its currency, as CSV cells.
fn target_cells(c: &ReportCard) -> [String; 2] {
    match &c.target_price {
        Some(p) => [p.value.to_string(), p.currency.clone()],
        None => [String::new(), String::new()],
    }
}

/// The facets for people: one line per facet, its ten largest values.
pub fn print_facets<W: Write>(facets: &[FacetCounts], printer: &mut Printer<W>) -> Result<()> {
    for f in facets {
        let shown: Vec<String> = f
            .values
            .iter()
            .take(10)
            .map(|(v, n)| format!("{v} {n}"))
            .collect();
        let more = f.values.len().saturating_sub(10);
        let tail = if more > 0 {
            format!(", … {more} more")
        } else {
            String::new()
        };
        printer.line(&format!("{:<8} {}{tail}", f.kind.name(), shown.join(", ")))?;
    }
    Ok(())
}

/// What `reports` is asked.
pub struct ReportsArgs<'a> {
    pub query: Option<String>,
    pub sort: Option<ReportSort>,
    pub limit: usize,
    pub format: DataFormat,
    pub facets: Option<&'a str>,
    pub filters: &'a ReportFilters,
}

/// `reports`: true when any report is listed.
pub fn reports<W: Write>(
    index_dir: &Path,
    a: ReportsArgs,
    printer: &mut Printer<W>,
) -> Result<bool> {
    let index = Index::open(index_dir)?;
    let listed = answer::reports(
        &index,
        &answer::ReportsRequest {
            query: a.query,
            sort: a.sort,
            limit: a.limit,
            facets: a.facets.map(str::to_string),
            filter: a.filters.to_filter(),
        },
    )?;
    let list = &listed.list;
    match a.format {
        DataFormat::Json => {
            for v in listed.rows_json()? {
                printer.line(&v.to_string())?;
            }
            if !list.facets.is_empty() {
                printer.line(
                    &serde_json::json!({ "total": list.total, "facets": answer::facets_json(&list.facets) })
                        .to_string(),
                )?;
            }
        }
        DataFormat::Csv => {
            let mut w = csv::Writer::from_writer(Vec::new());
            w.write_record([
                "date", "broker", "rating", "level", "change", "target", "currency", "title",
                "tickers", "path", "passage",
            ])?;
            for r in &list.rows {
                let c = &r.card;
                let [level, change] = level_change_cells(c);
                let [target, currency] = target_cells(c);
                w.write_record([
                    opt(&c.date),
                    opt(&c.broker),
                    opt(&c.rating),
                    level,
                    change,
                    target,
                    currency,
                    c.title.clone(),
                    c.tickers.join(" "),
                    r.path.clone(),
                    r.best.as_ref().map_or(String::new(), |h| h.text.clone()),
                ])?;
            }
            printer.raw(&w.into_inner()?)?;
        }
        DataFormat::Table => {
            let rows: Vec<Vec<String>> = list
                .rows
                .iter()
                .map(|r| {
                    let c = &r.card;
                    vec![
                        c.date.clone().unwrap_or_else(|| "-".into()),
                        opt(&c.broker),
                        rating(c),
                        price(&c.target_price),
                        c.tickers.join(" "),
                        c.title.clone(),
                    ]
                })
                .collect();
            let lines = table::render(
                &["date", "broker", "rating", "target", "tickers", "title"],
                &rows,
            );
            for (i, line) in lines.iter().enumerate() {
                printer.line(line)?;
                // With a query, the report's best passage under its row.
                if let Some(hit) = i.checked_sub(1).and_then(|k| list.rows[k].best.as_ref()) {
                    printer.line(&format!("    {}", printer.snippet(hit)))?;
                }
            }
            if list.rows.len() < list.total {
                printer.line(&format!(
                    "{} of {} reports shown (-n 0 for all)",
                    list.rows.len(),
                    list.total
                ))?;
            }
            if !list.facets.is_empty() {
                printer.line("")?;
                print_facets(&list.facets, printer)?;
            }
        }
    }
    printer.flush()?;
    Ok(!list.rows.is_empty())
}

/// `ticker`: true when any report is about (or, with `mentions`, mentions) the company.
pub fn ticker<W: Write>(
    index_dir: &Path,
    code: &str,
    mentions: bool,
    format: DataFormat,
    printer: &mut Printer<W>,
) -> Result<bool> {
    let index = Index::open(index_dir)?;
    let answered = answer::ticker(&index, code, mentions, &AliasTable::builtin())?;
    let timeline = &answered.timeline;
    match format {
        DataFormat::Json => {
            printer.line(&answered.to_json()?.to_string())?;
        }
        DataFormat::Csv => {
            let mut w = csv::Writer::from_writer(Vec::new());
            w.write_record([
                "date", "broker", "analysts", "rating", "level", "change", "target", "currency",
                "eps_next", "about", "title", "path",
            ])?;
            for r in &timeline.rows {
                let c = &r.card;
                let [level, change] = level_change_cells(c);
                let [target, currency] = target_cells(c);
                w.write_record([
                    opt(&c.date),
                    opt(&c.broker),
                    c.analysts.join(" "),
                    opt(&c.rating),
                    level,
                    change,
                    target,
                    currency,
                    c.eps_next.map_or(String::new(), |e| e.to_string()),
                    r.about.to_string(),
                    c.title.clone(),
                    r.path.clone(),
                ])?;
            }
            printer.raw(&w.into_inner()?)?;
        }
        DataFormat::Table => {
            let s = &timeline.summary;
            let name = timeline
                .name
                .as_deref()
                .map(|n| format!(" {n}"))
                .unwrap_or_default();
            let spread: Vec<String> = s.ratings.iter().map(|(l, n)| format!("{l} {n}")).collect();
            let mut summary = format!("{}{name}: {} reports", timeline.ticker, s.reports);
            if mentions {
                summary.push_str(&format!(", {} more mention it", s.mentions));
            }
            if !spread.is_empty() {
                summary.push_str(&format!(
                    "; latest rating per broker: {}",
                    spread.join(", ")
                ));
            }
            if let (Some(m), Some(since)) = (&s.median_target, &s.since) {
                let plural = if s.targets == 1 { "" } else { "s" };
                summary.push_str(&format!(
                    "; median target since {since}: {} ({} target{plural})",
                    price(&Some(m.clone())),
                    s.targets
                ));
            }
            printer.line(&summary)?;
            let rows: Vec<Vec<String>> = timeline
                .rows
                .iter()
                .map(|r| {
                    let c = &r.card;
                    vec![
                        c.date.clone().unwrap_or_else(|| "-".into()),
                        opt(&c.broker),
                        c.analysts.join(" "),
                        rating(c),
                        price(&c.target_price),
                        c.eps_next.map_or(String::new(), |e| e.to_string()),
                        if r.about {
                            String::new()
                        } else {
                            "mention".into()
                        },
                        c.title.clone(),
                    ]
                })
                .collect();
            if !rows.is_empty() {
                for line in table::render(
                    &[
                        "date", "broker", "analysts", "rating", "target", "EPS next", "", "title",
                    ],
                    &rows,
                ) {
                    printer.line(&line)?;
                }
            }
        }
    }
    printer.flush()?;
    Ok(!timeline.rows.is_empty())
}
