//! The recogniser as a whole, with the shipped model: names found, and bad
//! input (huge, all capitals, other scripts) handled in bounded time.

use super::*;

/// The shipped model, read once for these tests.
fn recognise(text: &str) -> Vec<NameSpan> {
    static SHIPPED: std::sync::OnceLock<Recogniser> = std::sync::OnceLock::new();
    SHIPPED.get_or_init(Recogniser::shipped).recognise(text)
}

#[test]
fn a_text_read_whole_or_from_its_layer_gives_the_same_names() {
    let text = "FSB director Alexander Bortnikov said so.\nThe Taliban were in Kunduz on Monday, officials in Kabul said.";
    let layer = Text::new(text);
    let r = Recogniser::shipped();
    assert_eq!(r.recognise(text), r.recognise_in(&layer));
    assert!(!r.recognise_in(&layer).is_empty());
}

fn found(text: &str) -> Vec<(String, NameKind)> {
    recognise(text)
        .iter()
        .map(|n| (n.text(text).to_owned(), n.kind))
        .collect()
}

#[test]
fn a_person_in_no_dictionary() {
    let text = "Alexander Bortnikov said the militants were massing on the border.";
    assert!(
        found(text).contains(&("Alexander Bortnikov".to_owned(), NameKind::Person)),
        "{:?}",
        found(text)
    );
}

#[test]
fn people_groups_and_places_of_the_worked_example() {
    let text = "Russia's FSB chief Alexander Bortnikov warned that Taliban fighters \
                massing at Afghanistan's northern border may invade Central Asia, \
                Vladimir Putin told the CIS summit in Kazakhstan.";
    let got = found(text);
    for (name, kind) in [
        ("Russia", NameKind::Location),
        ("Alexander Bortnikov", NameKind::Person),
        ("Afghanistan", NameKind::Location),
        ("Vladimir Putin", NameKind::Person),
        ("Kazakhstan", NameKind::Location),
    ] {
        assert!(got.contains(&(name.to_owned(), kind)), "{name}: {got:?}");
    }
}

#[test]
fn offsets_are_code_points() {
    let text = "Über «Zürich»: Angela Merkel met Emmanuel Macron in Paris.";
    let chars: Vec<char> = text.chars().collect();
    for n in recognise(text) {
        let by_cp: String = chars[n.start..n.end].iter().collect();
        assert_eq!(by_cp, n.text(text));
        assert!(n.score > 0.0 && n.score <= 1.0);
    }
}

#[test]
fn ten_megabytes_of_text() {
    let para =
        "The minister said on Tuesday that talks with Iran would resume in Geneva next week. ";
    let text = para.repeat(10_000_000 / para.len() + 1);
    let names = recognise(&text);
    // Linear: one pass, names in order, none overlapping.
    assert!(names.windows(2).all(|w| w[0].end <= w[1].start));
    assert!(names.len() <= 3 * (text.len() / para.len() + 1));
}

#[test]
fn nothing_but_capitalised_words() {
    let text = "Alpha Bravo Charlie Delta Echo Foxtrot Golf Hotel ".repeat(50_000);
    let names = recognise(&text);
    assert!(names.iter().all(|n| n.end - n.start <= 4_000));
    let upper = text.to_uppercase();
    recognise(&upper);
    recognise(&"X".repeat(200_000));
}

#[test]
fn other_scripts() {
    for text in [
        "Владимир Путин встретился с Си Цзиньпином в Москве.",
        "قال الرئيس محمد بن سلمان في الرياض إن",
        "习近平在北京会见了普京。東京で岸田首相が会談した。",
        "नरेंद्र मोदी ने दिल्ली में कहा",
        "\u{200d}\u{301}\u{fe0f}🇦🇫 ́ ‍ 𝔘𝔫𝔦𝔠𝔬𝔡𝔢",
        "",
        " \n\n\t ",
    ] {
        for n in recognise(text) {
            assert!(n.start < n.end && n.byte_end <= text.len());
        }
    }
}

#[test]
fn the_shipped_model_loads() {
    let r = Recogniser::shipped();
    assert!(r.model().num_features() > 10_000);
    // with its word clusters (GloVe's 100,000 most frequent words)
    assert!(r.model().lexicon().clusters.len() > 90_000);
}

#[test]
fn pieces_cover_the_text() {
    let text = "word ".repeat(40_000) + &"é".repeat(100_000);
    let joined: String = pieces(&text).collect();
    assert_eq!(joined, text);
    assert!(pieces(&text).all(|p| p.len() <= MAX_PIECE_BYTES));
}

#[test]
fn names_in_a_text_without_case() {
    for text in [
        "FSB DIRECTOR ALEXANDER BORTNIKOV SAID FIGHTERS WERE MASSING IN AFGHANISTAN.",
        "fsb director alexander bortnikov said fighters were massing in afghanistan.",
    ] {
        let got = found(text);
        let person = got
            .iter()
            .any(|(n, k)| *k == NameKind::Person && n.eq_ignore_ascii_case("alexander bortnikov"));
        let place = got
            .iter()
            .any(|(n, k)| *k == NameKind::Location && n.eq_ignore_ascii_case("afghanistan"));
        assert!(person && place, "{text}: {got:?}");
    }
}

#[test]
fn titles_are_not_part_of_a_name_and_regnal_numbers_are() {
    let got = found("Mr Osborne met Ms Pugh and Dr. Jane Goodall in London.");
    assert!(
        got.contains(&("Osborne".to_owned(), NameKind::Person)),
        "{got:?}"
    );
    assert!(
        got.contains(&("Pugh".to_owned(), NameKind::Person)),
        "{got:?}"
    );
    assert!(
        got.iter()
            .all(|(n, _)| !n.starts_with("Mr") && !n.starts_with("Ms"))
    );
    // The bounds rule itself, on tokens 1..2 taken as a person's name.
    let bounds = |text: &str| {
        let toks = tokens::tokenise(text);
        person_bounds(text, &toks, 1, 2).map(|(a, b)| {
            let s = &text[toks[a].byte_start..toks[b - 1].byte_end];
            s.to_owned()
        })
    };
    assert_eq!(
        bounds("by Ramesses II at Abu Simbel").as_deref(),
        Some("Ramesses II")
    );
    assert_eq!(
        bounds("by Amyntas I of Macedon").as_deref(),
        Some("Amyntas I")
    );
    assert_eq!(bounds("told Smith I was late").as_deref(), Some("Smith"));
    assert_eq!(bounds("said Mr Smith").as_deref(), None);
}
