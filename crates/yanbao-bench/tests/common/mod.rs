//! What the benchmark's integration tests share.

use std::path::{Path, PathBuf};
use std::process::Command;

/// The `yanbao` binary of the same build, next to this crate's `yanbao-bench`
/// (`target/<profile>/`): a test cannot name another package's binary, so
/// `cargo test --workspace` (or `cargo build --workspace`) must have built it.
pub fn yanbao_binary() -> PathBuf {
    let bench = Path::new(env!("CARGO_BIN_EXE_yanbao-bench"));
    let name = format!("yanbao{}", std::env::consts::EXE_SUFFIX);
    let yanbao = bench.with_file_name(name);
    assert!(
        yanbao.is_file(),
        "no yanbao binary at {}: build it first with the same profile, e.g. \
         `cargo build --release --workspace`, or run `cargo test --release --workspace`",
        yanbao.display()
    );
    yanbao
}

/// Runs `yanbao-bench ARGS --corpus corpus/ --yanbao BIN --work TMP`, prints what it said,
/// asserts it succeeded and returns its standard output.
pub fn bench_on_sample_corpus(args: &[&str]) -> String {
    let yanbao = yanbao_binary();
    let corpus = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../corpus");
    let work = tempfile::tempdir().unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_yanbao-bench"))
        .args(args)
        .arg("--corpus")
        .arg(&corpus)
        .arg("--yanbao")
        .arg(&yanbao)
        .arg("--work")
        .arg(work.path())
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
    println!("{stdout}");
    eprintln!("{}", String::from_utf8_lossy(&out.stderr));
    assert!(out.status.success(), "yanbao-bench {args:?} failed");
    stdout
}
