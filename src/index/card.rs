//! A report's card: what a row of `reports` and `ticker` shows, kept in a fast column of the
//! report document so that lists of thousands of reports read one column instead of the doc
//! store (whose JSON metadata, forecasts included, is for `show`).

use crate::report::{Change, Level, ReportMeta};
use serde::{Deserialize, Serialize};

/// A price with its currency, as a card keeps it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CardPrice {
    /// The amount.
    pub value: f64,
    /// `CNY`, `HKD` or `USD`.
    pub currency: String,
}

/// A report as one row of a list.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ReportCard {
    /// The headline.
    pub title: String,
    /// The publishing broker.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub broker: Option<String>,
    /// `YYYY-MM-DD`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    /// The analysts' names, in order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub analysts: Vec<String>,
    /// The rating word as printed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rating: Option<String>,
    /// The rating on one scale.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub level: Option<Level>,
    /// What the report did to its rating.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub change: Option<Change>,
    /// `company`, `industry`, `strategy`, `macro`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub report_type: Option<String>,
    /// The tickers the report is about (its head's), canonical (`600519.SH`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tickers: Vec<String>,
    /// The target price.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub target_price: Option<CardPrice>,
    /// The share price at the report's date.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub current_price: Option<CardPrice>,
    /// The forecast EPS of the year after the report's (`2022` for a report of 2021).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub eps_next: Option<f64>,
}

impl ReportCard {
    /// The card of a report.
    pub fn of(title: &str, meta: &ReportMeta, tickers: Vec<String>) -> ReportCard {
        let price = |p: &Option<crate::report::Price>| {
            p.as_ref().map(|p| CardPrice {
                value: p.value,
                currency: p.currency.clone(),
            })
        };
        let year: Option<u16> = meta.date.as_deref().and_then(|d| d.get(..4)?.parse().ok());
        let eps_next = year.and_then(|y| {
            meta.forecasts
                .iter()
                .find(|f| f.year == y + 1 && !f.actual)
                .and_then(|f| f.eps)
        });
        ReportCard {
            title: title.to_string(),
            broker: meta.broker.clone(),
            date: meta.date.clone(),
            analysts: meta.analysts.iter().map(|a| a.name.clone()).collect(),
            rating: meta.rating.clone(),
            level: meta.rating_level,
            change: meta.rating_change,
            report_type: meta.report_type.clone(),
            tickers,
            target_price: price(&meta.target_price),
            current_price: price(&meta.current_price),
            eps_next,
        }
    }

    /// The card's bytes for the fast column.
    pub(crate) fn encode(&self) -> Vec<u8> {
        serde_json::to_vec(self).expect("a card serializes")
    }

    /// A card from its column's bytes (an empty card where they do not parse).
    pub(crate) fn decode(bytes: &[u8]) -> ReportCard {
        serde_json::from_slice(bytes).unwrap_or_default()
    }
}
