//! The rating a report gives (`买入`, `谨慎推荐`): a rating word on the cover with a cue next
//! to it (`评级`, `维持`, `(首次`), before the rating definitions; lists of options are not
//! ratings.

use crate::report::scan::{first_chars, left_window, next_char, right_window};
use std::sync::LazyLock;

/// Rating words, longest first so that `谨慎推荐` wins over `推荐`.
pub(super) const RATINGS: &[&str] = &[
    "强烈推荐",
    "谨慎推荐",
    "审慎推荐",
    "审慎增持",
    "谨慎增持",
    "强于大市",
    "弱于大市",
    "同步大市",
    "领先大市",
    "落后大市",
    "优于大市",
    "跑赢行业",
    "跑输行业",
    "跑赢大市",
    "跑输大市",
    "优于大势",
    "跟随大市",
    "推荐",
    "买入",
    "增持",
    "中性",
    "减持",
    "卖出",
    "回避",
    "看好",
    "看淡",
    "持有",
    "超配",
    "标配",
    "低配",
];

fn rating_at(s: &str, i: usize) -> Option<&'static str> {
    // Called at every character of the cover: most are ruled out by their first character.
    static FIRSTS: LazyLock<Vec<char>> = LazyLock::new(|| first_chars(RATINGS.iter().copied()));
    let rest = s.get(i..)?;
    let first = rest.chars().next()?;
    if FIRSTS.binary_search(&first).is_err() {
        return None;
    }
    RATINGS.iter().find(|r| rest.starts_with(*r)).copied()
}

pub(super) fn extract_rating(s: &str, first_end_matter: usize) -> Option<String> {
    let limit = first_end_matter.min(right_window(s, 0, 6000).len());
    let region = &s[..limit];
    let mut i = 0;
    while i < region.len() {
        let Some(c) = next_char(region, i) else { break };
        let Some(r) = rating_at(region, i) else {
            i += c.len_utf8();
            continue;
        };
        let end = i + r.len();
        // An options list (`看好中性看淡`) states no rating.
        let list_after = rating_at(s, end).is_some()
            || right_window(s, end, 1) == "/" && rating_at(s, end + 1).is_some();
        let list_before = RATINGS.iter().any(|x| region[..i].ends_with(x));
        if list_after || list_before {
            i = end;
            continue;
        }
        let left = left_window(s, i, 8).trim_end_matches(['“', '"', ':', ' ', '「']);
        let right = right_window(s, end, 6).trim_start_matches(['”', '"', '」']);
        let cue_left = [
            "评级",
            "[table_invest]",
            "[table_rank]",
            "维持",
            "给予",
            "上调至",
            "下调至",
            "调整为",
            "上调为",
            "下调为",
        ]
        .iter()
        .any(|w| left.ends_with(w));
        let cue_right = [
            "(维持",
            "(首次",
            "(上调",
            "(下调",
            "(调高",
            "(调低",
            "维持",
            "首次",
            "|维持",
            "|首次",
            "/维持",
            "/首次",
            "-a",
            "-b",
            "——维持",
            "—维持",
            "评级",
            "(维持评级",
            "——",
        ]
        .iter()
        .any(|w| right.starts_with(w));
        if cue_left || cue_right {
            return Some(r.to_string());
        }
        i = end;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rating_option_lists_are_ignored() {
        assert_eq!(
            extract_rating("行业评级看好中性看淡(维持)", usize::MAX),
            None
        );
        assert_eq!(
            extract_rating("给予“增持”评级", usize::MAX).as_deref(),
            Some("增持")
        );
    }
}
