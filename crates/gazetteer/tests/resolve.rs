//! The resolver on the worked example and on hostile input.

use std::path::PathBuf;

use beacon_gazetteer::{EntryKind, Gazetteer, PlaceSpan, ResolverWeights, parse_code};
use beacon_model::{MentionKind, MentionUse, PlacePrecision};

/// The embedded gazetteer, loaded once for these tests.
fn shared() -> &'static Gazetteer {
    static G: std::sync::OnceLock<Gazetteer> = std::sync::OnceLock::new();
    G.get_or_init(|| Gazetteer::load().expect("the embedded gazetteer"))
}

/// The worked example's article text (lines 11–25 of the seed), or a short
/// paraphrase of our own when `../shared/data` is absent.
fn seed_text() -> String {
    let base = std::env::var_os("BEACON_SHARED")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared"));
    let p = base.join("data/seed/khaama-2015-taliban-central-asia.txt");
    match std::fs::read_to_string(&p) {
        Ok(t) => t,
        Err(_) => {
            eprintln!("{} is absent: using a paraphrase", p.display());
            "Russia's security service warned that fighters at Afghanistan's northern border may invade \
             Central Asia. Russia's biggest concern is Tajikistan, Turkmenistan and Uzbekistan. The group \
             was involved in attacks in Pakistan including one on Karachi airport in 2014."
                .to_string()
        }
    }
}

#[test]
fn worked_example_places_resolve() {
    let g = shared();
    let text = seed_text();
    let ms = g.place_mentions(&text);
    let find = |name: &str| {
        ms.iter().find(|m| m.text == name).unwrap_or_else(|| {
            panic!(
                "{name} not found in {:#?}",
                ms.iter().map(|m| &m.text).collect::<Vec<_>>()
            )
        })
    };
    for (name, cc) in [
        ("Russia", "RU"),
        ("Afghanistan", "AF"),
        ("Tajikistan", "TJ"),
        ("Turkmenistan", "TM"),
        ("Uzbekistan", "UZ"),
        ("Pakistan", "PK"),
    ] {
        let m = find(name);
        assert_eq!(m.kind, MentionKind::Country, "{name}");
        assert_eq!(m.country.as_deref(), Some(cc), "{name}");
        assert_eq!(m.precision, Some(PlacePrecision::Country), "{name}");
    }
    let k = find("Karachi");
    assert_eq!(k.country.as_deref(), Some("PK"));
    assert_eq!(k.geonames_id, Some(1174872));
    assert_eq!(k.precision, Some(PlacePrecision::Point));
    assert_eq!(k.admin1.as_deref(), Some("Sindh"));

    let border = ms
        .iter()
        .find(|m| m.zone.as_deref() == Some("border:af-north"))
        .unwrap_or_else(|| panic!("no border zone in {ms:#?}"));
    assert!(border.text.starts_with("Afghanistan"), "{}", border.text);
    assert!(border.text.ends_with("northern border"), "{}", border.text);
    let zone = g.zone("border:af-north").unwrap();
    let mut sides: Vec<&str> = zone
        .countries
        .iter()
        .map(beacon_gazetteer::code_str)
        .collect();
    sides.sort();
    assert_eq!(sides, ["AF", "TJ", "TM", "UZ"]);

    let ca = ms
        .iter()
        .find(|m| m.zone.as_deref() == Some("region:central-asia"));
    assert!(ca.is_some(), "Central Asia as a region zone");
}

#[test]
fn demonyms_and_metonyms_are_marked() {
    let g = shared();
    let text = "Afghan officials met Tajik envoys. Moscow said the talks would go on.";
    let ms = g.place_mentions(text);
    let afghan = ms.iter().find(|m| m.text == "Afghan").expect("Afghan");
    assert_eq!(afghan.usage, Some(MentionUse::Demonym));
    assert_eq!(afghan.country.as_deref(), Some("AF"));
    let moscow = ms.iter().find(|m| m.text == "Moscow").expect("Moscow");
    assert_eq!(moscow.usage, Some(MentionUse::Metonym));
    assert_eq!(moscow.country.as_deref(), Some("RU"));
    // A subject, after auxiliaries; never the object of a preposition, nor a possessive.
    for (text, name, metonym) in [
        ("Kabul has denied the claim.", "Kabul", true),
        ("Afghanistan also warned of attacks.", "Afghanistan", true),
        ("Flights to Kabul said to be full.", "Kabul", false),
        ("Moscow's mayor said so.", "Moscow", false),
        ("Fighting in Pakistan continued.", "Pakistan", false),
    ] {
        let ms = g.place_mentions(text);
        let m = ms.iter().find(|m| m.text.starts_with(name)).expect(name);
        assert_eq!(m.usage == Some(MentionUse::Metonym), metonym, "{text}");
    }
}

#[test]
fn border_pair_and_border_with_phrases() {
    let g = shared();
    let ms = g.place_mentions("Clashes broke out on the Afghan–Tajik border on Monday.");
    assert!(
        ms.iter().any(|m| m.zone.as_deref() == Some("border:af-tj")),
        "{ms:#?}"
    );
    let ms = g.place_mentions("Turkey shelled positions near its border with Syria.");
    assert!(
        ms.iter().any(|m| m.zone.as_deref() == Some("border:sy-tr")),
        "{ms:#?}"
    );
}

#[test]
fn admin_hierarchy_picks_the_qualified_place() {
    let g = shared();
    // Hyderabad: India's is far larger; "Sindh" says Pakistan's.
    let text = "Protests spread to Hyderabad, Sindh on Friday.";
    let r = g.resolve(
        text,
        &[
            PlaceSpan { start: 19, end: 28 },
            PlaceSpan { start: 30, end: 35 },
        ],
    );
    let e = g.entry(r[0].entry.unwrap());
    assert_eq!(e.country, parse_code("PK"));
}

#[test]
fn border_distance_is_measurable() {
    let g = shared();
    let (af, tj) = (parse_code("AF").unwrap(), parse_code("TJ").unwrap());
    // Kunduz is ~60 km south of the Panj, the Afghan–Tajik border
    let d = g.border_distance_km(af, tj, 36.728, 68.857).unwrap();
    assert!(d > 20.0 && d < 120.0, "{d}");
    let z = g.zone("border:af-tj").unwrap();
    assert!((g.zone_distance_km(&z, 36.728, 68.857) - d).abs() < 1e-6);
    assert!(g.zone("region:central-asia").is_some());
    assert!(
        g.border_distance_km(af, parse_code("FR").unwrap(), 0.0, 0.0)
            .is_none()
    );
}

#[test]
fn lookup_normalises_names_and_scripts() {
    let g = shared();
    let has = |name: &str, id: u64| {
        g.lookup(name)
            .iter()
            .any(|c| g.entry(c.entry).geonames_id == Some(id))
    };
    assert!(
        has("Mazar-e Sharif", 1133616)
            && has("Mazār-e Sharīf", 1133616)
            && has("MAZAR-I-SHARIF", 1133616)
    );
    assert!(has("Москва", 524901));
    assert!(has("MOSCOW", 524901));
    assert!(has("کابل", 1138958) || has("كابل", 1138958));
    let (af, demonym) = g.find_country("Afghan").unwrap();
    assert_eq!(&*af.iso3, "AFG");
    assert!(demonym);
    assert_eq!(&*g.find_country("AFG").unwrap().0.name, "Afghanistan");
}

#[test]
fn hostile_input_does_not_panic() {
    let g = shared();
    let big = "Kabul and Karachi, Пешавар, كابل; ".repeat(10 * 1024 * 1024 / 40);
    let ms = g.place_mentions(&big);
    assert!(!ms.is_empty());
    // spans out of range, reversed, or inside a character's bytes
    let text = "Zürich → Ελλάδα 🇦🇫 Afghanistan";
    let r = g.resolve(
        text,
        &[
            PlaceSpan { start: 5, end: 2 },
            PlaceSpan {
                start: 0,
                end: 10_000,
            },
            PlaceSpan { start: 21, end: 32 },
        ],
    );
    assert_eq!(r.len(), 3);
    let _ = g.place_mentions("");
    let _ = g.place_mentions("'s border border with with - – ");
    let _ = g.place_mentions("\u{0}\u{FEFF}ال ال ال");
}

/// The place names the dictionary recogniser finds in `text`, as written.
fn found_in(g: &Gazetteer, text: &str) -> Vec<String> {
    beacon_gazetteer::Recogniser::default()
        .find(g, text)
        .iter()
        .map(|s| text.chars().skip(s.start).take(s.end - s.start).collect())
        .collect()
}

/// The spans of `names` in `text` (first occurrence of each), code points.
fn spans_of(text: &str, names: &[&str]) -> Vec<PlaceSpan> {
    names
        .iter()
        .map(|n| {
            let b = text.find(n).unwrap_or_else(|| panic!("{n} not in text"));
            let start = text[..b].chars().count();
            PlaceSpan {
                start,
                end: start + n.chars().count(),
            }
        })
        .collect()
}

#[test]
fn kind_cues_pick_the_state_or_the_city() {
    let g = shared();
    let kind_of_with = |text: &str, w: &ResolverWeights| {
        let r = g.resolve_with(text, &spans_of(text, &["Washington"]), w);
        g.entry(r[0].entry.unwrap()).kind
    };
    let kind_of = |text: &str| kind_of_with(text, &ResolverWeights::default());
    let no_cue = ResolverWeights {
        kind_cue: 0.0,
        ..ResolverWeights::default()
    };
    // bare, the capital wins; "state" around it says the state
    assert_eq!(
        kind_of("Talks resumed in Washington on Monday."),
        EntryKind::Place
    );
    for text in [
        "A dairy farm in the state of Washington reported a sick cow.",
        "A dairy farm in Washington state reported a sick cow.",
    ] {
        assert_eq!(kind_of(text), EntryKind::Admin1, "{text}");
        assert_eq!(kind_of_with(text, &no_cue), EntryKind::Place, "{text}");
    }
}

/// "The cities of A, B and C" says each name of the list is a city (Syria's
/// governorates bear their cities' names); "the provinces of" says the
/// opposite.
#[test]
fn a_list_after_cities_of_or_provinces_of_takes_the_cue() {
    let g = shared();
    let kinds = |text: &str, names: &[&str]| -> Vec<EntryKind> {
        g.resolve(text, &spans_of(text, names))
            .iter()
            .map(|r| g.entry(r.entry.unwrap()).kind)
            .collect()
    };
    let names = ["Idlib", "Hama", "Aleppo"];
    assert_eq!(
        kinds(
            "Jets struck the cities of Idlib, Hama and Aleppo in Syria.",
            &names
        ),
        vec![EntryKind::Place; 3]
    );
    assert_eq!(
        kinds(
            "Aid reached the provinces of Idlib, Hama and Aleppo in Syria.",
            &names
        ),
        vec![EntryKind::Admin1; 3]
    );
}

#[test]
fn a_qualifier_is_the_area_that_holds_the_name_before_it() {
    let g = shared();
    // a US-minded article; "Mississauga, Ontario" still says the province
    let text = "Recalls reached stores in Texas, California and Ohio. The maker \
                is based in Mississauga, Ontario.";
    let spans = spans_of(
        text,
        &["Texas", "California", "Ohio", "Mississauga", "Ontario"],
    );
    let r = g.resolve(text, &spans);
    let e = g.entry(r[4].entry.unwrap());
    assert_eq!((e.kind, e.country), (EntryKind::Admin1, parse_code("CA")));
    // without the qualifier, the Californian city
    let w = ResolverWeights {
        qualifier: 0.0,
        ..ResolverWeights::default()
    };
    let r = g.resolve_with(text, &spans, &w);
    assert_eq!(g.entry(r[4].entry.unwrap()).country, parse_code("US"));
}

#[test]
fn list_members_follow_the_others_first_choices() {
    let g = shared();
    // New Brunswick has a sizeable US namesake (New Jersey is named too),
    // but its list is of Canadian provinces
    let text = "Cases were reported in New Jersey, New York and Ohio. In Canada, \
                cases were reported in British Columbia, Alberta, Manitoba, \
                Ontario and New Brunswick.";
    let names = [
        "New Jersey",
        "New York",
        "Ohio",
        "Canada",
        "British Columbia",
        "Alberta",
        "Manitoba",
        "Ontario",
        "New Brunswick",
    ];
    let r = g.resolve(text, &spans_of(text, &names));
    let e = g.entry(r[8].entry.unwrap());
    assert_eq!((e.kind, e.country), (EntryKind::Admin1, parse_code("CA")));
}

#[test]
fn weak_names_need_the_article_support() {
    let g = shared();
    // "Western Kasai": only "Kasai" matches, a town in Japan; the article
    // is about the Congo, so no pin rather than a wrong one
    let text = "Fighting spread across Western Kasai, in the Democratic Republic of the Congo.";
    let spans = spans_of(text, &["Western Kasai", "Democratic Republic of the Congo"]);
    let r = g.resolve(text, &spans);
    assert_eq!(r[0].entry, None);
    assert!(r[1].entry.is_some());
    let w = ResolverWeights {
        weak_focus: -1.0,
        ..ResolverWeights::default()
    };
    assert!(g.resolve_with(text, &spans, &w)[0].entry.is_some());
    // a part in a country the article is about still resolves
    let text = "Police in North Dallas made arrests, Texas officials said.";
    let r = g.resolve(text, &spans_of(text, &["North Dallas", "Texas"]));
    let e = g.entry(r[0].entry.unwrap());
    assert_eq!((e.name, e.country), ("Dallas", parse_code("US")));
}

#[test]
fn a_sea_outranks_a_village_of_its_name() {
    let g = shared();
    let text = "The storm formed over the Atlantic and struck Florida and Georgia.";
    let r = g.resolve(text, &spans_of(text, &["Atlantic", "Florida", "Georgia"]));
    let e = g.entry(r[0].entry.unwrap());
    assert_eq!(e.kind, EntryKind::Feature);
}

#[test]
fn a_lower_case_direction_opens_a_named_region() {
    let g = shared();
    let text =
        "Fighters may invade central Asia, and aid flows to west Africa from northern Kenya.";
    let found = found_in(g, text);
    assert!(found.contains(&"central Asia".to_owned()), "{found:?}");
    assert!(found.contains(&"west Africa".to_owned()), "{found:?}");
    // "northern Kenya" is a part of Kenya, not a named region.
    assert!(found.contains(&"Kenya".to_owned()), "{found:?}");
}

/// Beacon gives GeoNames ids, and so GeoNames' own points: a country, a
/// state or province and a county are where GeoNames puts them (not an
/// atlas's middle: Canada's 60 N 95 W, Ontario's middle of its towns 200 km
/// away), and an admin area carries its GeoNames id.
#[test]
fn countries_and_admin_areas_carry_geonames_ids_and_points() {
    let g = shared();
    let entry_with = |name: &str, id: u64| {
        g.lookup(name)
            .iter()
            .map(|c| g.entry(c.entry))
            .find(|e| e.geonames_id == Some(id))
            .unwrap_or_else(|| panic!("{name}: no entry with GeoNames id {id}"))
    };
    let near = |name: &str, id: u64, lat: f64, lon: f64| {
        let e = entry_with(name, id);
        let d = beacon_gazetteer::haversine_km(f64::from(e.lat), f64::from(e.lon), lat, lon);
        assert!(
            d < 25.0,
            "{name} at ({}, {}), {d:.0} km from GeoNames' point",
            e.lat,
            e.lon
        );
        e
    };
    near("Canada", 6251999, 60.108, -113.643);
    near("Russia", 2017370, 60.0, 100.0);
    let ontario = near("Ontario", 6093943, 49.250, -84.500);
    assert_eq!(ontario.kind, EntryKind::Admin1);
    assert_eq!(
        near("Virginia", 6254928, 37.548, -77.447).kind,
        EntryKind::Admin1
    );
    let kunduz = entry_with("Kunduz", 1135690);
    assert_eq!(kunduz.kind, EntryKind::Admin1);
}

/// Local news is about one state: a county named in an article that names
/// Missouri again and again is Missouri's, not the most populous namesake.
#[test]
fn the_articles_state_decides_between_namesakes() {
    let g = shared();
    let text = "JEFFERSON CITY, Mo. — A driver from Missouri was arrested late Friday in \
                Monroe County after a crash, the Missouri State Highway Patrol said. The \
                patrol said the Missouri man was held overnight.";
    let ms = g.place_mentions(text);
    let county = ms
        .iter()
        .find(|m| m.text == "Monroe County")
        .unwrap_or_else(|| panic!("Monroe County not found in {ms:?}"));
    assert_eq!(county.country.as_deref(), Some("US"));
    assert_eq!(county.admin1.as_deref(), Some("Missouri"), "{county:?}");
}

/// Lakes, rivers and valleys inside a country are places of their own (the
/// Panj is the Afghan–Tajik border), and a name the gazetteer already has
/// for something else keeps it (Alaska the state, not the area).
#[test]
fn lakes_rivers_and_valleys_are_places() {
    let g = shared();
    let text = "Smugglers crossed the Panj River near the Wakhan, and boats were seen on Lake \
                Pontchartrain. Snow fell across Alaska.";
    let ms = g.place_mentions(text);
    let at = |name: &str| {
        let m = ms
            .iter()
            .find(|m| m.text == name)
            .unwrap_or_else(|| panic!("{name} not found in {ms:?}"));
        (m.lat.unwrap(), m.lon.unwrap())
    };
    let (lat, lon) = at("Panj River");
    assert!(beacon_gazetteer::haversine_km(lat, lon, 37.6, 70.3) < 200.0);
    let (lat, lon) = at("Lake Pontchartrain");
    assert!(beacon_gazetteer::haversine_km(lat, lon, 30.2, -90.1) < 50.0);
    let alaska = ms.iter().find(|m| m.text == "Alaska").expect("Alaska");
    assert_eq!(alaska.admin1.as_deref(), Some("Alaska"), "{alaska:?}");
}

/// A place its qualifier's area does not hold (no Holliday in Missouri in
/// the gazetteer) is put in that area, not at a namesake in another state;
/// a place the area holds keeps its own entry, and a country is no
/// qualifier of another.
#[test]
fn a_qualified_place_stays_in_its_area() {
    let g = shared();
    // resolve the names given (ASCII text: bytes are code points)
    let resolve = |text: &str, names: &[&str]| {
        let spans: Vec<PlaceSpan> = names
            .iter()
            .map(|n| {
                let start = text.find(n).unwrap();
                PlaceSpan {
                    start,
                    end: start + n.len(),
                }
            })
            .collect();
        g.resolve(text, &spans)
            .into_iter()
            .map(|r| g.entry(r.entry.expect("an entry")))
            .collect::<Vec<_>>()
    };
    let text = "A man from Holliday, Missouri, was hurt. He was flown to Kabul, Afghanistan.";
    let got = resolve(text, &["Holliday", "Missouri", "Kabul", "Afghanistan"]);
    assert_eq!((got[0].kind, got[0].name), (EntryKind::Admin1, "Missouri"));
    assert_eq!(got[2].geonames_id, Some(1138958));
    let got = resolve(
        "Troops moved from Russia, Ukraine said on Friday.",
        &["Russia", "Ukraine"],
    );
    assert_eq!(got[0].country, parse_code("RU"));
}

/// A city that is most of the first-level area of its name is what the bare
/// name means (Lagos, Aleppo, New York City against its state); a city that
/// is a small part of it is not (Quebec the province, not Quebec City), and
/// the words around still say the area ("the state of Lagos").
#[test]
fn a_city_that_is_most_of_its_namesake_area_is_the_bare_name() {
    let g = shared();
    let pick = |text: &str, name: &str| {
        let r = g.resolve(text, &spans_of(text, &[name]));
        let e = g.entry(r[0].entry.unwrap());
        (e.kind, e.name)
    };
    assert_eq!(
        pick(
            "Floods in Lagos forced thousands from their homes.",
            "Lagos"
        ),
        (EntryKind::Place, "Lagos")
    );
    assert_eq!(
        pick("Shelling resumed in Aleppo overnight.", "Aleppo"),
        (EntryKind::Place, "Aleppo")
    );
    assert_eq!(
        pick("Voters in Quebec backed the Liberals.", "Quebec").0,
        EntryKind::Admin1
    );
    assert_eq!(
        pick("Floods hit the state of Lagos this week.", "Lagos").0,
        EntryKind::Admin1
    );
    let no_seat = ResolverWeights {
        seat: 0.0,
        ..ResolverWeights::default()
    };
    let text = "Floods in Lagos forced thousands from their homes.";
    let r = g.resolve_with(text, &spans_of(text, &["Lagos"]), &no_seat);
    assert_eq!(g.entry(r[0].entry.unwrap()).kind, EntryKind::Admin1);
}

/// Local news names towns after countries: "Lebanon, Pa." is the
/// Pennsylvania town (a state qualifies a place even of a country's name),
/// and so is "Jordan" in a Minnesota story that names no country near
/// Jordan; a story that names Syria keeps the country.
#[test]
fn towns_named_after_countries_in_local_news() {
    let g = shared();
    let pick = |text: &str, name: &str| {
        let mut names = vec![name];
        names.extend(
            ["Pa.", "Shakopee", "Minnesota", "Syria"]
                .into_iter()
                .filter(|n| text.contains(n)),
        );
        let r = g.resolve(text, &spans_of(text, &names));
        let e = g.entry(r[0].entry.unwrap());
        (
            e.kind,
            e.country
                .map(|c| beacon_gazetteer::code_str(&c).to_string()),
        )
    };
    let us = (EntryKind::Place, Some("US".to_string()));
    assert_eq!(
        pick("A barn burned near Lebanon, Pa., on Sunday.", "Lebanon"),
        us
    );
    assert_eq!(
        pick(
            "Firefighters in Jordan put out a barn fire; crews from Shakopee helped, Minnesota officials said.",
            "Jordan"
        ),
        us
    );
    assert_eq!(
        pick(
            "Troops from Minnesota arrived in Jordan as fighting in Syria grew.",
            "Jordan"
        ),
        (EntryKind::Country, Some("JO".to_string()))
    );
    assert_eq!(
        pick("Talks in Jordan resumed on Monday.", "Jordan").0,
        EntryKind::Country
    );
}

/// "St." kept with its dot by the text layer still joins the name it opens.
#[test]
fn abbreviated_saints_are_one_name() {
    let g = shared();
    for (text, name) in [
        (
            "Officials in St. Paul said the roads were closed.",
            "St. Paul",
        ),
        ("The mayor of St. Louis met officials.", "St. Louis"),
    ] {
        let spans = beacon_gazetteer::Recogniser::default().find(g, text);
        let found: Vec<&str> = spans.iter().map(|s| &text[s.start..s.end]).collect();
        assert_eq!(found, vec![name], "{text}");
    }
}

/// A small town no name of the article supports is no place: "El Niño" is
/// a town of 9,000 in Baja California, not in a story of Peru's rains; in a
/// story about Baja California it is.
#[test]
fn a_small_town_needs_the_articles_support() {
    let g = shared();
    let resolved = |text: &str| {
        let names: Vec<&str> = ["El Niño", "Peru", "Tecate", "Baja California", "Mexico"]
            .into_iter()
            .filter(|n| text.contains(n))
            .collect();
        let r = g.resolve(text, &spans_of(text, &names));
        r[0].entry.map(|e| g.entry(e).name)
    };
    assert_eq!(
        resolved("El Niño brought heavy rains to Peru and Ecuador this winter."),
        None
    );
    assert_eq!(
        resolved(
            "Police in Tecate and El Niño, Baja California, Mexico, said the road was closed."
        ),
        Some("El Niño")
    );
}

/// A name held only by small towns elsewhere may mean its part: "South
/// Lebanon" (towns in Ohio and Oregon) in a story of Tyre is Lebanon's south.
#[test]
fn a_direction_and_a_country_held_only_by_small_towns_is_the_country() {
    let g = shared();
    let text = "Israeli troops crossed into South Lebanon south of Tyre.";
    let r = g.resolve(text, &spans_of(text, &["South Lebanon", "Tyre"]));
    let e = g.entry(r[0].entry.unwrap());
    assert_eq!((e.kind, e.name), (EntryKind::Country, "Lebanon"));
}

/// A state's or province's abbreviation is a place name where one is
/// written: after "Place, " or, dotted inside, after "in"; not "B.C." after
/// a year.
#[test]
fn admin_abbreviations_where_they_are_written() {
    let found = |text: &str| found_in(shared(), text);
    assert_eq!(
        found("COLUMBIA, Ky. (WBKO) - A man was arrested."),
        ["COLUMBIA", "Ky"]
    );
    assert_eq!(
        found("In B.C., up to 20 centimetres of snow fell."),
        ["B.C."]
    );
    assert_eq!(
        found("The temple was built in 300 B.C. in Athens."),
        ["Athens"]
    );
    // degrees after a name: not Maryland, not New Philadelphia
    assert!(found("Dr. John Smith, M.D., and Jane Doe, Ph.D., wrote it.").is_empty());
}

/// A place beside a capitalised word is a person's name ("Warren
/// Buffett", not Warren, Michigan), unless the words name a body or a building of the place
/// ("Enfield Council", "Litchfield Superior Court").
#[test]
fn a_place_naming_a_body_is_a_place() {
    let found = |text: &str| found_in(shared(), text);
    assert_eq!(found("He spoke to Enfield Council on Monday."), ["Enfield"]);
    assert_eq!(
        found("He appears in Litchfield Superior Court in April."),
        ["Litchfield"]
    );
    assert!(found("The talk by Warren Buffett drew a crowd.").is_empty());
}

/// Russian and Dari news of the region, written by the team: names in
/// another case than the nominative resolve ("в Кундузе"), and the common
/// words of a script without capitals are no places ("دو" two, "ولایت"
/// province, "دوشنبه" Monday, each some place's name in GeoNames).
#[test]
fn russian_and_dari_places_resolve_and_common_words_are_none() {
    let g = shared();
    let cases: [(&str, &[&str], &[&str]); 3] = [
        (
            "Боевики атаковали заставу на границе Таджикистана и Афганистана. В Кундузе и в Мазари-Шарифе введён комендантский час, сообщили в России.",
            &[
                "Tajikistan",
                "Afghanistan",
                "Kunduz",
                "Mazār-e Sharīf",
                "Russia",
            ],
            &[],
        ),
        (
            "جنگجویان طالبان روز دوشنبه به یک پاسگاه مرزی در ولایت کندز حمله کردند. در این درگیری دو سرباز کشته و سه تن دیگر زخمی شدند.",
            &["Kunduz"],
            &["دوشنبه", "ولایت", "دو", "تن"],
        ),
        (
            "مقام‌ها در کابل گفتند که نیروهای امنیتی در ولایت بلخ و هرات آماده‌باش هستند.",
            &["Kabul", "Balkh", "Herāt"],
            &["ولایت"],
        ),
    ];
    for (text, places, none) in cases {
        let ms = g.place_mentions(text);
        let names: Vec<&str> = ms.iter().filter_map(|m| m.name.as_deref()).collect();
        for p in places {
            assert!(names.contains(p), "{p} in {text}: {names:?}");
        }
        for w in none {
            assert!(!ms.iter().any(|m| m.text == *w), "{w} is no place: {text}");
        }
    }
}

#[test]
fn a_sentence_s_the_is_not_part_of_the_name_after_it() {
    let g = shared();
    // "The" opens the sentence, not the name: no place "The Paris", no
    // "The Obama" (a town in Japan) over a president's name
    let found = found_in(g, "The Paris Club met. The Obama visit was short.");
    assert!(found.iter().all(|f| !f.starts_with("The ")), "{found:?}");
    assert!(found.iter().any(|f| f == "Paris"), "{found:?}");
    // places called so keep it
    let found = found_in(g, "The Hague said so. The Netherlands agreed.");
    assert!(found.iter().any(|f| f == "The Hague"), "{found:?}");
}

#[test]
fn a_dateline_in_capitals_is_its_place_whatever_its_size() {
    let g = shared();
    // Khorugh (30,000 people) at a sentence's start needs a dateline's form
    let found = found_in(g, "ХОРОГ, 26 октября — Пограничники задержали двоих.");
    assert_eq!(found, ["ХОРОГ"]);
    // capitals elsewhere are no dateline
    assert!(
        found_in(g, "Он сказал: ХОРОГ спокоен.")
            .iter()
            .all(|f| f != "ХОРОГ")
    );
}

#[test]
fn an_abbreviated_name_keeps_its_dot_where_it_cannot_end_a_sentence() {
    let g = shared();
    assert_eq!(found_in(g, "The U.S.-led coalition left."), ["U.S."]);
    // before a space the dot may end the sentence: it is left to it
    assert_eq!(
        found_in(g, "They flew to the U.S. Then they left."),
        ["U.S"]
    );
}
