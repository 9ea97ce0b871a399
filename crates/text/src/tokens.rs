//! Word tokens and sentences: Beacon's one tokeniser and sentence splitter.
//!
//! The tokeniser follows the conventions of the corpora the models are
//! trained on (Penn Treebank / Universal Dependencies style), so that a
//! name's boundaries fall on token boundaries and the parser meets the words
//! it was trained on:
//! - words are runs of letters, digits and marks, in any script; CJK
//!   ideographs and kana are one token each (those scripts write no spaces);
//! - punctuation is a token of its own (a run of the same mark, as `...` or
//!   `--`, is one token), and so are `@` and `#` before a handle or tag;
//! - clitics are split off: `Afghanistan's` → `Afghanistan` `'s`, `don't` →
//!   `do` `n't`, `States'` → `States` `'`;
//! - hyphens between words are tokens (`Al-Qaida` → `Al` `-` `Qaida`), as UD
//!   English does, so that `Taliban-led` yields the name `Taliban`; but a
//!   hyphen before a Cyrillic letter joins (`что-то`, `1960-х`), as UD
//!   Russian writes;
//! - a zero-width non-joiner between letters is inside the word (Persian
//!   `می‌شود`);
//! - an emoji keeps its modifiers (skin tone, presentation selector, a
//!   zero-width-joined sequence: `👍🏻`, `🤷‍♀️`);
//! - a period stays with an initial (`W.`), an acronym (`U.S.`) or a known
//!   abbreviation (`Mr.`, `Gen.`, `Jan.`, `тыс.`); inside a word (`3.5`,
//!   `bbc.com`) it is part of it, as are `,` between digits, `:` between
//!   digits (`5:30`, a score `3:0`) and `&` between letters (`AT&T`).
//!
//! Offsets count code points (ARCHITECTURE.md); byte offsets are kept too, to
//! slice the text without a scan.

/// One token: its place in the text, in code points and in bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token {
    /// First code point.
    pub start: usize,
    /// One past the last code point.
    pub end: usize,
    /// First byte.
    pub byte_start: usize,
    /// One past the last byte.
    pub byte_end: usize,
    /// Whether a line break separates this token from the one before.
    pub after_newline: bool,
}

impl Token {
    /// The token's text.
    pub fn text<'a>(&self, text: &'a str) -> &'a str {
        &text[self.byte_start..self.byte_end]
    }
}

/// Abbreviations that keep their period (lower case, without it).
const ABBREVIATIONS: &[&str] = &[
    "mr",
    "mrs",
    "ms",
    "dr",
    "prof",
    "gen",
    "lt",
    "col",
    "maj",
    "capt",
    "cpt",
    "sgt",
    "cmdr",
    "adm",
    "gov",
    "sen",
    "rep",
    "rev",
    "pres",
    "st",
    "mt",
    "ft",
    "jr",
    "sr",
    "inc",
    "corp",
    "ltd",
    "co",
    "bros",
    "vs",
    "etc",
    "no",
    "jan",
    "feb",
    "mar",
    "apr",
    "jun",
    "jul",
    "aug",
    "sep",
    "sept",
    "oct",
    "nov",
    "dec",
    "dept",
    "univ",
    "ave",
    "blvd",
    "est",
    "approx",
    "fig",
    "vol",
    "gov't",
    // Russian, as UD Russian keeps them ("тыс.", "и др.", "в 1990-х гг.");
    // words that end sentences as often ("мин", "им", "пол") are left out
    "тыс",
    "млн",
    "млрд",
    "руб",
    "коп",
    "гг",
    "вв",
    "чел",
    "фр",
    "др",
    "гр",
    "стр",
    "ул",
    "обл",
    "проф",
    "акад",
    "доц",
    "англ",
    "нем",
    "франц",
    "лат",
    "напр",
    "сокр",
    "реж",
    "см",
    "ст",
    "пос",
    "корп",
    "изд",
    "канд",
    "зам",
    "зав",
    "кв",
    "пер",
    "пр",
    "просп",
    "пл",
    "оз",
    "рис",
    "табл",
];

fn is_cjk(c: char) -> bool {
    matches!(c as u32,
        0x3040..=0x30FF      // kana
        | 0x3400..=0x4DBF    // CJK extension A
        | 0x4E00..=0x9FFF    // CJK unified ideographs
        | 0xF900..=0xFAFF    // compatibility ideographs
        | 0x20000..=0x2FFFF) // supplementary ideographs
}

fn is_apostrophe(c: char) -> bool {
    c == '\'' || c == '\u{2019}'
}

/// Letters, digits and combining marks (any character that is neither
/// whitespace, punctuation nor a symbol).
fn is_word_char(c: char) -> bool {
    if c.is_alphanumeric() || c == '_' {
        return true;
    }
    if c.is_ascii() || c.is_whitespace() || c.is_control() {
        return false;
    }
    // Non-ASCII punctuation and symbols: general punctuation, currency,
    // arrows, maths, box drawing, CJK punctuation, full-width forms, and the
    // Latin-1 punctuation block.
    !matches!(c as u32,
        0x00A0..=0x00BF
        | 0x00D7 | 0x00F7
        | 0x2000..=0x2BFF
        | 0x3000..=0x303F
        | 0xFE10..=0xFE6F
        | 0xFF00..=0xFF0F
        | 0xFF1A..=0xFF20
        | 0xFF3B..=0xFF40
        | 0xFF5B..=0xFF65
        | 0x1F000..=0x1FFFF
        | 0x060C | 0x061B | 0x061F | 0x066A..=0x066D | 0x06D4)
}

/// Splits `text` into tokens.
pub fn tokenise(text: &str) -> Vec<Token> {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let n = chars.len();
    let byte_at = |i: usize| chars.get(i).map_or(text.len(), |&(b, _)| b);
    let ch = |i: usize| chars.get(i).map(|&(_, c)| c);
    let mut out = Vec::with_capacity(n / 5 + 1);
    let mut newline = false;
    let push = |out: &mut Vec<Token>, s: usize, e: usize, nl: &mut bool| {
        out.push(Token {
            start: s,
            end: e,
            byte_start: byte_at(s),
            byte_end: byte_at(e),
            after_newline: *nl,
        });
        *nl = false;
    };
    let mut i = 0;
    while i < n {
        let c = chars[i].1;
        if c.is_whitespace() {
            if c == '\n' || c == '\r' || c == '\u{2029}' {
                newline = true;
            }
            i += 1;
            continue;
        }
        if is_cjk(c) {
            push(&mut out, i, i + 1, &mut newline);
            i += 1;
            continue;
        }
        // a web address or an emoticon written as a chunk of its own is one
        // token
        if (i == 0 || chars[i - 1].1.is_whitespace())
            && let Some(e) = whole_chunk(&chars, i)
        {
            push(&mut out, i, e, &mut newline);
            i = e;
            continue;
        }
        if is_apostrophe(c)
            && is_clitic(&chars, i + 1, n)
            && i > 0
            && chars[i - 1].1.is_whitespace()
        {
            // A clitic written apart, as tokenised corpora write it ("York 's").
            let mut e = i + 1;
            while e < n && chars[e].1.is_alphabetic() {
                e += 1;
            }
            push(&mut out, i, e, &mut newline);
            i = e;
            continue;
        }
        if !is_word_char(c) {
            // A run of the same mark is one token ("...", "--", "!!!"); a
            // symbol keeps what modifies it (an emoji's skin tone, its
            // presentation selector, a sequence joined by U+200D).
            let mut j = i + 1;
            while j < n && chars[j].1 == c && j - i < 256 {
                j += 1;
            }
            j = modified(&chars, j);
            push(&mut out, i, j, &mut newline);
            i = j;
            continue;
        }
        // A word: extend over word characters and word-internal marks.
        let mut j = i;
        loop {
            while j < n && is_word_char(chars[j].1) && !is_cjk(chars[j].1) {
                j += 1;
            }
            if ch(j).is_none() || !internal_mark(&chars, i, j) {
                break;
            }
            j += 1;
        }
        // A period after an initial, an acronym or an abbreviation.
        if ch(j) == Some('.') {
            let word: String = chars[i..j].iter().map(|&(_, c)| c).collect();
            let lower = word.to_lowercase();
            let letters = word.chars().filter(|c| c.is_alphabetic()).count();
            let initial = letters == 1 && word.chars().all(|c| c.is_alphabetic());
            // U.S., Ph.D., a.m.: short parts between the dots (not a
            // domain name ending a sentence)
            let acronym = word.contains('.') && word.split('.').all(|p| p.chars().count() <= 2);
            if initial || acronym || ABBREVIATIONS.contains(&lower.as_str()) {
                j += 1;
            }
        }
        // n't: split "don't" as "do" "n't".
        let mut k = j;
        if j >= i + 3
            && chars[j - 1].1.eq_ignore_ascii_case(&'n')
            && ch(j).is_some_and(is_apostrophe)
            && ch(j + 1).is_some_and(|x| x.eq_ignore_ascii_case(&'t'))
            && !ch(j + 2).is_some_and(is_word_char)
        {
            k = j - 1;
        }
        if let Some(at) = contraction(&chars[i..k]) {
            push(&mut out, i, i + at, &mut newline);
            push(&mut out, i + at, k, &mut newline);
        } else {
            push(&mut out, i, k, &mut newline);
        }
        if k < j {
            push(&mut out, k, j + 2, &mut newline);
            i = j + 2;
            continue;
        }
        i = j;
        // A clitic after the word: 's 're 've 'll 'd 'm, or a bare ' after s.
        if ch(i).is_some_and(is_apostrophe) && is_clitic(&chars, i + 1, n) {
            let mut e = i + 1;
            while e < n && chars[e].1.is_alphabetic() {
                e += 1;
            }
            push(&mut out, i, e, &mut newline);
            i = e;
        }
    }
    out
}

/// Whether a letter is Cyrillic.
fn is_cyrillic(c: char) -> bool {
    matches!(c as u32, 0x0400..=0x052F) && c.is_alphabetic()
}

/// Past the modifiers of the symbol before `j`: variation selectors, skin
/// tones, and symbols joined to it by a zero-width joiner (`🤷‍♀️`).
fn modified(chars: &[(usize, char)], mut j: usize) -> usize {
    let is_modifier = |c: char| matches!(c as u32, 0xFE0E | 0xFE0F | 0x1F3FB..=0x1F3FF);
    let mut steps = 0;
    while j < chars.len() && steps < 32 {
        steps += 1;
        let c = chars[j].1;
        if is_modifier(c) {
            j += 1;
        } else if c == '\u{200D}' && chars.get(j + 1).is_some_and(|&(_, x)| !x.is_whitespace()) {
            j += 2;
        } else {
            break;
        }
    }
    j
}

/// Whether the mark at `j`, after the word characters `i..j`, is inside the
/// word: a period before a letter or digit, a comma between digits, times
/// (5:30), dates and fractions (02/13/2001, 1/2), b/c, a prefix's hyphen
/// (non-, co-, e-mail), a telephone number's or date's (713-664-7478,
/// 2005-03-09), AT&T, O'Brien, an e-mail address's @. Words joined by hyphens are split
/// ("Taliban-led"), and so are ranges (3-4, 1990-1995) and clitics.
fn internal_mark(chars: &[(usize, char)], i: usize, j: usize) -> bool {
    let ch = |k: usize| chars.get(k).map(|&(_, c)| c);
    let Some(m) = ch(j) else { return false };
    let next = ch(j + 1);
    let prev = chars[j - 1].1;
    let digit_next = next.is_some_and(|x| x.is_ascii_digit());
    match m {
        '.' => next.is_some_and(|x| x.is_alphanumeric() && !is_cjk(x)),
        ',' => prev.is_ascii_digit() && digit_next,
        // times (5:30), scores and ratios (3:0, 25:7), verses (3:16)
        ':' => prev.is_ascii_digit() && digit_next,
        '/' if prev.is_ascii_digit() => digit_next,
        '/' => {
            j == i + 1
                && next.is_some_and(char::is_alphabetic)
                && !ch(j + 2).is_some_and(is_word_char)
        }
        // Russian and the other Cyrillic languages write hyphenated words
        // as one ("что-то", "из-за", "Юго-Западном", "1960-х"), as their
        // treebanks do
        '-' if next.is_some_and(is_cyrillic) && (is_cyrillic(prev) || prev.is_ascii_digit()) => {
            true
        }
        '-' if prev.is_ascii_digit() => digit_next && phone_or_date(chars, i),
        // Persian writes a zero-width non-joiner inside words ("می‌شود")
        '\u{200C}' => prev.is_alphabetic() && next.is_some_and(char::is_alphabetic),
        '-' => next.is_some_and(char::is_alphabetic) && is_prefix(&chars[i..j]),
        '&' => prev.is_uppercase() && next.is_some_and(|x| x.is_uppercase()) && j - i <= 4,
        // an e-mail address (j.smith@example.org, Warner@ENRON); a handle
        // (@user) is split
        '@' => {
            next.is_some_and(char::is_alphanumeric) && !chars[i..j].iter().any(|&(_, c)| c == '@')
        }
        a if is_apostrophe(a) => {
            let nt = prev.eq_ignore_ascii_case(&'n')
                && next.is_some_and(|x| x.eq_ignore_ascii_case(&'t'))
                && !ch(j + 2).is_some_and(is_word_char);
            next.is_some_and(|x| x.is_alphabetic()) && !nt && !is_clitic(chars, j + 1, chars.len())
        }
        _ => false,
    }
}

/// Where a fused word splits in two, as the treebanks write it: `cannot`
/// (`can` `not`), `gonna`, `wanna`, `gotta` (`gon` `na`...).
fn contraction(word: &[(usize, char)]) -> Option<usize> {
    if !(5..=6).contains(&word.len()) {
        return None;
    }
    let w: String = word.iter().map(|&(_, c)| c.to_ascii_lowercase()).collect();
    matches!(w.as_str(), "cannot" | "gonna" | "wanna" | "gotta").then_some(3)
}

/// Prefixes written with a hyphen onto the word they modify, which the
/// treebanks keep in one token ("non-Microsoft", "co-founder", "e-mail").
const PREFIXES: &[&str] = &[
    "anti", "co", "counter", "cross", "e", "ex", "mid", "mini", "multi", "non", "post", "pre",
    "pro", "re", "semi", "sub",
];

fn is_prefix(word: &[(usize, char)]) -> bool {
    word.len() <= 7 && {
        let w: String = word.iter().map(|&(_, c)| c.to_ascii_lowercase()).collect();
        PREFIXES.contains(&w.as_str())
    }
}

/// Whether the digits at `from` and the hyphenated groups after them are a
/// telephone number or a date (three groups or more, or 3 then 4 digits),
/// not a range (3-4, 1990-1995).
fn phone_or_date(chars: &[(usize, char)], from: usize) -> bool {
    let mut groups = Vec::new();
    let mut k = from;
    loop {
        let start = k;
        while k < chars.len() && chars[k].1.is_ascii_digit() {
            k += 1;
        }
        groups.push(k - start);
        if k + 1 < chars.len() && chars[k].1 == '-' && chars[k + 1].1.is_ascii_digit() {
            k += 1;
        } else {
            break;
        }
    }
    groups.len() >= 3 || groups == [3, 4]
}

/// A chunk (up to the next whitespace) that is one token: a web address
/// (`http://`, `https://`, `ftp://`, `www.`) or an emoticon; its end,
/// without the marks that close a sentence or a bracket. (An e-mail address
/// is one word by [`internal_mark`].)
fn whole_chunk(chars: &[(usize, char)], from: usize) -> Option<usize> {
    const EMOTICONS: &[&str] = &[
        ":)", ":-)", ";)", ";-)", ":(", ":-(", ":D", ":-D", ":P", ":-P", ":/", ":'(",
    ];
    // most chunks are words: look no further unless one could be special
    if !matches!(chars[from].1, 'h' | 'H' | 'w' | 'W' | 'f' | 'F' | ':' | ';') {
        return None;
    }
    let mut end = from;
    while end < chars.len() && !chars[end].1.is_whitespace() && end - from < 2048 {
        end += 1;
    }
    let chunk: String = chars[from..end].iter().map(|&(_, c)| c).collect();
    if EMOTICONS.contains(&chunk.as_str()) {
        return Some(end);
    }
    let lower = chunk.to_ascii_lowercase();
    let web = ["http://", "https://", "ftp://", "www."]
        .iter()
        .any(|p| lower.starts_with(p));
    let kept = chunk
        .trim_end_matches(['.', ',', ';', ':', '!', '?', ')', ']', '}', '"', '\''])
        .chars()
        .count();
    (web && kept > 7).then_some(from + kept)
}

/// Whether the letters at `from` are a clitic ending a word: `s`, `re`, `ve`,
/// `ll`, `d`, `m`.
fn is_clitic(chars: &[(usize, char)], from: usize, n: usize) -> bool {
    let mut e = from;
    while e < n && e - from < 3 && chars[e].1.is_alphabetic() {
        e += 1;
    }
    if e < n && is_word_char(chars[e].1) {
        return false;
    }
    let s: String = chars[from..e]
        .iter()
        .map(|&(_, c)| c.to_ascii_lowercase())
        .collect();
    matches!(s.as_str(), "s" | "re" | "ve" | "ll" | "d" | "m")
}

/// The longest sentence the recogniser decodes at once; longer runs of
/// tokens without a sentence end are cut, so memory per call stays bounded.
pub const MAX_SENTENCE_TOKENS: usize = 250;

/// Splits tokens into sentences: after `.`, `!` or `?` (and any closing
/// quotes or brackets) when the next token does not start in lower case, at
/// every line break, and every [`MAX_SENTENCE_TOKENS`] tokens.
pub fn sentences(text: &str, tokens: &[Token]) -> Vec<std::ops::Range<usize>> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut i = 0;
    while i < tokens.len() {
        if i > start && (tokens[i].after_newline || i - start >= MAX_SENTENCE_TOKENS) {
            out.push(start..i);
            start = i;
        }
        let t = tokens[i].text(text);
        if matches!(t, "." | "!" | "?" | "..." | "!!" | "??" | "!!!" | "???") {
            let mut j = i + 1;
            while j < tokens.len()
                && !tokens[j].after_newline
                && matches!(
                    tokens[j].text(text),
                    "\"" | "'" | ")" | "]" | "\u{201d}" | "\u{2019}"
                )
            {
                j += 1;
            }
            let next_lower = tokens
                .get(j)
                .and_then(|t| t.text(text).chars().next())
                .is_some_and(char::is_lowercase);
            if !next_lower {
                out.push(start..j);
                start = j;
                i = j;
                continue;
            }
        }
        i += 1;
    }
    if start < tokens.len() {
        out.push(start..tokens.len());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<&str> {
        tokenise(text).iter().map(|t| t.text(text)).collect()
    }

    #[test]
    fn possessives_clitics_and_hyphens_are_split() {
        assert_eq!(
            words("Afghanistan's northern border, the States' and don't."),
            [
                "Afghanistan",
                "'s",
                "northern",
                "border",
                ",",
                "the",
                "States",
                "'",
                "and",
                "do",
                "n't",
                "."
            ]
        );
        assert_eq!(
            words("Al-Qaida-linked"),
            ["Al", "-", "Qaida", "-", "linked"]
        );
        assert_eq!(words("O'Brien's"), ["O'Brien", "'s"]);
    }

    #[test]
    fn cyrillic_hyphens_persian_joiners_and_emoji_stay_in_their_words() {
        assert_eq!(
            words("Кто-то пришёл из-за границы в 1960-х, а Al-Qaida - нет."),
            [
                "Кто-то",
                "пришёл",
                "из-за",
                "границы",
                "в",
                "1960-х",
                ",",
                "а",
                "Al",
                "-",
                "Qaida",
                "-",
                "нет",
                "."
            ]
        );
        assert_eq!(
            words("او می\u{200C}خواهد برود \u{200C} کتاب\u{200C}ها"),
            [
                "او",
                "می\u{200C}خواهد",
                "برود",
                "\u{200C}",
                "کتاب\u{200C}ها"
            ]
        );
        assert_eq!(
            words("Great 👍🏻 🤷\u{200D}♀\u{FE0F} ❤\u{FE0F}!"),
            ["Great", "👍🏻", "🤷\u{200D}♀\u{FE0F}", "❤\u{FE0F}", "!"]
        );
    }

    #[test]
    fn web_text_keeps_addresses_times_numbers_and_prefixes_whole() {
        assert_eq!(
            words(
                "See http://www.example.com/a/b?c=1&d=2. Mail j.smith@example.org or Warner@ENRON :-)"
            ),
            [
                "See",
                "http://www.example.com/a/b?c=1&d=2",
                ".",
                "Mail",
                "j.smith@example.org",
                "or",
                "Warner@ENRON",
                ":-)"
            ]
        );
        assert_eq!(
            words("On 02/13/2001 at 08:02, call 713-664-7478 or 853-3242, 2-3 times in 1990-1995."),
            [
                "On",
                "02/13/2001",
                "at",
                "08:02",
                ",",
                "call",
                "713-664-7478",
                "or",
                "853-3242",
                ",",
                "2",
                "-",
                "3",
                "times",
                "in",
                "1990",
                "-",
                "1995",
                "."
            ]
        );
        assert_eq!(
            words("A non-Microsoft e-mail, Taliban-led forces, b/c we cannot, gonna"),
            [
                "A",
                "non-Microsoft",
                "e-mail",
                ",",
                "Taliban",
                "-",
                "led",
                "forces",
                ",",
                "b/c",
                "we",
                "can",
                "not",
                ",",
                "gon",
                "na"
            ]
        );
        // a domain name ending a sentence gives its period back; @handles split
        assert_eq!(
            words("at paulhastings.com. @user"),
            ["at", "paulhastings.com", ".", "@", "user"]
        );
        assert_eq!(
            words("U.S. Ph.D. ============================="),
            ["U.S.", "Ph.D.", "============================="]
        );
    }

    #[test]
    fn russian_abbreviations_and_scores_are_one_word() {
        assert_eq!(
            words("Около 5 тыс. человек, см. выше; счёт 3:0 в 19:45."),
            [
                "Около",
                "5",
                "тыс.",
                "человек",
                ",",
                "см.",
                "выше",
                ";",
                "счёт",
                "3:0",
                "в",
                "19:45",
                "."
            ]
        );
        // a word that ends a sentence as often keeps its period apart
        assert_eq!(
            words("Там было много мин."),
            ["Там", "было", "много", "мин", "."]
        );
    }

    #[test]
    fn periods_stay_with_initials_acronyms_and_abbreviations() {
        assert_eq!(
            words("Mr. George W. Bush of the U.S. paid $3.5 million to AT&T."),
            [
                "Mr.", "George", "W.", "Bush", "of", "the", "U.S.", "paid", "$", "3.5", "million",
                "to", "AT&T", "."
            ]
        );
        assert_eq!(
            words("1,000 ... @bbc #news"),
            ["1,000", "...", "@", "bbc", "#", "news"]
        );
    }

    #[test]
    fn offsets_count_code_points() {
        let text = "Café «Zürich» in Москва, 北京市.";
        let toks = tokenise(text);
        let chars: Vec<char> = text.chars().collect();
        let got: Vec<String> = toks
            .iter()
            .map(|t| chars[t.start..t.end].iter().collect())
            .collect();
        let by_bytes: Vec<&str> = toks.iter().map(|t| t.text(text)).collect();
        assert_eq!(got, by_bytes);
        assert_eq!(
            by_bytes,
            [
                "Café",
                "«",
                "Zürich",
                "»",
                "in",
                "Москва",
                ",",
                "北",
                "京",
                "市",
                "."
            ]
        );
    }

    #[test]
    fn sentences_end_at_stops_and_line_breaks() {
        let text = "He left. She stayed in the U.S. for a year\nHeadline here";
        let toks = tokenise(text);
        let s = sentences(text, &toks);
        let firsts: Vec<&str> = s.iter().map(|r| toks[r.start].text(text)).collect();
        assert_eq!(firsts, ["He", "She", "Headline"]);
    }
}
