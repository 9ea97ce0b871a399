//! `beacon eval extract`: main-content extraction against a shingle or a
//! snippet gold set, per part, with the worst pages of the tune part.

use std::io::Write as _;
use std::path::Path;
use std::time::Instant;

use super::print_parts;
use crate::EvalError;

pub fn extract(gold: &Path, output: Option<&Path>, worst: usize) -> Result<(), EvalError> {
    let kind = crate::gold_kind(gold).ok_or_else(|| {
        EvalError::NoGold(format!(
            "{} holds neither ground-truth.json (extraction benchmark) nor evaldata.json (snippets)",
            gold.display()
        ))
    })?;
    let mut out = match output {
        Some(p) => Some(std::io::BufWriter::new(std::fs::File::create(p).map_err(
            |source| EvalError::Io {
                path: p.to_owned(),
                source,
            },
        )?)),
        None => None,
    };
    let mut write = |origin: &str, text: &str| -> Result<(), EvalError> {
        if let Some(o) = &mut out {
            writeln!(o, "{}", serde_json::json!({"origin": origin, "text": text}))?;
        }
        Ok(())
    };
    match kind {
        crate::GoldKind::Shingles => shingles(gold, &mut write, worst)?,
        crate::GoldKind::Snippets => snippets(gold, &mut write, worst)?,
    }
    if let Some(mut o) = out {
        o.flush()?;
    }
    Ok(())
}

/// The shingle benchmark: precision, recall and F1 over all pages and over
/// each part; the worst pages of the tune part.
fn shingles(
    gold: &Path,
    write: &mut dyn FnMut(&str, &str) -> Result<(), EvalError>,
    worst: usize,
) -> Result<(), EvalError> {
    let started = Instant::now();
    let pages = crate::load_shingle_gold(gold)?;
    let mut pairs = Vec::with_capacity(pages.len());
    let mut missing = Vec::with_capacity(pages.len());
    for p in &pages {
        let name = format!("{}.html", p.id);
        let article = crate::extract_bytes(&p.html, &name);
        missing.push(article.is_none());
        let text = article.as_ref().map(|a| a.text.clone()).unwrap_or_default();
        write(&name, &text)?;
        pairs.push((p.gold.clone(), text));
    }
    let secs = started.elapsed().as_secs_f64();
    let line = |idx: &[usize]| {
        let sel: Vec<(String, String)> = idx.iter().map(|&i| pairs[i].clone()).collect();
        let prf = crate::extraction(&sel);
        format!(
            "pages {}  missing {}  precision {:.3}  recall {:.3}  F1 {:.3}",
            idx.len(),
            idx.iter().filter(|&&i| missing[i]).count(),
            prf.precision,
            prf.recall,
            prf.f1
        )
    };
    let all: Vec<usize> = (0..pages.len()).collect();
    println!(
        "{}  ({:.0} pages/s incl. decoding)",
        line(&all),
        pages.len() as f64 / secs
    );
    let ids: Vec<&str> = pages.iter().map(|p| p.id.as_str()).collect();
    let tune = print_parts(&ids, &line);
    if worst > 0 {
        println!("the worst pages of the tune part:");
        let mut scored: Vec<(f64, f64, f64, &str)> = tune
            .iter()
            .map(|&i| {
                let one = crate::extraction(&[pairs[i].clone()]);
                (one.f1, one.precision, one.recall, ids[i])
            })
            .collect();
        scored.sort_by(|a, b| a.0.total_cmp(&b.0));
        for (f, p, r, id) in scored.into_iter().take(worst) {
            println!("  F1 {f:.3}  P {p:.3}  R {r:.3}  {id}");
        }
    }
    Ok(())
}

/// The must-contain / must-not-contain snippets: counts over all pages and
/// over each part; the tune part's pages with the most errors.
fn snippets(
    gold: &Path,
    write: &mut dyn FnMut(&str, &str) -> Result<(), EvalError>,
    worst: usize,
) -> Result<(), EvalError> {
    let pages = crate::load_snippet_gold(gold)?;
    let mut counts = Vec::with_capacity(pages.len());
    for p in &pages {
        let article = crate::extract_bytes(&p.html, &p.id);
        let text = article.as_ref().map(|a| a.text.clone()).unwrap_or_default();
        write(&p.id, &text)?;
        let mut c = crate::SnippetCounts::default();
        crate::score_snippets(&text, &p.gold, &mut c);
        counts.push(c);
    }
    let line = |idx: &[usize]| {
        let mut t = crate::SnippetCounts::default();
        for &i in idx {
            t.tp += counts[i].tp;
            t.fp += counts[i].fp;
            t.fn_ += counts[i].fn_;
            t.tn += counts[i].tn;
        }
        format!(
            "pages {}  snippets: tp {} fn {} fp {} tn {}  precision {:.3}  recall {:.3}  accuracy {:.3}  F1 {:.3}",
            idx.len(),
            t.tp,
            t.fn_,
            t.fp,
            t.tn,
            t.precision(),
            t.recall(),
            t.accuracy(),
            t.f1()
        )
    };
    let all: Vec<usize> = (0..pages.len()).collect();
    println!("{}", line(&all));
    let ids: Vec<&str> = pages.iter().map(|p| p.id.as_str()).collect();
    let tune = print_parts(&ids, &line);
    if worst > 0 {
        println!("the tune part's pages with the most errors:");
        let mut per_page: Vec<(u64, &str)> = tune
            .iter()
            .map(|&i| (counts[i].fp + counts[i].fn_, ids[i]))
            .collect();
        per_page.sort_by_key(|p| std::cmp::Reverse(p.0));
        for (errors, id) in per_page.into_iter().take(worst) {
            println!("  errors {errors}  {id}");
        }
    }
    Ok(())
}
