//! Story clustering, scored on ECB+ (`shared/data/stories/ecbplus/`): news
//! articles in topics that each hold two happenings of one kind (two
//! earthquakes in Iran); a gold cluster is one happening.
//!
//! Each article goes through Beacon as a JSONL input (text, title, URL and
//! date) to get its names (the entities stage), then into a
//! [`beacon_stories::StoryIndex`] one at a time, in file order and in a
//! shuffled order. The scores:
//! - **B-cubed**: per article, precision is the share of its predicted
//!   story that is in its gold cluster, recall the share of its gold cluster
//!   in its predicted story; both averaged over articles, F1 of the averages.
//! - **Pairwise**: over all pairs of articles, a pair in one predicted story
//!   and in one gold cluster is a true positive.

use std::collections::HashMap;
use std::path::Path;

use beacon_stories::{Config, StoryDoc, StoryIndex};

use crate::EvalError;

/// One gold article.
#[derive(Debug, Clone)]
pub struct StoryGold {
    /// What clustering reads.
    pub doc: StoryDoc,
    /// Its gold cluster.
    pub cluster: String,
}

/// Reads `articles.jsonl` of a folder (or the file) and runs the entities
/// stage on each article for its names.
pub fn load_story_gold(path: &Path) -> Result<Vec<StoryGold>, EvalError> {
    let file = if path.is_dir() {
        path.join("articles.jsonl")
    } else {
        path.to_owned()
    };
    let pipeline = beacon_pipeline::Pipeline::default();
    let mut out = Vec::new();
    for (n, v) in crate::read_jsonl(&file)? {
        let s = |k: &str| v[k].as_str().map(str::to_owned);
        let (Some(id), Some(cluster), Some(body)) = (s("id"), s("cluster_id"), s("text")) else {
            return Err(EvalError::Format {
                path: file.clone(),
                detail: format!("line {n}: no id, cluster_id or text"),
            });
        };
        let date = s("date");
        out.push(StoryGold {
            doc: StoryDoc {
                names: names(&pipeline, &body, s("url").as_deref(), date.as_deref()),
                day: date.as_deref().and_then(day_number),
                id,
                text: body,
            },
            cluster,
        });
    }
    Ok(out)
}

/// The names an article mentions, by entry id where resolved.
fn names(
    pipeline: &beacon_pipeline::Pipeline,
    text: &str,
    url: Option<&str>,
    date: Option<&str>,
) -> Vec<String> {
    let mut line = serde_json::json!({"url": url.unwrap_or(""), "text": text});
    if let Some(d) = date {
        line["published"] = d.into();
    }
    let mut out = Vec::new();
    pipeline.read_bytes(
        line.to_string().as_bytes(),
        "story.jsonl",
        &beacon_ingest::Options::default(),
        &mut |o| {
            if let beacon_pipeline::Outcome::Article(_, a) = o {
                out = pipeline
                    .analyse(&a)
                    .mentions
                    .into_iter()
                    .map(|m| m.id.unwrap_or_else(|| m.text.to_lowercase()))
                    .collect();
            }
        },
    );
    out.sort();
    out.dedup();
    out
}

/// Days since 1970-01-01 of `YYYY-MM-DD`.
fn day_number(s: &str) -> Option<i64> {
    let d = chrono::NaiveDate::parse_from_str(s.get(..10)?, "%Y-%m-%d").ok()?;
    Some((d - chrono::NaiveDate::from_ymd_opt(1970, 1, 1)?).num_days())
}

/// Precision, recall and F1.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Prf {
    /// Precision.
    pub p: f64,
    /// Recall.
    pub r: f64,
    /// F1.
    pub f1: f64,
}

fn prf(p: f64, r: f64) -> Prf {
    let f1 = if p + r > 0.0 {
        2.0 * p * r / (p + r)
    } else {
        0.0
    };
    Prf { p, r, f1 }
}

/// B-cubed and pairwise scores of predicted labels against gold labels
/// (one of each per article).
pub fn cluster_scores(gold: &[&str], predicted: &[u32]) -> (Prf, Prf) {
    let n = gold.len();
    let mut pairs: HashMap<(&str, u32), usize> = HashMap::new();
    let mut gold_size: HashMap<&str, usize> = HashMap::new();
    let mut pred_size: HashMap<u32, usize> = HashMap::new();
    for (g, p) in gold.iter().zip(predicted) {
        *pairs.entry((g, *p)).or_default() += 1;
        *gold_size.entry(g).or_default() += 1;
        *pred_size.entry(*p).or_default() += 1;
    }
    let (mut bp, mut br) = (0.0, 0.0);
    for (g, p) in gold.iter().zip(predicted) {
        let both = pairs[&(*g, *p)] as f64;
        bp += both / pred_size[p] as f64;
        br += both / gold_size[g] as f64;
    }
    let n_f = n.max(1) as f64;
    let b3 = prf(bp / n_f, br / n_f);
    let choose2 = |k: usize| (k * k.saturating_sub(1) / 2) as f64;
    let tp: f64 = pairs.values().map(|&k| choose2(k)).sum();
    let pred_pairs: f64 = pred_size.values().map(|&k| choose2(k)).sum();
    let gold_pairs: f64 = gold_size.values().map(|&k| choose2(k)).sum();
    let ratio = |a: f64, b: f64| if b > 0.0 { a / b } else { 0.0 };
    (b3, prf(ratio(tp, pred_pairs), ratio(tp, gold_pairs)))
}

/// Clusters the articles in the given order and scores the result:
/// (B-cubed, pairwise, number of stories).
pub fn score_order(articles: &[StoryGold], order: &[usize], config: &Config) -> (Prf, Prf, usize) {
    let mut index = StoryIndex::new(config.clone());
    let mut gold = Vec::with_capacity(order.len());
    let mut predicted = Vec::with_capacity(order.len());
    for &i in order {
        let (story, _) = index.add(&articles[i].doc);
        gold.push(articles[i].cluster.as_str());
        predicted.push(story);
    }
    let (b3, pw) = cluster_scores(&gold, &predicted);
    (b3, pw, index.stories().len())
}

/// A fixed shuffle of `0..n` (xorshift from `seed`), so runs repeat.
pub fn shuffled(n: usize, seed: u64) -> Vec<usize> {
    let mut order: Vec<usize> = (0..n).collect();
    // Distinct seeds give distinct non-zero states.
    let mut state = seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1;
    for i in (1..n).rev() {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        order.swap(i, (state % (i as u64 + 1)) as usize);
    }
    order
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bcubed_and_pairwise_by_hand() {
        // Gold {a,b,c} {d}; predicted {a,b} {c,d}.
        let (b3, pw) = cluster_scores(&["x", "x", "x", "y"], &[0, 0, 1, 1]);
        // B-cubed precision: a 1, b 1, c 1/2, d 1/2 → 0.75; recall: a 2/3,
        // b 2/3, c 1/3, d 1 → 2/3.
        assert!((b3.p - 0.75).abs() < 1e-9 && (b3.r - 2.0 / 3.0).abs() < 1e-9);
        // Pairs: predicted ab, cd; gold ab, ac, bc: one true positive.
        assert!((pw.p - 0.5).abs() < 1e-9 && (pw.r - 1.0 / 3.0).abs() < 1e-9);
    }

    #[test]
    fn a_shuffle_is_a_permutation() {
        let mut o = shuffled(100, 7);
        assert_ne!(o, (0..100).collect::<Vec<_>>());
        o.sort();
        assert_eq!(o, (0..100).collect::<Vec<_>>());
    }
}
