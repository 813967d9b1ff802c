//! The name the reports print beside a ticker's code, for a ticker the
//! alias table does not know: most Hong Kong listings (the built-in table
//! holds a hundred or so). A report names the company in a table row
//! (`1530.HK某某制药28.50…`, `某某制药01530.HK6.98…`) or before the code
//! in brackets (`某某制药(1530.HK)`); read across the reports, one name
//! stands beside the code far more often than any other.
//!
//! Read at query time from the passages that mention the ticker (their
//! mentions' positions come from the `ticker_hits` column): nothing is
//! added to the index, and a name learned is only as good as the reports.

use crate::index::schema::Fields;
use crate::query::stored::{stored_text, ticker_hits};
use crate::report::Ticker;
use crate::text::is_han;
use crate::text::normalize::normalize;
use anyhow::Result;
use tantivy::schema::{IndexRecordOption, Term};
use tantivy::{DocAddress, DocSet, Searcher, TantivyDocument};

/// Passages read at most: enough for a name to stand out, few enough
/// that a much-mentioned code costs a few milliseconds.
const MAX_PASSAGES: usize = 120;
/// Characters of a name: a short name is two to six Han characters; a
/// longer run beside a code is a sentence going on.
const MIN_NAME: usize = 2;
const MAX_NAME: usize = 6;
/// Mentions that must give the name (see [`most_named`]).
const MIN_SUPPORT: usize = 2;

/// The name printed beside `ticker`'s code in the index's reports, if one
/// stands out.
pub(crate) fn name_beside(
    searcher: &Searcher,
    fields: &Fields,
    ticker: &Ticker,
) -> Result<Option<String>> {
    let key = ticker.index_key();
    let term = Term::from_field_text(fields.tickers, &key);
    let mut beside: Vec<Beside> = Vec::new();
    let mut read = 0;
    'segments: for (ord, seg) in searcher.segment_readers().iter().enumerate() {
        let ii = seg.inverted_index(fields.tickers)?;
        let Some(mut postings) = ii.read_postings(&term, IndexRecordOption::Basic)? else {
            continue;
        };
        let mut doc = postings.doc();
        while doc != tantivy::TERMINATED {
            if !seg.is_deleted(doc) {
                if read == MAX_PASSAGES {
                    break 'segments;
                }
                read += 1;
                let address = DocAddress::new(ord as u32, doc);
                let stored: TantivyDocument = searcher.doc(address)?;
                let chars: Vec<char> = normalize(&stored_text(&stored, fields.raw))
                    .chars()
                    .collect();
                for hit in ticker_hits(searcher, address)?
                    .iter()
                    .filter(|h| h.key == key)
                {
                    beside.extend(after(&chars, hit.end));
                    beside.extend(before(&chars, hit.start));
                }
            }
            doc = postings.advance();
        }
    }
    Ok(most_named(&beside))
}

/// What stands beside one mention of a code: a run of Han characters
/// with non-Han characters (or the text's end) on both sides.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Beside {
    /// A run of a name's length: a name, or a table's other cell.
    Name(String),
    /// A longer run before the code, which may end with the name
    /// (`建议关注某某生物(6185.hk)`).
    EndsWith(String),
    /// A longer run after the code, which may start with the name.
    StartsWith(String),
}

/// The run of Han characters right after a mention: a table row's name
/// after its code.
fn after(cs: &[char], end: usize) -> Option<Beside> {
    let len = cs.get(end..)?.iter().take_while(|&&c| is_han(c)).count();
    let run: String = cs[end..end + len].iter().collect();
    match len {
        0..MIN_NAME => None,
        MIN_NAME..=MAX_NAME => Some(Beside::Name(run)),
        _ => Some(Beside::StartsWith(run)),
    }
}

/// The run of Han characters right before a mention, or before the
/// bracket it opens with (`某某制药(1530.hk)`).
fn before(cs: &[char], start: usize) -> Option<Beside> {
    let end = match start.checked_sub(1).map(|i| cs[i]) {
        Some('(') => start - 1,
        _ => start,
    };
    let len = cs[..end].iter().rev().take_while(|&&c| is_han(c)).count();
    let run: String = cs[end - len..end].iter().collect();
    match len {
        0..MIN_NAME => None,
        MIN_NAME..=MAX_NAME => Some(Beside::Name(run)),
        _ => Some(Beside::EndsWith(run)),
    }
}

/// The name most mentions give. Only a run of a name's length can be the
/// name (its two ends are where the name ends); a longer run votes for a
/// name it ends with (before the code) or starts with (after it). The name
/// needs [`MIN_SUPPORT`] votes and twice as many as any other: a table row
/// puts another cell on the code's other side (a rating, a category), and
/// where a code's neighbours differ from row to row (a list of codes and
/// names run together), no name is learned.
fn most_named(beside: &[Beside]) -> Option<String> {
    let votes = |name: &str| -> usize {
        beside
            .iter()
            .filter(|b| match b {
                Beside::Name(n) => n == name,
                Beside::EndsWith(run) => run.ends_with(name),
                Beside::StartsWith(run) => run.starts_with(name),
            })
            .count()
    };
    let mut names: Vec<(&str, usize)> = Vec::new();
    for b in beside {
        if let Beside::Name(n) = b {
            if names.iter().all(|(seen, _)| seen != n) {
                names.push((n, votes(n)));
            }
        }
    }
    // The most votes first; of equal votes the longer, then the first in
    // text order (the sort is stable).
    names.sort_by(|a, b| {
        b.1.cmp(&a.1)
            .then(b.0.chars().count().cmp(&a.0.chars().count()))
    });
    let (best, n) = *names.first()?;
    let runner_up = names.get(1).map_or(0, |r| r.1);
    (n >= MIN_SUPPORT && n >= 2 * runner_up).then(|| best.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chars(s: &str) -> Vec<char> {
        s.chars().collect()
    }

    fn name(s: &str) -> Beside {
        Beside::Name(s.to_string())
    }

    #[test]
    fn a_name_stands_after_its_code_in_a_row_or_before_it_in_brackets() {
        let row = chars("1093.hk某某集团126.5013%1530.hk甲乙制药28.508%");
        let at = "1093.hk某某集团126.5013%1530.hk".chars().count();
        assert_eq!(after(&row, at), Some(name("甲乙制药")));
        let prose = chars("我们推荐甲乙制药(1530.hk),维持买入");
        let start = "我们推荐甲乙制药(".chars().count();
        assert_eq!(
            before(&prose, start),
            Some(Beside::EndsWith("我们推荐甲乙制药".to_string()))
        );
        let glued = chars("12.5甲乙制药01530.hk6.98");
        assert_eq!(before(&glued, 8), Some(name("甲乙制药")));
        // A single character is no name.
        assert_eq!(after(&chars("1530.hk股2.1"), 7), None);
    }

    #[test]
    fn the_name_most_mentions_give_wins_and_a_split_vote_gives_none() {
        let long = |s: &str| Beside::EndsWith(s.to_string());
        let won = most_named(&[
            name("甲乙制药"),
            long("我们推荐甲乙制药"),
            Beside::StartsWith("甲乙制药公告称新药获批".to_string()),
            name("维持"),
        ]);
        assert_eq!(won.as_deref(), Some("甲乙制药"));
        // A category cell beside some rows does not outvote the name that
        // holds it (`牙科3600.hk现代牙科`).
        let won = most_named(&[name("牙科"), name("现代牙科"), name("现代牙科")]);
        assert_eq!(won.as_deref(), Some("现代牙科"));
        // The other cell of each row does not dilute the name.
        let won = most_named(&[
            name("买入"),
            name("乙丙生物"),
            name("任职"),
            name("乙丙生物"),
            name("未评级"),
        ]);
        assert_eq!(won.as_deref(), Some("乙丙生物"));
        // Neighbours that differ from row to row: no name.
        assert_eq!(
            most_named(&[name("某某集团"), name("甲乙制药"), name("丙丁医药")]),
            None
        );
        // One mention is not enough.
        assert_eq!(most_named(&[name("甲乙制药")]), None);
    }
}
