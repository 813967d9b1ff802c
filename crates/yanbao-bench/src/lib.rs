//! The library side of `yanbao-bench`: the search-quality harness (junk
//! classifier, nDCG@10 and relevance judgements), public for its tests, and what the
//! harnesses share about their corpora.

pub mod corpora;
pub mod in_process;
pub mod quality;
