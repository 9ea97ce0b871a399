//! The search query parser: any bytes as a query, through the limits and
//! then tantivy's parser, on an empty index. A query is an answer or a
//! clear error; never a panic, a stack overflow or a hang.
#![no_main]

use libfuzzer_sys::fuzz_target;

thread_local! {
    static INDEX: (tempfile::TempDir, beacon_search::SearchIndex) = {
        let dir = tempfile::tempdir().expect("a directory");
        let index = beacon_search::SearchIndex::open(dir.path()).expect("an index");
        (dir, index)
    };
}

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data).into_owned();
    INDEX.with(|(_, index)| {
        let _ = index.search(&beacon_search::Request {
            text,
            limit: 3,
            ..beacon_search::Request::default()
        });
    });
});
