//! `beacon serve` and `beacon demo`.

use std::process::ExitCode;

use anyhow::{Context, Result};
use beacon_model::{Rule, Watchlist};

use crate::{DataArgs, DemoArgs, IngestArgs, ServeArgs, SummaryFormat};

/// The demo's articles (invented; examples/demo/README.md).
const DEMO_ARTICLES: &str = include_str!("../../../examples/demo/articles.jsonl");

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
        let (bound, server) =
            beacon_server::bind(beacon_server::Config { data, addr, token }).await?;
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
        zones: vec!["border:af-north".into()],
        rules: vec![
            Rule::Match,
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

pub fn demo(a: DemoArgs) -> Result<ExitCode> {
    if a.data.exists() {
        std::fs::remove_dir_all(&a.data)
            .with_context(|| format!("cannot clear {}", a.data.display()))?;
    }
    std::fs::create_dir_all(&a.data)?;
    let articles = a.data.join("demo-articles.jsonl");
    std::fs::write(&articles, DEMO_ARTICLES)?;
    let mut inputs = vec![articles];
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
    crate::commands::ingest(IngestArgs {
        inputs,
        data: data.clone(),
        summary: SummaryFormat::Text,
        quiet: true,
        max_size: beacon_ingest::DEFAULT_MAX_BYTES,
    })?;
    let mut store = beacon_store::Store::open(&a.data)?;
    store.put_watchlist(&demo_watchlist())?;
    let new = crate::watch::evaluate(&mut store)?;
    println!(
        "watchlist wl-af-north (Afghanistan's northern border): {} alert(s)",
        new.len()
    );
    drop(store);
    if a.no_serve {
        return Ok(ExitCode::SUCCESS);
    }
    run(a.data, a.listen.addr, a.listen.token)
}
