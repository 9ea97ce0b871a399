//! When two events tell of one happening: the one definition the story
//! stage uses to merge the events of different articles, and the coder to
//! merge one article's retellings ("Rap boss arrested" in the headline,
//! "Knight has been arrested" in the lead).
//!
//! Two events are the same happening when they have the same type,
//! modality and history flag, their actors are compatible (one side names
//! none, or they share an entry or a name), their places are compatible
//! (one is unknown, they are the same entry or zone, one is the other's
//! country, or they lie within [`SAME_PLACE_KM`]) and their dates are
//! within [`SAME_DAYS`] days.

use crate::{Count, Event, EventActor, EventLocation, PlacePrecision, epoch_day};

/// Places closer than this are one place.
pub const SAME_PLACE_KM: f64 = 50.0;
/// Dates closer than this are one date.
pub const SAME_DAYS: i64 = 3;

/// Mean Earth radius (IUGG), km.
pub const EARTH_RADIUS_KM: f64 = 6371.0088;

/// Great-circle distance in km between two points given in degrees.
pub fn haversine_km(lat1: f64, lon1: f64, lat2: f64, lon2: f64) -> f64 {
    let (p1, p2) = (lat1.to_radians(), lat2.to_radians());
    let dp = p2 - p1;
    let dl = (lon2 - lon1).to_radians();
    let h = (dp / 2.0).sin().powi(2) + p1.cos() * p2.cos() * (dl / 2.0).sin().powi(2);
    2.0 * EARTH_RADIUS_KM * h.sqrt().min(1.0).asin()
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

/// Whether a later event of one article, in another sentence, tells again
/// of an earlier one. As [`same_happening`], but within one article a
/// party described ("the rapper", "police") may be the one named ("Suge
/// Knight", "Atlanta police"): parties differ only where both sides name
/// entities and share none. Targets must agree as actors do, and modes and
/// tolls where both give one: two raids on two named villages, an arrest
/// beside a seizure of arms, or an attack that killed five beside one that
/// killed two, stay two (a bombing and "the attack" that tells of it have
/// sub-types of their own and are one). Two events of one sentence
/// are two actions ("dispersed the crowd and arrested twelve").
pub fn told_again(earlier: &Event, later: &Event) -> bool {
    earlier.kind == later.kind
        && earlier.modality == later.modality
        && earlier.historical == later.historical
        && earlier.evidence.start != later.evidence.start
        && agree(&earlier.mode, &later.mode)
        && parties_may_corefer(&earlier.actor, &later.actor)
        && parties_may_corefer(&earlier.target, &later.target)
        && places_compatible(earlier.location.as_ref(), later.location.as_ref())
        && dates_compatible(earlier, later)
        && tolls_agree(earlier.fatalities.as_ref(), later.fatalities.as_ref())
        && tolls_agree(earlier.injured.as_ref(), later.injured.as_ref())
}

/// Whether two parties of one article may be the same (see [`told_again`]):
/// one is unknown or only described, they share an entry or a name, or one
/// is written within the other ("Furcal", "Rafael Furcal").
fn parties_may_corefer(a: &[EventActor], b: &[EventActor]) -> bool {
    let described = |side: &[EventActor]| side.iter().all(|x| x.kind.is_none());
    if a.is_empty() || b.is_empty() || described(a) || described(b) {
        return true;
    }
    let within = |x: &EventActor, y: &EventActor| {
        let (x, y) = (x.text.to_lowercase(), y.text.to_lowercase());
        x.split_whitespace()
            .last()
            .is_some_and(|w| y.split_whitespace().any(|v| v == w))
    };
    a.iter().any(|x| {
        b.iter()
            .any(|y| actor_key(x) == actor_key(y) || within(x, y) || within(y, x))
    })
}

/// Two values of which at most one is known, or the same.
fn agree<T: PartialEq>(a: &Option<T>, b: &Option<T>) -> bool {
    a.is_none() || b.is_none() || a == b
}

fn tolls_agree(a: Option<&Count>, b: Option<&Count>) -> bool {
    match (a, b) {
        (Some(a), Some(b)) => a.min == b.min && a.max == b.max,
        _ => true,
    }
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
            PlacePrecision::Country | PlacePrecision::Region
        )
    };
    if (country_level(a) || country_level(b)) && a.country.is_some() && a.country == b.country {
        return true;
    }
    match (a.lat, a.lon, b.lat, b.lon) {
        (Some(la), Some(lo), Some(lb), Some(mb)) => haversine_km(la, lo, lb, mb) <= SAME_PLACE_KM,
        _ => a.name == b.name,
    }
}

fn dates_compatible(a: &Event, b: &Event) -> bool {
    let d = |e: &Event| e.date.as_ref().and_then(|d| epoch_day(&d.value));
    match (d(a), d(b)) {
        (Some(x), Some(y)) => (x - y).abs() <= SAME_DAYS,
        _ => true,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// An event of the sentence at `at`; its parties named people when
    /// capitalised, else described.
    fn event(kind: &str, actor: &[&str], target: &[&str], dead: Option<u32>) -> Event {
        let party = |names: &[&str]| -> Vec<serde_json::Value> {
            names
                .iter()
                .map(|n| {
                    if n.starts_with(char::is_uppercase) {
                        serde_json::json!({"text": n, "name": n, "kind": "person",
                            "start": 0, "end": 1})
                    } else {
                        serde_json::json!({"text": n, "start": 0, "end": 1})
                    }
                })
                .collect()
        };
        let at = NEXT.fetch_add(10, std::sync::atomic::Ordering::Relaxed);
        let mut e: Event = serde_json::from_value(serde_json::json!({
            "id": "e", "type": kind, "modality": "occurred", "historical": false,
            "actor": party(actor), "target": party(target),
            "evidence": {"text": "t", "start": at, "end": at + 1},
            "confidence": 0.9, "article_id": "a",
        }))
        .expect("an event");
        e.fatalities = dead.map(|n| Count {
            min: n,
            max: Some(n),
            text: n.to_string(),
        });
        e
    }

    #[test]
    fn distances_on_the_sphere() {
        // Kabul to Dushanbe: about 447 km
        let d = haversine_km(34.5553, 69.2075, 38.5598, 68.7870);
        assert!((440.0..455.0).contains(&d), "{d}");
        assert_eq!(haversine_km(10.0, 20.0, 10.0, 20.0), 0.0);
    }

    static NEXT: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);

    #[test]
    fn a_retelling_may_describe_whom_it_names() {
        let headline = event("COERCE", &[], &["rap boss"], None);
        let lead = event("COERCE", &["police"], &["Marion Knight"], None);
        assert!(told_again(&headline, &lead));
        assert!(told_again(&lead, &event("COERCE", &[], &["Knight"], None)));
        // another person named, or another type, is another event
        assert!(!told_again(
            &lead,
            &event("COERCE", &["police"], &["Ian Brown"], None)
        ));
        assert!(!told_again(
            &lead,
            &event("ASSAULT", &["police"], &["Knight"], None)
        ));
        // two events of one sentence are two actions
        let mut same_sentence = event("COERCE", &["police"], &[], None);
        same_sentence.evidence = lead.evidence.clone();
        assert!(!told_again(&lead, &same_sentence));
        // the story stage asks for the same actors, and not for targets
        assert!(!same_happening(
            &lead,
            &event("COERCE", &["army"], &[], None)
        ));
        assert!(same_happening(
            &lead,
            &event("COERCE", &["police"], &["Ian Brown"], None)
        ));
    }

    #[test]
    fn tolls_that_differ_are_two_attacks() {
        let five = event("ASSAULT", &["rebels"], &[], Some(5));
        assert!(!told_again(
            &five,
            &event("ASSAULT", &["rebels"], &[], Some(2))
        ));
        assert!(told_again(&five, &event("ASSAULT", &[], &[], None)));
    }
}
