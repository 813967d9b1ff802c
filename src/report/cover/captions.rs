//! The front page's price chart captions (`近一年板块指数与上证指数比较`,
//! `相对指数表现`, `股价走势`) and a dateline without its date.
//! The labelling guide counts the price chart's labels as cover, so a
//! caption is a field of the cover's blocks, with all its words; but it
//! has its chart beside it, not a value, and a block does not run from it
//! over the title.
//! A `报告日期:` whose date the extraction lost has no value either: the
//! words after it are the page's banner, which ends the front page.

/// Price chart captions: a caption needs no `:` before its chart.
pub(super) const CHART_CAPTIONS: &[&str] = &[
    "指数比较",
    "指数表现",
    "走势比较",
    "走势对比",
    "相对走势",
    "股价走势",
];

/// Does a date follow the label ending at `at` (after its `:`)?
pub(super) fn date_after(chars: &[char], at: usize) -> bool {
    let k = at + usize::from(chars.get(at) == Some(&':'));
    chars.get(k).is_some_and(|c| c.is_ascii_digit())
}

/// Is one of two neighbouring fields a chart's caption and the other
/// not? A caption has its chart beside it, not the title: a block does
/// not run on from it over a title (`…股价走势图` + title + `某某(分析师)`),
/// nor to it. (Between two captions, the words are the next chart's.)
pub(super) fn caption_beside(
    chars: &[char],
    a: &(usize, usize, bool),
    b: &(usize, usize, bool),
) -> bool {
    is_caption(&chars[a.0..a.1]) != is_caption(&chars[b.0..b.1])
}

/// Is `label` a price chart's caption?
pub(super) fn is_caption(label: &[char]) -> bool {
    CHART_CAPTIONS
        .iter()
        .any(|c| label.iter().copied().eq(c.chars()))
}

/// A caption's words before its last ones, at most this many characters.
const MAX_CAPTION_LEAD: usize = 24;

/// The start of a caption ending its words at `start` (`近一年板块指数与
/// 上证指数` + `比较`, `板块-市场` + `走势对比`): back over Han text, figures
/// and `、`/`-` (`沪深300`, `6个月`), to a mark, sentence end or value
/// before it, not before `floor`. Its first character is Han: the
/// figures before it are the previous field's value (`换手率(%)12.30`).
pub(super) fn caption_lead(chars: &[char], start: usize, floor: usize) -> usize {
    let mut k = start;
    while k > floor
        && start - k < MAX_CAPTION_LEAD
        && (crate::text::chars::is_han(chars[k - 1])
            || chars[k - 1].is_ascii_digit()
            || matches!(chars[k - 1], '、' | '-'))
    {
        k -= 1;
    }
    while k < start && !crate::text::chars::is_han(chars[k]) {
        k += 1;
    }
    k
}
