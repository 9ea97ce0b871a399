//! The region's languages (issue 21): Russian and Dari reports through
//! the whole chain, as `beacon demo` files them.

use serde_json::Value;

use crate::util::run;

/// A Russian and a Dari article about one clash at the border raise the
/// worked example's watchlist alert: each language told by its letters,
/// the place found in either script, the attack coded with its toll, both
/// reports one happening.
#[test]
fn the_demo_raises_its_alert_on_a_russian_and_a_dari_report() {
    let dir = tempfile::tempdir().expect("a directory");
    let data = dir.path().join("demo");
    let d = data.to_str().expect("a UTF-8 path");
    let r = run(["demo", "--no-serve", "--data", d, "--seed", "/nonexistent"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let alerts: Vec<Value> = run([
        "alerts", "--data", d, "--status", "all", "--format", "jsonl",
    ])
    .stdout
    .lines()
    .map(|l| serde_json::from_str(l).expect("an alert"))
    .collect();
    let both = alerts
        .iter()
        .flat_map(|a| {
            a["explanation"]["events"]
                .as_array()
                .cloned()
                .unwrap_or_default()
        })
        .find(|e| {
            let sources = e["sources"].to_string();
            sources.contains("ru.demo.beacon.invalid") && sources.contains("fa.demo.beacon.invalid")
        })
        .expect("an alert on the event both reports tell");
    assert_eq!(both["type"], "ASSAULT");
    assert_eq!(both["place"], "Khorugh");
    let events = run(["events", "--data", d, "--country", "TJ"]).stdout;
    let khorog: Value = events
        .lines()
        .map(|l| serde_json::from_str::<Value>(l).expect("an event"))
        .find(|e| e["event"]["id"] == both["id"])
        .expect("the event");
    assert_eq!(khorog["event"]["fatalities"]["min"], 2);
    assert_eq!(khorog["event"]["injured"]["min"], 3);
    assert_eq!(khorog["event"]["actor"][0]["id"], "actor:taliban");
    assert_eq!(khorog["reports"].as_array().map(Vec::len), Some(2));
}
