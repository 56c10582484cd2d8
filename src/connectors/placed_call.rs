//! A call the business placed, as the system that recorded it tells it: one shape for Twilio's
//! outbound calls (`twilio::outbound`) and the calls reps log in HubSpot
//! (`hubspot::placed_calls`), so the store counts a callback the same way wherever it was made.

use jiff::Timestamp;
use serde::Serialize;

/// How a placed call ended, as far as its record tells. Its serde name is the word the audit
/// trail stores (`no_answer`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum PlacedOutcome {
    /// Someone (or something) picked up and the call ran.
    Answered,
    /// A voicemail was (likely) left: Twilio's answering-machine detection heard a machine, or
    /// the rep logged "Left voicemail".
    Voicemail,
    /// No answer, busy, failed or canceled.
    NoAnswer,
}

/// Which system recorded the call.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RecordedIn {
    /// The phone system placed it (a click-to-call, a softphone, a `<Dial>`).
    Twilio,
    /// A rep logged it in the CRM (or a phone integration did).
    HubSpot,
}

/// One call the business placed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlacedCall {
    pub recorded_in: RecordedIn,
    /// The record's id in that system (a Twilio call sid, a HubSpot call id).
    pub id: String,
    /// The number dialed, as the record wrote it.
    pub to: String,
    pub at: Timestamp,
    pub outcome: PlacedOutcome,
}

#[cfg(test)]
mod tests {
    use super::PlacedOutcome;
    use crate::engine::serde_name::serde_name;

    /// The audit trail holds these words from before serde named them: they must not change.
    #[test]
    fn the_stored_words_are_the_serde_names() {
        let outcomes = [PlacedOutcome::Answered, PlacedOutcome::Voicemail, PlacedOutcome::NoAnswer];
        assert_eq!(outcomes.map(|o| serde_name(&o)), ["answered", "voicemail", "no_answer"]);
        assert_eq!(serde_json::json!(outcomes), serde_json::json!(["answered", "voicemail", "no_answer"]));
    }
}
