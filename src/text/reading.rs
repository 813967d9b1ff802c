//! The reading text of a passage: its source as a reader sees it
//! (original characters, whitespace handled as normalization does), with
//! the page furniture glued into it left out.

use crate::text::normalize::{display_text, Normalized};

/// The reading text of the source `source` (normalized as `norm`), without
/// the normalized character ranges `hidden` (sorted), and for each
/// normalized character its character range in that text (empty for a
/// hidden one), so that highlights found in normalized text can be shown.
pub fn reading_text(
    source: &str,
    norm: &Normalized,
    hidden: &[(u32, u32)],
) -> (String, Vec<(u32, u32)>) {
    let (display, ranges) = display_text(source, norm);
    if hidden.is_empty() {
        return (display, ranges);
    }
    let shown: Vec<char> = display.chars().collect();
    // Display characters to drop: those of hidden normalized characters.
    let mut drop = vec![false; shown.len()];
    for &(s, e) in hidden {
        for r in &ranges[(s as usize).min(ranges.len())..(e as usize).min(ranges.len())] {
            for d in &mut drop[r.0 as usize..(r.1 as usize).min(shown.len())] {
                *d = true;
            }
        }
    }
    // New position of each display character.
    let mut new_at = Vec::with_capacity(shown.len() + 1);
    let mut text = String::with_capacity(display.len());
    let mut k = 0u32;
    for (c, &d) in shown.iter().zip(&drop) {
        new_at.push(k);
        if !d {
            text.push(*c);
            k += 1;
        }
    }
    new_at.push(k);
    let ranges = ranges
        .iter()
        .map(|&(s, e)| (new_at[s as usize], new_at[e as usize]))
        .collect();
    (text, ranges)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::normalize::normalize_with_map;

    #[test]
    fn hidden_page_numbers_leave_the_reading_text() {
        let src = "推理成本的大幅13/14下降";
        let n = normalize_with_map(src);
        let (text, ranges) = reading_text(src, &n, &[(7, 12)]);
        assert_eq!(text, "推理成本的大幅下降");
        assert_eq!(ranges[7], (7, 7));
        assert_eq!(ranges[12], (7, 8));
    }
}
