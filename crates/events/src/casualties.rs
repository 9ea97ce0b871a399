//! Casualty figures: how many people a text says were killed and injured.
//!
//! [`figures`] finds every figure the text states, in text order, each with
//! the rule that read it; [`casualties`] folds them into the `(fatalities,
//! injured)` pair of the event the text reports. Both are pure, never panic,
//! and run in time linear in the text (every rule looks at a bounded window
//! of words).
//!
//! # How a figure is read
//!
//! A figure is a *quantity* tied to a *harm cue*:
//!
//! - after the quantity (`number_before_killed`, `number_before_injured`):
//!   "12 people were killed", "seven people dead", "Four protesters died",
//!   "ten others were injured", "Some 300 people have been treated", "three
//!   children suffered injuries", "four people in hospital". The cue looks back
//!   over at most [`WINDOW`] words for the nearest quantity, and stops at a
//!   sentence end, another cue, or a word that opens a clause (`who`, `when`,
//!   `after`, ...). A cue followed by its object ("bombers killed 10 people",
//!   "gunmen killed the guards") is active, and its subject is not a victim.
//! - before it (`killed_number`, `injured_number`): "killing 12 security
//!   force members", "killed at least 25", "wounding more than 100", "causing
//!   injuries to 8 pedestrians", "claimed 160,000 lives" (`claimed_lives`).
//! - an update (`death_toll_rose_to`): "the death toll climbed to 66".
//! - a denial (`no_one_killed`, `no_one_injured`, `no_casualties`): "no one
//!   was killed", "no injuries", "No casualties reported" → 0.
//!
//! Quantities: digits ("36", "1,200", "1.5 million"); words ("thirty-six",
//! "one hundred and twenty", "a dozen", "two dozen", "half a dozen"); "a" or
//! "an" before a person ("a man", "an Iraqi general") and "both" before one
//! are 1 and 2. Plural round words take their unit, with no upper bound, as
//! ACLED codes them: "tens" 10, "dozens" 12, "scores" 20, "hundreds" 100,
//! "thousands" 1,000 ("tens of thousands" 10,000). "Several", "many", "a
//! number of" are not numbers. Qualifiers: "at least 5", "5 or more" → 5, no
//! max; "more than / over / upwards of 100" → 101, no max; "about / around /
//! some / nearly / almost / an estimated 20" → 20 (the stated figure); "up to
//! / as many as 20" → 1 to 20; "fewer than 10" → 1 to 9; "between 10 and 15",
//! "10 to 15", "10-15", "two or three" → the range.
//!
//! Not people harmed: years ("killed in 2014"), ages ("a 25-year-old",
//! "Smith, 24,"), dates ("June 17"), times ("10:45 pm"), money ("$500"),
//! measures and things ("12 vehicles", "50 km", "12 days").
//!
//! "Casualties" count dead and wounded together, so "20 casualties" is no
//! figure for either; "no casualties" denies both. "Killed and wounded
//! dozens", "killed or wounded at least 26" tell no split and give no figure.
//!
//! # Folding figures into the event's count ([`casualties`])
//!
//! For each harm, in text order, as a careful coder reads a report:
//! - coordinated groups are added: "two soldiers and a civilian were killed"
//!   → 3, "killing an Iraqi general and five soldiers" → 6;
//! - a part is not added: "at least 14, including seven children" → 14;
//! - an update replaces everything before it: "the death toll rose to 40";
//! - the first figure leads; a later figure equal to it is a restatement and
//!   the lead keeps its open bound ("at least 12 ... the 12 killed" → 12, no
//!   max); a later, smaller one is a detail (one incident, one side) and is
//!   not added; a later, larger one either sharpens a lead with no upper
//!   bound ("dozens were killed ... killed 28" → 28) or, after an exact lead,
//!   is a conflicting report, which widens the range ("nine confirmed dead
//!   ... an eyewitness said twelve" → 9 to 12);
//! - a denial (0) counts only when no figure of that harm is stated.
//!
//! Suicide bombers who "blew themselves up" are not counted unless the text
//! counts them ("left both bombers dead", "26 people, including 13
//! attackers").

use beacon_model::Count;

/// What happened to the people a figure counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Harm {
    /// Killed, dead, died.
    Killed,
    /// Injured, wounded, hurt, treated in hospital.
    Injured,
}

/// How a figure stands to the event's count.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    /// A count of its own ("12 people were killed").
    Total,
    /// Part of another figure ("including 11 children"): never added.
    Part,
    /// An update that replaces what came before ("the death toll rose to 40").
    Update,
}

/// One figure the text states.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Figure {
    /// Killed or injured.
    pub harm: Harm,
    /// How many; `count.text` is the text from `start` to `end`.
    pub count: Count,
    /// Byte offset of the figure's first word in the text.
    pub start: usize,
    /// Byte offset one past its last word.
    pub end: usize,
    /// The rule that read it, by name (`number_before_killed`, ...).
    pub rule: &'static str,
    /// Whether it is a count of its own, a part, or an update.
    pub role: Role,
}

/// How many words a cue looks back for the quantity it follows.
pub const WINDOW: usize = 16;

/// Every casualty figure the text states, in text order.
pub fn figures(text: &str) -> Vec<Figure> {
    let t = tokenize(text);
    let mut out = Vec::new();
    let mut i = 0;
    while i < t.len() {
        if let Some((len, harm, rule)) = denial_at(&t, i) {
            let (s, e) = (t[i].start, t[i + len - 1].end);
            let harms: &[Harm] = match harm {
                Some(h) => &[h][..],
                None => &[Harm::Killed, Harm::Injured][..],
            };
            for &h in harms {
                out.push(figure(text, h, 0, Some(0), s, e, rule, Role::Total));
            }
            i += len;
            continue;
        }
        if let Some(f) = toll_at(text, &t, i) {
            out.push(f);
        }
        if let Some(cue) = cue_at(&t, i) {
            if !combined(&t, i, &cue) {
                read_cue(text, &t, i, &cue, &mut out);
            }
            i += cue.len;
            continue;
        }
        i += 1;
    }
    out.sort_by_key(|f| (f.start, f.end));
    out.dedup_by(|a, b| a.start == b.start && a.end == b.end && a.harm == b.harm);
    out
}

/// The (fatalities, injured) the text states for the event it reports.
pub fn casualties(text: &str) -> (Option<Count>, Option<Count>) {
    let figs = figures(text);
    (fold(&figs, Harm::Killed), fold(&figs, Harm::Injured))
}

fn fold(figs: &[Figure], harm: Harm) -> Option<Count> {
    let mine: Vec<&Figure> = figs
        .iter()
        .filter(|f| f.harm == harm && f.role != Role::Part)
        .collect();
    let stated: Vec<&Figure> = if mine.iter().any(|f| f.count.min > 0) {
        mine.into_iter().filter(|f| f.count.min > 0).collect()
    } else {
        mine
    };
    let mut lead: Option<Count> = None;
    for f in stated {
        let c = &f.count;
        let Some(l) = lead.as_mut() else {
            lead = Some(c.clone());
            continue;
        };
        if f.role == Role::Update {
            *l = c.clone();
        } else if c.min <= l.min {
            // A restatement or a detail.
        } else if l.max.is_none() {
            *l = c.clone();
        } else {
            let hi = match (l.max, c.max) {
                (Some(a), Some(b)) => Some(a.max(b)),
                _ => None,
            };
            l.max = hi;
            l.text = format!("{} … {}", l.text, c.text);
        }
    }
    lead
}

#[allow(clippy::too_many_arguments)]
fn figure(
    text: &str,
    harm: Harm,
    min: u32,
    max: Option<u32>,
    start: usize,
    end: usize,
    rule: &'static str,
    role: Role,
) -> Figure {
    Figure {
        harm,
        count: Count {
            min,
            max,
            text: text.get(start..end).unwrap_or("").to_owned(),
        },
        start,
        end,
        rule,
        role,
    }
}

// ---------------------------------------------------------------- tokens

#[derive(Debug, Clone)]
struct Tok {
    start: usize,
    end: usize,
    /// Lower-cased text.
    low: String,
    /// Whether the first character is upper case.
    cap: bool,
    /// Whether the token is punctuation.
    punct: bool,
}

/// The words the reader matches, made from the one tokeniser's tokens
/// (`beacon-text`): a word and what is written onto it without a space
/// through `-`, `'` or `’` ("thirty-six", "six-year-old", "don't") are one
/// word; marks are tokens of their own (a period ending an abbreviation or
/// an acronym too); byte offsets.
fn tokenize(text: &str) -> Vec<Tok> {
    let mut out: Vec<Tok> = Vec::new();
    let mut hyphen_at: Option<usize> = None;
    for t in beacon_text::tokens::tokenise(text) {
        let s = t.text(text);
        let (start, mut end) = (t.byte_start, t.byte_end);
        let first = s.chars().next().unwrap_or(' ');
        let word =
            first.is_alphanumeric() || (matches!(first, '\'' | '’') && s.chars().count() > 1);
        // a word written onto the one before: through a hyphen, a clitic
        let onto = out.last().is_some_and(|l| !l.punct && l.end == start);
        if word && (onto || hyphen_at == Some(start)) {
            if hyphen_at.take().is_some() {
                out.pop(); // the hyphen joins the two words
            }
            if let Some(last) = out.last_mut() {
                // an abbreviation's period stays a mark of its own
                if let Some(w) = s
                    .strip_suffix('.')
                    .filter(|w| !w.is_empty() && !w.contains('.'))
                {
                    end = start + w.len();
                }
                last.end = end;
                last.low = text[last.start..end].to_lowercase().replace('’', "'");
                if end < t.byte_end {
                    out.push(punct(text, end, t.byte_end));
                }
                continue;
            }
        }
        hyphen_at = None;
        if !word {
            // a run of one mark ("...", "--") is one token to the tokeniser,
            // one token each to the reader
            let mut at = start;
            for c in s.chars() {
                out.push(punct(text, at, at + c.len_utf8()));
                at += c.len_utf8();
            }
            if s == "-"
                && out.len() >= 2
                && !out[out.len() - 2].punct
                && out[out.len() - 2].end == start
            {
                hyphen_at = Some(end);
            }
            continue;
        }
        // an abbreviation's or acronym's period is a mark of its own
        let body = match s.strip_suffix('.') {
            Some(w) if !w.is_empty() && !w.ends_with('.') => w,
            _ => s,
        };
        let body_end = start + body.len();
        out.push(Tok {
            start,
            end: body_end,
            low: body.to_lowercase().replace('’', "'"),
            cap: first.is_uppercase(),
            punct: false,
        });
        if body_end < end {
            out.push(punct(text, body_end, end));
        }
    }
    out
}

/// A mark at `start..end` as a token.
fn punct(text: &str, start: usize, end: usize) -> Tok {
    Tok {
        start,
        end,
        low: text[start..end].to_owned(),
        cap: false,
        punct: true,
    }
}

fn w(t: &[Tok], i: usize) -> &str {
    t.get(i).map_or("", |x| x.low.as_str())
}

fn words_at(t: &[Tok], i: usize, seq: &[&str]) -> bool {
    seq.iter().enumerate().all(|(k, s)| w(t, i + k) == *s)
}

// ---------------------------------------------------------------- lexicon

fn small_number(s: &str) -> Option<u64> {
    Some(match s {
        "zero" => 0,
        "one" => 1,
        "two" => 2,
        "three" => 3,
        "four" => 4,
        "five" => 5,
        "six" => 6,
        "seven" => 7,
        "eight" => 8,
        "nine" => 9,
        "ten" => 10,
        "eleven" => 11,
        "twelve" => 12,
        "thirteen" => 13,
        "fourteen" => 14,
        "fifteen" => 15,
        "sixteen" => 16,
        "seventeen" => 17,
        "eighteen" => 18,
        "nineteen" => 19,
        "twenty" => 20,
        "thirty" => 30,
        "forty" => 40,
        "fifty" => 50,
        "sixty" => 60,
        "seventy" => 70,
        "eighty" => 80,
        "ninety" => 90,
        _ => {
            // "thirty-six"
            let (a, b) = s.split_once('-')?;
            let (a, b) = (small_number(a)?, small_number(b)?);
            if a >= 20 && a % 10 == 0 && (1..10).contains(&b) {
                a + b
            } else {
                return None;
            }
        }
    })
}

fn multiplier(s: &str) -> Option<u64> {
    match s {
        "hundred" => Some(100),
        "thousand" => Some(1_000),
        "million" => Some(1_000_000),
        "billion" => Some(1_000_000_000),
        _ => None,
    }
}

/// Plural round words: the unit ACLED codes them as.
fn round_plural(s: &str) -> Option<u64> {
    match s {
        "tens" => Some(10),
        "dozens" => Some(12),
        "scores" => Some(20),
        "hundreds" => Some(100),
        "thousands" => Some(1_000),
        "millions" => Some(1_000_000),
        _ => None,
    }
}

/// Words for people a toll counts ("five civilians", "two women").
const PERSON_WORDS: &[&str] = &[
    "people",
    "persons",
    "person",
    "others",
    "other",
    "man",
    "men",
    "woman",
    "women",
    "boy",
    "boys",
    "girl",
    "girls",
    "child",
    "children",
    "baby",
    "babies",
    "infant",
    "infants",
    "toddler",
    "teenager",
    "teenagers",
    "youth",
    "youths",
    "civilian",
    "civilians",
    "soldier",
    "soldiers",
    "troops",
    "trooper",
    "troopers",
    "officer",
    "officers",
    "policeman",
    "policemen",
    "policewoman",
    "police",
    "cop",
    "cops",
    "constable",
    "guard",
    "guards",
    "jawan",
    "jawans",
    "protester",
    "protesters",
    "protestor",
    "protestors",
    "demonstrator",
    "demonstrators",
    "militant",
    "militants",
    "fighter",
    "fighters",
    "rebel",
    "rebels",
    "insurgent",
    "insurgents",
    "terrorist",
    "terrorists",
    "jihadist",
    "jihadists",
    "gunman",
    "gunmen",
    "attacker",
    "attackers",
    "assailant",
    "assailants",
    "bomber",
    "bombers",
    "bandit",
    "bandits",
    "combatant",
    "combatants",
    "militiaman",
    "militiamen",
    "commander",
    "commanders",
    "general",
    "colonel",
    "captain",
    "sergeant",
    "commando",
    "commandos",
    "ranger",
    "rangers",
    "peacekeeper",
    "peacekeepers",
    "student",
    "students",
    "pupil",
    "pupils",
    "schoolboy",
    "schoolgirl",
    "teacher",
    "teachers",
    "worker",
    "workers",
    "employee",
    "employees",
    "engineer",
    "engineers",
    "journalist",
    "journalists",
    "photojournalist",
    "reporter",
    "doctor",
    "doctors",
    "nurse",
    "nurses",
    "farmer",
    "farmers",
    "herder",
    "herders",
    "driver",
    "drivers",
    "motorist",
    "motorists",
    "passenger",
    "passengers",
    "pilot",
    "pilots",
    "pedestrian",
    "pedestrians",
    "resident",
    "residents",
    "villager",
    "villagers",
    "tourist",
    "tourists",
    "worshipper",
    "worshippers",
    "pilgrim",
    "pilgrims",
    "migrant",
    "migrants",
    "refugee",
    "refugees",
    "prisoner",
    "prisoners",
    "inmate",
    "inmates",
    "detainee",
    "detainees",
    "activist",
    "activists",
    "member",
    "members",
    "official",
    "officials",
    "leader",
    "leaders",
    "pastor",
    "priest",
    "imam",
    "cleric",
    "suspect",
    "suspects",
    "victim",
    "victims",
    "vigilante",
    "vigilantes",
    "watchman",
    "crew",
    "sailor",
    "sailors",
    "fisherman",
    "fishermen",
    "miner",
    "miners",
    "trader",
    "traders",
    "shopkeeper",
    "vendor",
    "vendors",
    "elder",
    "elders",
    "mother",
    "father",
    "son",
    "daughter",
    "wife",
    "husband",
    "brother",
    "sister",
    "family",
    "kurds",
    "palestinians",
    "israelis",
    "afghans",
    "iraqis",
    "syrians",
    "nationals",
    "citizens",
    "citizen",
    "personnel",
    "servicemen",
    "serviceman",
    "staff",
    "staffers",
    "patients",
    "patient",
    "adults",
    "adult",
    "individuals",
    "individual",
    "lawmaker",
    "lawmakers",
    "politician",
    "politicians",
    "mp",
    "mps",
    "rapist",
    "forces",
];

fn person(s: &str) -> bool {
    let s = s.strip_suffix("'s").unwrap_or(s);
    PERSON_WORDS.contains(&s)
}

/// Words after a number that say it counts something other than people.
fn thing(s: &str) -> bool {
    s.contains("year-old")
        || s.contains("-year")
        || matches!(
            s,
            "year"
                | "years"
                | "month"
                | "months"
                | "week"
                | "weeks"
                | "day"
                | "days"
                | "hour"
                | "hours"
                | "hrs"
                | "minute"
                | "minutes"
                | "second"
                | "seconds"
                | "decade"
                | "decades"
                | "century"
                | "centuries"
                | "am"
                | "pm"
                | "a.m"
                | "p.m"
                | "gmt"
                | "o'clock"
                | "%"
                | "percent"
                | "per"
                | "km"
                | "kms"
                | "kilometres"
                | "kilometers"
                | "kilometre"
                | "kilometer"
                | "miles"
                | "mile"
                | "metres"
                | "meters"
                | "metre"
                | "meter"
                | "m"
                | "feet"
                | "foot"
                | "ft"
                | "tons"
                | "tonnes"
                | "ton"
                | "tonne"
                | "kg"
                | "kilograms"
                | "kilos"
                | "grams"
                | "litres"
                | "liters"
                | "gallons"
                | "barrels"
                | "acres"
                | "hectares"
                | "dollars"
                | "euros"
                | "pounds"
                | "yuan"
                | "rupees"
                | "naira"
                | "shillings"
                | "usd"
                | "vehicles"
                | "vehicle"
                | "cars"
                | "trucks"
                | "buses"
                | "buildings"
                | "houses"
                | "homes"
                | "shops"
                | "rockets"
                | "missiles"
                | "shells"
                | "mortars"
                | "bombs"
                | "grenades"
                | "rounds"
                | "bullets"
                | "cartridges"
                | "weapons"
                | "guns"
                | "rifles"
                | "pistols"
                | "explosives"
                | "devices"
                | "ieds"
                | "mines"
                | "landmines"
                | "villages"
                | "towns"
                | "cities"
                | "districts"
                | "provinces"
                | "regions"
                | "countries"
                | "locations"
                | "positions"
                | "bases"
                | "points"
                | "times"
                | "cases"
                | "animals"
                | "cattle"
                | "cows"
                | "goats"
                | "sheep"
                | "camels"
                | "dolphins"
                | "deer"
                | "birds"
                | "fish"
                | "tanks"
                | "aircraft"
                | "planes"
                | "jets"
                | "helicopters"
                | "boats"
                | "ships"
                | "trees"
                | "fires"
                | "tremors"
        )
}

fn month(s: &str) -> bool {
    beacon_model::english::is_month(s.trim_end_matches('.'))
}

/// Words that open a clause: a quantity before one is not the subject of a
/// cue after it.
fn barrier(tok: &Tok) -> bool {
    if tok.punct {
        return matches!(
            tok.low.as_str(),
            "." | "!" | "?" | ";" | ":" | "\"" | "“" | "”"
        );
    }
    matches!(
        tok.low.as_str(),
        "who"
            | "whom"
            | "whose"
            | "which"
            | "that"
            | "when"
            | "where"
            | "while"
            | "after"
            | "before"
            | "because"
            | "although"
            | "though"
            | "but"
            | "if"
            | "whereas"
            | "until"
            | "as"
            | "since"
            | "said"
            | "says"
            | "say"
    )
}

// ---------------------------------------------------------------- quantities

/// A stated number of people: tokens `start..end` (qualifier and number,
/// without the noun after it).
#[derive(Debug, Clone, Copy)]
struct Quantity {
    start: usize,
    end: usize,
    min: u64,
    max: Option<u64>,
}

/// A bare number at `j`: (least, most, the token after it).
fn cardinal(t: &[Tok], j: usize) -> Option<(u64, Option<u64>, usize)> {
    let tok = t.get(j)?;
    if tok.punct {
        return None;
    }
    let s = tok.low.as_str();
    let first = s.chars().next()?;
    if first.is_ascii_digit() {
        if let Some((a, b)) = s.split_once('-') {
            // "10-15"
            let (a, b) = (digits(a)?, digits(b)?);
            return (a < b).then_some((a, Some(b), j + 1));
        }
        if s.contains('.') {
            // "1.5 million"; a bare decimal counts no one.
            let m = multiplier(w(t, j + 1))?;
            let v: f64 = s.parse().ok()?;
            let n = v * m as f64;
            return (n.is_finite() && n < 1e15).then_some((n as u64, Some(n as u64), j + 2));
        }
        let mut v = digits(s)?;
        let mut k = j + 1;
        if let Some(m) = multiplier(w(t, k)) {
            v = v.checked_mul(m)?;
            k += 1;
        }
        return Some((v, Some(v), k));
    }
    if let Some(u) = round_plural(s) {
        // "tens of thousands"
        if let Some(m) = round_plural(w(t, j + 2)).filter(|_| w(t, j + 1) == "of") {
            let v = u.checked_mul(m)?;
            return Some((v, None, j + 3));
        }
        return Some((u, None, j + 1));
    }
    if s == "half" && words_at(t, j + 1, &["a", "dozen"]) {
        return Some((6, Some(6), j + 3));
    }
    if (s == "a" || s == "one") && w(t, j + 1) == "dozen" {
        return Some((12, Some(12), j + 2));
    }
    if s == "a" {
        let m = multiplier(w(t, j + 1))?;
        return Some((m, Some(m), j + 2));
    }
    // Words: "one hundred and twenty", "thirty-six", "two dozen".
    let (mut total, mut cur, mut k, mut seen) = (0u64, 0u64, j, false);
    // Bounded, so that a run of number words costs constant time per start.
    while k < j + 12 {
        let x = w(t, k);
        if let Some(v) = small_number(x) {
            if seen && cur % 100 != 0 && cur % 10 == 0 && v < 10 {
                cur += v; // "twenty one"
            } else if seen && cur % 100 != 0 {
                break;
            } else {
                cur += v;
            }
            seen = true;
        } else if seen && x == "hundred" {
            cur = cur.max(1).checked_mul(100)?;
        } else if let (true, Some(m)) = (seen, multiplier(x).filter(|&m| m >= 1000)) {
            total = total.checked_add(cur.max(1).checked_mul(m)?)?;
            cur = 0;
        } else if seen && x == "and" && small_number(w(t, k + 1)).is_some() && total + cur >= 100 {
        } else if seen && x == "dozen" {
            cur = cur.checked_mul(12)?;
            k += 1;
            break;
        } else {
            break;
        }
        k += 1;
    }
    if !seen {
        return None;
    }
    // A capitalised "One" after a capitalised word is a name ("Formula One").
    if s == "one" && tok.cap && j > 0 && t[j - 1].cap {
        return None;
    }
    let v = total.checked_add(cur)?;
    Some((v, Some(v), k))
}

fn digits(s: &str) -> Option<u64> {
    let mut v: u64 = 0;
    let mut any = false;
    for c in s.chars() {
        if c == ',' {
            continue;
        }
        let d = c.to_digit(10)?;
        v = v.checked_mul(10)?.checked_add(u64::from(d))?;
        any = true;
    }
    any.then_some(v)
}

/// Qualifiers before a number: (how many tokens, what they do).
#[derive(Clone, Copy, PartialEq)]
enum Qual {
    Exact,
    AtLeast,
    MoreThan,
    UpTo,
    FewerThan,
}

fn qualifier(t: &[Tok], i: usize) -> Option<(usize, Qual)> {
    const QUALS: &[(&[&str], Qual)] = &[
        (&["at", "least"], Qual::AtLeast),
        (&["no", "fewer", "than"], Qual::AtLeast),
        (&["no", "less", "than"], Qual::AtLeast),
        (&["not", "less", "than"], Qual::AtLeast),
        (&["a", "minimum", "of"], Qual::AtLeast),
        (&["more", "than"], Qual::MoreThan),
        (&["over"], Qual::MoreThan),
        (&["above"], Qual::MoreThan),
        (&["upwards", "of"], Qual::MoreThan),
        (&["in", "excess", "of"], Qual::MoreThan),
        (&["nearly"], Qual::Exact),
        (&["almost"], Qual::Exact),
        (&["about"], Qual::Exact),
        (&["around"], Qual::Exact),
        (&["some"], Qual::Exact),
        (&["roughly"], Qual::Exact),
        (&["approximately"], Qual::Exact),
        (&["an", "estimated"], Qual::Exact),
        (&["estimated"], Qual::Exact),
        (&["close", "to"], Qual::Exact),
        (&["another"], Qual::Exact),
        (&["a", "further"], Qual::Exact),
        (&["an", "additional"], Qual::Exact),
        (&["only"], Qual::Exact),
        (&["up", "to"], Qual::UpTo),
        (&["as", "many", "as"], Qual::UpTo),
        (&["fewer", "than"], Qual::FewerThan),
        (&["less", "than"], Qual::FewerThan),
    ];
    QUALS
        .iter()
        .find(|(seq, _)| words_at(t, i, seq))
        .map(|(seq, q)| (seq.len(), *q))
}

/// The quantity that starts at `i`, if one does.
fn quantity_at(t: &[Tok], i: usize) -> Option<Quantity> {
    let tok = t.get(i)?;
    if tok.punct {
        return None;
    }
    // "no one", "none": denials, read elsewhere.
    if i > 0 && matches!(w(t, i - 1), "no" | "not") && w(t, i) == "one" {
        return None;
    }
    // "between 10 and 15", "from 10 to 15"
    if matches!(tok.low.as_str(), "between" | "from") {
        let (a, _, k) = cardinal(t, i + 1)?;
        if matches!(w(t, k), "and" | "to") {
            let (b, bmax, k2) = cardinal(t, k + 1)?;
            if a < b && people_follow(t, i + 1, k2) {
                return finish(i, k2, a, bmax);
            }
        }
        return None;
    }
    // "a man", "an Iraqi general", "both bombers"
    if matches!(tok.low.as_str(), "a" | "an" | "both") {
        if let Some(q) = cardinal(t, i).filter(|_| tok.low == "a") {
            return people_follow(t, i, q.2)
                .then_some(())
                .and_then(|()| finish(i, q.2, q.0, q.1));
        }
        let n = if tok.low == "both" { 2 } else { 1 };
        for k in i + 1..(i + 5).min(t.len()) {
            let x = &t[k];
            if x.punct || barrier(x) || matches!(x.low.as_str(), "of" | "and" | "or" | "number") {
                return None;
            }
            if person(&x.low) && !person(w(t, k + 1)) {
                return finish(i, i + 1, n, Some(n));
            }
            if cue_word(&x.low) || cardinal(t, k).is_some() {
                return None;
            }
        }
        return None;
    }
    let (skip, qual) = qualifier(t, i).unwrap_or((0, Qual::Exact));
    let j = i + skip;
    let (mut a, mut b, mut k) = cardinal(t, j)?;
    // Ranges: "10 to 15", "two or three", "10 - 15"; open: "5 or more", "5-plus".
    if matches!(w(t, k), "to" | "or" | "-" | "–") {
        if let Some((c, cmax, k2)) = cardinal(t, k + 1) {
            if c > a {
                b = cmax;
                k = k2;
            }
        } else if words_at(t, k, &["or", "more"]) {
            b = None;
            k += 2;
        }
    }
    if w(t, k) == "more" && qual == Qual::Exact && !matches!(w(t, k + 1), "than") {
        k += 1; // "four more protesters"
    }
    if !people_follow(t, j, k) || !plausible(t, j) {
        return None;
    }
    let exact = b == Some(a);
    match qual {
        Qual::Exact => {}
        Qual::AtLeast => b = None,
        Qual::MoreThan => {
            a = a.saturating_add(1);
            b = None;
        }
        Qual::UpTo if exact => {
            b = Some(a);
            a = a.min(1);
        }
        Qual::FewerThan if exact && a >= 2 => {
            b = Some(a - 1);
            a = 1;
        }
        _ => return None,
    }
    finish(i, k, a, b)
}

fn finish(start: usize, end: usize, min: u64, max: Option<u64>) -> Option<Quantity> {
    let cap = u64::from(u32::MAX);
    if min > cap || max.is_some_and(|m| m > cap) {
        return None;
    }
    Some(Quantity {
        start,
        end,
        min,
        max,
    })
}

/// Whether what follows the number at `j` (ending at `k`) may be people.
fn people_follow(t: &[Tok], j: usize, k: usize) -> bool {
    let next = w(t, k);
    if thing(next) || month(next) {
        return false;
    }
    // "of the 3 vehicles" is fine; "3 of the vehicles" too: look one further.
    if next == "of" && thing(w(t, k + 2)) {
        return false;
    }
    // A time: "10:45", "12.30 (GMT)".
    if next == ":"
        && t.get(k + 1)
            .is_some_and(|x| x.low.starts_with(|c: char| c.is_ascii_digit()))
    {
        return false;
    }
    // A year: a bare four-digit number from 1800 to 2100 not before people.
    let s = w(t, j);
    if s.len() == 4
        && s.chars().all(|c| c.is_ascii_digit())
        && (1800..=2100).contains(&digits(s).unwrap_or(0))
        && !person(next)
    {
        return false;
    }
    true
}

/// Whether the number at `j` is not a date, an age, money or a time by what
/// comes before it.
fn plausible(t: &[Tok], j: usize) -> bool {
    if j == 0 {
        return true;
    }
    let prev = w(t, j - 1);
    if month(prev)
        || matches!(
            prev,
            "$" | "£" | "€" | "¥" | "aged" | "age" | "no" | "number" | "at"
        )
    {
        return false;
    }
    if prev == "," && j >= 2 && t[j - 2].cap && w(t, j + 1) == "," {
        return false; // "Anthony Smith, 24,"
    }
    // Ordinal or part of a name ("Point 1607", "F 16").
    !(t[j - 1].cap
        && qualifier(t, j - 1).is_none()
        && t[j].low.chars().all(|c| c.is_ascii_digit())
        && t[j].low.len() >= 3)
}

/// Where the noun phrase after a quantity ends (at most six words).
fn np_end(t: &[Tok], mut k: usize) -> usize {
    let lim = k + 6;
    while k < t.len() && k < lim {
        let x = &t[k];
        if x.punct || barrier(x) || cue_word(&x.low) || aux(&x.low) || x.low == "and" {
            break;
        }
        if cardinal(t, k).is_some() && x.low != "a" {
            break;
        }
        k += 1;
    }
    k
}

fn aux(s: &str) -> bool {
    matches!(
        s,
        "was" | "were" | "is" | "are" | "been" | "be" | "being" | "have" | "has" | "had"
    )
}

/// The earliest start of a quantity that ends where the one at `k` ends
/// (a qualifier or a range before it: "at least six", "10 to 15").
fn widest_at(t: &[Tok], k: usize) -> Option<Quantity> {
    let q = quantity_at(t, k)?;
    let mut best = q;
    for back in 1..=4 {
        let Some(s) = k.checked_sub(back) else { break };
        if let Some(q2) = quantity_at(t, s).filter(|q2| q2.end >= q.end) {
            best = q2;
        }
    }
    Some(best)
}

fn is_part_marker(t: &[Tok], i: usize) -> bool {
    w(t, i) == "including"
        || w(t, i) == "incl"
        || (i >= 1 && matches!(w(t, i - 1), "among" | "of") && matches!(w(t, i), "them" | "whom"))
}

// ---------------------------------------------------------------- cues

#[derive(Debug, Clone, Copy)]
struct Cue {
    len: usize,
    harm: Harm,
    /// The quantity comes before (passive: "12 were killed").
    after: bool,
    /// The quantity comes after (active: "killing 12").
    before: bool,
    /// "claimed N lives"
    lives: bool,
}

fn cue_word(s: &str) -> bool {
    matches!(
        s,
        "killed"
            | "killing"
            | "kill"
            | "kills"
            | "dead"
            | "died"
            | "die"
            | "dies"
            | "murdered"
            | "slain"
            | "massacred"
            | "perished"
            | "drowned"
            | "wounded"
            | "wounding"
            | "injured"
            | "injuring"
            | "hurt"
            | "hurting"
            | "hospitalized"
            | "hospitalised"
            | "suffocated"
    )
}

fn cue_at(t: &[Tok], i: usize) -> Option<Cue> {
    let c = |len, harm, after, before| Cue {
        len,
        harm,
        after,
        before,
        lives: false,
    };
    let s = w(t, i);
    let k = Harm::Killed;
    let j = Harm::Injured;
    Some(match s {
        "killed" | "murdered" => {
            if w(t, i + 1) == "of" {
                return None;
            }
            c(1, k, true, true)
        }
        "killing" | "murdering" => c(if w(t, i + 1) == "of" { 2 } else { 1 }, k, false, true),
        "kill" | "kills" => c(1, k, false, true),
        "dead" | "died" | "die" | "dies" | "slain" | "massacred" | "perished" | "drowned"
        | "lynched" | "beheaded" => c(1, k, true, false),
        "lost" if words_at(t, i + 1, &["their", "lives"]) => c(3, k, true, false),
        "claimed" | "claiming" | "cost" | "costing" | "took" | "taking" => Cue {
            len: 1,
            harm: k,
            after: false,
            before: true,
            lives: true,
        },
        "wounded" | "injured" | "hurt" => c(1, j, true, true),
        "wounding" | "injuring" | "hurting" => c(1, j, false, true),
        "hospitalized" | "hospitalised" | "suffocated" | "treated" => c(1, j, true, false),
        "injuries" | "injury" if w(t, i + 1) == "to" => c(2, j, false, true),
        "suffered" | "suffering" | "sustained" | "sustaining" | "suffer" | "sustain" => {
            let harmful = |x: &str| {
                matches!(
                    x,
                    "injuries" | "injury" | "wounds" | "burns" | "suffocation" | "poisoning"
                )
            };
            if harmful(w(t, i + 1)) {
                c(2, j, true, false)
            } else if harmful(w(t, i + 2)) && !t.get(i + 1).is_some_and(|x| x.punct) {
                c(3, j, true, false)
            } else {
                return None;
            }
        }
        "sought" | "received" | "required" | "needed"
            if w(t, i + 1) == "medical"
                && matches!(w(t, i + 2), "attention" | "treatment" | "care" | "help") =>
        {
            c(3, j, true, false)
        }
        "to" | "in" => {
            let mut n = 1;
            if matches!(w(t, i + n), "a" | "the" | "nearby" | "local") {
                n += 1;
            }
            if matches!(w(t, i + n), "nearby" | "local") {
                n += 1;
            }
            if matches!(w(t, i + n), "hospital" | "hospitals") {
                c(n + 1, j, true, false)
            } else {
                return None;
            }
        }
        _ => return None,
    })
}

/// "killed and wounded", "killing or injuring", "dead and injured": no split.
fn combined(t: &[Tok], i: usize, cue: &Cue) -> bool {
    let other = |k: usize| cue_at(t, k).is_some_and(|c| c.harm != cue.harm);
    (matches!(w(t, i + cue.len), "and" | "or" | "&") && other(i + cue.len + 1))
        || (i >= 2 && matches!(w(t, i - 1), "and" | "or" | "&") && {
            // the cue before: one or two tokens long
            (1..=3).any(|n| {
                i > n && cue_at(t, i - 1 - n).is_some_and(|c| c.len == n && c.harm != cue.harm)
            })
        })
}

/// Whether the word after a cue makes it active ("killed the guards").
fn active_after(t: &[Tok], k: usize) -> bool {
    let s = w(t, k);
    matches!(
        s,
        "the"
            | "his"
            | "her"
            | "their"
            | "its"
            | "several"
            | "many"
            | "some"
            | "another"
            | "all"
            | "themselves"
            | "himself"
            | "herself"
    ) || person(s)
        || quantity_at(t, k).is_some()
}

fn read_cue(text: &str, t: &[Tok], i: usize, cue: &Cue, out: &mut Vec<Figure>) {
    let after_k = i + cue.len;
    // Active: "killing 12 people", "killed at least 25".
    // "were killed 12 km away" is passive; "have killed 12" is not.
    let be_before = (1..=2).any(|b| {
        i >= b
            && matches!(
                w(t, i - b),
                "was" | "were" | "been" | "being" | "is" | "are" | "be"
            )
    });
    if let Some(q) = quantity_at(t, after_k).filter(|_| cue.before && !be_before) {
        let mut end = np_end(t, q.end);
        if cue.lives && w(t, q.end) != "lives" {
            return;
        }
        if cue.lives {
            end = q.end + 1;
        }
        let (mut min, mut max) = (q.min, q.max);
        // Coordinated groups: "an Iraqi general and five soldiers".
        let mut k = end;
        for _ in 0..4 {
            let mut s = k;
            if w(t, s) == "," {
                s += 1;
            }
            if w(t, s) == "and" {
                s += 1;
            }
            if s == k {
                break;
            }
            let Some(q2) = quantity_at(t, s) else { break };
            let e2 = np_end(t, q2.end);
            if aux(w(t, e2)) || cue_at(t, e2).is_some() {
                break;
            }
            min = min.saturating_add(q2.min);
            max = max.zip(q2.max).map(|(a, b)| a.saturating_add(b));
            end = e2;
            k = e2;
        }
        let rule = match (cue.harm, cue.lives) {
            (_, true) => "claimed_lives",
            (Harm::Killed, _) => "killed_number",
            (Harm::Injured, _) => "injured_number",
        };
        push(
            text,
            t,
            out,
            cue.harm,
            min,
            max,
            q.start,
            end,
            rule,
            Role::Total,
        );
        return;
    }
    let passive = (1..=2)
        .any(|b| i >= b && aux(w(t, i - b)) && !matches!(w(t, i - b), "have" | "has" | "had"));
    if !cue.after || (cue.before && !passive && active_after(t, after_k)) {
        return;
    }
    // Passive: look back for the nearest quantity.
    let rule = match cue.harm {
        Harm::Killed => "number_before_killed",
        Harm::Injured => "number_before_injured",
    };
    let mut k = i;
    let mut steps = 0;
    while k > 0 && steps < WINDOW {
        k -= 1;
        steps += 1;
        let x = &t[k];
        if barrier(x) || cue_at(t, k).is_some_and(|c| k + c.len <= i) {
            return;
        }
        let Some(q) = widest_at(t, k) else { continue };
        if q.start > 0 && is_part_marker(t, q.start - 1) {
            let end = np_end(t, q.end);
            push(
                text,
                t,
                out,
                cue.harm,
                q.min,
                q.max,
                q.start,
                end,
                rule,
                Role::Part,
            );
            k = q.start - 1;
            continue;
        }
        // The tokens between the quantity and the cue must be its noun
        // phrase and verb group, not another number's.
        let (mut min, mut max, mut start) = (q.min, q.max, q.start);
        let end = np_end(t, q.end).max(q.end);
        // Coordinated groups before it: "Two soldiers, a civilian were killed".
        let mut sep = start;
        for _ in 0..4 {
            let mut s = sep;
            if s > 0 && w(t, s - 1) == "and" {
                s -= 1;
            }
            if s > 0 && w(t, s - 1) == "," {
                s -= 1;
            }
            if s == sep || s == 0 {
                break;
            }
            let mut found = None;
            for back in 1..=6 {
                let Some(b) = s.checked_sub(back) else { break };
                if t[b].punct || barrier(&t[b]) {
                    break;
                }
                if let Some(q2) = widest_at(t, b) {
                    if np_end(t, q2.end) >= s {
                        found = Some(q2);
                    }
                    break;
                }
            }
            let Some(q2) = found else { break };
            min = min.saturating_add(q2.min);
            max = max.zip(q2.max).map(|(a, b)| a.saturating_add(b));
            start = q2.start;
            sep = q2.start;
        }
        push(
            text,
            t,
            out,
            cue.harm,
            min,
            max,
            start,
            end,
            rule,
            Role::Total,
        );
        return;
    }
}

#[allow(clippy::too_many_arguments)]
fn push(
    text: &str,
    t: &[Tok],
    out: &mut Vec<Figure>,
    harm: Harm,
    min: u64,
    max: Option<u64>,
    start: usize,
    end: usize,
    rule: &'static str,
    role: Role,
) {
    let cap = u64::from(u32::MAX);
    let (Ok(min), Ok(max)) = (
        u32::try_from(min),
        max.map(|m| u32::try_from(m.min(cap))).transpose(),
    ) else {
        return;
    };
    let (Some(s), Some(e)) = (t.get(start), t.get(end.max(start + 1) - 1)) else {
        return;
    };
    out.push(figure(text, harm, min, max, s.start, e.end, rule, role));
}

/// "the death toll rose to 40", "the toll climbed to 66".
fn toll_at(text: &str, t: &[Tok], i: usize) -> Option<Figure> {
    if w(t, i) != "toll" {
        return None;
    }
    let mut saw_verb = false;
    for k in i + 1..(i + 8).min(t.len()) {
        let x = &t[k];
        if x.punct && x.low != "," {
            return None;
        }
        if matches!(
            x.low.as_str(),
            "rose"
                | "risen"
                | "rises"
                | "rising"
                | "climbed"
                | "climbs"
                | "climbing"
                | "increased"
                | "increases"
                | "jumped"
                | "reached"
                | "reaches"
                | "hit"
                | "stood"
                | "stands"
                | "soared"
                | "mounted"
                | "grew"
        ) {
            saw_verb = true;
            continue;
        }
        if saw_verb && matches!(x.low.as_str(), "to" | "at") {
            let q = quantity_at(t, k + 1)?;
            let end = np_end(t, q.end);
            let mut out = Vec::new();
            push(
                text,
                t,
                &mut out,
                Harm::Killed,
                q.min,
                q.max,
                q.start,
                end,
                "death_toll_rose_to",
                Role::Update,
            );
            return out.pop();
        }
    }
    None
}

/// Denials: (tokens, harm or both, rule).
fn denial_at(t: &[Tok], i: usize) -> Option<(usize, Option<Harm>, &'static str)> {
    let s = w(t, i);
    let nobody = match s {
        "nobody" | "none" | "no-one" => 1,
        "no" if w(t, i + 1) == "one" => 2,
        _ => 0,
    };
    if nobody > 0 {
        for k in i + nobody..i + nobody + 5 {
            if let Some(c) = cue_at(t, k).filter(|c| c.after) {
                let rule = match c.harm {
                    Harm::Killed => "no_one_killed",
                    Harm::Injured => "no_one_injured",
                };
                return Some((k + c.len - i, Some(c.harm), rule));
            }
            if !matches!(
                w(t, k),
                "was"
                    | "were"
                    | "is"
                    | "are"
                    | "has"
                    | "have"
                    | "had"
                    | "been"
                    | "be"
                    | "reported"
                    | "reportedly"
                    | "seriously"
                    | "badly"
                    | "believed"
                    | "to"
                    | "got"
                    | "else"
                    | "of"
                    | "them"
                    | "the"
                    | "people"
                    | "passengers"
            ) {
                break;
            }
        }
        return None;
    }
    if s != "no" && s != "without" {
        return None;
    }
    let mut k = i + 1;
    if matches!(
        w(t, k),
        "immediate" | "reported" | "further" | "serious" | "major"
    ) {
        k += 1;
    }
    if matches!(w(t, k), "report" | "reports") && w(t, k + 1) == "of" {
        k += 2;
    }
    let n = w(t, k);
    let harm = match n {
        "casualties" | "casualities" | "causalities" | "casualty" => None,
        "deaths" | "fatalities" | "dead" => Some(Harm::Killed),
        "loss" if w(t, k + 1) == "of" && matches!(w(t, k + 2), "life" | "lives") => {
            return Some((k + 3 - i, Some(Harm::Killed), "no_deaths"));
        }
        "injuries" | "injured" | "injury" => Some(Harm::Injured),
        _ => return None,
    };
    let rule = match harm {
        None => "no_casualties",
        Some(Harm::Killed) => "no_deaths",
        Some(Harm::Injured) => "no_injuries",
    };
    Some((k + 1 - i, harm, rule))
}

#[cfg(test)]
mod tests {
    use super::*;

    type B = Option<(u32, Option<u32>)>;

    fn c(text: &str) -> (B, B) {
        let (k, i) = casualties(text);
        (k.map(|c| (c.min, c.max)), i.map(|c| (c.min, c.max)))
    }

    fn killed(text: &str) -> Option<(u32, Option<u32>)> {
        c(text).0
    }

    fn injured(text: &str) -> Option<(u32, Option<u32>)> {
        c(text).1
    }

    #[test]
    fn digits_and_passive_forms() {
        assert_eq!(
            killed("12 people were killed in the attack."),
            Some((12, Some(12)))
        );
        assert_eq!(
            killed("Officials said 1,200 people died."),
            Some((1200, Some(1200)))
        );
        assert_eq!(killed("4 dead in Sudan"), Some((4, Some(4))));
        assert_eq!(
            c("Six people were killed and two others heavily injured."),
            (Some((6, Some(6))), Some((2, Some(2))))
        );
        assert_eq!(injured("Four people were injured."), Some((4, Some(4))));
        assert_eq!(
            killed("Gun attacks left seven people dead."),
            Some((7, Some(7)))
        );
    }

    #[test]
    fn active_forms() {
        assert_eq!(
            c("A car bomb killed eight people and wounded more than 100."),
            (Some((8, Some(8))), Some((101, None)))
        );
        assert_eq!(
            c("bombers blew themselves up, killing two people and injuring 16."),
            (Some((2, Some(2))), Some((16, Some(16))))
        );
        assert_eq!(
            killed("a conflict that has claimed 160,000 lives"),
            Some((160_000, Some(160_000)))
        );
        // The subject of an active verb is not a victim.
        assert_eq!(
            killed("Two female suicide bombers killed at least 10 people."),
            Some((10, None))
        );
        assert_eq!(killed("Three gunmen killed the guards."), None);
    }

    #[test]
    fn numbers_in_words() {
        assert_eq!(
            killed("Thirty-six people were killed."),
            Some((36, Some(36)))
        );
        assert_eq!(
            killed("one hundred and twenty people died"),
            Some((120, Some(120)))
        );
        assert_eq!(
            injured("Around a dozen Armenians were injured."),
            Some((12, Some(12)))
        );
        assert_eq!(
            killed("two dozen soldiers were killed"),
            Some((24, Some(24)))
        );
        assert_eq!(killed("A man was killed yesterday."), Some((1, Some(1))));
        assert_eq!(
            killed("the blast left both bombers dead"),
            Some((2, Some(2)))
        );
        assert_eq!(injured("Dozens of people were wounded."), Some((12, None)));
        assert_eq!(
            killed("the earthquake killed hundreds of people"),
            Some((100, None))
        );
        assert_eq!(
            injured("tens of thousands were injured"),
            Some((10_000, None))
        );
        assert_eq!(killed("killing tens of terrorists"), Some((10, None)));
    }

    #[test]
    fn qualifiers() {
        assert_eq!(killed("At least 36 people were killed."), Some((36, None)));
        assert_eq!(killed("more than 20 were killed"), Some((21, None)));
        assert_eq!(killed("nearly 40 people died"), Some((40, Some(40))));
        assert_eq!(injured("up to 20 injured"), Some((1, Some(20))));
        assert_eq!(killed("over a dozen people were killed"), Some((13, None)));
        assert_eq!(killed("5 or more people were killed"), Some((5, None)));
    }

    #[test]
    fn ranges() {
        assert_eq!(killed("10 to 15 people were killed"), Some((10, Some(15))));
        assert_eq!(
            killed("between 10 and 15 people were killed"),
            Some((10, Some(15)))
        );
        assert_eq!(killed("10-15 people were killed"), Some((10, Some(15))));
        assert_eq!(killed("two or three soldiers died"), Some((2, Some(3))));
    }

    #[test]
    fn groups_are_added_parts_are_not() {
        assert_eq!(
            killed("Two government soldiers, a civilian were killed"),
            Some((3, Some(3)))
        );
        assert_eq!(
            killed("detonating their explosives and killing an Iraqi general and five soldiers"),
            Some((6, Some(6)))
        );
        assert_eq!(
            killed("Clashes left two Fifth Corps members and five government forces killed"),
            Some((7, Some(7)))
        );
        assert_eq!(
            injured("At least 14 persons, including seven children, were injured."),
            Some((14, None))
        );
        assert_eq!(
            killed("bombings killed 26 people, including 13 attackers"),
            Some((26, Some(26)))
        );
    }

    #[test]
    fn updates_and_restatements() {
        assert_eq!(
            killed("Five people were killed on Monday. The death toll rose to 40 on Tuesday."),
            Some((40, Some(40)))
        );
        assert_eq!(
            killed("The death toll climbed to 66."),
            Some((66, Some(66)))
        );
        assert_eq!(
            killed("At least 12 people were killed. The 12 killed were police."),
            Some((12, None))
        );
        // A precise figure sharpens a vague one; a conflicting report widens.
        assert_eq!(
            killed("dozens of people were killed. The attack killed 28 people."),
            Some((28, Some(28)))
        );
        assert_eq!(
            killed(
                "Nine persons have been confirmed dead. A witness said twelve people were killed."
            ),
            Some((9, Some(12)))
        );
    }

    #[test]
    fn denials() {
        assert_eq!(
            killed("Fortunately, no one was killed."),
            Some((0, Some(0)))
        );
        assert_eq!(injured("No one was hurt."), Some((0, Some(0))));
        assert_eq!(
            c("No casualties reported."),
            (Some((0, Some(0))), Some((0, Some(0))))
        );
        assert_eq!(
            c("No one was killed but three people were injured."),
            (Some((0, Some(0))), Some((3, Some(3))))
        );
    }

    #[test]
    fn years_ages_dates_and_things_are_not_counted() {
        assert_eq!(killed("He was killed in 2014."), None);
        assert_eq!(killed("In 2014 a soldier was killed."), Some((1, Some(1))));
        assert_eq!(injured("injuring a 8-year-old child"), Some((1, Some(1))));
        assert_eq!(killed("a 25-year-old was killed"), None);
        assert_eq!(
            killed("the shooting of Anthony Smith, 24, who was killed"),
            None
        );
        assert_eq!(
            killed("On June 17 the army said it had killed 5 militants"),
            Some((5, Some(5)))
        );
        assert_eq!(
            c("12 vehicles were destroyed, at 10:45 pm, costing $500,000."),
            (None, None)
        );
        assert_eq!(killed("The 12 days of fighting killed no one"), None);
        assert_eq!(
            c("Scores of terrorists were killed and injured."),
            (None, None)
        );
        assert_eq!(c("20 casualties were reported"), (None, None));
    }

    #[test]
    fn figures_carry_rules_and_offsets() {
        let text = "Gunmen killed at least 14 people. The death toll rose to 20.";
        let f = figures(text);
        assert_eq!(f.len(), 2);
        assert_eq!(f[0].rule, "killed_number");
        assert_eq!(&text[f[0].start..f[0].end], "at least 14 people");
        assert_eq!(f[0].count.text, "at least 14 people");
        assert_eq!(f[1].rule, "death_toll_rose_to");
        assert_eq!(f[1].role, Role::Update);
    }

    #[test]
    fn hostile_input_never_panics() {
        let long = "killed ".repeat(10_000);
        let thousands = format!("one {} people were killed", "thousand ".repeat(20_000));
        let dozens = "dozens of dozens of ".repeat(10_000);
        for text in [
            "",
            " ",
            "killed",
            "99999999999999999999999 people were killed",
            "4294967296 people were killed",
            "1.5e308 million killed",
            "killing 1,000,000,000,000,000,000 people",
            "тридцать шесть человек погибли, 36 убиты",
            "三十六人死亡 killed 36 人",
            "at least",
            "between 5 and",
            "no one",
            "a dozen",
            "\u{0}\u{FFFF}killed\u{200B}12",
            long.as_str(),
            thousands.as_str(),
            dozens.as_str(),
        ] {
            let _ = figures(text);
            let _ = casualties(text);
        }
        assert_eq!(killed("4294967296 people were killed"), None);
    }
}
