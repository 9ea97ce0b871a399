//! Fetching politely and safely: every request goes through the network
//! guard (`beacon_net`), robots.txt is read once per host and run and
//! honoured, one request at a time per host with a delay between them
//! (robots.txt's `crawl-delay` or a `Retry-After` lengthen it), bodies are
//! checked for size and type before they are read, compressed bodies are
//! held to the same size when unpacked, and transient failures are tried
//! again with exponential back-off.

use std::collections::HashMap;
use std::sync::{Arc, Condvar, Mutex};
use std::time::{Duration, Instant};

use beacon_model::Reason;
use ureq::ResponseExt;
use url::Url;

use crate::Config;
use crate::robots::{self, Robots};

/// What a request asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Want {
    /// A feed or sitemap.
    Listing,
    /// An article page.
    Page,
}

/// A successful answer (`2xx` or `304`).
#[derive(Debug, Default)]
pub struct Answer {
    /// The status.
    pub status: u16,
    /// The URL that answered, after redirects.
    pub url: String,
    /// `Content-Type`.
    pub content_type: Option<String>,
    /// `ETag`.
    pub etag: Option<String>,
    /// `Last-Modified`.
    pub last_modified: Option<String>,
    /// The body, its content encoding undone (empty for `304`).
    pub body: Vec<u8>,
}

/// A request slot, given back when dropped: [`Fetcher::fetch_holding`]
/// hands it over with the answer, so that the pages fetched and not yet
/// handed on are held to the number of slots, however many sources wait
/// for their hosts.
#[derive(Debug)]
pub struct Held(Arc<Slots>);

impl Drop for Held {
    fn drop(&mut self) {
        let mut busy = self
            .0
            .busy
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        *busy = busy.saturating_sub(1);
        drop(busy);
        self.0.freed.notify_one();
    }
}

/// Why a fetch failed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Failure {
    /// What kind of failure (for a page, its rejection's reason).
    pub reason: Reason,
    /// What happened, for people.
    pub detail: String,
    /// The status, where the server answered.
    pub status: Option<u16>,
    /// Whether trying again later may succeed (a timeout, a `5xx`, a
    /// `429`): a page that failed so is not marked seen.
    pub transient: bool,
    /// Until when the host asked not to be asked again.
    pub wait_until: Option<Instant>,
}

impl Failure {
    fn permanent(reason: Reason, detail: String, status: Option<u16>) -> Failure {
        Failure {
            reason,
            detail,
            status,
            transient: false,
            wait_until: None,
        }
    }

    fn transient(detail: String, status: Option<u16>) -> Failure {
        Failure {
            reason: Reason::Unreadable,
            detail,
            status,
            transient: true,
            wait_until: None,
        }
    }
}

/// One host's turn-taking: whether a request is under way, when the next
/// may start, and its robots.txt.
#[derive(Default)]
struct Host {
    busy: bool,
    next_ok: Option<Instant>,
    /// robots.txt, and when it was read.
    robots: Option<(Arc<Robots>, Instant)>,
}

/// How long a robots.txt read holds (RFC 9309: no longer than 24 hours).
const ROBOTS_FOR: Duration = Duration::from_secs(24 * 3600);

/// Every host's turn-taking, shared by the collector's workers.
#[derive(Default)]
struct Hosts {
    map: Mutex<HashMap<String, Host>>,
    turn_over: Condvar,
}

/// The requests under way, held to the configured number.
#[derive(Debug, Default)]
struct Slots {
    busy: Mutex<usize>,
    freed: Condvar,
}

/// The fetcher: two guarded agents (public addresses only, and private
/// allowed for the sources that allow it), the hosts' turns and the
/// request slots.
pub struct Fetcher {
    public: ureq::Agent,
    private: ureq::Agent,
    config: Config,
    hosts: Hosts,
    slots: Arc<Slots>,
}

impl Fetcher {
    /// A fetcher configured by `config`.
    pub fn new(config: &Config) -> Fetcher {
        let agent = |policy: beacon_net::Policy| {
            policy.agent_with(
                ureq::Agent::config_builder()
                    .timeout_connect(Some(config.connect_timeout))
                    .timeout_recv_response(Some(config.read_timeout))
                    .timeout_recv_body(Some(config.read_timeout))
                    .timeout_global(Some(config.read_timeout * 3))
                    .max_redirects(config.max_redirects)
                    .http_status_as_error(false)
                    .save_redirect_history(false)
                    .user_agent(config.user_agent.as_str())
                    .accept_encoding("gzip, deflate"),
            )
        };
        let private = beacon_net::Policy {
            allow: beacon_net::Allow::Any,
        };
        Fetcher {
            public: agent(config.policy.clone()),
            private: agent(private),
            config: config.clone(),
            hosts: Hosts::default(),
            slots: Arc::default(),
        }
    }

    /// How it fetches.
    pub fn config(&self) -> &Config {
        &self.config
    }

    /// Fetches `url` (conditionally, with `validators`: `ETag` and
    /// `Last-Modified`), after robots.txt and the host's turn allow it,
    /// trying transient failures again.
    pub fn fetch(
        &self,
        url: &Url,
        want: Want,
        private: bool,
        validators: (Option<&str>, Option<&str>),
    ) -> Result<Answer, Failure> {
        self.fetch_holding(url, want, private, validators)
            .map(|(a, _)| a)
    }

    /// [`Fetcher::fetch`], the answer given with its request slot, taken
    /// until the caller drops it (when it has handed the page on).
    pub fn fetch_holding(
        &self,
        url: &Url,
        want: Want,
        private: bool,
        validators: (Option<&str>, Option<&str>),
    ) -> Result<(Answer, Held), Failure> {
        let robots = self.robots(url, private)?;
        let path = match url.query() {
            Some(q) => format!("{}?{q}", url.path()),
            None => url.path().to_owned(),
        };
        if !robots.allows(&path) {
            let detail = match &robots.unreadable {
                // RFC 9309: nothing may be fetched until robots.txt reads;
                // not for good, so the page stays unseen
                Some(why) => {
                    return Err(Failure::transient(
                        format!("{why}: nothing is fetched from it until it reads (RFC 9309)"),
                        None,
                    ));
                }
                None => format!("robots.txt of {} disallows {path}", host_key(url)),
            };
            return Err(Failure::permanent(Reason::Forbidden, detail, None));
        }
        let mut attempt = 0;
        loop {
            let result = self.once(url, want, private, validators, robots.crawl_delay);
            match result {
                Err(f) if f.transient && attempt < self.config.retries => {
                    let backoff = self.config.backoff * 2u32.pow(attempt);
                    let wait = f
                        .wait_until
                        .map_or(backoff, |t| t.saturating_duration_since(Instant::now()));
                    if wait > self.config.max_wait {
                        return Err(f);
                    }
                    std::thread::sleep(wait.max(backoff));
                    attempt += 1;
                }
                other => return other,
            }
        }
    }

    /// The robots.txt rules of `url`'s host, fetched on first need.
    fn robots(&self, url: &Url, private: bool) -> Result<Arc<Robots>, Failure> {
        let key = host_key(url);
        let cached = self.lock().get(&key).and_then(|h| h.robots.clone());
        if let Some((r, read)) = cached
            && read.elapsed() < ROBOTS_FOR
        {
            return Ok(r);
        }
        let mut robots_url = url.clone();
        robots_url.set_path("/robots.txt");
        robots_url.set_query(None);
        let robots = match self.once(&robots_url, Want::Listing, private, (None, None), None) {
            Ok((a, _)) if a.status == 200 => {
                Robots::parse(&String::from_utf8_lossy(&a.body), &self.config.robots_token)
            }
            Ok(_) => Robots::allow_all(),
            // refused by the guard, or no answer at all (the host is down,
            // its name does not resolve): that is the fetch's failure, and
            // robots.txt is asked again next time
            Err(f) if f.reason == Reason::Forbidden || f.status.is_none() => return Err(f),
            Err(f) => match f.status {
                Some(s) if (400..500).contains(&s) && s != 429 => Robots::allow_all(),
                _ => {
                    tracing::info!("robots.txt of {key}: {}; disallowing all", f.detail);
                    robots::unreachable(&format!("robots.txt of {key} answered {}", f.detail))
                }
            },
        };
        let robots = Arc::new(robots);
        self.lock().entry(key).or_default().robots = Some((robots.clone(), Instant::now()));
        Ok(robots)
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<String, Host>> {
        self.hosts
            .map
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// Waits for the host's turn (at most the configured wait), marks it
    /// busy. `Err(until)` when the host asked for a longer wait.
    fn take_turn(&self, key: &str) -> Result<(), Instant> {
        let mut map = self.lock();
        loop {
            let host = map.entry(key.to_owned()).or_default();
            if !host.busy {
                let now = Instant::now();
                let at = host.next_ok.unwrap_or(now);
                if at.saturating_duration_since(now) > self.config.max_wait {
                    return Err(at);
                }
                host.busy = true;
                drop(map);
                std::thread::sleep(at.saturating_duration_since(now));
                return Ok(());
            }
            map = self
                .hosts
                .turn_over
                .wait(map)
                .unwrap_or_else(std::sync::PoisonError::into_inner);
        }
    }

    /// Waits for one of the request slots and takes it.
    fn take_slot(&self) -> Held {
        let mut busy = self
            .slots
            .busy
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        while *busy >= self.config.workers.max(1) {
            busy = self
                .slots
                .freed
                .wait(busy)
                .unwrap_or_else(std::sync::PoisonError::into_inner);
        }
        *busy += 1;
        Held(self.slots.clone())
    }

    /// Ends the host's turn: the next request waits `delay` (at least the
    /// configured delay between requests to a host).
    fn end_turn(&self, key: &str, delay: Duration) {
        let mut map = self.lock();
        let host = map.entry(key.to_owned()).or_default();
        host.busy = false;
        let next = Instant::now() + delay.max(self.config.host_delay);
        host.next_ok = Some(host.next_ok.map_or(next, |n| n.max(next)));
        drop(map);
        self.hosts.turn_over.notify_all();
    }

    /// One request, in the host's turn.
    fn once(
        &self,
        url: &Url,
        want: Want,
        private: bool,
        (etag, last_modified): (Option<&str>, Option<&str>),
        crawl_delay: Option<Duration>,
    ) -> Result<(Answer, Held), Failure> {
        let key = host_key(url);
        if let Err(until) = self.take_turn(&key) {
            let secs = until.saturating_duration_since(Instant::now()).as_secs();
            return Err(Failure {
                wait_until: Some(until),
                ..Failure::transient(
                    format!("{key} asked to wait {secs} s more (Retry-After)"),
                    None,
                )
            });
        }
        let agent = if private { &self.private } else { &self.public };
        let mut req = agent.get(url.as_str()).header("Accept", accept(want));
        if let Some(e) = etag {
            req = req.header("If-None-Match", e);
        }
        if let Some(m) = last_modified {
            req = req.header("If-Modified-Since", m);
        }
        let held = self.take_slot();
        let started = Instant::now();
        let result = req
            .call()
            .map_err(|e| failure(&e, &key))
            .and_then(|r| self.answer(r, want))
            .map(|a| (a, held));
        // feeds, sitemaps and pages; robots.txt is no news
        if let (Some(w), Ok((a, _))) = (&self.config.warc, &result)
            && (200..300).contains(&a.status)
            && url.path() != "/robots.txt"
        {
            let mut headers = Vec::new();
            for (k, v) in [
                ("Content-Type", &a.content_type),
                ("ETag", &a.etag),
                ("Last-Modified", &a.last_modified),
            ] {
                if let Some(v) = v {
                    headers.push((k, v.as_str()));
                }
            }
            if let Err(e) = w.response(&a.url, a.status, &headers, &a.body) {
                tracing::error!("keeping {} in {}: {e}", a.url, w.path().display());
            }
        }
        if let Some(m) = &self.config.metrics {
            let asked = match want {
                _ if url.path() == "/robots.txt" => "robots",
                Want::Listing => "listing",
                Want::Page => "page",
            };
            let (status, bytes) = match &result {
                Ok((a, _)) => (Some(a.status), a.body.len()),
                Err(f) => (f.status, 0),
            };
            m.request(asked, status, bytes, started.elapsed());
        }
        let retry_after = match &result {
            Err(f) => f
                .wait_until
                .map(|t| t.saturating_duration_since(Instant::now())),
            Ok(_) => None,
        };
        let delay = crawl_delay
            .unwrap_or_default()
            .min(self.config.max_wait)
            .max(retry_after.unwrap_or_default());
        self.end_turn(&key, delay);
        result
    }

    /// Reads a response: its status, then its size and type before its
    /// body, then its body within the size limit, unpacked.
    fn answer(
        &self,
        mut r: ureq::http::Response<ureq::Body>,
        want: Want,
    ) -> Result<Answer, Failure> {
        let status = r.status().as_u16();
        let headers = r.headers().clone();
        let header = |name: &str| {
            headers
                .get(name)
                .and_then(|v| v.to_str().ok())
                .map(str::to_owned)
        };
        let answered = r.get_uri().to_string();
        if status == 304 {
            return Ok(Answer {
                status,
                url: answered,
                ..Answer::default()
            });
        }
        if status == 429 || status == 503 {
            let wait = header("Retry-After")
                .and_then(|v| retry_after(&v))
                .unwrap_or(self.config.backoff);
            return Err(Failure {
                wait_until: Some(Instant::now() + wait),
                ..Failure::transient(
                    format!(
                        "HTTP status {status}; the server asks to wait {} s",
                        wait.as_secs()
                    ),
                    Some(status),
                )
            });
        }
        if status >= 500 {
            return Err(Failure::transient(
                format!("HTTP status {status}"),
                Some(status),
            ));
        }
        if !(200..300).contains(&status) {
            return Err(Failure::permanent(
                Reason::HttpStatus,
                format!("HTTP status {status}"),
                Some(status),
            ));
        }
        let content_type = header("Content-Type");
        check_type(content_type.as_deref(), want)?;
        let max = self.config.max_bytes as u64;
        if let Some(len) = r.body().content_length()
            && len > max
        {
            return Err(too_large(format!(
                "the answer is {len} bytes; the limit is {max} (--max-size)"
            )));
        }
        let host = r.get_uri().host().unwrap_or("the host").to_owned();
        let body = r
            .body_mut()
            .with_config()
            .limit(max)
            .read_to_vec()
            .map_err(|e| match e {
                ureq::Error::BodyExceedsLimit(_) => too_large(format!(
                    "the answer exceeds the limit of {max} bytes (--max-size)"
                )),
                e => failure(&e, &host),
            })?;
        let encoding = header("Content-Encoding");
        let body = beacon_ingest::response::decode_content(body, encoding.as_deref(), max as usize)
            .map_err(|(reason, detail)| Failure::permanent(reason, detail, Some(status)))?;
        Ok(Answer {
            status,
            url: answered,
            content_type,
            etag: header("ETag"),
            last_modified: header("Last-Modified"),
            body,
        })
    }
}

fn too_large(detail: String) -> Failure {
    Failure::permanent(Reason::TooLarge, detail, None)
}

/// The host and port a turn is kept for.
fn host_key(url: &Url) -> String {
    format!(
        "{}:{}",
        url.host_str().unwrap_or(""),
        url.port_or_known_default().unwrap_or(0)
    )
}

fn accept(want: Want) -> &'static str {
    match want {
        Want::Listing => {
            "application/rss+xml, application/atom+xml, application/feed+json, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.5"
        }
        Want::Page => "text/html, application/xhtml+xml, text/plain;q=0.8, */*;q=0.1",
    }
}

/// Refuses, before its body is read, an answer whose type cannot be what
/// is wanted (images, audio, video, fonts, PDF, archives for a page).
fn check_type(content_type: Option<&str>, want: Want) -> Result<(), Failure> {
    let mime = beacon_ingest::response::mime(content_type.unwrap_or(""));
    let (kind, _) = mime.split_once('/').unwrap_or((&mime, ""));
    let binary = matches!(kind, "image" | "audio" | "video" | "font" | "model")
        || matches!(
            mime.as_str(),
            "application/pdf" | "application/zip" | "application/msword"
        );
    let page_ok = want == Want::Listing
        || !mime.starts_with("application/")
        || mime == "application/xhtml+xml";
    if binary || !page_ok {
        return Err(Failure::permanent(
            Reason::UnsupportedType,
            format!(
                "content type {mime} is not {}",
                match want {
                    Want::Listing => "a feed or sitemap",
                    Want::Page => "an HTML page or text",
                }
            ),
            None,
        ));
    }
    Ok(())
}

/// A `Retry-After` value: seconds, or an HTTP date; at most a day.
fn retry_after(v: &str) -> Option<Duration> {
    let v = v.trim();
    let secs = match v.parse::<u64>() {
        Ok(s) => s,
        Err(_) => {
            let at = chrono::DateTime::parse_from_rfc2822(v).ok()?;
            u64::try_from((at.timestamp() - chrono::Utc::now().timestamp()).max(0)).ok()?
        }
    };
    Some(Duration::from_secs(secs.min(86_400)))
}

/// A failure of the transport: the guard's refusal (permanent, as
/// [`Reason::Forbidden`]), too many redirects (permanent), or a transient
/// one (no answer, a timeout, a broken connection), said with the host.
fn failure(e: &ureq::Error, host: &str) -> Failure {
    if let ureq::Error::Other(inner) = e
        && let Some(refused) = inner.downcast_ref::<beacon_net::Refused>()
    {
        return Failure::permanent(Reason::Forbidden, refused.to_string(), None);
    }
    match e {
        ureq::Error::TooManyRedirects | ureq::Error::RedirectFailed => {
            Failure::permanent(Reason::Unreadable, format!("redirects: {e}"), None)
        }
        ureq::Error::BadUri(_) | ureq::Error::Http(_) => {
            Failure::permanent(Reason::Malformed, e.to_string(), None)
        }
        ureq::Error::HostNotFound => Failure::transient(
            format!("cannot reach {host}: its name does not resolve (DNS)"),
            None,
        ),
        e => Failure::transient(format!("cannot reach {host}: {e}"), None),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn retry_after_reads_seconds_and_dates() {
        assert_eq!(retry_after("120"), Some(Duration::from_secs(120)));
        assert_eq!(retry_after("99999999"), Some(Duration::from_secs(86_400)));
        assert_eq!(
            retry_after("Sun, 06 Nov 1994 08:49:37 GMT"),
            Some(Duration::ZERO)
        );
        assert_eq!(retry_after("soon"), None);
    }

    #[test]
    fn binary_types_are_refused_before_reading() {
        assert!(check_type(Some("image/png"), Want::Page).is_err());
        assert!(check_type(Some("application/pdf"), Want::Listing).is_err());
        assert!(check_type(Some("application/json"), Want::Page).is_err());
        assert!(check_type(Some("application/feed+json"), Want::Listing).is_ok());
        assert!(check_type(Some("text/html; charset=utf-8"), Want::Page).is_ok());
        assert!(check_type(None, Want::Page).is_ok());
    }
}
