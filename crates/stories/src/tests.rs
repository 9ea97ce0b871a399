//! Stories on small invented articles.

use super::*;

fn doc(id: &str, text: &str, names: &[&str], day: Option<i64>) -> StoryDoc {
    StoryDoc {
        id: id.into(),
        text: text.into(),
        names: names.iter().map(|s| s.to_string()).collect(),
        day,
    }
}

#[test]
fn twenty_copies_make_one_story() {
    let text = "Gunmen abducted twelve aid workers near the town of Gao on Monday, \
                officials said, and demanded a ransom for their release. The workers \
                were travelling in a convoy of the World Food Programme.";
    let mut index = StoryIndex::new(Config::default());
    for n in 0..20 {
        let copy = format!("Outlet {n} - {text} Follow us for more news from outlet {n}.");
        let (story, why) = index.add(&doc(&format!("a{n}"), &copy, &["Gao", "WFP"], Some(100)));
        assert_eq!(story, 0, "copy {n}: {why:?}");
        if n > 0 {
            assert!(matches!(why, Joined::Duplicate(_)), "copy {n}: {why:?}");
        }
    }
    assert_eq!(index.stories().len(), 1);
    assert_eq!(index.stories()[0].articles.len(), 20);
}

#[test]
fn two_happenings_of_one_kind_stay_apart() {
    let mut index = StoryIndex::new(Config::default());
    let reid = [
        "Actress Tara Reid checked into a rehab centre in Malibu, her representative said.",
        "Tara Reid has entered rehab, the actress's spokesman confirmed on Friday in Malibu.",
        "Reid, 33, checked herself into the Promises treatment centre, her rep told reporters.",
    ];
    let lohan = [
        "Lindsay Lohan checked into a rehab facility in California under a plea deal.",
        "Lohan entered rehab on Thursday as ordered by a Los Angeles judge, her lawyer said.",
        "Actress Lindsay Lohan has checked into the Betty Ford Center, her attorney said.",
    ];
    let mut reid_stories = HashSet::default();
    let mut lohan_stories = HashSet::default();
    for (n, (r, l)) in reid.iter().zip(lohan.iter()).enumerate() {
        let (s, _) = index.add(&doc(&format!("r{n}"), r, &["Tara Reid"], Some(0)));
        reid_stories.insert(s);
        let (s, _) = index.add(&doc(&format!("l{n}"), l, &["Lindsay Lohan"], Some(1800)));
        lohan_stories.insert(s);
    }
    assert!(
        reid_stories.is_disjoint(&lohan_stories),
        "{reid_stories:?} {lohan_stories:?}"
    );
}

#[test]
fn stories_close_past_the_horizons() {
    let config = Config {
        horizon_days: Some(30),
        sweep_every: 2,
        ..Config::default()
    };
    let mut index = StoryIndex::new(config);
    let text = "Floods displaced thousands of families along the Shabelle river in Somalia, \
                aid agencies said, as the rains continued for a second week.";
    let (first, _) = index.add(&doc("a", text, &["Somalia"], Some(0)));
    let (again, _) = index.add(&doc("b", &format!("Update: {text}"), &["Somalia"], Some(3)));
    assert_eq!(first, again);
    // Months later, news of the same words is another story: the first has closed.
    index.add(&doc(
        "c",
        "Unrelated words about a football match in Madrid.",
        &[],
        Some(200),
    ));
    let (later, why) = index.add(&doc(
        "d",
        &format!("Again: {text}"),
        &["Somalia"],
        Some(201),
    ));
    assert_ne!(later, first, "{why:?}");
    assert!(index.stories()[first as usize].closed);
}

#[test]
fn restored_articles_keep_their_stories() {
    let mut index = StoryIndex::new(Config::default());
    let text = "Parliament passed the budget after a long debate on Tuesday.";
    // A store says the two copies are in different stories: so they stay.
    let (a, _) = index.add_placed(&doc("a", text, &[], Some(0)), Placement::New);
    let (b, why) = index.add_placed(&doc("b", text, &[], Some(0)), Placement::New);
    assert_ne!(a, b);
    assert_eq!(why, Joined::Restored);
    let (c, _) = index.add_placed(&doc("c", text, &[], Some(0)), Placement::In(a));
    assert_eq!(c, a);
    // Clustering takes over for new articles: a copy joins one of them.
    let (d, why) = index.add(&doc("d", text, &[], Some(0)));
    assert!(d == a || d == b, "{why:?}");
}

#[test]
fn a_book_forgets_closed_stories() {
    use beacon_model::Article;
    let config = Config {
        horizon_days: Some(10),
        sweep_every: 1,
        ..Config::default()
    };
    let mut book = StoryBook::new(config);
    let article = |id: &str, text: &str, day: &str| Article {
        url: Some(format!("https://{id}.example/")),
        published: Some(beacon_model::Published {
            value: day.into(),
            precision: beacon_model::Precision::Day,
            basis: beacon_model::DateBasis::Given,
            confidence: 1.0,
        }),
        ..Article::from_text(id, text)
    };
    book.add(
        &article(
            "a",
            "Floods hit the Shabelle valley in Somalia.",
            "2024-01-01",
        ),
        &[],
        &[],
    );
    book.add(
        &article("b", "A football final was played in Madrid.", "2024-03-01"),
        &[],
        &[],
    );
    book.add(
        &article(
            "c",
            "Elections were held in Ghana peacefully.",
            "2024-03-02",
        ),
        &[],
        &[],
    );
    assert_eq!(book.forget_closed(), 1);
    assert!(book.stories()[0].article_ids.is_empty());
    assert_eq!(book.stories()[1].article_ids.len(), 1);
}

#[test]
fn a_book_rebuilt_from_its_last_articles_and_stored_records_continues_whole() {
    use beacon_model::Article;
    let article = |id: &str, host: &str| Article {
        url: Some(format!("https://{host}/{id}")),
        published: Some(beacon_model::Published {
            value: "2024-05-06".into(),
            precision: beacon_model::Precision::Day,
            basis: beacon_model::DateBasis::Given,
            confidence: 1.0,
        }),
        ..Article::from_text(
            id,
            "Taliban fighters attacked a police checkpoint in Kunduz on Monday, killing five officers.",
        )
    };
    // one run files three reports in one story
    let mut whole = StoryBook::new(Config::default());
    for (id, host) in [
        ("a1", "one.example"),
        ("a2", "two.example"),
        ("a3", "three.example"),
    ] {
        whole.add(&article(id, host), &[], &[]);
    }
    assert_eq!(whole.stories().len(), 1);
    let stored = whole.stories()[0].clone();
    // a rebuild that reads only the last article, and the story's record
    let mut rebuilt = StoryBook::new(Config::default());
    assert!(!rebuilt.has(&stored.id));
    rebuilt.restore_with(
        &article("a3", "three.example"),
        &[],
        &stored.id,
        Some(&stored),
    );
    assert!(rebuilt.has(&stored.id));
    assert_eq!(rebuilt.stories()[0], stored);
    // a new report joins it in both, and the records agree: nothing lost
    let n = whole.add(&article("a4", "four.example"), &[], &[]).story;
    let m = rebuilt.add(&article("a4", "four.example"), &[], &[]).story;
    assert_eq!(whole.stories()[n], rebuilt.stories()[m]);
    assert_eq!(rebuilt.stories()[m].article_ids.len(), 4);
    assert_eq!(rebuilt.stories()[m].sources.len(), 4);
}

#[test]
fn filing_names_the_events_it_changed() {
    let event = |article: &str, kind: &str| -> beacon_model::Event {
        serde_json::from_value(serde_json::json!({
            "id": format!("{article}-{kind}"), "type": kind, "modality": "occurred",
            "historical": false, "actor": [{"text": "Police", "start": 0, "end": 6}],
            "target": [], "evidence": {"text": "Police clashed.", "start": 0, "end": 15},
            "confidence": 0.9, "article_id": article,
        }))
        .expect("an event")
    };
    let article = |id: &str| beacon_model::Article {
        url: Some(format!("https://{id}.example/")),
        ..beacon_model::Article::from_text(
            id,
            "Police clashed with protesters outside the parliament in Bishkek on Friday.",
        )
    };
    let mut book = StoryBook::new(Config::default());
    let first = book.add(
        &article("a1"),
        &[],
        &[event("a1", "FIGHT"), event("a1", "PROTEST")],
    );
    assert_eq!((first.joined, first.events), (Joined::New, vec![0, 1]));
    // a second report: the same fight (merged), and a new kind of event
    let second = book.add(
        &article("a2"),
        &[],
        &[event("a2", "FIGHT"), event("a2", "COERCE")],
    );
    assert_eq!(second.story, first.story);
    assert_eq!(second.events, vec![0, 2]);
    let story = &book.stories()[second.story];
    assert_eq!(story.events[0].reports.len(), 2);
    assert_eq!(story.events[1].reports.len(), 1, "the protest is as it was");
    // an article with no events changes none
    assert!(book.add(&article("a3"), &[], &[]).events.is_empty());
}
