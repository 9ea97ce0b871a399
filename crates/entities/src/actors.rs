//! Beacon's actor dictionary: armed groups, organisations and people, each
//! with its aliases, kind, home country, affiliations and roles
//! (`data/actors/actors.jsonl`, curated for Beacon; see its README).

use beacon_model::{Mention, MentionKind};

use crate::CharOffsets;
use crate::matcher::NameMatcher;
use serde::Deserialize;

/// The dictionary shipped with Beacon, compiled into the binary.
const SHIPPED: &str = include_str!("../../../data/actors/actors.jsonl");

/// One actor of the dictionary.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Actor {
    /// Short stable id (`ttp`, `islamic-state`).
    pub id: String,
    /// What the actor is.
    pub kind: ActorKind,
    /// The canonical English name.
    pub name: String,
    /// Other names, spellings, transliterations and acronyms, as written.
    #[serde(default)]
    pub aliases: Vec<String>,
    /// ISO 3166-1 alpha-2 home country.
    #[serde(default)]
    pub country: Option<String>,
    /// Links to other actors, with dates where they changed.
    #[serde(default)]
    pub affiliations: Vec<Affiliation>,
    /// A person's offices, with dates.
    #[serde(default)]
    pub roles: Vec<Role>,
    /// Years active: `1998-`, `2014-2019`.
    #[serde(default)]
    pub active: Option<String>,
    /// One sentence about the actor.
    #[serde(default)]
    pub note: Option<String>,
}

/// The kinds of actor the dictionary holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ActorKind {
    /// A non-state armed group.
    ArmedGroup,
    /// A state body, an international organisation, a movement.
    Organization,
    /// A person.
    Person,
}

impl ActorKind {
    /// The kind of mention that names such an actor.
    pub fn mention_kind(self) -> MentionKind {
        match self {
            ActorKind::ArmedGroup => MentionKind::ArmedGroup,
            ActorKind::Organization => MentionKind::Organization,
            ActorKind::Person => MentionKind::Person,
        }
    }
}

/// A link from one actor to another.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Affiliation {
    /// The other actor's id.
    pub with: String,
    /// `branch_of`, `allied`, `pledged_to`, `split_from`, `merged_into`, `part_of`, `member_of`.
    pub relation: String,
    /// Since when (year or `YYYY-MM`).
    #[serde(default)]
    pub from: Option<String>,
    /// Until when.
    #[serde(default)]
    pub to: Option<String>,
}

/// An office a person held.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Role {
    /// The office ("President of Russia").
    pub role: String,
    /// The country or organisation it belongs to.
    #[serde(default)]
    pub of: Option<String>,
    /// Since when.
    #[serde(default)]
    pub from: Option<String>,
    /// Until when.
    #[serde(default)]
    pub to: Option<String>,
}

/// A dictionary line that could not be read.
#[derive(Debug, thiserror::Error)]
#[error("actor dictionary line {line}: {message}")]
pub struct DictionaryError {
    /// 1-based line number.
    pub line: usize,
    /// What was wrong.
    pub message: String,
}

/// Reads a dictionary in the shipped format: one JSON object a line; blank
/// lines are skipped.
pub fn parse(jsonl: &str) -> Result<Vec<Actor>, DictionaryError> {
    let mut out = Vec::new();
    for (i, line) in jsonl.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let actor: Actor = serde_json::from_str(line).map_err(|e| DictionaryError {
            line: i + 1,
            message: e.to_string(),
        })?;
        out.push(actor);
    }
    Ok(out)
}

/// An actor dictionary, ready to find its actors and their offices in a
/// text.
pub struct Dictionary {
    actors: Vec<Actor>,
    /// Every name and alias, each pointing at its actor.
    names: NameMatcher,
    /// Every office the people held ("President of Uzbekistan"), each
    /// pointing at its title in `titles`.
    offices: NameMatcher,
    titles: Vec<String>,
}

/// The other names of every actor of the shipped dictionary, by the id an
/// event's actor carries (`actor:taliban`): what exports list as a threat
/// actor's aliases.
pub fn shipped_aliases() -> Result<std::collections::HashMap<String, Vec<String>>, DictionaryError>
{
    Ok(parse(SHIPPED)?
        .into_iter()
        .filter(|a| !a.aliases.is_empty())
        .map(|a| (format!("actor:{}", a.id), a.aliases))
        .collect())
}

/// The other cases of a Russian name, its last word declined as a noun:
/// "Талибан" → Талибана, Талибану, Талибаном, Талибане; "Аль-Каида" →
/// Аль-Каиды, Аль-Каиде, Аль-Каиду, Аль-Каидой. None for a name that is not
/// Cyrillic, an acronym ("ДИИУ", written alike in every case), or one that
/// ends otherwise (quotes, an adjective).
pub fn russian_forms(name: &str) -> Vec<String> {
    let last: String = name
        .chars()
        .rev()
        .take_while(|c| c.is_alphabetic())
        .collect();
    let letters: Vec<char> = last.chars().rev().collect();
    let cyrillic = letters.len() >= 3
        && letters
            .iter()
            .all(|c| matches!(c, 'а'..='я' | 'ё' | 'А'..='Я' | 'Ё'));
    if !cyrillic || letters.iter().all(|c| c.is_uppercase()) {
        return Vec::new();
    }
    let end = letters[letters.len() - 1];
    let before = letters[letters.len() - 2];
    let stem = &name[..name.len() - end.len_utf8()];
    // after г к х ж ш ч щ Russian writes и, not ы
    let y = if matches!(before, 'г' | 'к' | 'х' | 'ж' | 'ш' | 'ч' | 'щ') {
        "и"
    } else {
        "ы"
    };
    match end {
        'а' => [y, "е", "у", "ой"]
            .iter()
            .map(|e| format!("{stem}{e}"))
            .collect(),
        'я' => ["и", "е", "ю", "ей"]
            .iter()
            .map(|e| format!("{stem}{e}"))
            .collect(),
        'ь' | 'й' | 'ы' | 'и' | 'о' | 'е' | 'у' | 'ю' | 'э' => Vec::new(),
        _ => ["а", "у", "ом", "е"]
            .iter()
            .map(|e| format!("{name}{e}"))
            .collect(),
    }
}

impl Dictionary {
    /// The dictionary shipped with Beacon.
    pub fn shipped() -> Result<Dictionary, DictionaryError> {
        parse(SHIPPED).map(Dictionary::new)
    }

    /// A dictionary of `actors`.
    pub fn new(actors: Vec<Actor>) -> Dictionary {
        // every name, and a Russian name's other cases ("Аль-Каиды")
        let all: Vec<(String, usize)> = actors
            .iter()
            .enumerate()
            .flat_map(|(i, a)| {
                std::iter::once(&a.name)
                    .chain(&a.aliases)
                    .flat_map(|n| std::iter::once(n.clone()).chain(russian_forms(n)))
                    .map(move |n| (n, i))
            })
            .collect();
        let names = NameMatcher::new(all.iter().map(|(n, i)| (n.as_str(), *i)));
        let mut titles: Vec<String> = actors
            .iter()
            .flat_map(|a| a.roles.iter().map(|r| r.role.clone()))
            .collect();
        titles.sort_unstable();
        titles.dedup();
        let offices = NameMatcher::new(titles.iter().enumerate().map(|(i, t)| (t.as_str(), i)));
        Dictionary {
            actors,
            names,
            offices,
            titles,
        }
    }

    /// The actors.
    pub fn actors(&self) -> &[Actor] {
        &self.actors
    }

    /// The actors of the dictionary that `text` names, with code-point
    /// offsets.
    pub fn actor_mentions(&self, text: &str) -> Vec<Mention> {
        let hits = self.names.find(text);
        let mut offsets = CharOffsets::new(text);
        hits.iter()
            .map(|h| {
                let actor = &self.actors[h.entry];
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

    /// Offices named in `text` ("the President of Uzbekistan"), as mentions
    /// of the person who held the office on `on` (an ISO date, at any
    /// precision; the latest holder when `on` is unknown). An office no one
    /// in the dictionary held then is left out.
    pub fn role_mentions(&self, text: &str, on: Option<&str>) -> Vec<Mention> {
        let mut offsets = CharOffsets::new(text);
        let mut out = Vec::new();
        for h in self.offices.find(text) {
            let title = &self.titles[h.entry];
            let Some((actor, role)) = self.holder(title, on) else {
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

    /// Who held the office `title` on `on`: the holder whose term contains
    /// the date (dates compare as ISO strings at the shorter precision).
    fn holder(&self, title: &str, on: Option<&str>) -> Option<(&Actor, &Role)> {
        let held = self
            .actors
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
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_shipped_dictionary_reads_and_its_ids_are_unique() {
        let actors = parse(SHIPPED).expect("the shipped dictionary reads");
        let actors = actors.as_slice();
        assert!(!actors.is_empty());
        let mut ids: Vec<&str> = actors.iter().map(|a| a.id.as_str()).collect();
        ids.sort_unstable();
        let n = ids.len();
        ids.dedup();
        assert_eq!(ids.len(), n, "duplicate actor ids");
        for a in actors {
            for f in &a.affiliations {
                assert!(
                    actors.iter().any(|b| b.id == f.with),
                    "{} is affiliated with unknown {}",
                    a.id,
                    f.with
                );
            }
        }
    }

    /// The region's armed groups by their Russian and Persian names, as the
    /// region's outlets write them (the team's sentences).
    #[test]
    fn the_regions_groups_are_found_by_their_russian_and_persian_names() {
        let d = Dictionary::shipped().expect("the shipped dictionary");
        for (text, id) in [
            ("Боевики ДИИУ атаковали пост.", "actor:imu"),
            (
                "Ответственность взяло «Исламское государство».",
                "actor:islamic-state",
            ),
            ("Боевики ТТП отступили.", "actor:ttp"),
            ("جنگجویان داعش خراسان حمله کردند.", "actor:iskp"),
            ("شاخه‌ای از دولت اسلامی فعال است.", "actor:islamic-state"),
            ("تحریک طالبان پاکستان مسئولیت را پذیرفت.", "actor:ttp"),
            (
                "جبهه مقاومت ملی اعلام کرد.",
                "actor:national-resistance-front",
            ),
            // a Russian name in another case
            (
                "Представители «Аль-Каиды» отрицают причастность.",
                "actor:al-qaeda",
            ),
            ("Представитель Талибана это отрицает.", "actor:taliban"),
        ] {
            let found: Vec<Option<String>> =
                d.actor_mentions(text).into_iter().map(|m| m.id).collect();
            assert!(
                found.contains(&Some(id.to_owned())),
                "{id} in {text}: {found:?}"
            );
        }
    }

    #[test]
    fn a_bad_line_is_reported_with_its_number() {
        let e = parse("{\"id\":\"a\",\"kind\":\"person\",\"name\":\"A\"}\n{bad\n").unwrap_err();
        assert_eq!(e.line, 2);
    }
}
