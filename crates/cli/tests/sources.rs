//! Every report names where it came from: the site the page or scrape
//! names, else its URL's host, else the file it was read from; in every
//! output of `beacon events` and in what the dashboard reads.

use std::collections::BTreeSet;
use std::path::Path;

use serde_json::Value;

use crate::util::*;

/// Reports of three kinds of provenance: a scrape whose publisher box names
/// the site, a JSONL line with a URL only, and a bare scrape.
fn write_inputs(dir: &Path) {
    write(
        &dir.join("pamir.txt"),
        "Border clash in Badakhshan\n\nPamir Daily\nPamir Daily is an independent news organization \
         based in Khorog.\n\nTaliban fighters attacked a border post in Badakhshan province on Monday, \
         killing two guards, the provincial governor said.\n",
    );
    write(
        &dir.join("wire.jsonl"),
        serde_json::json!({
            "url": "https://www.wire.example/2024/05/kunduz",
            "title": "Checkpoint attacked in Kunduz",
            "published": "2024-05-06",
            "text": "Gunmen attacked a police checkpoint in Kunduz province on Sunday, killing three \
                     officers, officials said.",
        })
        .to_string()
            + "\n",
    );
    write(
        &dir.join("bare.txt"),
        "Protesters gathered outside the parliament in Bishkek on Friday to demand the release of \
         a jailed journalist, and police arrested twelve of them.\n",
    );
}

fn events(data: &Path, format: &str) -> String {
    let r = run([
        "events".as_ref(),
        "--data".as_ref(),
        data.as_os_str(),
        "--format".as_ref(),
        format.as_ref(),
    ]);
    r.expect_code(0);
    r.stdout
}

fn names(list: &Value) -> Vec<String> {
    list.as_array()
        .expect("a list of sources")
        .iter()
        .map(|s| s.as_str().expect("a name").to_owned())
        .collect()
}

#[test]
fn every_event_in_every_output_names_a_source() {
    let t = tempfile::tempdir().unwrap();
    let src = t.path().join("in");
    write_inputs(&src);
    let data = t.path().join("data");
    let mut inputs = vec![src.as_path()];
    let seed = seed();
    if let Some(s) = &seed {
        inputs.push(s.as_path());
    }
    ingest_json(&data, &inputs).expect_code(0);

    let jsonl: Vec<Value> = events(&data, "jsonl")
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert!(jsonl.len() >= 3, "{jsonl:#?}");
    let mut seen = BTreeSet::new();
    for e in &jsonl {
        let sources = names(&e["sources"]);
        assert!(!sources.is_empty(), "no source: {e}");
        for r in e["reports"].as_array().unwrap() {
            assert!(r["source"].as_str().is_some_and(|s| !s.is_empty()), "{e}");
        }
        seen.extend(sources);
    }
    let mut expected: BTreeSet<String> = ["Pamir Daily", "wire.example", "bare.txt"]
        .map(str::to_owned)
        .into();
    if seed.is_some() {
        // the worked example: a scrape with no URL that names its site
        expected.insert("Khaama Press".to_owned());
    }
    assert_eq!(seen, expected);

    let csv = events(&data, "csv");
    let mut rows = csv.lines();
    assert!(rows.next().unwrap().contains(",sources,"));
    let mut csv_rows = 0;
    for row in rows {
        csv_rows += 1;
        assert!(
            expected.iter().any(|s| row.contains(&format!(",{s},"))),
            "no source in {row}"
        );
    }
    assert_eq!(csv_rows, jsonl.len());

    let geojson: Value = serde_json::from_str(&events(&data, "geojson")).unwrap();
    for f in geojson["features"].as_array().unwrap() {
        assert!(!names(&f["properties"]["sources"]).is_empty(), "{f}");
    }

    let markdown = events(&data, "markdown");
    let headed = markdown.lines().filter(|l| l.starts_with("## ")).count();
    let sourced: Vec<&str> = markdown
        .lines()
        .filter(|l| l.starts_with("- sources ("))
        .collect();
    assert_eq!(sourced.len(), headed, "{markdown}");
    assert!(
        sourced.iter().all(|l| !l.starts_with("- sources (0)")),
        "{markdown}"
    );

    // what the dashboard's event list and Sources column read
    let server = Server::start(&data, &[]);
    let (status, page) = server.get("/api/events?limit=1000");
    assert_eq!(status, 200);
    let items = page["items"].as_array().unwrap();
    assert_eq!(items.len(), jsonl.len());
    for item in items {
        assert!(!names(&item["sources"]).is_empty(), "{item}");
    }
}
