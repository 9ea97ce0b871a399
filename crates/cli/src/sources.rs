//! `beacon sources` (the outlets Beacon collects from) and `beacon collect`
//! (one round of collection into the store: every page new to it analysed
//! and filed as `ingest` files it, its URL marked seen in the same
//! transaction, then each source's health kept).

use std::collections::BTreeMap;
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Mutex;
use std::sync::atomic::AtomicBool;
use std::time::{Duration, Instant};

use anyhow::{Context, Result, bail};
use beacon_collect::fetch::Fetcher;
use beacon_collect::{Collected, SourceReport, is_due};
use beacon_model::{
    Alert, CountryCode, Marking, Reason, Source, SourceHealth, SourceKind, SourceState, Tlp,
};
use beacon_pipeline::{Config, Pipeline};
use beacon_store::Store;
use chrono::Utc;
use clap::{Args, Subcommand, ValueEnum};

use crate::ingest::{Filed, Filer, lock_filer};
use crate::{DataArgs, SummaryFormat};

#[derive(Subcommand, Debug)]
pub enum SourcesCommand {
    /// Add a source: a feed (RSS, Atom, JSON Feed), a sitemap, or a section page.
    ///
    /// Examples:
    ///   beacon sources add --name "Khaama Press" --language en --country AF --tag afghanistan https://www.khaama.com/feed/
    ///   beacon sources add --name "Asia-Plus" --kind sitemap https://asiaplustj.info/sitemap.xml
    ///   beacon sources add --name "Ozodi" --kind page --pattern 'https://www.ozodi.org/a/*.html' https://www.ozodi.org/z/562
    #[command(verbatim_doc_comment)]
    Add(Box<AddArgs>),
    /// List the sources and their health.
    List {
        #[command(flatten)]
        data: DataArgs,
        /// How to print them.
        #[arg(long, value_enum, default_value_t = ListFormat::Text)]
        format: ListFormat,
    },
    /// Show a source, its health and what it brought.
    Show {
        #[command(flatten)]
        data: DataArgs,
        /// How to print it.
        #[arg(long, value_enum, default_value_t = ListFormat::Text)]
        format: ListFormat,
        /// The source's id.
        id: String,
    },
    /// Pause a source (it is not collected until resumed).
    Pause {
        #[command(flatten)]
        data: DataArgs,
        /// The source's id.
        id: String,
    },
    /// Resume a paused source.
    Resume {
        #[command(flatten)]
        data: DataArgs,
        /// The source's id.
        id: String,
    },
    /// Remove a source (what it brought stays).
    Remove {
        #[command(flatten)]
        data: DataArgs,
        /// The source's id.
        id: String,
    },
    /// Import sources from OPML (as feed readers export) or JSON lines.
    ///
    /// Each outline with an `xmlUrl` is a source; folders become tags.
    /// Sources whose id is taken are left as they are unless --replace.
    ///
    /// Examples:
    ///   beacon sources import subscriptions.opml
    ///   beacon sources import --replace data/sources/starter.opml
    #[command(verbatim_doc_comment)]
    Import {
        #[command(flatten)]
        data: DataArgs,
        /// Replace sources whose id is taken.
        #[arg(long)]
        replace: bool,
        /// Allow every imported source to be on a private address.
        #[arg(long)]
        allow_private: bool,
        /// The OPML or JSON-lines file.
        file: PathBuf,
    },
    /// Export the sources as OPML (or JSON lines) on stdout.
    Export {
        #[command(flatten)]
        data: DataArgs,
        /// The format.
        #[arg(long, value_enum, default_value_t = ExportFormat::Opml)]
        format: ExportFormat,
    },
}

#[derive(ValueEnum, Debug, Clone, Copy, PartialEq, Eq)]
pub enum ListFormat {
    /// Lines for reading.
    Text,
    /// One JSON object per source (`source` and `health`).
    Jsonl,
}

#[derive(ValueEnum, Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExportFormat {
    /// OPML 2.0, which feed readers import.
    Opml,
    /// One source record per line.
    Jsonl,
}

#[derive(Args, Debug)]
pub struct AddArgs {
    #[command(flatten)]
    pub data: DataArgs,
    /// A name for people.
    #[arg(long)]
    pub name: String,
    /// Its id (default: `src-` and a slug of the name).
    #[arg(long)]
    pub id: Option<String>,
    /// What the URL answers.
    #[arg(long, default_value_t = SourceKind::Feed, value_name = "feed|sitemap|page")]
    pub kind: SourceKind,
    /// For a page: the links to follow (`*` any run of characters).
    #[arg(long, value_name = "PATTERN")]
    pub pattern: Option<String>,
    /// A language it publishes in, ISO 639 (repeatable).
    #[arg(long = "language", value_name = "CODE")]
    pub languages: Vec<String>,
    /// The country it is based in or covers.
    #[arg(long, value_name = "CC")]
    pub country: Option<CountryCode>,
    /// A region or topic tag (repeatable).
    #[arg(long = "tag", value_name = "TAG")]
    pub tags: Vec<String>,
    /// The TLP 2.0 marking of what it brings.
    #[arg(long, default_value_t = Tlp::Clear, value_name = "clear|green|amber|amber+strict|red")]
    pub tlp: Tlp,
    /// A note for people.
    #[arg(long)]
    pub note: Option<String>,
    /// Add it paused.
    #[arg(long)]
    pub paused: bool,
    /// Allow it to be on a private address (an intranet's feed).
    #[arg(long)]
    pub allow_private: bool,
    /// Replace a source with the same id.
    #[arg(long)]
    pub replace: bool,
    /// The feed, sitemap or page URL.
    pub url: String,
}

/// `beacon collect`'s options.
#[derive(Args, Debug)]
pub struct CollectArgs {
    #[command(flatten)]
    pub data: DataArgs,
    /// One round, then exit (for cron); without it, `beacon run` collects
    /// around the clock.
    #[arg(long, required = true)]
    pub once: bool,
    /// Every source that is not paused, due or not.
    #[arg(long)]
    pub all: bool,
    /// Only this source (repeatable; due or not).
    #[arg(long = "source", value_name = "ID")]
    pub sources: Vec<String>,
    #[command(flatten)]
    pub fetch: FetchArgs,
    /// How to print the closing summary.
    #[arg(long, value_enum, default_value_t = SummaryFormat::Text)]
    pub summary: SummaryFormat,
}

/// How the collector fetches (`collect` and `run`).
#[derive(Args, Debug, Clone)]
pub struct FetchArgs {
    /// Requests at once, over all hosts.
    #[arg(long, default_value_t = 8, value_parser = clap::value_parser!(u16).range(1..=256))]
    pub workers: u16,
    /// Sources collected at once (each waits for its hosts' turns without
    /// holding a request).
    #[arg(long, default_value_t = 256, value_parser = clap::value_parser!(u16).range(1..=4096))]
    pub sources_at_once: u16,
    /// Least time between two requests to one host, in milliseconds.
    #[arg(long, default_value_t = 1000, value_name = "MS")]
    pub host_delay_ms: u64,
    /// Time to connect, and to wait for an answer, in seconds.
    #[arg(long, default_value_t = 20, value_name = "S", value_parser = clap::value_parser!(u64).range(1..=600))]
    pub timeout: u64,
    /// Largest answer, in bytes.
    #[arg(long, value_name = "BYTES", default_value_t = beacon_ingest::DEFAULT_MAX_BYTES)]
    pub max_size: usize,
    /// Transient failures tried again.
    #[arg(long, default_value_t = 2)]
    pub retries: u32,
    /// Most items read from one listing per round.
    #[arg(long, default_value_t = 200, value_name = "N")]
    pub max_items: usize,
    /// The User-Agent header (name Beacon and a contact).
    #[arg(long, env = "BEACON_USER_AGENT")]
    pub user_agent: Option<String>,
    /// The shortest polling interval of a source, in seconds (a source
    /// that publishes often falls due this often).
    #[arg(long, default_value_t = 300, value_name = "S", value_parser = clap::value_parser!(u64).range(1..))]
    pub min_interval: u64,
    /// The longest polling interval of a quiet source, in seconds.
    #[arg(long, default_value_t = 6 * 3600, value_name = "S", value_parser = clap::value_parser!(u64).range(1..))]
    pub max_interval: u64,
    /// Let every source reach private addresses (an intranet's outlets);
    /// otherwise only the sources added with --allow-private, and the hosts
    /// `BEACON_ALLOW_PRIVATE_URLS` names.
    #[arg(long)]
    pub allow_private: bool,
    /// Keep every answer (feeds, sitemaps, pages) as WARC (ISO 28500) in
    /// this directory, a `.warc.gz` file a run, for provenance and replay
    /// (`beacon ingest` reads them).
    #[arg(long, value_name = "DIR")]
    pub warc: Option<PathBuf>,
    /// Hours a source may fail before it raises an alert of its own.
    #[arg(long, default_value_t = 24, value_name = "H", value_parser = clap::value_parser!(u32).range(1..=8760))]
    pub source_alert_hours: u32,
}

impl FetchArgs {
    pub fn config(&self) -> beacon_collect::Config {
        let d = beacon_collect::Config::default();
        beacon_collect::Config {
            user_agent: self.user_agent.clone().unwrap_or(d.user_agent.clone()),
            workers: usize::from(self.workers),
            sources_at_once: usize::from(self.sources_at_once),
            host_delay: Duration::from_millis(self.host_delay_ms),
            connect_timeout: Duration::from_secs(self.timeout.min(d.connect_timeout.as_secs())),
            read_timeout: Duration::from_secs(self.timeout),
            max_bytes: self.max_size,
            retries: self.retries,
            max_items: self.max_items.max(1),
            policy: if self.allow_private {
                beacon_net::Policy {
                    allow: beacon_net::Allow::Any,
                }
            } else {
                d.policy.clone()
            },
            min_interval: Duration::from_secs(self.min_interval),
            max_interval: Duration::from_secs(self.max_interval.max(self.min_interval)),
            ..d
        }
    }
}

pub fn sources(c: SourcesCommand) -> Result<ExitCode> {
    match c {
        SourcesCommand::Add(a) => add(*a)?,
        SourcesCommand::List { data, format } => {
            let store = crate::commands::open_existing(&data.data)?;
            print_sources(&store.sources()?, format)?;
        }
        SourcesCommand::Show { data, format, id } => {
            let store = crate::commands::open_existing(&data.data)?;
            let Some(found) = store.source(&id)? else {
                bail!("no source {id:?} (beacon sources list shows them)");
            };
            let recent = store.seen_from(&id, 10)?;
            match format {
                ListFormat::Jsonl => {
                    let recent: Vec<_> = recent
                        .iter()
                        .map(|(url, outcome, at)| serde_json::json!({"url": url, "outcome": outcome, "at": at}))
                        .collect();
                    let line =
                        serde_json::json!({"source": found.0, "health": found.1, "recent": recent});
                    println!("{line}");
                }
                ListFormat::Text => {
                    show(&found.0, &found.1);
                    if !recent.is_empty() {
                        println!("  last collected:");
                    }
                    for (url, outcome, at) in &recent {
                        println!("    {at}  {outcome}  {url}");
                    }
                }
            }
        }
        SourcesCommand::Pause { data, id } => set_paused(&data, &id, true)?,
        SourcesCommand::Resume { data, id } => set_paused(&data, &id, false)?,
        SourcesCommand::Remove { data, id } => {
            let mut store = crate::commands::open_existing(&data.data)?;
            if !store.delete_source(&id)? {
                bail!("no source {id:?}");
            }
            println!("removed {id} (what it brought stays)");
        }
        SourcesCommand::Import {
            data,
            replace,
            allow_private,
            file,
        } => import(&data, &file, replace, allow_private)?,
        SourcesCommand::Export { data, format } => {
            let store = crate::commands::open_existing(&data.data)?;
            let all: Vec<Source> = store.sources()?.into_iter().map(|(s, _)| s).collect();
            let mut out = std::io::stdout().lock();
            match format {
                ExportFormat::Opml => {
                    out.write_all(beacon_collect::opml::write(&all, "Beacon sources").as_bytes())?;
                }
                ExportFormat::Jsonl => {
                    for s in &all {
                        serde_json::to_writer(&mut out, s)?;
                        writeln!(out)?;
                    }
                }
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// Refuses a URL the network guard would never fetch (a scheme other than
/// http(s), a private address) unless the source allows private ones.
fn guard(s: &Source) -> Result<()> {
    if !s.allow_private {
        beacon_net::Policy::from_env()
            .check_url(&s.url)
            .with_context(|| format!("source {:?}", s.name))?;
    }
    Ok(())
}

fn add(a: AddArgs) -> Result<()> {
    let mut s = Source::new(&a.name, &a.url, a.kind);
    if let Some(id) = a.id {
        s.id = id;
    }
    s.pattern = a.pattern;
    s.languages = a
        .languages
        .iter()
        .map(|l| l.trim().to_ascii_lowercase())
        .collect();
    s.country = a.country;
    s.tags = a.tags;
    s.tlp = a.tlp;
    s.note = a.note;
    s.paused = a.paused;
    s.allow_private = a.allow_private;
    s.check().map_err(anyhow::Error::msg)?;
    guard(&s)?;
    let mut store = Store::open(&a.data.data)?;
    if !a.replace && store.source(&s.id)?.is_some() {
        bail!(
            "a source {:?} exists (--replace replaces it; --id gives this one another id)",
            s.id
        );
    }
    store.put_source(&s)?;
    println!("added {} ({} {})", s.id, s.kind, s.url);
    Ok(())
}

fn set_paused(data: &DataArgs, id: &str, paused: bool) -> Result<()> {
    let mut store = crate::commands::open_existing(&data.data)?;
    let Some((mut s, _)) = store.source(id)? else {
        bail!("no source {id:?}");
    };
    s.paused = paused;
    store.put_source(&s)?;
    println!("{} {id}", if paused { "paused" } else { "resumed" });
    Ok(())
}

fn import(data: &DataArgs, file: &PathBuf, replace: bool, allow_private: bool) -> Result<()> {
    let text =
        std::fs::read_to_string(file).with_context(|| format!("reading {}", file.display()))?;
    let mut found = if text.trim_start().starts_with('{') {
        text.lines()
            .filter(|l| !l.trim().is_empty())
            .enumerate()
            .map(|(i, l)| {
                let s: Source =
                    serde_json::from_str(l).with_context(|| format!("line {}", i + 1))?;
                s.check()
                    .map_err(|e| anyhow::anyhow!("line {}: {e}", i + 1))?;
                Ok(s)
            })
            .collect::<Result<Vec<_>>>()?
    } else {
        beacon_collect::opml::read(&text).map_err(anyhow::Error::msg)?
    };
    for s in &mut found {
        s.allow_private |= allow_private;
        guard(s)?;
    }
    let mut store = Store::open(&data.data)?;
    let (mut added, mut kept) = (0, 0);
    for s in &found {
        if !replace && store.source(&s.id)?.is_some() {
            kept += 1;
            continue;
        }
        store.put_source(s)?;
        added += 1;
    }
    println!("imported {added} source(s); {kept} left as they were (their id was taken)");
    Ok(())
}

/// A source's state in a word or two (since when, if it is failing).
fn state(s: &Source, h: &SourceHealth) -> String {
    match (s.state(h), h.failing_since) {
        (SourceState::Failing, Some(since)) => {
            format!("failing since {}", since.format("%Y-%m-%d %H:%M"))
        }
        (state, _) => state.as_str().into(),
    }
}

fn print_sources(all: &[(Source, SourceHealth)], format: ListFormat) -> Result<()> {
    let mut out = std::io::stdout().lock();
    match format {
        ListFormat::Jsonl => {
            for (s, h) in all {
                serde_json::to_writer(&mut out, &serde_json::json!({"source": s, "health": h}))?;
                writeln!(out)?;
            }
        }
        ListFormat::Text => {
            writeln!(out, "{} source(s)", all.len())?;
            for (s, h) in all {
                writeln!(
                    out,
                    "{}  {}  {}  new {}  {}  {}",
                    s.id,
                    s.kind,
                    state(s, h),
                    h.new_articles,
                    s.name,
                    s.url
                )?;
            }
        }
    }
    Ok(())
}

fn show(s: &Source, h: &SourceHealth) {
    let time = |t: Option<chrono::DateTime<Utc>>| {
        t.map_or_else(
            || "never".to_owned(),
            |t| t.format("%Y-%m-%d %H:%M:%S UTC").to_string(),
        )
    };
    println!("{} ({})", s.name, s.id);
    println!("  {} {}", s.kind, s.url);
    if let Some(p) = &s.pattern {
        println!("  follows {p}");
    }
    println!(
        "  languages {}  country {}  tags {}  TLP:{}",
        if s.languages.is_empty() {
            "-".into()
        } else {
            s.languages.join(",")
        },
        s.country.map_or("-".into(), |c| c.to_string()),
        if s.tags.is_empty() {
            "-".into()
        } else {
            s.tags.join(",")
        },
        s.tlp.as_str().to_ascii_uppercase()
    );
    if let Some(n) = &s.note {
        println!("  note: {n}");
    }
    println!("  state: {}", state(s, h));
    println!(
        "  last fetch {}  last success {}",
        time(h.last_fetch),
        time(h.last_success)
    );
    if let Some(e) = &h.last_error {
        println!("  last error: {e} ({} in a row)", h.failures);
    }
    println!(
        "  last status {}  items {}  new articles {}  fetches {}  interval {} s  next due {}",
        h.last_status.map_or("-".into(), |s| s.to_string()),
        h.items,
        h.new_articles,
        h.fetches,
        h.interval_s,
        time(h.next_due)
    );
}

/// What one round of collection did.
#[derive(Default, serde::Serialize)]
pub(crate) struct Round {
    pub sources: usize,
    pub failing: usize,
    pub pages: u64,
    pub stored: u64,
    pub duplicate: u64,
    pub rejected: u64,
    pub rejected_by_reason: BTreeMap<Reason, u64>,
    pub alerts: usize,
    pub search_synced: bool,
    pub seconds: f64,
    pub reports: Vec<SourceReport>,
}

pub fn collect(a: CollectArgs) -> Result<ExitCode> {
    let dir = &a.data.data;
    let mut store = Store::open(dir)?;
    let now = Utc::now();
    let chosen: Vec<(Source, SourceHealth)> = store
        .sources()?
        .into_iter()
        .filter(|(s, h)| {
            if a.sources.is_empty() {
                !s.paused && (a.all || is_due(h, now))
            } else {
                a.sources.contains(&s.id)
            }
        })
        .collect();
    if let Some(missing) = a
        .sources
        .iter()
        .find(|id| !chosen.iter().any(|(s, _)| s.id == **id))
    {
        bail!("no source {missing:?} (beacon sources list shows them)");
    }
    let lock = lock_filer(dir, "beacon collect")?;
    let pipeline = Pipeline::new(Config::default());
    let stop = AtomicBool::new(false);
    let fetcher = fetcher(&a.fetch, None)?;
    let hours = a.fetch.source_alert_hours;
    let mut round = round(&mut store, &pipeline, &chosen, &fetcher, hours, &stop)?;
    // the models are done with: their memory goes back before the search
    // index reads the new articles
    let g = pipeline.entities().shared_gazetteer();
    drop(pipeline);
    round.search_synced = crate::commands::sync_search(&store)?;
    round.alerts += crate::watch::evaluate(&mut store, &lock, &g)?.len();
    drop(lock);
    print_round(&round, a.summary)?;
    Ok(if round.failing > 0 || round.rejected > 0 {
        ExitCode::from(crate::commands::REJECTED)
    } else {
        ExitCode::SUCCESS
    })
}

/// The fetcher `fetch` asks for, counting into `metrics`, keeping every
/// answer as WARC when asked to.
pub(crate) fn fetcher(
    fetch: &FetchArgs,
    metrics: Option<std::sync::Arc<beacon_collect::metrics::Metrics>>,
) -> Result<Fetcher> {
    let mut config = beacon_collect::Config {
        metrics,
        ..fetch.config()
    };
    if let Some(dir) = &fetch.warc {
        let w = beacon_collect::warc::WarcWriter::create(dir, &config.user_agent)
            .with_context(|| format!("cannot write WARC files in {}", dir.display()))?;
        config.warc = Some(std::sync::Arc::new(w));
    }
    Ok(Fetcher::new(&config))
}

/// One round over `chosen`: each page new to the store filed (as `ingest`
/// files it) with its URL marked seen, in batches; each source's health
/// kept once its pages are filed.
pub(crate) fn round(
    store: &mut Store,
    pipeline: &Pipeline,
    chosen: &[(Source, SourceHealth)],
    fetcher: &Fetcher,
    alert_hours: u32,
    stop: &AtomicBool,
) -> Result<Round> {
    let config = fetcher.config();
    let started = Instant::now();
    // the workers ask a connection of their own whether a URL is known
    let reader = Mutex::new(Store::open(store.dir())?);
    let seen = |url: &str| {
        reader
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .seen_url(url)
            .unwrap_or(false)
    };
    let mut filer = Filer::new(pipeline, store)?;
    // what each source brings is marked with its TLP
    let markings: BTreeMap<String, Marking> = chosen
        .iter()
        .map(|(s, _)| (s.id.clone(), Marking::of(s.tlp)))
        .collect();
    let mut r = Round {
        sources: chosen.len(),
        ..Round::default()
    };
    let mut new_by_source: BTreeMap<String, u64> = BTreeMap::new();
    let mut batch = store.batch()?;
    let mut last_commit = Instant::now();
    beacon_collect::collect_with::<anyhow::Error>(fetcher, chosen, &seen, stop, &mut |c| {
        match c {
            Collected::Page { source, url, item } => {
                r.pages += 1;
                let started = Instant::now();
                let (outcome, kind) = match filer.file(
                    &mut batch,
                    pipeline.outcome(item),
                    markings.get(&source).unwrap_or(&Marking::default()),
                )? {
                    Filed::Stored => {
                        r.stored += 1;
                        *new_by_source.entry(source.clone()).or_default() += 1;
                        ("stored".to_owned(), "stored")
                    }
                    Filed::Duplicate => {
                        r.duplicate += 1;
                        ("duplicate".to_owned(), "duplicate")
                    }
                    Filed::Rejected(rej) => {
                        r.rejected += 1;
                        *r.rejected_by_reason.entry(rej.reason()).or_default() += 1;
                        (format!("rejected: {}", rej.reason()), "rejected")
                    }
                    Filed::Skipped(what) => (format!("skipped: {what}"), "skipped"),
                };
                batch.mark_seen(&url, &source, &outcome)?;
                if let Some(m) = &config.metrics {
                    m.filed(kind, started.elapsed());
                }
                if last_commit.elapsed() > Duration::from_millis(500) {
                    batch.checkpoint()?;
                    last_commit = Instant::now();
                }
            }
            Collected::Done {
                source,
                mut health,
                report,
            } => {
                let stored = new_by_source.remove(&source).unwrap_or(0);
                health.new_articles += stored;
                match &report.error {
                    None => tracing::info!(
                        source = %source, status = report.status.unwrap_or(0), items = report.items,
                        new = report.new_links, stored, deferred = report.deferred,
                        "source collected"
                    ),
                    Some(e) => tracing::warn!(
                        source = %source, failures = health.failures, error = %e,
                        "source failed"
                    ),
                }
                if report.error.is_some() {
                    r.failing += 1;
                }
                if let Some(m) = &config.metrics {
                    m.stages(&pipeline.stage_times());
                }
                // the health (and its validators) after the pages it brought
                batch.checkpoint()?;
                batch.put_source_health(&source, &health)?;
                let record = chosen.iter().find(|(s, _)| s.id == source).map(|(s, _)| s);
                if let Some(alert) =
                    record.and_then(|s| Alert::source_failing(s, &health, alert_hours, Utc::now()))
                    && batch.raise_alert(&alert)? == beacon_store::Raised::New
                {
                    r.alerts += 1;
                }
                r.reports.push(report);
            }
        }
        Ok(())
    })?;
    batch.commit()?;
    r.reports.sort_by(|a, b| a.id.cmp(&b.id));
    r.seconds = started.elapsed().as_secs_f64();
    Ok(r)
}

fn print_round(r: &Round, format: SummaryFormat) -> Result<()> {
    match format {
        SummaryFormat::Json => println!("{}", serde_json::to_string(r)?),
        SummaryFormat::Text => {
            for s in &r.reports {
                let status = s.status.map_or("-".into(), |s| s.to_string());
                match &s.error {
                    Some(e) => println!("{}  failed: {e}", s.id),
                    None => println!(
                        "{}  {status}  items {}  new {}  fetched {}  deferred {}",
                        s.id, s.items, s.new_links, s.pages, s.deferred
                    ),
                }
            }
            println!(
                "sources {} ({} failing)  pages {}  stored {}  duplicate {}  rejected {}  new alerts {}  ({:.1}s)",
                r.sources,
                r.failing,
                r.pages,
                r.stored,
                r.duplicate,
                r.rejected,
                r.alerts,
                r.seconds
            );
            for (reason, n) in &r.rejected_by_reason {
                println!("  rejected {reason}: {n}");
            }
        }
    }
    Ok(())
}
