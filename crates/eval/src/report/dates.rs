//! `beacon eval dates`: publication dates against htmldate's evaluation pages.

use std::path::Path;
use std::time::Instant;

use super::print_parts;
use crate::EvalError;

pub fn dates(gold: &Path, worst: usize) -> Result<(), EvalError> {
    let pages = crate::load_date_gold(gold)?;
    let started = Instant::now();
    let mut got_all = Vec::with_capacity(pages.len());
    for (url, p) in &pages {
        let got = crate::page_date_bytes(&p.html, &p.id, Some(url))
            .map(|d| d.value)
            .unwrap_or_default();
        let ok = p.gold.as_deref().is_some_and(|g| got.get(..10) == Some(g));
        got_all.push((ok, got));
    }
    let secs = started.elapsed().as_secs_f64();
    let line = |idx: &[usize]| {
        let correct = idx.iter().filter(|&&i| got_all[i].0).count();
        format!(
            "pages {}  correct {}  accuracy {:.3}",
            idx.len(),
            correct,
            correct as f64 / idx.len().max(1) as f64
        )
    };
    let all: Vec<usize> = (0..pages.len()).collect();
    println!(
        "{}  ({:.0} pages/s incl. extraction)",
        line(&all),
        pages.len() as f64 / secs
    );
    let ids: Vec<&str> = pages.iter().map(|(_, p)| p.id.as_str()).collect();
    let tune = print_parts(&ids, &line);
    if worst > 0 {
        println!("the tune part's misses:");
    }
    for &i in tune.iter().filter(|&&i| !got_all[i].0).take(worst) {
        let g = pages[i].1.gold.clone().unwrap_or_else(|| "-".into());
        println!("  gold {g:<10}  got {:<10}  {}", got_all[i].1, ids[i]);
    }
    Ok(())
}
