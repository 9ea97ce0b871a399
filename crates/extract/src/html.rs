//! Main-content extraction from an HTML page.
//!
//! The page is parsed ([`crate::dom`]) and cut into *text blocks*: maximal runs
//! of inline content between block boundaries, each with its container
//! element, its length and how much of it is link text. Then:
//!
//! 1. **Junk** (scripts, styles, forms' controls, hidden elements) never makes
//!    a block. **Chrome** (navigation, menus, ads, share bars, related lists,
//!    cookie/newsletter notices, bylines, tags) is recognised by element names,
//!    ARIA roles and class/id vocabulary; **comment sections** likewise, and
//!    their text goes to `comments`. A chrome-named element that holds most of
//!    the page's prose is not removed: names lie more often than prose does.
//! 2. Each block gets a weight: prose (long, few links) counts for it; link
//!    lists, chrome and short fragments count against it.
//! 3. The **content root** is the element whose subtree has the largest total
//!    weight: it takes in every paragraph of an article split over several
//!    containers and leaves out sidebars, whose link lists weigh against them.
//! 4. The root's blocks, minus chrome and boilerplate lines, are the article,
//!    in reading order, with headings, lists, quotations and tables kept.

use std::collections::{HashMap, HashSet};
use std::sync::LazyLock;

use beacon_model::BlockKind;

use crate::dom::{self, Attr, Data, Dom, NONE, NodeId, Tag};

/// One block of output text.
#[derive(Debug, Clone, PartialEq)]
pub struct Block {
    /// What kind of block.
    pub kind: BlockKind,
    /// Heading level or list depth.
    pub level: Option<u8>,
    /// Whether a list item is in a numbered list.
    pub ordered: bool,
    /// The text (for tables: rows separated by newlines).
    pub text: String,
}

/// What extraction found in a page.
#[derive(Debug, Default)]
pub struct Page {
    /// The headline.
    pub title: Option<String>,
    /// The author line.
    pub byline: Option<String>,
    /// The `lang` of the page.
    pub lang: Option<String>,
    /// The canonical URL the page declares.
    pub canonical: Option<String>,
    /// The site's name (`og:site_name`).
    pub site_name: Option<String>,
    /// The page's own summary (`<meta name=description>`, `og:description`).
    pub description: Option<String>,
    /// The article's blocks.
    pub blocks: Vec<Block>,
    /// Reader comments.
    pub comments: Vec<String>,
    /// Text removed as chrome, in page order.
    pub boilerplate: Vec<String>,
    /// How deep the page tried to nest its elements.
    pub attempted_depth: usize,
}

/// How an element is treated.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Role {
    Normal,
    /// Never text: scripts, controls, hidden elements.
    Junk,
    /// Site chrome, by element name or ARIA role.
    Chrome,
    /// Site chrome by class or id vocabulary: weaker evidence, applied only
    /// inside the content root.
    Named,
    /// A reader-comment section.
    Comments,
    /// A cookie or consent banner, a modal, a pop-up.
    Overlay,
}

/// A run of inline text between block boundaries.
#[derive(Debug)]
struct TextBlock {
    /// The nearest block-level element containing it.
    container: NodeId,
    text: String,
    chars: usize,
    link_chars: usize,
    kind: BlockKind,
    level: Option<u8>,
    ordered: bool,
    /// Inside a table row: cells are joined.
    table: Option<NodeId>,
}

/// Extracts the main content of a page.
pub fn extract(html: &str) -> Page {
    extract_dom(&dom::parse(html))
}

/// Extracts the main content of a parsed page.
pub fn extract_dom(dom: &Dom) -> Page {
    let mut page = Page {
        attempted_depth: dom.attempted_depth,
        ..Page::default()
    };
    if dom.attempted_depth > dom::HOSTILE_DEPTH {
        return page; // rejected by the caller; no need to read it
    }
    metadata(dom, &mut page);
    let roles = roles(dom);
    let blocks = text_blocks(dom, &roles);
    if blocks.is_empty() {
        return page;
    }
    let title_norm = page.title.as_deref().map(normalise);

    let n = dom.nodes.len();
    let prose = prose_under(dom, &blocks);
    // Phase 1, the content root: only structural chrome (element names, ARIA
    // roles), overlays and comment sections count against a block; class names
    // are too often wrong about the element that holds the article.
    let page_chrome = chrome_within(dom, &roles, &prose, 0, STRUCTURAL_CHROME);
    let (root, weight) = content_root(dom, &blocks, &page_chrome, title_norm.as_deref());
    // The root's subtree membership, with the siblings that weigh for it (an
    // article cut in two by an advertisement block, a second text column).
    let mut inside = vec![false; n];
    let parent = dom.node(root).parent;
    let mut members = vec![root];
    let mut scope = root;
    if parent != NONE && root != 0 {
        members.extend(dom.children(parent).filter(|&s| {
            s != root
                && weight[s as usize]
                    >= (weight[root as usize] * SIBLING_SHARE).max(SIBLING_MIN_WEIGHT)
                && page_chrome[s as usize].is_none()
                && roles[s as usize] == Role::Normal
        }));
    }
    if members.len() > 1 {
        scope = parent;
    }
    for m in members {
        mark_subtree(dom, m, &mut inside);
    }
    // Phase 2, pruning inside the root: class and id names count too.
    let root_chrome = chrome_within(dom, &roles, &prose, scope, ALL_CHROME);
    // A lead (standfirst) often sits just above the body, in a sibling of the
    // root's container: prose before the root, within its grandparent, not in chrome.
    let mut lead_zone = vec![false; n];
    let mut up = root;
    for _ in 0..2 {
        if dom.node(up).parent != NONE {
            up = dom.node(up).parent;
        }
    }
    mark_subtree(dom, up, &mut lead_zone);
    let named = chrome_within(dom, &roles, &prose, up, ALL_CHROME);
    let mut seen_root = false;
    let effective = |b: &TextBlock| -> Option<(NodeId, Role)> {
        match page_chrome[b.container as usize] {
            Some(c) if c.1 == Role::Comments => Some(c),
            _ if inside[b.container as usize] => root_chrome[b.container as usize],
            other => other,
        }
    };

    let mut table_rows: Option<(NodeId, String)> = None;
    let flush_table = |rows: &mut Option<(NodeId, String)>, out: &mut Vec<Block>| {
        if let Some((_, t)) = rows.take() {
            out.push(Block {
                kind: BlockKind::Table,
                level: None,
                ordered: false,
                text: t,
            });
        }
    };
    for b in blocks {
        if let Some((_, Role::Comments)) = effective(&b) {
            if b.chars >= 2 {
                page.comments.push(b.text);
            }
            continue;
        }
        let lead = !inside[b.container as usize]
            && is_lead(&b)
            && lead_zone[b.container as usize]
            && named[b.container as usize].is_none()
            && !seen_root;
        seen_root |= inside[b.container as usize];
        let keep = (inside[b.container as usize] || lead)
            && effective(&b).is_none()
            && !is_boilerplate_line(&b, title_norm.as_deref());
        if !keep {
            if inside[b.container as usize] || b.chars >= 20 {
                page.boilerplate.push(b.text);
            }
            continue;
        }
        if let Some(table) = b.table {
            match &mut table_rows {
                Some((t, rows)) if *t == table => {
                    rows.push('\n');
                    rows.push_str(&b.text);
                }
                _ => {
                    flush_table(&mut table_rows, &mut page.blocks);
                    table_rows = Some((table, b.text));
                }
            }
            continue;
        }
        flush_table(&mut table_rows, &mut page.blocks);
        page.blocks.push(Block {
            kind: b.kind,
            level: b.level,
            ordered: b.ordered,
            text: b.text,
        });
    }
    flush_table(&mut table_rows, &mut page.blocks);
    cut_trailing_section(&mut page);
    // A heading with nothing after it introduces something that was removed.
    while page
        .blocks
        .last()
        .is_some_and(|b| b.kind == BlockKind::Heading)
    {
        if let Some(b) = page.blocks.pop() {
            page.boilerplate.push(b.text);
        }
    }
    page
}

/// The content root (phase 1): the element whose text blocks weigh most,
/// chrome counting against a block; on a page of little prose, short text
/// counts for it instead. Returns the root and each element's weight.
fn content_root(
    dom: &Dom,
    blocks: &[TextBlock],
    page_chrome: &[Option<(NodeId, Role)>],
    title_norm: Option<&str>,
) -> (NodeId, Vec<f64>) {
    let n = dom.nodes.len();
    let mut weight = vec![0f64; n];
    for b in blocks {
        let w = block_weight(b, page_chrome[b.container as usize].is_some(), title_norm);
        weight[b.container as usize] += w;
    }
    accumulate(dom, &mut weight);
    let mut chars = vec![0usize; n];
    for b in blocks {
        chars[b.container as usize] += b.chars;
    }
    accumulate(dom, &mut chars);
    let (mut root, best) = heaviest(dom, &weight, &chars);
    if best < LITTLE_PROSE {
        // Little or no prose (verse, lists, short lines): let short text count for, not against.
        let mut lenient = vec![0f64; n];
        for b in blocks {
            let w = if page_chrome[b.container as usize].is_some() || link_density(b) > NAV_LINKS {
                -(b.chars as f64)
            } else {
                b.chars as f64 * (1.0 - link_density(b))
            };
            lenient[b.container as usize] += w;
        }
        accumulate(dom, &mut lenient);
        root = heaviest(dom, &lenient, &chars).0;
    }
    (root, weight)
}

/// An outline of the page's elements with their roles and text weights, to
/// see why extraction chose what it chose.
pub fn debug_tree(html: &str, max_depth: usize) -> String {
    let dom = dom::parse(html);
    let roles = roles(&dom);
    let blocks = text_blocks(&dom, &roles);
    let prose = prose_under(&dom, &blocks);
    let chrome = chrome_within(&dom, &roles, &prose, 0, STRUCTURAL_CHROME);
    let mut weight = vec![0f64; dom.nodes.len()];
    let mut chars = vec![0usize; dom.nodes.len()];
    for b in &blocks {
        weight[b.container as usize] +=
            block_weight(b, chrome[b.container as usize].is_some(), None);
        chars[b.container as usize] += b.chars;
    }
    accumulate(&dom, &mut weight);
    accumulate(&dom, &mut chars);
    let mut out = String::new();
    for id in 0..dom.nodes.len() as NodeId {
        let node = dom.node(id);
        let Data::Element { tag, .. } = &node.data else {
            continue;
        };
        let mut depth = 0;
        let mut p = node.parent;
        while p != NONE {
            depth += 1;
            p = dom.node(p).parent;
        }
        if depth > max_depth || chars[id as usize] == 0 {
            continue;
        }
        out.push_str(&format!(
            "{}{:?} id={:?} class={:?} role={:?} chars={} weight={:.0}\n",
            "  ".repeat(depth),
            tag,
            dom.attr(node, Attr::Id).unwrap_or(""),
            dom.attr(node, Attr::Class).unwrap_or(""),
            roles[id as usize],
            chars[id as usize],
            weight[id as usize]
        ));
    }
    out
}

/// The element with the largest weight that has any text; on ties the deeper one.
fn heaviest(dom: &Dom, weight: &[f64], chars: &[usize]) -> (NodeId, f64) {
    let mut root = 0;
    let mut best = f64::MIN;
    for (id, &w) in weight.iter().enumerate() {
        if chars[id] == 0 {
            continue;
        }
        // Deeper nodes come later; on a tie the descendant wins.
        if w > best || (w == best && is_ancestor(dom, root, id as NodeId)) {
            best = w;
            root = id as NodeId;
        }
    }
    (root, best)
}

/// The chain of elements (with their roles) above the first text containing `needle`.
pub fn debug_locate(html: &str, needle: &str) -> String {
    let dom = dom::parse(html);
    let roles = roles(&dom);
    let mut out = String::new();
    for id in 0..dom.nodes.len() as NodeId {
        if let Data::Text(t) = &dom.node(id).data
            && t.contains(needle)
            && roles[dom.node(id).parent as usize] != Role::Junk
        {
            let mut p = dom.node(id).parent;
            while p != NONE && p != 0 {
                let node = dom.node(p);
                out.push_str(&format!(
                    "{:?} id={:?} class={:?} {:?}\n",
                    node.tag().unwrap_or(Tag::Other),
                    dom.attr(node, Attr::Id).unwrap_or(""),
                    dom.attr(node, Attr::Class).unwrap_or(""),
                    roles[p as usize]
                ));
                p = node.parent;
            }
            break;
        }
    }
    out
}

/// The chrome that counts when choosing the content root: not class names.
const STRUCTURAL_CHROME: &[Role] = &[Role::Chrome, Role::Overlay, Role::Comments];

/// Every kind of chrome, as pruning inside the content root reads it.
const ALL_CHROME: &[Role] = &[Role::Chrome, Role::Named, Role::Overlay, Role::Comments];

/// Sets `flags` for `root` and every node under it.
fn mark_subtree(dom: &Dom, root: NodeId, flags: &mut [bool]) {
    flags[root as usize] = true;
    for d in dom.descendants(root) {
        flags[d as usize] = true;
    }
}

fn is_ancestor(dom: &Dom, a: NodeId, mut b: NodeId) -> bool {
    while b != NONE {
        if b == a {
            return true;
        }
        b = dom.node(b).parent;
    }
    false
}

/// Adds each node's value into its ancestors (children have larger ids).
fn accumulate<T: Copy + std::ops::AddAssign>(dom: &Dom, v: &mut [T]) {
    for id in (1..dom.nodes.len()).rev() {
        let p = dom.nodes[id].parent;
        if p != NONE {
            let x = v[id];
            v[p as usize] += x;
        }
    }
}

// The tuning numbers of the content scorer, named once. Lengths count
// characters of a block's text; link shares are a block's characters inside
// links over all of them.

/// From this length a block is prose (a paragraph, not a label or a button).
const PROSE_CHARS: usize = 80;
/// Prose has at most this share of link text.
const PROSE_MAX_LINKS: f64 = 0.3;
/// An article's lead paragraph has at most this share of link text.
const LEAD_MAX_LINKS: f64 = 0.1;
/// Above this share of link text a block is navigation: it weighs against
/// its container.
const NAV_LINKS: f64 = 0.5;
/// A short heading's weight: enough to keep an article's headings with it.
const HEADING_WEIGHT: f64 = 2.0;
/// From this length a list item weighs, at this part of a paragraph's
/// weight per character.
const LIST_ITEM_CHARS: usize = 15;
const LIST_ITEM_FACTOR: f64 = 0.5;
/// From this length a short block that ends a sentence weighs, at this part
/// of a paragraph's weight per character.
const SHORT_SENTENCE_CHARS: usize = 25;
const SHORT_SENTENCE_FACTOR: f64 = 0.8;
/// What a fragment (a label, a date, a caption) costs per character.
const FRAGMENT_COST: f64 = 0.1;
/// A sibling of the content root joins it (an article cut in two by an
/// advertisement, a second column) when it weighs this share of the root,
/// and at least [`SIBLING_MIN_WEIGHT`].
const SIBLING_SHARE: f64 = 0.2;
const SIBLING_MIN_WEIGHT: f64 = 80.0;
/// Below this weight the heaviest container holds little prose (verse,
/// lists, short lines): short text then counts for it, not against.
const LITTLE_PROSE: f64 = 250.0;
/// A line shorter than [`LINK_LINE_CHARS`] with more link text than this
/// share (a list item's, another line's) is boilerplate wherever it stands.
const LINK_LIST_ITEM: f64 = 0.9;
const LINK_LINE: f64 = 0.6;
const LINK_LINE_CHARS: usize = 300;
/// Lines longer than this are never boilerplate by their words alone.
const BOILERPLATE_MAX_CHARS: usize = 200;

fn link_density(b: &TextBlock) -> f64 {
    if b.chars == 0 {
        0.0
    } else {
        b.link_chars as f64 / b.chars as f64
    }
}

fn is_prose(b: &TextBlock) -> bool {
    b.chars >= PROSE_CHARS && link_density(b) < PROSE_MAX_LINKS
}

fn block_weight(b: &TextBlock, chrome: bool, title: Option<&str>) -> f64 {
    let len = b.chars as f64;
    if chrome {
        return -len;
    }
    if b.kind == BlockKind::Heading && title.is_some_and(|t| normalise(&b.text) == t) {
        return 0.0;
    }
    let ld = link_density(b);
    if ld > NAV_LINKS {
        return -len;
    }
    if b.kind == BlockKind::Heading && b.chars < PROSE_CHARS {
        // Structure, not content: enough to keep an article's headings with it.
        return HEADING_WEIGHT;
    }
    if b.kind == BlockKind::ListItem && b.chars >= LIST_ITEM_CHARS {
        return len * LIST_ITEM_FACTOR * (1.0 - ld);
    }
    if b.chars >= PROSE_CHARS {
        len * (1.0 - ld)
    } else if b.chars >= SHORT_SENTENCE_CHARS && ends_sentence(&b.text) {
        len * SHORT_SENTENCE_FACTOR * (1.0 - ld)
    } else {
        -len * FRAGMENT_COST - 1.0
    }
}

/// Prose that could open an article: long, sentence-ended, almost no links.
fn is_lead(b: &TextBlock) -> bool {
    b.chars >= PROSE_CHARS && link_density(b) < LEAD_MAX_LINKS && ends_sentence(&b.text)
}

fn ends_sentence(t: &str) -> bool {
    t.trim_end().ends_with([
        '.', '!', '?', '"', '\u{201d}', '\u{2019}', ':', ')', '\u{3002}', '»',
    ])
}

/// Lower-case letters and digits only, for comparing titles.
fn normalise(s: &str) -> String {
    s.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// Lines that are boilerplate wherever they stand.
fn is_boilerplate_line(b: &TextBlock, title: Option<&str>) -> bool {
    let ld = link_density(b);
    if b.kind == BlockKind::Heading && title.is_some_and(|t| normalise(&b.text) == t) {
        return true;
    }
    // Link lists: a list item that is only a link is a pointer elsewhere.
    let max_ld = if b.kind == BlockKind::ListItem {
        LINK_LIST_ITEM
    } else {
        LINK_LINE
    };
    if ld > max_ld && b.chars < LINK_LINE_CHARS {
        return true;
    }
    if b.chars > BOILERPLATE_MAX_CHARS {
        return false;
    }
    let lower = b.text.trim().to_lowercase();
    if lower.contains("cookie") && COOKIE_CONTEXT.iter().any(|c| lower.contains(c)) {
        return true; // a cookie notice
    }
    if [
        "warning:",
        "notice:",
        "deprecated:",
        "fatal error:",
        "parse error:",
    ]
    .iter()
    .any(|p| lower.starts_with(p))
        && lower.contains(" on line ")
    {
        return true; // a PHP error printed into the page
    }
    if SOCIAL_NETWORKS
        .iter()
        .filter(|s| lower.contains(*s))
        .count()
        >= 2
    {
        return true; // "Follow us on Facebook, Twitter and Instagram"
    }
    if b.chars > 100 {
        return false;
    }
    let t = lower.trim_matches(|c: char| !c.is_alphanumeric());
    if title.is_some_and(|title| {
        let n = normalise(t);
        n == title || (n.chars().count() >= 20 && title.starts_with(&n))
    }) {
        return true; // the headline repeated in the body's header
    }
    if lower.starts_with('[') && lower.contains("[/") {
        return true; // a WordPress shortcode left unrendered
    }
    if [
        "requires javascript",
        "enable javascript",
        "javascript is disabled",
        "javascript aktivieren",
    ]
    .iter()
    .any(|j| lower.contains(j))
    {
        return true;
    }
    // A lone machine token ("narrow-browser-and-phone") is markup leaking as text.
    if !t.contains(' ')
        && t.contains(['-', '_'])
        && t.chars()
            .all(|c| c.is_ascii_lowercase() || matches!(c, '-' | '_'))
    {
        return true;
    }
    if b.chars <= 60
        && !ends_sentence(&b.text)
        && (is_photo_credit(&lower) || lower.starts_with('©'))
    {
        return true; // "AFP / Marco Bertorello", "Foto: dpa"
    }
    if b.chars <= 40
        && t.chars().any(|c| c.is_ascii_digit())
        && READING_TIME.iter().any(|r| lower.contains(r))
    {
        return true; // "11 min read"
    }
    BOILERPLATE_LINES.contains(&t)
        || SECTION_ENDS.contains(&t)
        || META_LABELS.iter().any(|l| lower.contains(l))
        || BOILERPLATE_PREFIXES.iter().any(|p| t.starts_with(p))
        || is_dateline(t)
        || (t.starts_with("by ") && b.chars < 60 && !ends_sentence(t))
}

/// Does a (short, lower-case) line name a picture agency or a credit label?
fn is_photo_credit(lower: &str) -> bool {
    PHOTO_CREDITS.iter().any(|c| lower.contains(c))
        || lower
            .split(|c: char| !c.is_alphanumeric())
            .any(|w| PHOTO_AGENCIES.contains(&w))
}

/// Picture agencies, matched as whole words ("epa", not "keepass").
const PHOTO_AGENCIES: &[&str] = &[
    "afp",
    "reuters",
    "dpa",
    "epa",
    "imago",
    "shutterstock",
    "istock",
    "keystone",
];

/// Credit labels and agency names of several words, matched as substrings.
const PHOTO_CREDITS: &[&str] = &[
    "getty images",
    "associated press",
    "ap photo",
    "picture alliance",
    "picture-alliance",
    "wenn.com",
    "foto:",
    "fotos:",
    "photo:",
    "photos:",
    "bild:",
    "image:",
    "credit:",
    "crédit",
    "bildquelle",
];

/// Reading-time labels ("5 min read").
const READING_TIME: &[&str] = &[
    "min read",
    "minute read",
    "minutes read",
    "lesezeit",
    "lesedauer",
    "min. lesezeit",
    "minut czytania",
    "min de lecture",
    "minutos de lectura",
    "мин чтения",
];

/// Labels of a post's metadata line ("Posted by … in …, Tags: …").
const META_LABELS: &[&str] = &[
    "posted by",
    "posted in",
    "filed under",
    "tags:",
    "category:",
    "categories:",
    "publicado por",
    "categoria:",
    "categoría:",
    "etiquetas:",
    "veröffentlicht von",
    "kategorie:",
    "kategorien:",
    "schlagwörter:",
    "publié par",
    "catégorie:",
    "opublikowano",
    "kategoria:",
    "tagi:",
    "опубликовано",
    "рубрика:",
    "теги:",
];

/// Words that, beside "cookie", make a line a consent notice rather than a recipe.
const COOKIE_CONTEXT: &[&str] = &[
    "website",
    "webseite",
    "site web",
    "sitio web",
    "strona",
    "browser",
    "consent",
    "accept",
    "privacy",
    "datenschutz",
    "akzeptier",
    "zustimm",
    "einverstanden",
    "einwilligung",
    "używa",
    "korzysta",
    "utilise",
    "navegación",
    "usamos",
    "this site",
    "our site",
    "was sind cookies",
    "what are cookies",
];

const SOCIAL_NETWORKS: &[&str] = &[
    "facebook",
    "twitter",
    "instagram",
    "youtube",
    "linkedin",
    "whatsapp",
    "telegram",
    "pinterest",
    "tiktok",
];

/// A line that is only a date, a time and their labels ("Updated 14 hours ago").
pub(crate) fn is_dateline(t: &str) -> bool {
    const WORDS: &[&str] = &[
        "am",
        "pm",
        "a.m",
        "p.m",
        "updated",
        "published",
        "posted",
        "on",
        "at",
        "ago",
        "hours",
        "hour",
        "minutes",
        "min",
        "days",
        "day",
        "first",
        "januar",
        "februar",
        "märz",
        "mai",
        "juni",
        "juli",
        "oktober",
        "dezember",
        "janvier",
        "février",
        "mars",
        "avril",
        "juin",
        "juillet",
        "août",
        "septembre",
        "octobre",
        "novembre",
        "décembre",
        "enero",
        "febrero",
        "marzo",
        "abril",
        "mayo",
        "junio",
        "julio",
        "agosto",
        "septiembre",
        "octubre",
        "noviembre",
        "diciembre",
        "января",
        "февраля",
        "марта",
        "апреля",
        "мая",
        "июня",
        "июля",
        "августа",
        "сентября",
        "октября",
        "ноября",
        "декабря",
        "г",
        "mon",
        "tue",
        "tues",
        "wed",
        "thu",
        "thur",
        "thurs",
        "fri",
        "sat",
        "sun",
        "gmt",
        "utc",
        "est",
        "edt",
        "et",
        "bst",
        "cet",
        "ist",
        "last",
        "modified",
        "date",
        "de",
        "du",
        "le",
        "am",
        "um",
        "uhr",
        "stand",
        "veröffentlicht",
        "aktualisiert",
    ];
    if !t.chars().any(|c| c.is_ascii_digit()) {
        return false;
    }
    t.split(|c: char| !c.is_alphanumeric() && c != '.')
        .map(|w| w.trim_matches('.'))
        .filter(|w| !w.is_empty())
        .all(|w| {
            w.chars().all(|c| c.is_ascii_digit() || c == '.')
                || WORDS.contains(&w)
                || beacon_model::english::is_calendar_word(w)
                || is_ordinal(w)
        })
}

fn is_ordinal(w: &str) -> bool {
    let digits = w.chars().take_while(char::is_ascii_digit).count();
    digits > 0 && matches!(&w[digits..], "st" | "nd" | "rd" | "th")
}

/// Cuts a closing section that is not the article: a line such as "Related
/// articles" or "About the author" and what follows it, when what follows is
/// a small part of the text.
fn cut_trailing_section(page: &mut Page) {
    let total: usize = page.blocks.iter().map(|b| b.text.len()).sum();
    let mut after = total;
    for i in 0..page.blocks.len() {
        let b = &page.blocks[i];
        after -= b.text.len();
        if b.text.len() > 80 || i == 0 {
            continue;
        }
        let t = b.text.trim().to_lowercase();
        let t = t.trim_matches(|c: char| !c.is_alphanumeric());
        let words = t.split_whitespace().count();
        let opener = [
            "more ",
            "related ",
            "recommended ",
            "top themen",
            "about ",
            "über ",
            "à propos ",
            "acerca de ",
            "top stories",
            "top news",
            "also on ",
            "more from ",
        ]
        .iter()
        .any(|p| t.starts_with(p))
            && words <= 6;
        if (SECTION_ENDS.contains(&t) || opener) && after * 100 <= total * 35 {
            let cut = page.blocks.split_off(i);
            page.boilerplate.extend(cut.into_iter().map(|b| b.text));
            return;
        }
    }
}

/// Headings of the sections that follow an article on a page.
const SECTION_ENDS: &[&str] = &[
    "related",
    "related articles",
    "related stories",
    "related posts",
    "related content",
    "related news",
    "read more",
    "read next",
    "more on this story",
    "more stories",
    "more from",
    "more articles",
    "you may also like",
    "you might also like",
    "recommended",
    "recommended for you",
    "about the author",
    "about the authors",
    "comments",
    "leave a comment",
    "leave a reply",
    "share this",
    "share this article",
    "tags",
    "topics",
    "ähnliche beiträge",
    "weitere informationen",
    "weiterführende informationen",
    "weitere themen",
    "verwandte themen",
    "verwandte themenbereiche",
    "top themen",
    "kommende events",
    "quellenangaben",
    "quellen",
    "vous aimerez aussi",
    "à lire également",
    "further reading",
    "more information",
    "sources",
    "ähnliche artikel",
    "verwandte artikel",
    "auch interessant",
    "das könnte sie auch interessieren",
    "das könnte dich auch interessieren",
    "lesen sie auch",
    "mehr zum thema",
    "weiterlesen",
    "weitere artikel",
    "weitere beiträge",
    "über den autor",
    "über die autorin",
    "zum autor",
    "kommentare",
    "keine kommentare",
    "kommentar schreiben",
    "kommentare schreiben",
    "haftungsausschluss",
    "haftungsbeschränkung",
    "haftungsbeschränkung für externe links",
    "disclaimer",
    "schlagwörter",
    "diesen artikel teilen",
    "artikel teilen",
    "à lire aussi",
    "lire aussi",
    "sur le même sujet",
    "articles similaires",
    "commentaires",
    "leer más",
    "te puede interesar",
    "artículos relacionados",
    "comentarios",
    "czytaj także",
    "czytaj też",
    "komentarze",
    "похожие статьи",
    "читайте также",
    "комментарии",
];

/// Whole lines that are never article text.
const BOILERPLATE_LINES: &[&str] = &[
    "advertisement",
    "advertisements",
    "advert",
    "adverts",
    "iklan",
    "reklama",
    "reklam",
    "pubblicità",
    "publicidade",
    "advertentie",
    "annons",
    "mainos",
    "διαφήμιση",
    "إعلان",
    "广告",
    "広告",
    "광고",
    "تبلیغات",
    "sponsored",
    "sponsored content",
    "share",
    "share this",
    "share this article",
    "share this story",
    "share on facebook",
    "share on twitter",
    "tweet",
    "email",
    "print",
    "comments",
    "comment",
    "related",
    "related articles",
    "related stories",
    "related content",
    "read more",
    "more",
    "more articles",
    "more stories",
    "recommended",
    "recommended for you",
    "you may also like",
    "you might also like",
    "most popular",
    "most read",
    "trending",
    "trending now",
    "skip to content",
    "skip to main content",
    "menu",
    "close",
    "search",
    "loading",
    "subscribe",
    "sign up",
    "log in",
    "login",
    "sign in",
    "continue reading",
    "continue reading below",
    "story continues below advertisement",
    "article continues below",
    "scroll to continue with content",
    "back to top",
    "next",
    "previous",
    "next article",
    "previous article",
    "top stories",
    "latest news",
    "follow us",
    "leave a reply",
    "leave a comment",
    "post a comment",
    "anzeige",
    "werbung",
    "publicité",
    "publicidad",
    "реклама",
    "inhaltsverzeichnis",
    "wird geladen",
    "chargement",
    "cargando",
    "ładowanie",
    "загрузка",
    "drukuj",
    "kontakt",
    "contact",
    "imprimer",
    "imprimir",
    "don't miss",
    "don’t miss",
    "must read",
    "table of contents",
    "contents",
    "teilen",
    "drucken",
    "pinnen",
    "merken",
    "zurück",
    "weiter",
    "mehr",
    "mehr erfahren",
    "jetzt lesen",
    "war der artikel nützlich",
    "war dieser artikel hilfreich",
    "was this article helpful",
    "möchten sie den artikel teilen",
    "noch keine bewertungen",
    "keine kommentare",
    "partager",
    "compartir",
    "udostępnij",
    "поделиться",
];

/// Line openings that mark notices rather than article text.
const BOILERPLATE_PREFIXES: &[&str] = &[
    "sign up for",
    "subscribe to",
    "click here to",
    "we use cookies",
    "this site uses cookies",
    "this website uses cookies",
    "by continuing to use",
    "please enter your",
    "captcha",
    "read more:",
    "related:",
    "see also:",
    "follow us on",
    "share this article",
    "get the latest",
    "get our newsletter",
    "newsletter",
    "you must be logged in",
    "like this story",
    "image copyright",
    "image caption",
    "media caption",
    "photo:",
    "photograph:",
    "image:",
    "foto:",
    "fotos:",
    "bild:",
    "titelbild:",
    "quelle:",
    "bildquelle",
    "lesen sie auch",
    "das könnte sie auch interessieren",
    "weiterlesen:",
    "mehr zum thema",
    "anzeige",
    "sie sind aktuell nicht eingeloggt",
    "dieser eintrag wurde veröffentlicht",
    "dieser text wurde veröffentlicht",
    "sofern nicht anders",
    "unless otherwise noted",
    "except where otherwise noted",
    "pour accéder",
    "abonnieren sie",
    "jetzt abonnieren",
    "dieses skript als pdf",
    "als pdf herunterladen",
    "download as pdf",
    "download pdf",
    "dieser beitrag wurde veröffentlicht",
    "this entry was posted",
    "this post was published",
    "pour lire la suite",
    "lire aussi",
    "if you enjoyed",
    "do you want to be informed",
    "copyright ©",
    "© copyright",
    "all rights reserved",
];

/// Classifies every element, top-down.
fn roles(dom: &Dom) -> Vec<Role> {
    let mut roles = vec![Role::Normal; dom.nodes.len()];
    // Inside an <article> or <main>, a <header> is the article's own (title,
    // byline, lead: the lines filters deal with the first two) and a <footer>
    // holds its tags and share links: weaker evidence than the page's.
    let mut in_article = vec![false; dom.nodes.len()];
    // Pages repeat their class lists (every menu item, every teaser): read each once.
    let mut cache = RoleCache::default();
    for id in 0..dom.nodes.len() {
        let node = &dom.nodes[id];
        if node.parent != NONE {
            let p = node.parent as usize;
            in_article[id] =
                in_article[p] || matches!(dom.nodes[p].tag(), Some(Tag::Article | Tag::Main));
            if roles[p] == Role::Junk {
                roles[id] = Role::Junk;
                continue;
            }
        }
        roles[id] = match &node.data {
            Data::Element { tag, .. } => {
                let r = element_role(dom, node, *tag, &mut cache);
                if r == Role::Chrome && in_article[id] && *tag == Tag::Header {
                    Role::Normal
                } else if r == Role::Chrome && in_article[id] && *tag == Tag::Footer {
                    Role::Named
                } else {
                    r
                }
            }
            _ => Role::Normal,
        };
    }
    roles
}

/// Prose characters under each element (blocks of 80+ characters, few links).
fn prose_under(dom: &Dom, blocks: &[TextBlock]) -> Vec<usize> {
    let mut prose = vec![0usize; dom.nodes.len()];
    for b in blocks {
        if is_prose(b) {
            prose[b.container as usize] += b.chars;
        }
    }
    accumulate(dom, &mut prose);
    prose
}

/// Which chrome each element of `scope`'s subtree lies in, once chrome
/// elements that hold most of the prose are let off.
///
/// Only roles in `considered` count. An element with such a role is
/// *overridden* — treated as normal — when it holds at least 60% of the
/// prose in scope (overlays' prose left out of the total unless the element
/// is, holds or lies in that overlay). Comment sections are never let off.
/// Every element then lies in its outermost chrome ancestor within scope
/// that is not overridden, if any.
fn chrome_within(
    dom: &Dom,
    roles: &[Role],
    prose: &[usize],
    scope: NodeId,
    considered: &[Role],
) -> Vec<Option<(NodeId, Role)>> {
    let n = dom.nodes.len();
    let scope = scope as usize;
    let mut inside = vec![false; n];
    inside[scope] = true;
    // Prose of the outermost overlay each element lies in (or is), and within each subtree.
    let mut overlay_of = vec![0usize; n];
    let mut overlay_in = vec![0usize; n];
    let mut overlay_prose = 0;
    for id in scope + 1..n {
        let p = dom.nodes[id].parent as usize;
        inside[id] = inside[p];
        if !inside[id] {
            continue;
        }
        overlay_of[id] = overlay_of[p];
        if roles[id] == Role::Overlay && overlay_of[p] == 0 {
            overlay_of[id] = prose[id];
            overlay_in[id] = prose[id];
            overlay_prose += prose[id];
        }
    }
    accumulate(dom, &mut overlay_in);
    // Article bodies marked as such (`<article>`, "entry-content", "articleBody")
    // that hold prose: chrome beside one of them is never let off, however
    // much prose it holds (a blog's standing programme text in its sidebar).
    let marked: Vec<usize> = (scope..n)
        .filter(|&id| inside[id] && prose[id] >= 200 && marks_body(dom, id as NodeId))
        .collect();
    let beside_a_body = |id: usize| {
        marked.iter().any(|&m| {
            !is_ancestor(dom, id as NodeId, m as NodeId)
                && !is_ancestor(dom, m as NodeId, id as NodeId)
        })
    };
    let overridden = |id: usize| {
        let total = prose[scope] - overlay_prose + overlay_of[id].max(overlay_in[id]);
        total >= 400 && prose[id] * 10 >= total * 6 && !beside_a_body(id)
    };
    let mut chrome: Vec<Option<(NodeId, Role)>> = vec![None; n];
    for id in scope + 1..n {
        if !inside[id] {
            continue;
        }
        let p = dom.nodes[id].parent as usize;
        chrome[id] = if p == scope { None } else { chrome[p] };
        if chrome[id].is_none()
            && considered.contains(&roles[id])
            && (roles[id] == Role::Comments || !overridden(id))
        {
            chrome[id] = Some((id as NodeId, roles[id]));
        }
    }
    if considered.contains(&roles[scope]) && roles[scope] == Role::Comments {
        chrome[scope] = Some((scope as NodeId, Role::Comments));
    }
    chrome
}

/// Whether an element says it is an article's body: an `<article>`, or an
/// id, class or itemprop of [`POSITIVE_NAMES`].
fn marks_body(dom: &Dom, id: NodeId) -> bool {
    static BODY: LazyLock<aho_corasick::AhoCorasick> =
        LazyLock::new(|| aho_corasick::AhoCorasick::new(POSITIVE_NAMES).expect("static patterns"));
    let node = dom.node(id);
    if node.tag() == Some(Tag::Article) {
        return true;
    }
    [Attr::Id, Attr::Class, Attr::Itemprop]
        .into_iter()
        .filter_map(|a| dom.attr(node, a))
        .any(|v| BODY.is_match(&v.to_ascii_lowercase()))
}

fn element_role<'a>(
    dom: &'a Dom,
    node: &'a dom::Node,
    tag: Tag,
    cache: &mut RoleCache<'a>,
) -> Role {
    match tag {
        Tag::Script
        | Tag::Style
        | Tag::Noscript
        | Tag::Template
        | Tag::Svg
        // a formula's text is kept, inline ("L = 0.33 Q"); its TeX source is not
        | Tag::Annotation
        | Tag::AnnotationXml
        | Tag::Canvas
        | Tag::Iframe
        | Tag::Object
        | Tag::Embed
        | Tag::Button
        | Tag::Select
        | Tag::Option
        | Tag::Input
        | Tag::Textarea
        | Tag::Head
        | Tag::Title
        | Tag::Video
        | Tag::Audio
        | Tag::Map
        | Tag::Dialog
        | Tag::Frameset
        | Tag::Noembed
        | Tag::Noframes
        | Tag::Rt
        | Tag::Rp => return Role::Junk,
        Tag::Html | Tag::Body => return Role::Normal,
        _ => {}
    }
    if dom.attr(node, Attr::Hidden).is_some() {
        return Role::Junk;
    }
    if let Some(style) = dom.attr(node, Attr::Style) {
        let s: String = style
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect::<String>()
            .to_ascii_lowercase();
        if s.contains("display:none") || s.contains("visibility:hidden") {
            return Role::Junk;
        }
    }
    if matches!(
        tag,
        Tag::Nav | Tag::Aside | Tag::Footer | Tag::Header | Tag::Menu | Tag::Form | Tag::Figcaption
    ) {
        return Role::Chrome;
    }
    if let Some(role) = dom.attr(node, Attr::Role) {
        let r = role.to_ascii_lowercase();
        if matches!(
            r.as_str(),
            "navigation"
                | "banner"
                | "contentinfo"
                | "complementary"
                | "menu"
                | "menubar"
                | "search"
                | "dialog"
                | "alert"
        ) {
            return Role::Chrome;
        }
    }
    if tag.heading_level().is_some() {
        // Headings' ids are slugs of their text ("what-to-read-next").
        return Role::Normal;
    }
    // Long ids are slugs of content, not names of a role.
    let id = dom
        .attr(node, Attr::Id)
        .filter(|v| v.split(['-', '_']).count() < 4);
    let key = [
        id,
        dom.attr(node, Attr::Class),
        dom.attr(node, Attr::Itemprop),
    ];
    if key.iter().all(Option::is_none) {
        return Role::Normal;
    }
    if let Some(&r) = cache.get(&key) {
        return r;
    }
    let mut names = String::new();
    for v in key.iter().flatten() {
        names.push(' ');
        names.push_str(v);
    }
    let r = classify_names(&names);
    cache.insert(key, r);
    r
}

/// An element's id, class and itemprop, as the role cache keys them.
type NamesKey<'a> = [Option<&'a str>; 3];

/// The role cache, hashed eight bytes at a time (the default hasher costs
/// more than reading the page's class lists).
type RoleCache<'a> = HashMap<NamesKey<'a>, Role, std::hash::BuildHasherDefault<WordHash>>;

/// A multiply-rotate hash over 8-byte words (as rustc's FxHash does); the
/// keys are a page's own class names, not an adversary's choice of
/// collisions worth defending against.
#[derive(Default)]
struct WordHash(u64);

impl WordHash {
    fn add(&mut self, word: u64) {
        self.0 = (self.0.rotate_left(5) ^ word).wrapping_mul(0x517c_c1b7_2722_0a95);
    }
}

impl std::hash::Hasher for WordHash {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            self.add(u64::from_le_bytes(c.try_into().expect("8 bytes")));
        }
        let mut last = [0u8; 8];
        let rest = chunks.remainder();
        last[..rest.len()].copy_from_slice(rest);
        self.add(u64::from_le_bytes(last) ^ (rest.len() as u64) << 59);
    }
}

/// Reads an element's id and class vocabulary.
///
/// Each class token is split into words (on separators and camelCase). A
/// token's role is named by its first or last word (`sidebar-left`,
/// `entry-tags`, `sub-menu`); tokens that state a property rather than a role
/// (`tag-review`, `category-news`, `has-sidebar`) are ignored, as WordPress
/// puts those on the article itself.
fn classify_names(names: &str) -> Role {
    let lower = names.to_ascii_lowercase();
    // One pass for every substring cue; article bodies named as such are never chrome.
    static CUES: LazyLock<aho_corasick::AhoCorasick> = LazyLock::new(|| {
        aho_corasick::AhoCorasick::new(POSITIVE_NAMES.iter().chain(CHROME_SUBSTRINGS))
            .expect("static patterns")
    });
    let mut chrome_substring = false;
    for m in CUES.find_overlapping_iter(&lower) {
        if m.pattern().as_usize() < POSITIVE_NAMES.len() {
            return Role::Normal;
        }
        chrome_substring = true;
    }
    if lower.split_whitespace().any(|t| HIDDEN_TOKENS.contains(&t)) {
        return Role::Junk;
    }
    let mut any_words: Vec<&str> = Vec::new();
    let mut role_words: Vec<&str> = Vec::new();
    let mut words = Vec::new();
    let mut header_first = false;
    for (token, low) in names.split_whitespace().zip(lower.split_whitespace()) {
        split_words(token, low, &mut words);
        let (Some(&first), Some(&last)) = (words.first(), words.last()) else {
            continue;
        };
        header_first |= first == "header";
        // "tag-review", "mv-create-has-image": a property of the element, not its role.
        if words.len() > 1
            && (PROPERTY_PREFIXES.contains(&first)
                || words[..words.len() - 1]
                    .iter()
                    .any(|w| STATE_WORDS.contains(w)))
        {
            continue;
        }
        // "elementor-widget-text-editor", "et_pb_module": a page builder's
        // layout unit; its other words say the role ("elementor-nav-menu",
        // "elementor-widget-share-buttons").
        if words.len() > 1 && BUILDER_PREFIXES.contains(&first) {
            let said = words[1..]
                .iter()
                .filter(|w| !BUILDER_LAYOUT_WORDS.contains(w));
            role_words.extend(said);
            any_words.extend(&words[1..]);
            continue;
        }
        role_words.push(first);
        role_words.push(last);
        any_words.extend(&words);
    }
    let any = |w: &str| any_words.contains(&w);
    if role_words.iter().any(|x| LEAD_WORDS.contains(x)) {
        return Role::Normal; // the article's lead or standfirst
    }
    if any_words.iter().any(|x| OVERLAY_WORDS.contains(x)) {
        return Role::Overlay;
    }
    if any_words
        .iter()
        .any(|x| x.starts_with("comment") && !x.starts_with("commentary"))
        || any("disqus")
        || any("replies")
        || any("respond")
    {
        return Role::Comments;
    }
    static CHROME: LazyLock<HashSet<&'static str>> =
        LazyLock::new(|| CHROME_WORDS.iter().copied().collect());
    // "header-nav" is the page's header; "table-header", "post-header" are parts of content.
    if chrome_substring
        || header_first
        || role_words
            .iter()
            .any(|w| *w != "header" && (CHROME.contains(w) || PICTURE_WORDS.contains(w)))
        || role_words
            .iter()
            .any(|x| CHROME_PREFIXES.iter().any(|p| x.starts_with(p)))
    {
        return Role::Named;
    }
    Role::Normal
}

/// Splits a class token into lower-case words at separators and camelCase,
/// into `words` (cleared first): slices of `lower`, the token ASCII-lower-cased
/// (which moves no byte).
fn split_words<'a>(token: &str, lower: &'a str, words: &mut Vec<&'a str>) {
    words.clear();
    let mut start = None;
    let mut prev_lower = false;
    for (i, &c) in token.as_bytes().iter().enumerate() {
        if !c.is_ascii_alphanumeric() {
            if let Some(s) = start.take() {
                words.push(&lower[s..i]);
            }
            prev_lower = false;
            continue;
        }
        if c.is_ascii_uppercase()
            && prev_lower
            && let Some(s) = start.take()
        {
            words.push(&lower[s..i]);
        }
        start.get_or_insert(i);
        prev_lower = c.is_ascii_lowercase() || c.is_ascii_digit();
    }
    if let Some(s) = start {
        words.push(&lower[s..]);
    }
}

/// First words of class tokens that state a property of the element.
const PROPERTY_PREFIXES: &[&str] = &[
    "tag",
    "tags",
    "category",
    "categories",
    "author",
    "format",
    "status",
    "type",
    "postid",
    "has",
    "is",
    "with",
    "no",
    "single",
    "page",
    "template",
    "lang",
    "theme",
    "layout",
];

/// First words of page builders' class tokens (Elementor, Divi's `et_pb_`,
/// WPBakery's `vc_` and `wpb_`, Avada's `fusion-`, Beaver Builder's `fl-`,
/// SiteOrigin, Thrive, Bricks, Oxygen, King Composer, Enfold's `av_`, the
/// block editor's `wp-block-`): the words after them name layout units.
const BUILDER_PREFIXES: &[&str] = &[
    "elementor",
    "et",
    "vc",
    "wpb",
    "fusion",
    "fl",
    "siteorigin",
    "so",
    "tve",
    "thrv",
    "brxe",
    "oxy",
    "ct",
    "kc",
    "av",
    "avia",
    "wp",
];

/// A page builder's layout units: they say nothing of what they hold.
const BUILDER_LAYOUT_WORDS: &[&str] = &[
    "widget",
    "widgets",
    "module",
    "modules",
    "element",
    "section",
    "column",
    "col",
    "row",
    "container",
    "wrap",
    "wrapper",
    "inner",
    "block",
    "group",
    "panel",
    "box",
    "holder",
    "layout",
    "editor",
    "text",
    "textblock",
    "content",
    "heading",
    "title",
    "image",
    "pb",
];

/// Role words of an article's lead (standfirst, dek, excerpt).
const LEAD_WORDS: &[&str] = &[
    "lead",
    "lede",
    "intro",
    "standfirst",
    "excerpt",
    "dek",
    "abstract",
    "summary",
    "subtitle",
    "subheadline",
    "kicker",
    "vorspann",
    "chapo",
    "entradilla",
    "bajada",
    "sumario",
];

/// Whole class tokens that hide an element (CSS frameworks' conventions).
const HIDDEN_TOKENS: &[&str] = &[
    "hidden",
    "hide",
    "is-hidden",
    "d-none",
    "invisible",
    "visually-hidden",
    "sr-only",
    "screen-reader-text",
    "element-invisible",
    "offscreen",
    // formula renderers' copies for screen readers (KaTeX, MathJax 2 and 3)
    "katex-mathml",
    "mjx_assistive_mathml",
    "mjx-assistive-mml",
];

/// Words that make the rest of a class token a state ("has-image", "is-sticky").
const STATE_WORDS: &[&str] = &[
    "has", "is", "with", "no", "enable", "enabled", "show", "can", "without",
];

/// Overlays that are never content: cookie and consent banners, modals, pop-ups.
const OVERLAY_WORDS: &[&str] = &[
    "cookie", "cookies", "consent", "gdpr", "modal", "popup", "overlay", "lightbox",
];

/// Names that mark the article body itself.
const POSITIVE_NAMES: &[&str] = &[
    "articlebody",
    "article-body",
    "article_body",
    "article__body",
    "articletext",
    "article-text",
    "article-content",
    "article__content",
    "story-body",
    "storybody",
    "story-content",
    "entry-content",
    "post-content",
    "post-body",
    "postbody",
    "post_content",
    "main-content",
    "body-text",
    "bodytext",
    "rich-text",
    "richtext",
    "content-body",
    "article_text",
];

/// Whole words in class or id that mark site chrome.
const CHROME_WORDS: &[&str] = &[
    "ad",
    "ads",
    "adv",
    "advert",
    "adsense",
    "dfp",
    "banner",
    "nav",
    "navbar",
    "menu",
    "breadcrumb",
    "breadcrumbs",
    "footer",
    "header",
    "masthead",
    "sidebar",
    "rail",
    "widget",
    "aside",
    "share",
    "sharing",
    "sharebar",
    "social",
    "sociable",
    "related",
    "recommended",
    "recommendations",
    "newsletter",
    "subscribe",
    "subscription",
    "signup",
    "promo",
    "cookie",
    "cookies",
    "consent",
    "gdpr",
    "popup",
    "modal",
    "overlay",
    "lightbox",
    "toolbar",
    "pagination",
    "pager",
    "tags",
    "tag",
    "keywords",
    "topics",
    "byline",
    "author",
    "bio",
    "dateline",
    "timestamp",
    "meta",
    "print",
    "skip",
    "outbrain",
    "taboola",
    "zergnet",
    "trending",
    "popular",
    "mostread",
    "mostpopular",
    "login",
    "signin",
    "register",
    "rating",
    "poll",
    "survey",
    "feedback",
    "sponsor",
    "sponsored",
    "disclaimer",
    "copyright",
    "credits",
    "newsletters",
    "follow",
    "caption",
    "figcaption",
    "credit",
    "teaser",
    "teasers",
    "ticker",
    "newsticker",
    "breaking",
    "marquee",
    "recirc",
    "recirculation",
    "more",
    "next",
    "prev",
    "cta",
];

/// Role words of picture containers: their text is captions and credits.
const PICTURE_WORDS: &[&str] = &[
    "image",
    "img",
    "photo",
    "picture",
    "gallery",
    "slideshow",
    "carousel",
    "figure",
    "thumbnail",
    "thumb",
];

/// Word beginnings that mark chrome.
const CHROME_PREFIXES: &[&str] = &[
    "advert",
    "sponsor",
    "navigat",
    "breadcrumb",
    "newsletter",
    "subscri",
    "recommend",
];

/// Substrings (in ids and classes as written) that mark chrome.
const CHROME_SUBSTRINGS: &[&str] = &[
    "read-more",
    "readmore",
    "more-from",
    "morefrom",
    "also-read",
    "alsoread",
    "you-may-like",
    "up-next",
    "upnext",
    "visually-hidden",
    "screen-reader",
    "sr-only",
    "ad-slot",
    "adslot",
    "ad-container",
    "adcontainer",
    "ad-wrapper",
    "adwrapper",
    "ad-unit",
    "adunit",
    "gpt-ad",
    "author-box",
    "authorbox",
    "about-author",
    "site-header",
    "site-footer",
    "cookie",
];

/// Cuts the page into text blocks, in reading order.
fn text_blocks(dom: &Dom, roles: &[Role]) -> Vec<TextBlock> {
    let n = dom.nodes.len();
    // Per element: chrome ancestor, link ancestor, kind info. Computed top-down.
    let mut in_link = vec![false; n];
    let mut container = vec![0 as NodeId; n];
    let mut in_pre = vec![false; n];
    let mut quote = vec![false; n];
    let mut list_depth = vec![0u8; n];
    let mut table_row: Vec<NodeId> = vec![NONE; n];
    for id in 1..n {
        let node = &dom.nodes[id];
        let p = node.parent as usize;
        in_link[id] = in_link[p];
        container[id] = container[p];
        in_pre[id] = in_pre[p];
        quote[id] = quote[p];
        list_depth[id] = list_depth[p];
        table_row[id] = table_row[p];
        if let Some(tag) = node.tag() {
            match tag {
                Tag::A => in_link[id] = true,
                Tag::Pre => in_pre[id] = true,
                Tag::Blockquote => quote[id] = true,
                Tag::Ul | Tag::Ol => list_depth[id] = list_depth[id].saturating_add(1),
                Tag::Tr => table_row[id] = id as NodeId,
                Tag::Table => table_row[id] = NONE,
                _ => {}
            }
            // Chrome marked on an inline element (a caption span, a share
            // link) makes its own block, so it can be told apart.
            let chromy = matches!(
                roles[id],
                Role::Chrome | Role::Named | Role::Overlay | Role::Comments
            );
            if (tag.is_block() && !matches!(tag, Tag::Td | Tag::Th | Tag::Br)) || chromy {
                container[id] = id as NodeId;
            }
        }
    }
    // The table of each row.
    let table_of = |row: NodeId| -> NodeId {
        let mut x = row;
        while x != NONE {
            if dom.node(x).tag() == Some(Tag::Table) {
                return x;
            }
            x = dom.node(x).parent;
        }
        row
    };

    let mut blocks = Vec::new();
    let mut cur = Builder::default();
    let mut id: NodeId = 0;
    while id != NONE {
        let node = dom.node(id);
        let role = roles[id as usize];
        if role == Role::Junk && id != 0 {
            id = dom.next_skipping(0, id);
            continue;
        }
        match &node.data {
            Data::Text(t) => {
                let c = container[id as usize];
                if cur.container != c {
                    cur.flush(&mut blocks);
                    cur.start(dom, c, &in_pre, &quote, &list_depth, &table_row, &table_of);
                }
                cur.push(t, in_link[id as usize], in_pre[id as usize]);
            }
            Data::Element { tag, .. } => {
                if *tag == Tag::Br {
                    cur.flush(&mut blocks);
                } else if matches!(tag, Tag::Td | Tag::Th) {
                    if cur.table.is_some() && !cur.text.is_empty() && !cur.text.ends_with(" | ") {
                        cur.text.push_str(" | ");
                    }
                } else if tag.is_block() || *tag == Tag::Img {
                    cur.flush(&mut blocks);
                }
            }
            Data::Root => {}
        }
        // Descend, or move on; a block element's end is a boundary too.
        if node.first_child != NONE {
            id = node.first_child;
        } else {
            let mut x = id;
            loop {
                let xn = dom.node(x);
                if xn
                    .tag()
                    .is_some_and(|t| t.is_block() && !matches!(t, Tag::Td | Tag::Th))
                {
                    cur.flush(&mut blocks);
                }
                if xn.next_sibling != NONE {
                    id = xn.next_sibling;
                    break;
                }
                x = xn.parent;
                if x == NONE {
                    id = NONE;
                    break;
                }
            }
        }
    }
    cur.flush(&mut blocks);
    blocks
}

#[derive(Default)]
struct Builder {
    container: NodeId,
    text: String,
    link_chars: usize,
    kind: Option<(BlockKind, Option<u8>, bool)>,
    table: Option<NodeId>,
    pre: bool,
}

impl Builder {
    #[allow(clippy::too_many_arguments)]
    fn start(
        &mut self,
        dom: &Dom,
        c: NodeId,
        in_pre: &[bool],
        quote: &[bool],
        list_depth: &[u8],
        table_row: &[NodeId],
        table_of: &dyn Fn(NodeId) -> NodeId,
    ) {
        self.container = c;
        self.pre = in_pre[c as usize];
        let row = table_row[c as usize];
        self.table = (row != NONE).then(|| table_of(row));
        let tag = dom.node(c).tag().unwrap_or(Tag::Other);
        let kind = if let Some(l) = tag.heading_level() {
            (BlockKind::Heading, Some(l), false)
        } else if self.pre {
            (BlockKind::Preformatted, None, false)
        } else if let Some(li) = nearest_li(dom, c) {
            let ordered = dom.node(dom.node(li).parent).tag() == Some(Tag::Ol);
            (
                BlockKind::ListItem,
                Some(list_depth[c as usize].max(1)),
                ordered,
            )
        } else if quote[c as usize] {
            (BlockKind::Quote, None, false)
        } else {
            (BlockKind::Paragraph, None, false)
        };
        self.kind = Some(kind);
    }

    fn push(&mut self, t: &str, link: bool, pre: bool) {
        let before = self.text.len();
        if pre {
            self.text.push_str(t);
        } else {
            dom::push_collapsed(&mut self.text, t);
        }
        if link {
            self.link_chars += self.text[before..]
                .chars()
                .filter(|c| !c.is_whitespace())
                .count();
        }
    }

    fn flush(&mut self, out: &mut Vec<TextBlock>) {
        let text = if self.pre {
            self.text.trim_matches('\n').trim_end().to_owned()
        } else {
            // table cells' separators at the ends: "| a | b |"
            let mut t = self.text.trim();
            while let Some(rest) = t.strip_suffix(" |") {
                t = rest;
            }
            while let Some(rest) = t.strip_prefix("| ") {
                t = rest;
            }
            t.to_owned()
        };
        self.text.clear();
        let link_chars = std::mem::take(&mut self.link_chars);
        let Some((kind, level, ordered)) = self.kind else {
            return;
        };
        if text.chars().all(|c| !c.is_alphanumeric()) {
            return;
        }
        let chars = text.chars().filter(|c| !c.is_whitespace()).count();
        out.push(TextBlock {
            container: self.container,
            chars,
            link_chars: link_chars.min(chars),
            text,
            kind,
            level,
            ordered,
            table: if kind == BlockKind::Paragraph {
                self.table
            } else {
                None
            },
        });
    }
}

fn nearest_li(dom: &Dom, mut id: NodeId) -> Option<NodeId> {
    for _ in 0..4 {
        if id == NONE {
            return None;
        }
        let t = dom.node(id).tag();
        if t == Some(Tag::Li) {
            return Some(id);
        }
        if matches!(
            t,
            Some(Tag::Ul | Tag::Ol | Tag::Table | Tag::Article | Tag::Section)
        ) {
            return None;
        }
        id = dom.node(id).parent;
    }
    None
}

/// Title, byline, language, canonical URL and site name.
fn metadata(dom: &Dom, page: &mut Page) {
    let mut og_title = None;
    let mut title_tag = None;
    let mut h1 = None;
    let mut author = None;
    for id in 0..dom.nodes.len() as NodeId {
        let node = dom.node(id);
        let Some(tag) = node.tag() else { continue };
        match tag {
            Tag::Html => {
                page.lang = dom
                    .attr(node, Attr::Lang)
                    .map(str::to_owned)
                    .filter(|l| !l.is_empty());
            }
            Tag::Title if title_tag.is_none() => {
                title_tag = Some(dom.text_of(id)).filter(|t| !t.is_empty())
            }
            Tag::H1 if h1.is_none() => h1 = Some(dom.text_of(id)).filter(|t| !t.is_empty()),
            Tag::Meta => {
                let key = dom
                    .attr(node, Attr::Property)
                    .or(dom.attr(node, Attr::Name))
                    .map(str::to_ascii_lowercase);
                let Some(content) = dom
                    .attr(node, Attr::Content)
                    .map(str::trim)
                    .filter(|c| !c.is_empty())
                else {
                    continue;
                };
                match key.as_deref() {
                    Some("og:title") | Some("twitter:title") if og_title.is_none() => {
                        og_title = Some(collapse(content));
                    }
                    Some("og:site_name") => page.site_name = Some(collapse(content)),
                    Some("description") | Some("og:description") | Some("twitter:description")
                        if page
                            .description
                            .as_ref()
                            .is_none_or(|d| d.len() < content.len()) =>
                    {
                        page.description = Some(collapse(content));
                    }
                    Some("og:url") if page.canonical.is_none() && content.starts_with("http") => {
                        page.canonical = Some(content.to_owned());
                    }
                    Some("author") | Some("article:author") | Some("byl") | Some("dc.creator")
                        if author.is_none() && !content.starts_with("http") =>
                    {
                        author = Some(collapse(content));
                    }
                    _ => {}
                }
                if page.lang.is_none()
                    && dom
                        .attr(node, Attr::HttpEquiv)
                        .is_some_and(|h| h.eq_ignore_ascii_case("content-language"))
                {
                    page.lang = Some(content.to_owned());
                }
            }
            Tag::Link => {
                if dom
                    .attr(node, Attr::Rel)
                    .is_some_and(|r| r.eq_ignore_ascii_case("canonical"))
                    && let Some(h) = dom.attr(node, Attr::Href).filter(|h| h.starts_with("http"))
                {
                    page.canonical = Some(h.to_owned());
                }
            }
            _ => {
                if author.is_none()
                    && (dom
                        .attr(node, Attr::Itemprop)
                        .is_some_and(|p| p.contains("author"))
                        || dom
                            .attr(node, Attr::Rel)
                            .is_some_and(|r| r.contains("author")))
                {
                    let t = dom.text_of(id);
                    if !t.is_empty() && t.chars().count() < 80 {
                        author = Some(t);
                    }
                }
            }
        }
    }
    page.title = h1
        .filter(|h| {
            let hn = normalise(h);
            [og_title.as_deref(), title_tag.as_deref()]
                .iter()
                .flatten()
                .any(|t| !hn.is_empty() && normalise(t).contains(&hn))
        })
        .or(og_title)
        .or_else(|| title_tag.map(|t| strip_site_suffix(&t)));
    page.byline = author.map(|a| {
        let a = a.trim();
        a.strip_prefix("By ")
            .or(a.strip_prefix("by "))
            .unwrap_or(a)
            .trim()
            .to_owned()
    });
}

fn collapse(s: &str) -> String {
    let mut out = String::new();
    dom::push_collapsed(&mut out, s);
    out.trim().to_owned()
}

/// "Headline - Site Name" → "Headline".
fn strip_site_suffix(t: &str) -> String {
    for sep in [" | ", " - ", " — ", " – ", " :: ", " « "] {
        if let Some((head, _)) = t.rsplit_once(sep)
            && head.split_whitespace().count() >= 3
        {
            return head.trim().to_owned();
        }
    }
    t.trim().to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn body(html: &str) -> Vec<String> {
        extract(html).blocks.into_iter().map(|b| b.text).collect()
    }

    const PROSE: &str = "The ministry said on Tuesday that the talks would continue next week, after both delegations had agreed on an agenda for the border.";

    #[test]
    fn keeps_article_and_drops_chrome() {
        let html = format!(
            "<html><head><title>Talks go on - Daily</title></head><body>\
             <nav><a href=/>Home</a><a href=/w>World</a></nav>\
             <div class=sidebar><ul><li><a href=1>Other story one</a></li><li><a href=2>Other story two</a></li></ul></div>\
             <article><h1>Talks go on</h1><p>{PROSE}</p><h2>Next steps</h2><p>{PROSE}</p>\
             <div class=share-bar><a href=#>Share on Facebook</a></div><p>Advertisement</p>\
             <blockquote><p>We will meet again, and we will agree, said the envoy to reporters outside.</p></blockquote>\
             <ul><li>First point of the agreement on trade</li><li>Second point on the border</li></ul></article>\
             <div id=comments><p>Great article, thanks for writing this, I agree with every word of it.</p></div>\
             <footer>Copyright 2024</footer></body></html>"
        );
        let page = extract(&html);
        let texts: Vec<&str> = page.blocks.iter().map(|b| b.text.as_str()).collect();
        assert_eq!(
            texts,
            [
                PROSE,
                "Next steps",
                PROSE,
                "We will meet again, and we will agree, said the envoy to reporters outside.",
                "First point of the agreement on trade",
                "Second point on the border"
            ]
        );
        assert_eq!(page.blocks[1].kind, BlockKind::Heading);
        assert_eq!(page.blocks[3].kind, BlockKind::Quote);
        assert_eq!(page.blocks[4].kind, BlockKind::ListItem);
        assert_eq!(page.title.as_deref(), Some("Talks go on"));
        assert_eq!(page.comments.len(), 1);
        assert!(page.comments[0].starts_with("Great article"));
    }

    #[test]
    fn tables_are_kept_as_rows() {
        let html = format!(
            "<div><p>{PROSE}</p><table><tr><th>Province</th><th>Deaths</th></tr><tr><td>Kunduz</td><td>12</td></tr></table><p>{PROSE}</p></div>"
        );
        let b = extract(&html).blocks;
        assert_eq!(b[1].kind, BlockKind::Table);
        assert_eq!(b[1].text, "Province | Deaths\nKunduz | 12");
    }

    #[test]
    fn chrome_named_wrapper_holding_the_article_is_kept() {
        let html = format!(
            "<body><div class=\"layout with-sidebar\"><p>{PROSE}</p><p>{PROSE}</p><p>{PROSE}</p><p>{PROSE}</p></div></body>"
        );
        assert_eq!(body(&html).len(), 4);
    }
}
