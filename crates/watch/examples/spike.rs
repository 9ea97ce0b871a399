//! The spike rule's false alarms on quiet streams and its delay on a surge.
//!
//! ```sh
//! cargo run --release -p beacon-watch --example spike
//! ```
//!
//! The rule measured is the one `beacon demo` sets and the README suggests:
//! a 7-day window against the 90 days before it, a one-sided Poisson test at
//! p < 0.01, and at least 3 events (see the crate's documentation).
//!
//! **Quiet streams.** Events at a border post (Termez, on Afghanistan's
//! northern border) arrive as a Poisson process of a constant rate: 0.05,
//! 0.2, 0.5, 1 and 3 events a day, for 36,500 days (100 years) each. Nothing
//! changes, so every alert is a false alarm; the figure is alerts per 1,000
//! days (an alert is an episode: consecutive days on which the test holds).
//!
//! **Surges.** On 200 streams of a base rate (0.2 and 1 a day), the rate
//! becomes 4× the base rate (at least 1 a day more) from a day chosen at
//! random after 180 quiet days. The delay is the days from the surge's
//! start to the first alert on or after it, the median and 90th
//! percentile; a surge the rule has not found within 30 days counts as
//! missed.
//!
//! Deterministic: a fixed seed.

use std::collections::HashMap;

use beacon_gazetteer::Gazetteer;
use beacon_model::{Rule, Watchlist};
use beacon_watch::Watcher;
use beacon_watch::simulate::{Rng, alert_days, stream};

/// The spike rule under test.
pub fn rule() -> Rule {
    Rule::Spike {
        window_days: 7,
        baseline_days: 90,
        min_count: 3,
        p_value: 0.01,
    }
}

fn main() {
    let custom = HashMap::new();
    let g = Gazetteer::load().expect("the gazetteer");
    let w = Watcher::new(&g, &custom);
    let wl = Watchlist {
        zones: vec!["border:af-north".parse().expect("a zone id")],
        rules: vec![rule()],
        ..Watchlist::new("wl-test", "test")
    };
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    println!("spike rule: 7-day window, 90-day baseline, p < 0.01, at least 3 events");
    println!("quiet streams (constant Poisson rate, 36,500 days each): false alarms");
    const QUIET_DAYS: i64 = 36_500;
    let mut worst = 0.0f64;
    for rate in [0.05f64, 0.2, 0.5, 1.0, 3.0] {
        let events = stream(&mut rng, QUIET_DAYS, |_| rate);
        let alarms = alert_days(&w, &wl, &events).len();
        let per_1000 = alarms as f64 * 1000.0 / QUIET_DAYS as f64;
        worst = worst.max(per_1000);
        println!(
            "  {rate:>4} events/day: {alarms:>4} alerts in {QUIET_DAYS} days = {per_1000:.2} per 1,000 days ({:.2} a year)",
            per_1000 * 365.0 / 1000.0
        );
    }
    println!("  worst: {worst:.2} false alarms per 1,000 quiet days");
    println!(
        "surges (rate ×4, at least +1 a day, from a random day after 180 quiet days), 200 streams each:"
    );
    for base in [0.2f64, 1.0] {
        let mut delays = Vec::new();
        let mut missed = 0;
        for _ in 0..200 {
            let start = 180 + (rng.next_u64() % 180) as i64;
            let surge = (base * 4.0).max(base + 1.0);
            let events = stream(
                &mut rng,
                start + 60,
                |d| if d >= start { surge } else { base },
            );
            match alert_days(&w, &wl, &events)
                .into_iter()
                .filter(|&d| d >= start)
                .min()
                .map(|d| d - start)
                .filter(|&delay| delay <= 30)
            {
                Some(delay) => delays.push(delay),
                None => missed += 1,
            }
        }
        delays.sort_unstable();
        let pct = |p: f64| {
            delays.get(((delays.len() as f64 * p) as usize).min(delays.len().saturating_sub(1)))
        };
        println!(
            "  base {base} a day → {:.1} a day: detected {} of 200, delay median {} days, 90th percentile {} days; missed {missed}",
            (base * 4.0f64).max(base + 1.0),
            delays.len(),
            pct(0.5).map_or("-".into(), |d| d.to_string()),
            pct(0.9).map_or("-".into(), |d| d.to_string()),
        );
    }
}
