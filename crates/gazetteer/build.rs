//! Does the start-up work of the places table once, at build time.
//!
//! `data/gazetteer/places.tsv.gz` holds ~260 k places with ~1.1 M names.
//! Inflating it, folding every name and sorting the hashes took about half
//! of Beacon's start-up. This script writes two files to `OUT_DIR`, which
//! `load.rs` embeds:
//!
//! - `places_core.tsv`: the table's lines without the header and without
//!   the `alternatenames` column (uncompressed): the text the entries'
//!   names point into;
//! - `places_core.bin`: each line's fields, parsed, [`RECORD`] bytes a line
//!   (little-endian): kind (u8: 0 place, 1 admin1, 2 admin2, 3 region), the
//!   country code (2 bytes, 0 0 for none), the GeoNames id (u32, 0 for
//!   none), latitude and longitude (f32), population (u64), and the byte
//!   offset (u32) and length (u16) in `places_core.tsv` of the name, the
//!   admin1 code and the admin2 name;
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
/// Bytes of a record of `places_core.bin`.
const RECORD: usize = 1 + 2 + 4 + 4 + 4 + 8 + 3 * (4 + 2);

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
    let mut records: Vec<u8> = Vec::with_capacity(300_000 * RECORD);
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
        record(&cols, core.len(), &mut records)
            .unwrap_or_else(|e| panic!("{SOURCE}:{}: {e}", n + 2));
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
    write(&out.join("places_core.bin"), &records);
}

/// Appends the record of a line's columns `cols`, whose text will start at
/// byte `at` of `places_core.tsv`.
fn record(cols: &[&str], at: usize, out: &mut Vec<u8>) -> Result<(), String> {
    let kind: u8 = match cols[0] {
        "P" => 0,
        "A1" => 1,
        "A2" => 2,
        "R" => 3,
        other => return Err(format!("unknown kind {other}")),
    };
    out.push(kind);
    let cc = cols[5].as_bytes();
    if cc.len() == 2 && cc.iter().all(u8::is_ascii_alphabetic) {
        out.extend_from_slice(&[cc[0].to_ascii_uppercase(), cc[1].to_ascii_uppercase()]);
    } else {
        out.extend_from_slice(&[0, 0]);
    }
    let gid: u32 = cols[1].parse().unwrap_or(0);
    out.extend_from_slice(&gid.to_le_bytes());
    for c in [cols[3], cols[4]] {
        let x: f32 = c.parse().map_err(|_| format!("bad coordinate {c:?}"))?;
        out.extend_from_slice(&x.to_le_bytes());
    }
    let population: u64 = cols[8].parse().unwrap_or(0);
    out.extend_from_slice(&population.to_le_bytes());
    // the line is its columns joined by tabs: each column's offset
    let mut offset = at;
    for (i, c) in cols.iter().enumerate().take(8) {
        if matches!(i, 2 | 6 | 7) {
            let start = u32::try_from(offset).map_err(|_| "the table passed 4 GB")?;
            let len = u16::try_from(c.len()).map_err(|_| "a name of 64 kB")?;
            out.extend_from_slice(&start.to_le_bytes());
            out.extend_from_slice(&len.to_le_bytes());
        }
        offset += c.len() + 1;
    }
    Ok(())
}

fn write(path: &std::path::Path, bytes: &[u8]) {
    std::fs::File::create(path)
        .and_then(|mut f| f.write_all(bytes))
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
}
