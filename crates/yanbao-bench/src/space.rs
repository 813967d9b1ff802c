//! `space INDEX`: how much space each field of an index takes, to see
//! where a change in the schema or the tokens goes.

use anyhow::{Context, Result};
use std::path::Path;

/// Prints the bytes of each field's terms, postings, positions, fast
/// columns and norms, and of the doc store.
pub fn space_usage(dir: &Path) -> Result<()> {
    let index = tantivy::Index::open_in_dir(dir)
        .with_context(|| format!("{}: not an index", dir.display()))?;
    let searcher = index.reader()?.searcher();
    let usage = searcher.space_usage()?;
    let mut rows: std::collections::BTreeMap<String, [u64; 5]> = Default::default();
    for seg in usage.segments() {
        for (i, part) in [
            seg.termdict(),
            seg.postings(),
            seg.positions(),
            seg.fast_fields(),
            seg.fieldnorms(),
        ]
        .iter()
        .enumerate()
        {
            for f in part.fields() {
                rows.entry(f.field_name().to_string()).or_default()[i] += f.total().get_bytes();
            }
        }
    }
    println!(
        "{:<12} {:>10} {:>10} {:>10} {:>10} {:>10}",
        "field", "terms", "postings", "positions", "fast", "norms"
    );
    for (name, r) in rows {
        println!(
            "{name:<12} {:>10} {:>10} {:>10} {:>10} {:>10}",
            r[0], r[1], r[2], r[3], r[4]
        );
    }
    let store: u64 = usage
        .segments()
        .iter()
        .map(|s| s.store().total().get_bytes())
        .sum();
    println!("store {store}  total {}", usage.total().get_bytes());
    Ok(())
}
