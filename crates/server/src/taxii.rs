//! TAXII 2.1 under `/taxii2/`: discovery, one API root (`/taxii2/beacon/`),
//! and read-only collections of the STIX objects of Beacon's story-level
//! events: `all` (everything the caller may see) and one per sharing group
//! the caller's organisation is in (what is CLEAR or GREEN, and AMBER
//! records marked for that group). Objects page in the order their events
//! were written (`limit`, `next`), with `added_after` and `match[type]`,
//! `match[id]`, `match[version]`, `match[spec_version]`; a manifest, an
//! object's versions, the TAXII media types and errors. What a caller sees
//! is what [`beacon_model::Viewer::may_see`] lets it see, as on the API.

use std::collections::{HashMap, HashSet};
use std::sync::Arc;

use axum::Router;
use axum::extract::{Extension, Path, Query, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use beacon_model::{Marking, Sharing, Tlp, Viewer};
use beacon_share::stix::{self, Producer};
use beacon_store::Store;
use serde_json::{Value, json};

use crate::AppState;

/// TAXII 2.1's media type.
pub const TAXII: &str = "application/taxii+json;version=2.1";
/// STIX 2.1's media type.
const STIX: &str = "application/stix+json;version=2.1";
/// The API root's name.
const ROOT: &str = "beacon";
/// The most objects a page holds.
const MAX_PAGE: usize = 1000;
/// The objects a page holds when the caller asks no `limit`.
const DEFAULT_PAGE: usize = 100;

type St = State<Arc<AppState>>;

/// TAXII's routes (all `GET`), as the router serves them.
pub(crate) const PATHS: [&str; 8] = [
    "/taxii2/",
    "/taxii2/beacon/",
    "/taxii2/beacon/collections/",
    "/taxii2/beacon/collections/{id}/",
    "/taxii2/beacon/collections/{id}/objects/",
    "/taxii2/beacon/collections/{id}/objects/{object}/",
    "/taxii2/beacon/collections/{id}/objects/{object}/versions/",
    "/taxii2/beacon/collections/{id}/manifest/",
];

pub(crate) fn routes() -> Router<Arc<AppState>> {
    Router::new()
        .route(PATHS[0], get(discovery))
        .route(PATHS[1], get(api_root))
        .route(PATHS[2], get(collections))
        .route(PATHS[3], get(collection))
        .route(PATHS[4], get(objects))
        .route(PATHS[5], get(object))
        .route(PATHS[6], get(versions))
        .route(PATHS[7], get(manifest))
}

/// A TAXII error: its status, with TAXII's error message.
struct TaxiiError(StatusCode, String);

impl TaxiiError {
    fn new(status: StatusCode, description: impl Into<String>) -> TaxiiError {
        TaxiiError(status, description.into())
    }
}

impl IntoResponse for TaxiiError {
    fn into_response(self) -> Response {
        let body = json!({
            "title": self.0.canonical_reason().unwrap_or("error"),
            "description": self.1,
            "http_status": self.0.as_u16().to_string(),
        });
        (self.0, [(header::CONTENT_TYPE, TAXII)], body.to_string()).into_response()
    }
}

impl From<beacon_store::StoreError> for TaxiiError {
    fn from(e: beacon_store::StoreError) -> TaxiiError {
        tracing::error!("TAXII: the store: {e}");
        TaxiiError::new(
            StatusCode::INTERNAL_SERVER_ERROR,
            "the store failed (logged)",
        )
    }
}

type Result<T> = std::result::Result<T, TaxiiError>;

fn taxii(body: &Value, headers: &[(&'static str, String)]) -> Response {
    let mut res = ([(header::CONTENT_TYPE, TAXII)], body.to_string()).into_response();
    for (k, v) in headers {
        if let Ok(v) = HeaderValue::from_str(v) {
            res.headers_mut().insert(*k, v);
        }
    }
    res
}

/// Whether the caller accepts TAXII 2.1 (or anything).
fn accepts(h: &HeaderMap) -> Result<()> {
    let accept = h
        .get(header::ACCEPT)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("*/*");
    let ok = accept.split(',').any(|a| {
        let a = a.trim().replace(' ', "");
        a.starts_with("*/*")
            || a.starts_with("application/*")
            || a == "application/taxii+json"
            || a.starts_with("application/taxii+json;version=2.1")
    });
    if ok {
        Ok(())
    } else {
        Err(TaxiiError::new(
            StatusCode::NOT_ACCEPTABLE,
            format!("this server answers {TAXII}"),
        ))
    }
}

async fn blocking<T: Send + 'static>(
    st: &Arc<AppState>,
    f: impl FnOnce(&mut Store) -> Result<T> + Send + 'static,
) -> Result<T> {
    crate::api::pooled(st, f, |_| {
        TaxiiError::new(
            StatusCode::INTERNAL_SERVER_ERROR,
            "a request's thread failed",
        )
    })
    .await
}

async fn discovery(headers: HeaderMap) -> Result<Response> {
    accepts(&headers)?;
    Ok(taxii(
        &json!({
            "title": "Beacon",
            "description": "Political-violence events Beacon found, as STIX 2.1, marked with TLP 2.0",
            "default": format!("/taxii2/{ROOT}/"),
            "api_roots": [format!("/taxii2/{ROOT}/")],
        }),
        &[],
    ))
}

async fn api_root(headers: HeaderMap) -> Result<Response> {
    accepts(&headers)?;
    Ok(taxii(
        &json!({
            "title": "Beacon's events",
            "versions": [TAXII],
            "max_content_length": 0,
        }),
        &[],
    ))
}

/// A collection: everything the caller may see, or one sharing group's.
struct Collection {
    id: String,
    title: String,
    description: String,
    /// The group whose records it holds (none: every record).
    group: Option<String>,
}

impl Collection {
    fn json(&self) -> Value {
        json!({
            "id": self.id,
            "title": self.title,
            "description": self.description,
            "can_read": true,
            "can_write": false,
            "media_types": [STIX],
        })
    }

    /// Whether a record marked `m` belongs here (the caller's sight aside).
    fn holds(&self, m: &Marking) -> bool {
        match &self.group {
            None => true,
            Some(g) => m.tlp <= Tlp::Green || m.groups.iter().any(|x| x == g),
        }
    }
}

/// A collection id: a UUID of its key.
fn collection_id(key: &str) -> String {
    stix::stix_id("collection", key)
        .trim_start_matches("collection--")
        .to_owned()
}

/// What a request reads first, once: the caller's collections, who may
/// see what, and who produces the objects.
struct Setting {
    collections: Vec<Collection>,
    sharing: Sharing,
    producer: Producer,
}

/// The setting of a request: the collections the caller may read (`all`,
/// and each group its organisation is in; the operator: every group).
fn setting(store: &Store, viewer: &Viewer, cache: &Cache) -> Result<Setting> {
    let groups = store.groups()?;
    let home_org = store.home_org()?;
    let home = home_org.as_ref().map(|o| o.id.clone());
    let producer = Producer {
        org: home_org.map(|o| (o.id, o.name)),
        aliases: cache.aliases(),
    };
    let mut collections = vec![Collection {
        id: collection_id("all"),
        title: "Everything you may see".into(),
        description: "Every story-level event the caller's organisation may see, with its stories, places, actors and outlets".into(),
        group: None,
    }];
    for g in &groups {
        let member = match viewer {
            Viewer::Operator => true,
            Viewer::User { org, .. } => g.orgs.iter().any(|o| o == org),
            Viewer::Public => false,
        };
        if member {
            collections.push(Collection {
                id: collection_id(&format!("group:{}", g.id)),
                description: format!(
                    "What is CLEAR or GREEN, and what is AMBER for the group {} ({})",
                    g.name,
                    g.orgs.join(", ")
                ),
                title: g.name.clone(),
                group: Some(g.id.clone()),
            });
        }
    }
    let sharing = Sharing {
        home,
        groups: groups.into_iter().map(|g| (g.id, g.orgs)).collect(),
    };
    Ok(Setting {
        collections,
        sharing,
        producer,
    })
}

impl Setting {
    fn find(&self, id: &str) -> Result<&Collection> {
        self.collections
            .iter()
            .find(|c| c.id == id)
            .ok_or_else(|| TaxiiError::new(StatusCode::NOT_FOUND, "no such collection"))
    }
}

async fn collections(
    State(st): St,
    Extension(viewer): Extension<Viewer>,
    headers: HeaderMap,
) -> Result<Response> {
    accepts(&headers)?;
    let state = st.clone();
    blocking(&st, move |store| {
        let list: Vec<Value> = setting(store, &viewer, &state.taxii)?
            .collections
            .iter()
            .map(Collection::json)
            .collect();
        Ok(taxii(&json!({ "collections": list }), &[]))
    })
    .await
}

async fn collection(
    State(st): St,
    Extension(viewer): Extension<Viewer>,
    Path(id): Path<String>,
    headers: HeaderMap,
) -> Result<Response> {
    accepts(&headers)?;
    let state = st.clone();
    blocking(&st, move |store| {
        Ok(taxii(
            &setting(store, &viewer, &state.taxii)?.find(&id)?.json(),
            &[],
        ))
    })
    .await
}

/// What a request for objects asks: the page and the filters.
#[derive(Default)]
struct Ask {
    limit: usize,
    /// Where to start.
    from: Cursor,
    added_after: Option<String>,
    types: Option<HashSet<String>>,
    ids: Option<HashSet<String>>,
    /// `match[version]` timestamps (none, `last`, `first` or `all`: the one
    /// version Beacon keeps).
    versions: Option<HashSet<String>>,
    /// Whether `match[spec_version]` (if given) names 2.1, the only one
    /// Beacon serves.
    spec_ok: bool,
}

fn list(v: &str) -> HashSet<String> {
    v.split(',')
        .map(|x| x.trim().to_owned())
        .filter(|x| !x.is_empty())
        .collect()
}

fn ask_of(q: &HashMap<String, String>) -> Result<Ask> {
    let bad = |m: String| TaxiiError::new(StatusCode::BAD_REQUEST, m);
    let mut a = Ask {
        limit: DEFAULT_PAGE,
        spec_ok: true,
        ..Ask::default()
    };
    for (k, v) in q {
        match k.as_str() {
            "limit" => {
                a.limit = v
                    .parse::<usize>()
                    .ok()
                    .filter(|n| *n >= 1)
                    .ok_or_else(|| {
                        bad(format!(
                            "limit must be a whole number of 1 or more, not {v:?}"
                        ))
                    })?
                    .min(MAX_PAGE);
            }
            "next" => {
                let (row, k) = v
                    .split_once('.')
                    .and_then(|(r, k)| Some((r.parse::<i64>().ok()?, k.parse().ok()?)))
                    .filter(|(r, _)| *r >= 0)
                    .ok_or_else(|| bad(format!("next {v:?} is none this server gave")))?;
                a.from = (row, k);
            }
            "added_after" => {
                let t = stix::stix_time(v)
                    .filter(|_| v.contains('T'))
                    .ok_or_else(|| bad(format!("added_after must be a timestamp, not {v:?}")))?;
                a.added_after = Some(t);
            }
            "match[type]" => a.types = Some(list(v)),
            "match[id]" => a.ids = Some(list(v)),
            "match[version]" => {
                let vs = list(v);
                if !vs
                    .iter()
                    .all(|x| matches!(x.as_str(), "last" | "first" | "all"))
                {
                    a.versions = Some(vs.iter().filter_map(|x| stix::stix_time(x)).collect());
                }
            }
            "match[spec_version]" => a.spec_ok = list(v).contains("2.1"),
            other => return Err(bad(format!("unknown parameter {other:?}"))),
        }
    }
    Ok(a)
}

/// Where a page starts: the row of `story_events` after which, and how
/// many of that row's objects were served already.
type Cursor = (i64, usize);

/// An object ready to serve: its id, type and version, and its JSON
/// without its marking and closing brace (the marking is the page's).
#[derive(Clone)]
pub(crate) struct Ready {
    id: String,
    kind: String,
    version: String,
    open: String,
}

impl Ready {
    fn of(v: &Value) -> Ready {
        let s = |k: &str| v[k].as_str().unwrap_or_default().to_owned();
        let mut open = v.to_string();
        open.pop();
        Ready {
            id: s("id"),
            kind: s("type"),
            version: v["modified"]
                .as_str()
                .or(v["created"].as_str())
                .unwrap_or_default()
                .to_owned(),
            open,
        }
    }

    /// Its JSON with its marking (a marking definition has none).
    fn write(&self, tlp: Tlp, out: &mut String) {
        out.push_str(&self.open);
        if self.kind != "marking-definition" {
            out.push_str(",\"object_marking_refs\":[\"");
            out.push_str(stix::tlp_marking_id(tlp));
            out.push_str("\"]");
        }
        out.push('}');
    }
}

/// Objects ready to serve, each with its marking.
type Objects = Arc<[(Ready, Tlp)]>;

/// The objects of the event rows served lately, by row: a row's content
/// never changes (a row written again gets a new sequence), so a row's
/// objects are built once. Bounded; emptied when the store or the
/// producer changes.
#[derive(Default)]
pub(crate) struct Cache {
    /// The producer's id, and the objects by row.
    rows: std::sync::Mutex<(String, HashMap<i64, Objects>)>,
    /// The actors' other names, read on first use.
    aliases: std::sync::OnceLock<Arc<HashMap<String, Vec<String>>>>,
    /// Each event's report id to the event's id, for the store named, as
    /// far as the row read last: what finds one report without reading
    /// the collection (`/objects/{id}/`, `versions/`).
    reports: std::sync::Mutex<(String, i64, HashMap<String, String>)>,
}

/// Rows whose objects the cache keeps at most.
const CACHED_ROWS: usize = 200_000;

impl Cache {
    /// The actors' other names (the shipped actor dictionary's), for a
    /// producer.
    pub(crate) fn aliases(&self) -> Arc<HashMap<String, Vec<String>>> {
        self.aliases
            .get_or_init(|| {
                Arc::new(
                    beacon_entities::actors::shipped_aliases()
                        .expect("the embedded actor dictionary is well formed (tested)"),
                )
            })
            .clone()
    }

    /// The row of the event whose report is `object` (`report--…`) now,
    /// if there is one: the map caught up with the rows written since the
    /// last look.
    fn report_row(&self, store: &Store, object: &str) -> Result<Option<(i64, String)>> {
        let me = store.id()?;
        let Ok(mut reports) = self.reports.lock() else {
            return Ok(None);
        };
        if reports.0 != me {
            *reports = (me, 0, HashMap::new());
        }
        for (seq, id) in store.event_ids_after(reports.1)? {
            reports.2.insert(stix::stix_id("report", &id), id);
            reports.1 = seq;
        }
        match reports.2.get(object) {
            Some(id) => Ok(store.event_seq(id)?.map(|seq| (seq, id.clone()))),
            None => Ok(None),
        }
    }

    /// A row's objects; `key` names the store and the producer they were
    /// built for (a store made again under a running server numbers its
    /// rows from 1 again).
    fn objects(
        &self,
        store: &Store,
        (producer, key): (&Producer, &str),
        seq: i64,
        story: &str,
    ) -> Result<Option<Objects>> {
        let me = key.to_owned();
        if let Ok(rows) = self.rows.lock()
            && rows.0 == me
            && let Some(hit) = rows.1.get(&seq)
        {
            return Ok(Some(hit.clone()));
        }
        let Some(se) = store.story_event_at(seq)? else {
            return Ok(None);
        };
        let built: Objects = stix::event_objects(producer, story, &se)
            .iter()
            .map(|(v, t)| (Ready::of(v), *t))
            .collect();
        if let Ok(mut rows) = self.rows.lock() {
            if rows.0 != me || rows.1.len() >= CACHED_ROWS {
                rows.1.clear();
                rows.0 = me;
            }
            rows.1.insert(seq, built.clone());
        }
        Ok(Some(built))
    }
}

/// One object of a page: the object, its marking, when it was added.
struct Item {
    ready: Objects,
    at: usize,
    tlp: Tlp,
    added: String,
}

impl Item {
    fn ready(&self) -> &Ready {
        &self.ready[self.at].0
    }
}

impl Ask {
    fn keeps(&self, o: &Ready) -> bool {
        self.spec_ok
            && self.types.as_ref().is_none_or(|t| t.contains(&o.kind))
            && self.ids.as_ref().is_none_or(|i| i.contains(&o.id))
            && self
                .versions
                .as_ref()
                .is_none_or(|v| v.contains(&o.version))
    }
}

/// A page of a collection's objects for `viewer`: the items, and where the
/// next page starts (none: this was the last).
fn page(
    store: &Store,
    cache: &Cache,
    viewer: &Viewer,
    (set, c): (&Setting, &Collection),
    ask: &Ask,
) -> Result<(Vec<Item>, Option<Cursor>)> {
    let sees = |m: &Marking| viewer.may_see(m, &set.sharing) && c.holds(m);
    let producer = &set.producer;
    let key = format!("{} {}", store.id()?, producer.id());
    let mut items: Vec<Item> = Vec::new();
    let mut at: HashMap<String, usize> = HashMap::new();
    let mut push = |items: &mut Vec<Item>, ready: &Objects, k: usize, added: &str| {
        let (o, tlp) = &ready[k];
        match at.get(&o.id) {
            // one object a page: the version of the least restricted event
            // that names it, content and marking together
            Some(&i) if *tlp < items[i].tlp => {
                items[i].ready = ready.clone();
                items[i].at = k;
                items[i].tlp = *tlp;
            }
            Some(_) => {}
            None => {
                at.insert(o.id.clone(), items.len());
                items.push(Item {
                    ready: ready.clone(),
                    at: k,
                    tlp: *tlp,
                    added: added.to_owned(),
                });
            }
        }
    };
    let (from_row, from_skip) = ask.from;
    // row 0: the marking definitions, the producer and the extension
    if from_row == 0 && ask.added_after.as_deref().is_none_or(|t| t < stix::EPOCH) {
        let head: Objects = stix::head_objects(producer, &Tlp::ALL)
            .iter()
            .map(|v| (Ready::of(v), Tlp::Clear))
            .collect();
        for k in from_skip..head.len() {
            if items.len() == ask.limit {
                return Ok((items, Some((0, k))));
            }
            if ask.keeps(&head[k].0) {
                push(&mut items, &head, k, stix::EPOCH);
            }
        }
    }
    let mut groupings: HashMap<String, Option<(Ready, Tlp)>> = HashMap::new();
    // a row's objects are served whole, or from where the last page stopped
    let mut after = from_row.saturating_sub(1).max(0);
    loop {
        // an event is a handful of objects
        let batch = (ask.limit / 3 + 2).min(64) as u32;
        let rows = store.written_rows_for(after, ask.added_after.as_deref(), batch, &sees)?;
        if rows.is_empty() {
            return Ok((items, None));
        }
        for (seq, written, story) in rows {
            after = seq;
            let Some(event) = cache.objects(store, (producer, &key), seq, &story)? else {
                continue;
            };
            let grouping = groupings.entry(story.clone()).or_insert_with(|| {
                store
                    .story_outline(&story)
                    .ok()
                    .flatten()
                    .filter(|(s, _)| sees(&s.marking))
                    .and_then(|(s, ids)| stix::grouping_object(producer, &s, &ids))
                    .map(|(v, t)| (Ready::of(&v), t))
            });
            let ready: Objects = match grouping {
                Some((g, t)) => event
                    .iter()
                    .map(|(r, t)| (r.clone(), *t))
                    .chain([(g.clone(), *t)])
                    .collect(),
                None => event,
            };
            let added = if written.is_empty() {
                stix::EPOCH
            } else {
                written.as_str()
            };
            let skip = if seq == from_row { from_skip } else { 0 };
            for k in skip..ready.len() {
                if items.len() == ask.limit {
                    return Ok((items, Some((seq, k))));
                }
                if ask.keeps(&ready[k].0) {
                    push(&mut items, &ready, k, added);
                }
            }
        }
    }
}

/// The envelope of a page, with TAXII's headers.
fn envelope(items: &[Item], next: Option<Cursor>) -> Response {
    let first = items.iter().map(|i| i.added.clone()).min();
    let last = items.iter().map(|i| i.added.clone()).max();
    let mut body = String::with_capacity(items.len() * 1200 + 64);
    body.push_str(if next.is_some() {
        "{\"more\":true"
    } else {
        "{\"more\":false"
    });
    if let Some((r, k)) = next {
        body.push_str(&format!(",\"next\":\"{r}.{k}\""));
    }
    if !items.is_empty() {
        body.push_str(",\"objects\":[");
        for (n, i) in items.iter().enumerate() {
            if n > 0 {
                body.push(',');
            }
            i.ready().write(i.tlp, &mut body);
        }
        body.push(']');
    }
    body.push('}');
    let mut res = ([(header::CONTENT_TYPE, TAXII)], body).into_response();
    for (k, v) in [
        ("x-taxii-date-added-first", first),
        ("x-taxii-date-added-last", last),
    ] {
        if let Some(v) = v.and_then(|v| HeaderValue::from_str(&v).ok()) {
            res.headers_mut().insert(k, v);
        }
    }
    res
}

/// A page of the collection `id` for `viewer`, read in one snapshot.
fn collection_page(
    store: &mut Store,
    cache: &Cache,
    viewer: &Viewer,
    id: &str,
    ask: &Ask,
) -> Result<(Vec<Item>, Option<Cursor>)> {
    store.snapshot(|store| {
        let set = setting(store, viewer, cache)?;
        let c = set.find(id)?;
        page(store, cache, viewer, (&set, c), ask)
    })
}

async fn objects(
    State(st): St,
    Extension(viewer): Extension<Viewer>,
    Path(id): Path<String>,
    Query(q): Query<HashMap<String, String>>,
    headers: HeaderMap,
) -> Result<Response> {
    accepts(&headers)?;
    let ask = ask_of(&q)?;
    let state = st.clone();
    blocking(&st, move |store| {
        let (items, next) = collection_page(store, &state.taxii, &viewer, &id, &ask)?;
        Ok(envelope(&items, next))
    })
    .await
}

/// Every version of one object the caller may see in a collection (Beacon
/// keeps one), or a 404.
fn versions_of(
    store: &Store,
    cache: &Cache,
    viewer: &Viewer,
    id: &str,
    object: &str,
) -> Result<Vec<Item>> {
    let set = setting(store, viewer, cache)?;
    let c = set.find(id)?;
    let ask = Ask {
        limit: MAX_PAGE,
        ids: Some(HashSet::from([object.to_owned()])),
        spec_ok: true,
        ..Ask::default()
    };
    let mut ask = ask;
    let absent = || TaxiiError::new(StatusCode::NOT_FOUND, "no such object here");
    // a report is one event's: its row, if the caller may see it here
    if object.starts_with("report--") {
        let (seq, event) = cache.report_row(store, object)?.ok_or_else(absent)?;
        let marking = store.event_marking(&event)?.ok_or_else(absent)?;
        if !(viewer.may_see(&marking, &set.sharing) && c.holds(&marking)) {
            return Err(absent());
        }
        ask.from = (seq, 0);
    }
    loop {
        let (items, next) = page(store, cache, viewer, (&set, c), &ask)?;
        if let Some(i) = items.into_iter().next() {
            return Ok(vec![i]);
        }
        match next {
            Some(n) => ask.from = n,
            None => return Err(absent()),
        }
    }
}

async fn object(
    State(st): St,
    Extension(viewer): Extension<Viewer>,
    Path((id, object)): Path<(String, String)>,
    headers: HeaderMap,
) -> Result<Response> {
    accepts(&headers)?;
    let state = st.clone();
    blocking(&st, move |store| {
        let cache = &state.taxii;
        Ok(envelope(
            &versions_of(store, cache, &viewer, &id, &object)?,
            None,
        ))
    })
    .await
}

async fn versions(
    State(st): St,
    Extension(viewer): Extension<Viewer>,
    Path((id, object)): Path<(String, String)>,
    headers: HeaderMap,
) -> Result<Response> {
    accepts(&headers)?;
    let state = st.clone();
    blocking(&st, move |store| {
        let cache = &state.taxii;
        let items = versions_of(store, cache, &viewer, &id, &object)?;
        let vs: Vec<&str> = items.iter().map(|i| i.ready().version.as_str()).collect();
        Ok(taxii(&json!({"more": false, "versions": vs}), &[]))
    })
    .await
}

async fn manifest(
    State(st): St,
    Extension(viewer): Extension<Viewer>,
    Path(id): Path<String>,
    Query(q): Query<HashMap<String, String>>,
    headers: HeaderMap,
) -> Result<Response> {
    accepts(&headers)?;
    let ask = ask_of(&q)?;
    let state = st.clone();
    blocking(&st, move |store| {
        let (items, next) = collection_page(store, &state.taxii, &viewer, &id, &ask)?;
        let entries: Vec<Value> = items
            .iter()
            .map(|i| {
                json!({
                    "id": i.ready().id,
                    "date_added": i.added,
                    "version": i.ready().version,
                    "media_type": STIX,
                })
            })
            .collect();
        let mut body = json!({"more": next.is_some()});
        if let Some((r, k)) = next {
            body["next"] = json!(format!("{r}.{k}"));
        }
        if !entries.is_empty() {
            body["objects"] = json!(entries);
        }
        Ok(taxii(&body, &[]))
    })
    .await
}
