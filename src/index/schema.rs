//! The tantivy schema: which fields a report and a passage become.
//!
//! One index holds two kinds of documents. A *report* document per file
//! carries what incremental indexing and `stats` need (size, mtime, hash,
//! metadata). A *passage* document per passage carries the searchable
//! fields and the passage's source text.

use crate::layout::Layout;
use crate::report::Section;
use anyhow::{anyhow, Result};
use tantivy::schema::{
    Field, IndexRecordOption, NumericOptions, Schema, TextFieldIndexing, TextOptions, FAST, STORED,
};

/// Bumped whenever the schema or the meaning of a field changes; an index
/// of another version must be rebuilt.
pub(crate) const FORMAT_VERSION: u64 = 13;

pub(crate) const KIND_REPORT: u64 = 0;
pub(crate) const KIND_PASSAGE: u64 = 1;

/// The id of the report at `rel` (its path relative to the indexed
/// folder): the `report` field of its documents.
pub(crate) fn report_id(rel: &str) -> u64 {
    xxhash_rust::xxh3::xxh3_64(rel.as_bytes())
}

/// Passages at the head of a report (by ordinal) whose tickers and words
/// say what the report is about: the title and the company's code stand
/// there (see `query::search`).
pub(crate) const ABOUT_PASSAGES: u32 = 2;

/// Prefix of the `tickers` term added for a mention whose exchange is written.
pub(crate) const EXPLICIT_TICKER: char = '!';

pub(crate) const WORDS_TOKENIZER: &str = "yanbao_words";
pub(crate) const GRAMS_TOKENIZER: &str = "yanbao_grams";

#[derive(Debug, Clone, Copy)]
pub(crate) struct Fields {
    /// [`KIND_REPORT`] or [`KIND_PASSAGE`].
    pub kind: Field,
    /// Path relative to the indexed folder, `/`-separated. Indexed as one
    /// term (to delete a report with all its passages) and fast (to read
    /// paths without the doc store).
    pub path: Field,
    /// Hash of `path`: groups passages by report.
    pub report: Field,
    pub title: Field,
    /// Characters of the report's normalized title, with positions (report
    /// documents only): which reports a query term is *about*.
    pub title_grams: Field,
    /// Index keys of the tickers a report is about: those of its title and
    /// cover (report documents only).
    pub about: Field,
    /// The `grams` of the report's first [`ABOUT_PASSAGES`] passages, one
    /// value each (report documents).
    pub head_grams: Field,
    /// jieba words of the passage's normalized text: presence only (see `tokens`).
    pub words: Field,
    /// Characters of the passage's normalized text, with positions (see `tokens`).
    pub grams: Field,
    /// The passage's source text, as in the file.
    pub raw: Field,
    pub ordinal: Field,
    /// Line, column and character offset of the start of `raw` in the file.
    pub line: Field,
    pub column: Field,
    pub offset: Field,
    /// Number of normalized characters of the passage.
    pub norm_len: Field,
    /// What search's ranking key reads of a passage, packed (see
    /// [`RankBits`]); every document has it, a report document 0.
    pub rank_bits: Field,
    /// Ticker keys mentioned in the passage (see `ticker::Ticker::index_key`).
    pub tickers: Field,
    /// Ticker mentions in the passage: JSON `[[start, end, key], ...]` in
    /// normalized characters.
    pub ticker_hits: Field,
    /// Section of the passage (`report::Section` as a number).
    pub section: Field,
    /// Fingerprints of the passage's sentences met before in the index
    /// (see `seen`), to recognize boilerplate.
    pub sentences: Field,
    /// Report documents: file size in bytes, mtime (ns since the epoch),
    /// content hash, number of passages, metadata as JSON.
    pub size: Field,
    pub mtime: Field,
    pub hash: Field,
    pub passages: Field,
    pub meta: Field,
    /// Report documents: date as YYYYMMDD, for `--since`/`--until`.
    pub date: Field,
    /// Report documents: metadata as single terms, for filters.
    pub broker: Field,
    pub rating: Field,
    pub analyst: Field,
    pub report_type: Field,
    /// Report documents: the rating's level and change (`Level::code`, `Change::code`; 0
    /// when there is none), and the row `reports` shows (`card::ReportCard`, JSON).
    pub level: Field,
    pub change: Field,
    pub card: Field,
    /// Report documents: the sections the report has, a bit per `Section`.
    pub section_bits: Field,
    /// Passages of PDF reports: 1-based page where the passage starts.
    pub page: Field,
    /// Passages: what the passage is made of (`layout::Layout` as a
    /// number): prose, a table, or page furniture.
    pub layout: Field,
    /// Passages: character ranges of furniture hidden inside the passage,
    /// as pairs of values (start, end).
    pub hidden: Field,
}

/// A text field indexed with `tokenizer`; field norms only where BM25 needs them.
fn text_field(tokenizer: &str, record: IndexRecordOption, scored: bool) -> TextOptions {
    TextOptions::default().set_indexing_options(
        TextFieldIndexing::default()
            .set_tokenizer(tokenizer)
            .set_index_option(record)
            .set_fieldnorms(scored),
    )
}

/// An untokenized field for exact terms (no field norms: never scored).
fn keyword() -> TextOptions {
    text_field("raw", IndexRecordOption::Basic, false)
}

pub(crate) fn build_schema() -> Schema {
    let mut b = Schema::builder();
    // Fast, not stored: read from columns (see `columns::fast_u64`); in the
    // doc store an id of 64 random bits per passage would not compress.
    let u64_fast = NumericOptions::default().set_fast();
    b.add_u64_field("kind", NumericOptions::default().set_indexed().set_fast());
    b.add_text_field("path", keyword() | FAST);
    b.add_u64_field("report", u64_fast.clone().set_indexed());
    b.add_text_field("title", STORED);
    b.add_text_field(
        "title_grams",
        text_field(
            GRAMS_TOKENIZER,
            IndexRecordOption::WithFreqsAndPositions,
            false,
        ),
    );
    // The grams of a report's head passages (as the passages' `grams`
    // hold them), on its report document: which reports name a term where
    // their title and code stand, without a phrase search over every
    // passage of the index.
    b.add_text_field(
        "head_grams",
        text_field(
            GRAMS_TOKENIZER,
            IndexRecordOption::WithFreqsAndPositions,
            false,
        ),
    );
    b.add_text_field("about", keyword() | FAST);
    b.add_text_field(
        "words",
        text_field(WORDS_TOKENIZER, IndexRecordOption::Basic, true),
    );
    b.add_text_field(
        "grams",
        text_field(
            GRAMS_TOKENIZER,
            IndexRecordOption::WithFreqsAndPositions,
            true,
        ),
    );
    b.add_text_field("raw", STORED);
    b.add_u64_field("ordinal", u64_fast.clone().set_indexed());
    b.add_u64_field("line", STORED);
    b.add_u64_field("column", STORED);
    b.add_u64_field("offset", STORED);
    b.add_u64_field("norm_len", u64_fast.clone());
    b.add_u64_field("rank_bits", NumericOptions::default().set_fast());
    b.add_text_field(
        "tickers",
        text_field("raw", IndexRecordOption::WithFreqs, false),
    );
    b.add_bytes_field("ticker_hits", FAST);
    b.add_u64_field("section", u64_fast.clone().set_indexed());
    b.add_u64_field("sentences", NumericOptions::default().set_indexed());
    b.add_u64_field("size", u64_fast.clone());
    b.add_u64_field("mtime", u64_fast.clone());
    b.add_u64_field("hash", u64_fast.clone());
    b.add_u64_field("passages", u64_fast.clone());
    b.add_text_field("meta", STORED);
    b.add_u64_field("date", u64_fast.set_indexed());
    b.add_text_field("broker", keyword() | FAST);
    b.add_text_field("rating", keyword() | FAST);
    b.add_text_field("analyst", keyword());
    b.add_text_field("report_type", keyword() | FAST);
    b.add_u64_field("level", NumericOptions::default().set_indexed().set_fast());
    b.add_u64_field("change", NumericOptions::default().set_indexed().set_fast());
    b.add_bytes_field("card", FAST);
    b.add_u64_field("section_bits", NumericOptions::default().set_fast());
    b.add_u64_field("page", STORED);
    b.add_u64_field("layout", NumericOptions::default().set_indexed().set_fast());
    b.add_u64_field("hidden", STORED);
    b.build()
}

impl Fields {
    pub(crate) fn of(schema: &Schema) -> Result<Fields> {
        let f = |name: &str| {
            schema
                .get_field(name)
                .map_err(|_| anyhow!("field {name} missing"))
        };
        Ok(Fields {
            kind: f("kind")?,
            path: f("path")?,
            report: f("report")?,
            title: f("title")?,
            title_grams: f("title_grams")?,
            about: f("about")?,
            head_grams: f("head_grams")?,
            words: f("words")?,
            grams: f("grams")?,
            raw: f("raw")?,
            ordinal: f("ordinal")?,
            line: f("line")?,
            column: f("column")?,
            offset: f("offset")?,
            norm_len: f("norm_len")?,
            rank_bits: f("rank_bits")?,
            tickers: f("tickers")?,
            ticker_hits: f("ticker_hits")?,
            section: f("section")?,
            sentences: f("sentences")?,
            size: f("size")?,
            mtime: f("mtime")?,
            hash: f("hash")?,
            passages: f("passages")?,
            meta: f("meta")?,
            date: f("date")?,
            broker: f("broker")?,
            rating: f("rating")?,
            analyst: f("analyst")?,
            report_type: f("report_type")?,
            level: f("level")?,
            change: f("change")?,
            card: f("card")?,
            section_bits: f("section_bits")?,
            page: f("page")?,
            layout: f("layout")?,
            hidden: f("hidden")?,
        })
    }
}

/// A passage's layout, section, place at the head of its report and
/// length, and how many documents of its report follow it in its batch,
/// packed in one small number: what search reads of every passage that
/// matches. Read from four columns that only passages have, each read cost
/// a rank lookup in the column's index; one column that every document has
/// is read directly. And a report's id (a 64-bit hash, the widest column)
/// is read once per run of its passages, not per passage: the documents of
/// one batch are consecutive in one segment (`IndexWriter::run`), and stay
/// so through merges, which delete a report's documents all together. On
/// `search 公司` over the 1 GB synthetic corpus the lookups took a fifth of
/// the time; on `search 风险` a quarter went to faulting in the pages of
/// the columns read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct RankBits(pub(crate) u64);

impl RankBits {
    const LEN_BITS: u32 = 10;
    const SECTION_SHIFT: u32 = 10;
    const LAYOUT_SHIFT: u32 = 14;
    const HEAD_SHIFT: u32 = 16;
    const RUN_SHIFT: u32 = 17;
    const ROUGH_SHIFT: u32 = 27;
    /// Documents that may follow one of their batch: a batch holds at
    /// most this many and one (see `build::file`).
    pub(crate) const RUN_MAX: u64 = (1 << 10) - 1;

    /// The bits of a passage (lengths past 1,023 characters count as
    /// 1,023: the ranking's length prior is flat long before).
    pub(crate) fn of(layout: Layout, section: Section, ordinal: u32, chars: usize) -> RankBits {
        let len = (chars as u64).min((1 << Self::LEN_BITS) - 1);
        let head = u64::from(ordinal < ABOUT_PASSAGES);
        RankBits(
            len | (section as u64) << Self::SECTION_SHIFT
                | (layout as u64) << Self::LAYOUT_SHIFT
                | head << Self::HEAD_SHIFT,
        )
    }

    /// The same bits, marking a prose passage that reads roughly
    /// (`crate::layout::read_prose`). An index written before the
    /// mark has it on no passage, which ranks as before.
    pub(crate) fn roughly(self, rough: bool) -> RankBits {
        RankBits(self.0 | u64::from(rough) << Self::ROUGH_SHIFT)
    }

    /// Whether the passage is prose that reads roughly.
    pub(crate) fn rough(self) -> bool {
        (self.0 >> Self::ROUGH_SHIFT) & 1 == 1
    }

    /// The same bits, with `after` documents of the report following this
    /// one in its batch.
    pub(crate) fn with_run(self, after: u64) -> RankBits {
        RankBits(self.0 | after.min(Self::RUN_MAX) << Self::RUN_SHIFT)
    }

    /// Normalized characters of the passage (at most 1,023).
    pub(crate) fn len(self) -> u64 {
        self.0 & ((1 << Self::LEN_BITS) - 1)
    }

    /// The passage's section.
    pub(crate) fn section(self) -> Option<Section> {
        Section::ALL
            .get(((self.0 >> Self::SECTION_SHIFT) & 0xf) as usize)
            .copied()
    }

    /// The passage's layout.
    pub(crate) fn layout(self) -> Option<Layout> {
        Layout::ALL
            .get(((self.0 >> Self::LAYOUT_SHIFT) & 0x3) as usize)
            .copied()
    }

    /// Whether the passage is one of its report's first [`ABOUT_PASSAGES`].
    pub(crate) fn in_head(self) -> bool {
        (self.0 >> Self::HEAD_SHIFT) & 1 == 1
    }

    /// Documents of the same report right after this one.
    pub(crate) fn run_after(self) -> u64 {
        (self.0 >> Self::RUN_SHIFT) & Self::RUN_MAX
    }
}

#[cfg(test)]
mod rank_bits_tests {
    use super::*;

    #[test]
    fn rank_bits_give_back_what_was_packed() {
        for (layout, section, ordinal, chars) in [
            (Layout::Table, Section::Risk, 0, 300),
            (Layout::Prose, Section::Body, 7, 12),
            (Layout::Furniture, Section::Cover, 1, 0),
        ] {
            let b = RankBits::of(layout, section, ordinal, chars);
            assert_eq!(b.layout(), Some(layout));
            assert_eq!(b.section(), Some(section));
            assert_eq!(b.in_head(), ordinal < ABOUT_PASSAGES);
            assert_eq!(b.len(), chars as u64);
        }
        // A passage longer than the length bits hold keeps its section.
        let long = RankBits::of(Layout::Prose, Section::Advice, 5, 1 << 30).with_run(1023);
        assert_eq!(long.section(), Some(Section::Advice));
        assert_eq!(long.layout(), Some(Layout::Prose));
        assert_eq!(long.len(), 1023);
        assert_eq!(long.run_after(), 1023);
        assert!(!long.in_head());
        assert!(!long.rough());
        // The rough mark sits apart from the run and the length.
        let rough = long.roughly(true);
        assert!(rough.rough());
        assert_eq!(rough.run_after(), 1023);
        assert_eq!(rough.len(), 1023);
        assert_eq!(rough.section(), Some(Section::Advice));
    }
}
