//! Units and number formatting shared by the generator and the runner.

/// Bytes per "MB" on the command line and in reports (decimal, like disk and throughput figures).
pub const MB: f64 = 1_000_000.0;

/// Appends `x` with `decimals` decimals and a comma between thousands: `1,234,567.89`.
pub fn push_thousands(out: &mut String, x: f64, decimals: usize) {
    let s = format!("{:.*}", decimals, x.abs());
    let (int, frac) = match s.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (s.as_str(), None),
    };
    if x < 0.0 {
        out.push('-');
    }
    let n = int.len();
    for (i, ch) in int.chars().enumerate() {
        if i > 0 && (n - i) % 3 == 0 {
            out.push(',');
        }
        out.push(ch);
    }
    if let Some(f) = frac {
        out.push('.');
        out.push_str(f);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn thousands_separator() {
        let mut s = String::new();
        push_thousands(&mut s, 1234567.891, 2);
        assert_eq!(s, "1,234,567.89");
        s.clear();
        push_thousands(&mut s, -999.0, 0);
        assert_eq!(s, "-999");
        s.clear();
        push_thousands(&mut s, 1000.0, 0);
        assert_eq!(s, "1,000");
    }
}
