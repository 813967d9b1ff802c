//! Measuring a process: wall time, exit status, peak RSS and CPU time from `wait4`, and its
//! output drained through a pipe; medians of repeated runs.

use anyhow::{anyhow, Context, Result};
use serde_json::{json, Value};
use std::io::Read;
use std::process::{Command, Stdio};
use std::time::Instant;

/// Bytes of a child's stdout/stderr kept for parsing and error messages; the rest is only counted.
const HEAD_LIMIT: usize = 64 * 1024;

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
    /// Exit code 0 or 1: yanbao and rg both exit 1 when nothing is found.
    pub fn ok(&self) -> bool {
        matches!(self.code, Some(0) | Some(1))
    }

    pub fn describe(&self) -> String {
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
pub fn repeat(
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

pub fn series_json(ms: &[Measured]) -> Value {
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

/// Median wall time of a series, in milliseconds.
pub fn med_ms(v: &[Measured]) -> Option<f64> {
    let t: Vec<f64> = v.iter().map(|m| m.secs * 1000.0).collect();
    median(&t)
}

/// Peak RSS of this process so far, in KiB.
pub fn self_peak_rss_kb() -> u64 {
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
}
