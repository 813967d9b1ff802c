//! `yanbao-bench-answers INDEX QUERIES.json`: the in-process phase of `yanbao-bench serve`
//! (see `yanbao_bench::in_process`), in a process set up as `yanbao serve`'s. Exit status:
//! 0 when every query answered, 1 when some did not, 2 on an error.

use std::process::ExitCode;

/// As in `yanbao`'s own binary: the server's allocator.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [index, queries] = args.as_slice() else {
        eprintln!("usage: yanbao-bench-answers INDEX QUERIES.json");
        return ExitCode::from(2);
    };
    let run = || -> anyhow::Result<usize> {
        let raw = std::fs::read_to_string(queries)
            .map_err(|e| anyhow::anyhow!("reading queries file {queries}: {e}"))?;
        let queries = yanbao_bench::in_process::parse_queries(&raw)?;
        yanbao_bench::in_process::measure(std::path::Path::new(index), &queries)
    };
    match run() {
        Ok(0) => ExitCode::SUCCESS,
        Ok(_) => ExitCode::from(1),
        Err(e) => {
            eprintln!("yanbao-bench-answers: {e:#}");
            ExitCode::from(2)
        }
    }
}
