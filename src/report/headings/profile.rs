//! Analyst profiles without a heading of their own: a name, a colon and a
//! degree, then the analyst's years and employer (`张三:某某大学金融学
//! 硕士,…8年证券从业经验,2019年加入某某证券`), in the end matter. Each
//! profile opens an analyst stretch, so a risk chapter or a page number
//! right before it (`…风险提示18张三:…`) does not run into it.

use super::Raw;
use crate::report::section::Section;
use crate::text::normalize::is_han;

/// Profiles are looked for in the last part of the text only: the body
/// has management profiles that read alike.
const LATE_SHARE: f64 = 0.6;
/// The degree follows the colon within this many characters.
const DEGREE_WITHIN: usize = 24;
/// The years and employer follow within this many characters.
const CAREER_WITHIN: usize = 300;

const DEGREES: &[&str] = &["毕业于", "硕士", "博士", "学士"];
const CAREER: &[&str] = &["从业", "加入", "研究经验"];
const EMPLOYER: &[&str] = &["分析师", "研究所", "证券", "研究员"];

/// The headings (byte ranges in `s`) of the analyst profiles of `s`: the
/// name and its colon.
pub(super) fn analyst_profiles(s: &str) -> Vec<Raw> {
    let from = s.floor_char_boundary((s.len() as f64 * LATE_SHARE) as usize);
    let mut out = Vec::new();
    for (k, _) in s[from..].match_indices(':') {
        let colon = from + k;
        // A name of two to four Han characters, after something else.
        let name: Vec<(usize, char)> = s[..colon]
            .char_indices()
            .rev()
            .take_while(|(_, c)| is_han(*c))
            .take(5)
            .collect();
        if !(2..=4).contains(&name.len()) {
            continue;
        }
        let start = name[name.len() - 1].0;
        // (In the profile's first sentence: `风险提示:…。张三:…硕士` is
        // the risks' heading.)
        let after: String = s[colon + 1..]
            .chars()
            .take(DEGREE_WITHIN)
            .take_while(|c| !matches!(c, '。' | ';'))
            .collect();
        if !DEGREES.iter().any(|d| after.contains(d)) {
            continue;
        }
        let window: String = s[colon + 1..].chars().take(CAREER_WITHIN).collect();
        if CAREER.iter().any(|w| window.contains(w)) && EMPLOYER.iter().any(|w| window.contains(w))
        {
            out.push(Raw {
                start,
                end: colon + 1,
                section: Section::Analyst,
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(s: &str) -> Vec<&str> {
        analyst_profiles(s)
            .into_iter()
            .map(|r| &s[r.start..r.end])
            .collect()
    }

    #[test]
    fn a_name_a_degree_and_a_career_in_the_end_matter() {
        let body = "行业需求稳步增长,公司市场份额持续提升。".repeat(20);
        let end = "风险提示:需求不及预期。18张三:某某大学金融学硕士,某某大学学士,5年证券从业经验,2019年加入某某证券研究所。";
        assert_eq!(found(&format!("{body}{end}")), vec!["张三:"]);
        // Early in the text (a company's management), or without a career at
        // a broker, it is not an analyst's profile.
        assert!(found(&format!("{end}{body}")).is_empty());
        let manager = "董事长李四:某某大学博士,2010年加入公司,负责研发。";
        assert!(found(&format!("{body}{manager}")).is_empty());
    }
}
