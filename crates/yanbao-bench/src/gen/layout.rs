//! The page layout of a report's text: paragraphs wrapped at a line width like a PDF extractor's
//! output, page headers and footers, headings and table rows; or markdown.

use rand::Rng;
use rand_chacha::ChaCha8Rng;
use std::fmt::Write as _;

pub(super) struct Writer {
    pub(super) out: String,
    pub(super) markdown: bool,
    /// Line width in half-width units (a CJK char counts 2, ASCII 1).
    pub(super) width: usize,
    pub(super) blank_prob: f64,
    pub(super) double_spaced: bool,
    pub(super) indent: bool,
    pub(super) page_lines: usize,
    pub(super) lines: usize,
    pub(super) page: u32,
    pub(super) pages_est: u32,
    pub(super) footer: String,
    pub(super) page_header: String,
    pub(super) footer_style: u8,
}

impl Writer {
    pub(super) fn newline(&mut self, rng: &mut ChaCha8Rng) {
        self.out.push('\n');
        if self.markdown {
            return;
        }
        if self.double_spaced || (self.blank_prob > 0.0 && rng.random_bool(self.blank_prob)) {
            self.out.push('\n');
        }
        self.lines += 1;
        if self.lines >= self.page_lines {
            self.page_break(rng);
        }
    }

    pub(super) fn page_break(&mut self, rng: &mut ChaCha8Rng) {
        self.lines = 0;
        let p = self.page;
        let _ = match self.footer_style {
            0 => writeln!(self.out, "{} {p}", self.footer),
            1 => writeln!(self.out, "{}\n- {p} -", self.footer),
            2 => writeln!(self.out, "{p} / {}", self.pages_est.max(p)),
            _ => writeln!(self.out, "{}  第{p}页", self.footer),
        };
        if rng.random_bool(0.5) {
            self.out.push('\n');
        }
        self.page += 1;
        self.out.push_str(&self.page_header);
        self.out.push('\n');
    }

    /// Wraps `text` at the line width, so long Latin words are sometimes split like in PDF text.
    pub(super) fn para(&mut self, text: &str, rng: &mut ChaCha8Rng) {
        if self.markdown {
            self.out.push_str(text);
            self.out.push_str("\n\n");
            return;
        }
        if self.indent {
            self.out.push_str("\u{3000}\u{3000}");
        }
        let mut w = if self.indent { 4 } else { 0 };
        let mut start = 0;
        for (i, c) in text.char_indices() {
            w += if c.is_ascii() { 1 } else { 2 };
            if w >= self.width {
                let end = i + c.len_utf8();
                self.out.push_str(&text[start..end]);
                start = end;
                w = 0;
                self.newline(rng);
            }
        }
        if start < text.len() {
            self.out.push_str(&text[start..]);
            self.newline(rng);
        }
    }

    pub(super) fn line(&mut self, text: &str, rng: &mut ChaCha8Rng) {
        self.out.push_str(text);
        self.newline(rng);
    }

    pub(super) fn heading(&mut self, level: usize, text: &str, spaced: bool, rng: &mut ChaCha8Rng) {
        if self.markdown {
            for _ in 0..level.clamp(1, 4) {
                self.out.push('#');
            }
            self.out.push(' ');
            self.out.push_str(text);
            self.out.push_str("\n\n");
            return;
        }
        if spaced && text.chars().count() <= 6 {
            // Letter-spaced headings come out of PDFs as "投 资 要 点".
            let mut first = true;
            for c in text.chars() {
                if !first {
                    self.out.push(' ');
                }
                self.out.push(c);
                first = false;
            }
            self.newline(rng);
        } else {
            self.line(text, rng);
        }
    }

    pub(super) fn row(&mut self, cells: &[&str], rng: &mut ChaCha8Rng) {
        if self.markdown {
            self.out.push('|');
            for c in cells {
                self.out.push(' ');
                self.out.push_str(c);
                self.out.push_str(" |");
            }
            self.out.push('\n');
            return;
        }
        for (i, c) in cells.iter().enumerate() {
            if i > 0 {
                for _ in 0..rng.random_range(1..4) {
                    self.out.push(' ');
                }
            }
            self.out.push_str(c);
        }
        self.newline(rng);
    }
}
