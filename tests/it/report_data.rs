//! Reports as data: ratings and their levels and changes, prices and forecasts scored against
//! hand labels (`tests/labels/report_data_*.json`, written before the rules); `reports` with
//! facets, `ticker`'s timeline and `--rating` levels through the CLI.

use crate::testenv::{self, run_on, sample_corpus, shared_corpus, Env, Pr, Run};
use serde_json::Value;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

/// One index of `corpus/` for the tests that only read it.
fn corpus_index() -> &'static Path {
    static INDEX: OnceLock<PathBuf> = OnceLock::new();
    INDEX.get_or_init(|| {
        let dir = tempfile::tempdir().expect("tempdir").keep();
        let r = run_on(&dir, &["index", sample_corpus().to_str().unwrap()]);
        assert_eq!(r.code, 0, "{}", r.stderr);
        dir
    })
}

fn on_corpus(args: &[&str]) -> Run {
    run_on(corpus_index(), args)
}

// ---- accuracy against the labels ----

fn close(a: f64, b: f64, rel: f64) -> bool {
    (a - b).abs() <= (rel * a.abs().max(b.abs())).max(0.006)
}

fn unit_factor(unit: &str) -> f64 {
    match unit {
        "亿元" => 1e8,
        "百万元" | "百万" => 1e6,
        "万元" => 1e4,
        "千元" => 1e3,
        _ => 1.0,
    }
}

/// Scores `show --json` of each labelled report of `corpus` ("shared" or "sample") found
/// in `index`, field by field.
fn score(labels: &[Value], corpus: &str, index: &Path) -> BTreeMap<&'static str, Pr> {
    let mut t: BTreeMap<&'static str, Pr> = BTreeMap::new();
    let mut add = |field: &'static str,
                   label: Option<Value>,
                   got: Option<Value>,
                   same: &dyn Fn(&Value, &Value) -> bool| {
        let e = t.entry(field).or_default();
        match (label, got) {
            (None, None) => {}
            (Some(l), Some(g)) if same(&l, &g) => e.tp += 1,
            (l, g) => {
                e.fp += usize::from(g.is_some());
                e.fn_ += usize::from(l.is_some());
            }
        }
    };
    let some = |v: &Value| (!v.is_null()).then(|| v.clone());
    for l in labels.iter().filter(|l| l["corpus"] == corpus) {
        let path = l["path"].as_str().unwrap();
        let r = run_on(index, &["show", "--json", path]);
        assert_eq!(r.code, 0, "{path}: {}", r.stderr);
        let g: Value = serde_json::from_str(&r.stdout).unwrap();
        let eq = |a: &Value, b: &Value| a == b;
        add("rating", some(&l["rating"]), some(&g["rating"]), &eq);
        add("level", some(&l["level"]), some(&g["rating_level"]), &eq);
        add("change", some(&l["change"]), some(&g["rating_change"]), &eq);
        add("date", some(&l["date"]), some(&g["date"]), &eq);
        let price_eq = |a: &Value, b: &Value| {
            close(
                a["value"].as_f64().unwrap(),
                b["value"].as_f64().unwrap(),
                0.006,
            ) && a["currency"] == b["currency"]
        };
        add(
            "target_price",
            some(&l["target_price"]),
            some(&g["target_price"]),
            &price_eq,
        );
        let unsure: Vec<(i64, String)> = l["unsure"]
            .as_array()
            .map(|u| {
                u.iter()
                    .map(|x| {
                        (
                            x["year"].as_i64().unwrap(),
                            x["field"].as_str().unwrap().to_string(),
                        )
                    })
                    .collect()
            })
            .unwrap_or_default();
        let by_year = |v: &Value| -> BTreeMap<i64, Value> {
            v.as_array()
                .map(|a| {
                    a.iter()
                        .map(|f| (f["year"].as_i64().unwrap(), f.clone()))
                        .collect()
                })
                .unwrap_or_default()
        };
        let (lf, gf) = (by_year(&l["forecasts"]), by_year(&g["forecasts"]));
        let years: std::collections::BTreeSet<i64> = lf.keys().chain(gf.keys()).copied().collect();
        for field in ["eps", "net_profit"] {
            for y in &years {
                if unsure.contains(&(*y, field.to_string())) {
                    continue;
                }
                let label = lf.get(y).and_then(|f| some(&f[field])).map(|v| match v {
                    Value::Object(o) => (o["value"].as_f64().unwrap()
                        * unit_factor(o["unit"].as_str().unwrap_or("元")))
                    .into(),
                    other => other,
                });
                let got = gf.get(y).and_then(|f| some(&f[field]));
                let num_eq =
                    |a: &Value, b: &Value| close(a.as_f64().unwrap(), b.as_f64().unwrap(), 0.011);
                add(
                    if field == "eps" { "eps" } else { "net_profit" },
                    label,
                    got,
                    &num_eq,
                );
            }
        }
    }
    t
}

fn print_table(title: &str, t: &BTreeMap<&'static str, Pr>) {
    eprintln!(
        "{title}\n{:<14} {:>4} {:>4} {:>6} {:>9} {:>6}",
        "field", "tp", "fp", "missed", "precision", "recall"
    );
    for (f, x) in t {
        eprintln!(
            "{f:<14} {:>4} {:>4} {:>6} {:>9.2} {:>6.2}",
            x.tp,
            x.fp,
            x.fn_,
            x.p(),
            x.r()
        );
    }
}

fn labels(name: &str) -> Vec<Value> {
    serde_json::from_str(&std::fs::read_to_string(testenv::labels(name)).unwrap()).unwrap()
}

/// The evaluation part (reports nobody tuned the rules on): the table is printed; the
/// asserted floors are what the rules reached when they were measured (see the README), so
/// that a change that loses accuracy fails here. Its shared part (40 reports, labelled in
/// session 28 by readers who saw no code) holds industry reports only: every company report
/// of `../shared/corpora/yanbao` was labelled earlier and is in the development part
/// (`report_data_dev4.json` is the former evaluation part, tuned on since session 28), so
/// prices and forecasts are scored here on `corpus/` alone.
#[test]
fn report_data_against_the_evaluation_labels() {
    let eval = labels("report_data_eval.json");
    let sample = score(&eval, "sample", corpus_index());
    let n_sample = eval.iter().filter(|l| l["corpus"] == "sample").count();
    print_table(
        &format!("evaluation labels, corpus/ ({n_sample} reports)"),
        &sample,
    );
    assert_floors(&sample, "corpus/", EVAL_SAMPLE_FLOORS);
    let Some(shared) = shared_corpus("yanbao") else {
        eprintln!("../shared/corpora/yanbao absent: the shared evaluation is skipped");
        return;
    };
    let env = Env::new();
    let shared_labels: Vec<&Value> = eval.iter().filter(|l| l["corpus"] == "shared").collect();
    for l in &shared_labels {
        let p = l["path"].as_str().unwrap();
        std::fs::copy(shared.join(p), env.reports().join(p)).unwrap();
    }
    env.index();
    let t = score(&eval, "shared", &env.index_dir());
    print_table(
        &format!(
            "evaluation labels, ../shared/corpora/yanbao ({} reports)",
            shared_labels.len()
        ),
        &t,
    );
    assert_floors(&t, "shared", EVAL_SHARED_FLOORS);
}

/// Fails unless every field reaches its floor: (field, precision, recall). A field nobody
/// labelled and nothing found counts as 1.
fn assert_floors(t: &BTreeMap<&'static str, Pr>, part: &str, floors: &[(&str, f64, f64)]) {
    for &(field, p, r) in floors {
        let x = t.get(field).copied().unwrap_or_default();
        assert!(
            x.p() >= p && x.r() >= r,
            "{part} {field}: precision {:.2} recall {:.2}",
            x.p(),
            x.r()
        );
    }
}

/// The evaluation part's floors: (field, precision, recall).
const EVAL_SAMPLE_FLOORS: &[(&str, f64, f64)] = &[
    ("rating", 0.95, 0.95),
    ("level", 0.95, 0.95),
    ("change", 0.95, 0.90),
    ("date", 0.95, 0.95),
    ("target_price", 0.95, 0.95),
    ("eps", 0.95, 0.80),
    ("net_profit", 0.95, 0.80),
];
/// Measured in session 28 on the 40 new reports: rating 1.00/0.97, level 0.97/0.94, change
/// 1.00/0.97, date 0.97/0.97.
const EVAL_SHARED_FLOORS: &[(&str, f64, f64)] = &[
    ("rating", 0.95, 0.95),
    ("level", 0.95, 0.90),
    ("change", 0.95, 0.95),
    ("date", 0.95, 0.95),
];

/// The development part (`report_data_dev.json` and `report_data_dev2.json`, the reports the
/// rules are developed on), scored as the evaluation part is: the table is printed and the
/// floors are the figures measured before the latest rules, so a rule that loses accuracy on
/// the reports it was written for fails here. Only the labelled shared reports are indexed.
/// `report_data_dev3.json` (15 shared reports, mostly industry reports whose tables of
/// covered companies are not forecasts) is indexed with them and scored in its own table, and
/// so is `report_data_dev4.json` (78 shared reports: the evaluation part until session 28).
#[test]
#[ignore = "development labels: run while working on the rules (`--ignored`)"]
fn report_data_against_the_development_labels() {
    let dev: Vec<Value> = labels("report_data_dev.json")
        .into_iter()
        .chain(labels("report_data_dev2.json"))
        .collect();
    let n_sample = dev.iter().filter(|l| l["corpus"] == "sample").count();
    let sample = score(&dev, "sample", corpus_index());
    print_table(
        &format!("development labels, corpus/ ({n_sample} reports)"),
        &sample,
    );
    assert_floors(&sample, "corpus/", SAMPLE_DEV_FLOORS);
    let Some(shared) = shared_corpus("yanbao") else {
        eprintln!("../shared/corpora/yanbao absent: the shared development part is skipped");
        return;
    };
    let env = Env::new();
    let shared_labels: Vec<&Value> = dev.iter().filter(|l| l["corpus"] == "shared").collect();
    let dev3 = labels("report_data_dev3.json");
    let dev4 = labels("report_data_dev4.json");
    for l in shared_labels.iter().copied().chain(&dev3).chain(&dev4) {
        let p = l["path"].as_str().unwrap();
        std::fs::copy(shared.join(p), env.reports().join(p)).unwrap();
    }
    env.index();
    let t = score(&dev, "shared", &env.index_dir());
    print_table(
        &format!(
            "development labels, ../shared/corpora/yanbao ({} reports)",
            shared_labels.len()
        ),
        &t,
    );
    assert_floors(&t, "shared", SHARED_DEV_FLOORS);
    let t3 = score(&dev3, "shared", &env.index_dir());
    print_table(
        &format!(
            "development labels 3, ../shared/corpora/yanbao ({} reports)",
            dev3.len()
        ),
        &t3,
    );
    assert_floors(&t3, "shared dev3", SHARED_DEV3_FLOORS);
    let t4 = score(&dev4, "shared", &env.index_dir());
    print_table(
        &format!(
            "development labels 4 (the former evaluation part), ../shared/corpora/yanbao ({} reports)",
            dev4.len()
        ),
        &t4,
    );
    assert_floors(&t4, "shared dev4", SHARED_DEV4_FLOORS);
    // A rating found where the label has one (any word: presence, as the report list shows).
    let rows = env.run(&["reports", "--json", "-n", "0"]).json_lines();
    let rated: Vec<&str> = shared_labels
        .iter()
        .filter(|l| !l["rating"].is_null())
        .map(|l| l["path"].as_str().unwrap())
        .collect();
    let found = rows
        .iter()
        .filter(|r| !r["rating"].is_null() && rated.contains(&r["path"].as_str().unwrap_or("")))
        .count();
    eprintln!(
        "rating found on {found} of {} labelled shared development reports that have one",
        rated.len()
    );
    assert!(
        found >= SHARED_DEV_RATED_FLOOR,
        "{found} of {}",
        rated.len()
    );
}

/// The development part's floors: (field, precision, recall).
const SAMPLE_DEV_FLOORS: &[(&str, f64, f64)] = &[
    ("rating", 1.0, 1.0),
    ("level", 1.0, 1.0),
    ("change", 1.0, 1.0),
    ("date", 0.80, 0.80),
    ("target_price", 1.0, 1.0),
    ("eps", 1.0, 1.0),
    ("net_profit", 1.0, 1.0),
];
const SHARED_DEV_FLOORS: &[(&str, f64, f64)] = &[
    ("rating", 1.0, 0.98),
    ("level", 1.0, 0.98),
    ("change", 0.98, 0.95),
    ("date", 1.0, 1.0),
    ("target_price", 1.0, 1.0),
    ("eps", 1.0, 1.0),
    ("net_profit", 1.0, 1.0),
];
const SHARED_DEV_RATED_FLOOR: usize = 70;
const SHARED_DEV3_FLOORS: &[(&str, f64, f64)] = &[
    ("rating", 0.88, 1.0),
    ("level", 0.88, 1.0),
    ("change", 0.87, 1.0),
    ("date", 1.0, 1.0),
    ("eps", 0.62, 1.0),
    ("net_profit", 0.62, 1.0),
];

/// Measured on the former evaluation part after the rules were worked on it (session 28;
/// before: rating and level recall 0.95, change 0.96, date precision 0.97, target price recall
/// 0.83, net profit precision 0.94 and recall 0.84).
const SHARED_DEV4_FLOORS: &[(&str, f64, f64)] = &[
    ("rating", 0.95, 0.97),
    ("level", 0.95, 0.97),
    ("change", 0.95, 0.97),
    ("date", 0.95, 0.98),
    ("target_price", 0.95, 0.95),
    ("eps", 0.95, 0.93),
    ("net_profit", 0.95, 0.93),
];

/// Rating present on the shared reports whose labels have one.
#[test]
fn ratings_are_found_where_the_reports_give_one() {
    let Some(shared) = shared_corpus("yanbao") else {
        return;
    };
    let env = Env::new();
    for l in labels("report_data_eval.json")
        .iter()
        .chain(&labels("report_data_dev.json"))
        .chain(&labels("report_data_dev4.json"))
    {
        if l["corpus"] == "shared" && !l["rating"].is_null() {
            let p = l["path"].as_str().unwrap();
            let target = env.reports().join(p);
            std::fs::copy(shared.join(p), target).unwrap();
        }
    }
    env.index();
    let rows = env.run(&["reports", "--json", "-n", "0"]).json_lines();
    let with = rows.iter().filter(|r| !r["rating"].is_null()).count();
    eprintln!(
        "rating found on {with} of {} labelled shared reports that have one",
        rows.len()
    );
    assert!(
        with as f64 >= 0.90 * rows.len() as f64,
        "{with} of {}",
        rows.len()
    );
}

// ---- through the CLI ----

#[test]
fn show_gives_levels_changes_prices_and_forecasts() {
    let r = on_corpus(&[
        "show",
        "--json",
        "港股互联网/腾讯控股(0700.HK)跟踪报告：外部扰动不改AI投入主线，回调带来配置机会.txt",
    ]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let v: Value = serde_json::from_str(&r.stdout).unwrap();
    assert_eq!(v["rating"], "买入");
    assert_eq!(v["rating_level"], "buy");
    assert_eq!(v["rating_change"], "maintain");
    assert_eq!(v["target_price"]["value"], 520.0);
    assert_eq!(v["target_price"]["currency"], "HKD");
    let f = v["forecasts"].as_array().unwrap();
    let y2025 = f.iter().find(|f| f["year"] == 2025).expect("2025E");
    assert_eq!(y2025["actual"], false);
    assert_eq!(y2025["eps"], 23.6);
    // 218,400 百万元 in the table.
    assert_eq!(y2025["net_profit"], 218_400_000_000.0);
    assert!(y2025["sources"]["net_profit"]
        .as_str()
        .unwrap()
        .contains("218,400"));
    // An upgrade read from `上次评级`.
    let r = on_corpus(&[
        "show",
        "--json",
        "机械设备/工控自动化/汇川技术(300124)2024年报点评：通用自动化复苏，新能源车电驱盈利改善.txt",
    ]);
    let v: Value = serde_json::from_str(&r.stdout).unwrap();
    assert_eq!(v["rating_change"], "upgrade");
}

#[test]
fn reports_lists_one_row_per_report_newest_first() {
    let r = on_corpus(&["reports", "--json", "-n", "0"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let rows = r.json_lines();
    let files = walkdir_count(&sample_corpus());
    assert_eq!(rows.len(), files);
    let dates: Vec<&str> = rows.iter().filter_map(|r| r["date"].as_str()).collect();
    assert!(dates.windows(2).all(|w| w[0] >= w[1]), "{dates:?}");
    let tencent = rows
        .iter()
        .find(|r| r["path"].as_str().unwrap().contains("外部扰动"))
        .unwrap();
    assert_eq!(tencent["level"], "buy");
    assert_eq!(tencent["target_price"]["currency"], "HKD");
    assert_eq!(tencent["tickers"][0], "0700.HK");
    // The table says how many are not shown.
    let r = on_corpus(&["reports", "-n", "3"]);
    assert_eq!(r.stdout.lines().count(), 1 + 3 + 1, "{}", r.stdout);
    assert!(r.stdout.contains(&format!("3 of {files} reports shown")));
}

fn walkdir_count(dir: &Path) -> usize {
    let mut n = 0;
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            n += walkdir_count(&p);
        } else {
            n += 1;
        }
    }
    n
}

#[test]
fn copies_of_a_report_are_one_row() {
    let env = Env::new();
    let text = std::fs::read(sample_corpus().join(
        "港股互联网/腾讯控股(0700.HK)跟踪报告：外部扰动不改AI投入主线，回调带来配置机会.txt",
    ))
    .unwrap();
    env.write("a/腾讯.txt", &text);
    env.write("b/腾讯 copy.txt", &text);
    env.write("c/腾讯.txt", &text);
    env.index();
    let rows = env.run(&["reports", "--json"]).json_lines();
    assert_eq!(rows.len(), 1, "{rows:?}");
    assert_eq!(rows[0]["path"], "a/腾讯.txt");
    assert_eq!(rows[0]["also"].as_array().unwrap().len(), 2);
    let t: Value = serde_json::from_str(&env.run(&["ticker", "00700", "--json"]).stdout).unwrap();
    assert_eq!(t["summary"]["reports"], 1);
}

/// Two reports whose best passages share a long sentence are one hit of `search` (the reader
/// has read it) but two rows of `reports`, which lists every report the query matches.
#[test]
fn reports_repeating_a_sentence_are_one_hit_but_two_rows() {
    let env = Env::new();
    let shared =
        "风险提示:原材料价格大幅波动风险,下游订单确认节奏不及预期风险,海外贸易政策变化风险。";
    env.write(
        "长江电子周报.txt",
        format!("长江电子行业周报\n\n本周面板价格继续上涨,电视面板涨幅扩大,龙头厂商稼动率维持高位。\n\n{shared}\n"),
    );
    env.write(
        "黄河材料点评.txt",
        format!("黄河材料公司点评\n\n公司三季度收入同比增长两成,毛利率环比改善,新产能按计划爬坡。\n\n{shared}\n"),
    );
    env.index();
    let hits = env.run(&["search", "订单确认节奏", "--json"]).json_lines();
    assert_eq!(hits.len(), 1, "{hits:?}");
    assert_eq!(hits[0]["also"].as_array().unwrap().len(), 1, "{hits:?}");
    let rows = env.run(&["reports", "订单确认节奏", "--json"]).json_lines();
    let rows: Vec<&Value> = rows.iter().filter(|r| r.get("path").is_some()).collect();
    assert_eq!(rows.len(), 2, "{rows:?}");
}

/// A report the query matches only in text that search does not show (a broker's disclaimer,
/// repeated across reports) is still a row of `reports`, without a passage.
#[test]
fn a_report_matched_only_in_hidden_text_is_a_row_without_a_passage() {
    let query = "已具备证券投资咨询业务资格";
    assert_eq!(on_corpus(&["search", query]).code, 1);
    let rows = on_corpus(&["reports", query, "--json"]).json_lines();
    let rows: Vec<&Value> = rows.iter().filter(|r| r.get("path").is_some()).collect();
    assert!(rows.len() >= 2, "{rows:?}");
    for r in &rows {
        assert!(r.get("best").is_none(), "{r}");
    }
}

#[test]
fn reports_with_a_query_rank_by_relevance_and_show_the_best_passage() {
    let r = on_corpus(&["reports", "目标价", "--json", "-n", "3"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let rows = r.json_lines();
    assert_eq!(rows.len(), 3);
    for row in &rows {
        assert!(
            row["best"]["text"].as_str().unwrap().contains("目标价"),
            "{row}"
        );
    }
    // By date: the same reports as all of the query's, newest first.
    let by_date =
        on_corpus(&["reports", "目标价", "--sort", "date", "--json", "-n", "0"]).json_lines();
    let dates: Vec<&str> = by_date.iter().filter_map(|r| r["date"].as_str()).collect();
    assert!(dates.windows(2).all(|w| w[0] >= w[1]));
    let r = on_corpus(&["reports", "--sort", "relevance"]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("needs a query"), "{}", r.stderr);
    let r = on_corpus(&["reports", "没有这个词语的报告内容"]);
    assert_eq!(r.code, 1);
}

#[test]
fn facets_count_the_whole_result_set() {
    let r = on_corpus(&[
        "reports",
        "-n",
        "1",
        "--json",
        "--facets",
        "broker,rating,month,type,ticker,section",
    ]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let lines = r.json_lines();
    let last = lines.last().unwrap();
    let total = last["total"].as_u64().unwrap();
    assert_eq!(total as usize, walkdir_count(&sample_corpus()));
    for facet in ["broker", "rating", "month", "type"] {
        let sum: u64 = last["facets"][facet]
            .as_object()
            .unwrap()
            .values()
            .map(|v| v.as_u64().unwrap())
            .sum();
        assert_eq!(sum, total, "{facet}: every report once");
    }
    assert!(last["facets"]["ticker"]["0700.HK"].as_u64().unwrap() >= 2);
    assert!(last["facets"]["rating"]["buy"].as_u64().unwrap() >= 1);
    // Facets of a filtered list count only it.
    let r = on_corpus(&[
        "reports", "--rating", "buy", "--json", "-n", "0", "--facets", "rating",
    ]);
    let lines = r.json_lines();
    let facets = &lines.last().unwrap()["facets"]["rating"];
    assert_eq!(facets.as_object().unwrap().len(), 1, "{facets}");
    assert_eq!(facets["buy"].as_u64().unwrap() as usize, lines.len() - 1);
    // Search counts the reports it matched.
    let r = on_corpus(&["search", "目标价", "--json", "--facets", "broker,section"]);
    let lines = r.json_lines();
    let facets = &lines.last().unwrap()["facets"];
    assert!(
        facets["section"]
            .as_object()
            .unwrap()
            .contains_key("summary"),
        "{facets}"
    );
    let r = on_corpus(&["reports", "--facets", "brokr"]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("brokr"), "{}", r.stderr);
}

#[test]
fn rating_filter_takes_words_and_levels() {
    let buy = on_corpus(&["reports", "--json", "-n", "0", "--rating", "buy"]).json_lines();
    assert!(!buy.is_empty());
    assert!(buy.iter().all(|r| r["level"] == "buy"), "{buy:?}");
    let words: std::collections::BTreeSet<&str> =
        buy.iter().filter_map(|r| r["rating"].as_str()).collect();
    assert!(words.contains("买入"), "{words:?}");
    let mairu = on_corpus(&["reports", "--json", "-n", "0", "--rating", "买入"]).json_lines();
    assert!(mairu.iter().all(|r| r["rating"] == "买入"));
    assert!(mairu.len() <= buy.len());
}

#[test]
fn ticker_takes_any_form_of_the_code_or_the_name() {
    let base = on_corpus(&["ticker", "0700.HK", "--json"]);
    assert_eq!(base.code, 0, "{}", base.stderr);
    let v: Value = serde_json::from_str(&base.stdout).unwrap();
    let paths = |v: &Value| -> Vec<String> {
        v["rows"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| r["path"].as_str().unwrap().to_string())
            .collect()
    };
    assert!(paths(&v).len() >= 2, "{v}");
    for form in ["700.HK", "HK0700", "00700", "腾讯控股"] {
        let r = on_corpus(&["ticker", form, "--json"]);
        assert_eq!(r.code, 0, "{form}: {}", r.stderr);
        let w: Value = serde_json::from_str(&r.stdout).unwrap();
        assert_eq!(paths(&w), paths(&v), "{form}");
    }
    // Oldest first; the summary counts them and the latest ratings.
    let dates: Vec<&str> = v["rows"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|r| r["date"].as_str())
        .collect();
    assert!(dates.windows(2).all(|w| w[0] <= w[1]));
    assert_eq!(
        v["summary"]["reports"].as_u64().unwrap() as usize,
        paths(&v).len()
    );
    assert!(v["summary"]["median_target"]["value"].as_f64().is_some());
    // The human table starts with the summary line.
    let table = on_corpus(&["ticker", "0700.HK"]);
    assert!(
        table
            .stdout
            .lines()
            .next()
            .unwrap()
            .starts_with("0700.HK 腾讯控股:"),
        "{}",
        table.stdout
    );
    // --mentions adds reports that only mention it; CSV has a row per report.
    let m: Value =
        serde_json::from_str(&on_corpus(&["ticker", "0700.HK", "--json", "--mentions"]).stdout)
            .unwrap();
    assert!(paths(&m).len() > paths(&v).len());
    assert!(m["rows"]
        .as_array()
        .unwrap()
        .iter()
        .any(|r| r["about"] == false));
    let csv = on_corpus(&["ticker", "0700.HK", "--csv"]);
    assert_eq!(csv.stdout.lines().count(), 1 + paths(&v).len());
    assert!(csv
        .stdout
        .starts_with("date,broker,analysts,rating,level,change,target"));
    // Unknown: exit 2 naming it.
    let r = on_corpus(&["ticker", "不存在的公司名"]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("不存在的公司名"), "{}", r.stderr);
}

#[test]
fn reports_csv_quotes_its_cells() {
    let r = on_corpus(&["reports", "--csv", "-n", "0"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let mut lines = r.stdout.lines();
    assert_eq!(
        lines.next().unwrap(),
        "date,broker,rating,level,change,target,currency,title,tickers,path,passage"
    );
    // A title with a comma is quoted, so every row has the header's 11 fields.
    let mut reader = csv_rows(&r.stdout);
    assert!(reader.iter().all(|row| row.len() == 11));
    reader.retain(|row| row[7].contains(','));
    assert!(!reader.is_empty(), "a title with a comma in corpus/");
}

/// CSV rows split by a tiny reader that honours quotes (the test should not trust the
/// writer it checks).
fn csv_rows(text: &str) -> Vec<Vec<String>> {
    let mut rows = Vec::new();
    let (mut row, mut cell, mut quoted) = (Vec::new(), String::new(), false);
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match (c, quoted) {
            ('"', true) if chars.peek() == Some(&'"') => {
                cell.push('"');
                chars.next();
            }
            ('"', _) => quoted = !quoted,
            (',', false) => row.push(std::mem::take(&mut cell)),
            ('\n', false) => {
                row.push(std::mem::take(&mut cell));
                rows.push(std::mem::take(&mut row));
            }
            (c, _) => cell.push(c),
        }
    }
    rows.remove(0);
    rows
}

#[test]
fn reports_of_two_folders_name_their_folder() {
    let env = Env::new();
    let text = std::fs::read(sample_corpus().join(
        "港股互联网/腾讯控股(0700.HK)跟踪报告：外部扰动不改AI投入主线，回调带来配置机会.txt",
    ))
    .unwrap();
    let other = std::fs::read(sample_corpus().join(
        "机械设备/工控自动化/汇川技术(300124)2024年报点评：通用自动化复苏，新能源车电驱盈利改善.txt",
    ))
    .unwrap();
    let a = env.dir.path().join("downloads");
    let b = env.dir.path().join("archive");
    std::fs::create_dir_all(&a).unwrap();
    std::fs::create_dir_all(&b).unwrap();
    std::fs::write(a.join("腾讯.txt"), &text).unwrap();
    std::fs::write(b.join("汇川.txt"), &other).unwrap();
    let r = env.run(&["index", a.to_str().unwrap(), b.to_str().unwrap()]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let rows = env.run(&["reports", "--json"]).json_lines();
    assert_eq!(rows.len(), 2);
    let tencent = rows
        .iter()
        .find(|r| r["path"] == "腾讯.txt")
        .expect("path relative to its folder");
    assert!(
        tencent["root"].as_str().unwrap().ends_with("downloads"),
        "{tencent}"
    );
    let table = env.run(&["reports"]).stdout;
    assert!(!table.contains("/1/"), "{table}");
    let t: Value = serde_json::from_str(&env.run(&["ticker", "300124", "--json"]).stdout).unwrap();
    assert_eq!(t["rows"][0]["path"], "汇川.txt");
    assert!(t["rows"][0]["root"].as_str().unwrap().ends_with("archive"));
}
