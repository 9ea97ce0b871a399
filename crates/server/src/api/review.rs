//! `/api/events/{id}/review`: an analyst confirms, corrects or rejects a
//! story-level event, or adds a note; and reads what was done, with the
//! machine's version. Writing needs a token or session of scope write (an
//! analyst's or an administrator's); either way the event must be one the
//! asker may see.

use std::sync::Arc;

use axum::Json;
use axum::extract::{Extension, Path, State};
use beacon_model::review::{Action, Correction, Entry};
use beacon_model::{Marking, Tlp, Viewer};
use beacon_store::Store;
use serde::Deserialize;
use serde_json::{Value, json};

use super::{ApiError, Result, Sight, St, evaluate, with_store};
use crate::AppState;

/// What an analyst asks.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct Ask {
    action: Action,
    #[serde(default)]
    correction: Correction,
    #[serde(default)]
    note: Option<String>,
    /// The note's TLP (default: the event's marking).
    #[serde(default)]
    tlp: Option<Tlp>,
    /// The operator's name for the record (a user is who its token says).
    #[serde(default)]
    by: Option<String>,
}

/// The longest name the operator may give.
const MAX_BY: usize = 100;

/// Who acts, their organisation, and the marking their note asks for.
fn author(viewer: &Viewer, ask: &Ask, store: &Store) -> Result<(String, Option<String>, Marking)> {
    let tlp = ask.tlp.unwrap_or(Tlp::Clear);
    match viewer {
        Viewer::User { id, org, .. } => {
            if ask.by.as_deref().is_some_and(|b| b.trim() != id) {
                return Err(ApiError::bad(
                    "a user's review is its own: leave \"by\" out, or give the user's id",
                ));
            }
            let home = store.home_org_id()?;
            let mut m = Marking::of(tlp);
            // a partner's user's note is its organisation's
            if home.as_deref() != Some(org.as_str()) {
                m.owner = Some(org.clone());
            }
            if tlp == Tlp::Red {
                m.recipients = vec![id.clone()];
            }
            Ok((id.clone(), Some(org.clone()), m))
        }
        _ => {
            let by = ask.by.as_deref().map_or("operator", str::trim);
            if by.is_empty() || by.chars().count() > MAX_BY || by.chars().any(char::is_control) {
                return Err(ApiError::bad(format!(
                    "a name of 1 to {MAX_BY} characters, without control characters"
                )));
            }
            Ok((by.to_owned(), store.home_org_id()?, Marking::of(tlp)))
        }
    }
}

pub(super) async fn post(
    State(st): St,
    Extension(viewer): Extension<Viewer>,
    Path(id): Path<String>,
    Json(ask): Json<Ask>,
) -> Result<Json<Value>> {
    let state: Arc<AppState> = st.clone();
    with_store(&st, move |store| {
        let sight = Sight::of(viewer.clone(), store)?;
        // an event the asker may not see is as absent as one never stored
        store
            .event_marking(&id)?
            .filter(|m| sight.sees(m))
            .ok_or_else(|| ApiError::not_found("such event"))?;
        let (by, org, marking) = author(&viewer, &ask, store)?;
        let entry = Entry {
            action: ask.action,
            correction: ask.correction,
            note: ask.note.filter(|n| !n.trim().is_empty()),
            marking,
            by,
            org,
            // the store sets the time
            at: String::new(),
        };
        let event = store
            .review_event(&id, entry)?
            .ok_or_else(|| ApiError::not_found("such event"))?;
        // the reviewer's next page shows the verdict
        if let Ok(mut index) = state.events.write() {
            index.refresh(store)?;
        }
        let mut body = json!({"event": event});
        // a verdict can start or stop a confirmed-only watchlist's alerts
        match evaluate(&state, store)? {
            Ok(new) => body["new_alerts"] = json!(new),
            Err(note) => body["note"] = json!(note),
        }
        Ok(Json(body))
    })
    .await
}

pub(super) async fn get(
    State(st): St,
    Extension(viewer): Extension<Viewer>,
    Path(id): Path<String>,
) -> Result<Json<Value>> {
    with_store(&st, move |store| {
        let sight = Sight::of(viewer, store)?;
        let h = store
            .review_history(&id)?
            .filter(|h| sight.sees(&h.current.marking))
            .ok_or_else(|| ApiError::not_found("such event"))?;
        // a verdict shows in the record anyway; a note only to its audience
        let entries: Vec<Entry> = h
            .entries
            .into_iter()
            .filter(|e| e.action != Action::Note || sight.sees(&e.marking))
            .map(|mut e| {
                if !sight.sees(&e.marking) {
                    e.note = None;
                }
                e
            })
            .collect();
        Ok(Json(json!({
            "event": h.current, "machine": h.machine, "history": entries,
        })))
    })
    .await
}
