//! English calendar words, read by several stages (dates, extraction, the
//! gazetteer, the casualty reader): defined once here. Lower case.

/// Month names, January first.
pub const MONTHS: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

/// Month abbreviations and their numbers ("may" has none).
pub const MONTH_ABBREVIATIONS: &[(&str, u32)] = &[
    ("jan", 1),
    ("feb", 2),
    ("mar", 3),
    ("apr", 4),
    ("jun", 6),
    ("jul", 7),
    ("aug", 8),
    ("sep", 9),
    ("sept", 9),
    ("oct", 10),
    ("nov", 11),
    ("dec", 12),
];

/// Weekday names, Monday first.
pub const WEEKDAYS: [&str; 7] = [
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
];

/// Whether a lower-case word names a month (in full or abbreviated).
pub fn is_month(word: &str) -> bool {
    MONTHS.contains(&word) || MONTH_ABBREVIATIONS.iter().any(|(a, _)| *a == word)
}

/// Whether a lower-case word names a month or a weekday.
pub fn is_calendar_word(word: &str) -> bool {
    is_month(word) || WEEKDAYS.contains(&word)
}
