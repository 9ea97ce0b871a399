//! Organisations, users, sharing groups, API tokens and the audit log.
//!
//! A token is shown once, when it is made (`bcn_` and 43 characters of
//! URL-safe base64 over 32 random bytes); the store keeps only its SHA-256,
//! so a copy of the store gives no token away. Each token belongs to a
//! user, carries a scope no wider than the user's role and may expire; a
//! revoked or expired token, or one of a disabled user, is refused.

use beacon_model::sharing::check_id;
use beacon_model::{Group, Marking, Org, Scope, Sharing, Subscription, User, Viewer};
use chrono::{DateTime, Utc};
use rusqlite::{OptionalExtension, params};
use serde::Serialize;
use sha2::{Digest, Sha256};

use crate::{Store, StoreError, now, read, to_json};

pub(crate) const SCHEMA: &str = "
CREATE TABLE IF NOT EXISTS orgs (
    id            TEXT PRIMARY KEY,
    record        TEXT NOT NULL
) STRICT;
CREATE TABLE IF NOT EXISTS sharing_groups (
    id            TEXT PRIMARY KEY,
    record        TEXT NOT NULL
) STRICT;
CREATE TABLE IF NOT EXISTS users (
    id            TEXT PRIMARY KEY,
    org           TEXT NOT NULL REFERENCES orgs(id),
    record        TEXT NOT NULL
) STRICT;
CREATE TABLE IF NOT EXISTS tokens (
    id            TEXT PRIMARY KEY,
    hash          TEXT NOT NULL UNIQUE,
    user_id       TEXT NOT NULL REFERENCES users(id),
    scope         TEXT NOT NULL,
    note          TEXT,
    created_at    TEXT NOT NULL,
    expires_at    TEXT,
    revoked_at    TEXT
) STRICT;
CREATE TABLE IF NOT EXISTS subscriptions (
    id            TEXT PRIMARY KEY,
    record        TEXT NOT NULL,
    -- the last date_added read (TAXII's X-TAXII-Date-Added-Last)
    cursor        TEXT,
    pulled_at     TEXT
) STRICT;
-- what partners' collections brought: each object's latest version
CREATE TABLE IF NOT EXISTS imported (
    id            TEXT PRIMARY KEY,
    subscription  TEXT NOT NULL,
    org           TEXT NOT NULL,
    type          TEXT NOT NULL,
    version       TEXT NOT NULL,
    added_at      TEXT NOT NULL,
    -- who may see it here (a Marking as JSON); NULL: CLEAR
    marking       TEXT,
    record        TEXT NOT NULL
) STRICT;
CREATE INDEX IF NOT EXISTS imported_added ON imported(added_at, id);
CREATE TABLE IF NOT EXISTS passwords (
    user_id       TEXT PRIMARY KEY REFERENCES users(id),
    -- argon2id, PHC string
    hash          TEXT NOT NULL,
    failures      INTEGER NOT NULL DEFAULT 0,
    locked_until  TEXT
) STRICT;
CREATE TABLE IF NOT EXISTS sessions (
    -- SHA-256 of the session's id (the cookie)
    hash          TEXT PRIMARY KEY,
    user_id       TEXT NOT NULL REFERENCES users(id),
    csrf          TEXT NOT NULL,
    expires_at    TEXT NOT NULL
) STRICT;
CREATE TABLE IF NOT EXISTS audit (
    seq           INTEGER PRIMARY KEY AUTOINCREMENT,
    at            TEXT NOT NULL,
    actor         TEXT NOT NULL,
    action        TEXT NOT NULL,
    target        TEXT NOT NULL,
    detail        TEXT NOT NULL
) STRICT;
";

/// A token as listed: never its secret.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TokenInfo {
    /// Its id (the part of the token shown in lists).
    pub id: String,
    /// Its user.
    pub user: String,
    /// What it allows.
    pub scope: Scope,
    /// What it is for.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// When it was made.
    pub created_at: String,
    /// When it stops working, if ever.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub expires_at: Option<String>,
    /// When it was revoked.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub revoked_at: Option<String>,
}

/// A subscription with how far it has read.
#[derive(Debug, Clone)]
pub struct Subscribed {
    /// The subscription.
    pub sub: Subscription,
    /// The last `date_added` it read.
    pub read_to: Option<String>,
    /// When it last read.
    pub read_at: Option<String>,
}

/// An object a partner's collection brought, as it is kept.
#[derive(Debug, Clone)]
pub struct Imported {
    /// Its STIX id.
    pub id: String,
    /// Its STIX type.
    pub kind: String,
    /// Its version (`modified`, else `created`).
    pub version: String,
    /// Who may see it here.
    pub marking: Marking,
    /// Its JSON.
    pub record: String,
    /// The partner organisation it came from (as read back).
    pub org: String,
}

/// Failed sign-ins in a row that lock a user out.
pub const LOCK_AFTER: i64 = 5;
/// How long a lock-out lasts.
pub const LOCKED_FOR: chrono::Duration = chrono::Duration::minutes(15);
/// How long a session lasts.
pub const SESSION_FOR: chrono::Duration = chrono::Duration::hours(12);

/// What a sign-in came to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SignIn {
    /// A new session: its id (the cookie, shown once, kept as a hash) and
    /// its CSRF token (sent back with every change).
    Session {
        /// The session's id.
        id: String,
        /// Its CSRF token.
        csrf: String,
    },
    /// A wrong user or password.
    Refused,
    /// Too many failures: refused until then, whatever the password.
    Locked {
        /// When the lock ends.
        until: String,
    },
}

/// One line of the audit log.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AuditEntry {
    /// When.
    pub at: String,
    /// Who (`operator`, a user's id).
    pub actor: String,
    /// What (`token.create`, `user.add`, …).
    pub action: String,
    /// On what.
    pub target: String,
    /// More.
    pub detail: String,
}

fn digest(token: &str) -> String {
    let h = Sha256::digest(token.as_bytes());
    h.iter().map(|b| format!("{b:02x}")).collect()
}

/// URL-safe base64 without padding.
fn base64url(bytes: &[u8]) -> String {
    const A: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    let mut out = String::with_capacity(bytes.len() * 4 / 3 + 2);
    for chunk in bytes.chunks(3) {
        let n = chunk
            .iter()
            .enumerate()
            .fold(0u32, |n, (i, &b)| n | u32::from(b) << (16 - 8 * i));
        for i in 0..=chunk.len() {
            out.push(A[(n >> (18 - 6 * i) & 63) as usize] as char);
        }
    }
    out
}

fn invalid(e: impl std::fmt::Display) -> StoreError {
    StoreError::Invalid(e.to_string())
}

impl Store {
    /// Adds or replaces an organisation. The first one added is this
    /// Beacon's own unless one is already set.
    pub fn put_org(&mut self, o: &Org) -> Result<(), StoreError> {
        check_id("organisation", &o.id).map_err(invalid)?;
        self.conn.execute(
            "INSERT INTO orgs (id, record) VALUES (?1, ?2)
             ON CONFLICT(id) DO UPDATE SET record = excluded.record",
            params![o.id, to_json(o, &o.id)?],
        )?;
        self.conn.execute(
            "INSERT OR IGNORE INTO meta (key, value) VALUES ('home_org', ?1)",
            params![o.id],
        )?;
        Ok(())
    }

    /// Makes `id` (an organisation in the store) this Beacon's own.
    pub fn set_home_org(&mut self, id: &str) -> Result<(), StoreError> {
        if self.org(id)?.is_none() {
            return Err(invalid(format!("no organisation {id:?}")));
        }
        self.conn.execute(
            "INSERT INTO meta (key, value) VALUES ('home_org', ?1)
             ON CONFLICT(key) DO UPDATE SET value = excluded.value",
            params![id],
        )?;
        Ok(())
    }

    /// One organisation.
    pub fn org(&self, id: &str) -> Result<Option<Org>, StoreError> {
        let rec: Option<String> = self
            .conn
            .prepare_cached("SELECT record FROM orgs WHERE id = ?1")?
            .query_row([id], |r| r.get(0))
            .optional()?;
        rec.map(|r| read(id, &r)).transpose()
    }

    /// Every organisation, by id.
    pub fn orgs(&self) -> Result<Vec<Org>, StoreError> {
        let mut stmt = self
            .conn
            .prepare("SELECT id, record FROM orgs ORDER BY id")?;
        crate::records(&mut stmt, &[])
    }

    /// Adds or replaces a sharing group; its organisations must exist.
    pub fn put_group(&mut self, g: &Group) -> Result<(), StoreError> {
        check_id("group", &g.id).map_err(invalid)?;
        for o in &g.orgs {
            if self.org(o)?.is_none() {
                return Err(invalid(format!("group {:?}: no organisation {o:?}", g.id)));
            }
        }
        self.conn.execute(
            "INSERT INTO sharing_groups (id, record) VALUES (?1, ?2)
             ON CONFLICT(id) DO UPDATE SET record = excluded.record",
            params![g.id, to_json(g, &g.id)?],
        )?;
        Ok(())
    }

    /// Every sharing group, by id.
    pub fn groups(&self) -> Result<Vec<Group>, StoreError> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT id, record FROM sharing_groups ORDER BY id")?;
        crate::records(&mut stmt, &[])
    }

    /// What [`Viewer::may_see`] needs: this Beacon's organisation and each
    /// group's organisations.
    pub fn sharing(&self) -> Result<Sharing, StoreError> {
        Ok(Sharing {
            home: self.home_org_id()?,
            groups: self.groups()?.into_iter().map(|g| (g.id, g.orgs)).collect(),
        })
    }

    /// The id of this Beacon's own organisation, when one is set.
    pub fn home_org_id(&self) -> Result<Option<String>, StoreError> {
        Ok(self
            .conn
            .prepare_cached("SELECT value FROM meta WHERE key = 'home_org'")?
            .query_row([], |r| r.get(0))
            .optional()?)
    }

    /// This Beacon's own organisation, when one is set.
    pub fn home_org(&self) -> Result<Option<Org>, StoreError> {
        match self.home_org_id()? {
            Some(id) => self.org(&id),
            None => Ok(None),
        }
    }

    /// Adds or replaces a user; its organisation must exist.
    pub fn put_user(&mut self, u: &User) -> Result<(), StoreError> {
        check_id("user", &u.id).map_err(invalid)?;
        if self.org(&u.org)?.is_none() {
            return Err(invalid(format!(
                "user {:?}: no organisation {:?}",
                u.id, u.org
            )));
        }
        self.conn.execute(
            "INSERT INTO users (id, org, record) VALUES (?1, ?2, ?3)
             ON CONFLICT(id) DO UPDATE SET org = excluded.org, record = excluded.record",
            params![u.id, u.org, to_json(u, &u.id)?],
        )?;
        Ok(())
    }

    /// One user.
    pub fn user(&self, id: &str) -> Result<Option<User>, StoreError> {
        let rec: Option<String> = self
            .conn
            .prepare_cached("SELECT record FROM users WHERE id = ?1")?
            .query_row([id], |r| r.get(0))
            .optional()?;
        rec.map(|r| read(id, &r)).transpose()
    }

    /// Every user, by id.
    pub fn users(&self) -> Result<Vec<User>, StoreError> {
        let mut stmt = self
            .conn
            .prepare("SELECT id, record FROM users ORDER BY id")?;
        crate::records(&mut stmt, &[])
    }

    /// Makes a token for `user` with `scope` (no wider than its role
    /// allows), expiring at `expires` if given. Returns its listing and the
    /// token itself, which is never shown again.
    pub fn create_token(
        &mut self,
        user: &str,
        scope: Scope,
        expires: Option<DateTime<Utc>>,
        note: Option<&str>,
    ) -> Result<(TokenInfo, String), StoreError> {
        let u = self
            .user(user)?
            .ok_or_else(|| invalid(format!("no user {user:?}")))?;
        if scope > u.role.widest() {
            return Err(invalid(format!(
                "a {} may hold tokens up to {}, not {}",
                u.role,
                u.role.widest(),
                scope
            )));
        }
        let mut secret = [0u8; 32];
        getrandom::fill(&mut secret).map_err(|e| invalid(format!("no randomness: {e}")))?;
        let token = format!("bcn_{}", base64url(&secret));
        let id = digest(&token)[..12].to_owned();
        let info = TokenInfo {
            id,
            user: u.id,
            scope,
            note: note.map(str::to_owned),
            created_at: now(),
            expires_at: expires.map(|t| t.to_rfc3339_opts(chrono::SecondsFormat::Secs, true)),
            revoked_at: None,
        };
        self.conn.execute(
            "INSERT INTO tokens (id, hash, user_id, scope, note, created_at, expires_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            params![
                info.id,
                digest(&token),
                info.user,
                scope.as_str(),
                info.note,
                info.created_at,
                info.expires_at
            ],
        )?;
        Ok((info, token))
    }

    /// Revokes a token by its id; whether there was one not yet revoked.
    pub fn revoke_token(&mut self, id: &str) -> Result<bool, StoreError> {
        Ok(self.conn.execute(
            "UPDATE tokens SET revoked_at = ?2 WHERE id = ?1 AND revoked_at IS NULL",
            params![id, now()],
        )? > 0)
    }

    /// Every token (never their secrets), newest first.
    pub fn tokens(&self) -> Result<Vec<TokenInfo>, StoreError> {
        let mut stmt = self.conn.prepare(
            "SELECT id, user_id, scope, note, created_at, expires_at, revoked_at
             FROM tokens ORDER BY created_at DESC, id",
        )?;
        let rows = stmt.query_map([], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, Option<String>>(3)?,
                r.get::<_, String>(4)?,
                r.get::<_, Option<String>>(5)?,
                r.get::<_, Option<String>>(6)?,
            ))
        })?;
        let mut out = Vec::new();
        for row in rows {
            let (id, user, scope, note, created_at, expires_at, revoked_at) = row?;
            out.push(TokenInfo {
                scope: scope.parse().map_err(invalid)?,
                id,
                user,
                note,
                created_at,
                expires_at,
                revoked_at,
            });
        }
        Ok(out)
    }

    /// Who a token speaks for, when it is one of the store's, unrevoked,
    /// unexpired, and its user is enabled: the user, its organisation, and
    /// the narrower of the token's scope and what the user's role allows
    /// now.
    pub fn viewer_of_token(&self, token: &str) -> Result<Option<Viewer>, StoreError> {
        let row: Option<(String, String, Option<String>)> = self
            .conn
            .prepare_cached(
                "SELECT user_id, scope, expires_at FROM tokens WHERE hash = ?1 AND revoked_at IS NULL",
            )?
            .query_row([digest(token)], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
            .optional()?;
        let Some((user, scope, expires)) = row else {
            return Ok(None);
        };
        if let Some(e) = expires
            && DateTime::parse_from_rfc3339(&e).map_or(true, |e| e <= Utc::now())
        {
            return Ok(None);
        }
        let Some(u) = self.user(&user)? else {
            return Ok(None);
        };
        if u.disabled {
            return Ok(None);
        }
        let scope: Scope = scope.parse().map_err(invalid)?;
        Ok(Some(Viewer::User {
            id: u.id,
            org: u.org,
            scope: scope.min(u.role.widest()),
        }))
    }

    /// Adds or replaces a subscription to a partner's collection (its
    /// organisation must exist); what it read so far stays.
    pub fn put_subscription(&mut self, sub: &Subscription) -> Result<(), StoreError> {
        sub.check().map_err(invalid)?;
        if self.org(&sub.org)?.is_none() {
            return Err(invalid(format!(
                "subscription {:?}: no organisation {:?}",
                sub.id, sub.org
            )));
        }
        self.conn.execute(
            "INSERT INTO subscriptions (id, record) VALUES (?1, ?2)
             ON CONFLICT(id) DO UPDATE SET record = excluded.record",
            params![sub.id, to_json(sub, &sub.id)?],
        )?;
        Ok(())
    }

    /// Every subscription with the last `date_added` it read and when it
    /// last read, by id.
    pub fn subscriptions(&self) -> Result<Vec<Subscribed>, StoreError> {
        let mut stmt = self
            .conn
            .prepare("SELECT id, record, cursor, pulled_at FROM subscriptions ORDER BY id")?;
        let rows = stmt.query_map([], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get(2)?,
                r.get(3)?,
            ))
        })?;
        let mut out = Vec::new();
        for row in rows {
            let (id, record, read_to, read_at) = row?;
            out.push(Subscribed {
                sub: read(&id, &record)?,
                read_to,
                read_at,
            });
        }
        Ok(out)
    }

    /// Keeps what a partner sent (`source`: a subscription's id, or a
    /// MISP feed's): each object (its id, type, version, partner and JSON)
    /// with its marking here, the newest version of an object replacing an
    /// older; then a subscription's last `date_added` read.
    pub fn put_imported(
        &mut self,
        source: &str,
        objects: &[Imported],
        cursor: Option<&str>,
    ) -> Result<usize, StoreError> {
        let at = now();
        let mut kept = 0;
        for o in objects {
            kept += self.conn.execute(
                "INSERT INTO imported (id, subscription, org, type, version, added_at, marking, record)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)
                 ON CONFLICT(id) DO UPDATE SET subscription = excluded.subscription,
                    org = excluded.org, type = excluded.type, version = excluded.version,
                    added_at = excluded.added_at, marking = excluded.marking, record = excluded.record
                 WHERE excluded.version > imported.version",
                params![
                    o.id,
                    source,
                    o.org,
                    o.kind,
                    o.version,
                    at,
                    crate::marking_column(&o.marking, &o.id)?,
                    o.record
                ],
            )?;
            self.note_marking(&o.marking, &o.id)?;
        }
        self.conn.execute(
            "UPDATE subscriptions SET cursor = COALESCE(?2, cursor), pulled_at = ?3 WHERE id = ?1",
            params![source, cursor, at],
        )?;
        Ok(kept)
    }

    /// What partners brought that `sees` allows, the newest first: how many
    /// in all, and the page: each object's partner organisation, its
    /// marking here and its JSON.
    pub fn imported_for(
        &self,
        limit: u32,
        offset: u32,
        sees: crate::Sees<'_>,
    ) -> Result<(u64, Vec<Imported>), StoreError> {
        let (cond, allowed) = self
            .visible_clause(sees)?
            .unwrap_or_else(|| ("1".to_owned(), Vec::new()));
        let args: Vec<&dyn rusqlite::ToSql> =
            allowed.iter().map(|m| m as &dyn rusqlite::ToSql).collect();
        let total: i64 = self
            .conn
            .prepare(&format!("SELECT COUNT(*) FROM imported WHERE {cond}"))?
            .query_row(args.as_slice(), |r| r.get(0))?;
        let mut page_args = args.clone();
        page_args.push(&limit);
        page_args.push(&offset);
        let mut stmt = self.conn.prepare(&format!(
            "SELECT id, type, version, COALESCE(marking, ''), record, org FROM imported
             WHERE {cond} ORDER BY added_at DESC, id LIMIT ? OFFSET ?"
        ))?;
        let rows = stmt.query_map(page_args.as_slice(), |r| {
            let text = |k: usize| r.get::<_, String>(k);
            Ok([text(0)?, text(1)?, text(2)?, text(3)?, text(4)?, text(5)?])
        })?;
        let mut out = Vec::new();
        for row in rows {
            let [id, kind, version, marking, record, org] = row?;
            let marking = if marking.is_empty() {
                Marking::default()
            } else {
                read("an imported object's marking", &marking)?
            };
            out.push(Imported {
                id,
                kind,
                version,
                marking,
                record,
                org,
            });
        }
        Ok((total as u64, out))
    }

    /// Sets a user's password (argon2id, a random salt).
    pub fn set_password(&mut self, user: &str, password: &str) -> Result<(), StoreError> {
        use argon2::password_hash::{PasswordHasher, SaltString};
        if self.user(user)?.is_none() {
            return Err(invalid(format!("no user {user:?}")));
        }
        if password.chars().count() < 12 {
            return Err(invalid("a password is at least 12 characters"));
        }
        let mut salt = [0u8; 16];
        getrandom::fill(&mut salt).map_err(|e| invalid(format!("no randomness: {e}")))?;
        let salt = SaltString::encode_b64(&salt).map_err(invalid)?;
        let hash = argon2::Argon2::default()
            .hash_password(password.as_bytes(), &salt)
            .map_err(invalid)?
            .to_string();
        self.conn.execute(
            "INSERT INTO passwords (user_id, hash) VALUES (?1, ?2)
             ON CONFLICT(user_id) DO UPDATE SET hash = excluded.hash, failures = 0, locked_until = NULL",
            params![user, hash],
        )?;
        Ok(())
    }

    /// Signs a user in: a new session when the password is right and the
    /// user neither locked out nor disabled; [`LOCK_AFTER`] failures in a
    /// row lock it out for [`LOCKED_FOR`]. An unknown user costs the same
    /// work as a known one.
    pub fn sign_in(&mut self, user: &str, password: &str) -> Result<SignIn, StoreError> {
        use argon2::password_hash::{PasswordHash, PasswordVerifier};
        let row: Option<(String, i64, Option<String>)> = self
            .conn
            .query_row(
                "SELECT hash, failures, locked_until FROM passwords WHERE user_id = ?1",
                [user],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
            )
            .optional()?;
        let now_t = Utc::now();
        // a hash to check an unknown user against: the same work either way
        const NOBODY: &str = "$argon2id$v=19$m=19456,t=2,p=1$bm9ib2R5bm9ib2R5$zW3bF2RMxYP9bYeEuqr/Vn4DGh2vCnFVxu9ViRtoCbU";
        let stored = row.as_ref().map_or(NOBODY, |r| r.0.as_str());
        let right = PasswordHash::new(stored).is_ok_and(|h| {
            argon2::Argon2::default()
                .verify_password(password.as_bytes(), &h)
                .is_ok()
        });
        let Some((_, failures, locked)) = row else {
            return Ok(SignIn::Refused);
        };
        if let Some(until) = locked
            && DateTime::parse_from_rfc3339(&until).is_ok_and(|u| u > now_t)
        {
            return Ok(SignIn::Locked { until });
        }
        let enabled = self.user(user)?.is_some_and(|u| !u.disabled);
        if !right || !enabled {
            let failures = failures + 1;
            let lock = (failures >= LOCK_AFTER)
                .then(|| (now_t + LOCKED_FOR).to_rfc3339_opts(chrono::SecondsFormat::Secs, true));
            self.conn.execute(
                "UPDATE passwords SET failures = ?2, locked_until = ?3 WHERE user_id = ?1",
                params![user, if lock.is_some() { 0 } else { failures }, lock],
            )?;
            return Ok(match lock {
                Some(until) => SignIn::Locked { until },
                None => SignIn::Refused,
            });
        }
        self.conn.execute(
            "UPDATE passwords SET failures = 0, locked_until = NULL WHERE user_id = ?1",
            [user],
        )?;
        let mut bytes = [0u8; 64];
        getrandom::fill(&mut bytes).map_err(|e| invalid(format!("no randomness: {e}")))?;
        let (id, csrf) = (base64url(&bytes[..32]), base64url(&bytes[32..]));
        self.conn.execute(
            "INSERT INTO sessions (hash, user_id, csrf, expires_at) VALUES (?1, ?2, ?3, ?4)",
            params![
                digest(&id),
                user,
                csrf,
                (now_t + SESSION_FOR).to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
            ],
        )?;
        Ok(SignIn::Session { id, csrf })
    }

    /// Who a session speaks for (its user, with what the user's role
    /// allows), and its CSRF token; none when it is unknown, expired, or
    /// its user disabled.
    pub fn viewer_of_session(&self, id: &str) -> Result<Option<(Viewer, String)>, StoreError> {
        let row: Option<(String, String, String)> = self
            .conn
            .prepare_cached("SELECT user_id, csrf, expires_at FROM sessions WHERE hash = ?1")?
            .query_row([digest(id)], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
            .optional()?;
        let Some((user, csrf, expires)) = row else {
            return Ok(None);
        };
        if DateTime::parse_from_rfc3339(&expires).map_or(true, |e| e <= Utc::now()) {
            return Ok(None);
        }
        Ok(self.user(&user)?.filter(|u| !u.disabled).map(|u| {
            let scope = u.role.widest();
            (
                Viewer::User {
                    id: u.id,
                    org: u.org,
                    scope,
                },
                csrf,
            )
        }))
    }

    /// Ends a session.
    pub fn sign_out(&mut self, id: &str) -> Result<(), StoreError> {
        self.conn
            .execute("DELETE FROM sessions WHERE hash = ?1", [digest(id)])?;
        Ok(())
    }

    /// Writes a line of the audit log.
    pub fn audit(
        &mut self,
        actor: &str,
        action: &str,
        target: &str,
        detail: &str,
    ) -> Result<(), StoreError> {
        self.conn.execute(
            "INSERT INTO audit (at, actor, action, target, detail) VALUES (?1, ?2, ?3, ?4, ?5)",
            params![now(), actor, action, target, detail],
        )?;
        Ok(())
    }

    /// The newest `limit` lines of the audit log, newest first.
    pub fn audit_log(&self, limit: u32) -> Result<Vec<AuditEntry>, StoreError> {
        let mut stmt = self.conn.prepare(
            "SELECT at, actor, action, target, detail FROM audit ORDER BY seq DESC LIMIT ?1",
        )?;
        let rows = stmt.query_map([limit], |r| {
            Ok(AuditEntry {
                at: r.get(0)?,
                actor: r.get(1)?,
                action: r.get(2)?,
                target: r.get(3)?,
                detail: r.get(4)?,
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use beacon_model::Role;

    fn store() -> (tempfile::TempDir, Store) {
        let dir = tempfile::tempdir().expect("a temp dir");
        let s = Store::open(dir.path()).expect("a store");
        (dir, s)
    }

    #[test]
    fn base64url_is_rfc_4648() {
        assert_eq!(base64url(b""), "");
        assert_eq!(base64url(b"f"), "Zg");
        assert_eq!(base64url(b"fo"), "Zm8");
        assert_eq!(base64url(b"foo"), "Zm9v");
        assert_eq!(base64url(&[0xfb, 0xff]), "-_8");
        assert_eq!(base64url(&[0u8; 32]).len(), 43);
    }

    #[test]
    fn a_token_speaks_for_its_user_until_revoked_expired_or_disabled() {
        let (_d, mut s) = store();
        s.put_org(&Org {
            id: "home".into(),
            name: "Home".into(),
        })
        .expect("org");
        let mut u = User {
            id: "amina".into(),
            org: "home".into(),
            role: Role::Analyst,
            disabled: false,
        };
        s.put_user(&u).expect("user");
        assert!(s.create_token("amina", Scope::Admin, None, None).is_err());
        let (info, token) = s
            .create_token("amina", Scope::Write, None, None)
            .expect("token");
        assert!(token.starts_with("bcn_") && token.len() == 47);
        let want = Viewer::User {
            id: "amina".into(),
            org: "home".into(),
            scope: Scope::Write,
        };
        assert_eq!(s.viewer_of_token(&token).expect("read"), Some(want));
        assert_eq!(s.viewer_of_token("bcn_guess").expect("read"), None);
        // the store keeps no secret
        let kept: String = s
            .conn
            .query_row(
                "SELECT group_concat(hash || id || user_id) FROM tokens",
                [],
                |r| r.get(0),
            )
            .expect("row");
        assert!(!kept.contains(&token[4..]));
        // a user whose role shrinks gets the narrower scope
        u.role = Role::Reader;
        s.put_user(&u).expect("user");
        assert!(matches!(
            s.viewer_of_token(&token).expect("read"),
            Some(Viewer::User {
                scope: Scope::Read,
                ..
            })
        ));
        u.disabled = true;
        s.put_user(&u).expect("user");
        assert_eq!(s.viewer_of_token(&token).expect("read"), None);
        u.disabled = false;
        s.put_user(&u).expect("user");
        assert!(s.revoke_token(&info.id).expect("revoke"));
        assert_eq!(s.viewer_of_token(&token).expect("read"), None);
        let past = Utc::now() - chrono::Duration::seconds(1);
        let (_, old) = s
            .create_token("amina", Scope::Read, Some(past), None)
            .expect("token");
        assert_eq!(s.viewer_of_token(&old).expect("read"), None);
        assert_eq!(s.tokens().expect("list").len(), 2);
    }

    #[test]
    fn a_password_signs_in_and_five_failures_lock_the_user_out() {
        let (_d, mut s) = store();
        s.put_org(&Org {
            id: "home".into(),
            name: "Home".into(),
        })
        .expect("org");
        s.put_user(&User {
            id: "amina".into(),
            org: "home".into(),
            role: Role::Analyst,
            disabled: false,
        })
        .expect("user");
        assert!(s.set_password("amina", "short").is_err());
        s.set_password("amina", "a long enough passphrase")
            .expect("password");
        let stored: String = s
            .conn
            .query_row("SELECT hash FROM passwords", [], |r| r.get(0))
            .expect("row");
        assert!(stored.starts_with("$argon2id$") && !stored.contains("passphrase"));
        assert_eq!(
            s.sign_in("nobody", "whatever it is").expect("tried"),
            SignIn::Refused
        );
        let SignIn::Session { id, csrf } = s
            .sign_in("amina", "a long enough passphrase")
            .expect("signed in")
        else {
            panic!("no session");
        };
        let (v, c) = s.viewer_of_session(&id).expect("read").expect("a session");
        assert_eq!(c, csrf);
        assert!(matches!(
            v,
            Viewer::User {
                scope: Scope::Write,
                ..
            }
        ));
        // a second sign-in is a new session: an id is never reused
        let SignIn::Session { id: again, .. } = s
            .sign_in("amina", "a long enough passphrase")
            .expect("signed in")
        else {
            panic!("no session");
        };
        assert_ne!(id, again);
        s.sign_out(&id).expect("out");
        assert_eq!(s.viewer_of_session(&id).expect("read"), None);
        for k in 1..LOCK_AFTER {
            assert_eq!(
                s.sign_in("amina", "wrong").expect("tried"),
                SignIn::Refused,
                "{k}"
            );
        }
        assert!(matches!(
            s.sign_in("amina", "wrong").expect("tried"),
            SignIn::Locked { .. }
        ));
        // locked: the right password is refused too
        assert!(matches!(
            s.sign_in("amina", "a long enough passphrase")
                .expect("tried"),
            SignIn::Locked { .. }
        ));
    }

    #[test]
    fn the_first_organisation_is_home_and_groups_name_known_ones() {
        let (_d, mut s) = store();
        for id in ["home", "ngo"] {
            s.put_org(&Org {
                id: id.into(),
                name: id.into(),
            })
            .expect("org");
        }
        let bad = Group {
            id: "g".into(),
            name: "G".into(),
            orgs: vec!["nobody".into()],
        };
        assert!(s.put_group(&bad).is_err());
        s.put_group(&Group {
            orgs: vec!["home".into(), "ngo".into()],
            ..bad
        })
        .expect("group");
        let sh = s.sharing().expect("sharing");
        assert_eq!(sh.home.as_deref(), Some("home"));
        assert_eq!(sh.groups["g"], vec!["home".to_owned(), "ngo".to_owned()]);
        s.set_home_org("ngo").expect("home");
        assert_eq!(s.sharing().expect("sharing").home.as_deref(), Some("ngo"));
        s.audit("operator", "org.home", "ngo", "").expect("audit");
        assert_eq!(s.audit_log(10).expect("log")[0].action, "org.home");
    }
}
