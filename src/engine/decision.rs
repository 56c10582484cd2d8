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

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
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
