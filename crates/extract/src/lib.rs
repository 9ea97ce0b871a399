//! Extraction: [`Document`] → [`Article`].
//!
//! HTML pages go through main-content extraction ([`html`]), plain-text scrapes
//! through the line cleaner ([`scrape`]), and given texts are taken as they
//! are. Every path yields the same record: the title, byline, the main text as
//! paragraphs in reading order (with offsets), the language, and what was
//! removed (chrome and reader comments, kept apart for audit).
//!
//! Execution model: [`extract`] is a pure function of one document; it never
//! panics on bad input and turns a page without article text, or a hostile one,
//! into a [`Rejection`] with its reason.
//!
//! ```
//! use beacon_extract::extract_html;
//! let html = "<html><body><nav><a href=/>Home</a></nav><article><p>The ministry said on \
//!             Tuesday that talks on the border would continue next week in the capital.</p></article></body></html>";
//! let article = extract_html(html, None).unwrap();
//! assert!(article.text.starts_with("The ministry said"));
//! assert!(!article.text.contains("Home"));
//! ```

pub mod dom;
pub mod html;
mod lang;
pub use lang::by_letters;
pub mod render;
pub mod scrape;

use beacon_model::{
    Article, BlockKind, Comment, DateBasis, DocId, Document, Paragraph, Payload, Precision,
    Published, Reason, Rejection, Removed, Warning,
};

use crate::html::Block;

/// Extracts the article from a document.
pub fn extract(doc: &Document) -> Result<Article, Rejection> {
    extract_parsed(doc).map(|(article, _)| article)
}

/// Extracts the article, and hands back the parsed page (for HTML) so that
/// later stages (dates) read the same tree instead of parsing the page again.
pub fn extract_parsed(doc: &Document) -> Result<(Article, Option<dom::Dom<'_>>), Rejection> {
    let reject = |reason, detail: String| Rejection::new(doc.origin.clone(), reason, detail);
    let mut parsed = None;
    let mut warnings = Vec::new();
    let mut source = None;
    let (title, byline, blocks, comments, boilerplate, declared_lang, canonical) = match doc.payload
    {
        Payload::Html => {
            let tree = dom::parse(&doc.text);
            let page = html::extract_dom(&tree);
            if let Some(at) = tree.read_to {
                warnings.push(Warning {
                    kind: "page_truncated".into(),
                    detail: format!(
                        "the page holds more than {} elements and text runs (a news page has thousands): \
                         read up to byte {at} of {}",
                        dom::MAX_NODES,
                        doc.text.len()
                    ),
                });
            }
            parsed = Some(tree);
            if page.attempted_depth > dom::HOSTILE_DEPTH {
                return Err(reject(
                    Reason::TooDeep,
                    format!(
                        "elements are nested {} deep (limit {}): a malformed or hostile page",
                        page.attempted_depth,
                        dom::HOSTILE_DEPTH
                    ),
                ));
            }
            let mut blocks = page.blocks;
            let found: usize = blocks.iter().map(|b| b.text.len()).sum();
            if let Some(d) = page
                .description
                .filter(|d| found < 100 && d.len() > found.max(40))
            {
                // Script-rendered pages carry their text only in metadata.
                warnings.push(Warning {
                    kind: "text_from_description".into(),
                    detail: "the page's markup holds no article text (scripts render it); the text is the page's own description".into(),
                });
                blocks = vec![Block {
                    kind: BlockKind::Paragraph,
                    level: None,
                    ordered: false,
                    text: d,
                }];
            }
            source = page.site_name;
            (
                page.title,
                page.byline,
                blocks,
                page.comments,
                page.boilerplate,
                page.lang,
                page.canonical,
            )
        }
        Payload::Scrape => {
            let c = scrape::clean(&doc.text);
            source = c.site;
            (
                c.title,
                None,
                c.blocks,
                c.comments,
                c.boilerplate,
                None,
                None,
            )
        }
        Payload::Text => (None, None, Vec::new(), Vec::new(), Vec::new(), None, None),
    };
    let (text, paragraphs) = match doc.payload {
        Payload::Text => given_text(&doc.text),
        _ => assemble(&blocks),
    };
    if text.trim().is_empty() {
        return Err(reject(
            Reason::NoContent,
            "no article text was found in the page".to_owned(),
        ));
    }
    // the input's own statement of its language (a JSONL line's, a
    // feed's) before the page's markup
    let declared = doc.given.language.clone().or(declared_lang);
    let language = lang::identify(&text, declared.as_deref());
    let article = Article {
        id: doc.id.clone(),
        origin: doc.origin.clone(),
        url: doc.url.clone().or(canonical),
        source: doc.source.clone().or(source),
        title: doc.given.title.clone().or(title),
        byline: doc.given.byline.clone().or(byline),
        text,
        paragraphs,
        language,
        published: doc.given.published.as_deref().and_then(given_date),
        fetched_at: doc.fetched_at,
        warnings,
        comments: comments.into_iter().map(|text| Comment { text }).collect(),
        removed: Removed { boilerplate },
        marking: Default::default(),
    };
    Ok((article, parsed))
}

/// Extracts an article from an HTML string (no ingest): for benchmarks and embedding.
pub fn extract_html(html: &str, url: Option<&str>) -> Result<Article, Rejection> {
    extract(&html_document(html, url))
}

/// A document for an HTML string already in memory (no ingest): for
/// benchmarks and embedding.
pub fn html_document(html: &str, url: Option<&str>) -> Document {
    memory_document(html, Payload::Html, url)
}

/// A document held in memory (a page, a scrape or an article's text), as if read
/// from `url`: for benchmarks, scorers and tests.
pub fn memory_document(text: &str, payload: Payload, url: Option<&str>) -> Document {
    Document {
        id: DocId::of(text.as_bytes()),
        origin: url.unwrap_or("-").to_owned(),
        url: url.map(str::to_owned),
        source: None,
        fetched_at: None,
        content_type: payload.content_type().into(),
        payload,
        encoding: "UTF-8".into(),
        encoding_basis: "given".into(),
        given: Default::default(),
        text: text.to_owned(),
        body: Vec::new(),
    }
}

/// Joins blocks with newlines, recording each block's code-point offsets.
fn assemble(blocks: &[Block]) -> (String, Vec<Paragraph>) {
    // sized once: a long page's text is not grown by doubling (a 19 MB
    // page's would take 32 MB and a copy)
    let len = blocks.iter().map(|b| b.text.len() + 1).sum::<usize>();
    let mut text = String::with_capacity(len);
    let mut paragraphs = Vec::with_capacity(blocks.len());
    let mut pos = 0;
    for b in blocks {
        if !text.is_empty() {
            text.push('\n');
            pos += 1;
        }
        let n = b.text.chars().count();
        text.push_str(&b.text);
        paragraphs.push(Paragraph {
            kind: b.kind,
            level: b.level,
            ordered: b.ordered,
            start: pos,
            end: pos + n,
        });
        pos += n;
    }
    (text, paragraphs)
}

/// A given text, unchanged; its non-empty lines are its paragraphs.
fn given_text(t: &str) -> (String, Vec<Paragraph>) {
    let mut paragraphs = Vec::new();
    let mut pos = 0;
    for line in t.split('\n') {
        let n = line.chars().count();
        let lead = line.chars().take_while(|c| c.is_whitespace()).count();
        let trail = line.chars().rev().take_while(|c| c.is_whitespace()).count();
        if lead < n {
            paragraphs.push(Paragraph {
                kind: BlockKind::Paragraph,
                level: None,
                ordered: false,
                start: pos + lead,
                end: pos + n - trail,
            });
        }
        pos += n + 1;
    }
    (t.to_owned(), paragraphs)
}

/// A publication date stated by the input (`2015-10-28`, an RFC 3339 time, `2015-10`, `2015`).
fn given_date(s: &str) -> Option<Published> {
    let s = s.trim();
    let published = |value: String, precision| Published {
        value,
        precision,
        basis: DateBasis::Given,
        confidence: 1.0,
    };
    if let Ok(d) = chrono::DateTime::parse_from_rfc3339(s) {
        return Some(published(d.date_naive().to_string(), Precision::Day));
    }
    if let Ok(d) = chrono::NaiveDate::parse_from_str(s.get(..10).unwrap_or(s), "%Y-%m-%d") {
        return Some(published(d.to_string(), Precision::Day));
    }
    let parts: Vec<&str> = s.split('-').collect();
    match parts.as_slice() {
        [y, m]
            if y.len() == 4
                && m.len() == 2
                && y.parse::<u16>().is_ok()
                && m.parse::<u8>().is_ok_and(|m| (1..=12).contains(&m)) =>
        {
            Some(published(s.to_owned(), Precision::Month))
        }
        [y] if y.len() == 4 && y.parse::<u16>().is_ok() => {
            Some(published(s.to_owned(), Precision::Year))
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_short_text_takes_the_language_its_input_states() {
        let text = "صدها نفر در مزار شریف تظاهرات کردند.";
        let mut doc = Document::from_text("short", text);
        assert_eq!(extract(&doc).map(|a| a.language).ok().flatten(), None);
        doc.given.language = Some("fa".into());
        let a = extract(&doc).expect("an article");
        assert_eq!(a.language.as_deref(), Some("fa"));
        // a long text's letters outweigh a wrong statement
        let mut doc = Document::from_text(
            "long",
            "Russia's Federal Security Service has warned that fighters gathering at \
             Afghanistan's northern border may invade the countries of central Asia.",
        );
        doc.given.language = Some("ru".into());
        assert_eq!(
            extract(&doc).expect("an article").language.as_deref(),
            Some("en")
        );
    }

    #[test]
    fn given_text_offsets_refer_to_it_unchanged() {
        let t = "First line.\n\n  Second é line.  \n";
        let (text, ps) = given_text(t);
        assert_eq!(text, t);
        assert_eq!(ps.len(), 2);
        let chars: Vec<char> = t.chars().collect();
        let s: String = chars[ps[1].start..ps[1].end].iter().collect();
        assert_eq!(s, "Second é line.");
    }

    #[test]
    fn given_dates() {
        assert_eq!(
            given_date("2015-10-28T10:00:00+04:30").unwrap().value,
            "2015-10-28"
        );
        assert_eq!(given_date("2015-10").unwrap().precision, Precision::Month);
        assert!(given_date("yesterday").is_none());
    }
}
