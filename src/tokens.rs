//! The tokenizer of the searchable field, `grams`.
//!
//! One token per character position: the character itself. Position `i` is
//! character `i` of the normalized passage, so a phrase of consecutive
//! characters is exactly a substring, whatever jieba would have cut.
//! Single characters rather than bigrams: a few thousand distinct terms
//! with long, densely packed postings instead of millions of rare ones (on
//! `../shared/corpora/yanbao` the field takes 22 MB instead of 41 MB and
//! the build half the time), while a query's rarest character still
//! selects few passages.
//!
//! Where jieba starts a word (and at the end of the passage) the field also
//! holds the [`BOUNDARY`] term, at the position of the word's first
//! character. A term that starts and ends on boundaries is made of whole
//! words: that is what ranks whole-word matches first (`search`), with no
//! segmentation at query time and no second field: one frequent term costs
//! the build far less than a word field's hundreds of thousands of terms.
//!
//! After the passage come [`OVERLAP_CHARS`] characters of the next passage
//! as *marked* terms in their own namespace: invisible to queries, but they
//! let `mentions` find an occurrence that crosses into the next passage.
//!
//! [`OVERLAP_CHARS`]: crate::passage::OVERLAP_CHARS

use jieba_rs::Jieba;
use std::sync::{Arc, OnceLock};
use tantivy::tokenizer::{Token, TokenStream, Tokenizer};

/// Separates a passage from its overlap in the `grams` field value. NFKC
/// maps U+212B ANGSTROM SIGN to Å, so it never occurs in normalized text.
pub const OVERLAP_MARK: char = '\u{212B}';
/// Prefix of marked (overlap) gram terms. Normal gram terms are one
/// character, marked ones exactly two, so the namespaces never meet.
pub const MARKED_PREFIX: char = '\u{1}';
/// The word-boundary term: two characters, not starting with
/// [`MARKED_PREFIX`], so no character or marked term can be it.
pub const BOUNDARY: &str = "\u{2}\u{2}";

/// The `grams` field value of a passage followed by `overlap`.
pub fn grams_value(passage: &str, overlap: &str) -> String {
    let mut v = String::with_capacity(passage.len() + overlap.len() + 3);
    v.push_str(passage);
    if !overlap.is_empty() {
        v.push(OVERLAP_MARK);
        v.push_str(overlap);
    }
    v
}

/// The gram term of character `c` (normal namespace).
pub fn gram(c: char) -> String {
    c.to_string()
}

/// The marked (overlap) gram term of character `c`.
pub fn marked_gram(c: char) -> String {
    let mut s = String::with_capacity(8);
    s.push(MARKED_PREFIX);
    s.push(c);
    s
}

/// jieba, built on first use: an `index` run with nothing to (re)index, and
/// every query, never pay for loading the dictionary.
#[derive(Clone)]
pub struct GramTokenizer {
    jieba: Arc<OnceLock<Jieba>>,
    user_dict: Option<Arc<String>>,
}

impl GramTokenizer {
    /// `user_dict`: a dictionary in jieba's format, already validated.
    pub fn new(user_dict: Option<String>) -> GramTokenizer {
        GramTokenizer {
            jieba: Arc::new(OnceLock::new()),
            user_dict: user_dict.map(Arc::new),
        }
    }

    fn jieba(&self) -> &Jieba {
        self.jieba.get_or_init(|| {
            let mut jieba = Jieba::new();
            if let Some(d) = &self.user_dict {
                // Validated by `check_user_dict` before indexing started.
                let _ = jieba.load_dict(&mut std::io::BufReader::new(d.as_bytes()));
            }
            jieba
        })
    }

    /// Character positions where jieba starts a word in `passage`, then
    /// the passage's length: ascending, without repeats.
    fn word_starts(&self, passage: &str) -> Vec<usize> {
        let mut byte_starts = self
            .jieba()
            .cut(passage, true)
            .into_iter()
            .map(|w| w.byte_start)
            .peekable();
        let mut starts = Vec::new();
        let mut n = 0;
        for (i, (byte, _)) in passage.char_indices().enumerate() {
            let mut here = false;
            while let Some(b) = byte_starts.next_if(|&b| b <= byte) {
                here |= b == byte;
            }
            if here {
                starts.push(i);
            }
            n = i + 1;
        }
        starts.push(n);
        starts
    }
}

/// Checks a user dictionary by loading it into an empty jieba.
pub fn check_user_dict(text: &str) -> Result<(), String> {
    let mut jieba = Jieba::empty();
    jieba
        .load_dict(&mut std::io::BufReader::new(text.as_bytes()))
        .map_err(|e| e.to_string())
}

pub struct GramStream<'a> {
    /// The passage's characters not yet emitted.
    passage: std::str::Chars<'a>,
    /// The overlap's characters, emitted as marked terms after the passage.
    overlap: std::str::Chars<'a>,
    /// Word starts (see [`GramTokenizer::word_starts`]) not yet emitted.
    starts: std::vec::IntoIter<usize>,
    next_start: Option<usize>,
    /// Position of the next character.
    next: usize,
    token: Token,
}

impl Tokenizer for GramTokenizer {
    type TokenStream<'a> = GramStream<'a>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> GramStream<'a> {
        let (passage, overlap) = match text.split_once(OVERLAP_MARK) {
            Some((p, o)) if !p.is_empty() => (p, o),
            Some(_) => ("", ""),
            None => (text, ""),
        };
        let starts = if passage.is_empty() {
            Vec::new()
        } else {
            self.word_starts(passage)
        };
        let mut starts = starts.into_iter();
        GramStream {
            passage: passage.chars(),
            overlap: overlap.chars(),
            next_start: starts.next(),
            starts,
            next: 0,
            token: Token::default(),
        }
    }
}

impl TokenStream for GramStream<'_> {
    fn advance(&mut self) -> bool {
        self.token.text.clear();
        if self.next_start == Some(self.next) {
            // The boundary before the character at the same position.
            self.next_start = self.starts.next();
            self.token.text.push_str(BOUNDARY);
            self.token.position = self.next;
            return true;
        }
        if let Some(c) = self.passage.next() {
            self.token.text.push(c);
        } else if let Some(c) = self.overlap.next() {
            self.token.text.push(MARKED_PREFIX);
            self.token.text.push(c);
        } else {
            return false;
        }
        self.token.position = self.next;
        self.next += 1;
        true
    }

    fn token(&self) -> &Token {
        &self.token
    }

    fn token_mut(&mut self) -> &mut Token {
        &mut self.token
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn grams(text: &str) -> Vec<(usize, String)> {
        let mut t = GramTokenizer::new(None);
        let mut s = t.token_stream(text);
        let mut out = Vec::new();
        while s.advance() {
            out.push((s.token().position, s.token().text.clone()));
        }
        out
    }

    #[test]
    fn grams_of_a_last_passage() {
        // jieba cuts 腾讯|控股|发布.
        let b = BOUNDARY.to_string();
        assert_eq!(
            grams("腾讯控股发布"),
            vec![
                (0, b.clone()),
                (0, "腾".into()),
                (1, "讯".into()),
                (2, b.clone()),
                (2, "控".into()),
                (3, "股".into()),
                (4, b.clone()),
                (4, "发".into()),
                (5, "布".into()),
                (6, b.clone()),
            ]
        );
        assert_eq!(grams("a"), vec![(0, b.clone()), (0, "a".into()), (1, b)]);
        assert!(grams("").is_empty());
    }

    #[test]
    fn grams_with_overlap_are_marked() {
        let v = grams_value("ab", "cd");
        let (m, b) = (MARKED_PREFIX, BOUNDARY.to_string());
        assert_eq!(
            grams(&v),
            vec![
                (0, b.clone()),
                (0, "a".into()),
                (1, "b".into()),
                (2, b),
                (2, format!("{m}c")),
                (3, format!("{m}d"))
            ]
        );
    }
}
