//! The context rules of heading detection: whether the characters left and right of a section
//! word make it a label (a heading) or part of a sentence, a running page header, a
//! table-of-contents entry or a figure caption.

use super::lead::at_block_start;
use crate::report::brokers::{ends_with_broker, starts_with_broker};
use crate::report::scan::{is_bullet, left_window, next_char, prev_char, right_window};
use crate::text::normalize::is_han;

/// Chinese characters that, right before a section word, show it is part of a sentence.
pub(super) const LEFT_PARTICLES: &str =
    "的之及和与或在见读阅请后本该此等为是对从于将其并有即含附照按据经向由把被以无若如";
/// Characters that, right after a section word, show it is part of a sentence.
const RIGHT_PARTICLES: &str = "的之中部条。,、等是及和与或对为后内页请见\"”》』」也";

/// Left text endings after which a Han-preceded heading is still a heading (end of a source line,
/// a research-institute signature, a date, a page header).
pub(super) const BLOCK_ENDERS: &[&str] = &[
    "研究所",
    "研究院",
    "中心",
    "研究部",
    "发展部",
    "评级",
    "部分",
    "整理",
    "预测",
    "维持",
    "首次",
    "研究报告",
    "调高",
    "调低",
    "上调",
    "下调",
];

pub(super) fn ends_with_date(left: &str) -> bool {
    // One broker's running header prints the day's `日` twice (`2015年9月2日日`).
    let left = left
        .strip_suffix("日日")
        .map_or(left, |l| &left[..l.len() + 3]);
    let mut it = left.chars().rev();
    it.next() == Some('日') && it.next().is_some_and(|c| c.is_ascii_digit())
}

/// Is the text right before a heading word the unfinished reference of a running page header
/// (`请务必阅读正文之后的` + 免责声明)?  Once the header's own section word or a sentence end
/// follows the 阅读/参见, what comes next is a new heading.
pub(crate) fn in_page_header(left: &str) -> bool {
    let Some(p) = ["阅读", "参阅", "参见", "详见"]
        .iter()
        .filter_map(|w| left.rfind(w).map(|p| p + w.len()))
        .max()
    else {
        return false;
    };
    let after = &left[p..];
    // The header is over once the thing it points to has been named and something else follows
    // (`…免责条款` + `环保评级…`), but not while it goes on (`…最后部分的重要法律声明`,
    // `…重要声明及评级标准`); or once a sentence end or page number follows.
    let named = ["声明", "条款", "说明", "申明", "标准", "部分"]
        .iter()
        .any(|w| {
            after.match_indices(w).any(|(q, _)| {
                next_char(after, q + w.len()).is_none_or(|c| !LEFT_PARTICLES.contains(c))
            })
        });
    let complete = named || after.contains('。') || after.chars().any(|c| c.is_ascii_digit());
    !complete
}

/// Does a source line end right before `start` (`…证券研究所整理`,
/// `…研究所`), maybe with a chapter number after it (`…研究所6.`)?
pub(super) fn after_source_line(s: &str, start: usize) -> bool {
    let left = left_window(s, start, 16)
        .trim_end_matches(|c: char| c.is_ascii_digit() || matches!(c, '.' | '、'));
    ["研究所", "研究院", "研究部", "研究中心", "整理"]
        .iter()
        .any(|e| left.ends_with(e))
}

pub(super) fn left_ok(s: &str, start: usize, strong_right: bool) -> bool {
    let Some(c) = prev_char(s, start) else {
        return true;
    };
    let left = left_window(s, start, 14);
    if in_page_header(left_window(s, start, 24)) {
        return false;
    }
    // Running page headers: "请务必阅读正文之后的免责声明" / "敬请参阅最后一页特别声明".
    if in_page_header(left) {
        return false;
    }
    if is_han(c) {
        if LEFT_PARTICLES.contains(c) {
            return false;
        }
        if BLOCK_ENDERS.iter().any(|e| left.ends_with(e))
            || ends_with_date(left)
            || ends_with_broker(left)
        {
            return true;
        }
        // End of a title line (`…深度报告` / `…一季报点评`), but not `本报告…`.
        if (left.ends_with("报告") || left.ends_with("点评"))
            && !["本报告", "该报告", "此报告", "的报告", "本点评"]
                .iter()
                .any(|w| left.ends_with(w))
        {
            return true;
        }
        return strong_right;
    }
    // A word in Latin letters glued before it, after Han text, a bracket
    // or a colon, names whose figures they are (`根据wind盈利预测数据`); not
    // an address's end (`…@abc.com投资要点`).
    if c.is_ascii_alphabetic() && !strong_right {
        let before = left.chars().rev().find(|c| !c.is_ascii_alphabetic());
        if before.is_some_and(|b| is_han(b) || matches!(b, '(' | ':')) {
            return false;
        }
    }
    // Punctuation that belongs inside a sentence.
    !matches!(
        c,
        ',' | '“' | '"' | '‘' | '(' | '《' | '「' | '/' | '-' | '—' | '+' | '&'
    ) || matches!(c, '/' | '-')
        && left
            .chars()
            .rev()
            .nth(1)
            .is_some_and(|d| d.is_ascii_digit())
}

/// Is the heading followed by a strong cue (colon, bullet, marker, list start, a sentence that
/// opens with 我们, the year columns of a table)?
pub(super) fn right_strong(s: &str, end: usize) -> bool {
    let r = right_window(s, end, 6);
    if r.starts_with("我们") || starts_with_year_columns(r) {
        return true;
    }
    // A heading word with a short complement and a colon: `估值复盘:成长溢价仍将延续`; not
    // `估值如下:` (a sentence) or `估值日期:2020…` (a field).
    let han = r.chars().take_while(|c| is_han(*c)).count();
    if (1..=3).contains(&han) && r.chars().nth(han) == Some(':') {
        let value = right_window(s, end, han + 2).chars().nth(han + 1);
        let sentence = r.chars().next().is_some_and(|c| "如为是见在有".contains(c));
        if !sentence && value.is_none_or(|c| !c.is_ascii_digit()) {
            return true;
        }
    }
    let mut it = r.chars();
    match it.next() {
        Some(':' | '[' | '【' | '|' | '>') => true,
        Some(c) if is_bullet(c) => true,
        Some(c) if c.is_ascii_digit() => matches!(it.next(), Some(')' | '、' | '.')),
        _ => false,
    }
}

/// `2018 2019 2020e` / `201820192020e`: the header row of a forecast table, which follows its
/// title directly.  A year used in a sentence is followed by `年` or other text instead.
fn starts_with_year_columns(r: &str) -> bool {
    let b = r.as_bytes();
    b.len() >= 5
        && matches!(&b[..2], b"19" | b"20")
        && b[2..4].iter().all(u8::is_ascii_digit)
        && (b[4].is_ascii_digit() || matches!(b[4], b'a' | b'e' | b' '))
}

/// Is the text after a heading word that of a sentence (or a table-of-contents entry)?
/// `joined`: a connector (`与`, `及`) may follow, as in a numbered `3估值与情绪`.
pub(super) fn right_reject(s: &str, start: usize, end: usize, joined: bool) -> bool {
    let r = right_window(s, end, 90);
    if let Some(c) = r.chars().next() {
        let connector = joined && "与及和、".contains(c);
        // A heading that is a sentence of its own (`。医药行业估值分析。`).
        let alone = c == '。' && prev_char(s, start).is_some() && at_block_start(s, start);
        // `重要声明中原证券股份有限公司…`: the particle is the start of a broker's name.
        let broker = c == '中' && starts_with_broker(s, end);
        if RIGHT_PARTICLES.contains(c) && !alone && !broker && !connector {
            return true;
        }
        // `分析师承诺不曾因…`, `声明不…`: a statement verb with its object is a sentence.
        let head = &s[start..end];
        if ["承诺", "声明", "申明"].iter().any(|w| head.ends_with(w)) && "不未没".contains(c)
        {
            return true;
        }
    }
    // Table-of-contents entry: dot leaders after the rest of the entry's title, before the next
    // sentence end (a page header's `目录` right after a heading starts a new block).
    let r = right_window(r, 0, 45);
    let stop = [r.find('。'), r.find("目录")]
        .into_iter()
        .flatten()
        .min()
        .unwrap_or(r.len());
    let r = &r[..stop];
    r.contains("...") || r.contains('…') || r.contains("··") || r.contains("．．")
}

/// Figure/table captions such as `表9:重点公司盈利预测及估值` or `图表38:…`.
pub(super) fn is_caption(s: &str, start: usize) -> bool {
    let left = left_window(s, start, 30);
    let Some(colon) = left.rfind(':') else {
        return false;
    };
    let before = &left[..colon];
    let tail: String = before
        .chars()
        .rev()
        .take(6)
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    let t = tail.trim_end_matches(|c: char| c.is_ascii_digit() || c == '-' || c == '.');
    (t.ends_with('表') || t.ends_with('图')) && !t.ends_with("附表") && tail != t
        || left[colon..].chars().count() < 25
            && (t.ends_with("图表") || t.ends_with('表') && tail != t)
}
