//! yanbao (研报): a local full-text index of Chinese research reports.
//!
//! See ARCHITECTURE.md for the path of the data through these modules.

pub mod aliases;
pub mod analysis;
pub mod backpressure;
pub mod cli;
pub mod commands;
pub mod decode;
pub mod dictseg;
pub mod exit_codes;
pub mod indexer;
pub mod mentions;
pub mod normalize;
pub mod ordered_writer;
pub mod passage;
pub mod pdf;
pub mod pdftext;
pub mod printer;
pub mod query;
pub mod reports;
pub mod schema;
pub mod search;
pub mod seen;
pub mod store;
pub mod stored;
pub mod structure;
pub mod ticker;
pub mod tokens;
pub mod walk;
