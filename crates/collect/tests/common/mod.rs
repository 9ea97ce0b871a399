//! A small HTTP/1.1 server for the collector's tests, on 127.0.0.x with a
//! port of its own: each request is answered by the test's handler, and
//! every request is recorded (path, headers, when).

#![allow(dead_code)]

use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// A request as the server saw it.
#[derive(Debug, Clone)]
pub struct Seen {
    pub path: String,
    pub headers: Vec<(String, String)>,
    pub at: Instant,
}

impl Seen {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

/// An answer.
pub struct Reply {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
    /// Wait this long before answering.
    pub delay: Duration,
    /// Send this many bytes of declared length and then stop (a body that
    /// never ends as promised).
    pub declared_len: Option<u64>,
}

impl Reply {
    pub fn new(status: u16, content_type: &str, body: impl Into<Vec<u8>>) -> Reply {
        Reply {
            status,
            headers: vec![("Content-Type".into(), content_type.into())],
            body: body.into(),
            delay: Duration::ZERO,
            declared_len: None,
        }
    }

    pub fn header(mut self, k: &str, v: &str) -> Reply {
        self.headers.push((k.into(), v.into()));
        self
    }

    pub fn not_found() -> Reply {
        Reply::new(404, "text/plain", "not found")
    }
}

type Handler = dyn Fn(&Seen) -> Reply + Send + Sync;

/// A running server.
pub struct Server {
    pub base: String,
    pub seen: Arc<Mutex<Vec<Seen>>>,
}

impl Server {
    /// Serves on `ip` (127.0.0.1, 127.0.0.2, …) at a free port.
    pub fn start(ip: &str, handler: impl Fn(&Seen) -> Reply + Send + Sync + 'static) -> Server {
        let listener = TcpListener::bind((ip, 0)).expect("a local port");
        let base = format!("http://{}", listener.local_addr().expect("an address"));
        let seen = Arc::new(Mutex::new(Vec::new()));
        let handler: Arc<Handler> = Arc::new(handler);
        let log = seen.clone();
        std::thread::spawn(move || {
            for stream in listener.incoming().flatten() {
                let (handler, log) = (handler.clone(), log.clone());
                std::thread::spawn(move || serve(stream, &*handler, &log));
            }
        });
        Server { base, seen }
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    /// The requests for `path`.
    pub fn requests(&self, path: &str) -> Vec<Seen> {
        let seen = self.seen.lock().expect("the log");
        seen.iter().filter(|s| s.path == path).cloned().collect()
    }

    pub fn all(&self) -> Vec<Seen> {
        self.seen.lock().expect("the log").clone()
    }
}

fn serve(stream: TcpStream, handler: &Handler, log: &Mutex<Vec<Seen>>) {
    let _ = stream.set_read_timeout(Some(Duration::from_secs(30)));
    let mut reader = BufReader::new(match stream.try_clone() {
        Ok(s) => s,
        Err(_) => return,
    });
    let mut line = String::new();
    if reader.read_line(&mut line).is_err() {
        return;
    }
    let path = line.split_whitespace().nth(1).unwrap_or("/").to_owned();
    let mut headers = Vec::new();
    loop {
        let mut h = String::new();
        if reader.read_line(&mut h).is_err() || h.trim().is_empty() {
            break;
        }
        if let Some((k, v)) = h.split_once(':') {
            headers.push((k.trim().to_owned(), v.trim().to_owned()));
        }
    }
    let seen = Seen {
        path,
        headers,
        at: Instant::now(),
    };
    log.lock().expect("the log").push(seen.clone());
    let reply = handler(&seen);
    std::thread::sleep(reply.delay);
    let mut out = stream;
    let mut head = format!("HTTP/1.1 {} X\r\nConnection: close\r\n", reply.status);
    for (k, v) in &reply.headers {
        head.push_str(&format!("{k}: {v}\r\n"));
    }
    let len = reply.declared_len.unwrap_or(reply.body.len() as u64);
    head.push_str(&format!("Content-Length: {len}\r\n\r\n"));
    let _ = out.write_all(head.as_bytes());
    let _ = out.write_all(&reply.body);
    let _ = out.flush();
}

/// An RSS 2.0 feed of `links`.
pub fn rss(links: &[String]) -> String {
    let items: String = links
        .iter()
        .enumerate()
        .map(|(i, l)| {
            format!("<item><title>Item {i}</title><link>{l}</link><pubDate>Mon, 07 Dec 2026 08:00:00 GMT</pubDate></item>")
        })
        .collect();
    format!(
        "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>Test</title><link>http://x/</link><description>d</description>{items}</channel></rss>"
    )
}

/// An article page about `what`.
pub fn article(what: &str) -> String {
    format!(
        "<html><head><title>{what}</title><meta property=\"article:published_time\" content=\"2026-12-07T08:00:00Z\"></head>\
         <body><article><h1>{what}</h1><p>Border guards in Tajikistan reported that {what} happened near the river on Monday, \
         according to officials who spoke to reporters in Dushanbe.</p><p>The officials said the situation had calmed by the evening \
         and that patrols would continue along the border for the rest of the week.</p></article></body></html>"
    )
}
