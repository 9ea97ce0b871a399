//! Syntax for English, Russian and Persian: a part-of-speech tagger, a
//! lemmatiser and a dependency parser, trained on Universal Dependencies
//! (EWT and GUM; GSD and Taiga; Seraji and PerDT) by [`train`], and kept
//! in one model file per language ([`Syntax::from_bytes`],
//! [`Syntax::builtin_for`]).
//!
//! - [`tagger`]: greedy averaged-perceptron tagger of `UPOS|XPOS` pairs;
//! - [`lemma`]: lemmas from the treebank's words, else suffix rewritings;
//! - [`parser`]: greedy arc-hybrid parser with a dynamic oracle, relations
//!   with their subtypes (`nsubj:pass`, `obl:tmod`);
//! - [`beam`]: the same parser keeping several transition sequences,
//!   trained globally (the model file says how many; the shipped one, 1).
//!
//! Input is a sentence's words (already split: Beacon's one tokeniser does
//! that); output is, per word, its tags, lemma, head and relation.

pub mod beam;
pub mod conllu;
pub mod lemma;
pub mod parser;
pub mod perceptron;
pub mod raw;
pub mod tagger;
pub mod train;
pub mod words;

use perceptron::{Reader, Weights, put_str};
use words::Clusters;

/// The file's magic and format.
const MAGIC: &[u8; 4] = b"BSYN";
const FORMAT: u32 = 4;

/// Why a model file cannot be used.
#[derive(Debug, Clone, thiserror::Error, PartialEq, Eq)]
pub enum ModelError {
    /// Not a model file, or damaged.
    #[error("not a syntax model: {0}")]
    Malformed(&'static str),
    /// Another format: retrain.
    #[error("a syntax model of format {0}; this build reads format {FORMAT}: retrain")]
    Format(u32),
}

/// The models: clusters, tagger, lemmatiser, parser.
#[derive(Debug, Clone, PartialEq)]
pub struct Syntax {
    clusters: Clusters,
    /// The tags, `UPOS|XPOS`, by class.
    tags: Vec<String>,
    tagger: Weights,
    lemmas: lemma::Lemmatiser,
    /// The relations, by label index.
    labels: Vec<String>,
    parser: Weights,
    /// How many transition sequences the parser keeps (1: greedy).
    beam: u32,
    /// Whether the parser reads the words' endings.
    endings: bool,
}

/// One word as read: tags, lemma, head and relation (the tags and the
/// relation are the model's own strings).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Analysis<'m> {
    /// Universal part-of-speech tag.
    pub upos: &'m str,
    /// The treebank's own tag (Penn Treebank for English).
    pub xpos: &'m str,
    /// Lemma.
    pub lemma: String,
    /// Head: the number of the head word (1-based), 0 for the root.
    pub head: u32,
    /// Relation to the head.
    pub deprel: &'m str,
}

/// The shipped model (`data/syntax/model.bin`, see its README).
static BUILTIN: &[u8] = include_bytes!("../../../data/syntax/model.bin");
/// The shipped Russian and Persian models (`data/syntax/model-ru.bin`,
/// `model-fa.bin`: trained on UD dev files and the tune half of the test
/// files, see `data/syntax/README.md`).
static BUILTIN_RU: &[u8] = include_bytes!("../../../data/syntax/model-ru.bin");
static BUILTIN_FA: &[u8] = include_bytes!("../../../data/syntax/model-fa.bin");

/// The languages a model is shipped for (ISO 639-1).
pub const LANGUAGES: [&str; 3] = ["en", "ru", "fa"];

impl Syntax {
    /// The shipped model, read (each call reads it afresh: keep it).
    pub fn builtin() -> Result<Syntax, ModelError> {
        Syntax::from_bytes(BUILTIN)
    }

    /// The shipped model of a language (`en`, `ru`, `fa`), read; `None`
    /// for a language without one.
    pub fn builtin_for(lang: &str) -> Option<Result<Syntax, ModelError>> {
        let bytes = match lang {
            "en" => BUILTIN,
            "ru" => BUILTIN_RU,
            "fa" => BUILTIN_FA,
            _ => return None,
        };
        Some(Syntax::from_bytes(bytes))
    }

    /// Reads a model file.
    pub fn from_bytes(bytes: &[u8]) -> Result<Syntax, ModelError> {
        let mut r = Reader::new(bytes);
        let m = ModelError::Malformed;
        if r.take(4).map_err(m)? != MAGIC {
            return Err(ModelError::Malformed("no BSYN magic"));
        }
        let format = r.u32().map_err(m)?;
        if format != FORMAT {
            return Err(ModelError::Format(format));
        }
        let clusters = Clusters::read(&mut r).map_err(m)?;
        let tags = strings(&mut r).map_err(m)?;
        let tagger = Weights::read(&mut r).map_err(m)?;
        let lemmas = lemma::Lemmatiser::read(&mut r).map_err(m)?;
        let labels = strings(&mut r).map_err(m)?;
        let parser = Weights::read(&mut r).map_err(m)?;
        let beam = r.u32().map_err(m)?.clamp(1, 64);
        let endings = r.u32().map_err(m)? != 0;
        if tagger.classes() != tags.len()
            || parser.classes() != parser::Actions::new(labels.len()).len()
        {
            return Err(ModelError::Malformed("weights for another set of classes"));
        }
        Ok(Syntax {
            clusters,
            tags,
            tagger,
            lemmas,
            labels,
            parser,
            beam,
            endings,
        })
    }

    /// The model file.
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = Vec::new();
        out.extend_from_slice(MAGIC);
        out.extend_from_slice(&FORMAT.to_le_bytes());
        self.clusters.write(&mut out);
        put_strings(&mut out, &self.tags);
        self.tagger.write(&mut out);
        self.lemmas.write(&mut out);
        put_strings(&mut out, &self.labels);
        self.parser.write(&mut out);
        out.extend_from_slice(&self.beam.to_le_bytes());
        out.extend_from_slice(&u32::from(self.endings).to_le_bytes());
        out
    }

    /// The model without weights smaller than `min` times the largest of
    /// their table (see [`perceptron::Weights::pruned`]).
    pub fn pruned(&self, min: f32) -> Syntax {
        Syntax {
            tagger: self.tagger.pruned(min),
            parser: self.parser.pruned(min),
            ..self.clone()
        }
    }

    /// Tags a sentence: each word's tag index.
    pub fn tag(&self, forms: &[&str]) -> (Vec<words::Lex>, Vec<u16>) {
        let lex: Vec<words::Lex> = forms
            .iter()
            .map(|f| words::lex(f, &self.clusters))
            .collect();
        let tags = tagger::tag(&self.tagger, &lex);
        (lex, tags)
    }

    /// The `UPOS` and `XPOS` of a tag index.
    pub fn tag_name(&self, t: u16) -> (&str, &str) {
        let s = self.tags.get(t as usize).map_or("X|_", String::as_str);
        s.split_once('|').unwrap_or((s, "_"))
    }

    /// The tag index of `UPOS|XPOS` (`None`: a tag the model never saw).
    pub fn tag_index(&self, upos: &str, xpos: &str) -> Option<u16> {
        let name = format!("{upos}|{xpos}");
        self.tags.iter().position(|t| *t == name).map(|i| i as u16)
    }

    /// Parses a tagged sentence (its words' features and tags, as
    /// [`Syntax::tag`] gives them).
    pub fn parse(&self, lex: &[words::Lex], tags: &[u16]) -> parser::Parse {
        beam::parse(
            &self.parser,
            parser::Actions::new(self.labels.len()),
            &parser::Words {
                lex,
                tags,
                endings: self.endings,
            },
            self.beam as usize,
        )
    }

    /// Tags, lemmatises and parses a sentence.
    pub fn analyse(&self, forms: &[&str]) -> Vec<Analysis<'_>> {
        if forms.is_empty() {
            return Vec::new();
        }
        let (lex, tags) = self.tag(forms);
        let parse = self.parse(&lex, &tags);
        forms
            .iter()
            .enumerate()
            .map(|(i, form)| {
                let (upos, xpos) = self.tag_name(tags[i]);
                Analysis {
                    upos,
                    xpos,
                    lemma: self.lemmas.lemma(form, upos),
                    head: parse.heads[i],
                    deprel: self
                        .labels
                        .get(parse.labels[i] as usize)
                        .map_or("dep", String::as_str),
                }
            })
            .collect()
    }
}

fn strings(r: &mut Reader<'_>) -> Result<Vec<String>, &'static str> {
    let n = r.u32()? as usize;
    (0..n).map(|_| r.str().map(str::to_owned)).collect()
}

fn put_strings(out: &mut Vec<u8>, v: &[String]) {
    out.extend_from_slice(&(v.len() as u32).to_le_bytes());
    for s in v {
        put_str(out, s);
    }
}

#[cfg(test)]
mod tests;
