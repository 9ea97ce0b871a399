//! `beacon watch` and `beacon alerts` on the worked example: the watchlist
//! on Afghanistan's northern border raises its alerts once, posts each to a
//! webhook the test listens with (signed), and an alert moves along its life.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpListener;
use std::sync::mpsc;

use crate::util::*;

/// A webhook receiver answering 200; sends back each body and its signature.
fn receiver() -> (String, mpsc::Receiver<(String, Vec<u8>)>) {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}/hook", listener.local_addr().unwrap());
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(stream) = stream else { return };
            let mut r = BufReader::new(stream);
            let (mut length, mut signature) = (0, String::new());
            loop {
                let mut line = String::new();
                if r.read_line(&mut line).unwrap_or(0) == 0 || line == "\r\n" {
                    break;
                }
                let lower = line.to_ascii_lowercase();
                if let Some(v) = lower.strip_prefix("content-length:") {
                    length = v.trim().parse().unwrap_or(0);
                }
                if let Some(v) = lower.strip_prefix("x-beacon-signature:") {
                    signature = v.trim().to_string();
                }
            }
            let mut body = vec![0; length];
            let _ = r.read_exact(&mut body);
            let mut s = r.into_inner();
            let _ =
                s.write_all(b"HTTP/1.1 200 OK\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
            let _ = tx.send((signature, body));
        }
    });
    (url, rx)
}

#[test]
fn a_watchlist_alerts_once_and_notifies_its_webhook() {
    let Some(seed) = seed() else { return };
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    ingest_json(&data, &[&seed]).expect_code(0);
    let (url, posts) = receiver();
    let add = |extra: &[&str]| {
        let mut c = beacon();
        c.env("BEACON_WEBHOOK_SECRET", "s3cret")
            // the test's receiver is on loopback: allowed by name
            .env("BEACON_ALLOW_PRIVATE_URLS", "127.0.0.1")
            .args(["watch", "add", "--data"])
            .arg(&data)
            .args([
                "--name",
                "Afghanistan's northern border",
                "--id",
                "wl-af-north",
            ])
            .args([
                "--zone",
                "border:af-north",
                "--rule",
                "match",
                "--webhook",
                &url,
            ])
            .args(extra);
        let o = c.output().unwrap();
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        String::from_utf8(o.stdout).unwrap()
    };
    let out = add(&[]);
    assert!(out.contains("new alert(s)"), "{out}");
    let r = run([
        "alerts",
        "--data",
        data.to_str().unwrap(),
        "--format",
        "jsonl",
    ]);
    r.expect_code(0);
    let alerts = r.jsonl();
    assert!(!alerts.is_empty());
    let warning = alerts
        .iter()
        .find(|a| {
            a["explanation"]["events"][0]["evidence"]
                .as_str()
                .is_some_and(|e| e.contains("may invade central Asia"))
        })
        .expect("the anticipated assault's alert");
    assert_eq!(
        warning["explanation"]["events"][0]["modality"],
        "anticipated"
    );
    // every new alert was posted once, signed
    let mut got = Vec::new();
    while let Ok(p) = posts.recv_timeout(std::time::Duration::from_secs(5)) {
        got.push(p);
        if got.len() == alerts.len() {
            break;
        }
    }
    assert_eq!(got.len(), alerts.len());
    for (sig, body) in &got {
        assert!(sig.starts_with("sha256=") && sig.len() == 71, "{sig}");
        let a: serde_json::Value = serde_json::from_slice(body).unwrap();
        assert!(a["id"].as_str().unwrap().starts_with("wl-af-north:"));
    }
    // evaluating again raises nothing and posts nothing
    let out = add(&[]);
    assert!(out.contains(": 0 new alert(s)"), "{out}");
    assert!(
        posts
            .recv_timeout(std::time::Duration::from_millis(300))
            .is_err()
    );
    // the alert's life
    let id = warning["id"].as_str().unwrap();
    let d = data.to_str().unwrap();
    run(["alerts", "ack", id, "--data", d, "--by", "maria"]).expect_code(0);
    run(["alerts", "close", id, "--data", d, "--by", "maria"]).expect_code(0);
    let r = run(["alerts", "ack", id, "--data", d, "--by", "maria"]);
    assert_ne!(r.code, 0);
    assert!(r.stderr.contains("closed"), "{}", r.stderr);
    let r = run([
        "alerts", "--data", d, "--status", "closed", "--format", "jsonl",
    ]);
    let closed = r.jsonl();
    assert_eq!(closed.len(), 1);
    assert_eq!(closed[0]["closed_by"], "maria");
    assert_eq!(closed[0]["acknowledged_by"], "maria");
    // a bad rule or zone is a clear error
    let r = run([
        "watch",
        "add",
        "--data",
        d,
        "--name",
        "x",
        "--zone",
        "border:xx-north",
    ]);
    assert_ne!(r.code, 0);
    assert!(r.stderr.contains("unknown zone"), "{}", r.stderr);
    let r = run([
        "watch", "add", "--data", d, "--name", "x", "--rule", "spike:7",
    ]);
    assert_ne!(r.code, 0);
    assert!(r.stderr.contains("baseline"), "{}", r.stderr);
}
