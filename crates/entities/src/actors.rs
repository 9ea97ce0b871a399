//! Beacon's actor dictionary: armed groups, organisations and people, each
//! with its aliases, kind, home country, affiliations and roles
//! (`data/actors/actors.jsonl`, curated for Beacon; see its README).

use std::sync::OnceLock;

use beacon_model::MentionKind;
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

/// The shipped dictionary, read once.
pub fn shipped() -> &'static [Actor] {
    static ACTORS: OnceLock<Vec<Actor>> = OnceLock::new();
    ACTORS.get_or_init(|| parse(SHIPPED).expect("the shipped actor dictionary is valid (tested)"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_shipped_dictionary_reads_and_its_ids_are_unique() {
        let actors = shipped();
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

    #[test]
    fn a_bad_line_is_reported_with_its_number() {
        let e = parse("{\"id\":\"a\",\"kind\":\"person\",\"name\":\"A\"}\n{bad\n").unwrap_err();
        assert_eq!(e.line, 2);
    }
}
