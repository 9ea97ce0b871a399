//! What the floor tests score, once: each stage's figure on a gold folder,
//! by the scorers of `beacon eval`. `floor.rs` (the gold sets of
//! `../shared/data`) and `own_floor.rs` (Beacon's own corpus) hold the
//! floors.

#![allow(dead_code)]

use std::path::Path;

/// Shingle F1 of the extraction benchmark's pages in `dir`, and how many.
pub fn extraction_f1(dir: &Path) -> (usize, f64) {
    let pages = beacon_eval::load_shingle_gold(dir).unwrap();
    let pairs: Vec<(String, String)> = pages
        .iter()
        .map(|p| {
            let text = beacon_eval::extract_bytes(&p.html, &format!("{}.html", p.id))
                .map(|a| a.text)
                .unwrap_or_default();
            (p.gold.clone(), text)
        })
        .collect();
    (pages.len(), beacon_eval::extraction(&pairs).f1)
}

/// Publication dates right to the day on htmldate-style pages: (right, all).
pub fn dates_right(dir: &Path) -> (usize, usize) {
    let pages = beacon_eval::load_date_gold(dir).unwrap();
    let right = pages
        .iter()
        .filter(|(url, p)| {
            let got = beacon_eval::page_date_bytes(&p.html, &p.id, Some(url))
                .map(|d| d.value)
                .unwrap_or_default();
            p.gold.as_deref().is_some_and(|g| got.get(..10) == Some(g))
        })
        .count();
    (right, pages.len())
}

/// Time expressions: (documents, gold expressions, strict span F1, value F1).
pub fn timex_f1(dir: &Path) -> (usize, usize, f64, f64) {
    let docs = beacon_eval::timex::load_timex_gold(dir).unwrap();
    let mut c = beacon_eval::timex::TimexCounts::default();
    let pipeline = beacon_pipeline::Pipeline::default();
    for d in &docs {
        let (sys, _) = beacon_eval::timex::tag_timex_doc_in(&pipeline, d);
        beacon_eval::timex::score_timex(d, &sys, &mut c);
    }
    (docs.len(), c.gold, c.strict().2, c.value().2)
}

/// Places within 161 km: (articles, misaligned gold, given gold, end to end).
pub fn places_161(dir: &Path) -> (usize, usize, f64, f64) {
    let (articles, misaligned) = beacon_eval::geo::load_geo_gold(dir).unwrap();
    let g = &beacon_gazetteer::Gazetteer::load().unwrap();
    let (given, _) = beacon_eval::geo::score_given_gold(g, &articles);
    let rec = beacon_gazetteer::DictionaryRecogniser {
        gazetteer: g,
        settings: beacon_gazetteer::Recogniser::default(),
    };
    let e2e = beacon_eval::geo::score_end_to_end(g, &articles, &rec);
    (articles.len(), misaligned, given.acc161, e2e.geo.acc161)
}

/// PLOVER records coded on `day`: (records, type accuracy, actor accuracy).
pub fn plover(dir: &Path, day: &str) -> (usize, f64, f64) {
    let records = beacon_eval::events::load_plover(dir).unwrap();
    let pipeline = beacon_eval::events::scoring_pipeline();
    let (s, _) = beacon_eval::events::score_plover(&records, &|t| {
        beacon_eval::events::code_text(&pipeline, t, day)
    });
    (records.len(), s.type_accuracy(), s.actor_accuracy())
}

/// Story B-cubed F1 in file order and in one shuffled order, the lower.
pub fn stories_b3(dir: &Path) -> (usize, f64) {
    let articles = beacon_eval::stories::load_story_gold(dir).unwrap();
    let config = beacon_stories::Config::batch();
    let lowest = [
        (0..articles.len()).collect::<Vec<_>>(),
        beacon_eval::stories::shuffled(articles.len(), 1),
    ]
    .iter()
    .map(|order| {
        beacon_eval::stories::score_order(&articles, order, &config)
            .0
            .f1
    })
    .fold(f64::INFINITY, f64::min);
    (articles.len(), lowest)
}

/// Asserts `value >= floor`, naming what fell.
pub fn at_least(what: &str, value: f64, floor: f64) {
    eprintln!("{what}: {value:.3} (floor {floor})");
    assert!(
        value >= floor,
        "{what} {value:.3} fell below the floor of {floor}"
    );
}
