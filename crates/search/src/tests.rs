//! The index on articles run through the real pipeline, filed in stories and
//! stored as `beacon ingest` stores them.

use super::*;
use beacon_model::{DateBasis, Precision, Published, StoryEvent};
use beacon_stories::{Config, StoryBook};

const ARTICLES: &[(&str, &str, &str)] = &[
    (
        "kunduz-1",
        "2024-05-06",
        "Taliban fighters attacked a police checkpoint in Kunduz on Monday, killing \
         five officers, the provincial governor said.",
    ),
    (
        "kunduz-2",
        "2024-05-06",
        "Five police officers were killed when Taliban fighters attacked a checkpoint \
         in Kunduz province on Monday, officials said.",
    ),
    (
        "nairobi",
        "2023-11-20",
        "Thousands of teachers marched through Nairobi on Tuesday to protest against \
         unpaid salaries, the union said.",
    ),
    (
        "mazar",
        "2024-02-01",
        "Flooding cut the road between Mazār-e Sharīf and Kabul, the ministry said.",
    ),
];

fn article(id: &str, day: &str, text: &str) -> Article {
    let mut a = Article::from_text(id, text);
    a.title = Some(text.split(',').next().unwrap_or(text).to_string());
    a.url = Some(format!("https://news.example/{id}"));
    a.published = Some(Published {
        value: day.to_string(),
        precision: Precision::Day,
        basis: DateBasis::Metadata,
        confidence: 1.0,
    });
    a
}

/// A store holding the articles, analysed and filed as `beacon ingest` does.
fn store(dir: &Path) -> Store {
    let mut store = Store::open(dir).expect("store");
    let mut book = StoryBook::new(Config::default());
    let mut batch = store.batch().expect("begin");
    let pipeline = beacon_pipeline::Pipeline::default();
    for &(id, day, text) in ARTICLES {
        let a = article(id, day, text);
        let doc = beacon_model::Document::from_text(id, text);
        batch.put(&doc, Some(&a)).expect("put");
        let x = pipeline.analyse(&a);
        let (times, mentions, events) = (x.times, x.mentions, x.events);
        batch
            .put_analysis(id, &mentions, &times, &events)
            .expect("analysis");
        let filed = book.add(&a, &mentions, &events);
        batch
            .update_story(&book.stories()[filed.story], id, &filed.events)
            .expect("story");
    }
    batch.commit().expect("commit");
    store
}

fn ask(index: &SearchIndex, text: &str, filter: Filter, scope: Scope) -> Results {
    index
        .search(&Request {
            text: text.into(),
            filter,
            scope,
            limit: 20,
            ..Request::default()
        })
        .expect("search")
}

fn ids(r: &Results) -> Vec<&str> {
    let mut v: Vec<&str> = r.hits.iter().map(|h| h.id.as_str()).collect();
    v.sort_unstable();
    v
}

#[test]
fn finds_articles_and_events_with_filters() {
    let dir = tempfile::tempdir().expect("tempdir");
    let store = store(dir.path());
    let index = SearchIndex::open(&SearchIndex::dir_of(&store)).expect("open");
    let synced = index.sync(&store).expect("sync");
    assert_eq!(synced.articles, ARTICLES.len());

    // words, all of them, in title or text
    let r = ask(&index, "police Kunduz", Filter::default(), Scope::Articles);
    assert_eq!(ids(&r), ["kunduz-1", "kunduz-2"]);
    assert_eq!(r.total, 2);
    let hit = &r.hits[0];
    assert!(hit.highlights.iter().all(|&(a, b)| {
        let w = hit.snippet[a..b].to_lowercase();
        w == "police" || w == "kunduz"
    }));
    assert!(!hit.highlights.is_empty(), "{hit:?}");
    assert!(
        hit.url
            .as_deref()
            .is_some_and(|u| u.starts_with("https://"))
    );

    // folded: "Mazar-e Sharif" finds "Mazār-e Sharīf", in the article and
    // in its flood (a hazard event)
    let r = ask(&index, "\"Mazar e Sharif\"", Filter::default(), Scope::All);
    assert_eq!(ids(&r), ["mazar", "story-mazar-e1"]);

    // the two Kunduz reports are one story: its attack is one event
    let r = ask(&index, "Kunduz", Filter::default(), Scope::Events);
    assert_eq!(r.hits.len(), 1, "{r:?}");
    assert_eq!(r.hits[0].event_type.as_deref(), Some("ASSAULT"));

    // filters, alone (no words) and with words
    let only = |f: Filter| ids(&ask(&index, "", f, Scope::Articles)).join(" ");
    let af = Filter {
        country: Some("af".parse().unwrap()),
        ..Filter::default()
    };
    assert_eq!(only(af.clone()), "kunduz-1 kunduz-2 mazar");
    let ke_protest = Filter {
        country: Some("KE".parse().unwrap()),
        kind: Some("protest".parse().unwrap()),
        ..Filter::default()
    };
    assert_eq!(only(ke_protest), "nairobi");
    let taliban = Filter {
        actor: Some("Taliban".into()),
        modality: Some("occurred".parse().unwrap()),
        historical: Some(false),
        ..Filter::default()
    };
    assert_eq!(only(taliban), "kunduz-1 kunduz-2");
    let in_2024 = Filter {
        since: Some("2024".parse().unwrap()),
        ..Filter::default()
    };
    assert_eq!(only(in_2024), "kunduz-1 kunduz-2 mazar");
    let until_feb = Filter {
        until: Some("2024-02".parse().unwrap()),
        ..Filter::default()
    };
    assert_eq!(only(until_feb), "mazar nairobi");
    // relevance: any judged relevance passes a minimum of 0; a higher
    // minimum keeps a subset
    let any = Filter {
        min_relevance: Some(0.0),
        ..Filter::default()
    };
    assert_eq!(only(any), only(Filter::default()));
    let relevant = Filter {
        min_relevance: Some(0.5),
        ..Filter::default()
    };
    let kept = only(relevant);
    assert!(
        kept.split(' ')
            .all(|id| only(Filter::default()).contains(id)),
        "{kept}"
    );
    let r = ask(&index, "officers", af, Scope::All);
    assert!(r.hits.iter().all(|h| h.id != "nairobi"));

    // newest first, then paged
    let r = index
        .search(&Request {
            sort: Sort::Newest,
            scope: Scope::Articles,
            limit: 2,
            offset: 1,
            ..Request::default()
        })
        .expect("search");
    assert_eq!(r.total, ARTICLES.len());
    let dates: Vec<_> = r
        .hits
        .iter()
        .map(|h| h.date.clone().unwrap_or_default())
        .collect();
    assert_eq!(dates, ["2024-05-06", "2024-02-01"]);
}

#[test]
fn sync_adds_each_article_once_and_survives_a_lost_commit() {
    let dir = tempfile::tempdir().expect("tempdir");
    let store = store(dir.path());
    let path = SearchIndex::dir_of(&store);
    let index = SearchIndex::open(&path).expect("open");
    assert_eq!(index.synced_to(&store.id().expect("id")), Reach::default());

    // a run that added documents and was killed before its commit
    let writer = index.writer().expect("writer");
    store
        .analysed_articles(0, &mut |_, a, m, e, s| {
            index
                .add_article(&writer, &a, &m, &e, s.as_deref())
                .expect("add");
        })
        .expect("read");
    drop(writer);
    drop(index);

    let index = SearchIndex::open(&path).expect("reopen");
    assert!(index.is_empty());
    let first = index.sync(&store).expect("sync");
    assert_eq!(first.articles, ARTICLES.len());
    let docs = index.len();
    // again: nothing new, nothing twice
    assert_eq!(index.sync(&store).expect("sync"), Synced::default());
    drop(index);
    let index = SearchIndex::open(&path).expect("reopen");
    assert_eq!(index.sync(&store).expect("sync"), Synced::default());
    assert_eq!(index.len(), docs);
    let r = ask(&index, "Nairobi", Filter::default(), Scope::Articles);
    assert_eq!(ids(&r), ["nairobi"]);
}

#[test]
fn bad_queries_and_filters_are_errors() {
    let dir = tempfile::tempdir().expect("tempdir");
    let index = SearchIndex::open(dir.path()).expect("open");
    let bad = |text: &str, filter: Filter| {
        index
            .search(&Request {
                text: text.into(),
                filter,
                limit: 5,
                ..Request::default()
            })
            .is_err()
    };
    assert!(bad("()", Filter::default()));
    // text outside the syntax is searched as its words, and says so
    let r = index
        .search(&Request {
            text: "<script>alert(1)</script>".into(),
            limit: 5,
            ..Request::default()
        })
        .expect("plain words");
    assert!(r.note.is_some());
}

#[test]
fn an_index_of_another_layout_is_rebuilt() {
    let dir = tempfile::tempdir().expect("tempdir");
    let store = store(dir.path());
    let path = SearchIndex::dir_of(&store);
    {
        let index = SearchIndex::open(&path).expect("open");
        index.sync(&store).expect("sync");
        let mut w = index.writer().expect("writer");
        let mut p = w.prepare_commit().expect("prepare");
        p.set_payload("beacon-search/0 seq=99");
        p.commit().expect("commit");
    }
    let index = SearchIndex::open(&path).expect("open");
    assert_eq!(index.synced_to(&store.id().expect("id")), Reach::default());
    assert!(index.is_empty());
    assert_eq!(index.sync(&store).expect("sync").articles, ARTICLES.len());
}

#[test]
fn days_count_from_1970() {
    assert_eq!(days("1970-01-01"), Some(0));
    assert_eq!(days("2000-03-01"), Some(11_017));
    assert_eq!(days("2024"), days("2024-01-01"));
    assert_eq!(days("2024-13-01"), None);
}

#[test]
fn the_stores_event_rows_filter_as_the_records_do() {
    let dir = tempfile::tempdir().expect("tempdir");
    let store = store(dir.path());
    let all: Vec<StoryEvent> = store
        .stories(u32::MAX)
        .expect("stories")
        .into_iter()
        .flat_map(|s| s.events)
        .collect();
    assert!(all.len() >= 3, "{}", all.len());
    let filters = [
        Filter::default(),
        Filter {
            country: Some("af".parse().unwrap()),
            ..Filter::default()
        },
        Filter {
            kind: Some("protest".parse().unwrap()),
            ..Filter::default()
        },
        Filter {
            actor: Some("TALIBAN".into()),
            historical: Some(false),
            ..Filter::default()
        },
        Filter {
            since: Some("2024".parse().unwrap()),
            until: Some("2024-05".parse().unwrap()),
            ..Filter::default()
        },
        Filter {
            modality: Some("anticipated".parse().unwrap()),
            ..Filter::default()
        },
    ];
    for f in filters {
        let mut want: Vec<&str> = all
            .iter()
            .filter(|e| f.keeps(e))
            .map(|e| e.event.id.as_str())
            .collect();
        want.sort_unstable();
        // the in-memory index agrees, order included
        let mut index = beacon_store::EventIndex::default();
        index.refresh(&store).expect("refreshed");
        let (n, ids) = index.query(&f, 100, 0);
        let (total, page) = store.events(&f, 100, 0).expect("events");
        let in_order: Vec<&str> = page.iter().map(|e| e.event.id.as_str()).collect();
        assert_eq!(ids, in_order, "{f:?}");
        assert_eq!(n, total);
        let mut got: Vec<&str> = page.iter().map(|e| e.event.id.as_str()).collect();
        got.sort_unstable();
        assert_eq!(got, want, "{f:?}");
        assert_eq!(total as usize, want.len());
        // newest first, undated last
        let dates: Vec<String> = page
            .iter()
            .map(|e| {
                e.event
                    .date
                    .as_ref()
                    .map_or(String::new(), |d| d.value.clone())
            })
            .collect();
        assert!(dates.windows(2).all(|w| w[0] >= w[1]), "{dates:?}");
    }
    // stories: those with an event that passes, as keeps_story says
    let stories = store.stories(u32::MAX).expect("stories");
    for f in [
        Filter::default(),
        Filter {
            country: Some("KE".parse().unwrap()),
            ..Filter::default()
        },
        Filter {
            actor: Some("actor:taliban".into()),
            ..Filter::default()
        },
    ] {
        let mut want: Vec<&str> = stories
            .iter()
            .filter(|s| f.keeps_story(s))
            .map(|s| s.id.as_str())
            .collect();
        want.sort_unstable();
        let (n, page) = store.stories_page(&f, 100, 0).expect("stories");
        for s in &page {
            let whole = stories.iter().find(|w| w.id == s.id);
            assert_eq!(Some(s), whole, "a page's story is the whole story");
        }
        let mut got: Vec<&str> = page.iter().map(|s| s.id.as_str()).collect();
        got.sort_unstable();
        assert_eq!(got, want, "{f:?}");
        assert_eq!(n as usize, want.len());
    }
    let (total, page) = store.events(&Filter::default(), 1, 1).expect("a page");
    assert_eq!(total as usize, all.len());
    assert_eq!(page.len(), 1);
}

#[test]
fn a_sync_indexes_each_changed_event_once() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut store = store(dir.path());
    let index = SearchIndex::open(&SearchIndex::dir_of(&store)).expect("open");
    let all = Filter::default();
    let (total, _) = store.events(&all, 1, 0).expect("events");
    assert_eq!(index.sync(&store).expect("sync").events, total as usize);
    let indexed = |index: &SearchIndex| ask(index, "", all.clone(), Scope::Events).total;
    assert_eq!(indexed(&index), total as usize);
    // a report joins a story: its first event gains a source, and it adds
    // one more event; only those two are written again and re-indexed
    let mut s = store
        .stories(u32::MAX)
        .expect("stories")
        .into_iter()
        .find(|s| !s.events.is_empty())
        .expect("a story with events");
    s.events[0].sources.push("another.example".into());
    let mut extra = s.events[0].clone();
    extra.event.id = format!("{}-e{}", s.id, s.events.len() + 1);
    s.events.push(extra);
    let article = s.article_ids[0].clone();
    store
        .update_story(&s, &article, &[0, s.events.len() - 1])
        .expect("updated");
    let again = index.sync(&store).expect("sync");
    assert_eq!((again.articles, again.events), (0, 2));
    assert_eq!(indexed(&index), total as usize + 1);
    assert_eq!(index.sync(&store).expect("sync"), Synced::default());
    // reopened, the index knows how far it reached
    drop(index);
    let index = SearchIndex::open(&SearchIndex::dir_of(&store)).expect("open");
    assert_eq!(index.sync(&store).expect("sync"), Synced::default());
    assert_eq!(indexed(&index), total as usize + 1);
}

#[test]
fn the_event_index_follows_a_story_written_again() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut store = store(dir.path());
    let mut index = beacon_store::EventIndex::default();
    index.refresh(&store).expect("refreshed");
    let all = Filter::default();
    assert_eq!(
        index.query(&all, 1000, 0).0,
        store.events(&all, 1000, 0).unwrap().0
    );
    // the newest story takes one more event (as when a report joins it)
    let stories = store.stories(u32::MAX).expect("stories");
    let mut s = stories
        .iter()
        .find(|s| !s.events.is_empty())
        .expect("a story with events")
        .clone();
    let mut extra = s.events[0].clone();
    extra.event.id = format!("{}-e{}", s.id, s.events.len() + 1);
    s.events.push(extra);
    let article = s.article_ids[0].clone();
    store.put_story(&s, &article).expect("written again");
    index.refresh(&store).expect("refreshed");
    let (n, ids) = index.query(&all, 1000, 0);
    let (total, page) = store.events(&all, 1000, 0).expect("events");
    assert_eq!(n, total);
    let in_order: Vec<&str> = page.iter().map(|e| e.event.id.as_str()).collect();
    assert_eq!(ids, in_order);
    // and once more, with the same number of rows
    store.put_story(&s, &article).expect("written again");
    index.refresh(&store).expect("refreshed");
    assert_eq!(index.query(&all, 1000, 0).0, total);
}

#[test]
fn queries_past_the_limits_are_refused_before_parsing() {
    let too = |q: &str| matches!(check_query(q), Err(SearchError::TooComplex(_)));
    assert!(too(&("(".repeat(3000) + "kabul" + &")".repeat(3000))));
    assert!(too(&("NOT ".repeat(10_000) + "kabul")));
    assert!(too(&"kabul ".repeat(300)));
    assert!(too(&("-".repeat(200) + "kabul")));
    assert!(too("((((((((( kabul )))))))))"));
    assert!(check_query("\"taliban attack\" kunduz OR takhar -flood title:checkpoint").is_ok());
    assert!(
        check_query(&("(".repeat(MAX_QUERY_DEPTH) + "a" + &")".repeat(MAX_QUERY_DEPTH))).is_ok()
    );
    // words inside quotes are one phrase, whatever signs they hold
    assert!(check_query(&format!("\"{}\"", "a-b ".repeat(100))).is_ok());
}

/// The query parser, fuzzed: random queries over the syntax's signs and
/// words, each searched on a thread with a small stack (256 KiB, an eighth
/// of a server's blocking thread's): within the limits a query is an answer
/// or a clear error, never an overflow or a panic.
#[test]
fn random_queries_never_overflow_the_parser() {
    let dir = tempfile::tempdir().expect("tempdir");
    let store = store(dir.path());
    let index = std::sync::Arc::new(SearchIndex::open(&SearchIndex::dir_of(&store)).expect("open"));
    index.sync(&store).expect("sync");
    const PIECES: &[&str] = &[
        "(", ")", "\"", "-", "+", "NOT ", "AND ", "OR ", ":", "^2", "~", "*", "[", "]", "{", "}",
        " TO ", "title:", "body:", "kabul ", "kunduz", "é", "\\", "!", "'", " ", "  ",
    ];
    let mut state = 0x2545_F491_4F6C_DD1Du64;
    let mut next = |n: usize| {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        (state % n as u64) as usize
    };
    let queries: Vec<String> = (0..3_000)
        .map(|_| {
            let len = next(200);
            (0..len).map(|_| PIECES[next(PIECES.len())]).collect()
        })
        .collect();
    let searcher = index.clone();
    let outcome = std::thread::Builder::new()
        .stack_size(256 << 10)
        .spawn(move || {
            let mut answered = 0;
            for q in &queries {
                let r = searcher.search(&Request {
                    text: q.clone(),
                    limit: 3,
                    ..Request::default()
                });
                match r {
                    Ok(_) => answered += 1,
                    Err(SearchError::TooComplex(_) | SearchError::Query { .. }) => {}
                    Err(e) => panic!("{q:?}: {e}"),
                }
            }
            answered
        })
        .expect("a thread")
        .join()
        .expect("no overflow, no panic");
    assert!(outcome > 0);
}

#[test]
fn relevance_keys_order_as_their_values() {
    assert_eq!(relevance_key(Some(0.5), false), "050");
    assert_eq!(relevance_key(Some(0.555), false), "055");
    assert_eq!(relevance_key(Some(0.555), true), "056");
    assert_eq!(relevance_key(Some(1.0), false), "100");
    assert_eq!(relevance_key(None, false), "na");
    let mut keys: Vec<String> = [0.07, 0.5, 0.93, 1.0, 0.0]
        .iter()
        .map(|&r| relevance_key(Some(r), false))
        .collect();
    keys.sort();
    assert_eq!(keys, ["000", "007", "050", "093", "100"]);
}

#[test]
fn a_page_past_the_last_hit_is_empty_whatever_its_offset() {
    let dir = tempfile::tempdir().expect("tempdir");
    let store = store(&dir.path().join("data"));
    let index = SearchIndex::open(&dir.path().join("index")).expect("open");
    index.sync(&store).expect("synced");
    for sort in [Sort::Relevance, Sort::Newest] {
        for (text, offset) in [
            ("", u32::MAX as usize - 1),
            ("kabul", usize::MAX / 2),
            ("", 3),
        ] {
            // an offset of 2^32 once asked the collector for 200 GB, and the
            // server died of it
            let r = index
                .search(&Request {
                    text: text.into(),
                    sort,
                    limit: 1000,
                    offset,
                    ..Request::default()
                })
                .expect("a search");
            assert!(r.hits.len() <= r.total.saturating_sub(offset.min(r.total)));
        }
    }
}

/// Random markings on the articles, random organisations, groups and
/// users: no story, event, article, hit, alert, Atom feed entry, note or
/// notification reaches a viewer outside its audience through the store's
/// readers, the event index, the search index, the alerts' readers, the
/// exports' notes or the webhooks' and e-mail's gate, and each shows every
/// record its viewer may see (at least 10,000 viewer-record cases).
#[test]
fn no_record_reaches_a_viewer_outside_its_audience() {
    use beacon_model::{Marking, Sharing, Viewer};
    use std::collections::{HashMap, HashSet};
    let pipeline = beacon_pipeline::Pipeline::default();
    let analysed: Vec<_> = ARTICLES
        .iter()
        .map(|&(id, day, text)| {
            let a = article(id, day, text);
            let x = pipeline.analyse(&a);
            (a, x)
        })
        .collect();
    let mut rng = 0x9e37_79b9_7f4a_7c15u64;
    let mut next = move |n: u64| {
        rng ^= rng << 13;
        rng ^= rng >> 7;
        rng ^= rng << 17;
        rng % n
    };
    let g = beacon_gazetteer::Gazetteer::load().expect("the gazetteer");
    let orgs = ["home", "a", "b", "c"];
    let users: Vec<(String, &str)> = orgs
        .iter()
        .flat_map(|o| (0..3).map(move |k| (format!("{o}-u{k}"), *o)))
        .collect();
    let mut cases = 0usize;
    for _round in 0..60 {
        let mut sharing = Sharing {
            home: Some("home".into()),
            groups: HashMap::new(),
        };
        for g in ["g0", "g1"] {
            let members = orgs
                .iter()
                .filter(|_| next(2) == 0)
                .map(|o| (*o).to_owned());
            sharing.groups.insert(g.into(), members.collect());
        }
        let (dir, mut store, article_marking) = marked_store(&analysed, &users, &mut next);
        let watched = watch_and_review(&mut store, &g, &mut next);
        let index = SearchIndex::open(&dir.path().join("search")).expect("index");
        index.sync(&store).expect("synced");
        let mut events = beacon_store::EventIndex::default();
        events.refresh(&store).expect("refreshed");
        let stories = store.stories(u32::MAX).expect("stories");
        let viewers = users
            .iter()
            .map(|(u, o)| Viewer::User {
                id: u.clone(),
                org: (*o).to_owned(),
                scope: beacon_model::Scope::Read,
            })
            .chain([Viewer::Public, Viewer::Operator]);
        for v in viewers {
            let sees = |m: &Marking| v.may_see(m, &sharing);
            // stories: each shown one's articles are each visible
            let (n, shown) = store
                .stories_page_for(&Filter::default(), 1000, 0, &sees)
                .expect("stories");
            for s in &shown {
                for id in &s.article_ids {
                    assert!(sees(&article_marking[id]), "{v:?}: {} in {}", id, s.id);
                    cases += 1;
                }
            }
            let want = stories.iter().filter(|s| sees(&s.marking)).count();
            assert_eq!((n as usize, shown.len()), (want, want), "{v:?}");
            // events, from the store and from the index in memory
            let all_events: Vec<&beacon_model::StoryEvent> =
                stories.iter().flat_map(|s| &s.events).collect();
            let visible: HashSet<&str> = all_events
                .iter()
                .filter(|e| {
                    e.reports
                        .iter()
                        .all(|r| sees(&article_marking[&r.article_id]))
                })
                .map(|e| e.event.id.as_str())
                .collect();
            let (_, from_store) = store
                .events_for(&Filter::default(), 1000, 0, &sees)
                .expect("events");
            let from_store: HashSet<&str> = from_store
                .iter()
                .map(|e| e.event.id.as_str())
                .collect::<Vec<_>>()
                .into_iter()
                .map(|id| *visible.get(id).unwrap_or_else(|| panic!("{v:?} saw {id}")))
                .collect();
            let (_, from_index) = events.query_for(&Filter::default(), 1000, 0, &sees);
            assert_eq!(
                from_index.into_iter().collect::<HashSet<_>>(),
                from_store,
                "{v:?}"
            );
            assert_eq!(from_store, visible, "{v:?}");
            // what TAXII pages through, two rows at a time
            let mut written = HashSet::new();
            let mut after = 0;
            loop {
                let rows = store
                    .written_events_for(after, None, 2, &sees)
                    .expect("rows");
                let Some(last) = rows.last() else { break };
                after = last.0;
                written.extend(rows.into_iter().map(|r| r.3.event.id));
            }
            let visible_owned: HashSet<String> = visible.iter().map(|s| (*s).to_owned()).collect();
            assert_eq!(written, visible_owned, "{v:?}");
            cases += all_events.len();
            // search hits
            let hits = index
                .search_for(
                    &Request {
                        limit: 1000,
                        ..Request::default()
                    },
                    &sees,
                )
                .expect("search");
            let story_of: HashMap<&str, &beacon_model::Story> = stories
                .iter()
                .flat_map(|s| s.events.iter().map(move |e| (e.event.id.as_str(), s)))
                .collect();
            for h in &hits.hits {
                let ok = match h.kind {
                    HitKind::Article => sees(&article_marking[&h.id]),
                    // an event's hit shows its story's title only to whoever
                    // may see the story
                    HitKind::Event => {
                        visible.contains(h.id.as_str())
                            && (h.title.is_none() || sees(&story_of[h.id.as_str()].marking))
                    }
                };
                assert!(ok, "{v:?} found {} ({:?})", h.id, h.title);
            }
            let want = article_marking.values().filter(|m| sees(m)).count() + visible.len();
            assert_eq!(hits.total, want, "{v:?}");
            cases += article_marking.len() + all_events.len();
            cases += alerts_and_notes(&store, &sees, &watched, &visible, &all_events);
        }
        cases += channels(&store, &sharing);
    }
    assert!(cases >= 10_000, "{cases} cases");
}

/// The alerts and notes `sees` lets through: an alert shown has its
/// watchlist and every event it lists visible, and every alert whose
/// marking allows it is shown (the API's alerts, the Atom feeds); each
/// note (the exports') is on a visible event and its own marking allows
/// it. The cases checked.
fn alerts_and_notes(
    store: &Store,
    sees: &dyn Fn(&beacon_model::Marking) -> bool,
    watched: &std::collections::HashMap<String, beacon_model::Marking>,
    visible: &std::collections::HashSet<&str>,
    all_events: &[&beacon_model::StoryEvent],
) -> usize {
    let (n, shown) = store
        .alerts_for(None, None, (10_000, 0), sees)
        .expect("alerts");
    for a in &shown {
        let fair = sees(&watched[&a.watchlist_id])
            && a.explanation
                .events
                .iter()
                .all(|e| visible.contains(e.id.as_str()));
        assert!(fair, "saw alert {}", a.id);
    }
    let (_, all) = store.alerts(None, None, 10_000, 0).expect("alerts");
    assert_eq!(n as usize, all.iter().filter(|a| sees(&a.marking)).count());
    let mut cases = all.len();
    let ids = all_events.iter().map(|e| e.event.id.as_str());
    for (id, notes) in store.notes_for(ids, sees).expect("notes") {
        assert!(visible.contains(id.as_str()), "saw a note on {id}");
        for (_, n) in notes {
            assert!(sees(&n.marking), "saw a note marked {:?}", n.marking);
            cases += 1;
        }
    }
    cases
}

/// Webhooks and e-mail: an alert leaves for an organisation's channel
/// only when a member of it may see every event it lists, and never RED.
/// The cases checked.
fn channels(store: &Store, sharing: &beacon_model::Sharing) -> usize {
    use beacon_model::Viewer;
    let (_, all) = store.alerts(None, None, 10_000, 0).expect("alerts");
    assert!(!all.is_empty());
    let mut cases = 0;
    for a in &all {
        for owner in [None, Some("a"), Some("b")] {
            if beacon_notify::may_notify(a, owner, sharing).is_ok() {
                let member = Viewer::User {
                    id: String::new(),
                    org: owner.unwrap_or("home").to_owned(),
                    scope: beacon_model::Scope::Read,
                };
                assert_ne!(a.marking.tlp, beacon_model::Tlp::Red);
                for e in &a.explanation.events {
                    let m = store.event_marking(&e.id).expect("read").expect("stored");
                    assert!(
                        member.may_see(&m, sharing),
                        "alert {} went to {owner:?}",
                        a.id
                    );
                }
            }
            cases += 1;
        }
    }
    cases
}

/// Two watchlists of random markings over every event (a match rule and a
/// threshold), evaluated; and a note of a random TLP on a third of the
/// events. Each watchlist's marking by id.
fn watch_and_review(
    store: &mut Store,
    g: &beacon_gazetteer::Gazetteer,
    next: &mut dyn FnMut(u64) -> u64,
) -> std::collections::HashMap<String, beacon_model::Marking> {
    use beacon_model::review::{Action, Entry};
    use beacon_model::{Marking, Rule, Tlp, Watchlist};
    let mut out = std::collections::HashMap::new();
    for (id, rule) in [
        ("wl-every", Rule::Match {}),
        (
            "wl-many",
            Rule::Threshold {
                count: 2,
                window_days: 3650,
            },
        ),
    ] {
        let w = Watchlist {
            rules: vec![rule],
            include_historical: true,
            marking: Marking {
                tlp: Tlp::ALL[next(4) as usize],
                owner: ["home", "a"].get(next(3) as usize).map(|o| (*o).to_owned()),
                ..Marking::default()
            },
            ..Watchlist::new(id, id)
        };
        store.put_watchlist(&w).expect("a watchlist");
        out.insert(id.to_owned(), w.marking);
    }
    beacon_watch::run(store, g, "2026-12-07T00:00:00Z").expect("evaluated");
    let (_, events) = store
        .events(&Filter::default(), u32::MAX, 0)
        .expect("events");
    for e in &events {
        if next(3) != 0 {
            continue;
        }
        let entry = Entry {
            note: Some("seen".into()),
            marking: Marking::of(Tlp::ALL[next(5) as usize]),
            ..Entry::new(Action::Note, "ana")
        };
        store.review_event(&e.event.id, entry).expect("a note");
    }
    out
}

/// A store of the analysed articles, each marked at random (TLP, groups
/// `g0`/`g1`, some of `users` as recipients): the store, and each article's
/// marking by id.
#[allow(clippy::type_complexity)]
fn marked_store(
    analysed: &[(Article, beacon_pipeline::Analysis)],
    users: &[(String, &str)],
    next: &mut dyn FnMut(u64) -> u64,
) -> (
    tempfile::TempDir,
    Store,
    std::collections::HashMap<String, beacon_model::Marking>,
) {
    use beacon_model::{Marking, Tlp};
    let dir = tempfile::tempdir().expect("tempdir");
    let mut store = Store::open(dir.path()).expect("store");
    let mut book = StoryBook::new(Config::default());
    let mut batch = store.batch().expect("begin");
    let mut article_marking = std::collections::HashMap::new();
    for (a, x) in analysed {
        let mut a = a.clone();
        a.marking = Marking {
            tlp: Tlp::ALL[next(5) as usize],
            groups: ["g0", "g1"]
                .iter()
                .filter(|_| next(2) == 0)
                .map(|g| (*g).to_owned())
                .collect(),
            recipients: users
                .iter()
                .filter(|_| next(4) == 0)
                .map(|(u, _)| u.clone())
                .collect(),
            ..Marking::default()
        };
        article_marking.insert(a.id.0.clone(), a.marking.clone());
        let doc = beacon_model::Document::from_text(&a.id.0, &a.text);
        batch.put(&doc, Some(&a)).expect("put");
        batch
            .put_analysis(&a.id.0, &x.mentions, &x.times, &x.events)
            .expect("analysis");
        let filed = book.add(&a, &x.mentions, &x.events);
        batch
            .update_story(&book.stories()[filed.story], &a.id.0, &filed.events)
            .expect("story");
    }
    batch.commit().expect("commit");
    (dir, store, article_marking)
}
