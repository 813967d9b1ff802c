//! `soak`: `yanbao index --watch` under a long stream of random changes.
//!
//! A folder of small synthetic reports is watched while creates, edits,
//! deletes, renames of files and folders, and deletes followed by a new
//! file of the same name arrive at a steady rate. About once a second one
//! create or edit is a *probe*: it writes a mark no other file holds, and
//! `yanbao mentions --count MARK` is polled until the mark is found; the
//! time from the write to that answer is the lag (the poll's own process
//! included). At the end, the watched index must equal a clean build of
//! the folder: `stats --json` (less size and time) and `mentions` of every
//! report's mark.

use anyhow::{anyhow, bail, Context, Result};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// What `soak` is asked for.
#[derive(Debug, clap::Args)]
pub struct SoakOpts {
    /// Changes to apply
    #[arg(long, default_value_t = 10_000)]
    pub changes: usize,
    /// Over this many seconds
    #[arg(long, default_value_t = 600)]
    pub seconds: u64,
    /// Reports in the folder before the watch starts
    #[arg(long, default_value_t = 500)]
    pub files: usize,
    /// Seed of the random changes
    #[arg(long, default_value_t = 7)]
    pub seed: u64,
    /// Work folder (created; removed at the end unless --keep)
    #[arg(long)]
    pub work: Option<PathBuf>,
    /// Keep the work folder
    #[arg(long)]
    pub keep: bool,
    /// The yanbao binary [default: the one beside this executable]
    #[arg(long)]
    pub yanbao: Option<PathBuf>,
}

/// Sentences of the synthetic reports (written for this repository).
const SENTENCES: &[&str] = &[
    "公司本季度收入同比增长，毛利率稳中有升。",
    "我们维持买入评级，目标价对应明年二十倍市盈率。",
    "风险提示：行业竞争加剧，原材料价格波动。",
    "新能源汽车渗透率继续提升，产业链景气度较高。",
    "管理层指引全年利润增长百分之十五以上。",
    "海外业务拓展顺利，订单储备充足。",
    "研发投入持续加大，新产品有望明年放量。",
    "估值处于历史低位，具备较高安全边际。",
];

const FOLDERS: usize = 20;

/// The folder under watch, as the soak knows it.
struct Tree {
    root: PathBuf,
    /// Relative paths of the report files.
    files: Vec<String>,
    /// The folders' current names (they are renamed now and then).
    folders: Vec<String>,
    serial: u64,
}

impl Tree {
    fn mark(&mut self) -> String {
        self.serial += 1;
        format!("skm{}q", self.serial)
    }

    fn report(&mut self, rng: &mut ChaCha8Rng) -> (String, String) {
        let mark = self.mark();
        let mut text = format!("研究报告 {mark}\n\n");
        for _ in 0..rng.random_range(3..12) {
            text.push_str(SENTENCES[rng.random_range(0..SENTENCES.len())]);
            if rng.random_bool(0.3) {
                text.push_str("\n\n");
            }
        }
        text.push('\n');
        (mark, text)
    }

    fn write(&self, rel: &str, text: &str) -> Result<()> {
        let p = self.root.join(rel);
        std::fs::create_dir_all(p.parent().unwrap_or(&self.root))?;
        std::fs::write(&p, text).with_context(|| p.display().to_string())
    }
}

/// Runs the soak; returns whether the watched index equalled a clean build.
pub fn soak(opts: &SoakOpts) -> Result<bool> {
    let yanbao = match &opts.yanbao {
        Some(p) => p.clone(),
        None => crate::run::default_yanbao()?,
    };
    let work = match &opts.work {
        Some(w) => w.clone(),
        None => std::env::temp_dir().join(format!("yanbao-soak-{}", std::process::id())),
    };
    if work.exists() {
        bail!("{}: exists; give a new --work folder", work.display());
    }
    let root = work.join("reports");
    let index = work.join("index");
    let mut rng = ChaCha8Rng::seed_from_u64(opts.seed);
    let mut tree = Tree {
        root: root.clone(),
        files: Vec::new(),
        folders: (0..FOLDERS).map(|i| format!("d{i:02}")).collect(),
        serial: 0,
    };
    for i in 0..opts.files {
        let rel = format!("{}/r{i:05}.txt", tree.folders[i % FOLDERS]);
        let (_, text) = tree.report(&mut rng);
        tree.write(&rel, &text)?;
        tree.files.push(rel);
    }
    let mut watch = start_watch(&yanbao, &index, &root)?;
    println!(
        "watching {} reports; applying {} changes over {} s",
        opts.files, opts.changes, opts.seconds
    );

    let interval = Duration::from_secs_f64(opts.seconds as f64 / opts.changes.max(1) as f64);
    let started = Instant::now();
    let mut counts = [0usize; 6];
    let mut lags: Vec<f64> = Vec::new();
    let mut probe: Option<Probe> = None;
    let mut last_probe = Instant::now();
    for n in 0..opts.changes {
        let due = started + interval * n as u32;
        while Instant::now() < due {
            poll_probe(&yanbao, &index, &mut probe, &mut lags)?;
            std::thread::sleep(
                Duration::from_millis(20).min(due.saturating_duration_since(Instant::now())),
            );
        }
        let want_probe = probe.is_none() && last_probe.elapsed() >= Duration::from_secs(1);
        let busy = probe.as_ref().map(|p| p.rel.clone());
        let kind = change(&mut tree, &mut rng, busy.as_deref(), want_probe, &mut probe)?;
        if want_probe && probe.is_some() {
            last_probe = Instant::now();
        }
        counts[kind] += 1;
    }
    let applied = started.elapsed().as_secs_f64();
    // The last probe, if still in flight.
    let wait_from = Instant::now();
    while probe.is_some() && wait_from.elapsed() < Duration::from_secs(60) {
        poll_probe(&yanbao, &index, &mut probe, &mut lags)?;
        std::thread::sleep(Duration::from_millis(20));
    }

    let clean = work.join("clean");
    let built = Command::new(&yanbao)
        .arg("--index")
        .arg(&clean)
        .arg("index")
        .arg(&root)
        .output()?;
    if !built.status.success() {
        bail!("clean build: {}", String::from_utf8_lossy(&built.stderr));
    }
    let expected = snapshot(&yanbao, &clean)?;
    let converge = Instant::now();
    let mut equal = false;
    while converge.elapsed() < Duration::from_secs(120) {
        if snapshot(&yanbao, &index)? == expected {
            equal = true;
            break;
        }
        std::thread::sleep(Duration::from_millis(200));
    }
    let converged = converge.elapsed().as_secs_f64();
    // SAFETY: a signal to our own child process.
    unsafe {
        libc::kill(watch.id() as i32, libc::SIGINT);
    }
    let status = watch.wait()?;

    lags.sort_by(f64::total_cmp);
    let pct = |p: f64| -> f64 {
        if lags.is_empty() {
            return f64::NAN;
        }
        lags[((lags.len() - 1) as f64 * p).round() as usize]
    };
    println!(
        "changes: {} in {applied:.0} s: {} created, {} edited, {} deleted, {} files renamed, {} folders renamed, {} deleted and made again",
        opts.changes, counts[0], counts[1], counts[2], counts[3], counts[4], counts[5]
    );
    println!(
        "lag from change to searchable ({} probes): p50 {:.2} s, p99 {:.2} s, max {:.2} s",
        lags.len(),
        pct(0.5),
        pct(0.99),
        lags.last().copied().unwrap_or(f64::NAN)
    );
    println!(
        "equal to a clean build of {} reports: {} (converged {converged:.1} s after the clean build; stats --json and mentions of every report's mark)",
        tree.files.len(),
        if equal { "yes" } else { "NO" }
    );
    println!(
        "watch exit status after Ctrl-C: {}",
        status.code().unwrap_or(-1)
    );
    if !opts.keep {
        let _ = std::fs::remove_dir_all(&work);
    }
    Ok(equal && status.code() == Some(130))
}

/// A change whose mark is awaited in the index.
struct Probe {
    rel: String,
    mark: String,
    at: Instant,
}

/// Applies one random change; its kind (index into the counts). A probe
/// is made when `want_probe` and the change writes a file; `busy` (the
/// probe's file) is left alone.
fn change(
    tree: &mut Tree,
    rng: &mut ChaCha8Rng,
    busy: Option<&str>,
    want_probe: bool,
    probe: &mut Option<Probe>,
) -> Result<usize> {
    let pick = |tree: &Tree, rng: &mut ChaCha8Rng| -> Option<usize> {
        for _ in 0..8 {
            let i = rng.random_range(0..tree.files.len().max(1));
            if tree.files.get(i).is_some_and(|f| Some(f.as_str()) != busy) {
                return Some(i);
            }
        }
        None
    };
    let roll = rng.random_range(0..100);
    let kind = match roll {
        _ if tree.files.len() < 10 => 0,
        0..40 => 0,
        40..65 => 1,
        65..80 => 2,
        80..95 => 3,
        95..97 => 4,
        _ => 5,
    };
    match kind {
        0 => {
            tree.serial += 1;
            let folder = tree.folders[rng.random_range(0..FOLDERS)].clone();
            let rel = format!("{folder}/n{}.txt", tree.serial);
            let (mark, text) = tree.report(rng);
            tree.write(&rel, &text)?;
            if want_probe {
                *probe = Some(Probe {
                    rel: rel.clone(),
                    mark,
                    at: Instant::now(),
                });
            }
            tree.files.push(rel);
        }
        1 | 5 => {
            let Some(i) = pick(tree, rng) else {
                return Ok(kind);
            };
            let rel = tree.files[i].clone();
            if kind == 5 {
                std::fs::remove_file(tree.root.join(&rel))?;
            }
            let (mark, text) = tree.report(rng);
            tree.write(&rel, &text)?;
            if want_probe {
                *probe = Some(Probe {
                    rel,
                    mark,
                    at: Instant::now(),
                });
            }
        }
        2 => {
            let Some(i) = pick(tree, rng) else {
                return Ok(kind);
            };
            let rel = tree.files.swap_remove(i);
            std::fs::remove_file(tree.root.join(&rel))?;
        }
        3 => {
            let Some(i) = pick(tree, rng) else {
                return Ok(kind);
            };
            tree.serial += 1;
            let folder = tree.folders[rng.random_range(0..FOLDERS)].clone();
            let to = format!("{folder}/m{}.txt", tree.serial);
            std::fs::create_dir_all(tree.root.join(&folder))?;
            std::fs::rename(tree.root.join(&tree.files[i]), tree.root.join(&to))?;
            tree.files[i] = to;
        }
        _ => {
            let i = rng.random_range(0..FOLDERS);
            let from = tree.folders[i].clone();
            if busy.is_some_and(|b| b.starts_with(&format!("{from}/")))
                || !tree.root.join(&from).is_dir()
            {
                return Ok(kind);
            }
            tree.serial += 1;
            let to = format!("d{i:02}v{}", tree.serial);
            std::fs::rename(tree.root.join(&from), tree.root.join(&to))?;
            for f in &mut tree.files {
                if let Some(rest) = f.strip_prefix(&format!("{from}/")) {
                    *f = format!("{to}/{rest}");
                }
            }
            tree.folders[i] = to;
        }
    }
    Ok(kind)
}

/// Asks the index once whether the probe's mark is searchable.
fn poll_probe(
    yanbao: &Path,
    index: &Path,
    probe: &mut Option<Probe>,
    lags: &mut Vec<f64>,
) -> Result<()> {
    let Some(p) = probe else { return Ok(()) };
    let out = Command::new(yanbao)
        .arg("--index")
        .arg(index)
        .args(["mentions", "--count", &p.mark])
        .output()?;
    if out.status.code() == Some(0) {
        lags.push(p.at.elapsed().as_secs_f64());
        *probe = None;
    } else if p.at.elapsed() > Duration::from_secs(120) {
        bail!("{}: mark {} not searchable after 120 s", p.rel, p.mark);
    }
    Ok(())
}

fn start_watch(yanbao: &Path, index: &Path, root: &Path) -> Result<Child> {
    let mut child = Command::new(yanbao)
        .arg("--index")
        .arg(index)
        .args(["index", "--watch"])
        .arg(root)
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .with_context(|| format!("starting {}", yanbao.display()))?;
    let out = child.stdout.take().ok_or_else(|| anyhow!("no stdout"))?;
    let mut lines = BufReader::new(out).lines();
    let first = lines
        .next()
        .ok_or_else(|| anyhow!("yanbao index --watch ended"))??;
    println!("{first}");
    // The commit lines go on being read, so that the pipe never fills.
    std::thread::spawn(move || for _ in lines.map_while(Result::ok) {});
    Ok(child)
}

/// `stats --json` less size and time, and every mark with its report and
/// line (`mentions skm`): a report indexed from stale content shows.
fn snapshot(yanbao: &Path, index: &Path) -> Result<String> {
    let run = |args: &[&str]| -> Result<String> {
        let out = Command::new(yanbao)
            .arg("--index")
            .arg(index)
            .args(args)
            .output()?;
        Ok(String::from_utf8_lossy(&out.stdout).into_owned())
    };
    let mut stats: serde_json::Value = serde_json::from_str(run(&["stats", "--json"])?.trim())?;
    if let Some(o) = stats.as_object_mut() {
        o.remove("index_bytes");
        o.remove("indexed_at");
    }
    Ok(format!("{stats}\n{}", run(&["mentions", "skm"])?))
}
