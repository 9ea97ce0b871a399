//! Debugging aids for extraction.
//! `dump page.html [max-depth]`: the element tree with each element's role and weight.
//! `dump page.html --find TEXT`: the elements above the text containing TEXT.
fn main() {
    let args: Vec<String> = std::env::args().collect();
    let bytes = std::fs::read(&args[1]).expect("read");
    let html = String::from_utf8_lossy(&bytes);
    if args.get(2).map(String::as_str) == Some("--find") {
        print!("{}", beacon_extract::html::debug_locate(&html, &args[3]));
        return;
    }
    let max: usize = args.get(2).and_then(|s| s.parse().ok()).unwrap_or(12);
    print!("{}", beacon_extract::html::debug_tree(&html, max));
}
