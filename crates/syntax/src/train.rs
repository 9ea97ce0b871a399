//! Training and scoring on CoNLL-U treebanks.
//!
//! The tagger is trained first, its epoch chosen by its accuracy on the dev
//! sentences; the parser learns from tags as they come on text the tagger
//! has not seen (each training sentence tagged by a tagger trained on the
//! other folds: jackknifing), its epoch chosen by LAS on dev. Sentences are visited in an order shuffled by a fixed seed: the same
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
    /// Folds for jackknifing the parser's training tags (at least 2).
    pub folds: usize,
    /// Averaged weights smaller than this are dropped from the model.
    pub min_weight: f32,
    /// The shuffle's seed.
    pub seed: u64,
    /// The parser's beam: how many transition sequences it keeps (1:
    /// greedy, trained with the dynamic oracle; more: trained globally,
    /// see [`crate::beam`]).
    pub beam: usize,
    /// The parser reads the words' endings (see [`crate::parser::Words`]).
    pub endings: bool,
    /// Once the epochs are chosen on dev, train again on train and dev
    /// together (for treebanks with little data: the region's languages).
    pub refit: bool,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            tagger_epochs: 10,
            parser_epochs: 15,
            folds: 5,
            min_weight: 0.01,
            seed: 7,
            beam: 1,
            endings: false,
            refit: false,
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

/// A sentence's words (their context-free features) and gold tags.
type Tagged = (Vec<Lex>, Vec<u16>);

/// The share of the tags of `sentences` that `w` gets right.
fn accuracy(sentences: &[Tagged], w: &crate::perceptron::Weights) -> f64 {
    let (mut ok, mut all) = (0, 0);
    for (lex, gold) in sentences {
        let got = tagger::tag(w, lex);
        ok += got.iter().zip(gold).filter(|(a, b)| a == b).count();
        all += gold.len();
    }
    ok as f64 / all.max(1) as f64
}

/// Trains a tagger on `train` for `epochs` epochs; with `dev`, keeps the
/// epoch best on it. Returns the weights and the epochs run to them.
fn train_tagger(
    train: &[Tagged],
    dev: Option<&[Tagged]>,
    classes: usize,
    epochs: usize,
    o: &Options,
    log: &mut dyn FnMut(&str),
) -> (crate::perceptron::Weights, usize) {
    let mut t = Trainer::new(classes);
    let mut best = (None, 0, -1.0);
    for e in 0..epochs {
        let order = shuffled(train.len(), o.seed, e);
        let right = tagger::train_epoch(&mut t, train, &order);
        let Some(dev) = dev else {
            continue;
        };
        let w = t.averaged(o.min_weight);
        let acc = accuracy(dev, &w);
        let total: usize = train.iter().map(|s| s.1.len()).sum();
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

/// Each training sentence tagged by a tagger trained without it (`folds`
/// folds) for `epochs`: the tags the parser will meet on text the tagger
/// has not seen.
fn jackknife(
    train_t: &[Tagged],
    classes: usize,
    epochs: usize,
    o: &Options,
    log: &mut dyn FnMut(&str),
) -> Vec<Vec<u16>> {
    let folds = o.folds.max(2);
    let mut out = vec![Vec::new(); train_t.len()];
    for fold in 0..folds {
        let rest: Vec<Tagged> = train_t
            .iter()
            .enumerate()
            .filter(|(i, _)| i % folds != fold)
            .map(|(_, s)| s.clone())
            .collect();
        let (w, _) = train_tagger(&rest, None, classes, epochs, o, &mut |_| {});
        for (i, s) in train_t
            .iter()
            .enumerate()
            .filter(|(i, _)| i % folds == fold)
        {
            out[i] = tagger::tag(&w, &s.0);
        }
        log(&format!("jackknife fold {} of {folds}", fold + 1));
    }
    out
}

/// The tagging half of a model, trained, and the training sentences' tags
/// as the parser will meet them (jackknifed).
pub struct Tagging {
    /// The model without a parser.
    pub model: Syntax,
    /// Each training sentence's predicted tags.
    pub predicted: Vec<Vec<u16>>,
}

impl Tagging {
    /// The tagging as bytes (a cache for training runs that change only the
    /// parser).
    pub fn to_bytes(&self) -> Vec<u8> {
        let model = self.model.to_bytes();
        let mut out = Vec::with_capacity(model.len() + 8);
        out.extend_from_slice(&(model.len() as u32).to_le_bytes());
        out.extend_from_slice(&model);
        out.extend_from_slice(&(self.predicted.len() as u32).to_le_bytes());
        for tags in &self.predicted {
            out.extend_from_slice(&(tags.len() as u32).to_le_bytes());
            for t in tags {
                out.extend_from_slice(&t.to_le_bytes());
            }
        }
        out
    }

    /// Reads [`Tagging::to_bytes`].
    pub fn from_bytes(bytes: &[u8]) -> Result<Tagging, crate::ModelError> {
        let bad = crate::ModelError::Malformed("not a tagging cache");
        let mut r = crate::perceptron::Reader::new(bytes);
        let n = r.u32().map_err(|_| bad.clone())? as usize;
        let model = Syntax::from_bytes(r.take(n).map_err(|_| bad.clone())?)?;
        let sentences = r.u32().map_err(|_| bad.clone())? as usize;
        let mut predicted = Vec::with_capacity(sentences.min(1 << 20));
        for _ in 0..sentences {
            let len = r.u32().map_err(|_| bad.clone())? as usize;
            let raw = r.take(len * 2).map_err(|_| bad.clone())?;
            predicted.push(
                raw.chunks_exact(2)
                    .map(|c| u16::from_le_bytes([c[0], c[1]]))
                    .collect(),
            );
        }
        Ok(Tagging { model, predicted })
    }
}

/// Trains the models on `train`, choosing epochs on `dev`.
pub fn train(
    train: &[Sentence],
    dev: &[Sentence],
    clusters: Clusters,
    o: &Options,
    log: &mut dyn FnMut(&str),
) -> Syntax {
    let tagging = train_tagging(train, dev, clusters, o, log);
    train_parser(tagging, train, dev, o, log)
}

/// Trains the tagger and the lemmatiser on `train`, choosing the epoch on
/// `dev`, and tags the training sentences as unseen text.
pub fn train_tagging(
    train: &[Sentence],
    dev: &[Sentence],
    mut clusters: Clusters,
    o: &Options,
    log: &mut dyn FnMut(&str),
) -> Tagging {
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
    let n = tags.len();
    let (mut weights, epochs) = train_tagger(&train_t, Some(&dev_t), n, o.tagger_epochs, o, log);
    // refit: the epochs chosen, trained again on the training and the dev
    // sentences together (the parser then learns from both)
    let (fit, learnt): (Vec<Tagged>, Vec<&Sentence>) = if o.refit {
        let all: Vec<Tagged> = train_t.iter().chain(&dev_t).cloned().collect();
        weights = train_tagger(&all, None, n, epochs, o, log).0;
        (all, train.iter().chain(dev).collect())
    } else {
        (train_t, train.iter().collect())
    };
    let predicted = jackknife(&fit, n, epochs, o, log);
    let lemmas = Lemmatiser::learn(
        learnt
            .iter()
            .flat_map(|s| s.words.iter())
            .map(|w| (w.form.as_str(), w.upos.as_str(), w.lemma.as_str())),
    );
    let actions = parser::Actions::new(labels.len());
    Tagging {
        model: Syntax {
            clusters,
            tags,
            tagger: weights,
            lemmas,
            labels,
            parser: Trainer::new(actions.len()).averaged(0.0),
            beam: 1,
            endings: false,
        },
        predicted,
    }
}

/// Trains the parser on `train` over the tags of `tagging`, choosing the
/// epoch by LAS on `dev`.
pub fn train_parser(
    tagging: Tagging,
    train: &[Sentence],
    dev: &[Sentence],
    o: &Options,
    log: &mut dyn FnMut(&str),
) -> Syntax {
    let Tagging {
        mut model,
        predicted,
    } = tagging;
    let label_ids: HashMap<&str, u16> = model
        .labels
        .iter()
        .enumerate()
        .map(|(i, t)| (t.as_str(), i as u16))
        .collect();
    // with refit, the tagging holds the dev sentences' tags too
    let examples: Vec<parser::Example> = train
        .iter()
        .chain(dev.iter().filter(|_| o.refit))
        .zip(predicted)
        .map(|(s, tags)| parser::Example {
            lex: s
                .words
                .iter()
                .map(|w| lex(&w.form, &model.clusters))
                .collect(),
            tags,
            heads: s.words.iter().map(|w| w.head).collect(),
            labels: s
                .words
                .iter()
                .map(|w| label_ids.get(w.deprel.as_str()).copied().unwrap_or(0))
                .collect(),
        })
        .collect();
    let actions = parser::Actions::new(model.labels.len());
    let mut t = Trainer::new(actions.len());
    let mut rng = o.seed | 1;
    model.beam = o.beam.clamp(1, 64) as u32;
    model.endings = o.endings;
    let mut best: Option<(crate::perceptron::Weights, f64, usize)> = None;
    let fit = &examples[..train.len().min(examples.len())];
    for e in 0..o.parser_epochs {
        let right = parser_epoch(&mut t, actions, fit, e, &mut rng, o);
        model.parser = t.averaged(o.min_weight);
        let s = evaluate(&model, dev);
        let total: usize = fit.iter().map(|x| x.heads.len()).sum();
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
            best = Some((model.parser.clone(), s.las, e + 1));
        }
    }
    if let Some((w, _, epochs)) = best {
        model.parser = w;
        if o.refit {
            let (mut t, mut rng) = (Trainer::new(actions.len()), o.seed | 1);
            for e in 0..epochs {
                parser_epoch(&mut t, actions, &examples, e, &mut rng, o);
            }
            model.parser = t.averaged(o.min_weight);
            log(&format!("parser refit on train and dev: {epochs} epochs"));
        }
    }
    model
}

/// One epoch of the parser's training, greedy or with a beam (`o.beam`),
/// the sentences in an order shuffled by epoch. Returns the heads right.
fn parser_epoch(
    t: &mut Trainer,
    actions: parser::Actions,
    examples: &[parser::Example],
    e: usize,
    rng: &mut u64,
    o: &Options,
) -> usize {
    let order = shuffled(examples.len(), o.seed + 1, e);
    if o.beam > 1 {
        crate::beam::train_epoch(t, actions, examples, &order, o.beam, o.endings)
    } else {
        parser::train_epoch(t, actions, examples, &order, e >= 1, rng, o.endings)
    }
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
