//! Prints how much space each field takes in an index:
//! `cargo run --release --example space_usage -- INDEX_DIR`.
fn main() -> anyhow::Result<()> {
    let dir = std::env::args().nth(1).unwrap_or_else(|| ".yanbao".into());
    let opened = yanbao::store::open(std::path::Path::new(&dir))?;
    let searcher = opened.searcher()?;
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
