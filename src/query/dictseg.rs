//! Cutting a query term into the index's own words, without jieba.
//!
//! Loading jieba's dictionary costs about 0.3 s, a hundred times a whole
//! query. The `words` field's term dictionary already holds every word the
//! indexer's jieba produced, with document frequencies: a maximum-
//! probability path through the term's substrings that are words there
//! (jieba's own method, over this vocabulary) reproduces its cut of the
//! term, and looking terms up in tantivy's FST costs microseconds.

use crate::index::tokens::is_indexed_word;
use tantivy::schema::{Field, Term};
use tantivy::Searcher;

/// Longest word tried, in characters.
const MAX_WORD: usize = 16;
/// Longest term segmented; longer ones get no word clause.
const MAX_TERM: usize = 64;

/// The words of `text` (normalized) as the index knows them, or `None`
/// when some part of it is no word of the index. Single characters are
/// stepped over, as they are not indexed.
pub(crate) fn segment(searcher: &Searcher, field: Field, text: &str) -> Option<Vec<String>> {
    let chars: Vec<char> = text.chars().collect();
    let n = chars.len();
    if n == 0 || n > MAX_TERM {
        return None;
    }
    let inverted: Vec<_> = searcher
        .segment_readers()
        .iter()
        .filter_map(|s| s.inverted_index(field).ok())
        .collect();
    let total: u64 = searcher.num_docs().max(1);
    let doc_freq = |word: &str| -> u64 {
        let term = Term::from_field_text(field, word);
        inverted
            .iter()
            .map(|ii| u64::from(ii.doc_freq(&term).unwrap_or(0)))
            .sum()
    };
    let free = free_steps(&chars);
    // best[i]: best log-probability of a cut of chars[..i], with the cut.
    let mut best: Vec<Option<(f64, usize)>> = vec![None; n + 1];
    best[0] = Some((0.0, 0));
    for i in 0..n {
        let Some((score, _)) = best[i] else { continue };
        if free[i] {
            // Punctuation, spaces and plain numbers are not words of the
            // index: step over them for free.
            if best[i + 1].is_none_or(|(s, _)| s < score) {
                best[i + 1] = Some((score, i));
            }
            continue;
        }
        for j in i + 1..=(i + MAX_WORD).min(n) {
            // Single characters are not indexed as words (see
            // `tokens::is_indexed_word`): one costs what a word found in a
            // single passage would, so that any real word is preferred.
            let df = if j == i + 1 {
                1
            } else {
                let word: String = chars[i..j].iter().collect();
                doc_freq(&word)
            };
            if df == 0 {
                continue;
            }
            let s = score + (df as f64 / total as f64).ln();
            if best[j].is_none_or(|(b, _)| b < s) {
                best[j] = Some((s, i));
            }
        }
    }
    best[n]?;
    let mut words = Vec::new();
    let mut j = n;
    while j > 0 {
        let (_, i) = best[j]?;
        let piece: String = chars[i..j].iter().collect();
        if is_indexed_word(&piece) {
            words.push(piece);
        }
        j = i;
    }
    words.reverse();
    Some(words)
}

/// Characters that are no part of any indexed word: punctuation, spaces,
/// and runs that jieba keeps as one token (its `[a-zA-Z0-9+#&._%-]+`) when
/// they hold no letter, i.e. plain numbers (see `tokens::is_word`).
fn free_steps(chars: &[char]) -> Vec<bool> {
    let mut free: Vec<bool> = chars
        .iter()
        .map(|c| !crate::text::normalize::is_alphanumeric(*c))
        .collect();
    let in_run =
        |c: char| c.is_ascii_alphanumeric() || matches!(c, '+' | '#' | '&' | '.' | '_' | '%' | '-');
    let mut i = 0;
    while i < chars.len() {
        if !in_run(chars[i]) {
            i += 1;
            continue;
        }
        let start = i;
        while i < chars.len() && in_run(chars[i]) {
            i += 1;
        }
        let run = &chars[start..i];
        if !run.iter().any(char::is_ascii_alphabetic) {
            free[start..i].iter_mut().for_each(|f| *f = true);
        }
    }
    free
}

#[cfg(test)]
mod tests {
    use super::free_steps;

    #[test]
    fn plain_numbers_are_stepped_over_and_alphanumeric_words_are_not() {
        let chars: Vec<char> = "2023年5g,12.5%".chars().collect();
        let free: Vec<bool> = free_steps(&chars);
        let expect = [
            true, true, true, true, false, false, false, true, true, true, true, true, true,
        ];
        assert_eq!(free, expect);
    }
}
