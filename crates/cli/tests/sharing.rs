//! Sharing (issue 20): organisations, users, tokens and TLP 2.0 markings
//! through `ingest`, the API and `export stix`: each user sees what its
//! organisation may, and nothing else.

use std::collections::BTreeSet;
use std::path::Path;

use serde_json::Value;

use crate::util::{Server, http_as, run, write};

/// Four stories, each ingested under its own marking.
const STORIES: [(&str, &str, &[&str]); 4] = [
    (
        "Taliban attack police checkpoint in Kunduz\n\nKUNDUZ, Afghanistan - Taliban fighters attacked a police checkpoint in Kunduz province on Monday, killing three police officers, officials said.\n",
        "clear",
        &[],
    ),
    (
        "Aid workers shot dead in Herat\n\nHERAT - Gunmen shot dead two aid workers in Herat city on Tuesday, the provincial governor said.\n",
        "amber",
        &["--group", "border"],
    ),
    (
        "Roadside bomb wounds civilians in Balkh\n\nMAZAR-I-SHARIF - A roadside bomb exploded in Balkh province on Wednesday, wounding five civilians, police said.\n",
        "amber+strict",
        &[],
    ),
    (
        "Border guards clash with smugglers near Khorog\n\nKHOROG, Tajikistan - Tajik border guards clashed with drug smugglers near Khorog on Thursday, killing one smuggler, the border service said.\n",
        "red",
        &["--recipient", "amina"],
    ),
];

fn ok(args: &[&str]) -> String {
    let r = run(args);
    assert_eq!(r.code, 0, "{args:?}: {}", r.stderr);
    r.stdout
}

/// A store with the four stories, organisations home (this Beacon's),
/// ngo and press, the group border (home, ngo), and a token for each of
/// amina (home, analyst), li (ngo) and max (press).
fn sharing_store(dir: &Path) -> Vec<(String, String)> {
    let data = dir.join("data");
    let d = data.to_str().expect("a UTF-8 path");
    for (k, (text, tlp, extra)) in STORIES.iter().enumerate() {
        let f = write(&dir.join(format!("story{k}.txt")), text);
        let mut args = vec!["ingest", "--quiet", "--data", d, "--tlp", tlp];
        args.extend_from_slice(extra);
        args.push(f.to_str().expect("a UTF-8 path"));
        ok(&args);
    }
    for (id, name) in [
        ("home", "Early warning centre"),
        ("ngo", "NGO"),
        ("press", "Press"),
    ] {
        ok(&["orgs", "add", id, "--name", name, "--data", d]);
    }
    ok(&[
        "groups", "add", "border", "--name", "Border", "--org", "home", "--org", "ngo", "--data", d,
    ]);
    let mut tokens = Vec::new();
    for (user, org, role) in [
        ("amina", "home", "analyst"),
        ("li", "ngo", "reader"),
        ("max", "press", "reader"),
    ] {
        ok(&[
            "users", "add", user, "--org", org, "--role", role, "--data", d,
        ]);
        let t = ok(&["tokens", "create", user, "--data", d]);
        tokens.push((user.to_owned(), t.trim().to_owned()));
    }
    tokens
}

fn titles(v: &Value, key: &str, title: &dyn Fn(&Value) -> Option<String>) -> BTreeSet<String> {
    v[key]
        .as_array()
        .unwrap_or_else(|| panic!("no {key} in {v}"))
        .iter()
        .filter_map(title)
        .collect()
}

/// The places of the first words of the titles each viewer must see.
fn expected(user: Option<&str>) -> BTreeSet<String> {
    let words: &[&str] = match user {
        None | Some("amina") => &["Taliban", "Aid", "Roadside", "Border"],
        Some("li") => &["Taliban", "Aid"],
        _ => &["Taliban"],
    };
    words.iter().map(|w| (*w).to_owned()).collect()
}

fn first_word(s: Option<&str>) -> Option<String> {
    s.and_then(|t| t.split_whitespace().next())
        .map(str::to_owned)
}

#[test]
fn each_user_sees_what_its_organisation_may_through_every_edge() {
    let dir = tempfile::tempdir().expect("a temp dir");
    let tokens = sharing_store(dir.path());
    let data = dir.path().join("data");
    let server = Server::start(&data, &[]);
    let viewers: Vec<(Option<&str>, Option<&str>)> = std::iter::once((None, None))
        .chain(
            tokens
                .iter()
                .map(|(u, t)| (Some(u.as_str()), Some(t.as_str()))),
        )
        .collect();
    // every event's report, by the operator's export: (report id, event id)
    let operator: Value = serde_json::from_str(&ok(&[
        "export",
        "stix",
        "--data",
        data.to_str().expect("a UTF-8 path"),
    ]))
    .expect("a bundle");
    let reports: Vec<(String, String)> = operator["objects"]
        .as_array()
        .expect("objects")
        .iter()
        .filter(|o| o["type"] == "report")
        .map(|o| {
            let x = o["extensions"].as_object().and_then(|x| x.values().next());
            let event = x.and_then(|x| x["event_id"].as_str()).expect("an event id");
            (
                o["id"].as_str().expect("an id").to_owned(),
                event.to_owned(),
            )
        })
        .collect();
    assert!(reports.len() >= 4);
    for (user, token) in viewers {
        let want = expected(user);
        let get = |path: &str| {
            let (code, v) = http_as(server.port, "GET", path, None, token);
            assert_eq!(code, 200, "{user:?} {path}: {v}");
            v
        };
        let stories = titles(&get("/api/stories?limit=100"), "items", &|s| {
            first_word(s["title"].as_str())
        });
        assert_eq!(stories, want, "{user:?}: stories");
        let story_of_event = |e: &Value| e["event"]["id"].as_str().map(str::to_owned);
        let events = get("/api/events?limit=1000");
        let event_ids = titles(&events, "items", &story_of_event);
        assert_eq!(events["total"].as_u64(), Some(event_ids.len() as u64));
        let hits = titles(&get("/api/search?limit=100"), "hits", &|h| {
            first_word(h["title"].as_str())
        });
        assert_eq!(hits, want, "{user:?}: search");
        // the bundle holds the reports of those events and no other
        let bundle = get("/api/stix?limit=100");
        let reported: BTreeSet<String> = bundle["objects"]
            .as_array()
            .expect("objects")
            .iter()
            .filter(|o| o["type"] == "report")
            .filter_map(|o| {
                o["extensions"]
                    .as_object()
                    .and_then(|x| x.values().next())
                    .and_then(|x| x["event_id"].as_str())
                    .map(str::to_owned)
            })
            .collect();
        assert_eq!(reported, event_ids, "{user:?}: STIX reports");
        // TAXII: the collection of everything one may see, paged by 5
        let (code, cols) = http_as(
            server.port,
            "GET",
            "/taxii2/beacon/collections/",
            None,
            token,
        );
        assert_eq!(code, 200, "{cols}");
        let all = cols["collections"][0]["id"]
            .as_str()
            .expect("a collection")
            .to_owned();
        let mut next = String::new();
        let mut over_taxii = BTreeSet::new();
        for _ in 0..1000 {
            let path = format!("/taxii2/beacon/collections/{all}/objects/?limit=5{next}");
            let page = get(&path);
            for o in page["objects"].as_array().into_iter().flatten() {
                if o["type"] == "report" {
                    let x = o["extensions"].as_object().and_then(|x| x.values().next());
                    over_taxii.extend(x.and_then(|x| x["event_id"].as_str()).map(str::to_owned));
                }
            }
            match page["next"].as_str() {
                Some(n) if page["more"] == true => next = format!("&next={n}"),
                _ => break,
            }
        }
        assert_eq!(over_taxii, event_ids, "{user:?}: TAXII reports");
        // one report at a time, and its versions: there when one may see it
        for (report, event) in &reports {
            let base = format!("/taxii2/beacon/collections/{all}/objects/{report}/");
            let (code, v) = http_as(server.port, "GET", &base, None, token);
            let seen = event_ids.contains(event);
            assert_eq!(code, if seen { 200 } else { 404 }, "{user:?} {report}: {v}");
            if seen {
                assert_eq!(v["objects"][0]["id"], report.as_str());
                let (_, vs) = http_as(server.port, "GET", &format!("{base}versions/"), None, token);
                assert_eq!(vs["versions"].as_array().map(Vec::len), Some(1), "{vs}");
            }
        }
        // an article one may not see is as absent as one never stored
        for (k, a) in crate::util::list_articles(&data).iter().enumerate() {
            let id = a["id"].as_str().expect("an id");
            let (code, _) = http_as(
                server.port,
                "GET",
                &format!("/api/articles/{id}"),
                None,
                token,
            );
            let title = a["title"].as_str().unwrap_or_default();
            let seen = want.contains(title.split_whitespace().next().unwrap_or_default());
            assert_eq!(
                code,
                if seen { 200 } else { 404 },
                "{user:?}: article {k} {title}"
            );
        }
    }
}

#[test]
fn tokens_are_checked_scoped_and_revocable_and_the_export_follows_the_user() {
    let dir = tempfile::tempdir().expect("a temp dir");
    let tokens = sharing_store(dir.path());
    let data = dir.path().join("data");
    let d = data.to_str().expect("a UTF-8 path");
    let server = Server::start(&data, &[]);
    let li = tokens
        .iter()
        .find(|(u, _)| u == "li")
        .map(|(_, t)| t.as_str());
    // a reader may not write, nor read the operator's routes
    let wl = serde_json::json!({"id": "wl-x", "name": "x", "rules": []});
    assert_eq!(
        http_as(server.port, "POST", "/api/watchlists", Some(&wl), li).0,
        403
    );
    assert_eq!(http_as(server.port, "GET", "/api/zones", None, li).0, 403);
    assert_eq!(http_as(server.port, "GET", "/api/sources", None, li).0, 403);
    let ack = serde_json::json!({"by": "li"});
    let path = "/api/alerts/x/acknowledge";
    assert_eq!(http_as(server.port, "POST", path, Some(&ack), li).0, 403);
    // a token that is none of the store's is refused, even on loopback
    assert_eq!(
        http_as(server.port, "GET", "/api/events", None, Some("bcn_nothing")).0,
        401
    );
    // the export for li holds li's stories only, and the CLI's bundle is
    // the API's
    let bundle: Value =
        serde_json::from_str(&ok(&["export", "stix", "--for", "li", "--data", d])).expect("JSON");
    let (_, api) = http_as(server.port, "GET", "/api/stix?limit=100", None, li);
    assert_eq!(bundle, api);
    let groupings: BTreeSet<String> = bundle["objects"]
        .as_array()
        .expect("objects")
        .iter()
        .filter(|o| o["type"] == "grouping")
        .filter_map(|o| first_word(o["name"].as_str()))
        .collect();
    assert_eq!(groupings, expected(Some("li")));
    let markings: BTreeSet<&str> = bundle["objects"]
        .as_array()
        .expect("objects")
        .iter()
        .filter(|o| o["type"] == "marking-definition")
        .filter_map(|o| o["name"].as_str())
        .collect();
    assert_eq!(markings, BTreeSet::from(["TLP:AMBER", "TLP:CLEAR"]));
    // the same store exported twice gives the same bundle
    assert_eq!(
        ok(&["export", "stix", "--data", d]),
        ok(&["export", "stix", "--data", d])
    );
    // revoked: refused from then on, and the audit log says who did what
    let listed: Vec<Value> = ok(&["tokens", "list", "--data", d])
        .lines()
        .map(|l| serde_json::from_str(l).expect("JSON"))
        .collect();
    let li_id = listed
        .iter()
        .find(|t| t["user"] == "li")
        .and_then(|t| t["id"].as_str())
        .expect("li's token");
    assert!(
        !listed
            .iter()
            .any(|t| t.to_string().contains(li.unwrap_or("x")))
    );
    ok(&["tokens", "revoke", li_id, "--data", d]);
    assert_eq!(http_as(server.port, "GET", "/api/events", None, li).0, 401);
}

#[test]
fn the_demo_shows_two_organisations_sharing_at_different_markings() {
    let dir = tempfile::tempdir().expect("a temp dir");
    let data = dir.path().join("demo");
    let out = ok(&[
        "demo",
        "--no-serve",
        "--data",
        data.to_str().expect("a UTF-8 path"),
        "--seed",
        dir.path().join("no-seed").to_str().expect("a UTF-8 path"),
    ]);
    let token = |user: &str| -> String {
        out.lines()
            .find(|l| l.contains(&format!("token of {user} ")))
            .and_then(|l| l.split_whitespace().find(|w| w.starts_with("bcn_")))
            .unwrap_or_else(|| panic!("no token of {user} in {out}"))
            .to_owned()
    };
    let server = Server::start(&data, &[]);
    // the articles each may find (a story takes the most restrictive
    // marking of its articles, so an article is the unit here)
    let titles = |t: Option<&str>| -> BTreeSet<String> {
        let path = "/api/search?scope=articles&limit=100";
        let (code, v) = http_as(server.port, "GET", path, None, t);
        assert_eq!(code, 200, "{v}");
        titles(&v, "hits", &|h| h["title"].as_str().map(str::to_owned))
    };
    let (partner, analyst, operator) = (
        titles(Some(&token("partner"))),
        titles(Some(&token("analyst"))),
        titles(None),
    );
    let amber = "Aid convoy held at a checkpoint on the road to Shir Khan Bandar";
    let strict = "Field staff told to stay in Mazar-i-Sharif after a robbery on the Hairatan road";
    assert!(
        partner.contains(amber) && !partner.contains(strict),
        "{partner:?}"
    );
    assert!(
        analyst.contains(amber) && analyst.contains(strict),
        "{analyst:?}"
    );
    assert_eq!(analyst, operator);
    assert!(
        partner.len() >= 3,
        "the CLEAR demo stories too: {partner:?}"
    );
}

/// Two Beacons on 127.0.0.1: B reads A's TAXII collection with a token A
/// gave B's organisation, and keeps what A lets it see (CLEAR, and the
/// AMBER of a group B is in) with A's name; AMBER+STRICT and RED never
/// cross, and a second read brings nothing again.
#[test]
fn two_federated_beacons_share_only_what_the_partner_may_see() {
    let dir = tempfile::tempdir().expect("a temp dir");
    let tokens = sharing_store(dir.path());
    let a = Server::start(&dir.path().join("data"), &[]);
    let li = tokens
        .iter()
        .find(|(u, _)| u == "li")
        .map(|(_, t)| t.clone())
        .expect("li");
    let (_, cols) = http_as(
        a.port,
        "GET",
        "/taxii2/beacon/collections/",
        None,
        Some(&li),
    );
    let all = cols["collections"][0]["id"]
        .as_str()
        .expect("a collection")
        .to_owned();
    // what A lets li's organisation see, by event
    let (_, events) = http_as(a.port, "GET", "/api/events?limit=1000", None, Some(&li));
    let shared = titles(&events, "items", &|e| {
        e["event"]["id"].as_str().map(str::to_owned)
    });

    let b = dir.path().join("b");
    let bd = b.to_str().expect("a UTF-8 path");
    ok(&["orgs", "add", "ngo", "--name", "NGO", "--data", bd]);
    ok(&[
        "orgs",
        "add",
        "ewc-a",
        "--name",
        "Early warning centre A",
        "--data",
        bd,
    ]);
    ok(&["users", "add", "bo", "--org", "ngo", "--data", bd]);
    let bo = ok(&["tokens", "create", "bo", "--data", bd])
        .trim()
        .to_owned();
    let url = format!(
        "http://127.0.0.1:{}/taxii2/beacon/collections/{all}/",
        a.port
    );
    let with_token = |args: &[&str]| {
        let out = crate::util::beacon()
            .args(args)
            .env("A_TOKEN", &li)
            .output()
            .expect("beacon runs");
        let text = String::from_utf8_lossy(&out.stdout).into_owned();
        assert!(
            out.status.success(),
            "{args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        text
    };
    let subscribe = |extra: &[&str]| {
        let mut args = vec!["partners", "add", "a", "--org", "ewc-a", "--url", &url];
        args.extend(["--token-env", "A_TOKEN", "--data", bd]);
        args.extend_from_slice(extra);
        with_token(&args)
    };
    // a private address is refused unless the subscription allows it
    subscribe(&[]);
    let refused = run(["partners", "pull", "--data", bd]);
    assert_ne!(refused.code, 0);
    assert!(refused.stderr.contains("refused"), "{}", refused.stderr);
    subscribe(&["--allow-private", "--recipient", "bo"]);
    let first = ok(&["partners", "pull", "--data", bd]);
    assert!(first.contains("new or changed"), "{first}");
    let again = ok(&["partners", "pull", "--data", bd]);
    assert!(again.contains(" 0 new or changed"), "{again}");
    // the token never shows
    assert!(!ok(&["partners", "list", "--data", bd]).contains(&li));

    let server_b = Server::start(&b, &[]);
    let (code, imported) = http_as(
        server_b.port,
        "GET",
        "/api/imported?limit=1000",
        None,
        Some(&bo),
    );
    assert_eq!(code, 200, "{imported}");
    let items = imported["items"].as_array().expect("items");
    assert!(
        items
            .iter()
            .all(|i| i["partner"] == "ewc-a" && i["partner_name"] == "Early warning centre A")
    );
    let tlps: BTreeSet<&str> = items.iter().filter_map(|i| i["tlp"].as_str()).collect();
    assert!(
        tlps.iter().all(|t| ["clear", "amber"].contains(t)),
        "{tlps:?}"
    );
    let reported: BTreeSet<String> = items
        .iter()
        .filter(|i| i["object"]["type"] == "report")
        .filter_map(|i| {
            i["object"]["extensions"]
                .as_object()
                .and_then(|x| x.values().next())
                .and_then(|x| x["event_id"].as_str())
                .map(str::to_owned)
        })
        .collect();
    assert_eq!(reported, shared);
    assert!(!items.iter().any(|i| {
        let x = i["object"]["extensions"]
            .as_object()
            .and_then(|x| x.values().next());
        x.is_some_and(|x| x["tlp"] == "red" || x["tlp"] == "amber+strict")
    }));
    // all of it is for B's own organisation: bo sees what B's operator sees
    let (_, operator) = http_as(server_b.port, "GET", "/api/imported?limit=1000", None, None);
    assert_eq!(operator["total"], imported["total"]);
}

#[test]
fn a_misp_feed_holds_what_its_reader_may_see_each_event_tagged_with_its_tlp() {
    let dir = tempfile::tempdir().expect("a temp dir");
    sharing_store(dir.path());
    let d = dir.path().join("data");
    let d = d.to_str().expect("a UTF-8 path");
    let tags_of = |who: Option<&str>| -> (usize, BTreeSet<String>) {
        let out = dir
            .path()
            .join(format!("misp-{}", who.unwrap_or("operator")));
        let out_s = out.to_str().expect("a UTF-8 path");
        let mut args = vec!["export", "misp", "--data", d, "--out", out_s];
        if let Some(w) = who {
            args.extend(["--for", w]);
        }
        ok(&args);
        let manifest: Value =
            serde_json::from_slice(&std::fs::read(out.join("manifest.json")).expect("a manifest"))
                .expect("JSON");
        let mut tags = BTreeSet::new();
        for uuid in manifest.as_object().expect("an object").keys() {
            let e: Value = serde_json::from_slice(
                &std::fs::read(out.join(format!("{uuid}.json"))).expect("an event"),
            )
            .expect("JSON");
            assert_eq!(e["Event"]["uuid"], uuid.as_str());
            for t in e["Event"]["Tag"].as_array().into_iter().flatten() {
                tags.extend(t["name"].as_str().map(str::to_owned));
            }
        }
        (manifest.as_object().map_or(0, |m| m.len()), tags)
    };
    let (all, operator) = tags_of(None);
    let (li_n, li) = tags_of(Some("li"));
    assert_eq!(all, 4, "{operator:?}");
    assert_eq!(li_n, 2, "{li:?}");
    assert!(operator.contains("tlp:red") && operator.contains("tlp:amber+strict"));
    assert!(
        !li.contains("tlp:red") && !li.contains("tlp:amber+strict"),
        "{li:?}"
    );

    // another Beacon reads li's feed back: every event with its TLP, its
    // title, date and attributes as they were written
    let b = dir.path().join("b");
    let bd = b.to_str().expect("a UTF-8 path");
    ok(&["orgs", "add", "ngo", "--name", "NGO", "--data", bd]);
    ok(&["orgs", "add", "ewc-a", "--name", "Centre A", "--data", bd]);
    let feed = dir.path().join("misp-li");
    let fd = feed.to_str().expect("a UTF-8 path");
    let import = [
        "partners",
        "import-misp",
        fd,
        "--org",
        "ewc-a",
        "--data",
        bd,
    ];
    let read = ok(&import);
    assert!(read.starts_with("2 MISP events read, 2 new"), "{read}");
    assert!(ok(&import).contains(", 0 new"));
    let server = Server::start(&b, &[]);
    let (_, imported) = http_as(server.port, "GET", "/api/imported?limit=100", None, None);
    let items = imported["items"].as_array().expect("items");
    assert_eq!(items.len(), 2);
    for i in items {
        let ev = &i["object"]["Event"];
        let uuid = ev["uuid"].as_str().expect("a uuid");
        let sent: Value = serde_json::from_slice(
            &std::fs::read(feed.join(format!("{uuid}.json"))).expect("the event sent"),
        )
        .expect("JSON");
        for k in ["info", "date", "timestamp", "Tag", "Attribute", "Orgc"] {
            assert_eq!(ev[k], sent["Event"][k], "{k}");
        }
        assert_eq!(i["partner_name"], "Centre A");
        assert!(["clear", "amber"].contains(&i["tlp"].as_str().unwrap_or_default()));
    }
}

/// An article longer than the analysis reads is analysed by its first part:
/// that part, its story and its events keep the article's marking.
#[test]
fn a_long_article_keeps_its_marking_in_its_story_and_events() {
    let dir = tempfile::tempdir().expect("a temp dir");
    let tokens = sharing_store(dir.path());
    let data = dir.path().join("data");
    let d = data.to_str().expect("a UTF-8 path");
    let mut text = String::from(
        "Militants ambush a patrol near Faizabad\n\nFAIZABAD - Militants ambushed a police patrol near Faizabad in Badakhshan province on Friday, killing four officers, officials said.\n",
    );
    while text.len() < 330_000 {
        text.push_str("The district council met again to discuss the water supply and the repair of the old bridge across the river.\n");
    }
    let f = write(&dir.path().join("long.txt"), &text);
    ok(&[
        "ingest",
        "--quiet",
        "--data",
        d,
        "--tlp",
        "red",
        "--recipient",
        "amina",
        f.to_str().expect("UTF-8"),
    ]);
    let server = Server::start(&data, &[]);
    let li = tokens
        .iter()
        .find(|(u, _)| u == "li")
        .map(|(_, t)| t.as_str());
    let amina = tokens
        .iter()
        .find(|(u, _)| u == "amina")
        .map(|(_, t)| t.as_str());
    let stories = |t: Option<&str>| {
        let (_, v) = http_as(server.port, "GET", "/api/stories?limit=100", None, t);
        titles(&v, "items", &|s| first_word(s["title"].as_str()))
    };
    assert!(stories(amina).contains("Militants"), "{:?}", stories(amina));
    assert!(!stories(li).contains("Militants"), "{:?}", stories(li));
    let (_, events) = http_as(server.port, "GET", "/api/events?limit=1000", None, li);
    assert!(!events.to_string().contains("Faizabad"), "{events}");
}

/// Tokens never reach a log: a server at `BEACON_LOG=debug` answering a
/// user's requests, a bad token, a login and a revoked token writes none
/// of them; `tokens list` shows ids only.
#[test]
fn tokens_never_reach_the_log() {
    let dir = tempfile::tempdir().expect("a temp dir");
    let tokens = sharing_store(dir.path());
    let data = dir.path().join("data");
    let log_path = dir.path().join("serve.log");
    let mut child = crate::util::beacon()
        .args(["serve", "--addr", "127.0.0.1:0", "--data"])
        .arg(&data)
        .env("BEACON_LOG", "debug")
        .stdout(std::process::Stdio::piped())
        .stderr(std::fs::File::create(&log_path).expect("a log file"))
        .spawn()
        .expect("beacon serve runs");
    let port = crate::util::announced_port(&mut child);
    let li = tokens
        .iter()
        .find(|(u, _)| u == "li")
        .map(|(_, t)| t.clone())
        .expect("li");
    for path in ["/api/events", "/api/nothing", "/taxii2/beacon/collections/"] {
        http_as(port, "GET", path, None, Some(&li));
    }
    http_as(port, "GET", &format!("/login?token={li}"), None, None);
    http_as(port, "GET", "/api/events", None, Some("bcn_a-wrong-one"));
    let d = data.to_str().expect("a UTF-8 path");
    let listed = ok(&["tokens", "list", "--data", d]);
    let _ = child.kill();
    let _ = child.wait();
    let log = std::fs::read_to_string(&log_path).expect("the log");
    for (_, t) in &tokens {
        let secret = &t[4..];
        assert!(!log.contains(secret), "a token in the log");
        assert!(!listed.contains(secret), "a token in the list");
    }
    assert!(!log.contains("a-wrong-one"));
}

/// One raw HTTP/1.1 request to 127.0.0.1:`port` with extra header lines:
/// the status, the head and the body.
fn raw(
    port: u16,
    method: &str,
    path: &str,
    headers: &[String],
    body: &str,
) -> (u16, String, String) {
    use std::io::{Read, Write};
    let mut s = std::net::TcpStream::connect(("127.0.0.1", port)).expect("connects");
    let mut head = format!("{method} {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n");
    for h in headers {
        head.push_str(h);
        head.push_str("\r\n");
    }
    head.push_str(&format!("Content-Length: {}\r\n\r\n{body}", body.len()));
    s.write_all(head.as_bytes()).expect("written");
    let mut out = String::new();
    let _ = s.read_to_string(&mut out);
    let (head, body) = out.split_once("\r\n\r\n").unwrap_or((&out, ""));
    let status = head
        .split(' ')
        .nth(1)
        .and_then(|c| c.parse().ok())
        .unwrap_or(0);
    (status, head.to_owned(), body.to_owned())
}

/// The dashboard's sign-in: a password (argon2id) gives a fresh session in
/// an `HttpOnly`, `SameSite=Strict` cookie (never the id the browser
/// brought: no fixation); five failures lock the user out, the right
/// password too; a browser's change without its CSRF token is refused,
/// with it let through (here to the operator-only check behind it), and
/// the administrator's token in a cookie needs its own CSRF token.
#[test]
fn a_browser_signs_in_with_a_password_and_its_changes_carry_a_csrf_token() {
    let dir = tempfile::tempdir().expect("a temp dir");
    sharing_store(dir.path());
    let data = dir.path().join("data");
    let d = data.to_str().expect("a UTF-8 path");
    for user in ["amina", "li"] {
        let out = crate::util::beacon()
            .args(["users", "passwd", user, "--data", d])
            .env("BEACON_PASSWORD", "correct horse battery")
            .output()
            .expect("beacon runs");
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    let server = Server::start(&data, &[]);
    let form = ["Content-Type: application/x-www-form-urlencoded".to_owned()];
    let sign_in = |user: &str, pw: &str, extra: &[String]| {
        let mut h = form.to_vec();
        h.extend_from_slice(extra);
        raw(
            server.port,
            "POST",
            "/login",
            &h,
            &format!("user={user}&password={pw}"),
        )
    };
    // the sign-in form is there without credentials, and runs no script
    let (code, _, page) = raw(server.port, "GET", "/login", &[], "");
    assert_eq!(code, 200);
    assert!(page.contains("name=\"password\"") && !page.contains("<script"));
    // a session id the browser brings is never taken up
    let planted = ["Cookie: beacon_session=chosen-by-an-attacker".to_owned()];
    let (code, head, _) = sign_in("amina", "correct+horse+battery", &planted);
    assert_eq!(code, 303, "{head}");
    let id = head
        .lines()
        .find_map(|l| {
            l.to_lowercase()
                .starts_with("set-cookie: beacon_session=")
                .then(|| &l["set-cookie: beacon_session=".len()..])
        })
        .and_then(|c| c.split(';').next())
        .expect("a session cookie")
        .to_owned();
    assert!(id.len() >= 40 && id != "chosen-by-an-attacker");
    let lower = head.to_lowercase();
    assert!(lower.contains("httponly") && lower.contains("samesite=strict"));
    let session = [format!("Cookie: beacon_session={id}")];
    let (_, _, who) = raw(server.port, "GET", "/api/session", &session, "");
    let who: Value = serde_json::from_str(&who).expect("JSON");
    assert_eq!(who["user"], "amina");
    let csrf = who["csrf"].as_str().expect("a CSRF token").to_owned();
    // the planted id reads nothing of amina's
    let (_, _, planted_who) = raw(server.port, "GET", "/api/session", &planted, "");
    assert_ne!(
        serde_json::from_str::<Value>(&planted_who).expect("JSON")["user"],
        "amina"
    );
    // a change without the CSRF token is refused as such; with it, it goes
    // on to the route's own check (watchlists are the operator's)
    let json = "Content-Type: application/json".to_owned();
    let wl = r#"{"id":"wl-x","name":"x","rules":[]}"#;
    let mut h = vec![session[0].clone(), json.clone()];
    let (code, _, body) = raw(server.port, "POST", "/api/watchlists", &h, wl);
    assert_eq!(code, 403);
    assert!(body.contains("\"csrf\""), "{body}");
    h.push(format!("X-CSRF-Token: {csrf}"));
    let (code, _, body) = raw(server.port, "POST", "/api/watchlists", &h, wl);
    assert_eq!(code, 403);
    assert!(body.contains("operator"), "{body}");
    // five failures lock li out, and then the right password is refused
    for _ in 0..4 {
        assert_eq!(sign_in("li", "wrong", &[]).0, 401);
    }
    assert_eq!(sign_in("li", "wrong", &[]).0, 429);
    assert_eq!(sign_in("li", "correct+horse+battery", &[]).0, 429);
    // signing out ends the session
    let (code, _, _) = raw(server.port, "POST", "/logout", &session, "");
    assert_eq!(code, 303);
    let (_, _, after) = raw(server.port, "GET", "/api/session", &session, "");
    assert_ne!(
        serde_json::from_str::<Value>(&after).expect("JSON")["user"],
        "amina"
    );
    drop(server);

    // the administrator's token as a browser's cookie needs its CSRF token
    let admin = Server::start(&data, &[("BEACON_TOKEN", "an-admin-token-of-length")]);
    let cookie = "Cookie: beacon_token=an-admin-token-of-length".to_owned();
    let (_, _, who) = raw(
        admin.port,
        "GET",
        "/api/session",
        std::slice::from_ref(&cookie),
        "",
    );
    let csrf = serde_json::from_str::<Value>(&who).expect("JSON")["csrf"]
        .as_str()
        .expect("a CSRF token")
        .to_owned();
    let mut h = vec![cookie, json];
    let (code, _, body) = raw(admin.port, "POST", "/api/watchlists", &h, wl);
    assert_eq!(code, 403, "{body}");
    h.push(format!("X-CSRF-Token: {csrf}"));
    let (code, _, body) = raw(admin.port, "POST", "/api/watchlists", &h, wl);
    assert!(code != 403 && code != 401, "{code} {body}");
}

/// Analyst review from the command line: a correction changes what every
/// reader reads and keeps the machine's version; a confirmed-only
/// watchlist raises its alert once an analyst confirms; a note reaches
/// only its audience, in STIX and MISP; a rejected event leaves the
/// default lists, and the export says so.
#[test]
fn an_analyst_confirms_corrects_and_rejects_and_every_edge_follows() {
    let dir = tempfile::tempdir().expect("a directory");
    sharing_store(dir.path());
    let data = dir.path().join("data");
    let d = data.to_str().expect("a UTF-8 path");
    let events = ok(&["events", "--data", d, "--country", "AF"]);
    let kunduz: Value = events
        .lines()
        .map(|l| serde_json::from_str::<Value>(l).expect("JSON"))
        .find(|e| {
            e["event"]["evidence"]["text"]
                .as_str()
                .is_some_and(|t| t.contains("Kunduz"))
        })
        .expect("the Kunduz event");
    let id = kunduz["event"]["id"].as_str().expect("an id").to_owned();
    let alerts = |wl: &str| {
        ok(&[
            "alerts",
            "--data",
            d,
            "--watchlist",
            wl,
            "--format",
            "jsonl",
        ])
        .lines()
        .count()
    };
    ok(&[
        "watch",
        "add",
        "--name",
        "confirmed",
        "--country",
        "AF",
        "--confirmed-only",
        "--rule",
        "match",
        "--data",
        d,
    ]);
    assert_eq!(alerts("wl-confirmed"), 0, "nothing confirmed yet");
    let fix = r#"{"type": "ASSAULT", "fatalities": {"min": 3, "max": 4}}"#;
    let out: Value = serde_json::from_str(&ok(&[
        "review",
        &id,
        "--correct",
        fix,
        "--by",
        "amina",
        "--data",
        d,
    ]))
    .expect("the event");
    assert_eq!(out["review"]["status"], "corrected");
    assert_eq!(
        out["review"]["fields"],
        serde_json::json!(["type", "fatalities"])
    );
    ok(&[
        "review",
        &id,
        "--note",
        "our office in Kunduz saw it",
        "--tlp",
        "amber+strict",
        "--by",
        "amina",
        "--data",
        d,
    ]);
    ok(&["watch", "run", "--data", d]);
    assert_eq!(
        alerts("wl-confirmed"),
        1,
        "a corrected event is one a person stands by"
    );
    // the review: the machine's version and each act
    let h: Value = serde_json::from_str(&ok(&["review", &id, "--data", d])).expect("JSON");
    assert_eq!(h["event"]["event"]["type"], "ASSAULT");
    assert_eq!(h["machine"]["event"]["type"], kunduz["event"]["type"]);
    assert_eq!(h["history"].as_array().expect("acts").len(), 2);
    // the note goes to the operator's export, not to another organisation's
    let notes = |args: &[&str]| -> Vec<Value> {
        let b: Value = serde_json::from_str(&ok(args)).expect("a bundle");
        b["objects"]
            .as_array()
            .expect("objects")
            .iter()
            .filter(|o| o["type"] == "note")
            .cloned()
            .collect()
    };
    let mine = notes(&["export", "stix", "--data", d]);
    assert_eq!(mine.len(), 1);
    assert_eq!(mine[0]["content"], "our office in Kunduz saw it");
    assert!(notes(&["export", "stix", "--for", "li", "--data", d]).is_empty());
    let bundle: Value =
        serde_json::from_str(&ok(&["export", "stix", "--for", "li", "--data", d])).expect("JSON");
    let report = bundle["objects"]
        .as_array()
        .expect("objects")
        .iter()
        .find(|o| {
            o["type"] == "report"
                && o["description"]
                    .as_str()
                    .is_some_and(|t| t.contains("Kunduz"))
        })
        .expect("the Kunduz report");
    let ext = &report["extensions"]["extension-definition--0e8e4f2a-6c1b-4d7e-9a53-3f1e2b8c7d64"];
    assert_eq!(ext["review"]["status"], "corrected");
    // an armed group is a threat actor with the dictionary's other names
    let taliban = bundle["objects"]
        .as_array()
        .expect("objects")
        .iter()
        .find(|o| o["type"] == "threat-actor" && o["name"] == "Taliban")
        .expect("the Taliban as a threat actor");
    let aliases = taliban["aliases"].as_array().expect("aliases");
    assert!(
        aliases
            .iter()
            .any(|a| a == "Islamic Emirate of Afghanistan"),
        "{aliases:?}"
    );
    assert_eq!(ext["event_type"], "ASSAULT");
    // rejected: out of the default list and of the watch, kept in the store
    ok(&["review", &id, "--reject", "--data", d]);
    assert!(!ok(&["events", "--data", d]).contains(&id));
    assert!(ok(&["events", "--data", d, "--review", "rejected"]).contains(&id));
    let bad = run([
        "review",
        &id,
        "--correct",
        r#"{"typ": "FIGHT"}"#,
        "--data",
        d,
    ]);
    assert_ne!(bad.code, 0, "a field that is none is an error");
    let none = run(["review", "no-such-event", "--confirm", "--data", d]);
    assert_ne!(none.code, 0);
}
