//! Sharing: `beacon orgs`, `beacon groups`, `beacon users`, `beacon tokens`
//! (who may see what, and the tokens they ask with), and `beacon export
//! stix` (what a user may see, as a STIX 2.1 bundle). Every change is
//! written to the store's audit log.

use anyhow::{Context, Result, bail};
use beacon_model::{Group, Org, Role, Scope, Story, Subscription, User, Viewer};
use beacon_share::stix;
use beacon_store::Store;
use clap::{Args, Subcommand};

use crate::{DataArgs, EventFilter};

/// Who runs these commands: whoever holds the store.
const OPERATOR: &str = "operator";

/// `beacon orgs`.
#[derive(Subcommand, Debug)]
pub enum OrgsCommand {
    /// Add (or rename) an organisation; the first one added is this
    /// Beacon's own unless `--home` names another later.
    Add {
        /// Its id (lower-case letters, digits, '-', '_', '.').
        id: String,
        /// Its name.
        #[arg(long)]
        name: String,
        /// Make it this Beacon's own organisation.
        #[arg(long)]
        home: bool,
        #[command(flatten)]
        data: DataArgs,
    },
    /// List the organisations (JSON lines; this Beacon's own marked).
    List {
        #[command(flatten)]
        data: DataArgs,
    },
}

/// `beacon groups`.
#[derive(Subcommand, Debug)]
pub enum GroupsCommand {
    /// Add (or replace) a sharing group: the organisations AMBER records
    /// marked for it may go to.
    Add {
        /// Its id.
        id: String,
        /// Its name.
        #[arg(long)]
        name: String,
        /// A member organisation (repeat).
        #[arg(long = "org", value_name = "ORG", required = true)]
        orgs: Vec<String>,
        #[command(flatten)]
        data: DataArgs,
    },
    /// List the sharing groups (JSON lines).
    List {
        #[command(flatten)]
        data: DataArgs,
    },
}

/// `beacon users`.
#[derive(Subcommand, Debug)]
pub enum UsersCommand {
    /// Add (or change) a user of an organisation.
    Add {
        /// Its id.
        id: String,
        /// Its organisation.
        #[arg(long)]
        org: String,
        /// Its role: reader, analyst or admin.
        #[arg(long, default_value = "reader")]
        role: Role,
        #[command(flatten)]
        data: DataArgs,
    },
    /// List the users (JSON lines).
    List {
        #[command(flatten)]
        data: DataArgs,
    },
    /// Set a user's password for the dashboard's sign-in (read from
    /// standard input's first line, or from `BEACON_PASSWORD`; at least 12
    /// characters; kept as argon2id).
    Passwd {
        /// Its id.
        id: String,
        #[command(flatten)]
        data: DataArgs,
    },
    /// Stop a user's tokens working.
    Disable {
        /// Its id.
        id: String,
        #[command(flatten)]
        data: DataArgs,
    },
    /// Let a disabled user's tokens work again.
    Enable {
        /// Its id.
        id: String,
        #[command(flatten)]
        data: DataArgs,
    },
}

/// `beacon tokens`.
#[derive(Subcommand, Debug)]
pub enum TokensCommand {
    /// Make an API token for a user and print it (shown once; the store
    /// keeps only its hash).
    Create {
        /// The user.
        user: String,
        /// What it allows: read, write or admin (no more than the user's
        /// role allows).
        #[arg(long, default_value = "read")]
        scope: Scope,
        /// Days until it stops working (none: never).
        #[arg(long, value_name = "DAYS", value_parser = clap::value_parser!(u32).range(1..=3650))]
        expires_days: Option<u32>,
        /// What it is for.
        #[arg(long)]
        note: Option<String>,
        #[command(flatten)]
        data: DataArgs,
    },
    /// List the tokens (never their secrets).
    List {
        #[command(flatten)]
        data: DataArgs,
    },
    /// Revoke a token by its id.
    Revoke {
        /// The token's id (from `beacon tokens list`).
        id: String,
        #[command(flatten)]
        data: DataArgs,
    },
}

/// `beacon partners`.
#[derive(Subcommand, Debug)]
pub enum PartnersCommand {
    /// Subscribe to a partner's TAXII 2.1 collection (another Beacon's, or
    /// any TAXII 2.1 server's): what it lets this Beacon see is read by
    /// `beacon partners pull`, kept with its TLP, and shown with the
    /// partner's name.
    Add {
        /// The subscription's id.
        id: String,
        /// The partner organisation (add it with `beacon orgs add` first).
        #[arg(long)]
        org: String,
        /// The collection's URL (`https://…/taxii2/…/collections/ID/`).
        #[arg(long)]
        url: String,
        /// The environment variable that holds the partner's token for
        /// this Beacon (never given on the command line, never logged).
        #[arg(long, value_name = "VAR")]
        token_env: String,
        /// This Beacon's user a RED object is for (repeat; none: the
        /// operator only).
        #[arg(long = "recipient", value_name = "USER")]
        recipients: Vec<String>,
        /// Let the collection be on a private address (a partner on the
        /// same network, a test).
        #[arg(long)]
        allow_private: bool,
        #[command(flatten)]
        data: DataArgs,
    },
    /// List the subscriptions (never their tokens).
    List {
        #[command(flatten)]
        data: DataArgs,
    },
    /// Read a MISP feed (a directory: `manifest.json` and its events) that
    /// a partner sent: each event kept with its TLP (its `tlp:` tag) and
    /// the partner's name, as a subscription's objects are.
    ImportMisp {
        /// The feed's directory.
        dir: std::path::PathBuf,
        /// The partner organisation it came from.
        #[arg(long)]
        org: String,
        /// This Beacon's user a RED event is for (repeat).
        #[arg(long = "recipient", value_name = "USER")]
        recipients: Vec<String>,
        #[command(flatten)]
        data: DataArgs,
    },
    /// What partners brought (their TAXII objects and MISP events) that a
    /// user may see (the operator: all), newest first, as JSON lines: the
    /// partner, the TLP here, the object, and for a MISP event what Beacon
    /// reads of it (`mapped`: title, date, TLP, events with their fields,
    /// the rest as notes).
    Imported {
        /// Only what this user may see.
        #[arg(long = "for", value_name = "USER")]
        for_user: Option<String>,
        /// How many.
        #[arg(short = 'n', long, default_value_t = 100)]
        limit: u32,
        #[command(flatten)]
        data: DataArgs,
    },
    /// Read every subscription's collection (or one) from where the last
    /// read stopped.
    Pull {
        /// Only this subscription.
        id: Option<String>,
        #[command(flatten)]
        data: DataArgs,
    },
}

/// `beacon export`.
#[derive(Subcommand, Debug)]
pub enum ExportCommand {
    /// The stored stories and their events as one STIX 2.1 bundle on
    /// standard output: each event a report (with its place, actors and
    /// outlets, and Beacon's fields in its extension), each story a
    /// grouping, every object marked with its TLP 2.0 marking definition.
    ///
    /// Examples:
    ///   beacon export stix > bundle.json
    ///   beacon export stix --for amina --country AF --since 2024-01
    #[command(verbatim_doc_comment)]
    Stix(StixArgs),
    /// The stored stories as a MISP feed in a directory: one MISP event a
    /// story (its title, first date, TLP tag, this Beacon's organisation),
    /// each of its events an attribute (the sentence that says so, its own
    /// TLP tag, Beacon's fields in its comment), and `manifest.json`, as
    /// MISP's feeds are laid out. What a user may see, with `--for`.
    ///
    /// Examples:
    ///   beacon export misp --out feed/
    ///   beacon export misp --for li --out feed-for-li/
    #[command(verbatim_doc_comment)]
    Misp(MispArgs),
}

/// `beacon export misp`.
#[derive(Args, Debug)]
pub struct MispArgs {
    #[command(flatten)]
    pub stix: StixArgs,
    /// The directory to write the feed into (made when absent).
    #[arg(long, value_name = "DIR")]
    pub out: std::path::PathBuf,
}

/// `beacon export stix`.
#[derive(Args, Debug)]
pub struct StixArgs {
    #[command(flatten)]
    pub data: DataArgs,
    #[command(flatten)]
    pub filter: EventFilter,
    /// Export only what this user may see (default: everything, as the
    /// operator).
    #[arg(long = "for", value_name = "USER")]
    pub for_user: Option<String>,
    /// At most this many stories, the most recently seen first.
    #[arg(long, default_value_t = 10_000)]
    pub limit: u32,
}

fn print_json<T: serde::Serialize>(items: impl IntoIterator<Item = T>) -> Result<()> {
    for i in items {
        println!("{}", serde_json::to_string(&i)?);
    }
    Ok(())
}

/// `beacon orgs …`.
pub fn orgs(c: OrgsCommand) -> Result<()> {
    match c {
        OrgsCommand::Add {
            id,
            name,
            home,
            data,
        } => {
            let mut store = Store::open(&data.data)?;
            store.put_org(&Org {
                id: id.clone(),
                name,
            })?;
            if home {
                store.set_home_org(&id)?;
            }
            store.audit(OPERATOR, "org.add", &id, if home { "home" } else { "" })?;
            eprintln!("organisation {id} stored");
        }
        OrgsCommand::List { data } => {
            let store = Store::open(&data.data)?;
            let home = store.sharing()?.home;
            let rows = store.orgs()?.into_iter().map(|o| {
                let is_home = home.as_deref() == Some(o.id.as_str());
                serde_json::json!({"id": o.id, "name": o.name, "home": is_home})
            });
            print_json(rows)?;
        }
    }
    Ok(())
}

/// `beacon groups …`.
pub fn groups(c: GroupsCommand) -> Result<()> {
    match c {
        GroupsCommand::Add {
            id,
            name,
            orgs,
            data,
        } => {
            let mut store = Store::open(&data.data)?;
            let detail = orgs.join(",");
            store.put_group(&Group {
                id: id.clone(),
                name,
                orgs,
            })?;
            store.audit(OPERATOR, "group.add", &id, &detail)?;
            eprintln!("group {id} stored");
        }
        GroupsCommand::List { data } => print_json(Store::open(&data.data)?.groups()?)?,
    }
    Ok(())
}

/// `beacon users …`.
pub fn users(c: UsersCommand) -> Result<()> {
    let enable = |data: &DataArgs, id: &str, disabled: bool| -> Result<()> {
        let mut store = Store::open(&data.data)?;
        let mut u = store.user(id)?.with_context(|| format!("no user {id:?}"))?;
        u.disabled = disabled;
        store.put_user(&u)?;
        let action = if disabled {
            "user.disable"
        } else {
            "user.enable"
        };
        store.audit(OPERATOR, action, id, "")?;
        Ok(())
    };
    match c {
        UsersCommand::Add {
            id,
            org,
            role,
            data,
        } => {
            let mut store = Store::open(&data.data)?;
            store.put_user(&User {
                id: id.clone(),
                org: org.clone(),
                role,
                disabled: false,
            })?;
            store.audit(OPERATOR, "user.add", &id, &format!("{org} {role}"))?;
            eprintln!("user {id} stored");
        }
        UsersCommand::List { data } => print_json(Store::open(&data.data)?.users()?)?,
        UsersCommand::Passwd { id, data } => {
            let password = match std::env::var("BEACON_PASSWORD") {
                Ok(p) => p,
                Err(_) => {
                    let mut line = String::new();
                    std::io::stdin().read_line(&mut line)?;
                    line.trim_end_matches(['\r', '\n']).to_owned()
                }
            };
            let mut store = Store::open(&data.data)?;
            store.set_password(&id, &password)?;
            store.audit(OPERATOR, "user.password", &id, "")?;
            eprintln!("password of {id} set");
        }
        UsersCommand::Disable { id, data } => enable(&data, &id, true)?,
        UsersCommand::Enable { id, data } => enable(&data, &id, false)?,
    }
    Ok(())
}

/// `beacon tokens …`.
pub fn tokens(c: TokensCommand) -> Result<()> {
    match c {
        TokensCommand::Create {
            user,
            scope,
            expires_days,
            note,
            data,
        } => {
            let mut store = Store::open(&data.data)?;
            let expires =
                expires_days.map(|d| chrono::Utc::now() + chrono::Duration::days(i64::from(d)));
            let (info, token) = store.create_token(&user, scope, expires, note.as_deref())?;
            store.audit(
                OPERATOR,
                "token.create",
                &info.id,
                &format!("{user} {scope}"),
            )?;
            eprintln!(
                "token {} for {user} ({scope}); it is shown once, here:",
                info.id
            );
            println!("{token}");
        }
        TokensCommand::List { data } => print_json(Store::open(&data.data)?.tokens()?)?,
        TokensCommand::Revoke { id, data } => {
            let mut store = Store::open(&data.data)?;
            if !store.revoke_token(&id)? {
                bail!("no token {id:?} to revoke (unknown, or revoked already)");
            }
            store.audit(OPERATOR, "token.revoke", &id, "")?;
            eprintln!("token {id} revoked");
        }
    }
    Ok(())
}

/// `beacon partners …`.
pub fn partners(c: PartnersCommand) -> Result<()> {
    match c {
        PartnersCommand::Add {
            id,
            org,
            url,
            token_env,
            recipients,
            allow_private,
            data,
        } => {
            let token =
                std::env::var(&token_env).with_context(|| format!("{token_env} holds no token"))?;
            let mut store = Store::open(&data.data)?;
            store.put_subscription(&Subscription {
                id: id.clone(),
                org: org.clone(),
                url,
                token,
                allow_private,
                recipients,
            })?;
            store.audit(OPERATOR, "partner.add", &id, &org)?;
            eprintln!("subscription {id} to {org}'s collection stored");
        }
        PartnersCommand::ImportMisp {
            dir,
            org,
            recipients,
            data,
        } => {
            let mut store = Store::open(&data.data)?;
            if store.org(&org)?.is_none() {
                bail!("no organisation {org:?} (add it with `beacon orgs add`)");
            }
            let events = beacon_share::misp::read_feed(&dir).map_err(anyhow::Error::msg)?;
            let objects: Vec<beacon_store::Imported> = events
                .iter()
                .map(|(e, tlp)| {
                    let ev = &e["Event"];
                    let s = |k: &str| ev[k].as_str().unwrap_or_default().to_owned();
                    beacon_store::Imported {
                        id: format!("misp-event--{}", s("uuid")),
                        kind: "misp-event".into(),
                        version: s("timestamp"),
                        marking: beacon_model::Marking::received(*tlp, &recipients),
                        record: e.to_string(),
                        org: org.clone(),
                    }
                })
                .collect();
            let source = format!("misp:{}", dir.display());
            let kept = store.put_imported(&source, &objects, None)?;
            store.audit(OPERATOR, "partner.misp", &org, &format!("{kept} events"))?;
            println!("{} MISP events read, {kept} new or changed", objects.len());
        }
        PartnersCommand::Imported {
            for_user,
            limit,
            data,
        } => {
            let store = Store::open(&data.data)?;
            let viewer = match &for_user {
                Some(u) => viewer_of(&store, u)?,
                None => Viewer::Operator,
            };
            let sharing = store.sharing()?;
            let (_, page) = store.imported_for(limit, 0, &|m| viewer.may_see(m, &sharing))?;
            for o in page {
                let name = store.org(&o.org)?.map(|x| x.name);
                let object: serde_json::Value = serde_json::from_str(&o.record)?;
                let v = beacon_share::imported_view(
                    &o.kind,
                    object,
                    (&o.org, name.as_deref()),
                    o.marking.tlp,
                );
                println!("{v}");
            }
        }
        PartnersCommand::List { data } => {
            let rows = Store::open(&data.data)?
                .subscriptions()?
                .into_iter()
                .map(|s| {
                    serde_json::json!({
                        "id": s.sub.id, "org": s.sub.org, "url": s.sub.url,
                        "recipients": s.sub.recipients, "allow_private": s.sub.allow_private,
                        "read_to": s.read_to, "read_at": s.read_at,
                    })
                });
            print_json(rows)?;
        }
        PartnersCommand::Pull { id, data } => {
            let mut store = Store::open(&data.data)?;
            let subs = store.subscriptions()?;
            if let Some(one) = &id
                && !subs.iter().any(|s| s.sub.id == *one)
            {
                bail!("no subscription {one:?}");
            }
            for beacon_store::Subscribed { sub, read_to, .. } in subs {
                if id.as_ref().is_some_and(|one| *one != sub.id) {
                    continue;
                }
                let pulled = beacon_share::taxii_client::pull(&sub, read_to.as_deref())
                    .with_context(|| format!("subscription {}", sub.id))?;
                let objects: Vec<_> = pulled
                    .objects
                    .iter()
                    .map(|(o, tlp)| {
                        let s = |k: &str| o[k].as_str().unwrap_or_default().to_owned();
                        let version = o["modified"].as_str().or(o["created"].as_str());
                        beacon_store::Imported {
                            id: s("id"),
                            kind: s("type"),
                            version: version.unwrap_or_default().to_owned(),
                            marking: sub.marking(*tlp),
                            record: o.to_string(),
                            org: sub.org.clone(),
                        }
                    })
                    .filter(|o| !o.id.is_empty())
                    .collect();
                let kept = store.put_imported(&sub.id, &objects, pulled.added_last.as_deref())?;
                store.audit(
                    OPERATOR,
                    "partner.pull",
                    &sub.id,
                    &format!("{kept} objects"),
                )?;
                println!(
                    "{}: {} objects read in {} pages, {kept} new or changed",
                    sub.id,
                    objects.len(),
                    pulled.pages
                );
            }
        }
    }
    Ok(())
}

/// The viewer a user id speaks for, as a reader.
fn viewer_of(store: &Store, user: &str) -> Result<Viewer> {
    let u = store
        .user(user)?
        .with_context(|| format!("no user {user:?}"))?;
    if u.disabled {
        bail!("user {user:?} is disabled");
    }
    Ok(Viewer::User {
        id: u.id,
        org: u.org,
        scope: Scope::Read,
    })
}

/// What an export holds: the stories a viewer may see, the analysts'
/// notes on their events it may see, and this Beacon as their producer.
struct Chosen {
    stories: Vec<Story>,
    notes: stix::Notes,
    producer: stix::Producer,
}

/// The stories `viewer` may see that pass `filter`, with their notes.
fn visible_stories(
    store: &Store,
    viewer: &Viewer,
    filter: &beacon_model::Filter,
    limit: u32,
) -> Result<Chosen> {
    let sharing = store.sharing()?;
    let sees = |m: &beacon_model::Marking| viewer.may_see(m, &sharing);
    let (_, stories) = store.stories_page_for(filter, limit, 0, &sees)?;
    let ids = stories
        .iter()
        .flat_map(|s| &s.events)
        .map(|se| se.event.id.as_str());
    let notes = store.notes_for(ids, &sees)?;
    let org = store.home_org()?.map(|o| (o.id, o.name));
    Ok(Chosen {
        stories,
        notes,
        producer: stix::Producer {
            org,
            aliases: std::sync::Arc::new(beacon_entities::actors::shipped_aliases()?),
        },
    })
}

/// `beacon export …`.
pub fn export(c: ExportCommand) -> Result<()> {
    /// The stories the export's options choose, and their producer.
    fn chosen(a: &StixArgs) -> Result<Chosen> {
        let store = Store::open(&a.data.data)?;
        let viewer = match &a.for_user {
            Some(u) => viewer_of(&store, u)?,
            None => Viewer::Operator,
        };
        visible_stories(&store, &viewer, &a.filter.filter()?, a.limit)
    }
    match c {
        ExportCommand::Stix(a) => {
            let c = chosen(&a)?;
            println!(
                "{}",
                serde_json::to_string(&stix::bundle(&c.stories, &c.notes, &c.producer))?
            );
        }
        ExportCommand::Misp(a) => {
            let c = chosen(&a.stix)?;
            let (events, manifest) = beacon_share::misp::feed(&c.stories, &c.notes, &c.producer);
            std::fs::create_dir_all(&a.out)
                .with_context(|| format!("cannot make {}", a.out.display()))?;
            for (id, e) in &events {
                std::fs::write(a.out.join(format!("{id}.json")), serde_json::to_vec(e)?)?;
            }
            std::fs::write(a.out.join("manifest.json"), serde_json::to_vec(&manifest)?)?;
            eprintln!("{} MISP events in {}", events.len(), a.out.display());
        }
    }
    Ok(())
}
