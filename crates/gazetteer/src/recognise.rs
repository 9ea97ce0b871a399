//! A dictionary recogniser: place names found by looking the text's
//! capitalised word sequences up in the gazetteer, longest match first.
//!
//! It stands in until the learned recogniser (the entities stage's model)
//! is plugged in: anything that yields [`PlaceSpan`]s can feed
//! [`Gazetteer::resolve`], and [`PlaceRecogniser`] is the seam.

use crate::normalise::{fold_into, opens_with_the};
use crate::{EntryKind, Gazetteer, PlaceSpan};

/// Anything that finds place names in a text: this dictionary pass, or a
/// learned model.
pub trait PlaceRecogniser {
    /// Spans (code-point offsets) of place names in `text`, in text order.
    fn place_spans(&self, text: &str) -> Vec<PlaceSpan>;
}

/// The dictionary recogniser's settings.
#[derive(Debug, Clone)]
pub struct Recogniser {
    /// Longest name tried, in words.
    pub max_words: usize,
    /// A one-word name that is only a populated place (not a country,
    /// region, admin area or demonym) needs at least this population…
    pub min_population: u64,
    /// …and this much at the start of a sentence, where every word is
    /// capitalised.
    pub min_population_sentence_start: u64,
}

impl Default for Recogniser {
    fn default() -> Self {
        Recogniser {
            max_words: 5,
            min_population: 5_000,
            min_population_sentence_start: 100_000,
        }
    }
}

/// With a gazetteer: the [`PlaceRecogniser`] of the dictionary pass.
pub struct DictionaryRecogniser<'g> {
    /// The gazetteer looked in.
    pub gazetteer: &'g Gazetteer,
    /// Its settings.
    pub settings: Recogniser,
}

impl PlaceRecogniser for DictionaryRecogniser<'_> {
    fn place_spans(&self, text: &str) -> Vec<PlaceSpan> {
        self.settings.find(self.gazetteer, text)
    }
}

/// Russian prepositions and conjunctions, capitalised only when they open a
/// sentence ("В Кундузе", "Из Москвы"): no part of a name.
const RUSSIAN_FUNCTION_WORDS: &[&str] = &[
    "в",
    "во",
    "на",
    "из",
    "с",
    "со",
    "к",
    "ко",
    "по",
    "у",
    "о",
    "об",
    "от",
    "до",
    "под",
    "над",
    "за",
    "при",
    "через",
    "между",
    "около",
    "и",
    "но",
    "а",
    "или",
];

/// Lower-case words allowed inside a name ("Bosnia and Herzegovina",
/// "Mazar-i-Sharif", "Rio de Janeiro").
const CONNECTORS: &[&str] = &[
    "of", "de", "del", "da", "do", "dos", "das", "la", "le", "les", "el", "al", "upon", "on", "am",
    "an", "der", "di", "du", "y", "i", "e", "and", "sur", "ul", "ash", "as", "ad", "ar", "en",
];

/// Capitalised words that are never a one-word place name in English news
/// (they are sentence starters, titles, institutions, calendar words), even
/// where some village bears the name.
const NOT_PLACES: &[&str] = &[
    "a",
    "an",
    "the",
    "in",
    "on",
    "at",
    "to",
    "of",
    "by",
    "for",
    "from",
    "with",
    "he",
    "she",
    "it",
    "they",
    "we",
    "i",
    "you",
    "but",
    "and",
    "or",
    "if",
    "as",
    "so",
    "this",
    "that",
    "there",
    "these",
    "those",
    "his",
    "her",
    "its",
    "their",
    "our",
    "my",
    "your",
    "mr",
    "mrs",
    "ms",
    "dr",
    "president",
    "minister",
    "prime",
    "general",
    "police",
    "army",
    "government",
    "state",
    "city",
    "university",
    "hospital",
    "health",
    "national",
    "international",
    "world",
    "news",
    "reuters",
    "ap",
    "afp",
    "bbc",
    "cnn",
    "times",
    "post",
    "daily",
    "islamic",
    "muslim",
    "christian",
    "jewish",
    "arab",
    "western",
    "eastern",
    "northern",
    "southern",
    "north",
    "south",
    "east",
    "west",
    "central",
    "new",
    "old",
    "great",
    "saint",
    "st",
    "mount",
    "lake",
    "river",
    "bay",
    "virus",
    "flu",
    "swine",
    "avian",
    "bird",
    "human",
    "animal",
    "department",
    "ministry",
    "office",
    "bureau",
    "agency",
    "organization",
    "organisation",
    "centre",
    "center",
    "disease",
    "control",
    "prevention",
    "secretary",
    "director",
    "chief",
    "officer",
    "spokesman",
    "spokeswoman",
    "according",
    "however",
    "meanwhile",
    "after",
    "before",
    "during",
    "since",
    "while",
    "when",
    "where",
    "what",
    "who",
    "why",
    "how",
    "some",
    "many",
    "most",
    "all",
    "other",
    "another",
    "one",
    "two",
    "three",
    "first",
    "second",
    "last",
    "next",
    "more",
    "also",
    "both",
    "each",
    "every",
    "such",
    "said",
    "says",
    "today",
    "yesterday",
    "tomorrow",
    "christmas",
    "easter",
    "god",
    "allah",
    "mission",
    "union",
    "republic",
    "kingdom",
    "party",
    "council",
    "court",
    "parliament",
    "congress",
    "senate",
    "house",
    "assembly",
    "committee",
    "commission",
    "forces",
    "force",
    "guard",
    "security",
    "defense",
    "defence",
    "interior",
    "foreign",
    "affairs",
    "justice",
    "media",
    "press",
    "airport",
    "airlines",
    "street",
    "road",
    "square",
    "park",
    "hotel",
    "bank",
    "company",
    "group",
    "association",
    "institute",
    "school",
    "college",
    "church",
    "mosque",
    "temple",
    "camp",
    "station",
    "port",
    "bridge",
    "village",
    "town",
    "province",
    "district",
    "region",
    "county",
    "valley",
    "island",
    "islands",
    "coast",
    "border",
    "capital",
    "federal",
    "royal",
    "democratic",
    "social",
    "liberal",
    "labour",
    "labor",
    "green",
    "red",
    "black",
    "white",
    "blue",
    "hope",
    "independence",
    "liberty",
    "union",
    "deal",
    "best",
    "fort",
    "camp",
    "young",
    "early",
    "late",
    "said",
    "would",
    "could",
    "should",
    "will",
    "can",
    "may",
    "must",
    "not",
    "no",
    "yes",
    "here",
    "now",
    "then",
    "than",
    "just",
    "only",
    "even",
    "still",
    "again",
    "about",
    "over",
    "under",
    "between",
    "against",
    "into",
    "out",
    "up",
    "down",
    "off",
    "per",
    "via",
    "et",
    "officials",
    "official",
    "people",
    "public",
    "private",
    "general",
    "major",
    "colonel",
    "captain",
    "sergeant",
    "lieutenant",
    "king",
    "queen",
    "prince",
    "princess",
    "lord",
    "sir",
    "pope",
    "bishop",
    "imam",
    "sheikh",
    "emir",
    "sultan",
    "governor",
    "mayor",
    "senator",
    "judge",
    "professor",
    "doctor",
    "nurse",
    "patient",
    "patients",
    "victims",
    "child",
    "children",
    "women",
    "men",
    "family",
    "home",
    "life",
    "time",
    "day",
    "week",
    "month",
    "year",
    "years",
    "ebola",
    "zika",
    "sars",
    "mers",
    "aids",
    "hiv",
    "covid",
    "h1n1",
    "h5n1",
    "who",
    "un",
    "eu",
    "nato",
    "cdc",
    "fda",
    "isis",
    "isil",
    "taliban",
    "hamas",
    "hezbollah",
    "boko",
    "haram",
    "shabaab",
    "qaeda",
    "kurdish",
    "shia",
    "sunni",
    "orange",
    "lincoln",
    "jackson",
    "franklin",
    "clinton",
    "bush",
    "obama",
    "trump",
    "putin",
    "media",
    "twitter",
    "facebook",
    "google",
    "apple",
    "amazon",
    "internet",
    "online",
    "web",
    "tv",
    "radio",
];

/// Titles that make the next capitalised word a person's name.
const TITLES: &[&str] = &[
    "mr",
    "mrs",
    "ms",
    "dr",
    "president",
    "minister",
    "gen",
    "general",
    "senator",
    "sen",
    "rep",
    "governor",
    "gov",
    "judge",
    "prof",
    "professor",
    "sir",
    "lord",
    "king",
    "queen",
    "prince",
    "pope",
    "st",
    "saint",
    "secretary",
    "spokesman",
    "spokeswoman",
    "chairman",
    "director",
    "colonel",
    "col",
    "captain",
    "capt",
    "sheikh",
    "mullah",
    "commander",
    "chief",
    "officer",
];

struct Token {
    /// byte range
    b0: usize,
    b1: usize,
    /// code-point range
    c0: usize,
    c1: usize,
    upper: bool,
    uncased: bool,
    /// An initial or an acronym ("W", "U.S"), whose dot may follow.
    dotted: bool,
}

/// The words of the text, from the one tokeniser (`beacon-text`): tokens
/// that begin with a letter (numbers and marks are gaps), a final period
/// left out (the matcher takes it back after an initial or an acronym), and
/// words written without a space between them (CJK) kept as one.
fn words(layer: &beacon_text::Text<'_>) -> Vec<Token> {
    let text = layer.text();
    let mut out: Vec<Token> = Vec::new();
    for t in layer.tokens() {
        let s = t.text(text);
        let Some(first) = s.chars().next().filter(|c| c.is_alphabetic()) else {
            continue;
        };
        let word = s.strip_suffix('.').unwrap_or(s);
        let (b1, c1) = (t.byte_start + word.len(), t.start + word.chars().count());
        if let Some(last) = out.last_mut()
            && last.b1 == t.byte_start
            && !last.dotted
        {
            last.b1 = b1;
            last.c1 = c1;
            continue;
        }
        out.push(Token {
            b0: t.byte_start,
            b1,
            c0: t.start,
            c1,
            upper: first.is_uppercase(),
            uncased: !first.is_uppercase() && !first.is_lowercase(),
            // an initial, "U.S.", or a word the text layer kept its dot as
            // an abbreviation's ("St. Paul", "Mt. Kenya", "Ft. Worth")
            dotted: word.chars().count() == 1
                || word.contains('.')
                || (word.len() < s.len()
                    && ["st", "ste", "mt", "ft"]
                        .iter()
                        .any(|a| a.eq_ignore_ascii_case(word))),
        });
    }
    out
}

/// Academic and professional degrees written after a name, as the text
/// layer leaves them (their last dot off).
const DEGREES: &[&str] = &[
    "M.D", "Ph.D", "PhD", "D.D.S", "R.N", "M.B.A", "J.D", "LL.B", "LL.M", "M.Sc", "B.Sc", "D.Phil",
];

/// The last words of the names of bodies and buildings a place names:
/// "Enfield Council", "Georgetown College", "Litchfield Superior Court",
/// "Winnipeg Animal Emergency Hospital".
const BODY_HEADS: &[&str] = &[
    "council",
    "college",
    "university",
    "court",
    "hospital",
    "police",
    "airport",
    "school",
    "station",
    "county",
    "borough",
    "township",
    "city",
    "mayor",
    "government",
    "press",
    "times",
    "post",
    "herald",
    "tribune",
    "gazette",
    "courier",
    "journal",
    "chronicle",
    "news",
    "fire",
    "library",
    "museum",
    "zoo",
    "cathedral",
    "church",
    "mosque",
    "prison",
    "jail",
    "harbour",
    "harbor",
    "port",
    "bridge",
    "district",
    "region",
    "province",
    "state",
    "metro",
    "transit",
];

/// Whether `name` opens with the sentence's "The", not its own: a
/// capitalised article before a name ("The Paris Club", "The Obama
/// administration"), unless the place is called so ("The Hague").
fn sentence_article(g: &Gazetteer, name: &str, key: &mut String) -> bool {
    if !opens_with_the(name) {
        return false;
    }
    fold_into(name, key);
    !g.lookup_key(key)
        .iter()
        .any(|c| opens_with_the(g.entry(c.entry).name))
}

/// Whether the word `t` opens a dateline: written in capitals at the start
/// of a line and followed by a comma, a parenthesis or a dash ("ХОРОГ, 26
/// октября —", "KHOROG (AP) —"): the place a report was filed from, whatever
/// its size.
fn dateline(text: &str, t: &Token) -> bool {
    let word = &text[t.b0..t.b1];
    let line_start = text[..t.b0]
        .chars()
        .rev()
        .take_while(|&c| c != '\n')
        .all(char::is_whitespace);
    let after = text[t.b1..].trim_start_matches(' ');
    word.chars().count() >= 3
        && word.chars().all(|c| !c.is_lowercase())
        && word.chars().any(char::is_uppercase)
        && line_start
        && (after.starts_with(',') || after.starts_with('(') || after.starts_with(['—', '–']))
}

/// Whether the capitalised words that begin `rest` end in a body's or a
/// building's head word ([`BODY_HEADS`]), within four words: the name
/// before them is then a place inside that body's name, not a person's.
fn names_a_body(text: &str, rest: &[Token]) -> bool {
    let mut prev_end = rest.first().map_or(0, |t| t.b0);
    for t in rest.iter().take(4) {
        if !t.upper || !matches!(&text[prev_end..t.b0], "" | " ") {
            return false;
        }
        let w = text[t.b0..t.b1].to_lowercase();
        let w = w.trim_end_matches("’s").trim_end_matches("'s");
        if BODY_HEADS.contains(&w) {
            return true;
        }
        prev_end = t.b1;
    }
    false
}

/// Whether token `i`, an admin area's abbreviation, is written where one
/// is: after "Place, " (AP and Canadian Press style: "COLUMBIA, Ky.",
/// "Kelowna, B.C."), or, dotted inside ("B.C.", "P.E.I."), after "in",
/// "across", "from", "to" or "of" ("In B.C., up to 20 cm of snow").
fn abbreviation_in_place(text: &str, toks: &[Token], i: usize) -> bool {
    let Some(p) = i.checked_sub(1).map(|p| &toks[p]) else {
        return false;
    };
    let gap = &text[p.b1..toks[i].b0];
    let word = &text[toks[i].b0..toks[i].b1];
    let preposition = matches!(
        text[p.b0..p.b1].to_lowercase().as_str(),
        "in" | "across" | "from" | "to" | "of"
    );
    (gap == ", " && p.upper) || (gap == " " && preposition && word.contains('.'))
}

/// Whether the gap between two tokens keeps them in one name: spaces,
/// hyphens, apostrophes, or the dot of an initial ("U.S.").
fn joins(gap: &str, prev_len_one: bool) -> bool {
    !gap.is_empty()
        && gap.len() <= 3
        && gap
            .chars()
            // a zero-width non-joiner parts a Persian name's words ("فیض‌آباد")
            .all(|c| matches!(c, ' ' | '-' | '\'' | '’' | '\u{200C}') || (c == '.' && prev_len_one))
        && !gap.contains("  ")
}

impl Recogniser {
    /// Place names in `text`: longest gazetteer match of capitalised word
    /// sequences (lower-case connectors allowed inside), demonyms, regions;
    /// one-word matches filtered against common words, person-name context
    /// and, for small places, a population floor. Linear in the text.
    pub fn find(&self, g: &Gazetteer, text: &str) -> Vec<PlaceSpan> {
        self.find_in(g, &beacon_text::Text::new(text))
    }

    /// Place names in a text already split by the text layer (see
    /// [`Recogniser::find`]).
    pub fn find_in(&self, g: &Gazetteer, layer: &beacon_text::Text<'_>) -> Vec<PlaceSpan> {
        let text = layer.text();
        /// Directions that may open a named region's name in lower case.
        const DIRECTIONS: &[&str] = &[
            "central",
            "northern",
            "southern",
            "eastern",
            "western",
            "north",
            "south",
            "east",
            "west",
            "northeastern",
            "northwestern",
            "southeastern",
            "southwestern",
        ];
        let toks = words(layer);
        let mut out = Vec::new();
        let mut key = String::new();
        let mut ends: Vec<(usize, usize)> = Vec::new();
        let mut i = 0;
        let lower = |t: &Token| text[t.b0..t.b1].to_lowercase();
        while i < toks.len() {
            let t = &toks[i];
            if !(t.upper || t.uncased) {
                i += 1;
                continue;
            }
            // candidate ends: j = last token index
            let mut best: Option<(usize, usize)> = None; // (j, end byte)
            let mut j = i;
            ends.clear();
            loop {
                let tj = &toks[j];
                if tj.upper || tj.uncased {
                    let mut end_b = tj.b1;
                    // "U.S." keeps its last dot; alone, only where the dot
                    // cannot end a sentence ("U.S.-led", "U.S.,")
                    let inside = || {
                        text[end_b..]
                            .chars()
                            .nth(1)
                            .is_some_and(|c| !c.is_whitespace())
                    };
                    if tj.dotted && text[end_b..].starts_with('.') && (j > i || inside()) {
                        end_b += 1;
                    }
                    ends.push((j, end_b));
                }
                if j + 1 >= toks.len() || j + 1 - i >= self.max_words {
                    break;
                }
                let gap = &text[tj.b1..toks[j + 1].b0];
                if !joins(gap, tj.dotted) {
                    break;
                }
                let nxt = &toks[j + 1];
                let connector = || {
                    let w = &text[nxt.b0..nxt.b1];
                    CONNECTORS.iter().any(|c| c.eq_ignore_ascii_case(w))
                };
                if !(nxt.upper || nxt.uncased || connector()) {
                    break;
                }
                j += 1;
            }
            // in a script without capitals, a name does not open with a
            // common word: "شهر هرات" is the city of Herat, not a town
            // GeoNames calls so
            let opens_common = t.uncased && {
                fold_into(&text[t.b0..t.b1], &mut key);
                g.is_common_word(&key)
            };
            for &(j, end_b) in ends.iter().rev() {
                // a degree after a name ("John Smith, M.D.", "Jane Doe,
                // Ph.D."), not Maryland or New Philadelphia
                if DEGREES.contains(&text[t.b0..end_b].trim_end_matches('.')) {
                    continue;
                }
                if opens_common && j > i {
                    continue;
                }
                fold_into(&text[t.b0..end_b], &mut key);
                if key.is_empty() {
                    continue;
                }
                let cands = g.lookup_key(&key);
                let demonym = g.demonym_key(&key).is_some();
                if cands.is_empty() && !demonym {
                    // a state's or province's abbreviation where one is
                    // written: "COLUMBIA, Ky.", "in B.C."
                    if j == i
                        && g.abbreviation_key(&key).is_some()
                        && abbreviation_in_place(text, &toks, i)
                    {
                        best = Some((j, end_b));
                        break;
                    }
                    continue;
                }
                if j == i && !self.one_word_ok(g, text, &toks, i, &key, &cands, demonym) {
                    continue;
                }
                best = Some((j, end_b));
                break;
            }
            match best {
                Some((j, end_b)) => {
                    let c1 = toks[j].c1 + usize::from(end_b > toks[j].b1);
                    if j > i && sentence_article(g, &text[t.b0..end_b], &mut key) {
                        i += 1;
                        continue;
                    }
                    // "central Asia", "west Africa" written in lower case:
                    // the direction belongs to the name when the whole is a
                    // named region.
                    let mut c0 = t.c0;
                    if i > 0 {
                        let p = &toks[i - 1];
                        let dir = lower(p);
                        if DIRECTIONS.contains(&dir.as_str()) && joins(&text[p.b1..t.b0], false) {
                            fold_into(&text[p.b0..end_b], &mut key);
                            let region = g
                                .lookup_key(&key)
                                .iter()
                                .any(|c| g.entry(c.entry).kind == EntryKind::Region);
                            if region {
                                c0 = p.c0;
                            }
                        }
                    }
                    out.push(PlaceSpan { start: c0, end: c1 });
                    i = j + 1;
                }
                None => i += 1,
            }
        }
        out
    }

    #[allow(clippy::too_many_arguments)]
    fn one_word_ok(
        &self,
        g: &Gazetteer,
        text: &str,
        toks: &[Token],
        i: usize,
        key: &str,
        cands: &[crate::Candidate],
        demonym: bool,
    ) -> bool {
        use beacon_model::english::{MONTHS, WEEKDAYS};
        if NOT_PLACES.contains(&key) || MONTHS.contains(&key) || WEEKDAYS.contains(&key) {
            return false;
        }
        let t = &toks[i];
        // no capital letter tells a name in Persian: a common word is none
        if t.uncased && g.is_common_word(key) {
            return false;
        }
        let word = &text[t.b0..t.b1];
        let strong = demonym
            || cands.iter().any(|c| {
                matches!(
                    g.entry(c.entry).kind,
                    EntryKind::Country | EntryKind::Region | EntryKind::Admin1 | EntryKind::Feature
                )
            });
        // an all-caps short word is an acronym unless it names a country ("US")
        if word.chars().count() <= 4 && word.chars().all(|c| c.is_uppercase()) && !strong {
            return false;
        }
        if strong || dateline(text, t) {
            return true;
        }
        let max_pop = cands
            .iter()
            .map(|c| g.entry(c.entry).population)
            .max()
            .unwrap_or(0);
        // a person's name: after a title, or beside another capitalised word
        // (not a Russian preposition or conjunction opening the sentence:
        // "В Кундузе")
        if i > 0 {
            let p = &toks[i - 1];
            let gap = &text[p.b1..t.b0];
            let before = text[p.b0..p.b1].to_lowercase();
            if (gap == " " || gap == ". ") && TITLES.contains(&before.as_str()) {
                return false;
            }
            if gap == " "
                && p.upper
                && max_pop < 1_000_000
                && !RUSSIAN_FUNCTION_WORDS.contains(&before.as_str())
            {
                return false;
            }
        }
        if let Some(n) = toks.get(i + 1) {
            let gap = &text[t.b1..n.b0];
            if gap == " " && n.upper && max_pop < 1_000_000 && !names_a_body(text, &toks[i + 1..]) {
                return false;
            }
        }
        let sentence_start = text[..t.b0]
            .trim_end_matches([' ', '"', '“', '\'', '‘', '(', '\t'])
            .chars()
            .last()
            .is_none_or(|c| matches!(c, '.' | '!' | '?' | '\n' | ':' | ';'));
        let floor = if sentence_start {
            self.min_population_sentence_start
        } else {
            self.min_population
        };
        max_pop >= floor
    }
}
