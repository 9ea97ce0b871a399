//! Sharing with partners: organisations, their users and roles, sharing
//! groups, the Traffic Light Protocol 2.0 marking every shared record
//! carries, and the one function that decides who may see a record
//! ([`Viewer::may_see`]). Every edge that lets a record out (the API,
//! search, exports, feeds, TAXII) asks it, and nothing else decides.
//!
//! The rules (FIRST's TLP 2.0, as a Beacon holds them):
//! - `CLEAR`: anyone, also without an account.
//! - `GREEN`: the community: any user of an organisation this Beacon knows.
//! - `AMBER`: the owning organisation and the organisations of the sharing
//!   groups the record names.
//! - `AMBER+STRICT`: the owning organisation only, whatever groups it names.
//! - `RED`: the named recipients (users) only.
//!
//! A record that Beacon derives from several (a story from its articles, a
//! story-level event from its reports) takes the most restrictive of their
//! markings ([`Marking::combine`]): whoever may see it may see each part.
//! The person who runs Beacon (loopback without a token, or the
//! administrator's `--token`) sees everything: they hold the store.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use crate::ids::BadValue;
use crate::source::Tlp;

/// What a user may do, by role.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub enum Role {
    /// Reads what its organisation may see.
    #[default]
    Reader,
    /// Reads, and reviews and writes watchlists, notes and sources.
    Analyst,
    /// All of that, and manages its organisation's users and tokens.
    Admin,
}

impl Role {
    /// Every role, least first.
    pub const ALL: [Role; 3] = [Role::Reader, Role::Analyst, Role::Admin];

    /// The role's word.
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Reader => "reader",
            Role::Analyst => "analyst",
            Role::Admin => "admin",
        }
    }

    /// The widest scope a token of this role may carry.
    pub fn widest(self) -> Scope {
        match self {
            Role::Reader => Scope::Read,
            Role::Analyst => Scope::Write,
            Role::Admin => Scope::Admin,
        }
    }
}

crate::ids::named_words!(Role, "a role");

/// What a token allows: reading, writing (watchlists, sources, alerts'
/// states, reviews), or administering (users, tokens, organisations).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub enum Scope {
    /// Reading.
    #[default]
    Read,
    /// Reading and writing.
    Write,
    /// Everything.
    Admin,
}

impl Scope {
    /// Every scope, narrowest first.
    pub const ALL: [Scope; 3] = [Scope::Read, Scope::Write, Scope::Admin];

    /// The scope's word.
    pub fn as_str(self) -> &'static str {
        match self {
            Scope::Read => "read",
            Scope::Write => "write",
            Scope::Admin => "admin",
        }
    }
}

crate::ids::named_words!(Scope, "a scope");

/// An id of an organisation, user or group: 1 to 64 lower-case letters,
/// digits, `-`, `_` and `.`, starting with a letter or digit.
pub fn check_id(what: &str, id: &str) -> Result<(), BadValue> {
    let ok = (1..=64).contains(&id.len())
        && id
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || matches!(c, '-' | '_' | '.'))
        && id.starts_with(|c: char| c.is_ascii_alphanumeric());
    if ok {
        Ok(())
    } else {
        Err(BadValue(format!(
            "{id:?} is not a {what} id (1 to 64 lower-case letters, digits, '-', '_' and '.')"
        )))
    }
}

/// An organisation: this Beacon's own, or a partner.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Org {
    /// Its id (`inso-af`).
    pub id: String,
    /// Its name.
    pub name: String,
}

/// A user of an organisation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct User {
    /// Its id (`amina`).
    pub id: String,
    /// Its organisation's id.
    pub org: String,
    /// Its role.
    pub role: Role,
    /// Whether it may no longer sign in or use its tokens.
    #[serde(default)]
    pub disabled: bool,
}

/// A sharing group: a named set of organisations that AMBER records may
/// be shared with.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Group {
    /// Its id (`ca-border`).
    pub id: String,
    /// Its name.
    pub name: String,
    /// Its organisations' ids.
    pub orgs: Vec<String>,
}

/// A partner's TAXII 2.1 collection this Beacon reads (federation): whose
/// it is, where, with which token of theirs, and who of this Beacon's users
/// a RED object it brings is for. What it brings keeps its TLP and is shown
/// with the partner's name; the token is never listed or logged.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Subscription {
    /// Its id.
    pub id: String,
    /// The partner organisation (an organisation of this Beacon's).
    pub org: String,
    /// The collection's URL (`…/collections/{id}/`).
    pub url: String,
    /// The partner's token for this Beacon (`Authorization: Bearer`).
    pub token: String,
    /// Whether the collection may be on a private address.
    #[serde(default)]
    pub allow_private: bool,
    /// This Beacon's users a RED object is for (none: the operator only).
    #[serde(default)]
    pub recipients: Vec<String>,
}

impl std::fmt::Debug for Subscription {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Subscription")
            .field("id", &self.id)
            .field("org", &self.org)
            .field("url", &self.url)
            .field("token", &"(hidden)")
            .field("allow_private", &self.allow_private)
            .field("recipients", &self.recipients)
            .finish()
    }
}

impl Subscription {
    /// Checks its ids and URL.
    pub fn check(&self) -> Result<(), BadValue> {
        check_id("subscription", &self.id)?;
        check_id("organisation", &self.org)?;
        for r in &self.recipients {
            check_id("user", r)?;
        }
        let url = self.url.trim();
        if !(url.starts_with("https://") || url.starts_with("http://")) || !url.ends_with('/') {
            return Err(BadValue(format!(
                "{url:?} is not a TAXII collection's URL (http(s)://…/collections/ID/)"
            )));
        }
        if self.token.trim().is_empty() {
            return Err(BadValue("a subscription needs the partner's token".into()));
        }
        Ok(())
    }

    /// The marking of what it brings at `tlp`: this Beacon's organisation
    /// holds it as a recipient (AMBER: its organisation; AMBER+STRICT: its
    /// organisation only; RED: the subscription's recipients).
    pub fn marking(&self, tlp: Tlp) -> Marking {
        Marking::received(tlp, &self.recipients)
    }
}

/// Who may see a record: its TLP marking, the organisation that owns it,
/// the sharing groups it may go to (AMBER) and the named recipients (RED).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Marking {
    /// The TLP 2.0 marking.
    pub tlp: Tlp,
    /// The owning organisation; none: this Beacon's own.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub owner: Option<String>,
    /// The sharing groups an AMBER record may go to.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub groups: Vec<String>,
    /// The users a RED record is for.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub recipients: Vec<String>,
    /// A RED record derived from an AMBER or AMBER+STRICT one keeps that
    /// part's rule on organisations: its recipients must also be of the
    /// owner's organisation (or, for AMBER, of its groups').
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub within: Option<Tlp>,
}

impl Marking {
    /// A marking of this Beacon's own, to no group or recipient.
    pub fn of(tlp: Tlp) -> Marking {
        Marking {
            tlp,
            ..Marking::default()
        }
    }

    /// Whether it is `CLEAR`, this Beacon's own, to no one in particular:
    /// what a record without a marking has.
    pub fn is_clear(&self) -> bool {
        *self == Marking::default()
    }

    /// The rule on organisations this marking sets: none (`CLEAR`,
    /// `GREEN`, a plain `RED`), the owner's and its groups' (`AMBER`), or
    /// the owner's only (`AMBER+STRICT`).
    fn org_rule(&self) -> Option<Tlp> {
        match self.tlp {
            Tlp::Clear | Tlp::Green => None,
            Tlp::Amber | Tlp::AmberStrict => Some(self.tlp),
            Tlp::Red => self.within,
        }
    }

    /// The marking of a record derived from records marked `self` and
    /// `other`: whoever may see it may see both. The more restrictive
    /// TLP; the stricter rule on organisations, with the groups that both
    /// allow; the recipients that both allow; one owner when both have it.
    /// Parts of different owners under a rule on organisations have no one
    /// audience: the result is RED to no one (the operator's alone).
    pub fn combine(&self, other: &Marking) -> Marking {
        fn both(a: Option<&[String]>, b: Option<&[String]>) -> Vec<String> {
            let mut out: Vec<String> = match (a, b) {
                (Some(a), Some(b)) => a.iter().filter(|x| b.contains(x)).cloned().collect(),
                (Some(a), None) => a.to_vec(),
                (None, Some(b)) => b.to_vec(),
                (None, None) => Vec::new(),
            };
            out.sort();
            out.dedup();
            out
        }
        let tlp = self.tlp.max(other.tlp);
        let (ra, rb) = (self.org_rule(), other.org_rule());
        let rule = ra.max(rb);
        fn groups_of(m: &Marking, r: Option<Tlp>) -> Option<&[String]> {
            (r == Some(Tlp::Amber)).then_some(m.groups.as_slice())
        }
        fn recipients_of(m: &Marking) -> Option<&[String]> {
            (m.tlp == Tlp::Red).then_some(m.recipients.as_slice())
        }
        if self.owner != other.owner && rule.is_some() {
            return Marking::of(Tlp::Red);
        }
        Marking {
            tlp,
            owner: if self.owner == other.owner {
                self.owner.clone()
            } else {
                None
            },
            groups: if rule == Some(Tlp::Amber) {
                both(groups_of(self, ra), groups_of(other, rb))
            } else {
                Vec::new()
            },
            recipients: if tlp == Tlp::Red {
                both(recipients_of(self), recipients_of(other))
            } else {
                Vec::new()
            },
            within: if tlp == Tlp::Red { rule } else { None },
        }
    }

    /// The marking of a record a partner sent at `tlp`: this Beacon's
    /// organisation holds it as a recipient (AMBER: its organisation;
    /// AMBER+STRICT: its organisation only; RED: `recipients`, this
    /// Beacon's users it is for).
    pub fn received(tlp: Tlp, recipients: &[String]) -> Marking {
        Marking {
            tlp,
            recipients: if tlp == Tlp::Red {
                recipients.to_vec()
            } else {
                Vec::new()
            },
            ..Marking::default()
        }
    }

    /// Checks the ids it names.
    pub fn check(&self) -> Result<(), BadValue> {
        if let Some(o) = &self.owner {
            check_id("organisation", o)?;
        }
        if self.within.is_some_and(|w| w < Tlp::Amber || w == Tlp::Red) {
            return Err(BadValue(
                "a marking's \"within\" is amber or amber+strict".into(),
            ));
        }
        for g in &self.groups {
            check_id("group", g)?;
        }
        for r in &self.recipients {
            check_id("user", r)?;
        }
        Ok(())
    }
}

/// What a Beacon knows of its sharing: its own organisation and the
/// organisations of each sharing group.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Sharing {
    /// This Beacon's own organisation, when one is set.
    pub home: Option<String>,
    /// Each group's organisations, by group id.
    pub groups: HashMap<String, Vec<String>>,
}

/// Who asks: the person who runs Beacon, a user of an organisation (by a
/// token or a session), or anyone (no account).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Viewer {
    /// Whoever holds the store: sees everything.
    Operator,
    /// A user of an organisation.
    User {
        /// The user's id.
        id: String,
        /// Its organisation's id.
        org: String,
        /// What its token or session allows.
        scope: Scope,
    },
    /// Anyone: `CLEAR` only.
    Public,
}

impl Viewer {
    /// What this viewer may do.
    pub fn scope(&self) -> Option<Scope> {
        match self {
            Viewer::Operator => Some(Scope::Admin),
            Viewer::User { scope, .. } => Some(*scope),
            Viewer::Public => None,
        }
    }

    /// Whether this viewer may see a record marked `m`: the one place that
    /// decides it.
    pub fn may_see(&self, m: &Marking, sharing: &Sharing) -> bool {
        let (user, org) = match self {
            Viewer::Operator => return true,
            Viewer::Public => return m.tlp == Tlp::Clear,
            Viewer::User { id, org, .. } => (id, org),
        };
        let owner = m.owner.as_ref().or(sharing.home.as_ref());
        let owns = owner.is_some_and(|o| o == org);
        let in_groups = || {
            m.groups.iter().any(|g| {
                sharing
                    .groups
                    .get(g)
                    .is_some_and(|orgs| orgs.iter().any(|o| o == org))
            })
        };
        let org_ok = match m.org_rule() {
            None => true,
            Some(Tlp::Amber) => owns || in_groups(),
            Some(_) => owns,
        };
        org_ok && (m.tlp != Tlp::Red || m.recipients.iter().any(|r| r == user))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn user(id: &str, org: &str) -> Viewer {
        Viewer::User {
            id: id.into(),
            org: org.into(),
            scope: Scope::Read,
        }
    }

    fn sharing() -> Sharing {
        Sharing {
            home: Some("home".into()),
            groups: HashMap::from([("border".into(), vec!["home".into(), "ngo".into()])]),
        }
    }

    #[test]
    fn each_marking_reaches_its_audience_and_no_one_else() {
        let s = sharing();
        let (own, partner, other) = (user("amina", "home"), user("li", "ngo"), user("x", "press"));
        let amber = Marking {
            groups: vec!["border".into()],
            ..Marking::of(Tlp::Amber)
        };
        let strict = Marking {
            groups: vec!["border".into()],
            ..Marking::of(Tlp::AmberStrict)
        };
        let red = Marking {
            recipients: vec!["li".into()],
            ..Marking::of(Tlp::Red)
        };
        let cases = [
            (&Marking::of(Tlp::Clear), [true, true, true, true]),
            (&Marking::of(Tlp::Green), [true, true, true, false]),
            (&amber, [true, true, false, false]),
            (&Marking::of(Tlp::Amber), [true, false, false, false]),
            (&strict, [true, false, false, false]),
            (&red, [false, true, false, false]),
        ];
        for (m, want) in cases {
            let got = [&own, &partner, &other, &Viewer::Public].map(|v| v.may_see(m, &s));
            assert_eq!(got, want, "{m:?}");
            assert!(Viewer::Operator.may_see(m, &s));
        }
    }

    /// Whoever may see a combined record may see each of its parts, over
    /// random markings, groups and viewers.
    #[test]
    fn a_combined_marking_is_never_wider_than_a_part() {
        let mut rng = 0x2545_f491_4f6c_dd1du64;
        let mut next = |n: u64| {
            rng ^= rng << 13;
            rng ^= rng >> 7;
            rng ^= rng << 17;
            rng % n
        };
        let orgs = ["home", "a", "b", "c"];
        let users = ["u0", "u1", "u2"];
        for _ in 0..10_000 {
            let mut s = Sharing {
                home: Some("home".into()),
                groups: HashMap::new(),
            };
            for g in ["g0", "g1"] {
                let members = orgs
                    .iter()
                    .filter(|_| next(2) == 0)
                    .map(|o| (*o).to_owned())
                    .collect();
                s.groups.insert(g.into(), members);
            }
            let random = |next: &mut dyn FnMut(u64) -> u64| Marking {
                tlp: Tlp::ALL[next(5) as usize],
                owner: (next(3) == 0).then(|| orgs[next(4) as usize].to_owned()),
                groups: ["g0", "g1"]
                    .iter()
                    .filter(|_| next(2) == 0)
                    .map(|g| (*g).to_owned())
                    .collect(),
                recipients: users
                    .iter()
                    .filter(|_| next(2) == 0)
                    .map(|u| (*u).to_owned())
                    .collect(),
                within: [None, Some(Tlp::Amber), Some(Tlp::AmberStrict)][next(3) as usize],
            };
            let (a, b) = (random(&mut next), random(&mut next));
            let c = a.combine(&b);
            for org in orgs {
                for u in users {
                    let v = user(u, org);
                    assert!(
                        !v.may_see(&c, &s) || v.may_see(&a, &s) && v.may_see(&b, &s),
                        "{a:?} + {b:?} = {c:?} widens for {v:?}"
                    );
                }
            }
            assert!(!Viewer::Public.may_see(&c, &s) || c.tlp == Tlp::Clear);
        }
    }

    #[test]
    fn ids_are_checked() {
        assert!(check_id("user", "amina-k.2").is_ok());
        for bad in ["", "Amina", "-x", "a b", &"x".repeat(65)] {
            assert!(check_id("user", bad).is_err(), "{bad:?}");
        }
    }
}
