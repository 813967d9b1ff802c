//! Property tests: normalization, the query parser and passage cutting
//! never panic and keep their invariants on arbitrary input, and
//! `mentions --count` agrees with a plain substring count.
//!
//! Seeds are fixed (deterministic runs) and failures are not persisted:
//! a failing case is printed, minimized, by proptest itself.

use crate::testenv::Env;
use proptest::prelude::*;
use proptest::test_runner::{Config, RngSeed};
use yanbao::text::{cut_all, normalize, normalize_with_map, OVERLAP_CHARS};

fn config(cases: u32) -> Config {
    Config {
        cases,
        failure_persistence: None,
        rng_seed: RngSeed::Fixed(0x5eed_1234),
        max_shrink_iters: 2_000,
        ..Config::default()
    }
}

/// Characters that stress the normalization rules: CJK and its
/// punctuation, every kind of whitespace, full- and half-width forms,
/// combining marks (Latin, kana, Hangul jamo), compatibility characters
/// that NFKC expands, Latin letters whose lowercase composes differently,
/// and astral characters.
fn tricky_char() -> impl Strategy<Value = char> {
    prop_oneof![
        4 => prop::char::range('\u{4E00}', '\u{4E40}'),
        1 => prop::char::range('\u{3400}', '\u{3410}'),
        1 => prop::char::range('\u{3000}', '\u{303F}'),
        3 => prop::sample::select(vec![
            ' ', ' ', '\n', '\n', '\t', '\r', '\u{3000}', '\u{A0}', '\u{2028}', '\u{2003}',
            '\u{85}', '\u{FEFF}', '\u{200B}',
        ]),
        2 => prop::char::range('\u{FF01}', '\u{FF5E}'),
        1 => prop::char::range('\u{FF61}', '\u{FF9F}'),
        2 => prop::char::range('\u{0300}', '\u{036F}'),
        1 => prop::sample::select(vec![
            '\u{3099}', '\u{309A}', '\u{1161}', '\u{11A8}', '\u{0F73}', '\u{0F81}', '\u{0345}',
            '\u{05B0}', '\u{0653}',
        ]),
        1 => prop::char::range('\u{1100}', '\u{1112}'),
        1 => prop::char::range('\u{AC00}', '\u{AC10}'),
        2 => prop::sample::select(vec![
            'ﬁ', 'Ⅻ', '①', '㈱', '㍿', '…', 'ℌ', 'K', 'Å', 'İ', 'ẞ', 'Ǆ', 'ǅ', 'J', 'W', 'A',
            'Σ', 'ς', '·', '¨', '´', '‿', '〡', '\u{2F00}', '\u{F900}', '\u{FA0E}', 'ｶ', 'ﾞ',
            '，', '。', '、', '！', '？', '“', '”', '"', '《', '》', '-', '－',
        ]),
        3 => prop::char::range('a', 'z'),
        2 => prop::char::range('A', 'Z'),
        1 => prop::char::range('\u{C0}', '\u{24F}'),
        1 => prop::char::range('\u{20000}', '\u{20010}'),
        1 => prop::char::range('\u{1F600}', '\u{1F610}'),
        1 => any::<char>(),
    ]
}

fn tricky_string(max: usize) -> impl Strategy<Value = String> {
    prop::collection::vec(tricky_char(), 0..max).prop_map(|v| v.into_iter().collect())
}

/// Report-like text: sentences of CJK and Latin words, sentence and
/// clause ends, PDF line breaks, blank lines, list markers, with a few
/// tricky characters mixed in.
fn report_char() -> impl Strategy<Value = char> {
    prop_oneof![
        20 => prop::char::range('\u{4E00}', '\u{4E30}'),
        3 => prop::sample::select(vec!['。', '，', '；', '！', '？', '、', '：', '.', ',', ';', '”', '）']),
        3 => Just('\n'),
        2 => Just(' '),
        1 => prop::sample::select(vec!['●', '【', '(', '（', '#', '-', '1', '一', '[', ']', '_']),
        3 => prop::char::range('a', 'z'),
        1 => prop::char::range('A', 'Z'),
        1 => prop::char::range('\u{FF21}', '\u{FF3A}'),
        1 => tricky_char(),
    ]
}

fn report_string(max: usize) -> impl Strategy<Value = String> {
    prop::collection::vec(report_char(), 0..max).prop_map(|v| v.into_iter().collect())
}

fn check_normalize(s: &str) -> Result<(), TestCaseError> {
    let once = normalize(s);
    let twice = normalize(&once);
    prop_assert_eq!(&twice, &once, "not idempotent for {:?}", s);

    let n = normalize_with_map(s);
    prop_assert_eq!(&n.text, &once, "normalize_with_map differs for {:?}", s);
    let chars = n.text.chars().count();
    prop_assert_eq!(n.len(), chars);
    prop_assert_eq!(n.src_end.len(), chars);
    prop_assert_eq!(n.byte_at.len(), chars + 1);
    for (i, (b, _)) in n.text.char_indices().enumerate() {
        prop_assert_eq!(n.byte_at[i] as usize, b);
    }
    prop_assert_eq!(n.byte_at[chars] as usize, n.text.len());
    let mut prev_start = 0;
    for i in 0..chars {
        let (a, b) = (n.src_start[i] as usize, n.src_end[i] as usize);
        prop_assert!(a <= b && b <= s.len(), "range {a}..{b} of {:?}", s);
        prop_assert!(
            s.is_char_boundary(a) && s.is_char_boundary(b),
            "range {a}..{b} not on char boundaries of {:?}",
            s
        );
        // Callers binary-search the starts (partition_point).
        prop_assert!(a >= prev_start, "src_start goes back at {i} in {:?}", s);
        prev_start = a;
    }
    Ok(())
}

proptest! {
    #![proptest_config(config(2_000))]

    #[test]
    fn normalize_any_string(s in any::<String>()) {
        check_normalize(&s)?;
    }

    #[test]
    fn normalize_tricky_string(s in tricky_string(48)) {
        check_normalize(&s)?;
    }

    #[test]
    fn query_parse_never_panics(s in any::<String>()) {
        check_query(&s)?;
    }

    #[test]
    fn query_parse_tricky(
        parts in prop::collection::vec(
            prop_oneof![
                3 => tricky_string(6),
                1 => Just("OR".to_string()),
                1 => Just("\"".to_string()),
                1 => Just("“".to_string()),
                1 => Just("”".to_string()),
                1 => Just("＂".to_string()),
                1 => Just("-".to_string()),
                1 => Just("－".to_string()),
                2 => Just(" ".to_string()),
            ],
            0..12,
        )
    ) {
        check_query(&parts.concat())?;
    }
}

fn check_query(s: &str) -> Result<(), TestCaseError> {
    if let Ok(q) = yanbao::query::parse(s) {
        prop_assert!(!q.groups.is_empty());
        for t in q.groups.iter().flatten().chain(&q.excluded) {
            prop_assert!(!t.text.is_empty(), "empty term from {:?}", s);
            prop_assert_eq!(
                t.text.trim(),
                t.text.as_str(),
                "untrimmed term from {:?}",
                s
            );
        }
    }
    Ok(())
}

fn check_partition(s: &str) -> Result<(), TestCaseError> {
    let ps = cut_all(s);
    let mut at = 0;
    let mut joined = String::new();
    for (i, p) in ps.iter().enumerate() {
        prop_assert_eq!(p.ordinal as usize, i);
        prop_assert_eq!(
            p.raw.start,
            at,
            "passages leave a gap or overlap in {:?}",
            s
        );
        prop_assert!(p.raw.end >= p.raw.start && p.raw.end <= s.len());
        prop_assert!(s.is_char_boundary(p.raw.start) && s.is_char_boundary(p.raw.end));
        let raw = &s[p.raw.clone()];
        prop_assert_eq!(
            &normalize(raw),
            &p.text,
            "passage {} does not normalize on its own: {:?} in {:?}",
            i,
            raw,
            s
        );
        if i + 1 < ps.len() {
            // The overlap indexed with each passage relies on this.
            prop_assert!(
                p.text.chars().count() >= OVERLAP_CHARS,
                "short passage {:?} in {:?}",
                p.text,
                s
            );
        }
        at = p.raw.end;
        joined.push_str(&p.text);
    }
    prop_assert_eq!(at, s.len(), "passages do not cover {:?}", s);
    prop_assert_eq!(joined, normalize(s));
    Ok(())
}

proptest! {
    #![proptest_config(config(600))]

    #[test]
    fn cut_all_partitions_any_string(s in any::<String>()) {
        check_partition(&s)?;
    }

    #[test]
    fn cut_all_partitions_tricky(s in tricky_string(200)) {
        check_partition(&s)?;
    }

    #[test]
    fn cut_all_partitions_report_text(s in report_string(1_500)) {
        check_partition(&s)?;
    }
}

/// Text for the CLI property: CJK, Latin in both cases and widths,
/// spaces and line breaks. No digits (a digit run could read as a ticker,
/// which `mentions` matches differently) and no leading `-` in terms.
fn cli_text() -> impl Strategy<Value = String> {
    let ch = prop_oneof![
        12 => prop::char::range('\u{4E00}', '\u{4E0F}'),
        2 => prop::sample::select(vec!['。', '，', '、', '；', '（', '）', '.', ',']),
        2 => Just('\n'),
        3 => Just(' '),
        4 => prop::char::range('a', 'e'),
        2 => prop::char::range('A', 'E'),
        1 => prop::char::range('\u{FF21}', '\u{FF25}'),
    ];
    prop::collection::vec(ch, 1..700).prop_map(|v| v.into_iter().collect())
}

proptest! {
    #![proptest_config(Config { max_shrink_iters: 24, ..config(16) })]

    /// Every substring of a report's normalized text is found by
    /// `mentions --count`, as often as `str::matches` counts it.
    #[test]
    fn mentions_count_matches_substring_count(
        text in cli_text(),
        start in 0.0f64..1.0,
        len in 1usize..40,
    ) {
        let norm = normalize(&text);
        let chars: Vec<char> = norm.chars().collect();
        let s = ((chars.len() as f64) * start) as usize;
        let e = (s + len).min(chars.len());
        let sub: String = chars[s..e].iter().collect::<String>().trim().to_string();
        prop_assume!(!sub.is_empty());
        let expected = norm.matches(sub.as_str()).count();
        prop_assert!(expected >= 1);

        let env = Env::new();
        env.write("r.txt", &text);
        env.index();
        let r = env.run(&["mentions", "--count", &sub]);
        prop_assert_eq!(r.code, 0, "mentions {:?} failed: {}", sub, r.stderr);
        prop_assert_eq!(
            r.counts(),
            vec![("r.txt".to_string(), expected)],
            "term {:?} in normalized text {:?}",
            sub,
            norm
        );
    }
}

/// Exhaustive over pairs that the random strategies rarely produce: a
/// Latin letter (whose lowercase may compose where the capital does not)
/// or a combining mark, followed by a combining mark or a half-width
/// sound mark (a starter whose NFKC form is a non-starter).
#[test]
fn normalize_idempotent_on_letter_mark_pairs() {
    let bases = ('A'..='Z')
        .chain('a'..='z')
        .chain('\u{C0}'..='\u{24F}')
        .chain('\u{1E00}'..='\u{1EFF}')
        .chain('\u{300}'..='\u{36F}')
        .chain(['カ', 'ｶ', 'ﾊ', 'は', '中', ' ']);
    let marks: Vec<char> = ('\u{300}'..='\u{36F}')
        .chain([
            '\u{3099}', '\u{309A}', '\u{FF9E}', '\u{FF9F}', '\u{0F73}', '\u{0344}',
        ])
        .collect();
    let mut failures = Vec::new();
    for b in bases {
        for &m in &marks {
            let s: String = [b, m].iter().collect();
            let once = normalize(&s);
            if normalize(&once) != once {
                failures.push(s);
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} inputs not idempotent, e.g. {:?}",
        failures.len(),
        &failures[..failures.len().min(12)]
    );
}

/// Without whitespace or capitals (before or after NFKC), normalization
/// is exactly NFKC.
#[test]
fn normalize_is_nfkc_without_whitespace_or_capitals() {
    use unicode_normalization::UnicodeNormalization;
    let samples = [
        "ｶﾞ",
        "ﾊﾟ",
        "ｶﾞｷﾞｸﾞ",
        "か\u{3099}",
        "中文ｶﾞ中",
        "\u{300}\u{FF9E}",
        "ﬁ①㈱㍿",
        "e\u{301}\u{323}",
    ];
    for s in samples {
        let nfkc: String = s.nfkc().collect();
        assert_eq!(normalize(s), nfkc, "for {s:?}");
    }
}

proptest! {
    #![proptest_config(config(2_000))]

    #[test]
    fn normalize_is_nfkc_on_lowercase_text(
        v in prop::collection::vec(
            tricky_char().prop_filter("no whitespace or capitals, before or after NFKC", |&c| {
                use unicode_normalization::UnicodeNormalization;
                std::iter::once(c)
                    .chain(std::iter::once(c).nfkc())
                    .all(|x| !x.is_whitespace() && !x.is_uppercase())
            }),
            0..32,
        )
    ) {
        use unicode_normalization::UnicodeNormalization;
        let s: String = v.into_iter().collect();
        let nfkc: String = s.nfkc().collect();
        prop_assert_eq!(normalize(&s), nfkc, "for {:?}", s);
    }
}
