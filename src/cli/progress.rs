//! What an index run shows on the terminal: a progress bar in bytes (for
//! MB/s and time left) with files done of total, and the notes and skipped
//! files of the run as `path: reason` lines on stderr.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::OnceLock;
use yanbao::{Progress, SkipReason};

pub struct TerminalProgress {
    /// Draw a bar (stderr is a terminal).
    bar_wanted: bool,
    bar: OnceLock<indicatif::ProgressBar>,
    files: AtomicUsize,
    files_done: AtomicUsize,
}

impl TerminalProgress {
    pub fn new(bar_wanted: bool) -> TerminalProgress {
        TerminalProgress {
            bar_wanted,
            bar: OnceLock::new(),
            files: AtomicUsize::new(0),
            files_done: AtomicUsize::new(0),
        }
    }

    fn say(&self, line: &str) {
        // A line of a report's own (a file name with a line break) stays one line.
        let line = line.replace('\n', "\\n");
        match self.bar.get() {
            Some(bar) => bar.suspend(|| eprintln!("{line}")),
            None => eprintln!("{line}"),
        }
    }
}

impl Progress for TerminalProgress {
    fn note(&self, message: &str) {
        self.say(message);
    }

    fn skipped(&self, path: &str, reason: &SkipReason) {
        self.say(&format!("{path}: {reason}"));
    }

    fn start(&self, files: usize, bytes: u64) {
        self.files.store(files, Ordering::Relaxed);
        if self.bar_wanted {
            let _ = self.bar.set(progress_bar(bytes));
        }
    }

    fn file_done(&self, bytes: u64) {
        if let Some(bar) = self.bar.get() {
            bar.inc(bytes);
            let done = self.files_done.fetch_add(1, Ordering::Relaxed) + 1;
            bar.set_message(format!("{done}/{}", self.files.load(Ordering::Relaxed)));
        }
    }

    fn finish(&self) {
        if let Some(bar) = self.bar.get() {
            bar.finish_and_clear();
        }
    }
}

/// Progress in bytes (for MB/s and time left), with files done of total.
fn progress_bar(bytes: u64) -> indicatif::ProgressBar {
    let bar = indicatif::ProgressBar::with_draw_target(
        Some(bytes),
        indicatif::ProgressDrawTarget::stderr(),
    );
    let style = indicatif::ProgressStyle::with_template(
        "{msg} files, {bytes}/{total_bytes} ({bytes_per_sec}, {eta} left) {wide_bar}",
    )
    .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar());
    bar.set_style(style);
    bar
}
