//! `yanbao-bench serve` in short mode on the sample corpus: every request of the load
//! answers, and the server answers from the commits `yanbao index` made meanwhile
//! (nothing is asserted about time).

mod common;

use common::bench_on_sample_corpus;

#[test]
fn the_server_answers_every_request_and_follows_the_commits() {
    let stdout = bench_on_sample_corpus(&["serve", "--clients", "8", "--seconds", "3"]);
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
