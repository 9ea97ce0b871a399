//! Name lists the model carries: places, organisations, people, given names
//! and surnames, each a set of 32-bit hashes of lower-cased token sequences (up to
//! [`MAX_PHRASE_TOKENS`] tokens). The training program builds them from
//! Beacon's own data (the gazetteer, built from GeoNames; the actor
//! dictionary) and the 1990 US Census name lists (public domain; see
//! `data/ner/README.md`) and writes them into the
//! model file, so the recogniser needs nothing else at run time.
//!
//! A sentence is matched against each list left to right, longest phrase
//! first; each token gets B (begins a listed phrase), I (inside one) or O per
//! list, and the features combine that with the token's shape, so the model
//! learns how far to trust a list (a capitalised "Nice" more than "nice").

use beacon_text::tokens::{self, Token};

/// The lists, in feature order.
pub const LISTS: [&str; 5] = ["place", "org", "person", "given", "surname"];

/// The longest phrase matched.
pub const MAX_PHRASE_TOKENS: usize = 6;

/// A set of nonzero 32-bit hashes (open addressing, load at most one half).
#[derive(Debug, Clone, Default)]
pub struct HashSet32 {
    slots: Vec<u32>,
    len: usize,
}

impl HashSet32 {
    fn with_keys(keys: &[u32]) -> Self {
        let cap = (keys.len() * 2).next_power_of_two().max(16);
        let mut slots = vec![0u32; cap];
        let mut len = 0;
        for &k in keys {
            let k = k.max(1);
            let mut s = slot(k, cap - 1);
            while slots[s] != 0 && slots[s] != k {
                s = (s + 1) & (cap - 1);
            }
            if slots[s] == 0 {
                len += 1;
                slots[s] = k;
            }
        }
        HashSet32 { slots, len }
    }

    #[inline]
    fn contains(&self, k: u32) -> bool {
        if self.len == 0 {
            return false;
        }
        let mask = self.slots.len() - 1;
        let mut s = slot(k, mask);
        loop {
            match self.slots[s] {
                0 => return false,
                x if x == k => return true,
                _ => s = (s + 1) & mask,
            }
        }
    }

    fn keys(&self) -> Vec<u32> {
        let mut k: Vec<u32> = self.slots.iter().copied().filter(|&x| x != 0).collect();
        k.sort_unstable();
        k
    }
}

#[inline]
fn slot(key: u32, mask: usize) -> usize {
    (key.wrapping_mul(0x85eb_ca6b) as usize) & mask
}

/// The name lists.
#[derive(Debug, Clone, Default)]
pub struct Lexicon {
    lists: [HashSet32; LISTS.len()],
}

/// Incremental hash of a lower-cased token sequence.
#[derive(Clone, Copy)]
struct PhraseHash(u64);

impl PhraseHash {
    fn new() -> Self {
        PhraseHash(0xcbf2_9ce4_8422_2325)
    }
    fn push(&mut self, token: &str) {
        let mut byte = |x: u8| {
            self.0 ^= u64::from(x);
            self.0 = self.0.wrapping_mul(0x0000_0100_0000_01b3);
        };
        if token.is_ascii() {
            // The common case, without decoding characters.
            token.bytes().for_each(|b| byte(b.to_ascii_lowercase()));
        } else {
            for c in token.chars().flat_map(char::to_lowercase) {
                let mut b = [0u8; 4];
                c.encode_utf8(&mut b).bytes().for_each(&mut byte);
            }
        }
        self.0 ^= 0xff;
        self.0 = self.0.wrapping_mul(0x0000_0100_0000_01b3);
    }
    fn value(self) -> u32 {
        let x = self.0 ^ (self.0 >> 31);
        let x = x.wrapping_mul(0x94d0_49bb_1331_11eb);
        ((x ^ (x >> 32)) as u32).max(1)
    }
}

impl Lexicon {
    /// Builds the lists from phrases (one `Vec` per entry of [`LISTS`]); each
    /// phrase is tokenised as article text is.
    pub fn from_phrases(lists: &[Vec<String>]) -> Self {
        let mut out = Lexicon::default();
        for (set, phrases) in out.lists.iter_mut().zip(lists) {
            let mut keys = Vec::with_capacity(phrases.len());
            for p in phrases {
                let toks = tokens::tokenise(p);
                if toks.is_empty() || toks.len() > MAX_PHRASE_TOKENS {
                    continue;
                }
                let mut h = PhraseHash::new();
                for t in &toks {
                    h.push(t.text(p));
                }
                keys.push(h.value());
            }
            *set = HashSet32::with_keys(&keys);
        }
        out
    }

    /// How many phrases each list holds.
    pub fn sizes(&self) -> [usize; LISTS.len()] {
        std::array::from_fn(|i| self.lists[i].len)
    }

    /// Per token and list: 0 (not listed), 1 (begins a listed phrase) or 2
    /// (inside one), `LISTS.len()` values per token.
    pub fn tag(&self, text: &str, toks: &[Token], out: &mut Vec<u8>) {
        out.clear();
        out.resize(toks.len() * LISTS.len(), 0);
        if self.lists.iter().all(|set| set.len == 0) {
            return;
        }
        // The hash of every phrase of up to MAX_PHRASE_TOKENS tokens, once
        // for all the lists: `phrases[i * MAX + k]` covers tokens i..=i+k.
        let n = toks.len();
        let mut phrases = vec![0u32; n * MAX_PHRASE_TOKENS];
        for i in 0..n {
            let mut h = PhraseHash::new();
            for k in 0..MAX_PHRASE_TOKENS.min(n - i) {
                h.push(toks[i + k].text(text));
                phrases[i * MAX_PHRASE_TOKENS + k] = h.value();
            }
        }
        for (l, set) in self.lists.iter().enumerate() {
            if set.len == 0 {
                continue;
            }
            let mut i = 0;
            while i < n {
                let mut best = 0;
                for k in 0..MAX_PHRASE_TOKENS.min(n - i) {
                    if set.contains(phrases[i * MAX_PHRASE_TOKENS + k]) {
                        best = k + 1;
                    }
                }
                if best == 0 {
                    i += 1;
                    continue;
                }
                out[i * LISTS.len() + l] = 1;
                for j in i + 1..i + best {
                    out[j * LISTS.len() + l] = 2;
                }
                i += best;
            }
        }
    }

    /// Appends the lists to a model file: per list, `u32 n` then `n` sorted
    /// `u32` hashes.
    pub fn write(&self, out: &mut Vec<u8>) {
        for set in &self.lists {
            let keys = set.keys();
            out.extend_from_slice(&(keys.len() as u32).to_le_bytes());
            for k in keys {
                out.extend_from_slice(&k.to_le_bytes());
            }
        }
    }

    /// Reads what [`Lexicon::write`] wrote; None when cut short.
    pub fn read(b: &[u8], at: &mut usize) -> Option<Self> {
        let mut out = Lexicon::default();
        let u32_at = |at: &mut usize| -> Option<u32> {
            let s = b.get(*at..*at + 4)?;
            *at += 4;
            Some(u32::from_le_bytes([s[0], s[1], s[2], s[3]]))
        };
        for set in out.lists.iter_mut() {
            let n = u32_at(at)? as usize;
            if n > b.len() / 4 {
                return None;
            }
            let mut keys = Vec::with_capacity(n);
            for _ in 0..n {
                keys.push(u32_at(at)?);
            }
            *set = HashSet32::with_keys(&keys);
        }
        Some(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn longest_phrases_are_tagged_case_blind() {
        let lex = Lexicon::from_phrases(&[
            vec!["New York".into(), "York".into(), "Kabul".into()],
            vec![],
            vec![],
            vec!["Alexander".into()],
            vec![],
        ]);
        let text = "alexander flew from new york to KABUL";
        let toks = tokens::tokenise(text);
        let mut tags = Vec::new();
        lex.tag(text, &toks, &mut tags);
        let place: Vec<u8> = tags.chunks(LISTS.len()).map(|c| c[0]).collect();
        let first: Vec<u8> = tags.chunks(LISTS.len()).map(|c| c[3]).collect();
        assert_eq!(place, [0, 0, 0, 1, 2, 0, 1]);
        assert_eq!(first, [1, 0, 0, 0, 0, 0, 0]);
        let mut b = Vec::new();
        lex.write(&mut b);
        let mut at = 0;
        let back = Lexicon::read(&b, &mut at).unwrap();
        assert_eq!((back.sizes(), at), (lex.sizes(), b.len()));
    }
}
