//! Ranking an analyst trusts: a report about the query first, at most two
//! passages per report, copies once, and a report that holds every term
//! in different passages rather than no answer.

use crate::testenv::Env;
use serde_json::Value;

/// Sentences that make a paragraph long enough to be a passage of its
/// own (over 120 characters); each paragraph takes different ones, so
/// that no two read nearly the same.
const FILLERS: [&str; 6] = [
    "行业需求保持稳健增长，公司产品结构持续优化，高附加值产品占比提升带动毛利率改善，费用率在规模效应下稳中有降。",
    "经营性现金流保持充裕，资本开支节奏与产能规划相匹配，海外客户认证陆续通过，新产能爬坡顺利推进。",
    "管理层换届平稳完成，股权激励覆盖核心技术骨干，研发投入占收入比重连续三年提升，专利储备位居行业前列。",
    "渠道库存回到健康水平，经销商信心恢复，终端动销数据环比改善，旺季备货节奏好于去年同期表现。",
    "原材料价格自高位回落，长协采购比例提高平滑了成本波动，叠加产品提价落地，单位盈利有望继续修复。",
    "海外子公司完成本地化生产布局，关税影响可控，汇兑损益对利润的拖累较上年明显收窄，全年业绩确定性较强。",
];

/// A paragraph of its own, saying `lead` first.
fn paragraph(lead: &str, n: usize) -> String {
    // Two paragraphs share fillers, but never a clause with its number: a
    // long sentence read before folds a passage into the one shown.
    let own = |f: &str| f.replace('，', &format!("，第{n}段"));
    let a = own(FILLERS[n % FILLERS.len()]);
    let b = own(FILLERS[(n + 1) % FILLERS.len()]);
    let c = own(FILLERS[(n + 3) % FILLERS.len()]);
    format!("{lead}。{a}{b}{c}")
}

/// A chart's residue whose axis title is 国产化率: the term stands in a
/// table passage only.
const CHART_RESIDUE: &str = "国产化率(%)2028202920302031湿电子化学品20%25%30%35%靶材15%20%25%30%电子特气10%12%15%18%资料来源：某某研究";

fn report(title: &str, date: &str, paragraphs: &[String]) -> String {
    format!(
        "{title}\n\n证券研究报告 {date}\n\n{}\n",
        paragraphs.join("\n\n")
    )
}

fn search(env: &Env, args: &[&str]) -> (i32, Vec<Value>) {
    let mut all = vec!["search", "--json"];
    all.extend(args);
    let r = env.run(&all);
    assert!(r.code == 0 || r.code == 1, "{args:?}: {}", r.stderr);
    (r.code, r.json_lines())
}

fn paths(rows: &[Value]) -> Vec<&str> {
    rows.iter().filter_map(|r| r["path"].as_str()).collect()
}

#[test]
fn a_report_about_the_company_ranks_above_one_that_mentions_it_often() {
    let env = Env::new();
    env.write(
        "宁德时代（300750）：储能业务加速放量.txt",
        report(
            "宁德时代（300750）：储能业务加速放量",
            "2024年10月20日",
            &[
                paragraph("公司前三季度营业收入同比下降，归母净利润同比增长", 1),
                paragraph("储能业务出货量大幅增长", 2),
                paragraph("宁德时代发布神行电池二代，快充性能再提升", 3),
            ],
        ),
    );
    env.write(
        "行业/电力设备行业周报.txt",
        report(
            "电力设备行业周报：锂电排产环比提升",
            "2024年10月21日",
            &[
                paragraph("光伏板块本周价格继续下跌，硅料库存高企", 1),
                paragraph("风电板块海上风电招标提速", 2),
                paragraph(
                    "锂电排产环比提升，宁德时代、比亚迪排产均有增长，宁德时代的麒麟电池装车量增加，宁德时代仍是核心",
                    3,
                ),
            ],
        ),
    );
    env.index();
    let (_, rows) = search(&env, &["宁德时代"]);
    assert_eq!(
        paths(&rows).first().copied(),
        Some("宁德时代（300750）：储能业务加速放量.txt"),
        "{rows:#?}"
    );
}

#[test]
fn one_report_speaks_at_most_twice_unless_told_otherwise() {
    let env = Env::new();
    let many: Vec<String> = (1..=5)
        .map(|i| paragraph(&format!("光模块需求第{i}次上修"), i))
        .collect();
    env.write(
        "a.txt",
        report("光模块深度报告：需求上修", "2024年3月1日", &many),
    );
    env.write(
        "b.txt",
        report(
            "通信行业周报",
            "2024年3月2日",
            &[paragraph("本周光模块板块上涨", 1)],
        ),
    );
    env.index();
    let count = |rows: &[Value], p: &str| paths(rows).iter().filter(|x| **x == p).count();

    let (code, rows) = search(&env, &["光模块"]);
    assert_eq!(code, 0);
    assert_eq!(count(&rows, "a.txt"), 2, "{rows:#?}");
    assert_eq!(count(&rows, "b.txt"), 1);
    let told: u64 = rows
        .iter()
        .filter(|r| r["path"] == "a.txt")
        .filter_map(|r| r["more"].as_u64())
        .sum();
    assert_eq!(told, 3, "a.txt has 5 matching passages, 2 shown");

    let (_, rows) = search(&env, &["光模块", "--per-report", "0"]);
    assert_eq!(count(&rows, "a.txt"), 5);
    let (_, rows) = search(&env, &["光模块", "--per-report", "1"]);
    assert_eq!(count(&rows, "a.txt"), 1);

    let r = env.run(&["search", "光模块", "--group", "report"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let lines: Vec<&str> = r.stdout.lines().filter(|l| !l.is_empty()).collect();
    assert_eq!(lines.len(), 2, "one line per report: {}", r.stdout);
    assert!(lines
        .iter()
        .any(|l| l.starts_with("a.txt:") && l.contains("+4 more")));
    let human = env.run(&["search", "光模块"]);
    assert!(
        human.stdout.contains("+3 more in this report"),
        "{}",
        human.stdout
    );
}

#[test]
fn copies_of_a_report_are_shown_once_and_never_hidden_as_boilerplate() {
    let env = Env::new();
    let text = report(
        "腾讯控股：视频号广告加速变现",
        "2024年11月14日",
        &[
            paragraph("视频号广告加载率提升，带动广告收入增长", 1),
            paragraph("游戏业务新品表现亮眼", 2),
        ],
    );
    for dir in ["下载", "归档", "团队"] {
        env.write(&format!("{dir}/腾讯控股.txt"), &text);
    }
    env.index();
    let (code, rows) = search(&env, &["视频号", "广告"]);
    assert_eq!(code, 0, "a report's own text is never hidden");
    assert_eq!(rows.len(), 1, "{rows:#?}");
    let also: Vec<&str> = rows[0]["also"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(Value::as_str)
        .collect();
    assert_eq!(also.len(), 2, "{rows:#?}");
    // Terms in different passages: one report-level answer for the three
    // copies, not three.
    let (code, rows) = search(&env, &["加载率", "新品"]);
    assert_eq!(code, 0);
    let reports: std::collections::BTreeSet<&str> = paths(&rows).into_iter().collect();
    assert_eq!(reports.len(), 1, "{rows:#?}");
    assert!(rows.iter().all(|r| r["match"] == "report"));
    // The copies are named, not dropped.
    assert_eq!(rows[0]["also"].as_array().unwrap().len(), 2, "{rows:#?}");
}

#[test]
fn a_report_level_answer_shows_no_table_when_prose_answered() {
    let env = Env::new();
    env.write(
        "prose.txt",
        report(
            "半导体材料专题",
            "2031年2月26日",
            &[paragraph(
                "光刻胶国产化率仍不足一成，验证周期长，进口替代空间广阔",
                1,
            )],
        ),
    );
    // 国产化率 only in a chart's residue, 光刻胶 in prose.
    env.write(
        "table.txt",
        report(
            "电子材料周报",
            "2031年3月1日",
            &[
                paragraph("光刻胶验证进展顺利，多家晶圆厂导入", 2),
                CHART_RESIDUE.to_string(),
                paragraph("封装材料需求回暖", 3),
            ],
        ),
    );
    env.index();
    let shown = env.run(&["show", "--text", "table.txt"]);
    assert!(
        shown.stdout.contains("[table] 国产化率"),
        "{}",
        shown.stdout
    );
    let (code, rows) = search(&env, &["光刻胶", "国产化率"]);
    assert_eq!(code, 0);
    assert_eq!(rows[0]["path"], "prose.txt", "{rows:#?}");
    assert!(
        rows.iter().all(|r| r["layout"] != "table"),
        "a table answers only when no prose does: {rows:#?}"
    );
}

#[test]
fn a_report_level_answer_is_never_a_banner_that_restates_the_title() {
    let env = Env::new();
    // 风险 only in the front page's banner (`风险评级：中风险`).
    env.write(
        "半导体材料.txt",
        format!(
            "半导体材料空间广阔，国产替代迫在眉睫\n\n电子行业推荐（首次）风险评级：中风险半导体材料空间广阔，国产替代迫在眉睫2031年2月26日\n\n{}{}\n\n{}\n",
            // Too long to join the banner.
            paragraph("半导体关键原材料供应关乎集成电路产业安全，国产替代迫在眉睫", 1),
            paragraph("海外龙头垄断格局短期难以改变", 4),
            paragraph("光刻胶验证进展顺利，多家晶圆厂导入", 2),
        ),
    );
    env.index();
    let shown = env.run(&["show", "--json", "半导体材料.txt"]);
    assert!(
        shown.stdout.contains("半导体材料空间广阔"),
        "{}",
        shown.stdout
    );
    let (_, rows) = search(&env, &["原材料供应", "风险"]);
    assert!(
        rows.iter()
            .all(|r| !r["text"].as_str().unwrap_or("").contains("风险评级")),
        "{rows:#?}"
    );
}

#[test]
fn terms_in_different_passages_of_one_report_answer_at_report_level() {
    let env = Env::new();
    env.write(
        "半导体材料.txt",
        report(
            "半导体材料专题",
            "2021年2月26日",
            &[
                paragraph("光刻胶是半导体材料中壁垒最高的环节之一", 1),
                paragraph("湿电子化学品需求稳步增长", 2),
                paragraph("靶材领域国内企业已进入主流晶圆厂供应链", 3),
                paragraph("整体来看国产化率仍不足两成，提升空间广阔", 4),
            ],
        ),
    );
    env.write(
        "other.txt",
        report(
            "电子行业周报",
            "2021年3月1日",
            &[paragraph("消费电子需求回暖", 1)],
        ),
    );
    // Here 国产化率 stands only in the legal text: not this report's word.
    env.write(
        "legal.txt",
        format!(
            "{}\n\n免责声明\n\n本报告仅供本公司客户使用。本报告所载的国产化率等数据均来自公开资料，\
             本公司对这些信息的准确性和完整性不作任何保证，报告中的信息或所表述的意见并不构成对任何人的投资建议。\n",
            report(
                "光刻胶周报",
                "2021年3月2日",
                &[paragraph("光刻胶验证进展顺利", 1)],
            )
        ),
    );
    env.index();
    let shown = env.run(&["show", "--json", "legal.txt"]);
    assert!(shown.stdout.contains("disclaimer"), "{}", shown.stdout);
    let (code, rows) = search(&env, &["光刻胶", "国产化率"]);
    assert_eq!(code, 0, "the report holds both terms");
    assert_eq!(rows.len(), 2, "each term's best passage: {rows:#?}");
    assert!(rows.iter().all(|r| r["match"] == "report"));
    assert!(rows.iter().all(|r| r["path"] == "半导体材料.txt"));
    let texts: String = rows.iter().filter_map(|r| r["text"].as_str()).collect();
    assert!(texts.contains("光刻胶") && texts.contains("国产化率"));

    let human = env.run(&["search", "光刻胶", "国产化率"]);
    assert_eq!(human.code, 0);
    assert!(
        human.stdout.contains("No single passage has all the terms"),
        "{}",
        human.stdout
    );
    // Still nothing when no report has them all.
    let none = env.run(&["search", "光刻胶", "消费电子"]);
    assert_eq!(none.code, 1, "{}", none.stdout);
}

#[test]
fn a_query_about_risk_prefers_the_risk_section() {
    let env = Env::new();
    env.write(
        "出口.txt",
        report(
            "家电出口专题",
            "2024年5月1日",
            &[
                paragraph(
                    "海外收入占比提升后，汇率风险敞口随之扩大，公司通过远期结汇管理汇率风险，汇兑损益波动收窄",
                    1,
                ),
                "风险提示\n\n汇率风险：公司海外收入占比超过六成，人民币大幅升值将带来汇兑损失；\
                 原材料价格上涨风险：铜、铝等大宗商品价格上涨将压缩毛利率；\
                 海外需求不及预期风险：欧美地产周期下行可能拖累需求；贸易摩擦加剧风险。"
                    .to_string(),
            ],
        ),
    );
    env.index();
    let (_, rows) = search(&env, &["汇率风险", "--per-report", "0"]);
    assert_eq!(
        rows.first().map(|r| &r["section"]),
        Some(&Value::from("risk")),
        "{rows:#?}"
    );
}

#[test]
fn a_report_titled_after_one_term_answers_the_other_in_any_passage() {
    let env = Env::new();
    env.write(
        "宁德时代（300750）：储能业务加速放量.txt",
        report(
            "宁德时代（300750）：储能业务加速放量",
            "2024年10月20日",
            &[
                paragraph("储能业务出货量大幅增长", 1),
                paragraph("公司发布神行电池二代，快充性能再提升", 2),
            ],
        ),
    );
    env.write(
        "周报.txt",
        report(
            "电力设备行业周报",
            "2024年10月21日",
            &[paragraph("神行电池装车量环比增长", 1)],
        ),
    );
    env.index();
    let (code, rows) = search(&env, &["宁德时代", "神行电池"]);
    assert_eq!(code, 0);
    let first = rows.first().expect("a passage");
    assert_eq!(first["path"], "宁德时代（300750）：储能业务加速放量.txt");
    assert_eq!(first["match"], "passage");
    assert!(first["text"].as_str().unwrap().contains("神行电池"));
    // The weekly, not about 宁德时代, does not answer for it.
    assert!(paths(&rows).iter().all(|p| *p != "周报.txt"), "{rows:#?}");
}

#[test]
fn a_report_titled_after_the_query_speaks_even_when_it_says_the_company() {
    let env = Env::new();
    env.write(
        "腾讯控股(0700.HK)2024Q3业绩点评.txt",
        report(
            "游戏与广告双轮驱动，利润率继续扩张",
            "2024年11月14日",
            &[
                format!(
                    "投资要点\n\n{}",
                    paragraph("公司三季度收入同比增长8%，广告收入增长17%", 1)
                ),
                paragraph("游戏：本土与海外同步增长，新游戏贡献增量", 2),
            ],
        ),
    );
    env.write(
        "策略.txt",
        report(
            "港股互联网行业策略",
            "2024年12月1日",
            &[paragraph(
                "推荐腾讯控股、阿里巴巴、美团，看好平台的股东回报",
                1,
            )],
        ),
    );
    env.index();
    let (code, rows) = search(&env, &["腾讯控股"]);
    assert_eq!(code, 0);
    assert_eq!(rows.len(), 2, "{rows:#?}");
    assert_eq!(rows[0]["path"], "腾讯控股(0700.HK)2024Q3业绩点评.txt");
    assert_eq!(rows[0]["match"], "title");
    assert_eq!(rows[0]["section"], "summary");
    assert_eq!(rows[1]["path"], "策略.txt");
    assert_eq!(rows[1]["match"], "passage");
}

#[test]
fn a_titled_voice_is_never_a_rating_scale_printed_as_body_text() {
    let env = Env::new();
    // Named after the company by its file only: the title speaks for it.
    let scale = "公司评级买入未来6-12个月的投资收益率领先市场基准指数15%以上；增持未来6-12个月的投资收益率领先市场基准指数5%至15%；中性未来6-12个月的投资收益率与市场基准指数的变动幅度相差-5%至5%；减持未来6-12个月的投资收益率落后市场基准指数5%至15%；卖出未来6-12个月的投资收益率落后市场基准指数15%以上。";
    env.write(
        "东湖微电深度报告.txt",
        report(
            "需求向好和供给受限，高景气驱动涨价潮",
            "2031年3月8日",
            &[
                paragraph("功率器件交期拉长，供需持续偏紧", 1),
                paragraph("八英寸晶圆产能紧张，代工价格继续上调", 2),
                // The first passage past the report's head.
                scale.to_string(),
                paragraph("国产厂商份额提升，盈利能力有望改善", 3),
            ],
        ),
    );
    env.index();
    let (code, rows) = search(&env, &["东湖微电"]);
    assert_eq!(code, 0);
    assert_eq!(rows.len(), 1, "{rows:#?}");
    assert_eq!(rows[0]["match"], "title", "{rows:#?}");
    let text = rows[0]["text"].as_str().unwrap();
    assert!(!text.contains("未来6-12个月"), "{text}");
}

#[test]
fn a_titled_voice_is_a_passage_of_the_report_highlighted_never_an_empty_line() {
    let env = Env::new();
    // A news item: one short passage under a 【title】; its report document
    // carries the same report id and no text.
    env.write(
        "快讯.txt",
        "【华兰生物：四价流感疫苗批签发获批】10月9日，公司公告四价流感疫苗获得批签发，预计今年流感季供应充足。\n",
    );
    let parts: Vec<String> = (1..8)
        .map(|i| paragraph(&format!("华兰生物第{i}部分：华兰生物血制品业务增长"), i))
        .collect();
    env.write(
        "华兰生物深度报告：血制品与疫苗双轮驱动.txt",
        report(
            "华兰生物深度报告：血制品与疫苗双轮驱动",
            "2024年10月8日",
            &parts,
        ),
    );
    env.write(
        "行业周报.txt",
        report(
            "医药行业周报",
            "2024年10月12日",
            &["本周华兰生物、天坛生物、华兰生物疫苗、博雅生物涨幅居前，华兰生物成交额放大，华兰生物获北向资金增持".to_string()],
        ),
    );
    env.index();
    let (code, rows) = search(&env, &["-n", "3", "华兰生物"]);
    assert_eq!(code, 0);
    let voice = rows
        .iter()
        .find(|r| r["path"] == "快讯.txt")
        .unwrap_or_else(|| panic!("the news item titled 华兰生物 speaks: {rows:#?}"));
    assert_eq!(voice["match"], "title", "{rows:#?}");
    let text = voice["text"].as_str().unwrap();
    assert!(text.contains("四价流感疫苗"), "{voice:#?}");
    assert!(
        !voice["highlights"].as_array().unwrap().is_empty(),
        "{voice:#?}"
    );
    let human = env.run(&["search", "-n", "3", "--color", "never", "华兰生物"]);
    assert!(
        human.stdout.contains("(its title names the query)\n"),
        "{}",
        human.stdout
    );
    assert!(
        !human.stdout.contains("no passage does"),
        "{}",
        human.stdout
    );
}

#[test]
fn a_table_of_words_kept_as_prose_ranks_below_prose_that_reads_well() {
    let env = Env::new();
    env.write(
        "prose.txt",
        report(
            "先进封装专题",
            "2031年4月2日",
            &[paragraph(
                "晶圆键合设备需求随先进封装扩产快速增长，国内厂商陆续进入验证",
                1,
            )],
        ),
    );
    // A comparison table whose cells kept their words, its caption lost:
    // long stretches without a pause and one sentence end in over 200
    // characters. It holds the query twice, the paragraph above once.
    // (With its numbered caption its shape reads as a table: not shown
    // while prose answers.)
    let cells = "几种主要键合工艺比较类型原理优势与局限晶圆键合将两片晶圆通过化学和物理作用结合实现三维堆叠，\
                 热压键合工艺温度较高良率稳定适合大批量生产但对翘曲敏感，\
                 混合键合铜对铜直接连接间距更小带宽更高功耗更低但设备昂贵，\
                 临时键合设备承载超薄晶圆完成背面减薄工艺后再分离载片循环使用，\
                 阳极键合适用于玻璃与硅片之间的密封封装常见于微机电传感器与光学器件，\
                 熔融键合无需中间层直接依靠表面分子间作用力结合对表面平整度要求极高。";
    env.write(
        "table.txt",
        report(
            "电子设备周报",
            "2031年4月3日",
            &[
                paragraph("面板价格延续强势", 2),
                cells.to_string(),
                paragraph("存储价格环比回升", 3),
            ],
        ),
    );
    env.index();
    let shown = env.run(&["show", "--text", "table.txt"]);
    assert!(
        shown.stdout.contains("几种主要键合工艺比较") && !shown.stdout.contains("[table] 几种"),
        "the table stays prose (it keeps a sentence): {}",
        shown.stdout
    );
    let (code, rows) = search(&env, &["设备"]);
    assert_eq!(code, 0);
    let cells_at = rows
        .iter()
        .position(|r| r["text"].as_str().is_some_and(|t| t.contains("几种主要")));
    assert_eq!(rows[0]["path"], "prose.txt", "{rows:#?}");
    assert!(cells_at.is_some_and(|k| k > 0), "{rows:#?}");
}

#[test]
fn a_report_restating_its_stock_picks_speaks_once() {
    let env = Env::new();
    let summary = "投资建议：维持行业强于大市评级，建议关注平台化龙头甲乙科技（002991.SZ）、刻蚀设备龙头丙丁微电（688991.SH）、薄膜沉积龙头戊己装备（688992.SH）、测试设备龙头庚辛电子（300991.SZ）。";
    let chapter = "重点公司方面，建议关注：甲乙科技（002991.SZ），国内平台化程度最高的设备龙头；丙丁微电（688991.SH），刻蚀设备龙头并加速向薄膜沉积延伸；戊己装备（688992.SH），沉积设备放量；庚辛电子（300991.SZ），后道测试龙头。";
    env.write(
        "设备深度.txt",
        report(
            "半导体设备深度报告",
            "2031年5月6日",
            &[
                summary.to_string(),
                paragraph("设备国产化率持续提升", 1),
                chapter.to_string(),
            ],
        ),
    );
    env.index();
    let (code, rows) = search(&env, &["甲乙科技", "--per-report", "5"]);
    assert_eq!(code, 0);
    let picks = rows
        .iter()
        .filter(|r| r["text"].as_str().is_some_and(|t| t.contains("庚辛电子")))
        .count();
    assert_eq!(picks, 1, "{rows:#?}");
}

#[test]
fn a_report_level_answer_never_repeats_a_passage_shown() {
    let env = Env::new();
    let said = "未来监管趋严，质量标准进一步提升，行业整合将是重要的发展趋势，国企和骨干型民企有望在竞争中胜出";
    env.write(
        "a.txt",
        report(
            "血制品行业深度",
            "2031年6月1日",
            &[format!("{said}，龙头企业采浆量稳步增长，新浆站获批加快。")],
        ),
    );
    // The same sentence, then another subject; 采浆 in another paragraph.
    env.write(
        "b.txt",
        report(
            "医药行业周报",
            "2031年6月2日",
            &[paragraph(said, 7), paragraph("血制品企业采浆恢复良好", 4)],
        ),
    );
    env.write(
        "c.txt",
        report(
            "血制品月报",
            "2031年6月3日",
            &[
                paragraph("行业整合加速推进，并购案例明显增多", 5),
                paragraph("多地浆站采浆同比回升", 6),
            ],
        ),
    );
    env.index();
    let (code, rows) = search(&env, &["行业整合", "采浆"]);
    assert_eq!(code, 0);
    let reports: Vec<&str> = paths(&rows);
    assert!(
        reports.contains(&"a.txt") && reports.contains(&"c.txt"),
        "{rows:#?}"
    );
    assert!(!reports.contains(&"b.txt"), "{rows:#?}");
}

#[test]
fn a_report_level_answer_never_repeats_one_given_before() {
    let env = Env::new();
    // Two weeklies reprint one paragraph on 行业整合; each says 采浆 in a
    // paragraph of its own. No passage holds both terms.
    let reprinted = "未来监管趋严，质量标准进一步提升，行业整合将是重要的发展趋势";
    env.write(
        "周报一.txt",
        report(
            "医药行业周报",
            "2031年6月2日",
            &[
                paragraph(reprinted, 7),
                paragraph("血制品企业采浆恢复良好", 4),
            ],
        ),
    );
    env.write(
        "周报二.txt",
        report(
            "医药行业双周报",
            "2031年6月9日",
            &[
                paragraph(reprinted, 7),
                paragraph("多地浆站采浆同比回升", 5),
            ],
        ),
    );
    env.write(
        "月报.txt",
        report(
            "血制品月报",
            "2031年6月3日",
            &[
                paragraph("行业整合加速推进，并购案例明显增多", 2),
                paragraph("新浆站获批后采浆量爬坡", 3),
            ],
        ),
    );
    env.index();
    let (code, rows) = search(&env, &["行业整合", "采浆"]);
    assert_eq!(code, 0);
    assert!(rows.iter().all(|r| r["match"] == "report"), "{rows:#?}");
    let reports: std::collections::BTreeSet<&str> = paths(&rows).into_iter().collect();
    assert!(reports.contains("月报.txt"), "{rows:#?}");
    let weeklies = reports.iter().filter(|p| p.starts_with("周报")).count();
    assert_eq!(
        weeklies, 1,
        "the reprinted paragraph is read once: {rows:#?}"
    );
}

#[test]
fn a_report_level_answer_in_a_table_comes_only_when_no_reports_prose_answers() {
    let env = Env::new();
    // 国产化率 only in a chart's residue.
    env.write(
        "table.txt",
        report(
            "半导体行业周报",
            "2031年3月1日",
            &[
                paragraph("光刻胶验证进展顺利，多家晶圆厂导入", 2),
                CHART_RESIDUE.to_string(),
                paragraph("封装材料需求回暖", 3),
            ],
        ),
    );
    // Both terms in prose, in different passages.
    env.write(
        "prose.txt",
        report(
            "电子材料周报",
            "2031年2月26日",
            &[
                paragraph("光刻胶需求随晶圆厂扩产稳步增长", 1),
                paragraph("湿电子化学品整体国产化率仍不足两成，提升空间广阔", 4),
            ],
        ),
    );
    env.index();
    let shown = env.run(&["show", "--text", "table.txt"]);
    assert!(
        shown.stdout.contains("[table] 国产化率"),
        "{}",
        shown.stdout
    );
    let (code, rows) = search(&env, &["光刻胶", "国产化率"]);
    assert_eq!(code, 0);
    assert!(rows.iter().all(|r| r["match"] == "report"), "{rows:#?}");
    assert_eq!(paths(&rows)[0], "prose.txt", "{rows:#?}");
    assert!(
        rows.iter().all(|r| r["layout"] != "table"),
        "a report's prose answered: {rows:#?}"
    );
    // With no report's prose holding both, the table answers.
    std::fs::remove_file(env.reports().join("prose.txt")).unwrap();
    env.index();
    let (code, rows) = search(&env, &["光刻胶", "国产化率"]);
    assert_eq!(code, 0);
    assert!(
        rows.iter()
            .any(|r| r["layout"] == "table" && r["path"] == "table.txt"),
        "{rows:#?}"
    );
}
