//! Rating words brought to one scale ([`Level`]): buy, outperform, neutral, underperform,
//! sell. Brokers use different words (`买入`, `强烈推荐`, `增持`, `优于大市`, `看好`...) and the
//! same word means different things at different brokers (`推荐` tops 民生证券's stock scale
//! but is second under `强烈推荐` at 平安证券; `持有` is a positive level at 西南证券). So a
//! word's level is read from the report's own rating scale (`投资评级说明`) when it has one:
//! the word's place in its scale, counted from the scale's neutral word. Without one, a
//! table of the words' usual meaning decides ([`default_level`], documented in the README).

use super::rating::RATINGS;
use crate::report::scan::floor_boundary;
use serde::{Deserialize, Serialize};

/// A rating on one scale across brokers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    /// The top of a stock scale: expected to beat the market by the widest margin.
    Buy,
    /// Above the market, but not the top of a stock scale; the top of most industry scales.
    Outperform,
    /// With the market.
    Neutral,
    /// Below the market.
    Underperform,
    /// The bottom of a scale with two levels below the market.
    Sell,
}

impl Level {
    /// Every level, best first.
    pub const ALL: [Level; 5] = [
        Level::Buy,
        Level::Outperform,
        Level::Neutral,
        Level::Underperform,
        Level::Sell,
    ];

    /// The name used in JSON and on the command line.
    pub fn name(self) -> &'static str {
        match self {
            Level::Buy => "buy",
            Level::Outperform => "outperform",
            Level::Neutral => "neutral",
            Level::Underperform => "underperform",
            Level::Sell => "sell",
        }
    }

    /// The level named `name` (`buy`, `outperform`...).
    pub fn from_name(name: &str) -> Option<Level> {
        Level::ALL.into_iter().find(|l| l.name() == name)
    }

    /// A small number for a fast column (0 is reserved for "no level").
    pub fn code(self) -> u64 {
        self as u64 + 1
    }

    /// The level of a [`Level::code`].
    pub fn from_code(code: u64) -> Option<Level> {
        Level::ALL.get(code.checked_sub(1)? as usize).copied()
    }
}

/// Which of a broker's two scales a rating belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Scale {
    /// The stock (company) scale.
    Stock,
    /// The industry scale.
    Industry,
}

/// Words that sit at the market (a scale's middle).
const NEUTRAL_WORDS: &[&str] = &["中性", "同步大市", "跟随大市", "标配"];

/// Brokers whose stock scale tops at `推荐` (no `强烈推荐` above it), for reports that do not
/// print their scale.
const BROKERS_TOPPED_BY_TUIJIAN: &[&str] = &["民生证券", "中国银河证券"];

/// The usual meaning of a rating word, for reports without a scale of their own.
pub(super) fn default_level(word: &str, scale: Scale, broker: Option<&str>) -> Option<Level> {
    use Level::*;
    Some(match word {
        "买入" | "强烈推荐" => Buy,
        "推荐" => match scale {
            Scale::Stock if broker.is_some_and(|b| BROKERS_TOPPED_BY_TUIJIAN.contains(&b)) => Buy,
            _ => Outperform,
        },
        "增持" | "谨慎推荐" | "审慎推荐" | "审慎增持" | "谨慎增持" | "优于大市" | "强于大市"
        | "领先大市" | "跑赢行业" | "跑赢大市" | "优于大势" | "看好" | "超配" | "优异" => {
            Outperform
        }
        "中性" | "持有" | "同步大市" | "跟随大市" | "标配" => Neutral,
        "减持" | "弱于大市" | "落后大市" | "跑输行业" | "跑输大市" | "看淡" | "低配" | "回避" => {
            Underperform
        }
        "卖出" => Sell,
        _ => return None,
    })
}

/// A broker's rating scale as the report prints it: its words, best first.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct PrintedScale {
    pub(super) kind: Option<Scale>,
    pub(super) words: Vec<&'static str>,
}

impl PrintedScale {
    /// The level of `word` in this scale, from its place relative to the neutral word.
    fn level_of(&self, word: &str) -> Option<Level> {
        let at = self.words.iter().position(|w| *w == word)?;
        let neutral = self
            .words
            .iter()
            .position(|w| NEUTRAL_WORDS.contains(w))
            .or_else(|| self.words.iter().position(|w| *w == "持有"))?;
        use std::cmp::Ordering::*;
        Some(match at.cmp(&neutral) {
            Equal => Level::Neutral,
            Less => {
                let above = neutral;
                if above >= 2 {
                    if at == 0 {
                        Level::Buy
                    } else {
                        Level::Outperform
                    }
                } else if self.kind != Some(Scale::Industry)
                    && ["买入", "强烈推荐", "推荐"].contains(&word)
                {
                    Level::Buy
                } else {
                    Level::Outperform
                }
            }
            Greater => {
                let below = self.words.len() - neutral - 1;
                if below >= 2 && at == self.words.len() - 1 {
                    Level::Sell
                } else {
                    Level::Underperform
                }
            }
        })
    }
}

/// Cues that open a rating-scale section.
const SCALE_CUES: &[&str] = &[
    "评级说明",
    "评级标准",
    "评级体系",
    "评级定义",
    "评级声明",
    "评级的说明",
    "投资评级",
];

/// How far a scale's words may run after its cue, in bytes (about 500 characters).
const SCALE_SPAN: usize = 1500;

/// The rating scales a report prints (stock and industry), from its last scale section that
/// lists at least three rating words. Words follow each other best first; a word ranked no
/// lower than the one before it starts the next scale (`买入 增持 持有 卖出 强于大市 中性
/// 弱于大市` is two scales even where both headings stand before both lists).
pub(super) fn printed_scales(s: &str) -> Vec<PrintedScale> {
    let mut best: Vec<PrintedScale> = Vec::new();
    let mut starts: Vec<usize> = SCALE_CUES
        .iter()
        .flat_map(|cue| s.match_indices(cue).map(|(p, _)| p))
        .collect();
    starts.sort_unstable();
    starts.dedup();
    // The last section that holds a scale wins: the cover's `投资评级` is followed by one word.
    for &start in starts.iter().rev() {
        let end = floor_boundary(s, start + SCALE_SPAN);
        let region = &s[start..end];
        let scales = scales_in(region);
        if scales.iter().map(|sc| sc.words.len()).sum::<usize>() >= 3 {
            best = scales;
            break;
        }
    }
    best
}

/// The scales of one scale section: rating words used as definitions (followed by a
/// definition, not inside a sentence), grouped into scales by their order.
fn scales_in(region: &str) -> Vec<PrintedScale> {
    let mut scales: Vec<PrintedScale> = Vec::new();
    let mut kind_hint: Option<Scale> = None;
    let mut i = 0;
    let mut last_rank: Option<(u8, &str)> = None;
    while i < region.len() {
        let rest = &region[i..];
        if rest.starts_with("行业") {
            kind_hint = Some(Scale::Industry);
        } else if ["股票", "公司", "个股"].iter().any(|w| rest.starts_with(w)) {
            kind_hint = Some(Scale::Stock);
        }
        let Some(word) = RATINGS.iter().find(|w| rest.starts_with(**w)).copied() else {
            i += rest.chars().next().map_or(1, char::len_utf8);
            continue;
        };
        i += word.len();
        if !defines(&region[i..]) {
            continue;
        }
        let rank = rank_of(word);
        let new_scale = match last_rank {
            None => true,
            Some((r, w)) => rank < r || w == word || (rank == r && !same_rank_ok(w, word)),
        };
        if new_scale || scales.is_empty() {
            scales.push(PrintedScale {
                kind: kind_hint,
                words: vec![word],
            });
        } else {
            let sc = scales.last_mut().expect("a scale was pushed");
            if !sc.words.contains(&word) {
                sc.words.push(word);
            }
            if sc.kind.is_none() {
                sc.kind = kind_hint;
            }
        }
        last_rank = Some((rank, word));
    }
    scales.retain(|sc| sc.words.len() >= 2);
    // Headings that both stand before both lists give the first list the stock kind.
    if scales.len() == 2 && scales[0].kind == scales[1].kind {
        scales[0].kind = Some(Scale::Stock);
        scales[1].kind = Some(Scale::Industry);
    }
    scales
}

/// Two words of the same usual rank that follow each other in one scale: `持有` above `中性`
/// (西南证券), `推荐` under `强烈推荐` is a lower rank already.
fn same_rank_ok(prev: &str, word: &str) -> bool {
    prev == "持有" && NEUTRAL_WORDS.contains(&word)
}

/// A word's usual rank, 0 (best) to 5, for ordering a printed scale.
fn rank_of(word: &str) -> u8 {
    match word {
        "强烈推荐" => 0,
        // Between `强烈推荐` above it and `谨慎推荐` below it.
        "推荐" => 1,
        _ => match default_level(word, Scale::Stock, None) {
            Some(Level::Buy) => 0,
            Some(Level::Outperform) => 2,
            Some(Level::Neutral) => 3,
            Some(Level::Underperform) => 4,
            Some(Level::Sell) | None => 5,
        },
    }
}

/// Whether the text after a rating word reads as its definition: a colon or dash, or the
/// definition's own words (`相对`, `未来`, `预期`, `行业`, `股价`...), rather than more of a
/// sentence.
fn defines(after: &str) -> bool {
    let head: String = after.chars().take(8).collect();
    let head = head.trim_start_matches([':', '-', '—', ' ', '(', ')', '：']);
    [
        "相对", "未来", "预期", "预计", "行业", "股价", "个股", "公司", "指", "以", "报告", "投资",
        "在", "超越", "强于", "弱于", "持平", "基本", "收益", "涨幅", "跌幅", "对", "我们", "即",
    ]
    .iter()
    .any(|w| head.starts_with(w))
        || after.starts_with([':', '-', '—', '：'])
}

/// The level of the rating `word`: from the report's printed scale of the rating's kind,
/// else from the word's usual meaning.
pub(super) fn level_of(
    word: &str,
    scale: Scale,
    scales: &[PrintedScale],
    broker: Option<&str>,
) -> Option<Level> {
    let holding: Vec<&PrintedScale> = scales
        .iter()
        .filter(|sc| sc.words.contains(&word))
        .collect();
    let chosen = match holding.as_slice() {
        [] => None,
        [one] => Some(*one),
        several => several
            .iter()
            .find(|sc| sc.kind == Some(scale))
            .or(several.first())
            .copied(),
    };
    chosen
        .and_then(|sc| sc.level_of(word))
        .or_else(|| default_level(word, scale, broker))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::normalize::normalize;

    fn levels(text: &str, word: &str, scale: Scale) -> Option<Level> {
        let s = normalize(text);
        level_of(word, scale, &printed_scales(&s), None)
    }

    #[test]
    fn xinan_holds_above_neutral() {
        let t = "西南证券投资评级说明公司评级买入：未来6个月内，个股相对沪深300指数涨幅在20%以上持有：未来6个月内，个股相对沪深300指数涨幅介于10%与20%之间中性：未来6个月内，个股相对沪深300指数涨幅介于-10%与10%之间回避：未来6个月内，个股相对沪深300指数涨幅介于-20%与-10%之间卖出：未来6个月内，个股相对沪深300指数涨幅在-20%以下行业评级强于大市：未来6个月内，行业整体回报高于沪深300指数5%以上跟随大市：未来6个月内，行业整体回报介于沪深300指数-5%与5%之间弱于大市：未来6个月内，行业整体回报低于沪深300指数-5%以下分析师承诺";
        assert_eq!(levels(t, "持有", Scale::Stock), Some(Level::Outperform));
        assert_eq!(levels(t, "买入", Scale::Stock), Some(Level::Buy));
        assert_eq!(levels(t, "回避", Scale::Stock), Some(Level::Underperform));
        assert_eq!(levels(t, "卖出", Scale::Stock), Some(Level::Sell));
        assert_eq!(
            levels(t, "强于大市", Scale::Industry),
            Some(Level::Outperform)
        );
    }

    #[test]
    fn both_headings_before_both_lists() {
        let t = "投资评级声明类别说明评级体系股票投资评级自报告日后的6个月内，相对同期沪深300指数的涨跌幅行业投资评级自报告日后的6个月内，相对同期沪深300指数的涨跌幅买入预期股价相对收益20%以上增持预期股价相对收益10%-20%持有预期股价相对收益-10%-10%卖出预期股价相对收益-10%以下强于大市预期行业指数涨幅5%以上中性预期行业指数涨幅-5%-5%弱于大市预期行业指数涨幅-5%以下天风证券研究";
        let s = normalize(t);
        let scales = printed_scales(&s);
        assert_eq!(scales.len(), 2, "{scales:?}");
        assert_eq!(scales[0].words, vec!["买入", "增持", "持有", "卖出"]);
        assert_eq!(levels(t, "增持", Scale::Stock), Some(Level::Outperform));
        assert_eq!(levels(t, "卖出", Scale::Stock), Some(Level::Underperform));
        assert_eq!(levels(t, "中性", Scale::Industry), Some(Level::Neutral));
    }

    #[test]
    fn tuijian_under_qianglie_tuijian_is_outperform() {
        let t = "行业评级体系公司投资评级（以沪深300指数为基准指数）：强烈推荐：相对强于市场基准指数收益率15％以上；推荐：相对强于市场基准指数收益率5％～15％之间；中性：相对于市场基准指数收益率介于-5％～+5％之间；回避：相对弱于市场基准指数收益率5％以上。行业投资评级：看好：相对强于市场基准指数收益率5％以上；中性：相对于市场基准指数收益率介于-5％～+5％之间；看淡：相对弱于市场基准指数收益率5％以上。";
        assert_eq!(levels(t, "推荐", Scale::Stock), Some(Level::Outperform));
        assert_eq!(levels(t, "强烈推荐", Scale::Stock), Some(Level::Buy));
        assert_eq!(levels(t, "看好", Scale::Industry), Some(Level::Outperform));
    }

    #[test]
    fn without_a_scale_the_usual_meaning() {
        assert_eq!(levels("无", "增持", Scale::Stock), Some(Level::Outperform));
        assert_eq!(
            level_of("推荐", Scale::Stock, &[], Some("民生证券")),
            Some(Level::Buy)
        );
        assert_eq!(
            level_of("看淡", Scale::Industry, &[], None),
            Some(Level::Underperform)
        );
        assert_eq!(Level::from_code(Level::Sell.code()), Some(Level::Sell));
    }
}
