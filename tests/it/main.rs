//! yanbao's integration tests, in one test binary.
//!
//! Every file of `tests/` used to be a binary of its own, and each one is a
//! fat-LTO link in `cargo test --release`: one binary links once. The
//! layout follows fd's `tests/` and ripgrep's `tests/`: one module per
//! subject, and a shared harness ([`testenv`]) for driving the `yanbao`
//! binary in a scratch folder.
//!
//! Run one module with `cargo test --release --test it cli::`, one test
//! by (part of) its name.

mod testenv;

mod cli;
mod eval_sections;
mod eval_structure;
mod filters;
mod junk;
mod latin_variants;
mod mentions;
mod pdf;
mod properties;
mod ranking;
mod report_data;
mod robustness;
mod roots;
mod search_ties;
mod sections_filters;
mod serve;
mod serve_browser;
mod ticker_forms;
mod titles;
mod watch;
