//! The lemmatiser: a word's lemma from the training treebank's words when
//! it was seen there with that universal tag, else from the most frequent
//! rewriting of the longest suffix seen with that tag (strip `n` final
//! characters, append a string: `studies` → `study` by `ies` → `y`).

use std::collections::HashMap;

use crate::perceptron::{Reader, put_str};

/// How a form becomes its lemma: characters cut from the end, text added.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
struct Edit {
    cut: u8,
    add: String,
}

/// The longest suffix a rewriting is keyed by.
const MAX_SUFFIX: usize = 5;

/// The lemmatiser.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Lemmatiser {
    /// `upos \t lower-case form` → lemma.
    known: HashMap<String, String>,
    /// `upos \t suffix` → the rewriting.
    rules: HashMap<String, Edit>,
}

fn edit_of(form: &str, lemma: &str) -> Option<Edit> {
    let f: Vec<char> = form.chars().collect();
    let l: Vec<char> = lemma.chars().collect();
    let common = f.iter().zip(&l).take_while(|(a, b)| a == b).count();
    let cut = f.len() - common;
    (cut <= 8).then(|| Edit {
        cut: cut as u8,
        add: l[common..].iter().collect(),
    })
}

impl Lemmatiser {
    /// Learns from `(form, upos, lemma)` triples.
    pub fn learn<'a>(words: impl Iterator<Item = (&'a str, &'a str, &'a str)>) -> Lemmatiser {
        let mut seen: HashMap<String, HashMap<String, u32>> = HashMap::new();
        let mut edits: HashMap<String, HashMap<Edit, u32>> = HashMap::new();
        for (form, upos, lemma) in words {
            if lemma == "_" || form.is_empty() {
                continue;
            }
            let lower = form.to_lowercase();
            *seen
                .entry(format!("{upos}\t{lower}"))
                .or_default()
                .entry(lemma.to_owned())
                .or_default() += 1;
            let base = if lemma.chars().next().is_some_and(char::is_uppercase) {
                form
            } else {
                &lower
            };
            if let Some(e) = edit_of(base, lemma) {
                let chars: Vec<char> = lower.chars().collect();
                for k in 1..=MAX_SUFFIX.min(chars.len()) {
                    let suffix: String = chars[chars.len() - k..].iter().collect();
                    *edits
                        .entry(format!("{upos}\t{suffix}"))
                        .or_default()
                        .entry(e.clone())
                        .or_default() += 1;
                }
            }
        }
        let most = |m: HashMap<String, u32>| {
            m.into_iter()
                .max_by(|a, b| a.1.cmp(&b.1).then_with(|| b.0.cmp(&a.0)))
                .map(|(v, _)| v)
        };
        let known = seen
            .into_iter()
            .filter_map(|(k, m)| Some((k, most(m)?)))
            .collect();
        let rules = edits
            .into_iter()
            .filter_map(|(k, m)| {
                let total: u32 = m.values().sum();
                let (e, n) = m
                    .into_iter()
                    .max_by(|a, b| a.1.cmp(&b.1).then_with(|| b.0.cmp(&a.0)))?;
                // a suffix seen twice at least, its rewriting most of the time
                (total >= 2 && n * 2 > total).then_some((k, e))
            })
            .collect();
        Lemmatiser { known, rules }
    }

    /// The lemma of `form` tagged `upos`.
    pub fn lemma(&self, form: &str, upos: &str) -> String {
        let lower = form.to_lowercase();
        if let Some(l) = self.known.get(&format!("{upos}\t{lower}")) {
            return l.clone();
        }
        if upos == "PROPN" {
            return form.to_owned();
        }
        if upos == "NUM" || upos == "PUNCT" || upos == "SYM" {
            return lower;
        }
        let chars: Vec<char> = lower.chars().collect();
        for k in (1..=MAX_SUFFIX.min(chars.len())).rev() {
            let suffix: String = chars[chars.len() - k..].iter().collect();
            if let Some(e) = self.rules.get(&format!("{upos}\t{suffix}")) {
                let keep = chars.len().saturating_sub(e.cut as usize);
                let mut out: String = chars[..keep].iter().collect();
                out.push_str(&e.add);
                return out;
            }
        }
        lower
    }

    /// Appends the tables to `out`.
    pub fn write(&self, out: &mut Vec<u8>) {
        let mut known: Vec<_> = self.known.iter().collect();
        known.sort();
        out.extend_from_slice(&(known.len() as u32).to_le_bytes());
        for (k, v) in known {
            put_str(out, k);
            put_str(out, v);
        }
        let mut rules: Vec<_> = self.rules.iter().collect();
        rules.sort();
        out.extend_from_slice(&(rules.len() as u32).to_le_bytes());
        for (k, e) in rules {
            put_str(out, k);
            out.push(e.cut);
            put_str(out, &e.add);
        }
    }

    /// Reads what [`Lemmatiser::write`] wrote.
    pub fn read(r: &mut Reader<'_>) -> Result<Lemmatiser, &'static str> {
        let mut l = Lemmatiser::default();
        for _ in 0..r.u32()? {
            let k = r.str()?.to_owned();
            l.known.insert(k, r.str()?.to_owned());
        }
        for _ in 0..r.u32()? {
            let k = r.str()?.to_owned();
            let cut = r.u8()?;
            let add = r.str()?.to_owned();
            l.rules.insert(k, Edit { cut, add });
        }
        Ok(l)
    }
}
