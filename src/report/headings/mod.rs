//! Section headings of a normalized report: [`detect_headings`] finds them, in order.
//!
//! Many real reports are one single line without any whitespace, so headings are glued to the
//! text around them; the rules therefore rely on the characters right before and after a heading
//! word rather than on line structure.  [`vocab`] finds the heading words, [`context`] judges the
//! characters around them, [`lead`] the numbering and qualifiers in front of them; this file
//! runs the scan and cleans up its result.
//!
//! # Heading rules (the conventions the labels in `tests/labels/*.json` follow)
//! * A heading is a section word (see [`VOCAB`](crate::report::section::VOCAB)) used as a
//!   label: after a sentence end, a bullet/symbol, a `[table_…]` marker, a bracket, numbering
//!   (`1.`, `一、`, `(一)`) or a page number; or directly before `:` / a bullet.  The same words
//!   inside a sentence (`…的风险提示`, `请务必阅读正文之后的免责声明`) are not headings.
//! * Table-of-contents entries (followed by dot leaders) and figure/table captions (`表9:…`) are
//!   not headings.  A `目录` line itself starts a [`Section::Body`] stretch.
//! * Combined headings take the more specific type: anything that mentions 声明 is a disclaimer
//!   (`法律声明及风险提示`), anything that mentions 投资建议 / 投资策略 / 评级 is advice
//!   (`盈利预测与投资建议`, `盈利预测和投资评级`), 盈利预测 / 估值 / 财务预测 alone is forecast.
//! * The rating definitions block (`投资评级说明`, `评级标准`, …) is one rating-scale heading;
//!   sub-headings repeated inside it (`行业评级`, `公司评级`) within 300 chars are not new ones.
//! * Analyst, disclaimer and rating-scale headings are end matter: they only count in the last
//!   60 % of a document, which removes cover-page mentions.
//! * Numbered chapters (`一、…`), `目录` and `[table_…]` layout markers start `Body` stretches so
//!   that body text after a cover-page `风险提示` is not attributed to the risk section.
//! * A lead-in makes a section word a heading whatever is glued before it: chapter numbering
//!   (`3.2估值:`), numbering and a few words (`3、盈利与估值`, `4重点公司盈利预测`), or a
//!   qualifier naming companies at a block start (`。重点公司盈利预测及估值`, `##重点银行估值表`).
//!   Numbered headings may go on with words outside the vocabulary (`3估值与情绪`).
//! * Other cues that a word is a heading: a sentence opening with `我们` right after it, the year
//!   columns of a table (`财务数据和估值2018 2019…`), a short complement and a colon
//!   (`估值复盘:…`), a broker's source line before it (`资料来源:wind,招商证券投资建议`), a
//!   sentence of its own (`。医药行业估值分析。`), and — for summary words — being on the cover
//!   (first fifth of the text) right after the title.
//! * An analyst's profile without a heading (`张三:某某大学硕士,…2019年加入某某证券`, in the
//!   last 40 % of the text) opens an analyst stretch ([`profile`]).
//! * A summary bullet labelled `投资评级:` that goes on with a sentence (`•投资评级:行业景气度较高,
//!   我们维持推荐评级,…`) is advice; with a rating word (`投资评级:增持(维持)`) it is the rating
//!   box's field.
//! * A summary bullet labelled by the picks it recommends or the rating it gives (`推荐行业公司:…`,
//!   `重点推荐:…`, `首次覆盖,给予某某买入评级:…`) is advice; not `推荐逻辑:`, `推荐关注:` (a watch
//!   list) or an item of a numbered list of sectors.
//! * A statement verb with its object is a sentence (`分析师承诺不曾因…`), and a heading right
//!   after one of the same type is part of it (`投资要点:❖月度核心观点`).

mod context;
mod lead;
mod profile;
mod vocab;

pub(crate) use context::in_page_header;

use crate::report::brokers::broker_suffix_before;
use crate::report::scan::{is_bullet, left_window, next_char, prev_char, right_window};
use crate::report::section::Section;
use crate::text::normalize::is_han;
use context::{is_caption, left_ok, right_reject, right_strong, LEFT_PARTICLES};
use lead::{caption_label_before, chinese_numeral, lead_in, numbering_before};
use vocab::Vocab;
use Section::*;

/// A section heading found in a normalized text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Heading {
    /// Char offset in the normalized text.
    pub start: usize,
    /// Char offset, exclusive.
    pub end: usize,
    /// The heading as written (normalized), with its numbering or broker prefix if any.
    pub text: String,
    /// The section it opens.
    pub section: Section,
}

/// Raw heading with byte offsets.
struct Raw {
    start: usize,
    end: usize,
    section: Section,
}

/// Section headings in order of position.  A passage starting at char offset `p` belongs to the
/// section of the last heading with `start <= p` ([`Section::Body`] before the first heading).
pub fn detect_headings(normalized: &str) -> Vec<Heading> {
    let s = normalized;
    let vocab = Vocab::get();
    let len = s.len();
    let mut raw: Vec<Raw> = Vec::new();
    let mut skip_until = 0usize;
    for (i, c) in s.char_indices() {
        if i < skip_until || !vocab.is_interesting(c) {
            continue;
        }
        if c == '[' {
            // `[table_xxx]` layout markers separate cover blocks; the summary marker is left to the
            // summary word that follows it.
            let r = right_window(s, i, 40);
            if r.starts_with("[table_") && !r.starts_with("[table_summary") {
                if let Some(close) = r.find(']') {
                    raw.push(Raw {
                        start: i,
                        end: i + close + 1,
                        section: Body,
                    });
                    skip_until = i + close + 1;
                }
            }
            continue;
        }
        if chinese_numeral(c) {
            // `一、` chapter headings start body stretches.
            let r = right_window(s, i, 4);
            let mut it = r.chars();
            it.next();
            let mut d = it.next();
            if d.is_some_and(chinese_numeral) {
                d = it.next();
            }
            if d == Some('、') && it.next().is_some_and(is_han) {
                let p = prev_char(s, i);
                // (After Han text: a sentence end, or a source line's end,
                // `…上海证券研究所四、`, or a running header's date.)
                let left = left_window(s, i, 8);
                if p.is_none_or(|p| !is_han(p) || "。:".contains(p))
                    || context::BLOCK_ENDERS.iter().any(|e| left.ends_with(e))
                    || context::ends_with_date(left)
                {
                    raw.push(advice_chapter(s, i, vocab).unwrap_or(Raw {
                        start: i,
                        end: i + c.len_utf8(),
                        section: Body,
                    }));
                }
            }
        }
        let Some((phrase, section)) = vocab.longest_at(s, i, c) else {
            if let Some(r) = rated_bullet(s, i).or_else(|| picks_label(s, i)) {
                skip_until = r.end;
                raw.push(r);
            }
            continue;
        };
        let mut start = i;
        let mut end = i + phrase.len();
        // Compound headings: `X与Y`, `X及Y`, `X和Y`.
        if let Some(conn) = next_char(s, end) {
            if "与及和、".contains(conn) {
                let j = end + conn.len_utf8();
                if let Some(c2) = next_char(s, j) {
                    if let Some((p2, s2)) = vocab.longest_at(s, j, c2) {
                        if s2 != Body {
                            end = j + p2.len();
                        }
                    }
                }
            }
        }
        let text = &s[start..end];
        let section = classify(text, section);
        // Broker prefix: `华西证券免责声明`, `西南证券投资评级说明`.
        if section.is_end_matter() {
            if let Some(b) = broker_suffix_before(s, start) {
                start = b;
            }
        }
        if section == Forecast && phrase == "附表:" {
            // `附表:重点公司盈利预测` — an appendix table of forecasts.
            let r = right_window(s, end, 16);
            match ["盈利预测", "财务预测", "估值", "预测", "指标"]
                .iter()
                .filter_map(|k| r.rfind(k).map(|p| p + k.len()))
                .max()
            {
                Some(p) => end += p,
                None => continue,
            }
        }
        let strong_right = right_strong(s, end);
        let numbered = numbering_before(s, start);
        let lead = if section == Body || section.is_end_matter() {
            None
        } else {
            lead_in(s, start)
        };
        let ok = if section == Body {
            (phrase.contains("目录") || phrase == "报告正文")
                && !right_reject(s, start, end, false)
                && prev_char(s, start)
                    .is_none_or(|p| !is_han(p) || phrase != "目录" || left_ok(s, start, false))
        } else {
            let bare_weak = matches!(
                phrase,
                "估值" | "摘要" | "投资策略" | "投资提示" | "周观点" | "建议关注"
            );
            // End matter comes after most of a report; a one-page note's
            // statements and disclaimer may take most of it.
            let late = (start as f64) >= 0.4 * len as f64
                || (len < SHORT_REPORT && (start as f64) >= 0.2 * len as f64);
            // End matter (statements, rating definitions) is a run of blocks: a heading word right
            // after another heading or after any non-particle character there starts a block.
            let adjacent = raw
                .last()
                .is_some_and(|r| r.section != Body && start.saturating_sub(r.end) <= 3);
            let end_matter_left = section.is_end_matter()
                && late
                && prev_char(s, start).is_some_and(|p| is_han(p) && !LEFT_PARTICLES.contains(p))
                && !in_page_header(left_window(s, start, 24));
            // Summary headings glued to the cover title (`…持续兑现投资要点国内…`).
            let cover_summary = section == Summary
                && !bare_weak
                && start < 6000
                && start * 5 < len
                && prev_char(s, start).is_some_and(|p| !LEFT_PARTICLES.contains(p))
                && !in_page_header(left_window(s, start, 24));
            let left = numbered.is_some()
                || lead.is_some()
                || phrase == "附表:"
                || adjacent
                || end_matter_left
                || cover_summary
                || left_ok(s, start, strong_right);
            // A numbered heading may join words that are not in the vocabulary
            // (`3估值与情绪`, `投资建议及重点公司`).
            let joined = numbered.is_some() || lead.is_some_and(|l| l.1);
            // `1)估值过高的风险`: a risk item, not a valuation heading.
            let risk_item = section == Forecast && right_window(s, end, 8).contains("风险");
            // After a source line (`…证券研究所整理`), with or without the
            // chapter's number (`…研究所6.`), an advice or risk word opens the
            // next chapter whatever word its first sentence starts with
            // (`投资建议中芯国际(…)`, `6.投资建议为什么…`); not a particle of
            // grammar (`投资建议的…`).
            let sourced = matches!(section, Advice | Risk)
                && context::after_source_line(s, start)
                && next_char(s, end).is_some_and(|c| !"的之。,、等及和与或对是也".contains(c));
            let mut ok = left
                && (sourced || !right_reject(s, start, end, joined))
                && !is_caption(s, start)
                && !risk_item;
            if lead.is_some_and(|(p, _)| caption_label_before(s, p)) {
                ok = false;
            }
            // Weak words need numbering in front (`3.2估值`, `3.上市公司估值`), not just a
            // qualifier (`❑连锁医疗标的估值`).
            if bare_weak && end == i + phrase.len() && !lead.is_some_and(|l| l.1) {
                let prev = prev_char(s, start);
                ok &= strong_right && prev.is_none_or(|p| !is_han(p))
                    || phrase == "摘要"
                        && prev.is_none_or(|p| p == ']' || p == '】' || is_bullet(p))
                    // A bullet of its own (`⚫投资策略一方面,…`) names the
                    // bullet's topic as a label does: the front page's advice.
                    || phrase == "投资策略" && prev.is_some_and(is_bullet);
            }
            if section.is_end_matter() && !late {
                ok = false;
            }
            // A bare statement word is a heading only where a paragraph opens
            // (`…观点。声明:…`); after a verb's subject it is the verb (`分析
            // 师在此作以下声明:…`), inside the analyst's statement.
            if phrase == "声明:" && prev_char(s, start) != Some('。') {
                ok = false;
            }
            ok
        };
        if !ok {
            continue;
        }
        if let Some((p, _)) = lead {
            start = start.min(p);
        }
        raw.push(Raw {
            start,
            end,
            section,
        });
        skip_until = end;
    }
    raw.extend(profile::analyst_profiles(s));
    postprocess(s, raw)
}

/// The words a rating box gives after `投资评级:` (`增持(维持)`, `看好`).
const RATING_WORDS: &[&str] = &[
    "买入", "增持", "推荐", "看好", "中性", "强于", "优于", "领先", "同步", "谨慎", "审慎", "持有",
    "减持", "卖出", "回避", "跑赢", "超配", "标配",
];

/// A summary bullet labelled `投资评级:` that says why (`•投资评级:行业景气度
/// 较高,我们维持推荐评级,建议关注…`): the front page's advice, not the
/// rating box's field (`投资评级:增持(维持)`), nor the scale's definitions at
/// the end.
fn rated_bullet(s: &str, i: usize) -> Option<Raw> {
    const LABEL: &str = "投资评级:";
    if !s[i..].starts_with(LABEL) || i * 5 >= s.len() {
        return None;
    }
    if !prev_char(s, i).is_some_and(|p| is_bullet(p) || p == '。') {
        return None;
    }
    let end = i + LABEL.len();
    let r = right_window(s, end, 30);
    let sentence = r.contains(',') && !RATING_WORDS.iter().any(|w| r.starts_with(w));
    sentence.then_some(Raw {
        start: i,
        end: end - 1,
        section: Advice,
    })
}

/// Characters of a label naming picks or a rating, at most.
const MAX_PICKS_LABEL: usize = 24;

/// A summary bullet labelled by the picks it recommends or the rating it
/// gives (`推荐行业公司:艾德生物…`, `重点推荐:…`, `首次覆盖,给予某某医疗买入
/// 评级:…`): the front page's advice. The label opens after a bullet or a
/// sentence end and ends at its colon; it names a recommendation (`推荐`) or
/// a rating given (`给予`/`维持`/`首次` … `评级`), not the broker's scale,
/// the reasons for a pick (`推荐逻辑:`) or how the picks fared (`重点推荐个股
/// 表现:`); nor a watch list (`推荐关注:`).
fn picks_label(s: &str, i: usize) -> Option<Raw> {
    if i * 5 >= s.len() || !prev_char(s, i).is_some_and(|p| is_bullet(p) || p == '。') {
        return None;
    }
    let r = right_window(s, i, MAX_PICKS_LABEL * 3);
    let colon = r.find(':')?;
    let label = &r[..colon];
    if label.chars().count() > MAX_PICKS_LABEL
        || label.contains(['。', ';'])
        || !label.chars().all(|c| is_han(c) || c == ',')
        || ["说明", "标准", "逻辑", "理由", "表现", "回顾", "收益"]
            .iter()
            .any(|w| label.contains(w))
    {
        return None;
    }
    // (`推荐关注:` is a watch list, as `建议关注` is when it has no colon of
    // its own: the summary's words.)
    let picks = label.contains("推荐") && !label.contains(',') && !label.ends_with("关注");
    let rating =
        label.ends_with("评级") && ["给予", "维持", "首次"].iter().any(|w| label.contains(w));
    // (Inside a numbered list of sectors, `1)传统ivd:…重点推荐公司:…。2)零售
    // 药店:…`, the picks are an item's words, not a bullet of their own.)
    let rest: Vec<char> = right_window(s, i + colon, 600)
        .chars()
        .take_while(|&c| !is_bullet(c))
        .collect();
    let listed = rest
        .windows(3)
        .any(|w| w[0] == '。' && w[1].is_ascii_digit() && matches!(w[2], ')' | '、' | '.'));
    ((picks || rating) && !listed).then_some(Raw {
        start: i,
        end: i + colon,
        section: Advice,
    })
}

/// Bytes of normalized text under which a report is a one-page note.
const SHORT_REPORT: usize = 12_000;

/// A chapter `四、` whose title names a strategy, ratings or picks
/// (`四、家电行业评级、策略及重点公司`, `五、个股推荐`) and no section word
/// of the vocabulary: the report's advice.
fn advice_chapter(s: &str, i: usize, vocab: &'static Vocab) -> Option<Raw> {
    let r = right_window(s, i, 24);
    let title_at = r.find('、')? + '、'.len_utf8();
    let title: String = r[title_at..]
        .chars()
        .take_while(|&c| is_han(c) || c == '、')
        .take(16)
        .collect();
    let from = i + title_at;
    let in_vocab = title
        .char_indices()
        .any(|(k, c)| vocab.longest_at(s, from + k, c).is_some());
    (["策略", "评级", "推荐"].iter().any(|w| title.contains(w)) && !in_vocab).then(|| Raw {
        start: i,
        end: from + title.len(),
        section: Advice,
    })
}

fn classify(text: &str, base: Section) -> Section {
    if base == Body || base == RatingScale {
        return base;
    }
    if text.contains("声明") || text.contains("免责") {
        if text.starts_with("分析师") || text.starts_with("证券分析师") {
            return Analyst;
        }
        return Disclaimer;
    }
    // Ratings without investment words beside a forecast and valuation
    // (`盈利预测、估值与评级`) are the forecast's; `盈利预测与投资评级` is advice.
    let forecast = text.contains("估值") && text.contains("盈利预测");
    // The risks a rating faces (`评级面临的主要风险`) are risks.
    if base == Risk && !text.contains("投资") {
        return base;
    }
    if text.contains("投资建议")
        || text.contains("投资策略")
        || text.contains("投资评级")
        || text.contains("评级") && !forecast
    {
        return Advice;
    }
    base
}

fn postprocess(s: &str, mut raw: Vec<Raw>) -> Vec<Heading> {
    raw.sort_by_key(|r| r.start);
    let mut kept: Vec<Raw> = Vec::with_capacity(raw.len());
    for r in raw {
        if let Some(last) = kept.last() {
            if r.start < last.end {
                continue;
            }
            // A rating-definition block repeats 行业评级 / 公司评级 sub-headings.
            if r.section == RatingScale
                && kept
                    .iter()
                    .rev()
                    .find(|k| k.section != Body)
                    .is_some_and(|k| k.section == RatingScale && r.start - k.end < 1800)
            {
                continue;
            }
        }
        // `分析师承诺…分析师承诺不曾因…`: the same end-matter phrase again shortly after is a
        // sentence inside the block.
        if r.section.is_end_matter()
            && kept
                .iter()
                .rev()
                .find(|k| k.section != Body)
                .is_some_and(|k| {
                    k.section == r.section
                        && s[k.start..k.end] == s[r.start..r.end]
                        && r.start - k.end < 1800
                })
        {
            continue;
        }
        // `投资要点:❖月度核心观点`: a heading right after one of the same type is part of it.
        if let Some(last) = kept.last() {
            if last.section == r.section && r.section != Body && r.start - last.end <= 3 {
                continue;
            }
        }
        // A body marker immediately followed by a real heading adds nothing;
        // but a chapter numeral glued to it (`九、投资建议`) is the heading's
        // own numbering: the span starts with it, and the chapter's own
        // sub-numbers (`9.1、`, `9.2、`) then stay inside it.
        let mut r = r;
        if let Some(last) = kept.last() {
            if last.section == Body && r.section != Body && r.start - last.end <= 12 {
                let between = &s[last.start..r.start];
                if between.ends_with('、')
                    && between.chars().all(|c| chinese_numeral(c) || c == '、')
                {
                    r.start = last.start;
                }
                kept.pop();
            }
        }
        kept.push(r);
    }
    // Byte → char offsets in one pass.
    let mut out = Vec::with_capacity(kept.len());
    let mut chars = 0usize;
    let mut pos = 0usize;
    for r in kept {
        chars += s[pos..r.start].chars().count();
        let start = chars;
        let n = s[r.start..r.end].chars().count();
        chars += n;
        pos = r.end;
        out.push(Heading {
            start,
            end: start + n,
            text: s[r.start..r.end].to_string(),
            section: r.section,
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::normalize::normalize;

    fn secs(t: &str) -> Vec<Section> {
        detect_headings(&normalize(t))
            .into_iter()
            .map(|h| h.section)
            .filter(|s| *s != Body)
            .collect()
    }

    #[test]
    fn an_analyst_profile_without_a_heading_opens_the_analyst_section() {
        let body = "正文内容。".repeat(100);
        let t = format!("{body}风险提示:需求不及预期。18张三:某某大学金融学硕士,5年证券从业经验,2019年加入某某证券研究所。");
        assert_eq!(secs(&t), vec![Risk, Analyst]);
    }

    #[test]
    fn a_general_statement_and_disclosure_after_the_analyst_statement() {
        let body = "正文内容。".repeat(100);
        let t = format!("{body}分析师声明本人兹证明本报告所表达的观点准确。一般声明及披露本报告由某某证券制作,仅供本公司客户使用。");
        assert_eq!(secs(&t), vec![Analyst, Disclaimer]);
    }

    #[test]
    fn a_chapter_after_a_running_headers_date_opens_a_body_stretch() {
        // The header's `日` printed twice (`2031年12月4日日`) still ends it.
        for date in ["2031年12月4日", "2031年12月4日日"] {
            let t = format!("行业深度报告月度策略2{date}一、行业回顾1.1审评审批改革推进。");
            let chapters: Vec<usize> = detect_headings(&normalize(&t))
                .into_iter()
                .filter(|h| h.section == Body)
                .map(|h| h.start)
                .collect();
            let at = t.chars().position(|c| c == '一').unwrap();
            assert_eq!(chapters, vec![at], "{t}");
        }
        // After Han text of a sentence it is a number in the sentence.
        let t = "医疗器械行业投资策略一、行业回顾。";
        assert!(detect_headings(&normalize(t)).is_empty());
    }

    #[test]
    fn advice_after_a_source_line_opens_its_chapter_whatever_word_follows() {
        let t = "行业集中度持续提升。资料来源:某某证券研究所整理投资建议中科电子(000000.sz):细分龙头,看好其份额提升。";
        assert_eq!(secs(t), vec![Advice]);
        let t = "行业集中度持续提升。数据来源:某某证券研究所6.投资建议为什么我们看好龙头?行业集中度提升。";
        assert_eq!(secs(t), vec![Advice]);
        // A particle of grammar keeps it a sentence's words.
        let t =
            "行业集中度持续提升。资料来源:某某证券研究所整理投资建议的依据是行业集中度持续提升。";
        assert_eq!(secs(t), vec![]);
    }

    #[test]
    fn a_rating_bullet_that_says_why_is_advice_but_a_rating_box_is_not() {
        let body = "正文内容。".repeat(100);
        let t = format!("•行业批签发稳步增长。•投资评级:行业景气度较高,我们维持推荐评级,建议关注某某生物。{body}");
        assert_eq!(secs(&t), vec![Advice]);
        let t = format!("某某证券行业研究。投资评级:增持(维持),报告日期:2031-01-25{body}");
        assert_eq!(secs(&t), vec![]);
    }

    #[test]
    fn a_bullet_labelled_by_its_picks_or_the_rating_given_is_advice() {
        let body = "正文内容。".repeat(100);
        let t = format!("行业增速较快。推荐行业公司:某某生物、某某基因等。{body}");
        assert_eq!(secs(&t), vec![Advice]);
        let t = format!("估值合理。首次覆盖,给予某某医疗买入评级:我们的目标价为100元。{body}");
        assert_eq!(secs(&t), vec![Advice]);
        // Not the reasons for a pick, a watch list, or an item of a list.
        let t = format!("行业增速较快。推荐逻辑:公司是细分龙头,份额持续提升。{body}");
        assert_eq!(secs(&t), vec![]);
        let t = format!("行业增速较快。推荐关注:某某生物、某某基因。{body}");
        assert_eq!(secs(&t), vec![]);
        let t = format!("1)诊断:需求恢复。重点推荐公司:某某生物。2)药店:门店扩张。{body}");
        assert_eq!(secs(&t), vec![]);
    }

    #[test]
    fn a_bulleted_strategy_is_advice_without_a_colon() {
        let t = "行业整体回暖,龙头表现突出。⚫投资策略一方面,政策持续加码带动需求扩容,我们看好细分龙头。";
        assert_eq!(secs(t), vec![Advice]);
        // Inside a sentence it stays a word of the sentence.
        assert!(secs("公司调整投资策略一方面是为了控制风险。").is_empty());
    }

    #[test]
    fn a_bare_statement_opening_a_paragraph_of_the_end_matter_is_the_disclaimer() {
        let body = "正文内容。".repeat(100);
        let t = format!("{body}分析师承诺:本人以勤勉的职业态度独立出具本报告,不受任何第三方影响。声明:某某证券是综合类证券公司,本报告仅供其客户使用。");
        assert_eq!(secs(&t), vec![Analyst, Disclaimer]);
        // Inside the analyst's statement it is the statement's verb.
        let t = format!(
            "{body}分析师声明负责本报告的分析师在此作以下声明:本报告的观点准确反映其个人看法。"
        );
        assert_eq!(secs(&t), vec![Analyst]);
    }

    #[test]
    fn a_one_page_notes_end_matter_starts_early() {
        // A one-page note: a title, a table of picks, then the legal text,
        // which starts at a third of it.
        let body = "功率半导体需求向好,供给受限,高景气驱动涨价潮。".repeat(25);
        let t = format!("{body}投资评级说明买入:未来6-12个月领先市场基准指数15%以上。分析、估值方法的局限性说明本报告所包含的分析基于各种假设。分析师声明本报告署名分析师具有证券投资咨询执业资格。特别声明本公司创建于1996年。{}", "本报告仅供本公司客户使用,本公司不因接收人收到本报告而视其为客户。".repeat(40));
        assert_eq!(secs(&t), vec![RatingScale, Disclaimer, Analyst, Disclaimer]);
        // In a longer report the same words at a third are not end matter.
        let long = format!("{body}{body}{body}{t}");
        let early = format!("{body}分析师声明本报告署名分析师具有执业资格。{}", long);
        assert_eq!(secs(&early)[0], RatingScale);
    }

    #[test]
    fn glued_cover_headings() {
        let t = "电子行业中性维持评级核心观点电子行业三季度业绩向好。投资建议：维持“中性”评级。风险提示：需求不及预期。";
        assert_eq!(secs(t), vec![Summary, Advice, Risk]);
    }

    #[test]
    fn sentence_mentions_are_not_headings() {
        let t =
            "请务必阅读正文之后的免责声明部分。本公司存在风险提示的义务，详见投资建议的评级标准。";
        assert!(secs(t).is_empty());
    }

    #[test]
    fn toc_entries_are_skipped() {
        let t =
            "目录1、行业概况..........35、投资建议..........206、风险提示..........21正文开始。";
        assert!(secs(t).is_empty());
    }

    #[test]
    fn end_matter_and_offsets_are_chars() {
        let body = "正文内容。".repeat(40);
        let t = format!("{body}分析师声明本人具有证券投资咨询执业资格。投资评级说明买入:相对强于市场。行业评级看好。免责声明本报告仅供客户使用。");
        let n = normalize(&t);
        let hs = detect_headings(&n);
        let kinds: Vec<Section> = hs.iter().map(|h| h.section).collect();
        assert_eq!(kinds, vec![Analyst, RatingScale, Disclaimer]);
        let chars: Vec<char> = n.chars().collect();
        for h in &hs {
            assert_eq!(chars[h.start..h.end].iter().collect::<String>(), h.text);
        }
    }

    #[test]
    fn key_assumptions_with_their_colon_open_a_forecast() {
        // The assumptions a company's forecast rests on, listed after a colon.
        let body = "甲乙公司分业务收入(来源:公司公告,某某研究)";
        assert_eq!(
            secs(&format!(
                "{body}关键假设:1)甲产品销量每年增长一成;2)毛利率持平。"
            )),
            vec![Forecast]
        );
        // Not without the colon: the assumptions of a market's estimate.
        assert!(secs(&format!("{body}关键假设基础:①龙头药店保持增长。")).is_empty());
    }

    #[test]
    fn combined_heading_types() {
        assert_eq!(secs("。盈利预测与投资建议:我们预计"), vec![Advice]);
        assert_eq!(secs("。5.盈利预测与估值核心假设"), vec![Forecast]);
        // Ratings beside a forecast and valuation are the forecast's.
        assert_eq!(secs("。盈利预测、估值与评级:我们预计"), vec![Forecast]);
        assert_eq!(secs("。盈利预测与投资评级:我们预计"), vec![Advice]);
        // With the investment rating named as such, the chapter ends in advice;
        // a source line's institute right before it does not hide it.
        assert_eq!(
            secs("某某证券研究中心盈利预测、估值与投资评级盈利预测及假设收入方面"),
            vec![Advice]
        );
        assert_eq!(
            secs("。盈利预测、估值及投资评级。我们预计公司营收稳步增长"),
            vec![Advice]
        );
        assert_eq!(secs("。评级面临的主要风险■原料价格上涨。"), vec![Risk]);
    }

    #[test]
    fn qualified_and_numbered_headings() {
        let body = "正文内容。".repeat(20);
        // A qualifier at a block start, numbering with a few words, a numbered compound.
        assert_eq!(
            secs(&format!(
                "{body}长川科技,后道测试设备龙头。重点公司盈利预测及估值公司代码"
            )),
            vec![Forecast]
        );
        assert_eq!(
            secs(&format!("{body}资料来源:wind3.上市公司估值93.2")),
            vec![Forecast]
        );
        assert_eq!(
            secs(&format!("{body}偏谨慎。3估值与情绪截至10月11日")),
            vec![Forecast]
        );
        assert_eq!(
            secs(&format!("{body}。3、盈利与估值:2025年盈利修复")),
            vec![Forecast]
        );
        // Not after a comma inside a sentence, not a stock code, not a risk item, not a caption.
        assert!(secs(&format!("{body}估值合理,部分标的估值已趋于合理")).is_empty());
        assert!(secs(&format!("{body}宁德时代(300750)的估值与业绩匹配")).is_empty());
        assert!(secs(&format!("{body}风险提示:1)估值过高的风险")).len() == 1);
        assert!(secs(&format!("{body}表格2.血制品上市公司估值比较")).is_empty());
    }

    #[test]
    fn heading_cues_around_the_word() {
        let body = "正文内容。".repeat(20);
        // A sentence opening with 我们, a broker's source line, a heading that is a sentence.
        assert_eq!(
            secs(&format!("{body}行业点评计算机投资建议我们认为")),
            vec![Advice]
        );
        assert_eq!(
            secs(&format!("{body}资料来源:wind,招商证券投资建议维持")),
            vec![Advice]
        );
        assert_eq!(
            secs(&format!("{body}跑赢大盘。医药行业估值分析。从近十年")),
            vec![Forecast]
        );
        assert_eq!(
            secs(&format!("{body}。估值复盘:成长溢价仍将延续")),
            vec![Forecast]
        );
        // `估值如下:` and `估值日期:2020…` are not headings.
        assert!(secs(&format!("{body}pe(2020e)估值如下:")).is_empty());
        assert!(secs(&format!("{body}31.37估值日期:2020年9月10日")).is_empty());
        // `订阅` is not a page header's `阅读`; a finished header does not hide what follows.
        assert_eq!(
            secs(&format!("订阅模式持续兑现投资要点国内办公软件龙头。{body}")),
            vec![Summary]
        );
        assert_eq!(
            secs("请务必阅读正文后免责条款环保评级:强于大市(维持)要点总结“四机一脑”"),
            vec![Summary]
        );
        // Glued to the text before it, a summary word only counts on the cover.
        assert!(secs(&format!("{body}{body}订阅模式持续兑现投资要点国内")).is_empty());
    }

    #[test]
    fn section_numbers_with_a_dot_before_a_weak_word() {
        let body = "正文内容。".repeat(20);
        // `2.5估值…` after a page footer: a numbered heading; `12.5估值` a figure.
        assert_eq!(
            secs(&format!(
                "{body}请务必阅读正文之后的信息披露2.5估值优势凸显纵向来看"
            )),
            vec![Forecast]
        );
        assert!(secs(&format!("{body}市盈率为12.5估值合理")).is_empty());
        assert!(secs(&format!("{body}市盈率为1.52估值合理")).is_empty());
    }

    #[test]
    fn a_latin_name_before_the_word_makes_it_a_phrase() {
        let body = "正文内容。".repeat(20);
        assert!(secs(&format!("{body}同时,根据wind盈利预测数据,指数净利润将增长")).is_empty());
        assert!(secs(&format!("{body}(注:wind盈利预测数据为各机构预测值的平均)")).is_empty());
        // Not an e-mail address's end, nor a heading with a colon.
        assert_eq!(
            secs("分析师:张三邮箱:zhangsan@abc.com投资要点公司业绩稳健增长。"),
            vec![Summary]
        );
        assert_eq!(secs(&format!("{body}abc风险提示:需求不及预期")), vec![Risk]);
    }

    #[test]
    fn advice_words_of_other_kinds() {
        let body = "正文内容。".repeat(20);
        assert_eq!(
            secs(&format!("{body}。配置建议:关注龙头公司")),
            vec![Advice]
        );
        assert_eq!(
            secs(&format!("{body}。5、风险分析1)设备装机量低于预期")),
            vec![Risk]
        );
        assert_eq!(secs(&format!("{body}■业务建议:关注并购机会")), vec![Advice]);
        assert_eq!(
            secs(&format!("{body}。投资观点核药是稀缺赛道")),
            vec![Advice]
        );
        assert_eq!(
            secs(&format!("{body}。推荐组合:甲公司、乙公司")),
            vec![Advice]
        );
    }

    #[test]
    fn a_recommendation_in_a_sentence_is_not_a_heading() {
        let body = "正文内容。".repeat(20);
        assert!(secs(&format!("{body}。建议关注浆量持续提升的企业")).is_empty());
        assert!(secs(&format!("{body}。建议关注①甲公司:产品线丰富")).is_empty());
        assert_eq!(secs(&format!("{body}。建议关注:甲公司")), vec![Advice]);
    }

    #[test]
    fn chapters_titled_after_strategy_ratings_or_picks_are_advice() {
        let body = "正文内容。".repeat(20);
        assert_eq!(
            secs(&format!(
                "{body}资料来源:某某研究所四、家电行业评级、策略及重点公司4.1维持行业评级"
            )),
            vec![Advice]
        );
        assert_eq!(secs(&format!("{body}。五、个股推荐我们推荐")), vec![Advice]);
        // Suggestions of policy are not advice; a rating scale is a scale.
        assert!(secs(&format!("{body}。四、行业面临的问题及建议一是")).is_empty());
        let late = "正文内容。".repeat(100);
        assert_eq!(
            secs(&format!("{late}。七、投资评级说明买入:涨幅15%以上")),
            vec![RatingScale]
        );
    }

    #[test]
    fn statement_verbs_in_sentences() {
        let body = "正文内容。".repeat(40);
        let t = format!("{body}分析师声明本报告署名分析师具有执业资格。分析师承诺不曾因本报告而获取补偿。重要声明中原证券股份有限公司具备资格。");
        assert_eq!(secs(&t), vec![Analyst, Disclaimer]);
    }
}
