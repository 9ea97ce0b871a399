//! WARC 1.0/1.1 reading, plain or gzip-compressed (one member per record, as
//! crawlers write them, or one member for the whole file).
//!
//! `response` records with an HTTP payload become documents; every other
//! record type is skipped and counted. A record's origin is
//! `path#offset`, the byte offset of its gzip member (or of the record in an
//! uncompressed file), as CDX indexes give it. A truncated archive ends with a
//! `truncated` rejection; the records before it are kept.

use std::io::{self, BufRead, BufReader, Read};

use beacon_model::Reason;
use chrono::{DateTime, Utc};

use crate::{Item, Options};

/// A `BufRead` that counts the bytes consumed from it.
struct Counting<R> {
    inner: R,
    pos: u64,
}

impl<R: BufRead> Read for Counting<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.pos += n as u64;
        Ok(n)
    }
}

impl<R: BufRead> BufRead for Counting<R> {
    fn fill_buf(&mut self) -> io::Result<&[u8]> {
        self.inner.fill_buf()
    }
    fn consume(&mut self, amt: usize) {
        self.pos += amt as u64;
        self.inner.consume(amt);
    }
}

/// Reads every record of a WARC stream, calling `sink` for each input.
pub(crate) fn read(
    reader: impl Read,
    gzipped: bool,
    name: &str,
    opts: &Options,
    sink: &mut dyn FnMut(Item),
) {
    let mut input = Counting {
        inner: BufReader::with_capacity(64 * 1024, reader),
        pos: 0,
    };
    if !gzipped {
        let mut records = Records {
            name,
            opts,
            next_index: 0,
            member_start: None,
        };
        records.run(&mut input, sink);
        return;
    }
    loop {
        match input.fill_buf() {
            Ok([]) => return,
            Ok(_) => {}
            Err(e) => {
                sink(Item::Rejected(crate::reject(
                    format!("{name}#{}", input.pos),
                    Reason::Unreadable,
                    format!("cannot read the archive: {e}"),
                )));
                return;
            }
        }
        let start = input.pos;
        let mut member = BufReader::new(flate2::bufread::GzDecoder::new(&mut input));
        let mut records = Records {
            name,
            opts,
            next_index: 0,
            member_start: Some(start),
        };
        if !records.run(&mut member, sink) {
            return;
        }
        drop(member);
        if input.pos == start {
            return; // nothing consumed: not gzip after all; avoid looping
        }
    }
}

struct Records<'a> {
    name: &'a str,
    opts: &'a Options,
    /// Index of the next record within the current gzip member.
    next_index: usize,
    member_start: Option<u64>,
}

impl Records<'_> {
    fn origin(&self, uncompressed_pos: u64) -> String {
        match self.member_start {
            Some(start) if self.next_index == 0 => format!("{}#{start}", self.name),
            Some(start) => format!("{}#{start}+{uncompressed_pos}", self.name),
            None => format!("{}#{uncompressed_pos}", self.name),
        }
    }

    /// Reads records until the end of `r`. Returns false when reading must stop
    /// (truncation or corruption), after reporting it.
    fn run(&mut self, r: &mut dyn BufRead, sink: &mut dyn FnMut(Item)) -> bool {
        let mut pos: u64 = 0;
        loop {
            // Skip blank lines between records.
            let mut line = Vec::new();
            loop {
                line.clear();
                match read_line(r, &mut line, 64 * 1024) {
                    Ok(0) => return true,
                    Ok(n) => {
                        if line.iter().all(|b| b.is_ascii_whitespace()) {
                            pos += n as u64;
                            continue;
                        }
                        break;
                    }
                    Err(e) => return self.fail(pos, e, sink),
                }
            }
            let origin = self.origin(pos);
            if !line.starts_with(b"WARC/") {
                sink(Item::Rejected(crate::reject(
                    origin,
                    Reason::Malformed,
                    "expected a WARC record header (\"WARC/1.x\"); the archive is corrupt here",
                )));
                return false;
            }
            pos += line.len() as u64;
            let headers = match read_headers(r, &mut pos) {
                Ok(h) => h,
                Err(e) => return self.fail(pos, e, sink),
            };
            let get = |k: &str| {
                headers
                    .iter()
                    .find(|(n, _)| n.eq_ignore_ascii_case(k))
                    .map(|(_, v)| v.as_str())
            };
            let Some(len) = get("Content-Length").and_then(|v| v.trim().parse::<u64>().ok()) else {
                sink(Item::Rejected(crate::reject(
                    origin,
                    Reason::Malformed,
                    "WARC record without a valid Content-Length",
                )));
                return false;
            };
            let kind = get("WARC-Type").unwrap_or("").to_ascii_lowercase();
            let url = get("WARC-Target-URI").map(|u| u.trim_matches(['<', '>']).to_owned());
            let date = get("WARC-Date")
                .and_then(|d| DateTime::parse_from_rfc3339(d.trim()).ok())
                .map(|d| d.with_timezone(&Utc));
            self.next_index += 1;
            if kind != "response" || len > self.opts.max_bytes as u64 {
                if let Err(e) = io::copy(&mut r.take(len), &mut io::sink()).and_then(|n| {
                    if n < len {
                        Err(io::ErrorKind::UnexpectedEof.into())
                    } else {
                        Ok(())
                    }
                }) {
                    return self.fail(pos, e, sink);
                }
                pos += len;
                if kind != "response" {
                    sink(Item::Skipped {
                        what: format!("warc {}", if kind.is_empty() { "untyped" } else { &kind }),
                    });
                } else {
                    sink(Item::Rejected(crate::reject(
                        origin,
                        Reason::TooLarge,
                        format!(
                            "response record of {len} bytes exceeds the limit of {} bytes",
                            self.opts.max_bytes
                        ),
                    )));
                }
                continue;
            }
            let mut block = Vec::with_capacity(len as usize);
            match r.take(len).read_to_end(&mut block) {
                Ok(n) if (n as u64) < len => {
                    return self.fail(pos, io::ErrorKind::UnexpectedEof.into(), sink);
                }
                Ok(_) => {}
                Err(e) => return self.fail(pos, e, sink),
            }
            pos += len;
            sink(http_response(
                origin,
                url,
                date,
                &block,
                self.opts.max_bytes,
            ));
        }
    }

    fn fail(&self, pos: u64, e: io::Error, sink: &mut dyn FnMut(Item)) -> bool {
        let origin = self.origin(pos);
        let (reason, detail) = if e.kind() == io::ErrorKind::UnexpectedEof {
            (
                Reason::Truncated,
                "the archive ends in the middle of a record".to_owned(),
            )
        } else {
            (Reason::Malformed, format!("cannot read the archive: {e}"))
        };
        sink(Item::Rejected(crate::reject(origin, reason, detail)));
        false
    }
}

/// Reads one line (with its `\n`) of at most `max` bytes.
fn read_line(r: &mut dyn BufRead, buf: &mut Vec<u8>, max: usize) -> io::Result<usize> {
    let n = r.take(max as u64).read_until(b'\n', buf)?;
    if n == max && buf.last() != Some(&b'\n') {
        return Err(io::Error::new(
            io::ErrorKind::InvalidData,
            "header line too long",
        ));
    }
    Ok(n)
}

fn read_headers(r: &mut dyn BufRead, pos: &mut u64) -> io::Result<Vec<(String, String)>> {
    let mut headers: Vec<(String, String)> = Vec::new();
    let mut line = Vec::new();
    loop {
        line.clear();
        let n = read_line(r, &mut line, 64 * 1024)?;
        if n == 0 {
            return Err(io::ErrorKind::UnexpectedEof.into());
        }
        *pos += n as u64;
        let l = String::from_utf8_lossy(&line);
        let l = l.trim_end_matches(['\r', '\n']);
        if l.is_empty() {
            return Ok(headers);
        }
        if l.starts_with([' ', '\t']) {
            if let Some(last) = headers.last_mut() {
                last.1.push(' ');
                last.1.push_str(l.trim());
            }
            continue;
        }
        if let Some((k, v)) = l.split_once(':') {
            headers.push((k.trim().to_owned(), v.trim().to_owned()));
        }
        if headers.len() > 1000 {
            return Err(io::Error::new(
                io::ErrorKind::InvalidData,
                "too many header lines",
            ));
        }
    }
}

/// Turns the block of a `response` record (an HTTP response) into an input;
/// its decoded body is held to `max` bytes, as any input is.
fn http_response(
    origin: String,
    url: Option<String>,
    fetched: Option<DateTime<Utc>>,
    block: &[u8],
    max: usize,
) -> Item {
    let Some(head_end) = memchr::memmem::find(block, b"\r\n\r\n")
        .map(|i| (i, i + 4))
        .or_else(|| memchr::memmem::find(block, b"\n\n").map(|i| (i, i + 2)))
    else {
        return Item::Rejected(crate::reject(
            origin,
            Reason::Malformed,
            "response record without an HTTP header",
        ));
    };
    let head = String::from_utf8_lossy(&block[..head_end.0]);
    let mut lines = head.lines();
    let status_line = lines.next().unwrap_or("");
    let status: u16 = status_line
        .split_whitespace()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    let headers: Vec<(&str, &str)> = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(k, v)| (k.trim(), v.trim()))
        .collect();
    let get = |k: &str| {
        headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(k))
            .map(|(_, v)| *v)
    };
    let mut body = block[head_end.1..].to_vec();
    if get("Transfer-Encoding").is_some_and(|t| t.to_ascii_lowercase().contains("chunked"))
        && let Some(d) = dechunk(&body)
    {
        body = d;
    }
    crate::response::page(
        crate::response::Response {
            origin,
            url,
            fetched_at: fetched,
            status,
            content_type: get("Content-Type"),
            content_encoding: get("Content-Encoding"),
            source: None,
            body,
        },
        max,
    )
}

/// Decodes an HTTP chunked body; `None` when it is not validly chunked.
fn dechunk(mut b: &[u8]) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(b.len());
    loop {
        let nl = memchr::memchr(b'\n', b)?;
        let size_str = std::str::from_utf8(&b[..nl]).ok()?.trim();
        let size_str = size_str.split(';').next()?.trim();
        let size = usize::from_str_radix(size_str, 16).ok()?;
        b = &b[nl + 1..];
        if size == 0 {
            return Some(out);
        }
        if b.len() < size {
            out.extend_from_slice(b);
            return Some(out);
        }
        out.extend_from_slice(&b[..size]);
        b = &b[size..];
        b = b
            .strip_prefix(b"\r\n")
            .or(b.strip_prefix(b"\n"))
            .unwrap_or(b);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dechunks() {
        assert_eq!(
            dechunk(b"5\r\nhello\r\n6\r\n world\r\n0\r\n\r\n").unwrap(),
            b"hello world"
        );
        assert_eq!(dechunk(b"<html>"), None);
    }
}
