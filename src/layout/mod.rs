//! Layout: the parts of a report's text that are not its prose, found in
//! the normalized text of a block: page furniture (running headers and
//! footers, page numbers, template markers, download stamps), chart and
//! table residue, and tables of contents.
//!
//! Furniture is cut out of passages (and so out of the reading text);
//! residue becomes table passages; tables of contents become the `toc`
//! section. The exact text is untouched: every character stays indexed
//! for `mentions`.

mod furniture;
mod residue;
mod toc;

use std::ops::Range;

/// What a passage is made of, for search and display.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, serde::Serialize, serde::Deserialize)]
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
        let furniture = furniture::furniture(chars);
        let tocs = toc::tables_of_contents(chars, &furniture);
        // Residue inside a table of contents is its page numbers.
        let tables = subtract(&subtract(&residue::residue(chars), &furniture), &tocs);
        BlockLayout {
            furniture,
            tables,
            tocs,
        }
    }
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
        assert_eq!(subtract(&[0..10, 20..30], &[2..4, 8..22]), vec![0..2, 4..8, 22..30]);
        assert_eq!(subtract(&[0..10], &[]), vec![0..10]);
        assert_eq!(subtract(&[5..10], &[0..20]), Vec::<Range<usize>>::new());
    }
}

#[cfg(test)]
mod probe {
    /// Prints the layout of the file in `YANBAO_PROBE` (development aid).
    #[test]
    #[ignore]
    fn probe_layout() {
        let Ok(path) = std::env::var("YANBAO_PROBE") else { return };
        for p in path.split(',') {
            let text = std::fs::read_to_string(p).unwrap();
            let norm = crate::text::normalize(&text);
            let chars: Vec<char> = norm.chars().collect();
            let l = super::BlockLayout::of(&chars);
            let show = |r: &std::ops::Range<usize>| chars[r.clone()].iter().collect::<String>();
            println!("== {p} {} chars", chars.len());
            for f in &l.furniture { println!("  F {:>6} {}", f.start, show(f)); }
            for t in &l.tocs { let s = show(t); println!("  T {:>6} {}…{}", t.start, s.chars().take(40).collect::<String>(), s.chars().rev().take(20).collect::<String>().chars().rev().collect::<String>()); }
            for t in &l.tables { println!("  R {:>6} {}", t.start, show(t).chars().take(90).collect::<String>()); }
        }
    }
}

#[cfg(test)]
mod probe_passages {
    /// Prints the passages of the file in `YANBAO_PROBE` (development aid).
    #[test]
    #[ignore]
    fn probe_passages() {
        let Ok(path) = std::env::var("YANBAO_PROBE") else { return };
        let text = std::fs::read_to_string(path).unwrap();
        for p in crate::report::passages(&text) {
            let t: String = p.text.chars().take(100).collect();
            println!("{:>4} {:<12} {:<9} {:>4} {:?} {}", p.ordinal, p.section.name(), p.layout.name(), p.chars, p.hidden, t);
        }
    }
}

#[cfg(test)]
mod probe_timing {
    /// Times the layout steps over the files of `YANBAO_PROBE_DIR` (development aid).
    #[test]
    #[ignore]
    fn probe_timing() {
        let Ok(dir) = std::env::var("YANBAO_PROBE_DIR") else { return };
        let mut texts = Vec::new();
        for e in std::fs::read_dir(dir).unwrap() {
            let t = std::fs::read_to_string(e.unwrap().path()).unwrap();
            texts.push(crate::text::normalize(&t).chars().collect::<Vec<char>>());
        }
        let time = |name: &str, f: &dyn Fn(&[char])| {
            let t0 = std::time::Instant::now();
            for t in &texts {
                f(t);
            }
            println!("{name:<14} {:>8.1} ms", t0.elapsed().as_secs_f64() * 1e3);
        };
        time("furniture", &|c| drop(super::furniture::furniture(c)));
        time("residue", &|c| drop(super::residue::residue(c)));
        time("toc", &|c| drop(super::toc::tables_of_contents(c, &[])));
        time("covers", &|c| drop(crate::report::probe_contact_blocks(c)));
        time("analyze", &|c| drop(crate::report::analyze_block(&c.iter().collect::<String>())));
        time("headings", &|c| drop(crate::report::detect_headings(&c.iter().collect::<String>())));
        time("tickers", &|c| drop(crate::report::probe_find_tickers(&c.iter().collect::<String>())));
    }
}
