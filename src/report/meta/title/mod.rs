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
/// hash, a UUID, a dataset's record name (`finnl_train_02952`: Latin words and a record number).
/// It is descriptive with two Han characters, or two Latin words of three letters or more that
/// are not hex digits alone (`tencent q3 results`).
pub(super) fn is_descriptive(stem: &str) -> bool {
    if stem.chars().filter(|c| is_han(*c)).count() >= 2 {
        return true;
    }
    if ends_with_record_number(stem) {
        return false;
    }
    stem.split(|c: char| !c.is_ascii_alphabetic())
        .filter(|w| w.len() >= 3 && !w.chars().all(|c| c.is_ascii_hexdigit()))
        .count()
        >= 2
}

/// `…_02952`, `…-000123`, `… 123456`: a zero-padded number or one of five digits or more, after
/// a separator: records are numbered so, a year (`_2024`) or a quarter (`q3`) is not.
fn ends_with_record_number(stem: &str) -> bool {
    let Some((_, last)) = stem.rsplit_once(['_', '-', ' ']) else {
        return false;
    };
    last.bytes().all(|b| b.is_ascii_digit())
        && (last.len() >= 5 || (last.len() >= 3 && last.starts_with('0')))
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

mod cover;

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
            "finnl_train_02952",
            "news-archive 123456",
        ] {
            assert!(!is_descriptive(id), "{id}");
        }
        for name in [
            "电子行业周报",
            "tencent q3 results",
            "deepseek-r1 点评",
            "apple annual results_2024",
        ] {
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
