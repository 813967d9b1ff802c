//! Building and opening the index.
pub mod backpressure;
pub mod build;
pub mod folder;
pub mod ordered_writer;
pub mod schema;
pub mod seen;
pub mod tokens;
pub mod walk;
