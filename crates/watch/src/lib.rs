//! Watching: which story-level events lie in a watchlist's area, and the
//! rules that raise alerts on them.
//!
//! Everything here is a pure function of the watchlist and the stored
//! story-level events (each happening once, whatever the number of outlets
//! that reported it), so evaluating twice raises nothing twice: every alert
//! has an id made of its watchlist, its rule and what it is about (an event,
//! an episode's first day, an actor), and the store keeps one alert per id.
//!
//! **Where.** An event is in a zone when its place carries the zone's id; or,
//! for a border zone, when its point lies within `border_km` of the border's
//! lines; or, for an event placed only at country or region precision, when
//! that area is on the zone: a neighbour on a country's side (a warning about
//! "Central Asia" concerns Afghanistan's northern border; "Afghanistan" alone
//! does not), an area that holds both countries of a pair, one of a region's
//! countries. The alert says at what precision it was placed. `country:XX` zones and
//! the watchlist's countries match the event's country; `custom:` zones are
//! polygons a user uploaded (point in polygon); `admin1:XX:Name` zones (a
//! province, state or region of country XX) match the event's first-level
//! area.
//!
//! **When.** An event's day is its own date, else its first report's
//! publication day.
//!
//! **Rules.**
//! - *match*: each matching event.
//! - *threshold*: `count` events within `window_days`; one alert per episode
//!   (the days on which the window holds enough), keyed by its first day.
//! - *spike*: on each event day, the window's count `k` against the trailing
//!   baseline: expected `μ = window × (b + ½) / baseline_days`, where `b` is
//!   the baseline's count (the half event keeps an empty baseline from making
//!   any event significant); fires when `P(X ≥ k | Poisson(μ)) < p_value`
//!   and `k ≥ min_count`. One alert per episode. `examples/spike.rs`
//!   measures its false alarms on a quiet Poisson stream and its delay on an
//!   injected surge.
//! - *first seen*: an actor's first matching event, once the area has 30
//!   days of history (so a new watchlist does not announce every actor).

use std::collections::{HashMap, HashSet};

use beacon_gazetteer::{Gazetteer, ZoneKind};
use beacon_model::review::Status;
use beacon_model::{
    Alert, AlertEvent, AlertExplanation, AlertStatus, Event, Figures, PlacePrecision, Rule,
    StoryEvent, Watchlist, ZoneId, epoch_day, epoch_day_to_date,
};
use serde_json::json;

pub mod simulate;

/// Days of history an area needs before `first_seen` announces anything.
pub const FIRST_SEEN_LEARNING_DAYS: i64 = 30;
/// Events an alert's explanation lists at most.
const EXPLAINED: usize = 20;

/// A polygon a user uploaded: rings of (lon, lat), the first the outer
/// boundary, the others holes; a multipolygon is several.
#[derive(Debug, Clone, Default)]
pub struct Polygons(pub Vec<Vec<Vec<(f64, f64)>>>);

impl Polygons {
    /// Reads a GeoJSON Polygon, MultiPolygon, Feature or FeatureCollection.
    pub fn from_geojson(v: &serde_json::Value) -> Result<Polygons, String> {
        let mut out = Vec::new();
        collect(v, &mut out)?;
        if out.is_empty() {
            return Err("no Polygon or MultiPolygon in the GeoJSON".into());
        }
        Ok(Polygons(out))
    }

    /// The area as one GeoJSON MultiPolygon: every polygon of what was
    /// uploaded, whatever its wrapping (a FeatureCollection's features, all
    /// of them).
    pub fn geometry(&self) -> serde_json::Value {
        let coordinates: Vec<Vec<Vec<[f64; 2]>>> = self
            .0
            .iter()
            .map(|rings| {
                rings
                    .iter()
                    .map(|r| r.iter().map(|&(x, y)| [x, y]).collect())
                    .collect()
            })
            .collect();
        json!({"type": "MultiPolygon", "coordinates": coordinates})
    }

    /// Whether the point lies inside (even-odd rule over each polygon's rings).
    pub fn contains(&self, lat: f64, lon: f64) -> bool {
        self.0.iter().any(|rings| {
            rings
                .iter()
                .filter(|ring| crosses_odd(ring, lon, lat))
                .count()
                % 2
                == 1
        })
    }
}

fn collect(v: &serde_json::Value, out: &mut Vec<Vec<Vec<(f64, f64)>>>) -> Result<(), String> {
    let ring = |r: &serde_json::Value| -> Result<Vec<(f64, f64)>, String> {
        r.as_array()
            .ok_or("a ring is not an array")?
            .iter()
            .map(|p| {
                let x = p.get(0).and_then(serde_json::Value::as_f64);
                let y = p.get(1).and_then(serde_json::Value::as_f64);
                match (x, y) {
                    (Some(x), Some(y))
                        if (-180.0..=180.0).contains(&x) && (-90.0..=90.0).contains(&y) =>
                    {
                        Ok((x, y))
                    }
                    _ => Err(format!("bad position {p}")),
                }
            })
            .collect()
    };
    let polygon = |c: &serde_json::Value| -> Result<Vec<Vec<(f64, f64)>>, String> {
        let rings: Vec<Vec<(f64, f64)>> = c
            .as_array()
            .ok_or("a polygon is not an array of rings")?
            .iter()
            .map(ring)
            .collect::<Result<_, _>>()?;
        if rings.is_empty() {
            return Err("a polygon needs a ring".into());
        }
        Ok(rings)
    };
    match v.get("type").and_then(serde_json::Value::as_str) {
        Some("FeatureCollection") => {
            for f in v
                .get("features")
                .and_then(|f| f.as_array())
                .into_iter()
                .flatten()
            {
                collect(f, out)?;
            }
        }
        Some("Feature") => {
            if let Some(g) = v.get("geometry") {
                collect(g, out)?;
            }
        }
        Some("Polygon") => out.push(polygon(v.get("coordinates").ok_or("no coordinates")?)?),
        Some("MultiPolygon") => {
            for p in v
                .get("coordinates")
                .and_then(|c| c.as_array())
                .ok_or("no coordinates")?
            {
                out.push(polygon(p)?);
            }
        }
        Some(other) => return Err(format!("a {other} is not an area")),
        None => return Err("not GeoJSON (no type)".into()),
    }
    Ok(())
}

/// The most positions an uploaded zone may have.
pub const MAX_UPLOAD_POSITIONS: usize = 200_000;
/// The most pairs of edges the self-crossing check compares in one ring:
/// past it the ring is refused as too intricate (a sawtooth of long edges
/// would otherwise take the cube of its length).
const MAX_EDGE_PAIRS: usize = 20_000_000;

/// Whether a ring bounds an area, as GeoJSON (RFC 7946) and the simple
/// features model say: at least four positions, the last the first, an
/// area that is not zero, and edges that meet only where they follow one
/// another (no bow-tie).
fn check_ring(ring: &[(f64, f64)]) -> Result<(), String> {
    // a position repeated at once is one position (exports often hold them)
    let mut ring = ring.to_vec();
    ring.dedup();
    let ring = ring.as_slice();
    if ring.len() < 4 {
        return Err(format!(
            "a ring needs at least four positions (the last the first), not {}",
            ring.len()
        ));
    }
    if ring.first() != ring.last() {
        return Err("a ring must end where it starts (closed)".into());
    }
    let twice_area: f64 = ring
        .windows(2)
        .map(|w| w[0].0 * w[1].1 - w[1].0 * w[0].1)
        .sum();
    if twice_area.abs() < 1e-12 {
        return Err("a ring must enclose an area".into());
    }
    match crossing_edges(ring) {
        Ok(None) => Ok(()),
        Ok(Some((i, j))) => Err(format!(
            "a ring must not cross itself (its edges {} and {} meet)",
            i + 1,
            j + 1
        )),
        Err(()) => Err(format!(
            "a ring too intricate to check (more than {MAX_EDGE_PAIRS} pairs of edges to compare): simplify it"
        )),
    }
}

/// Two edges of a closed ring that meet other than where they follow one
/// another, if any. Edges are bucketed in a grid over the ring's box, so a
/// ring of many positions costs about its length, not its square.
fn crossing_edges(ring: &[(f64, f64)]) -> Result<Option<(usize, usize)>, ()> {
    let n = ring.len() - 1;
    let (mut x0, mut y0, mut x1, mut y1) = (f64::MAX, f64::MAX, f64::MIN, f64::MIN);
    for &(x, y) in ring {
        (x0, y0, x1, y1) = (x0.min(x), y0.min(y), x1.max(x), y1.max(y));
    }
    let side = ((n as f64).sqrt().ceil() as usize).clamp(1, 1024);
    let cell = |v: f64, lo: f64, hi: f64| -> usize {
        if hi <= lo {
            0
        } else {
            (((v - lo) / (hi - lo)) * side as f64).min(side as f64 - 1.0) as usize
        }
    };
    let mut grid: HashMap<(usize, usize), Vec<usize>> = HashMap::new();
    let mut compared = 0usize;
    for i in 0..n {
        let (a, b) = (ring[i], ring[i + 1]);
        let (cx0, cx1) = (cell(a.0.min(b.0), x0, x1), cell(a.0.max(b.0), x0, x1));
        let (cy0, cy1) = (cell(a.1.min(b.1), y0, y1), cell(a.1.max(b.1), y0, y1));
        for cx in cx0..=cx1 {
            for cy in cy0..=cy1 {
                let bucket = grid.entry((cx, cy)).or_default();
                compared += bucket.len();
                if compared > MAX_EDGE_PAIRS {
                    return Err(());
                }
                for &j in bucket.iter() {
                    let adjacent = i == j + 1 || (j == 0 && i == n - 1);
                    let (c, d) = (ring[j], ring[j + 1]);
                    let meet = if adjacent {
                        overlap_collinear(a, b, c, d)
                    } else {
                        segments_meet(a, b, c, d)
                    };
                    if meet {
                        return Ok(Some((j, i)));
                    }
                }
                bucket.push(i);
            }
        }
    }
    Ok(None)
}

fn orient(a: (f64, f64), b: (f64, f64), c: (f64, f64)) -> f64 {
    (b.0 - a.0) * (c.1 - a.1) - (b.1 - a.1) * (c.0 - a.0)
}

fn on_segment(a: (f64, f64), b: (f64, f64), p: (f64, f64)) -> bool {
    p.0 >= a.0.min(b.0) && p.0 <= a.0.max(b.0) && p.1 >= a.1.min(b.1) && p.1 <= a.1.max(b.1)
}

/// Whether segments ab and cd share a point.
fn segments_meet(a: (f64, f64), b: (f64, f64), c: (f64, f64), d: (f64, f64)) -> bool {
    let (o1, o2, o3, o4) = (
        orient(a, b, c),
        orient(a, b, d),
        orient(c, d, a),
        orient(c, d, b),
    );
    if o1 * o2 < 0.0 && o3 * o4 < 0.0 {
        return true;
    }
    (o1 == 0.0 && on_segment(a, b, c))
        || (o2 == 0.0 && on_segment(a, b, d))
        || (o3 == 0.0 && on_segment(c, d, a))
        || (o4 == 0.0 && on_segment(c, d, b))
}

/// Whether two edges that share an end also run back along each other
/// (a spike: the ring retraces its steps).
fn overlap_collinear(a: (f64, f64), b: (f64, f64), c: (f64, f64), d: (f64, f64)) -> bool {
    if orient(a, b, c) != 0.0 || orient(a, b, d) != 0.0 {
        return false;
    }
    // the shared end, and the two far ends: they overlap when a far end
    // lies on the other segment beyond the shared point
    let shared = if b == c || b == d { b } else { a };
    let far1 = if a == shared { b } else { a };
    let far2 = if c == shared { d } else { c };
    far1 != shared
        && far2 != shared
        && ((far1.0 - shared.0) * (far2.0 - shared.0) + (far1.1 - shared.1) * (far2.1 - shared.1))
            > 0.0
}

/// Whether a ray from the point eastwards crosses the ring an odd number of times.
fn crosses_odd(ring: &[(f64, f64)], x: f64, y: f64) -> bool {
    let mut inside = false;
    let n = ring.len();
    for i in 0..n {
        let (xi, yi) = ring[i];
        let (xj, yj) = ring[(i + n - 1) % n];
        if (yi > y) != (yj > y) && x < (xj - xi) * (y - yi) / (yj - yi) + xi {
            inside = !inside;
        }
    }
    inside
}

/// Evaluates watchlists against story-level events.
pub struct Watcher<'a> {
    g: &'a Gazetteer,
    custom: &'a HashMap<String, Polygons>,
}

/// A story-level event that matched, with why and its day.
struct Hit<'e> {
    e: &'e StoryEvent,
    day: Option<i64>,
    why: String,
}

impl<'a> Watcher<'a> {
    /// A watcher over the gazetteer's zones and the uploaded ones
    /// (`custom:` id → polygons).
    pub fn new(g: &'a Gazetteer, custom: &'a HashMap<String, Polygons>) -> Self {
        Watcher { g, custom }
    }

    /// Why `e` lies in zone `zone`, if it does.
    pub fn in_zone(&self, zone: &ZoneId, e: &Event, border_km: f64) -> Option<String> {
        let loc = e.location.as_ref()?;
        if loc.zone.as_deref().is_some_and(|z| zone.is(z)) {
            return Some(format!("placed in {zone}"));
        }
        let same = |a: Option<&str>, b: &str| {
            a.is_some_and(|a| beacon_gazetteer::fold(a) == beacon_gazetteer::fold(b))
        };
        match zone {
            ZoneId::Country(cc) => {
                return loc
                    .country
                    .as_deref()
                    .filter(|c| c.eq_ignore_ascii_case(cc.as_str()))
                    .map(|c| format!("in {c}"));
            }
            ZoneId::Admin1 { country, name } => {
                return (same(loc.country.as_deref(), country.as_str())
                    && same(loc.admin1.as_deref(), name))
                .then(|| format!("in {name}, {country}"));
            }
            _ => {}
        }
        let point = loc.lat.zip(loc.lon);
        let id = zone.to_string();
        if let ZoneId::Custom(_) = zone {
            let (lat, lon) = point?;
            return self
                .custom
                .get(&id)
                .filter(|p| p.contains(lat, lon))
                .map(|_| format!("inside {zone}"));
        }
        let z = self.g.zone(&id)?;
        let coarse = matches!(
            loc.precision,
            PlacePrecision::Country | PlacePrecision::Region
        );
        // an area: on the zone when it is (or holds) one of the zone's countries
        if coarse {
            let area: Vec<String> = match loc.zone.as_deref().and_then(|id| self.g.zone(id)) {
                Some(r) => r
                    .countries
                    .iter()
                    .map(|c| beacon_gazetteer::code_str(c).to_owned())
                    .collect(),
                None => loc.country.iter().cloned().collect(),
            };
            // A country-wide place says nothing about which of its borders:
            // Afghanistan is not on its northern border, but Tajikistan, a
            // neighbour on that side, is; a pair zone takes only an area that
            // holds both its countries.
            let side_zone = zone.is_side_of_country();
            let on: Vec<&str> = match z.kind {
                ZoneKind::Border if side_zone => z.countries.iter().skip(1).collect(),
                ZoneKind::Border => {
                    let all = z.countries.iter().all(|c| {
                        area.iter()
                            .any(|a| a.eq_ignore_ascii_case(beacon_gazetteer::code_str(c)))
                    });
                    if all {
                        z.countries.iter().collect()
                    } else {
                        Vec::new()
                    }
                }
                ZoneKind::Region => z.countries.iter().collect(),
            }
            .into_iter()
            .map(beacon_gazetteer::code_str)
            .collect();
            let shared: Vec<&str> = on
                .into_iter()
                .filter(|c| area.iter().any(|a| a.eq_ignore_ascii_case(c)))
                .collect();
            return (!shared.is_empty()).then(|| {
                format!(
                    "placed at {} precision ({}), which shares {} with {zone}",
                    precision_name(loc.precision),
                    loc.name,
                    shared.join(", ")
                )
            });
        }
        let (lat, lon) = point?;
        let d = self.g.zone_distance_km(&z, lat, lon);
        match z.kind {
            ZoneKind::Border if d <= border_km => {
                Some(format!("{} lies {d:.0} km from {zone}", loc.name))
            }
            ZoneKind::Region if d == 0.0 => Some(format!("{} lies in {zone}", loc.name)),
            _ => None,
        }
    }

    /// Why a story-level event matches the watchlist, if it does.
    pub fn matches(&self, wl: &Watchlist, se: &StoryEvent) -> Option<String> {
        let e = &se.event;
        if e.historical && !wl.include_historical {
            return None;
        }
        let review = se.review.as_ref().map_or(Status::Unreviewed, |r| r.status);
        if review == Status::Rejected || (wl.confirmed_only && !review.vouched()) {
            return None;
        }
        if wl
            .min_relevance
            .is_some_and(|m| e.relevance.is_some_and(|r| r < m as f32))
        {
            return None;
        }
        if !(wl.types.is_empty() || wl.types.contains(&e.kind))
            || !(wl.modalities.is_empty() || wl.modalities.contains(&e.modality))
        {
            return None;
        }
        if !wl.actors.is_empty() {
            let hit = e.actor.iter().chain(&e.target).any(|a| {
                [a.id.as_deref(), a.name.as_deref(), Some(a.text.as_str())]
                    .into_iter()
                    .flatten()
                    .any(|v| wl.actors.iter().any(|w| w.eq_ignore_ascii_case(v)))
            });
            if !hit {
                return None;
            }
        }
        if wl.zones.is_empty() && wl.countries.is_empty() {
            return Some("any place".into());
        }
        // the zones as they stand, the countries as country zones (a copy
        // of two letters: nothing is cloned per event)
        wl.zones
            .iter()
            .find_map(|z| self.in_zone(z, e, wl.border_km))
            .or_else(|| {
                wl.countries
                    .iter()
                    .find_map(|&c| self.in_zone(&ZoneId::Country(c), e, wl.border_km))
            })
    }

    /// The alerts the watchlist's rules raise on these events, as they stand
    /// now (`now`: RFC 3339, the time of raising). Ids are stable: the
    /// caller keeps the first of each and updates its figures.
    pub fn evaluate(&self, wl: &Watchlist, events: &[StoryEvent], now: &str) -> Vec<Alert> {
        let mut hits: Vec<Hit> = events
            .iter()
            .filter_map(|e| {
                let why = self.matches(wl, e)?;
                Some(Hit {
                    e,
                    day: day_of(e),
                    why,
                })
            })
            .collect();
        hits.sort_by(|a, b| {
            a.day
                .cmp(&b.day)
                .then_with(|| a.e.event.id.cmp(&b.e.event.id))
        });
        let mut out = Vec::new();
        for rule in &wl.rules {
            let alert = |key: String, title: String, summary: String, figures, hs: &[&Hit]| {
                new_alert(wl, rule, key, title, summary, figures, hs, now)
            };
            match rule {
                Rule::Match {} => {
                    for h in &hits {
                        let e = &h.e.event;
                        let title = format!(
                            "{} {}{}: {}",
                            e.kind.as_str(),
                            e.modality.as_str(),
                            e.location
                                .as_ref()
                                .map(|l| format!(" in {}", l.name))
                                .unwrap_or_default(),
                            wl.name
                        );
                        out.push(alert(
                            e.id.clone(),
                            title,
                            format!("A matching event: {}", h.why),
                            Figures::default(),
                            &[h],
                        ));
                    }
                }
                Rule::Threshold { count, window_days } => {
                    let w = i64::from((*window_days).max(1));
                    for ep in episodes(&hits, w, |end| {
                        let n = in_days(&hits, end - w + 1, end);
                        (n >= *count as usize).then_some((n, ()))
                    }) {
                        let figures = Figures {
                            count: Some(ep.count as u64),
                            window_days: Some(w as u32),
                            threshold: Some(*count),
                            ..Figures::default()
                        };
                        out.push(alert(
                            format!("from-{}", date(ep.first)),
                            format!("{} events in {w} days: {}", ep.count, wl.name),
                            format!(
                                "{} matching events in the {w} days to {} (threshold {count}); the episode began {}",
                                ep.count,
                                date(ep.last),
                                date(ep.first)
                            ),
                            figures,
                            &ep.hits,
                        ));
                    }
                }
                Rule::Spike {
                    window_days,
                    baseline_days,
                    min_count,
                    p_value,
                } => {
                    let (w, b) = (
                        i64::from((*window_days).max(1)),
                        i64::from((*baseline_days).max(1)),
                    );
                    for ep in episodes(&hits, w, |end| {
                        let k = in_days(&hits, end - w + 1, end);
                        let base = in_days(&hits, end - w - b + 1, end - w);
                        let mu = w as f64 * (base as f64 + 0.5) / b as f64;
                        let p = poisson_tail(k as u64, mu);
                        (k >= *min_count as usize && p < *p_value).then_some((k, (base, mu, p)))
                    }) {
                        let (base, expected, p) = ep.extra;
                        let figures = Figures {
                            count: Some(ep.count as u64),
                            window_days: Some(w as u32),
                            baseline_days: Some(b as u32),
                            min_count: Some(*min_count),
                            p_value: Some(*p_value),
                            baseline_count: Some(base as u64),
                            expected: Some(expected),
                            p: Some(p),
                            ..Figures::default()
                        };
                        out.push(alert(
                            format!("from-{}", date(ep.first)),
                            format!("Spike: {} events in {w} days: {}", ep.count, wl.name),
                            format!(
                                "{} matching events in the {w} days to {} against {expected:.2} expected from the {b} days before (Poisson p = {p:.2e} < {p_value}; at least {min_count} needed)",
                                ep.count,
                                date(ep.last),
                            ),
                            figures,
                            &ep.hits,
                        ));
                    }
                }
                Rule::FirstSeen {} => out.extend(first_seen(wl, rule, &hits, now)),
                // the collector raises these, for its sources
                Rule::SourceFailing { .. } => {}
            }
        }
        out
    }
}

fn precision_name(p: PlacePrecision) -> String {
    serde_json::to_value(p)
        .ok()
        .and_then(|v| v.as_str().map(str::to_owned))
        .unwrap_or_default()
}

fn day_of(e: &StoryEvent) -> Option<i64> {
    e.event
        .date
        .as_ref()
        .and_then(|d| epoch_day(&d.value))
        .or_else(|| {
            e.reports
                .iter()
                .filter_map(|r| r.published.as_deref().and_then(epoch_day))
                .min()
        })
}

fn date(day: i64) -> String {
    epoch_day_to_date(day).unwrap_or_else(|| day.to_string())
}

/// Hits dated within `from..=to`.
fn in_days(hits: &[Hit], from: i64, to: i64) -> usize {
    let lo = hits.partition_point(|h| h.day.is_none_or(|d| d < from));
    let hi = hits.partition_point(|h| h.day.is_none_or(|d| d <= to));
    hi.saturating_sub(lo)
}

/// A run of event days on which a rule's condition held.
struct Episode<'h, 'e, T> {
    first: i64,
    last: i64,
    count: usize,
    /// The rule's other figures on the day of the highest count.
    extra: T,
    hits: Vec<&'h Hit<'e>>,
}

/// The episodes of a condition tested on each event day (`test(day)`
/// gives the count and extra figures when it holds): consecutive holding
/// days make one episode, which reports its highest count and the events of
/// its windows (from `window` days before its first day to its last). The
/// condition is tested on the day before an event day too, after a gap: a
/// window that emptied between two bursts ends the first one's episode.
fn episodes<'h, 'e, T>(
    hits: &'h [Hit<'e>],
    window: i64,
    test: impl Fn(i64) -> Option<(usize, T)>,
) -> Vec<Episode<'h, 'e, T>> {
    let mut out: Vec<Episode<T>> = Vec::new();
    let mut open = false;
    let mut last_day: Option<i64> = None;
    for h in hits {
        let Some(d) = h.day else { continue };
        if last_day == Some(d) {
            continue;
        }
        if open && last_day.is_some_and(|l| l < d - 1) && test(d - 1).is_none() {
            open = false;
        }
        last_day = Some(d);
        match test(d) {
            Some((n, extra)) => {
                if open {
                    let ep = out.last_mut().expect("an open episode");
                    ep.last = d;
                    if n > ep.count {
                        ep.count = n;
                        ep.extra = extra;
                    }
                } else {
                    open = true;
                    out.push(Episode {
                        first: d,
                        last: d,
                        count: n,
                        extra,
                        hits: Vec::new(),
                    });
                }
            }
            None => open = false,
        }
    }
    for ep in &mut out {
        let from = ep.first - window + 1;
        ep.hits = hits
            .iter()
            .filter(|h| h.day.is_some_and(|d| d >= from && d <= ep.last))
            .collect();
    }
    out
}

/// `P(X ≥ k)` for `X ~ Poisson(mu)`: one minus the sum of the first `k`
/// terms, each computed in logs (so a large `mu` does not underflow).
pub fn poisson_tail(k: u64, mu: f64) -> f64 {
    if k == 0 {
        return 1.0;
    }
    if mu <= 0.0 {
        return 0.0;
    }
    let ln_mu = mu.ln();
    let mut ln_fact = 0.0;
    let mut cdf = 0.0;
    for i in 0..k {
        if i > 0 {
            ln_fact += (i as f64).ln();
        }
        cdf += (-mu + i as f64 * ln_mu - ln_fact).exp();
    }
    (1.0 - cdf).max(0.0)
}

#[allow(clippy::too_many_arguments)]
fn new_alert(
    wl: &Watchlist,
    rule: &Rule,
    key: String,
    title: String,
    summary: String,
    figures: Figures,
    hits: &[&Hit],
    now: &str,
) -> Alert {
    let mut events: Vec<AlertEvent> = hits
        .iter()
        .rev()
        .take(EXPLAINED)
        .map(|h| {
            let e = &h.e.event;
            AlertEvent {
                id: e.id.clone(),
                kind: e.kind,
                modality: e.modality,
                date: e.date.as_ref().map(|d| d.value.clone()),
                place: e.location.as_ref().map(|l| l.name.clone()),
                why: h.why.clone(),
                evidence: e.evidence.text.clone(),
                sources: h.e.sources.clone(),
                article_ids: h.e.reports.iter().map(|r| r.article_id.clone()).collect(),
            }
        })
        .collect();
    events.dedup_by(|a, b| a.id == b.id);
    // whoever may see the alert may see every event it counted
    let marking = hits
        .iter()
        .fold(wl.marking.clone(), |m, h| m.combine(&h.e.marking));
    Alert {
        id: format!("{}:{}:{key}", wl.id, rule.key()),
        watchlist_id: wl.id.clone(),
        watchlist: wl.name.clone(),
        rule: rule.clone(),
        status: AlertStatus::New,
        title,
        created_at: now.to_owned(),
        updated_at: now.to_owned(),
        acknowledged_by: None,
        acknowledged_at: None,
        closed_by: None,
        closed_at: None,
        marking,
        explanation: AlertExplanation {
            summary,
            figures,
            events,
        },
    }
}

/// The alerts of a `first_seen` rule: each actor's first matching event,
/// once the area has [`FIRST_SEEN_LEARNING_DAYS`] of history.
fn first_seen(wl: &Watchlist, rule: &Rule, hits: &[Hit], now: &str) -> Vec<Alert> {
    let mut out = Vec::new();
    let Some(start) = hits.iter().find_map(|h| h.day) else {
        return Vec::new();
    };
    let mut seen = HashSet::new();
    for h in hits {
        let e = &h.e.event;
        for a in e.actor.iter().chain(&e.target) {
            let key =
                a.id.clone()
                    .unwrap_or_else(|| a.name.clone().unwrap_or_else(|| a.text.to_lowercase()));
            if !seen.insert(key.clone()) {
                continue;
            }
            let learning = h.day.is_none_or(|d| d < start + FIRST_SEEN_LEARNING_DAYS);
            if learning {
                continue;
            }
            let name = a.name.clone().unwrap_or_else(|| a.text.clone());
            out.push(new_alert(
                wl,
                rule,
                format!("actor-{key}"),
                format!("First seen: {name}: {}", wl.name),
                format!(
                    "{name} appears in the watched area for the first time since {} ({})",
                    date(start),
                    h.why
                ),
                Figures {
                    actor: Some(key.clone()),
                    ..Figures::default()
                },
                &[h],
                now,
            ));
        }
    }
    out
}

/// Whether the watchlist can be kept and evaluated: its own check
/// ([`Watchlist::check`]), then zones and countries Beacon knows, and
/// webhooks the outbound policy allows. The one check of the CLI and the
/// API.
pub fn validate(
    w: &Watchlist,
    g: &Gazetteer,
    custom: &HashMap<String, Polygons>,
    outbound: &beacon_net::Policy,
) -> Result<(), String> {
    w.check()?;
    if let Some(z) = w.zones.iter().find(|z| !known_zone(g, custom, z)) {
        return Err(format!(
            "unknown zone {z} (border:af-north, border:af-tj, region:sahel, country:ML, admin1:AF:Kunduz, custom:NAME)"
        ));
    }
    if let Some(c) = w.countries.iter().find(|c| g.country(c.bytes()).is_none()) {
        return Err(format!("unknown country {c}"));
    }
    for url in &w.notify.webhooks {
        outbound
            .check_url(url)
            .map_err(|e| format!("webhook refused: {e}"))?;
    }
    Ok(())
}

/// A zone a user uploads, checked: the one check of `beacon watch zone`
/// and `POST /api/zones`.
#[derive(Debug, Clone)]
pub struct Upload {
    /// Its id, `custom:…`.
    pub id: ZoneId,
    /// Its name for people (its id when none is given).
    pub name: String,
    /// Its area.
    pub area: Polygons,
}

/// Checks an upload: an id of letters, digits, `-`, `_` and `.` (with or
/// without `custom:`), a name of at most 500 characters without control
/// characters, and GeoJSON whose every ring bounds an area.
pub fn check_upload(
    id: &str,
    name: Option<&str>,
    geojson: &serde_json::Value,
) -> Result<Upload, String> {
    let id: ZoneId = format!("custom:{}", id.trim().trim_start_matches("custom:"))
        .parse()
        .ok()
        .filter(|z| matches!(z, ZoneId::Custom(_)))
        .ok_or("a zone's id is letters, digits, '-', '_' and '.'")?;
    let name = match name.map(str::trim) {
        None => id.to_string(),
        Some(n)
            if !n.is_empty()
                && n.chars().count() <= beacon_model::watch::MAX_WATCHLIST_TEXT
                && !n.chars().any(char::is_control) =>
        {
            n.to_owned()
        }
        Some(_) => {
            return Err(
                "a zone's name is text of at most 500 characters, without control characters"
                    .into(),
            );
        }
    };
    let area = Polygons::from_geojson(geojson)?;
    // a new upload's rings must bound areas; zones stored before this check
    // are still read (a stored zone that fails it would stop all watching)
    let positions: usize = area.0.iter().flatten().map(Vec::len).sum();
    if positions > MAX_UPLOAD_POSITIONS {
        return Err(format!(
            "a zone of {positions} positions: at most {MAX_UPLOAD_POSITIONS} (simplify it)"
        ));
    }
    for ring in area.0.iter().flatten() {
        check_ring(ring)?;
    }
    Ok(Upload { id, name, area })
}

/// Whether a zone id names a zone Beacon knows (`country:XX`, a gazetteer
/// zone, or one of `custom`).
pub fn known_zone(g: &Gazetteer, custom: &HashMap<String, Polygons>, id: &ZoneId) -> bool {
    match id {
        ZoneId::Admin1 { country, name } => g.lookup(name).iter().any(|c| {
            let e = g.entry(c.entry);
            e.kind == beacon_gazetteer::EntryKind::Admin1 && e.country == Some(country.bytes())
        }),
        ZoneId::Country(c) => g.country(c.bytes()).is_some(),
        ZoneId::Custom(_) => custom.contains_key(&id.to_string()),
        ZoneId::Border(_) | ZoneId::Region(_) => g.zone(&id.to_string()).is_some(),
    }
}

#[cfg(test)]
mod tests;

/// Evaluates every stored watchlist against the stored story-level events
/// and keeps the alerts they raise. Returns the alerts raised for the first
/// time (to notify), in watchlist order.
pub fn run(
    store: &mut beacon_store::Store,
    g: &Gazetteer,
    now: &str,
) -> Result<Vec<Alert>, RunError> {
    let watchlists = store.watchlists()?;
    if watchlists.is_empty() {
        return Ok(Vec::new());
    }
    let custom = custom_zones(store)?;
    // the story-level events from their rows, not the whole stories
    let (_, events) = store.events(&beacon_model::Filter::default(), u32::MAX, 0)?;
    let watcher = Watcher::new(g, &custom);
    let mut new = Vec::new();
    for wl in &watchlists {
        for alert in watcher.evaluate(wl, &events, now) {
            if store.raise_alert(&alert)? == beacon_store::Raised::New {
                new.push(alert);
            }
        }
    }
    Ok(new)
}

/// The uploaded zones of the store, read.
pub fn custom_zones(store: &beacon_store::Store) -> Result<HashMap<String, Polygons>, RunError> {
    let mut out = HashMap::new();
    for (id, _, text) in store.zones()? {
        let v: serde_json::Value = serde_json::from_str(&text).map_err(|e| RunError::Zone {
            id: id.clone(),
            detail: e.to_string(),
        })?;
        let p = Polygons::from_geojson(&v).map_err(|detail| RunError::Zone {
            id: id.clone(),
            detail,
        })?;
        out.insert(id, p);
    }
    Ok(out)
}

/// Why watching failed.
#[derive(Debug, thiserror::Error)]
pub enum RunError {
    /// The store failed.
    #[error(transparent)]
    Store(#[from] beacon_store::StoreError),
    /// A stored zone is not an area.
    #[error("zone {id}: {detail}")]
    Zone {
        /// The zone.
        id: String,
        /// Why.
        detail: String,
    },
}
