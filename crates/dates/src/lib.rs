//! Dates: when an article was published, with the basis for believing it.
//!
//! Runs after extraction. The evidence, strongest first: the page's JSON-LD
//! (`datePublished`), its `<meta>` properties (`article:published_time`,
//! `date`, Dublin Core, …) and microdata, `<time>` elements marked as the
//! publication time, the URL (`/2015/10/28/`), the visible dateline, and only
//! as a last resort the fetch time, marked as such. Modification dates are
//! kept apart: they stand in for the publication date only when nothing else
//! does, with lower confidence. Dates after the fetch (or today) and before
//! 1995 are not publication dates.
//!
//! ```
//! let html = r#"<html><head><meta property="article:published_time" content="2015-10-28T09:00:00Z"></head></html>"#;
//! let p = beacon_dates::publication_date(Some(html), None, &[], None).unwrap();
//! assert_eq!(p.value, "2015-10-28");
//! ```

pub mod parse;
pub mod timex;

use beacon_extract::dom::{self, Attr, Data, Tag};
use beacon_model::{Article, DateBasis, Document, Payload, Published};
use chrono::{DateTime, Datelike, NaiveDate, Utc};

use crate::parse::{FoundDate, SlashOrder, date_in_url, parse_date, plausible};

/// A piece of date evidence.
#[derive(Debug, Clone, PartialEq)]
struct Candidate {
    found: FoundDate,
    basis: DateBasis,
    confidence: f32,
    /// A modification date rather than a publication date.
    modified: bool,
}

/// `<meta>` names and properties that carry a publication date.
const PUBLISHED_META: &[&str] = &[
    "article:published_time",
    "og:article:published_time",
    "og:published_time",
    "article.published",
    "published_time",
    "publish-date",
    "publish_date",
    "publishdate",
    "pubdate",
    "date",
    "dc.date",
    "dc.date.issued",
    "dc.date.created",
    "dcterms.date",
    "dcterms.created",
    "dcterms.issued",
    "datepublished",
    "sailthru.date",
    "parsely-pub-date",
    "citation_publication_date",
    "citation_date",
    "release_date",
    "originalpublicationdate",
    "article_date_original",
    "cxenseparse:recs:publishtime",
    "date_published",
    "created",
];

/// `<meta>` names and properties that carry a modification date.
const MODIFIED_META: &[&str] = &[
    "article:modified_time",
    "og:updated_time",
    "og:article:modified_time",
    "dc.date.modified",
    "dcterms.modified",
    "last-modified",
    "lastmod",
    "datemodified",
    "modified",
];

/// The publication date of a page, from its markup (if HTML), its URL, its
/// dateline candidates (lines extraction removed as datelines), and the fetch time.
pub fn publication_date(
    html: Option<&str>,
    url: Option<&str>,
    datelines: &[String],
    fetched_at: Option<DateTime<Utc>>,
) -> Option<Published> {
    let tree = html.map(dom::parse);
    publication_date_in(
        tree.as_ref(),
        url,
        datelines,
        fetched_at,
        SlashOrder::Unknown,
    )
}

/// As [`publication_date`] on a parsed page, reading ambiguous numeric dates
/// (`10/11/2015`) in `order`.
pub fn publication_date_in(
    page: Option<&dom::Dom>,
    url: Option<&str>,
    datelines: &[String],
    fetched_at: Option<DateTime<Utc>>,
    order: SlashOrder,
) -> Option<Published> {
    let now = fetched_at.map_or_else(|| Utc::now().date_naive(), |f| f.date_naive());
    let mut cands = Vec::new();
    if let Some(p) = page {
        html_candidates(p, &mut cands);
    }
    if let Some(found) = url.and_then(date_in_url) {
        let day = found.precision == beacon_model::Precision::Day;
        cands.push(Candidate {
            found,
            basis: DateBasis::Url,
            confidence: if day { 0.8 } else { 0.5 },
            modified: false,
        });
    }
    for line in datelines {
        if let Some(found) = parse_date(line, order) {
            cands.push(Candidate {
                found,
                basis: DateBasis::Text,
                confidence: 0.6,
                modified: false,
            });
            break;
        }
    }
    // The strongest evidence; among equals, the first in the page (a page's own
    // JSON-LD comes before that of the related stories it embeds).
    let cands: Vec<Candidate> = cands
        .into_iter()
        .filter(|c| plausible(&c.found, now))
        .collect();
    let mut best = strongest(cands.iter());
    // A month or a year is refined by a full date that falls within it.
    if let Some(b) = best
        && b.found.precision != beacon_model::Precision::Day
    {
        let within = |c: &&Candidate| {
            c.found.precision == beacon_model::Precision::Day
                && !c.modified
                && c.found.date.year() == b.found.date.year()
                && (b.found.precision == beacon_model::Precision::Year
                    || c.found.date.month() == b.found.date.month())
        };
        if let Some(day) = strongest(cands.iter().filter(within)) {
            best = Some(day);
        }
    }
    let best = best.cloned();
    match best {
        Some(c) => Some(Published {
            value: c.found.value(),
            precision: c.found.precision,
            basis: c.basis,
            confidence: if c.modified {
                c.confidence * 0.6
            } else {
                c.confidence
            },
        }),
        None => fetched_at.map(|f| Published {
            value: f.date_naive().format("%Y-%m-%d").to_string(),
            precision: beacon_model::Precision::Day,
            basis: DateBasis::Fetch,
            confidence: 0.1,
        }),
    }
}

/// The strongest candidate; among equals, the first in the page (a page's own
/// JSON-LD comes before that of the related stories it embeds).
fn strongest<'a>(cands: impl Iterator<Item = &'a Candidate>) -> Option<&'a Candidate> {
    cands.fold(None, |best, c| match best {
        Some(b) if rank(b) >= rank(c) => Some(b),
        _ => Some(c),
    })
}

/// Preference among candidates: publication over modification, then confidence,
/// then precision.
fn rank(c: &Candidate) -> f32 {
    let precision = match c.found.precision {
        beacon_model::Precision::Day => 0.02,
        beacon_model::Precision::Month => 0.01,
        beacon_model::Precision::Year => 0.0,
    };
    c.confidence + precision - if c.modified { 0.5 } else { 0.0 }
}

fn html_candidates(page: &dom::Dom, out: &mut Vec<Candidate>) {
    // Last resort before the fetch time: the first full date in the visible text,
    // looked for only until the markup has given a full publication date.
    let mut first_in_text = None;
    let mut strong_found = false;
    for id in 0..page.nodes.len() as dom::NodeId {
        if !strong_found {
            strong_found = out.iter().any(|c| {
                !c.modified
                    && c.confidence >= 0.85
                    && c.found.precision == beacon_model::Precision::Day
            });
        }
        let node = page.node(id);
        let Data::Element { tag, .. } = &node.data else {
            continue;
        };
        match tag {
            Tag::Script
                if node
                    .attr(Attr::Type)
                    .is_some_and(|t| t.eq_ignore_ascii_case("application/ld+json")) =>
            {
                if node.first_child != dom::NONE
                    && let Data::Text(t) = &page.node(node.first_child).data
                {
                    json_ld(t, out);
                }
            }
            Tag::Meta => {
                let key = node
                    .attr(Attr::Property)
                    .or(node.attr(Attr::Name))
                    .or(node.attr(Attr::Itemprop))
                    .map(str::to_ascii_lowercase);
                let (Some(key), Some(content)) = (key, node.attr(Attr::Content)) else {
                    continue;
                };
                let modified = MODIFIED_META.contains(&key.as_str());
                if (PUBLISHED_META.contains(&key.as_str()) || modified)
                    && let Some(found) = parse_date(content, SlashOrder::Unknown)
                {
                    out.push(Candidate {
                        found,
                        basis: DateBasis::Metadata,
                        confidence: 0.9,
                        modified,
                    });
                }
            }
            Tag::Script | Tag::Style | Tag::Noscript | Tag::Template | Tag::Title | Tag::Head => {}
            _ => {
                if first_in_text.is_none()
                    && !strong_found
                    && node.first_child != dom::NONE
                    && let Data::Text(t) = &page.node(node.first_child).data
                    && t.len() < 400
                    && t.chars().any(char::is_numeric)
                    && let Some(found) = parse_date(t, SlashOrder::Unknown)
                    && found.precision == beacon_model::Precision::Day
                {
                    first_in_text = Some(found);
                }
                let prop = node.attr(Attr::Itemprop).unwrap_or("");
                let class = node.attr(Attr::Class).unwrap_or("").to_ascii_lowercase();
                let published_prop = prop.eq_ignore_ascii_case("datePublished")
                    || prop.eq_ignore_ascii_case("dateCreated");
                let is_time = *tag == Tag::Time;
                if !(published_prop || is_time) {
                    continue;
                }
                let text;
                let value = match node.attr(Attr::Datetime).or(node.attr(Attr::Content)) {
                    Some(v) => v,
                    None => {
                        text = page.text_of(id);
                        &text
                    }
                };
                let Some(found) = parse_date(value, SlashOrder::Unknown) else {
                    continue;
                };
                let marked = published_prop
                    || class.contains("publish")
                    || class.contains("entry-date")
                    || class.contains("post-date");
                out.push(Candidate {
                    found,
                    basis: DateBasis::Metadata,
                    confidence: if marked { 0.85 } else { 0.55 },
                    modified: prop.eq_ignore_ascii_case("dateModified")
                        || class.contains("updated")
                        || class.contains("modified"),
                });
            }
        }
    }
    if let Some(found) = first_in_text {
        out.push(Candidate {
            found,
            basis: DateBasis::Text,
            confidence: 0.3,
            modified: false,
        });
    }
}

/// Reads `datePublished` / `dateModified` from a JSON-LD block.
fn json_ld(text: &str, out: &mut Vec<Candidate>) {
    if let Ok(v) = serde_json::from_str::<serde_json::Value>(text.trim()) {
        walk(&v, out, 0);
    }
}

fn walk(v: &serde_json::Value, out: &mut Vec<Candidate>, depth: usize) {
    if depth > 8 {
        return;
    }
    match v {
        serde_json::Value::Object(m) => {
            for (k, val) in m {
                let key = k.as_str();
                if let (true, Some(s)) = (
                    matches!(
                        key,
                        "datePublished" | "dateCreated" | "dateModified" | "uploadDate"
                    ),
                    val.as_str(),
                ) {
                    if let Some(found) = parse_date(s, SlashOrder::Unknown) {
                        out.push(Candidate {
                            found,
                            basis: DateBasis::JsonLd,
                            confidence: if key == "dateCreated" { 0.9 } else { 0.95 },
                            modified: key == "dateModified",
                        });
                    }
                } else {
                    walk(val, out, depth + 1);
                }
            }
        }
        serde_json::Value::Array(a) => {
            for x in a.iter().take(50) {
                walk(x, out, depth + 1);
            }
        }
        _ => {}
    }
}

/// Lines that may carry the visible dateline: short lines extraction set aside
/// (datelines, bylines), then the article's first paragraphs.
fn datelines(article: &Article) -> Vec<String> {
    // A dateline is mostly its date: "Published 28 October 2015, 10:00", not a
    // teaser that mentions one, nor a masthead's "Monday edition".
    let short_removed = article
        .removed
        .boilerplate
        .iter()
        .filter(|l| l.split_whitespace().count() <= 12 && l.chars().any(|c| c.is_numeric()))
        .take(30)
        .cloned();
    let opening = article
        .paragraphs
        .iter()
        .take(2)
        .map(|p| article.paragraph_text(p).to_owned());
    short_removed.chain(opening).collect()
}

/// How the page's locale writes `10/11/2015`: month first in American English.
fn slash_order(article: &Article, url: Option<&str>) -> SlashOrder {
    let tld = url
        .and_then(|u| u.split_once("://").map(|(_, r)| r))
        .and_then(|r| r.split(['/', ':', '?']).next())
        .and_then(|h| h.rsplit('.').next())
        .unwrap_or("");
    match article.language.as_deref() {
        Some("en")
            if !matches!(
                tld,
                "uk" | "au" | "nz" | "ie" | "za" | "in" | "pk" | "ng" | "ke"
            ) =>
        {
            SlashOrder::MonthFirst
        }
        Some(_) => SlashOrder::DayFirst,
        None => SlashOrder::Unknown,
    }
}

/// The dates stage: sets `article.published` unless the input stated it.
pub fn date_article(doc: &Document, article: &mut Article) {
    let tree = (doc.payload == Payload::Html).then(|| dom::parse(&doc.text));
    date_parsed_article(doc, article, tree.as_ref());
}

/// The dates stage on a page extraction has parsed already
/// (`beacon_extract::extract_parsed`), so the page is read once.
pub fn date_parsed_article(doc: &Document, article: &mut Article, page: Option<&dom::Dom>) {
    if article.published.is_some() {
        return;
    }
    let url = doc.url.as_deref().or(article.url.as_deref());
    let order = slash_order(article, url);
    article.published = publication_date_in(page, url, &datelines(article), doc.fetched_at, order);
    bound_by_comments(article, order);
}

/// Reader comments are written after the article: a comment dated before the
/// date the page claims shows the claim is wrong (a re-crawled or recycled
/// page). The article then carries a `stale_date` warning with that evidence,
/// and its date becomes the best the evidence supports: the month of the
/// earliest comment, at month precision.
fn bound_by_comments(article: &mut Article, order: SlashOrder) {
    let Some(claimed) = article.published.clone() else {
        return;
    };
    let Some(claimed_date) = ymd(claimed.value.get(..10).unwrap_or("")) else {
        return;
    };
    let earliest = article
        .comments
        .iter()
        .filter_map(|c| {
            // A comment's own date is a short first or last line; dates inside
            // its text are about other things.
            let lines: Vec<&str> = c.text.lines().collect();
            [lines.last(), lines.first()]
                .into_iter()
                .flatten()
                .filter(|l| l.chars().count() <= 40)
                .find_map(|l| parse_date(l, order))
        })
        .filter(|d| d.precision == beacon_model::Precision::Day)
        .map(|d| d.date)
        .min();
    let Some(earliest) = earliest.filter(|e| *e < claimed_date) else {
        return;
    };
    article.warnings.push(beacon_model::Warning {
        kind: "stale_date".into(),
        detail: format!(
            "the page claims {} ({}), but a reader comment is dated {}: the article is no later than that",
            claimed.value,
            basis_name(claimed.basis),
            earliest.format("%Y-%m-%d")
        ),
    });
    article.published = Some(Published {
        value: earliest.format("%Y-%m").to_string(),
        precision: beacon_model::Precision::Month,
        basis: DateBasis::Text,
        confidence: 0.5,
    });
}

fn basis_name(b: DateBasis) -> &'static str {
    match b {
        DateBasis::Given => "given",
        DateBasis::Metadata => "metadata",
        DateBasis::JsonLd => "json-ld",
        DateBasis::Url => "url",
        DateBasis::Text => "text",
        DateBasis::Header => "header",
        DateBasis::Fetch => "fetch",
    }
}

/// Parses a calendar date (for tests and callers with a known date).
pub fn ymd(s: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_ld_beats_meta_and_url() {
        let html = r#"<html><head>
            <meta name="date" content="2016-01-02">
            <script type="application/ld+json">{"@graph":[{"@type":"NewsArticle","datePublished":"2015-10-28T10:00:00+04:30","dateModified":"2019-01-01"}]}</script>
            </head><body><time datetime="2017-05-05">x</time></body></html>"#;
        let p =
            publication_date(Some(html), Some("https://x.org/2014/01/01/a"), &[], None).unwrap();
        assert_eq!(p.value, "2015-10-28");
        assert_eq!(p.basis, DateBasis::JsonLd);
    }

    #[test]
    fn modified_only_when_nothing_else() {
        let html = r#"<meta property="article:modified_time" content="2019-01-01">"#;
        let p =
            publication_date(Some(html), Some("https://x.org/2015/10/28/a"), &[], None).unwrap();
        assert_eq!((p.value.as_str(), p.basis), ("2015-10-28", DateBasis::Url));
        let p = publication_date(Some(html), None, &[], None).unwrap();
        assert_eq!(p.value, "2019-01-01");
        assert!(p.confidence < 0.6);
    }

    #[test]
    fn future_dates_fall_back_to_the_fetch_time_marked_as_such() {
        let fetched = DateTime::parse_from_rfc3339("2024-06-17T08:00:00Z")
            .unwrap()
            .with_timezone(&Utc);
        let html = r#"<meta name="date" content="2031-01-01">"#;
        let p = publication_date(Some(html), None, &[], Some(fetched)).unwrap();
        assert_eq!(
            (p.value.as_str(), p.basis),
            ("2024-06-17", DateBasis::Fetch)
        );
    }

    #[test]
    fn datelines_count_when_markup_is_silent() {
        let p = publication_date(
            Some("<p>x</p>"),
            None,
            &["Updated: 28 October 2015, 10:00".to_owned()],
            None,
        )
        .unwrap();
        assert_eq!((p.value.as_str(), p.basis), ("2015-10-28", DateBasis::Text));
    }
}
