//! Times extraction over HTML files held in memory, on one thread.
//! Usage: speed DIR [ROUNDS]  (DIR holds .html files)
use std::time::Instant;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let rounds: usize = args.get(2).and_then(|s| s.parse().ok()).unwrap_or(5);
    let mut pages = Vec::new();
    for e in std::fs::read_dir(&args[1]).expect("dir") {
        let p = e.expect("entry").path();
        if p.extension().is_some_and(|x| x == "html") {
            pages.push(String::from_utf8_lossy(&std::fs::read(&p).expect("read")).into_owned());
        }
    }
    let bytes: usize = pages.iter().map(String::len).sum();
    let start = Instant::now();
    let mut chars = 0;
    for _ in 0..rounds {
        for p in &pages {
            chars += beacon_extract::extract_html(p, None)
                .map(|a| a.text.len())
                .unwrap_or(0);
        }
    }
    let secs = start.elapsed().as_secs_f64();
    let n = (pages.len() * rounds) as f64;
    println!(
        "{} pages x {rounds}: {:.0} pages/s, {:.1} MB/s ({chars} chars out)",
        pages.len(),
        n / secs,
        (bytes * rounds) as f64 / secs / 1e6
    );
}
