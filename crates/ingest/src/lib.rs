//! Ingest: everything Beacon reads becomes a [`Document`] or a [`Rejection`].
//!
//! Inputs are HTML files, plain-text scrapes, JSONL (`url` with `html`,
//! `scrape` or `text`), WARC / WARC.gz, RSS / Atom files, gzip-compressed
//! files of any of these, directories (recursively, in name order) and stdin.
//! Formats are told by file name and confirmed by content; stdin and unknown
//! names are sniffed.
//!
//! Execution model: [`read`] walks its inputs in order and calls the sink once
//! per input (a file, an archive record, a JSONL line, a feed item) with
//! [`Item::Document`], [`Item::Rejected`] or [`Item::Skipped`] (a WARC record
//! that is not a response). It never panics on bad bytes and never stops a
//! batch for one bad input: a problem with one input is that input's
//! rejection. Memory is bounded by one input at a time (archives stream).
//!
//! ```
//! use beacon_ingest::{Item, Options, read_bytes};
//! let mut docs = Vec::new();
//! read_bytes(b"<html><p>Hello</p></html>", "-", &Options::default(), &mut |item| {
//!     if let Item::Document(d) = item { docs.push(d) }
//! });
//! assert_eq!(docs[0].text, "<html><p>Hello</p></html>");
//! ```

pub mod decode;
mod feed;
pub mod response;

pub use feed::{FeedLink, links as feed_links};
mod warc;

use std::fs;
use std::io::{self, BufRead, BufReader, Read};
use std::path::{Path, PathBuf};

use beacon_model::{DocId, Document, Given, Payload, Reason, Rejection};
use chrono::{DateTime, NaiveDate, Utc};

/// One outcome of reading.
#[derive(Debug)]
pub enum Item {
    /// An input that became a document.
    Document(Box<Document>),
    /// An input that could not: with the reason.
    Rejected(Rejection),
    /// A record that is not an input by design (a WARC `request` or
    /// `warcinfo` record): counted, not rejected.
    Skipped {
        /// What was skipped (`warc request`, …).
        what: String,
    },
}

/// How inputs are read.
#[derive(Debug, Clone)]
pub struct Options {
    /// Largest single input (a file, an archive record, a JSONL line), in bytes.
    pub max_bytes: usize,
}

/// The default limit on one input: 20 MiB, as trafilatura's.
pub const DEFAULT_MAX_BYTES: usize = 20 * 1024 * 1024;

impl Default for Options {
    fn default() -> Self {
        Options {
            max_bytes: DEFAULT_MAX_BYTES,
        }
    }
}

/// What a file holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Format {
    Html,
    Scrape,
    Jsonl,
    Warc,
    Feed,
}

/// Reads every path (files and directories, recursively; `-` is stdin), in order.
pub fn read(paths: &[PathBuf], opts: &Options, sink: &mut dyn FnMut(Item)) {
    for p in paths {
        if p.as_os_str() == "-" {
            read_stdin(opts, sink);
        } else {
            read_path(p, opts, sink);
        }
    }
}

/// Reads standard input, sniffing its format.
pub fn read_stdin(opts: &Options, sink: &mut dyn FnMut(Item)) {
    let stdin = io::stdin();
    let mut lock = stdin.lock();
    // Stream archives and JSONL rather than holding them whole.
    let head = match lock.fill_buf() {
        Ok(h) => h.to_vec(),
        Err(e) => {
            sink(Item::Rejected(reject(
                "-",
                Reason::Unreadable,
                e.to_string(),
            )));
            return;
        }
    };
    // A gzipped WARC is told by its first decompressed bytes, so that it is
    // streamed member by member (origins are the members' offsets) rather
    // than decompressed whole under the single-input size limit.
    let format = if head.starts_with(b"\x1f\x8b") && gunzipped_head_is_warc(&head) {
        Some(Format::Warc)
    } else {
        sniff(&head, "")
    };
    match format {
        Some(Format::Warc) => warc::read(lock, head.starts_with(b"\x1f\x8b"), "-", opts, sink),
        Some(Format::Jsonl) => read_jsonl(lock, "-", opts, sink),
        _ => match read_limited(lock, opts.max_bytes, None) {
            Ok(bytes) => read_input(bytes.into(), "-", opts, sink),
            Err(r) => sink(Item::Rejected(reject("-", r.0, r.1))),
        },
    }
}

/// Whether the start of a gzip stream decompresses to a WARC record header.
fn gunzipped_head_is_warc(head: &[u8]) -> bool {
    let mut start = [0u8; 5];
    flate2::read::GzDecoder::new(head)
        .read_exact(&mut start)
        .is_ok_and(|()| &start == b"WARC/")
}

/// Reads one path: a file or a directory.
pub fn read_path(path: &Path, opts: &Options, sink: &mut dyn FnMut(Item)) {
    let name = path.display().to_string();
    let meta = match fs::metadata(path) {
        Ok(m) => m,
        Err(e) => {
            sink(Item::Rejected(reject(
                name,
                Reason::Unreadable,
                io_detail(&e),
            )));
            return;
        }
    };
    if meta.is_dir() {
        let mut entries: Vec<PathBuf> = match fs::read_dir(path) {
            Ok(rd) => rd.filter_map(|e| e.ok().map(|e| e.path())).collect(),
            Err(e) => {
                sink(Item::Rejected(reject(
                    name,
                    Reason::Unreadable,
                    io_detail(&e),
                )));
                return;
            }
        };
        entries.sort();
        for e in entries {
            let hidden = e
                .file_name()
                .is_some_and(|n| n.to_string_lossy().starts_with('.'));
            let linked_dir =
                fs::symlink_metadata(&e).is_ok_and(|m| m.file_type().is_symlink()) && e.is_dir();
            if !hidden && !linked_dir {
                read_path(&e, opts, sink);
            }
        }
        return;
    }
    let lower = name.to_ascii_lowercase();
    let file = match open_regular(path, &meta) {
        Ok(f) => f,
        Err((reason, detail)) => {
            sink(Item::Rejected(reject(name, reason, detail)));
            return;
        }
    };
    // An empty archive or JSONL file holds no record to reject: reject the file
    // itself, as an empty page is, rather than drop it silently.
    if meta.len() == 0 {
        sink(Item::Rejected(reject(
            name,
            Reason::Empty,
            "the input is empty",
        )));
        return;
    }
    // Archives and JSONL are streamed, whatever their size.
    if lower.ends_with(".warc") || lower.ends_with(".warc.gz") || lower.ends_with(".arc.gz") {
        let mut r = BufReader::new(file);
        let gz = r.fill_buf().is_ok_and(|h| h.starts_with(b"\x1f\x8b"));
        warc::read(r, gz, &name, opts, sink);
        return;
    }
    if lower.ends_with(".jsonl") || lower.ends_with(".ndjson") {
        read_jsonl(BufReader::new(file), &name, opts, sink);
        return;
    }
    if lower.ends_with(".jsonl.gz") || lower.ends_with(".ndjson.gz") {
        let gz = flate2::read::MultiGzDecoder::new(BufReader::new(file));
        read_jsonl(BufReader::new(gz), &name, opts, sink);
        return;
    }
    if meta.len() > opts.max_bytes as u64 && !lower.ends_with(".gz") {
        sink(Item::Rejected(reject(
            name,
            Reason::TooLarge,
            format!(
                "the file is {} bytes; the limit is {} bytes (--max-size)",
                meta.len(),
                opts.max_bytes
            ),
        )));
        return;
    }
    let size = (!lower.ends_with(".gz")).then_some(meta.len());
    let bytes = match read_limited(file, opts.max_bytes, size) {
        Ok(b) => b,
        Err((reason, detail)) => {
            sink(Item::Rejected(reject(name, reason, detail)));
            return;
        }
    };
    read_input(bytes.into(), &name, opts, sink);
}

/// What a file that is not a regular file is, in words.
fn kind_of(t: fs::FileType) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if t.is_fifo() {
            return "a named pipe (FIFO)";
        }
        if t.is_socket() {
            return "a socket";
        }
        if t.is_char_device() || t.is_block_device() {
            return "a device";
        }
    }
    // elsewhere the type is not told apart
    #[cfg(not(unix))]
    let _ = t;
    "not a regular file"
}

/// Opens a regular file, and only one: a named pipe, a socket or a device
/// (which could block the run forever, or never end) is refused with a
/// reason. The file is opened without blocking and checked again once
/// open, so that one swapped in meanwhile is refused too.
fn open_regular(path: &Path, meta: &fs::Metadata) -> Result<fs::File, (Reason, String)> {
    let refuse = |t: fs::FileType| {
        (
            Reason::UnsupportedType,
            format!(
                "{}: Beacon reads regular files and directories, and standard input as `-` \
                 (`… | beacon ingest -`)",
                kind_of(t)
            ),
        )
    };
    if !meta.is_file() {
        return Err(refuse(meta.file_type()));
    }
    let mut options = fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(libc::O_NONBLOCK);
    }
    let file = options
        .open(path)
        .map_err(|e| (Reason::Unreadable, io_detail(&e)))?;
    match file.metadata() {
        Ok(m) if m.is_file() => Ok(file),
        Ok(m) => Err(refuse(m.file_type())),
        Err(e) => Err((Reason::Unreadable, io_detail(&e))),
    }
}

/// Reads one in-memory input whose format is told by `name` and its content.
pub fn read_bytes(bytes: &[u8], name: &str, opts: &Options, sink: &mut dyn FnMut(Item)) {
    read_input(std::borrow::Cow::Borrowed(bytes), name, opts, sink);
}

/// [`read_bytes`] of bytes read whole: a page becomes its document's body
/// without a copy.
fn read_input(
    bytes: std::borrow::Cow<'_, [u8]>,
    name: &str,
    opts: &Options,
    sink: &mut dyn FnMut(Item),
) {
    if bytes.iter().all(u8::is_ascii_whitespace) {
        sink(Item::Rejected(reject(
            name,
            Reason::Empty,
            "the input is empty",
        )));
        return;
    }
    if bytes.starts_with(b"\x1f\x8b") {
        let stem = name.strip_suffix(".gz").unwrap_or(name);
        if bytes.len() > 2 && stem.to_ascii_lowercase().ends_with(".warc") {
            warc::read(&bytes[..], true, name, opts, sink);
            return;
        }
        match gunzip_limited(&bytes, opts.max_bytes) {
            Ok(inner) => read_named(inner.into(), name, stem, opts, sink),
            Err((reason, detail)) => sink(Item::Rejected(reject(name, reason, detail))),
        }
        return;
    }
    read_named(bytes, name, name, opts, sink);
}

fn read_named(
    bytes: std::borrow::Cow<'_, [u8]>,
    origin: &str,
    name: &str,
    opts: &Options,
    sink: &mut dyn FnMut(Item),
) {
    let format = match sniff(&bytes, name) {
        Some(f) => f,
        None => {
            let detail = decode::sniff_binary(&bytes)
                .unwrap_or_else(|| "the file is neither HTML, text, JSONL, WARC nor a feed".into());
            sink(Item::Rejected(reject(origin, Reason::Binary, detail)));
            return;
        }
    };
    match format {
        Format::Warc => warc::read(&bytes[..], false, origin, opts, sink),
        Format::Jsonl => read_jsonl(&bytes[..], origin, opts, sink),
        Format::Feed => feed::read(&bytes, origin, sink),
        Format::Html | Format::Scrape => sink(document(Raw {
            origin: origin.to_owned(),
            url: None,
            source: None,
            fetched_at: None,
            payload: if format == Format::Html {
                Payload::Html
            } else {
                Payload::Scrape
            },
            declared_charset: None,
            given: Given::default(),
            body: bytes.into_owned(),
        })),
    }
}

/// Tells a format from a file name and the first bytes; `None` for binary data.
fn sniff(bytes: &[u8], name: &str) -> Option<Format> {
    let lower = name.to_ascii_lowercase();
    let ext = lower.rsplit_once('.').map_or("", |(_, e)| e);
    if bytes.starts_with(b"WARC/") {
        return Some(Format::Warc);
    }
    if decode::sniff_binary(bytes).is_some() && !bytes.starts_with(b"\x1f\x8b") {
        return None;
    }
    let head = &bytes[..bytes.len().min(2048)];
    let head_text = String::from_utf8_lossy(head).to_ascii_lowercase();
    let trimmed = head_text.trim_start_matches('\u{feff}').trim_start();
    let looks_feed =
        trimmed.starts_with("<?xml") || trimmed.starts_with("<rss") || trimmed.starts_with("<feed");
    let is_feed_root =
        head_text.contains("<rss") || head_text.contains("<feed") || head_text.contains("<rdf:rdf");
    match ext {
        "html" | "htm" | "xhtml" | "shtml" | "php" | "asp" | "aspx" | "jsp" => {
            return Some(Format::Html);
        }
        "txt" | "text" | "md" => return Some(Format::Scrape),
        "jsonl" | "ndjson" => return Some(Format::Jsonl),
        "warc" => return Some(Format::Warc),
        "rss" | "atom" => return Some(Format::Feed),
        "xml" | "rdf" if is_feed_root => return Some(Format::Feed),
        _ => {}
    }
    if looks_feed && is_feed_root {
        return Some(Format::Feed);
    }
    if trimmed.starts_with('{') {
        return Some(Format::Jsonl);
    }
    if trimmed.starts_with('<')
        && [
            "<html",
            "<!doctype html",
            "<head",
            "<body",
            "<div",
            "<p",
            "<meta",
            "<article",
            "<title",
            "<!--",
        ]
        .iter()
        .any(|t| trimmed.contains(t))
    {
        return Some(Format::Html);
    }
    Some(Format::Scrape)
}

/// One JSONL line's fields (SPEC: `url` with `html`, `scrape` or `text`).
#[derive(serde::Deserialize)]
struct Line {
    url: Option<String>,
    html: Option<String>,
    scrape: Option<String>,
    text: Option<String>,
    title: Option<String>,
    published: Option<String>,
    fetched_at: Option<String>,
    byline: Option<String>,
    source: Option<String>,
    #[serde(alias = "lang")]
    language: Option<String>,
}

fn read_jsonl(mut r: impl BufRead, name: &str, opts: &Options, sink: &mut dyn FnMut(Item)) {
    let mut buf = Vec::new();
    let mut line_no = 0usize;
    loop {
        buf.clear();
        line_no += 1;
        let origin = format!("{name}:{line_no}");
        let mut limited = (&mut r).take(opts.max_bytes as u64 + 1);
        match limited.read_until(b'\n', &mut buf) {
            Ok(0) => return,
            Ok(_) => {}
            Err(e) => {
                sink(Item::Rejected(reject(
                    origin,
                    Reason::Unreadable,
                    io_detail(&e),
                )));
                return;
            }
        }
        if buf.len() > opts.max_bytes && buf.last() != Some(&b'\n') {
            // Skip the rest of the over-long line.
            let mut skipped = buf.len();
            loop {
                buf.clear();
                match (&mut r).take(1 << 20).read_until(b'\n', &mut buf) {
                    Ok(0) => break,
                    Ok(n) => {
                        skipped += n;
                        if buf.last() == Some(&b'\n') {
                            break;
                        }
                    }
                    Err(_) => break,
                }
            }
            sink(Item::Rejected(reject(
                origin,
                Reason::TooLarge,
                format!(
                    "the line is {skipped} bytes; the limit is {} bytes",
                    opts.max_bytes
                ),
            )));
            continue;
        }
        if buf.iter().all(u8::is_ascii_whitespace) {
            continue;
        }
        sink(jsonl_line(&buf, origin));
    }
}

fn jsonl_line(buf: &[u8], origin: String) -> Item {
    let line = match std::str::from_utf8(buf) {
        Ok(s) => s,
        Err(e) => {
            return Item::Rejected(reject(
                origin,
                Reason::InvalidEncoding,
                format!("the line is not valid UTF-8 ({e}); JSON must be UTF-8"),
            ));
        }
    };
    let parsed: Line = match serde_json::from_str(line) {
        Ok(l) => l,
        Err(e) => {
            return Item::Rejected(reject(
                origin,
                Reason::Malformed,
                format!("the line is not a JSON object with string fields: {e}"),
            ));
        }
    };
    let (payload, body) = match (parsed.html, parsed.scrape, parsed.text) {
        (Some(h), _, _) => (Payload::Html, h),
        (None, Some(s), _) => (Payload::Scrape, s),
        (None, None, Some(t)) => (Payload::Text, t),
        (None, None, None) => {
            return Item::Rejected(reject(
                origin,
                Reason::Malformed,
                "the line has none of the fields \"html\", \"scrape\" or \"text\"",
            ));
        }
    };
    document(Raw {
        origin,
        source: parsed
            .source
            .or_else(|| parsed.url.as_deref().and_then(host).map(str::to_owned)),
        url: parsed.url,
        fetched_at: parsed.fetched_at.as_deref().and_then(parse_time),
        payload,
        declared_charset: Some("utf-8".into()),
        given: Given {
            title: parsed.title,
            published: parsed.published,
            byline: parsed.byline,
            language: parsed.language,
        },
        body: body.into_bytes(),
    })
}

/// Parses an RFC 3339 timestamp or a bare date (midnight UTC).
pub fn parse_time(s: &str) -> Option<DateTime<Utc>> {
    let s = s.trim();
    DateTime::parse_from_rfc3339(s)
        .map(|d| d.with_timezone(&Utc))
        .ok()
        .or_else(|| {
            NaiveDate::parse_from_str(s, "%Y-%m-%d")
                .ok()
                .and_then(|d| d.and_hms_opt(0, 0, 0))
                .map(|d| d.and_utc())
        })
}

/// An input before decoding.
pub(crate) struct Raw {
    pub origin: String,
    pub url: Option<String>,
    pub source: Option<String>,
    pub fetched_at: Option<DateTime<Utc>>,
    pub payload: Payload,
    pub declared_charset: Option<String>,
    pub given: Given,
    pub body: Vec<u8>,
}

/// Decodes a raw input into a document, or rejects it.
pub(crate) fn document(raw: Raw) -> Item {
    if raw.body.iter().all(u8::is_ascii_whitespace) {
        return Item::Rejected(reject(raw.origin, Reason::Empty, "the input is empty"));
    }
    let decoded = match decode::decode(
        &raw.body,
        raw.declared_charset.as_deref(),
        raw.payload == Payload::Html,
        raw.url.as_deref(),
    ) {
        Ok(d) => d,
        Err((reason, detail)) => return Item::Rejected(reject(raw.origin, reason, detail)),
    };
    let content_type = match raw.payload {
        Payload::Html => format!("text/html; charset={}", decoded.encoding),
        p => format!("{}; charset={}", p.content_type(), decoded.encoding),
    };
    Item::Document(Box::new(Document {
        id: DocId::of(&raw.body),
        source: raw
            .source
            .or_else(|| raw.url.as_deref().and_then(host).map(str::to_owned)),
        origin: raw.origin,
        url: raw.url,
        fetched_at: raw.fetched_at,
        content_type,
        payload: raw.payload,
        encoding: decoded.encoding.to_owned(),
        encoding_basis: decoded.basis.to_owned(),
        given: raw.given,
        text: decoded.text,
        body: raw.body,
    }))
}

pub(crate) fn reject(
    origin: impl Into<String>,
    reason: Reason,
    detail: impl Into<String>,
) -> Rejection {
    Rejection::new(origin, reason, detail)
}

/// The host of a URL, without `www.`.
pub fn host(url: &str) -> Option<&str> {
    let rest = url.split_once("://").map_or(url, |(_, r)| r);
    let end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    let host = &rest[..end];
    let host = host.rsplit_once('@').map_or(host, |(_, h)| h);
    let host = host.split(':').next().unwrap_or(host);
    let host = host.strip_prefix("www.").unwrap_or(host);
    (!host.is_empty() && host.contains('.')).then_some(host)
}

fn io_detail(e: &io::Error) -> String {
    match e.kind() {
        io::ErrorKind::NotFound => "no such file (or a dangling link)".into(),
        io::ErrorKind::PermissionDenied => "permission denied".into(),
        _ => format!("cannot read: {e}"),
    }
}

/// Reads at most `max` bytes (one more tells that there were more);
/// `size`, where known, is how many to expect, so the buffer is made once.
fn read_limited(r: impl Read, max: usize, size: Option<u64>) -> Result<Vec<u8>, (Reason, String)> {
    let expected = size.map_or(0, |n| usize::try_from(n).unwrap_or(max).min(max) + 1);
    let mut bytes = Vec::with_capacity(expected);
    match r.take(max as u64 + 1).read_to_end(&mut bytes) {
        Ok(_) if bytes.len() > max => Err((
            Reason::TooLarge,
            format!("the input exceeds the limit of {max} bytes (--max-size)"),
        )),
        Ok(_) => Ok(bytes),
        Err(e) => Err((Reason::Unreadable, io_detail(&e))),
    }
}

pub(crate) fn gunzip_limited(bytes: &[u8], max: usize) -> Result<Vec<u8>, (Reason, String)> {
    let mut out = Vec::new();
    match flate2::read::MultiGzDecoder::new(bytes)
        .take(max as u64 + 1)
        .read_to_end(&mut out)
    {
        Ok(_) if out.len() > max => Err((
            Reason::TooLarge,
            format!("the decompressed input exceeds the limit of {max} bytes (--max-size)"),
        )),
        Ok(_) => Ok(out),
        Err(e) if e.kind() == io::ErrorKind::UnexpectedEof => {
            Err((Reason::Truncated, "the gzip stream is truncated".into()))
        }
        Err(e) => Err((
            Reason::Malformed,
            format!("the gzip stream cannot be decoded: {e}"),
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn collect(bytes: &[u8], name: &str) -> Vec<Item> {
        let mut v = Vec::new();
        read_bytes(bytes, name, &Options::default(), &mut |i| v.push(i));
        v
    }

    #[test]
    fn hosts() {
        assert_eq!(host("https://www.khaama.com/x/y"), Some("khaama.com"));
        assert_eq!(
            host("http://user@news.bbc.co.uk:8080/a"),
            Some("news.bbc.co.uk")
        );
        assert_eq!(host("page.html"), Some("page.html"));
        assert_eq!(host("nohost"), None);
    }

    #[test]
    fn a_jsonl_line_may_state_its_language() {
        let input = "{\"text\":\"Жители Хорога вышли на акцию протеста.\",\"language\":\"ru\"}\n\
                     {\"text\":\"صدها نفر تظاهرات کردند.\",\"lang\":\"fa\"}\n";
        let items = collect(input.as_bytes(), "in.jsonl");
        let stated: Vec<Option<&str>> = items
            .iter()
            .map(|i| match i {
                Item::Document(d) => d.given.language.as_deref(),
                other => panic!("{other:?}"),
            })
            .collect();
        assert_eq!(stated, [Some("ru"), Some("fa")]);
    }

    #[test]
    fn jsonl_lines_become_documents_or_rejections() {
        let input = b"{\"url\":\"https://a.org/1\",\"text\":\"Hello.\",\"published\":\"2015-10-28\"}\nnot json\n\n{\"url\":\"x\"}\n";
        let items = collect(input, "in.jsonl");
        assert_eq!(items.len(), 3);
        match &items[0] {
            Item::Document(d) => {
                assert_eq!(d.payload, Payload::Text);
                assert_eq!(d.origin, "in.jsonl:1");
                assert_eq!(d.given.published.as_deref(), Some("2015-10-28"));
                assert_eq!(d.source.as_deref(), Some("a.org"));
            }
            other => panic!("{other:?}"),
        }
        assert!(
            matches!(&items[1], Item::Rejected(r) if r.reason() == Reason::Malformed && r.origin == "in.jsonl:2")
        );
        assert!(
            matches!(&items[2], Item::Rejected(r) if r.reason() == Reason::Malformed && r.origin == "in.jsonl:4")
        );
    }

    #[test]
    fn sniffs_formats() {
        assert_eq!(sniff(b"<!DOCTYPE html><html>", "x"), Some(Format::Html));
        assert_eq!(
            sniff(b"<?xml version=\"1.0\"?><rss version=\"2.0\">", "x"),
            Some(Format::Feed)
        );
        assert_eq!(sniff(b"WARC/1.0\r\n", "x"), Some(Format::Warc));
        assert_eq!(sniff(b"{\"url\": 1}", "x"), Some(Format::Jsonl));
        assert_eq!(
            sniff(b"Monday, June 17\n\nSome text.", "x"),
            Some(Format::Scrape)
        );
        assert_eq!(sniff(b"\x89PNG\r\n\x1a\n\0\0", "x.html"), None);
    }
}
