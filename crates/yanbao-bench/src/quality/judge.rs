//! Graded relevance judgements and nDCG@10.
//!
//! A judgement grades one passage for one query: 0 (not useful), 1 (related)
//! or 2 (answers the query); the rules are `tests/labels/RELEVANCE_RULES.md`.
//! A passage shown for a query matches a judgement by (query, path, offset),
//! else by (query, path, text_start), text_start being the first
//! [`TEXT_START`] characters of the passage's text as shown.

use anyhow::{bail, Context, Result};
use serde_json::Value;
use std::path::Path;

/// How many characters of a passage's text a judgement keeps.
pub const TEXT_START: usize = 30;

/// How many passages nDCG looks at.
pub const DEPTH: usize = 10;

/// One graded passage.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Judgement {
    pub query: String,
    pub path: String,
    pub offset: Option<u64>,
    pub text_start: String,
    pub grade: u8,
}

/// A passage as a ranking showed it (enough of it to match a judgement).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Shown {
    pub path: String,
    pub offset: Option<u64>,
    pub text: String,
}

/// The first [`TEXT_START`] characters of a passage's text.
pub fn text_start(text: &str) -> String {
    text.chars().take(TEXT_START).collect()
}

/// The judgement of `query` that a shown passage matches: same path and
/// offset, else same path and text start.
pub fn find<'a>(judgements: &'a [Judgement], query: &str, shown: &Shown) -> Option<&'a Judgement> {
    let of_query = || {
        judgements
            .iter()
            .filter(move |j| j.query == query && j.path == shown.path)
    };
    if let Some(offset) = shown.offset {
        if let Some(j) = of_query().find(|j| j.offset == Some(offset)) {
            return Some(j);
        }
    }
    let start = text_start(&shown.text);
    of_query().find(|j| j.text_start == start)
}

/// Whether any judgement is for `query`.
pub fn judged(judgements: &[Judgement], query: &str) -> bool {
    judgements.iter().any(|j| j.query == query)
}

/// Gain of a grade: 2^grade − 1.
pub fn gain(grade: u8) -> f64 {
    f64::from((1u32 << grade) - 1)
}

/// DCG of grades in rank order (rank 1 first), over the first [`DEPTH`]:
/// Σ gain / log2(rank + 1).
pub fn dcg(grades: &[u8]) -> f64 {
    grades
        .iter()
        .take(DEPTH)
        .enumerate()
        .map(|(i, &g)| gain(g) / ((i + 2) as f64).log2())
        .sum()
}

/// nDCG@10 of one query's ranking.
#[derive(Debug, Clone, PartialEq)]
pub struct Ndcg {
    /// DCG of the shown passages over the ideal DCG of all the query's
    /// judged passages; `None` when the ideal is 0 (no judged passage has
    /// a grade above 0).
    pub ndcg: Option<f64>,
    /// The grade of each shown passage; `None` when unjudged (counted as 0).
    pub grades: Vec<Option<u8>>,
    /// How many of the shown passages had no judgement (counted as 0).
    pub unjudged: usize,
}

/// nDCG@10 of the passages shown for `query`, or `None` when no judgement
/// is for `query`.
pub fn ndcg(judgements: &[Judgement], query: &str, shown: &[Shown]) -> Option<Ndcg> {
    if !judged(judgements, query) {
        return None;
    }
    let grades: Vec<Option<u8>> = shown
        .iter()
        .take(DEPTH)
        .map(|s| find(judgements, query, s).map(|j| j.grade))
        .collect();
    let unjudged = grades.iter().filter(|g| g.is_none()).count();
    let counted: Vec<u8> = grades.iter().map(|g| g.unwrap_or(0)).collect();
    let mut ideal: Vec<u8> = judgements
        .iter()
        .filter(|j| j.query == query)
        .map(|j| j.grade)
        .collect();
    ideal.sort_unstable_by(|a, b| b.cmp(a));
    let best = dcg(&ideal);
    let ndcg = (best > 0.0).then(|| dcg(&counted) / best);
    Some(Ndcg {
        ndcg,
        grades,
        unjudged,
    })
}

fn str_field(v: &Value, name: &str) -> Option<String> {
    v.get(name).and_then(Value::as_str).map(str::to_string)
}

/// Judgements from a JSON list; a missing file is an empty list.
pub fn load(path: &Path) -> Result<Vec<Judgement>> {
    if !path.exists() {
        return Ok(Vec::new());
    }
    let raw = std::fs::read_to_string(path)
        .with_context(|| format!("reading judgements {}", path.display()))?;
    parse(&raw).with_context(|| format!("judgements {}", path.display()))
}

/// Judgements from the text of a JSON list.
pub fn parse(raw: &str) -> Result<Vec<Judgement>> {
    let list: Vec<Value> = serde_json::from_str(raw).context("not a JSON list")?;
    let mut out = Vec::new();
    for (i, v) in list.iter().enumerate() {
        let (Some(query), Some(path)) = (str_field(v, "query"), str_field(v, "path")) else {
            bail!("entry {i} has no query or path");
        };
        let grade = match v.get("grade").and_then(Value::as_u64) {
            Some(g @ 0..=2) => g as u8,
            _ => bail!("entry {i} ({query:?}, {path}): grade must be 0, 1 or 2"),
        };
        out.push(Judgement {
            query,
            path,
            offset: v.get("offset").and_then(Value::as_u64),
            text_start: str_field(v, "text_start").unwrap_or_default(),
            grade,
        });
    }
    Ok(out)
}

/// The judgements file's text: sorted by query, path, offset and text
/// start, one entry a line, keys in a fixed order.
pub fn format(judgements: &[Judgement]) -> String {
    let mut sorted: Vec<&Judgement> = judgements.iter().collect();
    sorted.sort_by(|a, b| {
        (&a.query, &a.path, a.offset, &a.text_start).cmp(&(
            &b.query,
            &b.path,
            b.offset,
            &b.text_start,
        ))
    });
    let s = |t: &str| Value::from(t).to_string();
    let lines: Vec<String> = sorted
        .iter()
        .map(|j| {
            let offset = j.offset.map_or("null".to_string(), |o| o.to_string());
            format!(
                "  {{\"query\": {}, \"path\": {}, \"offset\": {offset}, \"text_start\": {}, \"grade\": {}}}",
                s(&j.query),
                s(&j.path),
                s(&j.text_start),
                j.grade
            )
        })
        .collect();
    if lines.is_empty() {
        "[]\n".to_string()
    } else {
        format!("[\n{}\n]\n", lines.join(",\n"))
    }
}

/// What a merge did.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Merged {
    /// New judgements added.
    pub added: usize,
    /// Pool entries already judged with the same grade.
    pub same: usize,
    /// Pool entries still without a grade (left out).
    pub ungraded: usize,
}

/// Adds the graded entries of a pool file's text to `judgements`. An entry
/// that is a judgement already there (same query, path and offset; same
/// text start when the entry has no offset) must carry the same grade.
pub fn merge(judgements: &mut Vec<Judgement>, pool: &str) -> Result<Merged> {
    let list: Vec<Value> = serde_json::from_str(pool).context("the pool is not a JSON list")?;
    let mut done = Merged::default();
    for (i, v) in list.iter().enumerate() {
        let (Some(query), Some(path)) = (str_field(v, "query"), str_field(v, "path")) else {
            bail!("pool entry {i} has no query or path");
        };
        let grade = match v.get("grade") {
            None | Some(Value::Null) => {
                done.ungraded += 1;
                continue;
            }
            Some(g) => match g.as_u64() {
                Some(g @ 0..=2) => g as u8,
                _ => bail!("pool entry {i} ({query:?}, {path}): grade {g} is not 0, 1 or 2"),
            },
        };
        let text = str_field(v, "text").unwrap_or_default();
        let shown = Shown {
            path: path.clone(),
            offset: v.get("offset").and_then(Value::as_u64),
            text: text.clone(),
        };
        // A judged passage: the same offset when it is known (two passages
        // of a report may start alike), else the same text start.
        let existing = match shown.offset {
            Some(offset) => judgements
                .iter()
                .find(|j| j.query == query && j.path == path && j.offset == Some(offset)),
            None => find(judgements, &query, &shown),
        };
        if let Some(j) = existing {
            if j.grade != grade {
                bail!(
                    "pool entry {i} ({query:?}, {path}, offset {:?}) is graded {grade}, \
                     but already judged {}",
                    shown.offset,
                    j.grade
                );
            }
            done.same += 1;
            continue;
        }
        judgements.push(Judgement {
            query,
            path,
            offset: shown.offset,
            text_start: text_start(&text),
            grade,
        });
        done.added += 1;
    }
    Ok(done)
}
