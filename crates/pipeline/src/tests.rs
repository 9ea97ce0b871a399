//! The chain on small inputs given as bytes.

use super::*;

fn articles(p: &Pipeline, jsonl: &str) -> Vec<Article> {
    let mut out = Vec::new();
    p.read_bytes(
        jsonl.as_bytes(),
        "in.jsonl",
        &Options::default(),
        &mut |o| {
            if let Outcome::Article(_, a) = o {
                out.push(*a);
            }
        },
    );
    out
}

const LINE: &str = r#"{"url": "https://example.org/1", "published": "2024-05-06", "text": "Taliban fighters attacked a police checkpoint in Kunduz on Monday, killing five officers."}"#;

#[test]
fn an_input_becomes_an_analysed_article() {
    let p = Pipeline::new(Config::default());
    let a = articles(&p, LINE);
    assert_eq!(a.len(), 1);
    assert_eq!(
        a[0].published.as_ref().map(|d| d.value.as_str()),
        Some("2024-05-06")
    );
    let x = p.analyse(&a[0]);
    assert!(
        x.mentions.iter().any(|m| m.text == "Kunduz"),
        "{:?}",
        x.mentions
    );
    assert!(!x.times.is_empty());
    assert!(!x.events.is_empty());
    assert!(x.events.iter().all(|e| e.explain.is_empty()));
    let explained = Pipeline::new(Config { explain: true }).analyse(&a[0]);
    assert!(explained.events.iter().any(|e| !e.explain.is_empty()));
}

#[test]
fn a_bad_input_is_a_rejection_with_its_reason() {
    let p = Pipeline::new(Config::default());
    let mut outcomes = Vec::new();
    p.read_bytes(b"{not json", "in.jsonl", &Options::default(), &mut |o| {
        outcomes.push(o)
    });
    assert!(
        matches!(outcomes.as_slice(), [Outcome::Rejected(_)]),
        "{outcomes:?}"
    );
}

#[test]
fn a_long_article_is_analysed_by_its_first_part_and_says_so() {
    let p = Pipeline::new(Config::default());
    let text = "Police arrested two men in Herat. ".repeat(MAX_ANALYSED_CHARS / 20);
    let line = serde_json::json!({"url": "https://example.org/2", "text": text}).to_string();
    let a = articles(&p, &line);
    assert!(a[0].warnings.iter().any(|w| w.kind == "analysis_limited"));
    let part = analysed_part(&a[0]).expect("a part");
    assert!(part.text.chars().count() <= MAX_ANALYSED_CHARS);
    let x = p.analyse(&a[0]);
    let end = x.mentions.iter().map(|m| m.end).max().unwrap_or(0);
    assert!(end <= MAX_ANALYSED_CHARS);
}

#[test]
fn conllu_is_one_tree_per_sentence_of_the_text_layer() {
    let p = Pipeline::new(Config::default());
    let a = articles(&p, LINE);
    let mut out = Vec::new();
    p.write_conllu(&mut out, &a[0]).expect("written");
    let sentences = beacon_syntax::conllu::read(out.as_slice()).expect("CoNLL-U");
    assert_eq!(sentences.len(), 1);
    let words = &sentences[0].words;
    assert_eq!(words.len(), 15);
    assert_eq!(words.iter().filter(|w| w.head == 0).count(), 1);
    let fighters = &words[1];
    assert_eq!((fighters.head, fighters.deprel.as_str()), (3, "nsubj"));
}

#[test]
fn hostile_texts_go_through_the_whole_chain() {
    let p = Pipeline::new(Config::default());
    let long_sentence = "word ".repeat(2_000_000);
    let one_char = "a ".repeat(100_000);
    let punctuation = ".,;:!?()[]{}«»—–-'\"".repeat(5_000);
    let scripts = "Боевики ИГИЛ атаковали Кабул. داعش در کابل حمله کرد. 伊斯兰国在喀布尔。 Taliban in Kunduz. "
        .repeat(1_000);
    let rtl = "\u{202E}طالبان در قندوز\u{202C} \u{200F}שלום עולם ".repeat(2_000);
    for text in [long_sentence, one_char, punctuation, scripts, rtl] {
        let a = Article::from_text("hostile", &text);
        let x = p.analyse(&a);
        let limit = text.chars().count().min(MAX_ANALYSED_CHARS);
        assert!(x.mentions.iter().all(|m| m.start < m.end && m.end <= limit));
        let mut out = Vec::new();
        p.write_conllu(&mut out, &a).expect("written");
        let sentences = beacon_syntax::conllu::read(out.as_slice()).expect("CoNLL-U");
        for s in &sentences {
            assert_eq!(s.words.iter().filter(|w| w.head == 0).count(), 1);
            assert!(s.words.len() <= beacon_text::tokens::MAX_SENTENCE_TOKENS);
        }
    }
}
