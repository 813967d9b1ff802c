//! Fonts: how a font's strings are cut into codes, what Unicode text each
//! code stands for, and how far each code advances the pen.
//!
//! Codes map to text through the font's `/ToUnicode` CMap when it has one,
//! else through a simple font's `/Encoding`, else through the legacy
//! encoding (GBK, Big5, Shift-JIS...) that a predefined CJK CMap's name
//! implies.  Widths come from `/Widths`, a CID font's `/W`, the standard
//! fonts' metrics, or a guess from the decoded text.

use std::collections::HashMap;

use lopdf::{Dictionary, Document, Encoding, Object, Stream};

use super::cmap::{CMap, CodeRange};
use super::document::MAX_STREAM_BYTES;
use super::interpreter::num;

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

/// A font as text extraction needs it, loaded once per document.
pub(super) struct Font {
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
    pub(super) fn load(doc: &Document, dict: &Dictionary) -> Font {
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

    /// Cuts a string into (code, length in bytes) pairs.
    pub(super) fn codes<'b>(&'b self, bytes: &'b [u8]) -> impl Iterator<Item = (u32, u8)> + 'b {
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

    /// Appends the text of one code, or U+FFFD when nothing maps it.
    pub(super) fn decode(&self, code: u32, len: u8, out: &mut String) {
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
    pub(super) fn width(&self, code: u32, len: u8, decoded: &str) -> f64 {
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

pub(super) fn split_by_ranges(ranges: &[CodeRange], rest: &[u8]) -> usize {
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

#[cfg(test)]
mod tests {
    use super::*;

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
}
