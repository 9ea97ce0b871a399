//! Helpers shared by the integration tests.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::time::Duration;

use serde_json::Value;

/// The `beacon` binary under test.
pub fn beacon() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_beacon"));
    // The tests say where the store is; never read the user's environment.
    c.env_remove("BEACON_DATA");
    c
}

/// Output of one run, with helpers for assertions.
pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl Run {
    fn from(o: Output) -> Run {
        let code = o.status.code().unwrap_or_else(|| {
            panic!(
                "beacon was killed by a signal: {:?}\nstderr:\n{}",
                o.status,
                String::from_utf8_lossy(&o.stderr)
            )
        });
        let r = Run {
            code,
            stdout: String::from_utf8(o.stdout).expect("stdout is UTF-8"),
            stderr: String::from_utf8_lossy(&o.stderr).into_owned(),
        };
        assert_ne!(r.code, 101, "beacon panicked:\n{}", r.stderr);
        assert!(
            !r.stderr.contains("panicked"),
            "beacon panicked:\n{}",
            r.stderr
        );
        r
    }

    /// Asserts the exit status, showing stderr when it differs.
    pub fn expect_code(&self, code: i32) -> &Self {
        assert_eq!(
            self.code, code,
            "exit status; stderr:\n{}\nstdout:\n{}",
            self.stderr, self.stdout
        );
        self
    }

    /// stdout as JSONL: one JSON value per line.
    pub fn jsonl(&self) -> Vec<Value> {
        self.stdout
            .lines()
            .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{e}: {l:?}")))
            .collect()
    }

    /// stdout as one JSON value.
    pub fn json(&self) -> Value {
        serde_json::from_str(&self.stdout)
            .unwrap_or_else(|e| panic!("{e}: stdout is not JSON:\n{}", self.stdout))
    }
}

/// Runs `beacon ARGS…`.
pub fn run<I, S>(args: I) -> Run
where
    I: IntoIterator<Item = S>,
    S: AsRef<std::ffi::OsStr>,
{
    Run::from(beacon().args(args).output().expect("beacon runs"))
}

/// Runs `beacon ARGS…` with `input` on stdin.
pub fn run_stdin<I, S>(args: I, input: &[u8]) -> Run
where
    I: IntoIterator<Item = S>,
    S: AsRef<std::ffi::OsStr>,
{
    let mut child = beacon()
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("beacon runs");
    let mut stdin = child.stdin.take().unwrap();
    let input = input.to_vec();
    let writer = std::thread::spawn(move || {
        let _ = stdin.write_all(&input);
    });
    let out = child.wait_with_output().expect("beacon ends");
    writer.join().unwrap();
    Run::from(out)
}

/// `beacon extract --format jsonl PATHS…`.
pub fn extract_jsonl(paths: &[&Path]) -> Run {
    let mut args: Vec<&std::ffi::OsStr> =
        vec!["extract".as_ref(), "--format".as_ref(), "jsonl".as_ref()];
    args.extend(paths.iter().map(|p| p.as_os_str()));
    run(args)
}

/// `beacon ingest --data DATA --summary json PATHS…`.
pub fn ingest_json(data: &Path, paths: &[&Path]) -> Run {
    let mut args: Vec<&std::ffi::OsStr> = vec![
        "ingest".as_ref(),
        "--data".as_ref(),
        data.as_os_str(),
        "--summary".as_ref(),
        "json".as_ref(),
    ];
    args.extend(paths.iter().map(|p| p.as_os_str()));
    run(args)
}

/// `beacon articles list --data DATA --format jsonl -n 100000`.
pub fn list_articles(data: &Path) -> Vec<Value> {
    let r = run([
        "articles".as_ref(),
        "list".as_ref(),
        "--data".as_ref(),
        data.as_os_str(),
        "--format".as_ref(),
        "jsonl".as_ref(),
        "-n".as_ref(),
        "100000".as_ref(),
    ]);
    r.expect_code(0);
    r.jsonl()
}

/// Whether a JSONL record is a rejection.
pub fn is_rejection(v: &Value) -> bool {
    v.get("rejected").is_some()
}

/// The reason of a rejection record, checking its shape (origin, non-empty detail).
pub fn reason(v: &Value) -> &str {
    let rej = v
        .get("rejected")
        .unwrap_or_else(|| panic!("not a rejection: {v}"));
    assert!(v["origin"].is_string(), "rejection without origin: {v}");
    let detail = rej["detail"].as_str().unwrap_or("");
    assert!(!detail.trim().is_empty(), "rejection without detail: {v}");
    rej["reason"].as_str().expect("reason is a string")
}

/// The text of an article record.
pub fn text(v: &Value) -> &str {
    assert!(!is_rejection(v), "expected an article, got {v}");
    v["text"].as_str().expect("article text")
}

/// A news paragraph in English, made distinct by `n`.
pub fn prose(n: usize) -> String {
    format!(
        "Officials in the northern province said on Tuesday that talks on the border crossing number {n} \
         would continue next week, after both delegations agreed on an agenda. The governor told reporters \
         that traffic had resumed and that the markets near the crossing were open again."
    )
}

/// A small, well-formed news page whose article text contains `prose(n)`.
pub fn good_html(n: usize) -> String {
    format!(
        "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Border talks {n}</title></head>\
         <body><nav><a href=\"/\">Home</a> <a href=\"/world\">World</a></nav>\
         <article><h1>Border talks {n}</h1><p>{}</p><p>{}</p></article>\
         <footer>Copyright 2015 Example News</footer></body></html>",
        prose(n),
        prose(n + 1_000_000)
    )
}

/// Writes a file, creating its directory.
pub fn write(path: &Path, bytes: impl AsRef<[u8]>) -> PathBuf {
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).unwrap();
    }
    std::fs::write(path, bytes).unwrap();
    path.to_owned()
}

/// One gzip member holding `bytes`.
pub fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    e.write_all(bytes).unwrap();
    e.finish().unwrap()
}

/// One WARC 1.0 record, with its trailing blank lines.
pub fn warc_record(kind: &str, uri: &str, block: &[u8]) -> Vec<u8> {
    let mut r = format!(
        "WARC/1.0\r\nWARC-Type: {kind}\r\nWARC-Record-ID: <urn:uuid:{:08x}-0000-0000-0000-000000000000>\r\n\
         WARC-Target-URI: {uri}\r\nWARC-Date: 2015-10-28T10:00:00Z\r\n\
         Content-Type: {}\r\nContent-Length: {}\r\n\r\n",
        block.len(),
        match kind {
            "response" => "application/http; msgtype=response",
            "request" => "application/http; msgtype=request",
            "warcinfo" => "application/warc-fields",
            _ => "application/octet-stream",
        },
        block.len()
    )
    .into_bytes();
    r.extend_from_slice(block);
    r.extend_from_slice(b"\r\n\r\n");
    r
}

/// An HTTP response: status line, `Content-Type`, blank line, body.
pub fn http_response(status: &str, content_type: &str, body: &[u8]) -> Vec<u8> {
    let mut r = format!(
        "HTTP/1.1 {status}\r\nContent-Type: {content_type}\r\nContent-Length: {}\r\n\r\n",
        body.len()
    )
    .into_bytes();
    r.extend_from_slice(body);
    r
}

/// Concatenates records into a WARC: plain, or one gzip member per record.
/// Returns the bytes and each record's offset (of its gzip member when gzipped).
pub fn warc(records: &[Vec<u8>], gz: bool) -> (Vec<u8>, Vec<usize>) {
    let mut out = Vec::new();
    let mut offsets = Vec::new();
    for r in records {
        offsets.push(out.len());
        if gz {
            out.extend(gzip(r));
        } else {
            out.extend_from_slice(r);
        }
    }
    (out, offsets)
}

/// SPEC's worked example, read from `../shared/data/seed/` (set
/// `BEACON_SHARED` to the shared folder elsewhere); `None`, with a message,
/// where it is absent: the repo holds no copy of it.
pub fn seed() -> Option<std::path::PathBuf> {
    let base = std::env::var_os("BEACON_SHARED")
        .map(std::path::PathBuf::from)
        .unwrap_or_else(|| {
            std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared")
        });
    let p = base.join("data/seed/khaama-2015-taliban-central-asia.txt");
    if p.is_file() {
        Some(p)
    } else {
        eprintln!("skipped: {} is absent (set BEACON_SHARED)", p.display());
        None
    }
}

/// A `beacon serve` on a free port of 127.0.0.1, stopped when dropped.
pub struct Server {
    child: Child,
    pub port: u16,
}

impl Server {
    pub fn start(data: &Path, env: &[(&str, &str)]) -> Server {
        let mut c = beacon();
        c.args(["serve", "--addr", "127.0.0.1:0", "--data"])
            .arg(data)
            .stdout(Stdio::piped())
            .stderr(Stdio::null());
        for (k, v) in env {
            c.env(k, v);
        }
        let mut child = c.spawn().expect("beacon serve runs");
        let port = announced_port(&mut child);
        Server { child, port }
    }

    pub fn request(&self, method: &str, path: &str, body: Option<&Value>) -> (u16, Value) {
        http(self.port, method, path, body)
    }

    pub fn get(&self, path: &str) -> (u16, Value) {
        self.request("GET", path, None)
    }

    pub fn alive(&mut self) -> bool {
        self.child.try_wait().unwrap().is_none() && self.get("/api/events?limit=1").0 == 200
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// The port of the dashboard a `serve`, `demo` or `run` child announces
/// on the first line of its stdout (`… http://127.0.0.1:PORT/`).
pub fn announced_port(child: &mut Child) -> u16 {
    let mut line = String::new();
    BufReader::new(child.stdout.take().expect("a piped stdout"))
        .read_line(&mut line)
        .expect("the first line");
    line.trim()
        .trim_end_matches('/')
        .rsplit(':')
        .next()
        .and_then(|p| p.parse().ok())
        .unwrap_or_else(|| panic!("no address in {line:?}"))
}

/// One request to 127.0.0.1:`port`: the status and the body as JSON (Null
/// when not JSON).
pub fn http(port: u16, method: &str, path: &str, body: Option<&Value>) -> (u16, Value) {
    http_as(port, method, path, body, None)
}

/// [`http`] with `Authorization: Bearer TOKEN` when a token is given.
pub fn http_as(
    port: u16,
    method: &str,
    path: &str,
    body: Option<&Value>,
    token: Option<&str>,
) -> (u16, Value) {
    let mut s = TcpStream::connect(("127.0.0.1", port)).expect("connects");
    s.set_read_timeout(Some(Duration::from_secs(60))).unwrap();
    let body = body.map(Value::to_string).unwrap_or_default();
    let auth = token.map_or_else(String::new, |t| format!("Authorization: Bearer {t}\r\n"));
    write!(
        s,
        "{method} {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n{auth}\
         Content-Type: application/json\r\nContent-Length: {}\r\n\r\n{body}",
        body.len()
    )
    .unwrap();
    let mut out = Vec::new();
    let _ = s.read_to_end(&mut out);
    let text = String::from_utf8_lossy(&out);
    let status = text
        .split(' ')
        .nth(1)
        .and_then(|c| c.parse().ok())
        .unwrap_or(0);
    let json = text
        .split_once("\r\n\r\n")
        .and_then(|(_, b)| serde_json::from_str(b).ok())
        .unwrap_or(Value::Null);
    (status, json)
}
