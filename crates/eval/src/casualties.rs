//! Casualty extraction, scored by exact match on the CASE 2021 task 2
//! development snippets (`shared/data/events/case2021_task2/snippets.tsv`:
//! tab-separated `id`, `EventSnippet`, `SubType`).
//!
//! **Gold.** [`GOLD`] (`crates/eval/gold/casualties_case2021.tsv`, shipped
//! with the crate) holds, for every snippet whose text states a number of
//! people killed or injured, the figures read by hand from the text: `id`,
//! `fatalities_min`, `fatalities_max`, `injured_min`, `injured_max`. Empty
//! min and max: the text states no figure for that harm; empty max: it sets
//! no upper bound ("at least 5"). Lines starting with `#` are comments (the
//! file's header states the reading conventions). It holds snippet ids and
//! figures only: the snippets' licence forbids copying their text.
//!
//! **System.** Any function from a text to `(fatalities, injured)` — Beacon's
//! is [`beacon_events::casualties::casualties`] — runs on each gold snippet's
//! text alone.
//!
//! **Metrics.** Over the gold snippets:
//! - *exact match*: both harms equal — for each, the system states no figure
//!   where the gold has none, or states one with the same min and max (the
//!   `text` of a count is not compared);
//! - *fatalities* and *injured* exact match: the same for one harm alone.
//!
//! Every snippet that is not an exact match is listed among the misses, in
//! gold order.
//!
//! ```no_run
//! use beacon_eval::casualties::{load_gold, load_snippets, score, GOLD};
//! let gold = load_gold(std::path::Path::new(GOLD)).unwrap();
//! let snippets =
//!     load_snippets(std::path::Path::new("../shared/data/events/case2021_task2/snippets.tsv"))
//!         .unwrap();
//! let r = score(&gold, &snippets, &beacon_events::casualties::casualties).unwrap();
//! println!("exact match {:.3} over {} snippets", r.exact(), r.total);
//! ```

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use beacon_model::Count;

use crate::EvalError;

/// The shipped gold file.
pub const GOLD: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/gold/casualties_case2021.tsv");

/// The snippets file, relative to the `shared/` folder.
pub const SNIPPETS: &str = "data/events/case2021_task2/snippets.tsv";

/// What a casualty reader gives for a text: (fatalities, injured).
pub type Casualties = (Option<Count>, Option<Count>);

/// A figure as the gold states it: min and max (None: no upper bound).
pub type Bounds = (u32, Option<u32>);

/// One gold snippet.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CasualtyGold {
    /// The snippet id.
    pub id: String,
    /// Killed; None when the text states no figure.
    pub fatalities: Option<Bounds>,
    /// Injured; None when the text states no figure.
    pub injured: Option<Bounds>,
}

/// One snippet the system got wrong.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CasualtyMiss {
    /// The snippet id.
    pub id: String,
    /// The gold (fatalities, injured).
    pub gold: (Option<Bounds>, Option<Bounds>),
    /// What the system gave.
    pub system: (Option<Bounds>, Option<Bounds>),
}

/// Exact-match counts over a gold set.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CasualtyReport {
    /// Gold snippets scored.
    pub total: usize,
    /// Both harms equal.
    pub exact: usize,
    /// Fatalities equal.
    pub fatalities: usize,
    /// Injured equal.
    pub injured: usize,
    /// The snippets not matched exactly, in gold order.
    pub misses: Vec<CasualtyMiss>,
}

impl CasualtyReport {
    /// Share of snippets with both harms equal.
    pub fn exact(&self) -> f64 {
        ratio(self.exact, self.total)
    }
    /// Share of snippets with fatalities equal.
    pub fn fatalities(&self) -> f64 {
        ratio(self.fatalities, self.total)
    }
    /// Share of snippets with injured equal.
    pub fn injured(&self) -> f64 {
        ratio(self.injured, self.total)
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 { 0.0 } else { a as f64 / b as f64 }
}

fn read(path: &Path) -> Result<String, EvalError> {
    std::fs::read_to_string(path).map_err(|source| EvalError::Io {
        path: path.to_owned(),
        source,
    })
}

fn format_error(path: &Path, line: usize, detail: impl std::fmt::Display) -> EvalError {
    EvalError::Format {
        path: path.to_owned(),
        detail: format!("line {line}: {detail}"),
    }
}

/// Reads the casualty gold: `#` comments, a header line, then one snippet a
/// line.
pub fn load_gold(path: &Path) -> Result<Vec<CasualtyGold>, EvalError> {
    let text = read(path)?;
    let mut out = Vec::new();
    let mut header = false;
    for (n, line) in text.lines().enumerate() {
        let n = n + 1;
        if line.starts_with('#') || line.trim().is_empty() {
            continue;
        }
        if !header {
            header = true;
            if line.starts_with("id\t") {
                continue;
            }
        }
        let cells: Vec<&str> = line.split('\t').collect();
        if cells.len() != 5 || cells[0].is_empty() {
            return Err(format_error(path, n, "expected 5 tab-separated cells"));
        }
        let num = |s: &str| -> Result<Option<u32>, EvalError> {
            if s.is_empty() {
                Ok(None)
            } else {
                s.parse()
                    .map(Some)
                    .map_err(|_| format_error(path, n, format!("{s:?} is not a count")))
            }
        };
        let pair = |min: &str, max: &str| -> Result<Option<Bounds>, EvalError> {
            match (num(min)?, num(max)?) {
                (None, None) => Ok(None),
                (Some(a), b) if b.is_none_or(|b| b >= a) => Ok(Some((a, b))),
                _ => Err(format_error(path, n, "a max without a min, or below it")),
            }
        };
        out.push(CasualtyGold {
            id: cells[0].to_owned(),
            fatalities: pair(cells[1], cells[2])?,
            injured: pair(cells[3], cells[4])?,
        });
    }
    Ok(out)
}

/// Reads the snippets file: id → text.
pub fn load_snippets(path: &Path) -> Result<HashMap<String, String>, EvalError> {
    let text = read(path)?;
    let mut out = HashMap::new();
    for (n, line) in text.lines().enumerate() {
        if n == 0 && line.starts_with("id\t") {
            continue;
        }
        let mut cells = line.splitn(3, '\t');
        match (cells.next(), cells.next()) {
            (Some(id), Some(snippet)) if !id.is_empty() => {
                out.insert(id.to_owned(), snippet.to_owned());
            }
            _ if line.trim().is_empty() => {}
            _ => {
                return Err(format_error(
                    path,
                    n + 1,
                    "expected id<TAB>snippet<TAB>type",
                ));
            }
        }
    }
    Ok(out)
}

fn bounds(c: Option<Count>) -> Option<Bounds> {
    c.map(|c| (c.min, c.max))
}

/// Scores `system` on every gold snippet. A gold id missing from `snippets`
/// is an error (the gold and the data do not belong together).
pub fn score(
    gold: &[CasualtyGold],
    snippets: &HashMap<String, String>,
    system: &dyn Fn(&str) -> Casualties,
) -> Result<CasualtyReport, EvalError> {
    let mut r = CasualtyReport::default();
    for g in gold {
        let text = snippets.get(&g.id).ok_or_else(|| EvalError::Format {
            path: PathBuf::from(SNIPPETS),
            detail: format!("no snippet {} for the casualty gold", g.id),
        })?;
        let (k, i) = system(text);
        let sys = (bounds(k), bounds(i));
        let fat = sys.0 == g.fatalities;
        let inj = sys.1 == g.injured;
        r.total += 1;
        r.fatalities += usize::from(fat);
        r.injured += usize::from(inj);
        if fat && inj {
            r.exact += 1;
        } else {
            r.misses.push(CasualtyMiss {
                id: g.id.clone(),
                gold: (g.fatalities, g.injured),
                system: sys,
            });
        }
    }
    Ok(r)
}

/// One figure as `min`, `min-max` or `min+` (no upper bound), `-` for none.
pub fn show(b: Option<Bounds>) -> String {
    match b {
        None => "-".into(),
        Some((a, Some(b))) if a == b => a.to_string(),
        Some((a, Some(b))) => format!("{a}-{b}"),
        Some((a, None)) => format!("{a}+"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn count(min: u32, max: Option<u32>) -> Option<Count> {
        Some(Count {
            min,
            max,
            text: String::new(),
        })
    }

    #[test]
    fn scores_exact_and_per_harm() {
        let gold = vec![
            CasualtyGold {
                id: "1".into(),
                fatalities: Some((5, None)),
                injured: None,
            },
            CasualtyGold {
                id: "2".into(),
                fatalities: Some((2, Some(2))),
                injured: Some((3, Some(3))),
            },
        ];
        let snippets: HashMap<String, String> = [("1", "a"), ("2", "b")]
            .into_iter()
            .map(|(a, b)| (a.to_owned(), b.to_owned()))
            .collect();
        let sys = |t: &str| {
            if t == "a" {
                (count(5, None), None)
            } else {
                (count(2, Some(2)), count(3, None))
            }
        };
        let r = score(&gold, &snippets, &sys).unwrap();
        assert_eq!((r.total, r.exact, r.fatalities, r.injured), (2, 1, 2, 1));
        assert_eq!(r.misses.len(), 1);
        assert_eq!(r.misses[0].id, "2");
        assert_eq!(show(r.misses[0].system.1), "3+");
        let empty = HashMap::new();
        assert!(score(&gold, &empty, &sys).is_err());
    }

    #[test]
    fn shipped_gold_has_its_shape() {
        let gold = load_gold(Path::new(GOLD)).unwrap();
        assert!(gold.len() >= 100, "only {} gold snippets", gold.len());
        let mut ids: Vec<&str> = gold.iter().map(|g| g.id.as_str()).collect();
        ids.sort_unstable();
        ids.dedup();
        assert_eq!(ids.len(), gold.len(), "duplicate ids");
        assert!(
            gold.iter()
                .all(|g| g.fatalities.is_some() || g.injured.is_some()),
            "every gold snippet states a figure"
        );
    }
}
