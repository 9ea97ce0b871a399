//! How a place name is used. "Moscow said", "Kabul has denied", "Washington
//! warned" name a government, not a city: such mentions are metonyms, and an
//! event coder must not place anything there on their account.

use beacon_model::{Mention, MentionKind, MentionUse};

/// Verbs of saying and deciding that a government, not a place, does.
const STATE_VERBS: &[&str] = &[
    "said",
    "says",
    "say",
    "warned",
    "warns",
    "announced",
    "announces",
    "accused",
    "accuses",
    "denied",
    "denies",
    "condemned",
    "condemns",
    "rejected",
    "rejects",
    "demanded",
    "demands",
    "insisted",
    "insists",
    "claimed",
    "claims",
    "urged",
    "urges",
    "threatened",
    "threatens",
    "responded",
    "responds",
    "vowed",
    "vows",
    "agreed",
    "agrees",
    "refused",
    "refuses",
    "criticised",
    "criticized",
    "criticises",
    "criticizes",
    "welcomed",
    "welcomes",
    "signed",
    "signs",
    "recognised",
    "recognized",
    "sanctioned",
    "sanctions",
    "blamed",
    "blames",
    "expelled",
    "expels",
    "summoned",
    "summons",
    "protested",
    "protests",
    "pledged",
    "pledges",
    "wants",
    "wanted",
    "believes",
    "believed",
    "fears",
    "feared",
    "hopes",
    "hoped",
];

/// Auxiliaries that may stand between the name and the verb ("Kabul has denied").
const AUXILIARIES: &[&str] = &[
    "has",
    "have",
    "had",
    "is",
    "was",
    "will",
    "would",
    "could",
    "may",
    "might",
    "also",
    "again",
    "officially",
    "quickly",
    "later",
    "then",
    "on",
];

/// Words after which a name is not the subject of a clause.
const PREPOSITIONS: &[&str] = &[
    "to", "in", "from", "at", "near", "into", "across", "of", "for", "on", "over", "through",
    "toward", "towards", "outside", "inside", "around", "via", "by", "with", "between",
];

/// Marks place and country mentions used as metonyms: the name as the subject
/// of a verb of saying or deciding ("Moscow said", "Kabul has denied").
pub fn mark_metonyms(text: &str, mentions: &mut [Mention]) {
    let chars: Vec<char> = text.chars().collect();
    for m in mentions.iter_mut() {
        if !matches!(m.kind, MentionKind::Place | MentionKind::Country) || m.usage.is_some() {
            continue;
        }
        if m.end > chars.len() {
            continue;
        }
        // A subject is not the object of a preposition ("flights to Kabul said").
        let before: String = chars[m.start.saturating_sub(12)..m.start].iter().collect();
        let previous = before
            .split_whitespace()
            .last()
            .unwrap_or("")
            .to_lowercase();
        if PREPOSITIONS.contains(&previous.as_str()) {
            continue;
        }
        let after: String = chars[m.end..(m.end + 60).min(chars.len())].iter().collect();
        // Not "Moscow's", not "Moscow-based": a name followed by a space.
        if !after.starts_with(' ') {
            continue;
        }
        let words: Vec<String> = after
            .split_whitespace()
            .take(3)
            .map(|w| w.trim_matches(|c: char| !c.is_alphabetic()).to_lowercase())
            .collect();
        let verb = words.iter().find(|w| !AUXILIARIES.contains(&w.as_str()));
        if verb.is_some_and(|v| STATE_VERBS.contains(&v.as_str())) {
            m.usage = Some(MentionUse::Metonym);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn place(text: &str, whole: &str) -> Mention {
        let start = whole[..whole.find(text).unwrap()].chars().count();
        Mention {
            text: text.into(),
            start,
            end: start + text.chars().count(),
            kind: MentionKind::Place,
            id: None,
            name: None,
            confidence: 0.9,
            basis: "test".into(),
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
    fn a_capital_as_the_subject_of_a_verb_of_saying_is_a_metonym() {
        for (text, name, metonym) in [
            ("Moscow said the talks had failed.", "Moscow", true),
            ("Kabul has denied the claim.", "Kabul", true),
            ("Fighting in Kandahar continued.", "Kandahar", false),
            ("Moscow's mayor said so.", "Moscow", false),
            ("Flights to Karachi said to be full", "Karachi", false),
            ("Afghanistan also warned of attacks.", "Afghanistan", true),
            ("Flights from Karachi resumed.", "Karachi", false),
        ] {
            let mut m = [place(name, text)];
            mark_metonyms(text, &mut m);
            assert_eq!(m[0].usage == Some(MentionUse::Metonym), metonym, "{text}");
        }
    }
}
