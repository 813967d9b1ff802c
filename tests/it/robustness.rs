//! Robustness of `yanbao` against what real report folders and real use
//! throw at it: odd encodings and binaries, unreadable or vanishing files,
//! odd names, huge one-line files, killed and interrupted runs, concurrent
//! runs, foreign or outdated index folders, and hostile queries.
//!
//! Every test drives the binary. The tests that index a large generated
//! corpus (crash safety, Ctrl-C, concurrency, the huge file) hold the
//! `HEAVY` lock so that they do not compete for the CPU: several of them
//! time their actions against a running `index`.

use crate::testenv::{self, bin, Env, Run};
use serde_json::Value;
use std::collections::HashSet;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::Mutex;
use std::time::{Duration, Instant};

static HEAVY: Mutex<()> = Mutex::new(());

fn heavy() -> std::sync::MutexGuard<'static, ()> {
    HEAVY.lock().unwrap_or_else(|e| e.into_inner())
}

// ---------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------

/// xorshift64*: a seeded generator, so every corpus is the same on every run.
struct Rng(u64);

impl Rng {
    fn new(seed: u64) -> Rng {
        Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1)
    }

    fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0 = x;
        x.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }
}

const VOCAB: &[&str] = &[
    "公司",
    "业绩",
    "增长",
    "营业收入",
    "净利润",
    "同比",
    "预计",
    "维持",
    "行业",
    "需求",
    "产能",
    "订单",
    "毛利率",
    "半导体",
    "新能源",
    "汽车",
    "电池",
    "光伏",
    "储能",
    "消费",
    "白酒",
    "医药",
    "创新药",
    "估值",
    "市场",
    "份额",
    "海外",
    "国内",
    "政策",
    "竞争",
    "原材料",
    "价格",
    "波动",
    "季度",
    "年度",
    "研发",
    "投入",
    "技术",
    "突破",
    "产品",
    "结构",
    "优化",
    "盈利",
    "能力",
    "提升",
    "渠道",
    "库存",
    "周期",
    "景气",
    "龙头",
    "客户",
    "供应链",
    "国产替代",
    "出货量",
    "单价",
];

fn sentence(rng: &mut Rng) -> String {
    let mut s = String::new();
    for _ in 0..5 + rng.below(12) {
        s.push_str(rng.pick(VOCAB));
    }
    s.push_str(rng.pick(&["，", "。", "；", "。", "。"]));
    s
}

/// A generated report of about `bytes` bytes: a title line, paragraphs
/// broken like PDF text, and exactly one `MARKER<n>` (a word found nowhere
/// else) in the middle.
fn report(n: usize, bytes: usize, seed: u64) -> String {
    let mut rng = Rng::new(seed ^ (n as u64).wrapping_mul(0x1000_0001));
    let mut text = format!(
        "行业深度报告第{}期：{}{}展望\n",
        n,
        rng.pick(VOCAB),
        rng.pick(VOCAB)
    );
    let mut marker_done = false;
    while text.len() < bytes {
        let mut line = String::new();
        for _ in 0..1 + rng.below(4) {
            line.push_str(&sentence(&mut rng));
        }
        text.push_str(&line);
        text.push_str(if rng.below(4) == 0 { "\n\n" } else { "\n" });
        if !marker_done && text.len() >= bytes / 2 {
            text.push_str(&format!("本期编号MARKER{n:04}号。\n"));
            marker_done = true;
        }
    }
    if !marker_done {
        text.push_str(&format!("本期编号MARKER{n:04}号。\n"));
    }
    text
}

fn marker(n: usize) -> String {
    format!("MARKER{n:04}")
}

fn name(n: usize) -> String {
    format!("r{n:04}.txt")
}

/// `yanbao --index INDEX ARGS...` for an index other than the Env's own.
fn yb(index: &Path, args: &[&str]) -> Run {
    testenv::run_on(index, args)
}

fn spawn_index(index: &Path, dir: &Path) -> Child {
    Command::new(bin())
        .arg("--index")
        .arg(index)
        .arg("index")
        .arg(dir)
        .env_remove("YANBAO_INDEX")
        .env("NO_COLOR", "1")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn yanbao index")
}

fn no_panic(r: &Run, what: &str) {
    assert!(
        !r.stderr.contains("panicked") && !r.stderr.contains("RUST_BACKTRACE"),
        "{what}: panicked: {}",
        r.stderr
    );
}

/// An error is one clear line on stderr.
fn one_line_error(r: &Run, what: &str) {
    no_panic(r, what);
    assert_eq!(
        r.code, 2,
        "{what}: expected exit 2, got {}: {}",
        r.code, r.stderr
    );
    let lines: Vec<&str> = r.stderr.lines().filter(|l| !l.trim().is_empty()).collect();
    assert_eq!(lines.len(), 1, "{what}: expected one line: {:?}", r.stderr);
    assert!(
        lines[0].len() > 20,
        "{what}: unclear message {:?}",
        lines[0]
    );
}

fn stats(index: &Path) -> Value {
    let r = yb(index, &["stats", "--json"]);
    assert_eq!(r.code, 0, "stats: {}", r.stderr);
    serde_json::from_str(r.stdout.trim()).expect("stats JSON")
}

fn summary(r: &Run) -> Value {
    let line = r.stdout.lines().last().unwrap_or("");
    serde_json::from_str(line).unwrap_or_else(|e| panic!("summary JSON {line:?}: {e}"))
}

/// Polls `child` every 2 ms until `cond` holds, then SIGKILLs it.
/// Returns whether it was killed (false: it finished first).
fn kill_when(child: &mut Child, started: Instant, mut cond: impl FnMut(Duration) -> bool) -> bool {
    loop {
        if child.try_wait().expect("try_wait").is_some() {
            return false;
        }
        if cond(started.elapsed()) {
            // SIGKILL on Unix: no handler, no cleanup.
            let _ = child.kill();
            let _ = child.wait();
            return true;
        }
        if started.elapsed() > Duration::from_secs(600) {
            let _ = child.kill();
            panic!("index run did not finish in 10 minutes");
        }
        std::thread::sleep(Duration::from_millis(2));
    }
}

fn files_of(dir: &Path) -> HashSet<String> {
    std::fs::read_dir(dir)
        .map(|rd| {
            rd.flatten()
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .collect()
        })
        .unwrap_or_default()
}

/// True once a segment file that was not in `before` has data in a part
/// that tantivy writes only when it serializes a segment (at commit):
/// the run is inside its commit.
fn commit_started(index: &Path, before: &HashSet<String>) -> bool {
    std::fs::read_dir(index)
        .map(|rd| {
            rd.flatten().any(|e| {
                let n = e.file_name().to_string_lossy().into_owned();
                !before.contains(&n)
                    && [".idx", ".term", ".pos", ".fieldnorm"]
                        .iter()
                        .any(|x| n.ends_with(x))
                    && e.metadata().map(|m| m.len() > 0).unwrap_or(false)
            })
        })
        .unwrap_or(false)
}

/// True once a document store that was not in `before` has data: the
/// run is adding documents.
fn adding_documents(index: &Path, before: &HashSet<String>) -> bool {
    std::fs::read_dir(index)
        .map(|rd| {
            rd.flatten().any(|e| {
                let n = e.file_name().to_string_lossy().into_owned();
                n.ends_with(".store")
                    && !before.contains(&n)
                    && e.metadata().map(|m| m.len() > 0).unwrap_or(false)
            })
        })
        .unwrap_or(false)
}

/// True once meta.json differs from `before` and carries a payload: a
/// commit of this run is on disk (what follows is merging and cleanup).
fn committed(index: &Path, before: &Option<String>) -> bool {
    let Ok(text) = std::fs::read_to_string(index.join("meta.json")) else {
        return false;
    };
    if before.as_deref() == Some(text.as_str()) {
        return false;
    }
    serde_json::from_str::<Value>(&text)
        .map(|v| v["payload"].is_string())
        .unwrap_or(false)
}

/// When to kill a running `index`.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Moment {
    After(Duration),
    /// While it writes its segments, before meta.json changes.
    InsideCommit,
    /// Just after meta.json changed (merging, cleanup).
    AfterCommit,
}

/// Runs `index` and SIGKILLs it at `moment`; false if it finished first.
fn run_and_kill(index: &Path, dir: &Path, moment: Moment) -> bool {
    let before = files_of(index);
    let meta = std::fs::read_to_string(index.join("meta.json")).ok();
    let started = Instant::now();
    let mut child = spawn_index(index, dir);
    let killed = kill_when(&mut child, started, |t| match moment {
        Moment::After(d) => t >= d,
        Moment::InsideCommit => commit_started(index, &before),
        Moment::AfterCommit => committed(index, &meta),
    });
    eprintln!(
        "kill {moment:?}: killed={killed} after {:?}",
        started.elapsed()
    );
    killed
}

/// Sleeps until `cond` holds; panics after a minute.
fn wait_until(what: &str, mut cond: impl FnMut() -> bool) {
    let started = Instant::now();
    while !cond() {
        assert!(
            started.elapsed() < Duration::from_secs(60),
            "timed out waiting for {what}"
        );
        std::thread::sleep(Duration::from_millis(5));
    }
}

/// Checks the index after an interrupted run: either nothing was ever
/// committed, and every command says to run `yanbao index`, or the last
/// commit is a consistent state: each report once, with its one marker.
/// Returns the number of reports in the second case.
fn check_consistent(index: &Path, what: &str) -> Option<u64> {
    let st = yb(index, &["stats", "--json"]);
    let se = yb(index, &["search", "公司"]);
    let me = yb(index, &["mentions", "--count", "MARKER"]);
    for (r, cmd) in [(&st, "stats"), (&se, "search"), (&me, "mentions")] {
        no_panic(r, &format!("{what}: {cmd}"));
    }
    if st.code == 2 {
        for (r, cmd) in [(&st, "stats"), (&se, "search"), (&me, "mentions")] {
            assert_eq!(
                r.code, 2,
                "{what}: {cmd} exit {} while stats failed",
                r.code
            );
            assert!(
                r.stderr.contains("yanbao index") || r.stderr.contains("index DIR"),
                "{what}: {cmd} must say to run `yanbao index`: {}",
                r.stderr
            );
        }
        return None;
    }
    assert_eq!(st.code, 0, "{what}: stats: {}", st.stderr);
    let v: Value = serde_json::from_str(st.stdout.trim()).expect("stats JSON");
    let reports = v["reports"].as_u64().expect("reports");
    assert!(
        se.code == 0 || se.code == 1,
        "{what}: search exit {}: {}",
        se.code,
        se.stderr
    );
    if reports == 0 {
        assert_eq!(
            me.code, 1,
            "{what}: mentions in an empty index: {}",
            me.stderr
        );
        return Some(0);
    }
    assert_eq!(se.code, 0, "{what}: every report has 公司: {}", se.stderr);
    assert_eq!(me.code, 0, "{what}: mentions: {}", me.stderr);
    let counts = me.counts();
    let bad: Vec<_> = counts.iter().filter(|(_, c)| *c != 1).collect();
    assert!(
        bad.is_empty(),
        "{what}: duplicated or lost content: {bad:?}"
    );
    let paths: HashSet<&String> = counts.iter().map(|(p, _)| p).collect();
    assert_eq!(paths.len(), counts.len(), "{what}: a path listed twice");
    assert_eq!(
        counts.len() as u64,
        reports,
        "{what}: reports in stats != reports with a marker"
    );
    Some(reports)
}

/// What two indexes of the same folder must agree on.
#[derive(Debug, PartialEq)]
struct Snapshot {
    reports: u64,
    passages: u64,
    counts: Vec<(String, Vec<(String, usize)>)>,
}

fn snapshot(index: &Path) -> Snapshot {
    let v = stats(index);
    let mut counts = Vec::new();
    for w in ["MARKER", "公司", "国产替代", "半导体行业", "本期编号"] {
        let r = yb(index, &["mentions", "--count", w]);
        assert!(r.code == 0 || r.code == 1, "mentions {w}: {}", r.stderr);
        counts.push((w.to_string(), r.counts()));
    }
    Snapshot {
        reports: v["reports"].as_u64().expect("reports"),
        passages: v["passages"].as_u64().expect("passages"),
        counts,
    }
}

/// A fresh index of `dir`, built from scratch.
fn clean_build(dir: &Path) -> (tempfile::TempDir, Snapshot) {
    let t = tempfile::tempdir().expect("tempdir");
    let index = t.path().join("index");
    let r = yb(&index, &["index", dir.to_str().expect("utf-8 path")]);
    assert_eq!(r.code, 0, "clean build: {}", r.stderr);
    let s = snapshot(&index);
    (t, s)
}

fn write_corpus(env: &Env, range: std::ops::Range<usize>, bytes: usize, seed: u64) {
    for n in range {
        env.write(&name(n), report(n, bytes, seed));
    }
}

// ---------------------------------------------------------------------
// 1. Encodings and binaries
// ---------------------------------------------------------------------

const PAD: &str =
    "研究所发布关于光伏组件与储能系统的深度报告，认为行业景气度持续提升，龙头公司有望受益。";

/// A few sentences of generated text, different for each seed, so that
/// small test files do not look like boilerplate repeated across reports.
fn filler(seed: u64) -> String {
    let mut rng = Rng::new(seed);
    let mut s: String = (0..4).map(|_| sentence(&mut rng)).collect();
    s.push('。');
    s
}

fn utf16(text: &str, big_endian: bool, bom: bool) -> Vec<u8> {
    let mut out = Vec::new();
    if bom {
        out.extend_from_slice(if big_endian { b"\xFE\xFF" } else { b"\xFF\xFE" });
    }
    for u in text.encode_utf16() {
        out.extend_from_slice(&if big_endian {
            u.to_be_bytes()
        } else {
            u.to_le_bytes()
        });
    }
    out
}

#[test]
fn encodings_are_decoded_and_binaries_skipped() {
    let env = Env::new();
    let gbk = format!("国泰{}钙钛矿电池量产在即。\n{PAD}", filler(1));
    let (gbk_bytes, _, bad) = encoding_rs::GBK.encode(&gbk);
    assert!(!bad);
    env.write("gbk.txt", &gbk_bytes);
    // U+3400 has no GBK code: GB18030 writes it in four bytes.
    let gb = format!("{}新材料㐀晶体通过验证。{PAD}", filler(2));
    let (gb_bytes, _, bad) = encoding_rs::GB18030.encode(&gb);
    assert!(!bad);
    assert!(
        gb_bytes.len() > gb.chars().count() * 2,
        "four-byte sequence expected"
    );
    env.write("gb18030.txt", &gb_bytes);
    env.write(
        "u16le.txt",
        utf16(
            &format!("{}\r\n异质结电池效率突破。\r\n{PAD}", filler(3)),
            false,
            true,
        ),
    );
    env.write(
        "u16be.txt",
        utf16(
            &format!("{}\n逆变器出货高增。\n{PAD}", filler(4)),
            true,
            true,
        ),
    );
    env.write(
        "u16le_nobom.txt",
        utf16(
            &format!("{}\n电解液价格企稳。\n{PAD}", filler(5)),
            false,
            false,
        ),
    );
    let mut bom = b"\xEF\xBB\xBF".to_vec();
    bom.extend_from_slice(format!("硅料价格见底。{}{PAD}", filler(6)).as_bytes());
    env.write("bom8.txt", &bom);
    // A few corrupt bytes in the middle of UTF-8 text.
    let mut damaged = format!("{}储能电站招标放量。", filler(7)).into_bytes();
    damaged.extend_from_slice(b"\xFF\xFE\x80");
    damaged.extend_from_slice(format!("{}海风装机超预期。{PAD}", filler(8)).as_bytes());
    env.write("damaged.txt", &damaged);
    // Binaries with a text extension.
    let mut png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\x0dIHDR".to_vec();
    let mut rng = Rng::new(7);
    png.extend((0..8_000).map(|_| rng.next() as u8));
    env.write("image.txt", &png);
    let mut nul = vec![0u8; 300];
    nul.extend_from_slice(b"abc");
    nul.extend((0..4_000).map(|i| if i % 3 == 0 { 0 } else { (i % 7) as u8 }));
    env.write("x.txt", &nul);
    env.write("empty.txt", b"");

    let r = env.run(&["index", "--json", env.reports().to_str().unwrap()]);
    no_panic(&r, "index");
    assert_eq!(r.code, 0, "skipped files do not fail a run: {}", r.stderr);
    let s = summary(&r);
    assert_eq!(s["skipped"], 2, "{s}");
    assert_eq!(s["added"], 8, "every text file, the empty one too: {s}");
    assert_eq!(s["reports"], 8, "{s}");
    let root = env.reports().canonicalize().unwrap();
    for f in ["image.txt", "x.txt"] {
        let prefix = format!("{}: ", root.join(f).display());
        let line = r
            .stderr
            .lines()
            .find(|l| l.starts_with(&prefix))
            .unwrap_or_else(|| panic!("no `path: reason` line for {f}: {}", r.stderr));
        assert!(line.len() > prefix.len() + 3, "no reason in {line:?}");
        assert!(line.contains("binary"), "{line:?}");
    }
    for f in ["gbk", "gb18030", "u16", "bom8", "damaged", "empty"] {
        assert!(
            !r.stderr.contains(&format!("/{f}")),
            "{f} must not be warned about: {}",
            r.stderr
        );
    }

    for (word, file) in [
        ("钙钛矿", "gbk.txt"),
        ("㐀晶体", "gb18030.txt"),
        ("异质结", "u16le.txt"),
        ("逆变器", "u16be.txt"),
        ("电解液", "u16le_nobom.txt"),
        ("硅料", "bom8.txt"),
        ("储能电站", "damaged.txt"),
        ("海风装机", "damaged.txt"),
    ] {
        let m = env.run(&["mentions", "--count", word]);
        assert_eq!(m.code, 0, "mentions {word}: {}", m.stderr);
        assert_eq!(m.counts(), vec![(file.to_string(), 1)], "mentions {word}");
        let s = env.run(&["search", "--json", word]);
        assert_eq!(s.code, 0, "search {word}: {}", s.stderr);
        let hits = s.json_lines();
        assert!(
            hits.iter().any(|h| h["path"] == file),
            "search {word} must find {file}: {hits:?}"
        );
    }
    // The shared text is found in every decoded file, once per copy.
    let m = env.run(&["mentions", "--count", "龙头公司有望受益"]);
    let counts = m.counts();
    assert_eq!(counts.len(), 7, "{}", m.stdout);
    assert!(counts.iter().all(|(_, c)| *c >= 1));
    // UTF-16 lines and columns are counted in characters of the text.
    let j = env.run(&["mentions", "--json", "异质结"]).json_lines();
    assert_eq!(j[0]["line"], 2, "{j:?}");
    assert_eq!(j[0]["column"], 1, "{j:?}");
}

// ---------------------------------------------------------------------
// 2. Per-file problems
// ---------------------------------------------------------------------

#[cfg(unix)]
#[test]
fn unreadable_dangling_and_looping_entries_are_reported_and_the_rest_indexed() {
    use std::os::unix::fs::{symlink, PermissionsExt};
    let env = Env::new();
    env.write("ok.txt", format!("{PAD}正常文件独有词。"));
    env.write("dir/inner.txt", format!("{PAD}子目录独有词。"));
    let locked = env.write("locked.txt", format!("{PAD}上锁文件独有词。"));
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o000)).unwrap();
    symlink("..", env.reports().join("dir/loop")).unwrap();
    symlink("missing.txt", env.reports().join("x.txt")).unwrap();

    let r = env.run(&["index", "--json", env.reports().to_str().unwrap()]);
    no_panic(&r, "index");
    assert_eq!(r.code, 0, "{}", r.stderr);
    let root = env.reports().canonicalize().unwrap();
    let warned = |rel: &str| {
        let prefix = format!("{}: ", root.join(rel).display());
        r.stderr
            .lines()
            .any(|l| l.starts_with(&prefix) && l.len() > prefix.len() + 3)
    };
    assert!(
        warned("x.txt"),
        "dangling symlink not reported: {}",
        r.stderr
    );
    assert!(
        warned("dir/loop"),
        "symlink loop not reported: {}",
        r.stderr
    );

    // Running as root (as in CI), permissions do not stop reads: then the
    // file is simply indexed and there is nothing to check about it.
    let readable = std::fs::read(&locked).is_ok();
    if readable {
        eprintln!("note: running as root, chmod 000 does not make a file unreadable");
    } else {
        assert!(
            warned("locked.txt"),
            "unreadable file not reported: {}",
            r.stderr
        );
        assert!(r.stderr.contains("permission denied"), "{}", r.stderr);
    }

    let mut expect = vec![("dir/inner.txt".to_string(), 1), ("ok.txt".to_string(), 1)];
    if readable {
        expect.insert(1, ("locked.txt".to_string(), 1));
    }
    let m = env.run(&["mentions", "--count", "独有词"]);
    assert_eq!(m.code, 0, "{}", m.stderr);
    // The loop is not followed: every file once, under its own path.
    assert_eq!(m.counts(), expect);
    let s = summary(&r);
    assert_eq!(s["reports"], expect.len(), "{s}");
    assert_eq!(s["added"], expect.len(), "{s}");
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o644)).unwrap();
}

#[cfg(unix)]
#[test]
fn odd_file_names_are_indexed_and_shown_exactly() {
    let env = Env::new();
    let names = [
        "with space.txt",
        "中文 名字（2024）.txt",
        "quote'and\"double.txt",
        "new\nline.txt",
        "tab\tand#hash;semi.md",
        "深/层/目录/报告.TXT",
    ];
    for (i, n) in names.iter().enumerate() {
        env.write(
            n,
            format!("{}文件名测试{i}号独有。", filler(100 + i as u64)),
        );
    }
    let r = env.run(&["index", "--json", env.reports().to_str().unwrap()]);
    no_panic(&r, "index");
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(summary(&r)["added"], names.len(), "{}", r.stdout);
    for (i, n) in names.iter().enumerate() {
        let word = format!("文件名测试{i}号独有");
        let j = env.run(&["mentions", "--json", &word]);
        assert_eq!(j.code, 0, "{n:?}: {}", j.stderr);
        let lines = j.json_lines();
        assert_eq!(lines.len(), 1, "{n:?}: {lines:?}");
        assert_eq!(lines[0]["path"], *n, "path kept exactly");
        let s = env.run(&["search", "--json", &word]);
        assert_eq!(s.code, 0, "{n:?}: {}", s.stderr);
        assert_eq!(s.json_lines()[0]["path"], *n);
        let show = env.run(&["show", "--json", n]);
        assert_eq!(show.code, 0, "show {n:?}: {}", show.stderr);
        let v: Value = serde_json::from_str(show.stdout.trim()).unwrap();
        assert_eq!(v["path"], *n);
    }
    // A second run sees every file unchanged (names round-trip).
    let again = env.run(&["index", "--json", env.reports().to_str().unwrap()]);
    let s = summary(&again);
    assert_eq!(s["unchanged"], names.len(), "{s}");
    assert_eq!(s["removed"], 0, "{s}");
}

#[test]
fn strict_fails_only_when_something_was_skipped() {
    let env = Env::new();
    env.write("a.txt", format!("{PAD}严格模式。"));
    let dir = env.reports().to_str().unwrap().to_string();
    let r = env.run(&["index", "--strict", &dir]);
    assert_eq!(r.code, 0, "nothing skipped: {}", r.stderr);
    let mut png = b"\x89PNG\r\n\x1a\n".to_vec();
    png.extend_from_slice(&[0u8; 64]);
    env.write("b.txt", &png);
    let r = env.run(&["index", "--strict", &dir]);
    no_panic(&r, "strict");
    assert_eq!(r.code, 2, "a skipped file fails --strict: {}", r.stderr);
    assert!(r.stderr.contains("b.txt: "), "{}", r.stderr);
    // The work was still done and committed.
    let m = env.run(&["mentions", "--count", "严格模式"]);
    assert_eq!(m.counts(), vec![("a.txt".to_string(), 1)]);
    let r = env.run(&["index", &dir]);
    assert_eq!(r.code, 0, "without --strict a skip is only a warning");
    // Once the binary is gone, --strict passes again.
    std::fs::remove_file(env.reports().join("b.txt")).unwrap();
    let r = env.run(&["index", "--strict", &dir]);
    assert_eq!(r.code, 0, "{}", r.stderr);
}

/// A report file that cannot be read because it is a dangling symbolic
/// link is reported like any unreadable file, so `--strict` must fail.
#[cfg(unix)]
#[test]
fn strict_counts_dangling_report_links_as_skipped() {
    let env = Env::new();
    env.write("a.txt", format!("{PAD}严格模式。"));
    std::os::unix::fs::symlink("missing.txt", env.reports().join("gone.txt")).unwrap();
    let r = env.run(&[
        "index",
        "--strict",
        "--json",
        env.reports().to_str().unwrap(),
    ]);
    no_panic(&r, "strict");
    assert!(r.stderr.contains("gone.txt: "), "{}", r.stderr);
    assert_eq!(
        r.code, 2,
        "gone.txt was reported but not indexed: --strict must fail; summary {}",
        r.stdout
    );
}

/// A 10 MB report on one line without any whitespace (larger than the
/// metadata head and than a normalization block): indexed, and a word at
/// its very end found at the right column.
#[test]
fn huge_one_line_report_is_indexed_to_its_last_word() {
    huge_one_line(10 << 20);
}

/// The same at 60 MB (slow in a debug build: run with `--ignored`).
#[test]
#[ignore]
fn huge_one_line_report_60mb() {
    huge_one_line(60 << 20);
}

fn huge_one_line(bytes: usize) {
    let _g = heavy();
    let env = Env::new();
    let mut rng = Rng::new(42);
    let mut text = String::from("开篇独有词");
    while text.len() < bytes {
        for _ in 0..8 {
            text.push_str(rng.pick(VOCAB));
        }
        text.push_str(rng.pick(&["，", "。"]));
    }
    let column = text.chars().count() + 1;
    text.push_str("终章独有词ZEBRA结束。");
    env.write("one.txt", &text);
    drop(text);
    let r = env.run(&["index", "--json", env.reports().to_str().unwrap()]);
    no_panic(&r, "index");
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(summary(&r)["added"], 1, "{}", r.stdout);
    let j = env.run(&["mentions", "--json", "终章独有词zebra"]);
    assert_eq!(j.code, 0, "{}", j.stderr);
    let lines = j.json_lines();
    assert_eq!(lines.len(), 1, "{lines:?}");
    assert_eq!(lines[0]["line"], 1);
    assert_eq!(lines[0]["column"], column, "{lines:?}");
    assert_eq!(lines[0]["matched"], "终章独有词ZEBRA");
    let j = env.run(&["mentions", "--json", "开篇独有词"]).json_lines();
    assert_eq!(j[0]["column"], 1);
    let s = env.run(&["search", "--json", "终章独有词"]);
    assert_eq!(s.code, 0, "{}", s.stderr);
    assert_eq!(s.json_lines()[0]["path"], "one.txt");
    assert!(stats(&env.index_dir())["passages"].as_u64().unwrap() > 1000);
}

// ---------------------------------------------------------------------
// 3. Crash safety
// ---------------------------------------------------------------------

const CRASH_FILES: usize = 200;
/// Reports are larger in release builds (as CI runs them), so that an
/// index run still lasts long enough to be interrupted mid-way.
const CRASH_BYTES: usize = if cfg!(debug_assertions) {
    12 * 1024
} else {
    80 * 1024
};

/// SIGKILL at several moments of a first build and of a re-index; after
/// each kill the index is unusable only if nothing was ever committed
/// (and then says to run `index`), otherwise it is the last commit, whole
/// and without duplicates; finishing the work gives what a clean build
/// gives.
#[cfg(unix)]
#[test]
fn killed_index_runs_leave_a_consistent_index() {
    let _g = heavy();
    let env = Env::new();
    write_corpus(&env, 0..CRASH_FILES, CRASH_BYTES, 1);
    let index = env.index_dir();
    let dir = env.reports();

    // A first build, killed at different moments.
    for moment in [
        Moment::After(Duration::from_millis(300)),
        Moment::After(Duration::from_secs(1)),
        Moment::After(Duration::from_millis(2500)),
        Moment::InsideCommit,
        Moment::AfterCommit,
    ] {
        let killed = run_and_kill(&index, &dir, moment);
        let state = check_consistent(&index, &format!("first build killed {moment:?}"));
        if let Some(n) = state {
            // A commit of a first build holds the whole folder here.
            assert_eq!(n as usize, CRASH_FILES, "partial commit, kill {moment:?}");
        }
        if moment == Moment::AfterCommit && killed {
            assert_eq!(state, Some(CRASH_FILES as u64), "the commit was on disk");
        }
    }
    let r = env.run(&["index", "--json", dir.to_str().unwrap()]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let s = summary(&r);
    assert_eq!(s["reports"], CRASH_FILES, "{s}");
    assert_eq!(s["skipped"], 0, "{s}");
    let (_clean, expected) = clean_build(&dir);
    assert_eq!(
        snapshot(&index),
        expected,
        "resumed build differs from a clean build"
    );
    assert_eq!(stats(&index)["complete"], true);

    // Re-index after deleting, changing and adding files, killed mid-way.
    let deleted: Vec<usize> = (0..CRASH_FILES).step_by(10).collect();
    for &n in &deleted {
        std::fs::remove_file(dir.join(name(n))).unwrap();
    }
    for n in (3..CRASH_FILES).step_by(4) {
        if !deleted.contains(&n) {
            let mut t = report(n, CRASH_BYTES, 1);
            t.push_str("修订后新增一段关于国产替代的内容。\n");
            env.write(&name(n), t);
        }
    }
    let added = CRASH_FILES..CRASH_FILES + 15;
    write_corpus(&env, added.clone(), CRASH_BYTES, 2);
    let now = CRASH_FILES - deleted.len() + added.len();

    for moment in [
        Moment::After(Duration::from_millis(500)),
        Moment::After(Duration::from_millis(1500)),
        Moment::InsideCommit,
        Moment::AfterCommit,
    ] {
        let killed = run_and_kill(&index, &dir, moment);
        let what = format!("re-index killed {moment:?}");
        let n = check_consistent(&index, &what)
            .unwrap_or_else(|| panic!("{what}: a committed index became unusable"));
        assert!(
            n as usize == CRASH_FILES || n as usize == now,
            "{what}: {n} reports, neither the old nor the new state"
        );
        if moment == Moment::AfterCommit && killed {
            assert_eq!(n as usize, now, "{what}: the commit was on disk");
        }
    }
    let r = env.run(&["index", "--json", dir.to_str().unwrap()]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(summary(&r)["reports"], now, "{}", r.stdout);
    assert_eq!(
        check_consistent(&index, "re-index finished"),
        Some(now as u64)
    );
    for &n in &deleted {
        let m = env.run(&["mentions", "--count", &marker(n)]);
        assert_eq!(
            m.code,
            1,
            "deleted {} still in the index: {}",
            name(n),
            m.stdout
        );
        let show = env.run(&["show", &name(n)]);
        assert_eq!(show.code, 2, "deleted {} still shown", name(n));
    }
    let (_clean, expected) = clean_build(&dir);
    assert_eq!(
        snapshot(&index),
        expected,
        "re-index differs from a clean build"
    );
}

/// A run killed before its first commit leaves a fresh index folder with
/// nothing in it; the next run builds it without claiming it was written
/// by another version of yanbao.
#[cfg(unix)]
#[test]
fn index_killed_before_first_commit_is_rebuilt_quietly() {
    let env = Env::new();
    env.write("a.txt", format!("{PAD}崩溃恢复。"));
    let index = env.index_dir();
    let started = Instant::now();
    let mut child = spawn_index(&index, &env.reports());
    let killed = kill_when(&mut child, started, |_| index.join("meta.json").exists());
    assert!(killed, "the run finished before its index folder appeared");
    let r = env.run(&["search", "崩溃恢复"]);
    one_line_error(&r, "search before any commit");
    assert!(r.stderr.contains("yanbao index"), "{}", r.stderr);
    let r = env.index();
    assert!(
        !r.stderr.contains("another version"),
        "an interrupted first build is not another version's index: {}",
        r.stderr
    );
    assert_eq!(env.run(&["mentions", "--count", "崩溃恢复"]).code, 0);
}

// ---------------------------------------------------------------------
// 4. Ctrl-C
// ---------------------------------------------------------------------

#[cfg(unix)]
fn sigint(child: &Child) {
    let pid = i32::try_from(child.id()).expect("pid");
    // SAFETY: kill(2) with a valid signal number and our own child's pid.
    let rc = unsafe { libc::kill(pid, libc::SIGINT) };
    assert_eq!(rc, 0, "kill(SIGINT)");
}

/// One Ctrl-C: the run commits what it did and exits 130; the index is
/// queryable; the next run finishes the work and equals a clean build.
/// Two Ctrl-C: exits 130 at once, leaving the last commit.
#[cfg(unix)]
#[test]
fn ctrl_c_stops_cleanly_and_the_next_run_finishes() {
    let _g = heavy();
    let env = Env::new();
    let files = 200;
    write_corpus(&env, 0..files, CRASH_BYTES, 3);
    // Work is checked for a stop request between batches of files; a big
    // file last (a scan with a text extension, cheap to skip) makes sure
    // there is a batch left after the reports, however large batches are.
    let mut scan = b"\x89PNG\r\n\x1a\n".to_vec();
    scan.resize(34 << 20, 0x5A);
    env.write("zz_scan.txt", &scan);
    drop(scan);
    let index = env.index_dir();
    let dir = env.reports();

    let started = Instant::now();
    let child = spawn_index(&index, &dir);
    // Stop once documents are being written (the reports' batch is under
    // way), not at a fixed time: the start-up cost varies a lot.
    wait_until("documents to be written", || {
        adding_documents(&index, &HashSet::new())
    });
    sigint(&child);
    let out = Run::from(child.wait_with_output().unwrap());
    no_panic(&out, "interrupted index");
    eprintln!(
        "interrupted after {:?}: {}",
        started.elapsed(),
        out.stdout.trim()
    );
    assert!(
        out.code == 130 || out.code == 0,
        "Ctrl-C: exit {}: {}",
        out.code,
        out.stderr
    );
    let v = stats(&index);
    if out.code == 130 {
        assert!(out.stdout.contains("interrupted"), "{}", out.stdout);
        assert_eq!(v["complete"], false, "{v}");
    } else {
        assert_eq!(v["complete"], true, "{v}");
    }
    let n = check_consistent(&index, "after Ctrl-C").expect("Ctrl-C commits");
    assert!(n as usize <= files);

    let r = env.run(&["index", "--json", dir.to_str().unwrap()]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let s = summary(&r);
    assert_eq!(s["reports"], files, "{s}");
    assert_eq!(s["interrupted"], false, "{s}");
    assert!(r.stderr.contains("zz_scan.txt: "), "{}", r.stderr);
    assert_eq!(stats(&index)["complete"], true);
    let (_clean, expected) = clean_build(&dir);
    assert_eq!(
        snapshot(&index),
        expected,
        "resumed run differs from a clean build"
    );

    // Twice: stop now, without a commit.
    for n in 0..files {
        let mut t = report(n, CRASH_BYTES, 3);
        t.push_str("第二版追加国产替代内容。\n");
        env.write(&name(n), t);
    }
    let before = files_of(&index);
    let child = spawn_index(&index, &dir);
    wait_until("documents to be written", || {
        adding_documents(&index, &before)
    });
    sigint(&child);
    std::thread::sleep(Duration::from_millis(50));
    let second = Instant::now();
    sigint(&child);
    let out = Run::from(child.wait_with_output().unwrap());
    no_panic(&out, "index stopped twice");
    assert_eq!(out.code, 130, "second Ctrl-C: {}", out.stderr);
    assert!(
        second.elapsed() < Duration::from_secs(3),
        "the second Ctrl-C must stop at once, took {:?}",
        second.elapsed()
    );
    assert_eq!(
        check_consistent(&index, "after two Ctrl-C"),
        Some(files as u64)
    );
    let r = env.run(&["index", "--json", dir.to_str().unwrap()]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let m = env.run(&["mentions", "--count", "第二版追加"]);
    assert_eq!(m.counts().len(), files, "every changed report re-indexed");
    assert!(m.counts().iter().all(|(_, c)| *c == 1));
}

// ---------------------------------------------------------------------
// 5. Concurrency
// ---------------------------------------------------------------------

/// Queries see the last commit while an `index` runs; a second `index`
/// fails at once and does not disturb the first.
#[cfg(unix)]
#[test]
fn queries_work_and_a_second_index_fails_during_an_index_run() {
    let _g = heavy();
    let env = Env::new();
    let first = 20;
    write_corpus(&env, 0..first, 4096, 5);
    env.index();
    // Long enough (about 60 MB in release) that the run is still going
    // when the second one starts, however fast indexing gets.
    let total = first + 800;
    write_corpus(&env, first..total, CRASH_BYTES, 5);
    let index = env.index_dir();
    let dir = env.reports();

    let meta = std::fs::read_to_string(index.join("meta.json")).ok();
    let started = Instant::now();
    let child = spawn_index(&index, &dir);
    std::thread::sleep(Duration::from_secs(1));

    let s = env.run(&["search", "公司"]);
    no_panic(&s, "search during index");
    assert_eq!(s.code, 0, "search during index: {}", s.stderr);
    let m = env.run(&["mentions", "--count", "MARKER"]);
    assert_eq!(m.code, 0, "mentions during index: {}", m.stderr);
    let st = env.run(&["stats", "--json"]);
    assert_eq!(st.code, 0, "stats during index: {}", st.stderr);

    let t = Instant::now();
    let second = env.run(&["index", dir.to_str().unwrap()]);
    let took = t.elapsed();
    // What a run that does nothing costs on this (possibly busy) machine.
    let empty = env.dir.path().join("empty");
    std::fs::create_dir_all(&empty).unwrap();
    let t = Instant::now();
    let idle = yb(
        &env.dir.path().join("idle-index"),
        &["index", empty.to_str().unwrap()],
    );
    let baseline = t.elapsed();
    assert_eq!(idle.code, 0, "{}", idle.stderr);
    let not_committed_yet = !committed(&index, &meta);
    no_panic(&second, "second index");
    assert_eq!(second.code, 2, "second index: {}", second.stderr);
    assert!(
        second.stderr.contains("another") && second.stderr.contains("index"),
        "the message must say another index run is writing: {}",
        second.stderr
    );
    assert!(
        !second.stderr.contains("rebuilding"),
        "the second run must not touch the index: {}",
        second.stderr
    );
    assert!(
        took < Duration::from_secs(5).max(baseline * 3),
        "second index took {took:?}, an idle run {baseline:?}"
    );
    if not_committed_yet {
        // The queries above ran before the first run's commit: they saw
        // the previous one.
        assert_eq!(m.counts().len(), first, "{}", m.stdout);
    } else {
        eprintln!(
            "note: the index run finished within {:?}",
            started.elapsed()
        );
    }

    let out = Run::from(child.wait_with_output().unwrap());
    assert_eq!(out.code, 0, "first index: {}", out.stderr);
    assert_eq!(
        check_consistent(&index, "after concurrent use"),
        Some(total as u64)
    );
}

/// The same while the first run builds a new index (nothing committed
/// yet): the second run must not clear the folder the first is writing.
#[cfg(unix)]
#[test]
fn a_second_index_does_not_disturb_a_first_build() {
    let _g = heavy();
    let env = Env::new();
    // Long enough that the build is still going after half a second.
    let total = 600;
    write_corpus(&env, 0..total, CRASH_BYTES, 6);
    let index = env.index_dir();
    let dir = env.reports();
    let started = Instant::now();
    let child = spawn_index(&index, &dir);
    wait_until("documents to be written", || {
        adding_documents(&index, &HashSet::new()) && started.elapsed() >= Duration::from_millis(500)
    });
    let second = env.run(&["index", dir.to_str().unwrap()]);
    no_panic(&second, "second index");
    assert_eq!(second.code, 2, "second index: {}", second.stderr);
    assert!(second.stderr.contains("another"), "{}", second.stderr);
    let out = Run::from(child.wait_with_output().unwrap());
    assert_eq!(
        out.code, 0,
        "the first build failed because of the second run: {}",
        out.stderr
    );
    assert_eq!(
        check_consistent(&index, "after a second run"),
        Some(total as u64)
    );
}

// ---------------------------------------------------------------------
// 6. Compatibility
// ---------------------------------------------------------------------

fn small_index(env: &Env) {
    env.write("a.txt", format!("{PAD}兼容性测试。"));
    env.index();
}

#[test]
fn index_of_another_format_asks_to_reindex_and_is_rebuilt() {
    let env = Env::new();
    small_index(&env);
    let meta_path = env.index_dir().join("meta.json");
    let mut meta: Value =
        serde_json::from_str(&std::fs::read_to_string(&meta_path).unwrap()).unwrap();
    let mut payload: Value = serde_json::from_str(meta["payload"].as_str().unwrap()).unwrap();
    assert!(payload["format"].is_u64(), "{payload}");
    payload["format"] = Value::from(payload["format"].as_u64().unwrap() + 1000);
    meta["payload"] = Value::from(payload.to_string());
    std::fs::write(&meta_path, meta.to_string()).unwrap();

    for args in [
        &["search", "兼容性"][..],
        &["mentions", "兼容性"],
        &["stats"],
        &["show", "a.txt"],
        &["tickers"],
    ] {
        let r = env.run(args);
        one_line_error(&r, &format!("{args:?}"));
        assert!(
            r.stderr.contains("index")
                && (r.stderr.contains("rebuild") || r.stderr.contains("re-index")),
            "{args:?} must tell to re-index: {}",
            r.stderr
        );
    }
    let r = env.index();
    assert!(r.stderr.contains("another version"), "{}", r.stderr);
    let m = env.run(&["mentions", "--count", "兼容性"]);
    assert_eq!(m.counts(), vec![("a.txt".to_string(), 1)]);
}

#[test]
fn folders_that_are_not_yanbao_indexes_give_one_clear_line() {
    let env = Env::new();
    env.write("a.txt", format!("{PAD}兼容性测试。"));
    let dir = env.reports().to_str().unwrap().to_string();
    let base = env.dir.path();

    // No index at all.
    let none = base.join("none");
    let r = yb(&none, &["search", "兼容性"]);
    one_line_error(&r, "no index");
    assert!(r.stderr.contains("no index"), "{}", r.stderr);
    let r = yb(&none, &["stats"]);
    one_line_error(&r, "no index: stats");

    // A garbage meta.json.
    let garbage = base.join("garbage");
    std::fs::create_dir_all(&garbage).unwrap();
    std::fs::write(garbage.join("meta.json"), "{ this is not json").unwrap();
    for args in [
        &["search", "兼容性"][..],
        &["mentions", "兼容性"],
        &["stats"],
    ] {
        one_line_error(&yb(&garbage, args), &format!("garbage meta.json {args:?}"));
    }
    let r = yb(&garbage, &["index", &dir]);
    one_line_error(&r, "index into a garbage meta.json");
    assert_eq!(
        std::fs::read_to_string(garbage.join("meta.json")).unwrap(),
        "{ this is not json",
        "a folder that is not ours is left alone"
    );

    // A folder of unrelated files.
    let other = base.join("other");
    std::fs::create_dir_all(&other).unwrap();
    std::fs::write(other.join("notes.txt"), "mine").unwrap();
    std::fs::write(other.join("data.bin"), [0u8, 1, 2, 3]).unwrap();
    for args in [
        &["search", "兼容性"][..],
        &["mentions", "兼容性"],
        &["stats"],
    ] {
        one_line_error(&yb(&other, args), &format!("unrelated folder {args:?}"));
    }
    let r = yb(&other, &["index", &dir]);
    one_line_error(&r, "index into an unrelated folder");
    assert_eq!(files_of(&other).len(), 2, "files left alone");

    // A meta.json with a payload that is not ours.
    let alien = base.join("alien");
    std::fs::create_dir_all(&alien).unwrap();
    let r = yb(&alien, &["index", &dir]);
    assert_eq!(
        r.code, 0,
        "an empty folder can become an index: {}",
        r.stderr
    );
    let meta_path = alien.join("meta.json");
    let mut meta: Value =
        serde_json::from_str(&std::fs::read_to_string(&meta_path).unwrap()).unwrap();
    meta["payload"] = Value::from("not json at all");
    std::fs::write(&meta_path, meta.to_string()).unwrap();
    one_line_error(&yb(&alien, &["search", "兼容性"]), "foreign payload");
}

/// A tantivy index of another application, with another schema: queries
/// refuse it in one line, and `index` must not wipe it.
#[test]
fn a_foreign_tantivy_index_is_refused_not_replaced() {
    use tantivy::schema::{Schema, STORED, TEXT};
    let env = Env::new();
    env.write("a.txt", format!("{PAD}兼容性测试。"));
    let foreign = env.dir.path().join("foreign");
    std::fs::create_dir_all(&foreign).unwrap();
    {
        let mut sb = Schema::builder();
        let title = sb.add_text_field("title", TEXT | STORED);
        let index = tantivy::Index::create_in_dir(&foreign, sb.build()).unwrap();
        let mut w: tantivy::IndexWriter = index.writer_with_num_threads(1, 15_000_000).unwrap();
        w.add_document(tantivy::doc!(title => "somebody else's data"))
            .unwrap();
        w.commit().unwrap();
        w.wait_merging_threads().unwrap();
    }
    for args in [
        &["search", "兼容性"][..],
        &["mentions", "兼容性"],
        &["stats"],
    ] {
        let r = yb(&foreign, args);
        one_line_error(&r, &format!("foreign tantivy index {args:?}"));
        assert!(r.stderr.contains("not a yanbao index"), "{}", r.stderr);
    }
    let r = yb(&foreign, &["index", env.reports().to_str().unwrap()]);
    no_panic(&r, "index into a foreign tantivy index");
    assert_eq!(
        r.code, 2,
        "must refuse to replace another application's index: {}",
        r.stderr
    );
    let index = tantivy::Index::open_in_dir(&foreign).expect("the foreign index survives");
    let reader = index.reader().unwrap();
    assert_eq!(
        reader.searcher().num_docs(),
        1,
        "the foreign index was emptied"
    );
}

// ---------------------------------------------------------------------
// 7. Queries
// ---------------------------------------------------------------------

fn query_env() -> Env {
    let env = Env::new();
    env.write(
        "ds.txt",
        "模型DeepSeek在数学基准上表现优异 😀 表情符号。\n采用“双引号”与\"直引号\"。",
    );
    env.write(
        "cn.txt",
        format!("{PAD}\n半导体设备国产替代加速，订单饱满。"),
    );
    env.write(
        "en.txt",
        "Revenue grew 20% year over year; GPU demand stays strong.",
    );
    env.index();
    env
}

/// Exit codes as documented: 0 with output, 1 without, 2 with one line.
fn check_query_run(r: &Run, what: &str) {
    no_panic(r, what);
    match r.code {
        0 => assert!(!r.stdout.trim().is_empty(), "{what}: exit 0 without output"),
        1 => assert!(
            r.stdout.trim().is_empty(),
            "{what}: exit 1 with output {:?}",
            r.stdout
        ),
        2 => {
            assert!(r.stdout.is_empty(), "{what}: {:?}", r.stdout);
            assert!(
                !r.stderr.trim().is_empty(),
                "{what}: exit 2 without a message"
            );
        }
        c => panic!("{what}: undocumented exit code {c}: {}", r.stderr),
    }
}

#[test]
fn hostile_queries_get_results_or_a_clear_message() {
    let env = query_env();
    let long_one: String = "半导体设备国产替代".chars().cycle().take(10_000).collect();
    let long_spaced: String = ["公司", "订单", "GPU", "😀", "，"]
        .iter()
        .cycle()
        .take(2_500)
        .copied()
        .collect::<Vec<_>>()
        .join(" ")
        .chars()
        .take(10_000)
        .collect();
    let queries: Vec<String> = vec![
        String::new(),
        " ".into(),
        "\t\n".into(),
        "，。！？、；：".into(),
        "!!!".into(),
        "...".into(),
        "\"".into(),
        "\"未闭合的短语".into(),
        "“未闭合".into(),
        "”".into(),
        "-".into(),
        "--".into(),
        "-风险".into(),
        "OR".into(),
        "a OR".into(),
        "OR b".into(),
        "\"\"".into(),
        "*".into(),
        "\\".into(),
        "(".into(),
        "[a-z]+".into(),
        ".*".into(),
        "\u{1}\u{7}\u{1b}[31m\u{7f}".into(),
        "\u{200B}\u{FEFF}".into(),
        "\u{301}".into(),
        "😀".into(),
        "👨‍👩‍👧".into(),
        "ＤｅｅｐＳｅｅｋ".into(),
        "𠀀𪚥".into(),
        long_one,
        long_spaced,
    ];
    for q in &queries {
        let short: String = q.chars().take(20).collect();
        let t = Instant::now();
        let r = env.run(&["search", q]);
        check_query_run(&r, &format!("search {short:?}"));
        let m = env.run(&["mentions", q]);
        check_query_run(&m, &format!("mentions {short:?}"));
        let c = env.run(&["mentions", "--count", q]);
        check_query_run(&c, &format!("mentions --count {short:?}"));
        let j = env.run(&["search", "--json", q]);
        check_query_run(&j, &format!("search --json {short:?}"));
        if j.code == 0 {
            j.json_lines();
        }
        assert!(
            t.elapsed() < Duration::from_secs(30),
            "{short:?} took {:?}",
            t.elapsed()
        );
    }

    for q in ["", " ", "\t\n"] {
        for cmd in ["search", "mentions"] {
            let r = env.run(&[cmd, q]);
            one_line_error(&r, &format!("{cmd} {q:?}"));
            assert!(r.stderr.contains("empty"), "{}", r.stderr);
        }
    }
    let r = env.run(&["search", "\"未闭合的短语"]);
    one_line_error(&r, "unbalanced quote");
    assert!(r.stderr.contains("quote"), "{}", r.stderr);

    for q in ["ＤｅｅｐＳｅｅｋ", "deepseek", "DEEPSEEK", "😀"] {
        let r = env.run(&["search", "--json", q]);
        assert_eq!(r.code, 0, "search {q}: {}", r.stderr);
        assert_eq!(r.json_lines()[0]["path"], "ds.txt", "search {q}");
        let m = env.run(&["mentions", "--json", q]);
        assert_eq!(m.code, 0, "mentions {q}: {}", m.stderr);
        let lines = m.json_lines();
        assert_eq!(lines.len(), 1, "mentions {q}: {lines:?}");
        assert_eq!(lines[0]["path"], "ds.txt");
    }
    let m = env
        .run(&["mentions", "--json", "ＤｅｅｐＳｅｅｋ"])
        .json_lines();
    assert_eq!(m[0]["matched"], "DeepSeek", "shown as the report writes it");
    assert_eq!(m[0]["column"], 3);
    // Quotes inside a term (mentions takes the term as written).
    let m = env.run(&["mentions", "--count", "\"直引号\""]);
    assert_eq!(m.counts(), vec![("ds.txt".to_string(), 1)], "{}", m.stderr);
}

#[cfg(unix)]
#[test]
fn invalid_utf8_arguments_are_an_error_not_a_panic() {
    use std::ffi::OsStr;
    use std::os::unix::ffi::OsStrExt;
    let env = query_env();
    for cmd in ["search", "mentions"] {
        let r = Run::from(
            env.cmd()
                .arg(cmd)
                .arg(OsStr::from_bytes(b"\xFF\xFE\xB0\xEB"))
                .output()
                .unwrap(),
        );
        no_panic(&r, cmd);
        assert_eq!(r.code, 2, "{cmd}: {}", r.stderr);
        assert!(!r.stderr.trim().is_empty());
    }
}

/// `--index` pointing at a file, and `index` of a missing folder or of a
/// file: one clear line each.
#[test]
fn bad_paths_give_one_clear_line() {
    let env = Env::new();
    env.write("a.txt", format!("{PAD}路径。"));
    let file = env.reports().join("a.txt");
    let r = yb(&file, &["search", "路径"]);
    one_line_error(&r, "--index is a file");
    let r = env.run(&["index", env.dir.path().join("missing").to_str().unwrap()]);
    one_line_error(&r, "index a missing folder");
    let r = env.run(&["index", file.to_str().unwrap()]);
    one_line_error(&r, "index a file");
    assert!(r.stderr.contains("not a directory"), "{}", r.stderr);
}

#[test]
fn helpers_generate_what_the_tests_expect() {
    let t = report(7, 4096, 1);
    assert!(t.len() >= 4096);
    assert_eq!(t.matches("MARKER").count(), 1);
    assert!(t.contains(&marker(7)));
    assert_eq!(report(7, 4096, 1), t, "deterministic");
    assert_ne!(report(8, 4096, 1), t);
}
