//! Trains the name recogniser and writes the model file.
//!
//! ```sh
//! cargo run --release -p beacon-entities --example train_ner -- \
//!     --data ../shared/data/ner --out data/ner/model.bin
//! ```
//!
//! Reads `<corpus>/train.conll` of each training corpus and `<corpus>/dev.conll`
//! for choosing the epoch; see `data/ner/README.md` for the corpora, their
//! licences and the published command. Deterministic: the same data and
//! options give the same file.

use std::path::PathBuf;
use std::time::Instant;

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use beacon_entities::ner::Lexicon;
use beacon_entities::ner::train::{self, DevSet, Example, GoldSentence, TrainConfig};

type Error = Box<dyn std::error::Error>;

fn main() -> Result<(), Error> {
    let mut data = PathBuf::from("../shared/data/ner");
    let mut lists = PathBuf::from("../shared/data");
    let mut out = PathBuf::from("data/ner/model.bin");
    // corpus:weight — how many times each training sentence counts.
    // UNER-EWT and wikigold count twice: they are the gold corpora closest
    // to news prose (chosen on the dev splits).
    let mut corpora: Vec<(String, u32)> = vec![
        ("gmb".into(), 1),
        ("uner_en_ewt".into(), 2),
        ("btc".into(), 1),
        ("wnut17".into(), 1),
        ("wikigold".into(), 2),
    ];
    let mut config = TrainConfig::default();
    let mut recase = 10u64;
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        let mut val = || args.next().ok_or_else(|| format!("{a} needs a value"));
        match a.as_str() {
            "--data" => data = PathBuf::from(val()?),
            "--lists" => lists = PathBuf::from(val()?),
            "--out" => out = PathBuf::from(val()?),
            "--epochs" => config.epochs = val()?.parse()?,
            "--min-count" => config.min_count = val()?.parse()?,
            "--seed" => config.seed = val()?.parse()?,
            "--recase" => recase = val()?.parse()?,
            "--corpora" => {
                corpora = val()?
                    .split(',')
                    .map(|c| match c.split_once(':') {
                        Some((n, w)) => Ok((n.to_owned(), w.parse()?)),
                        None => Ok((c.to_owned(), 1)),
                    })
                    .collect::<Result<_, Error>>()?
            }
            _ => return Err(format!("unknown argument {a}").into()),
        }
    }
    let t0 = Instant::now();
    let lexicon = if lists.as_os_str() == "none" {
        Lexicon::default()
    } else {
        build_lexicon(&lists)?
    };
    eprintln!(
        "name lists (place, org, person, given, surname): {:?}",
        lexicon.sizes()
    );
    let mut training: Vec<(Example, u32)> = Vec::new();
    let mut dev = Vec::new();
    for (name, weight) in &corpora {
        let dir = data.join(name);
        let gold = train::read_conll(&dir.join("train.conll"))?;
        let n = gold.len();
        training.extend(
            train::examples(&gold, &lexicon, None, false)
                .into_iter()
                .map(|e| (e, *weight)),
        );
        if recase > 0 {
            let variants = recased(&gold, recase);
            training.extend(
                train::examples(&variants, &lexicon, None, false)
                    .into_iter()
                    .map(|e| (e, 1)),
            );
        }
        let dev_path = dir.join("dev.conll");
        if dev_path.is_file() {
            let gold = train::read_conll(&dev_path)?;
            dev.push(DevSet {
                name: name.clone(),
                examples: train::examples(&gold, &lexicon, None, false),
            });
        }
        eprintln!("{name}: {n} training sentences, weight {weight}");
    }
    eprintln!("features extracted in {:.1}s", t0.elapsed().as_secs_f64());
    let model = train::train(&training, &dev, &config, &mut |l| {
        eprintln!("[{:6.1}s] {l}", t0.elapsed().as_secs_f64())
    });
    let model = model.with_lexicon(lexicon);
    let bytes = model.to_bytes();
    std::fs::write(&out, &bytes)?;
    eprintln!(
        "wrote {} ({} features, {} bytes)",
        out.display(),
        model.num_features(),
        bytes.len()
    );
    Ok(())
}

/// Words that make an actor name an organisation's.
const ORG_WORDS: &[&str] = &[
    "ARMY",
    "PARTY",
    "FRONT",
    "MOVEMENT",
    "ORGANIZATION",
    "ORGANISATION",
    "COUNCIL",
    "COMMITTEE",
    "BRIGADE",
    "BRIGADES",
    "FORCES",
    "FORCE",
    "UNION",
    "GROUP",
    "ASSOCIATION",
    "LEAGUE",
    "MINISTRY",
    "MINISTER",
    "GOVERNMENT",
    "BANK",
    "FUND",
    "AGENCY",
    "COMMISSION",
    "CONGRESS",
    "ASSEMBLY",
    "PARLIAMENT",
    "COURT",
    "POLICE",
    "COMPANY",
    "CORPORATION",
    "INSTITUTE",
    "UNIVERSITY",
    "NATIONS",
    "ALLIANCE",
    "FEDERATION",
    "CONFERENCE",
    "OFFICE",
    "DEPARTMENT",
    "SERVICE",
    "SERVICES",
    "AUTHORITY",
    "BOARD",
    "CENTER",
    "CENTRE",
    "FOUNDATION",
    "SOCIETY",
    "COALITION",
    "MILITIA",
    "MILITANTS",
    "REBELS",
    "JIHAD",
    "HEZBOLLAH",
    "TALIBAN",
    "QAEDA",
    "BUREAU",
    "AIR",
    "NAVY",
    "GUARD",
    "GUARDS",
    "CABINET",
    "SENATE",
    "RED",
    "CROSS",
    "NEWS",
    "TIMES",
    "PRESS",
    "ISLAMIC",
    "NATIONAL",
    "PEOPLE",
    "PEOPLES",
    "DEMOCRATIC",
    "REPUBLIC",
    "REPUBLICAN",
    "LIBERATION",
    "REVOLUTIONARY",
    "SOCIALIST",
    "COMMUNIST",
    "WORKERS",
    "STATE",
];

/// Titles cut from the front of a person's name.
const TITLES: &[&str] = &[
    "PRESIDENT",
    "PRIME",
    "MINISTER",
    "SECRETARY-GENERAL",
    "SECRETARY",
    "GENERAL",
    "KING",
    "QUEEN",
    "PRINCE",
    "SHEIKH",
    "SHEIKH",
    "AYATOLLAH",
    "POPE",
    "DR",
    "DR.",
    "MR",
    "MR.",
    "MRS",
    "SENATOR",
    "GOVERNOR",
    "AMBASSADOR",
    "COLONEL",
    "MAJOR",
    "CAPTAIN",
    "LT",
    "GEN",
    "GEN.",
    "EMIR",
    "SULTAN",
    "CARDINAL",
    "BISHOP",
    "JUDGE",
    "CHIEF",
    "LEADER",
    "COMMANDER",
];

/// Title-cases an upper-case dictionary name ("BAN KI-MOON" → "Ban Ki-Moon");
/// the lists are matched case-blind anyway.
fn names_of(d: &serde_json::Value) -> Vec<String> {
    let mut out = Vec::new();
    let mut push = |s: &str| {
        for part in s.split(['(', ')']) {
            let p = part
                .trim()
                .trim_matches(|c: char| c == '_' || c == ',')
                .trim();
            if p.chars().filter(|c| c.is_alphabetic()).count() >= 2 {
                out.push(p.replace('_', " "));
            }
        }
    };
    if let Some(n) = d["name"].as_str() {
        push(n);
    }
    for a in d["aliases"].as_array().into_iter().flatten() {
        if let Some(a) = a.as_str() {
            push(a);
        }
    }
    out
}

/// Builds the name lists from GeoNames (CC BY 4.0) and the Phoenix actor
/// dictionaries (MIT) in `shared/data`.
fn build_lexicon(shared: &Path) -> Result<Lexicon, Error> {
    let read = |rel: &str| {
        std::fs::read_to_string(shared.join(rel))
            .map_err(|e| format!("{}: {e}", shared.join(rel).display()))
    };
    let mut place: BTreeSet<String> = BTreeSet::new();
    let countries: serde_json::Value = serde_json::from_str(&read("geonames/countries.json")?)?;
    for c in countries.as_object().into_iter().flat_map(|o| o.values()) {
        for k in ["name", "capital"] {
            if let Some(n) = c[k].as_str().filter(|n| !n.is_empty()) {
                place.insert(n.to_owned());
            }
        }
    }
    let continents: serde_json::Value = serde_json::from_str(&read("geonames/continents.json")?)?;
    for c in continents.as_object().into_iter().flat_map(|o| o.values()) {
        if let Some(n) = c["name"].as_str() {
            place.insert(n.to_owned());
        }
    }
    for line in read("geonames/admin1CodesASCII.txt")?.lines() {
        let cols: Vec<&str> = line.split('\t').collect();
        if cols.len() >= 3 {
            place.insert(cols[1].to_owned());
            place.insert(cols[2].to_owned());
        }
    }
    for line in read("geonames/cities500.tsv")?.lines().skip(1) {
        let cols: Vec<&str> = line.split('\t').collect();
        if cols.len() < 10 {
            continue;
        }
        let pop: u64 = cols[6].parse().unwrap_or(0);
        if pop < 15_000 {
            continue;
        }
        place.insert(cols[1].to_owned());
        if pop >= 100_000 {
            for alt in cols[9].split('|') {
                let plain = alt
                    .chars()
                    .all(|c| c.is_ascii_alphabetic() || " -'.".contains(c));
                if plain && alt.len() >= 3 && alt.starts_with(|c: char| c.is_ascii_uppercase()) {
                    place.insert(alt.to_owned());
                }
            }
        }
    }
    let (mut org, mut person): (BTreeSet<String>, BTreeSet<String>) = Default::default();
    let mut firsts: BTreeMap<String, u32> = BTreeMap::new();
    for line in read("actors/actors_cameo.jsonl")?.lines() {
        let d: serde_json::Value = serde_json::from_str(line)?;
        let group = d["source"].as_str() == Some("Phoenix.MilNonState.actors.txt");
        for name in names_of(&d) {
            let upper = name.to_uppercase();
            let mut words: Vec<&str> = upper.split_whitespace().collect();
            let orgish = words.iter().any(|w| ORG_WORDS.contains(w));
            if group || orgish || words.len() == 1 && name.len() <= 6 {
                org.insert(name.clone());
                continue;
            }
            while words.len() > 2 && TITLES.contains(&words[0]) {
                words.remove(0);
            }
            if (2..=4).contains(&words.len()) && !place.contains(&name) {
                let joined = words.join(" ");
                if person.insert(joined) && words[0].len() >= 3 {
                    *firsts.entry(words[0].to_owned()).or_insert(0) += 1;
                }
            }
        }
    }
    let mut given: BTreeSet<String> = firsts
        .into_iter()
        .filter(|&(_, n)| n >= 2)
        .map(|(w, _)| w)
        .collect();
    let census = |f: &str| -> Result<Vec<String>, Error> {
        let path = Path::new("data/ner/names").join(f);
        let text =
            std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
        Ok(text.lines().map(str::to_owned).collect())
    };
    given.extend(census("given.txt")?);
    Ok(Lexicon::from_phrases(&[
        place.into_iter().collect(),
        org.into_iter().collect(),
        person.into_iter().collect(),
        given.into_iter().collect(),
        census("surnames.txt")?,
    ]))
}

/// Every `every`-th sentence again in capitals, every `every`-th (offset by
/// half) in lower case: headlines, shouting and tweets written without case.
fn recased(gold: &[GoldSentence], every: u64) -> Vec<GoldSentence> {
    let mut out = Vec::new();
    for (i, g) in gold.iter().enumerate() {
        let i = i as u64;
        let map: Option<fn(&str) -> String> = if i.is_multiple_of(every) {
            Some(str::to_uppercase)
        } else if i % every == every / 2 {
            Some(str::to_lowercase)
        } else {
            None
        };
        if let Some(f) = map {
            out.push(GoldSentence {
                tokens: g.tokens.iter().map(|t| f(t)).collect(),
                tags: g.tags.clone(),
            });
        }
    }
    out
}
