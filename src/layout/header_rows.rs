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
];

/// Labels in a row, at least: two may be a title's last words
/// (`…细分领域`), three are a header.
const MIN_LABELS: usize = 3;

/// Whether a row of [`MIN_LABELS`] column labels starts within `reach`
/// characters after `from` (a caption's start).
pub(crate) fn header_row_after(chars: &[char], from: usize, reach: usize) -> bool {
    let end = (from + reach).min(chars.len());
    (from..end).any(|start| labels_from(chars, start) >= MIN_LABELS)
}

/// How many column labels follow each other from `at`, each the longest
/// that matches.
fn labels_from(chars: &[char], mut at: usize) -> usize {
    static LABEL_CHARS: std::sync::LazyLock<Vec<Vec<char>>> =
        std::sync::LazyLock::new(|| LABELS.iter().map(|l| l.chars().collect()).collect());
    // The labels' first characters: most positions start none, and are
    // turned away without comparing a label.
    static FIRSTS: std::sync::LazyLock<crate::text::chars::CharSet> =
        std::sync::LazyLock::new(|| {
            crate::text::chars::CharSet::first_chars(LABELS.iter().copied())
        });
    let mut count = 0;
    while let Some(len) = chars
        .get(at)
        .filter(|&&c| FIRSTS.contains(c))
        .and_then(|_| {
            LABEL_CHARS
                .iter()
                .filter(|l| chars[at..].starts_with(l))
                .map(Vec::len)
                .max()
        })
    {
        count += 1;
        at += len;
    }
    count
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
    fn a_captions_title_is_no_header() {
        assert!(!has("图3:公司产品收入结构(亿元)"));
        assert!(!has("表2:公司主要产品毛利率对比,2019年"));
    }
}
