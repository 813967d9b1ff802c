//! The index folder: where it is, creating and opening it, and the
//! commit payload that records what the last `index` run did.

use crate::index::roots::{Root, Roots};
use crate::index::schema::{
    build_schema, Fields, FORMAT_VERSION, GRAMS_TOKENIZER, WORDS_TOKENIZER,
};
use crate::index::tokens::{GramTokenizer, WordTokenizer};
use anyhow::{anyhow, bail, Context, Result};
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};
use std::sync::RwLock;
use tantivy::store::{Compressor, ZstdCompressor};
use tantivy::{IndexReader, IndexSettings, ReloadPolicy, Searcher};

/// Recorded with every commit (atomically, in tantivy's meta.json).
#[derive(Debug, Clone, Serialize, Deserialize, Default)]
pub(crate) struct Payload {
    pub format: u64,
    /// The one folder of an index written before it could hold several:
    /// read as `roots` of one (see [`read_payload`]), never written.
    #[serde(default, skip_serializing)]
    pub root: String,
    /// The indexed folders.
    #[serde(default)]
    pub roots: Vec<Root>,
    /// When the last `index` run committed, RFC 3339 UTC.
    pub indexed_at: String,
    /// Hash of the user dictionary the words were cut with, if any.
    #[serde(default)]
    pub dict_hash: Option<String>,
    /// False while an `index` run is still in progress (its intermediate
    /// commits): the next run finishes the work.
    #[serde(default)]
    pub complete: bool,
}

pub(crate) const USER_DICT_FILE: &str = "user_dict.txt";

/// Where an index lives unless the user says otherwise: `.yanbao` in the
/// current directory.
pub fn default_index_dir() -> PathBuf {
    PathBuf::from(".yanbao")
}

fn settings() -> IndexSettings {
    IndexSettings {
        // Level 1 (zstd's "fast" strategy): on `../shared/corpora` the
        // build takes 10% less CPU than at level 3, for a doc store 3%
        // larger; level 2 costs as much as level 3.
        docstore_compression: Compressor::Zstd(ZstdCompressor {
            compression_level: Some(1),
        }),
        // A command reads its passages from a cold store: each passage shown
        // decompresses a whole block. On `../shared/corpora`, 32 KB blocks
        // against 256 KB: `search 迈瑞医疗` 11.7 → 10.5 ms, `reports 迈瑞医疗`
        // 40.9 → 24.6 ms whole-process, for a store 14% larger (40.8 →
        // 46.5 MB; the index 147 → 152 MB). The server's warm cache gains
        // nothing either way.
        docstore_blocksize: 32 * 1024,
        ..IndexSettings::default()
    }
}

fn rebuild_hint(dir: &Path) -> String {
    format!(
        "run `yanbao --index {} index DIR` to rebuild it",
        dir.display()
    )
}

/// An index of reports, opened: what every query starts from. Open one
/// with [`Index::open`]; build or update one with [`crate::index()`].
pub struct Index {
    pub(crate) index: tantivy::Index,
    pub(crate) fields: Fields,
    /// The payload of the commit the reader sees (or of the newest when
    /// there is no reader yet).
    pub(crate) payload: RwLock<Option<Payload>>,
    pub(crate) dir: PathBuf,
    /// One reader for the index's lifetime, so that every query on one
    /// `Index` sees the same commit (an occurrence's address stays valid
    /// for describing it); [`Index::reload`] moves it to the newest.
    pub(crate) reader: std::sync::OnceLock<IndexReader>,
}

impl Index {
    /// Opens the index in `dir` for queries. Fails with
    /// [`crate::Error::NoIndex`] where there is none, and
    /// [`crate::Error::Unusable`] where the folder holds something this
    /// version cannot read.
    pub fn open(dir: &Path) -> crate::Result<Index> {
        open(dir).map_err(|e| match crate::Error::from(e) {
            crate::Error::Other(message) => crate::Error::Unusable {
                dir: dir.to_path_buf(),
                message,
            },
            typed => typed,
        })
    }

    /// The folder the index lives in.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    pub(crate) fn reader(&self) -> Result<IndexReader> {
        Ok(self
            .index
            .reader_builder()
            .reload_policy(ReloadPolicy::Manual)
            .try_into()?)
    }

    /// A searcher of the index's reader (see [`Index::reload`]).
    pub(crate) fn searcher(&self) -> Result<Searcher> {
        if let Some(r) = self.reader.get() {
            return Ok(r.searcher());
        }
        let reader = self.reader()?;
        Ok(self.reader.get_or_init(|| reader).searcher())
    }

    /// Makes the queries that follow see the index's newest commit: a
    /// long-running reader (a server, a watcher's client) calls it to see
    /// what `index` runs committed since it opened the index.
    pub fn reload(&self) -> crate::Result<()> {
        // The payload first: a commit landing in between leaves a roots
        // list at most newer than the reports seen, never one that lacks
        // a root the reader has reports of.
        let payload = read_payload(&self.index)?;
        *self.payload.write().unwrap_or_else(|e| e.into_inner()) = payload;
        if let Some(r) = self.reader.get() {
            r.reload()?;
        }
        Ok(())
    }

    pub(crate) fn payload(&self) -> Option<Payload> {
        self.payload
            .read()
            .unwrap_or_else(|e| e.into_inner())
            .clone()
    }

    /// The folders the index holds.
    pub fn roots(&self) -> Roots {
        Roots::new(self.payload().map(|p| p.roots).unwrap_or_default())
    }
}

fn read_payload(index: &tantivy::Index) -> Result<Option<Payload>> {
    let metas = index.load_metas()?;
    Ok(match metas.payload {
        Some(p) => Some(parse_payload(&p)?),
        None => None,
    })
}

fn parse_payload(text: &str) -> Result<Payload> {
    let mut payload: Payload = serde_json::from_str(text).context("unreadable commit payload")?;
    if payload.roots.is_empty() && !payload.root.is_empty() {
        // Its reports' keys are paths relative to that folder: the keys
        // of root 0.
        payload.roots.push(Root {
            path: std::mem::take(&mut payload.root),
            id: 0,
        });
    }
    Ok(payload)
}

/// The folders named by a payload of any format.
fn payload_roots(text: &str) -> Vec<Root> {
    parse_payload(text).map(|p| p.roots).unwrap_or_default()
}

/// Opens an existing index for queries.
pub(crate) fn open(dir: &Path) -> Result<Index> {
    if !dir.exists() {
        bail!(crate::Error::NoIndex {
            dir: dir.to_path_buf()
        });
    }
    if !dir.join("meta.json").exists() {
        bail!(
            "{} is not a yanbao index (no meta.json); {}",
            dir.display(),
            rebuild_hint(dir)
        );
    }
    let mut index = tantivy::Index::open_in_dir(dir).map_err(|e| {
        anyhow!(
            "cannot open the index at {}: {e}; {}",
            dir.display(),
            rebuild_hint(dir)
        )
    })?;
    let payload = read_payload(&index)
        .map_err(|e| anyhow!("{}: {e}; {}", dir.display(), rebuild_hint(dir)))?;
    match &payload {
        Some(p) if p.format == FORMAT_VERSION => {}
        Some(p) => bail!(
            "the index at {} was written by another version of yanbao (format {}, this is {}); {}",
            dir.display(),
            p.format,
            FORMAT_VERSION,
            rebuild_hint(dir)
        ),
        None if index.searchable_segment_ids()?.is_empty() => {
            bail!(
                "the index at {} is empty: run `yanbao index DIR` first",
                dir.display()
            )
        }
        None => bail!(
            "{} is not a yanbao index; {}",
            dir.display(),
            rebuild_hint(dir)
        ),
    }
    let fields = Fields::of(&index.schema()).map_err(|e| {
        anyhow!(
            "{} is not a yanbao index ({e}); {}",
            dir.display(),
            rebuild_hint(dir)
        )
    })?;
    index.tokenizers().register(GRAMS_TOKENIZER, GramTokenizer);
    index.tokenizers().register(WORDS_TOKENIZER, WordTokenizer);
    use_cores_for_segments(&mut index)?;
    Ok(Index {
        index,
        fields,
        payload: RwLock::new(payload),
        dir: dir.to_path_buf(),
        reader: Default::default(),
    })
}

/// Queries visit an index's segments one per core. A query for a word in
/// most passages spends nearly all its time in one segment after another:
/// on a 1 GB index (15 segments) two cores halve it. Starting the threads
/// costs a fraction of a millisecond, spent only where there are several
/// segments.
fn use_cores_for_segments(index: &mut tantivy::Index) -> Result<()> {
    let segments = index.searchable_segment_ids()?.len();
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    let threads = cores.min(segments).min(8);
    if threads > 1 {
        index.set_multithread_executor(threads)?;
    }
    Ok(())
}

/// Held by an `index` run for its whole duration: a second run fails at
/// once instead of touching files the first one is writing.
pub(crate) struct WriteLock {
    _file: std::fs::File,
}

const LOCK_FILE: &str = ".yanbao-index.lock";

/// Whether `dir` may hold a yanbao index: missing, empty, or with our
/// lock file or a meta.json.
fn may_be_ours(dir: &Path) -> bool {
    match std::fs::read_dir(dir) {
        Err(_) => true,
        Ok(mut entries) => {
            let mut empty = true;
            let ours = entries.any(|e| {
                empty = false;
                e.map(|e| e.file_name() == "meta.json" || e.file_name() == LOCK_FILE)
                    .unwrap_or(false)
            });
            ours || empty
        }
    }
}

/// Takes the index folder's write lock, creating the folder if needed.
pub(crate) fn lock(dir: &Path) -> Result<WriteLock> {
    use fs4::fs_std::FileExt;
    if dir.exists() && !dir.is_dir() {
        bail!("{} is not a folder: choose another --index", dir.display());
    }
    if !may_be_ours(dir) {
        bail!(
            "{} exists and is not a yanbao index: refusing to write into it (choose another --index)",
            dir.display()
        );
    }
    std::fs::create_dir_all(dir)
        .with_context(|| format!("cannot create index folder {}", dir.display()))?;
    let file = std::fs::OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(dir.join(LOCK_FILE))
        .with_context(|| format!("cannot write to {}", dir.display()))?;
    match file.try_lock_exclusive() {
        Ok(true) => Ok(WriteLock { _file: file }),
        _ => bail!(crate::Error::Locked {
            dir: dir.to_path_buf()
        }),
    }
}

/// What is in an index folder, for deciding whether to build it anew.
enum Found {
    Usable(Box<Index>),
    /// Ours but unusable: of another format (with the folders it held), or
    /// never committed (`None`).
    Rebuild(Option<Vec<Root>>),
}

/// Opens the index for writing, creating it if needed (the caller holds
/// the [`WriteLock`]). An index of another yanbao format, or one whose
/// first run never committed, is built anew; when it was of another format,
/// the user should be told, and the folders it held are returned (to be
/// indexed again). Anything else is left untouched.
pub(crate) fn open_or_create(dir: &Path) -> Result<(Index, Option<Vec<Root>>)> {
    let found = if dir.join("meta.json").exists() {
        match open(dir) {
            Ok(o) => Found::Usable(Box::new(o)),
            Err(e) => match read_meta(dir) {
                Some(meta) => match meta.get("payload").and_then(|p| p.as_str()) {
                    Some(p) if serde_json::from_str::<Payload>(p).is_ok() => {
                        Found::Rebuild(Some(payload_roots(p)))
                    }
                    _ if meta.get("segments").and_then(|s| s.as_array()).is_some_and(|s| s.is_empty()) => {
                        Found::Rebuild(None)
                    }
                    _ => bail!("{} holds an index that is not yanbao's: refusing to replace it (choose another --index)", dir.display()),
                },
                None => return Err(e),
            },
        }
    } else {
        Found::Rebuild(None)
    };
    let replaced = match found {
        Found::Usable(o) => return Ok((*o, None)),
        Found::Rebuild(roots) => roots,
    };
    clear_dir(dir)?;
    let index = tantivy::Index::builder()
        .schema(build_schema())
        .settings(settings())
        .create_in_dir(dir)?;
    index.tokenizers().register(GRAMS_TOKENIZER, GramTokenizer);
    index.tokenizers().register(WORDS_TOKENIZER, WordTokenizer);
    let fields = Fields::of(&index.schema())?;
    Ok((
        Index {
            index,
            fields,
            payload: RwLock::new(None),
            dir: dir.to_path_buf(),
            reader: Default::default(),
        },
        replaced,
    ))
}

fn read_meta(dir: &Path) -> Option<serde_json::Value> {
    serde_json::from_str(&std::fs::read_to_string(dir.join("meta.json")).ok()?).ok()
}

/// Empties an index folder of ours before rebuilding it.
fn clear_dir(dir: &Path) -> Result<()> {
    for entry in std::fs::read_dir(dir)? {
        let path = entry?.path();
        if path.is_dir() {
            std::fs::remove_dir_all(&path)?;
        } else if path
            .file_name()
            .is_some_and(|n| n != ".tantivy-writer.lock" && n != LOCK_FILE)
        {
            std::fs::remove_file(&path)?;
        }
    }
    Ok(())
}

/// Total size in bytes of the files of the index folder.
pub fn disk_size(dir: &Path) -> u64 {
    let mut total = 0;
    if let Ok(entries) = std::fs::read_dir(dir) {
        for e in entries.flatten() {
            if let Ok(m) = e.metadata() {
                total += if m.is_dir() {
                    disk_size(&e.path())
                } else {
                    m.len()
                };
            }
        }
    }
    total
}

/// Now as RFC 3339 UTC with seconds.
pub(crate) fn now_rfc3339() -> String {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs() as i64)
        .unwrap_or(0);
    rfc3339(secs)
}

/// Seconds since the epoch as RFC 3339 UTC.
pub(crate) fn rfc3339(secs: i64) -> String {
    let (y, m, d) = civil_from_days(secs.div_euclid(86_400));
    let rem = secs.rem_euclid(86_400);
    format!(
        "{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}Z",
        rem / 3600,
        rem % 3600 / 60,
        rem % 60
    )
}

/// The calendar date (year, month, day) of a number of days since 1970-01-01
/// (civil-from-days, Howard Hinnant).
pub(crate) fn civil_from_days(days: i64) -> (i64, i64, i64) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    (y, m, d)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rfc3339_known_dates() {
        assert_eq!(rfc3339(0), "1970-01-01T00:00:00Z");
        assert_eq!(rfc3339(951_782_400), "2000-02-29T00:00:00Z");
        assert_eq!(rfc3339(1_795_000_000), "2026-11-18T11:06:40Z");
    }
}
