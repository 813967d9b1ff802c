//! Reading a document's values from the index's fast columns, where paths,
//! ids and numbers are kept so that lists of reports and passages need not
//! open the doc store.

use anyhow::{anyhow, Result};
use tantivy::{DocAddress, Searcher, SegmentReader};

/// A segment's `path` column. Paths are not in the doc store, where they
/// would repeat with every passage.
pub(crate) fn path_column(seg: &SegmentReader) -> Result<tantivy::columnar::StrColumn> {
    seg.fast_fields()
        .str("path")?
        .ok_or_else(|| anyhow!("path column missing"))
}

/// The paths of sorted ordinals of a segment's `path` column, in one pass
/// over its dictionary: looking each up on its own decodes a dictionary
/// block per path.
pub(crate) fn paths_of_ords(
    column: &tantivy::columnar::StrColumn,
    ords: &[u64],
) -> Result<Vec<String>> {
    let mut paths = Vec::with_capacity(ords.len());
    column.dictionary().sorted_ords_to_term_cb(ords, |bytes| {
        paths.push(String::from_utf8_lossy(bytes).into_owned())
    })?;
    Ok(paths)
}

/// The path of a document.
pub(crate) fn path_of(searcher: &Searcher, address: DocAddress) -> Result<String> {
    let column = path_column(searcher.segment_reader(address.segment_ord))?;
    let mut path = String::new();
    if let Some(ord) = column.term_ords(address.doc_id).next() {
        column.ord_to_str(ord, &mut path)?;
    }
    Ok(path)
}

/// A number of a document from its fast column (0 when absent).
pub(crate) fn fast_u64(searcher: &Searcher, address: DocAddress, name: &str) -> Result<u64> {
    let column = searcher
        .segment_reader(address.segment_ord)
        .fast_fields()
        .u64(name)?;
    Ok(column.first(address.doc_id).unwrap_or(0))
}
