//! Prints the place mentions of a text given on the command line.
//! `cargo run --release -p beacon-gazetteer --example resolve -- "Clashes at Afghanistan's northern border"`
fn main() {
    let g = &beacon_gazetteer::Gazetteer::load().expect("the embedded gazetteer");
    let text = std::env::args().skip(1).collect::<Vec<_>>().join(" ");
    for m in g.place_mentions(&text) {
        println!("{}", serde_json::to_string(&m).unwrap_or_default());
    }
}
