//! Analyst review in the store: every act on an event kept in order
//! (`event_reviews`), the machine's own version of each reviewed event
//! (`event_machine`), and the event's row holding the two combined
//! ([`beacon_model::review::apply`]), so that every reader — the API, the
//! index, search, TAXII, the watch — reads the reviewed record.
//!
//! When the stories stage writes an event again (a new report joins it),
//! what it wrote is the machine's new version, and the reviews are applied
//! to that.

use std::borrow::Cow;
use std::collections::HashMap;

use beacon_model::review::{Entry, apply};
use beacon_model::{Marking, Story, StoryEvent};
use rusqlite::{OptionalExtension, params};

use crate::{Sees, Store, StoreError, read, to_json};

pub(crate) const SCHEMA: &str = "
CREATE TABLE IF NOT EXISTS event_reviews (
    n             INTEGER PRIMARY KEY AUTOINCREMENT,
    event_id      TEXT NOT NULL,
    -- a review::Entry
    record        TEXT NOT NULL
) STRICT;
CREATE INDEX IF NOT EXISTS event_reviews_event ON event_reviews(event_id, n);
-- the machine's version of each reviewed event, as last coded
CREATE TABLE IF NOT EXISTS event_machine (
    event_id      TEXT PRIMARY KEY,
    record        TEXT NOT NULL
) STRICT;
";

/// An event's review: the machine's version and every act on it, oldest first.
#[derive(Debug, Clone, PartialEq)]
pub struct History {
    /// The event as the machine coded it.
    pub machine: StoryEvent,
    /// What analysts did, in order.
    pub entries: Vec<Entry>,
    /// The event as it now stands.
    pub current: StoryEvent,
}

impl Store {
    /// Files an analyst's act on the story-level event `event_id` and
    /// writes the event again as its reviews now leave it (a new version:
    /// the index, search and TAXII catch up with it). The entry's note
    /// is marked at least as restrictively as the event, and timed now. `None` when there
    /// is no such event. The act is also in the audit log.
    pub fn review_event(
        &mut self,
        event_id: &str,
        mut entry: Entry,
    ) -> Result<Option<StoryEvent>, StoreError> {
        entry.check().map_err(|e| StoreError::Invalid(e.0))?;
        entry.at = crate::now();
        self.atomically(|store| {
            let Some((story_id, pos, current)) = store.event_row(event_id)? else {
                return Ok(None);
            };
            let machine = match store.machine_of(event_id)? {
                Some(m) => m,
                None => {
                    // never reviewed: the row is the machine's
                    store.keep_machine(&current)?;
                    current.clone()
                }
            };
            entry.marking = current.marking.combine(&entry.marking);
            let record = to_json(&entry, event_id)?;
            store
                .conn
                .prepare_cached("INSERT INTO event_reviews (event_id, record) VALUES (?1, ?2)")?
                .execute(params![event_id, record])?;
            let reviewed = apply(&machine, &store.reviews_of(event_id)?);
            store.write_event_row(&story_id, pos, &reviewed, &crate::now())?;
            let fields = entry.correction.fields().join(",");
            store.audit(
                &entry.by,
                &format!("review.{}", entry.action),
                event_id,
                &fields,
            )?;
            Ok(Some(reviewed))
        })
    }

    /// An event's review history; `None` when it is not stored. An event
    /// never reviewed has no entries, and the machine's version is itself.
    pub fn review_history(&self, event_id: &str) -> Result<Option<History>, StoreError> {
        let Some((_, _, current)) = self.event_row(event_id)? else {
            return Ok(None);
        };
        let machine = self
            .machine_of(event_id)?
            .unwrap_or_else(|| current.clone());
        Ok(Some(History {
            machine,
            entries: self.reviews_of(event_id)?,
            current,
        }))
    }

    /// A story as the machine coded it: each reviewed event in its
    /// machine's version (what the stories stage continues from).
    pub fn story_as_coded(&self, id: &str) -> Result<Option<Story>, StoreError> {
        let Some(mut story) = self.story(id)? else {
            return Ok(None);
        };
        for se in &mut story.events {
            if se.review.is_some()
                && let Some(m) = self.machine_of(&se.event.id)?
            {
                *se = m;
            }
        }
        Ok(Some(story))
    }

    /// The event as its reviews leave it, for the row the stories stage
    /// writes: `se` itself when it was never reviewed; else `se` is kept
    /// as the machine's new version and the reviews are applied to it.
    pub(crate) fn as_reviewed<'a>(
        &mut self,
        se: &'a StoryEvent,
    ) -> Result<Cow<'a, StoryEvent>, StoreError> {
        let id = &se.event.id;
        let reviewed: bool = self
            .conn
            .prepare_cached("SELECT EXISTS (SELECT 1 FROM event_machine WHERE event_id = ?1)")?
            .query_row(params![id], |r| r.get(0))?;
        if !reviewed {
            return Ok(Cow::Borrowed(se));
        }
        self.keep_machine(se)?;
        Ok(Cow::Owned(apply(se, &self.reviews_of(id)?)))
    }

    fn keep_machine(&mut self, se: &StoryEvent) -> Result<(), StoreError> {
        let mut machine = se.clone();
        machine.review = None;
        let record = to_json(&machine, &se.event.id)?;
        self.conn
            .prepare_cached(
                "INSERT INTO event_machine (event_id, record) VALUES (?1, ?2)
                 ON CONFLICT(event_id) DO UPDATE SET record = excluded.record",
            )?
            .execute(params![se.event.id, record])?;
        Ok(())
    }

    fn machine_of(&self, id: &str) -> Result<Option<StoryEvent>, StoreError> {
        let record: Option<String> = self
            .conn
            .prepare_cached("SELECT record FROM event_machine WHERE event_id = ?1")?
            .query_row(params![id], |r| r.get(0))
            .optional()?;
        record.map(|r| read(id, &r)).transpose()
    }

    fn reviews_of(&self, id: &str) -> Result<Vec<Entry>, StoreError> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT record FROM event_reviews WHERE event_id = ?1 ORDER BY n")?;
        let rows = stmt.query_map(params![id], |r| r.get::<_, String>(0))?;
        let mut out = Vec::new();
        for r in rows {
            out.push(read(id, &r?)?);
        }
        Ok(out)
    }

    /// An event's story, place and record.
    fn event_row(&self, id: &str) -> Result<Option<(String, usize, StoryEvent)>, StoreError> {
        let row: Option<(String, i64, String)> = self
            .conn
            .prepare_cached("SELECT story_id, pos, record FROM story_events WHERE id = ?1")?
            .query_row(params![id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
            .optional()?;
        row.map(|(story, pos, record)| Ok((story, pos as usize, read(id, &record)?)))
            .transpose()
    }

    /// The analysts' notes on these events that `sees` allows, by event
    /// id, each with its place among the event's acts: what an export
    /// carries beside the events.
    pub fn notes_for<'a>(
        &self,
        event_ids: impl IntoIterator<Item = &'a str>,
        sees: Sees<'_>,
    ) -> Result<HashMap<String, Vec<(usize, Entry)>>, StoreError> {
        let mut out = HashMap::new();
        for id in event_ids {
            let notes: Vec<(usize, Entry)> = self
                .reviews_of(id)?
                .into_iter()
                .enumerate()
                .filter(|(_, e)| e.note.is_some() && sees(&e.marking))
                .collect();
            if !notes.is_empty() {
                out.insert(id.to_owned(), notes);
            }
        }
        Ok(out)
    }

    /// The marking of a stored story-level event (`None`: no such event).
    pub fn event_marking(&self, id: &str) -> Result<Option<Marking>, StoreError> {
        Ok(self.event_row(id)?.map(|(_, _, se)| se.marking))
    }
}

#[cfg(test)]
mod tests {
    use beacon_model::review::{Action, Correction, Status};
    use beacon_model::{EventType, Filter, Tlp};

    use super::*;

    fn entry(action: Action, correction: Correction) -> Entry {
        Entry {
            correction,
            ..Entry::new(action, "ana")
        }
    }

    #[test]
    fn a_review_is_kept_with_the_machines_version_and_survives_recoding() {
        let dir = tempfile::tempdir().unwrap();
        let (mut store, mut story) = crate::tests::story_store(dir.path(), &["a1"]);
        let fix = Correction {
            kind: Some(EventType::Assault),
            ..Correction::default()
        };
        let out = store
            .review_event("s1-e1", entry(Action::Correct, fix))
            .unwrap()
            .unwrap();
        assert_eq!(out.event.kind, EventType::Assault);
        assert!(
            store
                .review_event("nope", entry(Action::Confirm, Correction::default()))
                .unwrap()
                .is_none()
        );
        let mut note = entry(Action::Note, Correction::default());
        note.note = Some("our office saw it".into());
        note.marking = Marking::of(Tlp::Green);
        store.review_event("s1-e1", note).unwrap();
        // every reader reads the reviewed record
        let stored = store.story("s1").unwrap().unwrap();
        assert_eq!(stored.events[0].event.kind, EventType::Assault);
        // the stories stage writes the machine's new version: the
        // correction still applies, and the machine's version is kept
        story.events[0].event.confidence = 0.99;
        story.events[0].sources.push("two.example".into());
        store.put_story(&story, "a1").unwrap();
        let h = store.review_history("s1-e1").unwrap().unwrap();
        assert_eq!(h.machine.event.kind, EventType::Fight);
        assert_eq!(h.machine.sources.len(), 2);
        assert_eq!(h.current.event.kind, EventType::Assault);
        assert_eq!(h.current.event.confidence, 0.99);
        assert_eq!(h.entries.len(), 2);
        assert_eq!(
            h.entries[1].marking.tlp,
            Tlp::Green,
            "no less than the event's"
        );
        let coded = store.story_as_coded("s1").unwrap().unwrap();
        assert_eq!(coded.events[0].event.kind, EventType::Fight);
        assert!(coded.events[0].review.is_none());
        let log = store.audit_log(10).unwrap();
        assert!(
            log.iter()
                .any(|a| a.action == "review.correct" && a.target == "s1-e1")
        );
    }

    #[test]
    fn rejected_events_leave_the_default_views_but_not_the_store() {
        let dir = tempfile::tempdir().unwrap();
        let (mut store, _) = crate::tests::story_store(dir.path(), &["a1"]);
        let mut index = crate::EventIndex::default();
        index.refresh(&store).unwrap();
        assert_eq!(index.query(&Filter::default(), 10, 0).0, 2);
        store
            .review_event("s1-e1", entry(Action::Reject, Correction::default()))
            .unwrap();
        store
            .review_event("s1-e2", entry(Action::Confirm, Correction::default()))
            .unwrap();
        index.refresh(&store).unwrap();
        let with = |v: &str| Filter::from_pairs([("review", v)]).unwrap();
        for (f, want) in [
            (Filter::default(), vec!["s1-e2"]),
            (with("any"), vec!["s1-e1", "s1-e2"]),
            (with("rejected"), vec!["s1-e1"]),
            (with("reviewed"), vec!["s1-e2"]),
            (with("unreviewed"), vec![]),
        ] {
            let (n, rows) = store.events(&f, 10, 0).unwrap();
            let mut ids: Vec<&str> = rows.iter().map(|e| e.event.id.as_str()).collect();
            ids.sort();
            assert_eq!(ids, want, "{f:?}");
            assert_eq!(n as usize, want.len());
            let (n, mut ids) = index.query(&f, 10, 0);
            ids.sort();
            assert_eq!(ids, want, "the index: {f:?}");
            assert_eq!(n as usize, want.len());
            for e in &rows {
                assert!(f.keeps(e), "the same meaning in memory");
            }
        }
        let candidates = store.current_events_in(None).unwrap();
        assert!(candidates.iter().all(|e| e.event.id != "s1-e1"));
        let (_, rows) = store.events(&with("any"), 10, 0).unwrap();
        let e1 = rows.iter().find(|e| e.event.id == "s1-e1").unwrap();
        assert_eq!(e1.review.as_ref().unwrap().status, Status::Rejected);
    }
}
