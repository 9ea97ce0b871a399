//! Prints a page's element tree with each element's role and weight (a debugging aid).
//! Usage: cargo run --example dump -p beacon-extract -- page.html [max-depth]
fn main() {
    let args: Vec<String> = std::env::args().collect();
    let bytes = std::fs::read(&args[1]).expect("read");
    let html = String::from_utf8_lossy(&bytes);
    let max: usize = args.get(2).and_then(|s| s.parse().ok()).unwrap_or(12);
    print!("{}", beacon_extract::html::debug_tree(&html, max));
}
