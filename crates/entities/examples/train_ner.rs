//! Trains the name recogniser and writes the model file.
//!
//! ```sh
//! cargo run --release -p beacon-entities --example train_ner -- \
//!     --data ../shared/data/ner --out data/ner/model.bin
//! ```
//!
//! Reads `<corpus>/train.conll` of each training corpus and `<corpus>/dev.conll`
//! for choosing the epoch (or the files named by `--train FILE` and `--dev
//! FILE`, each repeatable: the Russian model's); see `data/ner/README.md` for the corpora, their
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
    let mut lists = true;
    let mut clusters = true;
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
    // files named on the command line, instead of the corpora's own
    let mut train_files: Vec<PathBuf> = Vec::new();
    let mut dev_files: Vec<PathBuf> = Vec::new();
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        let mut val = || args.next().ok_or_else(|| format!("{a} needs a value"));
        match a.as_str() {
            "--data" => data = PathBuf::from(val()?),
            "--no-lists" => lists = false,
            "--no-clusters" => clusters = false,
            "--out" => out = PathBuf::from(val()?),
            "--epochs" => config.epochs = val()?.parse()?,
            "--min-count" => config.min_count = val()?.parse()?,
            "--seed" => config.seed = val()?.parse()?,
            "--recase" => recase = val()?.parse()?,
            "--train" => train_files.push(PathBuf::from(val()?)),
            "--dev" => dev_files.push(PathBuf::from(val()?)),
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
    let mut lexicon = if lists {
        build_lexicon()?
    } else {
        Lexicon::default()
    };
    if clusters {
        lexicon.clusters = read_clusters(&data.join(CLUSTERS))?;
    }
    eprintln!(
        "name lists (place, org, person, given, surname): {:?}; {} words with a cluster",
        lexicon.sizes(),
        lexicon.clusters.len()
    );
    let mut training: Vec<(Example, u32)> = Vec::new();
    let mut dev = Vec::new();
    if !train_files.is_empty() {
        corpora.clear();
    }
    for path in &train_files {
        let gold = train::read_conll(path)?;
        eprintln!("{}: {} training sentences", path.display(), gold.len());
        training.extend(
            train::examples(&gold, &lexicon, None, false)
                .into_iter()
                .map(|e| (e, 1)),
        );
    }
    for path in &dev_files {
        let gold = train::read_conll(path)?;
        dev.push(DevSet {
            name: path.display().to_string(),
            examples: train::examples(&gold, &lexicon, None, false),
        });
    }
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

/// The word clusters under `--data`: GloVe 6B clusters, 10-bit paths of
/// the 100,000 most frequent words (`glove_clusters/SOURCE.md`; PDDL).
const CLUSTERS: &str = "glove_clusters/glove6b100d_paths_top100k.tsv.gz";

/// Reads `word<TAB>path<TAB>rank` lines (a header first) into the table the
/// model carries.
fn read_clusters(path: &Path) -> Result<beacon_entities::ner::lexicon::ClusterTable, Error> {
    use std::io::Read;
    let mut text = String::new();
    flate2::read::GzDecoder::new(std::fs::File::open(path)?).read_to_string(&mut text)?;
    let pairs: Vec<(u32, u16)> = text
        .lines()
        .skip(1)
        .filter_map(|l| {
            let mut c = l.split('\t');
            let (w, p) = (c.next()?, c.next()?);
            let p = u16::from_str_radix(p, 2).ok().filter(|_| p.len() == 10)?;
            Some((beacon_entities::ner::features::cluster_key_of(w), p))
        })
        .collect();
    Ok(beacon_entities::ner::lexicon::ClusterTable::new(&pairs))
}

/// Builds the name lists from Beacon's own data: the gazetteer
/// (`data/gazetteer`, built from GeoNames and Natural Earth; CC BY 4.0 and
/// public domain) and the actor dictionary (`data/actors`, Apache-2.0), plus
/// the census name lists in `data/ner/names` (public domain).
fn build_lexicon() -> Result<Lexicon, Error> {
    let g = beacon_gazetteer::Gazetteer::load().expect("the embedded gazetteer");
    let mut place: BTreeSet<String> = BTreeSet::new();
    for c in g.countries() {
        place.insert(c.name.to_string());
        if !c.capital.is_empty() {
            place.insert(c.capital.to_string());
        }
    }
    for ix in 0..g.len() as u32 {
        let e = g.entry(ix);
        let big_place = e.population >= 15_000;
        let area = !matches!(e.kind, beacon_gazetteer::EntryKind::Place);
        if big_place || area {
            place.insert(e.name.to_string());
        }
    }
    let (mut org, mut person): (BTreeSet<String>, BTreeSet<String>) = Default::default();
    let mut firsts: BTreeMap<String, u32> = BTreeMap::new();
    let dictionary = beacon_entities::Dictionary::shipped().expect("the shipped dictionary");
    for a in dictionary.actors() {
        let names = std::iter::once(&a.name).chain(a.aliases.iter());
        for name in names {
            if name.chars().filter(|c| c.is_alphabetic()).count() < 2 {
                continue;
            }
            match a.kind {
                beacon_entities::actors::ActorKind::Person => {
                    let words: Vec<&str> = name.split_whitespace().collect();
                    if (2..=4).contains(&words.len())
                        && person.insert(name.to_uppercase())
                        && words[0].len() >= 3
                    {
                        *firsts.entry(words[0].to_uppercase()).or_insert(0) += 1;
                    }
                }
                _ => {
                    org.insert(name.clone());
                }
            }
        }
    }
    let mut given: BTreeSet<String> = firsts.into_keys().collect();
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
