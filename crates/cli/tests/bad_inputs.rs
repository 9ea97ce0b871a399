//! Broken and hostile inputs, each in a batch beside a good page: the process
//! does not panic, exits 3 (some rejected), writes a rejection with the
//! expected reason and a detail, and the rest of the batch goes on.

use std::path::{Path, PathBuf};

use serde_json::{Value, json};

use crate::util::*;

/// One bad-input case: what it writes, and what must come out of it.
struct Case {
    /// The inputs to give beacon (before the good page), written into `dir`.
    inputs: Vec<PathBuf>,
    /// The reasons of the rejections, in input order.
    reasons: Vec<&'static str>,
    /// How many articles the bad inputs themselves still yield (a JSONL
    /// file's good lines, a truncated archive's whole records).
    articles: usize,
}

/// Runs a case through `extract --format jsonl` and `ingest --summary json`.
fn check(dir: &Path, case: Case) {
    let good = write(&dir.join("zz-good.html"), good_html(1));
    let mut paths: Vec<&Path> = case.inputs.iter().map(PathBuf::as_path).collect();
    paths.push(&good);

    // extract: one line per input, in order; the good page is the last line.
    let r = extract_jsonl(&paths);
    r.expect_code(3);
    let records = r.jsonl();
    let reasons: Vec<&str> = records
        .iter()
        .filter(|v| is_rejection(v))
        .map(reason)
        .collect();
    assert_eq!(reasons, case.reasons, "rejections: {records:#?}");
    let articles: Vec<&Value> = records.iter().filter(|v| !is_rejection(v)).collect();
    assert_eq!(articles.len(), case.articles + 1, "articles: {records:#?}");
    let last = records.last().unwrap();
    assert!(
        text(last).contains(&prose(1)),
        "the good page after the bad inputs must still be extracted: {last}"
    );
    assert_eq!(last["origin"], json!(good.display().to_string()));
    for (reason, line) in case
        .reasons
        .iter()
        .zip(&r.stderr.lines().collect::<Vec<_>>())
    {
        assert!(
            line.contains(&format!("rejected ({reason})")),
            "stderr names the rejection: {line}"
        );
    }

    // ingest: the same inputs into a store, counted by reason.
    let data = dir.join("data");
    let r = ingest_json(&data, &paths);
    r.expect_code(3);
    let s = r.json();
    assert_eq!(s["rejected"], json!(case.reasons.len()), "{s}");
    let mut by_reason = serde_json::Map::new();
    for reason in &case.reasons {
        let n = by_reason.get(*reason).and_then(Value::as_u64).unwrap_or(0);
        by_reason.insert((*reason).to_owned(), json!(n + 1));
    }
    assert_eq!(s["rejected_by_reason"], Value::Object(by_reason), "{s}");
    assert_eq!(s["stored"], json!(case.articles + 1), "{s}");
    assert_eq!(
        s["read"],
        json!(case.articles + 1 + case.reasons.len()),
        "{s}"
    );
    assert_eq!(list_articles(&data).len(), case.articles + 1);
}

#[test]
fn empty_file() {
    let t = tempfile::tempdir().unwrap();
    let empty = write(&t.path().join("empty.html"), b"");
    let blank = write(&t.path().join("blank.txt"), b"  \n\t\r\n  ");
    // Empty archives and JSONL files too: nothing is silently dropped.
    let warc = write(&t.path().join("empty.warc.gz"), b"");
    let jsonl = write(&t.path().join("empty.jsonl"), b"");
    check(
        t.path(),
        Case {
            inputs: vec![empty, blank, warc, jsonl],
            reasons: vec!["empty", "empty", "empty", "empty"],
            articles: 0,
        },
    );
}

#[test]
fn png_named_html() {
    let t = tempfile::tempdir().unwrap();
    let mut png =
        b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x10\0\0\0\x10\x08\x06\0\0\0\x1f\xf3\xffa".to_vec();
    png.extend((0..2000u32).map(|i| (i * 7919 % 251) as u8));
    let p = write(&t.path().join("photo.html"), png);
    check(
        t.path(),
        Case {
            inputs: vec![p],
            reasons: vec!["binary"],
            articles: 0,
        },
    );
}

#[test]
fn html_declared_utf8_but_mostly_invalid_bytes() {
    let t = tempfile::tempdir().unwrap();
    let mut page = b"<html><head><meta charset=\"utf-8\"><title>x</title></head><body><p>".to_vec();
    // Lone continuation bytes and bytes that never occur in UTF-8: not
    // UTF-8, and symbols (not letters) in any single-byte encoding.
    for i in 0..4000usize {
        page.push(
            [
                0x85, 0x95, 0x96, 0x97, 0xa9, 0xab, 0xae, 0xb0, 0xb1, 0xbb, 0xff,
            ][i % 11],
        );
        if i % 10 == 9 {
            page.push(b' ');
        }
    }
    page.extend_from_slice(b"</p></body></html>");
    let p = write(&t.path().join("garbled.html"), page);
    check(
        t.path(),
        Case {
            inputs: vec![p],
            reasons: vec!["invalid_encoding"],
            articles: 0,
        },
    );
}

#[test]
fn jsonl_line_with_invalid_utf8() {
    let t = tempfile::tempdir().unwrap();
    let mut lines = json!({"url": "https://example.org/jsonl/1", "html": good_html(2)})
        .to_string()
        .into_bytes();
    lines.extend_from_slice(
        b"\n{\"url\": \"https://example.org/jsonl/2\", \"text\": \"caf\xe9 \xff\xfe au lait\"}\n",
    );
    let p = write(&t.path().join("lines.jsonl"), lines);
    check(
        t.path(),
        Case {
            inputs: vec![p],
            reasons: vec!["invalid_encoding"],
            articles: 1,
        },
    );
}

#[test]
fn fifty_megabyte_page() {
    let t = tempfile::tempdir().unwrap();
    let mut page = String::from("<html><body><article>");
    let para = format!("<p>{}</p>\n", prose(7));
    while page.len() < 50 * 1000 * 1000 {
        page.push_str(&para);
    }
    page.push_str("</article></body></html>");
    let p = write(&t.path().join("huge.html"), page);
    check(
        t.path(),
        Case {
            inputs: vec![p],
            reasons: vec!["too_large"],
            articles: 0,
        },
    );
}

#[test]
fn html_nested_100_000_deep() {
    let t = tempfile::tempdir().unwrap();
    let page = format!(
        "<html><body>{}<p>{}</p>{}</body></html>",
        "<div>".repeat(100_000),
        prose(8),
        "</div>".repeat(100_000)
    );
    let p = write(&t.path().join("deep.html"), page);
    check(
        t.path(),
        Case {
            inputs: vec![p],
            reasons: vec!["too_deep"],
            articles: 0,
        },
    );
}

#[test]
fn truncated_warc_gz_keeps_the_records_before_the_cut() {
    let t = tempfile::tempdir().unwrap();
    let records: Vec<Vec<u8>> = (0..3)
        .map(|i| {
            warc_record(
                "response",
                &format!("https://example.org/warc/{i}"),
                &http_response(
                    "200 OK",
                    "text/html; charset=utf-8",
                    good_html(10 + i).as_bytes(),
                ),
            )
        })
        .collect();
    let (mut bytes, offsets) = warc(&records, true);
    let cut = offsets[2] + (bytes.len() - offsets[2]) / 2;
    bytes.truncate(cut);
    let p = write(&t.path().join("cut.warc.gz"), &bytes);
    check(
        t.path(),
        Case {
            inputs: vec![p.clone()],
            reasons: vec!["truncated"],
            articles: 2,
        },
    );
    // The cut record is the one reported, at its member's offset.
    let records = extract_jsonl(&[&p]).jsonl();
    assert_eq!(records.len(), 3);
    let origin = records[2]["origin"].as_str().unwrap();
    let expected = format!("{}#{}", p.display(), offsets[2]);
    assert!(
        origin.starts_with(&expected),
        "{origin} is not at {expected}"
    );
    assert!(text(&records[1]).contains(&prose(11)));
}

#[test]
fn jsonl_line_that_is_not_json() {
    let t = tempfile::tempdir().unwrap();
    let lines = format!(
        "{}\nthis line is not JSON at all\n{}\n",
        json!({"url": "https://example.org/jsonl/a", "html": good_html(3)}),
        json!({"url": "https://example.org/jsonl/b", "text": prose(4)}),
    );
    let p = write(&t.path().join("mixed.jsonl"), lines);
    check(
        t.path(),
        Case {
            inputs: vec![p.clone()],
            reasons: vec!["malformed"],
            articles: 2,
        },
    );
    let records = extract_jsonl(&[&p]).jsonl();
    assert_eq!(records[1]["origin"], json!(format!("{}:2", p.display())));
}

#[test]
fn directory_with_unreadable_files() {
    let t = tempfile::tempdir().unwrap();
    let dir = t.path().join("batch");
    std::fs::create_dir(&dir).unwrap();
    std::os::unix::fs::symlink(dir.join("no-such-target.html"), dir.join("a-dangling.html"))
        .unwrap();
    let locked = write(&dir.join("b-locked.html"), good_html(5));
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o000)).unwrap();
    // As root (containers, CI), mode 000 is still readable.
    let privileged = std::fs::File::open(&locked).is_ok();
    let (reasons, articles) = if privileged {
        (vec!["unreadable"], 1)
    } else {
        (vec!["unreadable", "unreadable"], 0)
    };
    check(
        t.path(),
        Case {
            inputs: vec![dir.clone()],
            reasons,
            articles,
        },
    );
    let records = extract_jsonl(&[&dir]).jsonl();
    assert_eq!(
        records[0]["origin"],
        json!(dir.join("a-dangling.html").display().to_string())
    );
    assert_eq!(reason(&records[0]), "unreadable");
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o644)).unwrap();
}
