//! The query as tantivy queries: each term as a phrase of characters (and
//! its Latin spellings), as whole words for the ranking tier, the groups of
//! alternatives, and the restrictions every passage must meet.

use super::*;

/// Boost of a whole-word match over the substring score.
pub(super) const WORD_BOOST: Score = 2.0;

pub(super) fn gram_query(field: Field, text: &str) -> Option<Box<dyn TQuery>> {
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
pub(super) fn word_query(searcher: &Searcher, field: Field, text: &str) -> Option<Box<dyn TQuery>> {
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
pub(super) fn word_term(field: Field, word: &str) -> Box<dyn TQuery> {
    Box::new(TermQuery::new(
        Term::from_field_text(field, word),
        IndexRecordOption::Basic,
    ))
}

/// The term in any of its spellings (see `variants`): one phrase of
/// characters per spelling.
pub(super) fn variants_query(field: Field, term: &QueryTerm) -> Option<Box<dyn TQuery>> {
    any_of(term.variants.iter().filter_map(|v| gram_query(field, v)))
}

/// The term's spellings as whole words of the index, any of them.
pub(super) fn variant_words_query(
    searcher: &Searcher,
    field: Field,
    term: &QueryTerm,
) -> Option<Box<dyn TQuery>> {
    any_of(
        term.variants
            .iter()
            .filter_map(|v| word_query(searcher, field, v)),
    )
}

/// Any of `queries`: `None` for none, the query itself for one.
fn any_of(queries: impl Iterator<Item = Box<dyn TQuery>>) -> Option<Box<dyn TQuery>> {
    let mut any: Vec<(Occur, Box<dyn TQuery>)> = queries.map(|q| (Occur::Should, q)).collect();
    match any.len() {
        0 => None,
        1 => any.pop().map(|(_, q)| q),
        _ => Some(Box::new(BooleanQuery::new(any))),
    }
}

pub(super) struct TermQueries {
    /// Substring match: required.
    pub(super) grams: Box<dyn TQuery>,
    /// Whole-word match: optional, for ranking.
    pub(super) words: Option<Box<dyn TQuery>>,
}

pub(super) fn term_queries(
    searcher: &Searcher,
    fields: &Fields,
    term: &QueryTerm,
) -> Option<TermQueries> {
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
pub(super) struct Plan {
    /// Per group, the passages that hold one of its terms.
    pub(super) literal: Vec<Box<dyn TQuery>>,
    /// Per group, `literal` or any passage of a report whose title is
    /// about the group; plus a last clause: one group holds literally.
    pub(super) groups: Vec<Box<dyn TQuery>>,
    /// Per group, its terms as whole words (for the word tier).
    pub(super) word_queries: Vec<Box<dyn TQuery>>,
    pub(super) restrictions: Vec<(Occur, Box<dyn TQuery>)>,
}

impl Plan {
    /// `None` when a group has no term that can match (nothing can).
    pub(super) fn new(
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
                    let mut in_titled: Vec<(Occur, Box<dyn TQuery>)> =
                        vec![(Occur::Must, reports_query(fields, titled))];
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
    pub(super) fn matching_all(&self) -> BooleanQuery {
        self.with_restrictions(self.groups.iter())
    }

    /// Passages that hold group `g` itself and meet the restrictions.
    pub(super) fn matching_literally(&self, g: usize) -> BooleanQuery {
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

/// The passages of `reports`.
pub(super) fn reports_query(fields: &Fields, reports: &HashSet<u64>) -> Box<dyn TQuery> {
    // A set query turns its terms into an automaton and walks the field's
    // whole dictionary with it, per segment: a tenth of a warm query's CPU
    // for the few reports a query's title words name. A union of their
    // postings reads just those. Both score 1, as the set query does.
    if reports.len() <= FEW_REPORTS {
        let any = BooleanQuery::new(
            reports
                .iter()
                .map(|r| (Occur::Should, u64_term(fields.report, *r)))
                .collect(),
        );
        return Box::new(ConstScoreQuery::new(Box::new(any), 1.0));
    }
    Box::new(TermSetQuery::new(
        reports
            .iter()
            .map(|r| Term::from_field_u64(fields.report, *r)),
    ))
}

/// Up to this many reports, a union of postings beats a set query.
const FEW_REPORTS: usize = 64;

/// Tables of contents and cover blocks: ranked after a report's own text
/// when they may answer at all.
pub(super) fn is_front_matter(s: Section) -> bool {
    matches!(s, Section::Toc | Section::Cover)
}

/// Clauses that leave out legal text.
pub(super) fn legal_sections(fields: &Fields) -> Vec<(Occur, Box<dyn TQuery>)> {
    Section::ALL
        .into_iter()
        .filter(|s| is_legal(*s))
        .map(|s| (Occur::MustNot, u64_term(fields.section, s as u64)))
        .collect()
}

/// Legal text: ranked after a report's own text.
pub(super) fn is_legal(s: Section) -> bool {
    matches!(
        s,
        Section::Disclaimer | Section::Analyst | Section::RatingScale
    )
}

pub(super) fn u64_term(field: Field, value: u64) -> Box<dyn TQuery> {
    Box::new(TermQuery::new(
        Term::from_field_u64(field, value),
        IndexRecordOption::Basic,
    ))
}

/// Whether a query term is a certificate number (`S1600519080001`) or an
/// analyst's name as the index records it.
pub(super) fn names_a_person(searcher: &Searcher, fields: &Fields, term: &str) -> bool {
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
