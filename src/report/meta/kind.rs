//! The type of a report (`company`, `industry`, `strategy`, `macro`): a stock code in the file
//! name or on the cover, else the type words of the cover, else a mention of 行业.

use crate::report::scan::{first_chars, right_window};
use std::sync::LazyLock;

/// Words naming the type of a report: (word, index into company,
/// industry, strategy, macro). `宏观经济` alone is a topic of any report
/// (`宏观经济复苏不及预期` in its risks), so only longer macro words count.
const TYPE_WORDS: &[(&str, usize)] = &[
    ("公司研究", 0),
    ("公司点评", 0),
    ("公司深度", 0),
    ("公司报告", 0),
    ("公司跟踪", 0),
    ("公司动态", 0),
    ("首次覆盖报告", 0),
    ("公司首次覆盖", 0),
    ("公司简评", 0),
    ("公司调研", 0),
    ("行业研究", 1),
    ("行业报告", 1),
    ("行业深度", 1),
    ("行业点评", 1),
    ("行业周报", 1),
    ("行业月报", 1),
    ("行业动态", 1),
    ("行业跟踪", 1),
    ("行业专题", 1),
    ("行业评级", 1),
    ("行业双周报", 1),
    ("行业年报", 1),
    ("行业定期报告", 1),
    ("策略报告", 2),
    ("策略研究", 2),
    ("投资策略报告", 2),
    ("策略周报", 2),
    ("策略月报", 2),
    ("宏观研究", 3),
    ("宏观报告", 3),
    ("宏观经济点评", 3),
    ("宏观经济展望", 3),
    ("宏观经济研究", 3),
    ("宏观点评", 3),
    ("宏观周报", 3),
    ("宏观月报", 3),
    ("宏观专题", 3),
    ("宏观季度", 3),
    ("宏观深度", 3),
];

/// Occurrences of the [`TYPE_WORDS`] of each type in `head`, in one pass
/// (a word followed by `模板` is a template's, not the report's).
fn type_word_counts(head: &str) -> [usize; 4] {
    static FIRSTS: LazyLock<Vec<char>> =
        LazyLock::new(|| first_chars(TYPE_WORDS.iter().map(|(w, _)| *w)));
    let mut counts = [0; 4];
    for (p, c) in head.char_indices() {
        if FIRSTS.binary_search(&c).is_err() {
            continue;
        }
        let rest = &head[p..];
        for &(w, t) in TYPE_WORDS {
            if rest.starts_with(w) && !right_window(head, p + w.len(), 6).contains("模板") {
                counts[t] += 1;
            }
        }
    }
    counts
}

pub(super) fn extract_report_type(s: &str, stem: &str) -> Option<String> {
    let head = right_window(s, 0, 1500);
    // A stock code in brackets: `爱美客(300896)`; in the file name also a Hong Kong one
    // (`奥园健康(03662)`, `(0700.hk)`), which in the head is as often a company an industry
    // report cites.
    let has_code = |t: &str, hk: bool| {
        let b = t.as_bytes();
        t.char_indices().any(|(i, c)| {
            (c == '(' || c == '（') && {
                let k = i + c.len_utf8();
                let digits = b[k..].iter().take_while(|d| d.is_ascii_digit()).count();
                let rest = &t[k + digits..];
                digits == 6
                    || hk
                        && (4..=5).contains(&digits)
                        && (rest.starts_with(')')
                            || rest.starts_with('）')
                            || rest.to_ascii_lowercase().starts_with(".hk"))
            }
        })
    };
    if has_code(stem, true) {
        return Some("company".into());
    }
    let [company, industry, strategy, macro_] = type_word_counts(head);
    // A tie goes to the first kind: a company report cites its broker's industry and
    // strategy reports in its related-reports list far more often than the reverse.
    let best = [
        (company, "company"),
        (industry, "industry"),
        (strategy, "strategy"),
        (macro_, "macro"),
    ]
    .into_iter()
    .rev()
    .max_by_key(|(n, _)| *n)?;
    if best.0 > 0 {
        return Some(best.1.into());
    }
    // A head that cites several companies' codes (`重点推荐示例医疗（300001）、样例生物
    // （300002）`) is about an industry, not one company.
    if has_code(head, false) && distinct_a_share_codes(head) < 2 {
        return Some("company".into());
    }
    if stem.contains("行业") || s.contains("行业") {
        return Some("industry".into());
    }
    None
}

/// How many different six-digit codes in brackets (`(300001)`, `（300001.SZ）`) `head` cites.
fn distinct_a_share_codes(head: &str) -> usize {
    let mut codes: Vec<&str> = head
        .char_indices()
        .filter(|(_, c)| *c == '(' || *c == '（')
        .filter_map(|(i, c)| {
            let rest = &head[i + c.len_utf8()..];
            let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
            (digits == 6).then(|| &rest[..6])
        })
        .collect();
    codes.sort_unstable();
    codes.dedup();
    codes.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `type_word_counts` counts a word at every position where it starts:
    /// the same as counting its non-overlapping occurrences only if no
    /// word can overlap itself.
    #[test]
    fn type_words_cannot_overlap_themselves() {
        for (w, _) in TYPE_WORDS {
            for (k, _) in w.char_indices().skip(1) {
                assert!(!w.starts_with(&w[k..]), "{w}");
            }
        }
        assert_eq!(
            type_word_counts("公司研究,公司研究,行业周报模板"),
            [2, 0, 0, 0]
        );
    }

    #[test]
    fn a_head_citing_several_companies_is_not_a_company_report() {
        let head = "示例器械崛起,持续推荐龙头医药行业2030年1月投资策略样例证券研究发展中心核心观点重点推荐示例医疗（300001）、样例生物（300002）、范例药业（600003）";
        let s = crate::text::normalize::normalize(head);
        assert_eq!(
            extract_report_type(&s, "医药行业2030年1月投资策略").as_deref(),
            Some("industry")
        );
        // One company's code, cited twice, is still a company report.
        let s = crate::text::normalize::normalize(
            "示例医疗（300001）业绩点评示例医疗（300001）收入增长",
        );
        assert_eq!(
            extract_report_type(&s, "业绩稳健增长").as_deref(),
            Some("company")
        );
    }
}
