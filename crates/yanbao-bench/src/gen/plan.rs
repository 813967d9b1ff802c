//! The plan: every file's folder, date, industry, broker, company, format, size and seed, fixed
//! in sequence before any file is written.

use super::sampling::mix;
use super::world::World;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use std::collections::HashMap;

/// Folders hold at most this many files; more spill into `<industry>-2`, `-3`, ...
pub(super) const FILES_PER_FOLDER: usize = 400;

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

#[cfg(test)]
mod tests {
    use super::*;

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
}
