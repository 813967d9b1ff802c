//! What an index holds, in figures: reports, passages, sizes, and counts
//! by broker, rating and section.

use crate::index::columns::u64_column;
use crate::index::folder::{disk_size, Index};
use crate::index::roots::split_key;
use crate::index::schema::KIND_PASSAGE;
use crate::query::reports;
use crate::report::Section;
use anyhow::Result;
use std::collections::BTreeMap;

/// Size and contents of an index.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Stats {
    /// Reports indexed.
    pub reports: u64,
    /// Passages indexed.
    pub passages: u64,
    /// Size of the index folder, in bytes.
    pub index_bytes: u64,
    /// Size of the indexed files, in bytes.
    pub corpus_bytes: u64,
    /// When the last index run committed (RFC 3339, UTC).
    pub indexed_at: String,
    /// The indexed folders, with their reports.
    pub roots: Vec<RootStats>,
    /// False when the last run was interrupted before it read every file.
    pub complete: bool,
    /// Reports per broker (`(unknown)` where none was found).
    pub brokers: BTreeMap<String, u64>,
    /// Passages per section.
    pub sections: BTreeMap<&'static str, u64>,
    /// Reports per rating (`(none)` where none was found).
    pub ratings: BTreeMap<String, u64>,
}

/// A folder of the index.
#[derive(Debug, Clone, serde::Serialize)]
pub struct RootStats {
    /// Its absolute path.
    pub path: String,
    /// Its name in paths shown when the index has several roots.
    pub name: String,
    /// Reports indexed from it.
    pub reports: u64,
    /// Whether the folder is there now (a missing root keeps its reports).
    pub found: bool,
}

pub(crate) fn stats(index: &Index) -> Result<Stats> {
    let searcher = index.searcher()?;
    let payload = index.payload().unwrap_or_default();
    let roots = index.roots();
    // From the report documents' columns: the stored metadata of thousands of reports
    // took most of a second to read.
    let entries = crate::query::report_rows::report_entries(&searcher)?;
    let (reports, corpus_bytes, passages) = reports::totals_of(&searcher, &entries)?;
    let mut per_root = vec![0u64; roots.list().len()];
    let addresses: Vec<_> = entries.iter().map(|e| e.address).collect();
    for key in crate::query::report_rows::paths_of(&searcher, &addresses)? {
        let (id, _) = split_key(&key);
        if let Some(i) = roots.list().iter().position(|root| root.id == id) {
            per_root[i] += 1;
        }
    }
    let mut brokers = crate::query::facets::column_counts(&searcher, "broker", &entries)?;
    if let Some(n) = brokers.remove("(none)") {
        brokers.insert("(unknown)".to_string(), n);
    }
    let ratings = crate::query::facets::column_counts(&searcher, "rating", &entries)?;
    let mut sections: BTreeMap<&'static str, u64> = BTreeMap::new();
    for seg in searcher.segment_readers() {
        // Only passages have a section: without deletes, a section's passages are its
        // term's document frequency, and no passage need be read.
        if seg.num_deleted_docs() == 0 {
            let inverted = seg.inverted_index(index.fields.section)?;
            for s in Section::ALL {
                let term = tantivy::Term::from_field_u64(index.fields.section, s as u64);
                let n = u64::from(inverted.doc_freq(&term)?);
                if n > 0 {
                    *sections.entry(s.name()).or_default() += n;
                }
            }
            continue;
        }
        let kind = u64_column(seg, "kind")?;
        let section = u64_column(seg, "section")?;
        for d in 0..seg.max_doc() {
            if !seg.is_deleted(d) && kind.first(d) == Some(KIND_PASSAGE) {
                let s = section
                    .first(d)
                    .and_then(|s| Section::ALL.get(s as usize).copied())
                    .unwrap_or(Section::Body);
                *sections.entry(s.name()).or_default() += 1;
            }
        }
    }
    Ok(Stats {
        reports,
        passages,
        index_bytes: disk_size(&index.dir),
        corpus_bytes,
        indexed_at: payload.indexed_at,
        roots: (roots.list().iter().enumerate())
            .map(|(i, r)| RootStats {
                path: r.path.clone(),
                name: roots.name(i).to_string(),
                reports: per_root[i],
                found: std::path::Path::new(&r.path).is_dir(),
            })
            .collect(),
        complete: payload.complete,
        brokers,
        sections,
        ratings,
    })
}
