//! `beacon eval timex`: time expressions on TimeML gold.

use std::path::Path;
use std::time::Instant;

use super::parts;
use crate::EvalError;

pub fn timex(gold: &Path, misses: usize) -> Result<(), EvalError> {
    use crate::timex::{self, TimexMiss};
    let docs = timex::load_timex_gold(gold)?;
    let started = Instant::now();
    let mut c = timex::TimexCounts::default();
    let mut per_doc = Vec::with_capacity(docs.len());
    let mut dated = 0usize;
    let (mut fps, mut missed, mut wrong) = (Vec::new(), Vec::new(), Vec::new());
    let pipeline = beacon_pipeline::Pipeline::default();
    for d in &docs {
        let (sys, published) = timex::tag_timex_doc_in(&pipeline, d);
        dated += usize::from(published.is_some());
        let mut dc = timex::TimexCounts::default();
        let found = timex::score_timex(d, &sys, &mut dc);
        c.add(&dc);
        per_doc.push(dc);
        // errors are read on the tune part only
        if crate::split::Part::of(&d.id) != crate::split::Part::Tune {
            continue;
        }
        let full: Vec<char> = d.full().chars().collect();
        let around = |a: usize, b: usize| -> String {
            let from = a.saturating_sub(50);
            let to = (b + 50).min(full.len());
            full[from..to]
                .iter()
                .map(|&ch| if ch == '\n' { ' ' } else { ch })
                .collect()
        };
        // one expression found or missed, in its context
        let row = |tag: &str, t: &timex::Timex| {
            format!(
                "  {tag:<6} {:<40} {:<14} {:<10} {}  [{}]",
                format!("{:?}", t.text),
                t.value,
                t.kind,
                around(t.start, t.end),
                d.id
            )
        };
        for m in found {
            match m {
                TimexMiss::FalsePositive(s) => fps.push(row("FP", &s)),
                TimexMiss::Missed(g) => missed.push(row("MISS", &g)),
                TimexMiss::Wrong(g, s) => wrong.push(format!(
                    "  WRONG  gold {:?} {} {}  system {:?} {} {}  {}  [{}]",
                    g.text,
                    g.value,
                    g.kind,
                    s.text,
                    s.value,
                    s.kind,
                    around(g.start, g.end),
                    d.id
                )),
            }
        }
    }
    let secs = started.elapsed().as_secs_f64();
    let (sp, sr, sf) = c.strict();
    let (rp, rr, rf) = c.relaxed();
    let (vp, vr, vf) = c.value();
    println!(
        "documents {}  gold expressions {}  system expressions {}  publication date found {}/{}  ({:.2}s)",
        docs.len(),
        c.gold,
        c.system,
        dated,
        docs.len(),
        secs
    );
    println!("strict span   P {sp:.3}  R {sr:.3}  F1 {sf:.3}");
    println!("relaxed span  P {rp:.3}  R {rr:.3}  F1 {rf:.3}");
    println!(
        "type accuracy {:.3}  value accuracy {:.3}",
        c.type_accuracy(),
        c.value_accuracy()
    );
    println!("value         P {vp:.3}  R {vr:.3}  F1 {vf:.3}");
    let ids: Vec<&str> = docs.iter().map(|d| d.id.as_str()).collect();
    for (part, idx) in parts(&ids) {
        let mut pc = timex::TimexCounts::default();
        for &i in &idx {
            pc.add(&per_doc[i]);
        }
        let ((_, _, sf), (_, _, vf)) = (pc.strict(), pc.value());
        println!(
            "  {} part: documents {}  gold expressions {}  strict span F1 {sf:.3}  value F1 {vf:.3}  value accuracy {:.3}",
            part.as_str(),
            idx.len(),
            pc.gold,
            pc.value_accuracy()
        );
        for (kind, k) in timex::KINDS.iter().zip(&pc.kinds) {
            let ((_, _, sf), (_, _, vf)) = (k.strict(), k.value());
            println!(
                "    {kind:<9} gold {:>4}  system {:>4}  strict span F1 {sf:.3}  value F1 {vf:.3}",
                k.gold, k.system
            );
        }
    }
    if misses > 0 {
        println!("errors of the tune part:");
        for (name, list) in [
            ("false positives", &fps),
            ("misses", &missed),
            ("wrong span, type or value", &wrong),
        ] {
            println!("{name}: {}", list.len());
            for l in list.iter().take(misses) {
                println!("{l}");
            }
        }
    }
    Ok(())
}
