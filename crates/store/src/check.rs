//! `beacon check`'s part in the store: SQLite's own integrity check, then
//! every stored record read back as what it was written as. SQLite keeps no
//! checksums of its pages, so a flipped byte inside a record's text passes
//! its check and shows only when the record is read: both are needed.

use beacon_model::{
    Alert, Article, DocId, Event, Mention, Story, StoryEvent, TimeExpression, Watchlist,
};

use crate::{DB_FILE, Store, StoreError};

/// What a check found.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Check {
    /// The store's file.
    pub file: std::path::PathBuf,
    /// Rows read back.
    pub records: u64,
    /// What is wrong, one line each (at most [`Check::MAX_PROBLEMS`]).
    pub problems: Vec<String>,
}

impl Check {
    /// Problems listed at most; more are counted in the last line.
    pub const MAX_PROBLEMS: usize = 100;

    /// Whether nothing is wrong.
    pub fn ok(&self) -> bool {
        self.problems.is_empty()
    }

    fn problem(&mut self, p: String) {
        if self.problems.len() < Self::MAX_PROBLEMS {
            self.problems.push(p);
        }
    }
}

/// Each table that holds records, the column of its key and the columns
/// of its records, with the type each is read back as.
type Table = (&'static str, &'static str, &'static [(&'static str, Kind)]);
const RECORDS: &[Table] = &[
    ("articles", "id", &[("record", Kind::Article)]),
    (
        "analyses",
        "article_id",
        &[
            ("mentions", Kind::Mentions),
            ("times", Kind::Times),
            ("events", Kind::Events),
        ],
    ),
    ("stories", "id", &[("record", Kind::Story)]),
    ("story_events", "id", &[("record", Kind::StoryEvent)]),
    ("watchlists", "id", &[("record", Kind::Watchlist)]),
    ("alerts", "id", &[("record", Kind::Alert)]),
];

#[derive(Clone, Copy)]
enum Kind {
    Article,
    Mentions,
    Times,
    Events,
    Story,
    StoryEvent,
    Watchlist,
    Alert,
}

impl Kind {
    fn parse(self, text: &str) -> Result<(), serde_json::Error> {
        use serde_json::from_str;
        match self {
            Kind::Article => from_str::<Article>(text).map(drop),
            Kind::Mentions => from_str::<Vec<Mention>>(text).map(drop),
            Kind::Times => from_str::<Vec<TimeExpression>>(text).map(drop),
            Kind::Events => from_str::<Vec<Event>>(text).map(drop),
            Kind::Story => from_str::<Story>(text).map(drop),
            Kind::StoryEvent => from_str::<StoryEvent>(text).map(drop),
            Kind::Watchlist => from_str::<Watchlist>(text).map(drop),
            Kind::Alert => from_str::<Alert>(text).map(drop),
        }
    }
}

impl Store {
    /// Each document's body against its id, the hash of the body.
    fn check_bodies(&self, c: &mut Check) -> Result<(), StoreError> {
        let mut stmt = self.conn.prepare("SELECT id, body FROM documents")?;
        let mut rows = stmt.query([])?;
        loop {
            let r = match rows.next() {
                Ok(Some(r)) => r,
                Ok(None) => break,
                Err(e) => {
                    c.problem(format!("documents: cannot be read to the end: {e}"));
                    break;
                }
            };
            c.records += 1;
            let id = String::from_utf8_lossy(r.get_ref(0)?.as_bytes().unwrap_or(b"?")).into_owned();
            let body = r.get_ref(1)?.as_blob().unwrap_or(b"");
            if DocId::of(body).0 != id {
                c.problem(format!(
                    "documents {id}: the body is not what was stored (its hash differs)"
                ));
            }
        }
        Ok(())
    }

    /// Checks the store: SQLite's integrity check, then every record read
    /// back. Problems are data; only a failure to look is an error.
    pub fn check(&self) -> Result<Check, StoreError> {
        let mut c = Check {
            file: self.dir.join(DB_FILE),
            ..Check::default()
        };
        {
            let mut stmt = self.conn.prepare("PRAGMA integrity_check(100)")?;
            let mut rows = stmt.query([])?;
            while let Some(r) = rows.next()? {
                let line =
                    String::from_utf8_lossy(r.get_ref(0)?.as_bytes().unwrap_or(b"?")).into_owned();
                if line != "ok" {
                    c.problem(format!("SQLite: {line}"));
                }
            }
        }
        self.check_bodies(&mut c)?;
        for (table, key, columns) in RECORDS {
            let list: Vec<&str> = columns.iter().map(|(col, _)| *col).collect();
            let sql = format!("SELECT {key}, {} FROM {table}", list.join(", "));
            let mut stmt = self.conn.prepare(&sql)?;
            let mut rows = stmt.query([])?;
            loop {
                let r = match rows.next() {
                    Ok(Some(r)) => r,
                    Ok(None) => break,
                    Err(e) => {
                        c.problem(format!("{table}: cannot be read to the end: {e}"));
                        break;
                    }
                };
                c.records += 1;
                let id = match r
                    .get_ref(0)
                    .map(|v| v.as_bytes().map(String::from_utf8_lossy))
                {
                    Ok(Ok(id)) => id.into_owned(),
                    _ => "(unreadable key)".to_owned(),
                };
                for (i, (col, kind)) in columns.iter().enumerate() {
                    let bytes = match r.get_ref(i + 1).map(|v| v.as_bytes().map(<[u8]>::to_vec)) {
                        Ok(Ok(b)) => b,
                        _ => {
                            c.problem(format!("{table} {id}: {col} is not text"));
                            continue;
                        }
                    };
                    match std::str::from_utf8(&bytes) {
                        Err(e) => {
                            c.problem(format!("{table} {id}: {col} is not valid UTF-8 ({e})"))
                        }
                        Ok(text) => {
                            if let Err(e) = kind.parse(text) {
                                c.problem(format!("{table} {id}: {col} does not read back ({e})"));
                            }
                        }
                    }
                }
            }
        }
        Ok(c)
    }
}
