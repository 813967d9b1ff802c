//! The folders an index holds (its *roots*) and the keys of their reports.
//!
//! A report's key (the `path` field of its documents) is its path relative
//! to its root, with the root's number in front for every root but
//! number 0: `a/b.txt` in root 0, `/2/a/b.txt` in root 2. A relative path
//! never starts with `/`, so keys of different roots never collide; a
//! root's number is fixed when it is added, so forgetting another root
//! changes no key; and an index of one folder (root 0, as every index
//! written before roots existed) keeps the keys it always had.

use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};

/// A folder of the index.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Root {
    /// The folder's absolute path, as canonicalized when it was added.
    pub path: String,
    /// The number in its reports' keys (0: none).
    pub id: u32,
}

/// The key of the report at `rel` (relative, `/`-separated) in root `id`.
pub(crate) fn key(id: u32, rel: &str) -> String {
    if id == 0 {
        rel.to_string()
    } else {
        format!("/{id}/{rel}")
    }
}

/// A key's root number and relative path.
pub(crate) fn split_key(key: &str) -> (u32, &str) {
    if let Some((id, rel)) = key.strip_prefix('/').and_then(|k| k.split_once('/')) {
        if let Ok(id) = id.parse() {
            return (id, rel);
        }
    }
    (0, key)
}

/// The roots of an index, with the names that tell them apart in output.
#[derive(Debug, Clone, Default)]
pub struct Roots {
    list: Vec<Root>,
    /// `list[i]`'s name: its folder's name, with `~ID` after it when
    /// another root has the same folder name.
    names: Vec<String>,
}

impl Roots {
    pub(crate) fn new(list: Vec<Root>) -> Roots {
        let base = |r: &Root| {
            Path::new(&r.path)
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_else(|| r.path.clone())
        };
        let names = list
            .iter()
            .map(|r| {
                let name = base(r);
                if list.iter().filter(|o| base(o) == name).count() > 1 {
                    format!("{name}~{}", r.id)
                } else {
                    name
                }
            })
            .collect();
        Roots { list, names }
    }

    /// The roots, in the order they were added.
    pub fn list(&self) -> &[Root] {
        &self.list
    }

    /// The name of `list()[i]` in output (`NAME/rel`).
    pub fn name(&self, i: usize) -> &str {
        &self.names[i]
    }

    /// The position of root number `id`.
    fn position(&self, id: u32) -> Option<usize> {
        self.list.iter().position(|r| r.id == id)
    }

    /// The root that holds the report of key `key`, and the report's path
    /// relative to it.
    pub fn locate<'k>(&self, key: &'k str) -> (Option<&Root>, &'k str) {
        let (id, rel) = split_key(key);
        (self.position(id).map(|i| &self.list[i]), rel)
    }

    /// How a report's path is shown: relative to its root, behind the
    /// root's name when the index has several.
    pub fn display(&self, key: &str) -> String {
        let (id, rel) = split_key(key);
        match self.position(id) {
            Some(i) if self.list.len() > 1 => format!("{}/{rel}", self.names[i]),
            _ => rel.to_string(),
        }
    }

    /// The keys a path given by the user may stand for: a path as shown
    /// (`rel`, or `NAME/rel` with several roots), a path relative to any
    /// root, or a file's path on disk inside a root. Several keys when
    /// the same relative path is in several roots.
    pub(crate) fn candidates(&self, given: &str, on_disk: bool) -> Vec<String> {
        let given = given.trim_start_matches("./");
        let mut keys = Vec::new();
        let mut push = |k: String| {
            if !keys.contains(&k) {
                keys.push(k);
            }
        };
        if let Some((name, rel)) = given.split_once('/') {
            if let Some(i) = self.names.iter().position(|n| n == name) {
                push(key(self.list[i].id, rel));
            }
        }
        for r in &self.list {
            push(key(r.id, given));
        }
        if let Some(abs) = on_disk
            .then(|| Path::new(given).canonicalize().ok())
            .flatten()
        {
            for r in &self.list {
                if let Ok(rel) = abs.strip_prefix(&r.path) {
                    push(key(r.id, &slash_path(rel)));
                }
            }
        }
        keys
    }

    /// The root whose folder is `dir` (a path on disk, which may no longer
    /// exist) or whose name is `dir`.
    pub(crate) fn find(&self, dir: &Path) -> Option<&Root> {
        let abs = absolute(dir);
        self.list
            .iter()
            .find(|r| Path::new(&r.path) == abs)
            .or_else(|| {
                let name = dir.to_str()?;
                let i = self.names.iter().position(|n| n == name)?;
                Some(&self.list[i])
            })
    }
}

/// A path's components joined with `/`.
pub(crate) fn slash_path(rel: &Path) -> String {
    rel.components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

/// `dir` canonicalized where it exists, else made absolute as written.
pub(crate) fn absolute(dir: &Path) -> PathBuf {
    dir.canonicalize()
        .or_else(|_| std::path::absolute(dir))
        .unwrap_or_else(|_| dir.to_path_buf())
}

/// The smallest root number not in use.
pub(crate) fn free_id(roots: &[Root]) -> u32 {
    (0..)
        .find(|id| roots.iter().all(|r| r.id != *id))
        .unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn root(path: &str, id: u32) -> Root {
        Root {
            path: path.into(),
            id,
        }
    }

    #[test]
    fn keys_of_root_zero_are_relative_paths() {
        assert_eq!(key(0, "a/b.txt"), "a/b.txt");
        assert_eq!(split_key("a/b.txt"), (0, "a/b.txt"));
        assert_eq!(key(3, "a/b.txt"), "/3/a/b.txt");
        assert_eq!(split_key("/3/a/b.txt"), (3, "a/b.txt"));
    }

    #[test]
    fn names_tell_roots_of_the_same_folder_name_apart() {
        let roots = Roots::new(vec![
            root("/x/reports", 0),
            root("/y/reports", 2),
            root("/z/news", 1),
        ]);
        assert_eq!(roots.name(0), "reports~0");
        assert_eq!(roots.name(1), "reports~2");
        assert_eq!(roots.name(2), "news");
        assert_eq!(roots.display("/2/a.txt"), "reports~2/a.txt");
        assert_eq!(roots.candidates("news/a.txt", false)[0], "/1/a.txt");
    }

    #[test]
    fn one_root_shows_bare_paths() {
        let roots = Roots::new(vec![root("/y/reports", 2)]);
        assert_eq!(roots.display("/2/a.txt"), "a.txt");
    }

    #[test]
    fn free_ids_are_reused_only_when_unused() {
        assert_eq!(free_id(&[]), 0);
        assert_eq!(free_id(&[root("/a", 0), root("/b", 2)]), 1);
    }
}
