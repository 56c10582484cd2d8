//! Team sign-in on the real server: sessions any instance accepts, revoked by removing the
//! user; roles that gate what the proxy forwards; failed sign-ins braked; the front proxy's
//! user header trusted only when configured and only from its address.

mod support;

use support::fake_hubspot::{FakeHubSpot, HubSpotState};
use support::serve::{
    call, sign_in, sign_in_attempt, start, Running, Site, Upstreams, ADMIN, INTAKE, MANAGER, PASSWORD, REP,
};

fn serve(site: &Site, hubspot: &FakeHubSpot, extra_toml: &str) -> Running {
    start(site, Upstreams { hubspot: Some(&hubspot.server.base_url), extra_toml, ..Upstreams::default() })
}

fn owners(server: &Running, cookie: &str) -> u16 {
    call("GET", &format!("{}/api/hubspot/crm/v3/owners", server.base), &[("Cookie", cookie)], "").status
}

fn create_property(server: &Running, cookie: &str) -> u16 {
    let body = r#"{"name":"callback_clock_call_id","label":"Callback Clock call id","type":"string","fieldType":"text","groupName":"taskinformation"}"#;
    let headers = [("Cookie", cookie), ("Origin", server.base.as_str()), ("Content-Type", "application/json")];
    call("POST", &format!("{}/api/hubspot/crm/v3/properties/tasks", server.base), &headers, body).status
}

#[test]
fn the_session_cookie_is_partitioned_for_a_cross_site_frame() {
    let site = Site::new();
    let server = start(&site, Upstreams::default());
    let answer = sign_in_attempt(&server, REP, PASSWORD);
    let cookie = answer.header("set-cookie").unwrap();
    for attribute in ["HttpOnly", "Secure", "SameSite=None", "Partitioned"] {
        assert!(cookie.contains(attribute), "{cookie} lacks {attribute}");
    }
    assert!(!answer.body.contains(cookie.split(';').next().unwrap()), "the token is not readable by the page");
}

#[test]
fn a_rep_is_refused_an_admin_only_route() {
    let site = Site::new();
    let hubspot = FakeHubSpot::start(HubSpotState::default());
    let server = serve(&site, &hubspot, "");
    assert_eq!(create_property(&server, &sign_in(&server, REP)), 403);
    assert_eq!(create_property(&server, &sign_in(&server, INTAKE)), 403);
    assert_ne!(create_property(&server, &sign_in(&server, ADMIN)), 403);
}

#[test]
fn a_manager_reads_but_does_not_write() {
    let site = Site::new();
    let hubspot = FakeHubSpot::start(HubSpotState::default());
    let server = serve(&site, &hubspot, "");
    let cookie = sign_in(&server, MANAGER);
    assert_eq!(owners(&server, &cookie), 200);
    let headers = [("Cookie", cookie.as_str()), ("Origin", server.base.as_str()), ("Content-Type", "application/json")];
    let write = call("POST", &format!("{}/api/hubspot/crm/v3/objects/notes", server.base), &headers, "{}");
    assert_eq!(write.status, 403);
}

/// Two instances of one site (one user store, one session key), the rep signed in on the
/// first; the second already takes the session.
fn two_instances_signed_in_on_the_first(site: &Site, hubspot: &FakeHubSpot) -> (Running, Running, String) {
    let first = serve(site, hubspot, "");
    let second = serve(site, hubspot, "");
    let cookie = sign_in(&first, REP);
    assert_eq!(owners(&second, &cookie), 200, "the second instance takes the first's session");
    (first, second, cookie)
}

#[test]
fn two_instances_accept_one_session() {
    let site = Site::new();
    let hubspot = FakeHubSpot::start(HubSpotState::default());
    let (_first, second, cookie) = two_instances_signed_in_on_the_first(&site, &hubspot);
    let who = call("GET", &format!("{}/api/session", second.base), &[("Cookie", &cookie)], "");
    assert!(who.body.contains(REP) && who.body.contains("\"rep\""), "{}", who.body);
}

#[test]
fn removing_a_user_ends_their_sessions_on_every_instance() {
    let site = Site::new();
    let hubspot = FakeHubSpot::start(HubSpotState::default());
    let (first, second, cookie) = two_instances_signed_in_on_the_first(&site, &hubspot);
    site.users().remove(REP).unwrap();
    assert_eq!(owners(&first, &cookie), 401);
    assert_eq!(owners(&second, &cookie), 401);
}

#[test]
fn a_forged_or_tampered_session_is_refused() {
    let site = Site::new();
    let hubspot = FakeHubSpot::start(HubSpotState::default());
    let server = serve(&site, &hubspot, "");
    let cookie = sign_in(&server, REP);
    let (name, token) = cookie.split_once('=').unwrap();
    let (payload, _signature) = token.rsplit_once('.').unwrap();
    let stretched = payload.rsplit_once('.').unwrap().0.to_owned() + ".99999999999";
    assert_eq!(owners(&server, &format!("{name}={stretched}.{}", "0".repeat(64))), 401);
}

#[test]
fn failed_sign_ins_are_braked() {
    let site = Site::new();
    let server = start(&site, Upstreams::default());
    for _ in 0..5 {
        assert_eq!(sign_in_attempt(&server, REP, "not the password").status, 401);
    }
    let braked = sign_in_attempt(&server, REP, PASSWORD);
    assert_eq!(braked.status, 429, "even the right password waits once the brake is on");
    assert!(braked.header("retry-after").is_some());
    assert_eq!(sign_in_attempt(&server, ADMIN, PASSWORD).status, 200, "other people are not locked out");
}

#[test]
fn an_unknown_email_gets_the_same_answer_as_a_wrong_password() {
    let site = Site::new();
    let server = start(&site, Upstreams::default());
    let unknown = sign_in_attempt(&server, "nobody@example.com", PASSWORD);
    let wrong = sign_in_attempt(&server, REP, "not the password");
    assert_eq!((unknown.status, unknown.body), (wrong.status, wrong.body));
}

#[test]
fn a_front_proxys_user_header_is_ignored_unless_configured() {
    let site = Site::new();
    let hubspot = FakeHubSpot::start(HubSpotState::default());
    let server = serve(&site, &hubspot, "");
    let url = format!("{}/api/hubspot/crm/v3/owners", server.base);
    assert_eq!(call("GET", &url, &[("X-Forwarded-Email", ADMIN)], "").status, 401);
}

#[test]
fn a_front_proxys_user_header_signs_in_a_listed_user_from_its_address() {
    let site = Site::new();
    let hubspot = FakeHubSpot::start(HubSpotState::default());
    let trusted = "[sign_in]\ntrusted_user_header = \"X-Forwarded-Email\"\ntrusted_proxies = [\"127.0.0.1\"]\n";
    let server = serve(&site, &hubspot, trusted);
    let url = format!("{}/api/hubspot/crm/v3/owners", server.base);
    assert_eq!(call("GET", &url, &[("X-Forwarded-Email", MANAGER)], "").status, 200);
    assert_eq!(call("GET", &url, &[("X-Forwarded-Email", "stranger@example.com")], "").status, 401);
    let elsewhere = serve(&site, &hubspot, &trusted.replace("127.0.0.1", "10.0.0.9"));
    let url = format!("{}/api/hubspot/crm/v3/owners", elsewhere.base);
    assert_eq!(call("GET", &url, &[("X-Forwarded-Email", MANAGER)], "").status, 401);
}

#[test]
fn the_app_learns_from_the_server_that_it_is_behind_the_proxy() {
    let site = Site::new();
    let hubspot = FakeHubSpot::start(HubSpotState::default());
    let server = serve(&site, &hubspot, "");
    let anonymous = call("GET", &format!("{}/api/config", server.base), &[], "");
    let config: serde_json::Value = serde_json::from_str(&anonymous.body).unwrap();
    assert_eq!(config["authorizing_proxy"], true);
    assert_eq!(config["hubspot"]["base"], "/api/hubspot");
    assert!(config["user"].is_null() && config["twilio"].is_null());
    let cookie = sign_in(&server, REP);
    let signed_in = call("GET", &format!("{}/api/config", server.base), &[("Cookie", &cookie)], "");
    let config: serde_json::Value = serde_json::from_str(&signed_in.body).unwrap();
    assert_eq!(config["user"]["role"], "rep");
}

#[test]
fn the_sign_in_page_can_be_framed_by_the_crm_and_runs_only_its_own_script() {
    let site = Site::new();
    let server = start(&site, Upstreams::default());
    let page = call("GET", &format!("{}/signin?next=/sidebar/", server.base), &[], "");
    assert_eq!(page.status, 200);
    let csp = page.header("content-security-policy").unwrap();
    assert!(csp.contains("frame-ancestors 'self' https://crm.example.com"), "{csp}");
    assert!(csp.contains("script-src 'sha256-") && !csp.contains("unsafe-eval"), "{csp}");
}
