//! Entities: the people, organisations, armed groups, countries and places an
//! article names, each resolved to one entry where it can be.
//!
//! - `actors`: Beacon's curated actor dictionary (armed groups, organisations,
//!   people), compiled into the binary.
//! - `matcher`: dictionary matching over every name at once, with word
//!   boundaries and case rules.
//! - `link`: acronyms introduced in the text and surnames hold for the rest of
//!   the article.
//! - `ner`: a learned recogniser for names in no dictionary.
//!
//! Places come from `beacon-gazetteer`, which recognises and resolves them.

pub mod actors;
pub mod link;
pub mod matcher;
pub mod ner;

use std::sync::OnceLock;

use beacon_model::{Article, Mention};

use crate::matcher::NameMatcher;

/// The matcher over every name and alias of the shipped actor dictionary.
fn actor_matcher() -> &'static NameMatcher {
    static MATCHER: OnceLock<NameMatcher> = OnceLock::new();
    MATCHER.get_or_init(|| {
        NameMatcher::new(actors::shipped().iter().enumerate().flat_map(|(i, a)| {
            std::iter::once(a.name.as_str())
                .chain(a.aliases.iter().map(String::as_str))
                .map(move |n| (n, i))
        }))
    })
}

/// The actors of the dictionary that `text` names, with code-point offsets.
pub fn actor_mentions(text: &str) -> Vec<Mention> {
    let dictionary = actors::shipped();
    let hits = actor_matcher().find(text);
    let mut offsets = CharOffsets::new(text);
    hits.iter()
        .map(|h| {
            let actor = &dictionary[h.entry];
            let (start, end) = (offsets.at(h.start), offsets.at(h.end));
            let confidence = if h.acronym { 0.8 } else { 0.9 };
            let kind = actor.kind.mention_kind();
            Mention {
                id: Some(format!("actor:{}", actor.id)),
                name: Some(actor.name.clone()),
                country: actor.country.clone(),
                ..Mention::new(
                    &text[h.start..h.end],
                    start,
                    end,
                    kind,
                    confidence,
                    "actor dictionary",
                )
            }
        })
        .collect()
}

/// The matcher over every office the dictionary's people held
/// ("President of Uzbekistan"), each pointing at its title's index.
fn role_matcher() -> &'static (NameMatcher, Vec<String>) {
    static MATCHER: OnceLock<(NameMatcher, Vec<String>)> = OnceLock::new();
    MATCHER.get_or_init(|| {
        let mut titles: Vec<String> = actors::shipped()
            .iter()
            .flat_map(|a| a.roles.iter().map(|r| r.role.clone()))
            .collect();
        titles.sort_unstable();
        titles.dedup();
        let matcher = NameMatcher::new(titles.iter().enumerate().map(|(i, t)| (t.as_str(), i)));
        (matcher, titles)
    })
}

/// Offices named in `text` ("the President of Uzbekistan"), as mentions of
/// the person who held the office on `on` (an ISO date, at any precision; the
/// latest holder when `on` is unknown). An office no one in the dictionary
/// held then is left out.
pub fn role_mentions(text: &str, on: Option<&str>) -> Vec<Mention> {
    let (matcher, titles) = role_matcher();
    let mut offsets = CharOffsets::new(text);
    let mut out = Vec::new();
    for h in matcher.find(text) {
        let title = &titles[h.entry];
        let Some((actor, role)) = holder(title, on) else {
            continue;
        };
        let basis = format!(
            "office: {title}, held by {} from {}{}",
            actor.name,
            role.from.as_deref().unwrap_or("?"),
            role.to
                .as_deref()
                .map(|t| format!(" to {t}"))
                .unwrap_or_default()
        );
        let (start, end) = (offsets.at(h.start), offsets.at(h.end));
        let kind = actor.kind.mention_kind();
        out.push(Mention {
            id: Some(format!("actor:{}", actor.id)),
            name: Some(actor.name.clone()),
            country: actor.country.clone(),
            ..Mention::new(&text[h.start..h.end], start, end, kind, 0.75, basis)
        });
    }
    out
}

/// Who held the office `title` on `on`: the holder whose term contains the
/// date (dates compare as ISO strings at the shorter precision).
fn holder(
    title: &str,
    on: Option<&str>,
) -> Option<(&'static actors::Actor, &'static actors::Role)> {
    let held = actors::shipped()
        .iter()
        .flat_map(|a| a.roles.iter().map(move |r| (a, r)))
        .filter(|(_, r)| r.role == title);
    let Some(on) = on else {
        return held.max_by(|a, b| a.1.from.cmp(&b.1.from));
    };
    let before = |a: &str, b: &str| {
        let n = a.len().min(b.len());
        a[..n] <= b[..n]
    };
    held.filter(|(_, r)| {
        r.from.as_deref().is_none_or(|f| before(f, on))
            && r.to.as_deref().is_none_or(|t| before(on, t))
    })
    .max_by(|a, b| a.1.from.cmp(&b.1.from))
}

/// The mentions in an article: dictionary actors, the offices it names
/// (resolved at its publication date), its places (recognised by the
/// gazetteer and the name model, resolved with the gazetteer, demonyms and
/// metonyms marked), and the people and organisations only the name model
/// knows (English articles only), merged so that no two overlap; then what acronyms and surnames introduce; then border
/// zones ("Afghanistan's northern border"), which may span a country's name.
/// In text order.
pub fn mentions(article: &Article) -> Vec<Mention> {
    let text = &article.text;
    let on = article.published.as_ref().map(|p| p.value.as_str());
    // The name model learned English: on other languages it finds noise, so
    // they get the dictionaries and the gazetteer only.
    let english = reads_english(article);
    let names = if english {
        ner::recognise(text)
    } else {
        Vec::new()
    };
    let g = beacon_gazetteer::Gazetteer::get();
    let spans = place_spans(g, text, &names);
    let (zones, places): (Vec<Mention>, Vec<Mention>) = g
        .mentions_for(text, &spans)
        .into_iter()
        .partition(|m| m.zone.as_deref().is_some_and(|z| z.starts_with("border:")));
    let mut found = merge(vec![
        actor_mentions(text),
        // Offices are named in English phrases ("the President of Uzbekistan").
        if english {
            role_mentions(text, on)
        } else {
            Vec::new()
        },
        places,
        model_mentions(text, &names),
    ]);
    let more = link::introduced(text, &found);
    found.extend(more);
    found.extend(zones);
    found.sort_by_key(|m| (m.start, m.end));
    found
}

/// Whether an article is in English, or in no language Beacon could tell:
/// the stages that learned or list English words read it. A short text full
/// of foreign names may be taken for another language; English function
/// words ("the", "of", "was", "said") making up a twentieth of its first
/// words say otherwise.
pub fn reads_english(article: &Article) -> bool {
    if article.language.as_deref().is_none_or(|l| l == "en") {
        return true;
    }
    const FUNCTION_WORDS: &[&str] = &[
        "the", "of", "and", "to", "was", "were", "said", "that", "for", "with", "from", "by",
        "has", "have", "is", "are", "it", "on", "at", "their", "its", "which", "after",
    ];
    let (mut words, mut english) = (0usize, 0usize);
    for w in article
        .text
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

/// Place names: the gazetteer's dictionary pass, and the places the name
/// model found that it missed, in text order (they are then resolved
/// together, each context for the others).
fn place_spans(
    g: &beacon_gazetteer::Gazetteer,
    text: &str,
    names: &[ner::NameSpan],
) -> Vec<beacon_gazetteer::PlaceSpan> {
    let mut spans = beacon_gazetteer::Recogniser::default().find(g, text);
    spans.sort();
    // The dictionary's spans do not overlap one another: sorted by start,
    // their ends are in order too, so one binary search finds whether a
    // model place overlaps any (the model's names do not overlap either).
    let dictionary = spans.len();
    for n in names.iter().filter(|n| n.kind == ner::NameKind::Location) {
        let k = spans[..dictionary].partition_point(|s| s.end <= n.start);
        let overlaps = spans[k..dictionary]
            .first()
            .is_some_and(|s| s.start < n.end);
        if !overlaps {
            spans.push(beacon_gazetteer::PlaceSpan {
                start: n.start,
                end: n.end,
            });
        }
    }
    spans.sort();
    spans
}

/// The place recogniser of [`mentions`]: the gazetteer's dictionary pass
/// with the name model's places (for scoring the end-to-end path).
pub struct PlaceNames<'g> {
    /// The gazetteer looked in.
    pub gazetteer: &'g beacon_gazetteer::Gazetteer,
}

impl beacon_gazetteer::PlaceRecogniser for PlaceNames<'_> {
    fn place_spans(&self, text: &str) -> Vec<beacon_gazetteer::PlaceSpan> {
        place_spans(self.gazetteer, text, &ner::recognise(text))
    }
}

/// People and organisations the learned recogniser found, as mentions not
/// (yet) resolved to an entry: names in no dictionary ("Alexander Bortnikov"
/// before anyone added him). Places go to the gazetteer instead.
fn model_mentions(text: &str, names: &[ner::NameSpan]) -> Vec<Mention> {
    names
        .iter()
        .filter_map(|n| {
            let kind = match n.kind {
                ner::NameKind::Person => beacon_model::MentionKind::Person,
                ner::NameKind::Organization => beacon_model::MentionKind::Organization,
                ner::NameKind::Location => return None,
            };
            let written = text.get(n.byte_start..n.byte_end)?;
            Some(Mention::new(
                written,
                n.start,
                n.end,
                kind,
                n.score,
                "name model",
            ))
        })
        .collect()
}

/// Mentions from several sources, strongest source first, as one list in text
/// order with no two overlapping: a longer name wins over the names inside it
/// ("Islamic Movement of Uzbekistan" over "Uzbekistan"); for the same span, the
/// earlier source wins (the dictionary over the model).
pub fn merge(sources: Vec<Vec<Mention>>) -> Vec<Mention> {
    let mut all: Vec<(usize, Mention)> = sources
        .into_iter()
        .enumerate()
        .flat_map(|(rank, ms)| ms.into_iter().map(move |m| (rank, m)))
        .collect();
    // Longest first, then the strongest source, then text order.
    all.sort_by_key(|(rank, m)| (std::cmp::Reverse(m.end - m.start), *rank, m.start));
    let mut kept: Vec<Mention> = Vec::new();
    let mut dropped: Vec<Mention> = Vec::new();
    // Kept spans by start; they never overlap, so their ends are in order too.
    let mut taken: std::collections::BTreeMap<usize, usize> = std::collections::BTreeMap::new();
    for (_, m) in all {
        let overlaps = taken
            .range(..m.end)
            .next_back()
            .is_some_and(|(_, &end)| end > m.start);
        if overlaps {
            dropped.push(m);
        } else {
            taken.insert(m.start, m.end);
            kept.push(m);
        }
    }
    // A longer name the model found keeps what a dictionary said of a name
    // inside it ("Russian President Vladimir Putin" is still Putin).
    kept.sort_by_key(|m| m.start);
    for d in dropped.into_iter().filter(|d| d.id.is_some()) {
        let i = kept.partition_point(|k| k.start <= d.start);
        if let Some(k) = i.checked_sub(1).map(|i| &mut kept[i])
            && k.id.is_none()
            && k.kind == d.kind
            && k.end >= d.end
        {
            k.id = d.id;
            k.name = d.name;
            k.country = k.country.take().or(d.country);
        }
    }
    kept.sort_by_key(|m| (m.start, m.end));
    kept
}

/// Byte offsets to code-point offsets, for offsets visited in increasing order.
pub(crate) struct CharOffsets<'a> {
    text: &'a str,
    byte: usize,
    chars: usize,
}

impl<'a> CharOffsets<'a> {
    pub(crate) fn new(text: &'a str) -> Self {
        CharOffsets {
            text,
            byte: 0,
            chars: 0,
        }
    }

    /// The code-point offset of byte offset `b` (a char boundary at or after
    /// the last one asked; an earlier one restarts the count).
    pub(crate) fn at(&mut self, b: usize) -> usize {
        if b < self.byte {
            self.byte = 0;
            self.chars = 0;
        }
        self.chars += self.text[self.byte..b].chars().count();
        self.byte = b;
        self.chars
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_worked_examples_actors() {
        let text = "Russia’s Federal Security Service (FSB) has warned that Taliban or Islamic State (IS) fighters may invade. FSB director Alexander Bortnikov said so. Besides Taliban, Islamic Movement of Uzbekistan (IMU) that recently announced allegiance to IS also operates there, as does Tehreek-i-Taliban Pakistan (TTP). Putin spoke at the Commonwealth of Independent States. Bortnikov said IMU is active.";
        let m = mentions(&beacon_model_article(text));
        let ids: Vec<(&str, &str)> = m
            .iter()
            .map(|m| (m.text.as_str(), m.id.as_deref().unwrap_or("")))
            .collect();
        let offices = role_mentions(
            "I agree with the President of Uzbekistan, he said.",
            Some("2015-10"),
        );
        assert_eq!(offices[0].id.as_deref(), Some("actor:karimov"));
        let later = role_mentions(
            "I agree with the President of Uzbekistan, he said.",
            Some("2019-01-01"),
        );
        assert_ne!(later[0].id.as_deref(), Some("actor:karimov"));
        for want in [
            ("Federal Security Service", "actor:fsb"),
            ("FSB", "actor:fsb"),
            ("Taliban", "actor:taliban"),
            ("Islamic State", "actor:islamic-state"),
            ("IS", "actor:islamic-state"),
            ("Alexander Bortnikov", "actor:bortnikov"),
            ("Islamic Movement of Uzbekistan", "actor:imu"),
            ("IMU", "actor:imu"),
            ("Tehreek-i-Taliban Pakistan", "actor:ttp"),
            ("TTP", "actor:ttp"),
            ("Putin", "actor:putin"),
            ("Commonwealth of Independent States", "actor:cis"),
            ("Bortnikov", "actor:bortnikov"),
        ] {
            assert!(ids.contains(&want), "{want:?} missing from {ids:?}");
        }
        // Offsets are code points: "Russia’s" has a three-byte apostrophe.
        let fsb = m
            .iter()
            .find(|m| m.text == "Federal Security Service")
            .unwrap();
        assert_eq!(
            text.chars()
                .skip(fsb.start)
                .take(fsb.end - fsb.start)
                .collect::<String>(),
            "Federal Security Service"
        );
    }

    #[test]
    fn merged_sources_keep_the_longest_name_and_the_strongest_source() {
        let m = |text: &str, start: usize, basis: &str| {
            let end = start + text.chars().count();
            Mention::new(
                text,
                start,
                end,
                beacon_model::MentionKind::Place,
                0.5,
                basis,
            )
        };
        let dictionary = vec![
            m("Islamic Movement of Uzbekistan", 0, "dictionary"),
            m("Putin", 40, "dictionary"),
        ];
        let places = vec![
            m("Uzbekistan", 20, "gazetteer"),
            m("Kabul", 60, "gazetteer"),
        ];
        let model = vec![
            m("Putin", 40, "model"),
            m("Kabul", 60, "model"),
            m("Vladimir Putin", 31, "model"),
        ];
        let got: Vec<(String, String)> = merge(vec![dictionary, places, model])
            .into_iter()
            .map(|m| (m.text, m.basis))
            .collect();
        let want = [
            ("Islamic Movement of Uzbekistan", "dictionary"),
            ("Vladimir Putin", "model"),
            ("Kabul", "gazetteer"),
        ];
        // The model's longer name keeps the dictionary's entry.
        let dictionary = vec![Mention {
            id: Some("actor:putin".into()),
            ..m("Putin", 40, "dictionary")
        }];
        let model = vec![m("Vladimir Putin", 31, "model")];
        assert_eq!(
            merge(vec![dictionary, model])[0].id.as_deref(),
            Some("actor:putin")
        );
        assert_eq!(got, want.map(|(a, b)| (a.to_owned(), b.to_owned())));
    }

    #[test]
    fn large_capitalised_and_non_latin_articles_end() {
        // 10 MB: every word capitalised, names and acronyms introduced again and again.
        let unit = "Alexander Bortnikov Of The Islamic Movement Of Uzbekistan (IMU) Said Bortnikov And IMU And Putin Agree. ";
        let big = unit.repeat(10_000_000 / unit.len());
        let m = mentions(&beacon_model_article(&big));
        assert!(m.len() > 100_000);
        assert!(
            m.windows(2).all(|w| w[0].end <= w[1].start),
            "mentions overlap"
        );
        let shouted = "TALIBAN IS HERE AND IS THERE. ".repeat(10_000);
        assert!(
            mentions(&beacon_model_article(&shouted))
                .iter()
                .all(|m| m.text != "IS")
        );
        let scripts = "Боевики ИГИЛ в Кабуле. داعش در کابل. 伊斯兰国在喀布尔。".repeat(1_000);
        let _ = mentions(&beacon_model_article(&scripts));
    }

    fn beacon_model_article(text: &str) -> Article {
        Article::from_text(&beacon_model::DocId::of(text.as_bytes()).0, text)
    }
}
