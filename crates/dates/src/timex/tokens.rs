//! The token stream the time-expression scanner reads: words, numbers and
//! single punctuation marks, each with its code-point and byte offsets, with
//! sentence numbers and the tense cues of each sentence.

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
    /// A line break separates it from the previous token.
    pub newline_before: bool,
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

/// Splits `text` into tokens.
pub(super) fn tokenize(text: &str) -> Vec<Tok> {
    let mut out: Vec<Tok> = Vec::new();
    let mut cur: Option<Tok> = None;
    let mut space = false;
    let mut newline = false;
    let finish = |cur: &mut Option<Tok>, out: &mut Vec<Tok>| {
        if let Some(mut t) = cur.take() {
            if t.kind == Kind::Num {
                t.num = if t.lower.len() <= 18 {
                    t.lower.parse().ok()
                } else {
                    None
                };
            }
            out.push(t);
        }
    };
    for (ci, (bi, c)) in text.char_indices().enumerate() {
        let (kind, folded) = if let Some(d) = fold_digit(c) {
            (Kind::Num, d)
        } else if c.is_alphabetic() || (c.is_alphanumeric() && !c.is_numeric()) {
            (Kind::Word, c)
        } else if c.is_whitespace() {
            finish(&mut cur, &mut out);
            space = true;
            newline |= c == '\n' || c == '\r' || c == '\u{2029}';
            continue;
        } else if c.is_numeric() || c.is_alphanumeric() {
            // Other numerals (superscripts, fractions): part of no date.
            (Kind::Word, c)
        } else {
            (Kind::Punct, fold_punct(c))
        };
        let blen = c.len_utf8();
        match &mut cur {
            Some(t) if t.kind == kind && kind != Kind::Punct => {
                t.lower.extend(folded.to_lowercase());
                t.end = ci + 1;
                t.bend = bi + blen;
            }
            _ => {
                finish(&mut cur, &mut out);
                let mut lower = String::new();
                lower.extend(folded.to_lowercase());
                cur = Some(Tok {
                    lower,
                    start: ci,
                    end: ci + 1,
                    bstart: bi,
                    bend: bi + blen,
                    kind,
                    space_before: space || out.is_empty(),
                    newline_before: newline,
                    cap: c.is_uppercase(),
                    num: None,
                    sentence: 0,
                });
                space = false;
                newline = false;
            }
        }
    }
    finish(&mut cur, &mut out);
    number_sentences(&mut out);
    out
}

/// Words after which a full stop does not end a sentence.
const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "st", "inc", "corp", "co", "ltd", "jr", "sr", "jan", "feb", "mar",
    "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "no", "vs", "gov", "sen",
    "rep", "gen", "lt", "col", "prof", "mt", "ft", "approx", "est", "fig", "etc",
];

/// Token `j` ends an abbreviation ("Mr", "U.S", "p.m"), so a full stop after it ends nothing.
fn abbreviation(toks: &[Tok], j: usize) -> bool {
    let t = &toks[j];
    let dotted = t.kind == Kind::Word && !t.space_before && j >= 1 && toks[j - 1].lower == ".";
    dotted
        || ABBREVIATIONS.contains(&t.lower.as_str())
        || t.kind == Kind::Word && t.lower.chars().count() == 1
}

fn number_sentences(toks: &mut [Tok]) {
    let mut s = 0;
    for i in 0..toks.len() {
        if toks[i].newline_before && i > 0 {
            s += 1;
        }
        toks[i].sentence = s;
        let ends = matches!(toks[i].lower.as_str(), "." | "!" | "?")
            && toks.get(i + 1).is_some_and(|n| {
                n.space_before
                    && (n.cap || n.kind == Kind::Num || n.lower == "\"" || n.lower == "'")
            })
            && (i == 0 || !abbreviation(toks, i - 1));
        if ends {
            s += 1;
        }
    }
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
        "upcoming" => return Some(Tense::Future),
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
    if IRREGULAR_PAST.contains(&w) {
        return Some(Tense::Past);
    }
    // A participle after "be" (or "remain") is a passive or an adjective; the
    // auxiliary tells the tense.
    if matches!(
        prev,
        "be" | "been" | "being" | "remain" | "remains" | "stay" | "stays" | "get" | "gets"
    ) {
        return None;
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
        let t = tokenize("Née le 16 октября, 2015.");
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
        let t = tokenize("The U.S. firm said it will sell. Shares fell on Monday.");
        let last = t.len() - 1;
        assert_eq!(t[last].sentence, 1);
        assert_eq!(t[0].sentence, 0);
        let monday = t.iter().position(|t| t.lower == "monday").unwrap();
        assert_eq!(tense_around(&t, monday, monday + 1), Some(Tense::Past));
        let sell = t.iter().position(|t| t.lower == "sell").unwrap();
        assert_eq!(tense_around(&t, sell, sell + 1), Some(Tense::Future));
    }
}
