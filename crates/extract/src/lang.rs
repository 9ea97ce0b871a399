//! Language identification: the page's declared language when it is plausible,
//! else trigram detection (`whatlang`) over the article text.

use whatlang::Lang;

/// ISO 639-1 code of `text`'s language, given the page's `lang` declaration.
/// Within the Cyrillic and the Arabic scripts, where trigrams confuse
/// neighbours (Russian read as Bulgarian, Dari as Arabic, Tajik as Russian),
/// the letters only one language writes decide ([`by_letters`]).
pub fn identify(text: &str, declared: Option<&str>) -> Option<String> {
    match by_letters(text) {
        Some(l) => Some(l.to_owned()),
        None => identify_by_trigrams(text, declared),
    }
}

/// The language the letters of `text`'s opening (1,500 characters) say,
/// when they say it: each of these languages writes letters its script's
/// neighbours do not. Cyrillic: Tajik ӣ ӯ ҷ; Kazakh ә ұ; Uzbek ў with қ ғ ҳ;
/// Kyrgyz ң ө ү; Ukrainian ї є ґ (or і without ы э); Belarusian ў with і;
/// Serbian and Macedonian ј љ њ ђ ћ џ ѓ ќ ѕ; Russian ы э ё and none of
/// those; Bulgarian none of ы э ё but ъ, the vowel of most of its sentences
/// (a text with none of ы э ё ъ is Russian). Arabic script: Pashto ښ ږ ځ څ ټ ډ ړ ګ ۍ ې
/// ڼ; Urdu ٹ ڈ ڑ ں ے; Persian (Farsi and Dari) پ چ ژ گ and its ی ک outnumbering
/// Arabic's ي ك ة ى. None when the opening holds fewer than 40 letters of
/// either script, or when they are not most of its letters. Two letters of
/// a kind are needed, not a stray one.
pub fn by_letters(text: &str) -> Option<&'static str> {
    let (mut cyr, mut arab, mut letters) = (0usize, 0usize, 0usize);
    let mut n = std::collections::HashMap::<char, usize>::new();
    for c in text.chars().take(1500) {
        letters += usize::from(c.is_alphabetic());
        match c {
            '\u{0400}'..='\u{052F}' => {
                cyr += 1;
                *n.entry(c.to_lowercase().next().unwrap_or(c)).or_default() += 1;
            }
            '\u{0600}'..='\u{06FF}' => {
                arab += 1;
                *n.entry(c).or_default() += 1;
            }
            _ => {}
        }
    }
    let count = |letters: &str| {
        letters
            .chars()
            .map(|c| n.get(&c).copied().unwrap_or(0))
            .sum::<usize>()
    };
    // the script of most of the opening's letters, not a quotation in it
    if cyr >= 40 && 2 * cyr > letters {
        let tajik = count("ӣӯҷ");
        let turkic = count("қғҳ");
        return Some(if tajik >= 2 {
            "tg"
        } else if count("әұ") >= 2 {
            "kk"
        } else if count("ў") >= 1 && turkic >= 1 && count("ў") + turkic >= 2 {
            "uz"
        } else if count("ңөү") >= 2 {
            "ky"
        } else if count("јљњђћџѓќѕ") >= 2 {
            if count("ѓќѕ") >= 1 { "mk" } else { "sr" }
        } else if count("ў") >= 1 && count("і") >= 1 {
            "be"
        } else if count("їєґ") >= 1 || (count("і") >= 2 && count("ыэ") == 0) {
            "uk"
        } else if count("ыэё") >= 1 {
            "ru"
        } else if count("ъ") >= 2 {
            // Bulgarian writes ъ as a vowel in most sentences
            "bg"
        } else if count("ъ") == 0 {
            "ru"
        } else {
            return None;
        });
    }
    if arab >= 40 && 2 * arab > letters {
        let persian = count("پچژگیک");
        let arabic = count("يكةى");
        return Some(if count("ښږځڅټډړګۍېڼ") >= 2 {
            "ps"
        } else if count("ٹڈڑںے") >= 2 {
            "ur"
        } else if persian > arabic {
            "fa"
        } else {
            "ar"
        });
    }
    None
}

fn identify_by_trigrams(text: &str, declared: Option<&str>) -> Option<String> {
    let declared = declared
        .map(|d| {
            d.trim()
                .split(['-', '_'])
                .next()
                .unwrap_or("")
                .to_ascii_lowercase()
        })
        .filter(|d| d.len() == 2 && d.chars().all(|c| c.is_ascii_lowercase()));
    // A declaration the text's opening confirms needs no longer sample
    // (trigrams over 1,500 characters cost a sixth of extraction and dates).
    if let Some(d) = &declared
        && detect(text, 200).is_some_and(|i| i.is_reliable() && iso1(i.lang()) == d)
    {
        return declared;
    }
    let detected = detect(text, 1500);
    match (declared, detected) {
        // Templates often keep `lang="en"` on translated pages: trust a confident detector.
        (Some(d), Some(info)) if info.is_reliable() && iso1(info.lang()) != d => {
            Some(iso1(info.lang()).to_owned())
        }
        (Some(d), _) => Some(d),
        (None, Some(info)) => Some(iso1(info.lang()).to_owned()),
        (None, None) => None,
    }
}

/// Trigram detection over the first `chars` characters of `text`, when
/// they are enough (40) and the detector is half confident.
fn detect(text: &str, chars: usize) -> Option<whatlang::Info> {
    let end = text
        .char_indices()
        .nth(chars)
        .map_or(text.len(), |(i, _)| i);
    let sample = &text[..end];
    whatlang::detect(sample).filter(|i| sample.chars().count() >= 40 && i.confidence() >= 0.5)
}

fn iso1(l: Lang) -> &'static str {
    match l {
        Lang::Epo => "eo",
        Lang::Eng => "en",
        Lang::Rus => "ru",
        Lang::Cmn => "zh",
        Lang::Spa => "es",
        Lang::Por => "pt",
        Lang::Ita => "it",
        Lang::Ben => "bn",
        Lang::Fra => "fr",
        Lang::Deu => "de",
        Lang::Ukr => "uk",
        Lang::Kat => "ka",
        Lang::Ara => "ar",
        Lang::Hin => "hi",
        Lang::Jpn => "ja",
        Lang::Heb => "he",
        Lang::Yid => "yi",
        Lang::Pol => "pl",
        Lang::Amh => "am",
        Lang::Jav => "jv",
        Lang::Kor => "ko",
        Lang::Nob => "nb",
        Lang::Dan => "da",
        Lang::Swe => "sv",
        Lang::Fin => "fi",
        Lang::Tur => "tr",
        Lang::Nld => "nl",
        Lang::Hun => "hu",
        Lang::Ces => "cs",
        Lang::Ell => "el",
        Lang::Bul => "bg",
        Lang::Bel => "be",
        Lang::Mar => "mr",
        Lang::Kan => "kn",
        Lang::Ron => "ro",
        Lang::Slv => "sl",
        Lang::Hrv => "hr",
        Lang::Srp => "sr",
        Lang::Mkd => "mk",
        Lang::Lit => "lt",
        Lang::Lav => "lv",
        Lang::Est => "et",
        Lang::Tam => "ta",
        Lang::Vie => "vi",
        Lang::Urd => "ur",
        Lang::Tha => "th",
        Lang::Guj => "gu",
        Lang::Uzb => "uz",
        Lang::Pan => "pa",
        Lang::Aze => "az",
        Lang::Ind => "id",
        Lang::Tel => "te",
        Lang::Pes => "fa",
        Lang::Mal => "ml",
        Lang::Ori => "or",
        Lang::Mya => "my",
        Lang::Nep => "ne",
        Lang::Sin => "si",
        Lang::Khm => "km",
        Lang::Tuk => "tk",
        Lang::Aka => "ak",
        Lang::Zul => "zu",
        Lang::Sna => "sn",
        Lang::Afr => "af",
        Lang::Lat => "la",
        Lang::Slk => "sk",
        Lang::Cat => "ca",
        Lang::Tgl => "tl",
        Lang::Hye => "hy",
        Lang::Cym => "cy",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn detects_and_respects_declarations() {
        let en =
            "Russia's Federal Security Service has warned that fighters may invade central Asia.";
        assert_eq!(identify(en, None).as_deref(), Some("en"));
        assert_eq!(identify(en, Some("en-US")).as_deref(), Some("en"));
        let ru = "Федеральная служба безопасности России предупредила, что боевики могут вторгнуться в Центральную Азию.";
        assert_eq!(identify(ru, Some("en")).as_deref(), Some("ru"));
        assert_eq!(identify("ok", None), None);
    }

    /// Sentences the team wrote, each in the language its letters show.
    #[test]
    fn the_letters_decide_between_a_scripts_languages() {
        let cases = [
            (
                "ru",
                "Боевики движения «Талибан» атаковали пограничную заставу в районе Пянджа на границе Таджикистана и Афганистана. Погибли двое пограничников.",
            ),
            (
                "ru",
                "В пятницу вечером в Душанбе прошла встреча министров иностранных дел, сообщили в пресс-службе ведомства. Это уже третья встреча.",
            ),
            (
                "bg",
                "Бойци на талибаните нападнаха граничен пост в района на Пяндж. Двама гранични полицаи бяха убити, съобщиха властите в събота.",
            ),
            (
                "uk",
                "Бойовики напали на прикордонну заставу поблизу річки Пяндж. Загинули двоє прикордонників, ще троє дістали поранення, повідомили в службі.",
            ),
            (
                "tg",
                "Ҷангҷӯёни Толибон ба посгоҳи марзӣ дар ноҳияи Панҷ ҳамла карданд. Ду марзбон кушта шуданд, хабар доданд дар хадамоти марзӣ.",
            ),
            (
                "kk",
                "Қазақстан мен Өзбекстан шекарасында жаңа өткізу пункті ашылды, деп хабарлады ведомство. Бұл пункт тәулік бойы жұмыс істейді.",
            ),
            (
                "fa",
                "جنگجویان طالبان روز دوشنبه به یک پاسگاه مرزی در ولسوالی شیرخان بندر ولایت کندز حمله کردند. در این درگیری دو سرباز کشته شدند.",
            ),
            (
                "ar",
                "هاجم مسلحون نقطة تفتيش حدودية في ولاية قندوز يوم الاثنين، وقتل جنديان وأصيب ثلاثة آخرون، حسبما ذكرت الشرطة المحلية.",
            ),
            (
                "ps",
                "طالبانو جنګیالیو د کندز ولایت په شیرخان بندر ولسوالۍ کې پر یوه پوله ییز پوسته برید وکړ. په دې جګړه کې دوه سرتیري ووژل شول.",
            ),
        ];
        for (want, text) in cases {
            assert_eq!(identify(text, None).as_deref(), Some(want), "{text}");
            // a template's wrong declaration does not win over the letters
            assert_eq!(identify(text, Some("en")).as_deref(), Some(want), "{text}");
        }
        assert_eq!(
            by_letters("Plain English text has no letters of those scripts at all, none."),
            None
        );
    }
}
