//! Calendar dates: a day (`2024-01-11`) or a whole month (`2023-05`), with the little civil
//! arithmetic the checker needs (validity, weekday, ordering). No time zones: reporting dates
//! are calendar days.

use serde::Serialize;
use std::fmt;

/// A valid proleptic Gregorian date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    pub year: i32,
    pub month: u8,
    pub day: u8,
}

pub const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

pub const WEEKDAYS: [&str; 7] = [
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
];

pub fn is_leap(year: i32) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

pub fn days_in_month(year: i32, month: u8) -> u8 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if is_leap(year) => 29,
        2 => 28,
        _ => 0,
    }
}

impl Date {
    /// A date, if it exists on the calendar (years 1000–9999).
    pub fn new(year: i32, month: u8, day: u8) -> Option<Date> {
        ((1000..=9999).contains(&year) && (1..=12).contains(&month))
            .then_some(())
            .filter(|_| day >= 1 && day <= days_in_month(year, month))
            .map(|_| Date { year, month, day })
    }

    /// Parses `YYYY-MM-DD`.
    pub fn parse(s: &str) -> Option<Date> {
        let mut it = s.split('-');
        let (y, m, d) = (it.next()?, it.next()?, it.next()?);
        if it.next().is_some() || y.len() != 4 || m.len() != 2 || d.len() != 2 {
            return None;
        }
        Date::new(y.parse().ok()?, m.parse().ok()?, d.parse().ok()?)
    }

    /// Days since 1970-01-01 (negative before).
    pub fn days(&self) -> i64 {
        // Howard Hinnant's days_from_civil.
        let y = i64::from(self.year) - i64::from(self.month <= 2);
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let m = i64::from(self.month);
        let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(self.day) - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146097 + doe - 719468
    }

    /// 0 = Monday … 6 = Sunday.
    pub fn weekday(&self) -> usize {
        // 1970-01-01 was a Thursday (3).
        (self.days() + 3).rem_euclid(7) as usize
    }

    /// The date `n` days later.
    pub fn plus_days(&self, n: i64) -> Date {
        let mut d = *self;
        for _ in 0..n {
            d = if d.day < days_in_month(d.year, d.month) {
                Date {
                    day: d.day + 1,
                    ..d
                }
            } else if d.month < 12 {
                Date {
                    month: d.month + 1,
                    day: 1,
                    ..d
                }
            } else {
                Date {
                    year: d.year + 1,
                    month: 1,
                    day: 1,
                }
            };
        }
        d
    }

    /// The date `n` days earlier.
    pub fn minus_days(&self, n: i64) -> Date {
        let mut d = *self;
        for _ in 0..n {
            d = if d.day > 1 {
                Date {
                    day: d.day - 1,
                    ..d
                }
            } else if d.month > 1 {
                Date {
                    month: d.month - 1,
                    day: days_in_month(d.year, d.month - 1),
                    ..d
                }
            } else {
                Date {
                    year: d.year - 1,
                    month: 12,
                    day: 31,
                }
            };
        }
        d
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

impl Serialize for Date {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

/// A date as precise as it was stated: a day, or a month.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum DateValue {
    Day(Date),
    Month {
        year: i32,
        month: u8,
    },
    Year(i32),
    /// A month of no stated year ("in September"): `--09`, as ISO 8601 writes it.
    MonthOnly(u8),
    /// A weekday that no known article date places ("on Tuesday"), 0 = Monday.
    Weekday(u8),
}

impl DateValue {
    /// Parses `YYYY-MM-DD`, `YYYY-MM` or `YYYY`.
    pub fn parse(s: &str) -> Option<DateValue> {
        if s.len() == 4 {
            let year: i32 = s.parse().ok()?;
            Date::new(year, 1, 1)?;
            return Some(DateValue::Year(year));
        }
        if s.len() == 7 {
            let (y, m) = s.split_once('-')?;
            let (year, month) = (y.parse().ok()?, m.parse().ok()?);
            Date::new(year, month, 1)?;
            return Some(DateValue::Month { year, month });
        }
        Date::parse(s).map(DateValue::Day)
    }

    /// Whether the value is placed on the calendar (it has a year). A month or weekday of
    /// no known year is read, but never compared with a dated fact.
    pub fn is_placed(&self) -> bool {
        !matches!(self, DateValue::MonthOnly(_) | DateValue::Weekday(_))
    }

    /// First and last day covered (for a value not placed, every day there is).
    pub fn bounds(&self) -> (Date, Date) {
        const FIRST: Date = Date {
            year: 1000,
            month: 1,
            day: 1,
        };
        const LAST: Date = Date {
            year: 9999,
            month: 12,
            day: 31,
        };
        match *self {
            DateValue::MonthOnly(_) | DateValue::Weekday(_) => (FIRST, LAST),
            DateValue::Day(d) => (d, d),
            DateValue::Month { year, month } => (
                Date {
                    year,
                    month,
                    day: 1,
                },
                Date {
                    year,
                    month,
                    day: days_in_month(year, month),
                },
            ),
            DateValue::Year(year) => (
                Date {
                    year,
                    month: 1,
                    day: 1,
                },
                Date {
                    year,
                    month: 12,
                    day: 31,
                },
            ),
        }
    }

    /// Whether the two can name the same day ("January 2024" agrees with 2024-01-11).
    pub fn agrees(&self, other: &DateValue) -> bool {
        let (a0, a1) = self.bounds();
        let (b0, b1) = other.bounds();
        a0 <= b1 && b0 <= a1
    }
}

impl fmt::Display for DateValue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DateValue::Day(d) => d.fmt(f),
            DateValue::Month { year, month } => write!(f, "{year:04}-{month:02}"),
            DateValue::Year(year) => write!(f, "{year:04}"),
            DateValue::MonthOnly(month) => write!(f, "--{month:02}"),
            DateValue::Weekday(d) => f.write_str(WEEKDAYS.get(usize::from(*d)).unwrap_or(&"")),
        }
    }
}

impl Serialize for DateValue {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn validity() {
        assert!(Date::new(2024, 2, 29).is_some());
        assert!(Date::new(2023, 2, 29).is_none());
        assert!(Date::new(2024, 13, 1).is_none());
        assert!(Date::parse("2024-01-11").is_some());
        assert!(Date::parse("2024-1-11").is_none());
        assert!(Date::parse("2024-01-32").is_none());
    }

    #[test]
    fn weekdays() {
        // 2024-01-11 was a Thursday.
        let d = Date::parse("2024-01-11").unwrap();
        assert_eq!(WEEKDAYS[d.weekday()], "Thursday");
        assert_eq!(Date::parse("1970-01-01").unwrap().days(), 0);
        assert_eq!(d.minus_days(11).to_string(), "2023-12-31");
    }

    #[test]
    fn month_agrees_with_a_day_in_it() {
        let m = DateValue::parse("2024-01").unwrap();
        let d = DateValue::parse("2024-01-11").unwrap();
        assert!(m.agrees(&d));
        assert!(!DateValue::parse("2024-02").unwrap().agrees(&d));
    }
}
