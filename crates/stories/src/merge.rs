//! Events from different articles that tell of the same happening become
//! one story-level event listing every report.
//!
//! Two events are the same happening when they have the same type,
//! modality and history flag, their actors are compatible (one side names
//! none, or they share an entry or a name), their places are compatible
//! (one is unknown, they are the same entry or zone, one is the other's
//! country, or they lie within [`SAME_PLACE_KM`]) and their dates are
//! within [`SAME_DAYS`] days. Tolls that differ are kept as a range over
//! the reports, each report keeping its own figure; a later report's higher
//! figure (a death toll rising) widens the range upwards.

use beacon_model::{Count, Event, EventActor, EventLocation, EventReport, StoryEvent};

/// Places closer than this are one place.
pub const SAME_PLACE_KM: f64 = 50.0;
/// Dates closer than this are one date.
pub const SAME_DAYS: i64 = 3;

/// Adds an article's events to a story's merged events. Returns the
/// places in `merged` of the events it changed or added, in order, each
/// once: all a store must write again.
pub fn add_events(
    merged: &mut Vec<StoryEvent>,
    events: &[Event],
    source: Option<&str>,
    published: Option<&str>,
) -> Vec<usize> {
    let mut changed = Vec::new();
    for e in events {
        let report = EventReport {
            article_id: e.article_id.clone(),
            source: source.map(str::to_owned),
            published: published.map(str::to_owned),
            fatalities: e.fatalities.clone(),
            injured: e.injured.clone(),
        };
        match merged.iter().position(|m| same_happening(&m.event, e)) {
            Some(k) => {
                let m = &mut merged[k];
                if m.reports.iter().any(|r| r.article_id == report.article_id) {
                    // One article telling it twice is one report.
                    continue;
                }
                if let Some(s) = source
                    && !m.sources.iter().any(|x| x == s)
                {
                    m.sources.push(s.to_owned());
                }
                m.event.fatalities = span(m.event.fatalities.take(), e.fatalities.as_ref());
                m.event.injured = span(m.event.injured.take(), e.injured.as_ref());
                m.reports.push(report);
                changed.push(k);
            }
            None => {
                changed.push(merged.len());
                merged.push(StoryEvent {
                    event: e.clone(),
                    sources: source.map(|s| vec![s.to_owned()]).unwrap_or_default(),
                    reports: vec![report],
                });
            }
        }
    }
    changed.sort_unstable();
    changed.dedup();
    changed
}

/// The range of two tolls.
fn span(a: Option<Count>, b: Option<&Count>) -> Option<Count> {
    match (a, b) {
        (None, None) => None,
        (Some(a), None) => Some(a),
        (None, Some(b)) => Some(b.clone()),
        (Some(a), Some(b)) => {
            if a.min == b.min && a.max == b.max {
                return Some(a);
            }
            let top = |c: &Count| c.max.unwrap_or(c.min);
            let open = a.max.is_none() || b.max.is_none();
            Some(Count {
                min: a.min.min(b.min),
                max: if open {
                    None
                } else {
                    Some(top(&a).max(top(b)))
                },
                text: format!("{} / {}", a.text, b.text),
            })
        }
    }
}

/// Whether two events tell of one happening (see the module docs).
pub fn same_happening(a: &Event, b: &Event) -> bool {
    a.kind == b.kind
        && a.modality == b.modality
        && a.historical == b.historical
        && actors_compatible(&a.actor, &b.actor)
        && places_compatible(a.location.as_ref(), b.location.as_ref())
        && dates_compatible(a, b)
}

fn actor_key(x: &EventActor) -> String {
    x.id.clone()
        .unwrap_or_else(|| x.name.clone().unwrap_or_else(|| x.text.to_lowercase()))
}

fn actors_compatible(a: &[EventActor], b: &[EventActor]) -> bool {
    if a.is_empty() || b.is_empty() {
        return true;
    }
    a.iter()
        .any(|x| b.iter().any(|y| actor_key(x) == actor_key(y)))
}

fn places_compatible(a: Option<&EventLocation>, b: Option<&EventLocation>) -> bool {
    let (Some(a), Some(b)) = (a, b) else {
        return true;
    };
    if a.geonames_id.is_some() && a.geonames_id == b.geonames_id {
        return true;
    }
    if a.zone.is_some() && a.zone == b.zone {
        return true;
    }
    let country_level = |l: &EventLocation| {
        matches!(
            l.precision,
            beacon_model::PlacePrecision::Country | beacon_model::PlacePrecision::Region
        )
    };
    if (country_level(a) || country_level(b)) && a.country.is_some() && a.country == b.country {
        return true;
    }
    match (a.lat, a.lon, b.lat, b.lon) {
        (Some(la), Some(lo), Some(lb), Some(mb)) => km(la, lo, lb, mb) <= SAME_PLACE_KM,
        _ => a.name == b.name,
    }
}

fn km(lat1: f64, lon1: f64, lat2: f64, lon2: f64) -> f64 {
    let (p1, p2) = (lat1.to_radians(), lat2.to_radians());
    let h = ((p2 - p1) / 2.0).sin().powi(2)
        + p1.cos() * p2.cos() * ((lon2 - lon1).to_radians() / 2.0).sin().powi(2);
    2.0 * 6371.0088 * h.sqrt().asin()
}

pub use beacon_model::epoch_day as day;

fn dates_compatible(a: &Event, b: &Event) -> bool {
    let d = |e: &Event| e.date.as_ref().and_then(|d| day(&d.value));
    match (d(a), d(b)) {
        (Some(x), Some(y)) => (x - y).abs() <= SAME_DAYS,
        _ => true,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn civil_days() {
        assert_eq!(day("1970-01-01"), Some(0));
        assert_eq!(day("2015-10-28"), Some(16_736));
        assert_eq!(day("2015"), None);
    }

    #[test]
    fn tolls_that_differ_become_a_range() {
        let c = |min, max: Option<u32>| Count {
            min,
            max,
            text: format!("{min}"),
        };
        let r = span(Some(c(12, Some(12))), Some(&c(40, Some(40)))).unwrap();
        assert_eq!((r.min, r.max), (12, Some(40)));
        let r = span(Some(c(12, Some(12))), Some(&c(30, None))).unwrap();
        assert_eq!((r.min, r.max), (12, None));
    }
}
