//! How much time the proxy adds: 1,000 requests on loopback to the fake HubSpot directly and
//! 1,000 through `callback-clock serve`, alternating (so both meet the same noise of a shared
//! machine), one at a time, each on a new connection as the test client makes them. Bounded in count and time; ignored by default, as timings belong in a report,
//! not in a pass/fail test:
//!
//! `cargo test --features server --test serve_load -- --ignored --nocapture`

mod support;

use std::time::{Duration, Instant};

use support::fake_hubspot::{record, FakeHubSpot, HubSpotState, TOKEN};
use support::serve::{call, sign_in, start, Site, Upstreams, REP};

const REQUESTS: usize = 1_000;
const TIME_LIMIT: Duration = Duration::from_secs(120);

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    sorted[((sorted.len() - 1) as f64 * p).round() as usize]
}

fn time_one(send: impl FnOnce() -> u16) -> Duration {
    let started = Instant::now();
    assert_eq!(send(), 200);
    started.elapsed()
}

#[test]
#[ignore = "a measurement: run with --ignored --nocapture"]
fn the_proxy_adds_little_latency() {
    let owners = (0..20)
        .map(|i| record(&i.to_string(), serde_json::json!({ "email": format!("o{i}@example.com") }), &[]))
        .collect();
    let hubspot = FakeHubSpot::start(HubSpotState { owners, ..HubSpotState::default() });
    let site = Site::new();
    let server = start(&site, Upstreams { hubspot: Some(&hubspot.server.base_url), ..Upstreams::default() });
    let cookie = sign_in(&server, REP);
    let bearer = format!("Bearer {TOKEN}");
    let direct_url = format!("{}/crm/v3/owners", hubspot.server.base_url);
    let proxied_url = format!("{}/api/hubspot/crm/v3/owners", server.base);

    let started = Instant::now();
    let (mut direct, mut proxied) = (Vec::with_capacity(REQUESTS), Vec::with_capacity(REQUESTS));
    for _ in 0..REQUESTS {
        direct.push(time_one(|| call("GET", &direct_url, &[("Authorization", &bearer)], "").status));
        proxied.push(time_one(|| call("GET", &proxied_url, &[("Cookie", &cookie)], "").status));
        assert!(started.elapsed() < TIME_LIMIT, "the load test ran past its time limit");
    }
    direct.sort();
    proxied.sort();
    let ms = |d: Duration| d.as_secs_f64() * 1e3;
    for (name, p) in [("p50", 0.50), ("p99", 0.99)] {
        let (d, v) = (percentile(&direct, p), percentile(&proxied, p));
        println!("{name}: direct {:.2} ms, through the proxy {:.2} ms, added {:+.2} ms", ms(d), ms(v), ms(v) - ms(d));
    }
    println!("{} requests each way in {:.1} s", REQUESTS, started.elapsed().as_secs_f64());
}
