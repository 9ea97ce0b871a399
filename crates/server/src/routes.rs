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
    /// `YYYY-MM-DD`, `YYYY-MM` or `YYYY`.
    Date,
    /// Two letters, ISO 3166-1 alpha-2.
    Country,
    /// A zone id (`country:AF`, `admin1:AF:Kunduz`, `border:…`, `region:…`, `custom:…`).
    Zone,
    /// A PLOVER type.
    EventType,
    /// A modality.
    Modality,
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
    p("zone", Kind::Zone, "events placed in this zone"),
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
}

const JSON: &str = "application/json";

const fn route(
    method: &'static str,
    path: &'static str,
    summary: &'static str,
    query: &'static [&'static [Param]],
) -> Route {
    Route {
        method,
        path,
        summary,
        query,
        body: None,
        ok: 200,
        media: JSON,
    }
}

const fn with_body(mut r: Route, body: Body, ok: u16) -> Route {
    r.body = Some(body);
    r.ok = ok;
    r
}

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
        Kind::Count { min: 1, max: 3660 },
        "days in the series (default 90)",
    ),
];

/// Every route of the API, once: served by [`crate::router`], described by
/// [`openapi`].
pub const ROUTES: &[Route] = &[
    route(
        "GET",
        "/api/events",
        "Story-level events (each happening once), newest first, filtered",
        &[FILTERS, PAGE],
    ),
    route(
        "GET",
        "/api/stories",
        "Stories, most recently seen first; a story passes the filters when one of its events does",
        &[FILTERS, PAGE],
    ),
    route(
        "GET",
        "/api/articles/{id}",
        "An article (id or unique prefix) with its mentions, events and story",
        &[],
    ),
    route(
        "GET",
        "/api/search",
        "Full-text search over articles and events, with the event filters",
        &[SEARCH, FILTERS, PAGE],
    ),
    route(
        "GET",
        "/api/alerts",
        "Alerts, newest first",
        &[ALERTS, PAGE],
    ),
    route(
        "GET",
        "/api/alerts/{id}",
        "An alert with its explanation",
        &[],
    ),
    with_body(
        route(
            "POST",
            "/api/alerts/{id}/acknowledge",
            "Acknowledge an alert",
            &[],
        ),
        Body::By,
        200,
    ),
    with_body(
        route("POST", "/api/alerts/{id}/close", "Close an alert", &[]),
        Body::By,
        200,
    ),
    route("GET", "/api/watchlists", "Watchlists", &[]),
    with_body(
        route(
            "POST",
            "/api/watchlists",
            "Create a watchlist (evaluated at once)",
            &[],
        ),
        Body::Watchlist,
        201,
    ),
    route("GET", "/api/watchlists/{id}", "A watchlist", &[]),
    with_body(
        route(
            "PUT",
            "/api/watchlists/{id}",
            "Replace a watchlist (evaluated at once)",
            &[],
        ),
        Body::Watchlist,
        200,
    ),
    route(
        "DELETE",
        "/api/watchlists/{id}",
        "Remove a watchlist (its alerts stay)",
        &[],
    ),
    Route {
        media: "application/atom+xml",
        ..route(
            "GET",
            "/api/watchlists/{id}/feed.atom",
            "A watchlist's alerts as an Atom feed",
            &[],
        )
    },
    route(
        "GET",
        "/api/zones",
        "Zones: named regions, the border zones in use, uploaded polygons; with geometry where known",
        &[],
    ),
    with_body(
        route(
            "POST",
            "/api/zones",
            "Upload a zone, usable as custom:ID (a Polygon, MultiPolygon, Feature or FeatureCollection)",
            &[],
        ),
        Body::Zone,
        201,
    ),
    route(
        "DELETE",
        "/api/zones/{id}",
        "Remove an uploaded zone (custom:ID) that no watchlist uses",
        &[],
    ),
    route(
        "GET",
        "/api/timeline",
        "Events a day in a zone, with the alerts of watchlists on it",
        &[TIMELINE],
    ),
    Route {
        media: "application/geo+json",
        ..route(
            "GET",
            "/api/map/countries",
            "Country outlines (GeoJSON, Natural Earth 1:110m) for the offline map",
            &[],
        )
    },
    route("GET", "/api/openapi.json", "This document", &[]),
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
fn schema(kind: Kind) -> Value {
    match kind {
        Kind::Text => json!({"type": "string", "maxLength": 500}),
        Kind::Date => {
            json!({"type": "string", "pattern": "^[0-9]{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12][0-9]|3[01]))?)?$"})
        }
        Kind::Country => json!({"type": "string", "pattern": "^[A-Za-z]{2}$"}),
        Kind::Zone => {
            json!({"type": "string", "pattern": "^(country:[A-Za-z]{2}|admin1:[A-Za-z]{2}:[^:]+|(border|region|custom):[A-Za-z0-9._-]+)$"})
        }
        Kind::EventType => json!({"type": "string", "enum": EventType::ALL.map(EventType::as_str)}),
        Kind::Modality => json!({"type": "string", "enum": Modality::ALL.map(Modality::as_str)}),
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
            "required": ["by"],
            "properties": {"by": {"type": "string", "minLength": 1, "maxLength": 100}},
        }),
        Body::Watchlist => json!({"$ref": "#/components/schemas/Watchlist"}),
        Body::Zone => json!({
            "type": "object",
            "required": ["id", "geojson"],
            "properties": {
                "id": {"type": "string", "pattern": "^(custom:)?[A-Za-z0-9._-]+$"},
                "name": {"type": "string", "maxLength": 500},
                "geojson": {"type": "object", "description": "a Polygon, MultiPolygon, Feature or FeatureCollection"},
            },
        }),
    }
}

/// The schemas the document refers to.
fn components() -> Value {
    let id_list =
        |about: &str| json!({"type": "array", "items": {"type": "string"}, "description": about});
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
            "Watchlist": {
                "type": "object",
                "required": ["name"],
                "properties": {
                    "id": {"type": "string", "maxLength": 500},
                    "name": {"type": "string", "minLength": 1, "maxLength": 500},
                    "zones": {"type": "array", "items": schema(Kind::Zone)},
                    "countries": {"type": "array", "items": schema(Kind::Country)},
                    "actors": id_list("entry ids or names"),
                    "types": {"type": "array", "items": schema(Kind::EventType)},
                    "modalities": {"type": "array", "items": schema(Kind::Modality)},
                    "include_historical": {"type": "boolean"},
                    "border_km": {"type": "number", "minimum": 0, "maximum": 1000},
                    "min_relevance": {"type": "number", "minimum": 0, "maximum": 1},
                    "rules": {"type": "array", "items": {"type": "object", "required": ["kind"],
                        "properties": {"kind": {"type": "string", "enum": ["match", "threshold", "spike", "first_seen"]}}}},
                    "notify": {"type": "object", "properties": {
                        "webhooks": id_list("URLs"), "email": id_list("addresses")}},
                },
            },
        },
    })
}

/// The errors every route may answer, beside its own success.
fn responses(r: &Route) -> Value {
    let error = json!({"description": "An error", "content": {JSON: {"schema": {"$ref": "#/components/schemas/Error"}}}});
    let mut out = json!({
        r.ok.to_string(): {"description": "OK", "content": {r.media: {}}},
        "400": error,
        "404": error,
        "500": error,
    });
    if r.body.is_some() {
        for code in ["409", "413", "415", "422"] {
            out[code] = error.clone();
        }
    }
    if r.method == "DELETE" || r.path.ends_with("acknowledge") || r.path.ends_with("close") {
        out["409"] = error;
    }
    out
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
                json!({"name": q.name, "in": "query", "required": q.required,
                       "description": q.about, "schema": schema(q.kind)})
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
