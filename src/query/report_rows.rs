//! The report documents of an index as rows, read from fast columns only: report id, date,
//! content hash (copies of one file share it), and the card a list shows. `reports`,
//! `ticker` and facets all start here; none of them opens the doc store.

use crate::index::card::ReportCard;
use crate::index::columns::{path_column, paths_of_ords, u64_column};
use crate::index::schema::KIND_REPORT;
use anyhow::{anyhow, Result};
use std::collections::{HashMap, HashSet};
use tantivy::schema::IndexRecordOption;
use tantivy::{DocAddress, DocSet, Searcher, Term, TERMINATED};

/// A report document as its columns give it.
#[derive(Debug, Clone, Copy)]
pub(crate) struct ReportEntry {
    pub(crate) address: DocAddress,
    pub(crate) id: u64,
    /// `YYYYMMDD`, 0 when undated.
    pub(crate) date: u64,
    pub(crate) hash: u64,
}

/// Every report document of the index: the postings of `kind` = report, a few in a hundred
/// documents (the news corpus has one passage a report), not a pass over every document.
pub(crate) fn report_entries(searcher: &Searcher) -> Result<Vec<ReportEntry>> {
    let kind_field = searcher.schema().get_field("kind")?;
    let term = Term::from_field_u64(kind_field, KIND_REPORT);
    let mut out = Vec::new();
    for (ord, seg) in searcher.segment_readers().iter().enumerate() {
        let report = u64_column(seg, "report")?;
        let date = u64_column(seg, "date")?;
        let hash = u64_column(seg, "hash")?;
        let Some(mut postings) = seg
            .inverted_index(kind_field)?
            .read_postings(&term, IndexRecordOption::Basic)?
        else {
            continue;
        };
        let mut doc = postings.doc();
        while doc != TERMINATED {
            if !seg.is_deleted(doc) {
                out.push(ReportEntry {
                    address: DocAddress::new(ord as u32, doc),
                    id: report.first(doc).unwrap_or(0),
                    date: date.first(doc).unwrap_or(0),
                    hash: hash.first(doc).unwrap_or(0),
                });
            }
            doc = postings.advance();
        }
    }
    Ok(out)
}

/// The paths of some report documents, in the order given.
pub(crate) fn paths_of(searcher: &Searcher, addresses: &[DocAddress]) -> Result<Vec<String>> {
    let mut out = vec![String::new(); addresses.len()];
    // A column opened once per segment, not once per document.
    let columns = searcher
        .segment_readers()
        .iter()
        .map(path_column)
        .collect::<Result<Vec<_>>>()?;
    let mut by_segment: HashMap<u32, Vec<(usize, u64)>> = HashMap::new();
    for (i, a) in addresses.iter().enumerate() {
        let ord = columns[a.segment_ord as usize].term_ords(a.doc_id).next();
        if let Some(ord) = ord {
            by_segment.entry(a.segment_ord).or_default().push((i, ord));
        }
    }
    for (seg, mut ords) in by_segment {
        ords.sort_by_key(|(_, ord)| *ord);
        let column = &columns[seg as usize];
        let mut unique: Vec<u64> = ords.iter().map(|(_, o)| *o).collect();
        unique.dedup();
        let paths = paths_of_ords(column, &unique)?;
        let by_ord: HashMap<u64, &String> = unique.iter().copied().zip(paths.iter()).collect();
        for (i, ord) in ords {
            out[i] = by_ord[&ord].clone();
        }
    }
    Ok(out)
}

/// The cards of some report documents, in the order given.
pub(crate) fn cards_of(searcher: &Searcher, addresses: &[DocAddress]) -> Result<Vec<ReportCard>> {
    let mut bytes = Vec::new();
    let columns = searcher
        .segment_readers()
        .iter()
        .map(|seg| {
            seg.fast_fields()
                .bytes("card")?
                .ok_or_else(|| anyhow!("card column missing"))
        })
        .collect::<Result<Vec<_>>>()?;
    addresses
        .iter()
        .map(|a| {
            let column = &columns[a.segment_ord as usize];
            bytes.clear();
            let ord = column.term_ords(a.doc_id).next();
            match ord {
                Some(ord) => {
                    column.ord_to_bytes(ord, &mut bytes)?;
                    Ok(ReportCard::decode(&bytes))
                }
                None => Ok(ReportCard::default()),
            }
        })
        .collect()
}

/// Reports with their copies folded: each entry with its copies' addresses.
pub(crate) type Folded = Vec<(ReportEntry, Vec<DocAddress>)>;

/// Reports with their copies folded: one entry per content, the copies' addresses beside
/// it. The entry kept is the one whose path sorts first, so the choice does not depend on
/// segments.
pub(crate) fn fold_copies(searcher: &Searcher, entries: Vec<ReportEntry>) -> Result<Folded> {
    let mut groups: HashMap<u64, Vec<ReportEntry>> = HashMap::new();
    let mut order: Vec<u64> = Vec::new();
    for e in entries {
        let g = groups.entry(e.hash).or_default();
        if g.is_empty() {
            order.push(e.hash);
        }
        g.push(e);
    }
    let mut out = Vec::with_capacity(order.len());
    for hash in order {
        let mut group = groups.remove(&hash).expect("a group per hash");
        if group.len() > 1 {
            let paths = paths_of(
                searcher,
                &group.iter().map(|e| e.address).collect::<Vec<_>>(),
            )?;
            let mut paired: Vec<(String, ReportEntry)> = paths.into_iter().zip(group).collect();
            paired.sort_by(|a, b| a.0.cmp(&b.0));
            group = paired.into_iter().map(|(_, e)| e).collect();
        }
        let first = group[0];
        out.push((first, group[1..].iter().map(|e| e.address).collect()));
    }
    Ok(out)
}

/// The entries whose report id is in `allowed` (all of them without a set).
pub(crate) fn allowed(entries: &[ReportEntry], allowed: Option<&HashSet<u64>>) -> Vec<ReportEntry> {
    entries
        .iter()
        .filter(|e| allowed.is_none_or(|a| a.contains(&e.id)))
        .copied()
        .collect()
}
