//! Scores Beacon's casualty reader on the shipped gold.
//!
//! Usage: cargo run -p beacon-eval --example casualties [SNIPPETS_TSV] [--misses N]
//! (SNIPPETS_TSV defaults to ../shared/data/events/case2021_task2/snippets.tsv
//! from the workspace root). Prints exact match, per-harm exact match, and the
//! first N misses as `id  gold  system` (figures as `5`, `5-7`, `5+`, `-`).
use std::path::Path;

use beacon_eval::casualties::{GOLD, load_gold, load_snippets, score, show};

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let mut misses = 0usize;
    let mut path = None;
    let mut it = args.iter();
    while let Some(a) = it.next() {
        if a == "--misses" {
            misses = it.next().and_then(|n| n.parse().ok()).unwrap_or(20);
        } else {
            path = Some(a.clone());
        }
    }
    let path = path.unwrap_or_else(|| {
        concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../../shared/data/events/case2021_task2/snippets.tsv"
        )
        .to_owned()
    });
    let gold = load_gold(Path::new(GOLD)).expect("gold");
    let snippets = load_snippets(Path::new(&path)).expect("snippets");
    let r = score(&gold, &snippets, &beacon_events::casualties::casualties).expect("score");
    println!(
        "casualties: {} snippets, exact match {:.3}, fatalities {:.3}, injured {:.3}",
        r.total,
        r.exact(),
        r.fatalities(),
        r.injured()
    );
    // Figures stated on snippets outside the gold (which states none there).
    let gold_ids: std::collections::HashSet<&str> = gold.iter().map(|g| g.id.as_str()).collect();
    let mut others: Vec<(&String, &String)> = snippets
        .iter()
        .filter(|(id, _)| !gold_ids.contains(id.as_str()))
        .collect();
    others.sort_by_key(|(id, _)| id.parse::<u64>().unwrap_or(u64::MAX));
    let spurious: Vec<_> = others
        .iter()
        .filter_map(|(id, text)| {
            let (k, i) = beacon_events::casualties::casualties(text);
            (k.is_some() || i.is_some()).then_some((id, k, i))
        })
        .collect();
    println!(
        "figures on {} of the {} snippets outside the gold",
        spurious.len(),
        others.len()
    );
    for (id, k, i) in spurious.iter().take(misses) {
        let b = |c: &Option<beacon_model::Count>| c.as_ref().map(|c| (c.min, c.max));
        println!("{id}	gold - / -	system {} / {}", show(b(k)), show(b(i)));
    }
    for m in r.misses.iter().take(misses) {
        println!(
            "{}\tgold {} / {}\tsystem {} / {}",
            m.id,
            show(m.gold.0),
            show(m.gold.1),
            show(m.system.0),
            show(m.system.1)
        );
    }
}
