//! The outbox: writes to the CRM and texts through Twilio that have not landed yet, kept until
//! they do.
//!
//! An entry is the *intent* of a write (write this call's callback task; note this action;
//! give the task its new owner; send this approved text), never a request: the task's words,
//! owner and deadline and the text's words and consent are rebuilt from the current triage when
//! it is sent, and no token is ever stored. Entries live in IndexedDB, so a reload or a crash
//! loses nothing. Each send is idempotent on the service's side (the HubSpot connector searches
//! for the call or action id before creating; a text whose answer was lost is looked for in
//! Twilio's Messages list before it is sent again), so the outbox may always try again.
//!
//! Pure: the browser side (`sync::outbox_runner`) stores entries and sends them; this module
//! says when an entry is due, who may send it (one tab at a time, by a timed claim), and what a
//! success or failure does to it.

use std::time::Duration;

use serde::{Deserialize, Serialize};

use crate::connectors::hubspot::action_note::NoteSays;
use crate::connectors::ConnectorError;

/// How long a tab owns an entry it is sending. Longer than any one write takes with its
/// retries; if the tab dies mid-write, another tab takes over after this.
pub const CLAIM_FOR: Duration = Duration::from_secs(120);
/// A tab still sending renews its claim this often, well inside [`CLAIM_FOR`].
pub const RENEW_CLAIM_EVERY: Duration = Duration::from_secs(30);
/// The first wait after a failed write; it doubles with each further failure.
pub const FIRST_RETRY: Duration = Duration::from_secs(30);
/// No wait between tries is longer than this: a write that keeps failing is still tried
/// twice an hour until someone looks.
pub const LONGEST_RETRY: Duration = Duration::from_secs(30 * 60);

/// What to write.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum WriteIntent {
    /// The call's callback task and its note (summary and evidence).
    CallbackTask { call_id: String },
    /// An action someone took that HubSpot keeps as a note marked with its id (a disposition,
    /// which also completes the call's task; an attempt; a resolved review; a match).
    Note { call_id: String, action_id: String, says: NoteSays, who: String, when: String },
    /// A disposition queued by an earlier version (before every noted action was a `Note`):
    /// kept so a queue stored then still sends; written as a `Note` saying its outcome.
    Disposition { call_id: String, action_id: String, outcome: String, who: String, when: String },
    /// A reassignment someone made: the call's task gets the new owner.
    Reassign { call_id: String, action_id: String, owner: String },
    /// The approved follow-up text someone sent from the call's detail. The words, the
    /// recipient and the consent are checked again against the current triage when it goes out.
    Text { call_id: String, action_id: String },
}

/// Which system a write goes to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WriteTarget {
    HubSpot,
    Twilio,
}

impl WriteIntent {
    pub fn call_id(&self) -> &str {
        match self {
            WriteIntent::CallbackTask { call_id }
            | WriteIntent::Note { call_id, .. }
            | WriteIntent::Disposition { call_id, .. }
            | WriteIntent::Reassign { call_id, .. }
            | WriteIntent::Text { call_id, .. } => call_id,
        }
    }

    pub fn target(&self) -> WriteTarget {
        match self {
            WriteIntent::CallbackTask { .. }
            | WriteIntent::Note { .. }
            | WriteIntent::Disposition { .. }
            | WriteIntent::Reassign { .. } => WriteTarget::HubSpot,
            WriteIntent::Text { .. } => WriteTarget::Twilio,
        }
    }

    /// The entry's key: one entry per task and per logged disposition, so queueing the same
    /// write twice (a second sync, a second tab) keeps one entry.
    pub fn key(&self) -> String {
        match self {
            WriteIntent::CallbackTask { call_id } => format!("task:{call_id}"),
            WriteIntent::Note { action_id, .. } => format!("note:{action_id}"),
            WriteIntent::Disposition { action_id, .. } => format!("disposition:{action_id}"),
            WriteIntent::Reassign { action_id, .. } => format!("owner:{action_id}"),
            WriteIntent::Text { action_id, .. } => format!("text:{action_id}"),
        }
    }

    pub fn describe(&self) -> String {
        match self {
            WriteIntent::CallbackTask { call_id } => format!("callback task for call {call_id}"),
            WriteIntent::Note { call_id, says, .. } => {
                format!("{} on call {call_id}", says.sentence().trim_end_matches('.').to_lowercase())
            }
            WriteIntent::Disposition { call_id, outcome, .. } => {
                format!("disposition {} on call {call_id}", outcome.replace('_', " "))
            }
            WriteIntent::Reassign { call_id, owner, .. } => format!("owner {owner} for call {call_id}"),
            WriteIntent::Text { call_id, .. } => format!("follow-up text for call {call_id}"),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "state", rename_all = "snake_case")]
pub enum OutboxStatus {
    /// Waiting for its next try (`next_try_ms`).
    Pending,
    /// Landed; `remote_id` is the CRM's id of the task (a text's message sid).
    Written { remote_id: String },
    /// Refused in a way trying again will not fix (an expired token, a property missing in
    /// the CRM). Kept, and shown, until someone fixes the cause and retries it.
    NeedsAttention,
}

/// A tab sending the entry now, until `until_ms`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Claim {
    pub tab: String,
    pub until_ms: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OutboxEntry {
    pub id: String,
    pub intent: WriteIntent,
    pub status: OutboxStatus,
    /// Failed sends so far.
    pub attempts: u32,
    pub queued_ms: i64,
    pub next_try_ms: i64,
    /// The last failure in words; connector errors never carry a token or a URL.
    pub last_error: Option<String>,
    pub claim: Option<Claim>,
    /// How often a tab has claimed it to send. Past the first, a send may already have
    /// reached the service (a tab closed after it was accepted, a lost answer), so a send that
    /// is not idempotent by itself (a text) looks before it sends.
    #[serde(default)]
    pub claims: u32,
}

impl OutboxEntry {
    pub fn new(intent: WriteIntent, now_ms: i64) -> OutboxEntry {
        OutboxEntry {
            id: intent.key(),
            intent,
            status: OutboxStatus::Pending,
            attempts: 0,
            queued_ms: now_ms,
            next_try_ms: now_ms,
            last_error: None,
            claim: None,
            claims: 0,
        }
    }

    pub fn is_written(&self) -> bool {
        matches!(self.status, OutboxStatus::Written { .. })
    }

    /// Pending, its time has come, and no other tab holds it.
    pub fn is_due(&self, now_ms: i64, tab: &str) -> bool {
        self.status == OutboxStatus::Pending && self.next_try_ms <= now_ms && self.is_free_for(tab, now_ms)
    }

    fn is_free_for(&self, tab: &str, now_ms: i64) -> bool {
        match &self.claim {
            None => true,
            Some(claim) => claim.tab == tab || claim.until_ms <= now_ms,
        }
    }

    /// The entry as claimed by `tab`, or `None` when it is not due or another tab holds it.
    pub fn claimed_by(&self, tab: &str, now_ms: i64) -> Option<OutboxEntry> {
        self.is_due(now_ms, tab).then(|| OutboxEntry {
            claim: Some(Claim { tab: tab.to_owned(), until_ms: now_ms + CLAIM_FOR.as_millis() as i64 }),
            claims: self.claims + 1,
            ..self.clone()
        })
    }

    /// The claim of `tab` extended while its send still runs (renewed every
    /// [`RENEW_CLAIM_EVERY`]), so a long send with its retries is never taken over by another
    /// tab; `None` when the entry is not this tab's any more.
    pub fn claim_renewed(&self, tab: &str, now_ms: i64) -> Option<OutboxEntry> {
        let mine = self.claim.as_ref().is_some_and(|c| c.tab == tab) && self.status == OutboxStatus::Pending;
        mine.then(|| OutboxEntry {
            claim: Some(Claim { tab: tab.to_owned(), until_ms: now_ms + CLAIM_FOR.as_millis() as i64 }),
            ..self.clone()
        })
    }

    /// Claimed before this claim: an earlier send may have reached the service.
    pub fn may_have_gone_out(&self) -> bool {
        self.claims > 1 || self.attempts > 0
    }

    pub fn written(self, remote_id: String) -> OutboxEntry {
        OutboxEntry { status: OutboxStatus::Written { remote_id }, last_error: None, claim: None, ..self }
    }

    /// After a failed send: try again later, waiting longer each time (or as long as the
    /// service asked), or wait for a person when trying again cannot help.
    pub fn failed(self, error: &ConnectorError, now_ms: i64) -> OutboxEntry {
        let attempts = self.attempts + 1;
        // A daily rate limit ends by itself: unlike an in-sync retry, the outbox can wait it out.
        let waits_it_out = error.is_transient() || matches!(error, ConnectorError::RateLimited { .. });
        let status = if waits_it_out { OutboxStatus::Pending } else { OutboxStatus::NeedsAttention };
        let wait = retry_wait(attempts, error);
        OutboxEntry {
            status,
            attempts,
            next_try_ms: now_ms + wait.as_millis() as i64,
            last_error: Some(error.to_string()),
            claim: None,
            ..self
        }
    }

    /// Cannot be written as it stands (its call left the queue, say): kept and shown, not
    /// retried by itself.
    pub fn stuck(self, reason: String) -> OutboxEntry {
        OutboxEntry { status: OutboxStatus::NeedsAttention, last_error: Some(reason), claim: None, ..self }
    }

    /// A person asked to try now (after fixing a token, say).
    pub fn retry_now(self, now_ms: i64) -> OutboxEntry {
        if self.is_written() {
            return self;
        }
        OutboxEntry { status: OutboxStatus::Pending, next_try_ms: now_ms, claim: None, ..self }
    }
}

/// The wait before try number `attempts + 1`: 30 s, 1 min, 2 min, … up to 30 min; a rate
/// limit's own Retry-After when it asks for longer.
pub fn retry_wait(attempts: u32, error: &ConnectorError) -> Duration {
    let doublings = attempts.saturating_sub(1).min(16);
    let backoff = FIRST_RETRY.saturating_mul(1 << doublings).min(LONGEST_RETRY);
    match error {
        ConnectorError::RateLimited { daily_limit_reached: true, .. } => LONGEST_RETRY,
        ConnectorError::RateLimited { retry_after: Some(asked), .. } => backoff.max(*asked),
        _ => backoff,
    }
}

/// The entries a tab should send now, oldest first.
pub fn due_entries<'a>(entries: &'a [OutboxEntry], now_ms: i64, tab: &str) -> Vec<&'a OutboxEntry> {
    let mut due: Vec<&OutboxEntry> = entries.iter().filter(|e| e.is_due(now_ms, tab)).collect();
    due.sort_by_key(|e| (e.next_try_ms, e.queued_ms));
    due
}

/// Counts for the connections page and the readiness panel.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct OutboxCounts {
    pub pending: usize,
    pub written: usize,
    pub needs_attention: usize,
}

pub fn outbox_counts(entries: &[OutboxEntry]) -> OutboxCounts {
    let mut counts = OutboxCounts::default();
    for entry in entries {
        match entry.status {
            OutboxStatus::Pending => counts.pending += 1,
            OutboxStatus::Written { .. } => counts.written += 1,
            OutboxStatus::NeedsAttention => counts.needs_attention += 1,
        }
    }
    counts
}

#[cfg(test)]
mod tests {
    use super::*;

    fn task(call_id: &str) -> OutboxEntry {
        OutboxEntry::new(WriteIntent::CallbackTask { call_id: call_id.into() }, 1_000)
    }

    fn server_error() -> ConnectorError {
        ConnectorError::Server { service: "HubSpot", status: 500 }
    }

    #[test]
    fn a_first_claim_sends_without_looking() {
        let claimed = task("c1").claimed_by("tab-a", 1_000).unwrap();
        assert!(!claimed.may_have_gone_out());
    }

    #[test]
    fn a_claim_taken_over_from_a_closed_tab_knows_the_send_may_have_gone_out() {
        let first = task("c1").claimed_by("tab-a", 1_000).unwrap();
        let lapsed = 1_000 + CLAIM_FOR.as_millis() as i64;
        let second = first.claimed_by("tab-b", lapsed).expect("the claim lapsed");
        assert!(second.may_have_gone_out());
    }

    #[test]
    fn a_retry_after_a_failure_knows_the_send_may_have_gone_out() {
        let failed = task("c1").claimed_by("tab-a", 1_000).unwrap().failed(&server_error(), 1_000);
        assert!(failed.claimed_by("tab-a", failed.next_try_ms).unwrap().may_have_gone_out());
    }

    #[test]
    fn a_renewed_claim_keeps_another_tab_out_past_the_first_claims_end() {
        let claimed = task("c1").claimed_by("tab-a", 1_000).unwrap();
        let later = 1_000 + CLAIM_FOR.as_millis() as i64 - 1;
        let renewed = claimed.claim_renewed("tab-a", later).unwrap();
        assert!(renewed.claimed_by("tab-b", 1_000 + CLAIM_FOR.as_millis() as i64 + 1).is_none());
    }

    #[test]
    fn only_the_claiming_tab_renews_its_claim() {
        let claimed = task("c1").claimed_by("tab-a", 1_000).unwrap();
        assert!(claimed.claim_renewed("tab-b", 2_000).is_none());
        assert!(claimed.written("T1".into()).claim_renewed("tab-a", 2_000).is_none());
    }

    #[test]
    fn a_new_entry_is_due_at_once() {
        assert!(task("c1").is_due(1_000, "tab-a"));
    }

    #[test]
    fn the_same_write_queued_twice_has_one_key() {
        assert_eq!(task("c1").id, task("c1").id);
        assert_ne!(task("c1").id, task("c2").id);
    }

    #[test]
    fn each_sent_text_is_its_own_twilio_write() {
        let text = |action: &str| WriteIntent::Text { call_id: "c1".into(), action_id: action.into() };
        assert_ne!(text("c1#2").key(), text("c1#5").key(), "a second text on the call is a second send");
        assert_eq!(text("c1#2").key(), text("c1#2").key());
        assert_eq!(text("c1#2").target(), WriteTarget::Twilio);
        assert_eq!(WriteIntent::CallbackTask { call_id: "c1".into() }.target(), WriteTarget::HubSpot);
    }

    #[test]
    fn an_entry_claimed_by_one_tab_is_not_due_in_another() {
        let claimed = task("c1").claimed_by("tab-a", 2_000).expect("due");
        assert!(!claimed.is_due(2_500, "tab-b"));
        assert!(claimed.claimed_by("tab-b", 2_500).is_none());
        assert!(claimed.is_due(2_500, "tab-a"));
    }

    #[test]
    fn a_claim_from_a_tab_that_died_lapses() {
        let claimed = task("c1").claimed_by("tab-a", 2_000).expect("due");
        let later = 2_000 + CLAIM_FOR.as_millis() as i64;
        assert!(claimed.is_due(later, "tab-b"));
    }

    #[test]
    fn a_transient_failure_waits_longer_each_time() {
        let once = task("c1").failed(&server_error(), 10_000);
        assert_eq!(once.status, OutboxStatus::Pending);
        assert_eq!(once.next_try_ms, 10_000 + 30_000);
        let twice = once.failed(&server_error(), 50_000);
        assert_eq!(twice.next_try_ms, 50_000 + 60_000);
        assert!(!twice.is_due(50_001, "tab-a"));
        assert!(twice.is_due(110_000, "tab-a"));
    }

    #[test]
    fn retry_waits_stop_growing_at_half_an_hour() {
        assert_eq!(retry_wait(30, &server_error()), LONGEST_RETRY);
    }

    #[test]
    fn a_rate_limit_waits_at_least_as_long_as_asked() {
        let error = ConnectorError::RateLimited {
            service: "HubSpot",
            retry_after: Some(Duration::from_secs(90)),
            daily_limit_reached: false,
        };
        assert_eq!(retry_wait(1, &error), Duration::from_secs(90));
    }

    #[test]
    fn a_daily_limit_is_waited_out_not_given_up() {
        let error = ConnectorError::RateLimited { service: "HubSpot", retry_after: None, daily_limit_reached: true };
        let entry = task("c1").failed(&error, 0);
        assert_eq!(entry.status, OutboxStatus::Pending);
        assert_eq!(entry.next_try_ms, LONGEST_RETRY.as_millis() as i64);
    }

    #[test]
    fn an_expired_token_waits_for_a_person() {
        let error = ConnectorError::Unauthorized { service: "HubSpot" };
        let entry = task("c1").failed(&error, 10_000);
        assert_eq!(entry.status, OutboxStatus::NeedsAttention);
        assert!(!entry.is_due(i64::MAX, "tab-a"));
        assert!(entry.last_error.is_some());
        assert!(entry.retry_now(20_000).is_due(20_000, "tab-a"));
    }

    #[test]
    fn a_failure_releases_the_claim() {
        let claimed = task("c1").claimed_by("tab-a", 2_000).expect("due");
        let failed = claimed.failed(&server_error(), 3_000);
        assert_eq!(failed.claim, None);
    }

    #[test]
    fn a_written_entry_is_never_due_again() {
        let written = task("c1").written("task-9".into());
        assert!(!written.is_due(i64::MAX, "tab-a"));
        assert!(!written.clone().retry_now(5).is_due(5, "tab-a"));
    }

    #[test]
    fn due_entries_come_oldest_first() {
        let mut late = task("c2");
        late.next_try_ms = 500;
        let entries = vec![task("c1"), late, task("c3").written("t".into())];
        let due: Vec<&str> = due_entries(&entries, 2_000, "tab-a").iter().map(|e| e.id.as_str()).collect();
        assert_eq!(due, ["task:c2", "task:c1"]);
    }

    #[test]
    fn an_entry_queued_by_an_earlier_version_still_reads() {
        let stored = r#"{"id":"disposition:c1#2","intent":{"kind":"disposition","call_id":"c1","action_id":"c1#2",
            "outcome":"booked","who":"o_marco","when":"2026-11-24T15:00:00Z"},"status":{"state":"pending"},
            "attempts":0,"queued_ms":7,"next_try_ms":7,"last_error":null,"claim":null}"#;
        let entry: OutboxEntry = serde_json::from_str(stored).expect("an earlier version's entry parses");
        assert!(matches!(entry.intent, WriteIntent::Disposition { ref outcome, .. } if outcome == "booked"));
    }

    #[test]
    fn entries_round_trip_through_json() {
        let entry = OutboxEntry::new(
            WriteIntent::Note {
                call_id: "c1".into(),
                action_id: "c1#2".into(),
                says: NoteSays::Outcome { outcome: "booked".into() },
                who: "o_marco".into(),
                when: "2026-11-24T15:00:00Z".into(),
            },
            7,
        );
        let text = serde_json::to_string(&entry).expect("serializes");
        assert_eq!(serde_json::from_str::<OutboxEntry>(&text).expect("parses"), entry);
    }
}
