//! Tokenizers of the two searchable fields.
//!
//! * `words`: jieba words of the normalized passage, punctuation and
//!   whitespace dropped, positions counting the words kept. Ranks matches
//!   of whole words and phrases.
//! * `grams`: one token per character position: the bigram starting there.
//!   Position `i` is character `i` of the normalized passage, so a phrase of
//!   consecutive bigrams is exactly a substring, whatever jieba would have
//!   cut. The last character also gets its unigram, so that every position
//!   has a token that starts with its character (a one-character query is a
//!   prefix scan). After the passage come [`OVERLAP_CHARS`] characters of
//!   the next passage, as *marked* bigrams in their own term namespace:
//!   invisible to queries, but they let `mentions` find an occurrence that
//!   crosses into the next passage.
//!
//! [`OVERLAP_CHARS`]: crate::passage::OVERLAP_CHARS

use jieba_rs::Jieba;
use std::sync::{Arc, OnceLock};
use tantivy::tokenizer::{Token, TokenStream, Tokenizer};

/// Separates a passage from its overlap in the `grams` field value. NFKC
/// maps U+212B ANGSTROM SIGN to Å, so it never occurs in normalized text.
pub const OVERLAP_MARK: char = '\u{212B}';
/// Prefix of marked (overlap) gram terms. Normal gram terms have at most
/// two characters, marked ones exactly three, so the namespaces never meet.
pub const MARKED_PREFIX: char = '\u{1}';

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

/// The gram term of characters `a`, `b` (normal namespace).
pub fn gram(a: char, b: Option<char>) -> String {
    let mut s = String::with_capacity(8);
    s.push(a);
    if let Some(b) = b {
        s.push(b);
    }
    s
}

/// The marked (overlap) gram term of characters `a`, `b`.
pub fn marked_gram(a: char, b: char) -> String {
    let mut s = String::with_capacity(12);
    s.push(MARKED_PREFIX);
    s.push(a);
    s.push(b);
    s
}

#[derive(Clone, Default)]
pub struct GramTokenizer;

pub struct GramStream {
    chars: Vec<char>,
    /// Index in `chars` of the first overlap character (`chars.len()` if none).
    split: usize,
    /// Next position to emit.
    next: usize,
    token: Token,
}

impl Tokenizer for GramTokenizer {
    type TokenStream<'a> = GramStream;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> GramStream {
        let (passage, overlap) = match text.split_once(OVERLAP_MARK) {
            Some((p, o)) => (p, o),
            None => (text, ""),
        };
        let mut chars: Vec<char> = passage.chars().collect();
        let split = chars.len();
        if split > 0 {
            chars.extend(overlap.chars());
        }
        GramStream {
            chars,
            split,
            next: 0,
            token: Token::default(),
        }
    }
}

impl TokenStream for GramStream {
    fn advance(&mut self) -> bool {
        let n = self.split;
        let total = self.chars.len();
        // Positions 0..n: the passage (plus the extra unigram at n-1);
        // after the unigram, marked bigrams from n-1 to total-2.
        // `next` walks a virtual sequence: 0..n-1 bigrams, n-1 unigram,
        // then marked n-1..total-1.
        let step = self.next;
        self.next += 1;
        self.token.text.clear();
        if n == 0 {
            return false;
        }
        let (pos, text_ok) = if step + 1 < n {
            self.token.text.push(self.chars[step]);
            self.token.text.push(self.chars[step + 1]);
            (step, true)
        } else if step + 1 == n {
            self.token.text.push(self.chars[n - 1]);
            (n - 1, true)
        } else {
            let p = step - 1; // marked bigram starting at character p >= n-1
            if p + 1 < total {
                self.token.text.push(MARKED_PREFIX);
                self.token.text.push(self.chars[p]);
                self.token.text.push(self.chars[p + 1]);
                (p, true)
            } else {
                (p, false)
            }
        };
        self.token.position = pos;
        self.token.offset_from = 0;
        self.token.offset_to = 0;
        self.token.position_length = 1;
        text_ok
    }

    fn token(&self) -> &Token {
        &self.token
    }

    fn token_mut(&mut self) -> &mut Token {
        &mut self.token
    }
}

/// True for a jieba token worth indexing as a word (not whitespace or
/// punctuation alone).
pub fn is_word(token: &str) -> bool {
    token.chars().any(char::is_alphanumeric)
}

/// jieba, built on first use: an `index` run with nothing to (re)index
/// never pays for loading the dictionary.
#[derive(Clone)]
pub struct WordTokenizer {
    jieba: Arc<OnceLock<Jieba>>,
    user_dict: Option<Arc<String>>,
}

impl WordTokenizer {
    /// `user_dict`: a dictionary in jieba's format, already validated.
    pub fn new(user_dict: Option<String>) -> WordTokenizer {
        WordTokenizer {
            jieba: Arc::new(OnceLock::new()),
            user_dict: user_dict.map(Arc::new),
        }
    }

    fn jieba(&self) -> &Jieba {
        self.jieba.get_or_init(|| {
            let mut jieba = Jieba::new();
            if let Some(d) = &self.user_dict {
                // Validated by `load_user_dict` before indexing started.
                let _ = jieba.load_dict(&mut std::io::BufReader::new(d.as_bytes()));
            }
            jieba
        })
    }
}

/// Checks a user dictionary by loading it into an empty jieba.
pub fn check_user_dict(text: &str) -> Result<(), String> {
    let mut jieba = Jieba::empty();
    jieba
        .load_dict(&mut std::io::BufReader::new(text.as_bytes()))
        .map_err(|e| e.to_string())
}

pub struct WordStream {
    tokens: Vec<Token>,
    next: usize,
}

impl Tokenizer for WordTokenizer {
    type TokenStream<'a> = WordStream;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> WordStream {
        let mut tokens = Vec::new();
        for w in self.jieba().cut(text, true) {
            if is_word(w.word) {
                tokens.push(Token {
                    offset_from: w.byte_start,
                    offset_to: w.byte_start + w.word.len(),
                    position: tokens.len(),
                    text: w.word.to_string(),
                    position_length: 1,
                });
            }
        }
        WordStream { tokens, next: 0 }
    }
}

impl TokenStream for WordStream {
    fn advance(&mut self) -> bool {
        self.next += 1;
        self.next <= self.tokens.len()
    }

    fn token(&self) -> &Token {
        &self.tokens[self.next - 1]
    }

    fn token_mut(&mut self) -> &mut Token {
        &mut self.tokens[self.next - 1]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn grams(text: &str) -> Vec<(usize, String)> {
        let mut t = GramTokenizer;
        let mut s = t.token_stream(text);
        let mut out = Vec::new();
        while s.advance() {
            out.push((s.token().position, s.token().text.clone()));
        }
        out
    }

    #[test]
    fn grams_of_a_last_passage() {
        assert_eq!(
            grams("腾讯控股"),
            vec![
                (0, "腾讯".into()),
                (1, "讯控".into()),
                (2, "控股".into()),
                (3, "股".into())
            ]
        );
        assert_eq!(grams("a"), vec![(0, "a".into())]);
        assert!(grams("").is_empty());
    }

    #[test]
    fn grams_with_overlap_are_marked() {
        let v = grams_value("ab", "cd");
        let m = MARKED_PREFIX;
        assert_eq!(
            grams(&v),
            vec![
                (0, "ab".into()),
                (1, "b".into()),
                (1, format!("{m}bc")),
                (2, format!("{m}cd"))
            ]
        );
    }
}
