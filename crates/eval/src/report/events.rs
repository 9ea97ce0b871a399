//! `beacon eval events`: event coding on every events gold set, per part.

use std::path::Path;
use std::time::Instant;

use crate::EvalError;

pub fn events(
    gold: &Path,
    misses: usize,
    config: beacon_pipeline::Config,
) -> Result<(), EvalError> {
    use crate::events;
    use crate::split::Part;
    let records = events::load_plover(gold)?;
    let pipeline = beacon_pipeline::Pipeline::new(config);
    // The CAMEO manual's sentences carry no date; any fixed day serves.
    let code = |t: &str| events::code_text(&pipeline, t, "2000-01-01");
    println!(
        "Each set in its tune part and its frozen test part (beacon_eval::split); errors are listed for the tune part only."
    );
    for part in Part::BOTH {
        let shown = if part == Part::Tune { misses } else { 0 };
        print_plover(&part.of_items(&records, |r| &r.id), part, &code, shown);
    }
    let snippets_path = gold.join("case2021_task2/snippets.tsv");
    if !snippets_path.is_file() {
        return Ok(());
    }
    let snippets = events::load_acled_snippets(&snippets_path)?;
    for part in Part::BOTH {
        let shown = if part == Part::Tune { misses } else { 0 };
        print_acled(&part.of_items(&snippets, |s| &s.id), part, &code, shown);
    }
    print_casualties(&snippets_path, &code, misses)?;
    print_false_events(&gold.join("nonconflict_news"), &code, misses)?;
    print_false_events_ecb(
        &gold.join("../stories/ecbplus/articles.jsonl"),
        &code,
        misses,
    )?;
    print_detection(gold, &code, misses)?;
    print_cameo_classes(&gold.join("cameo_sentences/sentences.jsonl"), &code, misses)?;
    Ok(())
}

/// The CAMEO manual's sentences (`crate::cameo`): recall of an event
/// of each sentence's class, and events on the statements that hold none,
/// per part, where the file is there.
fn print_cameo_classes(
    path: &Path,
    code: &dyn Fn(&str) -> Vec<beacon_model::Event>,
    misses: usize,
) -> Result<(), EvalError> {
    use crate::cameo;
    use crate::split::Part;
    if !path.is_file() {
        return Ok(());
    }
    let items = cameo::load_cameo(path)?;
    for part in Part::BOTH {
        let items = part.of_items(&items, |c| &c.id);
        let (s, wrong) = cameo::score_classes(&items, code);
        println!(
            "CAMEO manual sentences (ConfliBERT's classes), {} part: {} sentences, {} statements\n  \
             an event of the sentence's class: recall {:.3} (verbal cooperation {:.3}, material cooperation {:.3}, verbal conflict {:.3}, material conflict {:.3}); \
             events on statements, which hold none: {:.3} (target: recall >= 0.60 with <= 0.25)",
            part.as_str(),
            items.len(),
            s.sentences[0],
            s.recall(),
            s.recall_of(1),
            s.recall_of(2),
            s.recall_of(3),
            s.recall_of(4),
            s.events_on_none_share()
        );
        let shown = if part == Part::Tune { misses } else { 0 };
        for (id, class, kinds, text) in wrong.iter().take(shown) {
            let kinds: Vec<&str> = kinds.iter().map(|k| k.as_str()).collect();
            println!("  {id} (class {class}, coded {kinds:?}): {text}");
        }
    }
    Ok(())
}

/// Event detection on sentences with realistic negatives (GLOCON's protests,
/// IndiaPoliceEvents' arrests), per part, where the folders are there.
fn print_detection(
    gold: &Path,
    code: &dyn Fn(&str) -> Vec<beacon_model::Event>,
    misses: usize,
) -> Result<(), EvalError> {
    use crate::detection::{self, Labelled};
    use crate::split::Part;
    type Found = fn(&[beacon_model::Event]) -> bool;
    let glocon = gold.join("glocon_sample/sents.jsonl");
    let police = gold.join("indiapoliceevents/sents.jsonl");
    let mut sets: Vec<(&str, Vec<Labelled>, Found)> = Vec::new();
    if glocon.is_file() {
        let items = detection::load_glocon(&glocon)?;
        sets.push((
            "protests and political violence that occurred (GLOCON sentences)",
            items,
            detection::contention_occurred,
        ));
    }
    if police.is_file() {
        let items = detection::load_police_arrests(&police)?;
        sets.push((
            "arrests (IndiaPoliceEvents sentences)",
            items,
            detection::arrest_occurred,
        ));
    }
    for (name, items, found) in &sets {
        for part in Part::BOTH {
            let items = part.of_items(items, |l| &l.document);
            let (d, wrong) = detection::score_detection(&items, code, found);
            println!(
                "{name}, {} part: {} sentences, {} with the event\n  precision {:.3}  recall {:.3}  F1 {:.3}",
                part.as_str(),
                d.sentences,
                d.true_positives + d.false_negatives,
                d.precision(),
                d.recall(),
                d.f1()
            );
            let shown = if part == Part::Tune { misses } else { 0 };
            for (id, said, text) in wrong.iter().take(shown) {
                let what = if *said {
                    "coded, gold has none"
                } else {
                    "missed"
                };
                println!("  {id} ({what}): {text}");
            }
        }
    }
    Ok(())
}

/// PLOVER records: type, actor and target accuracy, per-type figures.
fn print_plover(
    records: &[crate::events::PloverRecord],
    part: crate::split::Part,
    code: &dyn Fn(&str) -> Vec<beacon_model::Event>,
    misses: usize,
) {
    use crate::events;
    let started = Instant::now();
    let (s, wrong) = events::score_plover(records, code);
    let secs = started.elapsed().as_secs_f64();
    println!(
        "PLOVER gold records, {} part: {}  ({:.2}s, {:.0} records/s)",
        part.as_str(),
        s.records,
        secs,
        s.records as f64 / secs.max(1e-9)
    );
    println!(
        "  event type  accuracy {:.3}  macro-F1 {:.3}",
        s.type_accuracy(),
        s.macro_f1()
    );
    let share = |n: usize| n as f64 / s.records.max(1) as f64;
    println!(
        "  the most confident event's type  accuracy {:.3}; no event on {:.1} % of the sentences",
        share(s.confident_correct),
        100.0 * share(s.no_event)
    );
    println!(
        "  actor       accuracy {:.3}  ({}/{})",
        s.actor_accuracy(),
        s.actor_correct,
        s.with_source
    );
    println!(
        "  target      accuracy {:.3}  ({}/{})",
        s.target_accuracy(),
        s.target_correct,
        s.with_target
    );
    println!(
        "  {:<12} {:>5} {:>6} {:>6} {:>6}",
        "type", "gold", "P", "R", "F1"
    );
    for (t, (p, r, f, n)) in s.per_type() {
        println!("  {:<12} {n:>5} {p:>6.3} {r:>6.3} {f:>6.3}", t.as_str());
    }
    for m in wrong.iter().take(misses) {
        println!("  {}  {}", m.id, m.detail);
    }
}

/// ACLED-style snippets: sub-type and category F1 through the mapping.
fn print_acled(
    snippets: &[crate::events::AcledSnippet],
    part: crate::split::Part,
    code: &dyn Fn(&str) -> Vec<beacon_model::Event>,
    misses: usize,
) {
    use crate::events;
    let started = Instant::now();
    let coded: Vec<Vec<beacon_model::Event>> = snippets.iter().map(|s| code(&s.text)).collect();
    let secs = started.elapsed().as_secs_f64();
    let mut pairs = Vec::new();
    let mut cats = Vec::new();
    let mut confusions = Vec::new();
    for (s, ev) in snippets.iter().zip(&coded) {
        let got = events::snippet_sub_type(ev).unwrap_or("NONE");
        pairs.push((s.sub_type.clone(), got.to_owned()));
        let cat = |t: &str| match t {
            "NONE" => "none".to_owned(),
            t => events::category_of(t).unwrap_or("not_acled").to_owned(),
        };
        cats.push((cat(&s.sub_type), cat(got)));
        if got != s.sub_type {
            confusions.push(format!(
                "  {}  {} (gold {})  :: {}",
                s.id, got, s.sub_type, s.text
            ));
        }
    }
    let (per, macro_f1) = events::label_f1(&pairs);
    // The same, over the gold labels the mapping to Beacon's events covers
    // (disasters are no PLOVER event, and Beacon codes none).
    let mapped: Vec<f64> = per
        .iter()
        .filter(|(l, _)| events::SUB_TYPE_PRIORITY.contains(&l.as_str()))
        .map(|(_, v)| v.2)
        .collect();
    let macro_mapped = mapped.iter().sum::<f64>() / mapped.len().max(1) as f64;
    let (per_cat, macro_cat) = events::label_f1(&cats);
    let acc = pairs.iter().filter(|(g, p)| g == p).count() as f64 / pairs.len().max(1) as f64;
    println!(
        "ACLED-style snippets, {} part: {}  ({:.2}s)\n  sub-type  macro-F1 {macro_f1:.3} over all {} gold labels, {macro_mapped:.3} over the {} the mapping covers;  accuracy {acc:.3}\n  category  macro-F1 {macro_cat:.3}",
        part.as_str(),
        snippets.len(),
        secs,
        per.len(),
        mapped.len()
    );
    println!(
        "  {:<30} {:>5} {:>6} {:>6} {:>6}",
        "label", "gold", "P", "R", "F1"
    );
    for (l, (p, r, f, n)) in per_cat.iter().chain(per.iter()) {
        println!("  {l:<30} {n:>5} {p:>6.3} {r:>6.3} {f:>6.3}");
    }
    for c in confusions.iter().take(misses) {
        println!("{c}");
    }
}

/// Casualties: the hand-read gold beside the scorer; the toll of a snippet
/// is the first event's that carries one. Per part.
fn print_casualties(
    snippets_path: &Path,
    code: &dyn Fn(&str) -> Vec<beacon_model::Event>,
    misses: usize,
) -> Result<(), EvalError> {
    use crate::casualties;
    use crate::split::Part;
    let cgold = casualties::load_gold(Path::new(casualties::GOLD))?;
    let texts = casualties::load_snippets(snippets_path)?;
    let through_events = |t: &str| -> casualties::Casualties {
        code(t)
            .into_iter()
            .find(|e| e.fatalities.is_some() || e.injured.is_some())
            .map(|e| (e.fatalities, e.injured))
            .unwrap_or((None, None))
    };
    for part in Part::BOTH {
        let gold = part.of_items(&cgold, |g| &g.id);
        let r = casualties::score(&gold, &texts, &through_events)?;
        let reader = casualties::score(&gold, &texts, &beacon_events::casualties::casualties)?;
        println!(
            "casualties, {} part: {} snippets stating a toll (gold read by hand)\n  through the events: exact match {:.3}  (killed {:.3}, injured {:.3})\n  the reader on the whole snippet: exact match {:.3}",
            part.as_str(),
            r.total,
            r.exact(),
            r.fatalities(),
            r.injured(),
            reader.exact()
        );
        let shown = if part == Part::Tune { misses } else { 0 };
        for m in r.misses.iter().take(shown) {
            println!(
                "  {}  gold {} dead, {} hurt  system {} dead, {} hurt",
                m.id,
                casualties::show(m.gold.0),
                casualties::show(m.gold.1),
                casualties::show(m.system.0),
                casualties::show(m.system.1)
            );
        }
    }
    Ok(())
}

/// The false-event rate on news without conflict, when the folder is there:
/// violent or coercive events per 100 texts, by topic and type, per part,
/// and `misses` evidence sentences of each type of the tune part to read.
fn print_false_events(
    dir: &Path,
    code: &dyn Fn(&str) -> Vec<beacon_model::Event>,
    misses: usize,
) -> Result<(), EvalError> {
    use crate::nonconflict;
    use crate::split::Part;
    if !dir.is_dir() {
        return Ok(());
    }
    let all = nonconflict::load_news(dir)?;
    for part in Part::BOTH {
        let texts = part.of_items(&all, |t| &t.id);
        let started = Instant::now();
        let f = nonconflict::score_false_events(&texts, code);
        let n = &f.nonconflict;
        println!(
            "news without conflict (sport, business, entertainment, technology), {} part: {} texts in {:.1}s\n  violent or coercive events {:.1} per 100 texts ({} events; {:.1} % of the texts have one; target ≤ 5)\n  control (politics, world news, which report real events): {:.1} per 100 texts ({} texts)",
            part.as_str(),
            n.articles,
            started.elapsed().as_secs_f64(),
            n.per_100(),
            n.events,
            100.0 * n.share_with_event(),
            f.control.per_100(),
            f.control.articles
        );
        for (topic, c) in &f.by_topic {
            println!(
                "  {topic:<22} {:>5} texts {:>7.1} per 100  {:>5.1} % with one",
                c.articles,
                c.per_100(),
                100.0 * c.share_with_event()
            );
        }
        print_false_event_types(&f, if part == Part::Tune { misses } else { 0 });
    }
    Ok(())
}

/// The false events of each type, with up to `shown` of their sentences.
fn print_false_event_types(f: &crate::nonconflict::FalseEvents, shown: usize) {
    for (kind, count) in &f.by_type {
        println!("  {:<22} {count:>5} events", kind.as_str());
        for (id, sentence) in f.samples[kind].iter().take(shown) {
            println!("    {id}: {sentence}");
        }
    }
}

/// False events on ECB+'s topics without conflict (sport, film, companies,
/// fires and accidents), per part, where the file is there.
fn print_false_events_ecb(
    path: &Path,
    code: &dyn Fn(&str) -> Vec<beacon_model::Event>,
    misses: usize,
) -> Result<(), EvalError> {
    use crate::nonconflict;
    use crate::split::Part;
    if !path.is_file() {
        return Ok(());
    }
    let all = nonconflict::load_ecb_news(path)?;
    for part in Part::BOTH {
        let texts = part.of_items(&all, |t| &t.id);
        let f = nonconflict::score_false_events(&texts, code);
        println!(
            "ECB+ topics without conflict (sport, film, companies, fires, accidents), {} part: {} articles\n  violent or coercive events {:.1} per 100 articles ({:.1} % have one); crime and piracy topics (control): {:.1} per 100 ({} articles)",
            part.as_str(),
            f.nonconflict.articles,
            f.nonconflict.per_100(),
            100.0 * f.nonconflict.share_with_event(),
            f.control.per_100(),
            f.control.articles
        );
        print_false_event_types(&f, if part == Part::Tune { misses } else { 0 });
    }
    Ok(())
}
