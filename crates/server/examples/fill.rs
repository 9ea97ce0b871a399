//! Fills a store with story-level events for the API's load benchmark
//! (`bench/api.sh`), by copying the real events of another store (`beacon
//! demo`'s) many times, re-dated over three years and renumbered.
//!
//! ```sh
//! cargo run --release -p beacon-server --example fill -- SOURCE_DATA TARGET_DATA 100000
//! ```
//!
//! TARGET_DATA starts as a copy of SOURCE_DATA (its articles are there).
//! Each copy of a source story becomes a story of its own with the same
//! events (their text, actors, places and evidence), its dates moved by a
//! whole number of days (0 to 1,095, the same shift for every event of the
//! copy), and ids made unique. Written with [`beacon_store::Store::put_story`],
//! as an ingest writes them, in transactions of 1,000 stories; then the
//! source stories are written again, so that each article stays in its own.
//! With `FILL_MARKINGS=1` the copies take TLP 2.0 markings in turn (CLEAR,
//! GREEN, AMBER for the sharing group `border`, AMBER+STRICT, RED for the
//! user `amina`), story and events alike, for `bench/taxii.sh`.

use std::path::PathBuf;

use beacon_model::{Marking, Story, Tlp, epoch_day, epoch_day_to_date};
use beacon_store::Store;

fn main() {
    let mut args = std::env::args().skip(1);
    let source = PathBuf::from(args.next().expect("SOURCE_DATA"));
    let target = PathBuf::from(args.next().expect("TARGET_DATA"));
    let want: usize = args.next().and_then(|n| n.parse().ok()).unwrap_or(100_000);
    let stories: Vec<Story> = Store::open(&source)
        .expect("the source store")
        .stories(u32::MAX)
        .expect("its stories")
        .into_iter()
        .filter(|s| !s.events.is_empty())
        .collect();
    assert!(!stories.is_empty(), "no events in {}", source.display());
    copy_dir(&source, &target);
    let mut store = Store::open(&target).expect("the target store");
    let mut store = store.batch().expect("a batch");
    let mut events = 0usize;
    let mut copy = 0usize;
    let mut rng = 0x2545_F491_4F6C_DD1Du64;
    let marked = std::env::var_os("FILL_MARKINGS").is_some_and(|v| v == "1");
    while events < want {
        let base = &stories[copy % stories.len()];
        rng ^= rng << 13;
        rng ^= rng >> 7;
        rng ^= rng << 17;
        let shift = (rng % 1096) as i64;
        let mut s = base.clone();
        s.id = format!("{}-copy{copy}", base.id);
        for (k, se) in s.events.iter_mut().enumerate() {
            se.event.id = format!("{}-e{}", s.id, k + 1);
            if let Some(d) = se.event.date.as_mut()
                && let Some(day) = epoch_day(&d.value)
                && let Some(moved) = epoch_day_to_date(day + shift)
            {
                d.value = moved;
            }
        }
        if marked {
            let tlp = Tlp::ALL[copy % Tlp::ALL.len()];
            s.marking = Marking {
                tlp,
                groups: if tlp == Tlp::Amber {
                    vec!["border".into()]
                } else {
                    Vec::new()
                },
                recipients: if tlp == Tlp::Red {
                    vec!["amina".into()]
                } else {
                    Vec::new()
                },
                ..Marking::default()
            };
            for se in &mut s.events {
                se.marking = s.marking.clone();
            }
        }
        // the story's articles are the source's: only events are read here
        events += s.events.len();
        let article = s.article_ids.first().cloned().unwrap_or_default();
        store.put_story(&s, &article).expect("a story");
        copy += 1;
        if copy.is_multiple_of(1000) {
            store.checkpoint().expect("commit");
        }
    }
    for s in &stories {
        for a in &s.article_ids {
            store.put_story(s, a).expect("a story");
        }
    }
    store.commit().expect("commit");
    println!("{copy} stories, {events} events in {}", target.display());
}

/// Copies the store's database (and its WAL) into an empty directory.
fn copy_dir(from: &std::path::Path, to: &std::path::Path) {
    std::fs::create_dir_all(to).expect("the target directory");
    for name in ["beacon.db", "beacon.db-wal", "beacon.db-shm"] {
        let f = from.join(name);
        if f.exists() {
            std::fs::copy(&f, to.join(name)).expect("copied");
        }
    }
}
