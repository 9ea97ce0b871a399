//! Plain-text scrapes: a page's visible text with its chrome, cleaned line by line.
//!
//! A scrape has no markup, so the cues are the lines themselves:
//! - **prose** lines (long, several words, sentence punctuation) make up articles
//!   and reader comments; short lines are headers, menus, bylines, labels;
//! - **markers** end the article: a related-articles or comments heading
//!   ("More articles", "Leave a reply", "3 comments"), a comment form ("Please
//!   enter your comment!", captcha notices); advertisement labels are dropped
//!   wherever they stand;
//! - a prose line that opens with a name printed just above it on its own
//!   ("Khaama Press" / "Khaama Press is a Kabul-based …") is an author or
//!   publisher box, not the article's first sentence; when what it says the
//!   name is ends in a news outlet's noun ("… news organization", "… daily
//!   newspaper"), the name is the site's;
//! - after the article, prose chunks (blank-line separated, or numbered) that
//!   precede a comment form or follow a comments heading are reader comments.

use beacon_model::BlockKind;

use crate::html::Block;

/// What the cleaner found.
#[derive(Debug, Default)]
pub struct Cleaned {
    /// The headline, when the header has one.
    pub title: Option<String>,
    /// The article's blocks.
    pub blocks: Vec<Block>,
    /// Reader comments.
    pub comments: Vec<String>,
    /// Lines removed as chrome.
    pub boilerplate: Vec<String>,
    /// The site, when the scrape names it: the name of a publisher box
    /// ("Khaama Press" / "Khaama Press is a Kabul-based … news
    /// organization …").
    pub site: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Prose,
    Short,
    /// "Advertisement": removed wherever it stands.
    Ad,
    /// A heading that ends the article (related articles, comments).
    End {
        comments: bool,
    },
    /// A comment form or captcha notice.
    Form,
}

#[derive(Debug)]
struct Line {
    text: String,
    kind: Kind,
    /// Index of the blank-line-separated chunk it belongs to.
    chunk: usize,
}

fn letters_only(s: &str) -> String {
    s.chars()
        .filter(|c| c.is_alphanumeric() || c.is_whitespace())
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

const AD_LINES: &[&str] = &[
    "advertisement",
    "advertisements",
    "sponsored",
    "ad",
    "anzeige",
    "werbung",
    "publicité",
    "publicidad",
    "pubblicità",
    "реклама",
    "iklan",
    "reklama",
    "advert",
    "إعلان",
    "تبلیغات",
    "广告",
];

const END_LINES: &[&str] = &[
    "more articles",
    "more stories",
    "more news",
    "related articles",
    "related posts",
    "related stories",
    "related news",
    "related",
    "read more",
    "read next",
    "recommended",
    "recommended for you",
    "you may also like",
    "you might also like",
    "most popular",
    "most read",
    "trending",
    "latest news",
    "also read",
    "popular posts",
    "share this",
    "share this article",
    "tags",
];

const COMMENT_HEADINGS: &[&str] = &[
    "comments",
    "comment",
    "leave a reply",
    "leave a comment",
    "post a comment",
    "reader comments",
    "discussion",
    "join the discussion",
    "responses",
];

const FORM_PREFIXES: &[&str] = &[
    "please enter your",
    "your email address will not be published",
    "save my name",
    "captcha",
    "post comment",
    "submit comment",
    "cancel reply",
    "you must be logged in",
    "notify me of",
    "required fields are marked",
];

fn classify(text: &str) -> Kind {
    let l = letters_only(text);
    if AD_LINES.contains(&l.as_str()) {
        return Kind::Ad;
    }
    if COMMENT_HEADINGS.contains(&l.as_str()) || is_comment_count(&l) {
        return Kind::End { comments: true };
    }
    if END_LINES.contains(&l.as_str()) {
        return Kind::End { comments: false };
    }
    if FORM_PREFIXES.iter().any(|p| l.starts_with(p)) || l.contains("captcha") {
        return Kind::Form;
    }
    if is_prose(text) {
        Kind::Prose
    } else {
        Kind::Short
    }
}

/// "12 comments", "3 responses to …".
fn is_comment_count(l: &str) -> bool {
    let mut w = l.split_whitespace();
    let (Some(n), Some(what)) = (w.next(), w.next()) else {
        return false;
    };
    n.chars().all(|c| c.is_ascii_digit())
        && (what.starts_with("comment") || what.starts_with("response") || what.starts_with("repl"))
        && l.split_whitespace().count() <= 6
}

fn is_prose(t: &str) -> bool {
    let words = t.split_whitespace().count();
    let chars = t.chars().count();
    // Headlines are long but unpunctuated at the end; prose ends its sentences,
    // or runs on long enough (a paragraph cut short by the scrape).
    (words >= 6 && chars >= 30 && ends_sentence(t))
        || (chars >= 120 && words >= 15 && t.contains(['.', '!', '?', ',', ';', '。', '،']))
}

fn ends_sentence(t: &str) -> bool {
    t.trim_end()
        .ends_with(['.', '!', '?', '"', '\u{201d}', '。'])
}

/// A line that is only a date ("Monday, June 17, 2024").
fn is_dateish(t: &str) -> bool {
    let l = t.to_lowercase();
    crate::html::is_dateline(l.trim_matches(|c: char| !c.is_alphanumeric()))
}

/// Is `line` a list item? Returns (ordered, text without the marker).
fn list_marker(line: &str) -> Option<(bool, &str)> {
    let t = line.trim_start();
    for m in ["- ", "• ", "* ", "– "] {
        if let Some(rest) = t.strip_prefix(m) {
            return Some((false, rest.trim()));
        }
    }
    let digits = t.chars().take_while(char::is_ascii_digit).count();
    if (1..=3).contains(&digits) {
        let rest = &t[digits..];
        if let Some(r) = rest.strip_prefix(". ").or(rest.strip_prefix(") ")) {
            return Some((true, r.trim()));
        }
    }
    None
}

/// Cleans a plain-text scrape.
pub fn clean(input: &str) -> Cleaned {
    let mut lines = Vec::new();
    let mut chunk = 0;
    let mut blank = true;
    for raw in input.lines() {
        let text = raw.split_whitespace().collect::<Vec<_>>().join(" ");
        if text.is_empty() {
            if !blank {
                chunk += 1;
            }
            blank = true;
            continue;
        }
        // A numbered item starts a new chunk even without a blank line.
        if !blank && list_marker(raw).is_some_and(|(o, _)| o) && raw.starts_with(' ') {
            chunk += 1;
        }
        blank = false;
        lines.push(Line {
            kind: classify(&text),
            text,
            chunk,
        });
    }
    let mut out = Cleaned::default();
    if lines.is_empty() {
        return out;
    }

    // The first prose line that is not an author/publisher box.
    let is_bio = |i: usize| bio(&lines, i).is_some();
    let Some(start) = (0..lines.len()).find(|&i| lines[i].kind == Kind::Prose && !is_bio(i)) else {
        // No prose at all: keep the non-marker lines as they are.
        for l in &lines {
            match l.kind {
                Kind::Prose | Kind::Short => out.blocks.push(block(&l.text)),
                _ => out.boilerplate.push(l.text.to_owned()),
            }
        }
        return out;
    };
    // The article ends at the last prose line before the first end marker or form.
    let stop = (start..lines.len())
        .find(|&i| matches!(lines[i].kind, Kind::End { .. } | Kind::Form))
        .unwrap_or(lines.len());
    let end = (start..stop)
        .rev()
        .find(|&i| lines[i].kind == Kind::Prose)
        .unwrap_or(start);

    // Title: the first headline-like line of the header.
    out.title = lines[..start]
        .iter()
        .find(|l| {
            let w = l.text.split_whitespace().count();
            l.kind == Kind::Short
                && (4..=25).contains(&w)
                && !is_dateish(&l.text)
                && !ends_sentence(&l.text)
        })
        .map(|l| l.text.to_owned());

    out.site = (0..start).find_map(|i| {
        let (name, rest) = bio(&lines, i)?;
        names_an_outlet(rest).then(|| name.to_owned())
    });
    for l in &lines[..start] {
        out.boilerplate.push(l.text.to_owned());
    }
    for (i, l) in lines.iter().enumerate().take(end + 1).skip(start) {
        if l.kind != Kind::Prose && l.kind != Kind::Short {
            out.boilerplate.push(l.text.to_owned());
            continue;
        }
        if l.kind == Kind::Short && i > start && i < end && is_heading(&l.text) {
            out.blocks.push(Block {
                kind: BlockKind::Heading,
                level: Some(2),
                ordered: false,
                text: l.text.to_owned(),
            });
        } else {
            out.blocks.push(block(&l.text));
        }
    }

    // After the article: comments (before a form, or after a comments heading) and chrome.
    let rest = &lines[end + 1..];
    let form_at = rest.iter().rposition(|l| l.kind == Kind::Form);
    let mut in_comments = false;
    let mut i = 0;
    while i < rest.len() {
        let l = &rest[i];
        if let Kind::End { comments } = l.kind {
            in_comments |= comments;
            out.boilerplate.push(l.text.to_owned());
            i += 1;
            continue;
        }
        let c = l.chunk;
        let j = rest[i..]
            .iter()
            .position(|x| x.chunk != c)
            .map_or(rest.len(), |k| i + k);
        let chunk = &rest[i..j];
        let has_prose = chunk.iter().any(|x| x.kind == Kind::Prose);
        let before_form = form_at.is_some_and(|f| f >= j);
        let is_marker = chunk
            .iter()
            .all(|x| x.kind != Kind::Prose && x.kind != Kind::Short);
        if has_prose && (in_comments || before_form) && !is_marker {
            let text = chunk
                .iter()
                .map(|x| list_marker(&x.text).map_or(x.text.as_str(), |(_, t)| t))
                .collect::<Vec<_>>()
                .join("\n");
            out.comments.push(text);
        } else {
            out.boilerplate
                .extend(chunk.iter().map(|x| x.text.to_owned()));
        }
        i = j;
    }
    out
}

/// Whether prose line `i` is an author or publisher box: it opens with a
/// name printed on its own just above it ("Jane Roe" / "Jane Roe is a
/// reporter …"). The name, and what the line says of it.
fn bio(lines: &[Line], i: usize) -> Option<(&str, &str)> {
    let t = &lines[i].text;
    lines[i.saturating_sub(5)..i].iter().find_map(|prev| {
        if prev.kind != Kind::Short
            || prev.text.chars().count() < 3
            || prev.text.split_whitespace().count() > 5
        {
            return None;
        }
        let r = t.strip_prefix(prev.text.as_str())?.trim_start();
        (r.starts_with("is ")
            || r.starts_with("was ")
            || r.starts_with("has ")
            || r.starts_with(','))
        .then_some((prev.text.as_str(), r))
    })
}

/// Nouns that say what a news outlet is.
const OUTLET_HEADS: &[&str] = &[
    "agency",
    "broadcaster",
    "channel",
    "daily",
    "gazette",
    "journal",
    "magazine",
    "media",
    "network",
    "news",
    "newspaper",
    "organisation",
    "organization",
    "outlet",
    "paper",
    "portal",
    "publication",
    "publisher",
    "service",
    "site",
    "station",
    "tabloid",
    "website",
    "weekly",
    "wire",
];

/// Words that end the noun phrase of "X is a … <noun>": what follows
/// qualifies it.
const PHRASE_ENDS: &[&str] = &[
    "who",
    "that",
    "which",
    "whose",
    "since",
    "for",
    "in",
    "at",
    "with",
    "from",
    "of",
    "by",
    "established",
    "founded",
    "launched",
    "owned",
    "run",
    "covering",
    "based",
];

/// Whether "is a Kabul-based independent … news organization established
/// in 2010" says its subject is a news outlet: the head of the noun phrase
/// after "is a/an/the" is an outlet's noun (not "a reporter who …", not "a
/// correspondent for the agency").
fn names_an_outlet(said: &str) -> bool {
    let mut words = said.split_whitespace();
    if words.next() != Some("is") {
        return false;
    }
    let mut head = None;
    for (k, w) in words.enumerate() {
        let bare = w
            .trim_matches(|c: char| !c.is_alphanumeric())
            .to_lowercase();
        if k == 0 && matches!(bare.as_str(), "a" | "an" | "the") {
            continue;
        }
        if k > 10 || PHRASE_ENDS.contains(&bare.as_str()) {
            break;
        }
        head = Some(bare);
        if w.ends_with([',', '.', ';', ':']) {
            break;
        }
    }
    head.is_some_and(|h| OUTLET_HEADS.contains(&h.as_str()))
}

fn is_heading(t: &str) -> bool {
    let w = t.split_whitespace().count();
    (1..=12).contains(&w) && !ends_sentence(t) && !t.ends_with(',') && list_marker(t).is_none()
}

fn block(text: &str) -> Block {
    match list_marker(text) {
        Some((ordered, rest)) if !rest.is_empty() => Block {
            kind: BlockKind::ListItem,
            level: Some(1),
            ordered,
            text: rest.to_owned(),
        },
        _ => Block {
            kind: BlockKind::Paragraph,
            level: None,
            ordered: false,
            text: text.to_owned(),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn header_bio_ads_and_comments() {
        let s = "Monday, June 17, 2024\n\nBorder talks resume in the north\n\nWorld\n\nJane Roe\nJane Roe is a reporter who has covered the region for the agency since 2010.\n\n\
                 The two delegations met on Tuesday in the capital to resume talks on the disputed border crossing.\n\n\
                 - Advertisement -\n\nOfficials said the next round would take place in the spring, after the elections.\n\n\
                 - Advertisement -\n\nMore articles\n\n  1. I think this is a very good development and the talks should go on for a long time.\n    12th May 2015.\n\n\
                 Please enter your comment!\nCaptcha verification failed!\n";
        let c = clean(s);
        let texts: Vec<&str> = c.blocks.iter().map(|b| b.text.as_str()).collect();
        assert_eq!(
            texts,
            [
                "The two delegations met on Tuesday in the capital to resume talks on the disputed border crossing.",
                "Officials said the next round would take place in the spring, after the elections."
            ]
        );
        assert_eq!(c.title.as_deref(), Some("Border talks resume in the north"));
        assert_eq!(c.comments.len(), 1);
        assert!(c.comments[0].starts_with("I think this is"));
        assert!(c.comments[0].ends_with("12th May 2015."));
        assert!(c.boilerplate.iter().any(|b| b.contains("Captcha")));
        // a reporter's box names no site
        assert_eq!(c.site, None);
    }

    #[test]
    fn a_publisher_box_names_the_site() {
        let page = |name: &str, said: &str| {
            format!(
                "Border talks resume in the north\n\n{name}\n{name} {said}\n\n\
                 The two delegations met on Tuesday in the capital to resume talks on the disputed border crossing.\n"
            )
        };
        for (said, outlet) in [
            (
                "is a Kabul-based independent and non-political news organization established in 2010.",
                true,
            ),
            (
                "is the country's largest daily newspaper, founded in 1921.",
                true,
            ),
            ("is an online magazine covering Central Asia.", true),
            (
                "is a reporter who has covered the region for the agency since 2010.",
                false,
            ),
            ("is a correspondent for the news agency in Dushanbe.", false),
            (
                "has reported from Kabul for a news agency since 2001.",
                false,
            ),
        ] {
            let c = clean(&page("Pamir Daily", said));
            assert_eq!(c.site.as_deref(), outlet.then_some("Pamir Daily"), "{said}");
            assert!(
                c.blocks[0].text.starts_with("The two delegations"),
                "{said}"
            );
        }
    }

    #[test]
    fn no_markers_keeps_the_prose() {
        let s = "Short header\n\nThe first paragraph of the article says something long enough to count as prose.\n\nThe second paragraph adds detail, quotes and figures for the reader.\n";
        let c = clean(s);
        assert_eq!(c.blocks.len(), 2);
    }
}
