//! What the benchmark's integration tests share.

use std::path::{Path, PathBuf};

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
