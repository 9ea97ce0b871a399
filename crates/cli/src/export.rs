//! `beacon events`: the store's story-level events, filtered, as JSON
//! lines, CSV, GeoJSON or a Markdown brief.

use std::fmt::Write as _;

use beacon_model::{Count, EventActor, StoryEvent};

use crate::EventsFormat;

fn serde_name<T: serde::Serialize>(v: &T) -> String {
    serde_json::to_value(v)
        .ok()
        .and_then(|v| v.as_str().map(str::to_owned))
        .unwrap_or_default()
}

fn names(v: &[EventActor]) -> String {
    v.iter()
        .map(|a| a.name.clone().unwrap_or_else(|| a.text.clone()))
        .collect::<Vec<_>>()
        .join("; ")
}

fn bound(c: Option<&Count>, max: bool) -> String {
    match c {
        None => String::new(),
        Some(c) if max => c.max.map(|m| m.to_string()).unwrap_or_default(),
        Some(c) => c.min.to_string(),
    }
}

/// A CSV field, quoted where it must be (RFC 4180).
fn field(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_owned()
    }
}

const CSV_HEADER: &[&str] = &[
    "id",
    "type",
    "mode",
    "category",
    "sub_type",
    "modality",
    "historical",
    "date",
    "date_precision",
    "actor",
    "target",
    "source_of_claim",
    "place",
    "country",
    "admin1",
    "zone",
    "lat",
    "lon",
    "precision",
    "fatalities_min",
    "fatalities_max",
    "injured_min",
    "injured_max",
    "sources",
    "reports",
    "evidence",
];

fn csv_row(e: &StoryEvent) -> String {
    let ev = &e.event;
    let loc = ev.location.as_ref();
    let cells: Vec<String> = vec![
        ev.id.clone(),
        ev.kind.as_str().to_owned(),
        ev.mode.clone().unwrap_or_default(),
        ev.category.as_ref().map(serde_name).unwrap_or_default(),
        ev.sub_type.clone().unwrap_or_default(),
        serde_name(&ev.modality),
        ev.historical.to_string(),
        ev.date
            .as_ref()
            .map(|d| d.value.clone())
            .unwrap_or_default(),
        ev.date
            .as_ref()
            .map(|d| serde_name(&d.precision))
            .unwrap_or_default(),
        names(&ev.actor),
        names(&ev.target),
        ev.source_of_claim
            .as_ref()
            .map(|s| s.name.clone().unwrap_or_else(|| s.text.clone()))
            .unwrap_or_default(),
        loc.map(|l| l.name.clone()).unwrap_or_default(),
        loc.and_then(|l| l.country.clone()).unwrap_or_default(),
        loc.and_then(|l| l.admin1.clone()).unwrap_or_default(),
        loc.and_then(|l| l.zone.clone()).unwrap_or_default(),
        loc.and_then(|l| l.lat)
            .map(|x| x.to_string())
            .unwrap_or_default(),
        loc.and_then(|l| l.lon)
            .map(|x| x.to_string())
            .unwrap_or_default(),
        loc.map(|l| serde_name(&l.precision)).unwrap_or_default(),
        bound(ev.fatalities.as_ref(), false),
        bound(ev.fatalities.as_ref(), true),
        bound(ev.injured.as_ref(), false),
        bound(ev.injured.as_ref(), true),
        e.sources.join("; "),
        e.reports.len().to_string(),
        ev.evidence.text.trim().to_owned(),
    ];
    cells.iter().map(|c| field(c)).collect::<Vec<_>>().join(",")
}

fn geojson(events: &[&StoryEvent]) -> serde_json::Value {
    let features: Vec<serde_json::Value> = events
        .iter()
        .filter_map(|e| {
            let loc = e.event.location.as_ref()?;
            let (lat, lon) = (loc.lat?, loc.lon?);
            let mut props = serde_json::to_value(&e.event).ok()?;
            if let Some(o) = props.as_object_mut() {
                o.insert("sources".into(), serde_json::json!(e.sources));
                o.insert("reports".into(), serde_json::json!(e.reports.len()));
            }
            Some(serde_json::json!({
                "type": "Feature",
                "geometry": {"type": "Point", "coordinates": [lon, lat]},
                "properties": props,
            }))
        })
        .collect();
    serde_json::json!({"type": "FeatureCollection", "features": features})
}

fn markdown(events: &[&StoryEvent]) -> String {
    let mut s = String::from("# Events\n\n");
    for e in events {
        let ev = &e.event;
        let place = ev
            .location
            .as_ref()
            .map(|l| l.name.clone())
            .unwrap_or_else(|| "place unknown".into());
        let date = ev
            .date
            .as_ref()
            .map(|d| d.value.clone())
            .unwrap_or_else(|| "date unknown".into());
        let _ = writeln!(s, "## {} — {place}, {date}", ev.kind.as_str());
        let mut facts = vec![serde_name(&ev.modality)];
        if ev.historical {
            facts.push("historical".into());
        }
        if let Some(st) = &ev.sub_type {
            facts.push(st.to_lowercase().replace('_', " "));
        }
        let _ = writeln!(s, "- {}", facts.join(", "));
        if !ev.actor.is_empty() || !ev.target.is_empty() {
            let _ = writeln!(s, "- {} → {}", names(&ev.actor), names(&ev.target));
        }
        if let Some(f) = &ev.fatalities {
            let _ = writeln!(s, "- dead: {}", f.text);
        }
        if let Some(i) = &ev.injured {
            let _ = writeln!(s, "- injured: {}", i.text);
        }
        if let Some(c) = &ev.source_of_claim {
            let _ = writeln!(s, "- says: {}", c.name.as_deref().unwrap_or(&c.text));
        }
        let _ = writeln!(
            s,
            "- sources ({}): {}",
            e.sources.len(),
            e.sources.join(", ")
        );
        // The evidence as a quotation: Markdown markup in it stays text.
        let quoted = ev.evidence.text.trim().replace(['<', '>'], " ");
        let _ = writeln!(s, "\n> {quoted}\n");
    }
    s
}

/// Writes the events in `a`'s format.
pub fn write(
    events: &[&StoryEvent],
    format: EventsFormat,
    out: &mut dyn std::io::Write,
) -> anyhow::Result<()> {
    match format {
        EventsFormat::Jsonl => {
            for e in events {
                writeln!(out, "{}", serde_json::to_string(e)?)?;
            }
        }
        EventsFormat::Csv => {
            writeln!(out, "{}", CSV_HEADER.join(","))?;
            for e in events {
                writeln!(out, "{}", csv_row(e))?;
            }
        }
        EventsFormat::Geojson => writeln!(out, "{}", serde_json::to_string(&geojson(events))?)?,
        EventsFormat::Markdown => out.write_all(markdown(events).as_bytes())?,
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_fields_are_quoted_where_they_must_be() {
        assert_eq!(field("plain"), "plain");
        assert_eq!(field("a, b"), "\"a, b\"");
        assert_eq!(field("say \"no\""), "\"say \"\"no\"\"\"");
        assert_eq!(field("two\nlines"), "\"two\nlines\"");
    }
}
