//! The plain indexer reference: the simplest tantivy + jieba index of a corpus (one stored text
//! field tokenized by jieba-rs `cut`, one document per file, one indexing thread), timed on the
//! same machine and the same files as yanbao's build. Run by `run` as the hidden `plain-probe`
//! subcommand, in a child process, like the jieba probe.

use crate::numbers::MB;
use crate::run::{corpus_files, read_text};
use anyhow::{Context, Result};
use serde_json::{json, Value};
use std::path::Path;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::Instant;
use tantivy::schema::{IndexRecordOption, Schema, TextFieldIndexing, TextOptions};
use tantivy::tokenizer::{Token, TokenStream, Tokenizer};
use tantivy::{doc, Index, IndexWriter};
use yanbao::index::disk_size;

const TOKENIZER: &str = "jieba_cut";
/// Indexing threads and memory budget of the plain writer.
const THREADS: usize = 1;
const MEMORY_BUDGET: usize = 256_000_000;
/// Name of the index folder inside `--work`; removed before and after.
const INDEX_DIR: &str = "yanbao-bench-plain-index";

/// Every token of jieba-rs `cut(text, true)` (HMM on, the call the jieba probe times), unfiltered:
/// whitespace and punctuation tokens are indexed too, as a plain indexer would.
#[derive(Clone)]
pub struct JiebaCut {
    jieba: Arc<jieba_rs::Jieba>,
    /// Tokens produced so far, over all texts.
    tokens: Arc<AtomicU64>,
}

pub struct JiebaCutStream<'a> {
    /// jieba's words with their positions.
    words: std::iter::Enumerate<std::vec::IntoIter<jieba_rs::Token<'a>>>,
    token: Token,
}

impl Tokenizer for JiebaCut {
    type TokenStream<'a> = JiebaCutStream<'a>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> JiebaCutStream<'a> {
        let words = self.jieba.cut(text, true);
        self.tokens.fetch_add(words.len() as u64, Ordering::Relaxed);
        JiebaCutStream {
            words: words.into_iter().enumerate(),
            token: Token::default(),
        }
    }
}

impl TokenStream for JiebaCutStream<'_> {
    fn advance(&mut self) -> bool {
        let Some((position, w)) = self.words.next() else {
            return false;
        };
        self.token.text.clear();
        self.token.text.push_str(w.word);
        self.token.offset_from = w.byte_start;
        self.token.offset_to = w.byte_end;
        self.token.position = position;
        true
    }

    fn token(&self) -> &Token {
        &self.token
    }

    fn token_mut(&mut self) -> &mut Token {
        &mut self.token
    }
}

/// The hidden `plain-probe` subcommand: builds the plain index of `corpus` in `work`, prints its
/// figures as JSON and removes the index.
pub fn plain_probe(corpus: &Path, work: &Path) -> Result<()> {
    let files = corpus_files(corpus);
    let dir = work.join(INDEX_DIR);
    if dir.exists() {
        std::fs::remove_dir_all(&dir).with_context(|| format!("removing {}", dir.display()))?;
    }
    std::fs::create_dir_all(&dir).with_context(|| format!("creating {}", dir.display()))?;
    let result = plain_index(&files, &dir);
    let removed = std::fs::remove_dir_all(&dir);
    let v = result?;
    removed.with_context(|| format!("removing {}", dir.display()))?;
    println!("{v}");
    Ok(())
}

/// Indexes every file of `files` (the whole corpus, like yanbao's build) into a new index in
/// `dir`. The timed span starts after jieba's dictionary is loaded (reported separately) and
/// covers creating the index, reading and decoding each file (as the jieba probe reads it),
/// tokenizing, indexing, the commit and waiting for merges.
pub fn plain_index(files: &[(std::path::PathBuf, u64)], dir: &Path) -> Result<Value> {
    let t0 = Instant::now();
    let jieba = Arc::new(jieba_rs::Jieba::new());
    let load = t0.elapsed().as_secs_f64();
    let tokens = Arc::new(AtomicU64::new(0));
    let tokenizer = JiebaCut {
        jieba,
        tokens: tokens.clone(),
    };

    let t1 = Instant::now();
    let mut sb = Schema::builder();
    let text = sb.add_text_field(
        "text",
        TextOptions::default().set_stored().set_indexing_options(
            TextFieldIndexing::default()
                .set_tokenizer(TOKENIZER)
                .set_index_option(IndexRecordOption::WithFreqsAndPositions),
        ),
    );
    let index = Index::create_in_dir(dir, sb.build())?;
    index.tokenizers().register(TOKENIZER, tokenizer);
    let mut writer: IndexWriter = index.writer_with_num_threads(THREADS, MEMORY_BUDGET)?;
    let (mut bytes, mut docs, mut unreadable) = (0u64, 0u64, 0u64);
    for (path, _) in files {
        match read_text(path) {
            Some((t, n)) => {
                bytes += n;
                docs += 1;
                writer.add_document(doc!(text => t))?;
            }
            None => unreadable += 1,
        }
    }
    writer.commit()?;
    writer.wait_merging_threads()?;
    let secs = t1.elapsed().as_secs_f64();

    let segments = index.searchable_segment_ids()?.len();
    Ok(json!({
        "mb_per_s": if secs > 0.0 { Some(bytes as f64 / MB / secs) } else { None },
        "seconds": secs,
        "timed": "index creation, reading the files, tokenizing, indexing, commit, waiting for merges",
        "bytes": bytes,
        "docs": docs,
        "unreadable_files": unreadable,
        "tokens": tokens.load(Ordering::Relaxed),
        "index_bytes": disk_size(dir),
        "segments": segments,
        "indexing_threads": THREADS,
        "memory_budget_bytes": MEMORY_BUDGET,
        "dict_load_seconds": load,
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_are_jiebas_cut_with_offsets_and_positions() {
        let jieba = Arc::new(jieba_rs::Jieba::new());
        let mut t = JiebaCut {
            jieba: jieba.clone(),
            tokens: Arc::new(AtomicU64::new(0)),
        };
        let text = "贵州茅台发布 2024 年报，营收增长。";
        let mut s = t.token_stream(text);
        let mut got = Vec::new();
        while s.advance() {
            let tok = s.token();
            assert_eq!(&text[tok.offset_from..tok.offset_to], tok.text);
            got.push((tok.position, tok.text.clone()));
        }
        let want: Vec<(usize, String)> = jieba
            .cut(text, true)
            .iter()
            .enumerate()
            .map(|(i, w)| (i, w.word.to_string()))
            .collect();
        assert_eq!(got, want);
        assert_eq!(t.tokens.load(Ordering::Relaxed), want.len() as u64);
    }

    #[test]
    fn plain_index_of_a_small_corpus() {
        let dir = std::env::temp_dir().join(format!("ybplain-test-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        let (corpus, index) = (dir.join("corpus"), dir.join("index"));
        std::fs::create_dir_all(corpus.join("a")).unwrap();
        std::fs::create_dir_all(&index).unwrap();
        std::fs::write(corpus.join("a/x.txt"), "公司营收增长，芯片业务超预期。").unwrap();
        std::fs::write(corpus.join("y.md"), b"\xff\xfe bad bytes \xe8\x8a\xaf").unwrap();
        let files = corpus_files(&corpus);
        let v = plain_index(&files, &index).unwrap();
        assert_eq!(v["docs"], 2);
        assert_eq!(v["bytes"], files.iter().map(|f| f.1).sum::<u64>());
        assert!(v["tokens"].as_u64().unwrap() > 5, "{v}");
        assert!(v["index_bytes"].as_u64().unwrap() > 0, "{v}");
        assert!(v["mb_per_s"].as_f64().unwrap() > 0.0, "{v}");
        let _ = std::fs::remove_dir_all(&dir);
    }
}
