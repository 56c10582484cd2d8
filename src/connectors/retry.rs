//! When to send a failed request again: a pure function of the attempt count and the error.
//!
//! 429s wait as long as the service asked (Retry-After, or HubSpot's rate-limit window);
//! 5xx, timeouts, network errors and cut-off bodies back off exponentially up to a cap;
//! expired tokens and refused requests never retry. After `max_attempts` the error goes to
//! the caller (the app's outbox keeps the write and tries again later).

use std::time::Duration;

use super::error::ConnectorError;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RetryPolicy {
    /// Total sends of one request, the first included.
    pub max_attempts: u32,
    /// Wait after the first failure; doubles with each further failure.
    pub base_delay: Duration,
    /// No backoff wait is longer than this.
    pub max_delay: Duration,
    /// A 429 asking for a longer wait than this gives up now, so a sync does not hang for a
    /// minute; the outbox retries later.
    pub max_rate_limit_wait: Duration,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        RetryPolicy {
            max_attempts: 5,
            base_delay: Duration::from_millis(500),
            max_delay: Duration::from_secs(30),
            max_rate_limit_wait: Duration::from_secs(60),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RetryDecision {
    RetryAfter(Duration),
    GiveUp,
}

impl RetryPolicy {
    /// `attempts_made` counts sends so far (1 after the first failure).
    pub fn after_failure(&self, attempts_made: u32, error: &ConnectorError) -> RetryDecision {
        if attempts_made >= self.max_attempts || !error.is_transient() {
            return RetryDecision::GiveUp;
        }
        let backoff = self.backoff(attempts_made);
        match error {
            ConnectorError::RateLimited { retry_after: Some(asked), .. } => {
                if *asked > self.max_rate_limit_wait {
                    RetryDecision::GiveUp
                } else {
                    RetryDecision::RetryAfter(*asked)
                }
            }
            _ => RetryDecision::RetryAfter(backoff),
        }
    }

    /// base × 2^(n−1), capped; saturating so a huge attempt count cannot overflow.
    fn backoff(&self, attempts_made: u32) -> Duration {
        let exponent = attempts_made.saturating_sub(1).min(20);
        self.base_delay.saturating_mul(1u32 << exponent).min(self.max_delay)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SERVICE: &str = "HubSpot";

    fn policy() -> RetryPolicy {
        RetryPolicy {
            max_attempts: 4,
            base_delay: Duration::from_millis(100),
            max_delay: Duration::from_millis(250),
            max_rate_limit_wait: Duration::from_secs(10),
        }
    }

    #[test]
    fn server_errors_back_off_exponentially_up_to_the_cap() {
        let error = ConnectorError::Server { service: SERVICE, status: 503 };
        let waits: Vec<_> = (1..4).map(|n| policy().after_failure(n, &error)).collect();
        assert_eq!(
            waits,
            [
                RetryDecision::RetryAfter(Duration::from_millis(100)),
                RetryDecision::RetryAfter(Duration::from_millis(200)),
                RetryDecision::RetryAfter(Duration::from_millis(250)),
            ]
        );
        assert_eq!(policy().after_failure(4, &error), RetryDecision::GiveUp);
    }

    #[test]
    fn a_rate_limit_waits_as_long_as_the_service_asked() {
        let error = ConnectorError::RateLimited {
            service: SERVICE,
            retry_after: Some(Duration::from_secs(2)),
            daily_limit_reached: false,
        };
        assert_eq!(policy().after_failure(1, &error), RetryDecision::RetryAfter(Duration::from_secs(2)));
    }

    #[test]
    fn a_rate_limit_asking_too_long_a_wait_gives_up_for_the_outbox() {
        let error = ConnectorError::RateLimited {
            service: SERVICE,
            retry_after: Some(Duration::from_secs(3600)),
            daily_limit_reached: false,
        };
        assert_eq!(policy().after_failure(1, &error), RetryDecision::GiveUp);
        let daily = ConnectorError::RateLimited { service: SERVICE, retry_after: None, daily_limit_reached: true };
        assert_eq!(policy().after_failure(1, &daily), RetryDecision::GiveUp);
    }

    #[test]
    fn an_expired_token_is_never_retried() {
        assert_eq!(
            policy().after_failure(1, &ConnectorError::Unauthorized { service: SERVICE }),
            RetryDecision::GiveUp
        );
    }

    #[test]
    fn a_huge_attempt_count_does_not_overflow() {
        let policy = RetryPolicy { max_attempts: u32::MAX, ..policy() };
        let error = ConnectorError::Timeout { service: SERVICE };
        assert_eq!(policy.after_failure(u32::MAX - 1, &error), RetryDecision::RetryAfter(Duration::from_millis(250)));
    }
}
