//! Events from different articles that tell of the same happening become
//! one story-level event listing every report. The same happening is
//! defined once, in [`beacon_model::happening`]. Tolls that differ are kept
//! as a range over the reports, each report keeping its own figure; a later
//! report's higher figure (a death toll rising) widens the range upwards.

use beacon_model::{Count, Event, EventReport, Marking, StoryEvent};

pub use beacon_model::happening::{SAME_DAYS, SAME_PLACE_KM, same_happening};

/// Adds an article's events to a story's merged events. Returns the
/// places in `merged` of the events it changed or added, in order, each
/// once: all a store must write again. An event a new report joins takes
/// the more restrictive of its marking and the article's (`marking`).
pub fn add_events(
    merged: &mut Vec<StoryEvent>,
    events: &[Event],
    source: &str,
    published: Option<&str>,
    marking: &Marking,
) -> Vec<usize> {
    let mut changed = Vec::new();
    for e in events {
        let report = EventReport {
            article_id: e.article_id.clone(),
            source: Some(source.to_owned()),
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
                if !m.sources.iter().any(|x| x == source) {
                    m.sources.push(source.to_owned());
                }
                m.event.fatalities = span(m.event.fatalities.take(), e.fatalities.as_ref());
                m.event.injured = span(m.event.injured.take(), e.injured.as_ref());
                m.reports.push(report);
                m.marking = m.marking.combine(marking);
                changed.push(k);
            }
            None => {
                changed.push(merged.len());
                merged.push(StoryEvent {
                    event: e.clone(),
                    sources: vec![source.to_owned()],
                    reports: vec![report],
                    marking: marking.clone(),
                    review: None,
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

pub use beacon_model::epoch_day as day;

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
