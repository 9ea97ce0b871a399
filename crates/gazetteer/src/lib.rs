//! Beacon's gazetteer: GeoNames places (≥ 500 people, with alternate names in
//! Latin, Cyrillic and Arabic script), countries with their land neighbours,
//! admin1/admin2 areas with ISO 3166-2 codes, Natural Earth land borders per
//! country pair, and named regions as country sets — loaded once from the
//! compact files in `data/gazetteer/` (built by `scripts/build_gazetteer.sh`
//! from registry packages; see that folder's README for provenance and
//! licences), embedded in the binary, so nothing is read or downloaded at
//! run time.
//!
//! On top of the data: toponym resolution ([`Gazetteer::resolve`]: each place
//! name in an article → one entry, by population, feature type, the article's
//! country focus, the admin hierarchy and nearby places), border and region
//! zones ([`Zone`]: `border:af-tj`, `border:af-north`, `region:central-asia`)
//! with distances to them, and a dictionary recogniser
//! ([`Gazetteer::place_mentions`]) for when no learned recogniser is at hand.
//!
//! ```
//! let g = beacon_gazetteer::Gazetteer::load().unwrap();
//! let text = "Gunmen attacked the airport in Karachi, Pakistan's largest city.";
//! let mentions = g.place_mentions(text);
//! let karachi = mentions.iter().find(|m| m.text == "Karachi").unwrap();
//! assert_eq!(karachi.country.as_deref(), Some("PK"));
//! ```

mod geometry;
mod load;
mod normalise;
mod recognise;
mod resolve;

use std::collections::HashMap;

use normalise::hash_key;

pub use geometry::{EARTH_RADIUS_KM, haversine_km, point_to_polyline_km};
pub use load::GazetteerError;
pub use normalise::{fold, fold_into, opens_with_the};
pub use recognise::{DictionaryRecogniser, PlaceRecogniser, Recogniser};
pub use resolve::{PlaceSpan, Resolution, ResolverWeights};

/// A line of `(lon, lat)` vertices, in degrees.
pub type Polyline = Vec<(f32, f32)>;

pub(crate) type BorderMap = HashMap<(CountryCode, CountryCode), Vec<Polyline>>;

/// An ISO 3166-1 alpha-2 code, upper case (`*b"AF"`).
pub type CountryCode = [u8; 2];

/// What a gazetteer entry is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum EntryKind {
    /// A country (or territory with its own ISO code).
    Country,
    /// A continent or a named region (a set of countries): it has a zone.
    Region,
    /// A first-level administrative area (a province, a state).
    Admin1,
    /// A second-level administrative area (a district, a county).
    Admin2,
    /// A populated place (GeoNames feature class P).
    Place,
    /// A physical feature or informal region without borders of its own: a
    /// sea, an island, a mountain range, a desert ("the Black Sea",
    /// "Sumatra", "the Hindu Kush", "Siberia"); from our own table.
    Feature,
}

/// One gazetteer entry.
#[derive(Debug, Clone)]
pub struct Entry {
    /// What it is.
    pub kind: EntryKind,
    /// Its GeoNames id, where GeoNames has one in the data we build from
    /// (places, countries, continents, and nearly every admin area).
    pub geonames_id: Option<u64>,
    /// Its main name. (An entry's text is the embedded data's own: the
    /// tables are compiled in, so 260 k entries allocate no strings.)
    pub name: &'static str,
    /// Latitude, degrees: GeoNames' own point where known (places,
    /// countries, most admin areas), else an area's middle.
    pub lat: f32,
    /// Longitude, degrees.
    pub lon: f32,
    /// Its country, except for continents and regions.
    pub country: Option<CountryCode>,
    /// GeoNames admin1 code within the country (`"05"`), or empty.
    pub admin1: &'static str,
    /// Admin2 name, where known, or empty.
    pub admin2: &'static str,
    /// Population (an area's: the sum of its places ≥ 500 people).
    pub population: u64,
    /// Index into [`Gazetteer::zones`] for continents and regions.
    pub zone: Option<u32>,
}

/// A country.
#[derive(Debug, Clone)]
pub struct Country {
    /// ISO 3166-1 alpha-2.
    pub iso2: CountryCode,
    /// ISO 3166-1 alpha-3.
    pub iso3: Box<str>,
    /// English short name.
    pub name: Box<str>,
    /// Its entry in [`Gazetteer::entry`].
    pub entry: u32,
    /// Its capital's name.
    pub capital: Box<str>,
    /// Countries it shares a land border with (GeoNames).
    pub neighbours: Vec<CountryCode>,
    /// GeoNames continent code (`AS`).
    pub continent: Box<str>,
    /// Bounding box `[west, south, east, north]` from Natural Earth, if drawn.
    pub bbox: Option<[f32; 4]>,
}

/// What a zone is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ZoneKind {
    /// One or more land borders (`border:af-tj`, `border:af-north`).
    Border,
    /// A set of countries (`region:central-asia`), or a continent.
    Region,
}

/// A border or region zone: an id, the countries it covers and, for a
/// border, the country pairs whose shared Natural Earth lines are its
/// geometry.
#[derive(Debug, Clone, PartialEq)]
pub struct Zone {
    /// Stable id: `border:af-tj` (pair, codes in alphabetical order),
    /// `border:af-north` (a country's borders on one side),
    /// `region:central-asia`.
    pub id: String,
    /// A name for people ("Afghanistan's northern border").
    pub name: String,
    /// Border or region.
    pub kind: ZoneKind,
    /// Countries in the zone (for a border: both sides).
    pub countries: Vec<CountryCode>,
    /// The country pairs whose shared border lines make the zone's geometry.
    pub borders: Vec<(CountryCode, CountryCode)>,
    /// A representative point (a border's middle vertex, a region's middle).
    pub lat: f64,
    /// Longitude of that point.
    pub lon: f64,
}

/// A name's match in the index.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Candidate {
    /// Index of the entry ([`Gazetteer::entry`]).
    pub entry: u32,
    /// The name matched the entry's main name (not an alternate name).
    pub primary: bool,
}

const ALT: u32 = 1 << 31;

/// The loaded gazetteer ([`Gazetteer::load`]; its owner keeps it).
pub struct Gazetteer {
    entries: Vec<Entry>,
    /// (hash of folded name, entry | ALT when an alternate name), sorted.
    names: Vec<(u64, u32)>,
    /// Where the names whose hash has each top-[`BUCKET_BITS`] prefix begin
    /// in `names` (2²⁰ + 1 offsets, 4 MB): a lookup reads one bucket of ~1
    /// name, not the whole million, and a name that is not there (most
    /// capitalised words) costs one read.
    name_buckets: Vec<u32>,
    /// Hashes of the folded common words of scripts without capital letters
    /// (Persian: `data/gazetteer/common_words.tsv`), never a one-word place.
    common_words: std::collections::HashSet<u64>,
    /// (hash of folded demonym or adjective, entry), sorted.
    demonyms: Vec<(u64, u32)>,
    /// (hash of folded admin1 abbreviation, entry), sorted ("Ark.", "B.C.").
    abbreviations: Vec<(u64, u32)>,
    countries: Vec<Country>,
    country_ix: HashMap<CountryCode, u32>,
    admin1_ix: HashMap<(CountryCode, Box<str>), u32>,
    /// Land-border polylines per country pair (codes in order), `(lon, lat)`.
    borders: BorderMap,
    /// Named regions and continents.
    zones: Vec<Zone>,
    zone_ix: HashMap<String, u32>,
}

/// How many top bits of a name's hash choose its bucket.
const BUCKET_BITS: u32 = 20;

/// For names sorted by hash: where each top-[`BUCKET_BITS`] prefix begins.
fn buckets(names: &[(u64, u32)]) -> Vec<u32> {
    let mut out = vec![0u32; (1 << BUCKET_BITS) + 1];
    let mut i = 0;
    for (b, slot) in out.iter_mut().enumerate() {
        while i < names.len() && ((names[i].0 >> (64 - BUCKET_BITS)) as usize) < b {
            i += 1;
        }
        *slot = i as u32;
    }
    out
}

fn find_hashed(index: &[(u64, u32)], key: &str) -> Option<u32> {
    if key.is_empty() {
        return None;
    }
    let h = hash_key(key);
    let i = index.partition_point(|&(k, _)| k < h);
    index.get(i).filter(|&&(k, _)| k == h).map(|&(_, e)| e)
}

/// `*b"AF"` → `"AF"`.
pub fn code_str(c: &CountryCode) -> &str {
    std::str::from_utf8(c).unwrap_or("??")
}

/// `"af"` or `"AF"` → `*b"AF"`.
pub fn parse_code(s: &str) -> Option<CountryCode> {
    let b = s.as_bytes();
    if b.len() == 2 && b.iter().all(u8::is_ascii_alphabetic) {
        Some([b[0].to_ascii_uppercase(), b[1].to_ascii_uppercase()])
    } else {
        None
    }
}

impl Gazetteer {
    /// Loads the embedded data (a few hundred ms in a release build): load
    /// it once and keep it.
    pub fn load() -> Result<Gazetteer, GazetteerError> {
        load::load_embedded()
    }

    /// Number of entries.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Whether there is no entry (never, for the embedded data).
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// An entry by index.
    pub fn entry(&self, ix: u32) -> &Entry {
        &self.entries[ix as usize]
    }

    /// Entries whose name or alternate name folds to the same key as `name`
    /// (see [`fold`]), in index order; demonyms are not included
    /// ([`Gazetteer::demonym`]).
    pub fn lookup(&self, name: &str) -> Vec<Candidate> {
        let mut key = String::new();
        fold_into(name, &mut key);
        self.lookup_key(&key)
    }

    /// [`Gazetteer::lookup`] for a key already folded.
    pub fn lookup_key(&self, key: &str) -> Vec<Candidate> {
        let found = self.lookup_exact(key);
        if !found.is_empty() {
            return found;
        }
        // a Russian name in another case than the nominative: of the
        // nominatives it may have, the one naming the weightiest entry (a
        // country or a province before a town, a city before a village:
        // "России" is Russia, not a Ross)
        let weight = |c: &Candidate| {
            let e = self.entry(c.entry);
            let area = matches!(
                e.kind,
                EntryKind::Country | EntryKind::Admin1 | EntryKind::Region
            );
            (area, e.population)
        };
        // and the romanised forms GeoNames may have where it has no
        // Cyrillic name ("Пяндж" → Pyandzh)
        let nominatives = crate::normalise::russian_nominatives(key);
        let best = |keys: &mut dyn Iterator<Item = String>| {
            keys.map(|k| self.lookup_exact(&k))
                .filter(|c| !c.is_empty())
                .max_by_key(|cands| cands.iter().map(weight).max())
        };
        best(&mut nominatives.iter().cloned())
            .or_else(|| {
                let mut romanised = std::iter::once(key.to_owned())
                    .chain(nominatives.iter().cloned())
                    .filter_map(|k| crate::normalise::romanise_cyrillic(&k));
                best(&mut romanised)
            })
            .unwrap_or_default()
    }

    fn lookup_exact(&self, key: &str) -> Vec<Candidate> {
        if key.is_empty() {
            return Vec::new();
        }
        let h = hash_key(key);
        let b = (h >> (64 - BUCKET_BITS)) as usize;
        let (from, to) = (
            self.name_buckets[b] as usize,
            self.name_buckets[b + 1] as usize,
        );
        let bucket = &self.names[from..to];
        let lo = bucket.partition_point(|&(k, _)| k < h);
        bucket[lo..]
            .iter()
            .take_while(|&&(k, _)| k == h)
            .map(|&(_, e)| Candidate {
                entry: e & !ALT,
                primary: e & ALT == 0,
            })
            .collect()
    }

    /// Whether a folded word is a common word of a script without capital
    /// letters (Persian "دو" two, "ولایت" province), which the dictionary
    /// pass never takes alone for a place.
    pub fn is_common_word(&self, key: &str) -> bool {
        self.common_words.contains(&hash_key(key))
    }

    /// The country a demonym or adjective names ("Afghan", "Tajik", "Russian").
    pub fn demonym(&self, word: &str) -> Option<&Country> {
        let e = self.entry(self.demonym_key(&fold(word))?);
        e.country
            .filter(|_| e.kind == EntryKind::Country)
            .and_then(|c| self.country(c))
    }

    /// The entry a folded demonym or adjective names: a country's, a
    /// region's or a feature's ("European" → Europe).
    pub(crate) fn demonym_key(&self, key: &str) -> Option<u32> {
        find_hashed(&self.demonyms, key).or_else(|| {
            // a Russian adjective in another case ("таджикские")
            crate::normalise::russian_nominatives(key)
                .iter()
                .find_map(|k| find_hashed(&self.demonyms, k))
        })
    }

    /// The admin1 entry a folded abbreviation names ("ark" for "Ark.").
    pub(crate) fn abbreviation_key(&self, key: &str) -> Option<u32> {
        find_hashed(&self.abbreviations, key)
    }

    /// A country by ISO alpha-2 code.
    pub fn country(&self, code: CountryCode) -> Option<&Country> {
        self.country_ix
            .get(&code)
            .map(|&i| &self.countries[i as usize])
    }

    /// A country by ISO alpha-2 or alpha-3 code, name, alias or demonym;
    /// the flag is true when it was found by demonym.
    pub fn find_country(&self, s: &str) -> Option<(&Country, bool)> {
        let t = s.trim();
        if t.len() == 2
            && let Some(c) = parse_code(t).and_then(|c| self.country(c))
        {
            return Some((c, false));
        }
        if t.len() == 3 && t.bytes().all(|b| b.is_ascii_alphabetic()) {
            let up = t.to_ascii_uppercase();
            if let Some(c) = self.countries.iter().find(|c| *c.iso3 == up) {
                return Some((c, false));
            }
        }
        for cand in self.lookup(t) {
            let e = self.entry(cand.entry);
            if e.kind == EntryKind::Country {
                return e.country.and_then(|c| self.country(c)).map(|c| (c, false));
            }
        }
        self.demonym(t).map(|c| (c, true))
    }

    /// All countries.
    pub fn countries(&self) -> &[Country] {
        &self.countries
    }

    /// The admin1 entry of a country and GeoNames admin1 code.
    pub fn admin1(&self, country: CountryCode, code: &str) -> Option<&Entry> {
        self.admin1_ix
            .get(&(country, Box::from(code)))
            .map(|&i| &self.entries[i as usize])
    }

    /// The admin1 name of an entry, if known.
    pub fn admin1_name(&self, e: &Entry) -> Option<&str> {
        let c = e.country?;
        if e.admin1.is_empty() {
            return None;
        }
        self.admin1(c, e.admin1).map(|a| a.name)
    }

    /// The land-border polylines two countries share (`(lon, lat)` vertices),
    /// empty when they share none.
    pub fn border_lines(&self, a: CountryCode, b: CountryCode) -> &[Vec<(f32, f32)>] {
        let key = if a <= b { (a, b) } else { (b, a) };
        self.borders.get(&key).map(Vec::as_slice).unwrap_or(&[])
    }

    /// Distance in km from a point to the land border of two countries, or
    /// `None` when they share no border.
    pub fn border_distance_km(
        &self,
        a: CountryCode,
        b: CountryCode,
        lat: f64,
        lon: f64,
    ) -> Option<f64> {
        let lines = self.border_lines(a, b);
        lines
            .iter()
            .map(|l| point_to_polyline_km(lat, lon, l))
            .min_by(f64::total_cmp)
    }

    /// Named regions and continents, as zones.
    pub fn zones(&self) -> &[Zone] {
        &self.zones
    }

    /// A zone by id: a named region (`region:sahel`), a border pair
    /// (`border:af-tj`) or a country's borders on one side
    /// (`border:af-north`, also `northeast` etc.).
    pub fn zone(&self, id: &str) -> Option<Zone> {
        if let Some(&i) = self.zone_ix.get(id) {
            return Some(self.zones[i as usize].clone());
        }
        let Ok(beacon_model::ZoneId::Border(rest)) = id.parse() else {
            return None;
        };
        let (a, b) = rest.split_once('-')?;
        let a = parse_code(a)?;
        if let Some(b) = parse_code(b) {
            return self.border_pair_zone(a, b);
        }
        let side = Side::parse(b)?;
        self.border_side_zone(a, side)
    }

    /// Distance in km from a point to a zone: to the nearest of a border
    /// zone's lines, or 0 inside a region's countries' bounding boxes (else
    /// the distance to its point).
    pub fn zone_distance_km(&self, zone: &Zone, lat: f64, lon: f64) -> f64 {
        match zone.kind {
            ZoneKind::Border => zone
                .borders
                .iter()
                .filter_map(|&(a, b)| self.border_distance_km(a, b, lat, lon))
                .min_by(f64::total_cmp)
                .unwrap_or(f64::INFINITY),
            ZoneKind::Region => {
                let inside = zone
                    .countries
                    .iter()
                    .filter_map(|&c| self.country(c)?.bbox)
                    .any(|[w, s, e, n]| {
                        let (lat, lon) = (lat as f32, lon as f32);
                        lat >= s && lat <= n && lon >= w && lon <= e
                    });
                if inside {
                    0.0
                } else {
                    haversine_km(lat, lon, zone.lat, zone.lon)
                }
            }
        }
    }

    /// The zone of two countries' shared border.
    pub fn border_pair_zone(&self, a: CountryCode, b: CountryCode) -> Option<Zone> {
        let (a, b) = if a <= b { (a, b) } else { (b, a) };
        let lines = self.border_lines(a, b);
        let mid = middle_vertex(lines.iter().flatten())?;
        let (na, nb) = (self.country(a)?, self.country(b)?);
        Some(Zone {
            id: format!(
                "border:{}-{}",
                code_str(&a).to_ascii_lowercase(),
                code_str(&b).to_ascii_lowercase()
            ),
            name: format!("the {}–{} border", na.name, nb.name),
            kind: ZoneKind::Border,
            countries: vec![a, b],
            borders: vec![(a, b)],
            lat: f64::from(mid.1),
            lon: f64::from(mid.0),
        })
    }

    /// A country's land borders on one side: the neighbours whose middle
    /// lies in that direction from the country's middle (within 67.5° of
    /// it), e.g. Afghanistan's north → Tajikistan, Uzbekistan, Turkmenistan.
    pub fn border_side_zone(&self, a: CountryCode, side: Side) -> Option<Zone> {
        let ca = self.country(a)?;
        let ea = self.entry(ca.entry);
        let mut pairs = Vec::new();
        let mut countries = vec![a];
        for &n in &ca.neighbours {
            let Some(cn) = self.country(n) else { continue };
            if self.border_lines(a, n).is_empty() {
                continue;
            }
            let en = self.entry(cn.entry);
            let b = bearing_deg(
                f64::from(ea.lat),
                f64::from(ea.lon),
                f64::from(en.lat),
                f64::from(en.lon),
            );
            let diff = ((b - side.bearing() + 540.0) % 360.0 - 180.0).abs();
            if diff <= 67.5 {
                pairs.push(if a <= n { (a, n) } else { (n, a) });
                countries.push(n);
            }
        }
        if pairs.is_empty() {
            return None;
        }
        let mid = middle_vertex(
            pairs
                .iter()
                .flat_map(|&(x, y)| self.border_lines(x, y).iter().flatten()),
        )?;
        Some(Zone {
            id: format!(
                "border:{}-{}",
                code_str(&a).to_ascii_lowercase(),
                side.word()
            ),
            name: format!("{}'s {} border", ca.name, side.adjective()),
            kind: ZoneKind::Border,
            countries,
            borders: pairs,
            lat: f64::from(mid.1),
            lon: f64::from(mid.0),
        })
    }

    /// A named region or continent zone by its name ("Central Asia", "the
    /// Sahel").
    pub fn region(&self, name: &str) -> Option<&Zone> {
        self.lookup(name).into_iter().find_map(|c| {
            let e = self.entry(c.entry);
            e.zone.map(|z| &self.zones[z as usize])
        })
    }
}

/// A side of a country, for "northern border" phrases.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Side {
    /// North.
    North,
    /// North-east.
    NorthEast,
    /// East.
    East,
    /// South-east.
    SouthEast,
    /// South.
    South,
    /// South-west.
    SouthWest,
    /// West.
    West,
    /// North-west.
    NorthWest,
}

impl Side {
    const ALL: [Side; 8] = [
        Side::North,
        Side::NorthEast,
        Side::East,
        Side::SouthEast,
        Side::South,
        Side::SouthWest,
        Side::West,
        Side::NorthWest,
    ];

    fn bearing(self) -> f64 {
        45.0 * Side::ALL.iter().position(|&s| s == self).unwrap_or(0) as f64
    }

    /// The id word (`north`, `northeast`).
    pub fn word(self) -> &'static str {
        [
            "north",
            "northeast",
            "east",
            "southeast",
            "south",
            "southwest",
            "west",
            "northwest",
        ][Side::ALL.iter().position(|&s| s == self).unwrap_or(0)]
    }

    fn adjective(self) -> &'static str {
        [
            "northern",
            "north-eastern",
            "eastern",
            "south-eastern",
            "southern",
            "south-western",
            "western",
            "north-western",
        ][Side::ALL.iter().position(|&s| s == self).unwrap_or(0)]
    }

    /// Parses `north`, `northern`, `north-eastern`, `northeast`, … (any case).
    pub fn parse(s: &str) -> Option<Side> {
        let s: String = s
            .chars()
            .filter(|c| c.is_alphabetic())
            .collect::<String>()
            .to_lowercase();
        let s = s.strip_suffix("ern").unwrap_or(&s);
        Side::ALL.iter().copied().find(|side| side.word() == s)
    }
}

fn bearing_deg(lat1: f64, lon1: f64, lat2: f64, lon2: f64) -> f64 {
    let (p1, p2) = (lat1.to_radians(), lat2.to_radians());
    let dl = (lon2 - lon1).to_radians();
    let y = dl.sin() * p2.cos();
    let x = p1.cos() * p2.sin() - p1.sin() * p2.cos() * dl.cos();
    (y.atan2(x).to_degrees() + 360.0) % 360.0
}

/// The vertex nearest the mean of a set of vertices: a point on the line.
fn middle_vertex<'a>(pts: impl Iterator<Item = &'a (f32, f32)> + Clone) -> Option<(f32, f32)> {
    let (mut sx, mut sy, mut n) = (0.0f64, 0.0f64, 0usize);
    for &(x, y) in pts.clone() {
        sx += f64::from(x);
        sy += f64::from(y);
        n += 1;
    }
    if n == 0 {
        return None;
    }
    let (mx, my) = (sx / n as f64, sy / n as f64);
    pts.min_by(|a, b| {
        let da = (f64::from(a.0) - mx).powi(2) + (f64::from(a.1) - my).powi(2);
        let db = (f64::from(b.0) - mx).powi(2) + (f64::from(b.1) - my).powi(2);
        da.total_cmp(&db)
    })
    .copied()
}
