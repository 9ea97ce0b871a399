//! The handlers of `/api/`.

use std::collections::HashMap;
use std::sync::Arc;

use axum::Json;
use axum::extract::{Extension, Path, Query, State};
use axum::handler::Handler;
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use beacon_gazetteer::{Gazetteer, ZoneKind};
use beacon_model::{
    AlertStatus, Marking, Sharing, Viewer, Watchlist, ZoneId, epoch_day, epoch_day_to_date,
};
use beacon_search::{Filter, Request, Scope, Sort};
use beacon_store::{Store, StoreError, Transition};
use serde_json::{Value, json};

use crate::routes::MAX_LIMIT;
use crate::{AppState, openapi};

const COUNTRIES: &str = include_str!("../../../data/gazetteer/countries-110m.geojson");

mod review;
mod sources;

type St = State<Arc<AppState>>;
type Params = Query<HashMap<String, String>>;

/// An error as the API returns it: a status, a stable code and a message
/// (and the parameter at fault, where one is).
#[derive(Debug)]
pub struct ApiError {
    status: StatusCode,
    code: &'static str,
    message: String,
    /// The query parameter at fault, where one is.
    param: Option<String>,
    /// An internal error's id in the log.
    id: Option<String>,
}

impl ApiError {
    /// An error with a stable `code` (`bad_request`, `not_found`, …).
    pub fn new(status: StatusCode, code: &'static str, message: impl Into<String>) -> Self {
        ApiError {
            status,
            code,
            message: message.into(),
            param: None,
            id: None,
        }
    }

    fn bad(message: impl Into<String>) -> Self {
        Self::new(StatusCode::BAD_REQUEST, "bad_request", message)
    }

    /// A 400 about a query parameter, naming it.
    fn about_param(code: &'static str, param: &str, message: impl Into<String>) -> Self {
        let mut e = Self::new(StatusCode::BAD_REQUEST, code, message);
        e.param = Some(param.to_owned());
        e
    }

    /// A query parameter the route does not take (`unknown_parameter`).
    pub(crate) fn unknown_param(param: &str, message: String) -> Self {
        Self::about_param("unknown_parameter", param, message)
    }

    /// A query parameter the route needs and did not get (`missing_parameter`).
    pub(crate) fn missing_param(param: &str) -> Self {
        Self::about_param("missing_parameter", param, format!("give {param}"))
    }

    /// A query parameter whose value does not read (`bad_parameter`).
    pub(crate) fn bad_param(param: &str, message: impl Into<String>) -> Self {
        Self::about_param("bad_parameter", param, message)
    }

    fn not_found(what: &str) -> Self {
        Self::new(StatusCode::NOT_FOUND, "not_found", format!("no {what}"))
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let mut error = json!({"code": self.code, "message": self.message});
        if let Some(p) = self.param {
            error["param"] = json!(p);
        }
        if let Some(id) = self.id {
            error["id"] = json!(id);
        }
        (self.status, Json(json!({ "error": error }))).into_response()
    }
}

impl ApiError {
    /// An error inside the server: logged in full under a new id, and
    /// answered with the id only (never a message from SQLite, a path or
    /// another library's words).
    pub(crate) fn internal(what: &str, detail: &dyn std::fmt::Display) -> Self {
        let id = error_id();
        tracing::error!(error.id = %id, what, "{detail}");
        let mut e = Self::new(
            StatusCode::INTERNAL_SERVER_ERROR,
            "internal",
            format!("an internal error; the server's log holds it as {id}"),
        );
        e.id = Some(id);
        e
    }
}

/// A new id for an internal error, for the log and the answer: the time in
/// microseconds and a count, in hex.
fn error_id() -> String {
    use std::sync::atomic::{AtomicU64, Ordering};
    static COUNT: AtomicU64 = AtomicU64::new(0);
    let micros = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_micros() as u64);
    format!("{micros:x}-{:x}", COUNT.fetch_add(1, Ordering::Relaxed))
}

impl From<StoreError> for ApiError {
    fn from(e: StoreError) -> Self {
        match e {
            StoreError::Transition { .. } => {
                Self::new(StatusCode::CONFLICT, "conflict", e.to_string())
            }
            StoreError::Ambiguous(_) => Self::new(StatusCode::CONFLICT, "ambiguous", e.to_string()),
            StoreError::InUse { .. } => Self::new(StatusCode::CONFLICT, "in_use", e.to_string()),
            StoreError::Invalid(_) => Self::bad(e.to_string()),
            ref d if d.is_damage() => {
                let mut out = Self::internal("the store is damaged", &e);
                out.code = "store_damaged";
                out.message = format!(
                    "the store is damaged: run `beacon check` on the server's data directory (logged as {})",
                    out.id.as_deref().unwrap_or("")
                );
                out
            }
            _ => Self::internal("the store", &e),
        }
    }
}

impl From<beacon_search::SearchError> for ApiError {
    fn from(e: beacon_search::SearchError) -> Self {
        match e {
            beacon_search::SearchError::Query { .. } => Self::bad(e.to_string()),
            beacon_search::SearchError::TooComplex(_) => {
                Self::new(StatusCode::BAD_REQUEST, "query_too_complex", e.to_string())
            }
            _ => Self::internal("search", &e),
        }
    }
}

impl From<beacon_watch::RunError> for ApiError {
    fn from(e: beacon_watch::RunError) -> Self {
        Self::internal("watching", &e)
    }
}

/// A value as JSON for an answer.
fn to_json<T: serde::Serialize>(v: T) -> Result<Json<Value>> {
    serde_json::to_value(v)
        .map(Json)
        .map_err(|e| ApiError::internal("an answer as JSON", &e))
}

/// Gives every error answer the API's envelope, `{"error": {"code",
/// "message"}}`: those of the framework too (a body that is not JSON, too
/// large or of the wrong type, a path that does not decode), which come as
/// plain text.
pub(crate) async fn envelope(
    req: axum::extract::Request,
    next: axum::middleware::Next,
) -> Response {
    let res = next.run(req).await;
    let status = res.status();
    let is_json = res
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| {
            v.starts_with("application/json") || v.starts_with("application/taxii+json")
        });
    if !(status.is_client_error() || status.is_server_error()) || is_json {
        return res;
    }
    let allow = res.headers().get(header::ALLOW).cloned();
    let text = axum::body::to_bytes(res.into_body(), 64 * 1024)
        .await
        .map(|b| String::from_utf8_lossy(&b).trim().to_owned())
        .unwrap_or_default();
    let code = match status {
        StatusCode::BAD_REQUEST => "bad_request",
        StatusCode::NOT_FOUND => "not_found",
        StatusCode::METHOD_NOT_ALLOWED => "method_not_allowed",
        StatusCode::PAYLOAD_TOO_LARGE => "too_large",
        StatusCode::UNSUPPORTED_MEDIA_TYPE => "unsupported_media_type",
        StatusCode::UNPROCESSABLE_ENTITY => "unprocessable",
        s if s.is_server_error() => {
            return ApiError::internal("the framework", &text).into_response();
        }
        _ => "bad_request",
    };
    let message = if text.is_empty() {
        status.canonical_reason().unwrap_or("error").to_owned()
    } else {
        text
    };
    let mut out = ApiError::new(status, code, message).into_response();
    if let Some(a) = allow {
        // a 405 says what the route takes
        out.headers_mut().insert(header::ALLOW, a);
    }
    out
}

type Result<T> = std::result::Result<T, ApiError>;

/// Runs `f` with a connection to the store, off the async threads. The
/// connections are kept in a pool between requests (SQLite in WAL mode lets
/// them read while an ingest writes).
async fn with_store<T: Send + 'static>(
    st: &Arc<AppState>,
    f: impl FnOnce(&mut Store) -> Result<T> + Send + 'static,
) -> Result<T> {
    pooled(st, f, |e| ApiError::internal("a request's thread", &e)).await
}

/// [`with_store`] for any error a store's can become; `lost` makes the
/// error of a thread that failed.
pub(crate) async fn pooled<T: Send + 'static, E: From<StoreError> + Send + 'static>(
    st: &Arc<AppState>,
    f: impl FnOnce(&mut Store) -> std::result::Result<T, E> + Send + 'static,
    lost: impl FnOnce(tokio::task::JoinError) -> E,
) -> std::result::Result<T, E> {
    let st = st.clone();
    tokio::task::spawn_blocking(move || {
        let pooled = st.pool.lock().ok().and_then(|mut p| p.pop());
        let mut store = match pooled {
            Some(s) => s,
            None => {
                let s = Store::open(&st.data)?;
                // reads through memory maps: fewer system calls
                s.map_memory(1 << 30)?;
                s
            }
        };
        let out = f(&mut store);
        if let Ok(mut p) = st.pool.lock() {
            p.push(store);
        }
        out
    })
    .await
    .map_err(lost)?
}

/// `/metrics`: the store's figures (articles, stories, rejections, alerts
/// by state, sources by state, collected URLs) and the process's own
/// counters where it has them (`beacon run`: requests, bytes, pages,
/// timings, the queue), in the Prometheus text format.
pub(crate) async fn metrics(State(st): St) -> Result<Response> {
    let process = st.metrics.clone();
    with_store(&st, move |store| {
        let mut out = String::new();
        let mut gauge = |name: &str, help: &str, lines: &[(String, u64)]| {
            out.push_str(&format!("# HELP {name} {help}\n# TYPE {name} gauge\n"));
            for (labels, v) in lines {
                out.push_str(&format!("{name}{labels} {v}\n"));
            }
        };
        let counts = store.counts()?;
        let one = |v: u64| [(String::new(), v)];
        gauge(
            "beacon_store_articles",
            "Articles in the store.",
            &one(counts.articles),
        );
        gauge(
            "beacon_store_rejections",
            "Inputs rejected, by origin.",
            &one(counts.rejections),
        );
        gauge(
            "beacon_store_stories",
            "Stories in the store.",
            &one(store.story_count()?),
        );
        let alerts: Vec<(String, u64)> = [
            AlertStatus::New,
            AlertStatus::Acknowledged,
            AlertStatus::Closed,
        ]
        .into_iter()
        .map(|s| {
            Ok((
                format!("{{status=\"{}\"}}", s.as_str()),
                store.alerts(Some(s), None, 0, 0)?.0,
            ))
        })
        .collect::<Result<_>>()?;
        gauge("beacon_alerts", "Alerts, by state.", &alerts);
        let mut by_state = std::collections::BTreeMap::<&str, u64>::new();
        for (s, h) in store.sources()? {
            // a source not fetched yet counts as ok until it fails
            let state = match s.state(&h) {
                beacon_model::SourceState::NeverCollected => "ok",
                other => other.as_str(),
            };
            *by_state.entry(state).or_default() += 1;
        }
        let sources: Vec<(String, u64)> = by_state
            .iter()
            .map(|(k, v)| (format!("{{state=\"{k}\"}}"), *v))
            .collect();
        gauge("beacon_sources", "Sources, by state.", &sources);
        let seen: u64 = store.seen_counts()?.iter().map(|(_, n)| *n as u64).sum();
        gauge(
            "beacon_collected_urls",
            "Article URLs collected (each once).",
            &one(seen),
        );
        if let Some(render) = &process {
            out.push_str(&render());
        }
        Ok((
            [(
                header::CONTENT_TYPE,
                "text/plain; version=0.0.4; charset=utf-8",
            )],
            out,
        )
            .into_response())
    })
    .await
}

/// The user a token of the store speaks for (the first of `given` that
/// is one), or none.
pub(crate) async fn user_viewer(st: &Arc<AppState>, given: Vec<String>) -> Option<Viewer> {
    with_store(st, move |store| {
        for g in &given {
            if let Some(v) = store.viewer_of_token(g)? {
                return Ok(Some(v));
            }
        }
        Ok(None)
    })
    .await
    .ok()
    .flatten()
}

/// The user a signed-in session speaks for, with its CSRF token.
pub(crate) async fn session_viewer(st: &Arc<AppState>, id: String) -> Option<(Viewer, String)> {
    with_store(st, move |store| Ok(store.viewer_of_session(&id)?))
        .await
        .ok()
        .flatten()
}

/// `POST /login` (a form: `user`, `password`): a new session, its id in an
/// `HttpOnly`, `SameSite=Strict` cookie (`Secure` off loopback); never the
/// id a browser brought (no session fixation). Five failures in a row lock
/// the user out for fifteen minutes.
pub(crate) async fn sign_in(
    State(st): St,
    headers: axum::http::HeaderMap,
    axum::Form(form): axum::Form<HashMap<String, String>>,
) -> Response {
    let user = form.get("user").cloned().unwrap_or_default();
    let password = form.get("password").cloned().unwrap_or_default();
    let who = user.clone();
    let outcome = with_store(&st, move |store| {
        let out = store.sign_in(&user, &password)?;
        let what = match &out {
            beacon_store::SignIn::Session { .. } => "session.start",
            beacon_store::SignIn::Refused => "session.refused",
            beacon_store::SignIn::Locked { .. } => "session.locked",
        };
        store.audit(&user, what, &user, "")?;
        Ok(out)
    })
    .await;
    match outcome {
        Ok(beacon_store::SignIn::Session { id, .. }) => {
            let secure = if crate::on_loopback(&headers) {
                ""
            } else {
                "; Secure"
            };
            let c = format!("beacon_session={id}; HttpOnly; SameSite=Strict; Path=/{secure}");
            ([(header::SET_COOKIE, c)], Redirect::to("/")).into_response()
        }
        Ok(beacon_store::SignIn::Locked { until }) => ApiError::new(
            StatusCode::TOO_MANY_REQUESTS,
            "locked",
            format!("{who} is locked out until {until} after repeated failures"),
        )
        .into_response(),
        Ok(beacon_store::SignIn::Refused) => ApiError::new(
            StatusCode::UNAUTHORIZED,
            "unauthorized",
            "wrong user or password",
        )
        .into_response(),
        Err(e) => e.into_response(),
    }
}

/// `POST /logout`: ends the browser's session and forgets its cookies.
pub(crate) async fn sign_out(State(st): St, headers: axum::http::HeaderMap) -> Response {
    let id = crate::cookie(&headers, "beacon_session").map(str::to_owned);
    if let Some(id) = id {
        let _ = with_store(&st, move |store| Ok(store.sign_out(&id)?)).await;
    }
    let gone = "beacon_session=; Max-Age=0; HttpOnly; SameSite=Strict; Path=/";
    let token_gone = "beacon_token=; Max-Age=0; HttpOnly; SameSite=Strict; Path=/";
    let mut res = Redirect::to("/").into_response();
    for c in [gone, token_gone] {
        if let Ok(v) = axum::http::HeaderValue::from_str(c) {
            res.headers_mut().append(header::SET_COOKIE, v);
        }
    }
    res
}

/// `/api/session`: who the caller is, and the CSRF token a browser's
/// changes carry (`X-CSRF-Token`) when it signed in.
async fn session(
    Extension(viewer): Extension<Viewer>,
    Extension(csrf): Extension<crate::Csrf>,
) -> Json<Value> {
    let mut v = match viewer {
        Viewer::Operator => json!({"viewer": "operator", "scope": "admin"}),
        Viewer::User { id, org, scope } => {
            json!({"viewer": "user", "user": id, "org": org, "scope": scope})
        }
        Viewer::Public => json!({"viewer": "public"}),
    };
    if let Some(c) = csrf.0 {
        v["csrf"] = json!(c);
    }
    Json(v)
}

/// What a viewer may see, as the store's and the index's readers ask it.
struct Sight {
    viewer: Viewer,
    sharing: Sharing,
}

impl Sight {
    fn of(viewer: Viewer, store: &Store) -> Result<Sight> {
        let sharing = match viewer {
            Viewer::Operator => Sharing::default(),
            _ => store.sharing()?,
        };
        Ok(Sight { viewer, sharing })
    }

    fn sees(&self, m: &Marking) -> bool {
        self.viewer.may_see(m, &self.sharing)
    }
}

pub(crate) fn routes() -> axum::Router<Arc<AppState>> {
    axum::Router::new()
        .route("/api/events", get(events))
        .route(
            "/api/events/{id}/review",
            get(review::get).post(review::post),
        )
        .route("/api/stories", get(stories))
        .route("/api/articles/{id}", get(article))
        .route("/api/search", get(search))
        .route("/api/stix", get(stix))
        .route("/api/imported", get(imported))
        .route("/api/session", get(session))
        .route("/api/alerts", get(alerts))
        .route("/api/alerts/{id}", get(alert))
        .route("/api/alerts/{id}/acknowledge", post(acknowledge))
        .route("/api/alerts/{id}/close", post(close))
        .route("/api/watchlists", get(watchlists).post(create_watchlist))
        .route(
            "/api/watchlists/{id}",
            get(watchlist)
                .put(replace_watchlist)
                .delete(delete_watchlist),
        )
        .route("/api/watchlists/{id}/feed.atom", get(feed))
        .route(
            "/api/zones",
            get(zones).post(upload_zone.layer(axum::extract::DefaultBodyLimit::max(
                crate::routes::MAX_ZONE_BODY,
            ))),
        )
        .route("/api/zones/{id}", axum::routing::delete(delete_zone))
        .route("/api/sources", get(sources::list).post(sources::create))
        .route(
            "/api/sources/{id}",
            get(sources::one)
                .put(sources::replace)
                .delete(sources::delete),
        )
        .route("/api/timeline", get(timeline))
        .route("/api/map/countries", get(countries))
        .route("/api/openapi.json", get(|| async { Json(openapi()) }))
        .route_layer(axum::middleware::from_fn(crate::routes::strict_query))
        .layer(axum::extract::DefaultBodyLimit::max(
            crate::routes::MAX_BODY,
        ))
}

fn page_of(q: &HashMap<String, String>, default: usize) -> Result<(usize, usize)> {
    let num = |k: &'static str, d: usize, range: std::ops::RangeInclusive<u64>| -> Result<usize> {
        match q.get(k).map(|v| v.trim()).filter(|v| !v.is_empty()) {
            None => Ok(d),
            Some(v) => v
                .parse::<u64>()
                .ok()
                .filter(|n| range.contains(n))
                .map(|n| n as usize)
                .ok_or_else(|| {
                    ApiError::bad_param(
                        k,
                        format!(
                            "{k} must be a whole number from {} to {}, not {v:?}",
                            range.start(),
                            range.end()
                        ),
                    )
                }),
        }
    };
    Ok((
        num("limit", default, 1..=MAX_LIMIT)?,
        num("offset", 0, 0..=u64::from(u32::MAX))?,
    ))
}

/// The event filters of a query: [`Filter::set`], the parser the CLI's
/// options go through too.
fn filter_of(q: &HashMap<String, String>) -> Result<Filter> {
    let mut f = Filter::default();
    for (k, v) in q {
        f.set(k, v)
            .map_err(|e| ApiError::bad_param(e.param, e.message))?;
    }
    Ok(f)
}

async fn events(
    State(st): St,
    Extension(viewer): Extension<Viewer>,
    Query(q): Params,
) -> Result<Response> {
    let filter = filter_of(&q)?;
    let (limit, offset) = page_of(&q, 100)?;
    let state = st.clone();
    with_store(&st, move |store| {
        // catch up with what was written since (at most every REFRESH; one
        // indexed query when nothing was), then filter in memory and fetch
        // the page's records
        let poisoned =
            || ApiError::new(StatusCode::INTERNAL_SERVER_ERROR, "internal", "event index");
        if crate::due(&state.refreshed) {
            state
                .events
                .write()
                .map_err(|_| poisoned())?
                .refresh(store)?;
        }
        store.snapshot(|store| {
            let sight = Sight::of(viewer, store)?;
            let index = state.events.read().map_err(|_| poisoned())?;
            let (total, ids) = index.query_for(&filter, limit, offset, &|m| sight.sees(m));
            let items = store.event_records_json(&ids, &|m| sight.sees(m))?;
            let body = format!("{{\"total\":{total},\"items\":{items}}}");
            Ok(([(header::CONTENT_TYPE, "application/json")], body).into_response())
        })
    })
    .await
}

async fn stories(
    State(st): St,
    Extension(viewer): Extension<Viewer>,
    Query(q): Params,
) -> Result<Json<Value>> {
    let filter = filter_of(&q)?;
    let (limit, offset) = page_of(&q, 50)?;
    with_store(&st, move |store| {
        // one snapshot: the markings and the rows they filter agree
        store.snapshot(|store| stories_of(store, viewer, &filter, limit, offset))
    })
    .await
}

fn stories_of(
    store: &Store,
    viewer: Viewer,
    filter: &Filter,
    limit: usize,
    offset: usize,
) -> Result<Json<Value>> {
    {
        let sight = Sight::of(viewer, store)?;
        let (total, page) =
            store.stories_page_for(filter, limit as u32, offset as u32, &|m| sight.sees(m))?;
        let mut items = Vec::new();
        for s in page {
            let articles: Vec<Value> = store
                .story_articles(&s.id)?
                .into_iter()
                .map(|(id, url, origin)| json!({"id": id, "url": url, "origin": origin}))
                .collect();
            let Json(mut v) = to_json(&s)?;
            v["articles"] = Value::Array(articles);
            items.push(v);
        }
        Ok(Json(json!({"total": total, "items": items})))
    }
}

async fn article(
    State(st): St,
    Extension(viewer): Extension<Viewer>,
    Path(id): Path<String>,
) -> Result<Json<Value>> {
    with_store(&st, move |store| {
        store.snapshot(|store| {
        let sight = Sight::of(viewer, store)?;
        // one the viewer may not see is as absent as one never stored
        let a = store
            .article(&id)?
            .filter(|a| sight.sees(&a.marking))
            .ok_or_else(|| ApiError::not_found("such article"))?;
        let (mentions, times, events, story) = store.analysis(&a.id.0)?.unwrap_or_default();
        Ok(Json(json!({
            "article": a, "mentions": mentions, "times": times, "events": events, "story_id": story,
        })))
    })
    })
    .await
}

async fn search(
    State(st): St,
    Extension(viewer): Extension<Viewer>,
    Query(q): Params,
) -> Result<Json<Value>> {
    let filter = filter_of(&q)?;
    let (limit, offset) = page_of(&q, 20)?;
    let scope = match q.get("scope").map(String::as_str) {
        None | Some("" | "all") => Scope::All,
        Some("articles") => Scope::Articles,
        Some("events") => Scope::Events,
        Some(v) => {
            return Err(ApiError::bad_param(
                "scope",
                format!("scope must be all, articles or events, not {v:?}"),
            ));
        }
    };
    let sort = match q.get("sort").map(String::as_str) {
        None | Some("" | "relevance") => Sort::Relevance,
        Some("newest") => Sort::Newest,
        Some(v) => {
            return Err(ApiError::bad_param(
                "sort",
                format!("sort must be relevance or newest, not {v:?}"),
            ));
        }
    };
    let text = q.get("q").cloned().unwrap_or_default();
    // within the limits before anything else runs
    beacon_search::check_query(text.trim())?;
    let request = Request {
        text,
        filter,
        scope,
        sort,
        limit,
        offset,
    };
    let state = st.clone();
    with_store(&st, move |store| {
        let sight = Sight::of(viewer, store)?;
        let index = crate::search_index(&state, store)?;
        to_json(index.search_for(&request, &|m| sight.sees(m))?)
    })
    .await
}

/// `/api/stix`: the page of stories the caller may see (with their
/// events) as one STIX 2.1 bundle.
async fn stix(
    State(st): St,
    Extension(viewer): Extension<Viewer>,
    Query(q): Params,
) -> Result<Response> {
    let filter = filter_of(&q)?;
    let (limit, offset) = page_of(&q, 100)?;
    let state = st.clone();
    with_store(&st, move |store| {
        store.snapshot(|store| {
            let sight = Sight::of(viewer, store)?;
            let (_, stories) =
                store.stories_page_for(&filter, limit as u32, offset as u32, &|m| sight.sees(m))?;
            let producer = beacon_share::stix::Producer {
                org: store.home_org()?.map(|o| (o.id, o.name)),
                aliases: state.taxii.aliases(),
            };
            let ids = stories
                .iter()
                .flat_map(|s| &s.events)
                .map(|se| se.event.id.as_str());
            let notes = store.notes_for(ids, &|m| sight.sees(m))?;
            let body = beacon_share::stix::bundle(&stories, &notes, &producer).to_string();
            Ok(([(header::CONTENT_TYPE, "application/json")], body).into_response())
        })
    })
    .await
}

/// `/api/imported`: what partners brought that the caller may see, each
/// with its partner organisation (id and name) and its TLP here.
async fn imported(
    State(st): St,
    Extension(viewer): Extension<Viewer>,
    Query(q): Params,
) -> Result<Json<Value>> {
    let (limit, offset) = page_of(&q, 100)?;
    with_store(&st, move |store| {
        store.snapshot(|store| {
            let sight = Sight::of(viewer, store)?;
            let (total, page) =
                store.imported_for(limit as u32, offset as u32, &|m| sight.sees(m))?;
            let mut names: HashMap<String, Option<String>> = HashMap::new();
            let mut items = Vec::with_capacity(page.len());
            for o in page {
                let name = match names.get(&o.org) {
                    Some(n) => n.clone(),
                    None => {
                        let n = store.org(&o.org)?.map(|x| x.name);
                        names.insert(o.org.clone(), n.clone());
                        n
                    }
                };
                let object: Value = serde_json::from_str(&o.record)
                    .map_err(|e| ApiError::internal("an imported object", &e))?;
                items.push(beacon_share::imported_view(
                    &o.kind,
                    object,
                    (&o.org, name.as_deref()),
                    o.marking.tlp,
                ));
            }
            Ok(Json(json!({"total": total, "items": items})))
        })
    })
    .await
}

fn status_of(q: &HashMap<String, String>) -> Result<Option<AlertStatus>> {
    Ok(match q.get("status").map(String::as_str) {
        None | Some("" | "all") => None,
        Some("new") => Some(AlertStatus::New),
        Some("acknowledged") => Some(AlertStatus::Acknowledged),
        Some("closed") => Some(AlertStatus::Closed),
        Some(v) => {
            return Err(ApiError::bad_param(
                "status",
                format!("status must be new, acknowledged, closed or all, not {v:?}"),
            ));
        }
    })
}

async fn alerts(
    State(st): St,
    Extension(viewer): Extension<Viewer>,
    Query(q): Params,
) -> Result<Json<Value>> {
    let status = status_of(&q)?;
    let (limit, offset) = page_of(&q, 50)?;
    let watchlist = q.get("watchlist").cloned().filter(|w| !w.is_empty());
    with_store(&st, move |store| {
        store.snapshot(|store| {
            let sight = Sight::of(viewer, store)?;
            let page = (limit as u32, offset as u32);
            let (total, items) =
                store.alerts_for(status, watchlist.as_deref(), page, &|m| sight.sees(m))?;
            Ok(Json(json!({"total": total, "items": items})))
        })
    })
    .await
}

async fn alert(
    State(st): St,
    Extension(viewer): Extension<Viewer>,
    Path(id): Path<String>,
) -> Result<Json<Value>> {
    with_store(&st, move |store| {
        let sight = Sight::of(viewer, store)?;
        let a = store
            .alert(&id)?
            .filter(|a| sight.sees(&a.marking))
            .ok_or_else(|| ApiError::not_found("such alert"))?;
        to_json(a)
    })
    .await
}

#[derive(serde::Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct By {
    by: Option<String>,
}

async fn transition(
    st: Arc<AppState>,
    id: String,
    t: Transition,
    body: Option<Json<By>>,
) -> Result<Json<Value>> {
    let by = body
        .and_then(|b| b.0.by)
        .map(|b| b.trim().to_owned())
        .filter(|b| !b.is_empty())
        .ok_or_else(|| ApiError::bad("say who: {\"by\": \"name\"}"))?;
    if by.chars().count() > 100 || by.chars().any(char::is_control) {
        return Err(ApiError::bad(
            "a name of at most 100 characters, without control characters",
        ));
    }
    with_store(&st, move |store| {
        let a = store
            .set_alert_status(&id, t, &by)?
            .ok_or_else(|| ApiError::not_found("such alert"))?;
        to_json(a)
    })
    .await
}

async fn acknowledge(
    State(st): St,
    Path(id): Path<String>,
    body: Option<Json<By>>,
) -> Result<Json<Value>> {
    transition(st, id, Transition::Acknowledge, body).await
}

async fn close(
    State(st): St,
    Path(id): Path<String>,
    body: Option<Json<By>>,
) -> Result<Json<Value>> {
    transition(st, id, Transition::Close, body).await
}

async fn watchlists(State(st): St, Extension(viewer): Extension<Viewer>) -> Result<Json<Value>> {
    with_store(&st, move |store| {
        let sight = Sight::of(viewer, store)?;
        let mut items = store.watchlists()?;
        items.retain(|w| sight.sees(&w.marking));
        Ok(Json(json!({"total": items.len(), "items": items})))
    })
    .await
}

/// A watchlist the viewer may see (else none, as if it were not there).
fn visible_watchlist(store: &Store, sight: &Sight, id: &str) -> Result<Watchlist> {
    store
        .watchlist(id)?
        .filter(|w| sight.sees(&w.marking))
        .ok_or_else(|| ApiError::not_found("such watchlist"))
}

async fn watchlist(
    State(st): St,
    Extension(viewer): Extension<Viewer>,
    Path(id): Path<String>,
) -> Result<Json<Value>> {
    with_store(&st, move |store| {
        let sight = Sight::of(viewer, store)?;
        to_json(visible_watchlist(store, &sight, &id)?)
    })
    .await
}

/// Reads a watchlist from a request body ([`Watchlist::from_json`], as
/// `beacon watch add --from-json` reads it), its id from the path when
/// there is one.
fn watchlist_of(mut v: Value, id: Option<String>) -> Result<Watchlist> {
    if let (Some(obj), Some(id)) = (v.as_object_mut(), id) {
        match obj.get("id") {
            None | Some(Value::Null) => {}
            Some(Value::String(given)) if given.is_empty() || *given == id => {}
            Some(other) => {
                return Err(ApiError::bad(format!(
                    "the body's id {other} is not the path's {id:?}"
                )));
            }
        }
        obj.insert("id".into(), Value::String(id));
    }
    Watchlist::from_json(v).map_err(ApiError::bad)
}

fn check_watchlist(w: &Watchlist, store: &Store, state: &AppState) -> Result<()> {
    let custom = beacon_watch::custom_zones(store)?;
    beacon_watch::validate(w, state.gazetteer(), &custom, &state.notify.outbound)
        .map_err(ApiError::bad)
}

fn now() -> String {
    chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
}

async fn put_watchlist(st: Arc<AppState>, w: Watchlist, created: bool) -> Result<Response> {
    let state = st.clone();
    with_store(&st, move |store| {
        check_watchlist(&w, store, &state)?;
        if created && store.watchlist(&w.id)?.is_some() {
            return Err(ApiError::new(
                StatusCode::CONFLICT,
                "exists",
                format!("a watchlist {} exists: PUT it to replace it", w.id),
            ));
        }
        store.put_watchlist(&w)?;
        let evaluated = evaluate(&state, store)?;
        let status = if created {
            StatusCode::CREATED
        } else {
            StatusCode::OK
        };
        let mut body = json!({"watchlist": w});
        match evaluated {
            Ok(new) => body["new_alerts"] = json!(new),
            Err(note) => body["note"] = json!(note),
        }
        Ok((status, Json(body)).into_response())
    })
    .await
}

/// Evaluates the watchlists now, when no other process is filing: the
/// number of new alerts. Otherwise `Err` with a note, and the evaluation
/// runs on a thread of its own as soon as that process is done (an ingest
/// evaluates every watchlist at its end too).
fn evaluate(
    state: &Arc<AppState>,
    store: &mut Store,
) -> Result<std::result::Result<usize, String>> {
    let what = "beacon serve (a watchlist changed)";
    let watch_error = |e: beacon_notify::NotifyError| ApiError::internal("watching", &e);
    match beacon_store::try_lock_filer(&state.data, what)? {
        Ok(lock) => {
            let g = state.gazetteer();
            let (new, _) = beacon_notify::watch_and_notify(store, &state.notify, &lock, g)
                .map_err(watch_error)?;
            Ok(Ok(new.len()))
        }
        Err(holder) => {
            use std::sync::atomic::Ordering;
            // one waiter at a time: it evaluates every watchlist once it
            // has the lock, so later changes need no waiter of their own
            // until it has it
            if !state.evaluation_waiting.swap(true, Ordering::AcqRel) {
                let state = state.clone();
                std::thread::spawn(move || {
                    let lock = beacon_store::lock_filer(&state.data, what, &mut |_| {});
                    state.evaluation_waiting.store(false, Ordering::Release);
                    let evaluated = lock.map_err(|e| e.to_string()).and_then(|lock| {
                        let mut store = Store::open(&state.data).map_err(|e| e.to_string())?;
                        let g = state.gazetteer();
                        beacon_notify::watch_and_notify(&mut store, &state.notify, &lock, g)
                            .map_err(|e| e.to_string())
                    });
                    if let Err(e) = evaluated {
                        tracing::error!("evaluating the watchlists after a change: {e}");
                    }
                });
            }
            Ok(Err(format!(
                "another process is filing into the store ({holder}): the watchlists are evaluated as soon as it is done"
            )))
        }
    }
}

async fn create_watchlist(State(st): St, Json(v): Json<Value>) -> Result<Response> {
    put_watchlist(st, watchlist_of(v, None)?, true).await
}

async fn replace_watchlist(
    State(st): St,
    Path(id): Path<String>,
    Json(v): Json<Value>,
) -> Result<Response> {
    put_watchlist(st, watchlist_of(v, Some(id))?, false).await
}

async fn delete_watchlist(State(st): St, Path(id): Path<String>) -> Result<Json<Value>> {
    with_store(&st, move |store| {
        if store.delete_watchlist(&id)? {
            Ok(Json(json!({"deleted": id})))
        } else {
            Err(ApiError::not_found("such watchlist"))
        }
    })
    .await
}

/// Text for XML: `&`, `<`, `>`, `"` escaped, and the control characters
/// XML forbids dropped.
fn xml(s: &str) -> String {
    s.chars()
        .filter(|&c| !c.is_control() || matches!(c, '\t' | '\n' | '\r'))
        .collect::<String>()
        .replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

async fn feed(
    State(st): St,
    Extension(viewer): Extension<Viewer>,
    Path(id): Path<String>,
) -> Result<Response> {
    with_store(&st, move |store| {
        let sight = Sight::of(viewer, store)?;
        let w = visible_watchlist(store, &sight, &id)?;
        let (_, alerts) = store.alerts_for(None, Some(&w.id), (100, 0), &|m| sight.sees(m))?;
        let updated = alerts.first().map_or_else(now, |a| a.updated_at.clone());
        let mut out = format!(
            "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\">\n\
             <id>urn:beacon:watchlist:{}</id>\n<title>Beacon: {}</title>\n<updated>{}</updated>\n",
            xml(&w.id),
            xml(&w.name),
            xml(&updated)
        );
        for a in &alerts {
            let mut summary = a.explanation.summary.clone();
            for e in &a.explanation.events {
                summary.push_str("\n— ");
                summary.push_str(&e.brief());
            }
            out.push_str(&format!(
                "<entry>\n<id>urn:beacon:alert:{}</id>\n<title>{}</title>\n<updated>{}</updated>\n\
                 <published>{}</published>\n<category term=\"{}\"/>\n<summary type=\"text\">{}</summary>\n</entry>\n",
                xml(&a.id),
                xml(&a.title),
                xml(&a.updated_at),
                xml(&a.created_at),
                a.status.as_str(),
                xml(&summary)
            ));
        }
        out.push_str("</feed>\n");
        Ok(([(header::CONTENT_TYPE, "application/atom+xml; charset=utf-8")], out).into_response())
    })
    .await
}

fn zone_geometry(g: &Gazetteer, z: &beacon_gazetteer::Zone) -> Value {
    match z.kind {
        ZoneKind::Border => {
            let lines: Vec<Vec<[f32; 2]>> = z
                .borders
                .iter()
                .flat_map(|&(a, b)| g.border_lines(a, b))
                .map(|l| l.iter().map(|&(x, y)| [x, y]).collect())
                .collect();
            json!({"type": "MultiLineString", "coordinates": lines})
        }
        ZoneKind::Region => Value::Null,
    }
}

async fn zones(State(st): St) -> Result<Json<Value>> {
    let state = st.clone();
    with_store(&st, move |store| {
        let g = state.gazetteer();
        let mut ids: Vec<String> = g.zones().iter().map(|z| z.id.clone()).collect();
        // the border zones in use: in watchlists, and where events were placed
        for w in store.watchlists()? {
            ids.extend(w.zones.iter().map(ToString::to_string));
        }
        ids.extend(store.event_zones()?);
        let mut seen = std::collections::HashSet::new();
        let mut items = Vec::new();
        for id in ids {
            if !seen.insert(id.clone()) {
                continue;
            }
            let parsed = id.parse::<ZoneId>().ok();
            if let Some(ZoneId::Country(c) | ZoneId::Admin1 { country: c, .. }) = &parsed {
                let (kind, name) = match &parsed {
                    Some(ZoneId::Admin1 { name, .. }) => ("admin1", format!("{c} / {name}")),
                    _ => ("country", c.to_string()),
                };
                items.push(json!({"id": id, "name": name, "kind": kind,
                                  "countries": [c.to_string()], "geometry": null}));
            } else if let Some(z) = g.zone(&id) {
                let kind = match z.kind {
                    ZoneKind::Border => "border",
                    ZoneKind::Region => "region",
                };
                let countries: Vec<&str> = z.countries.iter().map(beacon_gazetteer::code_str).collect();
                items.push(json!({"id": z.id, "name": z.name, "kind": kind, "countries": countries,
                                  "geometry": zone_geometry(g, &z)}));
            }
        }
        for (id, name, text) in store.zones()? {
            // every polygon watched, whatever the upload wrapped it in
            let geometry = serde_json::from_str::<Value>(&text)
                .ok()
                .and_then(|v| beacon_watch::Polygons::from_geojson(&v).ok())
                .map_or(Value::Null, |p| p.geometry());
            items.push(json!({"id": id, "name": name, "kind": "custom", "countries": [], "geometry": geometry}));
        }
        Ok(Json(json!({"total": items.len(), "items": items})))
    })
    .await
}

async fn upload_zone(State(st): St, Json(v): Json<Value>) -> Result<Response> {
    let fields = v
        .as_object()
        .ok_or_else(|| ApiError::bad("a zone is an object: {\"id\", \"name\", \"geojson\"}"))?;
    if let Some(k) = fields
        .keys()
        .find(|k| !matches!(k.as_str(), "id" | "name" | "geojson"))
    {
        return Err(ApiError::bad(format!(
            "unknown field {k:?} of a zone (id, name, geojson)"
        )));
    }
    let geojson = v
        .get("geojson")
        .cloned()
        .ok_or_else(|| ApiError::bad("no geojson"))?;
    let name = match v.get("name") {
        None | Some(Value::Null) => None,
        Some(n) => Some(
            n.as_str()
                .ok_or_else(|| ApiError::bad("a zone's name is text"))?,
        ),
    };
    let id = v.get("id").and_then(Value::as_str).unwrap_or("").to_owned();
    let name = name.map(str::to_owned);
    let checked = geojson.clone();
    // the rings' checks may take a moment on a detailed zone: off the
    // async threads
    let up = tokio::task::spawn_blocking(move || {
        beacon_watch::check_upload(&id, name.as_deref(), &checked)
    })
    .await
    .map_err(|e| ApiError::internal("a zone's check", &e))?
    .map_err(ApiError::bad)?;
    let (id, name) = (up.id.to_string(), up.name);
    with_store(&st, move |store| {
        store.put_zone(&id, &name, &geojson.to_string())?;
        Ok((StatusCode::CREATED, Json(json!({"id": id, "name": name}))).into_response())
    })
    .await
}

async fn delete_zone(State(st): St, Path(id): Path<String>) -> Result<Json<Value>> {
    with_store(&st, move |store| {
        if store.delete_zone(&id)? {
            Ok(Json(json!({"deleted": id})))
        } else {
            Err(ApiError::not_found("such zone"))
        }
    })
    .await
}

async fn timeline(State(st): St, Query(q): Params) -> Result<Json<Value>> {
    let zone: ZoneId = q
        .get("zone")
        .filter(|z| !z.trim().is_empty())
        .ok_or_else(|| ApiError::bad_param("zone", "give a zone"))?
        .parse()
        .map_err(|e: beacon_model::BadValue| ApiError::bad_param("zone", e.0))?;
    let days: i64 = match q.get("days").map(|d| d.trim()).filter(|d| !d.is_empty()) {
        None => 90,
        Some(d) => d
            .parse()
            .ok()
            .filter(|d| (1..=crate::routes::MAX_TIMELINE_DAYS as i64).contains(d))
            .ok_or_else(|| {
                ApiError::bad_param(
                    "days",
                    format!(
                        "days must lie between 1 and {}",
                        crate::routes::MAX_TIMELINE_DAYS
                    ),
                )
            })?,
    };
    let state = st.clone();
    with_store(&st, move |store| {
        let custom = beacon_watch::custom_zones(store)?;
        let g = state.gazetteer();
        if !beacon_watch::known_zone(g, &custom, &zone) {
            return Err(ApiError::not_found(&format!("zone {zone}")));
        }
        let watcher = beacon_watch::Watcher::new(g, &custom);
        let mut counts: std::collections::BTreeMap<i64, usize> = Default::default();
        // the candidates: events in the zone's countries (or in none)
        let countries: Option<Vec<String>> = match &zone {
            ZoneId::Country(c) | ZoneId::Admin1 { country: c, .. } => Some(vec![c.to_string()]),
            ZoneId::Custom(_) => None,
            ZoneId::Border(_) | ZoneId::Region(_) => g.zone(&zone.to_string()).map(|z| {
                z.countries
                    .iter()
                    .map(|c| beacon_gazetteer::code_str(c).to_owned())
                    .collect()
            }),
        };
        for e in store.current_events_in(countries.as_deref())? {
            if watcher.in_zone(&zone, &e.event, 50.0).is_none() {
                continue;
            }
            if let Some(d) = e.event.date.as_ref().and_then(|d| epoch_day(&d.value)) {
                *counts.entry(d).or_default() += 1;
            }
        }
        // the window ends on the zone's latest event (an archive's days are past)
        let end = counts.keys().next_back().copied().unwrap_or_else(|| {
            epoch_day(&now()).unwrap_or(0)
        });
        let series: Vec<Value> = (end - days + 1..=end)
            .map(|d| json!({"date": epoch_day_to_date(d), "count": counts.get(&d).copied().unwrap_or(0)}))
            .collect();
        let mut marks = Vec::new();
        for w in store.watchlists()?.into_iter().filter(|w| w.zones.contains(&zone)) {
            let (_, alerts) = store.alerts(None, Some(&w.id), 500, 0)?;
            for a in alerts {
                let date = a.explanation.events.iter().filter_map(|e| e.date.clone()).max();
                marks.push(json!({"id": a.id, "date": date, "created_at": a.created_at, "title": a.title, "status": a.status}));
            }
        }
        Ok(Json(json!({"zone": zone.to_string(), "days": series, "alerts": marks})))
    })
    .await
}

async fn countries() -> Response {
    ([(header::CONTENT_TYPE, "application/geo+json")], COUNTRIES).into_response()
}

/// `GET /login`: with `?token=`, the administrator's or a user's token
/// set as the browser's cookie; without, the sign-in form.
pub(crate) async fn login(State(st): St, Query(q): Params) -> Response {
    let given = q.get("token").cloned().unwrap_or_default();
    let cookie = |t: &str| {
        // never on a URL the browser keeps: set, then sent back to /
        let c = format!("beacon_token={t}; HttpOnly; SameSite=Strict; Path=/");
        ([(header::SET_COOKIE, c)], Redirect::to("/")).into_response()
    };
    if st
        .token
        .as_ref()
        .is_some_and(|t| crate::constant_time_eq(given.as_bytes(), t.as_bytes()))
    {
        return cookie(&given);
    }
    // a user's token: the browser then reads as that user
    if given.starts_with("bcn_") && user_viewer(&st, vec![given.clone()]).await.is_some() {
        return cookie(&given);
    }
    if given.is_empty() {
        // the sign-in form, which posts user and password back here
        return (
            [(header::CONTENT_TYPE, "text/html; charset=utf-8")],
            include_str!("../assets/login.html"),
        )
            .into_response();
    }
    ApiError::new(StatusCode::UNAUTHORIZED, "unauthorized", "wrong token").into_response()
}
