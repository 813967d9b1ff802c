//! What `search` leaves out by default because nobody wants to read it:
//! flattened tables that keep words between their figures, rows of quoted
//! cells, tables of contents whose page numbers run into the next entry's
//! number, and cover blocks without field labels (dated lists of related
//! reports, rating boxes, lists of stock codes with names), and a chart's
//! axis labels glued onto a sentence. Each text here imitates a layout seen in broker
//! reports; none is taken from one.

use yanbao::layout::Layout;
use yanbao::report::{passages, Section};

/// A paragraph of prose with figures, long enough to be a passage of its own.
const PROSE: &str = "公司近年经营稳健,2019年营收增速高达74%,带动市占率持续提升。\
与此同时公司ROE水平持续提升至58%,远高于同业公司,主要得益于高净利率与高资产周转率。\
我们认为公司产品矩阵丰富,渠道优势明显,未来三年收入有望保持30%以上的复合增长,维持买入评级。";

/// The passage of `text` holding `needle`.
fn passage_holding(text: &str, needle: &str) -> yanbao::text::Passage {
    let at = text
        .find(needle)
        .unwrap_or_else(|| panic!("{needle:?} is not in the text"));
    passages(text)
        .into_iter()
        .find(|p| p.raw.contains(&at))
        .unwrap_or_else(|| panic!("no passage holds byte {at}"))
}

/// The section and layout of the passage holding `needle`.
fn passage_of(text: &str, needle: &str) -> (Section, Layout) {
    let p = passage_holding(text, needle);
    (p.section, p.layout)
}

fn report(parts: &[&str]) -> String {
    parts.join("\n\n") + "\n"
}

#[test]
fn a_flattened_table_with_words_between_its_figures_is_a_table() {
    let table = "各省低值耗材集采结果如下浙江6浙江留置针联合采购52.3%浙江输液泵省级集采未公布\
静脉导管江西留置针联合采购38.5%江西静脉导管类别品种试点方案降价幅度参与省份省份数低值耗材\
输液泵江西留置针联合采购61.2%安徽3安徽留置针联合采购70.4%安徽输液泵联合采购44.9%湖北";
    let text = report(&[PROSE, table, PROSE]);
    assert_eq!(passage_of(&text, "江西静脉导管类别").1, Layout::Table);
    // The sentences around it, with their figures, stay prose.
    assert_eq!(passage_of(&text, "营收增速高达74%").1, Layout::Prose);
    // So does a long sentence with one comma, which has hardly a figure.
    // (Without any pause at all, 99 characters read as a row of cells:
    // `layout::shape`.)
    let sentence = "本次交易完成后公司将通过其全资子公司间接控股海外一家专注于医美光电设备研发生产与销售的上市企业，\
并借助其成熟的海外销售网络加快自有产品在欧美市场的注册与推广进程从而进一步完善公司在医美领域的整体布局。";
    let text = report(&[PROSE, sentence, PROSE]);
    assert_eq!(passage_of(&text, "成熟的海外销售网络").1, Layout::Prose);
    // English prose pauses at its full stops (a decimal point does not).
    let english = "The company leads the domestic market for patient monitors. \
Its in vitro diagnostics business grew 32.5% last year on new analysers. \
Overseas revenue now accounts for almost 40% of the group total and keeps rising. \
We expect margins to improve as the product mix shifts toward high end systems.";
    let text = report(&[PROSE, english, PROSE]);
    assert_eq!(passage_of(&text, "in vitro diagnostics").1, Layout::Prose);
}

#[test]
fn rows_of_quoted_cells_are_a_table() {
    let rows = "['公司名称', '注册地', '主营业务', '持股比例'] \
['华东精密模具有限公司', '苏州', '精密模具的研发与销售', '全资'] \
['西南电子科技有限公司', '成都', '电子元器件的贸易', '控股']";
    let text = report(&[PROSE, rows, PROSE]);
    assert_eq!(passage_of(&text, "西南电子科技有限公司").1, Layout::Table);
    assert_eq!(passage_of(&text, "营收增速高达74%").1, Layout::Prose);
    // A table of two columns: a label and its value.
    let pairs = "['拟上市的证券交易所', '深圳证券交易所'] ['本次发行后的总股本', '8,880万股'] \
['每股面值', '人民币1.00元'] ['本次发行的保荐机构', '某某证券股份有限公司'] ['发行方式', '网下配售与网上定价发行相结合']";
    let text = report(&[PROSE, pairs, PROSE]);
    assert_eq!(passage_of(&text, "本次发行的保荐机构").1, Layout::Table);
}

#[test]
fn a_toc_whose_page_numbers_run_into_the_next_chapter_number() {
    // One-line text: each page number (45, 47, 50, 52) is glued to the
    // next entry's number (10., 11., 12., 13.).
    let toc = "9.海外市场拓展顺利,收入占比稳步提升..........4510.行业概况与发展趋势..........4711.市场规模与增长空间..........\
5012.竞争格局与主要参与者..........5213.投资建议与风险提示..........55";
    let text = report(&[PROSE, toc, PROSE]);
    assert_eq!(passage_of(&text, "竞争格局与主要参与者").0, Section::Toc);
    assert_eq!(passage_of(&text, "营收增速高达74%").0, Section::Body);
}

#[test]
fn a_dated_list_of_related_reports_is_cover() {
    let list = "2021-03-02光学行业:镜头需求持续回暖,龙头份额提升/张明2021-02-15光学行业:车载镜头放量在即/张明\
2021-01-20光学行业:手机多摄渗透率继续提升/张明2020-12-28光学行业:年度策略,看好车载与安防/张明";
    let text = report(&[PROSE, list, PROSE]);
    assert_eq!(passage_of(&text, "车载镜头放量在即").0, Section::Cover);
    // Dates in sentences are prose.
    let news = "公司于2021-03-02发布公告,拟回购不超过5亿元股份。2021-03-15公司完成首次回购,\
回购均价为32.5元。2021-04-01股东大会审议通过了年度利润分配方案,每10股派发现金红利3元。";
    let text = report(&[PROSE, news, PROSE]);
    assert_ne!(passage_of(&text, "完成首次回购").0, Section::Cover);
}

#[test]
fn a_rating_box_without_field_labels_is_cover() {
    let box_rows =
        "重点公司600001长江电子-买入-a600002黄河光学-增持--600003珠江材料-买入--行业表现";
    let text = report(&[PROSE, box_rows, PROSE]);
    assert_eq!(passage_of(&text, "黄河光学").0, Section::Cover);
    // A stock named before its code, in a sentence, is prose.
    let advice = "我们维持行业推荐评级,建议关注长江电子(600001)、黄河光学(600002)等龙头企业,\
二者均有望受益于下游需求回暖,买入时点可关注季报披露后的估值回调窗口。";
    let text = report(&[PROSE, advice, PROSE]);
    assert_eq!(passage_of(&text, "黄河光学(600002)").0, Section::Body);
}

/// The text of the passage holding `needle` without the characters its
/// reading text leaves out, and the passage's layout.
fn shown_of(text: &str, needle: &str) -> (String, Layout) {
    let p = passage_holding(text, needle);
    let shown = p
        .text
        .chars()
        .enumerate()
        .filter(|&(k, _)| {
            !p.hidden
                .iter()
                .any(|&(s, e)| (s as usize..e as usize).contains(&k))
        })
        .map(|(_, c)| c)
        .collect();
    (shown, p.layout)
}

#[test]
fn axis_labels_glued_onto_a_sentence_are_left_out_of_the_reading_text() {
    for ticks in ["80%85%90%95%100%", "-20%0%20%40%60%2018201920202021"] {
        let sentence = format!(
            "公司新一代监护仪已完成临床试验,安全性与有效性均达到预期,\
预计明年上半年获批上市,有望贡献新的收入增量{ticks}"
        );
        let text = report(&[PROSE, &sentence, PROSE]);
        let (shown, layout) = shown_of(&text, "贡献新的收入增量");
        assert_eq!(layout, Layout::Prose);
        // Left out; the text may read on after them, as if they were not there.
        assert!(
            shown.contains("贡献新的收入增量") && !shown.contains(ticks),
            "{shown}"
        );
    }
    // Percentages of a sentence are not evenly spaced, or words and
    // commas separate them: nothing is left out.
    let figures =
        "三季度毛利率分别为62%、65%和71%,净利率在30%35%40%42%的区间内波动,整体盈利能力稳中有升。";
    let text = report(&[PROSE, figures, PROSE]);
    let (shown, layout) = shown_of(&text, "整体盈利能力");
    assert_eq!(layout, Layout::Prose);
    assert!(shown.contains(figures), "{shown}");
}
#[test]
fn a_list_of_stock_codes_with_names_is_cover() {
    let list = "评级增持上次评级增持相关标的元/股600001.sh长江电子300002.sz黄河光学\
0003.hk珠江材料830004.bj松花江科技";
    let text = report(&[PROSE, list, PROSE]);
    assert_eq!(passage_of(&text, "黄河光学").0, Section::Cover);
    // Stocks named before their codes, in a sentence, are prose.
    let advice = "建议关注长江电子(600001.sh)、黄河光学(300002.sz)、珠江材料(0003.hk)等龙头企业,\
三者均有望受益于下游需求回暖,维持行业推荐评级。";
    let text = report(&[PROSE, advice, PROSE]);
    assert_ne!(passage_of(&text, "黄河光学(300002.sz)").0, Section::Cover);
    // A table of stocks with what each does is not a list of names.
    let rows = "公司布局如下:300001.sz长江游戏旗下手游在多家云平台上线运营,用户规模稳步增长/\
300002.sz黄河文化动画系列内容与多个平台合作,实现云化分发;同时参股公司研发的新作获得推荐。";
    let text = report(&[PROSE, rows, PROSE]);
    assert_ne!(passage_of(&text, "黄河文化动画系列").0, Section::Cover);
}

#[test]
fn a_pie_chart_legend_with_values_before_shares_is_a_table() {
    // Each slice: its label, its value and its share (`甲乙生物,42,37%`).
    let legend = "数据来源:药监局,某证券研究所整理凝血因子批签发量(万瓶)YOY甲乙生物,42,37%丙丁生物,51,45%\
戊己生物,12,11%辛壬制药/德国,8,7%6.凝血因子:同比增长18%,甲乙生物与丙丁生物合计份额超过八成,行业集中度继续提升。";
    let text = report(&[PROSE, legend, PROSE]);
    assert_eq!(passage_of(&text, "丙丁生物,51,45%").1, Layout::Table);
    assert_eq!(passage_of(&text, "行业集中度继续提升").1, Layout::Prose);
    // A sentence's figures with thousands separators are not slices.
    let sentence =
        "公司全年实现营业收入1,234,567万元,同比增长12%,其中海外收入234,567万元,同比增长8%,\
国内收入1,000,000万元,同比增长13%,毛利率为35%,较上年提升2个百分点。";
    let text = report(&[PROSE, sentence, PROSE]);
    assert_eq!(passage_of(&text, "其中海外收入").1, Layout::Prose);
}

#[test]
fn rows_of_a_filing_table_keyed_by_application_numbers_are_a_table() {
    let rows = "东方生物科技(上海)有限公司DF-1217注射液批准临床CXSB2100136注射剂生物制品1TIGIT\
南方医药(苏州)有限公司NF4003注射液批准临床CXSL2100355注射剂生物制品1CTLA4\
西部生物科技有限公司,北部科技股份有限公司XB003注射液批准临床CXSL2100361注射剂生物制品1GLP-1,GLP-1R\
数据来源:药审中心,某证券研究所";
    let text = report(&[PROSE, rows, PROSE]);
    assert_eq!(passage_of(&text, "南方医药(苏州)").1, Layout::Table);
    assert_eq!(passage_of(&text, "营收增速高达74%").1, Layout::Prose);
    // A sentence that lists its application numbers is prose.
    let sentence = "公司已收到药监局核准签发的三份受理通知书,受理号分别为CXHL2100123、CXHL2100124和CXHL2100125,\
均为1类新药的临床试验申请,我们预计该品种有望在年内获得临床试验默示许可。";
    let text = report(&[PROSE, sentence, PROSE]);
    assert_eq!(passage_of(&text, "受理号分别为").1, Layout::Prose);
    // Nor is news that cites one company's code again and again.
    let news = "【远方科技(SZ300999)：重大经营活动中标】远方科技(SZ300999)公告,公司中标某电网公司营销项目,\
中标金额约1.2亿元,远方科技(SZ300999)表示,本次中标将对公司未来经营业绩产生积极影响。";
    let text = report(&[PROSE, news, PROSE]);
    assert_eq!(passage_of(&text, "重大经营活动中标").1, Layout::Prose);
}

#[test]
fn captions_and_source_lines_glued_to_prose_are_left_out_of_the_reading_text() {
    // Unnumbered captions (`图:`, `图.2020…`), a unit after `单位;`, and
    // source lines that end with a broker's name: one-line text, glued.
    let runs = [
        "图:甲乙生物2019年营业收入构成图:主要公司吨浆营收(百万元/吨)资料来源:公司年报,某某证券研究所",
        "图.2020-2021年甲乙生物批签发情况(支/瓶)资料来源:中检院及地方所,某某证券研究中心",
        "图6:疫苗批签发示意图单位:人份图7:多糖疫苗批签发示意图单位;人份资料来源:某某网,某某证券资料来源:某某网,某某证券",
        "资料来源:某某咨询,某某数据,某某证券",
    ];
    let after = "公司血制品在研管线丰富,已获批品种数在行业中处于中上游,凝血因子类项目进展顺利,我们预计明年将有两个新品种获批上市。";
    for run in runs {
        let text = format!("{PROSE}{run}{after}\n");
        let (shown, layout) = shown_of(&text, "在研管线丰富");
        assert_eq!(layout, Layout::Prose);
        assert!(shown.starts_with("公司血制品在研管线"), "{shown}");
        let (shown, layout) = shown_of(&text, "营收增速高达74%");
        assert_eq!(layout, Layout::Prose);
        assert!(
            !shown.contains("资料来源") && !shown.contains("图"),
            "{shown}"
        );
        assert!(shown.ends_with("维持买入评级。"), "{shown}");
    }
    // A sentence that cites a figure, and one that names its source in
    // passing, are prose.
    let cited = "如图3所示,公司收入稳定增长,毛利率保持在较高水平,资料来源显示行业集中度仍在提升。";
    let text = format!("{PROSE}{cited}{after}\n");
    let (shown, _) = shown_of(&text, "如图3所示");
    assert!(shown.contains(cited), "{shown}");
}

#[test]
fn a_banner_is_left_out_and_the_title_reads_on_into_the_text() {
    let text = report(&[
        "甲乙生物(688001):眼科业务稳步增长",
        "公司研究|医疗保健|制药与生物科技证券研究报告甲乙生物(688001)公司跟踪报告2021年03月23日",
        PROSE,
    ]);
    let (shown, layout) = shown_of(&text, "眼科业务稳步增长");
    assert_eq!(layout, Layout::Prose);
    assert!(
        shown.contains("营收增速高达74%") && !shown.contains("证券研究报告"),
        "{shown}"
    );
    assert!(!shown.contains("公司跟踪报告"), "{shown}");
    let text = report(&["深度报告丙丁医药(000001)", PROSE]);
    let (shown, _) = shown_of(&text, "营收增速高达74%");
    assert!(!shown.contains("丙丁医药"), "{shown}");
    // The words in a sentence (a disclaimer's) are the sentence's.
    let legal = "本报告仅供本公司客户使用,特提醒投资者慎重使用未经授权刊载的本公司证券研究报告,并请阅读本证券研究报告最后一页的免责申明。\
未经许可不得擅自使用某某证券研究报告。证券研究报告是证券投资咨询业务的一种基本形式。";
    let text = report(&[PROSE, legal, PROSE]);
    let (shown, _) = shown_of(&text, "慎重使用未经授权");
    assert!(shown.contains(legal), "{shown}");
}

#[test]
fn a_table_of_stocks_keyed_by_their_codes_is_a_table() {
    let portfolio = "我们的投资组合见下表,每周五我们会根据情况对组合成分股进行调整。表3:推荐组合、推荐理由及表现\
代码公司推荐理由周涨跌幅年初至今600001.SH长江医药创新药及国际化龙头-1.99%23.01%\
300002.SZ黄河生物国内定制研发生产龙头,一体化平台2.31%45.20%\
0003.HK珠江医疗民营专科连锁龙头,异地扩张加速0.85%12.40%";
    let text = report(&[PROSE, portfolio, PROSE]);
    assert_eq!(passage_of(&text, "黄河生物国内定制").1, Layout::Table);
    // Companies named before their bracketed codes, in sentences, are prose.
    let advice = "我们看好长江医药(600001.SH)、黄河生物(300002.SZ)与珠江医疗(0003.HK),\
三者均有望受益于创新药研发外包需求的增长,同时关注松花江科技(830004.BJ)的订单兑现。";
    let text = report(&[PROSE, advice, PROSE]);
    assert_eq!(passage_of(&text, "三者均有望受益").1, Layout::Prose);
}

#[test]
fn a_comparison_table_of_check_marks_is_a_table() {
    let table =
        "各公司业务布局对比如下,龙头企业的布局更为完整。公司原料药中间体制剂生物药长江药业√√√√\
黄河制药√√珠江生物√√√松花江医药√√√√";
    let text = report(&[PROSE, table, PROSE]);
    assert_eq!(passage_of(&text, "黄河制药").1, Layout::Table);
    assert_eq!(passage_of(&text, "营收增速高达74%").1, Layout::Prose);
}

/// A passage that names the query only in a caption hidden in it is not a
/// result: the reader would see a passage without the query.
#[test]
fn a_passage_naming_the_query_only_in_a_hidden_caption_is_not_shown() {
    let env = crate::testenv::Env::new();
    let hidden_only = "注:所有产品均折算为标准规格,各月数据均来自中检院公开的批签发记录,\
我们按照同一口径汇总了全行业主要生产企业的月度数据,下文各节分别列示。\
图12:长江生物批签发情况(万瓶)资料来源:中检院,某证券研究所";
    let named = "长江生物本月合计批签发血制品20.23万瓶,同比增长15%,其中白蛋白批签发13.13万瓶,\
静丙批签发7.10万瓶,增长主要来自新浆站投产后的产能释放,全年有望保持稳定增长。";
    env.write("r1.txt", report(&[PROSE, hidden_only, PROSE, named, PROSE]));
    assert_eq!(env.index().code, 0);
    let shown = env.run(&["search", "长江生物", "--json", "--per-report", "0"]);
    let hits = shown.json_lines();
    assert!(!hits.is_empty(), "{}", shown.stdout);
    for h in &hits {
        let text = h["text"].as_str().unwrap();
        assert!(text.contains("长江生物"), "shown without the query: {text}");
    }
}

/// A one-line report's banner (slogan, report type, date, the title again) is not a passage
/// worth reading beside the report's prose, but it still answers a query nothing else does.
#[test]
fn a_front_page_banner_answers_only_when_no_prose_does() {
    let env = crate::testenv::Env::new();
    let title = "云帆科技(0999.HK)跟踪报告:外部扰动不改AI投入主线,回调带来配置机会";
    // The front page as a PDF's lines: banner, title, rating box, then the summary.
    let front = "长城证券研究所\n专业|领先|深度|诚信\n港股公司研究/互联网\n2025年04月10日\n\
云帆科技(0999.HK)\n外部扰动不改AI投入主线,回调带来配置机会\n——云帆科技跟踪报告\n\
评级:买入(维持)\n目标价:52港元\n分析师:林远舟\n执业证书编号:S1600519080001\n";
    let body = "\n投资要点\n\n业绩概览:云帆科技发布2024年报,全年收入660亿元,同比增长8%,经调整净利润222亿元,\n\
同比增长41%。广告与游戏收入均好于预期,我们认为云帆科技的AI投入将在2025年进入回报期,\n\
维持买入评级。\n";
    env.write(&format!("{title}.txt"), format!("{front}{body}"));
    assert_eq!(env.index().code, 0);
    let hits = env.run(&["search", "云帆科技", "--json"]).json_lines();
    assert!(!hits.is_empty());
    for h in &hits {
        assert!(
            !h["text"].as_str().unwrap().contains("专业|领先"),
            "banner shown beside prose: {h}"
        );
    }
    let only = env
        .run(&["search", "回调带来配置机会", "--json"])
        .json_lines();
    assert_eq!(only.len(), 1, "{only:?}");
    assert!(only[0]["text"].as_str().unwrap().contains("专业|领先"));
}

#[test]
fn a_table_of_words_that_no_rule_names_is_a_table_by_its_shape() {
    // A device table whose cells are phrases and one clause each: no
    // caption, no column labels the rules know, no dates or codes keying
    // its rows; what gives it away is its shape (`layout::shape`).
    let table =
        "某某线甲国聚对二氧环己酮面部提拉通常180-240天降解，产物为二氧化碳和水3800~26800元/全脸\
某某线乙国聚乳酸颈部紧致可刺激胶原蛋白再生，无毒无刺激12-18个月单次治疗后可再次治疗\
某某线丙国聚己内酯眼周抗衰植入后即刻提升，效果维持约两年参考价格9800元起";
    // Last, as on a report's last page: before prose, its unended rows
    // would run on into the prose's first line.
    let text = report(&[PROSE, table]);
    assert_eq!(passage_of(&text, "某某线乙国").1, Layout::Table);
    assert_eq!(passage_of(&text, "营收增速高达74%").1, Layout::Prose);
}
