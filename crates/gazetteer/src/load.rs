//! Reading the committed files of `data/gazetteer/` (embedded at build time)
//! into the in-memory structures of [`Gazetteer`].
//!
//! The places table comes as `build.rs` prepared it: its lines without the
//! alternate names, and the index of their folded names already hashed and
//! sorted, so start-up neither inflates nor folds it.
//!
//! The name index is a sorted vector of `(xxh3 of the folded name, entry)`
//! pairs rather than a map of strings: one allocation for ~1.1 M names,
//! built in one pass and one sort, and looked up by binary search. Two
//! different names with the same 64-bit hash would share candidates; with
//! ~10⁶ keys the chance of any such collision is ~10⁻⁷.

use std::collections::HashMap;
use std::io::Read;

use crate::normalise::{fold, fold_into};
use crate::{
    ALT, BorderMap, Country, CountryCode, Entry, EntryKind, Gazetteer, Zone, ZoneKind, hash_key,
    parse_code,
};

/// `places.tsv.gz` less its header and alternate names (see `build.rs`).
static PLACES: &str = include_str!(concat!(env!("OUT_DIR"), "/places_core.tsv"));
/// [`PLACES`]' lines parsed, a fixed-size record each (see `build.rs`).
static PLACE_RECORDS: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/places_core.bin"));
/// Bytes of a record of [`PLACE_RECORDS`].
const RECORD: usize = 1 + 2 + 4 + 4 + 4 + 8 + 3 * (4 + 2);
/// The sorted name index of [`PLACES`]' lines (see `build.rs`).
static PLACE_NAMES: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/place_names.bin"));
const COUNTRIES: &str = include_str!("../../../data/gazetteer/countries.tsv");
const BORDERS: &[u8] = include_bytes!("../../../data/gazetteer/borders.tsv.gz");
const COUNTRY_NAMES: &str = include_str!("../../../data/gazetteer/country_names.tsv");
const REGIONS: &str = include_str!("../../../data/gazetteer/regions.tsv");
const FEATURES: &str = include_str!("../../../data/gazetteer/features.tsv");
const GEONAMES_FEATURES: &str = include_str!("../../../data/gazetteer/geonames_features.tsv");
const PHYSICAL_FEATURES: &str = include_str!("../../../data/gazetteer/physical_features.tsv");
const COMMON_WORDS: &str = include_str!("../../../data/gazetteer/common_words.tsv");
const ADJECTIVES: &str = include_str!("../../../data/gazetteer/adjectives.tsv");
const ABBREVIATIONS: &str = include_str!("../../../data/gazetteer/admin_abbreviations.tsv");

/// The embedded data is not what the loader expects (a build defect: the
/// files in `data/gazetteer/` and this loader disagree).
#[derive(Debug, thiserror::Error)]
pub enum GazetteerError {
    /// A compressed file does not inflate.
    #[error("cannot inflate {file}: {detail}")]
    Inflate {
        /// Which file.
        file: &'static str,
        /// Why.
        detail: String,
    },
    /// A line has the wrong shape.
    #[error("{file}:{line}: {detail}")]
    Line {
        /// Which file.
        file: &'static str,
        /// 1-based line number.
        line: usize,
        /// What is wrong.
        detail: String,
    },
}

fn inflate(file: &'static str, bytes: &[u8]) -> Result<String, GazetteerError> {
    let mut s = String::with_capacity(bytes.len() * 3);
    flate2::read::GzDecoder::new(bytes)
        .read_to_string(&mut s)
        .map_err(|e| GazetteerError::Inflate {
            file,
            detail: e.to_string(),
        })?;
    Ok(s)
}

fn bad(file: &'static str, line: usize, detail: impl Into<String>) -> GazetteerError {
    GazetteerError::Line {
        file,
        line: line + 1,
        detail: detail.into(),
    }
}

struct Builder {
    entries: Vec<Entry>,
    names: Vec<(u64, u32)>,
    key: String,
}

impl Builder {
    fn name(&mut self, name: &str, entry: u32, primary: bool) {
        fold_into(name, &mut self.key);
        if self.key.is_empty() {
            return;
        }
        let flag = if primary { 0 } else { ALT };
        self.names.push((hash_key(&self.key), entry | flag));
    }
}

/// A place's fields from its record of [`PLACE_RECORDS`] (`build.rs` writes
/// them), as an entry not yet numbered (no zone); `None` when the record
/// points outside [`PLACES`].
fn place_record(r: &[u8]) -> Option<Entry> {
    let u32_at = |i: usize| u32::from_le_bytes([r[i], r[i + 1], r[i + 2], r[i + 3]]);
    let kind = match r[0] {
        0 => EntryKind::Place,
        1 => EntryKind::Admin1,
        2 => EntryKind::Admin2,
        _ => EntryKind::Region,
    };
    let mut population = [0u8; 8];
    population.copy_from_slice(&r[15..23]);
    let text = |i: usize| -> Option<&'static str> {
        let start = u32_at(i) as usize;
        let len = usize::from(u16::from_le_bytes([r[i + 4], r[i + 5]]));
        PLACES.get(start..start + len)
    };
    Some(Entry {
        kind,
        geonames_id: Some(u64::from(u32_at(3))).filter(|&g| g != 0),
        name: text(23)?,
        lat: f32::from_bits(u32_at(7)),
        lon: f32::from_bits(u32_at(11)),
        country: (r[1] != 0).then_some([r[1], r[2]]),
        admin1: text(29)?,
        admin2: text(35)?,
        population: u64::from_le_bytes(population),
        zone: None,
    })
}

/// The tables read so far, beside the builder's entries and names.
struct Tables {
    b: Builder,
    demonyms: Vec<(u64, u32)>,
    countries: Vec<Country>,
    country_ix: HashMap<CountryCode, u32>,
    zones: Vec<Zone>,
    admin1_ix: HashMap<(CountryCode, Box<str>), u32>,
}

pub(crate) fn load_embedded() -> Result<Gazetteer, GazetteerError> {
    let borders_text = inflate("borders.tsv.gz", BORDERS)?;
    let mut t = Tables {
        b: Builder {
            // the places' lines and names, and room for the other tables' few
            entries: Vec::with_capacity(PLACE_RECORDS.len() / RECORD + 2_000),
            names: Vec::with_capacity(PLACE_NAMES.len() / 12 + 20_000),
            key: String::new(),
        },
        demonyms: Vec::new(),
        countries: Vec::new(),
        country_ix: HashMap::new(),
        zones: Vec::new(),
        admin1_ix: HashMap::new(),
    };
    // countries first: their entries, names and demonyms
    let package_demonyms = read_countries(&mut t)?;
    read_country_names(&mut t, package_demonyms)?;
    // named regions, then places, admin areas and continents, then features
    read_regions(&mut t)?;
    read_places(&mut t)?;
    read_features(&mut t)?;
    read_geonames_features(&mut t)?;
    read_physical_features(&mut t)?;
    // one candidate per (name, entry): the primary match if there is one.
    // A stable sort: the places' names are one long sorted run, which it
    // merges with the few others rather than sorting again.
    t.b.names.sort_by_key(|&(h, e)| (h, e & !ALT, e & ALT));
    t.b.names.dedup_by_key(|&mut (h, e)| (h, e & !ALT));

    read_adjectives(&mut t);
    let abbreviations = read_abbreviations(&mut t);
    let borders = read_borders(&borders_text)?;
    let Tables {
        b,
        demonyms,
        countries,
        country_ix,
        zones,
        admin1_ix,
    } = t;
    let zone_ix = zones
        .iter()
        .enumerate()
        .map(|(i, z)| (z.id.clone(), i as u32))
        .collect();
    Ok(Gazetteer {
        entries: b.entries,
        name_buckets: crate::buckets(&b.names),
        names: b.names,
        common_words: common_words(),
        demonyms,
        abbreviations,
        countries,
        country_ix,
        admin1_ix,
        borders,
        zones,
        zone_ix,
    })
}

/// The folded common words of caseless scripts (`common_words.tsv`:
/// `lang`, `word`, `count`, `source`), hashed.
fn common_words() -> std::collections::HashSet<u64> {
    let mut key = String::new();
    COMMON_WORDS
        .lines()
        .skip(1)
        .filter_map(|l| l.split('\t').nth(1))
        .map(|w| {
            crate::normalise::fold_into(w, &mut key);
            crate::normalise::hash_key(&key)
        })
        .collect()
}

/// The countries (`countries.tsv`): their entries and names; returns
/// countryinfo's demonyms, used where our own table has none.
fn read_countries(t: &mut Tables) -> Result<Vec<(u64, u32)>, GazetteerError> {
    let Tables {
        b,
        countries,
        country_ix,
        ..
    } = t;
    // countryinfo's demonyms: used where our own table has none
    let mut package_demonyms: Vec<(u64, u32)> = Vec::new();
    let f = "countries.tsv";
    for (n, line) in COUNTRIES.lines().enumerate().skip(1) {
        let c: Vec<&str> = line.split('\t').collect();
        if c.len() < 13 {
            return Err(bad(f, n, "expected 13 columns"));
        }
        let iso2 = parse_code(c[0]).ok_or_else(|| bad(f, n, "bad ISO code"))?;
        let lat: f32 = c[5].parse().map_err(|_| bad(f, n, "bad lat"))?;
        let lon: f32 = c[6].parse().map_err(|_| bad(f, n, "bad lon"))?;
        let entry = b.entries.len() as u32;
        b.entries.push(Entry {
            kind: EntryKind::Country,
            geonames_id: c[3].parse().ok(),
            name: c[4],
            lat,
            lon,
            country: Some(iso2),
            admin1: "",
            admin2: "",
            population: c[8].parse().unwrap_or(0),
            zone: None,
        });
        b.name(c[4], entry, true);
        for alias in c[12].split('|').filter(|s| !s.is_empty()) {
            b.name(alias, entry, false);
        }
        if let Some(d) = c.get(13).filter(|d| !d.is_empty()) {
            fold_into(d, &mut b.key);
            package_demonyms.push((hash_key(&b.key), entry));
        }
        let bbox: Vec<f32> = c[11].split(',').filter_map(|v| v.parse().ok()).collect();
        country_ix.insert(iso2, countries.len() as u32);
        countries.push(Country {
            iso2,
            iso3: c[1].into(),
            name: c[4].into(),
            entry,
            capital: c[7].into(),
            neighbours: c[10].split(',').filter_map(parse_code).collect(),
            continent: c[9].into(),
            bbox: (bbox.len() == 4).then(|| [bbox[0], bbox[1], bbox[2], bbox[3]]),
        });
    }
    Ok(package_demonyms)
}

/// Our own short names and demonyms of countries (`country_names.tsv`),
/// then countryinfo's where ours have none.
fn read_country_names(
    t: &mut Tables,
    mut package_demonyms: Vec<(u64, u32)>,
) -> Result<(), GazetteerError> {
    let Tables {
        b,
        demonyms,
        countries,
        country_ix,
        ..
    } = t;
    let f = "country_names.tsv";
    for (n, line) in COUNTRY_NAMES.lines().enumerate() {
        if line.starts_with('#') || line.trim().is_empty() {
            continue;
        }
        let c: Vec<&str> = line.split('\t').collect();
        let code = parse_code(c[0]).ok_or_else(|| bad(f, n, "bad ISO code"))?;
        let Some(&ci) = country_ix.get(&code) else {
            continue;
        };
        let entry = countries[ci as usize].entry;
        for alias in c
            .get(1)
            .copied()
            .unwrap_or("")
            .split('|')
            .filter(|s| !s.is_empty())
        {
            b.name(alias, entry, true);
        }
        for d in c
            .get(2)
            .copied()
            .unwrap_or("")
            .split('|')
            .filter(|s| !s.is_empty())
        {
            fold_into(d, &mut b.key);
            demonyms.push((hash_key(&b.key), ci));
        }
    }
    demonyms.sort_unstable();
    demonyms.dedup_by_key(|d| d.0);

    // a package demonym shared by several countries ("American") goes to
    // the most populous; ours win over the package's
    let ours: std::collections::HashSet<u64> = demonyms.iter().map(|d| d.0).collect();
    package_demonyms
        .sort_by_key(|&(h, e)| (h, std::cmp::Reverse(b.entries[e as usize].population)));
    package_demonyms.dedup_by_key(|d| d.0);
    demonyms.extend(
        package_demonyms
            .into_iter()
            .filter(|d| !ours.contains(&d.0)),
    );
    Ok(())
}

/// Named regions (ours, `regions.tsv`): entries and zones.
fn read_regions(t: &mut Tables) -> Result<(), GazetteerError> {
    let Tables {
        b,
        countries,
        country_ix,
        zones,
        ..
    } = t;
    let f = "regions.tsv";
    for (n, line) in REGIONS.lines().enumerate() {
        if line.starts_with('#') || line.trim().is_empty() {
            continue;
        }
        let c: Vec<&str> = line.split('\t').collect();
        if c.len() < 6 {
            return Err(bad(f, n, "expected 6 columns"));
        }
        let lat: f64 = c[4].parse().map_err(|_| bad(f, n, "bad lat"))?;
        let lon: f64 = c[5].parse().map_err(|_| bad(f, n, "bad lon"))?;
        let members: Vec<CountryCode> = c[3].split(',').filter_map(parse_code).collect();
        let population = members
            .iter()
            .filter_map(|m| country_ix.get(m))
            .map(|&i| b.entries[countries[i as usize].entry as usize].population)
            .sum::<u64>();
        let entry = b.entries.len() as u32;
        b.entries.push(Entry {
            kind: EntryKind::Region,
            geonames_id: None,
            name: c[1],
            lat: lat as f32,
            lon: lon as f32,
            country: (members.len() == 1).then(|| members[0]),
            admin1: "",
            admin2: "",
            population,
            zone: Some(zones.len() as u32),
        });
        b.name(c[1], entry, true);
        for alias in c[2].split('|').filter(|s| !s.is_empty()) {
            b.name(alias, entry, true);
        }
        zones.push(Zone {
            id: format!("region:{}", c[0]),
            name: c[1].to_string(),
            kind: ZoneKind::Region,
            countries: members,
            borders: Vec::new(),
            lat,
            lon,
        });
    }
    Ok(())
}

/// Places, admin areas and continents (the places table, parsed at build
/// time), and their names.
fn read_places(t: &mut Tables) -> Result<(), GazetteerError> {
    let Tables {
        b,
        countries,
        zones,
        admin1_ix,
        ..
    } = t;
    let f = "places.tsv.gz";
    let first_place = b.entries.len() as u32;
    if !PLACE_RECORDS.len().is_multiple_of(RECORD) {
        return Err(bad(f, 0, "the parsed table is cut short"));
    }
    for (n, r) in PLACE_RECORDS.chunks_exact(RECORD).enumerate() {
        // `bad` numbers lines from 1; the header was line 1
        let n = n + 2;
        let mut e = place_record(r).ok_or_else(|| bad(f, n, "a record out of the table"))?;
        let (kind, name, lat, lon, country, admin1) =
            (e.kind, e.name, e.lat, e.lon, e.country, e.admin1);
        let entry = b.entries.len() as u32;
        let mut zone = None;
        if kind == EntryKind::Region {
            let continent = match name {
                "Africa" => "AF",
                "Asia" => "AS",
                "Europe" => "EU",
                "North America" => "NA",
                "South America" => "SA",
                "Oceania" => "OC",
                _ => "AN",
            };
            zone = Some(zones.len() as u32);
            zones.push(Zone {
                id: format!("region:{}", name.to_ascii_lowercase().replace(' ', "-")),
                name: name.to_string(),
                kind: ZoneKind::Region,
                countries: countries
                    .iter()
                    .filter(|c| &*c.continent == continent)
                    .map(|c| c.iso2)
                    .collect(),
                borders: Vec::new(),
                lat: f64::from(lat),
                lon: f64::from(lon),
            });
        }
        if kind == EntryKind::Admin1
            && let Some(cc) = country
        {
            admin1_ix.insert((cc, Box::<str>::from(admin1)), entry);
        }
        e.zone = zone;
        b.entries.push(e);
    }
    // their names, sorted by build.rs: line i is entry first_place + i
    b.names.extend(PLACE_NAMES.chunks_exact(12).map(|c| {
        let mut h = [0; 8];
        h.copy_from_slice(&c[..8]);
        let mut e = [0; 4];
        e.copy_from_slice(&c[8..]);
        let e = u32::from_le_bytes(e);
        (
            u64::from_le_bytes(h),
            (first_place + (e & !ALT)) | (e & ALT),
        )
    }));
    Ok(())
}

/// Physical features (ours, `features.tsv`), their names and adjectives.
fn read_features(t: &mut Tables) -> Result<(), GazetteerError> {
    let Tables { b, demonyms, .. } = t;
    let f = "features.tsv";
    for (n, line) in FEATURES.lines().enumerate() {
        if line.starts_with('#') || line.trim().is_empty() {
            continue;
        }
        let c: Vec<&str> = line.split('\t').collect();
        if c.len() < 5 {
            return Err(bad(f, n, "expected 5 columns"));
        }
        let lat: f32 = c[3].parse().map_err(|_| bad(f, n, "bad lat"))?;
        let lon: f32 = c[4].parse().map_err(|_| bad(f, n, "bad lon"))?;
        let entry = b.entries.len() as u32;
        b.entries.push(feature(c[0], lat, lon));
        b.name(c[0], entry, true);
        for alias in c[1].split('|').filter(|s| !s.is_empty()) {
            b.name(alias, entry, true);
        }
        for adj in c[2].split('|').filter(|s| !s.is_empty()) {
            fold_into(adj, &mut b.key);
            demonyms.push((hash_key(&b.key), entry));
        }
    }
    Ok(())
}

/// A physical feature or region outside any country, at a point.
fn feature(name: &'static str, lat: f32, lon: f32) -> Entry {
    Entry {
        kind: EntryKind::Feature,
        geonames_id: None,
        name,
        lat,
        lon,
        country: None,
        admin1: "",
        admin2: "",
        population: 0,
        zone: None,
    }
}

/// GeoNames' features outside any country (`geonames_features.tsv`: oceans,
/// seas, gulfs, straits, regions, ranges, deserts, island groups). A region
/// or feature of ours of the same name (a leading "the" aside) takes
/// GeoNames' id and point: Beacon gives GeoNames' point where GeoNames has
/// one. The others are features of their own.
fn read_geonames_features(t: &mut Tables) -> Result<(), GazetteerError> {
    let b = &mut t.b;
    let key = |name: &str| fold(name.strip_prefix("the ").unwrap_or(name));
    let ours: HashMap<String, u32> = b
        .entries
        .iter()
        .enumerate()
        .filter(|(_, e)| matches!(e.kind, EntryKind::Region | EntryKind::Feature))
        .map(|(i, e)| (key(e.name), i as u32))
        .collect();
    let f = "geonames_features.tsv";
    for (n, line) in GEONAMES_FEATURES.lines().enumerate().skip(1) {
        let c: Vec<&str> = line.split('\t').collect();
        if c.len() < 6 {
            return Err(bad(f, n, "expected 6 columns"));
        }
        let id: u64 = c[0].parse().map_err(|_| bad(f, n, "bad geonameid"))?;
        let lat: f32 = c[3].parse().map_err(|_| bad(f, n, "bad lat"))?;
        let lon: f32 = c[4].parse().map_err(|_| bad(f, n, "bad lon"))?;
        let entry = match ours.get(&key(c[2])) {
            Some(&e) => e,
            None => {
                let e = b.entries.len() as u32;
                b.entries.push(feature(c[2], lat, lon));
                b.name(c[2], e, true);
                e
            }
        };
        let e = &mut b.entries[entry as usize];
        (e.geonames_id, e.lat, e.lon) = (Some(id), lat, lon);
        for alias in c[5].split('|').filter(|s| !s.is_empty()) {
            b.name(alias, entry, false);
        }
    }
    Ok(())
}

/// Natural Earth's lakes, rivers, islands, ranges, valleys, seas and gulfs
/// inside countries (`physical_features.tsv`, built with only the names the
/// gazetteer has for nothing else), at Natural Earth's point.
fn read_physical_features(t: &mut Tables) -> Result<(), GazetteerError> {
    let b = &mut t.b;
    let f = "physical_features.tsv";
    for (n, line) in PHYSICAL_FEATURES.lines().enumerate().skip(1) {
        let c: Vec<&str> = line.split('\t').collect();
        if c.len() < 5 {
            return Err(bad(f, n, "expected 5 columns"));
        }
        let lat: f32 = c[2].parse().map_err(|_| bad(f, n, "bad lat"))?;
        let lon: f32 = c[3].parse().map_err(|_| bad(f, n, "bad lon"))?;
        let entry = b.entries.len() as u32;
        b.entries.push(feature(c[0], lat, lon));
        b.name(c[0], entry, true);
        for alias in c[1].split('|').filter(|s| !s.is_empty()) {
            b.name(alias, entry, true);
        }
    }
    Ok(())
}

/// Adjectives of regions and continents (ours): to the region entry (the
/// names sorted first).
fn read_adjectives(t: &mut Tables) {
    let Tables { b, demonyms, .. } = t;
    let find_entry = |names: &[(u64, u32)], entries: &[Entry], key: &str| -> Option<u32> {
        let h = hash_key(key);
        let i = names.partition_point(|&(k, _)| k < h);
        names[i..]
            .iter()
            .take_while(|&&(k, _)| k == h)
            .map(|&(_, e)| e & !ALT)
            .find(|&e| {
                matches!(
                    entries[e as usize].kind,
                    EntryKind::Region | EntryKind::Feature
                )
            })
    };
    let mut key = String::new();
    for line in ADJECTIVES.lines() {
        if line.starts_with('#') || line.trim().is_empty() {
            continue;
        }
        let Some((adj, target)) = line.split_once('\t') else {
            continue;
        };
        fold_into(target, &mut key);
        if let Some(e) = find_entry(&b.names, &b.entries, &key) {
            fold_into(adj, &mut key);
            demonyms.push((hash_key(&key), e));
        }
    }
    demonyms.sort_unstable();
    demonyms.dedup_by_key(|d| d.0);
}

/// Admin1 abbreviations (ours), sorted.
fn read_abbreviations(t: &mut Tables) -> Vec<(u64, u32)> {
    let Tables { b, admin1_ix, .. } = t;
    let mut key = String::new();
    let mut abbreviations = Vec::new();
    for line in ABBREVIATIONS.lines() {
        if line.starts_with('#') || line.trim().is_empty() {
            continue;
        }
        let c: Vec<&str> = line.split('\t').collect();
        let (Some(cc), Some(name), Some(abbrs)) =
            (c.first().and_then(|x| parse_code(x)), c.get(1), c.get(2))
        else {
            continue;
        };
        let Some(&e) = admin1_ix
            .iter()
            .find(|(key, e)| key.0 == cc && *b.entries[**e as usize].name == **name)
            .map(|(_, e)| e)
        else {
            continue;
        };
        for a in abbrs.split('|') {
            fold_into(a, &mut key);
            if !key.is_empty() {
                abbreviations.push((hash_key(&key), e));
            }
        }
    }
    abbreviations.sort_unstable();
    abbreviations
}

/// Land borders (`borders.tsv.gz`, inflated: `text`).
fn read_borders(text: &str) -> Result<BorderMap, GazetteerError> {
    let mut borders = BorderMap::new();
    let f = "borders.tsv.gz";
    for (n, line) in text.lines().enumerate().skip(1) {
        let c: Vec<&str> = line.split('\t').collect();
        if c.len() != 3 {
            return Err(bad(f, n, "expected 3 columns"));
        }
        let (Some(a), Some(z)) = (parse_code(c[0]), parse_code(c[1])) else {
            return Err(bad(f, n, "bad ISO code"));
        };
        let key = if a <= z { (a, z) } else { (z, a) };
        let lines = borders.entry(key).or_default();
        for part in c[2].split('|') {
            let mut pts = Vec::new();
            for p in part.split(';') {
                let (x, y) = p.split_once(',').ok_or_else(|| bad(f, n, "bad vertex"))?;
                let x: f32 = x.parse().map_err(|_| bad(f, n, "bad lon"))?;
                let y: f32 = y.parse().map_err(|_| bad(f, n, "bad lat"))?;
                pts.push((x, y));
            }
            lines.push(pts);
        }
    }
    Ok(borders)
}

#[cfg(test)]
mod tests {
    use crate::{ALT, Gazetteer, fold};

    /// `build.rs` folded and hashed the places' names. Every entry's own name,
    /// folded now by the crate, must find that entry as a primary name, and
    /// every indexed name must point at an entry that exists.
    #[test]
    fn the_build_time_index_agrees_with_folding_now() {
        let g = &Gazetteer::load().expect("the embedded gazetteer");
        assert!(g.len() > 200_000, "{} entries", g.len());
        for (ix, e) in g.entries.iter().enumerate() {
            if fold(e.name).is_empty() {
                continue;
            }
            let found = g.lookup(e.name);
            assert!(
                found.iter().any(|c| c.entry == ix as u32 && c.primary),
                "entry {ix} ({}) is not found by its own name",
                e.name
            );
        }
        assert!(
            g.names.windows(2).all(|w| w[0].0 <= w[1].0),
            "names unsorted"
        );
        assert!(
            g.names
                .iter()
                .all(|&(_, e)| ((e & !ALT) as usize) < g.entries.len())
        );
        // an alternate name only in the table's last column: "Mazar-e Sharif"
        assert!(!g.lookup("Mazari Sharif").is_empty() || !g.lookup("Mazar-i-Sharif").is_empty());
    }
}
