//! Arbitrary bytes read as a WARC archive, plain (`x.warc`) and gzip-compressed
//! (`x.warc.gz`): the reader must never panic or loop, and every record must
//! end as a document, a rejection or a skip.
#![no_main]

use beacon_ingest::{Item, Options, read_bytes};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    // A small limit so that large declared lengths are exercised too.
    let opts = Options { max_bytes: 1 << 20 };
    for name in ["x.warc", "x.warc.gz"] {
        read_bytes(data, name, &opts, &mut |item| {
            if let Item::Document(doc) = item {
                let _ = beacon_extract::extract(&doc);
            }
        });
    }
});
