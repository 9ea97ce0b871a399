//! Full-text search over what the store holds: a tantivy index of its
//! articles and of its story-level events, with filters on time, country,
//! zone, actor, event type, modality and `historical`.
//!
//! The store is the record; the index is derived from it and can always be
//! rebuilt. Each commit of the index carries, as its payload, how far into
//! the store it reaches (the storage sequences of the last article and of the
//! last story-level event row it holds). [`SearchIndex::sync`] adds whatever
//! the store gained since: new articles, and the story-level events written
//! or changed since (a changed event's row is written again, with a new
//! sequence). A run killed before the index's commit loses nothing (the next
//! sync picks them up again) and duplicates nothing (uncommitted documents
//! are dropped with the run, and an article or an event is deleted by its id
//! before it is added).
//!
//! Two kinds of document share the index:
//! - an **article**: title and text; its date is the publication date; its
//!   facets are the union of its mentions' and events' countries, zones and
//!   actors, and its events' types, modalities and history flags;
//! - a **story-level event**: the evidence sentence of each report, the
//!   actors' and the place's names; its facets are the event's own.

use std::ops::Bound;
use std::path::{Path, PathBuf};

pub use beacon_model::Filter;
use beacon_model::{Article, Event, EventActor, Marking, Mention, StoryEvent};
use beacon_store::Store;
use serde::Serialize;
use tantivy::collector::{Count, TopDocs};
use tantivy::query::{AllQuery, BooleanQuery, Occur, Query, QueryParser, RangeQuery, TermQuery};
use tantivy::schema::{
    FAST, Field, IndexRecordOption, STORED, STRING, Schema, TextFieldIndexing, TextOptions, Value,
};
use tantivy::snippet::SnippetGenerator;
use tantivy::tokenizer::{
    AsciiFoldingFilter, LowerCaser, RemoveLongFilter, SimpleTokenizer, TextAnalyzer,
};
use tantivy::{Index, IndexReader, IndexWriter, Order, ReloadPolicy, TantivyDocument, Term};

/// What the index's layout is: an index written under another layout is
/// dropped and rebuilt from the store.
const LAYOUT: &str = "beacon-search/1";
/// The analyser of every text field: words lower-cased and folded to ASCII
/// ("Mazār" finds "Mazar"), no stemming (the corpus is multilingual).
const ANALYSER: &str = "beacon";
/// Memory the writer may fill before it writes a segment.
const WRITER_BYTES: usize = 64 << 20;

/// What went wrong.
#[derive(Debug, thiserror::Error)]
pub enum SearchError {
    /// The index (tantivy) failed.
    #[error("search index: {0}")]
    Index(tantivy::TantivyError),
    /// The store failed while the index read from it.
    #[error(transparent)]
    Store(#[from] beacon_store::StoreError),
    /// The query does not parse.
    #[error("cannot read the query {query:?}: {detail}")]
    Query {
        /// The query as given.
        query: String,
        /// Why.
        detail: String,
    },
    /// The query is longer, deeper or has more clauses than a search takes.
    #[error("the query is too complex: {0}")]
    TooComplex(String),
    /// Another process is writing the index (it brings it up to date).
    #[error("another process is writing the search index")]
    Busy,
    /// The index directory cannot be made or cleared.
    #[error("{path}: {source}")]
    Io {
        /// Which directory.
        path: PathBuf,
        /// Why.
        source: std::io::Error,
    },
}

impl From<tantivy::TantivyError> for SearchError {
    fn from(e: tantivy::TantivyError) -> Self {
        match e {
            tantivy::TantivyError::LockFailure(
                tantivy::directory::error::LockError::LockBusy,
                _,
            ) => SearchError::Busy,
            e => SearchError::Index(e),
        }
    }
}

/// The most characters a query may have.
pub const MAX_QUERY_CHARS: usize = 1_000;
/// The most terms and operators a query may have.
pub const MAX_QUERY_CLAUSES: usize = 64;
/// The deepest its parentheses may nest.
pub const MAX_QUERY_DEPTH: usize = 8;

/// Checks a query against the limits a search takes before it reaches the
/// query parser (whose recursion a deep or long query would overflow):
/// [`MAX_QUERY_CHARS`] characters, [`MAX_QUERY_CLAUSES`] terms and
/// operators (a run of letters or digits, or one other sign outside quotes),
/// parentheses nested [`MAX_QUERY_DEPTH`] deep.
pub fn check_query(q: &str) -> Result<(), SearchError> {
    let chars = q.chars().count();
    if chars > MAX_QUERY_CHARS {
        return Err(SearchError::TooComplex(format!(
            "it has {chars} characters; a query has at most {MAX_QUERY_CHARS}"
        )));
    }
    let (mut depth, mut deepest, mut clauses) = (0usize, 0usize, 0usize);
    let (mut quoted, mut in_word) = (false, false);
    for c in q.chars() {
        let word = c.is_alphanumeric();
        if c == '"' {
            quoted = !quoted;
            clauses += usize::from(quoted);
        } else if quoted {
            continue;
        } else if word {
            clauses += usize::from(!in_word);
        } else if c == '(' {
            depth += 1;
            deepest = deepest.max(depth);
        } else if c == ')' {
            depth = depth.saturating_sub(1);
        } else if !c.is_whitespace() {
            clauses += 1;
        }
        in_word = word && !quoted;
    }
    if deepest > MAX_QUERY_DEPTH {
        return Err(SearchError::TooComplex(format!(
            "its parentheses nest {deepest} deep; at most {MAX_QUERY_DEPTH}"
        )));
    }
    if clauses > MAX_QUERY_CLAUSES {
        return Err(SearchError::TooComplex(format!(
            "it has {clauses} terms and operators; at most {MAX_QUERY_CLAUSES}"
        )));
    }
    Ok(())
}

/// Which documents a search looks at.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Scope {
    /// Articles and story-level events.
    #[default]
    All,
    /// Articles only.
    Articles,
    /// Story-level events only.
    Events,
}

/// How hits are ordered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Sort {
    /// Best match first (BM25), the newest first among equals.
    #[default]
    Relevance,
    /// The newest first (publication date of an article, date of an event).
    Newest,
}

/// A search.
#[derive(Debug, Clone, Default)]
pub struct Request {
    /// The query, in tantivy's syntax: words (all must match), `"a phrase"`,
    /// `OR`, `-word`, `title:word`. Empty: every document the filters pass.
    pub text: String,
    /// Filters.
    pub filter: Filter,
    /// Articles, events or both.
    pub scope: Scope,
    /// Order of the hits.
    pub sort: Sort,
    /// At most this many hits.
    pub limit: usize,
    /// Skip this many hits first (pagination).
    pub offset: usize,
}

/// Whether a hit is an article or a story-level event.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum HitKind {
    /// An article.
    Article,
    /// A story-level event.
    Event,
}

/// One document found.
#[derive(Debug, Clone, Serialize)]
pub struct Hit {
    /// Article or event.
    pub kind: HitKind,
    /// The article's id, or the story-level event's.
    pub id: String,
    /// The story it belongs to.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub story_id: Option<String>,
    /// The article's title, or the event's story's title.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// The article's URL (articles only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// The article's publication date, or the event's date.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    /// The event's PLOVER type (events only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub event_type: Option<String>,
    /// BM25 score (0 when sorted by date or with no query words).
    pub score: f32,
    /// The passage that matches best, at most ~200 characters.
    pub snippet: String,
    /// Byte ranges of the query's words within `snippet`.
    pub highlights: Vec<(usize, usize)>,
}

/// A page of hits and how many documents match in all.
#[derive(Debug, Clone, Serialize)]
pub struct Results {
    /// Documents matching the query and filters.
    pub total: usize,
    /// The requested page of them.
    pub hits: Vec<Hit>,
    /// How the query was read, where it was not as written (text outside
    /// the query syntax is searched as plain words).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// How far into a store an index reaches: the storage sequences of the
/// last article and of the last story-level event row it holds.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Reach {
    /// The last article's (the store's `articles.rowid`).
    pub articles: i64,
    /// The last story-level event row's (`story_events.seq`).
    pub events: i64,
}

/// What a [`SearchIndex::sync`] did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Synced {
    /// Articles added.
    pub articles: usize,
    /// Story-level events added or replaced.
    pub events: usize,
    /// Whether the index held another store's documents and was rebuilt.
    pub rebuilt: bool,
}

#[derive(Clone, Copy)]
struct Fields {
    kind: Field,
    id: Field,
    story: Field,
    title: Field,
    body: Field,
    url: Field,
    date: Field,
    day: Field,
    country: Field,
    zone: Field,
    actor: Field,
    event_type: Field,
    modality: Field,
    historical: Field,
    /// An event's relevance in hundredths (`000`..`100`), `na` when not
    /// judged: ordered as text, so a minimum is a range.
    relevance: Field,
    /// Who may see it: [`marking_term`].
    marking: Field,
}

/// A marking as the index keeps it: `clear` for `CLEAR`, else its JSON.
fn marking_term(m: &Marking) -> String {
    if m.is_clear() {
        "clear".to_owned()
    } else {
        serde_json::to_string(m).unwrap_or_default()
    }
}

fn schema() -> (Schema, Fields) {
    let mut b = Schema::builder();
    let text = |stored: bool| {
        let o = TextOptions::default().set_indexing_options(
            TextFieldIndexing::default()
                .set_tokenizer(ANALYSER)
                .set_index_option(IndexRecordOption::WithFreqsAndPositions),
        );
        if stored { o.set_stored() } else { o }
    };
    let f = Fields {
        kind: b.add_text_field("kind", STRING | STORED),
        id: b.add_text_field("id", STRING | STORED),
        story: b.add_text_field("story", STRING | STORED),
        title: b.add_text_field("title", text(true)),
        body: b.add_text_field("body", text(true)),
        url: b.add_text_field("url", STORED),
        date: b.add_text_field("date", STRING | STORED),
        day: b.add_i64_field("day", FAST),
        country: b.add_text_field("country", STRING),
        zone: b.add_text_field("zone", STRING),
        actor: b.add_text_field("actor", STRING),
        event_type: b.add_text_field("type", STRING | STORED),
        modality: b.add_text_field("modality", STRING),
        historical: b.add_text_field("historical", STRING),
        relevance: b.add_text_field("relevance", STRING),
        marking: b.add_text_field("marking", STRING),
    };
    (b.build(), f)
}

fn analyser() -> TextAnalyzer {
    TextAnalyzer::builder(SimpleTokenizer::default())
        .filter(RemoveLongFilter::limit(40))
        .filter(LowerCaser)
        .filter(AsciiFoldingFilter)
        .build()
}

/// The search index of one store (`<data>/search/`).
pub struct SearchIndex {
    index: Index,
    reader: IndexReader,
    f: Fields,
    dir: PathBuf,
}

impl SearchIndex {
    /// Where a store's index lives.
    pub fn dir_of(store: &Store) -> PathBuf {
        store.dir().join("search")
    }

    /// Opens the index in `dir`, creating it empty if there is none, and
    /// dropping one written under another layout (it is then rebuilt by
    /// [`SearchIndex::sync`]).
    pub fn open(dir: &Path) -> Result<SearchIndex, SearchError> {
        let io = |source| SearchError::Io {
            path: dir.to_path_buf(),
            source,
        };
        let (schema, f) = schema();
        std::fs::create_dir_all(dir).map_err(io)?;
        let index = match Index::open_in_dir(dir) {
            // written under this layout (or never committed): keep it
            Ok(index)
                if index.schema() == schema
                    && Self::payload_of(&index).is_none_or(|p| p.starts_with(LAYOUT)) =>
            {
                index
            }
            // absent, unreadable or of another layout: start again
            opened => {
                if opened.is_ok() {
                    tracing::info!(
                        "the search index in {} is of another layout: rebuilt from the store",
                        dir.display()
                    );
                }
                std::fs::remove_dir_all(dir).map_err(io)?;
                std::fs::create_dir_all(dir).map_err(io)?;
                Index::create_in_dir(dir, schema)?
            }
        };
        index.tokenizers().register(ANALYSER, analyser());
        let reader = index
            .reader_builder()
            // another process's commits (an ingest's) become visible
            // without a request waiting for them
            .reload_policy(ReloadPolicy::OnCommitWithDelay)
            .try_into()?;
        Ok(SearchIndex {
            index,
            reader,
            f,
            dir: dir.to_path_buf(),
        })
    }

    fn payload_of(index: &Index) -> Option<String> {
        index.load_metas().ok()?.payload
    }

    /// Where the index lives.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// The store the index was built from and how far into it the index
    /// reaches, as its last commit recorded them (`None`: never committed,
    /// or by a layout without the store's identity).
    fn synced(&self) -> Option<(String, Reach)> {
        let payload = Self::payload_of(&self.index)?;
        let mut store = None;
        let mut reach = Reach::default();
        let mut articles = None;
        for part in payload.strip_prefix(LAYOUT)?.split_whitespace() {
            if let Some(v) = part.strip_prefix("store=") {
                store = Some(v.to_owned());
            } else if let Some(v) = part.strip_prefix("seq=") {
                articles = v.parse().ok();
            } else if let Some(v) = part.strip_prefix("events=") {
                // absent in an index from before events were read by row:
                // they are all read again (each replaces itself by its id)
                reach.events = v.parse().unwrap_or(0);
            }
        }
        reach.articles = articles?;
        Some((store?, reach))
    }

    /// How far into the store `store_id` the index reaches (nothing: none
    /// of it, or the index is of another store).
    pub fn synced_to(&self, store_id: &str) -> Reach {
        match self.synced() {
            Some((id, reach)) if id == store_id => reach,
            _ => Reach::default(),
        }
    }

    /// A writer for adding documents by hand ([`SearchIndex::add_article`],
    /// [`SearchIndex::add_story_event`]); [`SearchIndex::commit`] ends it.
    /// [`SearchError::Busy`] when another process is writing the index.
    pub fn writer(&self) -> Result<IndexWriter, SearchError> {
        Ok(self.index.writer_with_num_threads(1, WRITER_BYTES)?)
    }

    /// Commits what `writer` added, recording that the index now holds the
    /// store `store_id` as far as `reach`, and makes it visible to searches.
    pub fn commit(
        &self,
        mut writer: IndexWriter,
        store_id: &str,
        reach: Reach,
    ) -> Result<(), SearchError> {
        let mut prepared = writer.prepare_commit()?;
        prepared.set_payload(&format!(
            "{LAYOUT} store={store_id} seq={} events={}",
            reach.articles, reach.events
        ));
        prepared.commit()?;
        writer.wait_merging_threads()?;
        self.reader.reload()?;
        Ok(())
    }

    /// Adds what the store gained since the index's last commit: each new
    /// analysed article, and each story-level event written or changed since
    /// (as its story now stands). An index built from another store (one
    /// deleted and made again beside it) is emptied and rebuilt. Returns what
    /// it added; [`SearchError::Busy`] when another process is writing the
    /// index (that one brings it up to date).
    pub fn sync(&self, store: &Store) -> Result<Synced, SearchError> {
        let store_id = store.id()?;
        let writer = self.writer()?;
        let rebuild = !matches!(self.synced(), Some((id, _)) if id == store_id)
            && self.reader.searcher().num_docs() > 0;
        if rebuild {
            writer.delete_all_documents()?;
        }
        let from = self.synced_to(&store_id);
        let mut reach = from;
        let mut done = Synced {
            rebuilt: rebuild,
            ..Synced::default()
        };
        let mut failed = None;
        store.analysed_articles(
            from.articles,
            &mut |seq, article: Indexed, mentions, events, story| {
                if failed.is_some() {
                    return;
                }
                let article = article.into_article();
                match self.add_article(&writer, &article, &mentions, &events, story.as_deref()) {
                    Ok(()) => {
                        reach.articles = seq;
                        done.articles += 1;
                    }
                    Err(e) => failed = Some(e),
                }
            },
        )?;
        if let Some(e) = failed {
            return Err(e);
        }
        let mut failed = None;
        store.story_events_after(from.events, &mut |row| {
            if failed.is_some() {
                return;
            }
            match self.add_story_event(&writer, row.story, row.title, &row.event) {
                Ok(()) => {
                    reach.events = row.seq;
                    done.events += 1;
                }
                Err(e) => failed = Some(e),
            }
        })?;
        if let Some(e) = failed {
            return Err(e);
        }
        if rebuild || reach != from || self.synced().is_none() {
            self.commit(writer, &store_id, reach)?;
        }
        Ok(done)
    }

    /// Adds (or replaces) an article.
    pub fn add_article(
        &self,
        writer: &IndexWriter,
        article: &Article,
        mentions: &[Mention],
        events: &[Event],
        story: Option<&str>,
    ) -> Result<(), SearchError> {
        let f = self.f;
        writer.delete_term(Term::from_field_text(f.id, &article.id.0));
        let mut doc = TantivyDocument::new();
        doc.add_text(f.kind, "article");
        doc.add_text(f.id, &article.id.0);
        if let Some(s) = story {
            doc.add_text(f.story, s);
        }
        if let Some(t) = &article.title {
            doc.add_text(f.title, t);
        }
        // the part the analysis reads: a page of megabytes is found by it
        doc.add_text(f.body, beacon_model::analysed_prefix(&article.text));
        if let Some(u) = &article.url {
            doc.add_text(f.url, u);
        }
        if let Some(p) = &article.published {
            add_date(&mut doc, f, &p.value);
        }
        let mut facets = Facets::default();
        for m in mentions {
            facets.country(m.country.as_deref());
            facets.zone(m.zone.as_deref());
            if m.kind.is_actor() {
                facets.actor_names(m.id.as_deref(), m.name.as_deref(), &m.text);
            }
        }
        for e in events {
            facets.event(e);
        }
        facets.write(&mut doc, f);
        doc.add_text(f.marking, marking_term(&article.marking));
        writer.add_document(doc)?;
        Ok(())
    }

    /// Adds (or replaces) a story-level event of the story `story` (whose
    /// title is `title`).
    pub fn add_story_event(
        &self,
        writer: &IndexWriter,
        story: &str,
        title: Option<&str>,
        se: &StoryEvent,
    ) -> Result<(), SearchError> {
        writer.delete_term(Term::from_field_text(self.f.id, &se.event.id));
        writer.add_document(self.event_doc(story, title, se))?;
        Ok(())
    }

    fn event_doc(&self, story: &str, title: Option<&str>, se: &StoryEvent) -> TantivyDocument {
        let f = self.f;
        let e = &se.event;
        let mut doc = TantivyDocument::new();
        doc.add_text(f.kind, "event");
        doc.add_text(f.id, &e.id);
        // events are deleted with their story: a key of their own, so that
        // replacing a story's events leaves its articles alone
        doc.add_text(f.story, event_story_key(story));
        if let Some(t) = title {
            doc.add_text(f.title, t);
        }
        let mut body = e.evidence.text.clone();
        for a in e.actor.iter().chain(&e.target) {
            body.push_str(" · ");
            body.push_str(a.name.as_deref().unwrap_or(&a.text));
        }
        if let Some(l) = &e.location {
            body.push_str(" · ");
            body.push_str(&l.name);
        }
        doc.add_text(f.body, &body);
        if let Some(d) = &e.date {
            add_date(&mut doc, f, &d.value);
        }
        let mut facets = Facets::default();
        facets.event(e);
        facets.write(&mut doc, f);
        doc.add_text(f.marking, marking_term(&se.marking));
        doc
    }

    /// The marking terms in the index that `sees` allows; none when it
    /// allows every one.
    fn visible_markings(
        &self,
        searcher: &tantivy::Searcher,
        sees: &dyn Fn(&Marking) -> bool,
    ) -> Result<Option<Vec<String>>, SearchError> {
        let mut terms = std::collections::BTreeSet::new();
        for segment in searcher.segment_readers() {
            let inverted = segment.inverted_index(self.f.marking)?;
            let mut stream = inverted
                .terms()
                .stream()
                .map_err(|source| SearchError::Io {
                    path: self.dir.clone(),
                    source,
                })?;
            while stream.advance() {
                terms.insert(String::from_utf8_lossy(stream.key()).into_owned());
            }
        }
        let mut all = true;
        let mut allowed = Vec::new();
        for t in terms {
            let m = if t == "clear" {
                Some(Marking::default())
            } else {
                serde_json::from_str::<Marking>(&t).ok()
            };
            // a term that does not read as a marking is never shown
            if m.as_ref().is_some_and(sees) {
                allowed.push(t);
            } else {
                all = false;
            }
        }
        Ok((!all).then_some(allowed))
    }

    /// The query's words (tantivy's syntax, else its plain words, with a
    /// note saying so), within the limits; `None` for no words.
    #[allow(clippy::type_complexity)]
    fn words_query(
        &self,
        text: &str,
    ) -> Result<(Option<Box<dyn Query>>, Option<String>), SearchError> {
        let f = self.f;
        check_query(text)?;
        let mut note = None;
        let words: Option<Box<dyn Query>> = if text.is_empty() {
            None
        } else {
            let mut parser = QueryParser::for_index(&self.index, vec![f.title, f.body]);
            parser.set_conjunction_by_default();
            parser.set_field_boost(f.title, 2.0);
            let q = match parser.parse_query(text) {
                Ok(q) => q,
                // not in the query syntax ("alert(1)", "a:b"): its words
                Err(e) => {
                    let plain: Vec<&str> = text
                        .split(|c: char| !c.is_alphanumeric())
                        .filter(|w| !w.is_empty())
                        .collect();
                    let fail = |detail: String| SearchError::Query {
                        query: text.to_string(),
                        detail,
                    };
                    if plain.is_empty() {
                        return Err(fail(e.to_string()));
                    }
                    note = Some(format!("read as plain words ({e})"));
                    parser
                        .parse_query(&plain.join(" "))
                        .map_err(|e| fail(e.to_string()))?
                }
            };
            Some(q)
        };
        Ok((words, note))
    }

    /// Runs a search.
    pub fn search(&self, r: &Request) -> Result<Results, SearchError> {
        self.search_for(r, &|_| true)
    }

    /// [`SearchIndex::search`] over the documents whose marking `sees`
    /// allows (asked once per distinct marking in the index).
    pub fn search_for(
        &self,
        r: &Request,
        sees: &dyn Fn(&Marking) -> bool,
    ) -> Result<Results, SearchError> {
        let f = self.f;
        let searcher = self.reader.searcher();
        let mut clauses: Vec<(Occur, Box<dyn Query>)> = Vec::new();
        if let Some(allowed) = self.visible_markings(&searcher, sees)? {
            let any: Vec<(Occur, Box<dyn Query>)> = allowed
                .iter()
                .map(|t| (Occur::Should, term(f.marking, t)))
                .collect();
            clauses.push((Occur::Must, Box::new(BooleanQuery::new(any))));
        }
        let (words, note) = self.words_query(r.text.trim())?;
        if let Some(q) = &words {
            clauses.push((Occur::Must, q.box_clone()));
        }
        match r.scope {
            Scope::All => {}
            Scope::Articles => clauses.push((Occur::Must, term(f.kind, "article"))),
            Scope::Events => clauses.push((Occur::Must, term(f.kind, "event"))),
        }
        let flt = &r.filter;
        // the facets as indexed: codes and types upper-case, modalities
        // and actors lower-case, zone ids as written
        let facet = |field: Field, v: Option<String>| v.map(|v| term(field, &v));
        clauses.extend(
            [
                facet(f.country, flt.country.map(|c| c.to_string())),
                facet(f.zone, flt.zone.as_ref().map(ToString::to_string)),
                facet(
                    f.actor,
                    flt.actor.as_deref().map(|a| a.trim().to_lowercase()),
                ),
                facet(f.event_type, flt.kind.map(|k| k.as_str().to_owned())),
                facet(f.modality, flt.modality.map(|m| m.as_str().to_owned())),
                flt.historical
                    .map(|h| term(f.historical, if h { "true" } else { "false" })),
            ]
            .into_iter()
            .flatten()
            .map(|q| (Occur::Must, q)),
        );
        if let Some(m) = flt.min_relevance {
            // judged at least this relevant, or not judged
            let lower = Term::from_field_text(f.relevance, &relevance_key(Some(m), true));
            let upper = Term::from_field_text(f.relevance, "100");
            let judged: Box<dyn Query> = Box::new(RangeQuery::new(
                Bound::Included(lower),
                Bound::Included(upper),
            ));
            let either = BooleanQuery::new(vec![
                (Occur::Should, judged),
                (Occur::Should, term(f.relevance, "na")),
            ]);
            clauses.push((Occur::Must, Box::new(either)));
        }
        if flt.since.is_some() || flt.until.is_some() {
            let lower = flt.since.as_ref().map_or(Bound::Unbounded, |s| {
                Bound::Included(Term::from_field_text(f.date, s.as_str()))
            });
            // "until 2015-10" keeps every date within October: below "2015-10~"
            let upper = flt.until.as_ref().map_or(Bound::Unbounded, |u| {
                Bound::Excluded(Term::from_field_text(f.date, &format!("{u}~")))
            });
            clauses.push((Occur::Must, Box::new(RangeQuery::new(lower, upper))));
        }
        let query: Box<dyn Query> = if clauses.is_empty() {
            Box::new(AllQuery)
        } else {
            Box::new(BooleanQuery::new(clauses))
        };
        let total = searcher.search(&query, &Count)?;
        // the collector keeps offset + limit hits in memory: past the last
        // hit there is nothing to collect (an offset of 2^32 asked for 200 GB)
        let offset = r.offset.min(total);
        let limit = r.limit.max(1).min(total - offset);
        let addresses: Vec<(f32, tantivy::DocAddress)> = if limit == 0 {
            Vec::new()
        } else if r.sort == Sort::Newest || words.is_none() {
            searcher
                .search(
                    &query,
                    &TopDocs::with_limit(limit)
                        .and_offset(offset)
                        .order_by_fast_field::<i64>("day", Order::Desc),
                )?
                .into_iter()
                .map(|(_, a)| (0.0, a))
                .collect()
        } else {
            searcher.search(
                &query,
                &TopDocs::with_limit(limit)
                    .and_offset(offset)
                    .order_by_score(),
            )?
        };
        let snippets = match &words {
            Some(q) => {
                let mut g = SnippetGenerator::create(&searcher, q.as_ref(), f.body)?;
                g.set_max_num_chars(200);
                Some(g)
            }
            None => None,
        };
        let mut hits = Vec::with_capacity(addresses.len());
        for (score, address) in addresses {
            let doc: TantivyDocument = searcher.doc(address)?;
            let get = |field: Field| {
                doc.get_first(field)
                    .and_then(|v| v.as_str())
                    .map(str::to_owned)
            };
            let kind = if get(f.kind).as_deref() == Some("event") {
                HitKind::Event
            } else {
                HitKind::Article
            };
            let (snippet, highlights) = match &snippets {
                Some(g) => {
                    let s = g.snippet_from_doc(&doc);
                    let h = s.highlighted().iter().map(|r| (r.start, r.end)).collect();
                    (s.fragment().to_string(), h)
                }
                None => (clip(&get(f.body).unwrap_or_default(), 200), Vec::new()),
            };
            hits.push(Hit {
                kind,
                id: get(f.id).unwrap_or_default(),
                story_id: get(f.story).map(|s| s.trim_start_matches(EVENT_STORY).to_owned()),
                title: get(f.title),
                url: get(f.url),
                date: get(f.date),
                event_type: (kind == HitKind::Event)
                    .then(|| get(f.event_type))
                    .flatten(),
                score,
                snippet,
                highlights,
            });
        }
        Ok(Results { total, hits, note })
    }

    /// Checks the index in `dir` against its files' checksums and the
    /// store it should hold, changing nothing: what is wrong, one line each
    /// (nothing: all is well).
    pub fn check_dir(dir: &Path, store_id: &str) -> Vec<String> {
        let index = match Index::open_in_dir(dir) {
            Ok(index) => index,
            Err(e) => return vec![format!("{}: cannot be opened: {e}", dir.display())],
        };
        let mut problems: Vec<String> = match index.validate_checksum() {
            Ok(bad) => bad
                .into_iter()
                .map(|f| {
                    format!(
                        "{}: its checksum does not match its content",
                        dir.join(f).display()
                    )
                })
                .collect(),
            Err(e) => vec![format!("{}: cannot be read: {e}", dir.display())],
        };
        problems.sort();
        let payload = Self::payload_of(&index).unwrap_or_default();
        let of_store = format!("store={store_id} ");
        if index.load_metas().is_ok_and(|m| !m.segments.is_empty()) && !payload.contains(&of_store)
        {
            problems.push(format!(
                "{} holds another store's documents (or an older layout's); the next sync rebuilds it",
                dir.display()
            ));
        }
        problems
    }

    /// Documents in the index (articles and events).
    pub fn len(&self) -> u64 {
        self.reader.searcher().num_docs()
    }

    /// Whether the index holds nothing.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// What the index reads of a stored article: the fields it indexes, and
/// of the text only the part the analysis reads (a stored page of
/// megabytes is not held whole to index its first part).
#[derive(serde::Deserialize)]
struct Indexed {
    id: beacon_model::DocId,
    origin: String,
    title: Option<String>,
    url: Option<String>,
    published: Option<beacon_model::Published>,
    text: AnalysedText,
    #[serde(default)]
    marking: Marking,
}

impl Indexed {
    fn into_article(self) -> Article {
        let mut a = Article::from_text(&self.id.0, "");
        a.text = self.text.0;
        a.origin = self.origin;
        a.title = self.title;
        a.url = self.url;
        a.published = self.published;
        a.marking = self.marking;
        a
    }
}

/// A text read only as far as [`beacon_model::MAX_ANALYSED_CHARS`].
struct AnalysedText(String);

impl<'de> serde::Deserialize<'de> for AnalysedText {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Prefix;
        impl serde::de::Visitor<'_> for Prefix {
            type Value = AnalysedText;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a text")
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<AnalysedText, E> {
                Ok(AnalysedText(beacon_model::analysed_prefix(v).to_owned()))
            }
        }
        d.deserialize_str(Prefix)
    }
}

/// Prefix of the `story` key of event documents (see `event_doc`).
const EVENT_STORY: &str = "events-of:";

fn event_story_key(story: &str) -> String {
    format!("{EVENT_STORY}{story}")
}

fn term(field: Field, value: &str) -> Box<dyn Query> {
    Box::new(TermQuery::new(
        Term::from_field_text(field, value),
        IndexRecordOption::Basic,
    ))
}

/// The date (`YYYY-MM-DD`, or a prefix) as a term for range filters, and
/// as days since 1970 for sorting.
fn add_date(doc: &mut TantivyDocument, f: Fields, value: &str) {
    let date: String = value.chars().take(10).collect();
    doc.add_text(f.date, &date);
    if let Some(day) = days(&date) {
        doc.add_i64(f.day, day);
    }
}

/// Days since 1970-01-01 of a `YYYY[-MM[-DD]]` date (its first day).
fn days(date: &str) -> Option<i64> {
    let full = match date.len() {
        4 => format!("{date}-01-01"),
        7 => format!("{date}-01"),
        _ => date.to_owned(),
    };
    beacon_model::epoch_day(&full)
}

fn clip(s: &str, n: usize) -> String {
    match s.char_indices().nth(n) {
        Some((i, _)) => format!("{}…", &s[..i]),
        None => s.to_string(),
    }
}

/// A document's filter values, each once.
#[derive(Default)]
struct Facets {
    country: Vec<String>,
    zone: Vec<String>,
    actor: Vec<String>,
    kind: Vec<String>,
    modality: Vec<String>,
    historical: Vec<String>,
    relevance: Vec<String>,
}

/// A relevance as the index holds it: hundredths, three digits (rounded
/// down, or up for a minimum: `up`), `na` when not judged.
fn relevance_key(r: Option<f32>, up: bool) -> String {
    r.map_or_else(
        || "na".to_owned(),
        |r| {
            let h = r.clamp(0.0, 1.0) * 100.0;
            format!("{:03}", if up { h.ceil() } else { h.floor() } as u32)
        },
    )
}

impl Facets {
    fn push(list: &mut Vec<String>, v: String) {
        if !v.is_empty() && !list.contains(&v) {
            list.push(v);
        }
    }

    fn country(&mut self, c: Option<&str>) {
        if let Some(c) = c {
            Self::push(&mut self.country, c.to_ascii_uppercase());
        }
    }

    fn zone(&mut self, z: Option<&str>) {
        if let Some(z) = z {
            Self::push(&mut self.zone, z.to_string());
        }
    }

    /// An actor is found by its entry id, its entry's name or its words in
    /// the text, in any case.
    fn actor_names(&mut self, id: Option<&str>, name: Option<&str>, text: &str) {
        for v in [id, name, Some(text)].into_iter().flatten() {
            Self::push(&mut self.actor, v.trim().to_lowercase());
        }
    }

    fn actors(&mut self, actors: &[EventActor]) {
        for a in actors {
            self.actor_names(a.id.as_deref(), a.name.as_deref(), &a.text);
        }
    }

    fn event(&mut self, e: &Event) {
        if let Some(l) = &e.location {
            self.country(l.country.as_deref());
            self.zone(l.zone.as_deref());
        }
        self.actors(&e.actor);
        self.actors(&e.target);
        Self::push(&mut self.kind, e.kind.as_str().to_ascii_uppercase());
        Self::push(&mut self.modality, e.modality.as_str().to_owned());
        Self::push(&mut self.historical, e.historical.to_string());
        Self::push(&mut self.relevance, relevance_key(e.relevance, false));
    }

    fn write(self, doc: &mut TantivyDocument, f: Fields) {
        for (field, values) in [
            (f.country, self.country),
            (f.zone, self.zone),
            (f.actor, self.actor),
            (f.event_type, self.kind),
            (f.modality, self.modality),
            (f.historical, self.historical),
            (f.relevance, self.relevance),
        ] {
            for v in values {
                doc.add_text(field, &v);
            }
        }
    }
}

#[cfg(test)]
mod tests;
