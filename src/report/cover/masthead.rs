//! The broker's research institute named at the head of its contact page
//! (`某某证券研究所北京上海地址:…`, `某某证券研究中心深圳市地址:…`,
//! `某某证券研究所深圳办公地址:…`): the labelling guide marks the whole
//! contact block as cover, and the institute with its offices' cities is
//! its heading, not the rating scale's or the disclaimer's last words.
//! Only when cities or an office word stand between the name and the
//! first field, or the field is the address: a source line's institute
//! (`资料来源:某某证券研究所`) before an analyst is the chart's, not a
//! contact page's heading. The block starts there even when the rating
//! scale's last line runs on into it (`first_contact_field`).

use crate::report::brokers::broker_suffix_before;

/// Cities a broker lists its offices in, and the office words after them.
const OFFICES: &[&str] = &[
    "北京",
    "上海",
    "深圳",
    "广州",
    "武汉",
    "杭州",
    "南京",
    "成都",
    "重庆",
    "香港",
    "天津",
    "西安",
    "长沙",
    "福州",
    "厦门",
    "济南",
    "郑州",
    "合肥",
    "太原",
    "东莞",
    "苏州",
    "沈阳",
    "长春",
    "大连",
    "青岛",
    "宁波",
    "昆明",
    "南昌",
    "贵阳",
    "南宁",
    "纽约",
    "伦敦",
    "新加坡",
    "(总部)",
    "总部",
    "办公",
    "分部",
    "市",
];

/// The institute's name as brokers write it after `某某证券`.
const INSTITUTES: &[&str] = &[
    "研究发展中心",
    "经济研究所",
    "研究中心",
    "研究所",
    "研究院",
    "研究部",
    "研究",
];

/// Where the institute's name before the contact field at `at` starts (not
/// before `floor`), if the field has one right before it.
pub(super) fn institute_before(chars: &[char], at: usize, floor: usize) -> Option<usize> {
    let ends_with = |k: usize, w: &str| {
        let n = w.chars().count();
        k >= floor + n && chars[k - n..k].iter().copied().eq(w.chars())
    };
    let mut k = at;
    let mut offices = 0;
    while let Some(w) = OFFICES.iter().find(|w| ends_with(k, w)) {
        k -= w.chars().count();
        offices += 1;
    }
    let address = chars[at..].starts_with(&['地', '址']);
    if offices == 0 && !address {
        return None;
    }
    let name = INSTITUTES.iter().find(|w| ends_with(k, w))?;
    let k = k - name.chars().count();
    let left: String = chars[k.saturating_sub(8).max(floor)..k].iter().collect();
    let start = broker_suffix_before(&left, left.len())?;
    Some(k - left[start..].chars().count())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn head(text: &str, field: &str) -> Option<String> {
        let chars: Vec<char> = text.chars().collect();
        let at = text.find(field).map(|b| text[..b].chars().count())?;
        institute_before(&chars, at, 0).map(|s| chars[s..at].iter().collect())
    }

    #[test]
    fn the_institute_and_its_cities_head_the_contact_page() {
        let text = "相对同期基准指数跌幅在10%以上中原证券研究所北京上海地址:北京市东城区某某街1号";
        assert_eq!(
            head(text, "地址").as_deref(),
            Some("中原证券研究所北京上海")
        );
        let text = "行业整体表现弱于市场华安证券研究所深圳办公地址:深圳市福田区某某路2号";
        assert_eq!(
            head(text, "地址").as_deref(),
            Some("华安证券研究所深圳办公")
        );
        let text = "各项声明请参见报告尾页。东吴证券研究中心深圳市地址:深圳市某某大道3号";
        assert_eq!(
            head(text, "地址").as_deref(),
            Some("东吴证券研究中心深圳市")
        );
    }

    #[test]
    fn a_source_lines_institute_is_not_a_heading() {
        let text = "资料来源:wind,中原证券研究所分析师:赵六执业证号:s0100000000009";
        assert_eq!(head(text, "分析师"), None);
        let text = "由甲乙大学研究所北京地址:某某路";
        assert_eq!(head(text, "地址"), None);
    }
}
