//! The front page's price chart captions (`近一年板块指数与上证指数比较`,
//! `相对指数表现`, `股价走势`) and a dateline without its date.
//! The labelling guide counts the price chart's labels as cover, so a
//! caption is a field of the cover's blocks; but it has its chart beside
//! it, not a value, and a block does not run from it over the title.
//! A `报告日期:` whose date the extraction lost has no value either: the
//! words after it are the page's banner, which ends the front page.

/// Price chart captions: a caption needs no `:` before its chart.
const CHART_CAPTIONS: &[&str] = &[
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
