//! Event detection on sentences labelled with realistic negatives: does
//! Beacon code an event where the gold says one happened, and none where it
//! says none did?
//!
//! - GLOCON (`events/glocon_sample/sents.jsonl`): SAPA wire sentences, label
//!   1 a contentious event that happened or is going on, 0 none (the
//!   documents span all the agency's news); the 14 sentences of a planned
//!   one (label 2) are left out. GLOCON's events are contentious politics at
//!   large: besides demonstrations and strikes, its label-1 sentences hold
//!   massacres, arson and bombings. Beacon's answer: a PROTEST, ASSAULT or
//!   FIGHT event that occurred.
//! - IndiaPoliceEvents (`events/indiapoliceevents/sents.jsonl`): every
//!   sentence of Times of India articles, `ARREST` when police arrested
//!   someone. Beacon's answer: a COERCE event of arrest that occurred
//!   (arrests are the police's, so any arrest counts).
//!
//! Each sentence is coded alone. Items are split into tune and test parts by
//! their document ([`crate::split`]), so a document's sentences stay
//! together.

use std::path::Path;

use beacon_model::{Event, EventType, Modality};

use crate::{EvalError, read_jsonl};

/// One labelled sentence.
#[derive(Debug, Clone)]
pub struct Labelled {
    /// The key that places it in a part (its document).
    pub document: String,
    /// Its id.
    pub id: String,
    /// The sentence.
    pub text: String,
    /// Whether the gold says the event happened.
    pub gold: bool,
}

/// Counts of a detection task.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Detection {
    /// Events found where the gold has one.
    pub true_positives: usize,
    /// Events found where the gold has none.
    pub false_positives: usize,
    /// Events missed.
    pub false_negatives: usize,
    /// Sentences read.
    pub sentences: usize,
}

impl Detection {
    /// Precision.
    pub fn precision(&self) -> f64 {
        ratio(
            self.true_positives,
            self.true_positives + self.false_positives,
        )
    }

    /// Recall.
    pub fn recall(&self) -> f64 {
        ratio(
            self.true_positives,
            self.true_positives + self.false_negatives,
        )
    }

    /// F1.
    pub fn f1(&self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 { 0.0 } else { a as f64 / b as f64 }
}

/// GLOCON's protest sentences (planned protests left out).
pub fn load_glocon(path: &Path) -> Result<Vec<Labelled>, EvalError> {
    let mut out = Vec::new();
    for (n, v) in read_jsonl(path)? {
        let label = v["label"].as_i64().ok_or_else(|| EvalError::Format {
            path: path.to_owned(),
            detail: format!("line {n}: no label"),
        })?;
        if label == 2 {
            continue;
        }
        out.push(Labelled {
            document: format!("glocon-{}", v["file"].as_str().unwrap_or_default()),
            id: v["id"].as_str().unwrap_or_default().to_owned(),
            text: v["text"].as_str().unwrap_or_default().to_owned(),
            gold: label == 1,
        });
    }
    Ok(out)
}

/// IndiaPoliceEvents' sentences, positive when police arrested someone.
pub fn load_police_arrests(path: &Path) -> Result<Vec<Labelled>, EvalError> {
    let mut out = Vec::new();
    for (n, v) in read_jsonl(path)? {
        let Some(doc) = v["doc_id"].as_i64() else {
            return Err(EvalError::Format {
                path: path.to_owned(),
                detail: format!("line {n}: no doc_id"),
            });
        };
        let labels = v["labels"].as_array().cloned().unwrap_or_default();
        out.push(Labelled {
            document: format!("ipe-doc-{doc}"),
            id: format!("ipe-{doc}-{}", v["sent_id"].as_i64().unwrap_or(0)),
            text: v["text"].as_str().unwrap_or_default().to_owned(),
            gold: labels.iter().any(|l| l.as_str() == Some("ARREST")),
        });
    }
    Ok(out)
}

/// Whether the events hold a protest or political violence that occurred.
pub fn contention_occurred(events: &[Event]) -> bool {
    events.iter().any(|e| {
        matches!(
            e.kind,
            EventType::Protest | EventType::Assault | EventType::Fight
        ) && e.modality == Modality::Occurred
    })
}

/// Whether the events hold an arrest that occurred.
pub fn arrest_occurred(events: &[Event]) -> bool {
    events.iter().any(|e| {
        e.kind == EventType::Coerce
            && e.modality == Modality::Occurred
            && e.sub_type.as_deref() == Some("ARREST")
    })
}

/// Codes each sentence and counts Beacon's answers (`found`) against the
/// gold; the ids of the sentences it got wrong, with what it said.
pub fn score_detection(
    items: &[Labelled],
    code: &dyn Fn(&str) -> Vec<Event>,
    found: &dyn Fn(&[Event]) -> bool,
) -> (Detection, Vec<(String, bool, String)>) {
    let mut d = Detection::default();
    let mut wrong = Vec::new();
    for item in items {
        let got = found(&code(&item.text));
        d.sentences += 1;
        match (item.gold, got) {
            (true, true) => d.true_positives += 1,
            (false, true) => d.false_positives += 1,
            (true, false) => d.false_negatives += 1,
            (false, false) => {}
        }
        if got != item.gold {
            wrong.push((item.id.clone(), got, item.text.clone()));
        }
    }
    (d, wrong)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn detections_are_counted_against_the_gold() {
        let item = |text: &str, gold: bool| Labelled {
            document: "d".into(),
            id: text.into(),
            text: text.into(),
            gold,
        };
        let items = [
            item("protest here", true),
            item("protest there", false),
            item("quiet", true),
            item("quiet too", false),
        ];
        // a stand-in coder: an answer wherever the word is
        let code = |t: &str| -> Vec<Event> {
            if t.contains("protest") {
                vec![
                    serde_json::from_value(serde_json::json!({
                        "id": "e", "type": "PROTEST", "modality": "occurred",
                        "historical": false, "actor": [], "target": [],
                        "evidence": {"text": t, "start": 0, "end": 1},
                        "confidence": 0.9, "article_id": "a",
                    }))
                    .expect("an event"),
                ]
            } else {
                Vec::new()
            }
        };
        let (d, wrong) = score_detection(&items, &code, &contention_occurred);
        assert_eq!(
            (d.true_positives, d.false_positives, d.false_negatives),
            (1, 1, 1)
        );
        assert_eq!((d.precision(), d.recall(), d.f1()), (0.5, 0.5, 0.5));
        assert_eq!(wrong.len(), 2);
    }
}
