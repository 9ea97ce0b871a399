//! Trains the trigger-sense model shipped in `data/events/sense.bin` on the
//! candidates the coder finds in the tune parts of the labelled sets
//! ([`beacon_eval::sense`]) and prints, per set and part, the precision and
//! recall of its decision (is the candidate an event?) at the gate.
//!
//! ```text
//! cargo run --release -p beacon-eval --example train_sense -- \
//!     --data ../shared/data --out data/events/sense.bin
//! ```
//!
//! Options: `--bits N` (log2 of the feature table, 18), `--epochs N` (8),
//! `--l2 X` (1e-5), `--folds K` (0: with K, first print the out-of-fold
//! figures of the tune part, each fold's candidates scored by a model
//! trained on the other folds: what the tune part's own figures, read by a
//! model that learned them, cannot show). Train the relevance model first:
//! the candidates read it.

use std::collections::BTreeMap;
use std::path::PathBuf;

use beacon_eval::relevance::{load_topic_sets, trainable};
use beacon_eval::sense::{SenseText, candidates_of, load_sense_sets};
use beacon_eval::split::Part;
use beacon_events::linear::{Features, Model};
use beacon_events::sense::{SENSE_GATE, Sense};

struct Args {
    data: PathBuf,
    out: PathBuf,
    bits: u32,
    epochs: usize,
    l2: f32,
    folds: usize,
}

fn args() -> Result<Args, String> {
    let mut a = Args {
        data: PathBuf::from("../shared/data"),
        out: PathBuf::from("data/events/sense.bin"),
        bits: 18,
        epochs: 8,
        l2: 1e-5,
        folds: 0,
    };
    let mut it = std::env::args().skip(1);
    while let Some(flag) = it.next() {
        let value = it.next().ok_or(format!("{flag} needs a value"))?;
        let bad = |e: &dyn std::fmt::Display| format!("{flag} {value}: {e}");
        match flag.as_str() {
            "--data" => a.data = value.into(),
            "--out" => a.out = value.into(),
            "--bits" => a.bits = value.parse().map_err(|e| bad(&e))?,
            "--epochs" => a.epochs = value.parse().map_err(|e| bad(&e))?,
            "--l2" => a.l2 = value.parse().map_err(|e| bad(&e))?,
            "--folds" => a.folds = value.parse().map_err(|e| bad(&e))?,
            _ => return Err(format!("unknown option {flag}")),
        }
    }
    Ok(a)
}

/// A labelled candidate: its set, part, features, label and fold (by its
/// text's key).
type Labelled = (&'static str, Part, Features, bool, usize);

fn main() {
    let a = match args() {
        Ok(a) => a,
        Err(e) => {
            eprintln!("train_sense: {e}");
            std::process::exit(2);
        }
    };
    let texts = load_topic_sets(&a.data)
        .and_then(|(topics, _)| load_sense_sets(&a.data, &topics))
        .unwrap_or_else(|e| {
            eprintln!("train_sense: {e}");
            std::process::exit(1);
        });
    let pipeline = beacon_eval::events::scoring_pipeline();
    let labelled = label(&pipeline, &texts, a.bits);
    let tune: Vec<&Labelled> = labelled
        .iter()
        .filter(|c| trainable(c.0) && c.1 == Part::Tune)
        .collect();
    if a.folds >= 2 {
        let mut scored: Vec<(&'static str, Part, f32, bool)> = Vec::new();
        for k in 0..a.folds {
            let rest: Vec<&Labelled> = tune
                .iter()
                .copied()
                .filter(|c| c.4 % a.folds != k)
                .collect();
            let m = Model::train(&weighted(&rest), a.bits, a.epochs, a.l2);
            scored.extend(
                tune.iter()
                    .filter(|c| c.4 % a.folds == k)
                    .map(|c| (c.0, c.1, m.probability(&c.2), c.3)),
            );
        }
        println!("out of fold ({} folds of the tune part):", a.folds);
        report(&scored);
    }
    let model = Sense(Model::train(&weighted(&tune), a.bits, a.epochs, a.l2));
    let scored: Vec<(&'static str, Part, f32, bool)> = labelled
        .iter()
        .map(|c| (c.0, c.1, model.0.probability(&c.2), c.3))
        .collect();
    report(&scored);
    if let Err(e) = std::fs::write(&a.out, model.to_bytes()) {
        eprintln!("train_sense: cannot write {}: {e}", a.out.display());
        std::process::exit(1);
    }
    println!("wrote {}", a.out.display());
}

/// The candidates as examples, each class weighing half.
fn weighted(cands: &[&Labelled]) -> Vec<(Features, bool, f32)> {
    let pos = cands.iter().filter(|c| c.3).count().max(1) as f32;
    let neg = (cands.len() as f32 - pos).max(1.0);
    let n = cands.len() as f32;
    cands
        .iter()
        .map(|c| {
            let w = if c.3 {
                n / (2.0 * pos)
            } else {
                n / (2.0 * neg)
            };
            (c.2.clone(), c.3, w)
        })
        .collect()
}

/// Every candidate of every text that its gold labels.
fn label(pipeline: &beacon_pipeline::Pipeline, texts: &[SenseText], bits: u32) -> Vec<Labelled> {
    let mut out = Vec::new();
    for t in texts {
        let part = Part::of(&t.key);
        let fold = t.key.bytes().fold(0xcbf2_9ce4_8422_2325_u64, |h, b| {
            (h ^ u64::from(b)).wrapping_mul(0x100_0000_01b3)
        }) as usize;
        for (e, f) in candidates_of(pipeline, &t.text, bits) {
            if let Some(y) = t.gold.label(&e) {
                out.push((t.set, part, f, y, fold));
            }
        }
    }
    out
}

/// Precision and recall of "is an event" at the gate, per set and part, of
/// candidates scored `(set, part, probability, label)`.
fn report(scored: &[(&'static str, Part, f32, bool)]) {
    // (true positives, false positives, false negatives, negatives kept)
    let mut tally: BTreeMap<(&str, Part), [usize; 4]> = BTreeMap::new();
    for (set, part, p, y) in scored {
        let kept = *p >= SENSE_GATE;
        let t = tally.entry((set, *part)).or_default();
        match (kept, *y) {
            (true, true) => t[0] += 1,
            (true, false) => t[1] += 1,
            (false, true) => t[2] += 1,
            (false, false) => t[3] += 1,
        }
    }
    println!(
        "{:<16} {:>5} {:>6} {:>6} {:>6}   (candidates: events / not)",
        "set", "part", "P", "R", "kept-not"
    );
    for ((set, part), [tp, fp, fneg, tn]) in tally {
        let ratio = |a: usize, b: usize| {
            if b == 0 {
                f64::NAN
            } else {
                a as f64 / b as f64
            }
        };
        println!(
            "{set:<16} {:>5} {:>6.3} {:>6.3} {:>6.3}   ({} / {})",
            part.as_str(),
            ratio(tp, tp + fp),
            ratio(tp, tp + fneg),
            ratio(fp, fp + tn),
            tp + fneg,
            fp + tn
        );
    }
}
