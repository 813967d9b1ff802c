//! Report-level answers: reports that hold every term of the query in
//! different passages, when fewer passages than asked hold them all.

use super::*;

/// What the page already shows: the reports heard (copies included), and
/// the fold shapes of the passages shown.
pub(super) struct Shown<'a> {
    pub(super) paths: &'a HashSet<String>,
    pub(super) said: &'a [FoldShape],
}

/// Reports that hold every group of the query, though no passage holds
/// them all, best first: for each, the best passage of each group, marked
/// as a report-level match, tables only when `tables` (no prose answered
/// the page). At most `want` reports.
#[allow(clippy::too_many_arguments)]
pub(super) fn report_level(
    searcher: &Searcher,
    fields: &Fields,
    query: &Query,
    opts: &SearchOptions,
    plan: &Plan,
    about: &ReportMap<u32>,
    shown: Shown<'_>,
    tables: bool,
    want: usize,
) -> Result<Vec<SearchHit>> {
    // The rarest group first; each later group only over the reports that
    // hold every group before it, which is all a report-level answer can
    // use. `行业` or `展望` alone match most passages of the index; within
    // the reports that hold `医美` they are cheap.
    let mut order: Vec<usize> = (0..plan.literal.len()).collect();
    let costs: Vec<u64> = order
        .iter()
        .map(|&g| estimated_matches(searcher, &*plan.literal[g]))
        .collect::<Result<_>>()?;
    order.sort_by_key(|&g| costs[g]);
    let mut tallies: Vec<Option<ReportMap<Tally>>> = vec![None; plan.literal.len()];
    let mut within: Option<HashSet<u64>> = None;
    for g in order {
        let mut clauses: Vec<(Occur, Box<dyn TQuery>)> = plan
            .matching_literally(g)
            .clauses()
            .iter()
            .map(|(o, c)| (*o, c.box_clone()))
            .collect();
        // A report's own text speaks for it: legal text holds 目标价 and
        // 风险 in every report.
        if !opts.boilerplate && !opts.all {
            clauses.extend(legal_sections(fields));
        }
        if !tables {
            clauses.push((
                Occur::MustNot,
                u64_term(fields.layout, Layout::Table as u64),
            ));
        }
        // Scored 0, so that a passage's score is its terms' alone.
        if let Some(reports) = &within {
            clauses.push((
                Occur::Must,
                Box::new(ConstScoreQuery::new(reports_query(fields, reports), 0.0)),
            ));
        }
        let tally = ByReport {
            scoring: true,
            allowed: opts.filters.reports.clone(),
        };
        let tally = searcher.search(&BooleanQuery::new(clauses), &tally)?;
        let reports: HashSet<u64> = tally.keys().copied().collect();
        if reports.is_empty() {
            return Ok(Vec::new());
        }
        within = Some(reports);
        tallies[g] = Some(tally);
    }
    let per_group: Vec<ReportMap<Tally>> = tallies.into_iter().flatten().collect();
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
    // The fold shapes of the passages given so far.
    let mut said_here: Vec<FoldShape> = Vec::new();
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
            .is_some_and(|(p, _)| shown.paths.contains(&p.path))
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
        // A passage whose matches are all hidden from the reader (in a
        // caption, or a Latin term inside a longer word) does not show
        // its term.
        if hits.iter().any(|h| h.highlights.is_empty()) {
            continue;
        }
        // A front page's banner that only restates the title (`某行业推荐
        // （首次）风险评级：中风险<title>2031年2月26日`) says nothing of the
        // term it holds.
        if hits
            .iter()
            .any(|h| restates_title(&h.text, &fold_key(&h.text), &h.title))
        {
            continue;
        }
        // A passage that reads the same as one shown (the same paragraph
        // in another report) says nothing new.
        let shapes: Vec<FoldShape> = hits
            .iter()
            .map(|h| FoldShape::of(&h.text, &fold_key(&h.text)))
            .collect();
        let said_in = |said: &[FoldShape]| {
            shapes
                .iter()
                .any(|shape| said.iter().any(|s| s.nearly_same(shape)))
        };
        if said_in(shown.said) {
            continue;
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
        // Another report that repeats a passage of one given here before
        // (a weekly reprinting a paragraph) says nothing new either.
        if said_in(&said_here) {
            continue;
        }
        given.push((this, out.len()));
        said_here.extend(shapes);
        out.extend(hits);
    }
    Ok(out)
}

/// About how many passages `query` matches: the sum over segments of its
/// scorers' size hints (an upper bound for a phrase: its rarest
/// character's passages).
fn estimated_matches(searcher: &Searcher, query: &dyn TQuery) -> Result<u64> {
    let weight = query.weight(EnableScoring::disabled_from_searcher(searcher))?;
    let mut total = 0u64;
    for seg in searcher.segment_readers() {
        total += u64::from(weight.scorer(seg, 1.0)?.size_hint());
    }
    Ok(total)
}
