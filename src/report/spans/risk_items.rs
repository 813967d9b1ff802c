//! Whether the text after a page break opens another item of a risk list
//! (`…损害产品形象风险。医疗美容行业存在…`): a risk chapter written as
//! items, each a short title naming a risk and a paragraph, runs on over
//! the page end between two items, though the sentence before the break
//! is finished.

/// Characters of an item's title, at most.
const MAX_ITEM_TITLE: usize = 40;

/// Does the text at `at` open with a short clause that names a risk: up
/// to its first stop (`。`, `:`, `,`), at most [`MAX_ITEM_TITLE`]
/// characters, ending in `风险`?
pub(super) fn opens_risk_item(chars: &[char], at: usize) -> bool {
    let rest = &chars[at.min(chars.len())..];
    let Some(stop) = rest
        .iter()
        .take(MAX_ITEM_TITLE + 1)
        .position(|c| matches!(c, '。' | ':' | '：' | ',' | '，' | ';' | '；'))
    else {
        return false;
    };
    rest[..stop].ends_with(&['风', '险'])
        && rest[..stop].iter().all(|&c| crate::text::chars::is_han(c))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn opens(t: &str) -> bool {
        let c: Vec<char> = t.chars().collect();
        opens_risk_item(&c, 0)
    }

    #[test]
    fn a_risk_title_opens_an_item() {
        assert!(opens(
            "经销商违规销售产品等损害品牌形象风险。行业存在一定乱象,"
        ));
        assert!(opens("原材料价格波动风险:上游原料价格上涨"));
    }

    #[test]
    fn a_page_of_other_text_opens_no_item() {
        assert!(!opens("核心优势突出,公司产品线不断丰富。"));
        assert!(!opens("我们认为,行业面临竞争加剧带来的价格下行风险。"));
        assert!(!opens("4.1小米集团:手机高端化升级带来的估值提升空间与风险"));
        assert!(!opens("资产负债表单位:百万元"));
    }
}
