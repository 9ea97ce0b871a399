//! `beacon search`: full-text search over an ingested store, with the
//! filters of `beacon events`; the index catches up with the store and
//! holds each article once however often the ingest is rerun.

use crate::util::*;

fn corpus(dir: &std::path::Path) -> std::path::PathBuf {
    let items = [
        (
            "https://a.example/kunduz",
            "Checkpoint attacked in Kunduz",
            "2024-05-06",
            "Taliban fighters attacked a police checkpoint in Kunduz on Monday, killing five \
             officers, the provincial governor said.",
        ),
        (
            "https://b.example/nairobi",
            "Teachers march in Nairobi",
            "2023-11-20",
            "Thousands of teachers marched through Nairobi on Tuesday to protest against unpaid \
             salaries, the union said.",
        ),
        (
            "https://c.example/mazar",
            "Road to Mazār-e Sharīf cut",
            "2024-02-01",
            "Flooding cut the road between Mazār-e Sharīf and Kabul, the ministry said. \
             <script>alert(1)</script>",
        ),
    ];
    let mut lines = String::new();
    for (url, title, published, text) in items {
        let line =
            serde_json::json!({"url": url, "title": title, "published": published, "text": text});
        lines.push_str(&format!("{line}\n"));
    }
    write(&dir.join("news.jsonl"), lines)
}

fn search(data: &std::path::Path, args: &[&str]) -> Vec<serde_json::Value> {
    let mut all = vec!["search", "--data", data.to_str().unwrap()];
    all.extend_from_slice(args);
    let r = run(all);
    r.expect_code(0);
    r.jsonl()
}

fn urls(hits: &[serde_json::Value]) -> Vec<&str> {
    let mut v: Vec<&str> = hits.iter().filter_map(|h| h["url"].as_str()).collect();
    v.sort_unstable();
    v
}

#[test]
fn search_finds_filters_and_never_doubles() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let input = corpus(dir.path());
    ingest_json(&data, &[&input]).expect_code(0);

    let hits = search(&data, &["police", "checkpoint", "--scope", "articles"]);
    assert_eq!(urls(&hits), ["https://a.example/kunduz"]);
    let h = &hits[0];
    assert_eq!(h["kind"], "article");
    assert_eq!(h["date"], "2024-05-06");
    assert!(h["story_id"].is_string(), "{h}");
    assert!(!h["highlights"].as_array().unwrap().is_empty(), "{h}");

    // accents folded; phrase
    let hits = search(&data, &["\"mazar e sharif\""]);
    assert_eq!(urls(&hits), ["https://c.example/mazar"]);

    // the event itself, by type and actor
    let hits = search(
        &data,
        &[
            "--scope", "events", "--type", "ASSAULT", "--actor", "Taliban",
        ],
    );
    assert_eq!(hits.len(), 1, "{hits:?}");
    assert_eq!(hits[0]["event_type"], "ASSAULT");

    // filters without words: country, time
    let hits = search(&data, &["--scope", "articles", "--country", "KE"]);
    assert_eq!(urls(&hits), ["https://b.example/nairobi"]);
    let hits = search(
        &data,
        &[
            "--scope", "articles", "--since", "2024-01", "--until", "2024-03",
        ],
    );
    assert_eq!(urls(&hits), ["https://c.example/mazar"]);

    // text outside the query syntax is searched as words, not an error
    let r = run([
        "search",
        "--data",
        data.to_str().unwrap(),
        "--format",
        "text",
        "alert(1)",
    ]);
    r.expect_code(0);
    assert!(r.stdout.contains("c.example/mazar"), "{}", r.stdout);

    // rerun the ingest: nothing is added twice
    ingest_json(&data, &[&input]).expect_code(0);
    let hits = search(&data, &["--limit", "100"]);
    let mut ids: Vec<&str> = hits.iter().map(|h| h["id"].as_str().unwrap()).collect();
    let n = ids.len();
    ids.sort_unstable();
    ids.dedup();
    assert_eq!(ids.len(), n, "a document twice: {ids:?}");

    // the index is derived: deleted, it is rebuilt from the store
    std::fs::remove_dir_all(data.join("search")).unwrap();
    let again = search(&data, &["--limit", "100"]);
    assert_eq!(again.len(), n);

    // a bad date is a clear error
    let r = run([
        "search",
        "--data",
        data.to_str().unwrap(),
        "--since",
        "yesterday",
        "x",
    ]);
    assert_ne!(r.code, 0);
    assert!(r.stderr.contains("not a date"), "{}", r.stderr);
}
