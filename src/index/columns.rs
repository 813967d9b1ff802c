//! Reading a document's values from the index's fast columns, where paths,
//! ids and numbers are kept so that lists of reports and passages need not
//! open the doc store.

use anyhow::{anyhow, Result};
use std::cell::RefCell;
use std::collections::HashMap;
use tantivy::columnar::{BytesColumn, Column, StrColumn};
use tantivy::index::SegmentId;
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
    let seg = searcher.segment_reader(address.segment_ord);
    let column = memo(
        &PATH_COLUMNS,
        (seg.segment_id(), "path".to_string()),
        || path_column(seg),
    )?;
    let mut path = String::new();
    if let Some(ord) = column.term_ords(address.doc_id).next() {
        column.ord_to_str(ord, &mut path)?;
    }
    Ok(path)
}

/// A number of a document from its fast column (0 when absent).
pub(crate) fn fast_u64(searcher: &Searcher, address: DocAddress, name: &str) -> Result<u64> {
    let column = u64_column(searcher.segment_reader(address.segment_ord), name)?;
    Ok(column.first(address.doc_id).unwrap_or(0))
}

/// A segment's u64 column `name`, opened once per thread (see [`memo`]).
pub(crate) fn u64_column(seg: &SegmentReader, name: &str) -> Result<Column<u64>> {
    memo(&U64_COLUMNS, (seg.segment_id(), name.to_string()), || {
        Ok(seg.fast_fields().u64(name)?)
    })
}

/// A segment's bytes column `name`, if it has one, opened once per thread
/// (see [`memo`]).
pub(crate) fn bytes_column(seg: &SegmentReader, name: &str) -> Result<Option<BytesColumn>> {
    memo(&BYTES_COLUMNS, (seg.segment_id(), name.to_string()), || {
        Ok(seg.fast_fields().bytes(name)?)
    })
}

/// Columns kept open per thread, at most: the columns that reading a
/// passage or a report needs, for the segments of a few generations of an
/// index (a long-running process sees segments merged away; their columns
/// go when the memo fills).
const MEMO_COLUMNS: usize = 256;

thread_local! {
    static U64_COLUMNS: RefCell<HashMap<(SegmentId, String), Column<u64>>> =
        RefCell::new(HashMap::new());
    static PATH_COLUMNS: RefCell<HashMap<(SegmentId, String), StrColumn>> =
        RefCell::new(HashMap::new());
    static BYTES_COLUMNS: RefCell<HashMap<(SegmentId, String), Option<BytesColumn>>> =
        RefCell::new(HashMap::new());
}

/// The column that `open` gives for `key` (a segment and a column name),
/// opened once per thread.
/// Opening a column decodes its block index (for a blockwise-linear
/// column, one entry per 512 documents of the segment): reading ten hits
/// opened a score of columns, a fifth of the CPU of a small `search` on
/// `../shared/corpora`. A segment never changes once written, so its
/// column, once open, serves every later read.
fn memo<C: Clone>(
    memo: &'static std::thread::LocalKey<RefCell<HashMap<(SegmentId, String), C>>>,
    key: (SegmentId, String),
    open: impl FnOnce() -> Result<C>,
) -> Result<C> {
    memo.with(|columns| {
        if let Some(c) = columns.borrow().get(&key) {
            return Ok(c.clone());
        }
        let column = open()?;
        let mut columns = columns.borrow_mut();
        if columns.len() >= MEMO_COLUMNS {
            columns.clear();
        }
        columns.insert(key, column.clone());
        Ok(column)
    })
}
