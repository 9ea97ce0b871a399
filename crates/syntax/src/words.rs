//! What the tagger and the parser know of a word before context: hashes of
//! its form, lower case, affixes and shape, and its word cluster.
//!
//! Clusters: hierarchical clusters of GloVe 6B vectors (Pennington, Socher
//! and Manning 2014; public domain), 10-bit paths over the 100,000 most
//! frequent lower-case words (`../shared/data/ner/glove_clusters`), shipped
//! inside the model file. Their prefixes are coarser clusters.

use std::collections::HashMap;

/// 64-bit mixing of two values (a feature's parts into one hash).
#[inline]
pub fn mix(a: u64, b: u64) -> u64 {
    let x = (a ^ 0x9e37_79b9_7f4a_7c15).wrapping_mul(0xbf58_476d_1ce4_e5b9) ^ b;
    let x = (x ^ (x >> 31)).wrapping_mul(0x94d0_49bb_1331_11eb);
    x ^ (x >> 29)
}

/// The hash of a string (FNV-1a, then mixed).
#[inline]
pub fn hash(s: &str) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in s.bytes() {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    mix(h, s.len() as u64)
}

/// A word's context-free features, as hashes.
#[derive(Debug, Clone, Copy, Default)]
pub struct Lex {
    /// The form as written.
    pub form: u64,
    /// The lower-cased form, digits folded to `0`.
    pub lower: u64,
    /// Suffixes of 1 to 4 characters of the lower-cased form.
    pub suffix: [u64; 4],
    /// Prefixes of 1 to 3 characters.
    pub prefix: [u64; 3],
    /// The shape (`Xxxx`, `dd.dd`, `x-x`: runs of one kind shortened).
    pub shape: u64,
    /// The cluster path's prefixes of 4, 6 and 10 bits (0: no cluster).
    pub cluster: [u64; 3],
    /// The set of universal tags the word had in training (its ambiguity
    /// class; one value for words seen too rarely).
    pub amb: u64,
}

/// What is known of words before context: their clusters (lower-case
/// word → 10-bit path) and their ambiguity classes (normalised word → the
/// hash of the set of universal tags it had in training).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Clusters {
    paths: HashMap<String, u16>,
    classes: HashMap<String, u64>,
}

impl Clusters {
    /// Clusters from `word<TAB>path` lines (a header line is skipped).
    pub fn parse(text: &str) -> Clusters {
        let mut paths = HashMap::new();
        for line in text.lines() {
            let mut cols = line.split('\t');
            let (Some(w), Some(p)) = (cols.next(), cols.next()) else {
                continue;
            };
            if let Ok(bits) = u16::from_str_radix(p, 2)
                && p.len() == 10
            {
                paths.insert(w.to_owned(), bits);
            }
        }
        Clusters {
            paths,
            classes: HashMap::new(),
        }
    }

    /// Learns the ambiguity classes from `(form, upos)` pairs: the tags a
    /// word had at least one time in twenty, for words seen three times.
    pub fn learn_classes<'a>(&mut self, words: impl Iterator<Item = (&'a str, &'a str)>) {
        let mut seen: HashMap<String, HashMap<&'a str, u32>> = HashMap::new();
        for (form, upos) in words {
            *seen
                .entry(normal(form))
                .or_default()
                .entry(upos)
                .or_default() += 1;
        }
        self.classes = seen
            .into_iter()
            .filter_map(|(w, m)| {
                let total: u32 = m.values().sum();
                if total < 3 {
                    return None;
                }
                let mut tags: Vec<&str> = m
                    .iter()
                    .filter(|(_, n)| **n * 20 >= total)
                    .map(|(t, _)| *t)
                    .collect();
                tags.sort_unstable();
                Some((w, hash(&tags.join(" "))))
            })
            .collect();
    }

    /// The path of a lower-cased word.
    pub fn path(&self, lower: &str) -> Option<u16> {
        self.paths.get(lower).copied()
    }

    /// How many words have a cluster.
    pub fn len(&self) -> usize {
        self.paths.len()
    }

    /// Whether no word has one.
    pub fn is_empty(&self) -> bool {
        self.paths.is_empty()
    }

    /// The clusters as the model file keeps them: words in order, each
    /// with its path.
    pub fn write(&self, out: &mut Vec<u8>) {
        let mut words: Vec<(&String, &u16)> = self.paths.iter().collect();
        words.sort();
        out.extend_from_slice(&(words.len() as u32).to_le_bytes());
        for (w, p) in words {
            crate::perceptron::put_str(out, w);
            out.extend_from_slice(&p.to_le_bytes());
        }
        let mut classes: Vec<(&String, &u64)> = self.classes.iter().collect();
        classes.sort();
        out.extend_from_slice(&(classes.len() as u32).to_le_bytes());
        for (w, c) in classes {
            crate::perceptron::put_str(out, w);
            out.extend_from_slice(&c.to_le_bytes());
        }
    }

    /// Reads what [`Clusters::write`] wrote.
    pub fn read(r: &mut crate::perceptron::Reader<'_>) -> Result<Clusters, &'static str> {
        let n = r.u32()? as usize;
        let mut paths = HashMap::with_capacity(n.min(1 << 20));
        for _ in 0..n {
            let w = r.str()?.to_owned();
            let p = r.u16()?;
            paths.insert(w, p);
        }
        let n = r.u32()? as usize;
        let mut classes = HashMap::with_capacity(n.min(1 << 20));
        for _ in 0..n {
            let w = r.str()?.to_owned();
            let lo = u64::from(r.u32()?);
            let hi = u64::from(r.u32()?);
            classes.insert(w, lo | hi << 32);
        }
        Ok(Clusters { paths, classes })
    }
}

/// The lower-cased form with digits folded to `0` (numbers of one length
/// look alike).
pub fn normal(form: &str) -> String {
    form.chars()
        .flat_map(char::to_lowercase)
        .map(|c| if c.is_ascii_digit() { '0' } else { c })
        .collect()
}

/// A word's shape: `X` upper, `x` lower, `d` digit, other characters as
/// they are; runs of more than two of a kind shortened to two.
pub fn shape(form: &str) -> String {
    let mut out = String::new();
    let mut last = None;
    let mut run = 0;
    for c in form.chars().take(24) {
        let k = if c.is_uppercase() {
            'X'
        } else if c.is_lowercase() {
            'x'
        } else if c.is_numeric() {
            'd'
        } else {
            c
        };
        if Some(k) == last {
            run += 1;
        } else {
            run = 1;
            last = Some(k);
        }
        if run <= 2 {
            out.push(k);
        }
    }
    out
}

/// The hash of a run of characters (as [`hash`] of the string they make).
fn hash_chars(chars: &[char]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    let mut len = 0u64;
    let mut buf = [0u8; 4];
    for c in chars {
        for b in c.encode_utf8(&mut buf).bytes() {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0000_0100_0000_01b3);
            len += 1;
        }
    }
    mix(h, len)
}

/// A word's context-free features.
pub fn lex(form: &str, clusters: &Clusters) -> Lex {
    let lower = normal(form);
    let chars: Vec<char> = lower.chars().collect();
    let n = chars.len();
    let mut suffix = [0; 4];
    for (k, s) in suffix.iter_mut().enumerate() {
        *s = mix(10 + k as u64, hash_chars(&chars[n.saturating_sub(k + 1)..]));
    }
    let mut prefix = [0; 3];
    for (k, p) in prefix.iter_mut().enumerate() {
        *p = mix(20 + k as u64, hash_chars(&chars[..n.min(k + 1)]));
    }
    // the clusters are keyed by the lower-cased word, digits as written
    let path = if form.bytes().any(|b| b.is_ascii_digit()) {
        clusters.path(&form.to_lowercase())
    } else {
        clusters.path(&lower)
    };
    let cluster = match path {
        Some(p) => [
            mix(31, u64::from(p >> 6) + 1),
            mix(32, u64::from(p >> 4) + 1),
            mix(33, u64::from(p) + 1),
        ],
        None => [mix(31, 0), mix(32, 0), mix(33, 0)],
    };
    Lex {
        form: mix(1, hash(form)),
        lower: mix(2, hash(&lower)),
        suffix,
        prefix,
        shape: mix(3, hash(&shape(form))),
        cluster,
        amb: mix(4, clusters.classes.get(&lower).copied().unwrap_or(0)),
    }
}
