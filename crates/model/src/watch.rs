//! The records of watching: watchlists, their rules, and the alerts they
//! raise (the JSON of `beacon watch`, `beacon alerts` and `/api/`).

use serde::{Deserialize, Serialize};

use crate::ids::{CountryCode, ZoneId, watchlist_slug};
use crate::{EventType, Marking, Modality};

/// What an analyst watches: story-level events in some zones (or
/// countries), optionally of some actors, types and modalities, and the
/// rules that raise alerts on them. A field it does not know is an error,
/// never ignored (a typo in `"zone"` would watch everywhere).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Watchlist {
    /// Stable id (`wl-` and a slug of the name, unless given).
    pub id: String,
    /// A name for people ("Afghanistan's northern border").
    pub name: String,
    /// Zone ids (`border:af-north`, `region:central-asia`,
    /// `country:AF`, `custom:…` for an uploaded polygon). An event
    /// matches when it lies in any of them (see [`Watchlist::border_km`]).
    #[serde(default)]
    pub zones: Vec<ZoneId>,
    /// ISO 3166-1 alpha-2 countries, matched like `country:XX` zones.
    #[serde(default)]
    pub countries: Vec<CountryCode>,
    /// Actors (entry ids such as `actor:taliban`, or names, any case): an
    /// event matches when one of its actors or targets is one of them.
    /// Empty: any actor.
    #[serde(default)]
    pub actors: Vec<String>,
    /// PLOVER types. Empty: any type.
    #[serde(default)]
    pub types: Vec<EventType>,
    /// Modalities (`occurred`, `anticipated`, …). Empty: any. Anticipated
    /// events are warnings and count like the others.
    #[serde(default)]
    pub modalities: Vec<Modality>,
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
    pub min_relevance: Option<f64>,
    /// Only events a person stands by (confirmed or corrected by an
    /// analyst). Events an analyst rejected never count.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub confirmed_only: bool,
    /// The rules; each raises its own alerts.
    #[serde(default)]
    pub rules: Vec<Rule>,
    /// Where new alerts are sent, beside the feed and the inbox.
    #[serde(default)]
    pub notify: Notify,
    /// Who may see the watchlist and its alerts (an alert is marked the
    /// most restrictive of this and its events' markings), and whose its
    /// webhooks and addresses are: its owner's (none: this Beacon's own).
    #[serde(default, skip_serializing_if = "Marking::is_clear")]
    pub marking: Marking,
}

fn default_border_km() -> f64 {
    50.0
}

/// The longest id, name, actor, URL or address a watchlist holds.
pub const MAX_WATCHLIST_TEXT: usize = 500;
/// The most zones, countries, actors, rules, webhooks or addresses a
/// watchlist holds.
pub const MAX_WATCHLIST_ITEMS: usize = 200;
/// The widest a border zone's band may be, in km.
pub const MAX_BORDER_KM: f64 = 1000.0;
/// The most days a rule's window or baseline may span.
pub const MAX_RULE_DAYS: u32 = 3660;

impl Watchlist {
    /// A watchlist from its JSON (the API's shape, and `beacon watch add
    /// --from-json`'s): with no id, or an empty one, its id is made from its
    /// name ([`watchlist_slug`]). Not yet checked: see [`Watchlist::check`].
    pub fn from_json(mut v: serde_json::Value) -> Result<Watchlist, String> {
        if let Some(obj) = v.as_object_mut()
            && match obj.get("id") {
                None | Some(serde_json::Value::Null) => true,
                Some(serde_json::Value::String(id)) => id.is_empty(),
                // a number or a list is no id: serde says so below
                Some(_) => false,
            }
        {
            let name = obj
                .get("name")
                .and_then(serde_json::Value::as_str)
                .unwrap_or("");
            obj.insert("id".into(), watchlist_slug(name).into());
        }
        serde_json::from_value(v).map_err(|e| format!("not a watchlist: {e}"))
    }

    /// A watchlist as stored, read leniently: a record written before
    /// countries, zones, types and modalities were checked keeps the
    /// entries that read and drops the others (named in the second value),
    /// so that one old record cannot stop every watchlist from being
    /// evaluated.
    pub fn from_stored(record: &str) -> Result<(Watchlist, Vec<String>), String> {
        if let Ok(w) = serde_json::from_str::<Watchlist>(record) {
            return Ok((w, Vec::new()));
        }
        let mut v: serde_json::Value =
            serde_json::from_str(record).map_err(|e| format!("not JSON: {e}"))?;
        let mut dropped = Vec::new();
        type Reads = fn(&str) -> bool;
        let keeps: [(&str, Reads); 4] = [
            ("countries", |t| t.parse::<CountryCode>().is_ok()),
            ("zones", |t| t.parse::<ZoneId>().is_ok()),
            ("types", |t| t.parse::<EventType>().is_ok()),
            ("modalities", |t| t.parse::<Modality>().is_ok()),
        ];
        for (field, ok) in keeps {
            if let Some(list) = v.get_mut(field).and_then(serde_json::Value::as_array_mut) {
                list.retain(|x| {
                    let keep = x.as_str().is_some_and(ok);
                    if !keep {
                        dropped.push(format!("{field}: {x}"));
                    }
                    keep
                });
            }
        }
        serde_json::from_value(v)
            .map(|w| (w, dropped))
            .map_err(|e| e.to_string())
    }

    /// Whether the watchlist is one Beacon can keep and evaluate, as far as
    /// it says itself (whether its zones exist is the watch stage's to
    /// say): an id and a name, text of bounded length without control
    /// characters, rules with windows of at least a day and a p-value in
    /// (0, 1), a border band of 0 to 1,000 km, a relevance in 0..=1,
    /// addresses that look like e-mail addresses. The one check the CLI,
    /// the API and the store make.
    pub fn check(&self) -> Result<(), String> {
        let text = |what: &str, t: &str| -> Result<(), String> {
            if t.trim().is_empty() {
                return Err(format!("a watchlist needs {what}"));
            }
            if t.chars().count() > MAX_WATCHLIST_TEXT || t.chars().any(char::is_control) {
                return Err(format!(
                    "{what} must be at most {MAX_WATCHLIST_TEXT} characters, without control characters"
                ));
            }
            Ok(())
        };
        text("an id", &self.id)?;
        if self.id == "wl-" {
            return Err("a watchlist needs an id or a name with letters or digits".into());
        }
        text("a name", &self.name)?;
        for a in &self.actors {
            text("an actor", a)?;
        }
        for u in &self.notify.webhooks {
            text("a webhook", u)?;
        }
        let lists = [
            self.zones.len(),
            self.countries.len(),
            self.actors.len(),
            self.types.len(),
            self.modalities.len(),
            self.rules.len(),
            self.notify.webhooks.len(),
            self.notify.email.len(),
        ];
        if lists.iter().any(|n| *n > MAX_WATCHLIST_ITEMS) {
            return Err(format!(
                "a watchlist holds at most {MAX_WATCHLIST_ITEMS} of each of its lists"
            ));
        }
        for r in &self.rules {
            r.check()?;
        }
        if !(0.0..=MAX_BORDER_KM).contains(&self.border_km) {
            return Err(format!("border_km must lie between 0 and {MAX_BORDER_KM}"));
        }
        if self
            .min_relevance
            .is_some_and(|r| !(0.0..=1.0).contains(&r))
        {
            return Err("min_relevance must lie between 0 and 1".into());
        }
        if let Some(a) = self.notify.email.iter().find(|a| !plausible_address(a)) {
            return Err(format!("{a:?} is not an e-mail address"));
        }
        self.marking.check().map_err(|e| e.0)
    }

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
            confirmed_only: false,
            rules: Vec::new(),
            notify: Notify::default(),
            marking: Marking::default(),
        }
    }
}

/// Where a watchlist's new alerts go (the Atom feed and the inbox always).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
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
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
pub enum Rule {
    /// Every matching event (each happening once), as it is first stored.
    // a struct variant, however empty: serde refuses unknown fields only
    // in those (`{"kind": "match", "window": 7}` is an error)
    Match {},
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
    FirstSeen {},
    /// A source Beacon collects from has failed for `hours` hours or more.
    /// Raised by the collector ([`Alert::source_failing`]), never a
    /// watchlist's rule.
    SourceFailing {
        /// Hours of failure before it is raised.
        hours: u32,
    },
}

/// Whether `a` looks like an e-mail address: one `@`, a local part, a
/// domain with a dot between letters or digits, no spaces or control
/// characters, at most 254 characters (SMTP says the rest).
fn plausible_address(a: &str) -> bool {
    let Some((local, domain)) = a.split_once('@') else {
        return false;
    };
    let label_ok = |l: &str| {
        !l.is_empty()
            && !l.starts_with('-')
            && !l.ends_with('-')
            && l.chars().all(|c| c.is_alphanumeric() || c == '-')
    };
    a.len() <= 254
        && !local.is_empty()
        && !a.chars().any(|c| c.is_whitespace() || c.is_control())
        && domain.contains('.')
        && domain.split('.').all(label_ok)
}

impl Rule {
    /// Whether the rule's figures make sense: windows and baselines of 1
    /// to 3,660 days, a count of at least 1, a p-value in (0, 1).
    pub fn check(&self) -> Result<(), String> {
        let days = |d: u32| (1..=MAX_RULE_DAYS).contains(&d);
        match *self {
            Rule::Threshold { count, window_days } if count == 0 || !days(window_days) => {
                Err(format!(
                    "a threshold needs a count of at least 1 and a window of 1 to {MAX_RULE_DAYS} days"
                ))
            }
            Rule::Spike {
                window_days,
                baseline_days,
                p_value,
                ..
            } if !(days(window_days) && days(baseline_days) && p_value > 0.0 && p_value < 1.0) => {
                Err(format!(
                    "a spike needs a window and a baseline of 1 to {MAX_RULE_DAYS} days, and a p-value in (0, 1)"
                ))
            }
            Rule::SourceFailing { .. } => Err(
                "source_failing is raised by the collector for its sources, not by a watchlist"
                    .into(),
            ),
            _ => Ok(()),
        }
    }

    /// The rule with its parameters, as alert ids carry it
    /// (`threshold-3in7d`, `spike-7d-90d-min3-p0.01`): an alert keeps its id
    /// when other rules of its watchlist are added or removed.
    pub fn key(&self) -> String {
        match self {
            Rule::Match {} => "match".into(),
            Rule::FirstSeen {} => "first_seen".into(),
            Rule::SourceFailing { hours } => format!("source-failing-{hours}h"),
            Rule::Threshold { count, window_days } => format!("threshold-{count}in{window_days}d"),
            Rule::Spike {
                window_days,
                baseline_days,
                min_count,
                p_value,
            } => format!("spike-{window_days}d-{baseline_days}d-min{min_count}-p{p_value}"),
        }
    }

    /// `match`, `threshold`, `spike`, `first_seen` or `source_failing`.
    pub fn kind(&self) -> &'static str {
        match self {
            Rule::Match {} => "match",
            Rule::Threshold { .. } => "threshold",
            Rule::Spike { .. } => "spike",
            Rule::FirstSeen {} => "first_seen",
            Rule::SourceFailing { .. } => "source_failing",
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
    /// Who may see it: the most restrictive of its watchlist's marking and
    /// those of every event it counted.
    #[serde(default, skip_serializing_if = "Marking::is_clear")]
    pub marking: Marking,
    /// Why it fired.
    pub explanation: AlertExplanation,
}

/// The watchlist id and name the collector's own alerts are filed under.
pub const SOURCES_WATCHLIST: (&str, &str) = ("sources", "Sources Beacon collects from");

impl Alert {
    /// The alert of a source failing for `hours` hours or more at `now`
    /// (`None` while it has not): one per failure episode (its id carries
    /// when the failing began), its title saying the last error.
    pub fn source_failing(
        source: &crate::Source,
        health: &crate::SourceHealth,
        hours: u32,
        now: chrono::DateTime<chrono::Utc>,
    ) -> Option<Alert> {
        let since = health.failing_since?;
        let failing = now - since;
        if failing < chrono::Duration::hours(i64::from(hours)) {
            return None;
        }
        let rule = Rule::SourceFailing { hours };
        let at =
            |t: chrono::DateTime<chrono::Utc>| t.to_rfc3339_opts(chrono::SecondsFormat::Secs, true);
        let error = health.last_error.as_deref().unwrap_or("no answer");
        Some(Alert {
            id: format!("source:{}:{}:{}", source.id, rule.key(), since.timestamp()),
            watchlist_id: SOURCES_WATCHLIST.0.into(),
            watchlist: SOURCES_WATCHLIST.1.into(),
            rule,
            status: AlertStatus::New,
            title: format!(
                "{} has failed for {} h: {error}",
                source.name,
                failing.num_hours()
            ),
            created_at: at(now),
            updated_at: at(now),
            acknowledged_by: None,
            acknowledged_at: None,
            closed_by: None,
            closed_at: None,
            // the collector's own business: this Beacon's organisation's
            marking: Marking::of(crate::Tlp::AmberStrict),
            explanation: AlertExplanation {
                summary: format!(
                    "{} ({}) has failed {} time(s) in a row since {}; last error: {error}. Nothing from it reaches the watchlists meanwhile.",
                    source.name,
                    source.url,
                    health.failures,
                    at(since)
                ),
                figures: Figures::default(),
                events: Vec::new(),
            },
        })
    }
}

/// Why an alert fired.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AlertExplanation {
    /// In words ("5 events in 7 days; the 90 days before averaged 0.2 a day").
    pub summary: String,
    /// The figures the rule compared (count, window, baseline, p).
    #[serde(default)]
    pub figures: Figures,
    /// The events behind it, newest first (at most 20).
    pub events: Vec<AlertEvent>,
}

/// The figures a rule compared when it fired, each named once: those of
/// its kind are set (a threshold: count, window, threshold; a spike: count,
/// window, baseline, the least count, the test's level, the baseline's
/// count, the count expected and p; first seen: the actor), the others
/// left out of the JSON.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Figures {
    /// Matching events in the window.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub count: Option<u64>,
    /// Days in the window.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub window_days: Option<u32>,
    /// The events a threshold needs.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub threshold: Option<u32>,
    /// Days of baseline before the window.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub baseline_days: Option<u32>,
    /// The least count a spike takes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min_count: Option<u32>,
    /// The spike test's level.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub p_value: Option<f64>,
    /// Matching events in the baseline.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub baseline_count: Option<u64>,
    /// Events the baseline's rate expects in the window.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expected: Option<f64>,
    /// The probability of the count, or more, at that rate.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub p: Option<f64>,
    /// The actor first seen.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub actor: Option<String>,
}

/// An event behind an alert, as an analyst reads it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AlertEvent {
    /// The story-level event's id.
    pub id: String,
    /// PLOVER type.
    #[serde(rename = "type")]
    pub kind: EventType,
    /// Modality.
    pub modality: Modality,
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_watchlist_checks_its_own_figures_and_text() {
        let ok = |f: &dyn Fn(&mut Watchlist)| {
            let mut w = Watchlist::new("wl-x", "X");
            f(&mut w);
            w.check()
        };
        assert!(ok(&|_| {}).is_ok());
        type Change<'a> = &'a dyn Fn(&mut Watchlist);
        let bad: [(&str, Change); 10] = [
            ("no name", &|w| w.name = " ".into()),
            ("a long name", &|w| w.name = "x".repeat(1_900_000)),
            ("a name with a line break", &|w| w.name = "a\r\nb".into()),
            ("a count of 0", &|w| {
                w.rules = vec![Rule::Threshold {
                    count: 0,
                    window_days: 7,
                }];
            }),
            ("a p-value of 1e308", &|w| {
                w.rules = vec![Rule::Spike {
                    window_days: 7,
                    baseline_days: 90,
                    min_count: 3,
                    p_value: 1e308,
                }];
            }),
            ("a window of 10^9 days", &|w| {
                w.rules = vec![Rule::Threshold {
                    count: 1,
                    window_days: 1_000_000_000,
                }];
            }),
            ("a border of -1e308 km", &|w| w.border_km = -1e308),
            ("a border of NaN km", &|w| w.border_km = f64::NAN),
            ("an address without a domain", &|w| {
                w.notify.email = vec!["a@b".into()];
            }),
            ("an address with a line break", &|w| {
                w.notify.email = vec!["a@b.org\r\nBcc: c@d.org".into()];
            }),
        ];
        for (what, f) in bad {
            assert!(ok(f).is_err(), "{what}");
        }
        let w = Watchlist::from_json(
            serde_json::json!({"name": "Kunduz border", "types": ["assault"]}),
        )
        .expect("a watchlist");
        assert_eq!(
            (w.id.as_str(), w.types.as_slice()),
            ("wl-kunduz-border", &[EventType::Assault][..])
        );
        assert!(
            Watchlist::from_json(serde_json::json!({"name": "x", "countries": ["<script>"]}))
                .is_err()
        );
        assert!(
            Watchlist::from_json(serde_json::json!({"name": "x", "zones": ["nowhere"]})).is_err()
        );
    }
}
