//! A table's row of column labels glued after its caption: `表4：可比公司
//! 证券代码证券简称公司简介002612.sz某某股份…`, `图表3.政策梳理发布时间发布部门
//! 文件主要内容2016年…`. Such a table's cells often hold sentences (a
//! policy's summary, a company's profile), so the sentence ends that tell
//! prose from cells elsewhere do not tell it here; the labels do.
//!
//! Works on the characters of normalized text.

/// Words that label a table's columns, and rarely follow each other in a
/// sentence without a pause.
const LABELS: &[&str] = &[
    "证券代码",
    "证券简称",
    "股票代码",
    "股票简称",
    "代码",
    "简称",
    "公司简介",
    "公司名称",
    "企业名称",
    "公司",
    "企业",
    "生产厂家",
    "生产企业",
    "厂家",
    "厂商",
    "产品名称",
    "主要产品",
    "代表产品",
    "产品",
    "药品名称",
    "通用名",
    "商品名",
    "名称",
    "品种",
    "种类",
    "药物",
    "审评通道",
    "审批通道",
    "适应症",
    "适应证",
    "靶点",
    "作用机制",
    "研发阶段",
    "临床阶段",
    "研发进展",
    "最新进展",
    "进展",
    "阶段",
    "状态",
    "受理号",
    "获批时间",
    "上市时间",
    "批准时间",
    "发布时间",
    "发布部门",
    "发文机构",
    "时间",
    "日期",
    "部门",
    "文件名称",
    "文件",
    "政策名称",
    "政策",
    "主要内容",
    "核心内容",
    "内容",
    "要点",
    "事件",
    "年份",
    "细分领域",
    "领域",
    "发展现状",
    "现状",
    "类别",
    "类型",
    "分类",
    "用途",
    "特点",
    "优势",
    "劣势",
    "原理",
    "规格",
    "剂型",
    "价格",
    "中标价",
    "备注",
    "序号",
    "地区",
    "国家",
    "省份",
    "机构",
    "项目",
    "指标",
    "描述",
    "说明",
    "简介",
    "技术",
    "代表企业",
    "代表公司",
    "品牌",
    "产地",
    "生产公司",
    "主要成分",
    "成分",
    "成份",
    "材质",
    "效果说明",
    "缺点",
    "优点",
    "亚分类",
    "产品图片",
    "产品特点",
    "主要参与厂商",
    "行业特点",
    "公司简称",
    "总市值",
    "市盈率",
    "上市标准",
    "募集资金",
    "国内认证情况",
    "国外认证情况",
    "认证情况",
    "主营产品",
    "主营业务",
    "成立时间",
    "总部",
    "注册地",
];

/// Labels in a row, at least: two may be a title's last words
/// (`…细分领域`), three are a header.
const MIN_LABELS: usize = 3;

/// Whether a row of [`MIN_LABELS`] column labels starts within `reach`
/// characters after `from` (a caption's start): after a caption, common
/// words count too.
pub(crate) fn header_row_after(chars: &[char], from: usize, reach: usize) -> bool {
    let end = (from + reach).min(chars.len());
    (from..end).any(|start| label_run(chars, start).len() >= MIN_LABELS)
}

/// The column labels that follow each other from `at`, each the longest
/// that matches.
fn label_run(chars: &[char], mut at: usize) -> Vec<&'static str> {
    let mut run = Vec::new();
    while let Some(k) = label_at(chars, at) {
        run.push(LABELS[k]);
        at += LABEL_CHARS[k].len();
        at += unit_after(chars, at);
    }
    run
}

/// The labels' characters, by index into [`LABELS`].
static LABEL_CHARS: std::sync::LazyLock<Vec<Vec<char>>> =
    std::sync::LazyLock::new(|| LABELS.iter().map(|l| l.chars().collect()).collect());

/// The longest label at `at`, as an index into [`LABELS`]. Labels are
/// looked up by their first character: every passage's first third is
/// scanned, and most of its characters start no label.
fn label_at(chars: &[char], at: usize) -> Option<usize> {
    static BY_FIRST: std::sync::LazyLock<std::collections::HashMap<char, Vec<usize>>> =
        std::sync::LazyLock::new(|| {
            let mut by_first: std::collections::HashMap<char, Vec<usize>> =
                std::collections::HashMap::new();
            for (k, label) in LABEL_CHARS.iter().enumerate() {
                by_first.entry(label[0]).or_default().push(k);
            }
            by_first
        });
    let rest = &chars[at.min(chars.len())..];
    BY_FIRST
        .get(rest.first()?)?
        .iter()
        .copied()
        .filter(|&k| rest.starts_with(&LABEL_CHARS[k]))
        .max_by_key(|&k| LABEL_CHARS[k].len())
}

/// Characters a column's unit takes right after its label
/// (`营业收入(亿元)`, `总市值/亿元`), if one does.
fn unit_after(chars: &[char], at: usize) -> usize {
    const MAX_UNIT: usize = 8;
    match chars.get(at) {
        Some('(' | '（') => chars[at + 1..]
            .iter()
            .take(MAX_UNIT + 1)
            .position(|&c| matches!(c, ')' | '）'))
            .filter(|&len| {
                len > 0
                    && !chars[at + 1..at + 1 + len]
                        .iter()
                        .any(|&c| matches!(c, '(' | '（'))
            })
            .map_or(0, |len| len + 2),
        Some('/') => {
            let unit = chars[at + 1..]
                .iter()
                .take(3)
                .take_while(|&&c| crate::text::is_han(c) || c == '%')
                .count();
            if unit > 0 {
                unit + 1
            } else {
                0
            }
        }
        _ => 0,
    }
}

/// Labels that are words of any sentence too (`公司产品价格`, `价格优势`,
/// `企业项目优势`): without a caption before them, a row of labels needs
/// others.
const COMMON_WORDS: &[&str] = &[
    "公司",
    "企业",
    "产品",
    "优势",
    "劣势",
    "价格",
    "领域",
    "技术",
    "政策",
    "项目",
    "品种",
    "分类",
    "类型",
    "类别",
    "内容",
    "时间",
    "日期",
    "年份",
    "事件",
    "特点",
    "要点",
    "现状",
    "阶段",
    "状态",
    "进展",
    "机构",
    "部门",
    "文件",
    "说明",
    "描述",
    "简介",
    "指标",
    "地区",
    "国家",
    "用途",
    "原理",
    "规格",
    "剂型",
    "备注",
    "名称",
    "代码",
    "简称",
    "厂家",
    "厂商",
    "品牌",
    "产地",
    "成分",
    "材质",
    "缺点",
    "优点",
    "营业收入",
    "净利润",
    "毛利率",
    "净利率",
    "市值",
    "股价",
    "评级",
    "总部",
];
/// Different labels a header has at least, or [`MIN_LABELS`] of which
/// two are no common words.
const MIN_HEADER_LABELS: usize = 4;

/// Whether a passage is mostly a table headed by its row of column labels,
/// captioned or not (`面部埋植线申请上市的产品情况公司名称主要产品适应症国内
/// 认证情况…`): the row starts within the passage's first third, with four
/// different labels, or three of which two are no common words (a
/// heading's `公司主要产品` is two labels and a word).
pub(crate) fn headed_passage(chars: &[char]) -> bool {
    (0..=chars.len() / 3).any(|at| is_header(label_run(chars, at)))
}

/// Whether a run of labels heads a table without a caption: four
/// different labels, or [`MIN_LABELS`] of which two are no common words
/// (a heading's `公司主要产品` is two words and one label).
fn is_header(mut labels: Vec<&'static str>) -> bool {
    if labels.len() < MIN_LABELS {
        return false;
    }
    labels.sort_unstable();
    labels.dedup();
    let uncommon = labels.iter().filter(|l| !COMMON_WORDS.contains(l)).count();
    labels.len() >= MIN_HEADER_LABELS || (labels.len() >= MIN_LABELS && uncommon >= 2)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn has(text: &str) -> bool {
        let chars: Vec<char> = text.chars().collect();
        header_row_after(&chars, 0, 60)
    }

    #[test]
    fn column_labels_after_a_caption() {
        assert!(has(
            "表4:行业内可比上市公司证券代码证券简称公司简介002612.sz某某股份"
        ));
        assert!(has(
            "图表3.两票制政策梳理发布时间发布部门文件主要内容2016年卫健委"
        ));
        assert!(has(
            "图表56:心脏及大血管介入器械细分领域细分领域主要产品发展现状心血管介入"
        ));
        assert!(has(
            "表5:已获批上市的单抗类药物药物靶点企业审评通道时间某某单抗"
        ));
        assert!(has(
            "表28:主要血制品品种及用途血制品种类产品名称适应症白蛋白"
        ));
    }

    #[test]
    fn a_passage_headed_by_its_column_labels_without_a_caption() {
        let headed = |text: &str| headed_passage(&text.chars().collect::<Vec<char>>());
        assert!(headed("面部填充剂申请上市的产品情况公司名称主要产品适应症国内认证情况国外认证情况某某生物填充剂适用于中面部凹陷已递交注册申请"));
        assert!(headed(
            "时间部门文件主要内容2031年4月某局某某目录调整方案目录内原有的药品按程序调出"
        ));
        // Two labels and a word: a heading, then prose.
        assert!(!headed("3.公司主要产品公司产品线丰富,眼科医用材料为主,医美与骨科产品相继开花结果,收入结构持续优化。"));
        // Labels used as words in a sentence, a third of the way in or later.
        assert!(!headed("随着集采推进,国产企业凭借成本优势加速替代进口产品,我们认为未来具备规模优势的企业产品价格下降空间有限"));
    }

    #[test]
    fn a_captions_title_is_no_header() {
        assert!(!has("图3:公司产品收入结构(亿元)"));
        assert!(!has("表2:公司主要产品毛利率对比,2019年"));
    }
}
