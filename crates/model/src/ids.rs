//! The identifiers users type, each with one grammar: a country's code, a
//! zone's id, a date bound, a watchlist's slug. The CLI, the API, the store
//! and the watch stage parse them here and nowhere else.

use std::fmt;
use std::str::FromStr;

/// Why a value typed by a user is not what it should be.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BadValue(pub String);

impl fmt::Display for BadValue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for BadValue {}

/// An ISO 3166-1 alpha-2 code's shape: two ASCII letters, kept upper-case
/// (`af` and `AF` are one). Whether such a country exists is the
/// gazetteer's to say.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct CountryCode([u8; 2]);

impl CountryCode {
    /// The two upper-case letters.
    pub fn bytes(self) -> [u8; 2] {
        self.0
    }

    /// The code as text (`"AF"`).
    pub fn as_str(&self) -> &str {
        // two ASCII letters, checked when made
        std::str::from_utf8(&self.0).unwrap_or("??")
    }
}

impl FromStr for CountryCode {
    type Err = BadValue;
    fn from_str(s: &str) -> Result<Self, BadValue> {
        match s.trim().as_bytes() {
            [a, b] if a.is_ascii_alphabetic() && b.is_ascii_alphabetic() => Ok(CountryCode([
                a.to_ascii_uppercase(),
                b.to_ascii_uppercase(),
            ])),
            _ => Err(BadValue(format!(
                "{s:?} is not a country code (two letters, ISO 3166-1: AF, TJ)"
            ))),
        }
    }
}

impl fmt::Display for CountryCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A zone's id: where a watchlist, a filter or the timeline looks.
///
/// | written | meaning |
/// | --- | --- |
/// | `country:AF` | a country |
/// | `admin1:AF:Kunduz` | a country's first-level division |
/// | `border:af-north`, `border:af-tj` | a border zone of the gazetteer (one side of a country, or a pair's border) |
/// | `region:central-asia` | a named region of the gazetteer |
/// | `custom:NAME` | a polygon a user uploaded |
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum ZoneId {
    /// `country:CC`.
    Country(CountryCode),
    /// `admin1:CC:Name`.
    Admin1 {
        /// Its country.
        country: CountryCode,
        /// Its name, as the gazetteer has it.
        name: String,
    },
    /// `border:…`: the part after the colon.
    Border(String),
    /// `region:…`: the part after the colon.
    Region(String),
    /// `custom:…`: the uploaded zone's own id.
    Custom(String),
}

/// The longest zone id accepted.
pub const MAX_ZONE_ID: usize = 200;

/// Whether `s` is a slug part of a gazetteer or uploaded zone id: ASCII
/// letters, digits, `-`, `_` and `.`.
fn slug_part(s: &str) -> bool {
    !s.is_empty()
        && s.chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'))
}

impl ZoneId {
    /// Whether `text` is this id as written (a stored event's zone), with
    /// no allocation.
    pub fn is(&self, text: &str) -> bool {
        let Some((kind, rest)) = text.split_once(':') else {
            return false;
        };
        match self {
            ZoneId::Country(c) => kind == "country" && rest.eq_ignore_ascii_case(c.as_str()),
            ZoneId::Admin1 { country, name } => {
                kind == "admin1"
                    && rest.split_once(':').is_some_and(|(cc, n)| {
                        cc.eq_ignore_ascii_case(country.as_str()) && n == name
                    })
            }
            ZoneId::Border(s) => kind == "border" && rest == s,
            ZoneId::Region(s) => kind == "region" && rest == s,
            ZoneId::Custom(s) => kind == "custom" && rest == s,
        }
    }

    /// For a border zone of one side of a country (`border:af-north`),
    /// `true`; for a pair's border (`border:af-tj`) or another zone,
    /// `false`.
    pub fn is_side_of_country(&self) -> bool {
        match self {
            ZoneId::Border(rest) => rest
                .split_once('-')
                .is_some_and(|(_, b)| b.parse::<CountryCode>().is_err()),
            _ => false,
        }
    }
}

impl FromStr for ZoneId {
    type Err = BadValue;
    fn from_str(s: &str) -> Result<Self, BadValue> {
        let bad = || {
            BadValue(format!(
                "{s:?} is not a zone id (country:AF, admin1:AF:Kunduz, border:af-north, \
                 region:central-asia, custom:NAME)"
            ))
        };
        let s = s.trim();
        if s.len() > MAX_ZONE_ID || s.chars().any(char::is_control) {
            return Err(bad());
        }
        let (kind, rest) = s.split_once(':').ok_or_else(bad)?;
        match kind {
            "country" => rest.parse().map(ZoneId::Country).map_err(|_| bad()),
            "admin1" => {
                let (cc, name) = rest.split_once(':').ok_or_else(bad)?;
                let country = cc.parse().map_err(|_| bad())?;
                let name = name.trim();
                if name.is_empty() || name.contains(':') {
                    return Err(bad());
                }
                Ok(ZoneId::Admin1 {
                    country,
                    name: name.to_owned(),
                })
            }
            "border" if slug_part(rest) => Ok(ZoneId::Border(rest.to_owned())),
            "region" if slug_part(rest) => Ok(ZoneId::Region(rest.to_owned())),
            "custom" if slug_part(rest) => Ok(ZoneId::Custom(rest.to_owned())),
            _ => Err(bad()),
        }
    }
}

impl fmt::Display for ZoneId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ZoneId::Country(c) => write!(f, "country:{c}"),
            ZoneId::Admin1 { country, name } => write!(f, "admin1:{country}:{name}"),
            ZoneId::Border(s) => write!(f, "border:{s}"),
            ZoneId::Region(s) => write!(f, "region:{s}"),
            ZoneId::Custom(s) => write!(f, "custom:{s}"),
        }
    }
}

/// A date or date prefix a filter bounds events by: `YYYY-MM-DD`,
/// `YYYY-MM` or `YYYY`. Compared as text with event dates, which are
/// written the same way.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct DateBound(String);

impl DateBound {
    /// The date as written.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl FromStr for DateBound {
    type Err = BadValue;
    fn from_str(d: &str) -> Result<Self, BadValue> {
        let d = d.trim();
        let shape = matches!(d.len(), 4 | 7 | 10)
            && d.char_indices().all(|(i, c)| {
                if i == 4 || i == 7 {
                    c == '-'
                } else {
                    c.is_ascii_digit()
                }
            });
        let part = |r: std::ops::Range<usize>| d.get(r).and_then(|p| p.parse::<u32>().ok());
        if shape
            && part(5..7).is_none_or(|m| (1..=12).contains(&m))
            && part(8..10).is_none_or(|day| (1..=31).contains(&day))
        {
            Ok(DateBound(d.to_owned()))
        } else {
            Err(BadValue(format!(
                "{d:?} is not a date (YYYY-MM-DD, YYYY-MM or YYYY)"
            )))
        }
    }
}

impl fmt::Display for DateBound {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// A watchlist's id made from its name: `wl-` and its words, lower-cased,
/// joined by `-` ("Afghanistan's north" → `wl-afghanistan-s-north`).
pub fn watchlist_slug(name: &str) -> String {
    slug("wl", name)
}

/// `prefix-` and the words of `name`, lower-cased, joined by `-`: the ids
/// made from names (watchlists, sources).
pub(crate) fn slug(prefix: &str, name: &str) -> String {
    let words: Vec<String> = name
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect();
    format!("{prefix}-{}", words.join("-"))
}

/// Serde as text, through `FromStr` and `Display`, for the types above.
macro_rules! serde_as_text {
    ($($t:ty),*) => {$(
        impl serde::Serialize for $t {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.collect_str(self)
            }
        }
        impl<'de> serde::Deserialize<'de> for $t {
            fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                let text = <std::borrow::Cow<'de, str> as serde::Deserialize>::deserialize(d)?;
                text.parse().map_err(serde::de::Error::custom)
            }
        }
    )*};
}

serde_as_text!(CountryCode, ZoneId, DateBound);
pub(crate) use serde_as_text;

/// For an enum of words with `ALL` and `as_str` (its JSON spelling): read
/// in any case (`FromStr`, and serde through it), written as `as_str`
/// (`Display`, and serde through it).
macro_rules! named_words {
    ($t:ident, $what:literal) => {
        impl std::str::FromStr for $t {
            type Err = $crate::ids::BadValue;
            fn from_str(s: &str) -> Result<Self, $crate::ids::BadValue> {
                $t::ALL
                    .into_iter()
                    .find(|x| x.as_str().eq_ignore_ascii_case(s.trim()))
                    .ok_or_else(|| {
                        $crate::ids::BadValue(format!(
                            "{s:?} is not {} ({})",
                            $what,
                            $t::ALL.map($t::as_str).join(", ")
                        ))
                    })
            }
        }

        impl std::fmt::Display for $t {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        $crate::ids::serde_as_text!($t);
    };
}

pub(crate) use named_words;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn zone_ids_read_and_write_one_way() {
        for id in [
            "country:AF",
            "admin1:AF:Kunduz",
            "admin1:TJ:Gorno-Badakhshan",
            "border:af-north",
            "border:af-tj",
            "region:central-asia",
            "custom:my-zone_2",
        ] {
            let z: ZoneId = id.parse().unwrap();
            assert_eq!(z.to_string(), id);
        }
        assert_eq!(
            "country:af".parse::<ZoneId>().unwrap(),
            ZoneId::Country("AF".parse().unwrap())
        );
        assert!(
            "border:af-north"
                .parse::<ZoneId>()
                .unwrap()
                .is_side_of_country()
        );
        let z: ZoneId = "admin1:af:Kunduz".parse().unwrap();
        assert!(z.is("admin1:AF:Kunduz") && !z.is("admin1:AF:Kunduz2") && !z.is("Kunduz"));
        assert!(
            !"border:af-tj"
                .parse::<ZoneId>()
                .unwrap()
                .is_side_of_country()
        );
        for bad in [
            "",
            "AF",
            "country:",
            "country:AFG",
            "country:<script>",
            "admin1:AF",
            "admin1:AF:",
            "admin1:AF:a:b",
            "custom:zoné",
            "planet:earth",
            "custom:",
            "custom:a b",
            "custom:x\r\ny",
            "border:<b>",
        ] {
            assert!(bad.parse::<ZoneId>().is_err(), "{bad:?}");
        }
        assert!(
            format!("custom:{}", "x".repeat(300))
                .parse::<ZoneId>()
                .is_err()
        );
    }

    #[test]
    fn country_codes_and_dates() {
        assert_eq!("tj".parse::<CountryCode>().unwrap().to_string(), "TJ");
        for bad in ["", "T", "TJK", "1A", "<s"] {
            assert!(bad.parse::<CountryCode>().is_err(), "{bad:?}");
        }
        for good in ["2015", "2015-10", "2015-10-28"] {
            assert_eq!(good.parse::<DateBound>().unwrap().as_str(), good);
        }
        for bad in ["", "15", "2015-13", "2015-10-32", "2015/10/28", "garbage"] {
            assert!(bad.parse::<DateBound>().is_err(), "{bad:?}");
        }
        assert_eq!(
            serde_json::to_string(&"admin1:af:Kunduz".parse::<ZoneId>().unwrap()).unwrap(),
            "\"admin1:AF:Kunduz\""
        );
        assert!(serde_json::from_str::<ZoneId>("\"nowhere\"").is_err());
    }

    #[test]
    fn slugs() {
        assert_eq!(
            watchlist_slug("Afghanistan's north"),
            "wl-afghanistan-s-north"
        );
        assert_eq!(watchlist_slug("  Kunduz  "), "wl-kunduz");
    }
}
