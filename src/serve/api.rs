//! The JSON API, apart from HTTP: an endpoint's name and its query parameters in, a JSON
//! value or an error with its HTTP status out. The HTTP layer (`http.rs`) only carries
//! these; benchmarks and tests call [`answer`] in-process.

use super::live::LiveIndex;
use crate::answer;
use crate::query::ReportSort;
use crate::report::aliases::AliasTable;
use crate::{Error, ReportFilter};
use serde_json::Value;
use std::collections::HashSet;

/// Characters a query, term, code or path may have: longer ones are refused (a query of
/// this length already takes seconds to plan, and no analyst types one).
pub const MAX_TEXT_CHARS: usize = 256;
/// Passages or rows one request may ask for.
pub const MAX_ROWS: usize = 1000;
/// Occurrences `/api/mentions` lists at most (the counts cover them all).
pub const MAX_MENTIONS: usize = 10_000;

/// An answer that is not one: the HTTP status and the message (the CLI's words).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApiError {
    /// 400: a bad request; 404: no such report or endpoint; 500: the index failed;
    /// 503: the request took too long.
    pub status: u16,
    /// What went wrong, naming the value.
    pub message: String,
}

impl ApiError {
    /// A bad request.
    pub fn bad(message: impl Into<String>) -> ApiError {
        ApiError {
            status: 400,
            message: message.into(),
        }
    }

    /// Nothing there.
    pub fn not_found(message: impl Into<String>) -> ApiError {
        ApiError {
            status: 404,
            message: message.into(),
        }
    }

    /// The error as the API's body: `{"error": message}`.
    pub fn to_json(&self) -> Value {
        serde_json::json!({ "error": self.message })
    }
}

impl From<Error> for ApiError {
    fn from(e: Error) -> ApiError {
        let status = match &e {
            Error::Query(_) | Error::InvalidArgument(_) => 400,
            Error::NotInIndex { .. } => 404,
            _ => 500,
        };
        ApiError {
            status,
            message: e.to_string(),
        }
    }
}

/// The endpoints, by the name after `/api/`.
pub const ENDPOINTS: [&str; 6] = ["search", "mentions", "reports", "show", "ticker", "stats"];

/// The filter parameters every listing endpoint takes, as the CLI's flags.
const FILTERS: [&str; 7] = [
    "section", "broker", "analyst", "since", "until", "rating", "ticker",
];

/// The parameters of one request, each checked against what its endpoint takes.
struct Params<'a> {
    pairs: &'a [(String, String)],
}

impl<'a> Params<'a> {
    fn new(
        endpoint: &str,
        pairs: &'a [(String, String)],
        known: &[&str],
    ) -> Result<Params<'a>, ApiError> {
        let mut seen = HashSet::new();
        for (k, v) in pairs {
            if !known.contains(&k.as_str()) {
                return Err(ApiError::bad(format!(
                    "/api/{endpoint} takes no parameter {k:?}; it takes {}",
                    known.join(", ")
                )));
            }
            if k != "section" && !seen.insert(k.as_str()) {
                return Err(ApiError::bad(format!("parameter {k:?} given twice")));
            }
            if v.chars().count() > MAX_TEXT_CHARS {
                return Err(ApiError::bad(format!(
                    "parameter {k:?} is too long: {} characters, at most {MAX_TEXT_CHARS}",
                    v.chars().count()
                )));
            }
        }
        Ok(Params { pairs })
    }

    fn get(&self, key: &str) -> Option<&'a str> {
        self.pairs
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.as_str())
    }

    /// A parameter that must be there and not blank.
    fn required(&self, key: &str) -> Result<&'a str, ApiError> {
        match self.get(key) {
            Some(v) if !v.trim().is_empty() => Ok(v),
            _ => Err(ApiError::bad(format!("parameter {key:?} is required"))),
        }
    }

    /// A yes/no switch: absent, `0`/`false` or `1`/`true`/empty (`?text`).
    fn flag(&self, key: &str) -> Result<bool, ApiError> {
        match self.get(key) {
            None => Ok(false),
            Some("" | "1" | "true" | "yes") => Ok(true),
            Some("0" | "false" | "no") => Ok(false),
            Some(v) => Err(ApiError::bad(format!(
                "parameter {key:?} is a switch: 1 or 0, not {v:?}"
            ))),
        }
    }

    /// A count between `min` and `max`, `default` when absent.
    fn count(&self, key: &str, default: usize, min: usize, max: usize) -> Result<usize, ApiError> {
        let Some(v) = self.get(key) else {
            return Ok(default);
        };
        match v.trim().parse::<usize>() {
            Ok(n) if (min..=max).contains(&n) => Ok(n),
            _ => Err(ApiError::bad(format!(
                "parameter {key:?} must be a number from {min} to {max}, not {v:?}"
            ))),
        }
    }

    fn filter(&self) -> ReportFilter {
        let one = |k: &str| self.get(k).map(str::to_string).filter(|v| !v.is_empty());
        ReportFilter {
            sections: self
                .pairs
                .iter()
                .filter(|(k, v)| k == "section" && !v.is_empty())
                .map(|(_, v)| v.clone())
                .collect(),
            broker: one("broker"),
            analyst: one("analyst"),
            since: one("since"),
            until: one("until"),
            rating: one("rating"),
            ticker: one("ticker"),
        }
    }
}

/// The parameters an endpoint takes, its own before the filters.
fn known(endpoint: &str) -> Vec<&'static str> {
    let (own, filters): (&[&str], bool) = match endpoint {
        "search" => (
            &[
                "q",
                "n",
                "per_report",
                "group",
                "boilerplate",
                "all",
                "facets",
            ],
            true,
        ),
        "mentions" => (&["term", "limit", "names", "loose"], true),
        "reports" => (&["q", "sort", "n", "facets"], true),
        "show" => (&["path", "text"], false),
        "ticker" => (&["code", "mentions"], false),
        _ => (&[], false),
    };
    let mut all = own.to_vec();
    if filters {
        all.extend(FILTERS);
    }
    all
}

/// Answers `/api/ENDPOINT?pairs` from the index's newest commit.
pub fn answer(
    live: &LiveIndex,
    aliases: &AliasTable,
    endpoint: &str,
    pairs: &[(String, String)],
) -> Result<Value, ApiError> {
    if !ENDPOINTS.contains(&endpoint) {
        return Err(ApiError::not_found(format!(
            "no endpoint /api/{endpoint}; there are /api/{}",
            ENDPOINTS.join(", /api/")
        )));
    }
    let p = Params::new(endpoint, pairs, &known(endpoint))?;
    let index = live.current()?;
    let index = &*index;
    Ok(match endpoint {
        "search" => {
            let query = p.required("q")?;
            let by_report = match p.get("group") {
                None | Some("") => false,
                Some("report") => true,
                Some(v) => {
                    return Err(ApiError::bad(format!(
                        "parameter \"group\" takes report, not {v:?}"
                    )))
                }
            };
            let searched = answer::search(
                index,
                &answer::SearchRequest {
                    query: query.to_string(),
                    limit: p.count("n", 10, 1, MAX_ROWS)?,
                    per_report: p.count("per_report", 2, 0, MAX_ROWS)?,
                    by_report,
                    boilerplate: p.flag("boilerplate")?,
                    all: p.flag("all")?,
                    facets: p.get("facets").map(str::to_string),
                    filter: p.filter(),
                },
            )?;
            searched.to_json(index, query)?
        }
        "mentions" => {
            let term = p.required("term")?;
            let request = answer::MentionRequest {
                term: term.to_string(),
                names: p.flag("names")?,
                loose: p.flag("loose")?,
                filter: p.filter(),
            };
            let targets = answer::mention_targets(&request, Some(aliases))?;
            let limit = p.count("limit", 200, 0, MAX_MENTIONS)?;
            let mut v = answer::mentions_json(index, &targets, &request.filter, limit)?;
            v["term"] = term.into();
            v
        }
        "reports" => {
            let sort = match p.get("sort") {
                None | Some("") => None,
                Some("date") => Some(ReportSort::Date),
                Some("relevance") => Some(ReportSort::Relevance),
                Some(v) => {
                    return Err(ApiError::bad(format!(
                        "parameter \"sort\" takes date or relevance, not {v:?}"
                    )))
                }
            };
            let listed = answer::reports(
                index,
                &answer::ReportsRequest {
                    query: p
                        .get("q")
                        .filter(|q| !q.trim().is_empty())
                        .map(str::to_string),
                    sort,
                    limit: p.count("n", 50, 1, MAX_ROWS)?,
                    facets: p.get("facets").map(str::to_string),
                    filter: p.filter(),
                },
            )?;
            listed.to_json()?
        }
        "show" => {
            let path = p.required("path")?;
            // Looked up among the index's keys: nothing is opened from the request.
            let report = index
                .indexed_report(path)?
                .ok_or_else(|| Error::NotInIndex { path: path.into() })?;
            answer::show_json(index, &report, p.flag("text")?)?
        }
        "ticker" => {
            let code = p.required("code")?;
            answer::ticker(index, code, p.flag("mentions")?, aliases)?.to_json()?
        }
        _ => answer::stats_json(&index.stats()?),
    })
}
