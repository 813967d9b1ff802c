//! Character helpers shared by the heading rules and the metadata extractors: the characters
//! next to a byte offset, windows of up to `n` characters on either side of it, bullets, and the
//! first characters of a word list (to rule positions out with one lookup).  Offsets are bytes of
//! the normalized text.

/// Bullets, geometric shapes, dingbats and private-use glyphs that PDF extraction leaves in front
/// of list items and headings.
pub(crate) fn is_bullet(c: char) -> bool {
    matches!(c as u32,
        0x2022 | 0x2023 | 0x2043 | 0x00B7 | 0x25A0..=0x25FF | 0x2600..=0x27BF | 0x2B00..=0x2BFF
        | 0xE000..=0xF8FF | 0x2190..=0x21FF)
}

pub(crate) fn prev_char(s: &str, i: usize) -> Option<char> {
    s.get(..i).and_then(|p| p.chars().next_back())
}

pub(crate) fn next_char(s: &str, i: usize) -> Option<char> {
    s.get(i..).and_then(|p| p.chars().next())
}

/// Up to `n` chars before byte `i`.
pub(crate) fn left_window(s: &str, i: usize, n: usize) -> &str {
    let Some(p) = s.get(..i) else { return "" };
    let mut start = i;
    for (k, (j, _)) in p.char_indices().rev().enumerate() {
        if k >= n {
            break;
        }
        start = j;
    }
    &p[start..]
}

/// The last character boundary at or before byte `i` (the end of `s` beyond it).
pub(crate) fn floor_boundary(s: &str, i: usize) -> usize {
    let mut i = i.min(s.len());
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// The first character boundary at or after byte `i` (the end of `s` beyond it).
pub(crate) fn ceil_boundary(s: &str, i: usize) -> usize {
    let mut i = i.min(s.len());
    while !s.is_char_boundary(i) {
        i += 1;
    }
    i
}

/// Up to `n` chars from byte `i`. Characters are counted by their first
/// bytes, without decoding them: the windows of the metadata extractors
/// run to thousands of characters per report.
pub(crate) fn right_window(s: &str, i: usize, n: usize) -> &str {
    let Some(p) = s.get(i..) else { return "" };
    // No more bytes than `n`: no more characters either.
    if p.len() <= n {
        return p;
    }
    let is_start = |b: &u8| (*b as i8) >= -0x40;
    // Whole 64-byte chunks first, eight bytes at a time: the large windows
    // are scanned for every report, several times. A byte `10xxxxxx`
    // continues a character; every other byte starts one.
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let bytes = p.as_bytes();
    let mut starts = 0;
    let mut from = 0;
    for chunk in bytes.chunks_exact(64) {
        let continuing: u32 = chunk
            .chunks_exact(8)
            .map(|w| {
                let x = u64::from_le_bytes(w.try_into().expect("8 bytes"));
                (x & !(x << 1) & HIGH).count_ones()
            })
            .sum();
        let k = 64 - continuing as usize;
        if starts + k > n {
            break;
        }
        starts += k;
        from += 64;
    }
    let end = bytes[from..]
        .iter()
        .position(|b| {
            let start = is_start(b);
            starts += usize::from(start);
            start && starts > n
        })
        .map_or(p.len(), |k| from + k);
    &p[..end]
}

/// The distinct first characters of `words`, sorted (for `binary_search`).
pub(crate) fn first_chars<'a>(words: impl IntoIterator<Item = &'a str>) -> Vec<char> {
    let mut v: Vec<char> = words.into_iter().filter_map(|w| w.chars().next()).collect();
    v.sort_unstable();
    v.dedup();
    v
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn right_window_counts_characters() {
        let short = "a公司𠀀b,增长";
        // Long enough for the 64-byte chunks, with windows ending inside,
        // at the edge of and beyond them.
        let long = short.repeat(40);
        let ns: Vec<usize> = (0..10)
            .chain([40, 63, 64, 65, 200, 366, 367, 1000])
            .collect();
        for s in [short, long.as_str()] {
            for i in 0..=s.len() + 1 {
                for &n in &ns {
                    let expected = s.get(i..).map_or("", |p| {
                        let end = p.char_indices().nth(n).map_or(p.len(), |(j, _)| j);
                        &p[..end]
                    });
                    assert_eq!(right_window(s, i, n), expected, "{i} {n}");
                }
            }
        }
    }
}
