//! Page clean-up after extraction: page headers and footers repeated on
//! most pages, bare page numbers and report-generator template markers are
//! not part of a report's text, and would otherwise match a search on every
//! page.

use std::collections::{HashMap, HashSet};

use super::PdfPage;

/// Remove page headers/footers repeated on most pages, bare page numbers
/// ("2", "- 2 -", "第 2 页", "2 / 18") and report-generator template markers
/// (`[Table_Summary]` and the like) from the pages' text, keeping line breaks
/// otherwise.
///
/// A line counts as repeated when the same line, with digits masked (so
/// "第 3 页 / 共 5 页" matches "第 4 页 / 共 5 页"; see `line_key`) and whitespace ignored, is on
/// at least 40% of the pages (at least 3; with 2–4 pages, all pages but one
/// and at least 2).  Position on the page is not used: content order puts
/// headers and footers anywhere.
pub fn clean_pages(pages: &mut [PdfPage]) {
    let n = pages.len();
    let max_number = pages.iter().map(|p| p.number).max().unwrap_or(0);
    let threshold = match n {
        0 | 1 => usize::MAX,
        2..=4 => (n - 1).max(2),
        _ => n.saturating_mul(2).div_ceil(5).max(3),
    };
    let mut counts: HashMap<String, usize> = HashMap::new();
    for page in pages.iter() {
        let mut seen = HashSet::new();
        for line in page.text.lines() {
            let k = line_key(&strip_markers(line));
            if !k.is_empty() && seen.insert(k.clone()) {
                *counts.entry(k).or_default() += 1;
            }
        }
    }
    for page in pages.iter_mut() {
        let mut out = String::with_capacity(page.text.len());
        for line in page.text.lines() {
            let line = strip_markers(line);
            let t = line.trim();
            if t.is_empty() || is_page_number(t, max_number) {
                continue;
            }
            if counts
                .get(&line_key(&line))
                .is_some_and(|c| *c >= threshold)
            {
                continue;
            }
            out.push_str(line.trim_end());
            out.push('\n');
        }
        out.truncate(out.trim_end().len());
        page.text = out;
    }
}

/// Whitespace removed, ASCII lowercased, and runs of digits replaced by '#'
/// when there are at most three of them: enough for "第 3 页 / 共 5 页" next
/// to a date, while table rows, full of numbers, keep their digits and so
/// are not taken for a header repeated on every page.
fn line_key(line: &str) -> String {
    let is_digit = |c: char| c.is_ascii_digit() || ('０'..='９').contains(&c);
    let mut runs = 0;
    let mut prev_digit = false;
    for c in line.chars() {
        let d = is_digit(c);
        if d && !prev_digit {
            runs += 1;
        }
        prev_digit = d;
    }
    let mask = runs <= 3;
    let mut k = String::with_capacity(line.len());
    for c in line.chars() {
        if c.is_whitespace() {
            continue;
        }
        if mask && is_digit(c) {
            if !k.ends_with('#') {
                k.push('#');
            }
        } else {
            k.push(c.to_ascii_lowercase());
        }
    }
    k
}

fn strip_markers(line: &str) -> String {
    if !line.contains('[') {
        return line.to_string();
    }
    let mut out = String::with_capacity(line.len());
    let mut rest = line;
    while let Some(i) = rest.find('[') {
        out.push_str(&rest[..i]);
        let after = &rest[i + 1..];
        if let Some(j) = after.find(']') {
            if is_marker(&after[..j]) {
                rest = &after[j + 1..];
                continue;
            }
        }
        out.push('[');
        rest = after;
    }
    out.push_str(rest);
    out
}

/// Template field names such as Table_Summary, table_research, TableTitle.
fn is_marker(inner: &str) -> bool {
    let inner = inner.trim();
    (3..=40).contains(&inner.len())
        && inner.starts_with(|c: char| c.is_ascii_alphabetic())
        && inner.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
        && (inner.contains('_') || inner.to_ascii_lowercase().starts_with("table"))
}

fn is_page_number(line: &str, max_number: u32) -> bool {
    // Whitespace goes, except between two digits ("1 2" is not a number).
    let mut squeezed = String::with_capacity(line.len());
    let mut gap = false;
    for c in line.chars() {
        if c.is_whitespace() {
            gap = true;
            continue;
        }
        if gap && c.is_ascii_digit() && squeezed.ends_with(|p: char| p.is_ascii_digit()) {
            squeezed.push('~');
        }
        gap = false;
        squeezed.push(c.to_ascii_lowercase());
    }
    let core = squeezed.trim_matches(|c: char| "-–—_·•.|()[]（）【】<>《》".contains(c));
    let mut shape = String::new();
    let mut numbers: Vec<u64> = Vec::new();
    for c in core.chars() {
        if let Some(d) = c.to_digit(10) {
            if shape.ends_with('#') {
                if let Some(last) = numbers.last_mut() {
                    *last = last.saturating_mul(10).saturating_add(u64::from(d));
                }
            } else {
                shape.push('#');
                numbers.push(u64::from(d));
            }
        } else {
            shape.push(match c {
                '／' => '/',
                '，' | '、' => ',',
                c => c,
            });
        }
    }
    let first = numbers.first().copied().unwrap_or(0);
    let plausible = first >= 1 && first <= u64::from(max_number) + 10;
    match shape.as_str() {
        "#" => plausible,
        "#/#" | "#of#" => plausible && numbers.get(1).is_some_and(|t| *t >= first),
        "第#页" | "第#页/共#页" | "第#页,共#页" | "第#页共#页" | "#页" | "page#" | "page#of#"
        | "p#" | "p.#" => true,
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn page_numbers() {
        for yes in [
            "2",
            "- 2 -",
            "— 12 —",
            "第 2 页",
            "第2页 / 共18页",
            "2 / 18",
            "Page 3 of 9",
            "·3·",
        ] {
            assert!(is_page_number(yes, 18), "{yes}");
        }
        for no in ["2024", "15.7%", "第一章", "2/1", "68.64", "1 2", "表1"] {
            assert!(!is_page_number(no, 18), "{no}");
        }
    }

    #[test]
    fn markers() {
        assert_eq!(strip_markers("[Table_Summary] 本报告"), " 本报告");
        assert_eq!(strip_markers("见[1]与[table_main]"), "见[1]与");
        assert_eq!(strip_markers("[DeepSeek] [a_b"), "[DeepSeek] [a_b");
    }

    #[test]
    fn clean_pages_keeps_body_repeated_on_few_pages() {
        let mut pages: Vec<PdfPage> = (1..=10)
            .map(|n| PdfPage {
                number: n,
                text: format!(
                    "某证券 行业深度\n正文{}段。\n营业收入 {n}.1 2.{n} 3{n}.5 4.8\n{}\n第 {n} 页 共 10 页",
                    "甲乙丙丁戊己庚辛壬癸".chars().nth(n as usize - 1).unwrap_or('子'),
                    if n <= 3 { "风险提示：竞争加剧。" } else { "其他" }
                ),
            })
            .collect();
        clean_pages(&mut pages);
        assert_eq!(
            pages[0].text,
            "正文甲段。\n营业收入 1.1 2.1 31.5 4.8\n风险提示：竞争加剧。"
        );
        // "其他" is on 7 of 10 pages: it counts as repeated.
        assert_eq!(pages[5].text, "正文己段。\n营业收入 6.1 2.6 36.5 4.8");
    }
}
