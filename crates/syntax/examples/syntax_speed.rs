//! Times the shipped model: reading it, then tagging, lemmatising and
//! parsing every sentence of a CoNLL-U file from its gold words, `ROUNDS`
//! times (default 5). Prints one JSON line: words, the model's load time,
//! and words per second (median of the rounds, and each round's), and the
//! words per second of tagging alone (median). `BEACON_SYNTAX_MODEL` times
//! another model file instead of the shipped one.
//!
//! `cargo run --release -p beacon-syntax --example syntax_speed -- FILE.conllu.gz [ROUNDS]`

use beacon_syntax::{Syntax, conllu};

fn main() {
    let mut args = std::env::args().skip(1);
    let path = args.next().expect("a CoNLL-U file");
    let rounds: usize = args
        .next()
        .map_or(5, |r| r.parse().expect("a number of rounds"));
    let sentences = conllu::read_file(path.as_ref()).expect("the treebank");
    let forms: Vec<Vec<&str>> = sentences
        .iter()
        .map(|s| s.words.iter().map(|w| w.form.as_str()).collect())
        .collect();
    let words: usize = forms.iter().map(Vec::len).sum();
    let started = std::time::Instant::now();
    let model = match std::env::var_os("BEACON_SYNTAX_MODEL") {
        Some(p) => Syntax::from_bytes(&std::fs::read(p).expect("the model file")).expect("a model"),
        None => Syntax::builtin().expect("the shipped model"),
    };
    let load_s = started.elapsed().as_secs_f64();
    let mut rates = Vec::new();
    let mut heads = 0u64;
    for _ in 0..rounds {
        let t = std::time::Instant::now();
        for f in &forms {
            heads += model
                .analyse(f)
                .iter()
                .map(|a| u64::from(a.head))
                .sum::<u64>();
        }
        rates.push(words as f64 / t.elapsed().as_secs_f64());
    }
    let mut tagging = Vec::new();
    for _ in 0..rounds {
        let t = std::time::Instant::now();
        for f in &forms {
            heads += model.tag(f).1.len() as u64;
        }
        tagging.push(words as f64 / t.elapsed().as_secs_f64());
    }
    let median = |v: &[f64]| {
        let mut sorted = v.to_vec();
        sorted.sort_by(f64::total_cmp);
        sorted[sorted.len() / 2]
    };
    println!(
        "{{\"tool\": \"beacon\", \"words\": {words}, \"load_s\": {load_s:.3}, \"words_per_s\": {:.0}, \"rounds\": {rates:.0?}, \"tag_words_per_s\": {:.0}, \"check\": {heads}}}",
        median(&rates),
        median(&tagging)
    );
}
