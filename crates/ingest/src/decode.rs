//! Bytes → UTF-8: binary sniffing and character-encoding detection.
//!
//! Order of evidence, as browsers use it: a byte-order mark, the transport's
//! declared charset (WARC/HTTP `Content-Type`), an HTML `<meta charset>` (or
//! `http-equiv`) in the first 4 KiB, valid UTF-8, and finally statistical
//! detection (`chardetng`, with the URL's top-level domain as a hint).

use beacon_model::Reason;
use encoding_rs::{Encoding, UTF_8};

/// Text decoded from bytes, with the encoding and how it was chosen.
#[derive(Debug)]
pub struct Decoded {
    /// The text.
    pub text: String,
    /// Encoding name (`UTF-8`, `windows-1251`, `GB18030`, …).
    pub encoding: &'static str,
    /// `bom`, `header`, `meta`, `utf-8` or `detected`.
    pub basis: &'static str,
}

/// Magic numbers of formats that are never text.
const MAGIC: &[(&[u8], &str)] = &[
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"%PDF-", "a PDF document"),
    (b"PK\x03\x04", "a ZIP archive (or Office document)"),
    (b"\x1f\x8b", "gzip-compressed data"),
    (b"BZh", "bzip2-compressed data"),
    (b"\xfd7zXZ\x00", "xz-compressed data"),
    (b"(\xb5/\xfd", "zstd-compressed data"),
    (b"\x7fELF", "an ELF executable"),
    (b"MZ", "a Windows executable"),
    (b"RIFF", "a RIFF media file"),
    (b"OggS", "an Ogg media file"),
    (b"\x00\x00\x01\x00", "an icon"),
    (b"wOFF", "a web font"),
    (b"wOF2", "a web font"),
    (b"SQLite format 3\x00", "an SQLite database"),
];

/// If `bytes` is plainly not text, says what it is.
pub fn sniff_binary(bytes: &[u8]) -> Option<String> {
    // A UTF-16 BOM means text with NULs in it.
    if bytes.starts_with(b"\xff\xfe") || bytes.starts_with(b"\xfe\xff") {
        return None;
    }
    if let Some((_, what)) = MAGIC.iter().find(|(m, _)| bytes.starts_with(m)) {
        return Some(format!("the bytes are {what}, not text"));
    }
    if bytes.len() > 8 && (&bytes[4..8] == b"ftyp") {
        return Some("the bytes are an MP4/ISO media file, not text".into());
    }
    let head = &bytes[..bytes.len().min(8192)];
    if memchr::memchr(0, head).is_some() {
        return Some("the bytes contain NUL characters: binary data, not text".into());
    }
    let controls = head
        .iter()
        .filter(|&&b| b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0c | 0x1b))
        .count();
    if head.len() >= 32 && controls * 10 > head.len() {
        return Some(format!(
            "{controls} of the first {} bytes are control characters: binary data, not text",
            head.len()
        ));
    }
    None
}

/// The charset parameter of a MIME type (`text/html; charset=koi8-r`).
pub fn charset_param(content_type: &str) -> Option<&str> {
    let lower = content_type.to_ascii_lowercase();
    let i = lower.find("charset")?;
    let rest = content_type[i + 7..].trim_start();
    let rest = rest.strip_prefix('=')?.trim_start();
    let rest = rest.trim_start_matches(['"', '\'']);
    let end = rest
        .find(|c: char| c == ';' || c == '"' || c == '\'' || c.is_whitespace())
        .unwrap_or(rest.len());
    Some(&rest[..end]).filter(|s| !s.is_empty())
}

/// Finds a `<meta charset>` or `<meta http-equiv=content-type content=…charset=…>`
/// in the first 4 KiB of an HTML page (or an XML declaration's `encoding`).
pub fn meta_charset(bytes: &[u8]) -> Option<&'static Encoding> {
    let head = &bytes[..bytes.len().min(4096)];
    let lower: Vec<u8> = head.iter().map(u8::to_ascii_lowercase).collect();
    if lower.starts_with(b"<?xml")
        && let Some(end) = memchr::memmem::find(&lower, b"?>")
        && let Some(i) = memchr::memmem::find(&lower[..end], b"encoding")
    {
        let s = String::from_utf8_lossy(&head[i + 8..end]);
        let v = s.trim_start_matches(['=', ' ', '"', '\'']);
        let v = v.split(['"', '\'', ' ']).next().unwrap_or("");
        if let Some(e) = Encoding::for_label(v.as_bytes()) {
            return Some(e);
        }
    }
    let mut from = 0;
    while let Some(i) = memchr::memmem::find(&lower[from..], b"<meta") {
        let start = from + i;
        let end = memchr::memchr(b'>', &lower[start..]).map_or(lower.len(), |e| start + e);
        let tag = &lower[start..end];
        if let Some(j) = memchr::memmem::find(tag, b"charset") {
            let rest = &tag[j + 7..];
            let rest = trim_ascii_start(rest);
            if let Some(rest) = rest.strip_prefix(b"=") {
                let rest = trim_ascii_start(rest);
                let rest = rest
                    .strip_prefix(b"\"")
                    .or(rest.strip_prefix(b"'"))
                    .unwrap_or(rest);
                let n = rest
                    .iter()
                    .position(|&b| matches!(b, b'"' | b'\'' | b';' | b' ' | b'/' | b'>'))
                    .unwrap_or(rest.len());
                if let Some(e) = Encoding::for_label(&rest[..n]) {
                    // HTML: a page that claims UTF-16 in ASCII-compatible bytes is UTF-8.
                    return Some(
                        if e == encoding_rs::UTF_16LE || e == encoding_rs::UTF_16BE {
                            UTF_8
                        } else {
                            e
                        },
                    );
                }
            }
        }
        from = end.max(start + 5);
    }
    None
}

fn trim_ascii_start(b: &[u8]) -> &[u8] {
    let n = b.iter().take_while(|c| c.is_ascii_whitespace()).count();
    &b[n..]
}

/// The top-level domain of a URL, for `chardetng`'s hint: lowercase ASCII
/// without periods, as `chardetng` requires (it panics otherwise); `None` for
/// an IDN top-level domain or an IP address.
fn tld(url: Option<&str>) -> Option<String> {
    let host = crate::host(url?)?;
    let tld = host.rsplit('.').next()?.to_ascii_lowercase();
    (!tld.is_empty() && tld.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')).then_some(tld)
}

/// Decodes `bytes` to UTF-8.
///
/// `declared` is a charset from the transport (an HTTP or WARC header); `html`
/// says whether to look for `<meta charset>`. Rejects binary data and bytes that
/// are declared UTF-8 but are not, when no other encoding fits them.
pub fn decode(
    bytes: &[u8],
    declared: Option<&str>,
    html: bool,
    url: Option<&str>,
) -> Result<Decoded, (Reason, String)> {
    if let Some(what) = sniff_binary(bytes) {
        return Err((Reason::Binary, what));
    }
    if let Some((enc, bom_len)) = Encoding::for_bom(bytes) {
        let (text, _) = enc.decode_without_bom_handling(&bytes[bom_len..]);
        return Ok(Decoded {
            text: text.into_owned(),
            encoding: enc.name(),
            basis: "bom",
        });
    }
    let declared_enc = declared
        .and_then(|d| Encoding::for_label(d.trim().as_bytes()))
        .map(|e| (e, "header"))
        .or_else(|| {
            if html {
                meta_charset(bytes).map(|e| (e, "meta"))
            } else {
                None
            }
        });

    if let Some((enc, basis)) = declared_enc {
        if enc != UTF_8 {
            let (text, _, _) = enc.decode(bytes);
            return Ok(Decoded {
                text: text.into_owned(),
                encoding: enc.name(),
                basis,
            });
        }
        if let Ok(s) = std::str::from_utf8(bytes) {
            return Ok(Decoded {
                text: s.to_owned(),
                encoding: "UTF-8",
                basis,
            });
        }
        // Declared UTF-8 but it is not: a mislabelled legacy page is common;
        // accept another encoding only when detection is sure of it.
        let (text, errors) = lossy_utf8(bytes);
        if errors * 200 < bytes.len() {
            // A handful of bad bytes in a UTF-8 page: keep it, replaced.
            return Ok(Decoded {
                text,
                encoding: "UTF-8",
                basis,
            });
        }
        let mut det = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
        det.feed(bytes, true);
        let guess = det.guess(
            tld(url).as_deref().map(str::as_bytes),
            chardetng::Utf8Detection::Deny,
        );
        let (text, _, _) = guess.decode(bytes);
        if plausible(&text) {
            return Ok(Decoded {
                text: text.into_owned(),
                encoding: guess.name(),
                basis: "detected",
            });
        }
        return Err((
            Reason::InvalidEncoding,
            format!(
                "declared UTF-8 ({basis}) but {errors} byte sequences are not UTF-8, and no other encoding fits"
            ),
        ));
    }
    if let Ok(s) = std::str::from_utf8(bytes) {
        return Ok(Decoded {
            text: s.to_owned(),
            encoding: "UTF-8",
            basis: "utf-8",
        });
    }
    let mut det = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    det.feed(bytes, true);
    let guess = det.guess(
        tld(url).as_deref().map(str::as_bytes),
        chardetng::Utf8Detection::Allow,
    );
    let (text, _, _) = guess.decode(bytes);
    Ok(Decoded {
        text: text.into_owned(),
        encoding: guess.name(),
        basis: "detected",
    })
}

/// Does decoded text read as a language? Most of its non-ASCII characters are
/// letters (or CJK ideographs) in real text; mis-decoded or random bytes give
/// symbols, punctuation and control characters.
fn plausible(text: &str) -> bool {
    let (mut non_ascii, mut letters) = (0usize, 0usize);
    for c in text.chars().filter(|c| !c.is_ascii()) {
        non_ascii += 1;
        if c.is_alphabetic() {
            letters += 1;
        }
    }
    non_ascii == 0 || letters * 100 >= non_ascii * 85
}

/// UTF-8 decoding with U+FFFD replacements, counting the replaced sequences.
fn lossy_utf8(bytes: &[u8]) -> (String, usize) {
    let mut out = String::with_capacity(bytes.len());
    let mut errors = 0;
    for chunk in bytes.utf8_chunks() {
        out.push_str(chunk.valid());
        if !chunk.invalid().is_empty() {
            errors += 1;
            out.push('\u{FFFD}');
        }
    }
    (out, errors)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_meta_charsets() {
        assert_eq!(
            meta_charset(b"<html><head><meta charset=\"windows-1251\">").map(|e| e.name()),
            Some("windows-1251")
        );
        assert_eq!(
            meta_charset(
                b"<meta http-equiv=\"Content-Type\" content=\"text/html; charset=gb2312\">"
            )
            .map(|e| e.name()),
            Some("GBK")
        );
        assert_eq!(meta_charset(b"<meta name=x content=y>"), None);
    }

    #[test]
    fn charset_param_is_parsed() {
        assert_eq!(charset_param("text/html; charset=KOI8-R"), Some("KOI8-R"));
        assert_eq!(charset_param("text/html;charset=\"utf-8\""), Some("utf-8"));
        assert_eq!(charset_param("text/html"), None);
    }

    #[test]
    fn detects_undeclared_cyrillic() {
        let (bytes, _, _) = encoding_rs::WINDOWS_1251.encode(
            "Федеральная служба безопасности предупредила о концентрации боевиков у границы.",
        );
        let d = decode(&bytes, None, true, None).unwrap();
        assert_eq!(d.encoding, "windows-1251");
        assert!(d.text.contains("безопасности"));
    }

    #[test]
    fn tld_hints_are_what_chardetng_accepts() {
        assert_eq!(
            tld(Some("https://NEWS.Example.RU/a")).as_deref(),
            Some("ru")
        );
        assert_eq!(tld(Some("https://новости.рф/")), None);
        let (bytes, _, _) = encoding_rs::WINDOWS_1251.encode("Граница закрыта до утра.");
        for url in [
            "https://A.RU/",
            "https://новости.рф/",
            "http://[::1]:80/",
            "https://x.y./",
        ] {
            assert!(decode(&bytes, None, true, Some(url)).is_ok(), "{url}");
        }
    }

    #[test]
    fn png_is_binary() {
        let err = decode(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR", None, true, None).unwrap_err();
        assert_eq!(err.0, Reason::Binary);
    }
}
