//! Relative days and weekdays in the region's languages (issue 21):
//! Russian ("вчера", "накануне", "в минувшую пятницу", "в ночь на
//! понедельник") and Dari/Persian ("دیروز", "شب گذشته", "روز دوشنبه",
//! "جمعه گذشته"), resolved against the publication date as the English
//! families are. A bare weekday is the last such day on or before the
//! publication date: news tells what happened.

use beacon_model::TimexType;

use super::calendar::Ref;
use super::{Anchoring, Hit, Scanner};

/// A language of the region the scanner reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Region {
    Russian,
    Persian,
}

impl Region {
    pub(super) fn of(language: Option<&str>) -> Option<Region> {
        match language {
            Some("ru") => Some(Region::Russian),
            Some("fa") => Some(Region::Persian),
            _ => None,
        }
    }
}

/// Russian words of days: (word, offset from the publication day).
const RU_DAYS: &[(&str, i64)] = &[
    ("сегодня", 0),
    ("вчера", -1),
    ("позавчера", -2),
    ("накануне", -1),
    ("завтра", 1),
    ("послезавтра", 2),
];

/// Russian weekday forms (Monday 0), every case a date takes.
const RU_WEEKDAYS: &[(&str, u32)] = &[
    ("понедельник", 0),
    ("понедельника", 0),
    ("вторник", 1),
    ("вторника", 1),
    ("среда", 2),
    ("среду", 2),
    ("среды", 2),
    ("четверг", 3),
    ("четверга", 3),
    ("пятница", 4),
    ("пятницу", 4),
    ("пятницы", 4),
    ("суббота", 5),
    ("субботу", 5),
    ("субботы", 5),
    ("воскресенье", 6),
    ("воскресенья", 6),
];

/// Words before a Russian weekday that move it: the last one, the next one.
const RU_LAST: &[&str] = &[
    "прошлый",
    "прошлую",
    "прошлое",
    "минувший",
    "минувшую",
    "минувшее",
    "прошедший",
    "прошедшую",
    "прошедшее",
];
const RU_NEXT: &[&str] = &[
    "следующий",
    "следующую",
    "следующее",
    "ближайший",
    "ближайшую",
];

/// Persian words of days.
const FA_DAYS: &[(&str, i64, Option<&str>)] = &[
    ("امروز", 0, None),
    ("امشب", 0, Some("NI")),
    ("دیروز", -1, None),
    ("دیشب", -1, Some("NI")),
    ("پریروز", -2, None),
    ("فردا", 1, None),
];

/// Persian weekdays (Monday 0), written whole.
const FA_WEEKDAYS: &[(&str, u32)] = &[
    ("دوشنبه", 0),
    ("سه‌شنبه", 1),
    ("سهشنبه", 1),
    ("چهارشنبه", 2),
    ("پنجشنبه", 3),
    ("پنج‌شنبه", 3),
    ("جمعه", 4),
    ("شنبه", 5),
    ("یکشنبه", 6),
    ("یک‌شنبه", 6),
];

/// The first word of a Persian weekday written in two ("سه شنبه"): its day.
const FA_WEEKDAY_HEADS: &[(&str, u32)] = &[("سه", 1), ("چهار", 2), ("پنج", 3), ("یک", 6)];

impl Scanner {
    /// A relative day or a weekday of the region's languages at `i`.
    pub(super) fn region_day(&self, i: usize) -> Option<Hit> {
        match self.region? {
            Region::Russian => self.russian_day(i),
            Region::Persian => self.persian_day(i),
        }
    }

    fn russian_day(&self, i: usize) -> Option<Hit> {
        if let Some(&(_, off)) = RU_DAYS.iter().find(|(w, _)| self.is(i, w)) {
            return Some(self.day_hit(i + 1, off, None));
        }
        // "в ночь на понедельник": the night before Monday
        let (j, night) = if self.is(i, "в") && self.is(i + 1, "ночь") && self.is(i + 2, "на")
        {
            (i + 3, true)
        } else {
            (i + usize::from(self.any(i, &["в", "во"])), false)
        };
        let shift = if self.any(j, RU_LAST) {
            Some(-1)
        } else if self.any(j, RU_NEXT) {
            Some(1)
        } else {
            None
        };
        let k = j + usize::from(shift.is_some());
        let &(_, wd) = RU_WEEKDAYS.iter().find(|(w, _)| self.is(k, w))?;
        // a bare weekday after "в" only: "Понедельник" alone may be a name
        if k == i && shift.is_none() {
            return None;
        }
        let mut hit = self.weekday_hit(k + 1, wd, shift);
        if night && self.anchor.is_some_and(|r| r.d.is_some()) {
            hit.value = format!("{}TNI", hit.value);
            hit.kind = TimexType::Time;
        }
        Some(hit)
    }

    fn persian_day(&self, i: usize) -> Option<Hit> {
        if let Some(&(_, off, part)) = FA_DAYS.iter().find(|(w, _, _)| self.is(i, w)) {
            return Some(self.day_hit(i + 1, off, part));
        }
        if self.is(i, "شب") && self.is(i + 1, "گذشته") {
            return Some(self.day_hit(i + 2, -1, Some("NI")));
        }
        let j = i + usize::from(self.any(i, &["روز", "شب"]));
        // "دوشنبه" is Dushanbe too: "شهر دوشنبه", "در دوشنبه"
        if j == i && i > 0 && self.any(i - 1, &["شهر", "در", "به", "از", "پایتخت"]) {
            return None;
        }
        let (wd, mut end) = match FA_WEEKDAYS.iter().find(|(w, _)| self.is(j, w)) {
            Some(&(_, wd)) => (wd, j + 1),
            None => {
                let &(_, wd) = FA_WEEKDAY_HEADS.iter().find(|(w, _)| self.is(j, w))?;
                if !self.is(j + 1, "شنبه") {
                    return None;
                }
                (wd, j + 2)
            }
        };
        let shift = if self.is(end, "گذشته") {
            end += 1;
            Some(-1)
        } else if self.any(end, &["آینده", "آیند"]) {
            end += 1;
            Some(1)
        } else {
            None
        };
        // a weekday alone is too weak (Dushanbe is "دوشنبه"): "روز" or
        // "شب" before it, "گذشته" after it, or a part of the day before it
        if j == i
            && shift.is_none()
            && !(i > 0 && self.any(i - 1, &["صبح", "عصر", "ظهر", "بامداد"]))
        {
            return None;
        }
        Some(self.weekday_hit(end, wd, shift))
    }

    /// The day `off` days from the publication day, ending at token `end`
    /// (with its part of the day, where the publication date is a day's).
    pub(super) fn day_hit(&self, end: usize, off: i64, part: Option<&str>) -> Hit {
        let Some(r) = self.anchor else {
            return Hit::new(end, "XXXX-XX-XX", TimexType::Date, Anchoring::Absolute);
        };
        let day = r.add_days(off).value();
        match part {
            Some(p) if r.d.is_some() => Hit::new(
                end,
                format!("{day}T{p}"),
                TimexType::Time,
                Anchoring::Publication,
            ),
            _ => Hit::new(end, day, TimexType::Date, Anchoring::Publication),
        }
    }

    /// Weekday `wd` (Monday 0): the last one (`-1`), the next (`1`), or the
    /// last on or before the publication day.
    fn weekday_hit(&self, end: usize, wd: u32, shift: Option<i64>) -> Hit {
        let Some(date) = self.anchor.and_then(|r| r.date()) else {
            let v = format!("XXXX-WXX-{}", wd + 1);
            return Hit::new(end, v, TimexType::Date, Anchoring::Absolute);
        };
        use chrono::Datelike;
        let awd = i64::from(date.weekday().num_days_from_monday());
        let back = (awd - i64::from(wd)).rem_euclid(7);
        let ahead = (i64::from(wd) - awd).rem_euclid(7);
        let offset = match shift {
            Some(-1) => -(if back == 0 { 7 } else { back }),
            Some(_) => {
                if ahead == 0 {
                    7
                } else {
                    ahead
                }
            }
            None => -back,
        };
        Hit::new(
            end,
            Ref::day(date).add_days(offset).value(),
            TimexType::Date,
            Anchoring::Publication,
        )
    }
}

#[cfg(test)]
mod tests {
    use beacon_model::{DateBasis, Precision, Published};

    /// Sentences the team wrote, published on Monday 26 October 2015.
    #[test]
    fn russian_and_persian_days_resolve_against_the_publication_date() {
        let published = Published {
            value: "2015-10-26".into(),
            precision: Precision::Day,
            basis: DateBasis::Given,
            confidence: 1.0,
        };
        let values = |text: &str, lang: &str| -> Vec<String> {
            super::super::time_expressions(text, Some(&published), Some(lang))
                .into_iter()
                .map(|t| t.value)
                .collect()
        };
        for (text, lang, want) in [
            ("Вчера боевики атаковали заставу.", "ru", "2015-10-25"),
            ("Накануне власти усилили охрану.", "ru", "2015-10-25"),
            (
                "Нападение произошло в минувшую пятницу.",
                "ru",
                "2015-10-23",
            ),
            ("Бой шёл в ночь на понедельник.", "ru", "2015-10-26TNI"),
            ("Встреча пройдёт в следующий четверг.", "ru", "2015-10-29"),
            ("دیروز طالبان به این پاسگاه حمله کردند.", "fa", "2015-10-25"),
            ("شب گذشته درگیری رخ داد.", "fa", "2015-10-25TNI"),
            ("این حمله روز جمعه رخ داد.", "fa", "2015-10-23"),
            ("جمعه گذشته دو تن کشته شدند.", "fa", "2015-10-23"),
            ("این رویداد روز سه شنبه رخ داد.", "fa", "2015-10-20"),
        ] {
            assert_eq!(values(text, lang), [want], "{text}");
        }
        // Dushanbe is no Monday
        assert!(values("این هیئت به شهر دوشنبه سفر کرد.", "fa").is_empty());
    }
}
