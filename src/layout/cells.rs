//! Flattened rows of cells: what a table of words leaves when its cell
//! borders are gone, stretches of text without the pauses prose makes.
//! Read by `super::residue::reads_as_table`.
//!
//! Works on the characters of normalized text.

/// Characters a passage without any sentence end has at least for
/// [`cells_without_sentence`] to read it.
pub(super) const MIN_UNENDED: usize = 150;
/// A stretch without any pause this long is a row of cells in a passage
/// that ends no sentence; stretches of [`LONG_STRETCH`] or more make at
/// least a third of it.
const CELL_STRETCH: usize = 55;
const LONG_STRETCH: usize = 40;

/// Whether a passage that ends no sentence reads as flattened cells of
/// words: its longest stretch without a pause runs 55 characters or more
/// and long stretches make a third of it (`…无创年轻化长江热提某某热提
/// 仪器通过面加热作用于真皮浅层…`), in Chinese (an English sentence whose
/// spaces were stripped pauses no more often).
pub(super) fn cells_without_sentence(cs: &[char], chars: usize) -> bool {
    let han = cs.iter().filter(|&&c| crate::text::is_han(c)).count();
    let (mut longest, mut long) = (0usize, 0usize);
    for (stretch, _) in stretches(cs, false) {
        longest = longest.max(stretch);
        long += if stretch >= LONG_STRETCH { stretch } else { 0 };
    }
    han * 2 >= chars && longest >= CELL_STRETCH && long * 10 >= chars * 3
}

/// A stretch without any punctuation this long is a row of cells, not a
/// clause, when it holds several figures (`润百颜中国华熙生物380~1380非交联…`).
const CELL_ROW_WITH_FIGURES: usize = 60;
/// A stretch without any punctuation this long is never a clause.
const CELL_ROW: usize = 100;

/// Whether at least half of a passage (of `chars` non-space characters)
/// lies in stretches without punctuation that read as flattened rows of
/// cells: a table keeping some words between its figures (`…福建耗材带量
/// 采购40.8%福建…`), a product list with prices, a rating box without its
/// labels. A clause in prose pauses at a comma or an enumeration comma long
/// before; a long sentence without a comma has hardly any figures.
pub(super) fn mostly_unbroken_cells(cs: &[char], chars: usize) -> bool {
    let unbroken: usize = stretches(cs, true)
        .filter(|&(stretch, numbers)| {
            stretch >= CELL_ROW || (stretch >= CELL_ROW_WITH_FIGURES && numbers >= 3)
        })
        .map(|(stretch, _)| stretch)
        .sum();
    unbroken * 2 >= chars
}

/// A stretch without a pause this long holds cells more often than a
/// clause: a clause of prose pauses at a comma well before.
const ROUGH_STRETCH: usize = 25;
/// Characters from which a passage's stretches are weighed at all.
const MIN_ROUGH: usize = 80;

/// Whether a passage kept as prose still reads roughly: at least half of
/// it lies in stretches of 25 characters or more without a pause, and
/// hardly a sentence ends in it (one per 200 characters at most). That is
/// a table of words whose cells kept a sentence or two (`…比较定义优势
/// MCM将多个裸芯片组装在同一块基板上…`), a list of headings run
/// together, a diagram's labels around a clause. Search ranks such a
/// passage below prose that reads well; it is not hidden, because a few
/// lists and headings read the same way.
/// Takes the passage's characters without its spaces.
pub(super) fn reads_roughly(dense: &[char]) -> bool {
    let chars = dense.len();
    if chars < MIN_ROUGH {
        return false;
    }
    let ends = dense
        .iter()
        .filter(|&&c| matches!(c, '。' | '！' | '？' | '!' | '?' | '；' | ';'))
        .count();
    let rough: usize = stretches(dense, true)
        .map(|(stretch, _)| stretch)
        .filter(|&stretch| stretch >= ROUGH_STRETCH)
        .sum();
    rough * 2 >= chars && ends * 200 <= chars
}

/// The stretches of `cs` between pauses (punctuation; with `stops`, also a
/// full stop between words and the full-width `！？`), each as its length
/// and how many figures start in it. A thousands separator (`1,247.4`) or
/// a decimal point is part of a figure, not a pause.
pub(super) fn stretches(cs: &[char], stops: bool) -> impl Iterator<Item = (usize, usize)> + '_ {
    let mut i = 0;
    std::iter::from_fn(move || {
        if i > cs.len() {
            return None;
        }
        let (mut stretch, mut numbers) = (0usize, 0usize);
        while i < cs.len() {
            let c = cs[i];
            let in_figure = matches!(c, ',' | '.')
                && i > 0
                && cs[i - 1].is_ascii_digit()
                && cs.get(i + 1).is_some_and(|d| d.is_ascii_digit());
            let pause = (matches!(
                c,
                '。' | ',' | '，' | ';' | '；' | ':' | '：' | '、' | '!' | '?'
            ) || (stops && matches!(c, '！' | '？' | '.')))
                && !in_figure;
            i += 1;
            if pause {
                return Some((stretch, numbers));
            }
            stretch += 1;
            if c.is_ascii_digit() && (i == 1 || !cs[i - 2].is_ascii_digit()) {
                numbers += 1;
            }
        }
        // The last stretch, after the last pause.
        i += 1;
        Some((stretch, numbers))
    })
}

/// Rows keyed by a date, at least, that make a passage a timeline or a
/// table of policies (`2020.08.29限制性股票回购注销…。2020.10.27拟更名…`,
/// `2018-11-23商务部《…》…2019-1-1国务院《…》`).
pub(super) const MIN_DATED_ROWS: usize = 3;

/// How many full dates (`2020.08.29`, `2018-11-23`, `2019/1/1`) open a
/// row: glued to the row's first cell, a Han word. Prose puts a pause
/// after a date that opens its sentence (`2020年10月27日，公司…`) or
/// writes it inside one (`于2020.10.27召开`).
pub(super) fn dated_rows(cs: &[char]) -> usize {
    let digits = |at: usize| {
        cs[at.min(cs.len())..]
            .iter()
            .take_while(|c| c.is_ascii_digit())
            .count()
    };
    let mut rows = 0;
    let mut i = 0;
    while i < cs.len() {
        let year = digits(i);
        if year == 0 {
            i += 1;
            continue;
        }
        let starts_run = i == 0 || !cs[i - 1].is_ascii_digit();
        let sep = cs.get(i + year).copied();
        if starts_run && year == 4 && sep == Some('.') {
            if let Some(end) = month_row_key(cs, i) {
                rows += 1;
                i = end;
                continue;
            }
        }
        if starts_run && year == 4 && matches!(sep, Some('.' | '-' | '/')) {
            let m = digits(i + 5);
            let d = digits(i + 6 + m);
            if (1..=2).contains(&m) && cs.get(i + 5 + m).copied() == sep && (1..=2).contains(&d) {
                let end = i + 6 + m + d;
                let opens_row = cs.get(end).is_some_and(|&c| {
                    crate::text::is_han(c)
                        && !matches!(
                            c,
                            '年' | '月' | '日' | '号' | '起' | '至' | '前' | '后' | '止' | '间'
                        )
                });
                let inside_sentence =
                    i > 0 && matches!(cs[i - 1], '于' | '在' | '自' | '从' | '截' | '至' | '到');
                rows += usize::from(opens_row && !inside_sentence);
                i = end;
                continue;
            }
        }
        i += year;
    }
    rows
}

/// Where a row's key ends when a year and month (`2020.10`) open it after
/// the last row's end (`…销售分成。2020.10某某生物获得…`): a table of deals
/// or events by month. A figure with two decimals (`达2020.10亿元`) follows
/// a word, not a sentence's end, and a full date is [`dated_rows`]' own.
fn month_row_key(cs: &[char], i: usize) -> Option<usize> {
    let after_row = i == 0 || matches!(cs[i - 1], '。' | '；' | ';' | ')' | '）' | '】');
    let century = cs.get(i..i + 2)?;
    if !after_row || (century != ['2', '0'] && century != ['1', '9']) {
        return None;
    }
    let digits = super::page_numbers::digits_from(cs, i + 5);
    let end = i + 5 + digits;
    let month = (1..=2)
        .contains(&digits)
        .then(|| super::page_numbers::value_of(&cs[i + 5..end]))?;
    let opens_row = cs.get(end).is_some_and(|&c| {
        crate::text::is_han(c)
            && !matches!(
                c,
                '年' | '月' | '日' | '号' | '亿' | '万' | '元' | '起' | '至'
            )
    });
    ((1..=12).contains(&month) && opens_row).then_some(end)
}

/// Numbered lists that start again at `1、`, at least, that make a passage
/// a table whose rows each hold a list (`某甲光学1、7月出货…2、二季度量产
/// 某乙光学1、镜头出货+10%2、…3、…`).
pub(super) const MIN_RESTARTED_LISTS: usize = 2;

/// How many times a list numbered `1、2、…` starts again at `1、` right
/// after a row's key (a name glued to the last item, no sentence end or
/// colon since that item): prose that lists twice says so with a pause
/// or a heading before the second list.
pub(super) fn restarted_lists(cs: &[char]) -> usize {
    let (mut restarts, mut last_marker, mut last_at) = (0usize, 0u32, 0usize);
    for i in 1..cs.len() {
        if cs[i] != '、' || !cs[i - 1].is_ascii_digit() {
            continue;
        }
        let digits = super::page_numbers::digits_before(cs, i);
        let start = i - digits;
        // `2.1、`, `10、` after a figure: not a list's marker.
        if digits > 1 || (start > 0 && matches!(cs[start - 1], '.' | ',' | '-' | '~')) {
            continue;
        }
        let value = cs[start].to_digit(10).unwrap_or(0);
        if value == 1 && last_marker >= 2 {
            let between = &cs[last_at..start];
            let paused = between
                .iter()
                .any(|&c| matches!(c, '。' | ';' | '；' | ':' | '：' | '!' | '?'));
            let keyed = start > 0 && crate::text::is_han(cs[start - 1]);
            restarts += usize::from(!paused && keyed);
        }
        last_marker = value;
        last_at = i;
    }
    restarts
}

#[cfg(test)]
mod tests {
    use super::{dated_rows, restarted_lists};

    fn reads_roughly(text: &str) -> bool {
        let dense: Vec<char> = text.chars().filter(|&c| c != ' ').collect();
        super::reads_roughly(&dense)
    }

    fn restarts(text: &str) -> usize {
        restarted_lists(&text.chars().collect::<Vec<char>>())
    }

    #[test]
    fn lists_that_start_again_after_a_rows_name_are_a_tables_cells() {
        assert_eq!(
            restarts("毛利率50%~52%2、下半年爬坡将拖累毛利率下滑长江光学1、7、8月客户预期偏保守2、高端产品需求乏力黄河光学1、2031年手机镜头出货量同比+10%2、模组出货量同比+15%3、全年资本开支30亿东湖科技1、出货同比增长"),
            3
        );
        // Prose that lists twice pauses before the second list.
        assert_eq!(
            restarts("公司的优势在于:1、渠道广;2、品牌强。展望未来:1、新品放量;2、海外扩张;3、降本增效。"),
            0
        );
        // Chapter numbers and figures are no list markers.
        assert_eq!(
            restarts("2.1、行业概况1、市场规模2、竞争格局3.1、公司概况"),
            0
        );
    }

    fn rows(text: &str) -> usize {
        dated_rows(&text.chars().collect::<Vec<char>>())
    }

    #[test]
    fn a_timeline_and_a_table_of_policies_are_rows_keyed_by_dates() {
        assert_eq!(
            rows("2020.08.29限制性股票回购注销持股比例上升。2020.10.27拟更名聚焦健康产业。2020.11.12战略发布会公司举行发布会"),
            3
        );
        assert_eq!(
            rows("推动处方外流2018-11-23商务部《零售药店分类分级管理指导意见》2019-1-1国务院《国家组织药品集中采购试点方案》"),
            2
        );
        // Deals by month, each row after the last one's end.
        assert_eq!(
            rows("交易总额1.9亿美元+销售分成。2031.10某某生物获得长效类似物全球权益，交易总价1.3亿元。2031.09某某药业获得注射液权益。2031.08某某生物参股20%。"),
            3
        );
        // A figure with decimals after a word, or a month inside a sentence.
        assert_eq!(
            rows("营收达2020.10亿元。预计2031.10上市。研发投入为1999.12万元"),
            0
        );
    }

    #[test]
    fn dates_in_sentences_open_no_row() {
        assert_eq!(
            rows("公司于2020.10.27召开股东大会，2020.11.12，公司发布新战略；截至2021/3/31，累计回购股份。"),
            0
        );
    }

    #[test]
    fn a_table_of_words_that_kept_one_sentence_reads_roughly() {
        let cells = "表5：国内主要厂商产品布局对比公司名称核心产品注册进展渠道覆盖某某医疗血管介入球囊导管已获三类注册证覆盖三级医院八百余家，\
                     某某生物人工晶体单焦与多焦产品线齐全海外代理覆盖东南亚市场，\
                     某某科技骨科关节髋膝产品进入集采中选名单国内市场份额居前，\
                     某某器械电生理导管处于临床试验阶段预计明年递交注册申请，\
                     某某康复康复训练设备以民营医院为主销售模式以经销为主直销为辅，\
                     某某影像超声与内镜产品线完整高端机型进入三甲医院采购目录。";
        assert!(reads_roughly(cells));
    }

    #[test]
    fn prose_pauses_and_ends_its_sentences() {
        // Clauses of prose pause within 25 characters or so.
        let prose = "公司前三季度收入同比增长百分之二十，其中国际业务增速更快，毛利率小幅提升。\
                     我们认为，随着新产品陆续获批，公司在高端市场的份额有望继续提升，\
                     维持买入评级，上调目标价至八十元，对应明年三十倍市盈率。";
        assert!(!reads_roughly(prose));
        // Long clauses without a comma, but sentences end often enough.
        let long = "集采政策的常态化推进使得国产厂商凭借成本优势快速替代进口产品。\
                    随着医保支付方式改革在全国范围内落地医院的采购行为更加注重性价比。\
                    龙头企业依托完善的产品矩阵和渠道网络有望在新一轮竞争中脱颖而出。";
        assert!(!reads_roughly(long));
        // Too short to weigh.
        assert!(!reads_roughly(
            "某某医疗血管介入球囊导管已获三类注册证覆盖三级医院八百余家"
        ));
    }
}
