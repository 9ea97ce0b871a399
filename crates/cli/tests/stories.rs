//! `beacon stories`: syndicated copies make one story, and each of its
//! events is counted once with every source.

use crate::util::*;

#[test]
fn twenty_copies_from_twenty_sources_are_one_story() {
    let dir = tempfile::tempdir().unwrap();
    let text = "Gunmen abducted twelve aid workers near the town of Gao in northern Mali on \
                Monday, killing two guards, officials said. Troops were deployed to the area \
                on Tuesday, the army said.";
    let mut lines = String::new();
    for n in 0..20 {
        // Each outlet wraps the wire copy in its own words.
        let copy = if n % 2 == 0 {
            format!("{text} (c) Outlet {n}, all rights reserved.")
        } else {
            format!("Outlet {n} reports: {text} Subscribe to outlet {n} for more.")
        };
        let line = serde_json::json!({
            "url": format!("https://outlet{n}.example/news/{n}"),
            "title": "Aid workers abducted in Mali",
            "published": "2024-03-04",
            "text": copy,
        });
        lines.push_str(&format!("{line}\n"));
    }
    let input = write(&dir.path().join("copies.jsonl"), lines);
    let r = run([
        "stories".as_ref(),
        "--format".as_ref(),
        "jsonl".as_ref(),
        input.as_os_str(),
    ]);
    r.expect_code(0);
    let stories = r.jsonl();
    assert_eq!(stories.len(), 1, "{}", r.stdout);
    let s = &stories[0];
    assert_eq!(s["article_ids"].as_array().unwrap().len(), 20);
    assert_eq!(s["sources"].as_array().unwrap().len(), 20);
    let events = s["events"].as_array().unwrap();
    assert!(!events.is_empty());
    let mut kinds: Vec<&str> = events
        .iter()
        .map(|e| e["event"]["type"].as_str().unwrap())
        .collect();
    kinds.sort();
    let n = kinds.len();
    kinds.dedup();
    assert_eq!(kinds.len(), n, "an event counted twice: {kinds:?}");
    for e in events {
        assert_eq!(e["sources"].as_array().unwrap().len(), 20, "{e}");
        assert_eq!(e["reports"].as_array().unwrap().len(), 20, "{e}");
    }
    let abduction = events
        .iter()
        .find(|e| e["event"]["type"] == "ASSAULT")
        .unwrap();
    assert_eq!(abduction["event"]["mode"], "abduct");
    assert_eq!(abduction["event"]["fatalities"]["min"], 2);
}

#[test]
fn stored_events_filter_and_export() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let mut lines = String::new();
    let reports = [
        (
            "https://a.example/1",
            "2024-03-04",
            "Gunmen killed five villagers near Gao in Mali on Monday, officials said.",
        ),
        (
            "https://b.example/2",
            "2024-05-10",
            "Thousands of protesters marched in Nairobi, Kenya on Friday against new taxes.",
        ),
    ];
    for (url, date, text) in reports {
        let line = serde_json::json!({"url": url, "published": date, "text": text});
        lines.push_str(&format!("{line}\n"));
    }
    let input = write(&dir.path().join("in.jsonl"), lines);
    ingest_json(&data, &[&input]).expect_code(0);
    let events = |args: &[&str]| {
        let mut all = vec!["events", "--data", data.to_str().unwrap()];
        all.extend_from_slice(args);
        let r = run(all);
        r.expect_code(0);
        r.stdout
    };
    let all = events(&["--format", "jsonl"]);
    assert_eq!(all.lines().count(), 2, "{all}");
    let kenya = events(&["--country", "KE"]);
    assert_eq!(kenya.lines().count(), 1, "{kenya}");
    assert!(kenya.contains("PROTEST"));
    assert_eq!(
        events(&["--type", "assault", "--since", "2024-04"])
            .lines()
            .count(),
        0
    );
    // the events of these conflict reports carry their articles' relevance
    let records: Vec<serde_json::Value> = all
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert!(
        records
            .iter()
            .all(|r| r["event"]["relevance"].as_f64().is_some_and(|x| x >= 0.5)),
        "{all}"
    );
    assert_eq!(events(&["--min-relevance", "0.5"]).lines().count(), 2);
    let refused = run(vec![
        "events",
        "--data",
        data.to_str().unwrap(),
        "--min-relevance",
        "2",
    ]);
    assert_ne!(refused.code, 0);
    let csv = events(&["--format", "csv"]);
    assert!(csv.starts_with("id,type,mode,category,sub_type,"), "{csv}");
    assert_eq!(csv.lines().count(), 3);
    let geo: serde_json::Value = serde_json::from_str(&events(&["--format", "geojson"])).unwrap();
    assert_eq!(geo["type"], "FeatureCollection");
    let features = geo["features"].as_array().unwrap();
    assert_eq!(features.len(), 2);
    assert_eq!(features[0]["geometry"]["type"], "Point");
    // Stories pass the same filters through their events.
    let stories = |args: &[&str]| {
        let mut all = vec![
            "stories",
            "--data",
            data.to_str().unwrap(),
            "--format",
            "jsonl",
        ];
        all.extend_from_slice(args);
        let r = run(all);
        r.expect_code(0);
        r.jsonl().len()
    };
    assert_eq!(stories(&[]), 2);
    assert_eq!(stories(&["--country", "KE"]), 1);
    assert_eq!(stories(&["--type", "CRIME"]), 0);
    let md = events(&["--format", "markdown", "--type", "ASSAULT"]);
    assert!(md.contains("## ASSAULT — Gao"), "{md}");
    assert!(md.contains("dead: five villagers"), "{md}");
}
