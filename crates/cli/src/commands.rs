//! The commands' bodies.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Context, Result, bail};
use beacon_extract::render::{self, RenderOptions};
use beacon_ingest::Options;
use beacon_model::{Article, Record, Rejection};
use beacon_pipeline::{Config, Outcome, Pipeline};
use beacon_store::Store;

use crate::{
    AnalyzeArgs, AnalyzeFormat, DataArgs, EventsArgs, ExtractArgs, Format, InputArgs, ListFormat,
    SearchArgs, SearchFormat, SearchScope, SearchSort, StoriesArgs, StoriesFormat,
};

/// Exit status when some inputs were rejected.
pub(crate) const REJECTED: u8 = 3;

pub(crate) fn inputs(mut paths: Vec<PathBuf>, list: Option<&Path>) -> Result<Vec<PathBuf>> {
    if let Some(list) = list {
        let text =
            std::fs::read_to_string(list).with_context(|| format!("reading {}", list.display()))?;
        paths.extend(
            text.lines()
                .map(str::trim)
                .filter(|l| !l.is_empty())
                .map(PathBuf::from),
        );
    }
    if paths.is_empty() {
        paths.push(PathBuf::from("-"));
    }
    Ok(paths)
}

pub(crate) fn report_rejection(r: &Rejection) {
    let dated = r
        .published
        .as_ref()
        .map(|p| format!(" (the page is dated {})", p.value))
        .unwrap_or_default();
    eprintln!(
        "beacon: {}: rejected ({}): {}{dated}",
        r.origin,
        r.reason(),
        r.rejected.detail
    );
}

pub fn extract(a: ExtractArgs) -> Result<ExitCode> {
    let (paths, opts) = a.input.read()?;
    let ropts = RenderOptions {
        metadata: a.with_metadata,
        comments: a.comments,
    };
    if let Some(dir) = &a.output_dir {
        std::fs::create_dir_all(dir).with_context(|| format!("creating {}", dir.display()))?;
    }
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let mut rejected = 0usize;
    let mut first = true;
    Pipeline::new(Config::default()).read::<anyhow::Error>(&paths, &opts, &mut |o| {
        match o {
            Outcome::Article(_, article) => {
                let rendered = match a.format {
                    Format::Text => render::text(&article, ropts),
                    Format::Markdown => render::markdown(&article, ropts),
                    Format::Json => serde_json::to_string_pretty(&article)? + "\n",
                    Format::Jsonl => serde_json::to_string(&article)? + "\n",
                };
                if let Some(dir) = &a.output_dir {
                    let path = dir.join(output_name(&article.origin, &article.id.0, a.format));
                    std::fs::write(&path, rendered)
                        .with_context(|| format!("writing {}", path.display()))?;
                } else {
                    if !first && matches!(a.format, Format::Text | Format::Markdown) {
                        out.write_all(b"\n")?;
                    }
                    out.write_all(rendered.as_bytes())?;
                }
                first = false;
            }
            Outcome::Rejected(r) => {
                rejected += 1;
                let in_output =
                    a.output_dir.is_none() && matches!(a.format, Format::Json | Format::Jsonl);
                rejection(r, in_output, &mut out)?;
            }
            Outcome::Skipped(_) => {}
        }
        Ok(())
    })?;
    out.flush()?;
    Ok(exit_status(rejected))
}

impl InputArgs {
    /// The input paths and the reading options.
    fn read(self) -> Result<(Vec<PathBuf>, Options)> {
        let paths = inputs(self.inputs, self.input_file.as_deref())?;
        Ok((
            paths,
            Options {
                max_bytes: self.max_size,
            },
        ))
    }
}

/// `analyze`'s record per input (SPEC.md).
#[derive(serde::Serialize)]
struct Analysis<'a> {
    article: &'a Article,
    mentions: &'a [beacon_model::Mention],
    times: &'a [beacon_model::TimeExpression],
    events: &'a [beacon_model::Event],
}

pub fn analyze(a: AnalyzeArgs) -> Result<ExitCode> {
    let (paths, opts) = a.input.read()?;
    let pipeline = Pipeline::new(Config {
        explain: a.explain,
        ..Config::default()
    });
    if a.format == AnalyzeFormat::Conllu {
        // a model that cannot be read is said before any input is
        pipeline.syntax()?;
    }
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let mut rejected = 0usize;
    let mut first = true;
    pipeline.read::<anyhow::Error>(&paths, &opts, &mut |o| {
        match o {
            Outcome::Article(_, article) => {
                if a.format == AnalyzeFormat::Conllu {
                    pipeline.write_conllu(&mut out, &article)?;
                    return Ok(());
                }
                let x = pipeline.analyse(&article);
                let record = Analysis {
                    article: &article,
                    mentions: &x.mentions,
                    times: &x.times,
                    events: &x.events,
                };
                match a.format {
                    AnalyzeFormat::Jsonl | AnalyzeFormat::Conllu => {
                        writeln!(out, "{}", serde_json::to_string(&record)?)?
                    }
                    AnalyzeFormat::Json => {
                        writeln!(out, "{}", serde_json::to_string_pretty(&record)?)?
                    }
                    AnalyzeFormat::Text => {
                        if !first {
                            out.write_all(b"\n")?;
                        }
                        out.write_all(
                            brief(&article, &x.mentions, &x.times, &x.events).as_bytes(),
                        )?;
                    }
                }
                first = false;
            }
            Outcome::Rejected(r) => {
                rejected += 1;
                // JSON output carries rejections in place; text and CoNLL-U
                // leave them to stderr
                let in_output = matches!(a.format, AnalyzeFormat::Json | AnalyzeFormat::Jsonl);
                rejection(r, in_output, &mut out)?;
            }
            Outcome::Skipped(_) => {}
        }
        Ok(())
    })?;
    out.flush()?;
    Ok(exit_status(rejected))
}

pub fn events(a: EventsArgs) -> Result<ExitCode> {
    let store = open_existing(&a.data.data)?;
    let filter = a.filter.filter()?;
    let (_, kept) = store.events(&filter, u32::MAX, 0)?;
    let kept: Vec<&beacon_model::StoryEvent> = kept.iter().collect();
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    crate::export::write(&kept, a.format, &mut out)?;
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

pub fn search(a: SearchArgs) -> Result<ExitCode> {
    use beacon_search::{HitKind, Request, Scope, SearchIndex, Sort};
    let store = open_existing(&a.data.data)?;
    let index = SearchIndex::open(&SearchIndex::dir_of(&store))?;
    match index.sync(&store) {
        Ok(_) => {}
        Err(beacon_search::SearchError::Busy) => eprintln!(
            "beacon: another process is writing the search index; searching what it holds (it catches up within seconds)"
        ),
        Err(e) => return Err(e.into()),
    }
    let request = Request {
        text: a.query.join(" "),
        filter: a.filter.filter()?,
        scope: match a.scope {
            SearchScope::All => Scope::All,
            SearchScope::Articles => Scope::Articles,
            SearchScope::Events => Scope::Events,
        },
        sort: match a.sort {
            SearchSort::Relevance => Sort::Relevance,
            SearchSort::Newest => Sort::Newest,
        },
        limit: a.limit,
        offset: a.offset,
    };
    let results = match index.search(&request) {
        Ok(r) => r,
        Err(e @ beacon_search::SearchError::TooComplex(_)) => {
            eprintln!("beacon: {e}");
            return Ok(ExitCode::from(2));
        }
        Err(e) => return Err(e.into()),
    };
    if let Some(note) = &results.note {
        eprintln!("beacon: the query was {note}");
    }
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    match a.format {
        SearchFormat::Jsonl => {
            for h in &results.hits {
                serde_json::to_writer(&mut out, h)?;
                writeln!(out)?;
            }
        }
        SearchFormat::Json => {
            serde_json::to_writer_pretty(&mut out, &results)?;
            writeln!(out)?;
        }
        SearchFormat::Text => {
            let shown = results.hits.len();
            writeln!(
                out,
                "{} match{}{}",
                results.total,
                if results.total == 1 { "" } else { "es" },
                if shown < results.total {
                    format!(", {}–{} shown", a.offset + 1, a.offset + shown)
                } else {
                    String::new()
                }
            )?;
            for h in &results.hits {
                let what = match h.kind {
                    HitKind::Article => "article".to_string(),
                    HitKind::Event => format!("event {}", h.event_type.as_deref().unwrap_or("")),
                };
                writeln!(
                    out,
                    "\n[{what}] {}  {}",
                    h.date.as_deref().unwrap_or("undated"),
                    h.title.as_deref().unwrap_or("(no title)")
                )?;
                writeln!(out, "  {}", marked(&h.snippet, &h.highlights))?;
                let mut ids = format!("  id {}", h.id);
                if let Some(s) = &h.story_id {
                    ids.push_str(&format!("  story {s}"));
                }
                if let Some(u) = &h.url {
                    ids.push_str(&format!("  {u}"));
                }
                writeln!(out, "{ids}")?;
            }
        }
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

/// `snippet` with each highlighted byte range in «».
fn marked(snippet: &str, highlights: &[(usize, usize)]) -> String {
    let mut out = String::with_capacity(snippet.len() + 8 * highlights.len());
    let mut at = 0;
    for &(a, b) in highlights {
        let (Some(before), Some(word)) = (snippet.get(at..a), snippet.get(a..b)) else {
            continue;
        };
        out.push_str(before);
        out.push('«');
        out.push_str(word);
        out.push('»');
        at = b;
    }
    out.push_str(snippet.get(at..).unwrap_or(""));
    out.replace('\n', " ")
}

pub fn stories(a: StoriesArgs) -> Result<ExitCode> {
    if let Some(dir) = &a.data {
        return stored_stories(dir, a.limit, a.format, &a.filter);
    }
    let (paths, opts) = a.input.read()?;
    let mut book = beacon_stories::StoryBook::new(beacon_stories::Config::default());
    let mut rejected = 0usize;
    let pipeline = Pipeline::new(Config::default());
    pipeline.read::<anyhow::Error>(&paths, &opts, &mut |o| {
        match o {
            Outcome::Article(_, article) => {
                let part = beacon_pipeline::analysed_part(&article);
                let read = part.as_ref().unwrap_or(&article);
                let x = pipeline.analyse(read);
                book.add(read, &x.mentions, &x.events);
            }
            Outcome::Rejected(r) => {
                rejected += 1;
                report_rejection(&r);
            }
            Outcome::Skipped(_) => {}
        }
        Ok(())
    })?;
    write_stories(book.stories(), a.format, &|_| Ok(Vec::new()))?;
    Ok(exit_status(rejected))
}

/// `beacon stories --data DIR`: the stored stories, each with its articles'
/// URLs and origins.
fn stored_stories(
    dir: &Path,
    limit: u32,
    format: StoriesFormat,
    filter: &crate::EventFilter,
) -> Result<ExitCode> {
    let store = open_existing(dir)?;
    let filter = filter.filter()?;
    let (_, stories) = store.stories_page(&filter, limit, 0)?;
    write_stories(&stories, format, &|id| Ok(store.story_articles(id)?))?;
    Ok(ExitCode::SUCCESS)
}

/// An article of a story: id, URL, origin.
type ArticleRef = (String, Option<String>, String);

/// Writes stories in a format; `articles` gives a story's articles' URLs
/// and origins where a store knows them.
fn write_stories(
    stories: &[beacon_model::Story],
    format: StoriesFormat,
    articles: &dyn Fn(&str) -> Result<Vec<ArticleRef>>,
) -> Result<()> {
    #[derive(serde::Serialize)]
    struct Listed<'a> {
        #[serde(flatten)]
        story: &'a beacon_model::Story,
        #[serde(skip_serializing_if = "Vec::is_empty")]
        articles: Vec<serde_json::Value>,
    }
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    for s in stories {
        let refs = articles(&s.id)?;
        let listed = Listed {
            story: s,
            articles: refs
                .iter()
                .map(
                    |(id, url, origin)| serde_json::json!({"id": id, "url": url, "origin": origin}),
                )
                .collect(),
        };
        match format {
            StoriesFormat::Jsonl => writeln!(out, "{}", serde_json::to_string(&listed)?)?,
            StoriesFormat::Json => writeln!(out, "{}", serde_json::to_string_pretty(&listed)?)?,
            StoriesFormat::Text => {
                writeln!(
                    out,
                    "{}  {}\n  {} articles from {} sources, {} to {}",
                    s.id,
                    s.title.as_deref().unwrap_or("(no title)"),
                    s.article_ids.len(),
                    s.sources.len(),
                    s.first_seen.as_deref().unwrap_or("?"),
                    s.last_seen.as_deref().unwrap_or("?"),
                )?;
                for e in &s.events {
                    out.write_all(event_brief(&e.event).as_bytes())?;
                    writeln!(out, "      reported by {} sources", e.sources.len())?;
                }
                for (id, url, origin) in &refs {
                    writeln!(
                        out,
                        "  - {}  {}  ({origin})",
                        &id[..id.len().min(12)],
                        url.as_deref().unwrap_or("-")
                    )?;
                }
            }
        }
    }
    out.flush()?;
    Ok(())
}

/// `analyze --format text`: the article's heading, its publication date and
/// warnings, one line per mention (kind, the entry it resolved to, how), then
/// one line per time expression with its value, type and anchor, and the
/// sentence it is in.
fn brief(
    article: &Article,
    mentions: &[beacon_model::Mention],
    times: &[beacon_model::TimeExpression],
    events: &[beacon_model::Event],
) -> String {
    use std::fmt::Write as _;
    let mut s = String::new();
    let title = article.title.as_deref().unwrap_or("(no title)");
    let _ = writeln!(s, "{}  {title}", article.origin);
    match &article.published {
        Some(p) => {
            let _ = writeln!(
                s,
                "published {} ({} precision, from {})",
                p.value,
                serde_name(&p.precision),
                serde_name(&p.basis)
            );
        }
        None => {
            let _ = writeln!(s, "published: unknown");
        }
    }
    for w in &article.warnings {
        let _ = writeln!(s, "warning ({}): {}", w.kind, w.detail);
    }
    let _ = writeln!(s, "mentions: {}", mentions.len());
    for m in mentions {
        let entry = match (&m.name, &m.id) {
            (Some(n), Some(id)) => format!("{n} ({id})"),
            (Some(n), None) => n.clone(),
            _ => "unresolved".to_owned(),
        };
        let _ = writeln!(
            s,
            "  {:<32} {:<13} {entry}  [{}]",
            format!("{:?}", m.text),
            serde_name(&m.kind),
            m.basis
        );
    }
    let _ = writeln!(s, "time expressions: {}", times.len());
    let chars: Vec<char> = article.text.chars().collect();
    for t in times {
        let anchor = match &t.anchor {
            Some(a) => format!(
                "from {} ({})",
                a.value,
                match a.kind {
                    beacon_model::AnchorKind::PublicationDate => "publication date",
                    beacon_model::AnchorKind::PreviousExpression => "earlier expression",
                }
            ),
            None => "absolute".to_owned(),
        };
        let kind = serde_name(&t.kind);
        let _ = writeln!(
            s,
            "  {:<28} {:<18} {:<8} {anchor}\n      {}",
            format!("{:?}", t.text),
            t.value,
            kind,
            sentence_around(&chars, t.start, t.end)
        );
    }
    let _ = writeln!(s, "events: {}", events.len());
    for e in events {
        s.push_str(&event_brief(e));
    }
    s
}

/// One event in a few readable lines: what, who to whom, where, when, the
/// toll, who says so, and the sentence; then the rules, with `--explain`.
fn event_brief(e: &beacon_model::Event) -> String {
    use std::fmt::Write as _;
    let names = |v: &[beacon_model::EventActor]| -> String {
        if v.is_empty() {
            return "?".to_owned();
        }
        v.iter()
            .map(|a| a.name.clone().unwrap_or_else(|| a.text.clone()))
            .collect::<Vec<_>>()
            .join(" + ")
    };
    let mut s = String::new();
    let mut head = format!("  {} ", e.kind.as_str());
    if let Some(m) = &e.mode {
        let _ = write!(head, "({m}) ");
    }
    let _ = write!(head, "[{}", serde_name(&e.modality));
    if e.historical {
        head.push_str(", historical");
    }
    head.push(']');
    let _ = writeln!(s, "{head}  {} -> {}", names(&e.actor), names(&e.target));
    if let Some(l) = &e.location {
        let _ = writeln!(
            s,
            "      where: {} ({}, {})",
            l.name,
            serde_name(&l.precision),
            l.basis
        );
    }
    if let Some(d) = &e.date {
        let _ = writeln!(s, "      when: {} ({})", d.value, serde_name(&d.basis));
    }
    for (what, c) in [("dead", &e.fatalities), ("injured", &e.injured)] {
        if let Some(c) = c {
            let _ = writeln!(s, "      {what}: {:?}", c.text);
        }
    }
    if let Some(c) = &e.source_of_claim {
        let _ = writeln!(s, "      says: {}", c.name.as_deref().unwrap_or(&c.text));
    }
    let _ = writeln!(s, "      \"{}\"", e.evidence.text.trim());
    for x in &e.explain {
        let _ = writeln!(
            s,
            "      - {}: {}{}",
            x.field,
            x.rule,
            x.text
                .as_deref()
                .map(|t| format!(" ({t:?})"))
                .unwrap_or_default()
        );
    }
    s
}

/// The JSON name of a unit enum variant (`day`, `json_ld`).
fn serde_name<T: serde::Serialize>(v: &T) -> String {
    serde_json::to_value(v)
        .ok()
        .and_then(|v| v.as_str().map(str::to_owned))
        .unwrap_or_default()
}

/// The sentence holding the code points `a..b`, on one line, at most ~240 characters.
fn sentence_around(chars: &[char], a: usize, b: usize) -> String {
    let (a, b) = (a.min(chars.len()), b.min(chars.len()));
    let ends = |c: char| matches!(c, '.' | '!' | '?' | '\n');
    let mut from = a;
    while from > 0
        && a - from < 160
        && !(ends(chars[from - 1]) && (from == a || chars[from] == ' ' || chars[from - 1] == '\n'))
    {
        from -= 1;
    }
    let mut to = b;
    while to < chars.len()
        && to - b < 160
        && !(ends(chars[to]) && (to + 1 == chars.len() || chars[to + 1].is_whitespace()))
    {
        to += 1;
    }
    let to = (to + 1).min(chars.len());
    chars[from..to]
        .iter()
        .map(|&c| if c.is_whitespace() { ' ' } else { c })
        .collect::<String>()
        .trim()
        .to_owned()
}

/// A file name for one input's output: its origin's stem, made safe.
fn output_name(origin: &str, id: &str, format: Format) -> String {
    let base = origin.rsplit(['/', '\\']).next().unwrap_or(origin);
    let base = base
        .trim_end_matches(".gz")
        .trim_end_matches(".html")
        .trim_end_matches(".htm")
        .trim_end_matches(".txt");
    let safe: String = base
        .chars()
        .map(|c| {
            if c.is_alphanumeric() || matches!(c, '-' | '_' | '.') {
                c
            } else {
                '_'
            }
        })
        .take(80)
        .collect();
    let ext = match format {
        Format::Text => "txt",
        Format::Markdown => "md",
        Format::Json => "json",
        Format::Jsonl => "jsonl",
    };
    format!("{safe}-{}.{ext}", &id[..8.min(id.len())])
}

pub fn articles_list(
    data: &DataArgs,
    limit: u32,
    offset: u32,
    format: ListFormat,
) -> Result<ExitCode> {
    let store = open_existing(&data.data)?;
    let rows = store.list_articles(limit, offset)?;
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    match format {
        ListFormat::Jsonl => {
            for r in rows {
                let v = serde_json::json!({
                    "id": r.id, "title": r.title, "url": r.url, "source": r.source,
                    "language": r.language, "published": r.published, "origin": r.origin,
                    "chars": r.chars, "stored_at": r.stored_at,
                });
                writeln!(out, "{v}")?;
            }
        }
        ListFormat::Table => {
            writeln!(
                out,
                "{:<12}  {:<10}  {:<4}  {:>7}  {:<24}  TITLE",
                "ID", "PUBLISHED", "LANG", "CHARS", "SOURCE"
            )?;
            for r in rows {
                let title = r.title.unwrap_or_else(|| format!("({})", r.origin));
                writeln!(
                    out,
                    "{:<12}  {:<10}  {:<4}  {:>7}  {:<24}  {}",
                    &r.id[..12.min(r.id.len())],
                    r.published.unwrap_or_else(|| "-".into()),
                    r.language.unwrap_or_else(|| "-".into()),
                    r.chars,
                    clip(&r.source.unwrap_or_else(|| "-".into()), 24),
                    clip(&title, 70)
                )?;
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn clip(s: &str, n: usize) -> String {
    if s.chars().count() <= n {
        s.to_owned()
    } else {
        s.chars().take(n - 1).collect::<String>() + "…"
    }
}

/// Brings the store's search index up to date: `false` when another
/// process is writing it (which brings it up to date instead).
pub(crate) fn sync_search(store: &Store) -> Result<bool> {
    use beacon_search::{SearchError, SearchIndex};
    let index = SearchIndex::open(&SearchIndex::dir_of(store))?;
    match index.sync(store) {
        Ok(_) => Ok(true),
        Err(SearchError::Busy) => Ok(false),
        Err(e) => Err(e.into()),
    }
}

pub(crate) fn open_existing(dir: &Path) -> Result<Store> {
    if !dir.join("beacon.db").exists() {
        bail!(
            "no store in {} (run `beacon ingest` first, or give --data / BEACON_DATA)",
            dir.display()
        );
    }
    Ok(Store::open(dir)?)
}

pub fn articles_show(
    data: &DataArgs,
    id: &str,
    format: Format,
    comments: bool,
) -> Result<ExitCode> {
    let store = open_existing(&data.data)?;
    let Some(article) = store.article(id)? else {
        bail!("no article with id {id:?} in {}", data.data.display());
    };
    let ropts = RenderOptions {
        metadata: true,
        comments,
    };
    let text = match format {
        Format::Text => render::text(&article, ropts),
        Format::Markdown => render::markdown(&article, ropts),
        Format::Json => serde_json::to_string_pretty(&article)? + "\n",
        Format::Jsonl => serde_json::to_string(&article)? + "\n",
    };
    print!("{text}");
    Ok(ExitCode::SUCCESS)
}

/// when the output is JSON (one line per input, in order).
fn rejection(r: Rejection, in_output: bool, out: &mut impl Write) -> Result<()> {
    report_rejection(&r);
    if in_output {
        writeln!(out, "{}", serde_json::to_string(&Record::Rejected(r))?)?;
    }
    Ok(())
}

/// 0 when every input became a record, 3 when some were rejected.
fn exit_status(rejected: usize) -> ExitCode {
    if rejected > 0 {
        ExitCode::from(REJECTED)
    } else {
        ExitCode::SUCCESS
    }
}
