//! Floors on Beacon's own corpus (`crates/eval/floor/`, written by the team:
//! news pages, texts and sentences with a reader's answers; see its
//! `make_floor.py`), scored by the scorers of `beacon eval`. Unlike
//! `floor.rs` these never skip: a clean clone, with no `../shared`, still
//! catches a regression in every stage. The sets are small: a floor is a
//! guard against breaking a stage, not a measure of it (`beacon eval` on the
//! gold sets measures).

use std::path::{Path, PathBuf};

mod common;
use common::at_least;

fn floor(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("floor")
        .join(rel)
}

#[test]
fn own_pages_extraction_floor() {
    let (pages, f1) = common::extraction_f1(&floor("extraction"));
    assert_eq!(pages, 6, "the corpus changed");
    at_least("own pages: extraction F1", f1, 0.95);
}

#[test]
fn own_pages_publication_date_floor() {
    let (right, all) = common::dates_right(&floor("dates"));
    assert_eq!(all, 6, "the corpus changed");
    at_least("own pages: dates right", right as f64, 5.0);
}

#[test]
fn own_time_expressions_floor() {
    let (docs, gold, strict, value) = common::timex_f1(&floor("timex"));
    assert_eq!((docs, gold), (5, 16), "the corpus changed");
    at_least("own texts: time expressions, strict span F1", strict, 0.75);
    at_least("own texts: time expressions, value F1", value, 0.65);
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
    let (articles, misaligned, given, e2e) = common::places_161(&floor("geo"));
    assert_eq!((articles, misaligned), (12, 0), "the corpus changed");
    at_least(
        "own sentences: places within 161 km, given gold",
        given,
        0.90,
    );
    at_least("own sentences: places within 161 km, end to end", e2e, 0.85);
}

#[test]
fn own_events_floor() {
    let (records, kind, actor) = common::plover(&floor("events"), "2024-03-13");
    assert_eq!(records, 16, "the corpus changed");
    at_least("own sentences: event type", kind, 0.80);
    at_least("own sentences: event actor", actor, 0.70);
}

#[test]
fn own_stories_floor() {
    let (articles, b3) = common::stories_b3(&floor("stories"));
    assert_eq!(articles, 8, "the corpus changed");
    at_least("own reports: stories B-cubed F1", b3, 0.80);
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
