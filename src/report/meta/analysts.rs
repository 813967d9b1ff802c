//! The analysts of a report: names next to SAC registration numbers (`S0990520040001`) and
//! names marked as analysts on the cover (`分析师:马莉`), told from label words by the surname
//! tables and the label words of author blocks.

use super::rating::RATINGS;
use crate::report::scan::{left_window, prev_char, right_window};
use crate::text::normalize::is_han;

/// An author of a report.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Analyst {
    /// The analyst's name in Han characters.
    pub name: String,
    /// SAC registration number (`S0990520040001`), if printed next to the name.
    pub sac: Option<String>,
}

/// Common Chinese surnames (single and compound) used to tell a name from a label word.
const SURNAMES: &str = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂全佟应臧闵苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池查麻苑迟邝官封谈匡鞠惠荆乐冀郁胥南班储原栗燕楚鄢劳谌奚皮粟冼蔺楼盘满闻位厉伊仝区郜海阚花权强帅屠豆朴盖练廉禹井祖漆巴丰支卿国狄平计索宣晋相初门云容敬来扈晁芮都普阙浦戈伏鹿薄邸雍辜羊阿乌母裘亓修邰赫杭况那宿鲜印逯隆茹诸战慕危玉银亢嵇公哈湛宾戎勾茅利於呼居揭干但尉冶斯元束檀衣信展阴昝智幸奉植衡富尧闭由蒯";
const COMPOUND_SURNAMES: &[&str] = &[
    "欧阳", "司马", "诸葛", "上官", "东方", "皇甫", "令狐", "慕容", "司徒", "夏侯", "尉迟", "长孙",
    "宇文", "公孙", "端木",
];

/// Words that follow or precede a name in author blocks and are never part of it.
const NAME_STOPS: &[&str] = &[
    "执业",
    "证书",
    "登记",
    "投资咨询",
    "电话",
    "邮箱",
    "联系人",
    "联系",
    "分析师",
    "研究员",
    "研究助理",
    "首席",
    "副首席",
    "资深",
    "高级",
    "助理",
    "sac",
    "tel",
    "email",
    "邮件",
    "手机",
    "办公",
    "证券",
    "执证",
    "博士",
    "硕士",
    "作者",
    "报告",
    "编号",
    "编码",
    "研究所",
    "研究院",
    "团队",
    "组长",
];

/// Two-character words that look like names after a surname filter but are not.
const NOT_NAMES: &[&str] = &[
    "申明", "声明", "信息", "简介", "承诺", "介绍", "团队", "联系", "电话", "邮箱", "研究", "行业",
    "公司", "证券", "报告", "首席", "助理", "宏观", "策略", "医药", "电子", "姓名", "未经", "任何",
    "本人", "该等",
];

fn surname_ok(name: &str) -> bool {
    COMPOUND_SURNAMES.iter().any(|c| name.starts_with(c))
        || name.chars().next().is_some_and(|c| SURNAMES.contains(c))
}

fn plausible_name(name: &str, strict: bool) -> bool {
    let n = name.chars().count();
    // `申明之` (`分析师申明之后…`): a label word followed by a character is no name either.
    if !(2..=4).contains(&n)
        || !name.chars().all(is_han)
        || NOT_NAMES.iter().any(|w| name.starts_with(w))
    {
        return false;
    }
    if NAME_STOPS.iter().any(|w| name.contains(w)) {
        return false;
    }
    if n == 4 {
        return COMPOUND_SURNAMES.iter().any(|c| name.starts_with(c));
    }
    !strict || surname_ok(name)
}

/// Strips label words from both ends of a run of Han characters.
fn strip_labels(mut run: &str) -> &str {
    loop {
        let before = run.len();
        for w in NAME_STOPS {
            if let Some(r) = run.strip_prefix(w) {
                run = r;
            }
            if let Some(r) = run.strip_suffix(w) {
                run = r;
            }
        }
        if run.len() == before {
            return run;
        }
    }
}

/// Picks a name out of a run of Han characters that ends (`at_end`) or starts at a label.
fn name_in_run(run: &str, at_end: bool) -> Option<String> {
    let run = strip_labels(run);
    let chars: Vec<char> = run.chars().collect();
    let n = chars.len();
    if (2..=3).contains(&n) && plausible_name(run, false) {
        return Some(run.to_string());
    }
    let take = |k: usize| -> String {
        if at_end {
            chars[n - k..].iter().collect()
        } else {
            chars[..k].iter().collect()
        }
    };
    for k in [4usize, 3, 2] {
        if n > k || (k == 4 && n == 4) {
            let c = take(k);
            if plausible_name(&c, true)
                && (k != 4 || COMPOUND_SURNAMES.iter().any(|x| c.starts_with(x)))
            {
                return Some(c);
            }
        }
    }
    None
}

/// The Han run that ends at byte `i`, cut at a label word or a non-Han character.
fn han_run_before(s: &str, i: usize) -> &str {
    let left = left_window(s, i, 12);
    let k = left
        .char_indices()
        .rev()
        .take_while(|(_, c)| is_han(*c))
        .last()
        .map(|(k, _)| k)
        .unwrap_or(left.len());
    let mut run = &left[k..];
    // Keep only what follows the last label word inside the run.
    for w in NAME_STOPS {
        if let Some(p) = run.rfind(w) {
            if p + w.len() < run.len() {
                run = &run[p + w.len()..];
            }
        }
    }
    run
}

fn han_run_after(s: &str, i: usize) -> &str {
    let r = right_window(s, i, 12);
    let k = r
        .char_indices()
        .find(|(_, c)| !is_han(*c))
        .map(|(k, _)| k)
        .unwrap_or(r.len());
    let mut run = &r[..k];
    for w in NAME_STOPS {
        if let Some(p) = run.find(w) {
            if p > 0 {
                run = &run[..p];
            }
        }
    }
    run
}

fn name_ending_at(s: &str, i: usize) -> Option<String> {
    name_in_run(han_run_before(s, i), true)
}

fn name_starting_at(s: &str, i: usize) -> Option<String> {
    name_in_run(han_run_after(s, i), false)
}

/// Names marked as analysts on the cover (`分析师:马莉`, `杜佐远(分析师)`, `王英娥分析师`), in order.
fn marked_names(cover: &str, marker: &str) -> Vec<String> {
    let strict =
        |n: Option<String>| n.filter(|x| plausible_name(x, true) && !RATINGS.contains(&x.as_str()));
    let mut marked: Vec<String> = Vec::new();
    for (p, _) in cover.match_indices(marker) {
        let after = p + marker.len();
        let r = right_window(cover, after, 2);
        let l = left_window(cover, p, 8);
        let first = r.chars().next();
        let before = han_run_before(cover, p);
        // The name stands alone: after a non-Han character or another label
        // (`王英娥分析师赵玉玲分析师`).
        let name_start = p - before.len();
        let bounded = prev_char(cover, name_start).is_none_or(|c| !is_han(c))
            || NAME_STOPS.iter().any(|w| cover[..name_start].ends_with(w));
        let mut name = None;
        if bounded && (2..=3).contains(&before.chars().count()) {
            name = strict(name_in_run(before, true));
        }
        // `杜佐远(分析师)`, `赵巧敏(副首席分析师,…)`: the marker inside the bracket, not after
        // a closed one (`优于大市(维持)分析师:…`).
        if name.is_none() {
            if let Some(q) = l.rfind('(').filter(|&q| !l[q..].contains(')')) {
                name = strict(name_ending_at(cover, p - (l.len() - q)));
            }
        }
        if name.is_none() && first.is_some_and(|c| c == ':' || is_han(c)) {
            let j = if first == Some(':') { after + 1 } else { after };
            name = strict(name_starting_at(cover, j));
        }
        if let Some(n) = name {
            if !marked.contains(&n) {
                marked.push(n);
            }
        }
    }
    marked
}

/// Label words between a name and its SAC number.
const SAC_LABELS: &[&str] = &[
    "sac执业证书编号",
    "sac执证编号",
    "sac执业编号",
    "执业证书编号",
    "执业资格证书编号",
    "执业资格证书编码",
    "证书编号",
    "执业编号",
    "执业证号",
    "登记编码",
    "投资咨询资格编号",
    "sacno.",
    "sacno",
    "sac",
    "编号",
    "分析师",
];

pub(super) fn extract_analysts(s: &str) -> Vec<Analyst> {
    let mut out: Vec<Analyst> = Vec::new();
    let cover = right_window(s, 0, 12_000);
    let marked = marked_names(cover, "分析师");
    // SAC registration numbers: `s` + 13 digits (lowercase after normalization).
    let b = s.as_bytes();
    let mut i = 0;
    let mut unnamed: Vec<(usize, String)> = Vec::new();
    let mut seen: Vec<String> = Vec::new();
    while i + 14 <= b.len() {
        // The next `s`, found with memchr: this scan covers the whole head.
        match memchr::memchr(b's', &b[i..b.len() - 13]) {
            Some(k) => i += k,
            None => break,
        }
        if !((i == 0 || !b[i - 1].is_ascii_alphabetic())
            && b[i + 1..i + 14].iter().all(u8::is_ascii_digit))
        {
            i += 1;
            continue;
        }
        let sac = format!("S{}", &s[i + 1..i + 14]);
        // Real reports have a handful of authors; the cap keeps pathological input linear.
        if seen.len() >= 64 {
            break;
        }
        if !seen.contains(&sac) {
            seen.push(sac.clone());
            let mut l = left_window(s, i, 24);
            loop {
                let t = l.trim_end_matches([':', '(', ' ', ')']);
                match SAC_LABELS.iter().find(|w| t.ends_with(*w)) {
                    Some(w) => l = &t[..t.len() - w.len()],
                    None => {
                        l = t;
                        break;
                    }
                }
            }
            let j = i - (left_window(s, i, 24).len() - l.len());
            match name_ending_at(s, j) {
                Some(n) if !out.iter().any(|a| a.name == n) => out.push(Analyst {
                    name: n,
                    sac: Some(sac),
                }),
                Some(_) => {}
                None => unnamed.push((i, sac)),
            }
        }
        i += 14;
    }
    // Several numbers in a row after names run together (`王涛李明…s0990521070003s0990521070005`):
    // one certificate number per analyst splits the run into as many names.
    let merged = split_merged_names(s, &unnamed);
    let marked: Vec<String> = if merged.is_empty() {
        marked
    } else {
        // A marked name cut out of the merged run (`王涛李`) is not an analyst of its own.
        let run: String = merged.iter().map(|(_, n)| n.as_str()).collect();
        marked
            .into_iter()
            .filter(|n| !run.contains(n.as_str()))
            .collect()
    };
    let unnamed: Vec<(usize, String)> = unnamed
        .into_iter()
        .filter(|(pos, sac)| match merged.iter().find(|(p, _)| p == pos) {
            Some((_, name)) => {
                out.push(Analyst {
                    name: name.clone(),
                    sac: Some(sac.clone()),
                });
                false
            }
            None => true,
        })
        .collect();
    // Numbers without an adjacent name: marked names in order, then the nearest name before.
    let mut free: Vec<String> = marked
        .iter()
        .filter(|n| !out.iter().any(|a| a.name == **n))
        .cloned()
        .collect();
    free.reverse();
    for (pos, sac) in unnamed {
        if let Some(n) = free.pop() {
            out.push(Analyst {
                name: n,
                sac: Some(sac),
            });
            continue;
        }
        if let Some(n) = nearest_name_before(s, pos, 100) {
            if !out.iter().any(|a| a.name == n) {
                out.push(Analyst {
                    name: n,
                    sac: Some(sac),
                });
            }
        }
    }
    // Without any registration number (old `A…` numbers, malformed ones) the marked names are
    // all there is.
    if seen.is_empty() {
        free.reverse();
        for n in free {
            out.push(Analyst { name: n, sac: None });
        }
    }
    out
}

/// Names for a run of certificate numbers (positions of `unnamed`, 14 bytes each, side by
/// side) from the nearest run of Han characters before them that splits into one name per
/// number, each starting with a surname: (position, name) pairs.
fn split_merged_names(s: &str, unnamed: &[(usize, String)]) -> Vec<(usize, String)> {
    let mut out = Vec::new();
    let mut k = 0;
    while k < unnamed.len() {
        let mut end = k + 1;
        while end < unnamed.len() && unnamed[end].0 <= unnamed[end - 1].0 + 16 {
            end += 1;
        }
        let group = &unnamed[k..end];
        if group.len() >= 2 {
            let left = left_window(s, group[0].0, 60);
            let runs: Vec<&str> = left
                .split(|c: char| !is_han(c))
                .filter(|r| !r.is_empty())
                .collect();
            let names = runs
                .iter()
                .rev()
                .find_map(|r| split_names(strip_labels(r), group.len()));
            if let Some(names) = names {
                out.extend(group.iter().map(|(p, _)| *p).zip(names));
            }
        }
        k = end;
    }
    out
}

/// `run` cut into `n` names of two or three characters, each plausible, when exactly one
/// cut fits.
fn split_names(run: &str, n: usize) -> Option<Vec<String>> {
    let chars: Vec<char> = run.chars().collect();
    if chars.len() < 2 * n || chars.len() > 3 * n {
        return None;
    }
    fn cuts(chars: &[char], n: usize, acc: &mut Vec<String>, found: &mut Vec<Vec<String>>) {
        if n == 0 {
            if chars.is_empty() {
                found.push(acc.clone());
            }
            return;
        }
        for len in 2..=3.min(chars.len()) {
            let name: String = chars[..len].iter().collect();
            if plausible_name(&name, true) {
                acc.push(name);
                cuts(&chars[len..], n - 1, acc, found);
                acc.pop();
            }
        }
    }
    let mut found = Vec::new();
    cuts(&chars, n, &mut Vec::new(), &mut found);
    // `王涛李明` is 王涛 + 李明 (a 3 + 1 cut fails); a run that cuts two ways is left alone.
    (found.len() == 1).then(|| found.pop().expect("one cut"))
}

/// The closest 2–3 character Han run (label words removed) within `n` chars before byte `i`.
fn nearest_name_before(s: &str, i: usize, n: usize) -> Option<String> {
    let left = left_window(s, i, n);
    let runs: Vec<&str> = left
        .split(|c: char| !is_han(c))
        .filter(|r| !r.is_empty())
        .collect();
    runs.iter().rev().find_map(|r| {
        let t = strip_labels(r);
        ((2..=3).contains(&t.chars().count()) && plausible_name(t, true)).then(|| t.to_string())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_run_together_are_split_by_their_numbers() {
        let t = "[table_investrank]评级:前次:分析师分析师王涛李明,cfa(首席分析师)s0990521070003s0990521070005010-12345678";
        let a = extract_analysts(t);
        let names: Vec<&str> = a.iter().map(|a| a.name.as_str()).collect();
        assert_eq!(names, vec!["王涛", "李明"], "{a:?}");
        assert_eq!(a[1].sac.as_deref(), Some("S0990521070005"));
    }

    #[test]
    fn the_long_label_of_a_certificate_is_not_a_name() {
        let t = "某证券研究院分析师:周一鸣执业资格证书编号:s0990523080002电话:021-50001234";
        let a = extract_analysts(t);
        let names: Vec<&str> = a.iter().map(|a| a.name.as_str()).collect();
        assert_eq!(names, vec!["周一鸣"], "{a:?}");
    }
}
