//! Calendar arithmetic on reference times of mixed precision.

use chrono::{Datelike, Duration, NaiveDate};

/// A point of reference: a year, a month or a day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Ref {
    pub y: i32,
    pub m: Option<u32>,
    pub d: Option<u32>,
}

impl Ref {
    /// Reads `2015`, `2015-10` or `2015-10-16` (anything after the day is ignored).
    pub fn parse(value: &str) -> Option<Ref> {
        let mut parts = value.get(..value.len().min(10))?.split('-');
        let y: i32 = parts.next()?.parse().ok()?;
        if !(1..=9999).contains(&y) {
            return None;
        }
        let m = match parts.next() {
            Some(m) => Some(m.parse().ok().filter(|m| (1..=12).contains(m))?),
            None => None,
        };
        let d = match parts.next() {
            Some(d) => {
                let d: u32 = d.get(..2).unwrap_or(d).parse().ok()?;
                NaiveDate::from_ymd_opt(y, m?, d)?;
                Some(d)
            }
            None => None,
        };
        Some(Ref { y, m, d })
    }

    pub fn day(date: NaiveDate) -> Ref {
        Ref {
            y: date.year(),
            m: Some(date.month()),
            d: Some(date.day()),
        }
    }

    /// The calendar day, when the reference is one.
    pub fn date(&self) -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(self.y, self.m?, self.d?)
    }

    /// ISO 8601 at the reference's precision.
    pub fn value(&self) -> String {
        match (self.m, self.d) {
            (Some(m), Some(d)) => format!("{:04}-{m:02}-{d:02}", self.y),
            (Some(m), None) => format!("{:04}-{m:02}", self.y),
            _ => format!("{:04}", self.y),
        }
    }

    /// The reference moved by `n` days; at month or year precision it stays
    /// where it is (the best the anchor tells).
    pub fn add_days(&self, n: i64) -> Ref {
        match self.date() {
            Some(d) => d
                .checked_add_signed(Duration::days(n))
                .map_or(*self, Ref::day),
            None => *self,
        }
    }

    /// The month `n` months away, at month precision (year precision when
    /// the reference has no month).
    pub fn add_months(&self, n: i64) -> Ref {
        match self.m {
            Some(m) => {
                let total = self.y as i64 * 12 + (m as i64 - 1) + n;
                Ref {
                    y: total.div_euclid(12) as i32,
                    m: Some(total.rem_euclid(12) as u32 + 1),
                    d: None,
                }
            }
            None => Ref {
                y: self.y,
                m: None,
                d: None,
            },
        }
    }

    /// The year `n` years away.
    pub fn year(&self, n: i64) -> String {
        format!("{:04}", (self.y as i64 + n).clamp(0, 9999))
    }

    /// The ISO week `n` weeks away (`2009-W47`), or `None` without a day.
    pub fn week(&self, n: i64) -> Option<String> {
        let d = self.date()?.checked_add_signed(Duration::weeks(n))?;
        let w = d.iso_week();
        Some(format!("{:04}-W{:02}", w.year(), w.week()))
    }

    /// The quarter of the reference's month.
    pub fn quarter(&self) -> Option<u32> {
        self.m.map(|m| (m - 1) / 3 + 1)
    }
}

/// `YYYY-MM-DD` when the day exists, else `None`.
pub(super) fn ymd(y: i32, m: u32, d: u32) -> Option<String> {
    NaiveDate::from_ymd_opt(y, m, d).map(|_| format!("{y:04}-{m:02}-{d:02}"))
}

/// A number as TIMEX3 writes it: `5`, `2.5`.
pub(super) fn number(n: f64) -> String {
    if n.fract() == 0.0 {
        format!("{}", n as i64)
    } else {
        let s = format!("{n:.2}");
        s.trim_end_matches('0').to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn references() {
        let r = Ref::parse("2015-10-16").unwrap();
        assert_eq!(r.add_days(-16).value(), "2015-09-30");
        assert_eq!(r.add_months(-10).value(), "2014-12");
        assert_eq!(r.week(0).as_deref(), Some("2015-W42"));
        assert_eq!(
            Ref::parse("2015-10").unwrap().add_days(3).value(),
            "2015-10"
        );
        assert_eq!(Ref::parse("2015-02-31"), None);
        assert_eq!(Ref::parse("garbage"), None);
        assert_eq!(number(2.5), "2.5");
        assert_eq!(number(27.0), "27");
    }
}
