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
//! nesting and the work per page are bounded below.

pub mod child;

use std::borrow::Cow;
use std::collections::{HashMap, HashSet};
use std::fmt;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::rc::Rc;

use lopdf::content::Content;
use lopdf::{Dictionary, Document, Encoding, Object, ObjectId, Stream};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PdfPage {
    /// 1-based page number.
    pub number: u32,
    pub text: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PdfError {
    Encrypted,
    Damaged(String),
    NoText,
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

/// Decompressed size allowed for one page's content, one form XObject or one
/// CMap: real pages stay far below; a decompression bomb does not.
const MAX_STREAM_BYTES: usize = 64 << 20;
/// Forms drawn inside forms: real files nest two or three deep.
const MAX_FORM_DEPTH: usize = 12;
/// Operators executed per page, counting those inside forms, so that a form
/// drawn thousands of times cannot keep one page busy for minutes.
const MAX_OPS_PER_PAGE: usize = 4_000_000;
/// Text kept per page; more than this is not a page of prose.
const MAX_PAGE_TEXT: usize = 1 << 20;
/// A bfrange larger than this is looked up by range instead of expanded.
const MAX_RANGE_EXPANSION: u32 = 1 << 16;

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

// ---------------------------------------------------------------------------
// Content-stream interpretation
// ---------------------------------------------------------------------------

type Matrix = [f64; 6];
const IDENTITY: Matrix = [1.0, 0.0, 0.0, 1.0, 0.0, 0.0];

/// `a` then `b`, in PDF's row-vector convention (`a × b`).
fn mul(a: &Matrix, b: &Matrix) -> Matrix {
    [
        a[0] * b[0] + a[1] * b[2],
        a[0] * b[1] + a[1] * b[3],
        a[2] * b[0] + a[3] * b[2],
        a[2] * b[1] + a[3] * b[3],
        a[4] * b[0] + a[5] * b[2] + b[4],
        a[4] * b[1] + a[5] * b[3] + b[5],
    ]
}

fn apply(m: &Matrix, x: f64, y: f64) -> (f64, f64) {
    (x * m[0] + y * m[2] + m[4], x * m[1] + y * m[3] + m[5])
}

fn num(o: &Object) -> Option<f64> {
    match o {
        Object::Integer(i) => Some(*i as f64),
        Object::Real(r) => Some(f64::from(*r)),
        _ => None,
    }
}

fn matrix_of(operands: &[Object]) -> Option<Matrix> {
    if operands.len() < 6 {
        return None;
    }
    let mut m = IDENTITY;
    for (slot, o) in m.iter_mut().zip(operands) {
        *slot = num(o)?;
    }
    m.iter().all(|v| v.is_finite()).then_some(m)
}

#[derive(Clone)]
struct GState {
    ctm: Matrix,
    font: Option<Rc<Font>>,
    size: f64,
    char_space: f64,
    word_space: f64,
    h_scale: f64,
    leading: f64,
    rise: f64,
}

impl Default for GState {
    fn default() -> Self {
        GState {
            ctm: IDENTITY,
            font: None,
            size: 1.0,
            char_space: 0.0,
            word_space: 0.0,
            h_scale: 1.0,
            leading: 0.0,
            rise: 0.0,
        }
    }
}

#[derive(Default)]
struct FontCache {
    by_id: HashMap<ObjectId, Rc<Font>>,
    /// Fonts written inline in a resource dictionary, keyed by the
    /// dictionary's address (stable while the document lives).
    inline: HashMap<usize, Rc<Font>>,
}

struct Interp<'a> {
    doc: &'a Document,
    fonts: &'a mut FontCache,
    gs: GState,
    stack: Vec<GState>,
    tm: Matrix,
    tlm: Matrix,
    sink: Sink,
    ops: usize,
    forms: Vec<ObjectId>,
}

fn page_text(doc: &Document, page_id: ObjectId, fonts: &mut FontCache) -> String {
    let Ok(content) = doc.get_page_content_with_limit(page_id, MAX_STREAM_BYTES) else {
        return String::new();
    };
    let mut resources = Vec::new();
    if let Ok((own, ids)) = doc.get_page_resources(page_id) {
        resources.extend(own);
        resources.extend(ids.into_iter().filter_map(|id| doc.get_dictionary(id).ok()));
    }
    let mut it = Interp {
        doc,
        fonts,
        gs: GState::default(),
        stack: Vec::new(),
        tm: IDENTITY,
        tlm: IDENTITY,
        sink: Sink::default(),
        ops: 0,
        forms: Vec::new(),
    };
    it.run(&content, &resources);
    it.sink.finish()
}

impl<'a> Interp<'a> {
    fn run(&mut self, content: &[u8], resources: &[&'a Dictionary]) {
        // A syntax error ends the stream, keeping the text before it.
        for op in Content::decode_iter(content) {
            let Ok(op) = op else { break };
            self.ops += 1;
            if self.ops > MAX_OPS_PER_PAGE || self.sink.out.len() > MAX_PAGE_TEXT {
                break;
            }
            self.op(&op.operator, &op.operands, resources);
        }
    }

    fn op(&mut self, operator: &str, o: &[Object], resources: &[&'a Dictionary]) {
        let n = |i: usize| o.get(i).and_then(num).filter(|v| v.is_finite());
        match operator {
            // Beyond 256 saved states a q is ignored: no real page nests that deep.
            "q" if self.stack.len() < 256 => self.stack.push(self.gs.clone()),
            "Q" => {
                if let Some(gs) = self.stack.pop() {
                    self.gs = gs;
                }
            }
            "cm" => {
                if let Some(m) = matrix_of(o) {
                    self.gs.ctm = mul(&m, &self.gs.ctm);
                }
            }
            "BT" => {
                self.tm = IDENTITY;
                self.tlm = IDENTITY;
            }
            "Tf" => {
                if let (Some(Object::Name(name)), Some(size)) = (o.first(), n(1)) {
                    self.gs.font = self.font(name, resources);
                    self.gs.size = size;
                }
            }
            "Tc" => self.gs.char_space = n(0).unwrap_or(0.0),
            "Tw" => self.gs.word_space = n(0).unwrap_or(0.0),
            "Tz" => self.gs.h_scale = n(0).unwrap_or(100.0) / 100.0,
            "TL" => self.gs.leading = n(0).unwrap_or(0.0),
            "Ts" => self.gs.rise = n(0).unwrap_or(0.0),
            "Td" => {
                if let (Some(x), Some(y)) = (n(0), n(1)) {
                    self.move_line(x, y);
                }
            }
            "TD" => {
                if let (Some(x), Some(y)) = (n(0), n(1)) {
                    self.gs.leading = -y;
                    self.move_line(x, y);
                }
            }
            "Tm" => {
                if let Some(m) = matrix_of(o) {
                    self.tm = m;
                    self.tlm = m;
                }
            }
            "T*" => self.move_line(0.0, -self.gs.leading),
            "Tj" => {
                if let Some(Object::String(s, _)) = o.first() {
                    self.show(s);
                }
            }
            "'" => {
                self.move_line(0.0, -self.gs.leading);
                if let Some(Object::String(s, _)) = o.first() {
                    self.show(s);
                }
            }
            "\"" => {
                if let (Some(aw), Some(ac)) = (n(0), n(1)) {
                    self.gs.word_space = aw;
                    self.gs.char_space = ac;
                }
                self.move_line(0.0, -self.gs.leading);
                if let Some(Object::String(s, _)) = o.get(2) {
                    self.show(s);
                }
            }
            "TJ" => {
                if let Some(Object::Array(items)) = o.first() {
                    for item in items {
                        match item {
                            Object::String(s, _) => self.show(s),
                            other => {
                                if let Some(adj) = num(other).filter(|v| v.is_finite()) {
                                    let tx = -adj / 1000.0 * self.gs.size * self.gs.h_scale;
                                    self.tm = mul(&[1.0, 0.0, 0.0, 1.0, tx, 0.0], &self.tm);
                                }
                            }
                        }
                    }
                }
            }
            "Do" => {
                if let Some(Object::Name(name)) = o.first() {
                    self.form(name, resources);
                }
            }
            _ => {}
        }
    }

    fn move_line(&mut self, x: f64, y: f64) {
        self.tlm = mul(&[1.0, 0.0, 0.0, 1.0, x, y], &self.tlm);
        self.tm = self.tlm;
    }

    fn font(&mut self, name: &[u8], resources: &[&'a Dictionary]) -> Option<Rc<Font>> {
        let doc = self.doc;
        let (id, dict) = resources.iter().find_map(|res| {
            let fonts = res.get_deref(b"Font", doc).ok()?.as_dict().ok()?;
            let (id, obj) = doc.dereference(fonts.get(name).ok()?).ok()?;
            Some((id, obj.as_dict().ok()?))
        })?;
        let cached = match id {
            Some(id) => self.fonts.by_id.get(&id),
            None => self.fonts.inline.get(&(dict as *const Dictionary as usize)),
        };
        if let Some(font) = cached {
            return Some(font.clone());
        }
        let font = Rc::new(Font::load(doc, dict));
        match id {
            Some(id) => self.fonts.by_id.insert(id, font.clone()),
            None => self
                .fonts
                .inline
                .insert(dict as *const Dictionary as usize, font.clone()),
        };
        Some(font)
    }

    fn form(&mut self, name: &[u8], resources: &[&'a Dictionary]) {
        let doc = self.doc;
        let Some((Some(id), stream)) = resources.iter().find_map(|res| {
            let xobjects = res.get_deref(b"XObject", doc).ok()?.as_dict().ok()?;
            let (id, obj) = doc.dereference(xobjects.get(name).ok()?).ok()?;
            Some((id, obj.as_stream().ok()?))
        }) else {
            return;
        };
        let is_form = stream
            .dict
            .get(b"Subtype")
            .and_then(Object::as_name)
            .is_ok_and(|s| s == b"Form");
        if !is_form || self.forms.len() >= MAX_FORM_DEPTH || self.forms.contains(&id) {
            return;
        }
        let Ok(content) = stream.decompressed_content_with_limit(MAX_STREAM_BYTES) else {
            return;
        };
        let own: Vec<&'a Dictionary> = stream
            .dict
            .get_deref(b"Resources", doc)
            .and_then(Object::as_dict)
            .map(|d| vec![d])
            .unwrap_or_default();
        let form_resources: &[&'a Dictionary] = if own.is_empty() { resources } else { &own };
        let (saved_gs, saved_depth, saved_tm, saved_tlm) =
            (self.gs.clone(), self.stack.len(), self.tm, self.tlm);
        if let Some(m) = stream
            .dict
            .get(b"Matrix")
            .and_then(Object::as_array)
            .ok()
            .and_then(|a| matrix_of(a))
        {
            self.gs.ctm = mul(&m, &self.gs.ctm);
        }
        self.forms.push(id);
        self.run(&content, form_resources);
        self.forms.pop();
        self.gs = saved_gs;
        self.stack.truncate(saved_depth);
        self.tm = saved_tm;
        self.tlm = saved_tlm;
    }

    fn show(&mut self, bytes: &[u8]) {
        let Some(font) = self.gs.font.clone() else {
            return;
        };
        let gs = &self.gs;
        let start_m = mul(&self.tm, &gs.ctm);
        let mut text = String::new();
        let mut advance = 0.0;
        for (code, len) in font.codes(bytes) {
            let before = text.len();
            font.decode(code, len, &mut text);
            let width = font.width(code, len, &text[before..]);
            let mut tx = width * gs.size + gs.char_space;
            if len == 1 && code == 32 {
                tx += gs.word_space;
            }
            advance += tx * gs.h_scale;
        }
        self.tm = mul(&[1.0, 0.0, 0.0, 1.0, advance, 0.0], &self.tm);
        let end_m = mul(&self.tm, &gs.ctm);
        let start = apply(&start_m, 0.0, gs.rise);
        let end = apply(&end_m, 0.0, gs.rise);
        let size = (gs.size * start_m[2].hypot(start_m[3])).abs();
        let len = start_m[0].hypot(start_m[1]);
        let dir = if len > 1e-9 {
            (start_m[0] / len, start_m[1] / len)
        } else {
            (1.0, 0.0)
        };
        self.sink.push(text, start, end, dir, size);
    }
}

/// Turns positioned strings into lines.
#[derive(Default)]
struct Sink {
    out: String,
    last: Option<Run>,
}

struct Run {
    text: String,
    start: (f64, f64),
    end: (f64, f64),
    dir: (f64, f64),
    size: f64,
}

impl Sink {
    fn push(
        &mut self,
        text: String,
        start: (f64, f64),
        end: (f64, f64),
        dir: (f64, f64),
        size: f64,
    ) {
        if text.is_empty() {
            return;
        }
        let size = if size.is_finite() && size > 0.01 {
            size
        } else {
            1.0
        };
        if let Some(last) = &self.last {
            let em = size.max(last.size);
            // Word and some printers fake bold by drawing a string twice,
            // a fraction of a point apart.
            let (sx, sy) = (start.0 - last.start.0, start.1 - last.start.1);
            if text == last.text && sx.hypot(sy) < 0.2 * em {
                return;
            }
            let (dx, dy) = (start.0 - last.end.0, start.1 - last.end.1);
            let along = dx * last.dir.0 + dy * last.dir.1;
            let across = dy * last.dir.0 - dx * last.dir.1;
            let same_dir = dir.0 * last.dir.0 + dir.1 * last.dir.1 > 0.95;
            if !same_dir || across.abs() > 0.5 * em {
                self.newline();
            } else if along > 0.2 * em || along < -0.5 * em {
                // A gap on the baseline is a word space or a table column;
                // a jump back is text drawn over or out of order.
                if !self.out.ends_with([' ', '\n']) && !text.starts_with(' ') {
                    self.out.push(' ');
                }
            }
        }
        for c in text.chars() {
            match c {
                '\r' | '\n' => self.newline(),
                '\t' => self.out.push(' '),
                c => self.out.push(c),
            }
        }
        self.last = Some(Run {
            text,
            start,
            end,
            dir,
            size,
        });
    }

    fn newline(&mut self) {
        let trimmed = self.out.trim_end_matches(' ').len();
        self.out.truncate(trimmed);
        if !self.out.is_empty() && !self.out.ends_with('\n') {
            self.out.push('\n');
        }
    }

    fn finish(mut self) -> String {
        self.newline();
        while self.out.ends_with('\n') {
            self.out.pop();
        }
        self.out
    }
}

// ---------------------------------------------------------------------------
// Fonts: code splitting, Unicode mapping, widths
// ---------------------------------------------------------------------------

/// How a Type0 font's CMap cuts a string into codes.
enum Split {
    One,
    Two,
    Utf16,
    Utf8,
    /// Two bytes when the first byte is in the range, else one.
    Lead(u8, u8),
    /// GB18030: one, two or four bytes.
    Gb18030,
    Ranges(Vec<CodeRange>),
}

/// A CJK CMap named in `/Encoding` whose codes are a legacy encoding's bytes.
#[derive(Clone, Copy)]
enum Legacy {
    None,
    Utf16,
    Utf8,
    Gb18030,
    /// GB 2312 in its 7-bit form (`GB-H`): add 0x80 to both bytes.
    Gb7,
    Big5,
    ShiftJis,
    EucKr,
}

struct Font {
    split: Split,
    to_unicode: Option<CMap>,
    /// Simple fonts without a usable `/ToUnicode`: lopdf's reading of
    /// `/Encoding` (base encoding and `/Differences`), per code.
    simple: Option<Vec<Option<String>>>,
    legacy: Legacy,
    widths: Widths,
}

enum Widths {
    Simple {
        first: u32,
        widths: Vec<f64>,
        missing: f64,
        standard: Option<&'static [u16; 95]>,
        /// Glyph space to text space: 1/1000, or a Type3 font's matrix.
        scale: f64,
    },
    Cid {
        default: f64,
        widths: HashMap<u32, f64>,
        /// Code to CID: `None` for Identity (code = CID); an embedded CMap's
        /// `cidrange`s otherwise.  With neither the CID is unknown.
        to_cid: Option<CMap>,
        cids_known: bool,
    },
}

impl Font {
    fn load(doc: &Document, dict: &Dictionary) -> Font {
        let subtype = dict
            .get(b"Subtype")
            .and_then(Object::as_name)
            .unwrap_or(b"");
        let to_unicode = dict
            .get_deref(b"ToUnicode", doc)
            .and_then(Object::as_stream)
            .ok()
            .and_then(stream_bytes)
            .map(|b| CMap::parse(&b))
            .filter(|m| !m.is_empty());
        if subtype == b"Type0" {
            Self::load_type0(doc, dict, to_unicode)
        } else {
            Self::load_simple(doc, dict, subtype, to_unicode)
        }
    }

    fn load_type0(doc: &Document, dict: &Dictionary, to_unicode: Option<CMap>) -> Font {
        let mut split = Split::Two;
        let mut legacy = Legacy::None;
        let mut to_cid = None;
        let mut cids_known = false;
        match dict.get_deref(b"Encoding", doc) {
            Ok(Object::Name(name)) => {
                (split, legacy, cids_known) = predefined_cmap(name);
            }
            Ok(Object::Stream(stream)) => {
                if let Some(cmap) = stream_bytes(stream).map(|b| CMap::parse(&b)) {
                    if let Ok(Object::Name(base)) = stream.dict.get(b"UseCMap") {
                        (split, legacy, cids_known) = predefined_cmap(base);
                    } else if let Some(base) = cmap.use_cmap.as_deref() {
                        (split, legacy, cids_known) = predefined_cmap(base);
                    }
                    if !cmap.codespace.is_empty() {
                        split = Split::Ranges(cmap.codespace.clone());
                    }
                    if !cmap.cids.is_empty() || !cmap.cid_ranges.is_empty() {
                        to_cid = Some(cmap);
                        cids_known = true;
                    }
                }
            }
            _ => {}
        }
        let descendant = dict
            .get_deref(b"DescendantFonts", doc)
            .and_then(Object::as_array)
            .ok()
            .and_then(|a| a.first())
            .and_then(|o| doc.dereference(o).ok())
            .and_then(|(_, o)| o.as_dict().ok());
        let mut default = 1000.0;
        let mut widths = HashMap::new();
        if let Some(desc) = descendant {
            if let Some(dw) = desc.get_deref(b"DW", doc).ok().and_then(num) {
                default = dw;
            }
            if let Ok(w) = desc.get_deref(b"W", doc).and_then(Object::as_array) {
                parse_cid_widths(doc, w, &mut widths);
            }
        }
        Font {
            split,
            to_unicode,
            simple: None,
            legacy,
            widths: Widths::Cid {
                default: default / 1000.0,
                widths,
                to_cid,
                cids_known,
            },
        }
    }

    fn load_simple(
        doc: &Document,
        dict: &Dictionary,
        subtype: &[u8],
        to_unicode: Option<CMap>,
    ) -> Font {
        let has_encoding = dict.get(b"Encoding").is_ok();
        // lopdf reads /Encoding (names, /Differences); without one it falls
        // back to the /ToUnicode map we already have, or StandardEncoding.
        let simple = if to_unicode.is_some() && !has_encoding {
            None
        } else {
            dict.get_font_encoding_with_limit(doc, MAX_STREAM_BYTES)
                .ok()
                .map(|enc| simple_table(&enc))
        };
        let scale = if subtype == b"Type3" {
            dict.get_deref(b"FontMatrix", doc)
                .and_then(Object::as_array)
                .ok()
                .and_then(|a| a.first())
                .and_then(num)
                .filter(|v| v.is_finite() && *v != 0.0)
                .map(f64::abs)
                .unwrap_or(0.001)
        } else {
            0.001
        };
        let first = dict
            .get_deref(b"FirstChar", doc)
            .ok()
            .and_then(num)
            .map(|v| v.clamp(0.0, 255.0) as u32)
            .unwrap_or(0);
        let widths: Vec<f64> = dict
            .get_deref(b"Widths", doc)
            .and_then(Object::as_array)
            .map(|a| {
                a.iter()
                    .map(|o| {
                        doc.dereference(o)
                            .ok()
                            .and_then(|(_, o)| num(o))
                            .unwrap_or(0.0)
                    })
                    .collect()
            })
            .unwrap_or_default();
        let missing = dict
            .get_deref(b"FontDescriptor", doc)
            .and_then(Object::as_dict)
            .ok()
            .and_then(|d| d.get_deref(b"MissingWidth", doc).ok())
            .and_then(num)
            .unwrap_or(0.0);
        let base = dict
            .get(b"BaseFont")
            .and_then(Object::as_name)
            .unwrap_or(b"");
        let standard = if widths.is_empty() {
            standard_widths(base)
        } else {
            None
        };
        Font {
            split: Split::One,
            to_unicode,
            simple,
            legacy: Legacy::None,
            widths: Widths::Simple {
                first,
                widths,
                missing,
                standard,
                scale,
            },
        }
    }

    fn codes<'b>(&'b self, bytes: &'b [u8]) -> impl Iterator<Item = (u32, u8)> + 'b {
        let mut i = 0;
        std::iter::from_fn(move || {
            let rest = bytes.get(i..).filter(|r| !r.is_empty())?;
            let len = match &self.split {
                Split::One => 1,
                Split::Two => 2,
                Split::Utf16 => {
                    if (0xD8..=0xDB).contains(&rest[0]) {
                        4
                    } else {
                        2
                    }
                }
                Split::Utf8 => match rest[0] {
                    0xF0..=0xF7 => 4,
                    0xE0..=0xEF => 3,
                    0xC0..=0xDF => 2,
                    _ => 1,
                },
                Split::Lead(lo, hi) => {
                    if (*lo..=*hi).contains(&rest[0]) {
                        2
                    } else {
                        1
                    }
                }
                Split::Gb18030 => match (rest[0], rest.get(1)) {
                    (0x81..=0xFE, Some(0x30..=0x39)) => 4,
                    (0x81..=0xFE, _) => 2,
                    _ => 1,
                },
                Split::Ranges(ranges) => split_by_ranges(ranges, rest),
            };
            let len = len.min(rest.len());
            let code = rest[..len]
                .iter()
                .fold(0u32, |acc, b| (acc << 8) | u32::from(*b));
            i += len;
            Some((code, len as u8))
        })
    }

    fn decode(&self, code: u32, len: u8, out: &mut String) {
        if let Some(s) = self.to_unicode.as_ref().and_then(|m| m.unicode(code, len)) {
            out.push_str(&s);
            return;
        }
        if let Some(table) = &self.simple {
            match table.get(code as usize) {
                Some(Some(s)) => out.push_str(s),
                _ => out.push('\u{FFFD}'),
            }
            return;
        }
        let bytes = &code.to_be_bytes()[4 - usize::from(len).min(4)..];
        let decoded = match self.legacy {
            Legacy::None => None,
            Legacy::Utf16 => Some(String::from_utf16_lossy(
                &bytes
                    .chunks(2)
                    .map(|c| u16::from_be_bytes([c[0], c.get(1).copied().unwrap_or(0)]))
                    .collect::<Vec<_>>(),
            )),
            Legacy::Utf8 => std::str::from_utf8(bytes).ok().map(str::to_string),
            Legacy::Gb18030 => legacy_decode(encoding_rs::GB18030, bytes),
            Legacy::Gb7 => {
                let high: Vec<u8> = bytes.iter().map(|b| b | 0x80).collect();
                if bytes.len() == 2 {
                    legacy_decode(encoding_rs::GB18030, &high)
                } else {
                    legacy_decode(encoding_rs::GB18030, bytes)
                }
            }
            Legacy::Big5 => legacy_decode(encoding_rs::BIG5, bytes),
            Legacy::ShiftJis => legacy_decode(encoding_rs::SHIFT_JIS, bytes),
            Legacy::EucKr => legacy_decode(encoding_rs::EUC_KR, bytes),
        };
        match decoded {
            Some(s) if !s.is_empty() => out.push_str(&s),
            _ => out.push('\u{FFFD}'),
        }
    }

    /// Advance of one code in text space units per unit of font size.
    fn width(&self, code: u32, len: u8, decoded: &str) -> f64 {
        match &self.widths {
            Widths::Simple {
                first,
                widths,
                missing,
                standard,
                scale,
            } => {
                let w = code
                    .checked_sub(*first)
                    .and_then(|i| widths.get(i as usize))
                    .copied()
                    .filter(|w| *w > 0.0)
                    .or_else(|| (*missing > 0.0).then_some(*missing))
                    .or_else(|| {
                        let table = (*standard)?;
                        let i = code.checked_sub(32)? as usize;
                        table.get(i).map(|w| f64::from(*w))
                    });
                match w {
                    Some(w) => w * scale,
                    None => estimate_width(decoded),
                }
            }
            Widths::Cid {
                default,
                widths,
                to_cid,
                cids_known,
            } => {
                let cid = match to_cid {
                    Some(map) => map.cid(code, len),
                    None if *cids_known => Some(code),
                    None => None,
                };
                match cid {
                    Some(cid) => widths.get(&cid).map_or(*default, |w| w / 1000.0),
                    None => estimate_width(decoded).min(*default),
                }
            }
        }
    }
}

fn legacy_decode(enc: &'static encoding_rs::Encoding, bytes: &[u8]) -> Option<String> {
    enc.decode_without_bom_handling_and_without_replacement(bytes)
        .map(|s| s.into_owned())
}

/// Width guess when the font gives none: CJK glyphs are square, others about half as wide.
fn estimate_width(decoded: &str) -> f64 {
    decoded
        .chars()
        .map(|c| if is_wide(c) { 1.0 } else { 0.5 })
        .sum::<f64>()
        .max(0.5)
}

fn is_wide(c: char) -> bool {
    matches!(c as u32,
        0x1100..=0x115F | 0x2E80..=0xA4CF | 0xAC00..=0xD7A3 | 0xF900..=0xFAFF
        | 0xFE30..=0xFE4F | 0xFF00..=0xFF60 | 0xFFE0..=0xFFE6 | 0x20000..=0x3FFFD)
}

/// (split, legacy decoder, whether codes are CIDs) for a predefined CMap name.
fn predefined_cmap(name: &[u8]) -> (Split, Legacy, bool) {
    let name = String::from_utf8_lossy(name);
    let n = name.as_ref();
    if n.starts_with("Identity") {
        (Split::Two, Legacy::None, true)
    } else if n.contains("UCS2") {
        (Split::Two, Legacy::Utf16, false)
    } else if n.contains("UTF16") {
        (Split::Utf16, Legacy::Utf16, false)
    } else if n.contains("UTF8") {
        (Split::Utf8, Legacy::Utf8, false)
    } else if n.starts_with("GBK2K") {
        (Split::Gb18030, Legacy::Gb18030, false)
    } else if n.starts_with("GBK") || n.starts_with("GBpc") || n.starts_with("GBT-EUC") {
        (Split::Lead(0x81, 0xFE), Legacy::Gb18030, false)
    } else if n.starts_with("GB-EUC") {
        (Split::Lead(0xA1, 0xFE), Legacy::Gb18030, false)
    } else if n == "GB-H" || n == "GB-V" || n.starts_with("GBT-") {
        (Split::Two, Legacy::Gb7, false)
    } else if n.contains("B5") {
        (Split::Lead(0x81, 0xFE), Legacy::Big5, false)
    } else if n.contains("RKSJ") {
        (Split::Ranges(sjis_ranges()), Legacy::ShiftJis, false)
    } else if n.starts_with("KSC") {
        (Split::Lead(0x81, 0xFE), Legacy::EucKr, false)
    } else {
        (Split::Two, Legacy::None, false)
    }
}

fn sjis_ranges() -> Vec<CodeRange> {
    vec![
        CodeRange::new(&[0x00], &[0x80]),
        CodeRange::new(&[0x81, 0x40], &[0x9F, 0xFC]),
        CodeRange::new(&[0xA0], &[0xDF]),
        CodeRange::new(&[0xE0, 0x40], &[0xFC, 0xFC]),
    ]
}

fn split_by_ranges(ranges: &[CodeRange], rest: &[u8]) -> usize {
    for len in 1..=4usize {
        if rest.len() < len {
            break;
        }
        if ranges.iter().any(|r| r.matches(&rest[..len])) {
            return len;
        }
    }
    // No range matches: take the shortest code length the CMap uses.
    ranges.iter().map(|r| r.len()).min().unwrap_or(1)
}

fn simple_table(enc: &Encoding) -> Vec<Option<String>> {
    (0u8..=255)
        .map(|b| enc.bytes_to_string(&[b]).ok().filter(|s| !s.is_empty()))
        .collect()
}

fn stream_bytes(stream: &Stream) -> Option<Vec<u8>> {
    stream
        .decompressed_content_with_limit(MAX_STREAM_BYTES)
        .ok()
}

fn parse_cid_widths(doc: &Document, w: &[Object], out: &mut HashMap<u32, f64>) {
    let deref = |o: &'_ Object| doc.dereference(o).ok().map(|(_, o)| o.clone());
    let mut i = 0;
    while i < w.len() {
        let Some(first) = deref(&w[i]).as_ref().and_then(num) else {
            break;
        };
        match w.get(i + 1).and_then(deref) {
            Some(Object::Array(list)) => {
                for (k, v) in list.iter().enumerate() {
                    if let Some(v) = deref(v).as_ref().and_then(num) {
                        out.insert((first as u32).saturating_add(k as u32), v);
                    }
                }
                i += 2;
            }
            Some(last) => {
                let (Some(last), Some(v)) = (
                    num(&last),
                    w.get(i + 2).and_then(deref).as_ref().and_then(num),
                ) else {
                    break;
                };
                // Cap so that a forged range cannot allocate without bound.
                let (lo, hi) = (
                    first as u32,
                    (last as u32).min((first as u32).saturating_add(0xFFFF)),
                );
                for cid in lo..=hi {
                    out.insert(cid, v);
                }
                i += 3;
            }
            None => break,
        }
    }
}

/// Widths of the standard Latin fonts for codes 32..=126, used when a
/// non-embedded standard font comes without a `/Widths` array.
fn standard_widths(base: &[u8]) -> Option<&'static [u16; 95]> {
    let name = String::from_utf8_lossy(base).to_ascii_lowercase();
    if name.contains("helvetica") || name.contains("arial") {
        Some(&HELVETICA)
    } else if name.contains("times") {
        Some(&TIMES)
    } else if name.contains("courier") {
        Some(&COURIER)
    } else {
        None
    }
}

#[rustfmt::skip]
static HELVETICA: [u16; 95] = [
    278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278, 556, 556, 556, 556,
    556, 556, 556, 556, 556, 556, 278, 278, 584, 584, 584, 556, 1015, 667, 667, 722, 722, 667, 611, 778,
    722, 278, 500, 667, 556, 833, 722, 778, 667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 278,
    278, 278, 469, 556, 333, 556, 556, 500, 556, 556, 278, 556, 556, 222, 222, 500, 222, 833, 556, 556,
    556, 556, 333, 500, 278, 556, 500, 722, 500, 500, 500, 334, 260, 334, 584,
];
#[rustfmt::skip]
static TIMES: [u16; 95] = [
    250, 333, 408, 500, 500, 833, 778, 180, 333, 333, 500, 564, 250, 333, 250, 278, 500, 500, 500, 500,
    500, 500, 500, 500, 500, 500, 278, 278, 564, 564, 564, 444, 921, 722, 667, 667, 722, 611, 556, 722,
    722, 333, 389, 722, 611, 889, 722, 722, 556, 722, 667, 556, 611, 722, 722, 944, 722, 722, 611, 333,
    278, 333, 469, 500, 333, 444, 500, 444, 500, 444, 333, 500, 500, 278, 278, 500, 278, 778, 500, 500,
    500, 500, 333, 389, 278, 500, 500, 722, 500, 500, 444, 480, 200, 480, 541,
];
static COURIER: [u16; 95] = [600; 95];

// ---------------------------------------------------------------------------
// CMap streams (/ToUnicode and embedded /Encoding CMaps)
// ---------------------------------------------------------------------------

#[derive(Clone)]
struct CodeRange {
    lo: [u8; 4],
    hi: [u8; 4],
    len: u8,
}

impl CodeRange {
    fn new(lo: &[u8], hi: &[u8]) -> CodeRange {
        let mut r = CodeRange {
            lo: [0; 4],
            hi: [0; 4],
            len: lo.len().min(4) as u8,
        };
        r.lo[..lo.len().min(4)].copy_from_slice(&lo[..lo.len().min(4)]);
        r.hi[..hi.len().min(4)].copy_from_slice(&hi[..hi.len().min(4)]);
        r
    }

    fn len(&self) -> usize {
        usize::from(self.len)
    }

    /// Codespace ranges compare byte by byte, not as numbers.
    fn matches(&self, code: &[u8]) -> bool {
        code.len() == self.len()
            && code
                .iter()
                .enumerate()
                .all(|(i, b)| (self.lo[i]..=self.hi[i]).contains(b))
    }
}

struct UniRange {
    lo: u32,
    hi: u32,
    len: u8,
    base: Vec<u16>,
}

#[derive(Default)]
struct CMap {
    codespace: Vec<CodeRange>,
    /// Key: code length in bytes << 32 | code.
    unicode: HashMap<u64, String>,
    unicode_ranges: Vec<UniRange>,
    cids: HashMap<u64, u32>,
    cid_ranges: Vec<(u32, u32, u8, u32)>,
    use_cmap: Option<Vec<u8>>,
}

fn key(code: u32, len: u8) -> u64 {
    (u64::from(len) << 32) | u64::from(code)
}

#[derive(Debug, Clone, PartialEq)]
enum Tok {
    Hex(Vec<u8>),
    Name(Vec<u8>),
    Word(Vec<u8>),
    Open,
    Close,
}

impl CMap {
    fn is_empty(&self) -> bool {
        self.unicode.is_empty() && self.unicode_ranges.is_empty()
    }

    fn unicode(&self, code: u32, len: u8) -> Option<Cow<'_, str>> {
        if let Some(s) = self.unicode.get(&key(code, len)) {
            return Some(Cow::Borrowed(s));
        }
        for r in &self.unicode_ranges {
            if r.len == len && (r.lo..=r.hi).contains(&code) {
                return Some(Cow::Owned(range_target(&r.base, code - r.lo)));
            }
        }
        // Some writers give one-byte codes two-byte keys, or the reverse.
        (1..=4u8)
            .filter(|l| *l != len)
            .find_map(|l| self.unicode.get(&key(code, l)))
            .map(|s| Cow::Borrowed(s.as_str()))
    }

    fn cid(&self, code: u32, len: u8) -> Option<u32> {
        if let Some(c) = self.cids.get(&key(code, len)) {
            return Some(*c);
        }
        self.cid_ranges
            .iter()
            .find(|(lo, hi, l, _)| *l == len && (*lo..=*hi).contains(&code))
            .map(|(lo, _, _, base)| base.saturating_add(code - lo))
    }

    fn parse(data: &[u8]) -> CMap {
        let toks = tokenize(data);
        let mut map = CMap::default();
        let mut expanded = 0u32;
        let mut i = 0;
        while i < toks.len() {
            let Tok::Word(w) = &toks[i] else {
                i += 1;
                continue;
            };
            let section_end: &[u8] = match w.as_slice() {
                b"begincodespacerange" => b"endcodespacerange",
                b"beginbfchar" => b"endbfchar",
                b"beginbfrange" => b"endbfrange",
                b"begincidchar" => b"endcidchar",
                b"begincidrange" => b"endcidrange",
                b"usecmap" => {
                    if let Some(Tok::Name(n)) = i.checked_sub(1).and_then(|j| toks.get(j)) {
                        map.use_cmap = Some(n.clone());
                    }
                    i += 1;
                    continue;
                }
                _ => {
                    i += 1;
                    continue;
                }
            };
            let begin = w.clone();
            let start = i + 1;
            let mut end = start;
            while end < toks.len() && toks[end] != Tok::Word(section_end.to_vec()) {
                end += 1;
            }
            let body = &toks[start..end];
            match begin.as_slice() {
                b"begincodespacerange" => {
                    for pair in body.chunks(2) {
                        if let [Tok::Hex(lo), Tok::Hex(hi)] = pair {
                            if !lo.is_empty() && lo.len() <= 4 && lo.len() == hi.len() {
                                map.codespace.push(CodeRange::new(lo, hi));
                            }
                        }
                    }
                }
                b"beginbfchar" => {
                    for pair in body.chunks(2) {
                        if let [Tok::Hex(src), Tok::Hex(dst)] = pair {
                            if let Some((code, len)) = code_of(src) {
                                map.unicode.insert(key(code, len), utf16be(dst));
                            }
                        }
                    }
                }
                b"beginbfrange" => map.parse_bfrange(body, &mut expanded),
                b"begincidchar" => {
                    for pair in body.chunks(2) {
                        if let [Tok::Hex(src), Tok::Word(cid)] = pair {
                            if let (Some((code, len)), Some(cid)) = (code_of(src), word_u32(cid)) {
                                map.cids.insert(key(code, len), cid);
                            }
                        }
                    }
                }
                _ => {
                    for triple in body.chunks(3) {
                        if let [Tok::Hex(lo), Tok::Hex(hi), Tok::Word(cid)] = triple {
                            if let (Some((lo, len)), Some((hi, _)), Some(cid)) =
                                (code_of(lo), code_of(hi), word_u32(cid))
                            {
                                if lo <= hi {
                                    map.cid_ranges.push((lo, hi, len, cid));
                                }
                            }
                        }
                    }
                }
            }
            i = end + 1;
        }
        map
    }

    fn parse_bfrange(&mut self, body: &[Tok], expanded: &mut u32) {
        let mut j = 0;
        while j + 2 < body.len() {
            let (Tok::Hex(lo), Tok::Hex(hi)) = (&body[j], &body[j + 1]) else {
                j += 1;
                continue;
            };
            let (Some((lo, len)), Some((hi, _))) = (code_of(lo), code_of(hi)) else {
                j += 3;
                continue;
            };
            match &body[j + 2] {
                Tok::Hex(dst) => {
                    if lo <= hi {
                        let base: Vec<u16> = dst
                            .chunks(2)
                            .map(|c| u16::from_be_bytes([c[0], c.get(1).copied().unwrap_or(0)]))
                            .collect();
                        let count = (hi - lo).saturating_add(1);
                        if expanded.saturating_add(count) <= MAX_RANGE_EXPANSION * 4
                            && count <= MAX_RANGE_EXPANSION
                        {
                            *expanded += count;
                            for k in 0..count {
                                self.unicode
                                    .insert(key(lo + k, len), range_target(&base, k));
                            }
                        } else {
                            self.unicode_ranges.push(UniRange { lo, hi, len, base });
                        }
                    }
                    j += 3;
                }
                Tok::Open => {
                    let mut k = j + 3;
                    let mut code = lo;
                    while k < body.len() && body[k] != Tok::Close {
                        if let Tok::Hex(dst) = &body[k] {
                            if code <= hi {
                                self.unicode.insert(key(code, len), utf16be(dst));
                            }
                            code = code.saturating_add(1);
                        }
                        k += 1;
                    }
                    j = k + 1;
                }
                _ => j += 3,
            }
        }
    }
}

/// bfrange destinations count up in their last UTF-16 unit.
fn range_target(base: &[u16], offset: u32) -> String {
    let mut units = base.to_vec();
    if let Some(last) = units.last_mut() {
        *last = last.wrapping_add(offset as u16);
    }
    String::from_utf16_lossy(&units)
}

fn code_of(bytes: &[u8]) -> Option<(u32, u8)> {
    if bytes.is_empty() || bytes.len() > 4 {
        return None;
    }
    let code = bytes.iter().fold(0u32, |acc, b| (acc << 8) | u32::from(*b));
    Some((code, bytes.len() as u8))
}

fn word_u32(w: &[u8]) -> Option<u32> {
    std::str::from_utf8(w).ok()?.parse().ok()
}

fn utf16be(bytes: &[u8]) -> String {
    let units: Vec<u16> = bytes
        .chunks(2)
        .map(|c| u16::from_be_bytes([c[0], c.get(1).copied().unwrap_or(0)]))
        .collect();
    String::from_utf16_lossy(&units)
}

fn tokenize(data: &[u8]) -> Vec<Tok> {
    let mut toks = Vec::new();
    let mut i = 0;
    let delim = |b: u8| b.is_ascii_whitespace() || b"()<>[]{}/%".contains(&b);
    while i < data.len() {
        let b = data[i];
        match b {
            b'%' => {
                while i < data.len() && data[i] != b'\n' && data[i] != b'\r' {
                    i += 1;
                }
            }
            b'<' if data.get(i + 1) == Some(&b'<') => i += 2,
            b'>' if data.get(i + 1) == Some(&b'>') => i += 2,
            b'<' => {
                let mut digits = Vec::new();
                i += 1;
                while i < data.len() && data[i] != b'>' {
                    if data[i].is_ascii_hexdigit() {
                        digits.push(data[i]);
                    }
                    i += 1;
                }
                i += 1;
                if digits.len() % 2 == 1 {
                    digits.push(b'0');
                }
                let bytes = digits
                    .chunks(2)
                    .map(|p| (hex_val(p[0]) << 4) | hex_val(p[1]))
                    .collect();
                toks.push(Tok::Hex(bytes));
            }
            b'[' => {
                toks.push(Tok::Open);
                i += 1;
            }
            b']' => {
                toks.push(Tok::Close);
                i += 1;
            }
            b'(' => {
                // Literal strings only appear in CMap headers; skip them,
                // nested parentheses and escapes included.
                let mut depth = 0usize;
                while i < data.len() {
                    match data[i] {
                        b'\\' => i += 1,
                        b'(' => depth += 1,
                        b')' => {
                            depth = depth.saturating_sub(1);
                            if depth == 0 {
                                i += 1;
                                break;
                            }
                        }
                        _ => {}
                    }
                    i += 1;
                }
            }
            b'/' => {
                let start = i + 1;
                i += 1;
                while i < data.len() && !delim(data[i]) {
                    i += 1;
                }
                toks.push(Tok::Name(data[start..i].to_vec()));
            }
            b if b.is_ascii_whitespace() || b"{}>)".contains(&b) => i += 1,
            _ => {
                let start = i;
                while i < data.len() && !delim(data[i]) {
                    i += 1;
                }
                toks.push(Tok::Word(data[start..i].to_vec()));
            }
        }
    }
    toks
}

fn hex_val(b: u8) -> u8 {
    match b {
        b'0'..=b'9' => b - b'0',
        b'a'..=b'f' => b - b'a' + 10,
        b'A'..=b'F' => b - b'A' + 10,
        _ => 0,
    }
}

// ---------------------------------------------------------------------------
// Page clean-up
// ---------------------------------------------------------------------------

/// Remove page headers/footers repeated on most pages, bare page numbers
/// ("2", "- 2 -", "第 2 页", "2 / 18") and report-generator template markers
/// ([Table_Summary] and the like) from the pages' text, keeping line breaks
/// otherwise.
///
/// A line counts as repeated when the same line, with digits masked (so
/// "第 3 页 / 共 5 页" matches "第 4 页 / 共 5 页"; see `line_key`) and whitespace ignored, is on
/// at least 40% of the pages (at least 3; with 2–4 pages, all pages but one
/// and at least 2).  Position on the page is not used: content order puts
/// headers and footers anywhere.
pub fn clean_pages(pages: &mut [PdfPage]) {
    let n = pages.len();
    let max_number = pages.iter().map(|p| p.number).max().unwrap_or(0);
    let threshold = match n {
        0 | 1 => usize::MAX,
        2..=4 => (n - 1).max(2),
        _ => n.saturating_mul(2).div_ceil(5).max(3),
    };
    let mut counts: HashMap<String, usize> = HashMap::new();
    for page in pages.iter() {
        let mut seen = HashSet::new();
        for line in page.text.lines() {
            let k = line_key(&strip_markers(line));
            if !k.is_empty() && seen.insert(k.clone()) {
                *counts.entry(k).or_default() += 1;
            }
        }
    }
    for page in pages.iter_mut() {
        let mut out = String::with_capacity(page.text.len());
        for line in page.text.lines() {
            let line = strip_markers(line);
            let t = line.trim();
            if t.is_empty() || is_page_number(t, max_number) {
                continue;
            }
            if counts
                .get(&line_key(&line))
                .is_some_and(|c| *c >= threshold)
            {
                continue;
            }
            out.push_str(line.trim_end());
            out.push('\n');
        }
        out.truncate(out.trim_end().len());
        page.text = out;
    }
}

/// Whitespace removed, ASCII lowercased, and runs of digits replaced by '#'
/// when there are at most three of them: enough for "第 3 页 / 共 5 页" next
/// to a date, while table rows, full of numbers, keep their digits and so
/// are not taken for a header repeated on every page.
fn line_key(line: &str) -> String {
    let is_digit = |c: char| c.is_ascii_digit() || ('０'..='９').contains(&c);
    let mut runs = 0;
    let mut prev_digit = false;
    for c in line.chars() {
        let d = is_digit(c);
        if d && !prev_digit {
            runs += 1;
        }
        prev_digit = d;
    }
    let mask = runs <= 3;
    let mut k = String::with_capacity(line.len());
    for c in line.chars() {
        if c.is_whitespace() {
            continue;
        }
        if mask && is_digit(c) {
            if !k.ends_with('#') {
                k.push('#');
            }
        } else {
            k.push(c.to_ascii_lowercase());
        }
    }
    k
}

fn strip_markers(line: &str) -> String {
    if !line.contains('[') {
        return line.to_string();
    }
    let mut out = String::with_capacity(line.len());
    let mut rest = line;
    while let Some(i) = rest.find('[') {
        out.push_str(&rest[..i]);
        let after = &rest[i + 1..];
        if let Some(j) = after.find(']') {
            if is_marker(&after[..j]) {
                rest = &after[j + 1..];
                continue;
            }
        }
        out.push('[');
        rest = after;
    }
    out.push_str(rest);
    out
}

/// Template field names such as Table_Summary, table_research, TableTitle.
fn is_marker(inner: &str) -> bool {
    let inner = inner.trim();
    (3..=40).contains(&inner.len())
        && inner.starts_with(|c: char| c.is_ascii_alphabetic())
        && inner.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
        && (inner.contains('_') || inner.to_ascii_lowercase().starts_with("table"))
}

fn is_page_number(line: &str, max_number: u32) -> bool {
    // Whitespace goes, except between two digits ("1 2" is not a number).
    let mut squeezed = String::with_capacity(line.len());
    let mut gap = false;
    for c in line.chars() {
        if c.is_whitespace() {
            gap = true;
            continue;
        }
        if gap && c.is_ascii_digit() && squeezed.ends_with(|p: char| p.is_ascii_digit()) {
            squeezed.push('~');
        }
        gap = false;
        squeezed.push(c.to_ascii_lowercase());
    }
    let core = squeezed.trim_matches(|c: char| "-–—_·•.|()[]（）【】<>《》".contains(c));
    let mut shape = String::new();
    let mut numbers: Vec<u64> = Vec::new();
    for c in core.chars() {
        if let Some(d) = c.to_digit(10) {
            if shape.ends_with('#') {
                if let Some(last) = numbers.last_mut() {
                    *last = last.saturating_mul(10).saturating_add(u64::from(d));
                }
            } else {
                shape.push('#');
                numbers.push(u64::from(d));
            }
        } else {
            shape.push(match c {
                '／' => '/',
                '，' | '、' => ',',
                c => c,
            });
        }
    }
    let first = numbers.first().copied().unwrap_or(0);
    let plausible = first >= 1 && first <= u64::from(max_number) + 10;
    match shape.as_str() {
        "#" => plausible,
        "#/#" | "#of#" => plausible && numbers.get(1).is_some_and(|t| *t >= first),
        "第#页" | "第#页/共#页" | "第#页,共#页" | "第#页共#页" | "#页" | "page#" | "page#of#"
        | "p#" | "p.#" => true,
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const CID: &[u8] = include_bytes!("../../tests/fixtures/pdf/report_cid.pdf");
    const TTF: &[u8] = include_bytes!("../../tests/fixtures/pdf/report_ttf.pdf");
    const TYPE0: &[u8] = include_bytes!("../../tests/fixtures/pdf/report_type0.pdf");
    const OWNER: &[u8] = include_bytes!("../../tests/fixtures/pdf/encrypted_owner.pdf");
    const USER: &[u8] = include_bytes!("../../tests/fixtures/pdf/encrypted_user.pdf");
    const TRUNCATED: &[u8] = include_bytes!("../../tests/fixtures/pdf/truncated.pdf");
    const TRUNCATED_EARLY: &[u8] = include_bytes!("../../tests/fixtures/pdf/truncated_early.pdf");
    const SCANNED: &[u8] = include_bytes!("../../tests/fixtures/pdf/scanned.pdf");

    fn squeeze(s: &str) -> String {
        s.chars().filter(|c| !c.is_whitespace()).collect()
    }

    fn all_text(pages: &[PdfPage]) -> String {
        squeeze(
            &pages
                .iter()
                .map(|p| p.text.as_str())
                .collect::<Vec<_>>()
                .join("\n"),
        )
    }

    const SENTENCES: &[&str] = &[
        "贵州茅台（600519.SH）公司点评：渠道改革成效显现，业绩稳健增长",
        "大模型DeepSeek-R1的开源显著降低了推理成本，我们预计算力需求将从训练侧向推理侧迁移。",
        "公司2024年实现营业收入1708.99亿元，同比增长15.7%；归母净利润862.28亿元，同比增长15.4%。",
        "维持“买入”评级，目标价1850元，对应2025年PE为24倍。",
        "春节旺季动销数据显示，高端白酒批价保持平稳，库存处于合理区间。",
        "DeepSeek-R1、Qwen2.5等模型在投研场景中的使用率明显上升。",
        "左栏：从估值角度看，当前股价对应的市盈率处于近五年的较低分位，安全边际较为充足。",
        "右栏：风险提示包括宏观经济下行风险、行业竞争加剧风险，以及食品安全风险。",
        "投资评级说明：以报告发布日后6个月内的公司股价相对沪深300指数的涨跌幅为基准。",
    ];

    fn check_report(bytes: &[u8]) -> Vec<PdfPage> {
        let pages = extract_pages(bytes).expect("extracts");
        assert_eq!(
            pages.iter().map(|p| p.number).collect::<Vec<_>>(),
            vec![1, 2, 3, 4, 5]
        );
        let text = all_text(&pages);
        for s in SENTENCES {
            assert!(text.contains(s), "missing {s:?} in {text}");
        }
        // Page-level placement: the table is on page 3 only.
        assert!(squeeze(&pages[2].text).contains("归母净利润（亿元）862.28975.101089.60"));
        assert!(!squeeze(&pages[1].text).contains("归母净利润（亿元）"));
        pages
    }

    #[test]
    fn predefined_cid_font_without_tounicode() {
        let pages = check_report(CID);
        assert!(pages[0].text.contains("- 1 -"));
        // The title is drawn twice, 0.3 pt apart (fake bold): kept once.
        assert_eq!(pages[0].text.matches("渠道改革成效显现").count(), 1);
        // Header and a 45° watermark live in a form XObject drawn on each
        // page; the rotated string stays on one line.
        for page in &pages {
            assert!(page.text.starts_with("XX证券研究报告 公司点评｜食品饮料\n"));
            assert!(page.text.lines().any(|l| l == "仅供内部参考"));
        }
    }

    #[test]
    fn embedded_truetype_subset_with_tounicode() {
        let pages = check_report(TTF);
        // Latin runs are in another font: they must not split words.
        assert!(pages[0].text.contains("DeepSeek-R1"));
        assert!(pages[0].text.contains("600519.SH"));
    }

    #[test]
    fn type0_identity_h_with_tounicode() {
        check_report(TYPE0);
    }

    #[test]
    fn table_cells_are_separated_and_rows_are_lines() {
        let pages = extract_pages(TTF).unwrap();
        assert!(pages[2]
            .text
            .lines()
            .any(|l| l.trim() == "每股收益（元） 68.64 77.62 86.74"));
        assert!(pages[2]
            .text
            .lines()
            .any(|l| l.trim() == "指标 2024A 2025E 2026E"));
    }

    #[test]
    fn columns_are_not_interleaved() {
        // Each column's lines stay together, in content order.
        let pages = extract_pages(TTF).unwrap();
        let page = squeeze(&pages[3].text);
        let right = page.find("右栏：风险提示").unwrap();
        let right_end = page.find("盈利预测存在下调可能。").unwrap();
        let left = page.find("左栏：从估值角度看").unwrap();
        assert!(right < right_end && (right_end < left || left + 80 < right));
    }

    #[test]
    fn clean_pages_removes_headers_footers_numbers_markers() {
        for bytes in [CID, TTF, TYPE0] {
            let mut pages = extract_pages(bytes).unwrap();
            clean_pages(&mut pages);
            let text = all_text(&pages);
            for gone in [
                "XX证券研究报告",
                "公司点评｜食品饮料",
                "请务必阅读",
                "第1页",
                "共5页",
                "-1-",
                "[Table_",
                "Table_Summary",
                "仅供内部参考",
            ] {
                assert!(!text.contains(gone), "{gone:?} left in {text}");
            }
            for s in SENTENCES {
                assert!(text.contains(s), "clean_pages removed {s:?}");
            }
            assert!(text.contains("资料来源：公司公告，XX证券研究所（数据为虚构）"));
            assert_eq!(pages.len(), 5);
            // Line breaks inside the body survive.
            assert!(pages[1].text.lines().count() >= 4);
        }
    }

    #[test]
    fn owner_password_only_is_read() {
        let pages = check_report(OWNER);
        assert_eq!(pages.len(), 5);
    }

    #[test]
    fn user_password_is_encrypted_error() {
        assert_eq!(extract_pages(USER), Err(PdfError::Encrypted));
        assert_eq!(
            PdfError::Encrypted.to_string(),
            "encrypted PDF (needs a password)"
        );
    }

    #[test]
    fn truncated_file_gives_the_pages_that_survived() {
        // Cut inside page 3's content: pages 1-2 whole, 3-5 empty.
        let pages = extract_pages(TRUNCATED).unwrap();
        assert_eq!(pages.len(), 5);
        assert!(squeeze(&pages[0].text).contains(SENTENCES[1]));
        assert!(squeeze(&pages[1].text).contains(SENTENCES[4]));
        assert!(pages[3].text.is_empty() && pages[4].text.is_empty());
    }

    #[test]
    fn truncated_before_any_content_is_damaged() {
        let err = extract_pages(TRUNCATED_EARLY).unwrap_err();
        assert!(matches!(err, PdfError::Damaged(_)), "{err:?}");
        assert!(err.to_string().starts_with("damaged PDF: "));
    }

    #[test]
    fn image_only_pages_are_no_text() {
        assert_eq!(extract_pages(SCANNED), Err(PdfError::NoText));
    }

    #[test]
    fn garbage_input_never_panics() {
        assert!(matches!(extract_pages(b""), Err(PdfError::Unsupported(_))));
        assert!(matches!(
            extract_pages(b"hello"),
            Err(PdfError::Unsupported(_))
        ));
        assert!(extract_pages(b"%PDF-1.4\n").is_err());
        // Every prefix and some bit flips of a real file: any result but a panic.
        for cut in (0..TTF.len()).step_by(997) {
            let _ = extract_pages(&TTF[..cut]);
        }
        let mut flipped = TYPE0.to_vec();
        for i in (0..flipped.len()).step_by(101) {
            flipped[i] ^= 0x5A;
        }
        let _ = extract_pages(&flipped);
    }

    /// A one-page PDF: content stream, font F1 (object 5), a form X1 that
    /// draws "Hello" and then itself, and any extra objects from 7 on.
    fn tiny_pdf(content: &[u8], font: &str, extra: &[&str]) -> Vec<u8> {
        let form = b"BT /F1 12 Tf 72 100 Td (Hello) Tj ET /X1 Do".to_vec();
        let res = "/Resources << /Font << /F1 5 0 R >> /XObject << /X1 6 0 R >> >>";
        let mut objects: Vec<Vec<u8>> = vec![
            b"<< /Type /Catalog /Pages 2 0 R >>".to_vec(),
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_vec(),
            format!(
                "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] {res} /Contents 4 0 R >>"
            )
            .into_bytes(),
        ];
        let stream = |dict: String, data: &[u8]| {
            let mut o = format!("<< {dict} /Length {} >>\nstream\n", data.len()).into_bytes();
            o.extend_from_slice(data);
            o.extend_from_slice(b"\nendstream");
            o
        };
        objects.push(stream(String::new(), content));
        objects.push(font.as_bytes().to_vec());
        objects.push(stream(
            format!("/Type /XObject /Subtype /Form /BBox [0 0 595 842] {res}"),
            &form,
        ));
        objects.extend(extra.iter().map(|e| e.as_bytes().to_vec()));
        let mut out = b"%PDF-1.7\n".to_vec();
        let mut offsets = Vec::new();
        for (i, o) in objects.iter().enumerate() {
            offsets.push(out.len());
            out.extend_from_slice(format!("{} 0 obj\n", i + 1).as_bytes());
            out.extend_from_slice(o);
            out.extend_from_slice(b"\nendobj\n");
        }
        let xref = out.len();
        out.extend_from_slice(
            format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1).as_bytes(),
        );
        for off in offsets {
            out.extend_from_slice(format!("{off:010} 00000 n \n").as_bytes());
        }
        out.extend_from_slice(
            format!(
                "trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n",
                objects.len() + 1
            )
            .as_bytes(),
        );
        out
    }

    const HELVETICA_F1: &str =
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>";

    #[test]
    fn self_drawing_form_drawn_many_times_ends() {
        let content = "q /X1 Do Q\n".repeat(20_000);
        let start = std::time::Instant::now();
        let pages = extract_pages(&tiny_pdf(content.as_bytes(), HELVETICA_F1, &[])).unwrap();
        // Drawn 20,000 times at one spot: kept once.
        assert_eq!(pages[0].text, "Hello");
        assert!(start.elapsed().as_secs() < 30);
    }

    #[test]
    fn tj_gaps_become_spaces_and_kerning_does_not() {
        let content = b"BT /F1 10 Tf 72 700 Td [(Deep) -30 (Seek) -20 (-R1) -300 (model)] TJ \
                        0 -14 Td (next line) Tj ET";
        let pages = extract_pages(&tiny_pdf(content, HELVETICA_F1, &[])).unwrap();
        assert_eq!(pages[0].text, "DeepSeek-R1 model\nnext line");
    }

    #[test]
    fn gbk_cmap_without_tounicode_end_to_end() {
        let font = "<< /Type /Font /Subtype /Type0 /BaseFont /SimSun /Encoding /GBK-EUC-H \
                    /DescendantFonts [7 0 R] >>";
        let cid = "<< /Type /Font /Subtype /CIDFontType0 /BaseFont /SimSun \
                   /CIDSystemInfo << /Registry (Adobe) /Ordering (GB1) /Supplement 2 >> /DW 1000 >>";
        // "研报 600519.SH" in GBK, as a hex string.
        let content = b"BT /F1 12 Tf 72 700 Td <D1D0B1A8203630303531392E5348> Tj ET";
        let pages = extract_pages(&tiny_pdf(content, font, &[cid])).unwrap();
        assert_eq!(pages[0].text, "研报 600519.SH");
    }

    #[test]
    fn identity_h_without_tounicode_is_no_text() {
        let font = "<< /Type /Font /Subtype /Type0 /BaseFont /ABCDEF+SimSun /Encoding /Identity-H \
                    /DescendantFonts [7 0 R] >>";
        let cid = "<< /Type /Font /Subtype /CIDFontType2 /BaseFont /ABCDEF+SimSun \
                   /CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> >>";
        let content = b"BT /F1 12 Tf 72 700 Td <0012003400560078009A00BC> Tj ET";
        assert_eq!(
            extract_pages(&tiny_pdf(content, font, &[cid])),
            Err(PdfError::NoText)
        );
    }

    #[test]
    fn cmap_parsing() {
        let cmap = CMap::parse(
            b"/CIDInit /ProcSet findresource begin 1 begincodespacerange <0000> <FFFF> endcodespacerange\n\
              2 beginbfchar <0003> <0020> <0A1B> <4E2D> endbfchar\n\
              2 beginbfrange <0010> <0012> <6587> <0020> <0021> [<0041> <D835DC00>] endbfrange\n\
              1 begincidrange <8140> <817E> 633 endcidrange",
        );
        assert_eq!(cmap.unicode(0x0A1B, 2).as_deref(), Some("中"));
        assert_eq!(cmap.unicode(0x0010, 2).as_deref(), Some("文"));
        assert_eq!(cmap.unicode(0x0012, 2).as_deref(), Some("斉"));
        assert_eq!(cmap.unicode(0x0021, 2).as_deref(), Some("𝐀"));
        assert!(cmap.unicode(0x0099, 2).is_none());
        assert_eq!(cmap.cid(0x8141, 2), Some(634));
        assert_eq!(split_by_ranges(&cmap.codespace, &[0x12, 0x34]), 2);
        // Ranges as wide as the code space are kept as ranges, not expanded.
        let wide = CMap::parse(b"1 beginbfrange <00000000> <FFFFFFFF> <0041> endbfrange");
        assert_eq!(wide.unicode(0x0000_0001, 4).as_deref(), Some("B"));
        let wide = CMap::parse(b"1 begincidrange <00000000> <FFFFFFFF> 4294967295 endcidrange");
        assert_eq!(wide.cid(0xFFFF_FFFF, 4), Some(u32::MAX));
    }

    #[test]
    fn legacy_cmaps_decode() {
        let mut out = String::new();
        let (split, legacy, _) = predefined_cmap(b"GBK-EUC-H");
        let font = Font {
            split,
            to_unicode: None,
            simple: None,
            legacy,
            widths: Widths::Cid {
                default: 1.0,
                widths: HashMap::new(),
                to_cid: None,
                cids_known: false,
            },
        };
        // "研报A" in GBK.
        for (code, len) in font.codes(&[0xD1, 0xD0, 0xB1, 0xA8, b'A']) {
            font.decode(code, len, &mut out);
        }
        assert_eq!(out, "研报A");
    }

    #[test]
    fn page_numbers() {
        for yes in [
            "2",
            "- 2 -",
            "— 12 —",
            "第 2 页",
            "第2页 / 共18页",
            "2 / 18",
            "Page 3 of 9",
            "·3·",
        ] {
            assert!(is_page_number(yes, 18), "{yes}");
        }
        for no in ["2024", "15.7%", "第一章", "2/1", "68.64", "1 2", "表1"] {
            assert!(!is_page_number(no, 18), "{no}");
        }
    }

    #[test]
    fn markers() {
        assert_eq!(strip_markers("[Table_Summary] 本报告"), " 本报告");
        assert_eq!(strip_markers("见[1]与[table_main]"), "见[1]与");
        assert_eq!(strip_markers("[DeepSeek] [a_b"), "[DeepSeek] [a_b");
    }

    #[test]
    fn clean_pages_keeps_body_repeated_on_few_pages() {
        let mut pages: Vec<PdfPage> = (1..=10)
            .map(|n| PdfPage {
                number: n,
                text: format!(
                    "某证券 行业深度\n正文{}段。\n营业收入 {n}.1 2.{n} 3{n}.5 4.8\n{}\n第 {n} 页 共 10 页",
                    "甲乙丙丁戊己庚辛壬癸".chars().nth(n as usize - 1).unwrap_or('子'),
                    if n <= 3 { "风险提示：竞争加剧。" } else { "其他" }
                ),
            })
            .collect();
        clean_pages(&mut pages);
        assert_eq!(
            pages[0].text,
            "正文甲段。\n营业收入 1.1 2.1 31.5 4.8\n风险提示：竞争加剧。"
        );
        // "其他" is on 7 of 10 pages: it counts as repeated.
        assert_eq!(pages[5].text, "正文己段。\n营业收入 6.1 2.6 36.5 4.8");
    }
}
