//! Shared by the connector tests: a tiny HTTP/1.1 server on the loopback interface, fake
//! Twilio and HubSpot APIs on top of it, and a native executor that sends the connectors'
//! sans-I/O requests over a TCP socket with a timeout and the retry policy; and the demo
//! seed the runnable fakes serve (examples/fake_services.rs).
#![allow(dead_code)]

pub mod clock;
pub mod demo_seed;
pub mod executor;
pub mod fake_hubspot;
pub mod fake_twilio;
pub mod http_server;
#[cfg(feature = "server")]
pub mod serve;
