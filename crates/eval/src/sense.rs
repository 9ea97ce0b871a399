//! Trigger sense: which candidate events (the triggers the lexicon finds)
//! are the event they name. The labelled texts that train and score the
//! events stage's sense model ([`beacon_events::sense`]); each text says
//! what it holds ([`Gold`]), and a candidate takes its label from it:
//!
//! | set | a candidate is an event when | and is not when |
//! | --- | --- | --- |
//! | PLOVER records | of the gold type | — |
//! | CAMEO sentences (PentaClass) | violent or coercive, in a sentence of force (CAMEO 14–20) | violent or coercive, in a sentence of cooperation (01–08); violent, in one of demands and threats (09–13) |
//! | GLOCON sentences | a protest, where one happened | a protest, where none did |
//! | IndiaPoliceEvents sentences | an arrest or coercion, a deployment, an assault, where police did so | coercion or deployment, where police did nothing |
//! | NGEC synthetic stories | of the story's type | — |
//! | MUC-4 texts reporting an incident | an assault, a fight or coercion | — |
//! | event-location sentences | its trigger is the gold event verb | — |
//! | the texts without conflict of [`crate::relevance`] | — | any candidate |
//!
//! The news without conflict (`events/nonconflict_news`) is never read
//! here. Texts split into tune and test by their key ([`crate::split`]).

use std::path::Path;

use beacon_model::{Event, EventType};

use crate::relevance::TopicText;
use crate::{EvalError, read_jsonl};

/// What a text holds.
#[derive(Debug, Clone, PartialEq)]
pub enum Gold {
    /// No PLOVER event at all.
    Nothing,
    /// Candidates of the `yes` types are events, of the `no` types are not;
    /// of other types, unknown.
    Kinds {
        /// Types that are events here.
        yes: Vec<EventType>,
        /// Types that are not.
        no: Vec<EventType>,
    },
    /// The gold event's words: a candidate whose trigger is among them is
    /// an event; the others are unknown.
    Trigger(String),
}

impl Gold {
    /// A candidate's label, where the gold gives one.
    pub fn label(&self, e: &Event) -> Option<bool> {
        match self {
            Gold::Nothing => Some(false),
            Gold::Kinds { yes, no } => {
                if yes.contains(&e.kind) {
                    Some(true)
                } else if no.contains(&e.kind) {
                    Some(false)
                } else {
                    None
                }
            }
            Gold::Trigger(words) => {
                let t = e
                    .explain
                    .iter()
                    .find(|x| x.field == "type" && x.rule.starts_with("trigger:"))?
                    .text
                    .as_deref()?
                    .to_lowercase();
                let w = words.to_lowercase();
                (!t.is_empty() && (w.contains(&t) || t.contains(&w))).then_some(true)
            }
        }
    }
}

/// One labelled text.
#[derive(Debug, Clone)]
pub struct SenseText {
    /// The set it comes from.
    pub set: &'static str,
    /// The key that places it in a part.
    pub key: String,
    /// The text.
    pub text: String,
    /// What it holds.
    pub gold: Gold,
}

/// Every labelled text: the sets under `data` (the shared data folder) and
/// the texts without conflict among `topics` ([`crate::relevance`]).
pub fn load_sense_sets(data: &Path, topics: &[TopicText]) -> Result<Vec<SenseText>, EvalError> {
    let ev = data.join("events");
    let mut out: Vec<SenseText> = topics
        .iter()
        .filter(|t| !t.relevant)
        .map(|t| SenseText {
            set: t.set,
            key: t.key.clone(),
            text: t.text.clone(),
            gold: Gold::Nothing,
        })
        .collect();
    if ev.join("plover_gsr").is_dir() {
        for r in crate::events::load_plover(&ev)? {
            // positives only: a record codes one event, and a sentence may
            // hold another of another type (negatives of every other type
            // taught the model to drop them)
            out.push(kinds("plover", r.id, r.text, vec![r.kind], Vec::new()));
        }
    }
    type Loader = fn(&Path) -> Result<Vec<SenseText>, EvalError>;
    let optional: [(&str, Loader); 6] = [
        ("muc4/docs.jsonl", muc4),
        ("cameo_sentences/sentences.jsonl", cameo),
        ("glocon_sample/sents.jsonl", glocon),
        ("indiapoliceevents/sents.jsonl", india_police),
        ("ngec_synthetic/stories.jsonl.gz", ngec),
        ("../geoparsing/event_location/records.jsonl", event_location),
    ];
    for (rel, load) in optional {
        let path = ev.join(rel);
        if path.exists() {
            out.extend(load(&path)?);
        }
    }
    Ok(out)
}

fn kinds(
    set: &'static str,
    key: String,
    text: String,
    yes: Vec<EventType>,
    no: Vec<EventType>,
) -> SenseText {
    SenseText {
        set,
        key,
        text,
        gold: Gold::Kinds { yes, no },
    }
}

fn s(v: &serde_json::Value, k: &str) -> String {
    v[k].as_str().unwrap_or_default().to_owned()
}

fn cameo(path: &Path) -> Result<Vec<SenseText>, EvalError> {
    use EventType::{Assault, Coerce, Fight, Mobilize, Protest, Sanction};
    let force = vec![Assault, Fight, Coerce, Protest, Mobilize, Sanction];
    Ok(read_jsonl(path)?
        .into_iter()
        .filter_map(|(_, v)| {
            let (yes, no) = match v["pentaclass"].as_i64()? {
                4 => (force.clone(), Vec::new()),
                3 => (Vec::new(), vec![Assault, Fight]),
                _ => (Vec::new(), beacon_events::ALARMING.to_vec()),
            };
            Some(kinds("cameo", s(&v, "id"), s(&v, "text"), yes, no))
        })
        .collect())
}

fn glocon(path: &Path) -> Result<Vec<SenseText>, EvalError> {
    Ok(crate::detection::load_glocon(path)?
        .into_iter()
        .map(|l| {
            let (yes, no) = if l.gold {
                (vec![EventType::Protest], Vec::new())
            } else {
                (Vec::new(), vec![EventType::Protest])
            };
            kinds("glocon", l.document, l.text, yes, no)
        })
        .collect())
}

fn india_police(path: &Path) -> Result<Vec<SenseText>, EvalError> {
    use EventType::{Assault, Coerce, Mobilize};
    Ok(read_jsonl(path)?
        .into_iter()
        .map(|(_, v)| {
            let labels: Vec<&str> = v["labels"]
                .as_array()
                .map(|a| a.iter().filter_map(|l| l.as_str()).collect())
                .unwrap_or_default();
            let has = |l: &str| labels.contains(&l);
            let (yes, no) = if labels.is_empty() {
                (Vec::new(), vec![Coerce, Mobilize])
            } else {
                let mut yes = Vec::new();
                if has("ARREST") || has("ANY_ACTION") {
                    yes.extend([Coerce, Mobilize]);
                }
                if has("KILL") || has("FORCE") {
                    yes.push(Assault);
                }
                (yes, Vec::new())
            };
            let key = format!("ipe-doc-{}", v["doc_id"].as_i64().unwrap_or_default());
            kinds("indiapolice", key, s(&v, "text"), yes, no)
        })
        .collect())
}

/// MUC-4's texts that report an incident (a perpetrator, target or weapon
/// is filled): their attacks, clashes and kidnappings are events.
fn muc4(path: &Path) -> Result<Vec<SenseText>, EvalError> {
    use EventType::{Assault, Coerce, Fight};
    Ok(read_jsonl(path)?
        .into_iter()
        .filter(|(_, v)| {
            v["roles"].as_object().is_some_and(|r| {
                r.values()
                    .any(|x| x.as_array().is_some_and(|a| !a.is_empty()))
            })
        })
        .map(|(_, v)| {
            let key = format!("muc4-{}", s(&v, "id"));
            kinds(
                "muc4",
                key,
                s(&v, "text"),
                vec![Assault, Fight, Coerce],
                Vec::new(),
            )
        })
        .collect())
}

fn ngec(path: &Path) -> Result<Vec<SenseText>, EvalError> {
    Ok(read_jsonl(path)?
        .into_iter()
        .filter_map(|(_, v)| {
            let kind = EventType::parse(&s(&v, "event"))?;
            let mut yes = vec![kind];
            // POLECAT's ASSAULT holds PLOVER's FIGHT
            if kind == EventType::Assault {
                yes.push(EventType::Fight);
            }
            let text = format!("{}\n\n{}", s(&v, "headline"), s(&v, "text"));
            Some(kinds(
                "ngec",
                format!("ngec-{}", s(&v, "title_template")),
                text,
                yes,
                Vec::new(),
            ))
        })
        .collect())
}

fn event_location(path: &Path) -> Result<Vec<SenseText>, EvalError> {
    Ok(read_jsonl(path)?
        .into_iter()
        .filter_map(|(_, v)| {
            let verb = v["verb"].as_array()?.first()?["text"].as_str()?.to_owned();
            let id = v["id"]
                .as_str()
                .map_or_else(|| v["id"].to_string(), str::to_owned);
            Some(SenseText {
                set: "event_location",
                key: format!("evloc-{id}"),
                text: s(&v, "text"),
                gold: Gold::Trigger(verb),
            })
        })
        .collect())
}

/// Every candidate event of a text (the whole pipeline, before the learned
/// decisions), each with its features for a sense model of `bits`.
pub fn candidates_of(
    pipeline: &beacon_pipeline::Pipeline,
    text: &str,
    bits: u32,
) -> Vec<(Event, beacon_events::linear::Features)> {
    crate::events::text_article(pipeline, text, "")
        .map_or_else(Vec::new, |a| pipeline.candidates(&a, bits))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn event(kind: EventType, trigger: &str) -> Event {
        serde_json::from_value(serde_json::json!({
            "id": "e", "type": kind.as_str(), "modality": "occurred", "historical": false,
            "actor": [], "target": [], "evidence": {"text": "", "start": 0, "end": 0},
            "confidence": 0.5, "article_id": "a",
            "explain": [{"field": "type", "rule": format!("trigger:{trigger}"), "text": trigger}],
        }))
        .expect("an event")
    }

    #[test]
    fn candidates_take_their_label_from_the_gold() {
        let a = event(EventType::Assault, "shelled");
        let p = event(EventType::Protest, "rallied");
        assert_eq!(Gold::Nothing.label(&a), Some(false));
        let g = Gold::Kinds {
            yes: vec![EventType::Assault],
            no: vec![EventType::Fight],
        };
        assert_eq!(g.label(&a), Some(true));
        assert_eq!(g.label(&p), None);
        assert_eq!(Gold::Trigger("Shelled".into()).label(&a), Some(true));
        assert_eq!(Gold::Trigger("killed".into()).label(&a), None);
    }
}
