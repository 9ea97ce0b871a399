//! The model: hashed feature weights per label, label transitions, Viterbi
//! decoding under BIO constraints, and the model file format.
//!
//! ## Labels
//! BIO over PER, ORG, LOC and MISC: `O`, `B-PER`, `I-PER`, `B-ORG`, `I-ORG`,
//! `B-LOC`, `I-LOC`, `B-MISC`, `I-MISC` (indices 0–8). MISC is learned (so
//! that nationality words and events have a place to go other than LOC) but
//! never reported.
//!
//! ## In memory
//! One open-addressing table of slots `(hash, [i16; 9])`, twice as many
//! slots as features, so a lookup is one multiply and usually one cache line.
//! Weights are the averaged perceptron's, quantised to `i16` with one scale.
//!
//! ## The file (little-endian)
//! ```text
//! b"BNER"  u32 format (4)  u32 feature version  u32 labels (9)  f32 scale
//! f32 temperature         (for the label probabilities, see `decode`)
//! i32 × 10 × 9            transitions: [previous label or start][label]
//! u32 n                   features, then n times:
//!   u32 hash  u16 mask    (bit l set: label l has a weight)
//!   i16 × popcount(mask)  the weights, in label order
//! 6 × (u32 n, u32 × n)    the name lists and their phrases' prefixes (`lexicon.rs`)
//! u32 n, (u32, u16) × n   the word clusters: key, path (`lexicon.rs`)
//! ```

use super::features::{FEATURE_VERSION, FEATURES_PER_TOKEN};
use super::lexicon::Lexicon;

/// Number of labels.
pub const NUM_LABELS: usize = 9;
const START: usize = NUM_LABELS;
const FORMAT: u32 = 4;

/// Label names, by index.
pub const LABEL_NAMES: [&str; NUM_LABELS] = [
    "O", "B-PER", "I-PER", "B-ORG", "I-ORG", "B-LOC", "I-LOC", "B-MISC", "I-MISC",
];

/// The index of a BIO tag (unknown types are O).
pub fn label_index(tag: &str) -> usize {
    LABEL_NAMES.iter().position(|&l| l == tag).unwrap_or(0)
}

/// Whether `cur` may follow `prev` (None: the sentence start) in BIO.
#[inline]
pub fn allowed(prev: Option<usize>, cur: usize) -> bool {
    if cur == 0 || cur % 2 == 1 {
        return true;
    }
    prev.is_some_and(|p| p == cur || p + 1 == cur)
}

/// Why a model file cannot be used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ModelError {
    /// Not a model file, or cut short.
    Malformed(&'static str),
    /// Written for other feature templates: retrain.
    Version {
        /// The file's feature version.
        found: u32,
        /// This build's.
        expected: u32,
    },
}

impl std::error::Error for ModelError {}

impl std::fmt::Display for ModelError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ModelError::Malformed(what) => write!(f, "not a usable NER model: {what}"),
            ModelError::Version { found, expected } => write!(
                f,
                "NER model written for feature version {found}, this build has {expected}: retrain it"
            ),
        }
    }
}

/// A trained model, ready to decode.
#[derive(Debug, Clone)]
pub struct Model {
    keys: Vec<u32>,
    weights: Vec<[i16; NUM_LABELS]>,
    mask: usize,
    trans: [[i32; NUM_LABELS]; NUM_LABELS + 1],
    scale: f32,
    num_features: usize,
    lexicon: Lexicon,
    temperature: f32,
}

impl Model {
    /// A model with no weights: it finds nothing.
    pub fn empty() -> Self {
        Self::from_parts(Vec::new(), [[0; NUM_LABELS]; NUM_LABELS + 1], 1.0)
    }

    fn from_parts(
        features: Vec<(u32, [i16; NUM_LABELS])>,
        trans: [[i32; NUM_LABELS]; NUM_LABELS + 1],
        scale: f32,
    ) -> Self {
        // open addressing at a load of 1/2 to 3/4: short probes, and a
        // table small enough to stay in cache
        let cap = (features.len() + features.len() / 3)
            .next_power_of_two()
            .max(16);
        let mut keys = vec![0u32; cap];
        let mut weights = vec![[0i16; NUM_LABELS]; cap];
        let mask = cap - 1;
        let mut n = 0;
        for (k, w) in features {
            let mut s = slot(k, mask);
            while keys[s] != 0 && keys[s] != k {
                s = (s + 1) & mask;
            }
            if keys[s] == 0 {
                n += 1;
            }
            keys[s] = k;
            weights[s] = w;
        }
        Model {
            keys,
            weights,
            mask,
            trans,
            scale,
            num_features: n,
            lexicon: Lexicon::default(),
            temperature: 1.0,
        }
    }

    /// Quantises float weights (hash → weights per label) into a model,
    /// leaving out features whose weights all round to zero.
    pub fn quantise(
        features: &[(u32, [f32; NUM_LABELS])],
        trans: &[[f32; NUM_LABELS]; NUM_LABELS + 1],
    ) -> Self {
        let max = features
            .iter()
            .flat_map(|(_, w)| w.iter())
            .chain(trans.iter().flatten())
            .fold(0f32, |m, &x| m.max(x.abs()));
        let scale = if max > 0.0 { 32_000.0 / max } else { 1.0 };
        let q = |x: f32| (x * scale).round() as i32;
        let mut kept = Vec::with_capacity(features.len());
        for (k, w) in features {
            let mut row = [0i16; NUM_LABELS];
            for (r, &x) in row.iter_mut().zip(w) {
                *r = q(x).clamp(-32_767, 32_767) as i16;
            }
            if row.iter().any(|&x| x != 0) {
                kept.push((*k, row));
            }
        }
        let mut t = [[0i32; NUM_LABELS]; NUM_LABELS + 1];
        for (tr, fr) in t.iter_mut().zip(trans) {
            for (x, &y) in tr.iter_mut().zip(fr) {
                *x = q(y);
            }
        }
        Self::from_parts(kept, t, scale)
    }

    /// The same model carrying these name lists.
    pub fn with_lexicon(mut self, lexicon: Lexicon) -> Self {
        self.lexicon = lexicon;
        self
    }

    /// The same model with this temperature for its label probabilities.
    pub fn with_temperature(mut self, t: f32) -> Self {
        self.temperature = t;
        self
    }

    /// The temperature of the label probabilities.
    pub fn temperature(&self) -> f32 {
        self.temperature
    }

    /// The name lists.
    pub fn lexicon(&self) -> &Lexicon {
        &self.lexicon
    }

    /// How many features have weights.
    pub fn num_features(&self) -> usize {
        self.num_features
    }

    /// Reads a model file.
    pub fn from_bytes(b: &[u8]) -> Result<Self, ModelError> {
        let mut r = Reader { b, at: 0 };
        if r.take(4)? != b"BNER" {
            return Err(ModelError::Malformed("no BNER magic"));
        }
        if r.u32()? != FORMAT {
            return Err(ModelError::Malformed("unknown format"));
        }
        let fv = r.u32()?;
        if fv != FEATURE_VERSION {
            return Err(ModelError::Version {
                found: fv,
                expected: FEATURE_VERSION,
            });
        }
        if r.u32()? as usize != NUM_LABELS {
            return Err(ModelError::Malformed("wrong number of labels"));
        }
        let scale = f32::from_bits(r.u32()?);
        let temperature = f32::from_bits(r.u32()?);
        if !(scale.is_finite() && scale > 0.0 && temperature.is_finite() && temperature > 0.0) {
            return Err(ModelError::Malformed("bad scale or temperature"));
        }
        let mut trans = [[0i32; NUM_LABELS]; NUM_LABELS + 1];
        for row in trans.iter_mut() {
            for x in row.iter_mut() {
                *x = r.u32()? as i32;
            }
        }
        let n = r.u32()? as usize;
        if n > b.len() / 6 {
            return Err(ModelError::Malformed("feature count larger than the file"));
        }
        let mut features = Vec::with_capacity(n);
        for _ in 0..n {
            let key = r.u32()?;
            let m = r.u16()?;
            let mut row = [0i16; NUM_LABELS];
            for (l, x) in row.iter_mut().enumerate() {
                if m & (1 << l) != 0 {
                    *x = r.u16()? as i16;
                }
            }
            if key == 0 {
                return Err(ModelError::Malformed("zero feature hash"));
            }
            features.push((key, row));
        }
        let lexicon =
            Lexicon::read(b, &mut r.at).ok_or(ModelError::Malformed("name lists cut short"))?;
        if r.at != b.len() {
            return Err(ModelError::Malformed("trailing bytes"));
        }
        Ok(Self::from_parts(features, trans, scale)
            .with_lexicon(lexicon)
            .with_temperature(temperature))
    }

    /// Writes the model file, features in hash order (deterministic).
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = Vec::new();
        out.extend_from_slice(b"BNER");
        for x in [
            FORMAT,
            FEATURE_VERSION,
            NUM_LABELS as u32,
            self.scale.to_bits(),
            self.temperature.to_bits(),
        ] {
            out.extend_from_slice(&x.to_le_bytes());
        }
        for row in &self.trans {
            for &x in row {
                out.extend_from_slice(&x.to_le_bytes());
            }
        }
        let mut feats: Vec<(u32, [i16; NUM_LABELS])> = self
            .keys
            .iter()
            .zip(&self.weights)
            .filter(|(k, _)| **k != 0)
            .map(|(&k, &w)| (k, w))
            .collect();
        feats.sort_unstable_by_key(|f| f.0);
        out.extend_from_slice(&(feats.len() as u32).to_le_bytes());
        for (k, w) in feats {
            out.extend_from_slice(&k.to_le_bytes());
            let m: u16 = w
                .iter()
                .enumerate()
                .filter(|(_, x)| **x != 0)
                .fold(0, |m, (l, _)| m | (1 << l));
            out.extend_from_slice(&m.to_le_bytes());
            for &x in w.iter().filter(|x| **x != 0) {
                out.extend_from_slice(&x.to_le_bytes());
            }
        }
        self.lexicon.write(&mut out);
        out
    }

    #[inline]
    fn row(&self, key: u32) -> Option<&[i16; NUM_LABELS]> {
        let mut s = slot(key, self.mask);
        loop {
            let k = self.keys[s];
            if k == key {
                return Some(&self.weights[s]);
            }
            if k == 0 {
                return None;
            }
            s = (s + 1) & self.mask;
        }
    }

    /// The emission scores of each token (in weight units) and the
    /// transition scores.
    fn scores(&self, feats: &[u32]) -> (Vec<[f32; NUM_LABELS]>, Trans) {
        let n = feats.len() / FEATURES_PER_TOKEN;
        let mut emissions = vec![[0f32; NUM_LABELS]; n];
        for (e, fs) in emissions
            .iter_mut()
            .zip(feats.chunks_exact(FEATURES_PER_TOKEN))
        {
            let mut acc = [0i32; NUM_LABELS];
            for &f in fs {
                if let Some(w) = self.row(f) {
                    for (a, &x) in acc.iter_mut().zip(w) {
                        *a += i32::from(x);
                    }
                }
            }
            for (x, a) in e.iter_mut().zip(acc) {
                *x = a as f32 / self.scale;
            }
        }
        let mut trans = [[0f32; NUM_LABELS]; NUM_LABELS + 1];
        for (tr, fr) in trans.iter_mut().zip(&self.trans) {
            for (x, &y) in tr.iter_mut().zip(fr) {
                *x = y as f32 / self.scale;
            }
        }
        (emissions, trans)
    }

    /// Decodes one sentence from its features ([`FEATURES_PER_TOKEN`] per
    /// token): the best label sequence and, per token, the probability of its
    /// label — the marginal of a linear-chain model whose potentials are the
    /// scores divided by the model's temperature (chosen on the dev sets at
    /// training time to minimise the labels' log loss), by forward–backward.
    pub fn decode(&self, feats: &[u32], labels: &mut Vec<u8>, probs: &mut Vec<f32>) {
        let (emissions, trans) = self.scores(feats);
        viterbi(&emissions, &trans, labels);
        probs.clear();
        if labels.iter().all(|&l| l == 0) {
            // No name: the probabilities would score no span.
            probs.resize(labels.len(), 1.0);
            return;
        }
        let marg = marginals(&emissions, &trans, self.temperature);
        probs.extend(marg.iter().zip(labels.iter()).map(|(m, &l)| m[l as usize]));
    }

    /// The label probabilities of every token at temperature `t` (for
    /// calibration).
    pub fn marginals_at(&self, feats: &[u32], t: f32) -> Vec<[f32; NUM_LABELS]> {
        let (emissions, trans) = self.scores(feats);
        marginals(&emissions, &trans, t)
    }
}

type Trans = [[f32; NUM_LABELS]; NUM_LABELS + 1];

/// Forward–backward over BIO-valid sequences: per token, the probability of
/// each label.
fn marginals(emissions: &[[f32; NUM_LABELS]], trans: &Trans, t: f32) -> Vec<[f32; NUM_LABELS]> {
    // In probability space, each position's vector rescaled to sum 1 (the
    // scales cancel in the marginals): 9 exponentials a token.
    let n = emissions.len();
    let inv = 1.0 / t;
    let mut tr = [[0f32; NUM_LABELS]; NUM_LABELS + 1];
    for (p, row) in tr.iter_mut().enumerate() {
        let prev = (p < NUM_LABELS).then_some(p);
        for (l, x) in row.iter_mut().enumerate() {
            if allowed(prev, l) {
                *x = (trans[p][l] * inv).exp();
            }
        }
    }
    let pot: Vec<[f32; NUM_LABELS]> = emissions
        .iter()
        .map(|e| {
            let m = e.iter().fold(f32::NEG_INFINITY, |a, &b| a.max(b));
            e.map(|x| ((x - m) * inv).exp())
        })
        .collect();
    let normalise = |v: &mut [f32; NUM_LABELS]| {
        let s: f32 = v.iter().sum();
        if s > 0.0 && s.is_finite() {
            v.iter_mut().for_each(|x| *x /= s);
        }
    };
    let mut alpha = vec![[0f32; NUM_LABELS]; n];
    for i in 0..n {
        for l in 0..NUM_LABELS {
            let into = if i == 0 {
                tr[START][l]
            } else {
                (0..NUM_LABELS).map(|p| alpha[i - 1][p] * tr[p][l]).sum()
            };
            alpha[i][l] = into * pot[i][l];
        }
        normalise(&mut alpha[i]);
    }
    let mut beta = vec![[1f32; NUM_LABELS]; n];
    for i in (0..n.saturating_sub(1)).rev() {
        for l in 0..NUM_LABELS {
            beta[i][l] = (0..NUM_LABELS)
                .map(|q| tr[l][q] * pot[i + 1][q] * beta[i + 1][q])
                .sum();
        }
        normalise(&mut beta[i]);
    }
    let mut out = vec![[0f32; NUM_LABELS]; n];
    for i in 0..n {
        for l in 0..NUM_LABELS {
            out[i][l] = alpha[i][l] * beta[i][l];
        }
        normalise(&mut out[i]);
    }
    out
}

#[inline]
fn slot(key: u32, mask: usize) -> usize {
    (key.wrapping_mul(0x9e37_79b9) as usize) & mask
}

/// The best BIO-valid label sequence under emission and transition scores
/// (`trans[NUM_LABELS]` is the start row).
pub fn viterbi(emissions: &[[f32; NUM_LABELS]], trans: &Trans, labels: &mut Vec<u8>) {
    labels.clear();
    let n = emissions.len();
    if n == 0 {
        return;
    }
    let mut back = vec![[0u8; NUM_LABELS]; n];
    let mut score = [f32::NEG_INFINITY; NUM_LABELS];
    for (l, s) in score.iter_mut().enumerate() {
        if allowed(None, l) {
            *s = emissions[0][l] + trans[START][l];
        }
    }
    for i in 1..n {
        let mut next = [f32::NEG_INFINITY; NUM_LABELS];
        for (l, nx) in next.iter_mut().enumerate() {
            let (mut best, mut arg) = (f32::NEG_INFINITY, 0u8);
            for (p, &sp) in score.iter().enumerate() {
                if !allowed(Some(p), l) {
                    continue;
                }
                let s = sp + trans[p][l];
                if s > best {
                    best = s;
                    arg = p as u8;
                }
            }
            *nx = best + emissions[i][l];
            back[i][l] = arg;
        }
        score = next;
    }
    let mut l = (0..NUM_LABELS)
        .max_by(|&a, &b| score[a].total_cmp(&score[b]).then(b.cmp(&a)))
        .unwrap_or(0);
    labels.resize(n, 0);
    for i in (0..n).rev() {
        labels[i] = l as u8;
        l = back[i][l] as usize;
    }
}

struct Reader<'a> {
    b: &'a [u8],
    at: usize,
}

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize) -> Result<&'a [u8], ModelError> {
        let s = self
            .b
            .get(self.at..self.at + n)
            .ok_or(ModelError::Malformed("cut short"))?;
        self.at += n;
        Ok(s)
    }
    fn u32(&mut self) -> Result<u32, ModelError> {
        let s = self.take(4)?;
        Ok(u32::from_le_bytes([s[0], s[1], s[2], s[3]]))
    }
    fn u16(&mut self) -> Result<u16, ModelError> {
        let s = self.take(2)?;
        Ok(u16::from_le_bytes([s[0], s[1]]))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bio_constraints() {
        assert!(allowed(None, 1) && !allowed(None, 2));
        assert!(allowed(Some(1), 2) && allowed(Some(2), 2) && !allowed(Some(3), 2));
        assert!(!allowed(Some(0), 6) && allowed(Some(5), 6));
    }

    #[test]
    fn marginals_sum_to_one_and_respect_bio() {
        let e = vec![[0.5, 1.0, 2.0, 0.0, 0.3, 0.0, 0.0, 0.0, 0.0]; 3];
        let t = [[0.1f32; NUM_LABELS]; NUM_LABELS + 1];
        let m = marginals(&e, &t, 2.0);
        for row in &m {
            assert!((row.iter().sum::<f32>() - 1.0).abs() < 1e-4);
        }
        // I-PER cannot open the sentence.
        assert_eq!(m[0][2], 0.0);
    }

    #[test]
    fn file_round_trip() {
        let mut w = [0f32; NUM_LABELS];
        w[1] = 2.5;
        w[0] = -1.0;
        let mut t = [[0f32; NUM_LABELS]; NUM_LABELS + 1];
        t[1][2] = 0.5;
        let m = Model::quantise(&[(7, w), (9, [0.0; NUM_LABELS])], &t);
        assert_eq!(m.num_features(), 1);
        let m = m.with_temperature(3.0);
        let b = m.to_bytes();
        let m2 = Model::from_bytes(&b).unwrap();
        assert_eq!(m2.to_bytes(), b);
        assert_eq!(m2.temperature(), 3.0);
        assert!(Model::from_bytes(&b[..b.len() - 1]).is_err());
        assert!(Model::from_bytes(b"junk").is_err());
    }
}
