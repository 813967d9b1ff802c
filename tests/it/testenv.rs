//! The harness shared by the integration tests: a scratch folder for
//! reports and an index ([`Env`]), the `yanbao` binary run on it ([`Run`]),
//! and the paths of the test data (all relative to `CARGO_MANIFEST_DIR`).

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// A scratch folder for reports and an index beside it.
pub struct Env {
    pub dir: tempfile::TempDir,
}

impl Env {
    pub fn new() -> Env {
        Env {
            dir: tempfile::tempdir().expect("tempdir"),
        }
    }

    /// The folder indexed by default (`<tmp>/reports`).
    pub fn reports(&self) -> PathBuf {
        let p = self.dir.path().join("reports");
        std::fs::create_dir_all(&p).unwrap();
        p
    }

    pub fn index_dir(&self) -> PathBuf {
        self.dir.path().join("index")
    }

    /// Writes a report file (relative to `reports()`), creating folders.
    pub fn write(&self, rel: &str, content: impl AsRef<[u8]>) -> PathBuf {
        let p = self.reports().join(rel);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(&p, content).unwrap();
        p
    }

    /// `yanbao --index <index> ARGS...`
    pub fn cmd(&self) -> Command {
        let mut c = Command::new(bin());
        c.arg("--index").arg(self.index_dir());
        c.env_remove("YANBAO_INDEX").env("NO_COLOR", "1");
        c
    }

    pub fn run(&self, args: &[&str]) -> Run {
        Run::from(self.cmd().args(args).output().expect("run yanbao"))
    }

    /// Indexes `reports()` and asserts success.
    pub fn index(&self) -> Run {
        let r = self.run(&["index", self.reports().to_str().unwrap()]);
        assert_eq!(r.code, 0, "index failed: {}", r.stderr);
        r
    }
}

/// `yanbao --index INDEX ARGS...` for an index other than an Env's own.
pub fn run_on(index: &Path, args: &[&str]) -> Run {
    Run::from(
        Command::new(bin())
            .arg("--index")
            .arg(index)
            .args(args)
            .env_remove("YANBAO_INDEX")
            .env("NO_COLOR", "1")
            .output()
            .expect("run yanbao"),
    )
}

/// The `yanbao` binary that cargo built for these tests.
pub fn bin() -> PathBuf {
    PathBuf::from(env!("CARGO_BIN_EXE_yanbao"))
}

pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl From<Output> for Run {
    fn from(o: Output) -> Run {
        Run {
            code: o.status.code().unwrap_or(-1),
            stdout: String::from_utf8_lossy(&o.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&o.stderr).into_owned(),
        }
    }
}

impl Run {
    pub fn json_lines(&self) -> Vec<serde_json::Value> {
        self.stdout
            .lines()
            .filter(|l| !l.trim().is_empty())
            .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("not JSON: {l}: {e}")))
            .collect()
    }

    /// `path<TAB>count` lines as pairs.
    pub fn counts(&self) -> Vec<(String, usize)> {
        self.stdout
            .lines()
            .map(|l| {
                let (p, c) = l.rsplit_once('\t').expect("path<TAB>count");
                (p.to_string(), c.parse().unwrap())
            })
            .collect()
    }
}

/// The repository's sample corpus (`corpus/`).
pub fn sample_corpus() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus")
}

/// `../shared/corpora/NAME` beside the repository, if present.
pub fn shared_corpus(name: &str) -> Option<PathBuf> {
    let p = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("..")
        .join("shared")
        .join("corpora")
        .join(name);
    p.is_dir().then_some(p)
}

/// A file of hand labels in `tests/labels`.
pub fn labels(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests")
        .join("labels")
        .join(name)
}

/// The PDF fixtures (`tests/fixtures/pdf`).
pub fn pdf_fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests")
        .join("fixtures")
        .join("pdf")
}

/// Substrings drawn at random (deterministically, from `seed`) from `texts`:
/// lengths from `lengths`, no leading or trailing whitespace, accepted by `keep`.
pub fn random_substrings(
    texts: &[&str],
    seed: u64,
    lengths: &[usize],
    count: usize,
    keep: impl Fn(&str) -> bool,
) -> Vec<String> {
    let mut seed = seed;
    let mut next = || {
        // xorshift64: reproducible without a dependency.
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    };
    let mut out = Vec::new();
    while out.len() < count {
        let chars: Vec<char> = texts[(next() % texts.len() as u64) as usize]
            .chars()
            .collect();
        let len = lengths[(next() % lengths.len() as u64) as usize];
        if chars.len() <= len {
            continue;
        }
        let s = (next() % (chars.len() - len) as u64) as usize;
        let t: String = chars[s..s + len].iter().collect();
        if t.trim() == t && keep(&t) {
            out.push(t);
        }
    }
    out
}

/// True positives, false positives and misses of one field scored against labels.
#[derive(Default, Clone, Copy, Debug)]
pub struct Pr {
    pub tp: usize,
    pub fp: usize,
    pub fn_: usize,
}

impl Pr {
    /// Precision (1 when nothing was predicted).
    pub fn p(&self) -> f64 {
        if self.tp + self.fp == 0 {
            1.0
        } else {
            self.tp as f64 / (self.tp + self.fp) as f64
        }
    }

    /// Recall (1 when nothing was labelled).
    pub fn r(&self) -> f64 {
        if self.tp + self.fn_ == 0 {
            1.0
        } else {
            self.tp as f64 / (self.tp + self.fn_) as f64
        }
    }

    pub fn add(&mut self, o: Pr) {
        self.tp += o.tp;
        self.fp += o.fp;
        self.fn_ += o.fn_;
    }
}

/// A `yanbao serve` on a free loopback port, stopped when dropped.
pub struct Server {
    child: std::process::Child,
    /// `http://127.0.0.1:PORT/`
    pub url: String,
}

impl Server {
    /// Starts `yanbao --index INDEX serve --addr 127.0.0.1:0` and waits for the line that
    /// names its URL.
    pub fn start(index: &Path) -> Server {
        use std::io::BufRead;
        let mut child = Command::new(bin())
            .arg("--index")
            .arg(index)
            .args(["serve", "--addr", "127.0.0.1:0"])
            .env_remove("YANBAO_INDEX")
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::null())
            .spawn()
            .expect("start yanbao serve");
        let mut line = String::new();
        std::io::BufReader::new(child.stdout.take().unwrap())
            .read_line(&mut line)
            .unwrap();
        let url = line
            .split_whitespace()
            .find(|w| w.starts_with("http://"))
            .unwrap_or_else(|| panic!("no URL in {line:?}"))
            .to_string();
        Server { child, url }
    }

    /// GET `path_and_query` (percent-encoded by the caller where needed): the status, the
    /// body, and the response's Content-Type.
    pub fn get(&self, path_and_query: &str) -> (u16, String, String) {
        let url = format!("{}{}", self.url, path_and_query.trim_start_matches('/'));
        get_url(&url, None)
    }

    /// GET an API endpoint with parameters (encoded here): the status and the JSON body.
    pub fn api(&self, endpoint: &str, params: &[(&str, &str)]) -> (u16, serde_json::Value) {
        let query: String = params
            .iter()
            .map(|(k, v)| format!("{k}={}", encode(v)))
            .collect::<Vec<_>>()
            .join("&");
        let (status, body, kind) = self.get(&format!("api/{endpoint}?{query}"));
        assert!(
            kind.starts_with("application/json"),
            "{endpoint}: {kind}: {body}"
        );
        let v = serde_json::from_str(&body).unwrap_or_else(|e| panic!("not JSON: {body}: {e}"));
        (status, v)
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Percent-encodes a query parameter's value.
pub fn encode(v: &str) -> String {
    v.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

/// GET `url` (with `host` as the Host header when given): status, body, Content-Type.
pub fn get_url(url: &str, host: Option<&str>) -> (u16, String, String) {
    let mut req = ureq::get(url);
    if let Some(h) = host {
        req = req.set("Host", h);
    }
    let resp = match req.call() {
        Ok(r) => r,
        Err(ureq::Error::Status(_, r)) => r,
        Err(e) => panic!("GET {url}: {e}"),
    };
    let status = resp.status();
    let kind = resp.content_type().to_string();
    (status, resp.into_string().unwrap_or_default(), kind)
}
