//! The library's errors: [`Error`] for what a caller may want to act on
//! (no index, another format, a second writer, a bad query or filter),
//! and [`SkipReason`] for a file an index run could not read.

use crate::pdf::PdfError;
use crate::query::parse::QueryError;
use crate::text::decode::DecodeError;
use std::fmt;
use std::path::PathBuf;

/// The result of the library's operations.
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// Why an operation failed. The messages are the ones the `yanbao`
/// command prints, so a caller can show them as they are.
#[derive(Debug)]
#[non_exhaustive]
pub enum Error {
    /// No index at this folder: build one first.
    NoIndex {
        /// The index folder looked for.
        dir: PathBuf,
    },
    /// The folder holds something that cannot be used as this version's
    /// index (another version, a damaged or foreign index); the message
    /// says which and how to rebuild it.
    Unusable {
        /// The index folder.
        dir: PathBuf,
        /// What is wrong with it, and what to do.
        message: String,
    },
    /// Another `index` run is writing to the index.
    Locked {
        /// The index folder.
        dir: PathBuf,
    },
    /// The query could not be parsed.
    Query(QueryError),
    /// A filter or option has a value that cannot be used; the message
    /// names the value.
    InvalidArgument(String),
    /// A report path that the index does not hold.
    NotInIndex {
        /// The path as given.
        path: String,
    },
    /// Anything else: I/O, tantivy, a failed commit. The message says
    /// what and where.
    Other(String),
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::NoIndex { dir } => write!(
                f,
                "no index at {}: run `yanbao index DIR` first",
                dir.display()
            ),
            Error::Unusable { message, .. } => f.write_str(message),
            Error::Locked { dir } => write!(
                f,
                "another `yanbao index` is already writing to {}: wait for it to finish",
                dir.display()
            ),
            Error::Query(e) => e.fmt(f),
            Error::InvalidArgument(m) | Error::Other(m) => f.write_str(m),
            Error::NotInIndex { path } => write!(f, "{path}: not in the index"),
        }
    }
}

/// No `source`: the query error's words are this error's own message, and a chain
/// printed by anyhow (`{:#}`) would say them twice.
impl std::error::Error for Error {}

impl From<QueryError> for Error {
    fn from(e: QueryError) -> Error {
        Error::Query(e)
    }
}

impl From<anyhow::Error> for Error {
    /// Internal failures keep their whole context chain in the message.
    fn from(e: anyhow::Error) -> Error {
        match e.downcast::<Error>() {
            Ok(typed) => typed,
            Err(e) => Error::Other(format!("{e:#}")),
        }
    }
}

impl From<tantivy::TantivyError> for Error {
    fn from(e: tantivy::TantivyError) -> Error {
        Error::Other(e.to_string())
    }
}

impl From<std::io::Error> for Error {
    fn from(e: std::io::Error) -> Error {
        Error::Other(e.to_string())
    }
}

/// Why an index run left a file out. The rest of the run goes on.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum SkipReason {
    /// The file or folder could not be read: vanished, no permission, a
    /// symbolic-link loop...
    Io(String),
    /// Not text in an encoding yanbao reads (binary, UTF-32).
    Decode(DecodeError),
    /// The PDF cannot be read: encrypted, damaged, no text layer.
    Pdf(PdfError),
    /// PDF extraction took longer than the limit.
    PdfTimeout {
        /// The limit, in seconds.
        seconds: u64,
    },
    /// The PDF extractor process crashed on the file.
    PdfCrash,
    /// The PDF extractor could not be started or gave unreadable output.
    PdfExtractor(String),
}

impl SkipReason {
    /// A short, stable name of the kind of reason, for JSON.
    pub fn kind(&self) -> &'static str {
        match self {
            SkipReason::Io(_) => "io",
            SkipReason::Decode(_) => "decode",
            SkipReason::Pdf(PdfError::Encrypted) => "pdf-encrypted",
            SkipReason::Pdf(PdfError::Damaged(_)) => "pdf-damaged",
            SkipReason::Pdf(PdfError::NoText) => "pdf-no-text",
            SkipReason::Pdf(PdfError::Unsupported(_)) => "pdf-unsupported",
            SkipReason::PdfTimeout { .. } => "pdf-timeout",
            SkipReason::PdfCrash => "pdf-crash",
            SkipReason::PdfExtractor(_) => "pdf-extractor",
        }
    }
}

impl fmt::Display for SkipReason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SkipReason::Io(reason) | SkipReason::PdfExtractor(reason) => f.write_str(reason),
            SkipReason::Decode(e) => e.fmt(f),
            SkipReason::Pdf(e) => e.fmt(f),
            SkipReason::PdfTimeout { seconds } => {
                write!(f, "PDF extraction took longer than {seconds} s: skipped")
            }
            SkipReason::PdfCrash => f.write_str("damaged PDF: the extractor crashed"),
        }
    }
}

impl serde::Serialize for SkipReason {
    fn serialize<S: serde::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut st = s.serialize_struct("SkipReason", 2)?;
        st.serialize_field("kind", self.kind())?;
        st.serialize_field("reason", &self.to_string())?;
        st.end()
    }
}

/// A short reason for an I/O error, without Rust's "(os error N)".
pub(crate) fn io_reason(err: &std::io::Error) -> String {
    match err.kind() {
        std::io::ErrorKind::PermissionDenied => "permission denied".to_string(),
        std::io::ErrorKind::NotFound => "file vanished during the run".to_string(),
        _ => {
            let s = err.to_string();
            match s.find(" (os error") {
                Some(i) => s[..i].to_string(),
                None => s,
            }
        }
    }
}
