//! Dictionary matching over every name at once: one Aho-Corasick automaton over
//! case-folded names, leftmost-longest ("Islamic Movement of Uzbekistan", not
//! "Uzbekistan"), kept only at word boundaries and where the case of the text
//! agrees with the name's: the group "IS" is not the verb "is", and in a
//! headline set in capitals an acronym of two letters proves nothing.

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};

/// A dictionary of names, each pointing at an entry.
pub struct NameMatcher {
    automaton: AhoCorasick,
    /// For each pattern: the entry it names and the name as the dictionary writes it.
    names: Vec<(usize, String)>,
}

/// A name found in a text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Hit {
    /// Byte offset of the first byte.
    pub start: usize,
    /// Byte offset one past the last byte.
    pub end: usize,
    /// The entry named.
    pub entry: usize,
    /// The name is an acronym ("TTP").
    pub acronym: bool,
}

impl NameMatcher {
    /// A matcher over `(name, entry)` pairs.
    pub fn new<'a>(names: impl IntoIterator<Item = (&'a str, usize)>) -> NameMatcher {
        let mut patterns = Vec::new();
        let mut kept = Vec::new();
        for (name, entry) in names {
            let name = name.trim();
            if name.chars().filter(|c| c.is_alphanumeric()).count() < 2 {
                continue;
            }
            patterns.push(fold(name));
            kept.push((entry, name.to_owned()));
        }
        let automaton = AhoCorasickBuilder::new()
            .match_kind(MatchKind::LeftmostLongest)
            .build(&patterns)
            .expect("dictionary names build an automaton");
        NameMatcher {
            automaton,
            names: kept,
        }
    }

    /// The names in `text`, in order, none overlapping.
    pub fn find(&self, text: &str) -> Vec<Hit> {
        let folded = fold(text);
        let mut out = Vec::new();
        for m in self.automaton.find_iter(&folded) {
            let (entry, name) = &self.names[m.pattern().as_usize()];
            let (start, end) = (m.start(), m.end());
            if !at_word_boundaries(text, start, end) {
                continue;
            }
            let written = &text[start..end];
            let acronym = is_acronym(name);
            if !case_agrees(name, written, acronym) {
                continue;
            }
            if acronym && name.chars().count() <= 2 && shouting(text, start, end) {
                continue;
            }
            out.push(Hit {
                start,
                end,
                entry: *entry,
                acronym,
            });
        }
        out
    }
}

/// Lower-cases letters whose lower case takes the same bytes, so that offsets
/// in the folded text are offsets in the original.
pub fn fold(s: &str) -> String {
    s.chars()
        .map(|c| {
            let mut lower = c.to_lowercase();
            match (lower.next(), lower.next()) {
                (Some(l), None) if l.len_utf8() == c.len_utf8() => l,
                _ => c,
            }
        })
        .collect()
}

/// An acronym: two to eight capitals or digits, with at most a hyphen or a
/// dot between them ("TTP", "AQAP", "M23", "ISIS-K").
pub fn is_acronym(name: &str) -> bool {
    let letters = name.chars().filter(|c| c.is_alphanumeric()).count();
    (2..=8).contains(&letters)
        && name.chars().any(char::is_uppercase)
        && name
            .chars()
            .all(|c| c.is_uppercase() || c.is_ascii_digit() || matches!(c, '-' | '.' | '&'))
}

fn at_word_boundaries(text: &str, start: usize, end: usize) -> bool {
    let before = text[..start].chars().next_back();
    let after = text[end..].chars().next();
    !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
}

/// Does the text write the name as the dictionary does, as far as case goes?
/// An acronym must be written exactly; a name's capitalised words must be
/// capitalised (short particles such as "al-" and "of" aside).
fn case_agrees(name: &str, written: &str, acronym: bool) -> bool {
    if acronym {
        return name == written;
    }
    let words = |s: &str| -> Vec<String> {
        s.split(|c: char| c.is_whitespace() || c == '-')
            .filter(|w| !w.is_empty())
            .map(str::to_owned)
            .collect()
    };
    let (n, w) = (words(name), words(written));
    if n.len() != w.len() {
        // Different spacing: accept on the first letter only.
        return first_upper(name) <= first_upper(written);
    }
    n.iter()
        .zip(&w)
        .all(|(a, b)| a.chars().count() <= 3 && !is_acronym(a) || first_upper(a) <= first_upper(b))
}

fn first_upper(s: &str) -> bool {
    s.chars()
        .find(|c| c.is_alphabetic())
        .is_some_and(char::is_uppercase)
}

/// Is the sentence around a span set in capitals (a headline, a shouted line)?
fn shouting(text: &str, start: usize, end: usize) -> bool {
    let around = |it: &mut dyn Iterator<Item = char>| -> (usize, usize) {
        let mut upper = 0;
        let mut lower = 0;
        for c in it.take(60) {
            if matches!(c, '\n' | '.' | '!' | '?') {
                break;
            }
            if c.is_lowercase() {
                lower += 1;
            } else if c.is_uppercase() {
                upper += 1;
            }
        }
        (upper, lower)
    };
    let (u1, l1) = around(&mut text[..start].chars().rev());
    let (u2, l2) = around(&mut text[end..].chars());
    let (upper, lower) = (u1 + u2, l1 + l2);
    upper > 0 && upper >= 2 * lower
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(m: &NameMatcher, text: &str) -> Vec<String> {
        m.find(text)
            .iter()
            .map(|h| text[h.start..h.end].to_owned())
            .collect()
    }

    #[test]
    fn longest_name_at_word_boundaries_with_case_rules() {
        let m = NameMatcher::new([
            ("Islamic Movement of Uzbekistan", 0),
            ("Uzbekistan", 1),
            ("IS", 2),
            ("Islamic State", 2),
            ("al-Qaeda", 3),
        ]);
        assert_eq!(
            names(
                &m,
                "The Islamic Movement of Uzbekistan is close to IS, not Uzbekistan's."
            ),
            ["Islamic Movement of Uzbekistan", "IS", "Uzbekistan"]
        );
        // "is" the verb, "IS" in a shouted headline, "ISIS" as part of a word.
        assert!(names(&m, "This is it. TALIBAN, IS MAY INVADE. Crisis.").is_empty());
        assert_eq!(names(&m, "Al-Qaeda and al-Qaeda"), ["Al-Qaeda", "al-Qaeda"]);
        assert!(names(&m, "the islamic state of mind").is_empty());
    }

    #[test]
    fn folding_keeps_offsets_in_any_script() {
        let m = NameMatcher::new([("ИГИЛ", 0), ("داعش", 1)]);
        let text = "Боевики ИГИЛ и داعش.";
        assert_eq!(names(&m, text), ["ИГИЛ", "داعش"]);
        assert_eq!(fold("İstanbul").len(), "İstanbul".len());
    }
}
