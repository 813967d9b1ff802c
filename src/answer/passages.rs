//! Passages and occurrences: `search` and `mentions`.

use crate::index::folder::Index;
use crate::index::roots::Roots;
use crate::query::{self, FacetCounts, FacetKind, Mention, Occurrence, SearchHit, Target};
use crate::report::AliasTable;
use crate::{ReportFilter, Result, SearchOptions};
use serde_json::{json, Value};
use std::path::Path;

/// What `search` is asked.
#[derive(Debug, Clone, Default)]
pub struct SearchRequest {
    /// The query as typed.
    pub query: String,
    /// Passages to show (at least 1).
    pub limit: usize,
    /// Passages of one report shown at most (0: no limit).
    pub per_report: usize,
    /// One hit per report (`--group report`).
    pub by_report: bool,
    /// Include repeated legal text, tables of contents and cover blocks.
    pub boilerplate: bool,
    /// Include everything, page headers and footers too.
    pub all: bool,
    /// Facets to count over the matching reports (`broker,rating`).
    pub facets: Option<String>,
    /// The report filters.
    pub filter: ReportFilter,
}

/// A search's answer.
#[derive(Debug)]
pub struct Searched {
    /// The best passages, best first, with index keys as paths.
    pub hits: Vec<SearchHit>,
    /// Hits at the end of `hits` that are report-level matches.
    pub report_level: usize,
    /// Boilerplate passages among the best ones, left out.
    pub hidden_boilerplate: usize,
    /// Undated reports that a date filter left out.
    pub undated_left_out: usize,
    /// The facet counts, when asked for.
    pub facets: Option<Vec<FacetCounts>>,
    /// The company names a ticker of the query was also searched as.
    pub names: Vec<String>,
    roots: Roots,
}

/// Runs a search.
pub fn search(index: &Index, req: &SearchRequest) -> Result<Searched> {
    let kinds = req
        .facets
        .as_deref()
        .map(FacetKind::parse_list)
        .transpose()?;
    let (query, names) = with_company_names(index, query::parse(&req.query)?)?;
    let filters = index.filters(&req.filter)?;
    let undated_left_out = filters.undated_left_out;
    let opts = SearchOptions {
        limit: req.limit.max(1),
        boilerplate: req.boilerplate,
        all: req.all,
        filters,
        per_report: if req.by_report { 1 } else { req.per_report },
        fold_similar: true,
    };
    let (results, facets) = match kinds.filter(|k| !k.is_empty()) {
        Some(kinds) => {
            let (results, facets) = index.search_with_facets(&query, &opts, &kinds)?;
            (results, Some(facets))
        }
        None => (index.search(&query, &opts)?, None),
    };
    Ok(Searched {
        hits: results.hits,
        report_level: results.report_level,
        hidden_boilerplate: results.hidden_boilerplate,
        undated_left_out,
        facets,
        names,
        roots: index.roots(),
    })
}

/// A ticker in the query also stands for its company's names (`688185.SH`
/// finds `康希诺`): an analyst who types a code wants the company, and
/// reports name it far more often than they print its code, which is
/// mostly in tables. The names are alternatives of the ticker's group.
/// A ticker the alias table does not know (most Hong Kong listings) stands
/// for the name its reports print beside its code, if one stands out.
fn with_company_names(
    index: &Index,
    mut query: query::Query,
) -> Result<(query::Query, Vec<String>)> {
    let mut table: Option<AliasTable> = None;
    let mut added: Vec<String> = Vec::new();
    for group in &mut query.groups {
        let tickers: Vec<_> = group
            .iter()
            .filter_map(|t| crate::report::parse_ticker_query(&t.text))
            .collect();
        for ticker in tickers {
            let table = table.get_or_insert_with(AliasTable::builtin);
            let ticker = table.resolve(&ticker);
            let mut names = table.names_of(&ticker);
            if names.is_empty() {
                names.extend(index.name_beside(&ticker)?);
            }
            for name in names {
                // A name of one character would match inside any word.
                if name.chars().count() < 2 || group.iter().any(|t| t.text == name) {
                    continue;
                }
                if let Some(term) = query::Term::new(&name, false) {
                    group.push(term);
                    added.push(name);
                }
            }
        }
    }
    Ok((query, added))
}

impl Searched {
    /// A hit's path and its copies' paths as the user knows them.
    pub fn shown(&self, hit: &SearchHit) -> SearchHit {
        let mut shown = hit.clone();
        shown.also = hit.also.iter().map(|p| self.roots.display(p)).collect();
        shown.path = self.roots.display(&hit.path);
        shown
    }

    /// Every hit as JSON (one `search --json` line each), with its report's metadata.
    pub fn hits_json(&self, index: &Index) -> Result<Vec<Value>> {
        let mut reports = index.report_cache();
        let mut out = Vec::with_capacity(self.hits.len());
        for h in &self.hits {
            let report = reports.get(&h.path)?.map(|r| r.summary());
            let (root, rel) = self.roots.locate(&h.path);
            let mut v = hit_json(h, rel, &self.roots);
            v["root"] = root.map(|r| r.path.as_str()).into();
            if let Some(r) = report {
                v["report"] = serde_json::to_value(r).map_err(other)?;
            }
            out.push(v);
        }
        Ok(out)
    }

    /// The whole answer as one object (the API's `/api/search`).
    pub fn to_json(&self, index: &Index, query: &str) -> Result<Value> {
        let mut v = json!({
            "query": query,
            "hits": self.hits_json(index)?,
            "report_level": self.report_level,
            "hidden_boilerplate": self.hidden_boilerplate,
            "undated_left_out": self.undated_left_out,
            "names": self.names,
        });
        if let Some(f) = &self.facets {
            v["facets"] = super::facets_json(f);
        }
        Ok(v)
    }
}

fn other(e: impl std::fmt::Display) -> crate::Error {
    crate::Error::Other(e.to_string())
}

/// One hit's fields (without its report), `path` as given.
fn hit_json(hit: &SearchHit, path: &str, roots: &Roots) -> Value {
    let also: Vec<String> = hit.also.iter().map(|p| roots.display(p)).collect();
    let mut v = json!({
        "path": path,
        "title": hit.title,
        "line": hit.line,
        "column": hit.column,
        "offset": hit.offset,
        "score": (f64::from(hit.score) * 1000.0).round() / 1000.0,
        "section": hit.section,
        "layout": hit.layout,
        "text": hit.text,
        "highlights": hit.highlights.iter().map(|&(s, e)| [s, e]).collect::<Vec<_>>(),
        "also": also,
        "more": hit.more,
        "match": if hit.titled {
            "title"
        } else if hit.report_level {
            "report"
        } else {
            "passage"
        },
    });
    if let Some(p) = hit.page {
        v["page"] = p.into();
    }
    v
}

/// What `mentions` is asked.
#[derive(Debug, Clone, Default)]
pub struct MentionRequest {
    /// The term, ticker or company name.
    pub term: String,
    /// Widen a ticker to its company's names and a name to its ticker.
    pub names: bool,
    /// Also the term's other Latin spellings.
    pub loose: bool,
    /// The report filters.
    pub filter: ReportFilter,
}

/// The targets a mentions request stands for, through `aliases` when it widens by names.
pub fn mention_targets(req: &MentionRequest, aliases: Option<&AliasTable>) -> Result<Vec<Target>> {
    query::targets_with(&req.term, aliases.filter(|_| req.names), req.loose)
}

/// The alias table of a `mentions` run: the built-in one with a CSV file's over it.
pub fn alias_table(csv: Option<&Path>) -> Result<AliasTable> {
    let mut table = AliasTable::builtin();
    if let Some(p) = csv {
        table.load_csv_overrides(p)?;
    }
    Ok(table)
}

/// Shows occurrences as `mentions` prints them: context, title, section, report.
pub struct MentionShower<'i> {
    describer: query::Describer,
    reports: query::ReportCache<'i>,
    roots: Roots,
}

impl<'i> MentionShower<'i> {
    /// A shower of the occurrences found in `index`.
    pub fn new(index: &'i Index) -> Result<MentionShower<'i>> {
        Ok(MentionShower {
            describer: index.describer()?,
            reports: index.report_cache(),
            roots: index.roots(),
        })
    }

    /// An occurrence for people: its path as shown.
    pub fn for_people(&mut self, o: &Occurrence) -> Result<Mention> {
        let mut m = self.describer.describe(o)?;
        m.path = self.roots.display(&o.path);
        Ok(m)
    }

    /// An occurrence as JSON: path relative to its folder, the folder, the report's metadata.
    pub fn for_json(&mut self, o: &Occurrence) -> Result<Mention> {
        let mut m = self.describer.describe(o)?;
        let (root, rel) = self.roots.locate(&o.path);
        m.report = self.reports.get(&o.path)?.map(|r| r.summary());
        m.path = rel.to_string();
        m.root = root.map(|r| r.path.clone());
        Ok(m)
    }
}

/// The API's `/api/mentions`: the total, the count in every report (most first), and the
/// first `limit` occurrences in path order.
pub fn mentions_json(
    index: &Index,
    targets: &[Target],
    filter: &ReportFilter,
    limit: usize,
) -> Result<Value> {
    let filters = index.filters(filter)?;
    let occ = index.mentions(targets, &filters)?;
    let roots = index.roots();
    let mut shower = MentionShower::new(index)?;
    let mut counts: Vec<(&str, usize)> = Vec::new();
    for o in &occ {
        match counts.last_mut() {
            Some((p, n)) if *p == &*o.path => *n += 1,
            _ => counts.push((&o.path, 1)),
        }
    }
    counts.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    let mut reports = index.report_cache();
    let mut per_report = Vec::with_capacity(counts.len());
    for (key, n) in &counts {
        let (root, rel) = roots.locate(key);
        let title = reports
            .get(key)?
            .map(|r| r.title.clone())
            .unwrap_or_default();
        per_report.push(json!({
            "path": rel,
            "root": root.map(|r| r.path.as_str()),
            "title": title,
            "count": n,
        }));
    }
    let mut shown = Vec::with_capacity(limit.min(occ.len()));
    for o in occ.iter().take(limit) {
        shown.push(serde_json::to_value(shower.for_json(o)?).map_err(other)?);
    }
    Ok(json!({
        "total": occ.len(),
        "reports": per_report,
        "mentions": shown,
        "undated_left_out": filters.undated_left_out,
    }))
}
