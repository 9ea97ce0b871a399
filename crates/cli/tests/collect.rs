//! `beacon sources` and `beacon collect --once` against a feed server the
//! test starts on 127.0.0.1: sources added, refused, listed, shown,
//! paused, exported and imported; each new article collected, analysed
//! and stored once; a second round fetches nothing again.

use beacon_model::{Source, SourceKind};
use serde_json::Value;

#[path = "../../collect/tests/common/mod.rs"]
mod server;

use crate::util::*;
use server::{Reply, Server, article, rss};

fn feed_server() -> Server {
    Server::start("127.0.0.1", |req| match req.path.as_str() {
        "/robots.txt" => Reply::new(200, "text/plain", "User-agent: *\nDisallow: /hidden/\n"),
        "/feed.xml" if req.header("If-None-Match") == Some("\"f1\"") => {
            Reply::new(304, "application/rss+xml", "")
        }
        "/feed.xml" => Reply::new(
            200,
            "application/rss+xml",
            rss(&[
                "/news/clash-at-the-border".into(),
                "/news/bridge-reopened".into(),
                "/hidden/draft".into(),
            ]),
        )
        .header("ETag", "\"f1\""),
        p if p.starts_with("/news/") => Reply::new(
            200,
            "text/html; charset=utf-8",
            article(&p.replace("/news/", "").replace('-', " ")),
        ),
        _ => Reply::not_found(),
    })
}

fn sources_jsonl(data: &std::path::Path) -> Vec<Value> {
    run(["sources", "list", "--format", "jsonl", "--data"]
        .iter()
        .map(|s| s.to_string())
        .chain([data.display().to_string()]))
    .expect_code(0)
    .jsonl()
}

/// Adds the source "Wire" at `url` (a private address) to the store in `data`.
fn add_wire(data: &str, url: &str) {
    run([
        "sources",
        "add",
        "--data",
        data,
        "--name",
        "Wire",
        "--allow-private",
        url,
    ])
    .expect_code(0);
}

/// `beacon collect --once --all` into `data`, its summary in JSON.
fn collect_all(data: &str) -> Run {
    run([
        "collect",
        "--once",
        "--all",
        "--data",
        data,
        "--summary",
        "json",
    ])
}

#[test]
fn sources_are_collected_once_into_the_store() {
    let server = feed_server();
    let tmp = tempfile::tempdir().expect("a temporary directory");
    let data = tmp.path().join("data");
    let d = data.to_str().expect("a UTF-8 path");
    let feed = server.url("/feed.xml");
    // a private address is refused unless the source allows it
    let refused = run(["sources", "add", "--data", d, "--name", "Local", &feed]);
    refused.expect_code(1);
    assert!(refused.stderr.contains("loopback"), "{}", refused.stderr);
    run([
        "sources",
        "add",
        "--data",
        d,
        "--name",
        "Local wire",
        "--language",
        "en",
        "--country",
        "tj",
        "--tag",
        "central-asia",
        "--tlp",
        "green",
        "--allow-private",
        &feed,
    ])
    .expect_code(0);
    let again = run([
        "sources",
        "add",
        "--data",
        d,
        "--name",
        "Local wire",
        "--allow-private",
        &feed,
    ]);
    again.expect_code(1);
    assert!(again.stderr.contains("exists"), "{}", again.stderr);

    let first = run([
        "collect",
        "--once",
        "--data",
        d,
        "--summary",
        "json",
        "--host-delay-ms",
        "10",
    ]);
    first.expect_code(3);
    let round = first.json();
    assert_eq!(round["stored"], 2, "{round}");
    assert_eq!(
        round["rejected_by_reason"]["forbidden"], 1,
        "robots.txt: {round}"
    );
    assert_eq!(round["failing"], 0);
    let articles = list_articles(&data);
    assert_eq!(articles.len(), 2);
    assert_eq!(server.requests("/hidden/draft").len(), 0);

    let listed = sources_jsonl(&data);
    assert_eq!(listed.len(), 1);
    let h = &listed[0]["health"];
    assert_eq!(h["new_articles"], 2);
    assert_eq!(h["last_status"], 200);
    assert_eq!(h["etag"], "\"f1\"");
    assert_eq!(listed[0]["source"]["tlp"], "green");

    // not due yet: nothing; --all: the feed again (304), no page twice
    let quiet = run(["collect", "--once", "--data", d, "--summary", "json"]);
    quiet.expect_code(0);
    assert_eq!(quiet.json()["sources"], 0);
    let forced = collect_all(d);
    forced.expect_code(0);
    assert_eq!(forced.json()["reports"][0]["status"], 304);
    for p in ["/news/clash-at-the-border", "/news/bridge-reopened"] {
        assert_eq!(server.requests(p).len(), 1, "{p} fetched once");
    }
    assert_eq!(list_articles(&data).len(), 2);

    let shown = run(["sources", "show", "--data", d, "src-local-wire"]);
    shown.expect_code(0);
    assert!(
        shown.stdout.contains("stored  http://") && shown.stdout.contains("rejected: forbidden"),
        "what it brought: {}",
        shown.stdout
    );
    assert!(
        shown.stdout.contains("state: ok") && shown.stdout.contains("new articles 2"),
        "{}",
        shown.stdout
    );
    run(["sources", "pause", "--data", d, "src-local-wire"]).expect_code(0);
    let paused = collect_all(d);
    assert_eq!(
        paused.json()["sources"],
        0,
        "a paused source is not collected"
    );

    // OPML out, into another store, the same sources
    let opml = run(["sources", "export", "--data", d]);
    opml.expect_code(0);
    let file = write(&tmp.path().join("sources.opml"), &opml.stdout);
    let other = tmp.path().join("other");
    let o = other.to_str().expect("a UTF-8 path");
    let refused = run([
        "sources",
        "import",
        "--data",
        o,
        file.to_str().expect("a path"),
    ]);
    refused.expect_code(1);
    run([
        "sources",
        "import",
        "--allow-private",
        "--data",
        o,
        file.to_str().expect("a path"),
    ])
    .expect_code(0);
    let mut mine = listed[0]["source"].clone();
    mine["paused"] = Value::Bool(true);
    assert_eq!(sources_jsonl(&other)[0]["source"], mine);
    run(["sources", "remove", "--data", d, "src-local-wire"]).expect_code(0);
    assert!(sources_jsonl(&data).is_empty());
    assert_eq!(list_articles(&data).len(), 2, "what it brought stays");
}

/// A report of an attack on a border post, different for every `i`.
fn attack(i: usize) -> String {
    const TOWNS: [&str; 6] = [
        "Khorog",
        "Kulob",
        "Panj",
        "Shuroobod",
        "Darvoz",
        "Ishkashim",
    ];
    let town = TOWNS[i % TOWNS.len()];
    format!(
        "<html><head><title>Border post attacked near {town} ({i})</title></head><body><article>\
         <h1>Border post attacked near {town}</h1><p>Gunmen attacked a border post near {town} in \
         Tajikistan on Monday, killing {} guards, officials said in report number {i}.</p>\
         <p>The attackers fled across the river, a spokesman for the border service said, and \
         patrols were reinforced along that stretch of the frontier.</p></article></body></html>",
        i % 5 + 2
    )
}

/// A server on `ip` whose `/feed-F.xml` lists `items` attack reports, each
/// page served after 40 ms.
fn attack_server(ip: &str, items: usize) -> Server {
    let ip = ip.to_owned();
    Server::start(&ip.clone(), move |req| {
        let p = req.path.as_str();
        if let Some(f) = p
            .strip_prefix("/feed-")
            .and_then(|f| f.strip_suffix(".xml"))
        {
            let links: Vec<String> = (0..items).map(|i| format!("/a/{f}/{i}")).collect();
            return Reply::new(200, "application/rss+xml", rss(&links));
        }
        match p.strip_prefix("/a/") {
            Some(rest) => {
                std::thread::sleep(std::time::Duration::from_millis(40));
                let n: usize = rest.bytes().map(usize::from).sum::<usize>() + ip.len();
                Reply::new(
                    200,
                    "text/html",
                    attack(n).replace("</article>", &format!("<p>{ip}{p}</p></article>")),
                )
            }
            None => Reply::not_found(),
        }
    })
}

#[test]
fn beacon_run_killed_at_random_moments_loses_and_repeats_nothing() {
    const FEEDS: usize = 5;
    const ITEMS: usize = 30;
    let hosts = ["127.0.0.1", "127.0.0.2", "127.0.0.3"];
    let servers: Vec<Server> = hosts.iter().map(|ip| attack_server(ip, ITEMS)).collect();
    let tmp = tempfile::tempdir().expect("a temporary directory");
    let data = tmp.path().join("data");
    let d = data.to_str().expect("a UTF-8 path");
    let list: Vec<Source> = servers
        .iter()
        .flat_map(|s| (0..FEEDS).map(move |f| (s, f)))
        .map(|(s, f)| {
            Source::new(
                &format!("{} feed {f}", s.base),
                &s.url(&format!("/feed-{f}.xml")),
                SourceKind::Feed,
            )
        })
        .collect();
    let opml = write(&tmp.path().join("s.opml"), beacon_collect_opml(&list));
    run([
        "sources",
        "import",
        "--allow-private",
        "--data",
        d,
        opml.to_str().expect("a path"),
    ])
    .expect_code(0);
    run([
        "watch",
        "add",
        "--data",
        d,
        "--name",
        "Tajik border",
        "--country",
        "TJ",
        "--rule",
        "match",
    ])
    .expect_code(0);

    // killed at 20 moments, each run resuming the last
    let mut rng = 0x2545_f491_4f6c_dd1du64;
    let (mut killed, mut stored) = (0, Vec::new());
    for _ in 0..20 {
        let mut child = start_run(
            d,
            &[
                "--min-interval",
                "1",
                "--host-delay-ms",
                "20",
                "--workers",
                "6",
            ],
            false,
        );
        rng ^= rng << 13;
        rng ^= rng >> 7;
        rng ^= rng << 17;
        std::thread::sleep(std::time::Duration::from_millis(150 + rng % 2500));
        if child.try_wait().expect("a status").is_none() {
            // SIGKILL: no destructor, no rollback
            child.kill().expect("killed");
            killed += 1;
        }
        let status = child.wait().expect("a status");
        assert_ne!(status.code(), Some(101), "beacon panicked");
        stored.push(list_articles(&data).len());
    }
    assert_eq!(killed, 20, "beacon run runs until it is stopped");
    let total = hosts.len() * FEEDS * ITEMS;
    let midway = stored.iter().filter(|&&n| n > 0 && n < total).count();
    eprintln!("stored after each kill: {stored:?}");
    assert!(midway >= 3, "kills in the middle of collecting: {stored:?}");

    // then rounds to the end: every page once
    for _ in 0..5 {
        let r = collect_all(d);
        if r.json()["pages"] == 0 {
            break;
        }
    }
    let articles = list_articles(&data);
    assert_eq!(articles.len(), total, "every page fetched is stored, once");
    let ids: std::collections::HashSet<&str> =
        articles.iter().filter_map(|a| a["id"].as_str()).collect();
    assert_eq!(ids.len(), total);
    let db = rusqlite::Connection::open(data.join("beacon.db")).expect("the store");
    let outcomes: Vec<(String, i64)> = db
        .prepare("SELECT outcome, COUNT(*) FROM seen_urls GROUP BY outcome")
        .and_then(|mut s| s.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?.collect())
        .expect("the seen URLs");
    assert_eq!(
        outcomes,
        [("stored".to_owned(), total as i64)],
        "each URL filed with its article"
    );
    let stories = run([
        "stories", "--data", d, "--format", "jsonl", "--limit", "100000",
    ]);
    let mut in_stories: Vec<String> = stories
        .expect_code(0)
        .jsonl()
        .iter()
        .flat_map(|s| s["article_ids"].as_array().cloned().unwrap_or_default())
        .filter_map(|v| v.as_str().map(str::to_owned))
        .collect();
    in_stories.sort();
    let mut all: Vec<String> = ids.iter().map(|s| (*s).to_owned()).collect();
    all.sort();
    assert_eq!(in_stories, all, "every article in exactly one story");
    let alerts = run([
        "alerts", "--data", d, "--status", "all", "--format", "jsonl",
    ]);
    let alerts = alerts.expect_code(0).jsonl();
    assert!(!alerts.is_empty(), "the attacks raised alerts");
    let mut cited: Vec<String> = alerts
        .iter()
        .flat_map(|a| {
            a["explanation"]["events"]
                .as_array()
                .cloned()
                .unwrap_or_default()
        })
        .filter_map(|e| e["id"].as_str().map(str::to_owned))
        .collect();
    let n = cited.len();
    cited.sort();
    cited.dedup();
    assert_eq!(cited.len(), n, "no event alerted twice");
}

fn beacon_collect_opml(sources: &[Source]) -> String {
    let outlines: String = sources
        .iter()
        .map(|s| format!("<outline text=\"{}\" xmlUrl=\"{}\"/>", s.name, s.url))
        .collect();
    format!("<?xml version=\"1.0\"?><opml version=\"2.0\"><head/><body>{outlines}</body></opml>")
}

/// `beacon run` into `data` on a free port, with `extra` options; its
/// stdout and stderr piped, or dropped.
fn start_run(data: &str, extra: &[&str], piped: bool) -> std::process::Child {
    let out = || {
        if piped {
            std::process::Stdio::piped()
        } else {
            std::process::Stdio::null()
        }
    };
    beacon()
        .args(["run", "--data", data, "--addr", "127.0.0.1:0"])
        .args(extra)
        .stdout(out())
        .stderr(out())
        .spawn()
        .expect("beacon run starts")
}

#[test]
fn beacon_run_serves_and_stops_cleanly_on_sigterm() {
    let server = feed_server();
    let tmp = tempfile::tempdir().expect("a temporary directory");
    let d = tmp.path().join("data");
    let d = d.to_str().expect("a UTF-8 path");
    let feed = server.url("/feed.xml");
    add_wire(d, &feed);
    let mut child = start_run(d, &["--host-delay-ms", "10"], true);
    let port = announced_port(&mut child);
    // the collector fills the store while the dashboard answers
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(60);
    while list_articles(std::path::Path::new(d)).len() < 2 && std::time::Instant::now() < deadline {
        std::thread::sleep(std::time::Duration::from_millis(200));
    }
    assert_eq!(
        list_articles(std::path::Path::new(d)).len(),
        2,
        "the feed's two articles"
    );
    let metrics = metrics_text(port);
    for line in [
        "beacon_store_articles 2",
        "beacon_sources{state=\"ok\"} 1",
        "beacon_collect_pages_total{outcome=\"stored\"} 2",
        "beacon_collect_requests_total{asked=\"page\",status=\"200\"} 2",
        "beacon_stage_seconds_count{stage=\"events\"} 2",
    ] {
        assert!(metrics.lines().any(|l| l == line), "{line} in\n{metrics}");
    }
    let (status, body) = http(port, "GET", "/api/stories?limit=10", None);
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["items"][0]["sources"][0], "Wire", "{body}");
    let term = std::process::Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status()
        .expect("kill runs");
    assert!(term.success());
    let status = child.wait().expect("a status");
    let mut err = String::new();
    std::io::Read::read_to_string(&mut child.stderr.take().expect("stderr"), &mut err).ok();
    assert!(status.success(), "a clean stop: {status:?}\n{err}");
    assert!(err.contains("stopping"), "{err}");
}

/// The starter catalogue with every host moved under `.invalid` (RFC 6761:
/// a name that never resolves), so that no test reaches the internet.
fn unreachable_catalogue(text: &str) -> String {
    let mut out = String::new();
    let mut rest = text;
    while let Some(i) = rest.find("xmlUrl=\"https://") {
        let start = i + "xmlUrl=\"https://".len();
        let host_end = start + rest[start..].find('/').unwrap_or(0);
        out.push_str(&rest[..host_end]);
        out.push_str(".invalid");
        rest = &rest[host_end..];
    }
    out.push_str(rest);
    out
}

#[test]
fn the_starter_catalogue_imports_and_every_unreachable_source_says_why() {
    let catalogue =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../data/sources/starter.opml");
    let text = std::fs::read_to_string(&catalogue).expect("the starter catalogue");
    let tmp = tempfile::tempdir().expect("a temporary directory");
    let data = tmp.path().join("data");
    let d = data.to_str().expect("a UTF-8 path");
    run([
        "sources",
        "import",
        "--data",
        d,
        catalogue.to_str().expect("a path"),
    ])
    .expect_code(0);
    let listed = sources_jsonl(&data);
    assert!(listed.len() >= 20, "{} sources", listed.len());
    let languages: std::collections::BTreeSet<String> = listed
        .iter()
        .flat_map(|s| {
            s["source"]["languages"]
                .as_array()
                .cloned()
                .unwrap_or_default()
        })
        .filter_map(|l| l.as_str().map(str::to_owned))
        .collect();
    for l in ["en", "ru", "fa", "ps", "uz", "tg"] {
        assert!(languages.contains(l), "no source in {l}: {languages:?}");
    }

    // beacon run on it, offline: each source fails with its reason, the
    // dashboard serves
    let offline = write(
        &tmp.path().join("offline.opml"),
        unreachable_catalogue(&text),
    );
    let other = tmp.path().join("offline");
    let o = other.to_str().expect("a UTF-8 path");
    run([
        "sources",
        "import",
        "--data",
        o,
        offline.to_str().expect("a path"),
    ])
    .expect_code(0);
    let mut child = start_run(o, &["--retries", "0", "--timeout", "3"], true);
    let port = announced_port(&mut child);
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(120);
    let failed = loop {
        let listed = sources_jsonl(&other);
        let failed: Vec<Value> = listed
            .iter()
            .filter(|s| s["health"]["last_error"].is_string())
            .cloned()
            .collect();
        if failed.len() == listed.len() || std::time::Instant::now() > deadline {
            break failed;
        }
        std::thread::sleep(std::time::Duration::from_millis(300));
    };
    assert_eq!(failed.len(), listed.len(), "every source tried and failed");
    for s in &failed {
        let url = s["source"]["url"].as_str().unwrap_or("");
        let host = url.split('/').nth(2).unwrap_or("");
        let err = s["health"]["last_error"].as_str().unwrap_or("");
        assert!(err.contains(host), "the error names the host {host}: {err}");
        assert!(s["health"]["failing_since"].is_string(), "{s}");
    }
    let (status, _) = http(port, "GET", "/api/events?limit=1", None);
    assert_eq!(status, 200, "the dashboard's API answers");
    let shown = run(["sources", "show", "--data", o, "src-khaama-press"]);
    assert!(
        shown.expect_code(0).stdout.contains("failing since"),
        "{}",
        shown.stdout
    );
    std::process::Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status()
        .expect("kill runs");
    assert!(child.wait().expect("a status").success());
}

/// `GET /metrics` on 127.0.0.1:`port`, as text.
fn metrics_text(port: u16) -> String {
    use std::io::{Read, Write};
    let mut s = std::net::TcpStream::connect(("127.0.0.1", port)).expect("connects");
    write!(
        s,
        "GET /metrics HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"
    )
    .expect("sent");
    let mut out = String::new();
    s.read_to_string(&mut out).expect("an answer");
    assert!(out.starts_with("HTTP/1.1 200"), "{out}");
    assert!(out.contains("text/plain; version=0.0.4"), "{out}");
    out.split("\r\n\r\n").nth(1).unwrap_or("").to_owned()
}

#[test]
fn the_api_manages_sources_but_never_lets_one_reach_a_private_address() {
    let tmp = tempfile::tempdir().expect("a temporary directory");
    let data = tmp.path().join("data");
    let empty = tmp.path().join("empty");
    std::fs::create_dir(&empty).expect("a directory");
    ingest_json(&data, &[&empty]).expect_code(0);
    let server = crate::util::Server::start(&data, &[]);
    let body = serde_json::json!({"name": "Asia-Plus", "url": "https://asiaplustj.info/ru/rss",
        "languages": ["ru"], "country": "TJ", "tags": ["tajikistan"], "tlp": "green"});
    let (status, made) = server.request("POST", "/api/sources", Some(&body));
    assert_eq!(status, 201, "{made}");
    assert_eq!(made["source"]["id"], "src-asia-plus");
    assert_eq!(server.request("POST", "/api/sources", Some(&body)).0, 409);
    for (bad, why) in [
        (
            serde_json::json!({"name": "Intranet", "url": "http://10.0.0.5/feed"}),
            "private",
        ),
        (
            serde_json::json!({"name": "Me", "url": "http://localhost:8080/feed"}),
            "this machine",
        ),
        (
            serde_json::json!({"name": "X", "url": "https://x.org/feed", "allow_private": true}),
            "allow_private",
        ),
        (
            serde_json::json!({"name": "X", "url": "file:///etc/passwd"}),
            "http",
        ),
        (
            serde_json::json!({"name": "X", "url": "https://x.org/feed", "kind": "podcast"}),
            "kind",
        ),
        (
            serde_json::json!({"name": "X", "url": "https://x.org/feed", "colour": "red"}),
            "colour",
        ),
    ] {
        let (status, answer) = server.request("POST", "/api/sources", Some(&bad));
        assert_eq!(status, 400, "{bad} → {answer}");
        let message = answer["error"]["message"].as_str().unwrap_or("");
        assert!(message.contains(why), "{why}: {message}");
    }
    let (status, listed) = server.get("/api/sources");
    assert_eq!(status, 200);
    assert_eq!(listed["total"], 1);
    assert_eq!(listed["items"][0]["state"], "never collected");
    let mut paused = made["source"].clone();
    paused["paused"] = serde_json::Value::Bool(true);
    let (status, answer) = server.request("PUT", "/api/sources/src-asia-plus", Some(&paused));
    assert_eq!(status, 200, "{answer}");
    let (_, one) = server.get("/api/sources/src-asia-plus");
    assert_eq!(one["state"], "paused");
    assert_eq!(
        one["recent"],
        serde_json::json!([]),
        "nothing collected yet"
    );
    assert_eq!(one["source"]["tlp"], "green");
    assert!(
        metrics_text(server.port)
            .lines()
            .any(|l| l == "beacon_sources{state=\"paused\"} 1")
    );
    assert_eq!(
        server
            .request("DELETE", "/api/sources/src-asia-plus", None)
            .0,
        200
    );
    assert_eq!(server.get("/api/sources/src-asia-plus").0, 404);
}

#[test]
fn a_source_failing_too_long_raises_an_alert_of_its_own() {
    let tmp = tempfile::tempdir().expect("a temporary directory");
    let data = tmp.path().join("data");
    let d = data.to_str().expect("a UTF-8 path");
    // a port nothing listens on
    let dead = std::net::TcpListener::bind("127.0.0.1:0").expect("a port");
    let url = format!("http://{}/feed.xml", dead.local_addr().expect("an address"));
    drop(dead);
    run([
        "sources",
        "add",
        "--data",
        d,
        "--name",
        "Gone",
        "--allow-private",
        &url,
    ])
    .expect_code(0);
    let args = [
        "collect",
        "--once",
        "--all",
        "--data",
        d,
        "--retries",
        "0",
        "--source-alert-hours",
        "2",
    ];
    run(args).expect_code(3);
    let alerts = || run(["alerts", "--data", d, "--format", "jsonl"]).jsonl();
    assert!(
        alerts().is_empty(),
        "not yet: it has failed for less than 2 h"
    );
    // three hours later, as the store sees it
    let db = rusqlite::Connection::open(data.join("beacon.db")).expect("the store");
    db.execute(
        "UPDATE sources SET health = json_set(health, '$.failing_since', ?1)",
        [(chrono::Utc::now() - chrono::Duration::hours(3)).to_rfc3339()],
    )
    .expect("aged");
    run(args).expect_code(3);
    run(args).expect_code(3);
    let raised = alerts();
    assert_eq!(raised.len(), 1, "one alert for the episode: {raised:?}");
    let a = &raised[0];
    assert_eq!(a["rule"]["kind"], "source_failing");
    assert_eq!(a["watchlist_id"], "sources");
    let title = a["title"].as_str().unwrap_or("");
    assert!(
        title.starts_with("Gone has failed for 3 h") && title.contains("cannot reach"),
        "{title}"
    );
}

#[test]
fn collected_answers_kept_as_warc_replay_into_the_same_articles() {
    let server = feed_server();
    let tmp = tempfile::tempdir().expect("a temporary directory");
    let data = tmp.path().join("data");
    let d = data.to_str().expect("a UTF-8 path");
    let warc = tmp.path().join("warc");
    add_wire(d, &server.url("/feed.xml"));
    let w = warc.to_str().expect("a UTF-8 path");
    run([
        "collect",
        "--once",
        "--data",
        d,
        "--warc",
        w,
        "--summary",
        "json",
    ])
    .expect_code(3);
    let files: Vec<std::path::PathBuf> = std::fs::read_dir(&warc)
        .expect("the WARC directory")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .collect();
    assert_eq!(files.len(), 1, "{files:?}");
    assert!(files[0].to_string_lossy().ends_with(".warc.gz"));
    // replayed into another store: the same articles, by content
    let other = tmp.path().join("replayed");
    let replay = ingest_json(&other, &[&files[0]]);
    let summary = replay.json();
    assert_eq!(summary["stored"], 2, "{summary}");
    assert_eq!(
        summary["rejected_by_reason"]["unsupported_type"], 1,
        "the feed: {summary}"
    );
    assert!(
        summary["skipped"].as_u64().unwrap_or(0) >= 1,
        "the warcinfo record: {summary}"
    );
    let ids = |dir: &std::path::Path| -> std::collections::BTreeSet<String> {
        list_articles(dir)
            .iter()
            .filter_map(|a| a["id"].as_str().map(str::to_owned))
            .collect()
    };
    assert_eq!(ids(&other), ids(&data));
}

#[test]
fn logs_can_be_json_lines_without_credentials() {
    let server = feed_server();
    let tmp = tempfile::tempdir().expect("a temporary directory");
    let d = tmp.path().join("data");
    let d = d.to_str().expect("a UTF-8 path");
    let feed = server
        .url("/feed.xml")
        .replace("http://", "http://reader:s3cret@");
    // a source's URL never holds credentials
    let refused = run([
        "sources",
        "add",
        "--data",
        d,
        "--name",
        "Wire",
        "--allow-private",
        &feed,
    ]);
    refused.expect_code(1);
    assert!(!refused.stderr.is_empty());
    add_wire(d, &server.url("/feed.xml"));
    let out = beacon()
        .args(["collect", "--once", "--data", d])
        .env("BEACON_LOG", "info")
        .env("BEACON_LOG_FORMAT", "json")
        .output()
        .expect("beacon runs");
    let stderr = String::from_utf8_lossy(&out.stderr);
    let lines: Vec<Value> = stderr
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{e}: {l:?}")))
        .collect();
    assert!(!lines.is_empty(), "info lines were logged");
    for l in &lines {
        assert!(
            l["time"].is_string() && l["level"].is_string() && l["message"].is_string(),
            "{l}"
        );
    }
    assert!(!stderr.contains("s3cret"));
}

#[test]
fn the_whole_collector_may_be_allowed_private_addresses() {
    let server = feed_server();
    let tmp = tempfile::tempdir().expect("a temporary directory");
    let data = tmp.path().join("data");
    let d = data.to_str().expect("a UTF-8 path");
    let feed = server.url("/feed.xml");
    // a source that does not allow private addresses (imported with the
    // flag, then the flag taken back) is refused when collected, unless the
    // whole collector allows them
    let opml = write(
        &tmp.path().join("local.opml"),
        format!("<opml><body><outline text=\"Local\" xmlUrl=\"{feed}\"/></body></opml>"),
    );
    let o = opml.to_str().expect("a path");
    run(["sources", "import", "--allow-private", "--data", d, o]).expect_code(0);
    let db = rusqlite::Connection::open(data.join("beacon.db")).expect("the store");
    db.execute(
        "UPDATE sources SET record = json_set(record, '$.allow_private', json('false'))",
        [],
    )
    .expect("taken back");
    let closed = run([
        "collect",
        "--once",
        "--all",
        "--data",
        d,
        "--summary",
        "json",
    ]);
    let report = &closed.json()["reports"][0];
    assert!(
        report["error"].as_str().unwrap_or("").contains("forbidden"),
        "{report}"
    );
    let opened = run([
        "collect",
        "--once",
        "--all",
        "--allow-private",
        "--data",
        d,
        "--summary",
        "json",
    ]);
    assert_eq!(opened.json()["stored"], 2);
}
