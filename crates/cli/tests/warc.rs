//! WARC archives written by the test, plain and gzip-compressed (one member
//! per record, as crawlers write them): response pages become articles whose
//! origin is `path#offset`; other record types are skipped and counted; error
//! statuses and non-text responses are rejected with their reasons.

use serde_json::json;

use crate::util::*;

/// The records of the test archive, and the index of each response.
fn records() -> Vec<Vec<u8>> {
    let png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01\0\0\0\x01\x08\x06\0\0\0\x1f\x15\xc4\x89";
    vec![
        warc_record(
            "warcinfo",
            "",
            b"software: beacon-tests\r\nformat: WARC File Format 1.0\r\n",
        ),
        warc_record(
            "request",
            "https://news.example/a",
            b"GET /a HTTP/1.1\r\nHost: news.example\r\n\r\n",
        ),
        warc_record(
            "response",
            "https://news.example/a",
            &http_response(
                "200 OK",
                "text/html; charset=utf-8",
                good_html(21).as_bytes(),
            ),
        ),
        warc_record(
            "response",
            "https://news.example/missing",
            &http_response(
                "404 Not Found",
                "text/html",
                b"<html><body><p>Not found</p></body></html>",
            ),
        ),
        warc_record(
            "response",
            "https://news.example/logo.png",
            &http_response("200 OK", "image/png", png),
        ),
        warc_record(
            "metadata",
            "https://news.example/a",
            b"via: https://news.example/\r\nfetchTimeMs: 12\r\n",
        ),
        warc_record(
            "response",
            "https://news.example/b",
            &http_response("200 OK", "text/html", good_html(22).as_bytes()),
        ),
    ]
}

fn check(gz: bool) {
    let t = tempfile::tempdir().unwrap();
    let (bytes, offsets) = warc(&records(), gz);
    let name = if gz { "crawl.warc.gz" } else { "crawl.warc" };
    let path = write(&t.path().join(name), bytes);
    let origin = |i: usize| format!("{}#{}", path.display(), offsets[i]);

    let r = extract_jsonl(&[&path]);
    r.expect_code(3);
    let out = r.jsonl();
    assert_eq!(out.len(), 4, "{out:#?}");
    assert_eq!(out[0]["origin"], json!(origin(2)));
    assert!(text(&out[0]).contains(&prose(21)));
    assert_eq!(out[0]["url"], json!("https://news.example/a"));
    assert_eq!(out[0]["source"], json!("news.example"));
    assert_eq!(out[0]["fetched_at"], json!("2015-10-28T10:00:00Z"));
    assert_eq!(out[1]["origin"], json!(origin(3)));
    assert_eq!(reason(&out[1]), "http_status");
    assert_eq!(out[2]["origin"], json!(origin(4)));
    assert_eq!(reason(&out[2]), "unsupported_type");
    assert_eq!(out[3]["origin"], json!(origin(6)));
    assert!(text(&out[3]).contains(&prose(22)));

    let data = t.path().join("data");
    let r = ingest_json(&data, &[&path]);
    r.expect_code(3);
    let s = r.json();
    assert_eq!(s["read"], 4, "{s}");
    assert_eq!(s["stored"], 2, "{s}");
    assert_eq!(s["rejected"], 2, "{s}");
    assert_eq!(
        s["rejected_by_reason"],
        json!({"http_status": 1, "unsupported_type": 1}),
        "{s}"
    );
    assert_eq!(s["skipped"], 3, "{s}");
    assert_eq!(
        s["skipped_by_kind"],
        json!({"warc warcinfo": 1, "warc request": 1, "warc metadata": 1}),
        "{s}"
    );
    let mut origins: Vec<String> = list_articles(&data)
        .iter()
        .map(|a| a["origin"].as_str().unwrap().to_owned())
        .collect();
    origins.sort();
    let mut expected = vec![origin(2), origin(6)];
    expected.sort();
    assert_eq!(origins, expected);
}

#[test]
fn plain_warc() {
    check(false);
}

#[test]
fn gzipped_warc_one_member_per_record() {
    check(true);
}

#[test]
fn warc_from_stdin() {
    let (bytes, offsets) = warc(&records(), true);
    let r = run_stdin(["extract", "--format", "jsonl", "-"], &bytes);
    r.expect_code(3);
    let out = r.jsonl();
    assert_eq!(out.len(), 4, "{out:#?}");
    assert_eq!(out[0]["origin"], json!(format!("-#{}", offsets[2])));
    assert!(text(&out[0]).contains(&prose(21)));
}

#[test]
fn content_encoded_response_is_held_to_the_size_limit() {
    // A 30 MB page sent gzip-compressed (a few tens of KB in the archive):
    // decompressed, it is over the 20 MiB limit like any 30 MB input.
    let mut page = String::from("<html><body><article>");
    let para = format!("<p>{}</p>\n", prose(23));
    while page.len() < 30 * 1000 * 1000 {
        page.push_str(&para);
    }
    page.push_str("</article></body></html>");
    let body = gzip(page.as_bytes());
    drop(page);
    let mut block = format!(
        "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Encoding: gzip\r\nContent-Length: {}\r\n\r\n",
        body.len()
    )
    .into_bytes();
    block.extend_from_slice(&body);
    let records = [
        warc_record("response", "https://news.example/bomb", &block),
        warc_record(
            "response",
            "https://news.example/a",
            &http_response("200 OK", "text/html", good_html(24).as_bytes()),
        ),
    ];
    let t = tempfile::tempdir().unwrap();
    let (bytes, offsets) = warc(&records, true);
    let path = write(&t.path().join("bomb.warc.gz"), bytes);
    let r = extract_jsonl(&[&path]);
    r.expect_code(3);
    let out = r.jsonl();
    assert_eq!(out.len(), 2, "{:?}", r.stderr);
    assert_eq!(
        out[0]["origin"],
        json!(format!("{}#{}", path.display(), offsets[0]))
    );
    assert_eq!(reason(&out[0]), "too_large");
    assert!(text(&out[1]).contains(&prose(24)));
}
