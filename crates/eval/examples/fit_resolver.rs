//! Fits the toponym resolver's weights (`beacon_gazetteer::ResolverWeights`)
//! on the tune parts of the geoparsing gold sets, by coordinate ascent:
//! each weight in turn is scaled or shifted, and a change is kept when it
//! raises the mean accuracy within 161 km over the sets (given gold
//! toponyms). Prints the weights, then the default's and the fitted
//! weights' figures on both parts (the test part is printed, never used).
//!
//! `cargo run --release -p beacon-eval --example fit_resolver -- ../shared/data/geoparsing/TR-News ../shared/data/geoparsing/GeoVirus`

use beacon_eval::geo::{GeoArticle, load_geo_gold, score_given_gold_with};
use beacon_eval::split::Part;
use beacon_gazetteer::{Gazetteer, ResolverWeights};

/// Each weight of the resolver, by name, to read and to set.
fn slots(w: &mut ResolverWeights) -> Vec<(&'static str, &mut f64)> {
    let [p0, p1, p2] = &mut w.proximity;
    vec![
        ("country", &mut w.country),
        ("region", &mut w.region),
        ("admin1", &mut w.admin1),
        ("admin2", &mut w.admin2),
        ("feature", &mut w.feature),
        ("primary_name", &mut w.primary_name),
        ("demonym", &mut w.demonym),
        ("capital", &mut w.capital),
        ("focus", &mut w.focus),
        ("admin1_named", &mut w.admin1_named),
        ("area_focus", &mut w.area_focus),
        ("admin2_named", &mut w.admin2_named),
        ("qualifier", &mut w.qualifier),
        ("list", &mut w.list),
        ("proximity_100km", p0),
        ("proximity_300km", p1),
        ("proximity_800km", p2),
        ("kind_cue", &mut w.kind_cue),
        ("seat", &mut w.seat),
        ("unsupported_country", &mut w.unsupported_country),
    ]
}

/// The mean accuracy within 161 km over the sets.
fn objective(g: &Gazetteer, sets: &[Vec<GeoArticle>], w: &ResolverWeights) -> f64 {
    let accs: Vec<f64> = sets
        .iter()
        .map(|s| score_given_gold_with(g, s, w).0.acc161)
        .collect();
    accs.iter().sum::<f64>() / accs.len() as f64
}

fn main() {
    let dirs: Vec<String> = std::env::args().skip(1).collect();
    assert!(!dirs.is_empty(), "give one or more gold directories");
    let g = Gazetteer::load().expect("the embedded gazetteer");
    let parts = |part: Part| -> Vec<Vec<GeoArticle>> {
        dirs.iter()
            .map(|d| {
                let (a, _) = load_geo_gold(std::path::Path::new(d)).expect("the gold set");
                part.of_items(&a, |x| x.id.as_str())
            })
            .collect()
    };
    let (tune, test) = (parts(Part::Tune), parts(Part::Test));
    let mut best = ResolverWeights::default();
    let mut best_score = objective(&g, &tune, &best);
    eprintln!("default: tune {best_score:.4}");
    for round in 0..4 {
        let mut improved = false;
        for k in 0..slots(&mut best.clone()).len() {
            for step in [-2.0, -1.0, -0.5, -0.25, 0.25, 0.5, 1.0, 2.0] {
                let mut w = best.clone();
                *slots(&mut w)[k].1 += step;
                let s = objective(&g, &tune, &w);
                // a change must gain at least one toponym in a thousand
                if s > best_score + 0.001 {
                    let name = slots(&mut w)[k].0;
                    eprintln!("round {round}: {name} {step:+} -> tune {s:.4}");
                    (best, best_score) = (w, s);
                    improved = true;
                }
            }
        }
        if !improved {
            break;
        }
    }
    println!("fitted weights:");
    for (name, v) in slots(&mut best.clone()) {
        println!("  {name:<16} {v:.2}");
    }
    let default = ResolverWeights::default();
    for (label, w) in [("default", &default), ("fitted", &best)] {
        let per = |sets: &[Vec<GeoArticle>]| -> Vec<String> {
            sets.iter()
                .map(|s| format!("{:.3}", score_given_gold_with(&g, s, w).0.acc161))
                .collect()
        };
        println!(
            "{label:<8} tune {} test {}  ({})",
            per(&tune).join(" "),
            per(&test).join(" "),
            dirs.join(", ")
        );
    }
}
