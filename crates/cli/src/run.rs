//! `beacon run`: Beacon around the clock in one process. The collector
//! polls the sources as they fall due, files what they bring (pipeline,
//! store, stories), brings the search index up to date and evaluates the
//! watchlists after each round; the server serves the dashboard and the
//! API and sends the notifications that fall due. SIGTERM or SIGINT stops
//! it cleanly: no new page is fetched, what was filed is committed, the
//! process exits; a restart resumes where it stopped (a page is marked seen
//! with what it brought, in one transaction), and `kill -9` at any moment
//! loses and repeats nothing.

use std::process::ExitCode;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use anyhow::{Context, Result};
use beacon_collect::is_due;
use beacon_pipeline::{Config, Pipeline};
use beacon_store::Store;
use chrono::Utc;
use clap::Args;

use crate::sources::{FetchArgs, round};
use crate::{DataArgs, ListenArgs};

/// `beacon run`'s options.
#[derive(Args, Debug)]
pub struct RunArgs {
    #[command(flatten)]
    pub data: DataArgs,
    #[command(flatten)]
    pub listen: ListenArgs,
    #[command(flatten)]
    pub fetch: FetchArgs,
}

/// Longest sleep between two looks at the sources (a source added
/// meanwhile waits no longer than this).
const LOOK_EVERY: Duration = Duration::from_secs(30);

pub fn run(a: RunArgs) -> Result<ExitCode> {
    let stop = Arc::new(AtomicBool::new(false));
    let fetch = a.fetch.clone();
    let metrics = Arc::new(beacon_collect::metrics::Metrics::default());
    // the store must open (and be made) before the server reads it
    drop(Store::open(&a.data.data)?);
    let rt = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .context("cannot start the runtime")?;
    let data = a.data.data.clone();
    let collector = {
        let (stop, metrics) = (stop.clone(), metrics.clone());
        std::thread::Builder::new()
            .name("collector".into())
            .spawn(move || collect_until(&data, &fetch, &metrics, &stop))?
    };
    let served = rt.block_on(async {
        let (bound, server) = beacon_server::bind(beacon_server::Config {
            data: a.data.data.clone(),
            addr: a.listen.addr,
            token: a.listen.token.clone(),
            metrics: Some(Arc::new(move || metrics.render())),
        })
        .await?;
        println!(
            "Beacon is running: collecting into {}; dashboard http://{bound}/",
            a.data.data.display()
        );
        use std::io::Write as _;
        std::io::stdout().flush()?;
        tokio::select! {
            r = server => r?,
            _ = shutdown() => eprintln!("beacon run: stopping (finishing the pages under way)…"),
        }
        anyhow::Ok(())
    });
    stop.store(true, Ordering::Relaxed);
    let collected = collector
        .join()
        .map_err(|_| anyhow::anyhow!("the collector's thread panicked"))?;
    served?;
    collected?;
    Ok(ExitCode::SUCCESS)
}

/// SIGINT, or SIGTERM where there is one.
async fn shutdown() {
    #[cfg(unix)]
    {
        let Ok(mut term) =
            tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate())
        else {
            let _ = tokio::signal::ctrl_c().await;
            return;
        };
        tokio::select! {
            _ = tokio::signal::ctrl_c() => {}
            _ = term.recv() => {}
        }
    }
    #[cfg(not(unix))]
    let _ = tokio::signal::ctrl_c().await;
}

/// Rounds of collection as sources fall due, until `stop`.
fn collect_until(
    dir: &std::path::Path,
    fetch: &FetchArgs,
    metrics: &Arc<beacon_collect::metrics::Metrics>,
    stop: &AtomicBool,
) -> Result<()> {
    let pipeline = Pipeline::new(Config::default());
    // one fetcher for every round: the hosts' turns and robots.txt carry over
    let fetcher = crate::sources::fetcher(fetch, Some(metrics.clone()))?;
    while !stop.load(Ordering::Relaxed) {
        let mut store = Store::open(dir)?;
        let now = Utc::now();
        let all = store.sources()?;
        let due: Vec<_> = all
            .iter()
            .filter(|(s, h)| !s.paused && is_due(h, now))
            .cloned()
            .collect();
        if !due.is_empty() {
            let lock = crate::ingest::lock_filer(dir, "beacon run")?;
            let hours = fetch.source_alert_hours;
            let mut r = round(&mut store, &pipeline, &due, &fetcher, hours, stop)?;
            let g = pipeline.entities().shared_gazetteer();
            r.search_synced = crate::commands::sync_search(&store)?;
            r.alerts += crate::watch::evaluate(&mut store, &lock, &g)?.len();
            drop(lock);
            metrics.round(r.alerts);
            tracing::info!(
                "collected {} source(s) ({} failing): {} page(s), {} stored, {} new alert(s) in {:.1} s",
                r.sources,
                r.failing,
                r.pages,
                r.stored,
                r.alerts,
                r.seconds
            );
        }
        // until the next source falls due, looking again now and then
        let next = store
            .sources()?
            .iter()
            .filter(|(s, _)| !s.paused)
            .filter_map(|(_, h)| h.next_due)
            .min()
            .map_or(LOOK_EVERY, |d| {
                (d - Utc::now()).to_std().unwrap_or(Duration::ZERO)
            })
            .clamp(Duration::from_millis(200), LOOK_EVERY);
        drop(store);
        let until = Instant::now() + next;
        while Instant::now() < until && !stop.load(Ordering::Relaxed) {
            std::thread::sleep(Duration::from_millis(100));
        }
    }
    Ok(())
}
