//! Arbitrary bytes through the whole of ingest with an unknown name (the
//! format is sniffed: HTML, text, JSONL, WARC, feeds, gzip), then extraction of
//! every document: nothing may panic.
#![no_main]

use beacon_ingest::{Item, Options, read_bytes};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let opts = Options { max_bytes: 1 << 20 };
    read_bytes(data, "x", &opts, &mut |item| {
        if let Item::Document(doc) = item {
            let _ = beacon_extract::extract(&doc);
        }
    });
});
