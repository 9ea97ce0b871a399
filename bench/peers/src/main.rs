//! Extraction benchmark driver for Beacon and its Rust peers.
//!
//! Loads every gold page, decodes it to a `String` with Beacon's decoder
//! (so every tool gets the same in-memory text), then times only the
//! extraction calls over all pages, for several rounds, and prints one JSON
//! line: tool, pages, seconds, pages_per_s, precision, recall, f1, and — with
//! `--snippets DIR` — trafilatura's snippet counts and F1 (untimed).
//!
//! Usage:
//!   peers --tool beacon|dom_smoothie|trafilatura-rs|rs-trafilatura --gold DIR
//!         [--rounds N] [--min-seconds S] [--snippets DIR]
//!   peers --dump FILE [--gold DIR] [--snippets DIR]
//!
//! `--dump` writes the decoded pages and their gold as one JSON object
//! (`{"pages": [{id, gold, html}], "snippets": [{with, without, html}]}`, each
//! list only when its gold is given) so that `bench/python_extract.py` feeds
//! the Python tools the very same strings.
//!
//! Snippet pages are loaded only after the timed rounds, but they do add to
//! the process's peak memory: measure memory in a run without `--snippets`.
//!
//! Run it pinned to one core (`taskset -c 0`); `bench/extraction.sh` does.

use std::hint::black_box;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

#[derive(Clone, Copy, PartialEq, Eq)]
enum Tool {
    Beacon,
    DomSmoothie,
    TrafilaturaRs,
    RsTrafilatura,
}

impl Tool {
    fn parse(s: &str) -> Option<Tool> {
        Some(match s {
            "beacon" => Tool::Beacon,
            "dom_smoothie" => Tool::DomSmoothie,
            "trafilatura-rs" => Tool::TrafilaturaRs,
            "rs-trafilatura" => Tool::RsTrafilatura,
            _ => return None,
        })
    }

    fn name(self) -> &'static str {
        match self {
            Tool::Beacon => "beacon",
            Tool::DomSmoothie => "dom_smoothie",
            Tool::TrafilaturaRs => "trafilatura-rs",
            Tool::RsTrafilatura => "rs-trafilatura",
        }
    }

    /// The tool's main text of one page, with its default settings; `None`
    /// when it rejects the page or fails.
    fn extract(self, html: &str) -> Option<String> {
        match self {
            Tool::Beacon => beacon_extract::extract_html(html, None).ok().map(|a| a.text),
            Tool::DomSmoothie => {
                let mut r = dom_smoothie::Readability::new(html, None, None).ok()?;
                r.parse().ok().map(|a| a.text_content.to_string())
            }
            Tool::TrafilaturaRs => trafilatura::extract(html, &trafilatura::Options::default())
                .ok()
                .map(|r| r.content_text),
            Tool::RsTrafilatura => rs_trafilatura::extract(html).ok().map(|r| r.content_text),
        }
    }
}

/// Extracts one page, counting a panic as an empty result.
fn run_one(tool: Tool, html: &str, panics: &mut u64) -> String {
    match catch_unwind(AssertUnwindSafe(|| tool.extract(html))) {
        Ok(t) => t.unwrap_or_default(),
        Err(_) => {
            *panics += 1;
            String::new()
        }
    }
}

/// Page bytes → text, the same way for every tool.
fn decode(bytes: &[u8]) -> String {
    match beacon_ingest::decode::decode(bytes, None, true, None) {
        Ok(d) => d.text,
        Err(_) => String::from_utf8_lossy(bytes).into_owned(),
    }
}

struct Args {
    tool: Option<Tool>,
    dump: Option<PathBuf>,
    gold: Option<PathBuf>,
    rounds: Option<u32>,
    min_seconds: f64,
    snippets: Option<PathBuf>,
}

const USAGE: &str = "usage: peers --tool beacon|dom_smoothie|trafilatura-rs|rs-trafilatura \
--gold DIR [--rounds N] [--min-seconds S] [--snippets DIR]\n       peers --dump FILE [--gold DIR] [--snippets DIR]";

fn parse_args() -> Result<Args, String> {
    let mut tool = None;
    let mut gold = None;
    let mut rounds = None;
    let mut min_seconds = 3.0;
    let mut snippets = None;
    let mut dump = None;
    let mut it = std::env::args().skip(1);
    while let Some(a) = it.next() {
        let mut val = || it.next().ok_or_else(|| format!("{a} needs a value\n{USAGE}"));
        match a.as_str() {
            "--tool" => {
                let v = val()?;
                tool = Some(Tool::parse(&v).ok_or_else(|| format!("unknown tool {v}\n{USAGE}"))?);
            }
            "--gold" => gold = Some(PathBuf::from(val()?)),
            "--rounds" => {
                let v = val()?;
                let n: u32 = v.parse().map_err(|_| format!("--rounds: not a number: {v}"))?;
                rounds = Some(n.max(1));
            }
            "--min-seconds" => {
                let v = val()?;
                min_seconds = v
                    .parse()
                    .map_err(|_| format!("--min-seconds: not a number: {v}"))?;
            }
            "--snippets" => snippets = Some(PathBuf::from(val()?)),
            "--dump" => dump = Some(PathBuf::from(val()?)),
            "-h" | "--help" => return Err(USAGE.into()),
            other => return Err(format!("unknown argument {other}\n{USAGE}")),
        }
    }
    if tool.is_none() == dump.is_none() {
        return Err(format!("give one of --tool and --dump\n{USAGE}"));
    }
    if tool.is_some() && gold.is_none() {
        return Err(format!("--gold is required\n{USAGE}"));
    }
    Ok(Args {
        tool,
        dump,
        gold,
        rounds,
        min_seconds,
        snippets,
    })
}

fn main() -> ExitCode {
    let args = match parse_args() {
        Ok(a) => a,
        Err(e) => {
            eprintln!("{e}");
            return ExitCode::from(2);
        }
    };
    // Peers may panic on odd pages; count those quietly as empty output.
    std::panic::set_hook(Box::new(|_| {}));

    // Load and decode everything before any timing.
    let gold = match args.gold.as_deref().map(beacon_eval::load_shingle_gold) {
        None => Vec::new(),
        Some(Ok(g)) => g,
        Some(Err(e)) => {
            eprintln!("{e}");
            return ExitCode::from(1);
        }
    };
    let ids: Vec<String> = gold.iter().map(|p| p.id.clone()).collect();
    let pages: Vec<(String, String)> = gold
        .into_iter()
        .map(|p| (p.gold, decode(&p.html)))
        .collect();
    let load_snippets = || -> Result<Option<Vec<(beacon_eval::Snippets, String)>>, ExitCode> {
        let Some(dir) = &args.snippets else {
            return Ok(None);
        };
        match beacon_eval::load_snippet_gold(dir) {
            Ok(g) => Ok(Some(
                g.into_iter()
                    .map(|p| (p.gold, decode(&p.html)))
                    .collect(),
            )),
            Err(e) => {
                eprintln!("{e}");
                Err(ExitCode::from(1))
            }
        }
    };

    if let Some(path) = &args.dump {
        let pj: Vec<_> = pages
            .iter()
            .zip(&ids)
            .map(|((g, h), id)| {
                let part = beacon_eval::split::Part::of(id).as_str();
                serde_json::json!({"id": id, "gold": g, "html": h, "part": part})
            })
            .collect();
        let mut v = serde_json::json!({});
        if args.gold.is_some() {
            v["pages"] = pj.into();
        }
        let snippet_pages = match load_snippets() {
            Ok(s) => s,
            Err(code) => return code,
        };
        if let Some(sp) = snippet_pages {
            let sj: Vec<_> = sp
                .iter()
                .map(|(s, h)| serde_json::json!({"with": s.with, "without": s.without, "html": h}))
                .collect();
            v["snippets"] = sj.into();
        }
        if let Err(e) = std::fs::write(path, v.to_string()) {
            eprintln!("cannot write {}: {e}", path.display());
            return ExitCode::from(1);
        }
        return ExitCode::SUCCESS;
    }
    let Some(tool) = args.tool else {
        return ExitCode::from(2);
    };

    // Timed: extraction only. Round 1's texts are kept for scoring.
    let mut panics = 0u64;
    let mut texts: Vec<String> = Vec::with_capacity(pages.len());
    let started = Instant::now();
    for (_, html) in &pages {
        texts.push(run_one(tool, html, &mut panics));
    }
    let mut rounds = 1u32;
    let mut sink = 0usize;
    loop {
        let elapsed = started.elapsed().as_secs_f64();
        let more = match args.rounds {
            Some(n) => rounds < n,
            None => elapsed < args.min_seconds,
        };
        if !more {
            break;
        }
        for (_, html) in &pages {
            sink = sink.wrapping_add(black_box(run_one(tool, html, &mut panics)).len());
        }
        rounds += 1;
    }
    let seconds = started.elapsed().as_secs_f64();
    black_box(sink);
    let timed_pages = pages.len() as u64 * u64::from(rounds);

    // Scoring (untimed).
    let pairs: Vec<(String, String)> = pages
        .iter()
        .zip(texts)
        .map(|((g, _), t)| (g.clone(), t))
        .collect();
    let empty_ids: Vec<&str> = pairs
        .iter()
        .zip(&ids)
        .filter(|((_, t), _)| t.trim().is_empty())
        .map(|(_, id)| id.as_str())
        .collect();
    let empty = empty_ids.len();
    let prf = beacon_eval::extraction(&pairs);
    // F1 over the tune and the frozen test part (`beacon_eval::split`, by page)
    let f1_of = |part: beacon_eval::split::Part| {
        let sel: Vec<(String, String)> = pairs
            .iter()
            .zip(&ids)
            .filter(|(_, id)| beacon_eval::split::Part::of(id) == part)
            .map(|(p, _)| p.clone())
            .collect();
        beacon_eval::extraction(&sel).f1
    };

    let mut out = serde_json::json!({
        "tool": tool.name(),
        "pages": pages.len(),
        "rounds": rounds,
        "timed_pages": timed_pages,
        "seconds": seconds,
        "pages_per_s": timed_pages as f64 / seconds,
        "precision": prf.precision,
        "recall": prf.recall,
        "f1": prf.f1,
        "f1_tune": f1_of(beacon_eval::split::Part::Tune),
        "f1_test": f1_of(beacon_eval::split::Part::Test),
        "empty": empty,
        "empty_ids": empty_ids,
    });
    drop(pages);
    let snippet_pages = match load_snippets() {
        Ok(s) => s,
        Err(code) => return code,
    };
    if let Some(sp) = snippet_pages {
        let mut c = beacon_eval::SnippetCounts::default();
        for (s, html) in &sp {
            let t = run_one(tool, html, &mut panics);
            beacon_eval::score_snippets(&t, s, &mut c);
        }
        out["snippet_pages"] = sp.len().into();
        out["snippets"] = serde_json::json!({
            "tp": c.tp, "fn": c.fn_, "fp": c.fp, "tn": c.tn,
            "precision": c.precision(), "recall": c.recall(),
            "accuracy": c.accuracy(), "f1": c.f1(),
        });
    }
    out["panics"] = panics.into();
    println!("{out}");
    ExitCode::SUCCESS
}
