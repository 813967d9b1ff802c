//! Report-level answers: reports that hold every term of the query in
//! different passages, when fewer passages than asked hold them all.

use super::*;

/// Reports that hold every group of the query, though no passage holds
/// them all, best first: for each, the best passage of each group, marked
/// as a report-level match. At most `want` reports.
#[allow(clippy::too_many_arguments)]
pub(super) fn report_level(
    searcher: &Searcher,
    fields: &Fields,
    query: &Query,
    opts: &SearchOptions,
    plan: &Plan,
    about: &ReportMap<u32>,
    shown: &HashSet<String>,
    want: usize,
) -> Result<Vec<SearchHit>> {
    let mut per_group: Vec<ReportMap<Tally>> = Vec::new();
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
