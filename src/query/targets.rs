//! What a `mentions` term stands for: a ticker's written forms or a text,
//! widened on request to the company's names (or a name to its ticker)
//! through the alias table.

use crate::query::mentions::Target;
use crate::report::aliases::AliasTable;
use crate::report::tickers::parse_ticker_query;
use crate::text::normalize::normalize;
use std::collections::HashSet;

/// The targets of `term`: the ticker it is shaped like, or its normalized
/// text; with `aliases`, also the names of that ticker, or the tickers of
/// that name. An empty term is an [`crate::Error::InvalidArgument`].
pub fn targets(term: &str, aliases: Option<&AliasTable>) -> crate::Result<Vec<Target>> {
    let norm = normalize(term);
    let norm = norm.trim();
    if norm.is_empty() {
        return Err(crate::Error::InvalidArgument(
            "empty term: give a ticker, a company name or a phrase".into(),
        ));
    }
    let mut targets = Vec::new();
    let ticker = parse_ticker_query(norm);
    match &ticker {
        Some(t) => targets.push(Target::Ticker(t.clone())),
        None => targets.push(Target::Text(norm.to_string())),
    }
    if let Some(table) = aliases {
        match &ticker {
            Some(t) => {
                for n in table.names_of(t) {
                    targets.push(Target::Text(n));
                }
            }
            None => {
                for t in table.tickers_of_name(norm) {
                    targets.push(Target::Ticker(t));
                }
            }
        }
    }
    let mut seen = HashSet::new();
    targets.retain(|t| seen.insert(format!("{t:?}")));
    Ok(targets)
}
