//! Beacon's pipeline records, defined once.
//!
//! Every stage reads one of these types and writes the next:
//!
//! ```text
//! input ─▶ Document ─▶ Article ─▶ TimeExpression (later stages: mentions, events, stories)
//!      └─▶ Rejection (an input that could not become a record, with its reason)
//! ```
//!
//! Field names are the JSON contract of `../shared/SPEC.md`: scripts and other
//! tools read them, so renaming a field is a breaking change.
//!
//! Offsets (`start`, `end`) count Unicode scalar values (code points) into
//! `Article::text`, as Python's `str` indexing does; [`char_to_byte`] converts.

#![deny(missing_docs)]

pub mod english;
pub mod filter;
pub mod happening;
pub mod ids;
pub mod review;
pub mod sharing;
pub mod source;
pub mod watch;

pub use filter::{Filter, ReviewFilter};
pub use ids::{BadValue, CountryCode, DateBound, ZoneId, watchlist_slug};
pub use sharing::{Group, Marking, Org, Role, Scope, Sharing, Subscription, User, Viewer};
pub use source::{Source, SourceHealth, SourceKind, SourceState, Tlp, source_slug};

pub use watch::{
    Alert, AlertEvent, AlertExplanation, AlertStatus, Figures, Notify, Rule, Watchlist,
};

use std::fmt;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// A content hash identifying a document (and the article extracted from it).
///
/// It is the 128-bit xxh3 hash of the document's body bytes, as 32 hex digits:
/// the same bytes read twice, from anywhere, have the same id.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(transparent)]
pub struct DocId(pub String);

impl DocId {
    /// The id of a body of bytes.
    pub fn of(bytes: &[u8]) -> Self {
        DocId(format!("{:032x}", xxhash_rust::xxh3::xxh3_128(bytes)))
    }
}

impl fmt::Display for DocId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// What kind of payload a document carries, which decides how it is extracted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Payload {
    /// An HTML page: main-content extraction over the DOM.
    Html,
    /// A page's plain text with its chrome (a scrape): cleaned line by line.
    Scrape,
    /// An article's text taken as given: no line is removed.
    Text,
}

impl Payload {
    /// The MIME type Beacon records for this payload.
    pub fn content_type(self) -> &'static str {
        match self {
            Payload::Html => "text/html",
            Payload::Scrape => "text/plain",
            Payload::Text => "text/plain; profile=article",
        }
    }
}

/// Metadata an input states about itself (a JSONL line's fields, a feed item's).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Given {
    /// A title stated by the input.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// A publication date stated by the input, as written there.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub published: Option<String>,
    /// An author stated by the input.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub byline: Option<String>,
    /// The language the input states it is in (a JSONL line's `language`,
    /// a feed's `<language>`), as written: it stands where the text is too
    /// short for its letters to say.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub language: Option<String>,
}

/// Raw input as Beacon read it: bytes plus where and when they came from.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Document {
    /// Content hash of `body`.
    pub id: DocId,
    /// Where Beacon read it: a file path, `archive.warc.gz#offset`, a feed
    /// file with its item (`feed.xml#item-3`), `file.jsonl:line`, or `-`.
    pub origin: String,
    /// The page's URL, when known.
    pub url: Option<String>,
    /// The site or feed it came from (the URL's host, or the feed's title).
    pub source: Option<String>,
    /// When it was fetched (WARC date, JSONL `fetched_at`), when known.
    pub fetched_at: Option<DateTime<Utc>>,
    /// The MIME type of the body (`text/html`, `text/plain`, …).
    pub content_type: String,
    /// How the body is to be read.
    pub payload: Payload,
    /// The character encoding the body was decoded from (`UTF-8`, `windows-1251`, …).
    pub encoding: String,
    /// How the encoding was determined: `header`, `bom`, `meta`, `detected`, `utf-8`.
    pub encoding_basis: String,
    /// Metadata stated by the input itself.
    #[serde(default, skip_serializing_if = "is_default")]
    pub given: Given,
    /// The body decoded to UTF-8.
    #[serde(skip)]
    pub text: String,
    /// The raw bytes as read (after transfer and content decoding).
    #[serde(skip)]
    pub body: Vec<u8>,
}

impl Document {
    /// A plain-text document of `text` with the id `id`, read from `id`:
    /// for tests and for callers that hold only text (see
    /// [`Article::from_text`]).
    pub fn from_text(id: &str, text: &str) -> Document {
        Document {
            id: DocId(id.to_owned()),
            origin: id.to_owned(),
            url: None,
            source: None,
            fetched_at: None,
            content_type: "text/plain".to_owned(),
            payload: Payload::Text,
            encoding: "UTF-8".to_owned(),
            encoding_basis: "utf-8".to_owned(),
            given: Given::default(),
            text: text.to_owned(),
            body: text.as_bytes().to_vec(),
        }
    }
}

fn is_default<T: Default + PartialEq>(t: &T) -> bool {
    *t == T::default()
}

/// Why an input did not become a record. Stable snake_case names: they are
/// counted in summaries and matched by scripts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Reason {
    /// The input has no bytes, or nothing but whitespace.
    Empty,
    /// The bytes are not text (an image, an archive, an executable).
    Binary,
    /// The input is larger than the configured limit.
    TooLarge,
    /// The bytes cannot be decoded in any plausible character encoding.
    InvalidEncoding,
    /// The input could not be read (permissions, a dangling link, an I/O error).
    Unreadable,
    /// The input is not in the format its name or container says (a JSONL
    /// line that is not JSON, a WARC record without headers).
    Malformed,
    /// The input ends before its declared length (a truncated WARC or gzip).
    Truncated,
    /// HTML nested deeper than the parser accepts.
    TooDeep,
    /// An HTTP response with an error status.
    HttpStatus,
    /// A response or file whose type Beacon does not read (PDF, images, …).
    UnsupportedType,
    /// Extraction found no article text in the page.
    NoContent,
    /// A page the collector may not fetch: robots.txt disallows it, or its
    /// address is one Beacon does not reach (loopback, private, …).
    Forbidden,
}

impl Reason {
    /// The stable name of the reason (`too_large`, …).
    pub fn as_str(self) -> &'static str {
        match self {
            Reason::Empty => "empty",
            Reason::Binary => "binary",
            Reason::TooLarge => "too_large",
            Reason::InvalidEncoding => "invalid_encoding",
            Reason::Unreadable => "unreadable",
            Reason::Malformed => "malformed",
            Reason::Truncated => "truncated",
            Reason::TooDeep => "too_deep",
            Reason::HttpStatus => "http_status",
            Reason::UnsupportedType => "unsupported_type",
            Reason::NoContent => "no_content",
            Reason::Forbidden => "forbidden",
        }
    }
}

impl fmt::Display for Reason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The reason part of a rejection record.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RejectionDetail {
    /// The category.
    pub reason: Reason,
    /// A human-readable explanation.
    pub detail: String,
}

/// An input that could not become a record: `{"origin": …, "rejected": {"reason": …, "detail": …}}`,
/// with the page's publication date where a page without an article still
/// states one (`"published"`, as an article's).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Rejection {
    /// Where the input was read.
    pub origin: String,
    /// Why it was rejected.
    pub rejected: RejectionDetail,
    /// The page's publication date, from its markup, URL or text, where a
    /// page rejected for want of article text states one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub published: Option<Published>,
}

impl Rejection {
    /// A rejection of the input at `origin`.
    pub fn new(origin: impl Into<String>, reason: Reason, detail: impl Into<String>) -> Self {
        Rejection {
            origin: origin.into(),
            rejected: RejectionDetail {
                reason,
                detail: detail.into(),
            },
            published: None,
        }
    }

    /// The category of the rejection.
    pub fn reason(&self) -> Reason {
        self.rejected.reason
    }
}

/// The kind of a block of article text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum BlockKind {
    /// Running text.
    Paragraph,
    /// A heading, with its level in [`Paragraph::level`].
    Heading,
    /// One item of a list.
    ListItem,
    /// A block quotation.
    Quote,
    /// A table: one line per row, cells separated by ` | `.
    Table,
    /// Preformatted text (code, poetry), whitespace kept.
    Preformatted,
}

/// One block of an article's text, located by offsets into `Article::text`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Paragraph {
    /// What the block is.
    pub kind: BlockKind,
    /// Heading level (1–6) for headings; list nesting depth for list items.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub level: Option<u8>,
    /// Whether a list item belongs to a numbered list.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub ordered: bool,
    /// First code point of the block in `Article::text`.
    pub start: usize,
    /// One past the last code point of the block.
    pub end: usize,
}

/// Precision of a date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Precision {
    /// A calendar day.
    Day,
    /// A month.
    Month,
    /// A year.
    Year,
}

/// Where a publication date came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DateBasis {
    /// Stated by the input itself (a JSONL `published`, a feed item's date).
    Given,
    /// HTML `<meta>` properties or microdata.
    Metadata,
    /// JSON-LD `datePublished`.
    JsonLd,
    /// The URL path (`/2015/10/28/`).
    Url,
    /// The visible text: a dateline or byline.
    Text,
    /// A header line of a plain-text scrape.
    Header,
    /// The fetch time: a last resort, never evidence of publication.
    Fetch,
}

/// A publication date with its precision, basis and confidence.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Published {
    /// ISO 8601 at the stated precision (`2015-10-28`, `2015-10`, `2015`).
    pub value: String,
    /// How precise `value` is.
    pub precision: Precision,
    /// Where the date came from.
    pub basis: DateBasis,
    /// Confidence in 0..=1.
    pub confidence: f32,
}

/// A warning about an article's content or metadata (e.g. `stale_date`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Warning {
    /// Stable name of the warning.
    pub kind: String,
    /// What Beacon saw.
    pub detail: String,
}

/// A reader comment, kept apart from the article text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Comment {
    /// The comment's text.
    pub text: String,
}

/// What extraction removed from the page, kept for audit.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Removed {
    /// Blocks of text judged to be site chrome (menus, ads, share bars, notices…),
    /// in page order.
    pub boilerplate: Vec<String>,
}

/// The article extracted from a document.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Article {
    /// The id of the document it was extracted from.
    pub id: DocId,
    /// Where the document was read.
    pub origin: String,
    /// The page's URL, when known.
    pub url: Option<String>,
    /// The site or feed.
    pub source: Option<String>,
    /// The headline.
    pub title: Option<String>,
    /// The author(s), as the page states them.
    pub byline: Option<String>,
    /// The main text: blocks in reading order, separated by newlines.
    pub text: String,
    /// The blocks of `text`, with offsets.
    pub paragraphs: Vec<Paragraph>,
    /// ISO 639-1 code of the text's language, when it can be told.
    pub language: Option<String>,
    /// The publication date, when known.
    pub published: Option<Published>,
    /// When the document was fetched, when known.
    pub fetched_at: Option<DateTime<Utc>>,
    /// Warnings about the content or metadata.
    pub warnings: Vec<Warning>,
    /// Reader comments, never part of `text`.
    pub comments: Vec<Comment>,
    /// What was removed from the page, for audit.
    pub removed: Removed,
    /// Who may see it (TLP 2.0, owner, audience); none: `CLEAR`.
    #[serde(default, skip_serializing_if = "Marking::is_clear")]
    pub marking: Marking,
}

impl Article {
    /// Where the article came from, for every report that cites it: the
    /// site the page or scrape names, else its URL's host (without `www.`),
    /// else the name of the file it was read from (`stdin` for standard
    /// input).
    pub fn provenance(&self) -> String {
        if let Some(s) = self.source.as_deref().map(str::trim)
            && !s.is_empty()
        {
            return s.to_owned();
        }
        // the host, lower-cased, without user, port or "www."
        let host = self
            .url
            .as_deref()
            .and_then(|u| u.split_once("://"))
            .and_then(|(_, rest)| rest.split(['/', '?', '#']).next())
            .map(|h| h.rsplit('@').next().unwrap_or(h))
            .map(|h| match h.rsplit_once(':') {
                // "host:8080" (an IPv6 literal "[::1]" keeps its colons)
                Some((name, port))
                    if !h.starts_with('[') && port.chars().all(|c| c.is_ascii_digit()) =>
                {
                    name
                }
                _ => h,
            })
            .map(str::to_lowercase)
            .map(|h| h.trim_start_matches("www.").to_owned())
            .filter(|h| !h.is_empty());
        if let Some(h) = host {
            return h;
        }
        let file = self.origin.split('#').next().unwrap_or_default();
        let name = file.rsplit(['/', '\\']).next().unwrap_or_default();
        match name {
            "" | "-" => "stdin".to_owned(),
            n => n.to_owned(),
        }
    }

    /// An article of `text` and nothing else (no title, URL, date or
    /// paragraphs), in English, read from `id`: for tests and for callers
    /// that hold only text.
    pub fn from_text(id: &str, text: &str) -> Article {
        Article {
            id: DocId(id.to_owned()),
            origin: id.to_owned(),
            url: None,
            source: None,
            title: None,
            byline: None,
            text: text.to_owned(),
            paragraphs: Vec::new(),
            language: Some("en".to_owned()),
            published: None,
            fetched_at: None,
            warnings: Vec::new(),
            comments: Vec::new(),
            removed: Removed::default(),
            marking: Default::default(),
        }
    }

    /// The text of one paragraph.
    pub fn paragraph_text(&self, p: &Paragraph) -> &str {
        let a = char_to_byte(&self.text, p.start);
        let b = char_to_byte(&self.text, p.end);
        &self.text[a..b]
    }
}

/// The most characters of an article's text Beacon reads beyond
/// extraction (names, places, time expressions, events, stories, search),
/// as spaCy's `max_length` bounds what it parses: the longest news features
/// run to about 100,000 characters, and the analysis' memory grows with the
/// text it reads (a table of a million characters holds tens of thousands
/// of "events"). The article is stored whole; a longer one carries an
/// `analysis_limited` warning.
pub const MAX_ANALYSED_CHARS: usize = 300_000;

/// The first [`MAX_ANALYSED_CHARS`] characters of `text` (all of it when
/// it is shorter).
pub fn analysed_prefix(text: &str) -> &str {
    match text.char_indices().nth(MAX_ANALYSED_CHARS) {
        Some((i, _)) => &text[..i],
        None => text,
    }
}

/// Days since 1970-01-01 of a date that begins `YYYY-MM-DD` (a shorter
/// prefix, or a month or day out of range, gives `None`).
pub fn epoch_day(value: &str) -> Option<i64> {
    let d = value.get(..10)?;
    let mut parts = d.split('-').map(|p| p.parse::<i64>().ok());
    let (y, m, dd) = (parts.next()??, parts.next()??, parts.next()??);
    if !(1..=12).contains(&m) || !(1..=31).contains(&dd) {
        return None;
    }
    // Days from a civil date (Howard Hinnant's algorithm).
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + dd - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    Some(era * 146_097 + doe - 719_468)
}

/// The `YYYY-MM-DD` date `days` after 1970-01-01 (the inverse of
/// [`epoch_day`]); `None` outside years 0–9999.
pub fn epoch_day_to_date(days: i64) -> Option<String> {
    // Civil from days (Howard Hinnant's algorithm).
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    (0..=9999)
        .contains(&y)
        .then(|| format!("{y:04}-{m:02}-{d:02}"))
}

/// Byte index of the `chars`-th code point of `s` (or `s.len()` past the end).
pub fn char_to_byte(s: &str, chars: usize) -> usize {
    s.char_indices().nth(chars).map_or(s.len(), |(b, _)| b)
}

/// The kind of a time expression: TIMEX3's `type`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TimexType {
    /// A calendar date or period of one (`2015-10-16`, `2015-10`, `2009-W47`, `2006-Q4`).
    Date,
    /// A time of day (`2009-06-01T12:00Z`, `2010-07-16TMO`).
    Time,
    /// A length of time (`P3D`, `PT30M`, `PXY`).
    Duration,
    /// A recurring time (`P1W` for "weekly", `XXXX-WXX-1` for "every Monday").
    Set,
}

/// A TIMEX3 modifier (`mod`): how the expression qualifies its value.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TimexMod {
    /// "early 2009", "the beginning of the year".
    Start,
    /// "mid-2011", "the middle of June".
    Mid,
    /// "late 2006", "the end of this year".
    End,
    /// "about three years", "around 12:00".
    Approx,
    /// "nearly five months", "almost two years", "less than a week".
    LessThan,
    /// "over a decade", "more than six years".
    MoreThan,
}

/// What a relative time expression was resolved against.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AnchorKind {
    /// The article's publication date (`Article::published`).
    PublicationDate,
    /// An earlier time expression in the text ("the same day").
    PreviousExpression,
}

/// The reference time of a relative expression.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TimexAnchor {
    /// The reference's value (`2015-10`, `2009-06-01`).
    pub value: String,
    /// What the reference is.
    pub kind: AnchorKind,
}

/// A time expression in an article's text, normalised as a TIMEX3 value.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TimeExpression {
    /// The expression as written ("the past nine days", "October 16").
    pub text: String,
    /// First code point of the expression in `Article::text`.
    pub start: usize,
    /// One past its last code point.
    pub end: usize,
    /// The TIMEX3 value: a date or time at its precision (`2015-10-16`,
    /// `2015-10`, `2014`, `201` for the 2010s, `2009-W47`, `2006-Q4`,
    /// `2009-SU`, `2009-06-01T12:00Z`), a duration (`P3D`, `PT30M`, `PXY`
    /// when the number is vague), or a reference (`PRESENT_REF`, `PAST_REF`,
    /// `FUTURE_REF`). `X` stands for what the text and its anchor do not tell
    /// (`XXXX-10-16` without a publication date).
    pub value: String,
    /// Date, time, duration or set.
    #[serde(rename = "type")]
    pub kind: TimexType,
    /// How the expression qualifies its value ("late 2006": `end`), if it does.
    #[serde(rename = "mod", default, skip_serializing_if = "Option::is_none")]
    pub modifier: Option<TimexMod>,
    /// What a relative expression ("yesterday", "on Wednesday", "last
    /// week") was resolved against; `None` when the value is absolute
    /// ("October 16, 2015", "five years") or could not be resolved.
    pub anchor: Option<TimexAnchor>,
}

/// What a mention names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MentionKind {
    /// A person ("Alexander Bortnikov").
    Person,
    /// An organisation: a state body, an international organisation, a party,
    /// a company ("the FSB", "the CIS").
    Organization,
    /// A non-state armed group ("Tehreek-i-Taliban Pakistan", "IS").
    ArmedGroup,
    /// A country ("Afghanistan").
    Country,
    /// Any other place: a city, a province, a region, a border zone.
    Place,
}

impl MentionKind {
    /// Whether it names an actor (a person, an organisation, an armed
    /// group) rather than a place.
    pub fn is_actor(self) -> bool {
        matches!(
            self,
            MentionKind::Person | MentionKind::Organization | MentionKind::ArmedGroup
        )
    }
}

/// How a name is used, where it does not simply name its entry.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MentionUse {
    /// A demonym or adjective of a place ("Afghan", "Russian").
    Demonym,
    /// A place standing for its government or people ("Moscow said").
    Metonym,
    /// A place named inside an organisation's or armed group's name
    /// ("Islamic Movement of Uzbekistan", "Missouri State Highway Patrol"):
    /// the place the name refers to, not where anything happened.
    Embedded,
}

/// How precisely a place mention is located.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PlacePrecision {
    /// A populated place: a point.
    Point,
    /// A second-level administrative area (a district).
    Admin2,
    /// A first-level administrative area (a province, a state).
    Admin1,
    /// A country.
    Country,
    /// A region or a border zone: an area larger than one country, or between two.
    Region,
}

/// A person, organisation, armed group, country or place named in an article.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Mention {
    /// The name as written.
    pub text: String,
    /// First code point of the mention in `Article::text`.
    pub start: usize,
    /// One past its last code point.
    pub end: usize,
    /// What it names.
    pub kind: MentionKind,
    /// The id of the gazetteer or actor entry it resolved to
    /// (`geonames:1174872`, `actor:ttp`), when it resolved.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// The entry's name ("Tehreek-i-Taliban Pakistan" for "TTP").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Confidence in 0..=1.
    pub confidence: f32,
    /// How the mention was found and resolved: a rule or a model, in words
    /// ("dictionary", "model", "acronym introduced at 412", "surname of …").
    pub basis: String,
    /// A demonym or a metonym, where the name is used as one.
    #[serde(rename = "use", default, skip_serializing_if = "Option::is_none")]
    pub usage: Option<MentionUse>,
    /// The GeoNames id of a place or country.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub geonames_id: Option<u64>,
    /// Latitude of a place, in degrees.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lat: Option<f64>,
    /// Longitude of a place, in degrees.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lon: Option<f64>,
    /// ISO 3166-1 alpha-2 code of the place's country (or an actor's home).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub country: Option<String>,
    /// The place's first-level administrative area, by name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub admin1: Option<String>,
    /// How precisely a place is located.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub precision: Option<PlacePrecision>,
    /// The zone a border or region phrase resolved to (`border:af-tj`,
    /// `region:central-asia`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub zone: Option<String>,
}

impl Mention {
    /// A mention of `kind` at `start..end` (code points), resolved to nothing
    /// yet: the entry and place fields are for the stage that resolves it.
    pub fn new(
        text: impl Into<String>,
        start: usize,
        end: usize,
        kind: MentionKind,
        confidence: f32,
        basis: impl Into<String>,
    ) -> Mention {
        Mention {
            text: text.into(),
            start,
            end,
            kind,
            id: None,
            name: None,
            confidence,
            basis: basis.into(),
            usage: None,
            geonames_id: None,
            lat: None,
            lon: None,
            country: None,
            admin1: None,
            precision: None,
            zone: None,
        }
    }
}

/// The 19 event types of PLOVER (the successor of CAMEO), and hazards,
/// outside PLOVER. Written upper-case (`ASSAULT`); read in any case.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum EventType {
    /// Agree to, or sign, an agreement; express intent to cooperate.
    Agree,
    /// Meet, visit, negotiate, mediate, discuss by phone.
    Consult,
    /// Praise, endorse, back another actor.
    Support,
    /// Cooperate: share intelligence, extradite, ally.
    Cooperate,
    /// Give aid: economic, military, humanitarian.
    Aid,
    /// Yield: release, ease, allow, apologise.
    Concede,
    /// Withdraw forces, disband, demobilise.
    Retreat,
    /// Investigate, inquire.
    Investigate,
    /// Demand, call for, request.
    Demand,
    /// Criticise, accuse, condemn.
    Disapprove,
    /// Refuse, reject, veto.
    Reject,
    /// Threaten, give an ultimatum.
    Threaten,
    /// Demonstrate, strike, boycott, riot.
    Protest,
    /// Deploy or mass forces, put them on alert.
    Mobilize,
    /// Impose sanctions, embargoes, cut ties.
    Sanction,
    /// Arrest, detain, seize property, impose restrictions, expel.
    Coerce,
    /// Attack or use violence against people: bombing, shooting, abduction.
    Assault,
    /// Armed clash between organised forces, air strikes, shelling.
    Fight,
    /// Crime: theft, trafficking, corruption.
    Crime,
    /// Not PLOVER's: a natural or man-made disaster (earthquake, flood,
    /// storm, fire, industrial explosion, crash, collapse, epidemic), with
    /// its tolls, place and date; no one's act, never political violence.
    Hazard,
}

impl EventType {
    /// Every type, in PLOVER's order, hazards last.
    pub const ALL: [EventType; 20] = [
        EventType::Agree,
        EventType::Consult,
        EventType::Support,
        EventType::Cooperate,
        EventType::Aid,
        EventType::Concede,
        EventType::Retreat,
        EventType::Investigate,
        EventType::Demand,
        EventType::Disapprove,
        EventType::Reject,
        EventType::Threaten,
        EventType::Protest,
        EventType::Mobilize,
        EventType::Sanction,
        EventType::Coerce,
        EventType::Assault,
        EventType::Fight,
        EventType::Crime,
        EventType::Hazard,
    ];

    /// The PLOVER name (`ASSAULT`).
    pub fn as_str(self) -> &'static str {
        match self {
            EventType::Agree => "AGREE",
            EventType::Consult => "CONSULT",
            EventType::Support => "SUPPORT",
            EventType::Cooperate => "COOPERATE",
            EventType::Aid => "AID",
            EventType::Concede => "CONCEDE",
            EventType::Retreat => "RETREAT",
            EventType::Investigate => "INVESTIGATE",
            EventType::Demand => "DEMAND",
            EventType::Disapprove => "DISAPPROVE",
            EventType::Reject => "REJECT",
            EventType::Threaten => "THREATEN",
            EventType::Protest => "PROTEST",
            EventType::Mobilize => "MOBILIZE",
            EventType::Sanction => "SANCTION",
            EventType::Coerce => "COERCE",
            EventType::Assault => "ASSAULT",
            EventType::Fight => "FIGHT",
            EventType::Crime => "CRIME",
            EventType::Hazard => "HAZARD",
        }
    }

    /// The type of a PLOVER name, in any case.
    pub fn parse(name: &str) -> Option<EventType> {
        EventType::ALL
            .into_iter()
            .find(|t| t.as_str().eq_ignore_ascii_case(name.trim()))
    }
}

crate::ids::named_words!(EventType, "an event type");

/// ACLED's event types, the category an analyst filters by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EventCategory {
    /// Armed clashes, territory changing hands.
    Battles,
    /// Air or drone strikes, shelling, bombs, mines, suicide attacks.
    ExplosionsRemoteViolence,
    /// Attacks on civilians, abductions, sexual violence.
    ViolenceAgainstCivilians,
    /// Demonstrations, peaceful or met with force.
    Protests,
    /// Violent demonstrations, mob violence.
    Riots,
    /// Agreements, arrests, deployments, headquarters set up, looting.
    StrategicDevelopments,
}

/// Whether the text says an event happened, or something else of it.
/// Written lower-case (`occurred`); read in any case.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Modality {
    /// Reported as having happened (or happening).
    Occurred,
    /// Someone says it happened, and the text does not confirm it: a claim
    /// of responsibility, an accusation, "allegedly".
    Claimed,
    /// Expected, planned, feared or warned of: "may invade", "will attack".
    Anticipated,
    /// Said not to have happened: "did not attack", "denied carrying out".
    Denied,
    /// Conditional or supposed: "could strike if", "would retaliate".
    Hypothetical,
}

impl Modality {
    /// Every modality.
    pub const ALL: [Modality; 5] = [
        Modality::Occurred,
        Modality::Claimed,
        Modality::Anticipated,
        Modality::Denied,
        Modality::Hypothetical,
    ];

    /// The name in the JSON contract (`"occurred"`, `"anticipated"`, …).
    pub fn as_str(self) -> &'static str {
        match self {
            Modality::Occurred => "occurred",
            Modality::Claimed => "claimed",
            Modality::Anticipated => "anticipated",
            Modality::Denied => "denied",
            Modality::Hypothetical => "hypothetical",
        }
    }
}

crate::ids::named_words!(Modality, "a modality");

/// An actor or target of an event: a mention, resolved where it could be.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EventActor {
    /// The name as written.
    pub text: String,
    /// The entry it resolved to (`actor:taliban`, `geonames:1220409`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// The entry's name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// What it is; `None` for an actor named by a common noun ("police",
    /// "protesters"), which no dictionary resolves.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<MentionKind>,
    /// First code point in `Article::text`.
    pub start: usize,
    /// One past its last code point.
    pub end: usize,
}

/// Where an event happened.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EventLocation {
    /// The place's name (the entry's, else as written).
    pub name: String,
    /// Its GeoNames id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub geonames_id: Option<u64>,
    /// Latitude in degrees.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lat: Option<f64>,
    /// Longitude in degrees.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lon: Option<f64>,
    /// ISO 3166-1 alpha-2 code of its country.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub country: Option<String>,
    /// Its first-level administrative area.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub admin1: Option<String>,
    /// How precisely it is located.
    pub precision: PlacePrecision,
    /// The zone of a border or region phrase.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub zone: Option<String>,
    /// Why this place: `clause` (named in the event's own clause),
    /// `sentence` (named elsewhere in its sentence) or `article_focus` (the
    /// clause names none; the country the article is most about).
    pub basis: String,
}

/// Where an event's date came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EventDateBasis {
    /// A time expression in the event's clause.
    TimeExpression,
    /// The article's publication date: the clause gives no time.
    Published,
    /// An analyst gave it (a review's correction).
    Analyst,
}

/// When an event happened.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EventDate {
    /// ISO 8601 at the stated precision.
    pub value: String,
    /// How precise `value` is.
    pub precision: Precision,
    /// Where it came from.
    pub basis: EventDateBasis,
    /// The time expression's text, when `basis` is `time_expression`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
}

/// A number of people, as a text states it: "at least 36" is `min` 36 and
/// no `max`; "36" is both; "between 10 and 15" is 10 to 15.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Count {
    /// The least the text allows.
    pub min: u32,
    /// The most it allows; `None` when it sets no upper bound.
    pub max: Option<u32>,
    /// The words that state it ("at least 36 people").
    pub text: String,
}

/// The sentence that states an event.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Evidence {
    /// The sentence.
    pub text: String,
    /// Its first code point in `Article::text`.
    pub start: usize,
    /// One past its last code point.
    pub end: usize,
}

/// Why a field of an event has its value: the rule and the words it read.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Explanation {
    /// The field (`type`, `modality`, `actor`, `location`, ...).
    pub field: String,
    /// The rule, by name (`trigger:attack`, `cue:may`, `subject_before_trigger`).
    pub rule: String,
    /// The words the rule read, where there are some.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
}

/// One event: who did what to whom, where and when, as one sentence states it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Event {
    /// Stable id: the article id and the event's place in it.
    pub id: String,
    /// The PLOVER type.
    #[serde(rename = "type")]
    pub kind: EventType,
    /// PLOVER's mode of the type (`air`, `explosive`, `verbal`, ...).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mode: Option<String>,
    /// PLOVER's context (`military`, `political`, `humanitarian`, ...).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub context: Option<String>,
    /// The ACLED-style category, for types that have one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub category: Option<EventCategory>,
    /// ACLED-style sub-event type (`armed_clash`, `suicide_bomb`, ...).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sub_type: Option<String>,
    /// Whether it happened, by the text.
    pub modality: Modality,
    /// Background: the event is well before the publication date.
    pub historical: bool,
    /// Who did it (several for a compound actor).
    pub actor: Vec<EventActor>,
    /// To whom.
    pub target: Vec<EventActor>,
    /// Who says so, when the text attributes it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source_of_claim: Option<EventActor>,
    /// Where.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub location: Option<EventLocation>,
    /// When.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<EventDate>,
    /// People killed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fatalities: Option<Count>,
    /// People injured.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub injured: Option<Count>,
    /// The sentence that says so.
    pub evidence: Evidence,
    /// Confidence in 0..=1.
    pub confidence: f32,
    /// How likely its article is to report political violence, unrest,
    /// security or diplomacy (0..=1), where the coder knew it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub relevance: Option<f32>,
    /// The article it came from.
    pub article_id: String,
    /// Why each field has its value (`beacon analyze --explain`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub explain: Vec<Explanation>,
}

/// One source's own account of a story-level event.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EventReport {
    /// The article.
    pub article_id: String,
    /// Its source (site or feed), when known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    /// The article's publication date, when known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub published: Option<String>,
    /// The dead it states.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fatalities: Option<Count>,
    /// The injured it states.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub injured: Option<Count>,
}

/// One happening, counted once: the event as its reports agree on it, with
/// every report. Where reports give different tolls, `event.fatalities`
/// spans them (each report keeps its own).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StoryEvent {
    /// The event (its `id` is the story event's id; `article_id` the first
    /// report's).
    pub event: Event,
    /// The distinct sources that report it, in order of arrival.
    pub sources: Vec<String>,
    /// Every report, in order of arrival.
    pub reports: Vec<EventReport>,
    /// Who may see it (TLP 2.0, owner, audience); the most restrictive of its reports'.
    #[serde(default, skip_serializing_if = "Marking::is_clear")]
    pub marking: Marking,
    /// What analysts made of it (none: no one has reviewed it); the
    /// fields above already hold their corrections.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub review: Option<review::Reviewed>,
}

/// A story: the articles about one happening (near-duplicates and
/// re-reports), and the events they share, each counted once.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Story {
    /// Its id.
    pub id: String,
    /// Its title: the first article's.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// The earliest publication (else fetch) date of its articles.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub first_seen: Option<String>,
    /// The latest.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_seen: Option<String>,
    /// The distinct sources of its articles.
    pub sources: Vec<String>,
    /// Its articles, in order of arrival.
    pub article_ids: Vec<String>,
    /// The events its articles report, merged.
    pub events: Vec<StoryEvent>,
    /// Who may see it (TLP 2.0, owner, audience); the most restrictive of its articles'.
    #[serde(default, skip_serializing_if = "Marking::is_clear")]
    pub marking: Marking,
}

/// One record on a line of `--format jsonl` output: an article or a rejection.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum Record {
    /// The input became an article.
    Article(Box<Article>),
    /// The input was rejected.
    Rejected(Rejection),
}

#[cfg(test)]
mod tests {
    use super::{Article, epoch_day, epoch_day_to_date};

    #[test]
    fn every_article_names_where_it_came_from() {
        let with = |origin: &str, url: Option<&str>, source: Option<&str>| {
            let mut a = Article::from_text("x", "text");
            a.origin = origin.to_owned();
            a.url = url.map(str::to_owned);
            a.source = source.map(str::to_owned);
            a.provenance()
        };
        let page = "/data/pages/a.html";
        assert_eq!(
            with(page, Some("https://x.org/a"), Some("Khaama Press")),
            "Khaama Press"
        );
        assert_eq!(
            with(page, Some("https://www.x.org/a?b"), Some("  ")),
            "x.org"
        );
        assert_eq!(
            with(page, Some("http://u@News.Example:8080#top"), None),
            "news.example"
        );
        assert_eq!(
            with(page, Some("https://WWW.Example.org/a"), None),
            "example.org"
        );
        assert_eq!(with(page, Some("not a url"), None), "a.html");
        assert_eq!(with("crawl.warc.gz#1024", None, None), "crawl.warc.gz");
        assert_eq!(with("-", None, None), "stdin");
    }

    #[test]
    fn epoch_days_both_ways() {
        assert_eq!(epoch_day("1970-01-01"), Some(0));
        assert_eq!(epoch_day("2015-10-28T10:00"), Some(16_736));
        assert_eq!(epoch_day("2015-10"), None);
        assert_eq!(epoch_day("2015-13-01"), None);
        for d in [-719_468, -1, 0, 59, 16_736, 20_000, 2_932_896] {
            let s = epoch_day_to_date(d).expect("in range");
            assert_eq!(epoch_day(&s), Some(d), "{s}");
        }
        assert_eq!(epoch_day_to_date(2_932_897), None);
    }

    use super::*;

    #[test]
    fn rejection_serialises_as_the_spec_says() {
        let r = Rejection::new("a.html", Reason::TooLarge, "50 MB > 20 MB");
        let v = serde_json::to_value(&r).unwrap();
        assert_eq!(
            v,
            serde_json::json!({"origin": "a.html", "rejected": {"reason": "too_large", "detail": "50 MB > 20 MB"}})
        );
    }

    #[test]
    fn doc_id_is_stable_and_content_addressed() {
        assert_eq!(DocId::of(b"abc"), DocId::of(b"abc"));
        assert_ne!(DocId::of(b"abc"), DocId::of(b"abd"));
        assert_eq!(DocId::of(b"abc").0.len(), 32);
    }

    #[test]
    fn char_offsets_convert_to_bytes() {
        let s = "aé漢b";
        assert_eq!(char_to_byte(s, 0), 0);
        assert_eq!(char_to_byte(s, 2), 3);
        assert_eq!(char_to_byte(s, 3), 6);
        assert_eq!(char_to_byte(s, 9), s.len());
    }
}
