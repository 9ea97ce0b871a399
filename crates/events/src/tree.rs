//! The dependency tree of a sentence that holds a trigger, where the
//! pipeline gives the events stage a parser ([`Parser`]; Beacon's is
//! `beacon-syntax`, UD relations). The coder reads it for what word windows
//! cannot see:
//! - **modality from the governing chain**: "the militia *wants* to attack
//!   the airport" (anticipated), "the ministry *claimed* that forces had
//!   shelled the camps" (claimed), "*failed* to storm the town", "a *pause*
//!   in the bombing" (denied): the trigger's chain of heads, through
//!   complements, objects and modifiers, up to three steps;
//! - **the subject**: "the militia" of "wants to attack" (the controller of
//!   the complement), the whole noun phrase of the subject, its relative
//!   clauses left out.
//!
//! Without a parser (a test, a caller that needs no tree) the coder reads
//! word windows alone.

use std::ops::Range;

use beacon_model::Modality;

/// One word of a parsed sentence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Dep {
    /// Its head: the word's number from 1, 0 for the root.
    pub head: usize,
    /// The relation to its head (UD: `nsubj`, `xcomp`, `obl:agent`, …).
    pub rel: String,
    /// Its lemma, lower-cased.
    pub lemma: String,
    /// Its universal part of speech (`VERB`, `NOUN`, …).
    pub upos: String,
}

/// What parses a sentence's words.
pub trait Parser: Sync + std::fmt::Debug {
    /// One [`Dep`] per word, in order.
    fn parse(&self, words: &[&str]) -> Vec<Dep>;
}

/// Governing words that make an event anticipated: intent, plans, fears,
/// postponement ("postponed their meeting": it may yet take place).
const ANTICIPATING: &[&str] = &[
    "want",
    "plan",
    "intend",
    "seek",
    "aim",
    "hope",
    "prepare",
    "vow",
    "pledge",
    "promise",
    "try",
    "attempt",
    "expect",
    "decide",
    "propose",
    "plot",
    "consider",
    "threaten",
    "threat",
    "fear",
    "prospect",
    "risk",
    "postpone",
    "delay",
    "reschedule",
    "urge",
];

/// Governing words that say an event did not take place (or has stopped).
const DENYING: &[&str] = &[
    "deny",
    "fail",
    "refuse",
    "cancel",
    "prevent",
    "avoid",
    "abandon",
    "scrap",
    "pause",
    "halt",
    "suspension",
    "cessation",
    "lull",
    "absence",
];

/// Governing words that make it someone's claim.
const CLAIMING: &[&str] = &["claim", "allege", "accuse", "assert"];

/// Relations through which a head governs its dependent's event.
const GOVERNED_BY: &[&str] = &[
    "xcomp",
    "ccomp",
    "obj",
    "nmod",
    "obl",
    "acl",
    "advcl",
    "csubj",
    "nsubj",
    "nsubj:pass",
];

/// Relations whose subtrees are not part of a subject's noun phrase (an
/// apposition is: "the watchdog Amnesty International"; so are conjuncts:
/// "X and Y attacked").
const OUTSIDE_PHRASE: &[&str] = &["acl", "acl:relcl", "parataxis", "punct"];

/// A sentence's tree, its words numbered as the text's tokens.
#[derive(Debug, Clone)]
pub struct Tree {
    deps: Vec<Dep>,
    /// The token index of the sentence's first word.
    offset: usize,
}

impl Tree {
    /// The tree of the sentence whose first token is `offset`.
    pub fn new(deps: Vec<Dep>, offset: usize) -> Tree {
        Tree { deps, offset }
    }

    fn dep(&self, token: usize) -> Option<&Dep> {
        token
            .checked_sub(self.offset)
            .and_then(|i| self.deps.get(i))
    }

    /// The head of a token, as a token index.
    fn head(&self, token: usize) -> Option<usize> {
        let d = self.dep(token)?;
        (d.head > 0).then(|| self.offset + d.head - 1)
    }

    fn children(&self, token: usize) -> impl Iterator<Item = usize> + '_ {
        let n = token + 1 - self.offset;
        self.deps
            .iter()
            .enumerate()
            .filter(move |(_, d)| d.head == n)
            .map(move |(i, _)| self.offset + i)
    }

    /// The word of a span whose head lies outside it (a phrase's head).
    pub fn head_of(&self, span: Range<usize>) -> usize {
        span.clone()
            .find(|&t| self.head(t).is_none_or(|h| !span.contains(&h)))
            .unwrap_or(span.start)
    }

    /// The modality the trigger at token `t` takes from the words that
    /// govern it, with the rule and the governing word.
    pub fn governed(&self, t: usize) -> Option<(Modality, &'static str, String)> {
        let mut at = t;
        for _ in 0..3 {
            let d = self.dep(at)?;
            let rel = d.rel.as_str();
            if !GOVERNED_BY.contains(&rel) {
                return None;
            }
            let g = self.head(at)?;
            let lemma = self.dep(g)?.lemma.as_str();
            // "claims of an attack" and "denied the attack": a subject is
            // governed only by a noun of speech ("the claim that ...")
            let found = if CLAIMING.contains(&lemma) {
                Some((Modality::Claimed, "tree:claimed"))
            } else if DENYING.contains(&lemma) && !rel.starts_with("nsubj") {
                Some((Modality::Denied, "tree:denied"))
            } else if ANTICIPATING.contains(&lemma) && !rel.starts_with("nsubj") {
                Some((Modality::Anticipated, "tree:anticipated"))
            } else {
                None
            };
            if let Some((m, rule)) = found {
                return Some((m, rule, lemma.to_owned()));
            }
            at = g;
        }
        None
    }

    /// The subject of the verb at token `v` (or of the verb whose object
    /// `v` is) as a token range: its own `nsubj`, else, for a complement
    /// ("wants to attack"), the subject of the verb it completes. `None`
    /// when the tree names none, or `v` is neither a verb nor its object.
    pub fn subject(&self, v: usize) -> Option<Range<usize>> {
        let mut d = self.dep(v)?;
        let mut v = v;
        // a noun trigger as the object of its verb: "fired two missiles",
        // "carried out an attack"
        if d.upos == "NOUN" && d.rel == "obj" {
            v = self.head(v)?;
            d = self.dep(v)?;
        }
        if d.upos != "VERB" {
            return None;
        }
        let subjects = |w: usize| -> Vec<usize> {
            self.children(w)
                .filter(|&c| {
                    self.dep(c)
                        .is_some_and(|x| x.rel == "nsubj" || x.rel == "nsubj:pass")
                })
                .collect()
        };
        let mut s = subjects(v);
        if s.is_empty() && d.rel == "xcomp" {
            s = subjects(self.head(v)?);
        }
        // a pronoun ("Hungary said it will ...") names no one: the words
        // before it do
        if s.is_empty()
            || s.iter()
                .any(|&w| self.dep(w).is_some_and(|x| x.upos == "PRON"))
        {
            return None;
        }
        // a verb given two subjects ("Leaders of the coalition" and
        // "coalition", a parse's slip): the phrase that spans them
        let spans: Vec<Range<usize>> = s.iter().map(|&w| self.phrase(w)).collect();
        let lo = spans.iter().map(|r| r.start).min()?;
        let hi = spans.iter().map(|r| r.end).max()?;
        Some(lo..hi)
    }

    /// The noun phrase headed by token `h`: its subtree, clauses left out,
    /// as the tokens from its first to its last word.
    fn phrase(&self, h: usize) -> Range<usize> {
        let (mut lo, mut hi) = (h, h);
        let mut stack = vec![h];
        while let Some(w) = stack.pop() {
            for c in self.children(w) {
                if self
                    .dep(c)
                    .is_some_and(|x| !OUTSIDE_PHRASE.contains(&x.rel.as_str()))
                {
                    lo = lo.min(c);
                    hi = hi.max(c);
                    stack.push(c);
                }
            }
        }
        lo..hi + 1
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A tree from (head, rel, lemma, upos) per word.
    fn tree(words: &[(usize, &str, &str, &str)], offset: usize) -> Tree {
        Tree::new(
            words
                .iter()
                .map(|&(head, rel, lemma, upos)| Dep {
                    head,
                    rel: rel.into(),
                    lemma: lemma.into(),
                    upos: upos.into(),
                })
                .collect(),
            offset,
        )
    }

    #[test]
    fn a_complement_of_want_is_anticipated_and_takes_its_subject() {
        // The militia wants to attack the airport .
        let t = tree(
            &[
                (2, "det", "the", "DET"),
                (3, "nsubj", "militia", "NOUN"),
                (0, "root", "want", "VERB"),
                (5, "mark", "to", "PART"),
                (3, "xcomp", "attack", "VERB"),
                (7, "det", "the", "DET"),
                (5, "obj", "airport", "NOUN"),
                (3, "punct", ".", "PUNCT"),
            ],
            10,
        );
        let attack = 14;
        assert_eq!(t.governed(attack).map(|g| g.0), Some(Modality::Anticipated));
        assert_eq!(t.subject(attack), Some(10..12));
        assert_eq!(t.head_of(13..15), attack);
    }

    #[test]
    fn a_noun_under_pause_did_not_take_place_and_a_subject_clause_is_cut() {
        // a pause in the bombing
        let t = tree(
            &[
                (2, "det", "a", "DET"),
                (0, "root", "pause", "NOUN"),
                (5, "case", "in", "ADP"),
                (5, "det", "the", "DET"),
                (2, "nmod", "bombing", "NOUN"),
            ],
            0,
        );
        assert_eq!(t.governed(4).map(|g| g.0), Some(Modality::Denied));
        // Rebels , who hold the town , shelled it .
        let t = tree(
            &[
                (7, "nsubj", "rebel", "NOUN"),
                (4, "punct", ",", "PUNCT"),
                (4, "nsubj", "who", "PRON"),
                (1, "acl:relcl", "hold", "VERB"),
                (6, "det", "the", "DET"),
                (4, "obj", "town", "NOUN"),
                (0, "root", "shell", "VERB"),
                (7, "obj", "it", "PRON"),
            ],
            0,
        );
        assert_eq!(t.subject(6), Some(0..1));
        assert_eq!(t.governed(6), None);
        // a noun trigger as its verb's object takes the verb's subject
        let t = tree(
            &[
                (2, "nsubj", "navy", "NOUN"),
                (0, "root", "fire", "VERB"),
                (4, "nummod", "two", "NUM"),
                (2, "obj", "missile", "NOUN"),
            ],
            0,
        );
        assert_eq!(t.subject(3), Some(0..1));
    }
}
