//! Publication-date benchmark driver: Beacon's dates stage over htmldate's
//! evaluation pages, decoded into memory first, timed on this thread only.
//!
//! Usage: date_speed GOLD_DIR [MIN_SECONDS] [--dump FILE]
//! Prints one JSON line per mode: `stage` (the dates stage alone, on the HTML
//! and URL, as htmldate works) and `pipeline` (extraction, then the dates stage
//! with extraction's datelines, as `beacon extract` runs), with the accuracy
//! over all pages and over the tune and frozen test parts
//! (`beacon_eval::split`, by the page's file). `--dump FILE` writes the decoded
//! pages (`[{url, html, gold, part}]`) for `bench/python_dates.py`;
//! `--mode stage|pipeline` runs one mode only (for profiling).
use std::time::Instant;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let gold = std::path::Path::new(&args[1]);
    let min_seconds: f64 = args.get(2).and_then(|s| s.parse().ok()).unwrap_or(3.0);
    let mut parts = Vec::new();
    let pages: Vec<(String, String, Option<String>)> = beacon_eval::load_date_gold(gold)
        .expect("gold")
        .into_iter()
        .map(|(url, p)| {
            let html = beacon_ingest::decode::decode(&p.html, None, true, Some(&url))
                .map(|d| d.text)
                .unwrap_or_default();
            parts.push(beacon_eval::split::Part::of(&p.id));
            (url, html, p.gold)
        })
        .collect();
    if let Some(i) = args.iter().position(|a| a == "--dump") {
        let list: Vec<serde_json::Value> = pages
            .iter()
            .zip(&parts)
            .map(|((u, h, g), part)| {
                serde_json::json!({"url": u, "html": h, "gold": g, "part": part.as_str()})
            })
            .collect();
        std::fs::write(&args[i + 1], serde_json::to_string(&list).expect("json")).expect("write");
        return;
    }
    let only = args
        .iter()
        .position(|a| a == "--mode")
        .and_then(|i| args.get(i + 1));
    for mode in ["stage", "pipeline"] {
        if only.is_some_and(|m| m != mode) {
            continue;
        }
        let run = |url: &str, html: &str| -> Option<String> {
            if mode == "stage" {
                beacon_dates::publication_date(Some(html), Some(url), &[], None).map(|p| p.value)
            } else {
                let doc = beacon_extract::html_document(html, Some(url));
                let (mut a, page) = beacon_extract::extract_parsed(&doc).ok()?;
                beacon_dates::date_parsed_article(&doc, &mut a, page.as_ref());
                a.published.map(|p| p.value)
            }
        };
        let right: Vec<bool> = pages
            .iter()
            .map(|(u, h, g)| {
                let got = run(u, h).unwrap_or_default();
                g.as_deref().is_some_and(|g| got.get(..10) == Some(g))
            })
            .collect();
        let correct = right.iter().filter(|&&r| r).count();
        let accuracy_of = |part: beacon_eval::split::Part| {
            let of: Vec<bool> = right
                .iter()
                .zip(&parts)
                .filter(|(_, p)| **p == part)
                .map(|(r, _)| *r)
                .collect();
            of.iter().filter(|&&r| r).count() as f64 / of.len().max(1) as f64
        };
        let start = Instant::now();
        let mut n = 0usize;
        while start.elapsed().as_secs_f64() < min_seconds {
            for (u, h, _) in &pages {
                std::hint::black_box(run(u, h));
                n += 1;
            }
        }
        let secs = start.elapsed().as_secs_f64();
        println!(
            "{}",
            serde_json::json!({
                "tool": format!("beacon ({mode})"),
                "pages": pages.len(),
                "pages_per_s": n as f64 / secs,
                "accuracy": correct as f64 / pages.len() as f64,
                "accuracy_tune": accuracy_of(beacon_eval::split::Part::Tune),
                "accuracy_test": accuracy_of(beacon_eval::split::Part::Test),
            })
        );
    }
}
