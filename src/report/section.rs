//! The sections of a report ([`Section`]): their names on the command line and in the
//! index, and the heading words that open each of them ([`VOCAB`]).

use Section::*;

/// The section a passage of a report belongs to, by the heading that opens it.  Serialized (and
/// named on the command line) in kebab case: `summary`, `rating-scale`; stored in the index as
/// its number.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize, PartialOrd, Ord,
)]
#[serde(rename_all = "kebab-case")]
pub enum Section {
    /// Key points: `投资要点`, `核心观点`, `摘要`.
    Summary,
    /// Investment advice: `投资建议`, `投资策略`, `盈利预测与投资评级`.
    Advice,
    /// Risks: `风险提示`, `风险因素`.
    Risk,
    /// Forecasts and valuation: `盈利预测`, `估值`, `财务预测表`.
    Forecast,
    /// Analyst statements and profiles: `分析师声明`, `分析师简介`.
    Analyst,
    /// Legal disclaimers: `免责声明`, `重要声明`.
    Disclaimer,
    /// Definitions of the ratings: `投资评级说明`, `评级标准`.
    RatingScale,
    /// Tables of contents: `目录`, `图表目录` and their entries.
    Toc,
    /// Cover and contact blocks: the front page's banner and rating box,
    /// analysts' contacts, stock data, related reports.
    Cover,
    /// Everything else: the chapters of the report.
    Body,
}

impl Section {
    /// Every section, in the order of their numbers in the index.
    pub const ALL: [Section; 10] = [
        Section::Summary,
        Section::Advice,
        Section::Risk,
        Section::Forecast,
        Section::Analyst,
        Section::Disclaimer,
        Section::RatingScale,
        Section::Toc,
        Section::Cover,
        Section::Body,
    ];

    /// The section's name: `summary`, `rating-scale`, …
    pub fn name(self) -> &'static str {
        match self {
            Section::Summary => "summary",
            Section::Advice => "advice",
            Section::Risk => "risk",
            Section::Forecast => "forecast",
            Section::Analyst => "analyst",
            Section::Disclaimer => "disclaimer",
            Section::RatingScale => "rating-scale",
            Section::Toc => "toc",
            Section::Cover => "cover",
            Section::Body => "body",
        }
    }

    /// Inverse of [`Section::name`], case-insensitive.
    pub fn parse(s: &str) -> Option<Section> {
        let s = s.trim();
        Section::ALL
            .into_iter()
            .find(|x| x.name().eq_ignore_ascii_case(s))
    }

    pub(crate) fn is_end_matter(self) -> bool {
        matches!(
            self,
            Section::Analyst | Section::Disclaimer | Section::RatingScale
        )
    }
}

/// Heading vocabulary.  Longer phrases win over their substrings (longest match at a position),
/// so qualified forms are listed explicitly.
pub(crate) const VOCAB: &[(&str, Section)] = &[
    // summary
    ("投资要点", Summary),
    ("核心观点概述", Summary),
    ("核心观点", Summary),
    ("行业核心观点", Summary),
    ("主要观点", Summary),
    ("一周主要观点", Summary),
    ("报告摘要", Summary),
    ("投资摘要", Summary),
    ("内容摘要", Summary),
    ("摘要", Summary),
    ("报告要点", Summary),
    ("要点总结", Summary),
    ("核心结论", Summary),
    ("报告导读", Summary),
    ("本期投资提示", Summary),
    ("投资提示", Summary),
    ("月度核心观点", Summary),
    ("周观点", Summary),
    // advice
    ("投资建议", Advice),
    ("投资建议与投资标的", Advice),
    ("投资建议与盈利预测", Advice),
    ("投资建议及盈利预测", Advice),
    ("盈利预测与投资建议", Advice),
    ("盈利预测及投资建议", Advice),
    ("盈利预测和投资评级", Advice),
    ("盈利预测与投资评级", Advice),
    ("盈利预测及投资评级", Advice),
    ("估值与投资建议", Advice),
    ("估值及投资建议", Advice),
    ("投资建议与估值", Advice),
    ("盈利预测、估值与投资评级", Advice),
    ("盈利预测、估值及投资评级", Advice),
    ("盈利预测、估值与评级", Forecast),
    ("盈利预测、估值及评级", Forecast),
    ("行业评级及投资策略", Advice),
    ("行业观点与投资建议", Advice),
    ("行业估值与投资策略", Advice),
    ("投资策略与推荐个股", Advice),
    ("投资策略及组合表现", Advice),
    ("投资策略", Advice),
    ("投资评级与估值", Advice),
    ("投资展望", Advice),
    ("建议关注", Advice),
    ("配置建议", Advice),
    ("投资观点", Advice),
    ("推荐组合", Advice),
    ("推荐标的", Advice),
    ("业务建议", Advice),
    ("投资要点、评级及盈利预测", Advice),
    // risk
    ("风险提示", Risk),
    ("风险因素", Risk),
    ("主要风险", Risk),
    ("评级面临的主要风险", Risk),
    ("风险分析", Risk),
    ("风险及不确定因素提示", Risk),
    ("风险及不确定因素", Risk),
    ("风险因素提示", Risk),
    // forecast
    ("盈利预测", Forecast),
    ("盈利预测与估值", Forecast),
    ("盈利预测及估值", Forecast),
    ("盈利预测和估值", Forecast),
    ("估值与盈利预测", Forecast),
    ("估值及盈利预测", Forecast),
    ("盈利预测与财务指标", Forecast),
    ("财务数据和估值", Forecast),
    ("财务数据与估值", Forecast),
    ("财务数据及估值", Forecast),
    ("估值表", Forecast),
    ("财务预测", Forecast),
    ("财务预测表", Forecast),
    ("财务预测摘要", Forecast),
    ("行业估值分析", Forecast),
    ("医药行业估值分析", Forecast),
    ("估值", Forecast),
    ("附表:", Forecast),
    ("财务报表预测", Forecast),
    ("主要财务指标", Forecast),
    ("财务摘要", Forecast),
    ("重点公司基本状况", Forecast),
    ("数据预测与估值", Forecast),
    // (`关键假设:1)…`: the assumptions a company's forecast rests on.)
    ("关键假设:", Forecast),
    // analyst
    ("分析师简介", Analyst),
    ("分析师介绍", Analyst),
    ("分析师声明", Analyst),
    ("分析师证明", Analyst),
    ("分析师申明", Analyst),
    ("分析师承诺", Analyst),
    ("分析师承诺及简介", Analyst),
    ("证券分析师承诺", Analyst),
    ("分析师与研究助理简介", Analyst),
    ("作者简介", Analyst),
    ("研究团队简介", Analyst),
    ("研究员简介", Analyst),
    ("研究员承诺", Analyst),
    ("团队介绍", Analyst),
    ("组介绍", Analyst),
    // disclaimer
    ("免责声明", Disclaimer),
    ("免责条款", Disclaimer),
    ("免责申明", Disclaimer),
    ("重要声明", Disclaimer),
    ("法律声明", Disclaimer),
    ("特别声明", Disclaimer),
    ("一般声明", Disclaimer),
    // (`…报酬。一般声明及披露本报告由…`: a heading and its complement.)
    ("一般声明及披露", Disclaimer),
    ("郑重声明", Disclaimer),
    ("公司声明", Disclaimer),
    ("重要声明及风险提示", Disclaimer),
    ("公司声明及风险提示", Disclaimer),
    // (A bare `声明:` opening a paragraph of the end matter, after the
    // analyst's statement: `…内容和观点。声明:某某证券为…`.)
    ("声明:", Disclaimer),
    ("法律声明及风险提示", Disclaimer),
    ("风险提示及法律声明", Disclaimer),
    ("使用本研究报告的风险提示及法律声明", Disclaimer),
    ("本公司具备证券投资咨询业务资格的说明", Disclaimer),
    ("证券投资咨询业务的说明", Disclaimer),
    ("公司业务资格说明", Disclaimer),
    ("权益披露", Disclaimer),
    // (`…基准指数说明:…。分析、估值方法的局限性说明本报告所包含的分析
    // 基于各种假设…`: the limits of the valuation, a legal notice.)
    ("分析、估值方法的局限性说明", Disclaimer),
    ("估值方法的局限性说明", Disclaimer),
    ("版权声明", Disclaimer),
    // rating-scale
    ("投资评级说明", RatingScale),
    ("投资评级的说明", RatingScale),
    ("公司投资评级的说明", RatingScale),
    ("股票投资评级说明", RatingScale),
    ("股票投资评级", RatingScale),
    ("行业投资评级", RatingScale),
    ("投资评级标准", RatingScale),
    ("投资评级体系", RatingScale),
    ("投资评级体系与评级定义", RatingScale),
    ("投资评级和相关定义", RatingScale),
    ("投资评级声明", RatingScale),
    ("投资建议的评级标准", RatingScale),
    ("股票评级标准", RatingScale),
    ("评级说明", RatingScale),
    ("评级标准", RatingScale),
    ("评级体系", RatingScale),
    ("评级定义", RatingScale),
    ("行业评级体系", RatingScale),
    ("公司评级体系", RatingScale),
    ("行业及公司评级体系", RatingScale),
    ("行业公司投资评级体系", RatingScale),
    ("行业公司评级", RatingScale),
    // body starts
    ("目录", Body),
    ("内容目录", Body),
    ("正文目录", Body),
    ("报告正文", Body),
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn section_names_roundtrip() {
        for s in Section::ALL {
            assert_eq!(Section::parse(s.name()), Some(s));
            assert_eq!(Section::parse(&s.name().to_uppercase()), Some(s));
        }
        assert_eq!(Section::parse("nope"), None);
    }
}
