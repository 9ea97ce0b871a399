//! The learned name recogniser: people, organisations and places that no
//! dictionary lists ("Alexander Bortnikov", a new armed group).
//!
//! A structured averaged perceptron over hashed word features (the word, its
//! shape, affixes, neighbours and the sentence's casing; `features.rs`),
//! decoded with Viterbi under BIO constraints (`model.rs`), trained in Rust on
//! freely licensed corpora (`train.rs`, `examples/train_ner.rs`; the corpora
//! and the command are in `data/ner/README.md`). The model ships in the
//! binary (`data/ner/model.bin`, `include_bytes!`); its owner (the pipeline)
//! reads it once ([`Recogniser::shipped`]).
//!
//! ```
//! use beacon_entities::ner::{NameKind, Recogniser};
//! let text = "FSB director Alexander Bortnikov said the Taliban were in Afghanistan.";
//! let names = Recogniser::shipped().recognise(text);
//! assert!(names.iter().any(|n| n.kind == NameKind::Person && n.text(text) == "Alexander Bortnikov"));
//! ```
//!
//! Execution model: [`Recogniser::recognise`] is a pure function of the text
//! (and the model); it never panics, and its time and memory are linear in
//! the text: the text is cut into pieces of at most [`MAX_PIECE_BYTES`] at
//! line breaks or spaces, and sentences into at most
//! [`beacon_text::tokens::MAX_SENTENCE_TOKENS`] tokens.

pub mod features;
pub mod lexicon;
pub mod model;
pub mod train;

use beacon_text::{Text, tokens};

pub use features::NameList;
pub use lexicon::Lexicon;
pub use model::{Model, ModelError};

/// What kind of name a span is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum NameKind {
    /// A person (PER).
    Person,
    /// An organisation, party, armed group, company or team (ORG).
    Organization,
    /// A place: a country, city, region, river or facility (LOC, with GPEs).
    Location,
}

impl NameKind {
    /// The CoNLL type: `PER`, `ORG` or `LOC`.
    pub fn conll(self) -> &'static str {
        match self {
            NameKind::Person => "PER",
            NameKind::Organization => "ORG",
            NameKind::Location => "LOC",
        }
    }
}

/// A name found in a text.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct NameSpan {
    /// First code point of the name in the text.
    pub start: usize,
    /// One past its last code point.
    pub end: usize,
    /// First byte (to slice the text).
    pub byte_start: usize,
    /// One past the last byte.
    pub byte_end: usize,
    /// Person, organisation or place.
    pub kind: NameKind,
    /// How sure the model is, in [0, 1]: the smallest, over the name's
    /// tokens, of the probability of the token's label (forward–backward
    /// marginals, their temperature fitted on the dev sets; see
    /// [`Model::decode`]).
    pub score: f32,
}

impl NameSpan {
    /// The name as written.
    pub fn text<'a>(&self, text: &'a str) -> &'a str {
        &text[self.byte_start..self.byte_end]
    }
}

/// The model file shipped with Beacon.
static MODEL_BYTES: &[u8] = include_bytes!("../../../../data/ner/model.bin");
/// The Russian model (`data/ner/model-ru.bin`, trained on FactRuEval-2016).
static MODEL_RU_BYTES: &[u8] = include_bytes!("../../../../data/ner/model-ru.bin");
/// The Persian model (`data/ner/model-fa.bin`, trained on ParsTwiNER).
static MODEL_FA_BYTES: &[u8] = include_bytes!("../../../../data/ner/model-fa.bin");

/// The largest piece of text tokenised at once (the text is cut at a line
/// break or a space before this many bytes).
pub const MAX_PIECE_BYTES: usize = 1 << 16;

/// A loaded model and the decoding around it.
#[derive(Debug, Clone)]
pub struct Recogniser {
    model: Model,
}

impl Recogniser {
    /// Reads a model file.
    pub fn from_bytes(bytes: &[u8]) -> Result<Self, ModelError> {
        Ok(Recogniser {
            model: Model::from_bytes(bytes)?,
        })
    }

    /// Wraps a model (from training).
    pub fn from_model(model: Model) -> Self {
        Recogniser { model }
    }

    /// The model shipped in the binary, read (each call reads it afresh:
    /// keep it). Should the shipped file not parse (a build from a checkout
    /// without it), the recogniser finds nothing rather than failing.
    pub fn shipped() -> Recogniser {
        Recogniser::from_bytes(MODEL_BYTES).unwrap_or(Recogniser {
            model: Model::empty(),
        })
    }

    /// The model shipped for a language (`en`, `ru`, `fa`), read; `None` for a
    /// language without one.
    pub fn shipped_for(lang: &str) -> Option<Recogniser> {
        match lang {
            "en" => Some(Recogniser::shipped()),
            "ru" => Recogniser::from_bytes(MODEL_RU_BYTES).ok(),
            "fa" => Recogniser::from_bytes(MODEL_FA_BYTES).ok(),
            _ => None,
        }
    }

    /// The model.
    pub fn model(&self) -> &Model {
        &self.model
    }

    /// The names in `text`, in text order.
    pub fn recognise(&self, text: &str) -> Vec<NameSpan> {
        self.recognise_with(text, None)
    }

    /// The names in `text`, with a list of known names as a feature (use the
    /// list the model was trained with; see [`NameList`]).
    pub fn recognise_with(&self, text: &str, names: Option<NameList<'_>>) -> Vec<NameSpan> {
        let mut out = Vec::new();
        let mut scratch = Scratch::default();
        let (mut byte0, mut cp0) = (0, 0);
        for piece in pieces(text) {
            let layer = Text::new(piece);
            self.recognise_layer(&layer, names, &mut scratch, &mut out, byte0, cp0);
            byte0 += piece.len();
            cp0 += piece.chars().count();
        }
        out
    }

    /// The names in a text already split by the text layer, in text order.
    pub fn recognise_in(&self, layer: &Text<'_>) -> Vec<NameSpan> {
        let mut out = Vec::new();
        self.recognise_layer(layer, None, &mut Scratch::default(), &mut out, 0, 0);
        out
    }

    /// The names of `layer`, whose text begins at byte `byte0` and code point
    /// `cp0` of the whole.
    fn recognise_layer(
        &self,
        layer: &Text<'_>,
        names: Option<NameList<'_>>,
        s: &mut Scratch,
        out: &mut Vec<NameSpan>,
        byte0: usize,
        cp0: usize,
    ) {
        let (text, toks) = (layer.text(), layer.tokens());
        for range in layer.sentences() {
            let sent = &toks[range.clone()];
            s.feats.clear();
            features::sentence_features(text, sent, self.model.lexicon(), names, &mut s.feats);
            self.model.decode(&s.feats, &mut s.labels, &mut s.probs);
            for (a, b, kind) in label_spans(&s.labels) {
                let Some(kind) = kind_of(kind) else { continue };
                let (a, b) = if kind == NameKind::Person {
                    match person_bounds(text, sent, a, b) {
                        Some(ab) => ab,
                        None => continue,
                    }
                } else {
                    (a, b)
                };
                let score = s.probs[a..b].iter().copied().fold(1.0, f32::min);
                out.push(NameSpan {
                    start: cp0 + sent[a].start,
                    end: cp0 + sent[b - 1].end,
                    byte_start: byte0 + sent[a].byte_start,
                    byte_end: byte0 + sent[b - 1].byte_end,
                    kind,
                    score,
                });
            }
        }
    }
}

/// Words of address and rank that go before a name but are not part of it
/// in the CoNLL convention ("Mr Osborne" is the name "Osborne"): written
/// with or without the period. The corpora the model learns from drop them
/// from names, but seldom show the forms without a period.
const TITLES: &[&str] = &[
    "Mr",
    "Mrs",
    "Ms",
    "Miss",
    "Mx",
    "Dr",
    "Prof",
    "Professor",
    "Sir",
    "Dame",
    "Lord",
    "Lady",
    "Rev",
    "Reverend",
    "Fr",
    "Father",
    "Pope",
    "King",
    "Queen",
    "Emperor",
    "Empress",
    "Sultan",
    "Gen",
    "General",
    "Col",
    "Colonel",
    "Lt",
    "Capt",
    "Captain",
    "Maj",
    "Major",
    "Sgt",
    "Cpl",
    "Adm",
    "Admiral",
    "Cardinal",
    "Bishop",
    "Archbishop",
    "Ayatollah",
    "President",
    "Senator",
    "Sen",
    "Rep",
    "Gov",
    "Governor",
    "Judge",
    "Justice",
];

/// Roman numerals that follow a ruler's name ("Ramesses II").
const REGNAL: &[&str] = &[
    "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII", "XIII", "XIV", "XV",
    "XVI",
];

/// The tokens `a..b` of a person's name with the titles before it cut off
/// and a regnal number after it joined on; `None` when only titles remain.
fn person_bounds(text: &str, sent: &[tokens::Token], a: usize, b: usize) -> Option<(usize, usize)> {
    let word = |i: usize| sent[i].text(text).trim_end_matches('.');
    let mut a = a;
    while a < b && TITLES.contains(&word(a)) {
        a += 1;
    }
    if a == b {
        return None;
    }
    let mut b = b;
    if b < sent.len() && REGNAL.contains(&sent[b].text(text)) {
        // "I" is also the pronoun: take it only before "of" or a mark that
        // ends a clause ("Amyntas I of Macedon", "Mojmír I.").
        let next = sent.get(b + 1).map(|t| t.text(text));
        let pronoun_like = sent[b].text(text) == "I"
            && !next.is_none_or(|n| matches!(n, "of" | "," | "." | ";" | ":" | ")"));
        if !pronoun_like {
            b += 1;
        }
    }
    Some((a, b))
}

#[derive(Default)]
struct Scratch {
    feats: Vec<u32>,
    labels: Vec<u8>,
    probs: Vec<f32>,
}

fn kind_of(t: usize) -> Option<NameKind> {
    match t {
        1 => Some(NameKind::Person),
        2 => Some(NameKind::Organization),
        3 => Some(NameKind::Location),
        _ => None,
    }
}

/// The spans of a BIO label sequence: (first token, one past the last, type
/// index: 1 PER, 2 ORG, 3 LOC, 4 MISC).
pub fn label_spans(labels: &[u8]) -> Vec<(usize, usize, usize)> {
    let mut out = Vec::new();
    let mut open: Option<(usize, usize)> = None;
    for (i, &l) in labels.iter().enumerate() {
        let l = l as usize;
        let ty = l.div_ceil(2);
        let begins = l % 2 == 1 || (l != 0 && open.is_none_or(|(_, t)| t != ty));
        if (l == 0 || begins)
            && let Some((a, t)) = open.take()
        {
            out.push((a, i, t));
        }
        if l != 0 && begins {
            open = Some((i, ty));
        }
    }
    if let Some((a, t)) = open {
        out.push((a, labels.len(), t));
    }
    out
}

/// Cuts `text` into pieces of at most [`MAX_PIECE_BYTES`] (more only when a
/// single character would be split), at the last line break, else the last
/// whitespace, else a character boundary.
fn pieces(text: &str) -> impl Iterator<Item = &str> {
    let mut rest = text;
    std::iter::from_fn(move || {
        if rest.is_empty() {
            return None;
        }
        if rest.len() <= MAX_PIECE_BYTES {
            return Some(std::mem::take(&mut rest));
        }
        let mut cut = MAX_PIECE_BYTES;
        while !rest.is_char_boundary(cut) {
            cut -= 1;
        }
        let window = &rest[..cut];
        let at = window
            .rfind('\n')
            .or_else(|| window.rfind(char::is_whitespace))
            .map(|p| p + 1)
            .filter(|&p| p > MAX_PIECE_BYTES / 2)
            .unwrap_or(cut.max(1));
        let mut at = at;
        while !rest.is_char_boundary(at) {
            at += 1;
        }
        let (a, b) = rest.split_at(at);
        rest = b;
        Some(a)
    })
}

#[cfg(test)]
mod tests;
