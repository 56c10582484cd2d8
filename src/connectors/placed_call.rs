//! A call the business placed, as the system that recorded it tells it: one shape for Twilio's
//! outbound calls (`twilio::outbound`) and the calls reps log in HubSpot
//! (`hubspot::placed_calls`), so the store counts a callback the same way wherever it was made.

use jiff::Timestamp;

/// How a placed call ended, as far as its record tells.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PlacedOutcome {
    /// Someone (or something) picked up and the call ran.
    Answered,
    /// A voicemail was (likely) left: Twilio's answering-machine detection heard a machine, or
    /// the rep logged "Left voicemail".
    Voicemail,
    /// No answer, busy, failed or canceled.
    NoAnswer,
}

impl PlacedOutcome {
    /// The word stored in the audit trail.
    pub fn name(self) -> &'static str {
        match self {
            PlacedOutcome::Answered => "answered",
            PlacedOutcome::Voicemail => "voicemail",
            PlacedOutcome::NoAnswer => "no_answer",
        }
    }
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
