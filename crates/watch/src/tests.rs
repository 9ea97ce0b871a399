//! Rules on invented story-level events, placed with the real gazetteer.

use super::*;
use beacon_model::EventReport;

/// A zone id of a test.
fn z(id: &str) -> ZoneId {
    id.parse().expect("a zone id")
}

/// A story-level event of `kind` on `day` (`YYYY-MM-DD`), at `place`
/// (name, lat, lon, country, precision, zone), with `actor`.
fn event(
    id: &str,
    kind: &str,
    modality: &str,
    day: &str,
    place: (&str, f64, f64, &str, &str, Option<&str>),
    actor: &str,
) -> StoryEvent {
    let (name, lat, lon, country, precision, zone) = place;
    let e: Event = serde_json::from_value(json!({
        "id": id, "type": kind, "modality": modality, "historical": false,
        "actor": [{"text": actor, "id": format!("actor:{}", actor.to_lowercase()), "start": 0, "end": 1}],
        "target": [],
        "location": {"name": name, "lat": lat, "lon": lon, "country": country,
                     "precision": precision, "zone": zone, "basis": "clause"},
        "date": {"value": day, "precision": "day", "basis": "published"},
        "evidence": {"text": format!("{actor} did {kind} in {name}."), "start": 0, "end": 10},
        "confidence": 0.9, "article_id": format!("a-{id}"),
    }))
    .expect("an event");
    StoryEvent {
        event: e,
        sources: vec!["outlet.example".into()],
        reports: vec![EventReport {
            article_id: format!("a-{id}"),
            source: Some("outlet.example".into()),
            published: Some(day.into()),
            fatalities: None,
            injured: None,
        }],
        marking: Default::default(),
        review: None,
    }
}

fn watchlist(rules: Vec<Rule>) -> Watchlist {
    serde_json::from_value(json!({
        "id": "wl-af-north", "name": "Afghanistan's northern border",
        "zones": ["border:af-north"], "rules": rules,
    }))
    .expect("a watchlist")
}

const TERMEZ: (&str, f64, f64, &str, &str, Option<&str>) =
    ("Termez", 37.22, 67.28, "UZ", "point", None);
const KABUL: (&str, f64, f64, &str, &str, Option<&str>) =
    ("Kabul", 34.53, 69.17, "AF", "point", None);
const CENTRAL_ASIA: (&str, f64, f64, &str, &str, Option<&str>) = (
    "Central Asia",
    41.0,
    64.0,
    "",
    "region",
    Some("region:central-asia"),
);

/// The embedded gazetteer, loaded once for these tests.
fn shared() -> &'static Gazetteer {
    static G: std::sync::OnceLock<Gazetteer> = std::sync::OnceLock::new();
    G.get_or_init(|| Gazetteer::load().expect("the embedded gazetteer"))
}

fn run(wl: &Watchlist, events: &[StoryEvent]) -> Vec<Alert> {
    let custom = HashMap::new();
    Watcher::new(shared(), &custom).evaluate(wl, events, "2026-11-29T00:00:00Z")
}

#[test]
fn where_an_event_lies() {
    let custom = HashMap::new();
    let w = Watcher::new(shared(), &custom);
    let at = |place| event("e", "ASSAULT", "occurred", "2024-01-01", place, "Taliban").event;
    // Termez is on the Amu Darya, on the border itself
    assert!(
        w.in_zone(&z("border:af-north"), &at(TERMEZ), 50.0)
            .is_some()
    );
    // Kabul is ~300 km from it
    assert!(w.in_zone(&z("border:af-north"), &at(KABUL), 50.0).is_none());
    // a warning about Central Asia concerns the border: it says so
    let why = w
        .in_zone(&z("border:af-north"), &at(CENTRAL_ASIA), 50.0)
        .expect("on the zone");
    assert!(why.contains("region precision"), "{why}");
    assert!(w.in_zone(&z("country:AF"), &at(KABUL), 50.0).is_some());
    let mut kunduz = at(KABUL);
    if let Some(l) = kunduz.location.as_mut() {
        l.admin1 = Some("Kunduz".into());
    }
    assert!(w.in_zone(&z("admin1:AF:Kunduz"), &kunduz, 50.0).is_some());
    assert!(
        w.in_zone(&z("admin1:AF:Kunduz"), &at(KABUL), 50.0)
            .is_none()
    );
    assert!(known_zone(shared(), &custom, &z("admin1:AF:Kunduz")));
    assert!(!known_zone(shared(), &custom, &z("admin1:AF:Nowhere")));
    // "Afghanistan" alone does not say which border; Tajikistan is on this one
    let afghanistan = ("Afghanistan", 33.0, 65.0, "AF", "country", None);
    assert!(
        w.in_zone(&z("border:af-north"), &at(afghanistan), 50.0)
            .is_none()
    );
    let tajikistan = ("Tajikistan", 38.5, 71.0, "TJ", "country", None);
    assert!(
        w.in_zone(&z("border:af-north"), &at(tajikistan), 50.0)
            .is_some()
    );
    assert!(
        w.in_zone(&z("border:af-tj"), &at(tajikistan), 50.0)
            .is_none()
    );
}

#[test]
fn match_raises_one_alert_per_event_with_its_evidence() {
    let wl = watchlist(vec![Rule::Match {}]);
    let events = [
        event(
            "e1",
            "FIGHT",
            "anticipated",
            "2015-10-28",
            CENTRAL_ASIA,
            "Taliban",
        ),
        event("e2", "ASSAULT", "occurred", "2015-10-29", KABUL, "Taliban"),
    ];
    let alerts = run(&wl, &events);
    assert_eq!(alerts.len(), 1, "{alerts:#?}");
    let a = &alerts[0];
    assert_eq!(a.id, "wl-af-north:match:e1");
    assert_eq!(a.status, AlertStatus::New);
    assert_eq!(
        a.explanation.events[0].evidence,
        "Taliban did FIGHT in Central Asia."
    );
    assert_eq!(a.explanation.events[0].sources, ["outlet.example"]);
    // the same events again: the same ids
    assert_eq!(run(&wl, &events)[0].id, a.id);
}

#[test]
fn threshold_fires_once_per_episode() {
    let wl = watchlist(vec![Rule::Threshold {
        count: 3,
        window_days: 7,
    }]);
    let mut events = Vec::new();
    for (i, d) in [
        "2024-03-01",
        "2024-03-03",
        "2024-03-05",
        "2024-03-06",
        "2024-05-01",
    ]
    .iter()
    .enumerate()
    {
        events.push(event(
            &format!("e{i}"),
            "ASSAULT",
            "occurred",
            d,
            TERMEZ,
            "Taliban",
        ));
    }
    let alerts = run(&wl, &events);
    assert_eq!(alerts.len(), 1, "{alerts:#?}");
    assert_eq!(alerts[0].explanation.figures.count, Some(4));
    assert!(
        alerts[0].id.ends_with("from-2024-03-05"),
        "{}",
        alerts[0].id
    );
    // the explanation lists the window's events, not only the days it held
    assert_eq!(alerts[0].explanation.events.len(), 4);
    // a second burst after a quiet gap is an episode of its own
    for (i, d) in ["2024-05-02", "2024-05-03"].iter().enumerate() {
        events.push(event(
            &format!("f{i}"),
            "ASSAULT",
            "occurred",
            d,
            TERMEZ,
            "Taliban",
        ));
    }
    let alerts = run(&wl, &events);
    let ids: Vec<&str> = alerts.iter().map(|a| a.id.as_str()).collect();
    assert_eq!(ids.len(), 2, "{ids:?}");
    assert!(ids[1].ends_with("from-2024-05-03"), "{ids:?}");
}

#[test]
fn spike_needs_a_surge_against_the_baseline() {
    let rule = Rule::Spike {
        window_days: 7,
        baseline_days: 90,
        min_count: 3,
        p_value: 0.01,
    };
    let wl = watchlist(vec![rule]);
    // a quiet border: one event a month for a year, then one more
    let mut events: Vec<StoryEvent> = (1..=12)
        .map(|m| {
            let d = format!("2023-{m:02}-10");
            event(
                &format!("q{m}"),
                "ASSAULT",
                "occurred",
                &d,
                TERMEZ,
                "Taliban",
            )
        })
        .collect();
    assert!(
        run(&wl, &events).is_empty(),
        "one event a month is no spike"
    );
    // a week with six
    for i in 0..6 {
        let d = format!("2024-01-{:02}", 3 + i);
        events.push(event(
            &format!("s{i}"),
            "ASSAULT",
            "occurred",
            &d,
            TERMEZ,
            "Taliban",
        ));
    }
    let alerts = run(&wl, &events);
    assert_eq!(alerts.len(), 1, "{alerts:#?}");
    let f = &alerts[0].explanation.figures;
    assert!(f.p.unwrap() < 0.01, "{f:?}");
    assert!(alerts[0].explanation.summary.contains("expected"));
}

#[test]
fn first_seen_waits_for_history() {
    let wl = watchlist(vec![Rule::FirstSeen {}]);
    let events = [
        event("e1", "ASSAULT", "occurred", "2024-01-01", TERMEZ, "Taliban"),
        event("e2", "ASSAULT", "occurred", "2024-01-05", TERMEZ, "IMU"),
        event("e3", "ASSAULT", "occurred", "2024-03-01", TERMEZ, "ISKP"),
        event("e4", "ASSAULT", "occurred", "2024-03-02", TERMEZ, "Taliban"),
    ];
    let alerts = run(&wl, &events);
    let ids: Vec<&str> = alerts.iter().map(|a| a.id.as_str()).collect();
    assert_eq!(ids, ["wl-af-north:first_seen:actor-actor:iskp"]);
}

#[test]
fn poisson_tail_is_right() {
    assert!((poisson_tail(1, 1.0) - (1.0 - (-1.0f64).exp())).abs() < 1e-12);
    assert_eq!(poisson_tail(0, 3.0), 1.0);
    // P(X ≥ 5 | μ = 0.5) ≈ 1.72e-4
    assert!((poisson_tail(5, 0.5) - 1.7212e-4).abs() < 1e-6);
    // a large mean does not underflow: P(X >= 1100 | mean 1000) is about 0.00075
    let p = poisson_tail(1100, 1000.0);
    assert!(p > 0.0003 && p < 0.0015, "{p}");
    assert!(poisson_tail(900, 1000.0) > 0.99);
}

#[test]
fn uploaded_polygons_contain_points() {
    let square = json!({"type": "Feature", "geometry": {"type": "Polygon",
        "coordinates": [[[60.0, 30.0], [70.0, 30.0], [70.0, 40.0], [60.0, 40.0], [60.0, 30.0]]]}});
    let p = Polygons::from_geojson(&square).expect("a polygon");
    assert!(p.contains(35.0, 65.0));
    assert!(!p.contains(45.0, 65.0));
    assert!(Polygons::from_geojson(&json!({"type": "Point", "coordinates": [1, 2]})).is_err());
    assert!(
        Polygons::from_geojson(&json!({"type": "Polygon", "coordinates": [[[500, 1]]]})).is_err()
    );
}

/// The spike rule's documented bounds (README; `examples/spike.rs` measures
/// them over longer streams): fewer than 6 false alarms per 1,000 quiet
/// days, and a fourfold surge found within days.
#[test]
fn spike_false_alarms_and_delay_floor() {
    use simulate::{Rng, alert_days, stream};
    let rule = Rule::Spike {
        window_days: 7,
        baseline_days: 90,
        min_count: 3,
        p_value: 0.01,
    };
    let wl = watchlist(vec![rule]);
    let custom = HashMap::new();
    let w = Watcher::new(shared(), &custom);
    let mut rng = Rng(0x0DDB_1A5E_5BAD_5EED);
    let days = 3_650;
    let quiet = stream(&mut rng, days, |_| 0.5);
    let alarms = alert_days(&w, &wl, &quiet).len();
    assert!(
        alarms * 1000 < 6 * days as usize,
        "{alarms} false alarms in {days} days"
    );
    let mut delays = Vec::new();
    for _ in 0..20 {
        let start = 200;
        let events = stream(&mut rng, start + 40, |d| if d >= start { 2.0 } else { 0.5 });
        if let Some(d) = alert_days(&w, &wl, &events)
            .into_iter()
            .filter(|&d| d >= start)
            .min()
        {
            delays.push(d - start);
        }
    }
    assert!(delays.len() >= 18, "found {} of 20 surges", delays.len());
    delays.sort_unstable();
    assert!(delays[delays.len() / 2] <= 7, "median delay {delays:?}");
}

#[test]
fn a_watchlist_can_ignore_articles_without_conflict() {
    let mut wl = watchlist(vec![Rule::Match {}]);
    wl.min_relevance = Some(0.5);
    let mut sport = event(
        "e1",
        "FIGHT",
        "anticipated",
        "2015-10-28",
        CENTRAL_ASIA,
        "Taliban",
    );
    sport.event.relevance = Some(0.1);
    let mut news = sport.clone();
    news.event.id = "e2".into();
    news.event.relevance = Some(0.8);
    let alerts = run(&wl, &[sport.clone(), news]);
    assert_eq!(alerts.len(), 1, "{alerts:#?}");
    assert_eq!(alerts[0].id, "wl-af-north:match:e2");
    // an event of unknown relevance still counts
    sport.event.relevance = None;
    assert_eq!(run(&wl, &[sport]).len(), 1);
}

#[test]
fn only_rings_that_bound_an_area_are_zones() {
    let polygon = |coordinates: serde_json::Value| {
        check_upload(
            "t",
            None,
            &json!({"type": "Polygon", "coordinates": coordinates}),
        )
        .map(|u| u.area)
    };
    let square = json!([[[0, 0], [4, 0], [4, 4], [0, 4], [0, 0]]]);
    assert!(polygon(square).is_ok());
    let with_hole = json!([
        [[0, 0], [4, 0], [4, 4], [0, 4], [0, 0]],
        [[1, 1], [2, 1], [2, 2], [1, 1]]
    ]);
    assert!(polygon(with_hole).is_ok());
    // a position repeated at once, as exports often hold, is one position
    assert!(polygon(json!([[[0, 0], [4, 0], [4, 0], [4, 4], [0, 0], [0, 0]]])).is_ok());
    // a zone stored before these checks is still read (so watching goes on)
    let open = json!({"type": "Polygon", "coordinates": [[[0, 0], [4, 0], [4, 4]]]});
    assert!(Polygons::from_geojson(&open).is_ok());
    for (bad, why) in [
        (json!([]), "needs a ring"),
        (json!([[]]), "four positions"),
        (json!([[[0, 0], [1, 1]]]), "four positions"),
        (json!([[[0, 0], [4, 0], [4, 4], [0, 4]]]), "closed"),
        (json!([[[0, 0], [4, 0], [8, 0], [0, 0]]]), "an area"),
        (json!([[[0, 0], [4, 4], [4, 0], [0, 4], [0, 0]]]), "an area"),
        (
            json!([[[0, 0], [4, 4], [4, 0], [0, 6], [0, 0]]]),
            "cross itself",
        ),
        (
            json!([[[0, 0], [4, 0], [4, 4], [4, 2], [0, 0]]]),
            "cross itself",
        ),
        (
            json!([[[0, 0], [4, 0], [4, 4], [0, 4], [0, 0], [2, 2], [0, 0]]]),
            "cross itself",
        ),
    ] {
        let e = polygon(bad.clone()).expect_err(&bad.to_string());
        assert!(e.contains(why), "{bad}: {e}");
    }
    // a ring of many positions is checked in about its length
    let circle: Vec<[f64; 2]> = (0..=20_000)
        .map(|i| {
            let t = f64::from(i % 20_000) / 20_000.0 * std::f64::consts::TAU;
            [60.0 + 5.0 * t.cos(), 35.0 + 5.0 * t.sin()]
        })
        .collect();
    assert!(polygon(json!([circle])).is_ok());
    let up = check_upload(
        "custom:box",
        None,
        &json!({"type": "Polygon", "coordinates": [[[0, 0], [4, 0], [4, 4], [0, 0]]]}),
    )
    .expect("an upload");
    assert_eq!(
        (up.id.to_string(), up.name.as_str()),
        ("custom:box".to_owned(), "custom:box")
    );
    assert!(check_upload("a b", None, &json!({})).is_err());
    assert!(check_upload("box", Some(&"x".repeat(501)), &json!({})).is_err());
}
