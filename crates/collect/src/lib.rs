//! The collector: Beacon fetching the news by itself.
//!
//! ```text
//! sources (store) ─▶ workers: listing (feed │ sitemap │ page) ─▶ links ─▶ unseen? ─▶ page
//!                        │ one host at a time, robots.txt, delays, guard          │
//!                        └──────────── Collected::Page / Collected::Done ◀────────┘
//!                                          │ (one thread: the caller)
//!                                          ▼
//!                     file each page as `ingest` does, mark its URL seen, keep health
//! ```
//!
//! [`collect`] polls the sources it is given on `workers` threads; each
//! answer goes back to the caller's thread as a [`Collected`], in order per
//! source: its pages (a document, or a rejection with its reason), then its
//! [`Collected::Done`] with the source's new health. The caller files the
//! pages and marks their URLs seen in one transaction, and keeps the health
//! after it (so validators such as an `ETag` are never kept for a listing
//! whose pages were not all filed: a run killed midway fetches the listing
//! whole again, and the URLs already seen are skipped). A page that failed
//! transiently (a timeout, a `5xx`) is not sent: its URL stays unseen and the
//! next run tries it again. Nothing here panics on what a server sends, and
//! one source's trouble never stops another's. With a [`warc::WarcWriter`],
//! every answer is kept as WARC too.

pub mod canon;
pub mod discover;
pub mod fetch;
pub mod metrics;
pub mod opml;
pub mod robots;
pub mod warc;

use std::collections::HashSet;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use beacon_ingest::Item;
use beacon_model::{Reason, Rejection, Source, SourceHealth, SourceKind};
use chrono::{DateTime, Utc};
use url::Url;

use crate::discover::Listing;
use crate::fetch::{Answer, Failure, Fetcher, Want};

/// How the collector fetches.
#[derive(Debug, Clone)]
pub struct Config {
    /// The `User-Agent` header: Beacon, its version and a contact.
    pub user_agent: String,
    /// The product token robots.txt groups are matched against.
    pub robots_token: String,
    /// Where private addresses may be reached (sources that allow them
    /// reach any).
    pub policy: beacon_net::Policy,
    /// Requests under way at once, over all hosts (the global concurrency
    /// limit).
    pub workers: usize,
    /// Sources collected at once: each waits for its hosts' turns on a
    /// thread of its own, holding no request slot while it waits.
    pub sources_at_once: usize,
    /// Least time between two requests to one host.
    pub host_delay: Duration,
    /// Longest a request waits for its host's turn (a longer `Retry-After`
    /// or `crawl-delay` ends the fetch for this run).
    pub max_wait: Duration,
    /// Time to connect.
    pub connect_timeout: Duration,
    /// Time to wait for an answer, and for its body.
    pub read_timeout: Duration,
    /// Largest answer, in bytes (after unpacking).
    pub max_bytes: usize,
    /// Redirects followed.
    pub max_redirects: u32,
    /// Transient failures tried again.
    pub retries: u32,
    /// The first back-off (doubled at each retry).
    pub backoff: Duration,
    /// Most items read from one listing per run.
    pub max_items: usize,
    /// Most sitemaps an index leads to per run.
    pub max_sitemaps: usize,
    /// Polling intervals: the bounds of the adaptive interval.
    pub min_interval: Duration,
    /// The longest interval.
    pub max_interval: Duration,
    /// Where requests, pages and rounds are counted (for `/metrics`).
    pub metrics: Option<Arc<metrics::Metrics>>,
    /// Where every answer is kept as WARC, if anywhere.
    pub warc: Option<Arc<warc::WarcWriter>>,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            user_agent: format!(
                "Beacon/{} (early-warning news reader; +https://github.com/beacon-ews/beacon)",
                env!("CARGO_PKG_VERSION")
            ),
            robots_token: "beacon".into(),
            policy: beacon_net::Policy::from_env(),
            workers: 8,
            sources_at_once: 256,
            host_delay: Duration::from_secs(1),
            max_wait: Duration::from_secs(30),
            connect_timeout: Duration::from_secs(10),
            read_timeout: Duration::from_secs(20),
            max_bytes: beacon_ingest::DEFAULT_MAX_BYTES,
            max_redirects: 5,
            retries: 2,
            backoff: Duration::from_secs(2),
            max_items: 200,
            max_sitemaps: 5,
            min_interval: Duration::from_secs(5 * 60),
            max_interval: Duration::from_secs(6 * 3600),
            metrics: None,
            warc: None,
        }
    }
}

/// What the collector hands its caller.
#[derive(Debug)]
pub enum Collected {
    /// A page a source listed: file it, and mark `url` seen with it.
    Page {
        /// The source's id.
        source: String,
        /// The page's canonical URL.
        url: String,
        /// Its document, or its rejection.
        item: Item,
    },
    /// A source is done for this run: keep its health (after filing its
    /// pages).
    Done {
        /// The source's id.
        source: String,
        /// Its health now.
        health: Box<SourceHealth>,
        /// What this run did with it.
        report: SourceReport,
    },
}

/// What one run did with one source.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
pub struct SourceReport {
    /// The source's id.
    pub id: String,
    /// The listing's status (`304`: unchanged).
    pub status: Option<u16>,
    /// Items the listing held.
    pub items: usize,
    /// Links not seen before.
    pub new_links: usize,
    /// Pages fetched and handed over.
    pub pages: usize,
    /// Pages that failed for now (tried again next run).
    pub deferred: usize,
    /// Why the listing failed, if it did.
    pub error: Option<String>,
}

/// Polls `sources` (each with its health) once: lists each one's links,
/// fetches the pages whose URL `seen` does not know, and hands each page
/// and each source's end to `on`, on the caller's thread. Stops early,
/// leaving the rest for the next run, when `stop` is set or `on` fails (its
/// error is returned).
pub fn collect<E>(
    sources: &[(Source, SourceHealth)],
    config: &Config,
    seen: &(dyn Fn(&str) -> bool + Sync),
    stop: &AtomicBool,
    on: &mut dyn FnMut(Collected) -> Result<(), E>,
) -> Result<(), E> {
    collect_with(&Fetcher::new(config), sources, seen, stop, on)
}

/// [`collect`] with a fetcher kept from round to round (`beacon run`): the
/// hosts' turns carry over (no host is asked again sooner than its delay
/// because a round began) and robots.txt is read once a day.
pub fn collect_with<E>(
    fetcher: &Fetcher,
    sources: &[(Source, SourceHealth)],
    seen: &(dyn Fn(&str) -> bool + Sync),
    stop: &AtomicBool,
    on: &mut dyn FnMut(Collected) -> Result<(), E>,
) -> Result<(), E> {
    let config = fetcher.config();
    let queue = Mutex::new((0..sources.len()).collect::<Vec<_>>());
    let claimed = Mutex::new(HashSet::new());
    let (tx, rx) = std::sync::mpsc::sync_channel::<Collected>(16);
    let failed = Arc::new(AtomicBool::new(false));
    std::thread::scope(|scope| {
        for _ in 0..config.sources_at_once.max(1).min(sources.len().max(1)) {
            let tx = tx.clone();
            let (queue, claimed, failed) = (&queue, &claimed, failed.clone());
            scope.spawn(move || {
                let run = Run {
                    fetcher,
                    config,
                    seen,
                    claimed,
                    stop,
                    tx: &tx,
                };
                loop {
                    if stop.load(Ordering::Relaxed) || failed.load(Ordering::Relaxed) {
                        return;
                    }
                    let next = {
                        let mut q = queue
                            .lock()
                            .unwrap_or_else(std::sync::PoisonError::into_inner);
                        let next = q.pop();
                        if let Some(m) = &config.metrics {
                            m.sources_waiting(q.len());
                        }
                        next
                    };
                    let Some(i) = next else { return };
                    let (source, health) = &sources[i];
                    if !run.source(source, health) {
                        return;
                    }
                }
            });
        }
        drop(tx);
        let mut result = Ok(());
        for c in rx {
            if result.is_ok()
                && let Err(e) = on(c)
            {
                failed.store(true, Ordering::Relaxed);
                result = Err(e);
            }
        }
        result
    })
}

/// One worker's view of a run.
struct Run<'a> {
    fetcher: &'a Fetcher,
    config: &'a Config,
    seen: &'a (dyn Fn(&str) -> bool + Sync),
    claimed: &'a Mutex<HashSet<String>>,
    stop: &'a AtomicBool,
    tx: &'a std::sync::mpsc::SyncSender<Collected>,
}

impl Run<'_> {
    /// Collects one source; false when the caller has gone.
    fn source(&self, source: &Source, health: &SourceHealth) -> bool {
        let now = Utc::now();
        let mut report = SourceReport {
            id: source.id.clone(),
            ..SourceReport::default()
        };
        let mut h = health.clone();
        h.fetches += 1;
        h.last_fetch = Some(now);
        let listed = Url::parse(&source.url)
            .map_err(|e| format!("{} is not a URL: {e}", source.url))
            .and_then(|url| self.listing(source, health, &url));
        match listed {
            Ok((answer, listing)) => {
                report.status = Some(answer.status);
                h.last_status = Some(answer.status);
                h.last_success = Some(now);
                h.last_error = None;
                h.failing_since = None;
                h.failures = 0;
                report.items = listing.items;
                let Some(whole) = self.pages(source, &listing, &mut report) else {
                    return false;
                };
                if answer.status != 304 {
                    h.items = listing.items as u64;
                    // validators only for a listing whose every new page
                    // was handed over: else a 304 next time would hide the
                    // pages left for later
                    let keep = whole && report.deferred == 0;
                    h.etag = answer.etag.clone().filter(|_| keep);
                    h.last_modified = answer.last_modified.clone().filter(|_| keep);
                }
            }
            Err(e) => {
                report.error = Some(e.clone());
                h.last_error = Some(e);
                h.failing_since = h.failing_since.or(Some(now));
                h.failures = h.failures.saturating_add(1);
            }
        }
        schedule(&mut h, report.new_links, now, self.config);
        self.tx
            .send(Collected::Done {
                source: source.id.clone(),
                health: Box::new(h),
                report,
            })
            .is_ok()
    }

    /// Fetches a source's listing and reads its links (an index's sitemaps
    /// too, up to the limit).
    fn listing(
        &self,
        source: &Source,
        health: &SourceHealth,
        url: &Url,
    ) -> Result<(Answer, Listing), String> {
        let validators = (health.etag.as_deref(), health.last_modified.as_deref());
        let answer = self
            .fetcher
            .fetch(url, Want::Listing, source.allow_private, validators)
            .map_err(|f| describe(&f))?;
        if answer.status == 304 {
            return Ok((answer, Listing::default()));
        }
        let base = Url::parse(&answer.url).unwrap_or_else(|_| url.clone());
        let max = self.config.max_items;
        let mut listing = read_listing(source, &answer, &base, max)?;
        let nested = std::mem::take(&mut listing.sitemaps);
        for s in nested.iter().take(self.config.max_sitemaps) {
            if listing.links.len() >= max {
                break;
            }
            let Ok(u) = Url::parse(s) else { continue };
            match self
                .fetcher
                .fetch(&u, Want::Listing, source.allow_private, (None, None))
            {
                Ok(a) => {
                    match discover::sitemap(&unpacked(&a.body), &u, max - listing.links.len()) {
                        Ok(more) => {
                            listing.items += more.items;
                            listing.links.extend(more.links);
                        }
                        Err(e) => tracing::info!("{}: sitemap {s}: {e}", source.id),
                    }
                }
                Err(f) => tracing::info!("{}: sitemap {s}: {}", source.id, describe(&f)),
            }
        }
        Ok((answer, listing))
    }

    /// Fetches the listing's pages not seen before and hands them over:
    /// whether it went through them all (not stopped, not told to wait);
    /// `None` when the caller has gone.
    fn pages(&self, source: &Source, listing: &Listing, report: &mut SourceReport) -> Option<bool> {
        for link in &listing.links {
            if self.stop.load(Ordering::Relaxed) {
                return Some(false);
            }
            if (self.seen)(&link.url)
                || !self
                    .claimed
                    .lock()
                    .unwrap_or_else(std::sync::PoisonError::into_inner)
                    .insert(link.url.clone())
            {
                continue;
            }
            report.new_links += 1;
            let Ok(url) = Url::parse(&link.url) else {
                continue;
            };
            let fetched =
                self.fetcher
                    .fetch_holding(&url, Want::Page, source.allow_private, (None, None));
            // the page's request slot stays taken until it is handed over
            let mut held = None;
            let item = match fetched {
                Ok((a, slot)) => {
                    held = Some(slot);
                    page_item(source, &link.url, a)
                }
                Err(f) if f.transient => {
                    report.deferred += 1;
                    if let Some(m) = &self.config.metrics {
                        m.page("deferred");
                    }
                    tracing::info!("{}: {} deferred: {}", source.id, link.url, f.detail);
                    if f.wait_until.is_some() {
                        // the host asks for a pause: the rest wait for the next run
                        return Some(false);
                    }
                    continue;
                }
                Err(f) => Item::Rejected(Rejection::new(&link.url, f.reason, f.detail)),
            };
            report.pages += 1;
            let sent = self.tx.send(Collected::Page {
                source: source.id.clone(),
                url: link.url.clone(),
                item,
            });
            drop(held);
            if sent.is_err() {
                return None;
            }
        }
        Some(true)
    }
}

/// A listing's links, read as its source's kind says.
fn read_listing(
    source: &Source,
    answer: &Answer,
    base: &Url,
    max: usize,
) -> Result<Listing, String> {
    let body = unpacked(&answer.body);
    let html = answer
        .content_type
        .as_deref()
        .is_some_and(|t| beacon_ingest::response::mime(t) == "text/html");
    match source.kind {
        SourceKind::Feed => discover::feed(&body, base, max).map_err(|e| {
            if html {
                format!("the feed URL answers an HTML page, not a feed ({e})")
            } else {
                format!("not a readable feed: {e}")
            }
        }),
        SourceKind::Sitemap => discover::sitemap(&body, base, max),
        SourceKind::Page => {
            let text = String::from_utf8_lossy(&body);
            Ok(discover::page(&text, base, max, |u| {
                discover::follows(source, u)
            }))
        }
    }
}

/// A body that is itself gzip-compressed (`sitemap.xml.gz`) unpacked
/// (within the input limit), else as it is.
fn unpacked(body: &[u8]) -> std::borrow::Cow<'_, [u8]> {
    if body.starts_with(b"\x1f\x8b")
        && let Ok(inner) = beacon_ingest::response::decode_content(
            body.to_vec(),
            Some("gzip"),
            beacon_ingest::DEFAULT_MAX_BYTES,
        )
    {
        return std::borrow::Cow::Owned(inner);
    }
    std::borrow::Cow::Borrowed(body)
}

/// A fetched page as an input: a document of it, or its rejection.
fn page_item(source: &Source, url: &str, a: Answer) -> Item {
    beacon_ingest::response::page(
        beacon_ingest::response::Response {
            origin: url.to_owned(),
            url: Some(a.url),
            fetched_at: Some(Utc::now()),
            status: a.status,
            content_type: a.content_type.as_deref(),
            content_encoding: None,
            source: Some(source.name.clone()),
            body: a.body,
        },
        usize::MAX,
    )
}

fn describe(f: &Failure) -> String {
    match f.reason {
        Reason::Forbidden => format!("forbidden: {}", f.detail),
        _ => f.detail.clone(),
    }
}

/// The source's next interval and due time: halved when it brought new
/// links, half as long again when it brought none, doubled per failure in
/// a row; within the configured bounds, with a tenth of jitter.
pub fn schedule(h: &mut SourceHealth, new_links: usize, now: DateTime<Utc>, c: &Config) {
    let (min, max) = (c.min_interval.as_secs_f64(), c.max_interval.as_secs_f64());
    let current = if h.interval_s == 0 {
        min * 3.0
    } else {
        f64::from(h.interval_s)
    };
    let next = if h.failures > 0 {
        min * 2f64.powi(h.failures.min(16) as i32)
    } else if new_links > 0 {
        current / 2.0
    } else {
        current * 1.5
    }
    .clamp(min, max.max(min));
    h.interval_s = next.round() as u32;
    // jitter from the clock: sources polled together drift apart
    let jitter = f64::from(now.timestamp_subsec_millis() % 200) / 1000.0 - 0.1;
    let secs = (next * (1.0 + jitter)).round() as i64;
    h.next_due = Some(now + chrono::Duration::seconds(secs));
}

/// Whether a source is due at `now` (never fetched, or its time has come).
pub fn is_due(h: &SourceHealth, now: DateTime<Utc>) -> bool {
    h.next_due.is_none_or(|d| d <= now)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn intervals_follow_what_a_source_publishes() {
        let c = Config::default();
        let now = Utc::now();
        let mut h = SourceHealth::default();
        schedule(&mut h, 3, now, &c);
        assert_eq!(h.interval_s, 450, "a first fetch with news: 15 min halved");
        schedule(&mut h, 0, now, &c);
        assert_eq!(h.interval_s, 675);
        for _ in 0..40 {
            schedule(&mut h, 0, now, &c);
        }
        assert_eq!(
            h.interval_s,
            6 * 3600,
            "quiet sources settle at the longest interval"
        );
        h.failures = 3;
        schedule(&mut h, 0, now, &c);
        assert_eq!(h.interval_s, 2400, "failures back off from the shortest");
        let due = h.next_due.expect("a due time");
        let secs = (due - now).num_seconds();
        assert!((2160..=2640).contains(&secs), "{secs}");
        assert!(!is_due(&h, now));
        assert!(is_due(&SourceHealth::default(), now));
    }
}
