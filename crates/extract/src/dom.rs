//! A fast, forgiving HTML parser into an arena tree.
//!
//! It is not a full HTML5 tree builder; it implements what extraction needs,
//! the way browsers recover from the common errors: void elements, raw-text
//! elements (`script`, `style`, …), implied end tags (`p`, `li`, `td`, `tr`,
//! `option`, …), end tags that close intervening elements, stray end tags
//! ignored, and entity decoding. Like Chromium it stops nesting at
//! [`MAX_DEPTH`] (deeper elements become siblings), so every walk over the
//! tree is bounded; a page that tries to nest deeper than [`HOSTILE_DEPTH`] is
//! reported as such.
//!
//! Only the attributes extraction reads are kept (see [`Attr`]). A page of
//! more than [`MAX_NODES`] elements and text runs is read up to there (the
//! tree, and extraction's memory, stay bounded whatever the page).

use std::borrow::Cow;

/// Elements deeper than this are attached at this depth, as Chromium does.
pub const MAX_DEPTH: usize = 512;
/// Unclosed nesting beyond this marks the page as hostile.
pub const HOSTILE_DEPTH: usize = 10_000;

/// The most nodes (elements and text runs) a page is read into: a news
/// page has thousands, the longest encyclopaedia pages a few hundred
/// thousand. The rest of a larger page is not read ([`Dom::read_to`]).
pub const MAX_NODES: usize = 500_000;

/// Index of a node in [`Dom::nodes`].
pub type NodeId = u32;
/// "No node".
pub const NONE: NodeId = u32::MAX;

macro_rules! tags {
    ($($v:ident = $s:literal),* $(,)?) => {
        /// Element names extraction knows; everything else is `Other`.
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        #[allow(missing_docs)]
        pub enum Tag { $($v,)* Other }
        impl Tag {
            /// The tag for a lower-case name.
            pub fn from_name(name: &str) -> Tag {
                match name { $($s => Tag::$v,)* _ => Tag::Other }
            }
        }
    };
}

tags! {
    A = "a", Abbr = "abbr", Address = "address", Article = "article", Aside = "aside", Audio = "audio",
    B = "b", Base = "base", Blockquote = "blockquote", Body = "body", Br = "br", Button = "button",
    Canvas = "canvas", Caption = "caption", Center = "center", Cite = "cite", Code = "code", Col = "col",
    Dd = "dd", Del = "del", Details = "details", Dialog = "dialog", Div = "div", Dl = "dl", Dt = "dt",
    Em = "em", Embed = "embed", Fieldset = "fieldset", Figcaption = "figcaption", Figure = "figure",
    Font = "font", Footer = "footer", Form = "form", Frameset = "frameset",
    H1 = "h1", H2 = "h2", H3 = "h3", H4 = "h4", H5 = "h5", H6 = "h6", Head = "head", Header = "header",
    Hr = "hr", Html = "html", I = "i", Iframe = "iframe", Img = "img", Input = "input", Ins = "ins",
    Label = "label", Legend = "legend", Li = "li", Link = "link", Main = "main", Map = "map", Mark = "mark",
    Menu = "menu", Meta = "meta", Nav = "nav", Noscript = "noscript", Object = "object", Ol = "ol",
    Optgroup = "optgroup", Option = "option", P = "p", Param = "param", Picture = "picture", Pre = "pre",
    Q = "q", S = "s", Script = "script", Section = "section", Select = "select", Small = "small",
    Source = "source", Span = "span", Strong = "strong", Style = "style", Sub = "sub", Summary = "summary",
    Sup = "sup", Svg = "svg", Table = "table", Tbody = "tbody", Td = "td", Template = "template",
    Textarea = "textarea", Tfoot = "tfoot", Th = "th", Thead = "thead", Time = "time", Title = "title",
    Tr = "tr", Track = "track", U = "u", Ul = "ul", Video = "video", Wbr = "wbr", Area = "area",
    Hgroup = "hgroup", Xmp = "xmp", Plaintext = "plaintext", Math = "math", Noembed = "noembed",
    Noframes = "noframes", Frame = "frame", Keygen = "keygen", Rt = "rt", Rp = "rp",
    Annotation = "annotation", AnnotationXml = "annotation-xml",
    ScriptTemplate = "#script-template",
}

impl Tag {
    /// Elements that never have content.
    pub fn is_void(self) -> bool {
        matches!(
            self,
            Tag::Area
                | Tag::Base
                | Tag::Br
                | Tag::Col
                | Tag::Embed
                | Tag::Hr
                | Tag::Img
                | Tag::Input
                | Tag::Link
                | Tag::Meta
                | Tag::Param
                | Tag::Source
                | Tag::Track
                | Tag::Wbr
                | Tag::Keygen
                | Tag::Frame
        )
    }

    /// Elements whose content is text up to their end tag.
    fn is_raw_text(self) -> bool {
        matches!(
            self,
            Tag::Script
                | Tag::Style
                | Tag::Textarea
                | Tag::Title
                | Tag::Xmp
                | Tag::Iframe
                | Tag::Noembed
                | Tag::Noframes
                | Tag::Noscript
                | Tag::Plaintext
        )
    }

    /// Block-level elements whose start closes an open `<p>`.
    fn closes_p(self) -> bool {
        matches!(
            self,
            Tag::Address
                | Tag::Article
                | Tag::Aside
                | Tag::Blockquote
                | Tag::Center
                | Tag::Details
                | Tag::Dialog
                | Tag::Div
                | Tag::Dl
                | Tag::Fieldset
                | Tag::Figcaption
                | Tag::Figure
                | Tag::Footer
                | Tag::Form
                | Tag::H1
                | Tag::H2
                | Tag::H3
                | Tag::H4
                | Tag::H5
                | Tag::H6
                | Tag::Header
                | Tag::Hgroup
                | Tag::Hr
                | Tag::Main
                | Tag::Menu
                | Tag::Nav
                | Tag::Ol
                | Tag::P
                | Tag::Pre
                | Tag::Section
                | Tag::Summary
                | Tag::Table
                | Tag::Ul
                | Tag::Li
                | Tag::Dd
                | Tag::Dt
        )
    }

    /// Elements that start a new block of text when rendered.
    pub fn is_block(self) -> bool {
        self.closes_p()
            || matches!(
                self,
                Tag::Br
                    | Tag::Tr
                    | Tag::Td
                    | Tag::Th
                    | Tag::Caption
                    | Tag::Tbody
                    | Tag::Thead
                    | Tag::Tfoot
                    | Tag::Body
                    | Tag::Html
                    | Tag::Legend
                    | Tag::Option
                    | Tag::Select
                    | Tag::Textarea
                    | Tag::Iframe
                    | Tag::Video
                    | Tag::Audio
                    | Tag::Canvas
                    | Tag::Object
            )
    }

    /// Heading level, for `h1`–`h6`.
    pub fn heading_level(self) -> Option<u8> {
        match self {
            Tag::H1 => Some(1),
            Tag::H2 => Some(2),
            Tag::H3 => Some(3),
            Tag::H4 => Some(4),
            Tag::H5 => Some(5),
            Tag::H6 => Some(6),
            _ => None,
        }
    }
}

/// The attributes extraction reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[allow(missing_docs)]
pub enum Attr {
    Id,
    Class,
    Role,
    Itemprop,
    Itemtype,
    Hidden,
    AriaHidden,
    Style,
    Href,
    Rel,
    Name,
    Property,
    Content,
    Lang,
    Datetime,
    Type,
    Charset,
    HttpEquiv,
    Pubdate,
}

impl Attr {
    fn from_name(name: &str) -> Option<Attr> {
        Some(match name {
            "id" => Attr::Id,
            "class" => Attr::Class,
            "role" => Attr::Role,
            "itemprop" => Attr::Itemprop,
            "itemtype" => Attr::Itemtype,
            "hidden" => Attr::Hidden,
            "aria-hidden" => Attr::AriaHidden,
            "style" => Attr::Style,
            "href" => Attr::Href,
            "rel" => Attr::Rel,
            "name" => Attr::Name,
            "property" => Attr::Property,
            "content" => Attr::Content,
            "lang" | "xml:lang" => Attr::Lang,
            "datetime" => Attr::Datetime,
            "type" => Attr::Type,
            "charset" => Attr::Charset,
            "http-equiv" => Attr::HttpEquiv,
            "pubdate" => Attr::Pubdate,
            _ => return None,
        })
    }
}

/// What a node is. Text and attribute values borrow from the page unless
/// entities had to be decoded.
#[derive(Debug, Clone)]
pub enum Data<'a> {
    /// The document root.
    Root,
    /// An element.
    Element {
        /// Its name.
        tag: Tag,
        /// Its kept attributes: a range of [`Dom::attrs`] (start, length).
        attrs: (u32, u8),
    },
    /// A run of text (entities decoded).
    Text(Cow<'a, str>),
}

/// A node in the arena.
#[derive(Debug, Clone)]
pub struct Node<'a> {
    /// What it is.
    pub data: Data<'a>,
    /// Parent, or [`NONE`] for the root.
    pub parent: NodeId,
    /// First child.
    pub first_child: NodeId,
    /// Last child.
    pub last_child: NodeId,
    /// Next sibling.
    pub next_sibling: NodeId,
}

impl Node<'_> {
    /// The element's tag, if it is an element.
    pub fn tag(&self) -> Option<Tag> {
        match &self.data {
            Data::Element { tag, .. } => Some(*tag),
            _ => None,
        }
    }
}

/// A parsed page.
#[derive(Debug)]
pub struct Dom<'a> {
    /// All nodes; index 0 is the root.
    pub nodes: Vec<Node<'a>>,
    /// The kept attributes of all elements, each element's together (one
    /// buffer: no allocation per element).
    pub attrs: Vec<(Attr, Cow<'a, str>)>,
    /// The deepest nesting the page attempted.
    pub attempted_depth: usize,
    /// Where the page stopped being read (a byte offset) when it holds more
    /// than [`MAX_NODES`] nodes; `None`: read whole.
    pub read_to: Option<usize>,
}

impl<'a> Dom<'a> {
    /// The node with this id.
    pub fn node(&self, id: NodeId) -> &Node<'a> {
        &self.nodes[id as usize]
    }

    /// The value of attribute `a` of `node` (an element of this page).
    pub fn attr(&self, node: &Node<'_>, a: Attr) -> Option<&str> {
        match &node.data {
            Data::Element {
                attrs: (start, n), ..
            } => self
                .attrs
                .get(*start as usize..*start as usize + usize::from(*n))?
                .iter()
                .find(|(k, _)| *k == a)
                .map(|(_, v)| &**v),
            _ => None,
        }
    }

    /// The children of a node, in order.
    pub fn children(&self, id: NodeId) -> Children<'_> {
        Children {
            dom: self,
            next: self.node(id).first_child,
        }
    }

    /// All nodes under `id` (excluding it) in document order.
    pub fn descendants(&self, id: NodeId) -> Descendants<'_> {
        Descendants {
            dom: self,
            root: id,
            next: self.node(id).first_child,
        }
    }

    /// The next node in document order after `id` within `root`, skipping `id`'s subtree.
    pub fn next_skipping(&self, root: NodeId, mut id: NodeId) -> NodeId {
        loop {
            if id == root {
                return NONE;
            }
            let n = self.node(id);
            if n.next_sibling != NONE {
                return n.next_sibling;
            }
            id = n.parent;
            if id == NONE {
                return NONE;
            }
        }
    }

    /// The first element with this tag, in document order.
    pub fn find(&self, tag: Tag) -> Option<NodeId> {
        (0..self.nodes.len() as NodeId).find(|&i| self.node(i).tag() == Some(tag))
    }

    /// The text under a node, whitespace collapsed.
    pub fn text_of(&self, id: NodeId) -> String {
        let mut out = String::new();
        if let Data::Text(t) = &self.node(id).data {
            push_collapsed(&mut out, t);
        }
        for d in self.descendants(id) {
            if let Data::Text(t) = &self.node(d).data {
                push_collapsed(&mut out, t);
            }
        }
        out.trim().to_owned()
    }
}

/// Appends `t` to `out` with runs of whitespace collapsed to one space.
pub fn push_collapsed(out: &mut String, t: &str) {
    for c in t.chars() {
        if matches!(c, '\u{ad}' | '\u{200b}' | '\u{2060}' | '\u{feff}') {
            // Soft hyphens and zero-width characters split words for layout only.
            continue;
        }
        if c.is_whitespace() {
            if !out.is_empty() && !out.ends_with(' ') && !out.ends_with('\n') {
                out.push(' ');
            }
        } else {
            out.push(c);
        }
    }
}

/// Iterator over children.
pub struct Children<'a> {
    dom: &'a Dom<'a>,
    next: NodeId,
}

impl Iterator for Children<'_> {
    type Item = NodeId;
    fn next(&mut self) -> Option<NodeId> {
        if self.next == NONE {
            return None;
        }
        let id = self.next;
        self.next = self.dom.node(id).next_sibling;
        Some(id)
    }
}

/// Iterator over descendants in document order.
pub struct Descendants<'a> {
    dom: &'a Dom<'a>,
    root: NodeId,
    next: NodeId,
}

impl Iterator for Descendants<'_> {
    type Item = NodeId;
    fn next(&mut self) -> Option<NodeId> {
        if self.next == NONE {
            return None;
        }
        let id = self.next;
        let n = self.dom.node(id);
        self.next = if n.first_child != NONE {
            n.first_child
        } else {
            self.dom.next_skipping(self.root, id)
        };
        Some(id)
    }
}

struct Builder<'a> {
    nodes: Vec<Node<'a>>,
    attrs: Vec<(Attr, Cow<'a, str>)>,
    stack: Vec<NodeId>,
    /// Names of the open elements that are custom (`Tag::Other`), by stack position.
    names: Vec<Option<Box<str>>>,
    /// Open elements that were not pushed because the stack was full.
    overflow: usize,
    attempted_depth: usize,
    /// A <head> is open.
    head_open: bool,
    /// Tags of the open elements, by stack position.
    tags: Vec<Tag>,
    /// How many elements of each tag are open: most pages never leave a `<p>`
    /// or `<li>` open, so the search for one stops here.
    open: Vec<u32>,
}

impl<'a> Builder<'a> {
    /// Closes every open element from stack position `len` up.
    fn truncate(&mut self, len: usize) {
        for &t in self.tags.get(len..).unwrap_or(&[]) {
            self.open[t as usize] -= 1;
        }
        self.tags.truncate(len);
        self.stack.truncate(len);
        self.names.truncate(len);
    }

    /// Is an element with this tag open (a script's, for `</script>`, may be a template)?
    fn is_open(&self, tag: Tag) -> bool {
        self.open[tag as usize] > 0
            || (tag == Tag::Script && self.open[Tag::ScriptTemplate as usize] > 0)
    }

    fn current(&self) -> NodeId {
        *self.stack.last().unwrap_or(&0)
    }

    fn append(&mut self, data: Data<'a>) -> NodeId {
        let parent = self.current();
        let id = self.nodes.len() as NodeId;
        self.nodes.push(Node {
            data,
            parent,
            first_child: NONE,
            last_child: NONE,
            next_sibling: NONE,
        });
        let p = &mut self.nodes[parent as usize];
        let prev = p.last_child;
        p.last_child = id;
        if prev == NONE {
            p.first_child = id;
        } else {
            self.nodes[prev as usize].next_sibling = id;
        }
        id
    }

    fn text(&mut self, t: &'a str) {
        if t.is_empty() {
            return;
        }
        // Adjacent text nodes (split by a comment) stay apart: merging them
        // would copy a growing string once per piece, quadratic on hostile input.
        self.append(Data::Text(decode_entities(t)));
    }

    fn tag_of(&self, id: NodeId) -> Tag {
        self.nodes[id as usize].tag().unwrap_or(Tag::Other)
    }

    /// Closes the innermost open `tag` if it is open within the given boundary tags.
    fn close_if_open(&mut self, tag: Tag, boundary: &[Tag]) {
        if !self.is_open(tag) {
            return;
        }
        for i in (1..self.stack.len()).rev() {
            let t = self.tags[i];
            if t == tag || (tag == Tag::Script && t == Tag::ScriptTemplate) {
                self.truncate(i);
                return;
            }
            if boundary.contains(&t) {
                return;
            }
        }
    }

    fn start(&mut self, tag: Tag, name: &str, attrs: (u32, u8), self_closing: bool) {
        const SCOPE: &[Tag] = &[
            Tag::Table,
            Tag::Td,
            Tag::Th,
            Tag::Caption,
            Tag::Html,
            Tag::Template,
            Tag::Object,
        ];
        // Anything but head content ends an unclosed <head>, as browsers do.
        if !matches!(
            tag,
            Tag::Meta
                | Tag::Link
                | Tag::Title
                | Tag::Style
                | Tag::Script
                | Tag::Noscript
                | Tag::Base
                | Tag::Template
        ) && self.head_open
        {
            self.close_if_open(Tag::Head, &[]);
            self.head_open = false;
        }
        if tag.closes_p() {
            self.close_if_open(Tag::P, SCOPE);
        }
        match tag {
            Tag::Li => self.close_if_open(Tag::Li, &[Tag::Ul, Tag::Ol, Tag::Menu, Tag::Table]),
            Tag::Dt | Tag::Dd => {
                self.close_if_open(Tag::Dd, &[Tag::Dl, Tag::Table]);
                self.close_if_open(Tag::Dt, &[Tag::Dl, Tag::Table]);
            }
            Tag::Tr => {
                self.close_if_open(Tag::Td, &[Tag::Table]);
                self.close_if_open(Tag::Th, &[Tag::Table]);
                self.close_if_open(Tag::Tr, &[Tag::Table]);
            }
            Tag::Td | Tag::Th => {
                self.close_if_open(Tag::Td, &[Tag::Tr, Tag::Table]);
                self.close_if_open(Tag::Th, &[Tag::Tr, Tag::Table]);
            }
            Tag::Tbody | Tag::Thead | Tag::Tfoot => {
                for t in [
                    Tag::Td,
                    Tag::Th,
                    Tag::Tr,
                    Tag::Tbody,
                    Tag::Thead,
                    Tag::Tfoot,
                ] {
                    self.close_if_open(t, &[Tag::Table]);
                }
            }
            Tag::Option => self.close_if_open(Tag::Option, &[Tag::Select]),
            Tag::H1 | Tag::H2 | Tag::H3 | Tag::H4 | Tag::H5 | Tag::H6 => {
                let cur = self.tag_of(self.current());
                if cur.heading_level().is_some() {
                    let n = self.stack.len() - 1;
                    self.truncate(n);
                }
            }
            Tag::A => self.close_if_open(Tag::A, SCOPE),
            _ => {}
        }
        let data = Data::Element { tag, attrs };
        let id = self.append(data);
        if tag.is_void() || self_closing {
            return;
        }
        if tag == Tag::Head {
            self.head_open = true;
        }
        let depth = self.stack.len() + self.overflow;
        self.attempted_depth = self.attempted_depth.max(depth + 1);
        if self.stack.len() >= MAX_DEPTH {
            self.overflow += 1;
        } else {
            self.stack.push(id);
            self.tags.push(tag);
            self.open[tag as usize] += 1;
            self.names.push((tag == Tag::Other).then(|| name.into()));
        }
    }

    fn end(&mut self, tag: Tag, name: &str) {
        if tag == Tag::Br {
            self.start(Tag::Br, name, (0, 0), true);
            return;
        }
        if self.overflow > 0 {
            self.overflow -= 1;
            return;
        }
        if tag == Tag::Other {
            // Custom elements close by name; an unmatched one is ignored.
            if let Some(i) = (1..self.stack.len())
                .rev()
                .find(|&i| self.names[i].as_deref() == Some(name))
            {
                self.truncate(i);
            }
            return;
        }
        // Find the innermost open element with this name; close it and everything inside.
        let boundary: &[Tag] = match tag {
            Tag::P | Tag::Li | Tag::Dd | Tag::Dt => {
                &[Tag::Table, Tag::Td, Tag::Th, Tag::Ul, Tag::Ol]
            }
            _ => &[],
        };
        if !self.is_open(tag) {
            return;
        }
        for i in (1..self.stack.len()).rev() {
            let t = self.tags[i];
            if t == tag || (tag == Tag::Script && t == Tag::ScriptTemplate) {
                self.truncate(i);
                return;
            }
            if boundary.contains(&t) && tag != t {
                return;
            }
        }
    }
}

/// Decodes HTML character references.
pub fn decode_entities(s: &str) -> Cow<'_, str> {
    if memchr::memchr(b'&', s.as_bytes()).is_none() {
        Cow::Borrowed(s)
    } else {
        html_escape::decode_html_entities(s)
    }
}

/// Parses an HTML page.
pub fn parse(html: &str) -> Dom<'_> {
    let mut b = Builder {
        nodes: Vec::with_capacity(html.len() / 40 + 16),
        attrs: Vec::with_capacity(html.len() / 200 + 16),
        stack: vec![0],
        names: vec![None],
        overflow: 0,
        attempted_depth: 0,
        head_open: false,
        tags: vec![Tag::Other],
        open: vec![0; Tag::Other as usize + 1],
    };
    b.nodes.push(Node {
        data: Data::Root,
        parent: NONE,
        first_child: NONE,
        last_child: NONE,
        next_sibling: NONE,
    });
    let bytes = html.as_bytes();
    let len = bytes.len();
    let mut i = 0;
    let mut text_start = 0;
    let mut read_to = None;
    while i < len {
        if b.nodes.len() >= MAX_NODES {
            read_to = Some(i);
            text_start = len;
            break;
        }
        let Some(off) = memchr::memchr(b'<', &bytes[i..]) else {
            break;
        };
        let lt = i + off;
        let next = bytes.get(lt + 1).copied().unwrap_or(0);
        if next.is_ascii_alphabetic() {
            b.text(&html[text_start..lt]);
            let (end, tag, name, attrs, self_closing) = parse_start_tag(html, lt + 1, &mut b.attrs);
            i = end;
            // A template parses as markup only if it holds markup (some hold scripts).
            let template = tag == Tag::Script
                && b.attrs[attrs.0 as usize..]
                    .iter()
                    .any(|(k, v)| *k == Attr::Type && is_html_template(v))
                && html[i..].trim_start().starts_with('<');
            let tag = if template { Tag::ScriptTemplate } else { tag };
            b.start(tag, &name, attrs, self_closing);
            if tag.is_raw_text() && !self_closing {
                // Content up to the matching end tag, case-insensitively.
                let close = find_end_tag(bytes, i, name.as_bytes());
                let (content_end, after) = close.unwrap_or((len, len));
                if matches!(tag, Tag::Title | Tag::Textarea | Tag::Noscript) {
                    b.text(&html[i..content_end]);
                } else if content_end > i {
                    b.append(Data::Text(Cow::Borrowed(&html[i..content_end])));
                }
                b.end(tag, &name);
                i = after;
            }
            text_start = i;
        } else if next == b'/' {
            b.text(&html[text_start..lt]);
            let name_start = lt + 2;
            let mut j = name_start;
            while j < len && !matches!(bytes[j], b'>' | b' ' | b'\t' | b'\n' | b'\r' | b'/') {
                j += 1;
            }
            let gt = memchr::memchr(b'>', &bytes[j..]).map_or(len, |k| j + k + 1);
            if j > name_start {
                let name = lower(&html[name_start..j]);
                b.end(Tag::from_name(&name), &name);
            }
            i = gt;
            text_start = i;
        } else if next == b'!' {
            b.text(&html[text_start..lt]);
            if bytes[lt..].starts_with(b"<!--") {
                i = memchr::memmem::find(&bytes[lt + 4..], b"-->").map_or(len, |k| lt + 4 + k + 3);
            } else if bytes[lt..].starts_with(b"<![CDATA[") {
                let end =
                    memchr::memmem::find(&bytes[lt + 9..], b"]]>").map_or(len, |k| lt + 9 + k);
                b.text(&html[lt + 9..end]);
                i = (end + 3).min(len);
            } else {
                i = memchr::memchr(b'>', &bytes[lt..]).map_or(len, |k| lt + k + 1);
            }
            text_start = i;
        } else if next == b'?' {
            b.text(&html[text_start..lt]);
            i = memchr::memchr(b'>', &bytes[lt..]).map_or(len, |k| lt + k + 1);
            text_start = i;
        } else {
            i = lt + 1;
        }
    }
    if text_start < len {
        b.text(&html[text_start..]);
    }
    Dom {
        nodes: b.nodes,
        attrs: b.attrs,
        attempted_depth: b.attempted_depth,
        read_to,
    }
}

/// `<script type="text/template">` and kin hold markup that pages render
/// client-side (Blogger puts whole posts there): it is parsed as HTML.
pub fn is_html_template(script_type: &str) -> bool {
    let t = script_type.trim().to_ascii_lowercase();
    matches!(
        t.as_str(),
        "text/template" | "text/html" | "text/x-template" | "text/x-html"
    )
}

/// Finds `</name` (case-insensitive) from `from`; returns (content end, index after `>`).
fn find_end_tag(bytes: &[u8], from: usize, name: &[u8]) -> Option<(usize, usize)> {
    let mut i = from;
    while let Some(k) = memchr::memmem::find(&bytes[i..], b"</") {
        let at = i + k;
        let s = at + 2;
        if bytes.len() >= s + name.len()
            && bytes[s..s + name.len()].eq_ignore_ascii_case(name)
            && bytes
                .get(s + name.len())
                .is_none_or(|c| matches!(c, b'>' | b' ' | b'\t' | b'\n' | b'\r' | b'/'))
        {
            let gt = memchr::memchr(b'>', &bytes[s..]).map_or(bytes.len(), |g| s + g + 1);
            return Some((at, gt));
        }
        i = at + 2;
    }
    None
}

type StartTag<'a> = (usize, Tag, Cow<'a, str>, (u32, u8), bool);

/// A name in lower case, borrowed when it already is (as nearly all are).
fn lower(name: &str) -> Cow<'_, str> {
    if name.bytes().any(|b| b.is_ascii_uppercase()) {
        Cow::Owned(name.to_ascii_lowercase())
    } else {
        Cow::Borrowed(name)
    }
}

/// Parses a start tag beginning at `i` (just after `<`).
fn parse_start_tag<'a>(
    html: &'a str,
    mut i: usize,
    attrs: &mut Vec<(Attr, Cow<'a, str>)>,
) -> StartTag<'a> {
    let bytes = html.as_bytes();
    let len = bytes.len();
    let ns = i;
    while i < len
        && !matches!(
            bytes[i],
            b'>' | b' ' | b'\t' | b'\n' | b'\r' | b'\x0c' | b'/'
        )
    {
        i += 1;
    }
    let name = lower(&html[ns..i]);
    let tag = Tag::from_name(&name);
    let first = attrs.len();
    let mut self_closing = false;
    loop {
        while i < len && matches!(bytes[i], b' ' | b'\t' | b'\n' | b'\r' | b'\x0c') {
            i += 1;
        }
        if i >= len {
            break;
        }
        match bytes[i] {
            b'>' => {
                i += 1;
                break;
            }
            b'/' => {
                i += 1;
                if bytes.get(i) == Some(&b'>') {
                    self_closing = true;
                    i += 1;
                    break;
                }
                continue;
            }
            _ => {}
        }
        let an = i;
        while i < len
            && !matches!(
                bytes[i],
                b'=' | b'>' | b' ' | b'\t' | b'\n' | b'\r' | b'\x0c' | b'/'
            )
        {
            i += 1;
        }
        if i == an {
            i += 1; // a stray character such as '"': skip it
            continue;
        }
        let attr_name = &html[an..i];
        while i < len && matches!(bytes[i], b' ' | b'\t' | b'\n' | b'\r') {
            i += 1;
        }
        let mut value = "";
        if i < len && bytes[i] == b'=' {
            i += 1;
            while i < len && matches!(bytes[i], b' ' | b'\t' | b'\n' | b'\r') {
                i += 1;
            }
            if i < len && (bytes[i] == b'"' || bytes[i] == b'\'') {
                let q = bytes[i];
                let vs = i + 1;
                let ve = memchr::memchr(q, &bytes[vs..]).map_or(len, |k| vs + k);
                value = &html[vs..ve];
                i = (ve + 1).min(len);
            } else {
                let vs = i;
                while i < len && !matches!(bytes[i], b'>' | b' ' | b'\t' | b'\n' | b'\r') {
                    i += 1;
                }
                value = &html[vs..i];
            }
        }
        let lower;
        let key = if attr_name.bytes().any(|c| c.is_ascii_uppercase()) {
            lower = attr_name.to_ascii_lowercase();
            &lower[..]
        } else {
            attr_name
        };
        if let Some(a) = Attr::from_name(key)
            && !attrs[first..].iter().any(|(k, _)| *k == a)
        {
            attrs.push((a, decode_entities(value)));
        }
    }
    let kept = (first as u32, (attrs.len() - first) as u8);
    (i, tag, name, kept, self_closing)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(dom: &Dom, tag: Tag) -> Vec<String> {
        (0..dom.nodes.len() as NodeId)
            .filter(|&i| dom.node(i).tag() == Some(tag))
            .map(|i| dom.text_of(i))
            .collect()
    }

    #[test]
    fn implied_end_tags() {
        let dom = parse("<ul><li>one<li>two</ul><p>a<p>b<div>c</div>");
        assert_eq!(texts(&dom, Tag::Li), ["one", "two"]);
        assert_eq!(texts(&dom, Tag::P), ["a", "b"]);
        let div = dom.find(Tag::Div).unwrap();
        assert_eq!(
            dom.node(dom.node(div).parent).tag(),
            None,
            "div is not inside p"
        );
    }

    #[test]
    fn raw_text_and_entities() {
        let dom = parse(
            "<script>if (a<b) {}</script><p class=x title='y'>Tom &amp; Jerry&nbsp;&eacute;</p>",
        );
        assert_eq!(texts(&dom, Tag::P), ["Tom & Jerry é"]);
        assert_eq!(texts(&dom, Tag::Script), ["if (a<b) {}"]);
        let p = dom.find(Tag::P).unwrap();
        assert_eq!(dom.attr(dom.node(p), Attr::Class), Some("x"));
    }

    #[test]
    fn content_in_head_ends_it() {
        let dom = parse("<html><head><title>t</title><div><p>body text</p></div></html>");
        let p = dom.find(Tag::P).unwrap();
        let mut id = p;
        while id != NONE {
            assert_ne!(dom.node(id).tag(), Some(Tag::Head));
            id = dom.node(id).parent;
        }
    }

    #[test]
    fn custom_elements_close_by_name() {
        let dom = parse("<body><x-banner hidden>ad</x-banner><p>text</p></body>");
        let p = dom.find(Tag::P).unwrap();
        assert_eq!(dom.node(dom.node(p).parent).tag(), Some(Tag::Body));
    }

    #[test]
    fn text_split_by_many_comments_is_linear() {
        let html = "<p>".to_owned() + &"a<!---->".repeat(200_000) + "</p>";
        let dom = parse(&html);
        assert_eq!(dom.text_of(dom.find(Tag::P).unwrap()).len(), 200_000);
    }

    #[test]
    fn stray_end_tags_are_ignored() {
        let dom = parse("<div><p>x</span></b>y</p></div></div></div>z");
        assert_eq!(texts(&dom, Tag::P), ["xy"]);
    }

    #[test]
    fn deep_nesting_is_bounded() {
        let html = "<div>".repeat(20_000) + "deep";
        let dom = parse(&html);
        assert!(dom.attempted_depth >= 20_000);
        let mut depth = 0;
        let mut id = dom.nodes.len() as NodeId - 1;
        while id != NONE {
            depth += 1;
            id = dom.node(id).parent;
        }
        assert!(depth <= MAX_DEPTH + 2);
    }
}
