//! The stage chain, wired in one place. Every command that reads inputs or
//! analyses articles (`extract`, `analyze`, `stories`, `ingest`, `demo`, the
//! scorers of `beacon eval`) goes through a [`Pipeline`]:
//!
//! ```text
//! input ─▶ Document ─▶ Article (extraction, publication date, the analysis limit)
//!                        └─▶ Analysis (time expressions, mentions, events)
//! ```
//!
//! [`Pipeline::read`] turns inputs into [`Outcome`]s (an article, a rejection
//! with its reason, or a skipped entry); [`Pipeline::analyse`] reads an
//! article's analysed part ([`analysed_part`]) into its record.
//!
//! The pipeline owns its models (no stage keeps one of its own): the
//! gazetteer, the actor dictionary and the name model ([`Entities`]), the
//! article-relevance and trigger-sense models ([`Relevance`], [`Sense`])
//! and the syntax model, each read on first use (`extract` reads none of them)
//! or given at construction ([`Pipeline::with_entities`]).

use std::path::PathBuf;
use std::sync::{Arc, OnceLock};

use beacon_entities::Entities;
use beacon_events::relevance::Relevance;
use beacon_events::sense::Sense;

use beacon_ingest::{Item, Options};
use beacon_model::{
    Article, Document, Event, MAX_ANALYSED_CHARS, Mention, Rejection, TimeExpression,
};

/// The syntax model as the events stage's parser.
#[derive(Debug)]
struct SyntaxParser<'a>(&'a beacon_syntax::Syntax);

impl beacon_events::tree::Parser for SyntaxParser<'_> {
    fn parse(&self, words: &[&str]) -> Vec<beacon_events::tree::Dep> {
        self.0
            .analyse(words)
            .into_iter()
            .map(|a| beacon_events::tree::Dep {
                head: a.head as usize,
                rel: a.deprel.to_owned(),
                lemma: a.lemma.to_lowercase(),
                upos: a.upos.to_owned(),
            })
            .collect()
    }
}

/// How a pipeline runs.
#[derive(Debug, Clone, Default)]
pub struct Config {
    /// Keep each event's `explain` (the rule behind each field).
    pub explain: bool,
    /// Leave the trigger-sense model ([`Sense`]) out: every candidate the
    /// lexicon finds in a relevant article is coded (to measure what the
    /// model does).
    pub no_sense: bool,
    /// Parse the sentences that hold a trigger, so that the events stage
    /// reads modality from the governing verb and the subject from the tree
    /// (`beacon_events::tree`). Off by default: the syntax model costs
    /// ~70 MB resident, which takes `ingest` of a 19 MB page past its
    /// 200 MB bound; it stays off until the model is smaller.
    pub parse: bool,
}

/// The stage chain.
#[derive(Debug, Default)]
pub struct Pipeline {
    config: Config,
    entities: OnceLock<Entities>,
    /// The syntax models, by language ([`beacon_syntax::LANGUAGES`]).
    syntax: [OnceLock<Result<beacon_syntax::Syntax, beacon_syntax::ModelError>>; 3],
    relevance: OnceLock<Relevance>,
    sense: OnceLock<Sense>,
    times: StageTimes,
}

/// The stages [`Pipeline::stage_times`] times, in order.
pub const STAGES: [&str; 5] = ["extract", "text", "timex", "entities", "events"];
const EXTRACT: usize = 0;
const TEXT: usize = 1;
const TIMEX: usize = 2;
const ENTITIES: usize = 3;
const EVENTS: usize = 4;

/// Time spent in each stage, and how many articles went through it (for
/// `/metrics`): microseconds, then counts, by [`STAGES`].
#[derive(Debug, Default)]
struct StageTimes {
    micros: [std::sync::atomic::AtomicU64; 5],
    counts: [std::sync::atomic::AtomicU64; 5],
}

impl StageTimes {
    fn add(&self, stage: usize, since: std::time::Instant) {
        use std::sync::atomic::Ordering::Relaxed;
        self.micros[stage].fetch_add(since.elapsed().as_micros() as u64, Relaxed);
        self.counts[stage].fetch_add(1, Relaxed);
    }
}

/// One input's outcome after extraction.
#[derive(Debug)]
pub enum Outcome {
    /// The input became an article (the document keeps its bytes, not its
    /// decoded text: the article has that).
    Article(Box<Document>, Box<Article>),
    /// The input was rejected, with its reason.
    Rejected(Rejection),
    /// An entry of an archive or feed that is not an input (what it was).
    Skipped(String),
}

/// An article's analysis (`analyze`'s record, with the article beside it).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Analysis {
    /// Time expressions, with TIMEX3 values.
    pub times: Vec<TimeExpression>,
    /// Names and places, resolved where an entry is known.
    pub mentions: Vec<Mention>,
    /// Events.
    pub events: Vec<Event>,
}

impl Pipeline {
    /// A pipeline.
    pub fn new(config: Config) -> Pipeline {
        Pipeline {
            config,
            entities: OnceLock::new(),
            syntax: Default::default(),
            relevance: OnceLock::new(),
            sense: OnceLock::new(),
            times: StageTimes::default(),
        }
    }

    /// A pipeline that finds names with `entities` (a gazetteer shared with
    /// a watcher, a smaller dictionary in a test).
    pub fn with_entities(config: Config, entities: Entities) -> Pipeline {
        Pipeline {
            config,
            entities: OnceLock::from(entities),
            syntax: Default::default(),
            relevance: OnceLock::new(),
            sense: OnceLock::new(),
            times: StageTimes::default(),
        }
    }

    /// The shipped gazetteer, actor dictionary and name model, read.
    pub fn shipped_entities() -> Entities {
        let gazetteer = beacon_gazetteer::Gazetteer::load()
            .expect("the embedded gazetteer data is well formed (tested)");
        let dictionary = beacon_entities::Dictionary::shipped()
            .expect("the shipped actor dictionary is well formed (tested)");
        let entities = Entities::new(
            Arc::new(gazetteer),
            dictionary,
            beacon_entities::ner::Recogniser::shipped(),
        );
        entities
            .with_names_for("ru", || {
                beacon_entities::ner::Recogniser::shipped_for("ru")
                    .expect("a Russian name model is shipped")
            })
            .with_names_for("fa", || {
                beacon_entities::ner::Recogniser::shipped_for("fa")
                    .expect("a Persian name model is shipped")
            })
    }

    /// What finds and resolves names, read on first use.
    pub fn entities(&self) -> &Entities {
        self.entities.get_or_init(Pipeline::shipped_entities)
    }

    /// The article-relevance model, read on first use.
    pub fn relevance(&self) -> &Relevance {
        self.relevance.get_or_init(Relevance::shipped)
    }

    /// The trigger-sense model, read on first use.
    pub fn sense(&self) -> &Sense {
        self.sense.get_or_init(Sense::shipped)
    }

    /// The English syntax model (the events stage's), read on first use.
    pub fn syntax(&self) -> Result<&beacon_syntax::Syntax, beacon_syntax::ModelError> {
        self.syntax_for("en").expect("English has a syntax model")
    }

    /// The syntax model of a language (`en`, `ru`, `fa`), read on first
    /// use; `None` for a language without one.
    pub fn syntax_for(
        &self,
        lang: &str,
    ) -> Option<Result<&beacon_syntax::Syntax, beacon_syntax::ModelError>> {
        let i = beacon_syntax::LANGUAGES.iter().position(|l| *l == lang)?;
        let model = self.syntax[i].get_or_init(|| {
            beacon_syntax::Syntax::builtin_for(lang).expect("a language with a model")
        });
        Some(model.as_ref().map_err(Clone::clone))
    }

    /// A document's article: extraction, then the publication date; an
    /// article longer than the analysis reads is marked so. The decoded
    /// page is dropped from the document (its bytes stay).
    pub fn article(&self, doc: &mut Document) -> Result<Article, Rejection> {
        let started = std::time::Instant::now();
        let extracted = beacon_extract::extract_parsed(doc);
        self.times.add(EXTRACT, started);
        let (mut a, page) = match extracted {
            Ok(x) => x,
            Err(mut r) => {
                r.published = rejected_page_date(doc, &r);
                return Err(r);
            }
        };
        beacon_dates::date_parsed_article(doc, &mut a, page.as_ref());
        drop(page);
        doc.text = String::new();
        limit_analysis(&mut a);
        Ok(a)
    }

    /// What an input read becomes: an article (extracted and dated), a
    /// rejection, or a record skipped by design.
    pub fn outcome(&self, item: Item) -> Outcome {
        match item {
            Item::Document(mut doc) => match self.article(&mut doc) {
                Ok(a) => Outcome::Article(doc, Box::new(a)),
                Err(r) => Outcome::Rejected(r),
            },
            Item::Rejected(r) => Outcome::Rejected(r),
            Item::Skipped { what } => Outcome::Skipped(what),
        }
    }

    /// Reads the inputs at `paths` (files, directories, archives, feeds;
    /// `-` for stdin) and gives each outcome to `f`, in input order; the
    /// first error `f` returns stops the reading and is returned.
    pub fn read<E>(
        &self,
        paths: &[PathBuf],
        opts: &Options,
        f: &mut dyn FnMut(Outcome) -> Result<(), E>,
    ) -> Result<(), E> {
        let mut failure = None;
        beacon_ingest::read(paths, opts, &mut |item| {
            if failure.is_none()
                && let Err(e) = f(self.outcome(item))
            {
                failure = Some(e);
            }
        });
        failure.map_or(Ok(()), Err)
    }

    /// Reads one input given as bytes, named `name` (its extension says its
    /// format), and gives each outcome to `f`.
    pub fn read_bytes(&self, bytes: &[u8], name: &str, opts: &Options, f: &mut dyn FnMut(Outcome)) {
        beacon_ingest::read_bytes(bytes, name, opts, &mut |item| f(self.outcome(item)));
    }

    /// An article's analysis, over its analysed part ([`analysed_part`]).
    pub fn analyse(&self, article: &Article) -> Analysis {
        self.read_stages(article, |article, layer, times, mentions| {
            let parser = self
                .config
                .parse
                .then(|| self.syntax().ok().map(SyntaxParser))
                .flatten();
            let decisions = beacon_events::Decisions {
                relevance: Some(self.relevance()),
                sense: (!self.config.no_sense).then(|| self.sense()),
                parser: parser
                    .as_ref()
                    .map(|p| p as &dyn beacon_events::tree::Parser),
            };
            let mut events = beacon_events::events_in(article, layer, &mentions, &times, decisions);
            if !self.config.explain {
                events.iter_mut().for_each(|e| e.explain.clear());
            }
            Analysis {
                times,
                mentions,
                events,
            }
        })
    }

    /// Every candidate event of an article's analysed part, before the
    /// learned decisions, each with its features for the sense model
    /// (`bits`: its table size): what trains the model.
    pub fn candidates(
        &self,
        article: &Article,
        bits: u32,
    ) -> Vec<(Event, beacon_events::linear::Features)> {
        self.read_stages(article, |article, layer, times, mentions| {
            let relevance = self.relevance();
            beacon_events::candidates_in(article, layer, &mentions, &times, relevance, bits)
        })
    }

    /// The stages before the events over an article's analysed part: its
    /// text layer (split once for the stages that read it), time
    /// expressions and mentions, given to `f`.
    fn read_stages<T>(
        &self,
        article: &Article,
        f: impl FnOnce(&Article, &beacon_text::Text<'_>, Vec<TimeExpression>, Vec<Mention>) -> T,
    ) -> T {
        let part = analysed_part(article);
        let article = part.as_ref().unwrap_or(article);
        let started = std::time::Instant::now();
        let layer = beacon_text::Text::new(&article.text);
        self.times.add(TEXT, started);
        let started = std::time::Instant::now();
        let times = beacon_dates::timex::article_time_expressions_in(article, &layer);
        self.times.add(TIMEX, started);
        let started = std::time::Instant::now();
        let mentions = self.entities().mentions(article, &layer);
        self.times.add(ENTITIES, started);
        let started = std::time::Instant::now();
        let out = f(article, &layer, times, mentions);
        self.times.add(EVENTS, started);
        out
    }

    /// Each stage's name, the time spent in it and the articles it read,
    /// since the pipeline was made ([`STAGES`]; `events` is whatever
    /// follows the entities: the events stage for [`Pipeline::analyse`]).
    pub fn stage_times(&self) -> Vec<(&'static str, std::time::Duration, u64)> {
        use std::sync::atomic::Ordering::Relaxed;
        STAGES
            .iter()
            .enumerate()
            .map(|(i, name)| {
                (
                    *name,
                    std::time::Duration::from_micros(self.times.micros[i].load(Relaxed)),
                    self.times.counts[i].load(Relaxed),
                )
            })
            .collect()
    }
}

impl Pipeline {
    /// Writes an article as the syntax reads it, as CoNLL-U: a document
    /// (`# newdoc id`), the sentences of its analysed part (the text
    /// layer's) tagged, lemmatised and parsed, each word's place in the text
    /// in `MISC` (`TokenRange=start:end` in code points, `SpaceAfter=No`).
    pub fn write_conllu(
        &self,
        out: &mut dyn std::io::Write,
        article: &Article,
    ) -> std::io::Result<()> {
        use beacon_syntax::conllu;
        // the article's language's model; English for a language without one
        let lang = article.language.as_deref().unwrap_or("en");
        let syntax = self
            .syntax_for(lang)
            .unwrap_or_else(|| self.syntax())
            .map_err(|e| std::io::Error::new(std::io::ErrorKind::InvalidData, e))?;
        let part = analysed_part(article);
        let article = part.as_ref().unwrap_or(article);
        let text = beacon_text::Text::new(&article.text);
        writeln!(out, "# newdoc id = {}", article.id.0)?;
        let toks = text.tokens();
        for (k, range) in text.sentences().iter().enumerate() {
            let words = text.words(range);
            let analysis = syntax.analyse(&words);
            let (first, last) = (&toks[range.start], &toks[range.end - 1]);
            let sentence = conllu::Sentence {
                id: Some(format!("{}-{}", article.id.0, k + 1)),
                text: Some(
                    article.text[first.byte_start..last.byte_end].replace(['\n', '\r', '\t'], " "),
                ),
                words: words
                    .iter()
                    .zip(&analysis)
                    .map(|(w, x)| conllu::Word {
                        form: (*w).to_owned(),
                        lemma: x.lemma.clone(),
                        upos: x.upos.to_owned(),
                        xpos: x.xpos.to_owned(),
                        head: x.head,
                        deprel: x.deprel.to_owned(),
                    })
                    .collect(),
            };
            let misc: Vec<String> = range
                .clone()
                .map(|i| {
                    let t = &toks[i];
                    let joined = i + 1 < range.end && toks[i + 1].start == t.end;
                    let space = if joined { "|SpaceAfter=No" } else { "" };
                    format!("TokenRange={}:{}{space}", t.start, t.end)
                })
                .collect();
            conllu::write(out, &sentence, &misc)?;
        }
        Ok(())
    }
}

/// Marks an article whose text is longer than the analysis reads.
fn limit_analysis(a: &mut Article) {
    if analysed_part(a).is_some() {
        a.warnings.push(beacon_model::Warning {
            kind: "analysis_limited".into(),
            detail: format!(
                "the text has {} characters; names, places, time expressions and events are \
                 read from its first {MAX_ANALYSED_CHARS}",
                a.text.chars().count()
            ),
        });
    }
}

/// The part of a long article the analysis reads: its first
/// [`MAX_ANALYSED_CHARS`] characters (`beacon_model::analysed_prefix`) and
/// the paragraphs within them; `None` when the whole article is read.
/// Offsets in the part are those of the whole.
pub fn analysed_part(a: &Article) -> Option<Article> {
    // no more bytes than the limit: no more characters either
    if a.text.len() <= MAX_ANALYSED_CHARS {
        return None;
    }
    let prefix = beacon_model::analysed_prefix(&a.text);
    if prefix.len() == a.text.len() {
        return None;
    }
    Some(Article {
        id: a.id.clone(),
        origin: a.origin.clone(),
        url: a.url.clone(),
        source: a.source.clone(),
        title: a.title.clone(),
        byline: a.byline.clone(),
        text: prefix.to_owned(),
        paragraphs: a
            .paragraphs
            .iter()
            .take_while(|p| p.end <= MAX_ANALYSED_CHARS)
            .cloned()
            .collect(),
        language: a.language.clone(),
        published: a.published.clone(),
        fetched_at: a.fetched_at,
        warnings: Vec::new(),
        comments: Vec::new(),
        removed: Default::default(),
        // who may see the part is who may see the article
        marking: a.marking.clone(),
    })
}

/// The date a page rejected for want of article text states (its markup,
/// URL or visible text), so that `beacon extract` still gives it; a fetch
/// time alone is no evidence and gives none.
fn rejected_page_date(doc: &Document, r: &Rejection) -> Option<beacon_model::Published> {
    if r.reason() != beacon_model::Reason::NoContent || doc.payload != beacon_model::Payload::Html {
        return None;
    }
    beacon_dates::publication_date(Some(&doc.text), doc.url.as_deref(), &[], doc.fetched_at)
        .filter(|p| p.basis != beacon_model::DateBasis::Fetch)
}

#[cfg(test)]
mod tests;
