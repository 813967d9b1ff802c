//! A whole document: opening it with lopdf (decryption with the empty user
//! password, recovery of a file whose page tree is lost), walking its pages,
//! and deciding whether what came out is text at all.
//!
//! It also holds the limits every part of the extraction obeys, so that the
//! bounds on a hostile file's cost can be read in one place.

use std::panic::{catch_unwind, AssertUnwindSafe};

use lopdf::{Document, Object, ObjectId};

use super::interpreter::{page_text, FontCache};
use super::{PdfError, PdfPage};

/// Decompressed size allowed for one page's content, one form XObject or one
/// CMap: real pages stay far below; a decompression bomb does not.
pub(super) const MAX_STREAM_BYTES: usize = 64 << 20;
/// Forms drawn inside forms: real files nest two or three deep.
pub(super) const MAX_FORM_DEPTH: usize = 12;
/// Operators executed per page, counting those inside forms, so that a form
/// drawn thousands of times cannot keep one page busy for minutes.
pub(super) const MAX_OPS_PER_PAGE: usize = 4_000_000;
/// Text kept per page; more than this is not a page of prose.
pub(super) const MAX_PAGE_TEXT: usize = 1 << 20;
/// A bfrange larger than this is looked up by range instead of expanded.
pub(super) const MAX_RANGE_EXPANSION: u32 = 1 << 16;

/// Extract text page by page. Never panics (the library runs inside
/// `catch_unwind`). Returns `NoText` when the text is garbage: mostly U+FFFD,
/// private-use or unmapped glyphs, or no text at all (scanned pages).
///
/// Every page of the document is returned, numbered from 1; a page without
/// text (an image, a blank page, or one lost in a damaged file) has empty
/// text.  Characters that could not be mapped to Unicode are dropped.
pub fn extract_pages(bytes: &[u8]) -> Result<Vec<PdfPage>, PdfError> {
    match catch_unwind(AssertUnwindSafe(|| extract_inner(bytes))) {
        Ok(result) => result,
        Err(payload) => {
            let why = payload
                .downcast_ref::<&str>()
                .map(|s| (*s).to_string())
                .or_else(|| payload.downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "unknown panic".to_string());
            Err(PdfError::Damaged(format!("parser panicked: {why}")))
        }
    }
}

fn extract_inner(bytes: &[u8]) -> Result<Vec<PdfPage>, PdfError> {
    let head = &bytes[..bytes.len().min(1024)];
    if !head.windows(5).any(|w| w == b"%PDF-") {
        return Err(PdfError::Unsupported("no %PDF- header".to_string()));
    }
    let (mut doc, recovered) = match Document::load_mem(bytes) {
        // lopdf rebuilds a broken xref table by itself; remember that the
        // file was damaged so that "no text" can be reported as such.
        Ok(doc) => {
            let rebuilt = doc.xref_recovery == Some(lopdf::xref::XrefRecovery::Reconstructed);
            (doc, rebuilt)
        }
        Err(lopdf::Error::Decryption(_)) => return Err(PdfError::Encrypted),
        Err(err) => (
            recover(bytes).ok_or_else(|| PdfError::Damaged(err.to_string()))?,
            true,
        ),
    };
    if doc.is_encrypted() {
        // Most encrypted reports only restrict copying and printing: their
        // user password is empty, and readers open them without asking.
        if doc.decrypt("").is_err() {
            return Err(PdfError::Encrypted);
        }
    }
    let page_ids = doc.get_pages();
    if page_ids.is_empty() {
        return Err(PdfError::Damaged("no pages found".to_string()));
    }
    let mut fonts = FontCache::default();
    let mut pages = Vec::with_capacity(page_ids.len());
    for (number, id) in page_ids {
        let text = page_text(&doc, id, &mut fonts);
        pages.push(PdfPage { number, text });
    }
    match drop_garbage(pages) {
        Err(PdfError::NoText) if recovered => Err(PdfError::Damaged(
            "truncated or broken file: no text survived".to_string(),
        )),
        result => result,
    }
}

/// Rebuilds a document whose page tree is lost, typically a file cut short:
/// every surviving `/Type /Page` object becomes a kid of a new page tree.
/// Resources inherited from the lost tree are gone, so some pages may lose
/// text, but whatever survived is returned.
fn recover(bytes: &[u8]) -> Option<Document> {
    let mut kids = Vec::new();
    let mut max_no = 0u32;
    let mut pos = 0;
    while let Some(off) = find(&bytes[pos..], b" obj") {
        let at = pos + off;
        pos = at + 4;
        let Some(id) = object_id_before(bytes, at) else {
            continue;
        };
        max_no = max_no.max(id.0);
        // The object's dictionary ends at the first endobj or stream keyword.
        let body = &bytes[pos..bytes.len().min(pos + 4096)];
        let end = [find(body, b"endobj"), find(body, b"stream")]
            .into_iter()
            .flatten()
            .min()
            .unwrap_or(body.len());
        let dict = &body[..end];
        if let Some(t) = find(dict, b"/Type") {
            let rest = dict[t + 5..].trim_ascii_start();
            if rest.starts_with(b"/Page") && !rest.starts_with(b"/Pages") {
                kids.push(id);
            }
        }
    }
    if kids.is_empty() {
        return None;
    }
    let kid_refs: Vec<String> = kids.iter().map(|(n, g)| format!("{n} {g} R")).collect();
    // lopdf's rebuild ignores object numbers above a million.
    let pages_no = max_no.checked_add(1).filter(|n| *n < 1_000_000)?;
    let catalog_no = pages_no + 1;
    let mut fixed = bytes.to_vec();
    // The cut usually falls inside a stream: close it, or the rebuild's scan
    // takes everything after it, our objects included, for stream data.
    fixed.extend_from_slice(
        format!(
            "\nendstream\nendobj\n{pages_no} 0 obj\n<< /Type /Pages /Kids [{}] /Count {} /MediaBox [0 0 612 792] >>\nendobj\n\
             {catalog_no} 0 obj\n<< /Type /Catalog /Pages {pages_no} 0 R >>\nendobj\n\
             trailer\n<< /Root {catalog_no} 0 R /Size {} >>\n%%EOF\n",
            kid_refs.join(" "),
            kids.len(),
            catalog_no + 1
        )
        .as_bytes(),
    );
    let options = lopdf::LoadOptions {
        force_reconstruct: true,
        ..Default::default()
    };
    let mut doc = Document::load_mem_with_options(&fixed, options).ok()?;
    // The rebuilt kids still point at their lost parent: the new tree is the
    // only one whose parent links can be followed.
    let pages_id = (pages_no, 0);
    for kid in &kids {
        if let Ok(dict) = doc.get_dictionary_mut(*kid) {
            dict.set("Parent", Object::Reference(pages_id));
        }
    }
    Some(doc)
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

/// Parses the `N G` before an ` obj` keyword at `at`.
fn object_id_before(bytes: &[u8], at: usize) -> Option<ObjectId> {
    let start = at.saturating_sub(24);
    let text = String::from_utf8_lossy(&bytes[start..at]);
    let mut words = text.split_ascii_whitespace().rev();
    let generation: u16 = words.next()?.parse().ok()?;
    let number: u32 = words.next()?.parse().ok()?;
    Some((number, generation))
}

/// Drops characters without a Unicode meaning and decides whether what is
/// left is text at all.
fn drop_garbage(mut pages: Vec<PdfPage>) -> Result<Vec<PdfPage>, PdfError> {
    let (mut good_total, mut bad_total) = (0usize, 0usize);
    for page in &mut pages {
        let (good, bad) = page.text.chars().fold((0, 0), |(g, b), c| {
            if is_unmapped(c) {
                (g, b + 1)
            } else if c.is_whitespace() || is_control(c) {
                (g, b)
            } else {
                (g + 1, b)
            }
        });
        good_total += good;
        bad_total += bad;
        if bad > good {
            page.text.clear();
        } else if page.text.contains(|c| is_unmapped(c) || is_control(c)) {
            page.text.retain(|c| !is_unmapped(c) && !is_control(c));
        }
    }
    if good_total == 0 || bad_total > good_total {
        return Err(PdfError::NoText);
    }
    Ok(pages)
}

/// A glyph without a Unicode value: U+FFFD is what this module writes for
/// codes no map covers; private-use code points are what some fonts map
/// their glyphs to instead.
fn is_unmapped(c: char) -> bool {
    matches!(c as u32, 0xFFFD | 0xE000..=0xF8FF | 0xF0000..=0x10FFFF)
}

/// Control characters some /ToUnicode maps give for spaces or .notdef:
/// dropped, but not evidence of garbage.
fn is_control(c: char) -> bool {
    c.is_control() && c != '\n'
}
