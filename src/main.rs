mod cli;

use clap::Parser;
use cli::args::{Cli, Color, Command, DataFormat, Sort};
use cli::commands;
use cli::exit_codes::{found_or_not, ERROR, INTERRUPTED};
use cli::printer::Printer;
use cli::progress::TerminalProgress;
use cli::report_data;
use std::io::{IsTerminal, Write};
use std::process::ExitCode;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

/// Indexing allocates and frees millions of small buffers (passages,
/// tokens, documents) on two threads while tantivy's arenas come and go:
/// with mimalloc a build of `../shared/corpora` takes 12% less CPU than
/// with glibc's allocator, and peak RSS stays flat with the corpus size.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    match run() {
        Ok(code) => code,
        Err(err) => {
            // A closed pipe (`yanbao search x | head`) is not an error worth a message.
            if err
                .downcast_ref::<std::io::Error>()
                .is_some_and(|e| e.kind() == std::io::ErrorKind::BrokenPipe)
            {
                return ExitCode::from(0);
            }
            let msg = format!("{err:#}").replace('\n', " ");
            eprintln!("yanbao: {msg}");
            ExitCode::from(ERROR)
        }
    }
}

/// A one-shot query touches a few MB of fresh memory once. mimalloc asks for
/// transparent huge pages where the system allows them on request, and the
/// kernel then zeroes 2 MB for each first touch: in `search 风险` on a 1 GB
/// corpus, 15% of the samples were in that zeroing, and without huge pages
/// the command took about 5% less time. Builds and the server keep huge
/// pages, which they reuse.
fn no_huge_pages() {
    #[cfg(target_os = "linux")]
    // SAFETY: PR_SET_THP_DISABLE takes plain integers and changes only this
    // process's memory policy; a kernel without it returns an error, ignored.
    unsafe {
        libc::prctl(libc::PR_SET_THP_DISABLE, 1, 0, 0, 0);
    }
}

fn use_color(choice: Color) -> bool {
    match choice {
        Color::Always => true,
        Color::Never => false,
        Color::Auto => std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none(),
    }
}

fn run() -> anyhow::Result<ExitCode> {
    let cli = Cli::parse_from(cli::args::protect_hyphen_terms(
        std::env::args_os().collect(),
    ));
    let index_dir = cli.index.clone().unwrap_or_else(yanbao::default_index_dir);
    if !matches!(cli.command, Command::Index { .. } | Command::Serve { .. }) {
        no_huge_pages();
    }
    let stdout = std::io::stdout().lock();
    match cli.command {
        Command::Index {
            dirs,
            forget,
            watch,
            dict,
            strict,
            json,
        } => {
            let stop = Arc::new(AtomicBool::new(false));
            let flag = stop.clone();
            // A second Ctrl-C exits at once; the first asks for a clean stop.
            let _ = ctrlc::set_handler(move || {
                if flag.swap(true, Ordering::SeqCst) {
                    std::process::exit(i32::from(INTERRUPTED));
                }
            });
            let opts = yanbao::IndexOptions {
                roots: dirs,
                forget,
                dict,
                stop,
            };
            let progress = TerminalProgress::new(std::io::stderr().is_terminal());
            let mut out = stdout;
            let summary = if watch {
                let quiet = TerminalProgress::new(false);
                let mut first = true;
                let mut print = |s: &yanbao::IndexSummary| {
                    let line = if json {
                        serde_json::to_string(s).unwrap_or_default()
                    } else if first {
                        commands::summary_line(s)
                    } else {
                        commands::commit_line(s)
                    };
                    // A closed stdout stops nothing: the index is what matters.
                    let _ = writeln!(out, "{line}").and_then(|()| out.flush());
                    if first {
                        eprintln!("yanbao: watching the index's folders; Ctrl-C to stop");
                        first = false;
                    }
                };
                yanbao::index::watch(&index_dir, &opts, &progress, &quiet, &mut print)?
            } else {
                let summary = yanbao::index(&index_dir, &opts, &progress)?;
                if json {
                    writeln!(out, "{}", serde_json::to_string(&summary)?)?;
                } else {
                    writeln!(out, "{}", commands::summary_line(&summary))?;
                }
                summary
            };
            Ok(ExitCode::from(if summary.interrupted {
                INTERRUPTED
            } else if strict && summary.skipped > 0 {
                ERROR
            } else {
                0
            }))
        }
        Command::Search {
            query,
            limit,
            json,
            color,
            boilerplate,
            all,
            per_report,
            group,
            facets,
            filters,
        } => {
            let mut printer = Printer::new(stdout, !json && use_color(color));
            let found = commands::search(
                &index_dir,
                &query.join(" "),
                commands::SearchFlags {
                    limit,
                    json,
                    boilerplate,
                    all,
                    per_report,
                    by_report: group.is_some(),
                    facets: facets.as_deref(),
                },
                &filters,
                &mut printer,
            )?;
            Ok(found_or_not(found))
        }
        Command::Reports {
            query,
            sort,
            limit,
            json,
            csv,
            facets,
            color,
            filters,
        } => {
            let format = DataFormat::of(json, csv);
            let mut printer = Printer::new(stdout, format == DataFormat::Table && use_color(color));
            let found = report_data::reports(
                &index_dir,
                report_data::ReportsArgs {
                    query: (!query.is_empty()).then(|| query.join(" ")),
                    sort: sort.map(|s| match s {
                        Sort::Date => yanbao::query::ReportSort::Date,
                        Sort::Relevance => yanbao::query::ReportSort::Relevance,
                    }),
                    limit,
                    format,
                    facets: facets.as_deref(),
                    filters: &filters,
                },
                &mut printer,
            )?;
            Ok(found_or_not(found))
        }
        Command::Ticker {
            code,
            mentions,
            json,
            csv,
        } => {
            let mut printer = Printer::new(stdout, false);
            let found = report_data::ticker(
                &index_dir,
                &code,
                mentions,
                DataFormat::of(json, csv),
                &mut printer,
            )?;
            Ok(found_or_not(found))
        }
        Command::Mentions {
            term,
            json,
            count,
            files,
            names,
            loose,
            aliases,
            color,
            filters,
        } => {
            let mode = if json {
                commands::MentionMode::Json
            } else if count {
                commands::MentionMode::Count
            } else if files {
                commands::MentionMode::Files
            } else {
                commands::MentionMode::Lines
            };
            let mut printer = Printer::new(stdout, !json && use_color(color));
            let found = commands::mentions(
                &index_dir,
                &term,
                commands::MentionFlags { mode, names, loose },
                aliases.as_deref(),
                &filters,
                &mut printer,
            )?;
            Ok(found_or_not(found))
        }
        Command::Tickers {
            json,
            limit,
            aliases,
        } => {
            let mut printer = Printer::new(stdout, false);
            let found =
                commands::tickers(&index_dir, json, limit, aliases.as_deref(), &mut printer)?;
            Ok(found_or_not(found))
        }
        Command::Show { path, json, text } => {
            let mut printer = Printer::new(stdout, false);
            commands::show(&index_dir, &path, json, text, &mut printer)?;
            Ok(ExitCode::from(0))
        }
        Command::ExtractPdf { path } => {
            // A panic in a parser is a damaged file, which run_extractor
            // reports in one line: no panic message besides.
            std::panic::set_hook(Box::new(|_| {}));
            let mut out = stdout;
            let mut err = std::io::stderr().lock();
            let extracted = yanbao::pdf::child::run_extractor(&path, &mut out, &mut err);
            // 3: no text from this file; stderr says why (read by `index`).
            Ok(ExitCode::from(if extracted { 0 } else { 3 }))
        }
        Command::Stats { json } => {
            let mut printer = Printer::new(stdout, false);
            commands::stats(&index_dir, json, &mut printer)?;
            Ok(ExitCode::from(0))
        }
        Command::Serve { addr, open } => {
            commands::serve(&index_dir, addr, open, stdout)?;
            Ok(ExitCode::from(0))
        }
    }
}
