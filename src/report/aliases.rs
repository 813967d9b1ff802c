//! Ticker <-> company short-name table (yanbao issue 3).
//!
//! Built-in data (embedded at compile time):
//! - `data/a_share_names.csv`: every SH/SZ/BJ code with its current short name, listed and delisted
//!   (derived from a CC BY 4.0 table, see `data/ATTRIBUTION.md`);
//! - `data/hk_names.csv`: ~120 well-known Hong Kong listings, hand-written, with the "-W"/"-SW"/"-S"
//!   marker forms and the plain names as separate rows.
//!
//! All names are compared in normalized form (`normalize::normalize`: NFKC + Latin lowercase), so
//! "万科Ａ", "万科A" and "万科a" are one name.
//!
//! Besides the written ("primary") names, each code gets *derived* aliases with status markers
//! removed: "*ST国华" -> "国华", "S佳通" -> "佳通", "泰祥股份(退)" -> "泰祥股份", "九号公司-WD" ->
//! "九号公司". A derived alias is kept only when it is unambiguous: no other code has it as a
//! primary name and no other code derives it too. Primary names are never dropped, so a name
//! written for two codes (中国平安: 601318.SH and 2318.HK) maps to both.
//!
//! Keys are `Ticker::index_key`, i.e. the 6 digits for A-shares: a user row "000001.SH,上证指数"
//! lands on the same entry as 平安银行 (000001.SZ). That follows from "bare code matches every
//! written form"; the entry keeps the exchange of its first row.

use std::collections::{HashMap, HashSet};
use std::path::Path;
use std::sync::OnceLock;

use anyhow::{bail, Context};

use crate::report::tickers::{parse_ticker_query, Ticker, TickerHit};
use crate::text::normalize::{is_han, normalize};

const A_SHARE_CSV: &str = include_str!("../../data/a_share_names.csv");
const HK_CSV: &str = include_str!("../../data/hk_names.csv");

#[derive(Debug, Clone)]
struct Entry {
    ticker: Ticker,
    /// Normalized written names, in priority order (user overrides first).
    names: Vec<String>,
    /// The same names as written, for display.
    display: Vec<String>,
}

/// Ticker <-> short-name lookups. Cheap to clone; build once and share.
#[derive(Debug, Clone, Default)]
pub struct AliasTable {
    by_key: HashMap<String, Entry>,
    /// Normalized name (primary or unambiguous derived) -> index keys, in insertion order.
    by_name: HashMap<String, Vec<String>>,
    /// Index key -> unambiguous derived aliases.
    derived: HashMap<String, Vec<String>>,
}

/// The embedded A-share + HK table, parsed once per process.
fn builtin_table() -> &'static AliasTable {
    static BUILTIN: OnceLock<AliasTable> = OnceLock::new();
    BUILTIN.get_or_init(|| {
        let mut t = AliasTable::default();
        // Embedded data is validated by tests; a malformed row is skipped rather than
        // failing every command.
        for csv in [A_SHARE_CSV, HK_CSV] {
            for row in csv.lines().skip(1) {
                if let Some((code, name)) = row.split_once(',') {
                    if let Some(tk) = parse_code(code) {
                        t.add(tk, name.trim(), false);
                    }
                }
            }
        }
        t.rebuild_names();
        t
    })
}

impl AliasTable {
    /// The embedded A-share + HK table. Parsed once per process, then cloned.
    pub fn builtin() -> AliasTable {
        builtin_table().clone()
    }

    /// [`AliasTable::names_of`] in the built-in table, without cloning it: ticker detection asks
    /// this while indexing.
    pub(crate) fn builtin_names_of(t: &Ticker) -> Vec<String> {
        builtin_table().names_of(t)
    }

    /// [`AliasTable::is_listed_hit`] in the built-in table, without
    /// cloning it.
    pub(crate) fn builtin_lists(hit: &TickerHit) -> bool {
        builtin_table().is_listed_hit(hit)
    }

    /// Whether `normalized_name` names a listed company in the built-in
    /// table, without cloning it.
    pub(crate) fn builtin_names_company(normalized_name: &str) -> bool {
        builtin_table().by_name.contains_key(normalized_name)
    }

    /// Adds names from a user CSV of `code,name` rows (extra columns ignored). The header row is
    /// optional; the code may be in any written ticker form ("600519", "600519.SH", "sh600519",
    /// "0700.HK", "hk0700"), and a bare 1-5 digit code is taken as Hong Kong. Several rows per code
    /// give several names; user names take priority over built-in ones for display. Blank lines and
    /// lines starting with '#' are skipped. Errors name the file and line; on error nothing is added.
    pub fn load_csv_overrides(&mut self, path: &Path) -> anyhow::Result<()> {
        let bytes =
            std::fs::read(path).with_context(|| format!("reading alias CSV {}", path.display()))?;
        let text = String::from_utf8(bytes)
            .map_err(|_| anyhow::anyhow!("{}: not valid UTF-8", path.display()))?;
        let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
        let mut rows = Vec::new();
        let mut first_row = true;
        for (idx, line) in text.lines().enumerate() {
            let lineno = idx + 1;
            let trimmed = line.trim();
            if trimmed.is_empty() || trimmed.starts_with('#') {
                continue;
            }
            let fields = split_csv_line(trimmed)
                .with_context(|| format!("{}:{lineno}: malformed CSV", path.display()))?;
            let (code, name) = match fields.as_slice() {
                [code, name, ..] => (code.trim(), name.trim()),
                _ => bail!(
                    "{}:{lineno}: expected `code,name`, got {trimmed:?}",
                    path.display()
                ),
            };
            let is_first = std::mem::replace(&mut first_row, false);
            let Some(ticker) = parse_code(code) else {
                if is_first && !code.chars().any(|c| c.is_ascii_digit()) {
                    continue; // header row
                }
                bail!(
                    "{}:{lineno}: {code:?} is not a stock code (e.g. 600519, 600519.SH, 0700.HK)",
                    path.display()
                );
            };
            if name.is_empty() {
                bail!("{}:{lineno}: empty name for {code}", path.display());
            }
            rows.push((ticker, name.to_string()));
        }
        // Reverse so that, after prepending, the file's own order is kept.
        for (ticker, name) in rows.into_iter().rev() {
            self.add(ticker, &name, true);
        }
        self.rebuild_names();
        Ok(())
    }

    /// Normalized names of a ticker: written names first (priority order), then unambiguous
    /// derived aliases. Empty if the code is unknown.
    pub fn names_of(&self, t: &Ticker) -> Vec<String> {
        let key = t.index_key();
        let mut out: Vec<String> = self
            .by_key
            .get(&key)
            .map(|e| e.names.clone())
            .unwrap_or_default();
        if let Some(d) = self.derived.get(&key) {
            out.extend(d.iter().cloned());
        }
        out
    }

    /// The preferred name as written in the data ("万科Ａ", "阿里巴巴-W"), for display.
    pub fn display_name(&self, t: &Ticker) -> Option<&str> {
        self.by_key
            .get(&t.index_key())
            .and_then(|e| e.display.first())
            .map(String::as_str)
    }

    /// Tickers whose (normalized) name or unambiguous alias is exactly `normalized_name`, sorted.
    pub fn tickers_of_name(&self, normalized_name: &str) -> Vec<Ticker> {
        let mut out: Vec<Ticker> = self
            .by_name
            .get(normalized_name.trim())
            .into_iter()
            .flatten()
            .filter_map(|k| self.by_key.get(k))
            .map(|e| e.ticker.clone())
            .collect();
        // A-shares before HK, then by code.
        out.sort_by(|a, b| (a.is_hk(), &a.code).cmp(&(b.is_hk(), &b.code)));
        out.dedup();
        out
    }

    /// The code is in the table (any exchange spelling: compared by `index_key`).
    pub fn is_known_code(&self, t: &Ticker) -> bool {
        self.by_key.contains_key(&t.index_key())
    }

    /// The table's own ticker for a code — fills in the exchange of a bare code whose range is
    /// unknown or ambiguous — or `t` itself if unknown.
    pub fn resolve(&self, t: &Ticker) -> Ticker {
        self.by_key
            .get(&t.index_key())
            .map_or_else(|| t.clone(), |e| e.ticker.clone())
    }

    /// Whether a hit counts for the `tickers` listing: an explicitly marked form, or a bare 6-digit
    /// code that is a known listed (or delisted) code. Plain numbers like 202401 are left out.
    pub fn is_listed_hit(&self, hit: &TickerHit) -> bool {
        hit.explicit || self.is_known_code(&hit.ticker)
    }

    /// Number of codes in the table.
    pub fn len(&self) -> usize {
        self.by_key.len()
    }

    /// Whether the table has no code.
    pub fn is_empty(&self) -> bool {
        self.by_key.is_empty()
    }

    fn add(&mut self, ticker: Ticker, name: &str, front: bool) {
        let norm = normalize(name).trim().to_string();
        if norm.is_empty() {
            return;
        }
        let e = self
            .by_key
            .entry(ticker.index_key())
            .or_insert_with(|| Entry {
                ticker,
                names: Vec::new(),
                display: Vec::new(),
            });
        if let Some(pos) = e.names.iter().position(|n| *n == norm) {
            if !front {
                return;
            }
            e.names.remove(pos);
            e.display.remove(pos);
        }
        if front {
            e.names.insert(0, norm);
            e.display.insert(0, name.to_string());
        } else {
            e.names.push(norm);
            e.display.push(name.to_string());
        }
    }

    fn rebuild_names(&mut self) {
        self.by_name.clear();
        self.derived.clear();
        let mut keys: Vec<&String> = self.by_key.keys().collect();
        keys.sort(); // deterministic order of keys per name
        for key in &keys {
            for n in &self.by_key[*key].names {
                push_unique(self.by_name.entry(n.clone()).or_default(), key);
            }
        }
        let mut candidates: HashMap<String, HashSet<&String>> = HashMap::new();
        for key in &keys {
            for n in &self.by_key[*key].names {
                for d in derived_aliases(n) {
                    candidates.entry(d).or_default().insert(*key);
                }
            }
        }
        let mut accepted: Vec<(String, String)> = candidates
            .into_iter()
            .filter(|(alias, ks)| ks.len() == 1 && !self.by_name.contains_key(alias))
            .filter_map(|(alias, ks)| ks.into_iter().next().map(|k| (k.clone(), alias)))
            .collect();
        accepted.sort();
        for (key, alias) in accepted {
            self.by_name.insert(alias.clone(), vec![key.clone()]);
            self.derived.entry(key).or_default().push(alias);
        }
    }
}

fn push_unique(v: &mut Vec<String>, s: &str) {
    if !v.iter().any(|x| x == s) {
        v.push(s.to_string());
    }
}

/// A code field of a CSV row: any written ticker form, or 1-5 bare digits for Hong Kong.
fn parse_code(field: &str) -> Option<Ticker> {
    let f = normalize(field.trim());
    parse_ticker_query(&f).or_else(|| {
        let f = f.trim();
        (f.len() <= 5 && !f.is_empty() && f.bytes().all(|b| b.is_ascii_digit()))
            .then(|| Ticker::hk(f))
            .flatten()
    })
}

/// Names with status markers removed (see module doc), excluding the name itself and anything
/// shorter than 2 chars.
fn derived_aliases(name: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut cur = name.to_string();
    let push = |s: &str, out: &mut Vec<String>| {
        if s != name && s.chars().count() >= 2 && !out.iter().any(|x| x == s) {
            out.push(s.to_string());
        }
    };
    // Delisting marks: "泰祥股份(退)", "新都退(退)".
    if let Some(s) = cur.strip_suffix("(退)") {
        cur = s.to_string();
        push(&cur, &mut out);
    }
    if let Some(s) = cur.strip_suffix('退') {
        if s.chars().count() >= 2 {
            cur = s.to_string();
            push(&cur, &mut out);
        }
    }
    // Risk-warning / share-reform prefixes: "*st", "s*st", "sst", "st", "pt", "s" + Han.
    let stripped_prefix = ["s*st", "*st", "sst", "st", "pt"]
        .iter()
        .find_map(|p| cur.strip_prefix(p))
        .or_else(|| {
            cur.strip_prefix('s')
                .filter(|rest| rest.chars().next().is_some_and(is_han))
        });
    if let Some(s) = stripped_prefix {
        cur = s.to_string();
        push(&cur, &mut out);
    }
    // Share-structure suffixes: "-u", "-w", "-uw", "-wd", "-sw", "-s".
    if let Some((base, tail)) = cur.rsplit_once('-') {
        if (1..=2).contains(&tail.len()) && tail.bytes().all(|b| b.is_ascii_lowercase()) {
            let base = base.to_string();
            push(&base, &mut out);
        }
    }
    out
}

/// Splits one CSV line: comma separated, fields optionally double-quoted with "" escapes.
fn split_csv_line(line: &str) -> anyhow::Result<Vec<String>> {
    let mut fields = Vec::new();
    let mut cur = String::new();
    let mut chars = line.chars().peekable();
    let mut in_quotes = false;
    let mut at_field_start = true;
    while let Some(c) = chars.next() {
        if in_quotes {
            if c == '"' {
                if chars.peek() == Some(&'"') {
                    chars.next();
                    cur.push('"');
                } else {
                    in_quotes = false;
                }
            } else {
                cur.push(c);
            }
        } else if c == ',' {
            fields.push(std::mem::take(&mut cur));
            at_field_start = true;
            continue;
        } else if c == '"' && at_field_start && cur.trim().is_empty() {
            cur.clear();
            in_quotes = true;
        } else {
            cur.push(c);
        }
        at_field_start = false;
    }
    if in_quotes {
        bail!("unterminated quoted field");
    }
    fields.push(cur);
    Ok(fields)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::tickers::{find_tickers, Exchange};
    use std::io::Write;

    fn t(q: &str) -> Ticker {
        parse_ticker_query(q).unwrap_or_else(|| panic!("{q}"))
    }

    fn codes(v: Vec<Ticker>) -> Vec<String> {
        v.into_iter().map(|t| t.canonical()).collect()
    }

    #[test]
    fn builtin_data_is_complete() {
        let tab = AliasTable::builtin();
        let a_rows = A_SHARE_CSV.lines().skip(1).count();
        let hk_codes: HashSet<&str> = HK_CSV
            .lines()
            .skip(1)
            .filter_map(|l| l.split_once(',').map(|x| x.0))
            .collect();
        // Every embedded row parses (A-share codes are unique in the source).
        assert_eq!(tab.len(), a_rows + hk_codes.len());
        assert!(a_rows > 5000);
        assert!(hk_codes.len() >= 60);
    }

    #[test]
    fn a_share_lookups() {
        let tab = AliasTable::builtin();
        assert_eq!(tab.names_of(&t("600519"))[0], "贵州茅台");
        assert_eq!(tab.names_of(&t("sh600519"))[0], "贵州茅台");
        assert_eq!(codes(tab.tickers_of_name("贵州茅台")), ["600519.SH"]);
        // NFKC: full-width Ａ in the data, ASCII in the text.
        assert_eq!(codes(tab.tickers_of_name("万科a")), ["000002.SZ"]);
        assert_eq!(tab.display_name(&t("000002")), Some("万科Ａ"));
        assert!(tab.is_known_code(&t("000001")));
        assert!(tab.is_known_code(&t("000001.sh"))); // same key as 000001.SZ
        assert!(!tab.is_known_code(&t("202401")));
        // Delisted codes are kept.
        assert_eq!(codes(tab.tickers_of_name("泰祥股份(退)")), ["833874.BJ"]);
    }

    #[test]
    fn derived_aliases_strip_status_markers() {
        assert_eq!(derived_aliases("*st国华"), ["国华"]);
        assert_eq!(derived_aliases("s*st前锋"), ["前锋"]);
        assert_eq!(derived_aliases("s佳通"), ["佳通"]);
        assert_eq!(derived_aliases("st星源(退)"), ["st星源", "星源"]);
        assert_eq!(derived_aliases("新都退(退)"), ["新都退", "新都"]);
        assert_eq!(derived_aliases("九号公司-wd"), ["九号公司"]);
        assert_eq!(derived_aliases("阿里巴巴-w"), ["阿里巴巴"]);
        assert!(derived_aliases("贵州茅台").is_empty());
        assert!(derived_aliases("tcl科技").is_empty());
        assert!(derived_aliases("st").is_empty());

        let tab = AliasTable::builtin();
        assert_eq!(codes(tab.tickers_of_name("国华")), ["000004.SZ"]);
        assert!(tab.names_of(&t("000004")).contains(&"国华".to_string()));
        assert_eq!(codes(tab.tickers_of_name("九号公司")), ["689009.SH"]);
    }

    #[test]
    fn ambiguous_derived_alias_is_dropped() {
        let mut tab = AliasTable::default();
        tab.add(t("600001"), "*ST甲乙", false);
        tab.add(t("600002"), "甲乙", false);
        tab.add(t("600003"), "*ST丙丁", false);
        tab.add(t("600004"), "ST丙丁", false);
        tab.rebuild_names();
        // Primary name wins over another code's derived alias.
        assert_eq!(codes(tab.tickers_of_name("甲乙")), ["600002.SH"]);
        // Two codes derive the same alias: neither gets it.
        assert!(tab.tickers_of_name("丙丁").is_empty());
        assert_eq!(codes(tab.tickers_of_name("st丙丁")), ["600004.SH"]);
    }

    #[test]
    fn hk_lookups() {
        let tab = AliasTable::builtin();
        assert_eq!(codes(tab.tickers_of_name("阿里巴巴-w")), ["9988.HK"]);
        assert_eq!(codes(tab.tickers_of_name("阿里巴巴")), ["9988.HK"]);
        assert_eq!(codes(tab.tickers_of_name("腾讯控股")), ["0700.HK"]);
        assert_eq!(tab.names_of(&t("700.hk"))[0], "腾讯控股");
        assert_eq!(tab.display_name(&t("hk9988")), Some("阿里巴巴-W"));
        // Dual listing: one name, two tickers.
        assert_eq!(
            codes(tab.tickers_of_name("中国平安")),
            ["601318.SH", "2318.HK"]
        );
        assert!(tab.is_known_code(&t("0005.hk")));
        assert!(!tab.is_known_code(&t("0007.hk")));
    }

    #[test]
    fn listed_hit_helper() {
        let tab = AliasTable::builtin();
        let hits = find_tickers("2024年1月(202401)贵州茅台(600519)收入增长,腾讯0700.hk,123456.sz");
        let listed: Vec<String> = hits
            .iter()
            .filter(|h| tab.is_listed_hit(h))
            .map(|h| h.ticker.canonical())
            .collect();
        assert_eq!(listed, ["600519.SH", "0700.HK", "123456.SZ"]);
        // resolve fills in the table's exchange.
        let bare = Ticker {
            code: "600519".into(),
            exchange: None,
        };
        assert_eq!(tab.resolve(&bare).exchange, Some(Exchange::Sh));
    }

    fn write_csv(content: &str) -> tempfile::NamedTempFile {
        let mut f = tempfile::NamedTempFile::new().unwrap();
        f.write_all(content.as_bytes()).unwrap();
        f
    }

    #[test]
    fn csv_overrides() {
        let mut tab = AliasTable::builtin();
        let f = write_csv(
            "\u{feff}code,name\n\n# comment\n600519.SH,茅台\nsh600519,\"茅台, 酒\"\n0700,鹅厂\n999999,测试公司\n",
        );
        tab.load_csv_overrides(f.path()).unwrap();
        let names = tab.names_of(&t("600519"));
        assert_eq!(&names[..3], ["茅台", "茅台,酒", "贵州茅台"]);
        assert_eq!(tab.display_name(&t("600519")), Some("茅台"));
        assert_eq!(codes(tab.tickers_of_name("鹅厂")), ["0700.HK"]);
        assert_eq!(codes(tab.tickers_of_name("贵州茅台")), ["600519.SH"]);
        assert!(tab.is_known_code(&t("999999")));
        assert_eq!(codes(tab.tickers_of_name("测试公司")), ["999999"]);

        // Headerless file works too.
        let mut tab2 = AliasTable::default();
        tab2.load_csv_overrides(write_csv("000001.sz,平安\n").path())
            .unwrap();
        assert_eq!(codes(tab2.tickers_of_name("平安")), ["000001.SZ"]);
    }

    #[test]
    fn csv_override_errors_name_file_and_line() {
        let mut tab = AliasTable::default();
        let f = write_csv("code,name\n600519,茅台\nabc,坏\n");
        let err = format!("{:#}", tab.load_csv_overrides(f.path()).unwrap_err());
        assert!(err.contains(&format!("{}:3", f.path().display())), "{err}");
        assert!(tab.is_empty(), "nothing added on error");

        let f = write_csv("600519\n");
        let err = format!("{:#}", tab.load_csv_overrides(f.path()).unwrap_err());
        assert!(err.contains(":1:"), "{err}");

        let f = write_csv("600519,\"unterminated\n");
        let err = format!("{:#}", tab.load_csv_overrides(f.path()).unwrap_err());
        assert!(err.contains(":1:"), "{err}");

        let f = write_csv("600519, \n");
        assert!(tab.load_csv_overrides(f.path()).is_err());

        let missing = Path::new("/nonexistent/aliases.csv");
        let err = format!("{:#}", tab.load_csv_overrides(missing).unwrap_err());
        assert!(err.contains("/nonexistent/aliases.csv"), "{err}");
    }

    #[test]
    fn csv_splitting() {
        assert_eq!(split_csv_line("a,b").unwrap(), ["a", "b"]);
        assert_eq!(split_csv_line("\"a,b\",c").unwrap(), ["a,b", "c"]);
        assert_eq!(split_csv_line("\"a\"\"b\",").unwrap(), ["a\"b", ""]);
        assert!(split_csv_line("\"a").is_err());
    }
}
