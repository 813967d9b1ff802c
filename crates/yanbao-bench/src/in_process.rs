//! The in-process phase of `yanbao-bench serve`: every benchmark query through
//! `yanbao::serve::answer`, the server's own entry point without HTTP, a few rounds after a
//! warm-up, against issue 19's p50 target.
//!
//! It runs in a process of its own (the `yanbao-bench-answers` binary), set up as
//! `yanbao serve`'s process is: with mimalloc as the allocator. Each doc-store block read
//! allocates and frees a zstd decompression context and a block buffer,
//! which the system allocator of `yanbao-bench`'s own process serves more slowly than the
//! server's; and `yanbao-bench` keeps the system allocator so that its plain tantivy +
//! jieba indexer is measured as the plain baseline it is.

use anyhow::{bail, Context, Result};
use serde_json::Value;
use std::path::Path;
use std::time::Instant;

/// Target of issue 19, in milliseconds.
pub const P50_TARGET_MS: f64 = 5.0;
/// Rounds over the queries; the first one warms the caches and is not counted.
const ROUNDS: usize = 5;
/// Queries named as the slowest.
const SLOWEST_SHOWN: usize = 5;
/// Errors printed verbatim; the rest are counted.
const ERRORS_SHOWN: usize = 5;

/// The value at quantile `q` of sorted values (nearest rank).
pub fn quantile(sorted: &[f64], q: f64) -> f64 {
    if sorted.is_empty() {
        return f64::NAN;
    }
    sorted[((sorted.len() - 1) as f64 * q).round() as usize]
}

/// `met` or `NOT met`: whether `value` is within `target`.
pub fn met(value: f64, target: f64) -> &'static str {
    if value <= target {
        "met"
    } else {
        "NOT met"
    }
}

/// The query texts of a queries file.
pub fn parse_queries(raw: &str) -> Result<Vec<String>> {
    let list: Vec<Value> = serde_json::from_str(raw).context("not a JSON list")?;
    let queries: Vec<String> = list
        .iter()
        .filter_map(|q| q.get("query").and_then(Value::as_str))
        .filter(|q| !q.trim().is_empty())
        .map(str::to_string)
        .collect();
    if queries.is_empty() {
        bail!("no entry with a \"query\"");
    }
    Ok(queries)
}

/// Times the queries on the index at `index`, prints the figures and the first errors, and
/// returns the number of errors.
pub fn measure(index: &Path, queries: &[String]) -> Result<usize> {
    let live = yanbao::serve::LiveIndex::open(index)
        .with_context(|| format!("opening index {}", index.display()))?;
    let aliases = yanbao::report::aliases::AliasTable::builtin();
    let mut errors: Vec<String> = Vec::new();
    // Per query, its counted times.
    let mut by_query: Vec<Vec<f64>> = vec![Vec::new(); queries.len()];
    for round in 0..ROUNDS {
        for (q, q_times) in queries.iter().zip(&mut by_query) {
            let pairs = [
                ("q".to_string(), q.clone()),
                ("n".to_string(), "10".to_string()),
            ];
            let started = Instant::now();
            let answered = yanbao::serve::answer(&live, &aliases, "search", &pairs);
            let ms = started.elapsed().as_secs_f64() * 1000.0;
            match answered {
                Ok(v) if v.get("hits").is_some_and(Value::is_array) => {}
                Ok(v) => errors.push(format!("in-process {q:?}: no \"hits\" array in {v}")),
                Err(e) => errors.push(format!("in-process {q:?}: {} {}", e.status, e.message)),
            }
            if round > 0 {
                q_times.push(ms);
            }
        }
    }
    let mut times: Vec<f64> = by_query.iter().flatten().copied().collect();
    times.sort_by(f64::total_cmp);
    // The queries that make the tail, by their median: where to look first.
    let mut slowest: Vec<(f64, &String)> = by_query
        .iter_mut()
        .zip(queries)
        .map(|(t, q)| {
            t.sort_by(f64::total_cmp);
            (quantile(t, 0.5), q)
        })
        .collect();
    slowest.sort_by(|a, b| b.0.total_cmp(&a.0));
    let p50 = quantile(&times, 0.5);
    println!(
        "in-process /api/search, n=10 ({} queries, {} rounds after a warm-up: {} answers):",
        queries.len(),
        ROUNDS - 1,
        times.len()
    );
    println!(
        "  p50 {p50:.2} ms (target <= {P50_TARGET_MS} ms: {}), p90 {:.2} ms, p99 {:.2} ms, max {:.2} ms",
        met(p50, P50_TARGET_MS),
        quantile(&times, 0.9),
        quantile(&times, 0.99),
        times.last().copied().unwrap_or(f64::NAN)
    );
    let shown: Vec<String> = slowest
        .iter()
        .take(SLOWEST_SHOWN)
        .map(|(ms, q)| format!("{q} {ms:.1} ms"))
        .collect();
    println!("  slowest queries (median): {}", shown.join(", "));
    println!("  errors: {}", errors.len());
    for e in errors.iter().take(ERRORS_SHOWN) {
        println!("    {e}");
    }
    Ok(errors.len())
}
