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

/// A column's text, lossily (a key to name a row by).
fn lossy(r: &rusqlite::Row<'_>, i: usize) -> String {
    match r
        .get_ref(i)
        .map(|v| v.as_bytes().map(String::from_utf8_lossy))
    {
        Ok(Ok(t)) => t.into_owned(),
        _ => "(unreadable)".to_owned(),
    }
}

impl Store {
    /// Runs `sql` and hands each row to `each`, counting it; a table that
    /// cannot be read to its end is a problem, not an error.
    fn each_row(
        &self,
        c: &mut Check,
        table: &str,
        sql: &str,
        each: &mut dyn FnMut(&mut Check, &rusqlite::Row<'_>),
    ) -> Result<(), StoreError> {
        let mut stmt = self.conn.prepare(sql)?;
        let mut rows = stmt.query([])?;
        loop {
            match rows.next() {
                Ok(Some(r)) => {
                    c.records += 1;
                    each(c, r);
                }
                Ok(None) => return Ok(()),
                Err(e) => {
                    c.problem(format!("{table}: cannot be read to the end: {e}"));
                    return Ok(());
                }
            }
        }
    }

    /// Each record column read back as its type.
    fn check_records(&self, c: &mut Check) -> Result<(), StoreError> {
        for (table, key, columns) in RECORDS {
            let list: Vec<&str> = columns.iter().map(|(col, _)| *col).collect();
            let sql = format!("SELECT {key}, {} FROM {table}", list.join(", "));
            self.each_row(c, table, &sql, &mut |c, r| {
                let id = lossy(r, 0);
                for (i, (col, kind)) in columns.iter().enumerate() {
                    let Ok(Ok(bytes)) = r.get_ref(i + 1).map(|v| v.as_bytes()) else {
                        c.problem(format!("{table} {id}: {col} is not text"));
                        continue;
                    };
                    match std::str::from_utf8(bytes) {
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
            })?;
        }
        Ok(())
    }

    /// Checks the store: SQLite's integrity check, each document's body
    /// against its id (the hash of the body), then every record read back.
    /// Problems are data; only a failure to look is an error.
    pub fn check(&self) -> Result<Check, StoreError> {
        let mut c = Check {
            file: self.dir.join(DB_FILE),
            ..Check::default()
        };
        self.each_row(
            &mut c,
            "SQLite",
            "PRAGMA integrity_check(100)",
            &mut |c, r| {
                c.records -= 1;
                let line = lossy(r, 0);
                if line != "ok" {
                    c.problem(format!("SQLite: {line}"));
                }
            },
        )?;
        self.each_row(
            &mut c,
            "documents",
            "SELECT id, body FROM documents",
            &mut |c, r| {
                let id = lossy(r, 0);
                let body = r
                    .get_ref(1)
                    .ok()
                    .and_then(|v| v.as_blob().ok())
                    .unwrap_or(b"");
                if DocId::of(body).0 != id {
                    c.problem(format!(
                        "documents {id}: the body is not what was stored (its hash differs)"
                    ));
                }
            },
        )?;
        self.check_records(&mut c)?;
        Ok(c)
    }
}
