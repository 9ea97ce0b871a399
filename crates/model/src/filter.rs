//! Filters on story-level events, with one meaning everywhere: `beacon
//! events`, `beacon stories --data`, `beacon search`, the API and the store's
//! event queries.

use crate::ids::{BadValue, CountryCode, DateBound, ZoneId};
use crate::review::Status;
use crate::{EventType, Modality, Story, StoryEvent};

/// Filters, with the meaning `beacon events` gives them. Each set filter
/// must hold. Read from text by [`Filter::set`], the one parser of the
/// CLI's options and the API's query parameters.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Filter {
    /// On or after this day (or within this month or year given a prefix).
    pub since: Option<DateBound>,
    /// On or before this day, or within this month or year given a prefix.
    pub until: Option<DateBound>,
    /// The country the event is placed in.
    pub country: Option<CountryCode>,
    /// The zone the event is placed in (`border:af-north`).
    pub zone: Option<ZoneId>,
    /// Actor: an entry id (`actor:taliban`) or a name, any case.
    pub actor: Option<String>,
    /// PLOVER event type.
    pub kind: Option<EventType>,
    /// Modality.
    pub modality: Option<Modality>,
    /// Background events only (`true`) or news of the day only (`false`).
    pub historical: Option<bool>,
    /// Events of articles at least this relevant (0..=1: how likely the
    /// article is to report political violence, unrest, security or
    /// diplomacy); an event whose relevance was not judged (stored before
    /// it was) passes.
    pub min_relevance: Option<f32>,
    /// Where events stand with the analysts; none: every event but those
    /// rejected.
    pub review: Option<ReviewFilter>,
}

/// Which events pass by their review ([`crate::review::Status`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReviewFilter {
    /// Every event, rejected ones too.
    Any,
    /// Those no analyst has judged.
    Unreviewed,
    /// Those a person stands by: confirmed or corrected.
    Reviewed,
    /// Confirmed as coded.
    Confirmed,
    /// Corrected.
    Corrected,
    /// Rejected.
    Rejected,
}

impl ReviewFilter {
    /// Every value.
    pub const ALL: [ReviewFilter; 6] = [
        ReviewFilter::Any,
        ReviewFilter::Unreviewed,
        ReviewFilter::Reviewed,
        ReviewFilter::Confirmed,
        ReviewFilter::Corrected,
        ReviewFilter::Rejected,
    ];

    /// Its name as a filter's value.
    pub fn as_str(self) -> &'static str {
        match self {
            ReviewFilter::Any => "any",
            ReviewFilter::Unreviewed => "unreviewed",
            ReviewFilter::Reviewed => "reviewed",
            ReviewFilter::Confirmed => "confirmed",
            ReviewFilter::Corrected => "corrected",
            ReviewFilter::Rejected => "rejected",
        }
    }
}

crate::ids::named_words!(ReviewFilter, "a review filter");

/// A filter that does not read: which parameter, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FilterError {
    /// The parameter as the API names it (`since`, `type`, …).
    pub param: &'static str,
    /// Why.
    pub message: String,
}

impl std::fmt::Display for FilterError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.param, self.message)
    }
}

impl std::error::Error for FilterError {}

/// The longest actor filter read.
const MAX_ACTOR: usize = 500;

impl Filter {
    /// The filters' names, as the API's query parameters and the CLI's
    /// options (`--type`, …) spell them.
    pub const PARAMS: [&'static str; 10] = [
        "since",
        "until",
        "country",
        "zone",
        "actor",
        "type",
        "modality",
        "historical",
        "min_relevance",
        "review",
    ];

    /// Sets the filter `param` from its text: the one parser of filters.
    /// An empty value (`?country=`) sets nothing. `Ok(false)` when `param`
    /// is no filter's name.
    pub fn set(&mut self, param: &str, value: &str) -> Result<bool, FilterError> {
        let Some(&name) = Self::PARAMS.iter().find(|p| **p == param) else {
            return Ok(false);
        };
        let v = value.trim();
        if v.is_empty() {
            return Ok(true);
        }
        let err = |e: BadValue| FilterError {
            param: name,
            message: e.0,
        };
        match name {
            "since" => self.since = Some(v.parse().map_err(err)?),
            "until" => self.until = Some(v.parse().map_err(err)?),
            "country" => self.country = Some(v.parse().map_err(err)?),
            "zone" => match v.parse::<ZoneId>().map_err(err)? {
                // an event's place carries the gazetteer's zones; a country
                // zone is its country
                ZoneId::Country(c) => self.country = Some(c),
                z @ (ZoneId::Border(_) | ZoneId::Region(_)) => self.zone = Some(z),
                ZoneId::Admin1 { .. } | ZoneId::Custom(_) => {
                    return Err(err(BadValue(format!(
                        "events are filtered by border and region zones ({v:?} is watched by a watchlist, or shown by /api/timeline)"
                    ))));
                }
            },
            "actor" if v.chars().count() > MAX_ACTOR || v.chars().any(char::is_control) => {
                return Err(err(BadValue(format!(
                    "an actor is an id or a name of at most {MAX_ACTOR} characters"
                ))));
            }
            "actor" => self.actor = Some(v.to_owned()),
            "type" => self.kind = Some(v.parse().map_err(err)?),
            "modality" => self.modality = Some(v.parse().map_err(err)?),
            "review" => self.review = Some(v.parse().map_err(err)?),
            "historical" => {
                self.historical = Some(match v {
                    "true" => true,
                    "false" => false,
                    _ => return Err(err(BadValue(format!("{v:?} is not true or false")))),
                });
            }
            _ => {
                // read at full width first: -1e-300 is no relevance, though
                // as an f32 it would be -0
                self.min_relevance = Some(
                    v.parse::<f64>()
                        .ok()
                        .filter(|r| (0.0..=1.0).contains(r))
                        .ok_or_else(|| {
                            err(BadValue(format!("{v:?} is not a number from 0 to 1")))
                        })? as f32,
                );
            }
        }
        Ok(true)
    }

    /// A filter of `(param, value)` pairs ([`Filter::set`] each); a name
    /// that is no filter's is an error.
    pub fn from_pairs<'a>(
        pairs: impl IntoIterator<Item = (&'a str, &'a str)>,
    ) -> Result<Filter, FilterError> {
        let mut f = Filter::default();
        for (k, v) in pairs {
            if !f.set(k, v)? {
                return Err(FilterError {
                    param: "filter",
                    message: format!("{k:?} is not a filter ({})", Self::PARAMS.join(", ")),
                });
            }
        }
        Ok(f)
    }

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
            && self.review.is_none()
    }

    /// Whether an event of this review status passes [`Filter::review`]:
    /// the one meaning the store's queries, the index and
    /// [`Filter::keeps`] give it.
    pub fn passes_review(&self, s: Status) -> bool {
        match self.review {
            None => s != Status::Rejected,
            Some(ReviewFilter::Any) => true,
            Some(ReviewFilter::Unreviewed) => s == Status::Unreviewed,
            Some(ReviewFilter::Reviewed) => s.vouched(),
            Some(ReviewFilter::Confirmed) => s == Status::Confirmed,
            Some(ReviewFilter::Corrected) => s == Status::Corrected,
            Some(ReviewFilter::Rejected) => s == Status::Rejected,
        }
    }

    /// Whether a story-level event passes every set filter (the meaning the
    /// index's queries have, applied to a record in memory).
    pub fn keeps(&self, e: &StoryEvent) -> bool {
        let ev = &e.event;
        let date = ev.date.as_ref().map(|d| d.value.as_str());
        let since_ok = self.since.as_ref().is_none_or(|s| {
            let s = s.as_str();
            date.is_some_and(|d| d >= s || d.starts_with(s))
        });
        let until_ok = self.until.as_ref().is_none_or(|u| {
            let u = u.as_str();
            date.is_some_and(|d| d <= u || d.starts_with(u))
        });
        let loc = ev.location.as_ref();
        let country_ok = self.country.is_none_or(|c| {
            loc.and_then(|l| l.country.as_deref())
                .is_some_and(|x| x.eq_ignore_ascii_case(c.as_str()))
        });
        let zone_ok = self
            .zone
            .as_ref()
            .is_none_or(|z| loc.and_then(|l| l.zone.as_deref()).is_some_and(|x| z.is(x)));
        let actor_ok = self.actor.as_deref().is_none_or(|want| {
            let want = want.trim().to_lowercase();
            ev.actor.iter().chain(&ev.target).any(|x| {
                [x.id.as_deref(), x.name.as_deref(), Some(x.text.as_str())]
                    .into_iter()
                    .flatten()
                    .any(|v| v.trim().to_lowercase() == want)
            })
        });
        let kind_ok = self.kind.is_none_or(|k| ev.kind == k);
        let modality_ok = self.modality.is_none_or(|m| ev.modality == m);
        let historical_ok = self.historical.is_none_or(|h| ev.historical == h);
        let relevance_ok = self.relevant(ev.relevance);
        let review_ok =
            self.passes_review(e.review.as_ref().map_or(Status::Unreviewed, |r| r.status));
        since_ok
            && until_ok
            && country_ok
            && zone_ok
            && actor_ok
            && kind_ok
            && modality_ok
            && historical_ok
            && relevance_ok
            && review_ok
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
