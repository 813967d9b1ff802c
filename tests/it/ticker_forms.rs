//! Every written form of a ticker gives the same answer in `search`,
//! `mentions` and the `--ticker` filter; a code run into the number before
//! it is a mention when evidence follows it; numbers match on digit
//! boundaries.

use crate::testenv::{self, Env};
use std::collections::BTreeSet;

/// The written forms of a canonical ticker (`600519.SH`, `0700.HK`, or a
/// bare code of unknown exchange).
fn forms(canonical: &str) -> Vec<String> {
    let (code, ex) = canonical.split_once('.').unwrap_or((canonical, ""));
    match ex {
        "HK" => {
            let significant = code.trim_start_matches('0');
            let five = format!("{code:0>5}");
            let mut f = vec![
                format!("{code}.HK"),
                format!("{significant}.HK"),
                format!("{five}.HK"),
                format!("HK{code}"),
                format!("{code} HK"),
            ];
            // HKEX's own form; without its leading zero a bare number is
            // not a ticker.
            if five.starts_with('0') {
                f.push(five);
            }
            f
        }
        "" => vec![code.to_string(), format!("({code})"), format!("{code} CH")],
        _ => vec![
            code.to_string(),
            format!("{code}.{ex}"),
            format!("{ex}{code}"),
            format!("({code})"),
            format!("{code} CH"),
        ],
    }
}

/// Exit code and the passages (path, line) of a search.
fn passages(env: &Env, args: &[&str]) -> (i32, BTreeSet<(String, u64)>) {
    let mut all = vec!["search", "--json", "-n", "100000"];
    all.extend_from_slice(args);
    let r = env.run(&all);
    assert!(r.code == 0 || r.code == 1, "{args:?}: {}", r.stderr);
    let set = r
        .json_lines()
        .iter()
        .map(|h| {
            (
                h["path"].as_str().unwrap().to_string(),
                h["line"].as_u64().unwrap(),
            )
        })
        .collect();
    (r.code, set)
}

#[test]
fn every_form_of_every_corpus_ticker_gives_the_same_results() {
    let env = Env::new();
    let r = env.run(&["index", testenv::sample_corpus().to_str().unwrap()]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let listed = env.run(&["tickers", "--json", "-n", "100000"]);
    assert_eq!(listed.code, 0, "{}", listed.stderr);
    let tickers: Vec<String> = listed
        .json_lines()
        .iter()
        .map(|t| t["ticker"].as_str().unwrap().to_string())
        .collect();
    assert!(tickers.len() > 50, "{tickers:?}");
    assert!(tickers.iter().any(|t| t.ends_with(".HK")));
    for canonical in &tickers {
        let forms = forms(canonical);
        let mut first: Option<(String, _)> = None;
        for form in &forms {
            let search = passages(&env, &[form]);
            let counts = env.run(&["mentions", "--count", form]);
            assert_eq!(counts.code, 0, "mentions {form}: {}", counts.stderr);
            // The filter: the same reports' passages of a word most hold.
            let filtered = passages(&env, &["--ticker", form, "公司"]);
            let got = (search, counts.counts(), filtered);
            match &first {
                None => first = Some((form.clone(), got)),
                Some((f0, want)) => assert_eq!(
                    &got, want,
                    "{canonical}: `{form}` answers otherwise than `{f0}`"
                ),
            }
        }
    }
}

#[test]
fn a_code_run_into_the_number_before_it_is_a_mention_when_its_name_or_suffix_follows() {
    let env = Env::new();
    // Rows of a table whose whitespace the extractor stripped.
    env.write(
        "table.txt",
        "重点公司盈利预测表\n\
         870615036128.40300760迈瑞医疗买入3.95\n\
         2021/3/15300760迈瑞医疗:2020年半年度报告\n\
         589.1766.20-300760迈瑞医疗336.00\n\
         4442.1548.50300760.SZ迈瑞医疗3389.35\n\
         20.716.137.85.6002475立讯精密买入54.07\n\
         中颖电子300327CH46.55买入\n\
         600767.SHST运盛-70.29扭亏\n\
         小米集团1810HK索尼6758JP\n",
    );
    // The same digits with no evidence: numbers.
    env.write(
        "numbers.txt",
        "客服电话16005190000，合同编号20200300760，存货128.40300760吨。\n",
    );
    env.index();
    let r = env.run(&["mentions", "--json", "300760"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let found: Vec<(String, String)> = r
        .json_lines()
        .iter()
        .map(|m| {
            (
                m["path"].as_str().unwrap().to_string(),
                m["matched"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    assert_eq!(
        found,
        [
            ("table.txt", "300760"),
            ("table.txt", "300760"),
            ("table.txt", "300760"),
            ("table.txt", "300760.SZ"),
        ]
        .map(|(p, m)| (p.to_string(), m.to_string()))
    );
    // A code runs into the cell after it, too.
    for code in ["002475.SZ", "300327", "600767", "1810.HK"] {
        let r = env.run(&["mentions", "--count", code]);
        assert_eq!(r.counts(), [("table.txt".to_string(), 1)], "{code}");
    }
    // search and the filter see the same mentions.
    let (code, hits) = passages(&env, &["300760"]);
    assert_eq!(code, 0);
    assert!(hits.iter().all(|(p, _)| p == "table.txt"), "{hits:?}");
    let (_, filtered) = passages(&env, &["--ticker", "300760.SZ", "买入"]);
    assert!(!filtered.is_empty());
    assert!(filtered.iter().all(|(p, _)| p == "table.txt"));
    for no in ["600519", "200300", "003007"] {
        assert_eq!(env.run(&["mentions", no]).code, 1, "{no}");
    }
}

#[test]
fn numbers_in_a_query_match_on_digit_boundaries() {
    let env = Env::new();
    env.write("year.txt", "公司预计2025年营收增长两成，净利润同比提升。\n");
    env.write("contract.txt", "公司签下编号120250的合同，金额尚未披露。\n");
    env.write(
        "phone.txt",
        "贵州茅台(600519)公告称，投资者热线16005190000全天开通。\n",
    );
    env.index();
    let search = |q: &str| {
        let r = env.run(&["search", "--json", q]);
        r.json_lines()
            .iter()
            .map(|h| {
                let text: Vec<char> = h["text"].as_str().unwrap().chars().collect();
                let marked: Vec<String> = h["highlights"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|r| {
                        let (s, e) = (r[0].as_u64().unwrap(), r[1].as_u64().unwrap());
                        text[s as usize..e as usize].iter().collect()
                    })
                    .collect();
                (h["path"].as_str().unwrap().to_string(), marked)
            })
            .collect::<Vec<_>>()
    };
    let one = |p: &str, m: &str| vec![(p.to_string(), vec![m.to_string()])];
    assert_eq!(search("2025"), one("year.txt", "2025"));
    assert_eq!(search("2025年"), one("year.txt", "2025年"));
    assert_eq!(search("0250"), vec![]);
    assert_eq!(search("12025"), vec![]);
    assert_eq!(search("120250"), one("contract.txt", "120250"));
    // The code (not inside the phone number), and the company's name it stands for.
    assert_eq!(
        search("600519"),
        vec![(
            "phone.txt".to_string(),
            vec!["贵州茅台".to_string(), "600519".to_string()]
        )]
    );
    assert_eq!(search("00519"), vec![]);
    // `mentions` of a plain number stays grep's answer.
    let r = env.run(&["mentions", "--count", "0250"]);
    assert_eq!(r.counts(), [("contract.txt".to_string(), 1)]);
}

/// On `../shared/corpora/yanbao` (measured with rg: the files where the
/// code is not inside a longer digit run or after a Latin letter, or runs
/// into the number before it with its name or a suffix after it).
#[test]
fn shared_corpus_codes_run_into_numbers_are_found() {
    let Some(corpus) = testenv::shared_corpus("yanbao") else {
        eprintln!("skipped: ../shared/corpora/yanbao is absent");
        return;
    };
    let env = Env::new();
    let r = env.run(&["index", corpus.to_str().unwrap()]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    for (code, files) in [("300760", 59), ("002475", 28)] {
        let r = env.run(&["mentions", "--files", code]);
        assert_eq!(r.code, 0, "{}", r.stderr);
        assert_eq!(r.stdout.lines().count(), files, "{code}:\n{}", r.stdout);
    }
}

/// A ticker also stands for its company's names: reports name the company far more often than
/// they print its code.
#[test]
fn a_ticker_also_finds_the_passages_that_name_its_company() {
    let env = Env::new();
    env.write(
        "白酒点评.txt",
        "白酒行业点评\n\n贵州茅台一季度收入同比增长一成八,直销渠道占比继续提升,批价企稳回升,我们维持对高端白酒的乐观判断。\n",
    );
    env.write(
        "周报.txt",
        "行业周报\n\n本周食品饮料板块上涨,白酒龙头领涨。\n",
    );
    assert_eq!(env.index().code, 0);
    for form in ["600519.SH", "SH600519", "600519"] {
        let r = env.run(&["search", form, "--json"]);
        assert_eq!(r.code, 0, "{form}: {}", r.stderr);
        let hits = r.json_lines();
        assert_eq!(hits.len(), 1, "{form}: {hits:?}");
        assert_eq!(hits[0]["path"], "白酒点评.txt");
        let shown = env.run(&["search", form]);
        assert!(shown.stderr.contains("贵州茅台"), "{}", shown.stderr);
    }
    // `mentions` stays exact: the code alone.
    assert_eq!(env.run(&["mentions", "600519.SH"]).code, 1);
}

/// A Hong Kong code the alias table does not know stands for the name its
/// reports print beside it (in table rows, or before it in brackets); the
/// passage that names the company in prose is then found too.
#[test]
fn an_unknown_hong_kong_code_finds_the_name_its_reports_print_beside_it() {
    let env = Env::new();
    env.write(
        "估值表.txt",
        "港股医药周报\n\n重点公司估值表\n\n1093.HK某某集团13.450.620.720.86买入维持8888.HK甲乙制药9.790.380.550.61买入维持\n",
    );
    env.write(
        "资金流向.txt",
        "港股通资金流向\n\n南向资金净买入前五\n\n8888.HK甲乙制药2,644.451.04%0512.HK丙丁医药-204.00-0.06%\n",
    );
    env.write(
        "推荐.txt",
        "港股创新药策略\n\n我们推荐甲乙制药(8888.HK),核心产品进入医保后放量。\n",
    );
    env.write(
        "点评.txt",
        "创新药点评\n\n甲乙制药的重组蛋白新药通过医保形式审查,我们看好其明年的销售放量与利润修复。\n",
    );
    assert_eq!(env.index().code, 0);
    let r = env.run(&["search", "8888.HK", "--json"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let paths: Vec<String> = r
        .json_lines()
        .iter()
        .filter_map(|h| h["path"].as_str().map(str::to_string))
        .collect();
    assert!(paths.iter().any(|p| p == "点评.txt"), "{paths:?}");
    let shown = env.run(&["search", "8888.HK"]);
    assert!(shown.stderr.contains("甲乙制药"), "{}", shown.stderr);
    // `mentions` stays exact: the code alone.
    let r = env.run(&["mentions", "--files", "8888.HK"]);
    assert_eq!(r.stdout.lines().count(), 3, "{}", r.stdout);
}
