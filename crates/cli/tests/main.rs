//! Integration tests of the `beacon` binary: each test runs the real command
//! (`CARGO_BIN_EXE_beacon`) on inputs written into a temporary directory, and
//! reads its output as a script would. They need no network and nothing
//! outside the repository.
//!
//! One file per topic; put a new test in the file of its topic:
//! - `util.rs`: helpers only — running the binary, JSONL parsing, writing
//!   pages, WARC records and gzip members.
//! - `bad_inputs.rs`: hostile or broken inputs (empty, binary, invalid
//!   UTF-8, too large, too deep, truncated WARC.gz, malformed JSONL,
//!   unreadable files), each in a batch beside a good page: no panic, exit 3,
//!   a rejection with the right reason and a detail, and the rest of the batch
//!   still processed; for `extract --format jsonl` and `ingest --summary json`.
//! - `encodings.rs`: legacy encodings with real bytes (Windows-1251, GB18030)
//!   declared by `<meta charset>`, by the WARC/HTTP header only, or not at all.
//! - `warc.rs`: WARC and WARC.gz archives: which records become articles,
//!   which are skipped or rejected, and the `path#offset` origins.
//! - `formats.rs`: RSS and Atom feeds, JSONL (`html`, `scrape`, `text`),
//!   stdin.
//! - `store.rs`: `ingest` into the store: idempotency, and runs killed with
//!   SIGKILL at random moments then completed.
//! - `analyze.rs`: `analyze` output: the SPEC's object per input, time
//!   expressions with offsets, values and anchors, the text listing.
//! - `worked_example.rs`: the Khaama scrape in `examples/` (SPEC's worked
//!   example) through `extract --format json`, and its time expressions
//!   through `analyze`.
//! - `search.rs`: `search` over an ingested store: words, phrases, accents,
//!   filters, scopes; no document twice after a rerun; a deleted index is
//!   rebuilt.
//! - `browser.rs`: the dashboard in real headless Chromium (DevTools
//!   protocol): the map's events, an event's evidence, acknowledging the
//!   worked example's alert, a hostile article that runs nothing.
//! - `watch.rs`: `watch` and `alerts` on the worked example: alerts raised
//!   once, posted to a signed webhook once, and their life.
//! - `help.rs`: `--help` of every command and subcommand.
//! - `collect.rs`: `sources`, `collect --once` and `run` against feed servers
//!   on 127.0.0.x: each new article stored once, robots.txt, OPML out and
//!   in; `run` killed at 20 random moments, and stopped by SIGTERM; the
//!   starter catalogue offline; `/api/sources` and `/metrics`; a failing
//!   source's alert; WARC kept and replayed; JSON-lines logs.
//! - `sharing.rs`: organisations, users, tokens and TLP 2.0 markings
//!   through `ingest`, the API (events, stories, articles, search, STIX)
//!   and `export stix`: each user sees what its organisation may.
//! - `safety.rs`: what a hostile or careless user found (issue 13): `demo`
//!   on a directory it did not make, ingests at once (and beside the
//!   server) filing as one run after another, hostile queries, forbidden
//!   webhooks, a deleted, emptied or damaged store, a FIFO among the inputs.

mod util;

mod analyze;
mod bad_inputs;
mod browser;
mod collect;
mod edges;
mod encodings;
mod faults;
mod formats;
mod help;
mod region;
mod safety;
mod search;
mod sharing;
mod sources;
mod store;
mod stories;
mod warc;
mod watch;
mod worked_example;
mod workspace;
