//! Building and opening the index: the index folder ([`folder`]), the
//! schema and tokens of its documents, and the index run ([`build`]) that
//! walks a folder and feeds tantivy.

pub(crate) mod backpressure;
pub(crate) mod build;
pub mod card;
pub(crate) mod columns;
pub(crate) mod folder;
pub(crate) mod merge;
pub(crate) mod ordered_writer;
pub mod roots;
pub(crate) mod schema;
pub(crate) mod seen;
pub(crate) mod tokens;
pub(crate) mod walk;
pub mod watch;

pub use build::{index, IndexOptions, IndexSummary, Progress, Silent, SkippedFile};
pub use card::{CardPrice, ReportCard};
pub use folder::{default_index_dir, disk_size, Index};
pub use watch::watch;

/// Now, as RFC 3339 UTC with seconds.
pub fn now_utc() -> String {
    folder::now_rfc3339()
}
pub use walk::{is_report_file, walk, SourceFile, PDF_EXTENSION, TEXT_EXTENSIONS};
