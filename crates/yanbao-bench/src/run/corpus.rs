//! The corpus as the benchmark sees it: its report files found and its text read by the library,
//! as `yanbao index` finds and reads them.

use std::io::Read;
use std::path::{Path, PathBuf};
use yanbao::index::{walk, SourceFile, PDF_EXTENSION};
use yanbao::text::decode;

/// The report files under `dir` as `yanbao index` finds them: the library's walk (hidden
/// entries skipped, symbolic links followed); what it cannot read is said on stderr and left out.
fn report_files(dir: &Path) -> Vec<SourceFile> {
    walk(dir, None, &mut |path, reason| {
        eprintln!("yanbao-bench: {path}: {reason}")
    })
}

/// Whether `path` names a PDF, as the walk tells one.
fn is_pdf(path: &Path) -> bool {
    path.extension()
        .is_some_and(|x| x.eq_ignore_ascii_case(PDF_EXTENSION))
}

/// The .txt/.md report files under `dir` (see `report_files`), sorted by path, with their sizes.
pub fn corpus_files(dir: &Path) -> Vec<(PathBuf, u64)> {
    let mut out: Vec<(PathBuf, u64)> = report_files(dir)
        .into_iter()
        .filter(|f| !is_pdf(&f.abs))
        .map(|f| (f.abs, f.size))
        .collect();
    // By path, not by the walk's `/`-joined relative path: the order samples are picked in.
    out.sort();
    out
}

/// The PDFs under `dir` (see `report_files`), in the walk's order.
pub fn corpus_pdfs(dir: &Path) -> Vec<PathBuf> {
    report_files(dir)
        .into_iter()
        .map(|f| f.abs)
        .filter(|p| is_pdf(p))
        .collect()
}

/// A file's text as both probes read it: decoded as `yanbao index` decodes it (UTF-8, GB18030,
/// UTF-16; invalid bytes replaced); with the number of bytes read. `None` if the file cannot be
/// read or is not text.
pub fn read_text(path: &Path) -> Option<(String, u64)> {
    let b = std::fs::read(path).ok()?;
    let n = b.len() as u64;
    let text = decode(&b).ok()?.text.into_owned();
    Some((text, n))
}

/// The texts of the files at `idx` of `files` (see `read_text`); a file that cannot be read
/// is left out.
pub fn read_texts(files: &[(PathBuf, u64)], idx: &[usize]) -> Vec<String> {
    idx.iter()
        .filter_map(|&i| files.get(i))
        .filter_map(|(p, _)| read_text(p))
        .map(|(t, _)| t)
        .collect()
}

/// Deterministic, evenly spread subset of files totalling about `target` bytes.
pub fn pick_sample(sizes: &[u64], target: u64) -> Vec<usize> {
    let total: u64 = sizes.iter().sum();
    if total <= target {
        return (0..sizes.len()).collect();
    }
    // Integer accumulator: every file adds target/total of a pick, so picks are evenly spaced and
    // their expected total size is `target`.
    let (mut acc, total, target) = (0u128, total as u128, target as u128);
    let mut out = Vec::new();
    for i in 0..sizes.len() {
        acc += target;
        if acc >= total {
            acc -= total;
            out.push(i);
        }
    }
    out
}

/// Reads every file once so that the build measures indexing, not the disk.
pub fn warm_page_cache(files: &[(PathBuf, u64)]) {
    let mut buf = vec![0u8; 1 << 20];
    for (p, _) in files {
        if let Ok(mut f) = std::fs::File::open(p) {
            while matches!(f.read(&mut buf), Ok(n) if n > 0) {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sample_is_spread_and_sized() {
        let sizes = vec![10u64; 1000];
        let s = pick_sample(&sizes, 1000);
        assert_eq!(s.len(), 100);
        assert!(s[0] < 20 && *s.last().unwrap() > 980);
        assert_eq!(pick_sample(&sizes, 1_000_000).len(), 1000);
        assert_eq!(pick_sample(&sizes, 1000), s);
    }

    #[test]
    fn corpus_walk_filters_extensions() {
        let dir = std::env::temp_dir().join(format!("ybrun-test-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(dir.join("a/b")).unwrap();
        std::fs::write(dir.join("a/x.txt"), "12345").unwrap();
        std::fs::write(dir.join("a/b/y.MD"), "123").unwrap();
        std::fs::write(dir.join("a/b/z.pdf"), "1").unwrap();
        std::fs::create_dir_all(dir.join(".hidden")).unwrap();
        std::fs::write(dir.join(".hidden/h.txt"), "123456789").unwrap();
        std::fs::write(dir.join("a/.h.txt"), "123456789").unwrap();
        // A link back to the root must not loop.
        std::os::unix::fs::symlink(&dir, dir.join("a/loop")).unwrap();
        let f = corpus_files(&dir);
        assert_eq!(f.len(), 2);
        assert_eq!(f.iter().map(|x| x.1).sum::<u64>(), 8);
        let _ = std::fs::remove_dir_all(&dir);
    }
}
