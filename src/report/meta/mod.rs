//! Cover metadata of a report ([`ReportMeta`]): title, broker, analysts, date, rating and
//! report type, each found by its own extractor; [`extract_meta`] runs them all, after finding
//! where the end matter starts (ratings after it are definitions, not the report's).

mod analysts;
mod broker;
mod date;
mod kind;
mod rating;
mod title;

pub use analysts::Analyst;

use crate::report::headings::in_page_header;
use crate::report::scan::{left_window, right_window};
use crate::text::normalize::normalize;
use analysts::extract_analysts;
use broker::extract_broker;
use date::extract_date;
use kind::extract_report_type;
use rating::extract_rating;
use title::extract_title;

/// What the cover of a report says about it.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct ReportMeta {
    /// The headline as the cover prints it (normalized), else the file name.
    pub title: Option<String>,
    /// The publishing broker, in its short form (`国元证券`).
    pub broker: Option<String>,
    /// The authors, in order.
    pub analysts: Vec<Analyst>,
    /// `YYYY-MM-DD`.
    pub date: Option<String>,
    /// The rating given (`买入`, `谨慎推荐`).
    pub rating: Option<String>,
    /// `company` | `industry` | `strategy` | `macro`.
    pub report_type: Option<String>,
}

/// Cover metadata.  `normalized` is the whole normalized report text; `file_stem` is the file
/// name without extension (a `prefix__` such as `dianzi__` is dropped).
pub fn extract_meta(normalized: &str, file_stem: &str) -> ReportMeta {
    let s = normalized;
    let stem_raw = file_stem.rsplit("__").next().unwrap_or(file_stem);
    let stem = normalize(stem_raw);
    let stem = stem.trim();
    let first_end_matter = detect_end_matter_start(s);
    ReportMeta {
        title: extract_title(s, stem),
        broker: extract_broker(s),
        analysts: extract_analysts(s),
        date: extract_date(s),
        rating: extract_rating(s, first_end_matter),
        report_type: extract_report_type(s, stem),
    }
}

/// Byte offset where rating definitions start (ratings after it are boilerplate), or the length.
fn detect_end_matter_start(s: &str) -> usize {
    let head_len = right_window(s, 0, 6000).len();
    let head = &s[..head_len];
    [
        "评级说明",
        "评级标准",
        "评级体系",
        "投资评级的说明",
        "评级定义",
    ]
    .iter()
    .flat_map(|w| head.match_indices(w).map(|(p, _)| p))
    .filter(|&p| !in_page_header(left_window(head, p, 24)))
    .min()
    .unwrap_or(head_len)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn meta_from_cover() {
        let t = "请务必阅读正文之后的免责条款部分[Table_Main]行业研究证券研究报告2021年03月08日[Table_Title]21Q1景气度进一步验证——行业跟踪[Table_Invest]推荐|维持[Table_Author]报告作者分析师贺茂飞执业证书编号S0020520060001电话。国元证券研究所。国元证券股份有限公司";
        let m = extract_meta(&normalize(t), "dianzi__行业跟踪：21Q1景气度进一步验证");
        assert_eq!(m.date.as_deref(), Some("2021-03-08"));
        assert_eq!(m.rating.as_deref(), Some("推荐"));
        assert_eq!(m.broker.as_deref(), Some("国元证券"));
        assert_eq!(
            m.analysts,
            vec![Analyst {
                name: "贺茂飞".into(),
                sac: Some("S0020520060001".into())
            }]
        );
        assert_eq!(m.report_type.as_deref(), Some("industry"));
        assert_eq!(m.title.as_deref(), Some("21q1景气度进一步验证"));
    }
}
