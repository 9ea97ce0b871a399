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
//!
//! With `--search DIR` the same stream (the generator is seeded) is put in
//! a search index in `DIR` instead ([`beacon_search::SearchIndex`], one
//! writer thread, committed every 100,000 articles), and then 2,000
//! queries are timed one by one, each as `beacon search` runs it (top 20
//! by relevance, with snippets and stored fields): p50, p95 and p99. The
//! queries, drawn from the stream's own words with a fixed seed: a name
//! (40%), two names of one article (25%), a two-word phrase of one article
//! (15%), a name within a 30-day window (10%), and a name, newest first
//! (10%).
//!
//! ```sh
//! cargo run --release -p beacon-stories --example stream -- \
//!     ../shared/data/ner/gmb/train.conll 1000000 --search /tmp/index
//! ```

use std::time::{Duration, Instant};

use beacon_stories::{Config, StoryDoc, StoryIndex};

/// The seeded generator of the stream's articles.
struct Stream<'a> {
    windows: Vec<&'a [String]>,
    rng: u64,
    happenings: u64,
}

impl Stream<'_> {
    fn next(&mut self) -> u64 {
        self.rng ^= self.rng << 13;
        self.rng ^= self.rng >> 7;
        self.rng ^= self.rng << 17;
        self.rng
    }

    /// Article `i`: its text and its day.
    fn article(&mut self) -> (String, i64) {
        let h = if self.happenings == 0 || self.next() % 5 >= 3 {
            self.happenings += 1;
            self.happenings - 1
        } else {
            let back = self.next() % self.happenings.min(2_000);
            self.happenings - 1 - back
        };
        // The happening's two windows, from its number (a fixed hash).
        let mix = h.wrapping_mul(0x9E37_79B9_7F4A_7C15);
        let w = self.windows.len() as u64;
        let (first, second) = (
            self.windows[(mix % w) as usize],
            self.windows[((mix >> 32) % w) as usize],
        );
        let mut text = format!("Outlet {} reports.\n", self.next() % 5_000);
        for s in first.iter().chain(second) {
            if !self.next().is_multiple_of(5) {
                text.push_str(s);
                text.push('\n');
            }
        }
        let ix = (self.next() % w) as usize;
        let aside = self.windows[ix];
        let k = (self.next() % 4) as usize;
        text.push_str(&aside[k]);
        text.push('\n');
        let day = (h / 300) as i64 + (self.next() % 3) as i64;
        (text, day)
    }
}

fn main() {
    let mut args = std::env::args().skip(1);
    let path = args
        .next()
        .unwrap_or_else(|| "../shared/data/ner/gmb/train.conll".into());
    let n: u32 = args
        .next()
        .and_then(|s| s.parse().ok())
        .unwrap_or(1_000_000);
    let search = match args.next().as_deref() {
        Some("--search") => Some(std::path::PathBuf::from(args.next().expect("--search DIR"))),
        _ => None,
    };
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
    let mut stream = Stream {
        windows,
        rng: 0x2545_F491_4F6C_DD1D,
        happenings: 0,
    };
    if let Some(dir) = search {
        search_bench(&mut stream, n, &dir);
        return;
    }
    let mut index = StoryIndex::new(Config::default());
    let mut timed = Duration::ZERO;
    let started = Instant::now();
    for i in 0..n {
        let (text, day) = stream.article();
        let names = capitalised(&text);
        let doc = StoryDoc {
            id: format!("a{i}"),
            text,
            names,
            day: Some(day),
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
        "{{\"articles\": {n}, \"happenings\": {}, \"stories\": {}, \"clustering_s\": {:.2}, \"articles_per_s\": {:.0}, \"wall_s\": {:.2}, \"peak_mb\": {}}}",
        stream.happenings,
        index.stories().len(),
        timed.as_secs_f64(),
        n as f64 / timed.as_secs_f64(),
        started.elapsed().as_secs_f64(),
        peak_mb()
    );
}

/// The stream into a search index, then the latency of queries over it.
fn search_bench(stream: &mut Stream, n: u32, dir: &std::path::Path) {
    use beacon_model::{Article, DateBasis, Precision, Published};
    use beacon_search::{Filter, Reach, Request, SearchIndex, Sort};
    let _ = std::fs::remove_dir_all(dir);
    let index = SearchIndex::open(dir).expect("an index directory");
    let started = Instant::now();
    let mut writer = index.writer().expect("a writer");
    // words to ask for: names (capitalised words) seen in the stream
    let mut names: Vec<String> = Vec::new();
    for i in 0..n {
        let (text, day) = stream.article();
        if i % 97 == 0 {
            names.extend(capitalised(&text).into_iter().filter(|w| w.len() > 3));
        }
        let mut a = Article::from_text(&format!("a{i}"), &text);
        a.title = text.lines().nth(1).map(str::to_owned);
        a.url = Some(format!("https://outlet.example/{i}"));
        a.published = beacon_model::epoch_day_to_date(day).map(|value| Published {
            value,
            precision: Precision::Day,
            basis: DateBasis::Given,
            confidence: 1.0,
        });
        index
            .add_article(&writer, &a, &[], &[], None)
            .expect("indexed");
        if (i + 1) % 100_000 == 0 {
            index
                .commit(
                    writer,
                    "stream",
                    Reach {
                        articles: i64::from(i + 1),
                        events: 0,
                    },
                )
                .expect("committed");
            writer = index.writer().expect("a writer");
            eprintln!(
                "{} articles indexed, {:.0}/s, peak {} MB",
                i + 1,
                f64::from(i + 1) / started.elapsed().as_secs_f64(),
                peak_mb()
            );
        }
    }
    index
        .commit(
            writer,
            "stream",
            Reach {
                articles: i64::from(n),
                events: 0,
            },
        )
        .expect("committed");
    let indexing_s = started.elapsed().as_secs_f64();
    names.sort();
    names.dedup();
    let mut rng = 0x9E37_79B9_7F4A_7C15u64;
    let mut pick = |k: usize| {
        rng ^= rng << 13;
        rng ^= rng >> 7;
        rng ^= rng << 17;
        (rng % k as u64) as usize
    };
    let days = (stream.happenings / 300).max(1) as i64;
    let mut times = Vec::new();
    let mut matched = 0usize;
    for q in 0..2_000 {
        let kind = pick(20);
        let a = &names[pick(names.len())];
        let b = &names[pick(names.len())];
        let mut r = Request {
            limit: 20,
            ..Request::default()
        };
        match kind {
            0..8 => r.text = a.clone(),
            8..13 => {
                // two names of one article
                let (text, _) = stream.article();
                let own = capitalised(&text);
                r.text = if own.len() >= 2 {
                    format!("{} {}", own[pick(own.len())], own[pick(own.len())])
                } else {
                    format!("{a} {b}")
                };
            }
            13..16 => {
                // a phrase the stream holds: two words of an article
                let (text, _) = stream.article();
                let words: Vec<&str> = text.split_whitespace().filter(|w| w.len() > 3).collect();
                let k = pick(words.len().saturating_sub(1).max(1));
                r.text = format!("\"{} {}\"", words[k], words.get(k + 1).unwrap_or(&"news"));
            }
            16..18 => {
                let from = pick(days as usize) as i64;
                r.text = a.clone();
                r.filter = Filter {
                    since: beacon_model::epoch_day_to_date(from).and_then(|d| d.parse().ok()),
                    until: beacon_model::epoch_day_to_date(from + 30).and_then(|d| d.parse().ok()),
                    ..Filter::default()
                };
            }
            _ => {
                r.text = a.clone();
                r.sort = Sort::Newest;
            }
        }
        let t = Instant::now();
        let res = index.search(&r).expect("a search");
        times.push(t.elapsed().as_secs_f64() * 1000.0);
        matched += usize::from(res.total > 0);
        if q == 0 {
            eprintln!("first query {:?}: {} matches", r.text, res.total);
        }
    }
    times.sort_by(f64::total_cmp);
    let pct = |p: f64| times[((times.len() as f64 * p) as usize).min(times.len() - 1)];
    println!(
        "{{\"articles\": {n}, \"documents\": {}, \"indexing_s\": {indexing_s:.1}, \"index_mb\": {}, \"queries\": {}, \"with_matches\": {matched}, \"p50_ms\": {:.2}, \"p95_ms\": {:.2}, \"p99_ms\": {:.2}, \"max_ms\": {:.2}, \"peak_mb\": {}}}",
        index.len(),
        dir_mb(dir),
        times.len(),
        pct(0.50),
        pct(0.95),
        pct(0.99),
        times[times.len() - 1],
        peak_mb()
    );
}

/// Size of a directory's files, in MB.
fn dir_mb(dir: &std::path::Path) -> u64 {
    std::fs::read_dir(dir)
        .map(|d| {
            d.filter_map(Result::ok)
                .filter_map(|e| e.metadata().ok())
                .map(|m| m.len())
                .sum::<u64>()
        })
        .unwrap_or(0)
        >> 20
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
