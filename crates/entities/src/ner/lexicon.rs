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

/// Word clusters: a word's 10-bit path in a hierarchy of clusters of GloVe
/// vectors (Pennington, Socher and Manning 2014; public domain), keyed by the
/// 32-bit hash of its lower-cased form ([`super::features::cluster_key_of`]);
/// open addressing, load at most one half.
#[derive(Debug, Clone, Default)]
pub struct ClusterTable {
    keys: Vec<u32>,
    paths: Vec<u16>,
    len: usize,
}

impl ClusterTable {
    /// A table of `(key, path)` pairs (a key given twice keeps its first path).
    pub fn new(pairs: &[(u32, u16)]) -> Self {
        let cap = (pairs.len() * 2).next_power_of_two().max(16);
        let (mut keys, mut paths) = (vec![0u32; cap], vec![0u16; cap]);
        let mut len = 0;
        for &(k, p) in pairs {
            let k = k.max(1);
            let mut s = slot(k, cap - 1);
            while keys[s] != 0 && keys[s] != k {
                s = (s + 1) & (cap - 1);
            }
            if keys[s] == 0 {
                (keys[s], paths[s]) = (k, p);
                len += 1;
            }
        }
        ClusterTable { keys, paths, len }
    }

    /// The path of the word whose key is `key`.
    #[inline]
    pub fn path(&self, key: u32) -> Option<u16> {
        if self.len == 0 {
            return None;
        }
        let mask = self.keys.len() - 1;
        let mut s = slot(key.max(1), mask);
        loop {
            match self.keys[s] {
                0 => return None,
                k if k == key.max(1) => return Some(self.paths[s]),
                _ => s = (s + 1) & mask,
            }
        }
    }

    /// How many words have a path.
    pub fn len(&self) -> usize {
        self.len
    }

    /// Whether none has.
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    fn pairs(&self) -> Vec<(u32, u16)> {
        let mut v: Vec<(u32, u16)> = self
            .keys
            .iter()
            .zip(&self.paths)
            .filter(|(k, _)| **k != 0)
            .map(|(&k, &p)| (k, p))
            .collect();
        v.sort_unstable();
        v
    }
}

/// The name lists, and the word clusters.
#[derive(Debug, Clone, Default)]
pub struct Lexicon {
    /// Word clusters (empty: the cluster features are silent).
    pub clusters: ClusterTable,
    lists: [HashSet32; LISTS.len()],
    /// Every proper prefix of a listed phrase ("New" of "New York"): a
    /// phrase that is none is extended no further.
    prefixes: HashSet32,
    /// Per phrase hash, which lists hold it (bit `l`) and whether it is a
    /// prefix ([`PREFIX`]): one probe per phrase looked at.
    flags: FlagTable,
}

/// The flag of a phrase that begins a longer listed phrase.
const PREFIX: u8 = 0x80;
const _: () = assert!(LISTS.len() < 8, "a list's flag is one bit of a byte");

/// Marks, list by list from the first token on, the longest listed phrase
/// at each token (`longest[i * L + l]` tokens from token `i`; 0: none) as
/// 1 (its first token) and 2 (the others), and goes on after it.
fn mark_longest(longest: &[u8], out: &mut [u8]) {
    let lists = LISTS.len();
    let n = longest.len() / lists;
    for l in 0..lists {
        let mut i = 0;
        while i < n {
            let best = usize::from(longest[i * lists + l]);
            if best == 0 {
                i += 1;
                continue;
            }
            out[i * lists + l] = 1;
            for j in i + 1..i + best {
                out[j * lists + l] = 2;
            }
            i += best;
        }
    }
}

/// Open addressing from a phrase hash to its flags (load at most one half).
#[derive(Debug, Clone, Default)]
struct FlagTable {
    slots: Vec<(u32, u8)>,
}

impl FlagTable {
    fn new(lists: &[HashSet32], prefixes: &HashSet32) -> Self {
        let keys: usize = lists.iter().map(|l| l.len).sum::<usize>() + prefixes.len;
        let cap = (keys * 2).next_power_of_two().max(16);
        let mut t = FlagTable {
            slots: vec![(0, 0); cap],
        };
        for (l, set) in lists.iter().enumerate() {
            for k in set.keys() {
                t.mark(k, 1 << l);
            }
        }
        for k in prefixes.keys() {
            t.mark(k, PREFIX);
        }
        t
    }

    fn mark(&mut self, k: u32, flag: u8) {
        let mask = self.slots.len() - 1;
        let mut s = slot(k, mask);
        while self.slots[s].0 != 0 && self.slots[s].0 != k {
            s = (s + 1) & mask;
        }
        self.slots[s].0 = k;
        self.slots[s].1 |= flag;
    }

    #[inline]
    fn get(&self, k: u32) -> u8 {
        if self.slots.is_empty() {
            return 0;
        }
        let mask = self.slots.len() - 1;
        let mut s = slot(k, mask);
        loop {
            match self.slots[s] {
                (0, _) => return 0,
                (x, f) if x == k => return f,
                _ => s = (s + 1) & mask,
            }
        }
    }
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
        let mut prefixes = Vec::new();
        for (set, phrases) in out.lists.iter_mut().zip(lists) {
            let mut keys = Vec::with_capacity(phrases.len());
            for p in phrases {
                let toks = tokens::tokenise(p);
                if toks.is_empty() || toks.len() > MAX_PHRASE_TOKENS {
                    continue;
                }
                let mut h = PhraseHash::new();
                for (k, t) in toks.iter().enumerate() {
                    h.push(t.text(p));
                    if k + 1 < toks.len() {
                        prefixes.push(h.value());
                    }
                }
                keys.push(h.value());
            }
            *set = HashSet32::with_keys(&keys);
        }
        out.prefixes = HashSet32::with_keys(&prefixes);
        out.flags = FlagTable::new(&out.lists, &out.prefixes);
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
        // The longest phrase of each list that begins at each token, once
        // for all the lists: `longest[i * L + l]` tokens from token i. A
        // phrase is extended only while it begins some listed phrase.
        let n = toks.len();
        let lists = LISTS.len();
        let mut longest = vec![0u8; n * lists];
        for i in 0..n {
            let mut h = PhraseHash::new();
            for k in 0..MAX_PHRASE_TOKENS.min(n - i) {
                h.push(toks[i + k].text(text));
                let flags = self.flags.get(h.value());
                for l in (0..lists).filter(|l| flags & (1 << l) != 0) {
                    longest[i * lists + l] = k as u8 + 1;
                }
                if flags & PREFIX == 0 {
                    break;
                }
            }
        }
        mark_longest(&longest, out);
    }

    /// Appends the lists to a model file: per list, then for the phrases'
    /// prefixes, `u32 n` then `n` sorted `u32` hashes; then the clusters,
    /// `u32 n` then `n` sorted `(u32 key, u16 path)`.
    pub fn write(&self, out: &mut Vec<u8>) {
        for set in self.lists.iter().chain([&self.prefixes]) {
            let keys = set.keys();
            out.extend_from_slice(&(keys.len() as u32).to_le_bytes());
            for k in keys {
                out.extend_from_slice(&k.to_le_bytes());
            }
        }
        let pairs = self.clusters.pairs();
        out.extend_from_slice(&(pairs.len() as u32).to_le_bytes());
        for (k, p) in pairs {
            out.extend_from_slice(&k.to_le_bytes());
            out.extend_from_slice(&p.to_le_bytes());
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
        for set in out.lists.iter_mut().chain([&mut out.prefixes]) {
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
        out.flags = FlagTable::new(&out.lists, &out.prefixes);
        let n = u32_at(at)? as usize;
        if n > b.len() / 6 {
            return None;
        }
        let mut pairs = Vec::with_capacity(n);
        for _ in 0..n {
            let k = u32_at(at)?;
            let p = b.get(*at..*at + 2)?;
            *at += 2;
            pairs.push((k, u16::from_le_bytes([p[0], p[1]])));
        }
        out.clusters = ClusterTable::new(&pairs);
        Some(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clusters_are_found_by_word_and_kept_in_the_model_file() {
        use crate::ner::features::cluster_key_of;
        let pairs = [
            (cluster_key_of("kabul"), 0b10_1100_0011),
            (cluster_key_of("taliban"), 0b01_0000_1111),
        ];
        let mut lex =
            Lexicon::from_phrases(&[vec!["Kabul".into()], vec![], vec![], vec![], vec![]]);
        lex.clusters = ClusterTable::new(&pairs);
        // the key is the word's lower-cased form, as the features compute it
        assert_eq!(
            lex.clusters.path(cluster_key_of("Kabul")),
            Some(0b10_1100_0011)
        );
        assert_eq!(lex.clusters.path(cluster_key_of("Herat")), None);
        let mut bytes = Vec::new();
        lex.write(&mut bytes);
        let mut at = 0;
        let back = Lexicon::read(&bytes, &mut at).expect("reads back");
        assert_eq!(at, bytes.len());
        assert_eq!(back.clusters.len(), 2);
        assert_eq!(
            back.clusters.path(cluster_key_of("taliban")),
            Some(0b01_0000_1111)
        );
        assert_eq!(back.sizes(), lex.sizes());
        // cut short, it is no lexicon
        assert!(Lexicon::read(&bytes[..bytes.len() - 3], &mut 0).is_none());
    }

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

    /// The tags, found the slow way: every phrase of up to
    /// [`MAX_PHRASE_TOKENS`] tokens looked up in each list.
    fn tag_slowly(lex: &Lexicon, text: &str, toks: &[Token]) -> Vec<u8> {
        let (n, lists) = (toks.len(), LISTS.len());
        let mut longest = vec![0u8; n * lists];
        for (l, set) in lex.lists.iter().enumerate() {
            let keys: std::collections::HashSet<u32> = set.keys().into_iter().collect();
            for i in 0..n {
                let mut h = PhraseHash::new();
                for k in 0..MAX_PHRASE_TOKENS.min(n - i) {
                    h.push(toks[i + k].text(text));
                    if keys.contains(&h.value()) {
                        longest[i * lists + l] = k as u8 + 1;
                    }
                }
            }
        }
        let mut out = vec![0u8; n * lists];
        mark_longest(&longest, &mut out);
        out
    }

    #[test]
    fn phrases_are_extended_only_while_they_begin_a_listed_one() {
        let text = "The United Nations Assistance Mission in Afghanistan said New York and \
                    New York City officials met in Kabul, Mazar-i-Sharif and Kunduz on Monday. \
                    Mr John Smith of the United Nations spoke. United States of America.";
        let toks = tokens::tokenise(text);
        let words: Vec<&str> = toks.iter().map(|t| t.text(text)).collect();
        // lists of every phrase of one to four words, some in two lists
        let mut lists = vec![Vec::new(); LISTS.len()];
        for i in 0..words.len() {
            for k in 1..=4.min(words.len() - i) {
                if (i * 7 + k) % 3 != 0 {
                    lists[(i + k) % LISTS.len()].push(words[i..i + k].join(" "));
                }
            }
        }
        let lex = Lexicon::from_phrases(&lists);
        let mut tags = Vec::new();
        lex.tag(text, &toks, &mut tags);
        assert_eq!(tags, tag_slowly(&lex, text, &toks));
    }
}
