//! Layout: the parts of a report's text that are not its prose, found in
//! the normalized text of a block: page furniture (running headers and
//! footers, page numbers, template markers, download stamps), chart and
//! table residue, and tables of contents.
//!
//! Furniture is cut out of passages (and so out of the reading text);
//! residue becomes table passages; tables of contents become the `toc`
//! section. The exact text is untouched: every character stays indexed
//! for `mentions`.

mod captions;
mod cells;
mod company_rows;
mod furniture;
mod header_rows;
mod legends;
mod lists;
mod marks;
mod page_numbers;
mod policies;
mod residue;
mod running_heads;
mod shape;
mod shape_weights;
mod toc;

#[cfg(test)]
pub(crate) use residue::reads_as_table_text as reads_as_table;

/// How a passage cut as prose reads, for search.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Reading {
    /// Sentences that read well.
    Prose,
    /// Prose that reads roughly: ranked below prose that reads well.
    Rough,
    /// A table after all: shown only when no prose answers.
    Table,
}

/// How a passage cut as prose reads: a table when one of the rules of
/// [`residue::reads_as_table`] knows its kind or its shape says so
/// ([`shape::table_log_odds`]); rough by [`cells::reads_roughly`] or by a shape
/// between the two thresholds.
pub(crate) fn read_prose(text: &str) -> Reading {
    // The passage's characters, collected once for every reader below.
    let all: Vec<char> = text.chars().collect();
    let dense: Vec<char> = all.iter().copied().filter(|&c| c != ' ').collect();
    if residue::reads_as_table(text, &all, &dense) {
        return Reading::Table;
    }
    // The model was fitted on Chinese text whose spaces were stripped: a
    // text that keeps a space between its words (one character in 20) is
    // English prose, whose sentences end at full stops it does not count.
    let spaces = all.len() - dense.len();
    let odds = if spaces * 20 < all.len() {
        shape::table_log_odds(&dense).unwrap_or(f64::NEG_INFINITY)
    } else {
        f64::NEG_INFINITY
    };
    if odds >= shape::TABLE_LOG_ODDS {
        Reading::Table
    } else if odds >= shape::ROUGH_LOG_ODDS || cells::reads_roughly(&dense) {
        Reading::Rough
    } else {
        Reading::Prose
    }
}

use std::ops::Range;

/// What a passage is made of, for search and display.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, Default, serde::Serialize, serde::Deserialize,
)]
#[serde(rename_all = "kebab-case")]
pub enum Layout {
    /// Sentences to read.
    #[default]
    Prose,
    /// Chart or table residue: figures with little prose.
    Table,
    /// Page headers and footers, page numbers, markers, stamps.
    Furniture,
}

impl Layout {
    /// Every layout, in the order of their numbers in the index.
    pub const ALL: [Layout; 3] = [Layout::Prose, Layout::Table, Layout::Furniture];

    /// The layout's name in output.
    pub fn name(self) -> &'static str {
        match self {
            Layout::Prose => "prose",
            Layout::Table => "table",
            Layout::Furniture => "furniture",
        }
    }
}

/// The layout of a block of normalized text, in characters.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct BlockLayout {
    /// Page furniture, sorted and disjoint.
    pub(crate) furniture: Vec<Range<usize>>,
    /// Chart and table residue outside the furniture, sorted and disjoint.
    pub(crate) tables: Vec<Range<usize>>,
    /// Tables of contents, sorted and disjoint (furniture inside them
    /// stays furniture).
    pub(crate) tocs: Vec<Range<usize>>,
}

impl BlockLayout {
    /// Finds the layout of `chars`.
    pub(crate) fn of(chars: &[char]) -> BlockLayout {
        // Captions and source lines beside a chart's figures are part of
        // its residue; glued to prose, they are furniture hidden in it.
        let figures = residue::residue(chars);
        let (glued, charts) = captions::sort_runs(chars, captions::caption_runs(chars), &figures);
        let residue = merge(figures.into_iter().chain(charts).collect());
        // A chart's axis labels inside its residue are part of the table
        // (cutting them out would break one table into pieces); glued onto
        // a sentence they are furniture.
        let mut ticks = Vec::new();
        marks::axis_ticks(chars, &mut ticks);
        let mut furniture = furniture::furniture(chars);
        furniture.extend(subtract(&merge(ticks), &residue));
        let furniture = merge(furniture);
        let tocs = toc::tables_of_contents(chars, &furniture);
        // A list of figures is a table of contents, not captions.
        let mut furniture = furniture;
        furniture.extend(subtract(&merge(glued), &tocs));
        let furniture = merge(furniture);
        // Residue inside a table of contents is its page numbers.
        let tables = subtract(&subtract(&residue, &furniture), &tocs);
        BlockLayout {
            furniture,
            tables,
            tocs,
        }
    }
}

/// Whether a piece of furniture (normalized text) is one that prose reads
/// across when glued to it: a figure caption or source line, or a report's
/// banner; not a page's running header or footer, which stays a passage of
/// its own between the sections it may separate.
pub(crate) fn reads_across(text: &str) -> bool {
    let chars: Vec<char> = text.chars().take(16).collect();
    !chars.is_empty()
        && (captions::is_caption_at(&chars, 0)
            || captions::is_source_at(&chars, 0)
            || marks::is_banner_start(&chars))
}

/// Sorted, disjoint ranges covering the same characters as `spans`.
fn merge(mut spans: Vec<Range<usize>>) -> Vec<Range<usize>> {
    spans.retain(|s| s.start < s.end);
    spans.sort_by_key(|s| s.start);
    let mut out: Vec<Range<usize>> = Vec::new();
    for s in spans {
        match out.last_mut() {
            Some(last) if s.start <= last.end => last.end = last.end.max(s.end),
            _ => out.push(s),
        }
    }
    out
}

/// The parts of `spans` outside `minus` (both sorted and disjoint).
pub(crate) fn subtract(spans: &[Range<usize>], minus: &[Range<usize>]) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut k = 0;
    for s in spans {
        let mut start = s.start;
        while k < minus.len() && minus[k].end <= start {
            k += 1;
        }
        let mut j = k;
        while j < minus.len() && minus[j].start < s.end {
            if minus[j].start > start {
                out.push(start..minus[j].start);
            }
            start = start.max(minus[j].end);
            j += 1;
        }
        if start < s.end {
            out.push(start..s.end);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn subtract_cuts_holes() {
        assert_eq!(
            subtract(&[0..10, 20..30], &[2..4, 8..22]),
            vec![0..2, 4..8, 22..30]
        );
        assert_eq!(subtract(std::slice::from_ref(&(0..10)), &[]), vec![0..10]);
        assert_eq!(
            subtract(
                std::slice::from_ref(&(5..10)),
                std::slice::from_ref(&(0..20))
            ),
            Vec::<Range<usize>>::new()
        );
    }
}
