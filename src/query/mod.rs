//! Answering queries.
pub mod dictseg;
pub mod mentions;
pub mod parse;
pub mod reports;
pub mod search;
pub mod stored;
