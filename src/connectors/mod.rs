//! Connectors: the phone system and the CRM, read and written without doing any I/O here.
//!
//! Every client is sans-I/O: it builds plain [`http::HttpRequest`]s and turns plain
//! [`http::HttpResponse`]s into the engine's bundle types. Whoever holds a network (the browser
//! app with gloo-net, the native tests with a TCP socket) sends the requests; the same code
//! decides what to send and what an answer means on every target. Long jobs (paging, the
//! idempotent task write) are small state machines that hand out one request at a time and
//! only move on after a good answer, so resending the same request after a failure is always
//! safe. [`retry`] says whether and when to resend.

pub mod csv_import;
pub mod error;
pub mod http;
pub mod hubspot;
pub mod paging;
pub mod placed_call;
pub mod retry;
pub mod twilio;

pub use error::ConnectorError;
pub use http::{Exchange, HttpRequest, HttpResponse, Method, Secret, TransportError};
pub use retry::{RetryDecision, RetryPolicy};
