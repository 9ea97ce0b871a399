//! The models trained on a small invented treebank, read back, and given
//! hostile input.

use super::*;

const TREEBANK: &str = "\
# sent_id = 1
# text = Police arrested two men.
1\tPolice\tpolice\tNOUN\tNNS\t_\t2\tnsubj\t_\t_
2\tarrested\tarrest\tVERB\tVBD\t_\t0\troot\t_\t_
3\ttwo\ttwo\tNUM\tCD\t_\t4\tnummod\t_\t_
4\tmen\tman\tNOUN\tNNS\t_\t2\tobj\t_\tSpaceAfter=No
5\t.\t.\tPUNCT\t.\t_\t2\tpunct\t_\t_

# sent_id = 2
# text = The men were arrested in Kabul.
1\tThe\tthe\tDET\tDT\t_\t2\tdet\t_\t_
2\tmen\tman\tNOUN\tNNS\t_\t4\tnsubj:pass\t_\t_
3\twere\tbe\tAUX\tVBD\t_\t4\taux:pass\t_\t_
4\tarrested\tarrest\tVERB\tVBN\t_\t0\troot\t_\t_
5\tin\tin\tADP\tIN\t_\t6\tcase\t_\t_
6\tKabul\tKabul\tPROPN\tNNP\t_\t4\tobl\t_\tSpaceAfter=No
7\t.\t.\tPUNCT\t.\t_\t4\tpunct\t_\t_

# sent_id = 3
# text = Soldiers didn't fire.
1-2\tdidn't\t_\t_\t_\t_\t_\t_\t_\t_
1\tSoldiers\tsoldier\tNOUN\tNNS\t_\t4\tnsubj\t_\t_
2\tdid\tdo\tAUX\tVBD\t_\t4\taux\t_\t_
3\tn't\tnot\tPART\tRB\t_\t4\tadvmod\t_\t_
4\tfire\tfire\tVERB\tVB\t_\t0\troot\t_\tSpaceAfter=No
5\t.\t.\tPUNCT\t.\t_\t4\tpunct\t_\t_

";

/// A model trained on the little treebank, its parser keeping `beam`
/// sequences.
fn small_model(beam: usize) -> Syntax {
    let mut sentences = conllu::read(TREEBANK.as_bytes()).expect("the treebank");
    // the multiword token line is skipped: its words are kept
    assert_eq!(sentences[2].words.len(), 5);
    assert_eq!(sentences[2].words[0].form, "Soldiers");
    let copies = sentences.clone();
    for _ in 0..5 {
        sentences.extend(copies.iter().cloned());
    }
    let clusters = words::Clusters::parse("word\tpath\npolice\t0000000001\nsoldiers\t0000000001\n");
    let o = train::Options {
        tagger_epochs: 4,
        parser_epochs: 4,
        folds: 2,
        min_weight: 0.0,
        seed: 3,
        beam,
        endings: beam > 1,
        refit: beam > 1,
    };
    train::train(&sentences, &copies, clusters, &o, &mut |_| {})
}

/// Every word has a head inside the sentence, exactly one has the root,
/// and following heads from any word reaches the root.
fn is_one_tree(a: &[Analysis]) -> bool {
    let n = a.len();
    let roots = a.iter().filter(|w| w.head == 0).count();
    if roots != 1 || a.iter().any(|w| w.head as usize > n) {
        return false;
    }
    // 2: reaches the root; 1: on the path being followed
    let mut mark = vec![0u8; n + 1];
    mark[0] = 2;
    for start in 1..=n {
        let mut path = Vec::new();
        let mut w = start;
        while mark[w] == 0 {
            mark[w] = 1;
            path.push(w);
            w = a[w - 1].head as usize;
        }
        if mark[w] == 1 {
            return false; // a cycle
        }
        for p in path {
            mark[p] = 2;
        }
    }
    true
}

#[test]
fn learns_its_treebank_and_reads_back_as_written() {
    // greedy, and with a beam trained globally
    for beam in [1, 4] {
        let model = small_model(beam);
        let gold = conllu::read(TREEBANK.as_bytes()).expect("the treebank");
        let s = train::evaluate(&model, &gold);
        assert_eq!(s.words, 17);
        assert!(
            s.upos > 0.99 && s.uas > 0.99 && s.las > 0.99,
            "{beam}: {s:?}"
        );
        let bytes = model.to_bytes();
        let back = Syntax::from_bytes(&bytes).expect("read back");
        assert_eq!(back.to_bytes(), bytes);
        let words = back.analyse(&["The", "men", "were", "arrested", "in", "Kabul", "."]);
        assert_eq!(words[1].deprel, "nsubj:pass", "{beam}");
        assert_eq!(words[3].lemma, "arrest");
        assert!(is_one_tree(&words));
    }
}

#[test]
fn a_damaged_model_is_an_error() {
    let bytes = small_model(1).to_bytes();
    assert!(matches!(
        Syntax::from_bytes(b"nope"),
        Err(ModelError::Malformed(_))
    ));
    assert!(matches!(
        Syntax::from_bytes(&bytes[..bytes.len() / 2]),
        Err(ModelError::Malformed(_))
    ));
    let mut other = bytes.clone();
    other[4] = 99;
    assert_eq!(Syntax::from_bytes(&other), Err(ModelError::Format(99)));
}

#[test]
fn hostile_sentences_still_make_one_tree() {
    let model = small_model(4);
    let many: Vec<String> = (0..100_000)
        .map(|i| ((b'a' + (i % 26) as u8) as char).to_string())
        .collect();
    let punct: Vec<String> = ".,;:!?()[]{}\"'-".chars().map(String::from).collect();
    let mixed = [
        "Полиция",
        "задержала",
        "مرد",
        "را",
        "در",
        "کابل",
        "😀",
        "\u{202e}evil",
        "１２３",
        "",
    ];
    for words in [many, punct, mixed.iter().map(|s| (*s).to_owned()).collect()] {
        let refs: Vec<&str> = words.iter().map(String::as_str).collect();
        let a = model.analyse(&refs);
        assert_eq!(a.len(), refs.len());
        assert!(is_one_tree(&a));
    }
    assert!(model.analyse(&[]).is_empty());
}

#[test]
fn conllu_is_written_as_read() {
    let sentences = conllu::read(TREEBANK.as_bytes()).expect("the treebank");
    let mut out = Vec::new();
    for s in &sentences {
        conllu::write(&mut out, s, &[]).expect("written");
    }
    let again = conllu::read(out.as_slice()).expect("read again");
    assert_eq!(again, sentences);
    assert!(conllu::read("1\tonly two\n".as_bytes()).is_err());
    assert_eq!(conllu::universal("nsubj:pass"), "nsubj");
}

#[test]
fn lemmas_of_unseen_words_follow_their_suffix() {
    let l = lemma::Lemmatiser::learn(
        [
            ("studies", "VERB", "study"),
            ("carries", "VERB", "carry"),
            ("tries", "VERB", "try"),
            ("Kabul", "PROPN", "Kabul"),
        ]
        .into_iter(),
    );
    assert_eq!(l.lemma("worries", "VERB"), "worry");
    assert_eq!(l.lemma("Studies", "VERB"), "study");
    assert_eq!(l.lemma("Herat", "PROPN"), "Herat");
    assert_eq!(l.lemma("unknown", "NOUN"), "unknown");
}

#[test]
fn raw_text_scores_align_words_by_their_characters() {
    let model = small_model(1);
    let gold = conllu::read(TREEBANK.as_bytes()).expect("the treebank");
    let r = raw::evaluate_raw(&model, &gold);
    assert_eq!((r.gold, r.system), (17, 17));
    assert!(r.words == 1.0 && r.uas > 0.99 && r.las > 0.99, "{r:?}");
    // a gold word the tokeniser splits counts against words, and so do
    // the words it becomes
    let mut joined = gold[0].clone();
    joined.text = Some("Police arrested two-men.".into());
    joined.words[2].form = "two-men".into();
    joined.words.remove(3);
    joined.words[3].head = 2;
    let r = raw::evaluate_raw(&model, &[joined]);
    assert_eq!((r.gold, r.system), (4, 6));
    assert!((r.words - 2.0 * 3.0 / 10.0).abs() < 1e-9, "{r:?}");
}
