//! The coder on small invented texts, with mentions given by hand.

use super::*;
use beacon_model::Published;

fn article(text: &str) -> Article {
    Article {
        origin: "test".into(),
        published: Some(Published {
            value: "2015-10-28".into(),
            precision: Precision::Day,
            basis: beacon_model::DateBasis::Text,
            confidence: 0.9,
        }),
        ..Article::from_text("a1", text)
    }
}

/// A mention of `name` (its first occurrence) of `kind`.
fn mention(text: &str, name: &str, kind: MentionKind) -> Mention {
    let byte = text.find(name).expect("name in text");
    let start = text[..byte].chars().count();
    let mut m = Mention::new(name, start, start + name.chars().count(), kind, 0.9, "test");
    if matches!(kind, MentionKind::Country | MentionKind::Place) {
        m.lat = Some(1.0);
        m.lon = Some(1.0);
        m.precision = Some(if kind == MentionKind::Country {
            PlacePrecision::Country
        } else {
            PlacePrecision::Point
        });
    }
    m
}

fn code(text: &str, names: &[(&str, MentionKind)]) -> Vec<Event> {
    let a = article(text);
    let ms: Vec<Mention> = names.iter().map(|(n, k)| mention(text, n, *k)).collect();
    events(&a, &ms, &[])
}

use MentionKind::*;

#[test]
fn who_did_what_to_whom() {
    let e = code(
        "Taliban fighters attacked a police post in Kunduz on Tuesday.",
        &[("Taliban", ArmedGroup), ("Kunduz", Place)],
    );
    assert_eq!(e.len(), 1, "{e:#?}");
    assert_eq!(e[0].kind, EventType::Assault);
    assert_eq!(e[0].modality, Modality::Occurred);
    assert_eq!(e[0].actor[0].text, "Taliban");
    assert_eq!(e[0].location.as_ref().unwrap().name, "Kunduz");
}

#[test]
fn negation_denial_and_hypotheticals() {
    let names = [("Hamas", ArmedGroup), ("Israel", Country)];
    let e = code("Hamas did not attack Israel.", &names);
    assert_eq!(e[0].modality, Modality::Denied);
    let e = code("Hamas denied carrying out the attack on Israel.", &names);
    assert_eq!(
        (e[0].kind, e[0].modality),
        (EventType::Assault, Modality::Denied)
    );
    assert_eq!(e[0].actor[0].text, "Hamas");
    let e = code("Hamas could strike Israel within days.", &names);
    assert_eq!(
        (e[0].kind, e[0].modality),
        (EventType::Assault, Modality::Hypothetical)
    );
    let e = code("Hamas threatened to attack Israel.", &names);
    assert_eq!(e.len(), 1, "{e:#?}");
    assert_eq!(
        (e[0].kind, e[0].modality),
        (EventType::Threaten, Modality::Occurred)
    );
    assert_eq!(e[0].target[0].text, "Israel");
}

/// The verb that governs the trigger, without a parse: intent and threat
/// before it ("wants to attack"), a meeting put off or called off after it.
#[test]
fn intent_before_and_postponement_after_set_the_modality() {
    let names = [("Hamas", ArmedGroup), ("Israel", Country)];
    for text in [
        "Hamas wants to attack Israel, its leaders say.",
        "Hamas is seeking to attack Israel.",
        "Hamas vowed to attack Israel again.",
    ] {
        let e = code(text, &names);
        let assault = e.iter().find(|e| e.kind == EventType::Assault);
        assert_eq!(
            assault.map(|e| e.modality),
            Some(Modality::Anticipated),
            "{text}: {e:#?}"
        );
    }
    let meeting = |text: &str| {
        code(text, &[])
            .into_iter()
            .find(|e| e.kind == EventType::Consult)
            .map(|e| e.modality)
    };
    assert_eq!(
        meeting("The meeting between the two presidents was postponed until next month."),
        Some(Modality::Anticipated)
    );
    assert_eq!(
        meeting("The meeting between the two ministers has been cancelled."),
        Some(Modality::Denied)
    );
    assert_eq!(
        meeting("The meeting between the two presidents was held in Astana."),
        Some(Modality::Occurred)
    );
}

#[test]
fn a_warning_passes_on_an_anticipated_event_and_its_speaker() {
    let text = "The FSB has warned that Taliban fighters may invade Tajikistan.";
    let e = code(
        text,
        &[
            ("FSB", Organization),
            ("Taliban", ArmedGroup),
            ("Tajikistan", Country),
        ],
    );
    assert_eq!(e.len(), 1, "{e:#?}");
    assert_eq!(e[0].kind, EventType::Fight);
    assert_eq!(e[0].modality, Modality::Anticipated);
    assert_eq!(e[0].actor[0].text, "Taliban");
    assert_eq!(e[0].target[0].text, "Tajikistan");
    assert_eq!(e[0].source_of_claim.as_ref().unwrap().text, "FSB");
}

#[test]
fn intent_to_cooperate_is_an_agree() {
    let e = code(
        "The German foreign minister will visit Albania in June.",
        &[("Albania", Country)],
    );
    assert_eq!(e[0].kind, EventType::Agree);
    assert_eq!(e[0].actor[0].text, "German foreign minister");
}

/// Material cooperation the CAMEO manual codes: sanctions and embargoes
/// lifted or ended, strikes called off, joint exercises, evidence shared.
#[test]
fn easing_and_joint_acts_are_material_cooperation() {
    for (text, kind) in [
        (
            "Japan lifted its remaining sanctions on Iran on Friday.",
            EventType::Concede,
        ),
        (
            "Washington ended restrictions on money sent to relatives.",
            EventType::Concede,
        ),
        (
            "Public workers called off their strike and accepted the pay deal.",
            EventType::Concede,
        ),
        (
            "The two armies began joint military exercises in the desert.",
            EventType::Cooperate,
        ),
        (
            "Federal investigators shared evidence with their Indian colleagues.",
            EventType::Cooperate,
        ),
        (
            "The government announced $33 million in assistance for flood victims.",
            EventType::Aid,
        ),
        (
            "The donors handed over medical equipment and medicines to the ministry.",
            EventType::Aid,
        ),
        (
            "Customs officers returned stolen antiquities to the government of Iraq.",
            EventType::Concede,
        ),
        (
            "The rebels handed over their last weapons to the monitors.",
            EventType::Concede,
        ),
        (
            "The militia returned the seized weapons to the army.",
            EventType::Concede,
        ),
        (
            "The parliament ratified the border agreement on Tuesday.",
            EventType::Agree,
        ),
        (
            "The two countries upgraded their diplomatic ties.",
            EventType::Support,
        ),
    ] {
        assert!(kinds(text).contains(&kind), "{text}: {:?}", kinds(text));
    }
}

/// Shows and uses of force the CAMEO manual codes as material conflict.
#[test]
fn ceasefire_violations_blockades_and_exercises_are_conflict() {
    for (text, kind) in [
        (
            "Government forces violated the ceasefire 80 times this morning.",
            EventType::Fight,
        ),
        (
            "The navy imposed a blockade on the rebel-held port.",
            EventType::Coerce,
        ),
        (
            "Russian troops are conducting military exercises near the border.",
            EventType::Mobilize,
        ),
        (
            "Washington imposed new sanctions on the shipping firm.",
            EventType::Sanction,
        ),
    ] {
        assert!(kinds(text).contains(&kind), "{text}: {:?}", kinds(text));
    }
}

/// A comment on an act and a denial of accusations are statements: no event.
#[test]
fn comments_and_denials_of_accusations_code_no_event() {
    for text in [
        "The ministry said it is skeptical about the rebels providing aid to the villages.",
        "The government fiercely rejected accusations that it had covered up the outbreak.",
        "The embassy denied charges by the opposition that it had funded the campaign.",
    ] {
        let e = code(text, &[]);
        assert!(e.is_empty(), "{text}: {e:#?}");
    }
    // a rejection of a proposal stays one
    let e = code("The government rejected the proposal for a ceasefire.", &[]);
    assert!(e.iter().any(|e| e.kind == EventType::Reject), "{e:#?}");
}

/// Refusing a cooperative act is a rejection, not a denied act.
#[test]
fn a_refusal_to_cooperate_is_a_rejection() {
    for text in [
        "The president said he will not lift the embargo until reforms begin.",
        "The junta refused to release the detained opposition leaders.",
    ] {
        let e = code(text, &[]);
        assert!(
            e.iter().any(|e| e.kind == EventType::Reject),
            "{text}: {e:#?}"
        );
    }
    // a plain negation stays a denied act
    let e = code("The ministry did not release the report.", &[]);
    assert!(e.iter().all(|e| e.kind != EventType::Reject), "{e:#?}");
}

/// The act an appeal's infinitive names was asked for, not done: "urged X
/// to repatriate", "called on Y to release" are demands (CAMEO's appeal),
/// whatever the act; an act the appeal's object is described by, or the
/// "to" of a question asked, is not.
#[test]
fn what_an_appeal_asks_for_is_a_demand() {
    for text in [
        "The governor urged the neighbouring province to hand over the smugglers hiding there.",
        "Nationalist deputies called on the government to expel the foreign correspondents.",
        "The opposition asked the army to withdraw from the city.",
    ] {
        let k = kinds(text);
        assert!(k.contains(&EventType::Demand), "{text}: {k:?}");
        assert!(alarms(text).is_empty(), "{text}: {k:?}");
    }
    // an arrest that was made, named in the object of the appeal
    let k = kinds("Lawyers urged the court to free all the arrested students.");
    assert!(k.contains(&EventType::Coerce), "{k:?}");
    // "asked why … had to": a question, not an appeal for the act
    let k = kinds("The president asked why police had to detain the strikers.");
    assert!(k.contains(&EventType::Coerce), "{k:?}");
}

/// A subject left out ("…, but was still refusing") is no actor "was
/// still".
#[test]
fn auxiliaries_are_no_actor() {
    let e = code(
        "Benin opened its borders to West Africans, but was still refusing entry to Ghanaians.",
        &[("Benin", Country)],
    );
    assert!(
        e.iter()
            .all(|e| e.actor.iter().all(|a| a.text != "was still")),
        "{e:#?}"
    );
}

/// A pause in the bombing is no bombing going on, with or without the
/// parse (which reads the governing noun): the words before say so too.
#[test]
fn a_pause_in_the_bombing_is_no_bombing() {
    for text in [
        "A pause in the bombing of Aleppo let aid convoys in on Monday.",
        "The halt to the shelling of the port held through the night.",
    ] {
        let e = code(text, &[]);
        assert!(
            e.iter()
                .filter(|e| alarming(e.kind))
                .all(|e| e.modality == Modality::Denied),
            "{text}: {e:#?}"
        );
    }
    let e = code("Jets resumed the bombing of Aleppo on Monday.", &[]);
    assert!(e.iter().any(|e| e.modality == Modality::Occurred), "{e:#?}");
}

/// What is received is done by the giver to the receiver: "Afghanistan
/// received aid from Japan" is Japan's aid to Afghanistan, and "such a step
/// enjoyed wide support" has no actor "such a step enjoyed wide".
#[test]
fn a_received_act_is_the_givers() {
    let e = code(
        "Afghanistan received aid from Japan.",
        &[("Afghanistan", Country), ("Japan", Country)],
    );
    assert_eq!(e[0].kind, EventType::Aid, "{e:#?}");
    assert_eq!(e[0].actor[0].text, "Japan");
    assert_eq!(e[0].target[0].text, "Afghanistan");
    let e = code("The rebels won support from Iran.", &[("Iran", Country)]);
    assert_eq!(e[0].actor[0].text, "Iran", "{e:#?}");
    let e = code("Diplomats said such a step enjoyed wide support.", &[]);
    assert!(
        e.iter()
            .all(|e| e.actor.iter().all(|a| !a.text.contains("enjoyed"))),
        "{e:#?}"
    );
    // accepting is an act of one's own
    let e = code(
        "The Taliban accepted the ceasefire.",
        &[("Taliban", ArmedGroup)],
    );
    assert_eq!(e[0].actor[0].text, "Taliban", "{e:#?}");
}

/// A hyphen inside a word opens no dateline: the actor of "A 40-page report
/// accused …" is the whole phrase, not "page report".
#[test]
fn a_hyphenated_word_is_no_dateline() {
    let e = code(
        "A 40-page report accused the army of torturing detainees.",
        &[],
    );
    let d = e
        .iter()
        .find(|e| e.kind == EventType::Disapprove)
        .expect("the accusation");
    assert_eq!(d.actor[0].text, "40-page report", "{e:#?}");
    let e = code(
        "KABUL - Taliban fighters attacked a checkpoint on Monday.",
        &[],
    );
    assert_eq!(e[0].actor[0].text, "Taliban fighters", "{e:#?}");
}

/// Protesters who receive something are who has it, not a protest held.
#[test]
fn protesters_receiving_weapons_hold_no_protest() {
    for text in [
        "Demonstrators in the square received weapons from army officers.",
        "The protesters were given blankets by the residents.",
    ] {
        let k = kinds(text);
        assert!(!k.contains(&EventType::Protest), "{text}: {k:?}");
    }
    let k = kinds("Thousands of demonstrators marched to the parliament.");
    assert!(k.contains(&EventType::Protest), "{k:?}");
}

/// A hope for what others may do is a comment, no event; a hope to act is
/// an intent.
#[test]
fn a_hope_for_talks_is_no_talks() {
    for text in [
        "The government said it hoped for more talks with the rebels.",
        "The foreign minister hopes the two neighbours will sign a trade agreement.",
    ] {
        let k = kinds(text);
        assert!(k.is_empty(), "{text}: {k:?}");
    }
    let k = kinds("The minister hopes to meet his Tajik counterpart next week.");
    assert!(!k.is_empty(), "{k:?}");
}

/// Asking for a cooperative act is a request (CAMEO's appeal), not the act.
#[test]
fn a_request_to_cooperate_is_a_demand() {
    let e = code(
        "El Salvador on Monday requested an urgent meeting of the regional council.",
        &[("El Salvador", Country)],
    );
    assert_eq!(e[0].kind, EventType::Demand, "{e:#?}");
    assert_eq!(e[0].actor[0].text, "El Salvador");
}

#[test]
fn compound_actors_and_the_passive() {
    let e = code(
        "The United States and Jordan have agreed a new trade pact.",
        &[("United States", Country), ("Jordan", Country)],
    );
    assert_eq!(e[0].kind, EventType::Agree);
    assert_eq!(e[0].actor.len(), 2, "{:?}", e[0].actor);
    let e = code(
        "Two journalists were arrested by the NDS in Kabul.",
        &[("NDS", Organization), ("Kabul", Place)],
    );
    assert_eq!(e[0].kind, EventType::Coerce);
    assert_eq!(e[0].actor[0].text, "NDS");
    assert_eq!(e[0].target[0].text, "Two journalists");
    // passive with no agent: the subject was acted on, the actor is unknown
    let e = code(
        "Five police officers were killed in Kunduz on Monday.",
        &[("Kunduz", Place)],
    );
    assert_eq!(e[0].kind, EventType::Assault);
    assert!(e[0].actor.is_empty(), "{:?}", e[0].actor);
    assert_eq!(e[0].target[0].text, "Five police officers");
    // a stance is not a passive
    let e = code(
        "Israel is opposed to French mediation in the talks.",
        &[("Israel", Country)],
    );
    assert_eq!(e[0].actor[0].text, "Israel");
}

#[test]
fn background_is_historical() {
    let text = "The group carried out an attack on Karachi airport in 2014.";
    let a = article(text);
    let ms = vec![mention(text, "Karachi", Place)];
    let start = text.find("2014").unwrap();
    let times = vec![TimeExpression {
        text: "2014".into(),
        start,
        end: start + 4,
        value: "2014".into(),
        kind: TimexType::Date,
        modifier: None,
        anchor: None,
    }];
    let e = events(&a, &ms, &times);
    assert!(e[0].historical, "{e:#?}");
    assert_eq!(e[0].date.as_ref().unwrap().value, "2014");
}

#[test]
fn empty_and_odd_input() {
    assert!(code("", &[]).is_empty());
    let _ = code("attack attack attack ; , , by by was", &[]);
    // one sentence two thousand times tells one attack
    let long = "Militants attacked the town and clashed with troops. ".repeat(2000);
    let e = code(&long, &[]);
    assert_eq!(
        e.len(),
        1,
        "{:?}",
        e.iter().map(|e| e.kind).collect::<Vec<_>>()
    );
    let retold = |e: &Event| e.explain.iter().filter(|x| x.rule == "told_again").count();
    assert_eq!(retold(&e[0]), 1999);
    // two thousand attacks of two thousand tolls are two thousand events
    let long: String = (1..=2000)
        .map(|i| format!("Militants attacked the town, killing {i} people. "))
        .collect();
    assert_eq!(code(&long, &[]).len(), 2000);
}

#[test]
fn the_toll_goes_to_the_harmful_event_of_its_sentence_or_the_one_before() {
    let e = code(
        "Gunmen attacked a market in Kano, killing at least 12 people and wounding 30.",
        &[("Kano", Place)],
    );
    let f = e[0].fatalities.as_ref().unwrap();
    assert_eq!((f.min, f.max), (12, None));
    assert_eq!(e[0].injured.as_ref().unwrap().min, 30);
    let e = code(
        "Militants stormed a checkpoint near Kano on Monday. Five soldiers died and two were hurt.",
        &[("Kano", Place)],
    );
    assert_eq!(e.len(), 1, "{e:#?}");
    assert_eq!(e[0].fatalities.as_ref().unwrap().min, 5);
    assert_eq!(e[0].injured.as_ref().unwrap().min, 2);
    // A toll in a sentence of its own event is not the earlier one's.
    let e = code(
        "Troops clashed with rebels in Kano. Separately, police arrested 12 people.",
        &[("Kano", Place)],
    );
    assert!(e[0].fatalities.is_none(), "{e:#?}");
}

#[test]
fn harm_from_a_hazard_is_no_ones_act() {
    let e = code(
        "A strong earthquake killed eight people in Java on Tuesday.",
        &[("Java", Place)],
    );
    assert_eq!(e.len(), 1, "{e:#?}");
    assert_eq!(e[0].kind, EventType::Hazard);
    assert!(e[0].actor.is_empty() && e[0].target.is_empty(), "{e:#?}");
    assert_eq!(e[0].fatalities.as_ref().map(|c| c.min), Some(8));
    let e = code(
        "Gunmen killed eight people in Java after the earthquake.",
        &[("Java", Place)],
    );
    assert_eq!(e.len(), 1, "{e:#?}");
    assert_eq!(e[0].kind, EventType::Assault);
}

#[test]
fn a_disaster_is_a_hazard_with_its_toll_not_an_attack() {
    let text =
        "A strong earthquake struck eastern Turkey on Monday, killing 12 people and injuring 40.";
    let got = code(text, &[("Turkey", MentionKind::Country)]);
    assert_eq!(got.len(), 1, "{got:?}");
    let e = &got[0];
    assert_eq!(e.kind, EventType::Hazard);
    assert_eq!(e.mode.as_deref(), Some("earthquake"));
    assert_eq!(e.sub_type.as_deref(), Some("NATURAL_DISASTER"));
    assert!(e.actor.is_empty() && e.category.is_none());
    assert_eq!(e.fatalities.as_ref().map(|c| c.min), Some(12));
    assert_eq!(e.injured.as_ref().map(|c| c.min), Some(40));
    // a man-made one, named by its words alone
    let text =
        "A fire broke out at a chemical plant outside the city on Tuesday, killing three workers.";
    let got = code(text, &[]);
    assert_eq!(got.len(), 1, "{got:?}");
    assert_eq!(got[0].kind, EventType::Hazard);
    assert_eq!(got[0].sub_type.as_deref(), Some("MAN_MADE_DISASTER"));
    assert_eq!(got[0].fatalities.as_ref().map(|c| c.min), Some(3));
}

#[test]
fn a_blaze_that_attackers_set_is_their_attack() {
    let text = "Gunmen set fire to a police post in the town, and the blaze killed two officers.";
    let got = code(text, &[]);
    assert!(got.iter().any(|e| e.kind == EventType::Assault), "{got:?}");
    assert!(got.iter().all(|e| e.kind != EventType::Hazard), "{got:?}");
}

#[test]
fn a_curfew_or_a_ban_is_no_arrest() {
    for text in [
        "Authorities imposed a curfew on the old town on Friday.",
        "The government banned all rallies in the capital.",
    ] {
        let got = code(text, &[]);
        assert!(
            got.iter()
                .any(|e| e.kind == EventType::Coerce && e.sub_type.as_deref() == Some("OTHER")),
            "{text}: {got:?}"
        );
        assert!(
            got.iter().all(|e| e.sub_type.as_deref() != Some("ARREST")),
            "{text}: {got:?}"
        );
    }
    let got = code("Police arrested twelve men in the old town on Friday.", &[]);
    assert!(
        got.iter().any(|e| e.sub_type.as_deref() == Some("ARREST")),
        "{got:?}"
    );
}

#[test]
fn illnesses_flames_and_falls_are_no_attacks() {
    // an illness, not an assault
    let e = code(
        "The singer died on Sunday after suffering a heart attack.",
        &[],
    );
    assert!(e.iter().all(|e| e.kind != EventType::Assault), "{e:#?}");
    // flames, not gunfire
    let e = code(
        "A guard saw flames shooting out from the roof of the depot.",
        &[],
    );
    assert!(e.iter().all(|e| e.kind != EventType::Assault), "{e:#?}");
    // a fall is an accident: a hazard with its toll, no one's act
    let e = code(
        "Two British climbers were killed after falling 600 metres on the mountain.",
        &[],
    );
    assert!(e.iter().all(|e| e.kind != EventType::Assault), "{e:#?}");
    assert!(
        e.iter()
            .any(|e| e.kind == EventType::Hazard && e.fatalities.is_some()),
        "{e:#?}"
    );
    // an attack on a heart surgeon is still an attack
    let e = code(
        "Gunmen attacked a heart surgeon outside the hospital on Monday.",
        &[],
    );
    assert!(e.iter().any(|e| e.kind == EventType::Assault), "{e:#?}");
}

#[test]
fn the_news_of_a_sentence_is_more_certain_than_its_background() {
    // the curfew is the news; the demonstration before it is background
    let e = code(
        "Authorities imposed a curfew on the town after a demonstration on Sunday.",
        &[],
    );
    let best = e
        .iter()
        .reduce(|b, x| if x.confidence > b.confidence { x } else { b })
        .expect("events");
    assert_eq!(best.kind, EventType::Coerce, "{e:#?}");
    // a trigger inside a name is no event of weight: the council's name
    let e = code(
        "The Gulf Cooperation Council agreed to fund the new port on Monday.",
        &[("Gulf Cooperation Council", Organization)],
    );
    let best = e
        .iter()
        .reduce(|b, x| if x.confidence > b.confidence { x } else { b })
        .expect("events");
    assert_ne!(best.kind, EventType::Cooperate, "{e:#?}");
}

#[test]
fn ties_restored_and_broken_off_are_events() {
    let e = code(
        "The two countries restored diplomatic relations on Friday after a five-year rift.",
        &[],
    );
    assert!(e.iter().any(|e| e.kind == EventType::Support), "{e:#?}");
    let e = code(
        "The government broke off diplomatic ties with its neighbour on Tuesday.",
        &[],
    );
    assert!(e.iter().any(|e| e.kind == EventType::Sanction), "{e:#?}");
}

/// The kinds of every event coded in `text`.
fn kinds(text: &str) -> Vec<EventType> {
    code(text, &[]).into_iter().map(|e| e.kind).collect()
}

/// The kinds of the violent or coercive events coded in `text`.
fn alarms(text: &str) -> Vec<EventType> {
    kinds(text).into_iter().filter(|k| alarming(*k)).collect()
}

#[test]
fn everyday_senses_of_violent_words_code_no_violence() {
    for text in [
        // deals and chords struck, batters struck out
        "The two carmakers struck a supply deal on Monday.",
        "Kazakhstan strikes a new grain agreement with Egypt.",
        "The ballad struck a chord with older listeners.",
        // orders executed, attacks in words, in court or on computers
        "Officers executed a search warrant at the warehouse.",
        "The coach launched a scathing attack on the referee after the match.",
        "Hackers used the botnet for denial of service attacks last year.",
        "The union led an attack on the new software patents rule.",
        // wildlife harmed or threatened
        "The dams would threaten imperiled species along the river.",
        "The permit allows the firm to harm or kill a protected species.",
        // threats to go to court
        "The company threatened to sue the state for $28bn.",
        "The threat of legal action from the firm delayed the sale.",
        // criticism of policies, plans and words
        "The opposition leader attacked the government's new spending plans.",
        "Minister blasts rival party's tax pledges",
        "The senator attacked the president's handling of the floods.",
        // contests without arms
        "The brothers are locked in a legal battle over the estate.",
        "She fought cancer for ten years.",
        "The firm began a charm offensive before the vote on its licence.",
        "Critics found the advert deeply offensive.",
        "He spent two years as offensive coordinator in Ohio.",
        // shots that score, heal or show
        "Garcia shot a 66 on Friday to lead by two strokes.",
        "The sprinter will get her shot at the world title next month.",
        "Pharmacies ran short of the flu shot in October.",
        "The actor shot his new film in Morocco last year.",
        "The crew shot the opening scenes in Almaty in May.",
        "The mayor sent a shot across the bow of the city council.",
        // bodies hurt at play, bills killed, products demonstrated
        "The striker injured his hamstring in training.",
        "Senators killed the bill on Tuesday.",
        "Viewers watched the soap's villain killed off on Friday.",
        "Engineers demonstrated the new robot at the fair.",
        "The Olympic torch arrived in Athens on Friday.",
        "United stormed to victory with two late goals.",
        "The telescope captured the eclipse on film.",
        "Fans invaded the pitch after the final whistle.",
        "The studio pushed back the release of the film to June.",
        // a deal blocked, not a road; a threat no one makes
        "The regulator blocked the merger of the two banks.",
        "Rising oil prices threatened the recovery of the airline industry.",
        // trials and athletes suspended, practices banned
        "The trial was suspended after the lawyer fell ill.",
        "The federation suspended the two sprinters for missing drugs tests.",
        "Parliament voted to ban smoking in restaurants.",
        // an event remembered
        "The city marked the anniversary of the assassination quietly.",
        // warnings of dangers, harms averted, campaigns, dismissals
        "Experts warned that thousands of jobs could be lost next year.",
        "The new filter cannot prevent pollution of the river.",
        "The agency was set up in 2003, aimed at fighting fraud in the ministries.",
        "The referee gave the defender his marching orders.",
        // a golf round written with its par, an anniversary of a long name
        "Larsen shot a 7-under-par 64 and leads the Dutch Open.",
        "The 30th anniversary of President Maria Okonkwo 's assassination passed quietly.",
        // sanctions lifted or avoided, harms named in general
        "The council scrapped most of its trade sanctions on the island.",
        "Tajikistan hopes to avoid sanctions by paying the debt.",
        "The bank says its clients are vulnerable to identity theft.",
        "The new cameras aim at a reduction in car theft in the centre.",
        "The minister vowed to tackle corruption in the customs service.",
        "Shipping firms buy insurance to protect against piracy.",
        // a threatened species, laws struck down, critics' attacks, a decline arrested
        "The lynx was listed as threatened in 2010.",
        "Herders say threatened and endangered species share their pastures.",
        "The court struck down the rule on water permits.",
        "The senator called the new budget an assault on the constitution.",
        "Campaigners attack the channel's new game show.",
        "The reforms did not arrest the decline of the steel town.",
        // climbers killed in falls: a hazard
        "Two climbers killed in falls on Peak Lenin.",
    ] {
        assert_eq!(alarms(text), Vec::<EventType>::new(), "{text}");
    }
}

#[test]
fn a_month_in_a_date_is_no_march() {
    let text = "March 04, 2009";
    let a = article(text);
    let start = text.find("March").expect("the date");
    let date = TimeExpression {
        text: text.into(),
        start,
        end: start + "March 04, 2009".len(),
        value: "2009-03-04".into(),
        kind: TimexType::Date,
        modifier: None,
        anchor: None,
    };
    let kinds = |times: &[TimeExpression]| -> Vec<EventType> {
        events(&a, &[], times).into_iter().map(|e| e.kind).collect()
    };
    // without the time layer the month reads as a march
    assert!(kinds(&[]).contains(&EventType::Protest));
    assert!(!kinds(&[date]).contains(&EventType::Protest));
}

#[test]
fn the_violent_senses_stay() {
    for (text, kind) in [
        (
            "Rebels struck an army convoy near the border.",
            EventType::Assault,
        ),
        (
            "Militants attacked the government's offices in Kunduz.",
            EventType::Assault,
        ),
        (
            "Insurgents engaged border guards in a firefight near the border.",
            EventType::Fight,
        ),
        (
            "The rebels fired anti-aircraft guns at a government helicopter.",
            EventType::Fight,
        ),
        (
            "Gunmen shot two policemen in the market.",
            EventType::Assault,
        ),
        (
            "Troops shot 12 protesters near the square.",
            EventType::Assault,
        ),
        (
            "Soldiers shot 60 people in the village.",
            EventType::Assault,
        ),
        (
            "Police shot a 12-year-old boy in the raid.",
            EventType::Assault,
        ),
        (
            "Soldiers shot partisans near the bridge.",
            EventType::Assault,
        ),
        (
            "Police shot a paramedic outside the hospital.",
            EventType::Assault,
        ),
        ("Troops fought rebels near the airport.", EventType::Fight),
        (
            "Protesters blocked the main road to the capital.",
            EventType::Protest,
        ),
        (
            "The government banned the opposition party.",
            EventType::Coerce,
        ),
        (
            "Italy announced a suspension of air links with Serbia.",
            EventType::Sanction,
        ),
        (
            "The army launched an offensive against the rebels.",
            EventType::Fight,
        ),
        (
            "The army deployed troops along the border.",
            EventType::Mobilize,
        ),
        (
            "The general warned that his troops would retaliate.",
            EventType::Threaten,
        ),
        (
            "Police prevented the marchers from reaching the square.",
            EventType::Coerce,
        ),
        (
            "The council imposed new sanctions on the island on Monday.",
            EventType::Sanction,
        ),
        (
            "Militants threatened to attack the checkpoint.",
            EventType::Threaten,
        ),
        (
            "Hundreds marched through the capital on 4 March.",
            EventType::Protest,
        ),
        ("Rebels attacked the town on Monday.", EventType::Assault),
    ] {
        assert!(alarms(text).contains(&kind), "{text}: {:?}", alarms(text));
    }
}

#[test]
fn a_mobilisation_moves_forces() {
    assert!(alarms("Microsoft deployed the update to millions of computers.").is_empty());
    assert!(alarms("The fund amassed a fortune in two years.").is_empty());
    assert!(alarms("A build-up of debt worries the bank.").is_empty());
    assert_eq!(
        alarms("Russia reinforced its troops on the frontier."),
        [EventType::Mobilize]
    );
}

#[test]
fn a_capitalised_trigger_inside_a_sentence_is_a_name() {
    // a company, a film; a headline in title case is still read
    assert!(alarms("Analysts expect Shell to report higher profits.").is_empty());
    assert!(alarms("Tarantino said Kill Bill would be released in two parts.").is_empty());
    assert!(!alarms("Rebels Attack Army Convoy Near Border").is_empty());
}

#[test]
fn an_arrest_for_an_ordinary_offence_is_not_political() {
    for text in [
        "The singer was arrested on a charge of driving under the influence.",
        "Police arrested the rapper after he was found with marijuana.",
        "Officers raided the homes of people suspected of software piracy.",
    ] {
        assert!(alarms(text).is_empty(), "{text}: {:?}", alarms(text));
    }
    // arrests of protesters or militants, and crimes themselves, are coded
    assert!(
        alarms("Police arrested forty protesters outside parliament.").contains(&EventType::Coerce)
    );
    assert_eq!(
        alarms("Police arrested two militants for drug smuggling."),
        [EventType::Coerce, EventType::Crime]
    );
    assert!(alarms("Customs seized counterfeit cosmetics worth $2m.").contains(&EventType::Crime));
    // the offence may be named in another sentence of the article
    let story = "Singer held after concert\n\nThe singer was arrested at his hotel on Tuesday. \
        His manager said the charge of credit card fraud was a mistake.";
    assert!(alarms(story).is_empty(), "{:?}", alarms(story));
    let political = "Singer held after concert\n\nThe singer was arrested at his hotel on Tuesday. \
        His manager said the charge of fraud was invented by the government to silence him.";
    assert!(alarms(political).contains(&EventType::Coerce));
}

#[test]
fn an_article_that_tells_one_happening_twice_gives_one_event() {
    let text = "Police arrest rap star\n\nThe rapper Joe Smith was arrested by police in Kabul \
        on Saturday. A spokesman said his arrest followed a search of his car.";
    let e = code(text, &[("Joe Smith", Person), ("Kabul", Place)]);
    let arrests: Vec<&Event> = e.iter().filter(|e| e.kind == EventType::Coerce).collect();
    assert_eq!(arrests.len(), 1, "{e:#?}");
    // it keeps the headline's sentence, and takes the lead's place
    assert!(arrests[0].evidence.text.starts_with("Police arrest"));
    assert_eq!(arrests[0].location.as_ref().unwrap().name, "Kabul");
    assert!(arrests[0].explain.iter().any(|x| x.rule == "told_again"));
    // two attacks with two tolls stay two
    let e = code(
        "Militants attacked a checkpoint, killing five soldiers. \
         Later militants attacked a market, killing two people.",
        &[],
    );
    assert_eq!(e.iter().filter(|e| e.kind == EventType::Assault).count(), 2);
}

#[test]
fn attacks_in_an_article_about_computers_are_on_systems() {
    let story = "Firms pool data on net attacks\n\nTwenty internet providers will share what \
        their software learns about attacks on their networks. Hackers rent out swarms of \
        home computers. \"Attacks are getting more sophisticated,\" a security adviser said.";
    assert!(alarms(story).is_empty(), "{:?}", alarms(story));
    // unless the sentence tells of bodies or weapons
    let bomb = "Firms pool data on net attacks\n\nTwenty internet providers will share what \
        their software learns. Hackers rent out swarms of home computers. Gunmen attacked \
        the company's office in Lagos, and two guards were killed.";
    assert!(
        alarms(bomb).contains(&EventType::Assault),
        "{:?}",
        alarms(bomb)
    );
    // and an article with no words of computers keeps its attacks
    assert!(
        alarms("Militants attacked a checkpoint near the border.").contains(&EventType::Assault)
    );
}

/// A place inside an armed group's name is the group's: no actor, target or
/// place of the event ("Islamic Movement of Uzbekistan" attacks in Kunduz,
/// not in Uzbekistan).
#[test]
fn a_place_inside_a_groups_name_is_not_where_it_happened() {
    let text = "The Islamic Movement of Uzbekistan attacked a checkpoint in Kunduz on Monday.";
    let group = mention(text, "Islamic Movement of Uzbekistan", ArmedGroup);
    let mut inside = mention(text, "Uzbekistan", Country);
    inside.usage = Some(MentionUse::Embedded);
    inside.country = Some("UZ".into());
    let mut kunduz = mention(text, "Kunduz", Place);
    kunduz.country = Some("AF".into());
    let mut ms = vec![group, inside, kunduz];
    ms.sort_by_key(|m| (m.start, m.end));
    let e = events(&article(text), &ms, &[]);
    let attack = e
        .iter()
        .find(|e| e.kind == EventType::Assault)
        .expect("the attack");
    assert_eq!(attack.actor.len(), 1, "{:?}", attack.actor);
    assert_eq!(attack.actor[0].text, "Islamic Movement of Uzbekistan");
    assert_eq!(
        attack.location.as_ref().map(|l| l.name.as_str()),
        Some("Kunduz")
    );
}

/// Violence and crime in an article about film, music or celebrities is
/// ordinary crime ACLED leaves out, unless its sentence names political
/// violence or weapons of war; a report on politics that names a film is
/// no such article.
#[test]
fn celebrity_crime_is_ordinary_crime() {
    let story = "Rapper held after studio shooting\n\nThe rapper, whose new album tops the charts, \
        was arrested after a man was shot outside the studio where his band records. Fans of the \
        singer gathered outside; his tour and a music award show were cancelled.";
    assert!(alarms(story).is_empty(), "{:?}", alarms(story));
    let bombing = "Bomb at pop concert\n\nA suicide bomber killed 22 people at a pop concert, the \
        singer's band said. Fans fled the arena; the tour, the album launch and a music award show \
        were cancelled.";
    assert!(
        alarms(bombing).contains(&EventType::Assault),
        "{:?}",
        alarms(bombing)
    );
    let politics = "Minister apologises\n\nThe minister apologised to the families. Their story \
        became a film that won an Oscar and was shown on television. All were arrested in 1974 \
        because of a family connection.";
    assert!(
        alarms(politics).contains(&EventType::Coerce),
        "{:?}",
        alarms(politics)
    );
}

/// In an article about business and markets, a fight, an attack or a crime
/// with no bodies, weapons, forces or political violence in its sentence is
/// a contest, criticism or white-collar crime ACLED leaves out.
#[test]
fn a_battle_for_market_share_is_no_fight() {
    let story = "Oil firm loses court bid\n\nShares in the company fell as investors sold. The \
        clash between the firm and the Kremlin came to a head last year, when its profits and \
        sales fell. Bank analysts said the market expects a takeover bid.";
    assert!(alarms(story).is_empty(), "{:?}", alarms(story));
    // and its fraud is no violent or coercive event
    let fraud = "Bank fined\n\nShares in the bank fell as investors sold. An accounting fraud \
        inflated its profits and sales, the company said; the market expects a takeover bid.";
    assert!(alarms(fraud).is_empty(), "{:?}", alarms(fraud));
    let raid = "Oil firm loses court bid\n\nShares in the company fell as investors sold. Gunmen \
        attacked the firm's pipeline and two guards were killed, the company said. Bank analysts \
        said the market expects profits and sales to fall.";
    assert!(
        alarms(raid).contains(&EventType::Assault),
        "{:?}",
        alarms(raid)
    );
}

#[test]
fn agreeing_with_someone_is_a_view_and_agreeing_on_something_an_agreement() {
    let names = [("Tajikistan", Country), ("Kyrgyzstan", Country)];
    let types = |text: &str| -> Vec<EventType> {
        let here: Vec<(&str, MentionKind)> = names
            .iter()
            .filter(|(n, _)| text.contains(n))
            .copied()
            .collect();
        code(text, &here).iter().map(|e| e.kind).collect()
    };
    for text in [
        "Tajikistan's foreign minister said he agreed with his Kyrgyz counterpart.",
        "Officials in Tajikistan say they agree with the report's findings.",
    ] {
        assert!(
            !types(text).contains(&EventType::Agree),
            "{text}: {:?}",
            types(text)
        );
    }
    for text in [
        "Tajikistan agreed with Kyrgyzstan on a ceasefire along the border.",
        "Tajikistan agreed with Kyrgyzstan to reopen the border crossings.",
        "Tajikistan and Kyrgyzstan agreed to reopen the border crossings.",
    ] {
        assert!(
            types(text).contains(&EventType::Agree),
            "{text}: {:?}",
            types(text)
        );
    }
}

#[test]
fn a_target_met_or_a_statement_released_is_no_meeting_and_no_release() {
    let names = [("Tajikistan", Country)];
    for text in [
        "Tajikistan said it would meet its targets for grain exports this year.",
        "Tajikistan's interior ministry released a statement on the border incident.",
        "Tajikistan released video footage of the border incident.",
    ] {
        let e = code(text, &names);
        assert!(
            !e.iter()
                .any(|e| matches!(e.kind, EventType::Consult | EventType::Concede)),
            "{text}: {e:#?}"
        );
    }
    let e = code(
        "Tajikistan released two detained Afghan traders on Monday.",
        &names,
    );
    assert!(e.iter().any(|e| e.kind == EventType::Concede), "{e:#?}");
    let e = code(
        "Tajikistan's president met his Uzbek counterpart in Dushanbe.",
        &names,
    );
    assert!(e.iter().any(|e| e.kind == EventType::Consult), "{e:#?}");
}

/// A murder is a killing: the event and its toll, whatever else the
/// sentence says ("vowed an investigation after …").
#[test]
fn murders_are_killings() {
    let e = code(
        "The governor vowed an investigation after seven people were murdered by vigilantes in Blantyre.",
        &[("Blantyre", Place)],
    );
    let murder = e
        .iter()
        .find(|e| e.kind == EventType::Assault)
        .unwrap_or_else(|| panic!("{e:#?}"));
    assert_eq!(murder.modality, Modality::Occurred);
    assert_eq!(murder.fatalities.as_ref().map(|c| c.min), Some(7));
    // killings told by their manner, and skirmishes
    for (text, kind) in [
        (
            "Two men were hacked to death in a village near Maiduguri on Sunday, police said.",
            EventType::Assault,
        ),
        (
            "A mob beat a man to death in a market in Kano, police said.",
            EventType::Assault,
        ),
        (
            "A woman was strangled in her home in Kabul, police said.",
            EventType::Assault,
        ),
        (
            "Fighters skirmished with troops along the border near Khorog on Monday.",
            EventType::Fight,
        ),
    ] {
        let e = code(text, &[]);
        assert!(e.iter().any(|e| e.kind == kind), "{text}: {e:#?}");
    }
}

/// A short report of an act of war whose few words the relevance model
/// reads as business ("market") is still coded: airstrikes and beheadings
/// have no everyday sense.
#[test]
fn a_short_report_of_an_airstrike_is_coded() {
    let relevance = crate::relevance::Relevance::shipped();
    let sense = crate::sense::Sense::shipped();
    let decisions = Decisions {
        relevance: Some(&relevance),
        sense: Some(&sense),
        parser: None,
    };
    let alarms = |text: &str| {
        events_in(
            &article(text),
            &beacon_text::Text::new(text),
            &[],
            &[],
            decisions,
        )
        .iter()
        .any(|e| alarming(e.kind))
    };
    assert!(alarms("An airstrike hit a market in Sanaa."));
    assert!(alarms("Militants beheaded two hostages in Raqqa."));
    // a business story's legal landmines stay none
    assert!(!alarms(
        "Selling the unit lets the firm avoid a host of legal landmines and tricky taxes in the market."
    ));
}

/// Hyphenated trigger words match the tokens the tokeniser splits them
/// into ("sit-in", "cease-fire"); a peace agreement signed is an
/// agreement; fire exchanged is a clash.
#[test]
fn sit_ins_signed_agreements_and_exchanges_of_fire() {
    type Case<'a> = (&'a str, &'a [(&'a str, MentionKind)], EventType);
    let cases: [Case<'_>; 4] = [
        (
            "Hundreds of students staged a sit-in outside parliament in Nairobi on Monday.",
            &[("Nairobi", Place)],
            EventType::Protest,
        ),
        (
            "Armenia and Azerbaijan signed a peace agreement in Doha on Monday.",
            &[
                ("Armenia", Country),
                ("Azerbaijan", Country),
                ("Doha", Place),
            ],
            EventType::Agree,
        ),
        (
            "Tajik border guards exchanged fire with Taliban fighters on the Panj river.",
            &[("Taliban", ArmedGroup)],
            EventType::Fight,
        ),
        // a border closed is a restriction
        (
            "Turkmenistan closed its border with Afghanistan on Monday.",
            &[("Turkmenistan", Country), ("Afghanistan", Country)],
            EventType::Coerce,
        ),
    ];
    for (text, names, kind) in cases {
        let e = code(text, names);
        assert!(e.iter().any(|e| e.kind == kind), "{text}: {e:#?}");
    }
}
