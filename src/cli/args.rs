//! Command-line interface (clap derive).

use clap::{Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

#[derive(Debug, Parser)]
#[command(
    name = "yanbao",
    version,
    about = "Local full-text search for Chinese research reports (研报)"
)]
pub struct Cli {
    /// Index folder [default: .yanbao in the current directory]
    #[arg(long, global = true, env = "YANBAO_INDEX", value_name = "PATH")]
    pub index: Option<PathBuf>,

    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Clone, Copy, ValueEnum, PartialEq, Eq)]
pub enum Color {
    Auto,
    Always,
    Never,
}

#[derive(Debug, Clone, clap::Args)]
pub struct ReportFilters {
    /// Only passages of this section (summary, advice, risk, forecast, analyst, disclaimer, rating-scale, body); repeatable
    #[arg(long = "section", value_name = "NAME")]
    pub sections: Vec<String>,
    /// Only reports of this broker (e.g. 华安证券, or 华安 if no other broker contains it)
    #[arg(long)]
    pub broker: Option<String>,
    /// Only reports by this analyst (the name, or an unambiguous part of it)
    #[arg(long)]
    pub analyst: Option<String>,
    /// Only reports dated on or after this day (YYYY-MM-DD); undated reports are left out
    #[arg(long, value_name = "DATE")]
    pub since: Option<String>,
    /// Only reports dated on or before this day (YYYY-MM-DD); undated reports are left out
    #[arg(long, value_name = "DATE")]
    pub until: Option<String>,
    /// Only reports with this rating (e.g. 买入; 强烈 for 强烈推荐 if unambiguous), or of
    /// this level at any broker (buy, outperform, neutral, underperform, sell)
    #[arg(long)]
    pub rating: Option<String>,
    /// Only reports that mention this ticker (any written form)
    #[arg(long, value_name = "CODE")]
    pub ticker: Option<String>,
}

impl ReportFilters {
    /// The filters as the library takes them.
    pub fn to_filter(&self) -> yanbao::ReportFilter {
        yanbao::ReportFilter {
            sections: self.sections.clone(),
            broker: self.broker.clone(),
            analyst: self.analyst.clone(),
            since: self.since.clone(),
            until: self.until.clone(),
            rating: self.rating.clone(),
            ticker: self.ticker.clone(),
        }
    }
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Index folders of reports (.txt, .md, .pdf), incrementally
    ///
    /// Each DIR is added to the index's folders (its roots); every root is
    /// brought up to date. Without DIR, the roots the index holds.
    Index {
        /// Folders to add to the index (none: update the index's roots)
        dirs: Vec<PathBuf>,
        /// Remove this root and its reports from the index (a path, even
        /// one gone from disk, or the root's name as shown); repeatable
        #[arg(long, value_name = "DIR")]
        forget: Vec<PathBuf>,
        /// After indexing, keep watching the roots and index every change
        /// (Ctrl-C to stop)
        #[arg(long)]
        watch: bool,
        /// User dictionary in jieba's format (word [freq] [tag] per line), kept with the index
        #[arg(long, value_name = "FILE")]
        dict: Option<PathBuf>,
        /// Exit with status 2 when any file was skipped
        #[arg(long)]
        strict: bool,
        /// Print the summary as JSON
        #[arg(long)]
        json: bool,
    },
    /// The best matching passages for a query
    Search {
        /// Terms (ANDed), "quoted phrases", OR, -excluded
        #[arg(required = true, num_args = 1..)]
        query: Vec<String>,
        /// Number of passages to show (at least 1)
        #[arg(long, short = 'n', default_value_t = 10, value_parser = passages_to_show)]
        limit: usize,
        /// JSON Lines, one result per line
        #[arg(long)]
        json: bool,
        #[arg(long, value_enum, default_value_t = Color::Auto)]
        color: Color,
        /// Include boilerplate: repeated legal text (disclaimers, rating
        /// scales), tables of contents and cover blocks
        #[arg(long)]
        boilerplate: bool,
        /// Include everything, page headers and footers too
        #[arg(long)]
        all: bool,
        /// Passages of one report shown at most (0: no limit); the others
        /// are counted as `+k more in this report`
        #[arg(long, value_name = "N", default_value_t = 2)]
        per_report: usize,
        /// One line per report, with its best passage
        #[arg(long, value_enum, value_name = "BY")]
        group: Option<Group>,
        /// Also count the matching reports by these facets (comma-separated: broker,
        /// rating, month, type, ticker, section)
        #[arg(long, value_name = "LIST")]
        facets: Option<String>,
        #[command(flatten)]
        filters: ReportFilters,
    },
    /// One row per report: date, broker, rating and its change, target price, tickers,
    /// title; with a query, the reports that answer it and their best passage
    Reports {
        /// Terms as for `search` (without: every report, newest first)
        query: Vec<String>,
        /// Order: date (newest first) or relevance (needs a query) [default: relevance
        /// with a query, else date]
        #[arg(long, value_enum)]
        sort: Option<Sort>,
        /// Reports to list (0: all)
        #[arg(long, short = 'n', default_value_t = 50)]
        limit: usize,
        /// JSON Lines, one report per line (then the facets)
        #[arg(long, conflicts_with = "csv")]
        json: bool,
        /// CSV with a header line
        #[arg(long)]
        csv: bool,
        /// Count the listed reports by these facets (comma-separated: broker, rating,
        /// month, type, ticker, section)
        #[arg(long, value_name = "LIST")]
        facets: Option<String>,
        #[arg(long, value_enum, default_value_t = Color::Auto)]
        color: Color,
        #[command(flatten)]
        filters: ReportFilters,
    },
    /// A company's reports in date order: rating and its change, target price, next
    /// year's EPS; a summary of ratings and the median target price
    Ticker {
        /// The code in any written form (600519, 600519.SH, 0700.HK...) or the company's name
        code: String,
        /// Also the reports that only mention it
        #[arg(long)]
        mentions: bool,
        /// One JSON object: the rows and the summary
        #[arg(long, conflicts_with = "csv")]
        json: bool,
        /// CSV with a header line
        #[arg(long)]
        csv: bool,
    },
    /// Every occurrence of a ticker, company or phrase
    Mentions {
        /// Term, ticker (600519, 600519.SH, 0700.HK...) or company name
        term: String,
        /// JSON Lines, one occurrence per line
        #[arg(long, conflicts_with_all = ["count", "files"])]
        json: bool,
        /// One `path<TAB>count` line per file
        #[arg(long, short = 'c', conflicts_with = "files")]
        count: bool,
        /// Only the paths of files with an occurrence
        #[arg(long, short = 'l')]
        files: bool,
        /// Widen a ticker to its company names, and a name to its ticker
        #[arg(long)]
        names: bool,
        /// Also the term's other Latin spellings across a space or a hyphen
        /// (Mini LED = MiniLED = Mini-LED, iPhone 16 = iPhone16)
        #[arg(long)]
        loose: bool,
        /// Extra aliases, CSV `code,name`
        #[arg(long, value_name = "FILE")]
        aliases: Option<PathBuf>,
        #[arg(long, value_enum, default_value_t = Color::Auto)]
        color: Color,
        #[command(flatten)]
        filters: ReportFilters,
    },
    /// The tickers mentioned in the corpus, most mentioned first
    Tickers {
        #[arg(long)]
        json: bool,
        /// Number of tickers to show (0: all)
        #[arg(long, short = 'n', default_value_t = 0)]
        limit: usize,
        /// Extra aliases, CSV `code,name`
        #[arg(long, value_name = "FILE")]
        aliases: Option<PathBuf>,
    },
    /// A report's metadata and sections
    Show {
        /// Path of the report as printed (with several roots, behind the
        /// root's name: NAME/REL), relative to a root, or the file's path
        path: String,
        #[arg(long)]
        json: bool,
        /// Also print the reading text: the passages in order, page
        /// furniture left out, each section's name where it begins
        #[arg(long)]
        text: bool,
    },
    /// A local web page and JSON API over the index (read-only; new commits are picked up
    /// while `yanbao index` runs)
    Serve {
        /// Address to listen on; a non-loopback address lets other machines read the index
        #[arg(long, default_value = "127.0.0.1:7700", value_parser = socket_addr)]
        addr: std::net::SocketAddr,
        /// Open the page in the default browser
        #[arg(long)]
        open: bool,
    },
    /// Size and freshness of the index
    Stats {
        #[arg(long)]
        json: bool,
    },
    /// Internal: extract a PDF's text as JSON (run by `index` in a child process)
    #[command(name = "__extract-pdf", hide = true)]
    ExtractPdf { path: PathBuf },
}

/// How `reports` orders its rows.
#[derive(Debug, Clone, Copy, ValueEnum, PartialEq, Eq)]
pub enum Sort {
    Date,
    Relevance,
}

/// The output of the report-data commands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DataFormat {
    /// An aligned table.
    Table,
    /// JSON.
    Json,
    /// CSV with a header line.
    Csv,
}

impl DataFormat {
    /// The format two flags ask for.
    pub fn of(json: bool, csv: bool) -> DataFormat {
        match (json, csv) {
            (true, _) => DataFormat::Json,
            (_, true) => DataFormat::Csv,
            _ => DataFormat::Table,
        }
    }
}

/// `serve --addr`: an IP address and a port (`127.0.0.1:7700`, `[::1]:0`).
fn socket_addr(s: &str) -> Result<std::net::SocketAddr, String> {
    s.trim().parse().map_err(|_| {
        format!("{s:?} is not an address to listen on: give an IP address and a port, such as 127.0.0.1:7700")
    })
}

/// `search -n`: a number of passages, at least 1 (0 would show nothing,
/// which no one asks for on purpose).
fn passages_to_show(s: &str) -> Result<usize, String> {
    match s.trim().parse::<usize>() {
        Ok(0) => Err("must be at least 1: it is the number of passages to show".into()),
        Ok(n) => Ok(n),
        Err(_) => Err(format!(
            "{s:?} is not a number: -n takes the number of passages to show (at least 1)"
        )),
    }
}

/// Moves query terms that start with `-` (`yanbao search 腾讯 -风险`) behind
/// a `--`, so that clap takes them as terms rather than unknown flags,
/// while real flags anywhere on the line keep working.
pub fn protect_hyphen_terms(args: Vec<std::ffi::OsString>) -> Vec<std::ffi::OsString> {
    use clap::CommandFactory;
    let cmd = Cli::command();
    let Some(pos) = args.iter().position(|a| a == "search" || a == "mentions") else {
        return args;
    };
    let Some(sub) = cmd.find_subcommand(args[pos].to_str().unwrap_or("")) else {
        return args;
    };
    let mut value_flags = std::collections::HashSet::new();
    let mut all_flags = std::collections::HashSet::new();
    for a in sub.get_arguments().chain(cmd.get_arguments()) {
        let takes = a.get_action().takes_values();
        let names = a
            .get_long()
            .map(|l| format!("--{l}"))
            .into_iter()
            .chain(a.get_short().map(|s| format!("-{s}")));
        for n in names {
            if takes {
                value_flags.insert(n.clone());
            }
            all_flags.insert(n);
        }
    }
    all_flags.insert("--help".into());
    all_flags.insert("-h".into());
    let (head, tail) = args.split_at(pos + 1);
    let mut options = Vec::new();
    let mut terms = Vec::new();
    let mut iter = tail.iter();
    while let Some(a) = iter.next() {
        let s = a.to_string_lossy();
        if s == "--" {
            terms.extend(iter.by_ref().cloned());
            break;
        }
        let name = s.split('=').next().unwrap_or("");
        // A short flag with its number glued on (`-n5`, `-n0`) is an option
        // too, not the excluded term `n5`.
        let glued = !s.starts_with("--")
            && s.len() > 2
            && s.is_char_boundary(2)
            && value_flags.contains(&s[..2])
            && s[2..].bytes().all(|b| b.is_ascii_digit());
        // Known flags, and anything starting with `--` (clap reports unknown
        // ones), are options; `-词` is an excluded term.
        if glued
            || (s.starts_with('-')
                && s.len() > 1
                && (all_flags.contains(name) || s.starts_with("--")))
        {
            options.push(a.clone());
            if value_flags.contains(name) && !s.contains('=') {
                if let Some(v) = iter.next() {
                    options.push(v.clone());
                }
            }
        } else {
            terms.push(a.clone());
        }
    }
    let mut out: Vec<std::ffi::OsString> = head.to_vec();
    out.extend(options);
    if !terms.is_empty() {
        out.push("--".into());
        out.extend(terms);
    }
    out
}

/// How `search --group` gathers its results.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Group {
    /// One line per report
    Report,
}
