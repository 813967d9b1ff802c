//! Synthetic corpus generator: deterministic Chinese research reports built from `vocab`.
//!
//! Determinism: a "world" (companies, brokers, analysts, shuffled word pools) is derived from the seed,
//! then a sequential plan fixes every file's path, size target and per-file seed; files are generated in
//! parallel, each from its own ChaCha8 stream, so the output does not depend on thread scheduling.
//!
//! The modules, in the order a corpus is made: [`sampling`] and [`template`] (tools), [`world`],
//! [`plan`], then per file [`report`] (its parts) writing [`text`] (sentences) through [`layout`]
//! (lines and pages).

mod layout;
mod plan;
mod report;
mod sampling;
mod template;
mod text;
mod vocab;
mod world;

use crate::numbers::MB;
use anyhow::{bail, Context, Result};
use plan::{plan, FilePlan, Format};
use rayon::prelude::*;
use report::generate;
use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::time::Instant;
use world::World;

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
    use std::collections::HashMap;

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
