//! `yanbao search`: ranked passages for a query.
//!
//! Each term must occur in the passage as a substring of its normalized
//! text: a phrase of consecutive characters in the `grams` field,
//! exact whatever jieba made of the passage. The same term cut into the
//! index's own words (see `dictseg`) is an optional clause on the `words`
//! field; passages where it matches as whole words rank above those that
//! match only as a substring (the sort key's `tier`).

mod about;
mod fold;
mod plan;
mod report_level;

use about::*;
use fold::*;
use plan::*;
use report_level::*;

use crate::index::columns::{u64_column, RankBitsColumn};
use crate::index::folder::Index;
use crate::index::schema::{report_id, Fields, ABOUT_PASSAGES, KIND_PASSAGE};
use crate::index::tokens::query_grams;
use crate::layout::Layout;
use crate::query::boilerplate::{defines_ratings, Boilerplate};
use crate::query::by_report::{ByReport, ReportMap, SectionsByReport, Tally, TopPerReport};
use crate::query::dictseg::segment;
use crate::query::filter::Filters;
use crate::query::hit::hit_of;
use crate::query::parse::{Query, Term as QueryTerm};
use crate::query::stored::StoredPassage;
use crate::report::sentence_fingerprints;
use crate::report::{parse_ticker_query, Section};
use anyhow::Result;
use std::cell::{Cell, RefCell};
use std::collections::{HashMap, HashSet};
use std::sync::Arc;
use tantivy::collector::{Collector, TopDocs};
use tantivy::query::{
    BooleanQuery, BoostQuery, ConstScoreQuery, EnableScoring, Occur, PhraseQuery, Query as TQuery,
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
    /// Fold a passage that reads nearly the same as one shown (see `fold`)
    /// into it. Off, only a copy's passage is (the same text at the same
    /// place of the file): a list of reports wants every report whose
    /// passage merely repeats another's.
    pub fold_similar: bool,
}

impl Default for SearchOptions {
    fn default() -> SearchOptions {
        SearchOptions {
            limit: 10,
            boilerplate: false,
            all: false,
            filters: Filters::default(),
            per_report: 2,
            fold_similar: true,
        }
    }
}

/// A passage that answers a query.
#[derive(Debug, Clone, serde::Serialize)]
pub struct SearchHit {
    /// The report's key: its path relative to its root (see
    /// [`crate::index::roots`] for an index of several folders).
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
    /// Paths of the other reports whose passage reads the same, or nearly
    /// (the same text cut elsewhere or with a sentence more, the same words
    /// with other figures: see `fold`), folded into this one.
    pub also: Vec<String>,
    /// Further passages of this report that match, not shown (told on the
    /// last passage shown of the report).
    pub more: usize,
    /// A report-level match: no passage holds every term, but the report
    /// does; this is the best passage of its report for one of the terms.
    pub report_level: bool,
    /// A report titled after the query that no passage in the list speaks
    /// for: its first summary passage does (highlighted where it names the
    /// query after all).
    pub titled: bool,
}
pub(crate) fn search(opened: &Index, query: &Query, opts: &SearchOptions) -> Result<SearchResults> {
    Ok(search_matching(opened, query, opts, false)?.0)
}

/// A search, and with `sections` the reports its query matches (those
/// with a passage that holds the whole query and that the filters allow),
/// each with the sections it matched in, a bit per `Section`: the result
/// set that facets count, gathered in the search's own pass over the
/// matches instead of a second one.
pub(crate) fn search_matching(
    opened: &Index,
    query: &Query,
    opts: &SearchOptions,
    sections: bool,
) -> Result<(SearchResults, ReportMap<u64>)> {
    let searcher = opened.searcher()?;
    let fields = opened.fields;
    let about = about_reports(&searcher, &fields, query)?;
    let Some(plan) = Plan::new(&searcher, &fields, query, opts, &about) else {
        return Ok(Default::default());
    };
    let titled = titled_after_every_group(&about);
    let about = Arc::new(about.score);
    let mut matched = ReportMap::default();
    let mut results = passages(
        &searcher,
        &fields,
        query,
        opts,
        &plan,
        &about,
        sections.then_some(&mut matched),
    )?;
    let limit = opts.limit.max(1);
    // A term in the titles of many reports names a subject, not a company
    // or a product whose reports a reader wants first (`风险`, `医疗器械`).
    if !titled.is_empty() && titled.len() <= TITLED_VOICES {
        speak_for_titled(
            &searcher,
            &fields,
            query,
            opts,
            &plan,
            &titled,
            &mut results.hits,
        )?;
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
        // Tables may answer when no passage of prose did.
        let tables = opts.all || !results.hits.iter().any(|h| h.layout == Layout::Prose);
        // What the hits shown say, so that a report-level answer does not
        // say it again.
        let said: Vec<FoldShape> = if opts.fold_similar {
            results
                .hits
                .iter()
                .map(|h| FoldShape::of(&h.text, &fold_key(&h.text)))
                .collect()
        } else {
            Vec::new()
        };
        let answer = |tables: bool| {
            report_level(
                &searcher,
                &fields,
                query,
                opts,
                &plan,
                &about,
                Shown {
                    paths: &shown,
                    said: &said,
                },
                tables,
                limit - results.hits.len(),
            )
        };
        let mut extra = answer(opts.all)?;
        // A table answers only when no prose does, at report level too:
        // a report whose only passage with a term is a table answers when
        // no report's prose holds every term.
        if tables && !opts.all && extra.is_empty() {
            extra = answer(true)?;
        }
        results.report_level = extra.len();
        results.hits.extend(extra);
    }
    Ok((results, matched))
}

/// The reports the query matches, with the sections each matched in (see
/// [`search_matching`]), without a search.
pub(crate) fn matching_sections(
    opened: &Index,
    query: &Query,
    opts: &SearchOptions,
) -> Result<ReportMap<u64>> {
    let searcher = opened.searcher()?;
    let fields = opened.fields;
    let about = about_reports(&searcher, &fields, query)?;
    let Some(plan) = Plan::new(&searcher, &fields, query, opts, &about) else {
        return Ok(ReportMap::default());
    };
    let sections = SectionsByReport {
        allowed: opts.filters.reports.clone(),
    };
    Ok(searcher.search(&plan.matching_all(), &sections)?)
}

/// Runs `collector` over `query`'s matches, and, when `sections` asks for
/// them, gathers the sections of the matching reports in the same pass.
fn collect_with_sections<C: Collector>(
    searcher: &Searcher,
    query: &dyn TQuery,
    collector: C,
    sections: Option<&mut ReportMap<u64>>,
    allowed: &Option<Arc<HashSet<u64>>>,
) -> Result<C::Fruit> {
    let Some(out) = sections else {
        return Ok(searcher.search(query, &collector)?);
    };
    let also = SectionsByReport {
        allowed: allowed.clone(),
    };
    let (fruit, matched) = searcher.search(query, &(collector, also))?;
    *out = matched;
    Ok(fruit)
}

/// Passages that hold every group of the query, best first, at most
/// `opts.per_report` of a report.
fn passages(
    searcher: &Searcher,
    fields: &Fields,
    query: &Query,
    opts: &SearchOptions,
    plan: &Plan,
    about: &Arc<ReportMap<u32>>,
    mut sections: Option<&mut ReportMap<u64>>,
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
        .map(|seg| u64_column(seg, "report").ok())
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
            let report = u64_column(seg, "report").ok();
            let bits = RankBitsColumn::of(seg);
            let report_filter = allowed_reports.clone();
            let about = about.clone();
            // A report's passages come one after another: its id, whether
            // it is allowed and how much it is about the query are looked
            // up once per run of its passages.
            let run: Cell<Option<ReportRun>> = Cell::new(None);
            move |doc: DocId, score: Score| {
                let bits = bits.get(doc);
                let (report_id, allowed, report_about) = match run.get() {
                    Some((end, r, allowed, about)) if doc <= end => (r, allowed, about),
                    _ => {
                        let r = report.as_ref().and_then(|c| c.first(doc));
                        let allowed = match r {
                            Some(r) => report_filter.as_ref().is_none_or(|set| set.contains(&r)),
                            None => report_filter.is_none(),
                        };
                        let about = r.and_then(|r| about.get(&r).copied()).unwrap_or(0);
                        let end = doc.saturating_add(bits.run_after() as DocId);
                        run.set(Some((end, r, allowed, about)));
                        (r, allowed, about)
                    }
                };
                // Prose first: a table answers only when no prose does.
                let prose = bits.layout() != Some(Layout::Table);
                let section = bits.section();
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
                let about = if bits.in_head() { 0 } else { report_about };
                let about = 1.0 + ABOUT_WEIGHT * about as Score / full_about;
                let len = bits.len();
                let risk = if about_risk && section == Some(Section::Risk) {
                    RISK_BOOST
                } else {
                    1.0
                };
                let rough = if bits.rough() { ROUGH_WEIGHT } else { 1.0 };
                let key: RankKey = (
                    u32::from(allowed),
                    u32::from(own),
                    u32::from(prose),
                    tier,
                    score * length_prior(len) * risk * about * rough,
                );
                (report_id, key)
            }
        };
        // Matching passages per report: counted by the per-report
        // collector as it goes, or by a tally beside the plain top-N.
        let (top, per_report): (Vec<(RankKey, tantivy::DocAddress)>, ReportMap<u32>) =
            if opts.per_report == 0 {
                let top = TopDocs::with_limit(want).tweak_score(move |seg: &SegmentReader| {
                    let key_of = key_fn(seg);
                    move |doc: DocId, score: Score| key_of(doc, score).1
                });
                let tally = ByReport {
                    scoring: false,
                    allowed: report_filter.clone(),
                };
                let (top, tally) = collect_with_sections(
                    searcher,
                    &tantivy_query,
                    (top, tally),
                    sections.take(),
                    &report_filter,
                )?;
                let counts = tally.into_iter().map(|(r, t)| (r, t.count)).collect();
                (top, counts)
            } else {
                let top = TopPerReport {
                    per_report: keep,
                    limit: want,
                    key_fn,
                };
                collect_with_sections(
                    searcher,
                    &tantivy_query,
                    top,
                    sections.take(),
                    &report_filter,
                )?
            };
        // Filtered-out passages sort last: one among the candidates means
        // every allowed passage was seen. With the per-report limit, a
        // report that matched more often than its candidates kept may have
        // more to say if those are folded or hidden.
        let exhausted = top.last().is_some_and(|(key, _)| key.0 == 0)
            || (top.len() < want
                && (opts.per_report == 0 || per_report.values().all(|&n| n as usize <= keep)));
        let mut hits: Vec<SearchHit> = Vec::new();
        let mut hit_reports: Vec<u64> = Vec::new();
        let mut seen: HashMap<String, usize> = HashMap::new();
        // Each shown hit's fold shape, computed once: every later candidate is
        // compared with all of them.
        let mut keys: Vec<FoldShape> = Vec::new();
        let mut shown_of: HashMap<u64, usize> = HashMap::new();
        let has_terms = query.positive_terms().next().is_some();
        let mut hidden = 0;
        let mut tables_left_out = 0;
        let mut banners: Vec<(SearchHit, u64)> = Vec::new();
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
                    && (is_legal(p.section) || defines_ratings(&p.norm.text))
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
                // A passage whose every match lies in text the reader is not
                // shown (a caption or footer hidden in it) says nothing of
                // the query as shown: `注：所有产品均折算为标准规格。4.` for
                // a company named only in the chart's caption after it.
                if hit.highlights.is_empty() && has_terms {
                    continue;
                }
                // A front page's banner (broker's slogan, report type, date
                // and the title again) says nothing the hit's heading does
                // not: like a table, it answers only when no prose does. It
                // may rank first, so it waits for the end of the list.
                let key = fold_key(&hit.text);
                if !opts.all && restates_title(&hit.text, &key, &hit.title) {
                    banners.push((hit, p.report));
                    continue;
                }
                let shape = opts.fold_similar.then(|| FoldShape::of(&hit.text, &key));
                let same = match &shape {
                    Some(shape) => seen.get(&key).copied().or_else(|| {
                        keys.iter().zip(&hit_reports).position(|(k, &r)| {
                            if r == p.report {
                                k.restated(shape)
                            } else {
                                k.nearly_same(shape)
                            }
                        })
                    }),
                    // Copies only: the same text at the same place of the file.
                    None => seen
                        .get(&key)
                        .copied()
                        .filter(|&k| hits[k].offset == hit.offset && hits[k].line == hit.line),
                };
                if let Some(k) = same {
                    if hits[k].path != hit.path && !hits[k].also.contains(&hit.path) {
                        hits[k].also.push(hit.path);
                    }
                    continue;
                }
                *shown_of.entry(p.report).or_default() += 1;
                seen.insert(key, hits.len());
                keys.extend(shape);
                hits.push(hit);
                hit_reports.push(p.report);
            }
        }
        if hits.iter().any(|h| h.layout == Layout::Prose) {
            tables_left_out += banners.len();
        } else {
            for (banner, report) in banners {
                if hits.len() < limit {
                    *shown_of.entry(report).or_default() += 1;
                    hits.push(banner);
                    hit_reports.push(report);
                }
            }
        }
        for (h, report) in hits.iter_mut().zip(&hit_reports) {
            h.also.sort();
            let matching = per_report.get(report).map_or(0, |&n| n as usize);
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

/// A run of one report's passages in a segment, as the ranking key reads
/// it: the run's last document, the report's id, whether the filters
/// allow it, and how much it is about the query.
type ReportRun = (DocId, Option<u64>, bool, u32);

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

/// The share of its score a prose passage keeps when it reads roughly
/// (`layout::read_prose`: mostly long stretches without a pause, hardly
/// a sentence end, or a shape between prose and a table): the cells of a table of words that kept a sentence.
/// Halved, not hidden: a list of headings reads the same way, and when it
/// matches far better than the prose around, it is still the answer.
const ROUGH_WEIGHT: Score = 0.5;

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
