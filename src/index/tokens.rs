//! Tokenizers of the two searchable fields.
//!
//! * `words`: jieba words of the normalized passage, punctuation,
//!   whitespace and plain numbers dropped. Indexed without frequencies or
//!   positions: it only tells whether a passage has the query's words as
//!   words (the ranking tier); `grams` does the matching and the counting.
//!   The indexer cuts the passage itself ([`Segmenter`]) and gives tantivy
//!   the words joined by [`WORD_SEPARATOR`], which [`WordTokenizer`] splits.
//! * `grams`: one token per character position: the character itself.
//!   Position `i` is character `i` of the normalized passage, so a phrase of
//!   consecutive characters is exactly a substring, whatever jieba would
//!   have cut. Single characters rather than bigrams: a few thousand
//!   distinct terms with long, densely packed postings instead of millions
//!   of rare ones: on `../shared/corpora/yanbao` the field takes 22 MB
//!   instead of 41 MB and the build half the time, while a query's rarest
//!   character still selects few passages. After the passage come
//!   [`OVERLAP_CHARS`] characters of the next passage as *marked* terms in
//!   their own namespace: invisible to queries, but they let `mentions`
//!   find an occurrence that crosses into the next passage. A digit that
//!   starts or ends a run of ASCII digits also gets a *boundary* term at
//!   its position ([`query_grams`]): a query term that begins or ends with
//!   a digit asks for it there, so `2025` does not match inside `120250`.
//!
//! [`OVERLAP_CHARS`]: crate::text::passage::OVERLAP_CHARS

use jieba_rs::Jieba;
use std::sync::{Arc, OnceLock};
use tantivy::tokenizer::{Token, TokenStream, Tokenizer};

/// Separates a passage from its overlap in the `grams` field value. NFKC
/// maps U+212B ANGSTROM SIGN to Å, so it never occurs in normalized text.
pub(crate) const OVERLAP_MARK: char = '\u{212B}';
/// Prefix of marked (overlap) gram terms. Normal gram terms are one
/// character, marked ones exactly two, so the namespaces never meet.
pub(crate) const MARKED_PREFIX: char = '\u{1}';

/// Prefixes of the boundary terms of a digit: the first of its run, the
/// last, or both (a run of one). Two characters each, like marked terms,
/// with prefixes of their own, so no namespace meets another.
const DIGIT_FIRST: char = '\u{2}';
const DIGIT_LAST: char = '\u{3}';
const DIGIT_ALONE: char = '\u{4}';

fn prefixed(prefix: char, c: char) -> String {
    let mut s = String::with_capacity(8);
    s.push(prefix);
    s.push(c);
    s
}

/// The gram terms of a query term, in order: its characters, except that
/// a leading digit must start a run of digits in the text and a trailing
/// one must end it. Numbers match whole (`2025` not inside `120250`,
/// `600519` not inside `16005190000`) while anything else matches as a
/// substring.
pub(crate) fn query_grams(text: &str) -> Vec<String> {
    let chars: Vec<char> = text.chars().collect();
    let n = chars.len();
    chars
        .iter()
        .enumerate()
        .map(|(i, &c)| {
            let first = i == 0 && c.is_ascii_digit();
            let last = i + 1 == n && c.is_ascii_digit();
            match (first, last) {
                (true, true) => prefixed(DIGIT_ALONE, c),
                (true, false) => prefixed(DIGIT_FIRST, c),
                (false, true) => prefixed(DIGIT_LAST, c),
                (false, false) => gram(c),
            }
        })
        .collect()
}

/// The `grams` field value of a passage followed by `overlap`.
pub(crate) fn grams_value(passage: &str, overlap: &str) -> String {
    let mut v = String::with_capacity(passage.len() + overlap.len() + 3);
    v.push_str(passage);
    if !overlap.is_empty() {
        v.push(OVERLAP_MARK);
        v.push_str(overlap);
    }
    v
}

/// The gram term of character `c` (normal namespace).
pub(crate) fn gram(c: char) -> String {
    c.to_string()
}

/// The marked (overlap) gram term of character `c`.
pub(crate) fn marked_gram(c: char) -> String {
    let mut s = String::with_capacity(8);
    s.push(MARKED_PREFIX);
    s.push(c);
    s
}

#[derive(Clone, Default)]
pub(crate) struct GramTokenizer;

pub(crate) struct GramStream<'a> {
    /// The passage's characters not yet emitted.
    passage: std::iter::Peekable<std::str::Chars<'a>>,
    /// The overlap's characters, emitted as marked terms after the passage.
    overlap: std::str::Chars<'a>,
    /// Whether the overlap starts with a digit: the passage's last digit
    /// run then goes on in the next passage.
    overlap_digit: bool,
    /// Whether the last character of the passage emitted was a digit.
    prev_digit: bool,
    /// Boundary terms still to emit at the last character's position.
    pending: Vec<String>,
    /// Position of the next token.
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
        GramStream {
            passage: passage.chars().peekable(),
            overlap: overlap.chars(),
            overlap_digit: overlap.starts_with(|c: char| c.is_ascii_digit()),
            prev_digit: false,
            pending: Vec::new(),
            next: 0,
            token: Token::default(),
        }
    }
}

impl TokenStream for GramStream<'_> {
    fn advance(&mut self) -> bool {
        if let Some(t) = self.pending.pop() {
            self.token.text = t;
            return true;
        }
        self.token.text.clear();
        if let Some(c) = self.passage.next() {
            self.token.text.push(c);
            let digit = c.is_ascii_digit();
            if digit {
                // A passage's first digit counts as the start of its run:
                // cuts are not placed inside numbers.
                let first = !self.prev_digit;
                let last = !self
                    .passage
                    .peek()
                    .map_or(self.overlap_digit, |n| n.is_ascii_digit());
                if first {
                    self.pending.push(prefixed(DIGIT_FIRST, c));
                }
                if last {
                    self.pending.push(prefixed(DIGIT_LAST, c));
                }
                if first && last {
                    self.pending.push(prefixed(DIGIT_ALONE, c));
                }
            }
            self.prev_digit = digit;
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

/// True for a jieba token worth indexing as a word: not whitespace or
/// punctuation alone, and not a plain number. Numbers are matched through
/// `grams` like everything else; as words they would be a third of the
/// `words` dictionary (every amount and date is a distinct term) while
/// adding nothing to ranking.
pub(crate) fn is_word(token: &str) -> bool {
    token.chars().any(crate::text::normalize::is_alphanumeric) && !is_number(token)
}

/// True for a jieba word that goes into the `words` field: a word (see
/// [`is_word`]) of at least two characters. Single characters (的, 股,
/// 年) are a quarter of jieba's words; as words they would tell little
/// about a passage (`grams` finds them anyway), and leaving them out
/// takes a few percent off the build and the index.
pub(crate) fn is_indexed_word(token: &str) -> bool {
    let mut chars = token.chars();
    match (chars.next(), chars.next()) {
        (Some(_), None) | (None, _) => false,
        // A Han character is alphanumeric and no number's: most of jieba's
        // words are decided by their first character.
        (Some(first), Some(_)) if crate::text::normalize::is_common_han(first) => true,
        _ => is_word(token),
    }
}

/// Digits with the punctuation of amounts and dates, and nothing else.
pub(crate) fn is_number(token: &str) -> bool {
    token.chars().any(|c| c.is_ascii_digit()) && token.chars().all(is_number_char)
}

/// A character that may occur in a plain number.
pub(crate) fn is_number_char(c: char) -> bool {
    c.is_ascii_digit() || matches!(c, '.' | ',' | '%' | '+' | '-' | '/' | ':')
}

/// Separates the words of a `words` field value. NFKC maps U+2126 OHM
/// SIGN to Ω, so it never occurs in normalized text.
pub(crate) const WORD_SEPARATOR: char = '\u{2126}';

/// jieba, built on first use: an `index` run with nothing to (re)index
/// never pays for loading the dictionary.
#[derive(Clone)]
pub(crate) struct Segmenter {
    jieba: Arc<OnceLock<Jieba>>,
    user_dict: Option<Arc<String>>,
}

impl Segmenter {
    /// `user_dict`: a dictionary in jieba's format, already validated.
    pub(crate) fn new(user_dict: Option<String>) -> Segmenter {
        Segmenter {
            jieba: Arc::new(OnceLock::new()),
            user_dict: user_dict.map(Arc::new),
        }
    }

    /// Starts loading jieba's dictionary on a thread of its own: the
    /// 0.1–0.2 s it takes then overlaps whatever the caller does before its
    /// first cut (a cut before it is loaded waits for it). A second call
    /// while it loads only adds a thread that waits too.
    pub(crate) fn preload(&self) {
        if self.jieba.get().is_none() {
            let segmenter = self.clone();
            std::thread::spawn(move || {
                segmenter.jieba();
            });
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

    /// The `words` field value of a normalized passage: its jieba words
    /// worth indexing (see [`is_indexed_word`]), separated by [`WORD_SEPARATOR`].
    /// Cut by the indexer's file threads, a report at a time, rather than
    /// by tantivy's indexing threads between two passages' characters:
    /// jieba's dictionary then stays in cache.
    pub(crate) fn words_value(&self, text: &str) -> String {
        let mut value = String::with_capacity(text.len() + text.len() / 4);
        for w in self.jieba().cut(text, true) {
            if is_indexed_word(w.word) {
                if !value.is_empty() {
                    value.push(WORD_SEPARATOR);
                }
                value.push_str(w.word);
            }
        }
        value
    }
}

/// Checks a user dictionary by loading it into an empty jieba.
pub(crate) fn check_user_dict(text: &str) -> Result<(), String> {
    let mut jieba = Jieba::empty();
    jieba
        .load_dict(&mut std::io::BufReader::new(text.as_bytes()))
        .map_err(|e| e.to_string())
}

/// Tokenizer of the `words` field: the words of a [`Segmenter::words_value`].
#[derive(Clone, Default)]
pub(crate) struct WordTokenizer;

pub(crate) struct WordStream<'a> {
    words: std::str::Split<'a, char>,
    next: usize,
    token: Token,
}

impl Tokenizer for WordTokenizer {
    type TokenStream<'a> = WordStream<'a>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> WordStream<'a> {
        WordStream {
            words: text.split(WORD_SEPARATOR),
            next: 0,
            token: Token::default(),
        }
    }
}

impl TokenStream for WordStream<'_> {
    fn advance(&mut self) -> bool {
        let Some(word) = self.words.by_ref().find(|w| !w.is_empty()) else {
            return false;
        };
        // One token reused, rather than a String allocated per word.
        self.token.text.clear();
        self.token.text.push_str(word);
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
                (0, "腾".into()),
                (1, "讯".into()),
                (2, "控".into()),
                (3, "股".into())
            ]
        );
        assert_eq!(grams("a"), vec![(0, "a".into())]);
        assert!(grams("").is_empty());
    }

    fn words(value: &str) -> Vec<String> {
        let mut t = WordTokenizer;
        let mut s = t.token_stream(value);
        let mut out = Vec::new();
        while s.advance() {
            out.push(s.token().text.clone());
        }
        out
    }

    #[test]
    fn words_value_keeps_words_and_drops_numbers_and_punctuation() {
        let seg = Segmenter::new(None);
        let value = seg.words_value("公司2024年营收增长23.5%,超预期。");
        let w = words(&value);
        assert!(w.contains(&"公司".to_string()), "{w:?}");
        assert!(w.iter().all(|x| is_indexed_word(x)), "{w:?}");
        assert!(!w.iter().any(|x| x.chars().count() == 1), "{w:?}");
        assert!(!w.iter().any(|x| x.contains("2024") || x == ","), "{w:?}");
        assert!(words("").is_empty());
    }

    #[test]
    fn a_user_dictionary_moves_the_word_boundaries() {
        let text = "琳天软件发布新品";
        let plain = words(&Segmenter::new(None).words_value(text));
        assert!(!plain.contains(&"琳天软件".to_string()), "{plain:?}");
        let with_dict = Segmenter::new(Some("琳天软件 100000 nz\n".into()));
        assert!(words(&with_dict.words_value(text)).contains(&"琳天软件".to_string()));
    }

    #[test]
    fn digits_that_start_or_end_a_run_get_boundary_terms() {
        let (f, l, a) = (DIGIT_FIRST, DIGIT_LAST, DIGIT_ALONE);
        assert_eq!(
            grams("a12b3"),
            vec![
                (0, "a".into()),
                (1, "1".into()),
                (1, format!("{f}1")),
                (2, "2".into()),
                (2, format!("{l}2")),
                (3, "b".into()),
                (4, "3".into()),
                (4, format!("{a}3")),
                (4, format!("{l}3")),
                (4, format!("{f}3")),
            ]
        );
        // The run goes on in the overlap: its last digit is not the end.
        let v = grams_value("x12", "3y");
        assert!(
            !grams(&v).contains(&(2, format!("{l}2"))),
            "{:?}",
            grams(&v)
        );
        assert_eq!(
            query_grams("2025"),
            [format!("{f}2"), "0".into(), "2".into(), format!("{l}5")]
        );
        assert_eq!(query_grams("5"), [format!("{a}5")]);
        assert_eq!(query_grams("5年"), [format!("{f}5"), "年".into()]);
        assert_eq!(query_grams("腾讯"), ["腾".to_string(), "讯".into()]);
    }

    #[test]
    fn grams_with_overlap_are_marked() {
        let v = grams_value("ab", "cd");
        let m = MARKED_PREFIX;
        assert_eq!(
            grams(&v),
            vec![
                (0, "a".into()),
                (1, "b".into()),
                (2, format!("{m}c")),
                (3, format!("{m}d"))
            ]
        );
    }
}
