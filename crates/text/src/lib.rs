//! The text layer: an article's text split once into tokens and sentences,
//! read by every stage that needs words.
//!
//! Offsets: a [`Token`] carries its place both in code points (`start`,
//! `end`: the convention of every record Beacon writes, see
//! `ARCHITECTURE.md`) and in bytes (`byte_start`, `byte_end`: to slice the
//! text without a scan). A sentence is a range of token indices; sentences
//! cover every token, in order, without overlap, and none is longer than
//! [`tokens::MAX_SENTENCE_TOKENS`].

pub mod tokens;

pub use tokens::Token;

/// A text split into tokens and sentences.
#[derive(Debug, Clone)]
pub struct Text<'a> {
    text: &'a str,
    tokens: Vec<Token>,
    sentences: Vec<std::ops::Range<usize>>,
}

impl<'a> Text<'a> {
    /// Splits `text`.
    pub fn new(text: &'a str) -> Text<'a> {
        let tokens = tokens::tokenise(text);
        let sentences = tokens::sentences(text, &tokens);
        Text {
            text,
            tokens,
            sentences,
        }
    }

    /// The text.
    pub fn text(&self) -> &'a str {
        self.text
    }

    /// Every token, in order.
    pub fn tokens(&self) -> &[Token] {
        &self.tokens
    }

    /// The sentences, as ranges of token indices.
    pub fn sentences(&self) -> &[std::ops::Range<usize>] {
        &self.sentences
    }

    /// The words of a sentence (a range of [`Text::sentences`]).
    pub fn words(&self, sentence: &std::ops::Range<usize>) -> Vec<&'a str> {
        self.tokens[sentence.clone()]
            .iter()
            .map(|t| t.text(self.text))
            .collect()
    }
}

/// Whether a text in `language` (an ISO 639-1 code, `None`: unknown) is
/// read as English: the stages that learned or list English words read it.
/// A short text full of foreign names may be taken for another language;
/// English function words ("the", "of", "was", "said") making up a
/// twentieth of its first words say otherwise.
pub fn reads_english(language: Option<&str>, text: &str) -> bool {
    if language.is_none_or(|l| l == "en") {
        return true;
    }
    const FUNCTION_WORDS: &[&str] = &[
        "the", "of", "and", "to", "was", "were", "said", "that", "for", "with", "from", "by",
        "has", "have", "is", "are", "it", "on", "at", "their", "its", "which", "after",
    ];
    let (mut words, mut english) = (0usize, 0usize);
    for w in text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .take(2000)
    {
        words += 1;
        if w.len() <= 5 && FUNCTION_WORDS.iter().any(|f| f.eq_ignore_ascii_case(w)) {
            english += 1;
        }
    }
    words > 0 && english * 20 >= words
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sentences_cover_every_token_in_order() {
        let t = Text::new("Police arrested two men. They were freed on Monday!\nNo charges");
        let mut next = 0;
        for s in t.sentences() {
            assert_eq!(s.start, next);
            assert!(s.end > s.start);
            next = s.end;
        }
        assert_eq!(next, t.tokens().len());
        assert_eq!(t.sentences().len(), 3);
        assert_eq!(
            t.words(&t.sentences()[1]),
            ["They", "were", "freed", "on", "Monday", "!"]
        );
    }

    #[test]
    fn a_long_text_without_a_sentence_end_is_cut_into_bounded_sentences() {
        // 10 MB in one "sentence", and 100,000 one-character tokens
        let long = "word ".repeat(2_000_000);
        let many = "a ".repeat(100_000);
        for text in [
            long.as_str(),
            many.as_str(),
            ".,;:!?".repeat(1000).as_str(),
            "",
        ] {
            let t = Text::new(text);
            assert!(
                t.sentences()
                    .iter()
                    .all(|s| s.len() <= tokens::MAX_SENTENCE_TOKENS)
            );
            assert_eq!(
                t.sentences().iter().map(|s| s.len()).sum::<usize>(),
                t.tokens().len()
            );
        }
    }
}
