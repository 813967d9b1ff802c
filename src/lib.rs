//! yanbao (研报): a local full-text index of Chinese research reports.
//!
//! See ARCHITECTURE.md for the path of the data through these modules.

pub mod error;
pub mod index;
pub mod pdf;
pub mod query;
pub mod report;
pub mod text;
