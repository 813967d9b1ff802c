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

/// The benchmark queries, built in so that the command runs from any folder.
const QUERIES_JSON: &str = include_str!("../data/queries.json");

/// Targets of issue 19.
const IN_PROCESS_P50_TARGET_MS: f64 = 5.0;
const PAGE_LOAD_TARGET_MS: f64 = 300.0;

/// In-process rounds over the queries; the first one warms the caches and is not counted.
const IN_PROCESS_ROUNDS: usize = 5;
/// Queries named as the slowest in-process.
const SLOWEST_SHOWN: usize = 5;
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
            parse_queries(&raw).with_context(|| format!("queries file {}", path.display()))?
        }
        None => parse_queries(QUERIES_JSON).context("the built-in queries")?,
    };
    let (work, own_work) = match &opts.work {
        Some(w) => (w.clone(), false),
        None => (
            std::env::temp_dir().join(format!("yanbao-serve-load-{}", std::process::id())),
            true,
        ),
    };
    if work.exists() && std::fs::read_dir(&work)?.next().is_some() {
        bail!(
            "work folder {}: not empty; give a new or empty --work folder",
            work.display()
        );
    }
    std::fs::create_dir_all(&work).with_context(|| format!("creating {}", work.display()))?;
    let result = run_in(opts, &yanbao, &queries, &work);
    if own_work && !opts.keep {
        let _ = std::fs::remove_dir_all(&work);
    } else {
        println!("work folder kept at {}", work.display());
    }
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

    let mut errors = in_process(&index, queries)?;

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

/// The query texts of a queries file.
fn parse_queries(raw: &str) -> Result<Vec<String>> {
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
        let abs = std::fs::canonicalize(corpus)
            .with_context(|| format!("corpus {}", corpus.display()))?;
        let name = abs
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| "corpus".into());
        copy_tree(&abs, &to.join(format!("{i}-{name}")), 0, &mut copy)?;
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

/// `BIN --index INDEX index [ROOT]`; its wall time in seconds.
fn index_run(yanbao: &Path, index: &Path, root: Option<&Path>) -> Result<f64> {
    let started = Instant::now();
    let mut cmd = Command::new(yanbao);
    cmd.arg("--index").arg(index).arg("index");
    if let Some(root) = root {
        cmd.arg(root);
    }
    let out = cmd
        .output()
        .with_context(|| format!("running {}", yanbao.display()))?;
    if !out.status.success() {
        bail!(
            "{} --index {} index failed ({}): {}",
            yanbao.display(),
            index.display(),
            out.status,
            String::from_utf8_lossy(&out.stderr).trim()
        );
    }
    Ok(started.elapsed().as_secs_f64())
}

/// The value at quantile `q` of sorted values (nearest rank).
fn quantile(sorted: &[f64], q: f64) -> f64 {
    if sorted.is_empty() {
        return f64::NAN;
    }
    sorted[((sorted.len() - 1) as f64 * q).round() as usize]
}

fn met(value: f64, target: f64) -> &'static str {
    if value <= target {
        "met"
    } else {
        "NOT met"
    }
}

/// Phase 1: the queries through the server's entry point, in this process.
fn in_process(index: &Path, queries: &[String]) -> Result<Errors> {
    let live = yanbao::serve::LiveIndex::open(index)
        .with_context(|| format!("opening index {}", index.display()))?;
    let aliases = yanbao::report::aliases::AliasTable::builtin();
    let mut errors = Errors::default();
    // Per query, its counted times.
    let mut by_query: Vec<Vec<f64>> = vec![Vec::new(); queries.len()];
    for round in 0..IN_PROCESS_ROUNDS {
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
                Ok(v) => errors.add(format!("in-process {q:?}: no \"hits\" array in {v}")),
                Err(e) => errors.add(format!("in-process {q:?}: {} {}", e.status, e.message)),
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
        IN_PROCESS_ROUNDS - 1,
        times.len()
    );
    println!(
        "  p50 {p50:.2} ms (target <= {IN_PROCESS_P50_TARGET_MS} ms: {}), p90 {:.2} ms, p99 {:.2} ms, max {:.2} ms",
        met(p50, IN_PROCESS_P50_TARGET_MS),
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
    errors.print();
    Ok(errors)
}

/// `yanbao serve` on the index, as a child process.
struct Server {
    child: Child,
    /// `http://127.0.0.1:PORT`, without the final slash.
    base: String,
    /// What it wrote on stderr (also passed on to ours).
    stderr: Arc<Mutex<Vec<String>>>,
}

impl Server {
    fn start(yanbao: &Path, index: &Path) -> Result<Server> {
        let mut child = Command::new(yanbao)
            .arg("--index")
            .arg(index)
            .args(["serve", "--addr", "127.0.0.1:0"])
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .with_context(|| format!("starting {} serve", yanbao.display()))?;
        let stderr = Arc::new(Mutex::new(Vec::new()));
        if let Some(err) = child.stderr.take() {
            let lines = Arc::clone(&stderr);
            std::thread::spawn(move || {
                for line in BufReader::new(err).lines().map_while(Result::ok) {
                    eprintln!("[server] {line}");
                    lines.lock().unwrap_or_else(|e| e.into_inner()).push(line);
                }
            });
        }
        let out = child.stdout.take().ok_or_else(|| anyhow!("no stdout"))?;
        let mut lines = BufReader::new(out).lines();
        let first = lines.next().transpose()?.unwrap_or_default();
        // The stdout pipe is read on, so that it never fills.
        std::thread::spawn(move || for _ in lines.map_while(Result::ok) {});
        let mut server = Server {
            child,
            base: String::new(),
            stderr,
        };
        // "yanbao: serving http://127.0.0.1:PORT/ (Ctrl-C to stop)"
        let url = first
            .split_whitespace()
            .find(|w| w.starts_with("http://"))
            .map(|u| u.trim_end_matches('/').to_string());
        match url {
            Some(url) => server.base = url,
            None => {
                let _ = server.child.kill();
                let _ = server.child.wait();
                std::thread::sleep(Duration::from_millis(100));
                bail!(
                    "yanbao serve did not print its URL (first line {first:?}); stderr: {}",
                    server.stderr_text()
                );
            }
        }
        Ok(server)
    }

    fn stderr_text(&self) -> String {
        self.stderr
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .join("\n")
    }

    /// Stops it with Ctrl-C (SIGINT); whether it stopped by itself within 10 s.
    fn stop(mut self) -> bool {
        // SAFETY: a signal to our own child process.
        unsafe {
            libc::kill(self.child.id() as i32, libc::SIGINT);
        }
        let asked = Instant::now();
        while asked.elapsed() < Duration::from_secs(10) {
            if let Ok(Some(status)) = self.child.try_wait() {
                let lines = self.stderr.lock().map(|l| l.len()).unwrap_or(0);
                println!(
                    "server stopped by Ctrl-C: {status}; {lines} lines on its stderr (shown above with [server])"
                );
                return true;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        println!("server did NOT stop within 10 s of Ctrl-C: killed");
        false
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        if let Ok(None) = self.child.try_wait() {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
    }
}

/// A keep-alive HTTP client; `fresh` connections are made by a new agent.
fn agent() -> ureq::Agent {
    ureq::AgentBuilder::new().timeout(CLIENT_TIMEOUT).build()
}

/// `GET url` with `params`: the body of a 200 answer, else what went wrong.
fn get(agent: &ureq::Agent, url: &str, params: &[(&str, &str)]) -> Result<String, String> {
    let mut req = agent.get(url);
    for (k, v) in params {
        req = req.query(k, v);
    }
    match req.call() {
        Ok(resp) if resp.status() == 200 => resp
            .into_string()
            .map_err(|e| format!("{url} {params:?}: reading the body: {e}")),
        Ok(resp) => Err(format!("{url} {params:?}: HTTP {}", resp.status())),
        Err(ureq::Error::Status(code, resp)) => Err(format!(
            "{url} {params:?}: HTTP {code}: {}",
            resp.into_string().unwrap_or_default()
        )),
        Err(e) => Err(format!("{url} {params:?}: {e}")),
    }
}

/// `/api/search?q=QUERY&n=10` and the extra `params`: the `hits` array of a 200 answer
/// whose body is JSON, else what went wrong.
fn search(
    agent: &ureq::Agent,
    base: &str,
    query: &str,
    params: &[(&str, &str)],
) -> Result<Vec<Value>, String> {
    let url = format!("{base}/api/search");
    let mut all = vec![("q", query), ("n", "10")];
    all.extend_from_slice(params);
    let body = get(agent, &url, &all)?;
    let v: Value = serde_json::from_str(&body)
        .map_err(|e| format!("{query:?}: the body is not JSON ({e}): {body:.200}"))?;
    match v.get("hits").and_then(Value::as_array) {
        Some(hits) => Ok(hits.clone()),
        None => Err(format!("{query:?}: no \"hits\" array in {body:.200}")),
    }
}

/// One client's requests.
#[derive(Default)]
struct Tally {
    latencies_ms: Vec<f64>,
    errors: Errors,
}

/// When the load ends: after `--seconds`, or later if no commit has landed by then, so
/// that requests always meet a commit (up to `EXTEND_AT_MOST` more).
struct Clock {
    until: Instant,
    landed: AtomicBool,
}

impl Clock {
    fn running(&self) -> bool {
        let now = Instant::now();
        now < self.until
            || (!self.landed.load(Ordering::Relaxed) && now < self.until + EXTEND_AT_MOST)
    }
}

fn client(base: &str, queries: &[String], seed: u64, clock: &Clock) -> Tally {
    let agent = agent();
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let mut tally = Tally::default();
    while clock.running() {
        let query = &queries[rng.random_range(0..queries.len())];
        let started = Instant::now();
        let answered = search(&agent, base, query, &[]);
        tally
            .latencies_ms
            .push(started.elapsed().as_secs_f64() * 1000.0);
        if let Err(e) = answered {
            tally.errors.add(e);
        }
    }
    tally
}

/// The folder as the changer changes it.
struct Changer {
    /// Where new reports go.
    new_folder: PathBuf,
    /// UTF-8 reports that may be modified, deleted or copied into a new one.
    texts: Vec<PathBuf>,
    /// Reports this changer added and has not deleted, oldest first, with their probe word.
    added: std::collections::VecDeque<(PathBuf, String)>,
    rng: ChaCha8Rng,
}

/// One change: a report added, one modified, one deleted, each findable by a word of its own.
struct Change {
    added_probe: String,
    modified_probe: String,
    /// The probe word of the deleted report, when it was one this changer had added
    /// (a report of the corpus has no word of its own).
    deleted_probe: Option<String>,
}

impl Changer {
    fn apply(&mut self, serial: usize) -> Result<Change> {
        // Letters around the number: no other probe word is a substring of this one.
        let added_probe = format!("zqadd{serial}x");
        let base = &self.texts[self.rng.random_range(0..self.texts.len())];
        let text = std::fs::read_to_string(base).with_context(|| base.display().to_string())?;
        let path = self.new_folder.join(format!("p{serial:05}.txt"));
        std::fs::write(&path, format!("负载测试新增报告 {added_probe}\n\n{text}"))
            .with_context(|| path.display().to_string())?;

        let modified_probe = format!("zqmod{serial}x");
        let modified = self.rng.random_range(0..self.texts.len());
        let target = &self.texts[modified];
        let mut text =
            std::fs::read_to_string(target).with_context(|| target.display().to_string())?;
        text.push_str(&format!("\n\n负载测试修改 {modified_probe}\n"));
        std::fs::write(target, text).with_context(|| target.display().to_string())?;

        // An added report is deleted two changes later, so a deletion can be checked by its
        // word; before there is one, a report of the corpus goes (not the one just
        // modified, whose word is checked).
        let deleted_probe = if self.added.len() >= 2 {
            let (old, probe) = self.added.pop_front().expect("two or more");
            std::fs::remove_file(&old).with_context(|| old.display().to_string())?;
            Some(probe)
        } else {
            if self.texts.len() > 1 {
                let mut deleted = self.rng.random_range(0..self.texts.len() - 1);
                if deleted >= modified {
                    deleted += 1;
                }
                let gone = self.texts.swap_remove(deleted);
                std::fs::remove_file(&gone).with_context(|| gone.display().to_string())?;
            }
            None
        };
        self.added.push_back((path, added_probe.clone()));
        Ok(Change {
            added_probe,
            modified_probe,
            deleted_probe,
        })
    }
}

/// What the changer did during the load.
#[derive(Default)]
struct Changes {
    /// Index runs that finished before the load ended, and after.
    during: usize,
    after: usize,
    run_seconds: Vec<f64>,
    /// The change of the last index run that finished.
    last: Option<Change>,
    /// A change or an index run that failed: the load's folder is not as meant.
    failure: Option<String>,
}

#[allow(clippy::too_many_arguments)]
fn load(
    opts: &ServeLoadOpts,
    yanbao: &Path,
    index: &Path,
    reports: &Path,
    texts: Vec<PathBuf>,
    queries: &[String],
    server: &Server,
) -> Result<(Errors, bool)> {
    let new_folder = reports.join("load-new");
    std::fs::create_dir_all(&new_folder)?;
    let seconds = Duration::from_secs(opts.seconds);
    // Short loads change the folder more often, so that several commits may still land.
    let every = CHANGE_EVERY.min(seconds / 3);
    let mut folder = Changer {
        new_folder,
        texts,
        added: Default::default(),
        rng: ChaCha8Rng::seed_from_u64(opts.seed ^ 0xC4A9),
    };
    println!(
        "load: {} clients for {} s on {}/api/search (queries drawn from {}), a change and `yanbao index` every {:.1} s",
        opts.clients,
        opts.seconds,
        server.base,
        queries.len(),
        every.as_secs_f64()
    );
    let started = Instant::now();
    let clock = Clock {
        until: started + seconds,
        landed: AtomicBool::new(false),
    };
    // Set once every client has stopped: later index runs are not during the load.
    let clients_done = AtomicBool::new(false);
    let (tallies, changes, elapsed) = std::thread::scope(|s| {
        let clients: Vec<_> = (0..opts.clients)
            .map(|i| {
                let (base, clock) = (server.base.as_str(), &clock);
                let seed = opts.seed.wrapping_mul(1000).wrapping_add(u64::from(i));
                s.spawn(move || client(base, queries, seed, clock))
            })
            .collect();
        let (done, clock) = (&clients_done, &clock);
        let changer = s.spawn(move || {
            let mut changes = Changes::default();
            let mut next = started;
            let mut serial = 0;
            while clock.running() {
                std::thread::sleep(next.saturating_duration_since(Instant::now()));
                if !clock.running() {
                    break;
                }
                serial += 1;
                let change = match folder.apply(serial) {
                    Ok(c) => c,
                    Err(e) => {
                        changes.failure = Some(format!("change {serial}: {e:#}"));
                        break;
                    }
                };
                match index_run(yanbao, index, None) {
                    Ok(secs) => changes.run_seconds.push(secs),
                    Err(e) => {
                        changes.failure = Some(format!("index run {serial}: {e:#}"));
                        break;
                    }
                }
                if done.load(Ordering::Relaxed) {
                    changes.after += 1;
                } else {
                    changes.during += 1;
                    clock.landed.store(true, Ordering::Relaxed);
                }
                changes.last = Some(change);
                next = (next + every).max(Instant::now());
            }
            changes
        });
        let tallies: Vec<Tally> = clients
            .into_iter()
            .map(|c| {
                c.join().unwrap_or_else(|_| {
                    let mut t = Tally::default();
                    t.errors.add("a client thread panicked".into());
                    t
                })
            })
            .collect();
        let elapsed = started.elapsed().as_secs_f64();
        done.store(true, Ordering::Relaxed);
        let changes = changer.join().unwrap_or_else(|_| Changes {
            failure: Some("the changer thread panicked".into()),
            ..Default::default()
        });
        (tallies, changes, elapsed)
    });
    let mut errors = Errors::default();
    let mut latencies = Vec::new();
    for t in tallies {
        latencies.extend(t.latencies_ms);
        errors.merge(t.errors);
    }
    latencies.sort_by(f64::total_cmp);
    if elapsed > seconds.as_secs_f64() + 1.0 {
        println!("  the load lasted {elapsed:.1} s: it went on until the first commit landed");
    }
    println!(
        "  requests: {}, {:.1} requests/s",
        latencies.len(),
        latencies.len() as f64 / elapsed
    );
    println!(
        "  latency: p50 {:.2} ms, p99 {:.2} ms, max {:.2} ms",
        quantile(&latencies, 0.5),
        quantile(&latencies, 0.99),
        latencies.last().copied().unwrap_or(f64::NAN)
    );
    errors.print();
    let mut runs = changes.run_seconds.clone();
    runs.sort_by(f64::total_cmp);
    println!(
        "  index runs completed during the load: {} (+{} after it), each after a report added, one modified, one deleted; index run p50 {:.2} s, max {:.2} s",
        changes.during,
        changes.after,
        quantile(&runs, 0.5),
        runs.last().copied().unwrap_or(f64::NAN)
    );
    if let Some(f) = &changes.failure {
        println!("  the changes FAILED: {f}");
    }
    let picked_up = match &changes.last {
        Some(last) => pick_up(&server.base, last),
        None => {
            println!("picked up new commits: no (no index run completed)");
            false
        }
    };
    Ok((
        errors,
        picked_up && changes.failure.is_none() && changes.during > 0,
    ))
}

/// Whether the server answers from the last commit: its added and modified reports found
/// by their words and its deleted one no longer, within `PICK_UP_WITHIN`.
fn pick_up(base: &str, last: &Change) -> bool {
    let agent = agent();
    // Every passage may answer: what is asked is whether the report is in the index.
    let everything = [("all", "1"), ("boilerplate", "1")];
    let found = |word: &str| -> Result<bool, String> {
        search(&agent, base, word, &everything).map(|hits| !hits.is_empty())
    };
    let asked = Instant::now();
    let mut state = String::new();
    while asked.elapsed() < PICK_UP_WITHIN {
        let checks = (|| -> Result<bool, String> {
            let added = found(&last.added_probe)?;
            let modified = found(&last.modified_probe)?;
            let deleted_gone = match &last.deleted_probe {
                Some(p) => !found(p)?,
                None => true,
            };
            state = format!(
                "added report ({}) {}, modified report ({}) {}, deleted report {}",
                last.added_probe,
                if added { "found" } else { "NOT found" },
                last.modified_probe,
                if modified { "found" } else { "NOT found" },
                match (&last.deleted_probe, deleted_gone) {
                    (None, _) => "of the corpus (no word of its own to check)".to_string(),
                    (Some(p), true) => format!("({p}) gone"),
                    (Some(p), false) => format!("({p}) still FOUND"),
                }
            );
            Ok(added && modified && deleted_gone)
        })();
        match checks {
            Ok(true) => {
                println!(
                    "picked up new commits: yes ({state}, {:.2} s after the last index run)",
                    asked.elapsed().as_secs_f64()
                );
                return true;
            }
            Ok(false) => {}
            Err(e) => state = format!("the search failed: {e}"),
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    println!(
        "picked up new commits: no ({state}, after {} s)",
        PICK_UP_WITHIN.as_secs()
    );
    false
}

/// The same-origin files a page loads: `<script src="/...">` and `<link href="/...">`.
fn page_files(html: &str) -> Vec<String> {
    let re = regex::Regex::new(r#"<(?:script|link)\b[^>]*?\b(?:src|href)="(/[^/"][^"]*|/)""#)
        .expect("a valid regex");
    re.captures_iter(html).map(|c| c[1].to_string()).collect()
}

/// Phase 3: the page and the files it references, each load on a fresh connection.
fn page_loads(base: &str) -> Errors {
    let mut errors = Errors::default();
    let mut times = Vec::new();
    let mut files = Vec::new();
    for _ in 0..PAGE_LOADS {
        let agent = agent();
        let started = Instant::now();
        let loaded = get(&agent, &format!("{base}/"), &[]).and_then(|html| {
            files = page_files(&html);
            for f in &files {
                get(&agent, &format!("{base}{f}"), &[])?;
            }
            Ok(())
        });
        let ms = started.elapsed().as_secs_f64() * 1000.0;
        match loaded {
            Ok(()) => times.push(ms),
            Err(e) => errors.add(format!("page load: {e}")),
        }
    }
    times.sort_by(f64::total_cmp);
    let p50 = quantile(&times, 0.5);
    println!(
        "first page load (GET / and what it references: {}; a fresh connection each, {PAGE_LOADS} times):",
        if files.is_empty() {
            "nothing".to_string()
        } else {
            files.join(", ")
        }
    );
    println!(
        "  p50 {p50:.2} ms, max {:.2} ms (target <= {PAGE_LOAD_TARGET_MS} ms, every load: {})",
        times.last().copied().unwrap_or(f64::NAN),
        met(
            times.last().copied().unwrap_or(f64::INFINITY),
            PAGE_LOAD_TARGET_MS
        )
    );
    errors.print();
    errors
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn page_files_are_the_same_origin_scripts_and_styles() {
        let html = r#"<html><head><link rel="icon" href="data:,"><link rel="stylesheet" href="/app.css"></head><body><script src="/app.js"></script><script src="//cdn.example/x.js"></script></body></html>"#;
        assert_eq!(page_files(html), ["/app.css", "/app.js"]);
    }

    #[test]
    fn the_built_in_queries_parse() {
        let queries = parse_queries(QUERIES_JSON).unwrap();
        assert!(queries.len() >= 70, "{} queries", queries.len());
        assert!(parse_queries("[]").is_err());
        assert!(parse_queries("{}").is_err());
    }
}
