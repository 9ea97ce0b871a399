//! The API's routes, once: their methods, paths, query parameters with
//! their types, request bodies and answers. The router serves them
//! ([`crate::api`]), [`openapi`] describes them as an OpenAPI 3.1 document,
//! and [`strict_query`] refuses a query parameter a route does not take (a
//! typo such as `?contry=AF` is a 400 naming it, never a silent "all").

use axum::extract::{MatchedPath, Request};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use beacon_model::{EventType, Modality};
use serde_json::{Value, json};

use crate::api::ApiError;

/// What a query parameter holds.
#[derive(Debug, Clone, Copy)]
pub enum Kind {
    /// Any text.
    Text,
    /// A name or id: at most 500 characters, no control characters.
    Name,
    /// `YYYY-MM-DD`, `YYYY-MM` or `YYYY`.
    Date,
    /// Two letters, ISO 3166-1 alpha-2.
    Country,
    /// A zone id (`country:AF`, `admin1:AF:Kunduz`, `border:…`, `region:…`, `custom:…`).
    Zone,
    /// A zone events are filtered by: `country:AF`, `border:…`, `region:…`.
    EventZone,
    /// A PLOVER type.
    EventType,
    /// A modality.
    Modality,
    /// A review filter ([`beacon_model::ReviewFilter`]).
    Review,
    /// `true` or `false`.
    Bool,
    /// A number from 0 to 1.
    Fraction,
    /// A whole number from `min` to `max`.
    Count {
        /// The least.
        min: u64,
        /// The most.
        max: u64,
    },
    /// One of these words.
    OneOf(&'static [&'static str]),
}

/// One query parameter of a route.
#[derive(Debug, Clone, Copy)]
pub struct Param {
    /// Its name.
    pub name: &'static str,
    /// What it holds.
    pub kind: Kind,
    /// Whether the route needs it.
    pub required: bool,
    /// What it does.
    pub about: &'static str,
}

const fn p(name: &'static str, kind: Kind, about: &'static str) -> Param {
    Param {
        name,
        kind,
        required: false,
        about,
    }
}

/// The most items one page holds.
pub const MAX_LIMIT: u64 = 1000;
/// The most days a timeline spans.
pub const MAX_TIMELINE_DAYS: u64 = 3660;
/// The largest request body, in bytes (a watchlist, an alert's "by").
pub const MAX_BODY: usize = 256 * 1024;
/// The largest body of a zone's upload (a detailed polygon), in bytes.
pub const MAX_ZONE_BODY: usize = 16 * 1024 * 1024;

/// The event filters, as [`Filter::set`] reads them (a test checks the
/// names are [`Filter::PARAMS`]).
pub const FILTERS: &[Param] = &[
    p(
        "since",
        Kind::Date,
        "events dated on or after this day (or within this month or year)",
    ),
    p(
        "until",
        Kind::Date,
        "events dated on or before this day (or within this month or year)",
    ),
    p("country", Kind::Country, "events placed in this country"),
    p(
        "zone",
        Kind::EventZone,
        "events placed in this zone (a country, a border or a region)",
    ),
    p(
        "actor",
        Kind::Text,
        "events with this actor or target: an entry id or a name",
    ),
    p("type", Kind::EventType, "events of this PLOVER type"),
    p("modality", Kind::Modality, "events of this modality"),
    p(
        "historical",
        Kind::Bool,
        "background events only (true) or news of the day only (false)",
    ),
    p(
        "min_relevance",
        Kind::Fraction,
        "events of articles at least this relevant",
    ),
    p(
        "review",
        Kind::Review,
        "events by where they stand with the analysts (default: all but those rejected)",
    ),
];

/// A page of a list.
pub const PAGE: &[Param] = &[
    p(
        "limit",
        Kind::Count {
            min: 1,
            max: MAX_LIMIT,
        },
        "at most this many items",
    ),
    p(
        "offset",
        Kind::Count {
            min: 0,
            max: u32::MAX as u64,
        },
        "skip this many items first",
    ),
];

/// What a route reads from its body.
#[derive(Debug, Clone, Copy)]
pub enum Body {
    /// `{"by": name}`.
    By,
    /// A watchlist.
    Watchlist,
    /// `{"id", "name", "geojson"}`.
    Zone,
    /// A source.
    Source,
    /// An analyst's review of an event.
    Review,
}

/// What a route answers on success, as its schema says it.
#[derive(Debug, Clone, Copy)]
pub enum Answer {
    /// A page of a list: `{"total", "items"}`.
    List,
    /// A JSON object with these keys at least.
    Keys(&'static [&'static str]),
    /// Not JSON (a feed, GeoJSON).
    Other,
}

/// One route of the API.
pub struct Route {
    /// `GET`, `POST`, `PUT` or `DELETE`.
    pub method: &'static str,
    /// The path (axum's `{param}` syntax).
    pub path: &'static str,
    /// What it does.
    pub summary: &'static str,
    /// Its query parameters, in groups ([`FILTERS`] and [`PAGE`] are two).
    pub query: &'static [&'static [Param]],
    /// Its body, if it reads one.
    pub body: Option<Body>,
    /// Its status on success.
    pub ok: u16,
    /// The media type of its answer.
    pub media: &'static str,
    /// Its answer's shape.
    pub answer: Answer,
}

const JSON: &str = "application/json";

/// A route answering a list, with no query parameter or body yet.
const fn route(method: &'static str, path: &'static str, summary: &'static str) -> Route {
    Route {
        method,
        path,
        summary,
        query: &[],
        body: None,
        ok: 200,
        media: JSON,
        answer: Answer::List,
    }
}

impl Route {
    const fn query(mut self, query: &'static [&'static [Param]]) -> Route {
        self.query = query;
        self
    }

    const fn body(mut self, body: Body, ok: u16) -> Route {
        self.body = Some(body);
        self.ok = ok;
        self
    }

    const fn answers(mut self, keys: &'static [&'static str]) -> Route {
        self.answer = Answer::Keys(keys);
        self
    }

    const fn other(mut self, media: &'static str) -> Route {
        self.media = media;
        self.answer = Answer::Other;
        self
    }
}

const ALERT: &[&str] = &[
    "id",
    "watchlist_id",
    "rule",
    "status",
    "title",
    "explanation",
];
const SAVED: &[&str] = &["watchlist"];
const DELETED: &[&str] = &["deleted"];

const SEARCH: &[Param] = &[
    p(
        "q",
        Kind::Text,
        "the query (tantivy's syntax, else plain words)",
    ),
    p(
        "scope",
        Kind::OneOf(&["all", "articles", "events"]),
        "what to search",
    ),
    p(
        "sort",
        Kind::OneOf(&["relevance", "newest"]),
        "best match or newest first",
    ),
];

const ALERTS: &[Param] = &[
    p(
        "status",
        Kind::OneOf(&["new", "acknowledged", "closed", "all"]),
        "alerts in this state",
    ),
    p("watchlist", Kind::Text, "alerts of this watchlist"),
];

const TIMELINE: &[Param] = &[
    Param {
        name: "zone",
        kind: Kind::Zone,
        required: true,
        about: "the zone",
    },
    p(
        "days",
        Kind::Count {
            min: 1,
            max: MAX_TIMELINE_DAYS,
        },
        "days in the series (default 90)",
    ),
];

/// Every route of the API, once: served by [`crate::router`], described by
/// [`openapi`].
pub const ROUTES: &[Route] = &[
    route("GET", "/api/events", "Story-level events (each happening once), newest first, filtered")
        .query(&[FILTERS, PAGE]),
    route(
        "GET",
        "/api/stories",
        "Stories, most recently seen first; a story passes the filters when one of its events does",
    )
    .query(&[FILTERS, PAGE]),
    route("GET", "/api/articles/{id}", "An article (id or unique prefix) with its mentions, events and story")
        .answers(&["article", "mentions", "times", "events"]),
    route("GET", "/api/search", "Full-text search over articles and events, with the event filters")
        .query(&[SEARCH, FILTERS, PAGE])
        .answers(&["total", "hits"]),
    route(
        "GET",
        "/api/stix",
        "The stories the caller may see, with their events, as one STIX 2.1 bundle (TLP 2.0 marked)",
    )
    .query(&[FILTERS, PAGE])
    .answers(&["type", "id", "objects"]),
    route(
        "GET",
        "/api/imported",
        "What partners' TAXII collections brought that the caller may see, newest first, each with its partner and TLP",
    )
    .query(&[PAGE])
    .answers(&["total", "items"]),
    route(
        "GET",
        "/api/session",
        "Who the caller is, and the CSRF token a signed-in browser's changes carry",
    )
    .answers(&["viewer"]),
    route(
        "GET",
        "/api/events/{id}/review",
        "An event's review: the event as it stands, the machine's version, and what analysts did",
    )
    .answers(&["event", "machine", "history"]),
    route(
        "POST",
        "/api/events/{id}/review",
        "Confirm, correct or reject an event, or add a note (an analyst's or an administrator's token)",
    )
    .body(Body::Review, 200)
    .answers(&["event"]),
    route("GET", "/api/alerts", "Alerts, newest first").query(&[ALERTS, PAGE]),
    route("GET", "/api/alerts/{id}", "An alert with its explanation").answers(ALERT),
    route("POST", "/api/alerts/{id}/acknowledge", "Acknowledge an alert")
        .body(Body::By, 200)
        .answers(ALERT),
    route("POST", "/api/alerts/{id}/close", "Close an alert")
        .body(Body::By, 200)
        .answers(ALERT),
    route("GET", "/api/watchlists", "Watchlists"),
    route("POST", "/api/watchlists", "Create a watchlist (evaluated at once)")
        .body(Body::Watchlist, 201)
        .answers(SAVED),
    route("GET", "/api/watchlists/{id}", "A watchlist").answers(&["id", "name"]),
    route("PUT", "/api/watchlists/{id}", "Replace a watchlist (evaluated at once)")
        .body(Body::Watchlist, 200)
        .answers(SAVED),
    route("DELETE", "/api/watchlists/{id}", "Remove a watchlist (its alerts stay)").answers(DELETED),
    route("GET", "/api/watchlists/{id}/feed.atom", "A watchlist's alerts as an Atom feed")
        .other("application/atom+xml"),
    route(
        "GET",
        "/api/zones",
        "Zones: named regions, the border zones in use, uploaded polygons; with geometry where known",
    ),
    route(
        "POST",
        "/api/zones",
        "Upload a zone, usable as custom:ID (a Polygon, MultiPolygon, Feature or FeatureCollection)",
    )
    .body(Body::Zone, 201)
    .answers(&["id", "name"]),
    route("DELETE", "/api/zones/{id}", "Remove an uploaded zone (custom:ID) that no watchlist uses")
        .answers(DELETED),
    route("GET", "/api/sources", "The sources the collector reads, each with its health and state")
        .answers(&["total", "items"]),
    route("POST", "/api/sources", "Add a source (public addresses only)")
        .body(Body::Source, 201)
        .answers(&["source"]),
    route("GET", "/api/sources/{id}", "A source, its health, its state and the pages it brought last")
        .answers(&["source", "health", "state", "recent"]),
    route("PUT", "/api/sources/{id}", "Replace a source (its health stays)")
        .body(Body::Source, 200)
        .answers(&["source"]),
    route("DELETE", "/api/sources/{id}", "Remove a source (what it brought stays)").answers(DELETED),
    route("GET", "/api/timeline", "Events a day in a zone, with the alerts of watchlists on it")
        .query(&[TIMELINE])
        .answers(&["zone", "days", "alerts"]),
    route(
        "GET",
        "/api/map/countries",
        "Country outlines (GeoJSON, Natural Earth 1:110m) for the offline map",
    )
    .other("application/geo+json"),
    route("GET", "/api/openapi.json", "This document").answers(&["openapi", "info", "paths"]),
];

/// The route a request was matched to.
fn route_of(method: &str, matched: &str) -> Option<&'static Route> {
    ROUTES
        .iter()
        .find(|r| r.method.eq_ignore_ascii_case(method) && r.path == matched)
}

/// Refuses a query parameter the route does not take (`unknown_parameter`)
/// and a missing one it needs (`missing_parameter`), naming it; the values
/// are the handlers' to read.
pub async fn strict_query(matched: Option<MatchedPath>, req: Request, next: Next) -> Response {
    let Some(route) = matched.and_then(|m| route_of(req.method().as_str(), m.as_str())) else {
        return next.run(req).await;
    };
    let pairs = query_pairs(req.uri());
    let params = || route.query.iter().flat_map(|g| g.iter());
    if let Some((k, _)) = pairs.iter().find(|(k, _)| !params().any(|p| p.name == k)) {
        let known: Vec<&str> = params().map(|p| p.name).collect();
        return ApiError::unknown_param(
            k,
            if known.is_empty() {
                format!(
                    "{} {} takes no query parameter, not {k:?}",
                    route.method, route.path
                )
            } else {
                format!(
                    "unknown query parameter {k:?} (this route takes {})",
                    known.join(", ")
                )
            },
        )
        .into_response();
    }
    if let Some(missing) = params().find(|p| {
        p.required
            && !pairs
                .iter()
                .any(|(k, v)| k == p.name && !v.trim().is_empty())
    }) {
        return ApiError::missing_param(missing.name).into_response();
    }
    next.run(req).await
}

/// A query string's pairs, decoded (`+` as a space, `%XX`).
fn query_pairs(uri: &axum::http::Uri) -> Vec<(String, String)> {
    axum::extract::Query::<Vec<(String, String)>>::try_from_uri(uri)
        .map(|axum::extract::Query(v)| v)
        .unwrap_or_default()
}

/// A parameter's JSON schema.
/// Text without control characters (JSON Schema's regex; C0, DEL, C1,
/// written as the characters themselves, which every regex engine reads).
const NO_CONTROL: &str = "^[^\u{0}-\u{1f}\u{7f}-\u{9f}]*$";
/// Text with a character that is not a space or a control character, and no control character.
const SOME_TEXT: &str =
    "^[^\u{0}-\u{1f}\u{7f}-\u{9f}]*[^\\s\u{0}-\u{1f}\u{7f}-\u{9f}][^\u{0}-\u{1f}\u{7f}-\u{9f}]*$";
/// A zone id's grammar ([`beacon_model::ZoneId`]).
const ZONE_PATTERN: &str = "^(country:[A-Za-z]{2}|admin1:[A-Za-z]{2}:[^:\\s\u{0}-\u{1f}\u{7f}-\u{9f}]([^:\u{0}-\u{1f}\u{7f}-\u{9f}]*[^:\\s\u{0}-\u{1f}\u{7f}-\u{9f}])?|(border|region|custom):[A-Za-z0-9._-]+)$";

fn schema(kind: Kind) -> Value {
    match kind {
        Kind::Text => json!({"type": "string"}),
        Kind::Name => json!({"type": "string", "maxLength": 500, "pattern": NO_CONTROL}),
        Kind::Date => {
            json!({"type": "string", "pattern": "^[0-9]{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12][0-9]|3[01]))?)?$"})
        }
        Kind::Country => json!({"type": "string", "pattern": "^[A-Za-z]{2}$"}),
        Kind::Zone => {
            json!({"type": "string", "maxLength": beacon_model::ids::MAX_ZONE_ID, "pattern": ZONE_PATTERN})
        }
        Kind::EventZone => json!({"type": "string", "maxLength": beacon_model::ids::MAX_ZONE_ID,
            "pattern": "^(country:[A-Za-z]{2}|(border|region):[A-Za-z0-9._-]+)$"}),
        Kind::EventType => json!({"type": "string", "enum": EventType::ALL.map(EventType::as_str)}),
        Kind::Modality => json!({"type": "string", "enum": Modality::ALL.map(Modality::as_str)}),
        Kind::Review => json!({"type": "string",
            "enum": beacon_model::ReviewFilter::ALL.map(beacon_model::ReviewFilter::as_str)}),
        Kind::Bool => json!({"type": "boolean"}),
        Kind::Fraction => json!({"type": "number", "minimum": 0, "maximum": 1}),
        Kind::Count { min, max } => json!({"type": "integer", "minimum": min, "maximum": max}),
        Kind::OneOf(words) => json!({"type": "string", "enum": words}),
    }
}

/// A request body's schema.
fn body_schema(b: Body) -> Value {
    match b {
        Body::By => json!({
            "type": "object",
            "additionalProperties": false,
            "required": ["by"],
            "properties": {"by": {"type": "string", "maxLength": 100, "pattern": SOME_TEXT}},
        }),
        Body::Watchlist => json!({"$ref": "#/components/schemas/Watchlist"}),
        Body::Review => review_schema(),
        Body::Source => json!({"$ref": "#/components/schemas/Source"}),
        Body::Zone => json!({
            "type": "object",
            "additionalProperties": false,
            "required": ["id", "geojson"],
            "properties": {
                "id": {"type": "string", "maxLength": 190, "pattern": "^(custom:)?[A-Za-z0-9._-]+$"},
                "name": {"type": "string", "maxLength": 500, "pattern": SOME_TEXT},
                "geojson": {"type": "object", "required": ["type"],
                    "properties": {"type": {"type": "string", "enum": ["Polygon", "MultiPolygon", "Feature", "FeatureCollection"]}},
                    "description": "a Polygon, MultiPolygon, Feature or FeatureCollection whose every ring has four or more positions, is closed, bounds an area and does not cross itself"},
            },
        }),
    }
}

/// A marking's schema ([`beacon_model::Marking`]).
fn marking_schema() -> Value {
    let ids = json!({"type": "array", "maxItems": 200,
        "items": {"type": "string", "maxLength": 64, "pattern": "^[a-z0-9][a-z0-9._-]*$"}});
    json!({
        "type": "object",
        "additionalProperties": false,
        "properties": {
            "tlp": {"type": "string", "enum": beacon_model::Tlp::ALL.map(beacon_model::Tlp::as_str)},
            "owner": {"type": ["string", "null"], "maxLength": 64, "pattern": "^[a-z0-9][a-z0-9._-]*$"},
            "groups": ids,
            "recipients": ids,
            "within": {"type": ["string", "null"], "enum": ["amber", "amber+strict", null]},
        },
        "description": "TLP 2.0: who may see the watchlist and its alerts",
    })
}

/// An analyst's review's schema ([`beacon_model::review`]).
fn review_schema() -> Value {
    use beacon_model::review::{Action, MAX_ACTORS, MAX_NOTE};
    let names = json!({"type": "array", "maxItems": MAX_ACTORS,
        "items": {"type": "string", "maxLength": 500, "pattern": SOME_TEXT},
        "description": "entry ids (actor:taliban) or names"});
    let count = json!({"type": "object", "additionalProperties": false, "required": ["min"],
        "properties": {"min": {"type": "integer", "minimum": 0, "maximum": u32::MAX},
                       "max": {"type": ["integer", "null"], "minimum": 0, "maximum": u32::MAX}},
        "description": "max, when given, is at least min"});
    json!({
        "type": "object",
        "additionalProperties": false,
        "required": ["action"],
        "properties": {
            "action": {"type": "string", "enum": Action::ALL.map(Action::as_str),
                "description": "correct needs a correction; note needs a note"},
            "correction": {"type": "object", "additionalProperties": false, "properties": {
                "type": schema(Kind::EventType),
                "modality": schema(Kind::Modality),
                "actor": names, "target": names,
                "location": {"type": "object", "additionalProperties": false, "required": ["name"],
                    "properties": {
                        "name": {"type": "string", "maxLength": 500, "pattern": SOME_TEXT},
                        "geonames_id": {"type": "integer", "minimum": 0},
                        "lat": {"type": "number", "minimum": -90, "maximum": 90},
                        "lon": {"type": "number", "minimum": -180, "maximum": 180},
                        "country": schema(Kind::Country)},
                    "description": "lat and lon come together"},
                "date": schema(Kind::Date),
                "fatalities": count, "injured": count,
            }},
            "note": {"type": ["string", "null"], "maxLength": MAX_NOTE},
            "tlp": {"type": "string", "enum": beacon_model::Tlp::ALL.map(beacon_model::Tlp::as_str)},
            "by": {"type": "string", "maxLength": 100, "pattern": SOME_TEXT,
                   "description": "the operator's name for the record; a user is who its token says"},
        },
    })
}

/// A rule's schema: its kind and the figures each kind needs.
fn rule_schema() -> Value {
    let days =
        json!({"type": "integer", "minimum": 1, "maximum": beacon_model::watch::MAX_RULE_DAYS});
    let kind = |k: &str| json!({"type": "string", "const": k});
    json!({"oneOf": [
        {"type": "object", "additionalProperties": false, "required": ["kind"],
         "properties": {"kind": {"type": "string", "enum": ["match", "first_seen"]}}},
        {"type": "object", "additionalProperties": false, "required": ["kind", "count", "window_days"], "properties": {
            "kind": kind("threshold"), "count": {"type": "integer", "minimum": 1, "maximum": u32::MAX},
            "window_days": days}},
        {"type": "object", "additionalProperties": false,
         "required": ["kind", "window_days", "baseline_days", "min_count", "p_value"], "properties": {
            "kind": kind("spike"), "window_days": days, "baseline_days": days,
            "min_count": {"type": "integer", "minimum": 0, "maximum": u32::MAX},
            "p_value": {"type": "number", "exclusiveMinimum": 0, "exclusiveMaximum": 1}}},
    ]})
}

/// A source's schema (what [`beacon_model::Source::check`] keeps).
fn source_schema() -> Value {
    let words = |w: &[&str]| json!({"type": "string", "enum": w});
    json!({
        "type": "object",
        "additionalProperties": false,
        "required": ["name", "url"],
        "properties": {
            "id": {"type": ["string", "null"], "maxLength": 200, "pattern": "^[\\w-]*$",
                   "description": "made from the name when absent, null or empty"},
            "name": {"type": "string", "maxLength": 200, "pattern": SOME_TEXT},
            "url": {"type": "string", "maxLength": 2048, "pattern": "^[Hh][Tt][Tt][Pp][Ss]?://[^\\s/?#@]+([/?#][^\\s]*)?$",
                    "description": "http or https, on a public address"},
            "kind": words(&["feed", "sitemap", "page"]),
            "pattern": {"type": ["string", "null"], "maxLength": 2048, "pattern": SOME_TEXT,
                        "description": "for a page: the links to follow (`*` any run of characters)"},
            "languages": {"type": "array", "maxItems": 50,
                          "items": {"type": "string", "pattern": "^[a-z]{2,3}$"}},
            "country": {"type": ["string", "null"], "pattern": "^[A-Za-z]{2}$"},
            "tags": {"type": "array", "maxItems": 50,
                     "items": {"type": "string", "maxLength": 64, "pattern": SOME_TEXT}},
            "tlp": words(&["clear", "green", "amber", "amber+strict", "red"]),
            "note": {"type": ["string", "null"], "maxLength": 4000},
            "paused": {"type": "boolean"},
            "allow_private": {"type": "boolean", "const": false,
                              "description": "only `beacon sources add --allow-private` may set it"},
        },
    })
}

/// The schemas the document refers to.
fn components() -> Value {
    let texts = |about: &str| {
        json!({"type": "array", "items": {"type": "string", "maxLength": 500, "pattern": SOME_TEXT},
               "description": about})
    };
    json!({
        "schemas": {
            "Error": {
                "type": "object",
                "required": ["error"],
                "properties": {"error": {
                    "type": "object",
                    "required": ["code", "message"],
                    "properties": {
                        "code": {"type": "string"},
                        "message": {"type": "string"},
                        "param": {"type": "string"},
                        "id": {"type": "string"},
                    },
                }},
            },
            "Source": source_schema(),
            "Watchlist": {
                "type": "object",
                "additionalProperties": false,
                "required": ["name"],
                "properties": {
                    "id": {"type": ["string", "null"], "maxLength": 500, "pattern": NO_CONTROL,
                           "description": "made from the name when absent, null or empty"},
                    "name": {"type": "string", "maxLength": 500, "pattern": SOME_TEXT},
                    "zones": {"type": "array", "items": schema(Kind::Zone)},
                    "countries": {"type": "array", "items": schema(Kind::Country)},
                    "actors": texts("entry ids or names"),
                    "types": {"type": "array", "items": schema(Kind::EventType)},
                    "modalities": {"type": "array", "items": schema(Kind::Modality)},
                    "include_historical": {"type": "boolean"},
                    "border_km": {"type": "number", "minimum": 0, "maximum": 1000},
                    "min_relevance": {"type": ["number", "null"], "minimum": 0, "maximum": 1},
                    "confirmed_only": {"type": "boolean", "description": "only events an analyst confirmed or corrected"},
                    "marking": marking_schema(),
                    "rules": {"type": "array", "items": rule_schema()},
                    "notify": {"type": "object", "additionalProperties": false, "properties": {
                        "webhooks": texts("URLs"), "email": texts("addresses")}},
                },
            },
        },
    })
}

/// The errors every route may answer, beside its own success.
fn responses(r: &Route) -> Value {
    let error = json!({"description": "An error", "content": {JSON: {"schema": {"$ref": "#/components/schemas/Error"}}}});
    let mut ok = json!({"description": "OK", "content": {r.media: {}}});
    if let Some(schema) = answer_schema(r.answer) {
        ok["content"][r.media]["schema"] = schema;
    }
    if let Some(links) = links(r) {
        ok["links"] = links;
    }
    let mut out = json!({
        r.ok.to_string(): ok,
        "400": error,
        "404": error,
        "500": error,
    });
    if r.body.is_some() {
        for code in ["409", "413", "415", "422"] {
            out[code] = error.clone();
        }
    }
    // an id prefix matching several, a state that forbids the move, a thing in use
    if r.path.contains("{id}") {
        out["409"] = error;
    }
    out
}

/// The schema of a route's answer.
fn answer_schema(a: Answer) -> Option<Value> {
    match a {
        Answer::List => Some(json!({
            "type": "object",
            "required": ["total", "items"],
            "properties": {
                "total": {"type": "integer", "minimum": 0},
                "items": {"type": "array", "items": {"type": "object"}},
            },
        })),
        Answer::Keys(keys) => Some(json!({"type": "object", "required": keys})),
        Answer::Other => None,
    }
}

/// Where a created resource is read, replaced and removed (OpenAPI links,
/// which a property-based tester follows).
fn links(r: &Route) -> Option<Value> {
    let to = |ops: &[&str], id: &str| -> Value {
        ops.iter()
            .map(|op| {
                (
                    (*op).to_owned(),
                    json!({"operationId": op, "parameters": {"id": id}}),
                )
            })
            .collect::<serde_json::Map<_, _>>()
            .into()
    };
    match (r.method, r.path) {
        ("POST", "/api/watchlists") => Some(to(
            &[
                "get_watchlists_id",
                "put_watchlists_id",
                "delete_watchlists_id",
                "get_watchlists_id_feed_atom",
            ],
            "$response.body#/watchlist/id",
        )),
        ("POST", "/api/zones") => Some(to(&["delete_zones_id"], "$response.body#/id")),
        ("POST", "/api/sources") => Some(to(
            &["get_sources_id", "put_sources_id", "delete_sources_id"],
            "$response.body#/source/id",
        )),
        _ => None,
    }
}

/// The OpenAPI 3.1 document of [`ROUTES`].
pub fn openapi() -> Value {
    let mut paths = serde_json::Map::new();
    for r in ROUTES {
        let mut params: Vec<Value> = r
            .query
            .iter()
            .flat_map(|group| group.iter())
            .map(|q| {
                // an optional parameter given empty (`?limit=`) is not given
                let schema = if q.required {
                    schema(q.kind)
                } else {
                    json!({"anyOf": [schema(q.kind), {"type": "string", "maxLength": 0}]})
                };
                json!({"name": q.name, "in": "query", "required": q.required,
                       "description": q.about, "schema": schema})
            })
            .collect();
        let mut rest = r.path;
        while let Some(i) = rest.find('{') {
            let j = rest[i..].find('}').map_or(rest.len(), |j| i + j);
            params.push(
                json!({"name": &rest[i + 1..j], "in": "path", "required": true,
                               "schema": {"type": "string", "minLength": 1}}),
            );
            rest = &rest[j..];
        }
        let mut op = json!({
            "operationId": operation_id(r),
            "summary": r.summary,
            "parameters": params,
            "responses": responses(r),
        });
        if let Some(b) = r.body {
            op["requestBody"] =
                json!({"required": true, "content": {JSON: {"schema": body_schema(b)}}});
        }
        paths
            .entry(r.path.to_string())
            .or_insert_with(|| json!({}))
            .as_object_mut()
            .expect("an object")
            .insert(r.method.to_lowercase(), op);
    }
    json!({
        "openapi": "3.1.0",
        "info": {"title": "Beacon API", "version": env!("CARGO_PKG_VERSION"),
                 "description": "Events, stories, articles, search, alerts, watchlists and zones of a Beacon store."},
        "paths": paths,
        "components": components(),
    })
}

fn operation_id(r: &Route) -> String {
    let words: Vec<&str> = r
        .path
        .trim_start_matches("/api/")
        .split(['/', '.', '{', '}'])
        .filter(|w| !w.is_empty())
        .collect();
    format!("{}_{}", r.method.to_lowercase(), words.join("_"))
}
