//! One filer per store: the lock that lets exactly one process at a time
//! file articles into stories, write story-level events and evaluate the
//! watchlists.
//!
//! Filing is not a per-row operation: a run rebuilds its story index from
//! the store, then adds each new article to it. Two runs at once would each
//! keep a story index the other does not see, and file the same happening
//! twice. So every process that files (`beacon ingest`, `beacon demo`,
//! `beacon watch`, the server when a watchlist changes) holds this lock
//! while it does: an advisory lock (`flock`) on `<data>/filer.lock`, which
//! the system releases when the process ends, however it ends. The file
//! says who holds it, for the message of whoever waits.

use std::fs::{File, OpenOptions, TryLockError};
use std::io::{Read, Seek, Write};
use std::path::Path;

use crate::StoreError;

/// The lock file's name in a data directory.
pub const FILER_LOCK: &str = "filer.lock";

/// The held lock; filing is allowed while it lives.
#[derive(Debug)]
pub struct FilerLock {
    _file: File,
}

/// Who holds the lock, as the holder wrote it ("pid 123: beacon ingest, since …").
pub type Holder = String;

fn open(dir: &Path) -> Result<File, StoreError> {
    std::fs::create_dir_all(dir).map_err(|source| StoreError::Dir {
        path: dir.to_owned(),
        source,
    })?;
    let path = dir.join(FILER_LOCK);
    OpenOptions::new()
        .read(true)
        .write(true)
        .create(true)
        .truncate(false)
        .open(&path)
        .map_err(|source| StoreError::Dir { path, source })
}

fn holder_of(file: &mut File) -> Holder {
    let mut s = String::new();
    let _ = file.rewind().and_then(|()| file.read_to_string(&mut s));
    let s = s.trim();
    if s.is_empty() {
        "another process".to_owned()
    } else {
        s.to_owned()
    }
}

fn hold(mut file: File, what: &str) -> FilerLock {
    // who holds it, for the messages of those who wait (best effort)
    let note = format!(
        "pid {}: {what}, since {}",
        std::process::id(),
        chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
    );
    let _ = file
        .set_len(0)
        .and_then(|()| file.rewind())
        .and_then(|()| file.write_all(note.as_bytes()));
    FilerLock { _file: file }
}

/// Takes the store's filer lock in `dir`, for `what` (e.g. "beacon
/// ingest"). When another process holds it, `waiting` is told who, once,
/// and the call blocks until the lock is free.
pub fn lock_filer(
    dir: &Path,
    what: &str,
    waiting: &mut dyn FnMut(&Holder),
) -> Result<FilerLock, StoreError> {
    let mut file = open(dir)?;
    match file.try_lock() {
        Ok(()) => return Ok(hold(file, what)),
        Err(TryLockError::WouldBlock) => waiting(&holder_of(&mut file)),
        Err(TryLockError::Error(source)) => {
            return Err(StoreError::Dir {
                path: dir.join(FILER_LOCK),
                source,
            });
        }
    }
    file.lock().map_err(|source| StoreError::Dir {
        path: dir.join(FILER_LOCK),
        source,
    })?;
    Ok(hold(file, what))
}

/// Takes the filer lock if it is free; `Err(holder)` when another process
/// holds it.
pub fn try_lock_filer(dir: &Path, what: &str) -> Result<Result<FilerLock, Holder>, StoreError> {
    let mut file = open(dir)?;
    match file.try_lock() {
        Ok(()) => Ok(Ok(hold(file, what))),
        Err(TryLockError::WouldBlock) => Ok(Err(holder_of(&mut file))),
        Err(TryLockError::Error(source)) => Err(StoreError::Dir {
            path: dir.join(FILER_LOCK),
            source,
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_holder_at_a_time_and_the_waiter_is_told_who() {
        let dir = tempfile::tempdir().unwrap();
        let first = lock_filer(dir.path(), "test one", &mut |_| panic!("free")).unwrap();
        let busy = try_lock_filer(dir.path(), "test two").unwrap();
        let holder = busy.expect_err("held");
        assert!(holder.contains("test one"), "{holder}");
        assert!(holder.contains(&format!("pid {}", std::process::id())));
        let dir2 = dir.path().to_owned();
        let (tx, rx) = std::sync::mpsc::channel();
        let waiter = std::thread::spawn(move || {
            let mut told = Vec::new();
            let lock = lock_filer(&dir2, "test three", &mut |h| told.push(h.clone())).unwrap();
            tx.send(()).unwrap();
            drop(lock);
            told
        });
        std::thread::sleep(std::time::Duration::from_millis(100));
        assert!(
            rx.try_recv().is_err(),
            "the waiter got the lock while it was held"
        );
        drop(first);
        rx.recv_timeout(std::time::Duration::from_secs(10)).unwrap();
        let told = waiter.join().unwrap();
        assert_eq!(told.len(), 1);
        assert!(told[0].contains("test one"));
        assert!(try_lock_filer(dir.path(), "test four").unwrap().is_ok());
    }
}
