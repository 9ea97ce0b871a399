//! Trains the syntax model on the English UD treebanks (EWT and GUM) and
//! writes it; prints the dev and test figures.
//!
//! ```sh
//! cargo run --release -p beacon-syntax --example train_syntax -- \
//!     --ud ../shared/data/ud --clusters ../shared/data/ner/glove_clusters/glove6b100d_paths_top100k.tsv.gz \
//!     --out data/syntax/model.bin
//! ```
//! Options: `--tagger-epochs N`, `--parser-epochs N`, `--folds N`,
//! `--min-weight X`, `--seed N`, `--beam N` (the parser's beam), `--prune X` (drop weights below X times
//! the largest of their table from the model written), `--from FILE`
//! (prune and score a model already made instead of training one),
//! `--tagging FILE` (a cache of the trained tagger and the jackknifed
//! training tags: read when it exists, else written; for runs that change
//! only the parser; delete it when the data or the tagger change),
//! `--dev-only` (score the dev files only, for trials), `--lang ru|fa`
//! (Russian: GSD and Taiga; Persian: Seraji and PerDT; there are no train
//! files of theirs here, so their dev files and the tune half of their test
//! files (`beacon_eval::split::Part::of_ud_sentence`) train, a tenth of
//! those choosing the epochs; the test files' frozen half is scored, never
//! trained on).

use std::io::Read;
use std::path::PathBuf;

use beacon_eval::split::Part;
use beacon_syntax::{conllu, train, words::Clusters};

fn main() {
    let mut args = std::env::args().skip(1);
    let mut ud = PathBuf::from("../shared/data/ud");
    let mut clusters =
        PathBuf::from("../shared/data/ner/glove_clusters/glove6b100d_paths_top100k.tsv.gz");
    let mut out = PathBuf::from("data/syntax/model.bin");
    let mut o = train::Options::default();
    let mut prune = 0f32;
    let mut from: Option<PathBuf> = None;
    let mut tagging_cache: Option<PathBuf> = None;
    let mut dev_only = false;
    let mut lang = String::from("en");
    while let Some(a) = args.next() {
        let mut v = || args.next().unwrap_or_else(|| panic!("{a} needs a value"));
        match a.as_str() {
            "--ud" => ud = v().into(),
            "--clusters" => clusters = v().into(),
            "--out" => out = v().into(),
            "--tagger-epochs" => o.tagger_epochs = v().parse().expect("a number"),
            "--parser-epochs" => o.parser_epochs = v().parse().expect("a number"),
            "--folds" => o.folds = v().parse().expect("a number"),
            "--min-weight" => o.min_weight = v().parse().expect("a number"),
            "--seed" => o.seed = v().parse().expect("a number"),
            "--beam" => o.beam = v().parse().expect("a number"),
            "--prune" => prune = v().parse().expect("a number"),
            "--from" => from = Some(v().into()),
            "--tagging" => tagging_cache = Some(v().into()),
            "--dev-only" => dev_only = true,
            "--lang" => lang = v(),
            _ => panic!("unknown option {a}"),
        }
    }
    let read =
        |name: &str| conllu::read_file(&ud.join(name)).unwrap_or_else(|e| panic!("{name}: {e}"));
    let banks = treebanks(&lang);
    // endings mark case and agreement in Russian and Persian
    o.endings = lang != "en";
    // their data is small: the chosen epochs are trained again on all of it
    o.refit = lang != "en";
    let (train_s, dev) = if lang == "en" {
        let mut train_s = read("en_ewt-ud-train.conllu.gz");
        train_s.extend(read("en_gum-ud-train.conllu.gz"));
        let mut dev = read("en_ewt-ud-dev.conllu.gz");
        dev.extend(read("en_gum-ud-dev.conllu.gz"));
        (train_s, dev)
    } else {
        // no train files: the dev files and the test files' tune half
        // train, every tenth sentence kept to choose epochs; the test
        // files' other half stays frozen
        let mut all = Vec::new();
        for b in &banks {
            all.extend(read(&format!("{b}-ud-dev.conllu.gz")));
            all.extend(Part::Tune.ud_sentences(b, read(&format!("{b}-ud-test.conllu.gz"))));
        }
        // the treebanks' own tags (XPOS) differ from one to the other:
        // the tagger learns the universal ones only
        for w in all.iter_mut().flat_map(|s| s.words.iter_mut()) {
            w.xpos = "_".into();
        }
        let (mut train_s, mut dev) = (Vec::new(), Vec::new());
        for (i, s) in all.into_iter().enumerate() {
            if i % 10 == 9 {
                dev.push(s)
            } else {
                train_s.push(s)
            }
        }
        (train_s, dev)
    };
    let mut text = String::new();
    if lang == "en" {
        flate2::read::GzDecoder::new(std::fs::File::open(&clusters).expect("the clusters"))
            .read_to_string(&mut text)
            .expect("the clusters, gzip-compressed");
    }
    let clusters = Clusters::parse(&text);
    eprintln!(
        "{} training sentences, {} dev, {} clustered words",
        train_s.len(),
        dev.len(),
        clusters.len()
    );
    let started = std::time::Instant::now();
    let model = match &from {
        // an existing model, to prune and score again
        Some(p) => beacon_syntax::Syntax::from_bytes(&std::fs::read(p).expect("the model"))
            .expect("a model"),
        None => {
            let mut log = |m: &str| eprintln!("{m} ({:.0} s)", started.elapsed().as_secs_f64());
            let cached = tagging_cache
                .as_ref()
                .and_then(|p| std::fs::read(p).ok())
                .map(|b| train::Tagging::from_bytes(&b).expect("a tagging cache"));
            let tagging = match cached {
                Some(t) => t,
                None => {
                    let t = train::train_tagging(&train_s, &dev, clusters, &o, &mut log);
                    if let Some(p) = &tagging_cache {
                        std::fs::write(p, t.to_bytes()).expect("the tagging cache written");
                    }
                    t
                }
            };
            train::train_parser(tagging, &train_s, &dev, &o, &mut log)
        }
    };
    for p in [0.004f32, 0.008, 0.016, 0.03, 0.06] {
        let m = model.pruned(p);
        let s = train::evaluate(&m, &dev);
        eprintln!(
            "pruned at {p}: {} bytes; dev UPOS {:.4}, UAS {:.4}, LAS {:.4}",
            m.to_bytes().len(),
            s.upos,
            s.uas,
            s.las
        );
    }
    let model = if prune > 0.0 {
        model.pruned(prune)
    } else {
        model
    };
    let bytes = model.to_bytes();
    if let Some(dir) = out.parent() {
        std::fs::create_dir_all(dir).expect("the output folder");
    }
    std::fs::write(&out, &bytes).expect("the model written");
    eprintln!("{} bytes to {}", bytes.len(), out.display());
    score_files(&model, &banks, &lang, dev_only, &read);
}

/// Prints the figures of `model` on the files a run scores: English dev
/// (and test), the frozen half of the other languages' test files.
fn score_files(
    model: &beacon_syntax::Syntax,
    banks: &[&str],
    lang: &str,
    dev_only: bool,
    read: &dyn Fn(&str) -> Vec<conllu::Sentence>,
) {
    let splits: &[&str] = match (dev_only, lang) {
        (true, "en") => &["dev"],
        (true, _) => &[],
        (false, "en") => &["dev", "test"],
        (false, _) => &["test"],
    };
    for b in banks {
        for split in splits {
            let name = format!("{b}-ud-{split}.conllu.gz");
            let mut sentences = read(&name);
            if lang != "en" {
                // only the frozen half of a test file the other half trained
                sentences = Part::Test.ud_sentences(b, sentences);
            }
            let s = train::evaluate(model, &sentences);
            eprintln!(
                "{name}: {} words, UPOS {:.4}, XPOS {:.4}, lemma {:.4}, UAS {:.4}, LAS {:.4}, {:.0} words/s",
                s.words, s.upos, s.xpos, s.lemma, s.uas, s.las, s.words_per_s
            );
        }
    }
}

/// The treebanks of a language.
fn treebanks(lang: &str) -> Vec<&'static str> {
    match lang {
        "en" => vec!["en_ewt", "en_gum"],
        "ru" => vec!["ru_gsd", "ru_taiga"],
        "fa" => vec!["fa_seraji", "fa_perdt"],
        other => panic!("no treebanks for the language {other:?} (en, ru, fa)"),
    }
}
