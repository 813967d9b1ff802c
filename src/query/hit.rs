//! A search hit as the reader sees it: the passage's reading text (the
//! furniture glued into it left out), a sentence that a page break cut in
//! two joined again across the page's furniture, and the query's terms
//! highlighted.

use crate::index::schema::Fields;
use crate::layout::Layout;
use crate::query::parse::Query;
use crate::query::search::SearchHit;
use crate::query::stored::StoredPassage;
use anyhow::Result;
use tantivy::{Score, Searcher};

/// Characters borrowed from the neighbouring passage to finish a sentence,
/// at most.
const JOIN_CHARS: usize = 160;

fn ends_sentence(c: char) -> bool {
    matches!(c, '。' | '！' | '？' | '!' | '?' | '；' | ';')
}

/// Quotes and brackets that close a sentence when they follow its end
/// (`…阶段。”`); after a word (`“能力竞赛”进入…`) they do not.
fn closes(c: char) -> bool {
    matches!(c, '”' | '」' | '’' | ')' | '）' | '】')
}

/// Whether passage `p` ends with furniture its reading text hides.
fn hidden_at_end(p: &StoredPassage) -> bool {
    let len = p.norm.text.chars().count() as u32;
    p.hidden.last().is_some_and(|h| h.1 >= len)
}

/// Whether `text` ends a sentence, its closing quotes aside.
fn ends_with_sentence_end(text: &str) -> bool {
    text.trim_end()
        .chars()
        .rev()
        .find(|c| !closes(*c))
        .is_none_or(ends_sentence)
}

/// The hit of passage `p` for `query`, with `score`.
pub(crate) fn hit_of(
    searcher: &Searcher,
    fields: &Fields,
    p: &StoredPassage,
    query: &Query,
    score: Score,
) -> Result<SearchHit> {
    let (own, ranges) = p.reading();
    let norm_chars: Vec<char> = p.norm.text.chars().collect();
    let hidden = |k: usize| {
        p.hidden
            .iter()
            .any(|&(s, e)| (s as usize..e as usize).contains(&k))
    };
    let own_chars: Vec<char> = own.chars().collect();
    let mut spans: Vec<(usize, usize)> = Vec::new();
    let mut term_missing = false;
    let tickers = crate::query::stored::ticker_hits(searcher, p.address)?;
    for term in query.positive_terms() {
        if let Some(t) = crate::report::parse_ticker_query(&term.text) {
            let key = t.index_key();
            for h in tickers
                .iter()
                .filter(|h| h.key == key && h.end <= ranges.len() && h.start < h.end)
            {
                spans.push((ranges[h.start].0 as usize, ranges[h.end - 1].1 as usize));
            }
            continue;
        }
        // Every spelling of the term, as the passage writes it.
        let (mut shown, mut buried) = (0, 0);
        for variant in &term.variants {
            let needle: Vec<char> = variant.chars().collect();
            for start in find_all(&norm_chars, &needle) {
                let end = start + needle.len();
                if hidden(start) || hidden(end - 1) || !on_digit_boundaries(&norm_chars, start, end)
                {
                    continue;
                }
                let at = (ranges[start].0 as usize, ranges[end - 1].1 as usize);
                if buried_in_latin(&norm_chars, &own_chars, start, end, at) {
                    buried += 1;
                    continue;
                }
                shown += 1;
                spans.push(at);
            }
        }
        // A term found only inside longer Latin words is not in the passage
        // as a reader sees it: the passage does not answer.
        term_missing |= shown == 0 && buried > 0;
    }
    // A sentence cut by a page break: its head from the passage before
    // the page's furniture, its tail from the passage after.
    let (head, tail) = if p.layout == Layout::Prose {
        (
            sentence_head(searcher, fields, p, &own)?,
            sentence_tail(searcher, fields, p, &own)?,
        )
    } else {
        (String::new(), String::new())
    };
    // The pause that ended what was cut off before the passage (a table,
    // a caption) is not the start of what the reader is shown:
    // `，TDK电容器主要有…` reads `TDK电容器主要有…`.
    let lead = if head.is_empty() {
        own.chars()
            .take_while(|c| matches!(c, '。' | '，' | '；' | '、' | '：' | ',' | ';' | ':' | ' '))
            .count()
    } else {
        0
    };
    let own: String = own.chars().skip(lead).collect();
    let shift = head.chars().count();
    let text = format!("{head}{own}{tail}");
    spans.sort_unstable();
    let mut merged: Vec<(usize, usize)> = Vec::new();
    for (s, e) in spans {
        let (s, e) = (
            s.saturating_sub(lead) + shift,
            e.saturating_sub(lead) + shift,
        );
        match merged.last_mut() {
            Some(last) if s <= last.1 => last.1 = last.1.max(e),
            _ => merged.push((s, e)),
        }
    }
    if term_missing {
        merged.clear();
    }
    let pos = p.content_pos();
    Ok(SearchHit {
        path: p.path.clone(),
        title: p.title.clone(),
        line: pos.line,
        column: pos.column,
        offset: pos.offset,
        score,
        section: p.section,
        layout: p.layout,
        text,
        highlights: merged,
        page: p.page,
        also: Vec::new(),
        more: 0,
        report_level: false,
        titled: false,
    })
}

/// Whether a match at `start..end` neither begins nor ends inside a run of
/// digits, as search matched it (`index::tokens::query_grams`).
fn on_digit_boundaries(text: &[char], start: usize, end: usize) -> bool {
    let digit = |k: usize| text.get(k).is_some_and(|c| c.is_ascii_digit());
    let inside_at_start = digit(start) && start > 0 && digit(start - 1);
    let inside_at_end = digit(end - 1) && digit(end);
    !inside_at_start && !inside_at_end
}

/// Whether a match at `start..end` of the normalized text, `at` of the
/// reading text, lies inside a longer Latin word at both ends: letters on
/// either side of its first and of its last character, and no capital
/// after a small letter there to start a part of the word. Search matches
/// substrings, so `lcp` is in `RealCPRHelp` and `IntelCPU`, `ai` in
/// `Taiwan` and `SAIC`: no reader finds LCP or AI there. A match that
/// starts or ends a word or a part of one stays: `LED` in `OLED` and
/// `MiniLED`, `AI` in `AIGC` and `OpenAI`, `CPU` in `IntelCPU`.
/// (`mentions` is exact and keeps them all.)
fn buried_in_latin(
    norm: &[char],
    reading: &[char],
    start: usize,
    end: usize,
    at: (usize, usize),
) -> bool {
    let letter = |k: Option<usize>| {
        k.and_then(|k| norm.get(k))
            .is_some_and(|c| c.is_ascii_alphabetic())
    };
    // A small letter then a capital, in the text as printed.
    let part_starts = |k: usize| {
        k > 0
            && reading.get(k - 1).is_some_and(|c| c.is_lowercase())
            && reading.get(k).is_some_and(|c| c.is_uppercase())
    };
    let inside_at_start = letter(start.checked_sub(1)) && letter(Some(start)) && !part_starts(at.0);
    let inside_at_end = letter(Some(end - 1)) && letter(Some(end)) && !part_starts(at.1);
    inside_at_start && inside_at_end
}

/// The rest of the passage's last sentence, if a page's furniture cut it:
/// the head of the prose passage after that furniture, to its first
/// sentence end.
fn sentence_tail(
    searcher: &Searcher,
    fields: &Fields,
    p: &StoredPassage,
    own: &str,
) -> Result<String> {
    if ends_with_sentence_end(own) {
        return Ok(String::new());
    }
    let Some(next) = p.next(searcher, fields)? else {
        return Ok(String::new());
    };
    // The furniture between: a passage of its own, or hidden at the end of
    // this one or the start of the next.
    let after = if next.layout == Layout::Furniture {
        match next.next(searcher, fields)? {
            Some(after) => after,
            None => return Ok(String::new()),
        }
    } else if hidden_at_end(p) || next.hidden.first().is_some_and(|h| h.0 == 0) {
        next
    } else {
        return Ok(String::new());
    };
    // A section that opens after the break opens with its heading: the
    // sentence ended before it (`…产品质量风险` + `分析师与研究助理简介…`).
    if after.layout != Layout::Prose || after.section != p.section {
        return Ok(String::new());
    }
    let (text, _) = after.reading();
    let end = text
        .char_indices()
        .take(JOIN_CHARS)
        .find(|&(_, c)| ends_sentence(c))
        .map(|(i, c)| i + c.len_utf8());
    // With the quotes that close the sentence.
    let end = end.map(|e| {
        e + text[e..]
            .chars()
            .take_while(|c| closes(*c))
            .map(char::len_utf8)
            .sum::<usize>()
    });
    Ok(end
        .map(|e| text[..e].to_string())
        .filter(|tail| !glued_figures(tail))
        .unwrap_or_default())
}

/// The start of the passage's first sentence, if a page's furniture cut
/// it: the tail of the prose passage before that furniture, from its last
/// sentence end.
fn sentence_head(
    searcher: &Searcher,
    fields: &Fields,
    p: &StoredPassage,
    own: &str,
) -> Result<String> {
    let Some(previous) = p.previous(searcher, fields)? else {
        return Ok(String::new());
    };
    let before = if previous.layout == Layout::Furniture {
        match previous.previous(searcher, fields)? {
            Some(before) => before,
            None => return Ok(String::new()),
        }
    } else if hidden_at_end(&previous) || p.hidden.first().is_some_and(|h| h.0 == 0) {
        previous
    } else {
        return Ok(String::new());
    };
    if before.layout != Layout::Prose || before.section != p.section {
        return Ok(String::new());
    }
    let (text, _) = before.reading();
    if ends_with_sentence_end(&text) || own.is_empty() {
        return Ok(String::new());
    }
    let chars: Vec<char> = text.chars().collect();
    let from = chars.len().saturating_sub(JOIN_CHARS);
    let start = (from..chars.len())
        .rev()
        .find(|&k| {
            k > 0
                && (ends_sentence(chars[k - 1])
                    || (closes(chars[k - 1]) && k > 1 && ends_sentence(chars[k - 2])))
        })
        .unwrap_or(from);
    let head: String = chars[start..].iter().collect();
    Ok(if glued_figures(&head) {
        String::new()
    } else {
        head
    })
}

/// Percentages glued into a row, at least, that make a text a chart's
/// values rather than a sentence's start or end (`51%19%29%1%药物有效性…`).
const GLUED_FIGURES: usize = 3;

/// Whether `text` holds [`GLUED_FIGURES`] percentages in a row with nothing
/// between them (`51%19%29%`): a chart's values, which a page break leaves
/// before the next page's first sentence. Joined to it, they would read as
/// that sentence's start. A sentence separates its figures (`32%，其中…`).
fn glued_figures(text: &str) -> bool {
    let chars: Vec<char> = text.chars().collect();
    let mut run = 0;
    let mut i = 0;
    while i < chars.len() {
        if !chars[i].is_ascii_digit() {
            run = 0;
            i += 1;
            continue;
        }
        // One figure: digits with a decimal point, then a percent sign.
        while i < chars.len() && chars[i].is_ascii_digit() {
            i += 1;
        }
        if chars.get(i) == Some(&'.') && chars.get(i + 1).is_some_and(|c| c.is_ascii_digit()) {
            i += 1;
            while i < chars.len() && chars[i].is_ascii_digit() {
                i += 1;
            }
        }
        if matches!(chars.get(i), Some('%')) {
            i += 1;
            run += 1;
            if run >= GLUED_FIGURES {
                return true;
            }
        } else {
            run = 0;
        }
    }
    false
}

/// Start indices of the occurrences of `needle` in `hay` (overlapping ones included).
pub(crate) fn find_all(hay: &[char], needle: &[char]) -> Vec<usize> {
    if needle.is_empty() || needle.len() > hay.len() {
        return Vec::new();
    }
    (0..=hay.len() - needle.len())
        .filter(|&i| hay[i..i + needle.len()] == *needle)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Whether `term` is buried at its first match in `printed`.
    fn buried(printed: &str, term: &str) -> bool {
        let reading: Vec<char> = printed.chars().collect();
        let norm: Vec<char> = printed.to_lowercase().chars().collect();
        let needle: Vec<char> = term.chars().collect();
        let start = find_all(&norm, &needle)[0];
        let end = start + needle.len();
        buried_in_latin(&norm, &reading, start, end, (start, end))
    }

    #[test]
    fn a_charts_values_are_no_sentences_start() {
        assert!(glued_figures("51%19%29%1%药物有效性药物安全性商业原因其他"));
        assert!(!glued_figures(
            "预计2020-2022年归母净利润分别为2.30/4.26/5.59亿元，"
        ));
        assert!(!glued_figures("同比增长32%，其中国产增长15%，进口增长41%"));
        assert!(!glued_figures("2019年公司收入增长12.5%"));
    }

    #[test]
    fn a_term_inside_a_longer_latin_word_is_buried() {
        assert!(buried("采用RealCPRHelp技术", "lcp"));
        assert!(buried("受益于IntelCPU短缺", "lcp"));
        assert!(buried("Taiwan地区", "ai"));
        assert!(buried("SAIC集团", "ai"));
    }

    #[test]
    fn a_term_at_a_word_or_a_part_of_it_is_not_buried() {
        assert!(!buried("OLED面板", "led"));
        assert!(!buried("MiniLED背光", "led"));
        assert!(!buried("AIGC应用", "ai"));
        assert!(!buried("OpenAI发布", "ai"));
        assert!(!buried("IntelCPU短缺", "cpu"));
        assert!(!buried("液晶聚合物（LCP）基材", "lcp"));
        assert!(!buried("LCP天线", "lcp"));
    }
}
