//! Evaluation of `yanbao::report` (metadata and sections) against hand labels
//! (`tests/labels/*.json`).
//!
//! For every label set the test prints precision and recall of each metadata field and of each
//! section type, and fails when any of them is below [`MIN_SCORE`].  Run with
//! `cargo test --release --test it eval_structure -- --nocapture` to see the tables;
//! `EVAL_VERBOSE=1` also prints every mismatch per report.
//!
//! Scoring:
//! * Scalar fields (title, broker, date, rating, report_type) are compared after
//!   `yanbao::text::normalize`.  A predicted value equal to the label is a true positive; a
//!   different value counts both as a false positive and as a false negative; a value where the
//!   label is `null` is a false positive, a missing value where the label has one a false
//!   negative.
//! * The title is "right" when it is the report's headline: both sides are normalized and compared
//!   with punctuation, symbols and whitespace removed.  PDF extraction and file names differ in
//!   exactly these (`，` vs `、` vs a line break, `：` vs `:`, spaces around Latin words), while
//!   the words of the headline are what a reader sees in the results.  A headline with the company
//!   name or a series prefix in front (`中芯国际:…` where the cover prints only `…`) is not the
//!   headline, so it does not count.
//! * Analysts are a multiset of names per report (each name matched at most as often as it is
//!   labelled).  SAC numbers are reported (`analyst_sac`) but not gated.
//! * Sections: for each type, the number of detected sections of that type in a report is matched
//!   against the number of labelled ones (multiset of types per report; `body` markers are not
//!   scored); consecutive headings of one type are one section.  What text each section covers is
//!   scored by `eval_sections`.  `heading-text` additionally compares the heading words and is
//!   informational.

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

use crate::testenv::{self, Pr};
use yanbao::report::{detect_headings, extract_meta, Section};
use yanbao::text::normalize;

/// Every gated precision and recall must reach this.
const MIN_SCORE: f64 = 0.90;
/// Except the precision of section headings (see [`report`]).
const MIN_SECTION_PRECISION: f64 = 0.75;

#[derive(serde::Deserialize)]
struct LabelAnalyst {
    name: String,
    sac: Option<String>,
}

#[derive(serde::Deserialize)]
struct LabelSection {
    heading: String,
    section: String,
}

#[derive(serde::Deserialize)]
struct Label {
    file: String,
    title: Option<String>,
    broker: Option<String>,
    analysts: Vec<LabelAnalyst>,
    date: Option<String>,
    rating: Option<String>,
    report_type: Option<String>,
    sections: Vec<LabelSection>,
}

fn norm(s: &str) -> String {
    normalize(s.trim()).trim().to_string()
}

/// The words of a title: normalized, without punctuation, symbols or whitespace.
fn title_key(s: &str) -> String {
    normalize(s)
        .chars()
        .filter(|c| c.is_alphanumeric())
        .collect()
}

/// Heading without numbering, brackets, bullets and trailing colon.
fn core(h: &str) -> String {
    let n = norm(h);
    let t = n.trim_start_matches(|c: char| {
        c.is_ascii_digit() || "一二三四五六七八九十、.()【】[]:：●■◆•⚫❖►❑ ".contains(c)
    });
    t.trim_end_matches([':', '】', ']', ' ']).to_string()
}

/// Scores one scalar field; `key` maps a value to what is compared.  Returns whether it was right.
fn scalar(pr: &mut Pr, pred: Option<&str>, gold: Option<&str>, key: fn(&str) -> String) -> bool {
    let p = pred.map(key).filter(|s| !s.is_empty());
    let g = gold.map(key).filter(|s| !s.is_empty());
    match (&p, &g) {
        (Some(a), Some(b)) if a == b => {
            pr.tp += 1;
            true
        }
        (Some(_), Some(_)) => {
            pr.fp += 1;
            pr.fn_ += 1;
            false
        }
        (Some(_), None) => {
            pr.fp += 1;
            false
        }
        (None, Some(_)) => {
            pr.fn_ += 1;
            false
        }
        (None, None) => true,
    }
}

fn multiset(pred: &[String], gold: &[String]) -> Pr {
    let mut c: HashMap<&str, (usize, usize)> = HashMap::new();
    for p in pred {
        c.entry(p).or_default().0 += 1;
    }
    for g in gold {
        c.entry(g).or_default().1 += 1;
    }
    let mut pr = Pr::default();
    for (p, g) in c.into_values() {
        let m = p.min(g);
        pr.tp += m;
        pr.fp += p - m;
        pr.fn_ += g - m;
    }
    pr
}

struct Scores {
    reports: usize,
    fields: BTreeMap<&'static str, Pr>,
    sections: BTreeMap<&'static str, Pr>,
    heading_text: Pr,
}

/// Gated fields, in table order.
const FIELDS: [&str; 6] = [
    "title",
    "broker",
    "analysts",
    "date",
    "rating",
    "report_type",
];

fn evaluate(labels: &[Label], text_dir: &Path) -> Scores {
    let verbose = std::env::var_os("EVAL_VERBOSE").is_some();
    let mut sc = Scores {
        reports: 0,
        fields: BTreeMap::new(),
        sections: BTreeMap::new(),
        heading_text: Pr::default(),
    };
    for l in labels {
        let path: PathBuf = text_dir.join(&l.file);
        let bytes = std::fs::read(&path)
            .unwrap_or_else(|e| panic!("labelled report {}: {e}", path.display()));
        let decoded = yanbao::text::decode(&bytes)
            .unwrap_or_else(|e| panic!("labelled report {}: {e}", path.display()));
        sc.reports += 1;
        let text = normalize(&decoded.text);
        // The indexer passes the file stem of the relative path (folders and extension dropped).
        let stem = Path::new(&l.file)
            .file_stem()
            .and_then(|s| s.to_str())
            .unwrap_or("");
        let m = extract_meta(&text, stem);
        let hs = detect_headings(&text);
        let mut report = Vec::new();

        let title_ok = scalar(
            sc.fields.entry("title").or_default(),
            m.title.as_deref(),
            l.title.as_deref(),
            title_key,
        );
        if !title_ok {
            report.push(format!("  title: got {:?} want {:?}", m.title, l.title));
        }
        for (name, pred, gold) in [
            ("broker", m.broker.as_deref(), l.broker.as_deref()),
            ("date", m.date.as_deref(), l.date.as_deref()),
            ("rating", m.rating.as_deref(), l.rating.as_deref()),
            (
                "report_type",
                m.report_type.as_deref(),
                l.report_type.as_deref(),
            ),
        ] {
            if !scalar(sc.fields.entry(name).or_default(), pred, gold, norm) {
                report.push(format!("  {name}: got {pred:?} want {gold:?}"));
            }
        }

        let pn: Vec<String> = m.analysts.iter().map(|a| norm(&a.name)).collect();
        let gn: Vec<String> = l.analysts.iter().map(|a| norm(&a.name)).collect();
        let a = multiset(&pn, &gn);
        sc.fields.entry("analysts").or_default().add(a);
        if a.fp + a.fn_ > 0 {
            report.push(format!("  analysts: got {pn:?} want {gn:?}"));
        }
        let with_sac = |name: &str, sac: &Option<String>| {
            sac.as_ref()
                .map(|s| format!("{}={}", norm(name), s.to_uppercase()))
        };
        let ps: Vec<String> = m
            .analysts
            .iter()
            .filter_map(|a| with_sac(&a.name, &a.sac))
            .collect();
        let gs: Vec<String> = l
            .analysts
            .iter()
            .filter_map(|a| with_sac(&a.name, &a.sac))
            .collect();
        sc.fields
            .entry("analyst_sac")
            .or_default()
            .add(multiset(&ps, &gs));

        for l_sec in &l.sections {
            assert!(
                Section::parse(&l_sec.section).is_some(),
                "{}: unknown section type {:?} in labels",
                l.file,
                l_sec.section
            );
        }
        // A section is a run of headings of one type: `投资建议…建议关注：…`
        // is one advice section, however many of its headings are found.
        let hs = first_of_runs(hs.into_iter().filter(|h| h.section != Section::Body), |h| {
            h.section.name().to_string()
        });
        let label_sections = first_of_runs(l.sections.iter(), |x| x.section.clone());
        let mut all = Pr::default();
        for sec in Section::ALL.into_iter().filter(|s| *s != Section::Body) {
            let p: Vec<String> = hs
                .iter()
                .filter(|h| h.section == sec)
                .map(|_| sec.name().to_string())
                .collect();
            let g: Vec<String> = label_sections
                .iter()
                .filter(|x| x.section == sec.name())
                .map(|x| x.section.clone())
                .collect();
            let pr = multiset(&p, &g);
            sc.sections.entry(sec.name()).or_default().add(pr);
            all.add(pr);
        }
        let ph: Vec<String> = hs
            .iter()
            .filter(|h| h.section != Section::Body)
            .map(|h| format!("{}:{}", h.section.name(), core(&h.text)))
            .collect();
        let gh: Vec<String> = label_sections
            .iter()
            .map(|x| format!("{}:{}", x.section, core(&x.heading)))
            .collect();
        sc.heading_text.add(multiset(&ph, &gh));
        if all.fp + all.fn_ > 0 {
            report.push(format!("  sections: got  {ph:?}\n            want {gh:?}"));
        }
        if verbose && !report.is_empty() {
            println!("{}\n{}", l.file, report.join("\n"));
        }
    }
    sc
}

/// The first item of each run of items with the same key.
fn first_of_runs<T>(items: impl Iterator<Item = T>, key: impl Fn(&T) -> String) -> Vec<T> {
    let mut out: Vec<T> = Vec::new();
    for item in items {
        if out.last().is_none_or(|last| key(last) != key(&item)) {
            out.push(item);
        }
    }
    out
}

/// Prints the table and returns the gated figures below [`MIN_SCORE`].
fn report(name: &str, sc: &Scores) -> Vec<String> {
    let mut low = Vec::new();
    println!("== {name} ({} reports)", sc.reports);
    println!("{:<18} {:>6} {:>6}  (tp/fp/fn)", "field", "P", "R");
    let mut row = |label: String, v: &Pr, gated: bool| {
        println!(
            "{label:<18} {:>6.3} {:>6.3}  ({}/{}/{}){}",
            v.p(),
            v.r(),
            v.tp,
            v.fp,
            v.fn_,
            if gated { "" } else { "  (not gated)" }
        );
        // Section headings: the span labels (tests/labels/spans_*.json,
        // scored by eval_sections) count short headings these lists leave
        // out (`建议关注`, `财务摘要`, `重点公司基本状况`), so a found
        // section these labels lack is not necessarily wrong: precision
        // has a lower floor there.
        let min_p = if label.starts_with("sec:") {
            MIN_SECTION_PRECISION
        } else {
            MIN_SCORE
        };
        if gated && (v.p() < min_p || v.r() < MIN_SCORE) {
            low.push(format!("{name}: {label} P={:.3} R={:.3}", v.p(), v.r()));
        }
    };
    for f in FIELDS {
        row(
            f.to_string(),
            &sc.fields.get(f).copied().unwrap_or_default(),
            true,
        );
    }
    row(
        "analyst_sac".to_string(),
        &sc.fields.get("analyst_sac").copied().unwrap_or_default(),
        false,
    );
    let mut all = Pr::default();
    for sec in Section::ALL.into_iter().filter(|s| *s != Section::Body) {
        let v = sc.sections.get(sec.name()).copied().unwrap_or_default();
        all.add(v);
        row(format!("sec:{}", sec.name()), &v, true);
    }
    row("sec:ALL".to_string(), &all, true);
    row("heading-text".to_string(), &sc.heading_text, false);
    low
}

fn load_labels(file: &str) -> Vec<Label> {
    let path = testenv::labels(file);
    let text =
        std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("labels {}: {e}", path.display()));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("labels {}: {e}", path.display()))
}

fn check(label_file: &str, dir: &Path) {
    let labels = load_labels(label_file);
    assert!(!labels.is_empty(), "{label_file} has no labels");
    let sc = evaluate(&labels, dir);
    let low = report(label_file, &sc);
    assert!(
        low.is_empty(),
        "figures below {MIN_SCORE} (run with -- --nocapture and EVAL_VERBOSE=1 for details):\n{}",
        low.join("\n")
    );
}

/// 42 reports of the shared third-party corpus, which is not part of the repository.
#[test]
fn eval_shared_yanbao() {
    let Some(dir) = testenv::shared_corpus("yanbao") else {
        println!("note: ../shared/corpora/yanbao is absent; eval_shared_yanbao skipped");
        return;
    };
    check("shared_yanbao.json", &dir);
}

/// 41 reports of the repository's own sample corpus.
#[test]
fn eval_repo_corpus() {
    check("corpus.json", &testenv::sample_corpus());
}

#[test]
fn title_key_ignores_punctuation_only() {
    assert_eq!(
        title_key("Q4营收超指引，先进制程与国产替代共振"),
        title_key("q4 营收超指引、先进制程与国产替代共振")
    );
    assert_ne!(
        title_key("中芯国际:Q4营收超指引"),
        title_key("Q4营收超指引")
    );
}
