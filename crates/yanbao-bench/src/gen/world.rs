//! The world a corpus is written about, derived from the seed: companies and their listings,
//! industries with their word pools, brokers with analysts and boilerplate, models, and the
//! shuffled word and template pools.

use super::sampling::{mix, pairs, shuffled_pool, template_pool, words, Pool, Zipf};
use super::template::{parse_template, Template};
use super::vocab;
use rand::seq::SliceRandom;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use std::collections::HashSet;
use std::fmt::Write as _;

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
    pub(super) fn render(&self, form: usize, out: &mut String) {
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

pub(super) struct Analyst {
    pub(super) name: String,
    pub(super) email: String,
    pub(super) sac: String,
    pub(super) sfc: Option<String>,
    pub(super) phone: String,
}

pub(super) struct Broker {
    pub(super) name: String,
    pub(super) city: &'static str,
    pub(super) analysts: Vec<Analyst>,
    pub(super) analyst_zipf: Zipf,
    pub(super) disclaimer: Vec<String>,
    pub(super) statement: &'static str,
    pub(super) rating_text: String,
    pub(super) stock_ratings: &'static [&'static str],
    pub(super) industry_ratings: &'static [&'static str],
    pub(super) footer: &'static str,
    pub(super) markers: bool,
    pub(super) spaced_heads: bool,
    pub(super) ticker_form: usize,
}

pub(super) struct IndustryPools {
    pub(super) name: &'static str,
    pub(super) terms: Pool<&'static str>,
    pub(super) kpis: Pool<&'static str>,
    pub(super) companies: Vec<usize>,
    pub(super) co_zipf: Zipf,
}

pub struct World {
    pub companies: Vec<Company>,
    pub(super) inds: Vec<IndustryPools>,
    pub(super) ind_zipf: Zipf,
    pub(super) brokers: Vec<Broker>,
    pub(super) broker_zipf: Zipf,
    pub(super) people: Vec<(String, String)>,
    pub(super) biz: Pool<&'static str>,
    pub(super) vup: Pool<&'static str>,
    pub(super) vdown: Pool<&'static str>,
    pub(super) advs: Pool<&'static str>,
    pub(super) conns: Pool<&'static str>,
    pub(super) conns2: Pool<&'static str>,
    pub(super) events: Pool<&'static str>,
    pub(super) places: Pool<&'static str>,
    pub(super) risks: Pool<&'static str>,
    pub(super) charts: Pool<&'static str>,
    pub(super) sources: Pool<&'static str>,
    pub(super) gcos: Pool<&'static str>,
    pub(super) judgs: Pool<&'static str>,
    pub(super) stages: Pool<&'static str>,
    pub(super) univs: Pool<&'static str>,
    pub(super) models: Pool<String>,
    pub(super) types_co: Pool<&'static str>,
    pub(super) types_ind: Pool<&'static str>,
    pub(super) markers: Vec<&'static str>,
    pub(super) sentences: Vec<Template>,
    pub(super) sentence_pool: Pool<usize>,
    pub(super) heads_co: Vec<Template>,
    pub(super) heads_co_pool: Pool<usize>,
    pub(super) heads_ind: Vec<Template>,
    pub(super) heads_ind_pool: Pool<usize>,
    pub(super) sections: Vec<Template>,
    pub(super) section_pool: Pool<usize>,
}

/// The characters names are made of, with their pinyin: of companies and brokers (`chars`) and
/// of people (`surnames`, Zipf-distributed, and `given`).
struct NameParts {
    chars: Vec<(&'static str, &'static str)>,
    surnames: Vec<(&'static str, &'static str)>,
    surname_zipf: Zipf,
    given: Vec<(&'static str, &'static str)>,
}

impl World {
    pub fn new(seed: u64) -> World {
        let mut rng = ChaCha8Rng::seed_from_u64(mix(seed ^ 0x0077_6f72_6c64));
        let surnames = pairs(vocab::SURNAMES);
        let names = NameParts {
            chars: pairs(vocab::NAME_CHARS),
            surname_zipf: Zipf::new(surnames.len(), 0.9),
            surnames,
            given: pairs(vocab::GIVEN_CHARS),
        };
        let (companies, inds) = companies(&mut rng, &names.chars);
        // People (executives etc.) and brokers with analysts and their boilerplate.
        let people: Vec<(String, String)> = (0..3000).map(|_| person(&mut rng, &names)).collect();
        let brokers = brokers(&mut rng, &names);
        let models = models(&mut rng);

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

/// A person's name in Han characters and in pinyin (for e-mail addresses).
fn person<R: Rng>(rng: &mut R, names: &NameParts) -> (String, String) {
    let (surnames, given) = (&names.surnames, &names.given);
    let (s, sp) = surnames[names.surname_zipf.sample(rng)];
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

/// Companies: brand (two name chars) + industry core; unique short names and tickers. Returns
/// them with each industry's pools, which list its companies.
fn companies(rng: &mut ChaCha8Rng, chars: &[(&str, &str)]) -> (Vec<Company>, Vec<IndustryPools>) {
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
            let exch = exchange(rng, &mut codes);
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
            terms: shuffled_pool(spec.terms, rng, 0.9),
            kpis: shuffled_pool(spec.kpis, rng, 0.8),
            companies: members,
            co_zipf,
        });
    }
    (companies, inds)
}

/// A listing no company has yet: exchange and code drawn at random, retried until unused.
fn exchange(rng: &mut ChaCha8Rng, codes: &mut HashSet<String>) -> Exch {
    loop {
        let r = rng.random_range(0..100);
        let e = if r < 42 {
            let base = if rng.random_bool(0.8) {
                600_000
            } else {
                688_000
            };
            Exch::Sh(base + rng.random_range(0..if base == 600_000 { 6000 } else { 1000 }))
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
    }
}

/// The brokers, each with its analysts and its own boilerplate (disclaimer, analyst statement,
/// rating scale, footer) and habits (markers, letter-spaced headings, ticker spelling).
fn brokers(rng: &mut ChaCha8Rng, names: &NameParts) -> Vec<Broker> {
    let chars = &names.chars;
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
        let analysts = analysts(rng, names, code, &domain);
        let mut idx: Vec<usize> = (0..vocab::DISCLAIMER.len()).collect();
        idx.shuffle(rng);
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
        let rating_text = rating_text(rng, &bench, stock_ratings, industry_ratings);
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
    brokers
}

/// A broker's analysts: names, SAC (and some SFC) numbers, e-mail at the broker's domain, phone.
fn analysts(rng: &mut ChaCha8Rng, names: &NameParts, code: u32, domain: &str) -> Vec<Analyst> {
    let n_an = rng.random_range(20..60);
    (0..n_an)
        .map(|_| {
            let (nm, py) = person(rng, names);
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
        .collect()
}

/// The broker's rating scale: its benchmark index and thresholds, for stocks and industries.
fn rating_text(
    rng: &mut ChaCha8Rng,
    bench: &[&str],
    stock_ratings: &[&str],
    industry_ratings: &[&str],
) -> String {
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
    rating_text
}

/// Models: the real names first (most frequent), then coined ones.
fn models(rng: &mut ChaCha8Rng) -> Vec<String> {
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
    models
}
