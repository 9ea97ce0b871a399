//! Renders an article as plain text or Markdown.

use beacon_model::{Article, BlockKind};

/// Which optional parts to render.
#[derive(Debug, Clone, Copy, Default)]
pub struct RenderOptions {
    /// Start with the title, byline, date, URL and language.
    pub metadata: bool,
    /// End with the reader comments, marked as such.
    pub comments: bool,
}

/// Plain text: one block per line (tables one row per line).
pub fn text(a: &Article, opts: RenderOptions) -> String {
    let mut out = String::new();
    if opts.metadata {
        for (k, v) in header(a) {
            out.push_str(&format!("{k}: {v}\n"));
        }
        out.push('\n');
    }
    out.push_str(&a.text);
    out.push('\n');
    if opts.comments && !a.comments.is_empty() {
        out.push_str("\n--- Comments ---\n");
        for c in &a.comments {
            out.push_str(&c.text);
            out.push('\n');
        }
    }
    out
}

fn header(a: &Article) -> Vec<(&'static str, String)> {
    let mut h = Vec::new();
    if let Some(t) = &a.title {
        h.push(("title", t.clone()));
    }
    if let Some(b) = &a.byline {
        h.push(("author", b.clone()));
    }
    if let Some(p) = &a.published {
        h.push(("date", p.value.clone()));
    }
    if let Some(u) = &a.url {
        h.push(("url", u.clone()));
    }
    if let Some(s) = &a.source {
        h.push(("source", s.clone()));
    }
    if let Some(l) = &a.language {
        h.push(("language", l.clone()));
    }
    h.push(("origin", a.origin.clone()));
    if !a.warnings.is_empty() {
        let kinds: Vec<&str> = a.warnings.iter().map(|w| w.kind.as_str()).collect();
        h.push(("warnings", kinds.join(", ")));
    }
    h.push(("id", a.id.0.clone()));
    h
}

/// Markdown: headings, lists, quotations, tables and code blocks as such.
pub fn markdown(a: &Article, opts: RenderOptions) -> String {
    let mut out = String::new();
    if opts.metadata {
        out.push_str("---\n");
        for (k, v) in header(a) {
            out.push_str(&format!("{k}: {}\n", yaml_str(&v)));
        }
        out.push_str("---\n\n");
    }
    if let Some(t) = &a.title {
        out.push_str(&format!("# {}\n\n", escape_md(t)));
    }
    let mut prev: Option<BlockKind> = None;
    let mut counter = 0usize;
    for p in &a.paragraphs {
        let t = a.paragraph_text(p);
        if prev.is_some() && !(prev == Some(BlockKind::ListItem) && p.kind == BlockKind::ListItem) {
            out.push('\n');
        }
        if p.kind != BlockKind::ListItem {
            counter = 0;
        }
        match p.kind {
            BlockKind::Heading => {
                let level = p.level.unwrap_or(2).clamp(2, 6) as usize;
                out.push_str(&format!("{} {}\n", "#".repeat(level), escape_md(t)));
            }
            BlockKind::ListItem => {
                let indent = "  ".repeat(p.level.unwrap_or(1).saturating_sub(1) as usize);
                if p.ordered {
                    counter += 1;
                    out.push_str(&format!("{indent}{counter}. {}\n", escape_md(t)));
                } else {
                    out.push_str(&format!("{indent}- {}\n", escape_md(t)));
                }
            }
            BlockKind::Quote => {
                for line in t.lines() {
                    out.push_str(&format!("> {}\n", escape_md(line)));
                }
            }
            BlockKind::Preformatted => {
                out.push_str("```\n");
                out.push_str(t);
                out.push_str("\n```\n");
            }
            BlockKind::Table => {
                for (i, row) in t.lines().enumerate() {
                    let cells: Vec<String> =
                        row.split(" | ").map(|c| c.replace('|', "\\|")).collect();
                    out.push_str(&format!("| {} |\n", cells.join(" | ")));
                    if i == 0 {
                        out.push_str(&format!("|{}\n", " --- |".repeat(cells.len())));
                    }
                }
            }
            BlockKind::Paragraph => {
                out.push_str(&escape_md(t));
                out.push('\n');
            }
        }
        prev = Some(p.kind);
    }
    if opts.comments && !a.comments.is_empty() {
        out.push_str("\n## Comments\n\n");
        for c in &a.comments {
            for line in c.text.lines() {
                out.push_str(&format!("> {}\n", escape_md(line)));
            }
            out.push('\n');
        }
    }
    out
}

/// Escapes characters that would start Markdown or HTML constructs.
fn escape_md(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for (i, c) in s.chars().enumerate() {
        match c {
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '*' | '_' | '`' | '[' | ']' | '\\' => {
                out.push('\\');
                out.push(c);
            }
            '#' | '-' | '+' if i == 0 => {
                out.push('\\');
                out.push(c);
            }
            _ => out.push(c),
        }
    }
    out
}

fn yaml_str(s: &str) -> String {
    serde_json_like_quote(s)
}

/// A double-quoted string valid in both YAML and JSON.
fn serde_json_like_quote(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            c if (c as u32) < 0x20 => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markdown_renders_structure_and_escapes_html() {
        let html = "<article><h2>Facts</h2><p>The ministry said on Tuesday that the talks would continue, <script>x</script>a &lt;b&gt; tag.</p>\
                    <ul><li>one thing that matters here</li><li>two things that matter too</li></ul></article>";
        let a = crate::extract_html(html, None).unwrap();
        let md = markdown(&a, RenderOptions::default());
        assert!(md.contains("## Facts\n"), "{md}");
        assert!(
            md.contains("- one thing that matters here\n- two things"),
            "{md}"
        );
        assert!(md.contains("a &lt;b&gt; tag."), "{md}");
    }
}
