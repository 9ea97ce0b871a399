//! Does the start-up work of the places table once, at build time.
//!
//! `data/gazetteer/places.tsv.gz` holds ~260 k places with ~1.1 M names.
//! Inflating it, folding every name and sorting the hashes took about half
//! of Beacon's start-up. This script writes two files to `OUT_DIR`, which
//! `load.rs` embeds:
//!
//! - `places_core.tsv`: the table's lines without the header and without
//!   the `alternatenames` column (uncompressed);
//! - `place_names.bin`: the name index of those lines, sorted, 12 bytes a
//!   name: the xxh3 of the folded name (u64, little-endian), then the line's
//!   index with bit 31 set for an alternate name (u32, little-endian).
//!
//! Folding and hashing are `src/normalise.rs`, the same code the crate
//! folds queries with, so the index and the lookups cannot disagree.

use std::io::{Read, Write};
use std::path::PathBuf;

#[allow(dead_code)]
#[path = "src/normalise.rs"]
mod normalise;

const SOURCE: &str = "../../data/gazetteer/places.tsv.gz";
const ALT: u32 = 1 << 31;
const COLUMNS: usize = 10;

fn main() {
    println!("cargo::rerun-if-changed={SOURCE}");
    println!("cargo::rerun-if-changed=src/normalise.rs");
    let out = PathBuf::from(std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR"));

    let mut text = String::new();
    let file = std::fs::File::open(SOURCE).unwrap_or_else(|e| panic!("{SOURCE}: {e}"));
    flate2::read::GzDecoder::new(file)
        .read_to_string(&mut text)
        .unwrap_or_else(|e| panic!("{SOURCE}: cannot inflate: {e}"));

    let mut core = String::with_capacity(text.len() / 2);
    let mut names: Vec<(u64, u32)> = Vec::with_capacity(1_200_000);
    let mut key = String::new();
    let mut push = |name: &str, line: u32, names: &mut Vec<(u64, u32)>| {
        normalise::fold_into(name, &mut key);
        if !key.is_empty() {
            names.push((normalise::hash_key(&key), line));
        }
    };
    for (n, line) in text.lines().skip(1).enumerate() {
        let cols: Vec<&str> = line.split('\t').collect();
        assert!(
            cols.len() == COLUMNS,
            "{SOURCE}:{}: expected {COLUMNS} columns, found {}",
            n + 2,
            cols.len()
        );
        let ix = u32::try_from(n).expect("fewer than 2³¹ places");
        assert!(ix < ALT, "fewer than 2³¹ places");
        core.push_str(&cols[..COLUMNS - 1].join("\t"));
        core.push('\n');
        push(cols[2], ix, &mut names);
        for alt in cols[COLUMNS - 1].split('|').filter(|s| !s.is_empty()) {
            push(alt, ix | ALT, &mut names);
        }
    }
    // the order and the de-duplication `load.rs` keeps for the whole index
    names.sort_unstable_by_key(|&(h, e)| (h, e & !ALT, e & ALT));
    names.dedup_by_key(|&mut (h, e)| (h, e & !ALT));

    let mut bin = Vec::with_capacity(names.len() * 12);
    for (h, e) in names {
        bin.extend_from_slice(&h.to_le_bytes());
        bin.extend_from_slice(&e.to_le_bytes());
    }
    write(&out.join("place_names.bin"), &bin);
    write(&out.join("places_core.tsv"), core.as_bytes());
}

fn write(path: &std::path::Path, bytes: &[u8]) {
    std::fs::File::create(path)
        .and_then(|mut f| f.write_all(bytes))
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
}
