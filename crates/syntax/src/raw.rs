//! Scoring from raw text, as the CoNLL 2018 shared task scores a system
//! that tokenises for itself: each gold sentence's text (`# text`) is split
//! by Beacon's one tokeniser and sentence splitter (`beacon-text`), tagged
//! and parsed; system and gold words are aligned by their characters
//! (whitespace left out), and a word counts when its span is the gold
//! word's. Figures are F1 over words: precision over the system's words,
//! recall over the gold's.

use crate::Syntax;
use crate::conllu::{Sentence, universal};

/// F1 figures from raw text.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct RawScores {
    /// Gold words.
    pub gold: usize,
    /// System words.
    pub system: usize,
    /// Words whose span is a gold word's (tokenisation F1).
    pub words: f64,
    /// ... with the gold universal tag.
    pub upos: f64,
    /// ... with the head on the gold head's word.
    pub uas: f64,
    /// ... and the relation's universal part.
    pub las: f64,
}

/// One word: its span in the text's non-space characters, its tag, head
/// (index into the sentence's words, `None`: the root) and relation.
struct Placed {
    span: (usize, usize),
    upos: String,
    head: Option<usize>,
    deprel: String,
}

/// Gold words placed in the non-space characters of the sentence's text
/// (`None` when the forms do not spell the text).
fn gold_words(s: &Sentence) -> Option<Vec<Placed>> {
    let text: Vec<char> = s
        .text
        .as_deref()?
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect();
    let mut at = 0;
    let mut out = Vec::with_capacity(s.words.len());
    for w in &s.words {
        let form: Vec<char> = w.form.chars().filter(|c| !c.is_whitespace()).collect();
        if text.get(at..at + form.len())? != form.as_slice() {
            return None;
        }
        out.push(Placed {
            span: (at, at + form.len()),
            upos: w.upos.clone(),
            head: (w.head > 0).then(|| w.head as usize - 1),
            deprel: w.deprel.clone(),
        });
        at += form.len();
    }
    Some(out)
}

/// The system's words for a text, placed the same way.
fn system_words(model: &Syntax, text: &str) -> Vec<Placed> {
    let layer = beacon_text::Text::new(text);
    // code point → its place among the non-space characters
    let mut nonspace = Vec::with_capacity(text.len());
    let mut k = 0;
    for c in text.chars() {
        nonspace.push(k);
        if !c.is_whitespace() {
            k += 1;
        }
    }
    nonspace.push(k);
    let mut out: Vec<Placed> = Vec::new();
    for range in layer.sentences() {
        let words = layer.words(range);
        let base = out.len();
        for (t, a) in layer.tokens()[range.clone()]
            .iter()
            .zip(model.analyse(&words))
        {
            out.push(Placed {
                span: (nonspace[t.start], nonspace[t.end]),
                upos: a.upos.to_owned(),
                head: (a.head > 0).then(|| base + a.head as usize - 1),
                deprel: a.deprel.to_owned(),
            });
        }
    }
    out
}

/// Scores `model` on the gold sentences from their texts. Sentences whose
/// words do not spell their text are left out (none in EWT and GUM).
pub fn evaluate_raw(model: &Syntax, gold: &[Sentence]) -> RawScores {
    let (mut g_n, mut s_n, mut words, mut upos, mut uas, mut las) = (0, 0, 0, 0, 0, 0);
    for s in gold {
        let (Some(text), Some(g)) = (s.text.as_deref(), gold_words(s)) else {
            continue;
        };
        let sys = system_words(model, text);
        g_n += g.len();
        s_n += sys.len();
        // system word → the gold word of the same span
        let gold_at: std::collections::HashMap<(usize, usize), usize> =
            g.iter().enumerate().map(|(i, w)| (w.span, i)).collect();
        let aligned: Vec<Option<usize>> =
            sys.iter().map(|w| gold_at.get(&w.span).copied()).collect();
        for (i, w) in sys.iter().enumerate() {
            let Some(j) = aligned[i] else { continue };
            let gw = &g[j];
            words += 1;
            upos += usize::from(w.upos == gw.upos);
            let head_ok = match (w.head, gw.head) {
                (None, None) => true,
                (Some(h), Some(gh)) => aligned[h] == Some(gh),
                _ => false,
            };
            if head_ok {
                uas += 1;
                las += usize::from(universal(&w.deprel) == universal(&gw.deprel));
            }
        }
    }
    let f1 = |correct: usize| {
        if correct == 0 {
            0.0
        } else {
            2.0 * correct as f64 / (g_n + s_n) as f64
        }
    };
    RawScores {
        gold: g_n,
        system: s_n,
        words: f1(words),
        upos: f1(upos),
        uas: f1(uas),
        las: f1(las),
    }
}
