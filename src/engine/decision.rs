//! The triage output of `contract/TRIAGE.md`: one decision per call, metrics, and config
//! warnings. Every status and level is an enum, so only contract values can be written.

use serde::{Deserialize, Serialize};

use super::transcript::Evidence;

#[derive(Debug, Clone, Serialize)]
pub struct TriageOutput {
    pub decisions: Vec<Decision>,
    pub metrics: Metrics,
    pub config_warnings: Vec<ConfigWarning>,
}

#[derive(Debug, Clone, Serialize)]
pub struct ConfigWarning {
    pub template_id: String,
    pub problem: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Exclusion {
    Answered,
    Outbound,
    CallbackRequest,
    DuplicateEvent,
    RepeatCall,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum CallerStatus {
    Valid,
    Withheld,
    Invalid,
}

#[derive(Debug, Clone, Serialize)]
pub struct CallerView {
    pub raw: Option<String>,
    pub e164: Option<String>,
    pub status: CallerStatus,
}

impl CallerView {
    /// The number as the call detail shows it: E.164, else the raw caller id marked as not
    /// callable, else withheld.
    pub fn shown_number(&self) -> String {
        match (&self.e164, &self.raw) {
            (Some(e164), _) => e164.clone(),
            (None, Some(raw)) if !raw.trim().is_empty() => format!("{raw} (not a callable number)"),
            _ => "Caller id withheld".into(),
        }
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct SourceView {
    pub number: String,
    pub name: String,
    pub campaign: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum MatchKind {
    OpenLead,
    Customer,
    Contact,
    Ambiguous,
    None,
}

#[derive(Debug, Clone, Serialize)]
pub struct MatchView {
    pub kind: MatchKind,
    pub contact_id: Option<String>,
    pub lead_id: Option<String>,
    pub ticket_id: Option<String>,
    pub candidates: Vec<String>,
}

impl MatchView {
    /// The contacts that carry the caller's number: all of them when several do, else the
    /// matched one. The other candidates only share the caller's name.
    pub fn number_carriers(&self) -> Vec<String> {
        match self.kind {
            MatchKind::Ambiguous => self.candidates.clone(),
            _ => self.contact_id.iter().cloned().collect(),
        }
    }

    /// Every contact a person may confirm as the caller: the matched one first, then the candidates.
    pub fn all_candidates(&self) -> Vec<String> {
        let mut candidates = self.candidates.clone();
        if let Some(c) = &self.contact_id {
            if !candidates.contains(c) {
                candidates.insert(0, c.clone());
            }
        }
        candidates
    }

    /// Choosing a contact that does not carry the caller's number merges the number into it.
    pub fn merge_phone(&self, contact_id: &str, caller_e164: Option<&str>) -> Option<String> {
        if self.number_carriers().iter().any(|c| c == contact_id) {
            None
        } else {
            caller_e164.map(str::to_owned)
        }
    }
}

/// Ordered from least to most pressing, so `max` picks the more urgent level.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Urgency {
    Unknown,
    Routine,
    Urgent,
    Emergency,
}

#[derive(Debug, Clone, Serialize)]
pub struct UrgencyView {
    pub level: Urgency,
    pub evidence: Vec<Evidence>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CategoryName {
    ServiceRequest,
    Complaint,
    PricingRequest,
    AvailabilityRequest,
    ExistingJob,
    VendorOrSolicitation,
    WrongNumber,
}

#[derive(Debug, Clone, Serialize)]
pub struct Category {
    pub name: CategoryName,
    pub evidence: Vec<Evidence>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Action {
    CallbackTask,
    Review,
    Escalate,
    None,
}

/// Why a call is not a plain callback task. Declaration order is output order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Reason {
    Emergency,
    Complaint,
    HighValue,
    ExistingCustomerOpenIssue,
    AmbiguousMatch,
    PossibleDuplicate,
    WithheldCallerId,
    InvalidCallerId,
    AmbiguousVoicemail,
    VendorOrSolicitation,
    NoOwner,
}

impl Reason {
    /// Reasons that escalate at once; every other reason sends the call to review.
    pub fn escalates(self) -> bool {
        matches!(self, Reason::Emergency | Reason::Complaint | Reason::HighValue | Reason::ExistingCustomerOpenIssue)
    }
}

impl Action {
    /// Rules 6 to 8 for a work item: no reason at all makes a plain callback task.
    pub fn for_reasons(reasons: &[Reason]) -> Action {
        if reasons.iter().any(|r| r.escalates()) {
            Action::Escalate
        } else if !reasons.is_empty() {
            Action::Review
        } else {
            Action::CallbackTask
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum OwnerRule {
    LeadOwner,
    ContactOwner,
    SourceOwner,
    Territory,
    ServiceLine,
    AfterHoursOwner,
    DefaultOwner,
    Backup,
}

#[derive(Debug, Clone, Serialize)]
pub struct LocationView {
    pub postal_code: String,
    pub evidence: Vec<Evidence>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum SmsBlock {
    Disabled,
    NotATask,
    NoCallerId,
    ConsentUnknown,
    OptedOut,
    NoApprovedTemplate,
}

#[derive(Debug, Clone, Serialize)]
pub struct SmsView {
    pub allowed: bool,
    pub reason: Option<SmsBlock>,
    pub template: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Decision {
    pub call_id: String,
    pub missed: bool,
    pub excluded: Option<Exclusion>,
    pub folded_into: Option<String>,
    pub caller: CallerView,
    pub after_hours: bool,
    pub source: Option<SourceView>,
    #[serde(rename = "match")]
    pub matched: MatchView,
    pub summary: Vec<String>,
    pub urgency: UrgencyView,
    pub categories: Vec<Category>,
    pub action: Action,
    pub reasons: Vec<Reason>,
    pub owner: Option<String>,
    pub owner_rule: Option<OwnerRule>,
    /// RFC 3339 in the business's offset.
    pub due_at: Option<String>,
    pub stale: bool,
    pub location: Option<LocationView>,
    pub new_record: bool,
    pub sms: SmsView,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct SourceCount {
    pub source: String,
    pub count: u32,
    pub after_hours: u32,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Pilot {
    pub within_sla: Option<f64>,
    pub threshold: f64,
    pub met: bool,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Metrics {
    pub missed_calls: u32,
    pub by_source: Vec<SourceCount>,
    pub by_hour: [u32; 24],
    pub by_weekday: [u32; 7],
    pub median_minutes_to_assignment: Option<f64>,
    pub median_minutes_to_callback: Option<f64>,
    pub stale_rate: Option<f64>,
    pub booked_rate: Option<f64>,
    pub wrong_owner_rate: Option<f64>,
    pub duplicate_rate: Option<f64>,
    pub pilot: Pilot,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn caller(raw: Option<&str>, e164: Option<&str>) -> CallerView {
        CallerView { raw: raw.map(Into::into), e164: e164.map(Into::into), status: CallerStatus::Valid }
    }

    fn matched(kind: MatchKind, contact_id: Option<&str>, candidates: &[&str]) -> MatchView {
        MatchView {
            kind,
            contact_id: contact_id.map(Into::into),
            lead_id: None,
            ticket_id: None,
            candidates: candidates.iter().map(|c| c.to_string()).collect(),
        }
    }

    #[test]
    fn shown_number_is_e164_else_raw_not_callable_else_withheld() {
        assert_eq!(caller(Some("303 555 0122"), Some("+13035550122")).shown_number(), "+13035550122");
        assert_eq!(caller(Some("12"), None).shown_number(), "12 (not a callable number)");
        assert_eq!(caller(Some("  "), None).shown_number(), "Caller id withheld");
        assert_eq!(caller(None, None).shown_number(), "Caller id withheld");
    }

    #[test]
    fn number_carriers_are_all_candidates_only_when_ambiguous() {
        assert_eq!(matched(MatchKind::Ambiguous, None, &["C1", "C2"]).number_carriers(), ["C1", "C2"]);
        assert_eq!(matched(MatchKind::Contact, Some("C1"), &["C7"]).number_carriers(), ["C1"]);
        assert!(matched(MatchKind::None, None, &["C7"]).number_carriers().is_empty());
    }

    #[test]
    fn all_candidates_put_the_matched_contact_first_once() {
        assert_eq!(matched(MatchKind::Contact, Some("C1"), &["C7"]).all_candidates(), ["C1", "C7"]);
        assert_eq!(matched(MatchKind::Ambiguous, Some("C2"), &["C1", "C2"]).all_candidates(), ["C1", "C2"]);
    }

    #[test]
    fn merge_phone_only_into_a_contact_without_the_number() {
        let m = matched(MatchKind::Contact, Some("C1"), &["C7"]);
        assert_eq!(m.merge_phone("C1", Some("+13035550122")), None);
        assert_eq!(m.merge_phone("C7", Some("+13035550122")).as_deref(), Some("+13035550122"));
        assert_eq!(m.merge_phone("C7", None), None);
    }
}
