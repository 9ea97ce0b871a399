//! The embedded store: one SQLite database (bundled, WAL) in a data directory.
//!
//! Invariants:
//! - A document is stored once, keyed by its content hash; every origin it was
//!   read from is recorded beside it. Writing the same input again is a no-op
//!   that reports [`Put::Duplicate`].
//! - A document and its article are written in the same transaction; a run
//!   killed at any moment leaves whole documents or none, so rerunning it ends
//!   with each document stored exactly once.
//! - Rejections are kept by origin, and forgotten once that origin is stored.
//! - An article's analysis (mentions, time expressions, events) and the
//!   story it joined are written in the article's transaction, so a story
//!   never holds an article the store lacks, nor misses one it holds; the
//!   stories are rebuilt in storage order ([`Store::analysed_articles`]),
//!   which makes them the same however often a run was killed and rerun.
//!
//! ```no_run
//! let mut store = beacon_store::Store::open(std::path::Path::new("beacon-data")).unwrap();
//! println!("{} articles", store.counts().unwrap().articles);
//! ```

mod check;
mod events;
mod lock;
mod review;
mod sharing;
mod sources;
mod watch;

use std::path::{Path, PathBuf};

use beacon_model::{Article, Document, Event, Marking, Mention, Rejection, Story, TimeExpression};
pub use check::Check;
pub use events::{EventIndex, EventRow};
pub use lock::{FILER_LOCK, FilerLock, Holder, lock_filer, try_lock_filer};
use rusqlite::{Connection, OptionalExtension, params};
pub use sharing::{AuditEntry, Imported, SignIn, Subscribed, TokenInfo};
pub use watch::{Delivery, Raised, Transition};

/// Errors of the store.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// The data directory cannot be created or opened.
    #[error("cannot open the data directory {path}: {source}")]
    Dir {
        /// The directory.
        path: PathBuf,
        /// Why.
        source: std::io::Error,
    },
    /// SQLite failed.
    #[error("database error: {0}")]
    Sql(rusqlite::Error),
    /// The store's file is damaged: SQLite finds it malformed, or a stored
    /// value is not what was written (see [`StoreError::is_damage`]).
    #[error("the store is damaged: {0}")]
    Damaged(String),
    /// The store's file is there but holds nothing: it was emptied, and is
    /// never silently made again as a new store.
    #[error(
        "{} is empty (0 bytes): the store was emptied or truncated, and Beacon will not make a new store in its place. \
         Restore it from a backup, or remove it to start a new store (the search index beside it is rebuilt)",
        .0.display()
    )]
    Empty(PathBuf),
    /// A stored record cannot be read back.
    #[error("stored record {id} is unreadable: {source}")]
    Corrupt {
        /// The record's id.
        id: String,
        /// Why.
        source: serde_json::Error,
    },
    /// A value is larger than the store can hold in one field.
    #[error("{what} is {bytes} bytes: more than the store holds in one field ({MAX_FIELD} bytes)")]
    TooLarge {
        /// What it is.
        what: &'static str,
        /// Its size.
        bytes: usize,
    },
    /// An id prefix matches more than one article.
    #[error("the id prefix {0:?} matches several articles; give more characters")]
    Ambiguous(String),
    /// A record that does not check (a watchlist with no name, …).
    #[error("{0}")]
    Invalid(String),
    /// Something others use cannot be removed.
    #[error("{what} is in use by {}: change or remove them first", users.join(", "))]
    InUse {
        /// What was to be removed.
        what: String,
        /// What uses it.
        users: Vec<String>,
    },
    /// An alert cannot move that way from where it is.
    #[error("alert {id} is {from}: it cannot move that way")]
    Transition {
        /// The alert.
        id: String,
        /// Its status.
        from: &'static str,
    },
}

impl From<rusqlite::Error> for StoreError {
    fn from(e: rusqlite::Error) -> Self {
        use rusqlite::ffi::ErrorCode;
        match &e {
            rusqlite::Error::SqliteFailure(f, _)
                if matches!(f.code, ErrorCode::DatabaseCorrupt | ErrorCode::NotADatabase) =>
            {
                StoreError::Damaged(e.to_string())
            }
            // text that was valid when it was written is not any more
            rusqlite::Error::FromSqlConversionFailure(..) | rusqlite::Error::Utf8Error(..) => {
                StoreError::Damaged(format!("a stored value cannot be read back ({e})"))
            }
            _ => StoreError::Sql(e),
        }
    }
}

impl StoreError {
    /// Whether this error means the store's file is damaged (rather than
    /// the disk, a lock or a request failing): what `beacon check` looks
    /// into.
    pub fn is_damage(&self) -> bool {
        matches!(self, StoreError::Damaged(_) | StoreError::Corrupt { .. })
    }
}

/// The most bytes one field (a document's body, an article's record, an
/// analysis) may hold: well under SQLite's own limit of 1,000,000,000, so
/// that an input too large for the store is rejected, never fatal.
pub const MAX_FIELD: usize = 500_000_000;

/// The outcome of storing one document.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Put {
    /// Newly stored.
    Stored,
    /// Already in the store (the same content, from this or another origin).
    Duplicate,
}

/// Counts of what the store holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Counts {
    /// Documents.
    pub documents: u64,
    /// Articles.
    pub articles: u64,
    /// Rejected inputs (by origin).
    pub rejections: u64,
}

/// One line of an article listing.
#[derive(Debug, Clone, PartialEq)]
pub struct ArticleRow {
    /// The article's id.
    pub id: String,
    /// Its title.
    pub title: Option<String>,
    /// Its URL.
    pub url: Option<String>,
    /// Its source.
    pub source: Option<String>,
    /// Its language.
    pub language: Option<String>,
    /// Its publication date.
    pub published: Option<String>,
    /// Where it was read first.
    pub origin: String,
    /// Length of its text in characters.
    pub chars: i64,
    /// When it was stored (RFC 3339).
    pub stored_at: String,
}

const SCHEMA_VERSION: i64 = 11;

const SCHEMA: &str = "
CREATE TABLE IF NOT EXISTS meta (
    key           TEXT PRIMARY KEY,
    value         TEXT NOT NULL
) STRICT;
CREATE TABLE IF NOT EXISTS documents (
    id            TEXT PRIMARY KEY,
    origin        TEXT NOT NULL,
    url           TEXT,
    source        TEXT,
    fetched_at    TEXT,
    content_type  TEXT NOT NULL,
    encoding      TEXT NOT NULL,
    body          BLOB NOT NULL,
    stored_at     TEXT NOT NULL
) STRICT;
CREATE TABLE IF NOT EXISTS origins (
    origin        TEXT PRIMARY KEY,
    document_id   TEXT NOT NULL REFERENCES documents(id)
) STRICT;
CREATE TABLE IF NOT EXISTS articles (
    id            TEXT PRIMARY KEY REFERENCES documents(id),
    title         TEXT,
    url           TEXT,
    source        TEXT,
    language      TEXT,
    published     TEXT,
    chars         INTEGER NOT NULL,
    record        TEXT NOT NULL,
    stored_at     TEXT NOT NULL
) STRICT;
CREATE INDEX IF NOT EXISTS articles_stored ON articles(stored_at);
CREATE TABLE IF NOT EXISTS analyses (
    article_id    TEXT PRIMARY KEY REFERENCES articles(id),
    mentions      TEXT NOT NULL,
    times         TEXT NOT NULL,
    events        TEXT NOT NULL
) STRICT;
CREATE TABLE IF NOT EXISTS stories (
    id            TEXT PRIMARY KEY,
    title         TEXT,
    first_seen    TEXT,
    last_seen     TEXT,
    articles      INTEGER NOT NULL,
    sources       INTEGER NOT NULL,
    record        TEXT NOT NULL,
    -- who may see it (a Marking as JSON); NULL: CLEAR
    marking       TEXT
) STRICT;
CREATE TABLE IF NOT EXISTS story_articles (
    article_id    TEXT PRIMARY KEY REFERENCES articles(id),
    story_id      TEXT NOT NULL REFERENCES stories(id)
) STRICT;
CREATE INDEX IF NOT EXISTS story_articles_story ON story_articles(story_id);
-- every marking a story or a story-level event holds, once: who may see
-- which is asked of these, not of every row
CREATE TABLE IF NOT EXISTS markings (
    marking       TEXT PRIMARY KEY
) STRICT;
CREATE TABLE IF NOT EXISTS rejections (
    origin        TEXT PRIMARY KEY,
    reason        TEXT NOT NULL,
    detail        TEXT NOT NULL,
    at            TEXT NOT NULL
) STRICT;
";

/// The embedded store.
pub struct Store {
    conn: Connection,
    dir: PathBuf,
    in_tx: bool,
}

impl Store {
    /// Opens (creating if needed) the store in `dir`. A new store is made
    /// whole under another name and then moved into place, so that a
    /// `beacon.db` that exists is always a store: an empty one is reported
    /// ([`StoreError::Empty`]), never made again as a new store.
    pub fn open(dir: &Path) -> Result<Store, StoreError> {
        std::fs::create_dir_all(dir).map_err(|source| StoreError::Dir {
            path: dir.to_owned(),
            source,
        })?;
        let path = dir.join(DB_FILE);
        match std::fs::metadata(&path) {
            Ok(m) if m.len() == 0 => return Err(StoreError::Empty(path)),
            Ok(_) => {}
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => create(dir)?,
            Err(source) => return Err(StoreError::Dir { path, source }),
        }
        let conn = Connection::open_with_flags(
            &path,
            rusqlite::OpenFlags::SQLITE_OPEN_READ_WRITE | rusqlite::OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )?;
        conn.busy_timeout(std::time::Duration::from_secs(30))?;
        conn.pragma_update(None, "journal_mode", "WAL")?;
        conn.pragma_update(None, "synchronous", "NORMAL")?;
        conn.pragma_update(None, "foreign_keys", "ON")?;
        let version: i64 = conn.pragma_query_value(None, "user_version", |r| r.get(0))?;
        if version == 0 {
            // a file that exists but holds no Beacon store
            return Err(StoreError::Damaged(format!(
                "{} holds no Beacon store (no schema)",
                path.display()
            )));
        }
        let mut store = Store {
            conn,
            dir: dir.to_owned(),
            in_tx: false,
        };
        if version < SCHEMA_VERSION {
            store.migrate(version)?;
        }
        Ok(store)
    }

    /// Brings a store written by an earlier version up to this schema.
    fn migrate(&mut self, version: i64) -> Result<(), StoreError> {
        tracing::info!(
            "migrating the store in {} from schema {version} to {SCHEMA_VERSION}",
            self.dir.display()
        );
        self.begin()?;
        // before 7 a story's record held its events: each story is
        // written again (its head, and its events as rows with their places)
        let stories: Vec<Story> = if version < 7 {
            let mut stmt = self.conn.prepare("SELECT id, record FROM stories")?;
            let stories = records(&mut stmt, &[])?;
            self.conn.execute_batch(
                "DROP TABLE IF EXISTS story_event_actors; DROP TABLE IF EXISTS story_events;",
            )?;
            stories
        } else {
            Vec::new()
        };
        if version < 9 {
            // markings: every record stored before them is CLEAR (NULL)
            for table in ["stories", "story_events"] {
                add_column(&self.conn, table, "marking", "TEXT")?;
            }
            add_column(&self.conn, "story_events", "written_at", "TEXT")?;
        }
        if version < 10 {
            // reviews: every event stored before them is unreviewed (NULL)
            add_column(&self.conn, "story_events", "review", "TEXT")?;
        }
        if version < 11 {
            // alerts' markings: every alert raised before them is CLEAR (NULL)
            add_column(&self.conn, "alerts", "marking", "TEXT")?;
        }
        schema(&self.conn)?;
        for s in &stories {
            let record = to_json(&StoryHead::of(s), &s.id)?;
            self.conn.execute(
                "UPDATE stories SET record = ?2 WHERE id = ?1",
                params![s.id, record],
            )?;
            self.put_story_events(s, None)?;
        }
        if version < 6 {
            // a store from before identities gets one now
            self.conn.execute(
                "INSERT OR IGNORE INTO meta (key, value) VALUES ('store_id', ?1)",
                params![new_store_id(&self.dir)],
            )?;
        }
        self.conn
            .pragma_update(None, "user_version", SCHEMA_VERSION)?;
        self.commit()
    }

    /// The store's identity: made when the store was, and never again.
    /// What is derived from the store (the search index) records it, and
    /// is rebuilt when it finds another.
    pub fn id(&self) -> Result<String, StoreError> {
        Ok(self
            .conn
            .query_row("SELECT value FROM meta WHERE key = 'store_id'", [], |r| {
                r.get(0)
            })?)
    }

    /// The data directory.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// Starts a batch: the writes made through it land together when it
    /// is committed ([`Batch::commit`]), and none of them stays when it is
    /// dropped uncommitted (an error's `?`, a panic).
    pub fn batch(&mut self) -> Result<Batch<'_>, StoreError> {
        if self.in_tx {
            // an inner guard would commit or roll back the outer batch
            return Err(StoreError::Invalid(
                "a batch is already open on this store".into(),
            ));
        }
        self.begin()?;
        Ok(Batch { store: self })
    }

    fn begin(&mut self) -> Result<(), StoreError> {
        if !self.in_tx {
            self.conn.execute_batch("BEGIN IMMEDIATE")?;
            self.in_tx = true;
        }
        Ok(())
    }

    fn rollback(&mut self) -> Result<(), StoreError> {
        if self.in_tx {
            // marked ended first: a rollback that fails (SQLite has then
            // rolled back already) is not tried again on drop
            self.in_tx = false;
            self.conn.execute_batch("ROLLBACK")?;
        }
        Ok(())
    }

    fn commit(&mut self) -> Result<(), StoreError> {
        if self.in_tx {
            self.conn.execute_batch("COMMIT")?;
            self.in_tx = false;
        }
        Ok(())
    }

    /// Runs `f`'s reads in one read transaction: one snapshot of the store,
    /// and one lock taken for them all instead of one a statement.
    pub fn snapshot<T, E: From<StoreError>>(
        &mut self,
        f: impl FnOnce(&Store) -> Result<T, E>,
    ) -> Result<T, E> {
        if !self.conn.is_autocommit() {
            return f(self);
        }
        self.conn
            .execute_batch("BEGIN DEFERRED")
            .map_err(|e| E::from(e.into()))?;
        let out = f(self);
        // a read transaction has nothing to keep
        let _ = self.conn.execute_batch("ROLLBACK");
        out
    }

    /// Lets SQLite read the store's file through memory maps of up to
    /// `bytes` (a server's connections: fewer system calls a read).
    pub fn map_memory(&self, bytes: i64) -> Result<(), StoreError> {
        self.conn.pragma_update(None, "mmap_size", bytes)?;
        Ok(())
    }

    /// Runs `f` so that its writes land whole or not at all, inside the
    /// batch (a savepoint): on an error nothing `f` wrote stays, and the
    /// batch goes on.
    pub fn atomically<T>(
        &mut self,
        f: impl FnOnce(&mut Store) -> Result<T, StoreError>,
    ) -> Result<T, StoreError> {
        self.conn.execute_batch("SAVEPOINT one")?;
        match f(self) {
            Ok(v) => {
                self.conn.execute_batch("RELEASE one")?;
                Ok(v)
            }
            Err(e) => {
                if self.conn.is_autocommit() {
                    // SQLite rolled the whole transaction back itself (a
                    // full disk): there is no savepoint left, and no batch
                    self.in_tx = false;
                } else {
                    // the first error is the one to report
                    let _ = self.conn.execute_batch("ROLLBACK TO one; RELEASE one");
                }
                Err(e)
            }
        }
    }

    /// Stores a document and, when extraction succeeded, its article.
    pub fn put(&mut self, doc: &Document, article: Option<&Article>) -> Result<Put, StoreError> {
        fits("the document's body", doc.body.len())?;
        let record = article
            .map(|a| {
                to_json_sized(a, &a.id.0, a.text.len() + a.text.len() / 16 + 64 * 1024)
                    .and_then(|r| fits("the article's record", r.len()).map(|()| r))
            })
            .transpose()?;
        let now = now();
        let inserted = self.conn.execute(
            "INSERT INTO documents (id, origin, url, source, fetched_at, content_type, encoding, body, stored_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9) ON CONFLICT(id) DO NOTHING",
            params![
                doc.id.0,
                doc.origin,
                doc.url,
                doc.source,
                doc.fetched_at.map(|t| t.to_rfc3339()),
                doc.content_type,
                doc.encoding,
                doc.body,
                now
            ],
        )?;
        self.conn.execute(
            "INSERT INTO origins (origin, document_id) VALUES (?1, ?2)
             ON CONFLICT(origin) DO UPDATE SET document_id = excluded.document_id",
            params![doc.origin, doc.id.0],
        )?;
        self.conn.execute(
            "DELETE FROM rejections WHERE origin = ?1",
            params![doc.origin],
        )?;
        if inserted == 0 {
            return Ok(Put::Duplicate);
        }
        if let (Some(a), Some(record)) = (article, record) {
            self.conn.execute(
                "INSERT INTO articles (id, title, url, source, language, published, chars, record, stored_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9) ON CONFLICT(id) DO NOTHING",
                params![
                    a.id.0,
                    a.title,
                    a.url,
                    a.source,
                    a.language,
                    a.published.as_ref().map(|p| p.value.clone()),
                    a.text.chars().count() as i64,
                    record,
                    now
                ],
            )?;
        }
        Ok(Put::Stored)
    }

    /// Records a rejected input (replacing an earlier rejection of the same origin).
    pub fn put_rejection(&mut self, r: &Rejection) -> Result<(), StoreError> {
        self.conn.execute(
            "INSERT INTO rejections (origin, reason, detail, at) VALUES (?1, ?2, ?3, ?4)
             ON CONFLICT(origin) DO UPDATE SET reason = excluded.reason, detail = excluded.detail, at = excluded.at",
            params![r.origin, r.reason().as_str(), r.rejected.detail, now()],
        )?;
        Ok(())
    }

    /// What the store holds.
    pub fn counts(&self) -> Result<Counts, StoreError> {
        let count = |table: &str| -> Result<u64, StoreError> {
            Ok(self
                .conn
                .query_row(&format!("SELECT COUNT(*) FROM {table}"), [], |r| {
                    r.get::<_, i64>(0)
                })? as u64)
        };
        Ok(Counts {
            documents: count("documents")?,
            articles: count("articles")?,
            rejections: count("rejections")?,
        })
    }

    /// Articles, newest first.
    pub fn list_articles(&self, limit: u32, offset: u32) -> Result<Vec<ArticleRow>, StoreError> {
        let mut stmt = self.conn.prepare(
            "SELECT a.id, a.title, a.url, a.source, a.language, a.published, d.origin, a.chars, a.stored_at
             FROM articles a JOIN documents d ON d.id = a.id
             ORDER BY a.stored_at DESC, a.rowid DESC LIMIT ?1 OFFSET ?2",
        )?;
        let rows = stmt.query_map(params![limit, offset], |r| {
            Ok(ArticleRow {
                id: r.get(0)?,
                title: r.get(1)?,
                url: r.get(2)?,
                source: r.get(3)?,
                language: r.get(4)?,
                published: r.get(5)?,
                origin: r.get(6)?,
                chars: r.get(7)?,
                stored_at: r.get(8)?,
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// The article whose id is, or starts with, `id`.
    pub fn article(&self, id: &str) -> Result<Option<Article>, StoreError> {
        let pattern = format!("{}%", id.replace(['%', '_'], ""));
        let mut stmt = self
            .conn
            .prepare("SELECT id, record FROM articles WHERE id LIKE ?1 LIMIT 2")?;
        let found: Vec<(String, String)> = stmt
            .query_map(params![pattern], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<Result<_, _>>()?;
        match found.as_slice() {
            [] => Ok(None),
            [(id, record)] => {
                serde_json::from_str(record)
                    .map(Some)
                    .map_err(|source| StoreError::Corrupt {
                        id: id.clone(),
                        source,
                    })
            }
            _ => Err(StoreError::Ambiguous(id.to_owned())),
        }
    }

    /// The origins a document was read from.
    pub fn origins(&self, id: &str) -> Result<Vec<String>, StoreError> {
        let mut stmt = self
            .conn
            .prepare("SELECT origin FROM origins WHERE document_id = ?1 ORDER BY origin")?;
        let rows = stmt.query_map(params![id], |r| r.get(0))?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Rejections by reason, most frequent first.
    pub fn rejection_counts(&self) -> Result<Vec<(String, u64)>, StoreError> {
        let mut stmt = self.conn.prepare(
            "SELECT reason, COUNT(*) FROM rejections GROUP BY reason ORDER BY 2 DESC, 1",
        )?;
        let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get::<_, i64>(1)? as u64)))?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Stores an article's analysis (replacing an earlier one).
    pub fn put_analysis(
        &mut self,
        article_id: &str,
        mentions: &[Mention],
        times: &[TimeExpression],
        events: &[Event],
    ) -> Result<(), StoreError> {
        let (m, t, e) = (
            to_json(mentions, article_id)?,
            to_json(times, article_id)?,
            to_json(events, article_id)?,
        );
        fits("the article's analysis", m.len() + t.len() + e.len())?;
        self.conn.execute(
            "INSERT INTO analyses (article_id, mentions, times, events) VALUES (?1, ?2, ?3, ?4)
             ON CONFLICT(article_id) DO UPDATE SET mentions = excluded.mentions,
                times = excluded.times, events = excluded.events",
            params![article_id, m, t, e],
        )?;
        Ok(())
    }

    /// Stores a story as it now stands, every event of it written again,
    /// and that `article_id` belongs to it.
    pub fn put_story(&mut self, story: &Story, article_id: &str) -> Result<(), StoreError> {
        self.write_story(story, article_id, None)
    }

    /// Stores a story that `article_id` has just joined, writing again only
    /// the events at the places `changed` in `story.events` (those the
    /// article changed or added: [`beacon_stories`'s `Filed`]): filing an
    /// article costs what it changed, not the size of its story.
    pub fn update_story(
        &mut self,
        story: &Story,
        article_id: &str,
        changed: &[usize],
    ) -> Result<(), StoreError> {
        self.write_story(story, article_id, Some(changed))
    }

    fn write_story(
        &mut self,
        story: &Story,
        article_id: &str,
        changed: Option<&[usize]>,
    ) -> Result<(), StoreError> {
        // the story's head; its events are rows of their own
        let record = to_json(&StoryHead::of(story), &story.id)?;
        fits("the story's record", record.len())?;
        // its rows land together, in a batch or not
        self.atomically(|store| store.write_story_rows(story, article_id, changed, &record))
    }

    fn write_story_rows(
        &mut self,
        story: &Story,
        article_id: &str,
        changed: Option<&[usize]>,
        record: &str,
    ) -> Result<(), StoreError> {
        self.conn.execute(
            "INSERT INTO stories (id, title, first_seen, last_seen, articles, sources, record, marking)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)
             ON CONFLICT(id) DO UPDATE SET title = excluded.title, first_seen = excluded.first_seen,
                last_seen = excluded.last_seen, articles = excluded.articles,
                sources = excluded.sources, record = excluded.record, marking = excluded.marking",
            params![
                story.id,
                story.title,
                story.first_seen,
                story.last_seen,
                story.article_ids.len() as i64,
                story.sources.len() as i64,
                record,
                marking_column(&story.marking, &story.id)?
            ],
        )?;
        self.note_marking(&story.marking, &story.id)?;
        self.conn.execute(
            "INSERT INTO story_articles (article_id, story_id) VALUES (?1, ?2)
             ON CONFLICT(article_id) DO UPDATE SET story_id = excluded.story_id",
            params![article_id, story.id],
        )?;
        self.put_story_events(story, changed)?;
        Ok(())
    }

    /// Every analysed article stored after storage sequence `after` (0:
    /// all), with its sequence, mentions, events and story, in the order they
    /// were stored: what the stories are rebuilt from and what the search
    /// index catches up with.
    ///
    /// The article is read as `A`: an [`Article`], or a type that reads only
    /// the fields it needs from the stored record (search reads a part of
    /// the text of a long one).
    pub fn analysed_articles<A: serde::de::DeserializeOwned>(
        &self,
        after: i64,
        each: &mut dyn FnMut(i64, A, Vec<Mention>, Vec<Event>, Option<String>),
    ) -> Result<(), StoreError> {
        let mut stmt = self.conn.prepare(
            "SELECT a.rowid, a.id, a.record, n.mentions, n.events, s.story_id FROM articles a
             JOIN analyses n ON n.article_id = a.id
             LEFT JOIN story_articles s ON s.article_id = a.id
             WHERE a.rowid > ?1 ORDER BY a.rowid",
        )?;
        let mut rows = stmt.query(params![after])?;
        while let Some(r) = rows.next()? {
            let id: String = r.get(1)?;
            let corrupt = |source| StoreError::Corrupt {
                id: id.clone(),
                source,
            };
            // read in place, not copied first: an article may be megabytes
            let text = |i: usize| -> Result<&str, StoreError> {
                r.get_ref(i)?
                    .as_str()
                    .map_err(|e| StoreError::Damaged(format!("stored record {id}: {e}")))
            };
            let article: A = serde_json::from_str(text(2)?).map_err(corrupt)?;
            let mentions: Vec<Mention> = serde_json::from_str(text(3)?).map_err(corrupt)?;
            let events: Vec<Event> = serde_json::from_str(text(4)?).map_err(corrupt)?;
            each(r.get(0)?, article, mentions, events, r.get(5)?);
        }
        Ok(())
    }

    /// An article's analysis: its mentions, time expressions and events,
    /// and the story it is in (`None`: not analysed).
    #[allow(clippy::type_complexity)]
    pub fn analysis(
        &self,
        article_id: &str,
    ) -> Result<
        Option<(
            Vec<Mention>,
            Vec<TimeExpression>,
            Vec<Event>,
            Option<String>,
        )>,
        StoreError,
    > {
        let row: Option<(String, String, String, Option<String>)> = self
            .conn
            .query_row(
                "SELECT n.mentions, n.times, n.events, s.story_id FROM analyses n
                 LEFT JOIN story_articles s ON s.article_id = n.article_id
                 WHERE n.article_id = ?1",
                params![article_id],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
            )
            .optional()?;
        let Some((m, t, e, story)) = row else {
            return Ok(None);
        };
        let corrupt = |source| StoreError::Corrupt {
            id: article_id.to_owned(),
            source,
        };
        Ok(Some((
            serde_json::from_str(&m).map_err(corrupt)?,
            serde_json::from_str(&t).map_err(corrupt)?,
            serde_json::from_str(&e).map_err(corrupt)?,
            story,
        )))
    }

    /// The storage sequence of the newest article (0: none).
    pub fn last_article_seq(&self) -> Result<i64, StoreError> {
        Ok(self
            .conn
            .query_row("SELECT COALESCE(MAX(rowid), 0) FROM articles", [], |r| {
                r.get(0)
            })?)
    }

    /// A story by id.
    pub fn story(&self, id: &str) -> Result<Option<Story>, StoreError> {
        let record: Option<String> = self
            .conn
            .query_row(
                "SELECT record FROM stories WHERE id = ?1",
                params![id],
                |r| r.get(0),
            )
            .optional()?;
        record.map(|r| self.with_events(read(id, &r)?)).transpose()
    }

    /// A story's head (its record without its events) and its events' ids
    /// in their places: what a STIX grouping of it needs, read without
    /// reading its events.
    pub fn story_outline(&self, id: &str) -> Result<Option<(Story, Vec<String>)>, StoreError> {
        let record: Option<String> = self
            .conn
            .prepare_cached("SELECT record FROM stories WHERE id = ?1")?
            .query_row(params![id], |r| r.get(0))
            .optional()?;
        let Some(record) = record else {
            return Ok(None);
        };
        let head: Story = read(id, &record)?;
        let ids = self
            .conn
            .prepare_cached("SELECT id FROM story_events WHERE story_id = ?1 ORDER BY pos")?
            .query_map(params![id], |r| r.get(0))?
            .collect::<Result<_, _>>()?;
        Ok(Some((head, ids)))
    }

    /// Stories, the most recently seen first; at most `limit`.
    pub fn stories(&self, limit: u32) -> Result<Vec<Story>, StoreError> {
        let mut stmt = self.conn.prepare(
            "SELECT id, record FROM stories ORDER BY last_seen DESC, articles DESC, id LIMIT ?1",
        )?;
        records(&mut stmt, &[&limit])?
            .into_iter()
            .map(|s| self.with_events(s))
            .collect()
    }

    /// A story's articles: (id, url, where it was read first), in storage
    /// order.
    pub fn story_articles(
        &self,
        story_id: &str,
    ) -> Result<Vec<(String, Option<String>, String)>, StoreError> {
        let mut stmt = self.conn.prepare(
            "SELECT a.id, a.url, d.origin FROM story_articles s
             JOIN articles a ON a.id = s.article_id JOIN documents d ON d.id = a.id
             WHERE s.story_id = ?1 ORDER BY a.rowid",
        )?;
        let rows = stmt.query_map(params![story_id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// How many stories the store holds.
    pub fn story_count(&self) -> Result<u64, StoreError> {
        Ok(self
            .conn
            .query_row("SELECT COUNT(*) FROM stories", [], |r| r.get::<_, i64>(0))?
            as u64)
    }

    /// Whether a document with this id is stored.
    pub fn has_document(&self, id: &str) -> Result<bool, StoreError> {
        Ok(self
            .conn
            .query_row("SELECT 1 FROM documents WHERE id = ?1", params![id], |_| {
                Ok(())
            })
            .optional()?
            .is_some())
    }
}

impl Drop for Store {
    fn drop(&mut self) {
        // a batch left open (a migration that failed) is abandoned, never
        // committed half-done
        let _ = self.rollback();
    }
}

/// An open batch of writes ([`Store::batch`]): it reads and writes as the
/// store, commits with [`Batch::commit`], and rolls back whatever it wrote
/// when dropped uncommitted, so that an error between two writes of one
/// article never leaves the first without the second.
pub struct Batch<'a> {
    store: &'a mut Store,
}

impl Batch<'_> {
    /// Lands everything written through the batch.
    pub fn commit(self) -> Result<(), StoreError> {
        let mut this = std::mem::ManuallyDrop::new(self);
        let landed = this.store.commit();
        if landed.is_err() {
            // a commit that failed (a busy or full disk) lands nothing
            let _ = this.store.rollback();
        }
        landed
    }

    /// Lands what was written so far and goes on in a new batch: a long
    /// run's work is kept in steps.
    pub fn checkpoint(&mut self) -> Result<(), StoreError> {
        self.store.commit()?;
        self.store.begin()
    }
}

impl std::ops::Deref for Batch<'_> {
    type Target = Store;
    fn deref(&self) -> &Store {
        self.store
    }
}

impl std::ops::DerefMut for Batch<'_> {
    fn deref_mut(&mut self) -> &mut Store {
        self.store
    }
}

impl Drop for Batch<'_> {
    fn drop(&mut self) {
        // a rollback that fails has nothing left to undo: SQLite rolls a
        // transaction back itself when it cannot go on
        let _ = self.store.rollback();
    }
}

/// A stored record (JSON) read back.
fn read<T: serde::de::DeserializeOwned>(id: &str, record: &str) -> Result<T, StoreError> {
    serde_json::from_str(record).map_err(|source| StoreError::Corrupt {
        id: id.to_owned(),
        source,
    })
}

/// The records of a query that selects `(id, record)` rows.
fn records<T: serde::de::DeserializeOwned>(
    stmt: &mut rusqlite::Statement<'_>,
    args: &[&dyn rusqlite::ToSql],
) -> Result<Vec<T>, StoreError> {
    let mut rows = stmt.query(args)?;
    let mut out = Vec::new();
    while let Some(r) = rows.next()? {
        let id: String = r.get(0)?;
        let record: String = r.get(1)?;
        out.push(read(&id, &record)?);
    }
    Ok(out)
}

/// Whether a field of `bytes` fits in the store.
fn fits(what: &'static str, bytes: usize) -> Result<(), StoreError> {
    if bytes > MAX_FIELD {
        return Err(StoreError::TooLarge { what, bytes });
    }
    Ok(())
}

/// A story's record in `stories`: the story without its events (they are
/// rows of `story_events`, written one by one as they change).
#[derive(serde::Serialize)]
struct StoryHead<'a> {
    id: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    title: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    first_seen: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    last_seen: Option<&'a str>,
    sources: &'a [String],
    article_ids: &'a [String],
    events: [(); 0],
    #[serde(skip_serializing_if = "Marking::is_clear")]
    marking: &'a Marking,
}

impl<'a> StoryHead<'a> {
    fn of(s: &'a Story) -> Self {
        StoryHead {
            id: &s.id,
            title: s.title.as_deref(),
            first_seen: s.first_seen.as_deref(),
            last_seen: s.last_seen.as_deref(),
            sources: &s.sources,
            article_ids: &s.article_ids,
            events: [],
            marking: &s.marking,
        }
    }
}

/// A value as JSON, for the record of `id`.
fn to_json<T: serde::Serialize + ?Sized>(v: &T, id: &str) -> Result<String, StoreError> {
    to_json_sized(v, id, 0)
}

/// [`to_json`] into a buffer of `capacity` bytes to start with: a long
/// article's record is not grown by doubling (a 19 MB text's would take 32
/// MB and a copy).
fn to_json_sized<T: serde::Serialize + ?Sized>(
    v: &T,
    id: &str,
    capacity: usize,
) -> Result<String, StoreError> {
    let mut out = Vec::with_capacity(capacity);
    serde_json::to_writer(&mut out, v).map_err(|source| StoreError::Corrupt {
        id: id.to_owned(),
        source,
    })?;
    // serde_json writes valid UTF-8
    Ok(String::from_utf8(out).expect("serde_json writes UTF-8"))
}

impl Store {
    /// Keeps a marking in the table of markings (CLEAR needs none).
    pub(crate) fn note_marking(&self, m: &Marking, id: &str) -> Result<(), StoreError> {
        if let Some(text) = marking_column(m, id)? {
            self.conn
                .prepare_cached("INSERT OR IGNORE INTO markings (marking) VALUES (?1)")?
                .execute(params![text])?;
        }
        Ok(())
    }
}

/// Adds a column to a table that exists and lacks it.
fn add_column(conn: &Connection, table: &str, column: &str, decl: &str) -> Result<(), StoreError> {
    let mut stmt = conn.prepare(&format!("SELECT name FROM pragma_table_info('{table}')"))?;
    let names: Vec<String> = stmt
        .query_map([], |r| r.get(0))?
        .collect::<Result<_, _>>()?;
    if !names.is_empty() && !names.iter().any(|n| n == column) {
        conn.execute_batch(&format!("ALTER TABLE {table} ADD COLUMN {column} {decl};"))?;
    }
    Ok(())
}

/// A marking as its column keeps it: `NULL` for `CLEAR`, else its JSON.
fn marking_column(m: &Marking, id: &str) -> Result<Option<String>, StoreError> {
    if m.is_clear() {
        Ok(None)
    } else {
        to_json(m, id).map(Some)
    }
}

/// Who may see a record: [`beacon_model::Viewer::may_see`] for the one
/// who asks, as the store's readers take it.
pub type Sees<'a> = &'a dyn Fn(&Marking) -> bool;

/// The store's file in its data directory.
pub const DB_FILE: &str = "beacon.db";

/// Every table, at this schema.
fn schema(conn: &Connection) -> Result<(), StoreError> {
    conn.execute_batch(SCHEMA)?;
    conn.execute_batch(watch::SCHEMA)?;
    conn.execute_batch(events::SCHEMA)?;
    conn.execute_batch(sources::SCHEMA)?;
    conn.execute_batch(sharing::SCHEMA)?;
    conn.execute_batch(review::SCHEMA)?;
    Ok(())
}

/// Makes a new, empty store in `dir`: written whole as `beacon.db.new-PID`,
/// then renamed to `beacon.db`, so that a run killed meanwhile leaves no
/// half-made store behind.
fn create(dir: &Path) -> Result<(), StoreError> {
    let path = dir.join(DB_FILE);
    // one name per process: two processes may make a store at once
    static MADE: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
    let tmp_name = format!(
        "{DB_FILE}.new-{}-{}",
        std::process::id(),
        MADE.fetch_add(1, std::sync::atomic::Ordering::Relaxed)
    );
    let tmp = dir.join(&tmp_name);
    for leftover in ["", "-wal", "-shm", "-journal"] {
        let _ = std::fs::remove_file(dir.join(format!("{tmp_name}{leftover}")));
    }
    if !path.exists() {
        // a log left by a store that was deleted belongs to no new store
        for log in ["-wal", "-shm", "-journal"] {
            let _ = std::fs::remove_file(dir.join(format!("{DB_FILE}{log}")));
        }
    }
    {
        let conn = Connection::open(&tmp)?;
        conn.pragma_update(None, "journal_mode", "WAL")?;
        conn.execute_batch("BEGIN")?;
        schema(&conn)?;
        conn.execute(
            "INSERT INTO meta (key, value) VALUES ('store_id', ?1), ('created_at', ?2)",
            params![new_store_id(dir), now()],
        )?;
        conn.pragma_update(None, "user_version", SCHEMA_VERSION)?;
        conn.execute_batch("COMMIT")?;
        // everything into the main file, so that it alone is the store
        conn.pragma_update(None, "journal_mode", "DELETE")?;
        conn.close().map_err(|(_, e)| e)?;
    }
    match std::fs::hard_link(&tmp, &path) {
        // another process made the store first: use that one
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {}
        other => other.map_err(|source| StoreError::Dir {
            path: path.clone(),
            source,
        })?,
    }
    let _ = std::fs::remove_file(&tmp);
    Ok(())
}

/// A new store's identity: unique to this directory, process and moment.
fn new_store_id(dir: &Path) -> String {
    let seed = format!(
        "{}|{}|{:?}|{:?}",
        dir.display(),
        std::process::id(),
        std::time::SystemTime::now(),
        std::thread::current().id()
    );
    format!("{:032x}", xxhash_rust::xxh3::xxh3_128(seed.as_bytes()))
}

fn now() -> String {
    chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Millis, true)
}

#[cfg(test)]
mod tests {
    use super::*;
    use beacon_model::{DocId, EventType, Payload, Reason};

    fn doc(body: &str, origin: &str) -> Document {
        Document {
            id: DocId::of(body.as_bytes()),
            origin: origin.into(),
            url: None,
            source: None,
            fetched_at: None,
            content_type: "text/plain".into(),
            payload: Payload::Text,
            encoding: "UTF-8".into(),
            encoding_basis: "utf-8".into(),
            given: Default::default(),
            text: body.into(),
            body: body.as_bytes().to_vec(),
        }
    }

    #[test]
    fn same_content_is_stored_once_with_every_origin() {
        let dir = tempfile::tempdir().unwrap();
        let mut s = Store::open(dir.path()).unwrap();
        assert_eq!(s.put(&doc("x", "a.txt"), None).unwrap(), Put::Stored);
        assert_eq!(s.put(&doc("x", "b.txt"), None).unwrap(), Put::Duplicate);
        assert_eq!(s.put(&doc("x", "a.txt"), None).unwrap(), Put::Duplicate);
        assert_eq!(s.counts().unwrap().documents, 1);
        assert_eq!(s.origins(&DocId::of(b"x").0).unwrap(), ["a.txt", "b.txt"]);
    }

    #[test]
    fn a_batch_lands_when_committed_and_not_at_all_when_dropped() {
        let dir = tempfile::tempdir().unwrap();
        let mut s = Store::open(dir.path()).unwrap();
        let mut b = s.batch().unwrap();
        b.put(&doc("kept", "kept.txt"), None).unwrap();
        b.checkpoint().unwrap();
        b.put(&doc("lost", "lost.txt"), None).unwrap();
        drop(b);
        assert_eq!(s.counts().unwrap().documents, 1);
        assert!(s.origins(&DocId::of(b"lost").0).unwrap().is_empty());
        let mut b = s.batch().unwrap();
        b.put(&doc("landed", "landed.txt"), None).unwrap();
        b.commit().unwrap();
        // an uncommitted batch is not committed by the store's own drop
        let mut b = s.batch().unwrap();
        b.put(&doc("open", "open.txt"), None).unwrap();
        std::mem::forget(b);
        drop(s);
        let s = Store::open(dir.path()).unwrap();
        assert_eq!(s.counts().unwrap().documents, 2);
        assert!(s.origins(&DocId::of(b"open").0).unwrap().is_empty());
    }

    #[test]
    fn a_batch_inside_a_batch_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let mut s = Store::open(dir.path()).unwrap();
        let mut b = s.batch().unwrap();
        assert!(matches!(b.batch(), Err(StoreError::Invalid(_))));
        b.commit().unwrap();
        assert!(s.batch().is_ok());
    }

    #[test]
    fn a_watchlist_stored_before_its_checks_still_reads() {
        let dir = tempfile::tempdir().unwrap();
        let s = Store::open(dir.path()).unwrap();
        // what an earlier version let through: a country of three letters
        s.conn
            .execute(
                "INSERT INTO watchlists (id, record, updated_at) VALUES ('wl-old', ?1, 'x')",
                [r#"{"id": "wl-old", "name": "Old", "countries": ["AFG", "TJ"], "types": ["assault"]}"#],
            )
            .unwrap();
        let ws = s.watchlists().unwrap();
        assert_eq!(ws.len(), 1);
        assert_eq!(ws[0].countries, ["TJ".parse().unwrap()]);
        assert_eq!(ws[0].types, [EventType::Assault]);
    }

    fn event(id: &str, kind: &str, day: &str) -> beacon_model::StoryEvent {
        let event: Event = serde_json::from_value(serde_json::json!({
            "id": id, "type": kind, "modality": "occurred", "historical": false,
            "actor": [{"text": "Police", "start": 0, "end": 6}], "target": [],
            "date": {"value": day, "precision": "day", "basis": "published"},
            "evidence": {"text": "Police clashed.", "start": 0, "end": 15},
            "confidence": 0.9, "article_id": "a1",
        }))
        .unwrap();
        beacon_model::StoryEvent {
            event,
            sources: vec!["one.example".into()],
            reports: Vec::new(),
            marking: Default::default(),
            review: None,
        }
    }

    /// A store holding the articles `ids` and the story `s1` with two events.
    pub(crate) fn story_store(dir: &Path, ids: &[&str]) -> (Store, Story) {
        let mut s = Store::open(dir).unwrap();
        for id in ids {
            let mut d = doc(id, id);
            d.id = DocId((*id).to_owned());
            s.put(&d, Some(&Article::from_text(id, id))).unwrap();
        }
        let story = Story {
            id: "s1".into(),
            title: Some("Clashes".into()),
            first_seen: Some("2024-01-01".into()),
            last_seen: Some("2024-01-01".into()),
            sources: vec!["one.example".into()],
            article_ids: vec!["a1".into()],
            events: vec![
                event("s1-e1", "FIGHT", "2024-01-01"),
                event("s1-e2", "PROTEST", "2024-01-02"),
            ],
            marking: Default::default(),
        };
        s.put_story(&story, "a1").unwrap();
        (s, story)
    }

    fn seq_of(s: &Store, id: &str) -> i64 {
        s.conn
            .query_row("SELECT seq FROM story_events WHERE id = ?1", [id], |r| {
                r.get(0)
            })
            .unwrap()
    }

    #[test]
    fn a_story_is_written_again_by_what_changed() {
        let dir = tempfile::tempdir().unwrap();
        let (mut s, mut story) = story_store(dir.path(), &["a1", "a2"]);
        let mut index = EventIndex::default();
        index.refresh(&s).unwrap();
        assert_eq!(index.len(), 2);
        let untouched = seq_of(&s, "s1-e2");
        // a second article merges into the first event and adds a third
        story.article_ids.push("a2".into());
        story.sources.push("two.example".into());
        story.events[0].sources.push("two.example".into());
        story.events[0].event.kind = beacon_model::EventType::Assault;
        story.events.push(event("s1-e3", "COERCE", "2024-01-03"));
        s.update_story(&story, "a2", &[0, 2]).unwrap();
        assert_eq!(s.story("s1").unwrap().as_ref(), Some(&story));
        assert_eq!(seq_of(&s, "s1-e2"), untouched, "an unchanged event stays");
        index.refresh(&s).unwrap();
        let (total, ids) = index.query(&beacon_model::Filter::default(), 10, 0);
        assert_eq!((total, ids), (3, vec!["s1-e3", "s1-e2", "s1-e1"]));
        let f = beacon_model::Filter {
            kind: Some(EventType::Assault),
            ..Default::default()
        };
        assert_eq!(index.query(&f, 10, 0), (1, vec!["s1-e1"]));
    }

    #[test]
    fn events_filter_on_their_relevance_in_the_query_and_the_index() {
        let dir = tempfile::tempdir().unwrap();
        let (mut s, mut story) = story_store(dir.path(), &["a1"]);
        // the fight of a relevant article, the protest of a match report,
        // the coercion of a record stored before relevance was judged
        story.events[0].event.relevance = Some(0.9);
        story.events[1].event.relevance = Some(0.2);
        story.events.push(event("s1-e3", "COERCE", "2024-01-03"));
        s.update_story(&story, "a1", &[0, 1, 2]).unwrap();
        let f = beacon_model::Filter {
            min_relevance: Some(0.5),
            ..Default::default()
        };
        let (total, found) = s.events(&f, 10, 0).unwrap();
        let ids: Vec<&str> = found.iter().map(|e| e.event.id.as_str()).collect();
        assert_eq!((total, ids), (2, vec!["s1-e3", "s1-e1"]));
        let mut index = EventIndex::default();
        index.refresh(&s).unwrap();
        assert_eq!(index.query(&f, 10, 0), (2, vec!["s1-e3", "s1-e1"]));
        assert!(found.iter().all(|e| f.keeps(e)));
        assert!(!f.keeps(&story.events[1]));
    }

    #[test]
    fn a_story_whose_record_held_its_events_is_migrated() {
        let dir = tempfile::tempdir().unwrap();
        let (s, story) = story_store(dir.path(), &["a1"]);
        // as version 6 kept it: the events inside the story's record
        s.conn
            .execute(
                "UPDATE stories SET record = ?1 WHERE id = 's1'",
                [serde_json::to_string(&story).unwrap()],
            )
            .unwrap();
        s.conn
            .execute_batch("DROP TABLE story_events; PRAGMA user_version = 6;")
            .unwrap();
        drop(s);
        let s = Store::open(dir.path()).unwrap();
        assert_eq!(s.story("s1").unwrap(), Some(story));
        let head: String = s
            .conn
            .query_row("SELECT record FROM stories", [], |r| r.get(0))
            .unwrap();
        assert!(head.contains(r#""events":[]"#), "{head}");
        let mut index = EventIndex::default();
        index.refresh(&s).unwrap();
        assert_eq!(index.len(), 2);
    }

    #[test]
    fn a_store_of_schema_8_gains_markings_and_reviews_and_its_records_are_clear_and_unreviewed() {
        let dir = tempfile::tempdir().unwrap();
        let (s, story) = story_store(dir.path(), &["a1"]);
        s.conn
            .execute_batch(
                "DROP INDEX story_events_written; DROP TABLE markings;
                 ALTER TABLE stories DROP COLUMN marking;
                 ALTER TABLE story_events DROP COLUMN marking;
                 ALTER TABLE story_events DROP COLUMN written_at;
                 ALTER TABLE story_events DROP COLUMN review;
                 ALTER TABLE alerts DROP COLUMN marking;
                 DROP TABLE event_reviews; DROP TABLE event_machine;
                 DROP TABLE users; DROP TABLE tokens; PRAGMA user_version = 8;",
            )
            .unwrap();
        drop(s);
        let s = Store::open(dir.path()).unwrap();
        assert_eq!(s.story("s1").unwrap(), Some(story));
        let nobody = |_: &Marking| false;
        let (n, _) = s
            .stories_page_for(&beacon_model::Filter::default(), 10, 0, &nobody)
            .unwrap();
        assert_eq!(n, 0);
        let clear_only = |m: &Marking| m.is_clear();
        let (n, _) = s
            .events_for(&beacon_model::Filter::default(), 10, 0, &clear_only)
            .unwrap();
        assert_eq!(n, 2);
        assert!(s.tokens().unwrap().is_empty());
        assert!(
            s.review_history("s1-e1")
                .unwrap()
                .unwrap()
                .entries
                .is_empty()
        );
    }

    #[test]
    fn a_stored_origin_forgets_its_rejection() {
        let dir = tempfile::tempdir().unwrap();
        let mut s = Store::open(dir.path()).unwrap();
        s.put_rejection(&Rejection::new("a.txt", Reason::Unreadable, "denied"))
            .unwrap();
        assert_eq!(
            s.rejection_counts().unwrap(),
            [("unreadable".to_owned(), 1)]
        );
        s.put(&doc("x", "a.txt"), None).unwrap();
        assert_eq!(s.counts().unwrap().rejections, 0);
    }
}
