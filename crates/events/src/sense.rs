//! Trigger sense: is a trigger the event its lexicon entry names, here?
//! "Shot" in "troops shot two protesters" is; in "the film was shot in
//! Morocco" or "shot his way to a silver medal" it is not; "rally" is a
//! protest in "supporters rallied outside parliament" and not in "stocks
//! rally".
//!
//! A logistic regression ([`crate::linear`]) over each candidate event the
//! lexicon finds: its trigger and type, the words around the trigger, the
//! trigger with each word of its sentence, and its article's relevance
//! ([`crate::relevance`]). Trained by `crates/eval/examples/train_sense.rs`
//! on the candidates the coder finds in the tune parts of the labelled sets
//! (`beacon_eval::sense`), shipped in `data/events/sense.bin`. A candidate
//! of a type whose words have other senses ([`JUDGED`]) that the model finds
//! unlikely ([`SENSE_GATE`]) is not coded.

use std::ops::Range;

use beacon_model::EventType;

use crate::linear::{Features, Model, ModelError};

/// The file's first bytes.
const MAGIC: &[u8; 4] = b"BSNS";

/// The shipped model's bytes.
static MODEL_BYTES: &[u8] = include_bytes!("../../../data/events/sense.bin");

/// Below this probability a candidate is not an event. Chosen on the tune
/// parts: from 0.5 to 0.65 each step of 0.05 takes false events on news
/// without conflict down (4.9, 4.8, 4.7, 4.5 per 100) and leaves the PLOVER
/// records and tolls as they are; GLOCON's recall holds to 0.6 (0.670) and
/// falls after (0.659), its F1 highest at 0.6 (0.693, 0.697, 0.701, 0.694).
pub const SENSE_GATE: f32 = 0.6;

/// The types whose candidates the model judges: those whose words have
/// other senses in everyday news ("shot", "beat", "battle", "rally",
/// "warned"). Arrests, deployments, expulsions and crimes are left as the
/// lexicon finds them: the model, with few of them to learn from, dropped
/// real ones ("expels diplomats", "set up a new observation post").
pub const JUDGED: [EventType; 4] = [
    EventType::Assault,
    EventType::Fight,
    EventType::Protest,
    EventType::Threaten,
];

/// Whether the model judges candidates of type `kind`.
pub fn judges(kind: EventType) -> bool {
    JUDGED.contains(&kind)
}

/// A trained sense model.
#[derive(Debug, Clone, PartialEq)]
pub struct Sense(pub Model);

impl Sense {
    /// The model shipped in the binary (each call reads it afresh: keep
    /// it). A build without the file keeps every candidate.
    pub fn shipped() -> Sense {
        Model::from_static(MODEL_BYTES, MAGIC)
            .map(Sense)
            .unwrap_or_else(|_| Sense(Model::empty(1)))
    }

    /// Reads a model file.
    pub fn from_bytes(b: &[u8]) -> Result<Sense, ModelError> {
        Model::from_bytes(b, MAGIC).map(Sense)
    }

    /// The model as a file.
    pub fn to_bytes(&self) -> Vec<u8> {
        self.0.to_bytes(MAGIC)
    }

    /// The probability that a candidate is the event its trigger names.
    pub fn probability(&self, c: &Candidate<'_>) -> f32 {
        self.0.probability(&features(c, self.0.bits()))
    }
}

/// A candidate event as the sense model reads it.
#[derive(Debug, Clone)]
pub struct Candidate<'a> {
    /// The lower-cased tokens of its sentence.
    pub words: &'a [&'a str],
    /// Its trigger's tokens in `words`.
    pub trigger: Range<usize>,
    /// The type its trigger codes.
    pub kind: EventType,
    /// Its article's relevance, where there is a model (its feature reads
    /// 0.5 when not).
    pub relevance: Option<f32>,
    /// Its sentence's relevance, where there is a model and the candidate
    /// is of an alarming type ([`crate::ALARMING`]).
    pub sentence_relevance: Option<f32>,
    /// Whether its sentence states people killed or hurt ("five were
    /// killed"): harm done, whatever the trigger's word.
    pub states_harm: bool,
    /// Whether its trigger is a construction with no everyday sense ("fired
    /// … artillery", "pushed … out of"): not judged.
    pub explicit: bool,
}

/// How far either side of the trigger the near words are read.
const NEAR: usize = 3;

/// A candidate's features.
pub fn features(c: &Candidate<'_>, bits: u32) -> Features {
    let w = c.words;
    let t = c.trigger.start.min(w.len())..c.trigger.end.min(w.len());
    let trigger = w[t.clone()].join(" ");
    let kind = c.kind.as_str();
    let relevance = c.relevance.unwrap_or(0.5);
    let word = |i: usize| -> &str {
        let x = w[i];
        if x.chars().any(|c| c.is_ascii_digit()) {
            "#"
        } else {
            x
        }
    };
    let mut names: Vec<String> = vec![
        format!("k={kind}"),
        format!("t={trigger}"),
        format!("tk={trigger}|{kind}"),
        format!("rel={}|{kind}", (relevance * 10.0) as u8),
        format!("rel={}", (relevance * 10.0) as u8),
    ];
    for d in 1..=NEAR {
        let left = t.start.checked_sub(d).map_or("<s>", word);
        let right = if t.end + d - 1 < w.len() {
            word(t.end + d - 1)
        } else {
            "</s>"
        };
        names.push(format!("l{d}={left}|{trigger}"));
        names.push(format!("r{d}={right}|{trigger}"));
        names.push(format!("l{d}={left}|{kind}"));
        names.push(format!("r{d}={right}|{kind}"));
    }
    for i in (0..w.len()).filter(|i| !t.contains(i)) {
        let x = word(i);
        if x.chars().count() > 2 && x.chars().any(char::is_alphabetic) {
            names.push(format!("s={x}|{trigger}"));
            names.push(format!("s={x}|{kind}"));
        }
    }
    Features::of(names.iter().map(String::as_bytes), bits)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_shipped_model_reads() {
        assert!(Sense::from_bytes(MODEL_BYTES).is_ok());
    }

    #[test]
    fn features_read_the_trigger_its_neighbours_and_its_sentence() {
        let words = ["the", "film", "was", "shot", "in", "morocco"];
        let c = |kind| Candidate {
            words: &words,
            trigger: 3..4,
            kind,
            relevance: Some(0.2),
            sentence_relevance: None,
            states_harm: false,
            explicit: false,
        };
        let a = features(&c(EventType::Assault), 16);
        let b = features(&c(EventType::Fight), 16);
        assert_ne!(a, b);
        // 5 + 4 near words a side... and the sentence's words of 3 letters
        assert!(a.index.len() >= 5 + 4 * NEAR);
        // a trigger at the sentence's edge reads the edge marks
        let edge = Candidate {
            words: &words[3..4],
            trigger: 0..1,
            kind: EventType::Assault,
            relevance: Some(0.9),
            sentence_relevance: None,
            states_harm: false,
            explicit: false,
        };
        assert!(!features(&edge, 16).index.is_empty());
    }
}
