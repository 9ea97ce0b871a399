//! False events on news that reports none: how many violent or coercive
//! events Beacon codes per 100 articles of sport, business, entertainment
//! and technology news (`../shared/data/events/nonconflict_news/`: BBC News
//! and AG's News, topic-labelled). The politics and world articles of the
//! same corpora are a control that does hold real events, counted apart.
//!
//! A topic label is not an event annotation: a business story may report a
//! real strike, a sport story a real arrest. Every event counted here is
//! therefore an upper bound on the false ones; the scorer keeps a sample of
//! each type's evidence to read.

use std::collections::BTreeMap;
use std::path::Path;

use beacon_model::{Event, EventType};

use crate::{EvalError, read_jsonl};

/// The types an alert on violence or unrest watches: counted as false
/// events on news without conflict.
pub const VIOLENT_OR_COERCIVE: [EventType; 8] = beacon_events::ALARMING;

/// One news text.
#[derive(Debug, Clone)]
pub struct NewsText {
    /// Its id in the corpus.
    pub id: String,
    /// `bbc` or `ag`.
    pub corpus: String,
    /// Its topic (`sport`, `business`, `politics`, ...).
    pub category: String,
    /// Whether the topic holds no conflict (everything but politics and
    /// world news).
    pub nonconflict: bool,
    /// The title, a blank line, the text.
    pub text: String,
}

/// ECB+'s articles (`stories/ecbplus/articles.jsonl`) as news texts: the
/// topics of sport, film and television, celebrities, companies and
/// products, fires and accidents without conflict, those of crime and
/// piracy the control ([`crate::relevance::ecb_plus`]); each text's id is
/// its topic, so a topic is in one part.
pub fn load_ecb_news(path: &Path) -> Result<Vec<NewsText>, EvalError> {
    Ok(crate::relevance::ecb_plus(path)?
        .into_iter()
        .map(|t| NewsText {
            category: t.key.trim_start_matches("ecb-").to_owned(),
            id: t.key,
            corpus: "ecbplus".into(),
            nonconflict: !t.relevant,
            text: t.text,
        })
        .collect())
}

/// Reads every `*.jsonl` of the folder (one text a line: `id`, `corpus`,
/// `category`, `nonconflict_topic`, `title`, `text`), in file-name order.
pub fn load_news(dir: &Path) -> Result<Vec<NewsText>, EvalError> {
    let io = |path: &Path, source| EvalError::Io {
        path: path.to_owned(),
        source,
    };
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .map_err(|e| io(dir, e))?
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "jsonl"))
        .collect();
    files.sort();
    let mut out = Vec::new();
    for path in files {
        for (n, v) in read_jsonl(&path)? {
            let s = |k: &str| v[k].as_str().unwrap_or_default().to_owned();
            let Some(nonconflict) = v["nonconflict_topic"].as_bool() else {
                return Err(EvalError::Format {
                    path: path.clone(),
                    detail: format!("line {n}: no nonconflict_topic"),
                });
            };
            out.push(NewsText {
                id: s("id"),
                corpus: s("corpus"),
                category: s("category"),
                nonconflict,
                text: format!("{}\n\n{}", s("title"), s("text")),
            });
        }
    }
    Ok(out)
}

/// Events counted over a set of texts.
#[derive(Debug, Clone, Default)]
pub struct EventCount {
    /// Texts read.
    pub articles: usize,
    /// Texts with at least one violent or coercive event.
    pub with_event: usize,
    /// Violent or coercive events.
    pub events: usize,
}

impl EventCount {
    /// Events per 100 texts.
    pub fn per_100(&self) -> f64 {
        100.0 * self.events as f64 / self.articles.max(1) as f64
    }

    /// The share of texts with at least one.
    pub fn share_with_event(&self) -> f64 {
        self.with_event as f64 / self.articles.max(1) as f64
    }

    fn add(&mut self, events: usize) {
        self.articles += 1;
        self.events += events;
        self.with_event += usize::from(events > 0);
    }
}

/// What the scorer found.
#[derive(Debug, Clone, Default)]
pub struct FalseEvents {
    /// Over the texts of topics without conflict.
    pub nonconflict: EventCount,
    /// Over the control topics (politics, world).
    pub control: EventCount,
    /// Per `corpus/category`.
    pub by_topic: BTreeMap<String, EventCount>,
    /// Per type, over the topics without conflict.
    pub by_type: BTreeMap<EventType, usize>,
    /// Per type, the first evidence sentences (text id, sentence), to read.
    pub samples: BTreeMap<EventType, Vec<(String, String)>>,
}

/// How many samples of each type are kept.
const SAMPLES: usize = 20;

/// Codes every text with `code` and counts its violent or coercive events.
pub fn score_false_events(texts: &[NewsText], code: &dyn Fn(&str) -> Vec<Event>) -> FalseEvents {
    let mut out = FalseEvents::default();
    for t in texts {
        let events: Vec<Event> = code(&t.text)
            .into_iter()
            .filter(|e| VIOLENT_OR_COERCIVE.contains(&e.kind))
            .collect();
        let topic = format!("{}/{}", t.corpus, t.category);
        out.by_topic.entry(topic).or_default().add(events.len());
        if !t.nonconflict {
            out.control.add(events.len());
            continue;
        }
        out.nonconflict.add(events.len());
        for e in events {
            *out.by_type.entry(e.kind).or_default() += 1;
            let kept = out.samples.entry(e.kind).or_default();
            if kept.len() < SAMPLES {
                kept.push((t.id.clone(), e.evidence.text));
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn events_are_counted_per_text_topic_and_type() {
        let texts: Vec<NewsText> = [
            ("s1", "sport", true, "United beat City."),
            ("s2", "sport", true, "A quiet match."),
            ("p1", "politics", false, "Troops attacked the town."),
        ]
        .iter()
        .map(|&(id, category, nonconflict, text)| NewsText {
            id: id.into(),
            corpus: "bbc".into(),
            category: category.into(),
            nonconflict,
            text: text.into(),
        })
        .collect();
        // a stand-in coder: one ASSAULT per "beat" or "attacked", one AGREE
        // (not counted) per text
        let event = |kind: &str, text: &str| -> Event {
            serde_json::from_value(serde_json::json!({
                "id": "e", "type": kind, "modality": "occurred", "historical": false,
                "actor": [], "target": [],
                "evidence": {"text": text, "start": 0, "end": text.chars().count()},
                "confidence": 0.9, "article_id": "a",
            }))
            .expect("an event")
        };
        let code = |text: &str| -> Vec<Event> {
            let mut out = vec![event("AGREE", text)];
            if text.contains("beat") || text.contains("attacked") {
                out.push(event("ASSAULT", text));
            }
            out
        };
        let f = score_false_events(&texts, &code);
        assert_eq!(
            (
                f.nonconflict.articles,
                f.nonconflict.events,
                f.nonconflict.with_event
            ),
            (2, 1, 1)
        );
        assert_eq!(f.nonconflict.per_100(), 50.0);
        assert_eq!((f.control.articles, f.control.events), (1, 1));
        assert_eq!(f.by_type.get(&EventType::Assault), Some(&1));
        assert_eq!(f.samples[&EventType::Assault][0].0, "s1");
        assert_eq!(f.by_topic["bbc/sport"].events, 1);
    }
}
