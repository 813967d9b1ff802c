//! `quality`: how much of what a user sees in the top ten is junk.
//!
//! Builds an index of the corpora (or opens `--index`), runs the queries of
//! queries.json with the default search options and classifies every
//! passage shown, as shown, into readable or one kind of junk.

pub mod classify;

use anyhow::{bail, Context, Result};
use classify::{normalize, overlap, Class, Classifier};
use serde_json::{json, Value};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

#[derive(clap::Args)]
pub struct QualityOpts {
    /// A folder of reports; repeat for several (indexed together)
    #[arg(long)]
    corpus: Vec<PathBuf>,
    /// Use this existing index instead of building one
    #[arg(long)]
    index: Option<PathBuf>,
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
    /// Print JSON
    #[arg(long)]
    json: bool,
    /// Print every passage with its class
    #[arg(long)]
    verbose: bool,
}

struct Query {
    text: String,
    set: String,
}

struct Passage {
    class: Class,
    path: String,
    text: String,
}

struct QueryResult {
    query: Query,
    passages: Vec<Passage>,
}

fn load_queries(opts: &QualityOpts) -> Result<Vec<Query>> {
    let path = &opts.queries;
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
        if opts.set != "all" && set != opts.set {
            continue;
        }
        if opts.for_corpus != "any" && corpus != opts.for_corpus && corpus != "both" {
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

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// Index the corpora together: a folder of symlinks, one per corpus.
fn build_index(corpora: &[PathBuf], tmp: &Path) -> Result<PathBuf> {
    let root = tmp.join("corpora");
    std::fs::create_dir_all(&root)?;
    for (i, corpus) in corpora.iter().enumerate() {
        let abs = std::fs::canonicalize(corpus)
            .with_context(|| format!("corpus {} not found", corpus.display()))?;
        let name = abs
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| "corpus".into());
        std::os::unix::fs::symlink(&abs, root.join(format!("{i}-{name}")))?;
    }
    let dir = tmp.join("index");
    let t = std::time::Instant::now();
    let summary = yanbao::index(&dir, &yanbao::IndexOptions::new(&root), &yanbao::Silent)
        .context("building the index")?;
    eprintln!(
        "indexed {} reports in {:.1} s",
        summary.reports,
        t.elapsed().as_secs_f64()
    );
    Ok(dir)
}

pub fn run(opts: &QualityOpts) -> Result<bool> {
    let queries = load_queries(opts)?;
    for corpus in &opts.corpus {
        if !corpus.is_dir() {
            bail!("corpus {} not found (not a folder)", corpus.display());
        }
    }
    let _tmp;
    let index_dir = match &opts.index {
        Some(dir) => {
            if !dir.is_dir() {
                bail!("index {} not found", dir.display());
            }
            dir.clone()
        }
        None => {
            if opts.corpus.is_empty() {
                bail!("give --corpus DIR (or --index PATH)");
            }
            let tmp = std::env::temp_dir().join(format!("yanbao-quality-{}", std::process::id()));
            _tmp = TempDir(tmp.clone());
            build_index(&opts.corpus, &tmp)?
        }
    };
    let index = yanbao::Index::open(&index_dir)
        .with_context(|| format!("opening index {}", index_dir.display()))?;
    let classifier = Classifier::new();
    let search = yanbao::SearchOptions::default();
    let mut results = Vec::new();
    for query in queries {
        let parsed = yanbao::query::parse(&query.text)
            .map_err(|e| anyhow::anyhow!("query {:?}: {e}", query.text))?;
        let hits = index.search(&parsed, &search)?.hits;
        let mut passages: Vec<Passage> = Vec::new();
        let mut seen: Vec<Vec<char>> = Vec::new();
        for hit in hits {
            let norm = normalize(&hit.text);
            let mut class = classifier.classify(&hit.text, &query.text);
            if class == Class::Readable && seen.iter().any(|s| overlap(s, &norm) >= 0.9) {
                class = Class::Duplicate;
            }
            seen.push(norm);
            passages.push(Passage {
                class,
                path: hit.path,
                text: hit.text,
            });
        }
        results.push(QueryResult { query, passages });
    }
    let report = summarize(&results);
    if opts.json {
        println!("{}", serde_json::to_string_pretty(&report)?);
    } else {
        print_text(&report, &results, opts.verbose);
    }
    Ok(true)
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
                   "classes": r.passages.iter().map(|p| p.class.name()).collect::<Vec<_>>()})
        })
        .collect();
    json!({
        "queries": results.len(),
        "passages": passages,
        "junk": junk,
        "junk_share": share(junk, passages),
        "kinds": kinds,
        "per_query": queries,
    })
}

fn share(n: usize, of: usize) -> f64 {
    if of == 0 {
        0.0
    } else {
        (n as f64 / of as f64 * 10000.0).round() / 10000.0
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
                k["count"],
                k["share"].as_f64().unwrap_or(0.0) * 100.0
            );
        }
        if name == "total" {
            continue;
        }
        println!("   per query (junk/passages):");
        for q in s["per_query"].as_array().into_iter().flatten() {
            println!(
                "     {:>2}/{:<2} {}",
                q["junk"],
                q["passages"],
                q["query"].as_str().unwrap_or("")
            );
        }
    }
    if verbose {
        for r in results {
            println!("\n## [{}] {}", r.query.set, r.query.text);
            for (i, p) in r.passages.iter().enumerate() {
                let text: String = p.text.split_whitespace().collect::<Vec<_>>().join(" ");
                println!("{:>2}. {:<9} {} | {}", i + 1, p.class.name(), p.path, text);
            }
        }
    }
}
