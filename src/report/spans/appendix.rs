//! Where an appendix starts: `附表1:`, `附录:`, `附图2:` after a page end
//! or a sentence's end. A report's risks or advice are its last chapter
//! before the appendix more often than not; the appendix's tables of
//! policies or pipelines are not the risks, so the chapter ends there.

use std::ops::Range;

/// The words that open an appendix.
const APPENDIX: &[&str] = &["附表", "附录", "附图"];

/// The start of the first appendix label in `r`: one of [`APPENDIX`],
/// maybe a number, then a colon; not after a Han character (`详见附表1:`
/// is a sentence's pointer to it).
pub(super) fn appendix_start(chars: &[char], r: Range<usize>) -> Option<usize> {
    let end = r.end.min(chars.len());
    (r.start..end).find(|&i| {
        let opens = APPENDIX.iter().any(|w| {
            let w: Vec<char> = w.chars().collect();
            chars[i..].starts_with(&w)
        });
        if !opens || i > 0 && crate::text::chars::is_han(chars[i - 1]) {
            return false;
        }
        let digits = chars[i + 2..]
            .iter()
            .take_while(|c| c.is_ascii_digit())
            .count();
        matches!(chars.get(i + 2 + digits), Some(':' | '：'))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(text: &str) -> Option<String> {
        let chars: Vec<char> = text.chars().collect();
        appendix_start(&chars, 0..chars.len()).map(|i| chars[i..].iter().take(4).collect())
    }

    #[test]
    fn an_appendix_after_a_page_end_or_a_sentence() {
        assert_eq!(
            at("风险提示需求不及预期的风险等某某证券免责声明。40附表1:某某改革重点任务").as_deref(),
            Some("附表1:")
        );
        assert_eq!(
            at("风险提示需求不及预期。附录:其他品种").as_deref(),
            Some("附录:其")
        );
        // A sentence pointing at it, or the word in a title, is no appendix.
        assert_eq!(at("风险提示需求不及预期,详见附表1:某某"), None);
        assert_eq!(at("风险提示附表之外的风险"), None);
    }
}
