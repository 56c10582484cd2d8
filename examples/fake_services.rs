//! Fake Twilio and fake HubSpot on loopback ports, for the browser end-to-end test
//! (tests/e2e/connections_sync.cjs) and for trying the connections page by hand:
//! `cargo run --example fake_services`.
//!
//! Each fake gets a free port on 127.0.0.1. When both listen, one line of JSON goes to stdout
//! with their addresses and the credentials they accept:
//! `{"twilio":"http://127.0.0.1:P1","hubspot":"http://127.0.0.1:P2","twilio_account_sid":"AC…",
//! "twilio_key_sid":"SK…","twilio_secret":"…","hubspot_token":"pat-…"}`
//! (the Twilio secret is the API key's; the account's auth token works too). Then they serve
//! until stdin reaches EOF or the process is killed; run it with stdin open (a pipe, a
//! terminal), since `</dev/null` ends it at once.
//!
//! They hold the demo's CRM and eight fresh missed calls (tests/support/demo_seed.rs), answer
//! CORS as the business's proxy must, and keep what the app writes (tasks, notes, status
//! changes) so a test can search for it.
//!
//! Faults, test-only: `POST /__faults` on either fake, no credentials, with
//! `{"method":"POST","path_ends_with":"/crm/v3/objects/tasks","kind":"server_error","times":1}`
//! arms a fault for the next `times` requests whose method matches and whose path ends so.
//! `kind` is one of `server_error` (500), `rate_limited` (429 with `Retry-After`, seconds in
//! `retry_after`, default 1), `daily_limit` (HubSpot's daily 429), `expired_token` (401),
//! `slow` (does the work, answers after `delay_ms`, default 25 s: past the app's 20 s timeout)
//! `truncated` (does the work, cuts the JSON answer in half) and `unsubscribed` (Twilio's 400
//! with error 21610: the recipient replied STOP). Answers 201, or 400 with the
//! reason.

#[path = "../tests/support/mod.rs"]
mod support;

use std::io::Write;

use jiff::Timestamp;
use serde_json::json;
use support::clock::FakeClock;
use support::demo_seed::{hubspot_state, twilio_state};
use support::fake_hubspot::{FakeHubSpot, HubSpotState, TOKEN};
use support::fake_twilio::{FakeTwilio, ACCOUNT_SID, API_KEY_SECRET, API_KEY_SID};

fn main() -> std::io::Result<()> {
    let now = pinned_now()?;
    let twilio = FakeTwilio::start(twilio_state(now));
    let hubspot = FakeHubSpot::start(HubSpotState { clock: FakeClock::starting_at(now), ..hubspot_state(now) });
    let ready = json!({
        "twilio": twilio.server.base_url,
        "hubspot": hubspot.server.base_url,
        "twilio_account_sid": ACCOUNT_SID,
        "twilio_key_sid": API_KEY_SID,
        "twilio_secret": API_KEY_SECRET,
        "hubspot_token": TOKEN,
    });
    let mut stdout = std::io::stdout().lock();
    writeln!(stdout, "{ready}")?;
    stdout.flush()?;
    // The servers run on their own threads; this one only waits for the parent to let go.
    std::io::copy(&mut std::io::stdin().lock(), &mut std::io::sink())?;
    Ok(())
}

/// `--now TIME` (RFC 3339) pins what the fakes take as now: the e2e tests pass the same instant
/// they pin the browser's clock to. Without it, the wall clock (a person trying the app by hand).
fn pinned_now() -> std::io::Result<Timestamp> {
    let mut args = std::env::args().skip(1);
    match (args.next().as_deref(), args.next()) {
        (None, _) => Ok(Timestamp::now()),
        (Some("--now"), Some(text)) => text.parse().map_err(|_| {
            std::io::Error::new(std::io::ErrorKind::InvalidInput, format!("--now {text:?} is not an RFC 3339 time"))
        }),
        _ => Err(std::io::Error::new(std::io::ErrorKind::InvalidInput, "usage: fake_services [--now RFC3339]")),
    }
}
