//! A rating box's label with its rating right after it and no colon
//! (`上次评级增持`, `投资评级优于大市维持`, `投资评级行业评级强于大市`):
//! the box's field, as the labelling guide's `评级:买入 上次评级…` is.
//! Prose writes a rating label before a verb or a particle
//! (`上次评级为买入`, `投资评级的调整`), not the rating word itself.
//! Also where a block starts with the rating words before its first
//! field (`rating_lead`: `增持(维持)作者分析师:…`).

use super::RATINGS;

/// Labels of a rating box whose value is a rating word.
const RATING_LABELS: &[&str] = &["投资评级", "上次评级", "行业评级"];

/// Industry ratings some brokers give beside the stock ratings of
/// [`RATINGS`] (`领先大市-a`, `超配`): a box's value as well.
const INDUSTRY_RATINGS: &[&str] = &[
    "领先大市",
    "落后大市",
    "超配",
    "标配",
    "低配",
    "看好",
    "看淡",
];

/// A second label a box writes right after `投资评级` (which rating).
const WHICH_RATING: &[&str] = &["行业评级", "公司评级", "股票评级"];

/// What a rating scale writes before `投资评级` over its definitions.
const SCALE_HEADS: &[&str] = &["股票", "行业", "公司", "定义"];

/// Labels that are a field only with a rating after them: a rating
/// scale and a disclaimer write `行业评级标准`, `行业评级体系`.
const ONLY_WITH_RATING: &[&str] = &["行业评级"];

/// Is `label` a field only when [`rating_follows`] it?
fn only_with_rating(label: &[char]) -> bool {
    ONLY_WITH_RATING
        .iter()
        .any(|l| label.iter().copied().eq(l.chars()))
}

/// Is `label`, ending at `at`, a rating label with a rating (or the
/// label of which rating) right after it?
fn rating_follows(chars: &[char], label: &[char], at: usize) -> bool {
    if !RATING_LABELS
        .iter()
        .any(|l| label.iter().copied().eq(l.chars()))
    {
        return false;
    }
    // A rating scale heads its definitions with the same words
    // (`股票投资评级强烈推荐股票价格在未来6个月内…`): which ratings are
    // defined, not a box's value.
    let start = at.saturating_sub(label.len());
    if SCALE_HEADS
        .iter()
        .any(|h| chars[..start].ends_with(&h.chars().collect::<Vec<_>>()))
    {
        return false;
    }
    let mut rest = &chars[at.min(chars.len())..];
    // (`行业评级:增持`, `行业评级(首次)强于大市`: a colon, the change.)
    if rest.first() == Some(&':') {
        rest = &rest[1..];
    }
    for change in ["(首次)", "(维持)"] {
        let change: Vec<char> = change.chars().collect();
        if rest.starts_with(&change) {
            rest = &rest[change.len()..];
        }
    }
    // A scale defines each rating after a colon (`行业评级看好:我们预计
    // 未来6个月内…`); a box gives the rating and goes on.
    let rated = |w: &&str| {
        let w: Vec<char> = w.chars().collect();
        rest.starts_with(&w) && rest.get(w.len()) != Some(&':')
    };
    RATINGS
        .iter()
        .chain(INDUSTRY_RATINGS)
        .chain(WHICH_RATING)
        .any(rated)
}

/// Is the label `label` ending at `at` a field? `labelled` says whether
/// its separator or value made it one; a rating right after a rating
/// label does too, and for [`ONLY_WITH_RATING`] only that does.
pub(super) fn labelled(chars: &[char], label: &[char], at: usize, labelled: bool) -> bool {
    match only_with_rating(label) {
        true => rating_follows(chars, label, at),
        false => labelled || rating_follows(chars, label, at),
    }
}

/// What a rating box writes before its first field: the rating and its
/// change (`增持(维持)作者分析师:…`, `买入——首次`).
const RATING_LEAD: &[&str] = &[
    "作者", "评级:", "评级", "(维持)", "(首次)", "(上调)", "(下调)", "维持", "首次", "——", "-", ":",
];

/// The start of a block at `start` with the rating words right before it
/// (at most 16 characters, not before `floor`).
pub(super) fn rating_lead(chars: &[char], start: usize, floor: usize) -> usize {
    let mut k = start;
    loop {
        let token = RATING_LEAD.iter().chain(RATINGS).find_map(|t| {
            let len = t.chars().count();
            (k >= floor + len
                && start - (k - len) <= 16
                && chars[k - len..k].iter().copied().eq(t.chars()))
            .then_some(len)
        });
        match token {
            Some(len) => k -= len,
            None => return k,
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::report::cover::tests::blocks;

    #[test]
    fn a_rating_right_after_its_label_is_the_boxs_value() {
        let found = blocks(
            "丙丁行业周报[table_invest]评级增持上次评级增持相关研究《丙丁行业:需求回暖》2020-01-02",
        );
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(found[0].starts_with("评级增持上次评级增持"), "{found:?}");
        let found = blocks("2021年05月07日投资评级行业评级强于大市(维持评级)上次评级强于大市作者张三分析师sac执业证书编号:s1110500000001");
        assert!(found[0].starts_with("投资评级行业评级"), "{found:?}");
    }

    #[test]
    fn an_industry_rating_is_a_value_too() {
        let found =
            blocks("丙丁行业周报投资评级领先大市-a维持评级分析师:张三执业证书编号:s1450500000001");
        assert!(found[0].starts_with("投资评级领先大市"), "{found:?}");
    }

    #[test]
    fn an_industry_rating_label_is_a_field_only_with_its_rating() {
        let found = blocks("丙丁行业周报行业评级看好中性看淡(维持)国家/地区中国分析师:张三执业证书编号:s1450500000001");
        assert!(found[0].starts_with("行业评级看好"), "{found:?}");
        let found = blocks(
            "谨请参阅尾页重要声明及股票和行业评级标准2分析师:张三执业证书编号:s1450500000001",
        );
        assert!(found[0].starts_with("分析师"), "{found:?}");
    }

    #[test]
    fn a_rating_defined_after_its_colon_is_the_scales() {
        let found = blocks("销售团队邮箱:sales@abc.com投资评级说明■行业评级看好:我们预计未来6个月内,行业整体回报高于市场整体水平5%以上");
        assert!(!found[0].contains("我们预计"), "{found:?}");
    }

    #[test]
    fn a_rating_scales_heading_is_no_field() {
        let found = blocks("丙丁证券研究所地址:某某市某某路1号传真:0510-12345678丙丁证券投资评级:类别级别定义股票投资评级强烈推荐股票价格在未来6个月内超越大盘20%以上");
        assert!(!found[0].contains("超越大盘"), "{found:?}");
    }

    #[test]
    fn a_rating_label_in_prose_is_no_field() {
        let found = blocks("我们维持公司的投资评级为买入,上次评级为增持。公司业绩稳健增长。");
        assert!(found.is_empty(), "{found:?}");
    }
}
