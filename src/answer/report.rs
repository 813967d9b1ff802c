//! One report (`show`) and the index as a whole (`stats`).

use crate::index::folder::Index;
use crate::query::{ReportInfo, Stats};
use crate::Result;
use serde_json::{json, Value};

/// A report's metadata, sections and forecasts (`show --json`); with `text`, its reading
/// text too, passage by passage.
pub fn show_json(index: &Index, report: &ReportInfo, text: bool) -> Result<Value> {
    let sizes = index.sections(report)?;
    let roots = index.roots();
    let (root, rel) = roots.locate(&report.path);
    let m = &report.meta;
    let mut v = json!({
        "path": rel,
        "root": root.map(|r| r.path.as_str()),
        "title": report.title,
        "size": report.size,
        "passages": report.passages,
        "broker": m.broker,
        "analysts": m.analysts,
        "date": m.date,
        "rating": m.rating,
        "rating_level": m.rating_level,
        "rating_change": m.rating_change,
        "target_price": m.target_price,
        "current_price": m.current_price,
        "report_type": m.report_type,
        "tickers": report.tickers,
        "sections": sizes,
        "forecasts": m.forecasts,
    });
    if text {
        v["text"] = serde_json::to_value(index.reading(report)?)
            .map_err(|e| crate::Error::Other(e.to_string()))?;
    }
    Ok(v)
}

/// The index's size, freshness and contents (`stats --json`).
pub fn stats_json(s: &Stats) -> Value {
    json!({
        "reports": s.reports,
        "passages": s.passages,
        "index_bytes": s.index_bytes,
        "corpus_bytes": s.corpus_bytes,
        "indexed_at": s.indexed_at,
        "roots": s.roots,
        "complete": s.complete,
        "brokers": s.brokers,
        "sections": s.sections,
        "ratings": s.ratings,
    })
}
