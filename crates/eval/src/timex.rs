//! The time-expression scorer, TempEval-3 style, on MEANTIME's token-annotated
//! news articles (`intra-doc_annotation/*/*.xml`).
//!
//! **Documents.** Each file's tokens (`<token t_id sentence number>`) are
//! joined back into text: one space between tokens, none before `, . ; : ! ?
//! ) ] } %` and clitics (`'s`, `n't`, `'re`…), none after `( [ { $`, and
//! straight double quotes read as opening and closing in turn. Sentence 0 is
//! the title and sentence 1 the dateline; the article text is the dateline, a
//! line break, and the body's sentences separated by spaces. The document is
//! `title + "\n" + text`, and every token's code-point offsets into it are
//! kept.
//!
//! **Gold.** Every `<TIMEX3>` with token anchors (the dateline's
//! `CREATION_TIME` included) is a gold expression spanning its first token's
//! start to its last token's end; TIMEX3 tags without tokens (empty,
//! non-consuming) are not. MEANTIME annotates only the title, the dateline and
//! the first sentences of each article: the *annotated region* ends with the
//! last token of sentence [`ANNOTATED_SENTENCES`]` - 1`.
//!
//! **System.** Beacon runs as on any input: the text goes in as a JSONL
//! `text` record (with the title and the article's URL, and no publication
//! date) through ingest, extraction and the dates stage, so the anchor is the
//! publication date Beacon finds itself (from the dateline); then the tagger
//! runs on the text and, separately, on the title. Expressions that start
//! after the annotated region are not counted.
//!
//! **Metrics** (TempEval-3, UzZaman et al. 2013). With S the system
//! expressions and G the gold ones:
//! - *strict span*: a pair matches when start and end are equal;
//!   P = matches / |S|, R = matches / |G|.
//! - *relaxed span*: a pair matches when the spans share a code point; each
//!   expression matches at most one other (gold in text order, each taking the
//!   first unmatched system expression it overlaps); P and R as above.
//! - *type accuracy* and *value accuracy*: among relaxed matches, the share
//!   whose TIMEX3 type (date, time, duration, set) and value are equal
//!   (values compared as strings).
//! - *value P/R/F1*: a system expression counts when it relaxed-matches a
//!   gold one and its value equals the gold value; P = those / |S|,
//!   R = those / |G| (F1 = relaxed F1 × value accuracy).
//!
//! F1 is 2PR / (P + R), summed over all documents (micro-averaged).

use std::path::{Path, PathBuf};

use beacon_model::{TimeExpression, TimexType};

use crate::EvalError;

/// MEANTIME annotates the title (0), the dateline (1) and sentences 2–5.
pub const ANNOTATED_SENTENCES: usize = 6;

/// One gold or system expression, in document coordinates (code points).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Timex {
    /// First code point.
    pub start: usize,
    /// One past the last code point.
    pub end: usize,
    /// The text of the span.
    pub text: String,
    /// The TIMEX3 value.
    pub value: String,
    /// `date`, `time`, `duration` or `set`.
    pub kind: String,
}

/// One MEANTIME document, rebuilt from its tokens.
#[derive(Debug, Clone)]
pub struct TimexDoc {
    /// The file's stem.
    pub id: String,
    /// The article's URL, as the file states it.
    pub url: Option<String>,
    /// Sentence 0.
    pub title: String,
    /// The dateline, a line break, and the body.
    pub text: String,
    /// The gold expressions, in text order.
    pub gold: Vec<Timex>,
    /// Where the annotated region ends (code points into the document).
    pub annotated_end: usize,
    /// The document creation time, where the corpus gives it (TimeML's
    /// DCT, given to systems as TempEval gives it); `None`: Beacon finds the
    /// publication date itself (MEANTIME).
    pub published: Option<String>,
}

impl TimexDoc {
    /// The document: `title + "\n" + text`.
    pub fn full(&self) -> String {
        format!("{}\n{}", self.title, self.text)
    }
}

fn attr<'a>(tag: &'a str, name: &str) -> Option<&'a str> {
    let mut rest = tag;
    loop {
        let at = rest.find(name)?;
        let before = rest[..at].chars().last();
        let after = &rest[at + name.len()..];
        if before.is_some_and(|c| c.is_whitespace()) && after.starts_with("=\"") {
            let v = &after[2..];
            return v.find('"').map(|e| &v[..e]);
        }
        rest = after;
    }
}

fn unescape(s: &str) -> String {
    s.replace("&quot;", "\"")
        .replace("&apos;", "'")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&")
}

/// Tokens after which no space follows.
fn glue_after(t: &str) -> bool {
    matches!(t, "(" | "[" | "{" | "$" | "``" | "#")
}

/// Tokens before which no space goes.
fn glue_before(t: &str) -> bool {
    matches!(
        t,
        "," | "." | ";" | ":" | "!" | "?" | ")" | "]" | "}" | "%" | "''" | "..."
    ) || t.len() <= 3
        && t.starts_with('\'')
        && t[1..].chars().all(|c| c.is_ascii_alphabetic())
        && t.len() > 1
        || t.eq_ignore_ascii_case("n't")
}

struct Token {
    id: u32,
    sentence: usize,
    text: String,
}

fn parse_doc(path: &Path, xml: &str) -> Result<TimexDoc, EvalError> {
    let bad = |detail: &str| EvalError::Format {
        path: path.to_owned(),
        detail: detail.to_owned(),
    };
    let url = xml
        .find("<Document ")
        .and_then(|i| {
            attr(
                &xml[i..xml[i..].find('>').map_or(xml.len(), |e| i + e)],
                "url",
            )
        })
        .map(unescape);
    let mut tokens = Vec::new();
    let mut rest = xml;
    while let Some(i) = rest.find("<token ") {
        let r = &rest[i..];
        let close = r.find('>').ok_or_else(|| bad("an unclosed <token>"))?;
        let head = &r[..close];
        let body_end = r
            .find("</token>")
            .ok_or_else(|| bad("a <token> without </token>"))?;
        let id = attr(head, "t_id")
            .and_then(|v| v.parse().ok())
            .ok_or_else(|| bad("a token without t_id"))?;
        let sentence = attr(head, "sentence")
            .and_then(|v| v.parse().ok())
            .ok_or_else(|| bad("a token without sentence"))?;
        tokens.push(Token {
            id,
            sentence,
            text: unescape(&r[close + 1..body_end]),
        });
        rest = &r[body_end..];
    }
    if tokens.is_empty() {
        return Err(bad("no tokens"));
    }
    // Rebuild the text: title, "\n", dateline, "\n", body.
    let mut full = String::new();
    let mut chars = 0usize;
    let mut offsets = std::collections::HashMap::new();
    let mut prev: Option<&Token> = None;
    let mut open_quote = false;
    let mut title_end = None;
    let mut annotated_end = 0;
    for t in &tokens {
        let quote = t.text == "\"";
        let sep = match prev {
            None => "",
            Some(p) if p.sentence != t.sentence && t.sentence <= 2 => "\n",
            // A closing quote glues to the word before it.
            Some(_) if quote && open_quote => "",
            Some(_) if !quote && glue_before(&t.text) => "",
            // Nothing follows an opening quote or bracket with a space.
            Some(p) if glue_after(&p.text) || p.text == "\"" && open_quote => "",
            Some(_) => " ",
        };
        if prev.is_some_and(|p| p.sentence == 0) && t.sentence != 0 {
            title_end = Some(chars);
        }
        if quote {
            open_quote = !open_quote;
        }
        full.push_str(sep);
        chars += sep.chars().count();
        let start = chars;
        full.push_str(&t.text);
        chars += t.text.chars().count();
        offsets.insert(t.id, (start, chars));
        if t.sentence < ANNOTATED_SENTENCES {
            annotated_end = chars;
        }
        prev = Some(t);
    }
    let title_end = title_end.unwrap_or(chars);
    let title: String = full.chars().take(title_end).collect();
    let text: String = full.chars().skip(title_end + 1).collect();
    // Gold: TIMEX3 elements with token anchors.
    let mut gold = Vec::new();
    let mut rest = xml;
    while let Some(i) = rest.find("<TIMEX3 ") {
        let r = &rest[i..];
        let close = r.find('>').ok_or_else(|| bad("an unclosed <TIMEX3>"))?;
        let head = &r[..close];
        if head.ends_with('/') {
            rest = &r[close..];
            continue;
        }
        let body_end = r
            .find("</TIMEX3>")
            .ok_or_else(|| bad("<TIMEX3> without end"))?;
        let body = &r[close..body_end];
        let ids: Vec<u32> = body
            .split("t_id=\"")
            .skip(1)
            .filter_map(|s| s.split('"').next()?.parse().ok())
            .collect();
        let spans: Vec<(usize, usize)> = ids
            .iter()
            .filter_map(|id| offsets.get(id))
            .copied()
            .collect();
        if let (Some(a), Some(b)) = (
            spans.iter().map(|s| s.0).min(),
            spans.iter().map(|s| s.1).max(),
        ) {
            gold.push(Timex {
                start: a,
                end: b,
                text: full.chars().skip(a).take(b - a).collect(),
                value: unescape(attr(head, "value").unwrap_or("")),
                kind: attr(head, "type").unwrap_or("").to_ascii_lowercase(),
            });
        }
        rest = &r[body_end..];
    }
    gold.sort_by_key(|g| (g.start, g.end));
    Ok(TimexDoc {
        id: path
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default(),
        url,
        title,
        text,
        gold,
        annotated_end,
        published: None,
    })
}

/// Reads every `intra-doc_annotation/*/*.xml` under `dir` (or `dir/*/*.xml`
/// when `dir` is that folder), in path order.
pub fn load_timex_gold(dir: &Path) -> Result<Vec<TimexDoc>, EvalError> {
    if dir.join("timeml.jsonl").is_file() {
        return load_timeml_jsonl(&dir.join("timeml.jsonl"));
    }
    let base = if dir.join("intra-doc_annotation").is_dir() {
        dir.join("intra-doc_annotation")
    } else {
        dir.to_owned()
    };
    let list = |d: &Path| -> Result<Vec<PathBuf>, EvalError> {
        let mut v: Vec<PathBuf> = std::fs::read_dir(d)
            .map_err(|source| EvalError::Io {
                path: d.to_owned(),
                source,
            })?
            .filter_map(|e| e.ok().map(|e| e.path()))
            .collect();
        v.sort();
        Ok(v)
    };
    let mut docs = Vec::new();
    for sub in list(&base)?.into_iter().filter(|p| p.is_dir()) {
        for f in list(&sub)?
            .into_iter()
            .filter(|p| p.extension().is_some_and(|e| e == "xml"))
        {
            let xml = std::fs::read_to_string(&f).map_err(|source| EvalError::Io {
                path: f.clone(),
                source,
            })?;
            docs.push(parse_doc(&f, &xml)?);
        }
    }
    if docs.is_empty() {
        return Err(EvalError::Format {
            path: base,
            detail: "no MEANTIME documents (*/*.xml)".into(),
        });
    }
    Ok(docs)
}

/// Reads a TimeML corpus converted to JSON lines (`tbaq_cleaned/timeml.jsonl`:
/// one document a line, `{doc_id, dct, text, timex: [{start, end, text,
/// type, value}]}`, offsets in code points into `text`). The headline is not
/// annotated and is left out; the document creation time is given as the
/// publication date, as TempEval gives it to systems.
pub fn load_timeml_jsonl(path: &Path) -> Result<Vec<TimexDoc>, EvalError> {
    let mut docs = Vec::new();
    for (_, v) in crate::read_jsonl(path)? {
        let s = |k: &str| v[k].as_str().unwrap_or_default().to_owned();
        let text = s("text");
        let len = text.chars().count();
        let mut gold: Vec<Timex> = v["timex"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|t| {
                Some(Timex {
                    // the document is "" + "\n" + text: one code point before
                    start: t["start"].as_u64()? as usize + 1,
                    end: t["end"].as_u64()? as usize + 1,
                    text: t["text"].as_str()?.to_owned(),
                    value: t["value"].as_str().unwrap_or_default().to_owned(),
                    kind: t["type"].as_str()?.to_ascii_lowercase(),
                })
            })
            .collect();
        gold.sort_by_key(|g| (g.start, g.end));
        docs.push(TimexDoc {
            id: format!("tbaq-{}", s("doc_id")),
            url: None,
            title: String::new(),
            text,
            gold,
            annotated_end: len + 1,
            published: Some(s("dct")).filter(|d| !d.is_empty()),
        });
    }
    if docs.is_empty() {
        return Err(EvalError::Format {
            path: path.to_owned(),
            detail: "no TimeML documents".into(),
        });
    }
    Ok(docs)
}

fn kind_name(k: TimexType) -> &'static str {
    match k {
        TimexType::Date => "date",
        TimexType::Time => "time",
        TimexType::Duration => "duration",
        TimexType::Set => "set",
    }
}

/// Runs Beacon on a document as on any input (ingest → extract → dates →
/// tagger, on the text and the title) and returns its expressions in
/// document coordinates, with the publication date it found.
pub fn tag_timex_doc(doc: &TimexDoc) -> (Vec<Timex>, Option<String>) {
    tag_timex_doc_in(&beacon_pipeline::Pipeline::default(), doc)
}

/// [`tag_timex_doc`] with a pipeline made once for many documents.
pub fn tag_timex_doc_in(
    pipeline: &beacon_pipeline::Pipeline,
    doc: &TimexDoc,
) -> (Vec<Timex>, Option<String>) {
    let line = serde_json::json!({
        "url": doc.url,
        "title": doc.title,
        "text": doc.text,
        "published": doc.published,
    })
    .to_string();
    let mut article = None;
    pipeline.read_bytes(
        line.as_bytes(),
        &format!("{}.jsonl", doc.id),
        &beacon_ingest::Options::default(),
        &mut |o| {
            if let beacon_pipeline::Outcome::Article(_, a) = o {
                article = Some(a);
            }
        },
    );
    let Some(a) = article else {
        return (Vec::new(), None);
    };
    let shift = doc.title.chars().count() + 1;
    let convert = |t: TimeExpression, off: usize| Timex {
        start: t.start + off,
        end: t.end + off,
        text: t.text,
        value: t.value,
        kind: kind_name(t.kind).to_owned(),
    };
    let mut out: Vec<Timex> = beacon_dates::timex::time_expressions(
        a.title.as_deref().unwrap_or(""),
        a.published.as_ref(),
        a.language.as_deref(),
    )
    .into_iter()
    .map(|t| convert(t, 0))
    .collect();
    out.extend(
        pipeline
            .analyse(&a)
            .times
            .into_iter()
            .map(|t| convert(t, shift)),
    );
    (out, a.published.map(|p| p.value))
}

/// The TIMEX3 types, as `Timex::kind` names them.
pub const KINDS: [&str; 4] = ["date", "time", "duration", "set"];

/// Counts behind the TempEval-3 figures, over all expressions and, in
/// [`TimexCounts::kinds`], over each type of [`KINDS`] (a pair counts for a
/// type when gold and system agree on it).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct TimexCounts {
    /// Gold expressions.
    pub gold: usize,
    /// System expressions (in the annotated region).
    pub system: usize,
    /// Pairs with equal spans.
    pub strict: usize,
    /// Pairs with overlapping spans (one-to-one).
    pub relaxed: usize,
    /// Relaxed pairs of equal type.
    pub type_ok: usize,
    /// Relaxed pairs of equal value.
    pub value_ok: usize,
    /// The same counts for each type, in the order of [`KINDS`].
    pub kinds: [KindCounts; 4],
}

/// One type's counts: its gold and system expressions, its strict pairs and
/// its relaxed pairs of equal value.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct KindCounts {
    /// Gold expressions of the type.
    pub gold: usize,
    /// System expressions of the type.
    pub system: usize,
    /// Pairs of the type with equal spans.
    pub strict: usize,
    /// Relaxed pairs of the type with equal values.
    pub value_ok: usize,
}

impl KindCounts {
    /// Strict span precision, recall and F1.
    pub fn strict(&self) -> (f64, f64, f64) {
        prf(self.strict, self.system, self.gold)
    }
    /// Value precision, recall and F1.
    pub fn value(&self) -> (f64, f64, f64) {
        prf(self.value_ok, self.system, self.gold)
    }
}

fn kind_index(kind: &str) -> Option<usize> {
    KINDS.iter().position(|k| *k == kind)
}

impl TimexCounts {
    /// Adds another document's counts.
    pub fn add(&mut self, o: &TimexCounts) {
        self.gold += o.gold;
        self.system += o.system;
        self.strict += o.strict;
        self.relaxed += o.relaxed;
        self.type_ok += o.type_ok;
        self.value_ok += o.value_ok;
        for (k, ok) in self.kinds.iter_mut().zip(&o.kinds) {
            k.gold += ok.gold;
            k.system += ok.system;
            k.strict += ok.strict;
            k.value_ok += ok.value_ok;
        }
    }
}

/// Precision, recall, F1.
fn prf(tp: usize, sys: usize, gold: usize) -> (f64, f64, f64) {
    let p = if sys == 0 {
        0.0
    } else {
        tp as f64 / sys as f64
    };
    let r = if gold == 0 {
        0.0
    } else {
        tp as f64 / gold as f64
    };
    let f = if p + r == 0.0 {
        0.0
    } else {
        2.0 * p * r / (p + r)
    };
    (p, r, f)
}

impl TimexCounts {
    /// Strict span precision, recall and F1.
    pub fn strict(&self) -> (f64, f64, f64) {
        prf(self.strict, self.system, self.gold)
    }
    /// Relaxed span precision, recall and F1.
    pub fn relaxed(&self) -> (f64, f64, f64) {
        prf(self.relaxed, self.system, self.gold)
    }
    /// Value precision, recall and F1.
    pub fn value(&self) -> (f64, f64, f64) {
        prf(self.value_ok, self.system, self.gold)
    }
    /// Type accuracy over relaxed matches.
    pub fn type_accuracy(&self) -> f64 {
        self.type_ok as f64 / self.relaxed.max(1) as f64
    }
    /// Value accuracy over relaxed matches.
    pub fn value_accuracy(&self) -> f64 {
        self.value_ok as f64 / self.relaxed.max(1) as f64
    }
}

/// One error, for development listings.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TimexMiss {
    /// A system expression matching no gold one.
    FalsePositive(Timex),
    /// A gold expression no system expression overlaps.
    Missed(Timex),
    /// A relaxed match with another span, type or value: (gold, system).
    Wrong(Timex, Timex),
}

/// Scores one document's system expressions against its gold ones, adding
/// to `counts`, and returns its errors.
pub fn score_timex(doc: &TimexDoc, system: &[Timex], counts: &mut TimexCounts) -> Vec<TimexMiss> {
    let system: Vec<&Timex> = system
        .iter()
        .filter(|s| s.start < doc.annotated_end)
        .collect();
    counts.gold += doc.gold.len();
    counts.system += system.len();
    for k in doc.gold.iter().filter_map(|g| kind_index(&g.kind)) {
        counts.kinds[k].gold += 1;
    }
    for k in system.iter().filter_map(|s| kind_index(&s.kind)) {
        counts.kinds[k].system += 1;
    }
    let mut used = vec![false; system.len()];
    let mut misses = Vec::new();
    for g in &doc.gold {
        let exact = system
            .iter()
            .enumerate()
            .find(|(k, s)| !used[*k] && s.start == g.start && s.end == g.end);
        let m = exact.or_else(|| {
            system
                .iter()
                .enumerate()
                .find(|(k, s)| !used[*k] && s.start < g.end && g.start < s.end)
        });
        match m {
            Some((k, s)) => {
                used[k] = true;
                counts.relaxed += 1;
                let strict = s.start == g.start && s.end == g.end;
                counts.strict += usize::from(strict);
                counts.type_ok += usize::from(s.kind == g.kind);
                counts.value_ok += usize::from(s.value == g.value);
                if let Some(k) = kind_index(&g.kind).filter(|_| s.kind == g.kind) {
                    counts.kinds[k].strict += usize::from(strict);
                    counts.kinds[k].value_ok += usize::from(s.value == g.value);
                }
                if !strict || s.value != g.value || s.kind != g.kind {
                    misses.push(TimexMiss::Wrong(g.clone(), (*s).clone()));
                }
            }
            None => misses.push(TimexMiss::Missed(g.clone())),
        }
    }
    for (k, s) in system.iter().enumerate() {
        if !used[k] {
            misses.push(TimexMiss::FalsePositive((*s).clone()));
        }
    }
    misses
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_timeml_corpus_reads_with_its_creation_time_and_offsets() {
        let dir = std::env::temp_dir().join(format!("beacon-timeml-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let line = serde_json::json!({
            "doc_id": "APW1", "corpus": "AQUAINT", "dct": "1998-08-08", "title": "Blasts",
            "text": "\n\nThe blasts came on Friday, officials said.",
            "timex": [{"tid": "t1", "start": 21, "end": 27, "text": "Friday",
                       "type": "DATE", "value": "1998-08-07"}],
        });
        std::fs::write(dir.join("timeml.jsonl"), format!("{line}\n")).unwrap();
        let docs = load_timex_gold(&dir).unwrap();
        std::fs::remove_dir_all(&dir).ok();
        assert_eq!(docs.len(), 1);
        let d = &docs[0];
        assert_eq!(
            (d.id.as_str(), d.published.as_deref()),
            ("tbaq-APW1", Some("1998-08-08"))
        );
        // gold offsets are the document's, whose text follows an empty title
        let g = &d.gold[0];
        let full: Vec<char> = d.full().chars().collect();
        assert_eq!(full[g.start..g.end].iter().collect::<String>(), "Friday");
        assert_eq!((g.kind.as_str(), g.value.as_str()), ("date", "1998-08-07"));
        // Beacon reads it from the given creation time
        let (sys, published) = tag_timex_doc(d);
        assert_eq!(published.as_deref(), Some("1998-08-08"));
        assert!(
            sys.iter().any(|t| t.start == g.start && t.end == g.end),
            "{sys:?}"
        );
    }

    const DOC: &str = r#"<?xml version="1.0" ?><Document doc_id="1" doc_name="x" lang="en" url="http://en.wikinews.org/wiki/X">
<token number="0" sentence="0" t_id="1">GM</token>
<token number="1" sentence="0" t_id="2">falls</token>
<token number="2" sentence="1" t_id="3">June</token>
<token number="3" sentence="1" t_id="4">4</token>
<token number="4" sentence="1" t_id="5">,</token>
<token number="5" sentence="1" t_id="6">2009</token>
<token number="6" sentence="2" t_id="7">GM</token>
<token number="7" sentence="2" t_id="8">(</token>
<token number="8" sentence="2" t_id="9">General</token>
<token number="9" sentence="2" t_id="10">Motors</token>
<token number="10" sentence="2" t_id="11">)</token>
<token number="11" sentence="2" t_id="12">&apos;s</token>
<token number="12" sentence="2" t_id="13">shares</token>
<token number="13" sentence="2" t_id="14">fell</token>
<token number="14" sentence="2" t_id="15">on</token>
<token number="15" sentence="2" t_id="16">Monday</token>
<token number="16" sentence="2" t_id="17">.</token>
<token number="17" sentence="3" t_id="18">&quot;</token>
<token number="18" sentence="3" t_id="19">Sad</token>
<token number="19" sentence="3" t_id="20">&quot;</token>
<token number="20" sentence="3" t_id="21">,</token>
<token number="21" sentence="3" t_id="22">he</token>
<token number="22" sentence="3" t_id="23">said</token>
<token number="23" sentence="3" t_id="24">today</token>
<token number="24" sentence="3" t_id="25">.</token>
<Markables>
<TIMEX3 anchorTimeID="" functionInDocument="CREATION_TIME" m_id="9" type="DATE" value="2009-06-04">
<token_anchor t_id="3"/><token_anchor t_id="4"/><token_anchor t_id="5"/><token_anchor t_id="6"/>
</TIMEX3>
<TIMEX3 anchorTimeID="9" functionInDocument="NONE" m_id="10" type="DATE" value="2009-06-01">
<token_anchor t_id="16"/>
</TIMEX3>
<TIMEX3 anchorTimeID="9" functionInDocument="NONE" m_id="11" type="DATE" value="2009-06-04">
<token_anchor t_id="24"/>
</TIMEX3>
<TIMEX3 TAG_DESCRIPTOR="1980" anchorTimeID="9" m_id="26" type="DATE" value="1980"/>
</Markables></Document>"#;

    #[test]
    fn rebuilds_text_and_gold_spans() {
        let d = parse_doc(Path::new("x.xml"), DOC).unwrap();
        assert_eq!(d.title, "GM falls");
        assert_eq!(
            d.text,
            "June 4, 2009\nGM (General Motors)'s shares fell on Monday. \"Sad\", he said today."
        );
        let spans: Vec<(&str, &str)> = d
            .gold
            .iter()
            .map(|g| (g.text.as_str(), g.value.as_str()))
            .collect();
        assert_eq!(
            spans,
            [
                ("June 4, 2009", "2009-06-04"),
                ("Monday", "2009-06-01"),
                ("today", "2009-06-04")
            ]
        );
        let full = d.full();
        let g = &d.gold[1];
        let s: String = full.chars().skip(g.start).take(g.end - g.start).collect();
        assert_eq!(s, "Monday");
        assert_eq!(d.url.as_deref(), Some("http://en.wikinews.org/wiki/X"));
    }

    #[test]
    fn beacon_finds_the_dateline_and_scores_perfectly() {
        let d = parse_doc(Path::new("x.xml"), DOC).unwrap();
        let (sys, published) = tag_timex_doc(&d);
        assert_eq!(published.as_deref(), Some("2009-06-04"));
        let mut c = TimexCounts::default();
        let misses = score_timex(&d, &sys, &mut c);
        assert!(misses.is_empty(), "{misses:#?}");
        assert_eq!((c.gold, c.system, c.strict, c.value_ok), (3, 3, 3, 3));
        assert_eq!(c.value().2, 1.0);
    }

    #[test]
    fn relaxed_and_strict_differ_on_overlaps() {
        let d = parse_doc(Path::new("x.xml"), DOC).unwrap();
        let t = |a, b, v: &str| Timex {
            start: a,
            end: b,
            text: String::new(),
            value: v.into(),
            kind: "date".into(),
        };
        let g = &d.gold;
        let sys = vec![
            t(g[0].start, g[0].end, "2009-06-04"),
            t(g[1].start - 3, g[1].end, "2009-06-08"),
            t(0, 2, "PRESENT_REF"),
        ];
        let mut c = TimexCounts::default();
        let misses = score_timex(&d, &sys, &mut c);
        assert_eq!(
            (c.strict, c.relaxed, c.value_ok, c.system, c.gold),
            (1, 2, 1, 3, 3)
        );
        assert_eq!(misses.len(), 3);
    }
}
