//! The text of a report: its templates filled in with companies, terms, figures and dates drawn
//! from the world, in a document's own random stream.

use super::layout::Writer;
use super::plan::{FilePlan, Format};
use super::template::{Piece, Slot};
use super::world::{Broker, Company, IndustryPools, World};
use crate::numbers::push_thousands;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use std::fmt::Write as _;

/// A report being written: its plan, broker and companies, and the text so far.
pub(super) struct Doc<'w> {
    pub(super) w: &'w World,
    pub(super) rng: ChaCha8Rng,
    pub(super) plan: &'w FilePlan,
    pub(super) broker: &'w Broker,
    pub(super) co: usize,
    pub(super) peers: [usize; 3],
    pub(super) focus: [&'w str; 4],
    pub(super) tk_form: usize,
    pub(super) wr: Writer,
    pub(super) charts: u32,
}

impl<'w> Doc<'w> {
    /// Starts a report: its random stream, covered and peer companies, focus terms, and the page
    /// layout (width, spacing, footer) it is written in.
    pub(super) fn new(world: &'w World, plan: &'w FilePlan) -> Doc<'w> {
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
        Doc {
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
        }
    }

    pub(super) fn ind(&self) -> &'w IndustryPools {
        let w = self.w;
        &w.inds[self.plan.ind.min(w.inds.len() - 1)]
    }

    pub(super) fn company(&self, i: usize) -> &'w Company {
        let w = self.w;
        &w.companies[i.min(w.companies.len() - 1)]
    }

    pub(super) fn term(&mut self) -> &'w str {
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

    pub(super) fn pct_value(&mut self) -> f64 {
        // Log-uniform between 0.3% and 90%: small percentages are more common.
        0.3 * 300f64.powf(self.rng.random::<f64>())
    }

    pub(super) fn push_pct(&mut self, out: &mut String) {
        let v = self.pct_value();
        let _ = if self.rng.random_bool(0.7) {
            write!(out, "{v:.1}%")
        } else {
            write!(out, "{v:.2}%")
        };
    }

    pub(super) fn push_pp(&mut self, out: &mut String) {
        let v = self.rng.random::<f64>() * 8.0 + 0.1;
        let _ = match self.rng.random_range(0..4) {
            0 | 1 => write!(out, "{v:.1}pct"),
            2 => write!(out, "{v:.2}个百分点"),
            _ => write!(out, "{}bp", (v * 10.0) as u32 + 1),
        };
    }

    pub(super) fn push_amount(&mut self, out: &mut String) {
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

    pub(super) fn push_quarter(&mut self, out: &mut String) {
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

    pub(super) fn push_date(&mut self, out: &mut String, y: u16, m: u8, d: u8, style: usize) {
        let _ = match style % 5 {
            0 => write!(out, "{y}年{m:02}月{d:02}日"),
            1 => write!(out, "{y}年{m}月{d}日"),
            2 => write!(out, "{y}-{m:02}-{d:02}"),
            3 => write!(out, "{y}/{m}/{d}"),
            _ => write!(out, "{y}.{m:02}.{d:02}"),
        };
    }

    pub(super) fn push_ticker(&mut self, co: usize, out: &mut String) {
        let form = if self.rng.random_bool(0.85) {
            self.tk_form
        } else {
            self.rng.random_range(0..6)
        };
        let c = self.company(co);
        c.exch.render(form, out);
    }

    pub(super) fn fill(&mut self, tpl: &[Piece], out: &mut String) {
        let w = self.w;
        for piece in tpl {
            match piece {
                Piece::Lit(s) => out.push_str(s),
                Piece::Slot(slot) => self.slot(*slot, out, w),
            }
        }
    }

    pub(super) fn slot(&mut self, slot: Slot, out: &mut String, w: &'w World) {
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

    pub(super) fn sentence(&mut self, out: &mut String) {
        let w = self.w;
        let i = w.sentence_pool.pick_idx(&mut self.rng);
        if let Some(t) = w.sentences.get(i) {
            self.fill(t, out);
        }
    }

    pub(super) fn paragraph(&mut self, n: usize) {
        let mut buf = String::with_capacity(512);
        for _ in 0..n {
            self.sentence(&mut buf);
        }
        self.wr.para(&buf, &mut self.rng);
    }

    pub(super) fn marker(&mut self, name: &str) {
        if self.broker.markers {
            let w = self.w;
            if w.markers.contains(&name) {
                self.wr.line(name, &mut self.rng);
            }
        }
    }

    pub(super) fn heading(&mut self, level: usize, text: &str) {
        let spaced = self.broker.spaced_heads;
        self.wr.heading(level, text, spaced, &mut self.rng);
    }

    pub(super) fn section_title(&mut self, out: &mut String) {
        let w = self.w;
        let i = w.section_pool.pick_idx(&mut self.rng);
        if let Some(t) = w.sections.get(i) {
            self.fill(t, out);
        }
    }

    pub(super) fn title(&mut self) -> String {
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
}
