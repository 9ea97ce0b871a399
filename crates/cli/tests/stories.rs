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
