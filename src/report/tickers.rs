//! Stock ticker recognition in normalized report text (yanbao issue 3).
//!
//! Input is text already passed through `normalize::normalize` (NFKC, Latin lowercased, CJK-adjacent
//! whitespace removed), so full-width "（600519．ＳＨ）" arrives as "(600519.sh)". Matching is still
//! ASCII-case-insensitive so un-normalized query terms work too. All offsets returned are CHAR offsets.
//!
//! # Recognised written forms
//!
//! A-shares (a maximal run of exactly 6 ASCII digits):
//! - bare `600519`, `(600519)` — `explicit == false`; the exchange is inferred from the code
//!   (60/68/90 -> SH, 00/30/20 -> SZ, 43/83/87/88/92 -> BJ, otherwise unknown). The hit spans the
//!   digits only (brackets are punctuation, not part of the ticker).
//! - suffix `600519.sh`, `600519.ss`, `600519.sz`, `600519.bj` — the exchange as written;
//!   `600519.ch` (Bloomberg "China") and `832456.oc` / `832456.nq` (NEEQ / 新三板) — market written,
//!   exchange inferred from the code. All `explicit == true`.
//! - glued or space-separated suffix `000725sz`, `688127ch`, `600519 sh` (only sh/sz/bj/ch; the
//!   extractor strips spaces, and reports write "(000725SZ,买入)" / "688127CH").
//! - Bloomberg tail: a suffix may be followed by `equity` or ` equity` ("002241chequity"), which
//!   is included in the hit.
//! - prefix `sh600519`, `sz000001`, `bj920001`, `sh.600519` (baostock style) and `sz:002422` —
//!   exchange as written.
//!
//! - run into the number before it, as whitespace-stripped tables print them
//!   (`128.40300760迈瑞医疗`, `2021/3/15300760迈瑞医疗`, `66.20-300760迈瑞医疗`): the last six
//!   digits are a code only when a ticker suffix or the company's own name (a name of that code in
//!   the built-in alias table) follows; `16005190000` stays a number.
//!
//! Hong Kong (a maximal run of 1-5 ASCII digits; the HK marker is required, except for HKEX's own
//! five-digit form with its leading zero):
//! - `0700.hk`, `700.hk`, `00700.hk`, `0700 hk`, `0700hk`, `hk0700`, `hk.0700`, `hk:0700`,
//!   `1810hkequity`; bare `00700`, `(01501)` (`explicit == false`, the bare-number checks apply).
//!   Canonical code: leading zeros stripped, then zero-padded to 4 digits ("0700", "80737").
//!
//! # Boundaries (why a digit run is NOT a mention)
//! - The whole written form must not be preceded by a digit or a Latin letter (certificate numbers
//!   "s0760518030002", identifiers "abc600519"), with two exceptions for text whose spaces the PDF
//!   extractor removed: the previous hit ends exactly there ("600171.sh002079.sz": that "sh" is the
//!   previous ticker's suffix), or the letters are a name's share-class marker, i.e. "-" plus 1-2
//!   letters after a non-ASCII char ("小米集团-w1810hk", "中芯国际-u688981.sh", "买入-a300294").
//! - The code must not be followed by a digit (the digit run is maximal, so "16005190000" and phone
//!   numbers never yield a 6-digit code).
//! - A code followed by a Latin letter that does not start a recognised suffix ("600519abc",
//!   "005930.ks" Korea, "100000t") is not a mention at all — an identifier, a foreign ticker or a
//!   quantity — not even a bare one.
//! - After a *dotted* suffix a digit may follow ("600171.sh002079.sz", "1763.hk24.10" from glued
//!   tables); after a glued or spaced suffix it may not, because "1347hk1.88" is ambiguous with the
//!   prefix form "hk1" (neither reading is taken).
//! - A suffix followed by other Latin letters is not a suffix ("202401.shtml" yields nothing;
//!   "600519 shares" is a bare 600519); "hkd" and "hk$" are currency.
//! - Bare codes only (the weak form) are additionally rejected when they look like part of a number
//!   or another kind of code: preceded by "<digit>." / "<digit>-" / "<digit>," (decimals, phone
//!   numbers, ranges "202401-202406", glued number columns "472,251520,616565"), followed by "." /
//!   "-" / "," + digit, preceded by a currency sign or '*', followed by '*' (masked ID numbers), or
//!   by a unit character (元 万 亿 股 吨 % ...: "600000元" is money, not 浦发银行), or preceded by
//!   "邮编"/"邮政编码" (postal code 300051). A bare list "600519,000001" is therefore dropped.
//!   "000000" is never a code.
//! - HK: a 3-digit run after "<digit>," is a thousands group ("1,700.hk" is not 0700.HK); a run after
//!   "<digit>." is a decimal fraction ("4.60981.hk"); 5 significant digits right after "%", "-" or
//!   ")" are a glued table row number ("-85.5%53692.hk" is "...5" + "3692.hk", dropped).
//!
//! # Identity
//! [`Ticker::index_key`] is the 6 digits for every A-share form, so `600519`, `600519.sh` and
//! `sh600519` find one another, and so do `000001.sh` (the SSE index) and `000001.sz` (平安银行):
//! the issue asks that a bare code match every explicit form, which forces one key per code.
//! HK keys are "hk:" + canonical digits, so 0700.HK never collides with an A-share code.

use std::fmt;

/// Stock exchange of a ticker.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Exchange {
    /// Shanghai Stock Exchange (`.SH`).
    Sh,
    /// Shenzhen Stock Exchange (`.SZ`).
    Sz,
    /// Beijing Stock Exchange (`.BJ`).
    Bj,
    /// Hong Kong Exchanges (`.HK`).
    Hk,
}

impl Exchange {
    /// Upper-case suffix used in canonical forms ("SH", "SZ", "BJ", "HK").
    pub fn suffix(self) -> &'static str {
        match self {
            Exchange::Sh => "SH",
            Exchange::Sz => "SZ",
            Exchange::Bj => "BJ",
            Exchange::Hk => "HK",
        }
    }

    /// Exchange of a 6-digit A-share code inferred from its first two digits, if the range is known.
    pub fn infer_a_share(code: &str) -> Option<Exchange> {
        match code.as_bytes().get(..2)? {
            b"60" | b"68" | b"90" => Some(Exchange::Sh),
            b"00" | b"30" | b"20" => Some(Exchange::Sz),
            b"43" | b"83" | b"87" | b"88" | b"92" => Some(Exchange::Bj),
            _ => None,
        }
    }
}

/// A listed security code.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Ticker {
    /// A-share: 6 digits; HK: canonical digits without suffix, at least 4 (zero-padded).
    pub code: String,
    /// `None`: bare A-share code whose exchange is unknown.
    pub exchange: Option<Exchange>,
}

impl Ticker {
    /// An A-share ticker from exactly 6 ASCII digits; `exchange: None` means "infer from the code".
    pub fn a_share(code: &str, exchange: Option<Exchange>) -> Option<Ticker> {
        if code.len() != 6 || !code.bytes().all(|b| b.is_ascii_digit()) || code == "000000" {
            return None;
        }
        if exchange == Some(Exchange::Hk) {
            return None;
        }
        Some(Ticker {
            code: code.to_string(),
            exchange: exchange.or_else(|| Exchange::infer_a_share(code)),
        })
    }

    /// A Hong Kong ticker from ASCII digits (leading zeros ignored; 1-5 significant digits, not all
    /// zero).
    pub fn hk(digits: &str) -> Option<Ticker> {
        if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        let significant = digits.trim_start_matches('0');
        if significant.is_empty() || significant.len() > 5 {
            return None;
        }
        Some(Ticker {
            code: format!("{significant:0>4}"),
            exchange: Some(Exchange::Hk),
        })
    }

    /// Whether the ticker is listed in Hong Kong.
    pub fn is_hk(&self) -> bool {
        self.exchange == Some(Exchange::Hk)
    }

    /// "600519.SH", "0700.HK"; a bare code of unknown exchange is just its digits ("123456").
    pub fn canonical(&self) -> String {
        match self.exchange {
            Some(ex) => format!("{}.{}", self.code, ex.suffix()),
            None => self.code.clone(),
        }
    }

    /// Lowercase index term, identical for every written form of one ticker: the 6 digits for
    /// A-shares (whatever exchange was written or inferred), "hk:0700" for Hong Kong.
    pub fn index_key(&self) -> String {
        if self.is_hk() {
            format!("hk:{}", self.code)
        } else {
            self.code.clone()
        }
    }
}

impl fmt::Display for Ticker {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.canonical())
    }
}

/// One ticker mention; `start..end` are char offsets into the normalized text and span the whole
/// written form (prefix/suffix included, surrounding brackets excluded).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TickerHit {
    /// First char of the written form.
    pub start: usize,
    /// One past its last char.
    pub end: usize,
    /// The ticker written there.
    pub ticker: Ticker,
    /// A market marker (prefix or suffix) was written; `false` for bare 6-digit codes, which may be
    /// ordinary numbers ("202401") — callers decide (see `AliasTable::is_listed_hit`).
    pub explicit: bool,
}

/// All ticker mentions in normalized text, left to right, non-overlapping.
///
/// One pass over the bytes: only maximal ASCII digit runs are examined, each with a bounded look
/// at a few bytes on either side, so the cost is linear with no backtracking.
pub fn find_tickers(normalized: &str) -> Vec<TickerHit> {
    let b = normalized.as_bytes();
    let mut hits = Vec::new();
    let mut prev_end: Option<usize> = None;
    // Byte -> char offset conversion, advanced incrementally because hits come in order.
    let mut cur_byte = 0usize;
    let mut cur_char = 0usize;
    let mut to_char = |target: usize| -> usize {
        if let Some(seg) = b.get(cur_byte..target) {
            cur_char += seg.iter().filter(|&&x| (x & 0xC0) != 0x80).count();
            cur_byte = target;
        }
        cur_char
    };
    let mut i = 0;
    while i < b.len() {
        if !b[i].is_ascii_digit() {
            i += 1;
            continue;
        }
        let s = i;
        while i < b.len() && b[i].is_ascii_digit() {
            i += 1;
        }
        let e = i;
        let m = match e - s {
            6 => match_a_share(normalized, s, e, prev_end)
                .or_else(|| match_glued_a_share(normalized, s, e, prev_end)),
            1..=5 => match_hk(normalized, s, e, prev_end),
            _ => match_glued_a_share(normalized, s, e, prev_end),
        };
        if let Some(m) = m {
            let start = to_char(m.start);
            let end = to_char(m.end);
            hits.push(TickerHit {
                start,
                end,
                ticker: m.ticker,
                explicit: m.explicit,
            });
            prev_end = Some(m.end);
            i = m.end.max(e);
        }
    }
    hits
}

/// If the query term is shaped like a ticker (any written form, optionally in brackets, surrounding
/// whitespace ignored), return it. The index-key form "hk:0700" is accepted too. A bare 6-digit
/// number is returned as a (possibly exchange-less) A-share ticker, five digits with a leading zero
/// as a Hong Kong one; other bare 1-5 digit numbers are not tickers (the HK marker is required).
pub fn parse_ticker_query(normalized_term: &str) -> Option<Ticker> {
    let mut term = normalized_term.trim().to_ascii_lowercase();
    for (open, close) in [('(', ')'), ('[', ']'), ('【', '】'), ('（', '）')] {
        if term.starts_with(open) && term.ends_with(close) && term.len() > 2 {
            term = term[open.len_utf8()..term.len() - close.len_utf8()]
                .trim()
                .to_string();
            break;
        }
    }
    if let Some(rest) = term.strip_prefix("hk:") {
        return Ticker::hk(rest.trim());
    }
    let hits = find_tickers(&term);
    match hits.as_slice() {
        [h] if h.start == 0 && h.end == term.chars().count() => Some(h.ticker.clone()),
        _ => None,
    }
}

/// A candidate mention in byte offsets.
struct Match {
    start: usize,
    end: usize,
    ticker: Ticker,
    explicit: bool,
}

/// Market markers that may follow an A-share code.
#[derive(Clone, Copy, PartialEq, Eq)]
enum AMarker {
    Sh,
    Ss,
    Sz,
    Bj,
    /// Bloomberg "CH" (China A), NEEQ ".OC"/".NQ": market known, exchange inferred from the code.
    Market,
}

fn a_marker(pair: &[u8]) -> Option<(AMarker, bool)> {
    // The bool says whether the marker may be written without a dot.
    let lower = [
        pair.first()?.to_ascii_lowercase(),
        pair.get(1)?.to_ascii_lowercase(),
    ];
    match &lower {
        b"sh" => Some((AMarker::Sh, true)),
        b"sz" => Some((AMarker::Sz, true)),
        b"bj" => Some((AMarker::Bj, true)),
        b"ch" => Some((AMarker::Market, true)),
        b"ss" => Some((AMarker::Ss, false)),
        b"oc" | b"nq" => Some((AMarker::Market, false)),
        _ => None,
    }
}

fn a_prefix_exchange(pair: &[u8]) -> Option<Exchange> {
    let lower = [
        pair.first()?.to_ascii_lowercase(),
        pair.get(1)?.to_ascii_lowercase(),
    ];
    match &lower {
        b"sh" => Some(Exchange::Sh),
        b"sz" => Some(Exchange::Sz),
        b"bj" => Some(Exchange::Bj),
        _ => None,
    }
}

fn is_hk_marker(pair: &[u8]) -> bool {
    pair.len() == 2 && pair.eq_ignore_ascii_case(b"hk")
}

/// Latin letter: ASCII or the Latin-1/Extended/Additional blocks (an accented letter glued to digits
/// makes an identifier just like an ASCII one).
fn is_latin_letter(c: char) -> bool {
    c.is_ascii_alphabetic()
        || (matches!(c as u32, 0xC0..=0x24F | 0x1E00..=0x1EFF) && c.is_alphabetic())
}

fn is_word_char(c: char) -> bool {
    c.is_ascii_digit() || is_latin_letter(c)
}

fn prev_char(t: &str, pos: usize) -> Option<char> {
    t.get(..pos)?.chars().next_back()
}

fn next_char(t: &str, pos: usize) -> Option<char> {
    t.get(pos..)?.chars().next()
}

fn byte_at(t: &str, pos: usize) -> Option<u8> {
    t.as_bytes().get(pos).copied()
}

fn digit_at(t: &str, pos: usize) -> bool {
    byte_at(t, pos).is_some_and(|b| b.is_ascii_digit())
}

/// The written form may start at `pos`: text start, end of the previous hit, a non-word char, or
/// the end of a Chinese name's share-class marker ("小米集团-w1810hk": the extractor removed the
/// space after "-W").
fn left_is_boundary(t: &str, pos: usize, prev_end: Option<usize>) -> bool {
    if prev_end == Some(pos) {
        return true;
    }
    match prev_char(t, pos) {
        None => true,
        Some(c) if c.is_ascii_alphabetic() => after_name_marker(t, pos),
        Some(c) => !is_word_char(c),
    }
}

/// `pos` follows "<non-ASCII>-" plus 1-2 ASCII letters, like "集团-w" or "国际-u".
fn after_name_marker(t: &str, pos: usize) -> bool {
    let b = t.as_bytes();
    let mut p = pos;
    while p > 0 && b[p - 1].is_ascii_alphabetic() && pos - p < 3 {
        p -= 1;
    }
    let letters = pos - p;
    (1..=2).contains(&letters)
        && p >= 2
        && b[p - 1] == b'-'
        && prev_char(t, p - 1).is_some_and(|c| !c.is_ascii())
}

fn starts_with_ci(t: &str, pos: usize, word: &[u8]) -> bool {
    t.as_bytes()
        .get(pos..pos + word.len())
        .is_some_and(|s| s.eq_ignore_ascii_case(word))
}

/// End of a suffix whose marker letters end at `p`: `None` if what follows makes the letters part of
/// a longer word (or currency "hk$"), else the end, extended over a Bloomberg "equity" tail.
fn after_marker(t: &str, p: usize, allow_digit: bool) -> Option<usize> {
    match next_char(t, p) {
        None => Some(p),
        Some(c) if c.is_ascii_digit() => allow_digit.then_some(p),
        Some(c) if is_latin_letter(c) => {
            (starts_with_ci(t, p, b"equity") && word_ends(t, p + 6)).then_some(p + 6)
        }
        Some(' ') if starts_with_ci(t, p + 1, b"equity") && word_ends(t, p + 7) => Some(p + 7),
        Some('$') => None,
        Some(_) => Some(p),
    }
}

fn word_ends(t: &str, p: usize) -> bool {
    next_char(t, p).is_none_or(|c| !is_latin_letter(c))
}

/// Separator between a code and its suffix: (length, dotted).
fn suffix_sep(t: &str, e: usize) -> (usize, bool) {
    match byte_at(t, e) {
        Some(b'.') => (1, true),
        Some(b' ') => (1, false),
        _ => (0, false),
    }
}

/// Start of a prefix marker ("xx", "xx." or "xx:") ending right before the code at `s`, with its bytes.
fn prefix_before(t: &str, s: usize) -> Option<(usize, &[u8])> {
    let b = t.as_bytes();
    let m_end = if s >= 1 && matches!(b.get(s - 1), Some(b'.' | b':')) {
        s - 1
    } else {
        s
    };
    let ps = m_end.checked_sub(2)?;
    Some((ps, b.get(ps..m_end)?))
}

fn match_a_share(t: &str, s: usize, e: usize, prev_end: Option<usize>) -> Option<Match> {
    let code = t.get(s..e)?;
    if code == "000000" {
        return None;
    }
    let after_prev = |pos: usize| prev_end.is_none_or(|pe| pos >= pe);

    if let Some((ps, pair)) = prefix_before(t, s) {
        if let Some(ex) = a_prefix_exchange(pair) {
            if after_prev(ps) && left_is_boundary(t, ps, prev_end) {
                if next_char(t, e).is_some_and(is_latin_letter) {
                    return None;
                }
                return Some(Match {
                    start: ps,
                    end: e,
                    ticker: Ticker::a_share(code, Some(ex))?,
                    explicit: true,
                });
            }
        }
    }

    if !left_is_boundary(t, s, prev_end) {
        return None;
    }

    if let Some((end, ex)) = a_suffix(t, s, e) {
        return Some(Match {
            start: s,
            end,
            ticker: Ticker::a_share(code, ex)?,
            explicit: true,
        });
    }

    if !bare_context_ok(t, s, e, prev_end) {
        return None;
    }
    Some(Match {
        start: s,
        end: e,
        ticker: Ticker::a_share(code, None)?,
        explicit: false,
    })
}

/// The A-share suffix written after a code ending at `e`: the end of the written form and the
/// exchange it names (`None` for a market marker such as Bloomberg's "ch").
fn a_suffix(t: &str, s: usize, e: usize) -> Option<(usize, Option<Exchange>)> {
    let (sep, dotted) = suffix_sep(t, e);
    let (marker, glue_ok) = t.as_bytes().get(e + sep..e + sep + 2).and_then(a_marker)?;
    if !(dotted || glue_ok) {
        return None;
    }
    // A digit right after a glued marker is the next cell ("中颖电子300327ch46.55"), unless
    // the marker could be the prefix of a code made of those digits ("sh600519").
    let digits_after = t.as_bytes()[e + sep + 2..]
        .iter()
        .take_while(|b| b.is_ascii_digit())
        .count();
    let digit_ok = dotted || marker == AMarker::Market || digits_after != 6;
    let m_end = e + sep + 2;
    let end = match after_marker(t, m_end, digit_ok) {
        Some(end) => end,
        // Letters after the marker make a longer word ("202401.shtml", "600519 shares"), unless
        // they start a name in a stripped table: a risk-warning marker before a Han name
        // ("600767.shst运盛"), or the company's own name ("000100.sztcl科技").
        None if next_char(t, m_end).is_some_and(|c| c.is_ascii_alphabetic())
            && (status_marker_follows(t, m_end)
                || name_follows(t, m_end, &Ticker::a_share(t.get(s..e)?, None)?)) =>
        {
            m_end
        }
        None => return None,
    };
    let ex = match marker {
        AMarker::Sh | AMarker::Ss => Some(Exchange::Sh),
        AMarker::Sz => Some(Exchange::Sz),
        AMarker::Bj => Some(Exchange::Bj),
        AMarker::Market => None,
    };
    Some((end, ex))
}

/// A code run into the number before it, as whitespace-stripped tables print them:
/// "128.40300760迈瑞医疗", "2021/3/15300760迈瑞医疗", "66.20-300760迈瑞医疗", "6002475.sz". The
/// last six digits of the run `s..e` are read as a code only on evidence that a code ends there:
/// a ticker suffix, or the company's own name (from the built-in alias table) right after it.
/// Without it ("16005190000", "20200600519") the digits stay part of the number.
fn match_glued_a_share(t: &str, s: usize, e: usize, prev_end: Option<usize>) -> Option<Match> {
    let cs = e.checked_sub(6)?;
    let joined = if cs > s {
        // A longer run that starts after a letter is an identifier ("s0760518030002").
        left_is_boundary(t, s, prev_end)
    } else {
        // A six-digit run after "<digit>." / "<digit>-" / "<digit>," / "<digit>/", which the bare
        // form rejects as part of a decimal, range or date.
        matches!(
            byte_at(t, s.wrapping_sub(1)),
            Some(b'.' | b'-' | b',' | b'/')
        ) && s >= 2
            && digit_at(t, s - 2)
    };
    if !joined {
        return None;
    }
    let code = t.get(cs..e)?;
    if let Some((end, ex)) = a_suffix(t, cs, e) {
        return Some(Match {
            start: cs,
            end,
            ticker: Ticker::a_share(code, ex)?,
            explicit: true,
        });
    }
    let ticker = Ticker::a_share(code, None)?;
    name_follows(t, e, &ticker).then_some(Match {
        start: cs,
        end: e,
        ticker,
        explicit: false,
    })
}

/// Whether the text at `pos` is a risk-warning or share-reform marker ("st", "*st", "pt", "sst",
/// "s*st") followed by a Han character: the head of a company's name, not a Latin word.
fn status_marker_follows(t: &str, pos: usize) -> bool {
    ["s*st", "*st", "sst", "st", "pt"].iter().any(|m| {
        starts_with_ci(t, pos, m.as_bytes())
            && next_char(t, pos + m.len()).is_some_and(crate::text::normalize::is_han)
    })
}

/// Whether the text at `pos` starts with a name of `ticker` in the built-in alias table
/// ("迈瑞医疗", "st运盛" for "*ST运盛"; the status star may be left out).
fn name_follows(t: &str, pos: usize, ticker: &Ticker) -> bool {
    let Some(rest) = t.get(pos..) else {
        return false;
    };
    // A name starts with a Han or Latin letter or "*"; anything else saves the lookup.
    if !rest
        .chars()
        .next()
        .is_some_and(|c| crate::text::normalize::is_han(c) || is_latin_letter(c) || c == '*')
    {
        return false;
    }
    crate::report::aliases::AliasTable::builtin_names_of(ticker)
        .iter()
        .any(|n| {
            [n.as_str(), n.trim_start_matches('*')]
                .iter()
                .any(|n| n.chars().count() >= 2 && rest.starts_with(n))
        })
}

/// Characters that, right after a bare number, make it a quantity rather than a code.
fn is_unit_char(c: char) -> bool {
    matches!(
        c,
        '元' | '万'
            | '亿'
            | '千'
            | '百'
            | '股'
            | '吨'
            | '台'
            | '辆'
            | '人'
            | '个'
            | '次'
            | '件'
            | '套'
            | '只'
            | '户'
            | '年'
            | '月'
            | '日'
            | '号'
            | '份'
            | '张'
            | '手'
            | '位'
            | '克'
            | '升'
            | '米'
            | '%'
            | '‰'
            | '°'
    )
}

fn bare_context_ok(t: &str, s: usize, e: usize, prev_end: Option<usize>) -> bool {
    // Left: part of a decimal, phone number or range, unless a previous hit ends at the separator.
    if let Some(sep) = s.checked_sub(1).and_then(|p| byte_at(t, p)) {
        if (sep == b'.' || sep == b'-') && s >= 2 && digit_at(t, s - 2) && prev_end != Some(s - 1) {
            return false;
        }
        // Currency amounts; '*' masks the rest of an ID number ("370627******300275").
        if matches!(prev_char(t, s), Some('¥' | '$' | '€' | '£' | '*')) {
            return false;
        }
    }
    // Postal codes ("邮政编码:300051") collide with real codes.
    let mut lo = s.saturating_sub(24);
    while lo < s && !t.is_char_boundary(lo) {
        lo += 1;
    }
    if let Some(before) = t.get(lo..s) {
        let before = before.trim_end_matches([':', ' ']);
        if ["邮编", "邮政编码", "postcode", "zip", "zipcode"]
            .iter()
            .any(|w| before.ends_with(w))
        {
            return false;
        }
    }
    // Glued number columns ("472,251520,616565,377622"): a comma joining digits on either side.
    if byte_at(t, s.wrapping_sub(1)) == Some(b',') && s >= 2 && digit_at(t, s - 2) {
        return false;
    }
    // Right.
    match next_char(t, e) {
        None => true,
        Some(c) if is_latin_letter(c) || is_unit_char(c) || c == '*' => false,
        Some('.') => next_char(t, e + 1).is_none_or(|c| !is_word_char(c)),
        Some('-' | ',') => !digit_at(t, e + 1),
        Some(_) => true,
    }
}

fn match_hk(t: &str, s: usize, e: usize, prev_end: Option<usize>) -> Option<Match> {
    // Built only for a match: most digit runs are amounts and dates.
    let ticker = || Ticker::hk(t.get(s..e)?);

    let (sep, dotted) = suffix_sep(t, e);
    if t.as_bytes()
        .get(e + sep..e + sep + 2)
        .is_some_and(is_hk_marker)
        && !glued_row_number(t, s, e)
    {
        if let Some(end) = after_marker(t, e + sep + 2, dotted) {
            if left_is_boundary(t, s, prev_end) && !number_continuation(t, s, e - s) {
                return Some(Match {
                    start: s,
                    end,
                    ticker: ticker()?,
                    explicit: true,
                });
            }
        }
    }

    // Five digits with a leading zero are how HKEX writes its codes ("腾讯控股(00700)"); no A-share
    // code has five digits, so the bare form needs no marker.
    // Serial numbers and ranges of them ("第01067号", "F-08774至08782") are not codes.
    if e - s == 5
        && byte_at(t, s) == Some(b'0')
        && left_is_boundary(t, s, prev_end)
        && bare_context_ok(t, s, e, prev_end)
        && !matches!(
            prev_char(t, s),
            Some('-' | '—' | '~' | '～' | '第' | '至' | '#' | '/')
        )
        && !matches!(next_char(t, e), Some('-' | '—' | '~' | '～' | '至'))
    {
        return Some(Match {
            start: s,
            end: e,
            ticker: ticker()?,
            explicit: false,
        });
    }

    let (ps, pair) = prefix_before(t, s)?;
    if !is_hk_marker(pair)
        || prev_end.is_some_and(|pe| ps < pe)
        || !left_is_boundary(t, ps, prev_end)
    {
        return None;
    }
    // "hk1.88" / "hk1,883" are amounts, "hk0700abc" an identifier.
    match next_char(t, e) {
        Some(c) if is_latin_letter(c) => return None,
        Some('.' | ',') if digit_at(t, e + 1) => return None,
        _ => {}
    }
    Some(Match {
        start: ps,
        end: e,
        ticker: ticker()?,
        explicit: true,
    })
}

/// Five digits without a leading zero right after a "%", "-" or ")" cell end are, in extracted
/// tables, a row number glued to a 4-digit code ("-85.5%53692.hk" = "...5" + "3692.hk"); real
/// 5-digit codes (80737.HK) are rare in reports, so that reading is dropped.
fn glued_row_number(t: &str, s: usize, e: usize) -> bool {
    e - s == 5 && byte_at(t, s) != Some(b'0') && matches!(prev_char(t, s), Some('%' | '-' | ')'))
}

/// The digit run at `s` continues a number: a decimal fraction ("4.60981.hk") or a thousands group
/// ("1,700.hk").
fn number_continuation(t: &str, s: usize, len: usize) -> bool {
    if s < 2 || !digit_at(t, s - 2) {
        return false;
    }
    match byte_at(t, s - 1) {
        Some(b'.') => true,
        Some(b',') => len == 3,
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn a(code: &str, ex: Exchange) -> Ticker {
        Ticker {
            code: code.into(),
            exchange: Some(ex),
        }
    }

    /// (written form, ticker canonical, explicit) of every hit.
    fn found(text: &str) -> Vec<(String, String, bool)> {
        let chars: Vec<char> = text.chars().collect();
        find_tickers(text)
            .into_iter()
            .map(|h| {
                (
                    chars[h.start..h.end].iter().collect(),
                    h.ticker.canonical(),
                    h.explicit,
                )
            })
            .collect()
    }

    fn one(text: &str, form: &str, canonical: &str, explicit: bool) {
        assert_eq!(
            found(text),
            vec![(form.to_string(), canonical.to_string(), explicit)],
            "text: {text:?}"
        );
    }

    fn none(text: &str) {
        assert_eq!(found(text), vec![], "text: {text:?}");
    }

    #[test]
    fn a_share_written_forms() {
        one("600519", "600519", "600519.SH", false);
        one("贵州茅台(600519)。", "600519", "600519.SH", false);
        one("贵州茅台(600519.sh)", "600519.sh", "600519.SH", true);
        one("600519.ss", "600519.ss", "600519.SH", true);
        one("x 600519.SH y", "600519.SH", "600519.SH", true);
        one("000001.sz平安", "000001.sz", "000001.SZ", true);
        one("920001.bj", "920001.bj", "920001.BJ", true);
        one("sh600519", "sh600519", "600519.SH", true);
        one("贵州茅台sh600519公司", "sh600519", "600519.SH", true);
        one("sh.600519", "sh.600519", "600519.SH", true);
        one("科伦药业(sz:002422)", "sz:002422", "002422.SZ", true);
        none("身份证370627******300275");
        one("京东方a(000725sz,买入)", "000725sz", "000725.SZ", true);
        one("蓝特光学(688127ch,买入)", "688127ch", "688127.SH", true);
        one("蓝特光学(688127.ch)", "688127.ch", "688127.SH", true);
        one(
            "28.68 002475chequity 58",
            "002475chequity",
            "002475.SZ",
            true,
        );
        one("600519 ch equity.", "600519 ch equity", "600519.SH", true);
        one("600519 sh", "600519 sh", "600519.SH", true);
        one("恒坤股份(832456.oc)", "832456.oc", "832456.BJ", true);
        one("永捷科技(836607.nq)", "836607.nq", "836607.BJ", true);
    }

    #[test]
    fn every_a_share_form_has_one_index_key() {
        let forms = [
            "600519",
            "600519.sh",
            "600519.ss",
            "sh600519",
            "(600519)",
            "600519.SH",
            "SH600519",
            " 600519 ",
            "sh.600519",
            "600519ch",
        ];
        for f in forms {
            let t = parse_ticker_query(f).unwrap_or_else(|| panic!("{f}"));
            assert_eq!(t.index_key(), "600519", "{f}");
            assert_eq!(t, a("600519", Exchange::Sh), "{f}");
        }
        // Written exchange wins over inference but never splits the key.
        let index = parse_ticker_query("000001.sh").unwrap();
        let bank = parse_ticker_query("000001").unwrap();
        assert_eq!(index.canonical(), "000001.SH");
        assert_eq!(bank.canonical(), "000001.SZ");
        assert_eq!(index.index_key(), bank.index_key());
    }

    #[test]
    fn suffix_form_counted_once() {
        let hits = find_tickers("600519.sh");
        assert_eq!(hits.len(), 1);
        assert_eq!((hits[0].start, hits[0].end), (0, 9));
        let hits = find_tickers("sh600519");
        assert_eq!(hits.len(), 1);
        assert_eq!((hits[0].start, hits[0].end), (0, 8));
    }

    #[test]
    fn offsets_are_char_offsets() {
        let text = "贵州茅台(600519.sh)和腾讯控股(0700.hk)";
        let hits = find_tickers(text);
        assert_eq!(hits.len(), 2);
        assert_eq!((hits[0].start, hits[0].end), (5, 14));
        assert_eq!((hits[1].start, hits[1].end), (21, 28));
    }

    #[test]
    fn exchange_inference() {
        for (code, ex) in [
            ("600000", Some(Exchange::Sh)),
            ("688981", Some(Exchange::Sh)),
            ("900901", Some(Exchange::Sh)),
            ("000001", Some(Exchange::Sz)),
            ("300750", Some(Exchange::Sz)),
            ("200002", Some(Exchange::Sz)),
            ("430047", Some(Exchange::Bj)),
            ("832456", Some(Exchange::Bj)),
            ("871981", Some(Exchange::Bj)),
            ("889999", Some(Exchange::Bj)),
            ("920001", Some(Exchange::Bj)),
            ("518035", None),
            ("123456", None),
        ] {
            assert_eq!(Exchange::infer_a_share(code), ex, "{code}");
        }
        let t = parse_ticker_query("123456").unwrap();
        assert_eq!(t.exchange, None);
        assert_eq!(t.canonical(), "123456");
        assert_eq!(t.index_key(), "123456");
    }

    #[test]
    fn a_share_non_mentions() {
        none("s0760518030002"); // certificate number contains 760518 and 605180
        none("执业证书编号:s0760518030002");
        none("16005190000");
        none("1600519");
        none("6005190");
        none("电话021-60519888");
        none("0755-83471963");
        none("2024-06-15");
        none("1,600,519");
        none("成本472,251520,616565,377622,8837");
        none("050,000100,000150,000200,");
        none("600519,000001"); // indistinguishable from a glued number column
        none("abc600519");
        none("600519abc");
        none("600519abc.sh");
        none("x600519.sh"); // letter glued before the code
        none("xsh600519");
        none("sh600519abc");
        none("005930.ks"); // Samsung on the Korea exchange
        none("1.600519");
        none("600519.5");
        none("202401-202406");
        none("600000元");
        none("募资300000万元");
        none("¥600000");
        none("000000");
        none("邮政编码:300051电话");
        none("邮编 300051");
        none("天津市南开区宾水西道8号邮政编码:300051");
        none("天津市南开区宾水西道8号邮编:300051");
        one("编码300051", "300051", "300051.SZ", false);
    }

    #[test]
    fn suffix_glued_to_letters_is_not_a_suffix() {
        // URL-like: ".shtml" is not ".sh", and 202401 is then followed by ".s" (a letter) -> nothing.
        none("news/202401.shtml");
        // "shares" is a word, the code stays a bare mention.
        one("600519 shares", "600519", "600519.SH", false);
        none("1.0hkd");
        none("700hk$");
    }

    #[test]
    fn glued_tables() {
        assert_eq!(
            found("代码600171.sh002079.sz002180.sz"),
            vec![
                ("600171.sh".into(), "600171.SH".into(), true),
                ("002079.sz".into(), "002079.SZ".into(), true),
                ("002180.sz".into(), "002180.SZ".into(), true),
            ]
        );
        // A digit after a dotted suffix is the next table cell.
        assert_eq!(
            found("2382.hk1,71822%"),
            vec![("2382.hk".into(), "2382.HK".into(), true)]
        );
        // Glued "hk" then a digit is ambiguous with "hk1": neither reading is taken.
        none("grace)1347hk1.883172");
        // A dash between bare numbers reads as a range or phone number...
        none("600519-000001");
        // ...but not right after an explicit hit.
        assert_eq!(found("600519.sh-000001").len(), 2);
        // Comma lists of explicit codes are fine.
        assert_eq!(found("600519.sh,000001.sz").len(), 2);
        assert_eq!(found("600519.sh,700.hk").len(), 2);
        // A comma not joining digits does not matter.
        one("华润微(688396,买入)", "688396", "688396.SH", false);
    }

    #[test]
    fn hong_kong_forms() {
        one("0700.hk", "0700.hk", "0700.HK", true);
        one("700.hk", "700.hk", "0700.HK", true);
        one("00700.hk", "00700.hk", "0700.HK", true);
        one("0700 hk", "0700 hk", "0700.HK", true);
        one("腾讯控股0700 hk", "0700 hk", "0700.HK", true);
        one("腾讯控股(0700.HK)", "0700.HK", "0700.HK", true);
        one("hk0700", "hk0700", "0700.HK", true);
        one("hk.0700", "hk.0700", "0700.HK", true);
        one("hk:0700", "hk:0700", "0700.HK", true);
        one("王朝酒业(hk828)-0.46", "hk828", "0828.HK", true);
        none("21eoem/odm1810hkequity"); // glued to a Latin word
        one("小米1810hkequity", "1810hkequity", "1810.HK", true);
        one("光学2382 hk equity", "2382 hk equity", "2382.HK", true);
        one("9988.hk", "9988.hk", "9988.HK", true);
        one("09988.hk", "09988.hk", "9988.HK", true);
        one("80737.hk", "80737.hk", "80737.HK", true);
        one("5.hk", "5.hk", "0005.HK", true);
        one("00001.hk", "00001.hk", "0001.HK", true);
        one("0700.hk", "0700.hk", "0700.HK", true);
        one("(80737.hk)", "80737.hk", "80737.HK", true);
        one("hk80737", "hk80737", "80737.HK", true);
        one("10700.hk", "10700.hk", "10700.HK", true); // not 0700
        one("港股10700.hk", "10700.hk", "10700.HK", true);
        // 5 significant digits after a table cell end: a row number glued to the code.
        none("-85.5%53692.hk翰森制药");
        none("-34.0%82005.hk");
        none("声明-12-46826.hk");
        one("汇丰控股(5 hk)", "5 hk", "0005.HK", true);
        for f in [
            "0700.hk", "700.HK", "00700.hk", "0700 hk", "hk0700", "HK.0700", "hk:0700",
        ] {
            let t = parse_ticker_query(f).unwrap_or_else(|| panic!("{f}"));
            assert_eq!(t.canonical(), "0700.HK");
            assert_eq!(t.index_key(), "hk:0700");
        }
    }

    #[test]
    fn five_digit_hong_kong_codes() {
        one("腾讯控股(00700)", "00700", "0700.HK", false);
        one("康德莱医械(01501):龙头", "01501", "1501.HK", false);
        assert_eq!(parse_ticker_query("00700").unwrap().index_key(), "hk:0700");
        assert_eq!(
            parse_ticker_query("(00700)").unwrap().index_key(),
            "hk:0700"
        );
        none("0.00700");
        none("1,00700");
        none("00700元");
        none("00700abc");
        none("00000");
        none("10700"); // no leading zero: a number
        none("字第01067号");
        none("作品f-08774至08782");
    }

    #[test]
    fn code_run_into_the_number_before_it() {
        one("128.40300760迈瑞医疗买入", "300760", "300760.SZ", false);
        one(
            "2021/3/15300760迈瑞医疗:半年报",
            "300760",
            "300760.SZ",
            false,
        );
        one("66.20-300760迈瑞医疗336.00", "300760", "300760.SZ", false);
        one("37.85.6002475立讯精密买入", "002475", "002475.SZ", false);
        one("1000亿以上6300760.sz迈瑞", "300760.sz", "300760.SZ", true);
        one("4.5600519ch买入", "600519ch", "600519.SH", true);
        // A code and the next cell.
        one("中颖电子300327ch46.55", "300327ch", "300327.SZ", true);
        one(
            "中颖电子300327ch46.55".replace("ch", "sz").as_str(),
            "300327sz",
            "300327.SZ",
            true,
        );
        one("600767.shst运盛-70.29", "600767.sh", "600767.SH", true);
        one("600767.sh*st运盛", "600767.sh", "600767.SH", true);
        one("000100.sztcl科技", "000100.sz", "000100.SZ", true);
        none("000100.sztcl产业");
        // "sz600519" could be a prefix form: that "sz" is no suffix of 300327.
        assert!(found("300327sz600519买入")
            .iter()
            .all(|h| h.0 != "300327sz"));
        none("202401.shtml运盛");
        // No evidence: the digits stay part of the number.
        none("16005190000");
        none("128.40300760买入");
        none("128.40300760贵州茅台"); // another company's name
        none("s0760518300760迈瑞医疗"); // a certificate number
        none("abc300760迈瑞医疗");
    }

    #[test]
    fn hong_kong_non_mentions() {
        none("0700");
        none("100700.hk"); // 6 digits: not an HK code, and .hk is not an A-share suffix
        none("a0700.hk");
        none("0700.hkx");
        none("0700hkd");
        none("00000.hk");
        none("4.60981.hk"); // decimal fraction glued to the code
        none("1,700.hk");
        none("hk1.88");
        none("hk1,883");
        none("hkd700");
        none("xhk0700");
        none("hk0700x");
        none("7hk0700");
    }

    #[test]
    fn queries() {
        assert_eq!(
            parse_ticker_query("  600519.SH  "),
            Some(a("600519", Exchange::Sh))
        );
        assert_eq!(
            parse_ticker_query("[sz000001]"),
            Some(a("000001", Exchange::Sz))
        );
        assert_eq!(parse_ticker_query("0700"), None);
        assert_eq!(parse_ticker_query("贵州茅台"), None);
        assert_eq!(parse_ticker_query("600519 000001"), None);
        assert_eq!(parse_ticker_query("600519.sh贵州茅台"), None);
        assert_eq!(parse_ticker_query("1600519"), None);
        assert_eq!(parse_ticker_query(""), None);
        assert_eq!(parse_ticker_query("()"), None);
        assert_eq!(parse_ticker_query("hk:"), None);
        assert_eq!(parse_ticker_query("hk:123456"), None);
    }

    #[test]
    fn constructors_validate() {
        assert!(Ticker::a_share("60051", None).is_none());
        assert!(Ticker::a_share("60051x", None).is_none());
        assert!(Ticker::a_share("600519", Some(Exchange::Hk)).is_none());
        assert!(Ticker::hk("123456").is_none());
        assert_eq!(Ticker::hk("000012345").unwrap().code, "12345");
        assert!(Ticker::hk("").is_none());
        assert_eq!(a("600519", Exchange::Sh).to_string(), "600519.SH");
    }

    #[test]
    fn adversarial_inputs_do_not_panic() {
        for s in [
            "",
            ".",
            "sh",
            "sh.",
            ".sh",
            "hk",
            "hk.",
            "0.hk",
            "1",
            "12345678901234567890",
            "é600519",
            "600519é",
            "汉600519汉",
            "600519.",
            "600519 ",
            " 600519",
            "hk0",
            "sh000000",
        ] {
            let _ = find_tickers(s);
            let _ = parse_ticker_query(s);
        }
        none("é600519");
    }

    #[test]
    fn share_class_marker_before_code() {
        one("小米集团-w1810hk惠普", "1810hk", "1810.HK", true);
        one("中芯国际-u688981.sh", "688981.sh", "688981.SH", true);
        one("京东集团-sw9618.hk", "9618.hk", "9618.HK", true);
        none("abc-w1810hk");
        none("集团-abc1810hk");
        none("集团w1810hk");
    }

    mod prop {
        use super::super::*;
        use proptest::prelude::*;

        fn check_hits(s: &str) -> Result<(), TestCaseError> {
            let hits = find_tickers(s);
            let n = s.chars().count();
            let mut last = 0;
            for h in &hits {
                prop_assert!(h.start >= last && h.start < h.end && h.end <= n, "{hits:?}");
                last = h.end;
                // Each hit's text re-parses to the same ticker.
                let form: String = s.chars().skip(h.start).take(h.end - h.start).collect();
                prop_assert_eq!(
                    parse_ticker_query(&form).map(|t| t.index_key()),
                    Some(h.ticker.index_key()),
                    "form {:?} in {:?}",
                    form,
                    s
                );
            }
            Ok(())
        }

        proptest! {
            #![proptest_config(ProptestConfig::with_cases(2000))]
            #[test]
            fn hits_are_ordered_and_in_bounds(s in "[0-9a-z .,()$¥元-]{0,40}|[0-9shzkbjcqeuity.汉 ]{0,30}") {
                check_hits(&s)?;
            }
            #[test]
            fn arbitrary_unicode(s in "\\PC{0,60}") {
                check_hits(&s)?;
            }
        }
    }
}
