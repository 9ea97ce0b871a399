//! Prints, for each text given as an argument, its relevance, every
//! candidate event the lexicon finds with the sense model's probability,
//! and the events the pipeline keeps: to read what the
//! learned decisions do to a sentence.
//!
//! ```text
//! cargo run --release -p beacon-eval --example sense_probe -- "Stocks rallied on Friday."
//! ```

fn main() {
    let pipeline = beacon_eval::events::scoring_pipeline();
    let sense = pipeline.sense();
    for text in std::env::args().skip(1) {
        println!("== {text}");
        let Some(article) = beacon_eval::events::text_article(&pipeline, &text, "") else {
            println!("  (not an article)");
            continue;
        };
        println!(
            "  relevance {:.3}",
            pipeline.relevance().score(&article.text)
        );
        for (e, f) in pipeline.candidates(&article, sense.0.bits()) {
            let trigger = e
                .explain
                .iter()
                .find(|x| x.field == "type")
                .and_then(|x| x.text.clone())
                .unwrap_or_default();
            println!(
                "  candidate {:<10} {trigger:?}: {:.3}",
                e.kind.as_str(),
                sense.0.probability(&f)
            );
        }
        for e in pipeline.analyse(&article).events {
            println!("  kept {:<10} {}", e.kind.as_str(), e.evidence.text);
        }
    }
}
