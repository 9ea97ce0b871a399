//! Names that hold for the rest of an article: an acronym introduced after a
//! name ("Islamic Movement of Uzbekistan (IMU)") names the same entry from
//! then on, and a person's surname alone ("Bortnikov") names the person whose
//! full name came first.

use aho_corasick::{AhoCorasickBuilder, MatchKind};
use beacon_model::{Mention, MentionKind};

use crate::matcher::is_acronym;

/// Mentions that earlier mentions introduce: acronyms and surnames, wherever
/// later in `text` they stand and no mention covers them yet. Offsets are in
/// code points, as in `mentions` (which must be in text order and not
/// overlap, as [`crate::merge`] leaves them). One pass over
/// the text finds every introduced name, however many there are.
pub fn introduced(text: &str, mentions: &[Mention]) -> Vec<Mention> {
    let chars: Vec<char> = text.chars().collect();
    // Each name introduced, once: (the name, where it may first stand, the
    // mention it stands for, the basis it will carry).
    let mut intros: Vec<(String, usize, &Mention, String)> = Vec::new();
    let mut seen = std::collections::HashSet::new();
    for m in mentions {
        // "Islamic Movement of Uzbekistan (IMU)".
        if let Some((a_start, a_end)) = parenthesised_acronym(&chars, m.end) {
            let acronym: String = chars[a_start..a_end].iter().collect();
            if !is_acronym(&m.text)
                && is_acronym(&acronym)
                && initials_fit(&m.text, &acronym)
                && seen.insert(acronym.clone())
            {
                let basis = format!("acronym introduced at {a_start} for {}", m.text);
                intros.push((acronym, a_start, m, basis));
            }
        }
        // "Alexander Bortnikov" … "Bortnikov".
        if m.kind == MentionKind::Person {
            let words: Vec<&str> = m.text.split_whitespace().collect();
            if let [_, .., last] = words[..]
                && last.chars().count() >= 3
                && last.chars().next().is_some_and(char::is_uppercase)
                && seen.insert((*last).to_owned())
            {
                let basis = format!("surname of {} at {}", m.text, m.start);
                intros.push(((*last).to_owned(), m.end, m, basis));
            }
        }
    }
    if intros.is_empty() {
        return Vec::new();
    }
    let finder = AhoCorasickBuilder::new()
        .match_kind(MatchKind::LeftmostLongest)
        .build(intros.iter().map(|(name, ..)| name.as_str()))
        .expect("introduced names build an automaton");
    let mut offsets = crate::CharOffsets::new(text);
    let mut out = Vec::new();
    for hit in finder.find_iter(text) {
        let (name, from, m, basis) = &intros[hit.pattern().as_usize()];
        let before = text[..hit.start()].chars().next_back();
        let after = text[hit.end()..].chars().next();
        if before.is_some_and(char::is_alphanumeric) || after.is_some_and(char::is_alphanumeric) {
            continue;
        }
        let (s, e) = (offsets.at(hit.start()), offsets.at(hit.end()));
        if s < *from || covered(mentions, s, e) {
            continue;
        }
        out.push(Mention {
            text: name.clone(),
            start: s,
            end: e,
            confidence: m.confidence.min(if is_acronym(name) { 0.85 } else { 0.8 }),
            basis: basis.clone(),
            ..(*m).clone()
        });
    }
    out
}

/// Does a mention overlap `s..e`? `mentions` are in text order and never
/// overlap each other, so their ends are in order too: the last to start
/// before `e` is the only one that can.
fn covered(mentions: &[Mention], s: usize, e: usize) -> bool {
    let i = mentions.partition_point(|m| m.start < e);
    mentions[..i].last().is_some_and(|m| m.end > s)
}

/// `(XYZ)` right after position `end`: the span of XYZ.
fn parenthesised_acronym(chars: &[char], end: usize) -> Option<(usize, usize)> {
    let mut i = end;
    while chars.get(i) == Some(&' ') {
        i += 1;
    }
    if chars.get(i) != Some(&'(') {
        return None;
    }
    let start = i + 1;
    let close = (start..(start + 12).min(chars.len())).find(|&j| chars[j] == ')')?;
    (close > start).then_some((start, close))
}

/// Do the acronym's letters fit the name's initials? Most do ("Islamic
/// Movement of Uzbekistan" → IMU); transliterated ones often don't quite
/// (Tehreek-i-Taliban Pakistan → TTP), so the first letter must agree and half
/// of the rest must be initials.
fn initials_fit(name: &str, acronym: &str) -> bool {
    let initials: Vec<char> = name
        .split(|c: char| c.is_whitespace() || c == '-')
        .filter_map(|w| w.chars().next())
        .flat_map(char::to_uppercase)
        .collect();
    let letters: Vec<char> = acronym.chars().filter(|c| c.is_alphabetic()).collect();
    let Some(first) = letters.first() else {
        return false;
    };
    if initials.first() != Some(first) {
        return false;
    }
    let found = letters.iter().filter(|c| initials.contains(c)).count();
    2 * found >= letters.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn person(text: &str, start: usize) -> Mention {
        let end = start + text.chars().count();
        Mention {
            name: Some(text.into()),
            ..Mention::new(text, start, end, MentionKind::Person, 0.9, "model")
        }
    }

    #[test]
    fn acronyms_and_surnames_hold_for_the_rest_of_the_article() {
        let text = "The Islamic Movement of Uzbekistan (IMU) met Alexander Bortnikov. Later the IMU said Bortnikov lied; IMUX is not it.";
        let imu = Mention {
            kind: MentionKind::ArmedGroup,
            ..person("Islamic Movement of Uzbekistan", 4)
        };
        let ab = person("Alexander Bortnikov", text.find("Alexander").unwrap());
        let found = introduced(text, &[imu, ab]);
        let got: Vec<(&str, usize)> = found.iter().map(|m| (m.text.as_str(), m.start)).collect();
        assert_eq!(
            got,
            [
                ("IMU", 36),
                ("IMU", text.find("IMU said").unwrap()),
                ("Bortnikov", text.find("Bortnikov lied").unwrap())
            ]
        );
        assert_eq!(found[0].kind, MentionKind::ArmedGroup);
        assert!(found[2].basis.starts_with("surname of Alexander Bortnikov"));
    }

    #[test]
    fn an_acronym_must_fit_the_name() {
        assert!(initials_fit("Islamic Movement of Uzbekistan", "IMU"));
        assert!(initials_fit("Tehreek-i-Taliban Pakistan", "TTP"));
        assert!(!initials_fit("Islamic Movement of Uzbekistan", "BBC"));
    }
}
