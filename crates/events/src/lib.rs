//! The events stage: from an analysed article (its text, mentions and time
//! expressions), the events it reports — who did what to whom, where and
//! when, with how many dead and injured — each with the sentence that says
//! so and the rule behind every field.
//!
//! The method is a dictionary coder in the manner of PETRARCH, kept to one
//! clause at a time so that actor, act and place come from the same words:
//! 1. The text is cut into sentences and each sentence into clauses (at `;`
//!    and at a comma that opens a new clause: ", but", ", which", …).
//! 2. Triggers (`lexicon.rs`) are matched on lower-cased tokens, longest
//!    first. A verbal act ("threatened to", "agreed to") absorbs the trigger
//!    of its complement; "denied" passes its clause's event on as denied;
//!    "warned that" passes it on with the speaker as `source_of_claim`.
//! 3. Each remaining trigger is an event. Its modality comes from the words
//!    just before it in its clause (negation, "could", "may", "allegedly");
//!    a cooperative act under a word of intent ("will visit") is an AGREE.
//! 4. The actor is the subject before the verb (mentions, else the noun
//!    phrase: "police"), or the agent after "by" in the passive; the target
//!    the first mention after it that is not a place "in" or "near" which.
//! 5. The place is the most specific place of the clause, else of the
//!    sentence, else the article's focus country; the date is the clause's
//!    time expression, else the publication date; an event dated well
//!    before publication is `historical`.
//!
//! Every field records the rule and the words it read in `explain`.

pub mod acled;
pub mod casualties;
pub mod lexicon;
pub mod linear;
pub mod region;
pub mod relevance;
pub mod sense;
pub mod tree;

use std::collections::HashMap;
use std::ops::Range;
use std::sync::OnceLock;

use beacon_model::{
    Article, Event, EventActor, EventDate, EventDateBasis, EventLocation, EventType, Evidence,
    Explanation, Mention, MentionKind, MentionUse, Modality, PlacePrecision, Precision,
    TimeExpression, TimexType,
};
use beacon_text::tokens::Token;

use lexicon::{Frame, TRIGGERS, Trigger};

/// The events an analysed article reports, in text order, with no learned
/// decision (every trigger the lexicon finds is coded). The coder reads
/// English, and Russian and Dari/Persian by word lists ([`region`]): an
/// article in another language gives none.
pub fn events(article: &Article, mentions: &[Mention], times: &[TimeExpression]) -> Vec<Event> {
    events_in(
        article,
        &beacon_text::Text::new(&article.text),
        mentions,
        times,
        Decisions::default(),
    )
}

/// Below this relevance ([`relevance`]) an article is taken not to report
/// political violence, unrest, security or diplomacy: its violent and
/// coercive triggers ([`ALARMING`]: "the striker shot", "stocks rallied",
/// "the film's battle scenes") code no event. Its other events (a meeting,
/// an agreement: PLOVER codes them wherever they happen) and its hazards
/// (an earthquake, a crash) are still recorded. Chosen on the tune parts:
/// 0.6 codes fewer false events than 0.5 at no cost to the PLOVER, CASE and
/// GLOCON figures; 0.7 costs the most confident type and the sub-types.
pub const RELEVANCE_GATE: f32 = 0.6;

/// Below this relevance of its own sentence, a violent or coercive
/// candidate of a relevant article is not coded: "the club is in a
/// life-threatening financial situation" in a business story that also
/// reports a strike. On the tune parts it takes the false events on news
/// without conflict from 13.8 to 10.9 per 100 and the events of politics
/// and world news from 90.9 to 86.8; the gold sets of single sentences and
/// snippets (their sentences are their articles) are unchanged.
pub const SENTENCE_GATE: f32 = 0.2;

/// How much less confidence an event has for coming after another in its
/// sentence. On the PLOVER records' tune part the most confident event's
/// type goes from 0.795 to 0.841 right (0.2 does no better on tune); no other
/// figure moves.
const LATER_IN_SENTENCE: f32 = 0.1;

/// The types an alert on violence or unrest watches, where a false event
/// is a false alarm: the relevance gate judges the candidates of these types
/// only (judging the others cost the PLOVER records the cooperative and
/// verbal events of sentences about trade or aid, and their actors with
/// them); the sense model, those of [`sense::JUDGED`].
pub const ALARMING: [EventType; 8] = [
    EventType::Assault,
    EventType::Fight,
    EventType::Coerce,
    EventType::Protest,
    EventType::Mobilize,
    EventType::Threaten,
    EventType::Sanction,
    EventType::Crime,
];

/// Whether events of type `kind` raise alarms ([`ALARMING`]).
pub fn alarming(kind: EventType) -> bool {
    ALARMING.contains(&kind)
}

/// The learned decisions the coder takes, where it has them.
#[derive(Debug, Clone, Copy, Default)]
pub struct Decisions<'m> {
    /// The relevance model: the article's score is carried by each event,
    /// and no candidate of an [`ALARMING`] type is coded in an article below
    /// [`RELEVANCE_GATE`], nor in a sentence below [`SENTENCE_GATE`].
    pub relevance: Option<&'m relevance::Relevance>,
    /// Whether each candidate of a type whose words have other senses
    /// ([`sense::JUDGED`]) is the event it names here ([`sense`]).
    pub sense: Option<&'m sense::Sense>,
    /// What parses the sentences that hold a trigger ([`tree`]).
    pub parser: Option<&'m dyn tree::Parser>,
}

/// [`events`] over the article's text already split (`layer`: the text
/// layer of `article.text`), with the learned decisions given.
pub fn events_in(
    article: &Article,
    layer: &beacon_text::Text<'_>,
    mentions: &[Mention],
    times: &[TimeExpression],
    decisions: Decisions<'_>,
) -> Vec<Event> {
    let coded = code(article, layer, mentions, times, &decisions, &mut |c| {
        !alarming(c.kind)
            || names_diplomacy(c)
            || names_warfare(c)
            || (c.relevance.is_none_or(|r| r >= RELEVANCE_GATE)
                && c.sentence_relevance.is_none_or(|r| r >= SENTENCE_GATE)
                && (!sense::judges(c.kind)
                    || c.states_harm
                    || c.explicit
                    || decisions
                        .sense
                        .is_none_or(|s| s.probability(c) >= sense::SENSE_GATE)))
    });
    let mut out = coded.events;
    for e in &mut out {
        e.relevance = coded.relevance;
    }
    out
}

/// Whether a candidate's trigger holds one of `words`.
fn trigger_holds(c: &sense::Candidate<'_>, words: &[&str]) -> bool {
    let t = c.trigger.start.min(c.words.len())..c.trigger.end.min(c.words.len());
    c.words[t].iter().any(|w| words.contains(w))
}

/// Whether a candidate's trigger names diplomatic relations ("severed
/// diplomatic relations", "expelled the ambassador", "closed its
/// embassy"): words with no everyday sense, which the relevance gate, made
/// for violent words in sport and business, does not judge.
fn names_diplomacy(c: &sense::Candidate<'_>) -> bool {
    const DIPLOMACY: &[&str] = &[
        "diplomatic",
        "diplomats",
        "embassy",
        "embassies",
        "ambassador",
        "ambassadors",
    ];
    trigger_holds(c, DIPLOMACY)
}

/// Whether a candidate's trigger names an act of war with no everyday
/// sense ("an airstrike hit a market", "militants beheaded two hostages",
/// "a suicide bomber", "a roadside bomb"; not landmines, which business
/// news finds in law): a short report of one, whose few words the
/// relevance model may read as business or sport ("market"), is still
/// coded (the sense model judges it as any other).
fn names_warfare(c: &sense::Candidate<'_>) -> bool {
    const WARFARE: &[&str] = &[
        "airstrike",
        "airstrikes",
        "air-strike",
        "air-strikes",
        "behead",
        "beheads",
        "beheaded",
        "beheading",
        "beheadings",
        "suicide",
        "roadside",
        "ied",
        "ieds",
        "sarin",
    ];
    trigger_holds(c, WARFARE)
}

/// Every candidate event the lexicon finds (no learned decision taken),
/// each with its features for the sense model (`bits`: the model's table
/// size; `relevance`: the model whose score they read), for training it.
pub fn candidates_in(
    article: &Article,
    layer: &beacon_text::Text<'_>,
    mentions: &[Mention],
    times: &[TimeExpression],
    relevance: &relevance::Relevance,
    bits: u32,
) -> Vec<(Event, linear::Features)> {
    let mut feats = Vec::new();
    let decisions = Decisions {
        relevance: Some(relevance),
        ..Decisions::default()
    };
    let coded = code(article, layer, mentions, times, &decisions, &mut |c| {
        feats.push(sense::features(c, bits));
        true
    });
    // hazards are not candidates
    coded
        .events
        .into_iter()
        .zip(coded.candidates)
        .filter_map(|(e, n)| Some((e, feats.get(n?)?.clone())))
        .collect()
}

/// What the coder found in an article.
struct Coded {
    events: Vec<Event>,
    /// Which candidate (the order `keep` was asked about them) each event
    /// was; `None` for a hazard.
    candidates: Vec<Option<usize>>,
    /// The article's relevance, where there is a model.
    relevance: Option<f32>,
}

/// What the coder keeps beside each event while it codes.
#[derive(Debug, Clone)]
struct Meta {
    /// Its trigger is a definite noun ("the attack"): a mention of an event
    /// already reported.
    definite: bool,
    /// Its trigger's tokens.
    trigger: Range<usize>,
    /// Its trigger is a construction with no everyday sense ("fired …
    /// artillery", "pushed … out of"): the sense model does not judge it.
    explicit: bool,
    /// Which candidate it was.
    candidate: Option<usize>,
}

/// The coder: each sentence's candidates, kept where `keep` says so (a
/// hazard is always kept), then their tolls and ids.
fn code(
    article: &Article,
    layer: &beacon_text::Text<'_>,
    mentions: &[Mention],
    times: &[TimeExpression],
    decisions: &Decisions<'_>,
    keep: &mut dyn FnMut(&sense::Candidate<'_>) -> bool,
) -> Coded {
    // Russian and Persian have a coder of their own; other languages none
    let language = region::Language::of(article);
    if language.is_some() || !beacon_text::reads_english(article.language.as_deref(), &article.text)
    {
        return Coded {
            events: language.map_or_else(Vec::new, |l| {
                region::events(article, layer, mentions, times, l)
            }),
            candidates: Vec::new(),
            relevance: None,
        };
    }
    let text = article.text.as_str();
    let toks = layer.tokens();
    let lower: Vec<String> = toks.iter().map(|t| t.text(text).to_lowercase()).collect();
    let all: Vec<&str> = lower.iter().map(String::as_str).collect();
    let relevance = decisions.relevance.map(|m| m.score_words(&all));
    let doc = Doc {
        article,
        text,
        toks,
        lower: &lower,
        mentions,
        // a place inside an organisation's name is the organisation's: no
        // actor, target or place of an event
        mention_index: SpanIndex::new(
            mentions
                .iter()
                .enumerate()
                .filter(|(_, m)| m.usage != Some(MentionUse::Embedded))
                .map(|(i, m)| (m.start, m.end, i)),
        ),
        time_index: SpanIndex::new(times.iter().enumerate().map(|(i, t)| (t.start, t.end, i))),
        times,
        focus: focus_country(mentions),
        parser: decisions.parser,
        ordinary: lexicon::ordinary_crime(&all),
        computing: lexicon::about_computers(&all),
        showbiz: lexicon::about_entertainment(&all),
        business: lexicon::about_business(&all),
    };
    let mut out = Vec::new();
    let mut meta: Vec<Meta> = Vec::new();
    // how many candidates `keep` was asked about
    let mut asked = 0;
    // The last harmful event, while the sentences after it report no other
    // event: their tolls and re-mentions are its.
    let mut last: Option<usize> = None;
    for sentence in layer.sentences().iter().cloned() {
        let sentence = doc.after_dateline(sentence);
        let first = out.len();
        doc.code_sentence(sentence.clone(), &mut out, &mut meta);
        // a news sentence leads with its news: the events after its first
        // are less sure to be what it reports
        for e in out.iter_mut().skip(first + 1) {
            e.confidence = (e.confidence - LATER_IN_SENTENCE).max(0.05);
        }
        let words = &all[sentence.clone()];
        let (a, b) = (
            toks[sentence.start].byte_start,
            toks[sentence.end - 1].byte_end,
        );
        let (dead, hurt) = casualties::casualties(&text[a..b]);
        let states_harm = dead.is_some() || hurt.is_some();
        // the sentence's own relevance, scored once, for its violent or
        // coercive candidates
        let mut sentence_relevance = None;
        let mut i = first;
        while i < out.len() {
            let t = meta[i].trigger.clone();
            if alarming(out[i].kind) && sentence_relevance.is_none() {
                sentence_relevance = Some(decisions.relevance.map(|m| m.score_words(words)));
            }
            let c = sense::Candidate {
                words,
                trigger: t.start - sentence.start..t.end - sentence.start,
                kind: out[i].kind,
                relevance,
                sentence_relevance: sentence_relevance.flatten(),
                states_harm,
                explicit: meta[i].explicit,
            };
            let kept = out[i].kind == EventType::Hazard || {
                meta[i].candidate = Some(asked);
                asked += 1;
                keep(&c)
            };
            if kept {
                i += 1;
            } else {
                out.remove(i);
                meta.remove(i);
            }
        }
        last = tolls_and_retold(&mut out, &mut meta, first, last, dead, hurt);
    }
    merge_retellings(&mut out, &mut meta);
    for (n, e) in out.iter_mut().enumerate() {
        e.id = format!("{}-e{}", article.id.0, n + 1);
    }
    Coded {
        events: out,
        candidates: meta.into_iter().map(|m| m.candidate).collect(),
        relevance,
    }
}

/// After a sentence's events (from `first` on) are coded: drops those that
/// tell again the last harmful event `last` ("Five others were wounded in
/// the attack"), gives the sentence's tolls (`dead`, `hurt`) to its own
/// harmful event, else to `last` when the sentence tells no other event,
/// and returns the harmful event the next sentences may refer to.
fn tolls_and_retold(
    out: &mut Vec<Event>,
    meta: &mut Vec<Meta>,
    first: usize,
    last: Option<usize>,
    dead: Option<beacon_model::Count>,
    hurt: Option<beacon_model::Count>,
) -> Option<usize> {
    // "Five others were wounded in the attack": the attack already told.
    let mut again = false;
    if let Some(l) = last {
        let k = first;
        while let Some(i) = (k..out.len()).find(|&i| meta[i].definite && out[i].kind == out[l].kind)
        {
            out.remove(i);
            meta.remove(i);
            again = true;
        }
    }
    let harmful = (first..out.len()).find(|&i| can_harm(out[i].kind));
    let quiet = out.len() == first;
    let to = harmful.or(last.filter(|_| again || quiet));
    if let Some(i) = to {
        let own = Some(i) == harmful;
        let e = &mut out[i];
        for (field, count) in [("fatalities", dead), ("injured", hurt)] {
            let Some(c) = count else { continue };
            let slot = if field == "fatalities" {
                &mut e.fatalities
            } else {
                &mut e.injured
            };
            if slot.is_some() && !own {
                continue;
            }
            e.explain.push(Explanation {
                field: field.into(),
                rule: if own {
                    "casualties_in_sentence".into()
                } else {
                    "casualties_of_the_event_before".into()
                },
                text: Some(c.text.clone()),
            });
            *slot = Some(c);
        }
    }
    harmful.or(last.filter(|_| again || quiet))
}

/// How many earlier events of its type a later one is compared with: an
/// article's retellings are near one another, and a long text stays linear.
const RETELLING_REACH: usize = 32;

/// One article telling one happening again ("Rap boss arrested" in the
/// headline, "Knight has been arrested" in the lead, "his arrest" later)
/// gives one event: each later event that tells again of an earlier one
/// ([`beacon_model::happening::told_again`]) is folded into it, which takes
/// the fields it lacks (actor, target, place, date, tolls), the more
/// specific sub-type ([`acled::SUB_TYPE_PRIORITY`]) and the higher
/// confidence, and keeps the retelling's sentence as an explanation.
fn merge_retellings(out: &mut Vec<Event>, meta: &mut Vec<Meta>) {
    let mut kept: Vec<Event> = Vec::with_capacity(out.len());
    let mut kept_meta: Vec<Meta> = Vec::with_capacity(meta.len());
    let mut by_kind: HashMap<EventType, Vec<usize>> = HashMap::new();
    for (e, m) in out.drain(..).zip(meta.drain(..)) {
        let seen = by_kind.entry(e.kind).or_default();
        let earlier = seen
            .iter()
            .rev()
            .take(RETELLING_REACH)
            .copied()
            .find(|&k| beacon_model::happening::told_again(&kept[k], &e));
        match earlier {
            Some(k) => absorb(&mut kept[k], e),
            None => {
                seen.push(kept.len());
                kept.push(e);
                kept_meta.push(m);
            }
        }
    }
    *out = kept;
    *meta = kept_meta;
}

/// Folds a retelling into the event it tells again.
fn absorb(into: &mut Event, from: Event) {
    fn fill<T>(slot: &mut Option<T>, other: Option<T>) {
        if slot.is_none() {
            *slot = other;
        }
    }
    if into.actor.is_empty() {
        into.actor = from.actor;
    }
    if into.target.is_empty() {
        into.target = from.target;
    }
    fill(&mut into.source_of_claim, from.source_of_claim);
    fill(&mut into.location, from.location);
    fill(&mut into.date, from.date);
    fill(&mut into.fatalities, from.fatalities);
    fill(&mut into.injured, from.injured);
    fill(&mut into.mode, from.mode);
    fill(&mut into.context, from.context);
    let rank = |t: &Option<String>| {
        t.as_deref().map_or(usize::MAX, |t| {
            acled::SUB_TYPE_PRIORITY
                .iter()
                .position(|p| *p == t)
                .unwrap_or(usize::MAX - 1)
        })
    };
    if rank(&from.sub_type) < rank(&into.sub_type) {
        into.sub_type = from.sub_type;
        into.category = from.category;
    }
    fill(&mut into.category, from.category);
    into.confidence = into.confidence.max(from.confidence);
    into.explain.push(Explanation {
        field: "evidence".into(),
        rule: "told_again".into(),
        text: Some(from.evidence.text),
    });
}

/// Whether a trigger names what police do: an arrest, a seizure or a raid
/// ([`lexicon::ordinary_crime`] judges them). The crimes themselves are
/// coded (organised crime is a type of its own: the CASE 2021 task's
/// `ORG_CRIME`).
fn police_work(t: &Trigger) -> bool {
    t.kind == EventType::Coerce
        && (matches!(t.mode, Some("arrest" | "seize")) || t.pattern.starts_with("raid"))
}

/// Whether a trigger names what ordinary crime does and suffers: an
/// assault, a fight, a crime, or police work ([`police_work`]).
fn ordinary_violence(t: &Trigger) -> bool {
    matches!(
        t.kind,
        EventType::Assault | EventType::Fight | EventType::Crime
    ) || police_work(t)
}

/// The article and what the stages before found in it.
struct Doc<'a> {
    article: &'a Article,
    text: &'a str,
    toks: &'a [Token],
    lower: &'a [String],
    mentions: &'a [Mention],
    mention_index: SpanIndex,
    times: &'a [TimeExpression],
    time_index: SpanIndex,
    /// The country the article is most about: a mention of it.
    focus: Option<&'a Mention>,
    /// What parses a sentence that holds a trigger.
    parser: Option<&'a dyn tree::Parser>,
    /// The article names an ordinary offence and nothing political: its
    /// arrests, seizures and raids are police work ACLED leaves out.
    ordinary: bool,
    /// The article is about computers and networks: its attacks are on
    /// systems unless their sentence tells of bodies or weapons.
    computing: bool,
    /// The article is about film, music, television or celebrities: its
    /// violence and crime are ordinary crime unless their sentence names
    /// political violence or weapons of war.
    showbiz: bool,
    /// The article is about business and markets: its fights, attacks and
    /// crimes are contests, criticism and white-collar crime unless their
    /// sentence tells of bodies, weapons, forces or political violence.
    business: bool,
}

/// Spans (mentions, time expressions) sorted by start, so that finding the
/// ones that cover a token or lie in a range takes a binary search, not a
/// pass over the article's spans: time stays linear in the article.
struct SpanIndex {
    /// (start, end, index in the source slice), by start.
    spans: Vec<(usize, usize, usize)>,
    /// The greatest end among `spans[..=i]`.
    max_end: Vec<usize>,
}

impl SpanIndex {
    /// An index of `(start, end, index in the source slice)` spans.
    fn new(spans: impl Iterator<Item = (usize, usize, usize)>) -> SpanIndex {
        let mut spans: Vec<(usize, usize, usize)> = spans.collect();
        spans.sort_unstable();
        let mut max_end = Vec::with_capacity(spans.len());
        let mut m = 0;
        for s in &spans {
            m = m.max(s.1);
            max_end.push(m);
        }
        SpanIndex { spans, max_end }
    }

    /// A span that covers `a..b` (its index in the source slice).
    fn covering(&self, a: usize, b: usize) -> Option<usize> {
        let k = self.spans.partition_point(|s| s.0 <= a);
        if k == 0 || self.max_end[k - 1] < b {
            return None;
        }
        self.spans[..k].iter().rev().find(|s| s.1 >= b).map(|s| s.2)
    }

    /// The spans that lie within `a..b`, by start (indices in the source).
    fn within(&self, a: usize, b: usize) -> impl Iterator<Item = usize> + '_ {
        let k = self.spans.partition_point(|s| s.0 < a);
        self.spans[k..]
            .iter()
            .take_while(move |s| s.0 < b)
            .filter(move |s| s.1 <= b)
            .map(|s| s.2)
    }
}

/// A trigger found at tokens `start..end`.
#[derive(Debug, Clone, Copy)]
struct Hit {
    trigger: &'static Trigger,
    start: usize,
    end: usize,
}

/// A trigger (its place in [`TRIGGERS`]) and its pattern's words, each
/// with its forms.
type Expanded = (usize, Vec<Vec<String>>);

/// The triggers, indexed by each form of their first word (a hyphenated
/// one, "sit-in", by its first part too: the tokeniser splits it).
fn index() -> &'static HashMap<String, Vec<Expanded>> {
    static INDEX: OnceLock<HashMap<String, Vec<Expanded>>> = OnceLock::new();
    INDEX.get_or_init(|| {
        let mut map: HashMap<String, Vec<Expanded>> = HashMap::new();
        for (i, t) in TRIGGERS.iter().enumerate() {
            let words = lexicon::expand(t.pattern);
            for first in &words[0] {
                let part = first.split('-').next().unwrap_or(first);
                for key in std::iter::once(first.as_str()).chain((part != first).then_some(part)) {
                    let list = map.entry(key.to_owned()).or_default();
                    if !list.iter().any(|(j, _)| *j == i) {
                        list.push((i, words.clone()));
                    }
                }
            }
        }
        map
    })
}

/// The triggers in tokens `range`, longest match first, not overlapping.
fn find_triggers(lower: &[String], range: Range<usize>) -> Vec<Hit> {
    let index = index();
    let mut hits = Vec::new();
    let mut i = range.start;
    while i < range.end {
        let mut best: Option<(usize, usize)> = None;
        if let Some(cands) = index.get(&lower[i]) {
            for (t, words) in cands {
                let Some(n) = match_at(words, lower, i, range.end) else {
                    continue;
                };
                if best.is_none_or(|(_, bn)| n > bn) {
                    best = Some((*t, n));
                }
            }
        }
        match best {
            Some((t, n)) => {
                hits.push(Hit {
                    trigger: &TRIGGERS[t],
                    start: i,
                    end: i + n,
                });
                i += n;
            }
            None => i += 1,
        }
    }
    hits
}

/// The number of tokens a pattern's words match from token `i` (before
/// `end`), if they match. A word `…` matches up to [`lexicon::GAP`] tokens
/// of any kind ("set up its 11th observation point").
fn match_at(words: &[Vec<String>], lower: &[String], i: usize, end: usize) -> Option<usize> {
    let Some((first, rest)) = words.split_first() else {
        return Some(0);
    };
    if first.len() == 1 && first[0] == "…" {
        return (0..=lexicon::GAP).find_map(|skip| {
            let at = i + skip;
            (at <= end)
                .then(|| match_at(rest, lower, at, end))
                .flatten()
                .map(|n| n + skip)
        });
    }
    if i >= end {
        return None;
    }
    first.iter().find_map(|a| {
        let n = word_tokens(a, lower, i, end)?;
        match_at(rest, lower, i + n, end).map(|m| m + n)
    })
}

/// How many tokens from `i` spell the pattern word `a`: one, or for a
/// hyphenated word ("sit-in", "cease-fire") its parts and hyphens, as the
/// tokeniser splits it.
fn word_tokens(a: &str, lower: &[String], i: usize, end: usize) -> Option<usize> {
    if lower[i] == a {
        return Some(1);
    }
    if !a.contains('-') {
        return None;
    }
    let mut k = i;
    for (j, part) in a.split('-').enumerate() {
        if j > 0 {
            (k < end && lower[k] == "-").then_some(())?;
            k += 1;
        }
        (k < end && lower[k] == part).then_some(())?;
        k += 1;
    }
    Some(k - i)
}

/// Words after a comma that open a new clause.
const CLAUSE_OPENERS: &[&str] = &[
    "but", "while", "whereas", "although", "though", "which", "who", "whom", "where", "when",
    "after", "before", "as", "because", "since", "despite", "adding", "saying",
];

/// Locative prepositions: a place after one is where, not whom.
const LOCATIVE: &[&str] = &[
    "in",
    "at",
    "near",
    "from",
    "across",
    "outside",
    "inside",
    "around",
    "along",
    "into",
    "within",
    "throughout",
    "off",
    "towards",
    "toward",
];

/// What is fired "at" a place, or fires at it: the place is then the
/// target ("fired two artillery shells at Seoul", "shot at the village"),
/// not where it happened.
const FIRED: &[&str] = &[
    "fired",
    "fire",
    "fires",
    "firing",
    "shot",
    "shoot",
    "shoots",
    "shooting",
    "aimed",
    "launched",
    "lobbed",
    "shells",
    "rockets",
    "missiles",
    "mortars",
    "bombs",
    "drones",
    "grenades",
    "artillery",
    "munitions",
    "projectiles",
    "bullets",
    "shots",
    "rounds",
];

impl<'a> Doc<'a> {
    /// A wire story's dateline ("KABUL, Oct. 28 —", "DUSHANBE (Reuters) -")
    /// names where it was filed, not where its events happened: the
    /// sentence begins after it.
    fn after_dateline(&self, sentence: Range<usize>) -> Range<usize> {
        let limit = (sentence.start + 12).min(sentence.end);
        // a dash set apart by spaces: "KABUL, Oct. 5 - …", not the hyphen
        // of "a 40-page report"
        let spaced = |i: usize| {
            i > 0 && self.toks[i - 1].end < self.toks[i].start
                || self
                    .toks
                    .get(i + 1)
                    .is_some_and(|n| self.toks[i].end < n.start)
        };
        let Some(dash) = (sentence.start..limit).find(|&i| {
            matches!(self.lower[i].as_str(), "—" | "–" | "-" | "--")
                && (self.lower[i] != "-" || spaced(i))
        }) else {
            return sentence;
        };
        // before the dash: the place in capitals, a date, an agency in
        // brackets, commas and dots (a sentence may begin within it, after
        // "Oct.")
        let plain = (sentence.start..dash).all(|i| {
            let t = self.toks[i].text(self.text);
            let w = self.lower[i].as_str();
            t.chars().all(|c| !c.is_alphabetic() || c.is_uppercase())
                || beacon_model::english::is_calendar_word(w.trim_end_matches('.'))
                || w.chars()
                    .all(|c| c.is_ascii_digit() || c.is_ascii_punctuation())
                || matches!(
                    w,
                    "reuters" | "ap" | "afp" | "xinhua" | "tass" | "ria" | "dpa" | "efe"
                )
        });
        if dash > sentence.start && plain && dash + 1 < sentence.end {
            dash + 1..sentence.end
        } else {
            sentence
        }
    }

    /// Whether a sentence is written in title case (a headline: "Rebels
    /// Attack Convoy"), where capitals say nothing of names.
    fn title_case(&self, sentence: Range<usize>) -> bool {
        let (mut upper, mut lower) = (0, 0);
        for t in &self.toks[sentence] {
            match t.text(self.text).chars().next() {
                Some(c) if c.is_uppercase() => upper += 1,
                Some(c) if c.is_lowercase() => lower += 1,
                _ => {}
            }
        }
        upper > lower
    }

    /// Whether a trigger, capitalised within a sentence of lower-case
    /// words, is part of a name ("Shell is to pay", "Tarantino's Kill
    /// Bill", "the Battle of Britain"). A trigger that opens the sentence or
    /// follows a quotation mark, colon or dash is not judged.
    fn within_a_name(&self, h: &Hit, start: usize) -> bool {
        let capital = self.toks[h.start]
            .text(self.text)
            .starts_with(char::is_uppercase);
        let opens = h.start == start
            || self.lower[h.start - 1]
                .chars()
                .all(|c| !c.is_alphanumeric() && c != ',');
        capital && !opens
    }

    /// Whether a trigger lies inside a time expression ("March 04, 2009"):
    /// a month's name, no event.
    fn in_a_time(&self, h: &Hit) -> bool {
        let (a, b) = (self.toks[h.start].start, self.toks[h.end - 1].end);
        self.time_index.covering(a, b).is_some()
    }

    /// Whether a trigger has an everyday sense here, by the words next to
    /// it ([`lexicon::not_an_event`], [`lexicon::not_an_event_after`],
    /// [`lexicon::other_sense`]); `words` are the sentence's, from `start`.
    fn other_sense(&self, h: &Hit, words: &[&str], start: usize) -> bool {
        let (a, b) = (h.start - start, h.end - start);
        let before: Vec<&str> = words[..a].iter().rev().take(8).copied().collect();
        let after = &words[b..words.len().min(b + 6)];
        after
            .first()
            .is_some_and(|n| lexicon::not_an_event(words[b - 1], n))
            || before
                .first()
                .is_some_and(|p| lexicon::not_an_event_after(p, words[a]))
            || lexicon::other_sense(&words[a..b], &before, after)
    }

    /// The triggers of a sentence (`words`: its lower-cased tokens) that
    /// name an event here: not a mobilisation without forces, police work
    /// against ordinary crime, an attack on systems, celebrity crime, a
    /// business contest, a word inside a name or a time, or an everyday sense.
    fn sentence_hits(&self, sentence: Range<usize>, words: &[&str]) -> Vec<Hit> {
        let mut hits = find_triggers(self.lower, sentence.clone());
        let forces = lexicon::names_forces(words);
        let ordinary = self.ordinary || lexicon::ordinary_crime(words);
        let threatens = lexicon::warning_threatens(words);
        let title_case = self.title_case(sentence.clone());
        let on_systems = self.computing && !lexicon::tells_of_bodies_or_weapons(words);
        let celebrity_crime = self.showbiz && !lexicon::names_political_violence(words);
        let contest = self.business
            && !forces
            && !lexicon::tells_of_bodies_or_weapons(words)
            && !lexicon::names_political_violence(words);
        hits.retain(|h| {
            (h.trigger.kind != EventType::Mobilize || forces)
                && (h.trigger.pattern != "warn+" || threatens)
                && !(ordinary && police_work(h.trigger))
                && !(on_systems && lexicon::an_attack(&self.lower[h.start]))
                && !(celebrity_crime && ordinary_violence(h.trigger))
                && !(contest
                    && matches!(
                        h.trigger.kind,
                        EventType::Fight | EventType::Assault | EventType::Crime
                    ))
                && (title_case || !self.within_a_name(h, sentence.start))
                && !self.other_sense(h, words, sentence.start)
                && !self.in_a_time(h)
                && !self.a_comment_on(h, words, sentence.start)
        });
        hits
    }

    /// A trigger that is what a comment is about, no act: "skeptical about
    /// Iranian motives in providing cash", "optimistic about the talks",
    /// "hoped for more talks"
    /// (CAMEO's comments, statements); or a rejection of accusations, which
    /// denies responsibility ("rejected as baseless accusations that").
    fn a_comment_on(&self, h: &Hit, words: &[&str], start: usize) -> bool {
        let (a, b) = (h.start - start, h.end - start);
        let before = &words[a.saturating_sub(6)..a];
        let after = &words[b..words.len().min(b + 6)];
        // a hope for what others may do, not one's own intent ("hoped for
        // more talks", "hopes Japan will persuade … to lift"; "hopes to
        // meet" is an intent)
        let hoped_for = before.iter().enumerate().any(|(i, w)| {
            lexicon::HOPING.contains(w)
                && before
                    .get(i + 1)
                    .or(words.get(a))
                    .is_some_and(|n| *n != "to")
        });
        hoped_for
            || before.iter().any(|w| lexicon::COMMENTING.contains(w))
            || (h.trigger.kind == EventType::Reject
                && after.iter().any(|w| lexicon::ACCUSATIONS.contains(w)))
    }

    fn code_sentence(&self, sentence: Range<usize>, out: &mut Vec<Event>, meta: &mut Vec<Meta>) {
        if sentence.is_empty() {
            return;
        }
        let clauses = self.clauses(sentence.clone());
        let clause_of = |i: usize| -> Range<usize> {
            clauses
                .iter()
                .find(|c| c.contains(&i))
                .cloned()
                .unwrap_or(sentence.clone())
        };
        let words: Vec<&str> = sentence.clone().map(|i| self.lower[i].as_str()).collect();
        let hits = self.sentence_hits(sentence.clone(), &words);
        let forces = lexicon::names_armed_forces(&words);
        // the tree of a sentence that holds a trigger, where there is a parser
        let tree = self.parser.filter(|_| !hits.is_empty()).map(|p| {
            let forms: Vec<&str> = sentence
                .clone()
                .map(|i| self.toks[i].text(self.text))
                .collect();
            tree::Tree::new(p.parse(&forms), sentence.start)
        });
        let mut used = vec![false; hits.len()];
        // a sentence reports one hazard at most
        let mut hazard_told = false;
        for h in 0..hits.len() {
            if used[h] {
                continue;
            }
            used[h] = true;
            let hit = hits[h];
            let clause = clause_of(hit.start);
            // The next trigger of the same clause (for frames), within reach.
            let next = (h + 1..hits.len())
                .find(|&k| !used[k] && clause.contains(&hits[k].start))
                .filter(|&k| hits[k].start - hit.end <= 12);
            let mut plan = Plan {
                hit,
                clause: clause.clone(),
                modality: None,
                speaker: None,
                subject_from: None,
            };
            match hit.trigger.frame {
                Frame::Act => {}
                Frame::Verbal => {
                    if let Some(k) = next {
                        used[k] = true;
                    }
                }
                Frame::Deny => {
                    if let Some(k) = next {
                        used[k] = true;
                        plan.hit = hits[k];
                        plan.modality = Some((Modality::Denied, "frame:deny"));
                        plan.subject_from = Some(hit.start);
                    }
                }
                Frame::Report => {
                    // "warned that X may invade": X's act, said by the subject.
                    let reported =
                        (h + 1..hits.len()).find(|&k| !used[k] && hits[k].start - hit.end <= 30);
                    if let Some(k) = reported {
                        let claim = self.lower[hit.start] != "warned"
                            && self.lower[hit.start].starts_with("claim");
                        plan.speaker = Some(self.subject(hit.start, clause.start));
                        used[k] = true;
                        plan.hit = hits[k];
                        plan.clause = clause_of(hits[k].start);
                        plan.clause.start = plan.clause.start.max(hit.end);
                        if claim {
                            plan.modality = Some((Modality::Claimed, "frame:claim_responsibility"));
                            plan.subject_from = Some(hit.start);
                        }
                    }
                }
            }
            // Other acts of the same violent event in the clause ("a bombing
            // killed one soldier and wounded two") are that event.
            // "An earthquake killed eight people", "a tank at the plant
            // exploded", "residents were evacuated from the flood": harm
            // and flight from a hazard, no one's act: one hazard event.
            let hazard_like = matches!(
                plan.hit.trigger.kind,
                EventType::Assault
                    | EventType::Fight
                    | EventType::Retreat
                    | EventType::Mobilize
                    | EventType::Concede
                    | EventType::Investigate
            ) && plan.hit.trigger.frame == Frame::Act;
            let named = plan.hit.trigger.kind == EventType::Hazard;
            let hazard =
                (hazard_like && acled::hazard(&words)) || (named && !acled::violence_named(&words));
            // a hazard's word in a sentence of violence ("the blaze the
            // gunmen set"): the violence is the event
            if (named && !hazard) || (hazard && std::mem::replace(&mut hazard_told, true)) {
                continue;
            }
            let is_definite = |hit: &Hit| {
                let before = hit.start.checked_sub(1).map(|p| self.lower[p].as_str());
                matches!(
                    before,
                    Some("the" | "this" | "that" | "these" | "those" | "such")
                )
            };
            let mut told_before = is_definite(&plan.hit);
            if is_violent(plan.hit.trigger.kind) {
                for k in h + 1..hits.len() {
                    if !used[k]
                        && plan.clause.contains(&hits[k].start)
                        && is_violent(hits[k].trigger.kind)
                        && hits[k].trigger.frame == Frame::Act
                    {
                        used[k] = true;
                        told_before |= is_definite(&hits[k]);
                        // "Gunmen abducted …": the more specific act names
                        // the event (and its subject is the event's).
                        if specific(hits[k].trigger) && !specific(plan.hit.trigger) {
                            plan.hit = hits[k];
                        }
                    }
                }
            }
            meta.push(Meta {
                definite: told_before,
                trigger: plan.hit.start..plan.hit.end,
                // a construction, or a clash whose sentence names armed
                // forces ("border guards clashed with smugglers"): no
                // everyday sense
                explicit: plan.hit.trigger.has_gap()
                    || (plan.hit.trigger.kind == EventType::Fight && forces)
                    || self.state_on_state(&plan.hit, sentence.clone()),
                candidate: None,
            });
            let e = self.event(&plan, sentence.clone(), tree.as_ref());
            out.push(if hazard { into_hazard(e, &words) } else { e });
        }
    }

    /// The clauses of a sentence, as token ranges.
    fn clauses(&self, sentence: Range<usize>) -> Vec<Range<usize>> {
        let mut out = Vec::new();
        let mut start = sentence.start;
        for i in sentence.clone() {
            let w = self.lower[i].as_str();
            let cut = w == ";"
                || (w == ","
                    && self
                        .lower
                        .get(i + 1)
                        .is_some_and(|n| CLAUSE_OPENERS.contains(&n.as_str())));
            if cut && i > start {
                out.push(start..i);
                start = i + 1;
            }
        }
        if start < sentence.end {
            out.push(start..sentence.end);
        }
        out
    }

    /// The subject of a verb at token `verb`: the noun phrase that ends just
    /// before it (auxiliaries and adverbs skipped), as token range.
    fn subject(&self, verb: usize, floor: usize) -> Range<usize> {
        let mut end = verb;
        while end > floor {
            let w = self.lower[end - 1].as_str();
            if lexicon::AUXILIARIES.contains(&w)
                || (w.len() > 4 && w.ends_with("ly") && !self.in_mention(end - 1))
                || lexicon::INTENT.contains(&w)
                || self.in_time(end - 1)
            {
                end -= 1;
            } else {
                break;
            }
        }
        let mut start = end;
        while start > floor {
            let w = self.lower[start - 1].as_str();
            if w == ")" {
                // A parenthesis inside the phrase: "Islamic State (IS) fighters".
                let open = (floor.max(start.saturating_sub(8))..start - 1)
                    .rev()
                    .find(|&k| self.lower[k] == "(");
                if let Some(k) = open {
                    start = k;
                    continue;
                }
                break;
            }
            if w == "and" || w == "or" || w == "," {
                // A compound subject: "The United States and Jordan".
                let joins = start >= 2
                    && start - 1 > floor
                    && self.in_mention(start - 2)
                    && self.in_mention(start);
                if !joins {
                    break;
                }
            } else if lexicon::SUBJECT_STOPS.contains(&w) && !self.in_mention(start - 1) {
                break;
            }
            start -= 1;
        }
        // "Hungary has said it will support": the speaker's pronoun.
        if start == end
            && end > floor
            && lexicon::REPORTING.contains(&self.lower[end - 1].as_str())
            && end < verb
        {
            return self.subject(end - 1, floor);
        }
        // "fighters, some of whom had pledged": the relative pronoun stands
        // for the nearest mention before it.
        let relative = (start..end).chain(start.checked_sub(1)).find(|&k| {
            matches!(self.lower[k].as_str(), "who" | "whom" | "which")
                || (self.lower[k] == "that"
                    && k > 0
                    && (self.in_mention(k - 1) || self.lower[k - 1] == ")"))
        });
        if let Some(k) = relative {
            let antecedent = (floor.max(k.saturating_sub(8))..k)
                .rev()
                .find(|&i| self.in_mention(i))
                .map(|i| self.mention_range(i));
            if let Some(r) = antecedent {
                return r;
            }
        }
        // "…, but was still refusing": a subject left out, not one of
        // auxiliaries and adverbs
        let function_words = (start..end).all(|i| {
            let w = self.lower[i].as_str();
            lexicon::AUXILIARIES.contains(&w)
                || matches!(
                    w,
                    "still" | "also" | "then" | "now" | "already" | "again" | "even" | "just"
                )
        });
        if function_words {
            return end..end;
        }
        start..end
    }

    /// The tokens of the mention that covers token `tok`.
    fn mention_range(&self, tok: usize) -> Range<usize> {
        let t = &self.toks[tok];
        let Some(m) = self
            .mention_index
            .covering(t.start, t.end)
            .map(|i| &self.mentions[i])
        else {
            return tok..tok + 1;
        };
        let mut a = tok;
        while a > 0 && self.toks[a - 1].start >= m.start {
            a -= 1;
        }
        let mut b = tok + 1;
        while b < self.toks.len() && self.toks[b].end <= m.end {
            b += 1;
        }
        a..b
    }

    /// Whether a trigger is a passive verb: "were killed", "were
    /// reportedly killed", or a "be" before it and an agent after ("was
    /// attacked on Monday by"); its subject is then the target.
    fn passive(&self, hit: Hit, by_agent: bool, window: Range<usize>) -> bool {
        let be = |w: &str| matches!(w, "was" | "were" | "been" | "being" | "is" | "are" | "be");
        let be_before = self.participle(hit)
            && (1..=2).any(|k| {
                hit.start >= k
                    && be(&self.lower[hit.start - k])
                    && (k == 1 || self.lower[hit.start - 1].ends_with("ly"))
            });
        be_before || (by_agent && window.clone().any(|i| be(&self.lower[i])))
    }

    /// The subject of an event's verb (`verb`: the trigger, or the frame's
    /// verb): the tree's (the controller of "wants to attack"), else the
    /// noun phrase before it; a noun trigger's actor as [`Doc::subject_of`]
    /// finds it.
    fn subject_phrase(&self, plan: &Plan, tree: Option<&tree::Tree>, verb: usize) -> Range<usize> {
        let hit = plan.hit;
        let nominal = plan.subject_from.is_none() && self.nominal(hit);
        let tree_subject = tree.filter(|_| !nominal).and_then(|t| {
            let v = plan
                .subject_from
                .unwrap_or_else(|| t.head_of(hit.start..hit.end));
            t.subject(v).filter(|s| s.end <= v)
        });
        tree_subject.unwrap_or_else(|| self.subject_of(plan, nominal, verb))
    }

    /// How much less sure an event is for being the sentence's background
    /// rather than its news: a trigger inside a name ("the Asia-Pacific
    /// Economic Cooperation forum"), one not in the past tense after
    /// "after", "during" or "amid" ("a curfew after a demonstration",
    /// "agreed to a ceasefire after two days of fighting"), an act not
    /// (yet) done. The most confident event of a sentence is then its news:
    /// on the PLOVER records' tune part, its type is right for 0.795 of
    /// them (0.727 before).
    fn background(&self, plan: &Plan, modality: Modality) -> f32 {
        let hit = plan.hit;
        let mut less = 0.0;
        if self.in_mention(hit.start) {
            less += 0.3;
        }
        let after_background =
            (plan.clause.start.max(hit.start.saturating_sub(6))..hit.start).any(|i| {
                matches!(
                    self.lower[i].as_str(),
                    "after"
                        | "during"
                        | "amid"
                        | "following"
                        | "before"
                        | "since"
                        | "despite"
                        | "over"
                )
            });
        if after_background && !self.lower[hit.start].ends_with("ed") {
            less += 0.2;
        }
        if modality != Modality::Occurred {
            less += 0.1;
        }
        less
    }

    /// Whether the trigger at `hit` is a noun ("the attack", "a concentration
    /// of", "TTP attacks") rather than a verb with a subject.
    fn nominal(&self, hit: Hit) -> bool {
        let first = self.lower[hit.start].as_str();
        if first.ends_with("ed") || matches!(first, "met" | "held" | "fought" | "shot" | "took") {
            return false;
        }
        let prev = hit.start.checked_sub(1).map(|p| self.lower[p].as_str());
        let det = prev.is_some_and(|p| {
            matches!(
                p,
                "the"
                    | "a"
                    | "an"
                    | "of"
                    | "'s"
                    | "its"
                    | "their"
                    | "his"
                    | "her"
                    | "several"
                    | "deadly"
                    | "new"
                    | "recent"
                    | "latest"
                    | "further"
                    | "this"
                    | "that"
                    | "these"
                    | "those"
                    | "any"
                    | "no"
            )
        });
        det || (prev.is_some() && self.in_mention(hit.start - 1))
    }

    /// Whether token `tok` is part of a time expression.
    fn in_time(&self, tok: usize) -> bool {
        let t = &self.toks[tok];
        self.time_index.covering(t.start, t.end).is_some()
    }

    fn in_mention(&self, tok: usize) -> bool {
        let t = &self.toks[tok];
        self.mention_index.covering(t.start, t.end).is_some()
    }

    /// An attack or clash of one country on another country or a place
    /// ("Iraq had attacked Kuwait", "Russia struck Kharkiv"): a state's
    /// attack on a state has no everyday sense; one on a policy or a
    /// person's words does, and names neither.
    fn state_on_state(&self, h: &Hit, sentence: Range<usize>) -> bool {
        if !matches!(h.trigger.kind, EventType::Assault | EventType::Fight) {
            return false;
        }
        let before = sentence.start.max(h.start.saturating_sub(3))..h.start;
        let after = h.end..sentence.end.min(h.end + 3);
        let last_before = self.mentions_in(before).into_iter().next_back();
        let first_after = self.mentions_in(after).into_iter().next();
        last_before.is_some_and(|m| m.kind == MentionKind::Country)
            && first_after
                .is_some_and(|m| matches!(m.kind, MentionKind::Country | MentionKind::Place))
    }

    /// A noun trigger received rather than done ("Afghanistan received aid
    /// from Japan", "the rebels won support from Iran", "such a step enjoyed
    /// wide support"): the receiving verb's subject is the one acted on and
    /// the actor is who it came "from" (none when not said). `None` when
    /// no verb of receiving stands just before the trigger.
    fn receiver_roles(
        &self,
        hit: Hit,
        clause: Range<usize>,
        explain: &mut Vec<Explanation>,
    ) -> Option<(Vec<EventActor>, Vec<EventActor>)> {
        let first = self.lower[hit.start].as_str();
        if first.ends_with("ed") || first.ends_with("ing") {
            return None;
        }
        // the verb, with at most a determiner, a number or two adjectives
        // between it and the trigger
        let from = clause.start.max(hit.start.saturating_sub(4));
        let verb = (from..hit.start).rev().find(|&i| {
            lexicon::RECEIVING.contains(&self.lower[i].as_str()) && !self.in_mention(i)
        })?;
        let between = verb + 1..hit.start;
        if between
            .clone()
            .any(|i| self.in_mention(i) || self.lower[i] == ",")
        {
            return None;
        }
        let subject = self.subject(verb, clause.start);
        let target = self.actors_in(subject);
        let giver = (hit.end..clause.end.min(hit.end + 4)).find(|&i| self.lower[i] == "from");
        let actor = giver.map_or_else(Vec::new, |g| {
            self.actors_in(self.phrase_after(g + 1, clause.end))
        });
        explain.push(cue(
            "target",
            "subject_of_receiving_verb",
            &self.lower[verb],
        ));
        Some((actor, target))
    }

    /// The mentions within tokens `range`.
    fn mentions_in(&self, range: Range<usize>) -> Vec<&'a Mention> {
        if range.is_empty() {
            return Vec::new();
        }
        let (a, b) = (self.toks[range.start].start, self.toks[range.end - 1].end);
        self.mention_index
            .within(a, b)
            .map(|i| &self.mentions[i])
            .collect()
    }

    fn span_text(&self, range: Range<usize>) -> (&'a str, usize, usize) {
        let (a, b) = (&self.toks[range.start], &self.toks[range.end - 1]);
        (&self.text[a.byte_start..b.byte_end], a.start, b.end)
    }

    /// The actors named in tokens `range`: its actor mentions (people,
    /// organisations, armed groups, and places standing for their
    /// governments), else the noun phrase itself ("Egyptian police").
    fn actors_in(&self, range: Range<usize>) -> Vec<EventActor> {
        let ms = self.mentions_in(range.clone());
        // "Russia's Federal Security Service": the possessor is not the actor.
        let possessor = |m: &Mention| {
            self.token_at(m.end, true)
                .and_then(|t| self.lower.get(t))
                .is_some_and(|w| w == "'s" || w == "’s" || w == "'")
        };
        let heads = ms.iter().filter(|m| !possessor(m)).count();
        let mut found: Vec<EventActor> = Vec::new();
        for m in ms {
            let demonym = m.usage == Some(MentionUse::Demonym) && range.len() > 1;
            let same = found.iter().any(|a| a.id.is_some() && a.id == m.id);
            if demonym || same || (heads > 0 && possessor(m)) {
                continue;
            }
            found.push(actor_of(m));
        }
        if !found.is_empty() {
            return found;
        }
        let mut r = range;
        while !r.is_empty()
            && matches!(
                self.lower[r.start].as_str(),
                "the" | "a" | "an" | "some" | "its" | "their" | "his" | "her"
            )
        {
            r.start += 1;
        }
        if r.is_empty() || r.len() > 12 || LOCATIVE.contains(&self.lower[r.start].as_str()) {
            return Vec::new();
        }
        let (text, start, end) = self.span_text(r.clone());
        let pronoun = r.len() == 1
            && matches!(
                self.lower[r.start].as_str(),
                "it" | "they" | "he" | "she" | "we" | "i" | "you" | "this" | "that" | "there"
            );
        if pronoun || !text.chars().any(char::is_alphabetic) {
            return Vec::new();
        }
        vec![EventActor {
            text: text.to_owned(),
            id: None,
            name: None,
            kind: None,
            start,
            end,
        }]
    }

    fn event(&self, plan: &Plan, sentence: Range<usize>, tree: Option<&tree::Tree>) -> Event {
        let hit = plan.hit;
        let trigger = hit.trigger;
        let clause = plan.clause.clone();
        let mut explain = Vec::new();
        let (trigger_text, _, _) = self.span_text(hit.start..hit.end);
        explain.push(Explanation {
            field: "type".into(),
            rule: format!("trigger:{}", trigger.pattern),
            text: Some(trigger_text.to_owned()),
        });

        // Modality, and intent turning a cooperative act into an AGREE.
        let window = clause.start.max(hit.start.saturating_sub(6))..hit.start;
        let mut kind = trigger.kind;
        let modality = self.event_modality(plan, window.clone(), tree, &mut kind, &mut explain);

        // Actor and target.
        let verb = plan.subject_from.unwrap_or(hit.start);
        let after = hit.end..clause.end.max(hit.end);
        let by = after
            .clone()
            .find(|&i| self.lower[i] == "by")
            .filter(|&i| i <= hit.end + 1);
        let passive = self.passive(hit, by.is_some(), window.clone());
        let subject = self.subject_phrase(plan, tree, verb);
        let (mut actor, mut target);
        if let Some((a, t)) = self.receiver_roles(hit, clause.clone(), &mut explain) {
            (actor, target) = (a, t);
        } else if passive && by.is_none() {
            // no agent named: the one acted on is known, the actor is not
            actor = Vec::new();
            target = self.actors_in(subject.clone());
            explain.push(Explanation {
                field: "target".into(),
                rule: "subject_of_passive".into(),
                text: (!subject.is_empty()).then(|| self.span_text(subject.clone()).0.to_owned()),
            });
        } else if let (Some(b), true) = (by, passive || subject.is_empty()) {
            let agent = self.phrase_after(b + 1, clause.end);
            actor = self.actors_in(agent.clone());
            explain.push(Explanation {
                field: "actor".into(),
                rule: "agent_after_by".into(),
                text: (!agent.is_empty()).then(|| self.span_text(agent).0.to_owned()),
            });
            target = if passive {
                self.actors_in(subject.clone())
            } else {
                Vec::new()
            };
        } else {
            actor = self.actors_in(subject.clone());
            if !actor.is_empty() {
                explain.push(Explanation {
                    field: "actor".into(),
                    rule: "subject_before_trigger".into(),
                    text: Some(self.span_text(subject.clone()).0.to_owned()),
                });
            }
            target = Vec::new();
        }
        if target.is_empty() {
            // a construction's gap may hold the one acted on ("engaged UN
            // peacekeepers in a firefight", "pushed the rebels out of")
            let from = if trigger.has_gap() {
                hit.start + 1
            } else {
                hit.end
            };
            let reach = from..clause.end.max(from);
            self.first_target(reach, &actor, &mut target, &mut explain);
        }
        if actor.is_empty() {
            // A noun trigger with its actor before it, as a modifier ("TTP
            // attacks") or after "by".
            if let Some(b) = by {
                actor = self.actors_in(self.phrase_after(b + 1, clause.end));
            }
        }
        let speaker = plan
            .speaker
            .clone()
            .and_then(|s| self.actors_in(s).into_iter().last())
            .or_else(|| self.said_that(sentence.start..hit.start))
            .or_else(|| self.reported_by(sentence.clone(), hit.end));
        if let Some(s) = &speaker {
            explain.push(Explanation {
                field: "source_of_claim".into(),
                rule: "reporting_verb".into(),
                text: Some(s.text.clone()),
            });
        }

        // Place.
        // The actor's names are not where it happened; a place attacked is.
        let location = self.location(plan, sentence.clone(), (&actor, &target), &mut explain);

        // Date and history.
        let (date, historical) = self.date(clause.clone(), hit.start, &mut explain);

        let words: Vec<&str> = sentence.clone().map(|i| self.lower[i].as_str()).collect();
        let actor_text = actor_words(&actor);
        let actor_words: Vec<&str> = actor_text.iter().map(String::as_str).collect();
        let (category, sub_type) = acled::classify(kind, trigger, &words, &actor_words);
        let (ev_text, ev_start, ev_end) = self.span_text(sentence.clone());
        let mut confidence: f32 = 0.5;
        if actor.iter().any(|a| a.kind.is_some()) {
            confidence += 0.2;
        }
        if location.as_ref().is_some_and(|l| l.basis == "clause") {
            confidence += 0.1;
        }
        if trigger.mode.is_some() || trigger.sub_type.is_some() {
            confidence += 0.1;
        }
        confidence -= self.background(plan, modality);
        Event {
            id: String::new(),
            kind,
            mode: trigger.mode.map(str::to_owned),
            context: None,
            category,
            sub_type: sub_type.map(str::to_owned),
            modality,
            historical,
            actor,
            target,
            source_of_claim: speaker,
            location,
            date,
            fatalities: None,
            injured: None,
            evidence: Evidence {
                text: ev_text.to_owned(),
                start: ev_start,
                end: ev_end,
            },
            confidence: confidence.min(0.95),
            relevance: None,
            article_id: self.article.id.0.clone(),
            explain,
        }
    }

    /// An event's modality from its plan or the cue words `before` its
    /// trigger; intent turns a cooperative act into an AGREE (`kind`).
    /// The event's modality: the words just before its trigger
    /// ([`Doc::modality`], `window`), a passive verb after it that puts it
    /// off or calls it off, and what the words before cannot see, the verb
    /// or noun that governs the trigger in the tree ("wants to attack", "a
    /// pause in the bombing").
    fn event_modality(
        &self,
        plan: &Plan,
        window: Range<usize>,
        tree: Option<&tree::Tree>,
        kind: &mut EventType,
        explain: &mut Vec<Explanation>,
    ) -> Modality {
        let hit = plan.hit;
        let before: Vec<&str> = window.map(|i| self.lower[i].as_str()).collect();
        let mut modality = self.modality(plan, &before, kind, explain);
        if modality == Modality::Occurred
            && let Some((m, rule, word)) = self.put_off_after(hit.end, plan.clause.end)
        {
            explain.push(cue("modality", rule, word));
            modality = m;
        }
        if let (Modality::Occurred, None, Some(t)) = (modality, plan.modality, tree)
            && let Some((m, rule, word)) = t.governed(t.head_of(hit.start..hit.end))
        {
            explain.push(cue("modality", rule, &word));
            modality = m;
        }
        if let (Modality::Occurred, None, None) = (modality, plan.modality, tree)
            && let Some(word) = self.stopped(hit)
        {
            // what the tree reads as a governing noun, from the words
            explain.push(cue("modality", "stopped", word));
            modality = Modality::Denied;
        }
        modality
    }

    /// A noun of stopping just before a trigger: "a pause in the bombing",
    /// "a halt to the shelling", "the cessation of hostilities": the act
    /// is not going on.
    fn stopped(&self, hit: Hit) -> Option<&str> {
        let at = |k: usize| hit.start.checked_sub(k).map(|i| self.lower[i].as_str());
        let (noun, link) = match (at(3), at(2), at(1)) {
            (Some(n), Some(l), Some("the")) => (n, l),
            (_, Some(n), Some(l)) => (n, l),
            _ => return None,
        };
        (lexicon::STOPPING.contains(&noun) && matches!(link, "in" | "to" | "of")).then_some(noun)
    }

    fn modality(
        &self,
        plan: &Plan,
        before: &[&str],
        kind: &mut EventType,
        explain: &mut Vec<Explanation>,
    ) -> Modality {
        let trigger = plan.hit.trigger;
        let find = |list: &[&str]| before.iter().rev().find(|w| list.contains(w)).copied();
        if let Some((m, rule)) = plan.modality {
            explain.push(Explanation {
                field: "modality".into(),
                rule: rule.into(),
                text: None,
            });
            m
        } else if let Some(w) = self.refusal(before).filter(|_| is_cooperative(*kind)) {
            // "will not lift the embargo", "refused to release": a
            // rejection, CAMEO's "reject" (verbal conflict)
            explain.push(cue("type", "refusal_to_cooperate", w));
            *kind = EventType::Reject;
            Modality::Occurred
        } else if let Some(w) = find(lexicon::NEGATIONS) {
            explain.push(cue("modality", "negation", w));
            Modality::Denied
        } else if let Some(w) = find(lexicon::REQUESTING)
            .filter(|_| is_cooperative(*kind) && trigger.frame == Frame::Act)
        {
            // "requested an urgent meeting", "asked NATO to help patrol":
            // an appeal for the act (PLOVER's REQUEST, CAMEO 02)
            explain.push(cue("type", "request_to_cooperate", w));
            *kind = EventType::Demand;
            Modality::Occurred
        } else if let Some(w) = self
            .appeal(plan)
            .filter(|_| trigger.frame == Frame::Act && *kind != EventType::Demand)
        {
            // "urged Uganda to repatriate …", "asked NATO to … increase
            // naval patrols": the act is what was asked for, not one done
            // (CAMEO's appeal, PLOVER's REQUEST)
            explain.push(cue("type", "appealed_for", w));
            *kind = EventType::Demand;
            Modality::Occurred
        } else if let Some(w) =
            find(lexicon::INTENT).filter(|_| is_cooperative(*kind) && trigger.frame == Frame::Act)
        {
            explain.push(cue("type", "intent_to_cooperate", w));
            *kind = EventType::Agree;
            Modality::Occurred
        } else if let Some(w) = find(lexicon::HYPOTHETICAL) {
            explain.push(cue("modality", "hypothetical", w));
            Modality::Hypothetical
        } else if let Some(w) = find(lexicon::ANTICIPATED) {
            explain.push(cue("modality", "anticipated", w));
            Modality::Anticipated
        } else if let Some(w) = find(lexicon::CLAIMED) {
            explain.push(cue("modality", "claimed", w));
            Modality::Claimed
        } else {
            Modality::Occurred
        }
    }

    /// A verb of appeal earlier in the trigger's clause whose infinitive
    /// the trigger is part of: "urged Uganda to repatriate", "called on the
    /// government to release", "asked NATO to help patrol …, share … and
    /// increase …". Not when speech is reported in between ("asked to
    /// comment, he said police arrested …").
    fn appeal(&self, plan: &Plan) -> Option<&str> {
        let words = &self.lower[plan.clause.start..plan.hit.start];
        let at = words.iter().enumerate().rev().find_map(|(i, w)| {
            let w = w.as_str();
            let appeals = lexicon::REQUESTING.contains(&w)
                || lexicon::APPEALING.contains(&w)
                || (matches!(w, "called" | "calls" | "calling" | "call")
                    && words.get(i + 1).is_some_and(|n| n == "on" || n == "upon"));
            appeals.then_some(i)
        })?;
        let after = &words[at + 1..];
        // the appeal's own infinitive: not the "to" of a question it asks
        // ("asked why workers had to rally")
        let to = after.iter().position(|w| w == "to")?;
        let asks_a_question = after[..to].iter().any(|w| {
            matches!(
                w.as_str(),
                "why" | "what" | "how" | "whether" | "when" | "where" | "who" | "if" | "that"
            )
        });
        let reported = after[to..]
            .iter()
            .any(|w| lexicon::REPORTING.contains(&w.as_str()));
        // the trigger is in the infinitive's phrase ("to repatriate", "to
        // help patrol", "…, share … and increase naval patrols"), not a
        // word its object is described by ("to release all the arrested
        // men": an arrest that was made)
        let from_to = after.len() - to;
        let last = after.last().map(String::as_str);
        let joined = matches!(last, Some("and" | "or" | ","));
        let described = last.is_some_and(|w| {
            matches!(
                w,
                "the" | "all" | "those" | "these" | "its" | "their" | "his" | "her" | "a" | "an"
            )
        });
        (!asks_a_question && !reported && !described && (from_to <= 3 || joined))
            .then(|| words[at].as_str())
    }

    /// A refusal in the words before a trigger: "will not" or "would not"
    /// ("won't"), or a verb of refusal ("refused to", "declines to").
    fn refusal<'w>(&self, before: &[&'w str]) -> Option<&'w str> {
        before.windows(2).rev().find_map(|w| match (w[0], w[1]) {
            ("will" | "would" | "wo", "not" | "n't") => Some(w[0]),
            (v, "to") if lexicon::REFUSING.contains(&v) => Some(v),
            _ => None,
        })
    }

    /// A passive verb just after the trigger, in its clause, that puts it
    /// off or calls it off: "the meeting between the two presidents was
    /// postponed" (anticipated), "the summit has been cancelled" (denied).
    fn put_off_after(&self, from: usize, end: usize) -> Option<(Modality, &'static str, &str)> {
        let words = &self.lower[from..end.min(from + 8).min(self.lower.len())];
        let be = words
            .iter()
            .take(6)
            .position(|w| matches!(w.as_str(), "was" | "were" | "is" | "are" | "been" | "be"))?;
        // "was postponed", "has been postponed", "was again postponed"
        words[be + 1..].iter().take(2).find_map(|w| {
            let w = w.as_str();
            if lexicon::PUT_OFF.contains(&w) {
                Some((Modality::Anticipated, "put_off", w))
            } else if lexicon::CALLED_OFF.contains(&w) {
                Some((Modality::Denied, "called_off", w))
            } else {
                None
            }
        })
    }

    /// Whether the trigger is a past participle that can be passive ("were
    /// killed"), not one that says a stance ("were opposed").
    fn participle(&self, hit: Hit) -> bool {
        let w = self.lower[hit.start].as_str();
        // participles that say a stance, not an act done to the subject
        let stative = matches!(
            w,
            "opposed"
                | "committed"
                | "determined"
                | "prepared"
                | "concerned"
                | "interested"
                | "involved"
                | "engaged"
                | "pleased"
                | "satisfied"
                | "convinced"
                | "worried"
                | "alarmed"
                | "ready"
                | "willing"
        );
        !stative && w.ends_with("ed")
            || w.ends_with("en")
            || matches!(
                w,
                "shot" | "hit" | "struck" | "held" | "fought" | "caught" | "met"
            )
    }

    /// The tokens of the trigger's subject: a noun trigger's name before it
    /// or after "of", else the verb's subject.
    fn subject_of(&self, plan: &Plan, nominal: bool, verb: usize) -> Range<usize> {
        let (hit, clause) = (plan.hit, plan.clause.clone());
        if nominal {
            // A noun's actor is a name just before it ("TTP attacks",
            // "Israel's invasion") or after "of" ("a meeting of the CIS").
            let modifier = (clause.start.max(hit.start.saturating_sub(3))..hit.start)
                .rev()
                .find(|&i| self.in_mention(i))
                .map(|i| self.mention_range(i));
            let of = (self.lower.get(hit.end).is_some_and(|w| w == "of")
                || self.lower[hit.end - 1] == "of")
                .then(|| {
                    let from = if self.lower[hit.end - 1] == "of" {
                        hit.end
                    } else {
                        hit.end + 1
                    };
                    self.phrase_after(from, clause.end.max(from))
                })
                .filter(|r| !self.mentions_in(r.clone()).is_empty());
            modifier.or(of).unwrap_or(hit.start..hit.start)
        } else {
            self.subject(verb, plan.clause.start.min(verb))
        }
    }

    /// The first mention after the trigger in its clause (`after`) that is
    /// not a place "in" or "near" which it happened, nor the actor's: the
    /// target.
    fn first_target(
        &self,
        after: Range<usize>,
        actor: &[EventActor],
        target: &mut Vec<EventActor>,
        explain: &mut Vec<Explanation>,
    ) {
        let comma = after.clone().find(|&i| self.lower[i] == ",");
        let reach = after.start..comma.unwrap_or(after.end);
        for m in self.mentions_in(reach) {
            let tok = self.token_at(m.start, false);
            let prev = tok
                .and_then(|t| t.checked_sub(1))
                .map(|p| self.lower[p].as_str());
            let prev2 = tok
                .and_then(|t| t.checked_sub(2))
                .map(|p| self.lower[p].as_str());
            let at = if prev == Some("the") { 2 } else { 1 };
            let fired_at = tok.and_then(|t| t.checked_sub(at + 1)).is_some_and(|w| {
                self.lower[w + 1] == "at" && FIRED.contains(&self.lower[w].as_str())
            });
            let locative = (prev.is_some_and(|p| LOCATIVE.contains(&p))
                || (prev == Some("the") && prev2.is_some_and(|p| LOCATIVE.contains(&p))))
                && !fired_at;
            if locative && is_place(m) {
                continue;
            }
            if actor.iter().any(|a| a.start <= m.start && m.end <= a.end) {
                continue;
            }
            target.push(actor_of(m));
            explain.push(Explanation {
                field: "target".into(),
                rule: "first_mention_after_trigger".into(),
                text: Some(m.text.clone()),
            });
            break;
        }
    }

    /// Where the event happened: a place in its clause (not the actor's),
    /// the place it targets, a place in its sentence, or the article's focus.
    fn location(
        &self,
        plan: &Plan,
        sentence: Range<usize>,
        (actor, target): (&[EventActor], &[EventActor]),
        explain: &mut Vec<Explanation>,
    ) -> Option<EventLocation> {
        let clause = plan.clause.clone();
        let taken: Vec<usize> = actor.iter().map(|a| a.start).collect();
        self.place_in(clause.clone(), &taken)
            .map(|m| (m, "clause"))
            .or_else(|| {
                // "may invade Central Asia": the target is the place.
                let t = target.first()?;
                self.mention_index
                    .within(t.start, t.end)
                    .map(|i| &self.mentions[i])
                    .find(|m| m.start == t.start && is_place(m) && m.lat.is_some())
                    .map(|m| (m, "target"))
            })
            .or_else(|| {
                self.place_in(sentence.clone(), &taken)
                    .map(|m| (m, "sentence"))
            })
            .or_else(|| self.focus.map(|m| (m, "article_focus")))
            .map(|(m, basis)| {
                explain.push(Explanation {
                    field: "location".into(),
                    rule: basis.into(),
                    text: Some(m.text.clone()),
                });
                location_of(m, basis)
            })
    }

    /// The noun phrase from token `from`: up to a comma, a clause word or
    /// a preposition that starts a new phrase.
    fn phrase_after(&self, from: usize, end: usize) -> Range<usize> {
        let mut i = from;
        while i < end {
            let w = self.lower[i].as_str();
            let stop = (lexicon::SUBJECT_STOPS.contains(&w)
                || matches!(
                    w,
                    "in" | "on" | "at" | "near" | "for" | "to" | "with" | "against"
                ))
                && !self.in_mention(i);
            if stop {
                break;
            }
            i += 1;
        }
        from..i
    }

    /// Who the sentence says reports the event: ", police said", "according
    /// to officials" after the trigger.
    fn reported_by(&self, sentence: Range<usize>, after: usize) -> Option<EventActor> {
        for i in after..sentence.end {
            let w = self.lower[i].as_str();
            if w == "according" && self.lower.get(i + 1).is_some_and(|n| n == "to") {
                let r = self.phrase_after(i + 2, sentence.end);
                return self.actors_in(r).into_iter().next();
            }
            if lexicon::REPORTING.contains(&w) && w != "according" {
                let floor = (after..i)
                    .rev()
                    .find(|&k| self.lower[k] == ",")
                    .map(|k| k + 1)?;
                let r = self.subject(i, floor);
                return self.actors_in(r).into_iter().next();
            }
        }
        None
    }

    /// Whether the time expression at code point `cp` dates a report, not
    /// the event: "officials said on Tuesday that …".
    fn dates_the_report(&self, cp: usize) -> bool {
        let Some(i) = self.token_at(cp, false) else {
            return false;
        };
        let reporting = |k: usize| lexicon::REPORTING.contains(&self.lower[k].as_str());
        (i >= 1 && reporting(i - 1)) || (i >= 2 && self.lower[i - 1] == "on" && reporting(i - 2))
    }

    /// The speaker of "X said (that) …" before the trigger.
    fn said_that(&self, before: Range<usize>) -> Option<EventActor> {
        let verb = before.clone().rev().find(|&i| {
            let w = self.lower[i].as_str();
            w != "according" && lexicon::REPORTING.contains(&w)
        })?;
        let r = self.subject(verb, before.start);
        // "FSB director Alexander Bortnikov said": the last name is the head.
        self.actors_in(r).into_iter().last()
    }

    /// The token that starts at code point `cp` (`after`: the first token
    /// starting at or after it).
    fn token_at(&self, cp: usize, after: bool) -> Option<usize> {
        let i = self.toks.partition_point(|t| t.start < cp);
        (i < self.toks.len() && (after || self.toks[i].start == cp)).then_some(i)
    }

    /// The most specific place named in tokens `range`, leaving out the
    /// mentions at `taken` (the actor's and target's).
    fn place_in(&self, range: Range<usize>, taken: &[usize]) -> Option<&'a Mention> {
        self.mentions_in(range)
            .into_iter()
            .filter(|m| is_place(m) && m.usage.is_none() && !taken.contains(&m.start))
            .filter(|m| m.lat.is_some() || m.zone.is_some())
            .min_by_key(|m| specificity(m))
    }

    /// The event's date: a time expression in its clause (the nearest to
    /// the trigger), else the publication date; and whether it is history.
    fn date(
        &self,
        clause: Range<usize>,
        trigger: usize,
        explain: &mut Vec<Explanation>,
    ) -> (Option<EventDate>, bool) {
        let published = self.article.published.as_ref();
        let (a, b) = (self.toks[clause.start].start, self.toks[clause.end - 1].end);
        let at = self.toks[trigger].start;
        let timex = self
            .time_index
            .within(a, b)
            .map(|i| &self.times[i])
            .filter(|t| t.kind == TimexType::Date)
            .filter(|t| precision_of(&t.value).is_some())
            .filter(|t| !self.dates_the_report(t.start))
            .min_by_key(|t| t.start.abs_diff(at));
        if let Some(t) = timex {
            let precision = precision_of(&t.value).unwrap_or(Precision::Year);
            let historical = published.is_some_and(|p| well_before(&t.value, &p.value));
            explain.push(Explanation {
                field: "date".into(),
                rule: "time_expression_in_clause".into(),
                text: Some(t.text.clone()),
            });
            if historical {
                explain.push(Explanation {
                    field: "historical".into(),
                    rule: "dated_well_before_publication".into(),
                    text: Some(t.text.clone()),
                });
            }
            let date = EventDate {
                value: t.value.clone(),
                precision,
                basis: EventDateBasis::TimeExpression,
                text: Some(t.text.clone()),
            };
            return (Some(date), historical);
        }
        let date = published.map(|p| EventDate {
            value: p.value.clone(),
            precision: p.precision,
            basis: EventDateBasis::Published,
            text: None,
        });
        if date.is_some() {
            explain.push(Explanation {
                field: "date".into(),
                rule: "publication_date".into(),
                text: None,
            });
        }
        (date, false)
    }
}

/// What [`Doc::event`] codes: a trigger and what its frame passed on.
struct Plan {
    hit: Hit,
    clause: Range<usize>,
    modality: Option<(Modality, &'static str)>,
    /// The subject of a reporting verb ("the FSB warned that …").
    speaker: Option<Range<usize>>,
    /// Look for the subject before this token instead of the trigger (the
    /// frame verb's subject: "X denied carrying out …").
    subject_from: Option<usize>,
}

fn cue(field: &str, rule: &str, word: &str) -> Explanation {
    Explanation {
        field: field.into(),
        rule: format!("{rule}:{word}"),
        text: Some(word.to_owned()),
    }
}

/// Types whose events may kill or injure: their sentence's toll is theirs.
fn can_harm(t: EventType) -> bool {
    matches!(
        t,
        EventType::Assault
            | EventType::Fight
            | EventType::Coerce
            | EventType::Protest
            | EventType::Hazard
    )
}

/// The event coded from the harm a hazard did (in a sentence of `words`,
/// see [`acled::hazard`]) as that hazard: its kind as the mode, its
/// sub-type, no ACLED category and no actor or target (no one's act); its
/// modality, place, date and evidence stay.
fn into_hazard(e: Event, words: &[&str]) -> Event {
    let (kind, sub_type) = acled::hazard_kind(words);
    let mut explain = e.explain;
    explain.retain(|x| !matches!(x.field.as_str(), "actor" | "target" | "sub_type"));
    explain.push(Explanation {
        field: "type".into(),
        rule: format!("hazard:{kind}"),
        text: None,
    });
    Event {
        kind: EventType::Hazard,
        mode: Some(kind.to_owned()),
        category: None,
        sub_type: Some(sub_type.to_owned()),
        actor: Vec::new(),
        target: Vec::new(),
        explain,
        ..e
    }
}

/// A trigger that says what kind of violence, not only that there was some.
fn specific(t: &Trigger) -> bool {
    !matches!(t.sub_type, None | Some("ATTACK") | Some("ARMED_CLASH"))
}

fn is_violent(t: EventType) -> bool {
    matches!(t, EventType::Assault | EventType::Fight)
}

/// Acts that, intended, are CAMEO's "express intent to cooperate".
fn is_cooperative(t: EventType) -> bool {
    matches!(
        t,
        EventType::Consult
            | EventType::Support
            | EventType::Cooperate
            | EventType::Aid
            | EventType::Concede
            | EventType::Retreat
    )
}

fn is_place(m: &Mention) -> bool {
    matches!(m.kind, MentionKind::Country | MentionKind::Place)
}

/// Smaller is more specific: a point before a district, a border zone
/// before its country, a country before a region.
fn specificity(m: &Mention) -> u8 {
    match (m.precision, m.zone.is_some()) {
        (Some(PlacePrecision::Point), _) => 0,
        (Some(PlacePrecision::Admin2), _) => 1,
        (Some(PlacePrecision::Admin1), _) => 2,
        (_, true) => 3,
        (Some(PlacePrecision::Country), _) => 4,
        _ => 5,
    }
}

fn actor_of(m: &Mention) -> EventActor {
    EventActor {
        text: m.text.clone(),
        id: m.id.clone(),
        name: m.name.clone(),
        kind: Some(m.kind),
        start: m.start,
        end: m.end,
    }
}

/// The actor's words in lower case, and `armed_group` when one is, as the
/// ACLED classification reads them.
fn actor_words(actor: &[EventActor]) -> Vec<String> {
    actor
        .iter()
        .flat_map(|a| a.text.split_whitespace().map(str::to_lowercase))
        .chain(
            actor
                .iter()
                .any(|a| a.kind == Some(MentionKind::ArmedGroup))
                .then(|| "armed_group".to_owned()),
        )
        .collect()
}

fn location_of(m: &Mention, basis: &str) -> EventLocation {
    EventLocation {
        name: m.name.clone().unwrap_or_else(|| m.text.clone()),
        geonames_id: m.geonames_id,
        lat: m.lat,
        lon: m.lon,
        country: m.country.clone(),
        admin1: m.admin1.clone(),
        precision: if basis == "article_focus" {
            PlacePrecision::Country
        } else {
            m.precision.unwrap_or(PlacePrecision::Point)
        },
        zone: m.zone.clone(),
        basis: basis.into(),
    }
}

/// The country most mentioned (as a country or by its places' country),
/// as its first mention.
fn focus_country(mentions: &[Mention]) -> Option<&Mention> {
    let mut counts: HashMap<&str, usize> = HashMap::new();
    for m in mentions
        .iter()
        .filter(|m| is_place(m) && m.usage != Some(MentionUse::Embedded))
    {
        if let Some(c) = m.country.as_deref() {
            *counts.entry(c).or_default() += 1;
        }
    }
    let best = counts
        .iter()
        .max_by(|a, b| a.1.cmp(b.1).then(b.0.cmp(a.0)))
        .map(|(c, _)| *c)?;
    mentions.iter().find(|m| {
        m.kind == MentionKind::Country && m.country.as_deref() == Some(best) && m.lat.is_some()
    })
}

/// The precision of a TIMEX value that names a calendar date.
fn precision_of(value: &str) -> Option<Precision> {
    let b = value.as_bytes();
    let digits = |r: Range<usize>| b.get(r).is_some_and(|s| s.iter().all(u8::is_ascii_digit));
    match value.len() {
        4 if digits(0..4) => Some(Precision::Year),
        7 if digits(0..4) && b[4] == b'-' && digits(5..7) => Some(Precision::Month),
        10 if digits(0..4) && b[4] == b'-' && digits(5..7) && b[7] == b'-' && digits(8..10) => {
            Some(Precision::Day)
        }
        _ => None,
    }
}

/// Whether a date (`2014`, `2014-06`, `2014-06-08`) ends more than a month
/// before the publication date: background, not news of the day.
fn well_before(value: &str, published: &str) -> bool {
    let ym = |s: &str| -> Option<(i32, i32)> {
        let y = s.get(0..4)?.parse().ok()?;
        let m = s.get(5..7).and_then(|m| m.parse().ok());
        Some((y, m.unwrap_or(12)))
    };
    let (Some((y, m)), Some((py, pm))) = (ym(value), ym(published)) else {
        return false;
    };
    if value.len() == 4 {
        return y < py;
    }
    (py * 12 + pm) - (y * 12 + m) >= 2
}

#[cfg(test)]
mod tests;
