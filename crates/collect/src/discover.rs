//! The links a source lists: a feed's items (read by the ingest stage's feed
//! reader), a sitemap's URLs (plain or news; an index lists more sitemaps),
//! a section page's `<a href>` links.

use beacon_model::Source;
use quick_xml::events::Event;
use url::Url;

/// A link a source lists, canonical.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Link {
    /// The page.
    pub url: String,
    /// When the source says it was published (RFC 3339 or as given).
    pub published: Option<String>,
}

/// What a source's answer lists.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Listing {
    /// Article pages, in the source's order, at most the limit asked.
    pub links: Vec<Link>,
    /// Sitemaps a sitemap index lists.
    pub sitemaps: Vec<String>,
    /// How many items the answer held (beyond the limit too).
    pub items: usize,
}

/// The pages a feed lists.
pub fn feed(bytes: &[u8], base: &Url, max: usize) -> Result<Listing, String> {
    let (links, items) = beacon_ingest::feed_links(bytes, max)?;
    Ok(Listing {
        links: links
            .into_iter()
            .filter_map(|l| {
                Some(Link {
                    url: crate::canon::canonical(Some(base), &l.url)?,
                    published: l.published,
                })
            })
            .collect(),
        sitemaps: Vec::new(),
        items,
    })
}

/// The pages a sitemap lists (`<url><loc>`, with `<news:publication_date>`
/// or `<lastmod>`), or the sitemaps an index lists (`<sitemap><loc>`).
pub fn sitemap(bytes: &[u8], base: &Url, max: usize) -> Result<Listing, String> {
    let mut reader = quick_xml::Reader::from_reader(bytes);
    let mut buf = Vec::new();
    let mut out = Listing::default();
    let mut path: Vec<String> = Vec::new();
    let (mut text, mut loc, mut date) = (String::new(), None::<String>, None::<String>);
    loop {
        let event = reader.read_event_into(&mut buf).map_err(|e| {
            format!(
                "not a readable sitemap (XML error at byte {}: {e})",
                reader.error_position()
            )
        })?;
        match event {
            Event::Start(e) => {
                let name = e.local_name().as_ref().to_ascii_lowercase();
                if path.is_empty() && out.items == 0 && name != "urlset" && name != "sitemapindex" {
                    return Err(format!(
                        "not a sitemap: its root element is <{name}>, not <urlset> or <sitemapindex>"
                    ));
                }
                path.push(name);
                text.clear();
            }
            Event::Text(t) => text.push_str(&t.xml10_content()),
            Event::CData(c) => text.push_str(&c),
            Event::GeneralRef(r) => {
                let c = match r.resolve_char_ref() {
                    Ok(Some(c)) => Some(c),
                    _ => match &*r {
                        "amp" => Some('&'),
                        "lt" => Some('<'),
                        "gt" => Some('>'),
                        "quot" => Some('"'),
                        "apos" => Some('\''),
                        _ => None,
                    },
                };
                text.extend(c);
            }
            Event::End(_) => {
                let name = path.pop().unwrap_or_default();
                match name.as_str() {
                    "loc" => loc = Some(text.trim().to_owned()),
                    "publication_date" => date = Some(text.trim().to_owned()),
                    "lastmod" if date.is_none() => date = Some(text.trim().to_owned()),
                    "url" | "sitemap" => {
                        out.items += 1;
                        let url = loc
                            .take()
                            .and_then(|l| crate::canon::canonical(Some(base), &l));
                        let published = date.take();
                        match (url, name.as_str()) {
                            (Some(url), "url") if out.links.len() < max => {
                                out.links.push(Link { url, published });
                            }
                            (Some(url), "sitemap") if out.sitemaps.len() < max => {
                                out.sitemaps.push(url);
                            }
                            _ => {}
                        }
                    }
                    _ => {}
                }
                text.clear();
            }
            Event::Eof => break,
            _ => {}
        }
        buf.clear();
    }
    if path.is_empty() && out.items == 0 && !reader_saw_root(bytes) {
        return Err("not a sitemap: no XML element".into());
    }
    Ok(out)
}

/// Whether the bytes hold an element at all.
fn reader_saw_root(bytes: &[u8]) -> bool {
    let text = String::from_utf8_lossy(&bytes[..bytes.len().min(4096)]).to_ascii_lowercase();
    text.contains("<urlset") || text.contains("<sitemapindex")
}

/// The links of an HTML page that `follow` keeps (canonical, each once, in
/// page order).
pub fn page(html: &str, base: &Url, max: usize, follow: impl Fn(&str) -> bool) -> Listing {
    let lower = html.to_ascii_lowercase();
    let mut out = Listing::default();
    let mut seen = std::collections::HashSet::new();
    let mut at = 0;
    while let Some(i) = lower[at..].find("<a") {
        let start = at + i + 2;
        at = start;
        if !lower[start..].starts_with(|c: char| c.is_ascii_whitespace()) {
            continue;
        }
        let end = lower[start..].find('>').map_or(lower.len(), |e| start + e);
        at = end;
        let Some(href) = attribute(&html[start..end], &lower[start..end], "href") else {
            continue;
        };
        out.items += 1;
        let decoded = href.replace("&amp;", "&");
        if let Some(url) = crate::canon::canonical(Some(base), &decoded)
            && follow(&url)
            && out.links.len() < max
            && seen.insert(url.clone())
        {
            out.links.push(Link {
                url,
                published: None,
            });
        }
    }
    out
}

/// Whether `url` is a link a page source follows: its pattern (`*` any run
/// of characters), or without one, a link to the page's own host other
/// than the page itself.
pub fn follows(source: &Source, url: &str) -> bool {
    match &source.pattern {
        Some(p) => glob(p.trim(), url),
        None => {
            let host = |u: &str| Url::parse(u).ok()?.host_str().map(str::to_owned);
            host(url).is_some_and(|h| Some(h) == host(&source.url)) && url != source.url
        }
    }
}

/// Whether `text` matches `pattern`, where `*` stands for any run of
/// characters and everything else for itself.
fn glob(pattern: &str, text: &str) -> bool {
    let parts: Vec<&str> = pattern.split('*').collect();
    let [first, middle @ .., last] = parts.as_slice() else {
        return pattern == text;
    };
    let Some(mut rest) = text.strip_prefix(first) else {
        return false;
    };
    for p in middle {
        match rest.find(p) {
            Some(i) => rest = &rest[i + p.len()..],
            None => return false,
        }
    }
    rest.len() >= last.len() && rest.ends_with(last)
}

/// An attribute's value in a tag's inside (`lower` is it lower-cased).
fn attribute<'a>(tag: &'a str, lower: &str, name: &str) -> Option<&'a str> {
    let mut from = 0;
    while let Some(i) = lower[from..].find(name) {
        let k = from + i;
        from = k + name.len();
        let before_ok = k == 0 || lower.as_bytes()[k - 1].is_ascii_whitespace();
        let rest = lower[from..].trim_start();
        if !before_ok || !rest.starts_with('=') {
            continue;
        }
        let value_at = lower.len() - rest.len() + 1;
        let v = tag[value_at..].trim_start();
        return match v.chars().next() {
            Some(q @ ('"' | '\'')) => v[1..].split(q).next(),
            Some(_) => v.split(|c: char| c.is_ascii_whitespace()).next(),
            None => None,
        };
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn base() -> Url {
        Url::parse("https://x.org/news/").expect("a URL")
    }

    #[test]
    fn sitemaps_list_pages_or_sitemaps() {
        let news = br#"<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">
 <url><loc>https://x.org/news/a?utm_source=s</loc>
  <news:news><news:publication_date>2026-12-01T08:00:00Z</news:publication_date><news:title>A</news:title></news:news></url>
 <url><loc><![CDATA[https://x.org/news/b]]></loc><lastmod>2026-12-02</lastmod></url>
</urlset>"#;
        let l = sitemap(news, &base(), 10).expect("a sitemap");
        assert_eq!(l.items, 2);
        assert_eq!(l.links[0].url, "https://x.org/news/a");
        assert_eq!(
            l.links[0].published.as_deref(),
            Some("2026-12-01T08:00:00Z")
        );
        assert_eq!(l.links[1].url, "https://x.org/news/b");
        assert_eq!(l.links[1].published.as_deref(), Some("2026-12-02"));
        let index = br#"<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><sitemap><loc>https://x.org/s1.xml</loc></sitemap></sitemapindex>"#;
        let l = sitemap(index, &base(), 10).expect("an index");
        assert_eq!(l.sitemaps, vec!["https://x.org/s1.xml".to_owned()]);
        assert!(sitemap(b"<html><body>hi</body></html>", &base(), 10).is_err());
        assert!(sitemap(b"", &base(), 10).is_err());
        assert_eq!(sitemap(news, &base(), 1).expect("a sitemap").links.len(), 1);
    }

    #[test]
    fn json_feeds_and_atom_list_their_items() {
        let json = br#"{"version": "https://jsonfeed.org/version/1.1", "title": "T",
            "items": [{"id": "1", "url": "https://x.org/news/j1", "date_published": "2026-12-07T08:00:00Z"},
                      {"id": "2", "url": "/news/j2?utm_campaign=c"}]}"#;
        let l = feed(json, &base(), 10).expect("a JSON Feed");
        let urls: Vec<&str> = l.links.iter().map(|l| l.url.as_str()).collect();
        assert_eq!(urls, ["https://x.org/news/j1", "https://x.org/news/j2"]);
        let atom = br#"<feed xmlns="http://www.w3.org/2005/Atom"><title>T</title><id>x</id><updated>2026-12-07T08:00:00Z</updated>
            <entry><title>A</title><id>a</id><updated>2026-12-07T08:00:00Z</updated><link href="https://x.org/a"/></entry></feed>"#;
        assert_eq!(
            feed(atom, &base(), 10).expect("Atom").links[0].url,
            "https://x.org/a"
        );
        assert!(feed(b"<html><body>no</body></html>", &base(), 10).is_err());
    }

    #[test]
    fn pages_follow_their_pattern_or_their_site() {
        let mut s = Source::new("X", "https://x.org/news", beacon_model::SourceKind::Page);
        assert!(follows(&s, "https://x.org/news/2026/a-story"));
        assert!(follows(&s, "https://X.org:443/about"));
        assert!(!follows(&s, "https://y.org/news/a"));
        assert!(!follows(&s, "https://x.org/news"));
        s.pattern = Some("https://x.org/news/*/*".into());
        assert!(follows(&s, "https://x.org/news/2026/a-story"));
        assert!(!follows(&s, "https://x.org/about"));
        assert!(!follows(&s, "https://x.org/news/a"));
        s.pattern = Some("*.html".into());
        assert!(follows(&s, "https://z.org/a.html"));
        assert!(!follows(&s, "https://z.org/a.htm"));
    }

    #[test]
    fn pages_list_the_links_they_follow() {
        let html = r#"<html><body><a href="/news/2026/a">A</a> <A HREF='b?x=1&amp;utm_medium=m'>B</A>
            <a class="x" href=/news/2026/a#top>again</a><a href="mailto:x@x.org">m</a><abbr>no</abbr>
            <a href="https://y.org/news/c">elsewhere</a></body></html>"#;
        let l = page(html, &base(), 10, |u| u.starts_with("https://x.org/"));
        let urls: Vec<&str> = l.links.iter().map(|l| l.url.as_str()).collect();
        assert_eq!(
            urls,
            ["https://x.org/news/2026/a", "https://x.org/news/b?x=1"]
        );
        assert_eq!(l.items, 5);
    }
}
