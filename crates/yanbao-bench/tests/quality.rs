//! `quality` on the sample corpus: it runs the corpus queries, prints every
//! set's figures as JSON, and fails clearly when a file is missing; nDCG@10
//! and the matching of relevance judgements, through the crate's functions.

use std::path::Path;
use std::process::Command;

fn bench() -> Command {
    Command::new(env!("CARGO_BIN_EXE_yanbao-bench"))
}

fn repo() -> &'static Path {
    Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../.."))
}

#[test]
fn quality_runs_on_the_sample_corpus() {
    let out = bench()
        .args(["quality", "--json", "--for", "corpus", "--corpus"])
        .arg(repo().join("corpus"))
        .arg("--queries")
        .arg(repo().join("crates/yanbao-bench/data/queries.json"))
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    eprintln!("{}", String::from_utf8_lossy(&out.stderr));
    assert!(out.status.success(), "quality failed: {stdout}");
    let report: serde_json::Value = serde_json::from_str(&stdout).expect("JSON output");
    let total = &report["total"];
    let queries = total["queries"].as_u64().unwrap();
    let passages = total["passages"].as_u64().unwrap();
    // The corpus queries (corpus + both) of dev and eval.
    assert!(queries >= 40, "only {queries} queries run");
    assert!(passages > 0, "no passage shown for any query");
    assert!(passages <= queries * 10, "more than ten passages a query");
    let junk = total["junk"].as_u64().unwrap();
    let mut by_kind = 0;
    for kind in [
        "toc",
        "marker",
        "furniture",
        "chart",
        "cover",
        "legal",
        "duplicate",
    ] {
        by_kind += total["kinds"][kind]["count"]
            .as_u64()
            .unwrap_or_else(|| panic!("no {kind} count"));
    }
    assert_eq!(junk, by_kind, "junk is not the sum of its kinds");
    assert!(total["reports_mean"].as_f64().unwrap() <= 10.0);
    assert!(total["duplicates"].as_u64().is_some());
    let share = total["junk_share"].as_f64().unwrap();
    assert!((share - junk as f64 / passages as f64).abs() < 1e-3);
    for set in ["dev", "eval"] {
        let s = &report["sets"][set];
        assert!(s["passages"].as_u64().is_some(), "no {set} set");
        for q in s["per_query"].as_array().unwrap() {
            let classes = q["classes"].as_array().unwrap();
            assert_eq!(classes.len() as u64, q["passages"].as_u64().unwrap());
            assert!(q["junk"].as_u64().unwrap() <= classes.len() as u64);
            let reports = q["reports"].as_u64().unwrap();
            assert!(reports <= classes.len() as u64 && (reports > 0 || classes.is_empty()));
            assert!(q["duplicates"].as_u64().unwrap() < classes.len().max(1) as u64);
        }
    }
}

#[test]
fn quality_names_a_missing_file() {
    let out = bench()
        .args(["quality", "--corpus"])
        .arg(repo().join("corpus"))
        .args(["--queries", "/nonexistent/queries.json"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("/nonexistent/queries.json"));

    let out = bench()
        .args(["quality", "--corpus", "/nonexistent/corpus", "--queries"])
        .arg(repo().join("crates/yanbao-bench/data/queries.json"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("/nonexistent/corpus"));
}

use yanbao_bench::quality::engine::parse_json_lines;
use yanbao_bench::quality::judge::{self, Judgement, Shown};

fn judgement(query: &str, path: &str, offset: u64, text: &str, grade: u8) -> Judgement {
    Judgement {
        query: query.into(),
        path: path.into(),
        offset: Some(offset),
        text_start: judge::text_start(text),
        grade,
    }
}

fn shown(path: &str, offset: u64, text: &str) -> Shown {
    Shown {
        path: path.into(),
        offset: Some(offset),
        text: text.into(),
    }
}

const LONG: &str = "第一段文字足够长，用来测试前三十个字符的匹配规则是否正确，后面还有更多的内容。";

#[test]
fn ndcg_from_graded_judgements() {
    let q = "医美 展望";
    let judgements = vec![
        judgement(q, "a.txt", 10, "甲", 2),
        judgement(q, "b.txt", 50, LONG, 1),
        judgement(q, "c.txt", 7, "丙", 0),
        judgement(q, "d.txt", 99, "丁", 2),
        // Another query's judgement of a passage shown: not this query's.
        judgement("别的查询", "e.txt", 5, "戊", 2),
    ];
    let top = vec![
        shown("c.txt", 7, "丙"),                           // judged 0
        shown("a.txt", 10, "甲 as shown now"),             // by offset: 2
        shown("b.txt", 999, &format!("{LONG}但结尾不同")), // by text start: 1
        shown("e.txt", 5, "戊"),                           // unjudged: 0
        shown("a.txt", 11, "甲之后的另一段"),              // unjudged: 0
    ];
    let n = judge::ndcg(&judgements, q, &top).expect("the query is judged");
    assert_eq!(n.grades, vec![Some(0), Some(2), Some(1), None, None]);
    assert_eq!(n.unjudged, 2);
    // DCG: gains 2^g − 1 over log2(rank + 1); ideal: grades 2, 2, 1, 0.
    let l3 = 3f64.log2();
    let dcg = 3.0 / l3 + 1.0 / 2.0;
    let ideal = 3.0 + 3.0 / l3 + 1.0 / 2.0;
    let got = n.ndcg.unwrap();
    assert!((got - dcg / ideal).abs() < 1e-12, "{got}");
    assert!((got - 0.443_700).abs() < 1e-5, "{got}");

    // The best order scores 1; an unjudged query has no score; a query
    // whose judged passages are all 0 has none either.
    let best = vec![
        shown("a.txt", 10, "甲"),
        shown("d.txt", 99, "丁"),
        shown("b.txt", 50, LONG),
    ];
    let n = judge::ndcg(&judgements, q, &best).unwrap();
    assert!((n.ndcg.unwrap() - 1.0).abs() < 1e-12);
    assert_eq!(n.unjudged, 0);
    assert!(judge::ndcg(&judgements, "没有判断", &best).is_none());
    let zeros = vec![judgement("零", "c.txt", 7, "丙", 0)];
    let n = judge::ndcg(&zeros, "零", &top).unwrap();
    assert_eq!(n.ndcg, None);
    assert_eq!(n.unjudged, 4);

    // Only the top ten count, for the shown and for the ideal.
    let many: Vec<Judgement> = (0..12)
        .map(|i| judgement("多", "f.txt", i, "己", 2))
        .collect();
    let mut eleven: Vec<Shown> = (0..9).map(|i| shown("g.txt", i, "庚")).collect();
    eleven.push(shown("f.txt", 0, "己"));
    eleven.push(shown("f.txt", 1, "己"));
    let n = judge::ndcg(&many, "多", &eleven).unwrap();
    let ideal: f64 = (1..=10).map(|r| 3.0 / ((r + 1) as f64).log2()).sum();
    assert!((n.ndcg.unwrap() - 3.0 / 11f64.log2() / ideal).abs() < 1e-12);
    assert_eq!(n.grades.len(), 10);
    assert_eq!(n.unjudged, 9);
}

#[test]
fn judgements_merge_and_round_trip() {
    let pool = format!(
        r#"[
  {{"query": "玻尿酸", "path": "b.txt", "offset": 3, "title": "t", "section": "body", "text": "{LONG}", "grade": 2}},
  {{"query": "玻尿酸", "path": "a.txt", "offset": 9, "title": "t", "section": "body", "text": "短", "grade": 0}},
  {{"query": "CXO", "path": "a.txt", "offset": 1, "title": "t", "section": "body", "text": "x", "grade": null}}
]"#
    );
    let mut judgements = Vec::new();
    let done = judge::merge(&mut judgements, &pool).unwrap();
    assert_eq!((done.added, done.same, done.ungraded), (2, 0, 1));
    let text = judge::format(&judgements);
    let back = judge::parse(&text).unwrap();
    assert_eq!(back.len(), 2);
    // Sorted by query, path, offset; text_start is the first 30 characters.
    assert_eq!(back[0].path, "a.txt");
    assert_eq!(back[1].text_start.chars().count(), judge::TEXT_START);
    assert!(LONG.starts_with(&back[1].text_start));
    assert_eq!(judge::format(&back), text, "formatting is stable");
    // Merging again adds nothing; a different grade for a judged passage is an error.
    let again = judge::merge(&mut judgements, &pool).unwrap();
    assert_eq!((again.added, again.same), (0, 2));
    let conflict = pool.replace("\"grade\": 0", "\"grade\": 1");
    assert!(judge::merge(&mut judgements, &conflict).is_err());
    assert!(judge::merge(
        &mut judgements,
        &pool.replace("\"grade\": 0", "\"grade\": 3")
    )
    .is_err());
}

#[test]
fn binary_output_with_unknown_and_missing_fields() {
    let out = concat!(
        r#"{"path":"0-c/a.txt","title":"T","line":3,"column":1,"offset":42,"score":1.5,"section":"body","layout":"prose","text":"正文","highlights":[[0,1]],"also":[],"more":{"x":1}}"#,
        "\n",
        r#"{"path":"0-c/b.txt","text":"别的"}"#,
        "\n"
    );
    let hits = parse_json_lines(out).unwrap();
    assert_eq!(hits.len(), 2);
    assert_eq!(
        (hits[0].offset, hits[0].section.as_str()),
        (Some(42), "body")
    );
    assert_eq!((hits[1].offset, hits[1].title.as_str()), (None, ""));
    assert!(parse_json_lines("{\"text\":\"no path\"}\n").is_err());
}
