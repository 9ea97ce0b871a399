//! Named-entity recognition, scored CoNLL style on the corpora of
//! `shared/data/ner/` (`<corpus>/<split>.conll`: `token<TAB>BIO-tag` lines,
//! blank lines between sentences).
//!
//! Definitions:
//! - **Input.** Each gold sentence is rebuilt as text, its tokens joined by
//!   single spaces, and Beacon's recogniser runs on that text as on any
//!   article (its own tokeniser and sentence splitter).
//! - **Back to gold tokens.** A predicted name covering code points
//!   `[start, end)` becomes the gold tokens from the one holding `start` to
//!   the one holding `end − 1`.
//! - **Gold names.** Maximal runs of `B-X I-X …` (an `I-X` after anything
//!   but `X` opens a new name, as conlleval does). Only PER, ORG and LOC are
//!   scored: gold MISC names are neither found nor missed.
//! - **Match.** A predicted name is a true positive when a gold name has the
//!   same first token, last token and type (exact span, exact type);
//!   otherwise it is a false positive; a gold name no prediction matches is a
//!   false negative.
//! - **Figures.** Precision TP/(TP+FP), recall TP/(TP+FN), F1 their harmonic
//!   mean (0 when both are 0), per type and micro-averaged over the three
//!   types (overall), as conlleval prints them.

use std::path::{Path, PathBuf};

use beacon_entities::ner::train::{GoldSentence, read_conll};
use beacon_entities::ner::{NameSpan, Recogniser};

use crate::EvalError;

/// The scored types, in report order.
pub const TYPES: [&str; 3] = ["PER", "ORG", "LOC"];

/// True positives, false positives and false negatives of one type.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Tally {
    /// Predicted and gold.
    pub tp: usize,
    /// Predicted, not gold.
    pub fp: usize,
    /// Gold, not predicted.
    pub fn_: usize,
}

impl Tally {
    /// Precision, recall and F1.
    pub fn prf(&self) -> (f64, f64, f64) {
        let p = ratio(self.tp, self.tp + self.fp);
        let r = ratio(self.tp, self.tp + self.fn_);
        let f = if p + r > 0.0 {
            2.0 * p * r / (p + r)
        } else {
            0.0
        };
        (p, r, f)
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 { 0.0 } else { a as f64 / b as f64 }
}

/// Counts per type ([`TYPES`] order) for one corpus split.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct NerCounts {
    /// PER, ORG, LOC.
    pub by_type: [Tally; 3],
    /// Sentences scored.
    pub sentences: usize,
    /// Gold tokens scored.
    pub tokens: usize,
}

impl NerCounts {
    /// The micro-average over the three types.
    pub fn overall(&self) -> Tally {
        self.by_type.iter().fold(Tally::default(), |a, t| Tally {
            tp: a.tp + t.tp,
            fp: a.fp + t.fp,
            fn_: a.fn_ + t.fn_,
        })
    }
}

/// A gold split of one corpus.
pub struct NerSplit {
    /// The corpus' name (its folder).
    pub corpus: String,
    /// The file read.
    pub path: PathBuf,
    /// Its sentences.
    pub sentences: Vec<GoldSentence>,
}

/// The split files to score under `dir`: `dir/<split>.conll` when it exists,
/// else `<sub>/<split>.conll` for every subfolder that has one (in name order).
pub fn split_files(dir: &Path, split: &str) -> Vec<(String, PathBuf)> {
    let file = format!("{split}.conll");
    let name = |p: &Path| {
        p.file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default()
    };
    if dir.join(&file).is_file() {
        return vec![(name(dir), dir.join(&file))];
    }
    let mut out: Vec<(String, PathBuf)> = std::fs::read_dir(dir)
        .into_iter()
        .flatten()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.join(&file).is_file())
        .map(|p| (name(&p), p.join(&file)))
        .collect();
    out.sort();
    out
}

/// Reads the splits [`split_files`] names.
pub fn load_ner_gold(dir: &Path, split: &str) -> Result<Vec<NerSplit>, EvalError> {
    split_files(dir, split)
        .into_iter()
        .map(|(corpus, path)| {
            let sentences = read_conll(&path).map_err(|source| EvalError::Io {
                path: path.clone(),
                source,
            })?;
            Ok(NerSplit {
                corpus,
                path,
                sentences,
            })
        })
        .collect()
}

/// A name on gold tokens: first token, one past the last, type.
pub type TokenSpan = (usize, usize, &'static str);

/// Maps predicted names onto the gold tokens of `offsets` (code points of
/// each token in the joined text), keeping PER, ORG and LOC.
pub fn to_token_spans(offsets: &[(usize, usize)], names: &[NameSpan]) -> Vec<TokenSpan> {
    let holding = |cp: usize| offsets.iter().position(|&(s, e)| s <= cp && cp < e);
    names
        .iter()
        .filter_map(|n| {
            let a = holding(n.start)?;
            let b = holding(n.end.checked_sub(1)?)?;
            Some((a, b + 1, n.kind.conll()))
        })
        .collect()
}

/// The gold PER, ORG and LOC names of a sentence.
pub fn gold_spans(g: &GoldSentence) -> Vec<TokenSpan> {
    g.spans()
        .into_iter()
        .filter_map(|(a, b, t)| TYPES.iter().find(|&&x| x == t).map(|&x| (a, b, x)))
        .collect()
}

/// Adds one sentence's predictions to `counts`.
pub fn score_sentence(gold: &[TokenSpan], predicted: &[TokenSpan], counts: &mut NerCounts) {
    for (k, ty) in TYPES.iter().enumerate() {
        let g: Vec<_> = gold.iter().filter(|s| s.2 == *ty).collect();
        let mut p: Vec<_> = predicted.iter().filter(|s| s.2 == *ty).collect();
        p.dedup();
        let tp = p.iter().filter(|s| g.contains(s)).count();
        let t = &mut counts.by_type[k];
        t.tp += tp;
        t.fp += p.len() - tp;
        t.fn_ += g.len() - tp;
    }
}

/// Runs `recogniser` over a split and scores it.
pub fn score_split(recogniser: &Recogniser, sentences: &[GoldSentence]) -> NerCounts {
    let mut c = NerCounts::default();
    for g in sentences {
        let (text, offsets) = g.text();
        let names = recogniser.recognise(&text);
        score_sentence(&gold_spans(g), &to_token_spans(&offsets, &names), &mut c);
        c.sentences += 1;
        c.tokens += g.tokens.len();
    }
    c
}

/// The CoNLL type of a mention of the entities stage: people PER,
/// organisations and armed groups ORG, countries and places (continents
/// and regions too) LOC; a demonym (CoNLL's MISC), a place inside an
/// organisation's name and a border phrase ("the Afghan-Tajik border") are
/// none.
pub fn mention_type(m: &beacon_model::Mention) -> Option<&'static str> {
    use beacon_model::{MentionKind, MentionUse};
    let border = m.zone.as_deref().is_some_and(|z| z.starts_with("border:"));
    if matches!(m.usage, Some(MentionUse::Demonym | MentionUse::Embedded)) || border {
        return None;
    }
    Some(match m.kind {
        MentionKind::Person => "PER",
        MentionKind::Organization | MentionKind::ArmedGroup => "ORG",
        MentionKind::Country | MentionKind::Place => "LOC",
    })
}

/// The names of the entities stage in a gold sentence, as the pipeline
/// finds them in an article in `language`: its mentions (the name model's,
/// the actor dictionary's, the gazetteer's, merged), on the gold tokens.
pub fn stage_spans(
    entities: &beacon_entities::Entities,
    language: &str,
    g: &GoldSentence,
) -> Vec<TokenSpan> {
    let (text, offsets) = g.text();
    let mut article = beacon_model::Article::from_text("ner-stage", &text);
    article.language = Some(language.to_owned());
    let layer = beacon_text::Text::new(&article.text);
    let holding = |cp: usize| offsets.iter().position(|&(s, e)| s <= cp && cp < e);
    entities
        .mentions(&article, &layer)
        .iter()
        .filter_map(|m| {
            let ty = mention_type(m)?;
            Some((holding(m.start)?, holding(m.end.checked_sub(1)?)? + 1, ty))
        })
        .collect()
}

/// Scores the entities stage as the pipeline runs it (`--stage`; see
/// [`stage_spans`]) instead of the name model's names alone.
pub fn score_split_stage(
    entities: &beacon_entities::Entities,
    language: &str,
    sentences: &[GoldSentence],
) -> NerCounts {
    let mut c = NerCounts::default();
    for g in sentences {
        score_sentence(&gold_spans(g), &stage_spans(entities, language, g), &mut c);
        c.sentences += 1;
        c.tokens += g.tokens.len();
    }
    c
}

#[cfg(test)]
mod tests {
    use super::*;
    use beacon_entities::ner::train::parse_conll;

    #[test]
    fn exact_spans_and_types_count() {
        let g =
            &parse_conll("New\tB-LOC\nYork\tI-LOC\nTimes\tO\nsaid\tO\nBob\tB-PER\nX\tB-MISC\n")[0];
        let gold = gold_spans(g);
        assert_eq!(gold, vec![(0, 2, "LOC"), (4, 5, "PER")]);
        let mut c = NerCounts::default();
        // One right, one wrong span (New York Times as LOC), one wrong type.
        score_sentence(&gold, &[(0, 3, "LOC"), (4, 5, "ORG")], &mut c);
        assert_eq!(
            c.overall(),
            Tally {
                tp: 0,
                fp: 2,
                fn_: 2
            }
        );
        let mut c = NerCounts::default();
        score_sentence(&gold, &[(0, 2, "LOC"), (4, 5, "PER")], &mut c);
        assert_eq!(c.overall().prf(), (1.0, 1.0, 1.0));
    }

    #[test]
    fn predicted_offsets_map_to_gold_tokens() {
        let g = &parse_conll("Al-Qaida\tB-ORG\n's\tO\nchief\tO\n")[0];
        let (text, offsets) = g.text();
        assert_eq!(text, "Al-Qaida 's chief");
        let names = [NameSpan {
            start: 0,
            end: 8,
            byte_start: 0,
            byte_end: 8,
            kind: beacon_entities::ner::NameKind::Organization,
            score: 0.9,
        }];
        assert_eq!(to_token_spans(&offsets, &names), vec![(0, 1, "ORG")]);
    }
}
