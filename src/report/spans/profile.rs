//! Where a listed company's profile opens after a risk list: the
//! company's name and its ticker in brackets right after a sentence end
//! (`…不及预期。某某科技(300000ch,买入,目标价…)某某科技成立于…`).
//!
//! A sector report's closing chapter often gives each recommended
//! company a paragraph that ends on its own risks (`风险提示:…。`) and is
//! followed by the next company's name, ticker and rating. The risk list
//! ends there: the profile after it is no risk, whether or not the
//! company's name is one the built-in table knows, since the ticker in
//! brackets says it is a company.

use std::ops::Range;

/// Characters of a company's name before its ticker, at most.
const MAX_NAME: usize = 8;

/// Where a company's profile opens inside `range`: after a sentence end,
/// two to eight letters or Han characters, then `(` and a stock code.
pub(super) fn profile_start(chars: &[char], range: Range<usize>) -> Option<usize> {
    (range.start.max(1)..range.end).find(|&i| {
        if chars[i - 1] != '。' {
            return false;
        }
        let name = chars[i..range.end.min(i + MAX_NAME + 1)]
            .iter()
            .take_while(|&&c| crate::text::chars::is_han(c) || c.is_ascii_alphabetic())
            .count();
        if !(2..=MAX_NAME).contains(&name) || chars.get(i + name) != Some(&'(') {
            return false;
        }
        let digits = chars[i + name + 1..]
            .iter()
            .take_while(|c| c.is_ascii_digit())
            .count();
        // (A Shanghai or Shenzhen code has six digits; a Hong Kong one four
        // or five and its market or a comma, `01810,买入`, `0992.hk`: a
        // year in brackets, `(2021年)`, `(2021)`, is none.)
        let after = chars.get(i + name + 1 + digits).copied();
        digits == 6
            || (4..=5).contains(&digits)
                && after.is_some_and(|c| matches!(c, '.' | ',') || c.is_ascii_alphabetic())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(text: &str) -> Option<usize> {
        let chars: Vec<char> = text.chars().collect();
        profile_start(&chars, 0..chars.len())
    }

    #[test]
    fn a_ticker_after_a_sentence_opens_a_profile() {
        let text = "风险提示:原材料涨价;需求不及预期。某某光电(300000ch,买入,目标价:10元)某某光电成立于2005年。";
        assert_eq!(
            at(text),
            text.find("某某光电").map(|b| text[..b].chars().count())
        );
        assert_eq!(at("汇率风险。某某集团(01810,买入)手机业务…"), Some(5));
    }

    #[test]
    fn a_bracket_inside_a_risk_is_not_a_profile() {
        assert_eq!(
            at("风险提示:汇率波动(2020年以来)。下游需求(2021年)不及预期。"),
            None
        );
        assert_eq!(at("风险提示:需求不及预期,某某光电(300000)降价。"), None);
        assert_eq!(at("风险提示:需求不及预期。全年营收(2021)下滑。"), None);
    }
}
