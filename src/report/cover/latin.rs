//! The field label `tel` inside a longer word of Latin letters: a brand or
//! a company (`itel(传音)`, `intel(英特尔)`, `telcel`, `alcatel`,
//! `littelfuse`), not a phone field. Normalized text is lower case and one
//! line, so such a word's letters touch the label, while a phone field's
//! label stands apart (`张三tel:(021)…`) or follows a Han name. Other Latin
//! labels keep their glued letters: `…@abc.com.cnsacno.s0550…` is a
//! certificate number's label after an e-mail address.

/// Is the label `label` at `at` the `tel` inside a longer Latin word?
pub(super) fn inside_word(chars: &[char], at: usize, label: &[char]) -> bool {
    let latin = |k: Option<usize>| {
        k.and_then(|k| chars.get(k))
            .is_some_and(char::is_ascii_alphabetic)
    };
    label == ['t', 'e', 'l'] && (latin(at.checked_sub(1)) || latin(Some(at + label.len())))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at_tel(text: &str) -> bool {
        let chars: Vec<char> = text.chars().collect();
        let at = text[..text.find("tel").unwrap()].chars().count();
        inside_word(&chars, at, &['t', 'e', 'l'])
    }

    #[test]
    fn tel_inside_a_brand_is_no_label() {
        assert!(at_tel("某品牌itel(某某),46%"));
        assert!(at_tel("某某半导体intel(英特尔)收入"));
        assert!(at_tel("运营商telcel线上销售"));
        assert!(!at_tel("分析师:张三tel:(021)12345678"));
        assert!(!at_tel("张三tel021-12345678"));
        // Two brands close together made a contact block of prose.
        let share: Vec<char> = "出货份额:itel(某某),46%,tecno(某某),27%,itel(某某)增长最快"
            .chars()
            .collect();
        assert!(super::super::contact_blocks(&share).is_empty());
    }
}
