//! The command line and the API accept and reject the same filters, zone
//! ids and watchlists: one table of cases, each run through both.

use std::path::Path;

use serde_json::{Value, json};

use crate::util::*;

/// `(parameter, value, accepted)`: the API's name; the CLI's option is
/// `--` and the same name (`--type`, `--min-relevance`).
const FILTERS: &[(&str, &str, bool)] = &[
    ("since", "2015-10-01", true),
    ("since", "2015", true),
    ("since", "yesterday", false),
    ("until", "2015-13", false),
    ("country", "af", true),
    ("country", "AFG", false),
    ("country", "<script>", false),
    ("zone", "border:af-north", true),
    ("zone", "country:AF", true),
    ("zone", "region:central-asia", true),
    // a province's or an uploaded zone's events are a watchlist's or the
    // timeline's: refused, never an empty answer
    ("zone", "admin1:AF:Kunduz", false),
    ("zone", "custom:my-box", false),
    ("zone", "nowhere", false),
    ("zone", "planet:mars", false),
    ("type", "assault", true),
    ("type", "FOO", false),
    ("modality", "Anticipated", true),
    ("modality", "maybe", false),
    ("historical", "true", true),
    ("historical", "yes", false),
    ("min_relevance", "0.5", true),
    ("min_relevance", "2", false),
    ("actor", "actor:taliban", true),
];

/// `(watchlist, accepted)`.
fn watchlists() -> Vec<(Value, bool)> {
    vec![
        (
            json!({"name": "North", "zones": ["border:af-north"], "rules": [{"kind": "match"}]}),
            true,
        ),
        (
            json!({"name": "Kunduz", "zones": ["admin1:AF:Kunduz"], "types": ["assault"]}),
            true,
        ),
        (
            json!({"name": "Tajikistan", "countries": ["tj"], "modalities": ["occurred"]}),
            true,
        ),
        (
            json!({"name": "No zone", "zones": ["border:nowhere"]}),
            false,
        ),
        (json!({"name": "Bad id", "zones": ["nowhere"]}), false),
        (json!({"name": "Country", "countries": ["<script>"]}), false),
        (
            json!({"name": "Unknown country", "countries": ["QQ"]}),
            false,
        ),
        (json!({"name": "Type", "types": ["PARTY"]}), false),
        (
            json!({"name": "Modality", "modalities": ["rumoured"]}),
            false,
        ),
        (json!({"name": ""}), false),
        (json!({"name": "x".repeat(501)}), false),
        (
            json!({"name": "Zero", "rules": [{"kind": "threshold", "count": 0, "window_days": 7}]}),
            false,
        ),
        (
            json!({"name": "P", "rules": [{"kind": "spike", "window_days": 7, "baseline_days": 90,
                                        "min_count": 3, "p_value": 1e308}]}),
            false,
        ),
        (json!({"name": "Far", "border_km": -1e308}), false),
        (json!({"name": "Mail", "notify": {"email": ["a@b"]}}), false),
        (
            json!({"name": "Mail CRLF", "notify": {"email": ["a@b.org\r\nBcc: c@d.org"]}}),
            false,
        ),
        (
            json!({"name": "Mail ok", "notify": {"email": ["ops@example.org"]}}),
            true,
        ),
    ]
}

fn cli_option(param: &str) -> String {
    format!("--{}", param.replace('_', "-"))
}

/// `q` as a URL query value.
fn encoded(q: &str) -> String {
    q.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

fn cli_accepts_watchlist(data: &Path, dir: &Path, k: usize, w: &Value) -> bool {
    let file = write(&dir.join(format!("w{k}.json")), w.to_string());
    let r = run([
        "watch".as_ref(),
        "add".as_ref(),
        "--data".as_ref(),
        data.as_os_str(),
        "--from-json".as_ref(),
        file.as_os_str(),
    ]);
    r.code == 0
}

#[test]
fn the_cli_and_the_api_accept_and_reject_the_same() {
    let t = tempfile::tempdir().unwrap();
    let data = t.path().join("data");
    let cli_data = t.path().join("cli-data");
    for d in [&data, &cli_data] {
        drop(beacon_store::Store::open(d).unwrap());
    }
    let server = Server::start(&data, &[]);
    for &(param, value, accepted) in FILTERS {
        let r = run([
            "events".as_ref(),
            "--data".as_ref(),
            data.as_os_str(),
            cli_option(param).as_ref(),
            value.as_ref(),
        ]);
        let (status, body) = server.get(&format!("/api/events?{param}={}", encoded(value)));
        assert_eq!(r.code == 0, accepted, "CLI {param}={value}: {}", r.stderr);
        assert_eq!(status == 200, accepted, "API {param}={value}: {body}");
        if !accepted {
            assert_eq!(body["error"]["param"], param, "{body}");
        }
    }
    for (k, (w, accepted)) in watchlists().into_iter().enumerate() {
        let cli = cli_accepts_watchlist(&cli_data, t.path(), k, &w);
        let (status, body) = server.request("POST", "/api/watchlists", Some(&w));
        assert_eq!(cli, accepted, "CLI {w}");
        assert_eq!(status == 201, accepted, "API {w}: {body}");
    }
}
