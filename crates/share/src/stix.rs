//! STIX 2.1 bundles of Beacon's stories and story-level events.
//!
//! - Each story-level event is a `report` whose `object_refs` name its
//!   place (`location`), its actors and targets (armed groups as
//!   `threat-actor`, with their aliases; people and organisations as
//!   `identity`) and the outlets that reported it (`identity`). Beacon's
//!   own fields (type, mode, ACLED category, modality, historical,
//!   casualties, evidence, confidence, reports) travel in a property
//!   extension defined by [`EXTENSION_ID`], whose JSON schema is
//!   `data/stix/beacon-event.schema.json`.
//! - Each story is a `grouping` of its events' reports.
//! - Every object carries the OASIS TLP 2.0 marking definition of its
//!   record's marking (`object_marking_refs`); an object several reports
//!   share (a place, an actor) carries the least restrictive of theirs in
//!   the bundle, since each reader of the bundle may see every report in it.
//! - Ids are UUIDv5 of Beacon's namespace and the record's own key (an
//!   event's id, an actor's dictionary id, a GeoNames id), and times come
//!   from the records: exporting the same store twice gives the same
//!   objects, so a consumer updates rather than duplicates.

use std::collections::BTreeMap;

use beacon_model::review::Entry;
use beacon_model::{EventActor, MentionKind, Story, StoryEvent, Tlp};
use serde_json::{Map, Value, json};
use sha1::{Digest, Sha1};

/// Beacon's UUIDv5 namespace for STIX ids (a UUIDv4 of its own, never the
/// namespace the STIX specification reserves for cyber observables).
const NAMESPACE: [u8; 16] = [
    0x6b, 0x1e, 0x0c, 0x51, 0x8f, 0x3a, 0x4d, 0x27, 0x9c, 0x41, 0x5e, 0x0f, 0x2b, 0x7d, 0x93, 0x10,
];

/// The id of the extension definition of Beacon's event fields.
pub const EXTENSION_ID: &str = "extension-definition--0e8e4f2a-6c1b-4d7e-9a53-3f1e2b8c7d64";

/// The OASIS TLP 2.0 extension (its marking definitions carry it).
const TLP2_EXTENSION: &str = "extension-definition--60a3c5c5-0d10-413e-aab3-9e08dde9e88d";

/// When the objects that hold no time of their own (the marking and
/// extension definitions, places, actors, outlets) were first written.
pub const EPOCH: &str = "2026-01-01T00:00:00.000Z";

/// The OASIS TLP 2.0 marking definition's id of a marking.
pub fn tlp_marking_id(t: Tlp) -> &'static str {
    match t {
        Tlp::Clear => "marking-definition--94868c89-83c2-464b-929b-a1a8aa3c8487",
        Tlp::Green => "marking-definition--bab4a63c-aed9-4cf5-a766-dfca5abac2bb",
        Tlp::Amber => "marking-definition--55d920b0-5e8b-4f79-9ee9-91f868d9b421",
        Tlp::AmberStrict => "marking-definition--939a9414-2ddd-4d32-a0cd-375ea402b003",
        Tlp::Red => "marking-definition--e828b379-4e03-4974-9ac4-e53a884c97c1",
    }
}

/// The OASIS TLP 2.0 marking definition object of a marking.
fn tlp_definition(t: Tlp) -> Value {
    let name = format!("TLP:{}", t.as_str().to_uppercase());
    json!({
        "type": "marking-definition",
        "spec_version": "2.1",
        "id": tlp_marking_id(t),
        "created": "2022-10-01T00:00:00.000Z",
        "name": name,
        "extensions": {
            TLP2_EXTENSION: {"extension_type": "property-extension", "tlp_2_0": t.as_str()}
        }
    })
}

/// A STIX id: `kind--` and the UUIDv5 of Beacon's namespace and `key`.
pub fn stix_id(kind: &str, key: &str) -> String {
    let mut h = Sha1::new();
    h.update(NAMESPACE);
    h.update(kind.as_bytes());
    h.update(b"\x1f");
    h.update(key.as_bytes());
    let d = h.finalize();
    let mut b = [0u8; 16];
    b.copy_from_slice(&d[..16]);
    b[6] = (b[6] & 0x0f) | 0x50;
    b[8] = (b[8] & 0x3f) | 0x80;
    let hex: String = b.iter().map(|x| format!("{x:02x}")).collect();
    format!(
        "{kind}--{}-{}-{}-{}-{}",
        &hex[..8],
        &hex[8..12],
        &hex[12..16],
        &hex[16..20],
        &hex[20..]
    )
}

/// A date or time as a STIX timestamp (UTC, `Z`): `2024-05-03` is its
/// midnight, a month or year its first day; none when it reads as neither.
pub fn stix_time(s: &str) -> Option<String> {
    let s = s.trim();
    if let Ok(t) = chrono::DateTime::parse_from_rfc3339(s) {
        return Some(
            t.with_timezone(&chrono::Utc)
                .to_rfc3339_opts(chrono::SecondsFormat::Millis, true),
        );
    }
    let day = match s.len() {
        4 => format!("{s}-01-01"),
        7 => format!("{s}-01"),
        _ => s.get(..10)?.to_owned(),
    };
    chrono::NaiveDate::parse_from_str(&day, "%Y-%m-%d")
        .ok()
        .map(|d| format!("{}T00:00:00.000Z", d.format("%Y-%m-%d")))
}

/// The analysts' notes a bundle carries, by event id: each with its place
/// among the event's acts (its id follows from it), only those its reader
/// may see.
pub type Notes = std::collections::HashMap<String, Vec<(usize, Entry)>>;

/// Who made the bundle: this Beacon's organisation (its id and name), or
/// Beacon itself when none is set.
#[derive(Debug, Clone, Default)]
pub struct Producer {
    /// The organisation's id and name.
    pub org: Option<(String, String)>,
    /// Other names of actors, by the id an event's actor carries
    /// (`actor:taliban`; the actor dictionary's `shipped_aliases`): a
    /// threat actor's aliases.
    pub aliases: std::sync::Arc<std::collections::HashMap<String, Vec<String>>>,
}

impl Producer {
    fn key(&self) -> String {
        match &self.org {
            Some((id, _)) => format!("org:{id}"),
            None => "beacon".to_owned(),
        }
    }

    /// The producer's identity's id.
    pub fn id(&self) -> String {
        stix_id("identity", &self.key())
    }

    fn identity(&self) -> Value {
        let (name, class) = match &self.org {
            Some((_, name)) => (name.clone(), "organization"),
            None => ("Beacon".to_owned(), "system"),
        };
        json!({
            "type": "identity",
            "spec_version": "2.1",
            "id": self.id(),
            "created": EPOCH,
            "modified": EPOCH,
            "name": name,
            "identity_class": class,
        })
    }
}

/// The objects of a bundle, by id, each once; places, actors and outlets
/// are those of the least restricted report that names them, with its
/// marking.
#[derive(Default)]
struct Objects {
    by_id: BTreeMap<String, (Value, Tlp)>,
}

impl Objects {
    /// Keeps an object once: a version named by a less restricted report
    /// replaces a more restricted one, content and marking together (an
    /// actor's aliases come from a report's words: those of a RED report
    /// never go out under another's CLEAR).
    fn put(&mut self, v: Value, tlp: Tlp) {
        let id = v["id"].as_str().unwrap_or_default().to_owned();
        match self.by_id.get_mut(&id) {
            Some(kept) if tlp < kept.1 => *kept = (v, tlp),
            Some(_) => {}
            None => {
                self.by_id.insert(id, (v, tlp));
            }
        }
    }
}

/// An actor or target: an armed group is a `threat-actor`, a person an
/// individual `identity`, anything else a group.
fn actor_object(a: &EventActor, producer: &Producer) -> Value {
    let name = a.name.clone().unwrap_or_else(|| a.text.clone());
    let key = a.id.clone().unwrap_or_else(|| name.to_lowercase());
    // the dictionary's other names, then the name as written
    let known = a.id.as_ref().and_then(|id| producer.aliases.get(id));
    let mut aliases: Vec<&str> = Vec::new();
    for t in known
        .into_iter()
        .flatten()
        .map(String::as_str)
        .chain([a.text.as_str()])
    {
        if !t.eq_ignore_ascii_case(&name) && !aliases.iter().any(|x| x.eq_ignore_ascii_case(t)) {
            aliases.push(t);
        }
    }
    let mut v = match a.kind {
        Some(MentionKind::ArmedGroup) => json!({
            "type": "threat-actor",
            "id": stix_id("threat-actor", &key),
            "name": name,
        }),
        kind => json!({
            "type": "identity",
            "id": stix_id("identity", &format!("actor:{key}")),
            "name": name,
            "identity_class": if kind == Some(MentionKind::Person) { "individual" } else { "group" },
        }),
    };
    if !aliases.is_empty() && v["type"] == "threat-actor" {
        v["aliases"] = json!(aliases);
    }
    v["created"] = json!(EPOCH);
    v["modified"] = json!(EPOCH);
    v
}

fn location_object(l: &beacon_model::EventLocation) -> Option<Value> {
    let key = match l.geonames_id {
        Some(g) => format!("geonames:{g}"),
        None => format!(
            "{}|{}",
            l.name.to_lowercase(),
            l.country.as_deref().unwrap_or("")
        ),
    };
    let mut v = json!({
        "type": "location",
        "id": stix_id("location", &key),
        "created": EPOCH,
        "modified": EPOCH,
        "name": l.name,
    });
    if let (Some(lat), Some(lon)) = (l.lat, l.lon) {
        v["latitude"] = json!(lat);
        v["longitude"] = json!(lon);
    }
    if let Some(c) = &l.country {
        v["country"] = json!(c);
    }
    if let Some(a) = &l.admin1 {
        v["administrative_area"] = json!(a);
    }
    // a location needs a region, a country or a point
    (v.get("latitude").is_some() || v.get("country").is_some()).then_some(v)
}

/// The first and last times an event was reported (else its date, else
/// Beacon's epoch).
fn event_times(se: &StoryEvent) -> (String, String) {
    let mut times: Vec<String> = se
        .reports
        .iter()
        .filter_map(|r| r.published.as_deref().and_then(stix_time))
        .collect();
    times.sort();
    let date = se.event.date.as_ref().and_then(|d| stix_time(&d.value));
    let first = times
        .first()
        .cloned()
        .or_else(|| date.clone())
        .unwrap_or_else(|| EPOCH.to_owned());
    let mut last = times.last().cloned().unwrap_or_else(|| first.clone());
    // a review is a new version of the report
    if let Some(at) = se
        .review
        .as_ref()
        .and_then(|r| r.at.as_deref())
        .and_then(stix_time)
    {
        last = last.max(at);
    }
    (first.clone(), last.max(first))
}

/// Beacon's fields of an event, as its extension carries them.
fn event_fields(se: &StoryEvent, story: &str) -> Value {
    let e = &se.event;
    let names = |v: &[EventActor]| -> Vec<String> {
        v.iter()
            .map(|a| a.name.clone().unwrap_or_else(|| a.text.clone()))
            .collect()
    };
    let mut x = Map::new();
    x.insert("extension_type".into(), json!("property-extension"));
    x.insert("event_id".into(), json!(e.id));
    x.insert("story_id".into(), json!(story));
    x.insert("event_type".into(), json!(e.kind));
    x.insert("modality".into(), json!(e.modality));
    x.insert("historical".into(), json!(e.historical));
    x.insert("confidence".into(), json!(e.confidence));
    x.insert("evidence".into(), json!(e.evidence.text));
    // STIX allows no empty list
    for (k, v) in [("actors", names(&e.actor)), ("targets", names(&e.target))] {
        if !v.is_empty() {
            x.insert(k.into(), json!(v));
        }
    }
    x.insert("tlp".into(), json!(se.marking.tlp.as_str()));
    let optional = [
        ("mode", json!(e.mode)),
        ("category", json!(e.category)),
        ("sub_type", json!(e.sub_type)),
        ("date", json!(e.date.as_ref().map(|d| &d.value))),
        ("fatalities", json!(e.fatalities)),
        ("injured", json!(e.injured)),
        ("relevance", json!(e.relevance)),
    ];
    for (k, v) in optional {
        if !v.is_null() {
            x.insert(k.into(), v);
        }
    }
    let reports: Vec<Value> = se
        .reports
        .iter()
        .map(|r| {
            let mut o = json!({"article_id": r.article_id});
            if let Some(s) = &r.source {
                o["source"] = json!(s);
            }
            if let Some(p) = &r.published {
                o["published"] = json!(p);
            }
            o
        })
        .collect();
    x.insert("reports".into(), json!(reports));
    if let Some(r) = &se.review {
        let mut o = json!({"status": r.status.as_str()});
        if !r.fields.is_empty() {
            o["human_fields"] = json!(r.fields);
        }
        if let Some(org) = &r.org {
            o["organisation"] = json!(org);
        }
        if let Some(at) = r.at.as_deref().and_then(stix_time) {
            o["reviewed"] = json!(at);
        }
        x.insert("review".into(), o);
    }
    Value::Object(x)
}

/// An analyst's note on an event (the `n`th act on it), as a STIX note
/// on the event's report, with the note's TLP; none for an act without
/// a note.
pub fn note_object(
    producer: &Producer,
    event_id: &str,
    n: usize,
    e: &Entry,
) -> Option<(Value, Tlp)> {
    let text = e.note.as_deref()?;
    let at = stix_time(&e.at).unwrap_or_else(|| EPOCH.to_owned());
    let mut authors = vec![e.by.clone()];
    if let Some(org) = &e.org {
        authors[0] = format!("{} ({org})", e.by);
    }
    let note = json!({
        "type": "note",
        "spec_version": "2.1",
        "id": stix_id("note", &format!("{event_id}#{n}")),
        "created_by_ref": producer.id(),
        "created": at,
        "modified": at,
        "abstract": format!("{} by an analyst", e.action),
        "content": text,
        "authors": authors,
        "object_refs": [stix_id("report", event_id)],
    });
    Some((note, e.marking.tlp))
}

/// A report's name: its type, where, and when.
fn report_name(se: &StoryEvent) -> String {
    let e = &se.event;
    let mut name = e.kind.as_str().replace('_', " ").to_lowercase();
    if let Some(l) = &e.location {
        name.push_str(" in ");
        name.push_str(&l.name);
    }
    if let Some(d) = &e.date {
        name.push_str(", ");
        name.push_str(&d.value);
    }
    name
}

/// An event's objects, each with the event's TLP: its report first, then
/// the place, actors and targets and the outlets the report names.
pub fn event_objects(producer: &Producer, story: &str, se: &StoryEvent) -> Vec<(Value, Tlp)> {
    let e = &se.event;
    let tlp = se.marking.tlp;
    let mut named: Vec<Value> = Vec::new();
    if let Some(l) = e.location.as_ref().and_then(location_object) {
        named.push(l);
    }
    for a in e.actor.iter().chain(&e.target) {
        named.push(actor_object(a, producer));
    }
    for s in &se.sources {
        named.push(json!({
            "type": "identity",
            "id": stix_id("identity", &format!("source:{}", s.to_lowercase())),
            "created": EPOCH,
            "modified": EPOCH,
            "name": s,
            "identity_class": "organization",
            "sectors": ["communications"],
        }));
    }
    let me = producer.id();
    let mut refs: Vec<String> = named
        .iter()
        .filter_map(|v| v["id"].as_str().map(str::to_owned))
        .collect();
    if refs.is_empty() {
        refs.push(me.clone());
    }
    refs.sort();
    refs.dedup();
    let (first, last) = event_times(se);
    let report = json!({
        "type": "report",
        "spec_version": "2.1",
        "id": stix_id("report", &e.id),
        "created_by_ref": me,
        "created": first,
        "modified": last,
        "name": report_name(se),
        "description": e.evidence.text,
        "published": first,
        "report_types": ["threat-report"],
        "confidence": (e.confidence.clamp(0.0, 1.0) * 100.0).round() as u8,
        "object_refs": refs,
        "extensions": {EXTENSION_ID: event_fields(se, story)},
    });
    std::iter::once(report)
        .chain(named)
        .map(|mut v| {
            v["spec_version"] = json!("2.1");
            (v, tlp)
        })
        .collect()
}

/// A story's grouping of the reports of its events (`events`: their ids),
/// with the story's TLP; none when it has no event.
pub fn grouping_object(producer: &Producer, s: &Story, events: &[String]) -> Option<(Value, Tlp)> {
    if events.is_empty() {
        return None;
    }
    let reports: Vec<String> = events.iter().map(|id| stix_id("report", id)).collect();
    let created = s
        .first_seen
        .as_deref()
        .and_then(stix_time)
        .unwrap_or_else(|| EPOCH.to_owned());
    let modified = s
        .last_seen
        .as_deref()
        .and_then(stix_time)
        .unwrap_or_else(|| created.clone())
        .max(created.clone());
    let grouping = json!({
        "type": "grouping",
        "spec_version": "2.1",
        "id": stix_id("grouping", &s.id),
        "created_by_ref": producer.id(),
        "created": created,
        "modified": modified,
        "name": s.title.clone().unwrap_or_else(|| s.id.clone()),
        "context": "unspecified",
        "object_refs": reports,
    });
    Some((grouping, s.marking.tlp))
}

/// Sets an object's marking: its TLP 2.0 marking definition (a marking
/// definition itself is marked by none).
pub fn marked(mut v: Value, tlp: Tlp) -> Value {
    if v["type"] != "marking-definition" {
        v["object_marking_refs"] = json!([tlp_marking_id(tlp)]);
    }
    v
}

/// What every bundle and object stream holds besides the records: the
/// OASIS TLP 2.0 marking definitions `used`, the producer's identity and
/// the definition of Beacon's event extension.
pub fn head_objects(producer: &Producer, used: &[Tlp]) -> Vec<Value> {
    let mut out: Vec<Value> = used.iter().map(|&t| tlp_definition(t)).collect();
    out.push(producer.identity());
    out.push(extension_definition(&producer.id()));
    out
}

/// The definition of Beacon's event extension.
fn extension_definition(producer: &str) -> Value {
    json!({
        "type": "extension-definition",
        "spec_version": "2.1",
        "id": EXTENSION_ID,
        "created_by_ref": producer,
        "created": EPOCH,
        "modified": EPOCH,
        "name": "Beacon event",
        "description": "The fields Beacon codes for a political-violence event (PLOVER type and mode, ACLED category and sub-type, modality, historical, tolls as ranges, the sentence that says so, confidence, relevance, each report), carried by a report.",
        "schema": "The JSON schema data/stix/beacon-event.schema.json in Beacon's repository",
        "version": "1.0.0",
        "extension_types": ["property-extension"],
    })
}

/// A bundle of `stories` (each with its events) made by `producer`: every
/// object once, the marking definitions it uses, Beacon's extension
/// definition and the producer's identity.
pub fn bundle(stories: &[Story], notes: &Notes, producer: &Producer) -> Value {
    let mut objects = Objects::default();
    for s in stories {
        for se in &s.events {
            for (v, tlp) in event_objects(producer, &s.id, se) {
                objects.put(v, tlp);
            }
            for (n, e) in notes.get(&se.event.id).into_iter().flatten() {
                if let Some((v, tlp)) = note_object(producer, &se.event.id, *n, e) {
                    objects.put(v, tlp);
                }
            }
        }
        let ids: Vec<String> = s.events.iter().map(|se| se.event.id.clone()).collect();
        if let Some((g, tlp)) = grouping_object(producer, s, &ids) {
            objects.put(g, tlp);
        }
    }
    let mut used: Vec<Tlp> = objects.by_id.values().map(|(_, t)| *t).collect();
    used.sort();
    used.dedup();
    let mut out = if objects.by_id.is_empty() {
        vec![producer.identity()]
    } else {
        head_objects(producer, &used)
    };
    out.extend(objects.by_id.into_values().map(|(v, tlp)| marked(v, tlp)));
    let ids: Vec<&str> = out.iter().filter_map(|o| o["id"].as_str()).collect();
    json!({
        "type": "bundle",
        "id": stix_id("bundle", &ids.join(" ")),
        "objects": out,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_uuid5_and_stable() {
        let a = stix_id("report", "story-1-e1");
        assert_eq!(a, stix_id("report", "story-1-e1"));
        assert_ne!(a, stix_id("report", "story-1-e2"));
        let uuid = a.strip_prefix("report--").expect("the type");
        let parts: Vec<&str> = uuid.split('-').collect();
        assert_eq!(
            parts.iter().map(|p| p.len()).collect::<Vec<_>>(),
            [8, 4, 4, 4, 12]
        );
        assert!(parts[2].starts_with('5'));
        assert!(matches!(
            parts[3].chars().next(),
            Some('8' | '9' | 'a' | 'b')
        ));
    }

    #[test]
    fn times_read_dates_and_offsets() {
        assert_eq!(
            stix_time("2024-05-03").as_deref(),
            Some("2024-05-03T00:00:00.000Z")
        );
        assert_eq!(
            stix_time("2024-05").as_deref(),
            Some("2024-05-01T00:00:00.000Z")
        );
        assert_eq!(
            stix_time("2024-05-03T10:00:00+04:30").as_deref(),
            Some("2024-05-03T05:30:00.000Z")
        );
        assert_eq!(stix_time("yesterday"), None);
    }
}
