//! `beacon check`: is the store damaged, and its search index? And the one
//! message every command gives when it finds the store damaged.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::Result;
use beacon_search::SearchIndex;
use beacon_store::{DB_FILE, Store, StoreError};

/// What to do about a damaged store, in words.
const ADVICE: &str = "restore beacon.db from a backup \
     (the search index beside it is derived, and is rebuilt from the store)";

/// The message for a damaged store in `dir`: the file, what was found, and
/// what to do. One message, once.
pub fn damaged(dir: &Path, e: &StoreError) -> String {
    let what = match e {
        StoreError::Damaged(detail) => detail.clone(),
        other => other.to_string(),
    };
    format!(
        "the store {} is damaged: {what}. Run `beacon check --data {}` to see what is damaged, then {ADVICE}",
        dir.join(DB_FILE).display(),
        dir.display()
    )
}

/// The data directory the command line names (`--data DIR`, else
/// `BEACON_DATA`, else the default), for messages about it.
pub fn data_dir_of_args() -> PathBuf {
    let mut args = std::env::args_os().skip(1);
    let mut found = None;
    while let Some(a) = args.next() {
        if a == "--data" {
            found = args.next().map(PathBuf::from);
        } else if let Some(v) = a.to_str().and_then(|a| a.strip_prefix("--data=")) {
            found = Some(PathBuf::from(v));
        }
    }
    found
        .or_else(|| std::env::var_os("BEACON_DATA").map(PathBuf::from))
        .unwrap_or_else(|| PathBuf::from("beacon-data"))
}

pub fn check(dir: &Path) -> Result<ExitCode> {
    let file = dir.join(DB_FILE);
    if !file.exists() {
        anyhow::bail!("no store in {} (no {DB_FILE})", dir.display());
    }
    let store = match Store::open(dir) {
        Ok(s) => s,
        Err(e @ (StoreError::Empty(_) | StoreError::Damaged(_))) => {
            println!("{}: damaged: {e}", file.display());
            println!("what to do: {ADVICE}");
            return Ok(ExitCode::from(1));
        }
        Err(e) => return Err(e.into()),
    };
    let c = store.check()?;
    let mut bad = !c.ok();
    if c.ok() {
        println!("{}: ok ({} records read back)", file.display(), c.records);
    } else {
        println!(
            "{}: damaged ({} problem(s) found, {} records read back):",
            file.display(),
            c.problems.len(),
            c.records
        );
        for p in &c.problems {
            println!("  {p}");
        }
        println!("what to do: {ADVICE}");
    }
    let search = SearchIndex::dir_of(&store);
    if search.is_dir() {
        let problems = match store.id() {
            Ok(id) => SearchIndex::check_dir(&search, &id),
            Err(e) => vec![format!("the store has no identity to compare with: {e}")],
        };
        if problems.is_empty() {
            println!("{}: ok", search.display());
        } else {
            bad = true;
            println!("{}: damaged:", search.display());
            for p in &problems {
                println!("  {p}");
            }
            println!(
                "what to do: delete {} — it is derived from the store and rebuilt by the next ingest or search",
                search.display()
            );
        }
    }
    Ok(if bad {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}
