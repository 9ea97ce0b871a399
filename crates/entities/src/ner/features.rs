//! Features of a token in its sentence, hashed to 32 bits.
//!
//! Each feature is a template number and the strings it combines (the word,
//! its neighbours, their shapes, affixes, the sentence's casing, the name
//! lists' answers, the word clusters' paths): each string
//! is hashed once per token (FNV-1a), and a feature mixes its template with
//! its strings' hashes and folds the result to 32 bits. The model stores weights only for the
//! hashes it saw in training, so the vocabulary costs nothing at run time and
//! an unseen word simply has no weight.
//!
//! Changing a template changes the hashes: the model must then be retrained
//! (the model file records [`FEATURE_VERSION`] and refuses another).

use super::lexicon::{LISTS, Lexicon};
use beacon_text::tokens::Token;

/// The version of the feature templates; the model file must match it.
pub const FEATURE_VERSION: u32 = 7;

/// A lookup into a list of known names (a gazetteer, an actor dictionary):
/// whether a word (as written) begins or is part of a listed name. The
/// recogniser learns a weight for the answer when it is trained with the
/// same list; without one the feature is silent.
pub type NameList<'a> = &'a dyn Fn(&str) -> bool;

/// FNV-1a of a string: a part of a feature.
fn part(s: &str) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in s.as_bytes() {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    h
}

/// A feature: its template and its parts' hashes, mixed and folded to 32
/// bits (never 0: 0 marks an empty slot in the model's table).
fn feature(template: u8, parts: &[u64]) -> u32 {
    let mut x = 0x9e37_79b9_7f4a_7c15u64 ^ u64::from(template);
    for &p in parts {
        x = (x ^ p).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        x ^= x >> 31;
    }
    let x = x.wrapping_mul(0x94d0_49bb_1331_11eb);
    ((x ^ (x >> 32)) as u32).max(1)
}

/// What the features need of one token, computed once.
struct Word {
    /// Lower case, digits as 0, at most 24 characters.
    lower: String,
    /// The hashes ([`part`]) of `lower`, of `shape`, and of the short
    /// shape (runs cut to one).
    h_lower: u64,
    h_shape: u64,
    h_short: u64,
    /// Shape: X x d for upper, lower, digit (other letters a), runs of more
    /// than two cut to two; punctuation kept.
    shape: String,
    /// Starts with an upper-case letter.
    cap: bool,
    /// Has letters, all upper case.
    upper: bool,
    /// Its cluster path (`Lexicon::clusters`), or [`NO_CLUSTER`].
    cluster: u32,
}

/// The cluster of a word the clusters do not hold (and of the padding).
const NO_CLUSTER: u32 = 1 << 16;

/// The key of a word in the cluster table: the hash of its lower-cased
/// form, digits as `0`, as the features compute it.
pub fn cluster_key_of(text: &str) -> u32 {
    cluster_key(&word(text).lower)
}

fn cluster_key(lower: &str) -> u32 {
    let h = part(lower);
    ((h ^ (h >> 32)) as u32).max(1)
}

fn word(text: &str) -> Word {
    let mut lower = String::with_capacity(text.len());
    let mut shape = String::with_capacity(8);
    let mut short = String::with_capacity(6);
    let (mut last, mut run) = ('\0', 0);
    let (mut letters, mut uppers) = (0, 0);
    for (n, c) in text.chars().enumerate() {
        if n < 24 {
            if c.is_ascii_digit() {
                lower.push('0');
            } else {
                lower.extend(c.to_lowercase());
            }
        }
        let s = if c.is_uppercase() {
            'X'
        } else if c.is_lowercase() {
            'x'
        } else if c.is_numeric() {
            'd'
        } else if c.is_alphabetic() {
            'a'
        } else {
            c
        };
        if c.is_alphabetic() {
            letters += 1;
            if c.is_uppercase() {
                uppers += 1;
            }
        }
        if s == last {
            run += 1;
        } else {
            run = 1;
            last = s;
            if short.len() < 8 {
                short.push(s);
            }
        }
        if run <= 2 && shape.len() < 12 {
            shape.push(s);
        }
    }
    Word {
        h_lower: part(&lower),
        h_shape: part(&shape),
        h_short: part(&short),
        lower,
        shape,
        cap: text.chars().next().is_some_and(char::is_uppercase),
        upper: letters > 0 && uppers == letters,
        cluster: NO_CLUSTER,
    }
}

/// How the sentence is cased, which changes what a capital letter means:
/// headlines and tweets in capitals or in lower case.
fn sentence_case(words: &[Word]) -> &'static str {
    let (mut n, mut caps, mut uppers, mut lowers) = (0, 0, 0, 0);
    for w in words {
        if !w.shape.contains(['X', 'x']) {
            continue;
        }
        n += 1;
        if w.upper {
            uppers += 1;
        } else if w.cap {
            caps += 1;
        } else {
            lowers += 1;
        }
    }
    if n < 3 {
        "short"
    } else if uppers * 10 >= n * 7 {
        "upper"
    } else if lowers == n {
        "lower"
    } else if caps * 10 >= n * 7 {
        "title"
    } else {
        "mixed"
    }
}

/// Appends the feature hashes of every token of one sentence to `out`,
/// [`FEATURES_PER_TOKEN`] per token, in token order.
pub fn sentence_features(
    text: &str,
    tokens: &[Token],
    lexicon: &Lexicon,
    names: Option<NameList<'_>>,
    out: &mut Vec<u32>,
) {
    let words: Vec<Word> = tokens
        .iter()
        .map(|t| {
            let mut w = word(t.text(text));
            w.cluster = lexicon
                .clusters
                .path(cluster_key(&w.lower))
                .map_or(NO_CLUSTER, u32::from);
            w
        })
        .collect();
    let mut listed_as = Vec::new();
    lexicon.tag(text, tokens, &mut listed_as);
    let case = sentence_case(&words);
    let pad_l2 = boundary("<s2>", "<s>");
    let pad_l1 = boundary("<s1>", "<s>");
    let pad_r1 = boundary("</s1>", "</s>");
    let pad_r2 = boundary("</s2>", "</s>");
    let at = |i: isize| -> &Word {
        if i < -1 {
            &pad_l2
        } else if i < 0 {
            &pad_l1
        } else if i as usize > words.len() {
            &pad_r2
        } else if i as usize >= words.len() {
            &pad_r1
        } else {
            &words[i as usize]
        }
    };
    let case = part(case);
    let (first_word, later_word) = (part("1"), part("0"));
    let list_answer = [part("listed"), part("unlisted"), part("nolist")];
    let bio = [part("O"), part("B"), part("I")];
    for (i, tok) in tokens.iter().enumerate() {
        let i = i as isize;
        let (w0, wm1, wm2, wp1, wp2) = (at(i), at(i - 1), at(i - 2), at(i + 1), at(i + 2));
        let first = if i == 0 { first_word } else { later_word };
        let before = out.len();
        let mut f = |t: u8, parts: &[u64]| out.push(feature(t, parts));
        f(0, &[]);
        f(1, &[w0.h_lower]);
        f(2, &[w0.h_shape]);
        f(3, &[w0.h_shape, first, case]);
        // Prefixes and suffixes as slices of the lower-cased word, cut at
        // character boundaries (no allocation per token).
        let lower = w0.lower.as_str();
        let mut bounds = [0usize; 26];
        let mut n = 0;
        for (b, _) in lower.char_indices().take(25) {
            bounds[n] = b;
            n += 1;
        }
        bounds[n] = lower.len();
        let affix = |a: usize, b: usize| part(&lower[bounds[a.min(n)]..bounds[b.min(n)]]);
        f(4, &[affix(0, 1)]);
        f(5, &[affix(0, 2)]);
        f(6, &[affix(0, 3)]);
        f(7, &[affix(n.saturating_sub(1), n)]);
        f(8, &[affix(n.saturating_sub(2), n)]);
        f(9, &[affix(n.saturating_sub(3), n)]);
        f(10, &[affix(n.saturating_sub(4), n)]);
        f(11, &[wm1.h_lower]);
        f(12, &[wp1.h_lower]);
        f(13, &[wm2.h_lower]);
        f(14, &[wp2.h_lower]);
        f(15, &[wm1.h_short]);
        f(16, &[wp1.h_short]);
        f(17, &[wm1.h_lower, w0.h_lower]);
        f(18, &[w0.h_lower, wp1.h_lower]);
        f(19, &[wm1.h_short, w0.h_short, wp1.h_short]);
        f(20, &[wm1.h_lower, w0.h_short]);
        f(21, &[w0.h_short, wp1.h_lower]);
        f(22, &[w0.h_lower, first, case]);
        f(23, &[wm2.h_short, wm1.h_short, w0.h_short]);
        f(24, &[w0.h_short, wp1.h_short, wp2.h_short]);
        let listed = names.map(|l| l(tok.text(text)));
        f(
            25,
            &[match listed {
                Some(true) => list_answer[0],
                Some(false) => list_answer[1],
                None => list_answer[2],
            }],
        );
        let tags = &listed_as[i as usize * LISTS.len()..][..LISTS.len()];
        for (l, &t) in tags.iter().enumerate() {
            let t = bio[t as usize];
            f(26 + l as u8, &[t]);
            f(40 + l as u8, &[t, w0.h_short, first]);
        }
        // the word's cluster at 4, 6, 8 and 10 bits, its neighbours' at 6,
        // and the whole path with the word's short shape
        let c = |w: &Word, bits: u32| u64::from(w.cluster >> (10 - bits)) | (u64::from(bits) << 20);
        for (k, bits) in [4u32, 6, 8, 10].into_iter().enumerate() {
            f(50 + k as u8, &[c(w0, bits)]);
        }
        f(54, &[c(wm1, 6)]);
        f(55, &[c(wp1, 6)]);
        f(56, &[c(w0, 10), w0.h_short]);
        debug_assert_eq!(out.len() - before, FEATURES_PER_TOKEN);
    }
}

fn boundary(lower: &str, shape: &str) -> Word {
    Word {
        h_lower: part(lower),
        h_shape: part(shape),
        h_short: part(shape),
        lower: lower.into(),
        shape: shape.into(),
        cap: false,
        upper: false,
        cluster: NO_CLUSTER,
    }
}

/// How many features each token has.
pub const FEATURES_PER_TOKEN: usize = 26 + 2 * LISTS.len() + 7;

#[cfg(test)]
mod tests {
    use super::*;
    use beacon_text::tokens::tokenise;

    #[test]
    fn shapes() {
        let w = word("McDonald's");
        assert_eq!(w.shape, "XxXxx'x");
        // the short shape: runs cut to one
        assert_eq!(w.h_short, part("XxXx'x"));
        assert_eq!(word("1990").shape, "dd");
        assert_eq!(word("Москва").lower, "москва");
    }

    #[test]
    fn every_token_has_the_same_number_of_features() {
        let text = "Alexander Bortnikov said so .";
        let toks = tokenise(text);
        let mut out = Vec::new();
        sentence_features(text, &toks, &Lexicon::default(), None, &mut out);
        assert_eq!(out.len(), toks.len() * FEATURES_PER_TOKEN);
        assert!(out.iter().all(|&h| h != 0));
    }
}
