//! CMap streams: a font's `/ToUnicode` map (codes to Unicode text) and an
//! embedded `/Encoding` CMap (codespace ranges that cut strings into codes,
//! codes to CIDs), parsed with a tokenizer of their own that skips what
//! text extraction does not need.
//!
//! A range too large to expand (see `MAX_RANGE_EXPANSION`) is kept as a
//! range and looked up as one.

use std::borrow::Cow;
use std::collections::HashMap;

use super::document::MAX_RANGE_EXPANSION;

/// A codespace range: the codes of `len` bytes whose every byte lies
/// between the corresponding bytes of `lo` and `hi`.
#[derive(Clone)]
pub(super) struct CodeRange {
    lo: [u8; 4],
    hi: [u8; 4],
    len: u8,
}

impl CodeRange {
    pub(super) fn new(lo: &[u8], hi: &[u8]) -> CodeRange {
        let mut r = CodeRange {
            lo: [0; 4],
            hi: [0; 4],
            len: lo.len().min(4) as u8,
        };
        r.lo[..lo.len().min(4)].copy_from_slice(&lo[..lo.len().min(4)]);
        r.hi[..hi.len().min(4)].copy_from_slice(&hi[..hi.len().min(4)]);
        r
    }

    pub(super) fn len(&self) -> usize {
        usize::from(self.len)
    }

    /// Codespace ranges compare byte by byte, not as numbers.
    pub(super) fn matches(&self, code: &[u8]) -> bool {
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

/// A parsed CMap stream.
#[derive(Default)]
pub(super) struct CMap {
    pub(super) codespace: Vec<CodeRange>,
    /// Key: code length in bytes << 32 | code.
    unicode: HashMap<u64, String>,
    unicode_ranges: Vec<UniRange>,
    pub(super) cids: HashMap<u64, u32>,
    pub(super) cid_ranges: Vec<(u32, u32, u8, u32)>,
    pub(super) use_cmap: Option<Vec<u8>>,
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
    /// No Unicode mapping at all.
    pub(super) fn is_empty(&self) -> bool {
        self.unicode.is_empty() && self.unicode_ranges.is_empty()
    }

    pub(super) fn unicode(&self, code: u32, len: u8) -> Option<Cow<'_, str>> {
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

    pub(super) fn cid(&self, code: u32, len: u8) -> Option<u32> {
        if let Some(c) = self.cids.get(&key(code, len)) {
            return Some(*c);
        }
        self.cid_ranges
            .iter()
            .find(|(lo, hi, l, _)| *l == len && (*lo..=*hi).contains(&code))
            .map(|(lo, _, _, base)| base.saturating_add(code - lo))
    }

    pub(super) fn parse(data: &[u8]) -> CMap {
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pdf::fonts::split_by_ranges;

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
}
