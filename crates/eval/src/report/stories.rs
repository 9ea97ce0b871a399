//! `beacon eval stories`: story clustering (B-cubed) on ECB+.

use std::path::Path;
use std::time::Instant;

use crate::EvalError;

pub fn stories(gold: &Path) -> Result<(), EvalError> {
    use crate::stories;
    let started = Instant::now();
    let articles = stories::load_story_gold(gold)?;
    let loaded = started.elapsed().as_secs_f64();
    let clusters: std::collections::HashSet<&str> =
        articles.iter().map(|a| a.cluster.as_str()).collect();
    println!(
        "ECB+ articles {}  gold stories {}  (names found in {loaded:.2}s)",
        articles.len(),
        clusters.len()
    );
    println!(
        "  {:<16} {:>7}  {:>6} {:>6} {:>6}   {:>6} {:>6} {:>6}",
        "order", "stories", "B3 P", "B3 R", "B3 F1", "pair P", "pair R", "pair F1"
    );
    let config = beacon_stories::Config::batch();
    let orders: Vec<(String, Vec<usize>)> =
        std::iter::once(("file".to_owned(), (0..articles.len()).collect()))
            .chain((1..=3).map(|seed| {
                (
                    format!("shuffled ({seed})"),
                    stories::shuffled(articles.len(), seed),
                )
            }))
            .collect();
    let mut f1s = Vec::new();
    for (name, order) in &orders {
        let t = Instant::now();
        let (b3, pw, n) = stories::score_order(&articles, order, &config);
        f1s.push(b3.f1);
        println!(
            "  {name:<16} {n:>7}  {:>6.3} {:>6.3} {:>6.3}   {:>6.3} {:>6.3} {:>6.3}   ({:.0} articles/s)",
            b3.p,
            b3.r,
            b3.f1,
            pw.p,
            pw.r,
            pw.f1,
            articles.len() as f64 / t.elapsed().as_secs_f64().max(1e-9)
        );
    }
    let mean = f1s.iter().sum::<f64>() / f1s.len() as f64;
    println!("  B-cubed F1, mean over the orders: {mean:.3}");
    Ok(())
}
