//! Synthetic event streams for measuring the rules: a Poisson process of
//! events at a border post (Termez, on Afghanistan's northern border), and
//! the days on which a watchlist's episode alerts begin. Used by
//! `examples/spike.rs` and by the floor tests.

use beacon_model::{EventReport, StoryEvent, Watchlist, epoch_day_to_date};

use crate::Watcher;

/// A seeded xorshift generator.
pub struct Rng(pub u64);

impl Rng {
    /// The next 64 bits.
    pub fn next_u64(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    /// Uniform in [0, 1).
    pub fn uniform(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }

    /// A Poisson draw (Knuth's method; rates here are small).
    pub fn poisson(&mut self, rate: f64) -> u32 {
        let l = (-rate).exp();
        let (mut k, mut p) = (0, 1.0);
        loop {
            p *= self.uniform();
            if p <= l {
                return k;
            }
            k += 1;
        }
    }
}

/// Event `n` of a stream, on `day`, at a border post (Termez).
pub fn event(n: usize, day: i64) -> StoryEvent {
    let date = epoch_day_to_date(day).expect("a date");
    let e = serde_json::from_value(serde_json::json!({
        "id": format!("e{n}"), "type": "ASSAULT", "modality": "occurred", "historical": false,
        "actor": [], "target": [],
        "location": {"name": "Termez", "lat": 37.22, "lon": 67.28, "country": "UZ",
                     "precision": "point", "basis": "clause"},
        "date": {"value": date, "precision": "day", "basis": "published"},
        "evidence": {"text": "Gunmen fired on a border post.", "start": 0, "end": 30},
        "confidence": 0.9, "article_id": format!("a{n}"),
    }))
    .expect("an event");
    StoryEvent {
        event: e,
        sources: vec!["outlet.example".into()],
        reports: vec![EventReport {
            article_id: format!("a{n}"),
            source: None,
            published: None,
            fatalities: None,
            injured: None,
        }],
        marking: Default::default(),
        review: None,
    }
}

/// Events of a stream whose rate on day `d` is `rate(d)`.
pub fn stream(rng: &mut Rng, days: i64, rate: impl Fn(i64) -> f64) -> Vec<StoryEvent> {
    let mut out = Vec::new();
    for d in 0..days {
        for _ in 0..rng.poisson(rate(d)) {
            out.push(event(out.len(), d));
        }
    }
    out
}

/// The first day of each alert (episode) the rule raises.
pub fn alert_days(w: &Watcher, wl: &Watchlist, events: &[StoryEvent]) -> Vec<i64> {
    w.evaluate(wl, events, "2026-01-01T00:00:00Z")
        .iter()
        .filter_map(|a| {
            let day = a.id.rsplit("from-").next()?;
            beacon_model::epoch_day(day)
        })
        .collect()
}
