//! yanbao (研报): a local full-text index of Chinese research reports.
//!
//! Build or update an index of a folder of reports with [`index()`], open
//! it with [`Index::open`], and ask it for ranked passages
//! ([`Index::search`]), every exact occurrence of a term
//! ([`Index::mentions`]) or what it knows of each report
//! ([`Index::report`], [`Index::stats`]).
//!
//! ```no_run
//! # fn main() -> yanbao::Result<()> {
//! let summary = yanbao::index(
//!     std::path::Path::new(".yanbao"),
//!     &yanbao::IndexOptions::new("reports"),
//!     &yanbao::Silent,
//! )?;
//! println!("{} reports", summary.reports);
//! let index = yanbao::Index::open(std::path::Path::new(".yanbao"))?;
//! let query = yanbao::query::parse("腾讯控股 广告")?;
//! for hit in index.search(&query, &yanbao::SearchOptions::default())?.hits {
//!     println!("{}:{} {}", hit.path, hit.line, hit.text);
//! }
//! # Ok(())
//! # }
//! ```
//!
//! The building blocks are public too: [`text`] (decoding, the one
//! normalization, passages) and [`report`] (sections, metadata, tickers).
//! ARCHITECTURE.md describes the path of the data through the modules.

#![warn(missing_docs)]
#![warn(unreachable_pub)]

pub mod answer;
pub mod error;
pub mod index;
pub mod layout;
pub mod pdf;
pub mod query;
pub mod report;
pub mod serve;
pub mod text;

pub use error::{Error, Result, SkipReason};
pub use index::build::{index, IndexOptions, IndexSummary, Progress, Silent, SkippedFile};
pub use index::folder::{default_index_dir, Index};
pub use query::{Filters, ReportFilter, SearchOptions};
