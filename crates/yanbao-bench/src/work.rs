//! The folder a harness works in: the one the user gave, or a fresh one in the temp dir
//! that goes away afterwards unless the user keeps it.

use anyhow::{Context, Result};
use std::path::{Path, PathBuf};

pub(crate) struct WorkFolder {
    path: PathBuf,
    /// Made for this run (not given): removed at the end unless kept.
    fresh: bool,
}

impl WorkFolder {
    /// `given`, or `<temp dir>/<prefix>-<pid>`; created.
    pub(crate) fn create(given: Option<&Path>, prefix: &str) -> Result<WorkFolder> {
        let (path, fresh) = match given {
            Some(w) => (w.to_path_buf(), false),
            None => (
                std::env::temp_dir().join(format!("{prefix}-{}", std::process::id())),
                true,
            ),
        };
        std::fs::create_dir_all(&path).with_context(|| format!("creating {}", path.display()))?;
        Ok(WorkFolder { path, fresh })
    }

    pub(crate) fn path(&self) -> &Path {
        &self.path
    }

    /// Removes a fresh folder unless `keep`; otherwise prints where what the run left
    /// is (`kept` of the folder).
    pub(crate) fn finish(self, keep: bool, kept: impl FnOnce(&Path) -> String) {
        if self.fresh && !keep {
            let _ = std::fs::remove_dir_all(&self.path);
        } else {
            println!("{}", kept(&self.path));
        }
    }
}
