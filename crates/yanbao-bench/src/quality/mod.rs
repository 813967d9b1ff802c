//! `quality`: what a user sees in the top ten of the benchmark queries.
//!
//! Builds an index of the corpora (or opens `--index`), runs the queries of
//! queries.json with the default search options, through the linked library
//! or a `yanbao` binary (`--yanbao`), and for every query reports: each
//! passage shown classified, as shown, into readable or one kind of junk;
//! the distinct reports and the duplicates in the top ten; nDCG@10 against
//! the graded judgements (`judge`). `pool` and `judge-merge` make and grow
//! the judgements.

pub mod classify;
pub mod engine;
pub mod judge;

use anyhow::{bail, Context, Result};
use classify::{normalize, overlap, Class, Classifier};
use engine::{Engine, Hit};
use judge::{Judgement, Ndcg, Shown};
use serde_json::{json, Value};
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// Which queries of the queries file to run.
#[derive(clap::Args)]
pub struct Selection {
    /// The queries file
    #[arg(long, default_value = "crates/yanbao-bench/data/queries.json")]
    queries: PathBuf,
    /// Which queries: dev, eval or all
    #[arg(long, default_value = "all", value_parser = ["dev", "eval", "all"])]
    set: String,
    /// Only the queries meant for this corpus: shared (the shared corpus),
    /// corpus (the repository's sample corpus) or any; `both` queries are in
    /// either
    #[arg(long = "for", default_value = "any", value_parser = ["shared", "corpus", "any"])]
    for_corpus: String,
}

#[derive(clap::Args)]
pub struct QualityOpts {
    /// A folder of reports; repeat for several (indexed together, in this
    /// order: a report's path is `N-FOLDER/...`, so keep the order the
    /// judgements were made with)
    #[arg(long)]
    corpus: Vec<PathBuf>,
    /// Use this existing index instead of building one (with --yanbao, an
    /// index that binary reads)
    #[arg(long)]
    index: Option<PathBuf>,
    /// Run the queries through this yanbao binary (`BIN --index IDX search
    /// --json -n 10 QUERY`), which also builds the index, instead of the
    /// linked library
    #[arg(long, value_name = "BIN")]
    yanbao: Option<PathBuf>,
    /// Graded judgements for nDCG@10 (a missing file: no nDCG)
    #[arg(long, default_value = "tests/labels/relevance.json")]
    judgements: PathBuf,
    #[command(flatten)]
    select: Selection,
    /// Print JSON
    #[arg(long)]
    json: bool,
    /// Print every passage with its class
    #[arg(long)]
    verbose: bool,
}

#[derive(clap::Args)]
pub struct PoolOpts {
    /// A folder of reports; repeat for several (as for `quality`, same order)
    #[arg(long)]
    corpus: Vec<PathBuf>,
    /// A yanbao binary whose top ten goes into the pool; repeat for each
    /// ranking (old, new, ...)
    #[arg(long, value_name = "BIN", required = true)]
    yanbao: Vec<PathBuf>,
    /// Judgements already made: passages they match are left out
    #[arg(long, default_value = "tests/labels/relevance.json")]
    judgements: PathBuf,
    #[command(flatten)]
    select: Selection,
    /// Where to write the unjudged passages (JSON list, `grade: null` each)
    #[arg(long)]
    out: PathBuf,
}

#[derive(clap::Args)]
pub struct MergeOpts {
    /// A pool file whose `grade`s judges filled in (0, 1 or 2; null = not yet)
    #[arg(long)]
    pool: PathBuf,
    /// The judgements file to add them to (created if absent)
    #[arg(long, default_value = "tests/labels/relevance.json")]
    judgements: PathBuf,
}

struct Query {
    text: String,
    set: String,
}

struct Passage {
    class: Class,
    /// Same as (or nearly, overlap ≥ 0.9) a passage shown higher.
    duplicate: bool,
    hit: Hit,
}

struct QueryResult {
    query: Query,
    passages: Vec<Passage>,
    /// Distinct reports among the passages.
    reports: usize,
    duplicates: usize,
    ndcg: Option<Ndcg>,
}

fn load_queries(select: &Selection) -> Result<Vec<Query>> {
    let path = &select.queries;
    if !path.is_file() {
        bail!("queries file {} not found", path.display());
    }
    let raw = std::fs::read_to_string(path)
        .with_context(|| format!("reading queries file {}", path.display()))?;
    let list: Vec<Value> = serde_json::from_str(&raw)
        .with_context(|| format!("queries file {} is not a JSON list", path.display()))?;
    let mut out = Vec::new();
    for q in list {
        let field = |name: &str| q.get(name).and_then(Value::as_str).unwrap_or("");
        let (text, set, corpus) = (field("query"), field("set"), field("corpus"));
        if text.is_empty() {
            bail!("queries file {}: an entry has no query", path.display());
        }
        if select.set != "all" && set != select.set {
            continue;
        }
        if select.for_corpus != "any" && corpus != select.for_corpus && corpus != "both" {
            continue;
        }
        out.push(Query {
            text: text.to_string(),
            set: set.to_string(),
        });
    }
    Ok(out)
}

/// A temporary folder removed on drop.
struct TempDir(PathBuf);

impl TempDir {
    fn new(what: &str) -> TempDir {
        TempDir(std::env::temp_dir().join(format!("yanbao-{what}-{}", std::process::id())))
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// The corpora as one folder to index: a folder of symlinks, one per corpus,
/// named `N-FOLDER` in the order given.
fn corpora_root(corpora: &[PathBuf], tmp: &Path) -> Result<PathBuf> {
    if corpora.is_empty() {
        bail!("give --corpus DIR (or --index PATH)");
    }
    for corpus in corpora {
        if !corpus.is_dir() {
            bail!("corpus {} not found (not a folder)", corpus.display());
        }
    }
    let root = tmp.join("corpora");
    std::fs::create_dir_all(&root)?;
    for (i, corpus) in corpora.iter().enumerate() {
        let (abs, name) = crate::corpora::numbered(i, corpus)?;
        std::os::unix::fs::symlink(&abs, root.join(name))?;
    }
    Ok(root)
}

fn binary(bin: &Path) -> Result<PathBuf> {
    if !bin.is_file() {
        bail!("yanbao binary {} not found", bin.display());
    }
    Ok(std::fs::canonicalize(bin)?)
}

pub fn run(opts: &QualityOpts) -> Result<bool> {
    let queries = load_queries(&opts.select)?;
    let judgements = judge::load(&opts.judgements)?;
    let tmp = TempDir::new("quality");
    let index_dir = match &opts.index {
        Some(dir) => {
            if !dir.is_dir() {
                bail!("index {} not found", dir.display());
            }
            dir.clone()
        }
        None => {
            let root = corpora_root(&opts.corpus, &tmp.0)?;
            let dir = tmp.0.join("index");
            match &opts.yanbao {
                Some(bin) => engine::build_with_binary(&binary(bin)?, &root, &dir)?,
                None => engine::build_with_library(&root, &dir)?,
            }
            dir
        }
    };
    let engine = match &opts.yanbao {
        Some(bin) => Engine::Binary {
            bin: binary(bin)?,
            index: index_dir,
        },
        None => Engine::library(&index_dir)?,
    };
    let classifier = Classifier::new();
    let mut results = Vec::new();
    for query in queries {
        let hits = engine.search(&query.text)?;
        results.push(score(&classifier, &judgements, query, hits));
    }
    let mut report = summarize(&results);
    report["engine"] = match &opts.yanbao {
        Some(bin) => json!(bin.display().to_string()),
        None => json!("library"),
    };
    report["judgements"] = json!({
        "file": opts.judgements.display().to_string(),
        "entries": judgements.len(),
    });
    if opts.json {
        println!("{}", serde_json::to_string_pretty(&report)?);
    } else {
        print_text(&report, &results, opts.verbose);
    }
    Ok(true)
}

/// One query's top ten: classes, duplicates, distinct reports, nDCG@10.
fn score(
    classifier: &Classifier,
    judgements: &[Judgement],
    query: Query,
    hits: Vec<Hit>,
) -> QueryResult {
    let mut passages: Vec<Passage> = Vec::new();
    let mut seen: Vec<Vec<char>> = Vec::new();
    for hit in hits {
        let norm = normalize(&hit.text);
        let duplicate = seen.iter().any(|s| overlap(s, &norm) >= 0.9);
        let mut class = classifier.classify(&hit.text, &query.text);
        if class == Class::Readable && duplicate {
            class = Class::Duplicate;
        }
        seen.push(norm);
        passages.push(Passage {
            class,
            duplicate,
            hit,
        });
    }
    let reports = passages
        .iter()
        .map(|p| p.hit.path.as_str())
        .collect::<BTreeSet<_>>()
        .len();
    let duplicates = passages.iter().filter(|p| p.duplicate).count();
    let shown: Vec<Shown> = passages
        .iter()
        .map(|p| Shown {
            path: p.hit.path.clone(),
            offset: p.hit.offset,
            text: p.hit.text.clone(),
        })
        .collect();
    let ndcg = judge::ndcg(judgements, &query.text, &shown);
    QueryResult {
        query,
        passages,
        reports,
        duplicates,
        ndcg,
    }
}

fn set_summary(results: &[&QueryResult]) -> Value {
    let passages: usize = results.iter().map(|r| r.passages.len()).sum();
    let mut kinds: BTreeMap<&str, Value> = BTreeMap::new();
    let mut junk = 0;
    for kind in Class::JUNK {
        let n = results
            .iter()
            .flat_map(|r| &r.passages)
            .filter(|p| p.class == kind)
            .count();
        junk += n;
        kinds.insert(
            kind.name(),
            json!({"count": n, "share": share(n, passages)}),
        );
    }
    let queries: Vec<Value> = results
        .iter()
        .map(|r| {
            let junk = r.passages.iter().filter(|p| p.class.is_junk()).count();
            json!({"query": r.query.text, "passages": r.passages.len(), "junk": junk,
                   "classes": r.passages.iter().map(|p| p.class.name()).collect::<Vec<_>>(),
                   "reports": r.reports, "duplicates": r.duplicates,
                   "ndcg": r.ndcg.as_ref().and_then(|n| n.ndcg).map(round4),
                   "unjudged": r.ndcg.as_ref().map(|n| n.unjudged),
                   "grades": r.ndcg.as_ref().map(|n| &n.grades)})
        })
        .collect();
    let n = results.len();
    let duplicates: usize = results.iter().map(|r| r.duplicates).sum();
    let reports: usize = results.iter().map(|r| r.reports).sum();
    let judged: Vec<&Ndcg> = results.iter().filter_map(|r| r.ndcg.as_ref()).collect();
    let scored: Vec<f64> = judged.iter().filter_map(|n| n.ndcg).collect();
    json!({
        "queries": n,
        "passages": passages,
        "junk": junk,
        "junk_share": share(junk, passages),
        "kinds": kinds,
        "reports_mean": mean(reports as f64, n),
        "duplicates": duplicates,
        "duplicates_mean": mean(duplicates as f64, n),
        "judged_queries": judged.len(),
        "ndcg_queries": scored.len(),
        "ndcg_mean": (!scored.is_empty()).then(|| mean(scored.iter().sum(), scored.len())),
        "unjudged": judged.iter().map(|n| n.unjudged).sum::<usize>(),
        "per_query": queries,
    })
}

fn round4(x: f64) -> f64 {
    (x * 10000.0).round() / 10000.0
}

fn mean(sum: f64, n: usize) -> f64 {
    if n == 0 {
        0.0
    } else {
        round4(sum / n as f64)
    }
}

fn share(n: usize, of: usize) -> f64 {
    if of == 0 {
        0.0
    } else {
        round4(n as f64 / of as f64)
    }
}

fn summarize(results: &[QueryResult]) -> Value {
    let mut sets: BTreeMap<String, Value> = BTreeMap::new();
    let mut names: Vec<&str> = results.iter().map(|r| r.query.set.as_str()).collect();
    names.sort();
    names.dedup();
    for name in names {
        let of: Vec<&QueryResult> = results.iter().filter(|r| r.query.set == name).collect();
        sets.insert(name.to_string(), set_summary(&of));
    }
    let all: Vec<&QueryResult> = results.iter().collect();
    json!({"sets": sets, "total": set_summary(&all)})
}

fn print_text(report: &Value, results: &[QueryResult], verbose: bool) {
    let mut sets: Vec<(String, Value)> = report["sets"]
        .as_object()
        .into_iter()
        .flatten()
        .map(|(k, v)| (k.clone(), v.clone()))
        .collect();
    sets.push(("total".to_string(), report["total"].clone()));
    for (name, s) in &sets {
        println!(
            "== {name}: {} queries, {} passages, junk {} ({:.1}%)",
            s["queries"],
            s["passages"],
            s["junk"],
            s["junk_share"].as_f64().unwrap_or(0.0) * 100.0
        );
        for kind in Class::JUNK {
            let k = &s["kinds"][kind.name()];
            println!(
                "   {:<10} {:>4}  {:>5.1}%",
                kind.name(),
                k["count"].as_u64().unwrap_or(0),
                k["share"].as_f64().unwrap_or(0.0) * 100.0
            );
        }
        println!(
            "   top 10: {:.2} distinct reports (mean), {} duplicates ({:.2} a query)",
            s["reports_mean"].as_f64().unwrap_or(0.0),
            s["duplicates"],
            s["duplicates_mean"].as_f64().unwrap_or(0.0)
        );
        match s["ndcg_mean"].as_f64() {
            Some(m) => println!(
                "   nDCG@10 {m:.4} (mean of {} queries; {} judged, {} shown passages unjudged = 0)",
                s["ndcg_queries"], s["judged_queries"], s["unjudged"]
            ),
            None if s["judged_queries"] == 0 => {
                println!("   nDCG@10 - (no judgements for these queries)")
            }
            None => println!(
                "   nDCG@10 - ({} queries judged, none with a grade above 0)",
                s["judged_queries"]
            ),
        }
        if name == "total" {
            continue;
        }
        println!("   per query: junk/passages, reports, duplicates, nDCG@10 (unjudged):");
        for q in s["per_query"].as_array().into_iter().flatten() {
            let ndcg = match (q["ndcg"].as_f64(), q["unjudged"].as_u64()) {
                (Some(x), Some(u)) => format!("{x:.3} ({u})"),
                (None, Some(u)) => format!("  -   ({u})"),
                _ => "  -".to_string(),
            };
            let n = |k: &str| q[k].as_u64().unwrap_or(0);
            println!(
                "     {:>2}/{:<2} {:>2} rep {:>2} dup  {:<11} {}",
                n("junk"),
                n("passages"),
                n("reports"),
                n("duplicates"),
                ndcg,
                q["query"].as_str().unwrap_or("")
            );
        }
    }
    if verbose {
        for r in results {
            println!("\n## [{}] {}", r.query.set, r.query.text);
            let grades = r.ndcg.as_ref().map(|n| &n.grades);
            for (i, p) in r.passages.iter().enumerate() {
                let text: String = p.hit.text.split_whitespace().collect::<Vec<_>>().join(" ");
                // g0..g2 judged, g? unjudged (counted 0), g- query not judged.
                let grade = match grades.map(|g| g.get(i).copied().flatten()) {
                    Some(Some(g)) => g.to_string(),
                    Some(None) => "?".to_string(),
                    None => "-".to_string(),
                };
                println!(
                    "{:>2}. {:<9} g{grade}{} {} | {}",
                    i + 1,
                    p.class.name(),
                    if p.duplicate { " dup" } else { "" },
                    p.hit.path,
                    text
                );
            }
        }
    }
}

/// `pool`: the union of the binaries' top tens per query, less the passages
/// already judged, written for judges in query order, then path and offset
/// (not by rank, and not saying which ranking showed a passage).
pub fn pool(opts: &PoolOpts) -> Result<bool> {
    let queries = load_queries(&opts.select)?;
    let judgements = judge::load(&opts.judgements)?;
    let tmp = TempDir::new("pool");
    let root = corpora_root(&opts.corpus, &tmp.0)?;
    // One index per distinct binary: the same binary given twice shares it.
    let mut engines: Vec<Engine> = Vec::new();
    let mut built: Vec<PathBuf> = Vec::new();
    for bin in &opts.yanbao {
        let bin = binary(bin)?;
        let k = match built.iter().position(|b| *b == bin) {
            Some(k) => k,
            None => {
                let dir = tmp.0.join(format!("index-{}", built.len()));
                engine::build_with_binary(&bin, &root, &dir)?;
                built.push(bin.clone());
                built.len() - 1
            }
        };
        engines.push(Engine::Binary {
            bin,
            index: tmp.0.join(format!("index-{k}")),
        });
    }
    let mut entries: Vec<Value> = Vec::new();
    let (mut shown_total, mut already) = (0, 0);
    for query in &queries {
        let mut picked: Vec<(Shown, Hit)> = Vec::new();
        for engine in &engines {
            for hit in engine.search(&query.text)? {
                shown_total += 1;
                let shown = Shown {
                    path: hit.path.clone(),
                    offset: hit.offset,
                    text: hit.text.clone(),
                };
                if judge::find(&judgements, &query.text, &shown).is_some() {
                    already += 1;
                    continue;
                }
                // The same passage: same path and offset (when both are
                // known, else the same text start). Two passages of a
                // report that start alike are both judged.
                let same = |(s, _): &(Shown, Hit)| {
                    s.path == shown.path
                        && match (s.offset, shown.offset) {
                            (Some(a), Some(b)) => a == b,
                            _ => judge::text_start(&s.text) == judge::text_start(&shown.text),
                        }
                };
                if !picked.iter().any(same) {
                    picked.push((shown, hit));
                }
            }
        }
        picked.sort_by(|a, b| (&a.0.path, a.0.offset).cmp(&(&b.0.path, b.0.offset)));
        for (_, hit) in picked {
            entries.push(json!({
                "query": query.text, "path": hit.path, "offset": hit.offset,
                "title": hit.title, "section": hit.section, "text": hit.text,
                "grade": Value::Null,
            }));
        }
    }
    if let Some(dir) = opts.out.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir)?;
    }
    std::fs::write(&opts.out, format_pool(&entries))
        .with_context(|| format!("writing {}", opts.out.display()))?;
    let judged_before = queries
        .iter()
        .filter(|q| judge::judged(&judgements, &q.text))
        .count();
    println!(
        "pool: {} passages to judge for {} queries ({} passages shown by {} rankings, {} of them already judged; {} of the queries had judgements), written to {}",
        entries.len(),
        queries.len(),
        shown_total,
        opts.yanbao.len(),
        already,
        judged_before,
        opts.out.display()
    );
    Ok(true)
}

/// A pool file: one entry per block, keys in reading order.
fn format_pool(entries: &[Value]) -> String {
    let keys = [
        "query", "path", "offset", "title", "section", "text", "grade",
    ];
    let blocks: Vec<String> = entries
        .iter()
        .map(|e| {
            let fields: Vec<String> = keys
                .iter()
                .map(|k| format!("    \"{k}\": {}", e[*k]))
                .collect();
            format!("  {{\n{}\n  }}", fields.join(",\n"))
        })
        .collect();
    if blocks.is_empty() {
        "[]\n".to_string()
    } else {
        format!("[\n{}\n]\n", blocks.join(",\n"))
    }
}

/// `judge-merge`: the graded entries of a pool added to the judgements file.
pub fn merge(opts: &MergeOpts) -> Result<bool> {
    let raw = std::fs::read_to_string(&opts.pool)
        .with_context(|| format!("reading pool {}", opts.pool.display()))?;
    let mut judgements = judge::load(&opts.judgements)?;
    let done = judge::merge(&mut judgements, &raw)
        .with_context(|| format!("pool {}", opts.pool.display()))?;
    if let Some(dir) = opts
        .judgements
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
    {
        std::fs::create_dir_all(dir)?;
    }
    std::fs::write(&opts.judgements, judge::format(&judgements))
        .with_context(|| format!("writing {}", opts.judgements.display()))?;
    let queries = judgements
        .iter()
        .map(|j| j.query.as_str())
        .collect::<BTreeSet<_>>()
        .len();
    println!(
        "added {} judgements ({} already judged alike, {} still ungraded left out); {} now holds {} for {} queries",
        done.added,
        done.same,
        done.ungraded,
        opts.judgements.display(),
        judgements.len(),
        queries
    );
    Ok(true)
}
