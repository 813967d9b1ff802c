//! `serve`: the speed of `yanbao serve` and its answers under load while `yanbao index`
//! commits (issue 19).
//!
//! The corpora are copied into the work folder (the copy is changed, never the corpora) and
//! indexed there with the `yanbao` binary. Then, in order:
//!
//! 1. in-process: every benchmark query through `yanbao::serve::answer`, the server's own
//!    entry point without HTTP, a few rounds after a warm-up; p50 against the 5 ms target;
//! 2. load: `yanbao serve` on that index, many client threads (one keep-alive connection
//!    each) asking `/api/search` for queries drawn at random, while a changer thread adds,
//!    modifies and deletes reports and runs `yanbao index` after each change. Every request
//!    must answer 200 with a JSON body holding a `hits` array; afterwards the server must
//!    answer from the last commit (its added and modified reports found, its deleted one
//!    gone);
//! 3. the first page load over HTTP: the page and the files it references, on a fresh
//!    connection each time, against the 300 ms target.

use anyhow::{anyhow, bail, Context, Result};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use serde_json::Value;
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

mod clients;
use crate::work::WorkFolder;
use clients::{load, page_loads, Server};
use yanbao_bench::corpora::{index_run, numbered};
use yanbao_bench::in_process::{self, met, quantile};

/// The benchmark queries, built in so that the command runs from any folder.
const QUERIES_JSON: &str = include_str!("../../data/queries.json");

/// Target of issue 19.
const PAGE_LOAD_TARGET_MS: f64 = 300.0;

/// First page loads measured.
const PAGE_LOADS: usize = 20;
/// A change of the folder, and an index run, about this often during the load.
const CHANGE_EVERY: Duration = Duration::from_secs(2);
/// How long the server may take to answer from a commit that has landed: it looks for a
/// new commit at most every 100 ms, on a request.
const PICK_UP_WITHIN: Duration = Duration::from_secs(5);
/// Errors printed verbatim; the rest are counted.
const ERRORS_SHOWN: usize = 5;
/// A client gives up on one request after this long (the server's own limit is 10 s).
const CLIENT_TIMEOUT: Duration = Duration::from_secs(60);
/// The load goes on at most this long after `--seconds` while no commit has landed (an
/// index run on a busy machine can take longer than a short load).
const EXTEND_AT_MOST: Duration = Duration::from_secs(60);

/// What `serve` is asked for.
#[derive(Debug, clap::Args)]
pub struct ServeLoadOpts {
    /// A folder of reports; repeat for several (each copied into the work folder, the
    /// copies indexed as one root)
    #[arg(long, required = true)]
    pub corpus: Vec<PathBuf>,
    /// The yanbao binary [default: the one beside this executable]
    #[arg(long)]
    pub yanbao: Option<PathBuf>,
    /// Concurrent clients, each on its own keep-alive connection
    #[arg(long, default_value_t = 50, value_parser = clap::value_parser!(u32).range(1..=1000))]
    pub clients: u32,
    /// Length of the load, in seconds
    #[arg(long, default_value_t = 20, value_parser = clap::value_parser!(u64).range(1..=86_400))]
    pub seconds: u64,
    /// Work folder for the copy and its index (created; must be absent or empty; kept)
    /// [default: a fresh folder in the temp dir, removed afterwards unless --keep]
    #[arg(long)]
    pub work: Option<PathBuf>,
    /// Keep the temporary work folder
    #[arg(long)]
    pub keep: bool,
    /// A queries file (a JSON list of {"query": ...}) [default: the benchmark queries of
    /// crates/yanbao-bench/data/queries.json, every set]
    #[arg(long)]
    pub queries: Option<PathBuf>,
    /// Seed of the clients' query draws and of the changes
    #[arg(long, default_value_t = 19)]
    pub seed: u64,
}

/// Runs the three phases; returns whether there were no errors and the server answered
/// from the last commit.
pub fn serve_load(opts: &ServeLoadOpts) -> Result<bool> {
    let yanbao = match &opts.yanbao {
        Some(p) => p.clone(),
        None => crate::run::default_yanbao()?,
    };
    if !yanbao.is_file() {
        bail!(
            "yanbao binary not found at {} (build it with `cargo build --release --workspace` or pass --yanbao PATH)",
            yanbao.display()
        );
    }
    for corpus in &opts.corpus {
        if !corpus.is_dir() {
            bail!("corpus {}: not a folder", corpus.display());
        }
    }
    let queries = match &opts.queries {
        Some(path) => {
            let raw = std::fs::read_to_string(path)
                .with_context(|| format!("reading queries file {}", path.display()))?;
            in_process::parse_queries(&raw)
                .with_context(|| format!("queries file {}", path.display()))?
        }
        None => in_process::parse_queries(QUERIES_JSON).context("the built-in queries")?,
    };
    let work = WorkFolder::create(opts.work.as_deref(), "yanbao-serve-load")?;
    if std::fs::read_dir(work.path())?.next().is_some() {
        bail!(
            "work folder {}: not empty; give a new or empty --work folder",
            work.path().display()
        );
    }
    let result = run_in(opts, &yanbao, &queries, work.path());
    work.finish(opts.keep, |w| {
        format!("work folder kept at {}", w.display())
    });
    result
}

fn run_in(opts: &ServeLoadOpts, yanbao: &Path, queries: &[String], work: &Path) -> Result<bool> {
    let reports = work.join("reports");
    let index = work.join("index");
    let started = Instant::now();
    let copy = copy_corpora(&opts.corpus, &reports)?;
    if copy.texts.is_empty() {
        bail!("the corpora hold no UTF-8 .txt or .md report to base the changes on");
    }
    println!(
        "corpus: {} files, {:.1} MB, copied into {} in {:.1} s",
        copy.files,
        copy.bytes as f64 / crate::numbers::MB,
        reports.display(),
        started.elapsed().as_secs_f64()
    );
    let indexed = index_run(yanbao, &index, Some(&reports))?;
    println!("indexed with {} in {indexed:.1} s", yanbao.display());

    let mut errors = in_process(&index, queries, work)?;

    let server = Server::start(yanbao, &index)?;
    println!("server: {}", server.base);
    let (load_errors, picked_up) =
        load(opts, yanbao, &index, &reports, copy.texts, queries, &server)?;
    errors.merge(load_errors);
    errors.merge(page_loads(&server.base));
    let stopped = server.stop();
    if errors.count > 0 {
        println!("errors in all: {}", errors.count);
    }
    Ok(errors.count == 0 && picked_up && stopped)
}

/// Errors of every phase: the count and the first few, verbatim.
#[derive(Default)]
struct Errors {
    count: usize,
    first: Vec<String>,
}

impl Errors {
    fn add(&mut self, e: String) {
        self.count += 1;
        if self.first.len() < ERRORS_SHOWN {
            self.first.push(e);
        }
    }

    fn merge(&mut self, other: Errors) {
        self.count += other.count;
        for e in other.first {
            if self.first.len() < ERRORS_SHOWN {
                self.first.push(e);
            }
        }
    }

    /// Prints `errors: N` and the first ones.
    fn print(&self) {
        println!("  errors: {}", self.count);
        for e in &self.first {
            println!("    {e}");
        }
    }
}

/// The copy of the corpora.
struct Copy {
    files: usize,
    bytes: u64,
    /// The copied .txt and .md reports that are UTF-8: changes append to them and new
    /// reports are made of them, in an encoding they keep.
    texts: Vec<PathBuf>,
}

/// Copies each corpus into `to/N-NAME` (hidden entries left out, as `yanbao index` does).
fn copy_corpora(corpora: &[PathBuf], to: &Path) -> Result<Copy> {
    let mut copy = Copy {
        files: 0,
        bytes: 0,
        texts: Vec::new(),
    };
    for (i, corpus) in corpora.iter().enumerate() {
        let (abs, name) = numbered(i, corpus)?;
        copy_tree(&abs, &to.join(name), 0, &mut copy)?;
    }
    Ok(copy)
}

fn copy_tree(from: &Path, to: &Path, depth: usize, copy: &mut Copy) -> Result<()> {
    // Symbolic links are followed, as `yanbao index` follows them; a loop stops here.
    if depth > 64 {
        bail!("{}: folders nested too deep (a link loop?)", from.display());
    }
    std::fs::create_dir_all(to).with_context(|| format!("creating {}", to.display()))?;
    let mut entries: Vec<_> = std::fs::read_dir(from)
        .with_context(|| format!("reading {}", from.display()))?
        .collect::<std::io::Result<_>>()?;
    entries.sort_by_key(|e| e.file_name());
    for entry in entries {
        let name = entry.file_name();
        if name.to_string_lossy().starts_with('.') {
            continue;
        }
        let (src, dst) = (entry.path(), to.join(&name));
        let meta = std::fs::metadata(&src).with_context(|| src.display().to_string())?;
        if meta.is_dir() {
            copy_tree(&src, &dst, depth + 1, copy)?;
        } else if meta.is_file() {
            let bytes = std::fs::read(&src).with_context(|| src.display().to_string())?;
            std::fs::write(&dst, &bytes).with_context(|| dst.display().to_string())?;
            copy.files += 1;
            copy.bytes += bytes.len() as u64;
            let text_ext = matches!(dst.extension().and_then(|e| e.to_str()), Some("txt" | "md"));
            if text_ext && std::str::from_utf8(&bytes).is_ok() {
                copy.texts.push(dst);
            }
        }
    }
    Ok(())
}

/// Phase 1: the queries through the server's entry point, in a process of its own set up
/// as the server's (`yanbao-bench-answers`, beside this executable; see
/// `yanbao_bench::in_process`). Its figures and errors go to this process's stdout.
fn in_process(index: &Path, queries: &[String], work: &Path) -> Result<Errors> {
    let exe = std::env::current_exe().context("locating this executable")?;
    let answers = exe
        .parent()
        .ok_or_else(|| anyhow!("executable has no parent folder"))?
        .join(format!(
            "yanbao-bench-answers{}",
            std::env::consts::EXE_SUFFIX
        ));
    if !answers.is_file() {
        bail!(
            "{} not found: build it with `cargo build --release --workspace`",
            answers.display()
        );
    }
    let list: Vec<Value> = queries
        .iter()
        .map(|q| serde_json::json!({ "query": q }))
        .collect();
    let file = work.join("queries.json");
    std::fs::write(&file, serde_json::to_string(&list)?)
        .with_context(|| format!("writing {}", file.display()))?;
    std::io::Write::flush(&mut std::io::stdout())?;
    let status = Command::new(&answers)
        .arg(index)
        .arg(&file)
        .status()
        .with_context(|| format!("running {}", answers.display()))?;
    let mut errors = Errors::default();
    if !status.success() {
        errors.add(format!(
            "in-process phase: {} exited with {status}",
            answers.display()
        ));
    }
    Ok(errors)
}
