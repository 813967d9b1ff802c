//! The junk classifier: what an analyst reading a search result would call
//! a readable passage, and what they would call junk (and of which kind).
//!
//! The rules look only at the passage's text as the user sees it; they are
//! written from the definition of each kind, independently of how the
//! engine itself decides what to hide.

use regex::Regex;

/// The class of one passage.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Class {
    Readable,
    Toc,
    Marker,
    Furniture,
    Chart,
    Cover,
    Legal,
    Duplicate,
}

impl Class {
    /// Every junk kind, in report order.
    pub const JUNK: [Class; 7] = [
        Class::Toc,
        Class::Marker,
        Class::Furniture,
        Class::Chart,
        Class::Cover,
        Class::Legal,
        Class::Duplicate,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Class::Readable => "readable",
            Class::Toc => "toc",
            Class::Marker => "marker",
            Class::Furniture => "furniture",
            Class::Chart => "chart",
            Class::Cover => "cover",
            Class::Legal => "legal",
            Class::Duplicate => "duplicate",
        }
    }

    pub fn is_junk(self) -> bool {
        self != Class::Readable
    }
}

/// Compiled rules.
pub struct Classifier {
    toc_leader: Regex,
    toc_item: Regex,
    caption_item: Regex,
    marker: Regex,
    furniture_strong: Regex,
    furniture_weak: Regex,
    number: Regex,
    cover_strong: Vec<Regex>,
    cover_cues: Vec<Regex>,
    stock_data: Regex,
    legal_cues: Vec<Regex>,
    legal_query: Regex,
}

fn re(s: &str) -> Regex {
    Regex::new(s).expect("a valid classifier pattern")
}

use yanbao::text::is_han;

/// Share of `text`'s non-space characters covered by the matches of `re`.
fn covered(re: &Regex, text: &str) -> usize {
    re.find_iter(text)
        .map(|m| m.as_str().chars().filter(|c| !c.is_whitespace()).count())
        .sum()
}

impl Default for Classifier {
    fn default() -> Self {
        Self::new()
    }
}

impl Classifier {
    pub fn new() -> Classifier {
        Classifier {
            // Dot leaders or ellipses ending in a page number.
            toc_leader: re(r"(?:\.{4,}|…{2,}|·{3,}|－{3,}|-{5,}|_{5,}|。{3,}|⋯{2,})\s*\d{1,3}"),
            // A numbered chapter title followed by its page number.
            toc_item: re(
                r"(?:^|\s)(?:第[一二三四五六七八九十]+[章节部分]|[一二三四五六七八九十]{1,3}[、.．]|\d{1,2}(?:\.\d{1,2}){0,2}[、.．]?)\s*\p{Han}[^\s。；;，,]{1,29}\s+\d{1,3}\b",
            ),
            // A figure or table caption, as lists of figures repeat them.
            caption_item: re(r"(?:图表|图|表|Figure|Table|Exhibit)\s*\d{1,3}\s*[：:]"),
            marker: re(r"\[?\b[A-Z][A-Za-z]*_[A-Za-z_]+\b\]?|\[(?:Table|Page|Title|Summary)[^\]]{0,20}\]"),
            // Header/footer lines that are junk even when glued mid-sentence.
            furniture_strong: re(concat!(
                r"请务必阅读.{0,10}(?:免责|声明|披露)|",
                r"敬请(?:参阅|阅读|关注).{0,12}(?:声明|免责|披露|说明)|",
                r"请(?:参阅|阅读).{0,6}(?:最后一页|末页|尾页|附注|正文之后).{0,10}(?:声明|免责|说明)|",
                r"本报告版权(?:属于|归|为)|",
                r"(?:报告|研报)(?:来自|来源于|下载自|下载于)|(?:更多|免费|海量).{0,6}(?:研报|报告).{0,8}(?:下载|网|www)|",
                r"(?i:https?://\S+|www\.[a-z0-9-]+\.[a-z.]+)|",
                r"(?:微信|公众号)[：:]?\s*\S{2,20}(?:研报|报告|下载)|",
                r"证券研究报告\s*[|｜/]?\s*(?:公司|行业|策略|宏观|固定收益|金融工程)"
            )),
            // Page numbers and banners: furniture when they make up the passage.
            furniture_weak: re(concat!(
                r"(?:^|\s)\d{1,3}\s*/\s*\d{1,3}(?:\s|$)|",
                r"(?i)(?:^|\s)(?:page\s*)?\d{1,3}\s+of\s+\d{1,3}(?:\s|$)|",
                r"第\s*\d{1,3}\s*页(?:\s*[/，,]?\s*共\s*\d{1,3}\s*页)?|",
                r"-\s*\d{1,3}\s*-|",
                r"\S{2,8}证券(?:股份有限公司)?\s*(?:研究所)?\s*(?:公司研究|行业研究|公司点评|行业点评|深度报告|动态报告|策略报告|证券研究报告|研究报告|首次覆盖|调研简报)|",
                r"(?:公司研究|行业研究|公司点评|行业点评|深度研究|证券研究报告)\s*[|｜]|",
                r"(?:请务必阅读|敬请参阅|免责声明|重要声明)"
            )),
            number: re(r"[-+]?\d+(?:[.,]\d+)*%?[A-Ea-e]?"),
            // SAC registration, e-mail, phone: contact blocks.
            cover_strong: [
                r"S\d{13}|执业(?:证书)?(?:编号|编码)|证书编号",
                r"[A-Za-z0-9._-]+@[A-Za-z0-9-]+\.[A-Za-z.]+",
                r"(?:^|[^\d.])(?:\(?0\d{2,3}\)?-|\+86[-\s]?)\d{7,8}(?:\D|$)|(?:^|\D)1[3-9]\d{9}(?:\D|$)",
            ]
            .iter()
            .map(|s| re(s))
            .collect(),
            cover_cues: [
                r"(?:分析师|研究员|联系人|研究助理)\s*[：:]",
                r"(?:电话|Tel|TEL|邮箱|Email|E-mail|EMAIL|地址|邮编)\s*[：:]",
                r"(?:投资)?评级\s*[：:]\s*(?:买入|增持|持有|推荐|谨慎推荐|强烈推荐|中性|减持|卖出|跑赢|优于大市|同步大市|看好|审慎增持)",
                r"上次评级|首次评级|评级变动|(?:维持|首次覆盖)\s*(?:买入|增持)\s*$",
                r"目标价(?:格)?\s*[：:]|当前价(?:格)?\s*[：:]|收盘价\s*[：:]?",
                r"(?:市场|基础)数据|股价走势|相对(?:沪深300|指数)表现|相关研究",
            ]
            .iter()
            .map(|s| re(s))
            .collect(),
            stock_data: re(
                r"总股本|流通股本?|总市值|流通市值|52\s*周|一年内?最[高低]|每股净资产|资产负债率|市净率|净资产收益率|主要股东|限售股|总资产|12个月(?:最高|最低)|近3个月换手率|前十大股东",
            ),
            legal_cues: [
                r"本报告仅(?:供|向)",
                r"仅供.{0,12}(?:参考|使用|客户)",
                r"(?:投资)?评级(?:说明|标准|体系)|行业评级|公司评级|股票评级",
                r"分析师(?:声明|承诺|保证)|作者保证|研究员承诺",
                r"免责(?:声明|条款)|重要声明|法律声明|特别声明|一般声明",
                r"不构成.{0,12}(?:投资建议|要约|出价|推荐)|不作为.{0,10}(?:投资|唯一)",
                r"不(?:保证|承诺).{0,16}(?:准确|完整|及时)",
                r"版权所有|未经.{0,16}(?:许可|授权|同意)|不得.{0,10}(?:复制|转载|翻版|刊登|发表|引用)",
                r"据此.{0,10}(?:投资|操作).{0,12}(?:风险|责任)|自行承担|不承担.{0,10}责任|任何形式的(?:担保|分享)",
                r"报告发布日后.{0,12}个月|相对.{0,12}(?:沪深300|基准|大盘|市场|恒生)(?:指数)?.{0,12}(?:涨幅|表现|收益|涨跌幅).{0,20}(?:以上|之间|以下)",
                r"(?:强于|弱于|同步|优于|中性于)大市|跑赢行业|跑输行业",
                r"证券投资咨询(?:业务)?资格|经中国证监会批准|证监许可",
                r"独立、客观|勤勉尽责|诚实守信|利益冲突|不视为.{0,4}客户|视其为客户|接收人",
            ]
            .iter()
            .map(|s| re(s))
            .collect(),
            legal_query: re(r"免责|声明|评级说明|评级标准|评级体系|资格|版权"),
        }
    }

    /// The class of `text` on its own (duplicates are found by the caller).
    pub fn classify(&self, text: &str, query: &str) -> Class {
        let chars: Vec<char> = text.chars().filter(|c| !c.is_whitespace()).collect();
        let total = chars.len().max(1);
        let han = chars.iter().filter(|&&c| is_han(c)).count();

        // marker: template markers dominate what is left.
        let markers = self.marker.find_iter(text).count();
        if markers > 0 {
            let marker_chars = covered(&self.marker, text);
            let rest = self.marker.replace_all(text, " ");
            let rest_han = rest.chars().filter(|&c| is_han(c)).count();
            if markers >= 3 || marker_chars * 4 >= total || rest_han < 30 {
                return Class::Marker;
            }
        }

        // toc: dot leaders with page numbers, or a chain of titles with pages.
        let leaders = self.toc_leader.find_iter(text).count();
        let items = self.toc_item.find_iter(text).count();
        let sentence_ends = text.matches(['。', '；', '!', '！', '?', '？']).count();
        if leaders >= 2
            || (leaders == 1 && total < 80)
            || (items >= 3 && sentence_ends <= 1)
            || (text.contains("目录") && (leaders >= 1 || items >= 2))
        {
            return Class::Toc;
        }
        let captions = self.caption_item.find_iter(text).count();
        if captions >= 4 && sentence_ends <= 1 {
            return Class::Toc;
        }

        // cover: contact details, rating boxes, stock-data boxes.
        let strong = self
            .cover_strong
            .iter()
            .filter(|r| r.is_match(text))
            .count();
        let cues = self.cover_cues.iter().filter(|r| r.is_match(text)).count();
        let stock = self.stock_data.find_iter(text).count();
        let cover_score = cues + strong.min(2) + if stock >= 2 { stock.min(3) } else { 0 };
        if (strong > 0 && cover_score >= 2) || cover_score >= 3 {
            return Class::Cover;
        }

        // legal: disclaimers, rating scales, certifications.
        // A footer glued into prose names a disclaimer or two; a legal
        // block names three kinds of legal matter or more.
        let legal = self.legal_cues.iter().filter(|r| r.is_match(text)).count();
        let legal_asked = self.legal_query.is_match(query);
        if legal >= 3 && !legal_asked {
            return Class::Legal;
        }

        // furniture: a reminder/banner glued in, or page furniture making
        // up most of the passage.
        if self.furniture_strong.is_match(text) {
            return Class::Furniture;
        }
        if legal >= 2 && !legal_asked {
            return Class::Legal;
        }
        let weak_chars = covered(&self.furniture_weak, text);
        if weak_chars > 0 {
            let rest = self.furniture_weak.replace_all(text, " ");
            let rest_han = rest.chars().filter(|&c| is_han(c)).count();
            if weak_chars * 2 >= total || rest_han < 15 {
                return Class::Furniture;
            }
        }

        // chart: numbers, percentages, years and axis labels, little prose.
        let numbers: Vec<&str> = self.number.find_iter(text).map(|m| m.as_str()).collect();
        let numeric_chars: usize = numbers.iter().map(|n| n.chars().count()).sum();
        let prose_han = prose_han(text);
        if numbers.len() >= 6 {
            let share = numeric_chars as f64 / total as f64;
            // Spaced-out labels: Chinese only in short runs.
            let little_prose = prose_han * 2 < han && prose_han < numeric_chars;
            if share >= 0.55
                || (share >= 0.3 && sentence_ends == 0)
                || (little_prose && sentence_ends == 0)
            {
                return Class::Chart;
            }
        }
        // Axis labels glued into one run of digits (2018 2020E 2025E ...).
        if numbers
            .iter()
            .any(|n| n.len() >= 16 && !n.contains([',', '.']))
        {
            return Class::Chart;
        }
        if han < 10 && numbers.len() >= 3 {
            return Class::Chart;
        }

        Class::Readable
    }
}

/// Han characters in runs that read as sentences: at least 8 characters of
/// Chinese (with the punctuation and short numbers that sit inside a
/// sentence) between spaces or line breaks. Axis labels and legends are
/// short runs.
fn prose_han(text: &str) -> usize {
    text.split(char::is_whitespace)
        .map(|run| run.chars().filter(|&c| is_han(c)).count())
        .filter(|&n| n >= 8)
        .sum()
}

/// Text reduced to what is compared for duplicates: letters, digits and
/// Chinese, lower-cased.
pub fn normalize(text: &str) -> Vec<char> {
    text.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(|c| c.to_lowercase())
        .collect()
}

/// Character-bigram overlap of two normalized texts, over the longer one:
/// 1.0 when they are the same, ≥ 0.9 when nearly so.
pub fn overlap(a: &[char], b: &[char]) -> f64 {
    use std::collections::HashMap;
    if a.is_empty() || b.is_empty() {
        return if a == b { 1.0 } else { 0.0 };
    }
    if a.len() < 2 || b.len() < 2 {
        return if a == b { 1.0 } else { 0.0 };
    }
    let mut counts: HashMap<(char, char), i32> = HashMap::new();
    for w in a.windows(2) {
        *counts.entry((w[0], w[1])).or_default() += 1;
    }
    let mut common = 0usize;
    for w in b.windows(2) {
        if let Some(n) = counts.get_mut(&(w[0], w[1])) {
            if *n > 0 {
                *n -= 1;
                common += 1;
            }
        }
    }
    common as f64 / (a.len().max(b.len()) - 1) as f64
}

#[cfg(test)]
mod tests {
    use super::*;

    fn class(text: &str) -> Class {
        Classifier::new().classify(text, "测试")
    }

    #[test]
    fn toc_lines_are_junk() {
        assert_eq!(
            class("一、行业概况……………………………………3 二、竞争格局……………………………………8 三、投资建议………………12"),
            Class::Toc
        );
        assert_eq!(
            class("1. 公司概况 4 2. 核心业务分析 7 3. 盈利预测与估值 15 4. 风险提示 18"),
            Class::Toc
        );
    }

    #[test]
    fn footers_are_junk() {
        assert_eq!(
            class("请务必阅读正文之后的免责声明及其项下所有内容 13/14"),
            Class::Furniture
        );
        assert_eq!(
            class("公司营收同比增长25%，敬请参阅末页重要声明及评级说明 主要受益于医美需求的持续释放。"),
            Class::Furniture
        );
        assert_eq!(class("69 of 71"), Class::Furniture);
    }

    #[test]
    fn chart_residue_is_junk() {
        assert_eq!(
            class("2019 2020 2021E 2022E 营业收入 12.5 15.3 18.9 22.1 增长率 12.3% 22.4% 23.5% 16.9% 净利润 2.1 2.8 3.6 4.5"),
            Class::Chart
        );
        assert_eq!(
            class("0% 20% 40% 60% 80% 100% 2016 2017 2018 2019 2020 毛利率 净利率"),
            Class::Chart
        );
    }

    #[test]
    fn contact_blocks_are_junk() {
        assert_eq!(
            class("分析师：张三 执业证书编号：S0570519010002 电话：021-28972076 邮箱：zhangsan@example.com"),
            Class::Cover
        );
        assert_eq!(
            class("投资评级：买入 上次评级：买入 总股本（百万股） 216 流通市值（亿元） 1,020 52周最高/最低 720.0/380.5"),
            Class::Cover
        );
    }

    #[test]
    fn markers_and_legal_are_junk() {
        assert_eq!(
            class("[Table_Title] [Table_Summary] 投资要点"),
            Class::Marker
        );
        let legal = "本报告仅供本公司的客户使用，本公司不会因接收人收到本报告而视其为客户。本报告不构成对任何人的投资建议。";
        assert_eq!(class(legal), Class::Legal);
        assert_eq!(
            Classifier::new().classify(legal, "免责声明"),
            Class::Readable
        );
    }

    #[test]
    fn prose_is_readable() {
        for prose in [
            "公司是国内医美玻尿酸龙头，嗨体产品凭借差异化定位快速放量，我们预计2021-2023年净利润分别为9.6亿元、13.5亿元和18.2亿元，维持买入评级。",
            "随着国内半导体设备厂商技术突破，刻蚀和薄膜沉积设备的国产化率有望持续提升，本土晶圆厂扩产为国产设备提供了验证机会。",
            "游戏业务方面，腾讯控股本季度国内手游收入同比增长8%，海外游戏收入增长较快，主要受益于新游戏上线。",
        ] {
            assert_eq!(class(prose), Class::Readable, "{prose}");
        }
    }

    #[test]
    fn near_duplicates_overlap() {
        let a = normalize("公司营收同比增长25%，主要受益于医美需求的持续释放。");
        let b = normalize("公司营收同比增长25% 主要受益于医美需求的持续释放");
        let c = normalize("半导体设备国产化率有望持续提升，本土晶圆厂扩产。");
        assert!(overlap(&a, &b) >= 0.9);
        assert!(overlap(&a, &c) < 0.5);
    }
}
