//! `beacon review`: an analyst confirms, corrects or rejects a story-level
//! event, or adds a note, on the machine that holds the store; without an
//! act, shows the event's review (the machine's version and every act).

use anyhow::{Context, Result, bail};
use beacon_model::review::{Action, Correction, Entry};
use beacon_model::{Marking, Tlp};
use beacon_store::Store;
use clap::Args;

use crate::DataArgs;

/// `beacon review`'s arguments.
#[derive(Debug, Args)]
#[command(group(clap::ArgGroup::new("act").args(["confirm", "reject", "reopen", "correct"])))]
pub struct ReviewArgs {
    /// The story-level event's id (as `beacon events` prints it).
    pub event: String,
    /// Every field is right.
    #[arg(long)]
    pub confirm: bool,
    /// There is no such event.
    #[arg(long)]
    pub reject: bool,
    /// Withdraw the verdict (corrections stay).
    #[arg(long)]
    pub reopen: bool,
    /// The right values, as JSON: {"type": "ASSAULT", "actor": ["actor:taliban"],
    /// "location": {"name": "Panj", "lat": 37.24, "lon": 69.1, "country": "TJ"},
    /// "date": "2026-12-01", "fatalities": {"min": 3, "max": 5}, "injured": ...,
    /// "modality": "occurred", "target": [...]}.
    #[arg(long, value_name = "JSON")]
    pub correct: Option<String>,
    /// A note (alone, or with a verdict).
    #[arg(long, value_name = "TEXT")]
    pub note: Option<String>,
    /// The note's TLP (it is never less restricted than the event).
    #[arg(long, value_name = "TLP", default_value = "clear")]
    pub tlp: Tlp,
    /// Who reviews, for the record.
    #[arg(long, value_name = "NAME", default_value = "operator")]
    pub by: String,
    #[command(flatten)]
    pub data: DataArgs,
}

pub fn review(a: ReviewArgs) -> Result<()> {
    let mut store = Store::open(&a.data.data)?;
    let action = match (a.confirm, a.reject, a.reopen, &a.correct, &a.note) {
        (true, ..) => Action::Confirm,
        (_, true, ..) => Action::Reject,
        (_, _, true, ..) => Action::Reopen,
        (_, _, _, Some(_), _) => Action::Correct,
        (_, _, _, None, Some(_)) => Action::Note,
        _ => return show(&store, &a.event),
    };
    let correction: Correction = match &a.correct {
        Some(json) => serde_json::from_str(json).context("--correct: not a correction")?,
        None => Correction::default(),
    };
    let entry = Entry {
        action,
        correction,
        note: a.note.clone(),
        marking: Marking::of(a.tlp),
        by: a.by.trim().to_owned(),
        org: store.home_org_id()?,
        at: String::new(),
    };
    if entry.by.is_empty() || entry.by.chars().any(char::is_control) {
        bail!("--by: a name, without control characters");
    }
    let Some(event) = store.review_event(&a.event, entry)? else {
        bail!("no event {:?} in {}", a.event, a.data.data.display());
    };
    println!("{}", serde_json::to_string_pretty(&event)?);
    eprintln!(
        "beacon: event {} is {} (alerts follow at the next ingest or `beacon watch run`)",
        a.event,
        event.review.map_or("unreviewed", |r| r.status.as_str())
    );
    Ok(())
}

fn show(store: &Store, id: &str) -> Result<()> {
    let Some(h) = store.review_history(id)? else {
        bail!("no event {id:?} in the store");
    };
    let out = serde_json::json!({"event": h.current, "machine": h.machine, "history": h.entries});
    println!("{}", serde_json::to_string_pretty(&out)?);
    Ok(())
}
