//! Every answer the collector gets, kept as WARC (ISO 28500, WARC/1.1) for
//! provenance and replay (`beacon collect --warc DIR`): one `.warc.gz` file
//! a run (`beacon collect --once`, or `beacon run` from start to stop), a `warcinfo` record first, then one `response` record an answer
//! (feeds, sitemaps and pages; not robots.txt),
//! each its own gzip member (so a run killed mid-record leaves every record
//! before it whole). The HTTP payload is kept as Beacon read it: its
//! content encoding undone, with the status and the headers Beacon reads
//! (`Content-Type`, `ETag`, `Last-Modified`). `beacon ingest` reads the
//! files back.

use std::fs::File;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicU64, Ordering};

use chrono::Utc;

/// A WARC file being written.
#[derive(Debug)]
pub struct WarcWriter {
    path: PathBuf,
    file: Mutex<File>,
    records: AtomicU64,
}

impl WarcWriter {
    /// A new file in `dir` (made if needed), named by the time and the
    /// process, begun with its `warcinfo` record.
    pub fn create(dir: &Path, software: &str) -> std::io::Result<WarcWriter> {
        std::fs::create_dir_all(dir)?;
        let name = format!(
            "beacon-{}-{}.warc.gz",
            Utc::now().format("%Y%m%d%H%M%S"),
            std::process::id()
        );
        let path = dir.join(name);
        let file = File::options().create_new(true).write(true).open(&path)?;
        let w = WarcWriter {
            path,
            file: Mutex::new(file),
            records: AtomicU64::new(0),
        };
        let info = format!("software: {software}\r\nformat: WARC File Format 1.1\r\n");
        w.record("warcinfo", None, "application/warc-fields", info.as_bytes())?;
        Ok(w)
    }

    /// The file's path.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Keeps an answer: `url`'s `status`, the headers given, the body.
    pub fn response(
        &self,
        url: &str,
        status: u16,
        headers: &[(&str, &str)],
        body: &[u8],
    ) -> std::io::Result<()> {
        let mut block = format!("HTTP/1.1 {status} {}\r\n", reason(status)).into_bytes();
        for (k, v) in headers {
            // a header value never breaks the record's lines
            let v: String = v.chars().filter(|c| !c.is_control()).collect();
            block.extend_from_slice(format!("{k}: {v}\r\n").as_bytes());
        }
        block.extend_from_slice(format!("Content-Length: {}\r\n\r\n", body.len()).as_bytes());
        block.extend_from_slice(body);
        self.record(
            "response",
            Some(url),
            "application/http;msgtype=response",
            &block,
        )
    }

    fn record(
        &self,
        kind: &str,
        uri: Option<&str>,
        content_type: &str,
        block: &[u8],
    ) -> std::io::Result<()> {
        let n = self.records.fetch_add(1, Ordering::Relaxed);
        let now = Utc::now();
        let id = record_id(&self.path, n, now.timestamp_nanos_opt().unwrap_or(0));
        let mut head = format!(
            "WARC/1.1\r\nWARC-Type: {kind}\r\nWARC-Record-ID: <urn:uuid:{id}>\r\nWARC-Date: {}\r\n",
            now.to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
        );
        if let Some(u) = uri {
            let u: String = u.chars().filter(|c| !c.is_control() && *c != ' ').collect();
            head.push_str(&format!("WARC-Target-URI: {u}\r\n"));
        }
        head.push_str(&format!(
            "Content-Type: {content_type}\r\nContent-Length: {}\r\n\r\n",
            block.len()
        ));
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        gz.write_all(head.as_bytes())?;
        gz.write_all(block)?;
        gz.write_all(b"\r\n\r\n")?;
        let member = gz.finish()?;
        let mut file = self
            .file
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        file.write_all(&member)
    }
}

/// A record id shaped as a UUID (version 4's bits), unique to the file,
/// the record's number and the time.
fn record_id(path: &Path, n: u64, nanos: i64) -> String {
    let h = xxhash_rust::xxh3::xxh3_128(format!("{}:{n}:{nanos}", path.display()).as_bytes());
    let h = (h & !(0xf000 << 64) | (0x4000 << 64)) & !(0xc << 60) | (0x8 << 60);
    let x = format!("{h:032x}");
    format!(
        "{}-{}-{}-{}-{}",
        &x[..8],
        &x[8..12],
        &x[12..16],
        &x[16..20],
        &x[20..]
    )
}

fn reason(status: u16) -> &'static str {
    match status {
        200 => "OK",
        203 => "Non-Authoritative Information",
        206 => "Partial Content",
        _ => "",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn record_ids_are_uuid_shaped_and_distinct() {
        let p = Path::new("/tmp/x.warc.gz");
        let (a, b) = (record_id(p, 1, 5), record_id(p, 2, 5));
        assert_ne!(a, b);
        assert_eq!(a.len(), 36);
        assert_eq!(&a[14..15], "4", "{a}");
        assert!(matches!(&a[19..20], "8" | "9" | "a" | "b"), "{a}");
    }
}
