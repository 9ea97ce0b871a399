//! Near-duplicates by MinHash and banded LSH.
//!
//! A text's shingles are its overlapping runs of [`SHINGLE`] lower-cased
//! words, each hashed once (xxh3); [`HASHES`] permutations are derived from
//! that hash by multiply–add with fixed odd constants, and the signature
//! keeps each permutation's minimum (32 bits). Two signatures agree at a
//! position with probability equal to the texts' Jaccard similarity.
//! [`BANDS`] bands of [`ROWS`] rows index the signatures: texts agreeing on a
//! whole band are candidates (with 16 × 4, a pair at Jaccard 0.6 shares a
//! band with probability 0.88, at 0.3 with 0.12), and the candidates' share
//! of agreeing positions estimates their similarity. 256 bytes a document.

use std::collections::HashMap;

/// Words in a shingle.
pub const SHINGLE: usize = 5;
/// Permutations in a signature.
pub const HASHES: usize = BANDS * ROWS;
/// LSH bands.
pub const BANDS: usize = 16;
/// Rows in a band.
pub const ROWS: usize = 4;

/// A MinHash signature.
pub type Signature = [u32; HASHES];

/// The permutations: odd multipliers and offsets from a fixed seed
/// (splitmix64), so that signatures are stable across runs and builds.
fn permutations() -> &'static [(u64, u64); HASHES] {
    static P: std::sync::OnceLock<[(u64, u64); HASHES]> = std::sync::OnceLock::new();
    P.get_or_init(|| {
        let mut state = 0x9E37_79B9_7F4A_7C15u64;
        let mut next = || {
            state = state.wrapping_add(0x9E37_79B9_7F4A_7C15);
            let mut z = state;
            z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
            z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
            z ^ (z >> 31)
        };
        std::array::from_fn(|_| (next() | 1, next()))
    })
}

/// The signature of a text (all maxima for a text of no words; one
/// shingle of all its words for a text of fewer than [`SHINGLE`]). The
/// words are read as a stream, the last [`SHINGLE`] kept: memory does not
/// grow with the text.
pub fn signature(text: &str) -> Signature {
    let mut sig = [u32::MAX; HASHES];
    let perms = permutations();
    let mut window: std::collections::VecDeque<String> =
        std::collections::VecDeque::with_capacity(SHINGLE);
    let mut buf = String::new();
    let mut add = |window: &std::collections::VecDeque<String>, sig: &mut Signature| {
        buf.clear();
        for w in window {
            buf.push_str(w);
            buf.push(' ');
        }
        let h = xxhash_rust::xxh3::xxh3_64(buf.as_bytes());
        for (s, &(a, b)) in sig.iter_mut().zip(perms.iter()) {
            let v = (h.wrapping_mul(a).wrapping_add(b) >> 32) as u32;
            if v < *s {
                *s = v;
            }
        }
    };
    let mut shingles = 0usize;
    for w in text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
    {
        if window.len() == SHINGLE {
            window.pop_front();
        }
        window.push_back(w.to_lowercase());
        if window.len() == SHINGLE {
            add(&window, &mut sig);
            shingles += 1;
        }
    }
    if shingles == 0 && !window.is_empty() {
        add(&window, &mut sig);
    }
    sig
}

/// The estimated Jaccard similarity of two signatures.
pub fn similarity(a: &Signature, b: &Signature) -> f32 {
    a.iter().zip(b).filter(|(x, y)| x == y).count() as f32 / HASHES as f32
}

/// Signatures indexed by band, for finding near-duplicates as texts arrive.
#[derive(Debug, Default)]
pub struct DuplicateIndex {
    /// (document, signature), oldest first; `base` is the slot of the first.
    signatures: std::collections::VecDeque<(u32, Signature)>,
    base: u32,
    bands: HashMap<(u8, u64), Vec<u32>>,
}

fn band_key(sig: &Signature, band: usize) -> u64 {
    let rows = &sig[band * ROWS..(band + 1) * ROWS];
    let mut bytes = [0u8; ROWS * 4];
    for (i, r) in rows.iter().enumerate() {
        bytes[i * 4..i * 4 + 4].copy_from_slice(&r.to_le_bytes());
    }
    xxhash_rust::xxh3::xxh3_64(&bytes)
}

impl DuplicateIndex {
    /// Adds a document's signature.
    pub fn insert(&mut self, doc: u32, sig: Signature) {
        if sig[0] == u32::MAX {
            return; // no words: nothing to match
        }
        let slot = self.base + self.signatures.len() as u32;
        for b in 0..BANDS {
            self.bands
                .entry((b as u8, band_key(&sig, b)))
                .or_default()
                .push(slot);
        }
        self.signatures.push_back((doc, sig));
    }

    /// Forgets the signatures of documents numbered below `doc`.
    pub fn forget_before(&mut self, doc: u32) {
        let mut dropped = 0;
        while self.signatures.front().is_some_and(|(d, _)| *d < doc) {
            self.signatures.pop_front();
            dropped += 1;
        }
        if dropped == 0 {
            return;
        }
        self.base += dropped;
        let base = self.base;
        self.bands.retain(|_, slots| {
            slots.retain(|&s| s >= base);
            !slots.is_empty()
        });
    }

    /// The indexed document most similar to `sig` among those sharing a
    /// band with it, and the estimated similarity.
    pub fn best_match(&self, sig: &Signature) -> Option<(u32, f32)> {
        if sig[0] == u32::MAX {
            return None;
        }
        let mut best: Option<(u32, f32)> = None;
        let mut seen = std::collections::HashSet::new();
        for b in 0..BANDS {
            let Some(slots) = self.bands.get(&(b as u8, band_key(sig, b))) else {
                continue;
            };
            for &slot in slots {
                if slot < self.base || !seen.insert(slot) {
                    continue;
                }
                let (doc, other) = &self.signatures[(slot - self.base) as usize];
                let j = similarity(sig, other);
                if best.is_none_or(|(_, bj)| j > bj) {
                    best = Some((*doc, j));
                }
            }
        }
        best
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn copies_and_light_rewrites_are_near_duplicates() {
        let a = "Gunmen attacked a police post in the northern city of Kunduz on Tuesday, \
                 killing five officers and wounding three others, the provincial governor said. \
                 The Taliban claimed responsibility for the attack in a statement.";
        let b = format!("KABUL (Agency) - {a} Read more: subscribe to our newsletter.");
        let c = "Parliament approved the budget on Wednesday after a long debate about taxes \
                 and spending on schools, hospitals and roads across the country.";
        let (sa, sb, sc) = (signature(a), signature(&b), signature(c));
        assert!(similarity(&sa, &sb) > 0.6, "{}", similarity(&sa, &sb));
        assert!(similarity(&sa, &sc) < 0.1);
        let mut index = DuplicateIndex::default();
        index.insert(0, sa);
        index.insert(1, sc);
        assert_eq!(index.best_match(&sb).map(|m| m.0), Some(0));
        assert_eq!(index.best_match(&signature("")), None);
    }
}
