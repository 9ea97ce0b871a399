//! `beacon eval syntax`: the tagger, lemmatiser and parser on UD treebanks.

use std::path::Path;
use std::time::Instant;

use crate::EvalError;

pub fn syntax(gold: &Path, model: Option<&Path>) -> Result<(), EvalError> {
    use beacon_syntax::{Syntax, conllu, raw, train};
    let started = Instant::now();
    let syntax = match model {
        Some(p) => {
            let bytes = std::fs::read(p).map_err(|source| EvalError::Io {
                path: p.to_owned(),
                source,
            })?;
            Syntax::from_bytes(&bytes).map_err(|e| EvalError::Model {
                path: p.to_owned(),
                detail: e.to_string(),
            })?
        }
        None => Syntax::builtin().map_err(|e| EvalError::Model {
            path: "builtin".into(),
            detail: e.to_string(),
        })?,
    };
    println!("model read in {:.3}s", started.elapsed().as_secs_f64());
    let mut banks = Vec::new();
    for bank in ["en_ewt", "en_gum"] {
        for split in ["dev", "test"] {
            let Some(path) = ["conllu.gz", "conllu"]
                .iter()
                .map(|ext| gold.join(format!("{bank}-ud-{split}.{ext}")))
                .find(|p| p.exists())
            else {
                continue;
            };
            let sentences = conllu::read_file(&path).map_err(|e| EvalError::Format {
                path: path.clone(),
                detail: e.to_string(),
            })?;
            banks.push((bank, split, sentences));
        }
    }
    if banks.is_empty() {
        return Err(EvalError::NoGold(format!(
            "no English treebank in {} (en_ewt-ud-test.conllu.gz, ...)",
            gold.display()
        )));
    }
    println!("from the gold words (CoNLL 2018 with gold tokenisation):");
    println!(
        "  {:<10} {:<5} {:>7}  {:>6} {:>6} {:>6} {:>6} {:>6}  {:>8}",
        "treebank", "split", "words", "UPOS", "XPOS", "lemma", "UAS", "LAS", "words/s"
    );
    for (bank, split, sentences) in &banks {
        let s = train::evaluate(&syntax, sentences);
        println!(
            "  {bank:<10} {split:<5} {:>7}  {:>6.4} {:>6.4} {:>6.4} {:>6.4} {:>6.4}  {:>8.0}",
            s.words, s.upos, s.xpos, s.lemma, s.uas, s.las, s.words_per_s
        );
    }
    println!(
        "from each sentence's raw text (Beacon's tokeniser; F1 over words aligned by characters):"
    );
    println!(
        "  {:<10} {:<5} {:>7}  {:>6} {:>6} {:>6} {:>6}",
        "treebank", "split", "words", "words", "UPOS", "UAS", "LAS"
    );
    for (bank, split, sentences) in &banks {
        let r = raw::evaluate_raw(&syntax, sentences);
        println!(
            "  {bank:<10} {split:<5} {:>7}  {:>6.4} {:>6.4} {:>6.4} {:>6.4}",
            r.gold, r.words, r.upos, r.uas, r.las
        );
    }
    Ok(())
}
