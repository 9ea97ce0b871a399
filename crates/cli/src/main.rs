//! `beacon`: the command line. Thin: it parses arguments and wires the stage
//! crates together; all logic lives in those crates.

mod check;
mod commands;
mod export;
mod ingest;
mod logging;
mod review;
mod run;
mod serve;
mod share;
mod sources;
mod watch;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand, ValueEnum};

/// Beacon: an open early-warning system that reads the news.
///
/// Beacon reads news (HTML pages, plain-text scrapes, JSONL, WARC archives,
/// RSS/Atom feeds), extracts each article's text, and stores it. Every input
/// ends as a record or as a rejection with a reason.
///
/// Exit status: 0 when every input became a record; 3 when some inputs were
/// rejected (the others were processed); 1 on a fatal error; 2 on a usage error.
#[derive(Parser, Debug)]
#[command(
    name = "beacon",
    version,
    propagate_version = true,
    max_term_width = 100
)]
pub struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Extract articles from files, directories or stdin and print them (no store).
    ///
    /// Like trafilatura's command line: give files, directories (read
    /// recursively) or `-` for stdin (the default when no input is given).
    /// Inputs may be HTML pages, plain-text scrapes (.txt), JSONL (`url` with
    /// `html`, `scrape` or `text`; optional `title`, `published`, `language`
    /// …), WARC or WARC.gz archives, RSS/Atom feeds,
    /// or gzip-compressed files of these. Each input (a file, an archive
    /// record, a JSONL line, a feed item) gives one output, in input order; a
    /// rejected input gives a rejection record in JSON formats and a message
    /// on stderr in the others.
    ///
    /// Examples:
    ///   beacon extract page.html
    ///   beacon extract --format markdown --with-metadata page.html
    ///   beacon extract --format jsonl crawl.warc.gz > articles.jsonl
    ///   curl -s https://example.org/news | beacon extract
    ///   beacon extract ./pages/ --output-dir ./texts/
    #[command(verbatim_doc_comment)]
    Extract(ExtractArgs),
    /// Analyse articles without a store: article, dates, names, times and events.
    ///
    /// Inputs as for `extract`. Runs extraction, the dates stage, the
    /// entities stage, the time-expression tagger and the event coder on
    /// each input and writes, per input, {"article": Article, "mentions":
    /// [Mention], "times": [TimeExpression], "events": [Event]} (SPEC.md).
    /// Each mention has its text, its offsets into the article text, its
    /// kind (person, organization, armed_group, country, place), the entry it
    /// resolved to and how it was found. Each time expression has its text,
    /// offsets, TIMEX3 value and type, and the anchor it was resolved
    /// against. Each event has its PLOVER type, mode, ACLED category and
    /// sub-type, modality, history flag, actor, target, who says so, place,
    /// date, tolls and the sentence that says so; `--explain` adds the rule
    /// behind every field. A rejected input gives a rejection record in JSON
    /// formats and a message on stderr in text.
    ///
    /// Examples:
    ///   beacon analyze page.html
    ///   beacon analyze --explain --format json page.html
    ///   beacon analyze --format jsonl crawl.warc.gz > analysed.jsonl
    #[command(verbatim_doc_comment)]
    Analyze(AnalyzeArgs),
    /// Group articles into stories without a store: one happening, counted once.
    ///
    /// Inputs as for `extract`. Analyses each input as `analyze` does, then
    /// adds it to a story: a near-duplicate (a syndicated copy, a light
    /// rewrite) joins its original's story; another article joins the story
    /// it is most like (its words, the names it mentions, its date), or
    /// starts one. Events that different articles tell of the same
    /// happening are merged into one, listing every source and each
    /// report's own toll. Writes each story (id, title, first and last
    /// seen, sources, article ids, events) once all inputs are read.
    ///
    /// Examples:
    ///   beacon stories --format jsonl feeds/*.jsonl
    ///   beacon stories crawl.warc.gz
    ///   beacon stories --data beacon-data --limit 20
    #[command(verbatim_doc_comment)]
    Stories(StoriesArgs),
    /// Read inputs into the store: extract each article and keep it once.
    ///
    /// Inputs as for `extract`. Each document is stored once, by content
    /// hash: rerunning an ingest, or running it again after it was killed,
    /// stores nothing twice and loses nothing. Shows a progress bar on a
    /// terminal (quiet otherwise) and ends with a summary: inputs read,
    /// stored, duplicates, skipped archive records, and rejections by reason.
    /// Rejections are also recorded in the store.
    ///
    /// Examples:
    ///   beacon ingest ../shared/data/seed/
    ///   beacon ingest --data /srv/beacon crawl-*.warc.gz
    ///   beacon ingest --summary json feed.xml
    #[command(verbatim_doc_comment)]
    Ingest(IngestArgs),
    /// List and show stored articles.
    #[command(subcommand)]
    Articles(ArticlesCommand),
    /// The stored events, each happening once, filtered and exported.
    ///
    /// Reads the story-level events of the store (each happening counted
    /// once, with every source that reported it) and writes those that pass
    /// the filters: as JSON lines, CSV (one row per event, for a
    /// spreadsheet), GeoJSON (events with a place as points, for a map) or
    /// a Markdown brief (what, where, when, the toll, who says so, the
    /// evidence and the sources).
    ///
    /// Examples:
    ///   beacon events --country AF --since 2015-10-01 --format geojson > af.geojson
    ///   beacon events --zone border:af-north --type ASSAULT --format markdown
    ///   beacon events --actor actor:taliban --modality anticipated --format csv
    #[command(verbatim_doc_comment)]
    Events(EventsArgs),
    /// Full-text search over the stored articles and events.
    ///
    /// Words must all appear (in the title or the text), in any case and
    /// with or without accents ("Mazar" finds "Mazār"); `"a phrase"`, `OR`,
    /// `-word` and `title:word` work as in tantivy's query syntax, and text
    /// outside that syntax is searched as its words. The filters are those
    /// of `beacon events`: an event must pass them itself; an article passes
    /// when its mentions or events carry each filtered value, and its date
    /// is its publication date. With no words, every document the filters
    /// pass, newest first. Writes one hit a line (JSON): kind (article or
    /// event), id, story, title, URL, date, score, and a snippet with the
    /// matched words' offsets; `--format text` prints them for reading.
    /// The index lives in <DATA>/search and catches up with the store
    /// before each search.
    ///
    /// Examples:
    ///   beacon search kunduz checkpoint
    ///   beacon search '"aid workers"' --country ML --since 2024-01
    ///   beacon search --scope events --type ASSAULT --zone border:af-north
    #[command(verbatim_doc_comment)]
    Search(SearchArgs),
    /// Watchlists: the zones and actors you care about, and the rules that raise alerts.
    #[command(subcommand)]
    Watch(watch::WatchCommand),
    /// The alerts inbox; acknowledge or close an alert.
    ///
    /// Examples:
    ///   beacon alerts
    ///   beacon alerts --status all --format jsonl
    ///   beacon alerts ack 'wl-af-north:match:…' --by maria
    #[command(verbatim_doc_comment)]
    Alerts(watch::AlertsArgs),
    /// Serve the dashboard and the JSON API on 127.0.0.1:8080.
    ///
    /// The dashboard draws the store's events on a map (offline: the
    /// country outlines ship with Beacon), with a timeline per zone, an
    /// event table, the article view, the alerts inbox, the watchlist
    /// editor and search. The API (`/api/…`, described at
    /// `/api/openapi.json`) answers JSON. On an address other than loopback
    /// it will not start without an access token.
    ///
    /// Examples:
    ///   beacon serve
    ///   beacon serve --addr 0.0.0.0:8080 --token "$(openssl rand -hex 16)"
    #[command(verbatim_doc_comment)]
    Serve(ServeArgs),
    /// Build a store from the bundled examples, watch Afghanistan's northern
    /// border, and serve the dashboard.
    ///
    /// Ingests the demo articles shipped with Beacon (invented, see
    /// examples/demo/README.md) and the worked example of SPEC.md from
    /// ../shared/data/seed/ when it is there, adds the watchlist
    /// "Afghanistan's northern border" (match, threshold and spike rules),
    /// evaluates it, then serves as `serve` does and prints the URL.
    ///
    /// Examples:
    ///   beacon demo
    ///   beacon demo --addr 127.0.0.1:9000 --data /tmp/beacon-demo
    #[command(verbatim_doc_comment)]
    Demo(DemoArgs),
    /// The outlets Beacon collects from: feeds, sitemaps, section pages.
    ///
    /// Examples:
    ///   beacon sources add --name "Khaama Press" --language en --country AF https://www.khaama.com/feed/
    ///   beacon sources import data/sources/starter.opml
    ///   beacon sources list
    #[command(subcommand, verbatim_doc_comment)]
    Sources(sources::SourcesCommand),
    /// Organisations: this Beacon's own and its partners.
    #[command(subcommand)]
    Orgs(share::OrgsCommand),
    /// Sharing groups: named sets of organisations AMBER records may go to.
    #[command(subcommand)]
    Groups(share::GroupsCommand),
    /// Users of the organisations, with their roles.
    #[command(subcommand)]
    Users(share::UsersCommand),
    /// API tokens: made per user, scoped, expiring, stored hashed.
    #[command(subcommand)]
    Tokens(share::TokensCommand),
    /// Partners' TAXII collections this Beacon reads (federation).
    #[command(subcommand)]
    Partners(share::PartnersCommand),
    /// Review an event: confirm, correct or reject it, or add a note.
    ///
    /// The machine's version and every act are kept, with who and when;
    /// the stored event (what the API, search, exports and the watch read)
    /// is the machine's with the corrections applied, and says which fields
    /// a person set or confirmed. Rejected events leave the default lists
    /// and never raise alerts; watchlists with `confirmed_only` count only
    /// confirmed or corrected events. Without an act, prints the review.
    ///
    /// Examples:
    ///   beacon review s1-e1 --confirm --by dana
    ///   beacon review s1-e1 --correct '{"type": "FIGHT", "fatalities": {"min": 3}}'
    ///   beacon review s1-e1 --reject --note "a film review, not a clash"
    ///   beacon review s1-e1
    #[command(verbatim_doc_comment)]
    Review(review::ReviewArgs),
    /// Export what a user may see for partners' tools (STIX 2.1).
    #[command(subcommand)]
    Export(share::ExportCommand),
    /// Collect from the sources once: each new article fetched, analysed and stored.
    ///
    /// Fetches each due source's feed, sitemap or page (every source with
    /// --all; the ones named with --source), then each article page it
    /// lists that the store has not seen, politely: robots.txt honoured, one
    /// request at a time per host with a delay between them, Retry-After
    /// waited for, conditional requests (ETag, Last-Modified), size and type
    /// checked before a body is read, no private address unless a source
    /// allows it. Each page is filed as `ingest` files it (article,
    /// analysis, story) with its URL marked seen in the same transaction, so
    /// a killed run loses and repeats nothing; then the search index and the
    /// watchlists catch up. Prints each source's outcome and a summary; exit
    /// status 3 when a source failed or a page was rejected.
    ///
    /// Examples:
    ///   beacon collect --once
    ///   beacon collect --once --all --summary json
    ///   */15 * * * * beacon collect --once --data /srv/beacon-data   (crontab)
    #[command(verbatim_doc_comment)]
    Collect(sources::CollectArgs),
    /// Run Beacon around the clock: collect, analyse, watch, notify and serve.
    ///
    /// In one process: the collector polls each source as it falls due
    /// (adaptive intervals between --min-interval and --max-interval), files
    /// what it brings as `collect` does, then brings the search index up to
    /// date and evaluates the watchlists; the server serves the dashboard
    /// and the API on --addr and sends the notifications that fall due.
    /// SIGTERM or SIGINT stops it cleanly; a restart resumes where it
    /// stopped, and a process killed at any moment loses and repeats
    /// nothing. Each source's health: `beacon sources list`.
    ///
    /// Examples:
    ///   beacon sources import data/sources/starter.opml && beacon run
    ///   beacon run --data /srv/beacon-data --addr 0.0.0.0:8080 --token "$TOKEN"
    #[command(verbatim_doc_comment)]
    Run(run::RunArgs),
    /// Check the store and its search index for damage.
    ///
    /// Runs SQLite's integrity check on the store's file, reads every
    /// stored record back (SQLite keeps no checksums of its pages, so a
    /// damaged record shows only when it is read), and checks the search
    /// index's files against their checksums and the store they hold. Names
    /// each damaged file and record, and says what to do. Exit status 0
    /// when all is well, 1 when something is damaged.
    ///
    /// Examples:
    ///   beacon check
    ///   beacon check --data /srv/beacon-data
    #[command(verbatim_doc_comment)]
    Check(DataArgs),
    /// Score a pipeline stage against a gold set.
    #[command(subcommand)]
    Eval(EvalCommand),
}

/// Where the store lives.
#[derive(Args, Debug, Clone)]
pub struct DataArgs {
    /// The data directory of the embedded store.
    #[arg(
        long,
        env = "BEACON_DATA",
        default_value = "beacon-data",
        value_name = "DIR"
    )]
    pub data: PathBuf,
}

/// Output formats of an article.
#[derive(ValueEnum, Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// The article text, one block per line.
    Text,
    /// Markdown with headings, lists, quotations and tables.
    Markdown,
    /// One pretty-printed JSON Article record per input.
    Json,
    /// One JSON Article record per line, per input, in input order.
    Jsonl,
}

/// What to read: the inputs of `extract`, `analyze` and `stories`.
#[derive(Args, Debug)]
pub struct InputArgs {
    /// Files, directories or `-` (stdin). Reads stdin when none is given.
    #[arg(value_name = "INPUT")]
    pub inputs: Vec<PathBuf>,
    /// Read more input paths from this file, one per line.
    #[arg(short = 'i', long, value_name = "FILE")]
    pub input_file: Option<PathBuf>,
    /// Largest input (file, archive record, JSONL line) to read, in bytes.
    #[arg(long, value_name = "BYTES", default_value_t = beacon_ingest::DEFAULT_MAX_BYTES)]
    pub max_size: usize,
}

#[derive(Args, Debug)]
pub struct ExtractArgs {
    #[command(flatten)]
    pub input: InputArgs,
    /// Output format.
    #[arg(short, long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
    /// Write one file per input into this directory instead of stdout.
    #[arg(short, long, value_name = "DIR")]
    pub output_dir: Option<PathBuf>,
    /// Start text and Markdown output with the title, author, date, URL and language.
    #[arg(long)]
    pub with_metadata: bool,
    /// Append the reader comments (kept apart from the article) to text and Markdown output.
    #[arg(long)]
    pub comments: bool,
}

/// Output formats of `analyze`.
#[derive(ValueEnum, Debug, Clone, Copy, PartialEq, Eq)]
pub enum AnalyzeFormat {
    /// A readable list: each time expression with its value and sentence.
    Text,
    /// One pretty-printed JSON object per input.
    Json,
    /// One JSON object per line, per input, in input order.
    Jsonl,
    /// The text as the syntax read it: CoNLL-U, a document per article
    /// (`# newdoc id`), one sentence per sentence, with each word's tags,
    /// lemma, head and relation, and its place in the article's text
    /// (`TokenRange=start:end` in code points; `SpaceAfter=No`).
    Conllu,
}

#[derive(Args, Debug)]
pub struct AnalyzeArgs {
    #[command(flatten)]
    pub input: InputArgs,
    /// Output format.
    #[arg(short, long, value_enum, default_value_t = AnalyzeFormat::Text)]
    pub format: AnalyzeFormat,
    /// Say why each field of each event has its value: the rule and the
    /// words it read (`explain` in JSON; indented lines in text).
    #[arg(long)]
    pub explain: bool,
}

/// Which story-level events to keep (`beacon events`, `beacon stories`).
#[derive(Args, Debug, Clone, Default)]
pub struct EventFilter {
    /// Only events dated on or after this day (YYYY-MM-DD, or a prefix:
    /// YYYY-MM, YYYY).
    #[arg(long, value_name = "DATE", value_parser = filter_value("since"))]
    pub since: Option<String>,
    /// Only events dated on or before this day (or within this month or
    /// year, given a prefix).
    #[arg(long, value_name = "DATE", value_parser = filter_value("until"))]
    pub until: Option<String>,
    /// Only events placed in this country (ISO 3166-1 alpha-2).
    #[arg(long, value_name = "CC", value_parser = filter_value("country"))]
    pub country: Option<String>,
    /// Only events placed in this zone (`border:af-north`, `region:sahel`).
    #[arg(long, value_name = "ZONE", value_parser = filter_value("zone"))]
    pub zone: Option<String>,
    /// Only events with this actor or target: an entry id (`actor:taliban`)
    /// or a name.
    #[arg(long, value_name = "ACTOR", value_parser = filter_value("actor"))]
    pub actor: Option<String>,
    /// Only events of this PLOVER type (ASSAULT, PROTEST, ...).
    #[arg(long = "type", value_name = "TYPE", value_parser = filter_value("type"))]
    pub kind: Option<String>,
    /// Only events of this modality (occurred, claimed, anticipated, denied,
    /// hypothetical).
    #[arg(long, value_name = "MODALITY", value_parser = filter_value("modality"))]
    pub modality: Option<String>,
    /// Only background events (`true`) or only news of the day (`false`).
    #[arg(long, value_name = "BOOL", value_parser = filter_value("historical"))]
    pub historical: Option<String>,
    /// Only events of articles at least this relevant (0 to 1: how likely
    /// the article is to report political violence, unrest, security or
    /// diplomacy; 0.5 leaves out sport and entertainment). Events stored
    /// before relevance was judged pass.
    #[arg(long, value_name = "P", value_parser = filter_value("min_relevance"))]
    pub min_relevance: Option<String>,
    /// Events by where they stand with the analysts: any, unreviewed,
    /// reviewed (confirmed or corrected), confirmed, corrected, rejected.
    /// Default: all but those rejected.
    #[arg(long, value_name = "STATUS", value_parser = filter_value("review"))]
    pub review: Option<String>,
}

/// clap's check of a filter option: [`beacon_model::Filter::set`], the
/// parser the API's query parameters go through too.
fn filter_value(param: &'static str) -> impl Fn(&str) -> Result<String, String> + Clone {
    move |v: &str| {
        beacon_model::Filter::default()
            .set(param, v)
            .map(|_| v.to_owned())
            .map_err(|e| e.message)
    }
}

impl EventFilter {
    /// The filter the options give, read by [`beacon_model::Filter::set`].
    pub fn filter(&self) -> Result<beacon_model::Filter, beacon_model::filter::FilterError> {
        let given = [
            ("since", &self.since),
            ("until", &self.until),
            ("country", &self.country),
            ("zone", &self.zone),
            ("actor", &self.actor),
            ("type", &self.kind),
            ("modality", &self.modality),
            ("historical", &self.historical),
            ("min_relevance", &self.min_relevance),
            ("review", &self.review),
        ];
        beacon_model::Filter::from_pairs(
            given
                .into_iter()
                .filter_map(|(k, v)| v.as_deref().map(|v| (k, v))),
        )
    }
}

#[derive(Args, Debug)]
pub struct EventsArgs {
    #[command(flatten)]
    pub data: DataArgs,
    #[command(flatten)]
    pub filter: EventFilter,
    /// Output format.
    #[arg(short, long, value_enum, default_value_t = EventsFormat::Jsonl)]
    pub format: EventsFormat,
}

#[derive(Args, Debug)]
pub struct SearchArgs {
    /// The query (several words are joined with spaces).
    #[arg(value_name = "QUERY")]
    pub query: Vec<String>,
    #[command(flatten)]
    pub data: DataArgs,
    #[command(flatten)]
    pub filter: EventFilter,
    /// Articles, events or both.
    #[arg(long, value_enum, default_value_t = SearchScope::All)]
    pub scope: SearchScope,
    /// Best match first, or newest first.
    #[arg(long, value_enum, default_value_t = SearchSort::Relevance)]
    pub sort: SearchSort,
    /// At most this many hits.
    #[arg(long, default_value_t = 20)]
    pub limit: usize,
    /// Skip this many hits first (the next page).
    #[arg(long, default_value_t = 0)]
    pub offset: usize,
    /// Output format.
    #[arg(short, long, value_enum, default_value_t = SearchFormat::Jsonl)]
    pub format: SearchFormat,
}

/// Which documents `beacon search` looks at.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum SearchScope {
    /// Articles and events.
    All,
    /// Articles only.
    Articles,
    /// Story-level events only.
    Events,
}

/// How `beacon search` orders hits.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum SearchSort {
    /// Best match first.
    Relevance,
    /// Newest first.
    Newest,
}

/// How `beacon search` writes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum SearchFormat {
    /// One hit (JSON) a line, then nothing else.
    Jsonl,
    /// The total and the hits as one JSON object.
    Json,
    /// For reading: one block a hit, matched words in «».
    Text,
}

/// How `beacon events` writes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum EventsFormat {
    /// One story-level event (JSON) a line.
    Jsonl,
    /// A header row, then one row an event.
    Csv,
    /// A FeatureCollection of the events that have a place, as points.
    Geojson,
    /// A readable brief.
    Markdown,
}

#[derive(Args, Debug)]
pub struct StoriesArgs {
    #[command(flatten)]
    pub input: InputArgs,
    /// List the stories of this store (built by `ingest`) instead of
    /// grouping inputs: each with its id, title, first and last seen,
    /// sources, events, and each article's URL and origin.
    #[arg(long, value_name = "DIR", conflicts_with_all = ["inputs", "input_file"])]
    pub data: Option<PathBuf>,
    /// With `--data`: at most this many stories, the most recent first.
    #[arg(long, value_name = "N", default_value_t = 100)]
    pub limit: u32,
    /// With `--data`: only stories with an event that passes these filters.
    #[command(flatten)]
    pub filter: EventFilter,
    /// Output format.
    #[arg(short, long, value_enum, default_value_t = StoriesFormat::Text)]
    pub format: StoriesFormat,
}

/// Output formats of `stories`.
#[derive(ValueEnum, Debug, Clone, Copy, PartialEq, Eq)]
pub enum StoriesFormat {
    /// A readable list: each story with its events and articles.
    Text,
    /// One pretty-printed JSON object per story.
    Json,
    /// One JSON object per line, per story.
    Jsonl,
}

#[derive(Args, Debug)]
pub struct IngestArgs {
    /// Files, directories or `-` (stdin). Reads stdin when none is given.
    #[arg(value_name = "INPUT")]
    pub inputs: Vec<PathBuf>,
    #[command(flatten)]
    pub data: DataArgs,
    /// How to print the closing summary.
    #[arg(long, value_enum, default_value_t = SummaryFormat::Text)]
    pub summary: SummaryFormat,
    /// No progress bar, even on a terminal.
    #[arg(short, long)]
    pub quiet: bool,
    /// Largest input (file, archive record, JSONL line) to read, in bytes.
    #[arg(long, value_name = "BYTES", default_value_t = beacon_ingest::DEFAULT_MAX_BYTES)]
    pub max_size: usize,
    /// Inputs filed per transaction (also committed every half second): a
    /// run that fails or is killed redoes at most this many on its rerun.
    #[arg(long, value_name = "N", default_value_t = ingest::COMMIT_EVERY, value_parser = clap::value_parser!(u32).range(1..))]
    pub commit_every: u32,
    /// Who may see what these inputs bring, unless a record comes marked.
    #[command(flatten)]
    pub marking: MarkingArgs,
}

/// A TLP 2.0 marking on the command line.
#[derive(Debug, Args)]
pub struct MarkingArgs {
    /// The TLP: clear, green, amber, amber+strict, red.
    #[arg(long, value_name = "TLP", default_value = "clear")]
    pub tlp: beacon_model::Tlp,
    /// A sharing group an AMBER marking lets the records go to (repeat).
    #[arg(long = "group", value_name = "GROUP")]
    pub groups: Vec<String>,
    /// A user a RED marking is for (repeat).
    #[arg(long = "recipient", value_name = "USER")]
    pub recipients: Vec<String>,
}

impl MarkingArgs {
    /// The marking, of this Beacon's organisation; checked.
    pub fn marking(&self) -> anyhow::Result<beacon_model::Marking> {
        let m = beacon_model::Marking {
            tlp: self.tlp,
            groups: self.groups.clone(),
            recipients: self.recipients.clone(),
            ..beacon_model::Marking::default()
        };
        m.check().map_err(|e| anyhow::anyhow!("{e}"))?;
        Ok(m)
    }
}

/// Where `serve` and `demo` listen, and the token they ask for.
#[derive(Args, Debug, Clone)]
pub struct ListenArgs {
    /// Where to listen.
    #[arg(long, default_value = "127.0.0.1:8080", value_name = "ADDR")]
    pub addr: std::net::SocketAddr,
    /// The access token (required on an address other than loopback).
    #[arg(
        long,
        env = "BEACON_TOKEN",
        value_name = "TOKEN",
        hide_env_values = true
    )]
    pub token: Option<String>,
}

#[derive(Args, Debug)]
pub struct ServeArgs {
    #[command(flatten)]
    pub data: DataArgs,
    #[command(flatten)]
    pub listen: ListenArgs,
}

#[derive(Args, Debug)]
pub struct DemoArgs {
    /// The data directory of the demo's store (made afresh each time; a
    /// non-empty directory that is not a demo store is refused, never cleared).
    #[arg(long, default_value = "beacon-demo", value_name = "DIR")]
    pub data: PathBuf,
    #[command(flatten)]
    pub listen: ListenArgs,
    /// Also ingest these files or directories.
    #[arg(long = "with", value_name = "INPUT")]
    pub with: Vec<PathBuf>,
    /// Where the worked example is looked for.
    #[arg(long, default_value = "../shared/data/seed", value_name = "DIR")]
    pub seed: PathBuf,
    /// Build the store and exit, without serving.
    #[arg(long)]
    pub no_serve: bool,
}

/// Summary formats.
#[derive(ValueEnum, Debug, Clone, Copy, PartialEq, Eq)]
pub enum SummaryFormat {
    /// Human-readable lines.
    Text,
    /// One JSON object.
    Json,
}

#[derive(Subcommand, Debug)]
enum ArticlesCommand {
    /// List stored articles, most recently stored first.
    List {
        #[command(flatten)]
        data: DataArgs,
        /// How many to list.
        #[arg(short = 'n', long, default_value_t = 50)]
        limit: u32,
        /// How many to skip first.
        #[arg(long, default_value_t = 0)]
        offset: u32,
        /// `table` for people, `jsonl` for scripts.
        #[arg(short, long, value_enum, default_value_t = ListFormat::Table)]
        format: ListFormat,
    },
    /// Show one stored article.
    Show {
        #[command(flatten)]
        data: DataArgs,
        /// The article's id, or enough of its first characters to be unique.
        id: String,
        /// Output format.
        #[arg(short, long, value_enum, default_value_t = Format::Text)]
        format: Format,
        /// Append the reader comments to text and Markdown output.
        #[arg(long)]
        comments: bool,
    },
}

/// Listing formats.
#[derive(ValueEnum, Debug, Clone, Copy, PartialEq, Eq)]
pub enum ListFormat {
    /// Aligned columns.
    Table,
    /// One JSON object per line.
    Jsonl,
}

#[derive(Subcommand, Debug)]
enum EvalCommand {
    /// Score publication dates against htmldate's evaluation pages.
    ///
    /// Reads `eval_default.json` and `eval_mediacloud_2020.json` (URL → {file,
    /// date}) in the gold directory, runs extraction and the dates stage on each
    /// page (with its URL), and prints the accuracy as htmldate reports it:
    /// pages whose publication date equals the gold ÷ all pages.
    ///
    /// Example:
    ///   beacon eval dates --gold ../shared/data/dates/htmldate
    #[command(verbatim_doc_comment)]
    Dates {
        /// The gold set's directory.
        #[arg(long, value_name = "DIR")]
        gold: PathBuf,
        /// List up to N pages whose date is wrong.
        #[arg(long, value_name = "N", default_value_t = 0)]
        worst: usize,
    },
    /// Score time expressions (TIMEX3) against MEANTIME, TempEval-3 style.
    ///
    /// Reads MEANTIME's token-annotated articles (`intra-doc_annotation/*/*.xml`
    /// in the gold directory), rebuilds each article's text from its tokens,
    /// runs extraction, the dates stage (the anchor is the publication date
    /// Beacon finds, from the dateline) and the time-expression tagger, and
    /// prints strict and relaxed span precision, recall and F1, type and value
    /// accuracy over relaxed matches, and value precision, recall and F1
    /// (relaxed match with an equal value). The exact definitions are in
    /// `beacon_eval::timex`.
    ///
    /// Example:
    ///   beacon eval timex --gold ../shared/data/timex/meantime_en
    #[command(verbatim_doc_comment)]
    Timex {
        /// The gold set's directory.
        #[arg(long, value_name = "DIR")]
        gold: PathBuf,
        /// List up to N errors of each kind: false positives, misses, wrong spans or values.
        #[arg(long, value_name = "N", default_value_t = 0)]
        misses: usize,
    },
    /// Score event coding on the PLOVER gold records.
    ///
    /// Reads `plover_gsr/PLOVER_GSR_CAMEO.json` in the gold directory (or the
    /// file itself), runs the whole pipeline on each record's sentence (as a
    /// JSONL input line), and prints event-type accuracy and macro-F1 over
    /// the gold's types, per-type precision, recall and F1, and actor and
    /// target accuracy. The event scored is the one whose trigger is among
    /// the gold event words, else the sentence's first. The exact
    /// definitions are in `beacon_eval::events`. Where the gold directory
    /// holds them, then: ACLED sub-types of the CASE 2021 snippets, their
    /// tolls, false events on news without conflict (BBC, AG's News, ECB+),
    /// detection on GLOCON and IndiaPoliceEvents sentences, and the CAMEO
    /// manual's sentences (recall of an event of each sentence's class,
    /// events on the statements that hold none; `beacon_eval::cameo`);
    /// each set in its tune and frozen test parts.
    ///
    /// Example:
    ///   beacon eval events --gold ../shared/data/events
    #[command(verbatim_doc_comment)]
    Events {
        /// The gold directory (`shared/data/events`) or the PLOVER file.
        #[arg(long, value_name = "DIR")]
        gold: PathBuf,
        /// List up to N records with a wrong type, actor or target.
        #[arg(long, value_name = "N", default_value_t = 0)]
        misses: usize,
        /// Code without the trigger-sense model (`beacon_events::sense`), to
        /// measure what it does.
        #[arg(long)]
        no_sense: bool,
        /// Code with the parse of each sentence that holds a trigger
        /// (`beacon_events::tree`; off in the pipeline until the syntax
        /// model fits the memory bounds), to measure it.
        #[arg(long)]
        parse: bool,
    },
    /// Score story clustering on ECB+.
    ///
    /// Reads `articles.jsonl` in the gold directory (ECB+'s articles with
    /// their gold cluster: one happening each, two happenings of one kind per
    /// topic), finds each article's names with the entities stage, then adds
    /// the articles one at a time to a story index, in file order and in
    /// three shuffled orders, and prints B-cubed and pairwise precision,
    /// recall and F1 for each. ECB+ is a batch with no time order (its
    /// happenings span 2004-2013): no story closes for its age here, as
    /// one does on a stream. The definitions are in `beacon_eval::stories`.
    ///
    /// Example:
    ///   beacon eval stories --gold ../shared/data/stories/ecbplus
    #[command(verbatim_doc_comment)]
    Stories {
        /// The gold directory (or its `articles.jsonl`).
        #[arg(long, value_name = "DIR")]
        gold: PathBuf,
    },
    /// Score the region's languages: Russian and Dari/Persian news pages.
    ///
    /// The team's pages (`crates/eval/gold/region_news.jsonl`: invented
    /// reports of the region, each an HTML page with its date written as
    /// its language writes it, Solar Hijri for Dari and Persian) run through
    /// the whole chain; per language and part (tune, frozen test): the
    /// publication date, the type of the first event coded, its tolls
    /// exactly, its place within 161 km, and the events coded on pages that
    /// report none. `--misses N` lists the tune part's errors.
    ///
    /// Example:
    ///   beacon eval region --gold crates/eval/gold/region_news.jsonl --misses 20
    #[command(verbatim_doc_comment)]
    Region {
        /// The pages (JSON lines).
        #[arg(long, value_name = "FILE")]
        gold: PathBuf,
        /// List up to N errors of the tune part.
        #[arg(long, value_name = "N", default_value_t = 0)]
        misses: usize,
    },
    /// Score geoparsing (toponym resolution) on GeoVirus or TR-News.
    ///
    /// Reads the `*.xml` gold in the directory (GeoVirus' `<location>` or
    /// TR-News' `<toponym>`). Given gold toponyms: each gold span is resolved
    /// with its article as context. End to end: the gazetteer's dictionary
    /// recogniser and the name model find place names, the resolver resolves
    /// them, and recognition is scored by overlap. Prints accuracy within 161
    /// km, mean and median error in km, AUC (Gritta et al.; lower is better)
    /// and, for TR-News, the share resolved to the gold GeoNames entry; the
    /// errors beyond 161 km by kind (the right entry at a far point: the
    /// gold's GeoNames id, or the area its Wikipedia page names; another
    /// entry; no entry; end to end: not a place, toponym missed) and the
    /// share within 161 km or at the right entry; for the
    /// whole set, then its tune and frozen test parts (split by article
    /// address). The exact definitions are in `beacon_eval::geo`.
    ///
    /// Example:
    ///   beacon eval geo --gold ../shared/data/geoparsing/GeoVirus
    #[command(verbatim_doc_comment)]
    Geo {
        /// The gold set's directory.
        #[arg(long, value_name = "DIR")]
        gold: PathBuf,
        /// List, from the tune part, the N worst-resolved gold toponyms
        /// (given gold toponyms) and the N commonest spans taken for places
        /// that are none and toponyms missed (end to end).
        #[arg(long, value_name = "N", default_value_t = 0)]
        misses: usize,
    },
    /// Score the name recogniser (NER) on CoNLL corpora, CoNLL style.
    ///
    /// GOLD is a corpus folder holding `<split>.conll` (`token<TAB>BIO-tag`
    /// lines, blank lines between sentences), or a folder of such corpora
    /// (each is scored). Each gold sentence is rebuilt as text (tokens joined
    /// by spaces), Beacon's recogniser runs on it, and its names are mapped
    /// back to the gold tokens. Prints exact-span precision, recall and F1
    /// for PER, ORG and LOC and their micro average (overall); gold MISC is
    /// not scored. The definitions are in `beacon_eval::ner`.
    ///
    /// Examples:
    ///   beacon eval ner --gold ../shared/data/ner            # every corpus, test splits
    ///   beacon eval ner --gold ../shared/data/ner/gmb --split dev
    #[command(verbatim_doc_comment)]
    Ner {
        /// A corpus folder, or a folder of corpora.
        #[arg(long, value_name = "DIR")]
        gold: PathBuf,
        /// Which split to score.
        #[arg(long, value_enum, default_value_t = NerSplitArg::Test)]
        split: NerSplitArg,
        /// Score this model file instead of the shipped one.
        #[arg(long, value_name = "FILE")]
        model: Option<PathBuf>,
        /// `table` for people, `jsonl` (one object per corpus) for scripts.
        #[arg(short, long, value_enum, default_value_t = ListFormat::Table)]
        format: ListFormat,
        /// List up to N errors per corpus: names missed, and names found that are not gold.
        #[arg(long, value_name = "N", default_value_t = 0)]
        misses: usize,
        /// Score the entities stage as the pipeline runs it (the name
        /// model's names with the actor dictionary's organisations and the
        /// gazetteer's places, merged; in Russian and Persian, the model's
        /// people and organisations) instead of the name model alone.
        #[arg(long)]
        stage: bool,
    },
    /// Score the tagger, lemmatiser and dependency parser on Universal Dependencies.
    ///
    /// Reads the English treebanks' dev and test files in the gold directory
    /// (`en_ewt-ud-{dev,test}.conllu.gz`, `en_gum-ud-{dev,test}.conllu.gz`, or
    /// the same uncompressed),
    /// tags, lemmatises and parses each sentence from its gold words, and
    /// prints, as the CoNLL 2018 shared task computes them with gold
    /// tokenisation (punctuation included, relations compared by their
    /// universal part): UPOS, XPOS and lemma accuracy, UAS and LAS, and the
    /// words analysed per second.
    ///
    /// Example:
    ///   beacon eval syntax --gold ../shared/data/ud
    #[command(verbatim_doc_comment)]
    Syntax {
        /// The folder of CoNLL-U treebanks.
        #[arg(long, value_name = "DIR")]
        gold: PathBuf,
        /// Score this model file instead of the shipped one.
        #[arg(long, value_name = "FILE")]
        model: Option<PathBuf>,
    },
    /// Score main-text extraction against a gold set.
    ///
    /// With the article-extraction benchmark (a directory with
    /// `ground-truth.json` and `html/<id>.html.gz`) it prints precision, recall
    /// and F1 of the benchmark's own metric (4-token shingles of `\w+` tokens,
    /// macro-averaged over pages). With trafilatura's evaluation (a directory
    /// with `evaldata.json`) it prints the snippet score: snippets that must
    /// appear and must not appear in the text.
    ///
    /// Example:
    ///   beacon eval extract --gold ../shared/data/extraction/scrapinghub
    #[command(verbatim_doc_comment)]
    Extract {
        /// The gold set's directory.
        #[arg(long, value_name = "DIR")]
        gold: PathBuf,
        /// Also write Beacon's output as JSONL (for the reference scorer).
        #[arg(long, value_name = "FILE")]
        output: Option<PathBuf>,
        /// List the N pages with the lowest F1 (or the most snippet errors).
        #[arg(long, value_name = "N", default_value_t = 0)]
        worst: usize,
    },
}

/// A split of the NER corpora.
#[derive(ValueEnum, Debug, Clone, Copy, PartialEq, Eq)]
pub enum NerSplitArg {
    /// `test.conll`.
    Test,
    /// `dev.conll`.
    Dev,
    /// `all.conll` (a corpus with no splits of its own: ARMAN).
    All,
}

/// `beacon eval`: the reports of [`beacon_eval::report`].
fn eval(c: EvalCommand) -> anyhow::Result<ExitCode> {
    use beacon_eval::report;
    match c {
        EvalCommand::Extract {
            gold,
            output,
            worst,
        } => report::extract(&gold, output.as_deref(), worst)?,
        EvalCommand::Dates { gold, worst } => report::dates(&gold, worst)?,
        EvalCommand::Timex { gold, misses } => report::timex(&gold, misses)?,
        EvalCommand::Events {
            gold,
            misses,
            no_sense,
            parse,
        } => report::events(
            &gold,
            misses,
            beacon_pipeline::Config {
                explain: true,
                no_sense,
                parse,
            },
        )?,
        EvalCommand::Stories { gold } => report::stories(&gold)?,
        EvalCommand::Region { gold, misses } => report::region(&gold, misses)?,
        EvalCommand::Geo { gold, misses } => report::geo(&gold, misses)?,
        EvalCommand::Syntax { gold, model } => report::syntax(&gold, model.as_deref())?,
        EvalCommand::Ner {
            gold,
            split,
            model,
            format,
            misses,
            stage,
        } => {
            let split = match split {
                NerSplitArg::Test => "test",
                NerSplitArg::Dev => "dev",
                NerSplitArg::All => "all",
            };
            let listing = match format {
                ListFormat::Table => report::Listing::Table,
                ListFormat::Jsonl => report::Listing::Jsonl,
            };
            report::ner(&gold, split, model.as_deref(), listing, misses, stage)?;
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn main() -> ExitCode {
    logging::start();
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Extract(a) => commands::extract(a),
        Command::Ingest(a) => ingest::ingest(a),
        Command::Analyze(a) => commands::analyze(a),
        Command::Events(a) => commands::events(a),
        Command::Search(a) => commands::search(a),
        Command::Watch(c) => watch::watch(c),
        Command::Serve(a) => serve::serve(a),
        Command::Demo(a) => serve::demo(a),
        Command::Check(a) => check::check(&a.data),
        Command::Sources(c) => sources::sources(c),
        Command::Orgs(c) => share::orgs(c).map(|()| ExitCode::SUCCESS),
        Command::Groups(c) => share::groups(c).map(|()| ExitCode::SUCCESS),
        Command::Users(c) => share::users(c).map(|()| ExitCode::SUCCESS),
        Command::Tokens(c) => share::tokens(c).map(|()| ExitCode::SUCCESS),
        Command::Export(c) => share::export(c).map(|()| ExitCode::SUCCESS),
        Command::Partners(c) => share::partners(c).map(|()| ExitCode::SUCCESS),
        Command::Review(a) => review::review(a).map(|()| ExitCode::SUCCESS),
        Command::Collect(a) => sources::collect(a),
        Command::Run(a) => run::run(a),
        Command::Alerts(a) => watch::alerts(a),
        Command::Stories(a) => commands::stories(a),
        Command::Articles(ArticlesCommand::List {
            data,
            limit,
            offset,
            format,
        }) => commands::articles_list(&data, limit, offset, format),
        Command::Articles(ArticlesCommand::Show {
            data,
            id,
            format,
            comments,
        }) => commands::articles_show(&data, &id, format, comments),
        Command::Eval(c) => eval(c),
    };
    match result {
        Ok(code) => code,
        // The reader went away (`beacon events | head`): nothing is wrong.
        Err(e)
            if e.chain().any(|c| {
                c.downcast_ref::<std::io::Error>()
                    .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
            }) =>
        {
            ExitCode::SUCCESS
        }
        Err(e) => {
            match e
                .chain()
                .find_map(|c| c.downcast_ref::<beacon_store::StoreError>())
                .filter(|s| s.is_damage())
            {
                Some(damage) => eprintln!(
                    "beacon: error: {}",
                    check::damaged(&check::data_dir_of_args(), damage)
                ),
                None => eprintln!("beacon: error: {e:#}"),
            }
            ExitCode::from(1)
        }
    }
}
