//! Synthetic corpus generator: deterministic Chinese research reports built from `vocab`.
//!
//! Determinism: a "world" (companies, brokers, analysts, shuffled word pools) is derived from the seed,
//! then a sequential plan fixes every file's path, size target and per-file seed; files are generated in
//! parallel, each from its own ChaCha8 stream, so the output does not depend on thread scheduling.

mod vocab;

use anyhow::{bail, Context, Result};
use rand::seq::SliceRandom;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use rayon::prelude::*;
use std::collections::{HashMap, HashSet};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::time::Instant;

/// Bytes per "MB" on the command line and in reports (decimal, like disk and throughput figures).
pub const MB: f64 = 1_000_000.0;
/// Folders hold at most this many files; more spill into `<industry>-2`, `-3`, ...
const FILES_PER_FOLDER: usize = 400;

// ---------------------------------------------------------------------------------------------
// Sampling helpers
// ---------------------------------------------------------------------------------------------

/// Rank-frequency sampler with weight 1/(rank+1)^s, so word use follows a Zipf-like law.
pub struct Zipf {
    cum: Vec<f64>,
}

impl Zipf {
    pub fn new(n: usize, s: f64) -> Self {
        let mut acc = 0.0;
        let cum = (0..n.max(1))
            .map(|i| {
                acc += 1.0 / ((i + 1) as f64).powf(s);
                acc
            })
            .collect();
        Zipf { cum }
    }

    pub fn sample<R: Rng>(&self, rng: &mut R) -> usize {
        let total = self.cum.last().copied().unwrap_or(1.0);
        let u = rng.random::<f64>() * total;
        self.cum
            .partition_point(|&c| c <= u)
            .min(self.cum.len() - 1)
    }
}

/// A word list with a Zipf sampler over it.
pub struct Pool<T> {
    items: Vec<T>,
    zipf: Zipf,
}

impl<T: AsRef<str>> Pool<T> {
    fn new(items: Vec<T>, s: f64) -> Self {
        let zipf = Zipf::new(items.len(), s);
        Pool { items, zipf }
    }

    fn pick<R: Rng>(&self, rng: &mut R) -> &str {
        match self.items.get(self.zipf.sample(rng)) {
            Some(x) => x.as_ref(),
            None => "",
        }
    }

    fn uniform<R: Rng>(&self, rng: &mut R) -> &str {
        if self.items.is_empty() {
            return "";
        }
        self.items[rng.random_range(0..self.items.len())].as_ref()
    }
}

fn words(s: &'static str) -> Vec<&'static str> {
    s.split_whitespace().collect()
}

/// Word list shuffled per world so that different seeds have different frequent words.
fn shuffled_pool<R: Rng>(s: &'static str, rng: &mut R, zipf_s: f64) -> Pool<&'static str> {
    let mut v = words(s);
    v.shuffle(rng);
    Pool::new(v, zipf_s)
}

fn pairs(s: &'static str) -> Vec<(&'static str, &'static str)> {
    s.split_whitespace()
        .filter_map(|p| p.split_once(':'))
        .collect()
}

/// splitmix64: spreads (seed, index) into independent per-file seeds.
fn mix(mut z: u64) -> u64 {
    z = z.wrapping_add(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

// ---------------------------------------------------------------------------------------------
// Templates
// ---------------------------------------------------------------------------------------------

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Slot {
    Conn,
    Conn2,
    Co,
    Co2,
    Co3,
    Tk,
    Q,
    Amt,
    Chg,
    Chg2,
    T,
    T2,
    Adv,
    Pct,
    Pp,
    Pchg,
    Ind,
    Kpi,
    Vup,
    Vdown,
    Gco,
    Mdl,
    Mdl2,
    Biz,
    Yr,
    Yr0,
    Event,
    Num,
    Num2,
    Date,
    Judg,
    Judg2,
    Place,
    Usd,
    Usdp,
    Mult,
    Px,
    Src,
    Rank,
    IndRate,
    Univ,
    Month,
    Broker,
    CoFull,
    Person,
}

impl Slot {
    fn from_name(s: &str) -> Option<Slot> {
        use Slot::*;
        Some(match s {
            "conn" => Conn,
            "conn2" => Conn2,
            "co" => Co,
            "co2" => Co2,
            "co3" => Co3,
            "tk" => Tk,
            "q" => Q,
            "amt" => Amt,
            "chg" => Chg,
            "chg2" => Chg2,
            "t" => T,
            "t2" => T2,
            "adv" => Adv,
            "pct" => Pct,
            "pp" => Pp,
            "pchg" => Pchg,
            "ind" => Ind,
            "kpi" => Kpi,
            "vup" => Vup,
            "vdown" => Vdown,
            "gco" => Gco,
            "mdl" => Mdl,
            "mdl2" => Mdl2,
            "biz" => Biz,
            "yr" => Yr,
            "yr0" => Yr0,
            "event" => Event,
            "num" => Num,
            "num2" => Num2,
            "date" => Date,
            "judg" => Judg,
            "judg2" => Judg2,
            "place" => Place,
            "usd" => Usd,
            "usdp" => Usdp,
            "mult" => Mult,
            "px" => Px,
            "src" => Src,
            "rank" => Rank,
            "indrate" => IndRate,
            "univ" => Univ,
            "month" => Month,
            "broker" => Broker,
            "cofull" => CoFull,
            "person" => Person,
            _ => return None,
        })
    }
}

#[derive(Debug, PartialEq, Eq)]
pub enum Piece {
    Lit(&'static str),
    Slot(Slot),
}

/// Splits a template into literals and slots; an unknown `{name}` stays literal text.
pub fn parse_template(s: &'static str) -> Vec<Piece> {
    let mut out = Vec::new();
    let mut rest = s;
    while let Some(open) = rest.find('{') {
        let Some(close_rel) = rest[open..].find('}') else {
            break;
        };
        let close = open + close_rel;
        if open > 0 {
            out.push(Piece::Lit(&rest[..open]));
        }
        match Slot::from_name(&rest[open + 1..close]) {
            Some(slot) => out.push(Piece::Slot(slot)),
            None => out.push(Piece::Lit(&rest[open..=close])),
        }
        rest = &rest[close + 1..];
    }
    if !rest.is_empty() {
        out.push(Piece::Lit(rest));
    }
    out
}

type Template = Vec<Piece>;

fn template_pool<R: Rng>(list: &'static [&'static str], rng: &mut R, s: f64) -> Pool<usize> {
    let mut idx: Vec<usize> = (0..list.len()).collect();
    idx.shuffle(rng);
    Pool {
        zipf: Zipf::new(idx.len(), s),
        items: idx,
    }
}

// Pool<usize> needs AsRef<str> for `pick`; template pools use `pick_idx` instead.
impl Pool<usize> {
    fn pick_idx<R: Rng>(&self, rng: &mut R) -> usize {
        self.items.get(self.zipf.sample(rng)).copied().unwrap_or(0)
    }
}

// ---------------------------------------------------------------------------------------------
// World
// ---------------------------------------------------------------------------------------------

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Exch {
    Sh(u32),
    Sz(u32),
    Bj(u32),
    Hk(u32),
    Us(String),
}

impl Exch {
    /// Renders the ticker in one of several real-world spellings; `form` selects which.
    fn render(&self, form: usize, out: &mut String) {
        let _ = match self {
            Exch::Sh(c) => match form % 6 {
                0 | 5 => write!(out, "{c:06}.SH"),
                1 => write!(out, "SH{c:06}"),
                2 => write!(out, "{c:06}.sh"),
                3 => write!(out, "{c:06} CH"),
                _ => write!(out, "{c:06}"),
            },
            Exch::Sz(c) => match form % 6 {
                0 | 5 => write!(out, "{c:06}.SZ"),
                1 => write!(out, "SZ{c:06}"),
                2 => write!(out, "sz{c:06}"),
                3 => write!(out, "{c:06} CH"),
                _ => write!(out, "{c:06}"),
            },
            Exch::Bj(c) => match form % 3 {
                0 => write!(out, "{c:06}.BJ"),
                1 => write!(out, "BJ{c:06}"),
                _ => write!(out, "{c:06}"),
            },
            Exch::Hk(c) => match form % 5 {
                0 => write!(out, "{c:04}.HK"),
                1 => write!(out, "{c:05}.HK"),
                2 => write!(out, "{c} HK"),
                3 => write!(out, "HK{c:04}"),
                _ => write!(out, "{c:05}"),
            },
            Exch::Us(s) => match form % 2 {
                0 => write!(out, "{s}.O"),
                _ => write!(out, "{s} US"),
            },
        };
    }
}

pub struct Company {
    pub short: String,
    pub full: String,
    pub exch: Exch,
    pub hk: Option<u32>,
}

struct Analyst {
    name: String,
    email: String,
    sac: String,
    sfc: Option<String>,
    phone: String,
}

struct Broker {
    name: String,
    city: &'static str,
    analysts: Vec<Analyst>,
    analyst_zipf: Zipf,
    disclaimer: Vec<String>,
    statement: &'static str,
    rating_text: String,
    stock_ratings: &'static [&'static str],
    industry_ratings: &'static [&'static str],
    footer: &'static str,
    markers: bool,
    spaced_heads: bool,
    ticker_form: usize,
}

struct IndustryPools {
    name: &'static str,
    terms: Pool<&'static str>,
    kpis: Pool<&'static str>,
    companies: Vec<usize>,
    co_zipf: Zipf,
}

pub struct World {
    pub companies: Vec<Company>,
    inds: Vec<IndustryPools>,
    ind_zipf: Zipf,
    brokers: Vec<Broker>,
    broker_zipf: Zipf,
    people: Vec<(String, String)>,
    biz: Pool<&'static str>,
    vup: Pool<&'static str>,
    vdown: Pool<&'static str>,
    advs: Pool<&'static str>,
    conns: Pool<&'static str>,
    conns2: Pool<&'static str>,
    events: Pool<&'static str>,
    places: Pool<&'static str>,
    risks: Pool<&'static str>,
    charts: Pool<&'static str>,
    sources: Pool<&'static str>,
    gcos: Pool<&'static str>,
    judgs: Pool<&'static str>,
    stages: Pool<&'static str>,
    univs: Pool<&'static str>,
    models: Pool<String>,
    types_co: Pool<&'static str>,
    types_ind: Pool<&'static str>,
    markers: Vec<&'static str>,
    sentences: Vec<Template>,
    sentence_pool: Pool<usize>,
    heads_co: Vec<Template>,
    heads_co_pool: Pool<usize>,
    heads_ind: Vec<Template>,
    heads_ind_pool: Pool<usize>,
    sections: Vec<Template>,
    section_pool: Pool<usize>,
}

fn person<R: Rng>(
    rng: &mut R,
    surnames: &[(&str, &str)],
    given: &[(&str, &str)],
    sz: &Zipf,
) -> (String, String) {
    let (s, sp) = surnames[sz.sample(rng)];
    let mut name = s.to_string();
    let mut py = sp.to_string();
    let n = if rng.random_bool(0.7) { 2 } else { 1 };
    for _ in 0..n {
        let (g, gp) = given[rng.random_range(0..given.len())];
        name.push_str(g);
        py.push_str(gp);
    }
    (name, py)
}

impl World {
    pub fn new(seed: u64) -> World {
        let mut rng = ChaCha8Rng::seed_from_u64(mix(seed ^ 0x0077_6f72_6c64));
        let chars = pairs(vocab::NAME_CHARS);
        let surnames = pairs(vocab::SURNAMES);
        let given = pairs(vocab::GIVEN_CHARS);
        let surname_zipf = Zipf::new(surnames.len(), 0.9);

        // Companies: brand (two name chars) + industry core; unique short names and tickers.
        let mut companies = Vec::new();
        let mut names = HashSet::new();
        let mut codes = HashSet::new();
        let mut inds = Vec::new();
        for spec in vocab::INDUSTRIES {
            let cores = words(spec.cores);
            let n = rng.random_range(250..600);
            let mut members = Vec::with_capacity(n);
            let mut tries = 0;
            while members.len() < n && tries < n * 20 {
                tries += 1;
                let a = chars[rng.random_range(0..chars.len())].0;
                let b = chars[rng.random_range(0..chars.len())].0;
                if a == b {
                    continue;
                }
                let core = cores[rng.random_range(0..cores.len())];
                let short = format!("{a}{b}{core}");
                if !names.insert(short.clone()) {
                    continue;
                }
                let exch = loop {
                    let r = rng.random_range(0..100);
                    let e = if r < 42 {
                        let base = if rng.random_bool(0.8) {
                            600_000
                        } else {
                            688_000
                        };
                        Exch::Sh(
                            base + rng.random_range(0..if base == 600_000 { 6000 } else { 1000 }),
                        )
                    } else if r < 84 {
                        let base = [0, 2000, 300_000, 301_000][rng.random_range(0..4)];
                        Exch::Sz(base + rng.random_range(1..1000))
                    } else if r < 88 {
                        Exch::Bj(830_000 + rng.random_range(0..44_000))
                    } else if r < 98 {
                        Exch::Hk(rng.random_range(1..10_000))
                    } else {
                        let mut s = String::new();
                        for _ in 0..rng.random_range(3..5) {
                            s.push(rng.random_range(b'A'..=b'Z') as char);
                        }
                        Exch::Us(s)
                    };
                    if codes.insert(format!("{e:?}")) {
                        break e;
                    }
                };
                let hk = match exch {
                    Exch::Sh(_) | Exch::Sz(_) if rng.random_bool(0.05) => {
                        let c = rng.random_range(1..10_000);
                        codes.insert(format!("{:?}", Exch::Hk(c))).then_some(c)
                    }
                    _ => None,
                };
                let suffix = [
                    "股份有限公司",
                    "科技股份有限公司",
                    "集团股份有限公司",
                    "控股股份有限公司",
                ][rng.random_range(0..4)];
                let full = format!("{a}{b}{core}{suffix}");
                members.push(companies.len());
                companies.push(Company {
                    short,
                    full,
                    exch,
                    hk,
                });
            }
            let co_zipf = Zipf::new(members.len(), 0.9);
            inds.push(IndustryPools {
                name: spec.name,
                terms: shuffled_pool(spec.terms, &mut rng, 0.9),
                kpis: shuffled_pool(spec.kpis, &mut rng, 0.8),
                companies: members,
                co_zipf,
            });
        }

        // People (executives etc.) and brokers with analysts and their boilerplate.
        let people: Vec<(String, String)> = (0..3000)
            .map(|_| person(&mut rng, &surnames, &given, &surname_zipf))
            .collect();
        let places = words(vocab::PLACES);
        let bench = words(vocab::BENCHMARKS);
        let mut brokers = Vec::new();
        let mut broker_names = HashSet::new();
        let mut broker_codes = HashSet::new();
        while brokers.len() < 36 {
            let (a, ap) = chars[rng.random_range(0..chars.len())];
            let (b, bp) = chars[rng.random_range(0..chars.len())];
            if a == b || !broker_names.insert(format!("{a}{b}")) {
                continue;
            }
            let name = if rng.random_bool(0.12) {
                format!("{a}{b}国际证券")
            } else {
                format!("{a}{b}证券")
            };
            let domain = format!(
                "{}{}zq",
                ap.chars().next().unwrap_or('x'),
                bp.chars().next().unwrap_or('y')
            );
            let code = loop {
                let c: u32 = rng.random_range(10..2000);
                if broker_codes.insert(c) {
                    break c;
                }
            };
            let n_an = rng.random_range(20..60);
            let analysts: Vec<Analyst> = (0..n_an)
                .map(|_| {
                    let (nm, py) = person(&mut rng, &surnames, &given, &surname_zipf);
                    let sac = format!(
                        "S{code:04}{}{:02}{:02}{:04}",
                        [0, 1, 5][rng.random_range(0..3)],
                        rng.random_range(10..25),
                        rng.random_range(1..13),
                        rng.random_range(1..200)
                    );
                    let sfc = rng.random_bool(0.15).then(|| {
                        let mut s = String::new();
                        for _ in 0..3 {
                            s.push(rng.random_range(b'A'..=b'Z') as char);
                        }
                        let _ = write!(s, "{}", rng.random_range(100..999));
                        s
                    });
                    let phone = match rng.random_range(0..3) {
                        0 => format!("021-{}", rng.random_range(20_000_000..69_999_999)),
                        1 => format!("0755-{}", rng.random_range(20_000_000..89_999_999)),
                        _ => format!("+86-10-{}", rng.random_range(50_000_000..89_999_999)),
                    };
                    Analyst {
                        email: format!(
                            "{py}{}@{domain}.com.cn",
                            if rng.random_bool(0.2) { "1" } else { "" }
                        ),
                        name: nm,
                        sac,
                        sfc,
                        phone,
                    }
                })
                .collect();
            let mut idx: Vec<usize> = (0..vocab::DISCLAIMER.len()).collect();
            idx.shuffle(&mut rng);
            idx.truncate(rng.random_range(7..13));
            let disclaimer = idx
                .iter()
                .map(|&i| vocab::DISCLAIMER[i].replace("{broker}", &name))
                .collect();
            let alt = rng.random_bool(0.4);
            let stock_ratings = if alt {
                vocab::STOCK_RATINGS_ALT
            } else {
                vocab::STOCK_RATINGS
            };
            let industry_ratings = if rng.random_bool(0.5) {
                vocab::INDUSTRY_RATINGS_ALT
            } else {
                vocab::INDUSTRY_RATINGS
            };
            let bm = bench[rng.random_range(0..bench.len())];
            let t0 = [15, 20][rng.random_range(0..2)];
            let t1 = [5, 10][rng.random_range(0..2)];
            let months = [6, 12][rng.random_range(0..2)];
            let mut rating_text = format!(
                "以报告发布日后的{months}个月内公司股价（或行业指数）相对同期{bm}的涨跌幅为基准。股票评级：{}：相对{bm}涨幅{t0}%以上；{}：相对{bm}涨幅介于{t1}%～{t0}%之间；{}：相对{bm}涨跌幅介于-{t1}%～{t1}%之间；{}：相对{bm}跌幅介于{t1}%～{t0}%之间；{}：相对{bm}跌幅{t0}%以上。",
                stock_ratings[0], stock_ratings[1], stock_ratings[2], stock_ratings[3], stock_ratings[4]
            );
            let _ = write!(
                rating_text,
                "行业评级：{}：行业指数相对{bm}涨幅{t1}%以上；{}：行业指数相对{bm}涨跌幅介于-{t1}%～{t1}%之间；{}：行业指数相对{bm}跌幅{t1}%以上。",
                industry_ratings[0], industry_ratings[1], industry_ratings[2]
            );
            brokers.push(Broker {
                name,
                city: places[rng.random_range(places.len() - 16..places.len())],
                analyst_zipf: Zipf::new(analysts.len(), 0.8),
                analysts,
                disclaimer,
                statement: vocab::ANALYST_STATEMENT
                    [rng.random_range(0..vocab::ANALYST_STATEMENT.len())],
                rating_text,
                stock_ratings,
                industry_ratings,
                footer: vocab::FOOTERS[rng.random_range(0..vocab::FOOTERS.len())],
                markers: rng.random_bool(0.3),
                spaced_heads: rng.random_bool(0.15),
                ticker_form: rng.random_range(0..6),
            });
        }

        // Models: the real names first (most frequent), then coined ones.
        let latin = words(vocab::LATIN_SYLLABLES);
        let variants = [
            "7B", "13B", "32B", "72B", "MoE", "Pro", "Max", "Turbo", "V2", "V3", "R1", "Lite",
            "Vision", "Coder", "2.5", "3.0", "Plus", "Mini", "Instruct", "Chat",
        ];
        let mut models: Vec<String> = words(vocab::MODELS).into_iter().map(String::from).collect();
        let mut seen: HashSet<String> = models.iter().cloned().collect();
        while models.len() < 400 {
            let a = latin[rng.random_range(0..latin.len())];
            let b = latin[rng.random_range(0..latin.len())];
            let v = variants[rng.random_range(0..variants.len())];
            let m = format!("{a}{}-{v}", b.to_lowercase());
            if seen.insert(m.clone()) {
                models.push(m);
            }
        }

        let sentences: Vec<Template> = vocab::SENTENCES.iter().map(|s| parse_template(s)).collect();
        let heads_co: Vec<Template> = vocab::HEADLINES_CO
            .iter()
            .map(|s| parse_template(s))
            .collect();
        let heads_ind: Vec<Template> = vocab::HEADLINES_IND
            .iter()
            .map(|s| parse_template(s))
            .collect();
        let sections: Vec<Template> = vocab::SECTION_HEADS
            .iter()
            .map(|s| parse_template(s))
            .collect();
        World {
            ind_zipf: Zipf::new(inds.len(), 0.6),
            inds,
            companies,
            broker_zipf: Zipf::new(brokers.len(), 0.9),
            brokers,
            people,
            biz: shuffled_pool(vocab::BIZ_NOUNS, &mut rng, 1.0),
            vup: shuffled_pool(vocab::VERBS_UP, &mut rng, 0.9),
            vdown: shuffled_pool(vocab::VERBS_DOWN, &mut rng, 0.9),
            advs: shuffled_pool(vocab::ADVS, &mut rng, 0.9),
            conns: shuffled_pool(vocab::CONNS, &mut rng, 0.8),
            conns2: shuffled_pool(vocab::CONNS2, &mut rng, 0.5),
            events: shuffled_pool(vocab::EVENTS, &mut rng, 1.0),
            places: shuffled_pool(vocab::PLACES, &mut rng, 1.0),
            risks: shuffled_pool(vocab::RISKS, &mut rng, 0.8),
            charts: shuffled_pool(vocab::CHART_SUBJECTS, &mut rng, 0.7),
            sources: shuffled_pool(vocab::SOURCES, &mut rng, 1.1),
            gcos: shuffled_pool(vocab::GLOBAL_COS, &mut rng, 1.0),
            judgs: shuffled_pool(vocab::JUDGMENTS, &mut rng, 0.8),
            stages: shuffled_pool(vocab::STAGES, &mut rng, 0.8),
            univs: shuffled_pool(vocab::UNIVS, &mut rng, 0.8),
            models: Pool::new(models, 1.05),
            types_co: shuffled_pool(vocab::REPORT_TYPES_CO, &mut rng, 0.8),
            types_ind: shuffled_pool(vocab::REPORT_TYPES_IND, &mut rng, 0.8),
            markers: words(vocab::MARKERS),
            sentence_pool: template_pool(vocab::SENTENCES, &mut rng, 0.7),
            sentences,
            heads_co_pool: template_pool(vocab::HEADLINES_CO, &mut rng, 0.6),
            heads_co,
            heads_ind_pool: template_pool(vocab::HEADLINES_IND, &mut rng, 0.6),
            heads_ind,
            section_pool: template_pool(vocab::SECTION_HEADS, &mut rng, 0.5),
            sections,
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Plan
// ---------------------------------------------------------------------------------------------

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// PDF-extracted text with line breaks, page headers and footers.
    Wrapped,
    /// The same text with every whitespace character removed (a common extractor output).
    OneLine,
    /// A markdown conversion: headings with `#`, one paragraph per line.
    Markdown,
}

#[derive(Clone, Debug)]
pub struct FilePlan {
    pub index: usize,
    pub seed: u64,
    pub target: usize,
    pub dir: String,
    pub year: u16,
    pub month: u8,
    pub day: u8,
    pub ind: usize,
    pub broker: usize,
    /// Company covered; `None` for industry reports.
    pub company: Option<usize>,
    pub format: Format,
}

/// Fixes every file's attributes sequentially so parallel generation stays deterministic.
pub fn plan(world: &World, seed: u64, total_bytes: u64) -> Vec<FilePlan> {
    let mut rng = ChaCha8Rng::seed_from_u64(mix(seed ^ 0x706c_616e));
    let mut plans = Vec::new();
    let mut sum = 0u64;
    let mut per_folder: HashMap<(u16, usize), usize> = HashMap::new();
    while sum < total_bytes {
        // A quarter are short notes (log-uniform 3-20 KB), the rest 20-60 KB; mean about 33 KB.
        let target = if rng.random_bool(0.25) {
            (3000.0 * (20.0f64 / 3.0).powf(rng.random::<f64>())) as usize
        } else {
            rng.random_range(20_000..60_000)
        };
        // Do not overshoot tiny corpora by a whole large report.
        let left = (total_bytes - sum) as usize;
        let target = if left < target {
            left.max(3000)
        } else {
            target
        };
        let year = 2019 + rng.random_range(0..7u16);
        let month = rng.random_range(1..13u8);
        let day = rng.random_range(1..29u8);
        let ind = world.ind_zipf.sample(&mut rng);
        let broker = world.broker_zipf.sample(&mut rng);
        let company = if rng.random_bool(0.7) {
            let ip = &world.inds[ind];
            ip.companies.get(ip.co_zipf.sample(&mut rng)).copied()
        } else {
            None
        };
        let r = rng.random_range(0..100);
        let format = if r < 8 {
            Format::OneLine
        } else if r < 11 {
            Format::Markdown
        } else {
            Format::Wrapped
        };
        let n = per_folder.entry((year, ind)).or_insert(0);
        let part = *n / FILES_PER_FOLDER;
        *n += 1;
        let ind_name = world.inds.get(ind).map(|p| p.name).unwrap_or("综合");
        let dir = if part == 0 {
            format!("{year}/{ind_name}")
        } else {
            format!("{year}/{ind_name}-{}", part + 1)
        };
        plans.push(FilePlan {
            index: plans.len(),
            seed: mix(seed.wrapping_mul(0x1000_0000_01B3) ^ plans.len() as u64),
            target,
            dir,
            year,
            month,
            day,
            ind,
            broker,
            company,
            format,
        });
        sum += target as u64;
    }
    plans
}

// ---------------------------------------------------------------------------------------------
// Line writer: wraps paragraphs like a PDF extractor, with page headers/footers
// ---------------------------------------------------------------------------------------------

struct Writer {
    out: String,
    markdown: bool,
    /// Line width in half-width units (a CJK char counts 2, ASCII 1).
    width: usize,
    blank_prob: f64,
    double_spaced: bool,
    indent: bool,
    page_lines: usize,
    lines: usize,
    page: u32,
    pages_est: u32,
    footer: String,
    page_header: String,
    footer_style: u8,
}

impl Writer {
    fn newline(&mut self, rng: &mut ChaCha8Rng) {
        self.out.push('\n');
        if self.markdown {
            return;
        }
        if self.double_spaced || (self.blank_prob > 0.0 && rng.random_bool(self.blank_prob)) {
            self.out.push('\n');
        }
        self.lines += 1;
        if self.lines >= self.page_lines {
            self.page_break(rng);
        }
    }

    fn page_break(&mut self, rng: &mut ChaCha8Rng) {
        self.lines = 0;
        let p = self.page;
        let _ = match self.footer_style {
            0 => writeln!(self.out, "{} {p}", self.footer),
            1 => writeln!(self.out, "{}\n- {p} -", self.footer),
            2 => writeln!(self.out, "{p} / {}", self.pages_est.max(p)),
            _ => writeln!(self.out, "{}  第{p}页", self.footer),
        };
        if rng.random_bool(0.5) {
            self.out.push('\n');
        }
        self.page += 1;
        self.out.push_str(&self.page_header);
        self.out.push('\n');
    }

    /// Wraps `text` at the line width, so long Latin words are sometimes split like in PDF text.
    fn para(&mut self, text: &str, rng: &mut ChaCha8Rng) {
        if self.markdown {
            self.out.push_str(text);
            self.out.push_str("\n\n");
            return;
        }
        if self.indent {
            self.out.push_str("\u{3000}\u{3000}");
        }
        let mut w = if self.indent { 4 } else { 0 };
        let mut start = 0;
        for (i, c) in text.char_indices() {
            w += if c.is_ascii() { 1 } else { 2 };
            if w >= self.width {
                let end = i + c.len_utf8();
                self.out.push_str(&text[start..end]);
                start = end;
                w = 0;
                self.newline(rng);
            }
        }
        if start < text.len() {
            self.out.push_str(&text[start..]);
            self.newline(rng);
        }
    }

    fn line(&mut self, text: &str, rng: &mut ChaCha8Rng) {
        self.out.push_str(text);
        self.newline(rng);
    }

    fn heading(&mut self, level: usize, text: &str, spaced: bool, rng: &mut ChaCha8Rng) {
        if self.markdown {
            for _ in 0..level.clamp(1, 4) {
                self.out.push('#');
            }
            self.out.push(' ');
            self.out.push_str(text);
            self.out.push_str("\n\n");
            return;
        }
        if spaced && text.chars().count() <= 6 {
            // Letter-spaced headings come out of PDFs as "投 资 要 点".
            let mut first = true;
            for c in text.chars() {
                if !first {
                    self.out.push(' ');
                }
                self.out.push(c);
                first = false;
            }
            self.newline(rng);
        } else {
            self.line(text, rng);
        }
    }

    fn row(&mut self, cells: &[&str], rng: &mut ChaCha8Rng) {
        if self.markdown {
            self.out.push('|');
            for c in cells {
                self.out.push(' ');
                self.out.push_str(c);
                self.out.push_str(" |");
            }
            self.out.push('\n');
            return;
        }
        for (i, c) in cells.iter().enumerate() {
            if i > 0 {
                for _ in 0..rng.random_range(1..4) {
                    self.out.push(' ');
                }
            }
            self.out.push_str(c);
        }
        self.newline(rng);
    }
}

// ---------------------------------------------------------------------------------------------
// Report generation
// ---------------------------------------------------------------------------------------------

struct Doc<'w> {
    w: &'w World,
    rng: ChaCha8Rng,
    plan: &'w FilePlan,
    broker: &'w Broker,
    co: usize,
    peers: [usize; 3],
    focus: [&'w str; 4],
    tk_form: usize,
    wr: Writer,
    charts: u32,
}

fn push_thousands(out: &mut String, x: f64, decimals: usize) {
    let s = format!("{:.*}", decimals, x.abs());
    let (int, frac) = match s.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (s.as_str(), None),
    };
    if x < 0.0 {
        out.push('-');
    }
    let n = int.len();
    for (i, ch) in int.chars().enumerate() {
        if i > 0 && (n - i) % 3 == 0 {
            out.push(',');
        }
        out.push(ch);
    }
    if let Some(f) = frac {
        out.push('.');
        out.push_str(f);
    }
}

impl<'w> Doc<'w> {
    fn ind(&self) -> &'w IndustryPools {
        let w = self.w;
        &w.inds[self.plan.ind.min(w.inds.len() - 1)]
    }

    fn company(&self, i: usize) -> &'w Company {
        let w = self.w;
        &w.companies[i.min(w.companies.len() - 1)]
    }

    fn term(&mut self) -> &'w str {
        let w = self.w;
        let r = self.rng.random_range(0..100);
        if r < 45 {
            self.focus[self.rng.random_range(0..4)]
        } else if r < 92 {
            self.ind().terms.pick(&mut self.rng)
        } else {
            let other = &w.inds[w.ind_zipf.sample(&mut self.rng)];
            other.terms.pick(&mut self.rng)
        }
    }

    fn pct_value(&mut self) -> f64 {
        // Log-uniform between 0.3% and 90%: small percentages are more common.
        0.3 * 300f64.powf(self.rng.random::<f64>())
    }

    fn push_pct(&mut self, out: &mut String) {
        let v = self.pct_value();
        let _ = if self.rng.random_bool(0.7) {
            write!(out, "{v:.1}%")
        } else {
            write!(out, "{v:.2}%")
        };
    }

    fn push_pp(&mut self, out: &mut String) {
        let v = self.rng.random::<f64>() * 8.0 + 0.1;
        let _ = match self.rng.random_range(0..4) {
            0 | 1 => write!(out, "{v:.1}pct"),
            2 => write!(out, "{v:.2}个百分点"),
            _ => write!(out, "{}bp", (v * 10.0) as u32 + 1),
        };
    }

    fn push_amount(&mut self, out: &mut String) {
        let r = self.rng.random_range(0..100);
        if r < 65 {
            let v = 0.5 * 2000f64.powf(self.rng.random::<f64>());
            let _ = write!(out, "{v:.2}亿元");
        } else if r < 85 {
            let v = 100.0 * 1000f64.powf(self.rng.random::<f64>());
            push_thousands(out, v, if self.rng.random_bool(0.5) { 0 } else { 2 });
            out.push_str("万元");
        } else if r < 95 {
            let v = 50.0 * 2000f64.powf(self.rng.random::<f64>());
            push_thousands(out, v, 1);
            out.push_str("百万元");
        } else {
            let v = 0.1 + self.rng.random::<f64>() * 5.0;
            let _ = write!(out, "{v:.2}万亿元");
        }
    }

    fn push_quarter(&mut self, out: &mut String) {
        let y = self.plan.year - self.rng.random_range(0..2u16);
        let _ = match self.rng.random_range(0..8) {
            0 => write!(out, "{y}年一季度"),
            1 => write!(out, "{y}年上半年"),
            2 => write!(out, "{y}年前三季度"),
            3 => write!(out, "{y}Q{}", self.rng.random_range(1..5)),
            4 => write!(out, "{}H{:02}", self.rng.random_range(1..3), y % 100),
            5 => write!(out, "{}Q{:02}", self.rng.random_range(1..5), y % 100),
            6 => write!(
                out,
                "{y}年第{}季度",
                ["一", "二", "三", "四"][self.rng.random_range(0..4)]
            ),
            _ => write!(out, "{y}年"),
        };
    }

    fn push_date(&mut self, out: &mut String, y: u16, m: u8, d: u8, style: usize) {
        let _ = match style % 5 {
            0 => write!(out, "{y}年{m:02}月{d:02}日"),
            1 => write!(out, "{y}年{m}月{d}日"),
            2 => write!(out, "{y}-{m:02}-{d:02}"),
            3 => write!(out, "{y}/{m}/{d}"),
            _ => write!(out, "{y}.{m:02}.{d:02}"),
        };
    }

    fn push_ticker(&mut self, co: usize, out: &mut String) {
        let form = if self.rng.random_bool(0.85) {
            self.tk_form
        } else {
            self.rng.random_range(0..6)
        };
        let c = self.company(co);
        c.exch.render(form, out);
    }

    fn fill(&mut self, tpl: &[Piece], out: &mut String) {
        let w = self.w;
        for piece in tpl {
            match piece {
                Piece::Lit(s) => out.push_str(s),
                Piece::Slot(slot) => self.slot(*slot, out, w),
            }
        }
    }

    fn slot(&mut self, slot: Slot, out: &mut String, w: &'w World) {
        match slot {
            Slot::Conn => out.push_str(w.conns.pick(&mut self.rng)),
            Slot::Conn2 => out.push_str(w.conns2.pick(&mut self.rng)),
            Slot::Co => {
                let c = if self.plan.company.is_some() || self.rng.random_bool(0.3) {
                    self.co
                } else {
                    self.peers[self.rng.random_range(0..3)]
                };
                out.push_str(&self.company(c).short);
            }
            Slot::Co2 | Slot::Co3 => {
                // Peers rotate through a per-report set plus fresh picks, so many companies get mentioned.
                let c = if self.rng.random_bool(0.6) {
                    self.peers[self.rng.random_range(0..3)]
                } else {
                    let ip = self.ind();
                    ip.companies
                        .get(ip.co_zipf.sample(&mut self.rng))
                        .copied()
                        .unwrap_or(0)
                };
                out.push_str(&self.company(c).short);
            }
            Slot::Tk => self.push_ticker(self.co, out),
            Slot::Q => self.push_quarter(out),
            Slot::Amt => self.push_amount(out),
            Slot::Chg => {
                let v = self.pct_value();
                let _ = match self.rng.random_range(0..10) {
                    0..=5 => write!(out, "增长{v:.2}%"),
                    6 | 7 => write!(out, "下降{:.2}%", v.min(60.0)),
                    8 => write!(out, "+{v:.1}%"),
                    _ => write!(out, "-{:.1}%", v.min(60.0)),
                };
            }
            Slot::Chg2 => {
                if self.rng.random_bool(0.7) {
                    out.push_str("同比增长");
                    self.push_pct(out);
                } else {
                    out.push_str("短期承压");
                }
            }
            Slot::T => {
                let t = self.term();
                out.push_str(t);
            }
            Slot::T2 => {
                let t = self.ind().terms.pick(&mut self.rng);
                out.push_str(t);
            }
            Slot::Adv => out.push_str(w.advs.pick(&mut self.rng)),
            Slot::Pct => self.push_pct(out),
            Slot::Pp => self.push_pp(out),
            Slot::Pchg => {
                out.push_str(if self.rng.random_bool(0.6) {
                    "提升"
                } else {
                    "下降"
                });
                self.push_pp(out);
            }
            Slot::Ind => out.push_str(self.ind().name),
            Slot::Kpi => {
                if self.rng.random_bool(0.7) {
                    let k = self.ind().kpis.pick(&mut self.rng);
                    out.push_str(k);
                } else {
                    out.push_str(w.biz.pick(&mut self.rng));
                }
            }
            Slot::Vup => out.push_str(w.vup.pick(&mut self.rng)),
            Slot::Vdown => out.push_str(w.vdown.pick(&mut self.rng)),
            Slot::Gco => out.push_str(w.gcos.pick(&mut self.rng)),
            Slot::Mdl | Slot::Mdl2 => out.push_str(w.models.pick(&mut self.rng)),
            Slot::Biz => out.push_str(w.biz.pick(&mut self.rng)),
            Slot::Yr => {
                let _ = write!(out, "{}", self.plan.year + self.rng.random_range(0..3u16));
            }
            Slot::Yr0 => {
                let _ = write!(out, "{}", self.plan.year - 1);
            }
            Slot::Event => out.push_str(w.events.pick(&mut self.rng)),
            Slot::Num => {
                let v = (2.0 * 400f64.powf(self.rng.random::<f64>())) as u32;
                let _ = write!(out, "{v}");
            }
            Slot::Num2 => {
                let _ = write!(out, "{}", self.rng.random_range(1..40));
            }
            Slot::Date => {
                let (m, d, st) = (
                    self.rng.random_range(1..13u8),
                    self.rng.random_range(1..29u8),
                    self.rng.random_range(0..5),
                );
                self.push_date(out, self.plan.year, m, d, st);
            }
            Slot::Judg => out.push_str(w.judgs.pick(&mut self.rng)),
            Slot::Judg2 => out.push_str(w.stages.pick(&mut self.rng)),
            Slot::Place => out.push_str(w.places.pick(&mut self.rng)),
            Slot::Usd => {
                let v = 1.0 + self.rng.random::<f64>() * 800.0;
                let _ = write!(out, "{v:.1}亿美元");
            }
            Slot::Usdp => {
                let v = 0.05 + self.rng.random::<f64>() * 20.0;
                let _ = write!(out, "{v:.2}美元");
            }
            Slot::Mult => {
                let v = 6.0 + 60.0 * self.rng.random::<f64>().powi(2);
                let _ = write!(out, "{v:.1}");
            }
            Slot::Px => {
                let v = 2.0 * 500f64.powf(self.rng.random::<f64>());
                let _ = write!(out, "{v:.2}元");
            }
            Slot::Src => out.push_str(w.sources.pick(&mut self.rng)),
            Slot::Rank => {
                let _ = write!(out, "{}", self.rng.random_range(1..11));
            }
            Slot::IndRate => {
                out.push_str(self.broker.industry_ratings[self.rng.random_range(0..2)]);
            }
            Slot::Univ => out.push_str(w.univs.pick(&mut self.rng)),
            Slot::Month => {
                let _ = write!(out, "{}", self.plan.month);
            }
            Slot::Broker => out.push_str(&self.broker.name),
            Slot::CoFull => out.push_str(&self.company(self.co).full),
            Slot::Person => {
                let i = self.rng.random_range(0..w.people.len().max(1));
                if let Some(p) = w.people.get(i) {
                    out.push_str(&p.0);
                }
            }
        }
    }

    fn sentence(&mut self, out: &mut String) {
        let w = self.w;
        let i = w.sentence_pool.pick_idx(&mut self.rng);
        if let Some(t) = w.sentences.get(i) {
            self.fill(t, out);
        }
    }

    fn paragraph(&mut self, n: usize) {
        let mut buf = String::with_capacity(512);
        for _ in 0..n {
            self.sentence(&mut buf);
        }
        self.wr.para(&buf, &mut self.rng);
    }

    fn marker(&mut self, name: &str) {
        if self.broker.markers {
            let w = self.w;
            if w.markers.contains(&name) {
                self.wr.line(name, &mut self.rng);
            }
        }
    }

    fn heading(&mut self, level: usize, text: &str) {
        let spaced = self.broker.spaced_heads;
        self.wr.heading(level, text, spaced, &mut self.rng);
    }

    fn section_title(&mut self, out: &mut String) {
        let w = self.w;
        let i = w.section_pool.pick_idx(&mut self.rng);
        if let Some(t) = w.sections.get(i) {
            self.fill(t, out);
        }
    }

    fn title(&mut self) -> String {
        let w = self.w;
        let mut s = String::new();
        if self.plan.company.is_some() {
            let c = self.company(self.co);
            s.push_str(&c.short);
            let full = self.rng.random_bool(0.6);
            s.push_str(if full { "（" } else { "(" });
            self.push_ticker(self.co, &mut s);
            s.push_str(if full { "）" } else { ")" });
            s.push_str(if self.rng.random_bool(0.7) {
                "："
            } else {
                " "
            });
            let i = w.heads_co_pool.pick_idx(&mut self.rng);
            if let Some(t) = w.heads_co.get(i) {
                self.fill(t, &mut s);
            }
        } else {
            let i = w.heads_ind_pool.pick_idx(&mut self.rng);
            if let Some(t) = w.heads_ind.get(i) {
                self.fill(t, &mut s);
            }
        }
        s
    }

    fn header(&mut self, title: &str) {
        let b = self.broker;
        let w = self.w;
        let rng_types = if self.plan.company.is_some() {
            &w.types_co
        } else {
            &w.types_ind
        };
        let rtype = rng_types.pick(&mut self.rng);
        let mut s = String::new();
        self.marker("[Table_ReportType]");
        let _ = write!(s, "证券研究报告 | {rtype} | {}", self.ind().name);
        self.wr.line(&s, &mut self.rng);
        self.marker("[Table_Title]");
        if self.wr.markdown {
            self.wr.heading(1, title, false, &mut self.rng);
        } else {
            self.wr.para(title, &mut self.rng);
        }
        self.marker("[Table_Date]");
        s.clear();
        let style = self.rng.random_range(0..5);
        self.push_date(
            &mut s,
            self.plan.year,
            self.plan.month,
            self.plan.day,
            style,
        );
        let line = format!("{}研究所 {s}", b.name);
        self.wr.line(&line, &mut self.rng);
        // Rating and basic data.
        self.marker("[Table_Rank]");
        let rating = if self.plan.company.is_some() {
            b.stock_ratings[[0, 0, 0, 0, 0, 0, 1, 1, 1, 2][self.rng.random_range(0..10)]]
        } else {
            b.industry_ratings[self.rng.random_range(0..2)]
        };
        let keep = if self.rng.random_bool(0.8) {
            "维持"
        } else {
            "首次"
        };
        let line = format!("投资评级：{rating}（{keep}）");
        self.wr.line(&line, &mut self.rng);
        if self.plan.company.is_some() {
            self.marker("[Table_BaseData]");
            self.wr.line("基本数据", &mut self.rng);
            let px = 3.0 * 300f64.powf(self.rng.random::<f64>());
            let rows = [
                format!("当前股价(元) {px:.2}"),
                format!(
                    "目标价(元) {:.2}",
                    px * (1.1 + self.rng.random::<f64>() * 0.5)
                ),
                format!(
                    "总股本(百万股) {:.2}",
                    80.0 * 100f64.powf(self.rng.random::<f64>())
                ),
                format!(
                    "总市值(亿元) {:.2}",
                    20.0 * 200f64.powf(self.rng.random::<f64>())
                ),
                format!("52周股价区间(元) {:.2}-{:.2}", px * 0.6, px * 1.3),
                format!(
                    "资产负债率(%) {:.2}",
                    10.0 + self.rng.random::<f64>() * 60.0
                ),
            ];
            for r in &rows {
                self.wr.line(r, &mut self.rng);
            }
            if let Some(hk) = self.company(self.co).hk {
                let line = format!("H股代码 {hk:04}.HK");
                self.wr.line(&line, &mut self.rng);
            }
        }
        // Analysts.
        self.marker("[Table_Author]");
        let n = self.rng.random_range(1..4);
        for k in 0..n {
            let a = &b.analysts[b
                .analyst_zipf
                .sample(&mut self.rng)
                .min(b.analysts.len() - 1)];
            let role = if k == n - 1 && n > 1 && self.rng.random_bool(0.4) {
                "研究助理"
            } else {
                "分析师"
            };
            let sep = if self.rng.random_bool(0.5) {
                "："
            } else {
                " "
            };
            let line = format!("{role}{sep}{}", a.name);
            self.wr.line(&line, &mut self.rng);
            let line = match self.rng.random_range(0..3) {
                0 => format!("执业证书编号：{}", a.sac),
                1 => format!("SAC No. {}", a.sac),
                _ => format!("SAC执业证书编号：{}", a.sac),
            };
            self.wr.line(&line, &mut self.rng);
            if let Some(sfc) = &a.sfc {
                let line = format!("SFC No. {sfc}");
                self.wr.line(&line, &mut self.rng);
            }
            let line = format!("邮箱：{}", a.email);
            self.wr.line(&line, &mut self.rng);
            if self.rng.random_bool(0.6) {
                let line = format!("电话：{}", a.phone);
                self.wr.line(&line, &mut self.rng);
            }
        }
        // Relative performance chart residue and related reports.
        if self.rng.random_bool(0.6) {
            self.wr.line("相对市场表现", &mut self.rng);
            self.wr.line("-20% -10% 0% 10% 20% 30%", &mut self.rng);
            let y = self.plan.year - 1;
            let line = format!(
                "{y}-{:02} {y}-{:02} {}-{:02}",
                self.plan.month,
                (self.plan.month % 12) + 1,
                y + 1,
                self.plan.month
            );
            self.wr.line(&line, &mut self.rng);
        }
        if self.rng.random_bool(0.5) {
            self.wr.line("相关研究", &mut self.rng);
            for k in 1..=self.rng.random_range(1..4) {
                let mut s = format!("{k}.《");
                let w = self.w;
                let i = w.heads_co_pool.pick_idx(&mut self.rng);
                if let Some(t) = w.heads_co.get(i) {
                    self.fill(t, &mut s);
                }
                s.push('》');
                let (m, d) = (
                    self.rng.random_range(1..13u8),
                    self.rng.random_range(1..29u8),
                );
                self.push_date(&mut s, self.plan.year - 1, m, d, 2);
                self.wr.line(&s, &mut self.rng);
            }
        }
    }

    fn summary(&mut self) {
        self.marker("[Table_Summary]");
        let h = if self.rng.random_bool(0.8) {
            "投资要点"
        } else {
            "核心观点"
        };
        self.heading(2, h);
        for _ in 0..self.rng.random_range(3..6) {
            let mut buf = String::new();
            if self.rng.random_bool(0.5) {
                buf.push_str(["■ ", "● ", "◆ ", "➢ "][self.rng.random_range(0..4)]);
            }
            self.section_title(&mut buf);
            buf.push('。');
            for _ in 0..self.rng.random_range(1..4) {
                self.sentence(&mut buf);
            }
            self.wr.para(&buf, &mut self.rng);
        }
        let mut buf = String::from("盈利预测与投资建议：");
        self.forecast_sentence(&mut buf);
        self.wr.para(&buf, &mut self.rng);
        let mut buf = String::from("风险提示：");
        self.risk_list(&mut buf, 3);
        self.wr.para(&buf, &mut self.rng);
    }

    fn forecast_sentence(&mut self, out: &mut String) {
        let y = self.plan.year;
        let rating = if self.plan.company.is_some() {
            self.broker.stock_ratings[self.rng.random_range(0..2)]
        } else {
            self.broker.industry_ratings[0]
        };
        let _ = write!(out, "我们预计公司{y}-{}年归母净利润分别为", y + 2);
        for k in 0..3 {
            if k > 0 {
                out.push('、');
            }
            let v = 0.5 * 1000f64.powf(self.rng.random::<f64>());
            let _ = write!(out, "{v:.2}");
        }
        out.push_str("亿元，对应PE分别为");
        let mut pe = 8.0 + 60.0 * self.rng.random::<f64>();
        for k in 0..3 {
            if k > 0 {
                out.push('/');
            }
            let _ = write!(out, "{pe:.1}");
            pe *= 0.75 + self.rng.random::<f64>() * 0.15;
        }
        let _ = write!(out, "倍，维持“{rating}”评级。");
    }

    fn risk_list(&mut self, out: &mut String, n: usize) {
        let w = self.w;
        let mut used: Vec<&str> = Vec::with_capacity(n);
        for _ in 0..n * 3 {
            let r = w.risks.pick(&mut self.rng);
            if used.len() == n {
                break;
            }
            if !used.contains(&r) {
                used.push(r);
            }
        }
        for (k, r) in used.iter().enumerate() {
            if k > 0 {
                out.push_str(if self.rng.random_bool(0.5) {
                    "；"
                } else {
                    "，"
                });
            }
            out.push_str(r);
        }
        out.push('。');
    }

    fn chart(&mut self) {
        let w = self.w;
        self.charts += 1;
        let label = ["图表", "图", "表", "Figure "][self.rng.random_range(0..4)];
        let subject = w.charts.pick(&mut self.rng);
        let who = if self.plan.company.is_some() && self.rng.random_bool(0.6) {
            self.company(self.co).short.clone()
        } else {
            self.term().to_string()
        };
        let line = format!("{label}{}：{who}{subject}", self.charts);
        self.wr.line(&line, &mut self.rng);
        if self.rng.random_bool(0.7) {
            let step = [5, 10, 50, 100, 500, 2000][self.rng.random_range(0..6)];
            let mut s = String::new();
            for k in 0..self.rng.random_range(4..8) {
                if k > 0 {
                    s.push(' ');
                }
                push_thousands(&mut s, (k * step) as f64, 0);
            }
            self.wr.line(&s, &mut self.rng);
            let mut s = String::new();
            let y0 = self.plan.year - 6;
            if self.rng.random_bool(0.5) {
                for k in 0..6 {
                    let _ = write!(s, "{}{} ", y0 + k, if k >= 5 { "E" } else { "" });
                }
            } else {
                for k in 0..8 {
                    let _ = write!(s, "{}Q{:02} ", k % 4 + 1, (y0 + 4 + k / 4) % 100);
                }
            }
            self.wr.line(s.trim_end(), &mut self.rng);
        }
        let src = w.sources.pick(&mut self.rng);
        let line = format!("资料来源：{src}，{}研究所", self.broker.name);
        self.wr.line(&line, &mut self.rng);
    }

    fn body_section(&mut self, number: usize) {
        let mut head = String::new();
        match self.rng.random_range(0..3) {
            0 => {
                let cn = ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十"];
                head.push_str(cn[(number - 1) % cn.len()]);
                head.push('、');
            }
            _ => {
                let _ = write!(head, "{number}. ");
            }
        }
        self.section_title(&mut head);
        self.heading(2, &head);
        for sub in 1..=self.rng.random_range(1..4) {
            if self.rng.random_bool(0.6) {
                let mut h = format!("{number}.{sub} ");
                self.section_title(&mut h);
                self.heading(3, &h);
            }
            for _ in 0..self.rng.random_range(1..4) {
                let n = self.rng.random_range(2..6);
                self.paragraph(n);
            }
            if self.rng.random_bool(0.5) {
                self.chart();
            }
        }
    }

    fn forecast_table(&mut self) {
        self.marker("[Table_Finance]");
        let y = self.plan.year as i32;
        let head_years: Vec<String> = (-2..3)
            .map(|k| format!("{}{}", y + k, if k < 0 { "A" } else { "E" }))
            .collect();
        let mut cells: Vec<&str> = vec!["主要财务指标"];
        cells.extend(head_years.iter().map(|s| s.as_str()));
        self.wr.row(&cells, &mut self.rng);
        let mut rev = 200.0 * 500f64.powf(self.rng.random::<f64>());
        let margin = 0.03 + self.rng.random::<f64>() * 0.25;
        let shares = 100.0 + 5000.0 * self.rng.random::<f64>();
        let mut revs = Vec::new();
        let mut growth = Vec::new();
        for _ in 0..5 {
            let g = -0.15 + self.rng.random::<f64>() * 0.6;
            rev *= 1.0 + g;
            revs.push(rev);
            growth.push(g * 100.0);
        }
        let fmt_row = |label: &str, vals: &[f64], dec: usize| -> Vec<String> {
            let mut v = vec![label.to_string()];
            for x in vals {
                let mut s = String::new();
                push_thousands(&mut s, *x, dec);
                v.push(s);
            }
            v
        };
        let profit: Vec<f64> = revs.iter().map(|r| r * margin).collect();
        let eps: Vec<f64> = profit.iter().map(|p| p / shares).collect();
        let pe: Vec<f64> = eps
            .iter()
            .map(|e| if *e > 0.0 { 30.0 / (1.0 + e) } else { 0.0 })
            .collect();
        let rows = [
            fmt_row("营业收入（百万元）", &revs, 0),
            fmt_row("同比增长（%）", &growth, 1),
            fmt_row("归母净利润（百万元）", &profit, 0),
            fmt_row("每股收益（元）", &eps, 2),
            fmt_row("市盈率（倍）", &pe, 1),
        ];
        for r in &rows {
            let cells: Vec<&str> = r.iter().map(|s| s.as_str()).collect();
            self.wr.row(&cells, &mut self.rng);
        }
        let line = format!(
            "资料来源：{}，{}研究所预测",
            self.w.sources.pick(&mut self.rng),
            self.broker.name
        );
        self.wr.line(&line, &mut self.rng);
    }

    fn peers_table(&mut self) {
        self.wr.line("重点公司盈利预测与估值", &mut self.rng);
        let y = self.plan.year;
        let head = format!(
            "代码 名称 股价(元) EPS{y}E EPS{}E PE{y}E PE{}E 评级",
            y + 1,
            y + 1
        );
        self.wr.line(&head, &mut self.rng);
        let ip = self.ind();
        for _ in 0..self.rng.random_range(3..8) {
            let ci = ip
                .companies
                .get(ip.co_zipf.sample(&mut self.rng))
                .copied()
                .unwrap_or(0);
            let mut s = String::new();
            let form = self.rng.random_range(0..2) * 5;
            self.company(ci).exch.render(form, &mut s);
            let px = 3.0 * 300f64.powf(self.rng.random::<f64>());
            let e1 = 0.1 + self.rng.random::<f64>() * 5.0;
            let e2 = e1 * (1.0 + self.rng.random::<f64>() * 0.4);
            let rating = self.broker.stock_ratings[self.rng.random_range(0..3)];
            let _ = write!(
                s,
                " {} {px:.2} {e1:.2} {e2:.2} {:.1} {:.1} {rating}",
                self.company(ci).short,
                px / e1,
                px / e2
            );
            self.wr.line(&s, &mut self.rng);
        }
    }

    fn tail(&mut self, short: bool) {
        let b = self.broker;
        let mut buf = String::new();
        self.heading(2, "投资建议");
        self.forecast_sentence(&mut buf);
        if !short {
            self.sentence(&mut buf);
        }
        self.wr.para(&buf, &mut self.rng);
        self.heading(2, "风险提示");
        let n = if short {
            3
        } else {
            self.rng.random_range(3..6)
        };
        if short {
            let mut buf = String::new();
            self.risk_list(&mut buf, n);
            self.wr.para(&buf, &mut self.rng);
        } else {
            for k in 1..=n {
                let w = self.w;
                let mut buf = format!("{k}）{}：", w.risks.pick(&mut self.rng));
                self.sentence(&mut buf);
                self.wr.para(&buf, &mut self.rng);
            }
        }
        if self.plan.company.is_some() {
            self.heading(2, "盈利预测");
            self.forecast_table();
        } else {
            self.peers_table();
        }
        // Boilerplate: the broker's own text, nearly verbatim across its reports.
        self.heading(2, "分析师声明");
        self.wr.para(b.statement, &mut self.rng);
        self.heading(2, "评级说明");
        self.wr.para(&b.rating_text, &mut self.rng);
        self.heading(2, "免责声明");
        let drop = if self.rng.random_bool(0.2) {
            self.rng.random_range(0..b.disclaimer.len())
        } else {
            usize::MAX
        };
        let keep = if short { 3 } else { b.disclaimer.len() };
        let mut para = String::new();
        for (i, s) in b.disclaimer.iter().enumerate().take(keep) {
            if i == drop {
                continue;
            }
            para.push_str(s);
            if self.rng.random_bool(0.3) || i + 1 == keep {
                self.wr.para(&para, &mut self.rng);
                para.clear();
            }
        }
        if !para.is_empty() {
            self.wr.para(&para, &mut self.rng);
        }
        let line = format!("{}研究所 地址：{}市 {}", b.name, b.city, b.name);
        self.wr.line(&line, &mut self.rng);
        let line = format!("©{} {} 版权所有", self.plan.year, b.name);
        self.wr.line(&line, &mut self.rng);
    }

    fn toc(&mut self) {
        self.wr.line("目录", &mut self.rng);
        let mut page = 3;
        for k in 1..=self.rng.random_range(4..9) {
            let mut s = format!("{k}. ");
            self.section_title(&mut s);
            let _ = write!(s, " ........................ {page}");
            page += self.rng.random_range(1..4);
            self.wr.line(&s, &mut self.rng);
        }
    }
}

/// Generates one report; returns (title, file content).
pub fn generate(world: &World, plan: &FilePlan) -> (String, String) {
    let mut rng = ChaCha8Rng::seed_from_u64(plan.seed);
    let broker = &world.brokers[plan.broker.min(world.brokers.len() - 1)];
    let ip = &world.inds[plan.ind.min(world.inds.len() - 1)];
    let pick_co = |rng: &mut ChaCha8Rng| {
        ip.companies
            .get(ip.co_zipf.sample(rng))
            .copied()
            .unwrap_or(0)
    };
    let co = plan.company.unwrap_or_else(|| pick_co(&mut rng));
    let peers = [pick_co(&mut rng), pick_co(&mut rng), pick_co(&mut rng)];
    let focus = [
        ip.terms.pick(&mut rng),
        ip.terms.pick(&mut rng),
        ip.terms.pick(&mut rng),
        ip.terms.uniform(&mut rng),
    ];
    let markdown = plan.format == Format::Markdown;
    let width = 2 * rng.random_range(26..37);
    let double_spaced = rng.random_bool(0.08);
    let blank_prob = if rng.random_bool(0.3) { 0.04 } else { 0.0 };
    let page_lines = rng.random_range(35..55);
    let pages_est = (plan.target / (page_lines * width * 3 / 2)).max(1) as u32 + 1;
    let wr = Writer {
        out: String::with_capacity(plan.target + plan.target / 4),
        markdown,
        width,
        blank_prob,
        double_spaced,
        indent: rng.random_bool(0.2),
        page_lines,
        lines: 0,
        page: 1,
        pages_est,
        footer: format!("{} {}", broker.name, broker.footer),
        page_header: String::new(),
        footer_style: rng.random_range(0..4),
    };
    let tk_form = if rng.random_bool(0.7) {
        broker.ticker_form
    } else {
        rng.random_range(0..6)
    };
    let mut doc = Doc {
        w: world,
        rng,
        plan,
        broker,
        co,
        peers,
        focus,
        tk_form,
        wr,
        charts: 0,
    };
    let title = doc.title();
    doc.wr.page_header = if plan.company.is_some() {
        format!(
            "{}/{}",
            world.companies[co.min(world.companies.len() - 1)].short,
            ip.name
        )
    } else {
        format!("{}行业研究", ip.name)
    };

    doc.header(&title);
    doc.summary();
    let short = plan.target < 9000;
    if !short {
        if plan.company.is_some() {
            doc.forecast_table();
        }
        if plan.target > 30_000 && doc.rng.random_bool(0.7) {
            doc.toc();
        }
    }
    // Size the tail with a throw-away rendering so the body can be sized to hit the target; the
    // real tail is rendered last so page numbers continue.
    let head = std::mem::take(&mut doc.wr.out);
    let (lines, page) = (doc.wr.lines, doc.wr.page);
    doc.tail(short);
    let tail_len = doc.wr.out.len();
    doc.wr.out = head;
    (doc.wr.lines, doc.wr.page) = (lines, page);
    // Reserve ~600 bytes: the last section usually overshoots the check below.
    let budget = plan.target.saturating_sub(tail_len + 600);
    let mut n = 1;
    while doc.wr.out.len() < budget {
        if short {
            let k = doc.rng.random_range(2..5);
            doc.paragraph(k);
        } else {
            doc.body_section(n);
            n += 1;
        }
    }
    doc.tail(short);
    let mut out = doc.wr.out;
    match plan.format {
        Format::OneLine => out.retain(|c| !c.is_whitespace()),
        Format::Wrapped => {
            if doc.rng.random_bool(0.04) {
                out = out.replace('\n', "\r\n");
            }
            if doc.rng.random_bool(0.01) {
                out.insert(0, '\u{FEFF}');
            }
        }
        Format::Markdown => {}
    }
    (title, out)
}

/// File name: date, broker, title and index; path-hostile characters replaced.
pub fn file_name(world: &World, plan: &FilePlan, title: &str) -> String {
    let broker = world
        .brokers
        .get(plan.broker)
        .map(|b| b.name.as_str())
        .unwrap_or("");
    let mut t: String = title
        .chars()
        .filter(|c| !c.is_control())
        .map(|c| {
            if matches!(c, '/' | '\\' | ':' | '*' | '?' | '"' | '<' | '>' | '|') {
                '_'
            } else {
                c
            }
        })
        .take(36)
        .collect();
    t = t.trim().to_string();
    let ext = if plan.format == Format::Markdown {
        "md"
    } else {
        "txt"
    };
    format!(
        "{}{:02}{:02}-{broker}-{t}-{:05}.{ext}",
        plan.year, plan.month, plan.day, plan.index
    )
}

pub struct GenSummary {
    pub files: usize,
    pub bytes: u64,
    pub folders: usize,
    pub seconds: f64,
}

/// Writes the corpus; refuses a non-empty output folder so nothing is overwritten by accident.
pub fn run_gen(out: &Path, mb: f64, seed: u64) -> Result<GenSummary> {
    if !(mb.is_finite() && mb > 0.0) {
        bail!("--mb must be a positive number, got {mb}");
    }
    if out.exists()
        && std::fs::read_dir(out)
            .with_context(|| format!("reading {}", out.display()))?
            .next()
            .is_some()
    {
        bail!(
            "output folder {} is not empty; choose a new folder",
            out.display()
        );
    }
    let t0 = Instant::now();
    let world = World::new(seed);
    let plans = plan(&world, seed, (mb * MB) as u64);
    let dirs: HashSet<&str> = plans.iter().map(|p| p.dir.as_str()).collect();
    for d in &dirs {
        std::fs::create_dir_all(out.join(d))
            .with_context(|| format!("creating {}", out.join(d).display()))?;
    }
    let bytes: Result<Vec<u64>> = plans
        .par_iter()
        .map(|p| {
            let (title, text) = generate(&world, p);
            let path: PathBuf = out.join(&p.dir).join(file_name(&world, p, &title));
            std::fs::write(&path, text.as_bytes())
                .with_context(|| format!("writing {}", path.display()))?;
            Ok(text.len() as u64)
        })
        .collect();
    let bytes: u64 = bytes?.iter().sum();
    Ok(GenSummary {
        files: plans.len(),
        bytes,
        folders: dirs.len(),
        seconds: t0.elapsed().as_secs_f64(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample(seed: u64, mb: f64) -> Vec<(String, String)> {
        let w = World::new(seed);
        plan(&w, seed, (mb * MB) as u64)
            .iter()
            .map(|p| {
                let (t, text) = generate(&w, p);
                (file_name(&w, p, &t), text)
            })
            .collect()
    }

    #[test]
    fn templates_have_only_known_slots() {
        let lists: [&[&str]; 5] = [
            vocab::SENTENCES,
            vocab::HEADLINES_CO,
            vocab::HEADLINES_IND,
            vocab::SECTION_HEADS,
            vocab::DISCLAIMER,
        ];
        for list in lists {
            for t in list {
                for p in parse_template(t) {
                    if let Piece::Lit(s) = p {
                        assert!(
                            !(s.starts_with('{') && s.ends_with('}')),
                            "unknown slot {s} in {t}"
                        );
                    }
                }
            }
        }
    }

    #[test]
    fn parse_template_splits_slots() {
        assert_eq!(
            parse_template("a{co}b{nope}{pct}"),
            vec![
                Piece::Lit("a"),
                Piece::Slot(Slot::Co),
                Piece::Lit("b"),
                Piece::Lit("{nope}"),
                Piece::Slot(Slot::Pct)
            ]
        );
        assert_eq!(parse_template("x{open"), vec![Piece::Lit("x{open")]);
    }

    #[test]
    fn zipf_prefers_low_ranks() {
        let z = Zipf::new(1000, 1.0);
        let mut rng = ChaCha8Rng::seed_from_u64(1);
        let mut counts = vec![0u32; 1000];
        for _ in 0..100_000 {
            counts[z.sample(&mut rng)] += 1;
        }
        assert!(counts[0] > 5 * counts[9], "{} vs {}", counts[0], counts[9]);
        assert!(counts[9] > 5 * counts[99]);
        assert!(counts.iter().filter(|&&c| c > 0).count() > 600);
    }

    #[test]
    fn thousands_separator() {
        let mut s = String::new();
        push_thousands(&mut s, 1234567.891, 2);
        assert_eq!(s, "1,234,567.89");
        s.clear();
        push_thousands(&mut s, -999.0, 0);
        assert_eq!(s, "-999");
        s.clear();
        push_thousands(&mut s, 1000.0, 0);
        assert_eq!(s, "1,000");
    }

    #[test]
    fn same_seed_same_bytes_other_seed_differs() {
        let a = sample(7, 0.3);
        let b = sample(7, 0.3);
        assert_eq!(a, b);
        let c = sample(8, 0.3);
        assert_ne!(a, c);
        let a_text: String = a.iter().map(|x| x.1.as_str()).collect();
        let c_text: String = c.iter().map(|x| x.1.as_str()).collect();
        assert_ne!(a_text, c_text);
    }

    #[test]
    fn sizes_are_within_bounds_and_total_matches() {
        let files = sample(3, 3.0);
        let total: usize = files.iter().map(|f| f.1.len()).sum();
        assert!(
            total as f64 > 2.7 * MB && (total as f64) < 3.4 * MB,
            "total {total}"
        );
        for (name, text) in &files {
            assert!(
                text.len() > 2000 && text.len() < 75_000,
                "{name}: {}",
                text.len()
            );
            assert!(name.len() < 240, "{name}");
            assert!(!name.contains('/'));
        }
    }

    #[test]
    fn content_looks_like_reports() {
        let files = sample(11, 3.0);
        let all: String = files.iter().map(|f| f.1.as_str()).collect();
        for needle in [
            "投资要点",
            "投资建议",
            "盈利预测",
            "风险提示",
            "分析师声明",
            "免责声明",
            "评级说明",
            "[Table_Summary]",
            "资料来源",
            "%",
            "芯片",
            "风险",
        ] {
            assert!(all.contains(needle), "missing {needle}");
        }
        // SAC numbers: S followed by exactly 13 digits.
        let sac = all.match_indices('S').filter(|(i, _)| {
            let b = all.as_bytes();
            b.len() > i + 14
                && b[i + 1..i + 14].iter().all(u8::is_ascii_digit)
                && !b[i + 14].is_ascii_digit()
        });
        assert!(sac.count() > 50);
        for form in [".SH", ".SZ", ".HK", "SH6", "(", "CH"] {
            assert!(all.contains(form), "no ticker form {form}");
        }
        assert!(
            all.contains("DeepSeek-R1") || all.contains("Qwen2.5-Max") || all.contains("o3-mini")
        );
        // Some whitespace-free one-line reports and some wrapped ones.
        assert!(files
            .iter()
            .any(|f| !f.1.contains('\n') && f.0.ends_with(".txt")));
        assert!(files.iter().any(|f| f.1.lines().count() > 100));
        assert!(files
            .iter()
            .any(|f| f.0.ends_with(".md") && f.1.contains("\n## ")));
    }

    #[test]
    fn wrapped_lines_are_short_and_split_words_sometimes() {
        let files = sample(5, 2.0);
        let mut lines = 0;
        let mut long = 0;
        for (name, text) in files
            .iter()
            .filter(|f| f.0.ends_with(".txt") && f.1.contains('\n'))
        {
            for l in text.lines() {
                lines += 1;
                if l.chars().count() > 60 {
                    long += 1;
                }
            }
            assert!(!name.is_empty());
        }
        assert!(lines > 1000);
        // Table rows and footers may be longer, but nearly all lines are wrapped.
        assert!((long as f64) < 0.05 * lines as f64, "{long}/{lines}");
    }

    #[test]
    fn vocabulary_is_large_and_skewed() {
        let w = World::new(1);
        assert!(w.companies.len() > 4000);
        let files = sample(1, 5.0);
        let all: String = files.iter().map(|f| f.1.as_str()).collect();
        // Count company mentions with one pass over the text (names are 3-6 chars long).
        let names: HashSet<&str> = w.companies.iter().map(|c| c.short.as_str()).collect();
        let mut hits: HashMap<&str, usize> = HashMap::new();
        let starts: Vec<usize> = all
            .char_indices()
            .map(|(i, _)| i)
            .chain([all.len()])
            .collect();
        for k in 0..starts.len() {
            for len in 3..=6 {
                if let Some(&end) = starts.get(k + len) {
                    if let Some(n) = names.get(&all[starts[k]..end]) {
                        *hits.entry(n).or_default() += 1;
                    }
                }
            }
        }
        let seen = hits.len();
        let mut counts: Vec<usize> = hits.values().copied().collect();
        counts.sort_unstable_by(|a, b| b.cmp(a));
        assert!(seen > 1000, "only {seen} companies used");
        // Zipf-ish: the top company is mentioned far more often than the median one.
        assert!(
            counts[0] > 20 * counts[counts.len() / 2],
            "{} vs {}",
            counts[0],
            counts[counts.len() / 2]
        );
        // Not a short text repeated: most sentences in the corpus are distinct.
        let sents: Vec<&str> = all.split('。').filter(|s| s.chars().count() > 20).collect();
        let distinct: HashSet<&str> = sents.iter().copied().collect();
        assert!(
            distinct.len() as f64 > 0.6 * sents.len() as f64,
            "{} of {}",
            distinct.len(),
            sents.len()
        );
    }

    #[test]
    fn boilerplate_repeats_within_broker() {
        let w = World::new(2);
        let b = &w.brokers[0];
        let files = sample(2, 3.0);
        let flat: Vec<String> = files
            .iter()
            .map(|f| f.1.split_whitespace().collect::<String>())
            .collect();
        let hits = flat
            .iter()
            .filter(|t| t.contains(b.name.as_str()) && t.contains("免责声明"))
            .count();
        assert!(hits >= 3, "{hits}");
        // The rating scale appears verbatim (modulo whitespace) in the broker's reports.
        let key: String = b.rating_text.chars().take(20).collect();
        assert!(flat.iter().filter(|t| t.contains(&key)).count() >= 2);
    }

    #[test]
    fn plan_spreads_folders() {
        let w = World::new(4);
        let plans = plan(&w, 4, 200_000_000);
        let mut per: HashMap<&str, usize> = HashMap::new();
        for p in &plans {
            *per.entry(p.dir.as_str()).or_default() += 1;
        }
        assert!(per.values().all(|&n| n <= FILES_PER_FOLDER));
        assert!(per.len() > 50);
        assert!(plans.len() > 5000 && plans.len() < 8000, "{}", plans.len());
    }

    #[test]
    fn run_gen_writes_files_and_refuses_non_empty() {
        let dir = std::env::temp_dir().join(format!("ybgen-test-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        let s = run_gen(&dir, 0.2, 9).expect("gen");
        assert!(s.files >= 3);
        assert!(s.bytes as f64 > 0.15 * MB);
        assert!(run_gen(&dir, 0.2, 9).is_err());
        let _ = std::fs::remove_dir_all(&dir);
    }
}
