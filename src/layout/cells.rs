//! Flattened rows of cells: what a table of words leaves when its cell
//! borders are gone, stretches of text without the pauses prose makes.
//! Read by [`super::reads_as_table`].
//!
//! Works on the characters of normalized text.

/// Characters a passage without any sentence end has at least for
/// [`cells_without_sentence`] to read it.
pub(super) const MIN_UNENDED: usize = 150;
/// A stretch without any pause this long is a row of cells in a passage
/// that ends no sentence; stretches of [`LONG_STRETCH`] or more make at
/// least a third of it.
const CELL_STRETCH: usize = 55;
const LONG_STRETCH: usize = 40;

/// Whether a passage that ends no sentence reads as flattened cells of
/// words: its longest stretch without a pause runs 55 characters or more
/// and long stretches make a third of it (`…无创年轻化长江热提某某热提
/// 仪器通过面加热作用于真皮浅层…`), in Chinese (an English sentence whose
/// spaces were stripped pauses no more often).
pub(super) fn cells_without_sentence(cs: &[char], chars: usize) -> bool {
    let han = cs.iter().filter(|&&c| crate::text::is_han(c)).count();
    let (mut longest, mut long) = (0usize, 0usize);
    for (stretch, _) in stretches(cs, false) {
        longest = longest.max(stretch);
        long += if stretch >= LONG_STRETCH { stretch } else { 0 };
    }
    han * 2 >= chars && longest >= CELL_STRETCH && long * 10 >= chars * 3
}

/// A stretch without any punctuation this long is a row of cells, not a
/// clause, when it holds several figures (`润百颜中国华熙生物380~1380非交联…`).
const CELL_ROW_WITH_FIGURES: usize = 60;
/// A stretch without any punctuation this long is never a clause.
const CELL_ROW: usize = 100;

/// Whether at least half of a passage (of `chars` non-space characters)
/// lies in stretches without punctuation that read as flattened rows of
/// cells: a table keeping some words between its figures (`…福建耗材带量
/// 采购40.8%福建…`), a product list with prices, a rating box without its
/// labels. A clause in prose pauses at a comma or an enumeration comma long
/// before; a long sentence without a comma has hardly any figures.
pub(super) fn mostly_unbroken_cells(cs: &[char], chars: usize) -> bool {
    let unbroken: usize = stretches(cs, true)
        .filter(|&(stretch, numbers)| {
            stretch >= CELL_ROW || (stretch >= CELL_ROW_WITH_FIGURES && numbers >= 3)
        })
        .map(|(stretch, _)| stretch)
        .sum();
    unbroken * 2 >= chars
}

/// The stretches of `cs` between pauses (punctuation; with `stops`, also a
/// full stop between words and the full-width `！？`), each as its length
/// and how many figures start in it. A thousands separator (`1,247.4`) or
/// a decimal point is part of a figure, not a pause.
fn stretches(cs: &[char], stops: bool) -> impl Iterator<Item = (usize, usize)> + '_ {
    let mut i = 0;
    std::iter::from_fn(move || {
        if i > cs.len() {
            return None;
        }
        let (mut stretch, mut numbers) = (0usize, 0usize);
        while i < cs.len() {
            let c = cs[i];
            let in_figure = matches!(c, ',' | '.')
                && i > 0
                && cs[i - 1].is_ascii_digit()
                && cs.get(i + 1).is_some_and(|d| d.is_ascii_digit());
            let pause = (matches!(
                c,
                '。' | ',' | '，' | ';' | '；' | ':' | '：' | '、' | '!' | '?'
            ) || (stops && matches!(c, '！' | '？' | '.')))
                && !in_figure;
            i += 1;
            if pause {
                return Some((stretch, numbers));
            }
            stretch += 1;
            if c.is_ascii_digit() && (i == 1 || !cs[i - 2].is_ascii_digit()) {
                numbers += 1;
            }
        }
        // The last stretch, after the last pause.
        i += 1;
        Some((stretch, numbers))
    })
}
