//! Watchlists, uploaded zones and alerts in the store.
//!
//! An alert is kept once per id (its watchlist, rule and what it is about):
//! raising it again updates its figures and events but never its life —
//! who acknowledged or closed it, and when, stay as they were.

use beacon_model::{Alert, AlertStatus, Watchlist};
use rusqlite::{OptionalExtension, ToSql, params};

use crate::{Sees, Store, StoreError, marking_column, now, read, records, to_json};

pub(crate) const SCHEMA: &str = "
CREATE TABLE IF NOT EXISTS watchlists (
    id            TEXT PRIMARY KEY,
    record        TEXT NOT NULL,
    updated_at    TEXT NOT NULL
) STRICT;
CREATE TABLE IF NOT EXISTS zones (
    id            TEXT PRIMARY KEY,
    name          TEXT NOT NULL,
    geojson       TEXT NOT NULL,
    updated_at    TEXT NOT NULL
) STRICT;
CREATE TABLE IF NOT EXISTS alerts (
    id            TEXT PRIMARY KEY,
    watchlist_id  TEXT NOT NULL,
    status        TEXT NOT NULL,
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL,
    record        TEXT NOT NULL,
    -- who may see it (a Marking as JSON); NULL: CLEAR
    marking       TEXT
) STRICT;
CREATE INDEX IF NOT EXISTS alerts_status ON alerts(status, created_at);
CREATE INDEX IF NOT EXISTS alerts_watchlist ON alerts(watchlist_id, created_at);
CREATE TABLE IF NOT EXISTS deliveries (
    id            TEXT PRIMARY KEY,
    alert_id      TEXT NOT NULL,
    channel       TEXT NOT NULL,
    target        TEXT NOT NULL,
    status        TEXT NOT NULL,
    attempts      INTEGER NOT NULL,
    next_at       INTEGER NOT NULL,
    last_error    TEXT,
    sent_at       TEXT
) STRICT;
CREATE INDEX IF NOT EXISTS deliveries_due ON deliveries(status, next_at);
";

/// A notification of a new alert, waiting or done: one per alert and
/// target, so that it is never sent twice.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Delivery {
    /// `channel:target:alert`.
    pub id: String,
    /// The alert.
    pub alert_id: String,
    /// `webhook` or `email`.
    pub channel: String,
    /// The URL or the address.
    pub target: String,
    /// `pending`, `sent`, `failed` or `withheld` (its alert may not go
    /// there: see `beacon_notify::may_notify`).
    pub status: String,
    /// Attempts made.
    pub attempts: u32,
    /// When the next attempt is due (Unix seconds).
    pub next_at: i64,
    /// Why the last attempt failed.
    pub last_error: Option<String>,
}

/// What raising an alert did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Raised {
    /// A new alert: notify.
    New,
    /// An alert already raised, whose figures or events changed.
    Updated,
    /// An alert already raised, unchanged.
    Unchanged,
}

/// A change of an alert's life, by someone.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Transition {
    /// new → acknowledged.
    Acknowledge,
    /// new or acknowledged → closed.
    Close,
}

const DELIVERY_COLUMNS: &str =
    "id, alert_id, channel, target, status, attempts, next_at, last_error";

fn delivery_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<Delivery> {
    Ok(Delivery {
        id: r.get(0)?,
        alert_id: r.get(1)?,
        channel: r.get(2)?,
        target: r.get(3)?,
        status: r.get(4)?,
        attempts: r.get(5)?,
        next_at: r.get(6)?,
        last_error: r.get(7)?,
    })
}

impl Store {
    /// Stores a watchlist (replacing one with its id).
    pub fn put_watchlist(&mut self, w: &Watchlist) -> Result<(), StoreError> {
        // the store keeps no watchlist that does not check, whoever writes it
        w.check().map_err(StoreError::Invalid)?;
        self.conn.execute(
            "INSERT INTO watchlists (id, record, updated_at) VALUES (?1, ?2, ?3)
             ON CONFLICT(id) DO UPDATE SET record = excluded.record, updated_at = excluded.updated_at",
            params![w.id, to_json(w, &w.id)?, now()],
        )?;
        Ok(())
    }

    /// Every watchlist, by id ([`read_watchlist`]).
    pub fn watchlists(&self) -> Result<Vec<Watchlist>, StoreError> {
        let mut stmt = self
            .conn
            .prepare("SELECT id, record FROM watchlists ORDER BY id")?;
        let mut rows = stmt.query([])?;
        let mut out = Vec::new();
        while let Some(r) = rows.next()? {
            let (id, record): (String, String) = (r.get(0)?, r.get(1)?);
            out.push(read_watchlist(&id, &record)?);
        }
        Ok(out)
    }

    /// A watchlist by id.
    pub fn watchlist(&self, id: &str) -> Result<Option<Watchlist>, StoreError> {
        let record: Option<String> = self
            .conn
            .query_row(
                "SELECT record FROM watchlists WHERE id = ?1",
                params![id],
                |r| r.get(0),
            )
            .optional()?;
        record.map(|r| read_watchlist(id, &r)).transpose()
    }

    /// Removes a watchlist (its alerts stay, as a record of what was
    /// raised). Whether there was one.
    pub fn delete_watchlist(&mut self, id: &str) -> Result<bool, StoreError> {
        Ok(self
            .conn
            .execute("DELETE FROM watchlists WHERE id = ?1", params![id])?
            > 0)
    }

    /// Stores an uploaded zone (`custom:…`): its name and GeoJSON.
    pub fn put_zone(&mut self, id: &str, name: &str, geojson: &str) -> Result<(), StoreError> {
        self.conn.execute(
            "INSERT INTO zones (id, name, geojson, updated_at) VALUES (?1, ?2, ?3, ?4)
             ON CONFLICT(id) DO UPDATE SET name = excluded.name, geojson = excluded.geojson,
                updated_at = excluded.updated_at",
            params![id, name, geojson, now()],
        )?;
        Ok(())
    }

    /// Uploaded zones: (id, name, GeoJSON text), by id.
    pub fn zones(&self) -> Result<Vec<(String, String, String)>, StoreError> {
        let mut stmt = self
            .conn
            .prepare("SELECT id, name, geojson FROM zones ORDER BY id")?;
        let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Removes an uploaded zone that no watchlist uses ([`StoreError::InUse`] otherwise). Whether there was one.
    pub fn delete_zone(&mut self, id: &str) -> Result<bool, StoreError> {
        // a watchlist that names it would watch nothing there
        let users: Vec<String> = self
            .watchlists()?
            .into_iter()
            .filter(|w| w.zones.iter().any(|z| z.to_string() == id))
            .map(|w| w.id)
            .collect();
        if !users.is_empty() {
            return Err(StoreError::InUse {
                what: id.to_owned(),
                users,
            });
        }
        Ok(self
            .conn
            .execute("DELETE FROM zones WHERE id = ?1", params![id])?
            > 0)
    }

    /// Keeps an alert: a new id is stored as it is; a known one takes the
    /// new title, explanation and `updated_at` if they changed, and keeps
    /// its status and its history.
    pub fn raise_alert(&mut self, a: &Alert) -> Result<Raised, StoreError> {
        let Some(old) = self.alert(&a.id)? else {
            // another run may raise it between the read and the write
            let inserted = self.conn.execute(
                "INSERT INTO alerts (id, watchlist_id, status, created_at, updated_at, record, marking)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) ON CONFLICT(id) DO NOTHING",
                params![
                    a.id,
                    a.watchlist_id,
                    a.status.as_str(),
                    a.created_at,
                    a.updated_at,
                    to_json(a, &a.id)?,
                    marking_column(&a.marking, &a.id)?
                ],
            )?;
            self.note_marking(&a.marking, &a.id)?;
            return Ok(if inserted > 0 {
                Raised::New
            } else {
                Raised::Unchanged
            });
        };
        if old.title == a.title && old.explanation == a.explanation && old.marking == a.marking {
            return Ok(Raised::Unchanged);
        }
        let merged = Alert {
            title: a.title.clone(),
            explanation: a.explanation.clone(),
            updated_at: a.updated_at.clone(),
            marking: a.marking.clone(),
            ..old
        };
        self.write_alert(&merged)?;
        Ok(Raised::Updated)
    }

    fn write_alert(&mut self, a: &Alert) -> Result<(), StoreError> {
        self.conn.execute(
            "UPDATE alerts SET status = ?2, updated_at = ?3, record = ?4, marking = ?5 WHERE id = ?1",
            params![
                a.id,
                a.status.as_str(),
                a.updated_at,
                to_json(a, &a.id)?,
                marking_column(&a.marking, &a.id)?
            ],
        )?;
        self.note_marking(&a.marking, &a.id)?;
        Ok(())
    }

    /// An alert by id.
    pub fn alert(&self, id: &str) -> Result<Option<Alert>, StoreError> {
        let record: Option<String> = self
            .conn
            .query_row(
                "SELECT record FROM alerts WHERE id = ?1",
                params![id],
                |r| r.get(0),
            )
            .optional()?;
        record.map(|r| read(id, &r)).transpose()
    }

    /// Alerts, newest first: those with `status` (all when `None`), of
    /// `watchlist` if given; the total and one page.
    pub fn alerts(
        &self,
        status: Option<AlertStatus>,
        watchlist: Option<&str>,
        limit: u32,
        offset: u32,
    ) -> Result<(u64, Vec<Alert>), StoreError> {
        self.alerts_for(status, watchlist, (limit, offset), &|_| true)
    }

    /// [`Store::alerts`] of those alerts whose marking `sees` allows.
    pub fn alerts_for(
        &self,
        status: Option<AlertStatus>,
        watchlist: Option<&str>,
        (limit, offset): (u32, u32),
        sees: Sees<'_>,
    ) -> Result<(u64, Vec<Alert>), StoreError> {
        let mut filter =
            String::from("(? IS NULL OR status = ?) AND (? IS NULL OR watchlist_id = ?)");
        let status = status.map(AlertStatus::as_str);
        let mut args: Vec<Box<dyn ToSql>> = vec![
            Box::new(status),
            Box::new(status),
            Box::new(watchlist.map(str::to_owned)),
            Box::new(watchlist.map(str::to_owned)),
        ];
        if let Some((cond, allowed)) = self.visible_clause(sees)? {
            filter.push_str(&format!(" AND {cond}"));
            args.extend(allowed.into_iter().map(|m| Box::new(m) as Box<dyn ToSql>));
        }
        let refs: Vec<&dyn ToSql> = args.iter().map(|b| b.as_ref()).collect();
        let total: i64 = self.conn.query_row(
            &format!("SELECT COUNT(*) FROM alerts WHERE {filter}"),
            refs.as_slice(),
            |r| r.get(0),
        )?;
        let mut page: Vec<&dyn ToSql> = refs.clone();
        page.push(&limit);
        page.push(&offset);
        let mut stmt = self.conn.prepare(&format!(
            "SELECT id, record FROM alerts WHERE {filter}
             ORDER BY created_at DESC, id LIMIT ? OFFSET ?"
        ))?;
        let out = records(&mut stmt, page.as_slice())?;
        Ok((total as u64, out))
    }

    /// Moves an alert along its life, recording who and when. `Ok(None)`:
    /// no such alert; `Err(StoreError::Transition)`: not from its status
    /// (a closed alert stays closed).
    pub fn set_alert_status(
        &mut self,
        id: &str,
        t: Transition,
        by: &str,
    ) -> Result<Option<Alert>, StoreError> {
        let Some(mut a) = self.alert(id)? else {
            return Ok(None);
        };
        let at = now();
        match (t, a.status) {
            (Transition::Acknowledge, AlertStatus::New) => {
                a.status = AlertStatus::Acknowledged;
                a.acknowledged_by = Some(by.to_owned());
                a.acknowledged_at = Some(at.clone());
            }
            (Transition::Close, AlertStatus::New | AlertStatus::Acknowledged) => {
                a.status = AlertStatus::Closed;
                a.closed_by = Some(by.to_owned());
                a.closed_at = Some(at.clone());
            }
            (_, from) => {
                return Err(StoreError::Transition {
                    id: id.to_owned(),
                    from: from.as_str(),
                });
            }
        }
        a.updated_at = at;
        self.write_alert(&a)?;
        Ok(Some(a))
    }

    /// Queues a notification, due at `now` (Unix seconds); a known one is
    /// left as it is. Whether it is new.
    pub fn enqueue_delivery(
        &mut self,
        alert_id: &str,
        channel: &str,
        target: &str,
        now: i64,
    ) -> Result<bool, StoreError> {
        let id = format!("{channel}:{target}:{alert_id}");
        Ok(self.conn.execute(
            "INSERT OR IGNORE INTO deliveries (id, alert_id, channel, target, status, attempts, next_at)
             VALUES (?1, ?2, ?3, ?4, 'pending', 0, ?5)",
            params![id, alert_id, channel, target, now],
        )? > 0)
    }

    /// Pending notifications due by `now`, oldest first.
    pub fn due_deliveries(&self, now: i64, limit: u32) -> Result<Vec<Delivery>, StoreError> {
        let mut stmt = self.conn.prepare(&format!(
            "SELECT {DELIVERY_COLUMNS} FROM deliveries
                 WHERE status = 'pending' AND next_at <= ?1 ORDER BY next_at, id LIMIT ?2"
        ))?;
        let rows = stmt.query_map(params![now, limit], delivery_row)?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Takes a due notification for one attempt: pushes its next attempt
    /// `lease` seconds on, so that another process sending at the same time
    /// leaves it alone. Whether this caller has it.
    pub fn claim_delivery(&mut self, id: &str, now: i64, lease: i64) -> Result<bool, StoreError> {
        Ok(self.conn.execute(
            "UPDATE deliveries SET next_at = ?3
             WHERE id = ?1 AND status = 'pending' AND next_at <= ?2",
            params![id, now, now + lease],
        )? == 1)
    }

    /// A notification by id.
    pub fn delivery(&self, id: &str) -> Result<Option<Delivery>, StoreError> {
        Ok(self
            .conn
            .query_row(
                &format!("SELECT {DELIVERY_COLUMNS} FROM deliveries WHERE id = ?1"),
                params![id],
                delivery_row,
            )
            .optional()?)
    }

    /// Records that a notification is withheld, for good: what it would
    /// carry may not go where it would go (`why`).
    pub fn withhold_delivery(&mut self, id: &str, why: &str) -> Result<(), StoreError> {
        self.conn.execute(
            "UPDATE deliveries SET status = 'withheld', last_error = ?2 WHERE id = ?1",
            params![id, why],
        )?;
        Ok(())
    }

    /// Records an attempt: sent; or failed, to retry at `retry_at` (or
    /// given up when `None`).
    pub fn record_delivery(
        &mut self,
        id: &str,
        outcome: Result<(), &str>,
        retry_at: Option<i64>,
    ) -> Result<(), StoreError> {
        match outcome {
            Ok(()) => self.conn.execute(
                "UPDATE deliveries SET status = 'sent', attempts = attempts + 1, sent_at = ?2,
                    last_error = NULL WHERE id = ?1",
                params![id, now()],
            )?,
            Err(e) => self.conn.execute(
                "UPDATE deliveries SET status = CASE WHEN ?3 IS NULL THEN 'failed' ELSE 'pending' END,
                    attempts = attempts + 1, last_error = ?2, next_at = COALESCE(?3, next_at)
                 WHERE id = ?1",
                params![id, e, retry_at],
            )?,
        };
        Ok(())
    }
}

/// A stored watchlist read back, leniently ([`Watchlist::from_stored`]):
/// entries written before they were checked (a country "AFG") are dropped
/// with a warning, never left to stop every watchlist.
fn read_watchlist(id: &str, record: &str) -> Result<Watchlist, StoreError> {
    match Watchlist::from_stored(record) {
        Ok((w, dropped)) => {
            if !dropped.is_empty() {
                tracing::warn!(
                    watchlist = id,
                    "entries of a stored watchlist that do not read are left out: {}",
                    dropped.join("; ")
                );
            }
            Ok(w)
        }
        Err(_) => read(id, record),
    }
}
