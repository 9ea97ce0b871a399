//! OPML 2.0 subscription lists, the format feed readers import and export:
//! each `<outline>` with an `xmlUrl` is a source. Beacon writes its own
//! fields as further attributes (`kind`, `pattern`, `country`, `tlp`,
//! `note`, `paused`; `language` and `category` are OPML's own), and reads
//! lists from other tools, where only `text` and `xmlUrl` are certain.
//! Outlines nested in a folder outline take the folder's name as a tag.

use beacon_model::{BadValue, Source, SourceKind, source_slug};
use quick_xml::events::{BytesStart, Event};

/// The sources of an OPML document, each checked; the first bad outline
/// is the error (with its place).
pub fn read(text: &str) -> Result<Vec<Source>, String> {
    let mut reader = quick_xml::Reader::from_str(text);
    let mut out = Vec::new();
    let mut folders: Vec<Option<String>> = Vec::new();
    let mut saw_opml = false;
    loop {
        let event = reader.read_event().map_err(|e| {
            format!(
                "not readable OPML (at byte {}): {e}",
                reader.error_position()
            )
        })?;
        match event {
            Event::Start(e) | Event::Empty(e) if e.local_name().as_ref() == "opml" => {
                saw_opml = true;
            }
            Event::Start(e) if e.local_name().as_ref() == "outline" => {
                let source = outline(&e, &folders)?;
                let folder = match &source {
                    Some(s) => {
                        out.push(s.clone());
                        None
                    }
                    None => attr(&e, "text").or_else(|| attr(&e, "title")),
                };
                folders.push(folder);
            }
            Event::Empty(e) if e.local_name().as_ref() == "outline" => {
                out.extend(outline(&e, &folders)?);
            }
            Event::End(e) if e.local_name().as_ref() == "outline" => {
                folders.pop();
            }
            Event::Eof => break,
            _ => {}
        }
    }
    if !saw_opml {
        return Err("not OPML: no <opml> element".into());
    }
    Ok(out)
}

fn attr(e: &BytesStart<'_>, name: &str) -> Option<String> {
    e.attributes().flatten().find_map(|a| {
        (a.key.local_name().as_ref() == name)
            .then(|| {
                a.normalized_value(quick_xml::XmlVersion::Implicit1_0)
                    .ok()
                    .map(|v| v.trim().to_owned())
            })
            .flatten()
            .filter(|v| !v.is_empty())
    })
}

/// The source an outline stands for (`None`: a folder).
fn outline(e: &BytesStart<'_>, folders: &[Option<String>]) -> Result<Option<Source>, String> {
    let Some(url) = attr(e, "xmlUrl").or_else(|| attr(e, "url")) else {
        return Ok(None);
    };
    let name = attr(e, "text")
        .or_else(|| attr(e, "title"))
        .unwrap_or_else(|| url.clone());
    let bad = |m: BadValue| format!("outline {name:?}: {m}");
    let kind = match attr(e, "kind") {
        Some(k) => k.parse::<SourceKind>().map_err(bad)?,
        None => SourceKind::Feed,
    };
    let mut s = Source::new(&name, &url, kind);
    s.id = attr(e, "id").unwrap_or_else(|| source_slug(&name));
    s.pattern = attr(e, "pattern");
    s.languages = list(attr(e, "language"))
        .into_iter()
        .map(|l| l.to_ascii_lowercase())
        .collect();
    s.country = attr(e, "country")
        .map(|c| c.parse())
        .transpose()
        .map_err(bad)?;
    s.tlp = attr(e, "tlp")
        .map(|t| t.parse())
        .transpose()
        .map_err(bad)?
        .unwrap_or_default();
    s.note = attr(e, "note");
    s.paused = attr(e, "paused").is_some_and(|p| p == "true");
    s.tags = folders.iter().flatten().cloned().collect();
    for t in list(attr(e, "category")) {
        let t = t.trim_start_matches('/').to_owned();
        if !t.is_empty() && !s.tags.contains(&t) {
            s.tags.push(t);
        }
    }
    s.check().map_err(bad)?;
    Ok(Some(s))
}

fn list(v: Option<String>) -> Vec<String> {
    v.map(|v| {
        v.split(',')
            .map(|x| x.trim().to_owned())
            .filter(|x| !x.is_empty())
            .collect()
    })
    .unwrap_or_default()
}

/// An OPML 2.0 document of `sources` (what [`read`] reads back whole).
pub fn write(sources: &[Source], title: &str) -> String {
    let esc = |s: &str| quick_xml::escape::escape(s).into_owned();
    let mut out = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<opml version=\"2.0\">\n  <head>\n    <title>{}</title>\n  </head>\n  <body>\n",
        esc(title)
    );
    for s in sources {
        let mut attrs = vec![
            ("text", s.name.clone()),
            (
                "type",
                if s.kind == SourceKind::Feed {
                    "rss"
                } else {
                    "link"
                }
                .to_owned(),
            ),
            ("xmlUrl", s.url.clone()),
            ("id", s.id.clone()),
            ("kind", s.kind.to_string()),
            ("tlp", s.tlp.to_string()),
        ];
        let optional = [
            ("pattern", s.pattern.clone()),
            (
                "language",
                Some(s.languages.join(",")).filter(|l| !l.is_empty()),
            ),
            ("country", s.country.map(|c| c.to_string())),
            ("category", Some(s.tags.join(",")).filter(|t| !t.is_empty())),
            ("note", s.note.clone()),
            ("paused", s.paused.then(|| "true".to_owned())),
        ];
        attrs.extend(optional.into_iter().filter_map(|(k, v)| Some((k, v?))));
        let written: Vec<String> = attrs
            .iter()
            .map(|(k, v)| format!("{k}=\"{}\"", esc(v)))
            .collect();
        out.push_str(&format!("    <outline {}/>\n", written.join(" ")));
    }
    out.push_str("  </body>\n</opml>\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use beacon_model::Tlp;

    #[test]
    fn lists_from_other_readers_and_beacons_own_read_back() {
        let other = r#"<?xml version="1.0"?><opml version="1.0"><head/><body>
            <outline text="Central Asia">
              <outline text="Eurasianet" type="rss" xmlUrl="https://eurasianet.org/rss" htmlUrl="https://eurasianet.org"/>
              <outline text="Asia-Plus &amp; co" xmlUrl="https://asiaplustj.info/en/rss" language="EN" category="/tajikistan,border"/>
            </outline></body></opml>"#;
        let got = read(other).expect("OPML");
        assert_eq!(got.len(), 2);
        assert_eq!(got[0].id, "src-eurasianet");
        assert_eq!(got[0].tags, ["Central Asia"]);
        assert_eq!(got[1].name, "Asia-Plus & co");
        assert_eq!(got[1].languages, ["en"]);
        assert_eq!(got[1].tags, ["Central Asia", "tajikistan", "border"]);

        let mut mine = got.clone();
        mine[0].tlp = Tlp::AmberStrict;
        mine[0].note = Some("checked \"weekly\" <by hand>".into());
        mine[1].kind = SourceKind::Page;
        mine[1].pattern = Some("https://asiaplustj.info/en/news/*".into());
        mine[1].country = "tj".parse().ok();
        mine[1].paused = true;
        assert_eq!(read(&write(&mine, "Beacon sources")).expect("OPML"), mine);
        assert!(read("<html/>").is_err());
        let bad = r#"<opml><body><outline text="x" xmlUrl="file:///etc/passwd"/></body></opml>"#;
        assert!(read(bad).unwrap_err().contains("\"x\""));
    }
}
