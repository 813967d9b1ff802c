//! Character classes of report text: Han, CJK, alphanumeric, with fast
//! paths for the characters most text is made of.

/// Han ideographs, CJK symbols and punctuation (U+3000–U+303F) and
/// half/full-width forms (U+FF00–U+FFEF): the characters next to which
/// whitespace carries no meaning.
pub fn is_cjk(c: char) -> bool {
    // Digits, Latin and punctuation first: nothing below U+2E80 is CJK.
    (c as u32) >= 0x2E80
        && matches!(c as u32,
        0x3000..=0x303F
        | 0x3400..=0x4DBF
        | 0x4E00..=0x9FFF
        | 0xF900..=0xFAFF
        | 0xFF00..=0xFFEF
        | 0x2E80..=0x2FDF
        | 0x31C0..=0x31EF
        | 0x20000..=0x3FFFF)
}

/// Han ideographs: the unified block and its extensions, compatibility
/// ideographs included.
pub fn is_han(c: char) -> bool {
    matches!(c as u32, 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0x20000..=0x3FFFF)
}

/// The main block of Han ideographs (U+4E00–U+9FFF): most of report text,
/// so fast paths ask this range check first.
#[inline]
pub fn is_common_han(c: char) -> bool {
    matches!(c as u32, 0x4E00..=0x9FFF)
}

/// `char::is_alphanumeric`, with ASCII and the main Han block (most of
/// report text) answered without a search of Unicode's tables.
#[inline]
pub fn is_alphanumeric(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_alphanumeric()
    } else {
        is_common_han(c) || c.is_alphanumeric()
    }
}

/// A set of characters with constant-time membership: the first
/// characters of a list of words that a scan looks for at every position.
pub(crate) struct CharSet {
    /// One bit per character of the Basic Multilingual Plane.
    bmp: Vec<u64>,
    /// The others, few.
    others: Vec<char>,
}

impl CharSet {
    /// The set of the first characters of `words`.
    pub(crate) fn first_chars<'a>(words: impl IntoIterator<Item = &'a str>) -> CharSet {
        let mut set = CharSet {
            bmp: vec![0; 0x10000 / 64],
            others: Vec::new(),
        };
        for c in words.into_iter().filter_map(|w| w.chars().next()) {
            let u = c as usize;
            if u < 0x10000 {
                set.bmp[u / 64] |= 1 << (u % 64);
            } else {
                set.others.push(c);
            }
        }
        set
    }

    /// Whether `c` is in the set.
    #[inline]
    pub(crate) fn contains(&self, c: char) -> bool {
        let u = c as usize;
        if u < 0x10000 {
            self.bmp[u / 64] & (1 << (u % 64)) != 0
        } else {
            self.others.contains(&c)
        }
    }
}
