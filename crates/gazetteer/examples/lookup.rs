//! Prints the candidates of each name given on the command line.
//! `cargo run --release -p beacon-gazetteer --example lookup -- Karachi "New York"`
fn main() {
    let g = &beacon_gazetteer::Gazetteer::load().expect("the embedded gazetteer");
    for name in std::env::args().skip(1) {
        println!("{name}:");
        for c in g.lookup(&name) {
            let e = g.entry(c.entry);
            println!(
                "  {:?} {:?} {} ({}, {}) {:?} admin1 {} pop {} primary {}",
                e.kind,
                e.geonames_id,
                e.name,
                e.lat,
                e.lon,
                e.country
                    .map(|c| beacon_gazetteer::code_str(&c).to_string()),
                e.admin1,
                e.population,
                c.primary
            );
        }
    }
}
