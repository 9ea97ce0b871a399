//! `ingest` into the store: a second run stores nothing twice, and runs killed
//! with SIGKILL at arbitrary moments, then completed, leave every article
//! exactly once.

use std::collections::HashSet;
use std::path::Path;
use std::process::Stdio;
use std::time::Duration;

use serde_json::json;

use crate::util::*;

fn write_articles(dir: &Path, n: usize) {
    for i in 0..n {
        write(&dir.join(format!("page-{i:04}.html")), good_html(1000 + i));
    }
}

#[test]
fn ingesting_twice_stores_nothing_twice() {
    let t = tempfile::tempdir().unwrap();
    let src = t.path().join("pages");
    write_articles(&src, 20);
    // The same content under another name is a duplicate, even in the first run.
    std::fs::copy(src.join("page-0003.html"), src.join("zz-copy.html")).unwrap();
    let data = t.path().join("data");

    let first = ingest_json(&data, &[&src]);
    first.expect_code(0);
    let s = first.json();
    assert_eq!(
        (
            s["read"].clone(),
            s["stored"].clone(),
            s["duplicate"].clone()
        ),
        (json!(21), json!(20), json!(1)),
        "{s}"
    );
    let before = list_articles(&data);
    assert_eq!(before.len(), 20);

    let second = ingest_json(&data, &[&src]);
    second.expect_code(0);
    let s = second.json();
    assert_eq!(s["read"], 21, "{s}");
    assert_eq!(s["stored"], 0, "{s}");
    assert_eq!(s["duplicate"], 21, "{s}");
    assert_eq!(s["rejected"], 0, "{s}");
    let after = list_articles(&data);
    let ids = |v: &[serde_json::Value]| -> HashSet<String> {
        v.iter()
            .map(|a| a["id"].as_str().unwrap().to_owned())
            .collect()
    };
    assert_eq!(ids(&after), ids(&before));
    assert_eq!(after.len(), 20);
}

#[test]
fn killed_runs_then_a_complete_one_store_each_article_once() {
    const N: usize = 500;
    let t = tempfile::tempdir().unwrap();
    let src = t.path().join("pages");
    write_articles(&src, N);
    let data = t.path().join("data");

    let mut killed_mid_run = 0;
    for delay_ms in [5u64, 20, 50, 100, 200, 350, 600, 900, 1300] {
        let mut child = beacon()
            .args([
                "ingest".as_ref(),
                src.as_os_str(),
                "--data".as_ref(),
                data.as_os_str(),
                "--quiet".as_ref(),
            ])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("beacon starts");
        std::thread::sleep(Duration::from_millis(delay_ms));
        // Child::kill sends SIGKILL on Unix: no destructor, no rollback.
        if child.try_wait().unwrap().is_none() {
            child.kill().unwrap();
            killed_mid_run += 1;
        }
        let status = child.wait().unwrap();
        assert_ne!(status.code(), Some(101), "beacon panicked");
    }
    assert!(
        killed_mid_run > 0,
        "no run was killed mid-way: make N larger"
    );

    let r = ingest_json(&data, &[&src]);
    r.expect_code(0);
    let s = r.json();
    assert_eq!(s["rejected"], 0, "{s}");
    assert_eq!(s["read"], N, "{s}");
    assert_eq!(
        s["stored"].as_u64().unwrap() + s["duplicate"].as_u64().unwrap(),
        N as u64,
        "{s}"
    );
    let listed = list_articles(&data);
    assert_eq!(listed.len(), N);
    let ids: HashSet<&str> = listed.iter().map(|a| a["id"].as_str().unwrap()).collect();
    assert_eq!(ids.len(), N);
    let origins: HashSet<&str> = listed
        .iter()
        .map(|a| a["origin"].as_str().unwrap())
        .collect();
    assert_eq!(origins.len(), N);

    // Every article is in exactly one story, and the stories are those of
    // one uninterrupted run.
    let stories = |data: &Path| -> Vec<Vec<String>> {
        let r = run([
            "stories".as_ref(),
            "--data".as_ref(),
            data.as_os_str(),
            "--format".as_ref(),
            "jsonl".as_ref(),
            "--limit".as_ref(),
            "100000".as_ref(),
        ]);
        r.expect_code(0);
        let mut out: Vec<Vec<String>> = r
            .jsonl()
            .iter()
            .map(|s| {
                let mut ids: Vec<String> = s["article_ids"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|v| v.as_str().unwrap().to_owned())
                    .collect();
                ids.sort();
                ids
            })
            .collect();
        out.sort();
        out
    };
    let after_kills = stories(&data);
    let in_stories: Vec<&String> = after_kills.iter().flatten().collect();
    assert_eq!(in_stories.len(), N, "an article in no story or in two");
    let unique: HashSet<&str> = in_stories.iter().map(|s| s.as_str()).collect();
    assert_eq!(unique, ids);
    let clean = t.path().join("clean");
    ingest_json(&clean, &[&src]).expect_code(0);
    assert_eq!(after_kills, stories(&clean));
}
