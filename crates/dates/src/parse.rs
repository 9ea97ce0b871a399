//! Date strings → calendar dates with a precision.
//!
//! Reads ISO 8601 and its relatives (`2015-10-28`, `2015/10/28`, `20151028`,
//! `2015-10-28T09:00:00+04:30`), day-first numeric dates (`28.10.2015`; a
//! dotted date is day first wherever it is written: `2.10.2016` is 2 October),
//! ambiguous slashed dates (`10/11/2015`, read by the caller's locale or left
//! at year precision — never guessed), written dates with month names in
//! English, German, French, Spanish, Italian, Portuguese, Dutch, Polish,
//! Turkish, Russian, Arabic and Persian (`October 28, 2015`, `28. Oktober 2015`,
//! `28 octubre 2015`, `28 октября 2015`), Chinese, Japanese and Korean dates
//! (`2015年10月28日`), and Solar Hijri dates as Iranian and Afghan media write
//! them (`۶ آبان ۱۳۹۴`, `۶ عقرب ۱۳۹۴`), with or without a
//! weekday. Impossible dates (31 February) are not dates.

use beacon_model::Precision;
use chrono::{Datelike, NaiveDate};

/// A date read from text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FoundDate {
    /// The date (the first of the month or year at coarser precision).
    pub date: NaiveDate,
    /// How much of it the text gave.
    pub precision: Precision,
}

impl FoundDate {
    /// ISO 8601 at its precision: `2015-10-28`, `2015-10`, `2015`.
    pub fn value(&self) -> String {
        match self.precision {
            Precision::Day => self.date.format("%Y-%m-%d").to_string(),
            Precision::Month => self.date.format("%Y-%m").to_string(),
            Precision::Year => self.date.format("%Y").to_string(),
        }
    }
}

/// How to read `01/02/2015`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SlashOrder {
    /// Month first (United States).
    MonthFirst,
    /// Day first (most of the world).
    DayFirst,
    /// Unknown: an ambiguous date keeps only its year.
    Unknown,
}

/// Month names (lower case) and their numbers.
/// English month names, January first.
pub(crate) use beacon_model::english::MONTHS as EN_MONTHS;

/// English month abbreviations and their numbers.
pub(crate) use beacon_model::english::MONTH_ABBREVIATIONS as EN_MONTH_ABBR;

/// Month names in the other languages (lower case) and their numbers.
const MONTHS: &[(&str, u32)] = &[
    ("januar", 1),
    ("jänner", 1),
    ("februar", 2),
    ("märz", 3),
    ("maerz", 3),
    ("mai", 5),
    ("juni", 6),
    ("juli", 7),
    ("oktober", 10),
    ("dezember", 12),
    ("okt", 10),
    ("dez", 12),
    ("mär", 3),
    ("janvier", 1),
    ("février", 2),
    ("fevrier", 2),
    ("mars", 3),
    ("avril", 4),
    ("juin", 6),
    ("juillet", 7),
    ("août", 8),
    ("aout", 8),
    ("septembre", 9),
    ("octobre", 10),
    ("novembre", 11),
    ("décembre", 12),
    ("decembre", 12),
    ("janv", 1),
    ("févr", 2),
    ("avr", 4),
    ("juil", 7),
    ("enero", 1),
    ("febrero", 2),
    ("marzo", 3),
    ("abril", 4),
    ("mayo", 5),
    ("junio", 6),
    ("julio", 7),
    ("agosto", 8),
    ("septiembre", 9),
    ("setiembre", 9),
    ("octubre", 10),
    ("noviembre", 11),
    ("diciembre", 12),
    ("ene", 1),
    // Turkish, written with and without its letters (upper-case I lowers to i)
    ("ocak", 1),
    ("şubat", 2),
    ("subat", 2),
    ("mart", 3),
    ("nisan", 4),
    ("mayıs", 5),
    ("mayis", 5),
    ("haziran", 6),
    ("temmuz", 7),
    ("ağustos", 8),
    ("agustos", 8),
    ("eylül", 9),
    ("eylul", 9),
    ("ekim", 10),
    ("kasım", 11),
    ("kasim", 11),
    ("aralık", 12),
    ("aralik", 12),
    ("oca", 1),
    ("şub", 2),
    ("nis", 4),
    ("haz", 6),
    ("tem", 7),
    ("ağu", 8),
    ("eyl", 9),
    ("eki", 10),
    ("kas", 11),
    ("ara", 12),
    ("abr", 4),
    ("ago", 8),
    ("dic", 12),
    ("января", 1),
    ("февраля", 2),
    ("марта", 3),
    ("апреля", 4),
    ("мая", 5),
    ("июня", 6),
    ("июля", 7),
    ("августа", 8),
    ("сентября", 9),
    ("октября", 10),
    ("ноября", 11),
    ("декабря", 12),
    ("январь", 1),
    ("февраль", 2),
    ("март", 3),
    ("апрель", 4),
    ("май", 5),
    ("июнь", 6),
    ("июль", 7),
    ("август", 8),
    ("сентябрь", 9),
    ("октябрь", 10),
    ("ноябрь", 11),
    ("декабрь", 12),
    // Italian, Portuguese, Dutch.
    ("gennaio", 1),
    ("febbraio", 2),
    ("aprile", 4),
    ("maggio", 5),
    ("giugno", 6),
    ("luglio", 7),
    ("settembre", 9),
    ("ottobre", 10),
    ("dicembre", 12),
    ("janeiro", 1),
    ("fevereiro", 2),
    ("março", 3),
    ("maio", 5),
    ("junho", 6),
    ("julho", 7),
    ("setembro", 9),
    ("outubro", 10),
    ("novembro", 11),
    ("dezembro", 12),
    ("januari", 1),
    ("februari", 2),
    ("maart", 3),
    ("mei", 5),
    ("augustus", 8),
    // Polish (genitive, as dates are written).
    ("stycznia", 1),
    ("lutego", 2),
    ("marca", 3),
    ("kwietnia", 4),
    ("maja", 5),
    ("czerwca", 6),
    ("lipca", 7),
    ("sierpnia", 8),
    ("września", 9),
    ("października", 10),
    ("listopada", 11),
    ("grudnia", 12),
    // Arabic (Gregorian month names as Egyptian and Gulf media write them).
    ("يناير", 1),
    ("فبراير", 2),
    ("أبريل", 4),
    ("ابريل", 4),
    ("مايو", 5),
    ("يونيو", 6),
    ("يوليو", 7),
    ("أغسطس", 8),
    ("اغسطس", 8),
    ("سبتمبر", 9),
    ("أكتوبر", 10),
    ("اكتوبر", 10),
    ("نوفمبر", 11),
    ("ديسمبر", 12),
    // Persian (Gregorian month names as Iranian media write them).
    ("ژانویه", 1),
    ("فوریه", 2),
    ("مارس", 3),
    ("آوریل", 4),
    ("مه", 5),
    ("ژوئن", 6),
    ("ژوئیه", 7),
    ("اوت", 8),
    ("سپتامبر", 9),
    ("اکتبر", 10),
    ("نوامبر", 11),
    ("دسامبر", 12),
];

/// The number of a month named `word` (any case, a trailing full stop ignored)
/// in the six languages above, with common abbreviations.
pub fn month_number(word: &str) -> Option<u32> {
    let w = word.trim_end_matches('.').to_lowercase();
    if let Some(i) = EN_MONTHS.iter().position(|n| *n == w) {
        return Some(i as u32 + 1);
    }
    EN_MONTH_ABBR
        .iter()
        .chain(MONTHS)
        .find(|(n, _)| *n == w)
        .map(|(_, m)| *m)
}

/// Months of the Solar Hijri calendar, as Iran (Persian) and Afghanistan (Dari
/// and Pashto) name them.
const SOLAR_HIJRI_MONTHS: &[(&str, u32)] = &[
    ("فروردین", 1),
    ("اردیبهشت", 2),
    ("خرداد", 3),
    ("تیر", 4),
    ("مرداد", 5),
    ("امرداد", 5),
    ("شهریور", 6),
    ("مهر", 7),
    ("آبان", 8),
    ("آذر", 9),
    ("دی", 10),
    ("بهمن", 11),
    ("اسفند", 12),
    ("حمل", 1),
    ("ثور", 2),
    ("جوزا", 3),
    ("سرطان", 4),
    ("اسد", 5),
    ("سنبله", 6),
    ("میزان", 7),
    ("عقرب", 8),
    ("قوس", 9),
    ("جدی", 10),
    ("دلو", 11),
    ("حوت", 12),
];

/// The Solar Hijri month a word names; Arabic letter forms (ي, ك) are read as
/// their Persian equivalents.
fn solar_hijri_month(word: &str) -> Option<u32> {
    let w: String = word
        .chars()
        .map(|c| match c {
            'ي' | 'ى' => 'ی',
            'ك' => 'ک',
            c => c,
        })
        .collect();
    SOLAR_HIJRI_MONTHS
        .iter()
        .find(|(n, _)| *n == w)
        .map(|(_, m)| *m)
}

/// A Solar Hijri date as a Gregorian one (the arithmetic calendar Iran and
/// Afghanistan use: 1 Farvardin falls at the March equinox, within a day).
pub fn solar_hijri_to_gregorian(year: u32, month: u32, day: u32) -> Option<NaiveDate> {
    if !(1..=12).contains(&month) || !(1..=31).contains(&day) || !(1300..=1500).contains(&year) {
        return None;
    }
    if month > 6 && day > 30 {
        return None;
    }
    // Days from 1 Farvardin 1300 (21 March 1921) to 1 Farvardin of year y: 365
    // a year, plus the leap days of the 33-year arithmetic rule (8 in 33 years).
    let since = |y: i64| -> i64 {
        // Leap years up to and including year y.
        let leaps = |y: i64| (y * 8 + 29).div_euclid(33);
        365 * (y - 1300) + leaps(y - 1) - leaps(1299)
    };
    let in_year = if month <= 6 {
        (month as i64 - 1) * 31
    } else {
        186 + (month as i64 - 7) * 30
    } + day as i64
        - 1;
    let epoch = NaiveDate::from_ymd_opt(1921, 3, 21)?;
    let date = epoch + chrono::Duration::days(since(year as i64) + in_year);
    // 30 Esfand exists only in leap years: it must not run into the next year.
    if month == 12 && day == 30 && since(year as i64 + 1) - since(year as i64) == 365 {
        return None;
    }
    Some(date)
}

#[derive(Debug, Clone, PartialEq)]
enum Tok<'a> {
    /// A number, how many digits it was written with, and the character
    /// right after it (`'\0'` at the end): `28.10.2015` is day first.
    Num(u32, usize, char),
    /// A run of letters, as written.
    Word(&'a str),
}

/// Splits text into numbers (with their digit count) and words, folding
/// Persian and Arabic digits to ASCII.
fn tokens(s: &str) -> Vec<Tok<'_>> {
    tokens_upto(s, 400)
}

/// [`tokens`] over the whole of `s`.
fn tokens_all(s: &str) -> Vec<Tok<'_>> {
    tokens_upto(s, usize::MAX)
}

fn tokens_upto(s: &str, limit: usize) -> Vec<Tok<'_>> {
    let mut out = Vec::new();
    // The number being read (value, digits) and the word being read (start byte).
    let mut num: Option<(u64, usize)> = None;
    let mut word: Option<usize> = None;
    let push_num = |num: &mut Option<(u64, usize)>, out: &mut Vec<Tok>, after: char| {
        if let Some((v, n)) = num.take() {
            out.push(Tok::Num(u32::try_from(v).unwrap_or(u32::MAX), n, after));
        }
    };
    let mut end = s.len();
    for (count, (i, c)) in s.char_indices().enumerate() {
        if count == limit {
            end = i;
            break;
        }
        let digit = match c {
            '0'..='9' => Some(c as u32 - '0' as u32),
            '۰'..='۹' => Some(c as u32 - '۰' as u32),
            '٠'..='٩' => Some(c as u32 - '٠' as u32),
            _ => None,
        };
        if let Some(d) = digit {
            if let Some(w) = word.take() {
                out.push(Tok::Word(&s[w..i]));
            }
            let (v, n) = num.get_or_insert((0, 0));
            // Nine digits at most are kept: longer runs are not dates.
            if *n < 9 {
                *v = *v * 10 + u64::from(d);
                *n += 1;
            }
        } else if c.is_alphabetic() {
            push_num(&mut num, &mut out, c);
            word.get_or_insert(i);
        } else {
            push_num(&mut num, &mut out, c);
            if let Some(w) = word.take() {
                out.push(Tok::Word(&s[w..i]));
            }
        }
    }
    push_num(&mut num, &mut out, '\0');
    if let Some(w) = word.take() {
        out.push(Tok::Word(&s[w..end]));
    }
    // Ordinal suffixes belong to their number: "29th", "1st", "1er".
    let mut kept: Vec<Tok> = Vec::with_capacity(out.len());
    for t in out {
        if let Tok::Word(w) = &t
            && matches!(*w, "st" | "nd" | "rd" | "th" | "er" | "º")
            && matches!(kept.last(), Some(Tok::Num(_, 1..=2, _)))
        {
            continue;
        }
        kept.push(t);
    }
    kept
}

/// The year and month markers of Chinese, Japanese and Korean dates.
fn cjk(year: &str, month: &str) -> bool {
    matches!((year, month), ("年", "月") | ("년", "월"))
}

fn day(y: u32, m: u32, d: u32) -> Option<FoundDate> {
    let date = NaiveDate::from_ymd_opt(y as i32, m, d)?;
    Some(FoundDate {
        date,
        precision: Precision::Day,
    })
}

fn plausible_year(y: u32, digits: usize) -> bool {
    digits == 4 && (1800..=2200).contains(&y)
}

/// The first date in `s`.
pub fn parse_date(s: &str, order: SlashOrder) -> Option<FoundDate> {
    with_dates(s, order, |dates| dates.next())
}

/// `read` over the dates of `s` (its first 400 characters), in order, read
/// as far as it asks: a sentence may name a date in the future before the
/// one it reports.
pub fn with_dates<R>(
    s: &str,
    order: SlashOrder,
    read: impl FnOnce(&mut dyn Iterator<Item = FoundDate>) -> R,
) -> R {
    let t = tokens(s);
    read(&mut dates_of(&t, order))
}

fn dates_of<'a>(t: &'a [Tok<'a>], order: SlashOrder) -> impl Iterator<Item = FoundDate> + 'a {
    let mut i = 0;
    std::iter::from_fn(move || {
        while i < t.len() {
            match date_at(&t[i..], order) {
                (Some(d), used) => {
                    i += used.max(1);
                    return Some(d);
                }
                // A date's shape with impossible values (31 February): skip all of it,
                // rather than read a part of it ("February 2015") as a date.
                (None, used) if used > 0 => i += used,
                (None, _) => i += 1,
            }
        }
        None
    })
}

/// A dateline's date: one that opens the text, after at most three capitalised
/// words (a place, an agency: "KABUL, Oct. 28, 2015 (Reuters) —",
/// "Berlin (dpa) 28.10.2015:").
pub fn leading_date(s: &str, order: SlashOrder) -> Option<FoundDate> {
    let t = tokens(s);
    for skip in 0..=3.min(t.len()) {
        if let (Some(d), _) = date_at(&t[skip..], order) {
            return Some(d);
        }
        match t.get(skip) {
            Some(Tok::Word(w)) if w.chars().next().is_some_and(char::is_uppercase) => {}
            _ => return None,
        }
    }
    None
}

/// The date at the start of `t`, and how many tokens its shape spans (0: no date shape).
fn date_at(t: &[Tok], order: SlashOrder) -> (Option<FoundDate>, usize) {
    use Tok::*;
    let month = |w: &str| month_number(w).is_some();
    let span = match t {
        [Num(_, 8, _), ..] => 1,
        [
            Num(_, 4, _),
            Word(a),
            Num(_, 1..=2, _),
            Word(b),
            Num(_, 1..=2, _),
            ..,
        ] if cjk(a, b) => 5,
        [
            Num(_, 1..=2, _),
            Word(de),
            Word(w),
            Word(_),
            Num(_, 4, _),
            ..,
        ] if *de == "de" && month(w) => 5,
        [Num(_, 1..=2, _), Word(w), Num(_, 4, _), ..]
        | [Word(w), Num(_, 1..=2, _), Num(_, 4, _), ..]
            if month(w) || solar_hijri_month(w).is_some() =>
        {
            3
        }
        [Num(_, 4, _), Num(_, 1..=2, _), Num(_, 1..=2, _), ..]
        | [Num(_, 1..=2, _), Num(_, 1..=2, _), Num(_, 4, _), ..] => 3,
        _ => 0,
    };
    (shape_date(t, order), span)
}

fn shape_date(t: &[Tok], order: SlashOrder) -> Option<FoundDate> {
    use Tok::*;
    match t {
        // 20151028
        [Num(n, 8, _), ..] => {
            let (y, m, d) = (n / 10000, n / 100 % 100, n % 100);
            if plausible_year(y, 4) {
                day(y, m, d)
            } else {
                None
            }
        }
        // 2015年10月28日, 2015년 10월 28일
        [
            Num(y, 4, _),
            Word(a),
            Num(m, 1..=2, _),
            Word(b),
            Num(d, 1..=2, _),
            ..,
        ] if cjk(a, b) && plausible_year(*y, 4) => day(*y, *m, *d),
        // 2015-10-28, 2015/10/28
        [Num(y, 4, _), Num(m, 1..=2, _), Num(d, 1..=2, _), ..] if plausible_year(*y, 4) => {
            day(*y, *m, *d)
        }
        // 28 October 2015, 28. Oktober 2015
        [Num(d, 1..=2, _), Word(w), Num(y, 4, _), ..] if plausible_year(*y, 4) => {
            day(*y, month_number(w)?, *d)
        }
        // ۶ آبان ۱۳۹۴: the Solar Hijri calendar of Iranian and Afghan media.
        [Num(d, 1..=2, _), Word(w), Num(y, 4, _), ..] if (1300..=1500).contains(y) => {
            let date = solar_hijri_to_gregorian(*y, solar_hijri_month(w)?, *d)?;
            Some(FoundDate {
                date,
                precision: Precision::Day,
            })
        }
        // 28 de octubre de 2015
        [
            Num(d, 1..=2, _),
            Word(de),
            Word(w),
            Word(de2),
            Num(y, 4, _),
            ..,
        ] if *de == "de" && *de2 == "de" && plausible_year(*y, 4) => day(*y, month_number(w)?, *d),
        // October 28, 2015
        [Word(w), Num(d, 1..=2, _), Num(y, 4, _), ..] if plausible_year(*y, 4) => {
            day(*y, month_number(w)?, *d)
        }
        // 2.10.2016: dots are day first wherever they are written
        [Num(a, 1..=2, '.'), Num(b, 1..=2, '.'), Num(y, 4, _), ..] if plausible_year(*y, 4) => {
            day(*y, *b, *a)
        }
        // 10/28/2015, 10-28-2015
        [Num(a, 1..=2, _), Num(b, 1..=2, _), Num(y, 4, _), ..] if plausible_year(*y, 4) => {
            let (a, b, y) = (*a, *b, *y);
            if a > 12 {
                day(y, b, a)
            } else if b > 12 || a == b {
                day(y, a, b)
            } else {
                match order {
                    SlashOrder::DayFirst => day(y, b, a),
                    SlashOrder::MonthFirst => day(y, a, b),
                    SlashOrder::Unknown => {
                        let date = NaiveDate::from_ymd_opt(y as i32, 1, 1)?;
                        Some(FoundDate {
                            date,
                            precision: Precision::Year,
                        })
                    }
                }
            }
        }
        // 5/2010: a month
        [Num(m, 1..=2, '/'), Num(y, 4, _), ..] if plausible_year(*y, 4) && (1..=12).contains(m) => {
            Some(FoundDate {
                date: NaiveDate::from_ymd_opt(*y as i32, *m, 1)?,
                precision: Precision::Month,
            })
        }
        // October 2015
        [Word(w), Num(y, 4, _), ..] if plausible_year(*y, 4) => {
            let m = month_number(w)?;
            Some(FoundDate {
                date: NaiveDate::from_ymd_opt(*y as i32, m, 1)?,
                precision: Precision::Month,
            })
        }
        _ => None,
    }
}

/// Weekday names (lower case) in the languages Beacon reads, Monday = 0.
/// English weekday names, Monday first.
pub(crate) use beacon_model::english::WEEKDAYS as EN_WEEKDAYS;

/// Weekday names in the other languages (lower case), Monday = 0.
const WEEKDAYS: &[(&str, u32)] = &[
    ("montag", 0),
    ("dienstag", 1),
    ("mittwoch", 2),
    ("donnerstag", 3),
    ("freitag", 4),
    ("samstag", 5),
    ("sonntag", 6),
    ("lundi", 0),
    ("mardi", 1),
    ("mercredi", 2),
    ("jeudi", 3),
    ("vendredi", 4),
    ("samedi", 5),
    ("dimanche", 6),
    ("lunes", 0),
    ("martes", 1),
    ("miércoles", 2),
    ("jueves", 3),
    ("viernes", 4),
    ("sábado", 5),
    ("domingo", 6),
    ("понедельник", 0),
    ("вторник", 1),
    ("среда", 2),
    ("четверг", 3),
    ("пятница", 4),
    ("суббота", 5),
    ("воскресенье", 6),
];

/// A weekday stated with a day of the month but no year ("Wednesday, October
/// 16"): it fits only the years in which that day falls on that weekday.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct WeekdayDate {
    /// The weekday, Monday = 0.
    pub weekday: u32,
    /// The month, 1–12.
    pub month: u32,
    /// The day of the month.
    pub day: u32,
}

impl WeekdayDate {
    /// Does the date fall on its weekday in `year`?
    pub fn fits(&self, year: i32) -> bool {
        NaiveDate::from_ymd_opt(year, self.month, self.day)
            .is_some_and(|d| d.weekday().num_days_from_monday() == self.weekday)
    }
}

/// Weekdays with a day and month and no year, as the text states them.
pub fn weekday_dates(s: &str) -> Vec<WeekdayDate> {
    use Tok::*;
    // Every weekday name, lower case (English first): one lookup per word,
    // an ASCII word lower-cased on the stack.
    static NAMES: std::sync::LazyLock<std::collections::HashMap<&'static str, u32>> =
        std::sync::LazyLock::new(|| {
            let english = EN_WEEKDAYS.iter().enumerate().map(|(i, n)| (*n, i as u32));
            WEEKDAYS.iter().copied().chain(english).collect()
        });
    let weekday = |w: &str| -> Option<u32> {
        let mut buf = [0u8; 16];
        match buf.get_mut(..w.len()) {
            Some(b) if w.is_ascii() => {
                b.copy_from_slice(w.as_bytes());
                b.make_ascii_lowercase();
                NAMES.get(std::str::from_utf8(b).ok()?).copied()
            }
            _ if w.len() <= 64 => NAMES.get(w.to_lowercase().as_str()).copied(),
            _ => None,
        }
    };
    let t = tokens_all(s);
    let mut out = Vec::new();
    for i in 0..t.len() {
        let Word(w) = &t[i] else { continue };
        let Some(wd) = weekday(w) else { continue };
        let (month, day, used) = match &t[i + 1..] {
            [Word(m), Num(d, 1..=2, _), ..] if month_number(m).is_some() => {
                (month_number(m), *d, 3)
            }
            [Num(d, 1..=2, _), Word(m), ..] if month_number(m).is_some() => {
                (month_number(m), *d, 3)
            }
            [Word(the), Num(d, 1..=2, _), Word(of), Word(m), ..]
                if *the == "the" && *of == "of" && month_number(m).is_some() =>
            {
                (month_number(m), *d, 5)
            }
            _ => continue,
        };
        // A year after it makes it a full date, which says nothing more.
        if matches!(t.get(i + used), Some(Num(_, 4, _))) {
            continue;
        }
        if let Some(month) = month
            && (1..=31).contains(&day)
        {
            out.push(WeekdayDate {
                weekday: wd,
                month,
                day,
            });
        }
    }
    out
}

/// A date from a URL path: `/2015/10/28/`, `/2015-10-28-`, `/20151028/`, or `/2015/10/` (month).
pub fn date_in_url(url: &str) -> Option<FoundDate> {
    let path = url.split_once("://").map_or(url, |(_, r)| r);
    let path = path.find('/').map_or("", |i| &path[i..]);
    let path = path.split(['?', '#']).next().unwrap_or("");
    let t = tokens(path);
    for i in 0..t.len() {
        // an issue of a periodical, `ausgaben/2019-4`, `issue/2019/4`: no day
        if i > 0
            && matches!(t[i - 1], Tok::Word(w) if ISSUES.iter().any(|x| w.eq_ignore_ascii_case(x)))
        {
            continue;
        }
        match &t[i..] {
            [
                Tok::Num(y, 4, _),
                Tok::Num(m, 1..=2, _),
                Tok::Num(d, 1..=2, _),
                ..,
            ] if plausible_year(*y, 4) => {
                if let Some(f) = day(*y, *m, *d) {
                    return Some(f);
                }
            }
            [Tok::Num(n, 8, _), ..] => {
                let (y, m, d) = (n / 10000, n / 100 % 100, n % 100);
                if plausible_year(y, 4)
                    && let Some(f) = day(y, m, d)
                {
                    return Some(f);
                }
            }
            [Tok::Num(y, 4, _), Tok::Num(m, 1..=2, _), ..]
                if plausible_year(*y, 4) && (1..=12).contains(m) =>
            {
                return Some(FoundDate {
                    date: NaiveDate::from_ymd_opt(*y as i32, *m, 1)?,
                    precision: Precision::Month,
                });
            }
            _ => {}
        }
    }
    None
}

/// Words of a URL's path before a periodical's issue number.
const ISSUES: &[&str] = &[
    "ausgabe",
    "ausgaben",
    "heft",
    "hefte",
    "issue",
    "issues",
    "edition",
    "editions",
    "volume",
    "vol",
    "numero",
    "number",
    "nummer",
    "jahrgang",
    "archiv-ausgabe",
    "print",
    "magazine",
];

/// Is the date within the range a news page can claim: 1995 up to a day past `now`?
pub fn plausible(d: &FoundDate, now: NaiveDate) -> bool {
    d.date.year() >= 1995 && d.date <= now.succ_opt().unwrap_or(now)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_issue_of_a_periodical_in_a_url_is_no_date() {
        assert!(date_in_url("https://example.org/ausgaben/2019-4/budget.html").is_none());
        assert!(date_in_url("https://example.org/issue/2019/4/budget").is_none());
        let d = date_in_url("https://example.org/news/2019/04/budget").unwrap();
        assert_eq!(d.precision, Precision::Month);
    }

    fn p(s: &str) -> Option<String> {
        parse_date(s, SlashOrder::Unknown).map(|d| d.value())
    }

    #[test]
    fn formats() {
        assert_eq!(
            p("2015-10-28T09:30:00+04:30").as_deref(),
            Some("2015-10-28")
        );
        assert_eq!(
            p("Wed, 28 Oct 2015 09:30:00 GMT").as_deref(),
            Some("2015-10-28")
        );
        assert_eq!(p("October 28, 2015").as_deref(), Some("2015-10-28"));
        assert_eq!(p("28. Oktober 2015").as_deref(), Some("2015-10-28"));
        assert_eq!(p("28 de octubre de 2015").as_deref(), Some("2015-10-28"));
        assert_eq!(p("28 октября 2015 г.").as_deref(), Some("2015-10-28"));
        assert_eq!(p("۲۸ اکتبر ۲۰۱۵").as_deref(), Some("2015-10-28"));
        assert_eq!(p("28.10.2015").as_deref(), Some("2015-10-28"));
        assert_eq!(p("Published: 20151028").as_deref(), Some("2015-10-28"));
        assert_eq!(p("October 2015").as_deref(), Some("2015-10"));
        assert_eq!(p("29th October 2015.").as_deref(), Some("2015-10-29"));
        assert_eq!(p("2015年10月28日").as_deref(), Some("2015-10-28"));
        assert_eq!(p("2015년 10월 28일").as_deref(), Some("2015-10-28"));
        assert_eq!(p("28 ottobre 2015").as_deref(), Some("2015-10-28"));
        assert_eq!(p("28 de outubro de 2015").as_deref(), Some("2015-10-28"));
        assert_eq!(p("28 października 2015").as_deref(), Some("2015-10-28"));
        assert_eq!(p("28 أكتوبر 2015").as_deref(), Some("2015-10-28"));
    }

    #[test]
    fn impossible_and_ambiguous_dates() {
        assert_eq!(p("31 February 2015"), None);
        assert_eq!(p("2015-02-31"), None);
        // 10/11/2015 is 10 November or October 11: without a locale only the year is known.
        assert_eq!(p("10/11/2015").as_deref(), Some("2015"));
        assert_eq!(
            parse_date("10/11/2015", SlashOrder::MonthFirst)
                .map(|d| d.value())
                .as_deref(),
            Some("2015-10-11")
        );
        assert_eq!(p("13/11/2015").as_deref(), Some("2015-11-13"));
        assert_eq!(p("version 1.2.3"), None);
        // Two-digit years are never guessed.
        assert_eq!(p("28.10.15"), None);
        assert_eq!(p("10/28/15"), None);
    }

    #[test]
    fn solar_hijri_dates() {
        let g = |y, m, d| solar_hijri_to_gregorian(y, m, d).map(|d| d.to_string());
        assert_eq!(g(1399, 4, 2).as_deref(), Some("2020-06-22"));
        assert_eq!(g(1403, 1, 1).as_deref(), Some("2024-03-20"));
        assert_eq!(g(1402, 10, 10).as_deref(), Some("2023-12-31"));
        assert_eq!(g(1394, 8, 6).as_deref(), Some("2015-10-28"));
        assert_eq!(g(1360, 1, 1).as_deref(), Some("1981-03-21"));
        // 1403 is a leap year (30 Esfand exists); 1402 is not.
        assert_eq!(g(1403, 12, 30).as_deref(), Some("2025-03-20"));
        assert_eq!(g(1402, 12, 30), None);
        assert_eq!(g(1399, 7, 31), None);
        assert_eq!(p("دوشنبه ۲ تير ۱۳۹۹").as_deref(), Some("2020-06-22"));
        assert_eq!(p("۶ عقرب ۱۳۹۴").as_deref(), Some("2015-10-28"));
    }

    #[test]
    fn weekdays_without_years() {
        let w = weekday_dates(
            "Officials said on Wednesday, October 16 that talks would resume on Friday, 18 October 2019.",
        );
        assert_eq!(w.len(), 1);
        assert!(w[0].fits(2019) && !w[0].fits(2015));
        assert!(weekday_dates("Monday, June 17, 2024").is_empty());
    }

    #[test]
    fn urls() {
        let u = |s| date_in_url(s).map(|d| d.value());
        assert_eq!(
            u("https://x.org/2015/10/28/story").as_deref(),
            Some("2015-10-28")
        );
        assert_eq!(
            u("https://x.org/news/2015-10-28-story.html").as_deref(),
            Some("2015-10-28")
        );
        assert_eq!(u("https://x.org/2015/10/story").as_deref(), Some("2015-10"));
        assert_eq!(u("https://2015.x.org/story?id=20151028"), None);
    }

    #[test]
    fn range() {
        let now = NaiveDate::from_ymd_opt(2024, 6, 17).unwrap();
        assert!(!plausible(
            &parse_date("12 March 1890", SlashOrder::Unknown).unwrap(),
            now
        ));
        assert!(!plausible(
            &parse_date("2031-01-01", SlashOrder::Unknown).unwrap(),
            now
        ));
        assert!(plausible(
            &parse_date("2024-06-18", SlashOrder::Unknown).unwrap(),
            now
        ));
    }
}
