//! The builds: full `yanbao index` runs alternating with the jieba and plain-indexer probes,
//! then `yanbao stats` and a re-index with nothing changed; and the figures made of them.

use super::measure::{measure, median, Measured};
use super::probes::{jieba_probe_child, plain_probe_child};
use super::tables::ratio;
use super::Yanbao;
use crate::numbers::MB;
use anyhow::{bail, Context, Result};
use serde_json::{json, Value};
use std::path::Path;
use yanbao::index::disk_size;

/// Parses `yanbao stats --json` loosely: missing fields are simply absent.
pub fn parse_stats(s: &str) -> Option<Value> {
    let v: Value = serde_json::from_str(s.trim()).ok()?;
    v.is_object().then_some(v)
}

/// What the build phase measured.
pub struct Builds {
    /// Each full build, in order.
    pub builds: Vec<Measured>,
    /// The jieba probe's figures after each build.
    pub jiebas: Vec<Value>,
    /// The plain indexer's figures after each build.
    pub plains: Vec<Value>,
    /// Size of the index after the last build.
    pub index_bytes: u64,
    /// `yanbao stats --json` after the builds; `None` if it failed.
    pub stats: Option<Value>,
    /// The re-index with nothing changed.
    pub reindex: Measured,
}

/// Full builds of `corpus` (the index is removed between them), alternating with single-core
/// jieba-rs on the same text and with the plain indexer on the same files, so that all see the
/// same machine; then `yanbao stats --json` and a re-index with nothing changed. A failed build
/// ends the run; a failed stats or re-index is added to `failures`.
pub fn measure_builds(
    builds: usize,
    yb: &Yanbao,
    corpus: &Path,
    work: &Path,
    failures: &mut Vec<String>,
) -> Result<Builds> {
    let corpus_arg = corpus.to_string_lossy().into_owned();
    let mut runs = Vec::new();
    let mut jiebas = Vec::new();
    let mut plains = Vec::new();
    for k in 0..builds.max(1) {
        if k > 0 {
            std::fs::remove_dir_all(yb.index)
                .with_context(|| format!("removing {}", yb.index.display()))?;
        }
        let build = measure(&mut yb.cmd(&["index", &corpus_arg]))?;
        if build.code != Some(0) {
            eprintln!(
                "yanbao index failed ({}):\n{}",
                build.describe(),
                build.stderr_head.trim_end()
            );
            bail!("yanbao index failed ({})", build.describe());
        }
        runs.push(build);
        jiebas.push(jieba_probe_child(corpus)?);
        plains.push(plain_probe_child(corpus, work));
    }
    let index_bytes = disk_size(yb.index);
    let stats_m = measure(&mut yb.cmd(&["stats", "--json"]))?;
    let stats = if stats_m.code == Some(0) {
        parse_stats(&stats_m.stdout_head)
    } else {
        failures.push(format!(
            "yanbao stats --json: {}: {}",
            stats_m.describe(),
            stats_m.stderr_head.trim()
        ));
        None
    };
    // Re-index with nothing changed.
    let reindex = measure(&mut yb.cmd(&["index", &corpus_arg]))?;
    if reindex.code != Some(0) {
        failures.push(format!(
            "yanbao index (re-index): {}: {}",
            reindex.describe(),
            reindex.stderr_head.trim()
        ));
    }
    Ok(Builds {
        builds: runs,
        jiebas,
        plains,
        index_bytes,
        stats,
        reindex,
    })
}

/// The figures of the build phase: medians over the builds and the probe runs, and the ratios
/// between them.
pub struct BuildFigures {
    pub build_secs: Vec<f64>,
    pub build_median: f64,
    pub peak_rss_kb: u64,
    /// The last build (its output is quoted).
    pub build: Measured,
    pub index_bytes: u64,
    pub build_mbps: f64,
    pub stats: Option<Value>,
    pub reindex: Measured,
    pub reindex_pct: f64,
    pub jieba_runs: Vec<f64>,
    /// The last jieba probe's figures.
    pub jieba: Value,
    pub jieba_mbps: Option<f64>,
    /// Build MB/s as a percentage of jieba's.
    pub build_pct: Option<f64>,
    pub plain_runs: Vec<f64>,
    /// The last plain-indexer run that succeeded, else the last failure.
    pub plain: Value,
    pub plain_mbps: Option<f64>,
    pub build_over_plain: Option<f64>,
}

impl BuildFigures {
    pub fn of(b: Builds, corpus_bytes: u64) -> BuildFigures {
        let Builds {
            mut builds,
            mut jiebas,
            plains,
            index_bytes,
            stats,
            reindex,
        } = b;
        let build_secs: Vec<f64> = builds.iter().map(|b| b.secs).collect();
        let build_median = median(&build_secs).unwrap_or(0.0);
        let peak_rss_kb = builds.iter().map(|b| b.maxrss_kb).max().unwrap_or(0);
        let build = builds.pop().expect("at least one build");
        let build_mbps = corpus_bytes as f64 / MB / build_median.max(1e-9);
        let reindex_pct = 100.0 * reindex.secs / build_median.max(1e-9);

        let jieba_runs = mb_per_s_each(&jiebas);
        let jieba = jiebas.pop().unwrap_or_else(|| json!({}));
        let jieba_mbps = median(&jieba_runs);
        let build_pct = ratio(Some(build_mbps), jieba_mbps).map(|r| r * 100.0);

        let plain_runs = mb_per_s_each(&plains);
        let plain_mbps = median(&plain_runs);
        let plain = plains
            .iter()
            .rev()
            .find(|p| p.get("mb_per_s").is_some_and(Value::is_f64))
            .or(plains.last())
            .cloned()
            .unwrap_or_else(|| json!({}));
        let build_over_plain = ratio(Some(build_mbps), plain_mbps);
        BuildFigures {
            build_secs,
            build_median,
            peak_rss_kb,
            build,
            index_bytes,
            build_mbps,
            stats,
            reindex,
            reindex_pct,
            jieba_runs,
            jieba,
            jieba_mbps,
            build_pct,
            plain_runs,
            plain,
            plain_mbps,
            build_over_plain,
        }
    }
}

/// The `mb_per_s` of each probe run that gave one (a failed run gives none).
fn mb_per_s_each(probes: &[Value]) -> Vec<f64> {
    probes
        .iter()
        .filter_map(|p| p.get("mb_per_s").and_then(Value::as_f64))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stats_parsing() {
        let v = parse_stats(r#"{"reports": 3, "passages": 10, "index_bytes": 5}"#).unwrap();
        assert_eq!(v.get("reports").and_then(Value::as_u64), Some(3));
        assert!(parse_stats("not json").is_none());
        assert!(parse_stats("[1,2]").is_none());
    }
}
