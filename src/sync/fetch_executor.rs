//! Sends the connectors' sans-I/O requests with the browser's fetch (gloo-net), and drives a
//! whole job (a sync, a task write) through the library's retry policy.
//!
//! The only place the app sends a connector's request (to Twilio, HubSpot or the server's proxy;
//! the app's own files and `/api/config` are fetched in `store::app_files` and `sync::served_by`).
//! A request's token goes into the `Authorization` header here and nowhere else; errors come back
//! as the connectors' `ConnectorError`s, which never carry a token or an address.

use std::time::Duration;

use gloo_net::http::{Headers, Method as FetchMethod, RequestBuilder};
use wasm_bindgen::JsCast;

use crate::connectors::http::{Exchange, HttpRequest, HttpResponse, Method, Outcome, TransportError};
use crate::connectors::{ConnectorError, RetryDecision, RetryPolicy};

/// How long one request may take before it counts as timed out (and, for a write, as
/// "unknown": the write machines look before writing again).
pub const REQUEST_TIMEOUT: Duration = Duration::from_secs(20);

/// Waits without blocking the page.
pub async fn sleep(duration: Duration) {
    let millis = duration.as_millis().min(i32::MAX as u128) as i32;
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        if let Some(window) = web_sys::window() {
            let _ = window.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, millis);
        }
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}

/// One request, one answer, aborted after `timeout`.
pub async fn send(request: &HttpRequest, timeout: Duration) -> Outcome {
    let controller = web_sys::AbortController::new().map_err(|e| network(&e))?;
    let signal = controller.signal();
    let method = match request.method {
        Method::Get => FetchMethod::GET,
        Method::Post => FetchMethod::POST,
        Method::Patch => FetchMethod::PATCH,
        Method::Delete => FetchMethod::DELETE,
    };
    let headers = Headers::new();
    for (name, value) in &request.headers {
        headers.set(name, value);
    }
    if let Some(secret) = &request.authorization {
        headers.set("Authorization", secret.expose());
    }
    let builder = RequestBuilder::new(&request.url).method(method).headers(headers).abort_signal(Some(&signal));
    let built = match &request.body {
        Some(body) => builder.body(body.as_str()),
        None => builder.build(),
    };
    let built = built.map_err(|e| TransportError::Network(e.to_string()))?;
    let abort = controller.clone();
    let timer = gloo_timer(timeout, move || abort.abort());
    let answer = async {
        let response = built.send().await?;
        let status = response.status();
        let headers = response.headers().entries().collect();
        let body = response.text().await?;
        Ok::<_, gloo_net::Error>(HttpResponse { status, headers, body })
    }
    .await;
    drop(timer);
    answer.map_err(|error| {
        if signal.aborted() {
            TransportError::Timeout
        } else {
            // The message of a failed fetch says only that it failed (CORS, offline, refused);
            // it never holds the request's headers.
            TransportError::Network(error.to_string())
        }
    })
}

fn network(error: &wasm_bindgen::JsValue) -> TransportError {
    TransportError::Network(format!("{error:?}"))
}

/// A `setTimeout` that is cleared when dropped.
struct Timer {
    handle: i32,
    _callback: wasm_bindgen::closure::Closure<dyn FnMut()>,
}

impl Drop for Timer {
    fn drop(&mut self) {
        if let Some(window) = web_sys::window() {
            window.clear_timeout_with_handle(self.handle);
        }
    }
}

fn gloo_timer(after: Duration, action: impl FnMut() + 'static) -> Option<Timer> {
    let callback = wasm_bindgen::closure::Closure::<dyn FnMut()>::new(action);
    let millis = after.as_millis().min(i32::MAX as u128) as i32;
    let handle = web_sys::window()?
        .set_timeout_with_callback_and_timeout_and_arguments_0(callback.as_ref().unchecked_ref(), millis)
        .ok()?;
    Some(Timer { handle, _callback: callback })
}

/// Sends a job's requests until it is done or the policy gives up (that error is returned),
/// waiting first whenever the job asks (`Exchange::wait_before_next`); `on_step` sees the job
/// after every good answer (for a progress bar).
pub async fn drive<E: Exchange>(
    job: &mut E,
    policy: RetryPolicy,
    mut on_step: impl FnMut(&E),
) -> Result<(), ConnectorError> {
    let mut failures = 0;
    while let Some(request) = job.next_request() {
        if let Some(wait) = job.wait_before_next() {
            sleep(wait).await;
        }
        match job.receive(send(&request, REQUEST_TIMEOUT).await) {
            Ok(()) => {
                failures = 0;
                on_step(job);
            }
            Err(error) => {
                failures += 1;
                match policy.after_failure(failures, &error) {
                    RetryDecision::RetryAfter(wait) => sleep(wait).await,
                    RetryDecision::GiveUp => return Err(error),
                }
            }
        }
    }
    Ok(())
}
