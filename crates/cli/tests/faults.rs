//! An ingest that fails between any two of its writes leaves each article
//! whole or absent: its document, origin, record, analysis and place in a
//! story land together. The failure is SQLite's own (a trigger that aborts
//! the k-th write), injected at every k of a run; a rerun then completes
//! the store to exactly what one uninterrupted run makes.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use rusqlite::Connection;

use crate::util::*;

/// `beacon ingest`'s exit status when an input was rejected.
const REJECTED: i32 = 3;

/// The tables an ingest writes.
const TABLES: &[&str] = &[
    "documents",
    "origins",
    "articles",
    "analyses",
    "stories",
    "story_articles",
    "story_events",
    "story_event_actors",
    "rejections",
];

/// Reports written for the run: events that merge into stories, an
/// unreadable input (a rejection) and the same report under two names.
fn write_inputs(dir: &Path) {
    let reports = [
        "Taliban fighters attacked a police checkpoint in Kunduz province on Monday, killing three \
         police officers, the provincial governor said. Two attackers were also killed in the clash.",
        "Three police officers were killed when Taliban fighters attacked a checkpoint in Kunduz \
         province on Monday, officials said. The interior ministry condemned the attack.",
        "Tajik border guards detained four men who crossed the Panj river from Afghanistan on \
         Wednesday, the border service said. The men were handed over to investigators.",
        "Protesters gathered outside the parliament in Bishkek on Friday to demand the release of a \
         jailed journalist. Police arrested twelve people when the crowd tried to enter the building.",
        "The foreign ministers of Uzbekistan and Turkmenistan met in Tashkent on Thursday and signed \
         an agreement on water sharing along the Amu Darya.",
    ];
    for (i, text) in reports.iter().enumerate() {
        write(
            &dir.join(format!("report-{i}.txt")),
            format!("Border monitor\n\nReport {i}\n\n{text}\n"),
        );
    }
    std::fs::copy(dir.join("report-2.txt"), dir.join("report-2-copy.txt")).unwrap();
    write(&dir.join("unreadable.txt"), b"  \n\t\r\n  ");
}

/// Makes every write past the first `budget` (counted across all runs)
/// fail, until [`disarm`].
fn arm(db: &Path, budget: i64) {
    let c = Connection::open(db).unwrap();
    c.execute_batch("CREATE TABLE IF NOT EXISTS fault (n INTEGER NOT NULL); DELETE FROM fault;")
        .unwrap();
    c.execute("INSERT INTO fault (n) VALUES (?1)", [budget])
        .unwrap();
    for t in TABLES {
        for op in ["INSERT", "UPDATE", "DELETE"] {
            c.execute_batch(&format!(
                "CREATE TRIGGER IF NOT EXISTS fault_{t}_{op} BEFORE {op} ON {t} BEGIN
                     SELECT RAISE(ABORT, 'injected fault') WHERE (SELECT n FROM fault) <= 0;
                     UPDATE fault SET n = n - 1;
                 END;"
            ))
            .unwrap();
        }
    }
}

/// Writes left of the budget.
fn budget_left(db: &Path) -> i64 {
    let c = Connection::open(db).unwrap();
    c.query_row("SELECT n FROM fault", [], |r| r.get(0))
        .unwrap()
}

fn disarm(db: &Path) {
    let c = Connection::open(db).unwrap();
    for t in TABLES {
        for op in ["INSERT", "UPDATE", "DELETE"] {
            c.execute_batch(&format!("DROP TRIGGER fault_{t}_{op};"))
                .unwrap();
        }
    }
    c.execute_batch("DROP TABLE fault;").unwrap();
}

/// What the store holds, by content: the articles, each story as the set of
/// its articles with its count of events, the rejected origins and where
/// each origin's document is.
#[derive(Debug, PartialEq, Eq)]
struct Held {
    articles: BTreeSet<String>,
    stories: BTreeSet<(Vec<String>, i64)>,
    rejected: BTreeSet<String>,
    origins: BTreeMap<String, String>,
}

fn strings(c: &Connection, sql: &str) -> BTreeSet<String> {
    let mut stmt = c.prepare(sql).unwrap();
    stmt.query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap()
}

/// The store's contents, asserting on the way that every article is whole:
/// a document, a record, an analysis and one story, whose stored head
/// agrees with its rows.
fn held_whole(db: &Path, what: &str) -> Held {
    let c = Connection::open(db).unwrap();
    let articles = strings(&c, "SELECT id FROM articles");
    for (table, sql) in [
        ("documents", "SELECT id FROM documents"),
        ("analyses", "SELECT article_id FROM analyses"),
        ("story_articles", "SELECT article_id FROM story_articles"),
    ] {
        assert_eq!(strings(&c, sql), articles, "{what}: {table} and articles");
    }
    let mut stories = BTreeSet::new();
    for id in strings(&c, "SELECT id FROM stories") {
        let (count, record): (i64, String) = c
            .query_row(
                "SELECT articles, record FROM stories WHERE id = ?1",
                [&id],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .unwrap();
        let mut stmt = c
            .prepare(
                "SELECT article_id FROM story_articles WHERE story_id = ?1 ORDER BY article_id",
            )
            .unwrap();
        let members: Vec<String> = stmt
            .query_map([&id], |r| r.get(0))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap();
        let head: serde_json::Value = serde_json::from_str(&record).unwrap();
        let mut in_head: Vec<String> = head["article_ids"]
            .as_array()
            .unwrap()
            .iter()
            .map(|v| v.as_str().unwrap().to_owned())
            .collect();
        in_head.sort();
        assert_eq!(in_head, members, "{what}: story {id}'s head and its rows");
        assert_eq!(count as usize, members.len(), "{what}: story {id}'s count");
        let events: i64 = c
            .query_row(
                "SELECT COUNT(*) FROM story_events WHERE story_id = ?1",
                [&id],
                |r| r.get(0),
            )
            .unwrap();
        stories.insert((members, events));
    }
    let orphans: i64 = c
        .query_row(
            "SELECT COUNT(*) FROM story_events WHERE story_id NOT IN (SELECT id FROM stories)",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(orphans, 0, "{what}: events of no story");
    let mut stmt = c
        .prepare("SELECT origin, document_id FROM origins")
        .unwrap();
    let origins = stmt
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    Held {
        articles,
        stories,
        rejected: strings(&c, "SELECT origin FROM rejections"),
        origins,
    }
}

fn ingest(data: &Path, src: &Path) -> Run {
    run([
        "ingest".as_ref(),
        src.as_os_str(),
        "--data".as_ref(),
        data.as_os_str(),
        "--quiet".as_ref(),
        "--commit-every".as_ref(),
        "2".as_ref(),
    ])
}

#[test]
fn an_ingest_failing_at_any_write_leaves_each_article_whole_or_absent() {
    let t = tempfile::tempdir().unwrap();
    let src = t.path().join("in");
    write_inputs(&src);

    // one uninterrupted run, counting its writes
    let clean = t.path().join("clean");
    drop(beacon_store::Store::open(&clean).unwrap());
    let db = clean.join(beacon_store::DB_FILE);
    const PLENTY: i64 = 1_000_000;
    arm(&db, PLENTY);
    assert_eq!(ingest(&clean, &src).code, REJECTED, "the unreadable input");
    let writes = PLENTY - budget_left(&db);
    disarm(&db);
    let whole = held_whole(&db, "the uninterrupted run");
    assert_eq!(whole.articles.len(), 5);
    assert_eq!(whole.rejected.len(), 1);
    assert!(
        whole.stories.iter().any(|(members, _)| members.len() == 2),
        "no story of two reports: {:?}",
        whole.stories
    );
    assert!(writes > 20, "{writes} writes");

    for k in 0..writes {
        let data = t.path().join(format!("failed-{k}"));
        drop(beacon_store::Store::open(&data).unwrap());
        let db = data.join(beacon_store::DB_FILE);
        arm(&db, k);
        let failed = ingest(&data, &src);
        assert_ne!(failed.code, 0, "write {k} of {writes} failed unnoticed");
        assert!(
            failed.stderr.contains("injected fault"),
            "write {k}: {}",
            failed.stderr
        );
        disarm(&db);
        let partial = held_whole(&db, &format!("failing at write {k}"));
        assert!(partial.articles.is_subset(&whole.articles));
        let rerun = ingest(&data, &src);
        assert_eq!(rerun.code, REJECTED, "write {k}: {}", rerun.stderr);
        assert_eq!(
            held_whole(&db, &format!("the rerun after write {k}")),
            whole,
            "failing at write {k}, then a rerun"
        );
        std::fs::remove_dir_all(&data).unwrap();
    }
}
