//! `beacon watch` (watchlists and uploaded zones) and `beacon alerts` (the
//! inbox, and each alert's life).

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{Context, Result, bail};
use beacon_gazetteer::Gazetteer;
use beacon_model::{
    Alert, AlertStatus, CountryCode, EventType, Modality, Notify, Rule, Watchlist, ZoneId,
};
use beacon_store::{Store, Transition};
use clap::{Args, Subcommand, ValueEnum};

use crate::DataArgs;

#[derive(Subcommand, Debug)]
pub enum WatchCommand {
    /// Add (or replace) a watchlist, then evaluate it at once.
    ///
    /// A watchlist is a set of zones or countries, optionally narrowed to
    /// actors, event types and modalities, and the rules that raise alerts
    /// on the story-level events there (each happening once). Rules:
    /// `match` (every event), `threshold:N/D` (N events within D days),
    /// `spike:D/B[/MIN[/P]]` (the count in D days against the B days before:
    /// a Poisson test at P, default 0.01, on at least MIN events, default 3),
    /// `first_seen` (an actor new to the area). Anticipated events are
    /// warnings and count like the others.
    ///
    /// Examples:
    ///   beacon watch add --name "Afghanistan's northern border" --zone border:af-north --rule match --rule spike:7/90
    ///   beacon watch add --name "Sahel kidnappings" --zone region:sahel --type ASSAULT --rule threshold:3/7
    ///   beacon watch add --from-json watchlist.json
    #[command(verbatim_doc_comment)]
    Add(Box<AddArgs>),
    /// List the watchlists.
    List {
        #[command(flatten)]
        data: DataArgs,
    },
    /// Remove a watchlist (its alerts stay).
    Remove {
        #[command(flatten)]
        data: DataArgs,
        /// The watchlist's id.
        id: String,
    },
    /// Evaluate every watchlist against the stored events now.
    Run {
        #[command(flatten)]
        data: DataArgs,
    },
    /// Upload a zone: a GeoJSON Polygon, MultiPolygon, Feature or
    /// FeatureCollection, usable by watchlists as `custom:NAME`.
    Zone {
        #[command(flatten)]
        data: DataArgs,
        /// The zone's id, without `custom:` (letters, digits, `-`, `_`).
        #[arg(long)]
        id: String,
        /// A name for people.
        #[arg(long)]
        name: Option<String>,
        /// The GeoJSON file.
        file: PathBuf,
    },
}

#[derive(Args, Debug)]
pub struct AddArgs {
    #[command(flatten)]
    pub data: DataArgs,
    /// The whole watchlist as JSON (the API's shape); the other options are ignored.
    #[arg(long, value_name = "FILE")]
    pub from_json: Option<PathBuf>,
    /// A name for people.
    #[arg(long, required_unless_present = "from_json")]
    pub name: Option<String>,
    /// Its id (default: `wl-` and a slug of the name).
    #[arg(long)]
    pub id: Option<String>,
    /// A zone: `border:af-north`, `border:af-tj`, `region:sahel`,
    /// `country:ML`, `admin1:AF:Kunduz`, `custom:NAME` (repeatable).
    #[arg(long = "zone", value_name = "ZONE")]
    pub zones: Vec<ZoneId>,
    /// A country, ISO 3166-1 alpha-2 (repeatable).
    #[arg(long = "country", value_name = "CC")]
    pub countries: Vec<CountryCode>,
    /// An actor: an entry id (`actor:taliban`) or a name (repeatable).
    #[arg(long = "actor", value_name = "ACTOR")]
    pub actors: Vec<String>,
    /// A PLOVER type (repeatable).
    #[arg(long = "type", value_name = "TYPE")]
    pub types: Vec<EventType>,
    /// A modality (repeatable).
    #[arg(long = "modality", value_name = "MODALITY")]
    pub modalities: Vec<Modality>,
    /// Count background (historical) events too.
    #[arg(long)]
    pub historical: bool,
    /// How far from a border zone's lines a placed event may lie.
    #[arg(long, default_value_t = 50.0, value_name = "KM")]
    pub border_km: f64,
    /// Only events of articles at least this relevant (0 to 1; 0.5 ignores
    /// sport and entertainment).
    #[arg(long, value_name = "P")]
    pub min_relevance: Option<f64>,
    /// Only events an analyst confirmed or corrected (`beacon review`).
    #[arg(long)]
    pub confirmed_only: bool,
    /// Who may see the watchlist and its alerts (each alert is also at
    /// least as restricted as its events); its webhooks and addresses get
    /// only what this Beacon's organisation may see, and never RED.
    #[command(flatten)]
    pub marking: crate::MarkingArgs,
    /// A rule (repeatable): match, threshold:N/D, spike:D/B[/MIN[/P]], first_seen.
    #[arg(long = "rule", value_name = "RULE", default_value = "match")]
    pub rules: Vec<String>,
    /// A webhook URL for new alerts (repeatable).
    #[arg(long = "webhook", value_name = "URL")]
    pub webhooks: Vec<String>,
    /// An e-mail address for new alerts (repeatable; needs SMTP configured).
    #[arg(long = "email", value_name = "ADDRESS")]
    pub email: Vec<String>,
}

#[derive(Args, Debug)]
#[command(args_conflicts_with_subcommands = true)]
pub struct AlertsArgs {
    #[command(subcommand)]
    pub command: Option<AlertsCommand>,
    #[command(flatten)]
    pub list: AlertsList,
}

#[derive(Args, Debug)]
pub struct AlertsList {
    #[command(flatten)]
    pub data: DataArgs,
    /// Which alerts.
    #[arg(long, value_enum, default_value_t = StatusArg::New)]
    pub status: StatusArg,
    /// Only this watchlist's.
    #[arg(long, value_name = "ID")]
    pub watchlist: Option<String>,
    /// How many.
    #[arg(short = 'n', long, default_value_t = 50)]
    pub limit: u32,
    /// `text` for people, `jsonl` for scripts.
    #[arg(short, long, value_enum, default_value_t = AlertsFormat::Text)]
    pub format: AlertsFormat,
}

#[derive(Subcommand, Debug)]
pub enum AlertsCommand {
    /// Acknowledge an alert: you have it in hand.
    Ack {
        #[command(flatten)]
        data: DataArgs,
        /// The alert's id.
        id: String,
        /// Who.
        #[arg(long, env = "USER", default_value = "analyst")]
        by: String,
    },
    /// Close an alert: dealt with.
    Close {
        #[command(flatten)]
        data: DataArgs,
        /// The alert's id.
        id: String,
        /// Who.
        #[arg(long, env = "USER", default_value = "analyst")]
        by: String,
    },
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum StatusArg {
    New,
    Acknowledged,
    Closed,
    All,
}

impl StatusArg {
    fn status(self) -> Option<AlertStatus> {
        match self {
            StatusArg::New => Some(AlertStatus::New),
            StatusArg::Acknowledged => Some(AlertStatus::Acknowledged),
            StatusArg::Closed => Some(AlertStatus::Closed),
            StatusArg::All => None,
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum AlertsFormat {
    Text,
    Jsonl,
}

/// Reads a rule written as on the command line.
pub fn parse_rule(s: &str) -> Result<Rule> {
    let (kind, args) = s.split_once(':').unwrap_or((s, ""));
    let nums: Vec<&str> = args.split('/').filter(|a| !a.is_empty()).collect();
    let int = |i: usize, what: &str| -> Result<u32> {
        nums.get(i)
            .with_context(|| format!("rule {s:?}: {what} is missing"))?
            .parse()
            .with_context(|| format!("rule {s:?}: {what} is not a whole number"))
    };
    Ok(match kind {
        "match" => Rule::Match {},
        "first_seen" | "first-seen" => Rule::FirstSeen {},
        "threshold" => Rule::Threshold {
            count: int(0, "the count")?,
            window_days: int(1, "the window in days")?,
        },
        "spike" => Rule::Spike {
            window_days: int(0, "the window in days")?,
            baseline_days: int(1, "the baseline in days")?,
            min_count: if nums.len() > 2 {
                int(2, "the minimum count")?
            } else {
                3
            },
            p_value: match nums.get(3) {
                Some(p) => p
                    .parse()
                    .ok()
                    .filter(|p: &f64| *p > 0.0 && *p < 1.0)
                    .with_context(|| format!("rule {s:?}: the p-value must lie in (0, 1)"))?,
                None => 0.01,
            },
        },
        other => bail!("unknown rule {other:?} (match, threshold:N/D, spike:D/B, first_seen)"),
    })
}

/// Evaluates every watchlist, keeps the alerts, and notifies the new ones
/// (webhooks and e-mail as the environment configures: `BEACON_WEBHOOK_SECRET`,
/// `BEACON_SMTP_URL`, `BEACON_SMTP_FROM`). The new alerts.
pub fn evaluate(
    store: &mut Store,
    filing: &beacon_store::FilerLock,
    g: &Gazetteer,
) -> Result<Vec<Alert>> {
    let settings = beacon_notify::Settings::from_env();
    let (new, sent) = beacon_notify::watch_and_notify(store, &settings, filing, g)?;
    if sent.retrying + sent.failed + sent.withheld > 0 {
        eprintln!(
            "beacon: notifications: {} sent, {} to retry, {} given up, {} withheld by their marking (see the store's deliveries)",
            sent.sent, sent.retrying, sent.failed, sent.withheld
        );
    }
    Ok(new)
}

pub fn watch(c: WatchCommand) -> Result<ExitCode> {
    match c {
        WatchCommand::Add(a) => {
            let mut store = Store::open(&a.data.data)?;
            let w = match &a.from_json {
                Some(path) => {
                    let text = std::fs::read_to_string(path)
                        .with_context(|| format!("cannot read {}", path.display()))?;
                    let v: serde_json::Value = serde_json::from_str(&text)
                        .with_context(|| format!("{} is not JSON", path.display()))?;
                    Watchlist::from_json(v)
                        .map_err(|e| anyhow::anyhow!("{}: {e}", path.display()))?
                }
                None => {
                    let name = a.name.clone().unwrap_or_default();
                    Watchlist {
                        id: a
                            .id
                            .clone()
                            .unwrap_or_else(|| beacon_model::watchlist_slug(&name)),
                        name,
                        zones: a.zones.clone(),
                        countries: a.countries.clone(),
                        actors: a.actors.clone(),
                        types: a.types.clone(),
                        modalities: a.modalities.clone(),
                        include_historical: a.historical,
                        border_km: a.border_km,
                        min_relevance: a.min_relevance,
                        confirmed_only: a.confirmed_only,
                        marking: a.marking.marking()?,
                        rules: a
                            .rules
                            .iter()
                            .map(|r| parse_rule(r))
                            .collect::<Result<_>>()?,
                        notify: Notify {
                            webhooks: a.webhooks.clone(),
                            email: a.email.clone(),
                        },
                    }
                }
            };
            let g = Gazetteer::load()?;
            beacon_watch::validate(
                &w,
                &g,
                &beacon_watch::custom_zones(&store)?,
                &beacon_net::Policy::from_env(),
            )
            .map_err(|e| anyhow::anyhow!("{e}"))?;
            let lock = crate::ingest::lock_filer(&a.data.data, "beacon watch add")?;
            store.put_watchlist(&w)?;
            let new = evaluate(&mut store, &lock, &g)?;
            println!(
                "watchlist {} ({}): {} new alert(s)",
                w.id,
                w.name,
                new.len()
            );
        }
        WatchCommand::List { data } => {
            let store = crate::commands::open_existing(&data.data)?;
            let stdout = std::io::stdout();
            let mut out = stdout.lock();
            for w in store.watchlists()? {
                serde_json::to_writer(&mut out, &w)?;
                writeln!(out)?;
            }
        }
        WatchCommand::Remove { data, id } => {
            let mut store = crate::commands::open_existing(&data.data)?;
            if !store.delete_watchlist(&id)? {
                bail!("no watchlist {id:?}");
            }
            println!("removed {id}");
        }
        WatchCommand::Run { data } => {
            let mut store = crate::commands::open_existing(&data.data)?;
            let lock = crate::ingest::lock_filer(&data.data, "beacon watch run")?;
            let new = evaluate(&mut store, &lock, &Gazetteer::load()?)?;
            println!("{} new alert(s)", new.len());
        }
        WatchCommand::Zone {
            data,
            id,
            name,
            file,
        } => {
            let text = std::fs::read_to_string(&file)
                .with_context(|| format!("cannot read {}", file.display()))?;
            let v: serde_json::Value = serde_json::from_str(&text)
                .with_context(|| format!("{} is not JSON", file.display()))?;
            let up = beacon_watch::check_upload(&id, name.as_deref(), &v)
                .map_err(|e| anyhow::anyhow!("{}: {e}", file.display()))?;
            let mut store = Store::open(&data.data)?;
            let id = up.id.to_string();
            store.put_zone(&id, &up.name, &text)?;
            println!("zone {id}");
        }
    }
    Ok(ExitCode::SUCCESS)
}

pub fn alerts(a: AlertsArgs) -> Result<ExitCode> {
    let (t, data, id, by) = match a.command {
        None => return list(a.list),
        Some(AlertsCommand::Ack { data, id, by }) => (Transition::Acknowledge, data, id, by),
        Some(AlertsCommand::Close { data, id, by }) => (Transition::Close, data, id, by),
    };
    let mut store = crate::commands::open_existing(&data.data)?;
    match store.set_alert_status(&id, t, &by)? {
        Some(alert) => println!("{} is {} (by {by})", alert.id, alert.status.as_str()),
        None => bail!("no alert {id:?}"),
    }
    Ok(ExitCode::SUCCESS)
}

fn list(a: AlertsList) -> Result<ExitCode> {
    let store = crate::commands::open_existing(&a.data.data)?;
    let (total, alerts) = store.alerts(a.status.status(), a.watchlist.as_deref(), a.limit, 0)?;
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    match a.format {
        AlertsFormat::Jsonl => {
            for al in &alerts {
                serde_json::to_writer(&mut out, al)?;
                writeln!(out)?;
            }
        }
        AlertsFormat::Text => {
            writeln!(out, "{total} alert(s)")?;
            for al in &alerts {
                writeln!(
                    out,
                    "\n[{}] {}  ({})",
                    al.status.as_str(),
                    al.title,
                    al.created_at
                )?;
                writeln!(out, "  id {}  rule {}", al.id, al.rule.kind())?;
                writeln!(out, "  {}", al.explanation.summary)?;
                for e in &al.explanation.events {
                    writeln!(out, "  - {}", e.brief())?;
                }
                if let Some(by) = &al.acknowledged_by {
                    writeln!(
                        out,
                        "  acknowledged by {by} at {}",
                        al.acknowledged_at.as_deref().unwrap_or("")
                    )?;
                }
                if let Some(by) = &al.closed_by {
                    writeln!(
                        out,
                        "  closed by {by} at {}",
                        al.closed_at.as_deref().unwrap_or("")
                    )?;
                }
            }
        }
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}
