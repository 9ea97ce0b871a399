//! `beacon serve` and `beacon demo`.

use std::process::ExitCode;

use anyhow::{Context, Result};
use beacon_model::{Rule, Watchlist};

use crate::{DataArgs, DemoArgs, IngestArgs, ServeArgs, SummaryFormat};

/// The demo's articles (invented; examples/demo/README.md).
const DEMO_ARTICLES: &str = include_str!("../../../examples/demo/articles.jsonl");
/// An item the demo shares with its partner organisation (TLP:AMBER).
const DEMO_AMBER: &str = include_str!("../../../examples/demo/amber.jsonl");
/// An item the demo keeps within its own organisation (TLP:AMBER+STRICT).
const DEMO_STRICT: &str = include_str!("../../../examples/demo/strict.jsonl");
/// The demo's reports in the region's languages: a Russian and a Dari
/// article on one clash at the border (invented; examples/demo/README.md).
const DEMO_REGION: &str = include_str!("../../../examples/demo/region.jsonl");

fn run(
    data: std::path::PathBuf,
    addr: std::net::SocketAddr,
    token: Option<String>,
) -> Result<ExitCode> {
    let rt = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .context("cannot start the server's runtime")?;
    rt.block_on(async move {
        let (bound, server) = beacon_server::bind(beacon_server::Config {
            data,
            addr,
            token,
            metrics: None,
        })
        .await?;
        println!("Beacon's dashboard: http://{bound}/");
        use std::io::Write as _;
        std::io::stdout().flush()?;
        tokio::select! {
            r = server => r?,
            _ = tokio::signal::ctrl_c() => {}
        }
        anyhow::Ok(())
    })?;
    Ok(ExitCode::SUCCESS)
}

pub fn serve(a: ServeArgs) -> Result<ExitCode> {
    run(a.data.data, a.listen.addr, a.listen.token)
}

/// The demo's watchlist: Afghanistan's northern border.
pub fn demo_watchlist() -> Watchlist {
    Watchlist {
        zones: vec![beacon_model::ZoneId::Border("af-north".into())],
        rules: vec![
            Rule::Match {},
            Rule::Threshold {
                count: 3,
                window_days: 7,
            },
            Rule::Spike {
                window_days: 7,
                baseline_days: 90,
                min_count: 3,
                p_value: 0.01,
            },
        ],
        ..Watchlist::new("wl-af-north", "Afghanistan's northern border")
    }
}

/// The file that marks a directory as a store `beacon demo` made.
const DEMO_MARKER: &str = ".beacon-demo";

/// What `beacon demo` writes in its directory, and so may remove again.
const DEMO_ENTRIES: &[&str] = &[
    DEMO_MARKER,
    "demo-articles.jsonl",
    "demo-amber.jsonl",
    "demo-strict.jsonl",
    "demo-region.jsonl",
    "beacon.db",
    "beacon.db-wal",
    "beacon.db-shm",
    "beacon.db-journal",
    beacon_store::FILER_LOCK,
    "search",
];

/// Makes `dir` ready for a fresh demo store: creates it, or clears a demo
/// store made before. Anything else in a non-empty directory is refused,
/// and nothing is deleted; in a demo store, only what the demo wrote is.
fn prepare_demo_dir(dir: &std::path::Path) -> Result<()> {
    let entries: Vec<std::ffi::OsString> = match std::fs::read_dir(dir) {
        Ok(rd) => rd
            .map(|e| e.map(|e| e.file_name()))
            .collect::<std::io::Result<_>>()
            .with_context(|| format!("cannot read {}", dir.display()))?,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Vec::new(),
        Err(e) => return Err(e).with_context(|| format!("cannot read {}", dir.display())),
    };
    if !entries.is_empty() {
        if !dir.join(DEMO_MARKER).is_file() {
            anyhow::bail!(
                "{} is not empty and is not a demo store that `beacon demo` made: nothing was deleted. \
                 Give the demo a directory of its own (--data DIR, new or empty)",
                dir.display()
            );
        }
        for name in DEMO_ENTRIES {
            let path = dir.join(name);
            let removed = if path.is_dir() {
                std::fs::remove_dir_all(&path)
            } else {
                std::fs::remove_file(&path)
            };
            match removed {
                Ok(()) => {}
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
                Err(e) => {
                    return Err(e).with_context(|| format!("cannot clear {}", path.display()));
                }
            }
        }
    }
    std::fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))?;
    std::fs::write(
        dir.join(DEMO_MARKER),
        "A store made by `beacon demo`: the next `beacon demo --data` here replaces it.\n",
    )?;
    Ok(())
}

/// The demo's sharing: two organisations in a group, an item filed
/// TLP:AMBER for the group and one TLP:AMBER+STRICT, and a reader of each
/// organisation with a token. Returns (user, organisation, token).
fn demo_sharing(dir: &std::path::Path, data: &DataArgs) -> Result<Vec<(String, String, String)>> {
    for (name, body, tlp, groups) in [
        (
            "demo-amber.jsonl",
            DEMO_AMBER,
            beacon_model::Tlp::Amber,
            vec!["border".to_owned()],
        ),
        (
            "demo-strict.jsonl",
            DEMO_STRICT,
            beacon_model::Tlp::AmberStrict,
            Vec::new(),
        ),
    ] {
        let path = dir.join(name);
        std::fs::write(&path, body)?;
        crate::ingest::ingest(IngestArgs {
            inputs: vec![path],
            data: data.clone(),
            summary: SummaryFormat::Text,
            quiet: true,
            max_size: beacon_ingest::DEFAULT_MAX_BYTES,
            commit_every: crate::ingest::COMMIT_EVERY,
            marking: crate::MarkingArgs {
                tlp,
                groups,
                recipients: Vec::new(),
            },
        })?;
    }
    let mut store = beacon_store::Store::open(dir)?;
    for (id, name) in [
        ("ewc", "Regional Early Warning Centre"),
        ("ngo", "NGO Safety Network"),
    ] {
        store.put_org(&beacon_model::Org {
            id: id.into(),
            name: name.into(),
        })?;
    }
    store.set_home_org("ewc")?;
    store.put_group(&beacon_model::Group {
        id: "border".into(),
        name: "Border partners".into(),
        orgs: vec!["ewc".into(), "ngo".into()],
    })?;
    let mut tokens = Vec::new();
    for (user, org) in [("analyst", "ewc"), ("partner", "ngo")] {
        store.put_user(&beacon_model::User {
            id: user.into(),
            org: org.into(),
            role: beacon_model::Role::Reader,
            disabled: false,
        })?;
        let (_, token) = store.create_token(user, beacon_model::Scope::Read, None, Some("demo"))?;
        store.audit("operator", "token.create", user, "demo")?;
        tokens.push((user.to_owned(), org.to_owned(), token));
    }
    Ok(tokens)
}

pub fn demo(a: DemoArgs) -> Result<ExitCode> {
    prepare_demo_dir(&a.data)?;
    let articles = a.data.join("demo-articles.jsonl");
    std::fs::write(&articles, DEMO_ARTICLES)?;
    let region = a.data.join("demo-region.jsonl");
    std::fs::write(&region, DEMO_REGION)?;
    let mut inputs = vec![articles, region];
    if a.seed.is_dir() {
        inputs.push(a.seed.clone());
    } else {
        eprintln!(
            "beacon demo: the worked example is not at {} (give --seed DIR): the demo articles only",
            a.seed.display()
        );
    }
    inputs.extend(a.with.iter().cloned());
    let data = DataArgs {
        data: a.data.clone(),
    };
    crate::ingest::ingest(IngestArgs {
        inputs,
        data: data.clone(),
        summary: SummaryFormat::Text,
        quiet: true,
        max_size: beacon_ingest::DEFAULT_MAX_BYTES,
        commit_every: crate::ingest::COMMIT_EVERY,
        marking: crate::MarkingArgs {
            tlp: beacon_model::Tlp::Clear,
            groups: Vec::new(),
            recipients: Vec::new(),
        },
    })?;
    let tokens = demo_sharing(&a.data, &data)?;
    let mut store = beacon_store::Store::open(&a.data)?;
    let lock = crate::ingest::lock_filer(&a.data, "beacon demo")?;
    store.put_watchlist(&demo_watchlist())?;
    let g = beacon_gazetteer::Gazetteer::load()?;
    let new = crate::watch::evaluate(&mut store, &lock, &g)?;
    drop(lock);
    println!(
        "watchlist wl-af-north (Afghanistan's northern border): {} alert(s)",
        new.len()
    );
    drop(store);
    println!(
        "sharing: organisations ewc (this Beacon's) and ngo, group border; one item TLP:AMBER for border, one TLP:AMBER+STRICT"
    );
    for (user, org, token) in &tokens {
        println!(
            "  token of {user} ({org}): {token}   (Authorization: Bearer …, or /login?token=…)"
        );
    }
    if a.no_serve {
        return Ok(ExitCode::SUCCESS);
    }
    run(a.data, a.listen.addr, a.listen.token)
}
