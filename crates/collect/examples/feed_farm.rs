//! A farm of news sites on loopback for the collection benchmark
//! (`bench/collect.sh`): `--hosts` sites, each on an address of its own
//! (127.0.X.Y, the same port), each with a robots.txt, an RSS feed of
//! `--items` items and their article pages: real pages (`--pages`, a file
//! listing them, such as htmldate's evaluation set), each site's copy of a
//! page marked as its own. Every request is
//! timed, so the benchmark can check politeness: `GET /stats` on
//! 127.0.0.1 (same port) answers the requests served, the shortest time
//! between the arrivals of two requests to one host, and how many requests
//! arrived while another to their host was being answered.
//!
//! ```sh
//! cargo run --release -p beacon-collect --example feed_farm -- \
//!     --hosts 1000 --items 20 --port 18400 --opml /tmp/farm.opml --pages pages.txt
//! ```

use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// Per host: (start, end) of each request served.
type Log = Arc<Vec<Mutex<Vec<(Instant, Instant)>>>>;

fn main() {
    let mut args = std::env::args().skip(1);
    let (mut hosts, mut items, mut port, mut opml) = (1000usize, 20usize, 18400u16, None);
    let mut list = None;
    while let Some(a) = args.next() {
        let mut v = || args.next().unwrap_or_else(|| panic!("{a} needs a value"));
        match a.as_str() {
            "--hosts" => hosts = v().parse().expect("a number"),
            "--items" => items = v().parse().expect("a number"),
            "--port" => port = v().parse().expect("a port"),
            "--opml" => opml = Some(v()),
            "--pages" => list = Some(v()),
            _ => panic!("unknown option {a}"),
        }
    }
    let pages = Arc::new(read_pages(
        &list.expect("--pages FILE: a list of HTML pages to serve"),
    ));
    let log: Log = Arc::new((0..hosts).map(|_| Mutex::new(Vec::new())).collect());
    let mut outlines = String::new();
    for k in 0..hosts {
        let ip = host_ip(k);
        let listener = TcpListener::bind((ip.as_str(), port))
            .unwrap_or_else(|e| panic!("cannot listen on {ip}:{port}: {e}"));
        outlines.push_str(&format!(
            "<outline text=\"Farm site {k}\" xmlUrl=\"http://{ip}:{port}/feed.xml\" language=\"en\"/>\n"
        ));
        let (log, pages) = (log.clone(), pages.clone());
        std::thread::Builder::new()
            .stack_size(64 * 1024)
            .spawn(move || {
                for stream in listener.incoming().flatten() {
                    let started = Instant::now();
                    serve(stream, k, items, &pages);
                    if let Ok(mut l) = log[k].lock() {
                        l.push((started, Instant::now()));
                    }
                }
            })
            .expect("a thread");
    }
    if let Some(path) = opml {
        std::fs::write(
            &path,
            format!("<?xml version=\"1.0\"?>\n<opml version=\"2.0\"><head><title>farm</title></head><body>\n{outlines}</body></opml>\n"),
        )
        .expect("the OPML file");
    }
    let control = TcpListener::bind(("127.0.0.1", port)).expect("the control port");
    println!("farm: {hosts} hosts x {items} items on port {port}");
    std::io::stdout().flush().ok();
    for stream in control.incoming().flatten() {
        let stats = stats(&log);
        respond(stream, "application/json", stats.as_bytes());
    }
}

/// The pages a list names (one path a line; `.gz` unpacked).
fn read_pages(list: &str) -> Vec<Vec<u8>> {
    use std::io::Read;
    let text = std::fs::read_to_string(list).expect("the list of pages");
    let pages: Vec<Vec<u8>> = text
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|path| {
            let bytes = std::fs::read(path.trim()).unwrap_or_else(|e| panic!("{path}: {e}"));
            if path.ends_with(".gz") {
                let mut out = Vec::new();
                flate2::read::GzDecoder::new(&bytes[..])
                    .read_to_end(&mut out)
                    .unwrap_or_else(|e| panic!("{path}: {e}"));
                out
            } else {
                bytes
            }
        })
        .collect();
    assert!(!pages.is_empty(), "no pages in {list}");
    pages
}

/// The address of site `k`: 127.0.1.1, 127.0.1.2, … 127.0.1.250, 127.0.2.1, …
fn host_ip(k: usize) -> String {
    format!("127.0.{}.{}", 1 + k / 250, 1 + k % 250)
}

fn stats(log: &Log) -> String {
    let mut requests = 0;
    let mut min_gap: Option<Duration> = None;
    let mut overlaps = 0;
    for host in log.iter() {
        let mut l = host.lock().map(|l| l.clone()).unwrap_or_default();
        l.sort();
        requests += l.len();
        for w in l.windows(2) {
            if w[1].0 < w[0].1 {
                overlaps += 1;
            }
            // from one request's arrival to the next's: a client that waits
            // its delay after each answer leaves at least that much
            let gap = w[1].0.saturating_duration_since(w[0].0);
            min_gap = Some(min_gap.map_or(gap, |m| m.min(gap)));
        }
    }
    format!(
        "{{\"requests\": {requests}, \"min_gap_ms\": {:.1}, \"overlapping\": {overlaps}}}",
        min_gap.map_or(0.0, |g| g.as_secs_f64() * 1000.0)
    )
}

fn serve(stream: TcpStream, site: usize, items: usize, pages: &[Vec<u8>]) {
    let _ = stream.set_read_timeout(Some(Duration::from_secs(10)));
    let Ok(clone) = stream.try_clone() else {
        return;
    };
    let mut reader = BufReader::new(clone);
    let mut line = String::new();
    if reader.read_line(&mut line).is_err() {
        return;
    }
    let path = line.split_whitespace().nth(1).unwrap_or("/").to_owned();
    loop {
        let mut h = String::new();
        if reader.read_line(&mut h).map_or(true, |n| n == 0) || h.trim().is_empty() {
            break;
        }
    }
    match path.as_str() {
        "/robots.txt" => respond(stream, "text/plain", b"User-agent: *\nAllow: /\n"),
        "/feed.xml" => respond(stream, "application/rss+xml", feed(site, items).as_bytes()),
        p => match p.strip_prefix("/a/").and_then(|i| i.parse::<usize>().ok()) {
            Some(i) if i < items => {
                respond(stream, "text/html", &article(pages, site, i, items));
            }
            _ => respond_status(stream, 404, b"not found"),
        },
    }
}

fn respond(stream: TcpStream, content_type: &str, body: &[u8]) {
    write_answer(stream, 200, content_type, body);
}

fn respond_status(stream: TcpStream, status: u16, body: &[u8]) {
    write_answer(stream, status, "text/plain", body);
}

fn write_answer(mut stream: TcpStream, status: u16, content_type: &str, body: &[u8]) {
    let head = format!(
        "HTTP/1.1 {status} X\r\nContent-Type: {content_type}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
        body.len()
    );
    let _ = stream.write_all(head.as_bytes());
    let _ = stream.write_all(body);
    let _ = stream.flush();
}

fn feed(site: usize, items: usize) -> String {
    let entries: String = (0..items)
        .map(|i| {
            format!(
                "<item><title>Item {i}</title><link>/a/{i}</link><pubDate>Mon, 07 Dec 2026 {:02}:{:02}:00 GMT</pubDate></item>",
                i % 24,
                site % 60
            )
        })
        .collect();
    format!(
        "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>Farm site {site}</title><link>/</link><description>News</description>{entries}</channel></rss>"
    )
}

/// Page `i` of site `site`: one of the real pages, marked with the site and
/// item (so each is a document of its own, a copy of a page other sites
/// carry too, as syndicated news is).
fn article(pages: &[Vec<u8>], site: usize, i: usize, items: usize) -> Vec<u8> {
    let page = &pages[(site * items + i) % pages.len()];
    let mut out = format!("<!-- farm site {site} item {i} -->\n").into_bytes();
    out.extend_from_slice(page);
    out
}
