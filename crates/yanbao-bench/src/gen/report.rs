//! A whole report: header, summary, body sections with charts, forecast tables, and the
//! broker's boilerplate at the end, sized to the plan's target.

use super::plan::{FilePlan, Format};
use super::text::Doc;
use super::world::World;
use crate::numbers::push_thousands;
use rand::Rng;
use std::fmt::Write as _;

/// Generates one report; returns (title, file content).
pub fn generate(world: &World, plan: &FilePlan) -> (String, String) {
    let mut doc = Doc::new(world, plan);
    let (co, ip) = (doc.co, doc.ind());
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

impl<'w> Doc<'w> {
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
            self.base_data();
        }
        self.authors();
        self.related();
    }

    /// The stock's basic data under the rating: price, target, shares, market value.
    fn base_data(&mut self) {
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

    /// The analysts' block: names, certificate numbers, e-mail, phone.
    fn authors(&mut self) {
        let b = self.broker;
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
    }

    /// The residue of the relative-performance chart and the list of related reports.
    fn related(&mut self) {
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
