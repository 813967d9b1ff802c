//! `search` answers the same way every time: candidates of equal rank are
//! cut in one order, not in the order a hash map happens to give them.

use crate::testenv::Env;

/// Sentences that make each report's own paragraphs differ from every
/// other report's.
const FILLERS: [&str; 4] = [
    "行业需求保持稳健增长，产品结构持续优化，高附加值产品占比提升带动毛利率改善，费用率在规模效应下稳中有降。",
    "经营性现金流保持充裕，资本开支节奏与产能规划相匹配，海外客户认证陆续通过，新产能爬坡顺利推进。",
    "渠道库存回到健康水平，经销商信心恢复，终端动销数据环比改善，旺季备货节奏好于去年同期表现。",
    "原材料价格自高位回落，长协采购比例提高平滑了成本波动，叠加产品提价落地，单位盈利有望继续修复。",
];

/// The paragraph every report shares word for word: the same passage,
/// scored the same, in every report.
const SHARED: &str = "钠离子电池产业化进程加速，头部电池企业陆续发布量产计划，材料体系逐步定型，成本优势在储能场景率先体现，我们预计明后两年出货量将保持高速增长，产业链上游正极与硬碳负极环节率先受益。";

#[test]
fn equal_candidates_beyond_the_page_are_cut_the_same_way_every_run() {
    let env = Env::new();
    // More reports than the candidates fetched for one hit (3 × 1 + 20),
    // each holding the shared passage once, in its body.
    for i in 0..200 {
        let own: Vec<String> = (0..2)
            .map(|k| {
                format!(
                    "第{i}号样本第{k}段：{}{}",
                    FILLERS[(i + k) % FILLERS.len()],
                    FILLERS[(i + k + 1) % FILLERS.len()]
                )
            })
            .collect();
        env.write(
            &format!("r{i:03}.txt"),
            format!(
                "样本公司{i}季度点评\n\n证券研究报告 2024年3月{}日\n\n{}\n\n{}\n\n{SHARED}\n",
                i % 28 + 1,
                own[0],
                own[1]
            ),
        );
    }
    env.index();
    let answers: Vec<String> = (0..10)
        .map(|_| {
            let r = env.run(&["search", "--json", "-n", "1", "钠离子电池"]);
            assert_eq!(r.code, 0, "{}", r.stderr);
            assert_eq!(r.json_lines().len(), 1, "{}", r.stdout);
            r.stdout
        })
        .collect();
    for a in &answers[1..] {
        assert_eq!(a, &answers[0], "the same query answered differently");
    }
}
