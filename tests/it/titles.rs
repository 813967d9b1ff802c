//! Report titles as `yanbao show --json` gives them, against the hand labels
//! (`tests/labels/corpus.json`, `tests/labels/shared_yanbao.json`).
//!
//! Each label set is indexed twice: with the reports renamed `r1.txt`, `r2.txt`… (the file name
//! says nothing, so the title must come from the cover alone), and under their real names (the
//! file-name-guided path).  Each run must get at least [`MIN_RIGHT`] of the titles right; the
//! misses are printed (`cargo test --test it titles -- --nocapture`).
//!
//! A title is right when its letters and digits (normalized: case, full-width forms) are the
//! label's.  PDF text and file names differ in punctuation (`，` / `、` / a line break, quotes,
//! brackets), not in the words of the headline.  A label may list other acceptable forms in an
//! optional `also_ok` array.  A title is also accepted with a leading company name or series label
//! added or missing, one that ends with a colon in the longer of the two (`中芯国际:` + the
//! label; the label `血制品7月批签发数据专题:血制品行业系列报告之批签发跟踪` for the cover's
//! `血制品行业系列报告之批签发跟踪`).  Both figures are printed: exact, and with such prefixes.

use std::path::{Path, PathBuf};

use crate::testenv::{self, Env};
use yanbao::text::normalize;

/// The share of titles that must be right in each run.
const MIN_RIGHT: f64 = 0.95;

struct Label {
    /// Path of the report, relative to its corpus folder.
    file: String,
    title: String,
    also_ok: Vec<String>,
}

fn load_labels(name: &str) -> Vec<Label> {
    let path = testenv::labels(name);
    let text =
        std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("labels {}: {e}", path.display()));
    let v: serde_json::Value =
        serde_json::from_str(&text).unwrap_or_else(|e| panic!("labels {}: {e}", path.display()));
    let strs = |v: Option<&serde_json::Value>| -> Vec<String> {
        v.and_then(|v| v.as_array())
            .map(|a| {
                a.iter()
                    .filter_map(|x| x.as_str().map(str::to_string))
                    .collect()
            })
            .unwrap_or_default()
    };
    v.as_array()
        .expect("labels are an array")
        .iter()
        .filter_map(|l| {
            Some(Label {
                file: l["file"].as_str()?.to_string(),
                title: l["title"].as_str()?.to_string(),
                also_ok: strs(l.get("also_ok")),
            })
        })
        .collect()
}

/// The words of a title: normalized, letters and digits only.
fn key(s: &str) -> String {
    normalize(s)
        .chars()
        .filter(|c| c.is_alphanumeric())
        .collect()
}

/// Is `got` the labelled title (or one of its accepted forms)?
fn right(got: &str, l: &Label) -> bool {
    let g = key(got);
    !g.is_empty()
        && std::iter::once(&l.title)
            .chain(&l.also_ok)
            .any(|t| key(t) == g)
}

/// Is `got` the label with a leading company name or series label, ended by a colon, added or
/// removed (`中芯国际:Q4营收…` for `Q4营收…`)?
fn right_up_to_prefix(got: &str, l: &Label) -> bool {
    let (g, t) = (normalize(got), normalize(&l.title));
    let strip = |long: &str, short: &str| {
        let (ks, kl) = (key(short), key(long));
        !ks.is_empty()
            && kl.ends_with(&ks)
            && long
                .char_indices()
                .filter(|(_, c)| *c == ':')
                .any(|(i, _)| key(&long[i..]) == ks)
    };
    strip(&g, &t) || strip(&t, &g)
}

/// Indexes the labelled reports of `dir` (renamed `rN.ext` when `renamed`) and returns the title
/// `show --json` gives each.
fn titles(labels: &[Label], dir: &Path, renamed: bool) -> Vec<String> {
    let env = Env::new();
    let names: Vec<String> = labels
        .iter()
        .enumerate()
        .map(|(i, l)| {
            let src: PathBuf = dir.join(&l.file);
            let bytes = std::fs::read(&src)
                .unwrap_or_else(|e| panic!("labelled report {}: {e}", src.display()));
            let name = if renamed {
                let ext = Path::new(&l.file)
                    .extension()
                    .and_then(|e| e.to_str())
                    .unwrap_or("txt");
                format!("r{}.{ext}", i + 1)
            } else {
                l.file.clone()
            };
            env.write(&name, bytes);
            name
        })
        .collect();
    env.index();
    names
        .iter()
        .map(|name| {
            let r = env.run(&["show", name, "--json"]);
            assert_eq!(r.code, 0, "show {name}: {}", r.stderr);
            let v = &r.json_lines()[0];
            v["title"].as_str().unwrap_or_default().to_string()
        })
        .collect()
}

/// Scores one run, prints it with its misses, and returns the share right (leading labels
/// allowed).
fn score(what: &str, labels: &[Label], got: &[String]) -> f64 {
    let mut exact = 0;
    let mut near = 0;
    let mut misses = Vec::new();
    for (l, g) in labels.iter().zip(got) {
        if right(g, l) {
            exact += 1;
            continue;
        }
        let prefix = right_up_to_prefix(g, l);
        near += usize::from(prefix);
        misses.push(format!(
            "  {}{}\n    got  {g:?}\n    want {:?}",
            l.file,
            if prefix {
                " (right up to a leading label)"
            } else {
                ""
            },
            l.title
        ));
    }
    let n = labels.len() as f64;
    let share = (exact + near) as f64 / n;
    println!(
        "== {what}: {}/{} titles right ({:.1}%), {exact} exactly ({:.1}%)",
        exact + near,
        labels.len(),
        100.0 * share,
        100.0 * exact as f64 / n
    );
    for m in &misses {
        println!("{m}");
    }
    share
}

fn check(label_file: &str, dir: &Path, renamed: bool) {
    let labels = load_labels(label_file);
    assert!(!labels.is_empty(), "{label_file} has no titles");
    let got = titles(&labels, dir, renamed);
    let what = format!(
        "{label_file}, {}",
        if renamed { "renamed rN" } else { "real names" }
    );
    let share = score(&what, &labels, &got);
    assert!(
        share >= MIN_RIGHT,
        "{what}: {:.1}% of the titles right, below {:.0}% (run with -- --nocapture for the misses)",
        100.0 * share,
        100.0 * MIN_RIGHT
    );
}

#[test]
fn titles_corpus_renamed() {
    check("corpus.json", &testenv::sample_corpus(), true);
}

#[test]
fn titles_corpus_real_names() {
    check("corpus.json", &testenv::sample_corpus(), false);
}

#[test]
fn titles_shared_renamed() {
    let Some(dir) = testenv::shared_corpus("yanbao") else {
        println!("note: ../shared/corpora/yanbao is absent; titles_shared_renamed skipped");
        return;
    };
    check("shared_yanbao.json", &dir, true);
}

#[test]
fn titles_shared_real_names() {
    let Some(dir) = testenv::shared_corpus("yanbao") else {
        println!("note: ../shared/corpora/yanbao is absent; titles_shared_real_names skipped");
        return;
    };
    check("shared_yanbao.json", &dir, false);
}

#[test]
fn title_keys_ignore_punctuation_and_case_only() {
    let l = Label {
        file: String::new(),
        title: "Q4营收超指引，先进制程与国产替代共振".into(),
        also_ok: Vec::new(),
    };
    assert!(right("q4 营收超指引、先进制程与国产替代共振", &l));
    assert!(!right("中芯国际:Q4营收超指引，先进制程与国产替代共振", &l));
    assert!(right_up_to_prefix(
        "中芯国际：Q4营收超指引，先进制程与国产替代共振",
        &l
    ));
    assert!(!right_up_to_prefix("Q4营收超指引", &l));
}

/// Texts without a cover, named by a dataset's IDs (`news_train_00017.txt`):
/// a news item's bracketed headline, a flash's first clause, never the ID;
/// a descriptive file name still wins over a paragraph's lead.
#[test]
fn texts_without_a_cover_are_titled_by_their_first_words_not_their_id() {
    let env = Env::new();
    env.write(
        "news_train_00017.txt",
        "【光伏股午后走强 某新能源涨超10%】午后光伏板块拉升，某新能源涨超10%，某硅业跟涨。北向资金净买入超20亿元。\n",
    );
    env.write(
        "news_train_00018.txt",
        "某生物披露定增结果，本次定增募集资金总额为15.74亿元，发行价格为28.11元/股，发行对象最终确定为17家，其中某资产获配近2.7亿元。\n",
    );
    env.write(
        "光伏行业周报：硅料价格见顶.txt",
        "本周硅料价格持平，组件排产环比回升，一体化龙头的盈利能力有望修复，我们继续看好光伏板块的估值修复机会与全年装机的超预期增长。\n",
    );
    assert_eq!(env.index().code, 0);
    let listed = env.run(&["reports", "--json"]);
    let title_of = |file: &str| -> String {
        listed
            .json_lines()
            .iter()
            .find(|r| r["path"] == file)
            .and_then(|r| r["title"].as_str().map(str::to_string))
            .unwrap_or_else(|| panic!("{file} not listed: {}", listed.stdout))
    };
    assert_eq!(
        title_of("news_train_00017.txt"),
        "光伏股午后走强 某新能源涨超10%"
    );
    assert_eq!(title_of("news_train_00018.txt"), "某生物披露定增结果");
    assert_eq!(
        title_of("光伏行业周报：硅料价格见顶.txt"),
        "光伏行业周报：硅料价格见顶"
    );
}
