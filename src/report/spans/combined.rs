//! Combined forecast-and-advice chapters (`盈利预测、估值与投资评级`,
//! `盈利预测及投资建议`) that give the advice a sub-heading of its own
//! (`估值及投资建议`). A combined heading alone is advice (the chapter
//! ends in the rating); but when the advice has its own heading, what the
//! combined heading opens before it is the earnings forecast: the reader
//! marks that part forecast and the sub-heading's part advice.

use crate::report::{Heading, Section};

/// Text between a span's end and the next heading that is only residue
/// (a chart's labels, a page header), at most.
const MAX_GAP: usize = 40;

/// Is heading `k`, whose span ends at `end`, a combined forecast-and-advice
/// heading right followed by an advice heading of its own?
pub(super) fn forecast_before_advice(headings: &[Heading], k: usize, end: usize) -> bool {
    let h = &headings[k];
    if h.section != Section::Advice || !h.text.contains("盈利预测") {
        return false;
    }
    headings.get(k + 1).is_some_and(|o| {
        o.section == Section::Advice
            && !o.text.contains("盈利预测")
            && o.start >= end
            && o.start - end <= MAX_GAP
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn heading(start: usize, text: &str, section: Section) -> Heading {
        Heading {
            start,
            end: start + text.chars().count(),
            text: text.to_string(),
            section,
        }
    }

    #[test]
    fn a_combined_heading_before_its_own_advice_heading_opens_the_forecast() {
        let hs = [
            heading(100, "盈利预测、估值与投资评级", Section::Advice),
            heading(900, "估值及投资建议", Section::Advice),
        ];
        assert!(forecast_before_advice(&hs, 0, 900));
    }

    #[test]
    fn a_combined_heading_alone_stays_advice() {
        let hs = [
            heading(100, "盈利预测与投资评级", Section::Advice),
            heading(900, "风险提示", Section::Risk),
        ];
        assert!(!forecast_before_advice(&hs, 0, 900));
        // Nor is a plain advice heading before another one a forecast.
        let hs = [
            heading(100, "投资建议", Section::Advice),
            heading(900, "投资评级", Section::Advice),
        ];
        assert!(!forecast_before_advice(&hs, 0, 900));
    }
}
