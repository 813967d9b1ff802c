//! Tables of policies: each row a date, the body that issued the policy and
//! its title, then what it says (`2015.8国务院《关于…的意见》提高…2016年3月
//! 药监局《…》…`), or the title first and the body and date after it
//! (`关于…的意见国务院2015.8提高…`). Their cells hold sentences, so the
//! sentence ends that tell prose from cells elsewhere do not tell it here;
//! what does is the row's key. Prose puts a verb between the body and the
//! title (`2016年国务院发布《…》`, `卫生部于2008年颁布`), or a pause
//! before the date (`2016年10月,国务院…`); a row glues them.
//!
//! Works on the characters of normalized text.

/// Rows of a table of policies a passage holds, at least, to read as one:
/// one such key may open a sentence of prose.
pub(super) const MIN_POLICY_ROWS: usize = 2;

/// Issuing bodies named in full or by their usual short names.
const BODIES: &[&str] = &[
    "国务院办公厅",
    "国务院",
    "中共中央办公厅",
    "中共中央",
    "全国人大常委会",
    "全国人大",
    "卫生部",
    "商务部",
    "科技部",
    "财政部",
    "工信部",
    "人社部",
    "民政部",
    "教育部",
    "公安部",
    "生态环境部",
    "工业和信息化部",
    "卫计委",
    "卫健委",
    "药监局",
    "食药监局",
    "医保局",
    "发改委",
    "证监会",
    "银保监会",
    "人民银行",
    "海关总署",
    "税务总局",
    "市场监管总局",
    "药审中心",
    "上交所",
    "深交所",
    "cfda",
    "nmpa",
    "sfda",
    "fda",
    "ema",
];

/// What ends the name of a body of the state (`国家药品监督管理局`,
/// `国家卫健委`, `国家发展改革委`).
const STATE_BODY_ENDS: &[char] = &['局', '委', '部', '署'];
/// Characters between `国家` and the end of a body's name, at most.
const STATE_BODY_CHARS: usize = 8;

/// Characters after which a date is inside a sentence (`自2017年`,
/// `于2015.8`, `截至2020年`), not a row's key.
fn inside_sentence(c: char) -> bool {
    matches!(
        c,
        '自' | '以'
            | '于'
            | '在'
            | '从'
            | '至'
            | '到'
            | '止'
            | '和'
            | '及'
            | '与'
            | '是'
            | '为'
            | '将'
            | '由'
            | '等'
            | '而'
            | '并'
            | '或'
            | '但'
            | '即'
            | '截'
            | '当'
    )
}

/// How many rows of a table of policies `cs` holds (see the module
/// comment): a date, one body or more (`中共中央、国务院`) and the title
/// right after (`《`, `关于`, a quote); or a body, then a date written
/// with dots or dashes (`国务院2015.8`), then a word.
pub(super) fn policy_rows(cs: &[char]) -> usize {
    let mut rows = 0;
    let mut i = 0;
    while i < cs.len() {
        if !cs[i].is_ascii_digit() || (i > 0 && cs[i - 1].is_ascii_digit()) {
            i += 1;
            continue;
        }
        let Some((end, dotted)) = date_at(cs, i) else {
            i += 1;
            continue;
        };
        let opens = i == 0 || !inside_sentence(cs[i - 1]);
        // A date, then the body and the title (`2015.8国务院《…》`), or the
        // title with no body (`2019年8月关于…的通知国家药监局…`).
        let keyed = opens && (titled_after(cs, end) || cs.get(end..end + 2) == Some(&['关', '于']));
        // The body or the title first, then a date written with dots,
        // dashes or slashes, then the next cell (`…的意见国务院2015.8提高…`,
        // `…规划的通知2016/12/27分级诊疗…`).
        let after_key = dotted
            && (body_ending_at(cs, i) || title_ending_at(cs, i))
            && cs.get(end).is_some_and(|&c| opens_cell(c));
        if keyed || after_key {
            rows += 1;
        }
        i = end;
    }
    rows
}

/// Words that end a policy's title (`…的通知`, `…的意见》`).
const TITLE_ENDS: &[&str] = &[
    "通知", "意见", "办法", "规定", "方案", "规划", "纲要", "决定", "公告", "指南", "条例", "》",
];

/// Whether a policy's title ends right before `at`.
fn title_ending_at(cs: &[char], at: usize) -> bool {
    TITLE_ENDS.iter().any(|end| {
        let n = end.chars().count();
        at >= n && cs[at - n..at].iter().copied().eq(end.chars())
    })
}

/// Whether `c` may open a row's next cell: a Han word or a title.
fn opens_cell(c: char) -> bool {
    (crate::text::is_han(c) && !matches!(c, '年' | '月' | '日' | '起' | '至' | '前' | '后'))
        || c == '《'
}

/// The end of a date that starts at `i` (`2015.8`, `2018-11-23`,
/// `2018/8/28`, `2016年`, `2016年10月`, `2020年2月1日`), and whether it is
/// written with dots, dashes or slashes.
fn date_at(cs: &[char], i: usize) -> Option<(usize, bool)> {
    let year = super::page_numbers::digits_from(cs, i);
    if year != 4 || !matches!(cs[i..i + 2], ['1', '9'] | ['2', '0']) {
        return None;
    }
    let mut end = i + 4;
    match cs.get(end) {
        Some(&sep @ ('.' | '-' | '/')) => {
            let month = super::page_numbers::digits_from(cs, end + 1);
            let number = super::page_numbers::value_of(&cs[end + 1..end + 1 + month]);
            if !(1..=2).contains(&month) || !(1..=12).contains(&number) {
                return None;
            }
            end += 1 + month;
            if cs.get(end) == Some(&sep) {
                let day = super::page_numbers::digits_from(cs, end + 1);
                if (1..=2).contains(&day) {
                    end += 1 + day;
                }
            }
            // More digits or another dot: a figure (`2015.88`), not a date.
            if cs.get(end).is_some_and(|c| c.is_ascii_digit() || *c == '.') {
                return None;
            }
            Some((end, true))
        }
        Some('年') => {
            end += 1;
            for unit in ['月', '日'] {
                let n = super::page_numbers::digits_from(cs, end);
                if (1..=2).contains(&n) && cs.get(end + n) == Some(&unit) {
                    end += n + 1;
                } else {
                    break;
                }
            }
            Some((end, false))
        }
        _ => None,
    }
}

/// Whether one body or more (joined by `、` or a comma) start at `at` and
/// a title follows them right away.
fn titled_after(cs: &[char], at: usize) -> bool {
    // Right after a row's date, any name that ends as a body's does
    // (`中医药管理局`, `卫计委`) is one.
    let body = |at: usize| body_at(cs, at).or_else(|| office_at(cs, at));
    let Some(mut end) = body(at) else {
        return false;
    };
    while matches!(cs.get(end), Some('、' | ',' | '和' | '及' | '与')) {
        match body(end + 1) {
            Some(next) => end = next,
            None => break,
        }
    }
    match cs.get(end) {
        Some('《' | '“' | '"') => true,
        Some('关') => cs.get(end + 1) == Some(&'于'),
        _ => false,
    }
}

/// The end of the body's name that starts at `at`, the longest.
fn body_at(cs: &[char], at: usize) -> Option<usize> {
    let named = BODIES
        .iter()
        .filter(|b| {
            let mut k = at;
            b.chars().all(|c| {
                let same = cs.get(k).is_some_and(|x| x.to_ascii_lowercase() == c);
                k += 1;
                same
            })
        })
        .map(|b| at + b.chars().count())
        .max();
    named.or_else(|| state_body_at(cs, at))
}

/// The end of a body of the state's name at `at`: `国家`, a few Han
/// characters, and the shortest end that makes it a body.
fn state_body_at(cs: &[char], at: usize) -> Option<usize> {
    if cs.get(at..at + 2)? != ['国', '家'] {
        return None;
    }
    (at + 3..=at + 2 + STATE_BODY_CHARS)
        .take_while(|&k| cs.get(k - 1).is_some_and(|&c| crate::text::is_han(c)))
        .find(|&k| STATE_BODY_ENDS.contains(&cs[k - 1]))
}

/// The end of a name of three to [`STATE_BODY_CHARS`] Han characters at
/// `at` that ends as a body's does (`中医药管理局`), the shortest.
fn office_at(cs: &[char], at: usize) -> Option<usize> {
    (at..at + STATE_BODY_CHARS)
        .take_while(|&k| cs.get(k).is_some_and(|&c| crate::text::is_han(c)))
        .find(|&k| k >= at + 2 && STATE_BODY_ENDS.contains(&cs[k]))
        .map(|k| k + 1)
}

/// Whether a body's name ends right before `at`.
fn body_ending_at(cs: &[char], at: usize) -> bool {
    let longest = BODIES
        .iter()
        .map(|b| b.chars().count())
        .chain([2 + STATE_BODY_CHARS])
        .max()
        .unwrap_or(0);
    (1..=longest.min(at)).any(|len| body_at(cs, at - len) == Some(at))
}

#[cfg(test)]
mod tests {
    use super::policy_rows;

    fn rows(text: &str) -> usize {
        policy_rows(&text.chars().collect::<Vec<char>>())
    }

    #[test]
    fn rows_keyed_by_a_date_and_the_issuing_body() {
        assert_eq!(
            rows("时间发布部门政策名称主要内容2031.01工信部《某某产业发展行动计划》到2033年产业规模进一步扩大。2030.12财政部、税务总局《关于促进某某产业高质量发展的政策》国家鼓励的企业免征所得税。"),
            2
        );
        assert_eq!(
            rows("2029年科技部《某某装备科技专项规划》制定重点产品的发展路线图。2030年国务院《某某制造2040》重点发展影像设备。2030年10月cfda《某某器械优先审批程序》对于临床急需的产品实施优先审批"),
            3
        );
        // A state body named in full, and bodies joined before the title.
        assert_eq!(
            rows("2030年5月国家药品监督管理局《关于某某的公告》明确责任2030年6月中共中央、国务院《某某规划纲要》全面建立制度"),
            2
        );
    }

    #[test]
    fn a_passage_of_policy_rows_reads_as_a_table() {
        let table = "2030年国务院《某某制造2040》重点发展影像设备、医用机器人等高性能诊疗设备,以及全降解血管支架等高值医用耗材。2030年8月国务院《关于改革某某审批制度的意见》改革医疗器械审批方式,健全审评质量控制体系。";
        assert!(crate::layout::reads_as_table(table));
        let prose = "2030年,国务院发布《某某制造2040》,重点发展影像设备、医用机器人等高性能诊疗设备。同年8月,国务院印发《关于改革某某审批制度的意见》,改革医疗器械审批方式。";
        assert!(!crate::layout::reads_as_table(prose));
    }

    #[test]
    fn the_title_first_then_the_body_and_the_date() {
        assert_eq!(
            rows("文件名称发布机构时间主要内容关于改革某某审批制度的意见国务院2030.8提高审批质量某某注册分类改革方案药监局2031.3定义新药为未上市的药品"),
            2
        );
    }

    #[test]
    fn rows_with_a_title_and_no_body_or_a_slashed_date_after_the_title() {
        // The title with no body after the date, the body after the title.
        assert_eq!(
            rows("2031年8月关于扩大某某试点工作的通知国家某某管理局加快推进产业创新发展。2031年12月关于某某注册的公告某某局明确注册人责任"),
            2
        );
        // The title, then a date with slashes, then the next cell.
        assert_eq!(
            rows("某某委关于印发某某改革规划的通知2031/12/27分级诊疗制度建设加快推进某某委关于深化某某改革的意见2029/3/17首次提出分级诊疗概念"),
            2
        );
        // Bodies no list names, after the date.
        assert_eq!(
            rows("2031.11卫计委、中医药管理局关于做好某某试点工作的通知给出了重点任务。2032.08某某委关于推进某某工作的通知确定试点城市"),
            2
        );
    }

    #[test]
    fn prose_about_policies_is_no_table() {
        // A verb between the body and the title, or a pause after the date.
        assert_eq!(
            rows("2030年国务院发布《某某规划》，提出加快发展。2031年10月,卫健委印发《某某办法》。"),
            0
        );
        // A date inside a sentence.
        assert_eq!(
            rows("自2030年国家七部委联合开展专项行动以来,行业进入强监管时代;公司于2031.3药监局《某某公告》发布后获批。"),
            0
        );
        // A figure with decimals, not a date.
        assert_eq!(rows("营收达2030.15亿元国务院《某某意见》"), 0);
    }
}
