//! Report structure: section headings and cover metadata of Chinese brokerage research reports.
//!
//! Everything here works on the *normalized* text (see `crate::text::normalize`): full-width
//! punctuation is ASCII (`：` → `:`, `（` → `(`), Latin is lowercase, and line breaks between
//! CJK characters are gone.  Many real reports are one single line without any whitespace, so
//! headings are glued to the text around them; the rules below therefore rely on the characters
//! right before and after a heading word rather than on line structure.
//!
//! # Heading rules (the conventions the labels in `tests/labels/*.json` follow)
//! * A heading is a section word (see [`VOCAB`]) used as a label: after a sentence end, a
//!   bullet/symbol, a `[table_…]` marker, a bracket, numbering (`1.`, `一、`, `(一)`) or a page
//!   number; or directly before `:` / a bullet.  The same words inside a sentence (`…的风险提示`,
//!   `请务必阅读正文之后的免责声明`) are not headings.
//! * Table-of-contents entries (followed by dot leaders) and figure/table captions (`表9:…`) are
//!   not headings.  A `目录` line itself starts a [`Section::Body`] stretch.
//! * Combined headings take the more specific type: anything that mentions 声明 is a disclaimer
//!   (`法律声明及风险提示`), anything that mentions 投资建议 / 投资策略 / 评级 is advice
//!   (`盈利预测与投资建议`, `盈利预测和投资评级`), 盈利预测 / 估值 / 财务预测 alone is forecast.
//! * The rating definitions block (`投资评级说明`, `评级标准`, …) is one rating-scale heading;
//!   sub-headings repeated inside it (`行业评级`, `公司评级`) within 300 chars are not new ones.
//! * Analyst, disclaimer and rating-scale headings are end matter: they only count in the last
//!   60 % of a document, which removes cover-page mentions.
//! * Numbered chapters (`一、…`), `目录` and `[table_…]` layout markers start `Body` stretches so
//!   that body text after a cover-page `风险提示` is not attributed to the risk section.
//! * A lead-in makes a section word a heading whatever is glued before it: chapter numbering
//!   (`3.2估值:`), numbering and a few words (`3、盈利与估值`, `4重点公司盈利预测`), or a
//!   qualifier naming companies at a block start (`。重点公司盈利预测及估值`, `##重点银行估值表`).
//!   Numbered headings may go on with words outside the vocabulary (`3估值与情绪`).
//! * Other cues that a word is a heading: a sentence opening with `我们` right after it, the year
//!   columns of a table (`财务数据和估值2018 2019…`), a short complement and a colon
//!   (`估值复盘:…`), a broker's source line before it (`资料来源:wind,招商证券投资建议`), a
//!   sentence of its own (`。医药行业估值分析。`), and — for summary words — being on the cover
//!   (first fifth of the text) right after the title.
//! * A statement verb with its object is a sentence (`分析师承诺不曾因…`), and a heading right
//!   after one of the same type is part of it (`投资要点:❖月度核心观点`).
//!
//! # Title
//! The headline as the cover prints it, found with the help of the file name (which is often cut,
//! prefixed with a company or series name, or worded slightly differently):
//! * The file name is matched on its letters and digits only.  A leading part (`行业周报：…`)
//!   glued to the rest on the cover was a line of its own — a series label — and is dropped; joined
//!   by punctuation (`贵州茅台2024年报点评:…`) it is kept.
//! * A title that goes on after punctuation (`…季度跟踪` + `:需求承压下的分化与出清`) is extended
//!   to the end of its block: a layout marker, a dash before a subtitle (`——2025年A股投资策略` is
//!   not part of the headline), a broker's name, a date, a cover label, or an industry line.
//! * A file name not found as such is aligned on character pairs (`成长出` / `生长出`).
//! * Without a match, the `[table_title]` block, else the file name itself.
//!
//! All scans are single passes with bounded look-around, so the cost is linear in the input.

use crate::text::normalize::{is_han, normalize};
use memchr::memmem::{self, Finder};
use std::sync::LazyLock;

#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize, PartialOrd, Ord,
)]
#[serde(rename_all = "kebab-case")]
pub enum Section {
    Summary,
    Advice,
    Risk,
    Forecast,
    Analyst,
    Disclaimer,
    RatingScale,
    Body,
}

impl Section {
    pub const ALL: [Section; 8] = [
        Section::Summary,
        Section::Advice,
        Section::Risk,
        Section::Forecast,
        Section::Analyst,
        Section::Disclaimer,
        Section::RatingScale,
        Section::Body,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Section::Summary => "summary",
            Section::Advice => "advice",
            Section::Risk => "risk",
            Section::Forecast => "forecast",
            Section::Analyst => "analyst",
            Section::Disclaimer => "disclaimer",
            Section::RatingScale => "rating-scale",
            Section::Body => "body",
        }
    }

    /// Inverse of [`Section::name`], case-insensitive.
    pub fn parse(s: &str) -> Option<Section> {
        let s = s.trim();
        Section::ALL
            .into_iter()
            .find(|x| x.name().eq_ignore_ascii_case(s))
    }

    fn is_end_matter(self) -> bool {
        matches!(
            self,
            Section::Analyst | Section::Disclaimer | Section::RatingScale
        )
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Heading {
    /// Char offset in the normalized text.
    pub start: usize,
    /// Char offset, exclusive.
    pub end: usize,
    pub text: String,
    pub section: Section,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Analyst {
    pub name: String,
    pub sac: Option<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct ReportMeta {
    pub title: Option<String>,
    pub broker: Option<String>,
    pub analysts: Vec<Analyst>,
    /// `YYYY-MM-DD`.
    pub date: Option<String>,
    pub rating: Option<String>,
    /// `company` | `industry` | `strategy` | `macro`.
    pub report_type: Option<String>,
}

use Section::*;

/// Heading vocabulary.  Longer phrases win over their substrings (longest match at a position),
/// so qualified forms are listed explicitly.
pub const VOCAB: &[(&str, Section)] = &[
    // summary
    ("投资要点", Summary),
    ("核心观点概述", Summary),
    ("核心观点", Summary),
    ("行业核心观点", Summary),
    ("主要观点", Summary),
    ("一周主要观点", Summary),
    ("报告摘要", Summary),
    ("投资摘要", Summary),
    ("内容摘要", Summary),
    ("摘要", Summary),
    ("报告要点", Summary),
    ("要点总结", Summary),
    ("核心结论", Summary),
    ("报告导读", Summary),
    ("本期投资提示", Summary),
    ("投资提示", Summary),
    ("月度核心观点", Summary),
    ("周观点", Summary),
    // advice
    ("投资建议", Advice),
    ("投资建议与投资标的", Advice),
    ("投资建议与盈利预测", Advice),
    ("投资建议及盈利预测", Advice),
    ("盈利预测与投资建议", Advice),
    ("盈利预测及投资建议", Advice),
    ("盈利预测和投资评级", Advice),
    ("盈利预测与投资评级", Advice),
    ("盈利预测及投资评级", Advice),
    ("估值与投资建议", Advice),
    ("估值及投资建议", Advice),
    ("投资建议与估值", Advice),
    ("盈利预测、估值与评级", Advice),
    ("盈利预测、估值及评级", Advice),
    ("行业评级及投资策略", Advice),
    ("行业观点与投资建议", Advice),
    ("行业估值与投资策略", Advice),
    ("投资策略与推荐个股", Advice),
    ("投资策略及组合表现", Advice),
    ("投资策略", Advice),
    ("投资评级与估值", Advice),
    ("投资要点、评级及盈利预测", Advice),
    // risk
    ("风险提示", Risk),
    ("风险因素", Risk),
    ("主要风险", Risk),
    // forecast
    ("盈利预测", Forecast),
    ("盈利预测与估值", Forecast),
    ("盈利预测及估值", Forecast),
    ("盈利预测和估值", Forecast),
    ("估值与盈利预测", Forecast),
    ("估值及盈利预测", Forecast),
    ("盈利预测与财务指标", Forecast),
    ("财务数据和估值", Forecast),
    ("财务数据与估值", Forecast),
    ("财务数据及估值", Forecast),
    ("估值表", Forecast),
    ("财务预测", Forecast),
    ("财务预测表", Forecast),
    ("财务预测摘要", Forecast),
    ("行业估值分析", Forecast),
    ("医药行业估值分析", Forecast),
    ("估值", Forecast),
    ("附表:", Forecast),
    // analyst
    ("分析师简介", Analyst),
    ("分析师介绍", Analyst),
    ("分析师声明", Analyst),
    ("分析师申明", Analyst),
    ("分析师承诺", Analyst),
    ("分析师承诺及简介", Analyst),
    ("证券分析师承诺", Analyst),
    ("分析师与研究助理简介", Analyst),
    ("作者简介", Analyst),
    ("研究团队简介", Analyst),
    ("研究员简介", Analyst),
    ("研究员承诺", Analyst),
    ("团队介绍", Analyst),
    ("组介绍", Analyst),
    // disclaimer
    ("免责声明", Disclaimer),
    ("免责条款", Disclaimer),
    ("免责申明", Disclaimer),
    ("重要声明", Disclaimer),
    ("法律声明", Disclaimer),
    ("特别声明", Disclaimer),
    ("一般声明", Disclaimer),
    ("郑重声明", Disclaimer),
    ("公司声明", Disclaimer),
    ("重要声明及风险提示", Disclaimer),
    ("公司声明及风险提示", Disclaimer),
    ("法律声明及风险提示", Disclaimer),
    ("风险提示及法律声明", Disclaimer),
    ("使用本研究报告的风险提示及法律声明", Disclaimer),
    // rating-scale
    ("投资评级说明", RatingScale),
    ("投资评级的说明", RatingScale),
    ("公司投资评级的说明", RatingScale),
    ("股票投资评级说明", RatingScale),
    ("股票投资评级", RatingScale),
    ("行业投资评级", RatingScale),
    ("投资评级标准", RatingScale),
    ("投资评级体系", RatingScale),
    ("投资评级体系与评级定义", RatingScale),
    ("投资评级和相关定义", RatingScale),
    ("投资评级声明", RatingScale),
    ("投资建议的评级标准", RatingScale),
    ("股票评级标准", RatingScale),
    ("评级说明", RatingScale),
    ("评级标准", RatingScale),
    ("评级体系", RatingScale),
    ("评级定义", RatingScale),
    ("行业评级体系", RatingScale),
    ("公司评级体系", RatingScale),
    ("行业及公司评级体系", RatingScale),
    ("行业公司投资评级体系", RatingScale),
    ("行业公司评级", RatingScale),
    // body starts
    ("目录", Body),
    ("内容目录", Body),
    ("正文目录", Body),
    ("报告正文", Body),
];

/// Bullets, geometric shapes, dingbats and private-use glyphs that PDF extraction leaves in front
/// of list items and headings.
fn is_bullet(c: char) -> bool {
    matches!(c as u32,
        0x2022 | 0x2023 | 0x2043 | 0x00B7 | 0x25A0..=0x25FF | 0x2600..=0x27BF | 0x2B00..=0x2BFF
        | 0xE000..=0xF8FF | 0x2190..=0x21FF)
}

fn prev_char(s: &str, i: usize) -> Option<char> {
    s.get(..i).and_then(|p| p.chars().next_back())
}

fn next_char(s: &str, i: usize) -> Option<char> {
    s.get(i..).and_then(|p| p.chars().next())
}

/// Up to `n` chars before byte `i`.
fn left_window(s: &str, i: usize, n: usize) -> &str {
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

/// Up to `n` chars from byte `i`. Characters are counted by their first
/// bytes, without decoding them: the windows of the metadata extractors
/// run to thousands of characters per report.
fn right_window(s: &str, i: usize, n: usize) -> &str {
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

/// Chinese characters that, right before a section word, show it is part of a sentence.
const LEFT_PARTICLES: &str =
    "的之及和与或在见读阅请后本该此等为是对从于将其并有即含附照按据经向由把被以无若如";
/// Characters that, right after a section word, show it is part of a sentence.
const RIGHT_PARTICLES: &str = "的之中部条。,、等是及和与或对为后内页请见\"”》』」也";

/// Left text endings after which a Han-preceded heading is still a heading (end of a source line,
/// a research-institute signature, a date, a page header).
const BLOCK_ENDERS: &[&str] = &[
    "研究所",
    "研究院",
    "中心",
    "研究部",
    "发展部",
    "评级",
    "部分",
    "整理",
    "预测",
    "维持",
    "首次",
    "研究报告",
    "调高",
    "调低",
    "上调",
    "下调",
];

fn ends_with_date(left: &str) -> bool {
    let mut it = left.chars().rev();
    it.next() == Some('日') && it.next().is_some_and(|c| c.is_ascii_digit())
}

/// Is the text right before a heading word the unfinished reference of a running page header
/// (`请务必阅读正文之后的` + 免责声明)?  Once the header's own section word or a sentence end
/// follows the 阅读/参见, what comes next is a new heading.
fn in_page_header(left: &str) -> bool {
    let Some(p) = ["阅读", "参阅", "参见", "详见"]
        .iter()
        .filter_map(|w| left.rfind(w).map(|p| p + w.len()))
        .max()
    else {
        return false;
    };
    let after = &left[p..];
    // The header is over once the thing it points to has been named and something else follows
    // (`…免责条款` + `环保评级…`), but not while it goes on (`…最后部分的重要法律声明`,
    // `…重要声明及评级标准`); or once a sentence end or page number follows.
    let named = ["声明", "条款", "说明", "申明", "标准", "部分"]
        .iter()
        .any(|w| {
            after.match_indices(w).any(|(q, _)| {
                next_char(after, q + w.len()).is_none_or(|c| !LEFT_PARTICLES.contains(c))
            })
        });
    let complete = named || after.contains('。') || after.chars().any(|c| c.is_ascii_digit());
    !complete
}

fn left_ok(s: &str, start: usize, strong_right: bool) -> bool {
    let Some(c) = prev_char(s, start) else {
        return true;
    };
    let left = left_window(s, start, 14);
    if in_page_header(left_window(s, start, 24)) {
        return false;
    }
    // Running page headers: "请务必阅读正文之后的免责声明" / "敬请参阅最后一页特别声明".
    if in_page_header(left) {
        return false;
    }
    if is_han(c) {
        if LEFT_PARTICLES.contains(c) {
            return false;
        }
        if BLOCK_ENDERS.iter().any(|e| left.ends_with(e))
            || ends_with_date(left)
            || ends_with_broker(left)
        {
            return true;
        }
        // End of a title line (`…深度报告` / `…一季报点评`), but not `本报告…`.
        if (left.ends_with("报告") || left.ends_with("点评"))
            && !["本报告", "该报告", "此报告", "的报告", "本点评"]
                .iter()
                .any(|w| left.ends_with(w))
        {
            return true;
        }
        return strong_right;
    }
    // Punctuation that belongs inside a sentence.
    !matches!(
        c,
        ',' | '“' | '"' | '‘' | '(' | '《' | '「' | '/' | '-' | '—' | '+' | '&'
    ) || matches!(c, '/' | '-')
        && left
            .chars()
            .rev()
            .nth(1)
            .is_some_and(|d| d.is_ascii_digit())
}

/// Is the heading followed by a strong cue (colon, bullet, marker, list start, a sentence that
/// opens with 我们, the year columns of a table)?
fn right_strong(s: &str, end: usize) -> bool {
    let r = right_window(s, end, 6);
    if r.starts_with("我们") || starts_with_year_columns(r) {
        return true;
    }
    // A heading word with a short complement and a colon: `估值复盘:成长溢价仍将延续`; not
    // `估值如下:` (a sentence) or `估值日期:2020…` (a field).
    let han = r.chars().take_while(|c| is_han(*c)).count();
    if (1..=3).contains(&han) && r.chars().nth(han) == Some(':') {
        let value = right_window(s, end, han + 2).chars().nth(han + 1);
        let sentence = r.chars().next().is_some_and(|c| "如为是见在有".contains(c));
        if !sentence && value.is_none_or(|c| !c.is_ascii_digit()) {
            return true;
        }
    }
    let mut it = r.chars();
    match it.next() {
        Some(':' | '[' | '【' | '|' | '>') => true,
        Some(c) if is_bullet(c) => true,
        Some(c) if c.is_ascii_digit() => matches!(it.next(), Some(')' | '、' | '.')),
        _ => false,
    }
}

/// `2018 2019 2020e` / `201820192020e`: the header row of a forecast table, which follows its
/// title directly.  A year used in a sentence is followed by `年` or other text instead.
fn starts_with_year_columns(r: &str) -> bool {
    let b = r.as_bytes();
    b.len() >= 5
        && matches!(&b[..2], b"19" | b"20")
        && b[2..4].iter().all(u8::is_ascii_digit)
        && (b[4].is_ascii_digit() || matches!(b[4], b'a' | b'e' | b' '))
}

/// Does `left` end with a broker's name (`招商证券`), as a source line (`资料来源:wind,招商证券`)
/// or a signature does?
fn ends_with_broker(left: &str) -> bool {
    left.strip_suffix("证券")
        .is_some_and(|h| BROKERS.iter().any(|(k, _)| h.ends_with(k)))
}

/// Does the text at `i` start with a broker's name (`中原证券…`)?
fn starts_with_broker(s: &str, i: usize) -> bool {
    let r = right_window(s, i, 10);
    BROKERS
        .iter()
        .any(|(k, _)| r.strip_prefix(k).is_some_and(|t| t.starts_with("证券")))
        || BRANDS.iter().any(|(k, _)| r.starts_with(k))
}

/// Is the text after a heading word that of a sentence (or a table-of-contents entry)?
/// `joined`: a connector (`与`, `及`) may follow, as in a numbered `3估值与情绪`.
fn right_reject(s: &str, start: usize, end: usize, joined: bool) -> bool {
    let r = right_window(s, end, 90);
    if let Some(c) = r.chars().next() {
        let connector = joined && "与及和、".contains(c);
        // A heading that is a sentence of its own (`。医药行业估值分析。`).
        let alone = c == '。' && prev_char(s, start).is_some() && at_block_start(s, start);
        // `重要声明中原证券股份有限公司…`: the particle is the start of a broker's name.
        let broker = c == '中' && starts_with_broker(s, end);
        if RIGHT_PARTICLES.contains(c) && !alone && !broker && !connector {
            return true;
        }
        // `分析师承诺不曾因…`, `声明不…`: a statement verb with its object is a sentence.
        let head = &s[start..end];
        if ["承诺", "声明", "申明"].iter().any(|w| head.ends_with(w)) && "不未没".contains(c)
        {
            return true;
        }
    }
    // Table-of-contents entry: dot leaders after the rest of the entry's title, before the next
    // sentence end (a page header's `目录` right after a heading starts a new block).
    let r = right_window(r, 0, 45);
    let stop = [r.find('。'), r.find("目录")]
        .into_iter()
        .flatten()
        .min()
        .unwrap_or(r.len());
    let r = &r[..stop];
    r.contains("...") || r.contains('…') || r.contains("··") || r.contains("．．")
}

/// Figure/table captions such as `表9:重点公司盈利预测及估值` or `图表38:…`.
fn is_caption(s: &str, start: usize) -> bool {
    let left = left_window(s, start, 30);
    let Some(colon) = left.rfind(':') else {
        return false;
    };
    let before = &left[..colon];
    let tail: String = before
        .chars()
        .rev()
        .take(6)
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    let t = tail.trim_end_matches(|c: char| c.is_ascii_digit() || c == '-' || c == '.');
    (t.ends_with('表') || t.ends_with('图')) && !t.ends_with("附表") && tail != t
        || left[colon..].chars().count() < 25
            && (t.ends_with("图表") || t.ends_with('表') && tail != t)
}

struct Vocab {
    /// (first char, phrase, section), sorted by first char then by phrase length descending.
    entries: Vec<(char, String, Section)>,
    /// Bit set over the BMP of characters that can start something of interest; lets the scan skip
    /// almost every character with one lookup.
    interesting: Vec<u64>,
    /// Bit set, by [`pair_bit`], of the first two characters of the entries: most interesting
    /// characters (`公`, `投`, `风`) are followed by something no entry continues with.
    pairs: Vec<u64>,
}

/// Bit of a character pair in [`Vocab::pairs`]; a collision only costs a lookup.
fn pair_bit(a: char, b: char) -> usize {
    ((a as usize).wrapping_mul(0x9E37) ^ b as usize) & 0xFFFF
}

impl Vocab {
    /// The shared vocabulary, built once.
    fn get() -> &'static Vocab {
        static VOCAB_CELL: std::sync::OnceLock<Vocab> = std::sync::OnceLock::new();
        VOCAB_CELL.get_or_init(Vocab::new)
    }

    fn new() -> Vocab {
        // Broker-branded summaries: `国元观点`, `华泰观点`.
        let branded = BROKERS.iter().map(|(k, _)| (format!("{k}观点"), Summary));
        let mut entries: Vec<(char, String, Section)> = VOCAB
            .iter()
            .map(|&(p, s)| (p.to_string(), s))
            .chain(branded)
            .filter_map(|(p, s)| p.chars().next().map(|c| (c, p, s)))
            .collect();
        entries.sort_by(|a, b| a.0.cmp(&b.0).then(b.1.len().cmp(&a.1.len())));
        let mut interesting = vec![0u64; 1024];
        let firsts = entries
            .iter()
            .map(|e| e.0)
            .chain("[一二三四五六七八九十".chars());
        for c in firsts {
            let u = c as u32;
            if u < 0x10000 {
                interesting[(u >> 6) as usize] |= 1 << (u & 63);
            }
        }
        let mut pairs = vec![0u64; 1024];
        for (c, phrase, _) in &entries {
            // An entry of one character continues with anything.
            let seconds: Vec<char> = match phrase.chars().nth(1) {
                Some(d) => vec![d],
                None => (0..0x1_0000u32).filter_map(char::from_u32).collect(),
            };
            for d in seconds {
                let bit = pair_bit(*c, d);
                pairs[bit >> 6] |= 1 << (bit & 63);
            }
        }
        Vocab {
            entries,
            interesting,
            pairs,
        }
    }

    fn is_interesting(&self, c: char) -> bool {
        let u = c as u32;
        u < 0x10000 && self.interesting[(u >> 6) as usize] & (1 << (u & 63)) != 0
    }

    fn longest_at(&'static self, s: &str, i: usize, c: char) -> Option<(&'static str, Section)> {
        let rest = s.get(i..)?;
        if let Some(d) = rest.get(c.len_utf8()..).and_then(|r| r.chars().next()) {
            let bit = pair_bit(c, d);
            if self.pairs[bit >> 6] & (1 << (bit & 63)) == 0 {
                return None;
            }
        }
        let lo = self.entries.partition_point(|e| e.0 < c);
        self.entries[lo..]
            .iter()
            .take_while(|e| e.0 == c)
            .find(|e| rest.starts_with(e.1.as_str()))
            .map(|e| (e.1.as_str(), e.2))
    }
}

/// Raw heading with byte offsets.
struct Raw {
    start: usize,
    end: usize,
    section: Section,
}

fn chinese_numeral(c: char) -> bool {
    matches!(
        c,
        '一' | '二' | '三' | '四' | '五' | '六' | '七' | '八' | '九' | '十'
    )
}

/// Chapter numbering directly before byte `i` (`1.`, `2、`, `一、`, `(三)`, `4.2`), if any:
/// returns the byte start of the numbering.
fn numbering_before(s: &str, i: usize) -> Option<usize> {
    if !prev_char(s, i).is_some_and(ends_numbering) {
        return None;
    }
    let left = left_window(s, i, 8);
    let base = i - left.len();
    let chars: Vec<(usize, char)> = left.char_indices().collect();
    let n = chars.len();
    if n == 0 {
        return None;
    }
    let last = chars[n - 1].1;
    if matches!(last, '、' | '.' | ')') {
        let mut k = n - 1;
        while k > 0
            && (chars[k - 1].1.is_ascii_digit()
                || chinese_numeral(chars[k - 1].1)
                || chars[k - 1].1 == '.')
        {
            k -= 1;
        }
        if k < n - 1 {
            if k > 0 && chars[k - 1].1 == '(' {
                k -= 1;
            }
            return Some(base + chars[k].0);
        }
    }
    if last.is_ascii_digit() {
        let mut k = n - 1;
        while k > 0 && chars[k - 1].1.is_ascii_digit() {
            k -= 1;
        }
        return Some(base + chars[k].0);
    }
    None
}

/// Chapter numbering right before byte `i` that starts a heading: `3.`, `3、`, `四、`, `(三)`,
/// `3.2`, or one or two bare digits after a non-Han character (`…出清。4重点公司盈利预测`).  A
/// `1)` list item is not a chapter.
fn chapter_numbering_before(s: &str, i: usize) -> Option<usize> {
    let p = numbering_before(s, i)?;
    let num = s.get(p..i)?;
    let last = num.chars().next_back()?;
    // Chapter numbers are short; `(300750)` is a stock code.
    let digits = num.chars().filter(char::is_ascii_digit).count();
    if digits > 3 {
        return None;
    }
    if last == ')' {
        return (num.starts_with('(') && digits <= 2).then_some(p);
    }
    if matches!(last, '.' | '、') || num.contains('.') {
        return Some(p);
    }
    (num.len() <= 2 && at_block_start(s, p)).then_some(p)
}

/// Does a block (a line of the source) plausibly start at byte `p`: at the start, after a
/// sentence end, a layout marker or a bullet?  Commas, dots and digits continue a sentence or a
/// table row.
fn at_block_start(s: &str, p: usize) -> bool {
    prev_char(s, p).is_none_or(|c| "。!?;]】|#> ".contains(c) || is_bullet(c))
}

/// Last words of a qualifier that names what a forecast or advice heading is about
/// (`重点公司盈利预测`, `上市公司估值`, `重点银行估值表`, `相关标的估值`).
const QUALIFIER_ENDS: &[&str] = &["公司", "个股", "标的", "银行", "企业", "券商"];

/// Words that make a run of characters a sentence rather than a qualifier.
const SENTENCE_WORDS: &[&str] = &[
    "我们", "认为", "预计", "建议", "关注", "推荐", "维持", "给予",
];

/// Start of a lead-in that makes the heading word at byte `i` a heading whatever precedes it:
/// chapter numbering (`3.2估值`), numbering and a few words (`3、盈利与估值`, `4重点公司盈利预测`),
/// or a qualifier at a block boundary (`。重点公司盈利预测及估值`, `##重点银行估值表`).  Returns the
/// byte where the heading starts and whether it is numbered.
fn lead_in(s: &str, i: usize) -> Option<(usize, bool)> {
    let prev = prev_char(s, i)?;
    if ends_numbering(prev) && chapter_numbering_before(s, i).is_some() {
        return Some((i, true));
    }
    if !is_han(prev) {
        return None;
    }
    let left = left_window(s, i, 13);
    let k = left
        .char_indices()
        .rev()
        .take_while(|(_, c)| is_han(*c) || c.is_ascii_alphanumeric())
        .last()
        .map(|(k, _)| k)?;
    let run = &left[k..];
    let p = i - run.len();
    let n = run.chars().count();
    // Numbering, then a few words: the words may be anything short.
    let han_run = run.trim_start_matches(|c: char| c.is_ascii_alphanumeric());
    if (1..=6).contains(&han_run.chars().count())
        && han_run.chars().all(is_han)
        // A few words, joined at most by `与` / `及` / `和` (`3、盈利与估值`, not `5.结语从估值`).
        && han_run.chars().next().is_some_and(|c| !LEFT_PARTICLES.contains(c))
        && !han_run
            .chars()
            .any(|c| LEFT_PARTICLES.contains(c) && !"与及和".contains(c))
        && prev_char(s, i - han_run.len()).is_some_and(ends_numbering)
        && chapter_numbering_before(s, i - han_run.len()).is_some()
    {
        return Some((i - han_run.len(), true));
    }
    if !QUALIFIER_ENDS.iter().any(|e| left.ends_with(e)) {
        return None;
    }
    // A qualifier after a block boundary; inside a longer run, after a line ending such as a
    // page header (`…证券研究报告`) or a date.
    let qualifier = |q: usize| {
        let run = &s[q..i];
        let n = run.chars().count();
        if !(4..=12).contains(&n) || !QUALIFIER_ENDS.iter().any(|e| run.ends_with(e)) {
            return false;
        }
        let core = run.replace("标的", "");
        !core.chars().any(|c| LEFT_PARTICLES.contains(c))
            && !SENTENCE_WORDS.iter().any(|w| core.contains(w))
    };
    if n <= 12 && qualifier(p) {
        if chapter_numbering_before(s, p).is_some() {
            return Some((p, true));
        }
        if at_block_start(s, p) {
            return Some((p, false));
        }
    }
    let wide = left_window(s, i, 20);
    let base = i - wide.len();
    wide.char_indices()
        .map(|(k, _)| base + k)
        .filter(|&q| q >= p)
        .find(|&q| {
            let l = left_window(s, q, 8);
            (BLOCK_ENDERS.iter().any(|e| l.ends_with(e)) || ends_with_date(l)) && qualifier(q)
        })
        .map(|q| (q, false))
}

/// Can numbering end with `c` (`3`, `3.`, `三、`, `(三)`)?
fn ends_numbering(c: char) -> bool {
    c.is_ascii_digit() || matches!(c, '.' | '、' | ')')
}

/// Is there a figure or table label (`表格2.`, `图3:`) right before byte `p`?
fn caption_label_before(s: &str, p: usize) -> bool {
    let l = left_window(s, p, 8);
    let t = l.trim_end_matches(|c: char| c.is_ascii_digit() || ".:、- ".contains(c));
    t.len() < l.len()
        && (t.ends_with('表') || t.ends_with('图') || t.ends_with("表格"))
        && !t.ends_with("附表")
}

/// Section headings in order of position.  A passage starting at char offset `p` belongs to the
/// section of the last heading with `start <= p` ([`Section::Body`] before the first heading).
pub fn detect_headings(normalized: &str) -> Vec<Heading> {
    let s = normalized;
    let vocab = Vocab::get();
    let len = s.len();
    let mut raw: Vec<Raw> = Vec::new();
    let mut skip_until = 0usize;
    for (i, c) in s.char_indices() {
        if i < skip_until || !vocab.is_interesting(c) {
            continue;
        }
        if c == '[' {
            // `[table_xxx]` layout markers separate cover blocks; the summary marker is left to the
            // summary word that follows it.
            let r = right_window(s, i, 40);
            if r.starts_with("[table_") && !r.starts_with("[table_summary") {
                if let Some(close) = r.find(']') {
                    raw.push(Raw {
                        start: i,
                        end: i + close + 1,
                        section: Body,
                    });
                    skip_until = i + close + 1;
                }
            }
            continue;
        }
        if chinese_numeral(c) {
            // `一、` chapter headings start body stretches.
            let r = right_window(s, i, 4);
            let mut it = r.chars();
            it.next();
            let mut d = it.next();
            if d.is_some_and(chinese_numeral) {
                d = it.next();
            }
            if d == Some('、') && it.next().is_some_and(is_han) {
                let p = prev_char(s, i);
                if p.is_none_or(|p| !is_han(p) || "。:".contains(p)) {
                    raw.push(Raw {
                        start: i,
                        end: i + c.len_utf8(),
                        section: Body,
                    });
                }
            }
        }
        let Some((phrase, section)) = vocab.longest_at(s, i, c) else {
            continue;
        };
        let mut start = i;
        let mut end = i + phrase.len();
        // Compound headings: `X与Y`, `X及Y`, `X和Y`.
        if let Some(conn) = next_char(s, end) {
            if "与及和、".contains(conn) {
                let j = end + conn.len_utf8();
                if let Some(c2) = next_char(s, j) {
                    if let Some((p2, s2)) = vocab.longest_at(s, j, c2) {
                        if s2 != Body {
                            end = j + p2.len();
                        }
                    }
                }
            }
        }
        let text = &s[start..end];
        let section = classify(text, section);
        // Broker prefix: `华西证券免责声明`, `西南证券投资评级说明`.
        if section.is_end_matter() {
            if let Some(b) = broker_suffix_before(s, start) {
                start = b;
            }
        }
        if section == Forecast && phrase == "附表:" {
            // `附表:重点公司盈利预测` — an appendix table of forecasts.
            let r = right_window(s, end, 16);
            match ["盈利预测", "财务预测", "估值", "预测", "指标"]
                .iter()
                .filter_map(|k| r.rfind(k).map(|p| p + k.len()))
                .max()
            {
                Some(p) => end += p,
                None => continue,
            }
        }
        let strong_right = right_strong(s, end);
        let numbered = numbering_before(s, start);
        let lead = if section == Body || section.is_end_matter() {
            None
        } else {
            lead_in(s, start)
        };
        let ok = if section == Body {
            (phrase.contains("目录") || phrase == "报告正文")
                && !right_reject(s, start, end, false)
                && prev_char(s, start)
                    .is_none_or(|p| !is_han(p) || phrase != "目录" || left_ok(s, start, false))
        } else {
            let bare_weak = matches!(phrase, "估值" | "摘要" | "投资策略" | "投资提示" | "周观点");
            let late = (start as f64) >= 0.4 * len as f64;
            // End matter (statements, rating definitions) is a run of blocks: a heading word right
            // after another heading or after any non-particle character there starts a block.
            let adjacent = raw
                .last()
                .is_some_and(|r| r.section != Body && start.saturating_sub(r.end) <= 3);
            let end_matter_left = section.is_end_matter()
                && late
                && prev_char(s, start).is_some_and(|p| is_han(p) && !LEFT_PARTICLES.contains(p))
                && !in_page_header(left_window(s, start, 24));
            // Summary headings glued to the cover title (`…持续兑现投资要点国内…`).
            let cover_summary = section == Summary
                && !bare_weak
                && start < 6000
                && start * 5 < len
                && prev_char(s, start).is_some_and(|p| !LEFT_PARTICLES.contains(p))
                && !in_page_header(left_window(s, start, 24));
            let left = numbered.is_some()
                || lead.is_some()
                || phrase == "附表:"
                || adjacent
                || end_matter_left
                || cover_summary
                || left_ok(s, start, strong_right);
            // A numbered heading may join words that are not in the vocabulary
            // (`3估值与情绪`, `投资建议及重点公司`).
            let joined = numbered.is_some() || lead.is_some_and(|l| l.1);
            // `1)估值过高的风险`: a risk item, not a valuation heading.
            let risk_item = section == Forecast && right_window(s, end, 8).contains("风险");
            let mut ok =
                left && !right_reject(s, start, end, joined) && !is_caption(s, start) && !risk_item;
            if lead.is_some_and(|(p, _)| caption_label_before(s, p)) {
                ok = false;
            }
            // Weak words need numbering in front (`3.2估值`, `3.上市公司估值`), not just a
            // qualifier (`❑连锁医疗标的估值`).
            if bare_weak && end == i + phrase.len() && !lead.is_some_and(|l| l.1) {
                let prev = prev_char(s, start);
                ok &= strong_right && prev.is_none_or(|p| !is_han(p))
                    || phrase == "摘要"
                        && prev.is_none_or(|p| p == ']' || p == '】' || is_bullet(p));
            }
            if section.is_end_matter() && !late {
                ok = false;
            }
            ok
        };
        if !ok {
            continue;
        }
        if let Some((p, _)) = lead {
            start = start.min(p);
        }
        raw.push(Raw {
            start,
            end,
            section,
        });
        skip_until = end;
    }
    postprocess(s, raw)
}

fn classify(text: &str, base: Section) -> Section {
    if base == Body || base == RatingScale {
        return base;
    }
    if text.contains("声明") || text.contains("免责") {
        if text.starts_with("分析师") || text.starts_with("证券分析师") {
            return Analyst;
        }
        return Disclaimer;
    }
    if text.contains("投资建议") || text.contains("投资策略") || text.contains("评级") {
        return Advice;
    }
    base
}

/// Byte start of a `XX证券` broker name ending at byte `i`, if any.
fn broker_suffix_before(s: &str, i: usize) -> Option<usize> {
    let left = left_window(s, i, 8);
    if !left.ends_with("证券") {
        return None;
    }
    let head = &left[..left.len() - "证券".len()];
    BROKERS
        .iter()
        .filter(|(k, _)| head.ends_with(k))
        .max_by_key(|(k, _)| k.len())
        .map(|(k, _)| i - "证券".len() - k.len())
}

fn postprocess(s: &str, mut raw: Vec<Raw>) -> Vec<Heading> {
    raw.sort_by_key(|r| r.start);
    let mut kept: Vec<Raw> = Vec::with_capacity(raw.len());
    for r in raw {
        if let Some(last) = kept.last() {
            if r.start < last.end {
                continue;
            }
            // A rating-definition block repeats 行业评级 / 公司评级 sub-headings.
            if r.section == RatingScale
                && kept
                    .iter()
                    .rev()
                    .find(|k| k.section != Body)
                    .is_some_and(|k| k.section == RatingScale && r.start - k.end < 1800)
            {
                continue;
            }
        }
        // `分析师承诺…分析师承诺不曾因…`: the same end-matter phrase again shortly after is a
        // sentence inside the block.
        if r.section.is_end_matter()
            && kept
                .iter()
                .rev()
                .find(|k| k.section != Body)
                .is_some_and(|k| {
                    k.section == r.section
                        && s[k.start..k.end] == s[r.start..r.end]
                        && r.start - k.end < 1800
                })
        {
            continue;
        }
        // `投资要点:❖月度核心观点`: a heading right after one of the same type is part of it.
        if let Some(last) = kept.last() {
            if last.section == r.section && r.section != Body && r.start - last.end <= 3 {
                continue;
            }
        }
        // A body marker immediately followed by a real heading adds nothing.
        if let Some(last) = kept.last() {
            if last.section == Body && r.section != Body && r.start - last.end <= 12 {
                kept.pop();
            }
        }
        kept.push(r);
    }
    // Byte → char offsets in one pass.
    let mut out = Vec::with_capacity(kept.len());
    let mut chars = 0usize;
    let mut pos = 0usize;
    for r in kept {
        chars += s[pos..r.start].chars().count();
        let start = chars;
        let n = s[r.start..r.end].chars().count();
        chars += n;
        pos = r.end;
        out.push(Heading {
            start,
            end: start + n,
            text: s[r.start..r.end].to_string(),
            section: r.section,
        });
    }
    out
}

// ---------------------------------------------------------------------------------------------
// Metadata
// ---------------------------------------------------------------------------------------------

/// Broker names as they appear before `证券` (or as brand names), and the short form returned.
const BROKERS: &[(&str, &str)] = &[
    ("中信建投", "中信建投证券"),
    ("中信", "中信证券"),
    ("国泰君安", "国泰君安证券"),
    ("海通", "海通证券"),
    ("华泰", "华泰证券"),
    ("广发", "广发证券"),
    ("招商", "招商证券"),
    ("申万宏源", "申万宏源证券"),
    ("申银万国", "申万宏源证券"),
    ("中国银河", "中国银河证券"),
    ("银河", "中国银河证券"),
    ("国信", "国信证券"),
    ("东方财富", "东方财富证券"),
    ("东方", "东方证券"),
    ("光大", "光大证券"),
    ("兴业", "兴业证券"),
    ("安信", "安信证券"),
    ("长江", "长江证券"),
    ("方正", "方正证券"),
    ("国金", "国金证券"),
    ("平安", "平安证券"),
    ("东吴", "东吴证券"),
    ("天风", "天风证券"),
    ("华创", "华创证券"),
    ("西南", "西南证券"),
    ("国元", "国元证券"),
    ("浙商", "浙商证券"),
    ("中泰", "中泰证券"),
    ("华安", "华安证券"),
    ("民生", "民生证券"),
    ("中原", "中原证券"),
    ("东北", "东北证券"),
    ("川财", "川财证券"),
    ("开源", "开源证券"),
    ("太平洋", "太平洋证券"),
    ("长城国瑞", "长城国瑞证券"),
    ("长城", "长城证券"),
    ("华西", "华西证券"),
    ("首创", "首创证券"),
    ("华金", "华金证券"),
    ("渤海", "渤海证券"),
    ("万联", "万联证券"),
    ("新时代", "新时代证券"),
    ("国海", "国海证券"),
    ("粤开", "粤开证券"),
    ("上海", "上海证券"),
    ("华菁", "华菁证券"),
    ("国联", "国联证券"),
    ("信达", "信达证券"),
    ("东兴", "东兴证券"),
    ("华鑫", "华鑫证券"),
    ("德邦", "德邦证券"),
    ("财通", "财通证券"),
    ("国盛", "国盛证券"),
    ("中银国际", "中银证券"),
    ("中银", "中银证券"),
    ("中航", "中航证券"),
    ("中邮", "中邮证券"),
    ("九州", "九州证券"),
    ("联讯", "联讯证券"),
    ("财富", "财富证券"),
    ("东莞", "东莞证券"),
    ("山西", "山西证券"),
    ("国开", "国开证券"),
    ("齐鲁", "齐鲁证券"),
    ("西部", "西部证券"),
    ("华宝", "华宝证券"),
    ("财信", "财信证券"),
    ("湘财", "湘财证券"),
    ("华龙", "华龙证券"),
    ("东海", "东海证券"),
    ("国都", "国都证券"),
    ("万和", "万和证券"),
    ("五矿", "五矿证券"),
    ("恒泰", "恒泰证券"),
    ("华福", "华福证券"),
    ("世纪", "世纪证券"),
    ("第一创业", "第一创业证券"),
    ("红塔", "红塔证券"),
    ("英大", "英大证券"),
    ("江海", "江海证券"),
    ("华林", "华林证券"),
    ("爱建", "爱建证券"),
    ("中山", "中山证券"),
    ("金元", "金元证券"),
    ("国融", "国融证券"),
    ("南京", "南京证券"),
    ("北京高华", "高华证券"),
    ("甬兴", "甬兴证券"),
    ("华源", "华源证券"),
    ("野村东方国际", "野村东方国际证券"),
    ("中金", "中金公司"),
    ("广州", "广州证券"),
    ("兴证国际", "兴证国际证券"),
];

/// Brand names used without `证券`.
const BRANDS: &[(&str, &str)] = &[
    ("广证恒生", "广证恒生"),
    ("中金公司", "中金公司"),
    ("申银万国", "申万宏源证券"),
];

/// Byte offsets of the non-overlapping occurrences of `finder`'s needle in
/// `hay`: `match_indices` with a SIMD search, for scans over a whole report.
/// Finders are built once: building one costs more than searching a news item.
fn occurrences<'h>(hay: &'h str, finder: &'h Finder<'static>) -> memmem::FindIter<'h, 'h> {
    finder.find_iter(hay.as_bytes())
}

static SECURITIES: LazyLock<Finder<'static>> = LazyLock::new(|| Finder::new("证券"));
static BRAND_FINDERS: LazyLock<Vec<Finder<'static>>> =
    LazyLock::new(|| BRANDS.iter().map(|(b, _)| Finder::new(b)).collect());

fn extract_broker(s: &str) -> Option<String> {
    let mut scores: Vec<(usize, usize, &str)> = Vec::new(); // (score, first pos, short)
    let mut add = |short: &'static str, w: usize, pos: usize| {
        if let Some(e) = scores.iter_mut().find(|e| e.2 == short) {
            e.0 += w;
        } else {
            scores.push((w, pos, short));
        }
    };
    for pos in occurrences(s, &SECURITIES) {
        let after = right_window(s, pos + "证券".len(), 8);
        let w = if after.starts_with("股份有限公司")
            || after.starts_with("有限责任公司")
            || after.starts_with("有限公司")
        {
            3
        } else if after.starts_with("研究") {
            2
        } else if [
            "交易所",
            "报",
            "市场",
            "业",
            "投资",
            "期货",
            "时报",
            "日报",
            "法",
            "公司法",
            "账户",
            "化",
            "行业",
            "板块",
            "从业",
            "监",
        ]
        .iter()
        .any(|x| after.starts_with(x))
        {
            0
        } else {
            1
        };
        if w == 0 {
            continue;
        }
        let left = left_window(s, pos, 6);
        if let Some((_, short)) = BROKERS
            .iter()
            .filter(|(k, _)| left.ends_with(k))
            .max_by_key(|(k, _)| k.len())
        {
            // `中国证券报`, `北京证券` style mentions of the market itself are not brokers.
            add(short, w, pos);
        }
    }
    for ((_, short), finder) in BRANDS.iter().zip(BRAND_FINDERS.iter()) {
        let mut found = occurrences(s, finder);
        if let Some(p) = found.next() {
            let n = 1 + found.count();
            add(short, 2 * n, p);
        }
    }
    scores.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    scores.first().filter(|e| e.0 >= 2).map(|e| e.2.to_string())
}

/// Common Chinese surnames (single and compound) used to tell a name from a label word.
const SURNAMES: &str = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂全佟应臧闵苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池查麻苑迟邝官封谈匡鞠惠荆乐冀郁胥南班储原栗燕楚鄢劳谌奚皮粟冼蔺楼盘满闻位厉伊仝区郜海阚花权强帅屠豆朴盖练廉禹井祖漆巴丰支卿国狄平计索宣晋相初门云容敬来扈晁芮都普阙浦戈伏鹿薄邸雍辜羊阿乌母裘亓修邰赫杭况那宿鲜印逯隆茹诸战慕危玉银亢嵇公哈湛宾戎勾茅利於呼居揭干但尉冶斯元束檀衣信展阴昝智幸奉植衡富尧闭由蒯";
const COMPOUND_SURNAMES: &[&str] = &[
    "欧阳", "司马", "诸葛", "上官", "东方", "皇甫", "令狐", "慕容", "司徒", "夏侯", "尉迟", "长孙",
    "宇文", "公孙", "端木",
];

/// Words that follow or precede a name in author blocks and are never part of it.
const NAME_STOPS: &[&str] = &[
    "执业",
    "证书",
    "登记",
    "投资咨询",
    "电话",
    "邮箱",
    "联系人",
    "联系",
    "分析师",
    "研究员",
    "研究助理",
    "首席",
    "副首席",
    "资深",
    "高级",
    "助理",
    "sac",
    "tel",
    "email",
    "邮件",
    "手机",
    "办公",
    "证券",
    "执证",
    "博士",
    "硕士",
    "作者",
    "报告",
    "编号",
    "编码",
    "研究所",
    "研究院",
    "团队",
    "组长",
];

/// Two-character words that look like names after a surname filter but are not.
const NOT_NAMES: &[&str] = &[
    "申明", "声明", "信息", "简介", "承诺", "介绍", "团队", "联系", "电话", "邮箱", "研究", "行业",
    "公司", "证券", "报告", "首席", "助理", "宏观", "策略", "医药", "电子", "姓名", "未经", "任何",
    "本人", "该等",
];

fn surname_ok(name: &str) -> bool {
    COMPOUND_SURNAMES.iter().any(|c| name.starts_with(c))
        || name.chars().next().is_some_and(|c| SURNAMES.contains(c))
}

fn plausible_name(name: &str, strict: bool) -> bool {
    let n = name.chars().count();
    // `申明之` (`分析师申明之后…`): a label word followed by a character is no name either.
    if !(2..=4).contains(&n)
        || !name.chars().all(is_han)
        || NOT_NAMES.iter().any(|w| name.starts_with(w))
    {
        return false;
    }
    if NAME_STOPS.iter().any(|w| name.contains(w)) {
        return false;
    }
    if n == 4 {
        return COMPOUND_SURNAMES.iter().any(|c| name.starts_with(c));
    }
    !strict || surname_ok(name)
}

/// Strips label words from both ends of a run of Han characters.
fn strip_labels(mut run: &str) -> &str {
    loop {
        let before = run.len();
        for w in NAME_STOPS {
            if let Some(r) = run.strip_prefix(w) {
                run = r;
            }
            if let Some(r) = run.strip_suffix(w) {
                run = r;
            }
        }
        if run.len() == before {
            return run;
        }
    }
}

/// Picks a name out of a run of Han characters that ends (`at_end`) or starts at a label.
fn name_in_run(run: &str, at_end: bool) -> Option<String> {
    let run = strip_labels(run);
    let chars: Vec<char> = run.chars().collect();
    let n = chars.len();
    if (2..=3).contains(&n) && plausible_name(run, false) {
        return Some(run.to_string());
    }
    let take = |k: usize| -> String {
        if at_end {
            chars[n - k..].iter().collect()
        } else {
            chars[..k].iter().collect()
        }
    };
    for k in [4usize, 3, 2] {
        if n > k || (k == 4 && n == 4) {
            let c = take(k);
            if plausible_name(&c, true)
                && (k != 4 || COMPOUND_SURNAMES.iter().any(|x| c.starts_with(x)))
            {
                return Some(c);
            }
        }
    }
    None
}

/// The Han run that ends at byte `i`, cut at a label word or a non-Han character.
fn han_run_before(s: &str, i: usize) -> &str {
    let left = left_window(s, i, 12);
    let k = left
        .char_indices()
        .rev()
        .take_while(|(_, c)| is_han(*c))
        .last()
        .map(|(k, _)| k)
        .unwrap_or(left.len());
    let mut run = &left[k..];
    // Keep only what follows the last label word inside the run.
    for w in NAME_STOPS {
        if let Some(p) = run.rfind(w) {
            if p + w.len() < run.len() {
                run = &run[p + w.len()..];
            }
        }
    }
    run
}

fn han_run_after(s: &str, i: usize) -> &str {
    let r = right_window(s, i, 12);
    let k = r
        .char_indices()
        .find(|(_, c)| !is_han(*c))
        .map(|(k, _)| k)
        .unwrap_or(r.len());
    let mut run = &r[..k];
    for w in NAME_STOPS {
        if let Some(p) = run.find(w) {
            if p > 0 {
                run = &run[..p];
            }
        }
    }
    run
}

fn name_ending_at(s: &str, i: usize) -> Option<String> {
    name_in_run(han_run_before(s, i), true)
}

fn name_starting_at(s: &str, i: usize) -> Option<String> {
    name_in_run(han_run_after(s, i), false)
}

/// Names marked as analysts on the cover (`分析师:马莉`, `杜佐远(分析师)`, `王英娥分析师`), in order.
fn marked_names(cover: &str, marker: &str) -> Vec<String> {
    let strict =
        |n: Option<String>| n.filter(|x| plausible_name(x, true) && !RATINGS.contains(&x.as_str()));
    let mut marked: Vec<String> = Vec::new();
    for (p, _) in cover.match_indices(marker) {
        let after = p + marker.len();
        let r = right_window(cover, after, 2);
        let l = left_window(cover, p, 8);
        let first = r.chars().next();
        let before = han_run_before(cover, p);
        // The name stands alone: after a non-Han character or another label
        // (`王英娥分析师赵玉玲分析师`).
        let name_start = p - before.len();
        let bounded = prev_char(cover, name_start).is_none_or(|c| !is_han(c))
            || NAME_STOPS.iter().any(|w| cover[..name_start].ends_with(w));
        let mut name = None;
        if bounded && (2..=3).contains(&before.chars().count()) {
            name = strict(name_in_run(before, true));
        }
        // `杜佐远(分析师)`, `赵巧敏(副首席分析师,…)`: the marker inside the bracket, not after
        // a closed one (`优于大市(维持)分析师:…`).
        if name.is_none() {
            if let Some(q) = l.rfind('(').filter(|&q| !l[q..].contains(')')) {
                name = strict(name_ending_at(cover, p - (l.len() - q)));
            }
        }
        if name.is_none() && first.is_some_and(|c| c == ':' || is_han(c)) {
            let j = if first == Some(':') { after + 1 } else { after };
            name = strict(name_starting_at(cover, j));
        }
        if let Some(n) = name {
            if !marked.contains(&n) {
                marked.push(n);
            }
        }
    }
    marked
}

/// Label words between a name and its SAC number.
const SAC_LABELS: &[&str] = &[
    "sac执业证书编号",
    "sac执证编号",
    "sac执业编号",
    "执业证书编号",
    "执业资格证书编码",
    "证书编号",
    "执业编号",
    "执业证号",
    "登记编码",
    "投资咨询资格编号",
    "sacno.",
    "sacno",
    "sac",
    "编号",
    "分析师",
];

fn extract_analysts(s: &str) -> Vec<Analyst> {
    let mut out: Vec<Analyst> = Vec::new();
    let cover = right_window(s, 0, 12_000);
    let marked = marked_names(cover, "分析师");
    // SAC registration numbers: `s` + 13 digits (lowercase after normalization).
    let b = s.as_bytes();
    let mut i = 0;
    let mut unnamed: Vec<(usize, String)> = Vec::new();
    let mut seen: Vec<String> = Vec::new();
    while i + 14 <= b.len() {
        // The next `s`, found with memchr: this scan covers the whole head.
        match memchr::memchr(b's', &b[i..b.len() - 13]) {
            Some(k) => i += k,
            None => break,
        }
        if !((i == 0 || !b[i - 1].is_ascii_alphabetic())
            && b[i + 1..i + 14].iter().all(u8::is_ascii_digit))
        {
            i += 1;
            continue;
        }
        let sac = format!("S{}", &s[i + 1..i + 14]);
        // Real reports have a handful of authors; the cap keeps pathological input linear.
        if seen.len() >= 64 {
            break;
        }
        if !seen.contains(&sac) {
            seen.push(sac.clone());
            let mut l = left_window(s, i, 24);
            loop {
                let t = l.trim_end_matches([':', '(', ' ', ')']);
                match SAC_LABELS.iter().find(|w| t.ends_with(*w)) {
                    Some(w) => l = &t[..t.len() - w.len()],
                    None => {
                        l = t;
                        break;
                    }
                }
            }
            let j = i - (left_window(s, i, 24).len() - l.len());
            match name_ending_at(s, j) {
                Some(n) if !out.iter().any(|a| a.name == n) => out.push(Analyst {
                    name: n,
                    sac: Some(sac),
                }),
                Some(_) => {}
                None => unnamed.push((i, sac)),
            }
        }
        i += 14;
    }
    // Numbers without an adjacent name: marked names in order, then the nearest name before.
    let mut free: Vec<String> = marked
        .iter()
        .filter(|n| !out.iter().any(|a| a.name == **n))
        .cloned()
        .collect();
    free.reverse();
    for (pos, sac) in unnamed {
        if let Some(n) = free.pop() {
            out.push(Analyst {
                name: n,
                sac: Some(sac),
            });
            continue;
        }
        if let Some(n) = nearest_name_before(s, pos, 100) {
            if !out.iter().any(|a| a.name == n) {
                out.push(Analyst {
                    name: n,
                    sac: Some(sac),
                });
            }
        }
    }
    // Without any registration number (old `A…` numbers, malformed ones) the marked names are
    // all there is.
    if seen.is_empty() {
        free.reverse();
        for n in free {
            out.push(Analyst { name: n, sac: None });
        }
    }
    out
}

/// The closest 2–3 character Han run (label words removed) within `n` chars before byte `i`.
fn nearest_name_before(s: &str, i: usize, n: usize) -> Option<String> {
    let left = left_window(s, i, n);
    let runs: Vec<&str> = left
        .split(|c: char| !is_han(c))
        .filter(|r| !r.is_empty())
        .collect();
    runs.iter().rev().find_map(|r| {
        let t = strip_labels(r);
        ((2..=3).contains(&t.chars().count()) && plausible_name(t, true)).then(|| t.to_string())
    })
}

fn extract_date(s: &str) -> Option<String> {
    let head = right_window(s, 0, 4000);
    let b = head.as_bytes();
    let mut best: Option<(u8, usize, String)> = None; // (priority, pos, date)
    let mut i = 0;
    while i + 8 <= b.len() {
        if !(b[i] == b'1' || b[i] == b'2') || !b[i..i + 4].iter().all(u8::is_ascii_digit) {
            i += 1;
            continue;
        }
        let year: u32 = head[i..i + 4].parse().unwrap_or(0);
        if !(1990..=2039).contains(&year) {
            i += 1;
            continue;
        }
        let rest = &head[i + 4..];
        let parsed = parse_md(rest);
        let Some((m, d, used, cjk)) = parsed else {
            i += 1;
            continue;
        };
        let left = left_window(head, i, 10);
        if left.ends_with('》')
            || left.ends_with("》-")
            || left.ends_with("——")
            || left.ends_with("--")
            || left.ends_with('>')
            || left.ends_with("》——")
        {
            i += 4 + used;
            continue;
        }
        let excluded = ["截至", "截止", "数据为", "估值日期", "收盘", "股价"]
            .iter()
            .any(|w| left.contains(w));
        let cue = !excluded
            && ["日期", "时间", "date]", "createtime", "发布"]
                .iter()
                .any(|w| left.contains(w));
        let pri = if cue {
            0
        } else if excluded {
            9
        } else if cjk {
            1
        } else {
            2
        };
        if pri < 9 && best.as_ref().is_none_or(|bst| pri < bst.0) {
            best = Some((pri, i, format!("{year:04}-{m:02}-{d:02}")));
        }
        i += 4 + used;
    }
    best.map(|b| b.2)
}

/// Parses `年M月D日`, `-MM-DD`, `.MM.DD`, `/MM/DD` after a year; returns (month, day, bytes used,
/// is-Chinese-format).
fn parse_md(rest: &str) -> Option<(u32, u32, usize, bool)> {
    let mut it = rest.char_indices().peekable();
    let (_, sep) = it.next()?;
    let cjk = sep == '年';
    if !(cjk || matches!(sep, '-' | '.' | '/')) {
        return None;
    }
    let (m, _) = take_num(&mut it, 2)?;
    let sep2 = it.next()?.1;
    if cjk && sep2 != '月' || !cjk && sep2 != sep {
        return None;
    }
    let (d, end) = take_num(&mut it, 2)?;
    let mut used = end;
    if cjk {
        let (j, c) = it.next()?;
        if c != '日' && c != '号' {
            return None;
        }
        used = j + c.len_utf8();
    } else if it.peek().is_some_and(|(_, c)| c.is_ascii_digit()) {
        return None;
    }
    ((1..=12).contains(&m) && (1..=31).contains(&d)).then_some((m, d, used, cjk))
}

fn take_num(
    it: &mut std::iter::Peekable<std::str::CharIndices<'_>>,
    max_digits: usize,
) -> Option<(u32, usize)> {
    let mut v = 0u32;
    let mut n = 0;
    let mut end = 0;
    while let Some(&(j, c)) = it.peek() {
        if n < max_digits && c.is_ascii_digit() {
            v = v * 10 + c.to_digit(10)?;
            n += 1;
            end = j + 1;
            it.next();
        } else {
            break;
        }
    }
    (n > 0).then_some((v, end))
}

/// Rating words, longest first so that `谨慎推荐` wins over `推荐`.
const RATINGS: &[&str] = &[
    "强烈推荐",
    "谨慎推荐",
    "审慎推荐",
    "审慎增持",
    "谨慎增持",
    "强于大市",
    "弱于大市",
    "同步大市",
    "领先大市",
    "落后大市",
    "优于大市",
    "跑赢行业",
    "跑输行业",
    "跑赢大市",
    "跑输大市",
    "优于大势",
    "跟随大市",
    "推荐",
    "买入",
    "增持",
    "中性",
    "减持",
    "卖出",
    "回避",
    "看好",
    "看淡",
    "持有",
    "超配",
    "标配",
    "低配",
];

/// The distinct first characters of `words`, sorted (for `binary_search`).
fn first_chars<'a>(words: impl IntoIterator<Item = &'a str>) -> Vec<char> {
    let mut v: Vec<char> = words.into_iter().filter_map(|w| w.chars().next()).collect();
    v.sort_unstable();
    v.dedup();
    v
}

fn rating_at(s: &str, i: usize) -> Option<&'static str> {
    // Called at every character of the cover: most are ruled out by their first character.
    static FIRSTS: LazyLock<Vec<char>> = LazyLock::new(|| first_chars(RATINGS.iter().copied()));
    let rest = s.get(i..)?;
    let first = rest.chars().next()?;
    if FIRSTS.binary_search(&first).is_err() {
        return None;
    }
    RATINGS.iter().find(|r| rest.starts_with(*r)).copied()
}

fn extract_rating(s: &str, first_end_matter: usize) -> Option<String> {
    let limit = first_end_matter.min(right_window(s, 0, 6000).len());
    let region = &s[..limit];
    let mut i = 0;
    while i < region.len() {
        let Some(c) = next_char(region, i) else { break };
        let Some(r) = rating_at(region, i) else {
            i += c.len_utf8();
            continue;
        };
        let end = i + r.len();
        // An options list (`看好中性看淡`) states no rating.
        let list_after = rating_at(s, end).is_some()
            || right_window(s, end, 1) == "/" && rating_at(s, end + 1).is_some();
        let list_before = RATINGS.iter().any(|x| region[..i].ends_with(x));
        if list_after || list_before {
            i = end;
            continue;
        }
        let left = left_window(s, i, 8).trim_end_matches(['“', '"', ':', ' ', '「']);
        let right = right_window(s, end, 6).trim_start_matches(['”', '"', '」']);
        let cue_left = [
            "评级",
            "[table_invest]",
            "[table_rank]",
            "维持",
            "给予",
            "上调至",
            "下调至",
            "调整为",
            "上调为",
            "下调为",
        ]
        .iter()
        .any(|w| left.ends_with(w));
        let cue_right = [
            "(维持",
            "(首次",
            "(上调",
            "(下调",
            "(调高",
            "(调低",
            "维持",
            "首次",
            "|维持",
            "|首次",
            "/维持",
            "/首次",
            "-a",
            "-b",
            "——维持",
            "—维持",
            "评级",
            "(维持评级",
            "——",
        ]
        .iter()
        .any(|w| right.starts_with(w));
        if cue_left || cue_right {
            return Some(r.to_string());
        }
        i = end;
    }
    None
}

/// Words naming the type of a report: (word, index into company,
/// industry, strategy, macro). `宏观经济` alone is a topic of any report
/// (`宏观经济复苏不及预期` in its risks), so only longer macro words count.
const TYPE_WORDS: &[(&str, usize)] = &[
    ("公司研究", 0),
    ("公司点评", 0),
    ("公司深度", 0),
    ("公司报告", 0),
    ("公司跟踪", 0),
    ("公司动态", 0),
    ("首次覆盖报告", 0),
    ("公司首次覆盖", 0),
    ("公司简评", 0),
    ("公司调研", 0),
    ("行业研究", 1),
    ("行业报告", 1),
    ("行业深度", 1),
    ("行业点评", 1),
    ("行业周报", 1),
    ("行业月报", 1),
    ("行业动态", 1),
    ("行业跟踪", 1),
    ("行业专题", 1),
    ("行业评级", 1),
    ("行业双周报", 1),
    ("行业年报", 1),
    ("行业定期报告", 1),
    ("策略报告", 2),
    ("策略研究", 2),
    ("投资策略报告", 2),
    ("策略周报", 2),
    ("策略月报", 2),
    ("宏观研究", 3),
    ("宏观报告", 3),
    ("宏观经济点评", 3),
    ("宏观经济展望", 3),
    ("宏观经济研究", 3),
    ("宏观点评", 3),
    ("宏观周报", 3),
    ("宏观月报", 3),
    ("宏观专题", 3),
    ("宏观季度", 3),
    ("宏观深度", 3),
];

/// Occurrences of the [`TYPE_WORDS`] of each type in `head`, in one pass
/// (a word followed by `模板` is a template's, not the report's).
fn type_word_counts(head: &str) -> [usize; 4] {
    static FIRSTS: LazyLock<Vec<char>> =
        LazyLock::new(|| first_chars(TYPE_WORDS.iter().map(|(w, _)| *w)));
    let mut counts = [0; 4];
    for (p, c) in head.char_indices() {
        if FIRSTS.binary_search(&c).is_err() {
            continue;
        }
        let rest = &head[p..];
        for &(w, t) in TYPE_WORDS {
            if rest.starts_with(w) && !right_window(head, p + w.len(), 6).contains("模板") {
                counts[t] += 1;
            }
        }
    }
    counts
}

fn extract_report_type(s: &str, stem: &str) -> Option<String> {
    let head = right_window(s, 0, 1500);
    // A 6-digit stock code in brackets: `爱美客(300896)`.
    let has_code = |t: &str| {
        let b = t.as_bytes();
        t.char_indices().any(|(i, c)| {
            (c == '(' || c == '（') && {
                let k = i + c.len_utf8();
                k + 6 <= b.len() && b[k..k + 6].iter().all(u8::is_ascii_digit)
            }
        })
    };
    if has_code(stem) {
        return Some("company".into());
    }
    let [company, industry, strategy, macro_] = type_word_counts(head);
    let best = [
        (company, "company"),
        (industry, "industry"),
        (strategy, "strategy"),
        (macro_, "macro"),
    ]
    .into_iter()
    .max_by_key(|(n, _)| *n)?;
    if best.0 > 0 {
        return Some(best.1.into());
    }
    if has_code(head) {
        return Some("company".into());
    }
    if stem.contains("行业") || s.contains("行业") {
        return Some("industry".into());
    }
    None
}

/// How far into the text the cover title is looked for (chars).
const TITLE_WINDOW: usize = 5000;

fn extract_title(s: &str, stem_norm: &str) -> Option<String> {
    // The file name is the publisher's title, often shortened, prefixed (`公司:标题`,
    // `行业周报:标题`) or slightly different from the cover; the cover's own headline wins.
    let head = right_window(s, 0, TITLE_WINDOW);
    if !stem_norm.is_empty() {
        if let Some(t) = title_from_stem(head, stem_norm) {
            return Some(t);
        }
    }
    // `[table_title]headline——subtitle[...]`
    if let Some(p) = s.find("[table_title]") {
        let r = right_window(s, p + "[table_title]".len(), 120);
        let mut t = r;
        for stop in ["——", "──", "[", "―", "—"] {
            if let Some(q) = t.find(stop) {
                t = &t[..q];
            }
        }
        let t = t.trim();
        let n = t.chars().count();
        let looks_like_meta = ["评级", "分析师", "证书", "报告日期", "www."]
            .iter()
            .any(|w| t.contains(w));
        if (6..=60).contains(&n) && !looks_like_meta {
            return Some(t.to_string());
        }
    }
    (!stem_norm.is_empty()).then(|| stem_norm.to_string())
}

/// The words of a title: letters and digits (Han included).  Titles are compared on these, since
/// file names and PDF text differ in punctuation (`，` / `、` / a line break, quotes, brackets).
fn is_title_word_char(c: char) -> bool {
    crate::text::normalize::is_alphanumeric(c)
}

/// The parts of a file-name title: `行业周报：标题` → [`行业周报`, `标题`].  `-` only separates
/// between Han characters (`深度报告-两票制…`, not `DeepSeek-R1`).
fn stem_parts(stem: &str) -> Vec<&str> {
    let mut parts = Vec::new();
    let mut from = 0;
    let mut prev: Option<char> = None;
    let mut it = stem.char_indices().peekable();
    while let Some((i, c)) = it.next() {
        let next = it.peek().map(|x| x.1);
        let sep = matches!(c, ':' | '—' | '_' | '|')
            || c == '-' && prev.is_some_and(is_han) && next.is_some_and(is_han);
        if sep {
            if stem[from..i].chars().any(is_title_word_char) {
                parts.push(&stem[from..i]);
            }
            from = i + c.len_utf8();
        }
        prev = Some(c);
    }
    if stem[from..].chars().any(is_title_word_char) {
        parts.push(&stem[from..]);
    }
    parts
}

/// The title-word characters of `head` with their byte offsets, as `u32`
/// (the head is a few thousand characters): half the memory, allocated once.
fn skeleton(head: &str) -> Vec<(u32, char)> {
    // Room for a head of Han characters (three bytes each) at once.
    let mut sk = Vec::with_capacity(head.len() / 3 + 16);
    sk.extend(
        head.char_indices()
            .filter(|(_, c)| is_title_word_char(*c))
            .map(|(i, c)| (i as u32, c)),
    );
    sk
}

fn find_chars(hay: &[(u32, char)], pat: &[char]) -> Option<usize> {
    let first = *pat.first()?;
    (0..hay.len().saturating_sub(pat.len() - 1)).find(|&k| {
        hay[k].1 == first
            && hay[k..k + pat.len()]
                .iter()
                .map(|x| x.1)
                .eq(pat.iter().copied())
    })
}

/// The cover headline that the file name `stem` names.
fn title_from_stem(head: &str, stem: &str) -> Option<String> {
    // `报告.pdf.txt`: the stem keeps the inner extension.
    let mut stem = stem.trim_end_matches('.');
    for ext in [".pdf", ".docx", ".doc", ".html", ".htm"] {
        stem = stem.strip_suffix(ext).unwrap_or(stem);
    }
    let parts = stem_parts(stem);
    let words: Vec<Vec<char>> = parts
        .iter()
        .map(|p| p.chars().filter(|c| is_title_word_char(*c)).collect())
        .collect();
    let sk = skeleton(head);
    // Exact (on words): the whole name, then without its leading parts.
    for k in 0..words.len() {
        let pat: Vec<char> = words[k..].concat();
        if pat.len() < 4 {
            continue;
        }
        let Some(at) = find_chars(&sk, &pat) else {
            continue;
        };
        // A leading part glued to the next one (no punctuation between them on the cover) was a
        // line of its own — a series or report-type label such as `电子行业周报` — and is not
        // part of the headline.  Joined by punctuation (`贵州茅台2024年报点评:…`) it is.
        let mut first = at;
        let mut pos = at;
        for w in &words[k..words.len() - 1] {
            let last = pos + w.len() - 1;
            let next = pos + w.len();
            if sk[last].0 as usize + sk[last].1.len_utf8() == sk[next].0 as usize {
                first = next;
            }
            pos = next;
        }
        let end_k = at + pat.len() - 1;
        let start = extend_back(head, sk[first].0 as usize);
        let end = sk[end_k].0 as usize + sk[end_k].1.len_utf8();
        let end = extend_title(head, end);
        return clean_title(&head[start..end]);
    }
    let last = words.last()?;
    fuzzy_title(head, &sk, last)
}

/// `1q1…` found inside `21q1…` (a file name cut at the front): the title starts where its number
/// does, up to two more digits back.  An opening quote or bracket right before belongs to it too.
fn extend_back(head: &str, mut start: usize) -> usize {
    let lead_digits = head[start..]
        .chars()
        .take_while(char::is_ascii_digit)
        .count();
    // Only a short number can have lost digits (`1q1`); a year (`2020年…`) is whole.
    if (1..=2).contains(&lead_digits) {
        for _ in 0..2 {
            match prev_char(head, start) {
                Some(c) if c.is_ascii_digit() => start -= 1,
                _ => break,
            }
        }
    }
    if let Some(c) = prev_char(head, start).filter(|c| "“\"《(「『".contains(*c)) {
        start -= c.len_utf8();
    }
    start
}

/// Characters that end a cover title block: layout markers, sentence ends, dashes before a
/// subtitle, bullets.
fn is_title_stop(c: char) -> bool {
    "[]#|。【】—―─".contains(c) || is_bullet(c)
}

/// Words that start the cover block after the title (a broker, report labels, a summary).
const TITLE_STOP_WORDS: &[&str] = &[
    "证券研究报告",
    "研究报告",
    "发布日期",
    "报告日期",
    "评级",
    "分析师",
    "投资要点",
    "核心观点",
    "主要观点",
    "报告要点",
    "摘要",
    "投资建议",
    "风险提示",
];

/// Industry names that a cover prints on their own line right after the title.
const INDUSTRIES: &[&str] = &[
    "农林牧渔",
    "基础化工",
    "化工",
    "钢铁",
    "有色金属",
    "电子",
    "汽车",
    "家用电器",
    "食品饮料",
    "纺织服饰",
    "纺织服装",
    "轻工制造",
    "医药生物",
    "生物医药",
    "医药",
    "公用事业",
    "交通运输",
    "房地产",
    "商贸零售",
    "商业贸易",
    "社会服务",
    "休闲服务",
    "银行",
    "非银金融",
    "综合",
    "建筑材料",
    "建筑装饰",
    "电力设备",
    "电气设备",
    "机械设备",
    "国防军工",
    "计算机",
    "传媒",
    "通信",
    "煤炭",
    "采掘",
    "石油石化",
    "环保",
    "美容护理",
];

/// Is a title stop word or a date at byte `i`?
fn title_stop_at(head: &str, i: usize) -> bool {
    let r = right_window(head, i, 12);
    TITLE_STOP_WORDS.iter().any(|w| r.starts_with(w))
        || starts_with_broker(head, i)
        || parse_date_at(r)
}

fn parse_date_at(r: &str) -> bool {
    let b = r.as_bytes();
    b.len() >= 6 && b[..4].iter().all(u8::is_ascii_digit) && r.get(4..).and_then(parse_md).is_some()
}

/// The title found on the cover may go on: `2024q3白酒行业季度跟踪` + `:需求承压下的分化与出清`,
/// `ai大模型月报(2025年2月` + `):推理模型百花齐放…`.  A continuation starts with punctuation
/// and runs to the end of the title block; without a clear end nearby it is not taken.
fn extend_title(head: &str, end: usize) -> usize {
    let mut i = end;
    while let Some(c) = next_char(head, i).filter(|c| ")”\"》」』".contains(*c)) {
        i += c.len_utf8();
    }
    match next_char(head, i) {
        Some('?' | '!') => return i + 1,
        Some(',' | ':' | ';' | '、') => {}
        _ => return i,
    }
    let r = right_window(head, i, 48);
    for (k, c) in r.char_indices() {
        let at = i + k;
        if c == '。' {
            return i;
        }
        if c == '?' || c == '!' {
            return at + 1;
        }
        if is_title_stop(c) || k > 0 && title_stop_at(head, at) {
            return trim_industry(head, end, at);
        }
    }
    i
}

/// Drops an industry name glued to the end of a continuation (`…分化与出清` + `食品饮料`).
fn trim_industry(head: &str, from: usize, end: usize) -> usize {
    let t = &head[from..end];
    INDUSTRIES
        .iter()
        .filter(|w| t.ends_with(*w) && t.len() > w.len())
        .map(|w| end - w.len())
        .min()
        .unwrap_or(end)
}

fn clean_title(t: &str) -> Option<String> {
    let t = t
        .trim()
        .trim_end_matches([',', ':', ';', '、', ' '])
        .trim_start_matches([',', ':', ';', '、', ' ']);
    (t.chars().count() >= 2).then(|| t.to_string())
}

/// The character pairs of a file-name title. A cover's thousands of pairs
/// are looked up in it, and most are not there: a 256-bit filter answers
/// those before any search.
struct PairSet {
    filter: [u64; 4],
    sorted: Vec<u64>,
}

impl PairSet {
    fn key(a: char, b: char) -> u64 {
        (u64::from(a) << 32) | u64::from(b)
    }

    fn bit(key: u64) -> usize {
        (key.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 56) as usize
    }

    fn new(pairs: impl Iterator<Item = (char, char)>) -> PairSet {
        let mut sorted: Vec<u64> = pairs.map(|(a, b)| PairSet::key(a, b)).collect();
        sorted.sort_unstable();
        sorted.dedup();
        let mut filter = [0u64; 4];
        for &k in &sorted {
            let bit = PairSet::bit(k);
            filter[bit >> 6] |= 1 << (bit & 63);
        }
        PairSet { filter, sorted }
    }

    fn contains(&self, a: char, b: char) -> bool {
        let key = PairSet::key(a, b);
        let bit = PairSet::bit(key);
        self.filter[bit >> 6] & (1 << (bit & 63)) != 0 && self.sorted.binary_search(&key).is_ok()
    }
}

/// A cover headline that the file name renders with some words changed (`成长出` / `生长出`,
/// a dropped `qwen2.5-max`): the window of the cover with the most character pairs in common.
fn fuzzy_title(head: &str, sk: &[(u32, char)], part: &[char]) -> Option<String> {
    let l = part.len();
    if l < 6 || sk.len() < 2 {
        return None;
    }
    // Pairs of digits match any number on the cover; they do not identify a title.
    let pairs = PairSet::new(
        part.windows(2)
            .map(|w| (w[0], w[1]))
            .filter(|p| !(p.0.is_ascii_digit() && p.1.is_ascii_digit())),
    );
    let opening = (part[0], part[1]);
    let hit: Vec<bool> = sk
        .windows(2)
        .map(|w| pairs.contains(w[0].1, w[1].1))
        .collect();
    // The body repeats a headline's words; its opening words mostly survive renaming, so a
    // window starting with them weighs more.
    let weight: Vec<usize> = sk
        .windows(2)
        .zip(&hit)
        .map(|(w, h)| usize::from(*h) + 2 * usize::from((w[0].1, w[1].1) == opening))
        .collect();
    let width = (l - 1).min(hit.len());
    let mut score: usize = weight[..width].iter().sum();
    let (mut best_score, mut best_at) = (score, 0);
    for k in width..weight.len() {
        score += weight[k];
        score -= weight[k - width];
        if score > best_score {
            best_score = score;
            best_at = k + 1 - width;
        }
    }
    let window = &hit[best_at..best_at + width];
    let best = window.iter().filter(|h| **h).count();
    let longest_run = window.split(|h| !*h).map(<[bool]>::len).max().unwrap_or(0);
    let eligible = part
        .windows(2)
        .filter(|w| !(w[0].is_ascii_digit() && w[1].is_ascii_digit()))
        .count();
    if best < 4 || best * 5 < eligible * 2 || longest_run < 3 && best < 5 {
        return None;
    }
    let mut first = best_at + window.iter().position(|h| *h)?;
    // A number at the start (`2020年…`) has no pairs of its own in the set.
    for _ in 0..4 {
        match first.checked_sub(1) {
            Some(k) if sk[k].1.is_ascii_digit() && sk[first].1.is_ascii_digit() => first = k,
            _ => break,
        }
    }
    // The title ends as far after the pair that is latest in the file name as the file name goes
    // on after it (`…医美龙头` + 2 changed chars: `地位` for `面板`).
    let pos_in_part = |k: usize| {
        part.windows(2)
            .rposition(|w| (w[0], w[1]) == (sk[k].1, sk[k + 1].1))
    };
    let (latest_k, latest_j) = (first..best_at + width)
        .filter(|&k| hit[k])
        .filter_map(|k| pos_in_part(k).map(|j| (k, j)))
        .max_by_key(|&(k, j)| (j, std::cmp::Reverse(k)))?;
    // A trailing volume number (`深度剖析(1)`) is not printed on the cover.
    let rest = part[latest_j + 2..]
        .iter()
        .filter(|c| !c.is_ascii_digit())
        .count();
    let last = (latest_k + 1 + rest).min(sk.len() - 1);
    let start = extend_back(head, sk[first].0 as usize);
    // The window ends where the cover's title block does.
    let mut end = sk[last].0 as usize + sk[last].1.len_utf8();
    if head[start..end].contains('(') && !head[start..end].contains(')') {
        if let Some(q) = right_window(head, end, 6).find(')') {
            end += q + 1;
        }
    }
    let title_start = sk[first].0 as usize;
    for (k, c) in head[title_start..end].char_indices() {
        let at = title_start + k;
        if c == '?' || c == '!' {
            end = at + 1;
            break;
        }
        if k > 0 && (is_title_stop(c) || title_stop_at(head, at)) {
            end = at;
            break;
        }
    }
    clean_title(&head[start..end])
}

/// Cover metadata.  `normalized` is the whole normalized report text; `file_stem` is the file
/// name without extension (a `prefix__` such as `dianzi__` is dropped).
pub fn extract_meta(normalized: &str, file_stem: &str) -> ReportMeta {
    let s = normalized;
    let stem_raw = file_stem.rsplit("__").next().unwrap_or(file_stem);
    let stem = normalize(stem_raw);
    let stem = stem.trim();
    let generic = !stem.chars().any(is_han);
    let first_end_matter = detect_end_matter_start(s);
    ReportMeta {
        title: extract_title(s, if generic { "" } else { stem }),
        broker: extract_broker(s),
        analysts: extract_analysts(s),
        date: extract_date(s),
        rating: extract_rating(s, first_end_matter),
        report_type: extract_report_type(s, stem),
    }
}

/// Byte offset where rating definitions start (ratings after it are boilerplate), or the length.
fn detect_end_matter_start(s: &str) -> usize {
    let head_len = right_window(s, 0, 6000).len();
    let head = &s[..head_len];
    [
        "评级说明",
        "评级标准",
        "评级体系",
        "投资评级的说明",
        "评级定义",
    ]
    .iter()
    .flat_map(|w| head.match_indices(w).map(|(p, _)| p))
    .filter(|&p| !in_page_header(left_window(head, p, 24)))
    .min()
    .unwrap_or(head_len)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn secs(t: &str) -> Vec<Section> {
        detect_headings(&normalize(t))
            .into_iter()
            .map(|h| h.section)
            .filter(|s| *s != Body)
            .collect()
    }

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

    /// `type_word_counts` counts a word at every position where it starts:
    /// the same as counting its non-overlapping occurrences only if no
    /// word can overlap itself.
    #[test]
    fn type_words_cannot_overlap_themselves() {
        for (w, _) in TYPE_WORDS {
            for (k, _) in w.char_indices().skip(1) {
                assert!(!w.starts_with(&w[k..]), "{w}");
            }
        }
        assert_eq!(
            type_word_counts("公司研究,公司研究,行业周报模板"),
            [2, 0, 0, 0]
        );
    }

    #[test]
    fn section_names_roundtrip() {
        for s in Section::ALL {
            assert_eq!(Section::parse(s.name()), Some(s));
            assert_eq!(Section::parse(&s.name().to_uppercase()), Some(s));
        }
        assert_eq!(Section::parse("nope"), None);
    }

    #[test]
    fn glued_cover_headings() {
        let t = "电子行业中性维持评级核心观点电子行业三季度业绩向好。投资建议：维持“中性”评级。风险提示：需求不及预期。";
        assert_eq!(secs(t), vec![Summary, Advice, Risk]);
    }

    #[test]
    fn sentence_mentions_are_not_headings() {
        let t =
            "请务必阅读正文之后的免责声明部分。本公司存在风险提示的义务，详见投资建议的评级标准。";
        assert!(secs(t).is_empty());
    }

    #[test]
    fn toc_entries_are_skipped() {
        let t =
            "目录1、行业概况..........35、投资建议..........206、风险提示..........21正文开始。";
        assert!(secs(t).is_empty());
    }

    #[test]
    fn end_matter_and_offsets_are_chars() {
        let body = "正文内容。".repeat(40);
        let t = format!("{body}分析师声明本人具有证券投资咨询执业资格。投资评级说明买入:相对强于市场。行业评级看好。免责声明本报告仅供客户使用。");
        let n = normalize(&t);
        let hs = detect_headings(&n);
        let kinds: Vec<Section> = hs.iter().map(|h| h.section).collect();
        assert_eq!(kinds, vec![Analyst, RatingScale, Disclaimer]);
        let chars: Vec<char> = n.chars().collect();
        for h in &hs {
            assert_eq!(chars[h.start..h.end].iter().collect::<String>(), h.text);
        }
    }

    #[test]
    fn combined_heading_types() {
        assert_eq!(secs("。盈利预测与投资建议:我们预计"), vec![Advice]);
        assert_eq!(secs("。5.盈利预测与估值核心假设"), vec![Forecast]);
    }

    #[test]
    fn meta_from_cover() {
        let t = "请务必阅读正文之后的免责条款部分[Table_Main]行业研究证券研究报告2021年03月08日[Table_Title]21Q1景气度进一步验证——行业跟踪[Table_Invest]推荐|维持[Table_Author]报告作者分析师贺茂飞执业证书编号S0020520060001电话。国元证券研究所。国元证券股份有限公司";
        let m = extract_meta(&normalize(t), "dianzi__行业跟踪：21Q1景气度进一步验证");
        assert_eq!(m.date.as_deref(), Some("2021-03-08"));
        assert_eq!(m.rating.as_deref(), Some("推荐"));
        assert_eq!(m.broker.as_deref(), Some("国元证券"));
        assert_eq!(
            m.analysts,
            vec![Analyst {
                name: "贺茂飞".into(),
                sac: Some("S0020520060001".into())
            }]
        );
        assert_eq!(m.report_type.as_deref(), Some("industry"));
        assert_eq!(m.title.as_deref(), Some("21q1景气度进一步验证"));
    }

    #[test]
    fn qualified_and_numbered_headings() {
        let body = "正文内容。".repeat(20);
        // A qualifier at a block start, numbering with a few words, a numbered compound.
        assert_eq!(
            secs(&format!(
                "{body}长川科技,后道测试设备龙头。重点公司盈利预测及估值公司代码"
            )),
            vec![Forecast]
        );
        assert_eq!(
            secs(&format!("{body}资料来源:wind3.上市公司估值93.2")),
            vec![Forecast]
        );
        assert_eq!(
            secs(&format!("{body}偏谨慎。3估值与情绪截至10月11日")),
            vec![Forecast]
        );
        assert_eq!(
            secs(&format!("{body}。3、盈利与估值:2025年盈利修复")),
            vec![Forecast]
        );
        // Not after a comma inside a sentence, not a stock code, not a risk item, not a caption.
        assert!(secs(&format!("{body}估值合理,部分标的估值已趋于合理")).is_empty());
        assert!(secs(&format!("{body}宁德时代(300750)的估值与业绩匹配")).is_empty());
        assert!(secs(&format!("{body}风险提示:1)估值过高的风险")).len() == 1);
        assert!(secs(&format!("{body}表格2.血制品上市公司估值比较")).is_empty());
    }

    #[test]
    fn heading_cues_around_the_word() {
        let body = "正文内容。".repeat(20);
        // A sentence opening with 我们, a broker's source line, a heading that is a sentence.
        assert_eq!(
            secs(&format!("{body}行业点评计算机投资建议我们认为")),
            vec![Advice]
        );
        assert_eq!(
            secs(&format!("{body}资料来源:wind,招商证券投资建议维持")),
            vec![Advice]
        );
        assert_eq!(
            secs(&format!("{body}跑赢大盘。医药行业估值分析。从近十年")),
            vec![Forecast]
        );
        assert_eq!(
            secs(&format!("{body}。估值复盘:成长溢价仍将延续")),
            vec![Forecast]
        );
        // `估值如下:` and `估值日期:2020…` are not headings.
        assert!(secs(&format!("{body}pe(2020e)估值如下:")).is_empty());
        assert!(secs(&format!("{body}31.37估值日期:2020年9月10日")).is_empty());
        // `订阅` is not a page header's `阅读`; a finished header does not hide what follows.
        assert_eq!(
            secs(&format!("订阅模式持续兑现投资要点国内办公软件龙头。{body}")),
            vec![Summary]
        );
        assert_eq!(
            secs("请务必阅读正文后免责条款环保评级:强于大市(维持)要点总结“四机一脑”"),
            vec![Summary]
        );
        // Glued to the text before it, a summary word only counts on the cover.
        assert!(secs(&format!("{body}{body}订阅模式持续兑现投资要点国内")).is_empty());
    }

    #[test]
    fn statement_verbs_in_sentences() {
        let body = "正文内容。".repeat(40);
        let t = format!("{body}分析师声明本报告署名分析师具有执业资格。分析师承诺不曾因本报告而获取补偿。重要声明中原证券股份有限公司具备资格。");
        assert_eq!(secs(&t), vec![Analyst, Disclaimer]);
    }

    fn title(text: &str, stem: &str) -> Option<String> {
        extract_meta(&normalize(text), stem).title
    }

    #[test]
    fn title_drops_a_series_line_and_keeps_a_joined_prefix() {
        // The series label is a line of its own (glued after normalization).
        let t = "[Table_Title]\n电子行业周报\nHBM3E放量在即，存储景气上行\n[Table_Invest]";
        assert_eq!(
            title(t, "电子行业周报：HBM3E放量在即，存储景气上行").as_deref(),
            Some("hbm3e放量在即,存储景气上行")
        );
        // Joined by a colon on the cover, it belongs to the headline; the cover goes on.
        let t = "[Table_Title]\n贵州茅台2024年报点评：稳健增长彰显龙头定力，分红回购提升股东回报\n[Table_Rank]";
        assert_eq!(
            title(t, "贵州茅台2024年报点评：稳健增长彰显龙头定力").as_deref(),
            Some("贵州茅台2024年报点评:稳健增长彰显龙头定力,分红回购提升股东回报")
        );
    }

    #[test]
    fn title_continuation_stops_at_the_cover_block() {
        let t =
            "[Table_Title] 2024Q3白酒行业季度跟踪：需求承压下的分化与出清\n食品饮料\n[Table_Rank]";
        assert_eq!(
            title(t, "2024Q3 白酒行业 季度跟踪").as_deref(),
            Some("2024q3白酒行业季度跟踪:需求承压下的分化与出清")
        );
        let t =
            "# AI大模型月报（2025年2月）：推理模型百花齐放，应用端进入放量期\n招商证券 · 行业研究";
        assert_eq!(
            title(t, "AI大模型 月报 2025年2月").as_deref(),
            Some("ai大模型月报(2025年2月):推理模型百花齐放,应用端进入放量期")
        );
        // A subtitle after a dash is not part of the headline.
        let t = "[Table_Title]科技自立与红利重估——2025年A股投资策略[Table_Author]";
        assert_eq!(
            title(t, "2025年A股投资策略：科技自立与红利重估").as_deref(),
            Some("科技自立与红利重估")
        );
    }

    #[test]
    fn title_found_when_the_file_name_differs() {
        let t = "相关报告股价走势差异化铸就壁垒，专业奠定医美龙头地位医美行业：后起之秀";
        assert_eq!(
            title(t, "爱美客（300896）：差异化铸就壁垒，专业倾斜医美龙头面板").as_deref(),
            Some("差异化铸就壁垒,专业奠定医美龙头地位")
        );
        let t = "[table_main]为何近期医疗服务、医美大幅上涨？增持(维持)投资要点";
        assert_eq!(
            title(t, "为何提前医疗服务，医美进一步进步？").as_deref(),
            Some("为何近期医疗服务、医美大幅上涨?")
        );
        // A file name cut at the front.
        let t = "[table_title]21Q1景气度进一步验证，供应紧缺情况持续紧张[table_summary]";
        assert_eq!(
            title(t, "1Q1景气度进一步验证，供应紧缺情况持续紧张").as_deref(),
            Some("21q1景气度进一步验证,供应紧缺情况持续紧张")
        );
        // Nothing like it on the cover: the file name.
        assert_eq!(
            title("完全无关的正文内容。", "医美产业深度剖析").as_deref(),
            Some("医美产业深度剖析")
        );
    }

    #[test]
    fn rating_option_lists_are_ignored() {
        assert_eq!(
            extract_rating("行业评级看好中性看淡(维持)", usize::MAX),
            None
        );
        assert_eq!(
            extract_rating("给予“增持”评级", usize::MAX).as_deref(),
            Some("增持")
        );
    }

    #[test]
    fn no_panic_on_random_input() {
        // Small deterministic fuzz over characters that drive the rules (multi-byte, digits,
        // markers, heading words).
        let alphabet: Vec<char> = "风险提示投资建议评级说明免责声明分析师目录一、1.:()[]s0123456789年月日。,阅的—附表🙂\u{f06c}a 重点公司估值?!_-中原证券我们"
            .chars()
            .collect();
        let mut x: u64 = 0x9E37_79B9_7F4A_7C15;
        for _ in 0..2000 {
            let mut t = String::new();
            for _ in 0..(x % 120) {
                x ^= x << 13;
                x ^= x >> 7;
                x ^= x << 17;
                t.push(alphabet[(x % alphabet.len() as u64) as usize]);
            }
            let hs = detect_headings(&t);
            let n = t.chars().count();
            for w in hs.windows(2) {
                assert!(w[0].end <= w[1].start);
            }
            assert!(hs.iter().all(|h| h.start < h.end && h.end <= n));
            let _ = extract_meta(&t, &t);
        }
    }

    #[test]
    fn no_panic_on_odd_input() {
        for t in [
            "",
            "s",
            "s12345678901234",
            "2021年",
            "评级",
            "[table_",
            "一、",
            "附表:",
            "分析师:",
        ] {
            let _ = detect_headings(t);
            let _ = extract_meta(t, "");
        }
    }
}
