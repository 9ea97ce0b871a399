//! Article relevance: how likely an article is to report political
//! violence, unrest, security or diplomacy, from its words alone.
//!
//! A logistic regression ([`crate::linear`]) over the article's lower-cased
//! words and word pairs. It is trained by
//! `crates/eval/examples/train_relevance.rs` on the tune parts of the
//! topic-labelled sets (conflict, police and diplomatic news against
//! business, entertainment, sport, health and technology news and other
//! prose; `beacon_eval::relevance`) and shipped in
//! `data/events/relevance.bin`. The events stage reads the score: below
//! [`crate::RELEVANCE_GATE`] an article's triggers code no PLOVER event,
//! and each event carries it so that a user or a watchlist can filter on it.

use crate::linear::{Features, Model, ModelError, fnv, mix};

/// The file's first bytes.
const MAGIC: &[u8; 4] = b"BRLV";

/// The shipped model's bytes.
static MODEL_BYTES: &[u8] = include_bytes!("../../../data/events/relevance.bin");

/// A trained relevance model.
#[derive(Debug, Clone, PartialEq)]
pub struct Relevance(pub Model);

impl Relevance {
    /// The model shipped in the binary (each call reads it afresh: keep
    /// it). A file that did not read would score every article 0.5, below
    /// [`crate::RELEVANCE_GATE`]: no violent or coercive event would be
    /// coded (a test checks that the shipped file reads).
    pub fn shipped() -> Relevance {
        Model::from_static(MODEL_BYTES, MAGIC)
            .map(Relevance)
            .unwrap_or_else(|_| Relevance(Model::empty(1)))
    }

    /// Reads a model file.
    pub fn from_bytes(b: &[u8]) -> Result<Relevance, ModelError> {
        Model::from_bytes(b, MAGIC).map(Relevance)
    }

    /// The model as a file.
    pub fn to_bytes(&self) -> Vec<u8> {
        self.0.to_bytes(MAGIC)
    }

    /// The relevance of a text given as its lower-cased tokens (a
    /// sentence's).
    pub fn score_words(&self, words: &[&str]) -> f32 {
        self.0
            .probability(&features(words.iter().copied(), self.0.bits()))
    }

    /// The relevance of a text.
    pub fn score(&self, text: &str) -> f32 {
        self.0.probability(&text_features(text, self.0.bits()))
    }
}

/// The features of a text, tokenised as the events stage tokenises it.
pub fn text_features(text: &str, bits: u32) -> Features {
    let layer = beacon_text::Text::new(text);
    let lower: Vec<String> = layer
        .tokens()
        .iter()
        .map(|t| t.text(text).to_lowercase())
        .collect();
    features(lower.iter().map(String::as_str), bits)
}

/// The features of a text given as its lower-cased tokens: words (a token
/// with a digit reads as `#`; punctuation is skipped and breaks a pair) and
/// pairs of neighbouring words, each of value 1/√n so that a long article
/// does not outweigh a sentence.
pub fn features<'w>(words: impl IntoIterator<Item = &'w str>, bits: u32) -> Features {
    let mask = (1u64 << bits) - 1;
    let mut index = Vec::new();
    let mut prev: Option<u64> = None;
    for w in words {
        if !w.chars().any(char::is_alphanumeric) {
            prev = None;
            continue;
        }
        let word = if w.chars().any(|c| c.is_ascii_digit()) {
            "#"
        } else {
            w
        };
        let h = fnv(0xcbf2_9ce4_8422_2325, word.as_bytes());
        index.push((mix(h) & mask) as usize);
        if let Some(p) = prev {
            index.push((mix(fnv(p ^ 0x5bd1_e995, word.as_bytes())) & mask) as usize);
        }
        prev = Some(h);
    }
    Features::from_slots(index)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn feats(s: &str) -> Features {
        let w: Vec<String> = s.split_whitespace().map(str::to_lowercase).collect();
        features(w.iter().map(String::as_str), 16)
    }

    #[test]
    fn features_skip_punctuation_and_read_numbers_as_one_word() {
        assert_eq!(feats("5 killed , 3 hurt ."), feats("12 Killed ; 40 hurt"));
        assert_ne!(feats("killed hurt"), feats("killed , hurt"));
        assert!(feats("").index.is_empty());
    }

    #[test]
    fn the_shipped_model_reads_and_tells_war_from_football() {
        let m = Relevance::from_bytes(MODEL_BYTES).expect("the shipped model reads");
        let war = m.score(
            "Government troops shelled rebel positions near the border on Monday, killing \
             twelve fighters, the defence ministry said.",
        );
        let sport = m.score(
            "The striker scored twice in the second half as United beat City 3-1 to go top \
             of the league, their manager praised the defence.",
        );
        assert!(war > crate::RELEVANCE_GATE, "{war}");
        assert!(sport < crate::RELEVANCE_GATE, "{sport}");
    }
}
