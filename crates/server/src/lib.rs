//! Beacon's dashboard and JSON API: `beacon serve` and `beacon demo`.
//!
//! - `/` is the dashboard: a static page (`assets/`) that draws everything
//!   from the API in the browser. Article text and every other field from
//!   the store are put into the page as text, never as markup, and every
//!   response carries a Content-Security-Policy that allows no inline script:
//!   an article holding `<script>` or `onerror=` runs nothing.
//! - `/api/…` is JSON over HTTP with the filters of the command line,
//!   pagination (`limit`, `offset`, and `total` in every list), and errors as
//!   `{"error": {"code", "message"}}` with stable codes. [`ROUTES`] lists the
//!   routes once: the router serves them and `/api/openapi.json` describes
//!   them (a test checks the two agree).
//! - Access: on a loopback address anyone on the machine may use it; on any
//!   other address `beacon serve` refuses to start without an access token,
//!   which requests then carry as `Authorization: Bearer …` (or as the
//!   `beacon_token` cookie that `/login?token=…` sets for a browser).

mod api;
mod routes;
mod taxii;

use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;

use axum::Router;
use axum::extract::{Request, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use beacon_model::{Scope, Viewer};

pub use api::ApiError;
pub use routes::{FILTERS, Kind, PAGE, Param, ROUTES, Route, openapi};

const INDEX_HTML: &str = include_str!("../assets/index.html");
const APP_JS: &str = include_str!("../assets/app.js");
const APP_CSS: &str = include_str!("../assets/app.css");

/// The policy every response carries: scripts and styles only from the
/// server's own files, no inline script, no framing, no other origin.
pub const CSP: &str = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; \
     connect-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

/// How stale the in-memory event index may be.
pub const REFRESH: std::time::Duration = std::time::Duration::from_millis(200);

/// Whether what `last` times is due again (never done, or [`REFRESH`] ago);
/// marks it done now when it is.
fn due(last: &std::sync::Mutex<Option<std::time::Instant>>) -> bool {
    due_after(last, REFRESH)
}

/// Whether what `last` times is due again after `every`; marks it done now
/// when it is.
fn due_after(
    last: &std::sync::Mutex<Option<std::time::Instant>>,
    every: std::time::Duration,
) -> bool {
    let Ok(mut at) = last.lock() else {
        return true;
    };
    let due = at.is_none_or(|t| t.elapsed() >= every);
    if due {
        *at = Some(std::time::Instant::now());
    }
    due
}

/// How often the search index catches up with the store while searches
/// come in.
pub const SEARCH_REFRESH: std::time::Duration = std::time::Duration::from_secs(1);

/// The search index, opened and brought up to date on first use. Later, a
/// search never waits for the index to catch up: at most every
/// [`SEARCH_REFRESH`] one catch-up runs on a thread of its own (the reader
/// sees its commits, and an ingest's, as they land). Another process
/// writing the index (an ingest) is left to it.
fn search_index<'a>(
    state: &'a Arc<AppState>,
    store: &beacon_store::Store,
) -> Result<&'a beacon_search::SearchIndex, api::ApiError> {
    use std::sync::atomic::Ordering;
    if let Some(index) = state.search.get() {
        if !state.search_syncing.load(Ordering::Relaxed)
            && due_after(&state.search_synced, SEARCH_REFRESH)
            && !state.search_syncing.swap(true, Ordering::AcqRel)
        {
            let state = state.clone();
            tokio::task::spawn_blocking(move || {
                if let Some(index) = state.search.get() {
                    let synced = match beacon_store::Store::open(&state.data) {
                        Ok(store) => match index.sync(&store) {
                            // an ingest writes the index: it brings it up to date
                            Ok(_) | Err(beacon_search::SearchError::Busy) => Ok(()),
                            Err(e) => Err(e.to_string()),
                        },
                        Err(e) => Err(e.to_string()),
                    };
                    if let Err(e) = synced {
                        tracing::warn!("the search index's catch-up: {e}");
                    }
                }
                state.search_syncing.store(false, Ordering::Release);
            });
        }
        return Ok(index);
    }
    let opened = beacon_search::SearchIndex::open(&beacon_search::SearchIndex::dir_of(store))?;
    match opened.sync(store) {
        Ok(_) | Err(beacon_search::SearchError::Busy) => {}
        Err(e) => return Err(e.into()),
    }
    due_after(&state.search_synced, std::time::Duration::ZERO);
    Ok(state.search.get_or_init(|| opened))
}

/// The process's own counters for `/metrics`, rendered in the Prometheus
/// text format (`beacon run`: the collector's).
pub type ProcessMetrics = Arc<dyn Fn() -> String + Send + Sync>;

/// How the server runs.
#[derive(Clone)]
pub struct Config {
    /// The data directory of the store.
    pub data: PathBuf,
    /// Where to listen.
    pub addr: SocketAddr,
    /// The access token requests must carry (required off loopback).
    pub token: Option<String>,
    /// The process's own counters, served on `/metrics` beside the store's.
    pub metrics: Option<ProcessMetrics>,
}

/// Shared by every request.
pub struct AppState {
    /// The store's directory.
    pub data: PathBuf,
    /// Open connections to it, reused by requests.
    pool: std::sync::Mutex<Vec<beacon_store::Store>>,
    /// The events' filter columns in memory, caught up with the store at
    /// most every [`REFRESH`] (so a query sees writes within that time).
    events: std::sync::RwLock<beacon_store::EventIndex>,
    /// When `events` last caught up (`None`: never).
    refreshed: std::sync::Mutex<Option<std::time::Instant>>,
    /// The search index, opened (and brought up to date) on the first
    /// search.
    search: std::sync::OnceLock<beacon_search::SearchIndex>,
    /// When the search index was last sent to catch up with the store.
    search_synced: std::sync::Mutex<Option<std::time::Instant>>,
    /// Whether a catch-up of the search index is running.
    search_syncing: std::sync::atomic::AtomicBool,
    /// Whether a thread waits for the filer lock to evaluate the watchlists.
    evaluation_waiting: std::sync::atomic::AtomicBool,
    /// The gazetteer (zones, borders, places), read on first use.
    gazetteer: std::sync::OnceLock<beacon_gazetteer::Gazetteer>,
    /// How new alerts are sent.
    pub notify: beacon_notify::Settings,
    token: Option<String>,
    /// The process's own counters for `/metrics`.
    metrics: Option<ProcessMetrics>,
    /// TAXII's objects of the rows served lately.
    taxii: taxii::Cache,
}

impl AppState {
    /// The gazetteer, read on first use.
    pub fn gazetteer(&self) -> &beacon_gazetteer::Gazetteer {
        self.gazetteer.get_or_init(|| {
            beacon_gazetteer::Gazetteer::load()
                .expect("the embedded gazetteer data is well formed (tested)")
        })
    }
}

/// The router: dashboard, assets and API, with the security headers and,
/// when a token is set, the access check.
pub fn router(data: PathBuf, token: Option<String>, metrics: Option<ProcessMetrics>) -> Router {
    let state = Arc::new(AppState {
        data,
        pool: std::sync::Mutex::new(Vec::new()),
        events: std::sync::RwLock::new(beacon_store::EventIndex::default()),
        refreshed: std::sync::Mutex::new(None),
        search: std::sync::OnceLock::new(),
        search_synced: std::sync::Mutex::new(None),
        search_syncing: std::sync::atomic::AtomicBool::new(false),
        evaluation_waiting: std::sync::atomic::AtomicBool::new(false),
        gazetteer: std::sync::OnceLock::new(),
        notify: beacon_notify::Settings::from_env(),
        token,
        metrics,
        taxii: taxii::Cache::default(),
    });
    Router::new()
        .route(
            "/",
            get(|| async { page(INDEX_HTML, "text/html; charset=utf-8") }),
        )
        .route(
            "/assets/app.js",
            get(|| async { page(APP_JS, "text/javascript; charset=utf-8") }),
        )
        .route(
            "/assets/app.css",
            get(|| async { page(APP_CSS, "text/css; charset=utf-8") }),
        )
        .route("/login", get(api::login).post(api::sign_in))
        .route("/logout", axum::routing::post(api::sign_out))
        .route("/metrics", get(api::metrics))
        .merge(api::routes())
        .merge(taxii::routes())
        .fallback(|| async { ApiError::new(StatusCode::NOT_FOUND, "not_found", "no such route") })
        .layer(middleware::from_fn(api::envelope))
        .layer(middleware::from_fn_with_state(state.clone(), access))
        .layer(middleware::from_fn(security_headers))
        .with_state(state)
}

fn page(body: &'static str, kind: &'static str) -> Response {
    ([(header::CONTENT_TYPE, kind)], body).into_response()
}

async fn security_headers(req: Request, next: Next) -> Response {
    let mut res = next.run(req).await;
    let h = res.headers_mut();
    h.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(CSP),
    );
    h.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    h.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    h.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("no-referrer"),
    );
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    res
}

/// The bearer token a request carries, if any.
fn bearer(req: &Request) -> Vec<String> {
    req.headers()
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .map(|v| vec![v.trim().to_owned()])
        .unwrap_or_default()
}

fn unauthorized() -> Response {
    ApiError::new(
        StatusCode::UNAUTHORIZED,
        "unauthorized",
        "an access token is required (Authorization: Bearer …, or /login?token=…)",
    )
    .into_response()
}

/// The value of a cookie a request carries.
pub(crate) fn cookie<'r>(headers: &'r axum::http::HeaderMap, name: &str) -> Option<&'r str> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .find_map(|c| c.trim().strip_prefix(name)?.strip_prefix('='))
}

/// The CSRF token of the administrator's token, for a browser that signed
/// in with it (`/login?token=…`): derived, never stored.
pub(crate) fn csrf_of_token(token: &str) -> String {
    use sha2::{Digest, Sha256};
    Sha256::digest(format!("beacon csrf {token}").as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// Whether a request names a loopback host (`localhost`, `127.0.0.1`,
/// `[::1]`) in its `Host`.
pub(crate) fn on_loopback(headers: &axum::http::HeaderMap) -> bool {
    let host = headers
        .get(header::HOST)
        .and_then(|h| h.to_str().ok())
        .unwrap_or("");
    let name = match host.strip_prefix('[') {
        Some(v6) => v6.split(']').next().unwrap_or(""),
        None => host.split(':').next().unwrap_or(""),
    };
    matches!(name, "localhost" | "127.0.0.1" | "::1")
}

/// The credentials a request brought: a bearer token, a session's
/// cookie, the administrator's token as a cookie.
struct Asked {
    bearer: Vec<String>,
    session: Option<String>,
    token: Option<String>,
}

/// Who asks ([`Viewer`], put in the request for the handlers), and, when
/// the browser's cookie says so, the CSRF token its changes must carry:
/// a bearer token (the administrator's, or a user's), else a signed-in
/// session (`beacon_session`), else the administrator's token as a cookie,
/// else, on loopback without a token, the operator.
async fn who(st: &Arc<AppState>, asked: Asked) -> Result<(Viewer, Option<String>), Response> {
    let Asked {
        bearer,
        session,
        token,
    } = asked;
    let admin = |t: &str| {
        st.token
            .as_ref()
            .is_some_and(|a| constant_time_eq(t.as_bytes(), a.as_bytes()))
    };
    if let Some(b) = bearer.first() {
        if admin(b) {
            return Ok((Viewer::Operator, None));
        }
        return match api::user_viewer(st, bearer).await {
            Some(v) => Ok((v, None)),
            None => Err(unauthorized()),
        };
    }
    if let Some(id) = session
        && let Some((v, csrf)) = api::session_viewer(st, id).await
    {
        return Ok((v, Some(csrf)));
    }
    if let Some(t) = token {
        if admin(&t) {
            return Ok((Viewer::Operator, Some(csrf_of_token(&t))));
        }
        if let Some(v) = api::user_viewer(st, vec![t.clone()]).await {
            return Ok((v, Some(csrf_of_token(&t))));
        }
    }
    match st.token {
        None => Ok((Viewer::Operator, None)),
        Some(_) => Err(unauthorized()),
    }
}

/// Who asks ([`who`]), put in the request for the handlers. Off loopback
/// without a token nothing is answered; a change needs a token of scope
/// `write` or more, and a browser's change (its credentials a cookie) the
/// CSRF token of its sign-in in `X-CSRF-Token`.
async fn access(State(st): State<Arc<AppState>>, mut req: Request, next: Next) -> Response {
    if st.token.is_none() {
        // No token: loopback only. A page elsewhere whose name is made to
        // resolve to 127.0.0.1 (DNS rebinding) still sends its own Host.
        if !on_loopback(req.headers()) {
            return ApiError::new(
                StatusCode::MISDIRECTED_REQUEST,
                "bad_host",
                "without an access token this server answers only to localhost and 127.0.0.1",
            )
            .into_response();
        }
    }
    if matches!(req.uri().path(), "/login" | "/logout") {
        return next.run(req).await;
    }
    let asked = Asked {
        bearer: bearer(&req),
        session: cookie(req.headers(), "beacon_session").map(str::to_owned),
        token: cookie(req.headers(), "beacon_token").map(str::to_owned),
    };
    let (viewer, csrf) = match who(&st, asked).await {
        Ok(w) => w,
        Err(refused) => return refused,
    };
    let reads = matches!(
        *req.method(),
        axum::http::Method::GET | axum::http::Method::HEAD | axum::http::Method::OPTIONS
    );
    if !reads && viewer.scope() < Some(Scope::Write) {
        return ApiError::new(
            StatusCode::FORBIDDEN,
            "forbidden",
            "this token may only read (a token of scope write or admin may change things)",
        )
        .into_response();
    }
    if !reads && let Some(want) = &csrf {
        let given = req
            .headers()
            .get("x-csrf-token")
            .and_then(|v| v.to_str().ok())
            .unwrap_or("");
        if !constant_time_eq(given.as_bytes(), want.as_bytes()) {
            return ApiError::new(
                StatusCode::FORBIDDEN,
                "csrf",
                "a change from a browser needs its sign-in's X-CSRF-Token (see /api/session)",
            )
            .into_response();
        }
    }
    if matches!(viewer, Viewer::User { .. }) && !shared_with_users(reads, req.uri().path()) {
        return ApiError::new(
            StatusCode::FORBIDDEN,
            "forbidden",
            "this route is the operator's: organisations' users read events, stories, articles, search, STIX, alerts and watchlists, and review events",
        )
        .into_response();
    }
    req.extensions_mut().insert(viewer);
    req.extensions_mut().insert(Csrf(csrf));
    next.run(req).await
}

/// The CSRF token of the request's sign-in, if its credentials are a
/// browser's cookie.
#[derive(Clone)]
pub(crate) struct Csrf(pub(crate) Option<String>);

/// The routes an organisation's user may use: those whose every record
/// goes through [`Viewer::may_see`]. It may read events, stories,
/// articles, search, STIX, TAXII, and the alerts and watchlists it may
/// see (their Atom feeds too), and review an event (with a token or
/// session of scope write); zones, sources, the timeline, the metrics and
/// changes to alerts and watchlists are the operator's. `reads`: the
/// request is a GET, HEAD or OPTIONS.
fn shared_with_users(reads: bool, path: &str) -> bool {
    let one = |prefix: &str, suffix: &str| {
        path.strip_prefix(prefix)
            .and_then(|rest| rest.strip_suffix(suffix))
            .is_some_and(|id| !id.is_empty() && !id.contains('/'))
    };
    if one("/api/events/", "/review") {
        return true;
    }
    reads
        && (matches!(
            path,
            "/" | "/login"
                | "/assets/app.js"
                | "/assets/app.css"
                | "/api/events"
                | "/api/stories"
                | "/api/search"
                | "/api/stix"
                | "/api/imported"
                | "/api/session"
                | "/api/openapi.json"
                | "/api/map/countries"
                | "/api/alerts"
                | "/api/watchlists"
        ) || one("/api/articles/", "")
            || one("/api/alerts/", "")
            || one("/api/watchlists/", "")
            || one("/api/watchlists/", "/feed.atom")
            || path.starts_with("/taxii2/"))
}

fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

/// Why the server would not start.
#[derive(Debug, thiserror::Error)]
pub enum ServeError {
    /// Off loopback without a token.
    #[error(
        "{0} is not a loopback address: give an access token (--token or BEACON_TOKEN) to serve on it"
    )]
    NeedsToken(SocketAddr),
    /// The token cannot be carried in a header and a cookie as it is.
    #[error("an access token is at least 8 characters of letters, digits, '-', '_', '.' and '~'")]
    BadToken,
    /// The address cannot be bound.
    #[error("cannot listen on {addr}: {source}")]
    Bind {
        /// The address.
        addr: SocketAddr,
        /// Why.
        source: std::io::Error,
    },
    /// Serving failed.
    #[error("server: {0}")]
    Io(#[from] std::io::Error),
}

/// Binds the address (refusing a non-loopback one without a token); the
/// bound address (useful with port 0) and the server to run.
pub async fn bind(
    config: Config,
) -> Result<
    (
        SocketAddr,
        impl std::future::Future<Output = std::io::Result<()>>,
    ),
    ServeError,
> {
    if !config.addr.ip().is_loopback() && config.token.as_deref().is_none_or(str::is_empty) {
        return Err(ServeError::NeedsToken(config.addr));
    }
    if let Some(t) = &config.token
        && !(t.len() >= 8
            && t.chars()
                .all(|c| c.is_ascii_alphanumeric() || "-_.~".contains(c)))
    {
        return Err(ServeError::BadToken);
    }
    let listener = tokio::net::TcpListener::bind(config.addr)
        .await
        .map_err(|source| ServeError::Bind {
            addr: config.addr,
            source,
        })?;
    let addr = listener.local_addr()?;
    let data = config.data.clone();
    let app = router(config.data, config.token, config.metrics);
    Ok((addr, async move {
        // the outbox: retries fall due while the server runs
        tokio::spawn(async move {
            let settings = beacon_notify::Settings::from_env();
            loop {
                tokio::time::sleep(std::time::Duration::from_secs(15)).await;
                let (data, settings) = (data.clone(), settings.clone());
                let sent = tokio::task::spawn_blocking(move || {
                    let mut store = beacon_store::Store::open(&data).map_err(|e| e.to_string())?;
                    beacon_notify::deliver_now(&mut store, &settings).map_err(|e| e.to_string())
                })
                .await;
                // each failed delivery is logged by the notifier itself
                match sent {
                    Ok(Ok(_)) => {}
                    Ok(Err(e)) => tracing::error!("sending the notifications due: {e}"),
                    Err(e) => tracing::error!("the notifications' thread: {e}"),
                }
            }
        });
        axum::serve(listener, app).await
    }))
}

#[cfg(test)]
mod tests;
