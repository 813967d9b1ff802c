//! `yanbao serve`: every API endpoint answers what the CLI's `--json` prints, errors come
//! as JSON with the CLI's message and the right status, nothing outside the index is
//! served, and a new commit is seen without a restart.

use crate::testenv::{bin, get_url, run_on, sample_corpus, Env, Server};
use serde_json::Value;
use std::path::PathBuf;
use std::sync::OnceLock;

/// One index of `corpus/` for the tests that only read.
fn corpus_index() -> PathBuf {
    static DIR: OnceLock<tempfile::TempDir> = OnceLock::new();
    let dir = DIR.get_or_init(|| {
        let dir = tempfile::tempdir().unwrap();
        let r = run_on(
            &dir.path().join("index"),
            &["index", sample_corpus().to_str().unwrap()],
        );
        assert_eq!(r.code, 0, "{}", r.stderr);
        dir
    });
    dir.path().join("index")
}

fn cli_json_lines(args: &[&str]) -> Vec<Value> {
    let r = run_on(&corpus_index(), args);
    assert_eq!(r.code, 0, "{args:?}: {}", r.stderr);
    r.json_lines()
}

/// The message the CLI prints for `args` (after `yanbao: `), which must fail with 2.
fn cli_error(args: &[&str]) -> String {
    let r = run_on(&corpus_index(), args);
    assert_eq!(r.code, 2, "{args:?} should fail: {}", r.stdout);
    r.stderr
        .trim()
        .strip_prefix("yanbao: ")
        .unwrap_or(r.stderr.trim())
        .to_string()
}

#[test]
fn search_answers_the_cli_json_with_facets() {
    let server = Server::start(&corpus_index());
    let (status, v) = server.api(
        "search",
        &[("q", "腾讯 广告"), ("n", "5"), ("facets", "broker,month")],
    );
    assert_eq!(status, 200, "{v}");
    let mut lines = cli_json_lines(&[
        "search",
        "腾讯",
        "广告",
        "-n",
        "5",
        "--json",
        "--facets",
        "broker,month",
    ]);
    let facets = lines.pop().unwrap();
    assert!(!lines.is_empty());
    assert_eq!(v["hits"].as_array().unwrap(), &lines);
    assert_eq!(v["facets"], facets["facets"]);
    assert_eq!(v["query"], "腾讯 广告");
    // Highlights are character offsets into the text, on the query's words.
    let hit = &v["hits"][0];
    let text: Vec<char> = hit["text"].as_str().unwrap().chars().collect();
    let [s, e] =
        [&hit["highlights"][0][0], &hit["highlights"][0][1]].map(|x| x.as_u64().unwrap() as usize);
    let marked: String = text[s..e].iter().collect();
    assert!(
        ["腾讯", "广告"].iter().any(|w| marked.contains(w)),
        "{marked}"
    );
}

#[test]
fn filters_and_grouping_are_query_parameters() {
    let server = Server::start(&corpus_index());
    let (_, all) = server.api("search", &[("q", "AI"), ("n", "20"), ("per_report", "0")]);
    let (status, v) = server.api(
        "search",
        &[
            ("q", "AI"),
            ("n", "20"),
            ("per_report", "0"),
            ("broker", "开源"),
            ("section", "body"),
            ("section", "summary"),
        ],
    );
    assert_eq!(status, 200, "{v}");
    let lines = cli_json_lines(&[
        "search",
        "AI",
        "-n",
        "20",
        "--per-report",
        "0",
        "--broker",
        "开源",
        "--section",
        "body",
        "--section",
        "summary",
        "--json",
    ]);
    assert_eq!(v["hits"].as_array().unwrap(), &lines);
    assert!(lines.len() < all["hits"].as_array().unwrap().len());
    let (_, grouped) = server.api("search", &[("q", "AI"), ("group", "report")]);
    let grouped_cli = cli_json_lines(&["search", "AI", "--group", "report", "--json"]);
    assert_eq!(grouped["hits"].as_array().unwrap(), &grouped_cli);
}

#[test]
fn mentions_reports_show_ticker_and_stats_answer_the_cli_json() {
    let server = Server::start(&corpus_index());
    // mentions: every occurrence, counted per report as `mentions -c` counts them.
    let (status, m) = server.api("mentions", &[("term", "0700.HK"), ("limit", "10000")]);
    assert_eq!(status, 200, "{m}");
    let lines = cli_json_lines(&["mentions", "0700.HK", "--json"]);
    assert_eq!(m["mentions"].as_array().unwrap(), &lines);
    assert_eq!(m["total"].as_u64().unwrap() as usize, lines.len());
    let counts = run_on(&corpus_index(), &["mentions", "0700.HK", "-c"]).counts();
    let mut api_counts: Vec<(String, usize)> = m["reports"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            (
                r["path"].as_str().unwrap().to_string(),
                r["count"].as_u64().unwrap() as usize,
            )
        })
        .collect();
    api_counts.sort();
    assert_eq!(api_counts, counts);
    let (_, first) = server.api("mentions", &[("term", "0700.HK"), ("limit", "1")]);
    assert_eq!(first["mentions"].as_array().unwrap().len(), 1);
    assert_eq!(first["total"], m["total"]);

    // reports, with facets
    let (status, r) = server.api("reports", &[("facets", "broker,rating"), ("n", "5")]);
    assert_eq!(status, 200, "{r}");
    let mut lines = cli_json_lines(&["reports", "-n", "5", "--json", "--facets", "broker,rating"]);
    let tail = lines.pop().unwrap();
    assert_eq!(r["rows"].as_array().unwrap(), &lines);
    assert_eq!(r["total"], tail["total"]);
    assert_eq!(r["facets"], tail["facets"]);

    // show, with the reading text
    let path = lines[0]["path"].as_str().unwrap().to_string();
    let (status, s) = server.api("show", &[("path", &path), ("text", "1")]);
    assert_eq!(status, 200, "{s}");
    let cli = cli_json_lines(&["show", &path, "--json", "--text"]);
    assert_eq!(s, cli[0]);
    assert!(!s["text"].as_array().unwrap().is_empty());

    // ticker, by name and by code
    let (status, t) = server.api("ticker", &[("code", "腾讯控股"), ("mentions", "1")]);
    assert_eq!(status, 200, "{t}");
    assert_eq!(
        t,
        cli_json_lines(&["ticker", "腾讯控股", "--mentions", "--json"])[0]
    );
    let (_, by_code) = server.api("ticker", &[("code", "00700")]);
    assert_eq!(by_code["ticker"], "0700.HK");

    // stats
    let (status, st) = server.api("stats", &[]);
    assert_eq!(status, 200);
    assert_eq!(st, cli_json_lines(&["stats", "--json"])[0]);
}

#[test]
fn errors_are_json_with_the_cli_message_and_status() {
    let server = Server::start(&corpus_index());
    // (endpoint, its parameters, the CLI arguments that fail the same way)
    type Case<'a> = (&'a str, Vec<(&'a str, &'a str)>, Vec<&'a str>);
    let cases: [Case; 5] = [
        (
            "search",
            vec![("q", "腾讯"), ("since", "2021-13-01")],
            vec!["search", "腾讯", "--since", "2021-13-01"],
        ),
        (
            "search",
            vec![("q", "腾讯"), ("facets", "colour")],
            vec!["search", "腾讯", "--facets", "colour"],
        ),
        (
            "search",
            vec![("q", "腾讯"), ("broker", "证券")],
            vec!["search", "腾讯", "--broker", "证券"],
        ),
        (
            "ticker",
            vec![("code", "不存在的公司")],
            vec!["ticker", "不存在的公司"],
        ),
        ("search", vec![("q", "\"腾讯")], vec!["search", "\"腾讯"]),
    ];
    for (endpoint, params, args) in cases {
        let (status, v) = server.api(endpoint, &params);
        assert_eq!(status, 400, "{endpoint} {params:?}: {v}");
        assert_eq!(v["error"].as_str().unwrap(), cli_error(&args), "{params:?}");
    }
    let (status, v) = server.api("show", &[("path", "no/such/report.txt")]);
    assert_eq!(status, 404);
    assert_eq!(
        v["error"].as_str().unwrap(),
        cli_error(&["show", "no/such/report.txt"])
    );

    for (endpoint, params, needle) in [
        ("search", vec![], "\"q\" is required"),
        ("search", vec![("q", "  ")], "\"q\" is required"),
        (
            "search",
            vec![("q", "腾讯"), ("n", "0")],
            "\"n\" must be a number from 1",
        ),
        (
            "search",
            vec![("q", "腾讯"), ("n", "ten")],
            "\"n\" must be a number",
        ),
        (
            "search",
            vec![("q", "腾讯"), ("colour", "red")],
            "takes no parameter \"colour\"",
        ),
        ("search", vec![("q", "腾讯"), ("q", "广告")], "given twice"),
        (
            "search",
            vec![("q", "腾讯"), ("group", "broker")],
            "takes report",
        ),
        (
            "search",
            vec![("q", "腾讯"), ("boilerplate", "maybe")],
            "is a switch",
        ),
        ("reports", vec![("sort", "price")], "date or relevance"),
        ("mentions", vec![], "\"term\" is required"),
        ("ticker", vec![], "\"code\" is required"),
        ("show", vec![], "\"path\" is required"),
    ] {
        let (status, v) = server.api(endpoint, &params);
        assert_eq!(status, 400, "{endpoint} {params:?}: {v}");
        let msg = v["error"].as_str().unwrap();
        assert!(msg.contains(needle), "{endpoint} {params:?}: {msg}");
    }
    // Length-limited: a query of 257 characters is refused before it is planned.
    let long = "研".repeat(257);
    let (status, v) = server.api("search", &[("q", &long)]);
    assert_eq!(status, 400);
    assert!(v["error"].as_str().unwrap().contains("too long"), "{v}");
    let (status, v) = server.api("nonsense", &[]);
    assert_eq!(status, 404);
    assert!(v["error"].as_str().unwrap().contains("/api/search"), "{v}");
}

#[test]
fn nothing_outside_the_index_is_served() {
    let env = Env::new();
    env.write(
        "a/report.txt",
        "腾讯控股（0700.HK）广告收入增长。投资建议：买入。",
    );
    // Files beside and above the indexed folder, which a traversal would reach.
    std::fs::write(env.dir.path().join("secret.txt"), "SECRET-BESIDE").unwrap();
    std::fs::write(env.reports().join("a").join("notes.log"), "SECRET-INSIDE").unwrap();
    env.index();
    let server = Server::start(&env.index_dir());
    let (status, ok) = server.api("show", &[("path", "a/report.txt")]);
    assert_eq!(status, 200, "{ok}");
    let reports = env.reports();
    let beside = env.dir.path().join("secret.txt");
    let abs_report = reports.join("a/report.txt");
    for path in [
        "../secret.txt",
        "a/../../secret.txt",
        "./../secret.txt",
        "a/notes.log",
        "/etc/passwd",
        "../../../../../../etc/passwd",
        "..%2fsecret.txt",
        beside.to_str().unwrap(),
        // The report's own file by its path on disk: the server looks up index keys only.
        abs_report.to_str().unwrap(),
        "a\\..\\..\\secret.txt",
    ] {
        let (status, v) = server.api("show", &[("path", path)]);
        assert_eq!(status, 404, "{path}: {v}");
        assert!(!v.to_string().contains("SECRET"), "{path}: {v}");
    }
    for raw in [
        "../secret.txt",
        "%2e%2e/secret.txt",
        "%2e%2e%2fsecret.txt",
        "api/../../secret.txt",
        "src/serve/assets/app.js",
        "Cargo.toml",
        "a/report.txt",
        "reports/a/report.txt",
    ] {
        let (status, body, _) = server.get(raw);
        assert_eq!(status, 404, "{raw}: {body}");
        assert!(
            !body.contains("SECRET") && !body.contains("广告收入"),
            "{raw}: {body}"
        );
    }
}

#[test]
fn the_page_its_guards_and_headers() {
    let server = Server::start(&corpus_index());
    let (status, html, kind) = server.get("");
    assert_eq!((status, kind.as_str()), (200, "text/html"));
    assert!(
        html.contains("app.js") && html.contains("app.css"),
        "{html}"
    );
    for (path, kind) in [("app.js", "text/javascript"), ("app.css", "text/css")] {
        let (status, body, k) = server.get(path);
        assert_eq!((status, k.as_str()), (200, kind), "{path}");
        assert!(body.len() > 100, "{path} is nearly empty");
    }
    let resp = ureq::get(&server.url).call().unwrap();
    let csp = resp.header("content-security-policy").unwrap_or("");
    assert!(csp.contains("script-src 'self'"), "{csp}");
    assert_eq!(resp.header("access-control-allow-origin"), None);
    // Another site's name for this address (DNS rebinding) is refused.
    let (status, body, _) = get_url(
        &format!("{}api/stats", server.url),
        Some("attacker.example:80"),
    );
    assert_eq!(status, 403, "{body}");
    let (status, _, _) = get_url(&format!("{}api/stats", server.url), Some("localhost:1"));
    assert_eq!(status, 200);
    // Read-only.
    match ureq::post(&format!("{}api/stats", server.url)).send_string("{}") {
        Err(ureq::Error::Status(code, _)) => assert_eq!(code, 405),
        other => panic!("POST answered {other:?}"),
    }
}

#[test]
fn a_new_commit_is_served_without_a_restart() {
    let env = Env::new();
    env.write("first.txt", "腾讯控股广告收入增长。");
    env.index();
    let server = Server::start(&env.index_dir());
    let (_, before) = server.api("search", &[("q", "蔚来汽车")]);
    assert!(before["hits"].as_array().unwrap().is_empty(), "{before}");
    env.write("second.txt", "蔚来汽车交付量创新高，维持买入评级。");
    env.index();
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    loop {
        let (status, after) = server.api("search", &[("q", "蔚来汽车")]);
        assert_eq!(status, 200);
        let hits = after["hits"].as_array().unwrap();
        if !hits.is_empty() {
            assert_eq!(hits[0]["path"], "second.txt");
            break;
        }
        assert!(
            std::time::Instant::now() < deadline,
            "the new report never showed up: {after}"
        );
        std::thread::sleep(std::time::Duration::from_millis(100));
    }
    let (_, stats) = server.api("stats", &[]);
    assert_eq!(stats["reports"], 2);
}

#[test]
fn serve_refuses_what_it_cannot_serve() {
    let env = Env::new();
    let r = env.run(&["serve", "--addr", "127.0.0.1:0"]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("no index at"), "{}", r.stderr);
    let r = env.run(&["serve", "--addr", "localhost"]);
    assert_eq!(r.code, 2);
    assert!(
        r.stderr
            .contains("\"localhost\" is not an address to listen on"),
        "{}",
        r.stderr
    );
}

#[test]
fn a_non_loopback_address_is_served_with_a_warning() {
    use std::io::BufRead;
    let mut child = std::process::Command::new(bin())
        .arg("--index")
        .arg(corpus_index())
        .args(["serve", "--addr", "0.0.0.0:0"])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let mut line = String::new();
    std::io::BufReader::new(child.stderr.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    let _ = child.kill();
    let _ = child.wait();
    assert!(
        line.contains("warning") && line.contains("anyone who can reach this machine"),
        "{line}"
    );
}
