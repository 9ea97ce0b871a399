//! The reports of `beacon eval`: each gold set scored per part (tune, then
//! the frozen test part, [`crate::split`]), printed for a person, with the
//! tune part's errors listed where asked. The CLI parses the command line
//! and calls these; nothing else prints figures.

mod dates;
mod events;
mod extract;
mod geo;
mod ner;
mod region;
mod stories;
mod syntax;
mod timex;

pub use dates::dates;
pub use events::events;
pub use extract::extract;
pub use geo::geo;
pub use ner::{Listing, ner};
pub use region::region;
pub use stories::stories;
pub use syntax::syntax;
pub use timex::timex;

/// Prints the figures of each part (`line` of the items' places in `ids`),
/// tune first, and returns the tune part's places (whose errors may be read).
pub(crate) fn print_parts(ids: &[&str], line: &dyn Fn(&[usize]) -> String) -> Vec<usize> {
    let [(_, tune), (_, test)] = parts(ids);
    println!("  tune part: {}", line(&tune));
    println!("  test part: {}", line(&test));
    tune
}

/// The items of a gold set (`ids`, in order) in each part
/// ([`crate::split`]), tune first: their places in `ids`.
pub(crate) fn parts(ids: &[&str]) -> [(crate::split::Part, Vec<usize>); 2] {
    crate::split::Part::BOTH.map(|part| {
        let idx = ids
            .iter()
            .enumerate()
            .filter(|(_, id)| crate::split::Part::of(id) == part)
            .map(|(i, _)| i)
            .collect();
        (part, idx)
    })
}
