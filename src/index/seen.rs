//! Which sentence fingerprints the index has met before.
//!
//! Boilerplate is a sentence found in many passages; most sentences occur
//! once. Indexed, those unique fingerprints were most of the segment's
//! distinct terms: on `../shared/corpora` leaving all fingerprints out took
//! 10% off the build's CPU. So a fingerprint is indexed only from its
//! second occurrence on, and `search` adds the first one back when it
//! counts (`search::Boilerplate`).
//!
//! "Met before" is a bit set of fixed size (one bit per fingerprint, a
//! collision only means a first occurrence gets indexed), so memory does
//! not grow with the corpus. It is kept in the index folder, written after
//! each commit as the gaps between set bits, so that a sentence found once
//! per `index` run is still counted. A crash between a commit and the
//! write forgets some first occurrences: their sentences count one less.

use anyhow::{Context, Result};
use std::path::Path;
use std::sync::atomic::{AtomicU64, Ordering};

/// Kept in the index folder.
pub(crate) const SEEN_FILE: &str = "sentences.seen";
const BITS: u32 = 27;

pub(crate) struct Seen {
    words: Vec<AtomicU64>,
}

impl Default for Seen {
    fn default() -> Seen {
        Seen {
            words: (0..1usize << (BITS - 6))
                .map(|_| AtomicU64::new(0))
                .collect(),
        }
    }
}

fn bit_of(fingerprint: u64) -> u32 {
    // Fingerprints are 32-bit hashes already: mix them anyway, so that the
    // bits used do not depend on how they were made.
    let mut x = fingerprint.wrapping_add(0x9E37_79B9_7F4A_7C15);
    x = (x ^ (x >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    x = (x ^ (x >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    ((x ^ (x >> 31)) >> (64 - BITS)) as u32
}

impl Seen {
    /// Marks `fingerprint` as met; true if it was met before.
    pub(crate) fn meet(&self, fingerprint: u64) -> bool {
        let bit = bit_of(fingerprint);
        let mask = 1u64 << (bit & 63);
        self.words[(bit >> 6) as usize].fetch_or(mask, Ordering::Relaxed) & mask != 0
    }

    /// The set kept in `dir`, or an empty one.
    pub(crate) fn load(dir: &Path) -> Result<Seen> {
        let seen = Seen::default();
        let path = dir.join(SEEN_FILE);
        let bytes = match std::fs::read(&path) {
            Ok(b) => b,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(seen),
            Err(e) => return Err(e).with_context(|| format!("{}", path.display())),
        };
        let mut bit = 0u64;
        let mut first = true;
        let mut i = 0;
        while i < bytes.len() {
            let (gap, used) =
                read_varint(&bytes[i..]).with_context(|| format!("{}: damaged", path.display()))?;
            i += used;
            bit = if first { gap } else { bit.saturating_add(gap) };
            first = false;
            let b = u32::try_from(bit)
                .ok()
                .filter(|b| *b < 1 << BITS)
                .with_context(|| format!("{}: damaged", path.display()))?;
            seen.words[(b >> 6) as usize].fetch_or(1 << (b & 63), Ordering::Relaxed);
        }
        Ok(seen)
    }

    /// Writes the set into `dir` (through a temporary file, renamed).
    pub(crate) fn save(&self, dir: &Path) -> Result<()> {
        let mut out = Vec::new();
        let mut last: Option<u64> = None;
        for (w, word) in self.words.iter().enumerate() {
            let mut v = word.load(Ordering::Relaxed);
            while v != 0 {
                let bit = (w as u64) * 64 + u64::from(v.trailing_zeros());
                write_varint(&mut out, last.map_or(bit, |l| bit - l));
                last = Some(bit);
                v &= v - 1;
            }
        }
        let tmp = dir.join(format!("{SEEN_FILE}.tmp"));
        std::fs::write(&tmp, &out).with_context(|| format!("{}", tmp.display()))?;
        std::fs::rename(&tmp, dir.join(SEEN_FILE))
            .with_context(|| format!("{}", dir.join(SEEN_FILE).display()))?;
        Ok(())
    }

    /// Forgets the set kept in `dir` (the index was emptied).
    pub(crate) fn forget(dir: &Path) -> Result<()> {
        match std::fs::remove_file(dir.join(SEEN_FILE)) {
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => {
                Err(e).with_context(|| format!("{}", dir.join(SEEN_FILE).display()))
            }
            _ => Ok(()),
        }
    }
}

fn write_varint(out: &mut Vec<u8>, mut v: u64) {
    while v >= 0x80 {
        out.push((v as u8) | 0x80);
        v >>= 7;
    }
    out.push(v as u8);
}

fn read_varint(bytes: &[u8]) -> Option<(u64, usize)> {
    let mut v = 0u64;
    for (i, &b) in bytes.iter().enumerate().take(10) {
        v |= u64::from(b & 0x7F) << (7 * i);
        if b & 0x80 == 0 {
            return Some((v, i + 1));
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn met_once_then_again() {
        let s = Seen::default();
        assert!(!s.meet(42));
        assert!(s.meet(42));
        assert!(!s.meet(43));
    }

    #[test]
    fn kept_across_runs_and_cleared() {
        let dir = tempfile::tempdir().unwrap();
        let s = Seen::default();
        for fp in [0u64, 1, 7, 1 << 31, u64::from(u32::MAX)] {
            s.meet(fp);
        }
        s.save(dir.path()).unwrap();
        let t = Seen::load(dir.path()).unwrap();
        for fp in [0u64, 1, 7, 1 << 31, u64::from(u32::MAX)] {
            assert!(t.meet(fp), "{fp}");
        }
        assert!(!t.meet(12345));
        Seen::forget(dir.path()).unwrap();
        assert!(!dir.path().join(SEEN_FILE).exists());
        assert!(!Seen::load(dir.path()).unwrap().meet(7));
    }

    #[test]
    fn a_damaged_file_is_an_error_naming_it() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join(SEEN_FILE), [0xFF, 0xFF]).unwrap();
        let e = Seen::load(dir.path()).err().unwrap();
        assert!(format!("{e:#}").contains(SEEN_FILE));
        // Gaps that add up beyond the set: damaged too, not an overflow.
        let mut huge = vec![0x01];
        huge.extend([0xFF; 9]);
        huge.push(0x01);
        huge.extend([0xFF; 9]);
        huge.push(0x01);
        std::fs::write(dir.path().join(SEEN_FILE), huge).unwrap();
        assert!(Seen::load(dir.path()).is_err());
    }
}
