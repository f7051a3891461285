//! The number grammar: digit literals ("246", "1,200", "1.5", "3m", "2bn", "80Mln"), scale
//! words ("1.2 million", "75-million"), and numbers in words ("two hundred forty-six", "a dozen",
//! "one and a half", "a quarter of a billion"). Values are exact decimals. Each number also
//! carries its *resolution* — the unit of its last stated digit — so the checker can tell that
//! "$1.2 billion" is a rounding of 1,180,000,000 while "246" is exact.

use crate::text::{Document, TokKind};
use rust_decimal::Decimal;

/// A number read from tokens `[start, end)`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Num {
    pub value: Decimal,
    /// The place value of the last stated digit: 1 for "246", 100,000,000 for "1.2 billion".
    pub resolution: Decimal,
    pub start: usize,
    pub end: usize,
    /// Written in words ("two dozen") rather than digits.
    pub spelled: bool,
    /// A plain digit run with no separators, decimals or scale ("2024"), as years are.
    pub bare_integer: bool,
}

/// A digit literal split into its number and trailing letters ("3m" → 3, "m").
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Literal<'a> {
    pub value: Decimal,
    pub frac_digits: u32,
    pub suffix: &'a str,
    pub grouped: bool,
}

/// Reads a digit literal token: digits, `,` thousands groups, one `.` decimal part, then letters.
pub fn literal(tok: &str) -> Option<Literal<'_>> {
    let digits_end = tok
        .char_indices()
        .find(|&(_, c)| !(c.is_ascii_digit() || c == ',' || c == '.'))
        .map_or(tok.len(), |(i, _)| i);
    let (num, suffix) = tok.split_at(digits_end);
    if num.is_empty() || !num.as_bytes()[0].is_ascii_digit() {
        return None;
    }
    if !suffix.chars().all(char::is_alphabetic) {
        return None; // "1A2": a designation, not a number
    }
    let (int, frac) = match num.split_once('.') {
        Some((i, f)) if !f.contains('.') && !f.contains(',') => (i, f),
        Some(_) => return None, // "192.168.1.2"
        None => (num, ""),
    };
    let grouped = int.contains(',');
    if grouped {
        let mut groups = int.split(',');
        let first = groups.next()?;
        if first.is_empty() || first.len() > 3 || groups.any(|g| g.len() != 3) {
            return None;
        }
    }
    let plain: String = int.chars().filter(|&c| c != ',').collect();
    if plain.len() > 1 && plain.starts_with('0') && frac.is_empty() {
        return None; // "007", zip codes, serials
    }
    let text = if frac.is_empty() {
        plain
    } else {
        format!("{plain}.{frac}")
    };
    let value = Decimal::from_str_exact(&text).ok()?;
    Some(Literal {
        value,
        frac_digits: frac.len() as u32,
        suffix,
        grouped,
    })
}

/// A scale suffix glued to digits ("3m", "2bn", "80Mln", "5k").
pub fn suffix_scale(s: &str) -> Option<Decimal> {
    Some(match s {
        "k" | "K" => Decimal::from(1_000),
        "m" | "M" | "mn" | "Mn" | "mln" | "Mln" | "MLN" | "MM" | "mil" => Decimal::from(1_000_000),
        "b" | "B" | "bn" | "Bn" | "BN" | "bln" | "Bln" => Decimal::from(1_000_000_000u64),
        "tn" | "Tn" | "trn" | "T" => Decimal::from(1_000_000_000_000u64),
        _ => return None,
    })
}

/// A scale word ("million", "bn").
pub fn word_scale(w: &str) -> Option<Decimal> {
    let l = w.to_ascii_lowercase();
    Some(match l.as_str() {
        "thousand" | "thousands" => Decimal::from(1_000),
        "million" | "millions" | "mln" | "mn" => Decimal::from(1_000_000),
        "billion" | "billions" | "bn" | "bln" => Decimal::from(1_000_000_000u64),
        "trillion" | "trillions" | "tn" => Decimal::from(1_000_000_000_000u64),
        _ => return None,
    })
}

fn small(w: &str) -> Option<u32> {
    Some(match w {
        "zero" | "nought" => 0,
        "one" => 1,
        "two" => 2,
        "three" => 3,
        "four" => 4,
        "five" => 5,
        "six" => 6,
        "seven" => 7,
        "eight" => 8,
        "nine" => 9,
        "ten" => 10,
        "eleven" => 11,
        "twelve" => 12,
        "thirteen" => 13,
        "fourteen" => 14,
        "fifteen" => 15,
        "sixteen" => 16,
        "seventeen" => 17,
        "eighteen" => 18,
        "nineteen" => 19,
        _ => return None,
    })
}

fn tens(w: &str) -> Option<u32> {
    Some(match w {
        "twenty" => 20,
        "thirty" => 30,
        "forty" | "fourty" => 40,
        "fifty" => 50,
        "sixty" => 60,
        "seventy" => 70,
        "eighty" => 80,
        "ninety" => 90,
        _ => return None,
    })
}

/// Fraction words: "half" → 2, "third(s)" → 3, "quarter(s)"/"fourth(s)" → 4 …
fn fraction_denominator(w: &str) -> Option<u32> {
    Some(match w {
        "half" | "halves" => 2,
        "third" | "thirds" => 3,
        "quarter" | "quarters" | "fourth" | "fourths" => 4,
        "fifth" | "fifths" => 5,
        "sixth" | "sixths" => 6,
        "eighth" | "eighths" => 8,
        "tenth" | "tenths" => 10,
        _ => return None,
    })
}

/// Token-level reader over a document.
pub struct Reader<'d> {
    pub doc: &'d Document,
}

impl<'d> Reader<'d> {
    pub fn new(doc: &'d Document) -> Self {
        Reader { doc }
    }

    pub fn len(&self) -> usize {
        self.doc.tokens.len()
    }

    pub fn is_empty(&self) -> bool {
        self.doc.tokens.is_empty()
    }

    /// The token's text ("" past the end).
    pub fn text(&self, i: usize) -> &'d str {
        self.doc
            .tokens
            .get(i)
            .map_or("", |t| t.span.slice(&self.doc.text))
    }

    pub fn lower(&self, i: usize) -> String {
        self.text(i).to_lowercase()
    }

    pub fn is(&self, i: usize, w: &str) -> bool {
        self.text(i).eq_ignore_ascii_case(w)
    }

    pub fn is_word(&self, i: usize) -> bool {
        self.doc
            .tokens
            .get(i)
            .is_some_and(|t| t.kind == TokKind::Alnum)
            && self.text(i).chars().next().is_some_and(char::is_alphabetic)
    }

    /// Token `i` directly follows token `i - 1` with no space between.
    pub fn glued(&self, i: usize) -> bool {
        self.doc.tokens.get(i).is_some_and(|t| !t.gap) && i > 0
    }

    pub fn same_sentence(&self, a: usize, b: usize) -> bool {
        match (self.doc.tokens.get(a), self.doc.tokens.get(b)) {
            (Some(x), Some(y)) => x.sentence == y.sentence,
            _ => false,
        }
    }

    /// Index after a hyphen joining `i-1` and `i+1` ("forty-six", "fifty - two"), if `i` is one.
    fn hyphen(&self, i: usize) -> bool {
        matches!(self.text(i), "-" | "‐" | "‑")
    }

    /// A number starting at token `i`.
    pub fn number(&self, i: usize) -> Option<Num> {
        self.digits(i).or_else(|| self.words(i))
    }

    /// A digit literal, with an optional glued or following scale.
    pub fn digits(&self, i: usize) -> Option<Num> {
        let lit = literal(self.text(i))?;
        let tok_is_alnum = self.doc.tokens.get(i)?.kind == TokKind::Alnum;
        if !tok_is_alnum {
            return None;
        }
        let mut resolution = Decimal::new(1, lit.frac_digits);
        let mut value = lit.value;
        let mut end = i + 1;
        let mut scaled = false;
        if !lit.suffix.is_empty() {
            let scale = suffix_scale(lit.suffix)?;
            value = value.checked_mul(scale)?;
            resolution = resolution.checked_mul(scale)?;
            scaled = true;
        } else {
            // "1.2 million", "75-million", "3 hundred", "2 dozen"
            let (j, hy) = if self.hyphen(end) && !self.doc.tokens.get(end + 1)?.gap {
                (end + 1, true)
            } else {
                (end, false)
            };
            if let Some(scale) = self.word_scale_at(j) {
                value = value.checked_mul(scale)?;
                resolution = resolution.checked_mul(scale)?;
                end = j + 1;
                scaled = true;
            } else if !hy && self.is(j, "hundred") && lit.frac_digits == 0 {
                value = value.checked_mul(Decimal::from(100))?;
                end = j + 1;
                scaled = true;
                if let Some(scale) = self.word_scale_at(end) {
                    value = value.checked_mul(scale)?;
                    resolution = scale;
                    end += 1;
                }
            } else if !hy
                && matches!(self.lower(j).as_str(), "dozen" | "dozens")
                && lit.frac_digits == 0
            {
                value = value.checked_mul(Decimal::from(12))?;
                end = j + 1;
                scaled = true;
            }
        }
        Some(Num {
            value,
            resolution,
            start: i,
            end,
            spelled: false,
            bare_integer: !scaled && !lit.grouped && lit.frac_digits == 0,
        })
    }

    fn word_scale_at(&self, i: usize) -> Option<Decimal> {
        if !self.is_word(i) {
            return None;
        }
        word_scale(self.text(i))
    }

    /// A number in words.
    pub fn words(&self, i: usize) -> Option<Num> {
        let w = self.lower(i);
        // "half a million", "half a billion dollars"
        if w == "half" && matches!(self.lower(i + 1).as_str(), "a" | "an") {
            if let Some(scale) = self.word_scale_at(i + 2) {
                return Some(self.num(
                    scale / Decimal::from(2),
                    scale / Decimal::from(2),
                    i,
                    i + 3,
                ));
            }
        }
        // "a dozen", "a hundred", "a thousand", "a quarter of a billion", "a quarter million"
        if w == "a" || w == "an" {
            let next = self.lower(i + 1);
            if next == "dozen" {
                let mut n = self.num(Decimal::from(12), Decimal::ONE, i, i + 2);
                self.extend_fraction(&mut n);
                return Some(n);
            }
            if next == "hundred" || self.word_scale_at(i + 1).is_some() {
                return self.cardinal(i + 1, true).map(|mut n| {
                    n.start = i;
                    n
                });
            }
            if let Some(den) = fraction_denominator(&next) {
                if den > 1 {
                    return self.fraction_of_scale(i, i + 2, Decimal::ONE, den);
                }
            }
            return None;
        }
        let mut n = self.cardinal(i, false)?;
        // "two dozen"
        if matches!(self.lower(n.end).as_str(), "dozen" | "dozens") {
            n.value *= Decimal::from(12);
            n.end += 1;
        }
        // "three quarters (of a billion)", "two thirds"
        if let Some(den) = fraction_denominator(&self.lower(n.end)) {
            if n.value >= Decimal::ONE && n.value < Decimal::from(10) && self.lower(n.end) != "half"
            {
                if let Some(f) = self.fraction_of_scale(i, n.end + 1, n.value, den) {
                    return Some(f);
                }
            }
        }
        self.extend_fraction(&mut n);
        Some(n)
    }

    /// "<num>/<den> [of a] [million]" ending at token `after`.
    fn fraction_of_scale(&self, start: usize, after: usize, num: Decimal, den: u32) -> Option<Num> {
        let frac = num.checked_div(Decimal::from(den))?;
        let mut end = after;
        let mut scale = Decimal::ONE;
        if self.is(end, "of") && matches!(self.lower(end + 1).as_str(), "a" | "an") {
            if let Some(s) = self.word_scale_at(end + 2) {
                scale = s;
                end += 3;
            }
        } else if let Some(s) = self.word_scale_at(end) {
            scale = s;
            end += 1;
        }
        let value = frac.checked_mul(scale)?;
        let resolution = if scale > Decimal::ONE {
            scale / Decimal::from(den)
        } else {
            frac
        };
        Some(self.num(value, resolution, start, end))
    }

    /// "… and a half", "… and a quarter" after a cardinal; scale words after it apply to the
    /// whole ("two and a half million").
    fn extend_fraction(&self, n: &mut Num) {
        let e = n.end;
        if self.is(e, "and") && matches!(self.lower(e + 1).as_str(), "a" | "an" | "one") {
            if let Some(den) = fraction_denominator(&self.lower(e + 2)) {
                let base = n.value;
                let mut value = base + Decimal::ONE / Decimal::from(den);
                let mut end = e + 3;
                let mut resolution = Decimal::ONE / Decimal::from(den);
                if base < Decimal::from(1000) {
                    if let Some(scale) = self.word_scale_at(end) {
                        value *= scale;
                        resolution *= scale;
                        end += 1;
                    }
                }
                n.value = value;
                n.resolution = resolution;
                n.end = end;
            }
        }
    }

    fn num(&self, value: Decimal, resolution: Decimal, start: usize, end: usize) -> Num {
        Num {
            value,
            resolution,
            start,
            end,
            spelled: true,
            bare_integer: false,
        }
    }

    /// A cardinal in words: "two hundred forty-six", "one thousand and five", "three million".
    /// With `implicit_one`, a leading "hundred"/scale counts as one of it ("a hundred").
    fn cardinal(&self, i: usize, implicit_one: bool) -> Option<Num> {
        let mut total = Decimal::ZERO;
        let mut current = Decimal::ZERO;
        let mut seen_any = implicit_one;
        let mut last_kind = 0u8; // 1 small, 2 tens, 3 hundred, 4 scale
        let mut resolution = Decimal::ONE;
        let mut j = i;
        let mut end = i;
        if implicit_one {
            current = Decimal::ONE;
        }
        loop {
            if !self.is_word(j) {
                break;
            }
            let w = self.lower(j);
            if let Some(v) = tens(&w) {
                if matches!(last_kind, 1 | 2) {
                    break;
                }
                current += Decimal::from(v);
                last_kind = 2;
                j += 1;
                end = j;
                seen_any = true;
                // "forty-six", "fifty - two"
                if self.hyphen(j) {
                    if let Some(u) = small(&self.lower(j + 1)).filter(|&u| (1..10).contains(&u)) {
                        current += Decimal::from(u);
                        last_kind = 1;
                        j += 2;
                        end = j;
                    }
                }
            } else if let Some(v) = small(&w) {
                if matches!(last_kind, 1 | 2) {
                    break;
                }
                current += Decimal::from(v);
                last_kind = 1;
                j += 1;
                end = j;
                seen_any = true;
            } else if w == "hundred" {
                if !seen_any || last_kind == 3 || last_kind == 4 && current.is_zero() {
                    break;
                }
                if current.is_zero() {
                    current = Decimal::ONE;
                }
                current = current.checked_mul(Decimal::from(100))?;
                last_kind = 3;
                j += 1;
                end = j;
                resolution = Decimal::from(100);
            } else if let Some(scale) = word_scale(&w).filter(|_| !w.ends_with('s')) {
                if !seen_any {
                    break;
                }
                if current.is_zero() {
                    current = Decimal::ONE;
                }
                total = total.checked_add(current.checked_mul(scale)?)?;
                current = Decimal::ZERO;
                last_kind = 4;
                j += 1;
                end = j;
                resolution = scale;
            } else if w == "and" && matches!(last_kind, 3 | 4) {
                // "one hundred and five" — only if a number word follows.
                let nw = self.lower(j + 1);
                if small(&nw).is_some() || tens(&nw).is_some() {
                    j += 1;
                } else {
                    break;
                }
            } else {
                break;
            }
            if matches!(last_kind, 1 | 2) {
                resolution = Decimal::ONE;
            }
        }
        if end == i || (!seen_any && !implicit_one) {
            return None;
        }
        Some(self.num(total + current, resolution, i, end))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    fn read(text: &str) -> Option<(String, String)> {
        let d = Document::new(text);
        let r = Reader::new(&d);
        let n = r.number(0)?;
        let span =
            crate::span::Span::new(d.tokens[n.start].span.start, d.tokens[n.end - 1].span.end);
        Some((n.value.normalize().to_string(), d.slice(span).to_string()))
    }

    fn val(text: &str) -> String {
        read(text).map(|(v, _)| v).unwrap_or_else(|| "none".into())
    }

    #[test]
    fn digit_literals() {
        assert_eq!(val("246 missiles"), "246");
        assert_eq!(val("1,200"), "1200");
        assert_eq!(val("1.5"), "1.5");
        assert_eq!(val("75,000,000"), "75000000");
        assert_eq!(val("3m"), "3000000");
        assert_eq!(val("2bn"), "2000000000");
        assert_eq!(val("75M"), "75000000");
        assert_eq!(val("80Mln"), "80000000");
        assert_eq!(val("1.2 million"), "1200000");
        assert_eq!(val("75-million"), "75000000");
        assert_eq!(val("0.075 billion"), "75000000");
        assert_eq!(val("1.1 billion"), "1100000000");
    }

    #[test]
    fn not_numbers() {
        for t in [
            "M1A2",
            "1A2",
            "192.168.1.2",
            "1,2345",
            "007",
            "211th",
            "1990s",
            "180ml",
        ] {
            assert_eq!(val(t), "none", "{t}");
        }
    }

    #[test]
    fn words() {
        assert_eq!(
            read("two hundred forty-six missiles"),
            Some(("246".into(), "two hundred forty-six".into()))
        );
        assert_eq!(val("thirty-three soldiers"), "33");
        assert_eq!(val("fifty - two"), "52");
        assert_eq!(val("a dozen"), "12");
        assert_eq!(val("two dozen"), "24");
        assert_eq!(val("a hundred"), "100");
        assert_eq!(val("one hundred and three"), "103");
        assert_eq!(val("one and a half"), "1.5");
        assert_eq!(val("two and a half million"), "2500000");
        assert_eq!(val("a quarter of a billion"), "250000000");
        assert_eq!(val("half a million"), "500000");
        assert_eq!(val("three quarters"), "0.75");
        assert_eq!(val("five million"), "5000000");
        assert_eq!(val("one thousand and five"), "1005");
        assert_eq!(val("a quarter million"), "250000");
        assert_eq!(val("three hundred thousand"), "300000");
        assert_eq!(val("a"), "none");
        assert_eq!(val("hundred"), "none");
    }

    #[test]
    fn resolution_follows_the_last_stated_digit() {
        let d = Document::new("1.2 billion");
        let n = Reader::new(&d).number(0).unwrap();
        assert_eq!(n.resolution, Decimal::from_str("100000000").unwrap());
        let d = Document::new("246");
        let n = Reader::new(&d).number(0).unwrap();
        assert_eq!(n.resolution, Decimal::ONE);
        assert!(n.bare_integer);
    }
}
