//! The report-data commands timed whole-process: `stats`, `reports` (newest first, with
//! every facet, and with a query), and `ticker` for the mix's ticker. They read fast columns
//! only, so they should take about what opening the index takes.

use super::measure::{med_ms, repeat, series_json, Measured};
use super::Yanbao;
use anyhow::Result;
use serde_json::{json, Value};

/// One command's runs.
pub struct DataCommand {
    pub label: String,
    pub runs: Vec<Measured>,
}

impl DataCommand {
    pub fn json(&self) -> Value {
        json!({ "command": self.label, "runs": series_json(&self.runs), "median_ms": med_ms(&self.runs) })
    }
}

/// Times the report-data commands; `ticker` and `company` come from the query mix. A failed
/// command is added to `failures`.
pub fn run_report_data(
    yb: &Yanbao,
    runs: usize,
    ticker: Option<&str>,
    company: Option<&str>,
    failures: &mut Vec<String>,
) -> Result<Vec<DataCommand>> {
    let mut commands: Vec<Vec<String>> = vec![
        vec!["stats".into()],
        vec!["reports".into(), "-n".into(), "50".into()],
        vec![
            "reports".into(),
            "-n".into(),
            "50".into(),
            "--facets".into(),
            "broker,rating,month,type,ticker,section".into(),
        ],
    ];
    if let Some(c) = company {
        commands.push(vec![
            "reports".into(),
            c.into(),
            "-n".into(),
            "20".into(),
            "--facets".into(),
            "broker,rating,month".into(),
        ]);
    }
    if let Some(t) = ticker {
        commands.push(vec!["ticker".into(), t.into()]);
    }
    let answered = |m: &Measured| m.ok();
    let mut out = Vec::new();
    for args in commands {
        let argv: Vec<&str> = args.iter().map(String::as_str).collect();
        let measured = repeat(&|| yb.cmd(&argv), runs, &answered)?;
        if let Some(bad) = measured.iter().find(|m| !answered(m)) {
            failures.push(format!(
                "yanbao {}: {}: {}",
                args.join(" "),
                bad.describe(),
                bad.stderr_head.trim()
            ));
        }
        out.push(DataCommand {
            label: args.join(" "),
            runs: measured,
        });
    }
    Ok(out)
}
