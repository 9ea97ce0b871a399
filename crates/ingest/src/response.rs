//! An HTTP response as an input: a page a WARC archive recorded, or one the
//! collector fetched. One place reads its status, content encoding and
//! content type, so both end the same way: a document of the page, or its
//! rejection with the reason.

use std::io::Read;

use beacon_model::{Given, Payload, Reason};
use chrono::{DateTime, Utc};

use crate::{Item, Raw};

/// A response, its transfer encoding (chunks) already undone.
#[derive(Debug, Clone, Default)]
pub struct Response<'a> {
    /// Where it came from (an archive record's place, or the URL).
    pub origin: String,
    /// The URL it answered (after redirects).
    pub url: Option<String>,
    /// When it was fetched.
    pub fetched_at: Option<DateTime<Utc>>,
    /// The HTTP status.
    pub status: u16,
    /// `Content-Type`, as sent.
    pub content_type: Option<&'a str>,
    /// `Content-Encoding`, as sent.
    pub content_encoding: Option<&'a str>,
    /// The outlet it is from, where known (a collected source's name).
    pub source: Option<String>,
    /// The body, as received.
    pub body: Vec<u8>,
}

/// The page of a response, or why it is none: a status other than 2xx, a
/// content encoding that cannot be undone within `max` bytes, a content
/// type that is not HTML or text.
pub fn page(r: Response<'_>, max: usize) -> Item {
    if !(200..300).contains(&r.status) {
        return Item::Rejected(crate::reject(
            r.origin,
            Reason::HttpStatus,
            format!("HTTP status {}", r.status),
        ));
    }
    let body = match decode_content(r.body, r.content_encoding, max) {
        Ok(b) => b,
        Err((reason, detail)) => return Item::Rejected(crate::reject(r.origin, reason, detail)),
    };
    let content_type = r.content_type.unwrap_or("");
    let payload = match mime(content_type).as_str() {
        "text/html" | "application/xhtml+xml" | "" => Payload::Html,
        "text/plain" => Payload::Scrape,
        other => {
            return Item::Rejected(crate::reject(
                r.origin,
                Reason::UnsupportedType,
                format!("content type {other} is not an HTML page or text"),
            ));
        }
    };
    crate::document(Raw {
        origin: r.origin,
        url: r.url,
        source: r.source,
        fetched_at: r.fetched_at,
        payload,
        declared_charset: crate::decode::charset_param(content_type).map(str::to_owned),
        given: Given::default(),
        body,
    })
}

/// A content type's media type, lower-cased, without parameters.
pub fn mime(content_type: &str) -> String {
    content_type
        .split(';')
        .next()
        .unwrap_or("")
        .trim()
        .to_ascii_lowercase()
}

/// Undoes a content encoding (`gzip`, `deflate`, none), holding the result
/// to `max` bytes (a gzip bomb ends as [`Reason::TooLarge`]).
pub fn decode_content(
    body: Vec<u8>,
    encoding: Option<&str>,
    max: usize,
) -> Result<Vec<u8>, (Reason, String)> {
    match encoding.map(|e| e.trim().to_ascii_lowercase()).as_deref() {
        None | Some("identity" | "") => Ok(body),
        Some("gzip" | "x-gzip") => {
            crate::gunzip_limited(&body, max).map_err(|(reason, detail)| match reason {
                Reason::TooLarge => (reason, detail),
                _ => (
                    Reason::Malformed,
                    format!("gzip content encoding cannot be decoded: {detail}"),
                ),
            })
        }
        Some("deflate") => {
            let mut d = Vec::new();
            flate2::read::ZlibDecoder::new(&body[..])
                .take(max as u64 + 1)
                .read_to_end(&mut d)
                .map_err(|e| {
                    (
                        Reason::Malformed,
                        format!("deflate content encoding cannot be decoded: {e}"),
                    )
                })?;
            if d.len() > max {
                return Err((
                    Reason::TooLarge,
                    format!(
                        "the decompressed response exceeds the limit of {max} bytes (--max-size)"
                    ),
                ));
            }
            Ok(d)
        }
        Some(other) => Err((
            Reason::UnsupportedType,
            format!("content encoding {other:?} is not supported"),
        )),
    }
}
