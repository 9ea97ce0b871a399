//! Arbitrary bytes, read as (lossy) UTF-8, through the plain-text scrape
//! cleaner: it must never panic.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let _ = beacon_extract::scrape::clean(&text);
});
