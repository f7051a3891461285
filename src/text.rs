//! The document model: an article's text as read from disk, the parts of it that are markup
//! rather than prose (masked), its tokens, sentences and paragraphs — all as byte spans into
//! the original text, so every claim can point back at the exact bytes an editor wrote.

use crate::span::{LineCol, LineIndex, Span};
use crate::words::WordSet;
use crate::words::with_ascii_lower;
use regex::Regex;
use std::sync::LazyLock;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokKind {
    /// A run of letters and digits, with `,`/`.` kept inside digit runs ("1,200.5", "M1A2", "3m").
    Alnum,
    /// Any other single visible character.
    Punct,
}

#[derive(Debug, Clone, Copy)]
pub struct Token {
    pub kind: TokKind,
    pub span: Span,
    /// Whitespace (or masked markup) separates this token from the previous one.
    pub gap: bool,
    /// A word that keeps a separator or a zero-width character between digits ("1,200"):
    /// more than one run of letters and digits.
    pub glued: bool,
    /// Index of the sentence this token belongs to.
    pub sentence: usize,
}

#[derive(Debug, Clone, Copy)]
pub struct Sentence {
    pub span: Span,
    pub paragraph: usize,
    /// Token range `[first, last)`.
    pub tokens: (usize, usize),
}

/// An article: text, markup mask, tokens, sentences and paragraphs.
#[derive(Debug)]
pub struct Document {
    pub text: String,
    pub tokens: Vec<Token>,
    pub sentences: Vec<Sentence>,
    pub paragraphs: Vec<Span>,
    /// Byte ranges that are markup, URLs, code or comments: never read as claims.
    pub masked: Vec<Span>,
    /// The date in Markdown front matter (`date: 2024-01-11`), if any.
    pub front_matter_date: Option<String>,
    /// Built on first use: most documents of a large run report nothing, so never need it.
    lines: std::sync::OnceLock<LineIndex>,
    /// The text in ASCII lower case (same offsets), made on first use.
    lower: std::sync::OnceLock<String>,
}

/// Markup never read as claims. Matched on bytes with ASCII classes (`\w`, `\s`, `\d`):
/// compiling the Unicode classes took eight times as long, most of a short run's start-up.
/// Every branch starts and ends at an ASCII byte, so a span never splits a character. A URL
/// or link target ends at whitespace or at the lead byte of a no-break space (C2) or of
/// U+2000–U+206F (E2: thin spaces, dashes, curly quotes), as a reader would end it.
const MASKS_PATTERN: &str = r"(?xm-u)
        \A---[\x20\t]*\r?\n(?s:.*?)\n---[\x20\t]*(?:\r?\n|\z)  # YAML front matter
        | <!--(?s:.*?)-->                              # HTML comments
        | ^[\x20\t]*\[factcheck-ignore(?-u:\b)[^\]\n]*\][\x20\t]*$  # plain-text directives
        | ^[\x20\t]*```(?s:.*?)^[\x20\t]*```                 # fenced code
        | `[^`\n]+`                                    # inline code
        | \]\([^)\s]*\)                                # Markdown link target
        | ^\[[^\]\n]+\]:[\x20\t]*[^\s\xC2\xE2]+           # reference link definition
        | <[A-Za-z/!][^<>\n]*>                         # HTML tags
        | (?:https?|ftp)://[^\s<>()\[\]\xC2\xE2]+      # bare URLs
        | www\.[^\s<>()\[\]\xC2\xE2]+
        | [\w.+-]+@[\w-]+\.[\w.-]+                     # e-mail addresses
        | ^[\x20\t]*(?:[-*+]|\d{1,3}[.)])[\x20\t]            # list markers
        | ^\#{1,6}[\x20\t]                                # heading markers
        | ^[\x20\t]*>[\x20\t]?                               # block quote markers
        ";

/// [`MASKS_PATTERN`], searched only where a match can start ([`mask_starts`]). Searched as a
/// whole it admits no prefilter (branches anchored at line starts, e-mail addresses that can
/// start at any word byte), so its automaton read every byte of every article: the largest
/// cost of reading an article's text.
static MASKS: LazyLock<regex_automata::meta::Regex> = LazyLock::new(|| {
    regex_automata::meta::Regex::builder()
        .syntax(regex_automata::util::syntax::Config::new().utf8(false))
        .configure(regex_automata::meta::Regex::config().utf8_empty(false))
        .build(MASKS_PATTERN)
        .expect("mask regex is valid")
});

/// A front matter's `date:`. ASCII digits only ([`Date::parse`] reads no others), which is
/// also a tenth of the Unicode class's compile time.
///
/// [`Date::parse`]: crate::date::Date::parse
static FRONT_DATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#"(?m)^date:[\x20\t]*["']?([0-9]{4}-[0-9]{2}-[0-9]{2})"#)
        .expect("front matter date regex")
});

/// Abbreviations after which a period does not end a sentence.
const ABBREVIATIONS: &[&str] = &[
    "U.S", "U.K", "U.N", "E.U", "Mr", "Mrs", "Ms", "Dr", "Gen", "Lt", "Col", "Maj", "Capt", "Sgt",
    "Adm", "Rep", "Sen", "Gov", "Sec", "St", "No", "Nos", "Jan", "Feb", "Mar", "Apr", "Jun", "Jul",
    "Aug", "Sep", "Sept", "Oct", "Nov", "Dec", "Inc", "Corp", "Co", "Ltd", "vs", "etc", "approx",
    "est", "Dept", "Gov't", "Jr", "Sr", "Prof", "Fig", "nr", "p", "pp", "e.g", "i.e", "a.m", "p.m",
    // Street abbreviations in addresses ("ul. Klonowa 1").
    "ul", "Ave", "Blvd", "Rd",
];

/// A dateline at the top of an article, by its form: a place in capitals (with up to two
/// regions), an optional date, an optional agency in brackets, and a dash ("WASHINGTON, Dec.
/// 13 (Reuters) -", "TALLINN, Estonia, March 4 —", "KYIV —"). ASCII classes: the Unicode
/// tables were most of its build time, at every start-up.
static PLACE_DATELINE: LazyLock<Regex> = LazyLock::new(|| {
    let place = format!(
        r"^[ \t\r\n]*(?:\*\*)?[A-Z][A-Z.'\- ]{{2,40}}(?:,[ \t]*[A-Z][A-Za-z.'\- ]{{1,30}}){{0,2}}(?:,?[ \t]+{DAY_MONTH}(?:,?[ \t]*[0-9]{{4}})?)?(?:\*\*)?[ \t]*(?:\([A-Za-z0-9 .,'&/-]{{1,40}}\)[ \t]*)?(?:—|–|-{{1,2}})"
    );
    regex::RegexBuilder::new(&place)
        .unicode(false)
        .build()
        .expect("the place dateline is a valid regex")
});

/// A day and a month name, either way round ("Dec. 13", "21st August").
const DAY_MONTH: &str = r"(?:[A-Z][a-z]{2,8}\.?[ \t]+[0-9]{1,2}(?:st|nd|rd|th)?|[0-9]{1,2}(?:st|nd|rd|th)?[ \t]+[A-Z][a-z]{2,8}\.?)";

/// A line that dates the article: a short byline or label, a weekday, a full date and a time
/// at most ("Tuesday, September 26, 2023", "Published: 4 March 2024", "Jane Doe 4 minutes
/// ago Wed 21st August 2019 | 02:30 AM", "15:18 05.08.2019").
static DATE_LINE: LazyLock<Regex> = LazyLock::new(|| {
    let full = format!(
        r"(?:{DAY_MONTH},?[ \t]+[0-9]{{4}}|[0-9]{{4}}-[0-9]{{2}}-[0-9]{{2}}|[0-9]{{1,2}}[./][0-9]{{1,2}}[./][0-9]{{4}})"
    );
    let time = r"[0-9]{1,2}[:.][0-9]{2}(?:[ \t]*[AaPp]\.?[Mm]\.?)?(?:[ \t]+[A-Z]{2,5})?";
    let line = format!(
        r"^[ \t]*(?:\*\*|_)?(?:[A-Za-z0-9][A-Za-z0-9 \t,:'|/()&@-]{{0,60}}?[ \t,:|-]+)?(?:[A-Z][a-z]{{2,8}}\.?,?[ \t]+)?{full}(?:[ \t]*(?:\||-|–|—|,|at)?[ \t]*{time})?(?:\*\*|_)?[ \t]*$"
    );
    regex::RegexBuilder::new(&line)
        .unicode(false)
        .build()
        .expect("the date line is a valid regex")
});

impl Document {
    /// The article's dateline, recognised by its form at the top of the article: a place
    /// dateline opening the first paragraph, or one of the first three lines that is only a
    /// date (see [`PLACE_DATELINE`], [`DATE_LINE`]). Any date in it dates the article, not an
    /// event. A line of wrapped prose that happens to end in a date is no date line: the next
    /// line must be blank, the end, or begin a new sentence.
    pub fn dateline(&self) -> Option<Span> {
        let start = self.paragraphs.first()?.start;
        let head = self
            .text
            .get(start..floor_boundary(&self.text, (start + 400).min(self.text.len())))?;
        if let Some(m) = PLACE_DATELINE.find(head.get(..160.min(head.len())).unwrap_or(head)) {
            return Some(Span::new(start + m.start(), start + m.end()));
        }
        let mut at = 0;
        let lines: Vec<&str> = head.split('\n').collect();
        for (i, line) in lines.iter().enumerate().take(3) {
            let line_at = at;
            at += line.len() + 1;
            let line = line.trim_end_matches('\r');
            if line.len() > 100 {
                continue;
            }
            if !DATE_LINE.is_match(line) {
                continue;
            }
            let next = lines.get(i + 1).map(|l| l.trim_start()).unwrap_or("");
            let new_sentence = next.is_empty()
                || next.starts_with(|c: char| c.is_uppercase() || "#*_\"“'-".contains(c));
            if new_sentence && !line.trim().is_empty() {
                let lead = line.len() - line.trim_start().len();
                return Some(Span::new(
                    start + line_at + lead,
                    start + line_at + line.trim_end().len(),
                ));
            }
        }
        None
    }

    /// The text with ASCII letters in lower case: every byte offset stays the same. Names
    /// and phrase words are searched here, by automata that then need only one case.
    pub fn lower(&self) -> &str {
        self.lower.get_or_init(|| self.text.to_ascii_lowercase())
    }

    /// Reads a text. A leading BOM and CRLF line ends are tolerated; spans stay in the
    /// original bytes.
    pub fn new(text: impl Into<String>) -> Document {
        let text = text.into();
        let masked = mask(&text);
        let front_matter_date = if text.trim_start_matches('\u{feff}').starts_with("---") {
            masked.first().and_then(|m| {
                FRONT_DATE
                    .captures(m.slice(&text))
                    .map(|c| c[1].to_string())
            })
        } else {
            None
        };
        let mut tokens = tokenize(&text, &masked);
        let (sentences, paragraphs) = segment(&text, &mut tokens);
        Document {
            text,
            tokens,
            sentences,
            paragraphs,
            masked,
            front_matter_date,
            lines: std::sync::OnceLock::new(),
            lower: std::sync::OnceLock::new(),
        }
    }

    pub fn slice(&self, span: Span) -> &str {
        span.slice(&self.text)
    }

    pub fn tok(&self, i: usize) -> &str {
        self.tokens[i].span.slice(&self.text)
    }

    pub fn locate(&self, offset: usize) -> LineCol {
        self.line_index().locate(&self.text, offset)
    }

    pub fn line_index(&self) -> &LineIndex {
        self.lines.get_or_init(|| LineIndex::new(&self.text))
    }

    /// The sentence containing byte `offset` (the last one starting at or before it).
    pub fn sentence_at(&self, offset: usize) -> usize {
        self.sentences
            .partition_point(|s| s.span.start <= offset)
            .saturating_sub(1)
    }

    pub fn is_masked(&self, span: Span) -> bool {
        let i = self.masked.partition_point(|m| m.end <= span.start);
        self.masked.get(i).is_some_and(|m| m.overlaps(span))
    }
}

/// Whether `text` holds what every branch of [`MASKS`] needs: one of the bytes each branch
/// starts or is made with, `www.`, or a digit and a period before a space (a numbered list
/// item). Plain prose without them (a headline, a one-line claim, a KB amount) needs no
/// masks, and a short run then never compiles the markup regex.
fn may_have_markup(text: &str) -> bool {
    let b = text.as_bytes();
    b.iter().any(|c| {
        matches!(
            c,
            b'-' | b'<' | b'[' | b']' | b'`' | b':' | b'@' | b'*' | b'+' | b'#' | b'>' | b')'
        )
    }) || text.contains("www.")
        || b.windows(3)
            .any(|w| w[0].is_ascii_digit() && w[1] == b'.' && matches!(w[2], b' ' | b'\t'))
}

/// The markup of `text`: what [`MASKS_PATTERN`]'s leftmost-first matches, one after the
/// other, are. The leftmost match from a place is the match anchored at the first place
/// after it where one can start, so only those places are searched: the places
/// [`mask_starts`] lists, and the end of each match (an e-mail address can start right
/// after other markup, in the middle of its run of name bytes).
fn mask(text: &str) -> Vec<Span> {
    use regex_automata::{Anchored, Input};
    if !may_have_markup(text) {
        return Vec::new();
    }
    let b = text.as_bytes();
    let starts = mask_starts(b);
    let mut out = Vec::new();
    let (mut pos, mut k, mut at_end) = (0, 0, false);
    loop {
        let s = if at_end {
            pos
        } else {
            while starts.get(k).is_some_and(|&s| s < pos) {
                k += 1;
            }
            let Some(&s) = starts.get(k) else { break };
            k += 1;
            s
        };
        at_end = false;
        let Some(m) = MASKS.search(&Input::new(b).range(s..).anchored(Anchored::Yes)) else {
            continue;
        };
        debug_assert!(!m.is_empty(), "every branch needs a byte");
        // Never the case (every branch starts and ends at an ASCII byte); the tokenizer
        // relies on it.
        if text.is_char_boundary(m.start()) && text.is_char_boundary(m.end()) {
            out.push(Span::new(m.start(), m.end()));
        }
        (pos, at_end) = (m.end().max(s + 1), true);
    }
    out
}

/// Every place where a [`MASKS_PATTERN`] match may start, in order: the start of the text
/// (front matter); the start of each line whose first byte after blanks starts a line's
/// markup (`[`, a fence, a list marker, `#`, `>`); each `<`, `` ` `` and `]`; where a URL's
/// scheme or `www.` starts; and where the run of name bytes before each `@` starts.
fn mask_starts(b: &[u8]) -> Vec<usize> {
    let mut out = vec![0];
    for nl in memchr::memchr_iter(b'\n', b) {
        let line = nl + 1;
        let first = b[line..].iter().find(|&&c| c != b' ' && c != b'\t');
        if first.is_some_and(|c| {
            matches!(
                c,
                b'[' | b'`' | b'-' | b'*' | b'+' | b'#' | b'>' | b'0'..=b'9'
            )
        }) {
            out.push(line);
        }
    }
    out.extend(memchr::memchr3_iter(b'<', b'`', b']', b));
    for p in memchr::memmem::find_iter(b, b"://") {
        // "ftp", "http", "https": the search anchored at each tells.
        out.extend((3..=5).filter_map(|back| p.checked_sub(back)));
    }
    out.extend(memchr::memmem::find_iter(b, b"www."));
    // An address's name: `[\w.+-]`, ASCII.
    let name = |c: &&u8| c.is_ascii_alphanumeric() || matches!(c, b'_' | b'.' | b'+' | b'-');
    for at in memchr::memchr_iter(b'@', b) {
        let run = b[..at].iter().rev().take_while(name).count();
        if run > 0 {
            out.push(at - run);
        }
    }
    out.sort_unstable();
    out.dedup();
    out
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric()
}

fn tokenize(text: &str, masked: &[Span]) -> Vec<Token> {
    let bytes = text.as_bytes();
    let mut tokens = Vec::with_capacity(text.len() / 5);
    let mut mi = 0;
    // Where the next mask starts: the masks are looked at only from there on.
    let mut next_mask = masked.first().map_or(usize::MAX, |m| m.start);
    let mut gap = true;
    let mut glued = false;
    let mut i = 0;
    while i < bytes.len() {
        // A space, the commonest byte, before anything else is looked at (one inside
        // markup is passed over all the same: the markup is skipped at the next token).
        if bytes[i] == b' ' {
            i += 1;
            gap = true;
            continue;
        }
        if i >= next_mask {
            while mi < masked.len() && masked[mi].end <= i {
                mi += 1;
            }
            match masked.get(mi) {
                Some(m) if m.start <= i => {
                    i = m.end;
                    gap = true;
                    continue;
                }
                Some(m) => next_mask = m.start,
                None => next_mask = usize::MAX,
            }
        }
        let start = i;
        let b = bytes[i];
        // ASCII by table, without decoding; the rest a character at a time.
        let kind = match BYTE_CLASS[usize::from(b)] {
            ByteClass::Space => {
                i += 1;
                gap = true;
                continue;
            }
            ByteClass::Alnum => {
                (i, glued) = word_end(text, i + 1);
                TokKind::Alnum
            }
            ByteClass::Punct => {
                i += 1;
                TokKind::Punct
            }
            ByteClass::Other => {
                let Some(c) = text[i..].chars().next() else {
                    break;
                };
                i += c.len_utf8();
                if c.is_whitespace() || c == '\u{feff}' || c == '\u{200b}' {
                    gap = true;
                    continue;
                }
                if is_word_char(c) {
                    (i, glued) = word_end(text, i);
                    TokKind::Alnum
                } else {
                    TokKind::Punct
                }
            }
        };
        tokens.push(Token {
            kind,
            span: Span::new(start, i),
            gap,
            glued,
            sentence: 0,
        });
        gap = false;
        glued = false;
    }
    tokens
}

#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum ByteClass {
    Space,
    Alnum,
    Punct,
    /// A byte of a character outside ASCII: decoded where it is met.
    Other,
}

/// What each byte starts: for ASCII, white space (as `char::is_whitespace` has it), a word,
/// or a punctuation token (every other byte, control characters included).
pub(crate) const BYTE_CLASS: [ByteClass; 256] = {
    let mut t = [ByteClass::Other; 256];
    let mut b = 0;
    while b < 128 {
        let c = b as u8;
        t[b] = if c.is_ascii_alphanumeric() {
            ByteClass::Alnum
        } else if matches!(c, b' ' | b'\t' | b'\n' | 0x0b | 0x0c | b'\r') {
            ByteClass::Space
        } else {
            ByteClass::Punct
        };
        b += 1;
    }
    t
};

/// Where the word going on at `i` ends: letters and digits, with `,`/`.` kept between digits
/// ("1,200", "1.5") and a zero-width character between digits ("2\u{200b}46" shows as 246:
/// one token, read past by the number grammar); and whether it kept one.
#[inline(always)]
fn word_end(text: &str, mut i: usize) -> (usize, bool) {
    let bytes = text.as_bytes();
    let mut glued = false;
    while i < bytes.len() {
        // ASCII letters and digits, eight bytes at a time while there are eight.
        if let Some(chunk) = bytes[i..].first_chunk::<8>() {
            let run = ascii_alnum_run(*chunk);
            i += run;
            if run == 8 {
                continue;
            }
        } else if BYTE_CLASS[usize::from(bytes[i])] == ByteClass::Alnum {
            i += 1;
            continue;
        }
        let b = bytes[i];
        if b < 0x80 {
            // "1,200", "1.5": a separator between digits stays in the number.
            if (b == b',' || b == b'.')
                && bytes[i - 1].is_ascii_digit()
                && bytes.get(i + 1).is_some_and(u8::is_ascii_digit)
            {
                i += 1;
                glued = true;
                continue;
            }
            // "1,\n200", "$1.\n2 billion": a number broken by a line break (not a blank
            // line) is one word, when the pieces make one number.
            if (b == b',' || b == b'.')
                && bytes[i - 1].is_ascii_digit()
                && let Some(next) = wrapped_digits(bytes, i)
            {
                i = next;
                glued = true;
                continue;
            }
            break;
        }
        let Some(d) = text[i..].chars().next() else {
            break;
        };
        if !is_word_char(d) {
            let between_digits = crate::words::zero_width(d)
                && bytes[i - 1].is_ascii_digit()
                && bytes.get(i + d.len_utf8()).is_some_and(u8::is_ascii_digit);
            if !between_digits {
                break;
            }
            glued = true;
        }
        i += d.len_utf8();
    }
    (i, glued)
}

/// Where the digits after the separator at `sep` go on past a single line break ("1,\n200",
/// "1.\n2"), if they make one number with the digits before it: one to three digits
/// before, and a group of exactly three after a comma.
fn wrapped_digits(bytes: &[u8], sep: usize) -> Option<usize> {
    let mut k = sep + 1;
    if bytes.get(k) == Some(&b'\r') {
        k += 1;
    }
    if bytes.get(k) != Some(&b'\n') {
        return None;
    }
    k += 1;
    let after = bytes[k..].iter().take_while(|b| b.is_ascii_digit()).count();
    let before = bytes[..sep]
        .iter()
        .rev()
        .take_while(|b| b.is_ascii_digit())
        .count();
    let one_number = (1..=3).contains(&before)
        && match bytes[sep] {
            b',' => after == 3,
            _ => after >= 1,
        };
    one_number.then_some(k)
}

/// How many of the eight bytes, from the first, are ASCII letters and digits: the bytes are
/// classified together, in one 64-bit word (a letter is a byte that, with bit 5 set, lies in
/// `a..=z`; each range test adds to every byte at once what makes its high bit tell, on
/// bytes whose high bit is cleared first so that no sum carries into the next byte).
#[inline(always)]
fn ascii_alnum_run(chunk: [u8; 8]) -> usize {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let x = u64::from_le_bytes(chunk);
    let low7 = x & !HIGH;
    // High bit of each byte set where `lo <= byte <= hi` (bytes below 0x80).
    let within = |v: u64, lo: u8, hi: u8| {
        let at_least_lo = v + ONES * u64::from(0x80 - lo);
        let above_hi = v + ONES * u64::from(0x7f - hi);
        at_least_lo & !above_hi & HIGH
    };
    let alnum = (within(low7 | (ONES * 0x20), b'a', b'z') | within(low7, b'0', b'9')) & !x;
    ((!alnum & HIGH).trailing_zeros() / 8) as usize
}

/// Splits tokens into sentences and paragraphs. A blank line ends a paragraph; so does a
/// single line break when the text has no blank lines at all (one paragraph per line, as in
/// plain-text wire copy). A line break after terminal punctuation, a heading or a list item
/// ends a sentence.
fn segment(text: &str, tokens: &mut [Token]) -> (Vec<Sentence>, Vec<Span>) {
    let has_blank_lines = text.contains("\n\n") || text.contains("\n\r\n");
    // Hard-wrapped copy with no blank lines (a release wrapped at 70 columns): a line break
    // is wrapping, and ends a paragraph only after a sentence's end on a line clearly
    // shorter than the wrap width. Copy with one long line per paragraph keeps a paragraph
    // a line.
    // (Measured only for copy without blank lines: most copy has them.)
    let widest = if has_blank_lines {
        0
    } else {
        text.lines().map(|l| l.chars().count()).max().unwrap_or(0)
    };
    let hard_wrapped = !has_blank_lines && widest <= 100 && text.lines().nth(2).is_some();
    // Room for a sentence in every 10 tokens (most have twice that many).
    let mut sentences: Vec<Sentence> = Vec::with_capacity(tokens.len() / 10 + 1);
    let mut paragraphs: Vec<Span> = Vec::with_capacity(tokens.len() / 64 + 1);
    let mut sent_start: Option<usize> = None;
    let mut para_start: Option<usize> = None;
    let n = tokens.len();
    let bytes = text.as_bytes();
    // Token texts as bytes: most tokens are words, and these tests are about punctuation.
    let tok_bytes = |t: &Token| &bytes[t.span.start..t.span.end];
    for i in 0..n {
        // The sentence under way: the next one pushed.
        tokens[i].sentence = sentences.len();
        let first = *sent_start.get_or_insert(i);
        para_start.get_or_insert(i);
        let tok = tokens[i];
        let next = tokens.get(i + 1);
        let between = next.map_or(&[][..], |t| &bytes[tok.span.end..t.span.start]);
        // A word followed on the same line by another token ends nothing (every rule below
        // needs a line break after it, the end of the text, or punctuation). The space
        // between is mostly one byte: looked at inline, not with a vectorised search.
        if tok.kind == TokKind::Alnum && next.is_some() && between.iter().all(|&b| b != b'\n') {
            continue;
        }
        // Mostly one space: counted inline, not with a searcher set up per token.
        let newlines = between.iter().filter(|&&b| b == b'\n').count();
        let sb = tok_bytes(&tok);
        let terminal = matches!(sb, b"." | b"!" | b"?") || sb == "…".as_bytes();
        let short_line = || {
            let line_start = text[..tok.span.end].rfind('\n').map_or(0, |i| i + 1);
            text[line_start..tok.span.end].chars().count() * 4 < widest * 3
        };
        let single_break = if hard_wrapped {
            (terminal || closing_quote(sb)) && short_line()
        } else {
            !has_blank_lines
        };
        // A line that stops short of its sentence's end and a next line that goes on in lower
        // case or digits ("two hundred\nforty-six missiles") are one paragraph even in copy
        // of a paragraph a line.
        let goes_on = newlines == 1
            && !terminal
            && !closing_quote(sb)
            && sb != b":"
            && next.is_some_and(|t| {
                let first = bytes[t.span.start];
                first.is_ascii_lowercase() || first.is_ascii_digit() && tok.kind == TokKind::Alnum
            });
        let para_break =
            next.is_none() || newlines >= 2 || (newlines == 1 && single_break && !goes_on);
        // A table row, list item or heading is a sentence of its own.
        let block_line = newlines >= 1
            && (sb == b"|" || next.is_some_and(|t| starts_block(text, tok.span.end, t.span.start)));
        let mut sent_break =
            para_break || block_line || (newlines >= 1 && (terminal || sb == b":"));
        if !sent_break
            && terminal
            && let Some(nt) = next
        {
            let ns = nt.span.slice(text);
            let starts_upper = ns
                .chars()
                .next()
                .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit() || "\"“‘'(".contains(c));
            let abbrev = sb == b"." && i > 0 && is_abbreviation(text, tokens, i);
            // "worth $1.8 billion.The State Department …": copy scraped without the space
            // after a full stop still ends its sentence there, when a lower-case word ends
            // and a capitalised word starts ("U.S.The" and "gov.uk" do not).
            let glued = || {
                let mut next_chars = ns.chars();
                let prev = tokens[i - 1].span.slice(text);
                sb == b"."
                    && tokens[i - 1].kind == TokKind::Alnum
                    && prev.len() >= 2
                    && prev.bytes().all(|b| b.is_ascii_alphabetic())
                    && prev.as_bytes()[prev.len() - 1].is_ascii_lowercase()
                    && tokens[i - 1].span.end == tok.span.start
                    && next_chars.next().is_some_and(|c| c.is_ascii_uppercase())
                    && next_chars.next().is_some_and(|c| c.is_ascii_lowercase())
            };
            sent_break = starts_upper && !abbrev && (nt.gap || (i > 0 && glued()));
        }
        // "… Army Tactical Missile Systems (ATACMS)The second approval …": a bracket glued
        // to a capitalised word is a sentence whose full stop was lost in scraping.
        if !sent_break
            && sb == b")"
            && let Some(nt) = next
            && !nt.gap
            && nt.kind == TokKind::Alnum
        {
            let mut cs = nt.span.slice(text).chars();
            sent_break = cs.next().is_some_and(|c| c.is_ascii_uppercase())
                && cs.next().is_some_and(|c| c.is_ascii_lowercase());
        }
        // A closing quote or bracket right after the terminal belongs to this sentence.
        if sent_break
            && !para_break
            && let Some(nt) = next
            && !nt.gap
            && matches!(nt.span.slice(text), "\"" | "”" | "’" | ")" | "'")
        {
            sent_break = false;
        }
        let closing = |b: &[u8]| {
            matches!(b, b"\"" | b")" | b"'") || b == "”".as_bytes() || b == "’".as_bytes()
        };
        if !sent_break && i > 0 && closing(sb) {
            let prev = tokens[i - 1].span.slice(text);
            if matches!(prev, "." | "!" | "?")
                && let Some(nt) = next
            {
                sent_break = nt.gap
                    && nt
                        .span
                        .slice(text)
                        .chars()
                        .next()
                        .is_some_and(char::is_uppercase);
            }
        }
        if sent_break {
            sentences.push(Sentence {
                span: Span::new(tokens[first].span.start, tok.span.end),
                paragraph: paragraphs.len(),
                tokens: (first, i + 1),
            });
            sent_start = None;
        }
        if para_break && let Some(p) = para_start.take() {
            paragraphs.push(Span::new(tokens[p].span.start, tok.span.end));
        }
    }
    (sentences, paragraphs)
}

fn closing_quote(b: &[u8]) -> bool {
    matches!(b, b"\"" | b"'") || b == "”".as_bytes() || b == "’".as_bytes()
}

/// Whether the last line between `from` and `to` starts a Markdown block: a table row, a
/// list item or a heading.
fn starts_block(text: &str, from: usize, to: usize) -> bool {
    let between = &text[from..to];
    let line = between.rsplit('\n').next().unwrap_or("");
    let rest = text[to - line.len()..].trim_start_matches([' ', '\t']);
    let mut chars = rest.chars();
    match chars.next() {
        Some('|' | '#') => true,
        Some('-' | '*' | '+') => chars.next() == Some(' '),
        Some(c) if c.is_ascii_digit() => {
            let digits = rest.trim_start_matches(|c: char| c.is_ascii_digit());
            digits.starts_with(". ") || digits.starts_with(") ")
        }
        _ => false,
    }
}

fn is_abbreviation(text: &str, tokens: &[Token], dot: usize) -> bool {
    let prev = tokens[dot - 1];
    if prev.kind != TokKind::Alnum {
        return false;
    }
    let word = prev.span.slice(text);
    // Single capital initials ("J. Smith", "U.S.") and known abbreviations.
    if word.chars().count() == 1 && word.chars().all(char::is_uppercase) {
        return true;
    }
    if is_listed_abbreviation(word) {
        return true;
    }
    // "U.S." tokenizes as U . S . — look one letter further back ("U.S" is listed).
    if dot >= 3 && tokens[dot - 2].span.slice(text) == "." && !prev.gap {
        let first = tokens[dot - 3].span.slice(text);
        let mut joined = [0u8; 16];
        let len = first.len() + 1 + word.len();
        if len > joined.len() {
            return false;
        }
        joined[..first.len()].copy_from_slice(first.as_bytes());
        joined[first.len()] = b'.';
        joined[first.len() + 1..len].copy_from_slice(word.as_bytes());
        return std::str::from_utf8(&joined[..len]).is_ok_and(is_listed_abbreviation);
    }
    false
}

/// Whether `word` is one of [`ABBREVIATIONS`], in any case: a look-up of the word in lower
/// case, not a comparison with each (a sentence's last word was compared with sixty).
fn is_listed_abbreviation(word: &str) -> bool {
    static LOWER: LazyLock<WordSet> = LazyLock::new(|| {
        WordSet::new(
            ABBREVIATIONS
                .iter()
                .map(|a| &*a.to_ascii_lowercase().leak()),
        )
    });
    with_ascii_lower(word, |l| LOWER.contains(l)).unwrap_or(false)
}

/// The largest char boundary of `s` at or below `i`.
fn floor_boundary(s: &str, mut i: usize) -> usize {
    i = i.min(s.len());
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dateline_of(text: &str) -> Option<String> {
        let d = Document::new(text);
        d.dateline().map(|s| d.slice(s).to_string())
    }

    #[test]
    fn datelines_by_their_form() {
        for (text, want) in [
            (
                "WASHINGTON, Dec. 13 (Reuters) - The State Department approved a sale.",
                "WASHINGTON, Dec. 13 (Reuters) -",
            ),
            (
                "TALLINN, Estonia, March 4 — Estonia will buy six launchers.",
                "TALLINN, Estonia, March 4 —",
            ),
            ("KYIV — Ukraine asked for more.", "KYIV —"),
            (
                "**BUCHAREST, Romania, 12 June 2024** — Romania signed.",
                "**BUCHAREST, Romania, 12 June 2024** —",
            ),
            (
                "Tuesday, September 26, 2023\n\nThe first tanks arrived.",
                "Tuesday, September 26, 2023",
            ),
            (
                "Published: 4 March 2024\nPoland signed the deal.",
                "Published: 4 March 2024",
            ),
            (
                "Example.com\nJane Doe 4 minutes ago Wed 21st August 2019 | 02:30 AM\n\nThe sale.",
                "Jane Doe 4 minutes ago Wed 21st August 2019 | 02:30 AM",
            ),
            (
                "Tue, Oct 27, 2020 - 7:06 AM\n\nTaiwan will buy missiles.",
                "Tue, Oct 27, 2020 - 7:06 AM",
            ),
            ("2024-03-05\n\nA short note.", "2024-03-05"),
        ] {
            assert_eq!(dateline_of(text).as_deref(), Some(want), "{text:?}");
        }
    }

    #[test]
    fn a_date_among_the_first_words_is_no_dateline() {
        for text in [
            // The event's date, in the first sentence.
            "On Jan. 11, 2024, the State Department approved the sale.",
            "The State Department approved the sale on Jan. 11, 2024.",
            // Wrapped prose whose first line happens to end in a date.
            "The State Department approved the sale on January 11, 2024\nand notified Congress.",
            // A long first line with a date in it.
            "Poland signed a contract for 250 Abrams tanks in Warsaw on April 5, 2022, in a ceremony at a base",
            // A place in capitals with no dash is a headline, not a dateline.
            "NATO SPENDING 2024 Poland leads",
        ] {
            assert_eq!(dateline_of(text), None, "{text:?}");
        }
    }

    fn sentences(text: &str) -> Vec<String> {
        let d = Document::new(text);
        d.sentences
            .iter()
            .map(|s| d.slice(s.span).to_string())
            .collect()
    }

    #[test]
    fn abbreviations_are_ascii() {
        // Looked up in ASCII lower case.
        assert!(ABBREVIATIONS.iter().all(|a| a.is_ascii() && a.len() <= 16));
    }

    #[test]
    fn abbreviations_are_looked_up_in_any_case() {
        for a in ABBREVIATIONS {
            for w in [
                a.to_string(),
                a.to_ascii_uppercase(),
                a.to_ascii_lowercase(),
            ] {
                assert!(is_listed_abbreviation(&w), "{w}");
            }
        }
        for w in [
            "", "U", "US", "U.S.", "Mrs.", "Inc2", "mR.", "étc", "approxi", "Dé",
        ] {
            assert!(!is_listed_abbreviation(w), "{w}");
        }
    }

    #[test]
    fn ascii_classes_are_the_character_classes() {
        for b in 0u8..=255 {
            let c = char::from(b);
            let want = if !b.is_ascii() {
                ByteClass::Other
            } else if c.is_whitespace() {
                ByteClass::Space
            } else if is_word_char(c) {
                ByteClass::Alnum
            } else {
                ByteClass::Punct
            };
            assert!(BYTE_CLASS[usize::from(b)] == want, "byte {b:#04x}");
        }
    }

    #[test]
    fn sentence_split_at_a_full_stop_with_no_space_after() {
        assert_eq!(
            sentences("It was worth $2 billion.The State Department approved it."),
            [
                "It was worth $2 billion.",
                "The State Department approved it."
            ]
        );
        // Not inside abbreviations, decimals or domain names.
        assert_eq!(sentences("The U.S.State Department approved it.").len(), 1);
        assert_eq!(
            sentences("Sales rose 1.5 percent at defence.pk today.").len(),
            1
        );
        assert_eq!(sentences("Ask Gen.Smith about it.").len(), 1);
        // A closing bracket glued to a capitalised word: the full stop was lost.
        assert_eq!(
            sentences("It buys 64 missiles (ATACMS)The second case is radars."),
            ["It buys 64 missiles (ATACMS)", "The second case is radars."]
        );
        assert_eq!(sentences("It buys 64 (ATACMS) Missiles today.").len(), 1);
    }

    #[test]
    fn sentence_split_respects_abbreviations() {
        let s =
            sentences("The U.S. State Department approved it. Congress was told on Jan. 11. Done.");
        assert_eq!(
            s,
            [
                "The U.S. State Department approved it.",
                "Congress was told on Jan. 11.",
                "Done."
            ]
        );
    }

    #[test]
    fn lines_are_paragraphs_without_blank_lines() {
        let d = Document::new("First line here.\nSecond line here.\n");
        assert_eq!(d.paragraphs.len(), 2);
        let d = Document::new("First line\nwraps here.\n\nSecond para.\n");
        assert_eq!(d.paragraphs.len(), 2);
        assert_eq!(d.sentences.len(), 2);
    }

    #[test]
    fn hard_wrapped_copy_without_blank_lines_keeps_its_paragraphs() {
        // Wrapped at about 40 columns: a line break inside a sentence is wrapping; a short
        // line ending a sentence ends its paragraph.
        let text = "The agency said on Monday that the sale\nof missiles to the buyer could go ahead\nat an estimated cost of $75 million.\nIt was short.\nA second paragraph starts here and it\nwraps onto the next line as well.\n";
        let d = Document::new(text);
        assert_eq!(d.sentences.len(), 3, "{:?}", d.sentences);
        assert_eq!(d.paragraphs.len(), 2, "{:?}", d.paragraphs);
        // One long line per paragraph (wire copy) stays a paragraph a line.
        let long = "A".repeat(120);
        let d = Document::new(format!("{long} ends.\n{long} too.\n{long} three.\n"));
        assert_eq!(d.paragraphs.len(), 3);
    }

    #[test]
    fn numbers_keep_separators() {
        let d = Document::new("$75,000,000 and 1.5bn, then 3.");
        let toks: Vec<&str> = (0..d.tokens.len()).map(|i| d.tok(i)).collect();
        assert_eq!(
            toks,
            ["$", "75,000,000", "and", "1.5bn", ",", "then", "3", "."]
        );
    }

    /// The markup as the whole pattern's leftmost-first matches find it, one after the other.
    fn reference_masks(t: &str) -> Vec<Span> {
        static WHOLE: LazyLock<regex::bytes::Regex> =
            LazyLock::new(|| regex::bytes::Regex::new(MASKS_PATTERN).unwrap());
        WHOLE
            .find_iter(t.as_bytes())
            .map(|m| Span::new(m.start(), m.end()))
            .filter(|s| t.is_char_boundary(s.start) && t.is_char_boundary(s.end))
            .collect()
    }

    /// Markup of every kind, and text around it.
    const MARKUP: &str = "---\ntitle: x\n---\n# Title\n## Sub\n\n1. See [the notice](https://x.org/a/246) \
        `code 12` <!-- 9 --> and <b>bold</b> or <br/>\n  - item\n* star\n+ plus\n12) twelve\n\
        > quote\n>quote\n[ref]: https://x.org/r\n   [factcheck-ignore]\n```\nfenced 246\n```\n\
        mail ops.246+x@example.org, a@b, x@y.z, @home, me@ home, a@b.c+d@e.f.g\nhttp://a.b ftp://c.d \
        xhttps://e.f/g www.h.i/j wwww.k.l ://m https:// <!-- open\nmore --> `a\nb` ](x) ](y z)\n\
        ---\nnot front matter\n---\n<notatag <a\nb> 1.2. 3.5 times\n";

    #[test]
    fn markup_is_found_where_the_whole_pattern_finds_it() {
        let mut texts = crate::test_support::bundled_texts();
        texts.push(MARKUP.to_string());
        let mut found = 0;
        for t in &texts {
            // Every suffix of the markup text too: each starts at another kind of byte.
            let starts: Vec<usize> = if t == MARKUP {
                t.char_indices().map(|(i, _)| i).collect()
            } else {
                vec![0]
            };
            for s in starts {
                let t = &t[s..];
                let got = mask(t);
                found += got.len();
                assert_eq!(got, reference_masks(t), "{t:?}");
            }
        }
        assert!(found > 1000, "{found}");
    }

    proptest::proptest! {
        #[test]
        fn any_text_is_masked_as_the_whole_pattern_masks_it(
            parts in proptest::collection::vec(
                "---|\\n|\\r\\n| |  |\\t|#|##|>|-|\\*|\\+|1|12|\\.|\\)|\\[|\\]|\\(|`|```|<|<!--|-->|/|!|b|x|é|@|_|http|https|ftp|://|www|:|factcheck-ignore|date|[a-z0-9]{1,4}",
                0..40,
            )
        ) {
            let t = parts.concat();
            proptest::prop_assert_eq!(mask(&t), reference_masks(&t), "{:?}", t);
        }
    }

    #[test]
    fn eight_bytes_are_classified_as_one_at_a_time() {
        let run = |c: [u8; 8]| {
            c.iter()
                .take_while(|&&b| BYTE_CLASS[usize::from(b)] == ByteClass::Alnum)
                .count()
        };
        // Every byte in every position, among letters and digits.
        for b in 0..=255u8 {
            for at in 0..8 {
                let mut c = *b"aZ09zA9m";
                c[at] = b;
                assert_eq!(ascii_alnum_run(c), run(c), "{b:#04x} at {at}");
            }
        }
        let mut rng = 0x2545_f491_4f6c_dd1d_u64;
        for _ in 0..100_000 {
            rng ^= rng << 13;
            rng ^= rng >> 7;
            rng ^= rng << 17;
            let c = rng.to_le_bytes();
            assert_eq!(ascii_alnum_run(c), run(c), "{c:?}");
        }
    }

    #[test]
    fn markup_is_masked() {
        let d = Document::new(
            "---\ndate: 2024-01-11\n---\n# Title\n\n1. See [the notice](https://x.org/a/246) `code 12` <!-- 9 -->\n",
        );
        assert_eq!(d.front_matter_date.as_deref(), Some("2024-01-11"));
        let toks: Vec<&str> = (0..d.tokens.len()).map(|i| d.tok(i)).collect();
        assert_eq!(toks, ["Title", "See", "[", "the", "notice"]);
    }

    #[test]
    fn text_without_markup_bytes_has_no_masks() {
        let mut texts = crate::test_support::bundled_texts();
        for t in [
            "The sale is worth $5 million.",
            "1. first\n2) second",
            "see www.example.org now",
            "a@b.co",
            "x\n# Heading",
            "x\n> quoted",
            "<b>bold</b>",
            "---\ndate: 2024-01-01\n---\nText",
        ] {
            texts.push(t.to_string());
        }
        // Every line of every article alone too: most lack markup.
        let lines: Vec<String> = texts
            .iter()
            .flat_map(|t| t.lines().map(str::to_string))
            .collect();
        texts.extend(lines);
        let mut plain = 0;
        for t in &texts {
            if !may_have_markup(t) {
                plain += 1;
                assert!(reference_masks(t).is_empty(), "{t:?}");
            }
        }
        assert!(plain > 20, "{plain}");
        assert!(may_have_markup("1. first") && may_have_markup("www.x.org"));
        assert!(!may_have_markup("The sale is worth $5 million."));
    }

    #[test]
    fn front_matter_dates_are_in_ascii_digits() {
        let d = Document::new("---\ntitle: x\ndate: \"2024-01-11\"\n---\nText.\n");
        assert_eq!(d.front_matter_date.as_deref(), Some("2024-01-11"));
        // Other digits are no date (the dateline is read instead).
        let d = Document::new("---\ndate: \u{662}\u{660}\u{662}\u{664}-01-11\n---\nText.\n");
        assert_eq!(d.front_matter_date, None);
    }

    #[test]
    fn masks_end_where_a_reader_ends_them() {
        let toks = |t: &str| -> Vec<String> {
            let d = Document::new(t);
            (0..d.tokens.len()).map(|i| d.tok(i).to_string()).collect()
        };
        // A URL ends at a no-break space, a thin space, a dash or a curly quote.
        for sep in ["\u{a0}", "\u{2009}", "\u{202f}", "\u{2014}", "\u{201d}"] {
            let t = toks(&format!("see https://x.org/a{sep}246 missiles"));
            assert!(t.contains(&"246".to_string()), "{sep:?}: {t:?}");
        }
        // Non-ASCII inside a URL or an address stays masked, and spans keep to characters.
        assert_eq!(
            toks("at https://x.org/café/246 and www.é.org/7 today"),
            ["at", "and", "today"]
        );
        assert_eq!(
            toks("write to ops.246@example.org now"),
            ["write", "to", "now"]
        );
        assert_eq!(toks("[1]: https://x.org/ü/9\nDone"), ["Done"]);
        assert_eq!(toks("```\n246 ü\n```\n12 jets"), ["12", "jets"]);
    }

    #[test]
    fn table_rows_and_list_items_are_sentences() {
        let s = sentences(
            "Deals:\n\n| item | cost |\n| jets | $8 billion |\n| drones | $600 million |\n\n- first item\n- second item\n",
        );
        assert_eq!(s.len(), 6, "{s:?}");
        assert!(
            s.iter()
                .any(|x| x.contains("drones") && !x.contains("jets")),
            "{s:?}"
        );
    }

    #[test]
    fn bom_and_crlf() {
        let d = Document::new("\u{feff}One.\r\nTwo.\r\n");
        assert_eq!(d.tok(0), "One");
        assert_eq!(d.tokens[0].span.start, 3);
        assert_eq!(d.paragraphs.len(), 2);
    }
}
