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
use chrono::{DateTime, Datelike, FixedOffset, NaiveDate, Utc};
use std::sync::LazyLock;

use crate::parse::{FoundDate, SlashOrder, date_in_url, parse_date, plausible};

/// A piece of date evidence.
#[derive(Debug, Clone, PartialEq)]
struct Candidate {
    found: FoundDate,
    basis: DateBasis,
    confidence: f32,
    /// A modification date rather than a publication date.
    modified: bool,
    /// The hour of a timestamp written in UTC, whose calendar day may differ
    /// from the site's.
    utc: Option<u32>,
    /// The moment, when the evidence is a full timestamp with an offset.
    instant: Option<DateTime<FixedOffset>>,
    /// A date printed above a scrape's headline: a masthead's "today", the day
    /// of the visit rather than of publication.
    masthead: bool,
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
    "dc.issued",
    "dc.created",
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

/// `<meta>` names that say "a date" without saying which: content systems
/// often fill them with the day a page was last saved.
const GENERIC_META: &[&str] = &["date", "dc.date", "dcterms.date", "created"];

/// Confidence in a generic `<meta>` date: below a dated URL, and below a date
/// the page shows labelled as its publication date.
const GENERIC_META_CONFIDENCE: f32 = 0.75;

/// `<meta>` names and properties that carry a modification date.
const MODIFIED_META: &[&str] = &[
    "article:modified_time",
    "og:updated_time",
    "og:article:modified_time",
    "dc.date.modified",
    "dcterms.modified",
    "last-modified",
    "lastmod",
    "lastmodified",
    "datemodified",
    "dateupdate",
    "dateupdated",
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
    let lines = dateline_texts(datelines, page.is_some());
    let now = fetched_at.map_or_else(|| Utc::now().date_naive(), |f| f.date_naive());
    choose(candidates(page, url, &lines, order), now, fetched_at)
}

/// A line of text that may state the publication date, with the weight its
/// place gives it.
#[derive(Debug, Clone)]
struct Line {
    text: String,
    basis: DateBasis,
    confidence: f32,
    masthead: bool,
    /// Only the first line of its group with a date counts.
    first_only: bool,
    /// The date must open the line (a dateline at a paragraph's start).
    leading: bool,
}

/// Datelines extraction set aside: the first with a date counts, and weighs
/// little beside a page's own markup and visible dates.
fn dateline_texts(datelines: &[String], in_page: bool) -> Vec<Line> {
    datelines
        .iter()
        .map(|t| Line {
            text: t.clone(),
            basis: DateBasis::Text,
            confidence: if in_page { DATELINE_IN_PAGE } else { 0.6 },
            masthead: false,
            first_only: true,
            leading: false,
        })
        .collect()
}

/// Every piece of date evidence, in page order, one line each (for debugging).
#[doc(hidden)]
pub fn explain(doc: &Document, article: &Article, page: Option<&dom::Dom>) -> Vec<String> {
    let url = doc.url.as_deref().or(article.url.as_deref());
    let order = slash_order(article, url);
    candidates(page, url, &date_lines(doc, article, page), order)
        .iter()
        .map(|c| {
            format!(
                "{} {:?} conf {:.2}{}",
                c.found.value(),
                c.basis,
                c.confidence,
                if c.modified { " modified" } else { "" }
            )
        })
        .collect()
}

fn candidates(
    page: Option<&dom::Dom>,
    url: Option<&str>,
    datelines: &[Line],
    order: SlashOrder,
) -> Vec<Candidate> {
    let mut cands = Vec::new();
    if let Some(p) = page {
        html_candidates(p, order, &mut cands);
    }
    if let Some(found) = url.and_then(date_in_url) {
        let day = found.precision == beacon_model::Precision::Day;
        cands.push(Candidate::plain(
            found,
            DateBasis::Url,
            if day { 0.8 } else { 0.5 },
        ));
    }
    let mut first_taken = false;
    for line in datelines {
        if line.first_only && first_taken {
            continue;
        }
        let found = if line.leading {
            parse::leading_date(&line.text, order)
        } else {
            parse_date(&line.text, order)
        };
        if let Some(found) = found {
            first_taken |= line.first_only;
            cands.push(Candidate {
                masthead: line.masthead,
                ..Candidate::plain(found, line.basis, line.confidence)
            });
        }
    }
    // the weakest guess of all, read only where nothing else dates the page
    if cands.is_empty()
        && let Some(found) = page.and_then(copyright_of_page)
    {
        cands.push(Candidate {
            confidence: COPYRIGHT_TEXT_CONFIDENCE,
            ..Candidate::copyright(found)
        });
    }
    cands
}

/// The latest year of the copyright lines a page shows ("© 2012–2019").
fn copyright_of_page(page: &dom::Dom) -> Option<FoundDate> {
    (0..page.nodes.len() as dom::NodeId)
        .filter_map(|id| match &page.node(id).data {
            Data::Text(t) if t.len() < 200 && shown(page, page.node(id).parent) => {
                copyright_in_text(t)
            }
            _ => None,
        })
        .max_by_key(|f| f.date)
}

fn choose(
    cands: Vec<Candidate>,
    now: NaiveDate,
    fetched_at: Option<DateTime<Utc>>,
) -> Option<Published> {
    // The strongest evidence; among equals, the first in the page (a page's own
    // JSON-LD comes before that of the related stories it embeds).
    let cands: Vec<Candidate> = cands
        .into_iter()
        .filter(|c| plausible(&c.found, now))
        .collect();
    let mut best = strongest(cands.iter());
    if let Some(b) = best {
        best = Some(local_day(b, &cands));
        best = best.map(|b| visible_over_markup(b, &cands));
    }
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

impl Candidate {
    /// A date read from `basis` with `confidence`, and nothing more known
    /// of it (no modification, no hour, no masthead).
    fn plain(found: FoundDate, basis: DateBasis, confidence: f32) -> Candidate {
        Candidate {
            found,
            basis,
            confidence,
            modified: false,
            utc: None,
            instant: None,
            masthead: false,
        }
    }

    /// A copyright year: a year, and a last resort.
    fn copyright(found: FoundDate) -> Candidate {
        Candidate::plain(found, DateBasis::Metadata, COPYRIGHT_CONFIDENCE)
    }

    /// Does the page's markup state its day of publication here?
    fn states_publication_day(&self) -> bool {
        !self.modified
            && self.confidence >= 0.85
            && self.found.precision == beacon_model::Precision::Day
    }
}

/// A UTC timestamp a day off a date stated in local terms (the URL, a dateline,
/// a timestamp with the site's offset) is the same moment: the local day is the
/// day of publication.
fn local_day<'a>(best: &'a Candidate, cands: &'a [Candidate]) -> &'a Candidate {
    let Some(hour) = best.utc else {
        return best;
    };
    // The same moment stated with the site's own offset gives the local day.
    if let Some(moment) = best.instant {
        let same = cands.iter().find(|c| {
            c.instant.is_some_and(|i| {
                i.offset().local_minus_utc() != 0 && (i - moment).num_seconds().abs() < 60
            })
        });
        if let Some(c) = same {
            return c;
        }
    }
    // Else a local statement of the day (the URL, the dateline) a day off: early
    // in the UTC day the Americas are still on the day before; late in it, Asia
    // and Europe east of Greenwich are on the day after.
    let shift = match hour {
        0..=9 => -1,
        20..=23 => 1,
        _ => return best,
    };
    let local = cands.iter().filter(|c| {
        c.utc.is_none()
            && !c.modified
            && c.found.precision == beacon_model::Precision::Day
            && (c.found.date - best.found.date).num_days() == shift
            && match c.basis {
                DateBasis::Url => true,
                DateBasis::Text => c.confidence >= VISIBLE_DATELINE,
                _ => false,
            }
    });
    strongest(local).unwrap_or(best)
}

/// A date labelled as the publication date beside the headline is what the page
/// shows its readers; markup that claims a later date (up to a year later) is a
/// re-publication or a modification.
fn visible_over_markup<'a>(best: &'a Candidate, cands: &'a [Candidate]) -> &'a Candidate {
    let url_agrees = cands
        .iter()
        .any(|c| c.basis == DateBasis::Url && c.found == best.found);
    if !matches!(best.basis, DateBasis::Metadata | DateBasis::JsonLd) || url_agrees {
        return best;
    }
    let shown = cands
        .iter()
        .find(|c| c.basis == DateBasis::Text && !c.modified && c.confidence >= SHOWN);
    let Some(v) = shown else {
        return best;
    };
    let days = (best.found.date - v.found.date).num_days();
    // A labelled date beside the headline beats later markup; a date beside the
    // headline or labelled beats weak markup (a generic `<meta name="date">`, an
    // unlabelled `<time>`).
    let beside = v.confidence >= VISIBLE_DATELINE && (1..=366).contains(&days);
    let generic = best.basis == DateBasis::Metadata
        && best.confidence <= GENERIC_META_CONFIDENCE
        && days != 0
        && days.abs() <= 366;
    // A page that shows, beside its headline, the day its markup gives as the
    // last modification presents that day as its date (a story updated and
    // re-dated by its publisher).
    let redated = v.confidence >= VISIBLE_DATELINE
        && (-366..0).contains(&days)
        && cands.iter().any(|c| {
            c.modified
                && c.found == v.found
                && matches!(c.basis, DateBasis::Metadata | DateBasis::JsonLd)
        });
    if beside || generic || redated {
        v
    } else {
        best
    }
}

/// Confidence of a labelled date beside the headline.
const VISIBLE_DATELINE: f32 = 0.75;
/// Confidence of a visible date beside the headline or labelled as the
/// publication date.
const SHOWN: f32 = 0.5;
/// Confidence of a dateline extraction set aside, when the page's own markup was read too.
const DATELINE_IN_PAGE: f32 = 0.25;

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

fn html_candidates(page: &dom::Dom, order: SlashOrder, out: &mut Vec<Candidate>) {
    let mut visible = Vec::new();
    let mut headings = Vec::new();
    let mut title = None;
    // Shown text so far, in bytes (whitespace included): how far apart two
    // things are for a reader.
    let mut shown_text = 0;
    for id in 0..page.nodes.len() as dom::NodeId {
        let node = page.node(id);
        let tag = match &node.data {
            Data::Element { tag, .. } => *tag,
            Data::Text(t) => {
                let seen = shown(page, node.parent);
                if visible.len() < MAX_VISIBLE
                    && t.len() < 160
                    && t.bytes().any(|b| b.is_ascii_digit())
                    && seen
                    && let Some(v) = visible_date(page, id, t, order, shown_text)
                {
                    visible.push(v);
                }
                if seen {
                    shown_text += t.len();
                }
                continue;
            }
            Data::Root => continue,
        };
        match tag {
            Tag::Script
                if page
                    .attr(node, Attr::Type)
                    .is_some_and(|t| t.eq_ignore_ascii_case("application/ld+json")) =>
            {
                if let Some(t) = only_text(page, id) {
                    json_ld(t, out);
                }
            }
            // Scripts are read only while the markup has stated no publication day.
            Tag::Script if !out.iter().any(Candidate::states_publication_day) => {
                if let Some(t) = only_text(page, id) {
                    script_dates(t, out);
                }
            }
            Tag::H1 => headings.push((id, shown_text)),
            Tag::Title if title.is_none() => title = only_text(page, id),
            Tag::Meta => {
                if let Some(t) = meta_date(page, id, out) {
                    title = Some(t);
                }
            }
            Tag::Style | Tag::Noscript | Tag::Template | Tag::Head => {}
            _ => marked_element_date(page, id, tag, out),
        }
    }
    let headline = headline(page, &headings, title);
    mark_lists(page, &mut visible);
    if let Some(best) = visible
        .iter()
        .map(|v| (v, visible_confidence(v, headline)))
        .fold(None, |best: Option<(&Visible, f32)>, (v, c)| match best {
            Some((_, b)) if b >= c => best,
            _ => Some((v, c)),
        })
    {
        out.push(Candidate {
            found: best.0.found,
            basis: DateBasis::Text,
            confidence: best.1,
            modified: best.0.modified,
            utc: None,
            instant: None,
            masthead: false,
        });
    }
}

/// Confidence in a page's copyright year: a year, and a last resort.
const COPYRIGHT_CONFIDENCE: f32 = 0.3;

/// Confidence in a copyright line of the page's text ("© 2016"): read
/// only where nothing else dates the page.
const COPYRIGHT_TEXT_CONFIDENCE: f32 = 0.1;

/// The year of an element marked `itemprop="copyrightYear"`.
fn copyright_year(page: &dom::Dom, id: dom::NodeId, out: &mut Vec<Candidate>) {
    let text;
    let value = match page.attr(page.node(id), Attr::Content) {
        Some(v) => v,
        None => {
            text = page.text_of(id);
            &text
        }
    };
    if let Some(found) = year_of(value) {
        out.push(Candidate::copyright(found));
    }
}

/// The year of a copyright line in the page's text ("© 2016", "Copyright
/// 2012 The Society", "© Firm 2013–2018": the last year of a range).
fn copyright_in_text(t: &str) -> Option<FoundDate> {
    static MARK: LazyLock<aho_corasick::AhoCorasick> = LazyLock::new(|| {
        aho_corasick::AhoCorasick::builder()
            .ascii_case_insensitive(true)
            .build(["©", "copyright"])
            .expect("static patterns")
    });
    let at = MARK.find(t)?.start();
    let after: String = t[at..].chars().take(60).collect();
    let this_year = Utc::now().year();
    after
        .split(|c: char| !c.is_ascii_digit())
        .filter(|d| d.len() == 4)
        .filter_map(|d| d.parse::<i32>().ok())
        .filter(|y| (1995..=this_year).contains(y))
        .max()
        .and_then(|y| year_of(&y.to_string()))
}

/// A year written alone (`2019`, `© 2019`), as a date of year precision.
fn year_of(value: &str) -> Option<FoundDate> {
    let digits: String = value.chars().filter(char::is_ascii_digit).collect();
    let y: i32 = (digits.len() == 4).then(|| digits.parse().ok()).flatten()?;
    Some(FoundDate {
        date: NaiveDate::from_ymd_opt(y, 1, 1)?,
        precision: beacon_model::Precision::Year,
    })
}

/// A `<meta>` element's date, if its name says it holds one; returns the
/// page's title when the element is `og:title`.
fn meta_date<'a>(page: &'a dom::Dom, id: dom::NodeId, out: &mut Vec<Candidate>) -> Option<&'a str> {
    let node = page.node(id);
    // `http-equiv="date"` and `last-modified` as peers read them;
    // Dublin Core written `dc:created` or `DC.Issued` alike
    let key = page
        .attr(node, Attr::Property)
        .or(page.attr(node, Attr::Name))
        .or(page.attr(node, Attr::Itemprop))
        .or(page.attr(node, Attr::HttpEquiv))
        // `<meta pubdate="pubDate" content="…">`
        .or(page.attr(node, Attr::Pubdate))
        .map(|k| {
            k.to_ascii_lowercase()
                .replace("dc:", "dc.")
                .replace("dcterms:", "dcterms.")
        });
    // the date in `content`, or in `datetime` as microdata writes it
    let content = page
        .attr(node, Attr::Content)
        .or(page.attr(node, Attr::Datetime));
    let (Some(key), Some(content)) = (key, content) else {
        return None;
    };
    if key == "og:title" {
        return Some(content);
    }
    // the page's picture filed by day ("/2018-04-04/x.jpg"): a last resort
    if matches!(key.as_str(), "og:image" | "twitter:image") {
        if let Some(found) =
            date_in_url(content).filter(|f| f.precision == beacon_model::Precision::Day)
        {
            out.push(Candidate::plain(found, DateBasis::Url, 0.2));
        }
        return None;
    }
    let modified = MODIFIED_META.contains(&key.as_str());
    let confidence = if modified || PUBLISHED_META.contains(&key.as_str()) {
        if GENERIC_META.contains(&key.as_str()) {
            GENERIC_META_CONFIDENCE
        } else {
            0.9
        }
    } else if key.contains("publish") || key.contains("upload") {
        // A site's own name for it: `five_hundred_pixels:uploaded`.
        0.7
    } else if key == "datecreated" {
        // microdata's creation date: a recipe's or a product's first version,
        // below a modified date the page also states (ranked 0.9 - 0.5)
        0.35
    } else if key == "copyrightyear" {
        COPYRIGHT_CONFIDENCE
    } else if matches!(key.as_str(), "description" | "og:description") {
        // "News of 14 January 2020": a last resort.
        0.2
    } else {
        return None;
    };
    let found = if confidence == COPYRIGHT_CONFIDENCE {
        year_of(content)
    } else {
        parse_date(content, SlashOrder::Unknown)
            .filter(|f| confidence > 0.7 || f.precision == beacon_model::Precision::Day)
    };
    if let Some(found) = found {
        out.push(Candidate {
            found,
            basis: DateBasis::Metadata,
            confidence,
            modified,
            utc: in_utc(content),
            instant: DateTime::parse_from_rfc3339(content.trim()).ok(),
            masthead: false,
        });
    }
    None
}

/// The date of an element marked as the publication (`itemprop`,
/// `<time>`, a copyright year).
fn marked_element_date(page: &dom::Dom, id: dom::NodeId, tag: Tag, out: &mut Vec<Candidate>) {
    let node = page.node(id);
    let prop = page.attr(node, Attr::Itemprop).unwrap_or("");
    let published_prop =
        prop.eq_ignore_ascii_case("datePublished") || prop.eq_ignore_ascii_case("dateCreated");
    if prop.eq_ignore_ascii_case("copyrightYear") {
        copyright_year(page, id, out);
        return;
    }
    if !(published_prop || tag == Tag::Time) {
        return;
    }
    let class = page
        .attr(node, Attr::Class)
        .unwrap_or("")
        .to_ascii_lowercase();
    let text;
    let value = match page
        .attr(node, Attr::Datetime)
        .or(page.attr(node, Attr::Content))
    {
        Some(v) => v,
        None => {
            text = page.text_of(id);
            &text
        }
    };
    let Some(found) = parse_date(value, SlashOrder::Unknown) else {
        return;
    };
    let marked = published_prop
        || class.contains("publish")
        || class.contains("entry-date")
        || class.contains("post-date");
    out.push(Candidate {
        found,
        basis: DateBasis::Metadata,
        // HTML5's `pubdate` marks each article's own date,
        // a list's teasers' too: above an unmarked time, below a
        // date the page's classes call its publication
        confidence: if marked {
            0.85
        } else if page.attr(node, Attr::Pubdate).is_some() {
            0.7
        } else {
            0.55
        },
        modified: prop.eq_ignore_ascii_case("dateModified")
            || class.contains("updated")
            || class.contains("modified"),
        utc: in_utc(value),
        instant: DateTime::parse_from_rfc3339(value.trim()).ok(),
        masthead: false,
    });
}

/// How many dates in the visible text are weighed (a long archive page lists thousands).
const MAX_VISIBLE: usize = 400;

/// A full date in the page's visible text.
#[derive(Debug, Clone, Copy)]
struct Visible {
    node: dom::NodeId,
    /// Shown text before it, in bytes.
    at: usize,
    found: FoundDate,
    /// Labelled as a publication date, by its markup or its wording.
    marked: bool,
    /// Labelled as an update.
    modified: bool,
    /// In a comment, a sidebar, a footer or a list of other stories.
    aside: bool,
}

/// Dates whose elements repeat, alike, elsewhere in the page are a list of
/// stories (latest news, most read, thumbnails), not the article's dateline.
fn mark_lists(page: &dom::Dom, visible: &mut [Visible]) {
    let shape = |v: &Visible| -> (Option<Tag>, &str) {
        let parent = page.node(v.node).parent;
        let n = page.node(parent);
        (n.tag(), page.attr(n, Attr::Class).unwrap_or(""))
    };
    let shapes: Vec<_> = visible.iter().map(shape).collect();
    let dates: Vec<_> = visible.iter().map(|v| v.found).collect();
    for (i, v) in visible.iter_mut().enumerate() {
        // The same date in the same shape twice is one layout printed twice
        // (for phones and for desktops), not a list.
        let list = (0..shapes.len()).any(|j| shapes[j] == shapes[i] && dates[j] != dates[i]);
        if list {
            v.aside = true;
        }
    }
}

/// The text of an element that holds one text node.
fn only_text<'a>(page: &'a dom::Dom<'_>, id: dom::NodeId) -> Option<&'a str> {
    let first = page.node(id).first_child;
    if first == dom::NONE {
        return None;
    }
    match &page.node(first).data {
        Data::Text(t) => Some(t),
        _ => None,
    }
}

/// Is text under this element shown to readers?
fn shown(page: &dom::Dom, parent: dom::NodeId) -> bool {
    parent != dom::NONE
        && !matches!(
            page.node(parent).tag(),
            Some(
                Tag::Script
                    | Tag::Style
                    | Tag::Noscript
                    | Tag::Template
                    | Tag::Title
                    | Tag::Head
                    | Tag::Option
                    | Tag::Textarea
                    | Tag::ScriptTemplate
            )
        )
}

/// Words in class names and ids that mark a date.
const DATE_MARKS: &[&str] = &[
    "date",
    "datum",
    "time",
    "zeit",
    "publi",
    "posted",
    "pubdate",
    "meta",
    "byline",
    "fecha",
    "data",
    "stamp",
    "created",
    "dateline",
    "subline",
    "submitted",
    "article-info",
    "entry-info",
];

/// Words in class names and ids of regions that are not the article's own.
const ASIDE_MARKS: &[&str] = &[
    "comment", "related", "sidebar", "footer", "teaser", "widget", "recent", "popular", "archive",
    "calendar", "reply", "more-", "aside", "forum", "list", "thumb", "card", "slider", "carousel",
];

/// Labels that introduce a publication date, in the languages Beacon reads.
const PUBLISHED_LABELS: &[&str] = &[
    "published",
    "posted",
    "veröffentlicht",
    "erschienen",
    // "Dieser Artikel wurde am 14. Dezember 2015 … geschrieben"
    "wurde am",
    "verfasst am",
    "stand",
    "datum",
    "publié",
    "publication",
    "publicado",
    "publicación",
    "опубликовано",
    "date",
];

/// Labels that introduce a modification date.
const MODIFIED_LABELS: &[&str] = &[
    "updated",
    "update",
    "modified",
    "aktualisiert",
    "geändert",
    "änderung",
    "mis à jour",
    "actualizado",
    "actualización",
    "обновлено",
    "изменено",
];

/// Whether `text` holds a run of four digits (Western, Persian or Arabic).
fn four_digits(text: &str) -> bool {
    let mut run = 0;
    for c in text.chars() {
        if c.is_ascii_digit() || ('۰'..='۹').contains(&c) || ('٠'..='٩').contains(&c) {
            run += 1;
            if run == 4 {
                return true;
            }
        } else {
            run = 0;
        }
    }
    false
}

fn visible_date(
    page: &dom::Dom,
    id: dom::NodeId,
    text: &str,
    order: SlashOrder,
    at: usize,
) -> Option<Visible> {
    // The date first: most short texts with digits hold none. The first
    // plausible one: "until 4/4/2078 or 14/4/2012" names a future date first.
    let day = |f: &FoundDate| f.precision == beacon_model::Precision::Day;
    // every full date holds a run of four digits (a year, or 20151028)
    let full = four_digits(text)
        .then(|| {
            parse::with_dates(text, order, |mut dates| {
                let today = Utc::now().date_naive();
                match dates.next().filter(day) {
                    Some(f) if plausible(&f, today) => Some(f),
                    Some(_) => Iterator::find(&mut dates, |f| day(f) && plausible(f, today)),
                    None => None,
                }
            })
        })
        .flatten();
    let short = match full {
        Some(_) => None,
        None => Some(short_year_date(text, order)?),
    };
    let mut marked = false;
    let mut modified = false;
    let mut aside = false;
    // The element's own markup, and that of a few ancestors.
    let mut up = page.node(id).parent;
    for depth in 0..5 {
        if up == dom::NONE {
            break;
        }
        let n = page.node(up);
        if matches!(
            n.tag(),
            Some(Tag::Aside | Tag::Nav | Tag::Blockquote | Tag::Li)
        ) || (n.tag() == Some(Tag::Footer) && !within_article(page, up))
        {
            aside = true;
        }
        if n.tag() == Some(Tag::Time) {
            marked = true;
        }
        for a in [Attr::Class, Attr::Id, Attr::Itemprop] {
            if let Some(v) = page.attr(n, a) {
                let v = v.to_ascii_lowercase();
                if depth < 3 && DATE_MARKS.iter().any(|m| v.contains(m)) {
                    marked = true;
                }
                if v.contains("update") || v.contains("modified") {
                    modified = true;
                }
                if ASIDE_MARKS.iter().any(|m| v.contains(m)) && !entry_footer(&v) {
                    aside = true;
                }
            }
        }
        up = n.parent;
    }
    // Its wording: "Published 28 October 2015", or a label just before it.
    let lower = text.to_lowercase();
    let label = previous_label(page, id);
    for l in [lower.as_str(), label.as_str()] {
        if PUBLISHED_LABELS.iter().any(|w| l.contains(w)) {
            marked = true;
        }
        if MODIFIED_LABELS.iter().any(|w| l.contains(w)) {
            modified = true;
        }
    }
    let found = full.or(short.filter(|_| marked))?;
    Some(Visible {
        node: id,
        at,
        found,
        marked,
        modified,
        aside,
    })
}

/// Whether a class or id names the footer of the entry itself
/// (`post-footer`, `entry-footer`, `article__footer`: where blogs put
/// "published on … by …"), not the page's.
fn entry_footer(v: &str) -> bool {
    v.contains("footer")
        && ["post", "entry", "article"].iter().any(|w| v.contains(w))
        && !ASIDE_MARKS.iter().any(|m| *m != "footer" && v.contains(m))
}

/// Whether a node lies inside an `<article>`: a `<footer>` there is the
/// article's own (HTML: a footer belongs to its nearest sectioning
/// element), not the page's.
fn within_article(page: &dom::Dom, node: dom::NodeId) -> bool {
    let mut up = page.node(node).parent;
    for _ in 0..12 {
        if up == dom::NONE {
            return false;
        }
        if page.node(up).tag() == Some(Tag::Article) {
            return true;
        }
        up = page.node(up).parent;
    }
    false
}

/// The short text just before a node in its parent: a label such as "Datum:".
fn previous_label(page: &dom::Dom, id: dom::NodeId) -> String {
    // The last sibling before `node` with some text.
    let before = |node: dom::NodeId| -> Option<String> {
        let parent = page.node(node).parent;
        if parent == dom::NONE {
            return None;
        }
        let mut last = dom::NONE;
        let mut c = page.node(parent).first_child;
        while c != dom::NONE && c != node {
            let blank = matches!(&page.node(c).data, Data::Text(t) if t.trim().is_empty());
            if !blank {
                last = c;
            }
            c = page.node(c).next_sibling;
        }
        // A label is a few words: a larger element is something else.
        (last != dom::NONE && page.descendants(last).take(8).count() < 8)
            .then(|| page.text_of(last))
    };
    // The label may be the parent's previous sibling ("<dt>Published</dt><dd>…").
    let t = before(id).or_else(|| before(page.node(id).parent));
    match t {
        Some(t) if t.chars().count() <= 40 => t.to_lowercase(),
        _ => String::new(),
    }
}

/// A date with a two-digit year, `31.10.23`, `Stand: 1.4.18`, `Posted
/// 5/5/20`: day first with dots, by `order` with slashes (an ambiguous one,
/// both numbers 12 or less and unequal, in an unknown order is no date). The
/// year is read in a window: up to this year's two digits plus one, this
/// century, else the last (`97` is 1997). Read only after a few words at
/// most (a label), and only where a label or the markup says it is a date.
fn short_year_date(text: &str, order: SlashOrder) -> Option<FoundDate> {
    let t = text.trim();
    let start = t.find(|c: char| c.is_ascii_digit())?;
    if t[..start].chars().count() > 24 {
        return None;
    }
    let rest = &t[start..];
    let sep = rest.chars().find(|c| !c.is_ascii_digit())?;
    if sep != '.' && sep != '/' {
        return None;
    }
    let mut parts = rest.splitn(3, sep);
    let a: u32 = parts.next()?.parse().ok()?;
    let b: u32 = parts.next()?.parse().ok()?;
    let tail = parts.next()?;
    let digits = tail.chars().take_while(char::is_ascii_digit).count();
    if digits != 2 {
        return None;
    }
    let y: i32 = tail[..2].parse().ok()?;
    let (d, m) = match (sep, order) {
        ('.', _) => (a, b),
        // a number above 12 is the day, whatever the page's order
        _ if a > 12 || a == b => (a, b),
        _ if b > 12 => (b, a),
        (_, SlashOrder::DayFirst) => (a, b),
        (_, SlashOrder::MonthFirst) => (b, a),
        _ => return None,
    };
    let this = Utc::now().year() % 100;
    let year = if y <= this + 1 { 2000 + y } else { 1900 + y };
    let date = NaiveDate::from_ymd_opt(year, m, d)?;
    Some(FoundDate {
        date,
        precision: beacon_model::Precision::Day,
    })
}

/// Where the page's headline starts, in shown text: the `<h1>` that matches its
/// title, else the first with some words. Headings come as (node, shown text before it).
fn headline(
    page: &dom::Dom,
    headings: &[(dom::NodeId, usize)],
    title: Option<&str>,
) -> Option<usize> {
    let norm = |s: &str| -> String {
        s.chars()
            .filter(|c| c.is_alphanumeric())
            .flat_map(char::to_lowercase)
            .collect()
    };
    let title = title.map(norm).unwrap_or_default();
    let texts: Vec<(usize, String)> = headings
        .iter()
        .take(10)
        .map(|&(h, at)| (at, norm(&page.text_of(h))))
        .collect();
    texts
        .iter()
        .find(|(_, t)| {
            t.len() >= 8 && !title.is_empty() && (title.contains(t.as_str()) || t.contains(&title))
        })
        .or_else(|| texts.iter().find(|(_, t)| t.len() >= 12))
        .map(|(at, _)| *at)
}

/// Confidence in a visible date: a labelled date by the headline is the page's own dateline.
fn visible_confidence(v: &Visible, headline: Option<usize>) -> f32 {
    // A dateline sits just above the headline (a kicker) or below it, before
    // much of the article: measured in text a reader passes, not in markup.
    let near = headline.is_some_and(|h| v.at + 300 >= h && v.at <= h + 1500);
    let mut c = 0.3;
    if v.marked {
        c += 0.25;
    }
    if near {
        c += 0.2;
    }
    if v.aside {
        c -= 0.2;
    }
    c
}

/// The hour of a timestamp written in UTC (`…T02:25:54Z`, `+00:00`, `GMT`): its
/// calendar day may be a day off the day of publication where the site is.
fn in_utc(value: &str) -> Option<u32> {
    let v = value.trim();
    let zulu = v.ends_with('Z')
        || v.ends_with("+00:00")
        || v.ends_with("+0000")
        || v.ends_with("GMT")
        || v.ends_with("UTC");
    if !zulu || v.len() < 13 {
        return None;
    }
    // The hour follows the date: `2020-02-25T02:25`, `Tue, 25 Feb 2020 02:25:54 GMT`.
    let colon = v.find(':')?;
    v.get(colon.checked_sub(2)?..colon)?.trim().parse().ok()
}

/// Keys of publication dates in a page's scripts (state blobs, analytics).
const SCRIPT_KEYS: &[&str] = &[
    "datePublished",
    "published_at",
    "publishDate",
    "publicationDate",
    "publish_date",
    "publishedDate",
    "date_published",
    "pubDate",
    "firstPublished",
];

/// Finds [`SCRIPT_KEYS`] in one pass over a script.
static SCRIPT_KEY_FINDER: std::sync::LazyLock<aho_corasick::AhoCorasick> =
    std::sync::LazyLock::new(|| {
        aho_corasick::AhoCorasick::new(SCRIPT_KEYS).expect("fixed patterns build")
    });

/// The first publication date a script states as `"key": "value"`, escaped or not.
fn script_dates(text: &str, out: &mut Vec<Candidate>) {
    for m in SCRIPT_KEY_FINDER.find_iter(text) {
        // A key is quoted, then a colon follows: `"publishDate": "…"`, `\"publishDate\":\"…\"`.
        if !text[..m.start()].ends_with('"') {
            continue;
        }
        let rest = text[m.end()..].trim_start_matches(['"', '\\']);
        let Some(rest) = rest.trim_start().strip_prefix(':') else {
            continue;
        };
        let rest = rest.trim_start_matches(|c: char| c == '\\' || c == '"' || c.is_whitespace());
        let end = rest
            .find(['"', '\\', ',', '}'])
            .unwrap_or(rest.len())
            .min(40);
        let value = rest.get(..end).unwrap_or("");
        if let Some(found) = parse_date(value, SlashOrder::Unknown) {
            out.push(Candidate {
                found,
                basis: DateBasis::Metadata,
                confidence: 0.7,
                modified: false,
                utc: in_utc(value),
                instant: DateTime::parse_from_rfc3339(value.trim()).ok(),
                masthead: false,
            });
            return;
        }
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
                            // An upload date is often that of an embedded video.
                            confidence: match key {
                                "dateCreated" => 0.9,
                                "uploadDate" => 0.7,
                                _ => 0.95,
                            },
                            modified: key == "dateModified",
                            utc: in_utc(s),
                            instant: DateTime::parse_from_rfc3339(s.trim()).ok(),
                            masthead: false,
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
/// (datelines, bylines).
fn datelines(article: &Article) -> Vec<String> {
    // A dateline is mostly its date: "Published 28 October 2015, 10:00", not a
    // teaser that mentions one, nor a masthead's "Monday edition".
    article
        .removed
        .boilerplate
        .iter()
        .filter(|l| l.split_whitespace().count() <= 12 && l.chars().any(|c| c.is_numeric()))
        .take(30)
        .cloned()
        .collect()
}

/// The lines that may state the date: for a plain-text scrape, its header
/// lines (above the headline: a masthead; below it: the byline's date) and the
/// first paragraph's opening; for other documents, the datelines extraction
/// set aside.
fn date_lines(doc: &Document, article: &Article, page: Option<&dom::Dom>) -> Vec<Line> {
    if doc.payload != Payload::Scrape {
        let mut lines = dateline_texts(&datelines(article), page.is_some());
        lines.extend(opening_dateline(
            article,
            if page.is_some() { 0.5 } else { 0.6 },
        ));
        return lines;
    }
    let lines: Vec<&str> = doc
        .text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect();
    let first = article
        .paragraphs
        .first()
        .map(|p| article.paragraph_text(p))
        .unwrap_or("");
    let opening: String = first.chars().take(60).collect();
    let start = lines
        .iter()
        .position(|l| !opening.is_empty() && l.contains(opening.trim()))
        .unwrap_or(0)
        .min(200);
    let title_at = article
        .title
        .as_deref()
        .and_then(|t| lines[..start].iter().position(|l| *l == t));
    let mut out: Vec<Line> = lines[..start]
        .iter()
        .enumerate()
        .filter(|(_, l)| l.split_whitespace().count() <= 12)
        .map(|(i, l)| {
            let masthead = title_at.is_some_and(|t| i < t);
            Line {
                text: (*l).to_owned(),
                basis: DateBasis::Header,
                confidence: match (title_at, masthead) {
                    (Some(_), true) => 0.3,
                    (Some(_), false) => 0.7,
                    (None, _) => 0.5,
                },
                masthead,
                first_only: false,
                leading: false,
            }
        })
        .collect();
    out.extend(opening_dateline(article, 0.6));
    out.extend(latest_in_body(article));
    out
}

/// The latest full date the body mentions: an article is no older than the
/// days it reports, so with nothing better it is the best guess, and a weak one.
fn latest_in_body(article: &Article) -> Option<Line> {
    let today = Utc::now().date_naive();
    let latest = article
        .paragraphs
        .iter()
        .take(60)
        .map(|p| article.paragraph_text(p))
        .flat_map(|t| t.split(['.', ';', '!', '?']))
        .filter(|sentence| sentence.bytes().any(|b| b.is_ascii_digit()))
        // each sentence's first plausible full date: "either 4/4/2078 or 4/4/2012"
        .filter_map(|sentence| {
            parse::with_dates(sentence, SlashOrder::Unknown, |mut dates| {
                Iterator::find(&mut dates, |d| {
                    d.precision == beacon_model::Precision::Day && plausible(d, today)
                })
            })
        })
        .max_by_key(|d| d.date)?;
    Some(Line {
        text: latest.value(),
        basis: DateBasis::Text,
        confidence: 0.15,
        masthead: false,
        first_only: false,
        leading: false,
    })
}

/// "KABUL, Oct. 28 (Reuters) —": a dateline opens the first paragraph.
fn opening_dateline(article: &Article, confidence: f32) -> Option<Line> {
    let first = article
        .paragraphs
        .first()
        .map(|p| article.paragraph_text(p))?;
    Some(Line {
        text: first.chars().take(80).collect(),
        basis: DateBasis::Text,
        confidence,
        masthead: false,
        first_only: false,
        leading: true,
    })
}

/// A scrape's only date may be its masthead's, printed on the day of the
/// visit: when that is the day it was fetched, it says nothing of when the
/// article was written, and the article says so.
fn flag_crawl_date(article: &mut Article, cands: &[Candidate], fetched_at: Option<DateTime<Utc>>) {
    let Some(p) = &article.published else {
        return;
    };
    let from_masthead = p.basis == DateBasis::Header
        && cands
            .iter()
            .any(|c| c.masthead && c.found.value() == p.value);
    if !from_masthead {
        return;
    }
    let fetched = fetched_at.map(|f| f.date_naive().format("%Y-%m-%d").to_string());
    let detail = if fetched.as_deref() == Some(p.value.as_str()) {
        format!(
            "the only date is the page header's {}, the day the page was fetched: a masthead shows the day of the visit, not of publication",
            p.value
        )
    } else {
        format!(
            "the only date is {} above the headline, where sites print the day of the visit: the article may be older",
            p.value
        )
    };
    article.warnings.push(beacon_model::Warning {
        kind: "stale_date".into(),
        detail,
    });
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
    let now = doc
        .fetched_at
        .map_or_else(|| Utc::now().date_naive(), |f| f.date_naive());
    let cands = candidates(page, url, &date_lines(doc, article, page), order);
    article.published = choose(cands.clone(), now, doc.fetched_at);
    bound_by_comments(article, order, now);
    bound_by_weekdays(article);
    flag_crawl_date(article, &cands, doc.fetched_at);
}

/// Reader comments are written after the article: a comment dated before the
/// date the page claims shows the claim is wrong (a re-crawled or recycled
/// page). The article then carries a `stale_date` warning with that evidence and
/// the best-supported date: the month of the earliest comment. That date
/// replaces a weak claim (a dateline, a scrape's header, the fetch time); a
/// publisher's own markup or URL is kept as what the page claims, since a
/// re-published page (an updated recipe, a revised explainer) is published anew.
fn bound_by_comments(article: &mut Article, order: SlashOrder, now: NaiveDate) {
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
        .filter(|d| d.precision == beacon_model::Precision::Day && plausible(d, now))
        .map(|d| d.date)
        .min();
    let Some(earliest) = earliest.filter(|e| *e < claimed_date) else {
        return;
    };
    let best = Published {
        value: earliest.format("%Y-%m").to_string(),
        precision: beacon_model::Precision::Month,
        basis: DateBasis::Text,
        confidence: 0.5,
    };
    article.warnings.push(beacon_model::Warning {
        kind: "stale_date".into(),
        detail: format!(
            "the page claims {} ({}), but a reader comment is dated {}: the article is no later than that; best-supported date {}",
            claimed.value,
            basis_name(claimed.basis),
            earliest.format("%Y-%m-%d"),
            best.value,
        ),
    });
    if !claim_stands(&claimed) {
        article.published = Some(best);
    }
}

/// Does the claim stand against contradicting evidence? The page's own
/// statement of its date (markup, a dated URL, a visible dateline) does: the
/// evidence then adds a warning, since a re-published page is published anew
/// and a misread comment is likelier than a misprinted dateline. A scrape's
/// header date (often a masthead's "today") and the fetch time give way to the
/// best-supported date.
fn claim_stands(claimed: &Published) -> bool {
    match claimed.basis {
        DateBasis::JsonLd | DateBasis::Metadata => claimed.confidence >= 0.85,
        DateBasis::Url => claimed.precision == beacon_model::Precision::Day,
        DateBasis::Given | DateBasis::Text => true,
        DateBasis::Header | DateBasis::Fetch => false,
    }
}

/// Weekdays the text gives with a day but no year ("on Wednesday, October 16")
/// fit only some years: when none fits the claimed year (or the next, for a
/// late-December article looking ahead), the claim is contradicted, and the
/// latest earlier year they all fit is the best-supported one.
fn bound_by_weekdays(article: &mut Article) {
    let Some(claimed) = article.published.clone() else {
        return;
    };
    let Some(year) = claimed.value.get(..4).and_then(|y| y.parse::<i32>().ok()) else {
        return;
    };
    let refs = parse::weekday_dates(&article.text);
    if refs.is_empty() || refs.iter().any(|r| r.fits(year) || r.fits(year + 1)) {
        return;
    }
    let Some(fit) = (year - 15..year)
        .rev()
        .find(|y| refs.iter().all(|r| r.fits(*y)))
    else {
        return;
    };
    let r = refs[0];
    let day = NaiveDate::from_ymd_opt(fit, r.month, r.day).unwrap_or_default();
    article.warnings.push(beacon_model::Warning {
        kind: "stale_date".into(),
        detail: format!(
            "the page claims {} ({}), but the text's {} fits {fit}, not {year}: best-supported date {fit}",
            claimed.value,
            basis_name(claimed.basis),
            day.format("%A, %-d %B"),
        ),
    });
    if !claim_stands(&claimed) {
        article.published = Some(Published {
            value: fit.to_string(),
            precision: beacon_model::Precision::Year,
            basis: DateBasis::Text,
            confidence: 0.4,
        });
    }
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
    use beacon_model::Comment;

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

    fn scrape(text: &str, fetched: Option<&str>) -> Article {
        let mut doc = beacon_extract::memory_document(text, Payload::Scrape, None);
        doc.fetched_at =
            fetched.map(|f| DateTime::parse_from_rfc3339(f).unwrap().with_timezone(&Utc));
        let mut a = beacon_extract::extract(&doc).unwrap();
        date_article(&doc, &mut a);
        a
    }

    const BODY: &str = "The council met on Tuesday to discuss the budget for the coming year, and agreed on most points after a long debate.\n\nMembers said the vote would follow next month, once the committee has reported on the costs of the plan.\n";

    #[test]
    fn a_scrape_byline_date_beats_its_masthead() {
        let text = format!(
            "Monday, June 17, 2024\n\nCouncil agrees budget after a long debate\n\nBy A. Writer | 28 October 2015\n\n{BODY}"
        );
        let a = scrape(&text, None);
        let p = a.published.unwrap();
        assert_eq!(
            (p.value.as_str(), p.basis),
            ("2015-10-28", DateBasis::Header)
        );
        assert!(a.warnings.is_empty(), "{:?}", a.warnings);
    }

    #[test]
    fn a_masthead_date_that_is_the_crawl_date_is_flagged() {
        let text =
            format!("Monday, June 17, 2024\n\nCouncil agrees budget after a long debate\n\n{BODY}");
        let a = scrape(&text, Some("2024-06-17T08:00:00Z"));
        let p = a.published.unwrap();
        assert_eq!(
            (p.value.as_str(), p.basis),
            ("2024-06-17", DateBasis::Header)
        );
        assert!(p.confidence <= 0.3);
        let w = a.warnings.iter().find(|w| w.kind == "stale_date").unwrap();
        assert!(w.detail.contains("fetched"), "{}", w.detail);
    }

    #[test]
    fn a_dateline_opening_the_first_paragraph_counts() {
        let text = format!(
            "Council agrees budget after a long debate\n\nKABUL, Oct. 28, 2015 (Reuters) - {BODY}"
        );
        let a = scrape(&text, None);
        let p = a.published.unwrap();
        assert_eq!((p.value.as_str(), p.basis), ("2015-10-28", DateBasis::Text));
    }

    #[test]
    fn publisher_markup_stays_when_comments_predate_it_but_is_flagged() {
        let html = r#"<html><head><meta property="article:published_time" content="2023-10-31T10:00:00Z"></head><body><article><h1>Peanut butter truffles, a recipe</h1><p>These truffles take ten minutes to make and keep for a week in the fridge, which makes them a good gift.</p><p>Melt the chocolate, stir in the peanut butter, roll into balls and chill them for an hour.</p></article></body></html>"#;
        let doc = beacon_extract::html_document(html, None);
        let (mut a, page) = beacon_extract::extract_parsed(&doc).unwrap();
        // A reader's comment from 2020, on a recipe the site re-published in 2023.
        a.comments = vec![Comment {
            text: "Made these for my family and they loved them, thanks.\n12 March 2020".into(),
        }];
        date_parsed_article(&doc, &mut a, page.as_ref());
        assert_eq!(a.published.unwrap().value, "2023-10-31");
        let w = a.warnings.iter().find(|w| w.kind == "stale_date").unwrap();
        assert!(
            w.detail.contains("2020-03-12") && w.detail.contains("best-supported date 2020-03"),
            "{}",
            w.detail
        );
    }

    #[test]
    fn a_weekday_that_fits_only_an_earlier_year_contradicts_the_claim() {
        let text = format!(
            "Monday, June 17, 2024\n\nCouncil agrees budget after a long debate\n\nThe council met on Friday, October 16 to discuss the budget for the coming year, and agreed on most points after a long debate.\n\n{BODY}"
        );
        let a = scrape(&text, None);
        let p = a.published.unwrap();
        // 16 October fell on a Friday in 2015 and 2020, not in 2024 or 2025:
        // the latest year it fits is the best supported.
        assert_eq!(
            (p.value.as_str(), p.precision),
            ("2020", beacon_model::Precision::Year)
        );
        let w = a.warnings.iter().find(|w| w.kind == "stale_date").unwrap();
        assert!(
            w.detail.contains("Friday, 16 October fits 2020"),
            "{}",
            w.detail
        );
    }

    fn page_date(html: &str, url: Option<&str>) -> Published {
        let doc = beacon_extract::html_document(html, url);
        let (mut a, page) = beacon_extract::extract_parsed(&doc).unwrap();
        date_parsed_article(&doc, &mut a, page.as_ref());
        a.published.unwrap()
    }

    const ARTICLE: &str = "<p>The council met to discuss the budget for the coming year, and agreed on most points after a long debate.</p><p>Members said the vote would follow next month, once the committee has reported on the costs.</p>";

    #[test]
    fn the_markup_peers_read_dates_a_page() {
        let page = |head: &str, body: &str| {
            page_date(
                &format!(
                    "<html><head>{head}</head><body><article><h1>Council budget</h1>{body}{ARTICLE}</article></body></html>"
                ),
                None,
            )
        };
        for head in [
            r#"<meta http-equiv="date" content="2019-05-14">"#,
            r#"<meta name="DC.Issued" content="2019-05-14">"#,
            r#"<meta name="dc:created" content="2019-05-14">"#,
            r#"<meta name="dcterms:issued" content="2019-05-14">"#,
        ] {
            assert_eq!(page(head, "").value, "2019-05-14", "{head}");
        }
        // a modification date stands in when nothing else does, less sure
        let m = page(
            r#"<meta http-equiv="last-modified" content="2019-05-14">"#,
            "",
        );
        assert_eq!(m.value, "2019-05-14");
        assert!(m.confidence < 0.7);
        // an element marked as the publication, with a datetime attribute
        let p = page(
            "",
            r#"<span itemprop="datePublished" datetime="2019-05-14">yesterday</span>"#,
        );
        assert_eq!(p.value, "2019-05-14");
        // HTML5's pubdate beats an unmarked time, not a date the page calls
        // its publication
        let times = r#"<time datetime="2019-03-01">1 March</time><time pubdate datetime="2019-05-14">14 May</time>"#;
        assert_eq!(page("", times).value, "2019-05-14");
        let both = r#"<p class="publication">On <time datetime="2019-05-14">14 May 2019</time></p><time pubdate datetime="2019-09-01">1 September 2019</time>"#;
        assert_eq!(page("", both).value, "2019-05-14");
        // a copyright year is a year, and a last resort
        let c = page(r#"<meta itemprop="copyrightYear" content="2019">"#, "");
        assert_eq!(
            (c.value.as_str(), c.precision),
            ("2019", beacon_model::Precision::Year)
        );
        let c = page(
            r#"<meta itemprop="copyrightYear" content="2019"><meta name="date" content="2019-05-14">"#,
            "",
        );
        assert_eq!(c.value, "2019-05-14");
        // microdata writes the date in `datetime`; `pubdate` may name the meta
        for head in [
            r#"<meta itemprop="datePublished" datetime="2019-05-14">"#,
            r#"<meta pubdate="pubDate" content="2019-05-14">"#,
            r#"<meta name="lastmodified" content="2019-05-14">"#,
        ] {
            assert_eq!(page(head, "").value, "2019-05-14", "{head}");
        }
        // a picture filed by day is a last resort
        let pic = r#"<meta property="og:image" content="https://cdn.example.org/pics/2018-04-04/dam.jpg">"#;
        assert_eq!(page(pic, "").value, "2018-04-04");
        assert_eq!(
            page(
                &format!("{pic}<meta name=\"date\" content=\"2018-05-14\">"),
                ""
            )
            .value,
            "2018-05-14"
        );
        // a creation date yields to a modification date the page also states
        let created = r#"<meta itemprop="dateCreated" content="2004-01-01"><meta itemprop="dateModified" content="2019-05-14">"#;
        assert_eq!(page(created, "").value, "2019-05-14");
    }

    #[test]
    fn the_entrys_own_footer_dates_it_and_readers_comments_do_not() {
        // a blog's entry footer ("this article was written on …"), then the
        // readers' comments, each dated later
        let comments = r##"<ol class="commentlist"><li class="comment"><div class="comment-meta commentmetadata"><a href="#c1">15. März 2021 at 11:21</a></div><p>Danke!</p></li><li class="comment"><div class="comment-meta commentmetadata"><a href="#c2">16. März 2021 at 09:02</a></div><p>Gut.</p></li></ol>"##;
        let german = format!(
            "<html><body><div class=\"post\"><h1>Ein Saugroboter im Test</h1>{ARTICLE}<div class=\"post-footer\">Dieser Beitrag wurde am 14. März 2021 um 14:48 von <a href=\"/author/h\">Heiner</a> geschrieben.</div></div>{comments}</body></html>"
        );
        assert_eq!(page_date(&german, None).value, "2021-03-14");
        // HTML's <footer> inside the <article> is the article's own
        let english = format!(
            "<html><body><article><h1>A robot vacuum, tested</h1>{ARTICLE}<footer><span>Posted on 14 March 2021</span></footer></article>{comments}<footer>Site map</footer></body></html>"
        );
        assert_eq!(page_date(&english, None).value, "2021-03-14");
    }

    #[test]
    fn dotted_dates_are_day_first_and_copyright_lines_are_a_last_resort() {
        let page = |body: &str| {
            page_date(
                &format!(
                    "<html><body><article><h1>Council budget</h1>{body}{ARTICLE}</article><footer>© The Council 2012–2019</footer></body></html>"
                ),
                None,
            )
        };
        assert_eq!(page("<p>Datum: 2.10.2016</p>").value, "2016-10-02");
        assert_eq!(
            page("<p>Written on 3.4.2016 by staff.</p>").value,
            "2016-04-03"
        );
        // a date in the future does not hide the one after it
        assert_eq!(
            page("<p>It runs until 04/04/2078 or at least 14/04/2012.</p>").value,
            "2012-04-14"
        );
        // with no other date, the copyright line's last year
        let c = page("");
        assert_eq!(
            (c.value.as_str(), c.precision),
            ("2019", beacon_model::Precision::Year)
        );
    }

    #[test]
    fn a_labelled_date_with_a_two_digit_year_is_read() {
        let page = |line: &str| {
            page_date(
                &format!("<html><body><article><h1>Council budget</h1><p>{line}</p>{ARTICLE}</article></body></html>"),
                None,
            )
            .value
        };
        assert_eq!(page("Stand: 1.4.18"), "2018-04-01");
        assert_eq!(page("Veröffentlicht am 12.11.16"), "2016-11-12");
        assert_eq!(page("Posted 5/5/20"), "2020-05-05");
        assert_eq!(page("Posted 25/12/19"), "2019-12-25");
        // no label, no date: a figure in running text is not the page's day
        let doc = beacon_extract::html_document(
            &format!(
                "<html><body><article><h1>Council budget</h1><p>The vote of 12.11.16 was close.</p>{ARTICLE}</article></body></html>"
            ),
            None,
        );
        let (mut a, page) = beacon_extract::extract_parsed(&doc).unwrap();
        date_parsed_article(&doc, &mut a, page.as_ref());
        assert!(a.published.is_none_or(|p| p.value != "2016-11-12"));
        // the window: 97 is 1997, an ambiguous order is no day
        assert_eq!(
            short_year_date("Stand: 3.2.97", SlashOrder::Unknown).map(|f| f.date.year()),
            Some(1997)
        );
        assert!(short_year_date("Posted 5/6/20", SlashOrder::Unknown).is_none());
        assert!(short_year_date("Posted 5/6/2020", SlashOrder::DayFirst).is_none());
    }

    #[test]
    fn a_utc_timestamp_takes_the_local_day_of_the_same_moment() {
        // 02:11 UTC on the 9th is 21:11 on the 8th in Boston.
        let html = format!(
            r#"<head><meta property="article:published_time" content="2023-11-09T02:11:03+00:00"></head><body><article><h1>Two people stabbed in Roxbury overnight</h1><time itemprop="datePublished" datetime="2023-11-08T21:11:03-05:00">November 8, 2023</time>{ARTICLE}</article></body>"#
        );
        assert_eq!(page_date(&html, None).value, "2023-11-08");
        // Without a local statement of the moment, the UTC day stands.
        let html = format!(
            r#"<head><meta property="article:published_time" content="2023-11-09T02:11:03+00:00"></head><body><article><h1>Two people stabbed in Roxbury overnight</h1>{ARTICLE}</article></body>"#
        );
        assert_eq!(page_date(&html, None).value, "2023-11-09");
    }

    #[test]
    fn a_labelled_date_beats_a_generic_meta_date() {
        let html = format!(
            r#"<head><meta name="date" content="2021-10-15"></head><body><article><h1>New president elected by the assembly</h1><span>Erschienen am:</span><h2>13.10.2021</h2>{ARTICLE}</article></body>"#
        );
        let p = page_date(&html, None);
        assert_eq!((p.value.as_str(), p.basis), ("2021-10-13", DateBasis::Text));
        // A specific publication property is not generic: a later visible date
        // (an update) does not move it; an earlier one beside the headline
        // (the first publication) does.
        let specific = html.replace(r#"name="date""#, r#"property="article:published_time""#);
        assert_eq!(
            page_date(&specific.replace("13.10.2021", "17.10.2021"), None).value,
            "2021-10-15"
        );
        assert_eq!(page_date(&specific, None).value, "2021-10-13");
    }

    #[test]
    fn a_page_redated_beside_its_headline_shows_its_modification_day() {
        let html = format!(
            r#"<head><script type="application/ld+json">{{"datePublished":"2021-03-16T10:00:00+01:00","dateModified":"2021-03-20T09:00:00+01:00"}}</script></head><body><article><h1>Lockdown extended by four more weeks</h1><span class="date">20.03.2021</span>{ARTICLE}</article></body>"#
        );
        assert_eq!(page_date(&html, None).value, "2021-03-20");
        // Labelled as an update, the day stays an update.
        let updated = html.replace(
            r#"<span class="date">20.03.2021</span>"#,
            r#"<span class="date">Updated 20.03.2021</span>"#,
        );
        assert_eq!(page_date(&updated, None).value, "2021-03-16");
    }

    #[test]
    fn dates_in_lists_of_other_stories_do_not_count() {
        let html = format!(
            r#"<body><article><h1>New president elected by the assembly</h1>{ARTICLE}</article><ul class="latest"><li><span class="date">01.02.2022</span> Other story</li><li><span class="date">31.01.2022</span> Another story</li></ul></body>"#
        );
        let doc = beacon_extract::html_document(&html, Some("https://x.org/2022/02/03/story"));
        let (mut a, page) = beacon_extract::extract_parsed(&doc).unwrap();
        date_parsed_article(&doc, &mut a, page.as_ref());
        assert_eq!(a.published.unwrap().value, "2022-02-03");
    }

    #[test]
    fn a_sites_own_key_and_the_description_are_last_resorts() {
        let html = format!(
            r#"<head><meta property="photos:uploaded" content="2013-02-16T04:36:36-05:00"></head><body><article><h1>Spring in the mountains, a photograph</h1>{ARTICLE}</article></body>"#
        );
        assert_eq!(page_date(&html, None).value, "2013-02-16");
        let html = format!(
            r#"<head><meta name="description" content="Bears: a record year (news of 14 gennaio 2020)"></head><body><article><h1>Bears: a record year in the park</h1>{ARTICLE}</article></body>"#
        );
        let p = page_date(&html, None);
        assert_eq!(p.value, "2020-01-14");
        assert!(p.confidence <= 0.2);
    }

    #[test]
    fn a_scrape_without_a_dateline_is_dated_by_the_latest_day_it_reports() {
        let text = "Council agrees budget after a long debate\n\nThe council first met on 3 March 2015 to discuss the budget for the coming year, and agreed on most points.\n\nThe final vote was held on 28 October 2015, after the committee had reported on the costs of the plan.\n";
        let p = scrape(text, None).published.unwrap();
        assert_eq!((p.value.as_str(), p.basis), ("2015-10-28", DateBasis::Text));
        assert!(p.confidence < 0.2);
    }
}
