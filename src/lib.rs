//! yanbao (研报): a local full-text index of Chinese research reports.
//!
//! See ARCHITECTURE.md for the path of the data through these modules.

pub mod aliases;
pub mod analysis;
pub mod decode;
pub mod indexer;
pub mod normalize;
pub mod passage;
pub mod schema;
pub mod store;
pub mod structure;
pub mod ticker;
pub mod tokens;
pub mod walk;
