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
        parts.push(format!("killed {}", count_text(f)));
    }
    if let Some(i) = &e.injured {
        parts.push(format!("injured {}", count_text(i)));
    }
    parts.push(format!("sources {}", se.sources.join(", ")));
    parts.push(format!("beacon {}", e.id));
    parts.join(" · ")
}

/// A count as the comment writes it: `3`, `3-5`, or `3+` (no upper bound).
fn count_text(c: &beacon_model::Count) -> String {
    match c.max {
        Some(m) if m == c.min => m.to_string(),
        Some(m) => format!("{}-{m}", c.min),
        None => format!("{}+", c.min),
    }
}

/// A count from [`count_text`]'s form, as JSON `{"min", "max"}`.
fn count_of(t: &str) -> Option<Value> {
    let t = t.trim();
    if let Some(min) = t.strip_suffix('+') {
        return Some(json!({"min": min.parse::<u32>().ok()?, "max": null}));
    }
    let (min, max) = t.split_once('-').unwrap_or((t, t));
    let (min, max) = (min.parse::<u32>().ok()?, max.parse::<u32>().ok()?);
    (max >= min).then(|| json!({"min": min, "max": max}))
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

/// What Beacon reads of a MISP event (`{"Event": …}`), for people and
/// for its own records: the title, date, TLP and creating organisation;
/// each `text` attribute whose comment holds Beacon's fields (as
/// [`event`] writes them) as an event (type, modality, date, place with
/// its country and point, actors, targets, tolls, the evidence, the
/// review, its own TLP, Beacon's id); every other attribute, in the event
/// or in its objects, kept whole as a note (type, category, value,
/// comment).
pub fn mapped(e: &Value) -> Value {
    let ev = &e["Event"];
    let attributes = ev["Attribute"].as_array().into_iter().flatten().chain(
        ev["Object"]
            .as_array()
            .into_iter()
            .flatten()
            .flat_map(|o| o["Attribute"].as_array().into_iter().flatten()),
    );
    let (mut events, mut notes) = (Vec::new(), Vec::new());
    for a in attributes {
        let tags: Vec<&str> = a["Tag"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|t| t["name"].as_str())
            .collect();
        let fields = (a["type"] == "text")
            .then(|| a["comment"].as_str().and_then(beacon_fields))
            .flatten();
        match fields {
            Some(mut f) => {
                f["evidence"] = a["value"].clone();
                f["tlp"] = json!(tlp_of(a).as_str());
                let review = tags
                    .iter()
                    .find_map(|t| t.strip_prefix("beacon:review=\""))
                    .map(|t| t.trim_end_matches('"'));
                if let Some(r) = review {
                    f["review"] = json!(r);
                }
                events.push(f);
            }
            None => notes.push(json!({
                "type": a["type"], "category": a["category"], "value": a["value"],
                "comment": a["comment"], "tlp": tlp_of(a).as_str(),
            })),
        }
    }
    json!({
        "uuid": ev["uuid"], "title": ev["info"], "date": ev["date"],
        "tlp": tlp_of(ev).as_str(), "org": ev["Orgc"]["name"],
        "events": events, "notes": notes,
    })
}

/// Beacon's fields from an attribute's comment as [`comment`] writes them
/// (`ASSAULT · occurred · date … · place … · …`); none when it is not one.
fn beacon_fields(comment: &str) -> Option<Value> {
    let mut parts = comment.split(" · ");
    let kind = beacon_model::EventType::parse(parts.next()?)?;
    let modality: beacon_model::Modality = parts.next()?.parse().ok()?;
    let mut f = json!({"type": kind.as_str(), "modality": modality.as_str()});
    let names = |t: &str| json!(t.split("; ").collect::<Vec<_>>());
    for p in parts {
        let (key, rest) = p.split_once(' ').unwrap_or((p, ""));
        match key {
            "date" => f["date"] = json!(rest),
            "place" => f["place"] = place_of(rest),
            "actor" => f["actor"] = names(rest),
            "target" => f["target"] = names(rest),
            "killed" => f["fatalities"] = count_of(rest).unwrap_or(Value::Null),
            "injured" => f["injured"] = count_of(rest).unwrap_or(Value::Null),
            "sources" => f["sources"] = json!(rest.split(", ").collect::<Vec<_>>()),
            "beacon" => f["beacon_id"] = json!(rest),
            _ => {}
        }
    }
    Some(f)
}

/// A place as the comment writes it: `NAME`, `NAME (CC)`, `… at LAT, LON`.
fn place_of(t: &str) -> Value {
    let (named, point) = match t.rsplit_once(" at ") {
        Some((n, p)) => (n, Some(p)),
        None => (t, None),
    };
    let (name, country) = match named.strip_suffix(')').and_then(|n| n.rsplit_once(" (")) {
        Some((n, c)) if c.len() == 2 => (n, Some(c)),
        _ => (named, None),
    };
    let mut v = json!({"name": name});
    if let Some(c) = country {
        v["country"] = json!(c);
    }
    let point = point
        .and_then(|p| p.split_once(", "))
        .and_then(|(a, b)| Some((a.trim().parse::<f64>().ok()?, b.trim().parse::<f64>().ok()?)));
    if let Some((lat, lon)) = point {
        v["lat"] = json!(lat);
        v["lon"] = json!(lon);
    }
    v
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
    fn an_event_written_out_reads_back_with_its_fields() {
        let se: StoryEvent = serde_json::from_value(json!({
            "event": {
                "id": "s1-e1", "type": "ASSAULT", "modality": "occurred", "historical": false,
                "actor": [{"text": "gunmen", "start": 0, "end": 6}],
                "target": [{"text": "aid workers", "name": "aid workers", "start": 0, "end": 1}],
                "location": {"name": "Herat", "lat": 34.34, "lon": 62.2, "country": "AF",
                             "precision": "point", "basis": "clause"},
                "date": {"value": "2026-12-01", "precision": "day", "basis": "published"},
                "fatalities": {"min": 2, "max": 3, "text": "two or three"},
                "injured": {"min": 4, "max": null, "text": "at least four"},
                "evidence": {"text": "Gunmen shot dead aid workers.", "start": 0, "end": 29},
                "confidence": 0.8, "article_id": "a1"
            },
            "sources": ["x.org"], "reports": [], "marking": {"tlp": "amber"},
            "review": {"status": "confirmed", "fields": ["type"]}
        }))
        .expect("an event");
        let story = Story {
            id: "s1".into(),
            title: Some("Herat".into()),
            first_seen: Some("2026-12-01".into()),
            last_seen: None,
            sources: vec!["x.org".into()],
            article_ids: vec!["a1".into()],
            events: vec![se],
            marking: beacon_model::Marking::of(Tlp::Amber),
        };
        let out = event(&story, &Notes::default(), &Producer::default()).expect("an event");
        let m = mapped(&out);
        assert_eq!(m["title"], "Herat");
        assert_eq!(m["tlp"], "amber");
        let e = &m["events"][0];
        assert_eq!(e["type"], "ASSAULT");
        assert_eq!(e["modality"], "occurred");
        assert_eq!(e["date"], "2026-12-01");
        assert_eq!(
            e["place"],
            json!({"name": "Herat", "country": "AF", "lat": 34.34, "lon": 62.2})
        );
        assert_eq!(e["actor"], json!(["gunmen"]));
        assert_eq!(e["fatalities"], json!({"min": 2, "max": 3}));
        assert_eq!(e["injured"], json!({"min": 4, "max": null}));
        assert_eq!(e["evidence"], "Gunmen shot dead aid workers.");
        assert_eq!(e["review"], "confirmed");
        assert_eq!(e["beacon_id"], "s1-e1");
        assert_eq!(m["notes"], json!([]));
        // a partner's own attribute is kept as a note
        let mut other = out.clone();
        other["Event"]["Attribute"]
            .as_array_mut()
            .expect("attributes")
            .push(json!({"type": "url", "category": "External analysis", "value": "https://x.org/r", "comment": "their report"}));
        assert_eq!(mapped(&other)["notes"][0]["value"], "https://x.org/r");
    }

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
