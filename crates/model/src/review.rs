//! Analyst review of story-level events: a person confirms, corrects or
//! rejects what the machine coded, and adds notes. The machine's version
//! and every human change are kept (the store's `event_reviews`); the
//! record everyone reads is the machine's with the changes applied
//! ([`apply`]), and it says which fields a human set or confirmed.

use serde::{Deserialize, Serialize};

use crate::ids::BadValue;
use crate::{
    Count, EventActor, EventDate, EventDateBasis, EventLocation, EventType, Marking, Modality,
    PlacePrecision, Precision, StoryEvent,
};

/// What an analyst did to an event.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Action {
    /// Every field is right.
    Confirm,
    /// Some fields are wrong: here are the right values (the others are
    /// not vouched for).
    Correct,
    /// There is no such event (a false alarm, a misread, a duplicate).
    Reject,
    /// Back to unreviewed: the verdict is withdrawn, corrections stay.
    Reopen,
    /// A note, no verdict.
    Note,
}

impl Action {
    /// Every action.
    pub const ALL: [Action; 5] = [
        Action::Confirm,
        Action::Correct,
        Action::Reject,
        Action::Reopen,
        Action::Note,
    ];

    /// Its name in JSON and on the command line.
    pub fn as_str(self) -> &'static str {
        match self {
            Action::Confirm => "confirm",
            Action::Correct => "correct",
            Action::Reject => "reject",
            Action::Reopen => "reopen",
            Action::Note => "note",
        }
    }
}

crate::ids::named_words!(Action, "a review action");

/// Where an event stands with the analysts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Status {
    /// No analyst has judged it (or a verdict was withdrawn).
    #[default]
    Unreviewed,
    /// An analyst confirmed it as coded.
    Confirmed,
    /// An analyst corrected some of its fields and stands by it.
    Corrected,
    /// An analyst rejected it: it did not happen as an event.
    Rejected,
}

impl Status {
    /// Every status.
    pub const ALL: [Status; 4] = [
        Status::Unreviewed,
        Status::Confirmed,
        Status::Corrected,
        Status::Rejected,
    ];

    /// Its name in JSON, in the store's column and in filters.
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Unreviewed => "unreviewed",
            Status::Confirmed => "confirmed",
            Status::Corrected => "corrected",
            Status::Rejected => "rejected",
        }
    }

    /// Whether a person stands by the event (confirmed or corrected): what
    /// a watchlist with `confirmed_only` counts.
    pub fn vouched(self) -> bool {
        matches!(self, Status::Confirmed | Status::Corrected)
    }
}

crate::ids::named_words!(Status, "a review status");

/// The fields an analyst may correct, as [`Correction`] and the record name them.
pub const FIELDS: [&str; 8] = [
    "type",
    "modality",
    "actor",
    "target",
    "location",
    "date",
    "fatalities",
    "injured",
];

/// A place as an analyst gives it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PlaceFix {
    /// Its name.
    pub name: String,
    /// Its GeoNames id, when known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub geonames_id: Option<u64>,
    /// Latitude in degrees.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lat: Option<f64>,
    /// Longitude in degrees.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lon: Option<f64>,
    /// ISO 3166-1 alpha-2 code of its country.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub country: Option<crate::CountryCode>,
}

/// A number of people as an analyst gives it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CountFix {
    /// The least.
    pub min: u32,
    /// The most; none: no upper bound.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max: Option<u32>,
}

/// The right values of the fields an analyst corrects; the fields left out
/// keep the machine's.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Correction {
    /// The PLOVER type.
    #[serde(default, rename = "type", skip_serializing_if = "Option::is_none")]
    pub kind: Option<EventType>,
    /// The modality.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub modality: Option<Modality>,
    /// The actors: entry ids (`actor:taliban`) or names.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub actor: Option<Vec<String>>,
    /// The targets, the same way.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub target: Option<Vec<String>>,
    /// The place.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub location: Option<PlaceFix>,
    /// The date: a day, a month or a year.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<crate::DateBound>,
    /// The dead.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fatalities: Option<CountFix>,
    /// The injured.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub injured: Option<CountFix>,
}

/// The longest note, name or list a review holds.
pub const MAX_NOTE: usize = 10_000;
/// The most actors or targets a correction names.
pub const MAX_ACTORS: usize = 50;

impl Correction {
    /// The fields it sets, by [`FIELDS`]' names.
    pub fn fields(&self) -> Vec<&'static str> {
        let set = [
            self.kind.is_some(),
            self.modality.is_some(),
            self.actor.is_some(),
            self.target.is_some(),
            self.location.is_some(),
            self.date.is_some(),
            self.fatalities.is_some(),
            self.injured.is_some(),
        ];
        FIELDS
            .into_iter()
            .zip(set)
            .filter_map(|(f, s)| s.then_some(f))
            .collect()
    }

    /// Whether its values are ones an event can hold.
    pub fn check(&self) -> Result<(), BadValue> {
        let name = |what: &str, t: &str| {
            if t.trim().is_empty() || t.chars().count() > 500 || t.chars().any(char::is_control) {
                Err(BadValue(format!(
                    "{what} must be 1 to 500 characters, without control characters"
                )))
            } else {
                Ok(())
            }
        };
        for (what, list) in [("an actor", &self.actor), ("a target", &self.target)] {
            for a in list.iter().flatten() {
                name(what, a)?;
            }
            if list.as_ref().is_some_and(|l| l.len() > MAX_ACTORS) {
                return Err(BadValue(format!("at most {MAX_ACTORS} actors or targets")));
            }
        }
        if let Some(p) = &self.location {
            name("a place's name", &p.name)?;
            let lat_ok = p.lat.is_none_or(|v| (-90.0..=90.0).contains(&v));
            let lon_ok = p.lon.is_none_or(|v| (-180.0..=180.0).contains(&v));
            if !lat_ok || !lon_ok || p.lat.is_some() != p.lon.is_some() {
                return Err(BadValue(
                    "a place's lat and lon come together, in degrees (-90..90, -180..180)".into(),
                ));
            }
        }
        for c in [&self.fatalities, &self.injured].into_iter().flatten() {
            if c.max.is_some_and(|m| m < c.min) {
                return Err(BadValue("a count's max is at least its min".into()));
            }
        }
        Ok(())
    }
}

/// One analyst's act on one event, as the store keeps it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Entry {
    /// What was done.
    pub action: Action,
    /// The right values (`correct`).
    #[serde(default, skip_serializing_if = "is_default")]
    pub correction: Correction,
    /// A note (any action may carry one).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// Who may see the note: at least as restricted as the event.
    #[serde(default, skip_serializing_if = "Marking::is_clear")]
    pub marking: Marking,
    /// The user (`operator` for whoever holds the store).
    pub by: String,
    /// The user's organisation.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub org: Option<String>,
    /// When (RFC 3339).
    pub at: String,
}

impl Entry {
    /// An act by `by` with nothing else yet: no correction, no note,
    /// CLEAR, no organisation, untimed (the store times it).
    pub fn new(action: Action, by: impl Into<String>) -> Entry {
        Entry {
            action,
            correction: Correction::default(),
            note: None,
            marking: Marking::default(),
            by: by.into(),
            org: None,
            at: String::new(),
        }
    }
}

fn is_default<T: Default + PartialEq>(v: &T) -> bool {
    *v == T::default()
}

impl Entry {
    /// Whether it is one to keep: a correction only with `correct`, and
    /// one that sets something; a note on a `note`; bounded text.
    pub fn check(&self) -> Result<(), BadValue> {
        let has_fix = !self.correction.fields().is_empty();
        if (self.action == Action::Correct) != has_fix {
            return Err(BadValue(
                "\"correct\" gives the right value of at least one field, and only it does".into(),
            ));
        }
        self.correction.check()?;
        if self.action == Action::Note && self.note.as_deref().is_none_or(|n| n.trim().is_empty()) {
            return Err(BadValue("a note needs its text".into()));
        }
        if self
            .note
            .as_deref()
            .is_some_and(|n| n.chars().count() > MAX_NOTE)
        {
            return Err(BadValue(format!("a note is at most {MAX_NOTE} characters")));
        }
        self.marking.check()
    }
}

/// What the record says of its review: where it stands, which fields a
/// person set or confirmed, and the organisation and time of the last
/// verdict.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Reviewed {
    /// Where it stands.
    pub status: Status,
    /// The fields a person set or confirmed ([`FIELDS`]' names).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub fields: Vec<String>,
    /// The organisation of the analyst of the last verdict.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub org: Option<String>,
    /// When the last verdict or correction was made (RFC 3339).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub at: Option<String>,
}

/// The event as its reviews leave it: `machine`, the machine's version,
/// with every correction applied in order, the status of the last verdict
/// and the fields people set or confirmed. Notes change nothing.
pub fn apply(machine: &StoryEvent, entries: &[Entry]) -> StoryEvent {
    let mut se = machine.clone();
    let mut r = Reviewed::default();
    let mut fields: Vec<&str> = Vec::new();
    for e in entries {
        let verdict = match e.action {
            Action::Note => continue,
            Action::Confirm => {
                fields = FIELDS.to_vec();
                Status::Confirmed
            }
            Action::Correct => {
                fix(&mut se, &e.correction);
                fields.extend(e.correction.fields());
                Status::Corrected
            }
            Action::Reject => Status::Rejected,
            Action::Reopen => {
                // the corrections stay, as the fields people set
                fields.retain(|f| set_by_correction(entries, f));
                Status::Unreviewed
            }
        };
        r.status = verdict;
        r.org = e.org.clone();
        r.at = Some(e.at.clone());
    }
    fields.sort_by_key(|f| FIELDS.iter().position(|x| x == f));
    fields.dedup();
    r.fields = fields.into_iter().map(str::to_owned).collect();
    se.review = (r != Reviewed::default()).then_some(r);
    se
}

fn set_by_correction(entries: &[Entry], field: &str) -> bool {
    entries
        .iter()
        .any(|e| e.action == Action::Correct && e.correction.fields().contains(&field))
}

fn fix(se: &mut StoryEvent, c: &Correction) {
    let e = &mut se.event;
    let analyst = |what: &str| crate::Explanation {
        field: what.into(),
        rule: "analyst".into(),
        text: None,
    };
    let actors = |names: &[String]| -> Vec<EventActor> {
        names
            .iter()
            .map(|n| {
                let is_id = n.starts_with("actor:") || n.starts_with("geonames:");
                EventActor {
                    text: n.clone(),
                    id: is_id.then(|| n.clone()),
                    name: (!is_id).then(|| n.clone()),
                    kind: None,
                    start: 0,
                    end: 0,
                }
            })
            .collect()
    };
    let count = |c: CountFix| Count {
        min: c.min,
        max: c.max,
        text: "analyst".into(),
    };
    if let Some(k) = c.kind {
        e.kind = k;
        // the machine's mode, category and sub-type were of its type
        e.mode = None;
        e.category = None;
        e.sub_type = None;
    }
    if let Some(m) = c.modality {
        e.modality = m;
    }
    if let Some(a) = &c.actor {
        e.actor = actors(a);
    }
    if let Some(t) = &c.target {
        e.target = actors(t);
    }
    if let Some(p) = &c.location {
        e.location = Some(EventLocation {
            name: p.name.clone(),
            geonames_id: p.geonames_id,
            lat: p.lat,
            lon: p.lon,
            country: p.country.map(|c| c.to_string()),
            admin1: None,
            precision: if p.lat.is_some() {
                PlacePrecision::Point
            } else {
                PlacePrecision::Country
            },
            zone: None,
            basis: "analyst".into(),
        });
    }
    if let Some(d) = &c.date {
        let value = d.as_str().to_owned();
        e.date = Some(EventDate {
            precision: match value.len() {
                4 => Precision::Year,
                7 => Precision::Month,
                _ => Precision::Day,
            },
            value,
            basis: EventDateBasis::Analyst,
            text: None,
        });
    }
    if let Some(f) = c.fatalities {
        e.fatalities = Some(count(f));
    }
    if let Some(i) = c.injured {
        e.injured = Some(count(i));
    }
    for f in c.fields() {
        e.explain.retain(|x| x.field != f);
        e.explain.push(analyst(f));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn event() -> StoryEvent {
        let json = serde_json::json!({
            "event": {
                "id": "e1", "type": "ASSAULT", "mode": "explosive", "modality": "occurred",
                "historical": false, "actor": [{"text": "gunmen", "start": 0, "end": 6}],
                "target": [], "evidence": {"text": "Gunmen attacked.", "start": 0, "end": 16},
                "confidence": 0.7, "article_id": "a1",
                "fatalities": {"min": 3, "max": 3, "text": "three"}
            },
            "sources": ["x"], "reports": []
        });
        serde_json::from_value(json).unwrap()
    }

    fn entry(action: Action, correction: Correction) -> Entry {
        Entry {
            correction,
            org: Some("ewc".into()),
            at: "2026-12-07T10:00:00Z".into(),
            ..Entry::new(action, "ana")
        }
    }

    #[test]
    fn corrections_apply_in_order_and_say_what_a_person_set() {
        let m = event();
        let fix = Correction {
            kind: Some(EventType::Fight),
            fatalities: Some(CountFix { min: 5, max: None }),
            date: Some("2026-12-01".parse().unwrap()),
            ..Correction::default()
        };
        let out = apply(&m, &[entry(Action::Correct, fix)]);
        assert_eq!(out.event.kind, EventType::Fight);
        assert_eq!(out.event.mode, None, "the machine's mode was of its type");
        assert_eq!(out.event.fatalities.as_ref().unwrap().min, 5);
        assert_eq!(
            out.event.date.as_ref().unwrap().basis,
            EventDateBasis::Analyst
        );
        let r = out.review.unwrap();
        assert_eq!(r.status, Status::Corrected);
        assert_eq!(r.fields, ["type", "date", "fatalities"]);
        assert_eq!(r.org.as_deref(), Some("ewc"));
        // the machine's version is untouched
        assert_eq!(m.event.kind, EventType::Assault);
        assert!(m.review.is_none());
    }

    #[test]
    fn the_last_verdict_stands_and_notes_change_nothing() {
        let m = event();
        let mut note = entry(Action::Note, Correction::default());
        note.note = Some("seen by our field office".into());
        assert_eq!(apply(&m, &[note.clone()]), m);
        let out = apply(
            &m,
            &[
                entry(Action::Reject, Correction::default()),
                note.clone(),
                entry(Action::Confirm, Correction::default()),
            ],
        );
        let r = out.review.unwrap();
        assert_eq!(r.status, Status::Confirmed);
        assert_eq!(r.fields.len(), FIELDS.len());
        let fix = Correction {
            actor: Some(vec!["actor:taliban".into()]),
            ..Correction::default()
        };
        let out = apply(
            &m,
            &[
                entry(Action::Confirm, Correction::default()),
                entry(Action::Correct, fix),
                entry(Action::Reopen, Correction::default()),
            ],
        );
        assert_eq!(out.event.actor[0].id.as_deref(), Some("actor:taliban"));
        let r = out.review.unwrap();
        assert_eq!(r.status, Status::Unreviewed);
        assert_eq!(
            r.fields,
            ["actor"],
            "a withdrawn verdict keeps what was set"
        );
    }

    #[test]
    fn an_entry_is_checked() {
        let ok = entry(Action::Confirm, Correction::default());
        assert!(ok.check().is_ok());
        assert!(
            entry(Action::Correct, Correction::default())
                .check()
                .is_err()
        );
        let fix = Correction {
            fatalities: Some(CountFix {
                min: 5,
                max: Some(2),
            }),
            ..Correction::default()
        };
        assert!(entry(Action::Correct, fix).check().is_err());
        let half = Correction {
            location: Some(PlaceFix {
                name: "Panj".into(),
                geonames_id: None,
                lat: Some(37.2),
                lon: None,
                country: None,
            }),
            ..Correction::default()
        };
        assert!(entry(Action::Correct, half).check().is_err());
        assert!(entry(Action::Note, Correction::default()).check().is_err());
        let json = r#"{"action":"correct","correction":{"typ":"FIGHT"},"by":"a","at":"t"}"#;
        assert!(
            serde_json::from_str::<Entry>(json).is_err(),
            "a typo is an error"
        );
    }
}
