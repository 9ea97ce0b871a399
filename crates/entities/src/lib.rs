//! Entities: the people, organisations, armed groups, countries and places an
//! article names, each resolved to one entry where it can be.
//!
//! - `ner`: a learned recogniser for names in no dictionary (an averaged
//!   perceptron over word features, trained in Rust on freely licensed corpora).

pub mod ner;
