//! Filters on story-level events, with one meaning everywhere: `beacon
//! events`, `beacon stories --data`, `beacon search`, the API and the store's
//! event queries.

use crate::{Story, StoryEvent};

/// Filters, with the meaning `beacon events` gives them. Each set filter
/// must hold.
#[derive(Debug, Clone, Default)]
pub struct Filter {
    /// On or after this day (`YYYY-MM-DD`, or a prefix: `YYYY-MM`, `YYYY`).
    pub since: Option<String>,
    /// On or before this day, or within this month or year given a prefix.
    pub until: Option<String>,
    /// ISO 3166-1 alpha-2 country.
    pub country: Option<String>,
    /// Zone id (`border:af-north`).
    pub zone: Option<String>,
    /// Actor: an entry id (`actor:taliban`) or a name, any case.
    pub actor: Option<String>,
    /// PLOVER event type.
    pub kind: Option<String>,
    /// Modality (occurred, claimed, anticipated, denied, hypothetical).
    pub modality: Option<String>,
    /// Background events only (`true`) or news of the day only (`false`).
    pub historical: Option<bool>,
    /// Events of articles at least this relevant (0..=1: how likely the
    /// article is to report political violence, unrest, security or
    /// diplomacy); an event whose relevance was not judged (stored before
    /// it was) passes.
    pub min_relevance: Option<f32>,
}

impl Filter {
    /// Whether no filter is set.
    pub fn is_empty(&self) -> bool {
        self.since.is_none()
            && self.until.is_none()
            && self.country.is_none()
            && self.zone.is_none()
            && self.actor.is_none()
            && self.kind.is_none()
            && self.modality.is_none()
            && self.historical.is_none()
            && self.min_relevance.is_none()
    }

    /// Whether a story-level event passes every set filter (the meaning the
    /// index's queries have, applied to a record in memory).
    pub fn keeps(&self, e: &StoryEvent) -> bool {
        let ev = &e.event;
        let date = ev.date.as_ref().map(|d| d.value.as_str());
        let since_ok = self
            .since
            .as_deref()
            .is_none_or(|s| date.is_some_and(|d| d >= s || d.starts_with(s)));
        let until_ok = self
            .until
            .as_deref()
            .is_none_or(|u| date.is_some_and(|d| d <= u || d.starts_with(u)));
        let loc = ev.location.as_ref();
        let country_ok = self.country.as_deref().is_none_or(|c| {
            loc.and_then(|l| l.country.as_deref())
                .is_some_and(|x| x.eq_ignore_ascii_case(c))
        });
        let zone_ok = self
            .zone
            .as_deref()
            .is_none_or(|z| loc.and_then(|l| l.zone.as_deref()) == Some(z));
        let actor_ok = self.actor.as_deref().is_none_or(|want| {
            let want = want.trim().to_lowercase();
            ev.actor.iter().chain(&ev.target).any(|x| {
                [x.id.as_deref(), x.name.as_deref(), Some(x.text.as_str())]
                    .into_iter()
                    .flatten()
                    .any(|v| v.trim().to_lowercase() == want)
            })
        });
        let kind_ok = self
            .kind
            .as_deref()
            .is_none_or(|k| ev.kind.as_str().eq_ignore_ascii_case(k));
        let modality_ok = self
            .modality
            .as_deref()
            .is_none_or(|m| ev.modality.as_str().eq_ignore_ascii_case(m));
        let historical_ok = self.historical.is_none_or(|h| ev.historical == h);
        let relevance_ok = self.relevant(ev.relevance);
        since_ok
            && until_ok
            && country_ok
            && zone_ok
            && actor_ok
            && kind_ok
            && modality_ok
            && historical_ok
            && relevance_ok
    }

    /// Whether an event of this relevance (`None`: not judged) passes
    /// [`Filter::min_relevance`].
    pub fn relevant(&self, relevance: Option<f32>) -> bool {
        self.min_relevance
            .is_none_or(|m| relevance.is_none_or(|r| r >= m))
    }

    /// Whether a story passes: no filter is set, or one of its events passes.
    pub fn keeps_story(&self, s: &Story) -> bool {
        self.is_empty() || s.events.iter().any(|e| self.keeps(e))
    }
}

/// A date filter is `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.
pub fn check_date(d: &str) -> Result<(), String> {
    let ok = matches!(d.len(), 4 | 7 | 10)
        && d.char_indices().all(|(i, c)| {
            if i == 4 || i == 7 {
                c == '-'
            } else {
                c.is_ascii_digit()
            }
        });
    let part = |r: std::ops::Range<usize>| d.get(r).and_then(|p| p.parse::<u32>().ok());
    let ok = ok
        && part(5..7).is_none_or(|m| (1..=12).contains(&m))
        && part(8..10).is_none_or(|day| (1..=31).contains(&day));
    if ok {
        Ok(())
    } else {
        Err(format!("{d:?} is not a date (YYYY-MM-DD, YYYY-MM or YYYY)"))
    }
}
