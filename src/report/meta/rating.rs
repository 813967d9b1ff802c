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
    "优异",
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

/// The rating word the report gives and where it stands. `report_date` is the report's own
/// date (`YYYY-MM-DD`), beside which a cover may print its rating.
pub(super) fn extract_rating(
    s: &str,
    first_end_matter: usize,
    company: bool,
    report_date: Option<&str>,
) -> Option<(usize, &'static str)> {
    let limit = first_end_matter.min(right_window(s, 0, 6000).len());
    let region = &s[..limit];
    let mut first: Option<(usize, &'static str)> = None;
    let mut i = 0;
    while i < region.len() {
        let Some(c) = next_char(region, i) else { break };
        let Some(r) = rating_at(region, i) else {
            i += c.len_utf8();
            continue;
        };
        let end = i + r.len();
        // A rating box may print the current rating and the previous one side by side
        // (`强于大市强于大市维持`): the second is the one its cue follows.
        if rating_at(s, end) == Some(r) {
            i = end;
            continue;
        }
        // An options list (`看好中性看淡`) states no rating.
        let list_after = rating_at(s, end).is_some()
            || right_window(s, end, 1) == "/" && rating_at(s, end + 1).is_some();
        let list_before = RATINGS.iter().any(|x| *x != r && region[..i].ends_with(x));
        if list_after || list_before {
            i = end;
            continue;
        }
        let left = left_window(s, i, 20).trim_end_matches(['“', '"', ':', ' ', '「']);
        let right = right_window(s, end, 6).trim_start_matches(['”', '"', '」']);
        let cue_left = [
            "评级",
            "[table_invest]",
            "[table_rank]",
            "[table_industryrank]",
            "investsuggestion#",
            "维持",
            "给予",
            "上调至",
            "下调至",
            "调整为",
            "上调为",
            "下调为",
        ]
        .iter()
        .any(|w| left.ends_with(w))
            || label_with_change(left)
            || company && after_stock_code(left)
            || industry_named_after_cue(left_window(s, i, 14))
            || region[..i].ends_with(r)
            || left.ends_with("投资建议") && right.starts_with("上次建议")
            || after_industry_kind(left_window(s, i, 6), right);
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
        // A cover whose box prints its label (`维持评级`), then the title, then the rating
        // right before the report's date (`看好2020年11月5日`).
        // The label may be the box's template tag (`[table_industryinfo]示例专题超配2020年9月29日`),
        // or the change it states (`首次覆盖示例行业月报看好2020年2月22日`).
        let beside_date = report_date.is_some_and(|d| date_at(s, end).as_deref() == Some(d))
            && ["评级", "[table_", "首次覆盖"]
                .iter()
                .any(|w| left_window(s, i, 40).contains(w));
        if cue_left || cue_right || beside_date {
            // An industry report's own rating stands in its rating box; a rating in its
            // prose (`维持“买入”评级`) is usually a covered company's.
            let boxed = left_window(s, i, 12).contains("行业")
                || industry_named_after_cue(left_window(s, i, 14))
                || right.starts_with(['(', '|', '/'])
                || left.ends_with("[table_invest]")
                || left.ends_with("[table_industryrank]")
                || left.ends_with("investsuggestion#")
                || region[..i].ends_with(r)
                || label_with_change(left)
                || beside_date;
            if company || boxed {
                return Some((i, r));
            }
            first.get_or_insert((i, r));
        }
        i = end;
    }
    if first.is_none() && !company {
        return industry_rating_in_body(s, limit);
    }
    first
}

/// `行业专题(推荐)`: the rating in brackets right after the report's kind, which names the
/// industry (a covered company's is `示例科技(推荐)`).
fn after_industry_kind(left: &str, right: &str) -> bool {
    left.strip_suffix('(')
        .is_some_and(|kind| kind.contains("行业"))
        && right.starts_with(')')
}

/// An industry report whose cover gives no rating may state it in its body:
/// `行业评级:维持行业“看好”评级`, `给予医药生物行业“增持”评级` (the word between `行业` and
/// `评级`, a cue that sets it in the clause before).
fn industry_rating_in_body(s: &str, from: usize) -> Option<(usize, &'static str)> {
    let from = crate::report::scan::ceil_boundary(s, from.min(s.len()));
    for (p, _) in s[from..].match_indices("行业") {
        let p = from + p;
        let at = p + "行业".len();
        let quote = right_window(s, at, 1);
        let at = if ["“", "\"", "「"].contains(&quote) {
            at + quote.len()
        } else {
            at
        };
        let Some(r) = rating_at(s, at) else { continue };
        let after = right_window(s, at + r.len(), 3).trim_start_matches(['”', '"', '」']);
        if !after.starts_with("评级") {
            continue;
        }
        let clause = clause_before(s, p);
        if ["维持", "给予", "首次", "上调", "下调", "调高", "调低"]
            .iter()
            .any(|w| clause.contains(w))
        {
            return Some((at, r));
        }
    }
    None
}

/// `投资评级(维持):买入`: the rating label with the change in brackets before the word.
fn label_with_change(left: &str) -> bool {
    left.strip_suffix(')')
        .and_then(|l| l.rsplit_once('('))
        .is_some_and(|(label, change)| {
            label.ends_with("评级")
                && ["维持", "首次", "上调", "下调", "调高", "调低"].contains(&change)
        })
}

/// `示例科技(300000.sz)买入`: a company report's stock box prints the rating right after the
/// company's name and code.
fn after_stock_code(left: &str) -> bool {
    let Some(inner) = left
        .strip_suffix(')')
        .and_then(|l| l.rsplit_once('('))
        .map(|(_, inner)| inner)
    else {
        return false;
    };
    let (code, market) = inner.split_once('.').unwrap_or((inner, ""));
    (4..=6).contains(&code.len())
        && code.bytes().all(|b| b.is_ascii_digit())
        && (market.is_empty()
            || market.len() == 2 && market.bytes().all(|b| b.is_ascii_lowercase()))
}

/// A date written at `at` (`2020年11月5日`, `2020-11-05`), as `YYYY-MM-DD`.
fn date_at(s: &str, at: usize) -> Option<String> {
    let year = s.get(at..at + 4)?;
    if !year.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let (m, d, _, _) = super::date::parse_md(&s[at + 4..])?;
    Some(format!("{year}-{m:02}-{d:02}"))
}

/// `行业评级医疗器械ⅱ看好`: a rating after the cue and the industry's name.
fn industry_named_after_cue(left: &str) -> bool {
    let Some(at) = left.rfind("行业评级") else {
        return false;
    };
    let between = &left[at + "行业评级".len()..];
    let between = between.trim_start_matches(':');
    between.chars().count() <= 8
        && between
            .chars()
            // Roman numerals (`医疗器械Ⅱ`) are Latin letters after normalization.
            .all(|c| crate::text::chars::is_han(c) || c.is_ascii_alphabetic())
}

/// What the report did to its rating.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize,
)]
#[serde(rename_all = "lowercase")]
pub enum Change {
    /// First rating of the company (`首次覆盖`, `首次评级`).
    Initiate,
    /// The same rating as before (`维持`).
    Maintain,
    /// A better rating than before (`上调`, or `上次评级` below the current one).
    Upgrade,
    /// A worse rating than before (`下调`, or `上次评级` above the current one).
    Downgrade,
}

impl Change {
    /// Every change, in the order of the CLI's lists.
    pub const ALL: [Change; 4] = [
        Change::Initiate,
        Change::Maintain,
        Change::Upgrade,
        Change::Downgrade,
    ];

    /// The name used in JSON and on the command line.
    pub fn name(self) -> &'static str {
        match self {
            Change::Initiate => "initiate",
            Change::Maintain => "maintain",
            Change::Upgrade => "upgrade",
            Change::Downgrade => "downgrade",
        }
    }

    /// A small number for a fast column (0 is reserved for "not said").
    pub fn code(self) -> u64 {
        self as u64 + 1
    }

    /// The change of a [`Change::code`].
    pub fn from_code(code: u64) -> Option<Change> {
        Change::ALL.get(code.checked_sub(1)? as usize).copied()
    }
}

/// The change a cue word states.
fn change_in(cue: &str) -> Option<Change> {
    if cue.contains("首次") {
        Some(Change::Initiate)
    } else if ["上调", "调高", "提升至", "上升至"]
        .iter()
        .any(|w| cue.contains(w))
    {
        Some(Change::Upgrade)
    } else if ["下调", "调低", "降至", "下降至"]
        .iter()
        .any(|w| cue.contains(w))
    {
        Some(Change::Downgrade)
    } else if cue.contains("维持") {
        Some(Change::Maintain)
    } else {
        None
    }
}

/// What the report did to the rating `word` found at `at`: a cue beside the word
/// (`维持“买入”评级`, `买入(首次)`, `增持|上调`), else the cover's labels (`评级变动:维持`,
/// `上次评级:增持` compared with the current one by `rank`, lower is better), else a first
/// coverage stated in the head (`首次覆盖报告`). `head_end` is where the end matter starts.
pub(super) fn extract_change(
    s: &str,
    at: usize,
    word: &str,
    head_end: usize,
    rank: impl Fn(&str) -> Option<crate::report::meta::Level>,
) -> Option<Change> {
    let left = clause_before(s, at);
    let mut end = at + word.len();
    // A risk grade after the rating (`领先大市-a`, `买入-b`) stands before its change.
    if let Some(rest) = s[end..]
        .strip_prefix("-a")
        .or_else(|| s[end..].strip_prefix("-b"))
    {
        end = s.len() - rest.len();
    }
    let right = right_window(s, end, 8).trim_start_matches(['”', '"', '」', ' ']);
    if let Some(p) = right_window(s, end, 30).find("investsuggestionchange#") {
        let after = right_window(s, end + p + "investsuggestionchange#".len(), 3);
        if let Some(c) = change_in(after) {
            return Some(c);
        }
    }
    // `增持——维持`: a run of dashes pairs them too.
    let right_cue = right
        .strip_prefix(['(', '|', '/', '（'])
        .or_else(|| right.strip_prefix("评级("))
        .or_else(|| right.strip_prefix("评级,"))
        .unwrap_or(right)
        .trim_start_matches(['-', '—']);
    let right_cue: String = right_cue.chars().take(4).collect();
    if let Some(c) = ["首次", "维持", "上调", "下调", "调高", "调低"]
        .iter()
        .find(|w| right_cue.starts_with(**w))
        .and_then(|w| change_in(w))
    {
        return Some(c);
    }
    let head = &s[..head_end.min(right_window(s, 0, 6000).len())];
    // The same rating stated again with its change: a page header's `(行业评级:推荐)` first,
    // the cover's `投资评级推荐维持` later, or a box's `买入/首次` with no label at all (the
    // separator pairs the two). A box states the change where the prose may not
    // (`维持“买入”评级` in the summary, `买入(上调评级)` in the header): it comes before the
    // cue in the clause before the word.
    for (p, _) in head.match_indices(word).filter(|(p, _)| *p != at) {
        let before = left_window(head, p, 6).trim_end_matches([':', ' ', '“', '"']);
        let paired = right_window(head, p + word.len(), 1).starts_with(['/', '(', '|']);
        if !before.ends_with("评级") && !paired {
            continue;
        }
        let after = right_window(head, p + word.len(), 8);
        // A risk grade stands between the rating and its change (`领先大市-b维持`).
        let after = after
            .strip_prefix("-a")
            .or_else(|| after.strip_prefix("-b"))
            .unwrap_or(after)
            .trim_start_matches(['”', '"', '(', '|', '/']);
        if let Some(c) = ["首次", "维持", "上调", "下调"]
            .iter()
            .find(|w| after.starts_with(**w))
            .and_then(|w| change_in(w))
        {
            return Some(c);
        }
    }
    if let Some(c) = change_in(left) {
        return Some(c);
    }
    for (p, _) in head.match_indices("评级变动") {
        let after = right_window(head, p + "评级变动".len(), 5);
        if let Some(c) = change_in(after) {
            return Some(c);
        }
    }
    let previous_cues = ["上次评级", "前次评级", "原评级", "前次", "上次建议"];
    let previous = previous_cues
        .iter()
        .flat_map(|cue| head.match_indices(cue).map(|(p, c)| p + c.len()));
    for after_cue in previous {
        let after = right_window(head, after_cue, 6).trim_start_matches([':', ' ']);
        if after.starts_with("首次") {
            return Some(Change::Initiate);
        }
        let Some(prev) = RATINGS.iter().find(|r| after.starts_with(**r)) else {
            continue;
        };
        if *prev == word {
            return Some(Change::Maintain);
        }
        return match (rank(prev), rank(word)) {
            (Some(a), Some(b)) if a > b => Some(Change::Upgrade),
            (Some(a), Some(b)) if a < b => Some(Change::Downgrade),
            (Some(_), Some(_)) => Some(Change::Maintain),
            _ => None,
        };
    }
    // A rating found in a box without its change (`示例生物(300000)买入`) is often stated again
    // in the prose with one (`维持“买入”评级`).
    for (p, _) in head.match_indices(word).filter(|(p, _)| *p != at) {
        if let Some(c) = change_in(clause_before(head, p)) {
            return Some(c);
        }
    }
    if ["首次覆盖", "首次评级", "首次给予"]
        .iter()
        .any(|w| head.contains(w))
    {
        return Some(Change::Initiate);
    }
    None
}

/// The clause before `at`, at most 10 characters: `...风险。维持` gives `维持`, and
/// `维持高增长,给予买入` gives `给予`.
fn clause_before(s: &str, at: usize) -> &str {
    let left = left_window(s, at, 10);
    left.rsplit(['。', ';', ',', '!', '?'])
        .next()
        .unwrap_or(left)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The rating found in `s` as the indexer normalizes it, for a company
    /// report or not, with no end matter and no report date.
    fn rating(s: &str, company: bool) -> Option<&'static str> {
        extract_rating(
            &crate::text::normalize::normalize(s),
            usize::MAX,
            company,
            None,
        )
        .map(|(_, r)| r)
    }

    #[test]
    fn rating_option_lists_are_ignored() {
        assert_eq!(
            extract_rating("行业评级看好中性看淡(维持)", usize::MAX, false, None),
            None
        );
        assert_eq!(
            extract_rating("给予“增持”评级", usize::MAX, true, None).map(|(_, r)| r),
            Some("增持")
        );
    }
    #[test]
    fn a_rating_printed_beside_the_report_date() {
        // The box's label, the title, then the rating right before the cover's date.
        let s = "请务必阅读最后一页评级说明1示例行业报告原因:定期报告示例产品数据跟踪维持评级单月增速回落,全年仍有增长看好2021年3月9日行业研究/定期报告";
        assert_eq!(
            extract_rating(s, usize::MAX, false, Some("2021-03-09")).map(|(_, r)| r),
            Some("看好")
        );
        // Not beside another date, nor without a rating label before it.
        assert_eq!(
            extract_rating(s, usize::MAX, false, Some("2021-03-10")),
            None
        );
        let s = "示例产品数据跟踪单月增速回落,全年仍有增长看好2021年3月9日行业研究";
        assert_eq!(
            extract_rating(s, usize::MAX, false, Some("2021-03-09")),
            None
        );
    }

    #[test]
    fn a_rating_after_a_label_with_its_change() {
        assert_eq!(
            rating(
                "示例研究年报点评投资评级(维持):买入目标价(人民币):52.30",
                true
            ),
            Some("买入")
        );
        // An industry report's own box, not a covered company's.
        assert_eq!(
            rating("证券研究报告周报投资评级(首次):推荐核心观点", false),
            Some("推荐")
        );
    }

    #[test]
    fn a_rating_after_the_stock_code() {
        let s = "证券研究报告[Table_StockInfo]示例生物(300000)买入合理估值:58.2-66.0元";
        assert_eq!(rating(s, true), Some("买入"));
        assert_eq!(
            rating(
                "2021年03月02日研究中心示例科技(688000.SH)增持公司点评",
                true
            ),
            Some("增持")
        );
        // Not in an industry report (a covered company's), nor a list of options.
        assert_eq!(rating(s, false), None);
        assert_eq!(rating("示例生物(300000.SZ)买入增持持有卖出", true), None);
    }

    #[test]
    fn a_boxed_change_elsewhere_in_the_head() {
        // Prose gives the rating without its change; the box at the foot of the cover has it.
        let s = "投资建议:我们预测公司未来三年净利润1.82/2.40/3.15亿元,给予买入评级。[table_message]2020-06-15公司点评报告买入/首次示例生物(000000)目标价:86.4昨收盘:71.2";
        let at = s.find("买入评级").unwrap();
        assert_eq!(
            extract_change(s, at, "买入", s.len(), |_| None),
            Some(Change::Initiate)
        );
    }

    #[test]
    fn a_boxed_change_before_a_prose_cue() {
        // The summary keeps its wording (`维持`), the header box says the rating was raised.
        let s = "给予目标价52.30元,维持“买入”评级。风险提示:需求不及预期。2021年03月02日研究中心示例科技(688000.sh)买入(上调评级)公司点评";
        let at = s.find("买入").unwrap();
        assert_eq!(
            extract_change(s, at, "买入", s.len(), |_| None),
            Some(Change::Upgrade)
        );
        // Without a box, the prose's cue stands.
        let s = "给予目标价52.30元,维持“买入”评级。风险提示:需求不及预期。";
        assert_eq!(
            extract_change(s, s.find("买入").unwrap(), "买入", s.len(), |_| None),
            Some(Change::Maintain)
        );
    }

    #[test]
    fn a_boxed_rating_takes_its_change_from_the_prose() {
        // The stock box gives the rating alone; the summary states it again with its change.
        let s = "[table_stockinfo]示例生物(300000)买入2021年半年报点评零售。投资建议:新品放量在即,我们维持“买入”评级。";
        let at = s.find("买入").unwrap();
        assert_eq!(
            extract_change(s, at, "买入", s.len(), |_| None),
            Some(Change::Maintain)
        );
    }

    #[test]
    fn a_rating_beside_the_date_in_a_template_box() {
        // No `评级` label: the box's template tag stands before the title and the rating.
        let s = "证券研究报告—深度报告示例服务[Table_IndustryInfo]示例诊断专题超配2022年03月14日一年该行业与沪深300走势比较";
        let s = crate::text::normalize::normalize(s);
        assert_eq!(
            extract_rating(&s, usize::MAX, false, Some("2022-03-14")).map(|(_, r)| r),
            Some("超配")
        );
        assert_eq!(
            extract_rating(&s, usize::MAX, false, Some("2022-03-15")),
            None
        );
    }

    #[test]
    fn a_recommendation_box_with_the_previous_one() {
        let s =
            "Table_First|Table_Rating投资建议：优于大市上次建议：优于大市Table_First|Table_Author";
        assert_eq!(rating(s, false), Some("优于大市"));
        let s = crate::text::normalize::normalize(s);
        let at = s.find("优于大市").unwrap();
        assert_eq!(
            extract_change(&s, at, "优于大市", s.len(), |_| None),
            Some(Change::Maintain)
        );
        // A recommendation in prose is not a rating.
        assert_eq!(rating("投资建议：推荐关注示例科技、样例电子", false), None);
    }

    #[test]
    fn a_rating_in_brackets_after_the_report_kind() {
        assert_eq!(
            rating(
                "请务必阅读最后一页免责声明示例行业/行业点评（推荐）示例器械的下一站",
                false
            ),
            Some("推荐")
        );
        // A covered company's, in an industry report, is not the report's.
        assert_eq!(
            rating("投资建议：示例科技（推荐）、样例电子（推荐）", false),
            None
        );
    }

    #[test]
    fn an_industry_rating_stated_in_the_body() {
        let cover = "证券研究报告专题报告2022年5月6日示例医保收支分析".repeat(300);
        let s = format!(
            "{cover}行业评级及风险因素行业评级：维持行业“看好”评级。风险因素：控费超预期。"
        );
        let s = crate::text::normalize::normalize(&s);
        let (at, r) = extract_rating(&s, usize::MAX, false, None).unwrap();
        assert_eq!(r, "看好");
        assert_eq!(
            extract_change(&s, at, r, 6000, |_| None),
            Some(Change::Maintain)
        );
        // Not a company's rating, nor one without its cue.
        let s = format!("{cover}给予示例科技“买入”评级。行业“看好”评级的定义见末页。");
        assert_eq!(rating(&s, false), None);
    }

    #[test]
    fn an_industry_rank_box() {
        assert_eq!(
            extract_rating(
                "证券研究报告—行业点评2021年6月8日[table_industryrank]强于大市相关研究报告[table_relatedreport]",
                usize::MAX,
                false,
                None
            )
            .map(|(_, r)| r),
            Some("强于大市")
        );
    }
    #[test]
    fn changes_after_a_risk_grade_a_dash_run_or_an_original_rating() {
        let change = |s: &str, word: &str| {
            let at = s.find(word).unwrap();
            extract_change(s, at, word, s.len(), |w| match w {
                "增持" => Some(crate::report::meta::Level::Outperform),
                _ => None,
            })
        };
        // The box repeats the rating with its risk grade before the change.
        assert_eq!(
            change(
                "看好行业景气延续,行业评为“领先大市-b”。投资评级领先大市-b维持首选股票评级",
                "领先大市"
            ),
            Some(Change::Maintain)
        );
        assert_eq!(
            change(
                "股价数据为2021年7月9日增持——维持证券研究报告/行业研究",
                "增持"
            ),
            Some(Change::Maintain)
        );
        // `原评级` names the previous rating.
        assert_eq!(
            change(
                "[table_stock]000000.sz增持原评级:增持市场价格:人民币126.5",
                "增持"
            ),
            Some(Change::Maintain)
        );
    }

    #[test]
    fn a_rating_beside_the_date_after_a_first_coverage_label() {
        // The box's change label (no `评级`), the title, then the rating before the date.
        let s = "请务必阅读最后一页股票评级说明1示例行业报告原因:定期报告样品数据月报首次覆盖3月发货量保持平稳,新品需求上升看好2031年4月18日行业研究/定期报告";
        let s = crate::text::normalize::normalize(s);
        let found = extract_rating(&s, usize::MAX, false, Some("2031-04-18"));
        assert_eq!(found.map(|(_, r)| r), Some("看好"));
        let at = found.unwrap().0;
        assert_eq!(
            extract_change(&s, at, "看好", s.len(), |_| None),
            Some(Change::Initiate)
        );
        // Not beside another date.
        assert_eq!(
            extract_rating(&s, usize::MAX, false, Some("2031-04-19")),
            None
        );
    }
}
