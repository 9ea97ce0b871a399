//! Prints the gazetteer's load time and the process's resident memory.
//! `cargo run --release -p beacon-gazetteer --example load_time`

fn rss_mb() -> Option<f64> {
    let s = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = s.lines().find(|l| l.starts_with("VmRSS:"))?;
    let kb: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb / 1024.0)
}

fn main() {
    let before = rss_mb();
    let t = std::time::Instant::now();
    let g = beacon_gazetteer::Gazetteer::load().expect("embedded data");
    let dt = t.elapsed();
    println!(
        "loaded {} entries, {} countries in {:.0} ms; resident memory {:.0} MB (before {:.0} MB)",
        g.len(),
        g.countries().len(),
        dt.as_secs_f64() * 1000.0,
        rss_mb().unwrap_or(f64::NAN),
        before.unwrap_or(f64::NAN)
    );
}
