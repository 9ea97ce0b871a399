//! Article relevance: does a text report political violence, unrest,
//! security or diplomacy? The sets that train and score the events stage's
//! relevance model ([`beacon_events::relevance`]), each text labelled by
//! what its set is about, each split into tune and test by its key
//! ([`crate::split`]; a document's sentences share their document's key):
//!
//! | set | texts | label |
//! | --- | --- | --- |
//! | `events/ngec_synthetic` | machine-written political news stories (16 PLOVER types) | relevant |
//! | `events/muc4` | Latin-American political and terrorism news (FBIS) | relevant |
//! | `events/cameo_sentences` | CAMEO-style political sentences | relevant |
//! | `geoparsing/event_location` | event sentences of AP, AFP, Xinhua, atrocity reports | relevant |
//! | `events/glocon_sample` | wire stories reporting a protest (label 1 or 2) | relevant |
//! | `events/indiapoliceevents` | articles reporting what police did | relevant |
//! | the same, and GLOCON's sentences | each sentence that reports a police action or a protest, alone | relevant |
//! | `demo_corpus` (Wikipedia's current events) | conflict, international relations, law and crime, politics | relevant |
//! | the same | business, entertainment, sport, technology, health, disasters | not |
//! | `timex/meantime_en` | Wikinews on companies, airlines, markets | not |
//! | `geoparsing/GeoVirus` | Wikinews on disease outbreaks | not |
//! | `stories/ecbplus` | topics of crime, piracy and murder trials | relevant |
//! | the same | topics of sport, film and television, celebrities, companies and products, fires and accidents | not |
//! | `timex/te3_silver` (AFP and Xinhua wire) | a headline of conflict, security or diplomacy and nothing else | relevant |
//! | the same | a headline of markets, companies, sport, science, health or culture and nothing else | not |
//! | `ud` (EWT, GUM) | reviews, answers, e-mail, biographies, travel, textbooks, vlogs, conversation | not |
//!
//! The news without conflict (`events/nonconflict_news`) is never read
//! here: it measures the events stage's false events, untouched by training.
//! GeoVirus and ECB+ are for evaluation only ([`trainable`]): they measure
//! the model, never train it. The wire stories carry no topic: their
//! headline's words label them ([`headline_topic`]), and a headline of
//! both kinds or of neither is not read.

/// Whether a set's terms let it train shipped weights (GeoVirus' and
/// ECB+'s texts are for evaluation only).
pub fn trainable(set: &str) -> bool {
    !matches!(set, "geovirus" | "ecbplus")
}

use std::path::Path;

use crate::{EvalError, read_jsonl, read_maybe_gz};

/// One labelled text.
#[derive(Debug, Clone)]
pub struct TopicText {
    /// The set it comes from.
    pub set: &'static str,
    /// The key that places it in a part.
    pub key: String,
    /// The text.
    pub text: String,
    /// Whether it reports political violence, unrest, security or
    /// diplomacy.
    pub relevant: bool,
}

/// Every labelled text under `data` (the shared data folder: the parent of
/// `events/`). A set that is missing is skipped, with its name returned.
pub fn load_topic_sets(data: &Path) -> Result<(Vec<TopicText>, Vec<&'static str>), EvalError> {
    type Loader = fn(&Path) -> Result<Vec<TopicText>, EvalError>;
    let sets: [(&'static str, &str, Loader); 13] = [
        ("ngec", "events/ngec_synthetic/stories.jsonl.gz", ngec),
        ("muc4", "events/muc4/docs.jsonl", muc4),
        ("cameo", "events/cameo_sentences/sentences.jsonl", cameo),
        (
            "event_location",
            "geoparsing/event_location/records.jsonl",
            event_location,
        ),
        ("glocon", "events/glocon_sample/docs.jsonl", glocon),
        (
            "indiapolice",
            "events/indiapoliceevents/docs.jsonl",
            india_police,
        ),
        (
            "current_events",
            "demo_corpus/wikipedia_current_events_2015_09/wikitimes_CEP_2015-09.json",
            current_events,
        ),
        ("meantime", "timex/meantime_en", meantime),
        ("geovirus", "geoparsing/GeoVirus", geovirus),
        ("ecbplus", "stories/ecbplus/articles.jsonl", ecb_plus),
        ("wire", "timex/te3_silver/silver.jsonl.gz", wire),
        (
            "glocon_sentences",
            "events/glocon_sample/sents.jsonl",
            glocon_sentences,
        ),
        (
            "indiapolice_sentences",
            "events/indiapoliceevents/sents.jsonl",
            india_police_sentences,
        ),
    ];
    let mut out = Vec::new();
    let mut missing = Vec::new();
    for (name, rel, load) in sets {
        let path = data.join(rel);
        if path.exists() {
            out.extend(load(&path)?);
        } else {
            missing.push(name);
        }
    }
    let ud = data.join("ud");
    for (file, name) in [
        ("en_ewt-ud-train.conllu.gz", "ewt"),
        ("en_gum-ud-train.conllu.gz", "gum"),
    ] {
        let path = ud.join(file);
        if path.exists() {
            out.extend(ud_documents(&path, name)?);
        } else {
            missing.push(name);
        }
    }
    Ok((out, missing))
}

fn text_of(v: &serde_json::Value, field: &str) -> String {
    v[field].as_str().unwrap_or_default().to_owned()
}

fn relevant(set: &'static str, key: String, text: String) -> TopicText {
    TopicText {
        set,
        key,
        text,
        relevant: true,
    }
}

fn ngec(path: &Path) -> Result<Vec<TopicText>, EvalError> {
    Ok(read_jsonl(path)?
        .into_iter()
        .map(|(_, v)| {
            let text = format!("{}\n\n{}", text_of(&v, "headline"), text_of(&v, "text"));
            relevant(
                "ngec",
                format!("ngec-{}", text_of(&v, "title_template")),
                text,
            )
        })
        .collect())
}

fn muc4(path: &Path) -> Result<Vec<TopicText>, EvalError> {
    Ok(read_jsonl(path)?
        .into_iter()
        .map(|(_, v)| {
            relevant(
                "muc4",
                format!("muc4-{}", text_of(&v, "id")),
                text_of(&v, "text"),
            )
        })
        .collect())
}

fn cameo(path: &Path) -> Result<Vec<TopicText>, EvalError> {
    Ok(read_jsonl(path)?
        .into_iter()
        .map(|(_, v)| relevant("cameo", text_of(&v, "id"), text_of(&v, "text")))
        .collect())
}

fn event_location(path: &Path) -> Result<Vec<TopicText>, EvalError> {
    Ok(read_jsonl(path)?
        .into_iter()
        .map(|(_, v)| {
            let id = v["id"]
                .as_str()
                .map_or_else(|| v["id"].to_string(), str::to_owned);
            relevant("event_location", format!("evloc-{id}"), text_of(&v, "text"))
        })
        .collect())
}

/// GLOCON's documents that report a protest (label 0 documents span all
/// wire news, politics and crime included: they are not read).
fn glocon(path: &Path) -> Result<Vec<TopicText>, EvalError> {
    Ok(read_jsonl(path)?
        .into_iter()
        .filter(|(_, v)| v["label"].as_i64().is_some_and(|l| l > 0))
        .map(|(_, v)| {
            relevant(
                "glocon",
                format!("glocon-{}", text_of(&v, "file")),
                text_of(&v, "text"),
            )
        })
        .collect())
}

/// IndiaPoliceEvents' articles that report a police action (the others are
/// city news of every kind: not read).
fn india_police(path: &Path) -> Result<Vec<TopicText>, EvalError> {
    Ok(read_jsonl(path)?
        .into_iter()
        .filter(|(_, v)| v["labels"].as_array().is_some_and(|l| !l.is_empty()))
        .map(|(_, v)| {
            let key = format!("ipe-doc-{}", v["doc_id"].as_i64().unwrap_or_default());
            relevant("indiapolice", key, text_of(&v, "text"))
        })
        .collect())
}

/// GLOCON's sentences that report a protest, each alone (a short text's
/// relevance is learned from short texts).
fn glocon_sentences(path: &Path) -> Result<Vec<TopicText>, EvalError> {
    Ok(read_jsonl(path)?
        .into_iter()
        .filter(|(_, v)| v["label"].as_i64().is_some_and(|l| l > 0))
        .map(|(_, v)| {
            let key = format!("glocon-{}", text_of(&v, "file"));
            relevant("glocon_sentences", key, text_of(&v, "text"))
        })
        .collect())
}

/// IndiaPoliceEvents' sentences that report a police action, each alone.
fn india_police_sentences(path: &Path) -> Result<Vec<TopicText>, EvalError> {
    Ok(read_jsonl(path)?
        .into_iter()
        .filter(|(_, v)| v["labels"].as_array().is_some_and(|l| !l.is_empty()))
        .map(|(_, v)| {
            let key = format!("ipe-doc-{}", v["doc_id"].as_i64().unwrap_or_default());
            relevant("indiapolice_sentences", key, text_of(&v, "text"))
        })
        .collect())
}

/// The categories of Wikipedia's current events that are relevant.
const CURRENT_EVENTS_RELEVANT: [&str; 4] = [
    "War_Conflict",
    "International_Relation",
    "Law_Crime",
    "Politics",
];

fn current_events(path: &Path) -> Result<Vec<TopicText>, EvalError> {
    let bytes = read_maybe_gz(path)?;
    let items: Vec<serde_json::Value> =
        serde_json::from_slice(&bytes).map_err(|e| EvalError::Format {
            path: path.to_owned(),
            detail: e.to_string(),
        })?;
    Ok(items
        .iter()
        .map(|v| {
            let category = v["category"]["name"].as_str().unwrap_or_default();
            TopicText {
                set: "current_events",
                key: format!("cep-{}", text_of(v, "id")),
                text: text_of(v, "description"),
                relevant: CURRENT_EVENTS_RELEVANT.contains(&category),
            }
        })
        .collect())
}

fn meantime(path: &Path) -> Result<Vec<TopicText>, EvalError> {
    Ok(crate::timex::load_timex_gold(path)?
        .into_iter()
        .map(|d| TopicText {
            set: "meantime",
            key: format!("meantime-{}", d.id),
            text: format!("{}\n\n{}", d.title, d.text),
            relevant: false,
        })
        .collect())
}

fn geovirus(path: &Path) -> Result<Vec<TopicText>, EvalError> {
    Ok(crate::geo::load_geo_gold(path)?
        .0
        .into_iter()
        .map(|a| TopicText {
            set: "geovirus",
            key: format!("geovirus-{}", a.index),
            text: a.text,
            relevant: false,
        })
        .collect())
}

/// ECB+'s topics (those of the development half) by what they report: a
/// topic of both kinds (a fire later charged as arson) or of an
/// appointment is in neither list and not read. Topics split whole into
/// tune and test, so a test topic is one the model never saw.
const ECB_RELEVANT: [&str; 7] = ["12", "16", "24", "26", "32", "33", "45"];
const ECB_NOT: [&str; 13] = [
    "1", "4", "6", "7", "10", "13", "23", "31", "39", "40", "42", "43", "9",
];

/// ECB+'s articles of the topics listed above, by what their topic
/// reports (`articles.jsonl`).
pub fn ecb_plus(path: &Path) -> Result<Vec<TopicText>, EvalError> {
    Ok(read_jsonl(path)?
        .into_iter()
        .filter_map(|(_, v)| {
            let topic = text_of(&v, "topic_id");
            let relevant = if ECB_RELEVANT.contains(&topic.as_str()) {
                true
            } else if ECB_NOT.contains(&topic.as_str()) {
                false
            } else {
                return None;
            };
            let title = text_of(&v, "title");
            Some(TopicText {
                set: "ecbplus",
                key: format!("ecb-topic-{topic}"),
                text: format!("{title}\n\n{}", text_of(&v, "text")),
                relevant,
            })
        })
        .collect())
}

/// Headline words of conflict, security and diplomacy.
const CONFLICT_WORDS: [&str; 72] = [
    "strike",
    "strikes",
    "attack",
    "attacks",
    "army",
    "arrest",
    "arrested",
    "arrests",
    "blast",
    "bomb",
    "bombing",
    "ceasefire",
    "clash",
    "clashes",
    "coup",
    "dead",
    "die",
    "diplomat",
    "embassy",
    "fighting",
    "gunmen",
    "hostage",
    "hostages",
    "kill",
    "killed",
    "kills",
    "militants",
    "military",
    "minister",
    "missile",
    "nato",
    "nuclear",
    "peace",
    "police",
    "president",
    "prime",
    "protest",
    "protesters",
    "rebel",
    "rebels",
    "riot",
    "sanctions",
    "security",
    "soldiers",
    "summit",
    "talks",
    "terror",
    "terrorist",
    "troops",
    "un",
    "violence",
    "war",
    "weapons",
    "pirates",
    "explosion",
    "suicide",
    "militant",
    "insurgents",
    "guerrillas",
    "gunman",
    "massacre",
    "refugees",
    "opposition",
    "election",
    "elections",
    "parliament",
    "government",
    "court",
    "trial",
    "crime",
    "murder",
    "drugs",
];

/// Headline words of markets, companies, sport, science, health and
/// culture.
const OTHER_WORDS: [&str; 94] = [
    "shares",
    "stocks",
    "stock",
    "market",
    "markets",
    "profit",
    "profits",
    "earnings",
    "sales",
    "prices",
    "price",
    "dollar",
    "yen",
    "euro",
    "bonds",
    "inflation",
    "gdp",
    "economy",
    "economic",
    "growth",
    "exports",
    "imports",
    "company",
    "firm",
    "bank",
    "banks",
    "merger",
    "investment",
    "investors",
    "trade",
    "oil",
    "airline",
    "cup",
    "league",
    "match",
    "champion",
    "championship",
    "olympic",
    "olympics",
    "tennis",
    "golf",
    "soccer",
    "football",
    "cricket",
    "rugby",
    "coach",
    "tournament",
    "qualifiers",
    "medal",
    "scientists",
    "study",
    "software",
    "internet",
    "computer",
    "space",
    "satellite",
    "malaria",
    "vaccine",
    "film",
    "festival",
    "music",
    "museum",
    "tourism",
    "tourists",
    "index",
    "pct",
    "percent",
    "rate",
    "rates",
    "output",
    "production",
    "wins",
    "win",
    "beat",
    "beats",
    "victory",
    "title",
    "final",
    "semifinal",
    "quarterfinal",
    "season",
    "team",
    "players",
    "player",
    "club",
    "goals",
    "basketball",
    "baseball",
    "volleyball",
    "athletics",
    "marathon",
    "grand",
    "prix",
    "rally",
];

/// What a wire story's headline says it is about: relevant, not, or
/// unknown (words of both kinds, or of neither).
pub fn headline_topic(headline: &str) -> Option<bool> {
    let words: Vec<String> = headline
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect();
    let has = |list: &[&str]| words.iter().any(|w| list.contains(&w.as_str()));
    match (has(&CONFLICT_WORDS), has(&OTHER_WORDS)) {
        (true, false) => Some(true),
        (false, true) => Some(false),
        _ => None,
    }
}

fn wire(path: &Path) -> Result<Vec<TopicText>, EvalError> {
    Ok(read_jsonl(path)?
        .into_iter()
        .filter_map(|(_, v)| {
            let title = text_of(&v, "title");
            let relevant = headline_topic(&title)?;
            Some(TopicText {
                set: "wire",
                key: format!("wire-{}", text_of(&v, "doc_id")),
                text: format!("{title}\n\n{}", text_of(&v, "text").trim()),
                relevant,
            })
        })
        .collect())
}

/// The genres of the UD treebanks that hold no political news (their news,
/// interviews, speeches, web logs and newsgroups may).
const UD_GENRES: [&str; 8] = [
    "answers",
    "email",
    "reviews",
    "bio",
    "conversation",
    "textbook",
    "vlog",
    "voyage",
];

/// A treebank's documents of [`UD_GENRES`], their sentences' `# text`
/// joined.
fn ud_documents(path: &Path, set: &'static str) -> Result<Vec<TopicText>, EvalError> {
    let bytes = read_maybe_gz(path)?;
    let text = String::from_utf8_lossy(&bytes);
    let mut out: Vec<TopicText> = Vec::new();
    for line in text.lines() {
        if let Some(id) = line.strip_prefix("# newdoc id = ") {
            let genre = id
                .strip_prefix("GUM_")
                .unwrap_or(id)
                .split(['_', '-'])
                .next()
                .unwrap_or_default();
            out.push(TopicText {
                set,
                key: format!("{set}-{id}"),
                text: String::new(),
                relevant: !UD_GENRES.contains(&genre),
            });
        } else if let Some(s) = line.strip_prefix("# text = ")
            && let Some(doc) = out.last_mut()
        {
            if !doc.text.is_empty() {
                doc.text.push(' ');
            }
            doc.text.push_str(s);
        }
    }
    out.retain(|d| !d.relevant && !d.text.is_empty());
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_headline_of_one_kind_labels_its_story() {
        assert_eq!(headline_topic("Troops kill 12 rebels in north"), Some(true));
        assert_eq!(
            headline_topic("London shares follow Wall Street higher"),
            Some(false)
        );
        assert_eq!(
            headline_topic("Oil prices rise as rebels attack pipeline"),
            None
        );
        assert_eq!(headline_topic("By Helen Vesperini"), None);
        assert!(!trainable("ecbplus") && trainable("meantime"));
    }

    #[test]
    fn treebank_documents_of_the_listed_genres_are_read_as_not_relevant() {
        let dir = std::env::temp_dir().join(format!("beacon-relevance-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("dir");
        let path = dir.join("t.conllu");
        std::fs::write(
            &path,
            "# newdoc id = reviews-1\n# text = Great food.\n1\tGreat\n\n# text = Slow service.\n\n\
             # newdoc id = weblog-2\n# text = Troops fired.\n\n# newdoc id = GUM_voyage_x\n# text = A trip.\n",
        )
        .expect("write");
        let docs = ud_documents(&path, "ewt").expect("reads");
        let got: Vec<(&str, &str)> = docs
            .iter()
            .map(|d| (d.key.as_str(), d.text.as_str()))
            .collect();
        assert_eq!(
            got,
            [
                ("ewt-reviews-1", "Great food. Slow service."),
                ("ewt-GUM_voyage_x", "A trip.")
            ]
        );
        assert!(docs.iter().all(|d| !d.relevant));
        std::fs::remove_dir_all(&dir).ok();
    }
}
