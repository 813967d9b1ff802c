fn main() {
    let path = std::env::args().nth(1).unwrap();
    let from: usize = std::env::args().nth(2).map_or(0, |s| s.parse().unwrap());
    let text = std::fs::read_to_string(path).unwrap();
    for p in yanbao::report::passages(&text)
        .into_iter()
        .skip(from)
        .take(12)
    {
        println!(
            "{:>4} {:<12} {:<9} {:>5} {:?} {}",
            p.ordinal,
            p.section.name(),
            p.layout.name(),
            p.chars,
            p.hidden,
            p.text
        );
    }
}
