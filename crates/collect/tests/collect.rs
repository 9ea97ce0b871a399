//! The collector against servers the tests start on 127.0.0.x: new items
//! picked up once, `304`, robots.txt, `429` with `Retry-After`, private
//! addresses, and servers that misbehave (slow, failing, looping, huge,
//! compressed bombs, HTML for a feed, 50,000 items), each ending in a clear
//! per-source error or a bounded result without stopping the others.

mod common;

use std::collections::HashSet;
use std::io::Write;
use std::sync::Mutex;
use std::sync::atomic::AtomicBool;
use std::time::Duration;

use beacon_collect::{Collected, Config, SourceReport, collect};
use beacon_ingest::Item;
use beacon_model::{Reason, Source, SourceHealth, SourceKind};
use common::{Reply, Server, article, rss};

fn config() -> Config {
    Config {
        policy: beacon_net::Policy::public_only(),
        workers: 4,
        host_delay: Duration::from_millis(20),
        max_wait: Duration::from_secs(5),
        connect_timeout: Duration::from_secs(2),
        read_timeout: Duration::from_secs(1),
        retries: 1,
        backoff: Duration::from_millis(50),
        max_bytes: 16 << 20,
        ..Config::default()
    }
}

fn source(name: &str, url: &str, kind: SourceKind) -> Source {
    Source {
        allow_private: true,
        ..Source::new(name, url, kind)
    }
}

/// What one run handed over.
#[derive(Default)]
struct Outcome {
    pages: Vec<(String, Item)>,
    health: Vec<(String, SourceHealth)>,
    reports: Vec<SourceReport>,
}

impl Outcome {
    fn report(&self, id: &str) -> &SourceReport {
        self.reports.iter().find(|r| r.id == id).expect("a report")
    }

    fn documents(&self) -> Vec<&str> {
        let mut v: Vec<&str> = self
            .pages
            .iter()
            .filter(|(_, i)| matches!(i, Item::Document(_)))
            .map(|(u, _)| u.as_str())
            .collect();
        v.sort_unstable();
        v
    }

    fn rejected(&self, url: &str) -> Option<Reason> {
        self.pages.iter().find_map(|(u, i)| match i {
            Item::Rejected(r) if u == url => Some(r.reason()),
            _ => None,
        })
    }
}

/// Runs the collector once over `sources`; `seen` is the store's seen set,
/// grown by what the run hands over (as the store's would be).
fn run(sources: &[(Source, SourceHealth)], c: &Config, seen: &Mutex<HashSet<String>>) -> Outcome {
    let mut out = Outcome::default();
    let stop = AtomicBool::new(false);
    let check = |u: &str| seen.lock().expect("seen").contains(u);
    collect::<std::convert::Infallible>(sources, c, &check, &stop, &mut |got| {
        match got {
            Collected::Page { url, item, .. } => {
                seen.lock().expect("seen").insert(url.clone());
                out.pages.push((url, item));
            }
            Collected::Done {
                source,
                health,
                report,
            } => {
                out.health.push((source, *health));
                out.reports.push(report);
            }
        }
        Ok(())
    })
    .expect("no filing error");
    out
}

#[test]
fn new_items_are_fetched_once_and_unchanged_feeds_answer_304() {
    let server = Server::start("127.0.0.1", |req| match req.path.as_str() {
        "/feed.xml" if req.header("If-None-Match") == Some("\"v1\"") => {
            Reply::new(304, "application/rss+xml", "")
        }
        "/feed.xml" => {
            let links: Vec<String> = (1..=3)
                .map(|i| format!("/news/{i}?utm_source=rss#top"))
                .collect();
            Reply::new(200, "application/rss+xml", rss(&links)).header("ETag", "\"v1\"")
        }
        p if p.starts_with("/news/") => Reply::new(200, "text/html; charset=utf-8", article(p)),
        _ => Reply::not_found(),
    });
    let c = config();
    let seen = Mutex::new(HashSet::new());
    let s = source("Local feed", &server.url("/feed.xml"), SourceKind::Feed);
    let first = run(&[(s.clone(), SourceHealth::default())], &c, &seen);
    let want: Vec<String> = (1..=3).map(|i| server.url(&format!("/news/{i}"))).collect();
    assert_eq!(
        first.documents(),
        want.iter().map(String::as_str).collect::<Vec<_>>()
    );
    let r = first.report("src-local-feed");
    assert_eq!(
        (r.status, r.items, r.new_links, r.pages),
        (Some(200), 3, 3, 3)
    );
    let health = first.health[0].1.clone();
    assert_eq!(health.etag.as_deref(), Some("\"v1\""));
    assert!(health.next_due.is_some() && health.last_error.is_none());

    // the same feed again, its validators kept: 304, nothing fetched
    let second = run(&[(s.clone(), health)], &c, &seen);
    assert_eq!(second.report("src-local-feed").status, Some(304));
    assert!(second.pages.is_empty());
    // without validators: the feed again, but its pages are known
    let third = run(&[(s, SourceHealth::default())], &c, &seen);
    assert_eq!(third.report("src-local-feed").new_links, 0);
    assert!(third.pages.is_empty());
    for i in 1..=3 {
        assert_eq!(
            server.requests(&format!("/news/{i}?utm_source=rss")).len(),
            0
        );
        assert_eq!(
            server.requests(&format!("/news/{i}")).len(),
            1,
            "page {i} fetched once"
        );
    }
    assert_eq!(
        server.requests("/robots.txt").len(),
        3,
        "robots.txt once per host and run"
    );
    let ua = server.requests("/feed.xml")[0]
        .header("User-Agent")
        .unwrap_or("")
        .to_owned();
    assert!(ua.starts_with("Beacon/"), "{ua}");
}

#[test]
fn robots_txt_is_honoured_and_429_waits_as_asked() {
    let server = Server::start("127.0.0.1", |req| match req.path.as_str() {
        "/robots.txt" => Reply::new(200, "text/plain", "User-agent: *\nDisallow: /private/\n"),
        "/feed.xml" => Reply::new(
            200,
            "application/rss+xml",
            rss(&["/private/1".into(), "/busy/1".into(), "/open/1".into()]),
        ),
        "/busy/1" => Reply::new(429, "text/plain", "slow down").header("Retry-After", "1"),
        p => Reply::new(200, "text/html", article(p)),
    });
    let c = Config {
        retries: 0,
        ..config()
    };
    let seen = Mutex::new(HashSet::new());
    let s = source("Polite", &server.url("/feed.xml"), SourceKind::Feed);
    let out = run(&[(s, SourceHealth::default())], &c, &seen);
    assert!(
        server.requests("/private/1").is_empty(),
        "robots.txt disallows it"
    );
    assert_eq!(
        out.rejected(&server.url("/private/1")),
        Some(Reason::Forbidden)
    );
    let r = out.report("src-polite");
    assert_eq!(r.deferred, 1, "the 429 page waits for the next run");
    assert!(!seen.lock().expect("seen").contains(&server.url("/busy/1")));
    // the host asked for a second: the next request waited for it
    let busy = server.requests("/busy/1")[0].at;
    let open = server.requests("/open/1");
    assert!(open.is_empty() || open[0].at.duration_since(busy) >= Duration::from_millis(950));
}

#[test]
fn private_addresses_are_refused_unless_allowed() {
    let server = Server::start("127.0.0.1", |req| match req.path.as_str() {
        "/feed.xml" => Reply::new(200, "application/rss+xml", rss(&["/a".into()])),
        p => Reply::new(200, "text/html", article(p)),
    });
    let seen = Mutex::new(HashSet::new());
    let closed = Source::new("Closed", &server.url("/feed.xml"), SourceKind::Feed);
    let out = run(&[(closed, SourceHealth::default())], &config(), &seen);
    let err = out.report("src-closed").error.clone().unwrap_or_default();
    assert!(
        err.contains("forbidden") && err.contains("loopback"),
        "{err}"
    );
    assert!(server.all().is_empty(), "not one request reached it");

    // a host allowed by name that redirects to one that is not
    let target = Server::start("127.0.0.1", |_| Reply::new(200, "text/html", article("x")));
    let to = target.url("/x");
    let hop = Server::start("127.0.0.2", move |req| match req.path.as_str() {
        "/robots.txt" => Reply::not_found(),
        _ => Reply::new(302, "text/plain", "").header("Location", &to),
    });
    let c = Config {
        policy: beacon_net::Policy::parse("127.0.0.2"),
        ..config()
    };
    let via = Source::new("Hop", &hop.url("/feed.xml"), SourceKind::Feed);
    let out = run(&[(via, SourceHealth::default())], &c, &seen);
    let err = out.report("src-hop").error.clone().unwrap_or_default();
    assert!(err.contains("forbidden"), "{err}");
    assert!(target.all().is_empty(), "the redirect was not followed");
}

#[test]
fn misbehaving_servers_end_in_clear_errors_and_never_stop_the_others() {
    let mut bomb = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    bomb.write_all(&vec![b' '; 40 << 20]).expect("gzip");
    let bomb = bomb.finish().expect("gzip");
    let many: Vec<String> = (0..50_000).map(|i| format!("/m/{i}")).collect();
    let big_feed = rss(&many);
    // Latin-1 bytes under a UTF-8 label
    let latin: Vec<u8> = article("a caf\u{e9} fire")
        .chars()
        .map(|c| u8::try_from(u32::from(c)).unwrap_or(b'?'))
        .collect();
    let server = Server::start("127.0.0.1", move |req| match req.path.as_str() {
        "/robots.txt" => Reply::not_found(),
        "/slow.xml" => Reply {
            delay: Duration::from_secs(3),
            ..Reply::new(200, "application/rss+xml", rss(&[]))
        },
        "/storm.xml" => Reply::new(500, "text/plain", "oops"),
        "/loop.xml" => Reply::new(302, "text/plain", "").header("Location", "/loop.xml"),
        "/huge.xml" => Reply {
            declared_len: Some(2 << 30),
            ..Reply::new(200, "application/rss+xml", "<rss>")
        },
        "/bomb.xml" => {
            Reply::new(200, "application/rss+xml", bomb.clone()).header("Content-Encoding", "gzip")
        }
        "/html.xml" => Reply::new(200, "text/html", "<html><body>Not a feed</body></html>"),
        "/many.xml" => Reply::new(200, "application/rss+xml", big_feed.clone()),
        "/good.xml" => Reply::new(200, "application/rss+xml", rss(&["/g/1".into()])),
        "/latin.xml" => Reply::new(200, "application/rss+xml", rss(&["/latin/1".into()])),
        "/latin/1" => Reply::new(200, "text/html; charset=utf-8", latin.clone()),
        p => Reply::new(200, "text/html", article(p)),
    });
    let c = Config {
        max_items: 25,
        ..config()
    };
    let names = [
        "slow", "storm", "loop", "huge", "bomb", "html", "many", "good", "latin",
    ];
    let sources: Vec<(Source, SourceHealth)> = names
        .iter()
        .map(|n| {
            (
                source(n, &server.url(&format!("/{n}.xml")), SourceKind::Feed),
                SourceHealth::default(),
            )
        })
        .collect();
    let seen = Mutex::new(HashSet::new());
    let out = run(&sources, &c, &seen);
    let error = |n: &str| {
        out.report(&format!("src-{n}"))
            .error
            .clone()
            .unwrap_or_default()
    };
    assert!(
        error("slow").contains("timeout") || error("slow").contains("imed out"),
        "{}",
        error("slow")
    );
    assert!(error("storm").contains("500"), "{}", error("storm"));
    assert_eq!(
        server.requests("/storm.xml").len(),
        2,
        "tried once more, then given up"
    );
    assert!(error("loop").contains("redirect"), "{}", error("loop"));
    assert!(error("huge").contains("limit"), "{}", error("huge"));
    assert!(error("bomb").contains("limit"), "{}", error("bomb"));
    assert!(
        error("html").contains("HTML page, not a feed"),
        "{}",
        error("html")
    );
    let many = out.report("src-many");
    assert_eq!(
        (many.items, many.pages),
        (50_000, 25),
        "bounded: the first 25 of 50,000"
    );
    assert_eq!(
        out.report("src-good").pages,
        1,
        "the good source is not stopped by the others"
    );
    assert!(
        out.documents().contains(&server.url("/latin/1").as_str()),
        "a wrong charset still reads"
    );
    let failing: Vec<&SourceHealth> = out
        .health
        .iter()
        .filter(|(id, _)| id == "src-storm")
        .map(|(_, h)| h)
        .collect();
    assert_eq!(failing[0].failures, 1);
    assert!(failing[0].failing_since.is_some());
}

#[test]
fn sitemaps_and_section_pages_list_their_articles() {
    let server = Server::start("127.0.0.1", |req| match req.path.as_str() {
        "/robots.txt" => Reply::not_found(),
        "/sitemap_index.xml" => Reply::new(
            200,
            "application/xml",
            r#"<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><sitemap><loc>/news-sitemap.xml</loc></sitemap></sitemapindex>"#,
        ),
        "/news-sitemap.xml" => Reply::new(
            200,
            "application/xml",
            r#"<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:news="http://www.google.com/schemas/sitemap-news/0.9"><url><loc>/s/1</loc><news:news><news:publication_date>2026-12-07</news:publication_date></news:news></url></urlset>"#,
        ),
        "/section" => Reply::new(
            200,
            "text/html",
            r#"<html><body><a href="/p/2026/one">One</a><a href="/about">About</a><a href="/p/2026/two">Two</a></body></html>"#,
        ),
        p => Reply::new(200, "text/html", article(p)),
    });
    let mut page = source("Section", &server.url("/section"), SourceKind::Page);
    page.pattern = Some(server.url("/p/*"));
    let sources = [
        (
            source(
                "Map",
                &server.url("/sitemap_index.xml"),
                SourceKind::Sitemap,
            ),
            SourceHealth::default(),
        ),
        (page, SourceHealth::default()),
    ];
    let seen = Mutex::new(HashSet::new());
    let out = run(&sources, &config(), &seen);
    let mut want = [
        server.url("/p/2026/one"),
        server.url("/p/2026/two"),
        server.url("/s/1"),
    ];
    want.sort();
    assert_eq!(
        out.documents(),
        want.iter().map(String::as_str).collect::<Vec<_>>()
    );
}
