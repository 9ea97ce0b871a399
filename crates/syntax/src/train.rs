//! Training and scoring on CoNLL-U treebanks.
//!
//! The tagger is trained first, its epoch chosen by its accuracy on the dev
//! sentences. The parser learns from tags as it will meet them: each
//! training sentence is tagged by a tagger trained on the other folds
//! (jackknifing), then the parser is trained, its epoch chosen by LAS on
//! dev. Sentences are visited in an order shuffled by a fixed seed: the same
//! data and options give the same model, byte for byte.

use std::collections::HashMap;

use crate::conllu::{Sentence, universal};
use crate::perceptron::Trainer;
use crate::words::{Clusters, Lex, lex};
use crate::{Syntax, lemma::Lemmatiser, parser, tagger};

/// How to train.
#[derive(Debug, Clone)]
pub struct Options {
    /// Tagger epochs (the best on dev is kept).
    pub tagger_epochs: usize,
    /// Parser epochs (likewise).
    pub parser_epochs: usize,
    /// Folds for the parser's training tags (0: the tagger's own tags).
    pub folds: usize,
    /// Averaged weights smaller than this are dropped from the model.
    pub min_weight: f32,
    /// The shuffle's seed.
    pub seed: u64,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            tagger_epochs: 10,
            parser_epochs: 15,
            folds: 5,
            min_weight: 0.01,
            seed: 7,
        }
    }
}

/// Figures over a gold treebank, as the CoNLL 2018 shared task computes
/// them with gold tokenisation (punctuation included; relations compared
/// by their universal part).
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Scores {
    /// Words scored.
    pub words: usize,
    /// Universal tags right.
    pub upos: f64,
    /// Treebank tags right.
    pub xpos: f64,
    /// Lemmas right.
    pub lemma: f64,
    /// Heads right.
    pub uas: f64,
    /// Heads and relations right.
    pub las: f64,
    /// Words tagged, lemmatised and parsed per second (one core).
    pub words_per_s: f64,
}

fn shuffled(n: usize, seed: u64, epoch: usize) -> Vec<usize> {
    let mut order: Vec<usize> = (0..n).collect();
    let mut s = seed ^ (epoch as u64 + 1).wrapping_mul(0x9e37_79b9_7f4a_7c15) | 1;
    for i in (1..n).rev() {
        s ^= s << 13;
        s ^= s >> 7;
        s ^= s << 17;
        order.swap(i, (s % (i as u64 + 1)) as usize);
    }
    order
}

fn index<'a>(values: impl Iterator<Item = &'a str>) -> Vec<String> {
    let mut v: Vec<String> = values.map(str::to_owned).collect();
    v.sort();
    v.dedup();
    v
}

fn tag_of(w: &crate::conllu::Word) -> String {
    format!("{}|{}", w.upos, w.xpos)
}

/// Trains a tagger on `sentences` for `epochs` epochs; with `dev`, keeps
/// the epoch best on it. Returns the weights and the epochs run to them.
fn train_tagger(
    sentences: &[(Vec<Lex>, Vec<u16>)],
    dev: &[(Vec<Lex>, Vec<u16>)],
    classes: usize,
    epochs: usize,
    o: &Options,
    log: &mut dyn FnMut(&str),
) -> (crate::perceptron::Weights, usize) {
    let mut t = Trainer::new(classes);
    let mut best = (None, 0, -1.0);
    for e in 0..epochs {
        let right = tagger::train_epoch(&mut t, sentences, &shuffled(sentences.len(), o.seed, e));
        if dev.is_empty() {
            continue;
        }
        let w = t.averaged(o.min_weight);
        let (mut ok, mut all) = (0, 0);
        for (lex, gold) in dev {
            let got = tagger::tag(&w, lex);
            ok += got.iter().zip(gold).filter(|(a, b)| a == b).count();
            all += gold.len();
        }
        let acc = ok as f64 / all.max(1) as f64;
        let total: usize = sentences.iter().map(|s| s.1.len()).sum();
        log(&format!(
            "tagger epoch {}: train {:.4}, dev {acc:.4}, {} features",
            e + 1,
            right as f64 / total.max(1) as f64,
            t.len()
        ));
        if acc > best.2 {
            best = (Some(w), e + 1, acc);
        }
    }
    match best {
        (Some(w), n, _) => (w, n),
        _ => (t.averaged(o.min_weight), epochs),
    }
}

/// Trains the models on `train`, choosing epochs on `dev`.
pub fn train(
    train: &[Sentence],
    dev: &[Sentence],
    mut clusters: Clusters,
    o: &Options,
    log: &mut dyn FnMut(&str),
) -> Syntax {
    clusters.learn_classes(
        train
            .iter()
            .flat_map(|s| s.words.iter())
            .map(|w| (w.form.as_str(), w.upos.as_str())),
    );
    let tags = index(
        train
            .iter()
            .flat_map(|s| s.words.iter())
            .map(tag_of)
            .collect::<Vec<_>>()
            .iter()
            .map(String::as_str),
    );
    let labels = index(
        train
            .iter()
            .flat_map(|s| s.words.iter())
            .map(|w| w.deprel.as_str()),
    );
    let tag_ids: HashMap<&str, u16> = tags
        .iter()
        .enumerate()
        .map(|(i, t)| (t.as_str(), i as u16))
        .collect();
    let label_ids: HashMap<&str, u16> = labels
        .iter()
        .enumerate()
        .map(|(i, t)| (t.as_str(), i as u16))
        .collect();
    let tagged = |s: &Sentence| -> (Vec<Lex>, Vec<u16>) {
        let lex = s.words.iter().map(|w| lex(&w.form, &clusters)).collect();
        let gold = s
            .words
            .iter()
            .map(|w| tag_ids.get(tag_of(w).as_str()).copied().unwrap_or(0))
            .collect();
        (lex, gold)
    };
    let train_t: Vec<_> = train.iter().map(tagged).collect();
    let dev_t: Vec<_> = dev.iter().map(tagged).collect();
    let (tagger_w, epochs) = train_tagger(&train_t, &dev_t, tags.len(), o.tagger_epochs, o, log);
    // the parser's training tags: each fold tagged by a tagger of the others
    let mut predicted: Vec<Vec<u16>> = vec![Vec::new(); train.len()];
    if o.folds >= 2 {
        for fold in 0..o.folds {
            let rest: Vec<_> = train_t
                .iter()
                .enumerate()
                .filter(|(i, _)| i % o.folds != fold)
                .map(|(_, s)| s.clone())
                .collect();
            let (w, _) = train_tagger(&rest, &[], tags.len(), epochs, o, &mut |_| {});
            for (i, s) in train_t
                .iter()
                .enumerate()
                .filter(|(i, _)| i % o.folds == fold)
            {
                predicted[i] = tagger::tag(&w, &s.0);
            }
            log(&format!(
                "jackknife fold {} of {} tagged",
                fold + 1,
                o.folds
            ));
        }
    } else {
        for (i, s) in train_t.iter().enumerate() {
            predicted[i] = tagger::tag(&tagger_w, &s.0);
        }
    }
    let examples: Vec<parser::Example> = train
        .iter()
        .zip(train_t)
        .zip(predicted)
        .map(|((s, (lex, _)), tags)| parser::Example {
            lex,
            tags,
            heads: s.words.iter().map(|w| w.head).collect(),
            labels: s
                .words
                .iter()
                .map(|w| label_ids.get(w.deprel.as_str()).copied().unwrap_or(0))
                .collect(),
        })
        .collect();
    let lemmas = Lemmatiser::learn(
        train
            .iter()
            .flat_map(|s| s.words.iter())
            .map(|w| (w.form.as_str(), w.upos.as_str(), w.lemma.as_str())),
    );
    let mut model = Syntax {
        clusters,
        tags,
        tagger: tagger_w,
        lemmas,
        labels,
        parser: crate::perceptron::Trainer::new(1).averaged(0.0),
    };
    let actions = parser::Actions::new(model.labels.len());
    let mut t = Trainer::new(actions.len());
    let mut rng = o.seed | 1;
    let mut best: Option<(crate::perceptron::Weights, f64)> = None;
    for e in 0..o.parser_epochs {
        let order = shuffled(examples.len(), o.seed + 1, e);
        let right = parser::train_epoch(&mut t, actions, &examples, &order, e >= 1, &mut rng);
        model.parser = t.averaged(o.min_weight);
        let s = evaluate(&model, dev);
        let total: usize = examples.iter().map(|x| x.heads.len()).sum();
        log(&format!(
            "parser epoch {}: train UAS {:.4}, dev UPOS {:.4} UAS {:.4} LAS {:.4}, {} features",
            e + 1,
            right as f64 / total.max(1) as f64,
            s.upos,
            s.uas,
            s.las,
            t.len()
        ));
        if best.as_ref().is_none_or(|b| s.las > b.1) {
            best = Some((model.parser.clone(), s.las));
        }
    }
    if let Some((w, _)) = best {
        model.parser = w;
    }
    model
}

/// Tags, lemmatises and parses each gold sentence from its gold words, and
/// scores the result.
pub fn evaluate(model: &Syntax, gold: &[Sentence]) -> Scores {
    let started = std::time::Instant::now();
    let mut s = Scores::default();
    let (mut upos, mut xpos, mut lemma, mut uas, mut las) = (0, 0, 0, 0, 0);
    for sent in gold {
        let forms: Vec<&str> = sent.words.iter().map(|w| w.form.as_str()).collect();
        let got = model.analyse(&forms);
        for (g, w) in got.iter().zip(&sent.words) {
            s.words += 1;
            upos += usize::from(g.upos == w.upos);
            xpos += usize::from(g.xpos == w.xpos);
            lemma += usize::from(g.lemma == w.lemma);
            if g.head == w.head {
                uas += 1;
                las += usize::from(universal(g.deprel) == universal(&w.deprel));
            }
        }
    }
    let n = s.words.max(1) as f64;
    s.upos = upos as f64 / n;
    s.xpos = xpos as f64 / n;
    s.lemma = lemma as f64 / n;
    s.uas = uas as f64 / n;
    s.las = las as f64 / n;
    s.words_per_s = s.words as f64 / started.elapsed().as_secs_f64().max(1e-9);
    s
}
