//! `index --watch`: created, changed, renamed and deleted files and
//! folders, a burst of 1,000 files, Ctrl-C in the middle of one, a root
//! that goes and comes back, a PDF still being written. After each step
//! the watched index must equal a clean build of the same folders
//! (`stats --json` and `mentions --count`, see [`crate::roots::snapshot`]).

use crate::roots::{clean_snapshot, copy_sample, small_report, snapshot};
use crate::testenv::{bin, pdf_fixtures, Env};
use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc::{channel, Receiver};
use std::time::{Duration, Instant};

/// Generous: a loaded machine runs several test binaries at once.
const DEADLINE: Duration = Duration::from_secs(60);

/// A running `yanbao index --watch`.
struct Watch {
    child: Child,
    lines: Receiver<String>,
    stdout: Vec<String>,
}

impl Watch {
    /// Starts watching `dirs` with the index of `env`, and waits for the
    /// first run's summary.
    fn start(env: &Env, dirs: &[&Path]) -> Watch {
        let mut child = Command::new(bin())
            .arg("--index")
            .arg(env.index_dir())
            .arg("index")
            .arg("--watch")
            .args(dirs)
            .env_remove("YANBAO_INDEX")
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("start yanbao index --watch");
        let (tx, lines) = channel();
        let out = child.stdout.take().unwrap();
        std::thread::spawn(move || {
            for line in BufReader::new(out).lines().map_while(Result::ok) {
                if tx.send(line).is_err() {
                    break;
                }
            }
        });
        let mut w = Watch {
            child,
            lines,
            stdout: Vec::new(),
        };
        let first = w
            .lines
            .recv_timeout(DEADLINE)
            .expect("the first run's summary");
        assert!(first.contains("reports in the index"), "{first}");
        w.stdout.push(first);
        w
    }

    /// Waits until the watched index equals a clean build of `dirs`.
    fn settles_as(&mut self, env: &Env, dirs: &[&Path], step: &str) {
        let clean = clean_snapshot(dirs);
        let started = Instant::now();
        loop {
            let now = snapshot(&env.index_dir());
            if now == clean {
                break;
            }
            if started.elapsed() > DEADLINE {
                panic!("{step}: the watched index never equalled a clean build\nwatched:\n{now}\nclean:\n{clean}\nwatch output: {:?}", self.drain());
            }
            std::thread::sleep(Duration::from_millis(200));
        }
    }

    fn drain(&mut self) -> &[String] {
        while let Ok(l) = self.lines.try_recv() {
            self.stdout.push(l);
        }
        &self.stdout
    }

    /// Ctrl-C; the exit status, what it printed on stdout and stderr.
    fn interrupt(mut self) -> (i32, Vec<String>, String) {
        // SAFETY: sends a signal to our own child process.
        unsafe {
            libc::kill(self.child.id() as i32, libc::SIGINT);
        }
        let started = Instant::now();
        let status = loop {
            if let Some(s) = self.child.try_wait().unwrap() {
                break s;
            }
            assert!(started.elapsed() < DEADLINE, "no exit after Ctrl-C");
            std::thread::sleep(Duration::from_millis(50));
        };
        let mut err = String::new();
        if let Some(mut e) = self.child.stderr.take() {
            let _ = e.read_to_string(&mut err);
        }
        // The reader thread ends with the child's stdout.
        while let Ok(l) = self.lines.recv_timeout(Duration::from_secs(5)) {
            self.stdout.push(l);
        }
        (
            status.code().unwrap_or(-1),
            std::mem::take(&mut self.stdout),
            err,
        )
    }
}

impl Drop for Watch {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Commit lines (`N added, N changed, N removed; took ...`) as counts.
fn commits(lines: &[String]) -> Vec<(usize, usize, usize)> {
    lines
        .iter()
        .filter(|l| l.contains(" added, "))
        .map(|l| {
            let n = |what: &str| -> usize {
                let end = l.find(what).unwrap();
                l[..end].rsplit(' ').next().unwrap().parse().unwrap()
            };
            (n(" added"), n(" changed"), n(" removed"))
        })
        .collect()
}

fn write(path: &Path, text: &str) {
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, text).unwrap();
}

#[test]
fn watch_follows_files_and_folders_created_changed_renamed_and_deleted() {
    let env = Env::new();
    let root = env.reports();
    copy_sample(&root, 3);
    let mut w = Watch::start(&env, &[&root]);
    let dirs = [root.as_path()];

    write(&root.join("new.txt"), &small_report("zqmark"));
    w.settles_as(&env, &dirs, "file created");
    let mut longer = small_report("zqmark");
    longer.push_str("\n第三段：公司风险提示，增长放缓。zqmark 再次出现。\n");
    write(&root.join("new.txt"), &longer);
    w.settles_as(&env, &dirs, "file changed");
    std::fs::create_dir_all(root.join("sub")).unwrap();
    std::fs::rename(root.join("new.txt"), root.join("sub/moved.txt")).unwrap();
    w.settles_as(&env, &dirs, "file renamed into a new folder");
    std::fs::rename(root.join("sub"), root.join("sub2")).unwrap();
    w.settles_as(&env, &dirs, "folder renamed");
    for i in 0..3 {
        write(
            &root.join(format!("fresh/deeper/f{i}.md")),
            &small_report(&format!("zqmark{i}")),
        );
    }
    w.settles_as(&env, &dirs, "folder created with files");
    std::fs::remove_file(root.join("sub2/moved.txt")).unwrap();
    w.settles_as(&env, &dirs, "file deleted");
    // Deleted and made again under the same name, with other content of
    // the same size: its modification time tells it apart.
    let f1 = root.join("fresh/deeper/f1.md");
    std::fs::remove_file(&f1).unwrap();
    write(&f1, &small_report("zqmarkX").replace("公司", "企业"));
    w.settles_as(&env, &dirs, "file deleted and made again");
    std::fs::remove_dir_all(root.join("fresh")).unwrap();
    w.settles_as(&env, &dirs, "folder deleted");

    let (code, out, err) = w.interrupt();
    assert_eq!(code, 130, "stdout {out:?} stderr {err}");
    let commits = commits(&out);
    assert!(commits.len() >= 8, "one line per commit: {out:?}");
    assert_eq!(
        commits.iter().map(|c| c.0).sum::<usize>(),
        commits.iter().map(|c| c.2).sum::<usize>(),
        "as many added as removed: {out:?}"
    );
}

/// 1,000 small reports written beside the root, to be copied in at once.
fn staged_burst(env: &Env) -> PathBuf {
    let staging = env.dir.path().join("staging");
    for i in 0..1000 {
        write(
            &staging.join(format!("f{i:04}.txt")),
            &small_report(&format!("zqmark{i}")),
        );
    }
    staging
}

#[test]
fn watch_takes_a_burst_of_1000_files() {
    let env = Env::new();
    let root = env.reports();
    copy_sample(&root, 2);
    let staging = staged_burst(&env);
    let mut w = Watch::start(&env, &[&root]);
    copy_folder(&staging, &root.join("burst"));
    w.settles_as(&env, &[&root], "1,000 files copied in");
    let (code, out, _) = w.interrupt();
    assert_eq!(code, 130);
    let added: usize = commits(&out).iter().map(|c| c.0).sum();
    assert_eq!(added, 1000, "{out:?}");
}

#[test]
fn ctrl_c_in_a_burst_leaves_an_index_the_next_run_completes() {
    let env = Env::new();
    let root = env.reports();
    copy_sample(&root, 2);
    let staging = staged_burst(&env);
    let w = Watch::start(&env, &[&root]);
    copy_folder(&staging, &root.join("burst"));
    // Into the pass that reads the burst (or just before it).
    std::thread::sleep(Duration::from_millis(700));
    let (code, out, err) = w.interrupt();
    assert_eq!(code, 130, "stdout {out:?} stderr {err}");
    let r = env.run(&["index"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(snapshot(&env.index_dir()), clean_snapshot(&[&root]));
}

#[test]
fn watch_survives_a_root_that_goes_and_comes_back() {
    let env = Env::new();
    let a = env.dir.path().join("a");
    let b = env.dir.path().join("b");
    copy_sample(&a, 2);
    copy_sample(&b, 2);
    write(&b.join("mark.txt"), &small_report("zqmark"));
    let mut w = Watch::start(&env, &[&a, &b]);
    let away = env.dir.path().join("b-away");
    std::fs::rename(&b, &away).unwrap();
    // A change elsewhere makes a pass, which keeps b's reports.
    write(&a.join("a-new.txt"), &small_report("zqmarkA"));
    let started = Instant::now();
    loop {
        let c = env.run(&["mentions", "--count", "zqmarkA"]);
        if c.code == 0 {
            break;
        }
        assert!(started.elapsed() < DEADLINE, "a's new file never indexed");
        std::thread::sleep(Duration::from_millis(200));
    }
    assert_eq!(
        env.run(&["mentions", "--count", "zqmark"]).counts().len(),
        2,
        "b's reports are kept while it is away"
    );
    // Back, with a change made while it was away.
    write(&away.join("while-away.txt"), &small_report("zqmarkB"));
    std::fs::rename(&away, &b).unwrap();
    w.settles_as(&env, &[&a, &b], "root back");
    write(&b.join("after.txt"), &small_report("zqmarkC"));
    w.settles_as(&env, &[&a, &b], "a change in the root that came back");
    let (code, _, err) = w.interrupt();
    assert_eq!(code, 130);
    assert!(err.contains("root not found"), "{err}");
}

#[test]
fn watch_waits_for_a_pdf_still_being_written() {
    let env = Env::new();
    let root = env.reports();
    copy_sample(&root, 1);
    let pdf = std::fs::read(pdf_fixtures().join("report_ttf.pdf")).unwrap();
    let mut w = Watch::start(&env, &[&root]);
    let target = root.join("slow.pdf");
    // Written in pieces, with pauses longer than a pass waits for quiet.
    let mut f = std::fs::File::create(&target).unwrap();
    for chunk in pdf.chunks(pdf.len() / 4 + 1) {
        use std::io::Write;
        f.write_all(chunk).unwrap();
        f.flush().unwrap();
        std::thread::sleep(Duration::from_millis(1500));
    }
    drop(f);
    w.settles_as(&env, &[&root], "PDF written");
    let (code, out, err) = w.interrupt();
    assert_eq!(code, 130);
    assert!(!err.contains("slow.pdf"), "read before it was whole: {err}");
    let commits = commits(&out);
    let added: usize = commits.iter().map(|c| c.0).sum();
    let changed: usize = commits.iter().map(|c| c.1).sum();
    assert_eq!((added, changed), (1, 0), "indexed once, whole: {out:?}");
}

/// Copies the files of `from` into `to` one after another, as fast as
/// they go (a `cp -r`).
fn copy_folder(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    let mut files: Vec<PathBuf> = std::fs::read_dir(from)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    for f in files {
        std::fs::copy(&f, to.join(f.file_name().unwrap())).unwrap();
    }
}
