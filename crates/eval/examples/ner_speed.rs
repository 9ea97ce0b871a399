//! NER benchmark driver: Beacon's recogniser over the test splits of the NER
//! corpora, each sentence rebuilt as text (tokens joined by spaces), timed on
//! this thread only.
//!
//! Usage: ner_speed NER_DIR [MIN_SECONDS] [--split test|dev]
//! Prints one JSON line per corpus (tokens/s, P/R/F1 per type and overall, as
//! `beacon eval ner` scores them) and one for start-up: the time to parse the
//! shipped model, its size, and the peak resident memory after the run.
use std::time::Instant;

use beacon_entities::ner::Recogniser;
use beacon_eval::ner;

fn peak_rss_mb() -> f64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmHWM:"))
                .and_then(|l| l.split_whitespace().nth(1)?.parse::<f64>().ok())
        })
        .map_or(0.0, |kb| kb / 1024.0)
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let dir = std::path::Path::new(&args[1]);
    let min_seconds: f64 = args.get(2).and_then(|s| s.parse().ok()).unwrap_or(1.0);
    let split = args
        .iter()
        .position(|a| a == "--split")
        .and_then(|i| args.get(i + 1))
        .map_or("test", String::as_str);
    let started = Instant::now();
    let rec = Recogniser::shipped();
    let load_ms = started.elapsed().as_secs_f64() * 1e3;
    let splits = ner::load_ner_gold(dir, split).expect("gold");
    for s in &splits {
        let texts: Vec<String> = s.sentences.iter().map(|g| g.text().0).collect();
        let tokens: usize = s.sentences.iter().map(|g| g.tokens.len()).sum();
        let c = ner::score_split(&rec, &s.sentences);
        let start = Instant::now();
        let mut n = 0usize;
        while n == 0 || start.elapsed().as_secs_f64() < min_seconds {
            for t in &texts {
                std::hint::black_box(rec.recognise(t));
            }
            n += 1;
        }
        let secs = start.elapsed().as_secs_f64();
        let mut o = serde_json::json!({
            "tool": "beacon", "corpus": s.corpus, "split": split, "tokens": tokens,
            "tokens_per_s": (n * tokens) as f64 / secs,
        });
        for (ty, t) in ner::TYPES
            .iter()
            .zip(c.by_type)
            .chain([(&"overall", c.overall())])
        {
            let (p, r, f) = t.prf();
            o[*ty] = serde_json::json!({"p": p, "r": r, "f1": f});
        }
        println!("{o}");
    }
    println!(
        "{}",
        serde_json::json!({
            "tool": "beacon", "startup_ms": load_ms,
            "model_bytes": rec.model().to_bytes().len(),
            "peak_rss_mb": peak_rss_mb(),
        })
    );
}
