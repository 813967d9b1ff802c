//! Names of brokers: the table of the names written before `证券`, brand names, and tests
//! for a broker's name at a position.  The heading rules use them (a source line or a signature
//! ends with a broker's name, `华西证券免责声明`), and so do the broker and title extractors.

use crate::report::scan::{left_window, right_window};

/// Broker names as they appear before `证券` (or as brand names), and the short form returned.
pub(crate) const BROKERS: &[(&str, &str)] = &[
    ("中信建投", "中信建投证券"),
    ("中信", "中信证券"),
    ("国泰君安", "国泰君安证券"),
    ("海通", "海通证券"),
    ("华泰", "华泰证券"),
    ("广发", "广发证券"),
    ("招商", "招商证券"),
    ("申万宏源", "申万宏源证券"),
    ("申银万国", "申万宏源证券"),
    ("中国银河", "中国银河证券"),
    ("银河", "中国银河证券"),
    ("国信", "国信证券"),
    ("东方财富", "东方财富证券"),
    ("东方", "东方证券"),
    ("光大", "光大证券"),
    ("兴业", "兴业证券"),
    ("安信", "安信证券"),
    ("长江", "长江证券"),
    ("方正", "方正证券"),
    ("国金", "国金证券"),
    ("平安", "平安证券"),
    ("东吴", "东吴证券"),
    ("天风", "天风证券"),
    ("华创", "华创证券"),
    ("西南", "西南证券"),
    ("国元", "国元证券"),
    ("浙商", "浙商证券"),
    ("中泰", "中泰证券"),
    ("华安", "华安证券"),
    ("民生", "民生证券"),
    ("中原", "中原证券"),
    ("东北", "东北证券"),
    ("川财", "川财证券"),
    ("开源", "开源证券"),
    ("太平洋", "太平洋证券"),
    ("长城国瑞", "长城国瑞证券"),
    ("长城", "长城证券"),
    ("华西", "华西证券"),
    ("首创", "首创证券"),
    ("华金", "华金证券"),
    ("渤海", "渤海证券"),
    ("万联", "万联证券"),
    ("新时代", "新时代证券"),
    ("国海", "国海证券"),
    ("粤开", "粤开证券"),
    ("上海", "上海证券"),
    ("华菁", "华菁证券"),
    ("国联", "国联证券"),
    ("信达", "信达证券"),
    ("东兴", "东兴证券"),
    ("华鑫", "华鑫证券"),
    ("德邦", "德邦证券"),
    ("财通", "财通证券"),
    ("国盛", "国盛证券"),
    ("中银国际", "中银证券"),
    ("中银", "中银证券"),
    ("中航", "中航证券"),
    ("中邮", "中邮证券"),
    ("九州", "九州证券"),
    ("联讯", "联讯证券"),
    ("财富", "财富证券"),
    ("东莞", "东莞证券"),
    ("山西", "山西证券"),
    ("国开", "国开证券"),
    ("齐鲁", "齐鲁证券"),
    ("西部", "西部证券"),
    ("华宝", "华宝证券"),
    ("财信", "财信证券"),
    ("湘财", "湘财证券"),
    ("华龙", "华龙证券"),
    ("东海", "东海证券"),
    ("国都", "国都证券"),
    ("万和", "万和证券"),
    ("五矿", "五矿证券"),
    ("恒泰", "恒泰证券"),
    ("华福", "华福证券"),
    ("世纪", "世纪证券"),
    ("第一创业", "第一创业证券"),
    ("红塔", "红塔证券"),
    ("英大", "英大证券"),
    ("江海", "江海证券"),
    ("华林", "华林证券"),
    ("爱建", "爱建证券"),
    ("中山", "中山证券"),
    ("金元", "金元证券"),
    ("国融", "国融证券"),
    ("南京", "南京证券"),
    ("北京高华", "高华证券"),
    ("甬兴", "甬兴证券"),
    ("华源", "华源证券"),
    ("野村东方国际", "野村东方国际证券"),
    ("中金", "中金公司"),
    ("广州", "广州证券"),
    ("兴证国际", "兴证国际证券"),
];

/// Brand names used without `证券`.
pub(crate) const BRANDS: &[(&str, &str)] = &[
    ("广证恒生", "广证恒生"),
    ("中金公司", "中金公司"),
    ("申银万国", "申万宏源证券"),
];

/// Does `left` end with a broker's name (`招商证券`), as a source line (`资料来源:wind,招商证券`)
/// or a signature does?
pub(crate) fn ends_with_broker(left: &str) -> bool {
    left.strip_suffix("证券")
        .is_some_and(|h| BROKERS.iter().any(|(k, _)| h.ends_with(k)))
}

/// Does the text at `i` start with a broker's name (`中原证券…`)?
pub(crate) fn starts_with_broker(s: &str, i: usize) -> bool {
    let r = right_window(s, i, 10);
    BROKERS
        .iter()
        .any(|(k, _)| r.strip_prefix(k).is_some_and(|t| t.starts_with("证券")))
        || BRANDS.iter().any(|(k, _)| r.starts_with(k))
}

/// Byte start of a `XX证券` broker name ending at byte `i`, if any.
pub(crate) fn broker_suffix_before(s: &str, i: usize) -> Option<usize> {
    let left = left_window(s, i, 8);
    if !left.ends_with("证券") {
        return None;
    }
    let head = &left[..left.len() - "证券".len()];
    BROKERS
        .iter()
        .filter(|(k, _)| head.ends_with(k))
        .max_by_key(|(k, _)| k.len())
        .map(|(k, _)| i - "证券".len() - k.len())
}
