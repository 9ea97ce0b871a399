//! The API over real HTTP on loopback, on a store with an alert in it.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpStream};

use beacon_model::{AlertStatus, Event, EventReport, Rule, Story, StoryEvent, Watchlist};
use beacon_store::Store;
use serde_json::{Value, json};

use super::*;

/// Starts a server on a free loopback port over `data`; its address.
fn start(data: PathBuf, token: Option<String>) -> SocketAddr {
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let rt = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .expect("a runtime");
        rt.block_on(async move {
            let (addr, server) = bind(Config {
                data,
                addr: "127.0.0.1:0".parse().expect("an address"),
                token,
                metrics: None,
            })
            .await
            .expect("bound");
            tx.send(addr).expect("sent");
            server.await.expect("served");
        });
    });
    rx.recv().expect("the address")
}

/// One HTTP/1.1 request: (status, headers lower-cased, body).
fn request(
    addr: SocketAddr,
    method: &str,
    path: &str,
    body: Option<&str>,
    auth: Option<&str>,
) -> (u16, String, String) {
    let mut s = TcpStream::connect(addr).expect("connect");
    let mut head = format!("{method} {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n");
    if let Some(t) = auth {
        head.push_str(&format!("Authorization: Bearer {t}\r\n"));
    }
    if let Some(b) = body {
        head.push_str(&format!(
            "Content-Type: application/json\r\nContent-Length: {}\r\n",
            b.len()
        ));
    }
    head.push_str("\r\n");
    s.write_all(head.as_bytes()).expect("written");
    if let Some(b) = body {
        s.write_all(b.as_bytes()).expect("written");
    }
    let mut r = BufReader::new(s);
    let mut status = String::new();
    r.read_line(&mut status).expect("a status line");
    let mut headers = String::new();
    loop {
        let mut h = String::new();
        r.read_line(&mut h).expect("a header");
        if h.trim().is_empty() {
            break;
        }
        headers.push_str(&h.to_lowercase());
    }
    let mut rest = String::new();
    r.read_to_string(&mut rest).expect("a body");
    let code = status
        .split_whitespace()
        .nth(1)
        .and_then(|c| c.parse().ok())
        .unwrap_or(0);
    (code, headers, rest)
}

fn get(addr: SocketAddr, path: &str) -> (u16, Value) {
    let (code, _, body) = request(addr, "GET", path, None, None);
    (
        code,
        serde_json::from_str(&body).unwrap_or(Value::String(body)),
    )
}

/// A store with one story (an anticipated assault placed in Central Asia)
/// and a watchlist on Afghanistan's northern border that has raised its alert.
fn store() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("a directory");
    let data = dir.path().join("data");
    let mut store = Store::open(&data).expect("a store");
    let event: Event = serde_json::from_value(json!({
        "id": "s1-e1", "type": "FIGHT", "modality": "anticipated", "historical": false,
        "actor": [{"text": "Taliban", "id": "actor:taliban", "start": 0, "end": 7}], "target": [],
        "location": {"name": "Central Asia", "lat": 41.0, "lon": 64.0, "precision": "region",
                     "zone": "region:central-asia", "basis": "clause"},
        "date": {"value": "2015-10-28", "precision": "day", "basis": "published"},
        "evidence": {"text": "Taliban fighters may invade central Asia <script>alert(1)</script>.", "start": 0, "end": 60},
        "confidence": 0.9, "article_id": "a1",
    }))
    .expect("an event");
    let story = Story {
        id: "s1".into(),
        title: Some("Warning".into()),
        first_seen: Some("2015-10-28".into()),
        last_seen: Some("2015-10-28".into()),
        sources: vec!["khaama.com".into()],
        article_ids: vec!["a1".into()],
        events: vec![StoryEvent {
            event,
            sources: vec!["khaama.com".into()],
            reports: vec![EventReport {
                article_id: "a1".into(),
                source: Some("khaama.com".into()),
                published: Some("2015-10-28".into()),
                fatalities: None,
                injured: None,
            }],
            marking: Default::default(),
            review: None,
        }],
        marking: Default::default(),
    };
    let doc = beacon_model::Document::from_text("a1", "Taliban fighters may invade central Asia.");
    let article =
        beacon_model::Article::from_text("a1", "Taliban fighters may invade central Asia.");
    store.put(&doc, Some(&article)).expect("put");
    store.put_story(&story, "a1").expect("a story");
    let w = Watchlist {
        zones: vec!["border:af-north".parse().expect("a zone id")],
        rules: vec![Rule::Match {}],
        ..Watchlist::new("wl-af-north", "Afghanistan's northern border")
    };
    store.put_watchlist(&w).expect("a watchlist");
    let g = beacon_gazetteer::Gazetteer::load().expect("the gazetteer");
    let new = beacon_watch::run(&mut store, &g, "2026-11-29T00:00:00Z").expect("watched");
    assert_eq!(new.len(), 1);
    (dir, data)
}

#[test]
fn every_route_in_the_openapi_document_is_served() {
    let (_dir, data) = store();
    let addr = start(data, None);
    let (code, doc) = get(addr, "/api/openapi.json");
    assert_eq!(code, 200);
    let paths = doc["paths"].as_object().expect("paths");
    let mut operations = 0;
    for (path, methods) in paths {
        for (method, op) in methods.as_object().expect("methods") {
            operations += 1;
            assert!(op["operationId"].is_string());
            let concrete = path
                .replace("{id}", "wl-af-north")
                .replace("/api/articles/wl-af-north", "/api/articles/a1")
                .replace("/api/alerts/wl-af-north", "/api/alerts/none")
                .replace("/api/zones/wl-af-north", "/api/zones/custom:none");
            let query = if concrete == "/api/timeline" {
                "?zone=border:af-north"
            } else {
                ""
            };
            let body = matches!(method.as_str(), "post" | "put").then_some("{}");
            let (code, _, text) = request(
                addr,
                &method.to_uppercase(),
                &format!("{concrete}{query}"),
                body,
                None,
            );
            // a route that exists answers with anything but 404-no-route or 405
            assert_ne!(code, 405, "{method} {path}: {text}");
            assert!(
                code != 404 || text.contains("\"not_found\"") && !text.contains("no such route"),
                "{method} {path} is not served: {code} {text}"
            );
        }
    }
    assert_eq!(operations, ROUTES.len());
    // and nothing is served that the document does not list
    let (code, body) = get(addr, "/api/nothing");
    assert_eq!(code, 404);
    assert_eq!(body["error"]["code"], "not_found");
}

#[test]
fn alerts_move_along_their_life_and_errors_are_json() {
    let (_dir, data) = store();
    let addr = start(data, None);
    let (code, list) = get(addr, "/api/alerts?status=new");
    assert_eq!(code, 200);
    assert_eq!(list["total"], 1);
    let alert = &list["items"][0];
    assert!(
        alert["explanation"]["events"][0]["evidence"]
            .as_str()
            .unwrap()
            .contains("may invade central Asia")
    );
    let id = alert["id"].as_str().unwrap().replace(':', "%3A");
    let (code, _, body) = request(
        addr,
        "POST",
        &format!("/api/alerts/{id}/acknowledge"),
        Some("{}"),
        None,
    );
    assert_eq!(code, 400, "{body}");
    assert!(body.contains("\"bad_request\""));
    let (code, _, body) = request(
        addr,
        "POST",
        &format!("/api/alerts/{id}/acknowledge"),
        Some(r#"{"by":"maria"}"#),
        None,
    );
    assert_eq!(code, 200, "{body}");
    let a: beacon_model::Alert = serde_json::from_str(&body).expect("an alert");
    assert_eq!(a.status, AlertStatus::Acknowledged);
    assert_eq!(a.acknowledged_by.as_deref(), Some("maria"));
    let (code, _, _) = request(
        addr,
        "POST",
        &format!("/api/alerts/{id}/close"),
        Some(r#"{"by":"maria"}"#),
        None,
    );
    assert_eq!(code, 200);
    // closed stays closed
    let (code, _, body) = request(
        addr,
        "POST",
        &format!("/api/alerts/{id}/acknowledge"),
        Some(r#"{"by":"maria"}"#),
        None,
    );
    assert_eq!(code, 409, "{body}");
    assert!(body.contains("\"conflict\""));
    // the zone's timeline counts its event on its day, with the alert marked
    let (code, t) = get(addr, "/api/timeline?zone=border:af-north&days=10");
    assert_eq!(code, 200, "{t}");
    let days = t["days"].as_array().unwrap();
    assert_eq!(days.len(), 10);
    assert_eq!(days[9], json!({"date": "2015-10-28", "count": 1}));
    assert_eq!(t["alerts"][0]["date"], "2015-10-28");
    // filters are checked
    let (code, body) = get(addr, "/api/events?since=yesterday");
    assert_eq!(code, 400);
    assert_eq!(body["error"]["code"], "bad_parameter");
    assert_eq!(body["error"]["param"], "since");
    let (code, body) = get(addr, "/api/events?min_relevance=2");
    assert_eq!(code, 400, "{body}");
    let (code, body) = get(addr, "/api/events?min_relevance=0");
    assert_eq!(code, 200, "{body}");
    let (code, body) = get(
        addr,
        "/api/events?zone=region:central-asia&modality=anticipated",
    );
    assert_eq!(code, 200);
    assert_eq!(body["total"], 1);
    // the feed escapes what it carries
    let (code, headers, feed) = request(
        addr,
        "GET",
        "/api/watchlists/wl-af-north/feed.atom",
        None,
        None,
    );
    assert_eq!(code, 200);
    assert!(headers.contains("application/atom+xml"));
    assert!(
        feed.contains("&lt;script&gt;") && !feed.contains("<script>"),
        "{feed}"
    );
}

#[test]
fn every_response_carries_the_security_policy() {
    let (_dir, data) = store();
    let addr = start(data, None);
    for path in ["/", "/assets/app.js", "/api/events", "/api/nothing"] {
        let (_, headers, _) = request(addr, "GET", path, None, None);
        assert!(
            headers.contains("content-security-policy: default-src 'none'; script-src 'self'"),
            "{path}: {headers}"
        );
        assert!(headers.contains("x-frame-options: deny"));
    }
    let (_, _, page) = request(addr, "GET", "/", None, None);
    let handler = page.match_indices(" on").any(|(i, _)| {
        let rest = &page[i + 3..];
        let name: String = rest.chars().take_while(char::is_ascii_alphabetic).collect();
        !name.is_empty() && rest[name.len()..].starts_with('=')
    });
    assert!(
        !page.contains("<script>") && !handler,
        "inline script or handler in the page"
    );
}

#[test]
fn a_token_guards_the_api_and_is_required_off_loopback() {
    let (_dir, data) = store();
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    let refused = rt.block_on(bind(Config {
        data: data.clone(),
        addr: "0.0.0.0:0".parse().unwrap(),
        token: None,
        metrics: None,
    }));
    assert!(matches!(refused, Err(ServeError::NeedsToken(_))));
    let addr = start(data, Some("s3cret-token".into()));
    let (code, _, body) = request(addr, "GET", "/api/events", None, None);
    assert_eq!(code, 401, "{body}");
    assert!(body.contains("\"unauthorized\""));
    let (code, _, _) = request(addr, "GET", "/api/events", None, Some("wrong"));
    assert_eq!(code, 401);
    let (code, _, _) = request(addr, "GET", "/api/events", None, Some("s3cret-token"));
    assert_eq!(code, 200);
    let (code, headers, _) = request(addr, "GET", "/login?token=s3cret-token", None, None);
    assert_eq!(code, 303);
    assert!(headers.contains("set-cookie: beacon_token=s3cret-token; httponly; samesite=strict"));
}

#[test]
fn an_uploaded_zone_is_listed_and_watched() {
    let (_dir, data) = store();
    let addr = start(data, None);
    let square = r#"{"id": "central", "name": "Central Asia box", "geojson": {"type": "Polygon",
        "coordinates": [[[55, 35], [75, 35], [75, 45], [55, 45], [55, 35]]]}}"#;
    let (code, _, body) = request(addr, "POST", "/api/zones", Some(square), None);
    assert_eq!(code, 201, "{body}");
    // a zone as /api/zones lists it
    let listed = |id: &str| -> Value {
        let (_, zones) = get(addr, "/api/zones");
        zones["items"]
            .as_array()
            .unwrap()
            .iter()
            .find(|z| z["id"] == id)
            .cloned()
            .unwrap_or_else(|| panic!("{id} is not listed: {zones}"))
    };
    let z = listed("custom:central");
    assert_eq!(z["geometry"]["type"], "MultiPolygon");
    assert_eq!(z["geometry"]["coordinates"].as_array().unwrap().len(), 1);
    let w = r#"{"name": "Box", "zones": ["custom:central"], "rules": [{"kind": "match"}]}"#;
    let (code, _, body) = request(addr, "POST", "/api/watchlists", Some(w), None);
    assert_eq!(code, 201, "{body}");
    let v: Value = serde_json::from_str(&body).unwrap();
    assert_eq!(v["new_alerts"], 1, "{body}");
    let point = r#"{"id": "x", "geojson": {"type": "Point", "coordinates": [1, 2]}}"#;
    let (code, _, body) = request(addr, "POST", "/api/zones", Some(point), None);
    assert_eq!(code, 400, "{body}");
    // a zone a watchlist watches stays until the watchlist goes
    let (code, _, body) = request(addr, "DELETE", "/api/zones/custom:central", None, None);
    assert_eq!(code, 409, "{body}");
    assert!(
        body.contains("\"in_use\"") && body.contains("wl-box"),
        "{body}"
    );
    let (code, _, _) = request(addr, "DELETE", "/api/watchlists/wl-box", None, None);
    assert_eq!(code, 200);
    let (code, _, _) = request(addr, "DELETE", "/api/zones/custom:central", None, None);
    assert_eq!(code, 200);
    // every feature of a collection is watched and shown
    let two = r#"{"id": "two", "geojson": {"type": "FeatureCollection", "features": [
        {"type": "Feature", "geometry": {"type": "Polygon", "coordinates": [[[60, 35], [61, 35], [61, 36], [60, 35]]]}},
        {"type": "Feature", "geometry": {"type": "Polygon", "coordinates": [[[70, 35], [71, 35], [71, 36], [70, 35]]]}}]}}"#;
    let (code, _, body) = request(addr, "POST", "/api/zones", Some(two), None);
    assert_eq!(code, 201, "{body}");
    let z = listed("custom:two");
    assert_eq!(z["geometry"]["coordinates"].as_array().unwrap().len(), 2);
    // an unknown zone has no timeline
    let (code, body) = get(addr, "/api/timeline?zone=custom:nowhere");
    assert_eq!(code, 404, "{body}");
    let (code, body) = get(addr, "/api/timeline?zone=planet:mars");
    assert_eq!(
        (code, body["error"]["param"].as_str()),
        (400, Some("zone")),
        "{body}"
    );
}

#[test]
fn without_a_token_only_localhost_names_are_answered() {
    let (_dir, data) = store();
    let addr = start(data, None);
    // a page elsewhere, its name rebound to 127.0.0.1, sends its own Host
    let mut s = TcpStream::connect(addr).expect("connect");
    write!(
        s,
        "GET /api/events HTTP/1.1\r\nHost: attacker.example:{}\r\nConnection: close\r\n\r\n",
        addr.port()
    )
    .unwrap();
    let mut out = String::new();
    s.read_to_string(&mut out).unwrap();
    assert!(out.starts_with("HTTP/1.1 421"), "{out}");
    assert!(out.contains("\"bad_host\""));
    let (code, _, _) = request(addr, "GET", "/api/events", None, None);
    assert_eq!(code, 200);
}

/// A request with a body of this media type, raw.
fn send(addr: SocketAddr, method: &str, path: &str, media: &str, body: &[u8]) -> (u16, Value) {
    let mut s = TcpStream::connect(addr).expect("connect");
    let head = format!(
        "{method} {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\nContent-Type: {media}\r\nContent-Length: {}\r\n\r\n",
        body.len()
    );
    s.write_all(head.as_bytes()).expect("written");
    // a server may answer (413) before it reads the whole body
    let _ = s.write_all(body);
    let mut out = Vec::new();
    let _ = s.read_to_end(&mut out);
    let text = String::from_utf8_lossy(&out);
    let code = text
        .split_whitespace()
        .nth(1)
        .and_then(|c| c.parse().ok())
        .unwrap_or(0);
    let body = text.split_once("\r\n\r\n").map_or("", |(_, b)| b);
    (
        code,
        serde_json::from_str(body).unwrap_or(Value::String(body.into())),
    )
}

#[test]
fn the_edge_refuses_what_a_route_does_not_take_in_the_one_envelope() {
    let (_dir, data) = store();
    let addr = start(data, None);
    // a typo is named, never read as "no filter"
    let (code, body) = get(addr, "/api/events?contry=AF");
    assert_eq!(code, 400, "{body}");
    assert_eq!(body["error"]["code"], "unknown_parameter");
    assert_eq!(body["error"]["param"], "contry");
    let (code, body) = get(addr, "/api/articles/a1?verbose=1");
    assert_eq!(
        (code, body["error"]["code"].as_str()),
        (400, Some("unknown_parameter"))
    );
    let (code, body) = get(addr, "/api/timeline");
    assert_eq!(code, 400, "{body}");
    assert_eq!(body["error"]["code"], "missing_parameter");
    assert_eq!(body["error"]["param"], "zone");
    // an empty optional value is no value
    let (code, body) = get(addr, "/api/events?limit=&country=");
    assert_eq!(code, 200, "{body}");
    // the framework's own rejections wear the envelope too
    let (code, body) = send(addr, "POST", "/api/watchlists", "text/plain", b"name=x");
    assert_eq!(code, 415, "{body}");
    assert_eq!(body["error"]["code"], "unsupported_media_type");
    let (code, body) = send(
        addr,
        "POST",
        "/api/watchlists",
        "application/json",
        b"{not json",
    );
    assert_eq!(code, 400, "{body}");
    assert_eq!(body["error"]["code"], "bad_request");
    let big = format!("{{\"name\": \"{}\"}}", "x".repeat(1_900_000));
    let (code, body) = send(
        addr,
        "POST",
        "/api/watchlists",
        "application/json",
        big.as_bytes(),
    );
    assert_eq!(code, 413, "{body}");
    assert_eq!(body["error"]["code"], "too_large");
    let (code, body) = send(addr, "DELETE", "/api/events", "application/json", b"");
    assert_eq!(code, 405, "{body}");
    assert_eq!(body["error"]["code"], "method_not_allowed");
}

#[test]
fn a_failing_store_is_answered_with_an_id_never_its_words() {
    let (dir, data) = store();
    // a table gone: every read of alerts fails inside SQLite
    let db = data.join(beacon_store::DB_FILE);
    rusqlite::Connection::open(&db)
        .unwrap()
        .execute_batch("DROP TABLE alerts;")
        .unwrap();
    let addr = start(data.clone(), None);
    let (code, body) = get(addr, "/api/alerts");
    assert_eq!(code, 500, "{body}");
    assert_eq!(body["error"]["code"], "internal");
    assert!(body["error"]["id"].is_string(), "{body}");
    let text = body.to_string();
    for leak in [
        "alerts",
        "SQL",
        "sqlite",
        "no such table",
        dir.path().to_str().unwrap(),
    ] {
        assert!(!text.contains(leak), "{leak:?} in {text}");
    }
    // a damaged file: named as damage, with no path
    std::fs::write(&db, vec![7u8; 8192]).unwrap();
    let _ = std::fs::remove_file(data.join("beacon.db-wal"));
    let addr = start(data, None);
    let (code, body) = get(addr, "/api/watchlists");
    assert_eq!(code, 500, "{body}");
    assert_eq!(body["error"]["code"], "store_damaged");
    let text = body.to_string();
    for leak in ["not a database", "file is", dir.path().to_str().unwrap()] {
        assert!(!text.contains(leak), "{leak:?} in {text}");
    }
}

#[test]
fn the_document_lists_the_filters_the_parser_reads() {
    let names: Vec<&str> = FILTERS.iter().map(|p| p.name).collect();
    assert_eq!(names, beacon_model::Filter::PARAMS);
    let doc = openapi();
    let timeline = &doc["paths"]["/api/timeline"]["get"]["parameters"];
    let zone = timeline
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["name"] == "zone")
        .unwrap();
    assert_eq!(zone["required"], true);
    assert_eq!(
        doc["paths"]["/api/watchlists/{id}/feed.atom"]["get"]["responses"]["200"]["content"]
            .as_object()
            .unwrap()
            .keys()
            .next()
            .unwrap(),
        "application/atom+xml"
    );
    assert!(doc["paths"]["/api/watchlists"]["post"]["responses"]["201"].is_object());
}

#[test]
fn every_route_refuses_an_unknown_parameter_a_bad_value_and_a_huge_body() {
    let (_dir, data) = store();
    let addr = start(data, None);
    for r in ROUTES {
        let path = r
            .path
            .replace("{id}", "wl-af-north")
            .replace("/api/zones/wl-af-north", "/api/zones/custom:none");
        let method = r.method;
        let body = r.body.map(|_| "{}");
        let (code, _, text) = request(addr, method, &format!("{path}?bogus=1"), body, None);
        assert_eq!(code, 400, "{method} {path}?bogus=1: {text}");
        assert!(
            text.contains("\"unknown_parameter\""),
            "{method} {path}: {text}"
        );
        // a value of the wrong kind, for each parameter that has a kind
        for p in r.query.iter().flat_map(|g| g.iter()) {
            let bad = match p.kind {
                Kind::Text | Kind::Name => continue,
                Kind::Count { .. } => "many",
                _ => "%00not-it",
            };
            let query = match (r.path, p.name) {
                ("/api/timeline", "days") => format!("zone=border:af-north&days={bad}"),
                _ => format!("{}={bad}", p.name),
            };
            let (code, _, text) = request(addr, method, &format!("{path}?{query}"), body, None);
            assert_eq!(code, 400, "{method} {path}?{query}: {text}");
            assert!(
                text.contains("\"bad_parameter\"")
                    && text.contains(&format!("\"param\":\"{}\"", p.name)),
                "{method} {path}?{query}: {text}"
            );
        }
        if r.body.is_some() {
            let huge = format!("{{\"name\": \"{}\"}}", "x".repeat(17 * 1024 * 1024));
            let (code, body) = send(addr, method, &path, "application/json", huge.as_bytes());
            assert_eq!(code, 413, "{method} {path}: {body}");
            assert_eq!(body["error"]["code"], "too_large");
            // a body of the wrong shape
            let (code, body) = send(addr, method, &path, "application/json", b"[1, 2]");
            assert!(
                matches!(code, 400 | 404 | 422) && body["error"]["code"].is_string(),
                "{method} {path}: {code} {body}"
            );
        }
    }
}

/// Every route, the API's (`ROUTES`), TAXII's and the pages, asked by each
/// kind of caller: a token that is none of the store's is refused
/// everywhere; an organisation's reader reads only the routes whose every
/// record goes through `may_see`, and changes nothing; the operator is
/// refused nowhere.
#[test]
fn every_route_is_checked_for_who_asks() {
    let (_dir, data) = store();
    let reader = {
        let mut s = Store::open(&data).expect("the store");
        add_orgs(&mut s, &["home", "ngo"]);
        use beacon_model::{Role, Scope};
        token_for(&mut s, ("li", "ngo"), Role::Analyst, Scope::Read)
    };
    let addr = start(data, None);
    let mut routes: Vec<(&str, String)> = ROUTES
        .iter()
        .map(|r| {
            let path = r
                .path
                .replace("{id}", "x")
                .replace("/api/timeline", "/api/timeline?zone=border:af-north");
            (r.method, path)
        })
        .collect();
    for p in crate::taxii::PATHS {
        routes.push((
            "GET",
            p.replace("{id}", "x").replace("{object}", "report--x"),
        ));
    }
    routes.extend([("GET", "/".to_owned()), ("GET", "/metrics".to_owned())]);
    for (method, path) in &routes {
        let body = matches!(*method, "POST" | "PUT").then_some("{}");
        let (code, _, text) = request(addr, method, path, body, Some("bcn_made-up"));
        assert_eq!(code, 401, "{method} {path} with a made-up token: {text}");
        let (code, _, text) = request(addr, method, path, body, None);
        assert!(
            !matches!(code, 401 | 403),
            "{method} {path} as the operator: {code} {text}"
        );
        let (code, _, text) = request(addr, method, path, body, Some(&reader));
        let shared =
            // a read token changes nothing, even where a user may write
            *method == "GET" && crate::shared_with_users(true, path.split('?').next().unwrap_or(path));
        if shared {
            assert!(
                !matches!(code, 401 | 403),
                "{method} {path} as a reader: {code} {text}"
            );
        } else {
            assert_eq!(code, 403, "{method} {path} as a reader: {text}");
        }
    }
    assert!(routes.len() > ROUTES.len() + 5);
}

/// An analyst reviews an event through the API: a reader may not, a
/// confirmed-only watchlist's alerts follow the verdict, and a note
/// reaches only its audience.
#[test]
fn an_analyst_reviews_an_event_and_the_record_says_so() {
    let (_dir, data) = store();
    let (analyst, reader, other) = {
        let mut s = Store::open(&data).expect("the store");
        add_orgs(&mut s, &["home", "ngo"]);
        s.set_home_org("home").expect("home");
        use beacon_model::{Role, Scope};
        (
            token_for(&mut s, ("ana", "home"), Role::Analyst, Scope::Write),
            token_for(&mut s, ("rea", "home"), Role::Reader, Scope::Read),
            token_for(&mut s, ("ngo1", "ngo"), Role::Analyst, Scope::Write),
        )
    };
    let addr = start(data.clone(), None);
    let path = "/api/events/s1-e1/review";
    let confirm = r#"{"action":"confirm","note":"seen by our office","tlp":"amber+strict"}"#;
    let (code, _, text) = request(addr, "POST", path, Some(confirm), Some(&reader));
    assert_eq!(code, 403, "a reader: {text}");
    let (code, _, text) = request(addr, "POST", path, Some(confirm), Some(&analyst));
    assert_eq!(code, 200, "{text}");
    let v: Value = serde_json::from_str(&text).expect("JSON");
    assert_eq!(v["event"]["review"]["status"], "confirmed");
    assert_eq!(v["event"]["review"]["org"], "home");
    let fix = r#"{"action":"correct","correction":{"type":"ASSAULT","fatalities":{"min":2}}}"#;
    let (code, _, text) = request(addr, "POST", path, Some(fix), Some(&other));
    assert_eq!(code, 200, "a partner's analyst on a CLEAR event: {text}");
    let bad = r#"{"action":"correct"}"#;
    let (code, _, _) = request(addr, "POST", path, Some(bad), Some(&analyst));
    assert_eq!(code, 400, "a correction needs its fields");
    // every reader reads the reviewed record
    let (_, v) = get(addr, "/api/events?review=reviewed");
    assert_eq!(v["total"], 1);
    assert_eq!(v["items"][0]["event"]["type"], "ASSAULT");
    assert_eq!(v["items"][0]["review"]["status"], "corrected");
    let fields = v["items"][0]["review"]["fields"]
        .as_array()
        .expect("fields")
        .len();
    assert_eq!(fields, beacon_model::review::FIELDS.len());
    // the history: the machine's version, and the note to its audience only
    let (_, _, text) = request(addr, "GET", path, None, Some(&analyst));
    let h: Value = serde_json::from_str(&text).expect("JSON");
    assert_eq!(h["machine"]["event"]["type"], "FIGHT");
    assert_eq!(h["history"].as_array().expect("history").len(), 2);
    assert_eq!(h["history"][0]["note"], "seen by our office");
    let (_, _, text) = request(addr, "GET", path, None, Some(&other));
    let h: Value = serde_json::from_str(&text).expect("JSON");
    assert!(
        h["history"][0].get("note").is_none(),
        "AMBER+STRICT stays home: {h}"
    );
    let reject = r#"{"action":"reject","by":"Dana"}"#;
    let (code, _, _) = request(addr, "POST", path, Some(reject), None);
    assert_eq!(code, 200);
    let (_, v) = get(addr, "/api/events");
    assert_eq!(v["total"], 0, "rejected events leave the default list");
    let (_, v) = get(addr, "/api/events?review=rejected");
    assert_eq!(v["total"], 1);
    let (code, _) = get(addr, "/api/events/nope/review");
    assert_eq!(code, 404);
}

/// Organisations of these ids (named as their ids).
fn add_orgs(s: &mut Store, ids: &[&str]) {
    for id in ids {
        s.put_org(&beacon_model::Org {
            id: (*id).into(),
            name: (*id).into(),
        })
        .expect("an org");
    }
}

/// A user (id, organisation) with this role, and a token of this scope for it.
fn token_for(
    s: &mut Store,
    (user, org): (&str, &str),
    role: beacon_model::Role,
    scope: beacon_model::Scope,
) -> String {
    s.put_user(&beacon_model::User {
        id: user.into(),
        org: org.into(),
        role,
        disabled: false,
    })
    .expect("a user");
    s.create_token(user, scope, None, None).expect("a token").1
}
