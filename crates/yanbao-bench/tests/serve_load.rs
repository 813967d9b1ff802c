//! `yanbao-bench serve` in short mode on the sample corpus: every request of the load
//! answers, and the server answers from the commits `yanbao index` made meanwhile
//! (nothing is asserted about time).

mod common;

use common::yanbao_binary;
use std::path::Path;
use std::process::Command;

#[test]
fn the_server_answers_every_request_and_follows_the_commits() {
    let yanbao = yanbao_binary();
    let corpus = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../corpus");
    let work = tempfile::tempdir().unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_yanbao-bench"))
        .args(["serve", "--clients", "8", "--seconds", "3", "--corpus"])
        .arg(&corpus)
        .arg("--yanbao")
        .arg(&yanbao)
        .arg("--work")
        .arg(work.path())
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    println!("{stdout}");
    eprintln!("{}", String::from_utf8_lossy(&out.stderr));
    assert!(out.status.success(), "yanbao-bench serve failed");
    // One `errors:` line per phase: in-process, load, page load.
    let error_lines: Vec<&str> = stdout
        .lines()
        .map(str::trim)
        .filter(|l| l.starts_with("errors:"))
        .collect();
    assert_eq!(error_lines, ["errors: 0"; 3], "errors were printed");
    assert!(
        stdout.contains("picked up new commits: yes"),
        "the server did not answer from the last commit"
    );
    let requests: usize = stdout
        .lines()
        .find_map(|l| l.trim().strip_prefix("requests: "))
        .and_then(|l| l.split(',').next())
        .and_then(|n| n.parse().ok())
        .expect("a requests: line");
    assert!(requests > 0, "no request was made");
    let runs: usize = stdout
        .lines()
        .find_map(|l| {
            l.trim()
                .strip_prefix("index runs completed during the load: ")
        })
        .and_then(|l| l.split_whitespace().next())
        .and_then(|n| n.parse().ok())
        .expect("an index runs line");
    assert!(runs >= 1, "no index run completed during the load");
}
