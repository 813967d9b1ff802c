//! Printing results for people (with colour on a terminal) and for
//! scripts (JSON Lines). Knows nothing about the index.

use std::io::{self, Write};
use yanbao::query::{Mention, SearchHit};

const HIGHLIGHT: &str = "\x1b[1;31m";
const PATH: &str = "\x1b[35m";
const TITLE: &str = "\x1b[1m";
const DIM: &str = "\x1b[2m";
const RESET: &str = "\x1b[0m";

/// Characters of a passage shown around its first match.
const SNIPPET_CHARS: usize = 160;
/// Characters of the best passage on a report's line (`--group report`).
const LINE_SNIPPET_CHARS: usize = 80;

pub struct Printer<W: Write> {
    out: W,
    color: bool,
}

impl<W: Write> Printer<W> {
    pub fn new(out: W, color: bool) -> Printer<W> {
        Printer { out, color }
    }

    fn paint(&self, style: &str, text: &str) -> String {
        if self.color {
            format!("{style}{text}{RESET}")
        } else {
            text.to_string()
        }
    }

    /// Characters `from..to` with the ranges `marks` highlighted (plain
    /// text without colour).
    fn marked(&self, chars: &[char], from: usize, to: usize, marks: &[(usize, usize)]) -> String {
        let mut s = String::new();
        let mut i = from;
        for &(ms, me) in marks {
            let (ms, me) = (ms.max(from), me.min(to));
            if ms >= me {
                continue;
            }
            s.extend(&chars[i.min(ms)..ms]);
            let m: String = chars[ms..me].iter().collect();
            s.push_str(&self.paint(HIGHLIGHT, &m));
            i = me;
        }
        if i < to {
            s.extend(&chars[i..to]);
        }
        s
    }

    pub fn search_hit(&mut self, hit: &SearchHit) -> io::Result<()> {
        let chars: Vec<char> = hit.text.chars().collect();
        let window = yanbao::text::snippet(&hit.text, &hit.highlights, SNIPPET_CHARS);
        let (from, to) = (window.start, window.end);
        let snippet = self.marked(&chars, from, to, &hit.highlights);
        let ell = |b: bool| if b { "…" } else { "" };
        writeln!(self.out, "{}", self.paint(TITLE, &hit.title))?;
        let place = match hit.page {
            Some(p) => format!("p{p}"),
            None => hit.line.to_string(),
        };
        writeln!(
            self.out,
            "{}:{}  {}",
            self.paint(PATH, &hit.path),
            place,
            self.paint(
                DIM,
                &format!(
                    "[{}]{} score {:.2}",
                    hit.section.name(),
                    if hit.layout == yanbao::layout::Layout::Table {
                        " [table]"
                    } else {
                        ""
                    },
                    hit.score
                )
            )
        )?;
        writeln!(
            self.out,
            "  {}{}{}",
            ell(from > 0),
            snippet,
            ell(to < chars.len())
        )?;
        if !hit.also.is_empty() {
            writeln!(
                self.out,
                "  {}",
                self.paint(DIM, &format!("also in {} other reports", hit.also.len()))
            )?;
        }
        if hit.titled {
            let why = if hit.highlights.is_empty() {
                "(its title names the query; no passage does)"
            } else {
                "(its title names the query)"
            };
            writeln!(self.out, "  {}", self.paint(DIM, why))?;
        }
        if hit.more > 0 {
            writeln!(
                self.out,
                "  {}",
                self.paint(DIM, &format!("+{} more in this report", hit.more))
            )?;
        }
        writeln!(self.out)
    }

    /// One line for a report: its path and place, title, and the best
    /// passage's snippet (`search --group report`).
    pub fn search_hit_line(&mut self, hit: &SearchHit) -> io::Result<()> {
        let chars: Vec<char> = hit.text.chars().collect();
        let window = yanbao::text::snippet(&hit.text, &hit.highlights, LINE_SNIPPET_CHARS);
        let (from, to) = (window.start, window.end);
        let snippet = self.marked(&chars, from, to, &hit.highlights);
        let ell = |b: bool| if b { "…" } else { "" };
        let place = match hit.page {
            Some(p) => format!("p{p}"),
            None => hit.line.to_string(),
        };
        let more = if hit.more > 0 {
            self.paint(DIM, &format!("  (+{} more)", hit.more))
        } else {
            String::new()
        };
        writeln!(
            self.out,
            "{}:{}  {}  {}{}{}{}",
            self.paint(PATH, &hit.path),
            place,
            self.paint(TITLE, &hit.title),
            ell(from > 0),
            snippet,
            ell(to < chars.len()),
            more
        )
    }

    /// Said before the first report-level match: no passage held every
    /// term (`only`: and none of the results is a passage match).
    pub fn report_level_note(&mut self, only: bool) -> io::Result<()> {
        let text = if only {
            "No single passage has all the terms. Reports that have them all, in different passages:"
        } else {
            "Fewer passages than asked have all the terms. Reports that have them all, in different passages:"
        };
        writeln!(self.out, "{}\n", self.paint(DIM, text))
    }

    pub fn mention(&mut self, m: &Mention) -> io::Result<()> {
        let chars: Vec<char> = m
            .context
            .chars()
            .map(|c| if c == '\n' { ' ' } else { c })
            .collect();
        let ctx = self.marked(&chars, 0, chars.len(), &[m.context_match]);
        let place = match m.page {
            Some(p) => format!("p{p}"),
            None => m.line.to_string(),
        };
        writeln!(self.out, "{}:{}:{}", self.paint(PATH, &m.path), place, ctx)
    }

    pub fn mention_json(&mut self, m: &Mention) -> io::Result<()> {
        writeln!(
            self.out,
            "{}",
            serde_json::to_string(m).map_err(io::Error::other)?
        )
    }

    pub fn count(&mut self, path: &str, n: usize) -> io::Result<()> {
        writeln!(self.out, "{}\t{n}", self.paint(PATH, path))
    }

    pub fn path(&mut self, path: &str) -> io::Result<()> {
        writeln!(self.out, "{}", self.paint(PATH, path))
    }

    pub fn line(&mut self, text: &str) -> io::Result<()> {
        writeln!(self.out, "{text}")
    }

    /// Bytes as they are (CSV written by the `csv` crate).
    pub fn raw(&mut self, bytes: &[u8]) -> io::Result<()> {
        self.out.write_all(bytes)
    }

    /// A hit's snippet on one line, highlighted (the best passage under a report's row).
    pub fn snippet(&self, hit: &SearchHit) -> String {
        let chars: Vec<char> = hit.text.chars().collect();
        let window = yanbao::text::snippet(&hit.text, &hit.highlights, LINE_SNIPPET_CHARS);
        let (from, to) = (window.start, window.end);
        let ell = |b: bool| if b { "…" } else { "" };
        format!(
            "{}{}{}",
            ell(from > 0),
            self.marked(&chars, from, to, &hit.highlights),
            ell(to < chars.len())
        )
    }

    pub fn flush(&mut self) -> io::Result<()> {
        self.out.flush()
    }
}
