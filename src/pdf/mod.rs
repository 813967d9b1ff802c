//! Text extraction from PDF files (issue 7), page by page.
//!
//! lopdf parses the file (cross-reference table, objects, decryption with the
//! empty user password, stream filters, content-stream tokens).  Text itself
//! is assembled here because lopdf's own `extract_text` ignores positions: it
//! glues lines that share a text object, never separates table cells and
//! cannot decode Type0 fonts whose `/Encoding` names a CJK CMap other than
//! `UniGB-UCS2-H`.  This module follows the text matrix, uses glyph widths to
//! find where each string ends, and from that decides where a line break or a
//! space goes.  Reading order is content-stream order: it never interleaves
//! columns, which a search index cares about more than the order of blocks.
//!
//! See docs/pdf-extraction.md for the comparison with other crates.
//!
//! Things that can take long (the caller runs extraction in a child process
//! with a timeout): lopdf parses every object of the file up front, and a
//! page may draw the same form XObject many times.  Decompression, form
//! nesting and the work per page are bounded by the limits in `document.rs`.
//!
//! The parts, in the order the data goes through them:
//!
//! - `document`: opening the file (decryption, recovery of a lost page
//!   tree), the page loop, the verdict on garbage, and the limits;
//! - `interpreter`: content-stream operators, text state, form XObjects;
//! - `fonts`: font dictionaries, codes, encodings and widths;
//! - `cmap`: `/ToUnicode` and embedded CID CMaps;
//! - `layout`: positioned strings assembled into lines;
//! - `clean`: repeated headers and footers, page numbers, template markers;
//! - [`child`]: extraction in a child process with a time limit, and the
//!   cache of extracted texts.

pub mod child;
mod clean;
mod cmap;
mod document;
mod fonts;
mod interpreter;
mod layout;
#[cfg(test)]
mod tests;

pub use clean::clean_pages;
pub use document::extract_pages;

use std::fmt;

/// The text of one page of a PDF.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PdfPage {
    /// 1-based page number.
    pub number: u32,
    /// The page's lines in content-stream order, joined by `\n`; empty for a
    /// page without text.
    pub text: String,
}

/// Why a PDF gives no text.
///
/// It serialises as `{"kind": "damaged", "detail": "..."}` (`detail` only
/// for the variants that carry one): the extractor child reports it to the
/// index run that way.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(tag = "kind", content = "detail", rename_all = "kebab-case")]
pub enum PdfError {
    /// Encrypted with a user password: it cannot be opened without one.
    Encrypted,
    /// Not a readable PDF: broken cross-reference table or objects, a file
    /// cut short, no pages, or a parser panic.  The text says what.
    Damaged(String),
    /// No text layer, or text that is mostly unmapped glyphs: scanned or
    /// image-only pages, fonts without a Unicode map.
    NoText,
    /// Not something this extractor reads, such as a file without a
    /// `%PDF-` header.  The text says what.
    Unsupported(String),
}

impl fmt::Display for PdfError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            PdfError::Encrypted => write!(f, "encrypted PDF (needs a password)"),
            PdfError::Damaged(why) => write!(f, "damaged PDF: {why}"),
            PdfError::NoText => write!(
                f,
                "no extractable text (image-only/scanned pages or fonts without a Unicode map)"
            ),
            PdfError::Unsupported(why) => write!(f, "unsupported PDF: {why}"),
        }
    }
}

impl std::error::Error for PdfError {}
