//! The commands' bodies.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use anyhow::{Context, Result, bail};
use beacon_extract::render::{self, RenderOptions};
use beacon_ingest::Options;
use beacon_model::{Article, Record, Rejection};
use beacon_pipeline::{Config, Outcome, Pipeline};
use beacon_store::Store;

use crate::{
    AnalyzeArgs, AnalyzeFormat, DataArgs, EventsArgs, ExtractArgs, Format, InputArgs, ListFormat,
    NerSplitArg, SearchArgs, SearchFormat, SearchScope, SearchSort, StoriesArgs, StoriesFormat,
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

/// Prints the figures of each part (`line` of the items' places in `ids`),
/// tune first, and returns the tune part's places (whose errors may be read).
fn print_parts(ids: &[&str], line: &dyn Fn(&[usize]) -> String) -> Vec<usize> {
    let [(_, tune), (_, test)] = parts(ids);
    println!("  tune part: {}", line(&tune));
    println!("  test part: {}", line(&test));
    tune
}

/// The items of a gold set (`ids`, in order) in each part
/// ([`beacon_eval::split`]), tune first: their places in `ids`.
fn parts(ids: &[&str]) -> [(beacon_eval::split::Part, Vec<usize>); 2] {
    beacon_eval::split::Part::BOTH.map(|part| {
        let idx = ids
            .iter()
            .enumerate()
            .filter(|(_, id)| beacon_eval::split::Part::of(id) == part)
            .map(|(i, _)| i)
            .collect();
        (part, idx)
    })
}

pub fn eval_extract(gold: &Path, output: Option<&Path>, worst: usize) -> Result<ExitCode> {
    let kind = beacon_eval::gold_kind(gold).with_context(|| {
        format!(
            "{} holds neither ground-truth.json (extraction benchmark) nor evaldata.json (snippets)",
            gold.display()
        )
    })?;
    let mut out = match output {
        Some(p) => Some(std::io::BufWriter::new(
            std::fs::File::create(p).with_context(|| format!("creating {}", p.display()))?,
        )),
        None => None,
    };
    let mut write = |origin: &str, text: &str| -> Result<()> {
        if let Some(o) = &mut out {
            writeln!(o, "{}", serde_json::json!({"origin": origin, "text": text}))?;
        }
        Ok(())
    };
    match kind {
        beacon_eval::GoldKind::Shingles => eval_extract_shingles(gold, &mut write, worst)?,
        beacon_eval::GoldKind::Snippets => eval_extract_snippets(gold, &mut write, worst)?,
    }
    if let Some(mut o) = out {
        o.flush()?;
    }
    Ok(ExitCode::SUCCESS)
}

/// The shingle benchmark: precision, recall and F1 over all pages and over
/// each part; the worst pages of the tune part.
fn eval_extract_shingles(
    gold: &Path,
    write: &mut dyn FnMut(&str, &str) -> Result<()>,
    worst: usize,
) -> Result<()> {
    let started = Instant::now();
    let pages = beacon_eval::load_shingle_gold(gold)?;
    let mut pairs = Vec::with_capacity(pages.len());
    let mut missing = Vec::with_capacity(pages.len());
    for p in &pages {
        let name = format!("{}.html", p.id);
        let article = beacon_eval::extract_bytes(&p.html, &name);
        missing.push(article.is_none());
        let text = article.as_ref().map(|a| a.text.clone()).unwrap_or_default();
        write(&name, &text)?;
        pairs.push((p.gold.clone(), text));
    }
    let secs = started.elapsed().as_secs_f64();
    let line = |idx: &[usize]| {
        let sel: Vec<(String, String)> = idx.iter().map(|&i| pairs[i].clone()).collect();
        let prf = beacon_eval::extraction(&sel);
        format!(
            "pages {}  missing {}  precision {:.3}  recall {:.3}  F1 {:.3}",
            idx.len(),
            idx.iter().filter(|&&i| missing[i]).count(),
            prf.precision,
            prf.recall,
            prf.f1
        )
    };
    let all: Vec<usize> = (0..pages.len()).collect();
    println!(
        "{}  ({:.0} pages/s incl. decoding)",
        line(&all),
        pages.len() as f64 / secs
    );
    let ids: Vec<&str> = pages.iter().map(|p| p.id.as_str()).collect();
    let tune = print_parts(&ids, &line);
    if worst > 0 {
        println!("the worst pages of the tune part:");
        let mut scored: Vec<(f64, f64, f64, &str)> = tune
            .iter()
            .map(|&i| {
                let one = beacon_eval::extraction(&[pairs[i].clone()]);
                (one.f1, one.precision, one.recall, ids[i])
            })
            .collect();
        scored.sort_by(|a, b| a.0.total_cmp(&b.0));
        for (f, p, r, id) in scored.into_iter().take(worst) {
            println!("  F1 {f:.3}  P {p:.3}  R {r:.3}  {id}");
        }
    }
    Ok(())
}

/// The must-contain / must-not-contain snippets: counts over all pages and
/// over each part; the tune part's pages with the most errors.
fn eval_extract_snippets(
    gold: &Path,
    write: &mut dyn FnMut(&str, &str) -> Result<()>,
    worst: usize,
) -> Result<()> {
    let pages = beacon_eval::load_snippet_gold(gold)?;
    let mut counts = Vec::with_capacity(pages.len());
    for p in &pages {
        let article = beacon_eval::extract_bytes(&p.html, &p.id);
        let text = article.as_ref().map(|a| a.text.clone()).unwrap_or_default();
        write(&p.id, &text)?;
        let mut c = beacon_eval::SnippetCounts::default();
        beacon_eval::score_snippets(&text, &p.gold, &mut c);
        counts.push(c);
    }
    let line = |idx: &[usize]| {
        let mut t = beacon_eval::SnippetCounts::default();
        for &i in idx {
            t.tp += counts[i].tp;
            t.fp += counts[i].fp;
            t.fn_ += counts[i].fn_;
            t.tn += counts[i].tn;
        }
        format!(
            "pages {}  snippets: tp {} fn {} fp {} tn {}  precision {:.3}  recall {:.3}  accuracy {:.3}  F1 {:.3}",
            idx.len(),
            t.tp,
            t.fn_,
            t.fp,
            t.tn,
            t.precision(),
            t.recall(),
            t.accuracy(),
            t.f1()
        )
    };
    let all: Vec<usize> = (0..pages.len()).collect();
    println!("{}", line(&all));
    let ids: Vec<&str> = pages.iter().map(|p| p.id.as_str()).collect();
    let tune = print_parts(&ids, &line);
    if worst > 0 {
        println!("the tune part's pages with the most errors:");
        let mut per_page: Vec<(u64, &str)> = tune
            .iter()
            .map(|&i| (counts[i].fp + counts[i].fn_, ids[i]))
            .collect();
        per_page.sort_by_key(|p| std::cmp::Reverse(p.0));
        for (errors, id) in per_page.into_iter().take(worst) {
            println!("  errors {errors}  {id}");
        }
    }
    Ok(())
}

pub fn eval_dates(gold: &Path, worst: usize) -> Result<ExitCode> {
    let pages = beacon_eval::load_date_gold(gold)?;
    let started = Instant::now();
    let mut got_all = Vec::with_capacity(pages.len());
    for (url, p) in &pages {
        let got = beacon_eval::page_date_bytes(&p.html, &p.id, Some(url))
            .map(|d| d.value)
            .unwrap_or_default();
        let ok = p.gold.as_deref().is_some_and(|g| got.get(..10) == Some(g));
        got_all.push((ok, got));
    }
    let secs = started.elapsed().as_secs_f64();
    let line = |idx: &[usize]| {
        let correct = idx.iter().filter(|&&i| got_all[i].0).count();
        format!(
            "pages {}  correct {}  accuracy {:.3}",
            idx.len(),
            correct,
            correct as f64 / idx.len().max(1) as f64
        )
    };
    let all: Vec<usize> = (0..pages.len()).collect();
    println!(
        "{}  ({:.0} pages/s incl. extraction)",
        line(&all),
        pages.len() as f64 / secs
    );
    let ids: Vec<&str> = pages.iter().map(|(_, p)| p.id.as_str()).collect();
    let tune = print_parts(&ids, &line);
    if worst > 0 {
        println!("the tune part's misses:");
    }
    for &i in tune.iter().filter(|&&i| !got_all[i].0).take(worst) {
        let g = pages[i].1.gold.clone().unwrap_or_else(|| "-".into());
        println!("  gold {g:<10}  got {:<10}  {}", got_all[i].1, ids[i]);
    }
    Ok(ExitCode::SUCCESS)
}

pub fn eval_syntax(gold: &Path, model: Option<&Path>) -> Result<ExitCode> {
    use beacon_syntax::{Syntax, conllu, raw, train};
    let started = Instant::now();
    let syntax = match model {
        Some(p) => Syntax::from_bytes(&std::fs::read(p).with_context(|| p.display().to_string())?)?,
        None => Syntax::builtin()?,
    };
    println!("model read in {:.3}s", started.elapsed().as_secs_f64());
    let mut banks = Vec::new();
    for bank in ["en_ewt", "en_gum"] {
        for split in ["dev", "test"] {
            let Some(path) = ["conllu.gz", "conllu"]
                .iter()
                .map(|ext| gold.join(format!("{bank}-ud-{split}.{ext}")))
                .find(|p| p.exists())
            else {
                continue;
            };
            let sentences = conllu::read_file(&path).with_context(|| path.display().to_string())?;
            banks.push((bank, split, sentences));
        }
    }
    if banks.is_empty() {
        anyhow::bail!(
            "no English treebank in {} (en_ewt-ud-test.conllu.gz, ...)",
            gold.display()
        );
    }
    println!("from the gold words (CoNLL 2018 with gold tokenisation):");
    println!(
        "  {:<10} {:<5} {:>7}  {:>6} {:>6} {:>6} {:>6} {:>6}  {:>8}",
        "treebank", "split", "words", "UPOS", "XPOS", "lemma", "UAS", "LAS", "words/s"
    );
    for (bank, split, sentences) in &banks {
        let s = train::evaluate(&syntax, sentences);
        println!(
            "  {bank:<10} {split:<5} {:>7}  {:>6.4} {:>6.4} {:>6.4} {:>6.4} {:>6.4}  {:>8.0}",
            s.words, s.upos, s.xpos, s.lemma, s.uas, s.las, s.words_per_s
        );
    }
    println!(
        "from each sentence's raw text (Beacon's tokeniser; F1 over words aligned by characters):"
    );
    println!(
        "  {:<10} {:<5} {:>7}  {:>6} {:>6} {:>6} {:>6}",
        "treebank", "split", "words", "words", "UPOS", "UAS", "LAS"
    );
    for (bank, split, sentences) in &banks {
        let r = raw::evaluate_raw(&syntax, sentences);
        println!(
            "  {bank:<10} {split:<5} {:>7}  {:>6.4} {:>6.4} {:>6.4} {:>6.4}",
            r.gold, r.words, r.upos, r.uas, r.las
        );
    }
    Ok(ExitCode::SUCCESS)
}

pub fn eval_stories(gold: &Path) -> Result<ExitCode> {
    use beacon_eval::stories;
    let started = Instant::now();
    let articles = stories::load_story_gold(gold)?;
    let loaded = started.elapsed().as_secs_f64();
    let clusters: std::collections::HashSet<&str> =
        articles.iter().map(|a| a.cluster.as_str()).collect();
    println!(
        "ECB+ articles {}  gold stories {}  (names found in {loaded:.2}s)",
        articles.len(),
        clusters.len()
    );
    println!(
        "  {:<16} {:>7}  {:>6} {:>6} {:>6}   {:>6} {:>6} {:>6}",
        "order", "stories", "B3 P", "B3 R", "B3 F1", "pair P", "pair R", "pair F1"
    );
    let config = beacon_stories::Config::batch();
    let orders: Vec<(String, Vec<usize>)> =
        std::iter::once(("file".to_owned(), (0..articles.len()).collect()))
            .chain((1..=3).map(|seed| {
                (
                    format!("shuffled ({seed})"),
                    stories::shuffled(articles.len(), seed),
                )
            }))
            .collect();
    let mut f1s = Vec::new();
    for (name, order) in &orders {
        let t = Instant::now();
        let (b3, pw, n) = stories::score_order(&articles, order, &config);
        f1s.push(b3.f1);
        println!(
            "  {name:<16} {n:>7}  {:>6.3} {:>6.3} {:>6.3}   {:>6.3} {:>6.3} {:>6.3}   ({:.0} articles/s)",
            b3.p,
            b3.r,
            b3.f1,
            pw.p,
            pw.r,
            pw.f1,
            articles.len() as f64 / t.elapsed().as_secs_f64().max(1e-9)
        );
    }
    let mean = f1s.iter().sum::<f64>() / f1s.len() as f64;
    println!("  B-cubed F1, mean over the orders: {mean:.3}");
    Ok(ExitCode::SUCCESS)
}

pub fn eval_events(
    gold: &Path,
    misses: usize,
    config: beacon_pipeline::Config,
) -> Result<ExitCode> {
    use beacon_eval::events;
    use beacon_eval::split::Part;
    let records = events::load_plover(gold)?;
    let pipeline = beacon_pipeline::Pipeline::new(config);
    // The CAMEO manual's sentences carry no date; any fixed day serves.
    let code = |t: &str| events::code_text(&pipeline, t, "2000-01-01");
    println!(
        "Each set in its tune part and its frozen test part (beacon_eval::split); errors are listed for the tune part only."
    );
    for part in Part::BOTH {
        let shown = if part == Part::Tune { misses } else { 0 };
        print_plover(&part.of_items(&records, |r| &r.id), part, &code, shown);
    }
    let snippets_path = gold.join("case2021_task2/snippets.tsv");
    if !snippets_path.is_file() {
        return Ok(ExitCode::SUCCESS);
    }
    let snippets = events::load_acled_snippets(&snippets_path)?;
    for part in Part::BOTH {
        let shown = if part == Part::Tune { misses } else { 0 };
        print_acled(&part.of_items(&snippets, |s| &s.id), part, &code, shown);
    }
    print_casualties(&snippets_path, &code, misses)?;
    print_false_events(&gold.join("nonconflict_news"), &code, misses)?;
    print_false_events_ecb(
        &gold.join("../stories/ecbplus/articles.jsonl"),
        &code,
        misses,
    )?;
    print_detection(gold, &code, misses)?;
    print_cameo_classes(&gold.join("cameo_sentences/sentences.jsonl"), &code, misses)?;
    Ok(ExitCode::SUCCESS)
}

/// The CAMEO manual's sentences (`beacon_eval::cameo`): recall of an event
/// of each sentence's class, and events on the statements that hold none,
/// per part, where the file is there.
fn print_cameo_classes(
    path: &Path,
    code: &dyn Fn(&str) -> Vec<beacon_model::Event>,
    misses: usize,
) -> Result<()> {
    use beacon_eval::cameo;
    use beacon_eval::split::Part;
    if !path.is_file() {
        return Ok(());
    }
    let items = cameo::load_cameo(path)?;
    for part in Part::BOTH {
        let items = part.of_items(&items, |c| &c.id);
        let (s, wrong) = cameo::score_classes(&items, code);
        println!(
            "CAMEO manual sentences (ConfliBERT's classes), {} part: {} sentences, {} statements\n  \
             an event of the sentence's class: recall {:.3} (verbal cooperation {:.3}, material cooperation {:.3}, verbal conflict {:.3}, material conflict {:.3}); \
             events on statements, which hold none: {:.3} (target: recall >= 0.60 with <= 0.25)",
            part.as_str(),
            items.len(),
            s.sentences[0],
            s.recall(),
            s.recall_of(1),
            s.recall_of(2),
            s.recall_of(3),
            s.recall_of(4),
            s.events_on_none_share()
        );
        let shown = if part == Part::Tune { misses } else { 0 };
        for (id, class, kinds, text) in wrong.iter().take(shown) {
            let kinds: Vec<&str> = kinds.iter().map(|k| k.as_str()).collect();
            println!("  {id} (class {class}, coded {kinds:?}): {text}");
        }
    }
    Ok(())
}

/// Event detection on sentences with realistic negatives (GLOCON's protests,
/// IndiaPoliceEvents' arrests), per part, where the folders are there.
fn print_detection(
    gold: &Path,
    code: &dyn Fn(&str) -> Vec<beacon_model::Event>,
    misses: usize,
) -> Result<()> {
    use beacon_eval::detection::{self, Labelled};
    use beacon_eval::split::Part;
    type Found = fn(&[beacon_model::Event]) -> bool;
    let glocon = gold.join("glocon_sample/sents.jsonl");
    let police = gold.join("indiapoliceevents/sents.jsonl");
    let mut sets: Vec<(&str, Vec<Labelled>, Found)> = Vec::new();
    if glocon.is_file() {
        let items = detection::load_glocon(&glocon)?;
        sets.push((
            "protests and political violence that occurred (GLOCON sentences)",
            items,
            detection::contention_occurred,
        ));
    }
    if police.is_file() {
        let items = detection::load_police_arrests(&police)?;
        sets.push((
            "arrests (IndiaPoliceEvents sentences)",
            items,
            detection::arrest_occurred,
        ));
    }
    for (name, items, found) in &sets {
        for part in Part::BOTH {
            let items = part.of_items(items, |l| &l.document);
            let (d, wrong) = detection::score_detection(&items, code, found);
            println!(
                "{name}, {} part: {} sentences, {} with the event\n  precision {:.3}  recall {:.3}  F1 {:.3}",
                part.as_str(),
                d.sentences,
                d.true_positives + d.false_negatives,
                d.precision(),
                d.recall(),
                d.f1()
            );
            let shown = if part == Part::Tune { misses } else { 0 };
            for (id, said, text) in wrong.iter().take(shown) {
                let what = if *said {
                    "coded, gold has none"
                } else {
                    "missed"
                };
                println!("  {id} ({what}): {text}");
            }
        }
    }
    Ok(())
}

/// PLOVER records: type, actor and target accuracy, per-type figures.
fn print_plover(
    records: &[beacon_eval::events::PloverRecord],
    part: beacon_eval::split::Part,
    code: &dyn Fn(&str) -> Vec<beacon_model::Event>,
    misses: usize,
) {
    use beacon_eval::events;
    let started = Instant::now();
    let (s, wrong) = events::score_plover(records, code);
    let secs = started.elapsed().as_secs_f64();
    println!(
        "PLOVER gold records, {} part: {}  ({:.2}s, {:.0} records/s)",
        part.as_str(),
        s.records,
        secs,
        s.records as f64 / secs.max(1e-9)
    );
    println!(
        "  event type  accuracy {:.3}  macro-F1 {:.3}",
        s.type_accuracy(),
        s.macro_f1()
    );
    let share = |n: usize| n as f64 / s.records.max(1) as f64;
    println!(
        "  the most confident event's type  accuracy {:.3}; no event on {:.1} % of the sentences",
        share(s.confident_correct),
        100.0 * share(s.no_event)
    );
    println!(
        "  actor       accuracy {:.3}  ({}/{})",
        s.actor_accuracy(),
        s.actor_correct,
        s.with_source
    );
    println!(
        "  target      accuracy {:.3}  ({}/{})",
        s.target_accuracy(),
        s.target_correct,
        s.with_target
    );
    println!(
        "  {:<12} {:>5} {:>6} {:>6} {:>6}",
        "type", "gold", "P", "R", "F1"
    );
    for (t, (p, r, f, n)) in s.per_type() {
        println!("  {:<12} {n:>5} {p:>6.3} {r:>6.3} {f:>6.3}", t.as_str());
    }
    for m in wrong.iter().take(misses) {
        println!("  {}  {}", m.id, m.detail);
    }
}

/// ACLED-style snippets: sub-type and category F1 through the mapping.
fn print_acled(
    snippets: &[beacon_eval::events::AcledSnippet],
    part: beacon_eval::split::Part,
    code: &dyn Fn(&str) -> Vec<beacon_model::Event>,
    misses: usize,
) {
    use beacon_eval::events;
    let started = Instant::now();
    let coded: Vec<Vec<beacon_model::Event>> = snippets.iter().map(|s| code(&s.text)).collect();
    let secs = started.elapsed().as_secs_f64();
    let mut pairs = Vec::new();
    let mut cats = Vec::new();
    let mut confusions = Vec::new();
    for (s, ev) in snippets.iter().zip(&coded) {
        let got = events::snippet_sub_type(ev).unwrap_or("NONE");
        pairs.push((s.sub_type.clone(), got.to_owned()));
        let cat = |t: &str| match t {
            "NONE" => "none".to_owned(),
            t => events::category_of(t).unwrap_or("not_acled").to_owned(),
        };
        cats.push((cat(&s.sub_type), cat(got)));
        if got != s.sub_type {
            confusions.push(format!(
                "  {}  {} (gold {})  :: {}",
                s.id, got, s.sub_type, s.text
            ));
        }
    }
    let (per, macro_f1) = events::label_f1(&pairs);
    // The same, over the gold labels the mapping to Beacon's events covers
    // (disasters are no PLOVER event, and Beacon codes none).
    let mapped: Vec<f64> = per
        .iter()
        .filter(|(l, _)| events::SUB_TYPE_PRIORITY.contains(&l.as_str()))
        .map(|(_, v)| v.2)
        .collect();
    let macro_mapped = mapped.iter().sum::<f64>() / mapped.len().max(1) as f64;
    let (per_cat, macro_cat) = events::label_f1(&cats);
    let acc = pairs.iter().filter(|(g, p)| g == p).count() as f64 / pairs.len().max(1) as f64;
    println!(
        "ACLED-style snippets, {} part: {}  ({:.2}s)\n  sub-type  macro-F1 {macro_f1:.3} over all {} gold labels, {macro_mapped:.3} over the {} the mapping covers;  accuracy {acc:.3}\n  category  macro-F1 {macro_cat:.3}",
        part.as_str(),
        snippets.len(),
        secs,
        per.len(),
        mapped.len()
    );
    println!(
        "  {:<30} {:>5} {:>6} {:>6} {:>6}",
        "label", "gold", "P", "R", "F1"
    );
    for (l, (p, r, f, n)) in per_cat.iter().chain(per.iter()) {
        println!("  {l:<30} {n:>5} {p:>6.3} {r:>6.3} {f:>6.3}");
    }
    for c in confusions.iter().take(misses) {
        println!("{c}");
    }
}

/// Casualties: the hand-read gold beside the scorer; the toll of a snippet
/// is the first event's that carries one. Per part.
fn print_casualties(
    snippets_path: &Path,
    code: &dyn Fn(&str) -> Vec<beacon_model::Event>,
    misses: usize,
) -> Result<()> {
    use beacon_eval::casualties;
    use beacon_eval::split::Part;
    let cgold = casualties::load_gold(Path::new(casualties::GOLD))?;
    let texts = casualties::load_snippets(snippets_path)?;
    let through_events = |t: &str| -> casualties::Casualties {
        code(t)
            .into_iter()
            .find(|e| e.fatalities.is_some() || e.injured.is_some())
            .map(|e| (e.fatalities, e.injured))
            .unwrap_or((None, None))
    };
    for part in Part::BOTH {
        let gold = part.of_items(&cgold, |g| &g.id);
        let r = casualties::score(&gold, &texts, &through_events)?;
        let reader = casualties::score(&gold, &texts, &beacon_events::casualties::casualties)?;
        println!(
            "casualties, {} part: {} snippets stating a toll (gold read by hand)\n  through the events: exact match {:.3}  (killed {:.3}, injured {:.3})\n  the reader on the whole snippet: exact match {:.3}",
            part.as_str(),
            r.total,
            r.exact(),
            r.fatalities(),
            r.injured(),
            reader.exact()
        );
        let shown = if part == Part::Tune { misses } else { 0 };
        for m in r.misses.iter().take(shown) {
            println!(
                "  {}  gold {} dead, {} hurt  system {} dead, {} hurt",
                m.id,
                casualties::show(m.gold.0),
                casualties::show(m.gold.1),
                casualties::show(m.system.0),
                casualties::show(m.system.1)
            );
        }
    }
    Ok(())
}

/// The false-event rate on news without conflict, when the folder is there:
/// violent or coercive events per 100 texts, by topic and type, per part,
/// and `misses` evidence sentences of each type of the tune part to read.
fn print_false_events(
    dir: &Path,
    code: &dyn Fn(&str) -> Vec<beacon_model::Event>,
    misses: usize,
) -> Result<()> {
    use beacon_eval::nonconflict;
    use beacon_eval::split::Part;
    if !dir.is_dir() {
        return Ok(());
    }
    let all = nonconflict::load_news(dir)?;
    for part in Part::BOTH {
        let texts = part.of_items(&all, |t| &t.id);
        let started = Instant::now();
        let f = nonconflict::score_false_events(&texts, code);
        let n = &f.nonconflict;
        println!(
            "news without conflict (sport, business, entertainment, technology), {} part: {} texts in {:.1}s\n  violent or coercive events {:.1} per 100 texts ({} events; {:.1} % of the texts have one; target ≤ 5)\n  control (politics, world news, which report real events): {:.1} per 100 texts ({} texts)",
            part.as_str(),
            n.articles,
            started.elapsed().as_secs_f64(),
            n.per_100(),
            n.events,
            100.0 * n.share_with_event(),
            f.control.per_100(),
            f.control.articles
        );
        for (topic, c) in &f.by_topic {
            println!(
                "  {topic:<22} {:>5} texts {:>7.1} per 100  {:>5.1} % with one",
                c.articles,
                c.per_100(),
                100.0 * c.share_with_event()
            );
        }
        print_false_event_types(&f, if part == Part::Tune { misses } else { 0 });
    }
    Ok(())
}

/// The false events of each type, with up to `shown` of their sentences.
fn print_false_event_types(f: &beacon_eval::nonconflict::FalseEvents, shown: usize) {
    for (kind, count) in &f.by_type {
        println!("  {:<22} {count:>5} events", kind.as_str());
        for (id, sentence) in f.samples[kind].iter().take(shown) {
            println!("    {id}: {sentence}");
        }
    }
}

/// False events on ECB+'s topics without conflict (sport, film, companies,
/// fires and accidents), per part, where the file is there.
fn print_false_events_ecb(
    path: &Path,
    code: &dyn Fn(&str) -> Vec<beacon_model::Event>,
    misses: usize,
) -> Result<()> {
    use beacon_eval::nonconflict;
    use beacon_eval::split::Part;
    if !path.is_file() {
        return Ok(());
    }
    let all = nonconflict::load_ecb_news(path)?;
    for part in Part::BOTH {
        let texts = part.of_items(&all, |t| &t.id);
        let f = nonconflict::score_false_events(&texts, code);
        println!(
            "ECB+ topics without conflict (sport, film, companies, fires, accidents), {} part: {} articles\n  violent or coercive events {:.1} per 100 articles ({:.1} % have one); crime and piracy topics (control): {:.1} per 100 ({} articles)",
            part.as_str(),
            f.nonconflict.articles,
            f.nonconflict.per_100(),
            100.0 * f.nonconflict.share_with_event(),
            f.control.per_100(),
            f.control.articles
        );
        print_false_event_types(&f, if part == Part::Tune { misses } else { 0 });
    }
    Ok(())
}

pub fn eval_timex(gold: &Path, misses: usize) -> Result<ExitCode> {
    use beacon_eval::timex::{self, TimexMiss};
    let docs = timex::load_timex_gold(gold)?;
    let started = Instant::now();
    let mut c = timex::TimexCounts::default();
    let mut per_doc = Vec::with_capacity(docs.len());
    let mut dated = 0usize;
    let (mut fps, mut missed, mut wrong) = (Vec::new(), Vec::new(), Vec::new());
    for d in &docs {
        let (sys, published) = timex::tag_timex_doc(d);
        dated += usize::from(published.is_some());
        let mut dc = timex::TimexCounts::default();
        let found = timex::score_timex(d, &sys, &mut dc);
        c.add(&dc);
        per_doc.push(dc);
        // errors are read on the tune part only
        if beacon_eval::split::Part::of(&d.id) != beacon_eval::split::Part::Tune {
            continue;
        }
        let full: Vec<char> = d.full().chars().collect();
        let around = |a: usize, b: usize| -> String {
            let from = a.saturating_sub(50);
            let to = (b + 50).min(full.len());
            full[from..to]
                .iter()
                .map(|&ch| if ch == '\n' { ' ' } else { ch })
                .collect()
        };
        for m in found {
            match m {
                TimexMiss::FalsePositive(s) => fps.push(format!(
                    "  FP     {:<40} {:<14} {:<10} {}  [{}]",
                    format!("{:?}", s.text),
                    s.value,
                    s.kind,
                    around(s.start, s.end),
                    d.id
                )),
                TimexMiss::Missed(g) => missed.push(format!(
                    "  MISS   {:<40} {:<14} {:<10} {}  [{}]",
                    format!("{:?}", g.text),
                    g.value,
                    g.kind,
                    around(g.start, g.end),
                    d.id
                )),
                TimexMiss::Wrong(g, s) => wrong.push(format!(
                    "  WRONG  gold {:?} {} {}  system {:?} {} {}  {}  [{}]",
                    g.text,
                    g.value,
                    g.kind,
                    s.text,
                    s.value,
                    s.kind,
                    around(g.start, g.end),
                    d.id
                )),
            }
        }
    }
    let secs = started.elapsed().as_secs_f64();
    let (sp, sr, sf) = c.strict();
    let (rp, rr, rf) = c.relaxed();
    let (vp, vr, vf) = c.value();
    println!(
        "documents {}  gold expressions {}  system expressions {}  publication date found {}/{}  ({:.2}s)",
        docs.len(),
        c.gold,
        c.system,
        dated,
        docs.len(),
        secs
    );
    println!("strict span   P {sp:.3}  R {sr:.3}  F1 {sf:.3}");
    println!("relaxed span  P {rp:.3}  R {rr:.3}  F1 {rf:.3}");
    println!(
        "type accuracy {:.3}  value accuracy {:.3}",
        c.type_accuracy(),
        c.value_accuracy()
    );
    println!("value         P {vp:.3}  R {vr:.3}  F1 {vf:.3}");
    let ids: Vec<&str> = docs.iter().map(|d| d.id.as_str()).collect();
    for (part, idx) in parts(&ids) {
        let mut pc = timex::TimexCounts::default();
        for &i in &idx {
            pc.add(&per_doc[i]);
        }
        let ((_, _, sf), (_, _, vf)) = (pc.strict(), pc.value());
        println!(
            "  {} part: documents {}  gold expressions {}  strict span F1 {sf:.3}  value F1 {vf:.3}  value accuracy {:.3}",
            part.as_str(),
            idx.len(),
            pc.gold,
            pc.value_accuracy()
        );
        for (kind, k) in timex::KINDS.iter().zip(&pc.kinds) {
            let ((_, _, sf), (_, _, vf)) = (k.strict(), k.value());
            println!(
                "    {kind:<9} gold {:>4}  system {:>4}  strict span F1 {sf:.3}  value F1 {vf:.3}",
                k.gold, k.system
            );
        }
    }
    if misses > 0 {
        println!("errors of the tune part:");
        for (name, list) in [
            ("false positives", &fps),
            ("misses", &missed),
            ("wrong span, type or value", &wrong),
        ] {
            println!("{name}: {}", list.len());
            for l in list.iter().take(misses) {
                println!("{l}");
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}

pub fn eval_ner(
    gold: &Path,
    split: NerSplitArg,
    model: Option<&Path>,
    format: ListFormat,
    misses: usize,
) -> Result<ExitCode> {
    use beacon_eval::ner;
    let split = match split {
        NerSplitArg::Test => "test",
        NerSplitArg::Dev => "dev",
    };
    let recogniser = match model {
        Some(path) => {
            let bytes =
                std::fs::read(path).with_context(|| format!("reading {}", path.display()))?;
            beacon_entities::ner::Recogniser::from_bytes(&bytes)
                .with_context(|| format!("loading {}", path.display()))?
        }
        None => beacon_entities::ner::Recogniser::shipped(),
    };
    let recogniser = &recogniser;
    let splits = ner::load_ner_gold(gold, split)?;
    if splits.is_empty() {
        bail!("no {split}.conll in {} or its subfolders", gold.display());
    }
    if format == ListFormat::Table {
        println!(
            "{:<14} {:<5} {:>6} {:>7}  {:>17} {:>17} {:>17}  {:>21}",
            "corpus",
            "split",
            "sents",
            "tokens",
            "PER P/R/F1",
            "ORG P/R/F1",
            "LOC P/R/F1",
            "overall P/R/F1"
        );
    }
    for s in &splits {
        let started = Instant::now();
        let c = ner::score_split(recogniser, &s.sentences);
        let secs = started.elapsed().as_secs_f64();
        let prf = |t: ner::Tally| {
            let (p, r, f) = t.prf();
            (100.0 * p, 100.0 * r, 100.0 * f)
        };
        if format == ListFormat::Jsonl {
            let mut o = serde_json::json!({
                "corpus": s.corpus, "split": split, "sentences": c.sentences, "tokens": c.tokens,
                "seconds": secs,
            });
            for (ty, t) in ner::TYPES
                .iter()
                .zip(c.by_type)
                .chain([(&"overall", c.overall())])
            {
                let (p, r, f) = prf(t);
                o[*ty] = serde_json::json!({"p": p, "r": r, "f1": f, "tp": t.tp, "fp": t.fp, "fn": t.fn_});
            }
            println!("{o}");
            continue;
        }
        let cell = |t: ner::Tally| {
            let (p, r, f) = prf(t);
            format!("{p:5.1} {r:5.1} {f:5.1}")
        };
        let (p, r, f) = prf(c.overall());
        println!(
            "{:<14} {:<5} {:>6} {:>7}  {:>17} {:>17} {:>17}  {p:5.1} {r:5.1} {f:5.1}",
            s.corpus,
            split,
            c.sentences,
            c.tokens,
            cell(c.by_type[0]),
            cell(c.by_type[1]),
            cell(c.by_type[2]),
        );
        let mut listed = 0;
        for g in &s.sentences {
            if listed >= misses {
                break;
            }
            let (text, offsets) = g.text();
            let gold = ner::gold_spans(g);
            let sys = ner::to_token_spans(&offsets, &recogniser.recognise(&text));
            let show = |(a, b, t): &ner::TokenSpan| format!("{t} {:?}", g.tokens[*a..*b].join(" "));
            let missed: Vec<String> = gold.iter().filter(|x| !sys.contains(x)).map(show).collect();
            let extra: Vec<String> = sys.iter().filter(|x| !gold.contains(x)).map(show).collect();
            if missed.is_empty() && extra.is_empty() {
                continue;
            }
            listed += 1;
            println!("  missed {missed:?}  not gold {extra:?}\n      {text}");
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// A rejected input: reported on stderr, and written in place of its record
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

/// `beacon eval geo`: geoparsing figures given gold toponyms and end to end,
/// over the whole set and its tune and test parts (by article address), with
/// what went wrong by kind; the worst toponyms are listed from the tune part.
pub fn eval_geo(gold: &Path, misses: usize) -> Result<ExitCode> {
    use beacon_eval::geo;
    use beacon_eval::split::Part;
    let (articles, misaligned) = geo::load_geo_gold(gold)?;
    let t = Instant::now();
    let entities = beacon_pipeline::Pipeline::shipped_entities();
    let load_ms = t.elapsed().as_secs_f64() * 1000.0;
    let toponyms: usize = articles.iter().map(|a| a.toponyms.len()).sum();
    println!(
        "{}: {} articles, {} toponyms ({} misaligned in the gold); gazetteer, actor dictionary and name model loaded in {:.0} ms",
        gold.display(),
        articles.len(),
        toponyms,
        misaligned,
        load_ms
    );
    print_geo_part(&entities, &articles, None);
    for part in Part::BOTH {
        let of = part.of_items(&articles, |a| a.id.as_str());
        let n: usize = of.iter().map(|a| a.toponyms.len()).sum();
        println!(
            "\n{} part: {} articles, {} toponyms",
            part.as_str(),
            of.len(),
            n
        );
        let (part_worst, e2e) = print_geo_part(&entities, &of, Some(part));
        if part == Part::Tune && misses > 0 {
            println!("worst given gold toponyms (tune part):");
            for m in part_worst.iter().take(misses) {
                println!(
                    "  {:>8.0} km  {:<24} -> {:<50} gold ({:.2}, {:.2})  [article {}]",
                    m.error_km, m.name, m.got, m.gold.0, m.gold.1, m.article
                );
            }
            for (label, names) in [
                ("not a place", &e2e.not_places),
                ("toponym missed", &e2e.missed),
            ] {
                println!(
                    "end to end, {label} (tune part): {}",
                    most_frequent(names, misses)
                );
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// The geoparsing figures of `articles` (a part, or all when `part` is
/// none: then with the time taken); its toponyms worst first, and the end
/// to end figures (with the spans taken for places that are none, and the
/// toponyms missed).
fn print_geo_part(
    entities: &beacon_entities::Entities,
    articles: &[beacon_eval::geo::GeoArticle],
    part: Option<beacon_eval::split::Part>,
) -> (Vec<beacon_eval::geo::GeoMiss>, beacon_eval::geo::EndToEnd) {
    use beacon_eval::geo;
    use beacon_gazetteer::{DictionaryRecogniser, Recogniser};
    let g = entities.gazetteer();
    let t = Instant::now();
    let (given, worst) = geo::score_given_gold(g, articles);
    let given_s = t.elapsed().as_secs_f64();
    let t = Instant::now();
    // End to end as `beacon analyze` runs: the gazetteer's dictionary pass
    // and the name model's places.
    let rec = entities.place_names();
    let e2e = geo::score_end_to_end(g, articles, &rec);
    let e2e_s = t.elapsed().as_secs_f64();
    let dictionary_only = geo::score_end_to_end(
        g,
        articles,
        &DictionaryRecogniser {
            gazetteer: g,
            settings: Recogniser::default(),
        },
    );
    let line = |label: &str, s: &geo::GeoScores| {
        println!(
            "{label:<22} n {:>5}  acc@161km {:.3}  mean {:>7.1} km  median {:>6.1} km  AUC {:.3}{}",
            s.n,
            s.acc161,
            s.mean_km,
            s.median_km,
            s.auc,
            s.exact_id
                .map(|x| format!("  exact GeoNames id {x:.3}"))
                .unwrap_or_default()
        )
    };
    line("given gold toponyms", &given);
    line("end to end (matched)", &e2e.geo);
    println!(
        "end-to-end recognition: P {:.3}  R {:.3}  F1 {:.3} ({} predicted, {} gold, {} matched); acc@161km over all gold {:.3}",
        e2e.precision, e2e.recall, e2e.f1, e2e.predicted, e2e.gold, e2e.matched, e2e.acc161_all
    );
    println!(
        "  (the gazetteer's dictionary pass alone: acc@161km {:.3} over {} matched; P {:.3}  R {:.3}  F1 {:.3})",
        dictionary_only.geo.acc161,
        dictionary_only.matched,
        dictionary_only.precision,
        dictionary_only.recall,
        dictionary_only.f1
    );
    let kinds: Vec<String> = geo::ErrorKind::ALL
        .iter()
        .map(|k| {
            let n = worst.iter().filter(|m| m.kind == Some(*k)).count();
            format!("{} {n}", k.as_str())
        })
        .collect();
    println!(
        "errors beyond 161 km, given gold: {}; end to end: not a place {}, toponym missed {}",
        kinds.join(", "),
        e2e.predicted - e2e.matched,
        e2e.gold - e2e.matched
    );
    let right_entry = worst
        .iter()
        .filter(|m| m.error_km <= 161.0 || m.kind == Some(geo::ErrorKind::Point))
        .count();
    println!(
        "given gold, within 161 km or the right entry at another point: {:.3}",
        right_entry as f64 / worst.len().max(1) as f64
    );
    if part.is_none() {
        println!(
            "time: given gold {:.0} ms ({:.0} docs/s), end to end {:.0} ms ({:.0} docs/s)",
            given_s * 1000.0,
            articles.len() as f64 / given_s.max(1e-9),
            e2e_s * 1000.0,
            articles.len() as f64 / e2e_s.max(1e-9)
        );
    }
    (worst, e2e)
}

/// The `n` most frequent of `names`, each with its count ("Walsh ×12").
fn most_frequent(names: &[String], n: usize) -> String {
    let mut counts: std::collections::BTreeMap<&str, usize> = Default::default();
    for name in names {
        *counts.entry(name.as_str()).or_default() += 1;
    }
    let mut counts: Vec<(&str, usize)> = counts.into_iter().collect();
    counts.sort_by_key(|&(name, c)| (std::cmp::Reverse(c), name));
    let shown: Vec<String> = counts
        .iter()
        .take(n)
        .map(|(name, c)| format!("{name} ×{c}"))
        .collect();
    shown.join(", ")
}
