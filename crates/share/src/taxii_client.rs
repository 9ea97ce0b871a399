//! Federation: reading a partner's TAXII 2.1 collection (another Beacon's,
//! or any TAXII 2.1 server's) with the partner's token, page by page from
//! where the last read stopped (`added_after`), through the network guard
//! (a private address only when the subscription allows it). Each object
//! comes back with its TLP (from its `object_marking_refs`; an object with
//! no TLP marking is held as AMBER, within this Beacon's organisation).

use std::time::Duration;

use beacon_model::{Subscription, Tlp};
use serde_json::Value;

use crate::stix::tlp_marking_id;

/// The most bytes one page may hold.
const MAX_PAGE_BYTES: u64 = 64 << 20;
/// The most pages one read follows.
const MAX_PAGES: usize = 10_000;

/// Why a read failed.
#[derive(Debug, thiserror::Error)]
pub enum PullError {
    /// The network guard refused the address.
    #[error("refused: {0}")]
    Refused(#[from] beacon_net::Refused),
    /// The server answered with an error.
    #[error("{url} answered {status}: {message}")]
    Status {
        /// The URL asked.
        url: String,
        /// Its status.
        status: u16,
        /// TAXII's description, or the body's start.
        message: String,
    },
    /// The request failed on the way.
    #[error("{url}: {message}")]
    Transport {
        /// The URL asked.
        url: String,
        /// What failed.
        message: String,
    },
    /// The answer is not a TAXII envelope.
    #[error("{url}: not a TAXII 2.1 envelope: {message}")]
    Invalid {
        /// The URL asked.
        url: String,
        /// What is wrong.
        message: String,
    },
}

/// What a read brought: the objects with their TLP, in the order served,
/// and the last `date_added` the server reported (where the next read
/// starts).
#[derive(Debug, Default)]
pub struct Pulled {
    /// The objects and their TLP.
    pub objects: Vec<(Value, Tlp)>,
    /// The server's `X-TAXII-Date-Added-Last` of the last page.
    pub added_last: Option<String>,
    /// Pages read.
    pub pages: usize,
}

/// STIX 2.1's own TLP 1.0 marking definitions (white, green, amber, red).
const TLP1: [(&str, Tlp); 4] = [
    (
        "marking-definition--613f2e26-407d-48c7-9eca-b8e91df99dc9",
        Tlp::Clear,
    ),
    (
        "marking-definition--34098fce-860f-48ae-8e50-ebd3cc5e41da",
        Tlp::Green,
    ),
    (
        "marking-definition--f88d31f6-486f-44da-b317-01333bde0b82",
        Tlp::Amber,
    ),
    (
        "marking-definition--5e57c739-391a-4eb3-b6be-7d15ca92d5ed",
        Tlp::Red,
    ),
];

/// An object's TLP: the most restrictive TLP marking definition it names
/// (TLP 2.0, or STIX's TLP 1.0); AMBER when it names none; RED (for the
/// subscription's recipients only) when it names one Beacon does not know
/// or marks parts of itself (`granular_markings`): what cannot be read is
/// held most tightly.
pub fn tlp_of(o: &Value) -> Tlp {
    if o.get("granular_markings").is_some_and(|g| !g.is_null()) {
        return Tlp::Red;
    }
    let refs: Vec<&str> = o["object_marking_refs"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(Value::as_str)
        .collect();
    let known = |r: &str| {
        Tlp::ALL
            .into_iter()
            .find(|&t| tlp_marking_id(t) == r)
            .or_else(|| TLP1.iter().find(|(id, _)| *id == r).map(|(_, t)| *t))
    };
    if refs.is_empty() {
        return Tlp::Amber;
    }
    refs.iter()
        .map(|r| known(r).unwrap_or(Tlp::Red))
        .max()
        .unwrap_or(Tlp::Amber)
}

/// Reads a subscription's collection from after `added_after` (all when
/// none) to its end.
pub fn pull(sub: &Subscription, added_after: Option<&str>) -> Result<Pulled, PullError> {
    let policy = if sub.allow_private {
        beacon_net::Policy {
            allow: beacon_net::Allow::Any,
        }
    } else {
        beacon_net::Policy::public_only()
    };
    policy.check_url(&sub.url)?;
    let agent = policy.agent_with(
        ureq::Agent::config_builder()
            .timeout_global(Some(Duration::from_secs(60)))
            .max_redirects(3)
            .http_status_as_error(false)
            .user_agent(concat!("beacon/", env!("CARGO_PKG_VERSION"))),
    );
    let base = format!("{}objects/", sub.url.trim());
    let mut out = Pulled::default();
    let mut next: Option<String> = None;
    while out.pages < MAX_PAGES {
        let mut url = format!("{base}?limit=1000");
        if let Some(n) = &next {
            url.push_str(&format!("&next={}", encode(n)));
        }
        if let Some(t) = added_after {
            url.push_str(&format!("&added_after={}", encode(t)));
        }
        let (envelope, added_last) = page(&agent, &url, &sub.token)?;
        out.pages += 1;
        if added_last.is_some() {
            out.added_last = added_last;
        }
        for o in envelope["objects"].as_array().into_iter().flatten() {
            out.objects.push((o.clone(), tlp_of(o)));
        }
        match envelope["next"].as_str() {
            Some(n) if envelope["more"] == true => next = Some(n.to_owned()),
            _ => break,
        }
    }
    Ok(out)
}

/// One page: the envelope and its `X-TAXII-Date-Added-Last`.
fn page(agent: &ureq::Agent, url: &str, token: &str) -> Result<(Value, Option<String>), PullError> {
    let transport = |e: ureq::Error| PullError::Transport {
        url: url.to_owned(),
        message: e.to_string(),
    };
    let mut r = agent
        .get(url)
        .header("Accept", "application/taxii+json;version=2.1")
        .header("Authorization", &format!("Bearer {token}"))
        .call()
        .map_err(transport)?;
    let status = r.status().as_u16();
    let added_last = r
        .headers()
        .get("x-taxii-date-added-last")
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned);
    let body = r
        .body_mut()
        .with_config()
        .limit(MAX_PAGE_BYTES)
        .read_to_string()
        .map_err(transport)?;
    if status != 200 {
        let message = serde_json::from_str::<Value>(&body)
            .ok()
            .and_then(|v| v["description"].as_str().map(str::to_owned))
            .unwrap_or_else(|| body.chars().take(200).collect());
        return Err(PullError::Status {
            url: url.to_owned(),
            status,
            message,
        });
    }
    let envelope: Value = serde_json::from_str(&body).map_err(|e| PullError::Invalid {
        url: url.to_owned(),
        message: e.to_string(),
    })?;
    if !envelope.is_object() {
        return Err(PullError::Invalid {
            url: url.to_owned(),
            message: "the answer is not an object".into(),
        });
    }
    Ok((envelope, added_last))
}

/// A query value, percent-encoded.
fn encode(v: &str) -> String {
    v.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' => {
                (b as char).to_string()
            }
            b => format!("%{b:02X}"),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn an_objects_tlp_is_its_most_restrictive_known_marking() {
        let amber = tlp_marking_id(Tlp::Amber);
        let red = tlp_marking_id(Tlp::Red);
        assert_eq!(
            tlp_of(&json!({"object_marking_refs": [amber, red]})),
            Tlp::Red
        );
        assert_eq!(
            tlp_of(&json!({"object_marking_refs": [tlp_marking_id(Tlp::Clear)]})),
            Tlp::Clear
        );
        assert_eq!(tlp_of(&json!({"id": "x"})), Tlp::Amber);
        assert_eq!(
            tlp_of(&json!({"object_marking_refs": ["marking-definition--unknown"]})),
            Tlp::Red
        );
        let tlp1_red = "marking-definition--5e57c739-391a-4eb3-b6be-7d15ca92d5ed";
        let clear = tlp_marking_id(Tlp::Clear);
        assert_eq!(
            tlp_of(&json!({"object_marking_refs": [clear, tlp1_red]})),
            Tlp::Red
        );
        assert_eq!(
            tlp_of(&json!({"object_marking_refs": [clear], "granular_markings": [{}]})),
            Tlp::Red
        );
        assert_eq!(
            encode("2026-12-07T10:00:00.000Z"),
            "2026-12-07T10%3A00%3A00.000Z"
        );
    }
}
