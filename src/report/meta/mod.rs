//! Cover metadata of a report ([`ReportMeta`]): title, broker, analysts, date, rating and
//! report type, each found by its own extractor; [`extract_meta`] runs them all, after finding
//! where the end matter starts (ratings after it are definitions, not the report's).

mod analysts;
mod broker;
mod date;
mod forecast_sentences;
mod forecast_years;
mod forecasts;
mod kind;
mod levels;
mod prices;
mod rating;
mod rows;
mod title;

pub use analysts::Analyst;
pub use forecasts::Forecast;
pub use levels::Level;
pub use prices::Price;
pub use rating::Change;

use crate::report::headings::in_page_header;
use crate::report::scan::{ceil_boundary, left_window, right_window};
use crate::text::normalize::normalize;
use analysts::extract_analysts;
use broker::extract_broker;
use date::extract_date;
use kind::extract_report_type;
use rating::extract_rating;
use title::{extract_title, is_descriptive};

/// What the cover of a report says about it.
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize, serde::Deserialize)]
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
    /// The rating on one scale across brokers, read from the report's own rating scale.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rating_level: Option<Level>,
    /// What the report did to the rating: initiate, maintain, upgrade, downgrade.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rating_change: Option<Change>,
    /// A company report's target price.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub target_price: Option<Price>,
    /// The share price a company report quotes for its date.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub current_price: Option<Price>,
    /// A company report's earnings forecasts, by year.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub forecasts: Vec<Forecast>,
}

/// Whether a file name is an ID that says nothing of its report (`6921809`, `r12`, a hash,
/// `finnl_train_02952`): such a name is never a title.
pub fn file_name_is_id(file_stem: &str) -> bool {
    let stem_raw = file_stem.rsplit("__").next().unwrap_or(file_stem);
    !is_descriptive(normalize(stem_raw).trim())
}

/// Cover metadata.  `normalized` is the whole normalized report text; `file_stem` is the file
/// name without extension (a `prefix__` such as `dianzi__` is dropped).
pub fn extract_meta(normalized: &str, file_stem: &str) -> ReportMeta {
    let s = normalized;
    let stem_raw = file_stem.rsplit("__").next().unwrap_or(file_stem);
    let stem = normalize(stem_raw);
    let stem = stem.trim();
    let first_end_matter = detect_end_matter_start(s);
    let title = extract_title(s, stem);
    let broker = extract_broker(s);
    let report_type = extract_report_type(s, stem);
    let date = extract_date(s);
    let company = report_type.as_deref() == Some("company");
    // A cover that rates several stocks covers several companies: none of their ratings,
    // targets or tables is the report's.
    let several = company && cover_rates_several_stocks(s);
    let scale = if company {
        levels::Scale::Stock
    } else {
        levels::Scale::Industry
    };
    let rating = extract_rating(s, first_end_matter, company, date.as_deref()).filter(|_| !several);
    let (mut rating_level, mut rating_change) = (None, None);
    if let Some((at, word)) = rating {
        // A rating called an industry's on the cover is read on the industry scale.
        let scale = if left_window(s, at, 8).contains("行业") {
            levels::Scale::Industry
        } else {
            scale
        };
        let scales = levels::printed_scales(s);
        rating_level = levels::level_of(word, scale, &scales, broker.as_deref());
        rating_change = rating::extract_change(s, at, word, first_end_matter, |w: &str| {
            levels::level_of(w, scale, &scales, broker.as_deref())
        });
    }
    let (mut target_price, mut current_price, mut forecasts) = (None, None, Vec::new());
    if company && !several {
        let currency = default_currency(s);
        let end_matter = detect_back_matter_start(s);
        target_price = prices::extract_target_price(s, end_matter, currency);
        current_price = prices::extract_current_price(s, currency);
        if let (Some(t), Some(c)) = (target_price.as_mut(), current_price.as_ref()) {
            prices::align_target_currency(t, c);
        }
        let year = date.as_deref().and_then(|d| d.get(..4)?.parse().ok());
        forecasts = forecasts::extract_forecasts(&s[..end_matter], year);
    } else if let Some((from, to)) = [title.as_deref().unwrap_or(stem), stem]
        .iter()
        .filter(|_| !company)
        .find_map(|t| title_company_forecast_table(s, t))
    {
        let year = date.as_deref().and_then(|d| d.get(..4)?.parse().ok());
        forecasts = forecasts::extract_forecasts(&s[from..to], year);
    }
    ReportMeta {
        title,
        broker,
        analysts: extract_analysts(s),
        date,
        rating: rating.map(|(_, w)| w.to_string()),
        report_type,
        rating_level,
        rating_change,
        target_price,
        current_price,
        forecasts,
    }
}

/// An industry report that studies one company, named in its title (`拆解示例客，医美之奇才`),
/// gives that company's forecasts in a table captioned with the name
/// (`表19、示例客盈利预测(亿元)2019A2020E…`): the table's span, from its caption to its source
/// line. Other companies' tables (`表8:样例医学盈利预测`) are not the report's.
fn title_company_forecast_table(s: &str, title: &str) -> Option<(usize, usize)> {
    use crate::text::chars::is_han;
    for (p, _) in s.match_indices("盈利预测") {
        let left = left_window(s, p, 12);
        let name_len: usize = left
            .chars()
            .rev()
            .take_while(|c| is_han(*c))
            .map(char::len_utf8)
            .sum();
        let name = &left[left.len() - name_len..];
        let caption_mark = left[..left.len() - name_len]
            .chars()
            .next_back()
            .is_some_and(|c| matches!(c, '、' | ':' | '：') || c.is_ascii_digit());
        if name.chars().count() < 3 || !caption_mark || !title.contains(name) {
            continue;
        }
        // The caption's unit in brackets, then the table's year header right away.
        let after = &s[p + "盈利预测".len()..];
        let after = match after.strip_prefix('(') {
            Some(rest) => rest.split_once(')').map_or("", |(_, r)| r),
            None => after,
        };
        if !after.starts_with("20") {
            continue;
        }
        let from = p - name.len();
        let to = s[p..]
            .find("资料来源")
            .map_or_else(|| ceil_boundary(s, p + 3000), |q| p + q);
        return Some((from, to.min(s.len())));
    }
    None
}

/// How far into a report its cover's stock table may stand, in bytes.
const COVER_SPAN: usize = 900;

/// `股票名称代码评级目标价示例医疗300000ch买入rmb41.20样例光电002000ch买入rmb6.30`: the cover
/// lists two stocks or more, each with its code and rating right after it.
fn cover_rates_several_stocks(s: &str) -> bool {
    let head = right_window(s, 0, COVER_SPAN);
    let b = head.as_bytes();
    let mut codes: Vec<&str> = Vec::new();
    let mut i = 0;
    while i < b.len() {
        if !b[i].is_ascii_digit() || i > 0 && b[i - 1].is_ascii_digit() {
            i += 1;
            continue;
        }
        let len = b[i..].iter().take_while(|c| c.is_ascii_digit()).count();
        let code = &head[i..i + len];
        i += len;
        if !(4..=6).contains(&len) {
            continue;
        }
        let rest = head[i..].trim_start_matches('.');
        let rest = ["ch", "sh", "sz", "hk"]
            .iter()
            .find_map(|m| rest.strip_prefix(m))
            .unwrap_or(rest);
        let rest = rest.trim_start_matches(')');
        if rating::RATINGS.iter().any(|r| rest.starts_with(r)) && !codes.contains(&code) {
            codes.push(code);
        }
    }
    codes.len() >= 2
}

/// The currency of a report's prices where none is written: that of the market of the
/// first listing its head names (`600519.sh`, `0700.hk`), else of the currency it names.
fn default_currency(s: &str) -> &'static str {
    let head = right_window(s, 0, 3000);
    let first = |marks: &[&str]| marks.iter().filter_map(|m| head.find(m)).min();
    // Units in brackets (`股价(港元)`), not amounts: an A-share report may mention a Hong
    // Kong listing's proceeds in 港元.
    let hk = first(&[".hk", "hk$", "(港元)", "(港币)"]);
    let a_share = first(&[".sh", ".sz", "(元)", "(人民币)"]);
    let us = first(&[".o)", ".n)", "us$", "(美元)"]);
    match [(hk, "HKD"), (a_share, "CNY"), (us, "USD")]
        .into_iter()
        .filter_map(|(at, c)| at.map(|a| (a, c)))
        .min()
    {
        Some((_, c)) => c,
        None => "CNY",
    }
}

/// Where the back matter (analyst statements, rating definitions, disclaimers) starts in
/// the whole report: its last section's cues, searched from the end.
fn detect_back_matter_start(s: &str) -> usize {
    let tail_from = ceil_boundary(s, s.len() - s.len() / 3);
    [
        "分析师声明",
        "评级说明",
        "免责声明",
        "重要声明",
        "分析师承诺",
        "评级标准",
    ]
    .iter()
    .filter_map(|w| s[tail_from..].find(w).map(|p| tail_from + p))
    .min()
    .unwrap_or(s.len())
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
    .filter(|&p| !in_page_header(left_window(head, p, 24)) && !points_to_back_page(head, p))
    .min()
    .unwrap_or(head_len)
}

/// `请参考最后一页评级说明及重要声明`: a cover line pointing to the rating definitions on the
/// last page is not where they start.
fn points_to_back_page(s: &str, at: usize) -> bool {
    let left = left_window(s, at, 6).trim_end_matches('的');
    ["最后一页", "末页", "尾页", "最后页"]
        .iter()
        .any(|w| left.ends_with(w))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn meta_from_cover() {
        let t = "请务必阅读正文之后的免责条款部分[Table_Main]行业研究证券研究报告2021年03月08日[Table_Title]21Q1需求回暖持续验证——行业跟踪[Table_Invest]推荐|维持[Table_Author]报告作者分析师罗文海执业证书编号S0990520040001电话。国元证券研究所。国元证券股份有限公司";
        let m = extract_meta(&normalize(t), "dianzi__行业跟踪：21Q1需求回暖持续验证");
        assert_eq!(m.date.as_deref(), Some("2021-03-08"));
        assert_eq!(m.rating.as_deref(), Some("推荐"));
        assert_eq!(m.broker.as_deref(), Some("国元证券"));
        assert_eq!(
            m.analysts,
            vec![Analyst {
                name: "罗文海".into(),
                sac: Some("S0990520040001".into())
            }]
        );
        assert_eq!(m.report_type.as_deref(), Some("industry"));
        assert_eq!(m.title.as_deref(), Some("21q1需求回暖持续验证"));
    }

    #[test]
    fn an_industry_report_on_the_company_in_its_title() {
        let t = "行业研究行业深度研究报告证券研究报告休闲服务推荐(维持)2030年09月17日投资要点看好示例客成为赛道佼佼者。表8:样例医学盈利预测(百万元)2019A2020E2021E营业收入1,0001,2001,500资料来源:公司公告。预计2020-2022年归母净利润分别为4.04/6.05/9.30亿元。表19、示例客盈利预测（亿元）2019A2020E2021E2022E2025E玻尿酸5.587.0011.1416.2339.67YOY/CAGR25%59%46%39%营业收入5.587.0011.1416.2339.67净利润3.054.046.059.3027.48YOY/CAGR32%50%54%44%资料来源：样例证券研究院整理表20、可比公司估值";
        let s = normalize(t);
        let span = title_company_forecast_table(&s, "拆解示例客,医美之奇才");
        assert!(span.is_some());
        let m = extract_meta(&s, "yimei__休闲服务：拆解示例客，医美之奇才");
        assert_eq!(m.report_type.as_deref(), Some("industry"));
        let profits: Vec<(u16, Option<f64>)> =
            m.forecasts.iter().map(|f| (f.year, f.net_profit)).collect();
        assert_eq!(profits.len(), 5, "{profits:?}");
        assert_eq!(profits[0], (2019, Some(3.05e8)));
        assert_eq!(profits[4], (2025, Some(27.48e8)));
        // Not for a company the title does not name.
        assert!(title_company_forecast_table(&s, "医美行业深度").is_none());
    }

    #[test]
    fn a_pointer_to_the_last_page_is_not_the_rating_definitions() {
        let t = "http://www.example.com请参考最后一页评级说明及重要声明投资评级：强于大市（维持）报告日期：2022年04月10日分析师：李示例";
        let m = extract_meta(&normalize(t), "dianzi__示例周报");
        assert_eq!(m.rating.as_deref(), Some("强于大市"));
        assert_eq!(m.rating_change, Some(Change::Maintain));
    }

    #[test]
    fn an_industry_rated_excellent_on_a_three_word_scale() {
        let t = "2031年05月12日——示例行业深度系列：样本器械深度报告评级：优异主要逻辑：国产替代将加速。我们给与该行业“优异”评级。风险提示：招标降价。分析师：林示范。正文从略。投资评级：类别级别定义股票投资评级强烈推荐股票价格在未来6个月内超越大盘20%以上推荐股票价格在未来6个月内超越大盘10%以上卖出股票价格在未来6个月内相对大盘下跌10%以上行业投资评级优异行业指数在未来6个月内强于大盘中性行业指数在未来6个月内与大盘持平落后行业指数在未来6个月内弱于大盘免责条款";
        let m = extract_meta(&normalize(t), "yiliao__示例行业深度系列：样本器械深度报告");
        assert_eq!(m.rating.as_deref(), Some("优异"));
        assert_eq!(m.rating_level, Some(Level::Outperform));
        // A box with the previous recommendation beside it.
        let t = "示例行业周报2031年03月06日Table_First|Table_Rating投资建议：优异上次建议：优异Table_First|Table_Author分析师";
        let m = extract_meta(&normalize(t), "yiliao__示例行业周报");
        assert_eq!(m.rating.as_deref(), Some("优异"));
        assert_eq!(m.rating_change, Some(Change::Maintain));
    }

    #[test]
    fn a_cover_rating_two_stocks_gives_no_report_rating_target_or_forecasts() {
        let t = "2031年12月2日证券研究报告/首次覆盖报告医药股票名称代码评级目标价示例医疗300000ch买入rmb41.20样例光电002000ch买入rmb6.30研究团队王示例,分析师。示例器械龙头开疆辟土我们首次覆盖示例医疗和样例光电并给予买入评级,目标价分别为41.20元和6.30元。财务数据摘要20302031E2032E每股收益(元)1.101.301.50";
        let m = extract_meta(&normalize(t), "yiliao__示例器械龙头开疆辟土");
        assert_eq!(m.report_type.as_deref(), Some("company"));
        assert_eq!(m.rating, None);
        assert_eq!(m.target_price, None);
        assert!(m.forecasts.is_empty());
        // One stock on the cover is the report's.
        let t = t.replace("样例光电002000ch买入rmb6.30", "");
        let m = extract_meta(&normalize(&t), "yiliao__示例器械龙头开疆辟土");
        assert_eq!(m.rating.as_deref(), Some("买入"));
    }
}
