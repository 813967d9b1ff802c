//! Commits of an index run: when to commit, and what each commit records.
//!
//! A commit carries a payload (format version, roots, time, dictionary
//! hash, whether the run was complete), written atomically by tantivy with
//! the segments it makes visible; the sentence fingerprints met so far
//! (`seen`) are saved right after it.

use super::plan::UserDict;
use super::COMMIT_BYTES;
use crate::index::backpressure::QueuedDoc;
use crate::index::folder::{now_rfc3339, Payload};
use crate::index::ordered_writer::OrderedWriter;
use crate::index::roots::Root;
use crate::index::seen::Seen;
use anyhow::Result;
use std::path::Path;
use std::time::{Duration, Instant};

/// Commit at least this often while a long run reads files, so that a
/// killed run loses little.
const COMMIT_INTERVAL: Duration = Duration::from_secs(30);

/// Decides when to commit and writes each commit's payload.
pub(super) struct Committer<'a> {
    index_dir: &'a Path,
    roots: Vec<Root>,
    dict_hash: Option<String>,
    seen: Option<&'a Seen>,
    since_commit: u64,
    last_commit: Instant,
}

impl<'a> Committer<'a> {
    pub(super) fn new(
        index_dir: &'a Path,
        roots: &[Root],
        dict: &UserDict,
        seen: Option<&'a Seen>,
    ) -> Committer<'a> {
        Committer {
            index_dir,
            roots: roots.to_vec(),
            dict_hash: dict.hash.clone(),
            seen,
            since_commit: 0,
            last_commit: Instant::now(),
        }
    }

    /// Whether an intermediate commit is due after a batch of `bytes`.
    pub(super) fn due(&mut self, bytes: u64) -> bool {
        self.since_commit += bytes;
        self.since_commit >= COMMIT_BYTES || self.last_commit.elapsed() >= COMMIT_INTERVAL
    }

    /// Commits what was added; `complete` says whether the run has read
    /// every file it planned to.
    pub(super) fn commit(
        &mut self,
        writer: &mut OrderedWriter<QueuedDoc>,
        complete: bool,
    ) -> Result<()> {
        let payload = Payload {
            format: crate::index::schema::FORMAT_VERSION,
            root: String::new(),
            roots: self.roots.clone(),
            indexed_at: now_rfc3339(),
            dict_hash: self.dict_hash.clone(),
            complete,
        };
        let mut prepared = writer.get_mut().prepare_commit()?;
        prepared.set_payload(&serde_json::to_string(&payload)?);
        prepared.commit()?;
        if let Some(seen) = self.seen {
            seen.save(self.index_dir)?;
        }
        self.since_commit = 0;
        self.last_commit = Instant::now();
        Ok(())
    }
}
