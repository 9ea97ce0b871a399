//! Sharing what Beacon finds with partner organisations, in the formats
//! their tools read: STIX 2.1 bundles ([`stix`]). Which records go to whom
//! is decided before they reach this crate, by the one function that
//! decides it ([`beacon_model::Viewer::may_see`]); here each record keeps
//! its TLP 2.0 marking on the way out. [`taxii_client`] reads a partner's
//! TAXII collection (federation); [`misp`] writes MISP feeds.

pub mod misp;
pub mod stix;
pub mod taxii_client;

use beacon_model::Tlp;
use serde_json::{Value, json};

/// What a partner brought, as the API (`/api/imported`) and `beacon
/// partners imported` show it: the partner (its id and name), the object's
/// TLP here, its kind, the object as it came, and for a MISP event what
/// Beacon reads of it ([`misp::mapped`]).
pub fn imported_view(
    kind: &str,
    object: Value,
    (partner, partner_name): (&str, Option<&str>),
    tlp: Tlp,
) -> Value {
    let mut v = json!({
        "partner": partner, "partner_name": partner_name, "tlp": tlp, "kind": kind,
    });
    if kind == "misp-event" {
        v["mapped"] = misp::mapped(&object);
    }
    v["object"] = object;
    v
}
