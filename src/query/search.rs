//! `yanbao search`: ranked passages for a query.
//!
//! Each term must occur in the passage as a substring of its normalized
//! text: a phrase of consecutive characters in the `grams` field,
//! exact whatever jieba made of the passage. The same term cut into the
//! index's own words (see `dictseg`) is an optional clause on the `words`
//! field; passages where it matches as whole words rank above those that
//! match only as a substring (the sort key's `tier`).

use crate::index::folder::Index;
use crate::index::schema::Fields;
use crate::index::tokens::gram;
use crate::layout::Layout;
use crate::query::boilerplate::Boilerplate;
use crate::query::dictseg::segment;
use crate::query::filter::Filters;
use crate::query::hit::hit_of;
use crate::query::parse::{Query, Term as QueryTerm};
use crate::query::stored::StoredPassage;
use crate::report::sentence_fingerprints;
use crate::report::{parse_ticker_query, Section};
use anyhow::Result;
use std::cell::RefCell;
use std::collections::HashMap;
use std::sync::Arc;
use tantivy::collector::TopDocs;
use tantivy::query::{
    BooleanQuery, BoostQuery, EnableScoring, Occur, PhraseQuery, Query as TQuery, TermQuery, Weight,
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
}

impl Default for SearchOptions {
    fn default() -> SearchOptions {
        SearchOptions {
            limit: 10,
            boilerplate: false,
            all: false,
            filters: Filters::default(),
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
}

/// Boost of a whole-word match over the substring score.
const WORD_BOOST: Score = 2.0;

fn gram_query(field: Field, text: &str) -> Option<Box<dyn TQuery>> {
    let terms: Vec<Term> = text
        .chars()
        .map(|c| Term::from_field_text(field, &gram(c)))
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

pub(crate) fn search(opened: &Index, query: &Query, opts: &SearchOptions) -> Result<SearchResults> {
    let searcher = opened.searcher()?;
    let fields = opened.fields;
    let mut clauses: Vec<(Occur, Box<dyn TQuery>)> = Vec::new();
    let mut word_queries: Vec<Box<dyn TQuery>> = Vec::new();
    for group in &query.groups {
        let mut alternatives: Vec<(Occur, Box<dyn TQuery>)> = Vec::new();
        let mut group_words: Vec<(Occur, Box<dyn TQuery>)> = Vec::new();
        for term in group {
            let Some(tq) = term_queries(&searcher, &fields, term) else {
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
            return Ok(SearchResults {
                hits: Vec::new(),
                hidden_boilerplate: 0,
                tables: 0,
            });
        }
        clauses.push((Occur::Must, Box::new(BooleanQuery::new(alternatives))));
        if !group_words.is_empty() {
            word_queries.push(Box::new(BooleanQuery::new(group_words)));
        }
    }
    for term in &query.excluded {
        if let Some(g) = variants_query(fields.grams, term) {
            clauses.push((Occur::MustNot, g));
        }
    }
    // Page furniture never answers unless everything is asked for; tables
    // of contents and cover blocks only with the boilerplate, when the
    // sections are asked for, or when the query names an analyst or a
    // certificate number (which only cover blocks hold).
    if !opts.all {
        clauses.push((
            Occur::MustNot,
            u64_term(fields.layout, Layout::Furniture as u64),
        ));
    }
    let cover_wanted = opts.boilerplate
        || opts.all
        || query
            .positive_terms()
            .any(|t| names_a_person(&searcher, &fields, &t.text));
    for s in [Section::Toc, Section::Cover] {
        if !cover_wanted && !opts.filters.sections.contains(&s) {
            clauses.push((Occur::MustNot, u64_term(fields.section, s as u64)));
        }
    }
    if !opts.filters.sections.is_empty() {
        let any: Vec<(Occur, Box<dyn TQuery>)> = opts
            .filters
            .sections
            .iter()
            .map(|s| {
                let t = Term::from_field_u64(fields.section, *s as u64);
                (
                    Occur::Should,
                    Box::new(TermQuery::new(t, IndexRecordOption::Basic)) as Box<dyn TQuery>,
                )
            })
            .collect();
        clauses.push((Occur::Must, Box::new(BooleanQuery::new(any))));
    }
    let tantivy_query = BooleanQuery::new(clauses);

    let word_weights: Vec<Box<dyn Weight>> = word_queries
        .iter()
        .filter_map(|q| {
            q.weight(EnableScoring::disabled_from_searcher(&searcher))
                .ok()
        })
        .collect();
    let word_weights = Arc::new(word_weights);
    let boiler = Boilerplate::new(&searcher, fields)?;
    let legal = |s: Section| is_legal(s);
    let report_filter = opts.filters.reports.clone();
    // Rank by (allowed by the filters, whole-word tier, score). Boilerplate
    // is checked afterwards on the best candidates only (its check costs a
    // term lookup per sentence); when it leaves fewer than `limit`, fetch
    // more candidates and check again.
    let limit = opts.limit.max(1);
    let mut want = if opts.boilerplate {
        limit
    } else {
        limit * 3 + 20
    };
    loop {
        let weights = word_weights.clone();
        let report_filter = report_filter.clone();
        let collector = TopDocs::with_limit(want).tweak_score(move |seg: &SegmentReader| {
            let scorers: Vec<RefCell<Box<dyn tantivy::query::Scorer>>> = weights
                .iter()
                .filter_map(|w| w.scorer(seg, 1.0).ok())
                .map(RefCell::new)
                .collect();
            let report = seg.fast_fields().u64("report").ok();
            let layout = seg.fast_fields().u64("layout").ok();
            let section = seg.fast_fields().u64("section").ok();
            let norm_len = seg.fast_fields().u64("norm_len").ok();
            let report_filter = report_filter.clone();
            move |doc: DocId, score: Score| {
                let allowed = match (&report_filter, &report) {
                    (Some(set), Some(col)) => col.first(doc).is_some_and(|r| set.contains(&r)),
                    _ => true,
                };
                // Prose first: a table answers only when no prose does.
                let prose = layout
                    .as_ref()
                    .is_none_or(|col| col.first(doc) != Some(Layout::Table as u64));
                // A report's own text before legal text (disclaimers, rating
                // scales, analyst statements).
                let own = section.as_ref().is_none_or(|col| {
                    col.first(doc)
                        .and_then(|s| Section::ALL.get(s as usize))
                        .is_none_or(|s| !is_legal(*s))
                });
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
                let len = norm_len.as_ref().and_then(|c| c.first(doc)).unwrap_or(0);
                (
                    u32::from(allowed),
                    u32::from(prose) * 2 + u32::from(own),
                    tier,
                    score * length_prior(len),
                )
            }
        });
        let top = searcher.search(&tantivy_query, &collector)?;
        // Filtered-out passages sort last: one among the candidates means
        // every allowed passage was seen.
        let exhausted = top.len() < want
            || top
                .last()
                .is_some_and(|((allowed, _, _, _), _)| *allowed == 0);
        let mut hits: Vec<SearchHit> = Vec::new();
        let mut seen: HashMap<String, usize> = HashMap::new();
        let mut keys: Vec<String> = Vec::new();
        let mut hidden = 0;
        let mut tables_left_out = 0;
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
            for (key, p) in in_stable_order(&searcher, &fields, group)? {
                let (_allowed, _prose, _tier, score) = key;
                if hits.len() == limit {
                    break 'groups;
                }
                // Legal text repeated across reports is left out; a report's own
                // text is never, however often it recurs: copies are folded.
                if !opts.boilerplate
                    && legal(p.section)
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
                let hit = hit_of(&searcher, &fields, &p, query, score)?;
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
                seen.insert(key.clone(), hits.len());
                keys.push(key);
                hits.push(hit);
            }
        }
        for h in &mut hits {
            h.also.sort();
        }
        if hits.len() == limit || exhausted {
            return Ok(SearchResults {
                hits,
                hidden_boilerplate: hidden,
                tables: tables_left_out,
            });
        }
        want *= 4;
    }
}

/// The sort key of a candidate: allowed, prose and own text, word tier, score.
type RankKey = (u32, u32, u32, Score);

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
/// damped under about 40 characters, whole from [`FULL_LENGTH`] on.
fn length_prior(len: u64) -> Score {
    let x = (len.min(FULL_LENGTH) as Score) / FULL_LENGTH as Score;
    x * x
}

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
pub struct SearchResults {
    /// The best passages, best first.
    pub hits: Vec<SearchHit>,
    /// Boilerplate passages among the best ones, left out.
    pub hidden_boilerplate: usize,
    /// Table passages among the best ones, left out because prose answered.
    pub tables: usize,
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
