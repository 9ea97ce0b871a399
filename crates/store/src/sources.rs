//! Sources in the store, their health, and the URLs collected from them.
//!
//! A URL is marked seen in the same transaction that files what it brought
//! (an article, a duplicate or a rejection): a run killed before the commit
//! leaves it unseen, and the next run fetches it again; one killed after
//! leaves it seen, and it is never fetched twice.

use beacon_model::{Source, SourceHealth};
use rusqlite::{OptionalExtension, params};

use crate::{Store, StoreError, now, read, to_json};

pub(crate) const SCHEMA: &str = "
CREATE TABLE IF NOT EXISTS sources (
    id            TEXT PRIMARY KEY,
    record        TEXT NOT NULL,
    health        TEXT,
    updated_at    TEXT NOT NULL
) STRICT;
CREATE TABLE IF NOT EXISTS seen_urls (
    url           TEXT PRIMARY KEY,
    source_id     TEXT NOT NULL,
    outcome       TEXT NOT NULL,
    seen_at       TEXT NOT NULL
) STRICT;
";

impl Store {
    /// Stores a source (replacing one with its id, whose health stays).
    pub fn put_source(&mut self, s: &Source) -> Result<(), StoreError> {
        s.check().map_err(|e| StoreError::Invalid(e.0))?;
        self.conn.execute(
            "INSERT INTO sources (id, record, updated_at) VALUES (?1, ?2, ?3)
             ON CONFLICT(id) DO UPDATE SET record = excluded.record, updated_at = excluded.updated_at",
            params![s.id, to_json(s, &s.id)?, now()],
        )?;
        Ok(())
    }

    /// Every source with its health (default when never fetched), by id.
    pub fn sources(&self) -> Result<Vec<(Source, SourceHealth)>, StoreError> {
        let mut stmt = self
            .conn
            .prepare("SELECT id, record, health FROM sources ORDER BY id")?;
        let mut rows = stmt.query([])?;
        let mut out = Vec::new();
        while let Some(r) = rows.next()? {
            let (id, record, health): (String, String, Option<String>) =
                (r.get(0)?, r.get(1)?, r.get(2)?);
            out.push(source_row(&id, &record, health.as_deref())?);
        }
        Ok(out)
    }

    /// A source and its health, by id.
    pub fn source(&self, id: &str) -> Result<Option<(Source, SourceHealth)>, StoreError> {
        let row: Option<(String, Option<String>)> = self
            .conn
            .query_row(
                "SELECT record, health FROM sources WHERE id = ?1",
                params![id],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()?;
        row.map(|(record, health)| source_row(id, &record, health.as_deref()))
            .transpose()
    }

    /// Records what the collector knows of a source's health. Whether the
    /// source is still there (one removed meanwhile is not made again).
    pub fn put_source_health(&mut self, id: &str, h: &SourceHealth) -> Result<bool, StoreError> {
        Ok(self.conn.execute(
            "UPDATE sources SET health = ?2 WHERE id = ?1",
            params![id, to_json(h, id)?],
        )? > 0)
    }

    /// Removes a source (what it brought stays). Whether there was one.
    pub fn delete_source(&mut self, id: &str) -> Result<bool, StoreError> {
        Ok(self
            .conn
            .execute("DELETE FROM sources WHERE id = ?1", params![id])?
            > 0)
    }

    /// Whether a (canonical) URL was collected already.
    pub fn seen_url(&self, url: &str) -> Result<bool, StoreError> {
        Ok(self
            .conn
            .query_row(
                "SELECT 1 FROM seen_urls WHERE url = ?1",
                params![url],
                |_| Ok(()),
            )
            .optional()?
            .is_some())
    }

    /// Marks a (canonical) URL collected, with what it brought (`stored`,
    /// `duplicate`, `rejected: …`). Whether it was new.
    pub fn mark_seen(
        &mut self,
        url: &str,
        source_id: &str,
        outcome: &str,
    ) -> Result<bool, StoreError> {
        Ok(self.conn.execute(
            "INSERT INTO seen_urls (url, source_id, outcome, seen_at) VALUES (?1, ?2, ?3, ?4)
             ON CONFLICT(url) DO NOTHING",
            params![url, source_id, outcome, now()],
        )? > 0)
    }

    /// The URLs last collected from a source, newest first: (URL, what it
    /// brought, when).
    pub fn seen_from(
        &self,
        source_id: &str,
        limit: u32,
    ) -> Result<Vec<(String, String, String)>, StoreError> {
        let mut stmt = self.conn.prepare(
            "SELECT url, outcome, seen_at FROM seen_urls WHERE source_id = ?1
             ORDER BY seen_at DESC, rowid DESC LIMIT ?2",
        )?;
        let rows = stmt.query_map(params![source_id, limit], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?))
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// How many URLs were collected from each source.
    pub fn seen_counts(&self) -> Result<Vec<(String, i64)>, StoreError> {
        let mut stmt = self.conn.prepare(
            "SELECT source_id, COUNT(*) FROM seen_urls GROUP BY source_id ORDER BY source_id",
        )?;
        let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
        Ok(rows.collect::<Result<_, _>>()?)
    }
}

fn source_row(
    id: &str,
    record: &str,
    health: Option<&str>,
) -> Result<(Source, SourceHealth), StoreError> {
    let source = read(id, record)?;
    let health = health.map(|h| read(id, h)).transpose()?.unwrap_or_default();
    Ok((source, health))
}
