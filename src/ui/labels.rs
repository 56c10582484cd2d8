//! Words for the engine's enums, as people read them, and the time formats the UI uses.

use jiff::tz::TimeZone;
use jiff::{SignedDuration, Timestamp};

use crate::engine::bundle::Owner;
use crate::engine::charts::weekday_date_time;
use crate::engine::decision::{Action, CategoryName, MatchKind, OwnerRule, Reason, SmsBlock, SourceView, Urgency};

pub fn action(a: Action) -> &'static str {
    match a {
        Action::Escalate => "Escalate",
        Action::Review => "Review",
        Action::CallbackTask => "Callback",
        Action::None => "No action",
    }
}

pub fn urgency(u: Urgency) -> &'static str {
    match u {
        Urgency::Emergency => "Emergency",
        Urgency::Urgent => "Urgent",
        Urgency::Routine => "Routine",
        Urgency::Unknown => "Unknown",
    }
}

pub fn reason(r: Reason) -> &'static str {
    match r {
        Reason::Emergency => "Emergency in the voicemail",
        Reason::Complaint => "Complaint",
        Reason::HighValue => "High-value open lead",
        Reason::ExistingCustomerOpenIssue => "Customer with an open ticket",
        Reason::AmbiguousMatch => "Number shared by several contacts",
        Reason::PossibleDuplicate => "Possible duplicate (same name)",
        Reason::WithheldCallerId => "Caller id withheld",
        Reason::InvalidCallerId => "Caller id is not a number",
        Reason::AmbiguousVoicemail => "Voicemail unclear",
        Reason::VendorOrSolicitation => "Vendor or solicitation",
        Reason::NoOwner => "No owner rule applies",
    }
}

pub fn category(c: CategoryName) -> &'static str {
    match c {
        CategoryName::ServiceRequest => "service request",
        CategoryName::Complaint => "complaint",
        CategoryName::PricingRequest => "pricing question",
        CategoryName::AvailabilityRequest => "availability question",
        CategoryName::ExistingJob => "existing job",
        CategoryName::VendorOrSolicitation => "vendor",
        CategoryName::WrongNumber => "wrong number",
    }
}

pub fn match_kind(k: MatchKind) -> &'static str {
    match k {
        MatchKind::OpenLead => "Open lead",
        MatchKind::Customer => "Customer",
        MatchKind::Contact => "Contact",
        MatchKind::Ambiguous => "Several contacts",
        MatchKind::None => "No match",
    }
}

pub fn owner_rule(r: OwnerRule) -> &'static str {
    match r {
        OwnerRule::LeadOwner => "owner of the open lead",
        OwnerRule::ContactOwner => "owner of the contact",
        OwnerRule::SourceOwner => "owner of the tracking number",
        OwnerRule::Territory => "territory",
        OwnerRule::ServiceLine => "service line of the tracking number",
        OwnerRule::AfterHoursOwner => "after-hours emergency owner",
        OwnerRule::DefaultOwner => "default owner",
        OwnerRule::Backup => "backup of an unavailable owner",
    }
}

pub fn sms_block(b: SmsBlock) -> &'static str {
    match b {
        SmsBlock::Disabled => "texts are turned off in settings",
        SmsBlock::NotATask => "only plain callback tasks get a text",
        SmsBlock::NoCallerId => "there is no number to text",
        SmsBlock::ConsentUnknown => "the contact has not opted in to texts",
        SmsBlock::OptedOut => "the contact opted out of texts",
        SmsBlock::NoApprovedTemplate => "no approved template",
    }
}

/// Why the call has its owner, after the owner's name: ` · reassigned by a person`,
/// ` · rule: territory`, or nothing when the engine gave no rule.
pub fn owner_basis(reassigned: bool, rule: Option<OwnerRule>) -> String {
    match (reassigned, rule) {
        (true, _) => " · reassigned by a person".to_owned(),
        (false, Some(rule)) => format!(" · rule: {}", owner_rule(rule)),
        (false, None) => String::new(),
    }
}

/// An owner in the reassign menu, marked when away.
pub fn owner_choice(owner: &Owner) -> String {
    format!("{}{}", owner.name, if owner.available { "" } else { " (away)" })
}

/// `Dialed Main line (+13035550100) · campaign fall-mailer`, or the number dialed when it is no
/// tracking number.
pub fn dialed(source: Option<&SourceView>, to: &str) -> String {
    match source {
        Some(s) => format!(
            "Dialed {} ({}){}",
            s.name,
            s.number,
            s.campaign.as_ref().map(|c| format!(" · campaign {c}")).unwrap_or_default()
        ),
        None => format!("Dialed {to} (not a known tracking number)"),
    }
}

/// `gas_smell` → `gas smell`.
pub fn signal(name: &str) -> String {
    name.replace('_', " ")
}

/// `Tue 24 Nov 14:05` in the business's zone.
pub fn local_time(at: Timestamp, zone: &TimeZone) -> String {
    weekday_date_time(zone.to_datetime(at))
}

/// `in 1h 05m`, `in 42s`, `3h 10m overdue`.
pub fn countdown(due: Timestamp, now: Timestamp) -> String {
    let left = due.duration_since(now);
    let overdue = left.is_negative();
    let secs = left.abs().as_secs();
    let (d, h, m, s) = (secs / 86_400, secs % 86_400 / 3600, secs % 3600 / 60, secs % 60);
    let text = if d > 0 {
        format!("{d}d {h}h")
    } else if h > 0 {
        format!("{h}h {m:02}m")
    } else if m > 0 {
        format!("{m}m {s:02}s")
    } else {
        format!("{s}s")
    };
    if overdue {
        format!("{text} overdue")
    } else {
        format!("in {text}")
    }
}

pub fn is_overdue(due: Timestamp, now: Timestamp) -> bool {
    due.duration_since(now) < SignedDuration::ZERO
}
