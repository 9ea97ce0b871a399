//! The CAMEO manual's sentences as a coder's validation set: real wire
//! leads with a gold code, most of them one event each, some of them
//! statements that hold none (`events/cameo_sentences`, ConfliBERT's
//! PentaClass task). For each sentence, is an event of its class among the
//! events Beacon codes (recall, per class and over the four classes of
//! events), and on the sentences of class 0, statements, does Beacon code
//! any event at all (the share that do)? Issue 15 asks, of a peer's
//! validation sentences, recall ≥ 0.60 with events on ≤ 25 % of the
//! sentences that hold none.
//!
//! **Classes** (the set's `pentaclass`, from the CAMEO root code): 0 make a
//! statement or appeal, 1 verbal cooperation, 2 material cooperation, 3
//! verbal conflict, 4 material conflict. PLOVER's types map onto them as
//! the set's `SOURCE.md` checked against the PLOVER gold ([`classes_of`]);
//! crime and hazards have no class. An appeal (CAMEO 02) is PLOVER's
//! REQUEST, Beacon's `DEMAND`: on a class-0 sentence a `DEMAND` is no
//! event where there is none.

use std::path::Path;

use beacon_model::{Event, EventType};

use crate::{EvalError, read_jsonl};

/// One gold sentence.
#[derive(Debug, Clone)]
pub struct CameoSentence {
    /// Its id (`cameo-<hash>`), the split key.
    pub id: String,
    /// The sentence.
    pub text: String,
    /// Its PentaClass, 0–4.
    pub class: u8,
}

/// The sentences of `sentences.jsonl` that carry a class.
pub fn load_cameo(path: &Path) -> Result<Vec<CameoSentence>, EvalError> {
    Ok(read_jsonl(path)?
        .into_iter()
        .filter_map(|(_, v)| {
            let class = u8::try_from(v["pentaclass"].as_u64()?).ok()?;
            (class <= 4).then(|| CameoSentence {
                id: v["id"].as_str().unwrap_or_default().to_owned(),
                text: v["text"].as_str().unwrap_or_default().to_owned(),
                class,
            })
        })
        .collect())
}

/// The PentaClasses of an event type: 1 AGREE, CONSULT, SUPPORT; 2
/// COOPERATE, AID, CONCEDE, RETREAT; 3 DEMAND, DISAPPROVE, INVESTIGATE,
/// REJECT, THREATEN; 4 PROTEST, MOBILIZE, COERCE, ASSAULT, FIGHT; SANCTION
/// 3 or 4 (aid suspended, visits cancelled and sanctions imposed are verbal
/// conflict in the set, as its `SOURCE.md` found: "some SANCTION"); none
/// for crime and hazards.
pub fn classes_of(kind: EventType) -> &'static [u8] {
    use EventType::*;
    match kind {
        Agree | Consult | Support => &[1],
        Cooperate | Aid | Concede | Retreat => &[2],
        Demand | Disapprove | Investigate | Reject | Threaten => &[3],
        Sanction => &[3, 4],
        Protest | Mobilize | Coerce | Assault | Fight => &[4],
        Crime | Hazard => &[],
    }
}

/// What the scorer counts.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ClassScores {
    /// Sentences of each class.
    pub sentences: [usize; 5],
    /// Sentences of each class 1–4 with an event of that class.
    pub found: [usize; 5],
    /// Class-0 sentences with an event other than an appeal (`DEMAND`).
    pub events_on_none: usize,
}

impl ClassScores {
    /// Recall over the sentences of classes 1–4.
    pub fn recall(&self) -> f64 {
        let n: usize = self.sentences[1..].iter().sum();
        let f: usize = self.found[1..].iter().sum();
        f as f64 / n.max(1) as f64
    }

    /// Recall over the sentences of one class (1–4).
    pub fn recall_of(&self, class: usize) -> f64 {
        self.found[class] as f64 / self.sentences[class].max(1) as f64
    }

    /// The share of class-0 sentences given an event.
    pub fn events_on_none_share(&self) -> f64 {
        self.events_on_none as f64 / self.sentences[0].max(1) as f64
    }
}

/// One sentence scored wrong: its id, class, the types coded and its text.
pub type ClassMiss = (String, u8, Vec<EventType>, String);

/// Codes each sentence with `code` and counts; the sentences scored wrong
/// (a class 1–4 sentence with no event of its class, a class-0 sentence
/// with an event), in file order.
pub fn score_classes(
    items: &[CameoSentence],
    code: &dyn Fn(&str) -> Vec<Event>,
) -> (ClassScores, Vec<ClassMiss>) {
    let mut s = ClassScores::default();
    let mut wrong = Vec::new();
    for it in items {
        let kinds: Vec<EventType> = code(&it.text).into_iter().map(|e| e.kind).collect();
        let c = usize::from(it.class);
        s.sentences[c] += 1;
        let right = if c == 0 {
            let any = kinds.iter().any(|&k| k != EventType::Demand);
            s.events_on_none += usize::from(any);
            !any
        } else {
            let hit = kinds.iter().any(|&k| classes_of(k).contains(&it.class));
            s.found[c] += usize::from(hit);
            hit
        };
        if !right {
            wrong.push((it.id.clone(), it.class, kinds, it.text.clone()));
        }
    }
    (s, wrong)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn event(kind: EventType) -> Event {
        serde_json::from_value(serde_json::json!({
            "id": "e", "type": kind.as_str(), "modality": "occurred", "historical": false,
            "actor": [], "target": [], "evidence": {"text": "", "start": 0, "end": 0},
            "confidence": 0.9, "article_id": "a",
        }))
        .expect("a minimal event")
    }

    #[test]
    fn every_type_has_its_class_and_counts_follow() {
        assert_eq!(classes_of(EventType::Consult), [1]);
        assert_eq!(classes_of(EventType::Aid), [2]);
        assert_eq!(classes_of(EventType::Threaten), [3]);
        assert_eq!(classes_of(EventType::Sanction), [3, 4]);
        assert_eq!(classes_of(EventType::Fight), [4]);
        assert!(classes_of(EventType::Hazard).is_empty());
        let items = [
            ("a", "fight", 4),
            ("b", "talk", 1),
            ("c", "say", 0),
            ("d", "appeal", 0),
        ]
        .map(|(id, text, class)| CameoSentence {
            id: id.into(),
            text: text.into(),
            class,
        });
        let code = |t: &str| match t {
            "fight" => vec![event(EventType::Assault)],
            "talk" => vec![event(EventType::Fight)],
            "say" => vec![event(EventType::Disapprove)],
            _ => vec![event(EventType::Demand)],
        };
        let (s, wrong) = score_classes(&items, &code);
        assert_eq!(s.sentences, [2, 1, 0, 0, 1]);
        assert_eq!(s.found, [0, 0, 0, 0, 1]);
        assert!((s.recall() - 0.5).abs() < 1e-9);
        assert_eq!(s.events_on_none, 1);
        assert!((s.events_on_none_share() - 0.5).abs() < 1e-9);
        let ids: Vec<&str> = wrong.iter().map(|w| w.0.as_str()).collect();
        assert_eq!(ids, ["b", "c"]);
    }
}
