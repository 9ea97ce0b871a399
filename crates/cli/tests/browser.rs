//! The dashboard in real headless Chromium, driven over the DevTools
//! protocol: `beacon demo` builds its store (the worked example, the demo
//! articles and a hostile one), `beacon serve` serves it, and the browser
//! sees the map draw the events, opens one and reads its evidence, finds the
//! alert that the anticipated assault on Central Asia raised on the
//! Afghanistan-northern-border watchlist quoting its evidence sentence,
//! acknowledges it, and opens the hostile article, whose `<script>` and
//! `onerror=` run nothing. A screenshot of the map is kept in
//! `target/browser-artifacts/`.
//!
//! Needs Debian's `chromium` (`.ci/run` installs it) and the worked example
//! in `../shared/data/seed/`. Without them the test says so and passes,
//! unless `BEACON_REQUIRE_BROWSER=1` (as in CI), when it fails.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::{Value, json};

use crate::util::*;

/// Kills a child process when dropped (a failed assertion leaves nothing running).
struct Killed(Child);

impl Drop for Killed {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn required() -> bool {
    std::env::var("BEACON_REQUIRE_BROWSER").is_ok_and(|v| v == "1")
}

fn chromium() -> Option<PathBuf> {
    ["chromium", "chromium-browser", "google-chrome"]
        .iter()
        .find_map(|name| {
            std::env::var_os("PATH").and_then(|paths| {
                std::env::split_paths(&paths)
                    .map(|p| p.join(name))
                    .find(|p| p.is_file())
            })
        })
}

/// A plain HTTP/1.1 GET on loopback: (status, body). Reads the body by
/// its Content-Length (DevTools keeps the connection open), else to the end.
fn http_get(addr: &str, path: &str) -> (u16, String) {
    let mut s = TcpStream::connect(addr).expect("connect");
    s.set_read_timeout(Some(Duration::from_secs(30))).unwrap();
    write!(
        s,
        "GET {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut r = BufReader::new(s);
    let mut status_line = String::new();
    r.read_line(&mut status_line).expect("a status line");
    let status = status_line
        .split_whitespace()
        .nth(1)
        .and_then(|c| c.parse().ok())
        .unwrap_or(0);
    let mut length = None;
    loop {
        let mut h = String::new();
        r.read_line(&mut h).expect("a header");
        let h = h.trim_end();
        if h.is_empty() {
            break;
        }
        if let Some((k, v)) = h.split_once(':')
            && k.eq_ignore_ascii_case("content-length")
        {
            length = v.trim().parse::<usize>().ok();
        }
    }
    let mut body = Vec::new();
    match length {
        Some(n) => {
            body.resize(n, 0);
            r.read_exact(&mut body).expect("the body");
        }
        None => {
            r.read_to_end(&mut body).expect("the body");
        }
    }
    (status, String::from_utf8_lossy(&body).into_owned())
}

/// A DevTools protocol session on one page.
struct Cdp {
    ws: tungstenite::WebSocket<TcpStream>,
    next: u64,
    /// Exceptions thrown in the page and console errors, as text.
    problems: Vec<String>,
}

impl Cdp {
    fn call(&mut self, method: &str, params: Value) -> Value {
        self.next += 1;
        let id = self.next;
        let msg = json!({"id": id, "method": method, "params": params}).to_string();
        self.ws.send(tungstenite::Message::text(msg)).expect("send");
        loop {
            let m = self.ws.read().expect("a DevTools message");
            let Ok(text) = m.to_text() else { continue };
            let v: Value = serde_json::from_str(text).unwrap_or(Value::Null);
            if v["id"] == json!(id) {
                assert!(v.get("error").is_none(), "{method}: {v}");
                return v["result"].clone();
            }
            match v["method"].as_str() {
                Some("Runtime.exceptionThrown") => self
                    .problems
                    .push(v["params"]["exceptionDetails"].to_string()),
                Some("Runtime.consoleAPICalled") if v["params"]["type"] == "error" => {
                    self.problems.push(v["params"]["args"].to_string())
                }
                Some("Log.entryAdded") if v["params"]["entry"]["level"] == "error" => {
                    self.problems.push(v["params"]["entry"]["text"].to_string())
                }
                _ => {}
            }
        }
    }

    /// Evaluates a JavaScript expression in the page; its JSON value.
    fn eval(&mut self, js: &str) -> Value {
        let r = self.call(
            "Runtime.evaluate",
            json!({"expression": js, "returnByValue": true, "awaitPromise": true}),
        );
        assert!(
            r.get("exceptionDetails").is_none(),
            "{js}: {}",
            r["exceptionDetails"]
        );
        r["result"]["value"].clone()
    }

    /// Waits (up to 20 s) until `js` is truthy.
    fn wait_for(&mut self, js: &str, what: &str) {
        let start = Instant::now();
        loop {
            let v = self.eval(&format!("!!({js})"));
            if v == json!(true) {
                return;
            }
            assert!(
                start.elapsed() < Duration::from_secs(20),
                "waited 20 s for {what} ({js}); problems: {:?}",
                self.problems
            );
            std::thread::sleep(Duration::from_millis(100));
        }
    }
}

fn base64_decode(s: &str) -> Vec<u8> {
    let val = |c: u8| match c {
        b'A'..=b'Z' => c - b'A',
        b'a'..=b'z' => c - b'a' + 26,
        b'0'..=b'9' => c - b'0' + 52,
        b'+' => 62,
        _ => 63,
    };
    let bytes: Vec<u8> = s
        .bytes()
        .filter(|&c| c != b'=' && !c.is_ascii_whitespace())
        .collect();
    let mut out = Vec::with_capacity(bytes.len() * 3 / 4);
    for chunk in bytes.chunks(4) {
        let n = chunk.iter().enumerate().fold(0u32, |acc, (i, &c)| {
            acc | (u32::from(val(c)) << (18 - 6 * i))
        });
        out.extend_from_slice(&n.to_be_bytes()[1..chunk.len()]);
    }
    out
}

fn artifacts() -> PathBuf {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../target/browser-artifacts");
    std::fs::create_dir_all(&dir).expect("an artefacts directory");
    dir
}

#[test]
// one user's walk through the dashboard, step by step (STYLE's limit is on
// code outside tests)
#[allow(clippy::too_many_lines)]
fn dashboard_in_headless_chromium() {
    let (Some(browser), Some(seed)) = (chromium(), seed()) else {
        assert!(
            !required(),
            "BEACON_REQUIRE_BROWSER=1 but chromium or ../shared/data/seed is missing"
        );
        eprintln!("skipped: no chromium on PATH, or no ../shared/data/seed");
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("demo");
    let hostile = write(
        &dir.path().join("hostile.jsonl"),
        format!(
            "{}\n",
            json!({
                "url": "https://hostile.invalid/story",
                "title": "Hostile <script>window.__pwned = 'title'</script>",
                "published": "2015-10-25",
                "text": "Gunmen attacked a border post near Termez on Sunday, wounding two guards, officials said. \
                         <script>window.__pwned = 'script'</script> <img src=x onerror=\"window.__pwned = 'img'\"> \
                         The attackers fled across the river.",
            })
        ),
    );
    run([
        "demo".as_ref(),
        "--no-serve".as_ref(),
        "--data".as_ref(),
        data.as_os_str(),
        "--seed".as_ref(),
        seed.parent().expect("the seed's folder").as_os_str(),
        "--with".as_ref(),
        hostile.as_os_str(),
    ])
    .expect_code(0);
    // a partner's MISP event whose every field is hostile
    let feed = dir.path().join("feed");
    let uuid = "5f6b2c1e-0000-4000-8000-000000000001";
    write(
        &feed.join(format!("{uuid}.json")),
        json!({"Event": {
            "uuid": uuid, "info": "Partner <img src=x onerror=\"window.__pwned = 'misp'\">",
            "date": "2015-10-26", "timestamp": "1445817600", "Orgc": {"name": "<b>ngo</b>"},
            "Tag": [{"name": "tlp:amber"}],
            "Attribute": [{"type": "text", "category": "Other", "value": "<script>window.__pwned = 'attr'</script>",
                           "comment": "ASSAULT · occurred · place <i>Termez</i> (UZ)"}],
        }})
        .to_string(),
    );
    write(
        &feed.join("manifest.json"),
        format!("{{\"{uuid}\": {{\"info\": \"x\"}}}}"),
    );
    run([
        "partners".as_ref(),
        "import-misp".as_ref(),
        feed.as_os_str(),
        "--org".as_ref(),
        "ngo".as_ref(),
        "--data".as_ref(),
        data.as_os_str(),
    ])
    .expect_code(0);

    eprintln!("demo store built");
    // the server, on a free port
    let mut server = beacon()
        .args(["serve", "--addr", "127.0.0.1:0", "--data"])
        .arg(&data)
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .expect("beacon serve");
    let mut line = String::new();
    BufReader::new(server.stdout.take().unwrap())
        .read_line(&mut line)
        .expect("the URL line");
    let _server = Killed(server);
    let url = line.trim().rsplit(' ').next().expect("a URL").to_string();
    let addr = url
        .trim_start_matches("http://")
        .trim_end_matches('/')
        .to_string();

    eprintln!("serving {url}");
    // what the API says, to check the page against
    let (status, body) = http_get(&addr, "/api/alerts?status=all&limit=100");
    assert_eq!(status, 200, "{body}");
    let alerts: Value = serde_json::from_str(&body).expect("alerts JSON");
    let warning = alerts["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| {
            a["explanation"]["events"]
                .as_array()
                .unwrap()
                .iter()
                .any(|e| {
                    e["modality"] == "anticipated"
                        && e["evidence"]
                            .as_str()
                            .unwrap()
                            .contains("may invade central Asia")
                })
        })
        .unwrap_or_else(|| panic!("no alert on the anticipated assault: {body}"))
        .clone();
    assert_eq!(warning["watchlist_id"], "wl-af-north");
    let alert_id = warning["id"].as_str().unwrap().to_string();

    // the browser
    let profile = dir.path().join("chromium");
    let mut chrome = Command::new(browser)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--remote-debugging-port=0",
            "--window-size=1280,800",
        ])
        .arg(format!("--user-data-dir={}", profile.display()))
        .arg("about:blank")
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("chromium");
    let stderr = BufReader::new(chrome.stderr.take().unwrap());
    let _chrome = Killed(chrome);
    let mut devtools = None;
    let mut lines = stderr.lines();
    for line in lines.by_ref() {
        let line = line.expect("chromium's stderr");
        if let Some(ws) = line.strip_prefix("DevTools listening on ") {
            devtools = Some(ws.trim().to_string());
            break;
        }
    }
    let devtools = devtools.expect("chromium's DevTools address");
    eprintln!("chromium at {devtools}");
    // keep reading chromium's stderr, so that it never writes to a closed pipe
    std::thread::spawn(move || for _ in lines {});
    let dt_addr = devtools
        .trim_start_matches("ws://")
        .split('/')
        .next()
        .unwrap()
        .to_string();
    let (_, targets) = http_get(&dt_addr, "/json/list");
    let targets: Value = serde_json::from_str(&targets).expect("DevTools targets");
    let page_ws = targets
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["type"] == "page")
        .and_then(|t| t["webSocketDebuggerUrl"].as_str())
        .expect("a page")
        .to_string();
    let stream = TcpStream::connect(&dt_addr).expect("DevTools socket");
    stream
        .set_read_timeout(Some(Duration::from_secs(30)))
        .unwrap();
    let (ws, _) =
        tungstenite::client::client(page_ws.as_str(), stream).expect("DevTools handshake");
    let mut cdp = Cdp {
        ws,
        next: 0,
        problems: Vec::new(),
    };
    cdp.call("Runtime.enable", json!({}));
    cdp.call("Log.enable", json!({}));
    cdp.call("Page.enable", json!({}));
    cdp.call("Page.navigate", json!({"url": url}));
    eprintln!("page opened");

    // the map draws the events
    cdp.wait_for(
        "document.querySelectorAll('.event-point, .event-cluster').length > 0",
        "the map's events",
    );
    cdp.wait_for(
        "/^\\d+ events$/.test(document.querySelector('#status').textContent)",
        "the status",
    );
    assert!(
        cdp.eval("document.querySelectorAll('#map .country').length")
            .as_u64()
            .unwrap()
            > 100
    );
    // every event in the list names its sources (the Sources column)
    cdp.eval("location.hash = '#/events'; true");
    cdp.wait_for(
        "document.querySelectorAll('#events-body .event-row').length > 0",
        "the list of events",
    );
    assert_eq!(
        cdp.eval(
            "[...document.querySelectorAll('#events-body .event-row')]
                 .filter(r => !(Number(r.lastElementChild.textContent) > 0)).length"
        ),
        json!(0),
        "an event whose Sources column is 0"
    );
    cdp.eval("location.hash = '#/map'; true");
    cdp.wait_for(
        "document.querySelectorAll('.event-point, .event-cluster').length > 0",
        "the map's events again",
    );
    let shot = cdp.call("Page.captureScreenshot", json!({"format": "png"}));
    let png = base64_decode(shot["data"].as_str().expect("a screenshot"));
    assert!(png.starts_with(b"\x89PNG"), "a PNG");
    std::fs::write(artifacts().join("dashboard-map.png"), png).unwrap();

    // open an event: a point, or a cluster's first event
    cdp.eval(
        "(() => { const p = document.querySelector('.event-point') || document.querySelector('.event-cluster');
                 p.dispatchEvent(new MouseEvent('click', {bubbles: true})); return true; })()",
    );
    cdp.wait_for(
        "(() => { const p = document.querySelector('.event-point');
                 if (!document.querySelector('#event-card .evidence') && p) p.dispatchEvent(new MouseEvent('click', {bubbles: true}));
                 const e = document.querySelector('#event-card .evidence');
                 return e && e.textContent.trim().length > 20; })()",
        "an event card with its evidence",
    );
    let evidence = cdp.eval("document.querySelector('#event-card .evidence').textContent.trim()");
    let (_, events) = http_get(&addr, "/api/events?limit=1000");
    let events: Value = serde_json::from_str(&events).unwrap();
    let known = events["items"].as_array().unwrap().iter().any(|e| {
        evidence
            .as_str()
            .is_some_and(|t| t.contains(e["event"]["evidence"]["text"].as_str().unwrap()))
    });
    assert!(known, "the card's evidence is no event's: {evidence}");

    // review it from the card: confirm with a note whose text is hostile
    let card_id = cdp.eval("document.querySelector('#event-card').getAttribute('data-id')");
    let card_id = card_id.as_str().expect("the card's event id").to_owned();
    cdp.eval(
        "(() => { const n = document.querySelector('#event-card .review-note');
                 n.value = 'seen <img src=x onerror=\"window.__pwned = 1\">'; return true; })()",
    );
    cdp.eval("document.querySelector('#event-card .review-confirm').click(); true");
    cdp.wait_for(
        "document.querySelector('#event-card .badge.review-confirmed') !== null",
        "the card showing the event confirmed",
    );
    let (_, body) = http_get(&addr, &format!("/api/events/{card_id}/review"));
    let h: Value = serde_json::from_str(&body).expect("the review");
    assert_eq!(h["event"]["review"]["status"], "confirmed", "{body}");
    assert_eq!(h["history"][0]["by"], "analyst");
    assert!(
        h["history"][0]["note"]
            .as_str()
            .unwrap_or("")
            .contains("onerror")
    );
    assert_eq!(cdp.eval("window.__pwned === undefined"), json!(true));

    // the alert on the anticipated assault, quoting its sentence; acknowledge it
    cdp.eval("location.hash = '#/alerts'; true");
    cdp.eval(
        "(() => { const s = document.querySelector('#alert-status'); s.value = 'all';
                 s.dispatchEvent(new Event('change', {bubbles: true})); return true; })()",
    );
    let item = format!(
        "document.querySelector('.alert-item[data-id=\"{}\"]')",
        alert_id.replace('"', "\\\"")
    );
    cdp.wait_for(&item, "the alert in the inbox");
    let quoted = cdp.eval(&format!(
        "Array.from({item}.querySelectorAll('.evidence')).map(e => e.textContent).join(' | ')"
    ));
    assert!(
        quoted.as_str().unwrap().contains("may invade central Asia"),
        "the alert does not quote the evidence: {quoted}"
    );
    cdp.eval("(() => { const n = document.querySelector('#analyst-name'); n.value = 'browser-test'; n.dispatchEvent(new Event('input', {bubbles: true})); return true; })()");
    cdp.eval(&format!(
        "{item}.querySelector('.ack-button').click(); true"
    ));
    cdp.wait_for(
        &format!("{item} && {item}.getAttribute('data-status') === 'acknowledged'"),
        "the alert acknowledged",
    );
    let (_, body) = http_get(
        &addr,
        &format!("/api/alerts/{}", alert_id.replace(':', "%3A")),
    );
    let stored: Value = serde_json::from_str(&body).expect("the alert");
    assert_eq!(stored["status"], "acknowledged", "{body}");
    assert_eq!(stored["acknowledged_by"], "browser-test");

    // what partners brought: the hostile MISP event shown as text
    cdp.eval("location.hash = '#/partners'; true");
    cdp.wait_for(
        "document.querySelector('#partners-rows') && document.querySelector('#partners-rows').textContent.includes('onerror')",
        "the partner's event",
    );
    let row = cdp.eval("document.querySelector('#partners-rows').textContent");
    assert!(row.as_str().unwrap_or("").contains("TLP:AMBER"), "{row}");
    assert!(
        row.as_str()
            .unwrap_or("")
            .contains("ASSAULT in <i>Termez</i>"),
        "{row}"
    );
    assert_eq!(
        cdp.eval("document.querySelectorAll('#partners-rows img, #partners-rows script, #partners-rows i').length"),
        json!(0)
    );

    // the sources tab: a source added through the API, its hostile name
    // shown as text, pausable from the page
    let port: u16 = addr
        .rsplit(':')
        .next()
        .and_then(|p| p.parse().ok())
        .expect("a port");
    let (status, made) = crate::util::http(
        port,
        "POST",
        "/api/sources",
        Some(
            &json!({"name": "Hostile <img src=x onerror=\"window.__pwned = 'source'\">",
                     "url": "https://hostile.invalid/feed", "languages": ["fa"]}),
        ),
    );
    assert_eq!(status, 201, "{made}");
    cdp.eval("location.hash = '#/sources'; true");
    cdp.wait_for(
        "document.querySelector('#sources-rows') && document.querySelector('#sources-rows').textContent.includes('onerror')",
        "the source's row",
    );
    assert_eq!(
        cdp.eval("document.querySelectorAll('#sources-rows img').length"),
        json!(0)
    );
    cdp.eval("document.querySelector('#sources-rows button').click(); true");
    cdp.wait_for(
        "document.querySelector('#sources-rows') && document.querySelector('#sources-rows').textContent.includes('paused')",
        "the source paused",
    );

    // the hostile article: its text shows, its markup runs nothing
    let (_, found) = http_get(&addr, "/api/search?q=attackers+fled&scope=articles");
    let found: Value = serde_json::from_str(&found).unwrap();
    let hostile_id = found["hits"][0]["id"]
        .as_str()
        .expect("the hostile article")
        .to_string();
    cdp.eval(&format!("location.hash = '#/article/{hostile_id}'; true"));
    cdp.wait_for(
        "document.querySelector('#article-text') && document.querySelector('#article-text').textContent.includes('<script>')",
        "the hostile article's text",
    );
    cdp.eval("location.hash = '#/search?q=attackers'; true");
    cdp.wait_for(
        "document.querySelectorAll('.search-hit').length > 0",
        "search hits",
    );
    std::thread::sleep(Duration::from_millis(300));
    assert_eq!(
        cdp.eval("typeof window.__pwned"),
        json!("undefined"),
        "hostile markup ran"
    );
    assert_eq!(
        cdp.eval("document.querySelectorAll('#article-text script, #article-text img, .search-hit img, .search-hit script').length"),
        json!(0)
    );
    let shot = cdp.call("Page.captureScreenshot", json!({"format": "png"}));
    std::fs::write(
        artifacts().join("dashboard-search.png"),
        base64_decode(shot["data"].as_str().unwrap()),
    )
    .unwrap();
    assert!(
        cdp.problems.is_empty(),
        "errors in the page: {:?}",
        cdp.problems
    );
}
