//! Outbound connections: the one guard every URL Beacon posts to or
//! fetches goes through (webhooks now, feeds later).
//!
//! A URL is allowed when its scheme is `http` or `https` and every address
//! its host stands for is a public one: not loopback, private (RFC 1918,
//! unique-local), shared (CGNAT), link-local (where cloud metadata services
//! answer, 169.254.169.254), multicast, unspecified, broadcast,
//! documentation or reserved space, nor an IPv6 form that embeds such an
//! address (IPv4-mapped, NAT64). It is checked twice:
//! - when it is saved ([`Policy::check_url`]): the scheme, and a host that
//!   is an address (in any of the forms a resolver accepts: `127.1`,
//!   `0x7f000001`, `2130706433`) or a local name (`localhost`, `*.localhost`);
//! - when it is used ([`Policy::agent`]): every address the host resolves
//!   to, on every connection the agent opens, redirects included, so a name
//!   that resolves to a private address (or is made to, later) is refused
//!   too.
//!
//! Private addresses are allowed only when asked for
//! (`BEACON_ALLOW_PRIVATE_URLS`: `all`, or a comma-separated list of the
//! hosts that may be private, such as an intranet's webhook receiver); the
//! scheme rule holds always.

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};
use std::time::Duration;

use ureq::http::Uri;
use ureq::unversioned::resolver::{DefaultResolver, ResolvedSocketAddrs, Resolver};
use ureq::unversioned::transport::{DefaultConnector, NextTimeout};

/// The environment variable that allows private addresses.
pub const ALLOW_VAR: &str = "BEACON_ALLOW_PRIVATE_URLS";

/// Why a URL is refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Refused {
    /// Not a URL with a host.
    #[error("{0:?} is not an absolute URL with a host")]
    NotAUrl(String),
    /// A scheme other than http and https.
    #[error("{url:?}: only http and https URLs are allowed, not {scheme}:")]
    Scheme {
        /// The URL.
        url: String,
        /// Its scheme.
        scheme: String,
    },
    /// The host is, or resolves to, an address Beacon does not send to.
    #[error(
        "{host} is {why} ({ip}): Beacon sends only to public addresses unless {ALLOW_VAR} allows it"
    )]
    Address {
        /// The URL's host.
        host: String,
        /// The address.
        ip: IpAddr,
        /// What kind of address it is.
        why: &'static str,
    },
    /// The host is a name for this machine.
    #[error(
        "{host} names this machine: Beacon sends only to public addresses unless {ALLOW_VAR} allows it"
    )]
    Local {
        /// The URL's host.
        host: String,
    },
}

/// Which private hosts may be reached.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub enum Allow {
    /// None: public addresses only (the default).
    #[default]
    PublicOnly,
    /// Any host.
    Any,
    /// These hosts (as written in URLs, lower-case, without port).
    Hosts(Vec<String>),
}

/// The outbound policy.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Policy {
    /// Which private hosts may be reached.
    pub allow: Allow,
}

impl Policy {
    /// Public addresses only.
    pub fn public_only() -> Policy {
        Policy::default()
    }

    /// The policy `BEACON_ALLOW_PRIVATE_URLS` asks for: unset or empty,
    /// public only; `all` (or `1`, `true`), any host; otherwise the
    /// comma-separated hosts that may be private.
    pub fn from_env() -> Policy {
        Policy::parse(&std::env::var(ALLOW_VAR).unwrap_or_default())
    }

    /// The policy a value of `BEACON_ALLOW_PRIVATE_URLS` asks for.
    pub fn parse(value: &str) -> Policy {
        let v = value.trim();
        let allow = match v.to_ascii_lowercase().as_str() {
            "" | "0" | "false" | "no" => Allow::PublicOnly,
            "all" | "1" | "true" | "yes" => Allow::Any,
            _ => Allow::Hosts(
                v.split(',')
                    .map(|h| bare_host(h.trim()))
                    .filter(|h| !h.is_empty())
                    .collect(),
            ),
        };
        Policy { allow }
    }

    fn allows_private(&self, host: &str) -> bool {
        match &self.allow {
            Allow::PublicOnly => false,
            Allow::Any => true,
            Allow::Hosts(hosts) => hosts.iter().any(|h| *h == bare_host(host)),
        }
    }

    /// Checks a URL as it is saved: its scheme, and a host that is an
    /// address or a name for this machine. (Names are resolved, and their
    /// addresses checked, when the URL is used.)
    pub fn check_url(&self, url: &str) -> Result<(), Refused> {
        let uri: Uri = url
            .trim()
            .parse()
            .map_err(|_| Refused::NotAUrl(url.to_owned()))?;
        let scheme = uri.scheme_str().unwrap_or("").to_ascii_lowercase();
        if scheme.is_empty() || uri.host().is_none_or(str::is_empty) {
            return Err(Refused::NotAUrl(url.to_owned()));
        }
        if scheme != "http" && scheme != "https" {
            return Err(Refused::Scheme {
                url: url.to_owned(),
                scheme,
            });
        }
        let host = uri.host().unwrap_or_default();
        if self.allows_private(host) {
            return Ok(());
        }
        let bare = bare_host(host);
        if is_local_name(&bare) {
            return Err(Refused::Local { host: bare });
        }
        if let Some(ip) = literal_address(&bare)
            && let Some(why) = forbidden(ip)
        {
            return Err(Refused::Address {
                host: bare,
                ip,
                why,
            });
        }
        Ok(())
    }

    /// An HTTP agent that connects only where this policy allows, checking
    /// every address a host resolves to on every connection (redirects
    /// included); no proxy from the environment; `timeout` for the whole
    /// exchange; at most `redirects` redirects followed.
    pub fn agent(&self, timeout: Duration, redirects: u32) -> ureq::Agent {
        self.agent_with(
            ureq::Agent::config_builder()
                .timeout_global(Some(timeout))
                .max_redirects(redirects),
        )
    }

    /// [`Policy::agent`] with the rest of its configuration (timeouts,
    /// redirects, user agent, statuses) as `config` says; never a proxy.
    pub fn agent_with(
        &self,
        config: ureq::config::ConfigBuilder<ureq::typestate::AgentScope>,
    ) -> ureq::Agent {
        let config = config.proxy(None).build();
        ureq::Agent::with_parts(
            config,
            DefaultConnector::default(),
            GuardedResolver {
                policy: self.clone(),
                inner: DefaultResolver::default(),
            },
        )
    }
}

/// The resolver behind [`Policy::agent`]: the system's, with every address
/// checked.
#[derive(Debug)]
struct GuardedResolver {
    policy: Policy,
    inner: DefaultResolver,
}

impl Resolver for GuardedResolver {
    fn resolve(
        &self,
        uri: &Uri,
        config: &ureq::config::Config,
        timeout: NextTimeout,
    ) -> Result<ResolvedSocketAddrs, ureq::Error> {
        let scheme = uri.scheme_str().unwrap_or("").to_ascii_lowercase();
        if scheme != "http" && scheme != "https" {
            return Err(ureq::Error::Other(Box::new(Refused::Scheme {
                url: uri.to_string(),
                scheme,
            })));
        }
        let host = uri.host().unwrap_or_default();
        let addrs = self.inner.resolve(uri, config, timeout)?;
        if !self.policy.allows_private(host) {
            let local = is_local_name(&bare_host(host)).then_some("this machine");
            for a in addrs.iter() {
                if let Some(why) = forbidden(a.ip()).or(local) {
                    return Err(ureq::Error::Other(Box::new(Refused::Address {
                        host: bare_host(host),
                        ip: a.ip(),
                        why,
                    })));
                }
            }
        }
        Ok(addrs)
    }
}

/// A host lower-cased, without IPv6 brackets or a trailing dot.
fn bare_host(host: &str) -> String {
    host.trim_start_matches('[')
        .trim_end_matches(']')
        .trim_end_matches('.')
        .to_ascii_lowercase()
}

/// Names that stand for this machine whatever DNS says.
fn is_local_name(host: &str) -> bool {
    host == "localhost"
        || host.ends_with(".localhost")
        || host == "localhost.localdomain"
        || host == "ip6-localhost"
        || host == "ip6-loopback"
}

/// The address a host is, in any form a resolver reads as one: IPv6, the
/// dotted quad, and the shorter and numeric IPv4 forms (`127.1`,
/// `0x7f.0.0.1`, `2130706433`, octal parts).
fn literal_address(host: &str) -> Option<IpAddr> {
    if let Ok(ip) = host.parse::<IpAddr>() {
        return Some(ip);
    }
    let parts: Vec<u64> = host
        .split('.')
        .map(parse_part)
        .collect::<Option<Vec<u64>>>()?;
    let v = match parts.as_slice() {
        [a] => *a,
        [a, b] if *a < 256 && *b < 1 << 24 => a << 24 | b,
        [a, b, c] if *a < 256 && *b < 256 && *c < 1 << 16 => a << 24 | b << 16 | c,
        [a, b, c, d] if [a, b, c, d].iter().all(|x| **x < 256) => a << 24 | b << 16 | c << 8 | d,
        _ => return None,
    };
    u32::try_from(v).ok().map(|v| IpAddr::V4(Ipv4Addr::from(v)))
}

/// One part of an IPv4 address as `inet_aton` reads it: decimal, `0x` hex
/// or leading-zero octal.
fn parse_part(p: &str) -> Option<u64> {
    if p.is_empty() {
        return None;
    }
    let lower = p.to_ascii_lowercase();
    if let Some(hex) = lower.strip_prefix("0x") {
        return if hex.is_empty() {
            Some(0)
        } else {
            u64::from_str_radix(hex, 16).ok()
        };
    }
    if p.len() > 1 && p.starts_with('0') {
        return u64::from_str_radix(&p[1..], 8).ok();
    }
    p.parse().ok()
}

/// What kind of address Beacon does not send to `ip` is (`None`: a public
/// address).
pub fn forbidden(ip: IpAddr) -> Option<&'static str> {
    match ip {
        IpAddr::V4(v4) => forbidden_v4(v4),
        IpAddr::V6(v6) => forbidden_v6(v6),
    }
}

fn forbidden_v4(ip: Ipv4Addr) -> Option<&'static str> {
    let [a, b, c, _] = ip.octets();
    Some(match (a, b, c) {
        _ if ip.is_unspecified() || a == 0 => "an unspecified address",
        _ if ip.is_loopback() => "a loopback address",
        _ if ip.is_private() => "a private address",
        _ if ip.is_link_local() => "a link-local address (where metadata services answer)",
        (100, 64..=127, _) => "a shared (carrier-grade NAT) address",
        _ if ip.is_multicast() => "a multicast address",
        _ if ip.is_broadcast() => "the broadcast address",
        (192, 0, 0) => "an IETF protocol assignment",
        (192, 0, 2) | (198, 51, 100) | (203, 0, 113) => "a documentation address",
        (198, 18..=19, _) => "a benchmarking address",
        (240..=255, _, _) => "a reserved address",
        _ => return None,
    })
}

fn forbidden_v6(ip: Ipv6Addr) -> Option<&'static str> {
    if let Some(v4) = ip.to_ipv4_mapped() {
        return forbidden_v4(v4);
    }
    let s = ip.segments();
    Some(match s {
        _ if ip.is_unspecified() => "an unspecified address",
        _ if ip.is_loopback() => "a loopback address",
        // NAT64 (64:ff9b::/96) and the old IPv4-compatible form (::/96)
        // carry an IPv4 address: judge that one
        [0x64, 0xff9b, 0, 0, 0, 0, _, _] | [0, 0, 0, 0, 0, 0, _, _] => {
            let v4 = Ipv4Addr::from(u32::from(s[6]) << 16 | u32::from(s[7]));
            return forbidden_v4(v4).or(Some("an address that embeds an IPv4 one"));
        }
        _ if ip.is_unique_local() => "a private (unique-local) address",
        _ if ip.is_unicast_link_local() => "a link-local address",
        [0xfec0..=0xfeff, ..] => "a site-local address",
        _ if ip.is_multicast() => "a multicast address",
        [0x2001, 0xdb8, ..] => "a documentation address",
        [0x100, 0, 0, 0, ..] => "a discard-only address",
        _ => return None,
    })
}

#[cfg(test)]
mod tests;
