//! Clustering throughput and memory on a long stream of articles, built by
//! re-dating and recombining real news sentences.
//!
//! ```sh
//! cargo run --release -p beacon-stories --example stream -- \
//!     ../shared/data/ner/gmb/train.conll 1000000
//! ```
//!
//! The material: the 38,366 sentences of GMB's training split (Voice of
//! America news, public domain), in their order, cut into windows of four
//! consecutive sentences. The stream: happening `h` is told by two windows
//! chosen at random (one of ~9,600² pairs) and has a day (300 happenings a
//! day). Each streamed article either reports a recent happening again
//! (three in five: one of the last 2,000) or a new one. A report keeps
//! about four fifths of its happening's sentences, in order, adds a
//! sentence of another window and a line naming its outlet, and is dated
//! its happening's day or up to two days later. Its names are its
//! capitalised words (not first in a sentence), as a stand-in for the
//! entities stage. Only [`beacon_stories::StoryIndex::add`] is timed; peak
//! resident memory is the process's (VmHWM).

use std::time::{Duration, Instant};

use beacon_stories::{Config, StoryDoc, StoryIndex};

fn main() {
    let mut args = std::env::args().skip(1);
    let path = args
        .next()
        .unwrap_or_else(|| "../shared/data/ner/gmb/train.conll".into());
    let n: u32 = args
        .next()
        .and_then(|s| s.parse().ok())
        .unwrap_or(1_000_000);
    // Sentences: tokens joined by spaces, one blank line between sentences.
    let conll = std::fs::read_to_string(&path).expect("a CoNLL file");
    let mut sentences: Vec<String> = Vec::new();
    let mut current = String::new();
    for line in conll.lines() {
        match line.split('\t').next() {
            Some(tok) if !line.trim().is_empty() => {
                if !current.is_empty() {
                    current.push(' ');
                }
                current.push_str(tok);
            }
            _ => {
                if !current.is_empty() {
                    sentences.push(std::mem::take(&mut current));
                }
            }
        }
    }
    let windows: Vec<&[String]> = sentences.chunks_exact(4).collect();
    assert!(windows.len() > 100, "too few sentences in {path}");
    let mut rng = 0x2545_F491_4F6C_DD1Du64;
    let mut next = move || {
        rng ^= rng << 13;
        rng ^= rng >> 7;
        rng ^= rng << 17;
        rng
    };
    let mut index = StoryIndex::new(Config::default());
    let mut timed = Duration::ZERO;
    let mut happenings = 0u64;
    let started = Instant::now();
    for i in 0..n {
        let h = if happenings == 0 || next() % 5 >= 3 {
            happenings += 1;
            happenings - 1
        } else {
            happenings - 1 - next() % happenings.min(2_000)
        };
        // The happening's two windows, from its number (a fixed hash).
        let mix = h.wrapping_mul(0x9E37_79B9_7F4A_7C15);
        let w = windows.len() as u64;
        let told = windows[(mix % w) as usize]
            .iter()
            .chain(windows[((mix >> 32) % w) as usize]);
        let mut text = format!("Outlet {} reports.\n", next() % 5_000);
        for s in told {
            if next() % 5 != 0 {
                text.push_str(s);
                text.push('\n');
            }
        }
        let aside = windows[(next() % w) as usize];
        text.push_str(&aside[(next() % 4) as usize]);
        text.push('\n');
        let names = capitalised(&text);
        let doc = StoryDoc {
            id: format!("a{i}"),
            text,
            names,
            day: Some((h / 300) as i64 + (next() % 3) as i64),
        };
        let t = Instant::now();
        index.add(&doc);
        timed += t.elapsed();
        if (i + 1) % 100_000 == 0 {
            eprintln!(
                "{} articles, {} stories, {:.0} articles/s (clustering), peak {} MB",
                i + 1,
                index.stories().len(),
                (i + 1) as f64 / timed.as_secs_f64(),
                peak_mb()
            );
        }
    }
    println!(
        "{{\"articles\": {n}, \"happenings\": {happenings}, \"stories\": {}, \"clustering_s\": {:.2}, \"articles_per_s\": {:.0}, \"wall_s\": {:.2}, \"peak_mb\": {}}}",
        index.stories().len(),
        timed.as_secs_f64(),
        n as f64 / timed.as_secs_f64(),
        started.elapsed().as_secs_f64(),
        peak_mb()
    );
}

/// Capitalised words not first in their sentence, as names.
fn capitalised(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    for line in text.lines() {
        for (k, w) in line.split_whitespace().enumerate() {
            if k > 0 && w.chars().next().is_some_and(char::is_uppercase) && w.len() > 2 {
                out.push(
                    w.trim_matches(|c: char| !c.is_alphanumeric())
                        .to_lowercase(),
                );
            }
        }
    }
    out.sort();
    out.dedup();
    out
}

/// Peak resident memory of this process, in MB (Linux; 0 elsewhere).
fn peak_mb() -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmHWM:"))
                .and_then(|l| l.split_whitespace().nth(1)?.parse::<u64>().ok())
        })
        .map_or(0, |kb| kb / 1024)
}
