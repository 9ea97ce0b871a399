//! Events in the region's other languages (issue 21): Russian and
//! Dari/Persian. A first coder, by word lists the team curated as the
//! English lexicon was: triggers by stem (Russian inflects; Persian adds
//! affixes and light verbs: "حمله کردند"), modality from the cue words
//! around the trigger (Russian "не", "могут", "угрожают", "якобы"; Persian
//! a negative verb after the trigger, "خواهند", "احتمال", "ادعا"), tolls
//! from the killed and wounded words with the number nearest them (digits
//! of any script, number words: "двое", "пятеро", "دو تن"), the actor the
//! nearest named actor before the trigger (else after), the place the most
//! specific place of the sentence (else the article's country), the date
//! a calendar date of the sentence (else the publication date).
//!
//! Each event says, in `explain`, which words chose each field. Names
//! beyond the gazetteer and the actor dictionary, clauses and syntax are
//! the next steps; this coder reads a sentence as a window of words.

use std::ops::Range;

use beacon_model::{
    Article, Count, Event, EventActor, EventDate, EventDateBasis, EventType, Evidence, Explanation,
    Mention, MentionKind, MentionUse, Modality, TimeExpression, TimexType,
};

use crate::lexicon::{Trigger, m};

/// A language this coder reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Language {
    /// Russian.
    Russian,
    /// Persian: Farsi and Dari.
    Persian,
}

impl Language {
    /// The language of an article, when it is one of these.
    pub fn of(article: &Article) -> Option<Language> {
        match article.language.as_deref() {
            Some("ru") => Some(Language::Russian),
            Some("fa") => Some(Language::Persian),
            _ => None,
        }
    }
}

use EventType::{Assault, Coerce, Fight, Protest};

/// Russian triggers. A pattern is words in a row, `|` between the forms a
/// word may take; a form ending in `*` is a stem (any ending), else the
/// word exactly.
#[rustfmt::skip]
const RUSSIAN: &[Trigger] = &[
    m("атак*|атаковал*|напал*|нападени*|нападен*", Assault, "", "ATTACK"),
    m("убил*|убийств*|расправ*", Assault, "", "ATTACK"),
    m("расстрелял*|застрелил*|расстрел*", Assault, "firearms", "ATTACK"),
    m("обстрелял*|обстреляли из автомат*|пулемёт*|пулемет*", Assault, "firearms", "ATTACK"),
    m("взрыв*|взорвал*|подрыв*|подорвал*|сдетонировал*", Assault, "explosives", "REM_EXPLOS"),
    m("теракт*", Assault, "explosives", "ATTACK"),
    m("смертник*|самоподрыв*", Assault, "explosives", "SUIC_BOMB"),
    m("похитил*|похищени*|похищен*", Assault, "abduct", "ABDUCT_DISSAP"),
    m("захватил*|захвачен* в заложник*", Assault, "abduct", "ABDUCT_DISSAP"),
    m("столкновени*|боестолкновени*|перестрелк*|сражени*", Fight, "small-arms", "ARMED_CLASH"),
    m("бой|боя|бою|боем|бои|боях|боёв|боев", Fight, "small-arms", "ARMED_CLASH"),
    m("обстрел*|обстреля*", Fight, "heavy-weapons", "ART_MISS_ATTACK"),
    m("авиаудар*|бомбардировк*|авианалёт*|авианалет*", Fight, "aerial", "AIR_STRIKE"),
    m("вторжени*|вторгл*|вторгнут*|вторгнуть*", Fight, "occupy", ""),
    m("захватил* контрол*", Fight, "occupy", ""),
    m("протест*|митинг*|демонстраци*|манифестаци*", Protest, "demo", "PEACE_PROTEST"),
    m("забастовк*", Protest, "strike", "PEACE_PROTEST"),
    m("задержал*|задержан*|арестовал*|арестован*|арест*", Coerce, "arrest", "ARREST"),
];

/// Persian triggers, as [`RUSSIAN`]'s (ZWNJ-joined affixes are the word's).
#[rustfmt::skip]
const PERSIAN: &[Trigger] = &[
    m("حمله|حملات|حملهٔ|حمله‌ای|تهاجم*|یورش*", Assault, "", "ATTACK"),
    m("حمله|حملات هوایی", Fight, "aerial", "AIR_STRIKE"),
    m("بمباران*", Fight, "aerial", "AIR_STRIKE"),
    m("ترور*|قتل|کشتند|کشتار*", Assault, "", "ATTACK"),
    m("شلیک*|تیراندازی*|تیرباران*", Assault, "firearms", "ATTACK"),
    m("انفجار*|منفجر|بمب*|ماین*", Assault, "explosives", "REM_EXPLOS"),
    m("انتحاری*", Assault, "explosives", "SUIC_BOMB"),
    m("ربود*|ربایش*|آدم‌ربایی*|گروگان*", Assault, "abduct", "ABDUCT_DISSAP"),
    m("درگیری*|درگیر|زدوخورد*|نبرد*|جنگ|جنگیدند|جنگیده*", Fight, "small-arms", "ARMED_CLASH"),
    m("خمپاره*|راکت*|موشک*|توپخانه*", Fight, "heavy-weapons", "ART_MISS_ATTACK"),
    m("تظاهرات*|اعتراض*|معترض*|راهپیمایی*", Protest, "demo", "PEACE_PROTEST"),
    m("اعتصاب*", Protest, "strike", "PEACE_PROTEST"),
    m("بازداشت*|دستگیر*", Coerce, "arrest", "ARREST"),
];

/// Cue words before a trigger, by the modality they give (Russian; a form
/// ending in `*` is a stem).
const RUSSIAN_CUES: &[(&str, Modality)] = &[
    ("могут", Modality::Anticipated),
    ("может", Modality::Anticipated),
    ("угрож*", Modality::Anticipated),
    ("планир*", Modality::Anticipated),
    ("намерен*", Modality::Anticipated),
    ("собира*", Modality::Anticipated),
    ("готовят*", Modality::Anticipated),
    ("опаса*", Modality::Anticipated),
    ("возможн*", Modality::Anticipated),
    ("якобы", Modality::Claimed),
    ("утвержда*", Modality::Claimed),
    ("обвиня*", Modality::Claimed),
    ("отрица*", Modality::Denied),
    ("опроверг*", Modality::Denied),
];

/// Persian cue words anywhere in the sentence before the trigger.
const PERSIAN_CUES: &[(&str, Modality)] = &[
    ("احتمال*", Modality::Anticipated),
    ("ممکن", Modality::Anticipated),
    ("تهدید*", Modality::Anticipated),
    ("قصد", Modality::Anticipated),
    ("برنامه", Modality::Anticipated),
    ("ادعا*", Modality::Claimed),
    ("مدعی*", Modality::Claimed),
    ("رد", Modality::Denied),
    ("تکذیب*", Modality::Denied),
];

/// Words of the dead and of the wounded (stems), by language.
const RUSSIAN_DEAD: &[&str] = &["погиб*", "убит*", "убиты", "уничтожен*", "скончал*"];
const RUSSIAN_HURT: &[&str] = &["ранен*", "ранени*", "пострадал*"];
const PERSIAN_DEAD: &[&str] = &["کشته*", "جان", "شهید*", "هلاک*"];
const PERSIAN_HURT: &[&str] = &["زخمی*", "مجروح*"];

/// Number words (each form), by language.
const RUSSIAN_NUMBERS: &[(&str, u32)] = &[
    ("один", 1),
    ("одна", 1),
    ("одного", 1),
    ("одному", 1),
    ("два", 2),
    ("две", 2),
    ("двое", 2),
    ("двух", 2),
    ("двоих", 2),
    ("три", 3),
    ("трое", 3),
    ("трёх", 3),
    ("трех", 3),
    ("троих", 3),
    ("четыре", 4),
    ("четверо", 4),
    ("четырёх", 4),
    ("четырех", 4),
    ("пять", 5),
    ("пятеро", 5),
    ("пяти", 5),
    ("шесть", 6),
    ("шестеро", 6),
    ("шести", 6),
    ("семь", 7),
    ("семеро", 7),
    ("семи", 7),
    ("восемь", 8),
    ("восьми", 8),
    ("девять", 9),
    ("девяти", 9),
    ("десять", 10),
    ("десятеро", 10),
    ("десяти", 10),
    ("двенадцать", 12),
    ("пятнадцать", 15),
    ("двадцать", 20),
    ("тридцать", 30),
];
const PERSIAN_NUMBERS: &[(&str, u32)] = &[
    ("یک", 1),
    ("دو", 2),
    ("سه", 3),
    ("چهار", 4),
    ("پنج", 5),
    ("شش", 6),
    ("هفت", 7),
    ("هشت", 8),
    ("ده", 10),
    ("یازده", 11),
    ("دوازده", 12),
    ("پانزده", 15),
    ("بیست", 20),
    ("سی", 30),
    ("چهل", 40),
    ("پنجاه", 50),
    ("صد", 100),
];

/// Words of sport (stems): an article with two of them is about a game,
/// where "атака", "атаковал", "حمله" are a team's, not an armed group's.
const RUSSIAN_SPORT: &[&str] = &[
    "футбол*",
    "хоккей*",
    "матч*",
    "турнир*",
    "чемпионат*",
    "тренер*",
    "забил*",
    "гол",
    "голов",
    "болельщик*",
    "стадион*",
    "нападающ*",
    "вратар*",
    "клуб*",
];
const PERSIAN_SPORT: &[&str] = &[
    "فوتبال*",
    "تیم",
    "مسابقه*",
    "مسابقات",
    "بازیکن*",
    "مربی",
    "حریف",
    "ورزش*",
    "قهرمانی",
    "لیگ",
    "استادیوم",
    "بزکشی",
    "تماشاگر*",
    "گل",
];

/// Whether an article is about sport: two distinct words of sport.
fn about_sport(lower: &[String], language: Language) -> bool {
    let cues = match language {
        Language::Russian => RUSSIAN_SPORT,
        Language::Persian => PERSIAN_SPORT,
    };
    cues.iter()
        .filter(|c| lower.iter().any(|w| is(w, c)))
        .take(2)
        .count()
        == 2
}

/// Whether a lower-cased word is one of `forms` (`|`-separated, `*`: a stem).
fn is(word: &str, forms: &str) -> bool {
    forms.split('|').any(|f| match f.strip_suffix('*') {
        Some(stem) => word.starts_with(stem),
        None => word == f,
    })
}

/// The value of a number written in digits of any script, or as a word.
fn number(word: &str, language: Language) -> Option<u32> {
    let digits: String = word
        .chars()
        .map(|c| match c {
            '۰'..='۹' => char::from_digit(c as u32 - '۰' as u32, 10).unwrap_or(c),
            '٠'..='٩' => char::from_digit(c as u32 - '٠' as u32, 10).unwrap_or(c),
            c => c,
        })
        .collect();
    if !digits.is_empty() && digits.chars().all(|c| c.is_ascii_digit()) {
        return digits.parse().ok().filter(|n| *n < 100_000);
    }
    let words = match language {
        Language::Russian => RUSSIAN_NUMBERS,
        Language::Persian => PERSIAN_NUMBERS,
    };
    words.iter().find(|(w, _)| *w == word).map(|(_, n)| *n)
}

/// A sentence of the article: its words in lower case, and the text.
struct Sentence<'a> {
    /// The article's text.
    text: &'a str,
    tokens: &'a [beacon_text::tokens::Token],
    /// The sentence's token range.
    range: Range<usize>,
    /// Every token's lower-cased text (the whole article's).
    lower: &'a [String],
    language: Language,
}

impl Sentence<'_> {
    fn word(&self, i: usize) -> &str {
        &self.lower[i]
    }

    /// The triggers of the sentence: (token range, trigger), the longest
    /// pattern at each word, one event type a sentence.
    fn triggers(&self) -> Vec<(Range<usize>, &'static Trigger)> {
        let lexicon = match self.language {
            Language::Russian => RUSSIAN,
            Language::Persian => PERSIAN,
        };
        let mut out: Vec<(Range<usize>, &'static Trigger)> = Vec::new();
        let mut i = self.range.start;
        while i < self.range.end {
            let best = lexicon
                .iter()
                .filter_map(|t| {
                    let parts: Vec<&str> = t.pattern.split(' ').collect();
                    let fits = parts
                        .iter()
                        .enumerate()
                        .all(|(k, forms)| i + k < self.range.end && is(self.word(i + k), forms));
                    fits.then_some((parts.len(), t))
                })
                .max_by_key(|(n, _)| *n);
            match best {
                Some((n, t)) => {
                    if !out.iter().any(|(_, o)| o.kind == t.kind) {
                        out.push((i..i + n, t));
                    }
                    i += n;
                }
                None => i += 1,
            }
        }
        out
    }

    /// The modality the words around a trigger give, with the cue.
    fn modality(&self, at: Range<usize>) -> (Modality, Option<String>) {
        match self.language {
            Language::Russian => {
                if at.start > self.range.start && self.word(at.start - 1) == "не" {
                    return (Modality::Denied, Some("не".into()));
                }
                let from = at.start.saturating_sub(4).max(self.range.start);
                for i in (from..at.start).rev() {
                    if let Some((w, m)) = RUSSIAN_CUES.iter().find(|(w, _)| is(self.word(i), w)) {
                        return (*m, Some((*w).to_owned()));
                    }
                }
            }
            Language::Persian => {
                // the verb comes after: "حمله نکردند", "حمله خواهند کرد"
                for i in at.end..(at.end + 3).min(self.range.end) {
                    let w = self.word(i);
                    if is(w, "نکرد*|نشد*|نمی*|نخواه*|نزد*") {
                        return (Modality::Denied, Some(w.to_owned()));
                    }
                    if is(w, "خواهند|خواهد|می‌خواهند|میخواهند") {
                        return (Modality::Anticipated, Some(w.to_owned()));
                    }
                }
                for i in self.range.start..at.start {
                    if let Some((w, m)) = PERSIAN_CUES.iter().find(|(w, _)| is(self.word(i), w)) {
                        return (*m, Some((*w).to_owned()));
                    }
                }
            }
        }
        (Modality::Occurred, None)
    }

    /// The dead and the wounded the sentence states: for each of their
    /// words, the number nearest it (Russian: four words either way;
    /// Persian: six before, two after; not one already counted).
    fn tolls(&self) -> (Option<Count>, Option<Count>) {
        let (dead, hurt) = match self.language {
            Language::Russian => (RUSSIAN_DEAD, RUSSIAN_HURT),
            Language::Persian => (PERSIAN_DEAD, PERSIAN_HURT),
        };
        let mut used: Vec<usize> = Vec::new();
        let mut toll = |words: &[&str]| -> Option<Count> {
            let at = self
                .range
                .clone()
                .find(|&i| words.iter().any(|w| is(self.word(i), w)))?;
            // Persian puts the number well before its verb ("۱۲ نفر در این
            // انفجار کشته شدند"), Russian on either side ("погибли двое")
            let (back, ahead) = match self.language {
                Language::Russian => (4, 4),
                Language::Persian => (6, 2),
            };
            let from = at.saturating_sub(back).max(self.range.start);
            let mut to = (at + ahead + 1).min(self.range.end);
            let counted = |i: usize| -> Option<(usize, u32)> {
                if used.contains(&i) {
                    return None;
                }
                Some((i, number(self.word(i), self.language)?))
            };
            if self.language == Language::Persian {
                // the count comes before its verb: a number after it,
                // past "و" (and), is the next clause's ("دو مرزبان تاجیک
                // کشته و سه تن دیگر زخمی شدند": two dead, three hurt)
                if (from..at).any(|i| counted(i).is_some()) {
                    to = at;
                } else if let Some(and) = (at + 1..to).find(|&i| self.word(i) == "و") {
                    to = and;
                }
            }
            let n = (from..to)
                .filter_map(counted)
                .min_by_key(|(i, _)| i.abs_diff(at))?;
            used.push(n.0);
            let (a, b) = (
                self.tokens[n.0.min(at)].byte_start,
                self.tokens[n.0.max(at)].byte_end,
            );
            Some(Count {
                min: n.1,
                max: Some(n.1),
                text: self.text[a..b].to_owned(),
            })
        };
        let killed = toll(dead);
        let injured = toll(hurt);
        (killed, injured)
    }

    /// Whether the word before the trigger at `i` points back to a
    /// happening told already ("этом", "این").
    fn refers_back(&self, i: usize) -> bool {
        i > self.range.start
            && match self.language {
                Language::Russian => {
                    is(self.word(i - 1), "этот|эта|это|этого|этой|этом|этим|данн*")
                }
                Language::Persian => is(self.word(i - 1), "این|همین"),
            }
    }

    /// Its first and one-past-last code points.
    fn span(&self) -> (usize, usize) {
        (
            self.tokens[self.range.start].start,
            self.tokens[self.range.end - 1].end,
        )
    }
}

/// The ACLED category of a sub-type.
fn category(sub_type: Option<&str>) -> Option<beacon_model::EventCategory> {
    use beacon_model::EventCategory::*;
    Some(match sub_type? {
        "ARMED_CLASH" | "GOV_REGAINS_TERIT" | "NON_STATE_ACTOR_OVERTAKES_TER" => Battles,
        "REM_EXPLOS" | "SUIC_BOMB" | "ART_MISS_ATTACK" | "AIR_STRIKE" | "GRENADE" => {
            ExplosionsRemoteViolence
        }
        "ATTACK" | "ABDUCT_DISSAP" | "SEX_VIOL" => ViolenceAgainstCivilians,
        "PEACE_PROTEST" | "PROTEST_WITH_INTER" => Protests,
        "VIOL_DEMONSTR" | "MOB_VIOL" => Riots,
        _ => StrategicDevelopments,
    })
}

fn is_actor(m: &Mention) -> bool {
    matches!(
        m.kind,
        MentionKind::ArmedGroup | MentionKind::Organization | MentionKind::Person
    ) && m.usage != Some(MentionUse::Embedded)
}

/// The events of an article in Russian or Persian, in text order.
pub fn events(
    article: &Article,
    layer: &beacon_text::Text<'_>,
    mentions: &[Mention],
    times: &[TimeExpression],
    language: Language,
) -> Vec<Event> {
    let text = article.text.as_str();
    let tokens = layer.tokens();
    let lower: Vec<String> = tokens.iter().map(|t| t.text(text).to_lowercase()).collect();
    let focus = super::focus_country(mentions);
    let sport = about_sport(&lower, language);
    let mut out = Vec::new();
    for range in layer.sentences() {
        if range.is_empty() {
            continue;
        }
        let s = Sentence {
            text,
            tokens,
            range: range.clone(),
            lower: &lower,
            language,
        };
        let (fatalities, injured) = s.tolls();
        let mut triggers = s.triggers();
        // in a game's report, an attack is a team's, unless people died or
        // were hurt
        if sport && fatalities.is_none() && injured.is_none() {
            triggers.clear();
        }
        // "в этом бою", "در این درگیری": the happening told already
        let retold = !out.is_empty()
            && triggers
                .first()
                .is_some_and(|(at, _)| s.refers_back(at.start));
        if retold || triggers.is_empty() {
            // its tolls are the last event's, when it has none
            if let Some(last) = out.last_mut() {
                add_tolls(last, &fatalities, &injured, &s);
            }
            if retold {
                triggers.remove(0);
            }
        }
        for (k, (at, trigger)) in triggers.into_iter().enumerate() {
            let mut e = event(article, &s, (at, trigger), mentions, times, focus);
            if e.location
                .as_ref()
                .is_none_or(|l| l.basis == "article_focus")
                && let Some(place) = out.last().and_then(|p: &Event| p.location.clone())
            {
                // the place of the happening told just before
                e.location = Some(beacon_model::EventLocation {
                    basis: "previous_sentence".into(),
                    ..place
                });
            }
            // the tolls belong to the sentence's first event
            if k == 0 {
                add_tolls(&mut e, &fatalities, &injured, &s);
            }
            out.push(e);
        }
    }
    for (n, e) in out.iter_mut().enumerate() {
        e.id = format!("{}-e{}", article.id.0, n + 1);
    }
    out
}

/// Gives an event the tolls a sentence states, where it has none.
fn add_tolls(e: &mut Event, dead: &Option<Count>, hurt: &Option<Count>, s: &Sentence<'_>) {
    let mut added = false;
    if e.fatalities.is_none() && dead.is_some() {
        e.fatalities = dead.clone();
        added = true;
    }
    if e.injured.is_none() && hurt.is_some() {
        e.injured = hurt.clone();
        added = true;
    }
    if added && !s.range.is_empty() {
        e.explain.push(Explanation {
            field: "fatalities".into(),
            rule: "toll_in_sentence".into(),
            text: Some(
                s.text[s.tokens[s.range.start].byte_start..s.tokens[s.range.end - 1].byte_end]
                    .to_owned(),
            ),
        });
    }
}

fn event(
    article: &Article,
    s: &Sentence<'_>,
    (at, trigger): (Range<usize>, &Trigger),
    mentions: &[Mention],
    times: &[TimeExpression],
    focus: Option<&Mention>,
) -> Event {
    let (a, b) = s.span();
    let (t0, t1) = (s.tokens[at.start].start, s.tokens[at.end - 1].end);
    let (tb0, tb1) = (s.tokens[at.start].byte_start, s.tokens[at.end - 1].byte_end);
    let mut explain = vec![Explanation {
        field: "type".into(),
        rule: format!("trigger:{}", trigger.pattern),
        text: Some(s.text[tb0..tb1].to_owned()),
    }];
    let (modality, cue) = s.modality(at.clone());
    if let Some(c) = cue {
        explain.push(Explanation {
            field: "modality".into(),
            rule: format!("cue:{c}"),
            text: None,
        });
    }
    let inside = |m: &&Mention| m.start >= a && m.end <= b;
    let actors: Vec<&Mention> = mentions
        .iter()
        .filter(inside)
        .filter(|m| is_actor(m))
        .collect();
    let before = actors.iter().rev().find(|m| m.end <= t0);
    let after = actors.iter().find(|m| m.start >= t1);
    let (actor, target): (Vec<EventActor>, Vec<EventActor>) = match (before, after) {
        (Some(x), y) => (
            vec![super::actor_of(x)],
            y.map(|y| super::actor_of(y)).into_iter().collect(),
        ),
        (None, Some(x)) => (vec![super::actor_of(x)], Vec::new()),
        (None, None) => (Vec::new(), Vec::new()),
    };
    if let Some(x) = actor.first() {
        explain.push(Explanation {
            field: "actor".into(),
            rule: "nearest_actor".into(),
            text: Some(x.text.clone()),
        });
    }
    // a dateline ("ДУШАНБЕ, 14 октября —") says where the report was
    // written, not where it happened
    let dateline = |m: &&Mention| {
        m.text
            .chars()
            .filter(|c| c.is_alphabetic())
            .all(char::is_uppercase)
            && m.text.chars().filter(|c| c.is_alphabetic()).count() > 2
    };
    let place = mentions
        .iter()
        .filter(inside)
        .filter(|m| super::is_place(m) && m.usage != Some(MentionUse::Embedded))
        .filter(|m| !dateline(m))
        .min_by_key(|m| (super::specificity(m), m.start.abs_diff(t0)));
    let location = match place {
        Some(p) => Some(super::location_of(p, "sentence")),
        None => focus.map(|f| super::location_of(f, "article_focus")),
    };
    let date = times
        .iter()
        .filter(|t| t.start >= a && t.end <= b && t.kind == TimexType::Date)
        .find_map(|t| {
            Some(EventDate {
                precision: super::precision_of(&t.value)?,
                value: t.value.clone(),
                basis: EventDateBasis::TimeExpression,
                text: Some(t.text.clone()),
            })
        })
        .or_else(|| {
            article.published.as_ref().map(|p| EventDate {
                value: p.value.clone(),
                precision: p.precision,
                basis: EventDateBasis::Published,
                text: None,
            })
        });
    let mut confidence: f32 = 0.5;
    if actor.iter().any(|x| x.kind.is_some()) {
        confidence += 0.15;
    }
    if place.is_some() {
        confidence += 0.1;
    }
    Event {
        id: String::new(),
        kind: trigger.kind,
        mode: trigger.mode.map(str::to_owned),
        context: None,
        category: category(trigger.sub_type),
        sub_type: trigger.sub_type.map(str::to_owned),
        modality,
        historical: false,
        actor,
        target,
        source_of_claim: None,
        location,
        date,
        fatalities: None,
        injured: None,
        evidence: Evidence {
            text: s.text[s.tokens[s.range.start].byte_start..s.tokens[s.range.end - 1].byte_end]
                .to_owned(),
            start: a,
            end: b,
        },
        confidence,
        relevance: None,
        article_id: article.id.0.clone(),
        explain,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn analysed(text: &str, language: &str) -> Vec<Event> {
        let mut a = Article::from_text("a1", text);
        a.language = Some(language.into());
        let layer = beacon_text::Text::new(&a.text);
        let lang = Language::of(&a).expect("a region language");
        events(&a, &layer, &[], &[], lang)
    }

    /// A pattern's words are its spaces' parts, each with its forms: no
    /// form holds a space (a pattern of one word lists one word's forms).
    #[test]
    fn every_pattern_reads_as_words_of_forms() {
        for t in RUSSIAN.iter().chain(PERSIAN) {
            for word in t.pattern.split(' ') {
                assert!(
                    !word.is_empty() && !word.starts_with('|') && !word.ends_with('|'),
                    "{}",
                    t.pattern
                );
            }
        }
        let e = analysed("Боевики похитили пятерых строителей.", "ru");
        assert_eq!(e[0].kind, EventType::Assault);
        let e = analysed("Неизвестные расстреляли машину полиции.", "ru");
        assert_eq!(e[0].kind, EventType::Assault);
    }

    /// Sentences the team wrote: the type, the modality, the tolls.
    #[test]
    fn russian_and_persian_sentences_are_coded() {
        let e = analysed(
            "Боевики атаковали пограничную заставу. Погибли двое пограничников, ещё трое получили ранения.",
            "ru",
        );
        assert_eq!(e.len(), 1);
        assert_eq!(e[0].kind, EventType::Assault);
        assert_eq!(e[0].modality, Modality::Occurred);
        let e = analysed(
            "Боевики могут вторгнуться в Центральную Азию. Пограничники не открывали огонь.",
            "ru",
        );
        assert_eq!(
            (e[0].kind, e[0].modality),
            (EventType::Fight, Modality::Anticipated)
        );
        let e = analysed("Пятеро боевиков убиты, двое ранены в перестрелке.", "ru");
        let f = e.iter().find(|e| e.fatalities.is_some()).expect("a toll");
        assert_eq!(f.fatalities.as_ref().map(|c| c.min), Some(5));
        assert_eq!(f.injured.as_ref().map(|c| c.min), Some(2));
        let e = analysed(
            "جنگجویان به یک پاسگاه مرزی حمله کردند. در این درگیری دو سرباز کشته و سه تن دیگر زخمی شدند.",
            "fa",
        );
        assert_eq!(e[0].kind, EventType::Assault);
        assert_eq!(e.len(), 1, "the clash is the attack told again");
        assert_eq!(e[0].fatalities.as_ref().map(|c| c.min), Some(2));
        assert_eq!(e[0].injured.as_ref().map(|c| c.min), Some(3));
        let e = analysed("طالبان گفتند که به این شهر حمله نکردند.", "fa");
        assert_eq!(e[0].modality, Modality::Denied);
        let e = analysed("احتمال دارد طالبان به این ولایت حمله کنند.", "fa");
        assert_eq!(e[0].modality, Modality::Anticipated);
        let e = analysed("۱۲ نفر در این انفجار کشته شدند.", "fa");
        assert_eq!(e[0].fatalities.as_ref().map(|c| c.min), Some(12));
        // the count before its verb, however far, not the next clause's
        let e = analysed(
            "مهاجمان حمله کردند و دو مرزبان تاجیک کشته و سه تن دیگر زخمی شدند.",
            "fa",
        );
        assert_eq!(e[0].fatalities.as_ref().map(|c| c.min), Some(2));
        assert_eq!(e[0].injured.as_ref().map(|c| c.min), Some(3));
        // a retelling adds its tolls to the happening told, no event
        let e = analysed(
            "Боевики атаковали заставу. Погибли двое пограничников. В этом бою ранены трое.",
            "ru",
        );
        assert_eq!(e.len(), 1, "{e:?}");
        assert_eq!(e[0].fatalities.as_ref().map(|c| c.min), Some(2));
        assert_eq!(e[0].injured.as_ref().map(|c| c.min), Some(3));
        // a game's attack is no event; a bomb at a match is
        assert!(
            analysed(
                "«Истиклол» провёл атаку и забил гол. Матч закончился со счётом 4:0.",
                "ru"
            )
            .is_empty()
        );
        let e = analysed(
            "Во время матча на стадионе прогремел взрыв, погибли трое болельщиков.",
            "ru",
        );
        assert_eq!(e[0].fatalities.as_ref().map(|c| c.min), Some(3));
        assert!(analysed("تیم ملی فوتبال با حملات پی‌درپی حریف را شکست داد.", "fa").is_empty());
        // words that only begin like a trigger are none: militants, fighters
        assert!(analysed("Боевики прибыли в город.", "ru").is_empty());
        assert!(analysed("جنگجویان به شهر رسیدند.", "fa").is_empty());
    }
}
