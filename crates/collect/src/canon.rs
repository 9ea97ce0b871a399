//! One URL for one page: the form a link is kept and compared in, so that
//! an article reached by two links (with a fragment, with tracking
//! parameters, with the host in capitals or the default port) is fetched
//! once.

use url::Url;

/// Query parameters that say who sent a reader, never what page it is.
const TRACKING: [&str; 14] = [
    "fbclid",
    "gclid",
    "dclid",
    "gbraid",
    "wbraid",
    "msclkid",
    "yclid",
    "igshid",
    "mc_cid",
    "mc_eid",
    "_ga",
    "_gl",
    "oly_enc_id",
    "oly_anon_id",
];

/// The canonical form of an absolute http(s) URL, or of `link` read
/// against `base`: scheme and host lower-case, the default port, the
/// fragment, any user name and password, and tracking parameters (`utm_*`
/// and the [`TRACKING`] ones) dropped, an empty query removed. `None` for anything that is not an
/// http(s) URL.
pub fn canonical(base: Option<&Url>, link: &str) -> Option<String> {
    let link = link.trim();
    let mut url = match base {
        Some(b) => b.join(link).ok()?,
        None => Url::parse(link).ok()?,
    };
    if !matches!(url.scheme(), "http" | "https") || url.host_str().is_none_or(str::is_empty) {
        return None;
    }
    url.set_fragment(None);
    // credentials are never kept, logged or sent again
    let _ = url.set_username("");
    let _ = url.set_password(None);
    if url.query().is_some() {
        let kept: Vec<(String, String)> = url
            .query_pairs()
            .filter(|(k, _)| {
                let k = k.to_ascii_lowercase();
                !k.starts_with("utm_") && !TRACKING.contains(&k.as_str())
            })
            .map(|(k, v)| (k.into_owned(), v.into_owned()))
            .collect();
        if kept.is_empty() {
            url.set_query(None);
        } else {
            url.query_pairs_mut().clear().extend_pairs(kept);
        }
    }
    Some(url.into())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_page_one_url() {
        let same = [
            "https://Example.ORG:443/news/a?utm_source=x&utm_medium=rss#comments",
            "https://example.org/news/a",
            "https://example.org/news/a?fbclid=abc",
            " https://example.org/news/a# ",
            "https://reader:secret@example.org/news/a",
        ];
        for u in same {
            assert_eq!(
                canonical(None, u).as_deref(),
                Some("https://example.org/news/a"),
                "{u}"
            );
        }
        assert_eq!(
            canonical(None, "https://example.org/a?id=7&utm_campaign=z&page=2").as_deref(),
            Some("https://example.org/a?id=7&page=2")
        );
        let base = Url::parse("https://example.org/section/").ok();
        assert_eq!(
            canonical(base.as_ref(), "../news/b.html").as_deref(),
            Some("https://example.org/news/b.html")
        );
        for bad in [
            "mailto:a@b.org",
            "javascript:alert(1)",
            "ftp://x.org/a",
            "not a url",
        ] {
            assert_eq!(canonical(None, bad), None, "{bad}");
        }
    }
}
