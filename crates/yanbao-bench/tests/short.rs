//! The benchmark harness's short mode on the sample corpus: it must run
//! end to end and print its figures (nothing is asserted about time).

mod common;

use common::yanbao_binary;
use std::path::Path;
use std::process::Command;

#[test]
fn short_mode_runs_on_the_sample_corpus() {
    let yanbao = yanbao_binary();
    let corpus = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../corpus");
    let work = tempfile::tempdir().unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_yanbao-bench"))
        .args(["run", "--short", "--corpus"])
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
    assert!(out.status.success(), "yanbao-bench failed");
    for figure in ["MB/s", "RSS", "median"] {
        assert!(stdout.contains(figure), "no {figure} in the report");
    }
}
