//! MISP feeds: a story as a MISP event (its title, first date, TLP tag, the
//! producer as its creating organisation), each of its story-level events
//! an attribute of type `text` (the sentence that says so) tagged with its
//! own TLP and Beacon's fields in its comment, each placed event's point as
//! `latitude`/`longitude`-free text beside it; a feed is a directory of
//! `<uuid>.json` events with a `manifest.json` (MISP's feed layout, which
//! MISP and PyMISP read). Ids are UUIDv5 of Beacon's keys, as in STIX.

use beacon_model::{Story, StoryEvent, Tlp};
use serde_json::{Map, Value, json};

use crate::stix::{Notes, Producer, stix_id};

/// The UUID part of a STIX-style id of `key`.
fn uuid(kind: &str, key: &str) -> String {
    let id = stix_id(kind, key);
    id.split_once("--")
        .map_or(id.clone(), |(_, u)| u.to_owned())
}

/// MISP's TLP tag.
fn tlp_tag(t: Tlp) -> Value {
    json!({"name": format!("tlp:{}", t.as_str())})
}

/// Seconds since 1970 of a date or time, as MISP writes timestamps.
fn timestamp(s: Option<&str>) -> String {
    s.and_then(crate::stix::stix_time)
        .and_then(|t| chrono::DateTime::parse_from_rfc3339(&t).ok())
        .map_or_else(|| "0".to_owned(), |t| t.timestamp().to_string())
}

/// Beacon's fields of an event, in words, for an attribute's comment.
fn comment(se: &StoryEvent) -> String {
    let e = &se.event;
    let mut parts = vec![e.kind.as_str().to_owned(), e.modality.as_str().to_owned()];
    if let Some(d) = &e.date {
        parts.push(format!("date {}", d.value));
    }
    if let Some(l) = &e.location {
        let mut place = format!("place {}", l.name);
        if let Some(c) = &l.country {
            place.push_str(&format!(" ({c})"));
        }
        if let (Some(lat), Some(lon)) = (l.lat, l.lon) {
            place.push_str(&format!(" at {lat:.4}, {lon:.4}"));
        }
        parts.push(place);
    }
    let names = |v: &[beacon_model::EventActor]| -> String {
        v.iter()
            .map(|a| a.name.clone().unwrap_or_else(|| a.text.clone()))
            .collect::<Vec<_>>()
            .join("; ")
    };
    if !e.actor.is_empty() {
        parts.push(format!("actor {}", names(&e.actor)));
    }
    if !e.target.is_empty() {
        parts.push(format!("target {}", names(&e.target)));
    }
    if let Some(f) = &e.fatalities {
        parts.push(format!("killed {}", f.text));
    }
    if let Some(i) = &e.injured {
        parts.push(format!("injured {}", i.text));
    }
    parts.push(format!("sources {}", se.sources.join(", ")));
    parts.push(format!("beacon {}", e.id));
    parts.join(" · ")
}

/// A story as a MISP event (`{"Event": …}`); none when it has no event.
pub fn event(s: &Story, notes: &Notes, producer: &Producer) -> Option<Value> {
    if s.events.is_empty() {
        return None;
    }
    let (org_key, org_name) = match &producer.org {
        Some((id, name)) => (format!("org:{id}"), name.clone()),
        None => ("beacon".to_owned(), "Beacon".to_owned()),
    };
    let date = s
        .first_seen
        .as_deref()
        .and_then(crate::stix::stix_time)
        .map_or_else(|| "1970-01-01".to_owned(), |t| t[..10].to_owned());
    let stamp = timestamp(s.last_seen.as_deref().or(s.first_seen.as_deref()));
    let mut attributes: Vec<Value> = Vec::new();
    for se in &s.events {
        let mut tags = vec![tlp_tag(se.marking.tlp)];
        if let Some(r) = &se.review {
            tags.push(json!({"name": format!("beacon:review=\"{}\"", r.status.as_str())}));
            for f in &r.fields {
                tags.push(json!({"name": format!("beacon:human-field=\"{f}\"")}));
            }
        }
        attributes.push(json!({
            "uuid": uuid("misp-attribute", &se.event.id),
            "type": "text",
            "category": "Other",
            "value": se.event.evidence.text,
            "comment": comment(se),
            "to_ids": false,
            "distribution": "5",
            "timestamp": timestamp(se.reports.last().and_then(|r| r.published.as_deref())),
            "Tag": tags,
        }));
        // the analysts' notes, each an attribute of type comment
        for (n, e) in notes.get(&se.event.id).into_iter().flatten() {
            let Some(text) = &e.note else { continue };
            let by = e
                .org
                .as_ref()
                .map_or(e.by.clone(), |o| format!("{} ({o})", e.by));
            attributes.push(json!({
                "uuid": uuid("misp-attribute", &format!("{}#{n}", se.event.id)),
                "type": "comment",
                "category": "Other",
                "value": text,
                "comment": format!("{} by {by} on beacon {}", e.action, se.event.id),
                "to_ids": false,
                "distribution": "5",
                "timestamp": timestamp(Some(&e.at)),
                "Tag": [tlp_tag(e.marking.tlp)],
            }));
        }
    }
    let mut e = Map::new();
    e.insert("uuid".into(), json!(uuid("misp-event", &s.id)));
    e.insert(
        "info".into(),
        json!(s.title.clone().unwrap_or_else(|| s.id.clone())),
    );
    e.insert("date".into(), json!(date));
    e.insert("timestamp".into(), json!(stamp));
    e.insert("publish_timestamp".into(), json!(stamp));
    e.insert("published".into(), json!(true));
    e.insert("analysis".into(), json!("2"));
    e.insert("threat_level_id".into(), json!("4"));
    e.insert("distribution".into(), json!("0"));
    e.insert(
        "Orgc".into(),
        json!({"name": org_name, "uuid": uuid("misp-org", &org_key)}),
    );
    e.insert(
        "Tag".into(),
        json!([tlp_tag(s.marking.tlp), {"name": "beacon:story"}]),
    );
    e.insert("Attribute".into(), json!(attributes));
    Some(json!({ "Event": Value::Object(e) }))
}

/// A MISP feed of `stories`: each event by its UUID, and the manifest
/// (each event's UUID to its summary).
pub fn feed(
    stories: &[Story],
    notes: &Notes,
    producer: &Producer,
) -> (Vec<(String, Value)>, Value) {
    let mut events = Vec::new();
    let mut manifest = Map::new();
    for s in stories {
        let Some(ev) = event(s, notes, producer) else {
            continue;
        };
        let e = &ev["Event"];
        let id = e["uuid"].as_str().unwrap_or_default().to_owned();
        let mut summary = Map::new();
        for k in [
            "info",
            "date",
            "timestamp",
            "analysis",
            "threat_level_id",
            "Orgc",
            "Tag",
        ] {
            summary.insert(k.into(), e[k].clone());
        }
        manifest.insert(id.clone(), Value::Object(summary));
        events.push((id, ev));
    }
    (events, Value::Object(manifest))
}

/// A MISP event's TLP: the most restrictive `tlp:` tag it carries
/// (`tlp:white` reads as CLEAR); AMBER when it carries none Beacon knows.
pub fn tlp_of(event: &Value) -> Tlp {
    event["Tag"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|t| t["name"].as_str())
        .filter_map(|n| n.strip_prefix("tlp:"))
        .filter_map(|n| n.parse::<Tlp>().ok())
        .max()
        .unwrap_or(Tlp::Amber)
}

/// Reads a MISP feed directory (`manifest.json` and its events): each
/// event (`{"Event": …}`) with its TLP. An event the manifest names that
/// is missing or unreadable is an error naming it.
pub fn read_feed(dir: &std::path::Path) -> Result<Vec<(Value, Tlp)>, String> {
    let read = |p: std::path::PathBuf| -> Result<Value, String> {
        let bytes = std::fs::read(&p).map_err(|e| format!("{}: {e}", p.display()))?;
        serde_json::from_slice(&bytes).map_err(|e| format!("{}: {e}", p.display()))
    };
    let manifest = read(dir.join("manifest.json"))?;
    let ids = manifest
        .as_object()
        .ok_or("manifest.json is not a MISP feed's manifest (an object of events)")?;
    let mut out = Vec::with_capacity(ids.len());
    for id in ids.keys() {
        if !id.chars().all(|c| c.is_ascii_hexdigit() || c == '-') {
            return Err(format!("{id:?} in manifest.json is not an event's UUID"));
        }
        let e = read(dir.join(format!("{id}.json")))?;
        if !e["Event"].is_object() {
            return Err(format!("{id}.json holds no MISP event"));
        }
        let tlp = tlp_of(&e["Event"]);
        out.push((e, tlp));
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn timestamps_are_seconds_and_uuids_are_uuids() {
        assert_eq!(timestamp(Some("1970-01-02")), "86400");
        assert_eq!(timestamp(None), "0");
        let u = uuid("misp-event", "story-1");
        assert_eq!(u.len(), 36);
        assert_eq!(u, uuid("misp-event", "story-1"));
    }

    #[test]
    fn an_events_tlp_is_its_most_restrictive_tag() {
        let e =
            json!({"Tag": [{"name": "tlp:green"}, {"name": "tlp:amber+strict"}, {"name": "x"}]});
        assert_eq!(tlp_of(&e), Tlp::AmberStrict);
        assert_eq!(tlp_of(&json!({"Tag": [{"name": "tlp:white"}]})), Tlp::Clear);
        assert_eq!(tlp_of(&json!({})), Tlp::Amber);
    }
}
