//! Deliveries to a webhook receiver and an SMTP sink that the tests start on
//! 127.0.0.1.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::mpsc;

use beacon_model::{AlertEvent, AlertExplanation, AlertStatus, Notify, Rule};

use super::*;

fn alert() -> Alert {
    Alert {
        id: "wl-af-north:match:s1-e1".into(),
        watchlist_id: "wl-af-north".into(),
        watchlist: "Afghanistan's northern border".into(),
        rule: Rule::Match {},
        status: AlertStatus::New,
        title: "FIGHT anticipated in Central Asia: Afghanistan's northern border".into(),
        created_at: "2026-11-29T00:00:00Z".into(),
        updated_at: "2026-11-29T00:00:00Z".into(),
        acknowledged_by: None,
        acknowledged_at: None,
        closed_by: None,
        closed_at: None,
        marking: Default::default(),
        explanation: AlertExplanation {
            summary: "A matching event".into(),
            figures: Default::default(),
            events: vec![AlertEvent {
                id: "s1-e1".into(),
                kind: beacon_model::EventType::Fight,
                modality: beacon_model::Modality::Anticipated,
                date: Some("2015-10-28".into()),
                place: Some("Central Asia".into()),
                why: "placed at region precision".into(),
                evidence: "Taliban or Islamic State fighters may invade central Asia.".into(),
                sources: vec!["khaama.com".into()],
                article_ids: vec!["a1".into()],
            }],
        },
    }
}

fn watchlist(webhooks: Vec<String>, email: Vec<String>) -> Watchlist {
    Watchlist {
        zones: vec!["border:af-north".parse().expect("a zone id")],
        rules: vec![Rule::Match {}],
        notify: Notify { webhooks, email },
        ..Watchlist::new("wl-af-north", "Afghanistan's northern border")
    }
}

/// A store holding the alert.
fn store(dir: &std::path::Path) -> Store {
    let mut s = Store::open(dir).expect("a store");
    s.raise_alert(&alert()).expect("raised");
    s
}

/// A receiver answering each request with the next status; sends each
/// request (head, body) back.
fn receiver(statuses: Vec<u16>) -> (String, mpsc::Receiver<(String, Vec<u8>)>) {
    let listener = TcpListener::bind("127.0.0.1:0").expect("bound");
    let url = format!("http://{}/hook", listener.local_addr().expect("an address"));
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        for status in statuses {
            let Ok((stream, _)) = listener.accept() else {
                return;
            };
            let mut r = BufReader::new(stream);
            let mut head = String::new();
            let mut length = 0;
            loop {
                let mut line = String::new();
                if r.read_line(&mut line).unwrap_or(0) == 0 || line == "\r\n" {
                    break;
                }
                if let Some(v) = line.to_ascii_lowercase().strip_prefix("content-length:") {
                    length = v.trim().parse().unwrap_or(0);
                }
                head.push_str(&line);
            }
            let mut body = vec![0; length];
            let _ = r.read_exact(&mut body);
            let mut s: TcpStream = r.into_inner();
            let _ = write!(
                s,
                "HTTP/1.1 {status} X\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
            );
            let _ = tx.send((head, body));
        }
    });
    (url, rx)
}

#[test]
fn a_webhook_is_signed_retried_with_backoff_and_sent_once() {
    let dir = tempfile::tempdir().expect("a directory");
    let mut store = store(dir.path());
    let (url, got) = receiver(vec![500, 200]);
    let settings = Settings {
        webhook_secret: Some("s3cret".into()),
        // the test's receiver is on loopback: allowed by name
        outbound: beacon_net::Policy::parse("127.0.0.1"),
        ..Settings::default()
    };
    let wl = [watchlist(vec![url.clone()], vec![])];
    assert_eq!(
        enqueue(&mut store, &[alert()], &wl, &settings, 1000).expect("queued"),
        1
    );
    // queued twice (a rerun): still one
    assert_eq!(
        enqueue(&mut store, &[alert()], &wl, &settings, 1000).expect("queued"),
        0
    );

    // the receiver fails: retried after the back-off, not before
    let r = deliver_due(&mut store, &settings, 1000).expect("delivered");
    assert_eq!(
        r,
        Delivered {
            sent: 0,
            retrying: 1,
            failed: 0,
            withheld: 0,
        }
    );
    let (head, _) = got.recv().expect("a first request");
    assert!(head.starts_with("POST /hook"), "{head}");
    assert_eq!(
        deliver_due(&mut store, &settings, 1010).expect("delivered"),
        Delivered::default()
    );
    let r = deliver_due(&mut store, &settings, 1030).expect("delivered");
    assert_eq!(r.sent, 1);
    let (head, body) = got.recv().expect("a second request");
    let sig = head
        .lines()
        .find_map(|l| {
            l.strip_prefix("x-beacon-signature: ")
                .or_else(|| l.strip_prefix("X-Beacon-Signature: "))
        })
        .expect("a signature")
        .trim()
        .to_string();
    assert_eq!(sig, signature("s3cret", &body));
    let sent: Alert = serde_json::from_slice(&body).expect("the alert");
    assert_eq!(sent.id, alert().id);
    assert!(head.to_lowercase().contains("x-beacon-delivery: webhook:"));
    // sent: never again
    assert_eq!(
        deliver_due(&mut store, &settings, 100_000).expect("delivered"),
        Delivered::default()
    );
}

#[test]
fn a_dead_webhook_is_given_up_after_the_last_attempt() {
    let dir = tempfile::tempdir().expect("a directory");
    let mut store = store(dir.path());
    // nothing listens on this port
    let url = {
        let l = TcpListener::bind("127.0.0.1:0").unwrap();
        format!("http://{}/", l.local_addr().unwrap())
    };
    let settings = Settings {
        max_attempts: 3,
        outbound: beacon_net::Policy::parse("all"),
        ..Settings::default()
    };
    enqueue(
        &mut store,
        &[alert()],
        &[watchlist(vec![url.clone()], vec![])],
        &settings,
        0,
    )
    .unwrap();
    let mut now = 0;
    let mut failed = 0;
    for _ in 0..3 {
        let r = deliver_due(&mut store, &settings, now).unwrap();
        failed += r.failed;
        now += 10_000;
    }
    assert_eq!(failed, 1);
    let d = store
        .delivery(&format!("webhook:{url}:{}", alert().id))
        .unwrap()
        .expect("the delivery");
    assert_eq!((d.status.as_str(), d.attempts), ("failed", 3));
    assert!(d.last_error.is_some());
}

#[test]
fn an_email_reaches_a_local_smtp_sink() {
    let listener = TcpListener::bind("127.0.0.1:0").expect("bound");
    let port = listener.local_addr().unwrap().port();
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        let (stream, _) = listener.accept().expect("a client");
        let mut w = stream.try_clone().unwrap();
        let mut r = BufReader::new(stream);
        let mut transcript = String::new();
        let _ = write!(w, "220 sink ESMTP\r\n");
        let mut data = false;
        loop {
            let mut line = String::new();
            if r.read_line(&mut line).unwrap_or(0) == 0 {
                break;
            }
            transcript.push_str(&line);
            if data {
                if line == ".\r\n" {
                    data = false;
                    let _ = write!(w, "250 queued\r\n");
                }
                continue;
            }
            let verb = line.get(..4).unwrap_or("").to_ascii_uppercase();
            let reply = match verb.as_str() {
                "EHLO" | "HELO" => "250 sink\r\n",
                "DATA" => {
                    data = true;
                    "354 go on\r\n"
                }
                "QUIT" => {
                    let _ = write!(w, "221 bye\r\n");
                    break;
                }
                _ => "250 ok\r\n",
            };
            let _ = w.write_all(reply.as_bytes());
        }
        let _ = tx.send(transcript);
    });
    let dir = tempfile::tempdir().expect("a directory");
    let mut store = store(dir.path());
    let settings = Settings {
        smtp_url: Some(format!("smtp://127.0.0.1:{port}")),
        smtp_from: "beacon@example.org".into(),
        ..Settings::default()
    };
    let wl = [watchlist(vec![], vec!["desk@example.org".into()])];
    assert_eq!(
        enqueue(&mut store, &[alert()], &wl, &settings, 0).unwrap(),
        1
    );
    let r = deliver_due(&mut store, &settings, 0).expect("delivered");
    assert_eq!(r.sent, 1, "{r:?}");
    let t = rx.recv().expect("a transcript");
    assert!(t.contains("MAIL FROM:<beacon@example.org>"), "{t}");
    assert!(t.contains("RCPT TO:<desk@example.org>"), "{t}");
    assert!(
        t.contains("Subject: [Beacon] FIGHT anticipated in Central Asia"),
        "{t}"
    );
    assert!(t.contains("may invade central Asia"), "{t}");
}

#[test]
fn without_smtp_no_email_is_queued() {
    let dir = tempfile::tempdir().expect("a directory");
    let mut store = store(dir.path());
    let wl = [watchlist(vec![], vec!["desk@example.org".into()])];
    assert_eq!(
        enqueue(&mut store, &[alert()], &wl, &Settings::default(), 0).unwrap(),
        0
    );
}

#[test]
fn a_forbidden_webhook_is_never_contacted_and_fails_at_once() {
    let dir = tempfile::tempdir().expect("a directory");
    let mut store = store(dir.path());
    // a receiver on loopback, and a watchlist saved (before the guard, or
    // by hand) with webhooks Beacon must not post to
    let (url, got) = receiver(vec![200, 200, 200]);
    let targets = vec![
        url.clone(),
        url.replace("127.0.0.1", "localhost"),
        "file:///etc/passwd".to_string(),
        "gopher://127.0.0.1:70/_x".to_string(),
        "http://169.254.169.254/latest/meta-data/".to_string(),
    ];
    let settings = Settings::default();
    let wl = [watchlist(targets.clone(), vec![])];
    assert_eq!(
        enqueue(&mut store, &[alert()], &wl, &settings, 0).expect("queued"),
        targets.len()
    );
    let r = deliver_due(&mut store, &settings, 0).expect("delivered");
    assert_eq!(
        r,
        Delivered {
            sent: 0,
            retrying: 0,
            failed: targets.len(),
            withheld: 0,
        },
        "refused for good, not left pending"
    );
    for t in &targets {
        let d = store
            .delivery(&format!("webhook:{t}:{}", alert().id))
            .unwrap()
            .expect("the delivery");
        assert_eq!((d.status.as_str(), d.attempts), ("failed", 1), "{t}");
        assert!(d.last_error.is_some(), "{t}");
    }
    assert!(deliver_due(&mut store, &settings, 1_000_000).unwrap() == Delivered::default());
    assert!(
        got.recv_timeout(std::time::Duration::from_millis(300))
            .is_err(),
        "the loopback receiver was contacted"
    );
}

/// A webhook is its watchlist's organisation's channel: an alert goes
/// there only when a user of that organisation may see it, and a RED one
/// never; a withheld notification is recorded with its reason, not sent.
#[test]
fn an_alert_leaves_only_for_channels_its_marking_allows() {
    use beacon_model::{Marking, Sharing, Tlp};
    let own = |tlp| Marking::of(tlp);
    let theirs = Marking {
        owner: Some("ngo".into()),
        ..Marking::of(Tlp::AmberStrict)
    };
    let grouped = Marking {
        groups: vec!["border".into()],
        ..Marking::of(Tlp::Amber)
    };
    let sharing = Sharing {
        home: Some("ewc".into()),
        groups: [(
            "border".to_owned(),
            vec!["ewc".to_owned(), "ngo".to_owned()],
        )]
        .into(),
    };
    let alone = Sharing::default();
    let with = |m: &Marking| Alert {
        marking: m.clone(),
        ..alert()
    };
    for (m, owner, sharing, ok) in [
        (own(Tlp::Clear), None, &sharing, true),
        (own(Tlp::AmberStrict), None, &sharing, true),
        (own(Tlp::AmberStrict), Some("ngo"), &sharing, false),
        (theirs.clone(), None, &sharing, false),
        (theirs, Some("ngo"), &sharing, true),
        (grouped.clone(), Some("ngo"), &sharing, true),
        (grouped, Some("press"), &sharing, false),
        (own(Tlp::Red), None, &sharing, false),
        (own(Tlp::Amber), None, &alone, true),
        (own(Tlp::Red), None, &alone, false),
    ] {
        assert_eq!(
            may_notify(&with(&m), owner, sharing).is_ok(),
            ok,
            "{m:?} to {owner:?}"
        );
    }
    // through the outbox: withheld, with its reason, and never sent
    let dir = tempfile::tempdir().expect("a directory");
    let mut store = Store::open(dir.path()).expect("a store");
    store.raise_alert(&with(&own(Tlp::Red))).expect("raised");
    let (url, got) = receiver(vec![200]);
    let settings = Settings {
        outbound: beacon_net::Policy::parse("127.0.0.1"),
        ..Settings::default()
    };
    enqueue(
        &mut store,
        &[alert()],
        &[watchlist(vec![url.clone()], vec![])],
        &settings,
        0,
    )
    .expect("queued");
    let r = deliver_due(&mut store, &settings, 0).expect("delivered");
    assert_eq!(r.withheld, 1);
    assert_eq!(r.sent, 0);
    let d = store
        .delivery(&format!("webhook:{url}:{}", alert().id))
        .expect("read")
        .expect("the delivery");
    assert_eq!(d.status, "withheld");
    assert!(d.last_error.as_deref().unwrap_or("").contains("RED"));
    assert!(
        got.recv_timeout(std::time::Duration::from_millis(300))
            .is_err()
    );
}
