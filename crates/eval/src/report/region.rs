//! `beacon eval region`: Russian and Dari/Persian news pages the team
//! wrote, through the whole chain (`crate::region`).

use std::path::Path;

use crate::EvalError;
use crate::region::{self, Page, Scores};
use crate::split::Part;

fn row(label: &str, s: &Scores) {
    let r = |x: region::Ratio| format!("{:.3} ({}/{})", x.share(), x.right, x.of);
    println!(
        "  {label:<12} {:>16} {:>16} {:>16} {:>16}   {} false event(s) on {} page(s) without one",
        r(s.date),
        r(s.kind),
        r(s.tolls),
        r(s.place),
        s.false_events,
        s.quiet_pages
    );
}

pub fn region(gold: &Path, misses: usize) -> Result<(), EvalError> {
    let pages: Vec<Page> = region::load(gold)?;
    let pipeline = beacon_pipeline::Pipeline::default();
    println!(
        "{} pages ({} Russian, {} Dari/Persian); tune and frozen test parts by page id",
        pages.len(),
        pages.iter().filter(|p| p.lang == "ru").count(),
        pages.iter().filter(|p| p.lang == "fa").count()
    );
    println!(
        "  {:<12} {:>16} {:>16} {:>16} {:>16}",
        "part", "publication date", "event type", "tolls exact", "place <= 161 km"
    );
    for lang in [Some("ru"), Some("fa"), None] {
        for (part, mine) in region::parts(&pages, lang) {
            let s = region::score(&pipeline, &mine);
            row(&format!("{} {}", lang.unwrap_or("all"), part.as_str()), &s);
            if part == Part::Tune && lang.is_some() {
                for (id, what) in s.errors.iter().take(misses) {
                    println!("      {id}: {what}");
                }
            }
        }
    }
    Ok(())
}
