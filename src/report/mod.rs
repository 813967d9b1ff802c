//! What a report says about itself: sections, metadata, tickers, aliases.
pub mod aliases;
pub mod analysis;
pub mod structure;
pub mod tickers;

pub use aliases::AliasTable;
pub use structure::{detect_headings, extract_meta, Analyst, Heading, ReportMeta, Section};
pub use tickers::{parse_ticker_query, Exchange, Ticker};
