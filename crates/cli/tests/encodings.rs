//! Pages in legacy encodings, with real legacy bytes: Russian in
//! Windows-1251 and Chinese in GB18030, declared by `<meta charset>`, by the
//! WARC/HTTP `Content-Type` header only, or not declared at all (statistical
//! detection). The extracted text must hold the original sentences.

use std::path::Path;

use encoding_rs::{Encoding, GB18030, WINDOWS_1251};
use serde_json::Value;

use crate::util::*;

/// A short news paragraph in Russian (written for these tests).
const RUSSIAN: &str = "Жители приграничного района сообщили во вторник о перестрелке у старого моста. \
    Местные власти закрыли дорогу до утра и попросили людей оставаться дома. \
    По словам губернатора, пострадавших нет, а школы откроются в обычное время. \
    Торговцы на рынке говорят, что цены на хлеб за неделю выросли почти вдвое.";
const RUSSIAN_TITLE: &str = "Перестрелка у моста на границе";

/// A short news paragraph in Chinese (written for these tests).
const CHINESE: &str = "周二上午，边境小镇的居民说，他们听到了几声爆炸。\
    当地官员随后关闭了通往山口的公路，并要求商店提前关门。\
    县长表示，目前没有人员伤亡，学校明天照常上课。\
    市场上的商贩说，这一周面粉的价格几乎翻了一倍。";
const CHINESE_TITLE: &str = "边境小镇传出爆炸声";

/// How a page states its encoding.
#[derive(Clone, Copy, Debug)]
enum Declared {
    Meta,
    HttpHeader,
    Nowhere,
}

fn page(title: &str, body: &str, meta: Option<&str>) -> String {
    let meta = meta.map_or(String::new(), |m| format!("<meta charset=\"{m}\">"));
    format!(
        "<!doctype html><html><head>{meta}<title>{title}</title></head><body>\
         <article><h1>{title}</h1><p>{body}</p></article></body></html>"
    )
}

fn encode(enc: &'static Encoding, s: &str) -> Vec<u8> {
    let (bytes, used, errors) = enc.encode(s);
    assert_eq!(used, enc);
    assert!(!errors, "{s} is not representable in {}", enc.name());
    assert!(std::str::from_utf8(&bytes).is_err(), "real legacy bytes");
    bytes.into_owned()
}

/// Writes the page as the case says and extracts it.
fn extract_case(
    dir: &Path,
    enc: &'static Encoding,
    label: &str,
    title: &str,
    body: &str,
    how: Declared,
) -> Value {
    let r = match how {
        Declared::Meta => {
            let p = write(
                &dir.join("meta.html"),
                encode(enc, &page(title, body, Some(label))),
            );
            extract_jsonl(&[&p])
        }
        Declared::Nowhere => {
            let p = write(
                &dir.join("plain.html"),
                encode(enc, &page(title, body, None)),
            );
            extract_jsonl(&[&p])
        }
        Declared::HttpHeader => {
            let html = encode(enc, &page(title, body, None));
            let record = warc_record(
                "response",
                "https://news.example/2015/10/28/story",
                &http_response("200 OK", &format!("text/html; charset={label}"), &html),
            );
            let p = write(&dir.join("header.warc"), warc(&[record], false).0);
            extract_jsonl(&[&p])
        }
    };
    r.expect_code(0);
    let mut records = r.jsonl();
    assert_eq!(records.len(), 1, "{records:?}");
    records.remove(0)
}

fn check(enc: &'static Encoding, label: &str, title: &str, body: &str, lang: &str, sep: char) {
    for how in [Declared::Meta, Declared::HttpHeader, Declared::Nowhere] {
        let t = tempfile::tempdir().unwrap();
        let a = extract_case(t.path(), enc, label, title, body, how);
        let text = text(&a);
        for sentence in body.split_inclusive(sep).map(str::trim) {
            assert!(
                text.contains(sentence),
                "{how:?}: {sentence:?} is not in the text {text:?}"
            );
        }
        assert_eq!(a["language"], lang, "{how:?}: {a}");
        assert_eq!(a["title"], title, "{how:?}: {a}");
    }
}

#[test]
fn russian_in_windows_1251() {
    check(
        WINDOWS_1251,
        "windows-1251",
        RUSSIAN_TITLE,
        RUSSIAN,
        "ru",
        '.',
    );
}

#[test]
fn chinese_in_gb18030() {
    check(GB18030, "gb18030", CHINESE_TITLE, CHINESE, "zh", '。');
}

/// The URL's top-level domain is a hint for detection; hosts in capitals
/// or in another script (an IDN) are ordinary and must not crash it.
#[test]
fn undeclared_page_from_any_host() {
    let t = tempfile::tempdir().unwrap();
    let html = encode(WINDOWS_1251, &page(RUSSIAN_TITLE, RUSSIAN, None));
    let hosts = [
        "https://NEWS.EXAMPLE.RU/2015/10/28/story",
        "https://новости.рф/2015/10/28/story",
        "https://news.example.Рф/story",
        "http://[::1]:8080/story",
        "https://ru/story",
    ];
    let records: Vec<Vec<u8>> = hosts
        .iter()
        .map(|url| {
            warc_record(
                "response",
                url,
                &http_response("200 OK", "text/html", &html),
            )
        })
        .collect();
    let p = write(&t.path().join("hosts.warc"), warc(&records, false).0);
    let r = extract_jsonl(&[&p]);
    r.expect_code(0);
    let out = r.jsonl();
    assert_eq!(out.len(), hosts.len());
    for (a, url) in out.iter().zip(hosts) {
        assert_eq!(a["url"], url);
        assert!(
            text(a).contains(RUSSIAN.split_inclusive('.').next().unwrap()),
            "{a}"
        );
        assert_eq!(a["language"], "ru");
    }
}
