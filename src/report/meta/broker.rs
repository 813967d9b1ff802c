//! The broker that published a report: the `XX证券` named most often, weighted by how it is
//! named (`…股份有限公司`, `…研究所`, not `…交易所`), and brand names.

use crate::report::brokers::{BRANDS, BROKERS};
use crate::report::scan::{left_window, right_window};
use memchr::memmem::{self, Finder};
use std::sync::LazyLock;

/// Byte offsets of the non-overlapping occurrences of `finder`'s needle in
/// `hay`: `match_indices` with a SIMD search, for scans over a whole report.
/// Finders are built once: building one costs more than searching a news item.
fn occurrences<'h>(hay: &'h str, finder: &'h Finder<'static>) -> memmem::FindIter<'h, 'h> {
    finder.find_iter(hay.as_bytes())
}

static SECURITIES: LazyLock<Finder<'static>> = LazyLock::new(|| Finder::new("证券"));
static BRAND_FINDERS: LazyLock<Vec<Finder<'static>>> =
    LazyLock::new(|| BRANDS.iter().map(|(b, _)| Finder::new(b)).collect());

pub(super) fn extract_broker(s: &str) -> Option<String> {
    let mut scores: Vec<(usize, usize, &str)> = Vec::new(); // (score, first pos, short)
    let mut add = |short: &'static str, w: usize, pos: usize| {
        if let Some(e) = scores.iter_mut().find(|e| e.2 == short) {
            e.0 += w;
        } else {
            scores.push((w, pos, short));
        }
    };
    for pos in occurrences(s, &SECURITIES) {
        let after = right_window(s, pos + "证券".len(), 8);
        let w = if after.starts_with("股份有限公司")
            || after.starts_with("有限责任公司")
            || after.starts_with("有限公司")
        {
            3
        } else if after.starts_with("研究") {
            2
        } else if [
            "交易所",
            "报",
            "市场",
            "业",
            "投资",
            "期货",
            "时报",
            "日报",
            "法",
            "公司法",
            "账户",
            "化",
            "行业",
            "板块",
            "从业",
            "监",
        ]
        .iter()
        .any(|x| after.starts_with(x))
        {
            0
        } else {
            1
        };
        if w == 0 {
            continue;
        }
        let left = left_window(s, pos, 6);
        if let Some((_, short)) = BROKERS
            .iter()
            .filter(|(k, _)| left.ends_with(k))
            .max_by_key(|(k, _)| k.len())
        {
            // `中国证券报`, `北京证券` style mentions of the market itself are not brokers.
            add(short, w, pos);
        }
    }
    for ((_, short), finder) in BRANDS.iter().zip(BRAND_FINDERS.iter()) {
        let mut found = occurrences(s, finder);
        if let Some(p) = found.next() {
            let n = 1 + found.count();
            add(short, 2 * n, p);
        }
    }
    scores.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    scores.first().filter(|e| e.0 >= 2).map(|e| e.2.to_string())
}
