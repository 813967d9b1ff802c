//! The title of a report.
//!
//! The headline as the cover prints it.  A descriptive file name helps find it (the file name is
//! often cut, prefixed with a company or series name, or worded slightly differently); a file name
//! that is an ID (`6921809.pdf`, `r12.txt`, a hash) is not used at all.
//! * The file name is matched on its letters and digits only.  A leading part (`行业周报：…`)
//!   glued to the rest on the cover was a line of its own — a series label — and is dropped; joined
//!   by punctuation (`贵州茅台2024年报点评:…`) it is kept.
//! * A title that goes on after punctuation (`…季度跟踪` + `:需求承压下的分化与出清`) is extended
//!   to the end of its block: a layout marker, a dash before a subtitle (`——2025年A股投资策略` is
//!   not part of the headline), a broker's name, a date, a cover label, or an industry line.
//! * A file name not found as such is aligned on character pairs (`成长出` / `生长出`).
//! * Without a descriptive file name, or when the cover does not have it, the cover is read alone
//!   (`mod cover`): the title-like stretch of its first page, else the heading of its first main
//!   point.  Then the `[table_title]` block, else a descriptive file name itself.

use super::date::parse_md;
use crate::report::brokers::starts_with_broker;
use crate::report::scan::{is_bullet, next_char, prev_char, right_window};
use crate::text::normalize::is_han;

/// How far into the text the cover title is looked for (chars).
const TITLE_WINDOW: usize = 5000;

pub(super) fn extract_title(s: &str, stem_norm: &str) -> Option<String> {
    // A descriptive file name is the publisher's title, often shortened, prefixed (`公司:标题`,
    // `行业周报:标题`) or slightly different from the cover; the cover's own headline, found with
    // its help, wins.  An ID (`6921809`, `r12`, a hash) names nothing.
    let descriptive = is_descriptive(stem_norm);
    if descriptive {
        let head = right_window(s, 0, TITLE_WINDOW);
        if let Some(t) = title_from_stem(head, stem_norm) {
            return Some(t);
        }
    }
    if let Some(t) = cover::cover_title(right_window(s, 0, cover::COVER_WINDOW)) {
        return Some(t);
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
    descriptive.then(|| stem_norm.to_string())
}

/// Does a file name say what the report is about?  Not an ID: digits, `r12`, `report_7`, a hex
/// hash, a UUID.  It is descriptive with two Han characters, or two Latin words of three letters
/// or more that are not hex digits alone (`tencent q3 results`).
fn is_descriptive(stem: &str) -> bool {
    if stem.chars().filter(|c| is_han(*c)).count() >= 2 {
        return true;
    }
    stem.split(|c: char| !c.is_ascii_alphabetic())
        .filter(|w| w.len() >= 3 && !w.chars().all(|c| c.is_ascii_hexdigit()))
        .count()
        >= 2
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

/// The title of a report found on its cover alone, without the file name.
///
/// The cover's text comes as one stream: PDF extraction and normalization glue its lines
/// together (`…证券研究报告2021年01月28日光学光电子行业面板持续高景气,乐看…——面板行业深度跟踪报告`).
/// The stream is cut at what a title never holds — layout markers, sentence ends, bullets, a
/// dash before a subtitle — and at the cover's other fields, known by their form: dates, codes,
/// e-mail addresses, brokers, report labels (`证券研究报告`, `行业周报`), analyst blocks, ratings,
/// summary headings (`投资要点`), disclaimers and citations of other reports (`《…》2020-05-25`).
/// What is left are stretches of words; each loses the labels glued to it (an industry line in
/// front, a rating or an industry behind) and is scored on its shape: a title has clauses
/// (`,` `:` `?`), stands in the title block (`[table_title]`, a Markdown heading) or before a
/// subtitle dash or the summary, and is no sentence, no boilerplate, no row of figures.  The best
/// stretch wins (a later one loses a point per 1500 bytes, unless a title block or a subtitle
/// marks it), the earliest among equals; without one, the heading of the first main point.
mod cover {
    use super::super::date::parse_md;
    use super::{is_title_word_char, INDUSTRIES};
    use crate::report::brokers::{BRANDS, BROKERS};
    use crate::report::scan::{first_chars, is_bullet, next_char, prev_char, right_window};
    use crate::text::normalize::is_han;
    use std::sync::OnceLock;

    /// How far into the text the cover is read (chars): the title block of a cover printed after
    /// its summary is still in it.
    pub(in super::super) const COVER_WINDOW: usize = 3000;

    /// What ends a stretch of cover text (or starts the next one).
    #[derive(Clone, Copy, PartialEq, Eq, Debug)]
    enum Edge {
        /// The start or the end of the window.
        End,
        /// `[table_title]`, `[table_main]`, a Markdown heading at the top.
        TitleMark,
        /// Another layout marker.
        Mark,
        /// The summary's heading (`投资要点`, `[table_summary]`).
        Summary,
        /// A dash before a subtitle.
        Dash,
        /// A title ending with `?`, included.
        Question,
        /// A heading with a colon glued after a title (`…龙头地位` + `医美行业:…`).
        Heading,
        /// `。`, `;` or `!`: a sentence, which a title is not.
        Sentence,
        /// A field of the cover: a date, a code, an address, a broker, an analyst block, a rating.
        Meta,
        /// A report label (`深度报告`, `行业周报`).
        Label,
        /// Another report's title, cited.
        Cite,
        /// Other punctuation.
        Break,
    }

    struct Stretch {
        start: usize,
        end: usize,
        before: Edge,
        after: Edge,
        /// After the summary's heading.
        in_summary: bool,
        /// In the block after `[table_title]` (and the like), before the next marker.
        title_block: bool,
    }

    /// Summary headings: the title block ends before them.
    const SUMMARY_WORDS: &[&str] = &[
        "投资要点",
        "核心观点",
        "主要观点",
        "报告要点",
        "报告摘要",
        "摘要",
        "要点总结",
        "本期投资提示",
        "投资提示",
        "报告导读",
        "行业核心观点",
        "投资建议",
        "风险提示",
        "事件概述",
        "行业回顾",
        "市场回顾",
        "行情回顾",
        "本周观点",
        "最新观点",
        "分析与判断",
        "推荐逻辑",
    ];

    /// Report labels.  Before a colon they belong to the title (`创新药出海深度:…`,
    /// `贵州茅台2024年报点评:…`); glued to it, they are a line of their own.
    const LABEL_WORDS: &[&str] = &[
        "证券研究报告",
        "研究报告",
        "行业研究",
        "公司研究",
        "策略研究",
        "宏观研究",
        "深度研究",
        "专题研究",
        "行业深度报告",
        "公司深度报告",
        "行业深度",
        "公司深度",
        "深度报告",
        "深度研究报告",
        "专题研究报告",
        "动态研究报告",
        "深度分析",
        "动态分析",
        "专题报告",
        "跟踪报告",
        "动态报告",
        "调研报告",
        "点评报告",
        "公司报告",
        "行业报告",
        "首次覆盖",
        "公司点评",
        "行业点评",
        "年报点评",
        "季报点评",
        "业绩点评",
        "动态点评",
        "事件点评",
        "行业周报",
        "行业月报",
        "行业季报",
        "双周报",
        "周报",
        "月报",
        "晨报",
        "年度策略",
        "中期策略",
        "投资策略",
        "行业跟踪",
        "动态跟踪",
        "行业动态",
        "行业快评",
        "快评",
        "中报总结",
        "年报总结",
        "季报总结",
        "报告模板",
        "模板",
    ];

    /// The other fields of a cover, by their captions.
    const META_WORDS: &[&str] = &[
        "证券分析师",
        "分析师",
        "研究员",
        "研究助理",
        "联系人",
        "执业证书编号",
        "执业证书",
        "证书编号",
        "执业编号",
        "执业证号",
        "资格编号",
        "登记编码",
        "登记编号",
        "电话",
        "邮箱",
        "作者",
        "报告编码",
        "目标价",
        "当前价",
        "收盘价",
        "总股本",
        "投资评级",
        "行业评级",
        "公司评级",
        "评级",
        "报告日期",
        "发布日期",
        "发布时间",
        "报告时间",
        "日期",
        "相关报告",
        "相关研究",
        "近期报告",
        "近期研究",
        "相关热点报告",
        "行业走势图",
        "走势图",
        "股价走势",
        "市场表现",
        "市场数据",
        "基本数据",
        "股票数据",
        "主要数据",
        "基础数据",
        "行业数据",
        "重点公司",
        "行业分类",
        "风险评级",
        "走势比较",
        "走势对比",
        "公司基本情况",
    ];

    /// Data sources named under a cover's chart (`资料来源:贝格数据`).
    const SOURCES: &[&str] = &[
        "贝格数据",
        "聚源",
        "万得",
        "同花顺",
        "东方财富",
        "公司公告",
        "公司资料",
    ];

    /// Ratings, printed next to the title on some covers.
    const RATINGS: &[&str] = &[
        "强烈推荐",
        "谨慎推荐",
        "审慎推荐",
        "审慎增持",
        "谨慎增持",
        "强于大市",
        "优于大市",
        "同步大市",
        "弱于大市",
        "跑赢行业",
        "跑赢大市",
        "维持评级",
        "首次覆盖",
        "买入",
        "增持",
        "推荐",
        "中性",
        "减持",
        "卖出",
        "持有",
        "看好",
        "超配",
        "标配",
        "低配",
        "维持",
        "首次",
        "评级",
        "中高风险",
        "中低风险",
        "高风险",
        "中风险",
        "低风险",
    ];

    /// Level-one industries besides [`INDUSTRIES`] (Wind's names, new-energy lines).
    const LEVEL_ONE: &[&str] = &[
        "医疗保健",
        "信息技术",
        "医药保健",
        "医药健康",
        "电力设备与新能源",
        "电力设备及新能源",
    ];

    /// Level-two industries, printed as an industry line (`光学光电子行业`).
    const LEVEL_TWO: &[&str] = &[
        "医疗保健设备与服务",
        "光学光电子",
        "半导体",
        "消费电子",
        "医疗器械",
        "医疗服务",
        "生物制品",
        "化学制药",
        "中药",
        "医药商业",
        "白酒",
        "乘用车",
        "汽车零部件",
        "海外互联网",
        "互联网",
    ];

    /// Words no title holds: disclaimers, licences, the analyst's voice.
    const BOILERPLATE: &[&str] = &[
        "本公司",
        "本报告",
        "请务必",
        "免责",
        "声明",
        "版权",
        "投资咨询",
        "业务资格",
        "许可",
        "阅读",
        "我们",
        "仅供",
        "有限公司",
        "披露",
    ];

    /// Words that make the line before a subtitle dash a series name, whose subtitle is the
    /// specific title (`医疗器械行业:眼科医疗器械研究` + `——高速增长的眼科赛道,…`).
    const SERIES_ENDS: &[&str] = &["研究", "报告", "系列", "专题", "概览"];

    fn longest<'a>(r: &str, words: &[&'a str]) -> Option<&'a str> {
        words
            .iter()
            .filter(|w| r.starts_with(**w))
            .max_by_key(|w| w.len())
            .copied()
    }

    fn industry_prefix(t: &str) -> Option<(&'static str, bool)> {
        let one = longest(t, INDUSTRIES)
            .into_iter()
            .chain(longest(t, LEVEL_ONE))
            .map(|w| (w, true));
        let two = longest(t, LEVEL_TWO).map(|w| (w, false));
        one.chain(two).max_by_key(|(w, _)| w.len())
    }

    fn industry_suffix(t: &str) -> Option<&'static str> {
        INDUSTRIES
            .iter()
            .chain(LEVEL_ONE)
            .chain(LEVEL_TWO)
            .filter(|w| t.ends_with(**w))
            .max_by_key(|w| w.len())
            .copied()
    }

    fn title_chars(t: &str) -> usize {
        t.chars().filter(|c| is_title_word_char(*c)).count()
    }

    /// Is the comma or colon at byte `i` a clause break (not `1,741` or `10:30`)?
    fn is_clause_mark(s: &str, i: usize) -> bool {
        let digit = |c: Option<char>| c.is_some_and(|c| c.is_ascii_digit());
        !(digit(prev_char(s, i)) && digit(s.get(i + 1..).and_then(|r| r.chars().next())))
    }

    /// Is a label at byte `j` (just after it) followed by a colon that makes it the title's own
    /// lead: `月报(2025年2月):`, `研究一:`?
    fn followed_by_colon(head: &str, j: usize) -> bool {
        let r = right_window(head, j, 16);
        let mut depth = 0;
        for c in r.chars() {
            match c {
                ':' if depth == 0 => return true,
                '(' => depth += 1,
                ')' if depth > 0 => depth -= 1,
                _ if depth > 0 => {}
                c if c.is_ascii_digit() || "之一二三四五六七八九十".contains(c) => {}
                _ => return false,
            }
        }
        false
    }

    /// Characters a title may hold besides letters and digits.
    fn is_title_punct(c: char) -> bool {
        ",、:?!“”\"'‘’()《》<>-+&.%~ ".contains(c)
    }

    /// A cut: the stretch before ends at `end`, the next one starts at `resume`.
    struct Cut {
        edge: Edge,
        end: usize,
        resume: usize,
    }

    fn cut(edge: Edge, i: usize, resume: usize) -> Option<Cut> {
        Some(Cut {
            edge,
            end: i,
            resume,
        })
    }

    /// The end of a run of characters of `set` from byte `i`.
    fn run_end(s: &str, i: usize, set: impl Fn(char) -> bool) -> usize {
        s[i..]
            .char_indices()
            .find(|(_, c)| !set(*c))
            .map_or(s.len(), |(k, _)| i + k)
    }

    /// An edge of a stretch at byte `i` (char `c`), if one starts there.  `comma`: the stretch
    /// so far has a clause comma; `word_start`: `i` starts a Latin word.
    fn edge_at(head: &str, i: usize, c: char, comma: bool, word_start: bool) -> Option<Cut> {
        let next = next_char(head, i + c.len_utf8());
        let prev = prev_char(head, i);
        match c {
            '[' => {
                let r = right_window(head, i, 48);
                let Some(q) = r.find(']') else {
                    return cut(Edge::Break, i, i + 1);
                };
                let name = &r[1..q];
                if name.chars().any(is_han) {
                    return cut(Edge::Break, i, i + 1);
                }
                cut(marker_edge(name), i, i + q + 1)
            }
            '#' => {
                // `#title#…#createtime1#`: a template's fields.
                let r = right_window(head, i, 24);
                if let Some(q) = r[1..].find('#') {
                    let name = &r[1..1 + q];
                    if !name.is_empty() && name.bytes().all(|b| b.is_ascii_alphanumeric()) {
                        let edge = if name == "title" {
                            Edge::TitleMark
                        } else {
                            Edge::Mark
                        };
                        return cut(edge, i, i + q + 2);
                    }
                }
                let end = run_end(head, i, |c| c == '#');
                let top = head[..i].trim().is_empty() && end == i + 1;
                cut(if top { Edge::TitleMark } else { Edge::Break }, i, end)
            }
            '—' | '―' | '─' => cut(
                Edge::Dash,
                i,
                run_end(head, i, |c| matches!(c, '—' | '―' | '─' | '-')),
            ),
            '-' => {
                // `报告-两票制…`, `…稳定增长-2019年…`; not `同比-22%`.
                let year = || {
                    let r = &head.as_bytes()[i + 1..];
                    r.len() > 4
                        && (r.starts_with(b"19") || r.starts_with(b"20"))
                        && r[..4].iter().all(u8::is_ascii_digit)
                        && !r[4].is_ascii_digit()
                };
                let dash = next == Some('-')
                    || prev.is_some_and(is_han) && (next.is_some_and(is_han) || year());
                if dash {
                    cut(Edge::Dash, i, run_end(head, i, |c| c == '-'))
                } else {
                    None
                }
            }
            // An exclamation ends the body's sentences, not titles.
            '。' | ';' | '!' => cut(Edge::Sentence, i, i + c.len_utf8()),
            '?' => cut(Edge::Question, i + 1, i + 1),
            '《' | '<' | '"' => {
                let close = match c {
                    '《' => "》",
                    '"' => "\"",
                    _ if next == Some('<') => ">>",
                    _ => return None,
                };
                let r = right_window(head, i, 200);
                let q = r[c.len_utf8()..].find(close)? + c.len_utf8() + close.len();
                // Cited: a list number or date before it, or a date, a dash or another
                // citation after it.  A title may name a law (`新修订《…条例》发布`).
                let after = next_char(head, i + q);
                let cited = prev.is_some_and(|p| p.is_ascii_digit() || p == '.')
                    || !after.is_some_and(is_han);
                cited.then_some(Cut {
                    edge: Edge::Cite,
                    end: i,
                    resume: i + q,
                })
            }
            ':' if comma && is_clause_mark(head, i) => {
                // `…专业奠定医美龙头地位医美行业:…`: a heading glued after a title; its label is
                // up to four Han characters.
                let mut start = i;
                for _ in 0..4 {
                    match prev_char(head, start) {
                        Some(p) if is_han(p) => start -= p.len_utf8(),
                        _ => break,
                    }
                }
                cut(Edge::Heading, start, i + 1)
            }
            '/' if prev.is_some_and(is_han) && next.is_some_and(is_han) => {
                cut(Edge::Break, i, i + 1)
            }
            '(' => {
                let r = right_window(head, i, 24);
                let q = r.find(')')?;
                let inner = &r[1..q];
                let code = inner
                    .trim_start_matches(|c: char| c.is_ascii_alphabetic())
                    .split('.')
                    .next()
                    .unwrap_or("");
                // A ticker, unless the company leads the title: `贵州茅台(600519.sh)年报点评:…`.
                let ticker = code.len() >= 4
                    && code.bytes().all(|b| b.is_ascii_digit())
                    && !right_window(head, i + q + 1, 16)
                        .split([',', '、', '。', '[', '|', '—'])
                        .next()
                        .is_some_and(|lead| lead.contains(':'));
                let meta = ["维持", "首次", "上调", "下调", "调高", "调低", "执业"]
                    .iter()
                    .any(|w| inner.starts_with(w))
                    || RATINGS.iter().any(|w| inner.starts_with(w))
                    || ticker;
                meta.then(|| Cut {
                    edge: Edge::Meta,
                    end: i,
                    resume: i + q + 1,
                })
            }
            c if is_han(c) => han_edge(head, i, c),
            c if c.is_ascii_digit() => {
                // Within a number, or a ticker in brackets kept with its company (see `(`).
                if prev.is_some_and(|p| p.is_ascii_digit() || p == '(') {
                    return None;
                }
                digit_edge(head, i)
            }
            c if c.is_ascii_alphabetic() => {
                if !word_start {
                    return None;
                }
                latin_edge(head, i)
            }
            c if is_title_punct(c) => None,
            c => cut(Edge::Break, i, i + c.len_utf8()),
        }
    }

    /// The edge a layout marker (`table_title`) makes.
    fn marker_edge(name: &str) -> Edge {
        if name.starts_with("table_summary") {
            Edge::Summary
        } else if name.starts_with("table_title")
            || name == "table_main"
            || name == "table_maininfo"
        {
            Edge::TitleMark
        } else {
            Edge::Mark
        }
    }

    /// Can a cover field written in Han characters start with `c`?  Most characters of a
    /// cover cannot: one lookup rules them out.
    fn starts_field(c: char) -> bool {
        let k = c as usize;
        k < 0x1_0000 && firsts().all[k >> 6] & (1 << (k & 63)) != 0
    }

    /// The first characters of each list of cover words.
    struct Firsts {
        /// A bit per character of the Basic Multilingual Plane: the first characters of all lists.
        all: Vec<u64>,
        summary: Vec<char>,
        label: Vec<char>,
        meta: Vec<char>,
        broker: Vec<char>,
        other: Vec<char>,
    }

    fn firsts() -> &'static Firsts {
        static FIRSTS: OnceLock<Firsts> = OnceLock::new();
        FIRSTS.get_or_init(|| {
            let summary = first_chars(SUMMARY_WORDS.iter().copied().chain(["事件"]));
            let label = first_chars(LABEL_WORDS.iter().copied());
            let meta = first_chars(META_WORDS.iter().copied());
            let broker = first_chars(BROKERS.iter().chain(BRANDS).map(|(k, _)| *k));
            let other = first_chars([
                "请",
                "敬请",
                "谨请",
                "资料来源",
                "数据来源",
                "来源",
                "第",
                "总第",
            ]);
            let mut all = vec![0u64; 0x1_0000 / 64];
            for &c in [&summary, &label, &meta, &broker, &other]
                .into_iter()
                .flatten()
            {
                let k = c as usize;
                if k < 0x1_0000 {
                    all[k >> 6] |= 1 << (k & 63);
                }
            }
            Firsts {
                all,
                summary,
                label,
                meta,
                broker,
                other,
            }
        })
    }

    fn in_set(set: &[char], c: char) -> bool {
        set.binary_search(&c).is_ok()
    }

    fn han_edge(head: &str, i: usize, c: char) -> Option<Cut> {
        let f = firsts();
        let r = &head[i..];
        if in_set(&f.summary, c) {
            if let Some(w) = longest(r, SUMMARY_WORDS) {
                return cut(Edge::Summary, i, i + w.len());
            }
            if r.starts_with("事件:") {
                return cut(Edge::Summary, i, i + "事件".len());
            }
        }
        if let Some(w) = in_set(&f.label, c)
            .then(|| longest(r, LABEL_WORDS))
            .flatten()
        {
            // Labels run together (`行业动态` + `分析`, `事件点评` + `报告`).
            let mut end = i + w.len();
            while let Some(more) = longest(&head[end..], LABEL_WORDS)
                .or_else(|| longest(&head[end..], &["报告", "分析", "研究"]))
            {
                end += more.len();
            }
            if !followed_by_colon(head, end) {
                return cut(Edge::Label, i, end);
            }
        }
        if let Some(w) = in_set(&f.meta, c).then(|| longest(r, META_WORDS)).flatten() {
            return cut(Edge::Meta, i, i + w.len());
        }
        if !in_set(&f.broker, c) && !in_set(&f.other, c) {
            return None;
        }
        if let Some(end) = disclaimer_end(head, i) {
            return cut(Edge::Break, i, end);
        }
        for w in ["资料来源:", "数据来源:", "来源:"] {
            if let Some(rest) = r.strip_prefix(w) {
                let mut end = i + w.len();
                if let Some(src) = longest(rest, SOURCES) {
                    end += src.len();
                } else {
                    end = run_end(head, end, |c| c.is_ascii_alphabetic());
                }
                return cut(Edge::Meta, i, end);
            }
        }
        if let Some(len) = in_set(&f.broker, c).then(|| broker_len(r)).flatten() {
            let mut end = i + len;
            let rest = &head[end..];
            if let Some(w) = longest(
                rest,
                &[
                    "股份有限公司",
                    "有限责任公司",
                    "研究发展中心",
                    "研究所",
                    "研究院",
                ],
            ) {
                end += w.len();
            }
            return cut(Edge::Meta, i, end);
        }
        // An issue number: `第6期`, `总第30期`.
        let num = r.strip_prefix("总第").or_else(|| r.strip_prefix('第'))?;
        let digits = num.bytes().take_while(u8::is_ascii_digit).count();
        (digits > 0 && num[digits..].starts_with('期'))
            .then(|| r.len() - num.len() + digits + '期'.len_utf8())
            .and_then(|len| cut(Edge::Meta, i, i + len))
    }

    /// The length of a broker's name at the start of `r` (`招商证券`, `中金公司`).
    fn broker_len(r: &str) -> Option<usize> {
        // Names are short: `证券` or `研究` comes within eight characters, or a brand.
        let near = right_window(r, 0, 8);
        if !(near.contains("证券")
            || near.contains("研究")
            || BRANDS.iter().any(|(k, _)| r.starts_with(k)))
        {
            return None;
        }
        let named = BROKERS.iter().filter_map(|(k, _)| {
            let t = r.strip_prefix(k)?;
            // `华泰证券`, and the research brand `华泰研究`.
            ["证券", "研究"]
                .iter()
                .find(|w| t.starts_with(**w))
                .map(|w| k.len() + w.len())
        });
        let brands = BRANDS
            .iter()
            .filter(|(k, _)| r.starts_with(k))
            .map(|(k, _)| k.len());
        named.chain(brands).max()
    }

    /// The end of a disclaimer line at byte `i` (`请务必阅读正文之后的免责条款部分`).
    fn disclaimer_end(head: &str, i: usize) -> Option<usize> {
        let r = right_window(head, i, 48);
        let lead = ["请", "敬请", "谨请"].iter().find(|w| r.starts_with(**w))?;
        let opening = right_window(r, lead.len(), 6);
        if !["阅读", "参阅", "参见", "阅"]
            .iter()
            .any(|w| opening.contains(w))
        {
            return None;
        }
        const ENDS: &[&str] = &["声明", "条款", "部分", "申明", "说明"];
        let first = |from: usize| {
            ENDS.iter()
                .filter_map(|w| r[from..].find(w).map(|p| from + p + w.len()))
                .min()
        };
        let mut q = first(lead.len())?;
        loop {
            if let Some(w) = ENDS.iter().find(|w| r[q..].starts_with(**w)) {
                q += w.len();
            } else if r[q..].starts_with('的') {
                match first(q) {
                    Some(e) => q = e,
                    None => break,
                }
            } else {
                break;
            }
        }
        Some(i + q)
    }

    fn digit_edge(head: &str, i: usize) -> Option<Cut> {
        let r = right_window(head, i, 24);
        let b = r.as_bytes();
        let digits = b.iter().take_while(|c| c.is_ascii_digit()).count();
        // A date: `2021年03月08日`, `2020-05-25`, `2020.9.17`.
        if digits == 4 {
            if let Some((_, _, used, _)) = parse_md(&r[4..]) {
                return cut(Edge::Meta, i, i + 4 + used);
            }
        }
        // `20201122`, codes, phone numbers (`021-50586983`).
        if digits >= 6 {
            return cut(Edge::Meta, i, i + digits);
        }
        if (3..=4).contains(&digits) && b.get(digits) == Some(&b'-') {
            // `021-50586983`, `400-072-5588`.
            let group = |from: usize| b[from..].iter().take_while(|c| c.is_ascii_digit()).count();
            let more = group(digits + 1);
            if more >= 7 {
                return cut(Edge::Meta, i, i + digits + 1 + more);
            }
            let end = digits + 1 + more;
            if (3..=4).contains(&more)
                && b.get(end) == Some(&b'-')
                && (4..=5).contains(&group(end + 1))
            {
                return cut(Edge::Meta, i, i + end + 1 + group(end + 1));
            }
        }
        None
    }

    fn latin_edge(head: &str, i: usize) -> Option<Cut> {
        let r = right_window(head, i, 64);
        let b = r.as_bytes();
        // A layout marker that lost its brackets: `table_main`.
        if r.starts_with("table_") {
            let n = b
                .iter()
                .take_while(|c| c.is_ascii_alphanumeric() || **c == b'_')
                .count();
            return cut(marker_edge(&r[..n]), i, i + n);
        }
        // A licence number: `s0860519100426`, `a0230511040052`.
        let digits = b[1..].iter().take_while(|c| c.is_ascii_digit()).count();
        if digits >= 8 {
            // Thirteen digits; more are the next field's (`s1110517110003` + `2020年…`).
            let digits = if digits > 13 { 13 } else { digits };
            return cut(Edge::Meta, i, i + 1 + digits);
        }
        // An e-mail address or a web address: the domain's labels after the first are letters
        // only, so `…@gjzq.com.cn5g时代` ends before `5g`.
        let local = b
            .iter()
            .take_while(|c| c.is_ascii_alphanumeric() || matches!(c, b'.' | b'_' | b'-'))
            .count();
        let web = r.starts_with("www.") || r.starts_with("http");
        if b.get(local) == Some(&b'@') || web {
            let mut k = if web {
                b.iter()
                    .take_while(|c| c.is_ascii_alphanumeric() || matches!(c, b':' | b'/'))
                    .count()
            } else {
                local + 1
            };
            k += b[k..]
                .iter()
                .take_while(|c| c.is_ascii_alphanumeric() || **c == b'-')
                .count();
            while b.get(k) == Some(&b'.') && b.get(k + 1).is_some_and(u8::is_ascii_alphabetic) {
                let label = b[k + 1..]
                    .iter()
                    .take_while(|c| c.is_ascii_alphabetic())
                    .count();
                // `…@gjzq.com.cnpcb全年承压`: a top-level domain glued to a word.
                let tld = [&b"com"[..], b"cn", b"net", b"org", b"hk"]
                    .into_iter()
                    .find(|t| b[k + 1..].starts_with(t));
                k += 1 + match tld {
                    Some(t) if label > t.len() => {
                        k += t.len();
                        break;
                    }
                    _ => label,
                };
            }
            if b.get(k) == Some(&b'/') {
                k += b[k..]
                    .iter()
                    .take_while(|c| c.is_ascii_alphanumeric() || matches!(c, b'/' | b'.' | b'_'))
                    .count();
            }
            return cut(Edge::Meta, i, i + k);
        }
        None
    }

    /// The stretches of the cover between its edges.
    fn stretches(head: &str) -> Vec<Stretch> {
        let mut out = Vec::new();
        let (mut from, mut before) = (0, Edge::End);
        let (mut in_summary, mut title_block) = (false, false);
        let (mut comma, mut resumed) = (false, true);
        let mut i = 0;
        let mut prev: Option<char> = None;
        while let Some(c) = next_char(head, i) {
            // Most characters: Han ones that start no field.
            let plain = is_han(c) && !starts_field(c);
            let word_start = resumed
                || !prev.is_some_and(|p| p.is_ascii_alphanumeric() || matches!(p, '.' | '_' | '-'));
            resumed = false;
            let edge = if plain {
                None
            } else {
                edge_at(head, i, c, comma, word_start)
            };
            let Some(cut) = edge else {
                prev = Some(c);
                if matches!(c, ',' | '、' | ':') && is_clause_mark(head, i) {
                    comma |= c != ':';
                }
                i += c.len_utf8();
                continue;
            };
            let end = cut.end.max(from);
            if end > from {
                out.push(Stretch {
                    start: from,
                    end,
                    before,
                    after: cut.edge,
                    in_summary,
                    title_block,
                });
            }
            match cut.edge {
                Edge::Summary => (in_summary, title_block) = (true, false),
                Edge::TitleMark => title_block = true,
                Edge::Mark => title_block = false,
                _ => {}
            }
            before = cut.edge;
            (from, i) = (cut.resume, cut.resume.max(i + c.len_utf8()));
            from = from.min(i);
            comma = false;
            resumed = true;
            prev = prev_char(head, i);
        }
        if from < head.len() {
            out.push(Stretch {
                start: from,
                end: head.len(),
                before,
                after: Edge::End,
                in_summary,
                title_block,
            });
        }
        out
    }

    /// Trims what cannot start or end a title (separators, a closing mark in front, an opening
    /// one behind).
    fn trim(t: &str) -> &str {
        let t = t.trim_start_matches(|c: char| !(is_title_word_char(c) || "“\"'‘《(<".contains(c)));
        let t = t.trim_end_matches(|c: char| ",:、(-+&.~ <《“‘".contains(c) || c.is_whitespace());
        t
    }

    /// The number of title characters before the first clause mark.
    fn first_clause_len(t: &str) -> usize {
        title_chars(t.split([',', '、', '?', '!']).next().unwrap_or(""))
    }

    /// Drops the industry line glued before a title: `电子行业` + `pc需求增长,…`,
    /// `医疗保健` + `医疗保健设备与服务` + `医美行业研究一:…`.  An industry's own word kept
    /// (`电子` + `电子行业涨幅居前,…`, `医药年报大数据:…`, `银行业2025年度…`).
    fn strip_industry_line(mut t: &str) -> &str {
        let mut prev: Option<&str> = None;
        while let Some((w, level_one)) = industry_prefix(t) {
            let w: &str = w;
            if prev == Some(w) {
                break;
            }
            let rest = &t[w.len()..];
            let hangye = rest.starts_with("行业");
            let after = if hangye {
                &rest["行业".len()..]
            } else {
                rest
            };
            // `医疗器械行业:…`, `电子行业周报:…`: the industry leads the title.
            let lead = longest(rest, LABEL_WORDS).is_some_and(|l| followed_by_colon(rest, l.len()));
            if after.starts_with(':') || lead || title_chars(after) < 6 {
                break;
            }
            let sub_level = prev.is_some_and(|p| w.starts_with(p));
            let next_industry = industry_prefix(rest).is_some();
            let long = w.chars().count() >= 4 && (level_one || first_clause_len(rest) >= 5);
            if !(long || hangye || next_industry || sub_level) {
                break;
            }
            // `行业` goes with the industry unless the title's first clause needs it as its
            // subject (`行业表现稳健,…`).
            t = if hangye && first_clause_len(after) >= 5 {
                after
            } else {
                rest
            };
            prev = Some(w);
        }
        t
    }

    /// Drops ratings and industry lines glued after a title (`…戴维斯双击` + `看好`,
    /// `…双轮驱动` + `汽车`, `…保持平稳增长` + `医药行业推荐维持`).
    fn strip_tail(mut t: &str) -> &str {
        loop {
            let before = t;
            t = trim(t);
            if let Some(w) = RATINGS.iter().find(|w| t.ends_with(**w)) {
                let rest = &t[..t.len() - w.len()];
                if title_chars(rest) >= 6 {
                    t = rest;
                }
            }
            let base = t.strip_suffix("行业").unwrap_or(t);
            if let Some(w) = industry_suffix(base) {
                let rest = &base[..base.len() - w.len()];
                if title_chars(rest) >= 6 {
                    t = rest;
                }
            }
            if t == before {
                return t;
            }
        }
    }

    /// Drops the topic of a series label glued after a title: `…行业机遇` + `5g散热行业`
    /// (+ `深度报告`).
    fn strip_series_topic(t: &str) -> &str {
        let base = t.strip_suffix("行业").unwrap_or(t);
        let base = base.strip_suffix("公司").unwrap_or(base);
        let tail_start = base.char_indices().rev().nth(15).map_or(0, |(k, _)| k);
        let tail = &base[tail_start..];
        // A Latin or numeric word opening the topic (`5g散热`, `2020年11月中国消费电子`),
        // after Han characters.
        let at = tail
            .char_indices()
            .find(|&(k, c)| {
                c.is_ascii_alphanumeric()
                    && prev_char(base, tail_start + k).is_some_and(is_han)
                    && tail[k..].chars().any(is_han)
            })
            .map(|(k, _)| tail_start + k);
        match at {
            Some(k) if title_chars(&base[..k]) >= 6 => &base[..k],
            _ => base,
        }
    }

    /// Words that name a report's type or series, at the end of a subtitle.
    const REPORT_WORDS: &[&str] = &[
        "报告", "周报", "月报", "点评", "策略", "研究", "专题", "总结", "跟踪", "展望", "综述",
    ];

    /// Does the subtitle after the dash at byte `i` name the report's type (`——行业周报`,
    /// `——中芯国际2024年报业绩点评`)?  Then the line before the dash is the title.
    fn subtitle_names_report(head: &str, i: usize) -> bool {
        let from = run_end(head, i, |c| matches!(c, '—' | '―' | '─' | '-'));
        let r = right_window(head, from, 24);
        let words = &r[..run_end(r, 0, |c| is_han(c) || c.is_ascii_alphanumeric())];
        REPORT_WORDS.iter().any(|w| words.contains(w))
            || LABEL_WORDS.iter().any(|w| words.contains(w))
    }

    /// A stretch as a title, with its score, if it can be one.
    fn candidate<'a>(head: &'a str, st: &Stretch) -> Option<(&'a str, i32)> {
        let mut t = trim(&head[st.start..st.end]);
        t = trim(strip_industry_line(t));
        for w in ["研究发展中心", "研究所", "研究院", "有限公司"] {
            t = t.strip_prefix(w).unwrap_or(t);
        }
        // A rating in front (`强于大市`, `中高风险`); short ones (`看好`) may open a title.
        while let Some(w) = RATINGS
            .iter()
            .find(|w| w.chars().count() >= 3 && t.starts_with(**w))
        {
            if title_chars(&t[w.len()..]) < 6 {
                break;
            }
            t = trim(&t[w.len()..]);
        }
        t = strip_tail(t);
        if st.after == Edge::Label {
            t = trim(strip_series_topic(t));
        }
        let t = trim(t);
        let n = title_chars(t);
        let han = t.chars().filter(|c| is_han(*c)).count();
        let digits = t.chars().filter(char::is_ascii_digit).count();
        if !(6..=48).contains(&n)
            || han < 4
            || digits * 100 > n * 35
            || st.after == Edge::Sentence
            || BOILERPLATE.iter().any(|w| t.contains(w))
            || industry_prefix(t).is_some_and(|(w, _)| {
                let rest = &t[w.len()..];
                rest.is_empty() || rest == "行业"
            })
        {
            return None;
        }
        let clause = t.char_indices().any(|(k, c)| {
            matches!(c, '、' | '?' | '!') || matches!(c, ',' | ':') && is_clause_mark(t, k)
        });
        let mut score = 0;
        if clause {
            score += 2;
        }
        if t.contains(['“', '《', '"']) {
            score += 1;
        }
        score += match st.after {
            Edge::Dash | Edge::Summary | Edge::Question => 2,
            Edge::Heading | Edge::Mark | Edge::Meta | Edge::Label | Edge::TitleMark => 1,
            Edge::End | Edge::Sentence | Edge::Cite => 0,
            // Bullets of a summary list.
            Edge::Break => i32::from(next_char(head, st.end).is_some_and(is_bullet)),
        };
        // The first words of the text.
        if st.before == Edge::End {
            score += 1;
        }
        if st.before == Edge::TitleMark || st.title_block {
            score += 2;
        }
        if st.after == Edge::Dash && subtitle_names_report(head, st.end) {
            score += 2;
        }
        // In the summary, a title only before a subtitle (a cover printed after the summary).
        let titled = st.after == Edge::Dash && st.before != Edge::Sentence;
        if st.in_summary && !titled && !st.title_block {
            score -= 3;
        }
        if n > 36 {
            score -= 1;
        }
        // The cover comes first; a title block (or a subtitle) marks a cover printed later.
        if !(st.title_block || st.before == Edge::TitleMark || titled) {
            score -= (st.start / 1500) as i32;
        }
        if t.contains('%') {
            score -= 2;
        }
        (score >= 1).then_some((t, score))
    }

    pub(in super::super) fn cover_title(head: &str) -> Option<String> {
        let sts = stretches(head);
        let mut best: Option<(usize, &str, i32)> = None;
        for (k, st) in sts.iter().enumerate() {
            if let Some((t, score)) = candidate(head, st) {
                if best.is_none_or(|(_, _, b)| score > b) {
                    best = Some((k, t, score));
                }
            }
        }
        if let Some((k, t, _)) = best {
            // A series name and a subtitle after a dash, the specific title: both
            // (`医疗器械行业:眼科医疗器械研究——高速增长的眼科赛道,…`).
            let series = |x: &str, st: &Stretch| {
                st.after == Edge::Dash
                    && SERIES_ENDS.iter().any(|w| x.ends_with(w))
                    && (6..=24).contains(&title_chars(x))
            };
            let subtitle = |y: &str, st: &Stretch| {
                st.before == Edge::Dash
                    && st.after != Edge::Sentence
                    && y.contains([',', '、'])
                    && (6..=40).contains(&title_chars(y))
            };
            let st = &sts[k];
            if series(t, st) {
                if let Some(sub) = sts.get(k + 1) {
                    let y = trim(&head[sub.start..sub.end]);
                    if subtitle(y, sub) {
                        return Some(format!("{t}:{y}"));
                    }
                }
            }
            if let Some(prev) = k.checked_sub(1).map(|j| &sts[j]) {
                let x = trim(&head[prev.start..prev.end]);
                if series(x, prev) && subtitle(t, st) && prev.end + 12 >= st.start {
                    return Some(format!("{x}:{t}"));
                }
            }
            return Some(t.to_string());
        }
        // No title on the cover: the heading of the first main point.
        sts.iter()
            .filter(|st| st.in_summary)
            .map(|st| trim(&head[st.start..st.end]))
            .find(|t| {
                (6..=40).contains(&title_chars(t))
                    && t.chars().filter(|c| is_han(*c)).count() >= 4
                    && !BOILERPLATE.iter().any(|w| t.contains(w))
            })
            .map(str::to_string)
    }
}

#[cfg(test)]
mod tests {
    use super::super::extract_meta;
    use crate::text::normalize::normalize;

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
}

#[cfg(test)]
mod cover_tests {
    use super::super::extract_meta;
    use super::is_descriptive;
    use crate::text::normalize::normalize;

    /// The title of a report named `r7.txt`: the cover alone.
    fn title(text: &str) -> Option<String> {
        extract_meta(&normalize(text), "r7").title
    }

    #[test]
    fn ids_are_not_descriptive_file_names() {
        for id in [
            "6921809",
            "r12",
            "report_7",
            "3f2a9c0e1b7d4e55",
            "1b4e28ba-2fa1-11d2-883f-0016d3cca427",
        ] {
            assert!(!is_descriptive(id), "{id}");
        }
        for name in ["电子行业周报", "tencent q3 results", "deepseek-r1 点评"] {
            assert!(is_descriptive(name), "{name}");
        }
        // Without a title on the cover, an ID is no title either.
        assert_eq!(
            extract_meta(&normalize("完全无关的正文内容。"), "6921809").title,
            None
        );
        assert_eq!(
            extract_meta(&normalize("完全无关的正文内容。"), "医美产业深度剖析")
                .title
                .as_deref(),
            Some("医美产业深度剖析")
        );
    }

    #[test]
    fn cover_title_between_banners_and_summary() {
        // One line: disclaimer, date, the industry line glued in front, a subtitle naming the
        // report type behind.
        let t = "请务必阅读正文之后的免责条款部分证券研究报告2021年01月28日光学光电子行业面板持续高景气,价格继续上行——面板行业深度跟踪报告核心观点面板价格持续上涨。";
        assert_eq!(title(t).as_deref(), Some("面板持续高景气,价格继续上行"));
        // After the analysts' block (licence number, e-mail glued to the title), before a rating.
        let t = "行业研究分析师:张三执业证书编号:s0860519100426zhangsan@abc.com.cn5g渗透加速,终端换机潮来临强于大市(维持)投资要点终端出货增长。";
        assert_eq!(title(t).as_deref(), Some("5g渗透加速,终端换机潮来临"));
        // Other reports cited on the cover are not its title.
        let t = "相关报告1.《景气向上,看好创新驱动》2020.12.222.《春季躁动,板块买什么?》2020.12.15资料来源:wind光伏装机超预期,龙头盈利改善投资建议装机量创新高。";
        assert_eq!(title(t).as_deref(), Some("光伏装机超预期,龙头盈利改善"));
    }

    #[test]
    fn cover_title_labels_glued_or_joined() {
        // A series label glued in front is a line of its own; joined by a colon it leads.
        let t =
            "[Table_Title]电子行业周报\n存储涨价开启，龙头弹性可期\n[Table_Invest]行业评级:增持";
        assert_eq!(title(t).as_deref(), Some("存储涨价开启,龙头弹性可期"));
        let t = "[Table_Title]创新药出海深度：从授权到全球化运营\n[Table_Rank]评级:强于大市";
        assert_eq!(
            title(t).as_deref(),
            Some("创新药出海深度:从授权到全球化运营")
        );
        // A company and its ticker in front, an industry path behind.
        let t = "[Table_Title]比亚迪(002594.SZ)销量再创新高，出海提速\n汽车/乘用车\n[Table_Rank]强烈推荐";
        assert_eq!(title(t).as_deref(), Some("销量再创新高,出海提速"));
        // A Markdown heading.
        let t = "# AI大模型月报（2025年2月）：推理模型百花齐放\n招商证券·行业研究\n## 核心观点\n2月发布密集。";
        assert_eq!(
            title(t).as_deref(),
            Some("ai大模型月报(2025年2月):推理模型百花齐放")
        );
    }

    #[test]
    fn cover_title_printed_after_the_summary() {
        // The summary first, the cover's title block after it: the line before the dash that
        // names the report type.
        let t = "[Table_Summary]主要观点行业要闻:国家医保局公布集采结果。上周医药指数上涨3.73%,跑赢沪深300指数。增持——维持证券研究报告/行业研究日期:2021年02月08日第四批国采结果出炉年报季关注超预期个股——医药生物行业周报行业:医药生物";
        assert_eq!(
            title(t).as_deref(),
            Some("第四批国采结果出炉年报季关注超预期个股")
        );
        // A series name before the dash, the specific title after it: both.
        let t = "报告摘要眼科器械分为三类。相关热点报告医疗器械行业:眼科医疗器械研究——高速增长的眼科赛道,国产器械崛起\u{f0a0}医药科技系列行业概览——2019年中国3d打印行业概览";
        assert_eq!(
            title(t).as_deref(),
            Some("医疗器械行业:眼科医疗器械研究:高速增长的眼科赛道,国产器械崛起")
        );
    }
}
