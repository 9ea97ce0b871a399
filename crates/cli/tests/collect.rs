//! `beacon sources` and `beacon collect --once` against a feed server the
//! test starts on 127.0.0.1: sources added, refused, listed, shown,
//! paused, exported and imported; each new article collected, analysed
//! and stored once; a second round fetches nothing again.

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
