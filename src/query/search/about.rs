//! What reports a query is *about*: titled after its terms (title, file
//! name, head tickers) or naming them in their head passages; and the
//! voice a report titled after the query gets when no passage names it.

use super::*;
use crate::index::columns::u64_column;

/// The reports titled after every group of the query.
pub(super) fn titled_after_every_group(about: &About) -> HashSet<u64> {
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
pub(super) const TITLED_VOICES: usize = 10;

/// A report titled after the query speaks even when none of its passages
/// names the query (`search 腾讯控股` and the Tencent report, which says
/// 公司 after its header): its first summary passage (else its first body
/// passage past the head), marked [`SearchHit::titled`], before the hits of
/// reports not titled after the query.
pub(super) fn speak_for_titled(
    searcher: &Searcher,
    fields: &Fields,
    query: &Query,
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
        // Highlighted with the query: a voice whose passage names the query
        // after all (it ranked below the list) shows where.
        let mut hit = hit_of(searcher, fields, &p, query, 0.0)?;
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
pub(super) fn first_readable_passage(
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
        // The report's own document carries its id too, and no text.
        (Occur::Must, u64_term(fields.kind, KIND_PASSAGE)),
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
    // A few, for the first that is not a rating scale printed as body
    // text (a front page's box of rating definitions).
    let first = TopDocs::with_limit(VOICE_CANDIDATES).tweak_score(|seg: &SegmentReader| {
        let ordinal = u64_column(seg, "ordinal").ok();
        let section = u64_column(seg, "section").ok();
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
    let top = crate::query::stored::look_up(searcher, &BooleanQuery::new(clauses), &first)?;
    for &(_, address) in &top {
        let p = StoredPassage::load(searcher, fields, address)?;
        if says_something(&p.norm.text) {
            return Ok(Some(p));
        }
    }
    Ok(None)
}

/// Whether a passage can speak for its report: a sentence, not a label or
/// a box (`投资评级优于大市维持市场表现`), nor a rating scale printed as body
/// text.
fn says_something(text: &str) -> bool {
    (text.chars().count() >= MIN_VOICE_CHARS || text.contains(['。', '!', '?']))
        && !crate::query::boilerplate::defines_ratings(text)
}

/// Passages looked at for a report's voice, at most.
const VOICE_CANDIDATES: usize = 4;
/// A voice shorter than this without a sentence's end is a label or a
/// box (`投资评级优于大市维持`), not something the report says.
const MIN_VOICE_CHARS: usize = 24;

/// Reports a query is *about*, scored: per group of the query, 2 when a
/// term is in the report's title or file name, or is a ticker of its
/// head; 1 when a term is in its first passages (where the title and the
/// company's code stand). A report about the query's subject ranks above
/// one that mentions it in passing.
pub(super) fn about_reports(searcher: &Searcher, fields: &Fields, query: &Query) -> Result<About> {
    let mut about = About::default();
    let reports_of = |clauses: Vec<(Occur, Box<dyn TQuery>)>| -> Result<HashSet<u64>> {
        if clauses.is_empty() {
            return Ok(HashSet::new());
        }
        let tally = ByReport {
            scoring: false,
            allowed: None,
        };
        // Over report documents only (a few per thousand passages): in the
        // calling thread, which costs less than handing it to the
        // executor's threads and waiting.
        Ok(
            crate::query::stored::look_up(searcher, &BooleanQuery::new(clauses), &tally)?
                .into_keys()
                .collect(),
        )
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
            // On report documents: a phrase search over the head passages
            // of every report, not over every passage.
            if let Some(q) = variants_query(fields.head_grams, term) {
                headed.push((Occur::Should, q));
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
pub(super) struct About {
    /// Per report, its about-ness summed over the query's groups.
    pub(super) score: ReportMap<u32>,
    /// Per group of the query, the reports whose title, file name or
    /// head tickers name it.
    pub(super) titled: Vec<HashSet<u64>>,
}

/// How much more a passage counts when its report is titled after every
/// term of the query (in part when after some of them).
pub(super) const ABOUT_WEIGHT: Score = 1.0;

#[cfg(test)]
mod tests {
    use super::says_something;

    #[test]
    fn a_box_or_a_scale_does_not_speak_for_a_report_a_sentence_does() {
        assert!(!says_something("投资评级优于大市维持市场表现"));
        assert!(says_something("公司订单饱满。"));
        assert!(says_something(
            "功率器件交期拉长，供需持续偏紧，代工价格继续上调"
        ));
        let scale = "买入未来6-12个月的投资收益率领先市场基准指数15%以上;增持未来6-12个月的投资收益率领先市场基准指数5%至15%;中性未来6-12个月的投资收益率与市场基准指数的变动幅度相差-5%至5%。";
        assert!(!says_something(scale));
    }
}
