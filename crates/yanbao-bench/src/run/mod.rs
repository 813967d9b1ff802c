//! Benchmark runner: times a full `yanbao index`, a no-change re-index, single-core jieba-rs
//! throughput on the same text, a plain one-field tantivy + jieba index of the same files (see
//! `plain`), and whole-process query latency next to ripgrep.

use anyhow::{anyhow, bail, Context, Result};
use serde_json::{json, Value};
use std::collections::HashMap;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Instant;
use yanbao::index::folder::disk_size;
use yanbao::index::walk::{walk, SourceFile, PDF_EXTENSION};
use yanbao::text::decode::decode;
use yanbao::text::normalize::{is_han, normalize};

pub const MB: f64 = 1_000_000.0;
/// Above this corpus size jieba is measured on a sample of `JIEBA_SAMPLE` bytes.
const JIEBA_FULL_LIMIT: u64 = 200_000_000;
const JIEBA_SAMPLE: u64 = 100_000_000;
/// Bytes of corpus text read to pick default queries.
const DETECT_SAMPLE: u64 = 4_000_000;
/// Bytes of a child's stdout/stderr kept for parsing and error messages; the rest is only counted.
const HEAD_LIMIT: usize = 64 * 1024;

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

// ---------------------------------------------------------------------------------------------
// Pure helpers (unit-tested)
// ---------------------------------------------------------------------------------------------

/// The `mb_per_s` of each probe run that gave one (a failed run gives none).
fn mb_per_s_each(probes: &[Value]) -> Vec<f64> {
    probes
        .iter()
        .filter_map(|p| p.get("mb_per_s").and_then(Value::as_f64))
        .collect()
}

/// The runs behind a median, one decimal each: "57.1, 55.4, 57.5".
fn one_decimal_list(values: &[f64]) -> String {
    values
        .iter()
        .map(|v| format!("{v:.1}"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// Median; the mean of the two middle values for an even count. NaNs sort last (total order).
pub fn median(values: &[f64]) -> Option<f64> {
    if values.is_empty() {
        return None;
    }
    let mut v = values.to_vec();
    v.sort_by(f64::total_cmp);
    let n = v.len();
    Some(if n % 2 == 1 {
        v[n / 2]
    } else {
        (v[n / 2 - 1] + v[n / 2]) / 2.0
    })
}

/// Parses `KIND=TEXT` from `--query`.
pub fn parse_query(s: &str) -> Result<(String, String)> {
    let (k, t) = s
        .split_once('=')
        .ok_or_else(|| anyhow!("--query expects KIND=TEXT, got {s:?}"))?;
    let (k, t) = (k.trim(), t.trim());
    if k.is_empty() || t.is_empty() {
        bail!("--query expects KIND=TEXT with both parts non-empty, got {s:?}");
    }
    Ok((k.to_string(), t.to_string()))
}

/// The query given to `yanbao search` and the literal term given to `mentions` and `rg -F`.
pub fn query_forms(kind: &str, text: &str) -> (String, String) {
    let term = text.trim().trim_matches('"').to_string();
    let search = if kind == "phrase" && !text.trim().starts_with('"') {
        format!("\"{term}\"")
    } else {
        text.to_string()
    };
    (search, term)
}

/// The count on one line of `rg -c` (`path:count`) or `yanbao mentions --count` (`path<TAB>count`)
/// output; a bare number is a count too.
pub fn count_of_line(l: &[u8]) -> Option<u64> {
    let n = match l.iter().rposition(|&b| b == b':' || b == b'\t') {
        Some(i) => &l[i + 1..],
        None => l,
    };
    std::str::from_utf8(n).ok()?.trim().parse::<u64>().ok()
}

/// Sum of `rg -c` output over all lines.
#[cfg(test)]
pub fn parse_rg_counts(s: &str) -> u64 {
    s.lines().filter_map(|l| count_of_line(l.as_bytes())).sum()
}

/// Terminal display width: CJK and full-width characters take two columns.
pub fn display_width(s: &str) -> usize {
    s.chars()
        .map(|c| match c as u32 {
            0x1100..=0x115F
            | 0x2E80..=0xA4CF
            | 0xAC00..=0xD7A3
            | 0xF900..=0xFAFF
            | 0xFE30..=0xFE4F
            | 0xFF00..=0xFF60
            | 0xFFE0..=0xFFE6
            | 0x20000..=0x3FFFD => 2,
            _ => 1,
        })
        .sum()
}

fn pad(s: &str, width: usize) -> String {
    let w = display_width(s);
    let mut out = s.to_string();
    for _ in w..width {
        out.push(' ');
    }
    out
}

fn lpad(s: &str, width: usize) -> String {
    let w = display_width(s);
    let mut out = String::new();
    for _ in w..width {
        out.push(' ');
    }
    out.push_str(s);
    out
}

/// Cuts to at most `max` display columns, marking the cut with "…".
fn clip(s: &str, max: usize) -> String {
    if display_width(s) <= max {
        return s.to_string();
    }
    let mut out = String::new();
    for c in s.chars() {
        if display_width(&out) + display_width(c.encode_utf8(&mut [0; 4])) + 1 > max {
            break;
        }
        out.push(c);
    }
    out.push('…');
    out
}

pub fn fmt_mb(bytes: u64) -> String {
    format!("{:.1} MB", bytes as f64 / MB)
}

fn fmt_secs(s: f64) -> String {
    if s < 10.0 {
        format!("{s:.3} s")
    } else {
        format!("{s:.1} s")
    }
}

fn fmt_ms(v: Option<f64>) -> String {
    match v {
        Some(ms) if ms >= 100.0 => format!("{ms:.0}"),
        Some(ms) => format!("{ms:.1}"),
        None => "-".to_string(),
    }
}

pub fn ratio(num: Option<f64>, den: Option<f64>) -> Option<f64> {
    match (num, den) {
        (Some(a), Some(b)) if b > 0.0 && a.is_finite() => Some(a / b),
        _ => None,
    }
}

fn fmt_ratio(r: Option<f64>) -> String {
    match r {
        Some(x) if x >= 10.0 => format!("{x:.0}x"),
        Some(x) => format!("{x:.1}x"),
        None => "-".to_string(),
    }
}

fn fmt_count(n: Option<u64>) -> String {
    match n {
        None => "-".to_string(),
        Some(n) => {
            let s = n.to_string();
            let mut out = String::new();
            for (i, c) in s.chars().enumerate() {
                if i > 0 && (s.len() - i) % 3 == 0 {
                    out.push(',');
                }
                out.push(c);
            }
            out
        }
    }
}

/// Deterministic, evenly spread subset of files totalling about `target` bytes.
pub fn pick_sample(sizes: &[u64], target: u64) -> Vec<usize> {
    let total: u64 = sizes.iter().sum();
    if total <= target {
        return (0..sizes.len()).collect();
    }
    // Integer accumulator: every file adds target/total of a pick, so picks are evenly spaced and
    // their expected total size is `target`.
    let (mut acc, total, target) = (0u128, total as u128, target as u128);
    let mut out = Vec::new();
    for i in 0..sizes.len() {
        acc += target;
        if acc >= total {
            acc -= total;
            out.push(i);
        }
    }
    out
}

/// Highest count; ties go to the smallest string so the choice is deterministic.
fn most_frequent(counts: &HashMap<String, usize>) -> Option<String> {
    counts
        .iter()
        .max_by(|a, b| a.1.cmp(b.1).then_with(|| b.0.cmp(a.0)))
        .map(|(k, _)| k.clone())
}

const WORD_CANDIDATES: &[&str] = &["芯片", "半导体", "医药", "银行", "汽车"];
const PHRASE_CANDIDATES: &[&str] = &["市场竞争加剧", "下游需求不及预期", "盈利预测与投资建议"];
const COMMON_CANDIDATES: &[&str] = &["风险", "公司", "增长"];

/// Picks the default query mix from corpus text fed file by file, so the harness never holds the
/// whole sample in memory (its own peak RSS is inherited by the children it spawns, see `measure`).
#[derive(Default)]
pub struct Detector {
    tickers: HashMap<String, usize>,
    companies: HashMap<String, usize>,
    present: Vec<&'static str>,
}

impl Detector {
    /// Counts `NNNNNN.SH|SZ` tickers (as spelled, for `rg -F`) and the Han run written just
    /// before `(NNNNNN...)` or `（NNNNNN...）`, and notes which fixed candidates occur in the text
    /// as yanbao normalizes it (so a candidate broken by a line break counts, as yanbao finds it).
    pub fn feed(&mut self, text: &str) {
        let b = text.as_bytes();
        let mut i = 0;
        while i + 9 <= b.len() {
            let digits = b[i..i + 6].iter().all(u8::is_ascii_digit);
            let starts = i == 0 || !b[i - 1].is_ascii_digit();
            if !(digits && starts) {
                i += 1;
                continue;
            }
            let suffix = &b[i + 6..i + 9];
            if suffix.eq_ignore_ascii_case(b".SH") || suffix.eq_ignore_ascii_case(b".SZ") {
                // All nine bytes are ASCII, so the slice is on char boundaries.
                *self.tickers.entry(text[i..i + 9].to_string()).or_default() += 1;
            }
            let before = &text[..i];
            if let Some(rest) = before
                .strip_suffix('(')
                .or_else(|| before.strip_suffix('（'))
            {
                let mut v: Vec<char> = rest
                    .chars()
                    .rev()
                    .take_while(|&c| is_han(c))
                    .take(8)
                    .collect();
                v.reverse();
                if v.len() >= 2 {
                    *self.companies.entry(v.into_iter().collect()).or_default() += 1;
                }
            }
            i += 6;
        }
        let flat = normalize(text);
        for c in WORD_CANDIDATES
            .iter()
            .chain(PHRASE_CANDIDATES)
            .chain(COMMON_CANDIDATES)
        {
            if !self.present.contains(c) && flat.contains(c) {
                self.present.push(c);
            }
        }
    }

    /// Most frequent ticker regardless of case; its upper-case spelling when the text has it.
    pub fn ticker(&self) -> Option<String> {
        let mut groups: HashMap<String, usize> = HashMap::new();
        for (k, n) in &self.tickers {
            *groups.entry(k.to_ascii_uppercase()).or_default() += n;
        }
        let best = most_frequent(&groups)?;
        if self.tickers.contains_key(&best) {
            return Some(best);
        }
        let spellings: HashMap<String, usize> = self
            .tickers
            .iter()
            .filter(|(k, _)| k.to_ascii_uppercase() == best)
            .map(|(k, n)| (k.clone(), *n))
            .collect();
        most_frequent(&spellings)
    }

    pub fn company(&self) -> Option<String> {
        most_frequent(&self.companies)
    }

    /// Default query mix: fixed candidates that most Chinese research corpora contain, with the
    /// ticker and company taken from the corpus so that they have hits in synthetic and real text.
    pub fn queries(&self) -> Vec<(String, String)> {
        let first = |cands: &[&str], fallback: &str| -> String {
            cands
                .iter()
                .find(|c| self.present.contains(c))
                .map(|c| c.to_string())
                .unwrap_or_else(|| fallback.to_string())
        };
        vec![
            ("word".into(), first(WORD_CANDIDATES, "公司")),
            (
                "company".into(),
                self.company().unwrap_or_else(|| "贵州茅台".into()),
            ),
            (
                "ticker".into(),
                self.ticker().unwrap_or_else(|| "600519.SH".into()),
            ),
            (
                "phrase".into(),
                format!("\"{}\"", first(PHRASE_CANDIDATES, "投资建议")),
            ),
            ("common".into(), first(COMMON_CANDIDATES, "风险")),
        ]
    }
}

/// `Detector` over a single text.
#[cfg(test)]
pub fn default_queries(sample: &str) -> Vec<(String, String)> {
    let mut d = Detector::default();
    d.feed(sample);
    d.queries()
}

/// Applies `--query KIND=TEXT` overrides: a known kind is replaced in place, a new kind appended.
pub fn apply_overrides(
    mut base: Vec<(String, String)>,
    overrides: &[(String, String)],
) -> Vec<(String, String)> {
    for (k, t) in overrides {
        match base.iter_mut().find(|(bk, _)| bk == k) {
            Some(slot) => slot.1 = t.clone(),
            None => base.push((k.clone(), t.clone())),
        }
    }
    base
}

/// Parses `yanbao stats --json` loosely: missing fields are simply absent.
pub fn parse_stats(s: &str) -> Option<Value> {
    let v: Value = serde_json::from_str(s.trim()).ok()?;
    v.is_object().then_some(v)
}

// ---------------------------------------------------------------------------------------------
// Processes
// ---------------------------------------------------------------------------------------------

#[derive(Debug, Clone)]
pub struct Measured {
    pub secs: f64,
    pub code: Option<i32>,
    pub signal: Option<i32>,
    pub maxrss_kb: u64,
    /// User plus system CPU time of the child (and its waited-for children).
    pub cpu_secs: f64,
    pub stdout_bytes: u64,
    /// Sum of trailing `:N` / `<TAB>N` counts over all stdout lines (`rg -c`, `mentions --count`).
    pub stdout_count_sum: u64,
    pub stdout_head: String,
    pub stderr_head: String,
}

impl Measured {
    fn describe(&self) -> String {
        match (self.code, self.signal) {
            (Some(c), _) => format!("exit code {c}"),
            (None, Some(s)) => format!("killed by signal {s}"),
            _ => "unknown status".into(),
        }
    }
}

struct Drained {
    total: u64,
    head: Vec<u8>,
    /// Sum of per-line trailing counts over every line, since the output can exceed the head.
    count_sum: u64,
}

fn drain(mut r: impl Read) -> Drained {
    let mut d = Drained {
        total: 0,
        head: Vec::new(),
        count_sum: 0,
    };
    let mut buf = vec![0u8; 64 * 1024];
    let mut partial: Vec<u8> = Vec::new();
    loop {
        match r.read(&mut buf) {
            Ok(0) => break,
            Ok(n) => {
                let chunk = &buf[..n];
                d.total += n as u64;
                if d.head.len() < HEAD_LIMIT {
                    let take = n.min(HEAD_LIMIT - d.head.len());
                    d.head.extend_from_slice(&chunk[..take]);
                }
                let mut rest = chunk;
                while let Some(i) = rest.iter().position(|&b| b == b'\n') {
                    partial.extend_from_slice(&rest[..i]);
                    d.count_sum += count_of_line(&partial).unwrap_or(0);
                    partial.clear();
                    rest = &rest[i + 1..];
                }
                // Lines longer than any count line are not counts; stop buffering them.
                if partial.len() < 4096 {
                    partial.extend_from_slice(rest);
                }
            }
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(_) => break,
        }
    }
    d.count_sum += count_of_line(&partial).unwrap_or(0);
    d
}

/// Runs a command to completion, timing it from spawn to exit and reading its peak RSS via wait4.
/// Linux caveat: a child spawned with vfork/posix_spawn starts with the parent's peak RSS as its
/// own, so the harness keeps its memory small and reports its own peak next to the figures.
/// Stdout goes to a pipe that is drained, not to /dev/null: ripgrep stops at the first match when it
/// sees /dev/null, which would make its timings meaningless.
pub fn measure(cmd: &mut Command) -> Result<Measured> {
    cmd.stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let t0 = Instant::now();
    let mut child = cmd.spawn().with_context(|| format!("starting {cmd:?}"))?;
    let out = child
        .stdout
        .take()
        .ok_or_else(|| anyhow!("no stdout pipe"))?;
    let err = child
        .stderr
        .take()
        .ok_or_else(|| anyhow!("no stderr pipe"))?;
    let h_out = std::thread::spawn(move || drain(out));
    let h_err = std::thread::spawn(move || drain(err));
    let pid = child.id() as libc::pid_t;
    let mut status: libc::c_int = 0;
    // SAFETY: rusage is plain old data; zeroed is a valid value and wait4 fills it in.
    let mut ru: libc::rusage = unsafe { std::mem::zeroed() };
    loop {
        // SAFETY: pid is our own unreaped child; status and ru are valid for writes.
        let r = unsafe { libc::wait4(pid, &mut status, 0, &mut ru) };
        if r == pid {
            break;
        }
        let e = std::io::Error::last_os_error();
        if e.kind() != std::io::ErrorKind::Interrupted {
            return Err(anyhow!("wait4 failed: {e}"));
        }
    }
    let secs = t0.elapsed().as_secs_f64();
    let empty = || Drained {
        total: 0,
        head: Vec::new(),
        count_sum: 0,
    };
    let out = h_out.join().unwrap_or_else(|_| empty());
    let err = h_err.join().unwrap_or_else(|_| empty());
    let (code, signal) = if libc::WIFEXITED(status) {
        (Some(libc::WEXITSTATUS(status)), None)
    } else if libc::WIFSIGNALED(status) {
        (None, Some(libc::WTERMSIG(status)))
    } else {
        (None, None)
    };
    // Linux reports ru_maxrss in KiB, macOS in bytes.
    let maxrss = ru.ru_maxrss.max(0) as u64;
    let maxrss_kb = if cfg!(target_os = "macos") {
        maxrss / 1024
    } else {
        maxrss
    };
    let tv = |t: libc::timeval| t.tv_sec as f64 + t.tv_usec as f64 / 1e6;
    Ok(Measured {
        secs,
        code,
        signal,
        maxrss_kb,
        cpu_secs: tv(ru.ru_utime) + tv(ru.ru_stime),
        stdout_bytes: out.total,
        stdout_count_sum: out.count_sum,
        stdout_head: String::from_utf8_lossy(&out.head).into_owned(),
        stderr_head: String::from_utf8_lossy(&err.head).into_owned(),
    })
}

/// One warm-up run, then `runs` measured ones. `ok` decides which exit statuses are acceptable.
fn repeat(
    mk: &dyn Fn() -> Command,
    runs: usize,
    ok: &dyn Fn(&Measured) -> bool,
) -> Result<Vec<Measured>> {
    let warm = measure(&mut mk())?;
    if !ok(&warm) {
        return Ok(vec![warm]);
    }
    let mut v = Vec::with_capacity(runs);
    for _ in 0..runs {
        let m = measure(&mut mk())?;
        let bad = !ok(&m);
        v.push(m);
        if bad {
            break;
        }
    }
    Ok(v)
}

fn series_json(ms: &[Measured]) -> Value {
    let times: Vec<f64> = ms.iter().map(|m| m.secs * 1000.0).collect();
    let last = ms.last();
    json!({
        "median_ms": median(&times),
        "runs_ms": times,
        "peak_rss_kb": ms.iter().map(|m| m.maxrss_kb).max(),
        "exit_code": last.and_then(|m| m.code),
        "output_bytes": last.map(|m| m.stdout_bytes),
    })
}

// ---------------------------------------------------------------------------------------------
// Corpus
// ---------------------------------------------------------------------------------------------

/// The report files under `dir` as `yanbao index` finds them: the library's walk (hidden
/// entries skipped, symbolic links followed); what it cannot read is said on stderr and left out.
fn report_files(dir: &Path) -> Vec<SourceFile> {
    walk(dir, None, &mut |w| eprintln!("yanbao-bench: {w}"))
}

fn is_pdf(path: &Path) -> bool {
    path.extension()
        .is_some_and(|x| x.eq_ignore_ascii_case(PDF_EXTENSION))
}

/// The .txt/.md report files under `dir` (see `report_files`), sorted by path, with their sizes.
pub fn corpus_files(dir: &Path) -> Vec<(PathBuf, u64)> {
    let mut out: Vec<(PathBuf, u64)> = report_files(dir)
        .into_iter()
        .filter(|f| !is_pdf(&f.abs))
        .map(|f| (f.abs, f.size))
        .collect();
    // By path, not by the walk's `/`-joined relative path: the order samples are picked in.
    out.sort();
    out
}

/// A file's text as both probes read it: decoded as `yanbao index` decodes it (UTF-8, GB18030,
/// UTF-16; invalid bytes replaced); with the number of bytes read. `None` if the file cannot be
/// read or is not text.
pub fn read_text(path: &Path) -> Option<(String, u64)> {
    let b = std::fs::read(path).ok()?;
    let n = b.len() as u64;
    let text = decode(&b).ok()?.text.into_owned();
    Some((text, n))
}

fn read_texts(files: &[(PathBuf, u64)], idx: &[usize]) -> Vec<String> {
    idx.iter()
        .filter_map(|&i| files.get(i))
        .filter_map(|(p, _)| read_text(p))
        .map(|(t, _)| t)
        .collect()
}

/// The hidden `jieba-probe` subcommand: prints the jieba figures for `corpus` as JSON.
pub fn jieba_probe(corpus: &Path) -> Result<()> {
    let files = corpus_files(corpus);
    let total = files.iter().map(|f| f.1).sum();
    println!("{}", jieba_throughput(&files, total));
    Ok(())
}

/// Single-core jieba-rs on the corpus, in a child process so that the
/// dictionary and the sample never raise this process's peak RSS (which
/// children inherit, see `measure`). Empty JSON if the probe fails.
fn jieba_probe_child(corpus: &Path) -> Result<Value> {
    let exe = match std::env::current_exe() {
        Ok(exe) => exe,
        Err(e) => {
            eprintln!("jieba probe skipped: {e}");
            return Ok(json!({}));
        }
    };
    let m = measure(
        Command::new(exe)
            .arg("jieba-probe")
            .arg("--corpus")
            .arg(corpus),
    )?;
    Ok(match serde_json::from_str::<Value>(m.stdout_head.trim()) {
        Ok(v) if m.code == Some(0) => v,
        _ => {
            eprintln!(
                "jieba probe failed ({}): {}",
                m.describe(),
                m.stderr_head.trim()
            );
            json!({})
        }
    })
}

/// The plain one-field tantivy + jieba indexer on the whole corpus (see `plain`), in a child
/// process like the jieba probe, building its index in `work`. Never fails the run: a failed
/// probe gives `{"error": reason}`, and the reason is also printed on stderr.
fn plain_probe_child(corpus: &Path, work: &Path) -> Value {
    let failed = |why: String| {
        eprintln!("plain indexer probe failed ({why})");
        json!({ "error": why })
    };
    let exe = match std::env::current_exe() {
        Ok(exe) => exe,
        Err(e) => return failed(e.to_string()),
    };
    let m = match measure(
        Command::new(exe)
            .arg("plain-probe")
            .arg("--corpus")
            .arg(corpus)
            .arg("--work")
            .arg(work),
    ) {
        Ok(m) => m,
        Err(e) => return failed(format!("{e:#}")),
    };
    match serde_json::from_str::<Value>(m.stdout_head.trim()) {
        Ok(mut v) if m.code == Some(0) && v.is_object() => {
            // Whole child process, dictionary load and corpus walk included. CPU time
            // can exceed wall time: besides the one indexing thread, the main thread
            // reads the files and tantivy compresses the doc store and merges on
            // threads of its own.
            v["process_seconds"] = json!(m.secs);
            v["process_cpu_seconds"] = json!(m.cpu_secs);
            v["peak_rss_kb"] = json!(m.maxrss_kb);
            v
        }
        _ => {
            let err = m.stderr_head.trim();
            let last = err.lines().last().unwrap_or("").trim();
            failed(format!("{}: {}", m.describe(), clip(last, 200)))
        }
    }
}

/// Peak RSS of this process so far, in KiB.
fn self_peak_rss_kb() -> u64 {
    // SAFETY: rusage is plain old data and getrusage only writes into it.
    let mut ru: libc::rusage = unsafe { std::mem::zeroed() };
    // SAFETY: valid pointer to a rusage owned by this frame.
    if unsafe { libc::getrusage(libc::RUSAGE_SELF, &mut ru) } != 0 {
        return 0;
    }
    let v = ru.ru_maxrss.max(0) as u64;
    if cfg!(target_os = "macos") {
        v / 1024
    } else {
        v
    }
}

fn jieba_throughput(files: &[(PathBuf, u64)], total: u64) -> Value {
    let sizes: Vec<u64> = files.iter().map(|f| f.1).collect();
    let sampled = total > JIEBA_FULL_LIMIT;
    let idx = if sampled {
        pick_sample(&sizes, JIEBA_SAMPLE)
    } else {
        (0..files.len()).collect()
    };
    let texts = read_texts(files, &idx);
    let bytes: u64 = texts.iter().map(|t| t.len() as u64).sum();
    let t0 = Instant::now();
    let jieba = jieba_rs::Jieba::new();
    let load = t0.elapsed().as_secs_f64();
    let t1 = Instant::now();
    let mut tokens = 0usize;
    for t in &texts {
        tokens += jieba.cut(t, true).len();
    }
    let secs = t1.elapsed().as_secs_f64();
    json!({
        "mb_per_s": if secs > 0.0 { Some(bytes as f64 / MB / secs) } else { None },
        "seconds": secs,
        "sample_bytes": bytes,
        "sample_files": texts.len(),
        "sampled": sampled,
        "dict_load_seconds": load,
        "tokens": tokens,
    })
}

/// PDF extraction throughput: each .pdf of the corpus extracted as
/// `yanbao index` does it (one `yanbao __extract-pdf` process per file),
/// one file after another. `None` when the corpus has no PDF.
fn pdf_extraction(yanbao: &Path, corpus: &Path) -> Option<String> {
    let pdfs: Vec<PathBuf> = report_files(corpus)
        .into_iter()
        .map(|f| f.abs)
        .filter(|p| is_pdf(p))
        .collect();
    if pdfs.is_empty() {
        return None;
    }
    let (mut bytes, mut pages, mut failed) = (0u64, 0usize, 0usize);
    let started = std::time::Instant::now();
    for p in &pdfs {
        bytes += std::fs::metadata(p).map(|m| m.len()).unwrap_or(0);
        match Command::new(yanbao).arg("__extract-pdf").arg(p).output() {
            Ok(out) if out.status.success() => {
                let v: Value = serde_json::from_slice(&out.stdout).unwrap_or(Value::Null);
                pages += v["page_starts"].as_array().map(|a| a.len()).unwrap_or(0);
            }
            _ => failed += 1,
        }
    }
    let secs = started.elapsed().as_secs_f64().max(1e-9);
    Some(format!(
        "PDF extraction\n  {} files ({} without usable text), {}, {} pages in {:.2} s: {:.1} MB/s, {:.0} pages/s (one process per file, sequential)",
        pdfs.len(),
        failed,
        fmt_mb(bytes),
        pages,
        secs,
        bytes as f64 / 1e6 / secs,
        pages as f64 / secs
    ))
}

fn rg_version(rg: &Path) -> Option<String> {
    let out = Command::new(rg)
        .arg("--version")
        .stdin(Stdio::null())
        .output()
        .ok()?;
    if !out.status.success() {
        return None;
    }
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .next()
        .map(|s| s.trim().to_string())
}

fn default_yanbao() -> Result<PathBuf> {
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

// ---------------------------------------------------------------------------------------------
// The run
// ---------------------------------------------------------------------------------------------

struct QueryResult {
    kind: String,
    text: String,
    search: Vec<Measured>,
    rg_search: Option<Vec<Measured>>,
    mentions: Vec<Measured>,
    rg_count: Option<Vec<Measured>>,
}

fn med_ms(v: &[Measured]) -> Option<f64> {
    let t: Vec<f64> = v.iter().map(|m| m.secs * 1000.0).collect();
    median(&t)
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
    let (work, own_work) = match &opts.work {
        Some(w) => (w.clone(), false),
        None => (
            std::env::temp_dir().join(format!("yanbao-bench-{}", std::process::id())),
            true,
        ),
    };
    std::fs::create_dir_all(&work).with_context(|| format!("creating {}", work.display()))?;
    let index = work.join("yanbao-bench-index");
    if index.exists() {
        std::fs::remove_dir_all(&index)
            .with_context(|| format!("removing old {}", index.display()))?;
    }
    let result = run_in(opts, runs, &yanbao, &corpus, &work, &index);
    if own_work && !opts.keep {
        let _ = std::fs::remove_dir_all(&work);
    } else {
        println!("index kept at {}", index.display());
    }
    result
}

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
    let pdf = pdf_extraction(yanbao, corpus);
    if files.is_empty() {
        if let Some(line) = &pdf {
            println!("{line}");
        }
        bail!("no .txt/.md files under {}", corpus.display());
    }
    // Warm the page cache so the build measures indexing, not the disk.
    let mut buf = vec![0u8; 1 << 20];
    for (p, _) in &files {
        if let Ok(mut f) = std::fs::File::open(p) {
            while matches!(f.read(&mut buf), Ok(n) if n > 0) {}
        }
    }
    let rg_ver = rg_version(&opts.rg);
    let cores = std::thread::available_parallelism()
        .map(|n| n.get())
        .unwrap_or(1);

    println!(
        "yanbao-bench run{}",
        if opts.short { " --short" } else { "" }
    );
    println!(
        "  corpus   {}: {} files (.txt/.md), {}",
        corpus.display(),
        fmt_count(Some(files.len() as u64)),
        fmt_mb(corpus_bytes)
    );
    println!("  yanbao   {}", yanbao.display());
    match &rg_ver {
        Some(v) => println!("  rg       {v}"),
        None => println!(
            "  rg       not installed ({}): rg columns skipped",
            opts.rg.display()
        ),
    }
    println!("  machine  {cores} cores; page cache warmed; timings are whole-process wall clock");
    println!();

    let yb = |args: &[&str]| -> Command {
        let mut c = Command::new(yanbao);
        c.arg("--index").arg(index);
        c.args(args);
        c
    };
    let corpus_arg = corpus.to_string_lossy().into_owned();

    // Full builds, alternating with single-core jieba-rs on the same text and
    // with the plain indexer on the same files, so that all see the same
    // machine; medians of each.
    let mut builds = Vec::new();
    let mut jiebas = Vec::new();
    let mut plains = Vec::new();
    for k in 0..opts.builds.max(1) {
        if k > 0 {
            std::fs::remove_dir_all(index)
                .with_context(|| format!("removing {}", index.display()))?;
        }
        let build = measure(&mut yb(&["index", &corpus_arg]))?;
        if build.code != Some(0) {
            eprintln!(
                "yanbao index failed ({}):\n{}",
                build.describe(),
                build.stderr_head.trim_end()
            );
            bail!("yanbao index failed ({})", build.describe());
        }
        builds.push(build);
        jiebas.push(jieba_probe_child(corpus)?);
        plains.push(plain_probe_child(corpus, work));
    }
    let build_secs: Vec<f64> = builds.iter().map(|b| b.secs).collect();
    let build_median = median(&build_secs).unwrap_or(0.0);
    let peak_rss_kb = builds.iter().map(|b| b.maxrss_kb).max().unwrap_or(0);
    let build = builds.pop().expect("at least one build");
    let index_bytes = disk_size(index);
    let build_mbps = corpus_bytes as f64 / MB / build_median.max(1e-9);
    let stats_m = measure(&mut yb(&["stats", "--json"]))?;
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
    let reindex = measure(&mut yb(&["index", &corpus_arg]))?;
    if reindex.code != Some(0) {
        failures.push(format!(
            "yanbao index (re-index): {}: {}",
            reindex.describe(),
            reindex.stderr_head.trim()
        ));
    }
    let reindex_pct = 100.0 * reindex.secs / build_median.max(1e-9);

    println!("Index build");
    println!(
        "  full build             {:>10}   {:>7.1} MB/s   peak RSS {:.1} MB   (median of {}: {})",
        fmt_secs(build_median),
        build_mbps,
        peak_rss_kb as f64 / 1024.0,
        build_secs.len(),
        build_secs
            .iter()
            .map(|s| fmt_secs(*s).trim().to_string())
            .collect::<Vec<_>>()
            .join(", ")
    );
    let stat_note = stats
        .as_ref()
        .map(|s| {
            let g = |k: &str| s.get(k).and_then(Value::as_u64);
            format!(
                "   (stats: {} reports, {} passages)",
                fmt_count(g("reports")),
                fmt_count(g("passages"))
            )
        })
        .unwrap_or_default();
    println!(
        "  index size             {:>10}   {:.2}x corpus{stat_note}",
        fmt_mb(index_bytes),
        index_bytes as f64 / corpus_bytes.max(1) as f64
    );
    if let Some(last) = build
        .stdout_head
        .lines()
        .rev()
        .find(|l| !l.trim().is_empty())
    {
        println!("  yanbao index said      {}", clip(last.trim(), 90));
    }
    println!(
        "  re-index (no change)   {:>10}   {:.1}% of full build",
        fmt_secs(reindex.secs),
        reindex_pct
    );

    let jieba_runs = mb_per_s_each(&jiebas);
    let jieba = jiebas.pop().unwrap_or_else(|| json!({}));
    let jieba_mbps = median(&jieba_runs);
    let build_pct = ratio(Some(build_mbps), jieba_mbps).map(|r| r * 100.0);
    let sample_note = if jieba
        .get("sampled")
        .and_then(Value::as_bool)
        .unwrap_or(false)
    {
        format!(
            "on a deterministic {} sample of the corpus",
            fmt_mb(
                jieba
                    .get("sample_bytes")
                    .and_then(Value::as_u64)
                    .unwrap_or(0)
            )
        )
    } else {
        "on the whole corpus".to_string()
    };
    println!(
        "  jieba-rs cut (1 core)  {:>7.1} MB/s  {sample_note} (median of {}: {}; dictionary load {:.2} s, excluded)",
        jieba_mbps.unwrap_or(0.0),
        jieba_runs.len(),
        one_decimal_list(&jieba_runs),
        jieba
            .get("dict_load_seconds")
            .and_then(Value::as_f64)
            .unwrap_or(0.0)
    );
    println!(
        "  build vs jieba         {:>10}   build MB/s as % of single-core jieba cut MB/s",
        build_pct
            .map(|p| format!("{p:.0}%"))
            .unwrap_or_else(|| "-".into())
    );

    let plain_runs = mb_per_s_each(&plains);
    let plain_mbps = median(&plain_runs);
    // The last run that succeeded, else the last failure.
    let plain = plains
        .iter()
        .rev()
        .find(|p| p.get("mb_per_s").is_some_and(Value::is_f64))
        .or(plains.last())
        .cloned()
        .unwrap_or_else(|| json!({}));
    let build_over_plain = ratio(Some(build_mbps), plain_mbps);
    match plain_mbps {
        Some(mbps) => {
            let g = |k: &str| plain.get(k).and_then(Value::as_f64).unwrap_or(0.0);
            let index_bytes = plain
                .get("index_bytes")
                .and_then(Value::as_u64)
                .unwrap_or(0);
            println!(
                "  plain 1-field indexer  {:>7.1} MB/s  one text field (jieba cut words, positions, stored), 1 indexing thread, whole corpus (median of {}: {})",
                mbps,
                plain_runs.len(),
                one_decimal_list(&plain_runs),
            );
            println!(
                "                                       timed: reading files, indexing, commit, merges; dictionary load {:.2} s excluded; index {} ({:.2}x corpus)",
                g("dict_load_seconds"),
                fmt_mb(index_bytes),
                index_bytes as f64 / corpus_bytes.max(1) as f64
            );
        }
        None => println!(
            "  plain 1-field indexer          -   probe failed: {}",
            clip(
                plain
                    .get("error")
                    .and_then(Value::as_str)
                    .unwrap_or("no output"),
                100
            )
        ),
    }
    println!(
        "  build vs plain indexer {:>10}   yanbao build MB/s / plain indexer MB/s",
        build_over_plain
            .map(|r| format!("{r:.2}x"))
            .unwrap_or_else(|| "-".into())
    );
    println!();

    // Queries.
    let sizes: Vec<u64> = files.iter().map(|f| f.1).collect();
    let mut detector = Detector::default();
    for i in pick_sample(&sizes, DETECT_SAMPLE) {
        if let Some((t, _)) = files.get(i).and_then(|(p, _)| read_text(p)) {
            detector.feed(&t);
        }
    }
    let overrides: Vec<(String, String)> = opts
        .queries
        .iter()
        .map(|q| parse_query(q))
        .collect::<Result<_>>()?;
    let queries = apply_overrides(detector.queries(), &overrides);
    let harness_rss_kb = self_peak_rss_kb();
    let yb_ok = |m: &Measured| matches!(m.code, Some(0) | Some(1));
    let rg_ok = |m: &Measured| matches!(m.code, Some(0) | Some(1));
    let mut results = Vec::new();
    for (kind, text) in &queries {
        let (search_q, term) = query_forms(kind, text);
        let search = repeat(
            &|| yb(&["search", &search_q, "--limit", "10"]),
            runs,
            &yb_ok,
        )?;
        if let Some(bad) = search.iter().find(|m| !yb_ok(m)) {
            failures.push(format!(
                "yanbao search {search_q}: {}: {}",
                bad.describe(),
                bad.stderr_head.trim()
            ));
        }
        let mentions = repeat(&|| yb(&["mentions", &term, "--count"]), runs, &yb_ok)?;
        if let Some(bad) = mentions.iter().find(|m| !yb_ok(m)) {
            failures.push(format!(
                "yanbao mentions {term}: {}: {}",
                bad.describe(),
                bad.stderr_head.trim()
            ));
        }
        let rg = |extra: &[&str]| -> Command {
            let mut c = Command::new(&opts.rg);
            c.args(extra).arg("-F").arg("--").arg(&term).arg(corpus);
            c
        };
        let (rg_search, rg_count) = if rg_ver.is_some() {
            (
                Some(repeat(&|| rg(&[]), runs, &rg_ok)?),
                Some(repeat(&|| rg(&["-c"]), runs, &rg_ok)?),
            )
        } else {
            (None, None)
        };
        results.push(QueryResult {
            kind: kind.clone(),
            text: text.clone(),
            search,
            rg_search,
            mentions,
            rg_count,
        });
    }

    match &pdf {
        Some(line) => println!("{line}\n"),
        None => println!("PDF extraction: no .pdf files in the corpus\n"),
    }
    println!(
        "Queries: median whole-process latency in ms over {runs} runs (after one warm-up run)"
    );
    let header = [
        pad("kind", 8),
        pad("query", 22),
        lpad("search", 8),
        lpad("rg -F", 8),
        lpad("rg/yb", 6),
        " |".into(),
        lpad("mentions", 9),
        lpad("rg -c", 8),
        lpad("rg/yb", 6),
        " |".into(),
        lpad("count", 11),
        lpad("rg lines", 11),
    ]
    .concat();
    println!("  {header}");
    let mut qjson = Vec::new();
    for r in &results {
        let failed = |v: &[Measured]| v.iter().any(|m| !matches!(m.code, Some(0) | Some(1)));
        let cell = |v: &[Measured], med: Option<f64>| {
            if failed(v) {
                "FAIL".to_string()
            } else {
                fmt_ms(med)
            }
        };
        let s = med_ms(&r.search).filter(|_| !failed(&r.search));
        let rs = r.rg_search.as_deref().and_then(med_ms);
        let m = med_ms(&r.mentions).filter(|_| !failed(&r.mentions));
        let rc = r.rg_count.as_deref().and_then(med_ms);
        let count = r
            .mentions
            .last()
            .filter(|x| matches!(x.code, Some(0) | Some(1)))
            .map(|x| x.stdout_count_sum);
        let rg_lines = r
            .rg_count
            .as_ref()
            .and_then(|v| v.last())
            .map(|x| x.stdout_count_sum);
        let line = [
            pad(&r.kind, 8),
            pad(&clip(&r.text, 21), 22),
            lpad(&cell(&r.search, s), 8),
            lpad(&fmt_ms(rs), 8),
            lpad(&fmt_ratio(ratio(rs, s)), 6),
            " |".into(),
            lpad(&cell(&r.mentions, m), 9),
            lpad(&fmt_ms(rc), 8),
            lpad(&fmt_ratio(ratio(rc, m)), 6),
            " |".into(),
            // Wide enough for counts in the millions (1 GB corpora).
            lpad(&fmt_count(count), 11),
            lpad(&fmt_count(rg_lines), 11),
        ]
        .concat();
        println!("  {line}");
        qjson.push(json!({
            "kind": r.kind,
            "text": r.text,
            "search": series_json(&r.search),
            "rg_search": r.rg_search.as_deref().map(series_json),
            "mentions": series_json(&r.mentions),
            "mentions_count": count,
            "rg_count": r.rg_count.as_deref().map(series_json),
            "rg_matching_lines": rg_lines,
            "ratio_search_rg_over_yanbao": ratio(rs, s),
            "ratio_mentions_rg_over_yanbao": ratio(rc, m),
        }));
    }
    println!("  count = yanbao mentions --count; rg lines = sum of rg -F -c (matching lines in raw files)");
    println!("  stdout of every command is drained through a pipe (rg stops early when writing to /dev/null)");
    let search_rss = results
        .iter()
        .flat_map(|r| r.search.iter().map(|m| m.maxrss_kb))
        .max()
        .unwrap_or(0);
    println!(
        "  peak RSS of yanbao search: {:.1} MB (harness itself: {:.1} MB, a floor for child figures on Linux)",
        search_rss as f64 / 1024.0,
        harness_rss_kb as f64 / 1024.0
    );

    if !failures.is_empty() {
        println!();
        println!("FAILED yanbao commands:");
        for f in &failures {
            println!("  {f}");
        }
    }

    if let Some(path) = &opts.json {
        let doc = json!({
            "corpus": {"path": corpus, "files": files.len(), "bytes": corpus_bytes},
            "yanbao": yanbao,
            "rg": rg_ver,
            "runs": runs,
            "short": opts.short,
            "cores": cores,
            "build": {
                "seconds": build_median,
                "seconds_each": build_secs,
                "mb_per_s": build_mbps,
                "peak_rss_kb": peak_rss_kb,
                "index_bytes": index_bytes,
                "index_to_corpus": index_bytes as f64 / corpus_bytes.max(1) as f64,
                "stdout": build.stdout_head.trim(),
                "stats": stats,
            },
            "reindex": {
                "seconds": reindex.secs,
                "percent_of_full": reindex_pct,
                "peak_rss_kb": reindex.maxrss_kb,
                "exit_code": reindex.code,
            },
            "jieba": jieba,
            "jieba_mb_per_s_each": jieba_runs,
            "jieba_mb_per_s_median": jieba_mbps,
            "build_percent_of_jieba": build_pct,
            "plain_indexer": plain,
            "plain_indexer_mb_per_s_each": plain_runs,
            "plain_indexer_mb_per_s_median": plain_mbps,
            "build_over_plain_indexer": build_over_plain,
            "queries": qjson,
            "harness_peak_rss_kb": harness_rss_kb,
            "failures": failures,
        });
        let s = serde_json::to_string_pretty(&doc)?;
        std::fs::write(path, s).with_context(|| format!("writing {}", path.display()))?;
        println!("\nJSON written to {}", path.display());
    }
    Ok(failures.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn median_odd_even_empty() {
        assert_eq!(median(&[]), None);
        assert_eq!(median(&[3.0, 1.0, 2.0]), Some(2.0));
        assert_eq!(median(&[4.0, 1.0, 3.0, 2.0]), Some(2.5));
        assert_eq!(median(&[5.0]), Some(5.0));
        // A NaN does not panic and sorts last.
        assert_eq!(median(&[1.0, f64::NAN, 2.0]), Some(2.0));
    }

    #[test]
    fn query_parsing() {
        assert_eq!(
            parse_query("ticker=600519.SH").unwrap(),
            ("ticker".into(), "600519.SH".into())
        );
        assert_eq!(
            parse_query("phrase=a=b").unwrap(),
            ("phrase".into(), "a=b".into())
        );
        assert!(parse_query("novalue").is_err());
        assert!(parse_query("=x").is_err());
        assert!(parse_query("k=").is_err());
    }

    #[test]
    fn query_forms_quote_phrases_only() {
        assert_eq!(
            query_forms("phrase", "市场竞争加剧"),
            ("\"市场竞争加剧\"".into(), "市场竞争加剧".into())
        );
        assert_eq!(
            query_forms("phrase", "\"投资建议\""),
            ("\"投资建议\"".into(), "投资建议".into())
        );
        assert_eq!(query_forms("word", "芯片"), ("芯片".into(), "芯片".into()));
    }

    #[test]
    fn count_parsing() {
        assert_eq!(count_of_line(b"2024/a.txt\t35"), Some(35));
        assert_eq!(count_of_line(b"dir/600519.SH:x.txt:7"), Some(7));
        assert_eq!(count_of_line(b"1234"), Some(1234));
        assert_eq!(count_of_line(b"no count here"), None);
        assert_eq!(parse_rg_counts("a/b.txt:3\nc:d.txt:4\n"), 7);
        assert_eq!(parse_rg_counts("12\n"), 12);
        assert_eq!(parse_rg_counts(""), 0);
    }

    #[test]
    fn widths_and_padding() {
        assert_eq!(display_width("abc"), 3);
        assert_eq!(display_width("芯片"), 4);
        assert_eq!(display_width("（）"), 4);
        assert_eq!(pad("芯片", 6), "芯片  ");
        assert_eq!(lpad("12", 4), "  12");
        assert_eq!(pad("toolong", 3), "toolong");
        let c = clip("一二三四五六七八九十", 9);
        assert!(display_width(&c) <= 9, "{c}");
        assert!(c.ends_with('…'));
        assert_eq!(fmt_count(Some(1234567)), "1,234,567");
        assert_eq!(fmt_ratio(ratio(Some(50.0), Some(2.0))), "25x");
        assert_eq!(fmt_ratio(ratio(Some(1.0), Some(0.0))), "-");
        assert_eq!(fmt_ms(Some(12.345)), "12.3");
        assert_eq!(fmt_ms(Some(1234.5)), "1234");
        assert_eq!(fmt_secs(1.23456), "1.235 s");
        assert_eq!(fmt_secs(42.42), "42.4 s");
    }

    #[test]
    fn sample_is_spread_and_sized() {
        let sizes = vec![10u64; 1000];
        let s = pick_sample(&sizes, 1000);
        assert_eq!(s.len(), 100);
        assert!(s[0] < 20 && *s.last().unwrap() > 980);
        assert_eq!(pick_sample(&sizes, 1_000_000).len(), 1000);
        assert_eq!(pick_sample(&sizes, 1000), s);
    }

    #[test]
    fn detects_ticker_and_company() {
        let mut d = Detector::default();
        d.feed("恒芯微电（688123.SH）：业绩超预期\n恒芯微电(688123.SH)点评 瑞达电子(000858.sz) 1600519.SH 600519 CH");
        d.feed("恒芯微电（688123.sh）");
        // Case-insensitive counting, upper-case spelling preferred when present.
        assert_eq!(d.ticker().as_deref(), Some("688123.SH"));
        assert_eq!(d.company().as_deref(), Some("恒芯微电"));
        let mut e = Detector::default();
        e.feed("瑞达电子(000858.sz)");
        // Only a lower-case spelling in the text: keep it, so `rg -F` finds it too.
        assert_eq!(e.ticker().as_deref(), Some("000858.sz"));
        let mut none = Detector::default();
        none.feed("没有代码");
        assert_eq!((none.ticker(), none.company()), (None, None));
        // Truncated input near a multi-byte boundary must not panic.
        none.feed("（12345");
        none.feed("（1234567");
    }

    #[test]
    fn defaults_and_overrides() {
        let d = default_queries("公司芯片业务风险提示：市场竞 争加剧。瑞达电子(000858.SZ)");
        let get = |k: &str| d.iter().find(|x| x.0 == k).map(|x| x.1.clone());
        assert_eq!(get("word").as_deref(), Some("芯片"));
        assert_eq!(get("phrase").as_deref(), Some("\"市场竞争加剧\""));
        assert_eq!(get("ticker").as_deref(), Some("000858.SZ"));
        assert_eq!(get("company").as_deref(), Some("瑞达电子"));
        assert_eq!(get("common").as_deref(), Some("风险"));
        let o = apply_overrides(
            d,
            &[
                ("ticker".into(), "0700.HK".into()),
                ("extra".into(), "x".into()),
            ],
        );
        assert_eq!(o.len(), 6);
        assert_eq!(o[2].1, "0700.HK");
        assert_eq!(o[5].0, "extra");
        let fallback = default_queries("");
        assert_eq!(fallback[2].1, "600519.SH");
    }

    #[test]
    fn stats_parsing() {
        let v = parse_stats(r#"{"reports": 3, "passages": 10, "index_bytes": 5}"#).unwrap();
        assert_eq!(v.get("reports").and_then(Value::as_u64), Some(3));
        assert!(parse_stats("not json").is_none());
        assert!(parse_stats("[1,2]").is_none());
    }

    #[test]
    fn measure_reports_status_output_and_rss() {
        let m = measure(Command::new("sh").args(["-c", "printf 'hello\\n'; echo err >&2; exit 3"]))
            .unwrap();
        assert_eq!(m.code, Some(3));
        assert_eq!(m.stdout_head, "hello\n");
        assert_eq!(m.stdout_bytes, 6);
        assert_eq!(m.stderr_head.trim(), "err");
        assert!(m.maxrss_kb > 0);
        assert!(m.secs > 0.0);
        assert!(m.cpu_secs >= 0.0);
        let m = measure(Command::new("sh").args(["-c", "kill -9 $$"])).unwrap();
        assert_eq!(m.code, None);
        assert_eq!(m.signal, Some(9));
        // Large output is counted but only the head is kept.
        let m = measure(Command::new("sh").args(["-c", "head -c 300000 /dev/zero"])).unwrap();
        assert_eq!(m.stdout_bytes, 300_000);
        assert_eq!(m.stdout_head.len(), HEAD_LIMIT);
        // rg -c style counts are summed over the whole output, beyond the kept head.
        let m = measure(Command::new("sh").args([
            "-c",
            "i=0; while [ $i -lt 20000 ]; do echo \"dir/file$i.txt:2\"; i=$((i+1)); done; printf 3",
        ]))
        .unwrap();
        assert!(m.stdout_bytes > HEAD_LIMIT as u64);
        assert_eq!(m.stdout_count_sum, 40_003);
        assert!(measure(&mut Command::new("/nonexistent/binary")).is_err());
    }

    #[test]
    fn corpus_walk_filters_extensions() {
        let dir = std::env::temp_dir().join(format!("ybrun-test-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(dir.join("a/b")).unwrap();
        std::fs::write(dir.join("a/x.txt"), "12345").unwrap();
        std::fs::write(dir.join("a/b/y.MD"), "123").unwrap();
        std::fs::write(dir.join("a/b/z.pdf"), "1").unwrap();
        std::fs::create_dir_all(dir.join(".hidden")).unwrap();
        std::fs::write(dir.join(".hidden/h.txt"), "123456789").unwrap();
        std::fs::write(dir.join("a/.h.txt"), "123456789").unwrap();
        // A link back to the root must not loop.
        std::os::unix::fs::symlink(&dir, dir.join("a/loop")).unwrap();
        let f = corpus_files(&dir);
        assert_eq!(f.len(), 2);
        assert_eq!(f.iter().map(|x| x.1).sum::<u64>(), 8);
        let _ = std::fs::remove_dir_all(&dir);
    }
}
