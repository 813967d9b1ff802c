//! The benchmark harness's short mode on the sample corpus: it must run
//! end to end and print its figures (nothing is asserted about time).

mod common;

use common::bench_on_sample_corpus;

#[test]
fn short_mode_runs_on_the_sample_corpus() {
    let stdout = bench_on_sample_corpus(&["run", "--short"]);
    for figure in ["MB/s", "RSS", "median"] {
        assert!(stdout.contains(figure), "no {figure} in the report");
    }
}
