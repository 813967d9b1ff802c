//! Several folders (roots) in one index: adding, forgetting, a root gone
//! from disk, an index written before roots existed; and the comparison
//! with a clean build that the watch tests share.

use crate::testenv::{run_on, sample_corpus, Env};
use std::path::{Path, PathBuf};

/// Terms whose `mentions --count` is compared with a clean build: common
/// ones, and the marks the tests write into their own reports.
pub const TERMS: &[&str] = &["公司", "增长", "风险", "zqmark", "腾讯"];

/// What must be equal between two indexes of the same folders:
/// `stats --json` less its size on disk and time, and `mentions --count`
/// of [`TERMS`].
pub fn snapshot(index: &Path) -> String {
    let stats = run_on(index, &["stats", "--json"]);
    assert_eq!(stats.code, 0, "stats: {}", stats.stderr);
    let mut v: serde_json::Value = serde_json::from_str(stats.stdout.trim()).unwrap();
    let o = v.as_object_mut().unwrap();
    o.remove("index_bytes");
    o.remove("indexed_at");
    let mut out = format!("{v}\n");
    for t in TERMS {
        let r = run_on(index, &["mentions", "--count", t]);
        assert!(r.code <= 1, "mentions {t}: {}", r.stderr);
        out.push_str(&format!("{t}:\n{}", r.stdout));
    }
    out
}

/// A clean build of `dirs`, in that order, in a new folder; its snapshot.
pub fn clean_snapshot(dirs: &[&Path]) -> String {
    let tmp = tempfile::tempdir().unwrap();
    let index = tmp.path().join("clean");
    let mut args = vec!["index".to_string()];
    args.extend(dirs.iter().map(|d| d.to_str().unwrap().to_string()));
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let r = run_on(&index, &args);
    assert_eq!(r.code, 0, "clean build: {}", r.stderr);
    snapshot(&index)
}

/// Copies the sample corpus's first `n` reports (by path) into `dest`,
/// keeping their folders.
pub fn copy_sample(dest: &Path, n: usize) -> Vec<String> {
    let mut files: Vec<PathBuf> = walkdir::WalkDir::new(sample_corpus())
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| e.path().to_path_buf())
        .filter(|p| p.extension().is_some_and(|e| e == "txt" || e == "md"))
        .collect();
    files.sort();
    let mut rels = Vec::new();
    for f in files.into_iter().take(n) {
        let rel = f.strip_prefix(sample_corpus()).unwrap().to_path_buf();
        let to = dest.join(&rel);
        std::fs::create_dir_all(to.parent().unwrap()).unwrap();
        std::fs::copy(&f, &to).unwrap();
        rels.push(rel.to_string_lossy().replace('\\', "/"));
    }
    rels
}

/// A short report holding `mark` (a Latin token, for `mentions`).
pub fn small_report(mark: &str) -> String {
    format!("公司研究报告\n\n本公司收入增长明显，风险可控。标记 {mark} 出现在这里。\n\n第二段：行业增长，公司盈利能力提升。\n")
}

fn index_dirs(env: &Env, dirs: &[&Path]) -> crate::testenv::Run {
    let mut c = env.cmd();
    c.arg("index").args(dirs);
    crate::testenv::Run::from(c.output().unwrap())
}

#[test]
fn a_second_root_joins_the_first_and_equals_a_clean_build() {
    let env = Env::new();
    let a = env.dir.path().join("a");
    let b = env.dir.path().join("b");
    let rels = copy_sample(&a, 6);
    copy_sample(&b, 2);
    std::fs::write(b.join("only-b.txt"), small_report("zqmark")).unwrap();
    assert_eq!(index_dirs(&env, &[&a]).code, 0);
    let r = index_dirs(&env, &[&b]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stdout.contains("0 removed"), "{}", r.stdout);
    assert_eq!(snapshot(&env.index_dir()), clean_snapshot(&[&a, &b]));

    // Each root's reports, with its name where there are several.
    let stats = env.run(&["stats", "--json"]).json_lines()[0].clone();
    let roots = stats["roots"].as_array().unwrap();
    let counts: Vec<(String, u64)> = roots
        .iter()
        .map(|r| {
            (
                r["name"].as_str().unwrap().to_string(),
                r["reports"].as_u64().unwrap(),
            )
        })
        .collect();
    assert_eq!(counts, [("a".to_string(), 6), ("b".to_string(), 3)]);
    let c = env.run(&["mentions", "--count", "zqmark"]);
    assert_eq!(c.counts(), [("b/only-b.txt".to_string(), 1)]);
    let j = env.run(&["mentions", "--json", "zqmark"]).json_lines();
    assert_eq!(j[0]["path"], "only-b.txt");
    assert_eq!(
        j[0]["root"],
        b.canonicalize().unwrap().to_str().unwrap(),
        "{j:?}"
    );

    // The same relative path in both roots: two reports, and `show` wants
    // the root's name.
    let shared = &rels[0];
    let both = env.run(&["show", shared]);
    assert_eq!(both.code, 2, "{}", both.stdout);
    assert!(both.stderr.contains("several roots"), "{}", both.stderr);
    let in_b = env.run(&["show", "--json", &format!("b/{shared}")]);
    assert_eq!(in_b.code, 0, "{}", in_b.stderr);
    let v = &in_b.json_lines()[0];
    assert_eq!(v["path"], shared.as_str());
    assert_eq!(v["root"], b.canonicalize().unwrap().to_str().unwrap());
    let only = env.run(&["show", "only-b.txt"]);
    assert_eq!(only.code, 0, "{}", only.stderr);
    assert!(
        only.stdout.contains("path:      b/only-b.txt"),
        "{}",
        only.stdout
    );
}

#[test]
fn forgetting_a_root_removes_its_reports_and_nothing_else() {
    let env = Env::new();
    let a = env.dir.path().join("a");
    let b = env.dir.path().join("b");
    copy_sample(&a, 4);
    copy_sample(&b, 3);
    std::fs::write(a.join("mark.txt"), small_report("zqmark")).unwrap();
    assert_eq!(index_dirs(&env, &[&a, &b]).code, 0);
    let r = env.run(&["index", "--forget", a.to_str().unwrap()]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stdout.contains("5 removed"), "{}", r.stdout);
    // The forgotten root's reports are gone; the other's keep their keys.
    assert_eq!(snapshot(&env.index_dir()), clean_snapshot(&[&b]));
    // `index` with no folder updates the remaining root and adds nothing back.
    let again = env.run(&["index"]);
    assert!(again.stdout.contains("0 new"), "{}", again.stdout);
    assert_eq!(snapshot(&env.index_dir()), clean_snapshot(&[&b]));

    let unknown = env.run(&["index", "--forget", a.to_str().unwrap()]);
    assert_eq!(unknown.code, 2);
    assert!(
        unknown.stderr.contains("not a root of this index"),
        "{}",
        unknown.stderr
    );
}

#[test]
fn a_missing_root_keeps_its_reports_until_forgotten() {
    let env = Env::new();
    let a = env.dir.path().join("a");
    let b = env.dir.path().join("b");
    copy_sample(&a, 3);
    copy_sample(&b, 4);
    std::fs::write(b.join("mark.txt"), small_report("zqmark")).unwrap();
    assert_eq!(index_dirs(&env, &[&a, &b]).code, 0);
    let before = snapshot(&env.index_dir());

    // Unmounted: reported, its reports kept.
    let away = env.dir.path().join("b-away");
    std::fs::rename(&b, &away).unwrap();
    let r = env.run(&["index"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(
        r.stderr.contains("root not found") && r.stderr.contains("b"),
        "{}",
        r.stderr
    );
    assert!(r.stdout.contains("0 removed"), "{}", r.stdout);
    let stats = env.run(&["stats", "--json"]).json_lines()[0].clone();
    assert_eq!(stats["roots"][1]["found"], false);
    assert_eq!(stats["roots"][1]["reports"], 5);
    assert_eq!(
        env.run(&["mentions", "--count", "zqmark"]).counts(),
        [("b/mark.txt".to_string(), 1)]
    );

    // Back: nothing to do.
    std::fs::rename(&away, &b).unwrap();
    let r = env.run(&["index"]);
    assert!(
        r.stdout.contains("0 new, 0 changed, 0 removed"),
        "{}",
        r.stdout
    );
    assert_eq!(snapshot(&env.index_dir()), before);

    // Gone for good: forgotten by its path, which no longer exists.
    std::fs::rename(&b, &away).unwrap();
    let r = env.run(&["index", "--forget", b.to_str().unwrap()]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    std::fs::rename(&away, &b).unwrap();
    assert_eq!(snapshot(&env.index_dir()), clean_snapshot(&[&a]));
}

#[test]
fn an_index_of_one_folder_from_before_roots_opens_as_it_is() {
    let env = Env::new();
    copy_sample(&env.reports(), 5);
    env.write("mark.txt", small_report("zqmark"));
    env.index();
    let keys_before = env.run(&["mentions", "--count", "公司"]).stdout;
    // The commit payload as versions with one folder wrote it.
    let meta_path = env.index_dir().join("meta.json");
    let mut meta: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&meta_path).unwrap()).unwrap();
    let mut payload: serde_json::Value =
        serde_json::from_str(meta["payload"].as_str().unwrap()).unwrap();
    let root = env.reports().canonicalize().unwrap();
    let p = payload.as_object_mut().unwrap();
    p.remove("roots");
    p.insert("root".into(), root.to_str().unwrap().into());
    meta["payload"] = payload.to_string().into();
    std::fs::write(&meta_path, meta.to_string()).unwrap();

    let stats = env.run(&["stats", "--json"]);
    assert_eq!(stats.code, 0, "{}", stats.stderr);
    let roots = stats.json_lines()[0]["roots"].clone();
    assert_eq!(roots.as_array().unwrap().len(), 1, "{roots}");
    assert_eq!(roots[0]["path"], root.to_str().unwrap());
    assert_eq!(roots[0]["reports"], 6);
    assert_eq!(
        env.run(&["mentions", "--count", "公司"]).stdout,
        keys_before
    );
    // No rebuild: every report unchanged, under the keys it had.
    let r = env.run(&["index"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(
        r.stdout
            .contains("0 new, 0 changed, 0 removed, 6 unchanged"),
        "{}",
        r.stdout
    );
    assert_eq!(
        snapshot(&env.index_dir()),
        clean_snapshot(&[&env.reports()])
    );
}

#[test]
fn roots_inside_one_another_and_an_index_without_roots_are_refused() {
    let env = Env::new();
    copy_sample(&env.reports(), 2);
    let none = env.run(&["index"]);
    assert_eq!(none.code, 2);
    assert!(
        none.stderr.contains("no folder to index"),
        "{}",
        none.stderr
    );
    env.index();
    let sub = std::fs::read_dir(env.reports())
        .unwrap()
        .filter_map(Result::ok)
        .find(|e| e.path().is_dir())
        .unwrap()
        .path();
    let inner = env.run(&["index", sub.to_str().unwrap()]);
    assert_eq!(inner.code, 2);
    assert!(inner.stderr.contains("inside the root"), "{}", inner.stderr);
    let outer = env.run(&["index", env.dir.path().to_str().unwrap()]);
    assert_eq!(outer.code, 2);
    assert!(outer.stderr.contains("holds the root"), "{}", outer.stderr);
}

/// A long-running reader (a server) sees what later runs commit once it
/// reloads, the folders they add included.
#[test]
fn an_open_index_sees_new_commits_after_reload() {
    let env = Env::new();
    env.write("one.txt", small_report("zqmark"));
    env.index();
    let index = yanbao::Index::open(&env.index_dir()).unwrap();
    let targets = yanbao::query::targets("zqmark", None).unwrap();
    let none = yanbao::Filters::default();
    assert_eq!(index.mention_counts(&targets, &none).unwrap().len(), 1);

    let other = env.dir.path().join("other");
    std::fs::create_dir_all(&other).unwrap();
    std::fs::write(other.join("two.txt"), small_report("zqmark")).unwrap();
    let opts = yanbao::IndexOptions::new(&other);
    yanbao::index(&env.index_dir(), &opts, &yanbao::Silent).unwrap();
    // Still the commit it opened.
    assert_eq!(index.mention_counts(&targets, &none).unwrap().len(), 1);
    index.reload().unwrap();
    let counts = index.mention_counts(&targets, &none).unwrap();
    assert_eq!(counts.len(), 2, "{counts:?}");
    let roots = index.roots();
    assert_eq!(roots.list().len(), 2);
    let shown: Vec<String> = counts.iter().map(|(k, _)| roots.display(k)).collect();
    assert!(shown.contains(&"other/two.txt".to_string()), "{shown:?}");
}
