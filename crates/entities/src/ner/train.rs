//! Training: CoNLL files → examples → a structured averaged perceptron.
//!
//! Each gold sentence is rebuilt as text (its tokens joined by spaces) and
//! run through the same tokeniser, sentence splitter and features as any
//! article, and the gold names are projected onto Beacon's tokens, so that
//! training sees exactly what the recogniser sees at run time.
//!
//! The perceptron (Collins 2002) decodes each training sentence with Viterbi
//! and, where the best sequence differs from the gold, adds the gold
//! sequence's features and transitions and subtracts the predicted ones. The
//! weights kept are the average over all updates (computed lazily: `w − u/c`).
//! Sentences are visited in an order shuffled by a fixed seed, so training is
//! deterministic. After each epoch the averaged model is scored on the dev
//! sets (exact-span F1 on PER, ORG and LOC, averaged over the sets) and the
//! best epoch is kept.

use std::collections::HashMap;
use std::path::Path;

use super::features::{self, FEATURES_PER_TOKEN, NameList};
use super::label_spans;
use super::lexicon::Lexicon;
use super::model::{Model, NUM_LABELS, label_index, viterbi};
use beacon_text::tokens;

/// One sentence of a CoNLL file: tokens and their BIO tags.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GoldSentence {
    /// The tokens.
    pub tokens: Vec<String>,
    /// Their tags (`O`, `B-PER`, `I-ORG`, ...).
    pub tags: Vec<String>,
}

impl GoldSentence {
    /// The sentence as text: its tokens joined by single spaces, and each
    /// token's code-point offsets in it.
    pub fn text(&self) -> (String, Vec<(usize, usize)>) {
        let mut s = String::new();
        let mut offs = Vec::with_capacity(self.tokens.len());
        let mut cp = 0;
        for (i, t) in self.tokens.iter().enumerate() {
            if i > 0 {
                s.push(' ');
                cp += 1;
            }
            let n = t.chars().count();
            offs.push((cp, cp + n));
            s.push_str(t);
            cp += n;
        }
        (s, offs)
    }

    /// The gold names: (first token, one past the last, type) with type
    /// `PER`, `ORG`, `LOC` or `MISC`.
    pub fn spans(&self) -> Vec<(usize, usize, String)> {
        let mut out = Vec::new();
        let mut open: Option<(usize, String)> = None;
        for (i, tag) in self.tags.iter().enumerate() {
            let (bio, ty) = tag.split_once('-').unwrap_or((tag.as_str(), ""));
            let continues = bio == "I" && open.as_ref().is_some_and(|(_, t)| t == ty);
            if !continues {
                if let Some((a, t)) = open.take() {
                    out.push((a, i, t));
                }
                if bio == "B" || bio == "I" {
                    open = Some((i, ty.to_owned()));
                }
            }
        }
        if let Some((a, t)) = open {
            out.push((a, self.tags.len(), t));
        }
        out
    }
}

/// Reads a CoNLL file (`token<TAB>tag` lines, blank lines between sentences).
pub fn read_conll(path: &Path) -> std::io::Result<Vec<GoldSentence>> {
    let text = std::fs::read_to_string(path)?;
    Ok(parse_conll(&text))
}

/// Parses CoNLL text (see [`read_conll`]).
pub fn parse_conll(text: &str) -> Vec<GoldSentence> {
    let mut out = Vec::new();
    let mut cur = GoldSentence {
        tokens: Vec::new(),
        tags: Vec::new(),
    };
    for line in text.lines() {
        let line = line.trim_end_matches('\r');
        if line.trim().is_empty() {
            if !cur.tokens.is_empty() {
                out.push(std::mem::replace(
                    &mut cur,
                    GoldSentence {
                        tokens: Vec::new(),
                        tags: Vec::new(),
                    },
                ));
            }
            continue;
        }
        let (tok, tag) = line.rsplit_once('\t').unwrap_or((line, "O"));
        cur.tokens.push(tok.to_owned());
        cur.tags.push(tag.trim().to_owned());
    }
    if !cur.tokens.is_empty() {
        out.push(cur);
    }
    out
}

/// One training sentence as the recogniser sees it: features of Beacon's
/// tokens and the gold labels projected onto them.
#[derive(Debug, Clone)]
pub struct Example {
    /// [`FEATURES_PER_TOKEN`] hashes per token.
    pub feats: Vec<u32>,
    /// One label index per token.
    pub labels: Vec<u8>,
}

/// Turns gold sentences into examples (features with `lexicon`'s lists and
/// the `names` hook). With `mask_misc`, MISC names become O.
pub fn examples(
    gold: &[GoldSentence],
    lexicon: &Lexicon,
    names: Option<NameList<'_>>,
    mask_misc: bool,
) -> Vec<Example> {
    let mut out = Vec::new();
    for g in gold {
        let (text, offs) = g.text();
        // The gold tag type of each code point (None: O), and where names begin.
        let n_cp = offs.last().map_or(0, |o| o.1);
        let mut ty: Vec<Option<usize>> = vec![None; n_cp];
        let mut begins = vec![false; n_cp];
        for (a, b, t) in g.spans() {
            let base = label_index(&format!("B-{t}"));
            if base == 0 || (mask_misc && t == "MISC") {
                continue;
            }
            let (s, e) = (offs[a].0, offs[b - 1].1);
            for slot in &mut ty[s..e] {
                *slot = Some(base);
            }
            begins[s] = true;
        }
        let toks = tokens::tokenise(&text);
        for range in tokens::sentences(&text, &toks) {
            let sent = &toks[range];
            let mut labels = Vec::with_capacity(sent.len());
            let mut prev = 0u8;
            for t in sent {
                let l = match ty.get(t.start).copied().flatten() {
                    None => 0,
                    Some(b) => {
                        let inside =
                            !begins[t.start] && (prev as usize == b || prev as usize == b + 1);
                        if inside { b + 1 } else { b }
                    }
                };
                labels.push(l as u8);
                prev = l as u8;
            }
            let mut feats = Vec::with_capacity(sent.len() * FEATURES_PER_TOKEN);
            features::sentence_features(&text, sent, lexicon, names, &mut feats);
            out.push(Example { feats, labels });
        }
    }
    out
}

/// How to train.
#[derive(Debug, Clone)]
pub struct TrainConfig {
    /// Passes over the training set (the best on dev is kept).
    pub epochs: usize,
    /// Features seen fewer times than this in training get no weight.
    pub min_count: u32,
    /// Seed of the shuffle.
    pub seed: u64,
}

impl Default for TrainConfig {
    fn default() -> Self {
        TrainConfig {
            epochs: 12,
            min_count: 2,
            seed: 0x5eed_beac_0000_0001,
        }
    }
}

/// A named set of examples (a corpus' dev split).
pub struct DevSet {
    /// Its name.
    pub name: String,
    /// Its examples.
    pub examples: Vec<Example>,
}

/// Exact-span P, R, F1 over PER/ORG/LOC on Beacon's tokens (a fast proxy of
/// the CoNLL score, for model selection).
pub fn span_f1(model: &Model, set: &[Example]) -> (f64, f64, f64) {
    let (mut tp, mut np, mut ng) = (0usize, 0usize, 0usize);
    let (mut labels, mut probs) = (Vec::new(), Vec::new());
    for ex in set {
        model.decode(&ex.feats, &mut labels, &mut probs);
        let keep = |s: &(usize, usize, usize)| s.2 <= 3;
        let p: Vec<_> = label_spans(&labels).into_iter().filter(keep).collect();
        let g: Vec<_> = label_spans(&ex.labels).into_iter().filter(keep).collect();
        np += p.len();
        ng += g.len();
        tp += p.iter().filter(|s| g.contains(s)).count();
    }
    let p = if np > 0 { tp as f64 / np as f64 } else { 0.0 };
    let r = if ng > 0 { tp as f64 / ng as f64 } else { 0.0 };
    let f = if p + r > 0.0 {
        2.0 * p * r / (p + r)
    } else {
        0.0
    };
    (p, r, f)
}

struct Perceptron {
    n: usize,
    w: Vec<f32>,
    u: Vec<f32>,
    tw: [[f32; NUM_LABELS]; NUM_LABELS + 1],
    tu: [[f32; NUM_LABELS]; NUM_LABELS + 1],
    c: f32,
}

impl Perceptron {
    fn update(&mut self, f: u32, l: usize, d: f32) {
        let i = f as usize * NUM_LABELS + l;
        self.w[i] += d;
        self.u[i] += self.c * d;
    }
    fn trans_update(&mut self, p: usize, l: usize, d: f32) {
        self.tw[p][l] += d;
        self.tu[p][l] += self.c * d;
    }
}

/// Trains a model on `train` (each example with a weight: how many times it
/// counts), keeping the epoch whose averaged weights score best on `dev`.
/// `log` gets one line per epoch.
pub fn train(
    train: &[(Example, u32)],
    dev: &[DevSet],
    config: &TrainConfig,
    log: &mut dyn FnMut(&str),
) -> Model {
    // Feature index: hashes seen at least `min_count` times, numbered in
    // order of first appearance (deterministic).
    let mut counts: HashMap<u32, u32> = HashMap::new();
    for (ex, _) in train {
        for &f in &ex.feats {
            *counts.entry(f).or_insert(0) += 1;
        }
    }
    let mut index: HashMap<u32, u32> = HashMap::new();
    let mut hashes: Vec<u32> = Vec::new();
    for (ex, _) in train {
        for &f in &ex.feats {
            if counts[&f] >= config.min_count && !index.contains_key(&f) {
                index.insert(f, hashes.len() as u32);
                hashes.push(f);
            }
        }
    }
    drop(counts);
    const NONE: u32 = u32::MAX;
    let dense: Vec<Vec<u32>> = train
        .iter()
        .map(|(ex, _)| {
            ex.feats
                .iter()
                .map(|f| index.get(f).copied().unwrap_or(NONE))
                .collect()
        })
        .collect();
    drop(index);
    log(&format!(
        "{} sentences, {} features kept",
        train.len(),
        hashes.len()
    ));
    let n = hashes.len();
    let mut p = Perceptron {
        n,
        w: vec![0.0; n * NUM_LABELS],
        u: vec![0.0; n * NUM_LABELS],
        tw: [[0.0; NUM_LABELS]; NUM_LABELS + 1],
        tu: [[0.0; NUM_LABELS]; NUM_LABELS + 1],
        c: 1.0,
    };
    let mut order: Vec<usize> = Vec::new();
    for (i, (_, k)) in train.iter().enumerate() {
        for _ in 0..*k {
            order.push(i);
        }
    }
    let mut rng = config.seed | 1;
    let mut best: Option<(f64, Model)> = None;
    let mut emissions: Vec<[f32; NUM_LABELS]> = Vec::new();
    let mut pred: Vec<u8> = Vec::new();
    for epoch in 1..=config.epochs {
        // Fisher–Yates with xorshift64*.
        for i in (1..order.len()).rev() {
            rng ^= rng >> 12;
            rng ^= rng << 25;
            rng ^= rng >> 27;
            let r = rng.wrapping_mul(0x2545_f491_4f6c_dd1d);
            order.swap(i, (r % (i as u64 + 1)) as usize);
        }
        let mut mistakes = 0usize;
        for &si in &order {
            let (ex, _) = &train[si];
            let fs = &dense[si];
            emissions.clear();
            for tf in fs.chunks_exact(FEATURES_PER_TOKEN) {
                let mut e = [0f32; NUM_LABELS];
                for &f in tf {
                    if f != NONE {
                        let row = &p.w[f as usize * NUM_LABELS..][..NUM_LABELS];
                        for (x, &y) in e.iter_mut().zip(row) {
                            *x += y;
                        }
                    }
                }
                emissions.push(e);
            }
            viterbi(&emissions, &p.tw, &mut pred);
            if pred != ex.labels {
                mistakes += 1;
                for (i, tf) in fs.chunks_exact(FEATURES_PER_TOKEN).enumerate() {
                    let (g, q) = (ex.labels[i] as usize, pred[i] as usize);
                    let (gp, qp) = if i == 0 {
                        (NUM_LABELS, NUM_LABELS)
                    } else {
                        (ex.labels[i - 1] as usize, pred[i - 1] as usize)
                    };
                    if g != q {
                        for &f in tf {
                            if f != NONE {
                                p.update(f, g, 1.0);
                                p.update(f, q, -1.0);
                            }
                        }
                    }
                    if g != q || gp != qp {
                        p.trans_update(gp, g, 1.0);
                        p.trans_update(qp, q, -1.0);
                    }
                }
            }
            p.c += 1.0;
        }
        let model = averaged(&p, &hashes);
        let mut line = format!(
            "epoch {epoch}: {mistakes} sentences wrong, {} features",
            model.num_features()
        );
        let mut sum = 0.0;
        for d in dev {
            let (_, _, f) = span_f1(&model, &d.examples);
            sum += f;
            line.push_str(&format!("  {} {:.3}", d.name, f));
        }
        let score = if dev.is_empty() {
            epoch as f64
        } else {
            sum / dev.len() as f64
        };
        line.push_str(&format!("  mean {score:.4}"));
        log(&line);
        if best.as_ref().is_none_or(|(b, _)| score > *b) {
            best = Some((score, model));
        }
    }
    let model = best.map(|(_, m)| m).unwrap_or_else(Model::empty);
    let t = calibrate(&model, dev);
    log(&format!("temperature {t}"));
    model.with_temperature(t)
}

/// The temperature whose label probabilities give the dev labels the least
/// log loss (1.0 without dev sets).
pub fn calibrate(model: &Model, dev: &[DevSet]) -> f32 {
    let mut best = (f64::INFINITY, 1.0);
    for t in [
        0.5f32, 1.0, 1.5, 2.0, 3.0, 4.0, 6.0, 8.0, 12.0, 16.0, 24.0, 32.0, 48.0, 64.0,
    ] {
        let mut loss = 0f64;
        let mut n = 0usize;
        for ex in dev.iter().flat_map(|d| &d.examples) {
            let m = model.marginals_at(&ex.feats, t);
            for (row, &g) in m.iter().zip(&ex.labels) {
                loss -= f64::from(row[g as usize].max(1e-9)).ln();
                n += 1;
            }
        }
        if n > 0 && loss / (n as f64) < best.0 {
            best = (loss / n as f64, t);
        }
    }
    best.1
}

fn averaged(p: &Perceptron, hashes: &[u32]) -> Model {
    let mut feats = Vec::with_capacity(p.n);
    for (i, &h) in hashes.iter().enumerate() {
        let mut row = [0f32; NUM_LABELS];
        for (l, x) in row.iter_mut().enumerate() {
            let k = i * NUM_LABELS + l;
            *x = p.w[k] - p.u[k] / p.c;
        }
        feats.push((h, row));
    }
    let mut trans = [[0f32; NUM_LABELS]; NUM_LABELS + 1];
    for (r, row) in trans.iter_mut().enumerate() {
        for (l, x) in row.iter_mut().enumerate() {
            *x = p.tw[r][l] - p.tu[r][l] / p.c;
        }
    }
    Model::quantise(&feats, &trans)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn conll_spans_and_projection() {
        let g = parse_conll("Putin\tB-PER\nvisited\tO\nNew\tB-LOC\nYork\tI-LOC\n's\tO\nzoo\tO\n\n");
        assert_eq!(g.len(), 1);
        assert_eq!(
            g[0].spans(),
            vec![(0, 1, "PER".to_owned()), (2, 4, "LOC".to_owned())]
        );
        let ex = examples(&g, &Lexicon::default(), None, true);
        assert_eq!(ex.len(), 1);
        assert_eq!(ex[0].labels, vec![1, 0, 5, 6, 0, 0]);
    }

    #[test]
    fn a_tiny_model_learns_its_data() {
        let g = parse_conll(
            "Putin\tB-PER\nvisited\tO\nParis\tB-LOC\n.\tO\n\nMacron\tB-PER\nvisited\tO\nMoscow\tB-LOC\n.\tO\n\n",
        );
        let ex: Vec<(Example, u32)> = examples(&g, &Lexicon::default(), None, true)
            .into_iter()
            .map(|e| (e, 1))
            .collect();
        let config = TrainConfig {
            epochs: 5,
            min_count: 1,
            seed: 1,
        };
        let m = train(&ex, &[], &config, &mut |_| {});
        let just: Vec<Example> = ex.into_iter().map(|(e, _)| e).collect();
        assert_eq!(span_f1(&m, &just).2, 1.0);
    }
}
