//! Cutting a report into passages: the unit that search returns.
//!
//! A passage is what a reader takes in at once: a paragraph joined across
//! PDF line breaks, or a piece of at most about [`MAX_CHARS`] characters of
//! a longer paragraph (or of a one-line report whose whitespace was
//! stripped), cut at sentence ends.
//!
//! Passages partition the source text exactly: the concatenation of their
//! source slices is the file, and the normalization of each slice on its
//! own equals the corresponding slice of the normalized file. Cuts are
//! placed so that this holds (see [`raw_cut`]), which lets the
//! index store only the source slice and lets every exact match over the
//! whole normalized report be found passage by passage.

use crate::layout::Layout;
use crate::report::Section;
use crate::report::{BlockInfo, TickerMark};
use crate::text::normalize::{
    is_cjk_for_spacing, is_nfkc_boundary, normalize_with_map, Normalized,
};
use std::ops::Range;

/// Upper bound, in normalized characters, of a passage cut from a long paragraph.
pub const MAX_CHARS: usize = 300;
/// A paragraph shorter than this (a heading, a template marker) is joined
/// to the next one. Must be at least [`OVERLAP_CHARS`].
pub const MIN_CHARS: usize = 40;
/// Consecutive paragraphs are joined while the passage is shorter than
/// this and the result stays within [`MAX_CHARS`]: lone short paragraphs
/// (news items, table rows, list entries) are too little to read as a
/// result, and every passage costs index space of its own.
pub const JOIN_BELOW: usize = 120;
/// How many characters of the following passage the index sees after each
/// passage, so that a match across a passage boundary is still found.
/// Every passage but the last of a report is at least this long.
pub const OVERLAP_CHARS: usize = 12;
/// Files are normalized in blocks of about this many bytes, so memory does
/// not grow with the size of one file. The indexer reads a report's
/// metadata from its first block, and hands that normalization over: a
/// report of at most one block is normalized once.
pub const BLOCK_BYTES: usize = 8 << 20;

/// Position of a byte of the source: 1-based line and column (in
/// characters) and 0-based character offset from the start of the file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct SourcePos {
    /// 1-based line.
    pub line: u32,
    /// 1-based column, in characters.
    pub column: u32,
    /// 0-based character offset from the start of the file.
    pub offset: u64,
}

impl SourcePos {
    /// The start of a file.
    pub const START: SourcePos = SourcePos {
        line: 1,
        column: 1,
        offset: 0,
    };

    /// The position after reading `text` from `self`.
    pub fn advance(mut self, text: &str) -> SourcePos {
        let chars = text.chars().count();
        self.offset += chars as u64;
        match memchr::memrchr(b'\n', text.as_bytes()) {
            Some(last) => {
                let newlines = memchr::memchr_iter(b'\n', text.as_bytes()).count();
                self.line += newlines as u32;
                self.column = 1 + text[last + 1..].chars().count() as u32;
            }
            None => self.column += chars as u32,
        }
        self
    }
}

/// One passage of a report.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Passage {
    /// 0-based position of the passage in its report.
    pub ordinal: u32,
    /// Byte range of the passage in the source text.
    pub raw: Range<usize>,
    /// Position of `raw.start` in the source.
    pub pos: SourcePos,
    /// The normalized text of the passage.
    pub text: String,
    /// Characters in `text`.
    pub chars: usize,
    /// Section the passage belongs to.
    pub section: Section,
    /// What the passage is made of: prose, a table, or page furniture.
    pub layout: Layout,
    /// Prose that still reads roughly (`layout::read_prose`: mostly long
    /// stretches without a pause, hardly a sentence end, or a shape between
    /// prose and a table), which search
    /// ranks below prose that reads well. Always false for other layouts.
    pub rough: bool,
    /// Page furniture too short to be a passage of its own (a page number
    /// glued into a sentence): character ranges of `text`, sorted, that
    /// the reading text leaves out.
    pub hidden: Vec<(u32, u32)>,
    /// Ticker mentions, in normalized characters of `text`.
    pub tickers: Vec<TickerMark>,
}

/// Cuts `text` into passages, calling `emit` for each in order.
/// `analyze` is given each normalized block; its section headings become
/// cut points and its ticker mentions go to the passages holding them.
pub fn cut(text: &str, analyze: &dyn Fn(&str) -> BlockInfo, emit: &mut dyn FnMut(Passage)) {
    cut_normalized(text, None, analyze, emit)
}

/// [`cut`], given `normalized`, the normalization of all of `text` if the
/// caller already has it: a text of one block is then not normalized again.
pub fn cut_normalized(
    text: &str,
    normalized: Option<&Normalized>,
    analyze: &dyn Fn(&str) -> BlockInfo,
    emit: &mut dyn FnMut(Passage),
) {
    cut_in_blocks(text, normalized, BLOCK_BYTES, analyze, emit)
}

fn cut_in_blocks(
    text: &str,
    normalized: Option<&Normalized>,
    block_bytes: usize,
    analyze: &dyn Fn(&str) -> BlockInfo,
    emit: &mut dyn FnMut(Passage),
) {
    let mut cutter = Cutter {
        pending: None,
        next_ordinal: 0,
        section: Section::Body,
        layout: Layout::Prose,
        emit,
    };
    let mut pos = SourcePos::START;
    let mut start = 0;
    while start < text.len() {
        let end = block_end(text, start, block_bytes);
        let block = &text[start..end];
        match normalized {
            Some(n) if start == 0 && end == text.len() => {
                cutter.block(block, n, start, pos, analyze)
            }
            _ => cutter.block(block, &normalize_with_map(block), start, pos, analyze),
        }
        pos = pos.advance(block);
        start = end;
    }
    cutter.finish();
}

/// Cuts `text` with no forced cuts and returns the passages.
pub fn cut_all(text: &str) -> Vec<Passage> {
    let mut out = Vec::new();
    cut(text, &|_| BlockInfo::default(), &mut |p| out.push(p));
    out
}

/// End of the block starting at `start`: at about `block_bytes`, between
/// two non-whitespace characters where NFKC may be split, so that the
/// blocks normalize independently.
fn block_end(text: &str, start: usize, block_bytes: usize) -> usize {
    if text.len() - start <= block_bytes {
        return text.len();
    }
    let mut target = start + block_bytes;
    while !text.is_char_boundary(target) {
        target += 1;
    }
    let mut prev: Option<char> = None;
    let mut fallback = None;
    for (i, c) in text[target..].char_indices() {
        let at = target + i;
        if let Some(p) = prev {
            let safe = !p.is_whitespace() && !c.is_whitespace() && is_nfkc_boundary(c);
            if safe && matches!(p, '。' | '！' | '？' | '；') {
                return at;
            }
            if safe && fallback.is_none() {
                fallback = Some(at);
            }
            if i > 64 * 1024 {
                if let Some(f) = fallback {
                    return f;
                }
            }
        }
        prev = Some(c);
    }
    fallback.unwrap_or(text.len())
}

/// A cut piece of a block, before merging.
struct Piece<'a> {
    raw: &'a str,
    raw_start: usize,
    pos: SourcePos,
    text: &'a str,
    /// Characters in `text`.
    chars: usize,
    section: Section,
    layout: Layout,
    tickers: Vec<TickerMark>,
    /// The piece starts at a section heading.
    heading: bool,
}

struct Cutter<'e> {
    /// A passage held back because it may still grow (too short to stand alone).
    pending: Option<Passage>,
    next_ordinal: u32,
    /// Section in effect at the end of what was cut so far.
    section: Section,
    /// Layout in effect at the end of what was cut so far.
    layout: Layout,
    emit: &'e mut dyn FnMut(Passage),
}

impl Cutter<'_> {
    fn block(
        &mut self,
        block: &str,
        norm: &Normalized,
        base: usize,
        base_pos: SourcePos,
        analyze: &dyn Fn(&str) -> BlockInfo,
    ) {
        if norm.is_empty() {
            // Only whitespace: it belongs to the passage before, or starts the next.
            let piece = Piece {
                raw: block,
                raw_start: base,
                pos: base_pos,
                text: "",
                chars: 0,
                section: self.section,
                layout: self.layout,
                tickers: Vec::new(),
                heading: false,
            };
            self.push_piece(piece, true);
            return;
        }
        let mut chars: Vec<char> = Vec::with_capacity(norm.len());
        chars.extend(norm.text.chars());
        let info = analyze(&norm.text);
        let mut cuts = paragraph_cuts(block, norm);
        cuts.extend(
            info.headings
                .iter()
                .map(|&(k, _)| k)
                .chain(info.layout.iter().map(|&(k, _)| k))
                .filter(|&k| k > 0 && k < chars.len()),
        );
        cuts.sort_unstable();
        cuts.dedup();
        let mut bounds = vec![0];
        let mut para_start = 0;
        for end in cuts.into_iter().chain(std::iter::once(chars.len())) {
            if end <= para_start {
                continue;
            }
            split_long(&chars, para_start, end, &mut bounds);
            bounds.push(end);
            para_start = end;
        }
        // Never cut inside a chunk that NFKC produced from one source piece,
        // nor where a line break inside a Latin word was removed: each side
        // would keep a space of its own.
        for b in bounds.iter_mut() {
            while *b > 0
                && *b < chars.len()
                && (norm.src_start[*b] == norm.src_start[*b - 1]
                    || (norm.src_end[*b - 1] < norm.src_start[*b]
                        && !is_cjk_for_spacing(chars[*b - 1])
                        && !is_cjk_for_spacing(chars[*b])))
            {
                *b += 1;
            }
        }
        bounds.dedup();
        let mut pos = base_pos;
        let mut raw_from = 0usize;
        // Headings and tickers come sorted by start, as do the pieces: one
        // pass over each instead of a search per piece (a prospectus block
        // has thousands of pieces and of tickers).
        let headings = &info.headings;
        let layouts = &info.layout;
        let tickers = &info.tickers;
        let mut headings_upto_start = 0; // headings[..this] start at or before the piece
        let mut headings_before_end = 0; // headings[..this] start before the piece's end
        let mut layouts_upto_start = 0; // layouts[..this] start at or before the piece
        let mut tickers_before = 0; // tickers[..this] start before the piece
        for w in bounds.windows(2) {
            let (s, e) = (w[0], w[1]);
            if s >= e {
                continue;
            }
            let raw_to = if e == chars.len() {
                block.len()
            } else {
                raw_cut(&chars, norm, e)
            };
            let raw = &block[raw_from..raw_to];
            while headings.get(headings_upto_start).is_some_and(|h| h.0 <= s) {
                headings_upto_start += 1;
            }
            let last_at_or_before = headings_upto_start.checked_sub(1).map(|k| headings[k]);
            let section = last_at_or_before.map_or(self.section, |h| h.1);
            headings_before_end = headings_before_end.max(headings_upto_start);
            while headings.get(headings_before_end).is_some_and(|h| h.0 < e) {
                headings_before_end += 1;
            }
            if let Some(k) = headings_before_end.checked_sub(1) {
                self.section = headings[k].1;
            }
            // Layout changes are cut points: a piece has one layout.
            while layouts.get(layouts_upto_start).is_some_and(|l| l.0 <= s) {
                layouts_upto_start += 1;
            }
            let layout = layouts_upto_start
                .checked_sub(1)
                .map_or(self.layout, |k| layouts[k].1);
            self.layout = layout;
            while tickers.get(tickers_before).is_some_and(|t| t.start < s) {
                tickers_before += 1;
            }
            let tickers = tickers[tickers_before..]
                .iter()
                .take_while(|t| t.start < e)
                .map(|t| TickerMark {
                    start: t.start - s,
                    end: t.end - s,
                    key: t.key.clone(),
                    explicit: t.explicit,
                })
                .collect();
            let heading = last_at_or_before.is_some_and(|h| h.0 == s);
            let piece = Piece {
                raw,
                raw_start: base + raw_from,
                pos,
                text: norm.slice(s, e),
                chars: e - s,
                section,
                layout,
                tickers,
                heading,
            };
            pos = pos.advance(raw);
            self.push_piece(piece, false);
            raw_from = raw_to;
        }
    }

    /// Adds a piece as a passage, or appends it to the pending one when
    /// that is too short to stand alone (or the piece is only whitespace).
    fn push_piece(&mut self, piece: Piece, blank: bool) {
        if let Some(p) = self.pending.as_mut() {
            let pending_len = p.chars;
            let piece_len = piece.chars;
            if !blank && p.layout != piece.layout && p.raw.end == piece.raw_start {
                // Pieces of two layouts stay apart; but a passage is at least
                // [`OVERLAP_CHARS`] long (see `mentions`), so a tiny piece
                // joins its neighbour, as furniture the reading text hides.
                if piece_len < OVERLAP_CHARS || pending_len < OVERLAP_CHARS {
                    let (big, small) = if piece_len > pending_len {
                        (piece.layout, p.layout)
                    } else {
                        (p.layout, piece.layout)
                    };
                    if small == Layout::Furniture && big != Layout::Furniture {
                        if piece_len > pending_len {
                            p.hidden = vec![(0, pending_len as u32)];
                        } else {
                            p.hidden
                                .push((pending_len as u32, (pending_len + piece_len) as u32));
                        }
                    } else if big == Layout::Furniture {
                        p.hidden.clear();
                    }
                    p.layout = big;
                    Self::append(p, piece, false);
                    return;
                }
                // A chart's caption and source line, or a report's banner,
                // glued to prose is hidden inside the prose passage that it
                // starts (or that a title or heading before it leads into),
                // so that the text around it joins as if it were not there;
                // the prose keeps its section.
                // (Not after a sentence's end: a short paragraph that ends
                // there, a front page's `风险提示:…不及预期。` bullet, is
                // whole, and the source line after it goes with what follows.)
                if pending_len + piece_len <= MAX_CHARS {
                    if p.layout == Layout::Prose
                        && pending_len < MIN_CHARS
                        && !p.text.chars().last().is_some_and(is_sentence_end)
                        && piece.layout == Layout::Furniture
                        && crate::layout::reads_across(piece.text)
                    {
                        p.hidden
                            .push((pending_len as u32, (pending_len + piece_len) as u32));
                        Self::append(p, piece, true);
                        return;
                    }
                    if p.layout == Layout::Furniture
                        && piece.layout == Layout::Prose
                        && !piece.heading
                        && crate::layout::reads_across(&p.text)
                    {
                        p.hidden = vec![(0, pending_len as u32)];
                        p.layout = Layout::Prose;
                        p.section = piece.section;
                        Self::append(p, piece, true);
                        return;
                    }
                }
                // A short run of labels without a sentence beside a table
                // (a chart's legend, its axis) is part of the table.
                let labels = |text: &str, len: usize| {
                    len < MIN_CHARS && !text.chars().any(|c| is_sentence_end(c) || matches!(c, ','))
                };
                if piece.layout == Layout::Table
                    && p.layout == Layout::Prose
                    && labels(&p.text, pending_len)
                {
                    p.layout = Layout::Table;
                    Self::append(p, piece, false);
                    return;
                }
                let mut passage = Self::start(piece);
                if p.layout == Layout::Table
                    && passage.layout == Layout::Prose
                    && labels(&passage.text, passage.chars)
                {
                    passage.layout = Layout::Table;
                }
                if let Some(prev) = self.pending.replace(passage) {
                    self.send(prev);
                }
                return;
            }
            // A short pending piece (a heading, a marker) leads into what
            // follows; a short piece that ends a sentence (the tail of a
            // paragraph) stays with what precedes it.
            let tail = !piece.heading
                && piece_len < MIN_CHARS
                && piece.text.chars().last().is_some_and(is_sentence_end)
                && pending_len + piece_len <= MAX_CHARS + MIN_CHARS;
            // A section heading starts a new passage, unless what precedes
            // it is too short to stand alone at all.
            let short = if piece.heading {
                pending_len < OVERLAP_CHARS
            } else {
                pending_len < MIN_CHARS
            };
            let join =
                !piece.heading && pending_len < JOIN_BELOW && pending_len + piece_len <= MAX_CHARS;
            if p.raw.end == piece.raw_start && (short || blank || tail || join) {
                Self::append(p, piece, blank);
                return;
            }
        }
        let passage = Self::start(piece);
        if let Some(prev) = self.pending.replace(passage) {
            self.send(prev);
        }
    }

    /// A passage of one piece.
    fn start(piece: Piece) -> Passage {
        Passage {
            ordinal: 0,
            raw: piece.raw_start..piece.raw_start + piece.raw.len(),
            pos: piece.pos,
            text: piece.text.to_string(),
            chars: piece.chars,
            section: piece.section,
            layout: piece.layout,
            rough: false,
            hidden: Vec::new(),
            tickers: piece.tickers,
        }
    }

    /// Appends `piece` to the passage `p`, which it follows in the source.
    fn append(p: &mut Passage, piece: Piece, blank: bool) {
        // The merged passage belongs to the section of its larger part.
        if !blank && piece.chars > p.chars {
            p.section = piece.section;
        }
        let shift = p.chars;
        p.tickers
            .extend(piece.tickers.into_iter().map(|t| TickerMark {
                start: t.start + shift,
                end: t.end + shift,
                ..t
            }));
        p.raw.end = piece.raw_start + piece.raw.len();
        p.text.push_str(piece.text);
        p.chars += piece.chars;
    }

    fn send(&mut self, mut p: Passage) {
        if p.layout == Layout::Prose {
            let text = shown(&p);
            let reading = crate::layout::read_prose(&text);
            drop(text);
            if reading == crate::layout::Reading::Table {
                p.layout = Layout::Table;
            }
            p.rough = reading == crate::layout::Reading::Rough;
        }
        p.ordinal = self.next_ordinal;
        self.next_ordinal += 1;
        (self.emit)(p);
    }

    fn finish(&mut self) {
        if let Some(p) = self.pending.take() {
            self.send(p);
        }
    }
}

/// The text of `p` without its hidden furniture.
fn shown(p: &Passage) -> std::borrow::Cow<'_, str> {
    if p.hidden.is_empty() {
        return std::borrow::Cow::Borrowed(&p.text);
    }
    let hidden = |k: usize| {
        p.hidden
            .iter()
            .any(|&(s, e)| (s as usize..e as usize).contains(&k))
    };
    std::borrow::Cow::Owned(
        p.text
            .chars()
            .enumerate()
            .filter(|&(k, _)| !hidden(k))
            .map(|(_, c)| c)
            .collect(),
    )
}

/// Source byte at which to cut before normalized character `k`. Removed
/// whitespace between characters `k-1` and `k` goes to the side where the
/// passage normalizes the same on its own as within the whole text: after
/// a CJK character it trails the passage before (removed either way);
/// otherwise it leads the next passage (removed there only if `k` is CJK,
/// exactly as in the whole text).
fn raw_cut(chars: &[char], norm: &Normalized, k: usize) -> usize {
    let trailing_ok = is_cjk_for_spacing(chars[k - 1]) || !is_cjk_for_spacing(chars[k]);
    if trailing_ok {
        norm.src_start[k] as usize
    } else {
        norm.src_end[k - 1] as usize
    }
}

/// Splits the paragraph `start..end` at sentence ends into pieces of at
/// most [`MAX_CHARS`], pushing the inner cut points to `bounds`.
fn split_long(chars: &[char], start: usize, end: usize, bounds: &mut Vec<usize>) {
    let mut s = start;
    while end - s > MAX_CHARS {
        let limit = s + MAX_CHARS;
        let mut cut = last_break(chars, s + MAX_CHARS / 3, limit, is_sentence_end)
            .or_else(|| last_break(chars, s + MAX_CHARS / 2, limit, is_clause_end))
            .unwrap_or(limit);
        // A tiny tail reads better with the piece before it.
        if end - cut < MIN_CHARS {
            if end - s <= MAX_CHARS + MIN_CHARS {
                break;
            }
            cut = end - MIN_CHARS;
        }
        bounds.push(cut);
        s = cut;
    }
}

/// The last cut point in `from..=to` that follows a character accepted by `is_end`
/// (and any closing quotes after it).
fn last_break(chars: &[char], from: usize, to: usize, is_end: fn(char) -> bool) -> Option<usize> {
    (from.max(1)..=to.min(chars.len())).rev().find(|&k| {
        let mut j = k;
        while j > 0 && is_closer(chars[j - 1]) {
            j -= 1;
        }
        j > 0
            && j < k + 1
            && is_end(chars[j - 1])
            && (k == chars.len() || !is_closer(chars[k]))
            && !inside_number(chars, j - 1)
    })
}

/// Whether the character at `i` sits between two digits (`1,671.93`,
/// `10:30`): a thousands separator, not a clause's end.
fn inside_number(chars: &[char], i: usize) -> bool {
    i > 0 && chars[i - 1].is_ascii_digit() && chars.get(i + 1).is_some_and(char::is_ascii_digit)
}

fn is_sentence_end(c: char) -> bool {
    matches!(c, '。' | '!' | '?' | ';' | '！' | '？' | '；')
}

fn is_clause_end(c: char) -> bool {
    matches!(c, ',' | '、' | ':' | ' ' | '，' | '：')
}

fn is_closer(c: char) -> bool {
    matches!(c, '”' | '’' | '」' | '』' | ')' | '》' | '】' | '"' | '\'')
}

/// Paragraph starts (as normalized character indices) in a block of
/// PDF-extracted text: where a line break ends a paragraph rather than
/// just a PDF line.
fn paragraph_cuts(block: &str, norm: &Normalized) -> Vec<usize> {
    struct Line<'a> {
        start: usize,
        text: &'a str,
        blanks_before: usize,
    }
    let mut lines = Vec::new();
    let mut blanks = 0;
    let mut offset = 0;
    for raw_line in block.split_inclusive('\n') {
        let trimmed = raw_line.trim();
        if trimmed.is_empty() {
            blanks += 1;
        } else {
            let lead = raw_line.len() - raw_line.trim_start().len();
            lines.push(Line {
                start: offset + lead,
                text: trimmed,
                blanks_before: blanks,
            });
            blanks = 0;
        }
        offset += raw_line.len();
    }
    if lines.len() < 2 {
        return Vec::new();
    }
    let blank_total: usize = lines.iter().map(|l| l.blanks_before).sum();
    // Some extractors put a blank line after every PDF line: then blank
    // lines say nothing about paragraphs.
    let blanks_unreliable = blank_total * 5 >= lines.len() * 3;
    let mut widths: Vec<usize> = lines
        .iter()
        .map(|l| l.text.chars().count())
        .filter(|&w| w >= 10)
        .collect();
    widths.sort_unstable();
    let typical_width = widths.get(widths.len() * 3 / 4).copied().unwrap_or(0);

    let mut cuts = Vec::new();
    for w in lines.windows(2) {
        let (prev, cur) = (&w[0], &w[1]);
        let prev_width = prev.text.chars().count();
        let is_break = (!blanks_unreliable && cur.blanks_before >= 1)
            || (blanks_unreliable && cur.blanks_before >= 2)
            || ends_paragraph(prev.text)
            || starts_paragraph(cur.text)
            || is_marker_line(prev.text)
            || (typical_width >= 16 && prev_width * 10 < typical_width * 6);
        if is_break {
            let k = norm
                .src_start
                .partition_point(|&s| (s as usize) < cur.start);
            if k > 0 && k < norm.len() {
                cuts.push(k);
            }
        }
    }
    cuts
}

fn ends_paragraph(line: &str) -> bool {
    let mut rev = line
        .chars()
        .rev()
        .skip_while(|&c| is_closer(c) || c == '）');
    matches!(rev.next(), Some(c) if is_sentence_end(c) || c == ':' || c == '：')
}

fn starts_paragraph(line: &str) -> bool {
    let mut chars = line.chars();
    let first = match chars.next() {
        Some(c) => c,
        None => return false,
    };
    if matches!(
        first,
        '●' | '○'
            | '◆'
            | '◇'
            | '■'
            | '□'
            | '▪'
            | '•'
            | '·'
            | '►'
            | '▶'
            | '★'
            | '☆'
            | '※'
            | '#'
            | '>'
            | '-'
            | '*'
            | '【'
    ) {
        return true;
    }
    if is_marker_line(line) || line.starts_with("[Table_") || line.starts_with("[table_") {
        return true;
    }
    let numeral = |c: char| c.is_ascii_digit() || "一二三四五六七八九十".contains(c);
    let rest: String = line.chars().take(6).collect();
    let mut it = rest.chars().peekable();
    let open = matches!(it.peek(), Some('(' | '（'));
    if open {
        it.next();
    }
    let mut digits = 0;
    while matches!(it.peek(), Some(&c) if numeral(c)) {
        it.next();
        digits += 1;
    }
    if digits == 0 || digits > 3 {
        return first == '第' && rest.contains(['章', '节']);
    }
    match it.next() {
        Some(')' | '）') => open || digits <= 2,
        Some('、' | '．') => !open,
        Some('.') => !open && !matches!(it.peek(), Some(c) if c.is_ascii_digit()),
        _ => false,
    }
}

/// A report generator's template marker such as `[Table_Summary]`.
pub fn is_marker_line(line: &str) -> bool {
    let t = line.trim();
    t.len() > 2
        && t.starts_with('[')
        && t.ends_with(']')
        && t[1..t.len() - 1]
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_')
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::normalize::normalize;

    /// Cuts `text` as the indexer does (headings and tickers detected) and
    /// checks that the passages partition it.
    fn check_partition(text: &str) -> Vec<Passage> {
        check_partition_in_blocks(text, BLOCK_BYTES)
    }

    #[test]
    fn a_long_paragraph_is_not_cut_inside_a_number() {
        // Clauses joined by thousands separators only: the one place to cut
        // is not between the digits of `1,671.93`.
        let figures: String = (0..40).map(|i| format!("收入{i},671.93亿元")).collect();
        let ps = check_partition(&figures);
        assert!(ps.len() > 1);
        for pair in ps.windows(2) {
            let before: Vec<char> = pair[0].text.chars().collect();
            let after = pair[1].text.chars().next().unwrap();
            let n = before.len();
            assert!(
                !(before[n - 1] == ',' && before[n - 2].is_ascii_digit() && after.is_ascii_digit()),
                "cut inside a number: …{:?} | {:?}…",
                &pair[0].text[pair[0].text.len() - 12..],
                &pair[1].text[..12]
            );
        }
    }

    fn check_partition_in_blocks(text: &str, block_bytes: usize) -> Vec<Passage> {
        let mut ps = Vec::new();
        let analyze = &crate::report::analyze_block;
        cut_in_blocks(text, None, block_bytes, analyze, &mut |p| ps.push(p));
        let mut at = 0;
        let mut joined = String::new();
        let mut pos = SourcePos::START;
        for (i, p) in ps.iter().enumerate() {
            assert_eq!(p.ordinal as usize, i);
            assert_eq!(p.raw.start, at, "passages partition the source");
            assert_eq!(p.pos, pos);
            assert_eq!(p.chars, p.text.chars().count());
            let raw = &text[p.raw.clone()];
            assert_eq!(
                normalize(raw),
                p.text,
                "passage normalizes on its own: {raw:?}"
            );
            if i + 1 < ps.len() {
                assert!(
                    p.text.chars().count() >= OVERLAP_CHARS,
                    "short passage {:?}",
                    p.text
                );
            }
            pos = pos.advance(raw);
            at = p.raw.end;
            joined.push_str(&p.text);
        }
        assert_eq!(at, text.len());
        assert_eq!(joined, normalize(text));
        ps
    }

    #[test]
    fn positions_advance_by_characters_and_lines() {
        let p = SourcePos::START.advance("腾讯\n控股 ab\n\nx");
        assert_eq!(
            p,
            SourcePos {
                line: 4,
                column: 2,
                offset: 11
            }
        );
        let q = p.advance("中文");
        assert_eq!((q.line, q.column, q.offset), (4, 4, 13));
        assert_eq!(SourcePos::START.advance(""), SourcePos::START);
    }

    #[test]
    fn joins_pdf_lines_of_one_paragraph() {
        let text = "投资要点\n公司发布2024年三季报，前三季度实现营业收入123.4亿元，同比增长\n23.5%，归母净利润45.6亿元，同比增长31.2%，业绩符合预期，我们维\n持“买入”评级。\n\n风险提示\n下游需求不及预期；行业竞争加剧；原材料价格大幅波动的风险。\n";
        let ps = check_partition(text);
        assert_eq!(ps.len(), 2, "{ps:#?}");
        assert!(ps[0].text.starts_with("投资要点公司发布"));
        assert!(ps[0].text.contains("同比增长23.5%"));
        assert!(ps[1].text.starts_with("风险提示"), "{ps:#?}");
        assert_eq!(ps[1].pos.line, 6);
        let short_tail = "公司发布2024年三季报，前三季度实现营业收入123.4亿元，同比增长23.5%，符合预期。\n".repeat(8) + "维持评级。\n\n风险提示\n下游需求不及预期；行业竞争加剧；原材料价格大幅波动的风险。";
        let ps = check_partition(&short_tail);
        assert!(ps.last().unwrap().text.starts_with("风险提示"), "{ps:#?}");
    }

    #[test]
    fn blank_line_after_every_line_is_not_a_paragraph_break() {
        let body = "公司是国内领先的半导体设备供应商，产品覆盖刻蚀、薄膜沉积\n\n与清洗等关键环节，受益于国产替代进程加速，订单\n\n饱满，我们预计公司未来三年收入复合增速超过30%。\n\n";
        let text = body.repeat(3);
        let ps = check_partition(&text);
        // Paragraphs of about 80 characters: the first two join (JOIN_BELOW).
        assert_eq!(ps.len(), 2, "{ps:#?}");
        assert!(ps[0].text.contains("订单饱满"));
        assert!(ps[1].text.starts_with("公司是国内领先") && ps[1].text.contains("订单饱满"));
    }

    #[test]
    fn one_line_report_is_cut_at_sentence_ends() {
        let sentence = "电子行业三季度业绩向好，关注消费电子、面板等高确定性板块。";
        let text = sentence.repeat(40);
        let ps = check_partition(&text);
        assert!(ps.len() > 3);
        for p in &ps {
            let n = p.text.chars().count();
            assert!(n <= MAX_CHARS + MIN_CHARS, "{n}");
            assert!(p.text.ends_with('。'));
        }
    }

    #[test]
    fn no_sentence_end_still_bounded() {
        let text = "半导体".repeat(500);
        let ps = check_partition(&text);
        assert!(ps
            .iter()
            .all(|p| p.text.chars().count() <= MAX_CHARS + MIN_CHARS));
    }

    #[test]
    fn latin_next_to_cjk_across_cut_normalizes_alone() {
        let text = "The model is DeepSeek\n\n模型在数学基准上表现优异，超过了此前所有的开源模型，达到业界领先水平。\nGPT-4o\n\nClaude 3.5 Sonnet\n\n";
        check_partition(text);
        let text2 = "abc ".repeat(200) + "\n\n" + &"中文内容。".repeat(100);
        check_partition(&text2);
    }

    #[test]
    fn big_files_are_processed_in_blocks() {
        let para = "公司发布2024年三季报，前三季度实现营业收入123.4亿元，同比增长23.5%。\n"
            .repeat(20)
            + "\n";
        let text = para.repeat(200);
        let block_bytes = 64 << 10;
        assert!(text.len() > 4 * block_bytes);
        let in_blocks = check_partition_in_blocks(&text, block_bytes);
        let whole = check_partition(&text);
        assert!(in_blocks.len() >= whole.len());
    }

    #[test]
    fn markers_and_list_items_start_paragraphs() {
        assert!(is_marker_line("[Table_Summary]"));
        assert!(!is_marker_line("[注]"));
        assert!(starts_paragraph("1、公司业绩"));
        assert!(starts_paragraph("（一）行业"));
        assert!(starts_paragraph("●消费电子"));
        assert!(!starts_paragraph("2024年公司"));
        assert!(!starts_paragraph("3.5%的增速"));
        assert!(ends_paragraph("维持“买入”评级。"));
        assert!(!ends_paragraph("同比增长"));
    }

    #[test]
    fn empty_and_whitespace_only() {
        assert!(cut_all("").is_empty());
        let ps = check_partition("\n\n  \n");
        assert_eq!(ps.len(), 1);
        assert_eq!(ps[0].text, " ");
        check_partition("\n\n中文\n\n");
    }

    #[test]
    fn a_front_page_bullet_that_ends_its_sentence_keeps_no_source_line() {
        // A short risk bullet, then a chart's source line and its figures.
        let parts = [
            "投资要点■行业景气度持续回升,我们看好龙头公司的长期成长。",
            "■风险提示:政策变化风险;新品研发不及预期。",
            "数据来源:某某资讯,某某证券整理",
            "品种2019年2020年人血白蛋白3161.373882.26",
        ];
        let text = parts.concat();
        let at = |k: usize| normalize(&parts[..k].concat()).chars().count();
        let (risk, source, table) = (at(1), at(2), at(3));
        let analyze = |_: &str| BlockInfo {
            headings: vec![(0, Section::Summary), (risk, Section::Risk)],
            layout: vec![
                (0, Layout::Prose),
                (source, Layout::Furniture),
                (table, Layout::Table),
            ],
            tickers: Vec::new(),
        };
        let mut ps = Vec::new();
        cut(&text, &analyze, &mut |p| ps.push(p));
        let bullet = ps.iter().find(|p| p.text.contains("风险提示")).unwrap();
        assert_eq!(bullet.section, Section::Risk);
        assert!(!bullet.text.contains("数据来源"), "{}", bullet.text);
        // Before a title that leads into it, the source line is hidden.
        let titled = [
            "投资要点■行业景气度持续回升。",
            "■图1:批签发情况",
            parts[2],
            "公司收入稳步增长。",
        ];
        let text = titled.concat();
        let at = |k: usize| normalize(&titled[..k].concat()).chars().count();
        let (source, prose) = (at(2), at(3));
        let analyze = |_: &str| BlockInfo {
            headings: vec![(0, Section::Summary)],
            layout: vec![
                (0, Layout::Prose),
                (source, Layout::Furniture),
                (prose, Layout::Prose),
            ],
            tickers: Vec::new(),
        };
        let mut ps = Vec::new();
        cut(&text, &analyze, &mut |p| ps.push(p));
        assert!(ps
            .iter()
            .any(|p| p.text.contains("批签发情况数据来源") && !p.hidden.is_empty()));
    }
}
