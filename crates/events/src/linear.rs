//! The learned decisions' model: a logistic regression over hashed
//! features (no vocabulary to ship), trained by AdaGrad with an L2 penalty.
//! The article-relevance model ([`crate::relevance`]) and the trigger-sense
//! model ([`crate::sense`]) are both of this kind, each with its own
//! features and file.

/// The layout of a model file; a model of another format is refused.
const FORMAT: u32 = 1;

/// Why a model file could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ModelError(pub &'static str);

impl std::fmt::Display for ModelError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "model file: {}", self.0)
    }
}

impl std::error::Error for ModelError {}

/// A trained model.
#[derive(Debug, Clone, PartialEq)]
pub struct Model {
    /// log2 of the table's size.
    bits: u32,
    weights: Weights,
    bias: f32,
}

/// A model's weights: in memory (training), or read where they lie in a
/// file compiled into the binary, so that a shipped model costs no copy
/// and only the pages its features touch.
#[derive(Debug, Clone, PartialEq)]
enum Weights {
    Owned(Vec<f32>),
    /// The little-endian `f32`s of a file.
    Static(&'static [u8]),
}

impl Weights {
    fn get(&self, i: usize) -> f32 {
        match self {
            Weights::Owned(w) => w[i],
            Weights::Static(b) => {
                f32::from_le_bytes([b[4 * i], b[4 * i + 1], b[4 * i + 2], b[4 * i + 3]])
            }
        }
    }

    fn owned(&mut self) -> &mut Vec<f32> {
        if let Weights::Static(b) = self {
            let w = b
                .chunks_exact(4)
                .map(|c| f32::from_le_bytes([c[0], c[1], c[2], c[3]]))
                .collect();
            *self = Weights::Owned(w);
        }
        match self {
            Weights::Owned(w) => w,
            Weights::Static(_) => unreachable!("made owned above"),
        }
    }

    fn len(&self) -> usize {
        match self {
            Weights::Owned(w) => w.len(),
            Weights::Static(b) => b.len() / 4,
        }
    }
}

/// A text's features: distinct table slots, each of the same value.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Features {
    /// Distinct slots, sorted.
    pub index: Vec<usize>,
    /// The value of each.
    pub value: f32,
}

impl Features {
    /// The features named by `names` (any strings), each of value 1/√n.
    pub fn of<'s>(names: impl IntoIterator<Item = &'s [u8]>, bits: u32) -> Features {
        let mask = (1u64 << bits) - 1;
        let mut index: Vec<usize> = names
            .into_iter()
            .map(|n| (mix(fnv(0xcbf2_9ce4_8422_2325, n)) & mask) as usize)
            .collect();
        Features::from_slots(std::mem::take(&mut index))
    }

    /// Features from table slots (deduplicated here).
    pub fn from_slots(mut index: Vec<usize>) -> Features {
        index.sort_unstable();
        index.dedup();
        let value = if index.is_empty() {
            0.0
        } else {
            1.0 / (index.len() as f32).sqrt()
        };
        Features { index, value }
    }
}

impl Model {
    /// A model that knows nothing: every input scores 0.5.
    pub fn empty(bits: u32) -> Model {
        Model {
            bits,
            weights: Weights::Owned(vec![0.0; 1 << bits]),
            bias: 0.0,
        }
    }

    /// Reads a model file whose first four bytes are `magic`, its weights
    /// left where they lie (a file compiled into the binary).
    pub fn from_static(b: &'static [u8], magic: &[u8; 4]) -> Result<Model, ModelError> {
        let (bits, bias) = header(b, magic)?;
        Ok(Model {
            bits,
            weights: Weights::Static(&b[16..]),
            bias,
        })
    }

    /// Reads a model file whose first four bytes are `magic`.
    pub fn from_bytes(b: &[u8], magic: &[u8; 4]) -> Result<Model, ModelError> {
        let (bits, bias) = header(b, magic)?;
        let weights = b[16..]
            .chunks_exact(4)
            .map(|c| f32::from_le_bytes([c[0], c[1], c[2], c[3]]))
            .collect();
        Ok(Model {
            bits,
            weights: Weights::Owned(weights),
            bias,
        })
    }

    /// The model as a file that begins with `magic`.
    pub fn to_bytes(&self, magic: &[u8; 4]) -> Vec<u8> {
        let mut out = Vec::with_capacity(16 + 4 * self.weights.len());
        out.extend_from_slice(magic);
        out.extend_from_slice(&FORMAT.to_le_bytes());
        out.extend_from_slice(&self.bits.to_le_bytes());
        out.extend_from_slice(&self.bias.to_bits().to_le_bytes());
        for i in 0..self.weights.len() {
            out.extend_from_slice(&self.weights.get(i).to_bits().to_le_bytes());
        }
        out
    }

    /// log2 of the table's size.
    pub fn bits(&self) -> u32 {
        self.bits
    }

    /// The margin (log-odds) on a feature vector.
    pub fn margin(&self, f: &Features) -> f32 {
        self.bias + f.value * f.index.iter().map(|&i| self.weights.get(i)).sum::<f32>()
    }

    /// The probability of the positive class.
    pub fn probability(&self, f: &Features) -> f32 {
        1.0 / (1.0 + (-self.margin(f)).exp())
    }

    /// Trains a model: logistic loss with an L2 penalty, by AdaGrad over
    /// `epochs` passes in an order shuffled by a fixed seed. `examples`:
    /// (features, positive, weight).
    pub fn train(examples: &[(Features, bool, f32)], bits: u32, epochs: usize, l2: f32) -> Model {
        let mut m = Model::empty(bits);
        let mut g2 = vec![1e-6_f32; 1 << bits];
        let mut g2_bias = 1e-6_f32;
        let rate = 0.5;
        let mut order: Vec<usize> = (0..examples.len()).collect();
        let mut seed = 0x9e37_79b9_7f4a_7c15_u64;
        for _ in 0..epochs {
            for i in (1..order.len()).rev() {
                seed ^= seed << 13;
                seed ^= seed >> 7;
                seed ^= seed << 17;
                order.swap(i, (seed % (i as u64 + 1)) as usize);
            }
            for &k in &order {
                let (f, y, w) = &examples[k];
                let err = w * (m.probability(f) - if *y { 1.0 } else { 0.0 });
                let weights = m.weights.owned();
                for &i in &f.index {
                    let g = err * f.value + l2 * weights[i];
                    g2[i] += g * g;
                    weights[i] -= rate * g / g2[i].sqrt();
                }
                g2_bias += err * err;
                m.bias -= rate * err / g2_bias.sqrt();
            }
        }
        m
    }
}

/// A model file's table size and bias, its magic, format and length
/// checked.
fn header(b: &[u8], magic: &[u8; 4]) -> Result<(u32, f32), ModelError> {
    let u32_at = |at: usize| -> Result<u32, ModelError> {
        b.get(at..at + 4)
            .map(|s| u32::from_le_bytes([s[0], s[1], s[2], s[3]]))
            .ok_or(ModelError("file too short"))
    };
    if b.get(..4) != Some(magic.as_slice()) {
        return Err(ModelError("not a model of this kind"));
    }
    if u32_at(4)? != FORMAT {
        return Err(ModelError("a model of another format (retrain it)"));
    }
    let bits = u32_at(8)?;
    if !(1..=24).contains(&bits) {
        return Err(ModelError("table size out of range"));
    }
    if b.len() != 16 + (4usize << bits) {
        return Err(ModelError("table of the wrong size"));
    }
    Ok((bits, f32::from_bits(u32_at(12)?)))
}

/// FNV-1a from `h`.
pub(crate) fn fnv(mut h: u64, bytes: &[u8]) -> u64 {
    for &b in bytes {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    h
}

/// splitmix64's finaliser: FNV's low bits are poorly mixed.
pub(crate) fn mix(mut h: u64) -> u64 {
    h = (h ^ (h >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    h = (h ^ (h >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    h ^ (h >> 31)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn feats(s: &str) -> Features {
        Features::of(s.split_whitespace().map(str::as_bytes), 12)
    }

    #[test]
    fn a_trained_model_separates_its_classes_and_round_trips() {
        let pos = [
            "troops shelled village",
            "police fired tear gas",
            "gunmen attacked checkpoint",
        ];
        let neg = [
            "striker scored twice",
            "shares rose after profits",
            "film won three awards",
        ];
        let mut ex = Vec::new();
        for (set, y) in [(pos, true), (neg, false)] {
            for s in set {
                ex.push((feats(s), y, 1.0));
            }
        }
        let m = Model::train(&ex, 12, 30, 1e-4);
        for (f, y, _) in &ex {
            assert_eq!(m.probability(f) > 0.5, *y);
        }
        let back = Model::from_bytes(&m.to_bytes(b"TEST"), b"TEST").expect("reads");
        assert_eq!(back, m);
        let file: &'static [u8] = Box::leak(m.to_bytes(b"TEST").into_boxed_slice());
        let lying = Model::from_static(file, b"TEST").expect("reads");
        assert!(
            ex.iter()
                .all(|(f, _, _)| lying.probability(f) == m.probability(f))
        );
        assert!(Model::from_bytes(&m.to_bytes(b"TEST"), b"ELSE").is_err());
    }

    #[test]
    fn bad_files_are_refused() {
        assert!(Model::from_bytes(b"", b"TEST").is_err());
        assert!(Model::from_bytes(b"TEST\x09\0\0\0", b"TEST").is_err());
        let mut b = Model::empty(4).to_bytes(b"TEST");
        b.pop();
        assert!(Model::from_bytes(&b, b"TEST").is_err());
    }

    #[test]
    fn features_are_distinct_slots_of_equal_value() {
        let f = feats("a b a");
        assert_eq!(f.index.len(), 2);
        assert!((f.value - 1.0 / 2f32.sqrt()).abs() < 1e-6);
        assert_eq!(feats("").value, 0.0);
    }
}
