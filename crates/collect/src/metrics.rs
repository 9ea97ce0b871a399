//! The collector's counters, for `/metrics` (the Prometheus text format):
//! requests by what they asked for and how they ended, bytes, request and
//! filing time, pages by outcome, sources waiting, rounds, alerts raised,
//! and the pipeline's time in each stage.

use std::collections::BTreeMap;
use std::fmt::Write;
use std::sync::Mutex;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

/// Counters shared by the collector's threads and whoever renders them.
#[derive(Debug, Default)]
pub struct Metrics {
    /// Requests by (what was asked: `listing`, `page`, `robots`; the status,
    /// or `error`).
    requests: Mutex<BTreeMap<(&'static str, String), u64>>,
    bytes: AtomicU64,
    request_micros: AtomicU64,
    /// Pages by outcome (`stored`, `duplicate`, `rejected`, `deferred`).
    pages: Mutex<BTreeMap<&'static str, u64>>,
    file_micros: AtomicU64,
    filed: AtomicU64,
    sources_waiting: AtomicU64,
    rounds: AtomicU64,
    alerts: AtomicU64,
    /// The pipeline's stages: (name, seconds, articles), as last told.
    stages: Mutex<Vec<(&'static str, f64, u64)>>,
}

impl Metrics {
    /// A request that ended with `status` (`None`: no answer), `bytes` read,
    /// in `took`.
    pub fn request(&self, asked: &'static str, status: Option<u16>, bytes: usize, took: Duration) {
        let status = status.map_or_else(|| "error".to_owned(), |s| s.to_string());
        if let Ok(mut m) = self.requests.lock() {
            *m.entry((asked, status)).or_default() += 1;
        }
        self.bytes.fetch_add(bytes as u64, Ordering::Relaxed);
        self.request_micros
            .fetch_add(took.as_micros() as u64, Ordering::Relaxed);
    }

    /// A page handed over and filed as `outcome`, in `took`.
    pub fn filed(&self, outcome: &'static str, took: Duration) {
        self.page(outcome);
        self.filed.fetch_add(1, Ordering::Relaxed);
        self.file_micros
            .fetch_add(took.as_micros() as u64, Ordering::Relaxed);
    }

    /// A page counted as `outcome` (`deferred`: left for the next round).
    pub fn page(&self, outcome: &'static str) {
        if let Ok(mut m) = self.pages.lock() {
            *m.entry(outcome).or_default() += 1;
        }
    }

    /// Sources not yet begun in the round under way.
    pub fn sources_waiting(&self, n: usize) {
        self.sources_waiting.store(n as u64, Ordering::Relaxed);
    }

    /// A round done, with the alerts it raised.
    pub fn round(&self, alerts: usize) {
        self.rounds.fetch_add(1, Ordering::Relaxed);
        self.alerts.fetch_add(alerts as u64, Ordering::Relaxed);
    }

    /// The pipeline's time in each stage so far (name, time, articles).
    pub fn stages(&self, times: &[(&'static str, Duration, u64)]) {
        if let Ok(mut s) = self.stages.lock() {
            *s = times
                .iter()
                .map(|(n, t, c)| (*n, t.as_secs_f64(), *c))
                .collect();
        }
    }

    /// The counters in the Prometheus text exposition format.
    pub fn render(&self) -> String {
        let mut out = String::new();
        let mut metric = |name: &str, kind: &str, help: &str, lines: Vec<(String, f64)>| {
            let _ = writeln!(out, "# HELP {name} {help}\n# TYPE {name} {kind}");
            for (labels, v) in lines {
                let _ = writeln!(out, "{name}{labels} {v}");
            }
        };
        let requests: Vec<(String, f64)> = self
            .requests
            .lock()
            .map(|m| {
                m.iter()
                    .map(|((asked, status), n)| {
                        (
                            format!("{{asked=\"{asked}\",status=\"{status}\"}}"),
                            *n as f64,
                        )
                    })
                    .collect()
            })
            .unwrap_or_default();
        let count: f64 = requests.iter().map(|(_, n)| n).sum();
        metric(
            "beacon_collect_requests_total",
            "counter",
            "Requests made, by what they asked for and their status (error: no answer).",
            requests,
        );
        let get = |a: &AtomicU64| a.load(Ordering::Relaxed) as f64;
        metric(
            "beacon_collect_bytes_total",
            "counter",
            "Bytes read from answers (unpacked).",
            vec![(String::new(), get(&self.bytes))],
        );
        metric(
            "beacon_collect_request_seconds_sum",
            "counter",
            "Time spent in requests.",
            vec![(String::new(), get(&self.request_micros) / 1e6)],
        );
        metric(
            "beacon_collect_request_seconds_count",
            "counter",
            "Requests timed.",
            vec![(String::new(), count)],
        );
        let pages: Vec<(String, f64)> = self
            .pages
            .lock()
            .map(|m| {
                m.iter()
                    .map(|(o, n)| (format!("{{outcome=\"{o}\"}}"), *n as f64))
                    .collect()
            })
            .unwrap_or_default();
        metric(
            "beacon_collect_pages_total",
            "counter",
            "Article pages, by what became of them.",
            pages,
        );
        metric(
            "beacon_file_seconds_sum",
            "counter",
            "Time spent analysing and filing pages (the pipeline and the store).",
            vec![(String::new(), get(&self.file_micros) / 1e6)],
        );
        metric(
            "beacon_file_seconds_count",
            "counter",
            "Pages filed.",
            vec![(String::new(), get(&self.filed))],
        );
        metric(
            "beacon_collect_sources_waiting",
            "gauge",
            "Sources not yet begun in the round under way (the queue).",
            vec![(String::new(), get(&self.sources_waiting))],
        );
        metric(
            "beacon_collect_rounds_total",
            "counter",
            "Rounds of collection done.",
            vec![(String::new(), get(&self.rounds))],
        );
        metric(
            "beacon_alerts_raised_total",
            "counter",
            "Alerts raised by this process (watchlists and failing sources).",
            vec![(String::new(), get(&self.alerts))],
        );
        let stages = self.stages.lock().map(|s| s.clone()).unwrap_or_default();
        let label = |n: &str| format!("{{stage=\"{n}\"}}");
        metric(
            "beacon_stage_seconds_sum",
            "counter",
            "Time the pipeline spent in each stage.",
            stages.iter().map(|(n, t, _)| (label(n), *t)).collect(),
        );
        metric(
            "beacon_stage_seconds_count",
            "counter",
            "Articles each stage of the pipeline read.",
            stages
                .iter()
                .map(|(n, _, c)| (label(n), *c as f64))
                .collect(),
        );
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counters_render_as_prometheus_text() {
        let m = Metrics::default();
        m.request("page", Some(200), 1000, Duration::from_millis(20));
        m.request("page", Some(200), 500, Duration::from_millis(20));
        m.request("listing", None, 0, Duration::from_millis(20));
        m.filed("stored", Duration::from_millis(3));
        m.page("deferred");
        m.round(2);
        m.stages(&[("extract", Duration::from_millis(1500), 7)]);
        let text = m.render();
        for line in [
            "beacon_collect_requests_total{asked=\"page\",status=\"200\"} 2",
            "beacon_collect_requests_total{asked=\"listing\",status=\"error\"} 1",
            "beacon_collect_bytes_total 1500",
            "beacon_collect_request_seconds_count 3",
            "beacon_collect_pages_total{outcome=\"stored\"} 1",
            "beacon_collect_pages_total{outcome=\"deferred\"} 1",
            "# TYPE beacon_collect_sources_waiting gauge",
            "beacon_alerts_raised_total 2",
            "beacon_stage_seconds_sum{stage=\"extract\"} 1.5",
            "beacon_stage_seconds_count{stage=\"extract\"} 7",
        ] {
            assert!(text.lines().any(|l| l == line), "{line} in\n{text}");
        }
    }
}
