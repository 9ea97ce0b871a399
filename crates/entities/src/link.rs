//! Names that hold for the rest of an article: an acronym introduced after a
//! name ("Islamic Movement of Uzbekistan (IMU)") names the same entry from
//! then on, and a person's surname alone ("Bortnikov") names the person whose
//! full name came first.

use beacon_model::{Mention, MentionKind};

use crate::matcher::is_acronym;

/// Mentions that earlier mentions introduce: acronyms and surnames, wherever
/// later in `text` they stand and no mention covers them yet. Offsets are in
/// code points, as in `mentions`.
pub fn introduced(text: &str, mentions: &[Mention]) -> Vec<Mention> {
    let chars: Vec<char> = text.chars().collect();
    let mut out: Vec<Mention> = Vec::new();
    let covered = |m: &[Mention], extra: &[Mention], s: usize, e: usize| {
        m.iter().chain(extra).any(|x| x.start < e && s < x.end)
    };
    for m in mentions {
        // "Islamic Movement of Uzbekistan (IMU)".
        if let Some((a_start, a_end)) = parenthesised_acronym(&chars, m.end) {
            let acronym: String = chars[a_start..a_end].iter().collect();
            if !is_acronym(&m.text) && is_acronym(&acronym) && initials_fit(&m.text, &acronym) {
                for (s, e) in occurrences(&chars, &acronym, a_start) {
                    if !covered(mentions, &out, s, e) {
                        out.push(Mention {
                            text: acronym.clone(),
                            start: s,
                            end: e,
                            confidence: m.confidence.min(0.85),
                            basis: format!("acronym introduced at {a_start} for {}", m.text),
                            ..m.clone()
                        });
                    }
                }
            }
        }
        // "Alexander Bortnikov" … "Bortnikov".
        if m.kind == MentionKind::Person {
            let words: Vec<&str> = m.text.split_whitespace().collect();
            if let [_, .., last] = words[..]
                && last.chars().count() >= 3
                && last.chars().next().is_some_and(char::is_uppercase)
            {
                for (s, e) in occurrences(&chars, last, m.end) {
                    if !covered(mentions, &out, s, e) {
                        out.push(Mention {
                            text: (*last).to_owned(),
                            start: s,
                            end: e,
                            confidence: m.confidence.min(0.8),
                            basis: format!("surname of {} at {}", m.text, m.start),
                            ..m.clone()
                        });
                    }
                }
            }
        }
    }
    out.sort_by_key(|m| m.start);
    out
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

/// Where `word` stands in `chars` from `from` on, as a whole word.
fn occurrences(chars: &[char], word: &str, from: usize) -> Vec<(usize, usize)> {
    let w: Vec<char> = word.chars().collect();
    let mut out = Vec::new();
    if w.is_empty() || chars.len() < w.len() {
        return out;
    }
    let mut i = from;
    while i + w.len() <= chars.len() {
        if chars[i..i + w.len()] == w[..] {
            let before = i.checked_sub(1).map(|j| chars[j]);
            let after = chars.get(i + w.len()).copied();
            if !before.is_some_and(char::is_alphanumeric)
                && !after.is_some_and(char::is_alphanumeric)
            {
                out.push((i, i + w.len()));
                i += w.len();
                continue;
            }
        }
        i += 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn person(text: &str, start: usize) -> Mention {
        Mention {
            text: text.into(),
            start,
            end: start + text.chars().count(),
            kind: MentionKind::Person,
            id: None,
            name: Some(text.into()),
            confidence: 0.9,
            basis: "model".into(),
            usage: None,
            geonames_id: None,
            lat: None,
            lon: None,
            country: None,
            admin1: None,
            precision: None,
            zone: None,
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
