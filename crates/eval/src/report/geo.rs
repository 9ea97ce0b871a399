//! `beacon eval geo`: geoparsing given gold toponyms and end to end.

use std::path::Path;
use std::time::Instant;

use crate::EvalError;

/// A rejected input: reported on stderr, and written in place of its record
/// `beacon eval geo`: geoparsing figures given gold toponyms and end to end,
/// over the whole set and its tune and test parts (by article address), with
/// what went wrong by kind; the worst toponyms are listed from the tune part.
pub fn geo(gold: &Path, misses: usize) -> Result<(), EvalError> {
    use crate::geo;
    use crate::split::Part;
    let (articles, misaligned) = geo::load_geo_gold(gold)?;
    let t = Instant::now();
    let entities = beacon_pipeline::Pipeline::shipped_entities();
    let load_ms = t.elapsed().as_secs_f64() * 1000.0;
    let toponyms: usize = articles.iter().map(|a| a.toponyms.len()).sum();
    println!(
        "{}: {} articles, {} toponyms ({} misaligned in the gold); gazetteer, actor dictionary and name model loaded in {:.0} ms",
        gold.display(),
        articles.len(),
        toponyms,
        misaligned,
        load_ms
    );
    print_geo_part(&entities, &articles, None);
    for part in Part::BOTH {
        let of = part.of_items(&articles, |a| a.id.as_str());
        let n: usize = of.iter().map(|a| a.toponyms.len()).sum();
        println!(
            "\n{} part: {} articles, {} toponyms",
            part.as_str(),
            of.len(),
            n
        );
        let (part_worst, e2e) = print_geo_part(&entities, &of, Some(part));
        if part == Part::Tune && misses > 0 {
            println!("worst given gold toponyms (tune part):");
            for m in part_worst.iter().take(misses) {
                println!(
                    "  {:>8.0} km  {:<24} -> {:<50} gold ({:.2}, {:.2})  [article {}]",
                    m.error_km, m.name, m.got, m.gold.0, m.gold.1, m.article
                );
            }
            for (label, names) in [
                ("not a place", &e2e.not_places),
                ("toponym missed", &e2e.missed),
            ] {
                println!(
                    "end to end, {label} (tune part): {}",
                    most_frequent(names, misses)
                );
            }
        }
    }
    Ok(())
}

/// The geoparsing figures of `articles` (a part, or all when `part` is
/// none: then with the time taken); its toponyms worst first, and the end
/// to end figures (with the spans taken for places that are none, and the
/// toponyms missed).
fn print_geo_part(
    entities: &beacon_entities::Entities,
    articles: &[crate::geo::GeoArticle],
    part: Option<crate::split::Part>,
) -> (Vec<crate::geo::GeoMiss>, crate::geo::EndToEnd) {
    use crate::geo;
    use beacon_gazetteer::{DictionaryRecogniser, Recogniser};
    let g = entities.gazetteer();
    let t = Instant::now();
    let (given, worst) = geo::score_given_gold(g, articles);
    let given_s = t.elapsed().as_secs_f64();
    let t = Instant::now();
    // End to end as `beacon analyze` runs: the gazetteer's dictionary pass
    // and the name model's places.
    let rec = entities.place_names();
    let e2e = geo::score_end_to_end(g, articles, &rec);
    let e2e_s = t.elapsed().as_secs_f64();
    let dictionary_only = geo::score_end_to_end(
        g,
        articles,
        &DictionaryRecogniser {
            gazetteer: g,
            settings: Recogniser::default(),
        },
    );
    let line = |label: &str, s: &geo::GeoScores| {
        println!(
            "{label:<22} n {:>5}  acc@161km {:.3}  mean {:>7.1} km  median {:>6.1} km  AUC {:.3}{}",
            s.n,
            s.acc161,
            s.mean_km,
            s.median_km,
            s.auc,
            s.exact_id
                .map(|x| format!("  exact GeoNames id {x:.3}"))
                .unwrap_or_default()
        )
    };
    line("given gold toponyms", &given);
    line("end to end (matched)", &e2e.geo);
    println!(
        "end-to-end recognition: P {:.3}  R {:.3}  F1 {:.3} ({} predicted, {} gold, {} matched); acc@161km over all gold {:.3}",
        e2e.precision, e2e.recall, e2e.f1, e2e.predicted, e2e.gold, e2e.matched, e2e.acc161_all
    );
    println!(
        "  (the gazetteer's dictionary pass alone: acc@161km {:.3} over {} matched; P {:.3}  R {:.3}  F1 {:.3})",
        dictionary_only.geo.acc161,
        dictionary_only.matched,
        dictionary_only.precision,
        dictionary_only.recall,
        dictionary_only.f1
    );
    let kinds: Vec<String> = geo::ErrorKind::ALL
        .iter()
        .map(|k| {
            let n = worst.iter().filter(|m| m.kind == Some(*k)).count();
            format!("{} {n}", k.as_str())
        })
        .collect();
    println!(
        "errors beyond 161 km, given gold: {}; end to end: not a place {}, toponym missed {}",
        kinds.join(", "),
        e2e.predicted - e2e.matched,
        e2e.gold - e2e.matched
    );
    let right_entry = worst
        .iter()
        .filter(|m| m.error_km <= 161.0 || m.kind == Some(geo::ErrorKind::Point))
        .count();
    println!(
        "given gold, within 161 km or the right entry at another point: {:.3}",
        right_entry as f64 / worst.len().max(1) as f64
    );
    if part.is_none() {
        println!(
            "time: given gold {:.0} ms ({:.0} docs/s), end to end {:.0} ms ({:.0} docs/s)",
            given_s * 1000.0,
            articles.len() as f64 / given_s.max(1e-9),
            e2e_s * 1000.0,
            articles.len() as f64 / e2e_s.max(1e-9)
        );
    }
    (worst, e2e)
}

/// The `n` most frequent of `names`, each with its count ("Walsh ×12").
fn most_frequent(names: &[String], n: usize) -> String {
    let mut counts: std::collections::BTreeMap<&str, usize> = Default::default();
    for name in names {
        *counts.entry(name.as_str()).or_default() += 1;
    }
    let mut counts: Vec<(&str, usize)> = counts.into_iter().collect();
    counts.sort_by_key(|&(name, c)| (std::cmp::Reverse(c), name));
    let shown: Vec<String> = counts
        .iter()
        .take(n)
        .map(|(name, c)| format!("{name} ×{c}"))
        .collect();
    shown.join(", ")
}
