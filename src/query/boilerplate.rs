//! Boilerplate: passages repeated nearly verbatim across many reports
//! (disclaimers, rating scales, analyst statements), recognized by how
//! many passages of the index share their sentences.

use crate::index::schema::Fields;
use anyhow::Result;
use std::collections::HashMap;
use std::sync::Arc;
use tantivy::schema::{Field, Term};
use tantivy::Searcher;

/// Recognizes boilerplate: passages most of whose sentences occur in many
/// passages of the index (disclaimers, rating scales, addresses).
pub(crate) struct Boilerplate {
    inverted: Vec<Arc<tantivy::InvertedIndexReader>>,
    field: Field,
    threshold: u32,
    cache: std::sync::Mutex<HashMap<u64, u32>>,
}

impl Boilerplate {
    pub(crate) fn new(searcher: &Searcher, fields: Fields) -> Result<Boilerplate> {
        let mut inverted = Vec::new();
        let mut reports = 0u64;
        let report_term = Term::from_field_u64(fields.kind, crate::index::schema::KIND_REPORT);
        for seg in searcher.segment_readers() {
            inverted.push(seg.inverted_index(fields.sentences)?);
            reports += u64::from(seg.inverted_index(fields.kind)?.doc_freq(&report_term)?);
        }
        let threshold = if reports < 50 { 3 } else { 5 };
        Ok(Boilerplate {
            inverted,
            field: fields.sentences,
            threshold,
            cache: Default::default(),
        })
    }

    fn frequency(&self, fp: u64) -> u32 {
        if let Some(&n) = self
            .cache
            .lock()
            .ok()
            .and_then(|c| c.get(&fp).copied())
            .as_ref()
        {
            return n;
        }
        let term = Term::from_field_u64(self.field, fp);
        let n = self
            .inverted
            .iter()
            .map(|ii| ii.doc_freq(&term).unwrap_or(0))
            .sum();
        if let Ok(mut c) = self.cache.lock() {
            c.insert(fp, n);
        }
        n
    }

    pub(crate) fn is_boilerplate(&self, fingerprints: impl Iterator<Item = u64>) -> bool {
        let (mut total, mut common) = (0, 0);
        for fp in fingerprints {
            total += 1;
            // A sentence's first occurrence is not indexed (see `seen`).
            if self.frequency(fp) + 1 >= self.threshold {
                common += 1;
            }
        }
        total > 0 && common * 10 >= total * 6
    }
}
