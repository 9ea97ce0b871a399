use std::io::{Read, Write};
use std::net::TcpListener;
use std::time::Duration;

use super::*;

/// Every URL the safety review saw Beacon post to, and their cousins.
const FORBIDDEN: &[&str] = &[
    "http://127.0.0.1:9/hook",
    "http://localhost:8080/hook",
    "http://LOCALHOST./hook",
    "http://api.localhost/hook",
    "http://169.254.169.254/latest/meta-data/",
    "http://10.0.0.1/hook",
    "http://172.16.5.4/hook",
    "http://192.168.1.1/hook",
    "http://100.64.0.1/hook",
    "http://[fd00::1]/hook",
    "http://[::1]:8080/hook",
    "http://[fe80::1]/hook",
    "http://[::ffff:127.0.0.1]/hook",
    "http://[::ffff:a9fe:a9fe]/hook",
    "http://[64:ff9b::a00:1]/hook",
    "http://0.0.0.0/hook",
    "http://127.1/hook",
    "http://0x7f000001/hook",
    "http://2130706433/hook",
    "http://0177.0.0.1/hook",
    "http://224.0.0.1/hook",
    "http://255.255.255.255/hook",
    "file:///etc/passwd",
    "gopher://example.org:70/_hello",
    "ftp://example.org/x",
    "javascript:alert(1)",
    "not a url",
    "/relative/path",
];

#[test]
fn every_forbidden_url_is_refused_when_saved() {
    let p = Policy::public_only();
    for url in FORBIDDEN {
        assert!(p.check_url(url).is_err(), "{url} was allowed");
    }
}

#[test]
fn public_urls_pass() {
    let p = Policy::public_only();
    for url in [
        "https://hooks.example.org/beacon",
        "http://93.184.216.34:8080/x",
        "https://[2606:4700::1111]/x",
        "HTTPS://Hooks.Example.ORG/x",
    ] {
        assert_eq!(p.check_url(url), Ok(()), "{url}");
    }
}

#[test]
fn the_scheme_rule_holds_even_when_private_hosts_are_allowed() {
    let p = Policy::parse("all");
    assert_eq!(p.check_url("http://127.0.0.1:9/x"), Ok(()));
    assert!(matches!(
        p.check_url("file:///etc/passwd"),
        Err(Refused::Scheme { .. } | Refused::NotAUrl(_))
    ));
    assert!(matches!(
        p.check_url("gopher://127.0.0.1:70/x"),
        Err(Refused::Scheme { .. })
    ));
}

#[test]
fn a_list_allows_only_its_hosts() {
    let p = Policy::parse(" hooks.intranet , 10.0.0.5 ");
    assert_eq!(p.check_url("http://hooks.intranet/x"), Ok(()));
    assert_eq!(p.check_url("http://10.0.0.5:8080/x"), Ok(()));
    assert!(p.check_url("http://10.0.0.6/x").is_err());
    assert!(p.check_url("http://localhost/x").is_err());
    assert_eq!(Policy::parse("").allow, Allow::PublicOnly);
    assert_eq!(Policy::parse("0").allow, Allow::PublicOnly);
    assert_eq!(Policy::parse("TRUE").allow, Allow::Any);
}

#[test]
fn addresses_are_classed() {
    let v = |s: &str| forbidden(s.parse().unwrap());
    assert!(v("169.254.169.254").unwrap().contains("link-local"));
    assert!(v("fd00::1").unwrap().contains("private"));
    assert!(v("198.18.0.1").is_some());
    assert!(v("2001:db8::1").is_some());
    assert_eq!(v("8.8.8.8"), None);
    assert_eq!(v("2a00:1450:4001::1"), None);
    assert_eq!(literal_address("127.1"), Some("127.0.0.1".parse().unwrap()));
    assert_eq!(
        literal_address("0x7f.1"),
        Some("127.0.0.1".parse().unwrap())
    );
    assert_eq!(literal_address("example.org"), None);
    assert_eq!(literal_address("1.2.3.4.5"), None);
}

/// A listener on 127.0.0.1 that records whether anyone connected.
fn listener() -> (u16, std::sync::mpsc::Receiver<()>) {
    let l = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = l.local_addr().unwrap().port();
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        for stream in l.incoming() {
            let Ok(mut s) = stream else { return };
            let _ = tx.send(());
            let mut buf = [0u8; 4096];
            let _ = s.set_read_timeout(Some(Duration::from_millis(500)));
            let _ = s.read(&mut buf);
            let _ = s.write_all(b"HTTP/1.1 204 No Content\r\ncontent-length: 0\r\n\r\n");
        }
    });
    (port, rx)
}

#[test]
fn the_agent_never_connects_to_a_forbidden_address() {
    let (port, seen) = listener();
    let agent = Policy::public_only().agent(Duration::from_secs(5), 0);
    for url in [
        format!("http://127.0.0.1:{port}/hook"),
        format!("http://localhost:{port}/hook"),
        format!("http://127.1:{port}/hook"),
        format!("http://[::ffff:127.0.0.1]:{port}/hook"),
    ] {
        let err = agent.post(&url).send(&b"{}"[..]).expect_err(&url);
        assert!(
            err.to_string().contains(ALLOW_VAR),
            "{url}: not refused by the guard: {err}"
        );
    }
    std::thread::sleep(Duration::from_millis(200));
    assert!(seen.try_recv().is_err(), "the listener was contacted");
}

#[test]
fn an_allowed_private_host_is_reached() {
    let (port, seen) = listener();
    let agent = Policy::parse("127.0.0.1").agent(Duration::from_secs(5), 0);
    let r = agent
        .post(&format!("http://127.0.0.1:{port}/hook"))
        .send(&b"{}"[..])
        .expect("allowed");
    assert_eq!(r.status().as_u16(), 204);
    seen.recv_timeout(Duration::from_secs(5))
        .expect("contacted");
}
