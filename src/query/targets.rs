//! What a `mentions` term stands for: a ticker's written forms or a text,
//! widened on request to the company's names (or a name to its ticker)
//! through the alias table.

use crate::query::mentions::Target;
use crate::query::variants::latin_variants;
use crate::report::aliases::AliasTable;
use crate::report::tickers::parse_ticker_query;
use crate::text::normalize::normalize;
use std::collections::HashSet;

/// [`targets`], and with `loose` every text target also in its other Latin
/// spellings (`Mini LED`, `MiniLED`, `Mini-LED`; see
/// [`crate::query::latin_variants`]): `mentions` is exact unless asked.
pub fn targets_with(
    term: &str,
    aliases: Option<&AliasTable>,
    loose: bool,
) -> crate::Result<Vec<Target>> {
    let exact = targets(term, aliases)?;
    if !loose {
        return Ok(exact);
    }
    let mut out = Vec::with_capacity(exact.len());
    for (k, t) in exact.into_iter().enumerate() {
        match t {
            // The term itself is cut where it was typed (its case changes
            // are gone from the normalized text); a name from the alias
            // table only at its spaces, hyphens and letter/digit changes.
            Target::Text(s) => {
                let from = if k == 0 { term } else { s.as_str() };
                out.extend(latin_variants(from).into_iter().map(Target::Text));
            }
            other => out.push(other),
        }
    }
    let mut seen = HashSet::new();
    out.retain(|t| seen.insert(format!("{t:?}")));
    Ok(out)
}

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
