//! The HTTP side of `serve`: the server started on the copy, the client threads and the
//! changer of the load, the check that the last commit is served, and the page loads.

use super::*;

/// `yanbao serve` on the index, as a child process.
pub(super) struct Server {
    child: Child,
    /// `http://127.0.0.1:PORT`, without the final slash.
    pub(super) base: String,
    /// What it wrote on stderr (also passed on to ours).
    stderr: Arc<Mutex<Vec<String>>>,
}

impl Server {
    pub(super) fn start(yanbao: &Path, index: &Path) -> Result<Server> {
        let mut child = Command::new(yanbao)
            .arg("--index")
            .arg(index)
            .args(["serve", "--addr", "127.0.0.1:0"])
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .with_context(|| format!("starting {} serve", yanbao.display()))?;
        let stderr = Arc::new(Mutex::new(Vec::new()));
        if let Some(err) = child.stderr.take() {
            let lines = Arc::clone(&stderr);
            std::thread::spawn(move || {
                for line in BufReader::new(err).lines().map_while(Result::ok) {
                    eprintln!("[server] {line}");
                    lines.lock().unwrap_or_else(|e| e.into_inner()).push(line);
                }
            });
        }
        let out = child.stdout.take().ok_or_else(|| anyhow!("no stdout"))?;
        let mut lines = BufReader::new(out).lines();
        let first = lines.next().transpose()?.unwrap_or_default();
        // The stdout pipe is read on, so that it never fills.
        std::thread::spawn(move || for _ in lines.map_while(Result::ok) {});
        let mut server = Server {
            child,
            base: String::new(),
            stderr,
        };
        // "yanbao: serving http://127.0.0.1:PORT/ (Ctrl-C to stop)"
        let url = first
            .split_whitespace()
            .find(|w| w.starts_with("http://"))
            .map(|u| u.trim_end_matches('/').to_string());
        match url {
            Some(url) => server.base = url,
            None => {
                let _ = server.child.kill();
                let _ = server.child.wait();
                std::thread::sleep(Duration::from_millis(100));
                bail!(
                    "yanbao serve did not print its URL (first line {first:?}); stderr: {}",
                    server.stderr_text()
                );
            }
        }
        Ok(server)
    }

    fn stderr_text(&self) -> String {
        self.stderr
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .join("\n")
    }

    /// Stops it with Ctrl-C (SIGINT); whether it stopped by itself within 10 s.
    pub(super) fn stop(mut self) -> bool {
        // SAFETY: a signal to our own child process.
        unsafe {
            libc::kill(self.child.id() as i32, libc::SIGINT);
        }
        let asked = Instant::now();
        while asked.elapsed() < Duration::from_secs(10) {
            if let Ok(Some(status)) = self.child.try_wait() {
                let lines = self.stderr.lock().map(|l| l.len()).unwrap_or(0);
                println!(
                    "server stopped by Ctrl-C: {status}; {lines} lines on its stderr (shown above with [server])"
                );
                return true;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        println!("server did NOT stop within 10 s of Ctrl-C: killed");
        false
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        if let Ok(None) = self.child.try_wait() {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
    }
}

/// A keep-alive HTTP client; `fresh` connections are made by a new agent.
fn agent() -> ureq::Agent {
    ureq::AgentBuilder::new().timeout(CLIENT_TIMEOUT).build()
}

/// `GET url` with `params`: the body of a 200 answer, else what went wrong.
fn get(agent: &ureq::Agent, url: &str, params: &[(&str, &str)]) -> Result<String, String> {
    let mut req = agent.get(url);
    for (k, v) in params {
        req = req.query(k, v);
    }
    match req.call() {
        Ok(resp) if resp.status() == 200 => resp
            .into_string()
            .map_err(|e| format!("{url} {params:?}: reading the body: {e}")),
        Ok(resp) => Err(format!("{url} {params:?}: HTTP {}", resp.status())),
        Err(ureq::Error::Status(code, resp)) => Err(format!(
            "{url} {params:?}: HTTP {code}: {}",
            resp.into_string().unwrap_or_default()
        )),
        Err(e) => Err(format!("{url} {params:?}: {e}")),
    }
}

/// `/api/search?q=QUERY&n=10` and the extra `params`: the `hits` array of a 200 answer
/// whose body is JSON, else what went wrong.
fn search(
    agent: &ureq::Agent,
    base: &str,
    query: &str,
    params: &[(&str, &str)],
) -> Result<Vec<Value>, String> {
    let url = format!("{base}/api/search");
    let mut all = vec![("q", query), ("n", "10")];
    all.extend_from_slice(params);
    let body = get(agent, &url, &all)?;
    let v: Value = serde_json::from_str(&body)
        .map_err(|e| format!("{query:?}: the body is not JSON ({e}): {body:.200}"))?;
    match v.get("hits").and_then(Value::as_array) {
        Some(hits) => Ok(hits.clone()),
        None => Err(format!("{query:?}: no \"hits\" array in {body:.200}")),
    }
}

/// One client's requests.
#[derive(Default)]
struct Tally {
    latencies_ms: Vec<f64>,
    errors: Errors,
}

/// When the load ends: after `--seconds`, or later if no commit has landed by then, so
/// that requests always meet a commit (up to `EXTEND_AT_MOST` more).
struct Clock {
    until: Instant,
    landed: AtomicBool,
}

impl Clock {
    fn running(&self) -> bool {
        let now = Instant::now();
        now < self.until
            || (!self.landed.load(Ordering::Relaxed) && now < self.until + EXTEND_AT_MOST)
    }
}

fn client(base: &str, queries: &[String], seed: u64, clock: &Clock) -> Tally {
    let agent = agent();
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let mut tally = Tally::default();
    while clock.running() {
        let query = &queries[rng.random_range(0..queries.len())];
        let started = Instant::now();
        let answered = search(&agent, base, query, &[]);
        tally
            .latencies_ms
            .push(started.elapsed().as_secs_f64() * 1000.0);
        if let Err(e) = answered {
            tally.errors.add(e);
        }
    }
    tally
}

/// The folder as the changer changes it.
struct Changer {
    /// Where new reports go.
    new_folder: PathBuf,
    /// UTF-8 reports that may be modified, deleted or copied into a new one.
    texts: Vec<PathBuf>,
    /// Reports this changer added and has not deleted, oldest first, with their probe word.
    added: std::collections::VecDeque<(PathBuf, String)>,
    rng: ChaCha8Rng,
}

/// One change: a report added, one modified, one deleted, each findable by a word of its own.
struct Change {
    added_probe: String,
    modified_probe: String,
    /// The probe word of the deleted report, when it was one this changer had added
    /// (a report of the corpus has no word of its own).
    deleted_probe: Option<String>,
}

impl Changer {
    fn apply(&mut self, serial: usize) -> Result<Change> {
        // Letters around the number: no other probe word is a substring of this one.
        let added_probe = format!("zqadd{serial}x");
        let base = &self.texts[self.rng.random_range(0..self.texts.len())];
        let text = std::fs::read_to_string(base).with_context(|| base.display().to_string())?;
        let path = self.new_folder.join(format!("p{serial:05}.txt"));
        std::fs::write(&path, format!("负载测试新增报告 {added_probe}\n\n{text}"))
            .with_context(|| path.display().to_string())?;

        let modified_probe = format!("zqmod{serial}x");
        let modified = self.rng.random_range(0..self.texts.len());
        let target = &self.texts[modified];
        let mut text =
            std::fs::read_to_string(target).with_context(|| target.display().to_string())?;
        text.push_str(&format!("\n\n负载测试修改 {modified_probe}\n"));
        std::fs::write(target, text).with_context(|| target.display().to_string())?;

        // An added report is deleted two changes later, so a deletion can be checked by its
        // word; before there is one, a report of the corpus goes (not the one just
        // modified, whose word is checked).
        let deleted_probe = if self.added.len() >= 2 {
            let (old, probe) = self.added.pop_front().expect("two or more");
            std::fs::remove_file(&old).with_context(|| old.display().to_string())?;
            Some(probe)
        } else {
            if self.texts.len() > 1 {
                let mut deleted = self.rng.random_range(0..self.texts.len() - 1);
                if deleted >= modified {
                    deleted += 1;
                }
                let gone = self.texts.swap_remove(deleted);
                std::fs::remove_file(&gone).with_context(|| gone.display().to_string())?;
            }
            None
        };
        self.added.push_back((path, added_probe.clone()));
        Ok(Change {
            added_probe,
            modified_probe,
            deleted_probe,
        })
    }
}

/// What the changer did during the load.
#[derive(Default)]
struct Changes {
    /// Index runs that finished before the load ended, and after.
    during: usize,
    after: usize,
    run_seconds: Vec<f64>,
    /// The change of the last index run that finished.
    last: Option<Change>,
    /// A change or an index run that failed: the load's folder is not as meant.
    failure: Option<String>,
}

#[allow(clippy::too_many_arguments)]
pub(super) fn load(
    opts: &ServeLoadOpts,
    yanbao: &Path,
    index: &Path,
    reports: &Path,
    texts: Vec<PathBuf>,
    queries: &[String],
    server: &Server,
) -> Result<(Errors, bool)> {
    let new_folder = reports.join("load-new");
    std::fs::create_dir_all(&new_folder)?;
    let seconds = Duration::from_secs(opts.seconds);
    // Short loads change the folder more often, so that several commits may still land.
    let every = CHANGE_EVERY.min(seconds / 3);
    let mut folder = Changer {
        new_folder,
        texts,
        added: Default::default(),
        rng: ChaCha8Rng::seed_from_u64(opts.seed ^ 0xC4A9),
    };
    println!(
        "load: {} clients for {} s on {}/api/search (queries drawn from {}), a change and `yanbao index` every {:.1} s",
        opts.clients,
        opts.seconds,
        server.base,
        queries.len(),
        every.as_secs_f64()
    );
    let started = Instant::now();
    let clock = Clock {
        until: started + seconds,
        landed: AtomicBool::new(false),
    };
    // Set once every client has stopped: later index runs are not during the load.
    let clients_done = AtomicBool::new(false);
    let (tallies, changes, elapsed) = std::thread::scope(|s| {
        let clients: Vec<_> = (0..opts.clients)
            .map(|i| {
                let (base, clock) = (server.base.as_str(), &clock);
                let seed = opts.seed.wrapping_mul(1000).wrapping_add(u64::from(i));
                s.spawn(move || client(base, queries, seed, clock))
            })
            .collect();
        let (done, clock) = (&clients_done, &clock);
        let changer = s.spawn(move || {
            let mut changes = Changes::default();
            let mut next = started;
            let mut serial = 0;
            while clock.running() {
                std::thread::sleep(next.saturating_duration_since(Instant::now()));
                if !clock.running() {
                    break;
                }
                serial += 1;
                let change = match folder.apply(serial) {
                    Ok(c) => c,
                    Err(e) => {
                        changes.failure = Some(format!("change {serial}: {e:#}"));
                        break;
                    }
                };
                match index_run(yanbao, index, None) {
                    Ok(secs) => changes.run_seconds.push(secs),
                    Err(e) => {
                        changes.failure = Some(format!("index run {serial}: {e:#}"));
                        break;
                    }
                }
                if done.load(Ordering::Relaxed) {
                    changes.after += 1;
                } else {
                    changes.during += 1;
                    clock.landed.store(true, Ordering::Relaxed);
                }
                changes.last = Some(change);
                next = (next + every).max(Instant::now());
            }
            changes
        });
        let tallies: Vec<Tally> = clients
            .into_iter()
            .map(|c| {
                c.join().unwrap_or_else(|_| {
                    let mut t = Tally::default();
                    t.errors.add("a client thread panicked".into());
                    t
                })
            })
            .collect();
        let elapsed = started.elapsed().as_secs_f64();
        done.store(true, Ordering::Relaxed);
        let changes = changer.join().unwrap_or_else(|_| Changes {
            failure: Some("the changer thread panicked".into()),
            ..Default::default()
        });
        (tallies, changes, elapsed)
    });
    let mut errors = Errors::default();
    let mut latencies = Vec::new();
    for t in tallies {
        latencies.extend(t.latencies_ms);
        errors.merge(t.errors);
    }
    latencies.sort_by(f64::total_cmp);
    if elapsed > seconds.as_secs_f64() + 1.0 {
        println!("  the load lasted {elapsed:.1} s: it went on until the first commit landed");
    }
    println!(
        "  requests: {}, {:.1} requests/s",
        latencies.len(),
        latencies.len() as f64 / elapsed
    );
    println!(
        "  latency: p50 {:.2} ms, p99 {:.2} ms, max {:.2} ms",
        quantile(&latencies, 0.5),
        quantile(&latencies, 0.99),
        latencies.last().copied().unwrap_or(f64::NAN)
    );
    errors.print();
    let mut runs = changes.run_seconds.clone();
    runs.sort_by(f64::total_cmp);
    println!(
        "  index runs completed during the load: {} (+{} after it), each after a report added, one modified, one deleted; index run p50 {:.2} s, max {:.2} s",
        changes.during,
        changes.after,
        quantile(&runs, 0.5),
        runs.last().copied().unwrap_or(f64::NAN)
    );
    if let Some(f) = &changes.failure {
        println!("  the changes FAILED: {f}");
    }
    let picked_up = match &changes.last {
        Some(last) => pick_up(&server.base, last),
        None => {
            println!("picked up new commits: no (no index run completed)");
            false
        }
    };
    Ok((
        errors,
        picked_up && changes.failure.is_none() && changes.during > 0,
    ))
}

/// Whether the server answers from the last commit: its added and modified reports found
/// by their words and its deleted one no longer, within `PICK_UP_WITHIN`.
fn pick_up(base: &str, last: &Change) -> bool {
    let agent = agent();
    // Every passage may answer: what is asked is whether the report is in the index.
    let everything = [("all", "1"), ("boilerplate", "1")];
    let found = |word: &str| -> Result<bool, String> {
        search(&agent, base, word, &everything).map(|hits| !hits.is_empty())
    };
    let asked = Instant::now();
    let mut state = String::new();
    while asked.elapsed() < PICK_UP_WITHIN {
        let checks = (|| -> Result<bool, String> {
            let added = found(&last.added_probe)?;
            let modified = found(&last.modified_probe)?;
            let deleted_gone = match &last.deleted_probe {
                Some(p) => !found(p)?,
                None => true,
            };
            state = format!(
                "added report ({}) {}, modified report ({}) {}, deleted report {}",
                last.added_probe,
                if added { "found" } else { "NOT found" },
                last.modified_probe,
                if modified { "found" } else { "NOT found" },
                match (&last.deleted_probe, deleted_gone) {
                    (None, _) => "of the corpus (no word of its own to check)".to_string(),
                    (Some(p), true) => format!("({p}) gone"),
                    (Some(p), false) => format!("({p}) still FOUND"),
                }
            );
            Ok(added && modified && deleted_gone)
        })();
        match checks {
            Ok(true) => {
                println!(
                    "picked up new commits: yes ({state}, {:.2} s after the last index run)",
                    asked.elapsed().as_secs_f64()
                );
                return true;
            }
            Ok(false) => {}
            Err(e) => state = format!("the search failed: {e}"),
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    println!(
        "picked up new commits: no ({state}, after {} s)",
        PICK_UP_WITHIN.as_secs()
    );
    false
}

/// The same-origin files a page loads: `<script src="/...">` and `<link href="/...">`.
fn page_files(html: &str) -> Vec<String> {
    let re = regex::Regex::new(r#"<(?:script|link)\b[^>]*?\b(?:src|href)="(/[^/"][^"]*|/)""#)
        .expect("a valid regex");
    re.captures_iter(html).map(|c| c[1].to_string()).collect()
}

/// Phase 3: the page and the files it references, each load on a fresh connection.
pub(super) fn page_loads(base: &str) -> Errors {
    let mut errors = Errors::default();
    let mut times = Vec::new();
    let mut files = Vec::new();
    for _ in 0..PAGE_LOADS {
        let agent = agent();
        let started = Instant::now();
        let loaded = get(&agent, &format!("{base}/"), &[]).and_then(|html| {
            files = page_files(&html);
            for f in &files {
                get(&agent, &format!("{base}{f}"), &[])?;
            }
            Ok(())
        });
        let ms = started.elapsed().as_secs_f64() * 1000.0;
        match loaded {
            Ok(()) => times.push(ms),
            Err(e) => errors.add(format!("page load: {e}")),
        }
    }
    times.sort_by(f64::total_cmp);
    let p50 = quantile(&times, 0.5);
    println!(
        "first page load (GET / and what it references: {}; a fresh connection each, {PAGE_LOADS} times):",
        if files.is_empty() {
            "nothing".to_string()
        } else {
            files.join(", ")
        }
    );
    println!(
        "  p50 {p50:.2} ms, max {:.2} ms (target <= {PAGE_LOAD_TARGET_MS} ms, every load: {})",
        times.last().copied().unwrap_or(f64::NAN),
        met(
            times.last().copied().unwrap_or(f64::INFINITY),
            PAGE_LOAD_TARGET_MS
        )
    );
    errors.print();
    errors
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn page_files_are_the_same_origin_scripts_and_styles() {
        let html = r#"<html><head><link rel="icon" href="data:,"><link rel="stylesheet" href="/app.css"></head><body><script src="/app.js"></script><script src="//cdn.example/x.js"></script></body></html>"#;
        assert_eq!(page_files(html), ["/app.css", "/app.js"]);
    }

    #[test]
    fn the_built_in_queries_parse() {
        let queries = in_process::parse_queries(QUERIES_JSON).unwrap();
        assert!(queries.len() >= 70, "{} queries", queries.len());
        assert!(in_process::parse_queries("[]").is_err());
        assert!(in_process::parse_queries("{}").is_err());
    }
}
