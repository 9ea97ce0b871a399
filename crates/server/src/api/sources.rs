//! `/api/sources`: the outlets the collector reads, with their health.
//! The API may add, replace, pause and remove sources, but never let one
//! reach a private address: only `beacon sources add --allow-private`, on
//! the machine itself, may.

use std::sync::Arc;

use axum::Json;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use beacon_model::{Source, SourceHealth, source_slug};
use beacon_store::Store;
use serde_json::{Value, json};

use super::{ApiError, Result, St, with_store};
use crate::AppState;

/// A source with its health and its state in a word (`ok`, `failing`,
/// `paused`, `never collected`).
fn view(s: &Source, h: &SourceHealth) -> Value {
    json!({"source": s, "health": h, "state": s.state(h).as_str()})
}

pub(super) async fn list(State(st): St) -> Result<Json<Value>> {
    with_store(&st, |store| {
        let items: Vec<Value> = store.sources()?.iter().map(|(s, h)| view(s, h)).collect();
        Ok(Json(json!({"total": items.len(), "items": items})))
    })
    .await
}

pub(super) async fn one(State(st): St, Path(id): Path<String>) -> Result<Json<Value>> {
    with_store(&st, move |store| {
        let (s, h) = store
            .source(&id)?
            .ok_or_else(|| ApiError::not_found("such source"))?;
        let mut out = view(&s, &h);
        // what it brought last: each page's URL, outcome and time
        out["recent"] = store
            .seen_from(&id, 20)?
            .into_iter()
            .map(|(url, outcome, at)| json!({"url": url, "outcome": outcome, "at": at}))
            .collect();
        Ok(Json(out))
    })
    .await
}

/// A source from a request body: its id from the path, or made from its
/// name when the body gives none.
fn source_of(mut v: Value, id: Option<String>) -> Result<Source> {
    let Some(obj) = v.as_object_mut() else {
        return Err(ApiError::bad("a source is a JSON object"));
    };
    let given = match obj.get("id") {
        None | Some(Value::Null) => None,
        Some(Value::String(s)) if s.is_empty() => None,
        Some(Value::String(s)) => Some(s.clone()),
        Some(other) => return Err(ApiError::bad(format!("id {other} is not text"))),
    };
    let id = match (id, given) {
        (Some(path), Some(body)) if path != body => {
            return Err(ApiError::bad(format!(
                "the body's id {body:?} is not the path's {path:?}"
            )));
        }
        (Some(path), _) => path,
        (None, Some(body)) => body,
        (None, None) => source_slug(obj.get("name").and_then(Value::as_str).unwrap_or("")),
    };
    obj.insert("id".into(), Value::String(id));
    let s: Source =
        serde_json::from_value(v).map_err(|e| ApiError::bad(format!("a source: {e}")))?;
    s.check().map_err(|e| ApiError::bad(e.0))?;
    Ok(s)
}

/// Refuses a source the API may not keep: one that allows private
/// addresses (unless the stored one already did), or whose URL the
/// outbound policy refuses.
fn check(s: &Source, stored: Option<&Source>, state: &AppState) -> Result<()> {
    if s.allow_private && !stored.is_some_and(|o| o.allow_private) {
        return Err(ApiError::bad(
            "allow_private: only `beacon sources add --allow-private` on the server's machine may let a source reach private addresses",
        ));
    }
    if !s.allow_private {
        state
            .notify
            .outbound
            .check_url(&s.url)
            .map_err(|e| ApiError::bad(e.to_string()))?;
    }
    Ok(())
}

async fn put(st: Arc<AppState>, s: Source, created: bool) -> Result<Response> {
    let state = st.clone();
    with_store(&st, move |store: &mut Store| {
        let stored = store.source(&s.id)?.map(|(s, _)| s);
        if created && stored.is_some() {
            return Err(ApiError::new(
                StatusCode::CONFLICT,
                "exists",
                format!("a source {} exists: PUT it to replace it", s.id),
            ));
        }
        check(&s, stored.as_ref(), &state)?;
        store.put_source(&s)?;
        let status = if created {
            StatusCode::CREATED
        } else {
            StatusCode::OK
        };
        Ok((status, Json(json!({"source": s}))).into_response())
    })
    .await
}

pub(super) async fn create(State(st): St, Json(v): Json<Value>) -> Result<Response> {
    put(st, source_of(v, None)?, true).await
}

pub(super) async fn replace(
    State(st): St,
    Path(id): Path<String>,
    Json(v): Json<Value>,
) -> Result<Response> {
    put(st, source_of(v, Some(id))?, false).await
}

pub(super) async fn delete(State(st): St, Path(id): Path<String>) -> Result<Json<Value>> {
    with_store(&st, move |store| {
        if store.delete_source(&id)? {
            Ok(Json(json!({"deleted": id})))
        } else {
            Err(ApiError::not_found("such source"))
        }
    })
    .await
}
