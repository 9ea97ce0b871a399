//! The records of watching: watchlists, their rules, and the alerts they
//! raise (the JSON of `beacon watch`, `beacon alerts` and `/api/`).

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

/// What an analyst watches: story-level events in some zones (or
/// countries), optionally of some actors, types and modalities, and the
/// rules that raise alerts on them.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Watchlist {
    /// Stable id (`wl-` and a slug of the name, unless given).
    pub id: String,
    /// A name for people ("Afghanistan's northern border").
    pub name: String,
    /// Zone ids (`border:af-north`, `region:central-asia`,
    /// `country:AF`, `custom:…` for an uploaded polygon). An event
    /// matches when it lies in any of them (see [`Watchlist::border_km`]).
    #[serde(default)]
    pub zones: Vec<String>,
    /// ISO 3166-1 alpha-2 countries, matched like `country:XX` zones.
    #[serde(default)]
    pub countries: Vec<String>,
    /// Actors (entry ids such as `actor:taliban`, or names, any case): an
    /// event matches when one of its actors or targets is one of them.
    /// Empty: any actor.
    #[serde(default)]
    pub actors: Vec<String>,
    /// PLOVER types. Empty: any type.
    #[serde(default)]
    pub types: Vec<String>,
    /// Modalities (`occurred`, `anticipated`, …). Empty: any. Anticipated
    /// events are warnings and count like the others.
    #[serde(default)]
    pub modalities: Vec<String>,
    /// Whether background events (`historical`) count too. Default: no.
    #[serde(default)]
    pub include_historical: bool,
    /// How far from a border zone's lines a placed event may lie, in km.
    #[serde(default = "default_border_km")]
    pub border_km: f64,
    /// Only events of articles at least this relevant (0..=1: how likely
    /// the article is to report political violence, unrest, security or
    /// diplomacy; 0.5 ignores sport and entertainment outright). Events
    /// whose relevance was not judged count.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min_relevance: Option<f32>,
    /// The rules; each raises its own alerts.
    #[serde(default)]
    pub rules: Vec<Rule>,
    /// Where new alerts are sent, beside the feed and the inbox.
    #[serde(default)]
    pub notify: Notify,
}

fn default_border_km() -> f64 {
    50.0
}

impl Watchlist {
    /// A watchlist with an id and a name, and nothing else yet: no zone
    /// (any place), no narrowing, no rule, borders within 50 km.
    pub fn new(id: impl Into<String>, name: impl Into<String>) -> Watchlist {
        Watchlist {
            id: id.into(),
            name: name.into(),
            zones: Vec::new(),
            countries: Vec::new(),
            actors: Vec::new(),
            types: Vec::new(),
            modalities: Vec::new(),
            include_historical: false,
            border_km: default_border_km(),
            min_relevance: None,
            rules: Vec::new(),
            notify: Notify::default(),
        }
    }
}

/// Where a watchlist's new alerts go (the Atom feed and the inbox always).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Notify {
    /// Webhook URLs: each new alert is POSTed as JSON, signed with HMAC-SHA256.
    #[serde(default)]
    pub webhooks: Vec<String>,
    /// E-mail addresses (sent when SMTP is configured).
    #[serde(default)]
    pub email: Vec<String>,
}

/// When a watchlist raises an alert.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Rule {
    /// Every matching event (each happening once), as it is first stored.
    Match,
    /// At least `count` matching events within `window_days` days.
    Threshold {
        /// Events needed.
        count: u32,
        /// Days in the window (ending on the latest event's day).
        window_days: u32,
    },
    /// The count in the last `window_days` is improbably high against the
    /// rate of the `baseline_days` before it: a one-sided Poisson test at
    /// `p_value`, and never on fewer than `min_count` events.
    Spike {
        /// Days in the window.
        window_days: u32,
        /// Days of trailing baseline before the window.
        baseline_days: u32,
        /// Events the window needs at least, whatever the test says.
        min_count: u32,
        /// Significance level of the test.
        p_value: f64,
    },
    /// An actor not seen in the watched area before.
    FirstSeen,
}

impl Rule {
    /// The rule with its parameters, as alert ids carry it
    /// (`threshold-3in7d`, `spike-7d-90d-min3-p0.01`): an alert keeps its id
    /// when other rules of its watchlist are added or removed.
    pub fn key(&self) -> String {
        match self {
            Rule::Match => "match".into(),
            Rule::FirstSeen => "first_seen".into(),
            Rule::Threshold { count, window_days } => format!("threshold-{count}in{window_days}d"),
            Rule::Spike {
                window_days,
                baseline_days,
                min_count,
                p_value,
            } => format!("spike-{window_days}d-{baseline_days}d-min{min_count}-p{p_value}"),
        }
    }

    /// `match`, `threshold`, `spike` or `first_seen`.
    pub fn kind(&self) -> &'static str {
        match self {
            Rule::Match => "match",
            Rule::Threshold { .. } => "threshold",
            Rule::Spike { .. } => "spike",
            Rule::FirstSeen => "first_seen",
        }
    }
}

/// Where an alert is in its life.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AlertStatus {
    /// Raised, not yet seen to.
    New,
    /// Someone has taken it.
    Acknowledged,
    /// Dealt with.
    Closed,
}

impl AlertStatus {
    /// The name in the JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            AlertStatus::New => "new",
            AlertStatus::Acknowledged => "acknowledged",
            AlertStatus::Closed => "closed",
        }
    }
}

/// An alert: what fired, why (the figures and the events with their
/// evidence and sources), and who has seen to it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Alert {
    /// Stable id: the same happening never raises two (the rule's key).
    pub id: String,
    /// The watchlist's id.
    pub watchlist_id: String,
    /// The watchlist's name.
    pub watchlist: String,
    /// The rule that fired.
    pub rule: Rule,
    /// New, acknowledged or closed.
    pub status: AlertStatus,
    /// One line for an inbox.
    pub title: String,
    /// When it was raised (RFC 3339).
    pub created_at: String,
    /// When its figures last changed (RFC 3339).
    pub updated_at: String,
    /// Who acknowledged it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub acknowledged_by: Option<String>,
    /// When (RFC 3339).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub acknowledged_at: Option<String>,
    /// Who closed it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub closed_by: Option<String>,
    /// When (RFC 3339).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub closed_at: Option<String>,
    /// Why it fired.
    pub explanation: AlertExplanation,
}

/// Why an alert fired.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AlertExplanation {
    /// In words ("5 events in 7 days; the 90 days before averaged 0.2 a day").
    pub summary: String,
    /// The figures the rule compared (count, window, baseline rate, p).
    pub figures: BTreeMap<String, serde_json::Value>,
    /// The events behind it, newest first (at most 20).
    pub events: Vec<AlertEvent>,
}

/// An event behind an alert, as an analyst reads it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AlertEvent {
    /// The story-level event's id.
    pub id: String,
    /// PLOVER type.
    #[serde(rename = "type")]
    pub kind: String,
    /// Modality.
    pub modality: String,
    /// Its date, if known.
    pub date: Option<String>,
    /// Its place's name, if any.
    pub place: Option<String>,
    /// Why it is in the watched area ("in zone border:af-north",
    /// "Tajikistan is on the zone, at region precision").
    pub why: String,
    /// The sentence that says so.
    pub evidence: String,
    /// The outlets that reported it.
    pub sources: Vec<String>,
    /// The articles that reported it.
    pub article_ids: Vec<String>,
}

impl AlertEvent {
    /// One line for a person: its date, type, modality and place, the
    /// evidence sentence in quotes, and the sources in brackets.
    pub fn brief(&self) -> String {
        format!(
            "{} {} {} {}: \"{}\" ({})",
            self.date.as_deref().unwrap_or("undated"),
            self.kind,
            self.modality,
            self.place.as_deref().unwrap_or(""),
            self.evidence,
            if self.sources.is_empty() {
                "no source named".to_string()
            } else {
                self.sources.join(", ")
            }
        )
    }
}
