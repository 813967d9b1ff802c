//! What a report says about itself: sections, metadata, tickers, aliases.
pub mod aliases;
pub mod analysis;
pub mod structure;
pub mod tickers;
