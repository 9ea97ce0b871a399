//! `beacon ingest`: inputs into the store, each newly stored article
//! analysed and filed in its story, then the search index brought up to
//! date and the watchlists evaluated.
//!
//! The run holds the store's filer lock from the rebuild of its story index
//! to the end of the watchlists' evaluation: a second ingest (or anything
//! else that files) waits for it, with a message saying who holds it, so
//! that runs at once end with exactly the stories of one run after another.

use std::collections::BTreeMap;
use std::io::IsTerminal;
use std::path::Path;
use std::process::ExitCode;
use std::time::{Duration, Instant};

use anyhow::Result;
use beacon_ingest::Options;
use beacon_model::{Article, Document, Marking, Reason, Rejection};
use beacon_store::{FilerLock, Put, Store, StoreError};
use beacon_stories::StoryBook;

use beacon_pipeline::{Config, Outcome, Pipeline, analysed_part};

use crate::commands::{REJECTED, inputs, report_rejection};
use crate::{IngestArgs, SummaryFormat};

#[derive(Default, serde::Serialize)]
struct Summary {
    read: u64,
    stored: u64,
    duplicate: u64,
    /// Stories in the store after the run.
    stories: u64,
    /// Alerts the watchlists raised for the first time in this run.
    alerts: usize,
    skipped: u64,
    rejected: u64,
    rejected_by_reason: BTreeMap<Reason, u64>,
    skipped_by_kind: BTreeMap<String, u64>,
    /// Whether the search index was brought up to date by this run
    /// (`false`: another process was writing it, and catches it up).
    search_synced: bool,
    seconds: f64,
    /// The process's peak resident memory, in MB (where the system says).
    #[serde(skip_serializing_if = "Option::is_none")]
    peak_mb: Option<f64>,
}

/// The process's peak resident memory in MB, from `/proc/self/status`
/// (`None` where there is no such file).
pub(crate) fn peak_mb() -> Option<f64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let kb: f64 = status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))?
        .trim()
        .trim_end_matches("kB")
        .trim()
        .parse()
        .ok()?;
    Some((kb / 1024.0 * 10.0).round() / 10.0)
}

/// Takes the store's filer lock for `what`, telling the user on stderr
/// when it has to wait for another process.
pub(crate) fn lock_filer(dir: &Path, what: &str) -> Result<FilerLock> {
    Ok(beacon_store::lock_filer(dir, what, &mut |holder| {
        eprintln!(
            "beacon: another process is filing into {} ({holder}); waiting for it to finish…",
            dir.display()
        );
    })?)
}

/// Inputs filed per transaction unless `--commit-every` says otherwise.
pub const COMMIT_EVERY: u32 = 256;

pub fn ingest(a: IngestArgs) -> Result<ExitCode> {
    let paths = inputs(a.inputs, None)?;
    let opts = Options {
        max_bytes: a.max_size,
    };
    let marking = a.marking.marking()?;
    let dir = &a.data.data;
    let mut store = Store::open(dir)?;
    let lock = lock_filer(dir, "beacon ingest")?;
    let started = Instant::now();
    let bar = (!a.quiet && std::io::stderr().is_terminal()).then(|| {
        let b = indicatif::ProgressBar::new_spinner();
        b.set_style(
            indicatif::ProgressStyle::with_template("{spinner} {elapsed} {msg}")
                .unwrap_or_else(|_| indicatif::ProgressStyle::default_spinner()),
        );
        b.enable_steady_tick(Duration::from_millis(120));
        b
    });
    let pipeline = Pipeline::new(Config::default());
    let mut filer = Filer::new(&pipeline, &store)?;
    let mut s = Summary::default();
    let mut since_commit = 0usize;
    let mut last_commit = Instant::now();
    let report = bar.is_none() && a.summary == SummaryFormat::Text && !a.quiet;
    // an error anywhere below drops the batch: what it holds is rolled
    // back, and a rerun files it again
    let mut batch = store.batch()?;
    pipeline.read::<anyhow::Error>(&paths, &opts, &mut |o| {
        let filed = filer.file(&mut batch, o, &marking)?;
        if !matches!(filed, Filed::Skipped(_)) {
            s.read += 1;
        }
        match filed {
            Filed::Stored => s.stored += 1,
            Filed::Duplicate => s.duplicate += 1,
            Filed::Rejected(r) => {
                s.rejected += 1;
                *s.rejected_by_reason.entry(r.reason()).or_default() += 1;
                if report {
                    report_rejection(&r);
                }
            }
            Filed::Skipped(what) => {
                s.skipped += 1;
                *s.skipped_by_kind.entry(what).or_default() += 1;
            }
        }
        since_commit += 1;
        if since_commit >= a.commit_every as usize
            || last_commit.elapsed() > Duration::from_millis(500)
        {
            batch.checkpoint()?;
            since_commit = 0;
            last_commit = Instant::now();
        }
        if let Some(b) = &bar {
            b.set_message(format!(
                "read {} · stored {} · duplicate {} · rejected {}",
                s.read, s.stored, s.duplicate, s.rejected
            ));
        }
        Ok(())
    })?;
    batch.commit()?;
    // the name model, dictionaries and event models are done with: their
    // memory goes back before the search index reads the new articles
    let g = pipeline.entities().shared_gazetteer();
    drop(filer);
    drop(pipeline);
    s.search_synced = crate::commands::sync_search(&store)?;
    s.alerts = crate::watch::evaluate(&mut store, &lock, &g)?.len();
    drop(lock);
    if let Some(b) = bar {
        b.finish_and_clear();
    }
    s.stories = store.story_count()?;
    s.seconds = started.elapsed().as_secs_f64();
    s.peak_mb = peak_mb();
    print_summary(&s, a.summary, &store)?;
    Ok(if s.rejected > 0 {
        ExitCode::from(REJECTED)
    } else {
        ExitCode::SUCCESS
    })
}

/// The stories as the stored articles left them: each article of the last
/// arrivals (as many as a story stays open for) put back in its stored
/// story, in storage order, and each such story's record taken as stored.
/// A rerun, or a run after a kill, continues them exactly, and the rebuild
/// reads a bounded number of articles however large the store.
fn rebuild_book(store: &Store) -> Result<StoryBook> {
    let mut book = StoryBook::new(beacon_stories::Config::default());
    let after = (store.last_article_seq()? - i64::from(book.horizon_articles())).max(0);
    let mut failed = None;
    store.analysed_articles(
        after,
        &mut |_, article, mentions, events, story| match story {
            Some(id) if book.has(&id) => {
                book.restore_with(&article, &mentions, &id, None);
            }
            Some(id) => match store.story_as_coded(&id) {
                Ok(stored) => {
                    book.restore_with(&article, &mentions, &id, stored.as_ref());
                }
                Err(e) => {
                    failed.get_or_insert(e);
                }
            },
            None => {
                book.add(&article, &mentions, &events);
            }
        },
    )?;
    match failed {
        Some(e) => Err(e.into()),
        None => Ok(book),
    }
}

/// What filing an input did.
pub(crate) enum Filed {
    /// A new article, stored with its analysis and filed in its story.
    Stored,
    /// An article the store holds already.
    Duplicate,
    /// A rejection, recorded in the store.
    Rejected(Rejection),
    /// A record skipped by design (a WARC request): nothing stored.
    Skipped(String),
}

/// What files inputs into the store: the pipeline that analyses each
/// article, and the stories they join (continued from the store's).
pub(crate) struct Filer<'a> {
    pipeline: &'a Pipeline,
    book: StoryBook,
    stored: u64,
}

impl<'a> Filer<'a> {
    /// A filer continuing the store's stories.
    pub(crate) fn new(pipeline: &'a Pipeline, store: &Store) -> Result<Filer<'a>> {
        Ok(Filer {
            pipeline,
            book: rebuild_book(store)?,
            stored: 0,
        })
    }

    /// Files one outcome of reading: an article (once, with its analysis and
    /// story), or a rejection (recorded). An article is marked `marking`
    /// (who may see it) unless it came marked.
    pub(crate) fn file(
        &mut self,
        store: &mut Store,
        o: Outcome,
        marking: &Marking,
    ) -> Result<Filed> {
        let filed = match o {
            Outcome::Article(doc, mut article) => {
                if article.marking.is_clear() {
                    article.marking = marking.clone();
                }
                self.article(store, &doc, &article)?
            }
            Outcome::Rejected(r) => Filed::Rejected(r),
            Outcome::Skipped(what) => return Ok(Filed::Skipped(what)),
        };
        if let Filed::Rejected(r) = &filed {
            store.put_rejection(r)?;
        }
        Ok(filed)
    }

    /// Stores one article with its analysis and files it in its story. An
    /// article too large for the store is not stored (nothing of it stays)
    /// and comes back as its rejection.
    fn article(&mut self, store: &mut Store, doc: &Document, article: &Article) -> Result<Filed> {
        // a long article is analysed and filed by the part the analysis reads
        let part = analysed_part(article);
        let read = part.as_ref().unwrap_or(article);
        let (pipeline, book) = (self.pipeline, &mut self.book);
        // the article, its analysis and its story land together or not at all
        let mut in_book = false;
        let stored = store.atomically(|store| {
            if store.put(doc, Some(article))? == Put::Duplicate {
                return Ok(false);
            }
            let x = pipeline.analyse(read);
            store.put_analysis(&article.id.0, &x.mentions, &x.times, &x.events)?;
            let filed = book.add(read, &x.mentions, &x.events);
            in_book = true;
            let story = &book.stories()[filed.story];
            store.update_story(story, &article.id.0, &filed.events)?;
            Ok(true)
        });
        match stored {
            Ok(false) => Ok(Filed::Duplicate),
            Ok(true) => {
                self.stored += 1;
                if self.stored.is_multiple_of(1000) {
                    self.book.forget_closed();
                }
                Ok(Filed::Stored)
            }
            // too large to store: nothing of it stayed, and the stories never
            // saw it
            Err(e @ StoreError::TooLarge { .. }) if !in_book => {
                Ok(Filed::Rejected(Rejection::new(
                    &doc.origin,
                    Reason::TooLarge,
                    format!("too large for the store: {e}"),
                )))
            }
            Err(e) => Err(e.into()),
        }
    }
}

fn print_summary(s: &Summary, format: SummaryFormat, store: &Store) -> Result<()> {
    match format {
        SummaryFormat::Json => println!("{}", serde_json::to_string(s)?),
        SummaryFormat::Text => {
            println!(
                "read {}  stored {}  duplicate {}  rejected {}  skipped {}  stories {}  new alerts {}  ({:.1}s, into {})",
                s.read,
                s.stored,
                s.duplicate,
                s.rejected,
                s.skipped,
                s.stories,
                s.alerts,
                s.seconds,
                store.dir().display()
            );
            for (reason, n) in &s.rejected_by_reason {
                println!("  rejected {reason}: {n}");
            }
            for (what, n) in &s.skipped_by_kind {
                println!("  skipped {what}: {n}");
            }
        }
    }
    Ok(())
}
