//! Where a syntax model goes wrong on a tune treebank (dev: look at tune
//! errors only): head and relation errors by gold relation and by gold tag,
//! and how many head errors fall on words whose tag was wrong.
//!
//! `cargo run --release -p beacon-syntax --example syntax_errors -- MODEL.bin DEV.conllu.gz`

use std::collections::BTreeMap;
use std::path::PathBuf;

use beacon_syntax::{Syntax, conllu};

#[derive(Default)]
struct Tally {
    words: usize,
    head_wrong: usize,
    label_wrong: usize,
}

fn main() {
    let mut args = std::env::args().skip(1);
    let model = PathBuf::from(args.next().expect("a model file"));
    let gold = PathBuf::from(args.next().expect("a CoNLL-U file"));
    let syntax = Syntax::from_bytes(&std::fs::read(&model).expect("the model")).expect("a model");
    let sentences = conllu::read_file(&gold).expect("the treebank");
    let mut by_rel: BTreeMap<String, Tally> = BTreeMap::new();
    let mut by_tag: BTreeMap<String, Tally> = BTreeMap::new();
    let (mut head_wrong, mut tag_wrong_too, mut words) = (0, 0, 0);
    for s in &sentences {
        let forms: Vec<&str> = s.words.iter().map(|w| w.form.as_str()).collect();
        let got = syntax.analyse(&forms);
        for (g, w) in got.iter().zip(&s.words) {
            words += 1;
            let rel = conllu::universal(&w.deprel).to_owned();
            let head = g.head != w.head;
            let label = !head && conllu::universal(g.deprel) != rel;
            // a head error near a tag error: the word's own tag, or its
            // gold head's
            let head_tag_wrong =
                w.head > 0 && got[w.head as usize - 1].upos != s.words[w.head as usize - 1].upos;
            if head {
                head_wrong += 1;
                tag_wrong_too += usize::from(g.upos != w.upos || head_tag_wrong);
            }
            for t in [
                by_rel.entry(rel).or_default(),
                by_tag.entry(w.upos.clone()).or_default(),
            ] {
                t.words += 1;
                t.head_wrong += usize::from(head);
                t.label_wrong += usize::from(label);
            }
        }
    }
    println!(
        "{words} words; {head_wrong} head errors, {tag_wrong_too} of them on a word or gold head whose tag was wrong"
    );
    for (name, table) in [("relation", &by_rel), ("gold UPOS", &by_tag)] {
        let mut rows: Vec<(&String, &Tally)> = table.iter().collect();
        rows.sort_by_key(|(_, t)| std::cmp::Reverse(t.head_wrong + t.label_wrong));
        println!(
            "\n{name:<12} {:>6} {:>10} {:>11} {:>8}",
            "words", "head err", "label err", "share"
        );
        for (k, t) in rows.iter().take(25) {
            println!(
                "{k:<12} {:>6} {:>10} {:>11} {:>7.1}%",
                t.words,
                t.head_wrong,
                t.label_wrong,
                100.0 * (t.head_wrong + t.label_wrong) as f64 / words.max(1) as f64
            );
        }
    }
}
