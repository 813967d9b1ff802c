//! Cutting a query term into the index's own words, without jieba.
//!
//! Loading jieba's dictionary costs about 0.3 s, a hundred times a whole
//! query. The `words` field's term dictionary already holds every word the
//! indexer's jieba produced, with document frequencies: a maximum-
//! probability path through the term's substrings that are words there
//! (jieba's own method, over this vocabulary) reproduces its cut of the
//! term, and looking terms up in tantivy's FST costs microseconds.

use tantivy::schema::{Field, Term};
use tantivy::Searcher;

/// Longest word tried, in characters.
const MAX_WORD: usize = 16;
/// Longest term segmented; longer ones get no word clause.
const MAX_TERM: usize = 64;

/// The words of `text` (normalized) as the index knows them, or `None`
/// when some part of it is no word of the index.
pub fn segment(searcher: &Searcher, field: Field, text: &str) -> Option<Vec<String>> {
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
    // best[i]: best log-probability of a cut of chars[..i], with the cut.
    let mut best: Vec<Option<(f64, usize)>> = vec![None; n + 1];
    best[0] = Some((0.0, 0));
    for i in 0..n {
        let Some((score, _)) = best[i] else { continue };
        if !chars[i].is_alphanumeric() {
            // Punctuation and spaces are not words: step over them for free.
            if best[i + 1].is_none_or(|(s, _)| s < score) {
                best[i + 1] = Some((score, i));
            }
            continue;
        }
        for j in i + 1..=(i + MAX_WORD).min(n) {
            let word: String = chars[i..j].iter().collect();
            let df = doc_freq(&word);
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
        if piece.chars().any(char::is_alphanumeric) {
            words.push(piece);
        }
        j = i;
    }
    words.reverse();
    Some(words)
}
