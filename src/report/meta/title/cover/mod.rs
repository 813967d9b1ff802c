//! The title of a report found on its cover alone, without the file name.
//!
//! The cover's text comes as one stream: PDF extraction and normalization glue its lines
//! together (`…证券研究报告2021年01月28日光学光电子行业面板持续高景气,乐看…——面板行业深度跟踪报告`).
//! The stream is cut at what a title never holds — layout markers, sentence ends, bullets, a
//! dash before a subtitle — and at the cover's other fields, known by their form: dates, codes,
//! e-mail addresses, brokers, report labels (`证券研究报告`, `行业周报`), analyst blocks, ratings,
//! summary headings (`投资要点`), disclaimers and citations of other reports (`《…》2020-05-25`).
//! What is left are stretches of words; each loses the labels glued to it (an industry line in
//! front, a rating or an industry behind) and is scored on its shape: a title has clauses
//! (`,` `:` `?`), stands in the title block (`[table_title]`, a Markdown heading) or before a
//! subtitle dash or the summary, and is no sentence, no boilerplate, no row of figures.  The best
//! stretch wins (a later one loses a point per 1500 bytes, unless a title block or a subtitle
//! marks it), the earliest among equals; without one, the heading of the first main point.
use super::super::date::parse_md;
use super::{is_title_word_char, INDUSTRIES};
use crate::report::brokers::{BRANDS, BROKERS};
use crate::report::scan::{first_chars, is_bullet, next_char, prev_char, right_window};
use crate::text::normalize::is_han;
use std::sync::OnceLock;

/// How far into the text the cover is read (chars): the title block of a cover printed after
/// its summary is still in it.
pub(in super::super) const COVER_WINDOW: usize = 3000;

/// What ends a stretch of cover text (or starts the next one).
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Edge {
    /// The start or the end of the window.
    End,
    /// `[table_title]`, `[table_main]`, a Markdown heading at the top.
    TitleMark,
    /// Another layout marker.
    Mark,
    /// The summary's heading (`投资要点`, `[table_summary]`).
    Summary,
    /// A dash before a subtitle.
    Dash,
    /// A title ending with `?`, included.
    Question,
    /// A heading with a colon glued after a title (`…龙头地位` + `医美行业:…`).
    Heading,
    /// `。`, `;` or `!`: a sentence, which a title is not.
    Sentence,
    /// A field of the cover: a date, a code, an address, a broker, an analyst block, a rating.
    Meta,
    /// A report label (`深度报告`, `行业周报`).
    Label,
    /// Another report's title, cited.
    Cite,
    /// Other punctuation.
    Break,
}

struct Stretch {
    start: usize,
    end: usize,
    before: Edge,
    after: Edge,
    /// After the summary's heading.
    in_summary: bool,
    /// In the block after `[table_title]` (and the like), before the next marker.
    title_block: bool,
}

/// Summary headings: the title block ends before them.
mod edges;
mod words;
use edges::*;
use words::*;

fn longest<'a>(r: &str, words: &[&'a str]) -> Option<&'a str> {
    words
        .iter()
        .filter(|w| r.starts_with(**w))
        .max_by_key(|w| w.len())
        .copied()
}

fn industry_prefix(t: &str) -> Option<(&'static str, bool)> {
    let one = longest(t, INDUSTRIES)
        .into_iter()
        .chain(longest(t, LEVEL_ONE))
        .map(|w| (w, true));
    let two = longest(t, LEVEL_TWO).map(|w| (w, false));
    one.chain(two).max_by_key(|(w, _)| w.len())
}

fn industry_suffix(t: &str) -> Option<&'static str> {
    INDUSTRIES
        .iter()
        .chain(LEVEL_ONE)
        .chain(LEVEL_TWO)
        .filter(|w| t.ends_with(**w))
        .max_by_key(|w| w.len())
        .copied()
}

fn title_chars(t: &str) -> usize {
    t.chars().filter(|c| is_title_word_char(*c)).count()
}

/// Is the comma or colon at byte `i` a clause break (not `1,741` or `10:30`)?
fn is_clause_mark(s: &str, i: usize) -> bool {
    let digit = |c: Option<char>| c.is_some_and(|c| c.is_ascii_digit());
    !(digit(prev_char(s, i)) && digit(s.get(i + 1..).and_then(|r| r.chars().next())))
}

/// Is a label at byte `j` (just after it) followed by a colon that makes it the title's own
/// lead: `月报(2025年2月):`, `研究一:`?
fn followed_by_colon(head: &str, j: usize) -> bool {
    let r = right_window(head, j, 16);
    let mut depth = 0;
    for c in r.chars() {
        match c {
            ':' if depth == 0 => return true,
            '(' => depth += 1,
            ')' if depth > 0 => depth -= 1,
            _ if depth > 0 => {}
            c if c.is_ascii_digit() || "之一二三四五六七八九十".contains(c) => {}
            _ => return false,
        }
    }
    false
}

/// Characters a title may hold besides letters and digits.
fn is_title_punct(c: char) -> bool {
    ",、:?!“”\"'‘’()《》<>-+&.%~ ".contains(c)
}

/// A cut: the stretch before ends at `end`, the next one starts at `resume`.
/// The stretches of the cover between its edges.
fn stretches(head: &str) -> Vec<Stretch> {
    let mut out = Vec::new();
    let (mut from, mut before) = (0, Edge::End);
    let (mut in_summary, mut title_block) = (false, false);
    let (mut comma, mut resumed) = (false, true);
    let mut i = 0;
    let mut prev: Option<char> = None;
    while let Some(c) = next_char(head, i) {
        // Most characters: Han ones that start no field.
        let plain = is_han(c) && !starts_field(c);
        let word_start = resumed
            || !prev.is_some_and(|p| p.is_ascii_alphanumeric() || matches!(p, '.' | '_' | '-'));
        resumed = false;
        let edge = if plain {
            None
        } else {
            edge_at(head, i, c, comma, word_start)
        };
        let Some(cut) = edge else {
            prev = Some(c);
            if matches!(c, ',' | '、' | ':') && is_clause_mark(head, i) {
                comma |= c != ':';
            }
            i += c.len_utf8();
            continue;
        };
        let end = cut.end.max(from);
        if end > from {
            out.push(Stretch {
                start: from,
                end,
                before,
                after: cut.edge,
                in_summary,
                title_block,
            });
        }
        match cut.edge {
            Edge::Summary => (in_summary, title_block) = (true, false),
            Edge::TitleMark => title_block = true,
            Edge::Mark => title_block = false,
            _ => {}
        }
        before = cut.edge;
        (from, i) = (cut.resume, cut.resume.max(i + c.len_utf8()));
        from = from.min(i);
        comma = false;
        resumed = true;
        prev = prev_char(head, i);
    }
    if from < head.len() {
        out.push(Stretch {
            start: from,
            end: head.len(),
            before,
            after: Edge::End,
            in_summary,
            title_block,
        });
    }
    out
}

/// Trims what cannot start or end a title (separators, a closing mark in front, an opening
/// one behind).
fn trim(t: &str) -> &str {
    let t = t.trim_start_matches(|c: char| !(is_title_word_char(c) || "“\"'‘《(<".contains(c)));
    let t = t.trim_end_matches(|c: char| ",:、(-+&.~ <《“‘".contains(c) || c.is_whitespace());
    t
}

/// The number of title characters before the first clause mark.
fn first_clause_len(t: &str) -> usize {
    title_chars(t.split([',', '、', '?', '!']).next().unwrap_or(""))
}

/// Drops the industry line glued before a title: `电子行业` + `pc需求增长,…`,
/// `医疗保健` + `医疗保健设备与服务` + `医美行业研究一:…`.  An industry's own word kept
/// (`电子` + `电子行业涨幅居前,…`, `医药年报大数据:…`, `银行业2025年度…`).
fn strip_industry_line(mut t: &str) -> &str {
    let mut prev: Option<&str> = None;
    while let Some((w, level_one)) = industry_prefix(t) {
        let w: &str = w;
        if prev == Some(w) {
            break;
        }
        let rest = &t[w.len()..];
        let hangye = rest.starts_with("行业");
        let after = if hangye {
            &rest["行业".len()..]
        } else {
            rest
        };
        // `医疗器械行业:…`, `电子行业周报:…`: the industry leads the title.
        let lead = longest(rest, LABEL_WORDS).is_some_and(|l| followed_by_colon(rest, l.len()));
        if after.starts_with(':') || lead || title_chars(after) < 6 {
            break;
        }
        let sub_level = prev.is_some_and(|p| w.starts_with(p));
        let next_industry = industry_prefix(rest).is_some();
        let long = w.chars().count() >= 4 && (level_one || first_clause_len(rest) >= 5);
        if !(long || hangye || next_industry || sub_level) {
            break;
        }
        // `行业` goes with the industry unless the title's first clause needs it as its
        // subject (`行业表现稳健,…`).
        t = if hangye && first_clause_len(after) >= 5 {
            after
        } else {
            rest
        };
        prev = Some(w);
    }
    t
}

/// Drops ratings and industry lines glued after a title (`…戴维斯双击` + `看好`,
/// `…双轮驱动` + `汽车`, `…保持平稳增长` + `医药行业推荐维持`).
fn strip_tail(mut t: &str) -> &str {
    loop {
        let before = t;
        t = trim(t);
        if let Some(w) = RATINGS.iter().find(|w| t.ends_with(**w)) {
            let rest = &t[..t.len() - w.len()];
            if title_chars(rest) >= 6 {
                t = rest;
            }
        }
        let base = t.strip_suffix("行业").unwrap_or(t);
        if let Some(w) = industry_suffix(base) {
            let rest = &base[..base.len() - w.len()];
            if title_chars(rest) >= 6 {
                t = rest;
            }
        }
        if t == before {
            return t;
        }
    }
}

/// Drops the topic of a series label glued after a title: `…行业机遇` + `5g散热行业`
/// (+ `深度报告`).
fn strip_series_topic(t: &str) -> &str {
    let base = t.strip_suffix("行业").unwrap_or(t);
    let base = base.strip_suffix("公司").unwrap_or(base);
    let tail_start = base.char_indices().rev().nth(15).map_or(0, |(k, _)| k);
    let tail = &base[tail_start..];
    // A Latin or numeric word opening the topic (`5g散热`, `2020年11月中国消费电子`),
    // after Han characters.
    let at = tail
        .char_indices()
        .find(|&(k, c)| {
            c.is_ascii_alphanumeric()
                && prev_char(base, tail_start + k).is_some_and(is_han)
                && tail[k..].chars().any(is_han)
        })
        .map(|(k, _)| tail_start + k);
    match at {
        Some(k) if title_chars(&base[..k]) >= 6 => &base[..k],
        _ => base,
    }
}

/// Words that name a report's type or series, at the end of a subtitle.
const REPORT_WORDS: &[&str] = &[
    "报告", "周报", "月报", "点评", "策略", "研究", "专题", "总结", "跟踪", "展望", "综述",
];

/// Does the subtitle after the dash at byte `i` name the report's type (`——行业周报`,
/// `——中芯国际2024年报业绩点评`)?  Then the line before the dash is the title.
fn subtitle_names_report(head: &str, i: usize) -> bool {
    let from = run_end(head, i, |c| matches!(c, '—' | '―' | '─' | '-'));
    let r = right_window(head, from, 24);
    let words = &r[..run_end(r, 0, |c| is_han(c) || c.is_ascii_alphanumeric())];
    REPORT_WORDS.iter().any(|w| words.contains(w)) || LABEL_WORDS.iter().any(|w| words.contains(w))
}

/// A stretch as a title, with its score, if it can be one.
fn candidate<'a>(head: &'a str, st: &Stretch) -> Option<(&'a str, i32)> {
    let mut t = trim(&head[st.start..st.end]);
    t = trim(strip_industry_line(t));
    for w in ["研究发展中心", "研究所", "研究院", "有限公司"] {
        t = t.strip_prefix(w).unwrap_or(t);
    }
    // A rating in front (`强于大市`, `中高风险`); short ones (`看好`) may open a title.
    while let Some(w) = RATINGS
        .iter()
        .find(|w| w.chars().count() >= 3 && t.starts_with(**w))
    {
        if title_chars(&t[w.len()..]) < 6 {
            break;
        }
        t = trim(&t[w.len()..]);
    }
    t = strip_tail(t);
    if st.after == Edge::Label {
        t = trim(strip_series_topic(t));
    }
    let t = trim(t);
    let n = title_chars(t);
    let han = t.chars().filter(|c| is_han(*c)).count();
    let digits = t.chars().filter(char::is_ascii_digit).count();
    if !(6..=48).contains(&n)
        || han < 4
        || digits * 100 > n * 35
        || st.after == Edge::Sentence
        || BOILERPLATE.iter().any(|w| t.contains(w))
        || industry_prefix(t).is_some_and(|(w, _)| {
            let rest = &t[w.len()..];
            rest.is_empty() || rest == "行业"
        })
    {
        return None;
    }
    let clause = t.char_indices().any(|(k, c)| {
        matches!(c, '、' | '?' | '!') || matches!(c, ',' | ':') && is_clause_mark(t, k)
    });
    let mut score = 0;
    if clause {
        score += 2;
    }
    if t.contains(['“', '《', '"']) {
        score += 1;
    }
    score += match st.after {
        Edge::Dash | Edge::Summary | Edge::Question => 2,
        Edge::Heading | Edge::Mark | Edge::Meta | Edge::Label | Edge::TitleMark => 1,
        Edge::End | Edge::Sentence | Edge::Cite => 0,
        // Bullets of a summary list.
        Edge::Break => i32::from(next_char(head, st.end).is_some_and(is_bullet)),
    };
    // The first words of the text.
    if st.before == Edge::End {
        score += 1;
    }
    if st.before == Edge::TitleMark || st.title_block {
        score += 2;
    }
    if st.after == Edge::Dash && subtitle_names_report(head, st.end) {
        score += 2;
    }
    // In the summary, a title only before a subtitle (a cover printed after the summary).
    let titled = st.after == Edge::Dash && st.before != Edge::Sentence;
    if st.in_summary && !titled && !st.title_block {
        score -= 3;
    }
    if n > 36 {
        score -= 1;
    }
    // The cover comes first; a title block (or a subtitle) marks a cover printed later.
    if !(st.title_block || st.before == Edge::TitleMark || titled) {
        score -= (st.start / 1500) as i32;
    }
    if t.contains('%') {
        score -= 2;
    }
    (score >= 1).then_some((t, score))
}

pub(in super::super) fn cover_title(head: &str) -> Option<String> {
    let sts = stretches(head);
    let mut best: Option<(usize, &str, i32)> = None;
    for (k, st) in sts.iter().enumerate() {
        if let Some((t, score)) = candidate(head, st) {
            if best.is_none_or(|(_, _, b)| score > b) {
                best = Some((k, t, score));
            }
        }
    }
    if let Some((k, t, _)) = best {
        // A series name and a subtitle after a dash, the specific title: both
        // (`医疗器械行业:眼科医疗器械研究——高速增长的眼科赛道,…`).
        let series = |x: &str, st: &Stretch| {
            st.after == Edge::Dash
                && SERIES_ENDS.iter().any(|w| x.ends_with(w))
                && (6..=24).contains(&title_chars(x))
        };
        let subtitle = |y: &str, st: &Stretch| {
            st.before == Edge::Dash
                && st.after != Edge::Sentence
                && y.contains([',', '、'])
                && (6..=40).contains(&title_chars(y))
        };
        let st = &sts[k];
        if series(t, st) {
            if let Some(sub) = sts.get(k + 1) {
                let y = trim(&head[sub.start..sub.end]);
                if subtitle(y, sub) {
                    return Some(format!("{t}:{y}"));
                }
            }
        }
        if let Some(prev) = k.checked_sub(1).map(|j| &sts[j]) {
            let x = trim(&head[prev.start..prev.end]);
            if series(x, prev) && subtitle(t, st) && prev.end + 12 >= st.start {
                return Some(format!("{x}:{t}"));
            }
        }
        return Some(t.to_string());
    }
    // No title on the cover: the heading of the first main point.
    sts.iter()
        .filter(|st| st.in_summary)
        .map(|st| trim(&head[st.start..st.end]))
        .find(|t| {
            (6..=40).contains(&title_chars(t))
                && t.chars().filter(|c| is_han(*c)).count() >= 4
                && !BOILERPLATE.iter().any(|w| t.contains(w))
        })
        .map(str::to_string)
}
