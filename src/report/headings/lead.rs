//! What may stand in front of a heading word: chapter numbering (`3.2`, `一、`, `(三)`), and the
//! lead-ins that make a section word a heading whatever is glued before it (numbering and a few
//! words, `3、盈利与估值`; a qualifier naming companies at a block start, `。重点公司盈利预测`).

use super::context::{ends_with_date, BLOCK_ENDERS, LEFT_PARTICLES};
use crate::report::scan::{is_bullet, left_window, prev_char};
use crate::text::normalize::is_han;

pub(super) fn chinese_numeral(c: char) -> bool {
    matches!(
        c,
        '一' | '二' | '三' | '四' | '五' | '六' | '七' | '八' | '九' | '十'
    )
}

/// Chapter numbering directly before byte `i` (`1.`, `2、`, `一、`, `(三)`, `4.2`), if any:
/// returns the byte start of the numbering.
pub(super) fn numbering_before(s: &str, i: usize) -> Option<usize> {
    if !prev_char(s, i).is_some_and(ends_numbering) {
        return None;
    }
    let left = left_window(s, i, 8);
    let base = i - left.len();
    let chars: Vec<(usize, char)> = left.char_indices().collect();
    let n = chars.len();
    if n == 0 {
        return None;
    }
    let last = chars[n - 1].1;
    if matches!(last, '、' | '.' | ')') {
        let mut k = n - 1;
        while k > 0
            && (chars[k - 1].1.is_ascii_digit()
                || chinese_numeral(chars[k - 1].1)
                || chars[k - 1].1 == '.')
        {
            k -= 1;
        }
        if k < n - 1 {
            if k > 0 && chars[k - 1].1 == '(' {
                k -= 1;
            }
            return Some(base + chars[k].0);
        }
    }
    if last.is_ascii_digit() {
        let mut k = n - 1;
        while k > 0 && chars[k - 1].1.is_ascii_digit() {
            k -= 1;
        }
        // `2.5估值`: a section number, one digit on each side of its dot
        // (`12.5`, `1.52` are figures).
        if k == n - 1
            && k >= 2
            && chars[k - 1].1 == '.'
            && chars[k - 2].1.is_ascii_digit()
            && (k == 2 || !(chars[k - 3].1.is_ascii_digit() || chars[k - 3].1 == '.'))
        {
            return Some(base + chars[k - 2].0);
        }
        return Some(base + chars[k].0);
    }
    None
}

/// Chapter numbering right before byte `i` that starts a heading: `3.`, `3、`, `四、`, `(三)`,
/// `3.2`, or one or two bare digits after a non-Han character (`…出清。4重点公司盈利预测`).  A
/// `1)` list item is not a chapter.
fn chapter_numbering_before(s: &str, i: usize) -> Option<usize> {
    let p = numbering_before(s, i)?;
    let num = s.get(p..i)?;
    let last = num.chars().next_back()?;
    // Chapter numbers are short; `(300750)` is a stock code.
    let digits = num.chars().filter(char::is_ascii_digit).count();
    if digits > 3 {
        return None;
    }
    if last == ')' {
        return (num.starts_with('(') && digits <= 2).then_some(p);
    }
    if matches!(last, '.' | '、') || num.contains('.') {
        return Some(p);
    }
    (num.len() <= 2 && at_block_start(s, p)).then_some(p)
}

/// Does a block (a line of the source) plausibly start at byte `p`: at the start, after a
/// sentence end, a layout marker or a bullet?  Commas, dots and digits continue a sentence or a
/// table row.
pub(super) fn at_block_start(s: &str, p: usize) -> bool {
    prev_char(s, p).is_none_or(|c| "。!?;]】|#> ".contains(c) || is_bullet(c))
}

/// Last words of a qualifier that names what a forecast or advice heading is about
/// (`重点公司盈利预测`, `上市公司估值`, `重点银行估值表`, `相关标的估值`).
const QUALIFIER_ENDS: &[&str] = &["公司", "个股", "标的", "银行", "企业", "券商"];

/// Words that make a run of characters a sentence rather than a qualifier.
const SENTENCE_WORDS: &[&str] = &[
    "我们", "认为", "预计", "建议", "关注", "推荐", "维持", "给予",
];

/// Start of a lead-in that makes the heading word at byte `i` a heading whatever precedes it:
/// chapter numbering (`3.2估值`), numbering and a few words (`3、盈利与估值`, `4重点公司盈利预测`),
/// or a qualifier at a block boundary (`。重点公司盈利预测及估值`, `##重点银行估值表`).  Returns the
/// byte where the heading starts and whether it is numbered.
pub(super) fn lead_in(s: &str, i: usize) -> Option<(usize, bool)> {
    let prev = prev_char(s, i)?;
    if ends_numbering(prev) && chapter_numbering_before(s, i).is_some() {
        return Some((i, true));
    }
    if !is_han(prev) {
        return None;
    }
    let left = left_window(s, i, 13);
    let k = left
        .char_indices()
        .rev()
        .take_while(|(_, c)| is_han(*c) || c.is_ascii_alphanumeric())
        .last()
        .map(|(k, _)| k)?;
    let run = &left[k..];
    let p = i - run.len();
    let n = run.chars().count();
    // Numbering, then a few words: the words may be anything short.
    let han_run = run.trim_start_matches(|c: char| c.is_ascii_alphanumeric());
    if (1..=6).contains(&han_run.chars().count())
        && han_run.chars().all(is_han)
        // A few words, joined at most by `与` / `及` / `和` (`3、盈利与估值`, not `5.结语从估值`).
        && han_run.chars().next().is_some_and(|c| !LEFT_PARTICLES.contains(c))
        && !han_run
            .chars()
            .any(|c| LEFT_PARTICLES.contains(c) && !"与及和".contains(c))
        && prev_char(s, i - han_run.len()).is_some_and(ends_numbering)
        && chapter_numbering_before(s, i - han_run.len()).is_some()
    {
        return Some((i - han_run.len(), true));
    }
    if !QUALIFIER_ENDS.iter().any(|e| left.ends_with(e)) {
        return None;
    }
    // A qualifier after a block boundary; inside a longer run, after a line ending such as a
    // page header (`…证券研究报告`) or a date.
    let qualifier = |q: usize| {
        let run = &s[q..i];
        let n = run.chars().count();
        if !(4..=12).contains(&n) || !QUALIFIER_ENDS.iter().any(|e| run.ends_with(e)) {
            return false;
        }
        let core = run.replace("标的", "");
        !core.chars().any(|c| LEFT_PARTICLES.contains(c))
            && !SENTENCE_WORDS.iter().any(|w| core.contains(w))
    };
    if n <= 12 && qualifier(p) {
        if chapter_numbering_before(s, p).is_some() {
            return Some((p, true));
        }
        if at_block_start(s, p) {
            return Some((p, false));
        }
    }
    let wide = left_window(s, i, 20);
    let base = i - wide.len();
    wide.char_indices()
        .map(|(k, _)| base + k)
        .filter(|&q| q >= p)
        .find(|&q| {
            let l = left_window(s, q, 8);
            (BLOCK_ENDERS.iter().any(|e| l.ends_with(e)) || ends_with_date(l)) && qualifier(q)
        })
        .map(|q| (q, false))
}

/// Can numbering end with `c` (`3`, `3.`, `三、`, `(三)`)?
fn ends_numbering(c: char) -> bool {
    c.is_ascii_digit() || matches!(c, '.' | '、' | ')')
}

/// Is there a figure or table label (`表格2.`, `图3:`) right before byte `p`?
pub(super) fn caption_label_before(s: &str, p: usize) -> bool {
    let l = left_window(s, p, 8);
    let t = l.trim_end_matches(|c: char| c.is_ascii_digit() || ".:、- ".contains(c));
    t.len() < l.len()
        && (t.ends_with('表') || t.ends_with('图') || t.ends_with("表格"))
        && !t.ends_with("附表")
}
