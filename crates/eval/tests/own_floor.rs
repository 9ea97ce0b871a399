//! Floors on Beacon's own corpus (`crates/eval/floor/`, written by the team:
//! news pages, texts and sentences with a reader's answers; see its
//! `make_floor.py`), scored by the scorers of `beacon eval`. Unlike
//! `floor.rs` these never skip: a clean clone, with no `../shared`, still
//! catches a regression in every stage. The sets are small: a floor is a
//! guard against breaking a stage, not a measure of it (`beacon eval` on the
//! gold sets measures).

use std::path::{Path, PathBuf};

fn floor(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("floor")
        .join(rel)
}

#[test]
fn own_pages_extraction_floor() {
    let pages = beacon_eval::load_shingle_gold(&floor("extraction")).unwrap();
    assert_eq!(pages.len(), 6, "the corpus changed");
    let pairs: Vec<(String, String)> = pages
        .iter()
        .map(|p| {
            let text = beacon_eval::extract_bytes(&p.html, &format!("{}.html", p.id))
                .map(|a| a.text)
                .unwrap_or_default();
            (p.gold.clone(), text)
        })
        .collect();
    let prf = beacon_eval::extraction(&pairs);
    eprintln!("own pages: extraction F1 {:.3}", prf.f1);
    assert!(prf.f1 >= 0.95, "extraction F1 {:.3} < 0.95", prf.f1);
}

#[test]
fn own_pages_publication_date_floor() {
    let pages = beacon_eval::load_date_gold(&floor("dates")).unwrap();
    assert_eq!(pages.len(), 6, "the corpus changed");
    let correct = pages
        .iter()
        .filter(|(url, p)| {
            let got = beacon_eval::page_date_bytes(&p.html, &p.id, Some(url))
                .map(|d| d.value)
                .unwrap_or_default();
            p.gold.as_deref().is_some_and(|g| got.get(..10) == Some(g))
        })
        .count();
    eprintln!("own pages: publication dates {correct} of {}", pages.len());
    assert!(correct >= 5, "{correct} of {} dates right", pages.len());
}

#[test]
fn own_time_expressions_floor() {
    let docs = beacon_eval::timex::load_timex_gold(&floor("timex")).unwrap();
    let mut c = beacon_eval::timex::TimexCounts::default();
    for d in &docs {
        let (sys, _) = beacon_eval::timex::tag_timex_doc(d);
        beacon_eval::timex::score_timex(d, &sys, &mut c);
    }
    assert_eq!((docs.len(), c.gold), (5, 16), "the corpus changed");
    let (strict, value) = (c.strict().2, c.value().2);
    eprintln!("own texts: time expressions strict F1 {strict:.3}, value F1 {value:.3}");
    assert!(
        strict >= 0.75 && value >= 0.65,
        "strict F1 {strict:.3} < 0.75 or value F1 {value:.3} < 0.65"
    );
}

#[test]
fn own_names_floor() {
    let splits = beacon_eval::ner::load_ner_gold(&floor("ner"), "dev").unwrap();
    assert_eq!(splits.len(), 1);
    let rec = beacon_entities::ner::Recogniser::shipped();
    let f1 = beacon_eval::ner::score_split(&rec, &splits[0].sentences)
        .overall()
        .prf()
        .2;
    eprintln!("own sentences: names F1 {f1:.3}");
    assert!(f1 >= 0.75, "names F1 {f1:.3} < 0.75");
}

#[test]
fn own_places_floor() {
    let (articles, misaligned) = beacon_eval::geo::load_geo_gold(&floor("geo")).unwrap();
    assert_eq!((articles.len(), misaligned), (12, 0), "the corpus changed");
    let g = &beacon_gazetteer::Gazetteer::load().unwrap();
    let (given, _) = beacon_eval::geo::score_given_gold(g, &articles);
    let rec = beacon_gazetteer::DictionaryRecogniser {
        gazetteer: g,
        settings: beacon_gazetteer::Recogniser::default(),
    };
    let e2e = beacon_eval::geo::score_end_to_end(g, &articles, &rec);
    eprintln!(
        "own sentences: places within 161 km, given {:.3}, end to end {:.3}",
        given.acc161, e2e.geo.acc161
    );
    assert!(
        given.acc161 >= 0.90,
        "given gold {:.3} < 0.90",
        given.acc161
    );
    assert!(
        e2e.geo.acc161 >= 0.85,
        "end to end {:.3} < 0.85",
        e2e.geo.acc161
    );
}

#[test]
fn own_events_floor() {
    let records = beacon_eval::events::load_plover(&floor("events")).unwrap();
    assert_eq!(records.len(), 16, "the corpus changed");
    let pipeline = beacon_eval::events::scoring_pipeline();
    let (s, _) = beacon_eval::events::score_plover(&records, &|t| {
        beacon_eval::events::code_text(&pipeline, t, "2024-03-13")
    });
    eprintln!(
        "own sentences: event type {:.3}, actor {:.3}",
        s.type_accuracy(),
        s.actor_accuracy()
    );
    assert!(
        s.type_accuracy() >= 0.80,
        "type {:.3} < 0.80",
        s.type_accuracy()
    );
    assert!(
        s.actor_accuracy() >= 0.70,
        "actor {:.3} < 0.70",
        s.actor_accuracy()
    );
}

#[test]
fn own_stories_floor() {
    let articles = beacon_eval::stories::load_story_gold(&floor("stories")).unwrap();
    assert_eq!(articles.len(), 8, "the corpus changed");
    let config = beacon_stories::Config::batch();
    let order: Vec<usize> = (0..articles.len()).collect();
    let (b3, _, _) = beacon_eval::stories::score_order(&articles, &order, &config);
    eprintln!("own reports: stories B-cubed F1 {:.3}", b3.f1);
    assert!(b3.f1 >= 0.80, "B-cubed F1 {:.3} < 0.80", b3.f1);
}

#[test]
fn own_sentences_syntax_floor() {
    let gold = beacon_syntax::conllu::read_file(&floor("syntax/floor.conllu")).unwrap();
    assert_eq!(gold.len(), 6, "the corpus changed");
    let model = beacon_syntax::Syntax::builtin().unwrap();
    let s = beacon_syntax::train::evaluate(&model, &gold);
    eprintln!("own sentences: syntax {s:?}");
    assert!(
        s.upos >= 0.90 && s.uas >= 0.80 && s.las >= 0.75,
        "below the floors (UPOS 0.90, UAS 0.80, LAS 0.75): {s:?}"
    );
}
