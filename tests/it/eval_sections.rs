//! Sections as spans, scored against hand labels: for each labelled report
//! of `../shared/corpora/yanbao` and each section type, the characters the
//! labeller put in that type and the characters of the passages
//! `yanbao::report::passages` gives that section are compared by their
//! intersection over union (IoU). A report counts as right for a type when
//! IoU ≥ 0.8.
//!
//! The labels (`tests/labels/spans_dev.json`, 40 reports, and
//! `spans_eval.json`, 40 reports) were written by helpers who read the
//! reports and never saw the rules, before the rules were tuned; only the
//! dev set was looked at while tuning. `spans_dev2.json` (24 more reports,
//! none of the others) was written the same way later, when the dev set's
//! figures had drifted well above the held-out set's: a fresh set to tune
//! on. Each span is given by its first and
//! last 15 characters (`first_nth`/`last_nth` pick an occurrence).
//!
//! Page furniture (headers and footers glued into a span) is left out of
//! both sides: labellers were told that it does not end a span. That is
//! furniture passages and furniture glued inside a passage (its hidden
//! ranges) alike.
//!
//! Run `cargo test --release --test it eval_sections -- --nocapture` for
//! the table; `EVAL_VERBOSE=1` prints each report's IoU per type;
//! `EVAL_DEV_ONLY=1` scores the dev set alone (for whoever tunes the rules).

use std::collections::BTreeMap;
use std::ops::Range;

use crate::testenv;
use yanbao::layout::Layout;
use yanbao::report::{passages, Section};

#[derive(serde::Deserialize)]
struct LabelSpan {
    section: String,
    first: String,
    last: String,
    #[serde(default)]
    first_nth: usize,
    #[serde(default)]
    last_nth: usize,
}

#[derive(serde::Deserialize)]
struct LabelledReport {
    file: String,
    spans: Vec<LabelSpan>,
}

/// The byte offset of the `nth` occurrence of `needle` in `hay`.
fn nth_find(hay: &str, needle: &str, nth: usize) -> Option<usize> {
    hay.match_indices(needle).nth(nth).map(|(i, _)| i)
}

/// Per character of `text`: the labelled section (`None` for body text).
fn labelled_sections(text: &str, spans: &[LabelSpan], file: &str) -> Vec<Option<Section>> {
    let starts: Vec<usize> = text.char_indices().map(|(i, _)| i).collect();
    let char_of = |byte: usize| starts.partition_point(|&b| b < byte);
    let mut out = vec![None; starts.len()];
    for s in spans {
        let section = Section::parse(&s.section)
            .unwrap_or_else(|| panic!("{file}: unknown section {:?}", s.section));
        let a = nth_find(text, &s.first, s.first_nth)
            .unwrap_or_else(|| panic!("{file}: {:?} not found", s.first));
        let b = nth_find(text, &s.last, s.last_nth)
            .unwrap_or_else(|| panic!("{file}: {:?} not found", s.last))
            + s.last.len();
        assert!(
            a < b,
            "{file}: span {:?}..{:?} ends before it starts",
            s.first,
            s.last
        );
        out[char_of(a)..char_of(b)]
            .iter_mut()
            .for_each(|c| *c = Some(section));
    }
    out
}

/// Per character of `text`: the detected section (`None` for body), and
/// whether the character is page furniture.
fn detected_sections(text: &str) -> (Vec<Option<Section>>, Vec<bool>) {
    let starts: Vec<usize> = text.char_indices().map(|(i, _)| i).collect();
    let char_of = |byte: usize| starts.partition_point(|&b| b < byte);
    let mut sections = vec![None; starts.len()];
    let mut furniture = vec![false; starts.len()];
    for p in passages(text) {
        let r: Range<usize> = char_of(p.raw.start)..char_of(p.raw.end);
        if p.layout == Layout::Furniture {
            furniture[r].iter_mut().for_each(|f| *f = true);
            continue;
        }
        if p.section != Section::Body {
            sections[r].iter_mut().for_each(|s| *s = Some(p.section));
        }
        // Furniture too short to be a passage, glued inside this one (a
        // footer after a risk bullet that ends without a full stop) is
        // furniture too, on both sides.
        if !p.hidden.is_empty() {
            let n = yanbao::text::normalize_with_map(&text[p.raw.clone()]);
            assert_eq!(n.text, p.text, "a passage's text is its source normalized");
            for &(s, e) in &p.hidden {
                let (s, e) = (s as usize, e as usize);
                if s < e && e <= n.src_start.len() {
                    let from = char_of(p.raw.start + n.src_start[s] as usize);
                    let to = char_of(p.raw.start + n.src_end[e - 1] as usize);
                    furniture[from..to].iter_mut().for_each(|f| *f = true);
                }
            }
        }
    }
    (sections, furniture)
}

/// The runs of characters marked `s`, furniture bridged.
fn runs(marks: &[Option<Section>], furniture: &[bool], s: Section) -> Vec<Range<usize>> {
    let mut out: Vec<Range<usize>> = Vec::new();
    for i in 0..marks.len() {
        if marks[i] == Some(s) || (furniture[i] && out.last().is_some_and(|r| r.end == i)) {
            match out.last_mut() {
                Some(r) if r.end == i => r.end = i + 1,
                _ => out.push(i..i + 1),
            }
        }
    }
    out
}

/// Types scored (body is the rest).
fn scored() -> impl Iterator<Item = Section> {
    Section::ALL.into_iter().filter(|s| *s != Section::Body)
}

/// Per section type: (reports right, reports where either side has the type).
type Table = BTreeMap<&'static str, (usize, usize)>;

fn evaluate(set: &str, corpus: &std::path::Path) -> Table {
    let labels = load(set);
    let verbose = std::env::var_os("EVAL_VERBOSE").is_some();
    // EVAL_VERBOSE=2: the labelled and detected runs of each type missed.
    let detail = std::env::var("EVAL_VERBOSE").is_ok_and(|v| v == "2") && set != "eval";
    let mut table = Table::new();
    for report in &labels {
        let text = std::fs::read_to_string(corpus.join(&report.file)).unwrap();
        let labelled = labelled_sections(&text, &report.spans, &report.file);
        let (detected, furniture) = detected_sections(&text);
        let mut line = String::new();
        for (s, iou) in ious(&labelled, &detected, &furniture) {
            tally(&mut table, vec![(s, iou)]);
            line.push_str(&format!(" {}={iou:.2}", s.name()));
            if detail && iou < 0.8 {
                let chars: Vec<char> = text.chars().collect();
                for (side, marks) in [("label", &labelled), ("found", &detected)] {
                    for r in runs(marks, &furniture, s) {
                        let a: String = chars[r.start..(r.start + 20).min(r.end)].iter().collect();
                        let b: String = chars[r.end.saturating_sub(20).max(r.start)..r.end]
                            .iter()
                            .collect();
                        println!("    {} {side} {}..{} {a} … {b}", s.name(), r.start, r.end);
                    }
                }
            }
        }
        if verbose {
            println!("{set} {}:{line}", report.file);
        }
    }
    table
}

/// Per section type either side has outside furniture: the IoU of the
/// characters `a` and `b` give it.
fn ious(a: &[Option<Section>], b: &[Option<Section>], furniture: &[bool]) -> Vec<(Section, f64)> {
    let mut out = Vec::new();
    for s in scored() {
        let (mut both, mut either) = (0usize, 0usize);
        for i in (0..a.len()).filter(|&i| !furniture[i]) {
            let (l, d) = (a[i] == Some(s), b[i] == Some(s));
            both += usize::from(l && d);
            either += usize::from(l || d);
        }
        if either > 0 {
            out.push((s, both as f64 / either as f64));
        }
    }
    out
}

fn tally(table: &mut Table, ious: Vec<(Section, f64)>) {
    for (s, iou) in ious {
        let e = table.entry(s.name()).or_default();
        e.0 += usize::from(iou >= 0.8);
        e.1 += 1;
    }
}

fn load(set: &str) -> Vec<LabelledReport> {
    serde_json::from_str(
        &std::fs::read_to_string(format!("tests/labels/spans_{set}.json")).unwrap(),
    )
    .unwrap()
}

fn print(set: &str, table: &Table) {
    println!("sections as spans, {set} set: reports with IoU >= 0.8 per type");
    for (name, (right, of)) in table {
        println!(
            "  {name:<13} {right:>3} of {of:>3}  {:>5.1}%",
            100.0 * *right as f64 / *of as f64
        );
    }
}

fn share(table: &Table, name: &str) -> f64 {
    table
        .get(name)
        .map_or(1.0, |(r, of)| *r as f64 / (*of).max(1) as f64)
}

#[test]
fn eval_sections_as_spans() {
    let Some(corpus) = testenv::shared_corpus("yanbao") else {
        eprintln!("skipped: ../shared/corpora/yanbao is absent");
        return;
    };
    let dev = evaluate("dev", &corpus);
    print("dev (tuned on)", &dev);
    let dev2 = evaluate("dev2", &corpus);
    print("dev2 (tuned on)", &dev2);
    // Who tunes the rules runs with EVAL_DEV_ONLY=1: the held-out figures
    // stay unseen until the rules are done.
    if std::env::var_os("EVAL_DEV_ONLY").is_some() {
        return;
    }
    let eval = evaluate("eval", &corpus);
    print("eval (held out)", &eval);
    // Floors at the figures reached on the held-out set (the issue's
    // target is 90% for every type; see the README for where it stands):
    // a change that makes the spans worse fails here.
    for (name, floor) in FLOORS {
        assert!(
            share(&eval, name) >= *floor,
            "{name}: {:.2} < {floor}",
            share(&eval, name)
        );
    }
}

/// Half of the dev reports read again by four other readers, who saw
/// neither the rules nor the first labels (`spans_dev_second.json`): how
/// far two readers of the same brief agree is what a rule can be held to.
/// Printed beside the rules' agreement with each reading.
#[test]
fn a_second_reading_of_the_dev_reports() {
    let Some(corpus) = testenv::shared_corpus("yanbao") else {
        eprintln!("skipped: ../shared/corpora/yanbao is absent");
        return;
    };
    let first: BTreeMap<String, LabelledReport> = load("dev")
        .into_iter()
        .map(|r| (r.file.clone(), r))
        .collect();
    let second = load("dev_second");
    assert_eq!(second.len(), 20);
    let (mut readers, mut rules_first, mut rules_second) =
        (Table::new(), Table::new(), Table::new());
    for report in &second {
        let text = std::fs::read_to_string(corpus.join(&report.file)).unwrap();
        let one = labelled_sections(&text, &first[&report.file].spans, &report.file);
        let two = labelled_sections(&text, &report.spans, &report.file);
        let (detected, furniture) = detected_sections(&text);
        tally(&mut readers, ious(&one, &two, &furniture));
        tally(&mut rules_first, ious(&one, &detected, &furniture));
        tally(&mut rules_second, ious(&two, &detected, &furniture));
    }
    print("20 dev reports, first reading against the second", &readers);
    print(
        "20 dev reports, rules against the first reading",
        &rules_first,
    );
    print(
        "20 dev reports, rules against the second reading",
        &rules_second,
    );
    // Where the brief leaves no choice (a heading, the end matter), two
    // readers draw the same span: a second reading that disagrees there
    // is not a reading of these reports.
    for name in ["risk", "disclaimer", "rating-scale", "analyst", "toc"] {
        assert!(share(&readers, name) >= 0.9, "{name}: readers disagree");
    }
}

/// The least share of held-out reports right per type.
const FLOORS: &[(&str, f64)] = &[
    ("advice", 0.31),
    ("analyst", 0.89),
    ("cover", 0.57),
    ("disclaimer", 0.91),
    ("forecast", 0.65),
    ("rating-scale", 0.78),
    ("risk", 0.65),
    ("summary", 0.75),
    ("toc", 0.93),
];

/// Over every report of `../shared/corpora/yanbao`: the share of its
/// characters in risk passages. A front-page 风险提示 bullet covers that
/// bullet only, so a report whose text is mostly risk is a report whose
/// risk section ran on.
#[test]
fn few_reports_are_mostly_risk() {
    let Some(corpus) = testenv::shared_corpus("yanbao") else {
        eprintln!("skipped: ../shared/corpora/yanbao is absent");
        return;
    };
    let mut over = Vec::new();
    let mut reports = 0;
    for entry in std::fs::read_dir(&corpus).unwrap() {
        let path = entry.unwrap().path();
        let Ok(text) = std::fs::read_to_string(&path) else {
            continue;
        };
        reports += 1;
        let (mut risk, mut all) = (0usize, 0usize);
        for p in passages(&text) {
            if p.layout == Layout::Furniture {
                continue;
            }
            all += p.chars;
            risk += if p.section == Section::Risk {
                p.chars
            } else {
                0
            };
        }
        if risk as f64 > 0.3 * all as f64 {
            over.push(format!("{} ({risk} of {all})", path.display()));
        }
    }
    println!(
        "reports with more than 30% of their text in risk: {} of {reports}",
        over.len()
    );
    for o in &over {
        println!("  {o}");
    }
    assert!(reports > 0);
    assert!(
        over.len() as f64 <= 0.02 * reports as f64,
        "{} of {reports} reports are more than 30% risk",
        over.len()
    );
}
