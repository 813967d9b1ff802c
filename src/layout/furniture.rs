//! Page furniture: the running headers and footers of a report's pages,
//! their page numbers, template markers and download stamps.
//!
//! Found by what they are, not by a list of brokers. A header or footer
//! recurs once per page, so within one report it is a string that recurs
//! (at least twice, at page-like distances) and that says what such lines
//! say: a pointer to the disclaimer (请务必阅读…声明), a copyright or
//! confidentiality note, a licence, a report-type banner. In one-line
//! reports whose whitespace was stripped they are glued inside sentences,
//! so recurrence is looked for in the text, not by line. Around each
//! occurrence, what recurs beside it on every page (the page number, the
//! broker's slogan, the report's short name) belongs to it too.
//!
//! Works on the characters of normalized text (Latin lowercased, NFKC).

use super::marks::{
    banners, download_links, markers, page_rules, repeated_credits, stamps, urls, watermarks,
};
use super::page_numbers::{page_number_after, skip_page_number};
use crate::text::chars::CharSet;
use std::ops::Range;

/// Window length of the recurrence count: long enough that ordinary prose
/// rarely repeats a window by chance, short enough for short footers.
const K: usize = 8;
/// Text around one occurrence that is compared with the other occurrences'
/// (a page number, a running header), at most.
const NEIGHBOUR_CHARS: usize = 30;
/// Length of a recurring core, at least and at most: longer runs are
/// repeated paragraphs, not furniture.
const MIN_CORE: usize = 6;
const MAX_CORE: usize = 160;
/// Cues that also start ordinary references (`请参阅下面的假设`): they count
/// only with what a footer points to shortly after them.
const WEAK_CUES: &[&str] = &["请参阅", "请参见", "请阅读", "敬请参阅", "敬请阅读"];
const POINTED_TO: &[&str] = &[
    "声明",
    "说明",
    "条款",
    "披露",
    "尾页",
    "末页",
    "最后一页",
    "免责",
];

/// What a header or footer says and prose rarely does, normalized.
const CUES: &[&str] = &[
    "请务必",
    "务必阅读",
    "敬请参阅",
    "敬请阅读",
    "请参阅",
    "请参见",
    "请阅读",
    "请仔细阅读",
    "免责",
    "重要声明",
    "法律声明",
    "特别声明",
    "信息披露",
    "版权",
    "仅供",
    "内部使用",
    "工作稿",
    "报告编号",
    "报告编码",
    "证监许可",
    "投资咨询业务资格",
    "证券研究报告",
    "研究报告",
    "行业报告",
    "公司报告",
    "深度报告",
    "点评报告",
    "专题报告",
    "行业研究",
    "公司研究",
    "报告日期",
    "评级说明",
    "分析师声明",
    "page",
    // A broker's or a download site's address printed on every page
    // (`行业动态分析http://www.…/6`, `研报客www.….com3/21`): the words
    // that recur beside it are the page's footer too.
    "http",
    "www.",
];

/// The page furniture of `chars` (normalized text), as sorted, disjoint
/// character ranges.
pub(crate) fn furniture(chars: &[char]) -> Vec<Range<usize>> {
    let mut spans = Vec::new();
    if chars.len() >= 2 * K {
        let cues = cue_positions(chars);
        let counts = WindowCounts::new(chars, &cues);
        for core in recurring_cores(chars, &counts, &cues) {
            let occurrences = counts.occurrences(chars, &core);
            if occurrences.len() < 2 {
                continue;
            }
            let width = core.len();
            let left = common_neighbour(chars, &occurrences, width, Side::Left);
            let right = common_neighbour(chars, &occurrences, width, Side::Right);
            for &at in &occurrences {
                let start = extend(chars, at, &left, Side::Left);
                let end = extend(chars, at + width, &right, Side::Right);
                spans.push(start..end);
            }
        }
    }
    markers(chars, &mut spans);
    stamps(chars, &mut spans);
    download_links(chars, &mut spans);
    super::running_heads::numbered_heads(chars, &mut spans);
    watermarks(chars, &mut spans);
    repeated_credits(chars, &mut spans);
    urls(chars, &mut spans);
    page_rules(chars, &mut spans);
    lone_footers(chars, &mut spans);
    banners(chars, &mut spans);
    super::merge(spans)
}

/// A footer met once (the last page's, a short report's): `请务必阅读…声明`,
/// from the pointer to what it points to, with the page number after it
/// and the broker's name before it.
fn lone_footers(chars: &[char], spans: &mut Vec<Range<usize>>) {
    const POINTERS: [&[char]; 3] = [
        &['请', '务', '必'],
        &['敬', '请', '参', '阅'],
        &['敬', '请', '阅', '读'],
    ];
    const ENDS: [&[char]; 6] = [
        &['声', '明'],
        &['条', '款'],
        &['说', '明'],
        &['披', '露'],
        &['申', '明'],
        &['部', '分'],
    ];
    let mut i = 0;
    while i < chars.len() {
        if !matches!(chars[i], '请' | '敬') || !POINTERS.iter().any(|p| chars[i..].starts_with(p))
        {
            i += 1;
            continue;
        }
        // What it points to ends within 24 characters, with no sentence
        // break on the way.
        let limit = (i + 24).min(chars.len());
        let mut end = None;
        for k in i + 3..limit {
            if matches!(chars[k], '。' | ',' | ';') {
                break;
            }
            if let Some(e) = ENDS.iter().find(|e| chars[k..].starts_with(e)) {
                end = Some(k + e.len());
            }
        }
        let Some(mut end) = end else {
            i += 1;
            continue;
        };
        if chars[end..].starts_with(&['部', '分']) {
            end += 2;
        }
        end = page_number_after(chars, end);
        // The broker's or its research unit's name glued before it.
        let mut start = i;
        let before: String = chars[i.saturating_sub(30)..i].iter().collect();
        for unit in ["研究所", "研究院", "研究中心", "有限公司", "研究部"] {
            if let Some(name) = before.strip_suffix(unit) {
                // The name before the unit: a broker's (`华安证券`) when
                // it is one, else a few characters; not the whole run of
                // Han text, which in a one-line report is the sentence
                // the footer cut (`…推理成本的大幅` + `华安证券研究所`).
                let run = name
                    .chars()
                    .rev()
                    .take_while(|c| crate::text::chars::is_han(*c))
                    .count();
                let broker = name.strip_suffix("证券").and_then(|head| {
                    crate::report::brokers::BROKERS
                        .iter()
                        .filter(|(k, _)| head.ends_with(k))
                        .map(|(k, _)| k.chars().count() + 2)
                        .max()
                });
                let name_len = broker.unwrap_or(run.min(4)).min(run);
                start = i - unit.chars().count() - name_len;
                break;
            }
        }
        spans.push(start..end);
        i = end;
    }
}

/// How often the windows of `K` characters near the cues occur in the
/// whole text. Only those are ever asked for (a core is found around a cue
/// and is at most [`MAX_CORE`] long), so only they are counted: one pass of
/// a rolling hash over the text, a table the size of the cues' surroundings
/// rather than of the text (a prospectus is a block of 800,000 chars).
struct WindowCounts {
    /// Per window start near a cue: its hash; the others are not asked for.
    hash_at: HashMap<usize, u64, MixedKey>,
    /// Where each of those windows occurs in the text, in order.
    starts: HashMap<u64, Vec<usize>, MixedKey>,
}

type HashMap<K, V, S> = std::collections::HashMap<K, V, S>;

/// Keys that need no SipHash: window hashes, already mixed, and positions,
/// mixed by one multiplication.
#[derive(Default, Clone, Copy)]
struct MixedKey;

impl std::hash::BuildHasher for MixedKey {
    type Hasher = MixedKeyHasher;
    fn build_hasher(&self) -> MixedKeyHasher {
        MixedKeyHasher(0)
    }
}

struct MixedKeyHasher(u64);

impl std::hash::Hasher for MixedKeyHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 ^ u64::from(b)).wrapping_mul(0x100_0000_01b3);
        }
    }
    fn write_u64(&mut self, v: u64) {
        self.0 = v.wrapping_mul(0x9e37_79b9_7f4a_7c15);
    }
    fn write_usize(&mut self, v: usize) {
        self.write_u64(v as u64);
    }
}

impl WindowCounts {
    fn new(chars: &[char], cues: &[(usize, usize)]) -> WindowCounts {
        let mut hash_at = HashMap::with_hasher(MixedKey);
        let mut starts: HashMap<u64, Vec<usize>, MixedKey> = HashMap::with_hasher(MixedKey);
        if cues.is_empty() || chars.len() < K {
            return WindowCounts { hash_at, starts };
        }
        let windows = chars.len() + 1 - K;
        // Window starts within reach of a core around each cue.
        let mut near = vec![false; windows];
        for &(i, end) in cues {
            let from = i.saturating_sub(MAX_CORE + 1);
            let to = (end + MAX_CORE).min(windows);
            near[from.min(to)..to].iter_mut().for_each(|n| *n = true);
        }
        // A bit per hash's low 16 bits: almost every window of the text
        // is turned away by one cache-resident lookup.
        let mut seen = vec![0u64; 1 << 10];
        for (s, h) in window_hashes(chars).enumerate() {
            if near[s] {
                hash_at.insert(s, h);
                starts.entry(h).or_default();
                seen[(h as usize & 0xffff) >> 6] |= 1 << (h & 63);
            }
        }
        for (s, h) in window_hashes(chars).enumerate() {
            if seen[(h as usize & 0xffff) >> 6] & (1 << (h & 63)) != 0 {
                if let Some(v) = starts.get_mut(&h) {
                    v.push(s);
                }
            }
        }
        WindowCounts { hash_at, starts }
    }

    fn get(&self, start: usize) -> u8 {
        self.hash_at
            .get(&start)
            .and_then(|h| self.starts.get(h))
            .map_or(0, |v| v.len().min(255) as u8)
    }

    /// The non-overlapping occurrences of `needle`, from the places of its
    /// first window when that was counted (no scan of the text per core).
    fn occurrences(&self, chars: &[char], needle: &[char]) -> Vec<usize> {
        let counted = (needle.len() >= K)
            .then(|| window_hashes(&needle[..K]).next())
            .flatten()
            .and_then(|h| self.starts.get(&h));
        let Some(candidates) = counted else {
            return find_all(chars, needle);
        };
        let mut out = Vec::new();
        let mut next_free = 0;
        for &s in candidates {
            if s >= next_free && chars[s..].starts_with(needle) {
                out.push(s);
                next_free = s + needle.len();
            }
        }
        out
    }
}

/// A polynomial rolling hash of each window of `K` characters, mixed
/// (splitmix64's finalizer) so that its high and low halves are independent.
fn window_hashes(chars: &[char]) -> impl Iterator<Item = u64> + '_ {
    const B: u64 = 0x100_0000_01b3;
    let top = (0..K - 1).fold(1u64, |p, _| p.wrapping_mul(B));
    let mut h = chars[..K - 1]
        .iter()
        .fold(0u64, |h, &c| h.wrapping_mul(B).wrapping_add(u64::from(c)));
    (K - 1..chars.len()).map(move |i| {
        h = h.wrapping_mul(B).wrapping_add(u64::from(chars[i]));
        let mut out = h ^ (h >> 30);
        out = out.wrapping_mul(0xbf58_476d_1ce4_e5b9);
        out ^= out >> 27;
        out = out.wrapping_mul(0x94d0_49bb_1331_11eb);
        out ^= out >> 31;
        h = h.wrapping_sub(top.wrapping_mul(u64::from(chars[i + 1 - K])));
        out
    })
}

/// The recurring strings that hold a cue: around each cue occurrence, the
/// run of windows that recur, trimmed to the part that recurs about as
/// often as its most frequent window (the rest is context that happened
/// to repeat).
/// The cues of `chars`: `(start, end)` of each occurrence of a word of
/// [`CUES`] (a weak one only with what a footer points to after it).
fn cue_positions(chars: &[char]) -> Vec<(usize, usize)> {
    // Built once: there are many blocks.
    static CUE_CHARS: std::sync::LazyLock<Vec<Vec<char>>> =
        std::sync::LazyLock::new(|| CUES.iter().map(|c| c.chars().collect()).collect());
    static FIRSTS: std::sync::LazyLock<CharSet> =
        std::sync::LazyLock::new(|| CharSet::first_chars(CUES.iter().copied()));
    let mut out = Vec::new();
    for i in 0..chars.len() {
        if !FIRSTS.contains(chars[i]) {
            continue;
        }
        let Some((k, cue)) = CUE_CHARS
            .iter()
            .enumerate()
            .find(|(_, c)| chars[i..].starts_with(c))
        else {
            continue;
        };
        let cue_end = i + cue.len();
        if WEAK_CUES.contains(&CUES[k]) {
            let after: String = chars[cue_end..(cue_end + 16).min(chars.len())]
                .iter()
                .collect();
            if !POINTED_TO.iter().any(|w| after.contains(w)) {
                continue;
            }
        }
        out.push((i, cue_end));
    }
    out
}

fn recurring_cores(
    chars: &[char],
    counts: &WindowCounts,
    cues: &[(usize, usize)],
) -> Vec<Vec<char>> {
    let mut cores: Vec<Vec<char>> = Vec::new();
    let mut signatures: Vec<Vec<char>> = Vec::new();
    let mut covered_to = 0;
    for &(i, cue_end) in cues {
        if i < covered_to {
            continue;
        }
        // The recurring window over the cue, and around it the windows that
        // recur about as often: the same line on every page. (Context that
        // happens to recur as well, such as a chart's years, recurs a
        // different number of times.)
        let Some(seed) = (cue_end.saturating_sub(K)..=i)
            .filter(|&s| s + K <= chars.len())
            .max_by_key(|&s| counts.get(s))
        else {
            continue;
        };
        let c0 = u32::from(counts.get(seed));
        if c0 < 2 {
            continue;
        }
        let alike = |s: usize| u32::from(counts.get(s)) * 4 >= c0 * 3;
        let mut first = seed;
        while first > 0 && alike(first - 1) {
            first -= 1;
        }
        let mut last = seed;
        while last + 1 + K <= chars.len() && alike(last + 1) {
            last += 1;
        }
        let (mut start, end) = (first, last + K);
        // (Asked first, before this run covers the cues inside it and
        // before cores inside others are dropped: a weekly's link that is
        // no footer must not take the place of a header found inside it.)
        let run = &chars[start..end];
        if names_an_address(&chars[i..cue_end])
            && !footer_by_address(run, &counts.occurrences(chars, run))
        {
            continue;
        }
        covered_to = end;
        // A footer does not start with the punctuation that ended the
        // sentence before it on every page.
        while start < i && is_punct(chars[start]) {
            start += 1;
        }
        if end - start < MIN_CORE || end - start > MAX_CORE || start > i || end < cue_end {
            continue;
        }
        let core = chars[start..end].to_vec();
        if !cores.contains(&core) {
            cores.push(core);
        }
        // From the cue on: the same footer on a page whose header before
        // it differs.
        let signature = chars[i..end].to_vec();
        if i > start && signature.len() >= K && !signatures.contains(&signature) {
            signatures.push(signature);
        }
    }
    // A core inside another is found with it.
    let all = cores.clone();
    cores.retain(|c| {
        !all.iter()
            .any(|o| o.len() > c.len() && o.windows(c.len()).any(|w| w == &c[..]))
    });
    cores.extend(signatures);
    cores
}

/// Whether a cue is a web address's (`http`, `www.`).
fn names_an_address(cue: &[char]) -> bool {
    cue == ['h', 't', 't', 'p'] || cue == ['w', 'w', 'w', '.']
}

/// Pages an address recurs on, at least, to be a footer's.
const MIN_ADDRESS_PAGES: usize = 4;
/// Han characters a footer prints beside its address, at least: the
/// address alone is hidden as an address already.
const MIN_ADDRESS_WORDS: usize = 2;

/// Whether a core with a web address is a page's footer: the same words
/// beside the address on four pages or more (`行业动态分析http://…`). A
/// weekly's news items each end in their source and its link (`…(某某
/// 时报)http://…`); what recurs before those links is a bracket or a
/// title's end, which is the item's own text.
fn footer_by_address(core: &[char], occurrences: &[usize]) -> bool {
    occurrences.len() >= MIN_ADDRESS_PAGES
        && core.iter().filter(|&&c| crate::text::is_han(c)).count() >= MIN_ADDRESS_WORDS
        && !core
            .iter()
            .any(|c| matches!(c, '(' | ')' | '（' | '）' | '《' | '》' | '“' | '”' | '"'))
}

fn is_punct(c: char) -> bool {
    matches!(c, '。' | ',' | ';' | ':' | '.' | '、' | '!' | '?' | ' ')
}

/// Start indices of the non-overlapping occurrences of `needle`.
fn find_all(hay: &[char], needle: &[char]) -> Vec<usize> {
    let mut out = Vec::new();
    let mut i = 0;
    while i + needle.len() <= hay.len() {
        if hay[i] == needle[0] && hay[i..].starts_with(needle) {
            out.push(i);
            i += needle.len();
        } else {
            i += 1;
        }
    }
    out
}

#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Side {
    Left,
    Right,
}

/// From the edge `at` of an occurrence outwards: past a page number, then
/// past `shared` (read outwards) if it is there, then past a page number
/// again (a header before its page number, or after it).
fn extend(chars: &[char], at: usize, shared: &[char], side: Side) -> usize {
    let mut edge = skip_page_number(chars, at, side);
    if shared.is_empty() {
        return edge;
    }
    let fits = match side {
        Side::Right => chars[edge..].starts_with(shared),
        Side::Left => {
            edge >= shared.len()
                && chars[..edge]
                    .iter()
                    .rev()
                    .take(shared.len())
                    .eq(shared.iter())
        }
    };
    if fits {
        edge = match side {
            Side::Right => edge + shared.len(),
            Side::Left => edge - shared.len(),
        };
        edge = skip_page_number(chars, edge, side);
    }
    edge
}

/// What most occurrences (of a core `width` long) have beside them, page
/// numbers skipped, read outwards: a running header or slogan that every
/// page prints next to its footer. At most [`NEIGHBOUR_CHARS`]; empty
/// unless long enough not to be a coincidence.
fn common_neighbour(chars: &[char], at: &[usize], width: usize, side: Side) -> Vec<char> {
    if at.len() < 2 {
        return Vec::new();
    }
    // The neighbour of each occurrence, read outwards, after any page number.
    let neighbours: Vec<Vec<char>> = at
        .iter()
        .map(|&a| match side {
            Side::Right => {
                let from = skip_page_number(chars, a + width, Side::Right);
                chars[from..(from + NEIGHBOUR_CHARS).min(chars.len())].to_vec()
            }
            Side::Left => {
                let to = skip_page_number(chars, a, Side::Left);
                chars[to.saturating_sub(NEIGHBOUR_CHARS)..to]
                    .iter()
                    .rev()
                    .copied()
                    .collect()
            }
        })
        .collect();
    // The longest prefix shared by at least two thirds of them, a
    // character at a time: the most common next character among those
    // that still agree.
    let need = (at.len() * 2).div_ceil(3).max(2);
    let mut agreeing = vec![true; neighbours.len()];
    let mut prefix = Vec::new();
    while prefix.len() < NEIGHBOUR_CHARS {
        let len = prefix.len();
        let mut votes: Vec<(char, usize)> = Vec::new();
        for (n, _) in neighbours
            .iter()
            .zip(&agreeing)
            .filter(|(n, a)| **a && n.len() > len)
        {
            match votes.iter_mut().find(|v| v.0 == n[len]) {
                Some(v) => v.1 += 1,
                None => votes.push((n[len], 1)),
            }
        }
        let Some(&(next, count)) = votes.iter().max_by_key(|v| v.1) else {
            break;
        };
        if count < need {
            break;
        }
        for (n, a) in neighbours.iter().zip(agreeing.iter_mut()) {
            *a &= n.get(len) == Some(&next);
        }
        prefix.push(next);
    }
    // A header does not end with the punctuation that ended the sentence
    // before it on every page.
    if matches!(side, Side::Left) {
        while prefix.last().is_some_and(|&c| is_punct(c)) {
            prefix.pop();
        }
    }
    // Two pages can share a short word by chance.
    let enough = if at.len() == 2 { 4 } else { 3 };
    if prefix.len() < enough {
        return Vec::new();
    }
    prefix
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spans_of(text: &str) -> Vec<String> {
        let chars: Vec<char> = text.chars().collect();
        furniture(&chars)
            .into_iter()
            .map(|r| chars[r].iter().collect())
            .collect()
    }

    #[test]
    fn words_printed_beside_a_pages_address_are_its_footer() {
        let sentences = [
            "三季度行业需求回暖,龙头公司订单饱满,产能利用率维持高位。",
            "下游客户库存回到健康水平,备货节奏好于去年同期。",
            "原材料价格自高位回落,单位盈利有望继续修复。",
            "海外客户认证陆续通过,新产能爬坡顺利推进。",
            "PC品类",
        ];
        let text: String = sentences
            .iter()
            .enumerate()
            .map(|(k, s)| format!("{s}行业动态分析http://www.example-sec.cn/{}", k + 2))
            .collect::<Vec<_>>()
            .join("");
        let found = spans_of(&text);
        assert_eq!(found.len(), 5, "{found:?}");
        assert!(
            found.iter().all(|f| f.starts_with("行业动态分析http")),
            "{found:?}"
        );
        // A weekly's news items end in their source and its link: the
        // bracket before every link is the item's own.
        let news: String = (1..=5)
            .map(|k| format!("某某公司第{k}项公告披露了新的产能规划。(某某时报)http://www.news-site.cn/a{k}.html"))
            .collect();
        let found = spans_of(&news);
        assert!(found.iter().all(|f| f.starts_with("http")), "{found:?}");
    }

    #[test]
    fn a_watermark_before_a_numbered_heading_is_furniture() {
        // An encoded copy number, the page number and the next heading's
        // number run together: the dot before Han text is no URL's.
        let text =
            "企业的综合能力qxzbmde3mdy3ntiwmjaxmjixmtawnzq3192.总结：短看供给，长看采浆能力。";
        let found = spans_of(text);
        assert!(found.iter().any(|f| f.starts_with("qxzbmde3")), "{found:?}");
        // A run joined to a URL's next part stays out of the watermark rule.
        let url = "详见qxzbmde3mdy3ntiwmjaxmjixmtawnzq3.example官网说明。";
        assert!(!spans_of(url).iter().any(|f| f.starts_with("qxzb")));
    }

    #[test]
    fn a_printed_page_rule_inside_a_sentence_is_furniture_a_dashed_leader_is_not() {
        let rule = "-".repeat(30);
        let text = format!("降价是国家、省级、试点地区集{rule}中采购的主基调，国产替代加速。");
        assert_eq!(spans_of(&text), vec![rule.clone()]);
        // A short dash is the sentence's own.
        assert!(spans_of("伴随诊断产品--某某生物人类基因突变检测试剂盒获批。").is_empty());
        // Leading to page numbers, close together, the dashes are a table
        // of contents' leaders.
        let toc = format!("图6：百万人手术数量{rule}10图7：2014-2020年市场规模{rule}11");
        assert!(spans_of(&toc).is_empty(), "{:?}", spans_of(&toc));
        // Before the next page's heading or its page number, a rule.
        let heading = format!("行业规模快速增长。{rule}1.2行业发展情况全球市场稳步扩张。");
        assert_eq!(spans_of(&heading), vec![rule.clone()]);
        let page = format!("行业规模快速增长。{rule}4从我们草根调研的情况看，需求旺盛。");
        assert_eq!(spans_of(&page), vec![rule.clone()]);
    }

    #[test]
    fn a_glued_footer_with_its_page_numbers() {
        let page =
            |n: usize, body: &str| format!("{body}请务必阅读最后一页股票评级说明和免责声明{n}");
        let text = [
            page(1, "行业研究报告摘要公司营收增长显著，主要产品销量提升，"),
            page(2, "毛利率改善。海外市场拓展顺利,"),
            page(3, "新产品放量带来增量。我们维持推荐评级,"),
            "风险提示:需求不及预期。".to_string(),
        ]
        .concat();
        let found = spans_of(&text);
        assert_eq!(
            found,
            vec![
                "请务必阅读最后一页股票评级说明和免责声明1",
                "请务必阅读最后一页股票评级说明和免责声明2",
                "请务必阅读最后一页股票评级说明和免责声明3",
            ]
        );
    }

    #[test]
    fn a_running_header_beside_the_footer_goes_with_it() {
        let text = "公司在海外的收入继续增长,占比提升到三成。公司研究报告/爱美客(300896)请务必阅读正文后的重要声明部分二、玻尿酸行业景气度高,需求旺盛。公司研究报告/爱美客(300896)请务必阅读正文后的重要声明部分三、嗨体放量,产品结构优化,毛利率维持高位。";
        let found = spans_of(text);
        assert_eq!(found.len(), 2, "{found:?}");
        assert!(found
            .iter()
            .all(|s| s == "公司研究报告/爱美客(300896)请务必阅读正文后的重要声明部分"));
    }

    #[test]
    fn repeated_prose_without_a_cue_is_not_furniture() {
        let text = "公司2020年实现营业收入10亿元，同比增长20%。另一家公司2020年实现营业收入12亿元，同比增长25%。第三家公司2020年实现营业收入8亿元，同比增长5%。";
        assert!(spans_of(text).is_empty());
    }

    #[test]
    fn markers_and_stamps() {
        let text = "[table_title]行业周报[table_summary]投资要点:景气上行。下载于27040764/47054/2020062319:29。全文链接:http://www.x.com/a.pdf结束";
        assert_eq!(
            spans_of(text),
            vec![
                "[table_title]",
                "[table_summary]",
                "27040764/47054/2020062319:29",
                "全文链接:http://www.x.com/a.pdf",
            ]
        );
    }

    #[test]
    fn a_weeklys_download_link_goes_with_its_title() {
        // Normalized text. 顺络电子 and 江海股份 are in the built-in table.
        let text = "维持买入评级。点击下载全文:顺络电子(002138ch,买入):期间费用结构优化，新品扩张兑现江海股份(002484.sz)四季度净利润创新高。";
        assert_eq!(
            spans_of(text),
            vec!["点击下载全文:顺络电子(002138ch,买入):期间费用结构优化，新品扩张兑现"]
        );
        // The last link of a list runs into a chart's source.
        let text = "维持买入。点击下载全文:顺络电子(002138ch,买入):高景气持续资料来源:某某研究";
        assert_eq!(
            spans_of(text),
            vec!["点击下载全文:顺络电子(002138ch,买入):高景气持续"]
        );
        // A next company the table does not name: the title stays.
        let text = "维持买入。点击下载全文:顺络电子(002138ch,买入):高景气持续某某未名(999999.sz)营收增长。";
        assert_eq!(
            spans_of(text),
            vec!["点击下载全文:顺络电子(002138ch,买入):"]
        );
    }

    #[test]
    fn a_dated_page_stamp_goes_with_its_footer() {
        // Normalized text: `P.5` is lowercased.
        let text = [
            "公司订单能见度达到三至四个月，稼动率超过九成。",
            "2031年03月28日p.5请仔细阅读本报告末页声明",
            "被动元件价格持续上涨，龙头厂商继续扩产。",
            "2031年03月28日p.6请仔细阅读本报告末页声明",
            "车用电子需求旺盛，高容产品供不应求，交期拉长。",
            "2031年03月28日p.7请仔细阅读本报告末页声明",
            "我们看好行业景气度贯穿全年。",
        ]
        .concat();
        let found = spans_of(&text);
        assert_eq!(found.len(), 3, "{found:?}");
        assert!(found[0].starts_with("2031年03月28日p.5"), "{found:?}");
    }

    #[test]
    fn credit_lines_run_together_are_furniture_one_after_a_sentence_is_not() {
        let text =
            "长江证券整理长江证券整理长江证券整理医美2.0:新医美,轻医美最受青睐。数据由本所整理。";
        assert_eq!(spans_of(text), vec!["长江证券整理长江证券整理长江证券整理"]);
    }

    #[test]
    fn a_download_site_after_a_rule_is_a_stamp() {
        let text = "毛利率（%）资料来源：某某研究，公司招股书------------------------------www.example88stock.com公司研发投入超过同行之和，研发费用率维持在一成左右。";
        assert_eq!(
            spans_of(text),
            vec!["------------------------------www.example88stock.com"]
        );
    }

    #[test]
    fn quantities_are_not_page_numbers() {
        let chars: Vec<char> = "免责声明2020年".chars().collect();
        assert_eq!(page_number_after(&chars, 4), 4);
        let chars: Vec<char> = "免责声明12.5%".chars().collect();
        assert_eq!(page_number_after(&chars, 4), 4);
        let chars: Vec<char> = "免责声明1/18上市".chars().collect();
        assert_eq!(page_number_after(&chars, 4), 8);
        let chars: Vec<char> = "声明第2页共3页简单".chars().collect();
        assert_eq!(page_number_after(&chars, 2), 8);
    }
}
