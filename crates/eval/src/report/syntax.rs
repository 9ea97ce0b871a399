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
    let russian = builtin("ru")?;
    let persian = builtin("fa")?;
    // English: dev and test; Russian and Persian: the frozen half of their
    // test files only (their dev files and the other half trained the
    // shipped models, see data/syntax/README.md)
    let plan: [(&str, &[&str], &Syntax); 6] = [
        ("en_ewt", &["dev", "test"], &syntax),
        ("en_gum", &["dev", "test"], &syntax),
        ("ru_gsd", &["test"], &russian),
        ("ru_taiga", &["test"], &russian),
        ("fa_seraji", &["test"], &persian),
        ("fa_perdt", &["test"], &persian),
    ];
    let mut banks = Vec::new();
    for (bank, splits, model) in plan {
        for &split in splits {
            let Some(path) = ["conllu.gz", "conllu"]
                .iter()
                .map(|ext| gold.join(format!("{bank}-ud-{split}.{ext}")))
                .find(|p| p.exists())
            else {
                continue;
            };
            let mut sentences = conllu::read_file(&path).map_err(|e| EvalError::Format {
                path: path.clone(),
                detail: e.to_string(),
            })?;
            if !bank.starts_with("en_") {
                sentences = crate::split::Part::Test.ud_sentences(bank, sentences);
            }
            banks.push((bank, split, sentences, model));
        }
    }
    if banks.is_empty() {
        return Err(EvalError::NoGold(format!(
            "no treebank in {} (en_ewt-ud-test.conllu.gz, ...)",
            gold.display()
        )));
    }
    println!("from the gold words (CoNLL 2018 with gold tokenisation):");
    println!(
        "  {:<10} {:<5} {:>7}  {:>6} {:>6} {:>6} {:>6} {:>6}  {:>8}",
        "treebank", "split", "words", "UPOS", "XPOS", "lemma", "UAS", "LAS", "words/s"
    );
    for (bank, split, sentences, model) in &banks {
        let s = train::evaluate(model, sentences);
        // the Russian and Persian models tag universal tags only
        let xpos = if bank.starts_with("en_") {
            format!("{:.4}", s.xpos)
        } else {
            "-".to_owned()
        };
        println!(
            "  {bank:<10} {split:<5} {:>7}  {:>6.4} {xpos:>6} {:>6.4} {:>6.4} {:>6.4}  {:>8.0}",
            s.words, s.upos, s.lemma, s.uas, s.las, s.words_per_s
        );
    }
    println!(
        "from each sentence's raw text (Beacon's tokeniser; F1 over words aligned by characters):"
    );
    println!(
        "  {:<10} {:<5} {:>7}  {:>6} {:>6} {:>6} {:>6}",
        "treebank", "split", "words", "words", "UPOS", "UAS", "LAS"
    );
    for (bank, split, sentences, model) in &banks {
        let r = raw::evaluate_raw(model, sentences);
        println!(
            "  {bank:<10} {split:<5} {:>7}  {:>6.4} {:>6.4} {:>6.4} {:>6.4}",
            r.gold, r.words, r.upos, r.uas, r.las
        );
    }
    Ok(())
}

/// The shipped model of a language.
fn builtin(lang: &str) -> Result<beacon_syntax::Syntax, EvalError> {
    beacon_syntax::Syntax::builtin_for(lang)
        .unwrap_or(Err(beacon_syntax::ModelError::Malformed("no model")))
        .map_err(|e| EvalError::Model {
            path: format!("builtin ({lang})").into(),
            detail: e.to_string(),
        })
}
