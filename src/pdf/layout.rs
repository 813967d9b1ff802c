//! Line assembly: decides, from where each string starts and ends on the
//! page, whether it continues the current line, follows it after a space
//! (a word gap or a table column) or starts a new line, and drops strings
//! drawn twice to fake bold.

/// Turns positioned strings into lines.
#[derive(Default)]
pub(super) struct Sink {
    out: String,
    last: Option<Run>,
}

struct Run {
    text: String,
    start: (f64, f64),
    end: (f64, f64),
    dir: (f64, f64),
    size: f64,
}

impl Sink {
    pub(super) fn push(
        &mut self,
        text: String,
        start: (f64, f64),
        end: (f64, f64),
        dir: (f64, f64),
        size: f64,
    ) {
        if text.is_empty() {
            return;
        }
        let size = if size.is_finite() && size > 0.01 {
            size
        } else {
            1.0
        };
        if let Some(last) = &self.last {
            let em = size.max(last.size);
            // Word and some printers fake bold by drawing a string twice,
            // a fraction of a point apart.
            let (sx, sy) = (start.0 - last.start.0, start.1 - last.start.1);
            if text == last.text && sx.hypot(sy) < 0.2 * em {
                return;
            }
            let (dx, dy) = (start.0 - last.end.0, start.1 - last.end.1);
            let along = dx * last.dir.0 + dy * last.dir.1;
            let across = dy * last.dir.0 - dx * last.dir.1;
            let same_dir = dir.0 * last.dir.0 + dir.1 * last.dir.1 > 0.95;
            if !same_dir || across.abs() > 0.5 * em {
                self.newline();
            } else if along > 0.2 * em || along < -0.5 * em {
                // A gap on the baseline is a word space or a table column;
                // a jump back is text drawn over or out of order.
                if !self.out.ends_with([' ', '\n']) && !text.starts_with(' ') {
                    self.out.push(' ');
                }
            }
        }
        for c in text.chars() {
            match c {
                '\r' | '\n' => self.newline(),
                '\t' => self.out.push(' '),
                c => self.out.push(c),
            }
        }
        self.last = Some(Run {
            text,
            start,
            end,
            dir,
            size,
        });
    }

    fn newline(&mut self) {
        let trimmed = self.out.trim_end_matches(' ').len();
        self.out.truncate(trimmed);
        if !self.out.is_empty() && !self.out.ends_with('\n') {
            self.out.push('\n');
        }
    }

    /// Bytes of text so far.
    pub(super) fn text_len(&self) -> usize {
        self.out.len()
    }

    pub(super) fn finish(mut self) -> String {
        self.newline();
        while self.out.ends_with('\n') {
            self.out.pop();
        }
        self.out
    }
}
