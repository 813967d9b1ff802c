//! Reading a document's values from the index's fast columns, where paths,
//! ids and numbers are kept so that lists of reports and passages need not
//! open the doc store.

use crate::index::schema::RankBits;
use anyhow::{anyhow, Result};
use std::collections::HashMap;
use std::sync::{Arc, LazyLock, Mutex};
use tantivy::columnar::{BytesColumn, Column, ColumnIndex, ColumnValues, StrColumn};
use tantivy::index::SegmentId;
use tantivy::{DocAddress, DocId, Searcher, SegmentReader};

/// A segment's `path` column, opened once per process (see [`memo`]).
/// Paths are not in the doc store, where they would repeat with every
/// passage.
pub(crate) fn path_column(seg: &SegmentReader) -> Result<StrColumn> {
    memo(
        &PATH_COLUMNS,
        (seg.segment_id(), "path".to_string()),
        || {
            seg.fast_fields()
                .str("path")?
                .ok_or_else(|| anyhow!("path column missing"))
        },
    )
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
    let column = u64_column(searcher.segment_reader(address.segment_ord), name)?;
    Ok(column.first(address.doc_id).unwrap_or(0))
}

/// A segment's u64 column `name`, opened once per process (see [`memo`]).
pub(crate) fn u64_column(seg: &SegmentReader, name: &str) -> Result<Column<u64>> {
    memo(&U64_COLUMNS, (seg.segment_id(), name.to_string()), || {
        Ok(seg.fast_fields().u64(name)?)
    })
}

/// A segment's [`RankBits`] column, read by document id: directly from the
/// column's values where every document has them (an index of this
/// format), else through its index.
#[derive(Clone)]
pub(crate) struct RankBitsColumn {
    full: Option<Arc<dyn ColumnValues<u64>>>,
    column: Option<Column<u64>>,
}

impl RankBitsColumn {
    pub(crate) fn of(seg: &SegmentReader) -> RankBitsColumn {
        let column = u64_column(seg, "rank_bits").ok();
        let full = column
            .as_ref()
            .filter(|c| matches!(c.index, ColumnIndex::Full))
            .map(|c| c.values.clone());
        RankBitsColumn { full, column }
    }

    /// The bits of document `doc` (0 where it has none).
    pub(crate) fn get(&self, doc: DocId) -> RankBits {
        RankBits(match (&self.full, &self.column) {
            (Some(values), _) => values.get_val(doc),
            (None, Some(c)) => c.first(doc).unwrap_or(0),
            (None, None) => 0,
        })
    }
}

/// A segment's bytes column `name`, if it has one, opened once per process
/// (see [`memo`]).
pub(crate) fn bytes_column(seg: &SegmentReader, name: &str) -> Result<Option<BytesColumn>> {
    memo(&BYTES_COLUMNS, (seg.segment_id(), name.to_string()), || {
        Ok(seg.fast_fields().bytes(name)?)
    })
}

/// Columns kept open, at most: the columns that searching and reading
/// passages and reports need, for the segments of a few generations of an
/// index (a long-running process sees segments merged away; their columns
/// go when the memo fills).
const MEMO_COLUMNS: usize = 256;

type Memo<C> = LazyLock<Mutex<HashMap<(SegmentId, String), C>>>;

static U64_COLUMNS: Memo<Column<u64>> = LazyLock::new(Default::default);
static PATH_COLUMNS: Memo<StrColumn> = LazyLock::new(Default::default);
static BYTES_COLUMNS: Memo<Option<BytesColumn>> = LazyLock::new(Default::default);

/// The column that `open` gives for `key` (a segment and a column name),
/// opened once per process.
/// Opening a column decodes its block index (for a blockwise-linear
/// column, one entry per 512 documents of the segment): a search opened a
/// score of columns, some of them on every query thread, about a tenth of
/// the CPU of a small `search` on `../shared/corpora` and of a warm
/// server's. A segment never changes once written, so its column, once
/// open, serves every later read, on any thread (columns are shared
/// handles on the mapped file).
fn memo<C: Clone>(
    memo: &'static Memo<C>,
    key: (SegmentId, String),
    open: impl FnOnce() -> Result<C>,
) -> Result<C> {
    if let Some(c) = memo.lock().unwrap_or_else(|e| e.into_inner()).get(&key) {
        return Ok(c.clone());
    }
    // Opened outside the lock: two threads may both open a column the
    // first time, which costs less than making every reader wait.
    let column = open()?;
    let mut columns = memo.lock().unwrap_or_else(|e| e.into_inner());
    if columns.len() >= MEMO_COLUMNS {
        columns.clear();
    }
    columns.insert(key, column.clone());
    Ok(column)
}
