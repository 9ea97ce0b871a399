//! Arbitrary bytes, read as (lossy) UTF-8, through the dates stage: as a page
//! (publication date from markup, URL and visible text), as a scrape (header
//! lines, comments, weekdays), and through the TIMEX tagger against a
//! publication date. It must never panic or hang, and every time expression's
//! offsets must lie inside the text.
#![no_main]

use beacon_model::{Payload, Precision, Published, DateBasis};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    for payload in [Payload::Html, Payload::Scrape] {
        let doc = beacon_extract::memory_document(&text, payload, Some("https://example.org/2015/10/28/a"));
        if let Ok((mut article, page)) = beacon_extract::extract_parsed(&doc) {
            beacon_dates::date_parsed_article(&doc, &mut article, page.as_ref());
        }
    }
    let anchor = Published {
        value: "2015-10-28".into(),
        precision: Precision::Day,
        basis: DateBasis::Metadata,
        confidence: 0.9,
    };
    let n = text.chars().count();
    for t in beacon_dates::timex::time_expressions(&text, Some(&anchor), Some("en")) {
        assert!(t.start <= t.end && t.end <= n, "{t:?} outside {n} chars");
    }
    let _ = beacon_dates::parse::parse_date(&text, beacon_dates::parse::SlashOrder::DayFirst);
});
