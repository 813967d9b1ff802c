//! `index --watch`: an index that keeps itself up to date.
//!
//! After a first run, the roots are watched with the file system's
//! notifications. A notification only says that something changed: each
//! pass is an ordinary run, which walks every root and compares sizes and
//! modification times with the index. So a missed or merged notification
//! (a folder renamed, a thousand files copied at once, a file deleted and
//! made again) costs nothing but a pass, and after each pass the index
//! holds what a clean build of the same folders would.
//!
//! A pass starts once the notifications have been quiet for [`QUIET`],
//! or [`MAX_WAIT`] after the first change it is to take in, and at most
//! one a [`MIN_PASS_INTERVAL`] (one commit each). A report
//! whose size still changes, or a recent PDF without its end-of-file
//! marker (whether notified yet or not), is left out of the pass (as the
//! index holds it) until it settles.

use crate::index::build::{run, IndexOptions, IndexSummary, PassRules, Progress};
use crate::index::folder::{self, Index};
use crate::index::roots::Root;
use crate::index::walk::{is_report_file, PDF_EXTENSION};
use anyhow::{Context, Result};
use notify::{RecursiveMode, Watcher};
use std::collections::{HashMap, HashSet};
use std::io::{Read, Seek, SeekFrom};
use std::os::unix::fs::MetadataExt;
use std::path::{Path, PathBuf};
use std::sync::atomic::Ordering;
use std::time::{Duration, Instant};

/// Notifications come in bursts (a copy, an editor's save): a pass waits
/// for this much quiet.
const QUIET: Duration = Duration::from_millis(300);
/// At most one pass, so one commit, a second.
const MIN_PASS_INTERVAL: Duration = Duration::from_secs(1);
/// Changes that never stop (a busy download folder) do not wait for quiet
/// longer than this: each pass takes what has settled by then.
const MAX_WAIT: Duration = Duration::from_secs(1);
/// How often the stop flag and the roots' presence are looked at.
const TICK: Duration = Duration::from_millis(100);
/// A root that cannot be watched (too many folders for the system's
/// limit on watches) is looked at this often instead.
const POLL_INTERVAL: Duration = Duration::from_secs(10);
/// A PDF is waited for this long without its end-of-file marker; after
/// that it is read as it is (a damaged file is skipped with its reason).
pub(crate) const PDF_PATIENCE: Duration = Duration::from_secs(30);

/// Runs `index` on `opts`, then watches the roots and brings the index up
/// to date after each change, until `opts.stop` is set; the first run
/// reports to `first`, the later ones to `passes`. `committed` hears of
/// every run that committed, the first one included. Returns the summary
/// of the last run, `interrupted` set when the stop came during one.
pub fn watch(
    index_dir: &Path,
    opts: &IndexOptions,
    first: &dyn Progress,
    passes: &dyn Progress,
    committed: &mut dyn FnMut(&IndexSummary),
) -> crate::Result<IndexSummary> {
    Ok(watch_inner(index_dir, opts, first, passes, committed)?)
}

fn watch_inner(
    index_dir: &Path,
    opts: &IndexOptions,
    first: &dyn Progress,
    passes: &dyn Progress,
    committed: &mut dyn FnMut(&IndexSummary),
) -> Result<IndexSummary> {
    // Held for the whole watch: no other run interleaves with the passes.
    let _lock = folder::lock(index_dir)?;
    let (tx, rx) = crossbeam_channel::unbounded();
    let mut watcher = notify::recommended_watcher(move |event| {
        let _ = tx.send(event);
    })
    .context("cannot watch the file system")?;
    let (mut last, _) = run(index_dir, opts, first, &PassRules::default())?;
    committed(&last);
    if last.interrupted {
        return Ok(last);
    }
    let roots: Vec<Root> = Index::open(index_dir)?.roots().list().to_vec();
    let index_abs = index_dir.canonicalize().ok();
    // Later passes update the roots the first one settled, with the
    // dictionary kept with the index.
    let pass_opts = IndexOptions {
        roots: Vec::new(),
        forget: Vec::new(),
        dict: None,
        stop: opts.stop.clone(),
    };
    let mut watched: HashMap<PathBuf, (u64, u64)> = HashMap::new();
    let mut polled: HashSet<PathBuf> = HashSet::new();
    let mut last_poll = Instant::now();
    let mut pending = Pending::default();
    let mut due = Due::default();
    let mut last_pass = Instant::now();
    let mut last_root_check = Instant::now() - MIN_PASS_INTERVAL;
    loop {
        if opts.stop.load(Ordering::SeqCst) {
            last.interrupted = true;
            return Ok(last);
        }
        if last_root_check.elapsed() >= MIN_PASS_INTERVAL {
            last_root_check = Instant::now();
            let mut seen = Watches {
                watched: &mut watched,
                polled: &mut polled,
            };
            if check_roots(&roots, &mut seen, &mut watcher, passes) {
                due.change();
            }
        }
        match rx.recv_timeout(TICK) {
            Ok(Ok(event)) => {
                let inside_index = |p: &Path| {
                    index_abs.as_deref().is_some_and(|i| p.starts_with(i))
                        || p.starts_with(index_dir)
                };
                let paths: Vec<PathBuf> = (event.paths.into_iter())
                    .filter(|p| !inside_index(p))
                    .collect();
                if !paths.is_empty() {
                    due.change();
                    for p in paths {
                        pending.saw(p);
                    }
                }
            }
            Ok(Err(e)) => {
                // An overflowed queue or a lost watch: a pass finds out.
                passes.note(&format!("file notifications: {e}"));
                due.change();
            }
            Err(crossbeam_channel::RecvTimeoutError::Timeout) => {}
            Err(crossbeam_channel::RecvTimeoutError::Disconnected) => {
                anyhow::bail!("file notifications stopped")
            }
        }
        if !polled.is_empty() && last_poll.elapsed() >= POLL_INTERVAL {
            last_poll = Instant::now();
            due.change();
        }
        if !due.settled() || last_pass.elapsed() < MIN_PASS_INTERVAL {
            continue;
        }
        let rules = PassRules {
            settling: pending.settling(),
            commit_only_changes: true,
            wait_for_pdfs: true,
        };
        last_pass = Instant::now();
        let (summary, outcome) = run(index_dir, &pass_opts, passes, &rules)?;
        pending.retain(&rules.settling);
        // Files still being written need another look, notified or not.
        due = Due::default();
        if outcome.held > 0 {
            due.change();
        }
        if outcome.committed {
            committed(&summary);
        }
        last = summary;
        if last.interrupted {
            return Ok(last);
        }
    }
}

/// Whether a pass is due: changes seen since the last pass, and when.
#[derive(Default)]
struct Due {
    /// When the first change not yet taken in by a pass was seen, and the
    /// last one.
    seen: Option<(Instant, Instant)>,
}

impl Due {
    fn change(&mut self) {
        let now = Instant::now();
        self.seen = Some((self.seen.map_or(now, |(first, _)| first), now));
    }

    /// Quiet for a while, or waiting for long enough.
    fn settled(&self) -> bool {
        self.seen
            .is_some_and(|(first, last)| last.elapsed() >= QUIET || first.elapsed() >= MAX_WAIT)
    }
}

/// Watches the roots that are there and not yet watched (again, when one
/// came back or was replaced by another folder), and forgets the watches
/// of roots that are gone. True when a root came or went: a pass is due.
fn check_roots(
    roots: &[Root],
    seen: &mut Watches,
    watcher: &mut notify::RecommendedWatcher,
    progress: &dyn Progress,
) -> bool {
    let Watches { watched, polled } = seen;
    let mut changed = false;
    for root in roots {
        let path = PathBuf::from(&root.path);
        let now = std::fs::metadata(&path)
            .ok()
            .filter(|m| m.is_dir())
            .map(|m| (m.dev(), m.ino()));
        let before = watched.get(&path).copied();
        if now == before {
            continue;
        }
        if before.is_some() {
            let _ = watcher.unwatch(&path);
            watched.remove(&path);
            polled.remove(&path);
            changed = true;
        }
        if let Some(id) = now {
            changed = true;
            if let Err(e) = watcher.watch(&path, RecursiveMode::Recursive) {
                progress.note(&format!(
                    "{}: cannot watch ({e}): looked at every {} s instead",
                    root.path,
                    POLL_INTERVAL.as_secs()
                ));
                polled.insert(path.clone());
            }
            // Tried once per appearance of the folder, watched or polled.
            watched.insert(path, id);
        }
    }
    changed
}

/// The roots looked after: each one's folder identity (device, inode)
/// when it was watched, and those that could not be watched.
struct Watches<'a> {
    watched: &'a mut HashMap<PathBuf, (u64, u64)>,
    polled: &'a mut HashSet<PathBuf>,
}

/// Report files notified and not yet indexed at a settled size.
#[derive(Default)]
struct Pending {
    /// Path → size when last looked at, and when that size was first seen.
    files: HashMap<PathBuf, (Option<u64>, Instant)>,
}

impl Pending {
    fn saw(&mut self, path: PathBuf) {
        if !is_report_file(&path) {
            return;
        }
        let size = std::fs::metadata(&path).ok().map(|m| m.len());
        match self.files.get_mut(&path) {
            Some(entry) if entry.0 == size => {}
            Some(entry) => *entry = (size, Instant::now()),
            None => {
                self.files.insert(path, (size, Instant::now()));
            }
        }
    }

    /// The files still being written: their size changed since last
    /// looked at, or a PDF lacks its end-of-file marker (for a while).
    fn settling(&mut self) -> HashSet<PathBuf> {
        let mut out = HashSet::new();
        for (path, (size, since)) in &mut self.files {
            let now = std::fs::metadata(path).ok().map(|m| m.len());
            if now != *size {
                *size = now;
                *since = Instant::now();
                out.insert(path.clone());
                continue;
            }
            let is_pdf = path
                .extension()
                .is_some_and(|e| e.eq_ignore_ascii_case(PDF_EXTENSION));
            if now.is_some() && is_pdf && !pdf_complete(path) && since.elapsed() < PDF_PATIENCE {
                out.insert(path.clone());
            }
        }
        out
    }

    /// Keeps the files of `settling` only: the others were indexed.
    fn retain(&mut self, settling: &HashSet<PathBuf>) {
        self.files.retain(|p, _| settling.contains(p));
    }
}

/// Whether a PDF file ends with its `%%EOF` marker (in its last 1 KB, as
/// readers accept it): one still being written does not.
pub(crate) fn pdf_complete(path: &Path) -> bool {
    let read_tail = || -> std::io::Result<Vec<u8>> {
        let mut f = std::fs::File::open(path)?;
        let len = f.metadata()?.len();
        f.seek(SeekFrom::Start(len.saturating_sub(1024)))?;
        let mut tail = Vec::new();
        f.read_to_end(&mut tail)?;
        Ok(tail)
    };
    read_tail().is_ok_and(|t| t.windows(5).any(|w| w == b"%%EOF"))
}
