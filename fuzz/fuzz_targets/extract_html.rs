//! Arbitrary bytes, read as (lossy) UTF-8, through HTML main-content
//! extraction: it must never panic, hang or overflow the stack; a hostile page
//! is a `Rejection`, not a crash.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let html = String::from_utf8_lossy(data);
    if let Ok(article) = beacon_extract::extract_html(&html, Some("https://example.org/a")) {
        // Paragraph offsets must stay inside the text.
        let n = article.text.chars().count();
        for p in &article.paragraphs {
            assert!(p.start <= p.end && p.end <= n, "{p:?} outside {n} chars");
        }
    }
});
