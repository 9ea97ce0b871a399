//! Notifications of new alerts: to webhooks and by e-mail, from an outbox
//! in the store.
//!
//! When a watchlist raises an alert for the first time, [`enqueue`] puts one
//! delivery per webhook and address of the watchlist in the store's outbox
//! (keyed by channel, target and alert: never twice). [`deliver_due`] sends
//! those that are due; a failed attempt is retried with exponential back-off
//! (30 s, 1 min, 2 min, … up to [`Settings::max_attempts`] attempts), then
//! given up and recorded as failed with its last error. A run killed midway
//! loses nothing: the outbox is in the store, and a delivery is marked sent
//! only after the receiver accepted it (so at worst it is sent again, with
//! the same `X-Beacon-Delivery` id for the receiver to drop).
//!
//! **Webhooks.** `POST` of the alert's JSON (the API's `Alert`), with
//! `Content-Type: application/json`, `X-Beacon-Event: alert`,
//! `X-Beacon-Delivery: <delivery id>` and, when a secret is configured,
//! `X-Beacon-Signature: sha256=<hex HMAC-SHA256 of the body>` (as GitHub
//! signs its webhooks). Any 2xx is success; anything else, or no answer in
//! 10 s, is a failure.
//!
//! **E-mail.** Over SMTP when configured (`smtp://host:port`, with
//! `?tls=required` for STARTTLS, or `smtps://…`; user and password in the
//! URL), a plain-text message: the alert's title, its summary, and each
//! event's date, type, place, evidence sentence and sources.

use std::time::Duration;

use beacon_model::{Alert, Scope, Sharing, Tlp, Viewer, Watchlist};
use beacon_store::{Delivery, Store, StoreError};
use hmac::{Hmac, Mac};
use sha2::Sha256;

/// How notifications are sent.
#[derive(Debug, Clone)]
pub struct Settings {
    /// The secret webhook bodies are signed with (`BEACON_WEBHOOK_SECRET`).
    pub webhook_secret: Option<String>,
    /// The SMTP server (`BEACON_SMTP_URL`); e-mail is not sent without it.
    pub smtp_url: Option<String>,
    /// The sender's address (`BEACON_SMTP_FROM`).
    pub smtp_from: String,
    /// Attempts before a delivery is given up.
    pub max_attempts: u32,
    /// The first retry's delay; each next one doubles it.
    pub backoff: Duration,
    /// Where webhooks may go (`BEACON_ALLOW_PRIVATE_URLS`): public
    /// addresses only, unless allowed.
    pub outbound: beacon_net::Policy,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            webhook_secret: None,
            smtp_url: None,
            smtp_from: "beacon@localhost".into(),
            max_attempts: 6,
            backoff: Duration::from_secs(30),
            outbound: beacon_net::Policy::public_only(),
        }
    }
}

impl Settings {
    /// The settings in the environment: `BEACON_WEBHOOK_SECRET`,
    /// `BEACON_SMTP_URL`, `BEACON_SMTP_FROM`, `BEACON_ALLOW_PRIVATE_URLS`.
    pub fn from_env() -> Settings {
        let var = |k: &str| std::env::var(k).ok().filter(|v| !v.is_empty());
        Settings {
            webhook_secret: var("BEACON_WEBHOOK_SECRET"),
            smtp_url: var("BEACON_SMTP_URL"),
            smtp_from: var("BEACON_SMTP_FROM").unwrap_or_else(|| "beacon@localhost".into()),
            outbound: beacon_net::Policy::from_env(),
            ..Settings::default()
        }
    }
}

/// What failed.
#[derive(Debug, thiserror::Error)]
pub enum NotifyError {
    /// The store failed.
    #[error(transparent)]
    Store(#[from] StoreError),
    /// Evaluating the watchlists failed.
    #[error(transparent)]
    Watch(#[from] beacon_watch::RunError),
}

/// Evaluates every watchlist (keeping the alerts), queues the new alerts'
/// notifications and sends what is due: what `beacon ingest`, `beacon watch`
/// and the API run after the store changes. The caller holds the store's
/// filer lock: one process evaluates at a time. The new alerts, and what
/// was sent.
pub fn watch_and_notify(
    store: &mut Store,
    settings: &Settings,
    _filing: &beacon_store::FilerLock,
    g: &beacon_gazetteer::Gazetteer,
) -> Result<(Vec<Alert>, Delivered), NotifyError> {
    let now = chrono::Utc::now();
    // the alerts and their notifications in one transaction: a run killed
    // between the two cannot keep an alert whose notification is lost
    let mut batch = store.batch()?;
    let new = beacon_watch::run(
        &mut batch,
        g,
        &now.to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
    )?;
    let watchlists = batch.watchlists()?;
    enqueue(&mut batch, &new, &watchlists, settings, now.timestamp())?;
    // an error before this point drops the batch: nothing of it stays
    batch.commit()?;
    let sent = deliver_due(store, settings, now.timestamp())?;
    Ok((new, sent))
}

/// [`deliver_due`] at the present time: for a server's periodic pass.
pub fn deliver_now(store: &mut Store, settings: &Settings) -> Result<Delivered, NotifyError> {
    deliver_due(store, settings, chrono::Utc::now().timestamp())
}

/// What one [`deliver_due`] did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Delivered {
    /// Accepted by their receiver.
    pub sent: usize,
    /// Failed, to be tried again.
    pub retrying: usize,
    /// Failed for the last time.
    pub failed: usize,
    /// Withheld: the alert may not go where the notification would take it.
    pub withheld: usize,
}

/// Whether an alert may leave Beacon by its watchlist's webhooks and
/// e-mail: a webhook or an address is of the watchlist's organisation
/// (`owner`, else this Beacon's own), no person in particular. So an alert
/// goes there when a user of that organisation may see it
/// ([`Viewer::may_see`], the one decision), and a RED one never (RED is
/// for its named recipients, who read it in Beacon). With no organisation
/// set at all (one person's Beacon), the channels are the operator's own:
/// all but RED go.
pub fn may_notify(alert: &Alert, owner: Option<&str>, sharing: &Sharing) -> Result<(), String> {
    let m = &alert.marking;
    if m.tlp == Tlp::Red {
        return Err("TLP:RED goes to its named recipients only, never by webhook or e-mail".into());
    }
    let Some(org) = owner.or(sharing.home.as_deref()) else {
        return Ok(());
    };
    let member = Viewer::User {
        id: String::new(),
        org: org.to_owned(),
        scope: Scope::Read,
    };
    if member.may_see(m, sharing) {
        Ok(())
    } else {
        Err(format!(
            "TLP:{} of another organisation: not for the channels of organisation {org}",
            m.tlp.as_str().to_uppercase()
        ))
    }
}

/// Queues the notifications of new alerts, each to its watchlist's webhooks
/// and addresses (e-mail only when SMTP is configured). `now`: Unix seconds.
pub fn enqueue(
    store: &mut Store,
    alerts: &[Alert],
    watchlists: &[Watchlist],
    settings: &Settings,
    now: i64,
) -> Result<usize, NotifyError> {
    let mut queued = 0;
    for a in alerts {
        let Some(w) = watchlists.iter().find(|w| w.id == a.watchlist_id) else {
            continue;
        };
        for url in &w.notify.webhooks {
            queued += usize::from(store.enqueue_delivery(&a.id, "webhook", url, now)?);
        }
        if settings.smtp_url.is_some() {
            for to in &w.notify.email {
                queued += usize::from(store.enqueue_delivery(&a.id, "email", to, now)?);
            }
        }
    }
    Ok(queued)
}

/// `sha256=` and the hex HMAC-SHA256 of `body` under `secret`.
pub fn signature(secret: &str, body: &[u8]) -> String {
    let mut mac = Hmac::<Sha256>::new_from_slice(secret.as_bytes()).expect("any key length");
    mac.update(body);
    let bytes = mac.finalize().into_bytes();
    let hex: String = bytes.iter().map(|b| format!("{b:02x}")).collect();
    format!("sha256={hex}")
}

/// Sends the deliveries due by `now` (Unix seconds).
pub fn deliver_due(
    store: &mut Store,
    settings: &Settings,
    now: i64,
) -> Result<Delivered, NotifyError> {
    let mut done = Delivered::default();
    for d in store.due_deliveries(now, 100)? {
        if !store.claim_delivery(&d.id, now, 60)? {
            continue; // another process has it
        }
        let alert = store.alert(&d.alert_id)?;
        // what the alert is now decides where it may go
        if let Some(a) = &alert {
            let owner = store
                .watchlist(&a.watchlist_id)?
                .and_then(|w| w.marking.owner);
            if let Err(why) = may_notify(a, owner.as_deref(), &store.sharing()?) {
                tracing::warn!(alert = %d.alert_id, channel = %d.channel, "a notification withheld: {why}");
                store.withhold_delivery(&d.id, &why)?;
                done.withheld += 1;
                continue;
            }
        }
        let outcome = match alert {
            None => Err(Failure::last("the alert is gone")),
            Some(alert) => send(&d, &alert, settings),
        };
        match outcome {
            Ok(()) => {
                store.record_delivery(&d.id, Ok(()), None)?;
                done.sent += 1;
            }
            Err(Failure { error: e, last }) => {
                let attempt = d.attempts + 1;
                let retry = (!last && attempt < settings.max_attempts).then(|| {
                    let delay = settings.backoff.as_secs().max(1) << (attempt - 1).min(16);
                    now + delay as i64
                });
                store.record_delivery(&d.id, Err(&e), retry)?;
                if let Some(at) = retry {
                    tracing::warn!(
                        alert = %d.alert_id, channel = %d.channel, attempt,
                        "a notification failed, to be tried again at {at}: {e}"
                    );
                    done.retrying += 1;
                } else {
                    tracing::error!(
                        alert = %d.alert_id, channel = %d.channel, attempt,
                        "a notification failed for the last time: {e}"
                    );
                    done.failed += 1;
                }
            }
        }
    }
    Ok(done)
}

/// Why a delivery failed, and whether trying again cannot help (a target
/// the outbound guard refuses).
struct Failure {
    error: String,
    last: bool,
}

impl Failure {
    fn again(e: impl ToString) -> Failure {
        Failure {
            error: e.to_string(),
            last: false,
        }
    }

    fn last(e: impl ToString) -> Failure {
        Failure {
            error: e.to_string(),
            last: true,
        }
    }
}

fn send(d: &Delivery, alert: &Alert, settings: &Settings) -> Result<(), Failure> {
    match d.channel.as_str() {
        "webhook" => webhook(d, alert, settings),
        "email" => email(d, alert, settings).map_err(Failure::again),
        other => Err(Failure::last(format!("unknown channel {other}"))),
    }
}

fn webhook(d: &Delivery, alert: &Alert, settings: &Settings) -> Result<(), Failure> {
    // saved before the guard, or allowed then and not now: refused for good
    settings
        .outbound
        .check_url(&d.target)
        .map_err(Failure::last)?;
    let body = serde_json::to_vec(alert).map_err(Failure::last)?;
    // a receiver answers where it was asked; no redirects elsewhere, and
    // every address the name resolves to is checked before connecting
    let agent = settings.outbound.agent(Duration::from_secs(10), 0);
    let mut req = agent
        .post(&d.target)
        .header("Content-Type", "application/json")
        .header("User-Agent", concat!("beacon/", env!("CARGO_PKG_VERSION")))
        .header("X-Beacon-Event", "alert")
        .header("X-Beacon-Delivery", &d.id);
    if let Some(secret) = &settings.webhook_secret {
        req = req.header("X-Beacon-Signature", &signature(secret, &body));
    }
    match req.send(&body[..]) {
        Ok(r) if r.status().is_success() => Ok(()),
        Ok(r) => Err(Failure::again(format!("HTTP {}", r.status()))),
        Err(ureq::Error::Other(e)) if e.is::<beacon_net::Refused>() => Err(Failure::last(e)),
        Err(e) => Err(Failure::again(e)),
    }
}

/// The alert as a plain-text message body.
pub fn email_text(alert: &Alert) -> String {
    let mut t = format!(
        "{}\n\nWatchlist: {}\nRule: {}\nRaised: {}\n\n{}\n",
        alert.title,
        alert.watchlist,
        alert.rule.kind(),
        alert.created_at,
        alert.explanation.summary
    );
    for e in &alert.explanation.events {
        t.push_str(&format!("\n- {}\n", e.brief()));
    }
    t.push_str(&format!("\nAlert id: {}\n", alert.id));
    t
}

fn email(d: &Delivery, alert: &Alert, settings: &Settings) -> Result<(), String> {
    use lettre::Transport;
    let url = settings
        .smtp_url
        .as_deref()
        .ok_or("no SMTP server is configured")?;
    let message = lettre::Message::builder()
        .from(
            settings
                .smtp_from
                .parse()
                .map_err(|e| format!("sender: {e}"))?,
        )
        .to(d
            .target
            .parse()
            .map_err(|e| format!("recipient {}: {e}", d.target))?)
        .subject(format!("[Beacon] {}", alert.title))
        .header(lettre::message::header::ContentType::TEXT_PLAIN)
        .body(email_text(alert))
        .map_err(|e| e.to_string())?;
    let transport = lettre::SmtpTransport::from_url(url)
        .map_err(|e| format!("SMTP URL: {e}"))?
        .timeout(Some(Duration::from_secs(10)))
        .build();
    transport
        .send(&message)
        .map(|_| ())
        .map_err(|e| e.to_string())
}

#[cfg(test)]
mod tests;
