//! The library side of `yanbao-bench`: the search-quality harness (junk
//! classifier, nDCG@10 and relevance judgements), public for its tests.

pub mod quality;
