//! The index a server answers from, kept at its newest commit while `yanbao index` runs.
//!
//! Each request takes the current [`Index`] as an `Arc` and keeps it to the end, so a
//! request reads one commit throughout (an occurrence found is described from the same
//! commit) even when a new one lands meanwhile; the next request sees the new one.

use crate::index::folder::Index;
use crate::Result;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, RwLock};
use std::time::{Duration, Instant, SystemTime};

/// How often at most a request looks whether the index has a new commit. A look is a
/// `stat` of `meta.json`, which tantivy replaces atomically at each commit.
const LOOK_EVERY: Duration = Duration::from_millis(100);

/// What identifies a commit on disk: `meta.json`'s modification time and length.
type Stamp = Option<(SystemTime, u64)>;

/// An index that follows its newest commit.
pub struct LiveIndex {
    dir: PathBuf,
    current: RwLock<Arc<Index>>,
    /// The stamp of the commit `current` was opened at, when it was last compared, and
    /// the stamp of a commit that could not be opened (said once, not at every look).
    seen: Mutex<(Stamp, Instant, Stamp)>,
}

fn stamp(dir: &Path) -> Stamp {
    let m = std::fs::metadata(dir.join("meta.json")).ok()?;
    Some((m.modified().ok()?, m.len()))
}

impl LiveIndex {
    /// Opens the index in `dir`; fails as [`Index::open`] does.
    pub fn open(dir: &Path) -> Result<LiveIndex> {
        let before = stamp(dir);
        let index = Index::open(dir)?;
        Ok(LiveIndex {
            dir: dir.to_path_buf(),
            current: RwLock::new(Arc::new(index)),
            seen: Mutex::new((before, Instant::now(), None)),
        })
    }

    /// The index folder.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// The index at its newest commit. When a commit landed since the last look, the index
    /// is opened again; if that fails (an `index` run rebuilding it from scratch, say), the
    /// previous one keeps answering and the next look tries again.
    pub fn current(&self) -> Result<Arc<Index>> {
        let changed = {
            let mut seen = self.seen.lock().unwrap_or_else(|e| e.into_inner());
            if seen.1.elapsed() < LOOK_EVERY {
                None
            } else {
                seen.1 = Instant::now();
                let now = stamp(&self.dir);
                (now != seen.0).then_some(now)
            }
        };
        if let Some(now) = changed {
            match Index::open(&self.dir) {
                Ok(index) => {
                    *self.current.write().unwrap_or_else(|e| e.into_inner()) = Arc::new(index);
                    self.seen.lock().unwrap_or_else(|e| e.into_inner()).0 = now;
                }
                Err(e) => {
                    eprintln!("yanbao: serve: the index changed but cannot be opened yet: {e}")
                }
            }
        }
        Ok(self
            .current
            .read()
            .unwrap_or_else(|e| e.into_inner())
            .clone())
    }
}
