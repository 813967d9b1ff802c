//! `yanbao search`: ranked passages for a query.
//!
//! Each term must occur in the passage as a substring of its normalized
//! text: a phrase of consecutive characters in the `grams` field,
//! exact whatever jieba made of the passage. The same term cut into the
//! index's own words (see `dictseg`) is an optional clause on the `words`
//! field; passages where it matches as whole words rank above those that
//! match only as a substring (the sort key's `tier`).

use crate::index::folder::Index;
use crate::index::schema::{report_id, Fields, ABOUT_PASSAGES};
use crate::index::tokens::query_grams;
use crate::layout::Layout;
use crate::query::boilerplate::Boilerplate;
use crate::query::by_report::{ByReport, Tally, TopPerReport};
use crate::query::dictseg::segment;
use crate::query::filter::Filters;
use crate::query::hit::hit_of;
use crate::query::parse::{Query, Term as QueryTerm};
use crate::query::stored::StoredPassage;
use crate::report::sentence_fingerprints;
use crate::report::{parse_ticker_query, Section};
use anyhow::Result;
use std::cell::RefCell;
use std::collections::{HashMap, HashSet};
use std::sync::Arc;
use tantivy::collector::TopDocs;
use tantivy::query::{
    BooleanQuery, BoostQuery, EnableScoring, Occur, PhraseQuery, Query as TQuery, RangeQuery,
    TermQuery, TermSetQuery, Weight,
};
use tantivy::schema::{Field, IndexRecordOption, Term};
use tantivy::{DocId, Score, Searcher, SegmentReader};

/// How to search.
#[derive(Debug, Clone)]
pub struct SearchOptions {
    /// Passages to return, at most.
    pub limit: usize,
    /// Include boilerplate: legal text repeated across many reports
    /// (disclaimers, rating scales), tables of contents and cover blocks.
    pub boilerplate: bool,
    /// Include everything, page furniture too.
    pub all: bool,
    /// Which reports and sections may answer.
    pub filters: Filters,
    /// Passages of one report shown at most (0: no limit). The others
    /// are counted in [`SearchHit::more`].
    pub per_report: usize,
}

impl Default for SearchOptions {
    fn default() -> SearchOptions {
        SearchOptions {
            limit: 10,
            boilerplate: false,
            all: false,
            filters: Filters::default(),
            per_report: 2,
        }
    }
}

/// A passage that answers a query.
#[derive(Debug, Clone, serde::Serialize)]
pub struct SearchHit {
    /// The report's path, relative to the indexed folder.
    pub path: String,
    /// The report's title.
    pub title: String,
    /// 1-based line in the file where the passage starts.
    pub line: u32,
    /// 1-based column (characters) where it starts.
    pub column: u32,
    /// Character offset in the file where it starts.
    pub offset: u64,
    /// Ranking score.
    pub score: f32,
    /// The passage's section.
    pub section: Section,
    /// What the passage is made of: prose or a table (page furniture only
    /// with [`SearchOptions::all`]).
    pub layout: Layout,
    /// The passage as the report writes it (whitespace tidied).
    pub text: String,
    /// Character ranges of the matches in `text`, sorted, not overlapping.
    pub highlights: Vec<(usize, usize)>,
    /// Page of a PDF report.
    pub page: Option<u32>,
    /// Paths of the other reports whose passage reads the same (folded
    /// into this one).
    pub also: Vec<String>,
    /// Further passages of this report that match, not shown (told on the
    /// last passage shown of the report).
    pub more: usize,
    /// A report-level match: no passage holds every term, but the report
    /// does; this is the best passage of its report for one of the terms.
    pub report_level: bool,
    /// A report titled after the query, none of whose passages names it:
    /// its first summary passage speaks for it.
    pub titled: bool,
}

/// Boost of a whole-word match over the substring score.
const WORD_BOOST: Score = 2.0;

fn gram_query(field: Field, text: &str) -> Option<Box<dyn TQuery>> {
    let terms: Vec<Term> = query_grams(text)
        .iter()
        .map(|g| Term::from_field_text(field, g))
        .collect();
    match terms.len() {
        0 => None,
        1 => Some(Box::new(TermQuery::new(
            terms.into_iter().next()?,
            IndexRecordOption::WithFreqs,
        ))),
        _ => Some(Box::new(PhraseQuery::new(terms))),
    }
}

/// The term as whole words of the index, if it can be cut into them.
fn word_query(searcher: &Searcher, field: Field, text: &str) -> Option<Box<dyn TQuery>> {
    let words = segment(searcher, field, text)?;
    match words.len() {
        0 => None,
        1 => Some(word_term(field, &words[0])),
        // `words` has no positions: the term's words, anywhere in the
        // passage (the term itself is there as a substring, by `grams`).
        _ => Some(Box::new(BooleanQuery::new(
            words
                .iter()
                .map(|w| (Occur::Must, word_term(field, w)))
                .collect(),
        ))),
    }
}

/// A word of the `words` field, scored by BM25 on presence alone (the
/// field keeps no frequencies).
fn word_term(field: Field, word: &str) -> Box<dyn TQuery> {
    Box::new(TermQuery::new(
        Term::from_field_text(field, word),
        IndexRecordOption::Basic,
    ))
}

/// The term in any of its spellings (see `variants`): one phrase of
/// characters per spelling.
fn variants_query(field: Field, term: &QueryTerm) -> Option<Box<dyn TQuery>> {
    let mut any: Vec<(Occur, Box<dyn TQuery>)> = term
        .variants
        .iter()
        .filter_map(|v| gram_query(field, v))
        .map(|q| (Occur::Should, q))
        .collect();
    match any.len() {
        0 => None,
        1 => any.pop().map(|(_, q)| q),
        _ => Some(Box::new(BooleanQuery::new(any))),
    }
}

/// The term's spellings as whole words of the index, any of them.
fn variant_words_query(
    searcher: &Searcher,
    field: Field,
    term: &QueryTerm,
) -> Option<Box<dyn TQuery>> {
    let mut any: Vec<(Occur, Box<dyn TQuery>)> = term
        .variants
        .iter()
        .filter_map(|v| word_query(searcher, field, v))
        .map(|q| (Occur::Should, q))
        .collect();
    match any.len() {
        0 => None,
        1 => any.pop().map(|(_, q)| q),
        _ => Some(Box::new(BooleanQuery::new(any))),
    }
}

struct TermQueries {
    /// Substring match: required.
    grams: Box<dyn TQuery>,
    /// Whole-word match: optional, for ranking.
    words: Option<Box<dyn TQuery>>,
}

fn term_queries(searcher: &Searcher, fields: &Fields, term: &QueryTerm) -> Option<TermQueries> {
    // A ticker matches its mentions found at index time, in every written
    // form (`600519`, `600519.SH`, `SH600519`, `(600519)`), and not the
    // same digits inside another number.
    if let Some(t) = parse_ticker_query(&term.text) {
        return Some(TermQueries {
            grams: Box::new(TermQuery::new(
                Term::from_field_text(fields.tickers, &t.index_key()),
                IndexRecordOption::WithFreqs,
            )),
            words: None,
        });
    }
    Some(TermQueries {
        grams: variants_query(fields.grams, term)?,
        words: variant_words_query(searcher, fields.words, term),
    })
}

/// The query as tantivy queries: one per group of alternatives, and the
/// restrictions every passage must meet (exclusions, furniture, sections).
struct Plan {
    /// Per group, the passages that hold one of its terms.
    literal: Vec<Box<dyn TQuery>>,
    /// Per group, `literal` or any passage of a report whose title is
    /// about the group; plus a last clause: one group holds literally.
    groups: Vec<Box<dyn TQuery>>,
    /// Per group, its terms as whole words (for the word tier).
    word_queries: Vec<Box<dyn TQuery>>,
    restrictions: Vec<(Occur, Box<dyn TQuery>)>,
}

impl Plan {
    /// `None` when a group has no term that can match (nothing can).
    fn new(
        searcher: &Searcher,
        fields: &Fields,
        query: &Query,
        opts: &SearchOptions,
        about: &About,
    ) -> Option<Plan> {
        let mut groups: Vec<Box<dyn TQuery>> = Vec::new();
        let mut word_queries: Vec<Box<dyn TQuery>> = Vec::new();
        for group in &query.groups {
            let mut alternatives: Vec<(Occur, Box<dyn TQuery>)> = Vec::new();
            let mut group_words: Vec<(Occur, Box<dyn TQuery>)> = Vec::new();
            for term in group {
                let Some(tq) = term_queries(searcher, fields, term) else {
                    continue;
                };
                let mut parts = vec![(Occur::Must, tq.grams)];
                if let Some(w) = tq.words {
                    group_words.push((Occur::Should, w.box_clone()));
                    parts.push((Occur::Should, Box::new(BoostQuery::new(w, WORD_BOOST))));
                }
                alternatives.push((Occur::Should, Box::new(BooleanQuery::new(parts))));
            }
            if alternatives.is_empty() {
                return None;
            }
            groups.push(Box::new(BooleanQuery::new(alternatives)));
            if !group_words.is_empty() {
                word_queries.push(Box::new(BooleanQuery::new(group_words)));
            }
        }
        let mut restrictions: Vec<(Occur, Box<dyn TQuery>)> = Vec::new();
        for term in &query.excluded {
            if let Some(g) = variants_query(fields.grams, term) {
                restrictions.push((Occur::MustNot, g));
            }
        }
        // Page furniture never answers unless everything is asked for;
        // tables of contents and cover blocks only with the boilerplate,
        // when the sections are asked for, or when the query names an
        // analyst or a certificate number (which only cover blocks hold).
        if !opts.all {
            restrictions.push((
                Occur::MustNot,
                u64_term(fields.layout, Layout::Furniture as u64),
            ));
        }
        let cover_wanted = opts.boilerplate
            || opts.all
            || query
                .positive_terms()
                .any(|t| names_a_person(searcher, fields, &t.text));
        for s in [Section::Toc, Section::Cover] {
            if !cover_wanted && !opts.filters.sections.contains(&s) {
                restrictions.push((Occur::MustNot, u64_term(fields.section, s as u64)));
            }
        }
        if !opts.filters.sections.is_empty() {
            let any: Vec<(Occur, Box<dyn TQuery>)> = opts
                .filters
                .sections
                .iter()
                .map(|s| (Occur::Should, u64_term(fields.section, *s as u64)))
                .collect();
            restrictions.push((Occur::Must, Box::new(BooleanQuery::new(any))));
        }
        // A report titled after one term answers the other terms in any
        // of its passages: `华兰生物 投资建议` finds the 投资建议 of a
        // report on 华兰生物, which calls it 公司 there. At least one
        // group must hold in the passage itself.
        let literal = groups;
        let groups: Vec<Box<dyn TQuery>> = if literal.len() > 1 {
            let mut widened: Vec<Box<dyn TQuery>> = literal
                .iter()
                .enumerate()
                .map(|(g, q)| {
                    let titled = &about.titled[g];
                    if titled.is_empty() {
                        return q.box_clone();
                    }
                    let mut in_titled: Vec<(Occur, Box<dyn TQuery>)> = vec![(
                        Occur::Must,
                        Box::new(TermSetQuery::new(
                            titled
                                .iter()
                                .map(|r| Term::from_field_u64(fields.report, *r)),
                        )),
                    )];
                    // The report speaks for it in its own text, not in the
                    // legal text every report carries.
                    if !opts.boilerplate && !opts.all {
                        in_titled.extend(legal_sections(fields));
                    }
                    let in_titled: Box<dyn TQuery> = Box::new(BooleanQuery::new(in_titled));
                    let either: Vec<(Occur, Box<dyn TQuery>)> =
                        vec![(Occur::Should, q.box_clone()), (Occur::Should, in_titled)];
                    Box::new(BooleanQuery::new(either)) as Box<dyn TQuery>
                })
                .collect();
            let any_literal: Vec<(Occur, Box<dyn TQuery>)> = literal
                .iter()
                .map(|q| (Occur::Should, q.box_clone()))
                .collect();
            widened.push(Box::new(BooleanQuery::new(any_literal)));
            widened
        } else {
            literal.iter().map(|q| q.box_clone()).collect()
        };
        Some(Plan {
            literal,
            groups,
            word_queries,
            restrictions,
        })
    }

    /// Passages that match every group (widened by the titles) and the
    /// restrictions.
    fn matching_all(&self) -> BooleanQuery {
        self.with_restrictions(self.groups.iter())
    }

    /// Passages that hold group `g` itself and meet the restrictions.
    fn matching_literally(&self, g: usize) -> BooleanQuery {
        self.with_restrictions(std::iter::once(&self.literal[g]))
    }

    fn with_restrictions<'a>(
        &self,
        musts: impl Iterator<Item = &'a Box<dyn TQuery>>,
    ) -> BooleanQuery {
        let mut clauses: Vec<(Occur, Box<dyn TQuery>)> =
            musts.map(|q| (Occur::Must, q.box_clone())).collect();
        clauses.extend(self.restrictions.iter().map(|(o, q)| (*o, q.box_clone())));
        BooleanQuery::new(clauses)
    }
}

pub(crate) fn search(opened: &Index, query: &Query, opts: &SearchOptions) -> Result<SearchResults> {
    let searcher = opened.searcher()?;
    let fields = opened.fields;
    let about = about_reports(&searcher, &fields, query)?;
    let Some(plan) = Plan::new(&searcher, &fields, query, opts, &about) else {
        return Ok(SearchResults::default());
    };
    let titled = titled_after_every_group(&about);
    let about = Arc::new(about.score);
    let mut results = passages(&searcher, &fields, query, opts, &plan, &about)?;
    let limit = opts.limit.max(1);
    // A term in the titles of many reports names a subject, not a company
    // or a product whose reports a reader wants first (`风险`, `医疗器械`).
    if !titled.is_empty() && titled.len() <= TITLED_VOICES {
        speak_for_titled(&searcher, &fields, opts, &plan, &titled, &mut results.hits)?;
        results.hits.truncate(limit);
    }
    if results.hits.len() < limit && plan.literal.len() > 1 {
        // A report already heard, or a copy of one (folded into its hit).
        let shown: HashSet<String> = results
            .hits
            .iter()
            .flat_map(|h| std::iter::once(&h.path).chain(&h.also))
            .cloned()
            .collect();
        let extra = report_level(
            &searcher,
            &fields,
            query,
            opts,
            &plan,
            &about,
            &shown,
            limit - results.hits.len(),
        )?;
        results.report_level = extra.len();
        results.hits.extend(extra);
    }
    Ok(results)
}

/// Passages that hold every group of the query, best first, at most
/// `opts.per_report` of a report.
fn passages(
    searcher: &Searcher,
    fields: &Fields,
    query: &Query,
    opts: &SearchOptions,
    plan: &Plan,
    about: &Arc<HashMap<u64, u32>>,
) -> Result<SearchResults> {
    let tantivy_query = plan.matching_all();
    let word_weights: Vec<Box<dyn Weight>> = plan
        .word_queries
        .iter()
        .filter_map(|q| {
            q.weight(EnableScoring::disabled_from_searcher(searcher))
                .ok()
        })
        .collect();
    let word_weights = Arc::new(word_weights);
    let boiler = Boilerplate::new(searcher, *fields)?;
    let report_filter = opts.filters.reports.clone();
    let about_risk = query.positive_terms().any(|t| t.text.contains("风险"));
    // The about-ness of a report titled after every group of the query.
    let full_about = (2 * plan.literal.len()).max(1) as Score;
    // Rank by (allowed by the filters, own text, prose, whole-word tier,
    // score weighed by about-ness). Boilerplate is checked afterwards on the
    // best candidates only (its check costs a term lookup per sentence);
    // when it, the per-report limit or folding leave fewer than `limit`,
    // fetch more candidates and check again.
    let report_columns: Vec<Option<tantivy::columnar::Column<u64>>> = searcher
        .segment_readers()
        .iter()
        .map(|seg| seg.fast_fields().u64("report").ok())
        .collect();
    let limit = opts.limit.max(1);
    // Candidates kept of one report: more than it may show, for those that
    // folding, the boilerplate rule or the table rule leave out.
    let mut keep = opts.per_report * 2 + 2;
    let mut want = if opts.boilerplate && opts.per_report == 0 {
        limit
    } else {
        limit * 3 + 20
    };
    loop {
        let weights = word_weights.clone();
        let allowed_reports = report_filter.clone();
        let about = about.clone();
        let key_fn = move |seg: &SegmentReader| {
            let scorers: Vec<RefCell<Box<dyn tantivy::query::Scorer>>> = weights
                .iter()
                .filter_map(|w| w.scorer(seg, 1.0).ok())
                .map(RefCell::new)
                .collect();
            let report = seg.fast_fields().u64("report").ok();
            let layout = seg.fast_fields().u64("layout").ok();
            let section = seg.fast_fields().u64("section").ok();
            let norm_len = seg.fast_fields().u64("norm_len").ok();
            let ordinal = seg.fast_fields().u64("ordinal").ok();
            let report_filter = allowed_reports.clone();
            let about = about.clone();
            move |doc: DocId, score: Score| {
                let report_id = report.as_ref().and_then(|c| c.first(doc));
                let allowed = match (&report_filter, report_id) {
                    (Some(set), Some(r)) => set.contains(&r),
                    (Some(_), None) => false,
                    _ => true,
                };
                // Prose first: a table answers only when no prose does.
                let prose = layout
                    .as_ref()
                    .is_none_or(|col| col.first(doc) != Some(Layout::Table as u64));
                let section = section
                    .as_ref()
                    .and_then(|col| col.first(doc))
                    .and_then(|s| Section::ALL.get(s as usize).copied());
                // A report's own text before legal text, tables of contents
                // and cover blocks (when these may answer at all).
                let own = section.is_none_or(|s| !is_legal(s) && !is_front_matter(s));
                let tier = scorers
                    .iter()
                    .filter(|s| {
                        let mut s = s.borrow_mut();
                        if s.doc() < doc {
                            s.seek(doc);
                        }
                        s.doc() == doc
                    })
                    .count() as u32;
                // A report about the query speaks louder, in its body: its
                // head passages restate the title (or list related
                // reports) and say nothing more.
                let in_head = ordinal
                    .as_ref()
                    .and_then(|c| c.first(doc))
                    .is_some_and(|o| o < u64::from(ABOUT_PASSAGES));
                let about = if in_head {
                    0
                } else {
                    report_id.and_then(|r| about.get(&r)).copied().unwrap_or(0)
                };
                let about = 1.0 + ABOUT_WEIGHT * about as Score / full_about;
                let len = norm_len.as_ref().and_then(|c| c.first(doc)).unwrap_or(0);
                let risk = if about_risk && section == Some(Section::Risk) {
                    RISK_BOOST
                } else {
                    1.0
                };
                (
                    u32::from(allowed),
                    u32::from(own),
                    u32::from(prose),
                    tier,
                    score * length_prior(len) * risk * about,
                )
            }
        };
        let tally = ByReport {
            scoring: false,
            allowed: report_filter.clone(),
        };
        let (top, per_report) = if opts.per_report == 0 {
            let top = TopDocs::with_limit(want).tweak_score(key_fn);
            searcher.search(&tantivy_query, &(top, tally))?
        } else {
            let top = TopPerReport {
                per_report: keep,
                limit: want,
                key_fn,
            };
            searcher.search(&tantivy_query, &(top, tally))?
        };
        // Filtered-out passages sort last: one among the candidates means
        // every allowed passage was seen. With the per-report limit, a
        // report that matched more often than its candidates kept may have
        // more to say if those are folded or hidden.
        let exhausted = top.last().is_some_and(|(key, _)| key.0 == 0)
            || (top.len() < want
                && (opts.per_report == 0 || per_report.values().all(|t| t.count as usize <= keep)));
        let mut hits: Vec<SearchHit> = Vec::new();
        let mut hit_reports: Vec<u64> = Vec::new();
        let mut seen: HashMap<String, usize> = HashMap::new();
        let mut keys: Vec<String> = Vec::new();
        let mut shown_of: HashMap<u64, usize> = HashMap::new();
        let mut hidden = 0;
        let mut tables_left_out = 0;
        let report_of = |a: &tantivy::DocAddress| {
            report_columns
                .get(a.segment_ord as usize)
                .and_then(|c| c.as_ref())
                .and_then(|c| c.first(a.doc_id))
        };
        // Passages are read a group of equal rank at a time, and only until
        // the page is full: each read decompresses a block of the store.
        let mut candidates = top.as_slice();
        'groups: while let Some(&(first, _)) = candidates.first() {
            let tied = candidates.iter().take_while(|(k, _)| *k == first).count();
            let (group, rest) = candidates.split_at(tied);
            candidates = rest;
            if hits.len() == limit || first.0 == 0 {
                break;
            }
            // A report that has had its say is not read again: its
            // passages are only counted (by `per_report`, in `more`).
            let group: Vec<(RankKey, tantivy::DocAddress)> = group
                .iter()
                .filter(|(_, a)| {
                    opts.per_report == 0
                        || report_of(a).is_none_or(|r| {
                            shown_of.get(&r).copied().unwrap_or(0) < opts.per_report
                        })
                })
                .copied()
                .collect();
            for (key, p) in in_stable_order(searcher, fields, &group)? {
                let score = key.4;
                if hits.len() == limit {
                    break 'groups;
                }
                // Legal text repeated across reports is left out; a report's
                // own text is never, however often it recurs: copies are
                // folded.
                if !opts.boilerplate
                    && is_legal(p.section)
                    && boiler.is_boilerplate(sentence_fingerprints(&p.norm.text).into_iter())
                {
                    hidden += 1;
                    continue;
                }
                // A table answers only when no prose does.
                if !opts.all
                    && p.layout == Layout::Table
                    && hits.iter().any(|h| h.layout == Layout::Prose)
                {
                    tables_left_out += 1;
                    continue;
                }
                // One report, one voice: a report speaks at most
                // `per_report` times; the rest is counted in `more`.
                let shown = shown_of.get(&p.report).copied().unwrap_or(0);
                if opts.per_report > 0 && shown >= opts.per_report {
                    continue;
                }
                let hit = hit_of(searcher, fields, &p, query, score)?;
                let key = fold_key(&hit.text);
                let same = seen
                    .get(&key)
                    .copied()
                    .or_else(|| keys.iter().position(|k| nearly_same(k, &key)));
                if let Some(k) = same {
                    if hits[k].path != hit.path && !hits[k].also.contains(&hit.path) {
                        hits[k].also.push(hit.path);
                    }
                    continue;
                }
                *shown_of.entry(p.report).or_default() += 1;
                seen.insert(key.clone(), hits.len());
                keys.push(key);
                hits.push(hit);
                hit_reports.push(p.report);
            }
        }
        for (h, report) in hits.iter_mut().zip(&hit_reports) {
            h.also.sort();
            let matching = per_report.get(report).map_or(0, |t| t.count as usize);
            h.more = matching.saturating_sub(shown_of.get(report).copied().unwrap_or(0));
        }
        // Each report's `more` is told once, on its last passage shown.
        let mut told: HashSet<u64> = HashSet::new();
        for (h, report) in hits.iter_mut().zip(&hit_reports).rev() {
            if !told.insert(*report) {
                h.more = 0;
            }
        }
        if hits.len() == limit || exhausted {
            return Ok(SearchResults {
                hits,
                hidden_boilerplate: hidden,
                tables: tables_left_out,
                report_level: 0,
            });
        }
        want *= 4;
        keep *= 4;
    }
}

/// Reports that hold every group of the query, though no passage holds
/// them all, best first: for each, the best passage of each group, marked
/// as a report-level match. At most `want` reports.
#[allow(clippy::too_many_arguments)]
fn report_level(
    searcher: &Searcher,
    fields: &Fields,
    query: &Query,
    opts: &SearchOptions,
    plan: &Plan,
    about: &HashMap<u64, u32>,
    shown: &HashSet<String>,
    want: usize,
) -> Result<Vec<SearchHit>> {
    let mut per_group: Vec<HashMap<u64, Tally>> = Vec::new();
    for g in 0..plan.literal.len() {
        let mut q = plan.matching_literally(g);
        // A report's own text speaks for it: legal text holds 目标价 and
        // 风险 in every report.
        if !opts.boilerplate && !opts.all {
            let mut clauses: Vec<(Occur, Box<dyn TQuery>)> = q
                .clauses()
                .iter()
                .map(|(o, c)| (*o, c.box_clone()))
                .collect();
            clauses.extend(legal_sections(fields));
            q = BooleanQuery::new(clauses);
        }
        let tally = ByReport {
            scoring: true,
            allowed: opts.filters.reports.clone(),
        };
        per_group.push(searcher.search(&q, &tally)?);
    }
    let Some((first, rest)) = per_group.split_first() else {
        return Ok(Vec::new());
    };
    let mut reports: Vec<(u32, Score, u64)> = first
        .iter()
        .filter(|(r, _)| rest.iter().all(|m| m.contains_key(r)))
        .map(|(r, t)| {
            let total: Score = t.best_score + rest.iter().map(|m| m[r].best_score).sum::<Score>();
            (about.get(r).copied().unwrap_or(0), total, *r)
        })
        .collect();
    reports.sort_by(|a, b| b.0.cmp(&a.0).then(b.1.total_cmp(&a.1)).then(a.2.cmp(&b.2)));
    let mut out: Vec<SearchHit> = Vec::new();
    // The fold key of each report given, and the index of its first hit.
    let mut given: Vec<(String, usize)> = Vec::new();
    for (_, _, report) in reports {
        // A report-level match is one result, however many terms' passages
        // it shows.
        if given.len() >= want {
            break;
        }
        let mut addresses: Vec<(tantivy::DocAddress, Score)> = per_group
            .iter()
            .map(|m| (m[&report].best, m[&report].best_score))
            .collect();
        addresses.sort_by_key(|(a, _)| (a.segment_ord, a.doc_id));
        addresses.dedup_by_key(|(a, _)| *a);
        let mut passages: Vec<(StoredPassage, Score)> = addresses
            .into_iter()
            .map(|(a, s)| Ok((StoredPassage::load(searcher, fields, a)?, s)))
            .collect::<Result<_>>()?;
        if passages
            .first()
            .is_some_and(|(p, _)| shown.contains(&p.path))
        {
            continue;
        }
        passages.sort_by_key(|(p, _)| p.ordinal);
        let mut hits = Vec::new();
        for (p, score) in passages {
            let mut hit = hit_of(searcher, fields, &p, query, score)?;
            hit.report_level = true;
            hits.push(hit);
        }
        // A copy of a report already given reads the same: folded into it.
        let key = |h: &[SearchHit]| -> String { h.iter().map(|h| fold_key(&h.text)).collect() };
        let this = key(&hits);
        if let Some(k) = given.iter().position(|(k, _)| *k == this) {
            let first = given[k].1;
            let path = hits[0].path.clone();
            if !out[first].also.contains(&path) {
                out[first].also.push(path);
            }
            continue;
        }
        given.push((this, out.len()));
        out.extend(hits);
    }
    Ok(out)
}

/// The reports titled after every group of the query.
fn titled_after_every_group(about: &About) -> HashSet<u64> {
    let Some((first, rest)) = about.titled.split_first() else {
        return HashSet::new();
    };
    first
        .iter()
        .filter(|r| rest.iter().all(|t| t.contains(r)))
        .copied()
        .collect()
}

/// Reports at most given a voice for their title alone; a query in the
/// titles of more reports gives none.
const TITLED_VOICES: usize = 10;

/// A report titled after the query speaks even when none of its passages
/// names the query (`search 腾讯控股` and the Tencent report, which says
/// 公司 after its header): its first summary passage (else its first body
/// passage past the head), marked [`SearchHit::titled`], before the hits of
/// reports not titled after the query.
fn speak_for_titled(
    searcher: &Searcher,
    fields: &Fields,
    opts: &SearchOptions,
    plan: &Plan,
    titled: &HashSet<u64>,
    hits: &mut Vec<SearchHit>,
) -> Result<()> {
    let shown: HashSet<&str> = hits
        .iter()
        .flat_map(|h| std::iter::once(&h.path).chain(&h.also))
        .map(String::as_str)
        .collect();
    let mut reports: Vec<u64> = titled
        .iter()
        .filter(|r| opts.filters.reports.as_ref().is_none_or(|a| a.contains(r)))
        .copied()
        .collect();
    reports.sort_unstable();
    let mut voices: Vec<SearchHit> = Vec::new();
    for report in reports {
        if voices.len() == TITLED_VOICES {
            break;
        }
        let Some(p) = first_readable_passage(searcher, fields, plan, report)? else {
            continue;
        };
        if shown.contains(p.path.as_str()) {
            continue;
        }
        let mut hit = hit_of(searcher, fields, &p, &Query::default(), 0.0)?;
        hit.titled = true;
        let key = fold_key(&hit.text);
        if let Some(v) = voices.iter_mut().find(|v| fold_key(&v.text) == key) {
            v.also.push(hit.path);
            continue;
        }
        voices.push(hit);
    }
    if voices.is_empty() {
        return Ok(());
    }
    voices.sort_by(|a, b| a.path.cmp(&b.path));
    // Before the first hit of a report not titled after the query.
    let at = hits
        .iter()
        .position(|h| !titled.contains(&report_id(&h.path)))
        .unwrap_or(hits.len());
    hits.splice(at..at, voices);
    Ok(())
}

/// A report's first summary passage, else its first prose passage of its
/// own text past the head, within the query's restrictions.
fn first_readable_passage(
    searcher: &Searcher,
    fields: &Fields,
    plan: &Plan,
    report: u64,
) -> Result<Option<StoredPassage>> {
    let mut clauses: Vec<(Occur, Box<dyn TQuery>)> = vec![
        (
            Occur::Must,
            Box::new(TermQuery::new(
                Term::from_field_u64(fields.report, report),
                IndexRecordOption::Basic,
            )),
        ),
        (
            Occur::MustNot,
            u64_term(fields.layout, Layout::Table as u64),
        ),
        (
            Occur::MustNot,
            u64_term(fields.layout, Layout::Furniture as u64),
        ),
    ];
    for s in Section::ALL {
        if is_legal(s) || is_front_matter(s) {
            clauses.push((Occur::MustNot, u64_term(fields.section, s as u64)));
        }
    }
    clauses.extend(plan.restrictions.iter().map(|(o, q)| (*o, q.box_clone())));
    let first = TopDocs::with_limit(1).tweak_score(|seg: &SegmentReader| {
        let ordinal = seg.fast_fields().u64("ordinal").ok();
        let section = seg.fast_fields().u64("section").ok();
        move |doc: DocId, _score: Score| {
            let o = ordinal
                .as_ref()
                .and_then(|c| c.first(doc))
                .unwrap_or(u64::MAX);
            let summary =
                section.as_ref().and_then(|c| c.first(doc)) == Some(Section::Summary as u64);
            let past_head = o >= u64::from(ABOUT_PASSAGES);
            (u32::from(summary), u32::from(past_head), u64::MAX - o)
        }
    });
    let top = searcher.search(&BooleanQuery::new(clauses), &first)?;
    top.first()
        .map(|&(_, a)| StoredPassage::load(searcher, fields, a))
        .transpose()
}

/// Reports a query is *about*, scored: per group of the query, 2 when a
/// term is in the report's title or file name, or is a ticker of its
/// head; 1 when a term is in its first passages (where the title and the
/// company's code stand). A report about the query's subject ranks above
/// one that mentions it in passing.
fn about_reports(searcher: &Searcher, fields: &Fields, query: &Query) -> Result<About> {
    let mut about = About::default();
    let head: Box<dyn TQuery> = Box::new(RangeQuery::new(
        std::ops::Bound::Included(Term::from_field_u64(fields.ordinal, 0)),
        std::ops::Bound::Excluded(Term::from_field_u64(
            fields.ordinal,
            u64::from(ABOUT_PASSAGES),
        )),
    ));
    let reports_of = |clauses: Vec<(Occur, Box<dyn TQuery>)>| -> Result<HashSet<u64>> {
        if clauses.is_empty() {
            return Ok(HashSet::new());
        }
        let tally = ByReport {
            scoring: false,
            allowed: None,
        };
        Ok(searcher
            .search(&BooleanQuery::new(clauses), &tally)?
            .into_keys()
            .collect())
    };
    for group in &query.groups {
        let mut titled: Vec<(Occur, Box<dyn TQuery>)> = Vec::new();
        let mut headed: Vec<(Occur, Box<dyn TQuery>)> = Vec::new();
        for term in group {
            if let Some(t) = parse_ticker_query(&term.text) {
                titled.push((
                    Occur::Should,
                    Box::new(TermQuery::new(
                        Term::from_field_text(fields.about, &t.index_key()),
                        IndexRecordOption::Basic,
                    )),
                ));
                continue;
            }
            if let Some(q) = variants_query(fields.title_grams, term) {
                titled.push((Occur::Should, q));
            }
            if let Some(q) = variants_query(fields.grams, term) {
                let in_head: Vec<(Occur, Box<dyn TQuery>)> =
                    vec![(Occur::Must, q), (Occur::Must, head.box_clone())];
                headed.push((Occur::Should, Box::new(BooleanQuery::new(in_head))));
            }
        }
        let titled = reports_of(titled)?;
        let mut headed = reports_of(headed)?;
        headed.extend(titled.iter().copied());
        for report in headed {
            let weight = if titled.contains(&report) { 2 } else { 1 };
            *about.score.entry(report).or_default() += weight;
        }
        about.titled.push(titled);
    }
    Ok(about)
}

/// What reports a query is about (see [`about_reports`]).
#[derive(Default)]
struct About {
    /// Per report, its about-ness summed over the query's groups.
    score: HashMap<u64, u32>,
    /// Per group of the query, the reports whose title, file name or
    /// head tickers name it.
    titled: Vec<HashSet<u64>>,
}

/// How much more a passage counts when its report is titled after every
/// term of the query (in part when after some of them).
const ABOUT_WEIGHT: Score = 1.0;

/// How much more a risk passage counts when the query is about risk.
const RISK_BOOST: Score = 1.5;

/// The sort key of a candidate: allowed, own text, prose, word tier,
/// score (weighed by about-ness).
type RankKey = (u32, u32, u32, u32, Score);

/// A group of candidates of equal rank with their passages, in the order
/// of their path and ordinal: tantivy breaks ties by document address,
/// which depends on how the index is split in segments, and the first of
/// a group of identical passages is the one shown, the others folded.
fn in_stable_order(
    searcher: &tantivy::Searcher,
    fields: &Fields,
    tied: &[(RankKey, tantivy::DocAddress)],
) -> Result<Vec<(RankKey, StoredPassage)>> {
    let mut out = tied
        .iter()
        .map(|&(key, address)| Ok((key, StoredPassage::load(searcher, fields, address)?)))
        .collect::<Result<Vec<_>>>()?;
    out.sort_by(|(_, a), (_, b)| (&a.path, a.ordinal).cmp(&(&b.path, b.ordinal)));
    Ok(out)
}

/// Tables of contents and cover blocks: ranked after a report's own text
/// when they may answer at all.
fn is_front_matter(s: Section) -> bool {
    matches!(s, Section::Toc | Section::Cover)
}

/// Clauses that leave out legal text.
fn legal_sections(fields: &Fields) -> Vec<(Occur, Box<dyn TQuery>)> {
    Section::ALL
        .into_iter()
        .filter(|s| is_legal(*s))
        .map(|s| (Occur::MustNot, u64_term(fields.section, s as u64)))
        .collect()
}

/// Legal text: ranked after a report's own text.
fn is_legal(s: Section) -> bool {
    matches!(
        s,
        Section::Disclaimer | Section::Analyst | Section::RatingScale
    )
}

/// Whether two hits' fold keys read nearly the same: the same sentences
/// with a few figures, a date or a name changed (a series' template), or
/// one of them the other with a sentence more. Measured by the character
/// bigrams they share.
fn nearly_same(a: &str, b: &str) -> bool {
    let (la, lb) = (a.chars().count(), b.chars().count());
    if la < 20 || lb < 20 {
        return false;
    }
    let bigrams = |s: &str| {
        let c: Vec<char> = s.chars().collect();
        let mut v: Vec<(char, char)> = c.windows(2).map(|w| (w[0], w[1])).collect();
        v.sort_unstable();
        v
    };
    let (x, y) = (bigrams(a), bigrams(b));
    let (mut i, mut j, mut shared) = (0, 0, 0);
    while i < x.len() && j < y.len() {
        match x[i].cmp(&y[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                shared += 1;
                i += 1;
                j += 1;
            }
        }
    }
    // The same text with a few words or figures changed; or, when one is
    // longer by a sentence or more, the shorter one within it.
    let similar = shared * 20 >= (x.len() + y.len()) * 9;
    let (short, long) = (x.len().min(y.len()), x.len().max(y.len()));
    let contained = short * 2 >= long && short * 10 < long * 9 && shared * 10 >= short * 9;
    similar || contained
}

/// Readable characters from which a passage's score counts fully: BM25
/// alone rewards a 12-character line that holds the term (a header, a
/// label), which says nothing to a reader.
const FULL_LENGTH: u64 = 80;

/// The share of its score a passage of `len` characters keeps: strongly
/// damped under about 40 characters, whole from [`FULL_LENGTH`] on, and
/// raised by up to [`LONG_BONUS`] towards a passage's full length.
fn length_prior(len: u64) -> Score {
    let x = (len.min(FULL_LENGTH) as Score) / FULL_LENGTH as Score;
    let full = crate::text::passage::MAX_CHARS as u64;
    let long =
        (len.clamp(FULL_LENGTH, full) - FULL_LENGTH) as Score / (full - FULL_LENGTH) as Score;
    x * x * (1.0 + LONG_BONUS * long)
}

/// How much more a passage of full length counts than one of
/// [`FULL_LENGTH`]: BM25's length normalization prefers a 90-character
/// line that names the term to the 250-character paragraph that says
/// something about it, and judges reading the results preferred the
/// paragraph (chosen on the dev queries' judgements: 0.0, 0.3, 0.6).
const LONG_BONUS: Score = 0.6;

/// The text by which two hits are the same: letters and digits only,
/// lowercase and half-width.
fn fold_key(text: &str) -> String {
    crate::text::normalize(text)
        .chars()
        .filter(|c| c.is_alphanumeric())
        .collect()
}

fn u64_term(field: Field, value: u64) -> Box<dyn TQuery> {
    Box::new(TermQuery::new(
        Term::from_field_u64(field, value),
        IndexRecordOption::Basic,
    ))
}

/// Whether a query term is a certificate number (`S0760518030002`) or an
/// analyst's name as the index records it.
fn names_a_person(searcher: &Searcher, fields: &Fields, term: &str) -> bool {
    let t: Vec<char> = term.chars().collect();
    if t.len() == 14 && t[0] == 's' && t[1..].iter().all(|c| c.is_ascii_digit()) {
        return true;
    }
    let analyst = Term::from_field_text(fields.analyst, term);
    searcher.segment_readers().iter().any(|seg| {
        seg.inverted_index(fields.analyst)
            .is_ok_and(|ii| ii.doc_freq(&analyst).is_ok_and(|n| n > 0))
    })
}

/// The answer to a query.
#[derive(Debug, Default)]
pub struct SearchResults {
    /// The best passages, best first.
    pub hits: Vec<SearchHit>,
    /// Boilerplate passages among the best ones, left out.
    pub hidden_boilerplate: usize,
    /// Table passages among the best ones, left out because prose answered.
    pub tables: usize,
    /// Hits at the end of `hits` that are report-level matches (see
    /// [`SearchHit::report_level`]): fewer passages than asked held every
    /// term.
    pub report_level: usize,
}

#[cfg(test)]
mod tests {
    use super::{fold_key, nearly_same};

    fn same(a: &str, b: &str) -> bool {
        nearly_same(&fold_key(a), &fold_key(b))
    }

    #[test]
    fn a_series_template_and_an_extended_copy_read_the_same() {
        let a = "风险提示：行业政策变动风险；产品研发进度不及预期风险；市场竞争加剧风险；华兰生物采浆量增长不及预期的风险；疫情反复导致终端需求下滑的风险；新浆站审批进度低于预期的风险；产品质量安全事件的风险。";
        let b = "风险提示：行业政策变动风险；产品研发进度不及预期风险；市场竞争加剧风险；天坛生物采浆量增长不及预期的风险；疫情反复导致终端需求下滑的风险；新浆站审批进度低于预期的风险；产品质量安全事件的风险。";
        assert!(same(a, b));
        let longer =
            format!("{a}血制品行业的需求仍将保持稳定增长，静丙和白蛋白的需求仍有提升空间。");
        assert!(same(a, &longer));
    }

    #[test]
    fn the_same_sentence_with_other_figures_does_not() {
        let a = "第1号工厂扩产，预计新增收入11亿元，毛利率提升1个百分点。";
        let b = "第2号工厂扩产，预计新增收入12亿元，毛利率提升2个百分点。";
        assert!(!same(a, b));
    }

    #[test]
    fn different_risk_lists_do_not() {
        let a = "风险提示：集采降价幅度超预期；新产品放量不及预期；海外疫情反复影响出口。";
        let b = "风险提示：宏观经济下行风险；原材料价格波动风险；汇率大幅波动带来的汇兑损失风险。";
        assert!(!same(a, b));
        let short = "风险提示：政策风险。";
        let long = "风险提示：政策风险；研发风险；市场竞争加剧风险；原材料价格上涨风险；汇率波动风险；医保控费风险。";
        assert!(!same(short, long));
    }
}
