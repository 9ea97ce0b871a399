//! Safety: what a hostile or careless user found (issue 13), each failure
//! reproduced and now held: `demo` deletes nothing it did not make; writers
//! at once file like one run after another; a query cannot crash the server;
//! webhooks go only to public addresses; a deleted, emptied or damaged store
//! is named; an ingest beside the server exits 0; a FIFO in an input
//! directory is refused and the rest stored; a large page stays in bounded
//! memory.

use std::collections::BTreeSet;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, Stdio};
use std::time::{Duration, Instant};

use serde_json::Value;

use crate::util::*;

const PLACES: [&str; 8] = [
    "Kunduz",
    "Takhar",
    "Badakhshan",
    "Balkh",
    "Faryab",
    "Jawzjan",
    "Herat",
    "Kandahar",
];
const ACTORS: [&str; 3] = ["Taliban fighters", "Islamic State militants", "Gunmen"];
const WEEKDAYS: [&str; 7] = [
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
];

/// Three outlets' reports of happening `i` (an attack somewhere in
/// Afghanistan on its own day), as JSONL lines.
pub fn reports(i: usize) -> Vec<String> {
    let place = PLACES[i % PLACES.len()];
    let actor = ACTORS[i % ACTORS.len()];
    let killed = 3 + i % 7;
    let day = 1 + (i * 3) % 27;
    let weekday = WEEKDAYS[(day + 2) % 7];
    let texts = [
        format!(
            "{actor} attacked a police checkpoint in {place} province on {weekday}, killing {killed} \
             officers, the provincial governor said. The attack began before dawn and lasted two hours."
        ),
        format!(
            "At least {killed} police officers were killed when {actor} stormed a checkpoint in {place} \
             province on {weekday}, officials said. Reinforcements were sent from the provincial capital."
        ),
        format!(
            "Officials in {place} said {actor} attacked a checkpoint on {weekday}, killing {killed} \
             policemen. A spokesman for the governor said an investigation had begun."
        ),
    ];
    texts
        .iter()
        .enumerate()
        .map(|(k, text)| {
            serde_json::json!({
                "url": format!("https://outlet{k}.example/{place}-{i}"),
                "title": format!("Checkpoint attacked in {place} ({i})"),
                "published": format!("2024-05-{day:02}"),
                "text": text,
            })
            .to_string()
        })
        .collect()
}

/// A JSONL file of the reports of happenings `range`.
fn news(path: &Path, range: std::ops::Range<usize>) -> PathBuf {
    let lines: Vec<String> = range.flat_map(reports).collect();
    write(path, lines.join("\n") + "\n")
}

/// The watchlist every store of these tests has: events in Afghanistan,
/// each one and three in a week.
fn watch(data: &Path) {
    run([
        "watch",
        "add",
        "--data",
        data.to_str().unwrap(),
        "--name",
        "Afghanistan",
        "--zone",
        "country:AF",
        "--rule",
        "match",
        "--rule",
        "threshold:3/7",
    ])
    .expect_code(0);
}

/// What filing made: each story's articles, each story-level event with
/// its sources, each alert.
#[derive(Debug, PartialEq, Eq)]
struct Filed {
    stories: BTreeSet<Vec<String>>,
    events: BTreeSet<(String, String, usize)>,
    alerts: BTreeSet<String>,
}

fn filed(data: &Path) -> Filed {
    let d = data.to_str().unwrap();
    let stories = run([
        "stories", "--data", d, "--limit", "100000", "--format", "jsonl",
    ]);
    stories.expect_code(0);
    let events = run(["events", "--data", d, "--format", "jsonl"]);
    events.expect_code(0);
    let alerts = run([
        "alerts", "--data", d, "--status", "all", "--format", "jsonl", "-n", "100000",
    ]);
    alerts.expect_code(0);
    Filed {
        stories: stories
            .jsonl()
            .iter()
            .map(|s| {
                let mut ids: Vec<String> = s["article_ids"]
                    .as_array()
                    .expect("article ids")
                    .iter()
                    .map(|a| a.as_str().unwrap().to_owned())
                    .collect();
                ids.sort();
                ids
            })
            .collect(),
        events: events
            .jsonl()
            .iter()
            .map(|e| {
                (
                    e["event"]["id"].as_str().unwrap().to_owned(),
                    e["event"]["type"].as_str().unwrap().to_owned(),
                    e["sources"].as_array().map_or(0, Vec::len),
                )
            })
            .collect(),
        alerts: alerts
            .jsonl()
            .iter()
            .map(|a| a["id"].as_str().unwrap().to_owned())
            .collect(),
    }
}

/// The inputs of each run, in the order the runs filed their articles
/// (told by the stored articles' origins); runs that stored nothing last.
fn filing_order(data: &Path, runs: &[PathBuf]) -> Vec<PathBuf> {
    let mut listed = list_articles(data);
    // listed newest first
    listed.reverse();
    let mut order: Vec<PathBuf> = Vec::new();
    for a in &listed {
        let origin = a["origin"].as_str().unwrap();
        if let Some(run) = runs
            .iter()
            .find(|r| origin.starts_with(r.to_str().unwrap()))
            && !order.contains(run)
        {
            order.push(run.clone());
        }
    }
    for r in runs {
        if !order.contains(r) {
            order.push(r.clone());
        }
    }
    order
}

fn ingest_child(data: &Path, input: &Path) -> Child {
    beacon()
        .args(["ingest", "--quiet", "--summary", "json", "--data"])
        .arg(data)
        .arg(input)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("beacon runs")
}

fn finish(child: Child) -> (i32, Value, String) {
    let o = child.wait_with_output().expect("beacon ends");
    let stderr = String::from_utf8_lossy(&o.stderr).into_owned();
    assert!(!stderr.contains("panicked"), "{stderr}");
    let summary = serde_json::from_slice(&o.stdout).unwrap_or(Value::Null);
    (o.status.code().expect("exited"), summary, stderr)
}

/// Runs `inputs` as ingests at once into a fresh store, then the same runs
/// one after another in the order they filed, and compares what each made.
fn at_once_is_one_after_another(dir: &Path, name: &str, inputs: &[PathBuf]) {
    let data = dir.join(format!("{name}-at-once"));
    watch(&data);
    let children: Vec<Child> = inputs.iter().map(|i| ingest_child(&data, i)).collect();
    for c in children {
        let (code, summary, stderr) = finish(c);
        assert_eq!(code, 0, "{stderr}");
        assert!(summary["read"].as_u64().unwrap() > 0, "{summary}");
    }
    let order = filing_order(&data, inputs);
    let sequential = dir.join(format!("{name}-sequential"));
    watch(&sequential);
    for input in &order {
        ingest_json(&sequential, &[input]).expect_code(0);
    }
    let (got, want) = (filed(&data), filed(&sequential));
    assert!(!want.stories.is_empty() && !want.events.is_empty() && !want.alerts.is_empty());
    assert_eq!(
        got, want,
        "{name}: ingests at once differ from one run after another"
    );
}

#[test]
fn ingests_at_once_file_as_one_run_after_another() {
    let dir = tempfile::tempdir().unwrap();
    let a = news(&dir.path().join("a.jsonl"), 0..6);
    let b = news(&dir.path().join("b.jsonl"), 6..12);
    let c = news(&dir.path().join("c.jsonl"), 12..16);
    // the same file twice: the second finds every article stored
    at_once_is_one_after_another(dir.path(), "same", &[a.clone(), a.clone()]);
    // disjoint halves
    at_once_is_one_after_another(dir.path(), "halves", &[a.clone(), b.clone()]);
    // four at once, two of them the same
    at_once_is_one_after_another(dir.path(), "four", &[a.clone(), b, a, c]);
}

#[test]
fn a_second_writer_waits_and_says_for_whom() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let a = news(&dir.path().join("a.jsonl"), 0..20);
    let b = news(&dir.path().join("b.jsonl"), 20..24);
    let first = ingest_child(&data, &a);
    // the first holds the lock once it has made the store
    let started = Instant::now();
    while !data.join("filer.lock").exists() && started.elapsed() < Duration::from_secs(30) {
        std::thread::sleep(Duration::from_millis(20));
    }
    std::thread::sleep(Duration::from_millis(300));
    let second = ingest_child(&data, &b);
    let (code, _, _) = finish(first);
    assert_eq!(code, 0);
    let (code, summary, stderr) = finish(second);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(summary["stored"], 12, "{summary}");
    // it waited with a message naming the holder (unless the first was
    // already done when it started)
    if stderr.contains("waiting") {
        assert!(stderr.contains("beacon ingest"), "{stderr}");
        assert!(stderr.contains("pid "), "{stderr}");
    }
}

/// `q` as a URL query value.
fn encoded(q: &str) -> String {
    q.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

/// The queries that overflowed the query parser's stack.
fn hostile_queries() -> Vec<String> {
    vec![
        "(".repeat(3000) + "kabul" + &")".repeat(3000),
        "NOT ".repeat(10_000) + "kabul",
        "kabul ".repeat(2_000),
        "-".repeat(5_000) + "kabul",
    ]
}

#[test]
fn an_ingest_beside_the_server_exits_0_and_hostile_queries_get_400() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let a = news(&dir.path().join("a.jsonl"), 0..4);
    let b = news(&dir.path().join("b.jsonl"), 4..16);
    watch(&data);
    ingest_json(&data, &[&a]).expect_code(0);
    let mut server = Server::start(&data, &[]);
    assert_eq!(server.get("/api/search?q=checkpoint").0, 200);

    // searches and event queries all through the ingest
    let port = server.port;
    let stop = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    let load = {
        let stop = stop.clone();
        std::thread::spawn(move || {
            let mut statuses = Vec::new();
            while !stop.load(std::sync::atomic::Ordering::Relaxed) {
                statuses.push(http(port, "GET", "/api/search?q=checkpoint+attacked", None).0);
                statuses.push(http(port, "GET", "/api/events?limit=5", None).0);
            }
            statuses
        })
    };
    let ingest = ingest_child(&data, &b);
    // a watchlist made through the API while the ingest files
    std::thread::sleep(Duration::from_millis(200));
    let (code, made) = server.request(
        "POST",
        "/api/watchlists",
        Some(&serde_json::json!({"name": "Kunduz", "zones": ["admin1:AF:Kunduz"], "rules": [{"kind": "match"}]})),
    );
    assert_eq!(code, 201, "{made}");
    let (code, summary, stderr) = finish(ingest);
    stop.store(true, std::sync::atomic::Ordering::Relaxed);
    let statuses = load.join().unwrap();
    assert_eq!(code, 0, "the ingest failed beside the server: {stderr}");
    assert!(!stderr.contains("LockBusy"), "{stderr}");
    assert_eq!(summary["stored"], 36, "{summary}");
    assert!(
        !statuses.is_empty() && statuses.iter().all(|s| *s == 200),
        "{statuses:?}"
    );

    // the server's index catches up with what the ingest stored
    let seen = |q: &str| {
        server.get(&format!("/api/search?q={q}&scope=articles")).1["total"]
            .as_u64()
            .unwrap_or(0)
    };
    let started = Instant::now();
    while seen("Kandahar") == 0 && started.elapsed() < Duration::from_secs(20) {
        std::thread::sleep(Duration::from_millis(200));
    }
    assert!(
        seen("Kandahar") > 0,
        "the ingest's articles never reached search"
    );

    // hostile queries: a 400, never a crash, and the server goes on
    for q in hostile_queries() {
        let (code, body) = server.get(&format!("/api/search?q={}", encoded(&q)));
        assert_eq!(code, 400, "{body}");
        assert_eq!(body["error"]["code"], "query_too_complex", "{body}");
        assert!(server.alive(), "the server died on a query");
    }

    // the same as a run after another, the API's watchlist included (its
    // evaluation, deferred while the ingest filed, lands after it)
    drop(server);
    let sequential = dir.path().join("sequential");
    watch(&sequential);
    run([
        "watch",
        "add",
        "--data",
        sequential.to_str().unwrap(),
        "--name",
        "Kunduz",
        "--zone",
        "admin1:AF:Kunduz",
        "--rule",
        "match",
    ])
    .expect_code(0);
    ingest_json(&sequential, &[&a]).expect_code(0);
    ingest_json(&sequential, &[&b]).expect_code(0);
    let want = filed(&sequential);
    let started = Instant::now();
    let mut got = filed(&data);
    while got != want && started.elapsed() < Duration::from_secs(10) {
        std::thread::sleep(Duration::from_millis(200));
        got = filed(&data);
    }
    assert_eq!(got, want);
}

#[test]
fn hostile_queries_are_a_clear_error_from_the_cli() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let a = news(&dir.path().join("a.jsonl"), 0..2);
    ingest_json(&data, &[&a]).expect_code(0);
    for q in hostile_queries() {
        let r = run(["search", "--data", data.to_str().unwrap(), "--", &q]);
        assert_eq!(r.code, 2, "{}", r.stderr);
        assert!(r.stderr.contains("too complex"), "{}", r.stderr);
    }
    let r = run(["search", "--data", data.to_str().unwrap(), "checkpoint"]);
    r.expect_code(0);
    assert!(!r.jsonl().is_empty());
}

/// A listener on 127.0.0.1 that reports every connection.
fn listener() -> (u16, std::sync::mpsc::Receiver<()>) {
    let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = l.local_addr().unwrap().port();
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        for s in l.incoming() {
            let Ok(mut s) = s else { return };
            let _ = tx.send(());
            let _ = s.set_read_timeout(Some(Duration::from_millis(300)));
            let _ = s.read(&mut [0u8; 65536]);
            let _ = s.write_all(b"HTTP/1.1 200 OK\r\ncontent-length: 0\r\n\r\n");
        }
    });
    (port, rx)
}

fn forbidden_webhooks(port: u16) -> Vec<String> {
    vec![
        format!("http://127.0.0.1:{port}/hook"),
        format!("http://localhost:{port}/hook"),
        "http://169.254.169.254/latest/meta-data/".into(),
        "http://10.0.0.1/hook".into(),
        "http://[fd00::1]/hook".into(),
        format!("http://[::1]:{port}/hook"),
        "file:///etc/passwd".into(),
        "gopher://127.0.0.1:70/_x".into(),
    ]
}

#[test]
fn forbidden_webhooks_are_refused_when_saved_and_never_contacted() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let a = news(&dir.path().join("a.jsonl"), 0..3);
    ingest_json(&data, &[&a]).expect_code(0);
    let (port, seen) = listener();
    let d = data.to_str().unwrap();
    for url in forbidden_webhooks(port) {
        let r = run([
            "watch",
            "add",
            "--data",
            d,
            "--name",
            "x",
            "--zone",
            "country:AF",
            "--rule",
            "match",
            "--webhook",
            &url,
        ]);
        assert_ne!(r.code, 0, "{url} was saved");
        assert!(r.stderr.contains("webhook refused"), "{url}: {}", r.stderr);
    }
    let server = Server::start(&data, &[]);
    for url in forbidden_webhooks(port) {
        let (code, body) = server.request(
            "POST",
            "/api/watchlists",
            Some(&serde_json::json!({"name": "x", "zones": ["country:AF"],
                "rules": [{"kind": "match"}], "notify": {"webhooks": [url]}})),
        );
        assert_eq!(code, 400, "{url}: {body}");
        assert!(
            body["error"]["message"]
                .as_str()
                .unwrap()
                .contains("webhook refused")
        );
    }
    drop(server);
    assert!(
        run(["watch", "list", "--data", d]).stdout.trim().is_empty(),
        "a refused watchlist was kept"
    );
    assert!(
        seen.recv_timeout(Duration::from_millis(500)).is_err(),
        "the loopback listener was contacted"
    );
    // allowed explicitly (as the tests of delivery do), it is reached
    let mut c = beacon();
    c.env("BEACON_ALLOW_PRIVATE_URLS", "127.0.0.1").args([
        "watch",
        "add",
        "--data",
        d,
        "--name",
        "allowed",
        "--zone",
        "country:AF",
        "--rule",
        "match",
        "--webhook",
        &format!("http://127.0.0.1:{port}/hook"),
    ]);
    let o = c.output().unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    seen.recv_timeout(Duration::from_secs(10))
        .expect("the allowed receiver was posted to");
}

#[test]
fn demo_never_deletes_what_it_did_not_make() {
    let dir = tempfile::tempdir().unwrap();
    let mine = dir.path().join("beacon-data");
    let a = news(&dir.path().join("a.jsonl"), 0..2);
    ingest_json(&mine, &[&a]).expect_code(0);
    write(&mine.join("notes.txt"), "my notes");
    let before: BTreeSet<_> = std::fs::read_dir(&mine)
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    let r = run([
        "demo",
        "--no-serve",
        "--data",
        mine.to_str().unwrap(),
        "--seed",
        "/nonexistent",
    ]);
    assert_ne!(r.code, 0);
    assert!(r.stderr.contains("nothing was deleted"), "{}", r.stderr);
    let after: BTreeSet<_> = std::fs::read_dir(&mine)
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(before, after);
    assert_eq!(
        std::fs::read_to_string(mine.join("notes.txt")).unwrap(),
        "my notes"
    );
    assert_eq!(list_articles(&mine).len(), 6);

    // a demo store is made afresh, and only what the demo wrote goes
    let demo = dir.path().join("demo");
    let make = || {
        run([
            "demo",
            "--no-serve",
            "--data",
            demo.to_str().unwrap(),
            "--seed",
            "/nonexistent",
        ])
        .expect_code(0);
    };
    make();
    write(&demo.join("kept.txt"), "not the demo's");
    make();
    assert!(demo.join("kept.txt").is_file());
    // the six demo articles, the two it shares at different markings and
    // the two in the region's languages
    assert_eq!(list_articles(&demo).len(), 10);
}

#[test]
fn a_deleted_or_emptied_store_is_detected_and_its_index_rebuilt() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let d = data.to_str().unwrap();
    let a = news(&dir.path().join("a.jsonl"), 0..2);
    let b = news(&dir.path().join("b.jsonl"), 6..8);
    let hits = |q: &str| {
        let r = run(["search", "--data", d, q]);
        r.expect_code(0);
        r.jsonl().len()
    };
    ingest_json(&data, &[&a]).expect_code(0);
    assert!(hits("Kunduz") > 0);

    // deleted while search/ stays: a new store, and the index holds only it
    std::fs::remove_file(data.join("beacon.db")).unwrap();
    assert!(data.join("search").is_dir());
    ingest_json(&data, &[&b]).expect_code(0);
    assert_eq!(hits("Kunduz"), 0, "the stale index still answers");
    assert!(hits("Herat") > 0);

    // emptied: reported, never made again as a new store
    std::fs::write(data.join("beacon.db"), b"").unwrap();
    for args in [
        vec!["ingest", "--data", d, a.to_str().unwrap()],
        vec!["search", "--data", d, "Herat"],
        vec!["events", "--data", d],
    ] {
        let r = run(&args);
        assert_eq!(r.code, 1, "{args:?}: {}", r.stderr);
        assert!(r.stderr.contains("beacon.db is empty"), "{}", r.stderr);
        assert_eq!(std::fs::metadata(data.join("beacon.db")).unwrap().len(), 0);
    }
    let r = run(["check", "--data", d]);
    assert_eq!(r.code, 1);
    assert!(r.stdout.contains("empty"), "{}", r.stdout);
}

#[test]
fn a_damaged_store_is_named_once_with_what_to_do() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let d = data.to_str().unwrap();
    let a = news(&dir.path().join("a.jsonl"), 0..3);
    ingest_json(&data, &[&a]).expect_code(0);
    run(["check", "--data", d]).expect_code(0);
    // flip a byte inside every copy of a word the stored records hold
    let path = data.join("beacon.db");
    let mut bytes = std::fs::read(&path).unwrap();
    let word = b"Badakhshan";
    let mut flipped = 0;
    for i in 0..bytes.len().saturating_sub(word.len()) {
        if &bytes[i..i + word.len()] == word {
            bytes[i + 3] = 0xff;
            flipped += 1;
        }
    }
    assert!(flipped > 0);
    std::fs::write(&path, bytes).unwrap();
    let r = run(["stories", "--data", d, "--format", "jsonl"]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert_eq!(r.stderr.lines().count(), 1, "one message: {}", r.stderr);
    assert!(r.stderr.contains(path.to_str().unwrap()), "{}", r.stderr);
    assert!(r.stderr.contains("beacon check"), "{}", r.stderr);
    assert_eq!(
        r.stderr.matches("UTF-8").count() + r.stderr.matches("utf-8").count(),
        1,
        "{}",
        r.stderr
    );
    let r = run(["check", "--data", d]);
    assert_eq!(r.code, 1, "{}", r.stdout);
    assert!(r.stdout.contains("damaged"), "{}", r.stdout);
    assert!(r.stdout.contains("not valid UTF-8"), "{}", r.stdout);
    assert!(r.stdout.contains("restore"), "{}", r.stdout);
}

#[cfg(unix)]
#[test]
fn a_fifo_in_an_input_directory_is_refused_and_the_rest_stored() {
    let dir = tempfile::tempdir().unwrap();
    let inputs = dir.path().join("in");
    news(&inputs.join("a.jsonl"), 0..2);
    news(&inputs.join("c.jsonl"), 2..4);
    let fifo = inputs.join("b.fifo");
    let made = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .expect("mkfifo runs");
    assert!(made.success());
    let data = dir.path().join("data");
    let mut child = beacon()
        .args(["ingest", "--summary", "json", "--data"])
        .arg(&data)
        .arg(&inputs)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let started = Instant::now();
    while child.try_wait().unwrap().is_none() {
        if started.elapsed() > Duration::from_secs(120) {
            let _ = child.kill();
            panic!("the ingest hangs on a FIFO");
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    let (code, summary, stderr) = finish(child);
    assert_eq!(code, 3, "{stderr}");
    assert_eq!(summary["stored"], 12, "{summary}");
    assert_eq!(
        summary["rejected_by_reason"]["unsupported_type"], 1,
        "{summary}"
    );
}

#[test]
fn a_19_mb_page_is_stored_in_bounded_memory() {
    let dir = tempfile::tempdir().unwrap();
    let mut page = String::from(
        "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>A long page</title></head><body><article>",
    );
    let mut n = 0;
    while page.len() < 19_000_000 {
        page.push_str("<p>");
        page.push_str(&prose(n));
        page.push_str("</p>\n");
        n += 1;
    }
    page.push_str("</article></body></html>");
    let path = write(&dir.path().join("long.html"), page);
    let data = dir.path().join("data");
    let r = ingest_json(&data, &[&path]);
    r.expect_code(0);
    let summary = r.json();
    assert_eq!(summary["stored"], 1, "{summary}");
    if let Some(peak) = summary["peak_mb"].as_f64() {
        assert!(peak < 200.0, "peak {peak} MB for a 19 MB page");
    }
    let a = &list_articles(&data)[0];
    assert!(
        a["chars"].as_u64().unwrap() > 15_000_000,
        "stored whole: {a}"
    );
    let shown = run([
        "articles",
        "show",
        a["id"].as_str().unwrap(),
        "--data",
        data.to_str().unwrap(),
        "--format",
        "json",
    ]);
    shown.expect_code(0);
    assert!(shown.stdout.contains("analysis_limited"));
}

/// A small deterministic generator (xorshift64*) for the random cases.
struct Rng(u64);

impl Rng {
    fn below(&mut self, n: usize) -> usize {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        (self.0.wrapping_mul(0x2545_F491_4F6C_DD1D) >> 33) as usize % n.max(1)
    }
}

/// A property over random interleavings of two writers: each runs one to
/// three ingests, one after another, of random (often overlapping) sets of
/// happenings, starting after random pauses; whatever the interleaving, the
/// store ends with exactly the stories, story events and alerts of the
/// same runs made one after another in the order they filed.
/// `BEACON_INTERLEAVINGS` sets how many cases (4 by default); each case's
/// seed is printed on failure.
#[test]
fn random_interleavings_of_two_writers_file_as_one_sequential_run() {
    let cases: u64 = std::env::var("BEACON_INTERLEAVINGS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(4);
    for seed in 1..=cases {
        let mut rng = Rng(0x9E37_79B9_7F4A_7C15 ^ seed);
        let dir = tempfile::tempdir().unwrap();
        // each writer's runs: (input, pause before it in ms)
        let mut writers: Vec<Vec<(PathBuf, u64)>> = Vec::new();
        for w in 0..2 {
            let runs = 1 + rng.below(3);
            let mut list = Vec::new();
            for r in 0..runs {
                let from = rng.below(10);
                let len = 1 + rng.below(4);
                let input = news(
                    &dir.path().join(format!("w{w}-r{r}.jsonl")),
                    from..from + len,
                );
                list.push((input, rng.below(400) as u64));
            }
            writers.push(list);
        }
        let data = dir.path().join("at-once");
        watch(&data);
        let threads: Vec<_> = writers
            .iter()
            .cloned()
            .map(|runs| {
                let data = data.clone();
                std::thread::spawn(move || {
                    for (input, pause) in runs {
                        std::thread::sleep(Duration::from_millis(pause));
                        let (code, _, stderr) = finish(ingest_child(&data, &input));
                        assert_eq!(code, 0, "{stderr}");
                    }
                })
            })
            .collect();
        for t in threads {
            t.join().expect("a writer failed");
        }
        let all: Vec<PathBuf> = writers.iter().flatten().map(|(p, _)| p.clone()).collect();
        let order = filing_order(&data, &all);
        let sequential = dir.path().join("sequential");
        watch(&sequential);
        for input in &order {
            ingest_json(&sequential, &[input]).expect_code(0);
        }
        let (got, want) = (filed(&data), filed(&sequential));
        // every stored article is in exactly one story
        let stored = list_articles(&data).len();
        let in_stories: usize = got.stories.iter().map(Vec::len).sum();
        assert_eq!(stored, in_stories, "seed {seed}");
        assert_eq!(
            got, want,
            "seed {seed}: runs {writers:?}, filed in order {order:?}"
        );
    }
}
