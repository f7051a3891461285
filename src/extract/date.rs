//! Dates in prose: "January 11, 2024", "Jan. 11, 2024", "11 January 2024", "2024-01-11",
//! "January 2024", and — only when the article's own date is known — "Jan. 11" and
//! "on Thursday". A date's day and year are never read as counts.

use super::number::Reader;
use crate::date::{Date, DateValue, WEEKDAYS};

/// The month a capitalised name or abbreviation stands for ("Jan", "Sept", "December").
#[inline]
pub fn month_number(w: &str) -> Option<u8> {
    if !w.chars().next().is_some_and(char::is_uppercase) {
        return None;
    }
    crate::words::with_ascii_lower(w, month_lower).flatten()
}

/// [`month_number`] of a lower-cased word.
pub(crate) fn month_lower(l: &str) -> Option<u8> {
    let n = match l {
        "january" | "jan" => 1,
        "february" | "feb" => 2,
        "march" | "mar" => 3,
        "april" | "apr" => 4,
        "may" => 5,
        "june" | "jun" => 6,
        "july" | "jul" => 7,
        "august" | "aug" => 8,
        "september" | "sep" | "sept" => 9,
        "october" | "oct" => 10,
        "november" | "nov" => 11,
        "december" | "dec" => 12,
        _ => return None,
    };
    Some(n)
}

/// A day of the month: "11", "11th", "05", "05th" (a leading zero is how some copy writes
/// days, though no count is written so).
fn day(r: &Reader<'_>, i: usize) -> Option<u8> {
    let t = r.text(i);
    let digits = t.bytes().take_while(u8::is_ascii_digit).count();
    if !(1..=2).contains(&digits) || !matches!(&t[digits..], "" | "st" | "nd" | "rd" | "th") {
        return None;
    }
    let d: u8 = t[..digits].parse().ok()?;
    (1..=31).contains(&d).then_some(d)
}

/// "17.01.2023": a day, month and year joined by points (one token), the day and month of
/// two digits each as dates are written so ("1.2.2024" is as likely a version).
fn dotted(r: &Reader<'_>, i: usize) -> Option<DateValue> {
    let t = r.text(i);
    // "dd.mm.yyyy" is ten bytes: any other token is passed without splitting it.
    if t.len() != 10 {
        return None;
    }
    let mut parts = t.split('.');
    let (d, m, y) = (parts.next()?, parts.next()?, parts.next()?);
    let short = |p: &str| p.len() == 2 && p.bytes().all(|b| b.is_ascii_digit());
    if parts.next().is_some() || !short(d) || !short(m) || y.len() != 4 {
        return None;
    }
    let y: i32 = y.parse().ok()?;
    Date::new(y, m.parse().ok()?, d.parse().ok()?).map(DateValue::Day)
}

/// Words after which a month alone is a date ("in September", "last September", "in early
/// March"): without one, "May" and "March" are as often a verb or a name.
const MONTH_CUES: &[&str] = &[
    "in", "by", "since", "until", "till", "from", "through", "during", "before", "after", "last",
    "next", "this", "early", "mid", "late", "of",
];

/// Words that belong to a month's date before it ("early March", "last September").
pub const MONTH_LEAD: &[&str] = &["early", "mid", "late", "last", "next", "this"];

/// Words before "on Tuesday" that put it ahead of the article's date.
const FUTURE: &[&str] = &[
    "will",
    "shall",
    "ll",
    "due",
    "expected",
    "scheduled",
    "plans",
    "plan",
    "going",
    "set",
];

/// Whether the sentence before token `i` speaks of the future ("will vote on Tuesday").
fn future_tense(r: &Reader<'_>, i: usize) -> bool {
    (i.saturating_sub(10)..i)
        .rev()
        .take_while(|&k| r.same_sentence(k, i))
        .any(|k| FUTURE.contains(&&*r.lower(k)))
}

fn year(r: &Reader<'_>, i: usize) -> Option<i32> {
    let t = r.text(i);
    if t.len() != 4 || !t.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let y: i32 = t.parse().ok()?;
    (1000..=2999).contains(&y).then_some(y)
}

/// A month name at `i`, and the token after it (skipping an abbreviation's period).
fn month(r: &Reader<'_>, i: usize) -> Option<(u8, usize)> {
    let m = month_number(r.text(i))?;
    // ("Oct." and "Sept." have a period of their own; "October." ends its sentence.)
    let full = crate::date::MONTHS
        .iter()
        .any(|n| n.eq_ignore_ascii_case(r.text(i)));
    let next = if r.text(i + 1) == "." && r.glued(i + 1) && !full {
        i + 2
    } else {
        i + 1
    };
    Some((m, next))
}

/// A day without a year, placed in the year that puts it on or before the article's date.
fn infer_year(month: u8, d: u8, ctx: Option<Date>) -> Option<DateValue> {
    let ctx = ctx?;
    let this = Date::new(ctx.year, month, d)?;
    let date = if this <= ctx {
        this
    } else {
        Date::new(ctx.year - 1, month, d)?
    };
    Some(DateValue::Day(date))
}

/// A date starting at token `i`: its value (None when it cannot be resolved) and end token.
pub fn date_at(r: &Reader<'_>, i: usize, ctx: Option<Date>) -> Option<(Option<DateValue>, usize)> {
    // ISO: 2024-01-11
    if let Some(y) = year(r, i) {
        let dash = |k: usize| r.text(k) == "-" && r.glued(k) && r.glued(k + 1);
        let two = |k: usize| {
            let t = r.text(k);
            (t.len() == 2 && t.bytes().all(|b| b.is_ascii_digit()))
                .then(|| t.parse::<u8>().ok())
                .flatten()
        };
        if dash(i + 1)
            && dash(i + 3)
            && let (Some(m), Some(d)) = (two(i + 2), two(i + 4))
        {
            let v = Date::new(y, m, d).map(DateValue::Day);
            return Some((v, i + 5));
        }
        return None;
    }
    // Month first: "January 11, 2024", "Jan. 11", "January 2024", "January of 2024"
    if let Some((m, j)) = month(r, i) {
        if let Some(d) = day(r, j) {
            let k = if r.text(j + 1) == "," { j + 2 } else { j + 1 };
            if let Some(y) = year(r, k) {
                return Some((Date::new(y, m, d).map(DateValue::Day), k + 1));
            }
            return Some((infer_year(m, d, ctx), j + 1));
        }
        let k = if r.is(j, "of") || r.text(j) == "," {
            j + 1
        } else {
            j
        };
        if let Some(y) = year(r, k) {
            return Some((Some(DateValue::Month { year: y, month: m }), k + 1));
        }
        // "in September", "last September", "in mid-March": a month of no stated year.
        let cue = |k: usize| r.same_sentence(k, i) && MONTH_CUES.contains(&&*r.lower(k));
        let hyphened = i >= 2 && r.text(i - 1) == "-" && r.glued(i) && r.glued(i - 1);
        if i >= 1 && (cue(i - 1) || hyphened && cue(i - 2)) {
            return Some((Some(DateValue::MonthOnly(m)), j));
        }
        return None;
    }
    // "17.01.2023"
    if let Some(v) = dotted(r, i) {
        return Some((Some(v), i + 1));
    }
    // Day first: "11 January 2024", "11 Jan 2024", "11th of January"
    if let Some(d) = day(r, i) {
        let j = if r.is(i + 1, "of") { i + 2 } else { i + 1 };
        if let Some((m, k)) = month(r, j) {
            let k2 = if r.text(k) == "," { k + 1 } else { k };
            if let Some(y) = year(r, k2) {
                return Some((Date::new(y, m, d).map(DateValue::Day), k2 + 1));
            }
            return Some((infer_year(m, d, ctx), k));
        }
        return None;
    }
    // "on Thursday": the last such weekday on or before the article's date — unless the
    // date itself follows ("on Wednesday, Dec. 12"), which then is the claim.
    if r.is(i, "on") {
        let w = r.text(i + 1);
        if let Some(wd) = WEEKDAYS.iter().position(|d| *d == w) {
            if r.text(i + 2) == ","
                && let Some((v, end)) =
                    date_at(r, i + 3, ctx).filter(|(v, _)| v.is_some() || ctx.is_none())
            {
                return Some((v, end));
            }
            // Read without the article's date; placed with it: the latest such day on or
            // before it, or in the future tense the next on or after it.
            let Some(ctx) = ctx else {
                return Some((Some(DateValue::Weekday(wd as u8)), i + 2));
            };
            let day = if future_tense(r, i) {
                ctx.plus_days(((wd + 7 - ctx.weekday()) % 7) as i64)
            } else {
                ctx.minus_days(((ctx.weekday() + 7 - wd) % 7) as i64)
            };
            return Some((Some(DateValue::Day(day)), i + 2));
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::Document;

    fn read(text: &str, ctx: Option<&str>) -> Option<String> {
        let d = Document::new(text);
        let r = Reader::new(&d);
        let ctx = ctx.and_then(Date::parse);
        let (v, _) = date_at(&r, 0, ctx)?;
        Some(v.map_or("unresolved".to_string(), |v| v.to_string()))
    }

    #[test]
    fn forms() {
        assert_eq!(
            read("January 11, 2024", None).as_deref(),
            Some("2024-01-11")
        );
        assert_eq!(read("Jan. 11, 2024", None).as_deref(), Some("2024-01-11"));
        assert_eq!(read("11 Jan 2024", None).as_deref(), Some("2024-01-11"));
        assert_eq!(read("11 January 2024", None).as_deref(), Some("2024-01-11"));
        assert_eq!(read("2024-01-11", None).as_deref(), Some("2024-01-11"));
        assert_eq!(read("January 2024", None).as_deref(), Some("2024-01"));
        assert_eq!(
            read("December 29th, 2023", None).as_deref(),
            Some("2023-12-29")
        );
    }

    #[test]
    fn needs_the_article_date() {
        assert_eq!(read("Jan. 11", None).as_deref(), Some("unresolved"));
        assert_eq!(
            read("Dec. 29", Some("2024-01-11")).as_deref(),
            Some("2023-12-29")
        );
        assert_eq!(read("on Thursday", None).as_deref(), Some("Thursday"));
        assert_eq!(
            read("on Thursday", Some("2024-01-12")).as_deref(),
            Some("2024-01-11")
        );
        assert_eq!(
            read("on Thursday", Some("2024-01-11")).as_deref(),
            Some("2024-01-11")
        );
    }

    #[test]
    fn not_dates() {
        assert_eq!(read("may 5", None), None);
        assert_eq!(read("2024", None), None);
        assert_eq!(
            read("February 30, 2024", None).as_deref(),
            Some("unresolved")
        );
    }
}
