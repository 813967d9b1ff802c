//! The shape of a passage kept as prose, weighed by a logistic model that
//! readers' labels fitted: how likely it is a table of words whose cell
//! borders are gone (a product table with a sentence per cell, a list of
//! policies, a flattened comparison) rather than sentences to read.
//!
//! The rules of `super::residue::reads_as_table` each know one kind of table;
//! readers keep meeting kinds none of them knows. What those kinds share
//! is their shape: long stretches without a pause, a "sentence" that runs
//! for most of the passage or an unended tail after the last full stop,
//! a caption or a source line inside, figures glued to words. Twelve such
//! measures are weighed together with the pairs and triples of character
//! classes the passage is made of (a figure glued to a word, a full stop
//! followed by a name with no pause, a run of Han marked at 12, 25 and 40
//! characters): what kind of character follows what, never which word,
//! broker or subject.
//!
//! The weights were fitted (`docs/shape_model.py`) on 4,875 passages that
//! readers labelled readable (4,406) or a table or chart (469) without
//! seeing the rules: 4,075 search results over `../shared/corpora/yanbao`
//! (judges 24 to 53), and 800 passages of its reports drawn near the
//! previous model's threshold, where it was least sure. In a
//! cross-validation that held out one group of judges at a time (the 800
//! always in training), the model took 0.8% of the readable search results
//! for tables at the table threshold and found half of the tables (the
//! twelve measures alone: a third); at the rough threshold, 1.5% and 59%.
//!
//! Works on the characters of normalized text.

use crate::text::chars::is_common_han;

use super::shape_weights::{INTERCEPT, NGRAMS, WEIGHTS};

/// Log-odds from which a passage reads as a table: where the cross-validation
/// took 0.8% of the readable search results for tables.
pub(crate) const TABLE_LOG_ODDS: f64 = -0.148;
/// Log-odds from which a passage reads roughly (1.5% of the readable
/// search results in the cross-validation): search ranks it below prose that
/// reads well.
pub(crate) const ROUGH_LOG_ODDS: f64 = -0.733;

/// Characters (spaces left out) from which a passage's shape is weighed:
/// the readers' labels held few shorter passages, and in a short one a
/// rate per 100 characters swings with one character (a risk list of two
/// items, `…波动风险；批价下行风险。`, ends a sentence every 8).
pub(crate) const MIN_CHARS: usize = 80;

/// A stretch without a pause this long counts toward `rough`.
const ROUGH_STRETCH: usize = 25;

/// What the model reads of a passage. Rates are per 100 characters,
/// shares of the passage's characters (spaces left out).
#[derive(Debug, Clone, Copy, PartialEq)]
struct Measures {
    /// ln of the characters: long passages are more often cut tables.
    log_chars: f64,
    /// Sentence ends (`。!?;`) per 100.
    ends: f64,
    /// Commas and colons per 100: clauses.
    pauses: f64,
    /// Enumeration commas (`、`) per 100.
    enumerations: f64,
    /// Share in stretches of 25 characters or more without a pause.
    rough: f64,
    /// The longest stretch without a pause, in hundreds of characters.
    longest: f64,
    /// Figures glued to a word that is not their unit (`2002中国`), per 100.
    bare_figures: f64,
    /// Changes between Han and Latin letters per 100.
    han_latin: f64,
    /// 1 when a numbered caption (`图3`, `表12`) is inside.
    caption: f64,
    /// How many source lines (`资料来源`).
    sources: f64,
    /// The longest stretch between sentence ends, as a share.
    longest_sentence: f64,
    /// What follows the last sentence end, as a share.
    tail: f64,
}

impl Measures {
    fn of(dense: &[char]) -> Measures {
        let chars = dense.len().max(1) as f64;
        let per_100 = |count: usize| count as f64 * 100.0 / chars;
        let count = |set: &[char]| dense.iter().filter(|c| set.contains(c)).count();
        let is_end = |c: char| matches!(c, '。' | '！' | '？' | '!' | '?' | '；' | ';');
        let (mut rough, mut longest) = (0usize, 0usize);
        for (stretch, _) in super::cells::stretches(dense, true) {
            longest = longest.max(stretch);
            if stretch >= ROUGH_STRETCH {
                rough += stretch;
            }
        }
        let (mut bare, mut han_latin, mut caption) = (0usize, 0usize, false);
        for pair in dense.windows(2) {
            let (a, b) = (pair[0], pair[1]);
            if a.is_ascii_digit() && is_common_han(b) && !is_unit(b) {
                bare += 1;
            }
            if (is_common_han(a) && b.is_ascii_alphabetic())
                || (a.is_ascii_alphabetic() && is_common_han(b))
            {
                han_latin += 1;
            }
            caption |= matches!(a, '图' | '表') && b.is_ascii_digit();
        }
        let sources = dense
            .windows(4)
            .filter(|w| w == &['资', '料', '来', '源'])
            .count();
        let (mut sentence, mut longest_sentence) = (0usize, 0usize);
        for &c in dense {
            if is_end(c) {
                longest_sentence = longest_sentence.max(sentence);
                sentence = 0;
            } else {
                sentence += 1;
            }
        }
        longest_sentence = longest_sentence.max(sentence);
        Measures {
            log_chars: chars.ln(),
            ends: per_100(dense.iter().filter(|&&c| is_end(c)).count()),
            pauses: per_100(count(&['，', ',', '：', ':'])),
            enumerations: per_100(count(&['、'])),
            rough: rough as f64 / chars,
            longest: longest as f64 / 100.0,
            bare_figures: per_100(bare),
            han_latin: per_100(han_latin),
            caption: if caption { 1.0 } else { 0.0 },
            sources: sources as f64,
            longest_sentence: longest_sentence as f64 / chars,
            tail: sentence as f64 / chars,
        }
    }

    fn as_array(&self) -> [f64; 12] {
        [
            self.log_chars,
            self.ends,
            self.pauses,
            self.enumerations,
            self.rough,
            self.longest,
            self.bare_figures,
            self.han_latin,
            self.caption,
            self.sources,
            self.longest_sentence,
            self.tail,
        ]
    }
}

/// Words of unit, time or count after a figure (`2020年`, `3亿`, `5家`):
/// a figure with its unit belongs to a sentence. The set the model was
/// fitted with (`docs/shape_model.py`), not the rules' own sets.
fn is_unit(c: char) -> bool {
    "年月日号亿万千百元倍个家款项次人例台件支瓶吨期天周季度点位名种类批条只张床所岁克升米秒分时组套片粒剂代辆版轮级线座股笔份层成折"
        .contains(c)
}

/// The classes of characters whose pairs and triples the model weighs, in
/// the order of `docs/shape_model.py`'s `CLASSES`: what kind of character
/// follows what (a figure glued to a word, a full stop then a name without
/// a pause), never which word.
const CLASSES: &str = "HUDLECKNPOQTRSABXZ";
const CLASS_COUNT: usize = 18;
/// A run of Han (not units) is kept to its first six characters and marked
/// again after 12, 25 and 40 (class `Z`): a long run without a pause shows
/// as such, not as one triple repeated.
const HAN_RUN_KEPT: usize = 6;
const HAN_RUN_MARKS: [usize; 3] = [12, 25, 40];

/// The class of a character of normalized text: its index in [`CLASSES`]
/// (asked of every character of every passage kept as prose, so answered
/// without a search of that string).
fn class_of(c: char) -> usize {
    if is_common_han(c) {
        return if is_unit(c) { 1 } else { 0 };
    }
    if c.is_ascii_digit() {
        return 2;
    }
    if c.is_ascii_alphabetic() {
        return 3;
    }
    match c {
        '。' | '！' | '？' | '!' | '?' | '；' | ';' => 4,
        '，' | ',' => 5,
        '：' | ':' => 6,
        '、' => 7,
        '%' | '％' => 8,
        '（' | '(' => 9,
        '）' | ')' => 10,
        '.' => 11,
        '-' | '–' | '—' | '~' | '～' => 12,
        '/' => 13,
        '《' | '“' | '"' | '「' => 14,
        '》' | '”' | '」' => 15,
        _ => 16,
    }
}

/// The weights of class pairs and triples, laid out densely: a pair
/// `(a, b)` at `a * 18 + b`, a triple after all pairs.
fn ngram_weights() -> &'static [f64] {
    static TABLE: std::sync::OnceLock<Vec<f64>> = std::sync::OnceLock::new();
    TABLE.get_or_init(|| {
        let pairs = CLASS_COUNT * CLASS_COUNT;
        let mut table = vec![0.0; pairs + pairs * CLASS_COUNT];
        for (gram, weight) in NGRAMS {
            let at = gram
                .chars()
                .fold(0, |at, c| at * CLASS_COUNT + CLASSES.find(c).unwrap_or(0));
            table[if gram.len() == 2 { at } else { pairs + at }] = weight;
        }
        table
    })
}

/// The summed weights of the passage's class pairs and triples, per 100
/// characters.
fn ngram_score(dense: &[char]) -> f64 {
    let table = ngram_weights();
    let pairs = CLASS_COUNT * CLASS_COUNT;
    let (mut sum, mut run) = (0.0, 0usize);
    // The two classes before the current one, when there are.
    let (mut first, mut second): (Option<usize>, Option<usize>) = (None, None);
    for &c in dense {
        let mut class = class_of(c);
        if class == 0 {
            run += 1;
            if run > HAN_RUN_KEPT {
                if !HAN_RUN_MARKS.contains(&run) {
                    continue;
                }
                class = CLASS_COUNT - 1;
            }
        } else {
            run = 0;
        }
        if let Some(b) = second {
            sum += table[b * CLASS_COUNT + class];
            if let Some(a) = first {
                sum += table[pairs + (a * CLASS_COUNT + b) * CLASS_COUNT + class];
            }
        }
        first = second;
        second = Some(class);
    }
    sum * 100.0 / dense.len().max(1) as f64
}

/// The log-odds that a passage of normalized text (spaces left out:
/// `dense`) is a table of words rather than prose; `None` below
/// [`MIN_CHARS`].
pub(crate) fn table_log_odds(dense: &[char]) -> Option<f64> {
    if dense.len() < MIN_CHARS {
        return None;
    }
    let measures = Measures::of(dense).as_array();
    Some(
        INTERCEPT
            + measures
                .iter()
                .zip(WEIGHTS)
                .map(|(x, w)| x * w)
                .sum::<f64>()
            + ngram_score(dense),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn odds(text: &str) -> f64 {
        let dense: Vec<char> = text.chars().filter(|&c| c != ' ').collect();
        table_log_odds(&dense).unwrap()
    }

    #[test]
    fn a_short_risk_list_is_not_weighed() {
        let dense: Vec<char> = "宏观经济波动风险；批价下行风险。".chars().collect();
        assert_eq!(table_log_odds(&dense), None);
    }

    #[test]
    fn measures_are_those_the_model_was_fitted_on() {
        // Figures from docs/shape_model.py's `measures` on the same text.
        let text =
            "表3：产品对比产品名称价格优点某某线2002中国提拉效果好维持时间长资料来源：某某。ab公司";
        let dense: Vec<char> = text.chars().collect();
        let m = Measures::of(&dense);
        let chars = dense.len() as f64;
        assert_eq!(m.log_chars, chars.ln());
        assert_eq!(m.ends, 100.0 / chars);
        assert_eq!(m.pauses, 200.0 / chars);
        assert_eq!(m.caption, 1.0);
        assert_eq!(m.sources, 1.0);
        assert_eq!(m.bare_figures, 100.0 / chars);
        assert_eq!(m.han_latin, 100.0 / chars);
        assert_eq!(m.tail, 4.0 / chars);
        assert_eq!(m.rough, 35.0 / chars);
        assert_eq!(m.longest, 0.35);
        assert_eq!(m.longest_sentence, 41.0 / chars);
    }

    #[test]
    fn log_odds_are_those_of_the_fitted_model() {
        // `docs/shape_model.py --measures TEXT src/layout/shape_weights.rs`
        // gives 1.737435 for this text: every class, a long run of Han
        // marked twice, units inside runs.
        let text = "表3：产品对比产品名称价格优点某某线2002中国提拉效果好维持时间长资料来源：某某。ab公司（注）”1.5%—18/2“甲”「乙」《丙》；！？中国长江医疗器械有限公司上海分公司华东大区销售中心负责人";
        assert!((odds(text) - 1.737_435).abs() < 1e-5, "{}", odds(text));
    }

    #[test]
    fn a_product_table_with_a_sentence_per_cell_reads_as_a_table() {
        let table = "主要产品对比产品名称产地主要成分适应部位维持时间参考价格某某线甲国聚对二氧环己酮面部提拉\
                     通常180-240天降解，产物为二氧化碳和水3800~26800元/全脸某某线乙国聚乳酸颈部紧致\
                     可刺激胶原蛋白再生，无毒无刺激12-18个月单次治疗后可再次治疗某某线丙国聚己内酯";
        assert!(odds(table) >= TABLE_LOG_ODDS, "{}", odds(table));
    }

    #[test]
    fn prose_with_figures_reads_as_prose() {
        let prose = "从批签发数据来看，2020年重点疫苗总体批签发8451万剂，同比增长54.40%。其中某某疫苗增长最快，\
                     全年批签发1200万剂，主要受益于产能释放和渠道下沉。我们预计明年行业增速仍将维持在30%以上，\
                     龙头企业的份额有望进一步提升。";
        assert!(odds(prose) < ROUGH_LOG_ODDS, "{}", odds(prose));
    }
}
