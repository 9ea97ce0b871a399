//! Event coding, scored on the PLOVER gold-standard records
//! (`shared/data/events/plover_gsr/PLOVER_GSR_CAMEO.json`): English
//! sentences from the CAMEO manual, each coded with one event type, its
//! source and target actors.
//!
//! Each record's sentence goes through Beacon as any input does (ingest →
//! extract → dates → entities → events). The sentence may yield several
//! events; the one scored is the event whose trigger is among the gold
//! event words (`eventText`), as ACE-style scoring aligns events by trigger,
//! else the first event of the sentence. Records of type `DOCUMENT` are
//! documentation, not events, and are left out.
//!
//! - **Type accuracy**: the scored event's type is the gold type (no event
//!   counts as wrong). **Macro-F1**: per type, precision and recall of the
//!   scored types against the gold types, F1 averaged over the types that
//!   occur in the gold.
//! - **Actor accuracy**, over records with a gold source: one of the event's
//!   actors matches one of the gold sources. **Target accuracy** likewise.
//!   Two actor texts match when, lower-cased, with a leading "the" dropped
//!   and punctuation spaced out, one contains the other as whole words
//!   ("Egyptian police" and "police"; "U.S." and "U.S. border patrol").
//!
//! On the CASE 2021 snippets (ACLED-style event descriptions), each snippet
//! runs through the whole pipeline and is labelled with the most specific
//! ACLED sub-type among its events ([`SUB_TYPE_PRIORITY`]; "NONE" when
//! Beacon codes no event); the scores are per-label precision, recall and
//! F1 and their macro average over the gold labels, for sub-types and for
//! ACLED's event types (the task's non-ACLED types count as "not_acled").
//! The mapping from Beacon's events to ACLED is in `beacon_events::acled`.

use std::collections::BTreeMap;
use std::path::Path;

use beacon_model::{Event, EventActor, EventType, Modality};

use crate::{EvalError, read_json};

/// One PLOVER gold record.
#[derive(Debug, Clone)]
pub struct PloverRecord {
    /// Its id (`PLOVER-GSR01-AGREE-0002`).
    pub id: String,
    /// The sentence.
    pub text: String,
    /// The gold type.
    pub kind: EventType,
    /// The gold source actors, as written.
    pub sources: Vec<String>,
    /// The gold target actors, as written.
    pub targets: Vec<String>,
    /// The gold event words.
    pub event_text: String,
}

/// Reads the PLOVER gold records of `path` (a file, or a folder holding
/// `plover_gsr/PLOVER_GSR_CAMEO.json` or `PLOVER_GSR_CAMEO.json`).
pub fn load_plover(path: &Path) -> Result<Vec<PloverRecord>, EvalError> {
    let file = [
        path.to_path_buf(),
        path.join("plover_gsr/PLOVER_GSR_CAMEO.json"),
        path.join("PLOVER_GSR_CAMEO.json"),
    ]
    .into_iter()
    .find(|p| p.is_file())
    .ok_or_else(|| EvalError::Format {
        path: path.to_owned(),
        detail: "no PLOVER_GSR_CAMEO.json".into(),
    })?;
    let json = read_json(&file)?;
    let records = json.as_array().ok_or_else(|| EvalError::Format {
        path: file.clone(),
        detail: "not an array".into(),
    })?;
    let texts = |v: &serde_json::Value| -> Vec<String> {
        v.as_array()
            .map(|a| {
                a.iter()
                    .filter_map(|x| x["actorText"].as_str())
                    .map(|s| s.trim().to_owned())
                    .filter(|s| !s.is_empty())
                    .collect()
            })
            .unwrap_or_default()
    };
    Ok(records
        .iter()
        .filter_map(|r| {
            let kind = EventType::parse(r["event"].as_str()?)?;
            Some(PloverRecord {
                id: r["id"].as_str().unwrap_or("").to_owned(),
                text: r["text"]
                    .as_str()?
                    .trim_matches(|c| c == '{' || c == '}')
                    .to_owned(),
                kind,
                sources: texts(&r["source"]),
                targets: texts(&r["target"]),
                event_text: r["eventText"].as_str().unwrap_or("").to_owned(),
            })
        })
        .collect())
}

/// The pipeline the scorers run (build it once: it reads the models on
/// first use). It keeps each event's rules: the scorers read them (the
/// sub-type, the aligned event).
pub fn scoring_pipeline() -> beacon_pipeline::Pipeline {
    beacon_pipeline::Pipeline::new(beacon_pipeline::Config {
        explain: true,
        ..beacon_pipeline::Config::default()
    })
}

/// Runs Beacon's whole pipeline on a text, as a JSONL input line with the
/// given publication date, and returns its events.
pub fn code_text(pipeline: &beacon_pipeline::Pipeline, text: &str, published: &str) -> Vec<Event> {
    text_article(pipeline, text, published).map_or_else(Vec::new, |a| pipeline.analyse(&a).events)
}

/// A text read by the pipeline as a JSONL input line with the given
/// publication date ("" for none): its article.
pub fn text_article(
    pipeline: &beacon_pipeline::Pipeline,
    text: &str,
    published: &str,
) -> Option<beacon_model::Article> {
    let line = serde_json::json!({"url": "", "text": text, "published": published}).to_string();
    let mut out = None;
    pipeline.read_bytes(
        line.as_bytes(),
        "gold.jsonl",
        &beacon_ingest::Options::default(),
        &mut |o| {
            if let beacon_pipeline::Outcome::Article(_, a) = o {
                out = Some(*a);
            }
        },
    );
    out
}

/// The words of a text, lower-cased, punctuation apart, "the" dropped first.
fn words(s: &str) -> Vec<String> {
    let mut spaced = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        if c.is_alphanumeric() || c == '.' || c == '-' || c == '\'' {
            spaced.extend(c.to_lowercase());
        } else {
            spaced.push(' ');
        }
    }
    let mut w: Vec<String> = spaced
        .split_whitespace()
        .map(|w| w.trim_end_matches(['.', '\'']).to_owned())
        .filter(|w| !w.is_empty())
        .collect();
    if w.first().is_some_and(|f| f == "the") {
        w.remove(0);
    }
    w
}

fn contains_words(hay: &[String], needle: &[String]) -> bool {
    !needle.is_empty() && hay.windows(needle.len()).any(|w| w == needle)
}

/// Whether an actor Beacon found matches a gold actor text (see the module
/// docs).
pub fn actor_matches(found: &EventActor, gold: &str) -> bool {
    let g = words(gold);
    [Some(found.text.as_str()), found.name.as_deref()]
        .into_iter()
        .flatten()
        .any(|t| {
            let f = words(t);
            contains_words(&g, &f) || contains_words(&f, &g)
        })
}

/// The event of `events` scored against a gold record (see the module docs).
pub fn aligned<'e>(events: &'e [Event], gold: &PloverRecord) -> Option<&'e Event> {
    let gold_words = words(&gold.event_text);
    events
        .iter()
        .find(|e| {
            e.explain
                .iter()
                .filter(|x| x.field == "type")
                .filter_map(|x| x.text.as_deref())
                .any(|t| words(t).iter().any(|w| gold_words.contains(w)))
        })
        .or(events.first())
}

/// The figures of one run.
#[derive(Debug, Clone, Default)]
pub struct PloverScore {
    /// Records scored.
    pub records: usize,
    /// Records whose type Beacon got.
    pub type_correct: usize,
    /// Records with a gold source.
    pub with_source: usize,
    /// Of those, records whose actor Beacon got.
    pub actor_correct: usize,
    /// Records with a gold target.
    pub with_target: usize,
    /// Of those, records whose target Beacon got.
    pub target_correct: usize,
    /// (gold, predicted) type per record; `None`: no event.
    pub pairs: Vec<(EventType, Option<EventType>)>,
    /// Records whose most confident event (the first of the highest
    /// confidence) has the gold type: what a user who reads one event per
    /// sentence sees.
    pub confident_correct: usize,
    /// Records given no event at all.
    pub no_event: usize,
}

impl PloverScore {
    /// Type accuracy.
    pub fn type_accuracy(&self) -> f64 {
        ratio(self.type_correct, self.records)
    }

    /// Actor accuracy.
    pub fn actor_accuracy(&self) -> f64 {
        ratio(self.actor_correct, self.with_source)
    }

    /// Target accuracy.
    pub fn target_accuracy(&self) -> f64 {
        ratio(self.target_correct, self.with_target)
    }

    /// Per type (in the gold): precision, recall, F1, gold count.
    pub fn per_type(&self) -> BTreeMap<EventType, LabelScore> {
        let mut out = BTreeMap::new();
        for t in EventType::ALL {
            let gold = self.pairs.iter().filter(|(g, _)| *g == t).count();
            if gold == 0 {
                continue;
            }
            let predicted = self.pairs.iter().filter(|(_, p)| *p == Some(t)).count();
            let tp = self
                .pairs
                .iter()
                .filter(|(g, p)| *g == t && *p == Some(t))
                .count();
            let (p, r) = (ratio(tp, predicted), ratio(tp, gold));
            let f = if p + r > 0.0 {
                2.0 * p * r / (p + r)
            } else {
                0.0
            };
            out.insert(t, (p, r, f, gold));
        }
        out
    }

    /// Macro-F1 over the types in the gold.
    pub fn macro_f1(&self) -> f64 {
        let per = self.per_type();
        if per.is_empty() {
            return 0.0;
        }
        per.values().map(|v| v.2).sum::<f64>() / per.len() as f64
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 { 0.0 } else { a as f64 / b as f64 }
}

/// A record Beacon got wrong in some field, for `--misses`.
#[derive(Debug, Clone)]
pub struct PloverMiss {
    /// The record.
    pub id: String,
    /// What was wrong, in words.
    pub detail: String,
}

/// Scores `coder` (text → events) on the records.
pub fn score_plover(
    records: &[PloverRecord],
    coder: &dyn Fn(&str) -> Vec<Event>,
) -> (PloverScore, Vec<PloverMiss>) {
    let mut s = PloverScore::default();
    let mut misses = Vec::new();
    for r in records {
        let events = coder(&r.text);
        let e = aligned(&events, r);
        s.records += 1;
        let confident = events.iter().reduce(|best, x| {
            if x.confidence > best.confidence {
                x
            } else {
                best
            }
        });
        s.confident_correct += usize::from(confident.is_some_and(|x| x.kind == r.kind));
        s.no_event += usize::from(events.is_empty());
        let predicted = e.map(|e| e.kind);
        s.pairs.push((r.kind, predicted));
        let mut wrong = Vec::new();
        if predicted == Some(r.kind) {
            s.type_correct += 1;
        } else {
            wrong.push(format!(
                "type {} (gold {})",
                predicted.map_or("none", EventType::as_str),
                r.kind.as_str()
            ));
        }
        let hit = |found: &[EventActor], gold: &[String]| {
            found
                .iter()
                .any(|f| gold.iter().any(|g| actor_matches(f, g)))
        };
        let names = |v: &[EventActor]| {
            v.iter()
                .map(|a| a.text.as_str())
                .collect::<Vec<_>>()
                .join(" + ")
        };
        if !r.sources.is_empty() {
            s.with_source += 1;
            let actors = e.map(|e| e.actor.as_slice()).unwrap_or(&[]);
            if hit(actors, &r.sources) {
                s.actor_correct += 1;
            } else {
                wrong.push(format!(
                    "actor {:?} (gold {:?})",
                    names(actors),
                    r.sources.join(" + ")
                ));
            }
        }
        if !r.targets.is_empty() {
            s.with_target += 1;
            let targets = e.map(|e| e.target.as_slice()).unwrap_or(&[]);
            if hit(targets, &r.targets) {
                s.target_correct += 1;
            } else {
                wrong.push(format!(
                    "target {:?} (gold {:?})",
                    names(targets),
                    r.targets.join(" + ")
                ));
            }
        }
        if !wrong.is_empty() {
            misses.push(PloverMiss {
                id: r.id.clone(),
                detail: format!("{}  :: {}", wrong.join("; "), r.text),
            });
        }
    }
    (s, misses)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The scorers align events and call attributions by each event's rules:
    /// the pipeline they run keeps them.
    #[test]
    fn coded_events_keep_their_rules() {
        let events = code_text(
            &scoring_pipeline(),
            "Taliban fighters attacked a police checkpoint in Kunduz on Monday.",
            "2024-05-06",
        );
        assert!(!events.is_empty());
        assert!(events.iter().all(|e| !e.explain.is_empty()), "{events:?}");
    }

    fn actor(text: &str) -> EventActor {
        EventActor {
            text: text.into(),
            id: None,
            name: None,
            kind: None,
            start: 0,
            end: 0,
        }
    }

    #[test]
    fn actors_match_as_whole_words_either_way() {
        assert!(actor_matches(&actor("police"), "Egyptian police"));
        assert!(actor_matches(&actor("U.S."), "U.S. border patrol"));
        assert!(actor_matches(&actor("the United States"), "United States"));
        assert!(!actor_matches(&actor("Iran"), "Iraq"));
        assert!(!actor_matches(&actor("US"), "Russia"));
    }

    #[test]
    fn macro_f1_averages_the_gold_types() {
        let s = PloverScore {
            records: 2,
            type_correct: 1,
            pairs: vec![
                (EventType::Agree, Some(EventType::Agree)),
                (EventType::Fight, Some(EventType::Assault)),
            ],
            ..Default::default()
        };
        // AGREE F1 1, FIGHT F1 0.
        assert!((s.macro_f1() - 0.5).abs() < 1e-9);
        assert!((s.type_accuracy() - 0.5).abs() < 1e-9);
    }
}

/// One ACLED-style snippet of the CASE 2021 task: its id, text and gold
/// sub-type.
#[derive(Debug, Clone)]
pub struct AcledSnippet {
    /// The snippet id.
    pub id: String,
    /// The text.
    pub text: String,
    /// The gold sub-type (`ARMED_CLASH`, `NATURAL_DISASTER`, ...).
    pub sub_type: String,
}

/// Reads `snippets.tsv` (`id`, `EventSnippet`, `SubType`, tab-separated,
/// with a header line).
pub fn load_acled_snippets(path: &Path) -> Result<Vec<AcledSnippet>, EvalError> {
    let text = std::fs::read_to_string(path).map_err(|source| EvalError::Io {
        path: path.to_owned(),
        source,
    })?;
    let mut out = Vec::new();
    for (n, line) in text.lines().enumerate() {
        if (n == 0 && line.starts_with("id\t")) || line.trim().is_empty() {
            continue;
        }
        let cells: Vec<&str> = line.split('\t').collect();
        let [id, snippet, sub_type] = cells[..] else {
            return Err(EvalError::Format {
                path: path.to_owned(),
                detail: format!("line {}: expected id<TAB>snippet<TAB>type", n + 1),
            });
        };
        out.push(AcledSnippet {
            id: id.to_owned(),
            text: snippet.to_owned(),
            sub_type: sub_type.trim().to_owned(),
        });
    }
    Ok(out)
}

pub use beacon_events::acled::SUB_TYPE_PRIORITY;

/// A snippet's sub-type from its events (see [`SUB_TYPE_PRIORITY`]); `None`
/// when Beacon codes no event in it.
pub fn snippet_sub_type(events: &[Event]) -> Option<&'static str> {
    // A claim of responsibility is what the task calls an attribution.
    let claimed = events.iter().any(|e| {
        e.explain
            .iter()
            .any(|x| x.rule == "frame:claim_responsibility")
    });
    if claimed {
        return Some("ATTRIB");
    }
    // What happened before what is expected, denied or supposed.
    let happened: Vec<&Event> = events
        .iter()
        .filter(|e| matches!(e.modality, Modality::Occurred | Modality::Claimed))
        .collect();
    let pool: Vec<&Event> = if happened.is_empty() {
        events.iter().collect()
    } else {
        happened
    };
    SUB_TYPE_PRIORITY
        .iter()
        .find(|p| pool.iter().any(|e| e.sub_type.as_deref() == Some(**p)))
        .copied()
}

/// ACLED's event type of a sub-type (`None` for the task's types that are
/// not ACLED's: disasters, crime, diplomacy, attribution).
pub fn category_of(sub_type: &str) -> Option<&'static str> {
    Some(match sub_type {
        "ARMED_CLASH" | "GOV_REGAINS_TERIT" | "NON_STATE_ACTOR_OVERTAKES_TER" => "battles",
        "CHEM_WEAP" | "AIR_STRIKE" | "SUIC_BOMB" | "ART_MISS_ATTACK" | "GRENADE" | "REM_EXPLOS" => {
            "explosions_remote_violence"
        }
        "SEX_VIOL" | "ATTACK" | "ABDUCT_DISSAP" => "violence_against_civilians",
        "PEACE_PROTEST" | "PROTEST_WITH_INTER" | "FORCE_AGAINST_PROTEST" => "protests",
        "VIOL_DEMONSTR" | "MOB_VIOL" => "riots",
        "AGREEMENT"
        | "ARREST"
        | "CHANGE_TO_GROUP_ACT"
        | "DISR_WEAP"
        | "HQ_ESTABLISHED"
        | "NON_VIOL_TERRIT_TRANSFER"
        | "OTHER"
        | "PROPERTY_DISTRUCT" => "strategic_developments",
        _ => return None,
    })
}

/// Precision, recall, F1 and gold count of one label.
pub type LabelScore = (f64, f64, f64, usize);

/// Per-label precision, recall, F1 and gold count, and the macro-F1 over
/// the labels in the gold, for (gold, predicted) pairs.
pub fn label_f1(pairs: &[(String, String)]) -> (BTreeMap<String, LabelScore>, f64) {
    let mut labels: Vec<&String> = pairs.iter().map(|(g, _)| g).collect();
    labels.sort();
    labels.dedup();
    let mut out = BTreeMap::new();
    for l in labels {
        let gold = pairs.iter().filter(|(g, _)| g == l).count();
        let predicted = pairs.iter().filter(|(_, p)| p == l).count();
        let tp = pairs.iter().filter(|(g, p)| g == l && p == l).count();
        let (p, r) = (ratio(tp, predicted), ratio(tp, gold));
        let f = if p + r > 0.0 {
            2.0 * p * r / (p + r)
        } else {
            0.0
        };
        out.insert(l.clone(), (p, r, f, gold));
    }
    let macro_f1 = if out.is_empty() {
        0.0
    } else {
        out.values().map(|v| v.2).sum::<f64>() / out.len() as f64
    };
    (out, macro_f1)
}
