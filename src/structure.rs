// PLACEHOLDER until the structure helper delivers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize, PartialOrd, Ord)]
#[serde(rename_all = "kebab-case")]
pub enum Section { Summary, Advice, Risk, Forecast, Analyst, Disclaimer, RatingScale, Body }
impl Section {
    pub const ALL: [Section; 8] = [Section::Summary, Section::Advice, Section::Risk, Section::Forecast, Section::Analyst, Section::Disclaimer, Section::RatingScale, Section::Body];
    pub fn name(self) -> &'static str { match self { Section::Summary => "summary", Section::Advice => "advice", Section::Risk => "risk", Section::Forecast => "forecast", Section::Analyst => "analyst", Section::Disclaimer => "disclaimer", Section::RatingScale => "rating-scale", Section::Body => "body" } }
    pub fn parse(s: &str) -> Option<Section> { Section::ALL.into_iter().find(|x| x.name().eq_ignore_ascii_case(s)) }
}
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Heading { pub start: usize, pub end: usize, pub text: String, pub section: Section }
pub fn detect_headings(_normalized: &str) -> Vec<Heading> { Vec::new() }
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Analyst { pub name: String, pub sac: Option<String> }
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct ReportMeta { pub title: Option<String>, pub broker: Option<String>, pub analysts: Vec<Analyst>, pub date: Option<String>, pub rating: Option<String>, pub report_type: Option<String> }
pub fn extract_meta(_normalized: &str, _file_stem: &str) -> ReportMeta { ReportMeta::default() }
