//! Sampling: Zipf-like word use, word pools, and per-file seeds.

use rand::seq::SliceRandom;
use rand::Rng;

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
    pub(super) fn new(items: Vec<T>, s: f64) -> Self {
        let zipf = Zipf::new(items.len(), s);
        Pool { items, zipf }
    }

    pub(super) fn pick<R: Rng>(&self, rng: &mut R) -> &str {
        match self.items.get(self.zipf.sample(rng)) {
            Some(x) => x.as_ref(),
            None => "",
        }
    }

    pub(super) fn uniform<R: Rng>(&self, rng: &mut R) -> &str {
        if self.items.is_empty() {
            return "";
        }
        self.items[rng.random_range(0..self.items.len())].as_ref()
    }
}

// Pool<usize> needs AsRef<str> for `pick`; template pools use `pick_idx` instead.
impl Pool<usize> {
    pub(super) fn pick_idx<R: Rng>(&self, rng: &mut R) -> usize {
        self.items.get(self.zipf.sample(rng)).copied().unwrap_or(0)
    }
}

pub(super) fn words(s: &'static str) -> Vec<&'static str> {
    s.split_whitespace().collect()
}

/// Word list shuffled per world so that different seeds have different frequent words.
pub(super) fn shuffled_pool<R: Rng>(
    s: &'static str,
    rng: &mut R,
    zipf_s: f64,
) -> Pool<&'static str> {
    let mut v = words(s);
    v.shuffle(rng);
    Pool::new(v, zipf_s)
}

pub(super) fn pairs(s: &'static str) -> Vec<(&'static str, &'static str)> {
    s.split_whitespace()
        .filter_map(|p| p.split_once(':'))
        .collect()
}

/// splitmix64: spreads (seed, index) into independent per-file seeds.
pub(super) fn mix(mut z: u64) -> u64 {
    z = z.wrapping_add(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

pub(super) fn template_pool<R: Rng>(
    list: &'static [&'static str],
    rng: &mut R,
    s: f64,
) -> Pool<usize> {
    let mut idx: Vec<usize> = (0..list.len()).collect();
    idx.shuffle(rng);
    Pool {
        zipf: Zipf::new(idx.len(), s),
        items: idx,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand::SeedableRng;
    use rand_chacha::ChaCha8Rng;

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
}
