//! The title of a text that has no cover: what `index` shows for a report
//! when the cover metadata found no headline (`report::meta` reads covers).
//!
//! A news item prints its headline in brackets before the story
//! (`【医药股继续走强 某药业5天大涨140%】北交所…`) or after `原标题：`; a
//! plain text's first line is its title when it is short; a news flash
//! that is one sentence or one paragraph has no title, and its first
//! clause says what it is about (`某生物披露定增结果，本次定增…`). Any of
//! these says more than a file name, which for such texts is mostly an ID
//! (`finnl_train_02952.txt`).

use crate::text::passage::is_marker_line;

/// A title longer than this (characters) is a paragraph, not a title.
const MAX_TITLE: usize = 80;
/// A lead shown as a title is cut at a clause within this many characters.
const MAX_LEAD: usize = 40;
/// Fewer letters than this say nothing (`一、`, `2021`).
const MIN_LETTERS: usize = 4;

/// The title of `text` read from the text alone: a bracketed or `原标题：`
/// headline, else a short first line that is not a sentence, else the
/// first clause or sentence of the first paragraph.
pub fn text_title(text: &str) -> Option<String> {
    let first = first_meaningful_line(text)?;
    line_title(first).or_else(|| lead(first))
}

/// The title of `text` if its first line is one: a bracketed or `原标题：`
/// headline, or a short line that is not a sentence. Not the lead of a
/// paragraph, which a descriptive file name beats.
pub fn first_line_title(text: &str) -> Option<String> {
    line_title(first_meaningful_line(text)?)
}

/// [`first_line_title`] of the first meaningful line `first`.
fn line_title(first: &str) -> Option<String> {
    if let Some(h) = bracketed_headline(first).or_else(|| labelled_headline(first)) {
        return Some(h);
    }
    // A title does not end on `。`: a short line that does is a flash.
    (first.chars().count() <= MAX_TITLE && !first.contains(['。', '！', '；']))
        .then(|| first.to_string())
}

/// The first line with something to say: not a template marker, a table
/// row or a web address (a story may end on its link: the text before it
/// counts).
fn first_meaningful_line(text: &str) -> Option<&str> {
    text.lines().take(60).find_map(|line| {
        let t = line.trim();
        let t = t[..["http", "www."]
            .iter()
            .filter_map(|u| t.find(u))
            .min()
            .unwrap_or(t.len())]
            .trim();
        let meaningful = letters(t) >= MIN_LETTERS && !is_marker_line(t) && !t.starts_with('|');
        meaningful.then(|| t.trim_start_matches('#').trim())
    })
}

fn letters(t: &str) -> usize {
    t.chars().filter(|c| c.is_alphanumeric()).count()
}

/// `【headline】story`: the headline.
fn bracketed_headline(line: &str) -> Option<String> {
    let rest = line.strip_prefix('【')?;
    let end = rest.find('】')?;
    let h = rest[..end].trim();
    (letters(h) >= MIN_LETTERS && h.chars().count() <= MAX_TITLE).then(|| h.to_string())
}

/// `原标题：headline  来源：…`: the headline.
fn labelled_headline(line: &str) -> Option<String> {
    let rest = line
        .strip_prefix("原标题：")
        .or_else(|| line.strip_prefix("原标题:"))?;
    let end = ["来源：", "来源:", "  "]
        .iter()
        .filter_map(|s| rest.find(s))
        .min()
        .unwrap_or(rest.len());
    let h = rest[..end].trim();
    (letters(h) >= MIN_LETTERS && h.chars().count() <= MAX_TITLE).then(|| h.to_string())
}

/// The first sentence of a paragraph when it is short, else its first
/// clause that says enough (eight letters), else its first [`MAX_LEAD`]
/// characters with `…`.
fn lead(paragraph: &str) -> Option<String> {
    let chars: Vec<char> = paragraph.chars().collect();
    let sentence_end = chars
        .iter()
        .position(|c| matches!(c, '。' | '！' | '？' | '；'))
        .unwrap_or(chars.len());
    if sentence_end <= MAX_LEAD {
        let s: String = chars[..sentence_end].iter().collect();
        return (letters(&s) >= MIN_LETTERS).then_some(s);
    }
    // The first clause that says enough (`某生物披露定增结果`), or the
    // first clauses together up to the limit.
    let clause_end = (0..MAX_LEAD.min(sentence_end))
        .filter(|&i| matches!(chars[i], '，' | ',' | '：' | ':'))
        .find(|&i| chars[..i].iter().filter(|c| c.is_alphanumeric()).count() >= 8);
    let mut s: String = chars[..clause_end.unwrap_or(MAX_LEAD)].iter().collect();
    if clause_end.is_none() {
        s.push('…');
    }
    (letters(&s) >= MIN_LETTERS).then_some(s)
}

#[cfg(test)]
mod tests {
    use super::text_title;

    #[test]
    fn a_bracketed_headline_is_the_title() {
        let t = "【光伏股午后走强 某新能源涨超10%】午后光伏板块拉升，某新能源涨超10%，某硅业、某股份跟涨。资金面上，北向资金净买入超20亿元。";
        assert_eq!(
            text_title(t).as_deref(),
            Some("光伏股午后走强 某新能源涨超10%")
        );
    }

    #[test]
    fn an_original_headline_is_the_title() {
        let t = "原标题：某酒业(600999.SH)：控股股东解除质押1980万股    来源：某财经\n某财经8月5日丨某酒业公布，公司近日收到控股股东的通知。";
        assert_eq!(
            text_title(t).as_deref(),
            Some("某酒业(600999.SH)：控股股东解除质押1980万股")
        );
    }

    #[test]
    fn a_short_first_line_is_the_title() {
        assert_eq!(
            text_title("[Table_Title]\n\n某某茅台（600999）：高端白酒龙头\n正文").as_deref(),
            Some("某某茅台（600999）：高端白酒龙头")
        );
        assert_eq!(text_title("# 标题在这里\n").as_deref(), Some("标题在这里"));
    }

    #[test]
    fn a_flash_is_titled_by_its_first_clause_or_sentence() {
        let flash = "某生物披露定增结果，本次定增募集资金总额为15.74亿元，发行价格为28.11元/股，发行对象最终确定为17家，其中某资产获配近2.7亿元，另有多家公募基金参与认购。";
        assert_eq!(text_title(flash).as_deref(), Some("某生物披露定增结果"));
        let one = "科创指数开盘报1306.60点，涨0.09%。随后震荡走低，半导体与新能源板块领跌，成交额较上一交易日有所萎缩，市场观望情绪较浓，北向资金小幅净流出。";
        assert_eq!(
            text_title(one).as_deref(),
            Some("科创指数开盘报1306.60点，涨0.09%")
        );
    }

    #[test]
    fn a_link_is_not_the_title_nor_hides_it() {
        let t = "https://example.com/r/123\n某科技公告，公司与某市政府签订智能制造基地投资协议，项目总投资约10亿元，建成后将成为公司最大的生产基地。https://t.cn/abc";
        assert_eq!(
            text_title(t).as_deref(),
            Some("某科技公告，公司与某市政府签订智能制造基地投资协议")
        );
    }

    #[test]
    fn a_paragraph_without_a_clause_is_cut_with_an_ellipsis() {
        let t = "很长".repeat(100);
        let title = text_title(&t).unwrap();
        assert!(title.ends_with('…'));
        assert_eq!(title.chars().count(), 41);
    }
}
