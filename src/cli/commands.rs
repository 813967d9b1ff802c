//! The commands behind the CLI: each opens the index, asks the library for
//! what it needs, and hands the results to the printer. Returns whether
//! anything was found (for grep's exit statuses).

use crate::cli::args::ReportFilters;
use crate::cli::printer::Printer;
use anyhow::Result;
use std::collections::BTreeMap;
use std::io::Write;
use std::path::Path;
use yanbao::answer;
use yanbao::layout::Layout;
use yanbao::query::{ReadingPassage, Target};
use yanbao::{Index, IndexSummary};

pub fn summary_line(s: &IndexSummary) -> String {
    let mb = s.bytes as f64 / 1e6;
    format!(
        "{} reports in the index: {} new, {} changed, {} removed, {} unchanged, {} skipped; read {:.1} MB in {:.2} s ({:.1} MB/s){}",
        s.reports,
        s.added,
        s.changed,
        s.removed,
        s.unchanged,
        s.skipped,
        mb,
        s.seconds,
        if s.seconds > 0.0 { mb / s.seconds } else { 0.0 },
        if s.interrupted { "; interrupted: run again to finish" } else { "" }
    )
}

/// One line per commit of `index --watch`: when, what changed, how long.
pub fn commit_line(s: &IndexSummary) -> String {
    format!(
        "{}  {} added, {} changed, {} removed; took {:.2} s; {} reports in the index{}",
        yanbao::index::now_utc(),
        s.added,
        s.changed,
        s.removed,
        s.seconds,
        s.reports,
        if s.skipped > 0 {
            format!("; {} skipped", s.skipped)
        } else {
            String::new()
        }
    )
}

/// What `search` was asked for besides the query and filters.
pub struct SearchFlags<'a> {
    pub limit: usize,
    pub json: bool,
    pub boilerplate: bool,
    pub all: bool,
    pub per_report: usize,
    /// One line per report.
    pub by_report: bool,
    /// Facets to count over the matching reports (`broker,rating`).
    pub facets: Option<&'a str>,
}

pub fn search<W: Write>(
    index_dir: &Path,
    query_text: &str,
    flags: SearchFlags<'_>,
    f: &ReportFilters,
    printer: &mut Printer<W>,
) -> Result<bool> {
    let index = Index::open(index_dir)?;
    let by_report = flags.by_report;
    let searched = answer::search(
        &index,
        &answer::SearchRequest {
            query: query_text.to_string(),
            limit: flags.limit,
            per_report: flags.per_report,
            by_report,
            boilerplate: flags.boilerplate,
            all: flags.all,
            facets: flags.facets.map(str::to_string),
            filter: f.to_filter(),
        },
    )?;
    note_undated(searched.undated_left_out, f);
    if !searched.names.is_empty() && !flags.json {
        eprintln!(
            "yanbao: the ticker also searched as its company's names: {} (`mentions` for the code alone)",
            searched.names.join(", ")
        );
    }
    let hits = &searched.hits;
    if hits.is_empty() && searched.hidden_boilerplate > 0 {
        eprintln!(
            "yanbao: only boilerplate matched ({} passages repeated across reports, such as disclaimers): add --boilerplate to see them",
            searched.hidden_boilerplate
        );
    }
    if flags.json {
        for v in searched.hits_json(&index)? {
            printer.line(&v.to_string())?;
        }
        if let Some(facets) = &searched.facets {
            printer
                .line(&serde_json::json!({ "facets": answer::facets_json(facets) }).to_string())?;
        }
        printer.flush()?;
        return Ok(!hits.is_empty());
    }
    for (i, h) in hits.iter().enumerate() {
        let h = &searched.shown(h);
        if h.report_level && (i == 0 || !hits[i - 1].report_level) {
            printer.report_level_note(hits.len() - i == searched.report_level && i == 0)?;
        }
        if by_report {
            printer.search_hit_line(h)?;
        } else {
            printer.search_hit(h)?;
        }
    }
    if let Some(facets) = &searched.facets {
        // After a search's results, whose last one ends with an empty line.
        printer.line("facets (reports):")?;
        super::report_data::print_facets(facets, printer)?;
    }
    printer.flush()?;
    Ok(!hits.is_empty())
}

/// Says on stderr how many undated reports `--since`/`--until` left out
/// (stdout stays the results alone).
fn note_undated(n: usize, f: &ReportFilters) {
    if n == 0 {
        return;
    }
    let flags = match (f.since.is_some(), f.until.is_some()) {
        (true, true) => "--since/--until",
        (true, false) => "--since",
        _ => "--until",
    };
    let s = if n == 1 { "" } else { "s" };
    eprintln!("yanbao: note: {n} undated report{s} left out by {flags}");
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MentionMode {
    Lines,
    Json,
    Count,
    Files,
}

/// What `mentions` was asked for besides the term, aliases and filters.
pub struct MentionFlags {
    pub mode: MentionMode,
    /// Widen through the alias table.
    pub names: bool,
    /// Also the term's other Latin spellings.
    pub loose: bool,
}

pub fn mentions<W: Write>(
    index_dir: &Path,
    term: &str,
    flags: MentionFlags,
    aliases: Option<&Path>,
    f: &ReportFilters,
    printer: &mut Printer<W>,
) -> Result<bool> {
    let MentionFlags { mode, names, loose } = flags;
    // The file is read even when not widening, so that a typo is reported;
    // the built-in table (5,000 names) only when it is needed.
    let table = if names || aliases.is_some() {
        Some(answer::alias_table(aliases)?)
    } else {
        None
    };
    let request = answer::MentionRequest {
        term: term.to_string(),
        names,
        loose,
        filter: f.to_filter(),
    };
    let targets: Vec<Target> = answer::mention_targets(&request, table.as_ref())?;
    let index = Index::open(index_dir)?;
    let roots = index.roots();
    let filters = index.filters(&request.filter)?;
    note_undated(filters.undated_left_out, f);
    if matches!(mode, MentionMode::Count | MentionMode::Files) {
        let mut counts = index.mention_counts(&targets, &filters)?;
        // By path as shown: with several roots, a root's reports together.
        for (path, _) in &mut counts {
            *path = roots.display(path);
        }
        counts.sort();
        for (path, n) in &counts {
            match mode {
                MentionMode::Count => printer.count(path, *n)?,
                _ => printer.path(path)?,
            }
        }
        printer.flush()?;
        return Ok(!counts.is_empty());
    }
    let occ = index.mentions(&targets, &filters)?;
    let mut shower = answer::MentionShower::new(&index)?;
    for o in &occ {
        if mode == MentionMode::Json {
            printer.mention_json(&shower.for_json(o)?)?;
        } else {
            printer.mention(&shower.for_people(o)?)?;
        }
    }
    printer.flush()?;
    Ok(!occ.is_empty())
}

pub fn tickers<W: Write>(
    index_dir: &Path,
    json: bool,
    limit: usize,
    aliases: Option<&Path>,
    printer: &mut Printer<W>,
) -> Result<bool> {
    let index = Index::open(index_dir)?;
    let mut rows = index.tickers(&answer::alias_table(aliases)?)?;
    if limit > 0 {
        rows.truncate(limit);
    }
    for r in &rows {
        if json {
            printer.line(&serde_json::to_string(r)?)?;
        } else {
            printer.line(&format!(
                "{:<10}\t{}\t{} reports\t{} mentions",
                r.ticker,
                r.name.as_deref().unwrap_or("-"),
                r.reports,
                r.mentions
            ))?;
        }
    }
    printer.flush()?;
    Ok(!rows.is_empty())
}

pub fn show<W: Write>(
    index_dir: &Path,
    path: &str,
    json: bool,
    text: bool,
    printer: &mut Printer<W>,
) -> Result<()> {
    let index = Index::open(index_dir)?;
    let report = index
        .report(path)?
        .ok_or_else(|| yanbao::Error::NotInIndex { path: path.into() })?;
    let sizes = index.sections(&report)?;
    let roots = index.roots();
    let (root, _) = roots.locate(&report.path);
    if json {
        printer.line(&answer::show_json(&index, &report, text)?.to_string())?;
    } else {
        let m = &report.meta;
        let dash = |o: &Option<String>| o.clone().unwrap_or_else(|| "-".to_string());
        printer.line(&format!("path:      {}", roots.display(&report.path)))?;
        if let (Some(root), true) = (root, roots.list().len() > 1) {
            printer.line(&format!("root:      {}", root.path))?;
        }
        printer.line(&format!("title:     {}", report.title))?;
        printer.line(&format!("broker:    {}", dash(&m.broker)))?;
        let analysts: Vec<String> = m
            .analysts
            .iter()
            .map(|a| match &a.sac {
                Some(s) => format!("{} ({s})", a.name),
                None => a.name.clone(),
            })
            .collect();
        printer.line(&format!(
            "analysts:  {}",
            if analysts.is_empty() {
                "-".to_string()
            } else {
                analysts.join(", ")
            }
        ))?;
        printer.line(&format!("date:      {}", dash(&m.date)))?;
        let rating = match (&m.rating, m.rating_level, m.rating_change) {
            (Some(word), level, change) => {
                let mut r = word.clone();
                if let Some(l) = level {
                    r.push_str(&format!(" ({})", l.name()));
                }
                if let Some(c) = change {
                    r.push_str(&format!(", {}", c.name()));
                }
                r
            }
            (None, ..) => "-".to_string(),
        };
        printer.line(&format!("rating:    {rating}"))?;
        let price = |p: &Option<yanbao::report::Price>| {
            p.as_ref()
                .map_or("-".to_string(), |p| format!("{} {}", p.value, p.currency))
        };
        printer.line(&format!("target:    {}", price(&m.target_price)))?;
        printer.line(&format!("price:     {}", price(&m.current_price)))?;
        printer.line(&format!("type:      {}", dash(&m.report_type)))?;
        let tickers = if report.tickers.is_empty() {
            "-".to_string()
        } else {
            report.tickers.join(", ")
        };
        printer.line(&format!("tickers:   {tickers}"))?;
        printer.line(&format!(
            "size:      {} bytes, {} passages",
            report.size, report.passages
        ))?;
        printer.line("sections:")?;
        for s in &sizes {
            printer.line(&format!(
                "  {:<13} {:>4} passages {:>7} chars",
                s.section.name(),
                s.passages,
                s.chars
            ))?;
        }
        if text {
            print_reading(&index.reading(&report)?, printer)?;
        }
    }
    printer.flush()?;
    Ok(())
}

/// The reading text, a rule with the section's name where it changes.
fn print_reading<W: Write>(passages: &[ReadingPassage], printer: &mut Printer<W>) -> Result<()> {
    let mut section = None;
    for p in passages {
        if section != Some(p.section) {
            section = Some(p.section);
            printer.line("")?;
            printer.line(&format!("── {} ──", p.section.name()))?;
        }
        let at = match p.page {
            Some(page) => format!("p{page} l{}", p.line),
            None => format!("l{}", p.line),
        };
        let table = if p.layout == Layout::Table {
            " [table]"
        } else {
            ""
        };
        printer.line(&format!("[{at}]{table} {}", p.text))?;
    }
    Ok(())
}

pub fn stats<W: Write>(index_dir: &Path, json: bool, printer: &mut Printer<W>) -> Result<()> {
    let index = Index::open(index_dir)?;
    let s = index.stats()?;
    if json {
        printer.line(&answer::stats_json(&s).to_string())?;
    } else {
        for (i, r) in s.roots.iter().enumerate() {
            let label = if i == 0 { "folders:" } else { "" };
            let name = if s.roots.len() > 1 {
                format!(" ({})", r.name)
            } else {
                String::new()
            };
            let missing = if r.found {
                ""
            } else {
                "; not found: kept until `yanbao index --forget`"
            };
            printer.line(&format!(
                "{label:<11} {}{name}: {} reports{missing}",
                r.path, r.reports
            ))?;
        }
        printer.line(&format!("reports:    {}", s.reports))?;
        printer.line(&format!("passages:   {}", s.passages))?;
        printer.line(&format!(
            "corpus:     {:.1} MB",
            s.corpus_bytes as f64 / 1e6
        ))?;
        printer.line(&format!(
            "index:      {:.1} MB ({:.2}x the corpus)",
            s.index_bytes as f64 / 1e6,
            s.index_bytes as f64 / s.corpus_bytes.max(1) as f64
        ))?;
        printer.line(&format!(
            "indexed at: {}{}",
            s.indexed_at,
            if s.complete {
                ""
            } else {
                " (incomplete: run `yanbao index` again)"
            }
        ))?;
        let list = |m: &BTreeMap<String, u64>| {
            let mut v: Vec<_> = m.iter().collect();
            v.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
            v.iter()
                .map(|(k, n)| format!("{k} {n}"))
                .collect::<Vec<_>>()
                .join(", ")
        };
        printer.line(&format!("brokers:    {}", list(&s.brokers)))?;
        printer.line(&format!("ratings:    {}", list(&s.ratings)))?;
        let secs: Vec<String> = s.sections.iter().map(|(k, n)| format!("{k} {n}")).collect();
        printer.line(&format!("sections:   {}", secs.join(", ")))?;
    }
    printer.flush()?;
    Ok(())
}

/// `serve`: prints the URL once listening, warns when other machines can reach it, opens a
/// browser when asked, and stops on Ctrl-C.
pub fn serve<W: Write>(
    index_dir: &Path,
    addr: std::net::SocketAddr,
    open: bool,
    mut out: W,
) -> Result<()> {
    if !addr.ip().is_loopback() {
        eprintln!(
            "yanbao: warning: listening on {addr}, not on loopback: anyone who can reach this machine on port {} can read the index",
            addr.port()
        );
    }
    let ready = |bound: std::net::SocketAddr| {
        let url = format!("http://{bound}/");
        // Tests and scripts read this line to learn the port chosen for `:0`.
        let _ = writeln!(out, "yanbao: serving {url} (Ctrl-C to stop)").and_then(|()| out.flush());
        if open {
            open_browser(&url);
        }
    };
    let stop = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    yanbao::serve::serve(index_dir, addr, ready, stop)?;
    Ok(())
}

/// Opens `url` with the desktop's opener; says so when there is none.
fn open_browser(url: &str) {
    let opener = if cfg!(target_os = "macos") {
        "open"
    } else if cfg!(windows) {
        "explorer"
    } else {
        "xdg-open"
    };
    if let Err(e) = std::process::Command::new(opener)
        .arg(url)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
    {
        eprintln!("yanbao: cannot open a browser ({opener}: {e}): open {url} yourself");
    }
}
