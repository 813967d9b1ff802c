//! Snippets: the part of a passage shown with a search result, cut at
//! sentence boundaries around its highlights, never inside a word.

/// Characters that end a sentence.
fn ends_sentence(c: char) -> bool {
    matches!(c, '。' | '！' | '？' | '；' | '!' | '?' | ';')
}

/// Characters after which a too-long sentence may be cut.
fn ends_clause(c: char) -> bool {
    matches!(c, '，' | '、' | '：' | ',' | ':' | ' ')
}

/// Characters of a Latin word or a number, which a cut must not split.
fn in_word(c: char) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_' | '%')
}

/// A window of a text: character range `start..end`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Snippet {
    /// First character shown.
    pub start: usize,
    /// One past the last character shown.
    pub end: usize,
}

/// The window of `text` (characters) to show for a result: the sentence
/// holding the first highlight, with the sentences around it while the
/// window stays within `max` characters. A sentence longer than `max` is
/// cut at clause boundaries around the highlight, else between words.
pub fn snippet(text: &str, highlights: &[(usize, usize)], max: usize) -> Snippet {
    let chars: Vec<char> = text.chars().collect();
    let n = chars.len();
    if n <= max {
        return Snippet { start: 0, end: n };
    }
    // Sentence boundaries: starts of sentences, and the text's end.
    let mut bounds = vec![0];
    for (i, &c) in chars.iter().enumerate() {
        if ends_sentence(c) && i + 1 < n {
            bounds.push(i + 1);
        }
    }
    bounds.push(n);
    let (hs, he) = anchor(&chars, &bounds, highlights);
    let (hs, he) = (hs.min(n), he.clamp(hs.min(n), n));
    let k = bounds.partition_point(|&b| b <= hs).saturating_sub(1);
    let (mut start, mut end) = (bounds[k], bounds[k + 1]);
    if end - start > max {
        return within_sentence(&chars, start, end, hs, he, max);
    }
    // Whole sentences after, then before, while they fit.
    let (mut before, mut after) = (k, k + 1);
    loop {
        let grow_after = after + 1 < bounds.len() && bounds[after + 1] - start <= max;
        if grow_after {
            after += 1;
            end = bounds[after];
        }
        let grow_before = before > 0 && end - bounds[before - 1] <= max;
        if grow_before {
            before -= 1;
            start = bounds[before];
        }
        if !grow_after && !grow_before {
            break;
        }
    }
    Snippet { start, end }
}

/// The highlight to centre on: the first of the sentence that holds the
/// most different matched words (a query's rarer terms together, not the
/// first place its commonest one occurs).
fn anchor(chars: &[char], bounds: &[usize], highlights: &[(usize, usize)]) -> (usize, usize) {
    let n = chars.len();
    let sentence = |at: usize| bounds.partition_point(|&b| b <= at).saturating_sub(1);
    let mut best: Option<(usize, usize, (usize, usize))> = None;
    let mut i = 0;
    while i < highlights.len() {
        let k = sentence(highlights[i].0);
        let mut words: Vec<&[char]> = Vec::new();
        let mut j = i;
        while j < highlights.len() && sentence(highlights[j].0) == k {
            let (a, b) = highlights[j];
            let w = &chars[a.min(n)..b.clamp(a.min(n), n)];
            if !words.contains(&w) {
                words.push(w);
            }
            j += 1;
        }
        if best.is_none_or(|(count, _, _)| words.len() > count) {
            best = Some((words.len(), k, highlights[i]));
        }
        i = j;
    }
    best.map_or((0, 0), |(_, _, h)| h)
}

/// A window of at most `max` characters of the sentence `start..end`
/// around the highlight `hs..he`, cut after clause punctuation where
/// possible, and never inside a Latin word or a number.
fn within_sentence(
    chars: &[char],
    start: usize,
    end: usize,
    hs: usize,
    he: usize,
    max: usize,
) -> Snippet {
    let lead = max / 3;
    let mut from = hs.saturating_sub(lead).max(start);
    let mut to = (from + max).min(end);
    if to < he.min(end) {
        to = he.min(end);
        from = to.saturating_sub(max).max(start);
    }
    // Move the start forward to just after a clause end, if one is near.
    if from > start {
        if let Some(k) = (from..hs.min(from + lead)).find(|&k| ends_clause(chars[k - 1])) {
            from = k;
        }
        while from < hs && from > 0 && in_word(chars[from]) && in_word(chars[from - 1]) {
            from += 1;
        }
    }
    if to < end {
        if let Some(k) = (he.max(to.saturating_sub(lead))..to)
            .rev()
            .find(|&k| ends_clause(chars[k - 1]))
        {
            to = k;
        }
        while to > he && to < chars.len() && in_word(chars[to]) && in_word(chars[to - 1]) {
            to -= 1;
        }
    }
    Snippet {
        start: from,
        end: to,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shown(text: &str, hl: (usize, usize), max: usize) -> String {
        let s = snippet(text, &[hl], max);
        text.chars().skip(s.start).take(s.end - s.start).collect()
    }

    #[test]
    fn whole_sentences_around_the_highlight() {
        let text = "第一句话在这里。第二句提到推理成本大幅下降。第三句是结论。第四句很长很长很长很长很长很长。";
        let hl = text.chars().position(|c| c == '推').unwrap();
        assert_eq!(
            shown(text, (hl, hl + 4), 24),
            "第二句提到推理成本大幅下降。第三句是结论。"
        );
        assert_eq!(shown(text, (hl, hl + 4), 200), text);
    }

    #[test]
    fn the_sentence_with_most_query_words_is_shown() {
        let text = "行业集中度有望提高，行业格局稳定。疫苗行业的催化还在后面。医美方面，我们展望2021年医美板块继续高增长。最后一句话。";
        let at = |w: &str| text.find(w).map(|b| text[..b].chars().count()).unwrap();
        let hl: Vec<(usize, usize)> = ["行业", "医美", "展望"]
            .iter()
            .flat_map(|w| {
                let a = at(w);
                [(a, a + 2)]
            })
            .chain([(at("格局") - 2, at("格局"))])
            .collect();
        let mut hl = hl;
        hl.sort_unstable();
        let s = snippet(text, &hl, 30);
        let shown: String = text.chars().skip(s.start).take(s.end - s.start).collect();
        assert!(shown.contains("我们展望2021年医美板块"), "{shown}");
    }

    #[test]
    fn a_long_sentence_is_cut_between_clauses_not_inside_words() {
        let text = "公司发布了新一代模型，性能显著提升，在多项基准测试中超越了DeepSeek-R1与GPT-4o，推理成本大幅下降，应用门槛进一步降低，客户数量持续增长";
        let hl = text.find("GPT").map(|b| text[..b].chars().count()).unwrap();
        let s = shown(text, (hl, hl + 6), 30);
        assert!(s.contains("GPT-4o"), "{s}");
        assert!(s.chars().count() <= 30, "{s}");
        let first = s.chars().next().unwrap();
        assert!(
            !first.is_ascii_alphanumeric() || s.starts_with("DeepSeek"),
            "{s}"
        );
    }
}
