//! The printed report: column helpers (display width of CJK text, padding, number formats) and
//! the tables of the run.

use super::builds::BuildFigures;
use super::queries::QueryResult;
use super::{RunOpts, Setup};
use crate::numbers::{push_thousands, MB};
use serde_json::Value;

/// Terminal display width: CJK and full-width characters take two columns.
fn display_width(s: &str) -> usize {
    s.chars()
        .map(|c| match c as u32 {
            0x1100..=0x115F
            | 0x2E80..=0xA4CF
            | 0xAC00..=0xD7A3
            | 0xF900..=0xFAFF
            | 0xFE30..=0xFE4F
            | 0xFF00..=0xFF60
            | 0xFFE0..=0xFFE6
            | 0x20000..=0x3FFFD => 2,
            _ => 1,
        })
        .sum()
}

/// `s` padded with spaces on the right to `width` display columns.
fn pad(s: &str, width: usize) -> String {
    let w = display_width(s);
    let mut out = s.to_string();
    for _ in w..width {
        out.push(' ');
    }
    out
}

/// `s` padded with spaces on the left to `width` display columns.
fn lpad(s: &str, width: usize) -> String {
    let w = display_width(s);
    let mut out = String::new();
    for _ in w..width {
        out.push(' ');
    }
    out.push_str(s);
    out
}

/// Cuts to at most `max` display columns, marking the cut with "…".
pub fn clip(s: &str, max: usize) -> String {
    if display_width(s) <= max {
        return s.to_string();
    }
    let mut out = String::new();
    for c in s.chars() {
        if display_width(&out) + display_width(c.encode_utf8(&mut [0; 4])) + 1 > max {
            break;
        }
        out.push(c);
    }
    out.push('…');
    out
}

/// Bytes as decimal megabytes, one decimal: "12.3 MB".
pub fn fmt_mb(bytes: u64) -> String {
    format!("{:.1} MB", bytes as f64 / MB)
}

fn fmt_secs(s: f64) -> String {
    if s < 10.0 {
        format!("{s:.3} s")
    } else {
        format!("{s:.1} s")
    }
}

fn fmt_ms(v: Option<f64>) -> String {
    match v {
        Some(ms) if ms >= 100.0 => format!("{ms:.0}"),
        Some(ms) => format!("{ms:.1}"),
        None => "-".to_string(),
    }
}

/// `num / den` where both are known, `den` positive and `num` finite.
pub fn ratio(num: Option<f64>, den: Option<f64>) -> Option<f64> {
    match (num, den) {
        (Some(a), Some(b)) if b > 0.0 && a.is_finite() => Some(a / b),
        _ => None,
    }
}

fn fmt_ratio(r: Option<f64>) -> String {
    match r {
        Some(x) if x >= 10.0 => format!("{x:.0}x"),
        Some(x) => format!("{x:.1}x"),
        None => "-".to_string(),
    }
}

/// A count with a comma between thousands, or "-".
fn fmt_count(n: Option<u64>) -> String {
    match n {
        None => "-".to_string(),
        Some(n) => {
            let mut out = String::new();
            push_thousands(&mut out, n as f64, 0);
            out
        }
    }
}

/// The runs behind a median, one decimal each: "57.1, 55.4, 57.5".
fn one_decimal_list(values: &[f64]) -> String {
    values
        .iter()
        .map(|v| format!("{v:.1}"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// The head of the report: what is measured, on what.
pub fn print_setup(opts: &RunOpts, s: &Setup) {
    println!(
        "yanbao-bench run{}",
        if opts.short { " --short" } else { "" }
    );
    println!(
        "  corpus   {}: {} files (.txt/.md), {}",
        s.corpus.display(),
        fmt_count(Some(s.files as u64)),
        fmt_mb(s.corpus_bytes)
    );
    println!("  yanbao   {}", s.yanbao.display());
    match &s.rg_ver {
        Some(v) => println!("  rg       {v}"),
        None => println!(
            "  rg       not installed ({}): rg columns skipped",
            opts.rg.display()
        ),
    }
    println!(
        "  machine  {} cores; page cache warmed; timings are whole-process wall clock",
        s.cores
    );
    println!();
}

/// The "Index build" table: the builds, the index, the re-index, then the probes beside them.
pub fn print_builds(f: &BuildFigures, corpus_bytes: u64) {
    println!("Index build");
    println!(
        "  full build             {:>10}   {:>7.1} MB/s   peak RSS {:.1} MB   (median of {}: {})",
        fmt_secs(f.build_median),
        f.build_mbps,
        f.peak_rss_kb as f64 / 1024.0,
        f.build_secs.len(),
        f.build_secs
            .iter()
            .map(|s| fmt_secs(*s).trim().to_string())
            .collect::<Vec<_>>()
            .join(", ")
    );
    let stat_note = f
        .stats
        .as_ref()
        .map(|s| {
            let g = |k: &str| s.get(k).and_then(Value::as_u64);
            format!(
                "   (stats: {} reports, {} passages)",
                fmt_count(g("reports")),
                fmt_count(g("passages"))
            )
        })
        .unwrap_or_default();
    println!(
        "  index size             {:>10}   {:.2}x corpus{stat_note}",
        fmt_mb(f.index_bytes),
        f.index_bytes as f64 / corpus_bytes.max(1) as f64
    );
    if let Some(last) = f
        .build
        .stdout_head
        .lines()
        .rev()
        .find(|l| !l.trim().is_empty())
    {
        println!("  yanbao index said      {}", clip(last.trim(), 90));
    }
    println!(
        "  re-index (no change)   {:>10}   {:.1}% of full build",
        fmt_secs(f.reindex.secs),
        f.reindex_pct
    );
    print_jieba(f);
    print_plain(f, corpus_bytes);
    println!();
}

/// jieba's line of the build table, and the build's throughput as a share of it.
fn print_jieba(f: &BuildFigures) {
    let sample_note = if f
        .jieba
        .get("sampled")
        .and_then(Value::as_bool)
        .unwrap_or(false)
    {
        format!(
            "on a deterministic {} sample of the corpus",
            fmt_mb(
                f.jieba
                    .get("sample_bytes")
                    .and_then(Value::as_u64)
                    .unwrap_or(0)
            )
        )
    } else {
        "on the whole corpus".to_string()
    };
    println!(
        "  jieba-rs cut (1 core)  {:>7.1} MB/s  {sample_note} (median of {}: {}; dictionary load {:.2} s, excluded)",
        f.jieba_mbps.unwrap_or(0.0),
        f.jieba_runs.len(),
        one_decimal_list(&f.jieba_runs),
        f.jieba
            .get("dict_load_seconds")
            .and_then(Value::as_f64)
            .unwrap_or(0.0)
    );
    println!(
        "  build vs jieba         {:>10}   build MB/s as % of single-core jieba cut MB/s",
        f.build_pct
            .map(|p| format!("{p:.0}%"))
            .unwrap_or_else(|| "-".into())
    );
}

/// The plain indexer's lines of the build table, and the build's throughput over it.
fn print_plain(f: &BuildFigures, corpus_bytes: u64) {
    match f.plain_mbps {
        Some(mbps) => {
            let g = |k: &str| f.plain.get(k).and_then(Value::as_f64).unwrap_or(0.0);
            let index_bytes = f
                .plain
                .get("index_bytes")
                .and_then(Value::as_u64)
                .unwrap_or(0);
            println!(
                "  plain 1-field indexer  {:>7.1} MB/s  one text field (jieba cut words, positions, stored), 1 indexing thread, whole corpus (median of {}: {})",
                mbps,
                f.plain_runs.len(),
                one_decimal_list(&f.plain_runs),
            );
            println!(
                "                                       timed: reading files, indexing, commit, merges; dictionary load {:.2} s excluded; index {} ({:.2}x corpus)",
                g("dict_load_seconds"),
                fmt_mb(index_bytes),
                index_bytes as f64 / corpus_bytes.max(1) as f64
            );
        }
        None => println!(
            "  plain 1-field indexer          -   probe failed: {}",
            clip(
                f.plain
                    .get("error")
                    .and_then(Value::as_str)
                    .unwrap_or("no output"),
                100
            )
        ),
    }
    println!(
        "  build vs plain indexer {:>10}   yanbao build MB/s / plain indexer MB/s",
        f.build_over_plain
            .map(|r| format!("{r:.2}x"))
            .unwrap_or_else(|| "-".into())
    );
}

/// The PDF extraction line, before the queries.
pub fn print_pdf(pdf: Option<&str>) {
    match pdf {
        Some(line) => println!("{line}\n"),
        None => println!("PDF extraction: no .pdf files in the corpus\n"),
    }
}

/// The query table: one row per query, yanbao next to rg, then the notes under it.
pub fn print_queries(results: &[QueryResult], runs: usize, harness_rss_kb: u64) {
    println!(
        "Queries: median whole-process latency in ms over {runs} runs (after one warm-up run)"
    );
    let header = [
        pad("kind", 8),
        pad("query", 22),
        lpad("search", 8),
        lpad("rg -F", 8),
        lpad("rg/yb", 6),
        " |".into(),
        lpad("mentions", 9),
        lpad("rg -c", 8),
        lpad("rg/yb", 6),
        " |".into(),
        lpad("count", 11),
        lpad("rg lines", 11),
    ]
    .concat();
    println!("  {header}");
    for r in results {
        println!("  {}", query_row(r));
    }
    println!("  count = yanbao mentions --count; rg lines = sum of rg -F -c (matching lines in raw files)");
    println!("  stdout of every command is drained through a pipe (rg stops early when writing to /dev/null)");
    let search_rss = results
        .iter()
        .flat_map(|r| r.search.iter().map(|m| m.maxrss_kb))
        .max()
        .unwrap_or(0);
    println!(
        "  peak RSS of yanbao search: {:.1} MB (harness itself: {:.1} MB, a floor for child figures on Linux)",
        search_rss as f64 / 1024.0,
        harness_rss_kb as f64 / 1024.0
    );
}

/// A query's row: its medians ("FAIL" where a yanbao run failed), rg's over them, the counts.
fn query_row(r: &QueryResult) -> String {
    let f = r.figures();
    let cell = |failed: bool, med: Option<f64>| {
        if failed {
            "FAIL".to_string()
        } else {
            fmt_ms(med)
        }
    };
    [
        pad(&r.kind, 8),
        pad(&clip(&r.text, 21), 22),
        lpad(&cell(f.search_failed, f.search), 8),
        lpad(&fmt_ms(f.rg_search), 8),
        lpad(&fmt_ratio(ratio(f.rg_search, f.search)), 6),
        " |".into(),
        lpad(&cell(f.mentions_failed, f.mentions), 9),
        lpad(&fmt_ms(f.rg_count), 8),
        lpad(&fmt_ratio(ratio(f.rg_count, f.mentions)), 6),
        " |".into(),
        // Wide enough for counts in the millions (1 GB corpora).
        lpad(&fmt_count(f.count), 11),
        lpad(&fmt_count(f.rg_lines), 11),
    ]
    .concat()
}

/// The yanbao commands that failed, if any.
/// The report-data commands: whole-process median per command.
pub fn print_report_data(data: &[super::report_data::DataCommand]) {
    if data.is_empty() {
        return;
    }
    println!("\nreport data (whole process, median ms)");
    for d in data {
        let ms =
            super::measure::med_ms(&d.runs).map_or("failed".to_string(), |m| format!("{m:.1}"));
        println!("  {:>8}  yanbao {}", ms, d.label);
    }
}

pub fn print_failures(failures: &[String]) {
    if !failures.is_empty() {
        println!();
        println!("FAILED yanbao commands:");
        for f in failures {
            println!("  {f}");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn widths_and_padding() {
        assert_eq!(display_width("abc"), 3);
        assert_eq!(display_width("芯片"), 4);
        assert_eq!(display_width("（）"), 4);
        assert_eq!(pad("芯片", 6), "芯片  ");
        assert_eq!(lpad("12", 4), "  12");
        assert_eq!(pad("toolong", 3), "toolong");
        let c = clip("一二三四五六七八九十", 9);
        assert!(display_width(&c) <= 9, "{c}");
        assert!(c.ends_with('…'));
        assert_eq!(fmt_count(Some(1234567)), "1,234,567");
        assert_eq!(fmt_ratio(ratio(Some(50.0), Some(2.0))), "25x");
        assert_eq!(fmt_ratio(ratio(Some(1.0), Some(0.0))), "-");
        assert_eq!(fmt_ms(Some(12.345)), "12.3");
        assert_eq!(fmt_ms(Some(1234.5)), "1234");
        assert_eq!(fmt_secs(1.23456), "1.235 s");
        assert_eq!(fmt_secs(42.42), "42.4 s");
    }
}
