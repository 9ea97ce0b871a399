//! Trains the article-relevance model shipped in `data/events/relevance.bin`
//! on the tune parts of the topic-labelled sets ([`beacon_eval::relevance`])
//! and prints its accuracy on each set's tune and frozen test parts.
//!
//! ```text
//! cargo run --release -p beacon-eval --example train_relevance -- \
//!     --data ../shared/data --out data/events/relevance.bin
//! ```
//!
//! Options: `--bits N` (log2 of the feature table, 18), `--epochs N` (10),
//! `--l2 X` (1e-6), `--sentences N` (10: up to N sentences of each tune
//! text without conflict are negatives of their own, so that a
//! one-sentence story about shares or a match is read as such; with 0, a
//! third of AG's one-sentence business and sport stories scored relevant).

use std::collections::BTreeMap;
use std::path::PathBuf;

use beacon_eval::relevance::{TopicText, load_topic_sets, trainable};
use beacon_eval::split::Part;
use beacon_events::linear::{Features, Model};
use beacon_events::relevance::{Relevance, text_features};

struct Args {
    data: PathBuf,
    out: PathBuf,
    bits: u32,
    epochs: usize,
    l2: f32,
    sentences: usize,
}

fn args() -> Result<Args, String> {
    let mut a = Args {
        data: PathBuf::from("../shared/data"),
        out: PathBuf::from("data/events/relevance.bin"),
        bits: 18,
        epochs: 10,
        l2: 1e-6,
        sentences: 10,
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
            "--sentences" => a.sentences = value.parse().map_err(|e| bad(&e))?,
            _ => return Err(format!("unknown option {flag}")),
        }
    }
    Ok(a)
}

fn main() {
    let a = match args() {
        Ok(a) => a,
        Err(e) => {
            eprintln!("train_relevance: {e}");
            std::process::exit(2);
        }
    };
    let (texts, missing) = match load_topic_sets(&a.data) {
        Ok(x) => x,
        Err(e) => {
            eprintln!("train_relevance: {e}");
            std::process::exit(1);
        }
    };
    if !missing.is_empty() {
        eprintln!("train_relevance: sets not found, skipped: {missing:?}");
    }
    let feats: Vec<Features> = texts
        .iter()
        .map(|t| text_features(&t.text, a.bits))
        .collect();
    let tune: Vec<usize> = (0..texts.len())
        .filter(|&i| trainable(texts[i].set) && Part::of(&texts[i].key) == Part::Tune)
        .collect();
    let mut labelled: Vec<(Features, bool)> = tune
        .iter()
        .map(|&i| (feats[i].clone(), texts[i].relevant))
        .collect();
    labelled.extend(sentence_examples(&texts, &tune, a.bits, a.sentences));
    // each class weighs as much as the other, whatever their counts
    let n = labelled.len() as f32;
    let pos = labelled.iter().filter(|x| x.1).count().max(1) as f32;
    let neg = (n - pos).max(1.0);
    let examples: Vec<(Features, bool, f32)> = labelled
        .into_iter()
        .map(|(f, y)| {
            let w = if y { n / (2.0 * pos) } else { n / (2.0 * neg) };
            (f, y, w)
        })
        .collect();
    let model = Relevance(Model::train(&examples, a.bits, a.epochs, a.l2));
    report(&model, &texts, &feats);
    report_news(&model, &a.data.join("events/nonconflict_news"));
    if let Err(e) = std::fs::write(&a.out, model.to_bytes()) {
        eprintln!("train_relevance: cannot write {}: {e}", a.out.display());
        std::process::exit(1);
    }
    println!("wrote {}", a.out.display());
}

/// Accuracy at 0.5 per set and part.
fn report(model: &Relevance, texts: &[TopicText], feats: &[Features]) {
    let mut tally: BTreeMap<(&str, Part), (usize, usize)> = BTreeMap::new();
    for (t, f) in texts.iter().zip(feats) {
        let p = model.0.probability(f);
        let e = tally.entry((t.set, Part::of(&t.key))).or_default();
        e.0 += usize::from((p >= 0.5) == t.relevant);
        e.1 += 1;
    }
    println!(
        "{:<16} {:>6} {:>8} {:>6} {:>8}",
        "set", "tune", "correct", "test", "correct"
    );
    let sets: Vec<&str> = tally
        .keys()
        .map(|k| k.0)
        .collect::<std::collections::BTreeSet<_>>()
        .into_iter()
        .collect();
    for s in sets {
        let (a, n) = tally.get(&(s, Part::Tune)).copied().unwrap_or_default();
        let (b, m) = tally.get(&(s, Part::Test)).copied().unwrap_or_default();
        println!(
            "{s:<16} {n:>6} {:>8.3} {m:>6} {:>8.3}",
            a as f64 / n.max(1) as f64,
            b as f64 / m.max(1) as f64
        );
    }
}

/// The share of the news without conflict (tune part; measured, never
/// trained on) that scores at or above each threshold, per topic.
fn report_news(model: &Relevance, dir: &std::path::Path) {
    let Ok(news) = beacon_eval::nonconflict::load_news(dir) else {
        return;
    };
    let cuts = [0.3, 0.5, 0.7, 0.8, 0.9];
    let mut by: BTreeMap<String, (usize, [usize; 5])> = BTreeMap::new();
    for t in news.iter().filter(|t| Part::of(&t.id) == Part::Tune) {
        let p = model.score(&t.text);
        let e = by
            .entry(format!("{}/{}", t.corpus, t.category))
            .or_default();
        e.0 += 1;
        for (k, c) in cuts.iter().enumerate() {
            e.1[k] += usize::from(p >= *c);
        }
    }
    println!("news without conflict, tune part: share at or above {cuts:?}");
    for (topic, (n, at)) in by {
        let shares: Vec<String> = at
            .iter()
            .map(|&k| format!("{:.3}", k as f64 / n as f64))
            .collect();
        println!("  {topic:<22} {n:>5}  {}", shares.join("  "));
    }
}

/// Up to `n` sentences (of six tokens or more) of each text without
/// conflict among `tune`, each a negative of its own: a one-sentence story
/// about shares or a match is no more relevant than the whole story.
fn sentence_examples(
    texts: &[TopicText],
    tune: &[usize],
    bits: u32,
    n: usize,
) -> Vec<(Features, bool)> {
    let mut out = Vec::new();
    if n == 0 {
        return out;
    }
    for &i in tune.iter().filter(|&&i| !texts[i].relevant) {
        let text = texts[i].text.as_str();
        let layer = beacon_text::Text::new(text);
        let toks = layer.tokens();
        for s in layer.sentences().iter().filter(|s| s.len() >= 6).take(n) {
            let sentence = &text[toks[s.start].byte_start..toks[s.end - 1].byte_end];
            out.push((text_features(sentence, bits), false));
        }
    }
    out
}
