//! Development aid: the date evidence Beacon sees on htmldate evaluation pages.
//!
//! Usage: why GOLD_DIR FILE_SUBSTRING…
//! For each page whose file name contains one of the substrings, prints the
//! gold date, Beacon's answer, the datelines and every candidate.

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let gold = std::path::Path::new(&args[1]);
    for (url, p) in beacon_eval::load_date_gold(gold).expect("gold") {
        if !args[2..].iter().any(|s| p.id.contains(s.as_str())) {
            continue;
        }
        let html = beacon_ingest::decode::decode(&p.html, None, true, Some(&url))
            .map(|d| d.text)
            .unwrap_or_default();
        let doc = beacon_extract::html_document(&html, Some(&url));
        let Ok((mut a, page)) = beacon_extract::extract_parsed(&doc) else {
            continue;
        };
        let lines = beacon_dates::explain(&doc, &a, page.as_ref());
        beacon_dates::date_parsed_article(&doc, &mut a, page.as_ref());
        println!(
            "== {} {url}\n   gold {:?} got {:?}",
            p.id,
            p.gold,
            a.published.map(|p| p.value)
        );
        for w in &a.warnings {
            println!("   warning {}: {}", w.kind, w.detail);
        }
        for l in lines {
            println!("   {l}");
        }
    }
}
