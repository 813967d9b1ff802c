//! The queries: the default mix picked from the corpus text, `--query` overrides, and their
//! runs (yanbao search and mentions, rg -F beside each).

use super::measure::{med_ms, repeat, series_json, Measured};
use super::tables::ratio;
use super::Yanbao;
use crate::run::corpus::{pick_sample, read_text};
use anyhow::{anyhow, bail, Result};
use serde_json::{json, Value};
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::process::Command;
use yanbao::text::{is_han, normalize};

/// Bytes of corpus text read to pick default queries.
const DETECT_SAMPLE: u64 = 4_000_000;

/// Highest count; ties go to the smallest string so the choice is deterministic.
fn most_frequent(counts: &HashMap<String, usize>) -> Option<String> {
    counts
        .iter()
        .max_by(|a, b| a.1.cmp(b.1).then_with(|| b.0.cmp(a.0)))
        .map(|(k, _)| k.clone())
}

const WORD_CANDIDATES: &[&str] = &["芯片", "半导体", "医药", "银行", "汽车"];

const PHRASE_CANDIDATES: &[&str] = &["市场竞争加剧", "下游需求不及预期", "盈利预测与投资建议"];

const COMMON_CANDIDATES: &[&str] = &["风险", "公司", "增长"];

/// Picks the default query mix from corpus text fed file by file, so the harness never holds the
/// whole sample in memory (its own peak RSS is inherited by the children it spawns, see `measure`).
#[derive(Default)]
pub struct Detector {
    tickers: HashMap<String, usize>,
    companies: HashMap<String, usize>,
    present: Vec<&'static str>,
}

impl Detector {
    /// Counts `NNNNNN.SH|SZ` tickers (as spelled, for `rg -F`) and the Han run written just
    /// before `(NNNNNN...)` or `（NNNNNN...）`, and notes which fixed candidates occur in the text
    /// as yanbao normalizes it (so a candidate broken by a line break counts, as yanbao finds it).
    pub fn feed(&mut self, text: &str) {
        let b = text.as_bytes();
        let mut i = 0;
        while i + 9 <= b.len() {
            let digits = b[i..i + 6].iter().all(u8::is_ascii_digit);
            let starts = i == 0 || !b[i - 1].is_ascii_digit();
            if !(digits && starts) {
                i += 1;
                continue;
            }
            let suffix = &b[i + 6..i + 9];
            if suffix.eq_ignore_ascii_case(b".SH") || suffix.eq_ignore_ascii_case(b".SZ") {
                // All nine bytes are ASCII, so the slice is on char boundaries.
                *self.tickers.entry(text[i..i + 9].to_string()).or_default() += 1;
            }
            let before = &text[..i];
            if let Some(rest) = before
                .strip_suffix('(')
                .or_else(|| before.strip_suffix('（'))
            {
                let mut v: Vec<char> = rest
                    .chars()
                    .rev()
                    .take_while(|&c| is_han(c))
                    .take(8)
                    .collect();
                v.reverse();
                if v.len() >= 2 {
                    *self.companies.entry(v.into_iter().collect()).or_default() += 1;
                }
            }
            i += 6;
        }
        let flat = normalize(text);
        for c in WORD_CANDIDATES
            .iter()
            .chain(PHRASE_CANDIDATES)
            .chain(COMMON_CANDIDATES)
        {
            if !self.present.contains(c) && flat.contains(c) {
                self.present.push(c);
            }
        }
    }

    /// Most frequent ticker regardless of case; its upper-case spelling when the text has it.
    pub fn ticker(&self) -> Option<String> {
        let mut groups: HashMap<String, usize> = HashMap::new();
        for (k, n) in &self.tickers {
            *groups.entry(k.to_ascii_uppercase()).or_default() += n;
        }
        let best = most_frequent(&groups)?;
        if self.tickers.contains_key(&best) {
            return Some(best);
        }
        let spellings: HashMap<String, usize> = self
            .tickers
            .iter()
            .filter(|(k, _)| k.to_ascii_uppercase() == best)
            .map(|(k, n)| (k.clone(), *n))
            .collect();
        most_frequent(&spellings)
    }

    pub fn company(&self) -> Option<String> {
        most_frequent(&self.companies)
    }

    /// Default query mix: fixed candidates that most Chinese research corpora contain, with the
    /// ticker and company taken from the corpus so that they have hits in synthetic and real text.
    pub fn queries(&self) -> Vec<(String, String)> {
        let first = |cands: &[&str], fallback: &str| -> String {
            cands
                .iter()
                .find(|c| self.present.contains(c))
                .map(|c| c.to_string())
                .unwrap_or_else(|| fallback.to_string())
        };
        vec![
            ("word".into(), first(WORD_CANDIDATES, "公司")),
            (
                "company".into(),
                self.company().unwrap_or_else(|| "贵州茅台".into()),
            ),
            (
                "ticker".into(),
                self.ticker().unwrap_or_else(|| "600519.SH".into()),
            ),
            (
                "phrase".into(),
                format!("\"{}\"", first(PHRASE_CANDIDATES, "投资建议")),
            ),
            ("common".into(), first(COMMON_CANDIDATES, "风险")),
        ]
    }
}

/// `Detector` over a single text.
#[cfg(test)]
pub fn default_queries(sample: &str) -> Vec<(String, String)> {
    let mut d = Detector::default();
    d.feed(sample);
    d.queries()
}

/// Parses `KIND=TEXT` from `--query`.
pub fn parse_query(s: &str) -> Result<(String, String)> {
    let (k, t) = s
        .split_once('=')
        .ok_or_else(|| anyhow!("--query expects KIND=TEXT, got {s:?}"))?;
    let (k, t) = (k.trim(), t.trim());
    if k.is_empty() || t.is_empty() {
        bail!("--query expects KIND=TEXT with both parts non-empty, got {s:?}");
    }
    Ok((k.to_string(), t.to_string()))
}

/// The query given to `yanbao search` and the literal term given to `mentions` and `rg -F`.
pub fn query_forms(kind: &str, text: &str) -> (String, String) {
    let term = text.trim().trim_matches('"').to_string();
    let search = if kind == "phrase" && !text.trim().starts_with('"') {
        format!("\"{term}\"")
    } else {
        text.to_string()
    };
    (search, term)
}

/// Applies `--query KIND=TEXT` overrides: a known kind is replaced in place, a new kind appended.
pub fn apply_overrides(
    mut base: Vec<(String, String)>,
    overrides: &[(String, String)],
) -> Vec<(String, String)> {
    for (k, t) in overrides {
        match base.iter_mut().find(|(bk, _)| bk == k) {
            Some(slot) => slot.1 = t.clone(),
            None => base.push((k.clone(), t.clone())),
        }
    }
    base
}

/// The query mix: the defaults the corpus text suggests (a deterministic sample of it, file by
/// file), with the `--query KIND=TEXT` overrides applied.
pub fn pick_queries(
    files: &[(PathBuf, u64)],
    overrides: &[String],
) -> Result<Vec<(String, String)>> {
    let sizes: Vec<u64> = files.iter().map(|f| f.1).collect();
    let mut detector = Detector::default();
    for i in pick_sample(&sizes, DETECT_SAMPLE) {
        if let Some((t, _)) = files.get(i).and_then(|(p, _)| read_text(p)) {
            detector.feed(&t);
        }
    }
    let overrides: Vec<(String, String)> = overrides
        .iter()
        .map(|q| parse_query(q))
        .collect::<Result<_>>()?;
    Ok(apply_overrides(detector.queries(), &overrides))
}

/// A query's runs: yanbao search and mentions, and rg beside each where rg is installed.
pub struct QueryResult {
    pub kind: String,
    pub text: String,
    pub search: Vec<Measured>,
    pub rg_search: Option<Vec<Measured>>,
    pub mentions: Vec<Measured>,
    pub rg_count: Option<Vec<Measured>>,
}

/// The medians and counts of a query's runs.
pub struct QueryFigures {
    /// Whether a yanbao run failed (its median is then left out).
    pub search_failed: bool,
    pub mentions_failed: bool,
    /// Median milliseconds of each command.
    pub search: Option<f64>,
    pub rg_search: Option<f64>,
    pub mentions: Option<f64>,
    pub rg_count: Option<f64>,
    /// Occurrences by `yanbao mentions --count`; matching lines by `rg -F -c`.
    pub count: Option<u64>,
    pub rg_lines: Option<u64>,
}

impl QueryResult {
    pub fn figures(&self) -> QueryFigures {
        let failed = |v: &[Measured]| v.iter().any(|m| !m.ok());
        let (search_failed, mentions_failed) = (failed(&self.search), failed(&self.mentions));
        QueryFigures {
            search_failed,
            mentions_failed,
            search: med_ms(&self.search).filter(|_| !search_failed),
            rg_search: self.rg_search.as_deref().and_then(med_ms),
            mentions: med_ms(&self.mentions).filter(|_| !mentions_failed),
            rg_count: self.rg_count.as_deref().and_then(med_ms),
            count: self
                .mentions
                .last()
                .filter(|x| x.ok())
                .map(|x| x.stdout_count_sum),
            rg_lines: self
                .rg_count
                .as_ref()
                .and_then(|v| v.last())
                .map(|x| x.stdout_count_sum),
        }
    }

    /// The query's runs and figures, for `--json`.
    pub fn json(&self) -> Value {
        let f = self.figures();
        json!({
            "kind": self.kind,
            "text": self.text,
            "search": series_json(&self.search),
            "rg_search": self.rg_search.as_deref().map(series_json),
            "mentions": series_json(&self.mentions),
            "mentions_count": f.count,
            "rg_count": self.rg_count.as_deref().map(series_json),
            "rg_matching_lines": f.rg_lines,
            "ratio_search_rg_over_yanbao": ratio(f.rg_search, f.search),
            "ratio_mentions_rg_over_yanbao": ratio(f.rg_count, f.mentions),
        })
    }
}

/// Times every query: `yanbao search` and `yanbao mentions --count`, and `rg -F` and `rg -F -c`
/// over the corpus when `rg` is given (installed). A failed yanbao command is added to `failures`.
pub fn run_queries(
    queries: &[(String, String)],
    runs: usize,
    yb: &Yanbao,
    rg: Option<&Path>,
    corpus: &Path,
    failures: &mut Vec<String>,
) -> Result<Vec<QueryResult>> {
    let ok = |m: &Measured| m.ok();
    let mut results = Vec::new();
    for (kind, text) in queries {
        let (search_q, term) = query_forms(kind, text);
        let search = repeat(
            &|| yb.cmd(&["search", &search_q, "--limit", "10"]),
            runs,
            &ok,
        )?;
        if let Some(bad) = search.iter().find(|m| !m.ok()) {
            failures.push(format!(
                "yanbao search {search_q}: {}: {}",
                bad.describe(),
                bad.stderr_head.trim()
            ));
        }
        let mentions = repeat(&|| yb.cmd(&["mentions", &term, "--count"]), runs, &ok)?;
        if let Some(bad) = mentions.iter().find(|m| !m.ok()) {
            failures.push(format!(
                "yanbao mentions {term}: {}: {}",
                bad.describe(),
                bad.stderr_head.trim()
            ));
        }
        let (rg_search, rg_count) = match rg {
            Some(rg) => {
                let rg = |extra: &[&str]| -> Command {
                    let mut c = Command::new(rg);
                    c.args(extra).arg("-F").arg("--").arg(&term).arg(corpus);
                    c
                };
                (
                    Some(repeat(&|| rg(&[]), runs, &ok)?),
                    Some(repeat(&|| rg(&["-c"]), runs, &ok)?),
                )
            }
            None => (None, None),
        };
        results.push(QueryResult {
            kind: kind.clone(),
            text: text.clone(),
            search,
            rg_search,
            mentions,
            rg_count,
        });
    }
    Ok(results)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn query_parsing() {
        assert_eq!(
            parse_query("ticker=600519.SH").unwrap(),
            ("ticker".into(), "600519.SH".into())
        );
        assert_eq!(
            parse_query("phrase=a=b").unwrap(),
            ("phrase".into(), "a=b".into())
        );
        assert!(parse_query("novalue").is_err());
        assert!(parse_query("=x").is_err());
        assert!(parse_query("k=").is_err());
    }

    #[test]
    fn query_forms_quote_phrases_only() {
        assert_eq!(
            query_forms("phrase", "市场竞争加剧"),
            ("\"市场竞争加剧\"".into(), "市场竞争加剧".into())
        );
        assert_eq!(
            query_forms("phrase", "\"投资建议\""),
            ("\"投资建议\"".into(), "投资建议".into())
        );
        assert_eq!(query_forms("word", "芯片"), ("芯片".into(), "芯片".into()));
    }

    #[test]
    fn detects_ticker_and_company() {
        let mut d = Detector::default();
        d.feed("恒芯微电（688123.SH）：业绩超预期\n恒芯微电(688123.SH)点评 瑞达电子(000858.sz) 1600519.SH 600519 CH");
        d.feed("恒芯微电（688123.sh）");
        // Case-insensitive counting, upper-case spelling preferred when present.
        assert_eq!(d.ticker().as_deref(), Some("688123.SH"));
        assert_eq!(d.company().as_deref(), Some("恒芯微电"));
        let mut e = Detector::default();
        e.feed("瑞达电子(000858.sz)");
        // Only a lower-case spelling in the text: keep it, so `rg -F` finds it too.
        assert_eq!(e.ticker().as_deref(), Some("000858.sz"));
        let mut none = Detector::default();
        none.feed("没有代码");
        assert_eq!((none.ticker(), none.company()), (None, None));
        // Truncated input near a multi-byte boundary must not panic.
        none.feed("（12345");
        none.feed("（1234567");
    }

    #[test]
    fn defaults_and_overrides() {
        let d = default_queries("公司芯片业务风险提示：市场竞 争加剧。瑞达电子(000858.SZ)");
        let get = |k: &str| d.iter().find(|x| x.0 == k).map(|x| x.1.clone());
        assert_eq!(get("word").as_deref(), Some("芯片"));
        assert_eq!(get("phrase").as_deref(), Some("\"市场竞争加剧\""));
        assert_eq!(get("ticker").as_deref(), Some("000858.SZ"));
        assert_eq!(get("company").as_deref(), Some("瑞达电子"));
        assert_eq!(get("common").as_deref(), Some("风险"));
        let o = apply_overrides(
            d,
            &[
                ("ticker".into(), "0700.HK".into()),
                ("extra".into(), "x".into()),
            ],
        );
        assert_eq!(o.len(), 6);
        assert_eq!(o[2].1, "0700.HK");
        assert_eq!(o[5].0, "extra");
        let fallback = default_queries("");
        assert_eq!(fallback[2].1, "600519.SH");
    }
}
