//! The dependency parser: greedy arc-hybrid transitions (Kuhlmann, Gómez-
//! Rodríguez and Satta 2011) scored by an averaged perceptron over the words,
//! tags, clusters, children, distances, valencies and label sets of the top
//! of the stack and the front of the buffer (after Zhang and Nivre 2011),
//! trained with a dynamic oracle and exploration (Goldberg and Nivre 2013).
//!
//! Words are numbered from 1; 0 is the root, at the bottom of the stack.
//! Transitions: SHIFT moves the buffer's front onto the stack; LEFT(l)
//! makes the front the head of the stack's top (relation l) and pops it;
//! RIGHT(l) makes the word below the top its head and pops it. The root
//! takes a dependent only when the buffer is empty and one word is left on
//! the stack: every parse is one tree with one root word.

use crate::perceptron::{Trainer, Weights};
use crate::words::{Lex, mix};

/// A parse: each word's head (0: the root) and relation (an index into the
/// model's labels), by word number minus one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Parse {
    /// Heads.
    pub heads: Vec<u32>,
    /// Relations.
    pub labels: Vec<u16>,
}

const NONE: u32 = u32::MAX;

/// A parser configuration.
pub(crate) struct State {
    n: u32,
    stack: Vec<u32>,
    /// The buffer's front (the buffer is `b..=n`; empty when `b > n`).
    b: u32,
    heads: Vec<u32>,
    labels: Vec<u16>,
    /// The two leftmost and the two rightmost children (0: none).
    lc: Vec<[u32; 2]>,
    rc: Vec<[u32; 2]>,
    /// Left and right valencies.
    nl: Vec<u8>,
    nr: Vec<u8>,
    /// Hashes of the sets of left and right relations (xor of each).
    lset: Vec<u64>,
    rset: Vec<u64>,
    in_stack: Vec<bool>,
}

impl Clone for State {
    fn clone(&self) -> State {
        let mut st = State::new(0);
        st.clone_from(self);
        st
    }

    /// Copies `source` into this state's own buffers (a beam copies states
    /// at every step).
    fn clone_from(&mut self, source: &State) {
        self.n = source.n;
        self.b = source.b;
        self.stack.clone_from(&source.stack);
        self.heads.clone_from(&source.heads);
        self.labels.clone_from(&source.labels);
        self.lc.clone_from(&source.lc);
        self.rc.clone_from(&source.rc);
        self.nl.clone_from(&source.nl);
        self.nr.clone_from(&source.nr);
        self.lset.clone_from(&source.lset);
        self.rset.clone_from(&source.rset);
        self.in_stack.clone_from(&source.in_stack);
    }
}

impl State {
    pub(crate) fn new(n: usize) -> State {
        let m = n + 1;
        let mut in_stack = vec![false; m];
        in_stack[0] = true;
        State {
            n: n as u32,
            stack: vec![0],
            b: 1,
            heads: vec![NONE; m],
            labels: vec![0; m],
            lc: vec![[0; 2]; m],
            rc: vec![[0; 2]; m],
            nl: vec![0; m],
            nr: vec![0; m],
            lset: vec![0; m],
            rset: vec![0; m],
            in_stack,
        }
    }

    pub(crate) fn done(&self) -> bool {
        self.b > self.n && self.stack.len() == 1
    }

    pub(crate) fn s(&self, k: usize) -> u32 {
        let l = self.stack.len();
        if l > k { self.stack[l - 1 - k] } else { NONE }
    }

    fn buf(&self, k: u32) -> u32 {
        let i = self.b + k;
        if i <= self.n { i } else { NONE }
    }

    /// The `k`-th leftmost (`left`) or rightmost child of `p`.
    fn child(&self, p: u32, left: bool, k: usize) -> u32 {
        if p == NONE {
            return NONE;
        }
        let c = if left {
            self.lc[p as usize][k]
        } else {
            self.rc[p as usize][k]
        };
        if c == 0 { NONE } else { c }
    }

    /// The relation `p` has taken, as a feature value.
    fn label_of(&self, p: u32) -> u64 {
        if p == NONE || p == 0 {
            SENTINEL + 3
        } else {
            u64::from(self.labels[p as usize])
        }
    }

    /// How many left (`left`) or right children `p` has.
    fn valency(&self, p: u32, left: bool) -> u64 {
        match (p, left) {
            (NONE, _) => 99,
            (p, true) => u64::from(self.nl[p as usize]),
            (p, false) => u64::from(self.nr[p as usize]),
        }
    }

    /// The set of relations of `p`'s left (`left`) or right children.
    fn label_set(&self, p: u32, left: bool) -> u64 {
        match (p, left) {
            (NONE, _) => SENTINEL + 4,
            (p, true) => self.lset[p as usize],
            (p, false) => self.rset[p as usize],
        }
    }

    /// Whether action `a` (see [`Actions`]) may be taken.
    pub(crate) fn valid(&self, kind: Kind) -> bool {
        let l = self.stack.len();
        match kind {
            Kind::Shift => self.b <= self.n,
            Kind::Left => l >= 2 && self.b <= self.n,
            Kind::Right => l >= 2 && (self.stack[l - 2] != 0 || (self.b > self.n && l == 2)),
        }
    }

    fn attach(&mut self, head: u32, dep: u32, label: u16) {
        let (h, d) = (head as usize, dep as usize);
        self.heads[d] = head;
        self.labels[d] = label;
        let lh = mix(77, u64::from(label));
        if dep < head {
            self.nl[h] = self.nl[h].saturating_add(1);
            self.lset[h] ^= lh;
            let c = &mut self.lc[h];
            if c[0] == 0 || dep < c[0] {
                *c = [dep, c[0]];
            } else if c[1] == 0 || dep < c[1] {
                c[1] = dep;
            }
        } else {
            self.nr[h] = self.nr[h].saturating_add(1);
            self.rset[h] ^= lh;
            let c = &mut self.rc[h];
            if c[0] == 0 || dep > c[0] {
                *c = [dep, c[0]];
            } else if c[1] == 0 || dep > c[1] {
                c[1] = dep;
            }
        }
    }

    pub(crate) fn apply(&mut self, kind: Kind, label: u16) {
        match kind {
            Kind::Shift => {
                self.stack.push(self.b);
                self.in_stack[self.b as usize] = true;
                self.b += 1;
            }
            Kind::Left => {
                let s0 = self.stack.pop().expect("a valid LEFT");
                self.in_stack[s0 as usize] = false;
                self.attach(self.b, s0, label);
            }
            Kind::Right => {
                let s0 = self.stack.pop().expect("a valid RIGHT");
                self.in_stack[s0 as usize] = false;
                let s1 = *self.stack.last().expect("a valid RIGHT");
                self.attach(s1, s0, label);
            }
        }
    }

    /// The gold arcs the action loses (Goldberg and Nivre 2013), given each
    /// word's gold head `gold[w]` (by word number; `gold[0]` unused).
    pub(crate) fn cost(&self, kind: Kind, gold: &[u32]) -> u32 {
        let in_buffer = |k: u32| k >= self.b && k <= self.n;
        let deps_in_buffer =
            |h: u32| (self.b..=self.n).filter(|&k| gold[k as usize] == h).count() as u32;
        match kind {
            Kind::Shift => {
                let b = self.b;
                let s0 = self.s(0);
                let gh = gold[b as usize];
                let head_lost =
                    gh != s0 && (gh as usize) < self.in_stack.len() && self.in_stack[gh as usize];
                let deps_lost = self
                    .stack
                    .iter()
                    .filter(|&&k| k != 0 && gold[k as usize] == b)
                    .count() as u32;
                u32::from(head_lost) + deps_lost
            }
            Kind::Left => {
                let s0 = self.s(0);
                let gh = gold[s0 as usize];
                let head_lost = gh != self.b && (gh == self.s(1) || (in_buffer(gh) && gh > self.b));
                u32::from(head_lost) + deps_in_buffer(s0)
            }
            Kind::Right => {
                let s0 = self.s(0);
                let gh = gold[s0 as usize];
                u32::from(in_buffer(gh)) + deps_in_buffer(s0)
            }
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    Shift,
    Left,
    Right,
}

/// Actions as classes: 0 SHIFT, `1 + l` LEFT(l), `1 + L + l` RIGHT(l).
#[derive(Debug, Clone, Copy)]
pub struct Actions {
    labels: usize,
}

impl Actions {
    /// The actions of `labels` relations.
    pub fn new(labels: usize) -> Self {
        Actions { labels }
    }

    /// How many.
    pub fn len(&self) -> usize {
        1 + 2 * self.labels
    }

    /// Whether there are none (never: SHIFT is one).
    pub fn is_empty(&self) -> bool {
        false
    }

    pub(crate) fn of(&self, a: usize) -> (Kind, u16) {
        if a == 0 {
            (Kind::Shift, 0)
        } else if a <= self.labels {
            (Kind::Left, (a - 1) as u16)
        } else {
            (Kind::Right, (a - 1 - self.labels) as u16)
        }
    }
}

/// What the features read of each word: its context-free features and tag.
pub struct Words<'a> {
    /// By word number minus one.
    pub lex: &'a [Lex],
    /// The tags, likewise.
    pub tags: &'a [u16],
    /// Whether the features read the words' endings too (for languages
    /// whose endings mark case and agreement: Russian, Persian).
    pub endings: bool,
}

const SENTINEL: u64 = 0x5e47_1e00;
const ROOT: u64 = 0x2007_0000;

impl Words<'_> {
    fn w(&self, p: u32) -> u64 {
        match p {
            NONE => SENTINEL,
            0 => ROOT,
            p => self.lex[p as usize - 1].lower,
        }
    }

    fn t(&self, p: u32) -> u64 {
        match p {
            NONE => SENTINEL + 1,
            0 => ROOT + 1,
            p => u64::from(self.tags[p as usize - 1]),
        }
    }

    fn sfx(&self, p: u32, k: usize) -> u64 {
        match p {
            NONE => SENTINEL + 5,
            0 => ROOT + 5,
            p => self.lex[p as usize - 1].suffix[k],
        }
    }

    fn c(&self, p: u32) -> u64 {
        match p {
            NONE => SENTINEL + 2,
            0 => ROOT + 2,
            p => self.lex[p as usize - 1].cluster[1],
        }
    }
}

/// The features of a configuration.
pub(crate) fn features(st: &State, x: &Words<'_>, out: &mut Vec<u64>) {
    out.clear();
    let (s0, s1, s2) = (st.s(0), st.s(1), st.s(2));
    let (b0, b1, b2) = (st.buf(0), st.buf(1), st.buf(2));
    let (child, lab) = (|p, left, k| st.child(p, left, k), |p| st.label_of(p));
    let (val, set) = (
        |p, left| st.valency(p, left),
        |p, left| st.label_set(p, left),
    );
    let dist = |a: u32, b: u32| -> u64 {
        if a == NONE || b == NONE {
            99
        } else {
            u64::from(b.abs_diff(a).min(6))
        }
    };
    let (s0l1, s0r1, s0l2, s0r2) = (
        child(s0, true, 0),
        child(s0, false, 0),
        child(s0, true, 1),
        child(s0, false, 1),
    );
    let (s1l1, s1r1) = (child(s1, true, 0), child(s1, false, 0));
    let (b0l1, b0l2) = (child(b0, true, 0), child(b0, true, 1));
    let (ws0, ts0, ws1, ts1, wb0, tb0, wb1, tb1) = (
        x.w(s0),
        x.t(s0),
        x.w(s1),
        x.t(s1),
        x.w(b0),
        x.t(b0),
        x.w(b1),
        x.t(b1),
    );
    let wt = |w: u64, t: u64| mix(w, t);
    let d = dist(s0, b0);
    let d1 = dist(s1, s0);
    let f: [(u64, u64); 78] = [
        (1, ws0),
        (2, ts0),
        (3, wt(ws0, ts0)),
        (4, ws1),
        (5, ts1),
        (6, wt(ws1, ts1)),
        (7, x.w(s2)),
        (8, x.t(s2)),
        (9, wb0),
        (10, tb0),
        (11, wt(wb0, tb0)),
        (12, wb1),
        (13, tb1),
        (14, wt(wb1, tb1)),
        (15, x.w(b2)),
        (16, x.t(b2)),
        (17, x.w(s0l1)),
        (18, x.t(s0l1)),
        (19, lab(s0l1)),
        (20, x.w(s0r1)),
        (21, x.t(s0r1)),
        (22, lab(s0r1)),
        (23, x.t(s0l2)),
        (24, lab(s0l2)),
        (25, x.t(s0r2)),
        (26, lab(s0r2)),
        (27, x.t(s1l1)),
        (28, lab(s1l1)),
        (29, x.t(s1r1)),
        (30, lab(s1r1)),
        (31, x.w(s1r1)),
        (32, x.w(b0l1)),
        (33, x.t(b0l1)),
        (34, lab(b0l1)),
        (35, x.t(b0l2)),
        (36, lab(b0l2)),
        (37, mix(wt(ws0, ts0), wt(wb0, tb0))),
        (38, mix(wt(ws0, ts0), wb0)),
        (39, mix(ws0, wt(wb0, tb0))),
        (40, mix(wt(ws0, ts0), tb0)),
        (41, mix(ts0, wt(wb0, tb0))),
        (42, mix(ws0, wb0)),
        (43, mix(ts0, tb0)),
        (44, mix(tb0, tb1)),
        (45, mix(ts0, ts1)),
        (46, mix(ts1, tb0)),
        (47, mix(ws1, ws0)),
        (48, mix(mix(tb0, tb1), x.t(b2))),
        (49, mix(mix(ts0, tb0), tb1)),
        (50, mix(mix(ts1, ts0), tb0)),
        (51, mix(mix(ts0, x.t(s0l1)), tb0)),
        (52, mix(mix(ts0, x.t(s0r1)), tb0)),
        (53, mix(mix(ts1, x.t(s1r1)), ts0)),
        (54, mix(mix(ts0, tb0), x.t(b0l1))),
        (55, mix(mix(ts0, x.t(s0l1)), x.t(s0l2))),
        (56, mix(mix(ts0, x.t(s0r1)), x.t(s0r2))),
        (57, mix(mix(tb0, x.t(b0l1)), x.t(b0l2))),
        (58, mix(mix(x.t(s2), ts1), ts0)),
        (59, mix(ws0, d)),
        (60, mix(ts0, d)),
        (61, mix(wb0, d)),
        (62, mix(tb0, d)),
        (63, mix(mix(ts0, tb0), d)),
        (64, mix(mix(ws0, wb0), d)),
        (65, mix(mix(ts1, ts0), d1)),
        (66, mix(ws0, val(s0, false))),
        (67, mix(ts0, val(s0, false))),
        (68, mix(ws0, val(s0, true))),
        (69, mix(ts0, val(s0, true))),
        (70, mix(ts1, val(s1, false))),
        (71, mix(tb0, val(b0, true))),
        (72, mix(ts0, set(s0, false))),
        (73, mix(ts0, set(s0, true))),
        (74, mix(tb0, set(b0, true))),
        (75, mix(ts1, set(s1, false))),
        (76, mix(x.c(s0), x.c(b0))),
        (77, mix(mix(x.c(s0), ts0), tb0)),
        (78, mix(mix(ts0, x.c(b0)), tb0)),
    ];
    for (t, v) in f {
        out.push(mix(t + 1000, v));
    }
    out.push(mix(2000, mix(x.c(b0), x.c(b1))));
    if x.endings {
        endings(x, (s0, s1, b0), (ts0, ts1, tb0), out);
    }
    out.push(mix(
        2001,
        mix(st.stack.len().min(4) as u64, u64::from(b0 == NONE)),
    ));
}

/// The features of the endings (the last two and three letters) of the
/// stack's two top words and the buffer's front, with their tags.
fn endings(
    x: &Words<'_>,
    (s0, s1, b0): (u32, u32, u32),
    (ts0, ts1, tb0): (u64, u64, u64),
    out: &mut Vec<u64>,
) {
    let (s0s2, s0s3, b0s2) = (x.sfx(s0, 1), x.sfx(s0, 2), x.sfx(b0, 1));
    let (b0s3, s1s3) = (x.sfx(b0, 2), x.sfx(s1, 2));
    for (k, v) in [
        (2010, mix(s0s3, ts0)),
        (2011, mix(b0s3, tb0)),
        (2012, mix(s0s2, b0s2)),
        (2013, mix(s1s3, ts1)),
        (2014, mix(mix(s0s2, ts0), tb0)),
        (2015, mix(mix(ts0, b0s2), tb0)),
        (2016, mix(mix(s0s2, ts0), mix(b0s2, tb0))),
        (2017, mix(mix(s1s3, ts1), ts0)),
    ] {
        out.push(mix(k, v));
    }
}

/// Parses a tagged sentence.
pub fn parse(weights: &Weights, actions: Actions, x: &Words<'_>) -> Parse {
    let n = x.lex.len();
    let mut st = State::new(n);
    let mut feats = Vec::with_capacity(96);
    let mut scores = vec![0f32; actions.len()];
    while !st.done() {
        features(&st, x, &mut feats);
        weights.score(&feats, &mut scores);
        let a = best_valid(&st, actions, &scores, |_| true);
        let (kind, label) = actions.of(a);
        st.apply(kind, label);
    }
    finish(st)
}

pub(crate) fn finish(st: State) -> Parse {
    let heads = st.heads[1..]
        .iter()
        .map(|&h| if h == NONE { 0 } else { h })
        .collect();
    Parse {
        heads,
        labels: st.labels[1..].to_vec(),
    }
}

/// The best-scoring valid action that `keep` allows.
fn best_valid(st: &State, actions: Actions, scores: &[f32], keep: impl Fn(usize) -> bool) -> usize {
    let mut best = usize::MAX;
    for (a, &s) in scores.iter().enumerate().take(actions.len()) {
        let (kind, _) = actions.of(a);
        if !st.valid(kind) || !keep(a) {
            continue;
        }
        if best == usize::MAX || s > scores[best] {
            best = a;
        }
    }
    best
}

/// Each action's cost in `st` (`u32::MAX`: not valid): the gold arcs it
/// loses (see [`State::cost`]), and one more for a gold arc given another
/// relation. `gold` holds each word's gold head by word number (`gold[0]`
/// unused), `labels` the gold relations by word number minus one.
pub(crate) fn action_costs(
    st: &State,
    actions: Actions,
    gold: &[u32],
    labels: &[u16],
    out: &mut Vec<u32>,
) {
    let by_kind = [Kind::Shift, Kind::Left, Kind::Right].map(|kd| {
        if st.valid(kd) {
            st.cost(kd, gold)
        } else {
            u32::MAX
        }
    });
    out.clear();
    out.extend((0..actions.len()).map(|a| {
        let (kind, label) = actions.of(a);
        let c = by_kind[kind as usize];
        let head = match kind {
            _ if c == u32::MAX => return c,
            Kind::Shift => return c,
            Kind::Left => st.b,
            Kind::Right => st.s(1),
        };
        let dep = st.s(0) as usize;
        c + u32::from(gold[dep] == head && labels[dep - 1] != label)
    }));
}

/// The gold transitions of a sentence: from the start, the cheapest action
/// each time, a reduction before a SHIFT of the same cost (the static
/// oracle's order; a non-projective tree gives the projective tree nearest
/// it). `heads` and `labels` are by word number minus one.
pub(crate) fn oracle_actions(actions: Actions, heads: &[u32], labels: &[u16]) -> Vec<usize> {
    let mut gold = vec![0u32; heads.len() + 1];
    gold[1..].copy_from_slice(heads);
    let mut st = State::new(heads.len());
    let mut costs = Vec::with_capacity(actions.len());
    let mut out = Vec::with_capacity(2 * heads.len());
    while !st.done() {
        action_costs(&st, actions, &gold, labels, &mut costs);
        let best = (1..actions.len())
            .chain([0])
            .min_by_key(|&a| costs[a])
            .expect("SHIFT is an action");
        let (kind, label) = actions.of(best);
        st.apply(kind, label);
        out.push(best);
    }
    out
}

/// A sentence to learn from: words, tags (predicted, as at run time),
/// gold heads and gold relations (by word number minus one).
pub struct Example {
    /// Context-free features of the words.
    pub lex: Vec<Lex>,
    /// Tags.
    pub tags: Vec<u16>,
    /// Gold heads.
    pub heads: Vec<u32>,
    /// Gold relations.
    pub labels: Vec<u16>,
}

/// One epoch of training. With `explore`, the parser follows its own
/// prediction (when it is wrong) nine times in ten, learning to recover
/// from its mistakes. `rng` is a xorshift state. Returns the heads right.
pub fn train_epoch(
    t: &mut Trainer,
    actions: Actions,
    examples: &[Example],
    order: &[usize],
    explore: bool,
    rng: &mut u64,
    endings: bool,
) -> usize {
    let mut right = 0;
    let mut feats = Vec::with_capacity(96);
    let mut scores = vec![0f32; actions.len()];
    let mut costs = Vec::with_capacity(actions.len());
    for &k in order {
        let ex = &examples[k];
        let x = Words {
            lex: &ex.lex,
            tags: &ex.tags,
            endings,
        };
        let mut gold = vec![0u32; ex.heads.len() + 1];
        gold[1..].copy_from_slice(&ex.heads);
        let mut st = State::new(ex.lex.len());
        while !st.done() {
            features(&st, &x, &mut feats);
            t.score(&feats, &mut scores);
            action_costs(&st, actions, &gold, &ex.labels, &mut costs);
            let cost_of = |a: usize| costs[a];
            let min = (0..actions.len()).map(cost_of).min().unwrap_or(0);
            let guess = best_valid(&st, actions, &scores, |_| true);
            let good = best_valid(&st, actions, &scores, |a| cost_of(a) == min);
            t.tick();
            t.update(&feats, good, guess);
            *rng ^= *rng << 13;
            *rng ^= *rng >> 7;
            *rng ^= *rng << 17;
            let follow = if explore && !(*rng).is_multiple_of(10) {
                guess
            } else {
                good
            };
            let (kind, label) = actions.of(follow);
            st.apply(kind, label);
        }
        right += st.heads[1..]
            .iter()
            .zip(&ex.heads)
            .filter(|(a, b)| a == b)
            .count();
    }
    right
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Follows the dynamic oracle's cheapest action from the start: on a
    /// projective tree it must rebuild the tree exactly, with no cost.
    fn oracle_parse(heads: &[u32]) -> (Vec<u32>, u32) {
        let mut gold = vec![0u32; heads.len() + 1];
        gold[1..].copy_from_slice(heads);
        let mut st = State::new(heads.len());
        let mut spent = 0;
        while !st.done() {
            let (kind, cost) = [Kind::Shift, Kind::Left, Kind::Right]
                .into_iter()
                .filter(|&k| st.valid(k))
                .map(|k| (k, st.cost(k, &gold)))
                .min_by_key(|&(_, c)| c)
                .expect("a valid action");
            spent += cost;
            st.apply(kind, 0);
        }
        (finish(st).heads, spent)
    }

    #[test]
    fn the_oracle_rebuilds_projective_trees() {
        // "The police arrested two men in Kabul ."
        let trees: [&[u32]; 5] = [
            &[2, 3, 0, 5, 3, 7, 3, 3],
            &[0],
            &[2, 0],
            &[0, 1, 2, 3, 4],
            &[5, 5, 5, 5, 0, 5, 8, 5],
        ];
        for heads in trees {
            assert_eq!(oracle_parse(heads), (heads.to_vec(), 0), "{heads:?}");
            // the beam's gold sequence: 2n actions that build the tree with
            // its relations
            let labels: Vec<u16> = (0..heads.len() as u16).map(|i| i % 3).collect();
            let actions = Actions::new(3);
            let seq = oracle_actions(actions, heads, &labels);
            assert_eq!(seq.len(), 2 * heads.len());
            let mut st = State::new(heads.len());
            for a in seq {
                let (kind, label) = actions.of(a);
                st.apply(kind, label);
            }
            let got = finish(st);
            assert_eq!((got.heads, got.labels), (heads.to_vec(), labels));
        }
    }

    #[test]
    fn a_non_projective_tree_costs_what_it_must() {
        // 1→3 crosses 2→4: one arc must be lost, and only one
        let heads = [3, 4, 0, 3];
        let (got, spent) = oracle_parse(&heads);
        let wrong = got.iter().zip(&heads).filter(|(a, b)| a != b).count() as u32;
        assert_eq!(wrong, spent);
        assert_eq!(spent, 1);
    }
}
