//! The query language of `yanbao search`.
//!
//! Space-separated terms are ANDed; `"quoted phrases"` (or “…”) keep their
//! spaces; `OR` between terms makes an alternative; a leading `-` excludes.
//! Each term is normalized like the text and matched as a substring of the
//! normalized passage: Chinese has no spaces, so a term is taken as written.
//! A Latin term also matches its other spellings across a space or a hyphen
//! (`Mini LED` = `MiniLED` = `Mini-LED`, see `variants`), decided on the
//! term as typed, before normalization lowercases it.

use crate::query::variants::latin_variants;
use crate::report::parse_ticker_query;
use crate::text::normalize::normalize;
use std::fmt;

/// One term of a query.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Term {
    /// Normalized text of the term.
    pub text: String,
    /// Written in quotes.
    pub phrase: bool,
    /// Every normalized spelling that matches: `text` first, then its Latin
    /// variants (see [`crate::query::latin_variants`]).
    pub variants: Vec<String>,
}

impl Term {
    /// The term typed as `raw`, or `None` when nothing of it is left after
    /// normalization.
    pub fn new(raw: &str, phrase: bool) -> Option<Term> {
        let variants = latin_variants(raw);
        let text = variants.first()?.clone();
        if text.is_empty() {
            return None;
        }
        Some(Term {
            text,
            phrase,
            variants,
        })
    }
}

/// A parsed query: every group must match (any term of a group will do),
/// and no excluded term may occur.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Query {
    /// Groups of alternatives (`A OR B`); every group must match.
    pub groups: Vec<Vec<Term>>,
    /// Terms that must not occur (`-term`).
    pub excluded: Vec<Term>,
}

impl Query {
    /// Every term that must or may match (for highlighting).
    pub fn positive_terms(&self) -> impl Iterator<Item = &Term> {
        self.groups.iter().flatten()
    }
}

/// Why a query could not be parsed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum QueryError {
    /// No term at all.
    Empty,
    /// A phrase not closed by its quote.
    UnbalancedQuote,
    /// `OR` without a term on one side.
    DanglingOr,
    /// Only excluded terms.
    OnlyExclusions,
}

impl fmt::Display for QueryError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            QueryError::Empty => "empty query: give at least one word to search for",
            QueryError::UnbalancedQuote => "unbalanced quote in query: close the phrase with \"",
            QueryError::DanglingOr => "OR needs a term on each side",
            QueryError::OnlyExclusions => {
                "the query only excludes: give at least one term to search for"
            }
        })
    }
}

impl std::error::Error for QueryError {}

#[derive(Debug, PartialEq)]
enum Token {
    Or,
    Term {
        text: String,
        phrase: bool,
        negated: bool,
    },
}

fn lex(input: &str) -> Result<Vec<Token>, QueryError> {
    let mut tokens = Vec::new();
    let mut chars = input.chars().peekable();
    loop {
        while chars.peek().is_some_and(|c| c.is_whitespace()) {
            chars.next();
        }
        let Some(&first) = chars.peek() else { break };
        let mut negated = false;
        if matches!(first, '-' | '－') {
            chars.next();
            match chars.peek() {
                Some(c) if !c.is_whitespace() => negated = true,
                _ => {
                    tokens.push(Token::Term {
                        text: first.to_string(),
                        phrase: false,
                        negated: false,
                    });
                    continue;
                }
            }
        }
        let open = chars.peek().copied();
        if let Some(q @ ('"' | '“' | '”' | '＂')) = open {
            chars.next();
            let close = |c: char| {
                if q == '"' || q == '＂' {
                    c == '"' || c == '＂'
                } else {
                    c == '”' || c == '"'
                }
            };
            let mut text = String::new();
            let mut closed = false;
            for c in chars.by_ref() {
                if close(c) {
                    closed = true;
                    break;
                }
                text.push(c);
            }
            if !closed {
                return Err(QueryError::UnbalancedQuote);
            }
            tokens.push(Token::Term {
                text,
                phrase: true,
                negated,
            });
            continue;
        }
        let mut text = String::new();
        while let Some(&c) = chars.peek() {
            if c.is_whitespace() || matches!(c, '"' | '“' | '＂') {
                break;
            }
            text.push(c);
            chars.next();
        }
        if text == "OR" && !negated {
            tokens.push(Token::Or);
        } else {
            tokens.push(Token::Term {
                text,
                phrase: false,
                negated,
            });
        }
    }
    Ok(tokens)
}

/// A ticker written with a space before its market (`0700 HK`, Bloomberg's `600519 CH`,
/// `600519 CH Equity`) is one term: split at the space, `CH` alone would have to occur in the
/// passage, and the number would be matched as a plain number.
fn join_spaced_tickers(tokens: Vec<Token>) -> Vec<Token> {
    let mut out: Vec<Token> = Vec::with_capacity(tokens.len());
    for tok in tokens {
        if let (
            Some(Token::Term {
                text: prev,
                phrase: false,
                ..
            }),
            Token::Term {
                text,
                phrase: false,
                negated: false,
            },
        ) = (out.last_mut(), &tok)
        {
            let joined = format!("{prev} {text}");
            let starts_with_digit = prev.chars().next().is_some_and(|c| c.is_ascii_digit());
            if starts_with_digit && parse_ticker_query(&normalize(&joined)).is_some() {
                *prev = joined;
                continue;
            }
        }
        out.push(tok);
    }
    out
}

/// Parses a query: space-separated terms are ANDed, `"quoted phrases"`
/// keep their spaces, `A OR B` is an alternative, a leading `-` excludes.
/// Terms are normalized like the text.
pub fn parse(input: &str) -> Result<Query, QueryError> {
    let tokens = join_spaced_tickers(lex(input)?);
    let mut query = Query::default();
    let mut pending_or = false;
    let mut last_was_positive = false;
    for tok in tokens {
        match tok {
            Token::Or => {
                if !last_was_positive || pending_or {
                    return Err(QueryError::DanglingOr);
                }
                pending_or = true;
            }
            Token::Term {
                text,
                phrase,
                negated,
            } => {
                let Some(term) = Term::new(&text, phrase) else {
                    continue;
                };
                if negated {
                    if pending_or {
                        return Err(QueryError::DanglingOr);
                    }
                    query.excluded.push(term);
                    last_was_positive = false;
                } else {
                    match (pending_or, query.groups.last_mut()) {
                        (true, Some(group)) => group.push(term),
                        _ => query.groups.push(vec![term]),
                    }
                    pending_or = false;
                    last_was_positive = true;
                }
            }
        }
    }
    if pending_or {
        return Err(QueryError::DanglingOr);
    }
    // A term given twice asks nothing more.
    let mut seen = std::collections::HashSet::new();
    query.groups.retain(|g| seen.insert(g.clone()));
    query.excluded.sort_by(|a, b| a.text.cmp(&b.text));
    query.excluded.dedup();
    if query.groups.is_empty() {
        return Err(if query.excluded.is_empty() {
            QueryError::Empty
        } else {
            QueryError::OnlyExclusions
        });
    }
    Ok(query)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(s: &str) -> Term {
        Term {
            text: s.into(),
            phrase: false,
            variants: vec![s.into()],
        }
    }

    #[test]
    fn a_ticker_with_a_spaced_market_is_one_term() {
        for (q, want) in [
            ("0700 HK", "0700 hk"),
            ("600519 CH", "600519 ch"),
            ("600519 CH Equity 茅台", "600519 ch equity"),
            ("-0700 hk 腾讯", "0700 hk"),
        ] {
            let parsed = parse(q).unwrap();
            let first = parsed
                .excluded
                .iter()
                .chain(parsed.positive_terms())
                .next()
                .unwrap();
            assert_eq!(first.text, want, "{q}");
        }
        // A word after a number stays a word of its own.
        assert_eq!(parse("600519 shares").unwrap().groups.len(), 2);
        assert_eq!(parse("2025 年").unwrap().groups.len(), 2);
    }

    #[test]
    fn and_or_not_phrase() {
        let q = parse("腾讯 阿里巴巴 OR 美团 -风险 \"Claude 3.5\"").unwrap();
        assert_eq!(
            q.groups,
            vec![
                vec![t("腾讯")],
                vec![t("阿里巴巴"), t("美团")],
                vec![Term {
                    text: "claude 3.5".into(),
                    phrase: true,
                    variants: vec!["claude 3.5".into(), "claude3.5".into(), "claude-3.5".into()],
                }]
            ]
        );
        assert_eq!(q.excluded, vec![t("风险")]);
    }

    #[test]
    fn chinese_quotes_and_normalization() {
        let q = parse("“数\n学基准” ＤｅｅｐＳｅｅｋ").unwrap();
        assert_eq!(q.groups[0][0].text, "数学基准");
        assert!(q.groups[0][0].phrase);
        assert_eq!(q.groups[1][0].text, "deepseek");
    }

    #[test]
    fn errors() {
        assert_eq!(parse(""), Err(QueryError::Empty));
        assert_eq!(parse("   "), Err(QueryError::Empty));
        assert_eq!(parse("\"abc"), Err(QueryError::UnbalancedQuote));
        assert_eq!(parse("OR"), Err(QueryError::DanglingOr));
        assert_eq!(parse("a OR"), Err(QueryError::DanglingOr));
        assert_eq!(parse("a OR OR b"), Err(QueryError::DanglingOr));
        assert_eq!(parse("-a"), Err(QueryError::OnlyExclusions));
    }

    #[test]
    fn lone_dash_and_punctuation_are_terms() {
        assert_eq!(parse("-").unwrap().groups, vec![vec![t("-")]]);
        assert_eq!(parse("，").unwrap().groups, vec![vec![t(",")]]);
        assert_eq!(parse("or").unwrap().groups, vec![vec![t("or")]]);
    }
}
