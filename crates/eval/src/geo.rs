//! The geoparsing scorer, on GeoVirus and TR-News (`<articles>` XML).
//!
//! **Gold.** Each `<article>`'s `<text>` (entities and CDATA decoded) and
//! its toponyms: GeoVirus' `<location>` (`name`, `start`, `end`, `lat`,
//! `lon`, a Wikipedia `page`), TR-News' `<toponym>` (`phrase`, `start`,
//! `end`, and a `<gaztag geonameid>` with `lat`, `lon`). Offsets are code
//! points; where the text at the offsets is not the name (GeoVirus' offsets
//! are one too far throughout, some TR-News articles likewise), the name's
//! occurrence nearest the offset within 5 code points is taken; failing
//! that, its nearest occurrence anywhere in the text, counted as
//! misaligned (a name that does not occur keeps its offsets). Toponyms without
//! coordinates (TR-News' 44 without a gaztag) count for recognition only.
//!
//! **Given gold toponyms.** Every gold toponym's span goes to
//! [`Gazetteer::resolve`] at once, with the article's text as context; its
//! error is the great-circle distance from the chosen entry's point to the
//! gold point (a name with no candidate: 20,039 km, half the circumference).
//!
//! **End to end.** A recogniser ([`PlaceRecogniser`]: the dictionary pass
//! now, the learned model later) finds spans, and the resolver resolves
//! them. Recognition is scored by overlap: a predicted span matches the
//! first unmatched gold toponym it shares a code point with (P, R, F1);
//! geocoding figures are over the matched pairs, as in Gritta et al.
//! (2018), "What's missing in geographical parsing?"; `acc161_all` also
//! counts every missed gold toponym as wrong.
//!
//! **Figures.** Accuracy within 161 km (100 miles); mean and median error
//! in km; AUC of the error curve as Gritta et al. define it: the mean of
//! `ln(1 + error) / ln(20039)` (0 is perfect, lower is better); and, where
//! the gold gives GeoNames ids (TR-News), the share resolved to exactly that
//! entry.

use std::path::Path;

use beacon_gazetteer::{Gazetteer, PlaceRecogniser, PlaceSpan, haversine_km};

use crate::EvalError;

/// Half the Earth's circumference: the error of a name left unresolved.
pub const MAX_ERROR_KM: f64 = 20_039.0;

/// One gold toponym.
#[derive(Debug, Clone)]
pub struct GoldToponym {
    /// The name as the gold gives it.
    pub name: String,
    /// First code point in the article text (after alignment).
    pub start: usize,
    /// One past the last.
    pub end: usize,
    /// Gold point, when the gold locates it.
    pub point: Option<(f64, f64)>,
    /// Gold GeoNames id, when given (TR-News).
    pub geonames_id: Option<u64>,
    /// The title of the gold's Wikipedia page, when given (GeoVirus):
    /// `Pandi,_Bulacan` -> `Pandi, Bulacan`.
    pub page_title: Option<String>,
}

/// One gold article.
#[derive(Debug, Clone)]
pub struct GeoArticle {
    /// Its position in the file, from 0.
    pub index: usize,
    /// Its id for the split ([`crate::split::Part::of`]): its address
    /// (`<source>`, `<url>`), else its `docid`, else its position.
    pub id: String,
    /// The article text.
    pub text: String,
    /// Its toponyms.
    pub toponyms: Vec<GoldToponym>,
}

/// The gold of a directory: every `*.xml` in it, in name order; and how
/// many toponyms could not be aligned to their name.
pub fn load_geo_gold(dir: &Path) -> Result<(Vec<GeoArticle>, usize), EvalError> {
    let rd = std::fs::read_dir(dir).map_err(|source| EvalError::Io {
        path: dir.to_owned(),
        source,
    })?;
    let mut files: Vec<_> = rd
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "xml"))
        .collect();
    files.sort();
    if files.is_empty() {
        return Err(EvalError::Format {
            path: dir.to_owned(),
            detail: "no .xml gold file".into(),
        });
    }
    let mut out = Vec::new();
    let mut misaligned = 0;
    for f in files {
        let xml = std::fs::read_to_string(&f).map_err(|source| EvalError::Io {
            path: f.clone(),
            source,
        })?;
        for block in elements(&xml, "article") {
            let text = element_text(block, "text").unwrap_or_default();
            let chars: Vec<char> = text.chars().collect();
            let mut toponyms = Vec::new();
            for (tag, name_tag) in [("location", "name"), ("toponym", "phrase")] {
                for t in elements(block, tag) {
                    let name = element_text(t, name_tag).unwrap_or_default();
                    let num =
                        |k: &str| element_text(t, k).and_then(|v| v.trim().parse::<f64>().ok());
                    let (Some(s), Some(e)) = (num("start"), num("end")) else {
                        continue;
                    };
                    let (start, end, ok) = align(&chars, &name, s as usize, e as usize);
                    if !ok {
                        misaligned += 1;
                    }
                    let point = match (num("lat"), num("lon")) {
                        (Some(a), Some(b)) => Some((a, b)),
                        _ => None,
                    };
                    let geonames_id = t
                        .find("geonameid=\"")
                        .and_then(|i| t[i + 11..].split('"').next())
                        .and_then(|v| v.parse().ok());
                    let page_title = element_text(t, "page").and_then(|u| page_title(&u));
                    toponyms.push(GoldToponym {
                        name,
                        start,
                        end,
                        point,
                        geonames_id,
                        page_title,
                    });
                }
            }
            toponyms.sort_by_key(|t| (t.start, t.end));
            let id = ["source", "url"]
                .iter()
                .find_map(|k| element_text(block, k).map(|v| v.trim().to_owned()))
                .filter(|v| !v.is_empty())
                .or_else(|| {
                    block
                        .find("docid=\"")
                        .and_then(|i| block[i + 7..].split('"').next())
                        .map(str::to_owned)
                })
                .unwrap_or_else(|| format!("article-{}", out.len()));
            out.push(GeoArticle {
                index: out.len(),
                id,
                text,
                toponyms,
            });
        }
    }
    Ok((out, misaligned))
}

fn align(chars: &[char], name: &str, start: usize, end: usize) -> (usize, usize, bool) {
    let n: Vec<char> = name.chars().collect();
    let at = |s: usize| s + n.len() <= chars.len() && chars[s..s + n.len()] == n[..];
    if at(start) {
        return (start, start + n.len(), true);
    }
    for d in 1..=5usize {
        if start >= d && at(start - d) {
            return (start - d, start - d + n.len(), true);
        }
        if at(start + d) {
            return (start + d, start + d + n.len(), true);
        }
    }
    // further off: the nearest occurrence anywhere (counted as misaligned)
    let nearest = (0..(chars.len() + 1).saturating_sub(n.len()))
        .filter(|&s| !n.is_empty() && at(s))
        .min_by_key(|&s| s.abs_diff(start));
    match nearest {
        Some(s) => (s, s + n.len(), false),
        None => (start, end.max(start), false),
    }
}

/// The bodies of `<tag …>…</tag>` elements, in order (no nesting of `tag`).
fn elements<'a>(xml: &'a str, tag: &str) -> Vec<&'a str> {
    let open = format!("<{tag}");
    let close = format!("</{tag}>");
    let mut out = Vec::new();
    let mut rest = xml;
    while let Some(i) = rest.find(&open) {
        let after = &rest[i + open.len()..];
        // `<tag>` or `<tag attr…>`, not `<tagfoo>`
        if !after.starts_with(['>', ' ', '\n', '\t', '/']) {
            rest = after;
            continue;
        }
        let Some(j) = after.find(&close) else { break };
        let body = &after[..j];
        out.push(body);
        rest = &after[j + close.len()..];
    }
    out
}

/// The decoded text of the first `<tag>` element inside `xml`.
fn element_text(xml: &str, tag: &str) -> Option<String> {
    let body = *elements(xml, tag).first()?;
    let inner = &body[body.find('>')? + 1..];
    let inner = inner.trim_start_matches(['\n', ' ']).trim_end();
    if let Some(c) = inner.strip_prefix("<![CDATA[") {
        return Some(c.strip_suffix("]]>").unwrap_or(c).to_string());
    }
    // GeoVirus' text is the element's content verbatim, entities decoded;
    // keep leading/trailing spaces of the raw content for offsets
    let raw = &body[body.find('>')? + 1..];
    Some(decode_entities(if tag == "text" { raw } else { inner }))
}

fn decode_entities(s: &str) -> String {
    if !s.contains('&') {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        let tail = &rest[i..];
        let Some(j) = tail.find(';').filter(|&j| j <= 10) else {
            out.push('&');
            rest = &tail[1..];
            continue;
        };
        let ent = &tail[1..j];
        let ch = match ent {
            "amp" => Some('&'),
            "lt" => Some('<'),
            "gt" => Some('>'),
            "quot" => Some('"'),
            "apos" => Some('\''),
            _ => ent
                .strip_prefix("#x")
                .and_then(|h| u32::from_str_radix(h, 16).ok())
                .or_else(|| ent.strip_prefix('#').and_then(|d| d.parse().ok()))
                .and_then(char::from_u32),
        };
        match ch {
            Some(c) => {
                out.push(c);
                rest = &tail[j + 1..];
            }
            None => {
                out.push('&');
                rest = &tail[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// The geocoding figures over a set of (predicted, gold) pairs.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct GeoScores {
    /// Pairs scored.
    pub n: usize,
    /// Share with error ≤ 161 km.
    pub acc161: f64,
    /// Mean error, km.
    pub mean_km: f64,
    /// Median error, km.
    pub median_km: f64,
    /// Gritta et al.'s AUC (lower is better).
    pub auc: f64,
    /// Share resolved to the gold GeoNames id, over pairs that give one.
    pub exact_id: Option<f64>,
}

impl GeoScores {
    fn from_errors(errors: &[f64], ids: (usize, usize)) -> GeoScores {
        let n = errors.len();
        if n == 0 {
            return GeoScores::default();
        }
        let mut sorted = errors.to_vec();
        sorted.sort_by(f64::total_cmp);
        let median = if n % 2 == 1 {
            sorted[n / 2]
        } else {
            (sorted[n / 2 - 1] + sorted[n / 2]) / 2.0
        };
        GeoScores {
            n,
            acc161: errors.iter().filter(|&&e| e <= 161.0).count() as f64 / n as f64,
            mean_km: errors.iter().sum::<f64>() / n as f64,
            median_km: median,
            auc: errors
                .iter()
                .map(|e| (1.0 + e).ln() / (1.0 + MAX_ERROR_KM).ln())
                .sum::<f64>()
                / n as f64,
            exact_id: (ids.1 > 0).then(|| ids.0 as f64 / ids.1 as f64),
        }
    }
}

/// What went wrong with a toponym resolved more than 161 km from its gold
/// point (given gold toponyms).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum ErrorKind {
    /// The right entry at another point: the gold gives its GeoNames id, or
    /// names its Wikipedia page and the answer is the area of that name
    /// (GeoVirus' points are Wikipedia's, whose countries and regions sit
    /// hundreds of km from GeoNames' points).
    Point,
    /// Another entry: a namesake, or a wrong entry of any kind.
    Namesake,
    /// No entry at all: the name is missing from the gazetteer.
    Missing,
}

impl ErrorKind {
    /// Every kind, in the order a table lists them.
    pub const ALL: [ErrorKind; 3] = [ErrorKind::Point, ErrorKind::Namesake, ErrorKind::Missing];

    /// Its name in the tables.
    pub fn as_str(self) -> &'static str {
        match self {
            ErrorKind::Point => "point (right entry, far point)",
            ErrorKind::Namesake => "namesake (another entry)",
            ErrorKind::Missing => "missing entry",
        }
    }
}

/// One scored toponym, for listing the worst.
#[derive(Debug, Clone)]
pub struct GeoMiss {
    /// Article index.
    pub article: usize,
    /// The name.
    pub name: String,
    /// Error, km.
    pub error_km: f64,
    /// What it resolved to (`name, CC` or `-`).
    pub got: String,
    /// Gold point.
    pub gold: (f64, f64),
    /// What went wrong, when it is more than 161 km off.
    pub kind: Option<ErrorKind>,
}

fn describe(g: &Gazetteer, entry: Option<u32>) -> String {
    match entry {
        None => "-".into(),
        Some(ix) => {
            let e = g.entry(ix);
            format!(
                "{} ({:?}, {}, pop {})",
                e.name,
                e.kind,
                e.country
                    .map(|c| beacon_gazetteer::code_str(&c).to_string())
                    .unwrap_or_default(),
                e.population
            )
        }
    }
}

/// A Wikipedia page's title from its address, `_` as spaces and `%XX`
/// decoded; `None` for an address without `/wiki/`.
fn page_title(url: &str) -> Option<String> {
    let raw = url.trim().split("/wiki/").nth(1)?;
    let bytes = raw.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = bytes
            .get(i + 1..i + 3)
            .and_then(|h| std::str::from_utf8(h).ok())
            .and_then(|h| u8::from_str_radix(h, 16).ok());
        match (bytes[i], hex) {
            (b'%', Some(b)) => {
                out.push(b);
                i += 3;
            }
            (b'_', _) => {
                out.push(b' ');
                i += 1;
            }
            (b, _) => {
                out.push(b);
                i += 1;
            }
        }
    }
    let title = String::from_utf8_lossy(&out).trim().to_owned();
    (!title.is_empty()).then_some(title)
}

/// Whether `entry` is an area (country, division, region, feature) whose
/// name is the page's title. A title with a disambiguator ("Georgia
/// (country)") never matches: its namesake may be the wrong one.
fn area_titled(g: &Gazetteer, entry: u32, title: &str) -> bool {
    let e = g.entry(entry);
    let area = !matches!(e.kind, beacon_gazetteer::EntryKind::Place);
    area && !title.contains('(') && beacon_gazetteer::fold(e.name) == beacon_gazetteer::fold(title)
}

fn error_of(g: &Gazetteer, entry: Option<u32>, gold: (f64, f64)) -> f64 {
    match entry {
        None => MAX_ERROR_KM,
        Some(ix) => {
            let e = g.entry(ix);
            haversine_km(f64::from(e.lat), f64::from(e.lon), gold.0, gold.1)
        }
    }
}

/// Given gold toponyms: the figures, and every scored toponym (worst first).
pub fn score_given_gold(g: &Gazetteer, articles: &[GeoArticle]) -> (GeoScores, Vec<GeoMiss>) {
    score_given_gold_with(g, articles, &beacon_gazetteer::ResolverWeights::default())
}

/// [`score_given_gold`] with other resolver weights (for fitting them).
pub fn score_given_gold_with(
    g: &Gazetteer,
    articles: &[GeoArticle],
    weights: &beacon_gazetteer::ResolverWeights,
) -> (GeoScores, Vec<GeoMiss>) {
    let mut errors = Vec::new();
    let mut ids = (0, 0);
    let mut misses = Vec::new();
    for a in articles {
        let spans: Vec<PlaceSpan> = a
            .toponyms
            .iter()
            .map(|t| PlaceSpan {
                start: t.start,
                end: t.end,
            })
            .collect();
        let res = g.resolve_with(&a.text, &spans, weights);
        for (t, r) in a.toponyms.iter().zip(&res) {
            let Some(gold) = t.point else { continue };
            let err = error_of(g, r.entry, gold);
            errors.push(err);
            let same_id = t
                .geonames_id
                .is_some_and(|id| r.entry.and_then(|e| g.entry(e).geonames_id) == Some(id));
            if t.geonames_id.is_some() {
                ids.1 += 1;
                ids.0 += usize::from(same_id);
            }
            let kind = (err > 161.0).then_some(match r.entry {
                None => ErrorKind::Missing,
                Some(_) if same_id => ErrorKind::Point,
                Some(e)
                    if t.page_title
                        .as_deref()
                        .is_some_and(|p| area_titled(g, e, p)) =>
                {
                    ErrorKind::Point
                }
                Some(_) => ErrorKind::Namesake,
            });
            misses.push(GeoMiss {
                article: a.index,
                name: t.name.clone(),
                error_km: err,
                got: describe(g, r.entry),
                gold,
                kind,
            });
        }
    }
    misses.sort_by(|a, b| b.error_km.total_cmp(&a.error_km));
    (GeoScores::from_errors(&errors, ids), misses)
}

/// End to end: recognition P/R/F1 and the geocoding figures over matched pairs.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct EndToEnd {
    /// Predicted spans.
    pub predicted: usize,
    /// Gold toponyms.
    pub gold: usize,
    /// Predicted spans that overlap a gold toponym.
    pub matched: usize,
    /// Recognition precision.
    pub precision: f64,
    /// Recognition recall.
    pub recall: f64,
    /// Recognition F1.
    pub f1: f64,
    /// Geocoding over the matched pairs with a gold point.
    pub geo: GeoScores,
    /// Accuracy within 161 km over all gold toponyms with a point, a missed
    /// one counting as wrong.
    pub acc161_all: f64,
    /// The text of each predicted span no gold toponym overlaps.
    pub not_places: Vec<String>,
    /// The name of each gold toponym no predicted span overlaps.
    pub missed: Vec<String>,
}

/// End to end with any recogniser.
pub fn score_end_to_end(
    g: &Gazetteer,
    articles: &[GeoArticle],
    recogniser: &dyn PlaceRecogniser,
) -> EndToEnd {
    let (mut predicted, mut gold_n, mut matched) = (0, 0, 0);
    let mut errors = Vec::new();
    let mut ids = (0, 0);
    let mut located = 0usize;
    let mut not_places = Vec::new();
    let mut missed = Vec::new();
    for a in articles {
        let spans = recogniser.place_spans(&a.text);
        let res = g.resolve(&a.text, &spans);
        // a span with no entry is not a place: not predicted
        let kept: Vec<_> = res.iter().filter(|r| r.entry.is_some()).collect();
        predicted += kept.len();
        gold_n += a.toponyms.len();
        located += a.toponyms.iter().filter(|t| t.point.is_some()).count();
        let mut used = vec![false; a.toponyms.len()];
        for r in kept {
            let hit = a
                .toponyms
                .iter()
                .enumerate()
                .find(|(k, t)| !used[*k] && t.start < r.end && r.start < t.end);
            if hit.is_none() {
                not_places.push(a.text.chars().skip(r.start).take(r.end - r.start).collect());
            }
            if let Some((k, t)) = hit {
                used[k] = true;
                matched += 1;
                if let Some(p) = t.point {
                    errors.push(error_of(g, r.entry, p));
                    if let Some(id) = t.geonames_id {
                        ids.1 += 1;
                        if r.entry.and_then(|e| g.entry(e).geonames_id) == Some(id) {
                            ids.0 += 1;
                        }
                    }
                }
            }
        }
        missed.extend(
            a.toponyms
                .iter()
                .zip(&used)
                .filter(|(_, u)| !**u)
                .map(|(t, _)| t.name.clone()),
        );
    }
    let precision = if predicted > 0 {
        matched as f64 / predicted as f64
    } else {
        0.0
    };
    let recall = if gold_n > 0 {
        matched as f64 / gold_n as f64
    } else {
        0.0
    };
    let f1 = if precision + recall > 0.0 {
        2.0 * precision * recall / (precision + recall)
    } else {
        0.0
    };
    let geo = GeoScores::from_errors(&errors, ids);
    let within = errors.iter().filter(|&&e| e <= 161.0).count();
    EndToEnd {
        predicted,
        gold: gold_n,
        matched,
        precision,
        recall,
        f1,
        acc161_all: if located > 0 {
            within as f64 / located as f64
        } else {
            0.0
        },
        geo,
        not_places,
        missed,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_both_gold_shapes_and_aligns_offsets() {
        let xml = r#"<articles><article><source>x</source><text>In Pandi, Bulacan &amp; more.</text>
<locations><location><name>Pandi</name><start>4</start><end>9</end><lat>14.87</lat><lon>120.95</lon><page>https://en.wikipedia.org/wiki/Pandi,_Bulacan</page></location></locations></article>
<article docid="1"><text><![CDATA[Turkish troops]]></text><toponyms><toponym><phrase>Turkish</phrase><start>0</start><end>7</end>
<gaztag geonameid="298795"><name>Turkey</name><lat>39</lat><lon>35</lon></gaztag></toponym>
<toponym><phrase>Kurdish</phrase><start>1</start><end>8</end></toponym></toponyms></article></articles>"#;
        let dir = tempdir_with(xml);
        let (arts, misaligned) = load_geo_gold(dir.path()).unwrap();
        assert_eq!(arts.len(), 2);
        assert_eq!(arts[0].text, "In Pandi, Bulacan & more.");
        assert_eq!((arts[0].toponyms[0].start, arts[0].toponyms[0].end), (3, 8));
        assert_eq!(arts[1].toponyms[0].geonames_id, Some(298795));
        assert_eq!(arts[1].toponyms[0].point, Some((39.0, 35.0)));
        assert_eq!(arts[1].toponyms[1].point, None);
        assert_eq!(misaligned, 1);
        assert_eq!(
            arts[0].toponyms[0].page_title.as_deref(),
            Some("Pandi, Bulacan")
        );
        assert_eq!(arts[1].toponyms[0].page_title, None);
    }

    #[test]
    fn page_titles_are_decoded() {
        let t = |u: &str| page_title(u);
        assert_eq!(
            t("https://en.wikipedia.org/wiki/C%C3%B4te_d%27Ivoire").as_deref(),
            Some("Côte d'Ivoire")
        );
        assert_eq!(
            t("https://en.wikipedia.org/wiki/Georgia_(country)").as_deref(),
            Some("Georgia (country)")
        );
        assert_eq!(
            t("https://en.wikipedia.org/wiki/100%"),
            Some("100%".to_owned())
        );
        assert_eq!(t("https://example.org/Canada"), None);
        assert_eq!(t("https://en.wikipedia.org/wiki/"), None);
    }

    /// Wikipedia's point for Canada is ~1,000 km from GeoNames': the right
    /// entry at another point, not a namesake; a wrong page stays a namesake.
    #[test]
    fn the_right_area_at_wikipedias_point_is_a_point_error() {
        let g = &beacon_gazetteer::Gazetteer::load().unwrap();
        let text = "Flu cases rose across Canada this winter.";
        let start = text.find("Canada").unwrap();
        let art = |page: &str| GeoArticle {
            index: 0,
            id: "a".into(),
            text: text.into(),
            toponyms: vec![GoldToponym {
                name: "Canada".into(),
                start,
                end: start + 6,
                point: Some((60.0, -95.0)),
                geonames_id: None,
                page_title: page_title(page),
            }],
        };
        let kind = |page: &str| score_given_gold(g, &[art(page)]).1[0].kind;
        assert_eq!(
            kind("https://en.wikipedia.org/wiki/Canada"),
            Some(ErrorKind::Point)
        );
        assert_eq!(
            kind("https://en.wikipedia.org/wiki/Canada_(disambiguation)"),
            Some(ErrorKind::Namesake)
        );
        assert_eq!(
            kind("https://en.wikipedia.org/wiki/Ontario"),
            Some(ErrorKind::Namesake)
        );
    }

    fn tempdir_with(xml: &str) -> TempDir {
        let dir =
            std::env::temp_dir().join(format!("beacon-geo-{}-{}", std::process::id(), xml.len()));
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join("gold.xml"), xml).unwrap();
        TempDir(dir)
    }

    struct TempDir(std::path::PathBuf);
    impl TempDir {
        fn path(&self) -> &Path {
            &self.0
        }
    }
    impl Drop for TempDir {
        fn drop(&mut self) {
            let _ = std::fs::remove_dir_all(&self.0);
        }
    }

    #[test]
    fn figures_from_errors() {
        let s = GeoScores::from_errors(&[0.0, 100.0, 200.0, 1000.0], (1, 2));
        assert_eq!(s.n, 4);
        assert!((s.acc161 - 0.5).abs() < 1e-9);
        assert!((s.median_km - 150.0).abs() < 1e-9);
        assert!((s.mean_km - 325.0).abs() < 1e-9);
        assert_eq!(s.exact_id, Some(0.5));
    }
}
