//! The one text normalization used at index time and at query time.
//!
//! Rules, in order: Unicode NFKC; Latin letters lowercased; a run of
//! whitespace with a CJK character on either side is removed (PDF line
//! breaks inside Chinese are not word breaks); a run of whitespace that
//! holds a line break, follows a hyphen or a dot that itself follows a
//! Latin letter or digit, and precedes a Latin letter or digit, is removed
//! (a PDF line break inside a Latin word or code: `DeepSeek-⏎R1` is
//! `deepseek-r1`, `0700.⏎HK` is `0700.hk`); any other run of whitespace
//! becomes one space.
//!
//! Besides the plain [`normalize`], [`normalize_with_map`] records for every
//! normalized character the byte range of the source text it came from, so
//! that a match found in normalized text can be reported as the report
//! writes it (line, column, original characters).

use unicode_normalization::char::{canonical_combining_class, decompose_compatible};
use unicode_normalization::{is_nfkc_quick, IsNormalized, UnicodeNormalization};

// The character classes live in `chars`; their old home keeps the paths working.
pub(crate) use super::chars::{is_alphanumeric, is_cjk, is_common_han, is_han};

/// [`is_cjk`] as the whitespace rule applies it to normalized text. A
/// combining mark never counts: removing whitespace before it could let it
/// compose with the previous character, and normalization would not be
/// idempotent.
pub fn is_cjk_for_spacing(c: char) -> bool {
    is_cjk(c) && (is_inert(c) || canonical_combining_class(c) == 0)
}

/// Lowercases Latin letters only (ASCII and the Latin extension blocks);
/// other scripts keep their case, as the normalization rule says.
fn lower_latin(c: char) -> char {
    if c.is_ascii() {
        return c.to_ascii_lowercase();
    }
    if matches!(c as u32, 0x00C0..=0x024F | 0x1E00..=0x1EFF | 0x2C60..=0x2C7F | 0xA720..=0xA7FF) {
        let mut lower = c.to_lowercase();
        if let (Some(l), None) = (lower.next(), lower.next()) {
            return l;
        }
    }
    c
}

/// Characters that NFKC leaves unchanged and that never combine with a
/// neighbour: the fast path covering nearly all report text.
fn is_inert(c: char) -> bool {
    c.is_ascii() || matches!(c as u32, 0x4E00..=0x9FFF | 0x3400..=0x4DBF | 0x3001..=0x3002)
}

/// True when NFKC of the text can be computed separately on both sides of
/// a split just before `c`: `c` is a starter that cannot compose with what
/// precedes it.
pub fn is_nfkc_boundary(c: char) -> bool {
    if is_inert(c) {
        return true;
    }
    if canonical_combining_class(c) != 0 || is_nfkc_quick(std::iter::once(c)) == IsNormalized::Maybe
    {
        return false;
    }
    // A starter whose compatibility decomposition begins with a combining
    // mark (Tibetan vowel signs, half-width voiced sound marks) joins what
    // precedes it.
    let mut first = None;
    decompose_compatible(c, |d| {
        first.get_or_insert(d);
    });
    first.is_none_or(|d| canonical_combining_class(d) == 0)
}

/// Receives normalized characters with the byte range of their source.
trait Sink {
    fn push(&mut self, c: char, src_start: u32, src_end: u32);

    /// Pushes `run`, characters for which [`inert_run_end`] holds, that
    /// start at byte `src_start` of the source: each normalizes to itself
    /// (ASCII lowercased) and comes from its own bytes.
    fn push_inert(&mut self, run: &str, src_start: u32);
}

impl Sink for String {
    fn push(&mut self, c: char, _: u32, _: u32) {
        String::push(self, c);
    }

    fn push_inert(&mut self, run: &str, _: u32) {
        let from = self.len();
        self.push_str(run);
        self[from..].make_ascii_lowercase();
    }
}

/// The whitespace stage: decides for each whitespace run whether it
/// disappears or becomes one space.
struct Collapse<'s, S: Sink> {
    sink: &'s mut S,
    prev_is_cjk: bool,
    /// Source range of the whitespace run waiting for its next character,
    /// and whether it holds a line break.
    pending_ws: Option<(u32, u32, bool)>,
    /// The last two characters given to the sink (`'\0'` before any).
    last: char,
    before_last: char,
}

impl<'s, S: Sink> Collapse<'s, S> {
    fn new(sink: &'s mut S) -> Collapse<'s, S> {
        Collapse {
            sink,
            prev_is_cjk: false,
            pending_ws: None,
            last: '\0',
            before_last: '\0',
        }
    }

    fn push(&mut self, c: char, start: u32, end: u32) {
        if c.is_whitespace() {
            let brk = is_line_break(c);
            self.pending_ws = Some(match self.pending_ws {
                Some((s, _, b)) => (s, end, b || brk),
                None => (start, end, brk),
            });
            return;
        }
        let cjk = is_cjk_for_spacing(c);
        if let Some((s, e, brk)) = self.pending_ws.take() {
            // A PDF line break after the hyphen or dot of a Latin word or
            // code (`DeepSeek-⏎R1`, `0700.⏎HK`) joins its two halves.
            let broken_word = brk
                && matches!(self.last, '-' | '.')
                && is_latin_alnum(self.before_last)
                && is_latin_alnum(c);
            if !(self.prev_is_cjk || cjk || broken_word) {
                self.emit(' ', s, e);
            }
        }
        self.emit(c, start, end);
        self.prev_is_cjk = cjk;
    }

    fn emit(&mut self, c: char, start: u32, end: u32) {
        self.sink.push(c, start, end);
        self.before_last = self.last;
        self.last = c;
    }

    /// A run given to the sink directly: its last character is the one
    /// the whitespace rules look back at.
    fn pushed_run(&mut self, run: &str) {
        if let Some(c) = run.chars().next_back() {
            self.last = c.to_ascii_lowercase();
        }
    }

    fn finish(&mut self) {
        if let Some((s, e, _)) = self.pending_ws.take() {
            if !self.prev_is_cjk {
                self.emit(' ', s, e);
            }
        }
    }
}

/// Characters that end a line.
fn is_line_break(c: char) -> bool {
    matches!(
        c,
        '\n' | '\r' | '\u{b}' | '\u{c}' | '\u{85}' | '\u{2028}' | '\u{2029}'
    )
}

/// Latin letters and digits (after lowercasing), on either side of a
/// line break that the Latin-word rule removes.
fn is_latin_alnum(c: char) -> bool {
    c.is_ascii_alphanumeric() || matches!(c as u32, 0x00C0..=0x024F | 0x1E00..=0x1EFF)
}

/// What normalization does with one character, as [`class_of`] returns it.
const CLASS_KNOWN: u32 = 1 << 31;
/// The character is an NFKC boundary (see [`is_nfkc_boundary`]).
const CLASS_BOUNDARY: u32 = 1 << 30;
/// A chunk of this character alone normalizes to exactly one character,
/// held in the low 21 bits.
const CLASS_SINGLE: u32 = 1 << 29;
const CLASS_CHAR: u32 = (1 << 21) - 1;

/// [`class_of`] per BMP character, computed on first use. Full-width
/// punctuation and digits, curly quotes and the like make up a tenth of
/// report text: looking them up in the Unicode tables each time cost more
/// than everything else in normalization.
static BMP_CLASS: [std::sync::atomic::AtomicU32; 0x10000] =
    [const { std::sync::atomic::AtomicU32::new(0) }; 0x10000];

fn class_of(c: char) -> u32 {
    use std::sync::atomic::Ordering::Relaxed;
    let u = c as usize;
    let Some(slot) = BMP_CLASS.get(u) else {
        return compute_class(c);
    };
    let v = slot.load(Relaxed);
    if v != 0 {
        return v;
    }
    // Two threads computing the same entry store the same value.
    let v = compute_class(c);
    slot.store(v, Relaxed);
    v
}

fn compute_class(c: char) -> u32 {
    let mut v = CLASS_KNOWN;
    if is_nfkc_boundary(c) {
        v |= CLASS_BOUNDARY;
    }
    let mut out = Vec::new();
    normalize_chunk(&[c], &mut |n| out.push(n));
    if let [n] = out[..] {
        v |= CLASS_SINGLE | n as u32;
    }
    v
}

/// NFKC of one chunk (a boundary character and what may combine with it),
/// Latin letters lowercased.
fn normalize_chunk(chunk: &[char], emit: &mut dyn FnMut(char)) {
    // Lowercasing may let a letter compose with a following mark (W + ring
    // is not precomposed, w + ring is): compose again so that normalizing
    // twice changes nothing.
    let lowered: Vec<char> = chunk.iter().copied().nfkc().map(lower_latin).collect();
    for n in lowered.into_iter().nfc() {
        emit(n);
    }
}

/// The NFKC stage: the current chunk, its first character with its start
/// byte and its normalization when it stands alone, then the characters that
/// may combine with it (nearly always none).
#[derive(Default)]
struct Chunker {
    first: Option<(char, u32, Option<char>)>,
    marks: Vec<char>,
}

impl Chunker {
    /// Character `c`, which starts at byte `i`.
    fn push<S: Sink>(&mut self, c: char, i: u32, out: &mut Collapse<S>) {
        let (boundary, alone) = if is_inert(c) {
            (true, Some(lower_latin(c)))
        } else {
            let v = class_of(c);
            let alone = (v & CLASS_SINGLE != 0)
                .then(|| char::from_u32(v & CLASS_CHAR))
                .flatten();
            (v & CLASS_BOUNDARY != 0, alone)
        };
        if boundary || self.first.is_none() {
            self.flush(i, out);
            self.first = Some((c, i, alone));
        } else {
            self.marks.push(c);
        }
    }

    /// Emits the current chunk, which ends at byte `end`.
    fn flush<S: Sink>(&mut self, end: u32, out: &mut Collapse<S>) {
        let Some((c, start, alone)) = self.first.take() else {
            return;
        };
        match alone {
            Some(n) if self.marks.is_empty() => out.push(n, start, end),
            _ => {
                self.marks.insert(0, c);
                normalize_chunk(&self.marks, &mut |n| out.push(n, start, end));
            }
        }
        self.marks.clear();
    }
}

fn run<S: Sink>(text: &str, sink: &mut S) {
    debug_assert!(text.len() <= u32::MAX as usize);
    let mut out = Collapse::new(sink);
    let mut chunker = Chunker::default();
    let bytes = text.as_bytes();
    let mut at = 0;
    while at < bytes.len() {
        // Nearly all report text is runs of Han and ASCII: each character of
        // a run is a chunk of its own (none combines with what precedes it)
        // and passes the whitespace stage unchanged, so all but the last
        // (a combining mark may follow it) go to the sink at once.
        let run_end = inert_run_end(bytes, at);
        let last = if run_end > at {
            last_char_start(bytes, run_end)
        } else {
            at
        };
        if last > at {
            chunker.flush(at as u32, &mut out);
            let second = at + utf8_len(bytes[at]);
            let c = text[at..second].chars().next().unwrap_or_default();
            out.push(lower_latin(c), at as u32, second as u32);
            // The whitespace stage's state is left as the run's first
            // character set it: the last one goes through it before anything
            // can follow.
            if last > second {
                out.sink.push_inert(&text[second..last], second as u32);
                out.pushed_run(&text[second..last]);
            }
            let c = text[last..run_end].chars().next().unwrap_or_default();
            chunker.push(c, last as u32, &mut out);
            at = run_end;
            continue;
        }
        let c = text[at..].chars().next().unwrap_or_default();
        chunker.push(c, at as u32, &mut out);
        at += c.len_utf8();
    }
    chunker.flush(text.len() as u32, &mut out);
    out.finish();
}

/// Length in bytes of the UTF-8 sequence led by `lead`.
fn utf8_len(lead: u8) -> usize {
    match lead {
        0..=0x7F => 1,
        0xC0..=0xDF => 2,
        0xE0..=0xEF => 3,
        _ => 4,
    }
}

/// Start of the character that ends at byte `end` (exclusive).
fn last_char_start(bytes: &[u8], end: usize) -> usize {
    let mut i = end - 1;
    while bytes[i] & 0xC0 == 0x80 {
        i -= 1;
    }
    i
}

/// End of the run of [`is_inert`] characters other than whitespace that
/// starts at byte `at` (`at` itself when there is none).
fn inert_run_end(bytes: &[u8], mut at: usize) -> usize {
    while let Some(&b) = bytes.get(at) {
        if b < 0x80 {
            if matches!(b, b' ' | b'\t'..=b'\r') {
                break;
            }
            at += 1;
        } else if (0xE3..=0xE9).contains(&b) && at + 2 < bytes.len() {
            let c = (u32::from(b & 0x0F) << 12)
                | (u32::from(bytes[at + 1] & 0x3F) << 6)
                | u32::from(bytes[at + 2] & 0x3F);
            if !char::from_u32(c).is_some_and(is_inert) {
                break;
            }
            at += 3;
        } else {
            break;
        }
    }
    at
}

/// Normalizes `text` (see the module documentation).
pub fn normalize(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    run(text, &mut out);
    out
}

/// Normalized text with, for each of its characters, the byte range of the
/// source text that produced it. Characters produced by one source
/// character (or one composed sequence) share that source range.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Normalized {
    /// The normalized text.
    pub text: String,
    /// Per normalized character: start byte of its source in the input.
    pub src_start: Vec<u32>,
    /// Per normalized character: end byte (exclusive) of its source.
    pub src_end: Vec<u32>,
    /// Per normalized character: its byte offset in `text` (plus one final
    /// entry equal to `text.len()`), to slice `text` by character index.
    pub byte_at: Vec<u32>,
}

impl Normalized {
    /// Number of normalized characters.
    pub fn len(&self) -> usize {
        self.src_start.len()
    }

    /// Whether there is no character.
    pub fn is_empty(&self) -> bool {
        self.src_start.is_empty()
    }

    /// The normalized text of characters `start..end`.
    pub fn slice(&self, start: usize, end: usize) -> &str {
        &self.text[self.byte_at[start] as usize..self.byte_at[end] as usize]
    }

    /// Source byte range covering normalized characters `start..end`.
    pub fn src_range(&self, start: usize, end: usize) -> std::ops::Range<usize> {
        if start >= end {
            let at = self
                .src_start
                .get(start)
                .copied()
                .unwrap_or_else(|| self.src_end.last().copied().unwrap_or(0));
            return at as usize..at as usize;
        }
        self.src_start[start] as usize..self.src_end[end - 1] as usize
    }
}

impl Sink for Normalized {
    fn push(&mut self, c: char, src_start: u32, src_end: u32) {
        self.byte_at.push(self.text.len() as u32);
        self.text.push(c);
        self.src_start.push(src_start);
        self.src_end.push(src_end);
    }

    fn push_inert(&mut self, run: &str, src_start: u32) {
        let from = self.text.len();
        self.text.push_str(run);
        self.text[from..].make_ascii_lowercase();
        // Normalized and source bytes correspond one to one.
        let shift = from as u32;
        for (i, &b) in run.as_bytes().iter().enumerate() {
            if b & 0xC0 != 0x80 {
                let i = i as u32;
                let len = utf8_len(b) as u32;
                self.byte_at.push(shift + i);
                self.src_start.push(src_start + i);
                self.src_end.push(src_start + i + len);
            }
        }
    }
}

/// Normalizes `text`, keeping the map back to the source.
pub fn normalize_with_map(text: &str) -> Normalized {
    // Sized for the source's characters (NFKC rarely adds any): a report
    // of mostly digits and Latin letters would otherwise grow the maps
    // by copying, megabytes at a time.
    let chars = text.chars().count();
    let mut out = Normalized {
        text: String::with_capacity(text.len()),
        src_start: Vec::with_capacity(chars),
        src_end: Vec::with_capacity(chars),
        byte_at: Vec::with_capacity(chars + 1),
    };
    run(text, &mut out);
    out.byte_at.push(out.text.len() as u32);
    out
}

/// The source as a reader sees it: original characters (case and width
/// kept), whitespace handled as in normalization. Returned with, for each
/// normalized character of `norm`, the character range it occupies in the
/// display text, so highlights found in normalized text can be shown.
pub fn display_text(source: &str, norm: &Normalized) -> (String, Vec<(u32, u32)>) {
    let mut display = String::with_capacity(source.len());
    let mut ranges = Vec::with_capacity(norm.len());
    let mut chars = 0u32;
    let mut last_src: Option<(u32, u32)> = None;
    for (i, c) in norm.text.chars().enumerate() {
        let (s, e) = (norm.src_start[i], norm.src_end[i]);
        if last_src == Some((s, e)) {
            // Several normalized characters from one source chunk share its display.
            let start = ranges.last().map(|&(a, _)| a).unwrap_or(chars);
            ranges.push((start, chars));
            continue;
        }
        last_src = Some((s, e));
        let start = chars;
        if c == ' ' {
            display.push(' ');
            chars += 1;
        } else {
            let piece = &source[s as usize..e as usize];
            for pc in piece.chars() {
                // Stray whitespace inside a composed chunk reads as one space.
                display.push(if pc.is_whitespace() { ' ' } else { pc });
                chars += 1;
            }
        }
        ranges.push((start, chars));
    }
    (display, ranges)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn whitespace_next_to_cjk_is_removed() {
        assert_eq!(normalize("数\n\n学基准"), "数学基准");
        assert_eq!(normalize("腾讯控\n股"), "腾讯控股");
        assert_eq!(normalize("采用 DeepSeek-R1 模型"), "采用deepseek-r1模型");
        assert_eq!(normalize("Claude  3.5\n Sonnet"), "claude 3.5 sonnet");
        assert_eq!(normalize("增长。\n\n公司"), "增长。公司");
    }

    #[test]
    fn line_breaks_inside_latin_words_and_codes_are_removed() {
        assert_eq!(normalize("DeepSeek-\n\nR1"), "deepseek-r1");
        assert_eq!(normalize("GPT-\n4o"), "gpt-4o");
        assert_eq!(normalize("0700.\r\nHK"), "0700.hk");
        assert_eq!(normalize("采用DeepSeek-\n R1模型"), "采用deepseek-r1模型");
        // Without a line break, or without a Latin letter or digit on
        // either side, the space stays.
        assert_eq!(normalize("DeepSeek- R1"), "deepseek- r1");
        assert_eq!(normalize("A -\nB"), "a - b");
        assert_eq!(normalize("见上文.\nHK"), "见上文. hk");
        assert_eq!(normalize("v2.\n(a)"), "v2. (a)");
        let src = "型号Mini-\nLED面板";
        let n = normalize_with_map(src);
        assert_eq!(n.text, "型号mini-led面板");
        assert_eq!(&src[n.src_range(2, 10)], "Mini-\nLED");
    }

    #[test]
    fn nfkc_and_lowercase() {
        assert_eq!(normalize("ＤｅｅｐＳｅｅｋ"), "deepseek");
        assert_eq!(normalize("（600519）"), "(600519)");
        assert_eq!(normalize("万科Ａ"), "万科a");
        assert_eq!(normalize("ÀÉ"), "àé");
        // Greek is not Latin: case kept.
        assert_eq!(normalize("Α"), "Α");
        assert_eq!(normalize("e\u{301}"), "é");
        assert_eq!(normalize("ﬁ"), "fi");
    }

    #[test]
    fn edges_become_spaces_unless_cjk() {
        assert_eq!(normalize("  abc  "), " abc ");
        assert_eq!(normalize("  中文  "), "中文");
        assert_eq!(normalize(""), "");
        // NFKC turns U+3000 into a plain space, with no CJK neighbour here.
        assert_eq!(normalize("\u{3000}"), " ");
        assert_eq!(normalize("中\u{3000}文"), "中文");
        assert_eq!(normalize(" \t\n"), " ");
    }

    #[test]
    fn full_width_comma_becomes_ascii_then_spacing_rule_applies() {
        // NFKC first: "，" becomes "," which is not CJK.
        assert_eq!(normalize("AI，\nGPU"), "ai, gpu");
        assert_eq!(normalize("增长，\n利润"), "增长,利润");
    }

    #[test]
    fn map_points_back_to_source() {
        let src = "腾讯控\n股 ＡＢ";
        let n = normalize_with_map(src);
        assert_eq!(n.text, "腾讯控股ab");
        assert_eq!(n.len(), 6);
        let r = n.src_range(0, 4);
        assert_eq!(&src[r], "腾讯控\n股");
        let r = n.src_range(4, 6);
        assert_eq!(&src[r], "ＡＢ");
        assert_eq!(n.slice(2, 4), "控股");
    }

    #[test]
    fn display_keeps_original_characters() {
        let src = "采用\nDeepSeek-R1\n模型，\n性能 提升";
        let n = normalize_with_map(src);
        let (d, ranges) = display_text(src, &n);
        assert_eq!(d, "采用DeepSeek-R1模型，性能提升");
        let start = n.text.chars().collect::<Vec<_>>();
        let pos = start.iter().position(|&c| c == 'd').unwrap();
        assert_eq!(ranges[pos], (2, 3));
        assert_eq!(ranges.len(), n.len());
    }

    #[test]
    fn ligature_display_ranges_are_shared() {
        let src = "ﬁne";
        let n = normalize_with_map(src);
        let (d, ranges) = display_text(src, &n);
        assert_eq!(n.text, "fine");
        assert_eq!(d, "ﬁne");
        assert_eq!(ranges[0], (0, 1));
        assert_eq!(ranges[1], (0, 1));
        assert_eq!(ranges[2], (1, 2));
    }

    /// Normalization chunk by chunk with no per-character table: what
    /// `run` computed before [`class_of`] existed.
    fn reference(text: &str) -> String {
        let mut out = String::new();
        let mut collapse = Collapse::new(&mut out);
        let mut chunk: Vec<char> = Vec::new();
        let flush = |chunk: &mut Vec<char>, out: &mut Collapse<String>| {
            if !chunk.is_empty() {
                normalize_chunk(chunk, &mut |n| out.push(n, 0, 0));
            }
            chunk.clear();
        };
        for c in text.chars() {
            if is_nfkc_boundary(c) {
                flush(&mut chunk, &mut collapse);
            }
            chunk.push(c);
        }
        flush(&mut chunk, &mut collapse);
        collapse.finish();
        out
    }

    /// `run` as it was before its fast path for runs of inert characters:
    /// every character through the chunk and whitespace stages.
    fn by_character<S: Sink>(text: &str, sink: &mut S) {
        let mut out = Collapse::new(sink);
        let mut chunker = Chunker::default();
        for (i, c) in text.char_indices() {
            chunker.push(c, i as u32, &mut out);
        }
        chunker.flush(text.len() as u32, &mut out);
        out.finish();
    }

    proptest::proptest! {
        #[test]
        fn runs_normalize_as_characters_do(
            pieces in proptest::collection::vec(
                proptest::prop_oneof![
                    proptest::strategy::Just("公司"), proptest::strategy::Just("中"),
                    proptest::strategy::Just("AbC"), proptest::strategy::Just("x"),
                    proptest::strategy::Just("600519.SH"), proptest::strategy::Just(" "),
                    proptest::strategy::Just("\n\n"), proptest::strategy::Just("\t"),
                    proptest::strategy::Just("\u{3000}"), proptest::strategy::Just("、"),
                    proptest::strategy::Just("。"), proptest::strategy::Just("，"),
                    proptest::strategy::Just("Ａ"), proptest::strategy::Just("\u{301}"),
                    proptest::strategy::Just("\u{3099}"), proptest::strategy::Just("ｶ"),
                    proptest::strategy::Just("\u{ff9e}"), proptest::strategy::Just("㐀"),
                    proptest::strategy::Just("𠀀"), proptest::strategy::Just("é"),
                    proptest::strategy::Just("\u{1c}"), proptest::strategy::Just("\u{85}"),
                    proptest::strategy::Just("ﬁ"), proptest::strategy::Just("Ⅻ"),
                    proptest::strategy::Just("\u{FFFD}"), proptest::strategy::Just("\u{0}"),
                ],
                0..40,
            )
        ) {
            let text: String = pieces.concat();
            let mut expected = Normalized::default();
            by_character(&text, &mut expected);
            expected.byte_at.push(expected.text.len() as u32);
            proptest::prop_assert_eq!(normalize_with_map(&text), expected.clone());
            proptest::prop_assert_eq!(normalize(&text), expected.text);
        }
    }

    #[test]
    fn the_character_table_changes_nothing() {
        let neighbours = ["", "a", "\u{301}", "中", " ", "\u{3099}", "Ａ"];
        for u in 0..0x1_0000u32 {
            let Some(c) = char::from_u32(u) else { continue };
            for before in ["", "x", "\u{300}"] {
                for after in neighbours {
                    let s = format!("{before}{c}{after}");
                    assert_eq!(normalize(&s), reference(&s), "{s:?}");
                }
            }
        }
    }

    #[test]
    fn idempotent_on_samples() {
        for s in [
            "数\n\n学基准",
            "Ａ Ｂ\u{3000}中",
            "e\u{301} x",
            "  a\n\n b ",
        ] {
            let once = normalize(s);
            assert_eq!(normalize(&once), once);
        }
    }
}
