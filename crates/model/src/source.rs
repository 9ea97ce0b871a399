//! The outlets Beacon collects from by itself (`beacon sources`,
//! `beacon collect`, `beacon run`), and what it knows of each one's health.
//! The store keeps them; the collector reads them; the CLI, the API and the
//! OPML files write them, every write through [`Source::check`].

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::ids::{BadValue, CountryCode};

/// What a source's URL answers, and so how its articles are found.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum SourceKind {
    /// An RSS 2.0, RSS 1.0, Atom or JSON Feed: its items' links.
    #[default]
    Feed,
    /// A sitemap (plain or news, `<news:news>`), or a sitemap index.
    Sitemap,
    /// An HTML section page: the links on it that match the source's
    /// pattern (or, without one, every link to the page's own site).
    Page,
}

impl SourceKind {
    /// Every kind.
    pub const ALL: [SourceKind; 3] = [SourceKind::Feed, SourceKind::Sitemap, SourceKind::Page];

    /// The kind's word.
    pub fn as_str(self) -> &'static str {
        match self {
            SourceKind::Feed => "feed",
            SourceKind::Sitemap => "sitemap",
            SourceKind::Page => "page",
        }
    }
}

crate::ids::named_words!(SourceKind, "a kind of source");

/// A Traffic Light Protocol 2.0 marking (FIRST): who may see what a source
/// brings. `white` (TLP 1.0) reads as `clear`; `TLP:` may lead.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub enum Tlp {
    /// Anyone.
    #[default]
    Clear,
    /// The community.
    Green,
    /// The recipients' organisations and their clients.
    Amber,
    /// The recipients' organisations only.
    AmberStrict,
    /// The recipients only.
    Red,
}

impl Tlp {
    /// Every marking, least restricted first.
    pub const ALL: [Tlp; 5] = [
        Tlp::Clear,
        Tlp::Green,
        Tlp::Amber,
        Tlp::AmberStrict,
        Tlp::Red,
    ];

    /// The marking's word (`clear`, `amber+strict`).
    pub fn as_str(self) -> &'static str {
        match self {
            Tlp::Clear => "clear",
            Tlp::Green => "green",
            Tlp::Amber => "amber",
            Tlp::AmberStrict => "amber+strict",
            Tlp::Red => "red",
        }
    }
}

impl std::str::FromStr for Tlp {
    type Err = BadValue;
    fn from_str(s: &str) -> Result<Self, BadValue> {
        let t = s.trim();
        let word = t
            .get(..4)
            .filter(|p| p.eq_ignore_ascii_case("tlp:"))
            .map_or(t, |_| &t[4..]);
        if word.eq_ignore_ascii_case("white") {
            return Ok(Tlp::Clear);
        }
        Tlp::ALL
            .into_iter()
            .find(|x| x.as_str().eq_ignore_ascii_case(word))
            .ok_or_else(|| {
                BadValue(format!(
                    "{s:?} is not a TLP marking (clear, green, amber, amber+strict, red)"
                ))
            })
    }
}

impl std::fmt::Display for Tlp {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

crate::ids::serde_as_text!(Tlp);

/// An outlet Beacon collects from. A field it does not know is an error.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Source {
    /// Stable id (`src-` and a slug of the name, unless given).
    pub id: String,
    /// A name for people ("Khaama Press").
    pub name: String,
    /// The feed, sitemap or section page (http or https).
    pub url: String,
    /// What the URL answers.
    #[serde(default)]
    pub kind: SourceKind,
    /// For a page: the links to follow, a pattern over the whole URL where
    /// `*` stands for any run of characters (`https://x.org/news/*`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pattern: Option<String>,
    /// The languages it publishes in (ISO 639-1 or -3 codes: `en`, `fa`).
    #[serde(default)]
    pub languages: Vec<String>,
    /// The country it is based in or covers.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub country: Option<CountryCode>,
    /// Region and topic tags (`central-asia`, `border`).
    #[serde(default)]
    pub tags: Vec<String>,
    /// The marking of what it brings.
    #[serde(default)]
    pub tlp: Tlp,
    /// A note for people.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// Whether collection is paused.
    #[serde(default)]
    pub paused: bool,
    /// Whether this source may be on a private address (an intranet's
    /// feed; the tests' local servers). Default: public addresses only.
    #[serde(default)]
    pub allow_private: bool,
}

/// Longest name, note, pattern and URL a source may have, in characters.
const MAX_NAME: usize = 200;
const MAX_NOTE: usize = 4000;
const MAX_URL: usize = 2048;
/// Most tags and languages, and the longest tag.
const MAX_TAGS: usize = 50;
const MAX_TAG: usize = 64;

impl Source {
    /// A source of `kind` at `url`, named `name`, with its id made from
    /// the name and the other fields at their defaults.
    pub fn new(name: &str, url: &str, kind: SourceKind) -> Source {
        Source {
            id: source_slug(name),
            name: name.trim().to_owned(),
            url: url.trim().to_owned(),
            kind,
            pattern: None,
            languages: Vec::new(),
            country: None,
            tags: Vec::new(),
            tlp: Tlp::default(),
            note: None,
            paused: false,
            allow_private: false,
        }
    }

    /// Whether the source is one Beacon keeps: an id, a name, an absolute
    /// http(s) URL without credentials, a pattern only for a page, language
    /// codes, bounded tags and note. (Whether its host may be reached is
    /// the network guard's to say, when it is used.)
    pub fn check(&self) -> Result<(), BadValue> {
        let bad = |m: String| Err(BadValue(m));
        if self.id.is_empty()
            || self.id.len() > MAX_NAME
            || !self
                .id
                .chars()
                .all(|c| c.is_alphanumeric() || c == '-' || c == '_')
        {
            return bad(format!(
                "source id {:?}: letters, digits, '-' and '_', 1 to {MAX_NAME} of them",
                self.id
            ));
        }
        let name = &self.name;
        if name.trim().is_empty()
            || name.chars().count() > MAX_NAME
            || name.chars().any(char::is_control)
        {
            return bad(format!(
                "source name {:?}: 1 to {MAX_NAME} characters, no control characters",
                self.name
            ));
        }
        check_url(&self.url)?;
        match (&self.pattern, self.kind) {
            (Some(p), SourceKind::Page)
                if p.trim().is_empty() || p.len() > MAX_URL || p.chars().any(char::is_control) =>
            {
                return bad(format!(
                    "pattern {p:?}: 1 to {MAX_URL} characters, no control characters"
                ));
            }
            (Some(_), SourceKind::Page) | (None, _) => {}
            (Some(_), kind) => {
                return bad(format!(
                    "a pattern picks the links of a page; a {kind} source lists its articles itself"
                ));
            }
        }
        for l in &self.languages {
            let ok = (2..=3).contains(&l.len()) && l.chars().all(|c| c.is_ascii_lowercase());
            if !ok {
                return bad(format!(
                    "language {l:?} is not an ISO 639 code (two or three lower-case letters: en, fa, prs)"
                ));
            }
        }
        if self.tags.len() > MAX_TAGS || self.languages.len() > MAX_TAGS {
            return bad(format!("at most {MAX_TAGS} tags and {MAX_TAGS} languages"));
        }
        if let Some(t) = self.tags.iter().find(|t| {
            t.trim().is_empty() || t.chars().count() > MAX_TAG || t.chars().any(char::is_control)
        }) {
            return bad(format!(
                "tag {t:?}: 1 to {MAX_TAG} characters, no control characters"
            ));
        }
        if self
            .note
            .as_ref()
            .is_some_and(|n| n.chars().count() > MAX_NOTE)
        {
            return bad(format!("a note holds at most {MAX_NOTE} characters"));
        }
        Ok(())
    }
}

impl Source {
    /// Where the source stands, its health given.
    pub fn state(&self, h: &SourceHealth) -> SourceState {
        match (
            self.paused,
            h.failing_since.is_some(),
            h.last_success.is_some(),
        ) {
            (true, _, _) => SourceState::Paused,
            (false, true, _) => SourceState::Failing,
            (false, false, true) => SourceState::Ok,
            (false, false, false) => SourceState::NeverCollected,
        }
    }
}

/// Where a source stands: the one reading of its health for the CLI, the
/// API and `/metrics`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum SourceState {
    /// Not collected until resumed.
    Paused,
    /// Failing, with no success since.
    Failing,
    /// Its last fetch succeeded.
    Ok,
    /// Not fetched yet.
    NeverCollected,
}

impl SourceState {
    /// The state in words (`ok`, `failing`, `paused`, `never collected`).
    pub fn as_str(self) -> &'static str {
        match self {
            SourceState::Paused => "paused",
            SourceState::Failing => "failing",
            SourceState::Ok => "ok",
            SourceState::NeverCollected => "never collected",
        }
    }
}

/// Whether `url` is an absolute http(s) URL with a host, no credentials, no
/// whitespace, at most [`MAX_URL`] long.
fn check_url(url: &str) -> Result<(), BadValue> {
    let bad = || {
        Err(BadValue(format!(
            "{url:?} is not an absolute http or https URL (no spaces, no user:password@, at most {MAX_URL} characters)"
        )))
    };
    let lower = url.to_ascii_lowercase();
    let Some(rest) = lower
        .strip_prefix("http://")
        .or_else(|| lower.strip_prefix("https://"))
    else {
        return bad();
    };
    let authority = rest.split(['/', '?', '#']).next().unwrap_or("");
    if url.len() > MAX_URL
        || authority.is_empty()
        || authority.contains('@')
        || url.chars().any(|c| c.is_whitespace() || c.is_control())
    {
        return bad();
    }
    Ok(())
}

/// A source's id made from its name: `src-` and its words, lower-cased,
/// joined by `-` ("Khaama Press" → `src-khaama-press`).
pub fn source_slug(name: &str) -> String {
    crate::ids::slug("src", name)
}

/// What the collector knows of a source: where it stands with the server
/// (validators for conditional requests), when it last succeeded and
/// failed, and when it is next due.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SourceHealth {
    /// The `ETag` of the last full answer.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub etag: Option<String>,
    /// The `Last-Modified` of the last full answer.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_modified: Option<String>,
    /// When it was last fetched.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_fetch: Option<DateTime<Utc>>,
    /// When a fetch last succeeded (a `304` is a success).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_success: Option<DateTime<Utc>>,
    /// Why the last fetch failed, if it did.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_error: Option<String>,
    /// The HTTP status of the last answer.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_status: Option<u16>,
    /// Since when it has failed without a success between (none: it has
    /// not).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub failing_since: Option<DateTime<Utc>>,
    /// Fetches that failed in a row.
    #[serde(default)]
    pub failures: u32,
    /// Fetches made.
    #[serde(default)]
    pub fetches: u64,
    /// Items (links) the last full answer listed.
    #[serde(default)]
    pub items: u64,
    /// Articles it brought that were new to the store, all told.
    #[serde(default)]
    pub new_articles: u64,
    /// The interval it is polled at now, in seconds (adapted to how often
    /// it publishes).
    #[serde(default)]
    pub interval_s: u32,
    /// When it is next due.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub next_due: Option<DateTime<Utc>>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sources_check_what_they_hold() {
        let mut s = Source::new(
            "Khaama Press",
            "https://www.khaama.com/feed/",
            SourceKind::Feed,
        );
        assert_eq!(s.id, "src-khaama-press");
        assert_eq!(s.check(), Ok(()));
        for url in [
            "ftp://x.org/feed",
            "https://",
            "https://user:pw@x.org/feed",
            "https://x.org/a b",
            "/feed.xml",
        ] {
            s.url = url.into();
            assert!(s.check().is_err(), "{url}");
        }
        s.url = "https://x.org/feed".into();
        s.pattern = Some("https://x.org/news/*".into());
        assert!(s.check().is_err(), "a feed with a pattern");
        s.kind = SourceKind::Page;
        assert_eq!(s.check(), Ok(()));
        s.languages = vec!["EN".into()];
        assert!(s.check().is_err());
        s.languages = vec!["en".into(), "prs".into()];
        s.tags = vec!["a\nb".into()];
        assert!(s.check().is_err());
        s.tags = vec!["central-asia".into()];
        s.name = " ".into();
        assert!(s.check().is_err());
    }

    #[test]
    fn markings_read_in_their_common_spellings() {
        for (text, tlp) in [
            ("clear", Tlp::Clear),
            ("TLP:WHITE", Tlp::Clear),
            ("Amber+Strict", Tlp::AmberStrict),
            ("tlp:red", Tlp::Red),
        ] {
            assert_eq!(text.parse::<Tlp>(), Ok(tlp), "{text}");
        }
        assert!("orange".parse::<Tlp>().is_err());
        assert_eq!(
            serde_json::to_string(&Tlp::AmberStrict).ok().as_deref(),
            Some("\"amber+strict\"")
        );
    }
}
