//! Stories: articles about the same happening, grouped as they arrive, and
//! near-duplicates (syndicated copies, light rewrites) found on the way.
//!
//! Each article is reduced to a [`StoryDoc`]: its content words, the names
//! it mentions and its date. [`StoryIndex::add`] then, in bounded time:
//! 1. **Near-duplicates** ([`minhash`]): the article's word 5-shingles give a
//!    MinHash signature; banded LSH finds earlier articles whose estimated
//!    Jaccard similarity passes [`Config::duplicate_jaccard`]. A
//!    near-duplicate joins its original's story at once.
//! 2. **Stories**: stories sharing one of the article's most telling words
//!    or names (an inverted index) are scored: the cosine of TF-IDF vectors
//!    (the article's against the story's centroid, IDF from the documents
//!    seen so far) plus the overlap of names (and of the years the text
//!    mentions), which keeps apart two
//!    happenings of the same kind ("Tara Reid checks into rehab" and
//!    "Lindsay Lohan checks into rehab"); a date far from the story's dates
//!    costs. The best story above [`Config::join`] takes the article, else
//!    it starts a story.
//!
//! Memory is bounded per story: a centroid keeps its
//! [`Config::centroid_terms`] heaviest terms and names.

pub mod merge;
pub mod minhash;

use std::collections::{HashMap as StdMap, HashSet as StdSet};
use std::hash::{BuildHasherDefault, Hasher};

/// Hashing for the interned ids (`u32`) the indexes are keyed by: one
/// multiplication, not SipHash (the keys are ours, not an attacker's).
#[derive(Default, Clone, Copy)]
pub struct IdHasher(u64);

impl Hasher for IdHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0.rotate_left(5) ^ u64::from(b)).wrapping_mul(0x517C_C1B7_2722_0A95);
        }
    }
    fn write_u32(&mut self, n: u32) {
        self.0 = (self.0 ^ u64::from(n)).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    }
}

type HashMap<K, V> = StdMap<K, V, BuildHasherDefault<IdHasher>>;
type HashSet<K> = StdSet<K, BuildHasherDefault<IdHasher>>;

/// What clustering needs of an article.
#[derive(Debug, Clone, Default)]
pub struct StoryDoc {
    /// The article's id.
    pub id: String,
    /// Its text.
    pub text: String,
    /// The names it mentions (people, organisations, groups, places), as
    /// resolved entry ids or names.
    pub names: Vec<String>,
    /// Its date, in days since 1970-01-01, when known.
    pub day: Option<i64>,
}

/// Tuning of [`StoryIndex`].
#[derive(Debug, Clone)]
pub struct Config {
    /// Least score for an article to join a story.
    pub join: f32,
    /// Weight of the names' overlap in the score.
    pub name_weight: f32,
    /// Days apart beyond which a date counts against joining.
    pub day_window: i64,
    /// Estimated Jaccard similarity of shingles above which two articles are
    /// near-duplicates.
    pub duplicate_jaccard: f32,
    /// Terms and names a story's centroid keeps.
    pub centroid_terms: usize,
    /// Words and names of an article used to look up candidate stories.
    pub probe_terms: usize,
    /// A story no article joined for this many days (after the newest date
    /// seen) is closed: later reports start a new story. `None` for a batch
    /// with no time order (a gold set).
    pub horizon_days: Option<i64>,
    /// A story no article joined among this many arrivals is closed, and
    /// near-duplicates are looked for among this many latest articles:
    /// memory stays bounded on an endless stream.
    pub horizon_articles: u32,
    /// Closed stories are swept out of the indexes every this many articles.
    pub sweep_every: u32,
    /// Stories a word's posting list keeps (the latest): a word common to
    /// very many stories says little and would make every lookup slow.
    pub posting_cap: usize,
    /// Candidate stories scored per article: those sharing the most of its
    /// telling words and names.
    pub candidates: usize,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            join: 0.30,
            name_weight: 0.5,
            day_window: 30,
            duplicate_jaccard: 0.6,
            centroid_terms: 300,
            probe_terms: 12,
            horizon_days: Some(60),
            horizon_articles: 200_000,
            sweep_every: 10_000,
            posting_cap: 1_000,
            candidates: 64,
        }
    }
}

impl Config {
    /// For a batch with no time order (a gold set such as ECB+, whose
    /// happenings span years and whose articles arrive shuffled): no story
    /// closes for its age.
    pub fn batch() -> Config {
        Config {
            horizon_days: None,
            ..Config::default()
        }
    }
}

/// A story: the articles grouped so far.
#[derive(Debug, Clone, Default)]
pub struct Story {
    /// Its number, in order of creation.
    pub id: u32,
    /// The articles, in arrival order.
    pub articles: Vec<String>,
    /// Summed TF-IDF weights of its articles' words (the heaviest kept).
    centroid: HashMap<u32, f32>,
    /// How many of its articles mention each name.
    names: HashMap<u32, u32>,
    /// The earliest and latest dates of its articles.
    days: Option<(i64, i64)>,
    /// The number of the last article that joined it.
    last_touch: u32,
    /// The length of `centroid` as a vector.
    norm: f32,
    /// Closed: it takes no more articles, and its centroid is dropped.
    pub closed: bool,
}

/// Why an article joined the story it did.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Joined {
    /// A near-duplicate of an earlier article (estimated Jaccard).
    Duplicate(f32),
    /// Similar enough (the score).
    Similar(f32),
    /// It started a new story.
    New,
    /// It was put back in the story a store says it is in.
    Restored,
}

/// Where [`StoryBook::add`] filed an article.
#[derive(Debug, Clone, PartialEq)]
pub struct Filed {
    /// The story's place in [`StoryBook::stories`].
    pub story: usize,
    /// Why it joined that story.
    pub joined: Joined,
    /// The places in the story's events of those the article changed or
    /// added (the story's other events are as they were).
    pub events: Vec<usize>,
}

/// Where [`StoryIndex::add_placed`] puts an article.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Placement {
    /// Where clustering says.
    Cluster,
    /// In this story (restoring what a store holds).
    In(u32),
    /// In a new story (restoring what a store holds).
    New,
}

/// Stories built incrementally.
#[derive(Debug, Default)]
pub struct StoryIndex {
    config: Config,
    /// Interned words and names.
    vocab: StdMap<String, u32>,
    /// Documents seen that hold each term (for IDF).
    df: Vec<u32>,
    docs: u32,
    stories: Vec<Story>,
    /// Term → stories whose centroid holds it.
    postings: HashMap<u32, Vec<u32>>,
    duplicates: minhash::DuplicateIndex,
    /// Article number → its story.
    story_of: Vec<u32>,
    /// The latest date seen.
    newest_day: Option<i64>,
    /// Stories not yet closed.
    open: Vec<u32>,
}

impl StoryIndex {
    /// An empty index.
    pub fn new(config: Config) -> Self {
        StoryIndex {
            config,
            ..Default::default()
        }
    }

    /// The stories so far.
    pub fn stories(&self) -> &[Story] {
        &self.stories
    }

    fn intern(&mut self, s: &str) -> u32 {
        if let Some(&i) = self.vocab.get(s) {
            return i;
        }
        let i = self.vocab.len() as u32;
        self.vocab.insert(s.to_owned(), i);
        self.df.push(0);
        i
    }

    /// Adds an article; returns its story and why.
    pub fn add(&mut self, doc: &StoryDoc) -> (u32, Joined) {
        self.add_placed(doc, Placement::Cluster)
    }

    /// Adds an article where `placement` says; the indexes learn from it as
    /// from any article.
    pub fn add_placed(&mut self, doc: &StoryDoc, placement: Placement) -> (u32, Joined) {
        let number = self.story_of.len() as u32;
        if let Some(d) = doc.day {
            self.newest_day = Some(self.newest_day.map_or(d, |n| n.max(d)));
        }
        if number > 0 && number.is_multiple_of(self.config.sweep_every.max(1)) {
            self.sweep(number);
        }
        let signature = minhash::signature(&doc.text);
        let duplicate = self
            .duplicates
            .best_match(&signature)
            .filter(|&(_, j)| j >= self.config.duplicate_jaccard);
        self.duplicates.insert(number, signature);

        // Term frequencies, interned; document frequencies updated.
        let mut tf: HashMap<u32, f32> = HashMap::default();
        for w in content_words(&doc.text) {
            let t = self.intern(&w);
            *tf.entry(t).or_default() += 1.0;
        }
        // The names, and the years the text mentions: two happenings of one
        // kind are often years apart ("in 2008", "in 2013").
        let years = years_in(&doc.text);
        let names: HashSet<u32> = doc
            .names
            .iter()
            .map(|n| format!("\u{1}{n}"))
            .chain(years.iter().map(|y| format!("\u{2}{y}")))
            .map(|n| self.intern(&n))
            .collect();
        self.docs += 1;
        for &t in tf.keys().chain(names.iter()) {
            self.df[t as usize] += 1;
        }
        let vector = self.tfidf(&tf);

        let (story, why) = match (placement, duplicate) {
            (Placement::In(s), _) if (s as usize) < self.stories.len() => (s, Joined::Restored),
            (Placement::New | Placement::In(_), _) => (self.new_story(), Joined::Restored),
            (Placement::Cluster, Some((orig, j)))
                if !self.stories[self.story_of[orig as usize] as usize].closed =>
            {
                (self.story_of[orig as usize], Joined::Duplicate(j))
            }
            (Placement::Cluster, _) => self.similar_or_new(&vector, &names, doc.day),
        };
        self.join(story, doc, &vector, &names);
        self.stories[story as usize].last_touch = number;
        self.story_of.push(story);
        (story, why)
    }

    /// The most similar open story, if similar enough, else a new one.
    fn similar_or_new(
        &mut self,
        vector: &[(u32, f32)],
        names: &HashSet<u32>,
        day: Option<i64>,
    ) -> (u32, Joined) {
        match self.best_story(vector, names, day) {
            Some((s, score)) if score >= self.config.join => (s, Joined::Similar(score)),
            _ => (self.new_story(), Joined::New),
        }
    }

    fn new_story(&mut self) -> u32 {
        let id = self.stories.len() as u32;
        self.stories.push(Story {
            id,
            ..Default::default()
        });
        self.open.push(id);
        id
    }

    /// Closes the stories past the horizons and forgets them in the
    /// indexes; forgets near-duplicate signatures past the article horizon.
    fn sweep(&mut self, number: u32) {
        let horizon = self.config.horizon_articles;
        let (newest, days) = (self.newest_day, self.config.horizon_days);
        let mut closing: Vec<u32> = Vec::new();
        self.open.retain(|&s| {
            let st = &self.stories[s as usize];
            let stale = st.last_touch.saturating_add(horizon) < number;
            let old = match (newest, days, st.days) {
                (Some(n), Some(w), Some((_, hi))) => hi + w < n,
                _ => false,
            };
            if stale || old {
                closing.push(s);
                false
            } else {
                true
            }
        });
        let mut terms: HashSet<u32> = HashSet::default();
        for &s in &closing {
            let st = &mut self.stories[s as usize];
            st.closed = true;
            terms.extend(st.centroid.keys().chain(st.names.keys()));
            st.centroid = HashMap::default();
            st.names = HashMap::default();
        }
        for t in terms {
            if let Some(list) = self.postings.get_mut(&t) {
                list.retain(|&s| !self.stories[s as usize].closed);
                if list.is_empty() {
                    self.postings.remove(&t);
                }
            }
        }
        self.duplicates
            .forget_before(number.saturating_sub(horizon));
    }

    fn idf(&self, t: u32) -> f32 {
        ((1.0 + self.docs as f32) / (1.0 + self.df[t as usize] as f32)).ln() + 1.0
    }

    /// The unit TF-IDF vector of term frequencies.
    fn tfidf(&self, tf: &HashMap<u32, f32>) -> Vec<(u32, f32)> {
        let mut v: Vec<(u32, f32)> = tf
            .iter()
            .map(|(&t, &f)| (t, (1.0 + f.ln()) * self.idf(t)))
            .collect();
        let norm = v.iter().map(|x| x.1 * x.1).sum::<f32>().sqrt().max(1e-9);
        v.iter_mut().for_each(|x| x.1 /= norm);
        v.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        v
    }

    /// The best-scoring story that shares a telling word or name.
    fn best_story(
        &self,
        vector: &[(u32, f32)],
        names: &HashSet<u32>,
        day: Option<i64>,
    ) -> Option<(u32, f32)> {
        // Stories by how many of the article's telling words and names
        // they hold; only the best few are scored.
        let mut hits: HashMap<u32, u32> = HashMap::default();
        // The rarest names probe (as the heaviest words do): a name in
        // every other story finds every other story.
        let mut rare: Vec<u32> = names.iter().copied().collect();
        rare.sort_by_key(|&t| (self.df[t as usize], t));
        rare.truncate(self.config.probe_terms / 2);
        let probes = vector
            .iter()
            .take(self.config.probe_terms)
            .map(|x| x.0)
            .chain(rare);
        for t in probes {
            if let Some(ss) = self.postings.get(&t) {
                for &s in ss {
                    *hits.entry(s).or_default() += 1;
                }
            }
        }
        let mut candidates: Vec<(u32, u32)> = hits.into_iter().collect();
        if candidates.len() > self.config.candidates {
            candidates.select_nth_unstable_by(self.config.candidates, |a, b| {
                b.1.cmp(&a.1).then(a.0.cmp(&b.0))
            });
            candidates.truncate(self.config.candidates);
        }
        candidates
            .into_iter()
            .map(|(s, _)| s)
            .filter(|&s| !self.stories[s as usize].closed)
            .map(|s| (s, self.score(&self.stories[s as usize], vector, names, day)))
            .max_by(|a, b| a.1.total_cmp(&b.1).then(b.0.cmp(&a.0)))
    }

    /// Cosine of the article against the story's centroid, plus the share of
    /// names they have in common (weighted by how many of the story's
    /// articles name them), less a cost for a date far away.
    fn score(
        &self,
        story: &Story,
        vector: &[(u32, f32)],
        names: &HashSet<u32>,
        day: Option<i64>,
    ) -> f32 {
        let norm = story.norm.max(1e-9);
        let cosine: f32 = vector
            .iter()
            .filter_map(|(t, w)| story.centroid.get(t).map(|c| w * c))
            .sum::<f32>()
            / norm;
        let n = story.articles.len().max(1) as f32;
        let name_score = if names.is_empty() || story.names.is_empty() {
            0.0
        } else {
            // Each of the article's names counts by how often the story has
            // it, and names the story has that the article lacks dilute.
            let shared: f32 = names
                .iter()
                .filter_map(|t| story.names.get(t))
                .map(|&c| c as f32 / n)
                .sum();
            let typical: f32 = story
                .names
                .values()
                .filter(|&&c| c as f32 / n >= 0.5)
                .count() as f32;
            shared / (names.len() as f32).max(typical).max(1.0)
        };
        let mut score = cosine + self.config.name_weight * name_score;
        if let (Some(d), Some((lo, hi))) = (day, story.days) {
            let gap = if d < lo {
                lo - d
            } else if d > hi {
                d - hi
            } else {
                0
            };
            if gap > self.config.day_window {
                score *= 0.5;
            }
        }
        score
    }

    fn join(&mut self, story: u32, doc: &StoryDoc, vector: &[(u32, f32)], names: &HashSet<u32>) {
        let s = &mut self.stories[story as usize];
        s.articles.push(doc.id.clone());
        // Terms new to the story are the ones to index: a story is in a
        // term's posting list from the time the term enters its centroid.
        let mut new_terms: Vec<u32> = Vec::new();
        for &(t, w) in vector {
            let slot = s.centroid.entry(t).or_insert_with(|| {
                new_terms.push(t);
                0.0
            });
            *slot += w;
        }
        for &t in names {
            let count = s.names.entry(t).or_insert_with(|| {
                new_terms.push(t);
                0
            });
            *count += 1;
        }
        if let Some(d) = doc.day {
            s.days = Some(match s.days {
                Some((lo, hi)) => (lo.min(d), hi.max(d)),
                None => (d, d),
            });
        }
        // Keep the heaviest terms only (a dropped term's posting stays until
        // the story closes: it only makes the story a candidate).
        if s.centroid.len() > self.config.centroid_terms {
            let mut all: Vec<(u32, f32)> = s.centroid.iter().map(|(&t, &w)| (t, w)).collect();
            all.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
            all.truncate(self.config.centroid_terms);
            s.centroid = all.into_iter().collect();
        }
        s.norm = s.centroid.values().map(|w| w * w).sum::<f32>().sqrt();
        let cap = self.config.posting_cap.max(1);
        for t in new_terms {
            let list = self.postings.entry(t).or_default();
            if list.last() != Some(&story) {
                list.push(story);
                if list.len() > cap {
                    // The oldest stories leave a crowded list.
                    list.drain(..list.len() - cap);
                }
            }
        }
    }
}

/// The distinct years (1900–2099) a text mentions.
fn years_in(text: &str) -> Vec<u16> {
    let mut out: Vec<u16> = text
        .split(|c: char| !c.is_ascii_digit())
        .filter(|w| w.len() == 4)
        .filter_map(|w| w.parse::<u16>().ok())
        .filter(|y| (1900..2100).contains(y))
        .collect();
    out.sort_unstable();
    out.dedup();
    out
}

/// Words that carry no topic.
const STOPWORDS: &[&str] = &[
    "the",
    "a",
    "an",
    "and",
    "or",
    "but",
    "of",
    "to",
    "in",
    "on",
    "at",
    "for",
    "with",
    "by",
    "from",
    "as",
    "is",
    "was",
    "were",
    "are",
    "be",
    "been",
    "being",
    "has",
    "have",
    "had",
    "it",
    "its",
    "this",
    "that",
    "these",
    "those",
    "he",
    "she",
    "they",
    "his",
    "her",
    "their",
    "them",
    "we",
    "our",
    "you",
    "your",
    "i",
    "not",
    "no",
    "said",
    "says",
    "say",
    "will",
    "would",
    "can",
    "could",
    "also",
    "after",
    "before",
    "about",
    "into",
    "than",
    "more",
    "most",
    "who",
    "which",
    "what",
    "when",
    "where",
    "there",
    "here",
    "all",
    "any",
    "some",
    "one",
    "two",
    "new",
    "up",
    "out",
    "over",
    "s",
    "t",
    "do",
    "did",
    "does",
    "if",
    "so",
    "just",
    "like",
    "may",
    "news",
    "report",
    "reported",
    "told",
    "according",
    "year",
    "years",
    "time",
    "people",
    "other",
];

/// The content words of a text, lower-cased: letters and digits, stopwords
/// and one-letter words left out.
pub fn content_words(text: &str) -> impl Iterator<Item = String> + '_ {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| w.chars().count() > 1)
        .map(str::to_lowercase)
        .filter(|w| !STOPWORDS.contains(&w.as_str()))
}

#[cfg(test)]
mod tests;

/// Stories as records: the index, and each story's articles, sources,
/// dates and merged events ([`merge`]).
#[derive(Debug, Default)]
pub struct StoryBook {
    index: StoryIndex,
    stories: Vec<beacon_model::Story>,
    /// Story id → its place in `stories`.
    places: StdMap<String, usize>,
}

impl StoryBook {
    /// An empty book.
    pub fn new(config: Config) -> Self {
        StoryBook {
            index: StoryIndex::new(config),
            stories: Vec::new(),
            places: StdMap::new(),
        }
    }

    /// Adds an analysed article; returns the story it joined, why, and the
    /// story events it changed.
    pub fn add(
        &mut self,
        article: &beacon_model::Article,
        mentions: &[beacon_model::Mention],
        events: &[beacon_model::Event],
    ) -> Filed {
        self.file(article, mentions, events, None)
    }

    /// Puts an analysed article back in the story a store says it is in
    /// (`story_id`), as it was filed: rebuilding from a store gives its
    /// stories whatever the clustering would now decide.
    pub fn restore(
        &mut self,
        article: &beacon_model::Article,
        mentions: &[beacon_model::Mention],
        events: &[beacon_model::Event],
        story_id: &str,
    ) -> usize {
        self.file(article, mentions, events, Some(story_id)).story
    }

    /// Puts an analysed article back in its stored story `story_id`. The
    /// first time the book meets the story it takes `stored`, the story's
    /// record as the store keeps it (its articles, sources and merged
    /// events), as it is: a rebuild may then skip the articles of a story
    /// older than the horizons and still write the story whole when a new
    /// article joins it. Whether the book knows the story: [`StoryBook::has`].
    pub fn restore_with(
        &mut self,
        article: &beacon_model::Article,
        mentions: &[beacon_model::Mention],
        story_id: &str,
        stored: Option<&beacon_model::Story>,
    ) -> usize {
        let placement = match self.places.get(story_id) {
            Some(&n) => Placement::In(n as u32),
            None => Placement::New,
        };
        let (n, _) = self
            .index
            .add_placed(&Self::doc(article, mentions), placement);
        let n = n as usize;
        if n == self.stories.len() {
            self.places.insert(story_id.to_owned(), n);
            self.stories
                .push(stored.cloned().unwrap_or_else(|| beacon_model::Story {
                    id: story_id.to_owned(),
                    title: article.title.clone(),
                    first_seen: None,
                    last_seen: None,
                    sources: Vec::new(),
                    article_ids: vec![article.id.0.clone()],
                    events: Vec::new(),
                    marking: article.marking.clone(),
                }));
        }
        n
    }

    /// Whether the book holds the story `id`.
    pub fn has(&self, id: &str) -> bool {
        self.places.contains_key(id)
    }

    /// How many arrivals a rebuild must put back for the book to continue
    /// as if it had never stopped: the stories older than this are closed.
    pub fn horizon_articles(&self) -> u32 {
        self.index.config.horizon_articles
    }

    fn doc(article: &beacon_model::Article, mentions: &[beacon_model::Mention]) -> StoryDoc {
        StoryDoc {
            id: article.id.0.clone(),
            text: article.text.clone(),
            names: mentions
                .iter()
                .map(|m| m.id.clone().unwrap_or_else(|| m.text.to_lowercase()))
                .collect(),
            day: article
                .published
                .as_ref()
                .and_then(|p| merge::day(&p.value)),
        }
    }

    fn file(
        &mut self,
        article: &beacon_model::Article,
        mentions: &[beacon_model::Mention],
        events: &[beacon_model::Event],
        story_id: Option<&str>,
    ) -> Filed {
        let published = article.published.as_ref().map(|p| p.value.clone());
        let doc = Self::doc(article, mentions);
        let placement = match story_id {
            None => Placement::Cluster,
            Some(id) => match self.places.get(id) {
                Some(&n) => Placement::In(n as u32),
                None => Placement::New,
            },
        };
        let (n, why) = self.index.add_placed(&doc, placement);
        let n = n as usize;
        if n == self.stories.len() {
            let id = story_id.map_or_else(|| format!("story-{}", article.id.0), str::to_owned);
            self.places.insert(id.clone(), n);
            self.stories.push(beacon_model::Story {
                id,
                title: article.title.clone(),
                first_seen: None,
                last_seen: None,
                sources: Vec::new(),
                article_ids: Vec::new(),
                events: Vec::new(),
                marking: Default::default(),
            });
        }
        let s = &mut self.stories[n];
        s.marking = if s.article_ids.is_empty() {
            article.marking.clone()
        } else {
            s.marking.combine(&article.marking)
        };
        s.article_ids.push(article.id.0.clone());
        let source = article.provenance();
        if !s.sources.contains(&source) {
            s.sources.push(source.clone());
        }
        if let Some(p) = &published {
            if s.first_seen.as_ref().is_none_or(|f| p < f) {
                s.first_seen = Some(p.clone());
            }
            if s.last_seen.as_ref().is_none_or(|l| p > l) {
                s.last_seen = Some(p.clone());
            }
        }
        // Merged events keep their ids; a new one is numbered in its story.
        let before = s.events.len();
        let changed = merge::add_events(
            &mut s.events,
            events,
            &source,
            published.as_deref(),
            &article.marking,
        );
        for (k, e) in s.events.iter_mut().enumerate().skip(before) {
            e.event.id = format!("{}-e{}", s.id, k + 1);
        }
        Filed {
            story: n,
            joined: why,
            events: changed,
        }
    }

    /// The stories, in order of creation.
    pub fn stories(&self) -> &[beacon_model::Story] {
        &self.stories
    }

    /// Drops the articles, sources and events of closed stories from memory
    /// (a store keeps them): a long ingest stays bounded. A closed story
    /// takes no more articles, so its record is never written again.
    /// Returns how many were dropped.
    pub fn forget_closed(&mut self) -> usize {
        let mut dropped = 0;
        for (n, s) in self.stories.iter_mut().enumerate() {
            let closed = self.index.stories().get(n).is_some_and(|x| x.closed);
            if closed && !s.article_ids.is_empty() {
                s.article_ids = Vec::new();
                s.sources = Vec::new();
                s.events = Vec::new();
                dropped += 1;
            }
        }
        dropped
    }
}
