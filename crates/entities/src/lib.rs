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

use std::sync::Arc;

use beacon_gazetteer::Gazetteer;
use beacon_model::{Article, Mention};
use beacon_text::Text;

pub use actors::Dictionary;

/// What finds and resolves the names in an article: the gazetteer, the
/// actor dictionary and the name model, loaded once by their owner (the
/// pipeline) and only read here.
pub struct Entities {
    gazetteer: Arc<Gazetteer>,
    dictionary: Dictionary,
    names: ner::Recogniser,
    /// Name models of other languages than English, by language, each
    /// read on its language's first article.
    other_names: Vec<(&'static str, LazyNames)>,
}

/// A name model read on first use.
struct LazyNames {
    model: std::sync::OnceLock<ner::Recogniser>,
    load: fn() -> ner::Recogniser,
}

impl std::fmt::Debug for Entities {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Entities")
            .field("places", &self.gazetteer.len())
            .field("actors", &self.dictionary.actors().len())
            .field("name features", &self.names.model().num_features())
            .finish()
    }
}

impl Entities {
    /// Entities from their parts.
    pub fn new(gazetteer: Arc<Gazetteer>, dictionary: Dictionary, names: ner::Recogniser) -> Self {
        Entities {
            gazetteer,
            dictionary,
            names,
            other_names: Vec::new(),
        }
    }

    /// With a name model for the articles of another language (`ru`),
    /// read by `load` on the language's first article.
    pub fn with_names_for(mut self, lang: &'static str, load: fn() -> ner::Recogniser) -> Self {
        self.other_names.push((
            lang,
            LazyNames {
                model: std::sync::OnceLock::new(),
                load,
            },
        ));
        self
    }

    /// The gazetteer.
    pub fn gazetteer(&self) -> &Gazetteer {
        &self.gazetteer
    }

    /// The gazetteer, shared: to keep it once the other models are dropped.
    pub fn shared_gazetteer(&self) -> Arc<Gazetteer> {
        Arc::clone(&self.gazetteer)
    }

    /// The actor dictionary.
    pub fn dictionary(&self) -> &Dictionary {
        &self.dictionary
    }

    /// The name model.
    pub fn names(&self) -> &ner::Recogniser {
        &self.names
    }

    /// The mentions in an article: dictionary actors, the offices it names
    /// (resolved at its publication date), its places (recognised by the
    /// gazetteer and the name model, resolved with the gazetteer, demonyms and
    /// metonyms marked), and the people and organisations only the name model
    /// knows (English articles; in Russian and Persian ones, the people their
    /// language's model finds), merged so that no two overlap but a
    /// place inside an organisation's name (marked embedded); then what acronyms and surnames introduce; then border
    /// zones ("Afghanistan's northern border"), which may span a country's name.
    /// In text order.
    ///
    /// `layer` is the article's text split by the text layer.
    pub fn mentions(&self, article: &Article, layer: &Text<'_>) -> Vec<Mention> {
        let text = &article.text;
        debug_assert_eq!(layer.text(), text.as_str());
        let on = article.published.as_ref().map(|p| p.value.as_str());
        // The name model learned English: on other languages it finds noise, so
        // they get their own language's model, else the dictionaries and the
        // gazetteer only.
        let english = beacon_text::reads_english(article.language.as_deref(), text);
        let other = (!english)
            .then(|| {
                let lang = article.language.as_deref()?;
                self.other_names.iter().find(|(l, _)| *l == lang)
            })
            .flatten();
        let names = match other {
            _ if english => self.names.recognise_in(layer),
            // people and organisations: the gazetteer reads the region's
            // places better than these models (NEREL dev, as `beacon eval
            // ner --stage` scores the mentions: LOC F1 0.52 either way), but
            // the actor dictionary knows few of its organisations (ORG F1
            // 0.08 without the model's, 0.40 with them)
            Some((_, lazy)) => {
                let model = lazy.model.get_or_init(lazy.load);
                let mut names = model.recognise_in(layer);
                names.retain(|n| n.kind != ner::NameKind::Location);
                names
            }
            None => Vec::new(),
        };
        let g = &*self.gazetteer;
        let actors = self.dictionary.actor_mentions(text);
        let spans = place_spans(g, layer, &names, &actors);
        let (zones, places): (Vec<Mention>, Vec<Mention>) =
            g.mentions_for(text, &spans).into_iter().partition(|m| {
                m.zone
                    .as_deref()
                    .is_some_and(|z| matches!(z.parse(), Ok(beacon_model::ZoneId::Border(_))))
            });
        let mut found = merge(vec![
            actors,
            // Offices are named in English phrases ("the President of Uzbekistan").
            if english {
                self.dictionary.role_mentions(text, on)
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

    /// The place recogniser of [`Entities::mentions`]: the gazetteer's
    /// dictionary pass with the name model's places (for scoring the
    /// end-to-end path).
    pub fn place_names(&self) -> PlaceNames<'_> {
        PlaceNames { entities: self }
    }
}

/// The place names of a text: the gazetteer's dictionary pass and the name
/// model's places, less the names that are no place here: an actor's whole
/// name (Xinhua, the White House: the dictionary wins that span when the
/// mentions merge), inside a person's name ("Representative Thomas
/// Washburne"), a person's first name or surname, a disease's name ("West
/// Nile virus").
fn place_spans(
    g: &Gazetteer,
    layer: &Text<'_>,
    names: &[ner::NameSpan],
    actors: &[Mention],
) -> Vec<beacon_gazetteer::PlaceSpan> {
    let mut spans = beacon_gazetteer::Recogniser::default().find_in(g, layer);
    add_model_places(&mut spans, names);
    // an actor's whole name, with or without its article ("the White
    // House": the place recogniser leaves a sentence's "The" out)
    let whole: std::collections::HashSet<(usize, usize)> = actors
        .iter()
        .flat_map(|a| {
            let article = beacon_gazetteer::opens_with_the(&a.text);
            std::iter::once((a.start, a.end)).chain(article.then_some((a.start + 4, a.end)))
        })
        .collect();
    spans.retain(|s| !whole.contains(&(s.start, s.end)));
    drop_inside_people(&mut spans, names);
    drop_person_names(&mut spans, names, layer, g);
    drop_disease_names(&mut spans, layer);
    spans
}

/// Drops the place names inside a person's name the name model found
/// ("Thomas" of "Thomas Washburne", "Paris" of "Paris Hilton"), as merging
/// the mentions does (a longer name wins over the names inside it).
fn drop_inside_people(spans: &mut Vec<beacon_gazetteer::PlaceSpan>, names: &[ner::NameSpan]) {
    // the model's names are in text order and do not overlap
    let people: Vec<&ner::NameSpan> = names
        .iter()
        .filter(|n| n.kind == ner::NameKind::Person)
        .collect();
    spans.retain(|s| {
        let k = people.partition_point(|p| p.end <= s.start);
        !people.get(k).is_some_and(|p| {
            p.start <= s.start && s.end <= p.end && p.end - p.start > s.end - s.start
        })
    });
}

/// Words after a place's name that make it a disease's: "West Nile virus",
/// "Rift Valley fever", "Lyme disease" (within two words: "Mad Cow
/// disease"). Not "flu": "Texas flu deaths" are in Texas.
const DISEASE_WORDS: &[&str] = &["virus", "fever", "disease", "encephalitis"];

/// Drops the place names that name a disease ([`DISEASE_WORDS`]).
fn drop_disease_names(spans: &mut Vec<beacon_gazetteer::PlaceSpan>, layer: &Text<'_>) {
    let (text, toks) = (layer.text(), layer.tokens());
    spans.retain(|s| {
        let k = toks.partition_point(|t| t.start < s.end);
        !toks[k..].iter().take(2).enumerate().any(|(j, t)| {
            let w = t.text(text);
            // "Mad Cow disease": the word between is capitalised
            let between_ok = j == 0 || toks[k].text(text).starts_with(char::is_uppercase);
            between_ok && DISEASE_WORDS.iter().any(|d| d.eq_ignore_ascii_case(w))
        })
    });
}

/// Drops the one-word place names that are the first name or surname of a
/// person the article names ("Sheriff John Walsh … Walsh said", "Vladimir
/// Putin … Vladimir"): a person's name is not a place unless the text makes
/// it one, by a country's name, a qualifier after a comma ("Walsh,
/// Colorado") or capitals (a dateline).
fn drop_person_names(
    spans: &mut Vec<beacon_gazetteer::PlaceSpan>,
    names: &[ner::NameSpan],
    layer: &Text<'_>,
    g: &Gazetteer,
) {
    let text = layer.text();
    let mut person: Vec<&str> = names
        .iter()
        .filter(|n| n.kind == ner::NameKind::Person)
        .map(|n| n.text(text))
        .filter(|n| n.split_whitespace().count() >= 2)
        .flat_map(str::split_whitespace)
        .map(|w| w.trim_end_matches("'s").trim_end_matches("’s"))
        .filter(|w| w.chars().count() >= 2 && w.starts_with(char::is_uppercase))
        .collect();
    if person.is_empty() {
        return;
    }
    person.sort_unstable();
    person.dedup();
    let toks = layer.tokens();
    let capitalised = |i: usize| {
        toks.get(i)
            .is_some_and(|t| t.text(text).starts_with(char::is_uppercase))
    };
    spans.retain(|s| {
        let Ok(i) = toks.binary_search_by_key(&s.start, |t| t.start) else {
            return true;
        };
        let word = toks[i].text(text);
        toks[i].end != s.end
            || person.binary_search(&word).is_err()
            // a dateline or a headline in capitals ("DALLAS —")
            || !word.chars().any(char::is_lowercase)
            || g.find_country(word).is_some()
            || (toks.get(i + 1).is_some_and(|t| t.text(text) == ",") && capitalised(i + 2))
    });
}

/// Adds to the gazetteer's place names `spans` the places the name model
/// found that it missed, in text order (they are then resolved together,
/// each context for the others).
fn add_model_places(spans: &mut Vec<beacon_gazetteer::PlaceSpan>, names: &[ner::NameSpan]) {
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
}

/// The place recogniser of [`Entities::mentions`] ([`Entities::place_names`]).
pub struct PlaceNames<'e> {
    entities: &'e Entities,
}

impl beacon_gazetteer::PlaceRecogniser for PlaceNames<'_> {
    fn place_spans(&self, text: &str) -> Vec<beacon_gazetteer::PlaceSpan> {
        let layer = Text::new(text);
        let names = self.entities.names.recognise_in(&layer);
        let actors = self.entities.dictionary.actor_mentions(text);
        place_spans(self.entities.gazetteer(), &layer, &names, &actors)
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
/// earlier source wins (the dictionary over the model). The one overlap kept:
/// a place inside an organisation's or armed group's name, marked
/// [`beacon_model::MentionUse::Embedded`].
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
    kept.sort_by_key(|m| m.start);
    // The kept mention that holds a dropped one: kept mentions never
    // overlap, so it is the last to start at or before it.
    let holder = |kept: &[Mention], d: &Mention| -> Option<usize> {
        let i = kept
            .partition_point(|k| k.start <= d.start)
            .checked_sub(1)?;
        (kept[i].end >= d.end).then_some(i)
    };
    // A place inside an organisation's or armed group's name is kept too,
    // marked as such: the name refers to it ("Islamic Movement of
    // Uzbekistan"), though nothing happens there.
    let embedded: Vec<Mention> = dropped
        .iter()
        .filter(|d| {
            matches!(
                d.kind,
                beacon_model::MentionKind::Place | beacon_model::MentionKind::Country
            ) && d.usage.is_none()
                && holder(&kept, d).is_some_and(|i| {
                    matches!(
                        kept[i].kind,
                        beacon_model::MentionKind::Organization
                            | beacon_model::MentionKind::ArmedGroup
                    )
                })
        })
        .map(|d| Mention {
            usage: Some(beacon_model::MentionUse::Embedded),
            ..d.clone()
        })
        .collect();
    // A longer name the model found keeps what a dictionary said of a name
    // inside it ("Russian President Vladimir Putin" is still Putin; the
    // model's organisation "Боевики движения «Талибан»" is the Taliban, an
    // armed group).
    for d in dropped.into_iter().filter(|d| d.id.is_some()) {
        if let Some(k) = holder(&kept, &d).map(|i| &mut kept[i])
            && k.id.is_none()
            && (k.kind == d.kind
                || k.kind == beacon_model::MentionKind::Organization
                    && d.kind == beacon_model::MentionKind::ArmedGroup)
        {
            k.kind = d.kind;
            k.id = d.id;
            k.name = d.name;
            k.country = k.country.take().or(d.country);
        }
    }
    kept.extend(embedded);
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

    /// The shipped gazetteer, dictionary and name model, read once for
    /// these tests.
    fn shipped() -> &'static Entities {
        static SHIPPED: std::sync::OnceLock<Entities> = std::sync::OnceLock::new();
        SHIPPED.get_or_init(|| {
            Entities::new(
                Arc::new(Gazetteer::load().expect("the embedded gazetteer")),
                Dictionary::shipped().expect("the shipped dictionary"),
                ner::Recogniser::shipped(),
            )
        })
    }

    fn mentions(a: &Article) -> Vec<Mention> {
        shipped().mentions(a, &Text::new(&a.text))
    }

    fn role_mentions(text: &str, on: Option<&str>) -> Vec<Mention> {
        shipped().dictionary().role_mentions(text, on)
    }

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

    /// A person's first name or surname is not a place unless the text
    /// makes it one (a country, a qualifier after a comma, a dateline).
    #[test]
    fn a_persons_name_is_not_a_place() {
        let places = |text: &str| -> Vec<String> {
            mentions(&beacon_model_article(text))
                .into_iter()
                .filter(|m| {
                    matches!(
                        m.kind,
                        beacon_model::MentionKind::Place | beacon_model::MentionKind::Country
                    )
                })
                .map(|m| m.text)
                .collect()
        };
        let story = "Sheriff Tom Walsh said the fire began at noon. Walsh said two homes \
            burned near Boulder, and Burton, his deputy, agreed. Deputy Ann Burton said little.";
        let got = places(story);
        assert!(
            !got.iter().any(|p| p == "Walsh" || p == "Burton"),
            "{got:?}"
        );
        assert!(got.iter().any(|p| p == "Boulder"), "{got:?}");
        // the text makes it a place
        let got = places("Sheriff Tom Walsh spoke. The fire reached Walsh, Colorado, by noon.");
        assert!(got.iter().any(|p| p == "Walsh"), "{got:?}");
        let got = places("Michael Jordan arrived in Amman. Jordan welcomed him.");
        assert!(got.iter().any(|p| p == "Jordan"), "{got:?}");
    }

    /// A place's name in a disease's is no place ("West Nile virus", "Lyme
    /// disease"), nor one inside a person's name, for the end-to-end
    /// recogniser as for the mentions.
    #[test]
    fn disease_and_person_names_hold_no_place() {
        use beacon_gazetteer::PlaceRecogniser;
        let text = "Representative Thomas Washburne said mosquitoes in Barrington \
            tested positive for West Nile virus, and Lyme disease cases rose in Rhode Island.";
        let e = shipped();
        let found: Vec<String> = e
            .place_names()
            .place_spans(text)
            .iter()
            .map(|s| text.chars().skip(s.start).take(s.end - s.start).collect())
            .collect();
        for place in ["Barrington", "Rhode Island"] {
            assert!(found.iter().any(|p| p == place), "{found:?}");
        }
        for none in ["Thomas", "Nile", "West Nile", "Lyme"] {
            assert!(!found.iter().any(|p| p == none), "{none}: {found:?}");
        }
    }

    /// Government seats and state news agencies that share a place's name
    /// are the actors: "the White House said", "Xinhua reported" (a town in
    /// China), for the mentions and the end-to-end recogniser alike.
    #[test]
    fn actors_named_like_places_are_the_actors() {
        use beacon_gazetteer::PlaceRecogniser;
        let text =
            "The White House said on Monday that talks would resume, Xinhua reported from Beijing.";
        let m = mentions(&beacon_model_article(text));
        let kind_of = |name: &str| m.iter().find(|m| m.text.ends_with(name)).map(|m| m.kind);
        assert_eq!(
            kind_of("White House"),
            Some(beacon_model::MentionKind::Organization)
        );
        assert_eq!(
            kind_of("Xinhua"),
            Some(beacon_model::MentionKind::Organization)
        );
        let spans = shipped().place_names().place_spans(text);
        let found: Vec<String> = spans
            .iter()
            .map(|s| text.chars().skip(s.start).take(s.end - s.start).collect())
            .collect();
        assert_eq!(found, vec!["Beijing".to_string()]);
    }

    /// A place inside an organisation's or armed group's name is both: the
    /// organisation, and a place mention marked embedded.
    #[test]
    fn a_place_inside_an_organisations_name_is_marked() {
        let text = "The Islamic Movement of Uzbekistan said it had fighters in Kunduz.";
        let m = mentions(&beacon_model_article(text));
        let imu = m
            .iter()
            .find(|x| x.text == "Islamic Movement of Uzbekistan")
            .expect("the group");
        let inside = m
            .iter()
            .find(|x| x.text == "Uzbekistan")
            .unwrap_or_else(|| panic!("no Uzbekistan in {m:?}"));
        assert!(imu.start <= inside.start && inside.end <= imu.end);
        assert_eq!(inside.usage, Some(beacon_model::MentionUse::Embedded));
        assert_eq!(inside.country.as_deref(), Some("UZ"));
        let kunduz = m.iter().find(|x| x.text == "Kunduz").expect("Kunduz");
        assert_eq!(kunduz.usage, None);
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
        // none overlap, but a place inside an organisation's name, marked
        let outer: Vec<&Mention> = m
            .iter()
            .filter(|x| x.usage != Some(beacon_model::MentionUse::Embedded))
            .collect();
        assert!(
            outer.windows(2).all(|w| w[0].end <= w[1].start),
            "mentions overlap"
        );
        assert!(
            m.iter()
                .any(|x| x.usage == Some(beacon_model::MentionUse::Embedded)
                    && x.text.eq_ignore_ascii_case("Uzbekistan"))
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

    /// The shipped entities stage with the Russian name model.
    fn russian_entities() -> Entities {
        Entities::new(
            Arc::new(Gazetteer::load().expect("the embedded gazetteer")),
            Dictionary::shipped().expect("the shipped dictionary"),
            ner::Recogniser::shipped(),
        )
        .with_names_for("ru", || {
            ner::Recogniser::shipped_for("ru").expect("a Russian model")
        })
    }

    /// A Russian article's organisations come from its name model too; one
    /// that holds an armed group of the dictionary is that group.
    #[test]
    fn a_model_organisation_holding_an_armed_group_is_that_group() {
        let entities = russian_entities();
        let text = "ХОРОГ, 26 октября — Боевики движения «Талибан» атаковали заставу. \
                    Об этом сообщил Государственный комитет национальной безопасности.";
        let mut a = beacon_model_article(text);
        a.language = Some("ru".into());
        let found = entities.mentions(&a, &Text::new(&a.text));
        let taliban = found
            .iter()
            .find(|m| m.text.contains("Талибан"))
            .unwrap_or_else(|| panic!("{found:#?}"));
        assert_eq!(taliban.kind, beacon_model::MentionKind::ArmedGroup);
        assert_eq!(taliban.id.as_deref(), Some("actor:taliban"));
        // a small town's name in a dateline's capitals is the place
        let dateline = found.iter().find(|m| m.text == "ХОРОГ");
        assert_eq!(
            dateline.map(|m| m.kind),
            Some(beacon_model::MentionKind::Place),
            "{found:#?}"
        );
        // the organisations the dictionary does not know, from the model
        assert!(
            found
                .iter()
                .any(|m| m.kind == beacon_model::MentionKind::Organization
                    && m.basis == "name model"),
            "{found:#?}"
        );
    }

    /// A Russian or Persian article's people come from its language's name
    /// model: a name no list holds is found, as a person.
    #[test]
    fn russian_and_persian_articles_are_read_by_their_name_models() {
        let entities = russian_entities();
        let text = "Глава района Бахтиёр Назаров заявил журналистам, что пограничники \
                    задержали двух нарушителей.";
        let mut a = beacon_model_article(text);
        a.language = Some("ru".into());
        let found = entities.mentions(&a, &Text::new(&a.text));
        let person = found
            .iter()
            .find(|m| m.kind == beacon_model::MentionKind::Person)
            .map(|m| m.text.as_str());
        assert_eq!(person, Some("Бахтиёр Назаров"), "{found:#?}");
        // without the Russian model, no person is found
        a.language = Some("tg".into());
        let found = entities.mentions(&a, &Text::new(&a.text));
        assert!(
            !found
                .iter()
                .any(|m| m.kind == beacon_model::MentionKind::Person)
        );
        // a Persian article's people, by the Persian model
        let entities = entities.with_names_for("fa", || {
            ner::Recogniser::shipped_for("fa").expect("a Persian model")
        });
        let mut a = beacon_model_article(
            "محمد رحیمی فرماندار ولسوالی درواز گفت که دو مرزبان در درگیری کشته شدند.",
        );
        a.language = Some("fa".into());
        let people: Vec<String> = entities
            .mentions(&a, &Text::new(&a.text))
            .into_iter()
            .filter(|m| m.kind == beacon_model::MentionKind::Person)
            .map(|m| m.text)
            .collect();
        assert_eq!(people, ["محمد رحیمی"]);
    }

    fn beacon_model_article(text: &str) -> Article {
        Article::from_text(&beacon_model::DocId::of(text.as_bytes()).0, text)
    }
}
