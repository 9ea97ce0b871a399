//! `beacon eval ner`: the name recogniser on CoNLL splits.

use std::path::Path;
use std::time::Instant;

use crate::EvalError;

/// How [`ner`] lists its figures.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Listing {
    /// Aligned columns, and the tune part's misses.
    Table,
    /// One JSON object per corpus.
    Jsonl,
}

pub fn ner(
    gold: &Path,
    split: &str,
    model: Option<&Path>,
    format: Listing,
    misses: usize,
    stage: bool,
) -> Result<(), EvalError> {
    use crate::ner;
    let given = match model {
        Some(path) => Some({
            let bytes = std::fs::read(path).map_err(|source| EvalError::Io {
                path: path.to_owned(),
                source,
            })?;
            beacon_entities::ner::Recogniser::from_bytes(&bytes).map_err(|e| EvalError::Model {
                path: path.to_owned(),
                detail: e.to_string(),
            })?
        }),
        None => None,
    };
    let english = beacon_entities::ner::Recogniser::shipped();
    let russian = beacon_entities::ner::Recogniser::shipped_for("ru").unwrap_or(english.clone());
    let persian = beacon_entities::ner::Recogniser::shipped_for("fa").unwrap_or(english.clone());
    let entities = stage.then(beacon_pipeline::Pipeline::shipped_entities);
    let splits = ner::load_ner_gold(gold, split)?;
    if splits.is_empty() {
        return Err(EvalError::NoGold(format!(
            "no {split}.conll in {} or its subfolders",
            gold.display()
        )));
    }
    if format == Listing::Table {
        println!(
            "{:<14} {:<5} {:>6} {:>7}  {:>17} {:>17} {:>17}  {:>21}",
            "corpus",
            "split",
            "sents",
            "tokens",
            "PER P/R/F1",
            "ORG P/R/F1",
            "LOC P/R/F1",
            "overall P/R/F1"
        );
    }
    for s in &splits {
        // a corpus in Cyrillic is read by the Russian model, one in Arabic
        // script by the Persian model, as the pipeline reads such articles
        let lang = language(&s.sentences);
        let recogniser = match (&given, lang) {
            (Some(r), _) => r,
            (None, Some("ru")) => &russian,
            (None, Some("fa")) => &persian,
            (None, _) => &english,
        };
        let started = Instant::now();
        let c = match &entities {
            Some(e) => ner::score_split_stage(e, lang.unwrap_or("en"), &s.sentences),
            None => ner::score_split(recogniser, &s.sentences),
        };
        let secs = started.elapsed().as_secs_f64();
        let prf = |t: ner::Tally| {
            let (p, r, f) = t.prf();
            (100.0 * p, 100.0 * r, 100.0 * f)
        };
        if format == Listing::Jsonl {
            let mut o = serde_json::json!({
                "corpus": s.corpus, "split": split, "sentences": c.sentences, "tokens": c.tokens,
                "seconds": secs,
            });
            for (ty, t) in ner::TYPES
                .iter()
                .zip(c.by_type)
                .chain([(&"overall", c.overall())])
            {
                let (p, r, f) = prf(t);
                o[*ty] = serde_json::json!({"p": p, "r": r, "f1": f, "tp": t.tp, "fp": t.fp, "fn": t.fn_});
            }
            println!("{o}");
            continue;
        }
        let cell = |t: ner::Tally| {
            let (p, r, f) = prf(t);
            format!("{p:5.1} {r:5.1} {f:5.1}")
        };
        let (p, r, f) = prf(c.overall());
        println!(
            "{:<14} {:<5} {:>6} {:>7}  {:>17} {:>17} {:>17}  {p:5.1} {r:5.1} {f:5.1}",
            s.corpus,
            split,
            c.sentences,
            c.tokens,
            cell(c.by_type[0]),
            cell(c.by_type[1]),
            cell(c.by_type[2]),
        );
        let mut listed = 0;
        for g in &s.sentences {
            if listed >= misses {
                break;
            }
            let (text, offsets) = g.text();
            let gold = ner::gold_spans(g);
            let sys = match &entities {
                Some(e) => ner::stage_spans(e, lang.unwrap_or("en"), g),
                None => ner::to_token_spans(&offsets, &recogniser.recognise(&text)),
            };
            let show = |(a, b, t): &ner::TokenSpan| format!("{t} {:?}", g.tokens[*a..*b].join(" "));
            let missed: Vec<String> = gold.iter().filter(|x| !sys.contains(x)).map(show).collect();
            let extra: Vec<String> = sys.iter().filter(|x| !gold.contains(x)).map(show).collect();
            if missed.is_empty() && extra.is_empty() {
                continue;
            }
            listed += 1;
            println!("  missed {missed:?}  not gold {extra:?}\n      {text}");
        }
    }
    Ok(())
}

/// The language a corpus's letters say (its first sentences, read as the
/// pipeline reads an article's script: [`beacon_extract::by_letters`]).
fn language(sentences: &[beacon_entities::ner::train::GoldSentence]) -> Option<&'static str> {
    let opening: Vec<&str> = sentences
        .iter()
        .take(50)
        .flat_map(|s| s.tokens.iter().map(String::as_str))
        .collect();
    beacon_extract::by_letters(&opening.join(" "))
}
