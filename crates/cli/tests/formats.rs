//! Feeds, JSONL and stdin: RSS 2.0 with `content:encoded` and Atom with
//! `<content type="html">` give one article per item (title and URL from the
//! item); JSONL `html`, `scrape` and `text` lines; a given `text` is kept
//! unchanged; `-` reads stdin.

use serde_json::{Value, json};

use crate::util::*;

fn item_html(n: usize) -> String {
    format!("<p>{}</p><p>{}</p>", prose(n), prose(n + 500))
}

#[test]
fn rss_items_with_content_encoded() {
    let t = tempfile::tempdir().unwrap();
    let rss = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel>
  <title>Example Wire</title>
  <link>https://wire.example/</link>
  <description>News</description>
  <item>
    <title>Border crossing reopens</title>
    <link>https://wire.example/2015/10/28/border</link>
    <pubDate>Wed, 28 Oct 2015 10:00:00 GMT</pubDate>
    <description>Short summary only.</description>
    <content:encoded><![CDATA[{}]]></content:encoded>
  </item>
  <item>
    <title>Markets open again</title>
    <link>https://wire.example/2015/10/29/markets</link>
    <pubDate>Thu, 29 Oct 2015 08:30:00 GMT</pubDate>
    <content:encoded><![CDATA[{}]]></content:encoded>
  </item>
</channel>
</rss>"#,
        item_html(31),
        item_html(32)
    );
    let p = write(&t.path().join("wire.rss"), rss);
    let r = extract_jsonl(&[&p]);
    r.expect_code(0);
    let out = r.jsonl();
    assert_eq!(out.len(), 2, "{out:#?}");
    for (i, (title, url, n, date)) in [
        (
            "Border crossing reopens",
            "https://wire.example/2015/10/28/border",
            31,
            "2015-10-28",
        ),
        (
            "Markets open again",
            "https://wire.example/2015/10/29/markets",
            32,
            "2015-10-29",
        ),
    ]
    .into_iter()
    .enumerate()
    {
        let a = &out[i];
        assert_eq!(a["title"], title, "{a}");
        assert_eq!(a["url"], url, "{a}");
        assert_eq!(
            a["origin"],
            json!(format!("{}#item-{}", p.display(), i + 1))
        );
        assert_eq!(a["published"]["value"], date, "{a}");
        assert_eq!(a["published"]["basis"], "given", "{a}");
        let text = text(a);
        assert!(
            text.contains(&prose(n)) && text.contains(&prose(n + 500)),
            "{text}"
        );
        assert!(
            !text.contains("Short summary"),
            "the full content wins: {text}"
        );
    }
}

#[test]
fn atom_entries_with_html_content() {
    let t = tempfile::tempdir().unwrap();
    let escape = |s: &str| {
        s.replace('&', "&amp;")
            .replace('<', "&lt;")
            .replace('>', "&gt;")
    };
    let atom = format!(
        r#"<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <title>Example Atom</title>
  <id>urn:example:feed</id>
  <updated>2015-10-29T00:00:00Z</updated>
  <entry>
    <title>Talks continue</title>
    <id>urn:example:1</id>
    <link rel="alternate" href="https://atom.example/talks"/>
    <updated>2015-10-28T10:00:00Z</updated>
    <author><name>A. Writer</name></author>
    <content type="html">{}</content>
  </entry>
  <entry>
    <title>Schools reopen</title>
    <id>urn:example:2</id>
    <link href="https://atom.example/schools"/>
    <updated>2015-10-29T10:00:00Z</updated>
    <content type="html">{}</content>
  </entry>
</feed>"#,
        escape(&item_html(41)),
        escape(&item_html(42))
    );
    let p = write(&t.path().join("feed.xml"), atom);
    let r = extract_jsonl(&[&p]);
    r.expect_code(0);
    let out = r.jsonl();
    assert_eq!(out.len(), 2, "{out:#?}");
    assert_eq!(out[0]["title"], "Talks continue");
    assert_eq!(out[0]["url"], "https://atom.example/talks");
    assert_eq!(out[0]["byline"], "A. Writer");
    assert!(text(&out[0]).contains(&prose(41)));
    assert!(
        !text(&out[0]).contains("<p>"),
        "HTML content is extracted, not shown"
    );
    assert_eq!(out[1]["title"], "Schools reopen");
    assert_eq!(out[1]["url"], "https://atom.example/schools");
    assert!(text(&out[1]).contains(&prose(42)));

    // Ingest stores both.
    let data = t.path().join("data");
    let s = ingest_json(&data, &[&p]);
    s.expect_code(0);
    assert_eq!(s.json()["stored"], 2);
}

#[test]
fn jsonl_html_scrape_and_text_lines() {
    let t = tempfile::tempdir().unwrap();
    let given = "  Kept as given: first line.  \n\nSecond line, with é and 漢字.\nAdvertisement\n";
    let scrape = format!(
        "Monday, June 17, 2024\n\nScrape headline\n\n{}\n\n{}\n",
        prose(52),
        prose(53)
    );
    let lines = [
        json!({"url": "https://j.example/1", "html": good_html(51), "title": "Given title",
               "published": "2015-10-28", "fetched_at": "2015-10-30T12:00:00Z"}),
        json!({"url": "https://j.example/2", "scrape": scrape}),
        json!({"url": "https://j.example/3", "text": given}),
    ];
    let body: String = lines.iter().map(|l| format!("{l}\n")).collect();
    let p = write(&t.path().join("in.jsonl"), body);
    let r = extract_jsonl(&[&p]);
    r.expect_code(0);
    let out = r.jsonl();
    assert_eq!(out.len(), 3, "{out:#?}");
    for (i, a) in out.iter().enumerate() {
        assert_eq!(a["origin"], json!(format!("{}:{}", p.display(), i + 1)));
        assert_eq!(a["url"], json!(format!("https://j.example/{}", i + 1)));
        assert_eq!(a["source"], "j.example");
    }
    // html: extracted; given metadata wins.
    assert!(text(&out[0]).contains(&prose(51)));
    assert!(!text(&out[0]).contains("Copyright"));
    assert_eq!(out[0]["title"], "Given title");
    assert_eq!(
        out[0]["published"],
        json!({"value": "2015-10-28", "precision": "day", "basis": "given", "confidence": 1.0})
    );
    assert_eq!(out[0]["fetched_at"], "2015-10-30T12:00:00Z");
    // scrape: cleaned.
    assert!(text(&out[1]).contains(&prose(52)) && text(&out[1]).contains(&prose(53)));
    assert!(
        !text(&out[1]).contains("June 17, 2024"),
        "{}",
        text(&out[1])
    );
    // text: unchanged, even its "Advertisement" line; offsets refer to it.
    assert_eq!(text(&out[2]), given);
    let chars: Vec<char> = given.chars().collect();
    let paragraphs: Vec<String> = out[2]["paragraphs"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| {
            let (s, e) = (
                p["start"].as_u64().unwrap() as usize,
                p["end"].as_u64().unwrap() as usize,
            );
            chars[s..e].iter().collect()
        })
        .collect();
    assert_eq!(
        paragraphs,
        [
            "Kept as given: first line.",
            "Second line, with é and 漢字.",
            "Advertisement"
        ]
    );
}

#[test]
fn stdin_html() {
    let html = good_html(61);
    for args in [
        &["extract", "--format", "jsonl", "-"][..],
        &["extract", "--format", "jsonl"][..],
    ] {
        let r = run_stdin(args, html.as_bytes());
        r.expect_code(0);
        let out = r.jsonl();
        assert_eq!(out.len(), 1, "{args:?}: {out:#?}");
        assert_eq!(out[0]["origin"], "-");
        assert!(text(&out[0]).contains(&prose(61)));
        assert_eq!(out[0]["title"], "Border talks 61");
    }
    // Text output: the article text itself.
    let r = run_stdin(["extract", "-"], html.as_bytes());
    r.expect_code(0);
    assert!(r.stdout.contains(&prose(61)), "{}", r.stdout);
    assert!(!r.stdout.contains("Home"));
}

#[test]
fn stdin_jsonl_and_ingest() {
    let t = tempfile::tempdir().unwrap();
    let lines: String = (0..3)
        .map(|i| {
            format!(
                "{}\n",
                json!({"url": format!("https://s.example/{i}"), "html": good_html(70 + i)})
            )
        })
        .collect();
    let r = run_stdin(["extract", "--format", "jsonl"], lines.as_bytes());
    r.expect_code(0);
    let out: Vec<Value> = r.jsonl();
    assert_eq!(out.len(), 3);
    for (i, a) in out.iter().enumerate() {
        assert_eq!(a["origin"], json!(format!("-:{}", i + 1)));
        assert!(text(a).contains(&prose(70 + i)));
    }
    let data = t.path().join("data");
    let r = run_stdin(
        [
            "ingest".as_ref(),
            "--data".as_ref(),
            data.as_os_str(),
            "--summary".as_ref(),
            "json".as_ref(),
            "-".as_ref(),
        ],
        lines.as_bytes(),
    );
    r.expect_code(0);
    assert_eq!(r.json()["stored"], 3);
    assert_eq!(list_articles(&data).len(), 3);
}
