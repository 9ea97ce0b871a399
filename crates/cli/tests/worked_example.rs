//! SPEC's worked example: the Khaama Press scrape in `../shared/data/seed/`
//! (skipped where that folder is absent), through
//! `extract --format json`: the article text without the site chrome, ads,
//! captcha and comment form; the reader comments apart.

use crate::util::*;

#[test]
fn khaama_scrape() {
    let Some(path) = seed() else { return };
    let r = run([
        "extract".as_ref(),
        "--format".as_ref(),
        "json".as_ref(),
        path.as_os_str(),
    ]);
    r.expect_code(0);
    let a = r.json();
    assert_eq!(
        a["title"],
        "Taliban, IS may invade Central Asia, warns Russian intelligence"
    );
    let text = text(&a);
    // "talib" is an image caption that the scrape glued to the first sentence.
    assert!(
        text.starts_with("talibRussia’s Federal Security Service"),
        "start: {:?}",
        text.chars().take(80).collect::<String>()
    );
    assert!(
        text.ends_with("He said in the meeting."),
        "end: {:?}",
        text.chars()
            .rev()
            .take(80)
            .collect::<String>()
            .chars()
            .rev()
            .collect::<String>()
    );
    for chrome in [
        "Khaama Press is a Kabul-based",
        "Monday, June 17, 2024",
        "Advertisement",
        "More articles",
        "Musical Chair",
        "Please enter your comment",
        "Please enter your name",
        "Captcha",
        "CAPTCHA",
        "The World News",
        "29th October 2015",
    ] {
        assert!(!text.contains(chrome), "{chrome:?} is in the text:\n{text}");
    }
    let comments = a["comments"].as_array().expect("comments");
    assert_eq!(comments.len(), 2, "{comments:#?}");
    assert!(
        comments[0]["text"]
            .as_str()
            .unwrap()
            .contains("29th October 2015"),
        "{comments:#?}"
    );
    assert_eq!(a["language"], "en");
    // The header's 17 June 2024 is the crawl date: a reader comment of
    // 29 October 2015 shows it, and the date says so.
    let published = a["published"]["value"].as_str().unwrap_or("");
    let warnings = a["warnings"].as_array().expect("warnings");
    let stale = warnings
        .iter()
        .find(|w| w["kind"] == "stale_date")
        .map(|w| w["detail"].as_str().unwrap_or("").to_owned());
    assert!(
        !published.starts_with("2024-06-17") || stale.is_some(),
        "published {published} without a stale_date warning"
    );
    let stale = stale.expect("a stale_date warning");
    assert!(stale.contains("2015-10-29"), "{stale}");
    assert_eq!(published, "2015-10");
}

/// Its time expressions, resolved against the publication date Beacon found
/// (October 2015, after the stale-date warning): "in 2014" is the Karachi
/// attack's year, "on October 16" the CIS summit's day.
#[test]
fn khaama_time_expressions() {
    let Some(v) = analyze_khaama() else { return };
    assert_eq!(v["article"]["published"]["value"], "2015-10");
    let times = v["times"].as_array().expect("times");
    let find = |text: &str| {
        times
            .iter()
            .find(|t| t["text"] == text)
            .unwrap_or_else(|| panic!("no {text:?} in {times:#?}"))
    };
    let y2014 = find("2014");
    assert_eq!(y2014["value"], "2014");
    assert_eq!(y2014["anchor"], serde_json::Value::Null);
    let oct16 = find("October 16");
    assert_eq!(oct16["value"], "2015-10-16");
    assert_eq!(oct16["type"], "date");
    assert_eq!(
        oct16["anchor"],
        serde_json::json!({"value": "2015-10", "kind": "publication_date"})
    );
    // The offsets point into the article text.
    let text: Vec<char> = v["article"]["text"].as_str().unwrap().chars().collect();
    let (a, b) = (
        oct16["start"].as_u64().unwrap() as usize,
        oct16["end"].as_u64().unwrap() as usize,
    );
    assert_eq!(text[a..b].iter().collect::<String>(), "October 16");
    assert_eq!(text[a - 3..a].iter().collect::<String>(), "on ");
}

/// The worked example's actors (issue 4): the armed groups, people and
/// organisations it names, resolved to the actor dictionary, acronyms
/// included, with offsets into the article text.
#[test]
fn khaama_actors() {
    let Some(v) = analyze_khaama() else { return };
    let text: Vec<char> = v["article"]["text"].as_str().unwrap().chars().collect();
    let mentions = v["mentions"].as_array().expect("mentions");
    for m in mentions {
        let (a, b) = (
            m["start"].as_u64().unwrap() as usize,
            m["end"].as_u64().unwrap() as usize,
        );
        assert_eq!(
            text[a..b].iter().collect::<String>(),
            m["text"].as_str().unwrap()
        );
    }
    let has = |kind: &str, id: &str| {
        mentions
            .iter()
            .any(|m| m["kind"] == kind && m["id"] == format!("actor:{id}"))
    };
    for (kind, id) in [
        ("armed_group", "taliban"),
        ("armed_group", "islamic-state"),
        ("armed_group", "imu"),
        ("armed_group", "ttp"),
        ("person", "bortnikov"),
        ("person", "putin"),
        ("organization", "fsb"),
        ("organization", "cis"),
        ("organization", "cis-atc"),
    ] {
        assert!(has(kind, id), "no {kind} {id} in {mentions:#?}");
    }
    // "IS" names the group, never the verb.
    for m in mentions.iter().filter(|m| m["text"] == "IS") {
        assert_eq!(m["id"], "actor:islamic-state");
    }
}

/// The worked example's places (issue 4): the countries and Karachi resolved
/// to GeoNames entries, and "Afghanistan's northern border" as a border zone
/// (the borders with Tajikistan, Uzbekistan and Turkmenistan), not a pin on
/// Kabul.
#[test]
fn khaama_places() {
    let Some(v) = analyze_khaama() else { return };
    let mentions = v["mentions"].as_array().expect("mentions");
    let find = |text: &str| {
        mentions
            .iter()
            .find(|m| m["text"] == text)
            .unwrap_or_else(|| panic!("no {text:?} in {mentions:#?}"))
    };
    for (name, code) in [
        ("Russia", "RU"),
        ("Afghanistan", "AF"),
        ("Tajikistan", "TJ"),
        ("Turkmenistan", "TM"),
        ("Uzbekistan", "UZ"),
        ("Pakistan", "PK"),
    ] {
        let m = find(name);
        assert_eq!(m["kind"], "country", "{m}");
        assert_eq!(m["country"], code, "{m}");
        assert!(m["geonames_id"].as_u64().is_some(), "{m}");
    }
    let karachi = find("Karachi");
    assert_eq!(
        (karachi["kind"].as_str(), karachi["country"].as_str()),
        (Some("place"), Some("PK"))
    );
    assert_eq!(karachi["geonames_id"], 1174872);
    let border = find("Afghanistan’s northern border");
    assert_eq!(border["zone"], "border:af-north");
    assert_eq!(border["precision"], "region");
}

/// The worked example's events (issue 5): the anticipated invasion of
/// Central Asia by the Taliban and Islamic State, said by the FSB; the
/// mobilisation of Taliban fighters at Afghanistan's northern border; the
/// IMU's allegiance to Islamic State; the 2014 Karachi airport attack as
/// history, in Pakistan; the CIS meeting of October 16 as CONSULT; and
/// nothing from the reader comments.
#[test]
fn khaama_events() {
    let Some(v) = analyze_khaama() else { return };
    let events = v["events"].as_array().expect("events");
    let ids = |e: &serde_json::Value, field: &str| -> Vec<String> {
        e[field]
            .as_array()
            .map(|a| {
                a.iter()
                    .filter_map(|x| x["id"].as_str().map(str::to_owned))
                    .collect()
            })
            .unwrap_or_default()
    };
    let find = |what: &str, pred: &dyn Fn(&serde_json::Value) -> bool| {
        events
            .iter()
            .find(|e| pred(e))
            .unwrap_or_else(|| panic!("no {what} in {events:#?}"))
    };
    let invasion = find("invasion of Central Asia", &|e| {
        e["type"] == "FIGHT" && ids(e, "actor").contains(&"actor:taliban".to_owned())
    });
    assert_eq!(invasion["modality"], "anticipated");
    assert!(ids(invasion, "actor").contains(&"actor:islamic-state".to_owned()));
    assert_eq!(invasion["source_of_claim"]["id"], "actor:fsb");
    // Central Asia, the region of Tajikistan, Turkmenistan and Uzbekistan
    // (and Kazakhstan and Kyrgyzstan), even written "central Asia".
    assert_eq!(
        invasion["target"][0]["id"], "region:central-asia",
        "{invasion}"
    );
    assert_eq!(invasion["location"]["zone"], "region:central-asia");
    let mobilize = find("mobilisation", &|e| e["type"] == "MOBILIZE");
    assert_eq!(ids(mobilize, "actor"), ["actor:taliban"]);
    assert_eq!(mobilize["location"]["zone"], "border:af-north");
    let allegiance = find("IMU's allegiance", &|e| {
        e["type"] == "SUPPORT" && ids(e, "actor") == ["actor:imu"]
    });
    assert_eq!(ids(allegiance, "target"), ["actor:islamic-state"]);
    let karachi = find("Karachi airport attack", &|e| e["type"] == "ASSAULT");
    assert_eq!(karachi["historical"], true);
    assert_eq!(karachi["date"]["value"], "2014");
    assert_eq!(karachi["location"]["country"], "PK");
    assert_eq!(karachi["fatalities"]["min"], 36);
    assert!(karachi["fatalities"]["max"].is_null(), "{karachi}");
    let meeting = find("CIS meeting", &|e| e["type"] == "CONSULT");
    assert_eq!(ids(meeting, "actor"), ["actor:cis"]);
    assert_eq!(meeting["date"]["value"], "2015-10-16");
    // Nothing from the reader comments ("Taliban … welcomes support from
    // Russia"): every event's evidence lies in the article text.
    let text: Vec<char> = v["article"]["text"].as_str().unwrap().chars().collect();
    for e in events {
        let (a, b) = (
            e["evidence"]["start"].as_u64().unwrap() as usize,
            e["evidence"]["end"].as_u64().unwrap() as usize,
        );
        assert_eq!(text[a..b].iter().collect::<String>(), e["evidence"]["text"]);
        assert!(
            !e["evidence"]["text"]
                .as_str()
                .unwrap()
                .contains("welcomes support")
        );
    }
}

/// `beacon analyze --format json` on the worked example.
fn analyze_khaama() -> Option<serde_json::Value> {
    let path = seed()?;
    let r = run([
        "analyze".as_ref(),
        "--format".as_ref(),
        "json".as_ref(),
        path.as_os_str(),
    ]);
    r.expect_code(0);
    Some(r.json())
}
