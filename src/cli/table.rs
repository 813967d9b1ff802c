//! Plain-text tables whose columns line up in a terminal although cells mix Han characters
//! (two columns wide) and Latin ones (`unicode-width` gives each character's width).

use unicode_width::UnicodeWidthStr;

/// Cells cut to this display width at most, with `…`.
const MAX_CELL: usize = 48;

fn cut(cell: &str, max: usize) -> String {
    if cell.width() <= max {
        return cell.to_string();
    }
    let mut out = String::new();
    let mut w = 0;
    for c in cell.chars() {
        let cw = unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
        if w + cw + 1 > max {
            break;
        }
        out.push(c);
        w += cw;
    }
    out.push('…');
    out
}

/// The table as lines: a header, then the rows; the last column is not padded.
pub fn render(headers: &[&str], rows: &[Vec<String>]) -> Vec<String> {
    let cells: Vec<Vec<String>> = rows
        .iter()
        .map(|r| r.iter().map(|c| cut(c, MAX_CELL)).collect())
        .collect();
    let mut widths: Vec<usize> = headers.iter().map(|h| h.width()).collect();
    for r in &cells {
        for (i, c) in r.iter().enumerate() {
            if i < widths.len() {
                widths[i] = widths[i].max(c.width());
            }
        }
    }
    let line = |r: &[String]| -> String {
        let mut out = String::new();
        for (i, c) in r.iter().enumerate() {
            out.push_str(c);
            if i + 1 < r.len() {
                out.push_str(&" ".repeat(widths[i] - c.width() + 2));
            }
        }
        out.trim_end().to_string()
    };
    let mut out = vec![line(
        &headers.iter().map(|h| h.to_string()).collect::<Vec<_>>(),
    )];
    out.extend(cells.iter().map(|r| line(r)));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn han_cells_line_up() {
        let lines = render(
            &["date", "broker"],
            &[
                vec!["2024-01-02".into(), "华安证券".into()],
                vec!["-".into(), "x".into()],
            ],
        );
        assert_eq!(lines[1].find("华安"), lines[0].find("broker"));
        assert_eq!(lines[2].find('x'), lines[0].find("broker"));
    }
}
