//! Checking claims against the KB.

use crate::date::Date;
use crate::extract::{Context, extract};
use crate::text::Document;

/// The article's own date: Markdown front matter, else a dateline at the top.
pub fn article_date(doc: &Document) -> Option<Date> {
    if let Some(d) = doc.front_matter_date.as_deref().and_then(Date::parse) {
        return Some(d);
    }
    // A dateline: a full date among the first dozen tokens of the first paragraph.
    let first = doc.paragraphs.first()?;
    let lex = crate::extract::approval::Lexicon::new(vec![], &[]).ok()?;
    let head_end = doc
        .tokens
        .iter()
        .take(14)
        .last()
        .map_or(first.end, |t| t.span.end.min(first.end));
    let head = Document::new(&doc.text[..head_end]);
    extract(&head, &Context::default(), &lex)
        .into_iter()
        .find_map(|c| match c.value {
            crate::extract::ClaimValue::Date(crate::date::DateValue::Day(d)) => Some(d),
            _ => None,
        })
}
