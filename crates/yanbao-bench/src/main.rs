//! `yanbao-bench`: synthetic corpus generator (`gen`), benchmark runner (`run`),
//! result-quality check (`quality`, with `pool` and `judge-merge` for its relevance
//! judgements), the watch soak test (`soak`) and the server's load test (`serve`) for
//! yanbao.

mod gen;
mod numbers;
mod plain;
mod run;
mod serve_load;
mod soak;
mod space;
mod work;

use anyhow::Result;
use clap::{Parser, Subcommand};
use std::path::PathBuf;
use yanbao_bench::quality;

#[derive(Parser)]
#[command(
    name = "yanbao-bench",
    version,
    about = "Synthetic corpus generator and benchmark runner for yanbao"
)]
struct Cli {
    #[command(subcommand)]
    cmd: Cmd,
}

#[derive(Subcommand)]
enum Cmd {
    /// Write a deterministic synthetic corpus of Chinese research reports (.txt/.md)
    Gen {
        /// Output folder (created; must be empty or absent)
        #[arg(long)]
        out: PathBuf,
        /// Corpus size in MB (10^6 bytes); fractions allowed, e.g. 0.3
        #[arg(long)]
        mb: f64,
        /// Seed: the same seed always gives identical bytes
        #[arg(long, default_value_t = 42)]
        seed: u64,
    },
    /// Benchmark yanbao on a corpus: build, re-index, jieba and plain-indexer baselines, query latency vs ripgrep
    Run(run::RunOpts),
    /// Share of junk (TOC, footers, chart residue, cover blocks, legal text, duplicates) in the top ten of the benchmark queries
    Quality(quality::QualityOpts),
    /// Passages for judges: the union of several yanbao binaries' top ten per query, less those already judged
    Pool(quality::PoolOpts),
    /// Add the graded entries of a pool file to the judgements file
    JudgeMerge(quality::MergeOpts),
    /// `yanbao index --watch` under random changes: lag to searchable (p50, p99), equality with a clean build
    Soak(soak::SoakOpts),
    /// `yanbao serve`: in-process search latency, many clients on /api/search while `yanbao index` commits, first page load
    Serve(serve_load::ServeLoadOpts),
    /// How much space each field of an index takes
    Space {
        /// The index folder
        index: PathBuf,
    },
    /// Internal: single-core jieba-rs throughput over a corpus, as JSON (used by `run`)
    #[command(hide = true)]
    JiebaProbe {
        #[arg(long)]
        corpus: PathBuf,
    },
    /// Internal: a plain one-field tantivy + jieba index of a corpus, one indexing thread, as
    /// JSON (used by `run`); the index is built in a folder inside --work and removed
    #[command(hide = true)]
    PlainProbe {
        #[arg(long)]
        corpus: PathBuf,
        #[arg(long)]
        work: PathBuf,
    },
}

fn main() {
    let cli = Cli::parse();
    let code = match real_main(cli) {
        Ok(true) => 0,
        Ok(false) => 1,
        Err(e) => {
            eprintln!("yanbao-bench: {e:#}");
            2
        }
    };
    std::process::exit(code);
}

fn real_main(cli: Cli) -> Result<bool> {
    match cli.cmd {
        Cmd::Gen { out, mb, seed } => {
            let s = gen::run_gen(&out, mb, seed)?;
            println!(
                "wrote {} files in {} folders, {:.1} MB, to {} in {:.2} s ({:.1} MB/s, seed {seed})",
                s.files,
                s.folders,
                s.bytes as f64 / numbers::MB,
                out.display(),
                s.seconds,
                s.bytes as f64 / numbers::MB / s.seconds.max(1e-9)
            );
            Ok(true)
        }
        Cmd::Run(opts) => run::run(&opts),
        Cmd::Quality(opts) => quality::run(&opts),
        Cmd::Pool(opts) => quality::pool(&opts),
        Cmd::JudgeMerge(opts) => quality::merge(&opts),
        Cmd::Soak(opts) => soak::soak(&opts),
        Cmd::Serve(opts) => serve_load::serve_load(&opts),
        Cmd::Space { index } => {
            space::space_usage(&index)?;
            Ok(true)
        }
        Cmd::JiebaProbe { corpus } => {
            run::jieba_probe(&corpus)?;
            Ok(true)
        }
        Cmd::PlainProbe { corpus, work } => {
            plain::plain_probe(&corpus, &work)?;
            Ok(true)
        }
    }
}
