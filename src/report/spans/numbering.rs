//! Chapter numberings (`一、`, `第一章`, `(一)`, `1.`, `2.1、`, `1.1.1`):
//! where a body section's span ends, at the next chapter of the same or
//! a higher level. Quantities (`2020年`, `5.7万`) and list items (`1)`,
//! `(1)`, `①`) are not chapters.

/// A chapter numbering found in the text: where it starts, its level (0
/// for `一、`/`第一章`, 1 for `1.`/`1、`/`(一)`, 2 for `1.1`, 3 for
/// `1.1.1`) and its numbers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Numbering {
    pub(super) start: usize,
    pub(super) end: usize,
    pub(super) level: u8,
    pub(super) values: Vec<u32>,
}

/// The chapter numberings of the text: after a sentence end, a bullet, a
/// marker or page furniture, a number of at most two digits (or a Chinese
/// numeral) with its separator, followed by a heading's first character.
/// List items `1)`, `(1)`, `①` are left out.
pub(super) fn numberings(chars: &[char]) -> Vec<Numbering> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let boundary = i == 0
            || matches!(
                chars[i - 1],
                '。' | ']' | '】' | ';' | '!' | '?' | ' ' | '|' | ')'
            )
            || crate::report::scan::is_bullet(chars[i - 1]);
        // (Glued after Han text, a numbering of two levels with its
        // separator counts when it is the next after one found before: a
        // list of risks without a sentence end runs into the next company's
        // section, `…订单低于预期6.3.某某科技` after `6.2.`.)
        // (Only digits can start such a numbering: the test is cheap, and
        // most characters follow Han text.)
        let glued = i > 0 && chars[i].is_ascii_digit() && crate::text::chars::is_han(chars[i - 1]);
        if boundary || glued {
            if let Some(m) = numbering_at(chars, i)
                .filter(|m| boundary || m.level >= 2 && next_of_found(&out, m, chars))
            {
                i = m.end;
                out.push(m);
                continue;
            }
        }
        i += 1;
    }
    out
}

/// Is `m` (with its separator) the next number after the last numbering
/// of its level in `found` (`6.3.` after `6.2.`)?
fn next_of_found(found: &[Numbering], m: &Numbering, chars: &[char]) -> bool {
    let separated = matches!(chars.get(m.end.wrapping_sub(1)), Some('.' | '、'));
    let Some((last, prefix)) = m.values.split_last() else {
        return false;
    };
    separated
        && found
            .iter()
            .rev()
            .find(|p| p.values.len() == m.values.len())
            .is_some_and(|p| {
                p.values[..prefix.len()] == *prefix && p.values[prefix.len()] + 1 == *last
            })
}

pub(super) fn numbering_at(chars: &[char], i: usize) -> Option<Numbering> {
    let get = |k: usize| chars.get(k).copied();
    let heading_char =
        |k: usize| get(k).is_some_and(|c| crate::text::chars::is_han(c) || c.is_ascii_alphabetic());
    let c = get(i)?;
    if let Some(v) = chinese_value(c) {
        // 一、 十二、
        let mut k = i + 1;
        let mut v = v;
        if let Some(v2) = get(k).and_then(chinese_value) {
            v = v * 10 + v2;
            k += 1;
        }
        if get(k) == Some('、') && heading_char(k + 1) {
            return Some(Numbering {
                start: i,
                end: k + 1,
                level: 0,
                values: vec![v],
            });
        }
        return None;
    }
    if c == '第' {
        let v = get(i + 1).and_then(chinese_value)?;
        if matches!(get(i + 2), Some('章' | '部')) {
            return Some(Numbering {
                start: i,
                end: i + 3,
                level: 0,
                values: vec![v],
            });
        }
        return None;
    }
    if c == '(' {
        // (一)
        let v = get(i + 1).and_then(chinese_value)?;
        if get(i + 2) == Some(')') && heading_char(i + 3) {
            return Some(Numbering {
                start: i,
                end: i + 3,
                level: 1,
                values: vec![v],
            });
        }
        return None;
    }
    if !c.is_ascii_digit() {
        return None;
    }
    let mut values = Vec::new();
    let mut k = i;
    loop {
        let d = chars[k..].iter().take_while(|c| c.is_ascii_digit()).count();
        if d == 0 || d > 2 {
            return None;
        }
        values.push(chars[k..k + d].iter().collect::<String>().parse().ok()?);
        k += d;
        // Four levels deep at most: `3.1.4.2康希诺:` is one company's
        // chapter in a list of picks.
        if get(k) == Some('.') && get(k + 1).is_some_and(|c| c.is_ascii_digit()) && values.len() < 4
        {
            k += 1;
            continue;
        }
        break;
    }
    if matches!(get(k), Some(')' | '）')) {
        return None;
    }
    let separated = matches!(get(k), Some('、' | '.'));
    if separated {
        k += 1;
    }
    // `2020年`, `3月`, `5g`: quantities, not chapters; a unit right after
    // the number, not a name after its separator (`5.7、万某科技`).
    if !heading_char(k)
        || !separated
            && matches!(
                get(k),
                Some('年' | '月' | '日' | '季' | '倍' | '亿' | '万' | '个' | '家' | '%' | 'g')
            )
    {
        return None;
    }
    if values.iter().any(|&v| v == 0 || v > 30) {
        return None;
    }
    let level = values.len() as u8;
    Some(Numbering {
        start: i,
        end: k,
        level,
        values,
    })
}

fn chinese_value(c: char) -> Option<u32> {
    "一二三四五六七八九十"
        .chars()
        .position(|x| x == c)
        .map(|p| p as u32 + 1)
}
