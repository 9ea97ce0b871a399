//! Toponym resolution: each place name of an article → one gazetteer entry.
//!
//! Every candidate entry of a name gets a score, the sum of:
//! - **prominence**: `log10(population)`, with a bonus by feature type
//!   (country and region > admin1 > place > admin2) and for a capital;
//! - **name**: a bonus when the text is the entry's main name rather than
//!   one of its alternate names;
//! - **country focus**: the countries the article names (by name or
//!   demonym), plus a share of the vote of every other place name, split
//!   among its candidates' countries by population;
//! - **admin hierarchy**: the entry's admin1 or admin2 area is named in the
//!   article, and more so right after it ("Karachi, Sindh"; "Pandi,
//!   Bulacan"); a country named right after it ("Perth, Australia");
//! - **kind cue**: the words around the name say what kind of place it is
//!   ("the state of Washington", "Washington state", "Quebec city");
//! - **list**: the members of a list ("Alberta, Manitoba and Ontario") are
//!   alike, same kind and country: first by any of the others' candidates,
//!   then (second pass) by their first-pass choices;
//! - **proximity**: (second pass) distance to the other names' first-pass
//!   choices, when they are places rather than countries.
//!
//! A qualifier counts both ways: "Stroud, Ontario" is the Stroud in
//! Ontario, and the Ontario that holds a Stroud. A weak name (one matched
//! only by a part of it, "Western Kasai" → "Kasai", or only by places'
//! alternate names) keeps only candidates in a country the rest of the
//! article supports: a wrong pin far away is worse than none.
//!
//! Names that fold to the same key are one name within an article (one
//! sense per discourse): each candidate keeps its best score over the
//! occurrences (so one qualified "London, Ont." decides for every "London"),
//! and all take the best entry. Border phrases ("Afghanistan's northern
//! border", "the Afghan–Tajik border", "the border with Tajikistan") become
//! zones ([`Gazetteer::border_phrases`]).

use std::collections::HashMap;

use beacon_model::{Mention, MentionKind, MentionUse, PlacePrecision};

use crate::normalise::fold_into;
use crate::{
    Candidate, CountryCode, Entry, EntryKind, Gazetteer, Side, Zone, code_str, haversine_km,
};

/// A place name found in an article: code-point offsets into its text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct PlaceSpan {
    /// First code point.
    pub start: usize,
    /// One past the last code point.
    pub end: usize,
}

/// What one place name (or border phrase) resolved to.
#[derive(Debug, Clone, PartialEq)]
pub struct Resolution {
    /// First code point of the name in the text.
    pub start: usize,
    /// One past its last code point.
    pub end: usize,
    /// The name as written.
    pub text: String,
    /// The chosen entry ([`Gazetteer::entry`]), if any candidate was found.
    pub entry: Option<u32>,
    /// The name is a demonym or adjective ("Afghan") of the entry's country.
    pub demonym: bool,
    /// The name stands for a government ("Moscow said").
    pub metonym: bool,
    /// The zone: a region's, or a border phrase's.
    pub zone: Option<Zone>,
    /// Confidence in 0..=1: how clearly the best entry beat the next.
    pub confidence: f32,
    /// Why, in words.
    pub basis: String,
}

impl Resolution {
    /// The SPEC's Mention for this resolution: kind country for countries
    /// and demonyms, place otherwise; GeoNames id, point, country, admin1,
    /// precision and zone filled where known.
    pub fn to_mention(&self, g: &Gazetteer) -> Mention {
        let mut m = Mention {
            text: self.text.clone(),
            start: self.start,
            end: self.end,
            kind: MentionKind::Place,
            id: None,
            name: None,
            confidence: self.confidence,
            basis: self.basis.clone(),
            usage: if self.demonym {
                Some(MentionUse::Demonym)
            } else if self.metonym {
                Some(MentionUse::Metonym)
            } else {
                None
            },
            geonames_id: None,
            lat: None,
            lon: None,
            country: None,
            admin1: None,
            precision: None,
            zone: self.zone.as_ref().map(|z| z.id.clone()),
        };
        if let Some(z) = &self.zone {
            m.name = Some(z.name.clone());
            m.lat = Some(z.lat);
            m.lon = Some(z.lon);
            m.precision = Some(PlacePrecision::Region);
            if let [c] = z.countries.as_slice() {
                m.country = Some(code_str(c).to_string());
            }
        }
        if let Some(ix) = self.entry {
            let e = g.entry(ix);
            m.kind = if e.kind == EntryKind::Country {
                MentionKind::Country
            } else {
                MentionKind::Place
            };
            // a named region is known by its zone ("region:central-asia",
            // what watchlists name), even where GeoNames gives it an id too
            let region_zone = self.zone.as_ref().filter(|_| e.kind == EntryKind::Region);
            m.id = Some(match (region_zone, e.geonames_id) {
                (Some(z), _) => z.id.clone(),
                (None, Some(id)) => format!("geonames:{id}"),
                (None, None) => match (&self.zone, e.country) {
                    (Some(z), _) => z.id.clone(),
                    (None, Some(c)) => format!("admin:{}.{}.{}", code_str(&c), e.admin1, e.admin2),
                    (None, None) => format!("entry:{ix}"),
                },
            });
            m.name = Some(e.name.to_string());
            m.geonames_id = e.geonames_id;
            m.lat = Some(f64::from(e.lat));
            m.lon = Some(f64::from(e.lon));
            m.country = e.country.map(|c| code_str(&c).to_string());
            m.admin1 = match e.kind {
                EntryKind::Admin1 => Some(e.name.to_string()),
                _ => g.admin1_name(e).map(str::to_string),
            };
            m.precision = Some(match e.kind {
                EntryKind::Country => PlacePrecision::Country,
                EntryKind::Region | EntryKind::Feature => PlacePrecision::Region,
                EntryKind::Admin1 => PlacePrecision::Admin1,
                EntryKind::Admin2 => PlacePrecision::Admin2,
                EntryKind::Place => PlacePrecision::Point,
            });
        }
        m
    }
}

/// What a span whose candidates name no area the article names gives the
/// areas of its candidates, shared by population (a named one gives a
/// whole vote).
const UNNAMED_VOTE: f64 = 0.5;
/// A country is unsupported when a local candidate's area holds at least
/// this many votes of the other names, and this share of the top area's.
const LOCAL_AREA_VOTES: f64 = 1.0;
const LOCAL_AREA_SHARE: f64 = 0.5;
/// The distance bands (km) of the proximity weights
/// ([`ResolverWeights::proximity`]): nearer than each.
const PROXIMITY_KM: [f64; 3] = [100.0, 300.0, 800.0];
/// The confidence of a name resolved to the area its qualifier names,
/// which holds no entry of the name.
const QUALIFIER_CONFIDENCE: f32 = 0.5;
/// The confidence of a name with one candidate left.
const SOLE_CANDIDATE_CONFIDENCE: f32 = 0.95;

/// The resolver's weights: how much each cue adds to a candidate's score
/// (whose base is `log10(population + 10)`). The defaults were set on the
/// development corpora with general rules only; `area_focus` (1.0) and
/// `admin1_named` (1.5 → 1.0) were then fitted by coordinate ascent on the
/// tune parts of TR-News and GeoVirus (`crates/eval/examples/fit_resolver.rs`:
/// TR-News tune 0.913 → 0.920 within 161 km, GeoVirus tune 0.835 unchanged,
/// both test parts unchanged), and no other weight moves the tune figures
/// by one toponym in a thousand.
#[derive(Debug, Clone, PartialEq)]
pub struct ResolverWeights {
    /// Added for a country.
    pub country: f64,
    /// Added for a continent or named region.
    pub region: f64,
    /// Added for an admin1 area.
    pub admin1: f64,
    /// Added for an admin2 area.
    pub admin2: f64,
    /// Added for a physical feature (which has no population).
    pub feature: f64,
    /// Added when the text is the entry's main name.
    pub primary_name: f64,
    /// Added for a demonym's country.
    pub demonym: f64,
    /// Added for a country's capital.
    pub capital: f64,
    /// Taken from a country no other name of the article points at, when the
    /// name may be a place in the article's first-level area (Jordan,
    /// Minnesota in a Minnesota story).
    pub unsupported_country: f64,
    /// Added for a city that is most of the first-level area of its name
    /// (at least [`SEAT_SHARE`] of its people: Aleppo, Lagos, New York City,
    /// Istanbul; not Quebec City, 5 % of Quebec): "Aleppo" alone is the city.
    pub seat: f64,
    /// Times the candidate country's share of the article's focus (0..=1).
    pub focus: f64,
    /// The candidate's admin1 area is named elsewhere in the article.
    pub admin1_named: f64,
    /// Times the candidate's first-level area's share of the article's
    /// focus (0..=1; places and admin2 areas).
    pub area_focus: f64,
    /// The candidate's admin2 area is named elsewhere in the article.
    pub admin2_named: f64,
    /// The next name qualifies it ("Karachi, Sindh").
    pub qualifier: f64,
    /// Times the share of a list's other names alike (same kind and country).
    pub list: f64,
    /// Within 100 km, 300 km and 800 km of another name's first choice.
    pub proximity: [f64; 3],
    /// The words around the name say what kind of place it is ("the state
    /// of Washington", "Quebec city") and the candidate is of that kind.
    pub kind_cue: f64,
    /// The least share of the article's focus (relative to its top country)
    /// that a weak name's candidate needs in its country: a name matched
    /// only by a part of it, or only by places' alternate names.
    pub weak_focus: f64,
}

impl Default for ResolverWeights {
    fn default() -> Self {
        ResolverWeights {
            country: 3.0,
            region: 3.0,
            admin1: 0.0,
            admin2: -1.0,
            feature: 7.0,
            primary_name: 0.75,
            demonym: 1.0,
            capital: 1.0,
            seat: 0.5,
            unsupported_country: 3.0,
            focus: 2.5,
            admin1_named: 1.0,
            area_focus: 1.0,
            admin2_named: 1.0,
            qualifier: 3.0,
            list: 4.0,
            proximity: [1.5, 1.0, 0.5],
            kind_cue: 3.0,
            weak_focus: 0.25,
        }
    }
}

/// A name whose every candidate is a place or district of fewer people than
/// this (or only places' alternate names, in the Latin script) is weak: it resolves only in a
/// country the article supports ("El Niño" is a town of 9,000 in Baja
/// California, and no place in a story about Peru's rains). Chosen on the
/// tune parts: recognition F1 TR-News 0.886 -> 0.888, GeoVirus 0.852 ->
/// 0.860 (1,000: 0.887 / 0.855; 30,000: 0.888 / 0.863, TR-News recall
/// 0.913 -> 0.901), accuracy over all gold toponyms unchanged.
pub const SMALL_PLACE: u64 = 10_000;

/// Whether `e` is a city named `key` that holds [`SEAT_SHARE`] of the
/// people of its first-level area (`area1`), also named `key`.
fn is_seat_of_its_name(e: &Entry, area1: Option<&Entry>, key: &str, scratch: &mut String) -> bool {
    let Some(a) = area1.filter(|_| e.kind == EntryKind::Place) else {
        return false;
    };
    if (e.population as f64) < SEAT_SHARE * a.population as f64 {
        return false;
    }
    fold_into(a.name, scratch);
    scratch == key
}

/// The least share of the people of the first-level area of its name that
/// a city holds for [`ResolverWeights::seat`].
pub const SEAT_SHARE: f64 = 0.25;

/// The kind of place the words around a name say it is ("the state of
/// Washington", "Washington state", "the province of Zaire", "Quebec city").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum KindCue {
    /// "state of X", "X state", "province of X", "X province".
    Admin1,
    /// "city of X", "town of X", "X city".
    Place,
}

impl KindCue {
    /// The cue of the words just before and just after a name, if any; the
    /// words before may open a list the name is in ("the cities of Homs,
    /// Hama and Aleppo").
    fn around(before: &str, after: &str) -> Option<KindCue> {
        if let Some(kind) = Self::list_opener(before) {
            return Some(kind);
        }
        // the next word, right after one space: "Washington state"
        let next: String = after
            .strip_prefix(' ')
            .unwrap_or("")
            .chars()
            .take_while(|c| c.is_alphabetic())
            .collect();
        match next.as_str() {
            "state" | "province" | "governorate" => Some(KindCue::Admin1),
            "city" | "town" => Some(KindCue::Place),
            _ => None,
        }
    }

    /// "state of", "cities of" … just before the name, or before the list
    /// of capitalised names the name ends ("of Homs and", "of Idlib, Hama
    /// and"; at most five names back).
    fn list_opener(before: &str) -> Option<KindCue> {
        let mut words = before.split_whitespace().rev();
        let (mut names, mut joined) = (0, false);
        loop {
            let raw = words.next()?;
            let w = raw.trim_end_matches(',');
            if w == "of" {
                break;
            } else if matches!(w, "and" | "or") && names == 0 && !joined {
                joined = true;
            } else if w.starts_with(char::is_uppercase)
                && names < 5
                && (joined || raw.ends_with(','))
            {
                (joined, names) = (true, names + 1);
            } else {
                return None;
            }
        }
        match words.next()?.to_lowercase().as_str() {
            "state" | "province" | "governorate" | "states" | "provinces" | "governorates" => {
                Some(KindCue::Admin1)
            }
            "city" | "town" | "village" | "cities" | "towns" | "villages" => Some(KindCue::Place),
            _ => None,
        }
    }

    fn fits(self, kind: EntryKind) -> bool {
        match self {
            KindCue::Admin1 => kind == EntryKind::Admin1,
            KindCue::Place => kind == EntryKind::Place,
        }
    }
}

/// Code-point offsets → byte offsets, for the offsets asked (one pass).
pub(crate) fn byte_offsets(text: &str, cps: &[usize]) -> HashMap<usize, usize> {
    let mut want: Vec<usize> = cps.to_vec();
    want.sort_unstable();
    want.dedup();
    let mut out = HashMap::with_capacity(want.len());
    let mut w = want.iter().peekable();
    for (cp, (b, _)) in text.char_indices().enumerate() {
        while let Some(&&x) = w.peek() {
            if x == cp {
                out.insert(x, b);
                w.next();
            } else if x < cp {
                w.next();
            } else {
                break;
            }
        }
        if w.peek().is_none() {
            break;
        }
    }
    let n = text.chars().count();
    for &x in w {
        if x >= n {
            out.insert(x, text.len());
        }
    }
    out
}

/// Reporting verbs after which a capital or country stands for its
/// government ("Moscow said", "Kabul has denied").
const SPEECH: &[&str] = &[
    "said",
    "says",
    "say",
    "warned",
    "warns",
    "announced",
    "announces",
    "accused",
    "accuses",
    "denied",
    "denies",
    "insisted",
    "insists",
    "urged",
    "urges",
    "demanded",
    "demands",
    "rejected",
    "rejects",
    "confirmed",
    "confirms",
    "claimed",
    "claims",
    "threatened",
    "threatens",
    "condemned",
    "condemns",
    "responded",
    "agreed",
    "agrees",
    "refused",
    "refuses",
    "vowed",
    "vows",
    "called",
    "calls",
    "has",
    "had",
    "will",
    "would",
    "believes",
    "blamed",
    "blames",
    "wants",
    "hopes",
    "stated",
    "declared",
    "protested",
    "signed",
    "recognised",
    "recognized",
    "expelled",
    "imposed",
    "sanctioned",
    "retaliated",
];

struct Span<'t> {
    start: usize,
    end: usize,
    text: &'t str,
    key: String,
    /// (candidate, demonym)
    cands: Vec<(Candidate, bool)>,
    /// byte offset of the start in the text
    start_byte: usize,
    /// byte offset of the end in the text
    end_byte: usize,
    /// what the words around it say it is
    cue: Option<KindCue>,
    /// a weak name: only a part of it matched
    /// ([`Gazetteer::partial_candidates`]), or only places' alternate names
    /// or places under [`SMALL_PLACE`] people
    weak: bool,
}

fn strip_possessive(s: &str) -> &str {
    for suf in ["'s", "’s", "'S", "’S", "'", "’"] {
        if let Some(t) = s.strip_suffix(suf)
            && !t.is_empty()
        {
            return t;
        }
    }
    s
}

impl Gazetteer {
    /// A name's candidates, and whether they are only a part's.
    fn span_candidates(&self, key: &str) -> (Vec<(Candidate, bool)>, bool) {
        let mut cands: Vec<(Candidate, bool)> = self
            .lookup_key(key)
            .into_iter()
            .map(|c| (c, false))
            .collect();
        if let Some(e) = self.abbreviation_key(key)
            && !cands.iter().any(|(x, _)| x.entry == e)
        {
            cands.push((
                Candidate {
                    entry: e,
                    primary: true,
                },
                false,
            ));
        }
        if let Some(e) = self.demonym_key(key)
            && !cands.iter().any(|(x, _)| x.entry == e)
        {
            cands.push((
                Candidate {
                    entry: e,
                    primary: true,
                },
                true,
            ));
        }
        if cands.is_empty() {
            return (self.partial_candidates(key), true);
        }
        // only small towns of the name ("South Lebanon", Ohio): its part may
        // be what the article means ("South Lebanon" in a story of Tyre)
        let small = cands.iter().all(|(c, _)| {
            let e = self.entry(c.entry);
            e.population < SMALL_PLACE && matches!(e.kind, EntryKind::Place | EntryKind::Admin2)
        });
        if small {
            for p in self.partial_candidates(key) {
                if !cands.iter().any(|(x, _)| x.entry == p.0.entry) {
                    cands.push(p);
                }
            }
        }
        (cands, false)
    }

    /// For a name the gazetteer lacks ("Karak district", "Pearson
    /// International Airport", "North Dallas"): drop generic words at either
    /// end, then try its longest part that is a name (a single word of three
    /// letters or more); the entries whose main name it is, if any, else
    /// those with it as an alternate name; all count as alternate-name
    /// matches, so that the part never outranks a full match. The article
    /// must support the part's country ([`ResolverWeights::weak_focus`]).
    fn partial_candidates(&self, key: &str) -> Vec<(Candidate, bool)> {
        const GENERIC: &[&str] = &[
            "district",
            "province",
            "region",
            "county",
            "city",
            "state",
            "governorate",
            "prefecture",
            "municipality",
            "island",
            "islands",
            "valley",
            "delta",
            "international",
            "airport",
            "university",
            "hospital",
            "area",
            "greater",
            "metropolitan",
            "metro",
            "north",
            "south",
            "east",
            "west",
            "northern",
            "southern",
            "eastern",
            "western",
            "central",
            "upper",
            "lower",
            "downtown",
            "suburban",
            "rural",
            "camp",
            "base",
            "port",
            "mount",
            "lake",
            "river",
            "bay",
            "park",
            "county",
            "township",
            "village",
        ];
        let words: Vec<&str> = key.split(' ').filter(|w| !w.is_empty()).collect();
        if words.len() < 2 {
            return Vec::new();
        }
        let (mut lo, mut hi) = (0, words.len());
        while hi - lo > 1 && GENERIC.contains(&words[lo]) {
            lo += 1;
        }
        while hi - lo > 1 && GENERIC.contains(&words[hi - 1]) {
            hi -= 1;
        }
        for len in (1..=hi - lo).rev() {
            for start in lo..=hi - len {
                let part = words[start..start + len].join(" ");
                if len == 1 && (GENERIC.contains(&part.as_str()) || part.chars().count() < 3) {
                    continue;
                }
                let mut found = self.lookup_key(&part);
                if found.iter().any(|c| c.primary) {
                    found.retain(|c| c.primary);
                }
                if !found.is_empty() {
                    return found
                        .into_iter()
                        .map(|c| {
                            (
                                Candidate {
                                    entry: c.entry,
                                    primary: false,
                                },
                                false,
                            )
                        })
                        .collect();
                }
            }
        }
        Vec::new()
    }

    /// Resolves the place names at `spans` (code-point offsets into `text`),
    /// with the whole text as context. One resolution per span, in the
    /// order given; a span with no candidate has `entry: None`. Spans out of
    /// range or empty resolve to nothing; nothing here panics on any input.
    pub fn resolve(&self, text: &str, spans: &[PlaceSpan]) -> Vec<Resolution> {
        self.resolve_with(text, spans, &ResolverWeights::default())
    }

    /// The area a qualified place is put in: its qualifier's (`area`, "Missouri"
    /// in "Holliday, Missouri") when that area does not hold the place's own
    /// entry (`own`; none: no entry at all), so that it is not put at a
    /// namesake elsewhere. A name of an area as large or larger is no place
    /// the qualifier holds ("Russia, Ukraine said"). A city qualifies only a
    /// name with no entry at all (a suburb: "Greenlane, Auckland").
    fn qualifier_area(&self, area: Option<u32>, own: Option<u32>) -> Option<u32> {
        let a = self.entry(area?);
        if a.kind == EntryKind::Place && own.is_none() {
            return area;
        }
        if !matches!(
            a.kind,
            EntryKind::Admin1 | EntryKind::Admin2 | EntryKind::Country
        ) {
            return None;
        }
        let held = own.is_some_and(|own| {
            let e = self.entry(own);
            rank(e.kind) >= rank(a.kind)
                || (e.country == a.country
                    && match a.kind {
                        EntryKind::Admin1 => *e.admin1 == *a.admin1,
                        EntryKind::Admin2 => *e.admin1 == *a.admin1 && *e.admin2 == *a.admin2,
                        _ => true,
                    })
        });
        (!held).then_some(area?)
    }

    /// How much the article's names point at each key (a country, a
    /// first-level area): a name with a candidate of kind `explicit` (a
    /// country's name, a state's) votes 1 split among those candidates' keys;
    /// any other name 0.5 split among its candidates' keys by population.
    /// Also each name's own votes, which do not count for it.
    fn focus<'s, K: std::hash::Hash + Eq + Copy>(
        &self,
        items: &'s [Span<'_>],
        explicit: EntryKind,
        key_of: impl Fn(&crate::Entry) -> Option<K>,
    ) -> Votes<'s, K> {
        let mut focus: HashMap<K, f64> = HashMap::new();
        let mut own: HashMap<&str, HashMap<K, f64>> = HashMap::new();
        for s in items {
            let mut votes: Vec<(K, f64)> = Vec::new();
            let named: Vec<K> = s
                .cands
                .iter()
                .map(|(c, _)| self.entry(c.entry))
                .filter(|e| e.kind == explicit)
                .filter_map(&key_of)
                .collect();
            if !named.is_empty() {
                for k in &named {
                    votes.push((*k, 1.0 / named.len() as f64));
                }
            } else {
                let total: f64 = s
                    .cands
                    .iter()
                    .map(|(c, _)| self.entry(c.entry).population as f64 + 1.0)
                    .sum();
                for (c, _) in &s.cands {
                    let e = self.entry(c.entry);
                    if let Some(k) = key_of(e) {
                        votes.push((k, UNNAMED_VOTE * (e.population as f64 + 1.0) / total));
                    }
                }
            }
            let mine = own.entry(s.key.as_str()).or_default();
            for (k, v) in votes {
                *focus.entry(k).or_default() += v;
                *mine.entry(k).or_default() += v;
            }
        }
        (focus, own)
    }

    /// [`Gazetteer::resolve`] with other weights.
    pub fn resolve_with(
        &self,
        text: &str,
        spans: &[PlaceSpan],
        w: &ResolverWeights,
    ) -> Vec<Resolution> {
        let items = self.spans_in(text, spans);
        let focus = self.article_focus(&items);
        let layout = Layout::of(&items, text);
        let base = self.base_scores(&items, &focus, &layout, w);
        // ---- one sense per name: a list's members alike, first pass
        let list_scores = |first: Option<&[Option<usize>]>| -> Vec<Vec<f64>> {
            items
                .iter()
                .enumerate()
                .map(|(i, s)| {
                    s.cands
                        .iter()
                        .zip(&base[i])
                        .map(|(&(c, _), &v)| {
                            v + w.list * layout.alike(self, &items, i, self.entry(c.entry), first)
                        })
                        .collect()
                })
                .collect()
        };
        let first = choose(&items, &list_scores(None));
        let second_base = list_scores(Some(&first));
        let scores = self.with_proximity(&items, &base, &first, second_base, w);
        let chosen = choose(&items, &scores);
        self.resolutions(text, &items, &scores, &chosen, &layout)
    }

    /// The spans with their text, folded key, candidates and cues.
    fn spans_in<'t>(&self, text: &'t str, spans: &[PlaceSpan]) -> Vec<Span<'t>> {
        let mut cps = Vec::with_capacity(spans.len() * 2);
        for s in spans {
            cps.push(s.start);
            cps.push(s.end);
        }
        let bo = byte_offsets(text, &cps);
        spans
            .iter()
            .map(|s| {
                let (b0, b1) = match (bo.get(&s.start), bo.get(&s.end)) {
                    (Some(&a), Some(&b)) if a <= b => (a, b),
                    _ => (0, 0),
                };
                let raw = &text[b0..b1];
                let mut key = String::new();
                fold_into(strip_possessive(raw.trim()), &mut key);
                let (cands, partial) = self.span_candidates(&key);
                let cue = KindCue::around(&text[..b0], &text[b1..]);
                // every Cyrillic and Arabic-script name is an alternate one:
                // being one says nothing of a name in those scripts
                let native = key
                    .chars()
                    .any(|c| matches!(c, '\u{0400}'..='\u{04FF}' | '\u{0600}'..='\u{06FF}'));
                let weak = partial
                    || cands.iter().all(|(c, _)| {
                        let e = self.entry(c.entry);
                        ((!c.primary && !native) || e.population < SMALL_PLACE)
                            && matches!(e.kind, EntryKind::Place | EntryKind::Admin2)
                    });
                Span {
                    start: s.start,
                    end: s.end,
                    text: raw,
                    key,
                    cands,
                    start_byte: b0,
                    end_byte: b1,
                    cue,
                    weak,
                }
            })
            .collect()
    }

    /// What the article is about: its countries and first-level areas.
    fn article_focus<'s>(&self, items: &'s [Span<'_>]) -> Focus<'s> {
        // ---- country focus: each name votes (a country name or demonym
        // with 1 for its country; any other name with 0.5 split among its
        // candidates' countries by population); names that fold alike vote
        // once per occurrence, and a name's own votes do not count for it
        let country = self.focus(items, EntryKind::Country, |e| e.country);
        // ---- the same for the first-level areas ("HOLLIDAY, Mo. — … Monroe
        // County … Missouri"): local news is about one state or province
        let area = self.focus(items, EntryKind::Admin1, |e| Some((e.country?, e.admin1)));
        let mut f = Focus {
            country,
            area,
            max_country: 1.0,
            max_area: 1.0,
        };
        f.max_area = f.area.0.values().copied().fold(0.0, f64::max).max(1.0);
        f.max_country = items
            .iter()
            .flat_map(|s| {
                s.cands
                    .iter()
                    .filter_map(|(c, _)| self.entry(c.entry).country)
                    .map(|c| f.country_for(&s.key, c))
            })
            .fold(0.0, f64::max)
            .max(1.0);
        f
    }

    /// Each candidate's score before the list and proximity cues; a weak
    /// name's candidates need the article's support for their country
    /// (entries without one, regions and features, keep): the others score
    /// minus infinity.
    fn base_scores(
        &self,
        items: &[Span<'_>],
        focus: &Focus<'_>,
        layout: &Layout,
        w: &ResolverWeights,
    ) -> Vec<Vec<f64>> {
        // names in the article (for the admin hierarchy)
        let keys: HashMap<&str, usize> = items.iter().fold(HashMap::new(), |mut m, s| {
            *m.entry(s.key.as_str()).or_default() += 1;
            m
        });
        let mut scratch = String::new();
        items
            .iter()
            .enumerate()
            .map(|(i, s)| {
                s.cands
                    .iter()
                    .map(|&(c, demonym)| {
                        let e = self.entry(c.entry);
                        let kept = !s.weak
                            || e.country.is_none_or(|cc| {
                                focus.country_for(&s.key, cc) / focus.max_country > w.weak_focus
                            });
                        if !kept {
                            return f64::NEG_INFINITY;
                        }
                        let mut score = self.own_score(s, c, demonym, w);
                        let Some(cc) = e.country else { return score };
                        score += w.focus * focus.country_for(&s.key, cc) / focus.max_country;
                        if matches!(e.kind, EntryKind::Place | EntryKind::Admin2) {
                            // its first-level area, looked up once
                            let area1 = (!e.admin1.is_empty())
                                .then(|| self.admin1(cc, e.admin1))
                                .flatten();
                            if is_seat_of_its_name(e, area1, &s.key, &mut scratch) {
                                score += w.seat;
                            }
                            score += w.area_focus * focus.area_for(&s.key, e) / focus.max_area;
                            for (area, bonus) in [
                                (area1.map_or("", |a| a.name), w.admin1_named),
                                (e.admin2, w.admin2_named),
                            ] {
                                if area.is_empty() {
                                    continue;
                                }
                                fold_into(area, &mut scratch);
                                if scratch != s.key && keys.contains_key(scratch.as_str()) {
                                    score += bonus;
                                }
                            }
                        }
                        score + w.qualifier * layout.qualification(self, items, i, e) as f64
                    })
                    .collect::<Vec<f64>>()
            })
            .zip(items)
            .map(|(mut row, s)| {
                self.unsupported_country(s, &mut row, focus, w);
                row
            })
            .collect()
    }

    /// Local news names towns after countries (Jordan and Lebanon in
    /// Minnesota and Pennsylvania): a country no other name of the article
    /// points at, nor at a neighbour of it, loses [`ResolverWeights::unsupported_country`] when the
    /// name may be a place in the first-level area the article is about
    /// (at least one whole vote of the other names, and half the top area's).
    fn unsupported_country(
        &self,
        s: &Span<'_>,
        row: &mut [f64],
        focus: &Focus<'_>,
        w: &ResolverWeights,
    ) {
        let local = s.cands.iter().any(|(c, _)| {
            let e = self.entry(c.entry);
            let area = focus.area_for(&s.key, e);
            matches!(e.kind, EntryKind::Place | EntryKind::Admin2)
                && area >= LOCAL_AREA_VOTES
                && area >= LOCAL_AREA_SHARE * focus.max_area
        });
        if !local {
            return;
        }
        for ((c, _), v) in s.cands.iter().zip(row.iter_mut()) {
            let e = self.entry(c.entry);
            let supported = |cc: CountryCode| {
                let neighbours = self.country(cc).map_or(&[][..], |c| &c.neighbours[..]);
                std::iter::once(&cc)
                    .chain(neighbours)
                    .any(|&n| focus.country_for(&s.key, n) > 0.0)
            };
            if e.kind == EntryKind::Country && e.country.is_some_and(|cc| !supported(cc)) {
                *v -= w.unsupported_country;
            }
        }
    }

    /// What a candidate scores by itself and the words around it: its
    /// population, kind, name, demonym, kind cue and being a capital.
    fn own_score(&self, s: &Span<'_>, c: Candidate, demonym: bool, w: &ResolverWeights) -> f64 {
        let e = self.entry(c.entry);
        let mut score = (e.population as f64 + 10.0).log10();
        score += match e.kind {
            EntryKind::Country => w.country,
            EntryKind::Region => w.region,
            EntryKind::Admin1 => w.admin1,
            EntryKind::Admin2 => w.admin2,
            EntryKind::Place => 0.0,
            EntryKind::Feature => w.feature,
        };
        if c.primary {
            score += w.primary_name;
        }
        if demonym {
            score += w.demonym;
        }
        if s.cue.is_some_and(|k| k.fits(e.kind)) {
            score += w.kind_cue;
        }
        if e.kind == EntryKind::Place
            && let Some(country) = e.country.and_then(|cc| self.country(cc))
            && *country.capital == *e.name
        {
            score += w.capital;
        }
        score
    }

    /// `scores` with the proximity cue added: how near each candidate lies
    /// to the other names' first choices (places only; one anchor per
    /// distinct name, at most 256, so a huge text stays linear).
    fn with_proximity(
        &self,
        items: &[Span<'_>],
        base: &[Vec<f64>],
        first: &[Option<usize>],
        scores: Vec<Vec<f64>>,
        w: &ResolverWeights,
    ) -> Vec<Vec<f64>> {
        let mut seen_keys = std::collections::HashSet::new();
        let anchors: Vec<(usize, f64, f64)> = items
            .iter()
            .zip(first)
            .enumerate()
            .filter_map(|(i, (s, k))| {
                let k = (*k)?;
                let (c, _) = s.cands.get(k)?;
                if !base[i][k].is_finite() {
                    return None;
                }
                let e = self.entry(c.entry);
                (matches!(
                    e.kind,
                    EntryKind::Place | EntryKind::Admin1 | EntryKind::Admin2
                ) && seen_keys.insert(s.key.as_str()))
                .then(|| (i, f64::from(e.lat), f64::from(e.lon)))
            })
            .take(256)
            .collect();
        // the bonus depends only on the name and the candidate: computed once
        // for each pair, however often the article repeats the name
        let mut proximity: HashMap<(&str, u32), f64> = HashMap::new();
        items
            .iter()
            .zip(scores)
            .map(|(s, row)| {
                s.cands
                    .iter()
                    .zip(row)
                    .map(|(&(c, _), v)| {
                        let e = self.entry(c.entry);
                        if s.cands.len() < 2
                            || matches!(e.kind, EntryKind::Country | EntryKind::Region)
                        {
                            return v;
                        }
                        let bonus =
                            proximity
                                .entry((s.key.as_str(), c.entry))
                                .or_insert_with(|| {
                                    let d = anchors
                                        .iter()
                                        .filter(|(j, _, _)| items[*j].key != s.key)
                                        .map(|&(_, la, lo)| {
                                            haversine_km(f64::from(e.lat), f64::from(e.lon), la, lo)
                                        })
                                        .fold(f64::INFINITY, f64::min);
                                    if d < PROXIMITY_KM[0] {
                                        w.proximity[0]
                                    } else if d < PROXIMITY_KM[1] {
                                        w.proximity[1]
                                    } else if d < PROXIMITY_KM[2] {
                                        w.proximity[2]
                                    } else {
                                        0.0
                                    }
                                });
                        v + *bonus
                    })
                    .collect()
            })
            .collect()
    }

    /// Each span's resolution: its chosen candidate, or its qualifier's area
    /// ([`Gazetteer::qualifier_area`]), or none.
    fn resolutions(
        &self,
        text: &str,
        items: &[Span<'_>],
        scores: &[Vec<f64>],
        chosen: &[Option<usize>],
        layout: &Layout,
    ) -> Vec<Resolution> {
        let picked: Vec<Option<usize>> = (0..items.len())
            .map(|i| chosen[i].filter(|&k| scores[i][k].is_finite()))
            .collect();
        let entry_of = |i: usize| picked[i].map(|k| items[i].cands[k].0.entry);
        items
            .iter()
            .enumerate()
            .map(|(i, s)| {
                let resolution = |entry: Option<u32>, confidence: f32, basis: String| Resolution {
                    start: s.start,
                    end: s.end,
                    text: s.text.to_string(),
                    entry,
                    demonym: false,
                    metonym: false,
                    zone: entry
                        .and_then(|x| self.entry(x).zone.map(|z| self.zones[z as usize].clone())),
                    confidence,
                    basis,
                };
                let area = layout.qualifier[i].and_then(entry_of);
                if let Some(area) = self.qualifier_area(area, entry_of(i)) {
                    let name = self.entry(area).name;
                    let basis = format!("qualifier: in {name}, which holds no entry of the name");
                    return resolution(Some(area), QUALIFIER_CONFIDENCE, basis);
                }
                // no candidate, or none the article supports
                let Some(k) = picked[i] else {
                    return resolution(None, 0.0, "gazetteer: no entry".into());
                };
                let (c, demonym) = s.cands[k];
                let e = self.entry(c.entry);
                let best = scores[i][k];
                let second = scores[i]
                    .iter()
                    .enumerate()
                    .filter(|&(j, _)| j != k)
                    .map(|(_, &v)| v)
                    .fold(f64::NEG_INFINITY, f64::max);
                let confidence = if second.is_finite() {
                    (1.0 / (1.0 + (-(best - second)).exp())) as f32
                } else {
                    SOLE_CANDIDATE_CONFIDENCE
                };
                let metonym = !demonym
                    && (e.kind == EntryKind::Country
                        || (e.kind == EntryKind::Place
                            && e.country
                                .and_then(|cc| self.country(cc))
                                .is_some_and(|co| *co.capital == *e.name)))
                    && subject_of_speech(text, s.start_byte, s.end_byte);
                let basis = format!("gazetteer: {} of {} candidates", k + 1, s.cands.len());
                Resolution {
                    demonym,
                    metonym,
                    ..resolution(Some(c.entry), confidence, basis)
                }
            })
            .collect()
    }

    /// Border phrases around resolved country names: "Afghanistan's
    /// northern border" (a side: the neighbours in that direction), "the
    /// Afghan–Tajik border" / "Turkey-Syria border" (a pair), "the border
    /// with Tajikistan" (a pair with the article's main country that
    /// borders it). Each becomes a resolution spanning the phrase, with a
    /// border zone and no entry.
    pub fn border_phrases(&self, text: &str, resolved: &[Resolution]) -> Vec<Resolution> {
        let mut ends: Vec<usize> = Vec::new();
        for r in resolved {
            ends.push(r.start);
            ends.push(r.end);
        }
        let bo = byte_offsets(text, &ends);
        let country_of = |r: &Resolution| -> Option<CountryCode> {
            let e = self.entry(r.entry?);
            (e.kind == EntryKind::Country)
                .then_some(e.country)
                .flatten()
        };
        // the article's main countries, most named first
        let mut counts: HashMap<CountryCode, usize> = HashMap::new();
        for r in resolved {
            if let Some(c) = country_of(r) {
                *counts.entry(c).or_default() += 1;
            }
        }
        let mut out: Vec<Resolution> = Vec::new();
        let mut sorted: Vec<&Resolution> = resolved.iter().collect();
        sorted.sort_by_key(|r| r.start);
        for (i, r) in sorted.iter().enumerate() {
            let Some(a) = country_of(r) else { continue };
            let Some(&b_end) = bo.get(&r.end) else {
                continue;
            };
            let after = &text[b_end..];
            let (words, consumed) = next_words(after, 4);
            let lw: Vec<String> = words.iter().map(|w| w.to_lowercase()).collect();
            let is_border = |w: &str| matches!(w, "border" | "borders" | "frontier" | "frontiers");
            let mk = |zone: Zone, end_cp: usize, basis: &str| {
                let b0 = bo.get(&r.start).copied().unwrap_or(0);
                let phrase: String = text[b0..].chars().take(end_cp - r.start).collect();
                Resolution {
                    start: r.start,
                    end: end_cp,
                    text: phrase,
                    entry: None,
                    demonym: false,
                    metonym: false,
                    zone: Some(zone),
                    confidence: 0.8,
                    basis: basis.to_string(),
                }
            };
            // "Afghanistan's northern border", "Afghanistan's border with Tajikistan"
            if lw.first().map(String::as_str) == Some("s") {
                let side = lw.get(1).and_then(|w| Side::parse(w));
                let border_at = if side.is_some() { 2 } else { 1 };
                if lw.get(border_at).is_some_and(|w| is_border(w)) {
                    let end_cp = r.end + consumed[border_at];
                    // "… border with X"
                    if lw.get(border_at + 1).map(String::as_str) == Some("with")
                        && let Some(x) = sorted.get(i + 1).and_then(|n| country_of(n))
                        && let Some(z) = self.border_pair_zone(a, x)
                    {
                        let n = sorted[i + 1];
                        out.push(mk(z, n.end, "border phrase: A's border with B"));
                        continue;
                    }
                    let zone = match side {
                        Some(sd) => self.border_side_zone(a, sd),
                        None => self.all_borders_zone(a),
                    };
                    if let Some(z) = zone {
                        out.push(mk(z, end_cp, "border phrase: A's border"));
                    }
                    continue;
                }
            }
            // "the Afghan–Tajik border", "Turkey-Syria border"
            if let Some(n) = sorted.get(i + 1)
                && let Some(b) = country_of(n)
                && b != a
            {
                let gap_start = b_end;
                let gap: String = text[gap_start..]
                    .chars()
                    .take(n.start.saturating_sub(r.end))
                    .collect();
                let g = gap.trim();
                if matches!(g, "-" | "–" | "—" | "/" | "and") || gap == "-" {
                    let nb = bo.get(&n.end).copied().unwrap_or(text.len());
                    let (w2, c2) = next_words(&text[nb..], 1);
                    if w2.first().is_some_and(|w| is_border(&w.to_lowercase()))
                        && let Some(z) = self.border_pair_zone(a, b)
                    {
                        out.push(mk(z, n.end + c2[0], "border phrase: A–B border"));
                        continue;
                    }
                }
            }
            // "the border with Tajikistan": look just before the name
            let b_start = bo.get(&r.start).copied().unwrap_or(0);
            let before = text[..b_start].trim_end();
            let phrase_b = ["border with", "frontier with"].iter().find_map(|p| {
                let n = p.chars().count();
                let (pb, _) = before.char_indices().rev().nth(n - 1)?;
                before[pb..].eq_ignore_ascii_case(p).then_some(pb)
            });
            if let Some(pb) = phrase_b {
                let partner = counts
                    .iter()
                    .filter(|&(&c, _)| {
                        c != a && self.country(c).is_some_and(|co| co.neighbours.contains(&a))
                    })
                    .max_by_key(|&(&c, &n)| (n, std::cmp::Reverse(c)))
                    .map(|(&c, _)| c);
                if let Some(p) = partner
                    && let Some(z) = self.border_pair_zone(p, a)
                {
                    let start = r.start - text[pb..b_start].chars().count();
                    let mut res = mk(z, r.end, "border phrase: border with B");
                    res.start = start;
                    res.text = text[pb..].chars().take(r.end - start).collect();
                    out.push(res);
                }
            }
        }
        out
    }

    /// All of a country's land borders, as one zone (`border:af`).
    pub fn all_borders_zone(&self, a: CountryCode) -> Option<Zone> {
        let ca = self.country(a)?;
        let mut z = None::<Zone>;
        for &n in &ca.neighbours {
            if let Some(p) = self.border_pair_zone(a, n) {
                match &mut z {
                    None => {
                        let mut first = p;
                        first.countries = vec![a, n];
                        z = Some(first);
                    }
                    Some(z) => {
                        z.countries.push(n);
                        z.borders.extend(p.borders);
                    }
                }
            }
        }
        let mut z = z?;
        z.id = format!("border:{}", code_str(&a).to_ascii_lowercase());
        z.name = format!("{}'s borders", ca.name);
        Some(z)
    }

    /// Recognises place names with [`crate::Recogniser`]'s defaults,
    /// resolves them, and adds the border phrases: the end-to-end path
    /// without a learned recogniser.
    pub fn place_mentions(&self, text: &str) -> Vec<Mention> {
        let spans = crate::Recogniser::default().find(self, text);
        self.mentions_for(text, &spans)
    }

    /// Resolves `spans` (from any recogniser) and adds the border phrases,
    /// as Mentions in text order.
    pub fn mentions_for(&self, text: &str, spans: &[PlaceSpan]) -> Vec<Mention> {
        let res = self.resolve(text, spans);
        let zones = self.border_phrases(text, &res);
        let mut out: Vec<Mention> = res
            .iter()
            .filter(|r| r.entry.is_some())
            .chain(zones.iter())
            .map(|r| r.to_mention(self))
            .collect();
        out.sort_by_key(|m| (m.start, m.end));
        out
    }
}

/// Up to `n` words after `s` (letters only, apostrophes split words), with
/// the code-point count consumed up to the end of each word.
fn next_words(s: &str, n: usize) -> (Vec<&str>, Vec<usize>) {
    let mut words = Vec::new();
    let mut ends = Vec::new();
    let mut cp = 0usize;
    let mut start: Option<(usize, usize)> = None; // (byte, cp)
    for (b, ch) in s.char_indices() {
        if ch.is_alphabetic() {
            if start.is_none() {
                start = Some((b, cp));
            }
        } else {
            if let Some((sb, _)) = start.take() {
                words.push(&s[sb..b]);
                ends.push(cp);
                if words.len() == n {
                    return (words, ends);
                }
            }
            // stop at a sentence end or a line break
            if matches!(ch, '.' | '!' | '?' | '\n' | ';' | ':') {
                return (words, ends);
            }
        }
        cp += 1;
    }
    if let Some((sb, _)) = start {
        words.push(&s[sb..]);
        ends.push(cp);
    }
    (words, ends)
}

fn subject_of_speech(text: &str, start_byte: usize, end_byte: usize) -> bool {
    // A subject is not the object of a preposition ("flights to Kabul said").
    let before = text.get(..start_byte).unwrap_or("");
    let previous = before
        .split_whitespace()
        .next_back()
        .unwrap_or("")
        .to_lowercase();
    if NOT_SUBJECT.contains(&previous.as_str()) {
        return false;
    }
    // The verb follows directly (a space, not "Moscow's" or "Moscow-based"),
    // after at most two auxiliaries or adverbs ("Kabul has denied").
    let after = text.get(end_byte..).unwrap_or("");
    if !after.starts_with(' ') {
        return false;
    }
    let (words, _) = next_words(after, 3);
    words
        .iter()
        .map(|w| w.to_lowercase())
        .find(|w| !AUXILIARIES.contains(&w.as_str()))
        .is_some_and(|w| SPEECH.contains(&w.as_str()))
}

/// Words after which a name is not the subject of a clause.
const NOT_SUBJECT: &[&str] = &[
    "to", "in", "from", "at", "near", "into", "across", "of", "for", "on", "over", "through",
    "toward", "towards", "outside", "inside", "around", "via", "by", "with", "between",
];

/// Auxiliaries and adverbs that may stand between a subject and its verb.
const AUXILIARIES: &[&str] = &[
    "has",
    "have",
    "had",
    "is",
    "was",
    "will",
    "would",
    "could",
    "may",
    "might",
    "also",
    "again",
    "officially",
    "quickly",
    "later",
    "then",
];

/// One sense per name: each name's candidates summed over its occurrences
/// (each candidate's best score), the best of them chosen everywhere.
fn choose(items: &[Span<'_>], scores: &[Vec<f64>]) -> Vec<Option<usize>> {
    let mut totals: HashMap<&str, HashMap<u32, f64>> = HashMap::new();
    for (s, sc) in items.iter().zip(scores) {
        let t = totals.entry(s.key.as_str()).or_default();
        for (&(c, _), &v) in s.cands.iter().zip(sc) {
            let slot = t.entry(c.entry).or_insert(f64::NEG_INFINITY);
            *slot = slot.max(v);
        }
    }
    items
        .iter()
        .map(|s| {
            let t = &totals[s.key.as_str()];
            s.cands
                .iter()
                .enumerate()
                .max_by(|a, b| t[&a.1.0.entry].total_cmp(&t[&b.1.0.entry]))
                .map(|(k, _)| k)
        })
        .collect()
}

/// A first-level area: its country and admin1 code.
type Area = (CountryCode, &'static str);

/// The votes of an article's names for what it is about, and each name's
/// own votes ([`Gazetteer::focus`]).
type Votes<'s, K> = (HashMap<K, f64>, HashMap<&'s str, HashMap<K, f64>>);

/// What an article is about: its countries and first-level areas.
struct Focus<'s> {
    country: Votes<'s, CountryCode>,
    area: Votes<'s, Area>,
    /// The greatest country focus any candidate has (at least 1).
    max_country: f64,
    /// The greatest area focus (at least 1).
    max_area: f64,
}

impl Focus<'_> {
    /// The country's focus, the name `key`'s own votes left out.
    fn country_for(&self, key: &str, c: CountryCode) -> f64 {
        let (all, own) = &self.country;
        let mine = own.get(key).and_then(|m| m.get(&c)).copied().unwrap_or(0.0);
        (all.get(&c).copied().unwrap_or(0.0) - mine).max(0.0)
    }

    /// The focus of the entry's first-level area, `key`'s own votes left out.
    fn area_for(&self, key: &str, e: &crate::Entry) -> f64 {
        let Some(a) = e.country.map(|c| (c, e.admin1)) else {
            return 0.0;
        };
        let (all, own) = &self.area;
        let mine = own.get(key).and_then(|m| m.get(&a)).copied().unwrap_or(0.0);
        (all.get(&a).copied().unwrap_or(0.0) - mine).max(0.0)
    }
}

/// How the names stand to one another: names written one after another,
/// "X, Y" or "X (Y)" (a qualifier, unless part of a longer list), and lists
/// "X, Y and Z".
struct Layout {
    /// The name that qualifies each name ("Ontario" of "Stroud").
    qualifier: Vec<Option<usize>>,
    /// The name each name qualifies ("Stroud" of "Ontario").
    qualified: Vec<Option<usize>>,
    /// Each name's list, if any.
    group: Vec<Option<usize>>,
    /// The lists: a chain of three or more names.
    groups: Vec<Vec<usize>>,
}

impl Layout {
    fn of(items: &[Span<'_>], text: &str) -> Layout {
        let n = items.len();
        let mut next_of: Vec<Option<usize>> = vec![None; n];
        let mut prev_of: Vec<Option<usize>> = vec![None; n];
        let mut qualifier: Vec<Option<usize>> = vec![None; n];
        let mut order: Vec<usize> = (0..n).collect();
        order.sort_by_key(|&i| items[i].start);
        for w in order.windows(2) {
            let (a, b) = (&items[w[0]], &items[w[1]]);
            if b.start >= a.end && b.start - a.end <= 6 {
                let gap = text.get(a.end_byte..).unwrap_or("");
                let gap: String = gap.chars().take(b.start - a.end).collect();
                let g = gap.trim();
                if matches!(
                    g,
                    "," | "" | "(" | "and" | ", and" | "or" | ", or" | "&" | "/"
                ) {
                    next_of[w[0]] = Some(w[1]);
                    prev_of[w[1]] = Some(w[0]);
                }
                if matches!(g, "," | "" | "(") {
                    qualifier[w[0]] = Some(w[1]);
                }
            }
        }
        // list groups: a chain of three or more names, or of two joined by "and"/"or"
        let mut group: Vec<Option<usize>> = vec![None; n];
        let mut groups: Vec<Vec<usize>> = Vec::new();
        for &i in &order {
            if prev_of[i].is_some() {
                continue;
            }
            let mut chain = vec![i];
            let mut cur = i;
            while let Some(n) = next_of[cur] {
                chain.push(n);
                cur = n;
            }
            if chain.len() >= 3 {
                for &m in &chain {
                    group[m] = Some(groups.len());
                    // in a list, "X, Y" is not X qualified by Y
                    qualifier[m] = None;
                }
                groups.push(chain);
            }
        }
        let mut qualified: Vec<Option<usize>> = vec![None; n];
        for (x, q) in qualifier.iter().enumerate() {
            if let Some(y) = *q {
                qualified[y] = Some(x);
            }
        }
        Layout {
            qualifier,
            qualified,
            group,
            groups,
        }
    }

    /// A list's members are alike (same kind, same country): the share of
    /// the other members of name `i`'s list with such a sense as `e` (any of
    /// their candidates; with `first`, their first choice).
    fn alike(
        &self,
        g: &Gazetteer,
        items: &[Span<'_>],
        i: usize,
        e: &crate::Entry,
        first: Option<&[Option<usize>]>,
    ) -> f64 {
        let Some(gi) = self.group[i] else { return 0.0 };
        let others: Vec<usize> = self.groups[gi]
            .iter()
            .copied()
            .filter(|&m| items[m].key != items[i].key)
            .collect();
        if others.is_empty() {
            return 0.0;
        }
        let like = |oc: &Candidate| {
            let oe = g.entry(oc.entry);
            oe.kind == e.kind
                && (matches!(
                    e.kind,
                    EntryKind::Country | EntryKind::Region | EntryKind::Feature
                ) || oe.country == e.country)
        };
        let n = others
            .iter()
            .filter(|&&m| match first {
                None => items[m].cands.iter().any(|(oc, _)| like(oc)),
                Some(f) => f[m].is_some_and(|k| like(&items[m].cands[k].0)),
            })
            .count();
        n as f64 / others.len() as f64
    }

    /// How many of name `i`'s two qualifier cues candidate `e` meets: the
    /// next name is an area that could hold it ("Karachi, Sindh"), and it is
    /// an area that holds the name before it ("Ontario" in "Stroud,
    /// Ontario").
    fn qualification(&self, g: &Gazetteer, items: &[Span<'_>], i: usize, e: &crate::Entry) -> u8 {
        let Some(cc) = e.country else { return 0 };
        let mut n = 0;
        if let Some(q) = self.qualifier[i] {
            let top_rank = items[i]
                .cands
                .iter()
                .map(|(x, _)| rank(g.entry(x.entry).kind))
                .max()
                .unwrap_or(0);
            // A country qualifies no name that may itself be a country
            // ("Syria, Iraq"); a state or province qualifies a place even
            // of a country's name ("Lebanon, Pa.": no list joins a country
            // and a state).
            let fits = items[q].cands.iter().any(|&(qc, _)| {
                let qe = g.entry(qc.entry);
                let above = match qe.kind {
                    EntryKind::Country => top_rank,
                    _ => rank(e.kind),
                };
                qe.country == Some(cc)
                    && rank(qe.kind) > above
                    && match qe.kind {
                        EntryKind::Country => true,
                        EntryKind::Admin1 => *qe.admin1 == *e.admin1,
                        EntryKind::Admin2 => *qe.admin2 == *e.admin2,
                        _ => false,
                    }
            });
            n += u8::from(fits);
        }
        if let Some(x) = self.qualified[i] {
            let holds = items[x].cands.iter().any(|&(xc, _)| {
                let xe = g.entry(xc.entry);
                xe.country == Some(cc)
                    && rank(e.kind) > rank(xe.kind)
                    && match e.kind {
                        EntryKind::Admin1 => *xe.admin1 == *e.admin1,
                        EntryKind::Admin2 => *xe.admin2 == *e.admin2,
                        _ => false,
                    }
            });
            n += u8::from(holds);
        }
        n
    }
}

/// How large an entry's kind of area is: a place within an admin2 area,
/// within an admin1 area, within a country, within a region.
fn rank(k: EntryKind) -> u8 {
    match k {
        EntryKind::Place => 0,
        EntryKind::Admin2 => 1,
        EntryKind::Admin1 => 2,
        EntryKind::Country => 3,
        EntryKind::Region | EntryKind::Feature => 4,
    }
}
