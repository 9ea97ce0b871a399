//! Sharing what Beacon finds with partner organisations, in the formats
//! their tools read: STIX 2.1 bundles ([`stix`]). Which records go to whom
//! is decided before they reach this crate, by the one function that
//! decides it ([`beacon_model::Viewer::may_see`]); here each record keeps
//! its TLP 2.0 marking on the way out. [`taxii_client`] reads a partner's
//! TAXII collection (federation); [`misp`] writes MISP feeds.

pub mod misp;
pub mod stix;
pub mod taxii_client;
