//! Benchmark runner: times a full `yanbao index`, a no-change re-index, single-core jieba-rs
//! throughput on the same text, a plain one-field tantivy + jieba index of the same files (see
//! `plain`), and whole-process query latency next to ripgrep.
//!
//! A run goes through its phases in this order: the corpus ([`corpus`]), the builds with the
//! probes beside them ([`builds`], [`probes`]), the queries ([`queries`]), each process timed by
//! [`measure`], and the printed tables ([`tables`]) and JSON.

mod builds;
mod corpus;
mod measure;
mod probes;
mod queries;
mod report_data;
mod tables;

pub use corpus::{corpus_files, read_text};
pub use probes::jieba_probe;

use crate::work::WorkFolder;
use anyhow::{anyhow, bail, Context, Result};
use builds::BuildFigures;
use queries::QueryResult;
use serde_json::{json, Value};
use std::path::{Path, PathBuf};
use std::process::Command;

#[derive(Debug, clap::Args)]
pub struct RunOpts {
    /// Corpus folder (.txt/.md files, any depth)
    #[arg(long)]
    pub corpus: PathBuf,
    /// yanbao binary [default: the `yanbao` next to this executable]
    #[arg(long)]
    pub yanbao: Option<PathBuf>,
    /// Fewer runs (3) for CI; asserts nothing about time
    #[arg(long)]
    pub short: bool,
    /// Measured runs per query command [default: 10, or 3 with --short]
    #[arg(long)]
    pub runs: Option<usize>,
    /// Full builds, each followed by a jieba measurement and a plain-indexer
    /// build; medians are reported, since a single run of any varies by 10% or
    /// more here
    #[arg(long, default_value_t = 3)]
    pub builds: usize,
    /// Folder for the temporary index [default: a fresh folder in the temp dir, removed afterwards]
    #[arg(long)]
    pub work: Option<PathBuf>,
    /// Override or add a query, e.g. --query ticker=600519.SH (kinds: word company ticker phrase common)
    #[arg(long = "query", value_name = "KIND=TEXT")]
    pub queries: Vec<String>,
    /// Also write all figures as JSON to FILE
    #[arg(long, value_name = "FILE")]
    pub json: Option<PathBuf>,
    /// ripgrep executable used for the comparison columns
    #[arg(long, default_value = "rg")]
    pub rg: PathBuf,
    /// Keep the temporary index folder
    #[arg(long)]
    pub keep: bool,
}

/// The yanbao binary under test, run on the benchmark's own index.
pub struct Yanbao<'a> {
    pub bin: &'a Path,
    pub index: &'a Path,
}

impl Yanbao<'_> {
    /// `yanbao --index INDEX ARGS...`
    pub fn cmd(&self, args: &[&str]) -> Command {
        let mut c = Command::new(self.bin);
        c.arg("--index").arg(self.index);
        c.args(args);
        c
    }
}

/// What a run measures, on what: the head of the report and of the JSON.
pub struct Setup<'a> {
    pub corpus: &'a Path,
    /// The .txt/.md files of the corpus, and their bytes.
    pub files: usize,
    pub corpus_bytes: u64,
    pub yanbao: &'a Path,
    /// `rg --version`'s first line; `None` when rg is not installed.
    pub rg_ver: Option<String>,
    pub cores: usize,
    /// Measured runs per query command.
    pub runs: usize,
}

/// The `yanbao` next to this executable: a workspace build puts both in `target/<profile>/`.
pub(crate) fn default_yanbao() -> Result<PathBuf> {
    let exe = std::env::current_exe().context("locating this executable")?;
    let dir = exe
        .parent()
        .ok_or_else(|| anyhow!("executable has no parent folder"))?;
    Ok(dir.join(if cfg!(windows) {
        "yanbao.exe"
    } else {
        "yanbao"
    }))
}

/// Runs the benchmark; returns whether every yanbao command succeeded.
pub fn run(opts: &RunOpts) -> Result<bool> {
    let runs = opts.runs.unwrap_or(if opts.short { 3 } else { 10 }).max(1);
    let yanbao = match &opts.yanbao {
        Some(p) => p.clone(),
        None => default_yanbao()?,
    };
    if !yanbao.is_file() {
        bail!(
            "yanbao binary not found at {} (build it or pass --yanbao PATH)",
            yanbao.display()
        );
    }
    let corpus = opts
        .corpus
        .canonicalize()
        .with_context(|| format!("corpus {}", opts.corpus.display()))?;
    let work = WorkFolder::create(opts.work.as_deref(), "yanbao-bench")?;
    let index = work.path().join("yanbao-bench-index");
    if index.exists() {
        std::fs::remove_dir_all(&index)
            .with_context(|| format!("removing old {}", index.display()))?;
    }
    let result = run_in(opts, runs, &yanbao, &corpus, work.path(), &index);
    work.finish(opts.keep, |_| format!("index kept at {}", index.display()));
    result
}

/// The phases of a run: the corpus, the builds with the probes beside them, the queries, then the
/// tables and the JSON. Returns whether every yanbao command succeeded.
fn run_in(
    opts: &RunOpts,
    runs: usize,
    yanbao: &Path,
    corpus: &Path,
    work: &Path,
    index: &Path,
) -> Result<bool> {
    let mut failures: Vec<String> = Vec::new();
    let files = corpus_files(corpus);
    let corpus_bytes: u64 = files.iter().map(|f| f.1).sum();
    let pdf = probes::pdf_extraction(yanbao, corpus);
    if files.is_empty() {
        if let Some(line) = &pdf {
            println!("{line}");
        }
        bail!("no .txt/.md files under {}", corpus.display());
    }
    corpus::warm_page_cache(&files);
    let setup = Setup {
        corpus,
        files: files.len(),
        corpus_bytes,
        yanbao,
        rg_ver: probes::rg_version(&opts.rg),
        cores: std::thread::available_parallelism()
            .map(|n| n.get())
            .unwrap_or(1),
        runs,
    };
    tables::print_setup(opts, &setup);

    let yb = Yanbao { bin: yanbao, index };
    let measured = builds::measure_builds(opts.builds, &yb, corpus, work, &mut failures)?;
    let figures = BuildFigures::of(measured, corpus_bytes);
    tables::print_builds(&figures, corpus_bytes);

    let queries = queries::pick_queries(&files, &opts.queries)?;
    let harness_rss_kb = measure::self_peak_rss_kb();
    let rg = setup.rg_ver.as_ref().map(|_| opts.rg.as_path());
    let results = queries::run_queries(&queries, runs, &yb, rg, corpus, &mut failures)?;
    let of_kind = |k: &str| {
        queries
            .iter()
            .find(|(kind, _)| kind == k)
            .map(|(_, t)| t.as_str())
    };
    let data = report_data::run_report_data(
        &yb,
        runs,
        of_kind("ticker"),
        of_kind("company"),
        &mut failures,
    )?;

    tables::print_pdf(pdf.as_deref());
    tables::print_queries(&results, runs, harness_rss_kb);
    tables::print_report_data(&data);
    tables::print_failures(&failures);
    if let Some(path) = &opts.json {
        let mut doc = report_json(opts, &setup, &figures, &results, harness_rss_kb, &failures);
        doc["report_data"] = data.iter().map(report_data::DataCommand::json).collect();
        let s = serde_json::to_string_pretty(&doc)?;
        std::fs::write(path, s).with_context(|| format!("writing {}", path.display()))?;
        println!("\nJSON written to {}", path.display());
    }
    Ok(failures.is_empty())
}

/// All figures of the run, for `--json`.
fn report_json(
    opts: &RunOpts,
    setup: &Setup,
    f: &BuildFigures,
    results: &[QueryResult],
    harness_rss_kb: u64,
    failures: &[String],
) -> Value {
    let corpus_bytes = setup.corpus_bytes;
    json!({
        "corpus": {"path": setup.corpus, "files": setup.files, "bytes": corpus_bytes},
        "yanbao": setup.yanbao,
        "rg": setup.rg_ver,
        "runs": setup.runs,
        "short": opts.short,
        "cores": setup.cores,
        "build": {
            "seconds": f.build_median,
            "seconds_each": f.build_secs,
            "mb_per_s": f.build_mbps,
            "peak_rss_kb": f.peak_rss_kb,
            "index_bytes": f.index_bytes,
            "index_to_corpus": f.index_bytes as f64 / corpus_bytes.max(1) as f64,
            "stdout": f.build.stdout_head.trim(),
            "stats": f.stats,
        },
        "reindex": {
            "seconds": f.reindex.secs,
            "percent_of_full": f.reindex_pct,
            "peak_rss_kb": f.reindex.maxrss_kb,
            "exit_code": f.reindex.code,
        },
        "jieba": f.jieba,
        "jieba_mb_per_s_each": f.jieba_runs,
        "jieba_mb_per_s_median": f.jieba_mbps,
        "build_percent_of_jieba": f.build_pct,
        "plain_indexer": f.plain,
        "plain_indexer_mb_per_s_each": f.plain_runs,
        "plain_indexer_mb_per_s_median": f.plain_mbps,
        "build_over_plain_indexer": f.build_over_plain,
        "queries": results.iter().map(QueryResult::json).collect::<Vec<_>>(),
        "harness_peak_rss_kb": harness_rss_kb,
        "failures": failures,
    })
}
