//! Latin spellings across a space or a hyphen: `search` finds `Mini LED`,
//! `MiniLED` and `Mini-LED` whichever of them is typed (and `iPhone 16`
//! with `iPhone16`); `mentions` stays exact unless `--loose`.

use crate::testenv::{self, Env};
use std::collections::BTreeSet;

const SPACED: &str = "显示面板行业点评\n\n\
苹果新款平板采用Mini LED背光方案，单机背光芯片用量超过一万颗，显示效果接近OLED。\n\n\
我们预计iPhone 16系列将带动供应链拉货，相关厂商四季度营收有望环比改善。\n\n\
风险提示：终端需求不及预期；面板价格波动。\n";

const GLUED: &str = "消费电子周报\n\n\
本周电视品牌发布多款MiniLED新品，背光分区数提升至千级以上，渗透率持续提升。\n\n\
渠道调研显示iPhone16 Pro备货量高于上一代产品，摄像头模组厂商订单饱满。\n\n\
风险提示：宏观经济下行；新品销量不及预期。\n";

const HYPHENATED: &str = "LED芯片行业深度\n\n\
Mini-LED直显与背光双线放量，芯片厂商扩产节奏加快，毛利率有望企稳回升。\n\n\
公司在手订单充足，新建产线预计明年二季度投产，产能利用率维持高位。\n\n\
风险提示：扩产进度不及预期；行业竞争加剧。\n";

fn three_reports() -> Env {
    let env = Env::new();
    env.write("面板/spaced.txt", SPACED);
    env.write("电子/glued.txt", GLUED);
    env.write("芯片/hyphenated.txt", HYPHENATED);
    env.index();
    env
}

/// (path, offset) of every passage `search` returns, and the highlighted
/// strings of each.
fn search(env: &Env, query: &str) -> (BTreeSet<(String, u64)>, BTreeSet<String>) {
    let r = env.run(&[
        "search",
        "--json",
        "-n",
        "1000",
        "--per-report",
        "0",
        "--",
        query,
    ]);
    assert!(r.code == 0 || r.code == 1, "{query}: {}", r.stderr);
    let mut passages = BTreeSet::new();
    let mut highlighted = BTreeSet::new();
    for hit in r.json_lines() {
        passages.insert((
            hit["path"].as_str().unwrap().to_string(),
            hit["offset"].as_u64().unwrap(),
        ));
        let text: Vec<char> = hit["text"].as_str().unwrap().chars().collect();
        for h in hit["highlights"].as_array().unwrap() {
            let (s, e) = (h[0].as_u64().unwrap(), h[1].as_u64().unwrap());
            highlighted.insert(text[s as usize..e as usize].iter().collect());
        }
    }
    (passages, highlighted)
}

fn mention_counts(env: &Env, args: &[&str]) -> Vec<(String, usize)> {
    let mut a = vec!["mentions", "--count"];
    a.extend_from_slice(args);
    let r = env.run(&a);
    assert!(r.code == 0 || r.code == 1, "{args:?}: {}", r.stderr);
    r.counts()
}

fn set(v: &[&str]) -> BTreeSet<String> {
    v.iter().map(|s| s.to_string()).collect()
}

#[test]
fn search_finds_every_spelling_of_mini_led_whichever_is_typed() {
    let env = three_reports();
    let (spaced, marks) = search(&env, "\"Mini LED\"");
    let paths: BTreeSet<&str> = spaced.iter().map(|(p, _)| p.as_str()).collect();
    assert_eq!(
        paths,
        ["电子/glued.txt", "芯片/hyphenated.txt", "面板/spaced.txt"]
            .into_iter()
            .collect(),
    );
    // Each highlight is the spelling the passage writes.
    assert_eq!(marks, set(&["Mini LED", "MiniLED", "Mini-LED"]));
    for typed in [
        "MiniLED",
        "Mini-LED",
        "mini-led",
        "\"mini led\"",
        "ＭｉｎｉＬＥＤ",
    ] {
        let (found, marks) = search(&env, typed);
        assert_eq!(found, spaced, "{typed}");
        assert_eq!(marks, set(&["Mini LED", "MiniLED", "Mini-LED"]), "{typed}");
    }
}

#[test]
fn search_finds_iphone_16_glued_or_spaced() {
    let env = three_reports();
    let (spaced, marks) = search(&env, "\"iPhone 16\"");
    assert_eq!(spaced.len(), 2, "{spaced:?}");
    assert_eq!(marks, set(&["iPhone 16", "iPhone16"]));
    let (glued, marks) = search(&env, "iPhone16");
    assert_eq!(glued, spaced);
    assert_eq!(marks, set(&["iPhone 16", "iPhone16"]));
    // Unquoted, the two words are two terms: the glued spelling holds both.
    let (anded, _) = search(&env, "iPhone 16");
    assert_eq!(anded, spaced);
}

#[test]
fn words_apart_are_no_spelling_and_an_exclusion_folds_too() {
    let env = three_reports();
    // `mini` and `LED` apart in a passage (`照明LED`, `mini产品线`) are no
    // Mini LED, though the unquoted two terms find them.
    env.write(
        "照明/apart.txt",
        "照明行业月报\n\n照明LED芯片价格仍在下行通道，公司mini产品线占比提升将改善产品结构。\n",
    );
    env.index();
    let (found, _) = search(&env, "MiniLED");
    assert!(!found.iter().any(|(p, _)| p.contains("apart")), "{found:?}");
    assert_eq!(found.len(), 3, "{found:?}");
    let (anded, _) = search(&env, "Mini LED");
    assert!(anded.iter().any(|(p, _)| p.contains("apart")), "{anded:?}");
    // Excluding one spelling excludes the others.
    let (left, _) = search(&env, "背光 -MiniLED");
    assert!(left.is_empty(), "{left:?}");
}

#[test]
fn mentions_is_exact_by_default_and_folds_with_loose() {
    let env = three_reports();
    assert_eq!(
        mention_counts(&env, &["MiniLED"]),
        vec![("电子/glued.txt".to_string(), 1)]
    );
    assert_eq!(
        mention_counts(&env, &["Mini LED"]),
        vec![("面板/spaced.txt".to_string(), 1)]
    );
    assert_eq!(mention_counts(&env, &["iPhone16"]).len(), 1);
    let all = vec![
        ("电子/glued.txt".to_string(), 1),
        ("芯片/hyphenated.txt".to_string(), 1),
        ("面板/spaced.txt".to_string(), 1),
    ];
    for typed in ["MiniLED", "Mini LED", "Mini-LED"] {
        assert_eq!(mention_counts(&env, &["--loose", typed]), all, "{typed}");
    }
    assert_eq!(
        mention_counts(&env, &["--loose", "iPhone 16"]),
        vec![
            ("电子/glued.txt".to_string(), 1),
            ("面板/spaced.txt".to_string(), 1),
        ]
    );
    // Each occurrence as the report writes it.
    let r = env.run(&["mentions", "--loose", "--json", "MiniLED"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let matched: BTreeSet<String> = r
        .json_lines()
        .iter()
        .map(|m| m["matched"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(matched, set(&["Mini LED", "MiniLED", "Mini-LED"]));
    // Nothing found is still exit 1.
    let r = env.run(&["mentions", "--loose", "MicroLED"]);
    assert_eq!(r.code, 1, "{}", r.stdout);
}

/// On `../shared/corpora/yanbao`: the three spellings of Mini LED give the
/// same passages, and `mentions --loose` counts exactly the occurrences of
/// all three spellings (a plain count over the normalized text).
#[test]
fn shared_corpus_mini_led_spellings_agree() {
    let Some(dir) = testenv::shared_corpus("yanbao") else {
        eprintln!("skipped: ../shared/corpora/yanbao is absent");
        return;
    };
    let env = Env::new();
    let r = env.run(&["index", dir.to_str().unwrap()]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let sets: Vec<_> = ["\"Mini LED\"", "MiniLED", "Mini-LED"]
        .iter()
        .map(|q| search(&env, q).0)
        .collect();
    assert!(sets[0].len() > 100, "{} passages", sets[0].len());
    assert_eq!(sets[0], sets[1]);
    assert_eq!(sets[0], sets[2]);
    let mut expected = 0;
    for e in walkdir::WalkDir::new(&dir) {
        let e = e.unwrap();
        let p = e.path();
        if e.file_type().is_file() && p.extension().is_some_and(|x| x == "txt" || x == "md") {
            let text =
                yanbao::text::normalize(&String::from_utf8_lossy(&std::fs::read(p).unwrap()));
            expected += ["mini led", "miniled", "mini-led"]
                .iter()
                .map(|v| text.matches(v).count())
                .sum::<usize>();
        }
    }
    let total = |args: &[&str]| -> usize { mention_counts(&env, args).iter().map(|c| c.1).sum() };
    for typed in ["Mini LED", "MiniLED", "Mini-LED"] {
        assert_eq!(total(&["--loose", typed]), expected, "{typed}");
    }
    assert!(total(&["MiniLED"]) < expected);
}

const BURIED: &str = "电子行业周报\n\n\
受益于IntelCPU短缺缓解，笔记本出货量环比回升，品牌厂商备货积极。\n\n\
公司是苹果LCP天线模组主要供应商，毛利率有望随良率提升而改善。\n\n\
某某医疗推出的除颤仪具有RealCPRHelp功能，可以针对心脏骤停患者实时指导按压。\n";

/// Search matches substrings, but a Latin term inside a longer Latin word,
/// at neither edge of it nor of a part of it, is not there for a reader:
/// `LCP` is not in `RealCPRHelp` or `IntelCPU`. `mentions` stays exact.
#[test]
fn search_skips_a_latin_term_buried_in_a_longer_word_mentions_keeps_it() {
    let env = Env::new();
    env.write("电子/buried.txt", BURIED);
    env.index();
    let (passages, highlighted) = search(&env, "LCP");
    assert_eq!(passages.len(), 1, "{passages:?}");
    assert_eq!(highlighted, set(&["LCP"]));
    let (_, highlighted) = search(&env, "CPU");
    assert_eq!(
        highlighted,
        set(&["CPU"]),
        "the capital starts a part of IntelCPU"
    );
    assert_eq!(
        mention_counts(&env, &["LCP"]),
        vec![("电子/buried.txt".to_string(), 3)]
    );
}
