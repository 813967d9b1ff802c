//! Rows keyed by a listed company's name with a figure glued right after
//! it: a table of companies' profiles (`某某生物2002中国致力于…` for the
//! company, the year it was founded, its country, what it does) or of
//! their figures (`某某医疗2.310.91心血管支架…`). Prose puts a unit after a
//! figure (`2002年成立`, `11种`, `2.31亿元`) or a pause between the name
//! and the figure.
//!
//! Works on the characters of normalized text.

/// Rows a passage holds, at least, to read as such a table: one name
/// with a figure may be a sentence's typo.
pub(super) const MIN_COMPANY_ROWS: usize = 2;

/// Characters of a listed company's name, at least and at most (as in
/// the fold of search results: shorter names are words of any sentence).
const NAME_CHARS: std::ops::RangeInclusive<usize> = 3..=8;

/// Whether `c`, right after a figure, is its unit or a word of time or
/// count (`年`, `亿`, `种`, `余家`): the figure is then a sentence's.
/// Not `微`: it opens more words (`微创`, `微生物`) than units.
fn is_unit(c: char) -> bool {
    "年月日亿万元千百个家台人倍次号期季度周天岁只件款项支瓶吨片股份户座条所位名级代类层寸英米克升毫纳种多余亩床".contains(c)
}

/// How many rows keyed by a listed company's name with a figure glued
/// after it, then a word, `cs` holds.
pub(super) fn company_rows(cs: &[char]) -> usize {
    let mut rows = 0;
    let mut i = 1;
    while i < cs.len() {
        if !(cs[i].is_ascii_digit() && crate::text::is_han(cs[i - 1])) {
            i += 1;
            continue;
        }
        // Digits, with the points and separators inside the figure only:
        // a comma after it is a pause.
        let mut figure = 0;
        while cs.get(i + figure).is_some_and(|c| {
            c.is_ascii_digit()
                || (matches!(c, '.' | ',')
                    && cs.get(i + figure + 1).is_some_and(|d| d.is_ascii_digit()))
        }) {
            figure += 1;
        }
        let opens_cell = cs
            .get(i + figure)
            .is_some_and(|&c| crate::text::is_han(c) && !is_unit(c));
        if opens_cell && company_ends_at(cs, i) {
            rows += 1;
        }
        i += figure;
    }
    rows
}

/// Whether a listed company's name (as the built-in table has it) ends
/// right before `at`. Asked only where a figure follows a Han character.
fn company_ends_at(cs: &[char], at: usize) -> bool {
    // The longest name's characters once, as one string: each shorter
    // name is a suffix of it (no string built per length).
    let from = at.saturating_sub(*NAME_CHARS.end());
    let window: String = cs[from..at].iter().collect();
    let starts: Vec<usize> = window.char_indices().map(|(b, _)| b).collect();
    NAME_CHARS.filter(|&len| len <= at - from).any(|len| {
        cs[at - len..at].iter().all(|&c| crate::text::is_han(c))
            && crate::report::aliases::AliasTable::builtin_names_company(
                &window[starts[starts.len() - len]..],
            )
    })
}

#[cfg(test)]
mod tests {
    use super::company_rows;

    fn rows(text: &str) -> usize {
        company_rows(&text.chars().collect::<Vec<char>>())
    }

    #[test]
    fn companies_each_with_a_figure_glued_open_rows() {
        // Profiles: name, the year it was founded, its country.
        assert_eq!(
            rows("公司名称成立时间国家简介万孚生物1992中国致力于体外诊断产品的研发。基蛋生物2002中国致力于诊断试剂的研发。明德生物2008中国专业从事检测试剂的研发。"),
            3
        );
        // Figures: name, revenue and profit glued, then the products.
        assert_eq!(
            rows("心脉医疗2.310.91心血管支架及输送系统南微医学9.221.93微创医疗器械"),
            2
        );
    }

    #[test]
    fn a_figure_with_its_unit_or_a_pause_is_a_sentences() {
        assert_eq!(
            rows("华兰生物11种、博雅生物8种、卫光生物9种;万孚生物1992年成立,心脉医疗,2.31亿元;南微医学2021,公司收入增长"),
            0
        );
        // A name that the table does not list.
        assert_eq!(
            rows("某某生物2002中国致力于研发。某某医疗2008中国专业从事"),
            0
        );
    }
}
