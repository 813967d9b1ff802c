//! The content-stream interpreter: runs a page's operators (graphics and
//! text state, text matrices, strings shown, form XObjects drawn), works out
//! where each string starts and ends on the page, and hands the positioned
//! strings to the line assembler in `layout`.
//!
//! Only what places text is followed; paths, images and colours are
//! skipped.  The work per page and the nesting of forms are bounded.

use std::collections::HashMap;
use std::rc::Rc;

use lopdf::content::Content;
use lopdf::{Dictionary, Document, Object, ObjectId};

use super::document::{MAX_FORM_DEPTH, MAX_OPS_PER_PAGE, MAX_PAGE_TEXT, MAX_STREAM_BYTES};
use super::fonts::Font;
use super::layout::Sink;

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

pub(super) fn num(o: &Object) -> Option<f64> {
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

/// The fonts loaded so far, shared by the pages of one document.
#[derive(Default)]
pub(super) struct FontCache {
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

/// The text of one page, as lines.
pub(super) fn page_text(doc: &Document, page_id: ObjectId, fonts: &mut FontCache) -> String {
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
            if self.ops > MAX_OPS_PER_PAGE || self.sink.text_len() > MAX_PAGE_TEXT {
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
