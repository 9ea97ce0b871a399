//! RSS 2.0, RSS 1.0 (RDF) and Atom files: each item becomes a document, with
//! its full content where the feed carries it (`content:encoded`, Atom
//! `content`), else its summary.

use beacon_model::{Given, Payload, Reason};

use crate::{Item, Raw};

pub(crate) fn read(bytes: &[u8], name: &str, sink: &mut dyn FnMut(Item)) {
    let feed = match feed_rs::parser::parse(bytes) {
        Ok(f) => f,
        Err(e) => {
            sink(Item::Rejected(crate::reject(
                name,
                Reason::Malformed,
                format!("not a readable RSS or Atom feed: {e}"),
            )));
            return;
        }
    };
    let feed_title = feed.title.as_ref().map(|t| t.content.trim().to_owned());
    let feed_language = feed.language.clone().filter(|l| !l.trim().is_empty());
    for (i, entry) in feed.entries.iter().enumerate() {
        let origin = format!("{name}#item-{}", i + 1);
        let url = entry
            .links
            .iter()
            .find(|l| l.rel.as_deref().is_none_or(|r| r == "alternate"))
            .or(entry.links.first())
            .map(|l| l.href.clone());
        let content = entry
            .content
            .as_ref()
            .and_then(|c| c.body.clone())
            .filter(|b| !b.trim().is_empty())
            .or_else(|| entry.summary.as_ref().map(|s| s.content.clone()))
            .filter(|b| !b.trim().is_empty());
        let Some(body) = content else {
            sink(Item::Rejected(crate::reject(
                origin,
                Reason::Empty,
                "the feed item carries no content, only a link",
            )));
            continue;
        };
        let source = feed_title
            .clone()
            .filter(|t| !t.is_empty())
            .or_else(|| url.as_deref().and_then(crate::host).map(str::to_owned));
        let given = Given {
            title: entry.title.as_ref().map(|t| t.content.trim().to_owned()),
            published: entry.published.or(entry.updated).map(|d| d.to_rfc3339()),
            byline: Some(
                entry
                    .authors
                    .iter()
                    .filter_map(|a| a.name.as_deref().map(str::trim))
                    .filter(|n| !n.is_empty())
                    .collect::<Vec<_>>()
                    .join(", "),
            )
            .filter(|s| !s.is_empty()),
            language: feed_language.clone(),
        };
        sink(crate::document(Raw {
            origin,
            url,
            source,
            fetched_at: None,
            payload: Payload::Html,
            declared_charset: Some("utf-8".into()),
            given,
            body: body.into_bytes(),
        }));
    }
}

/// An item a feed lists: its link, and what the feed says of it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FeedLink {
    /// The item's page.
    pub url: String,
    /// Its title.
    pub title: Option<String>,
    /// When it was published (or updated), RFC 3339.
    pub published: Option<String>,
}

/// The links of a feed's items (RSS 2.0, RSS 1.0, Atom, JSON Feed), in the
/// feed's order, at most `max` of them; with how many items it lists. An
/// item without a link is left out.
pub fn links(bytes: &[u8], max: usize) -> Result<(Vec<FeedLink>, usize), String> {
    let feed = feed_rs::parser::parse(bytes).map_err(|e| e.to_string())?;
    let total = feed.entries.len();
    let out = feed
        .entries
        .iter()
        .filter_map(|entry| {
            let link = entry
                .links
                .iter()
                .find(|l| l.rel.as_deref().is_none_or(|r| r == "alternate"))
                .or(entry.links.first())?;
            Some(FeedLink {
                url: link.href.trim().to_owned(),
                title: entry.title.as_ref().map(|t| t.content.trim().to_owned()),
                published: entry.published.or(entry.updated).map(|d| d.to_rfc3339()),
            })
        })
        .take(max)
        .collect();
    Ok((out, total))
}
