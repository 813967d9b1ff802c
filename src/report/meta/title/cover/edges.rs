//! Where a stretch of cover text ends: the edges (markers, fields, punctuation) found at a
//! position of the cover.

use super::*;

pub(super) struct Cut {
    pub(super) edge: Edge,
    pub(super) end: usize,
    pub(super) resume: usize,
}

pub(super) fn cut(edge: Edge, i: usize, resume: usize) -> Option<Cut> {
    Some(Cut {
        edge,
        end: i,
        resume,
    })
}

/// The end of a run of characters of `set` from byte `i`.
pub(super) fn run_end(s: &str, i: usize, set: impl Fn(char) -> bool) -> usize {
    s[i..]
        .char_indices()
        .find(|(_, c)| !set(*c))
        .map_or(s.len(), |(k, _)| i + k)
}

/// An edge of a stretch at byte `i` (char `c`), if one starts there.  `comma`: the stretch
/// so far has a clause comma; `word_start`: `i` starts a Latin word.
pub(super) fn edge_at(head: &str, i: usize, c: char, comma: bool, word_start: bool) -> Option<Cut> {
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
            let cited =
                prev.is_some_and(|p| p.is_ascii_digit() || p == '.') || !after.is_some_and(is_han);
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
        '/' if prev.is_some_and(is_han) && next.is_some_and(is_han) => cut(Edge::Break, i, i + 1),
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
pub(super) fn marker_edge(name: &str) -> Edge {
    if name.starts_with("table_summary") {
        Edge::Summary
    } else if name.starts_with("table_title") || name == "table_main" || name == "table_maininfo" {
        Edge::TitleMark
    } else {
        Edge::Mark
    }
}

/// Can a cover field written in Han characters start with `c`?  Most characters of a
/// cover cannot: one lookup rules them out.
pub(super) fn starts_field(c: char) -> bool {
    let k = c as usize;
    k < 0x1_0000 && firsts().all[k >> 6] & (1 << (k & 63)) != 0
}

/// The first characters of each list of cover words.
pub(super) struct Firsts {
    /// A bit per character of the Basic Multilingual Plane: the first characters of all lists.
    pub(super) all: Vec<u64>,
    pub(super) summary: Vec<char>,
    pub(super) label: Vec<char>,
    pub(super) meta: Vec<char>,
    pub(super) broker: Vec<char>,
    pub(super) other: Vec<char>,
}

pub(super) fn firsts() -> &'static Firsts {
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

pub(super) fn in_set(set: &[char], c: char) -> bool {
    set.binary_search(&c).is_ok()
}

pub(super) fn han_edge(head: &str, i: usize, c: char) -> Option<Cut> {
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
pub(super) fn broker_len(r: &str) -> Option<usize> {
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
pub(super) fn disclaimer_end(head: &str, i: usize) -> Option<usize> {
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

pub(super) fn digit_edge(head: &str, i: usize) -> Option<Cut> {
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
        if (3..=4).contains(&more) && b.get(end) == Some(&b'-') && (4..=5).contains(&group(end + 1))
        {
            return cut(Edge::Meta, i, i + end + 1 + group(end + 1));
        }
    }
    None
}

pub(super) fn latin_edge(head: &str, i: usize) -> Option<Cut> {
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
