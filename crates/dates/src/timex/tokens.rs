//! The token stream the time-expression scanner reads: the one tokeniser's
//! tokens and sentences (`beacon-text`) cut into words, numbers and single
//! punctuation marks, each with its code-point and byte offsets and its
//! sentence number, and the tense cues of each sentence.

/// What a token is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Kind {
    /// Letters (of any script).
    Word,
    /// Digits (ASCII, Persian or Arabic-Indic), folded to ASCII in `lower`.
    Num,
    /// One other non-space character.
    Punct,
}

/// One token.
#[derive(Debug, Clone)]
pub(super) struct Tok {
    /// Lower-cased text; digits folded to ASCII, typographic apostrophes to `'`
    /// and hyphens to `-`.
    pub lower: String,
    /// Code-point offsets into the text.
    pub start: usize,
    pub end: usize,
    /// Byte offsets into the text.
    pub bstart: usize,
    pub bend: usize,
    pub kind: Kind,
    /// Whitespace separates it from the previous token.
    pub space_before: bool,
    /// Its first character is upper case.
    pub cap: bool,
    /// The number's value (numbers of up to 18 digits).
    pub num: Option<u64>,
    /// Sentence number.
    pub sentence: usize,
}

fn fold_digit(c: char) -> Option<char> {
    match c {
        '0'..='9' => Some(c),
        '۰'..='۹' => char::from_digit(c as u32 - '۰' as u32, 10),
        '٠'..='٩' => char::from_digit(c as u32 - '٠' as u32, 10),
        _ => None,
    }
}

fn fold_punct(c: char) -> char {
    match c {
        '’' | '‘' | '`' | '´' => '\'',
        '‐' | '‑' | '‒' => '-',
        '“' | '”' | '«' | '»' | '„' => '"',
        _ => c,
    }
}

/// What a character is to the scanner, and how it reads it.
fn class(c: char) -> (Kind, char) {
    if let Some(d) = fold_digit(c) {
        (Kind::Num, d)
    } else if c.is_alphabetic() || c.is_alphanumeric() {
        // letters; other numerals (superscripts, fractions) are part of no date
        (Kind::Word, c)
    } else {
        (Kind::Punct, fold_punct(c))
    }
}

/// Splits `text` into the scanner's tokens: the one tokeniser's tokens and
/// sentences (`beacon-text`), each token cut where letters meet digits or
/// marks ("5pm" → `5` `pm`, "10:30" → `10` `:` `30`, each mark its own).
pub(super) fn tokenize(layer: &beacon_text::Text<'_>) -> Vec<Tok> {
    let text = layer.text();
    let mut out: Vec<Tok> = Vec::new();
    let mut prev_end = None;
    for (sentence, range) in layer.sentences().iter().enumerate() {
        for t in &layer.tokens()[range.clone()] {
            let mut first = true;
            for (ci, (bi, c)) in (t.start..).zip(t.text(text).char_indices()) {
                let (kind, folded) = class(c);
                let (bi, blen) = (t.byte_start + bi, c.len_utf8());
                match out.last_mut() {
                    Some(last) if !first && last.kind == kind && kind != Kind::Punct => {
                        last.lower.extend(folded.to_lowercase());
                        last.end = ci + 1;
                        last.bend = bi + blen;
                    }
                    _ => {
                        let mut lower = String::new();
                        lower.extend(folded.to_lowercase());
                        out.push(Tok {
                            lower,
                            start: ci,
                            end: ci + 1,
                            bstart: bi,
                            bend: bi + blen,
                            kind,
                            space_before: first && prev_end.is_none_or(|e| e < t.start),
                            cap: c.is_uppercase(),
                            num: None,
                            sentence,
                        });
                    }
                }
                first = false;
            }
            prev_end = Some(t.end);
        }
    }
    for t in &mut out {
        if t.kind == Kind::Num && t.lower.len() <= 18 {
            t.num = t.lower.parse().ok();
        }
    }
    out
}

/// The tense of a clause, which decides which way a bare weekday or month points.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Tense {
    Past,
    Present,
    Future,
}

/// Irregular past-tense verbs common in news.
const IRREGULAR_PAST: &[&str] = &[
    "said",
    "told",
    "came",
    "went",
    "made",
    "took",
    "gave",
    "fell",
    "rose",
    "got",
    "won",
    "lost",
    "left",
    "met",
    "saw",
    "began",
    "became",
    "held",
    "sold",
    "bought",
    "paid",
    "led",
    "ran",
    "fought",
    "kept",
    "felt",
    "found",
    "brought",
    "thought",
    "spoke",
    "wrote",
    "knew",
    "grew",
    "threw",
    "struck",
    "stood",
    "sank",
    "shot",
    "slid",
    "swung",
    "broke",
    "chose",
    "drove",
    "flew",
    "forgot",
    "hid",
    "rang",
    "sought",
    "sent",
    "spent",
    "taught",
    "understood",
    "wore",
    "withdrew",
    "was",
    "were",
    "had",
    "did",
    "ended",
    "killed",
];

/// Words ending in -ed that are not past tenses.
const NOT_PAST_ED: &[&str] = &[
    "need",
    "feed",
    "speed",
    "seed",
    "bed",
    "red",
    "shed",
    "hundred",
    "indeed",
    "proceed",
    "exceed",
    "succeed",
    "breed",
    "greed",
    "weed",
    "deed",
    "embed",
    "bled",
    "led",
    "wed",
    "fled",
    "shred",
    "sled",
    "naked",
    "wicked",
    "sacred",
    "united",
    "limited",
    "based",
    "expected",
    "scheduled",
    "planned",
    "proposed",
    "related",
    "advanced",
    "detailed",
    "interested",
    "concerned",
    "aged",
];

/// The tense a word marks, if it marks one.
pub(super) fn tense_cue(toks: &[Tok], j: usize) -> Option<Tense> {
    let w = toks[j].lower.as_str();
    let next = toks.get(j + 1).map_or("", |t| t.lower.as_str());
    let prev = if j > 0 {
        toks[j - 1].lower.as_str()
    } else {
        ""
    };
    match w {
        "will" | "shall" | "wo" => return Some(Tense::Future),
        "ll" if prev == "'" => return Some(Tense::Future),
        "expected" | "scheduled" | "planned" | "due" | "set" | "going" | "plans" | "planning"
        | "intends" | "aims"
            if next == "to" =>
        {
            return Some(Tense::Future);
        }
        // "is to resume trading Tuesday", "did not plan to remove him on
        // Thursday", "agreed to meet on Monday": what is planned lies ahead
        "to" if matches!(
            prev,
            "is" | "are"
                | "plan"
                | "intend"
                | "intended"
                | "hope"
                | "hopes"
                | "hoped"
                | "agree"
                | "agrees"
                | "agreed"
                | "promise"
                | "promises"
                | "promised"
                | "vow"
                | "vows"
                | "vowed"
        ) && toks.get(j + 1).is_some_and(|t| t.kind == Kind::Word) =>
        {
            return Some(Tense::Future);
        }
        "upcoming" | "payable" | "expect" | "expects" | "expecting" | "anticipate"
        | "anticipates" => return Some(Tense::Future),
        // Modals point ahead: "should be completed in October".
        "should" | "might" | "must" | "would" => return Some(Tense::Future),
        "may" if !toks[j].cap => return Some(Tense::Future),
        "is" | "are" | "am" | "has" | "have" | "does" | "do" | "says" => {
            return Some(Tense::Present);
        }
        _ => {}
    }
    if toks[j].kind != Kind::Word {
        return None;
    }
    // A participle after "be" (or "remain") is a passive or an adjective; the
    // auxiliary tells the tense ("will be paid", "was paid").
    if matches!(
        prev,
        "be" | "been" | "being" | "remain" | "remains" | "stay" | "stays" | "get" | "gets"
    ) {
        return None;
    }
    // After a determiner or a degree word it is an adjective: "a still
    // unspecified date", "the revised plan".
    if matches!(
        prev,
        "a" | "an"
            | "the"
            | "its"
            | "their"
            | "his"
            | "her"
            | "our"
            | "this"
            | "these"
            | "still"
            | "very"
            | "most"
            | "more"
            | "less"
            | "well"
            | "newly"
    ) {
        return None;
    }
    if IRREGULAR_PAST.contains(&w) {
        return Some(Tense::Past);
    }
    if w.len() > 4 && w.ends_with("ed") && !NOT_PAST_ED.contains(&w) {
        // "has closed" is present perfect: past for direction.
        return Some(Tense::Past);
    }
    None
}

/// The tense of the clause around tokens `a..b`: the tense cue nearest to
/// them in their sentence, if there is one.
pub(super) fn tense_around(toks: &[Tok], a: usize, b: usize) -> Option<Tense> {
    let first = toks.get(a)?;
    let s = first.sentence;
    let mut best: Option<(usize, Tense)> = None;
    let mut consider = |j: usize, d: usize| {
        if let Some(t) = tense_cue(toks, j)
            && best.is_none_or(|(bd, _)| d < bd)
        {
            best = Some((d, t));
        }
    };
    let mut j = a;
    while j > 0 && toks[j - 1].sentence == s && a - j < 40 {
        j -= 1;
        consider(j, a - j);
    }
    let mut j = b;
    while j < toks.len() && toks[j].sentence == s && j - b < 40 {
        consider(j, j - b + 1);
        j += 1;
    }
    best.map(|(_, t)| t)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn offsets_are_code_points() {
        let t = tokenize(&beacon_text::Text::new("Née le 16 октября, 2015."));
        let words: Vec<(&str, usize, usize)> = t
            .iter()
            .map(|t| (t.lower.as_str(), t.start, t.end))
            .collect();
        assert_eq!(words[0], ("née", 0, 3));
        assert_eq!(words[2], ("16", 7, 9));
        assert_eq!(words[3], ("октября", 10, 17));
        assert_eq!(t[2].num, Some(16));
    }

    #[test]
    fn sentences_and_tense() {
        let t = tokenize(&beacon_text::Text::new(
            "The U.S. firm said it will sell. Shares fell on Monday.",
        ));
        let last = t.len() - 1;
        assert_eq!(t[last].sentence, 1);
        assert_eq!(t[0].sentence, 0);
        let monday = t.iter().position(|t| t.lower == "monday").unwrap();
        assert_eq!(tense_around(&t, monday, monday + 1), Some(Tense::Past));
        let sell = t.iter().position(|t| t.lower == "sell").unwrap();
        assert_eq!(tense_around(&t, sell, sell + 1), Some(Tense::Future));
    }
}
