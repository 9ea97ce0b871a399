//! Beam search over the parser's transitions, and its global training
//! (Zhang and Clark 2008; Zhang and Nivre 2011): the parser keeps the
//! `width` best transition sequences so far, each scored by the sum of its
//! actions' scores, instead of one; it is trained as a structured
//! perceptron with max-violation updates (Huang, Fayong and Guo 2012),
//! so that whole sequences, not single decisions, learn to score higher
//! than their rivals.
//!
//! Every arc-hybrid sequence of a sentence of `n` words has `2n` actions,
//! so the sequences of a beam are always of one length and their sums
//! compare fairly.

use crate::parser::{Actions, Example, Parse, State, Words, features, finish, oracle_actions};
use crate::perceptron::{Trainer, Weights};

/// Longer sentences are parsed greedily: a beam copies its parser states
/// at each step, which costs the square of the length.
pub const MAX_WORDS: usize = 160;

/// One sequence of the beam.
struct Item {
    st: State,
    score: f32,
    /// Whether every action so far is the oracle's (training only).
    gold: bool,
}

/// A scorer of a configuration's actions: the trained model, or the
/// learner during training.
trait Scorer {
    fn score(&self, features: &[u64], scores: &mut [f32]);
}

impl Scorer for Weights {
    fn score(&self, features: &[u64], scores: &mut [f32]) {
        Weights::score(self, features, scores);
    }
}

impl Scorer for Trainer {
    fn score(&self, features: &[u64], scores: &mut [f32]) {
        Trainer::score(self, features, scores);
    }
}

/// A candidate: score, the item it extends, the action.
type Candidate = (f32, u32, u16);

/// The search's working memory, reused from step to step.
struct Search {
    beam: Vec<Item>,
    next: Vec<Item>,
    candidates: Vec<Candidate>,
    feats: Vec<u64>,
    scores: Vec<f32>,
}

impl Search {
    fn new(n: usize, actions: Actions) -> Search {
        Search {
            beam: vec![Item {
                st: State::new(n),
                score: 0.0,
                gold: true,
            }],
            next: Vec::new(),
            candidates: Vec::new(),
            feats: Vec::with_capacity(96),
            scores: vec![0.0; actions.len()],
        }
    }

    /// One step: every item's valid actions scored, the `width` best kept
    /// (ties broken by item, then action: the same input gives the same
    /// parse). `gold_action`, in training, marks the oracle's successor.
    /// Returns, per kept item, its parent's index and its action.
    fn step(
        &mut self,
        model: &dyn Scorer,
        actions: Actions,
        x: &Words<'_>,
        width: usize,
        gold_action: Option<usize>,
    ) -> Vec<(u32, u16)> {
        let better = |a: &Candidate, b: &Candidate| {
            b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2))
        };
        self.candidates.clear();
        for (i, item) in self.beam.iter().enumerate() {
            features(&item.st, x, &mut self.feats);
            model.score(&self.feats, &mut self.scores);
            // an item gives the beam at most `width` successors: its best
            let from = self.candidates.len();
            let mut worst = 0;
            for (a, &s) in self.scores.iter().enumerate() {
                if !item.st.valid(actions.of(a).0) {
                    continue;
                }
                let c = (item.score + s, i as u32, a as u16);
                let own = self.candidates.len() - from;
                if own < width {
                    self.candidates.push(c);
                } else if better(&c, &self.candidates[from + worst]).is_lt() {
                    self.candidates[from + worst] = c;
                } else {
                    continue;
                }
                if own + 1 >= width {
                    worst = (0..width)
                        .max_by(|&p, &q| {
                            better(&self.candidates[from + p], &self.candidates[from + q])
                        })
                        .expect("width is at least one");
                }
            }
        }
        if self.candidates.len() > width {
            self.candidates.select_nth_unstable_by(width - 1, better);
            self.candidates.truncate(width);
        }
        self.candidates.sort_unstable_by(better);
        let mut back = Vec::with_capacity(self.candidates.len());
        self.next.truncate(self.candidates.len());
        for (j, &(score, i, a)) in self.candidates.iter().enumerate() {
            let parent = &self.beam[i as usize];
            let gold = parent.gold && gold_action == Some(usize::from(a));
            // the states of the step before are reused as buffers
            match self.next.get_mut(j) {
                Some(item) => {
                    item.st.clone_from(&parent.st);
                    item.score = score;
                    item.gold = gold;
                }
                None => self.next.push(Item {
                    st: parent.st.clone(),
                    score,
                    gold,
                }),
            }
            let (kind, label) = actions.of(usize::from(a));
            self.next[j].st.apply(kind, label);
            back.push((i, a));
        }
        std::mem::swap(&mut self.beam, &mut self.next);
        back
    }
}

/// Parses a tagged sentence keeping the `width` best sequences (greedily
/// when `width` is 1 or the sentence is longer than [`MAX_WORDS`]).
pub fn parse(weights: &Weights, actions: Actions, x: &Words<'_>, width: usize) -> Parse {
    let n = x.lex.len();
    if width <= 1 || n > MAX_WORDS {
        return crate::parser::parse(weights, actions, x);
    }
    let mut search = Search::new(n, actions);
    while !search.beam[0].st.done() {
        search.step(weights, actions, x, width, None);
    }
    let best = search.beam.swap_remove(0);
    finish(best.st)
}

/// The action sequence ending at item `at` of step `t`, from the
/// back-pointers of each step.
fn backtrack(history: &[Vec<(u32, u16)>], t: usize, mut at: u32) -> Vec<usize> {
    let mut out = vec![0; t + 1];
    for s in (0..=t).rev() {
        let (parent, a) = history[s][at as usize];
        out[s] = usize::from(a);
        at = parent;
    }
    out
}

/// One epoch of global training with beams of `width`. For each sentence
/// the beam runs to the end; at the step where the best sequence outscores
/// the oracle's prefix the most (the largest violation), the weights move
/// towards the oracle's actions up to that step and away from the best
/// sequence's. Returns the heads the beam's best parses got right.
pub fn train_epoch(
    t: &mut Trainer,
    actions: Actions,
    examples: &[Example],
    order: &[usize],
    width: usize,
    endings: bool,
) -> usize {
    let mut right = 0;
    let mut feats = Vec::with_capacity(96);
    let mut scores = vec![0f32; actions.len()];
    for &k in order {
        let ex = &examples[k];
        if ex.lex.len() > MAX_WORDS || ex.lex.is_empty() {
            continue;
        }
        let x = Words {
            lex: &ex.lex,
            tags: &ex.tags,
            endings,
        };
        let oracle = oracle_actions(actions, &ex.heads, &ex.labels);
        let mut search = Search::new(ex.lex.len(), actions);
        let mut history = Vec::with_capacity(oracle.len());
        let (mut gold_st, mut gold_score) = (State::new(ex.lex.len()), 0f32);
        // (violation, step, item) of the largest violation so far.
        let mut worst: Option<(f32, usize, u32)> = None;
        for (step, &g) in oracle.iter().enumerate() {
            features(&gold_st, &x, &mut feats);
            t.score(&feats, &mut scores);
            gold_score += scores[g];
            let (kind, label) = actions.of(g);
            gold_st.apply(kind, label);
            history.push(search.step(t, actions, &x, width, Some(g)));
            let best = &search.beam[0];
            let violation = best.score - gold_score;
            if !best.gold && violation >= 0.0 && worst.is_none_or(|w| violation > w.0) {
                worst = Some((violation, step, 0));
            }
        }
        right += heads_right(&search.beam[0].st, &ex.heads);
        if let Some((_, step, at)) = worst {
            let guess = backtrack(&history, step, at);
            update(t, actions, &x, &oracle[..=step], &guess);
        }
        t.tick();
    }
    right
}

/// Moves the weights towards the actions of `gold` and away from those of
/// `guess` (two sequences of one length from the start), from the first
/// step where they part.
fn update(t: &mut Trainer, actions: Actions, x: &Words<'_>, gold: &[usize], guess: &[usize]) {
    let n = x.lex.len();
    let same = gold.iter().zip(guess).take_while(|(a, b)| a == b).count();
    let mut feats = Vec::with_capacity(96);
    for (seq, delta) in [(gold, 1.0f32), (guess, -1.0)] {
        let mut st = State::new(n);
        for (i, &a) in seq.iter().enumerate() {
            if i >= same {
                features(&st, x, &mut feats);
                t.add(&feats, a, delta);
            }
            let (kind, label) = actions.of(a);
            st.apply(kind, label);
        }
    }
}

/// How many of a finished state's heads are the gold ones.
fn heads_right(st: &State, gold: &[u32]) -> usize {
    let parse = finish(st.clone());
    parse.heads.iter().zip(gold).filter(|(a, b)| a == b).count()
}
