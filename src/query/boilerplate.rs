//! Boilerplate: passages repeated nearly verbatim across many reports
//! (disclaimers, rating scales, analyst statements), recognized by how
//! many passages of the index share their sentences.

use crate::index::schema::Fields;
use anyhow::Result;
use std::collections::HashMap;
use std::sync::Arc;
use tantivy::schema::{Field, Term};
use tantivy::Searcher;

/// Recognizes boilerplate: passages most of whose sentences occur in many
/// passages of the index (disclaimers, rating scales, addresses).
pub(crate) struct Boilerplate {
    inverted: Vec<Arc<tantivy::InvertedIndexReader>>,
    field: Field,
    threshold: u32,
    cache: std::sync::Mutex<HashMap<u64, u32>>,
}

impl Boilerplate {
    pub(crate) fn new(searcher: &Searcher, fields: Fields) -> Result<Boilerplate> {
        let mut inverted = Vec::new();
        let mut reports = 0u64;
        let report_term = Term::from_field_u64(fields.kind, crate::index::schema::KIND_REPORT);
        for seg in searcher.segment_readers() {
            inverted.push(seg.inverted_index(fields.sentences)?);
            reports += u64::from(seg.inverted_index(fields.kind)?.doc_freq(&report_term)?);
        }
        let threshold = if reports < 50 { 3 } else { 5 };
        Ok(Boilerplate {
            inverted,
            field: fields.sentences,
            threshold,
            cache: Default::default(),
        })
    }

    fn frequency(&self, fp: u64) -> u32 {
        if let Some(&n) = self
            .cache
            .lock()
            .ok()
            .and_then(|c| c.get(&fp).copied())
            .as_ref()
        {
            return n;
        }
        let term = Term::from_field_u64(self.field, fp);
        let n = self
            .inverted
            .iter()
            .map(|ii| ii.doc_freq(&term).unwrap_or(0))
            .sum();
        if let Ok(mut c) = self.cache.lock() {
            c.insert(fp, n);
        }
        n
    }

    pub(crate) fn is_boilerplate(&self, fingerprints: impl Iterator<Item = u64>) -> bool {
        let (mut total, mut common) = (0, 0);
        for fp in fingerprints {
            total += 1;
            // A sentence's first occurrence is not indexed (see `seen`).
            if self.frequency(fp) + 1 >= self.threshold {
                common += 1;
            }
        }
        total > 0 && common * 10 >= total * 6
    }
}

/// Rating words of brokers' rating scales.
const RATING_WORDS: [&str; 24] = [
    "买入",
    "增持",
    "中性",
    "减持",
    "卖出",
    "推荐",
    "回避",
    "持有",
    "跑赢",
    "跑输",
    "强于大市",
    "弱于大市",
    "同步大市",
    "优于大市",
    "领先大市",
    "落后大市",
    "看好",
    "看淡",
    "超配",
    "低配",
    "标配",
    "无评级",
    "谨慎推荐",
    "审慎增持",
];
/// What follows a rating word that a scale defines (`增持未来6-12个月…`,
/// `买入:相对于…`), within a few characters.
const DEFINING: [&str; 4] = ["未来", "相对", "股价", "预期"];

/// Whether a passage defines three rating words or more: a rating scale,
/// legal text wherever the report prints it (a front page's box read as
/// body text, `…级买入未来6-12个月的投资收益率领先市场基准指数15%以上增持
/// 未来6-12个月…`). A sentence that rates a stock defines none.
pub(crate) fn defines_ratings(text: &str) -> bool {
    RATING_WORDS
        .iter()
        .filter(|w| {
            text.match_indices(*w).any(|(at, w)| {
                let after: String = text[at + w.len()..].chars().take(6).collect();
                DEFINING.iter().any(|d| after.contains(d))
            })
        })
        .count()
        >= 3
}

#[cfg(test)]
mod tests {
    use super::defines_ratings;

    #[test]
    fn a_rating_scale_defines_its_words_a_rating_does_not() {
        let scale = "评级买入未来6-12个月的投资收益率领先市场基准指数15%以上;增持未来6-12个月的投资收益率领先市场基准指数5%至15%;中性未来6-12个月的投资收益率与市场基准指数的变动幅度相差-5%至5%;减持未来6-12个月的投资收益率落后市场基准指数5%至15%。";
        assert!(defines_ratings(scale));
        let rating = "我们预计公司2031年净利润12亿元,维持买入评级,目标价58元。未来三年公司有望保持增长,建议增持产业链龙头,中性情形下估值仍有空间。";
        assert!(!defines_ratings(rating));
    }
}
