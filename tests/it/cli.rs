//! The foundation through the CLI: indexing, incremental updates, search,
//! JSON shape, exit codes and errors.

use crate::testenv::{self, sample_corpus, Env};

const REPORT_A: &str = "[Table_Title]\n腾讯控股（0700.HK）2024Q3点评：游戏与广告双轮驱动\n\n投资要点\n公司发布三季度业绩，实现收入1,671.93亿元，同比增长8%，\n混元大模型已接入超过700个业务场景，数\n\n学基准测试表现优异。\n\n投资建议\n维持“买入”评级，预计2025年净利润同比增长15%。\n\n风险提示\n监管政策变化；游戏版号发放不及预期。\n";

const REPORT_B: &str = "贵州茅台（600519.SH）年报点评：稳健增长\n\n投资要点\n公司2024年实现营业收入1,741亿元，同比增长15.7%，其中茅台酒收入1,459亿元。我们认为公司渠道改革成效显著，采用DeepSeek-R1模型的智能客服已上线。\n\n风险提示\n宏观经济波动风险；批价下行风险。\n";

fn two_reports() -> Env {
    let env = Env::new();
    env.write("互联网/腾讯.txt", REPORT_A);
    env.write("白酒/茅台 年报.md", REPORT_B);
    env
}

#[test]
fn index_then_search_finds_highlighted_passages() {
    let env = two_reports();
    let r = env.index();
    assert!(
        r.stdout.contains("2 reports in the index: 2 new"),
        "{}",
        r.stdout
    );
    let r = env.run(&["search", "腾讯控股"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    // Line 2: line 1 is a template marker, furniture, not part of the passage.
    assert!(r.stdout.contains("互联网/腾讯.txt:2"), "{}", r.stdout);
    assert!(
        r.stdout
            .contains("腾讯控股（0700.HK）2024Q3点评：游戏与广告双轮驱动\n"),
        "title line: {}",
        r.stdout
    );
    // Colour on demand: the match is wrapped in ANSI codes.
    let r = env.run(&["search", "腾讯控股", "--color", "always"]);
    assert!(
        r.stdout.contains("\x1b[1;31m腾讯控股\x1b[0m"),
        "{}",
        r.stdout
    );
}

#[test]
fn json_lines_have_the_documented_fields() {
    let env = two_reports();
    env.index();
    let r = env.run(&["search", "茅台", "--json"]);
    assert_eq!(r.code, 0);
    let rows = r.json_lines();
    assert!(!rows.is_empty());
    for row in &rows {
        for key in [
            "path",
            "title",
            "line",
            "offset",
            "score",
            "text",
            "highlights",
        ] {
            assert!(row.get(key).is_some(), "missing {key} in {row}");
        }
        let text: Vec<char> = row["text"].as_str().unwrap().chars().collect();
        for h in row["highlights"].as_array().unwrap() {
            let (s, e) = (
                h[0].as_u64().unwrap() as usize,
                h[1].as_u64().unwrap() as usize,
            );
            let marked: String = text[s..e].iter().collect();
            assert_eq!(marked, "茅台", "highlight ranges are characters of text");
        }
    }
    assert_eq!(rows[0]["path"], "白酒/茅台 年报.md");
    assert_eq!(rows[0]["title"], "贵州茅台（600519.SH）年报点评：稳健增长");
}

#[test]
fn line_and_offset_point_into_the_file() {
    let env = two_reports();
    env.index();
    let r = env.run(&["search", "\"监管政策变化\"", "--json"]);
    let rows = r.json_lines();
    assert_eq!(rows.len(), 1);
    let line = rows[0]["line"].as_u64().unwrap() as usize;
    let offset = rows[0]["offset"].as_u64().unwrap() as usize;
    let file_lines: Vec<&str> = REPORT_A.lines().collect();
    assert!(
        file_lines[line - 1].contains("风险提示") || file_lines[line - 1].contains("监管"),
        "line {line}"
    );
    let from_offset: String = REPORT_A.chars().skip(offset).take(4).collect();
    assert_eq!(
        from_offset,
        file_lines[line - 1].chars().take(4).collect::<String>()
    );
}

#[test]
fn matches_across_pdf_line_breaks() {
    let env = two_reports();
    env.index();
    // `数\n\n学基准` in the file.
    let r = env.run(&["search", "数学基准", "--json"]);
    assert_eq!(r.code, 0, "{}", r.stdout);
    assert!(r.json_lines()[0]["text"]
        .as_str()
        .unwrap()
        .contains("数学基准"));
    let r = env.run(&["mentions", "数学基准", "--json"]);
    let m = &r.json_lines()[0];
    assert_eq!(m["matched"], "数\n\n学基准");
    let (line, col) = REPORT_A
        .lines()
        .enumerate()
        .find_map(|(i, l)| l.find("数").map(|b| (i + 1, l[..b].chars().count() + 1)))
        .unwrap();
    assert_eq!(m["line"].as_u64(), Some(line as u64));
    assert_eq!(m["column"].as_u64(), Some(col as u64));
}

#[test]
fn finds_words_jieba_cuts_differently() {
    let env = two_reports();
    env.index();
    // Inside 腾讯控股, across jieba's words; a model name glued to Chinese; a code inside 600519.SH.
    for q in ["讯控", "deepseek-r1模型", "DeepSeek", "600519", "R1模"] {
        let r = env.run(&["search", q]);
        assert_eq!(r.code, 0, "search {q}: {}", r.stdout);
    }
    let r = env.run(&["mentions", "--count", "讯控"]);
    assert_eq!(r.counts(), vec![("互联网/腾讯.txt".to_string(), 1)]);
}

#[test]
fn and_or_not_and_phrases() {
    let env = two_reports();
    env.index();
    let paths = |args: &[&str]| -> Vec<String> {
        let mut a = vec!["search", "--json"];
        a.extend_from_slice(args);
        let mut v: Vec<String> = env
            .run(&a)
            .json_lines()
            .iter()
            .map(|r| r["path"].as_str().unwrap().to_string())
            .collect();
        v.sort();
        v.dedup();
        v
    };
    assert_eq!(paths(&["风险提示", "监管"]), vec!["互联网/腾讯.txt"]);
    assert_eq!(
        paths(&["监管", "OR", "批价"]),
        vec!["互联网/腾讯.txt", "白酒/茅台 年报.md"]
    );
    assert_eq!(paths(&["风险提示", "-监管"]), vec!["白酒/茅台 年报.md"]);
    assert_eq!(paths(&["\"维持“买入”评级\""]), vec!["互联网/腾讯.txt"]);
    let r = env.run(&["search", "风险提示 批价下行 游戏版号"]);
    assert_eq!(r.code, 1, "ANDed terms in no single passage: nothing found");
}

#[test]
fn limit_caps_results_and_word_matches_rank_first() {
    let env = Env::new();
    for i in 0..6 {
        // "产能" as a word in some reports, only inside 生产能力 (a bigram match) in others.
        // The bigram-only passages have it twice: term frequency alone would rank them
        // first, so the order shows the whole-word tier. Distinct texts: passages
        // repeated across reports would be boilerplate.
        let body = if i % 2 == 0 {
            format!("公司{i}号基地扩大产能，工艺改进将于{}年完成。", 2025 + i)
        } else {
            format!("公司{i}号工厂生产能力提升，生产能力第{i}期。")
        };
        env.write(&format!("r{i}.txt"), format!("报告{i}\n\n{body}\n"));
    }
    env.index();
    let r = env.run(&["search", "产能", "--json", "--limit", "2"]);
    let rows = r.json_lines();
    assert_eq!(rows.len(), 2);
    let r = env.run(&["search", "产能", "--json"]);
    let rows = r.json_lines();
    assert_eq!(rows.len(), 6);
    let word_match: Vec<bool> = rows
        .iter()
        .map(|r| r["text"].as_str().unwrap().contains("扩大产能"))
        .collect();
    assert_eq!(
        word_match,
        vec![true, true, true, false, false, false],
        "word matches rank above bigram-only ones"
    );
}

#[test]
fn incremental_reindex_adds_changes_and_deletes() {
    let env = two_reports();
    env.index();
    // Unchanged run.
    let r = env.index();
    assert!(
        r.stdout
            .contains("0 new, 0 changed, 0 removed, 2 unchanged"),
        "{}",
        r.stdout
    );
    // Add, change, delete.
    env.write(
        "新/宁德时代.txt",
        "宁德时代（300750.SZ）点评\n\n固态电池产业化加速。\n",
    );
    std::thread::sleep(std::time::Duration::from_millis(20));
    env.write(
        "互联网/腾讯.txt",
        REPORT_A.replace("混元大模型", "元宝助手"),
    );
    std::fs::remove_file(env.reports().join("白酒/茅台 年报.md")).unwrap();
    let r = env.index();
    assert!(
        r.stdout
            .contains("1 new, 1 changed, 1 removed, 0 unchanged"),
        "{}",
        r.stdout
    );
    assert_eq!(env.run(&["search", "固态电池"]).code, 0);
    assert_eq!(env.run(&["search", "元宝助手"]).code, 0);
    assert_eq!(
        env.run(&["search", "混元大模型"]).code,
        1,
        "old text of a changed file is gone"
    );
    assert_eq!(env.run(&["search", "茅台"]).code, 1, "deleted file is gone");
    assert_eq!(
        env.run(&["mentions", "--count", "腾讯"]).counts().len(),
        1,
        "no duplicate of the changed file"
    );
    let stats = &env.run(&["stats", "--json"]).json_lines()[0];
    assert_eq!(stats["reports"], 2);
}

#[test]
fn hidden_entries_and_the_index_folder_are_skipped() {
    let env = two_reports();
    env.write(".hidden/秘密.txt", "秘密内容不应被索引。");
    env.write(".秘密.txt", "秘密内容不应被索引。");
    env.write("notes.csv", "秘密内容");
    // An index inside the indexed folder.
    let inside = env.reports().join("idx");
    let yanbao = |args: &[&str]| {
        std::process::Command::new(testenv::bin())
            .arg("--index")
            .arg(&inside)
            .args(args)
            .output()
            .unwrap()
    };
    assert!(yanbao(&["index", env.reports().to_str().unwrap()])
        .status
        .success());
    let again = yanbao(&["index", env.reports().to_str().unwrap()]);
    assert!(
        String::from_utf8_lossy(&again.stdout).contains("2 reports in the index"),
        "index folder not indexed"
    );
    let r = yanbao(&["search", "秘密"]);
    assert_eq!(r.status.code(), Some(1));
}

#[test]
fn index_location_from_environment() {
    let env = two_reports();
    let idx = env.dir.path().join("from-env");
    let mut c = std::process::Command::new(testenv::bin());
    c.env("YANBAO_INDEX", &idx)
        .args(["index", env.reports().to_str().unwrap()]);
    assert!(c.output().unwrap().status.success());
    assert!(idx.join("meta.json").exists());
    let mut c = std::process::Command::new(testenv::bin());
    let out = c
        .env("YANBAO_INDEX", &idx)
        .args(["search", "茅台"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
}

#[test]
fn default_index_is_dot_yanbao_in_the_current_directory() {
    let env = two_reports();
    let out = std::process::Command::new(testenv::bin())
        .current_dir(env.dir.path())
        .env_remove("YANBAO_INDEX")
        .args(["index", "reports"])
        .output()
        .unwrap();
    assert!(out.status.success());
    assert!(env.dir.path().join(".yanbao").join("meta.json").exists());
}

#[test]
fn stats_json_has_the_documented_keys() {
    let env = two_reports();
    env.index();
    let r = env.run(&["stats", "--json"]);
    assert_eq!(r.code, 0);
    let s = &r.json_lines()[0];
    assert_eq!(s["reports"], 2);
    assert!(s["passages"].as_u64().unwrap() >= 4);
    assert!(s["index_bytes"].as_u64().unwrap() > 0);
    assert_eq!(
        s["corpus_bytes"].as_u64().unwrap() as usize,
        REPORT_A.len() + REPORT_B.len()
    );
    assert!(s["indexed_at"].as_str().unwrap().ends_with('Z'));
}

#[test]
fn errors_exit_2_with_one_line() {
    let env = two_reports();
    let check = |args: &[&str], needle: &str| {
        let r = env.run(args);
        assert_eq!(r.code, 2, "{args:?}: {}", r.stderr);
        assert!(r.stderr.contains(needle), "{args:?}: {}", r.stderr);
        assert!(!r.stderr.contains("panicked"));
    };
    check(&["search", "腾讯"], "no index");
    check(&["mentions", "腾讯"], "no index");
    check(&["stats"], "no index");
    check(&["index", "/no/such/dir"], "no such directory");
    check(&["frobnicate"], "unrecognized subcommand");
    check(&["search", "--bogus", "x"], "unexpected argument");
    env.index();
    check(&["search", ""], "empty query");
    check(&["search", "\"未闭合"], "unbalanced quote");
    check(&["search", "a", "OR"], "OR");
    check(&["search", "-风险"], "only excludes");
    check(&["mentions", " "], "empty term");
    let r = env.run(&["search", "不存在的词语组合"]);
    assert_eq!(r.code, 1);
    assert!(r.stdout.is_empty());
}

#[test]
fn mentions_count_matches_a_plain_normalize_and_count() {
    let env = Env::new();
    let idx = env.index_dir();
    let corpus = sample_corpus();
    let r = env
        .cmd()
        .args(["index", corpus.to_str().unwrap()])
        .output()
        .unwrap();
    assert!(r.status.success());
    let files = reference_texts(&corpus);
    let mut terms: Vec<String> = [
        "风险",
        "投资建议",
        "DeepSeek-R1",
        "。",
        "增长",
        "%",
        "，同比",
        "腾讯控股",
        "H20",
        "评级",
        "的",
        "股",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    // Substrings drawn from the texts themselves, deterministic.
    let texts: Vec<&str> = files.iter().map(|(_, t)| t.as_str()).collect();
    terms.extend(testenv::random_substrings(
        &texts,
        0x9E37_79B9_7F4A_7C15,
        &[1, 2, 3, 4, 6, 10, 20, 30, 45],
        108,
        |_| true,
    ));
    for term in &terms {
        let norm = yanbao::text::normalize(term);
        let norm = norm.trim();
        let mut expected: Vec<(String, usize)> = files
            .iter()
            .map(|(p, t)| (p.clone(), t.matches(norm).count()))
            .filter(|(_, c)| *c > 0)
            .collect();
        expected.sort();
        let out = std::process::Command::new(testenv::bin())
            .args([
                "--index",
                idx.to_str().unwrap(),
                "mentions",
                "--count",
                "--",
                term,
            ])
            .output()
            .unwrap();
        let got: Vec<(String, usize)> = String::from_utf8_lossy(&out.stdout)
            .lines()
            .map(|l| {
                let (p, c) = l.rsplit_once('\t').unwrap();
                (p.to_string(), c.parse().unwrap())
            })
            .collect();
        if yanbao::report::parse_ticker_query(norm).is_some() {
            continue; // ticker semantics, tested separately
        }
        assert_eq!(got, expected, "term {term:?}");
    }
}

/// (relative path, normalized text) of every report below `root`.
fn reference_texts(root: &std::path::Path) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for e in walkdir::WalkDir::new(root) {
        let e = e.unwrap();
        let p = e.path();
        if e.file_type().is_file() && p.extension().is_some_and(|x| x == "txt" || x == "md") {
            let rel = p
                .strip_prefix(root)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/");
            let text = String::from_utf8_lossy(&std::fs::read(p).unwrap()).into_owned();
            out.push((rel, yanbao::text::normalize(&text)));
        }
    }
    out.sort();
    out
}

#[test]
fn readme_first_command_works_on_the_sample_corpus() {
    let env = Env::new();
    let r = env
        .cmd()
        .args(["index", sample_corpus().to_str().unwrap()])
        .output()
        .unwrap();
    assert!(r.status.success());
    let r = env.run(&["search", "DeepSeek-R1", "推理成本"]);
    assert_eq!(r.code, 0);
    assert!(r.stdout.contains("DeepSeek-R1"));
}

/// A sentence's first occurrence is not indexed (only its later ones
/// count, see `seen`): the set of sentences met is kept with the index, so
/// a disclaimer added one report per `index` run is still recognized.
/// Only legal text is hidden (the disclaimer has its heading here); a
/// report's own text that recurs is folded instead.
#[test]
fn boilerplate_added_one_report_per_run_is_still_recognized() {
    let env = Env::new();
    let disclaimer = "本报告仅供本公司客户使用，本公司不会因接收人收到本报告而视其为客户。\
                      本报告的信息均来源于公开资料，本公司对这些信息的准确性和完整性不作任何保证。";
    for i in 0..5 {
        // Long enough to stand alone as a passage (short ones are joined).
        let own = format!(
            "第{i}号工厂扩产，预计新增收入{}亿元，毛利率提升{i}个百分点。",
            10 + i
        )
        .repeat(4);
        env.write(
            &format!("r{i}.txt"),
            format!("报告{i}\n\n{own}\n\n免责声明\n{disclaimer}\n"),
        );
        let r = env.index();
        assert_eq!(r.code, 0, "{}", r.stderr);
    }
    let shown = env.run(&[
        "search",
        "不会因接收人收到本报告",
        "--boilerplate",
        "--json",
    ]);
    // One hit: the copies in the other four reports are folded into it.
    let hits = shown.json_lines();
    assert_eq!(hits.len(), 1, "{}", shown.stdout);
    assert_eq!(
        hits[0]["also"].as_array().map(Vec::len),
        Some(4),
        "{}",
        shown.stdout
    );
    let default = env.run(&["search", "不会因接收人收到本报告", "--json"]);
    assert_eq!(default.code, 1, "hidden as boilerplate: {}", default.stdout);
    // The reports' own text is not boilerplate: shown, its copies (the same
    // words with other figures) folded into it rather than hidden.
    let own = env.run(&["search", "号工厂扩产", "--json"]);
    let hits = own.json_lines();
    assert_eq!(hits.len(), 1, "{}", own.stdout);
    assert_eq!(hits[0]["also"].as_array().map(Vec::len), Some(4));
}

#[test]
fn a_damaged_set_of_sentences_met_is_a_warning_not_a_failure() {
    let env = Env::new();
    env.write(
        "a.txt",
        "报告一\n\n公司营收同比增长两成，毛利率继续提升。\n",
    );
    env.index();
    let seen = env.index_dir().join("sentences.seen");
    assert!(seen.exists(), "kept in the index folder");
    std::fs::write(&seen, [0xFF, 0xFF, 0xFF]).unwrap();
    env.write("b.txt", "报告二\n\n新品放量带动收入增长，费用率下降。\n");
    let r = env.index();
    assert!(
        r.stderr.contains("sentences.seen: damaged"),
        "warning names the file: {}",
        r.stderr
    );
    assert_eq!(env.run(&["search", "新品放量"]).code, 0);
}

/// `show --text` prints the reading text: the passages in order under
/// their sections' names, template markers left out, a word broken by a
/// PDF line break whole.
#[test]
fn show_text_prints_the_reading_text_by_section() {
    let env = two_reports();
    env.index();
    let r = env.run(&["show", "互联网/腾讯.txt", "--text"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let risk = r.stdout.find("── risk ──").expect(&r.stdout);
    let advice = r.stdout.find("── advice ──").expect(&r.stdout);
    assert!(advice < risk, "{}", r.stdout);
    assert!(r.stdout[risk..].contains("监管政策变化"), "{}", r.stdout);
    assert!(!r.stdout.contains("[Table_Title]"), "{}", r.stdout);
    let r = env.run(&["show", "互联网/腾讯.txt", "--json", "--text"]);
    let v: serde_json::Value = serde_json::from_str(r.stdout.trim()).unwrap();
    let text = v["text"].as_array().expect("text");
    assert!(text
        .iter()
        .any(|p| p["section"] == "risk"
            && p["text"].as_str().is_some_and(|t| t.contains("游戏版号"))));
}

/// The reading text: a footer printed on every page is left out of what
/// `search` shows, and a sentence the page break cut is joined again, its
/// quotes and all; `mentions` still finds every footer (the exact text).
#[test]
fn search_shows_a_sentence_cut_by_a_page_footer_whole() {
    let env = Env::new();
    let footer = "华安证券研究所请务必阅读正文之后的免责声明";
    let filler =
        "公司持续加大研发投入，产品结构不断优化，海外收入占比稳步提升，盈利能力保持行业领先水平。"
            .repeat(4);
    let text = format!(
        "AI行业点评\n\n{filler}\n我们认为，推理成本的大幅\n{footer}1/3\n下降将推动大模型从“能力竞赛”进入“应用普及”阶段。{filler}\n{footer}2/3\n{filler}\n{footer}3/3\n"
    );
    env.write("ai.txt", text);
    env.index();
    let r = env.run(&["search", "推理成本", "--json"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let hit = &r.json_lines()[0];
    let shown = hit["text"].as_str().unwrap();
    assert!(
        shown.contains("推理成本的大幅下降将推动大模型从“能力竞赛”进入“应用普及”阶段。"),
        "{shown}"
    );
    assert!(!shown.contains("请务必阅读"), "{shown}");
    let r = env.run(&["mentions", "--count", footer]);
    assert_eq!(r.counts(), vec![("ai.txt".to_string(), 3)]);
}

/// A risk list that ends a page without a full stop does not read on
/// into the next page's analyst profiles: a section that opens after the
/// break opens with its heading.
#[test]
fn search_does_not_join_a_risk_list_to_the_next_sections_heading() {
    let env = Env::new();
    let footer = "本公司具备证券投资咨询业务资格，请务必阅读最后一页免责声明";
    let filler =
        "医疗器械行业受益于国产替代与基层扩容，龙头企业研发投入持续加大，产品线不断丰富，海外收入占比稳步提升。"
            .repeat(6);
    let text = format!(
        "医疗器械行业专题\n\n{filler}\n{footer}18\n{filler}\n风险提示⚫行业政策变动风险：若集采范围继续扩大，产品价格可能进一步下降，影响公司盈利能力⚫研发进度、市场推广不及预期风险⚫商誉减值风险⚫产品质量风险\n{footer}19\n分析师与研究助理简介张三，博士，医药行业首席分析师，毕业于某某大学药学院，6年医药行研从业经验，2019年1月加入某某证券。\n{footer}20\n公司评级标准投资评级说明以报告发布日后的12个月内公司股价的涨跌幅为基准。\n"
    );
    env.write("qx.txt", text);
    env.index();
    let r = env.run(&["search", "产品质量风险", "--json", "--all"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let hit = r
        .json_lines()
        .into_iter()
        .find(|h| h["section"] == "risk")
        .expect("the risk list is a hit");
    let shown = hit["text"].as_str().unwrap();
    assert!(shown.ends_with("产品质量风险"), "{shown}");
}
