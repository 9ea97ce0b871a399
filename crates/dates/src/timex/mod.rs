//! Time expressions in an article's text, recognised and normalised as
//! TIMEX3 values (TimeML) against the publication date.
//!
//! A hand-written scanner over tokens (no regular expressions): at each token
//! it tries every family of expression and keeps the longest match, then
//! moves past it. The families follow the TimeML/TIMEX3 guidelines:
//!
//! - **absolute and partial dates**: `October 16, 2015`, `16 October 2015`,
//!   `Oct. 16`, `2015-10-16`, `7/8/07`, `October 2015`, `2014`, `the 1990s`,
//!   `'82`, seasons (`summer 2009` → `2009-SU`), quarters and halves
//!   (`the fourth quarter of 2005` → `2005-Q4`), fiscal years (`fiscal 2009`
//!   → `2009`, as TimeBank writes them);
//!   month names in German, French, Spanish, Russian and Persian too;
//! - **relative dates**: `today`, `yesterday`, `tonight`, weekdays, bare
//!   months, `this`/`last`/`next` week, month, year, quarter, weekend,
//!   `two days ago`, `earlier this month`, `the same day`, `the previous year`;
//! - **times**: `12:00 UTC`, `6:40 p.m.`, `0800 GMT`, `Friday morning`;
//! - **durations**: `five years`, `27-year`, `nearly five months`, `the past
//!   nine days`, `two and a half years`, `decades` (`PXDE`), `years` (`PXY`);
//! - **sets**: `weekly`, `annually`, `every year`, `$5 a day`, `Mondays`;
//! - **references**: `now`, `currently` (`PRESENT_REF`), `recently`, `the
//!   past` (`PAST_REF`), `very soon`, `the future` (`FUTURE_REF`); bare
//!   `soon`, `later` and `earlier` are not annotated (TimeBank's way).
//!
//! Spans follow the guidelines: they take in determiners and modifiers ("the
//! past nine days", "nearly five months", "late 2006", "the same day",
//! "earlier today") but not the preposition before them ("on", "in").
//!
//! **Direction.** A weekday or a month without a year points to the nearest
//! one before the anchor in a past-tense clause ("on Wednesday" in a report is
//! the Wednesday before), after it in a future one ("will meet on
//! Wednesday"), and the nearest either way in the present tense. The clause's
//! tense is the tense cue nearest to the expression in its sentence (`will`,
//! `is expected to`, past-tense verbs, `is`/`has`), past when there is none.
//!
//! **Anchors.** Relative expressions resolve against the publication date at
//! its precision: with a month-precision anchor ("2015-10"), "yesterday"
//! stays "2015-10" and a weekday cannot be placed (`XXXX-WXX-3`). Anaphoric
//! ones ("the same day", "the following year") resolve against the last date
//! the text mentioned, and say so in their anchor.
//!
//! ```
//! use beacon_model::{DateBasis, Precision, Published};
//! let published = Published {
//!     value: "2015-10-28".into(),
//!     precision: Precision::Day,
//!     basis: DateBasis::Text,
//!     confidence: 0.6,
//! };
//! let t = beacon_dates::timex::time_expressions(
//!     "Putin said on Friday that the attack in 2014 killed 36 people for two days.",
//!     Some(&published),
//!     Some("en"),
//! );
//! let values: Vec<(&str, &str)> = t.iter().map(|t| (t.text.as_str(), t.value.as_str())).collect();
//! assert_eq!(values, [("Friday", "2015-10-23"), ("2014", "2014"), ("two days", "P2D")]);
//! ```

mod calendar;
mod region;
mod tokens;

use beacon_model::{
    AnchorKind, Article, Published, TimeExpression, TimexAnchor, TimexMod, TimexType,
};

use self::calendar::{Ref, number, ymd};
use self::tokens::{Kind, Tense, Tok, tense_around};
use crate::parse::{EN_MONTH_ABBR, EN_MONTHS, EN_WEEKDAYS};

/// The time expressions of an article's text, resolved against its
/// publication date, with offsets into `Article::text`.
pub fn article_time_expressions(article: &Article) -> Vec<TimeExpression> {
    article_time_expressions_in(article, &beacon_text::Text::new(&article.text))
}

/// [`article_time_expressions`] over the article's text already split
/// (`layer`: the text layer of `article.text`).
pub fn article_time_expressions_in(
    article: &Article,
    layer: &beacon_text::Text<'_>,
) -> Vec<TimeExpression> {
    time_expressions_in(
        layer,
        article.published.as_ref(),
        article.language.as_deref(),
    )
}

/// The time expressions in `text`, in text order, none overlapping.
///
/// `published` is the anchor of relative expressions (none: their values keep
/// `X` where the anchor would have told); `language` is an ISO 639-1 code:
/// English (or `None`) gets every family, other languages their absolute
/// dates with month names.
pub fn time_expressions(
    text: &str,
    published: Option<&Published>,
    language: Option<&str>,
) -> Vec<TimeExpression> {
    time_expressions_in(&beacon_text::Text::new(text), published, language)
}

/// [`time_expressions`] over a text already split (`layer`).
pub fn time_expressions_in(
    layer: &beacon_text::Text<'_>,
    published: Option<&Published>,
    language: Option<&str>,
) -> Vec<TimeExpression> {
    let text = layer.text();
    let anchor = published.and_then(|p| Ref::parse(&p.value));
    let mut s = Scanner {
        t: tokens::tokenize(layer),
        anchor,
        anchor_value: anchor.map(|a| a.value()),
        english: language.is_none_or(|l| l == "en"),
        region: region::Region::of(language),
        last: [None; 3],
        last_quarter: None,
    };
    let mut out = Vec::new();
    let mut i = 0;
    while i < s.t.len() {
        match s.at(i) {
            Some(h) if h.end > i => {
                let (a, b) = (&s.t[i], &s.t[h.end - 1]);
                let anchor = match h.anchor {
                    Anchoring::Absolute => None,
                    Anchoring::Publication => s.anchor_value.clone().map(|value| TimexAnchor {
                        value,
                        kind: AnchorKind::PublicationDate,
                    }),
                    Anchoring::Previous(value) => Some(TimexAnchor {
                        value,
                        kind: AnchorKind::PreviousExpression,
                    }),
                };
                if matches!(h.kind, TimexType::Date | TimexType::Time)
                    && let Some(r) = Ref::parse(&h.value)
                {
                    let precision = if r.d.is_some() {
                        0
                    } else if r.m.is_some() {
                        1
                    } else {
                        2
                    };
                    for slot in &mut s.last[precision..] {
                        *slot = Some(r);
                    }
                }
                // A quarter the text names ("the third quarter", "Q3"), not one
                // reached from another ("a year ago" after it).
                let named = (i..h.end).any(|k| s.any(k, &["quarter", "q"]))
                    && !(i..h.end).any(|k| s.any(k, &["ago", "earlier"]));
                if h.kind == TimexType::Date && named {
                    s.last_quarter = quarter_of(&h.value).or(s.last_quarter);
                }
                out.push(TimeExpression {
                    text: text[a.bstart..b.bend].to_owned(),
                    start: a.start,
                    end: b.end,
                    value: h.value,
                    kind: h.kind,
                    modifier: h.modifier,
                    anchor,
                });
                i = h.end;
            }
            _ => i += 1,
        }
    }
    out
}

/// How a value was reached.
#[derive(Debug, Clone, PartialEq)]
enum Anchoring {
    /// From the text alone.
    Absolute,
    /// From the publication date.
    Publication,
    /// From an earlier expression, whose value this is.
    Previous(String),
}

/// A match: tokens up to `end` (exclusive) and what they mean.
#[derive(Debug, Clone)]
struct Hit {
    end: usize,
    value: String,
    kind: TimexType,
    modifier: Option<TimexMod>,
    anchor: Anchoring,
}

impl Hit {
    fn new(end: usize, value: impl Into<String>, kind: TimexType, anchor: Anchoring) -> Hit {
        Hit {
            end,
            value: value.into(),
            kind,
            modifier: None,
            anchor,
        }
    }
}

struct Scanner {
    t: Vec<Tok>,
    anchor: Option<Ref>,
    anchor_value: Option<String>,
    english: bool,
    /// Russian or Persian, whose relative days and weekdays are read too.
    region: Option<region::Region>,
    /// The last day, month and year the text mentioned, for anaphora
    /// ("the same day", "that year").
    last: [Option<Ref>; 3],
    /// The last quarter the text mentioned: a company's results compared
    /// "with a year ago" are that quarter's, a year before.
    last_quarter: Option<(i32, u32)>,
}

/// Period `n` (from 1) of a year of `per_year` periods (quarters, halves),
/// moved by `by` periods: its year and number.
fn shift_period(y: i32, n: i32, per_year: i32, by: i32) -> (i32, i32) {
    let total = y * per_year + (n - 1) + by;
    (total.div_euclid(per_year), total.rem_euclid(per_year) + 1)
}

/// The year and quarter of a value `2009-Q3`.
fn quarter_of(value: &str) -> Option<(i32, u32)> {
    let (y, q) = value.split_once("-Q")?;
    let q = q.parse().ok().filter(|q| (1..=4).contains(q))?;
    Some((y.parse().ok().filter(|_| y.len() == 4)?, q))
}

/// Prepositions and modifiers after which an ambiguous month name ("May",
/// "March") is a month.
const MONTH_CONTEXT: &[&str] = &[
    "in", "since", "until", "till", "by", "of", "early", "late", "mid", "last", "next", "this",
    "during", "from", "through", "to", "before", "after", "between", "and", "-", "or", "each",
    "every", "that",
];

fn small_number(w: &str) -> Option<f64> {
    Some(match w {
        "one" | "a" | "an" | "single" => 1.0,
        "two" => 2.0,
        "three" => 3.0,
        "four" => 4.0,
        "five" => 5.0,
        "six" => 6.0,
        "seven" => 7.0,
        "eight" => 8.0,
        "nine" => 9.0,
        "ten" => 10.0,
        "eleven" => 11.0,
        "twelve" => 12.0,
        "thirteen" => 13.0,
        "fourteen" => 14.0,
        "fifteen" => 15.0,
        "sixteen" => 16.0,
        "seventeen" => 17.0,
        "eighteen" => 18.0,
        "nineteen" => 19.0,
        "twenty" => 20.0,
        "thirty" => 30.0,
        "forty" => 40.0,
        "fifty" => 50.0,
        "sixty" => 60.0,
        "seventy" => 70.0,
        "eighty" => 80.0,
        "ninety" => 90.0,
        "hundred" => 100.0,
        "dozen" => 12.0,
        _ => return None,
    })
}

fn ordinal(w: &str) -> Option<u32> {
    Some(match w {
        "first" | "1st" => 1,
        "second" | "2nd" => 2,
        "third" | "3rd" => 3,
        "fourth" | "4th" => 4,
        _ => return None,
    })
}

/// A unit of time: its TIMEX3 letter, whether it is a time unit (`PT`), and
/// how many of the letter one unit makes (a decade is ten years).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Unit {
    letter: &'static str,
    time: bool,
    factor: u32,
    plural: bool,
}

fn unit(w: &str) -> Option<Unit> {
    let (letter, time, factor) = match w.strip_suffix('s').unwrap_or(w) {
        "second" | "sec" => ("S", true, 1),
        "minute" | "min" => ("M", true, 1),
        "hour" | "hr" => ("H", true, 1),
        "day" => ("D", false, 1),
        "night" => ("D", false, 1),
        "week" => ("W", false, 1),
        "fortnight" => ("W", false, 2),
        "month" => ("M", false, 1),
        "quarter" => ("Q", false, 1),
        "year" | "yr" => ("Y", false, 1),
        "decade" => ("Y", false, 10),
        "century" | "centurie" => ("Y", false, 100),
        _ => return None,
    };
    Some(Unit {
        letter,
        time,
        factor,
        plural: w.ends_with('s'),
    })
}

/// Adjectives that may stand between a number and its unit ("six straight days").
const UNIT_ADJECTIVES: &[&str] = &[
    "trading",
    "business",
    "working",
    "straight",
    "consecutive",
    "full",
    "calendar",
    "fiscal",
    "financial",
    "additional",
    "more",
    "further",
    "successive",
    "whole",
    "entire",
];

fn duration_value(n: Option<f64>, u: Unit) -> String {
    let p = if u.time { "PT" } else { "P" };
    match n {
        Some(n) => format!("{p}{}{}", number(n * u.factor as f64), u.letter),
        None if u.factor == 10 => "PXDE".to_owned(),
        None if u.factor == 100 => "PXCE".to_owned(),
        None => format!("{p}X{}", u.letter),
    }
}

fn season(w: &str) -> Option<&'static str> {
    Some(match w {
        "spring" => "SP",
        "summer" => "SU",
        "autumn" | "fall" => "FA",
        "winter" => "WI",
        _ => return None,
    })
}

/// The middle month of a season, for direction.
fn season_month(s: &str) -> u32 {
    match s {
        "SP" => 4,
        "SU" => 7,
        "FA" => 10,
        _ => 1,
    }
}

impl Scanner {
    /// One unit as a duration, not a date: the unit alone after a
    /// preposition of extent ("for the week", "during the year": `bare`), or
    /// "the past month" (`opens`: the phrase begins as such a duration does,
    /// and "past" follows its first word).
    fn one_unit(
        &self,
        i: usize,
        end: usize,
        bare: bool,
        opens: bool,
        value: &'static str,
    ) -> Option<Hit> {
        let lasting = if bare {
            let prev = if i > 0 { self.w(i - 1) } else { "" };
            matches!(prev, "for" | "during" | "over" | "throughout")
        } else {
            opens && (self.is(i + 1, "past") || self.w(i) == "past")
        };
        lasting.then(|| Hit::new(end, value, TimexType::Duration, Anchoring::Absolute))
    }

    fn w(&self, i: usize) -> &str {
        self.t.get(i).map_or("", |t| t.lower.as_str())
    }

    fn is(&self, i: usize, s: &str) -> bool {
        self.w(i) == s
    }

    fn any(&self, i: usize, set: &[&str]) -> bool {
        set.contains(&self.w(i))
    }

    /// Token `i` follows the previous one without a space.
    fn tight(&self, i: usize) -> bool {
        self.t.get(i).is_some_and(|t| !t.space_before)
    }

    fn cap(&self, i: usize) -> bool {
        self.t.get(i).is_some_and(|t| t.cap)
    }

    /// The value of a number token of at most `digits` digits.
    fn num(&self, i: usize, digits: std::ops::RangeInclusive<usize>) -> Option<u64> {
        let t = self.t.get(i)?;
        (t.kind == Kind::Num && digits.contains(&t.lower.len()))
            .then_some(t.num)
            .flatten()
    }

    /// The clause's tense; without a cue, the future after "until" ("closed
    /// until Friday"), else the past (news reports the past).
    fn tense(&self, a: usize, b: usize) -> Tense {
        tense_around(&self.t, a, b).unwrap_or_else(|| {
            if a > 0 && self.any(a - 1, &["until", "till", "by"]) {
                Tense::Future
            } else {
                Tense::Past
            }
        })
    }

    /// The longest expression starting at token `i`.
    fn at(&self, i: usize) -> Option<Hit> {
        // Tokens glued to a word or number before them ("A380", "x2008") start nothing.
        if i > 0
            && self.tight(i)
            && matches!(self.t[i - 1].kind, Kind::Word | Kind::Num)
            && self.t[i].kind != Kind::Punct
        {
            return None;
        }
        let mut best: Option<Hit> = None;
        let mut consider = |h: Option<Hit>| {
            if let Some(h) = h
                && best.as_ref().is_none_or(|b| h.end > b.end)
            {
                best = Some(h);
            }
        };
        if self.english {
            if let Some((j, m)) = self.date_prefix(i) {
                let h = self.core(j, true).filter(|h| h.kind == TimexType::Date);
                consider(h.map(|mut h| {
                    h.modifier = h.modifier.or(m);
                    h
                }));
            }
            if let Some((j, m)) = self.duration_prefix(i).filter(|(j, _)| !self.is(*j, "the")) {
                // "nearly five months", "more than four decades ago": the
                // modifier is the span's
                let h = self.core(j, false).filter(|h| {
                    h.kind == TimexType::Duration
                        || (h.kind == TimexType::Date && self.is(h.end - 1, "ago"))
                });
                consider(h.map(|mut h| {
                    h.modifier = m;
                    h
                }));
            }
        }
        consider(self.core(i, false));
        // "the 14-day waiting period", "the third-quarter loss": a compound
        // before its noun; the article is the noun's.
        if let Some(h) = &best
            && self.is(i, "the")
            && h.end >= i + 3
            && self.is(h.end - 2, "-")
            && self.tight(h.end - 1)
            && (unit(self.w(h.end - 1)).is_some() || self.is(h.end - 1, "quarter"))
            && self.t.get(h.end).is_some_and(|t| t.kind == Kind::Word)
        {
            return None;
        }
        best
    }

    /// "early", "late", "mid-", "the end of", "earlier"…: where the date starts.
    fn date_prefix(&self, i: usize) -> Option<(usize, Option<TimexMod>)> {
        let m = match self.w(i) {
            "early" => Some((i + 1, Some(TimexMod::Start))),
            "late" => Some((i + 1, Some(TimexMod::End))),
            "mid" if self.is(i + 1, "-") => Some((i + 2, Some(TimexMod::Mid))),
            "mid" => Some((i + 1, Some(TimexMod::Mid))),
            "earlier" | "later" if self.any(i + 1, &["today", "tonight", "this", "that", "on"]) => {
                Some((i + 1, None))
            }
            // "the early 1980s", "the mid-1990s": the article is the span's
            "the" if self.any(i + 1, &["early", "late", "mid"]) => {
                let (j, m) = self.date_prefix(i + 1)?;
                let decade = self.year(j).is_some_and(|h| h.value.len() == 3);
                decade.then_some((j, m))
            }
            "the" => {
                let j = if self.is(i + 1, "very") { i + 2 } else { i + 1 };
                let m = match self.w(j) {
                    "end" | "close" => TimexMod::End,
                    "beginning" | "start" | "turn" => TimexMod::Start,
                    "middle" => TimexMod::Mid,
                    _ => return None,
                };
                self.is(j + 1, "of").then_some((j + 2, Some(m)))
            }
            _ => None,
        }?;
        // "late in the day": the period follows "in".
        if self.is(m.0, "in") && self.is(m.0 + 1, "the") && self.any(i, &["early", "late"]) {
            return Some((m.0 + 1, m.1));
        }
        Some(m)
    }

    /// "nearly", "more than", "about"…: where the duration starts.
    fn duration_prefix(&self, i: usize) -> Option<(usize, Option<TimexMod>)> {
        use TimexMod::*;
        let two = (self.w(i), self.w(i + 1));
        let (n, m) = match two {
            ("more" | "fewer" | "less", "than") => {
                (2, Some(if two.0 == "more" { MoreThan } else { LessThan }))
            }
            ("at", "least") => (2, Some(MoreThan)),
            ("up", "to") => (2, Some(LessThan)),
            ("close", "to") => (2, Some(LessThan)),
            ("just" | "well", "over") => (2, Some(MoreThan)),
            ("just", "under") => (2, Some(LessThan)),
            ("nearly" | "almost" | "under" | "barely", _) => (1, Some(LessThan)),
            ("over", _) => (1, Some(MoreThan)),
            ("about" | "around" | "approximately" | "roughly" | "some", _) => (1, Some(Approx)),
            _ => return None,
        };
        Some((i + n, m))
    }

    /// Every family at `i`; `after_of`: after "the end of", where "the year" is this year.
    fn core(&self, i: usize, after_of: bool) -> Option<Hit> {
        let mut best: Option<Hit> = None;
        let mut consider = |h: Option<Hit>| {
            if let Some(h) = h
                && best.as_ref().is_none_or(|b| h.end > b.end)
            {
                best = Some(h);
            }
        };
        consider(self.numeric(i));
        consider(self.written(i));
        consider(self.year(i));
        if self.english {
            consider(self.time_of_day(i));
            consider(self.weekday(i));
            consider(self.season_at(i));
            consider(self.quarter(i));
            consider(self.year_earlier(i));
            consider(self.week_of_month(i));
            consider(self.relative(i, after_of));
            consider(self.duration(i));
            consider(self.set(i));
            consider(self.reference(i));
        } else {
            consider(self.region_day(i));
        }
        best
    }

    // ----- numeric dates and times -----

    fn numeric(&self, i: usize) -> Option<Hit> {
        let t = self.t.get(i)?;
        if t.kind != Kind::Num {
            return None;
        }
        // 2015-10-16, 2015/10/16
        if let (Some(y), true, Some(m), true, Some(d)) = (
            self.num(i, 4..=4),
            self.any(i + 1, &["-", "/"]) && self.tight(i + 1),
            self.num(i + 2, 1..=2),
            self.w(i + 3) == self.w(i + 1) && self.tight(i + 2) && self.tight(i + 3),
            self.num(i + 4, 1..=2).filter(|_| self.tight(i + 4)),
        ) {
            let v = ymd(y as i32, m as u32, d as u32)?;
            return Some(Hit::new(i + 5, v, TimexType::Date, Anchoring::Absolute));
        }
        // 10/16/2015, 16.10.2015, 7/8/07
        if let (Some(a), true, Some(b), true, Some(y)) = (
            self.num(i, 1..=2),
            self.any(i + 1, &["/", "."]) && self.tight(i + 1),
            self.num(i + 2, 1..=2),
            self.w(i + 3) == self.w(i + 1) && self.tight(i + 2) && self.tight(i + 3),
            self.num(i + 4, 2..=4).filter(|_| self.tight(i + 4)),
        ) {
            let digits = self.t[i + 4].lower.len();
            if digits == 3 || self.tight(i + 5) && self.t.get(i + 5)?.kind == Kind::Num {
                return None;
            }
            let y = if digits == 2 {
                if y < 50 { 2000 + y } else { 1900 + y }
            } else {
                y
            } as i32;
            let (a, b) = (a as u32, b as u32);
            let month_first = self.w(i + 1) == "/" && self.english;
            let v = if a > 12 || !month_first && b <= 12 {
                ymd(y, b, a)
            } else {
                ymd(y, a, b)
            }?;
            return Some(Hit::new(i + 5, v, TimexType::Date, Anchoring::Absolute));
        }
        None
    }

    /// A time of day at `i`: (hour, minute, end, zulu).
    fn clock(&self, i: usize) -> Option<(u32, u32, usize, bool)> {
        let (mut h, mut m, mut end);
        if let (Some(hh), true, Some(mm)) = (
            self.num(i, 1..=2),
            self.is(i + 1, ":") && self.tight(i + 1) && self.tight(i + 2),
            self.num(i + 2, 2..=2),
        ) {
            (h, m, end) = (hh as u32, mm as u32, i + 3);
            if self.is(end, ":") && self.tight(end) && self.num(end + 1, 2..=2).is_some() {
                end += 2;
            }
        } else if let Some(hhmm) = self.num(i, 4..=4)
            && self.t[i].lower.starts_with(['0', '1', '2'])
            && self.any(i + 1, &["utc", "gmt", "hours", "hrs", "h"])
        {
            (h, m, end) = ((hhmm / 100) as u32, (hhmm % 100) as u32, i + 1);
        } else if let Some(hh) = self.num(i, 1..=2)
            && self.meridiem(i + 1).is_some()
        {
            (h, m, end) = (hh as u32, 0, i + 1);
        } else {
            return None;
        }
        if let Some((pm, e)) = self.meridiem(end) {
            if h > 12 || h == 0 {
                return None;
            }
            if pm && h < 12 {
                h += 12;
            } else if !pm && h == 12 {
                h = 0;
            }
            end = e;
        }
        if h > 24 || m > 59 {
            return None;
        }
        let mut zulu = false;
        match self.w(end) {
            "utc" | "gmt" | "z" => {
                zulu = true;
                end += 1;
            }
            "hours" | "hrs" | "h" if self.num(i, 4..=4).is_some() => {
                end += 1;
                if self.any(end, &["utc", "gmt"]) {
                    zulu = true;
                    end += 1;
                }
            }
            "est" | "edt" | "cst" | "cdt" | "mst" | "mdt" | "pst" | "pdt" | "cet" | "cest"
            | "bst" | "ist" | "jst" | "msk" | "aest" | "et" | "pt" => end += 1,
            "local" if self.is(end + 1, "time") => end += 2,
            _ => {}
        }
        if !self.meridiem_or_colon(i, end) {
            return None;
        }
        m = m.min(59);
        Some((h, m, end, zulu))
    }

    /// A bare "1530" is a time only with a zone or "hours"; "5" only with a.m./p.m.
    fn meridiem_or_colon(&self, i: usize, end: usize) -> bool {
        end > i + 1
    }

    /// "a.m.", "pm", "p.m": (is p.m., end).
    fn meridiem(&self, i: usize) -> Option<(bool, usize)> {
        let pm = match self.w(i) {
            "am" => return Some((false, i + 1 + self.dot(i + 1))),
            "pm" => return Some((true, i + 1 + self.dot(i + 1))),
            "a" => false,
            "p" => true,
            _ => return None,
        };
        if self.is(i + 1, ".") && self.tight(i + 1) && self.is(i + 2, "m") && self.tight(i + 2) {
            Some((pm, i + 3 + self.dot(i + 3)))
        } else {
            None
        }
    }

    /// 1 when token `i` is a full stop glued to the previous token.
    fn dot(&self, i: usize) -> usize {
        usize::from(self.is(i, ".") && self.tight(i))
    }

    fn time_of_day(&self, i: usize) -> Option<Hit> {
        let (h, m, mut end, zulu) = if self.is(i, "noon") || self.is(i, "midday") {
            (12, 0, i + 1, false)
        } else if self.is(i, "midnight") {
            (24, 0, i + 1, false)
        } else {
            self.clock(i)?
        };
        // "12:00 UTC Monday", "16:00 UTC today", "noon on Friday"
        let mut day: Option<(String, Anchoring)> = None;
        // "12:00 UTC Monday" takes the day into its span; "16:15 UTC, June 1"
        // only its value (the date is an expression of its own).
        // "10:35 a.m. (0735 GMT) Friday": the day after an aside, by value too.
        let aside = self
            .is(end, "(")
            .then(|| (end + 1..end + 6).find(|&k| self.is(k, ")")))
            .flatten();
        let comma = self.is(end, ",") || aside.is_some();
        let k = match aside {
            Some(close) => close + 1,
            None if self.any(end, &["on", ","]) => end + 1,
            None => end,
        };
        if let Some(h) = self
            .relative_day(k)
            .or_else(|| self.weekday(k))
            .or_else(|| self.written(k))
            .filter(|h| h.kind == TimexType::Date && h.value.len() == 10)
        {
            if !comma {
                end = h.end;
            }
            day = Some((h.value, h.anchor));
        }
        // "a test flight Tuesday in Everett at 18:00 UTC": a day named just
        // before, in the same clause.
        let day = day.or_else(|| self.day_before(i));
        let (date, anchor) = day.unwrap_or_else(|| match self.anchor.filter(|a| a.d.is_some()) {
            Some(a) => (a.value(), Anchoring::Publication),
            None => ("XXXX-XX-XX".to_owned(), Anchoring::Absolute),
        });
        let v = format!("{date}T{h:02}:{m:02}{}", if zulu { "Z" } else { "" });
        Some(Hit::new(end, v, TimexType::Time, anchor))
    }

    /// A weekday or "yesterday" among the eight tokens before `i`, within
    /// its clause: its date and anchoring.
    fn day_before(&self, i: usize) -> Option<(String, Anchoring)> {
        (i.saturating_sub(8)..i)
            .rev()
            .take_while(|&k| !self.any(k, &[".", ";", ":", "and", "but"]))
            .find_map(|k| {
                self.relative_day(k)
                    .or_else(|| self.weekday(k))
                    .filter(|h| h.kind == TimexType::Date && h.value.len() == 10 && h.end <= i)
            })
            .map(|h| (h.value, h.anchor))
    }

    // ----- written dates -----

    /// A month name at `i`: (month, end).
    fn month(&self, i: usize) -> Option<(u32, usize)> {
        let t = self.t.get(i)?;
        if t.kind != Kind::Word {
            return None;
        }
        if self.english {
            if !t.cap {
                return None;
            }
            if let Some(p) = EN_MONTHS.iter().position(|m| *m == t.lower) {
                return Some((p as u32 + 1, i + 1));
            }
            if let Some((_, m)) = EN_MONTH_ABBR.iter().find(|(a, _)| *a == t.lower) {
                return Some((*m, i + 1 + self.dot(i + 1)));
            }
            return None;
        }
        let m = crate::parse::month_number(&t.lower)?;
        Some((m, i + 1 + self.dot(i + 1)))
    }

    /// A day of the month at `i`: (day, end), with "16th", "16." or "1er".
    fn day_of_month(&self, i: usize) -> Option<(u32, usize)> {
        let d = self.num(i, 1..=2)? as u32;
        if !(1..=31).contains(&d) {
            return None;
        }
        let mut end = i + 1;
        let suffix = self.any(end, &["st", "nd", "rd", "th", "er", "º"])
            || !self.english && self.is(end, ".");
        if suffix && self.tight(end) {
            end += 1;
        }
        // "16:00", "16-year", "16%" are not days.
        if self.tight(end) && self.any(end, &[":", "-", "%", "/"]) {
            return None;
        }
        Some((d, end))
    }

    /// A four-digit year at `i`: (year, end).
    fn year_number(&self, i: usize) -> Option<(i32, usize)> {
        let Some(y) = self.num(i, 4..=4) else {
            return self.spelled_year(i);
        };
        let y = y as i32;
        if !(1000..=2999).contains(&y) {
            return None;
        }
        // "2015s", "2015-year", "2015%", "1299.59" are not years.
        if self.tight(i + 1) && matches!(self.t.get(i + 1).map(|t| t.kind), Some(Kind::Word))
            || self.tight(i + 1) && self.any(i + 1, &["%", ":"])
            || self.tight(i + 1)
                && self.any(i + 1, &[".", ","])
                && self.tight(i + 2)
                && self.t.get(i + 2).is_some_and(|t| t.kind == Kind::Num)
        {
            return None;
        }
        Some((y, i + 1))
    }

    /// A year as it is said: "nineteen ninety-six", "nineteen eighty",
    /// "twenty fifteen".
    fn spelled_year(&self, i: usize) -> Option<(i32, usize)> {
        if !self.english {
            return None;
        }
        let century = match self.w(i) {
            "eighteen" => 18,
            "nineteen" => 19,
            "twenty" => 20,
            _ => return None,
        };
        let tens = small_number(self.w(i + 1)).filter(|n| (10.0..=90.0).contains(n))? as i32;
        let unit = (tens >= 20 && tens % 10 == 0 && self.is(i + 2, "-") && self.tight(i + 2))
            .then(|| small_number(self.w(i + 3)).filter(|n| (1.0..=9.0).contains(n)))
            .flatten();
        match unit {
            Some(u) => Some((century * 100 + tens + u as i32, i + 4)),
            None if tens < 20 || tens % 10 == 0 => Some((century * 100 + tens, i + 2)),
            None => None,
        }
    }

    /// The year of month `m` (of day `d`) without a year, by the clause's tense.
    fn year_of_month(&self, m: u32, a: usize, b: usize) -> Option<i32> {
        let r = self.anchor?;
        let Some(am) = r.m else {
            return Some(r.y);
        };
        let (m, am) = (m as i32, am as i32);
        Some(match self.tense(a, b) {
            Tense::Past => r.y - i32::from(m > am),
            Tense::Future => r.y + i32::from(m < am),
            Tense::Present => {
                if m - am > 6 {
                    r.y - 1
                } else if am - m > 6 {
                    r.y + 1
                } else {
                    r.y
                }
            }
        })
    }

    fn written(&self, i: usize) -> Option<Hit> {
        // An optional weekday first: "Friday, October 16, 2015".
        let mut j = i;
        if self.english && self.cap(i) && self.any(i, &EN_WEEKDAYS) {
            j += 1;
            if self.is(j, ",") {
                j += 1;
            }
        }
        let start_month = j;
        let the = usize::from(self.is(j, "the"));
        let (m, d, mut end) = if let Some((m, e)) = self.month(j) {
            // Month Day
            match self.day_of_month(e) {
                Some((d, e2)) if !(self.is(e2, ",") && self.num(e2 + 1, 1..=2).is_some()) => {
                    (m, Some(d), e2)
                }
                _ => (m, None, e),
            }
        } else if let Some((d, e)) = self.day_of_month(j + the) {
            // Day [of|de] Month
            let k = if self.any(e, &["of", "de"]) { e + 1 } else { e };
            let (m, e2) = self.month(k)?;
            (m, Some(d), e2)
        } else {
            return None;
        };
        // The year: "October 16, 2015", "October 2015", "16 de octubre de 2015", "May of 2008".
        let mut k = end;
        if self.is(k, ",") || self.any(k, &["de", "del"]) || (d.is_none() && self.is(k, "of")) {
            k += 1;
        }
        let year = self.year_number(k);
        // "October of next year": the year tells the month's value; "next
        // year" is an expression of its own.
        let of_year = if year.is_none() && self.english && self.is(end, "of") {
            self.of_year(end + 1)
                .filter(|(_, _, a)| *a == Anchoring::Publication && !self.is(end + 1, "the"))
                .map(|(y, _, _)| y)
        } else {
            None
        };
        if let Some((_, e)) = year {
            end = e;
            // "г." / "года" after a Russian year.
            if !self.english && self.any(end, &["г", "года", "год"]) {
                end += 1 + self.dot(end + 1);
            }
        }
        if j > i && d.is_none() {
            // "Friday, October" is not a date.
            return None;
        }
        if year.is_none() && d.is_none() && self.english {
            // A bare month: "May" and "March" only where a month is expected.
            let name = self.w(start_month);
            let ambiguous =
                matches!(name, "may" | "march") || EN_MONTH_ABBR.iter().any(|(a, _)| *a == name);
            if ambiguous && !(start_month > 0 && self.any(start_month - 1, MONTH_CONTEXT)) {
                return None;
            }
        }
        let (y, anchoring) = match (year, of_year) {
            (Some((y, _)), _) => (Some(y), Anchoring::Absolute),
            (None, Some(y)) => (Some(y), Anchoring::Publication),
            (None, None) => (self.year_of_month(m, i, end), Anchoring::Publication),
        };
        let y = y.map_or_else(|| "XXXX".to_owned(), |y| format!("{y:04}"));
        let value = match d {
            Some(d) => {
                if let Ok(yy) = y.parse::<i32>() {
                    ymd(yy, m, d)?
                } else {
                    // Without a year, 31 February is still not a date.
                    ymd(2000, m, d)?;
                    format!("{y}-{m:02}-{d:02}")
                }
            }
            None => format!("{y}-{m:02}"),
        };
        let anchoring = if y == "XXXX" {
            Anchoring::Absolute
        } else {
            anchoring
        };
        Some(Hit::new(end, value, TimexType::Date, anchoring))
    }

    // ----- years, decades, centuries -----

    fn year(&self, i: usize) -> Option<Hit> {
        let the = usize::from(self.english && self.is(i, "the"));
        let j = i + the;
        // Decades: "the 1990s", "the '80s", "80s".
        if let Some(hit) = self.english_year(i, the, j) {
            return hit;
        }
        let (y, end) = self.year_number(i)?;
        // Amounts and counts are not years: "$2000", "2000 people", "No. 2000".
        let prev = if i > 0 { self.w(i - 1) } else { "" };
        if matches!(prev, "$" | "€" | "£" | "¥" | "#" | "no" | "number" | "nr")
            || i > 0 && self.t[i - 1].kind == Kind::Num
            || self.any(
                end,
                &[
                    "%",
                    "percent",
                    "million",
                    "billion",
                    "thousand",
                    "people",
                    "jobs",
                    "units",
                    "employees",
                    "workers",
                    "dollars",
                    "euros",
                    "shares",
                    "cars",
                    "vehicles",
                    "points",
                    "km",
                    "kilometres",
                    "kilometers",
                    "miles",
                    "metres",
                    "meters",
                    "feet",
                    "tonnes",
                    "tons",
                    "barrels",
                    "troops",
                    "soldiers",
                ],
            )
        {
            return None;
        }
        let context = matches!(
            prev,
            "in" | "since"
                | "of"
                | "by"
                | "until"
                | "from"
                | "to"
                | "before"
                | "after"
                | "during"
                | "around"
                | "circa"
                | "between"
                | "and"
                | "year"
        );
        if !(1900..=2099).contains(&y) && !context {
            return None;
        }
        // "2009-2011", "2008/09": the first year; the second is a year of its own.
        Some(Hit::new(
            end,
            format!("{y:04}"),
            TimexType::Date,
            Anchoring::Absolute,
        ))
    }

    /// Decades, two-digit years, centuries and fiscal years, in English.
    /// (`Some`: decided, a hit or none; `None`: look further.)
    fn english_year(&self, i: usize, the: usize, j: usize) -> Option<Option<Hit>> {
        if self.english {
            let (k, apos) = if self.is(j, "'") {
                (j + 1, true)
            } else {
                (j, false)
            };
            if let Some(n) = self.num(k, 2..=4)
                && self.is(k + 1, "s")
                && self.tight(k + 1)
                && n % 10 == 0
            {
                let digits = self.t[k].lower.len();
                let v = match digits {
                    4 => format!("{:03}", n / 10),
                    2 => format!("19{}", n / 10),
                    _ => return Some(None),
                };
                if digits == 2 && !apos && the == 0 && !self.cap(k + 1) {
                    // "80s" alone could be ages or temperatures: only with "the" or an apostrophe.
                    if !(j > 0
                        && self.any(j - 1, &["early", "mid", "late", "-", "and", "or", "to"]))
                    {
                        return Some(None);
                    }
                }
                return Some(Some(Hit::new(
                    k + 2,
                    v,
                    TimexType::Date,
                    Anchoring::Absolute,
                )));
            }
            // "'82" (not "iLife'11")
            if apos
                && self.tight(k)
                && !(j > 0 && self.tight(j) && self.t[j - 1].kind == Kind::Word)
                && let Some(n) = self.num(k, 2..=2)
                && !self.tight(k + 1)
            {
                let this = self.anchor.map_or(2099, |a| a.y % 100 + 1);
                let y = if n as i32 > this { 1900 + n } else { 2000 + n };
                return Some(Some(Hit::new(
                    k + 1,
                    format!("{y}"),
                    TimexType::Date,
                    Anchoring::Absolute,
                )));
            }
            // Centuries: "the 20th century", "the nineteenth century".
            let nth = match self.w(j) {
                _ if self.num(j, 1..=2).is_some()
                    && self.any(j + 1, &["st", "nd", "rd", "th"])
                    && self.tight(j + 1) =>
                {
                    self.t[j].num.map(|n| (n as u32, j + 2))
                }
                "eighteenth" => Some((18, j + 1)),
                "nineteenth" => Some((19, j + 1)),
                "twentieth" => Some((20, j + 1)),
                "twenty" if self.is(j + 1, "-") && self.is(j + 2, "first") => Some((21, j + 3)),
                _ => None,
            };
            if let Some((c, e)) = nth
                && the == 1
                && self.is(e, "century")
                && (1..=30).contains(&c)
            {
                return Some(Some(Hit::new(
                    e + 1,
                    format!("{:02}", c - 1),
                    TimexType::Date,
                    Anchoring::Absolute,
                )));
            }
            // Fiscal years: "fiscal 2009", "fiscal year 2009", "FY2009".
            if self.any(i, &["fiscal", "financial"]) {
                let k = if self.is(i + 1, "year") { i + 2 } else { i + 1 };
                if let Some((y, e)) = self.year_number(k) {
                    return Some(Some(Hit::new(
                        e,
                        format!("{y:04}"),
                        TimexType::Date,
                        Anchoring::Absolute,
                    )));
                }
            }
            if self.is(i, "fy")
                && let Some(y) = self.num(i + 1, 4..=4)
            {
                return Some(Some(Hit::new(
                    i + 2,
                    format!("{y:04}"),
                    TimexType::Date,
                    Anchoring::Absolute,
                )));
            }
        }
        None
    }

    // ----- seasons, quarters, halves -----

    fn season_at(&self, i: usize) -> Option<Hit> {
        let det = self.w(i);
        let (j, shift) = match det {
            "this" => (i + 1, Some(0)),
            "last" | "past" => (i + 1, Some(-1)),
            "next" | "coming" => (i + 1, Some(1)),
            "the" => (i + 1, None),
            _ => (i, None),
        };
        let s = season(self.w(j))?;
        let mut end = j + 1;
        let k = if self.is(end, "of") { end + 1 } else { end };
        let year = self.year_number(k);
        if self.is(j, "fall") && year.is_none() && j == i {
            return None; // "fall" the verb
        }
        let (y, anchoring) = if let Some((y, e)) = year {
            end = e;
            (Some(y), Anchoring::Absolute)
        } else {
            let Some(r) = self.anchor else {
                return Some(Hit::new(
                    end,
                    format!("XXXX-{s}"),
                    TimexType::Date,
                    Anchoring::Absolute,
                ));
            };
            let am = r.m.unwrap_or(6) as i32;
            let sm = season_month(s) as i32;
            let y = match (shift, self.tense(i, end)) {
                (Some(0), _) => r.y,
                (Some(n), _) => {
                    // "last summer": the one before the current season.
                    let before = if n < 0 { sm < am - 1 } else { sm > am + 1 };
                    if before { r.y } else { r.y + n }
                }
                (None, Tense::Past) => r.y - i32::from(sm > am + 1),
                (None, Tense::Future) => r.y + i32::from(sm < am - 1),
                (None, Tense::Present) => r.y,
            };
            (Some(y), Anchoring::Publication)
        };
        let v = format!("{:04}-{s}", y.unwrap_or(0));
        Some(Hit::new(end, v, TimexType::Date, anchoring))
    }

    /// A year after "of": "of 2009", "of this year", "of last year": (value, end, anchoring).
    fn of_year(&self, k: usize) -> Option<(i32, usize, Anchoring)> {
        if let Some((y, e)) = self.year_number(k) {
            return Some((y, e, Anchoring::Absolute));
        }
        let shift = match self.w(k) {
            "this" | "the" => 0,
            "last" | "previous" => -1,
            "next" => 1,
            _ => return None,
        };
        if !self.is(k + 1, "year") {
            return None;
        }
        let y = self.anchor?.y + shift;
        Some((y, k + 2, Anchoring::Publication))
    }

    fn quarter(&self, i: usize) -> Option<Hit> {
        let the = usize::from(self.is(i, "the"));
        // "the 1988 second quarter": the year before the ordinal
        let year_before = (the == 1 && ordinal(self.w(i + 2)).is_some())
            .then(|| self.year_number(i + 1))
            .flatten()
            .filter(|&(_, e)| e == i + 2)
            .map(|(y, _)| y);
        let j = i + the + usize::from(year_before.is_some());
        // Q3, Q3 2009
        let (n, unit, mut end) = if self.is(j, "q")
            && let Some(q) = self.num(j + 1, 1..=1).filter(|_| self.tight(j + 1))
        {
            (q as u32, "Q", j + 2)
        } else if the == 1 && self.is(j, "quarter") && !self.any(j + 1, &["of", "century", "-"]) {
            // "the quarter" a company reports on: the last one ended
            (0, "Q", j + 1)
        } else if the == 1
            && self.is(j, "most")
            && self.is(j + 1, "recent")
            && self.is(j + 2, "quarter")
        {
            (0, "Q", j + 3)
        } else {
            let n = match self.w(j) {
                "final" | "last" | "latest" if the == 1 => 0,
                "last" => 99,
                "this" | "current" => 100,
                "next" => 101,
                "previous" => 99,
                w => {
                    if let Some(n) = ordinal(w) {
                        n
                    } else if self.num(j, 1..=1).is_some()
                        && self.any(j + 1, &["st", "nd", "rd", "th"])
                        && self.tight(j + 1)
                    {
                        ordinal(&format!("{}{}", self.w(j), self.w(j + 1)))?
                    } else {
                        return None;
                    }
                }
            };
            let k = if self.num(j, 1..=1).is_some() {
                j + 2
            } else {
                j + 1
            };
            let k = if self.is(k, "-") && self.tight(k) {
                k + 1
            } else {
                k
            };
            let (unit, max) = match self.w(k) {
                "quarter" => ("Q", 4),
                "half" => ("H", 2),
                _ => return None,
            };
            if (1..=4).contains(&n) && n > max {
                return None;
            }
            (n, unit, k + 1)
        };
        // "of 2009", "2009", "of this year"
        let k = if self.is(end, "of") { end + 1 } else { end };
        let year = year_before.map(|y| (y, end, Anchoring::Absolute));
        let year = year.or_else(|| self.of_year(k)).or_else(|| {
            (unit == "Q" && self.num(end, 4..=4).is_some())
                .then(|| {
                    self.year_number(end)
                        .map(|(y, e)| (y, e, Anchoring::Absolute))
                })
                .flatten()
        });
        let r = self.anchor;
        let per_year = if unit == "Q" { 4 } else { 2 };
        let current = r.and_then(|r| r.quarter()).map(|q| {
            if unit == "Q" {
                q as i32
            } else {
                (q as i32 + 1) / 2
            }
        });
        let (y, n, anchoring) = match (year, n) {
            (Some((y, e, a)), 0) => {
                end = e;
                (Some(y), per_year, a)
            }
            (Some((y, e, a)), n) if n <= 4 => {
                end = e;
                (Some(y), n as i32, a)
            }
            (_, 99..=101) => {
                // last / this / next quarter, from the anchor's.
                let (Some(r), Some(c)) = (r, current) else {
                    return None;
                };
                let (y, n) = shift_period(r.y, c, per_year, n as i32 - 100);
                (Some(y), n, Anchoring::Publication)
            }
            (None, 0) => {
                // "the last quarter": the one before the anchor's.
                let (Some(r), Some(c)) = (r, current) else {
                    return None;
                };
                let (y, n) = shift_period(r.y, c, per_year, -1);
                (Some(y), n, Anchoring::Publication)
            }
            (None, n) => {
                let n = n as i32;
                match (r, current) {
                    (Some(r), Some(c)) => {
                        // In the future tense, the quarter just ended is still
                        // this year's: its results are yet to be reported.
                        let y = match self.tense(i, end) {
                            Tense::Past => r.y - i32::from(n > c),
                            Tense::Future => r.y + i32::from(n < c - 1),
                            Tense::Present => r.y,
                        };
                        (Some(y), n, Anchoring::Publication)
                    }
                    (Some(r), None) => (Some(r.y), n, Anchoring::Publication),
                    _ => (None, n, Anchoring::Absolute),
                }
            }
            _ => return None,
        };
        let y = y.map_or_else(|| "XXXX".to_owned(), |y| format!("{y:04}"));
        Some(Hit::new(
            end,
            format!("{y}-{unit}{n}"),
            TimexType::Date,
            anchoring,
        ))
    }

    /// "the year-earlier quarter", "the year-ago third quarter", "year-ago
    /// results": the same period a year before; a quarter or "period" not
    /// named is the last quarter ended.
    fn year_earlier(&self, i: usize) -> Option<Hit> {
        let the = usize::from(self.is(i, "the"));
        let j = i + the;
        let glued = self.is(j, "year")
            && self.is(j + 1, "-")
            && self.tight(j + 1)
            && self.any(j + 2, &["earlier", "ago"])
            && self.tight(j + 2);
        if !glued {
            return None;
        }
        let r = self.anchor?;
        let k = j + 3;
        let c = r.quarter()? as i32;
        let named = ordinal(self.w(k))
            .filter(|n| (1..=4).contains(n) && self.is(k + 1, "quarter"))
            .map(|n| n as i32);
        let (quarter, end) = match named {
            Some(n) => (Some((r.y - i32::from(n >= c), n)), k + 2),
            None if self.any(k, &["quarter", "period"]) => {
                (Some(shift_period(r.y, c, 4, -1)), k + 1)
            }
            // "the year-earlier results": the article is no part of it
            None if the == 1 => return None,
            None => (None, k),
        };
        let value = match quarter {
            Some((y, q)) => format!("{:04}-Q{q}", y - 1),
            None => self
                .quarter_a_year_before()
                .unwrap_or_else(|| format!("{:04}", r.y - 1)),
        };
        Some(Hit::new(
            end,
            value,
            TimexType::Date,
            Anchoring::Publication,
        ))
    }

    /// "the last week of March", "the first week of June 2009".
    fn week_of_month(&self, i: usize) -> Option<Hit> {
        if !self.is(i, "the") || !self.is(i + 2, "week") || !self.is(i + 3, "of") {
            return None;
        }
        let nth = match self.w(i + 1) {
            "last" | "final" => 0,
            w => ordinal(w)?,
        };
        let (m, mut end) = self.month(i + 4)?;
        let (y, anchoring) = match self.year_number(end) {
            Some((y, e)) => {
                end = e;
                (y, Anchoring::Absolute)
            }
            None => (self.year_of_month(m, i, end)?, Anchoring::Publication),
        };
        let day = if nth == 0 {
            let last = (28..=31)
                .rev()
                .find(|d| chrono::NaiveDate::from_ymd_opt(y, m, *d).is_some())?;
            last - 3
        } else {
            7 * nth - 3
        };
        let week = Ref::parse(&ymd(y, m, day)?)?.week(0)?;
        Some(Hit::new(end, week, TimexType::Date, anchoring))
    }

    // ----- weekdays and relative days -----

    /// The day `wd` (0 = Monday) nearest the anchor in the clause's direction.
    fn weekday_value(
        &self,
        wd: u32,
        shift: Option<i64>,
        a: usize,
        b: usize,
    ) -> (String, Anchoring) {
        let Some(date) = self.anchor.and_then(|r| r.date()) else {
            return (format!("XXXX-WXX-{}", wd + 1), Anchoring::Absolute);
        };
        use chrono::Datelike;
        let awd = date.weekday().num_days_from_monday() as i64;
        let wd = wd as i64;
        let back = (awd - wd).rem_euclid(7);
        let ahead = (wd - awd).rem_euclid(7);
        let offset = match shift {
            Some(-1) => -(if back == 0 { 7 } else { back }),
            Some(1) => {
                if ahead == 0 {
                    7
                } else {
                    ahead
                }
            }
            Some(_) => {
                // "this Friday": in the anchor's week.
                wd - awd
            }
            None => match self.tense(a, b) {
                Tense::Past => -back,
                Tense::Future => {
                    if ahead == 0 {
                        7
                    } else {
                        ahead
                    }
                }
                Tense::Present => {
                    if ahead <= 3 {
                        ahead
                    } else {
                        -back
                    }
                }
            },
        };
        (
            Ref::day(date).add_days(offset).value(),
            Anchoring::Publication,
        )
    }

    fn weekday(&self, i: usize) -> Option<Hit> {
        let shift = match self.w(i) {
            "last" | "past" | "previous" => Some(-1),
            "next" | "coming" => Some(1),
            "this" => Some(0),
            _ => None,
        };
        let j = i + usize::from(shift.is_some());
        let w = self.w(j);
        if !self.cap(j) {
            return None;
        }
        // "Mondays": every Monday.
        if let Some(p) = EN_WEEKDAYS
            .iter()
            .position(|d| w.strip_suffix('s') == Some(d))
            && shift.is_none()
        {
            return Some(Hit::new(
                j + 1,
                format!("XXXX-WXX-{}", p + 1),
                TimexType::Set,
                Anchoring::Absolute,
            ));
        }
        let wd = EN_WEEKDAYS.iter().position(|d| *d == w)? as u32;
        // "Black Monday", "Good Friday": named days, not this week's.
        if j > 0
            && shift.is_none()
            && self.any(
                j - 1,
                &[
                    "black", "cyber", "bloody", "easter", "super", "ash", "good", "holy", "palm",
                    "maundy", "shrove", "whit", "giving",
                ],
            )
        {
            return None;
        }
        let mut end = j + 1;
        let (mut v, anchoring) = self.weekday_value(wd, shift, i, end);
        if let Some(p) = self.part_of_day(end) {
            v = format!("{v}T{p}");
            end += 1;
            return Some(Hit::new(end, v, TimexType::Time, anchoring));
        }
        Some(Hit::new(end, v, TimexType::Date, anchoring))
    }

    fn part_of_day(&self, i: usize) -> Option<&'static str> {
        Some(match self.w(i) {
            "morning" => "MO",
            "afternoon" => "AF",
            "evening" => "EV",
            "night" => "NI",
            _ => return None,
        })
    }

    /// today, tonight, yesterday, tomorrow: (offset in days, part of day, end).
    fn day_word(&self, i: usize) -> Option<(i64, Option<&'static str>, usize)> {
        Some(match self.w(i) {
            "today" => (0, None, i + 1),
            "tonight" => (0, Some("NI"), i + 1),
            "yesterday" => (-1, None, i + 1),
            "tomorrow" => (1, None, i + 1),
            _ => return None,
        })
    }

    fn relative_day(&self, i: usize) -> Option<Hit> {
        let (mut off, mut part, mut end) = self.day_word(i)?;
        if self.is(end, "'") && off == 0 {
            return None; // "today's": a determiner, PRESENT_REF below
        }
        if part.is_none()
            && let Some(p) = self.part_of_day(end)
        {
            part = Some(p);
            end += 1;
        }
        if self.is(i, "the") {
            off = 0;
        }
        if self.anchor.is_none() && off == 0 && part.is_none() {
            return Some(Hit::new(
                end,
                "PRESENT_REF",
                TimexType::Date,
                Anchoring::Absolute,
            ));
        }
        Some(self.day_hit(end, off, part))
    }

    /// Token `i` is "today", "yesterday", "tomorrow" or "tonight".
    fn day_word_at(&self, i: usize) -> bool {
        self.day_word(i).is_some()
    }

    /// How many tokens at `i` say "a year ago" ("a year earlier", "last
    /// year", "of the previous year", "the year before"); 0 if none.
    fn year_ago(&self, i: usize) -> usize {
        let w: Vec<&str> = (i..i + 4).map(|k| self.w(k)).collect();
        match w.as_slice() {
            ["a" | "one", "year", "ago" | "earlier" | "before", ..] => 3,
            ["the", "year", "before", ..] => 3,
            ["last", "year", ..] => 2,
            ["of", "last", "year", ..] => 3,
            ["of", "the", "last" | "previous" | "prior", "year"] => 4,
            ["the", "previous" | "prior", "year", ..] => 3,
            _ => 0,
        }
    }

    /// The antecedent of an anaphoric expression about a `unit` (the last day
    /// the text mentioned for "the same day"), or the anchor.
    fn antecedent(&self, unit: &str) -> Option<(Ref, Anchoring)> {
        let slot = match unit {
            "day" | "time" | "week" | "weekend" => 0,
            "month" | "period" | "quarter" => 1,
            _ => 2,
        };
        match self.last[slot] {
            Some(r) => Some((r, Anchoring::Previous(r.value()))),
            None => self.anchor.map(|a| (a, Anchoring::Publication)),
        }
    }

    fn relative(&self, i: usize, after_of: bool) -> Option<Hit> {
        if let Some(h) = self.relative_day(i) {
            return Some(h);
        }
        let w0 = self.w(i);
        // "the day before yesterday", "the day after tomorrow"
        if w0 == "the"
            && self.is(i + 1, "day")
            && self.any(i + 2, &["before", "after"])
            && let Some((off, _, e)) = self.day_word(i + 3)
        {
            let off = off + if self.is(i + 2, "before") { -1 } else { 1 };
            let r = self.anchor?;
            return Some(Hit::new(
                e,
                r.add_days(off).value(),
                TimexType::Date,
                Anchoring::Publication,
            ));
        }
        // "this morning", "last night"
        if let Some(p) = self.part_of_day(i + 1) {
            let off = match w0 {
                "this" => 0,
                "last" if p == "NI" => -1,
                _ => return None,
            };
            let r = self.anchor.filter(|r| r.d.is_some());
            let v = r.map_or_else(
                || format!("XXXX-XX-XXT{p}"),
                |r| format!("{}T{p}", r.add_days(off).value()),
            );
            let a = if r.is_some() {
                Anchoring::Publication
            } else {
                Anchoring::Absolute
            };
            return Some(Hit::new(i + 2, v, TimexType::Time, a));
        }
        // "this week", "last month", "next year", "the same day", "the previous year"
        let (j, kind) = match (w0, self.w(i + 1)) {
            ("this" | "current", _) => (i + 1, Rel::Shift(0)),
            ("last" | "past", _) => (i + 1, Rel::Shift(-1)),
            ("next" | "coming", _) => (i + 1, Rel::Shift(1)),
            ("that", _) => (i + 1, Rel::Same),
            ("the", "same" | "very" | "entire" | "whole" | "full") => (i + 2, Rel::Same),
            ("the", "previous" | "preceding" | "prior") => (i + 2, Rel::Anaphor(-1)),
            ("the", "following" | "next" | "subsequent") => (i + 2, Rel::Anaphor(1)),
            ("the", "last" | "past") => (i + 2, Rel::Shift(-1)),
            ("the", "current") => (i + 2, Rel::Shift(0)),
            ("the", _) => (i + 1, Rel::Same),
            _ => return None,
        };
        // "the day", "the year" alone are dates only where the context says so.
        let bare = w0 == "the" && j == i + 1 && !after_of;
        let unit_word = self.w(j);
        // "the year before", "the day after": from the antecedent.
        let (kind, tail) = match (kind, self.w(j + 1)) {
            (Rel::Same, "before" | "earlier" | "previous" | "prior")
                if w0 == "the" && j == i + 1 && !self.day_word_at(j + 2) =>
            {
                (Rel::Anaphor(-1), 1)
            }
            (Rel::Same, "after" | "later")
                if w0 == "the" && j == i + 1 && !self.day_word_at(j + 2) =>
            {
                (Rel::Anaphor(1), 1)
            }
            (k, _) => (k, 0),
        };
        let bare = bare && tail == 0;
        // "the same month a year ago", "the same period last year".
        let year_back = if matches!(kind, Rel::Same) && j > i + 1 {
            self.year_ago(j + 1)
        } else {
            0
        };
        let (mut r, anchoring) = match kind {
            Rel::Shift(_) => (self.anchor?, Anchoring::Publication),
            Rel::Same | Rel::Anaphor(_) => self.antecedent(unit_word)?,
        };
        let shift = match kind {
            Rel::Shift(n) | Rel::Anaphor(n) => n as i64,
            Rel::Same => 0,
        };
        // "last September", "next Friday" are weekdays and months.
        if let Some((m, e)) = self.month(j)
            && matches!(kind, Rel::Shift(_))
            && self.day_of_month(e).is_none()
        {
            let am = r.m? as i32;
            let m_i = m as i32;
            let y = match shift {
                0 => r.y,
                -1 => r.y - i32::from(m_i >= am),
                _ => r.y + i32::from(m_i <= am),
            };
            return Some(Hit::new(
                e,
                format!("{y:04}-{m:02}"),
                TimexType::Date,
                Anchoring::Publication,
            ));
        }
        let end = j + 1 + tail + year_back;
        if year_back > 0 {
            r.y -= 1;
        }
        let at = Relative {
            i,
            j,
            end,
            w0,
            bare,
            kind,
            shift,
            year_back,
        };
        let (v, kind_out) = match self.relative_value(&at, unit_word, r) {
            Ok(v) => v,
            Err(hit) => return hit,
        };
        // a shift ("two days later") needs the anchor it shifts from
        if let Rel::Shift(_) = kind {
            self.anchor?;
        }
        let anchoring = if v.starts_with('X') {
            Anchoring::Absolute
        } else {
            anchoring
        };
        Some(Hit::new(end, v, kind_out, anchoring))
    }

    /// The value of a relative expression by its unit word ("day",
    /// "week", ... "century"), from its reference `r`; `Err`: decided
    /// without one (a hit of another kind, or none).
    fn relative_value(
        &self,
        at: &Relative<'_>,
        unit_word: &str,
        r: calendar::Ref,
    ) -> Result<(String, TimexType), Option<Hit>> {
        let Relative {
            i,
            j,
            end,
            w0,
            bare,
            kind,
            shift,
            year_back,
        } = *at;
        Ok(match unit_word {
            "day" => {
                if bare {
                    // "the day" is a date only where a day is expected: "on the
                    // day", "for the day", "ended the day".
                    let prev = if i > 0 { self.w(i - 1) } else { "" };
                    if !DAY_CONTEXT.contains(&prev)
                        || self.any(j + 1, &["of", "when", "that", "before", "after", "'", "-"])
                    {
                        return Err(None);
                    }
                }
                if matches!(kind, Rel::Shift(_)) {
                    // "this day", "the past day": rare; "last day" is a day of something.
                    return Err(None);
                }
                if bare && r.d.is_none() {
                    return Err(None);
                }
                if r.d.is_none() {
                    (r.value(), TimexType::Date)
                } else {
                    (r.add_days(shift).value(), TimexType::Date)
                }
            }
            "week" => {
                if let Some(h) = self.one_unit(i, end, bare, w0 == "the", "P1W") {
                    return Err(Some(h));
                }
                if bare {
                    return Err(None);
                }
                (
                    r.week(shift).unwrap_or_else(|| "XXXX-WXX".to_owned()),
                    TimexType::Date,
                )
            }
            "weekend" => {
                let week = if matches!(kind, Rel::Same) && w0 == "the" {
                    // "the weekend": the last one in a past clause, the next one in a future one.
                    let r0 = r;
                    use chrono::Datelike;
                    let wd = r0
                        .date()
                        .map_or(0, |d| d.weekday().num_days_from_monday() as i64);
                    match self.tense(i, end) {
                        Tense::Past if wd < 5 => r0.week(-1),
                        _ => r0.week(0),
                    }
                } else {
                    r.week(shift)
                };
                (
                    format!("{}-WE", week.unwrap_or_else(|| "XXXX-WXX".to_owned())),
                    TimexType::Date,
                )
            }
            "month" => {
                if let Some(h) = self.one_unit(i, end, bare, w0 == "the", "P1M") {
                    return Err(Some(h));
                }
                if bare {
                    return Err(None);
                }
                if r.m.is_none() {
                    (format!("{:04}-XX", r.y), TimexType::Date)
                } else {
                    (r.add_months(shift).value(), TimexType::Date)
                }
            }
            "year" => {
                // "the past year", and "past year" without its article.
                let opens = w0 == "the" || w0 == "past";
                if let Some(h) = self.one_unit(i, end, bare, opens, "P1Y") {
                    return Err(Some(h));
                }
                if bare {
                    return Err(None);
                }
                (r.year(shift), TimexType::Date)
            }
            "decade" => {
                if w0 == "past" || self.is(i + 1, "past") || self.is(i + 1, "last") {
                    return Err(Some(Hit::new(
                        end,
                        "P10Y",
                        TimexType::Duration,
                        Anchoring::Absolute,
                    )));
                }
                if matches!(kind, Rel::Same) {
                    return Err(None);
                }
                let d = (r.y.div_euclid(10) + shift as i32).max(0);
                (format!("{d:03}"), TimexType::Date)
            }
            "century" => {
                if matches!(kind, Rel::Same) {
                    return Err(None);
                }
                if w0 == "past" || self.is(i + 1, "past") || self.is(i + 1, "last") {
                    return Err(Some(Hit::new(
                        end,
                        "P100Y",
                        TimexType::Duration,
                        Anchoring::Absolute,
                    )));
                }
                let c = (r.y.div_euclid(100) + shift as i32).max(0);
                (format!("{c:02}"), TimexType::Date)
            }
            // "at the same time" links two clauses; "at that time" is a date.
            "time" if matches!(kind, Rel::Same) && w0 == "that" => (r.value(), TimexType::Date),
            "period" | "time" if year_back > 0 => (r.value(), TimexType::Date),
            _ => return Err(None),
        })
    }

    // ----- durations -----

    /// A quantity at `i`: (value, None when vague; end).
    fn quantity(&self, i: usize) -> Option<(Option<f64>, usize)> {
        let w = self.w(i);
        let (mut n, mut end) = if let Some(n) = self.num(i, 1..=6) {
            if self.is(i + 1, ",") && self.tight(i + 1) && self.num(i + 2, 3..=3).is_some() {
                return None; // 2,000: a count, rarely of time units
            }
            if self.is(i + 1, ".") && self.tight(i + 1) && self.tight(i + 2) {
                let frac = self.t.get(i + 2)?;
                if frac.kind != Kind::Num {
                    (Some(n as f64), i + 1)
                } else {
                    let v: f64 = format!("{n}.{}", frac.lower).parse().ok()?;
                    (Some(v), i + 3)
                }
            } else {
                (Some(n as f64), i + 1)
            }
        } else if let Some(n) = small_number(w) {
            // "twenty-five", "a hundred"
            let mut v = n;
            let mut e = i + 1;
            if (20.0..100.0).contains(&n)
                && self.is(e, "-")
                && self.tight(e)
                && let Some(u) = small_number(self.w(e + 1)).filter(|u| *u < 10.0)
            {
                v += u;
                e += 2;
            }
            if matches!(w, "a" | "an") && self.is(e, "hundred") {
                v = 100.0;
                e += 1;
            } else if matches!(w, "a" | "an") && self.is(e, "dozen") {
                v = 12.0;
                e += 1;
            } else if matches!(w, "a" | "an") && self.is(e, "couple") && self.is(e + 1, "of") {
                v = 2.0;
                e += 2;
            } else if matches!(w, "a" | "an") && self.is(e, "few") {
                return Some((None, e + 1));
            }
            (Some(v), e)
        } else {
            match w {
                "several" | "many" | "few" | "numerous" | "multiple" | "some" => (None, i + 1),
                "couple" if self.is(i + 1, "of") => (Some(2.0), i + 2),
                "dozens" | "hundreds" | "thousands" if self.is(i + 1, "of") => (None, i + 2),
                _ => return None,
            }
        };
        // "two and a half years"
        if n.is_some() && self.is(end, "and") && self.is(end + 1, "a") && self.is(end + 2, "half") {
            n = n.map(|v| v + 0.5);
            end += 3;
        }
        Some((n, end))
    }

    fn duration(&self, i: usize) -> Option<Hit> {
        let w0 = self.w(i);
        // "for" a vague stretch makes it a duration; "in recent years", "in
        // coming months", "over the past several quarters" are dates.
        let stretch = i > 0 && self.is(i - 1, "for");
        // "recent years", "coming months"
        if matches!(w0, "recent" | "coming")
            && let Some(u) = unit(self.w(i + 1)).filter(|u| u.plural && u.letter != "Q")
        {
            let (v, kind) = match (stretch, w0) {
                (true, _) => (duration_value(None, u), TimexType::Duration),
                (false, "recent") => ("PAST_REF".to_owned(), TimexType::Date),
                (false, _) => ("FUTURE_REF".to_owned(), TimexType::Date),
            };
            return Some(Hit::new(i + 2, v, kind, Anchoring::Absolute));
        }
        // "the year ended March 31", "the fiscal year ending in June": a
        // company's accounting year, a stretch of one year
        let fiscal = usize::from(self.is(i + 1, "fiscal"));
        if w0 == "the"
            && self.is(i + 1 + fiscal, "year")
            && self.any(i + 2 + fiscal, &["ended", "ending"])
        {
            return Some(Hit::new(
                i + 2 + fiscal,
                "P1Y",
                TimexType::Duration,
                Anchoring::Absolute,
            ));
        }
        // "the past nine days", "the next six months", "the first two years"
        let (j, lead) = match (w0, self.w(i + 1)) {
            (
                "the",
                "past" | "last" | "next" | "coming" | "previous" | "first" | "following" | "final"
                | "recent" | "preceding" | "latest",
            ) => (i + 2, true),
            ("past" | "last" | "next" | "coming" | "previous" | "first", _) => (i + 1, true),
            // "the four days", "the two years": the determiner is the span's
            ("the", _) if self.quantity(i + 1).is_some_and(|(n, _)| n.is_some()) => (i + 1, false),
            _ => (i, false),
        };
        // A bare plural unit after a preposition: "for years", "in minutes", "recent years".
        if let Some(hit) = self.bare_unit(i, j, lead) {
            return hit;
        }
        let (mut n, k) = self.quantity(j)?;
        if lead && n.is_none() && !self.is(j, "few") && !self.is(j, "several") {
            return None;
        }
        let mut k = k;
        // "27-year", "five-year", "single-day"
        let hyphen = self.is(k, "-") && self.tight(k) && self.tight(k + 1);
        if hyphen {
            k += 1;
        } else {
            while self.any(k, UNIT_ADJECTIVES) && k < j + 4 {
                k += 1;
            }
        }
        // "between 60 and 90 days": the first number takes the unit.
        if !hyphen
            && n.is_some()
            && self.any(k, &["and", "to", "or", "-"])
            && let Some((_, k2)) = self.quantity(k + 1)
            && let Some(u) = unit(self.w(k2)).filter(|u| u.plural)
            && self.t[j].kind == Kind::Num
        {
            return Some(Hit::new(
                k,
                duration_value(n, u),
                TimexType::Duration,
                Anchoring::Absolute,
            ));
        }
        let u = unit(self.w(k))?;
        let qword = self.w(j);
        // "a second" is an ordinal; "a quarter" a fraction; "one night" a date.
        if u.letter == "S" && matches!(qword, "a" | "an" | "one")
            || u.letter == "Q" && !(u.plural || hyphen) && !lead
            || self.is(k, "night") && !lead
            || (u.letter == "Q" && hyphen)
        {
            return None;
        }
        // Singular and plural must agree with the number ("two year" is a compound).
        if !hyphen && n.is_some_and(|v| v == 1.0) && u.plural && matches!(qword, "a" | "an" | "one")
        {
            return None;
        }
        let mut end = k + 1;
        // "51-year-old" is an age, "five years old" too.
        if self.is(end, "-") && self.is(end + 1, "old") || self.is(end, "old") {
            return None;
        }
        end += self.long_suffix(end);
        // "a year and a half"
        if n.is_some() && self.is(end, "and") && self.is(end + 1, "a") && self.is(end + 2, "half") {
            n = n.map(|v| v + 0.5);
            end += 3;
        }
        // A quantity "a" after an amount is a rate: "$5 a day" — a set.
        if matches!(qword, "a" | "an" | "per")
            && j > 0
            && (self.t[j - 1].kind == Kind::Num
                || self.any(
                    j - 1,
                    &[
                        "%", "million", "billion", "thousand", "times", "twice", "once", "dollars",
                        "euros", "percent",
                    ],
                ))
            && !lead
            && !self.any(end, &["ago", "earlier", "later"])
        {
            return Some(Hit::new(
                end,
                duration_value(Some(1.0), u),
                TimexType::Set,
                Anchoring::Absolute,
            ));
        }
        // "a year earlier", "two days later": a date from the one the text
        // last mentioned (or the anchor)
        if self.any(end, &["earlier", "later"]) && !lead && !u.time {
            return Some(self.shifted(n, u, end));
        }
        // "two days ago": a date.
        if self.is(end, "ago") && !lead {
            return Some(self.ago(n, u, end));
        }
        let start_ok = lead || n.is_some() || !matches!(qword, "some");
        if !start_ok {
            return None;
        }
        let past = self.any(if w0 == "the" { i + 1 } else { i }, &["past", "last"]);
        if n.is_none() && lead && past && !stretch {
            return Some(Hit::new(
                end,
                "PAST_REF",
                TimexType::Date,
                Anchoring::Absolute,
            ));
        }
        // "years" after "for the past few": vague.
        let v = duration_value(n, u);
        Some(Hit::new(end, v, TimexType::Duration, Anchoring::Absolute))
    }

    /// "a year earlier", "two weeks later" (the word at `end`): `n` units
    /// `u` before or after the antecedent of their unit; with no number or
    /// no date to count from, a past or future reference.
    /// "two days ago" (the word at `end`): a date before the anchor; with
    /// no number or no anchor, a past reference.
    fn ago(&self, n: Option<f64>, u: Unit, end: usize) -> Hit {
        let r = self.anchor;
        let v = match (n, r) {
            (None, _) => "PAST_REF".to_owned(),
            (Some(n), Some(r)) => {
                let n = n * u.factor as f64;
                match u.letter {
                    "D" => r.add_days(-(n.round() as i64)).value(),
                    "W" => r.add_days(-(n * 7.0).round() as i64).value(),
                    "M" if !u.time => r.add_months(-(n.round() as i64)).value(),
                    "Y" if n.fract() != 0.0 => r.add_months(-(n * 12.0).round() as i64).value(),
                    "Y" => (n == 1.0)
                        .then(|| self.quarter_a_year_before())
                        .flatten()
                        .unwrap_or_else(|| r.year(-(n as i64))),
                    "Q" => r.add_months(-(n * 3.0).round() as i64).value(),
                    _ => r.value(),
                }
            }
            (Some(_), None) => "PAST_REF".to_owned(),
        };
        let a = if v.ends_with("_REF") {
            Anchoring::Absolute
        } else {
            Anchoring::Publication
        };
        Hit::new(end + 1, v, TimexType::Date, a)
    }

    /// "a year ago", "a year earlier" after a quarter was named: that
    /// quarter, a year before.
    fn quarter_a_year_before(&self) -> Option<String> {
        let (y, q) = self.last_quarter?;
        Some(format!("{:04}-Q{q}", y - 1))
    }

    fn shifted(&self, n: Option<f64>, u: Unit, end: usize) -> Hit {
        let sign = if self.is(end, "earlier") { -1.0 } else { 1.0 };
        let name = match u.letter {
            "D" => "day",
            "W" => "week",
            "M" | "Q" => "month",
            _ => "year",
        };
        let (v, a) = match (n, self.antecedent(name)) {
            (Some(n), Some((r, a))) => {
                let n = n * u.factor as f64 * sign;
                let v = match u.letter {
                    "D" => r.add_days(n.round() as i64).value(),
                    "W" => r.add_days((n * 7.0).round() as i64).value(),
                    "M" => r.add_months(n.round() as i64).value(),
                    "Q" => r.add_months((n * 3.0).round() as i64).value(),
                    _ if n.fract() != 0.0 => r.add_months((n * 12.0).round() as i64).value(),
                    _ => (n == -1.0)
                        .then(|| self.quarter_a_year_before())
                        .flatten()
                        .unwrap_or_else(|| r.year(n as i64)),
                };
                (v, a)
            }
            _ => {
                let v = if sign < 0.0 { "PAST_REF" } else { "FUTURE_REF" };
                (v.to_owned(), Anchoring::Absolute)
            }
        };
        Hit::new(end + 1, v, TimexType::Date, a)
    }

    /// A bare plural unit after a preposition: "for years", "in minutes", "recent years".
    /// (`Some`: decided, a hit or none; `None`: look further.)
    fn bare_unit(&self, i: usize, j: usize, lead: bool) -> Option<Option<Hit>> {
        if let Some(u) = unit(self.w(j)).filter(|u| u.plural && u.letter != "Q") {
            let prev = if j > 0 { self.w(j - 1) } else { "" };
            let recent = self.is(j.wrapping_sub(1), "recent") && j > i;
            if lead
                || recent
                || self.long_suffix(j + 1) > 0
                || j == i
                    && matches!(
                        prev,
                        "for"
                            | "in"
                            | "within"
                            | "over"
                            | "after"
                            | "of"
                            | "took"
                            | "take"
                            | "takes"
                    )
            {
                if u.letter == "S" && !lead {
                    return Some(None);
                }
                let end = j + 1 + self.long_suffix(j + 1);
                if self.is(end, "ago") || self.any(end, &["old"]) {
                    return Some(None);
                }
                if self.is(j, "decades") && self.long_suffix(j + 1) == 0 && !lead && prev == "of" {
                    // "of decades" is as good as any
                }
                let v = duration_value(None, u);
                return Some(Some(Hit::new(
                    end,
                    v,
                    TimexType::Duration,
                    Anchoring::Absolute,
                )));
            }
        }
        None
    }

    /// 2 for "-long" glued after a unit ("decades-long"), else 0.
    fn long_suffix(&self, i: usize) -> usize {
        if self.is(i, "-") && self.tight(i) && self.is(i + 1, "long") && self.tight(i + 1) {
            2
        } else {
            0
        }
    }

    // ----- sets -----

    fn set(&self, i: usize) -> Option<Hit> {
        let w = self.w(i);
        let one = |v: &str, kind| Some(Hit::new(i + 1, v, kind, Anchoring::Absolute));
        match w {
            "daily" | "nightly" => return one("P1D", TimexType::Set),
            "weekly" => return one("P1W", TimexType::Set),
            "monthly" => return one("P1M", TimexType::Set),
            "quarterly" => return one("P3M", TimexType::Set),
            "annually" | "yearly" => return one("P1Y", TimexType::Set),
            "hourly" => return one("PT1H", TimexType::Set),
            // "annual loss" measures a year; "annual meeting" recurs, unannotated
            "annual" if self.any(i + 1, ANNUAL_MEASURES) => {
                return one("P1Y", TimexType::Duration);
            }
            "every" | "each" | "per" => {}
            _ => return None,
        }
        let j = if self.is(i + 1, "other") {
            i + 2
        } else {
            i + 1
        };
        let every = if j > i + 1 { 2.0 } else { 1.0 };
        if let Some(u) = unit(self.w(j)).filter(|u| !u.plural) {
            return Some(Hit::new(
                j + 1,
                duration_value(Some(every), u),
                TimexType::Set,
                Anchoring::Absolute,
            ));
        }
        if w == "per" {
            return None;
        }
        if let Some(p) = EN_WEEKDAYS.iter().position(|d| *d == self.w(j)) {
            return Some(Hit::new(
                j + 1,
                format!("XXXX-WXX-{}", p + 1),
                TimexType::Set,
                Anchoring::Absolute,
            ));
        }
        if let Some((m, e)) = self.month(j) {
            return Some(Hit::new(
                e,
                format!("XXXX-{m:02}"),
                TimexType::Set,
                Anchoring::Absolute,
            ));
        }
        None
    }

    // ----- PRESENT_REF, PAST_REF, FUTURE_REF -----

    fn reference(&self, i: usize) -> Option<Hit> {
        use TimexType::Date;
        let r = |end: usize, v: &str| Some(Hit::new(end, v, Date, Anchoring::Absolute));
        let w = self.w(i);
        let next = self.w(i + 1);
        let prev = if i > 0 { self.w(i - 1) } else { "" };
        // "now-defunct", "soon-to-open": parts of compounds.
        let compound = next == "-" && self.tight(i + 1) || prev == "-" && self.tight(i);
        if compound
            && matches!(
                w,
                "now" | "currently" | "soon" | "recent" | "current" | "later"
            )
        {
            return None;
        }
        match (w, next) {
            ("now" | "currently" | "presently" | "nowadays", _) => r(i + 1, "PRESENT_REF"),
            ("current", _) if prev != "-" && !self.tight(i + 1) => r(i + 1, "PRESENT_REF"),
            ("today", "'") => r(i + 1, "PRESENT_REF"),
            ("recently" | "lately", _) => r(i + 1, "PAST_REF"),
            ("recent", _) => r(i + 1, "PAST_REF"),
            // Bare "soon", "later" and "earlier" are not annotated in TimeBank
            // news; "very soon" and "later in the day" are.
            ("very", "soon") => r(i + 2, "FUTURE_REF"),
            ("later", "in") if self.is(i + 2, "the") => r(i + 1, "FUTURE_REF"),
            ("the", "past") if !matches!(self.w(i + 2), "-" | "tense") => r(i + 2, "PAST_REF"),
            ("the", "present") => {
                (!matches!(self.w(i + 2), "-")).then_some(())?;
                r(i + 2, "PRESENT_REF")
            }
            ("the", "future") => r(i + 2, "FUTURE_REF"),
            ("the", "near" | "foreseeable" | "distant" | "immediate")
                if self.is(i + 2, "future") =>
            {
                r(i + 3, "FUTURE_REF")
            }
            ("the", "near" | "short" | "long" | "medium") if self.is(i + 2, "term") => {
                r(i + 3, "FUTURE_REF")
            }
            ("the", "time") if self.is(i + 2, "being") => r(i + 3, "PRESENT_REF"),
            ("the", "moment") if prev == "at" => r(i + 2, "PRESENT_REF"),
            ("these", "days") => r(i + 2, "PRESENT_REF"),
            ("at", "present") => None,
            ("present", _) if prev == "at" => r(i + 1, "PRESENT_REF"),
            _ => None,
        }
    }
}

/// What "annual" measures over a year ("annual loss"), as opposed to what
/// recurs yearly ("annual meeting").
const ANNUAL_MEASURES: &[&str] = &[
    "loss",
    "losses",
    "profit",
    "profits",
    "revenue",
    "revenues",
    "sales",
    "earnings",
    "income",
    "growth",
    "rate",
    "inflation",
    "budget",
    "output",
    "deficit",
    "surplus",
    "production",
    "turnover",
    "return",
    "returns",
];

/// The words before "the day" that make it a date: "on the day", "ended
/// the day".
const DAY_CONTEXT: &[&str] = &[
    "on",
    "for",
    "during",
    "of",
    "throughout",
    "end",
    "ended",
    "ending",
    "ends",
    "finish",
    "finished",
    "finishing",
    "close",
    "closed",
    "closing",
    "start",
    "started",
    "starting",
    "open",
    "opened",
    "opening",
    "began",
    "begin",
];

/// A relative expression as read so far: its first token `i`, its unit's
/// `j`, its end, its first word, whether its unit stands bare ("the day"),
/// how it moves and by how much, and the years it looks back ("a year ago").
#[derive(Clone, Copy)]
struct Relative<'a> {
    i: usize,
    j: usize,
    end: usize,
    w0: &'a str,
    bare: bool,
    kind: Rel,
    shift: i64,
    year_back: usize,
}

/// How a "this/last/the same…" expression moves from its reference.
#[derive(Debug, Clone, Copy)]
enum Rel {
    /// From the publication date, by n units.
    Shift(i32),
    /// The antecedent itself ("the same day", "that year").
    Same,
    /// From the antecedent, by n units ("the following day").
    Anaphor(i32),
}

#[cfg(test)]
mod tests;
