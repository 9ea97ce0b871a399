//! robots.txt as RFC 9309 reads it: the groups for Beacon's product token
//! (else those for `*`), `allow` and `disallow` rules with `*` and `$`,
//! the longest match deciding (`allow` on a tie), and the common
//! `crawl-delay` extension.

use std::time::Duration;

/// The rules that apply to Beacon on one host.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Robots {
    /// `(allow, pattern)`.
    rules: Vec<(bool, String)>,
    /// `crawl-delay`, where the group gives one.
    pub crawl_delay: Option<Duration>,
    /// Why robots.txt could not be read, where it could not.
    pub unreadable: Option<String>,
}

/// Where robots.txt could not be read (the server answered with an error):
/// every path is disallowed, as RFC 9309 asks (§2.3.1.4), for the reason
/// given.
pub fn unreachable(why: &str) -> Robots {
    Robots {
        rules: vec![(false, "/".into())],
        crawl_delay: None,
        unreadable: Some(why.to_owned()),
    }
}

impl Robots {
    /// No rules: everything allowed (robots.txt absent, `4xx`).
    pub fn allow_all() -> Robots {
        Robots::default()
    }

    /// The rules of `text` for the product token `agent` (`beacon`).
    pub fn parse(text: &str, agent: &str) -> Robots {
        let agent = agent.to_ascii_lowercase();
        let mut mine = Robots::default();
        let mut star = Robots::default();
        let (mut any_mine, mut any_star) = (false, false);
        // the user agents of the group being read, and whether its rules began
        let mut group: Vec<String> = Vec::new();
        let mut in_rules = false;
        for line in text.lines() {
            let line = line.split('#').next().unwrap_or("").trim();
            let Some((key, value)) = line.split_once(':') else {
                continue;
            };
            let (key, value) = (key.trim().to_ascii_lowercase(), value.trim());
            if key == "user-agent" {
                if in_rules {
                    group.clear();
                    in_rules = false;
                }
                group.push(value.to_ascii_lowercase());
                continue;
            }
            in_rules = true;
            let for_me = group.contains(&agent);
            let for_all = group.iter().any(|g| g == "*");
            let targets: Vec<&mut Robots> = match (for_me, for_all) {
                (true, true) => vec![&mut mine, &mut star],
                (true, false) => vec![&mut mine],
                (false, true) => vec![&mut star],
                (false, false) => continue,
            };
            any_mine |= for_me;
            any_star |= for_all;
            for r in targets {
                match key.as_str() {
                    "allow" | "disallow" if !value.is_empty() => {
                        r.rules.push((key == "allow", value.to_owned()));
                    }
                    "crawl-delay" => {
                        r.crawl_delay = value
                            .parse::<f64>()
                            .ok()
                            .filter(|s| s.is_finite() && *s >= 0.0)
                            .map(|s| Duration::from_secs_f64(s.min(3600.0)));
                    }
                    _ => {}
                }
            }
        }
        match (any_mine, any_star) {
            (true, _) => mine,
            (false, true) => star,
            _ => Robots::default(),
        }
    }

    /// Whether Beacon may fetch `path` (the URL's path and query).
    pub fn allows(&self, path: &str) -> bool {
        if path == "/robots.txt" {
            return true;
        }
        let mut best: Option<(usize, bool)> = None;
        for (allow, pattern) in &self.rules {
            if matches(pattern, path) {
                let len = pattern.len();
                best = match best {
                    Some((l, a)) if l > len || (l == len && a) => Some((l, a)),
                    _ => Some((len, *allow)),
                };
            }
        }
        best.is_none_or(|(_, allow)| allow)
    }
}

/// Whether a robots.txt path pattern matches the start of `path` (`*` any
/// run of characters, a final `$` the end).
fn matches(pattern: &str, path: &str) -> bool {
    let (pattern, anchored) = match pattern.strip_suffix('$') {
        Some(p) => (p, true),
        None => (pattern, false),
    };
    let parts: Vec<&str> = pattern.split('*').collect();
    let mut rest = match path.strip_prefix(parts[0]) {
        Some(r) => r,
        None => return false,
    };
    for (i, p) in parts.iter().enumerate().skip(1) {
        let last = i == parts.len() - 1;
        if last && anchored {
            return rest.ends_with(p);
        }
        match rest.find(p) {
            Some(k) => rest = &rest[k + p.len()..],
            None => return false,
        }
    }
    !anchored || rest.is_empty()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_longest_rule_for_beacon_decides() {
        let text = "# comment\nUser-agent: *\nDisallow: /private/\nCrawl-delay: 2\n\n\
                    User-agent: Beacon\nUser-agent: other\nDisallow: /news/drafts\nAllow: /news/drafts/public\nDisallow: /*.pdf$\nCrawl-delay: 0.5\n";
        let r = Robots::parse(text, "beacon");
        assert!(
            r.allows("/private/x"),
            "Beacon's group replaces the * group"
        );
        assert!(!r.allows("/news/drafts/1"));
        assert!(r.allows("/news/drafts/public/2"));
        assert!(!r.allows("/files/report.pdf"));
        assert!(r.allows("/files/report.pdf?x=1"));
        assert_eq!(r.crawl_delay, Some(Duration::from_millis(500)));
        let star = Robots::parse(text, "someone");
        assert!(!star.allows("/private/x"));
        assert_eq!(star.crawl_delay, Some(Duration::from_secs(2)));
    }

    #[test]
    fn nothing_said_allows_and_unreachable_forbids() {
        assert!(Robots::parse("", "beacon").allows("/a"));
        assert!(Robots::parse("User-agent: *\nDisallow:\n", "beacon").allows("/a"));
        assert!(!Robots::parse("User-agent: *\nDisallow: /\n", "beacon").allows("/a"));
        assert!(Robots::parse("User-agent: *\nDisallow: /\n", "beacon").allows("/robots.txt"));
        assert!(!unreachable("robots.txt answered 503").allows("/a"));
        let tie = Robots::parse("User-agent: *\nDisallow: /a\nAllow: /a\n", "beacon");
        assert!(tie.allows("/a/b"), "allow wins a tie");
    }
}
