//! The chain on small inputs given as bytes.

use super::*;

/// Each outcome of the lines of `jsonl`.
fn outcomes(p: &Pipeline, jsonl: &str) -> Vec<Outcome> {
    let mut out = Vec::new();
    p.read_bytes(
        jsonl.as_bytes(),
        "in.jsonl",
        &Options::default(),
        &mut |o| out.push(o),
    );
    out
}

fn articles(p: &Pipeline, jsonl: &str) -> Vec<Article> {
    outcomes(p, jsonl)
        .into_iter()
        .filter_map(|o| match o {
            Outcome::Article(_, a) => Some(*a),
            _ => None,
        })
        .collect()
}

/// The rejection of each line of `jsonl`.
fn rejections(p: &Pipeline, jsonl: &str) -> Vec<Rejection> {
    outcomes(p, jsonl)
        .into_iter()
        .filter_map(|o| match o {
            Outcome::Rejected(r) => Some(r),
            _ => None,
        })
        .collect()
}

const LINE: &str = r#"{"url": "https://example.org/1", "published": "2024-05-06", "text": "Taliban fighters attacked a police checkpoint in Kunduz on Monday, killing five officers."}"#;

#[test]
fn an_input_becomes_an_analysed_article() {
    let p = Pipeline::new(Config::default());
    let a = articles(&p, LINE);
    assert_eq!(a.len(), 1);
    assert_eq!(
        a[0].published.as_ref().map(|d| d.value.as_str()),
        Some("2024-05-06")
    );
    let x = p.analyse(&a[0]);
    assert!(
        x.mentions.iter().any(|m| m.text == "Kunduz"),
        "{:?}",
        x.mentions
    );
    assert!(!x.times.is_empty());
    assert!(!x.events.is_empty());
    assert!(x.events.iter().all(|e| e.explain.is_empty()));
    let explained = Pipeline::new(Config {
        explain: true,
        ..Config::default()
    })
    .analyse(&a[0]);
    assert!(explained.events.iter().any(|e| !e.explain.is_empty()));
}

#[test]
fn a_bad_input_is_a_rejection_with_its_reason() {
    let p = Pipeline::new(Config::default());
    let mut outcomes = Vec::new();
    p.read_bytes(b"{not json", "in.jsonl", &Options::default(), &mut |o| {
        outcomes.push(o)
    });
    assert!(
        matches!(outcomes.as_slice(), [Outcome::Rejected(_)]),
        "{outcomes:?}"
    );
}

#[test]
fn a_page_without_an_article_keeps_the_date_it_states() {
    let p = Pipeline::new(Config::default());
    let page = |head: &str| {
        serde_json::json!({
            "url": "https://example.org/gallery",
            "html": format!("<html><head>{head}<title>Photos</title></head><body><div><img src=\"a.jpg\"></div></body></html>"),
        })
        .to_string()
    };
    let r = rejections(
        &p,
        &page(r#"<meta property="article:published_time" content="2019-05-14T08:00:00Z">"#),
    );
    assert_eq!(r.len(), 1);
    assert_eq!(r[0].reason(), beacon_model::Reason::NoContent);
    assert_eq!(
        r[0].published.as_ref().map(|d| d.value.as_str()),
        Some("2019-05-14")
    );
    // no evidence, no date (a fetch time is not the page's)
    let r = rejections(&p, &page(""));
    assert!(r[0].published.is_none(), "{:?}", r[0]);
    // other rejections carry none
    let r = rejections(&p, "{not json");
    assert!(r[0].published.is_none());
}

#[test]
fn a_long_article_is_analysed_by_its_first_part_and_says_so() {
    let p = Pipeline::new(Config::default());
    let text = "Police arrested two men in Herat. ".repeat(MAX_ANALYSED_CHARS / 20);
    let line = serde_json::json!({"url": "https://example.org/2", "text": text}).to_string();
    let a = articles(&p, &line);
    assert!(a[0].warnings.iter().any(|w| w.kind == "analysis_limited"));
    let part = analysed_part(&a[0]).expect("a part");
    assert!(part.text.chars().count() <= MAX_ANALYSED_CHARS);
    let x = p.analyse(&a[0]);
    let end = x.mentions.iter().map(|m| m.end).max().unwrap_or(0);
    assert!(end <= MAX_ANALYSED_CHARS);
}

#[test]
fn conllu_is_one_tree_per_sentence_of_the_text_layer() {
    let p = Pipeline::new(Config::default());
    let a = articles(&p, LINE);
    let mut out = Vec::new();
    p.write_conllu(&mut out, &a[0]).expect("written");
    let sentences = beacon_syntax::conllu::read(out.as_slice()).expect("CoNLL-U");
    assert_eq!(sentences.len(), 1);
    let words = &sentences[0].words;
    assert_eq!(words.len(), 15);
    assert_eq!(words.iter().filter(|w| w.head == 0).count(), 1);
    let fighters = &words[1];
    assert_eq!((fighters.head, fighters.deprel.as_str()), (3, "nsubj"));
}

#[test]
fn hostile_texts_go_through_the_whole_chain() {
    let p = Pipeline::new(Config::default());
    let long_sentence = "word ".repeat(2_000_000);
    let one_char = "a ".repeat(100_000);
    let punctuation = ".,;:!?()[]{}«»—–-'\"".repeat(5_000);
    let scripts = "Боевики ИГИЛ атаковали Кабул. داعش در کابل حمله کرد. 伊斯兰国在喀布尔。 Taliban in Kunduz. "
        .repeat(1_000);
    let rtl = "\u{202E}طالبان در قندوز\u{202C} \u{200F}שלום עולם ".repeat(2_000);
    for text in [long_sentence, one_char, punctuation, scripts, rtl] {
        let a = Article::from_text("hostile", &text);
        let x = p.analyse(&a);
        let limit = text.chars().count().min(MAX_ANALYSED_CHARS);
        assert!(x.mentions.iter().all(|m| m.start < m.end && m.end <= limit));
        let mut out = Vec::new();
        p.write_conllu(&mut out, &a).expect("written");
        let sentences = beacon_syntax::conllu::read(out.as_slice()).expect("CoNLL-U");
        for s in &sentences {
            assert_eq!(s.words.iter().filter(|w| w.head == 0).count(), 1);
            assert!(s.words.len() <= beacon_text::tokens::MAX_SENTENCE_TOKENS);
        }
    }
}

/// The violent or coercive events (those that raise alarms) of an article
/// given as text.
fn alarms(p: &Pipeline, text: &str) -> Vec<beacon_model::EventType> {
    let line = serde_json::json!({"url": "https://example.org/n", "published": "2024-05-06", "text": text});
    let a = articles(p, &line.to_string());
    assert_eq!(a.len(), 1);
    p.analyse(&a[0])
        .events
        .into_iter()
        .map(|e| e.kind)
        .filter(|k| beacon_events::alarming(*k))
        .collect()
}

/// A labour strike; a team that beat another; shares that rallied; a
/// pitcher who struck batters out; rivals that will fight back with
/// cheaper phones.
const NO_CONFLICT: [&str; 5] = [
    "Workers at the copper mine stayed away for a third day. Union leaders said the strike \
     would continue until the company raised wages, and managers warned that output would fall.",
    "Rovers beat the league leaders 3-1 on Saturday. Their striker scored twice in the second \
     half and the goalkeeper saved a penalty, leaving the champions three points clear.",
    "Technology shares rallied on Wall Street as investors bet on lower interest rates. The \
     index closed up two percent, its best day in a month, and bond yields fell.",
    "The pitcher struck out eleven batters as the home side won the series opener. He allowed \
     only two hits in seven innings, his manager said after the game.",
    "The company launched its new phone at an event in California on Tuesday. Its chief \
     executive said sales would be strong, and analysts said rivals would fight back with \
     cheaper models.",
];

#[test]
fn news_without_conflict_raises_no_alarm() {
    // the relevance gate alone: sport, markets and products
    let p = Pipeline::new(Config {
        no_sense: true,
        ..Config::default()
    });
    for text in &NO_CONFLICT[1..] {
        assert_eq!(alarms(&p, text), [], "{text}");
    }
    // a labour strike is unrest (relevant): the sense model tells the
    // copper mine from a landmine and the workers' strike from an attack
    let p = Pipeline::new(Config::default());
    let kinds = alarms(&p, NO_CONFLICT[0]);
    assert!(
        !kinds.iter().any(|k| matches!(
            k,
            beacon_model::EventType::Assault | beacon_model::EventType::Fight
        )),
        "{kinds:?}"
    );
    for text in &NO_CONFLICT[1..] {
        assert_eq!(alarms(&p, text), [], "{text}");
    }
}

#[test]
fn conflict_news_still_codes_its_events_with_their_relevance() {
    let p = Pipeline::new(Config::default());
    let shelling = "Government troops shelled rebel positions outside the town on Monday, killing \
                    six fighters, the army said. Residents fled as the fighting spread.";
    let kinds = alarms(&p, shelling);
    assert!(
        kinds.iter().any(|k| matches!(
            k,
            beacon_model::EventType::Assault | beacon_model::EventType::Fight
        )),
        "{kinds:?}"
    );
    let protest = "Police fired tear gas at thousands of protesters who marched on parliament in \
                   the capital on Tuesday, and arrested dozens of them, witnesses said.";
    assert!(alarms(&p, protest).contains(&beacon_model::EventType::Protest));
    // weapons fired at a place: a construction with no everyday sense, not
    // left to the sense model
    let fired =
        "Militants fired two artillery shells at the district centre on Monday, officials said.";
    assert!(alarms(&p, fired).contains(&beacon_model::EventType::Fight));
    let a = articles(&p, LINE);
    let events = p.analyse(&a[0]).events;
    assert!(!events.is_empty());
    assert!(events.iter().all(|e| {
        e.relevance
            .is_some_and(|r| r >= beacon_events::RELEVANCE_GATE)
    }));
}

#[test]
fn an_irrelevant_article_keeps_its_hazards() {
    // an earthquake is not political violence: its toll is still recorded
    let p = Pipeline::new(Config::default());
    let quake = serde_json::json!({"url": "https://example.org/q", "published": "2024-05-06",
        "text": "A strong earthquake struck the mountain province on Sunday, killing at least 12 \
                 people and destroying hundreds of homes, officials said."});
    let a = articles(&p, &quake.to_string());
    let events = p.analyse(&a[0]).events;
    let hazard = events
        .iter()
        .find(|e| e.kind == beacon_model::EventType::Hazard);
    assert!(hazard.is_some_and(|h| h.fatalities.is_some()), "{events:?}");
}

/// The first event of a one-sentence article: its type, modality and
/// actors.
fn first_event(p: &Pipeline, text: &str) -> (String, String, Vec<String>) {
    let line = serde_json::json!({"url": "https://example.org/t", "published": "2024-05-06", "text": text});
    let a = articles(p, &line.to_string());
    let events = p.analyse(&a[0]).events;
    let e = events
        .first()
        .unwrap_or_else(|| panic!("no event in {text}"));
    (
        e.kind.as_str().to_owned(),
        e.modality.as_str().to_owned(),
        e.actor.iter().map(|x| x.text.clone()).collect(),
    )
}

#[test]
fn modality_comes_from_the_governing_verb() {
    let p = Pipeline::new(Config {
        parse: true,
        ..Config::default()
    });
    // intent: the attack has not happened, and its actor is the one who wants it
    let (_, m, actor) = first_event(
        &p,
        "The militia wants to attack the airport before the election, a commander told reporters.",
    );
    assert_eq!(m, "anticipated");
    assert_eq!(actor, ["militia"]);
    // a claim reported as such
    let (_, m, _) = first_event(
        &p,
        "The defence ministry claimed on Tuesday that government forces had shelled rebel camps near the river.",
    );
    assert_eq!(m, "claimed");
    // a meeting put off has not taken place
    let (kind, m, _) = first_event(
        &p,
        "The foreign ministers postponed their meeting in Geneva until next month, officials said.",
    );
    assert_eq!((kind.as_str(), m.as_str()), ("CONSULT", "anticipated"));
}

#[test]
fn an_actor_is_the_subject_phrase_not_a_fragment() {
    // "The navy fired two" was the actor of "missiles"
    let p = Pipeline::new(Config {
        parse: true,
        ..Config::default()
    });
    let (_, m, actor) = first_event(
        &p,
        "The navy fired two missiles at the port of Hodeidah on Thursday, the coalition said.",
    );
    assert_eq!(m, "occurred");
    assert_eq!(actor, ["navy"]);
}

/// The sides of an armed clash, without a parse: border guards who clashed
/// (armed forces named: no everyday sense of "clash" to judge), the city
/// shells were fired at, the peacekeepers a construction's gap holds.
#[test]
fn the_sides_of_a_clash_without_a_parse() {
    let p = Pipeline::new(Config::default());
    let sides = |text: &str| {
        let line = serde_json::json!({"url": "https://example.org/c", "published": "2024-05-06", "text": text});
        let a = articles(&p, &line.to_string());
        let events = p.analyse(&a[0]).events;
        let e = events
            .iter()
            .find(|e| e.kind == beacon_model::EventType::Fight)
            .unwrap_or_else(|| panic!("no FIGHT in {text}: {events:?}"));
        let texts = |x: &[beacon_model::EventActor]| -> Vec<String> {
            x.iter().map(|a| a.text.clone()).collect()
        };
        (texts(&e.actor), texts(&e.target))
    };
    let (actor, _) = sides(
        "Tajik border guards clashed with Afghan smugglers on the Panj river on Sunday, the border service said.",
    );
    assert_eq!(actor, ["Tajik border guards"]);
    let (actor, target) = sides("North Korea fired two artillery shells at Seoul on Friday.");
    assert_eq!(
        (actor, target),
        (vec!["North Korea".to_owned()], vec!["Seoul".to_owned()])
    );
    let (actor, target) =
        sides("Rebels engaged UN peacekeepers in a firefight near Goma on Sunday, the UN said.");
    assert_eq!(actor, ["Rebels"]);
    assert_eq!(target, ["UN"]);
}

/// A break of diplomatic relations is coded however short its article: the
/// relevance gate, made for violent words in sport and business, does not
/// judge words with no everyday sense; a club's ties with a sponsor stay
/// no event.
#[test]
fn a_break_of_diplomatic_relations_passes_the_relevance_gate() {
    let p = Pipeline::new(Config::default());
    let kinds = |text: &str| -> Vec<beacon_model::EventType> {
        let line = serde_json::json!({"url": "https://example.org/d", "text": text}).to_string();
        let a = articles(&p, &line);
        p.analyse(&a[0])
            .events
            .into_iter()
            .map(|e| e.kind)
            .collect()
    };
    for text in [
        "Qatar severed diplomatic relations with Egypt.",
        "Bahrain expelled the Iranian ambassador.",
    ] {
        let k = kinds(text);
        assert!(
            k.contains(&beacon_model::EventType::Sanction)
                || k.contains(&beacon_model::EventType::Coerce),
            "{text}: {k:?}"
        );
    }
    assert!(kinds("The club severed ties with its shirt sponsor.").is_empty());
}

/// The namesakes and non-places of issue 17's failure kinds, in sentences
/// of the team's own: the article's own geography picks the namesake (a
/// city, not its state; the US town a state abbreviation names), and
/// surnames and peoples are no places.
#[test]
fn the_articles_geography_picks_the_namesake() {
    let p = Pipeline::new(Config::default());
    let places = |text: &str| -> Vec<(String, Option<String>, Option<String>, String)> {
        let line = serde_json::json!({"url": "https://example.org/g", "text": text}).to_string();
        let a = articles(&p, &line);
        p.analyse(&a[0])
            .mentions
            .into_iter()
            .filter(|m| m.lat.is_some())
            .map(|m| {
                let precision = serde_json::to_value(m.precision)
                    .ok()
                    .and_then(|v| v.as_str().map(str::to_owned))
                    .unwrap_or_default();
                (m.text, m.admin1, m.country, precision)
            })
            .collect()
    };
    let place = |text: &str, name: &str| {
        let all = places(text);
        all.iter()
            .find(|(t, ..)| t == name)
            .cloned()
            .unwrap_or_else(|| panic!("{name} is no place in {text:?}: {all:?}"))
    };
    let is = |text: &str, name: &str, admin1: &str, country: &str, precision: &str| {
        let (_, a, c, p) = place(text, name);
        assert_eq!(
            (a.as_deref(), c.as_deref(), p.as_str()),
            (Some(admin1), Some(country), precision),
            "{name} in {text:?}"
        );
    };
    // the city, not its state or governorate
    is(
        "The mayor of New York City met tenants in Brooklyn on Monday.",
        "New York City",
        "New York",
        "US",
        "point",
    );
    is(
        "Rebels shelled the cities of Homs and Aleppo, activists in Syria said.",
        "Aleppo",
        "Aleppo",
        "SY",
        "point",
    );
    is(
        "Floods in Lagos forced thousands from their homes, Nigerian officials said.",
        "Lagos",
        "Lagos",
        "NG",
        "point",
    );
    // the namesake a state's abbreviation or the article's places name
    is(
        "A man was shot in Louisville, Ky., late on Sunday, police said.",
        "Louisville",
        "Kentucky",
        "US",
        "point",
    );
    is(
        "JORDAN, Minn. - Fire crews from Shakopee and Prior Lake helped in Jordan.",
        "Shakopee",
        "Minnesota",
        "US",
        "point",
    );
    is(
        "JORDAN, Minn. - Fire crews from Shakopee and Prior Lake helped in Jordan.",
        "Jordan",
        "Minnesota",
        "US",
        "point",
    );
    is(
        "Commissioners met in Lebanon, Pa., and officials from Harrisburg came.",
        "Lebanon",
        "Pennsylvania",
        "US",
        "point",
    );
    is(
        "The minister flew from Paris to London and then to Berlin.",
        "London",
        "England",
        "GB",
        "point",
    );
    // surnames, a weather pattern and a people are no places
    for (text, word) in [
        (
            "Detective Mark Kelly said the suspect fled. Kelly added that officers found a gun.",
            "Kelly",
        ),
        (
            "El Niño brought heavy rains to Peru and Ecuador this winter.",
            "El Niño",
        ),
        (
            "Igbo leaders in Enugu called for calm after clashes in the southeast.",
            "Igbo",
        ),
    ] {
        assert!(
            places(text).iter().all(|(t, ..)| t != word),
            "{word} placed in {text:?}: {:?}",
            places(text)
        );
    }
}

/// One country's attack on another is coded when someone reports it ("the
/// US said that Iraq had attacked Kuwait": the sense model read attacks in
/// reported speech as attacks in words); an attack on a policy stays none.
#[test]
fn a_reported_attack_of_a_state_on_a_state_is_coded() {
    let p = Pipeline::new(Config::default());
    let events = |text: &str| {
        let line = serde_json::json!({"url": "https://example.org/s", "text": text}).to_string();
        let a = articles(&p, &line);
        p.analyse(&a[0]).events
    };
    let e = events("The US said that Iraq had attacked Kuwait.");
    let attack = e
        .iter()
        .find(|e| e.kind == beacon_model::EventType::Assault)
        .unwrap_or_else(|| panic!("no attack: {e:#?}"));
    assert_eq!(attack.actor[0].text, "Iraq");
    assert_eq!(attack.target[0].text, "Kuwait");
    let e = events("China attacked the US over its tariffs on steel.");
    assert!(e.iter().all(|e| !beacon_events::alarming(e.kind)), "{e:#?}");
}
