//! Scorers: each stage's metric over a gold set, as the reference scorers in
//! `shared/tools/` compute it (they agree to three decimals).
//!
//! - [`extraction`]: the article-extraction benchmark's metric — `\w+` tokens,
//!   4-token shingles, per-page TP/FP/FN over multisets normalised to sum 1,
//!   precision and recall macro-averaged over pages, F1 of the two means.
//! - [`snippets`]: trafilatura's evaluation — whitespace-normalised snippets
//!   that must (or must not) appear in the extracted text.
//! - [`casualties`]: casualty figures (killed, injured), exact match against
//!   a hand-read gold of the CASE 2021 development snippets.
//! - [`geo`]: geoparsing on GeoVirus and TR-News — accuracy within 161 km,
//!   mean and median error, AUC; given gold toponyms and end to end.
//! - [`timex`]: time expressions, TempEval-3 style (strict and relaxed span
//!   P/R/F1, type and value accuracy, value F1) on MEANTIME.
//! - [`events`]: event coding on the PLOVER gold records (type accuracy and
//!   macro-F1, actor and target accuracy).
//! - [`stories`]: story clustering on ECB+ (B-cubed and pairwise P/R/F1,
//!   in file order and shuffled).
//! - [`relevance`]: article relevance (political violence, unrest, security,
//!   diplomacy or not) on topic-labelled news and prose; the sets that train
//!   the shipped model.
//! - [`sense`]: which candidate triggers are the event they name; the
//!   labelled texts that train the shipped sense model.
//! - [`ner`]: named entities, CoNLL style (exact-span P/R/F1 per type, PER,
//!   ORG and LOC, and micro overall) on the corpora of `shared/data/ner/`.

pub mod cameo;
pub mod casualties;
pub mod detection;
pub mod events;
pub mod geo;
pub mod ner;
pub mod nonconflict;
pub mod region;
pub mod relevance;
pub mod report;
pub mod sense;
pub mod split;
pub mod stories;
pub mod timex;

use std::collections::HashMap;
use std::io::Read;
use std::path::{Path, PathBuf};

use beacon_model::Article;

/// Errors reading a gold set.
#[derive(Debug, thiserror::Error)]
pub enum EvalError {
    /// A gold file cannot be read.
    #[error("cannot read {path}: {source}")]
    Io {
        /// The file.
        path: PathBuf,
        /// Why.
        source: std::io::Error,
    },
    /// A gold file is not the JSON expected.
    #[error("{path} is not a gold file of the expected shape: {detail}")]
    Format {
        /// The file.
        path: PathBuf,
        /// What is wrong.
        detail: String,
    },
    /// A folder holds no gold set a report knows.
    #[error("{0}")]
    NoGold(String),
    /// A model file does not load.
    #[error("{path}: {detail}")]
    Model {
        /// The file (or `builtin`).
        path: PathBuf,
        /// Why.
        detail: String,
    },
    /// A report's output cannot be written.
    #[error("writing the report: {0}")]
    Write(#[from] std::io::Error),
    /// A record cannot be written as JSON.
    #[error("writing a record as JSON: {0}")]
    Json(#[from] serde_json::Error),
}

/// Which kind of gold set a directory holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GoldKind {
    /// `ground-truth.json` + `html/<id>.html.gz` (article-extraction benchmark).
    Shingles,
    /// `evaldata.json` + the pages it names (trafilatura's snippets).
    Snippets,
}

/// Tells what gold set `dir` holds.
pub fn gold_kind(dir: &Path) -> Option<GoldKind> {
    if dir.join("ground-truth.json").is_file() {
        Some(GoldKind::Shingles)
    } else if dir.join("evaldata.json").is_file() {
        Some(GoldKind::Snippets)
    } else {
        None
    }
}

/// One gold page: its id, its bytes, and the expected answer.
pub struct GoldPage<T> {
    /// The page id (file stem).
    pub id: String,
    /// The page's bytes (decompressed).
    pub html: Vec<u8>,
    /// The expectation.
    pub gold: T,
}

fn read_json(path: &Path) -> Result<serde_json::Value, EvalError> {
    let text = std::fs::read_to_string(path).map_err(|source| EvalError::Io {
        path: path.to_owned(),
        source,
    })?;
    serde_json::from_str(&text).map_err(|e| EvalError::Format {
        path: path.to_owned(),
        detail: e.to_string(),
    })
}

/// The JSON objects of a JSONL file, each with its line number (from 1);
/// blank lines are skipped.
pub(crate) fn read_jsonl(path: &Path) -> Result<Vec<(usize, serde_json::Value)>, EvalError> {
    let bytes = read_maybe_gz(path)?;
    let text = String::from_utf8(bytes).map_err(|e| EvalError::Format {
        path: path.to_owned(),
        detail: format!("not UTF-8: {e}"),
    })?;
    text.lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
        .map(|(n, l)| {
            serde_json::from_str(l)
                .map(|v| (n + 1, v))
                .map_err(|e| EvalError::Format {
                    path: path.to_owned(),
                    detail: format!("line {}: {e}", n + 1),
                })
        })
        .collect()
}

fn read_maybe_gz(path: &Path) -> Result<Vec<u8>, EvalError> {
    let raw = std::fs::read(path).map_err(|source| EvalError::Io {
        path: path.to_owned(),
        source,
    })?;
    if raw.starts_with(b"\x1f\x8b") {
        let mut out = Vec::new();
        flate2::read::MultiGzDecoder::new(&raw[..])
            .read_to_end(&mut out)
            .map_err(|source| EvalError::Io {
                path: path.to_owned(),
                source,
            })?;
        Ok(out)
    } else {
        Ok(raw)
    }
}

/// The article-extraction benchmark's pages and gold bodies, in id order.
pub fn load_shingle_gold(dir: &Path) -> Result<Vec<GoldPage<String>>, EvalError> {
    let path = dir.join("ground-truth.json");
    let v = read_json(&path)?;
    let obj = v.as_object().ok_or_else(|| EvalError::Format {
        path: path.clone(),
        detail: "expected an object of id → {articleBody}".into(),
    })?;
    let mut ids: Vec<&String> = obj.keys().collect();
    ids.sort();
    let mut pages = Vec::new();
    for id in ids {
        let body = obj[id]["articleBody"].as_str().unwrap_or("").to_owned();
        let mut file = dir.join("html").join(format!("{id}.html.gz"));
        if !file.exists() {
            file = dir.join("html").join(format!("{id}.html"));
        }
        pages.push(GoldPage {
            id: id.clone(),
            html: read_maybe_gz(&file)?,
            gold: body,
        });
    }
    Ok(pages)
}

/// Snippets a page's text must and must not contain.
pub struct Snippets {
    /// Must appear.
    pub with: Vec<String>,
    /// Must not appear.
    pub without: Vec<String>,
}

/// trafilatura's evaluation pages and their snippets, in file order.
pub fn load_snippet_gold(dir: &Path) -> Result<Vec<GoldPage<Snippets>>, EvalError> {
    let path = dir.join("evaldata.json");
    let v = read_json(&path)?;
    let obj = v.as_object().ok_or_else(|| EvalError::Format {
        path: path.clone(),
        detail: "expected an object of url → {file, with, without}".into(),
    })?;
    let strings = |x: &serde_json::Value| -> Vec<String> {
        x.as_array()
            .map(|a| {
                a.iter()
                    .filter_map(|s| s.as_str().map(str::to_owned))
                    .collect()
            })
            .unwrap_or_default()
    };
    let mut pages = Vec::new();
    let mut entries: Vec<(&String, &serde_json::Value)> = obj.iter().collect();
    entries.sort_by(|a, b| a.1["file"].as_str().cmp(&b.1["file"].as_str()));
    for (_url, e) in entries {
        let Some(file) = e["file"].as_str() else {
            continue;
        };
        pages.push(GoldPage {
            id: file.to_owned(),
            html: read_maybe_gz(&dir.join(file))?,
            gold: Snippets {
                with: strings(&e["with"]),
                without: strings(&e["without"]),
            },
        });
    }
    Ok(pages)
}

/// Extracts an article from page bytes through the normal pipeline.
pub fn extract_bytes(bytes: &[u8], name: &str) -> Option<Article> {
    analyse_bytes(bytes, name, None)
}

/// Extracts and dates an article from page bytes, as the pipeline does, for a page at `url`.
pub fn analyse_bytes(bytes: &[u8], name: &str, url: Option<&str>) -> Option<Article> {
    read_page(bytes, name, url).ok()
}

/// The publication date Beacon gives a page: its article's, or, for a page
/// rejected for want of article text, the one its rejection carries.
pub fn page_date_bytes(
    bytes: &[u8],
    name: &str,
    url: Option<&str>,
) -> Option<beacon_model::Published> {
    match read_page(bytes, name, url) {
        Ok(a) => a.published,
        Err(Some(r)) => r.published,
        Err(None) => None,
    }
}

/// A page through the pipeline: its article, or its rejection (`None`
/// where the bytes held no document).
fn read_page(
    bytes: &[u8],
    name: &str,
    url: Option<&str>,
) -> Result<Article, Option<beacon_model::Rejection>> {
    let name = name.strip_suffix(".gz").unwrap_or(name);
    let pipeline = beacon_pipeline::Pipeline::default();
    let mut out = Err(None);
    beacon_ingest::read_bytes(
        bytes,
        name,
        &beacon_ingest::Options::default(),
        &mut |item| match item {
            beacon_ingest::Item::Document(mut d) => {
                if let Some(u) = url {
                    d.url = Some(u.to_owned());
                }
                out = pipeline.article(&mut d).map_err(Some);
            }
            beacon_ingest::Item::Rejected(r) => out = Err(Some(r)),
            beacon_ingest::Item::Skipped { .. } => {}
        },
    );
    out
}

/// One of htmldate's evaluation pages: its URL, and the page with its gold date
/// (None: the gold has no date, which no answer matches).
pub type DatePage = (String, GoldPage<Option<String>>);

/// htmldate's evaluation pages, `eval_default.json` first.
pub fn load_date_gold(dir: &Path) -> Result<Vec<DatePage>, EvalError> {
    let mut pages = Vec::new();
    for f in ["eval_default.json", "eval_mediacloud_2020.json"] {
        let path = dir.join(f);
        let text = std::fs::read_to_string(&path).map_err(|source| EvalError::Io {
            path: path.clone(),
            source,
        })?;
        // The gold is written by Python, which spells a missing date NaN.
        let text = text.replace(": NaN", ": null");
        let v: serde_json::Value = serde_json::from_str(&text).map_err(|e| EvalError::Format {
            path: path.clone(),
            detail: e.to_string(),
        })?;
        let obj = v.as_object().ok_or_else(|| EvalError::Format {
            path: path.clone(),
            detail: "expected an object of url → {file, date}".into(),
        })?;
        for (url, e) in obj {
            let Some(file) = e["file"].as_str() else {
                continue;
            };
            pages.push((
                url.clone(),
                GoldPage {
                    id: file.to_owned(),
                    html: read_maybe_gz(&dir.join(file))?,
                    gold: e["date"].as_str().map(str::to_owned),
                },
            ));
        }
    }
    Ok(pages)
}

fn is_word(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

fn shingles(text: &str) -> HashMap<[&str; 4], f64> {
    let toks: Vec<&str> = text
        .split(|c: char| !is_word(c))
        .filter(|t| !t.is_empty())
        .collect();
    let mut m = HashMap::new();
    if toks.is_empty() {
        return m;
    }
    let n = toks.len().saturating_sub(3).max(1);
    for i in 0..n {
        let mut k = [""; 4];
        for (j, slot) in k.iter_mut().enumerate() {
            *slot = toks.get(i + j).copied().unwrap_or("");
        }
        *m.entry(k).or_insert(0.0) += 1.0;
    }
    m
}

/// Normalised (TP, FP, FN) of one page.
pub fn page_triple(gold: &str, pred: &str) -> (f64, f64, f64) {
    let g = shingles(gold);
    let p = shingles(pred);
    let (mut tp, mut fp, mut fn_) = (0.0, 0.0, 0.0);
    for (k, &gc) in &g {
        let pc = p.get(k).copied().unwrap_or(0.0);
        tp += gc.min(pc);
        fn_ += (gc - pc).max(0.0);
    }
    for (k, &pc) in &p {
        let gc = g.get(k).copied().unwrap_or(0.0);
        fp += (pc - gc).max(0.0);
    }
    let s = tp + fp + fn_;
    if s > 0.0 {
        (tp / s, fp / s, fn_ / s)
    } else {
        (tp, fp, fn_)
    }
}

/// Precision, recall and F1 of the extraction benchmark's metric.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Prf {
    /// Macro precision.
    pub precision: f64,
    /// Macro recall.
    pub recall: f64,
    /// F1 of the two means.
    pub f1: f64,
}

/// Scores predicted texts against gold texts, pairwise.
pub fn extraction(pairs: &[(String, String)]) -> Prf {
    let triples: Vec<(f64, f64, f64)> = pairs.iter().map(|(g, p)| page_triple(g, p)).collect();
    let prec = |&(tp, fp, fn_): &(f64, f64, f64)| {
        if fp == 0.0 && fn_ == 0.0 {
            1.0
        } else if tp == 0.0 && fp == 0.0 {
            0.0
        } else {
            tp / (tp + fp)
        }
    };
    let rec = |&(tp, fp, fn_): &(f64, f64, f64)| {
        if fp == 0.0 && fn_ == 0.0 {
            1.0
        } else if tp == 0.0 && fn_ == 0.0 {
            0.0
        } else {
            tp / (tp + fn_)
        }
    };
    let mean = |v: Vec<f64>| {
        if v.is_empty() {
            0.0
        } else {
            v.iter().sum::<f64>() / v.len() as f64
        }
    };
    let p = mean(
        triples
            .iter()
            .filter(|t| t.0 + t.1 > 0.0)
            .map(prec)
            .collect(),
    );
    let r = mean(
        triples
            .iter()
            .filter(|t| t.0 + t.2 > 0.0)
            .map(rec)
            .collect(),
    );
    let f = if p + r > 0.0 {
        2.0 * p * r / (p + r)
    } else {
        0.0
    };
    Prf {
        precision: p,
        recall: r,
        f1: f,
    }
}

/// Counts of trafilatura's snippet evaluation.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct SnippetCounts {
    /// `with` snippets found.
    pub tp: u64,
    /// `with` snippets missed.
    pub fn_: u64,
    /// `without` snippets found.
    pub fp: u64,
    /// `without` snippets absent.
    pub tn: u64,
}

impl SnippetCounts {
    /// Precision.
    pub fn precision(&self) -> f64 {
        ratio(self.tp, self.tp + self.fp)
    }
    /// Recall.
    pub fn recall(&self) -> f64 {
        ratio(self.tp, self.tp + self.fn_)
    }
    /// Accuracy.
    pub fn accuracy(&self) -> f64 {
        ratio(self.tp + self.tn, self.tp + self.tn + self.fp + self.fn_)
    }
    /// F1.
    pub fn f1(&self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r > 0.0 {
            2.0 * p * r / (p + r)
        } else {
            0.0
        }
    }
}

fn ratio(a: u64, b: u64) -> f64 {
    if b == 0 { 0.0 } else { a as f64 / b as f64 }
}

fn squash(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Scores one page's text against its snippets, adding to `counts`.
pub fn score_snippets(text: &str, s: &Snippets, counts: &mut SnippetCounts) {
    let t = squash(text);
    for w in &s.with {
        if t.contains(&squash(w)) {
            counts.tp += 1;
        } else {
            counts.fn_ += 1;
        }
    }
    for w in &s.without {
        if t.contains(&squash(w)) {
            counts.fp += 1;
        } else {
            counts.tn += 1;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn perfect_and_empty_pages() {
        let gold = "one two three four five six".to_owned();
        let r = extraction(&[(gold.clone(), gold.clone())]);
        assert_eq!((r.precision, r.recall, r.f1), (1.0, 1.0, 1.0));
        let r = extraction(&[(gold, String::new())]);
        assert_eq!(r.recall, 0.0);
    }

    #[test]
    fn partial_page() {
        // gold shingles: (a b c d), (b c d e); pred: (a b c d), (b c d x)
        let (tp, fp, fn_) = page_triple("a b c d e", "a b c d x");
        assert!((tp - 1.0 / 3.0).abs() < 1e-9);
        assert!((fp - 1.0 / 3.0).abs() < 1e-9);
        assert!((fn_ - 1.0 / 3.0).abs() < 1e-9);
    }

    #[test]
    fn short_texts_make_one_padded_shingle() {
        let (tp, _, _) = page_triple("a b", "a b");
        assert_eq!(tp, 1.0);
    }
}
