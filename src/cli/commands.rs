//! The commands behind the CLI: each opens the index, asks the searcher
//! or the index for what it needs, and hands the results to the printer.

use yanbao::report::aliases::AliasTable;
use crate::cli::args::ReportFilters;
use yanbao::index::build::{date_number, IndexSummary};
use yanbao::query::mentions::{self, Describer, Target};
use yanbao::text::normalize::normalize;
use crate::cli::printer::Printer;
use yanbao::query::parse as query;
use yanbao::query::reports;
use yanbao::index::schema::{Fields, EXPLICIT_TICKER, KIND_PASSAGE};
use yanbao::query::search::{self, Filters, SearchOptions};
use yanbao::index::folder::{self as store, Opened};
use yanbao::report::Section;
use yanbao::report::tickers::parse_ticker_query;
use anyhow::{anyhow, bail, Result};
use std::collections::{BTreeMap, HashMap, HashSet};
use std::io::Write;
use std::path::Path;
use std::sync::Arc;
use tantivy::query::{BooleanQuery, Occur, Query as TQuery, RangeQuery, TermQuery};
use tantivy::schema::{IndexRecordOption, Term};
use tantivy::{DocSet, Searcher};

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

/// Report ids allowed by the report-level filters, or `None` if none is set.
fn report_filter(
    searcher: &Searcher,
    fields: &Fields,
    f: &ReportFilters,
) -> Result<Option<Arc<HashSet<u64>>>> {
    let mut clauses: Vec<(Occur, Box<dyn TQuery>)> = Vec::new();
    let term = |field, value: &str| -> Box<dyn TQuery> {
        Box::new(TermQuery::new(
            Term::from_field_text(field, normalize(value).trim()),
            IndexRecordOption::Basic,
        ))
    };
    if let Some(b) = &f.broker {
        clauses.push((Occur::Must, term(fields.broker, b)));
    }
    if let Some(a) = &f.analyst {
        clauses.push((Occur::Must, term(fields.analyst, a)));
    }
    if let Some(r) = &f.rating {
        clauses.push((Occur::Must, term(fields.rating, r)));
    }
    let day = |s: &str, name: &str| {
        date_number(s).ok_or_else(|| anyhow!("--{name} takes a date as YYYY-MM-DD, not {s:?}"))
    };
    if f.since.is_some() || f.until.is_some() {
        let lo = f
            .since
            .as_deref()
            .map(|s| day(s, "since"))
            .transpose()?
            .unwrap_or(0);
        let hi = f
            .until
            .as_deref()
            .map(|s| day(s, "until"))
            .transpose()?
            .unwrap_or(99_999_999);
        let range = RangeQuery::new(
            std::ops::Bound::Included(Term::from_field_u64(fields.date, lo)),
            std::ops::Bound::Included(Term::from_field_u64(fields.date, hi)),
        );
        clauses.push((Occur::Must, Box::new(range)));
    }
    let mut allowed: Option<HashSet<u64>> = None;
    if !clauses.is_empty() {
        clauses.push((
            Occur::Must,
            Box::new(TermQuery::new(
                Term::from_field_u64(fields.kind, yanbao::index::schema::KIND_REPORT),
                IndexRecordOption::Basic,
            )),
        ));
        allowed = Some(report_ids(searcher, &BooleanQuery::new(clauses))?);
    }
    if let Some(t) = &f.ticker {
        let ticker = parse_ticker_query(&normalize(t))
            .ok_or_else(|| anyhow!("--ticker: {t:?} is not a ticker"))?;
        let q = TermQuery::new(
            Term::from_field_text(fields.tickers, &ticker.index_key()),
            IndexRecordOption::Basic,
        );
        let with = report_ids(searcher, &q)?;
        allowed = Some(match allowed {
            Some(a) => a.intersection(&with).copied().collect(),
            None => with,
        });
    }
    Ok(allowed.map(Arc::new))
}

fn report_ids(searcher: &Searcher, query: &dyn TQuery) -> Result<HashSet<u64>> {
    let mut ids = HashSet::new();
    for a in searcher.search(query, &tantivy::collector::DocSetCollector)? {
        let seg = searcher.segment_reader(a.segment_ord);
        if let Some(id) = seg.fast_fields().u64("report")?.first(a.doc_id) {
            ids.insert(id);
        }
    }
    Ok(ids)
}

fn sections(f: &ReportFilters) -> Result<Vec<Section>> {
    f.sections
        .iter()
        .map(|s| {
            Section::parse(s).ok_or_else(|| {
                let names: Vec<&str> = Section::ALL.iter().map(|s| s.name()).collect();
                anyhow!("unknown section {s:?}: use one of {}", names.join(", "))
            })
        })
        .collect()
}

fn filters(searcher: &Searcher, fields: &Fields, f: &ReportFilters) -> Result<Filters> {
    Ok(Filters {
        sections: sections(f)?,
        reports: report_filter(searcher, fields, f)?,
    })
}

pub fn search<W: Write>(
    index_dir: &Path,
    query_text: &str,
    limit: usize,
    json: bool,
    boilerplate: bool,
    f: &ReportFilters,
    printer: &mut Printer<W>,
) -> Result<bool> {
    let query = query::parse(query_text)?;
    let opened = store::open(index_dir)?;
    let searcher = opened.searcher()?;
    let opts = SearchOptions {
        limit,
        boilerplate,
        filters: filters(&searcher, &opened.fields, f)?,
    };
    let results = search::search(&opened, &query, &opts)?;
    let hits = results.hits;
    if hits.is_empty() && results.hidden_boilerplate > 0 {
        eprintln!(
            "yanbao: only boilerplate matched ({} passages repeated across reports, such as disclaimers): add --boilerplate to see them",
            results.hidden_boilerplate
        );
    }
    let mut reports_seen = reports::ReportCache::default();
    for h in &hits {
        if json {
            let report = reports_seen
                .get(&searcher, &opened.fields, &h.path)?
                .map(|r| r.summary());
            printer.search_hit_json(h, report.as_ref())?;
        } else {
            printer.search_hit(h)?;
        }
    }
    printer.flush()?;
    Ok(!hits.is_empty())
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MentionMode {
    Lines,
    Json,
    Count,
    Files,
}

/// What a mentions TERM stands for: a ticker's written forms, or a text;
/// with `names`, widened through the alias table.
pub fn targets(term: &str, names: bool, aliases: Option<&Path>) -> Result<Vec<Target>> {
    let norm = normalize(term);
    let norm = norm.trim();
    if norm.is_empty() {
        bail!("empty term: give a ticker, a company name or a phrase");
    }
    let mut targets = Vec::new();
    let ticker = parse_ticker_query(norm);
    match &ticker {
        Some(t) => targets.push(Target::Ticker(t.clone())),
        None => targets.push(Target::Text(norm.to_string())),
    }
    if names {
        let mut table = AliasTable::builtin();
        if let Some(p) = aliases {
            table.load_csv_overrides(p)?;
        }
        match &ticker {
            Some(t) => {
                for n in table.names_of(t) {
                    targets.push(Target::Text(n));
                }
            }
            None => {
                for t in table.tickers_of_name(norm) {
                    targets.push(Target::Ticker(t));
                }
            }
        }
    } else if let Some(p) = aliases {
        // Validate the file even when not widening, so a typo is reported.
        AliasTable::builtin().load_csv_overrides(p)?;
    }
    let mut seen = HashSet::new();
    targets.retain(|t| seen.insert(format!("{t:?}")));
    Ok(targets)
}

pub fn mentions<W: Write>(
    index_dir: &Path,
    term: &str,
    mode: MentionMode,
    names: bool,
    aliases: Option<&Path>,
    f: &ReportFilters,
    printer: &mut Printer<W>,
) -> Result<bool> {
    let targets = targets(term, names, aliases)?;
    let opened = store::open(index_dir)?;
    let searcher = opened.searcher()?;
    let fields = opened.fields;
    let filters = filters(&searcher, &fields, f)?;
    let unfiltered = filters.reports.is_none() && filters.sections.is_empty();
    if unfiltered && matches!(mode, MentionMode::Count | MentionMode::Files) {
        if let Some(counts) = mentions::count_by_path(&searcher, &fields, &targets)? {
            for (path, n) in &counts {
                match mode {
                    MentionMode::Count => printer.count(path, *n)?,
                    _ => printer.path(path)?,
                }
            }
            printer.flush()?;
            return Ok(!counts.is_empty());
        }
    }
    let mut occ = mentions::find(&searcher, &fields, &targets)?;
    if let Some(allowed) = &filters.reports {
        occ.retain(|o| allowed.contains(&o.report));
    }
    if !filters.sections.is_empty() {
        let mut cols = HashMap::new();
        let mut keep = Vec::with_capacity(occ.len());
        for o in occ {
            let seg = o.address.segment_ord;
            if let std::collections::hash_map::Entry::Vacant(e) = cols.entry(seg) {
                e.insert(searcher.segment_reader(seg).fast_fields().u64("section")?);
            }
            let section = cols[&seg]
                .first(o.address.doc_id)
                .unwrap_or(Section::Body as u64);
            if filters.sections.iter().any(|s| *s as u64 == section) {
                keep.push(o);
            }
        }
        occ = keep;
    }
    match mode {
        MentionMode::Count => {
            for (path, n) in mentions::counts(&occ) {
                printer.count(&path, n)?;
            }
        }
        MentionMode::Files => {
            for (path, _) in mentions::counts(&occ) {
                printer.path(&path)?;
            }
        }
        MentionMode::Lines | MentionMode::Json => {
            let mut describer = Describer::new(&searcher, &fields);
            let mut reports_seen = reports::ReportCache::default();
            for o in &occ {
                let mut m = describer.describe(o)?;
                if mode == MentionMode::Json {
                    m.report = reports_seen
                        .get(&searcher, &fields, &o.path)?
                        .map(|r| r.summary());
                    printer.mention_json(&m)?;
                } else {
                    printer.mention(&m)?;
                }
            }
        }
    }
    printer.flush()?;
    Ok(!occ.is_empty())
}

#[derive(Debug, serde::Serialize)]
struct TickerRow {
    ticker: String,
    name: Option<String>,
    reports: usize,
    mentions: u64,
}

pub fn tickers<W: Write>(
    index_dir: &Path,
    json: bool,
    limit: usize,
    aliases: Option<&Path>,
    printer: &mut Printer<W>,
) -> Result<bool> {
    let opened = store::open(index_dir)?;
    let searcher = opened.searcher()?;
    let fields = opened.fields;
    let mut table = AliasTable::builtin();
    if let Some(p) = aliases {
        table.load_csv_overrides(p)?;
    }
    // key -> (reports, mentions, written with an exchange somewhere)
    let mut stats: HashMap<String, (HashSet<u64>, u64, bool)> = HashMap::new();
    for seg in searcher.segment_readers() {
        let ii = seg.inverted_index(fields.tickers)?;
        let report = seg.fast_fields().u64("report")?;
        let mut stream = ii.terms().stream()?;
        while stream.advance() {
            let key = String::from_utf8_lossy(stream.key()).into_owned();
            if let Some(k) = key.strip_prefix(EXPLICIT_TICKER) {
                stats.entry(k.to_string()).or_default().2 = true;
                continue;
            }
            let mut postings =
                ii.read_postings_from_terminfo(stream.value(), IndexRecordOption::WithFreqs)?;
            let entry = stats.entry(key).or_default();
            let mut d = postings.doc();
            while d != tantivy::TERMINATED {
                if !seg.is_deleted(d) {
                    entry.1 += u64::from(tantivy::postings::Postings::term_freq(&postings));
                    if let Some(r) = report.first(d) {
                        entry.0.insert(r);
                    }
                }
                d = postings.advance();
            }
        }
    }
    let mut rows: Vec<TickerRow> = Vec::new();
    for (key, (reps, n, explicit)) in stats {
        let Some(ticker) = reports::ticker_of_key(&key) else {
            continue;
        };
        let ticker = table.resolve(&ticker);
        if reps.is_empty() || !(explicit || table.is_known_code(&ticker)) {
            continue;
        }
        rows.push(TickerRow {
            ticker: ticker.canonical(),
            name: table.display_name(&ticker).map(str::to_string),
            reports: reps.len(),
            mentions: n,
        });
    }
    rows.sort_by(|a, b| {
        b.mentions
            .cmp(&a.mentions)
            .then(b.reports.cmp(&a.reports))
            .then(a.ticker.cmp(&b.ticker))
    });
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

#[derive(Debug, serde::Serialize)]
struct SectionSize {
    section: Section,
    passages: u64,
    chars: u64,
}

fn section_sizes(searcher: &Searcher, fields: &Fields, report: u64) -> Result<Vec<SectionSize>> {
    let q = TermQuery::new(
        Term::from_field_u64(fields.report, report),
        IndexRecordOption::Basic,
    );
    let mut rows: Vec<(u64, Section, u64)> = Vec::new();
    for a in searcher.search(&q, &tantivy::collector::DocSetCollector)? {
        let ff = searcher.segment_reader(a.segment_ord).fast_fields();
        if ff.u64("kind")?.first(a.doc_id) != Some(KIND_PASSAGE) {
            continue;
        }
        let ordinal = ff.u64("ordinal")?.first(a.doc_id).unwrap_or(0);
        let section = ff
            .u64("section")?
            .first(a.doc_id)
            .unwrap_or(Section::Body as u64);
        let len = ff.u64("norm_len")?.first(a.doc_id).unwrap_or(0);
        rows.push((
            ordinal,
            Section::ALL
                .get(section as usize)
                .copied()
                .unwrap_or(Section::Body),
            len,
        ));
    }
    rows.sort_by_key(|r| r.0);
    let mut out: Vec<SectionSize> = Vec::new();
    for (_, section, len) in rows {
        match out.last_mut() {
            Some(last) if last.section == section => {
                last.passages += 1;
                last.chars += len;
            }
            _ => out.push(SectionSize {
                section,
                passages: 1,
                chars: len,
            }),
        }
    }
    Ok(out)
}

pub fn show<W: Write>(
    index_dir: &Path,
    path: &str,
    json: bool,
    printer: &mut Printer<W>,
) -> Result<()> {
    let opened = store::open(index_dir)?;
    let searcher = opened.searcher()?;
    let rel = path.trim_start_matches("./");
    let report = match reports::by_path(&searcher, &opened.fields, rel)? {
        Some(r) => r,
        None => resolve_path(&opened, &searcher, path)?
            .ok_or_else(|| anyhow!("{path}: not in the index"))?,
    };
    let sizes = section_sizes(&searcher, &opened.fields, report.id)?;
    if json {
        let v = serde_json::json!({
            "path": report.path,
            "title": report.title,
            "size": report.size,
            "passages": report.passages,
            "broker": report.meta.broker,
            "analysts": report.meta.analysts,
            "date": report.meta.date,
            "rating": report.meta.rating,
            "report_type": report.meta.report_type,
            "tickers": report.tickers,
            "sections": sizes,
        });
        printer.line(&v.to_string())?;
    } else {
        let m = &report.meta;
        let dash = |o: &Option<String>| o.clone().unwrap_or_else(|| "-".to_string());
        printer.line(&format!("path:      {}", report.path))?;
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
        printer.line(&format!("rating:    {}", dash(&m.rating)))?;
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
    }
    printer.flush()?;
    Ok(())
}

/// A path given as a file path (absolute or relative to the current
/// directory) rather than relative to the indexed folder.
fn resolve_path(
    opened: &Opened,
    searcher: &Searcher,
    path: &str,
) -> Result<Option<reports::ReportInfo>> {
    let (Some(payload), Ok(abs)) = (&opened.payload, Path::new(path).canonicalize()) else {
        return Ok(None);
    };
    match abs.strip_prefix(&payload.root) {
        Ok(rel) => {
            let rel = rel
                .components()
                .map(|c| c.as_os_str().to_string_lossy())
                .collect::<Vec<_>>()
                .join("/");
            reports::by_path(searcher, &opened.fields, &rel)
        }
        Err(_) => Ok(None),
    }
}

pub fn stats<W: Write>(index_dir: &Path, json: bool, printer: &mut Printer<W>) -> Result<()> {
    let opened = store::open(index_dir)?;
    let searcher = opened.searcher()?;
    let fields = opened.fields;
    let (reports, corpus_bytes, passages) = reports::totals(&searcher)?;
    let index_bytes = store::disk_size(index_dir);
    let payload = opened.payload.clone().unwrap_or_default();
    let mut brokers: BTreeMap<String, u64> = BTreeMap::new();
    let mut ratings: BTreeMap<String, u64> = BTreeMap::new();
    for r in reports::all(&searcher, &fields)? {
        *brokers
            .entry(r.meta.broker.unwrap_or_else(|| "(unknown)".into()))
            .or_default() += 1;
        *ratings
            .entry(r.meta.rating.unwrap_or_else(|| "(none)".into()))
            .or_default() += 1;
    }
    let mut sections: BTreeMap<&str, u64> = BTreeMap::new();
    for seg in searcher.segment_readers() {
        let ff = seg.fast_fields();
        let kind = ff.u64("kind")?;
        let section = ff.u64("section")?;
        for d in 0..seg.max_doc() {
            if !seg.is_deleted(d) && kind.first(d) == Some(KIND_PASSAGE) {
                let s = section
                    .first(d)
                    .and_then(|s| Section::ALL.get(s as usize).copied())
                    .unwrap_or(Section::Body);
                *sections.entry(s.name()).or_default() += 1;
            }
        }
    }
    if json {
        let v = serde_json::json!({
            "reports": reports,
            "passages": passages,
            "index_bytes": index_bytes,
            "corpus_bytes": corpus_bytes,
            "indexed_at": payload.indexed_at,
            "root": payload.root,
            "complete": payload.complete,
            "brokers": brokers,
            "sections": sections,
            "ratings": ratings,
        });
        printer.line(&v.to_string())?;
    } else {
        printer.line(&format!("folder:     {}", payload.root))?;
        printer.line(&format!("reports:    {reports}"))?;
        printer.line(&format!("passages:   {passages}"))?;
        printer.line(&format!("corpus:     {:.1} MB", corpus_bytes as f64 / 1e6))?;
        printer.line(&format!(
            "index:      {:.1} MB ({:.2}x the corpus)",
            index_bytes as f64 / 1e6,
            index_bytes as f64 / corpus_bytes.max(1) as f64
        ))?;
        printer.line(&format!(
            "indexed at: {}{}",
            payload.indexed_at,
            if payload.complete {
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
        printer.line(&format!("brokers:    {}", list(&brokers)))?;
        printer.line(&format!("ratings:    {}", list(&ratings)))?;
        let secs: Vec<String> = sections.iter().map(|(k, n)| format!("{k} {n}")).collect();
        printer.line(&format!("sections:   {}", secs.join(", ")))?;
    }
    printer.flush()?;
    Ok(())
}
