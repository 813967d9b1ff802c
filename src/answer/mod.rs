//! The commands' answers in one shape for both readers of JSON: the CLI's
//! `--json` and the web API (`yanbao serve`). Each function takes an open
//! [`Index`](crate::Index) and a request as plain values, asks the query
//! layer, and returns typed results with their JSON beside them, so that a
//! field added here appears in both.
//!
//! Paths: the query layer speaks in index keys (`rel` for the first
//! folder, `/N/rel` for others). JSON gives a report's `path` relative to
//! its folder with the folder's absolute path as `root`; lists of copies
//! (`also`) and the human output give the path as shown (`name/rel` when
//! the index has several folders).

mod data;
mod passages;
mod report;

pub use data::{
    facets_json, reports, resolve_company, ticker, ListedReports, ReportsRequest, TickerTimeline,
};
pub use passages::{
    alias_table, mention_targets, mentions_json, search, MentionRequest, MentionShower,
    SearchRequest, Searched,
};
pub use report::{show_json, stats_json};

use crate::index::roots::Roots;

/// Where a report is, for JSON: its folder and its path relative to it.
#[derive(Debug, Clone)]
pub struct Place {
    /// The folder's absolute path.
    pub root: Option<String>,
    /// The path relative to the folder.
    pub rel: String,
}

impl Place {
    /// Writes the place into a report's JSON object (`path` relative, `root` absolute).
    pub fn put(&self, v: &mut serde_json::Value) {
        v["path"] = self.rel.clone().into();
        if let Some(root) = &self.root {
            v["root"] = root.clone().into();
        }
    }
}

/// Rewrites a report's key and its copies' keys as the user knows them (relative to their
/// folder, behind its name where the index has several) and returns where it is for JSON.
pub fn show_paths(roots: &Roots, path: &mut String, also: &mut [String]) -> Place {
    let (root, rel) = roots.locate(path);
    let place = Place {
        root: root.map(|r| r.path.clone()),
        rel: rel.to_string(),
    };
    for p in also.iter_mut() {
        *p = roots.display(p);
    }
    *path = roots.display(path);
    place
}
