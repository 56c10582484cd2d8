//! CRM exports into the contract's contacts, leads (deals) and tickets.
//!
//! HubSpot's export headers ("Record ID", "Phone Number", "Mobile Phone Number", "Contact
//! owner", "Associated Contact IDs", …) are recognised, as are common generic names. Owners in
//! HubSpot exports are names, not ids: a name that equals a configured owner's name becomes
//! that owner's id, anything else stays as written.

use serde::{Deserialize, Serialize};

use super::{check_phone_cell, read_table, ColumnMapping, Field, ImportError, Imported, Row, RowIssue};
use crate::engine::bundle::{Contact, Lead, LeadStatus, Owner, SmsConsent, Ticket, TicketStatus};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ContactField {
    Id,
    Name,
    FirstName,
    LastName,
    Phone,
    MobilePhone,
    WhatsAppPhone,
    OtherPhone,
    Customer,
    LifecycleStage,
    Owner,
    PostalCode,
    SmsConsent,
}

impl Field for ContactField {
    const ALL: &'static [ContactField] = &[
        ContactField::Id,
        ContactField::Name,
        ContactField::FirstName,
        ContactField::LastName,
        ContactField::Phone,
        ContactField::MobilePhone,
        ContactField::WhatsAppPhone,
        ContactField::OtherPhone,
        ContactField::Customer,
        ContactField::LifecycleStage,
        ContactField::Owner,
        ContactField::PostalCode,
        ContactField::SmsConsent,
    ];

    fn aliases(self) -> &'static [&'static str] {
        match self {
            ContactField::Id => &["Record ID", "Contact ID", "ID", "contact_id"],
            ContactField::Name => &["Name", "Full Name", "Contact Name"],
            ContactField::FirstName => &["First Name", "firstname", "Given Name"],
            ContactField::LastName => &["Last Name", "lastname", "Surname", "Family Name"],
            ContactField::Phone => &["Phone Number", "Phone", "Work Phone", "Business Phone"],
            ContactField::MobilePhone => {
                &["Mobile Phone Number", "Mobile Phone", "Mobile", "Cell", "Cell Phone", "mobilephone"]
            }
            ContactField::WhatsAppPhone => &["WhatsApp Phone Number", "hs_whatsapp_phone_number"],
            ContactField::OtherPhone => &["Other Phone", "Home Phone", "Phone 2"],
            ContactField::Customer => &["Customer", "Is Customer"],
            ContactField::LifecycleStage => &["Lifecycle Stage", "lifecyclestage"],
            ContactField::Owner => &["Contact owner", "Owner", "hubspot_owner_id"],
            ContactField::PostalCode => &["Postal Code", "Zip", "Zip Code", "Postcode", "zip"],
            ContactField::SmsConsent => &["SMS Consent", "sms_consent", "Text Consent", "SMS Opt In"],
        }
    }

    fn required(self) -> bool {
        matches!(self, ContactField::Id)
    }

    fn label(self) -> &'static str {
        match self {
            ContactField::Id => "contact id",
            ContactField::Name => "name",
            ContactField::FirstName => "first name",
            ContactField::LastName => "last name",
            ContactField::Phone => "phone",
            ContactField::MobilePhone => "mobile phone",
            ContactField::WhatsAppPhone => "WhatsApp phone",
            ContactField::OtherPhone => "other phone",
            ContactField::Customer => "customer flag",
            ContactField::LifecycleStage => "lifecycle stage",
            ContactField::Owner => "owner",
            ContactField::PostalCode => "postal code",
            ContactField::SmsConsent => "SMS consent",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DealField {
    Id,
    ContactId,
    Phone,
    Name,
    Stage,
    Owner,
    Amount,
    ServiceLine,
}

impl Field for DealField {
    const ALL: &'static [DealField] = &[
        DealField::Id,
        DealField::ContactId,
        DealField::Phone,
        DealField::Name,
        DealField::Stage,
        DealField::Owner,
        DealField::Amount,
        DealField::ServiceLine,
    ];

    fn aliases(self) -> &'static [&'static str] {
        match self {
            DealField::Id => &["Record ID", "Deal ID", "Lead ID", "ID"],
            DealField::ContactId => &["Associated Contact IDs", "Associated Contact ID", "Contact ID", "contact_id"],
            DealField::Phone => &["Phone Number", "Phone"],
            DealField::Name => &["Deal Name", "Lead Name", "Name"],
            DealField::Stage => &["Deal Stage", "Status", "Stage", "Lead Status"],
            DealField::Owner => &["Deal owner", "Owner", "hubspot_owner_id"],
            DealField::Amount => &["Amount", "Deal Amount", "Value"],
            DealField::ServiceLine => &["Service Line", "Pipeline", "Service"],
        }
    }

    fn required(self) -> bool {
        matches!(self, DealField::Id | DealField::Stage)
    }

    fn label(self) -> &'static str {
        match self {
            DealField::Id => "deal id",
            DealField::ContactId => "associated contact id",
            DealField::Phone => "phone",
            DealField::Name => "deal name",
            DealField::Stage => "deal stage",
            DealField::Owner => "owner",
            DealField::Amount => "amount",
            DealField::ServiceLine => "service line",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TicketField {
    Id,
    ContactId,
    Status,
    Subject,
}

impl Field for TicketField {
    const ALL: &'static [TicketField] =
        &[TicketField::Id, TicketField::ContactId, TicketField::Status, TicketField::Subject];

    fn aliases(self) -> &'static [&'static str] {
        match self {
            TicketField::Id => &["Ticket ID", "Record ID", "ID"],
            TicketField::ContactId => &["Associated Contact IDs", "Associated Contact ID", "Contact ID", "contact_id"],
            TicketField::Status => &["Ticket status", "Status", "Pipeline Stage", "Stage"],
            TicketField::Subject => &["Ticket name", "Subject", "Title"],
        }
    }

    fn required(self) -> bool {
        matches!(self, TicketField::Id | TicketField::ContactId | TicketField::Status)
    }

    fn label(self) -> &'static str {
        match self {
            TicketField::Id => "ticket id",
            TicketField::ContactId => "associated contact id",
            TicketField::Status => "ticket status",
            TicketField::Subject => "subject",
        }
    }
}

/// Reads every data row through the mapping; rows that fail become issues.
fn import<F: Field, T>(
    bytes: &[u8],
    mapping: Option<&ColumnMapping<F>>,
    mut convert: impl FnMut(&Row<'_, F>, &mut Vec<RowIssue>) -> Result<T, RowIssue>,
) -> Result<Imported<T, F>, ImportError> {
    let table = read_table(bytes)?;
    let mapping = mapping.cloned().unwrap_or_else(|| ColumnMapping::detect(&table.headers));
    let indexes = mapping.resolve(&table.headers)?;
    let mut records = Vec::new();
    let mut issues = table.unreadable;
    for (number, cells) in &table.rows {
        match convert(&Row::new(*number, cells, &indexes, &table.headers), &mut issues) {
            Ok(record) => records.push(record),
            Err(issue) => issues.push(issue),
        }
    }
    issues.sort_by_key(|i| i.row);
    Ok(Imported { records, issues, mapping })
}

fn owner_id(owners: &[Owner], written: &str) -> String {
    owners
        .iter()
        .find(|o| o.id == written || o.name.trim().eq_ignore_ascii_case(written.trim()))
        .map(|o| o.id.clone())
        .unwrap_or_else(|| written.to_owned())
}

/// The first id of a list ("123;456" as HubSpot writes associations), lowest first.
fn first_id(text: &str) -> Option<String> {
    let mut ids: Vec<&str> = text.split([';', ',']).map(str::trim).filter(|s| !s.is_empty()).collect();
    ids.sort_by_key(|id| (id.len(), *id));
    ids.first().map(|id| (*id).to_owned())
}

fn yes_no(text: &str) -> Option<bool> {
    match text.trim().to_ascii_lowercase().as_str() {
        "yes" | "y" | "true" | "1" | "x" => Some(true),
        "no" | "n" | "false" | "0" | "" => Some(false),
        _ => None,
    }
}

pub fn import_contacts(
    bytes: &[u8],
    mapping: Option<&ColumnMapping<ContactField>>,
    owners: &[Owner],
) -> Result<Imported<Contact, ContactField>, ImportError> {
    import(bytes, mapping, |row, issues| {
        let id = row.get(ContactField::Id).ok_or_else(|| row.issue(ContactField::Id, "no contact id"))?.to_owned();
        let mut phones = Vec::new();
        for field in
            [ContactField::Phone, ContactField::MobilePhone, ContactField::WhatsAppPhone, ContactField::OtherPhone]
        {
            if let Some(text) = row.get(field) {
                // HubSpot and other CRMs put several numbers in one cell, separated by ";".
                for phone in text.split(';').map(str::trim).filter(|p| !p.is_empty()) {
                    // One mangled number loses that number, not the contact and what hangs on it.
                    match check_phone_cell(phone) {
                        Ok(phone) => phones.push(phone.to_owned()),
                        Err(reason) => {
                            issues.push(row.issue(field, format!("{reason}; the contact is kept without it")))
                        }
                    }
                }
            }
        }
        let name = match row.get(ContactField::Name) {
            Some(name) => Some(name.to_owned()),
            None => {
                let parts: Vec<&str> =
                    [row.get(ContactField::FirstName), row.get(ContactField::LastName)].into_iter().flatten().collect();
                (!parts.is_empty()).then(|| parts.join(" "))
            }
        };
        let customer = match (row.get(ContactField::Customer), row.get(ContactField::LifecycleStage)) {
            (Some(text), _) => {
                yes_no(text).ok_or_else(|| row.issue(ContactField::Customer, format!("{text:?} is not yes or no")))?
            }
            (None, Some(stage)) => stage.eq_ignore_ascii_case("customer"),
            (None, None) => false,
        };
        let sms_consent =
            match row.get(ContactField::SmsConsent).map(|t| t.to_ascii_lowercase().replace([' ', '-'], "_")) {
                None => SmsConsent::Unknown,
                Some(t) if matches!(t.as_str(), "opted_in" | "yes" | "true" | "subscribed" | "opt_in") => {
                    SmsConsent::OptedIn
                }
                Some(t) if matches!(t.as_str(), "opted_out" | "no" | "false" | "unsubscribed" | "opt_out" | "stop") => {
                    SmsConsent::OptedOut
                }
                Some(_) => SmsConsent::Unknown,
            };
        Ok(Contact {
            id,
            name,
            phones,
            customer,
            owner: row.get(ContactField::Owner).map(|o| owner_id(owners, o)),
            postal_code: row.get(ContactField::PostalCode).map(str::to_owned),
            sms_consent,
        })
    })
}

pub fn import_deals(
    bytes: &[u8],
    mapping: Option<&ColumnMapping<DealField>>,
    owners: &[Owner],
) -> Result<Imported<Lead, DealField>, ImportError> {
    import(bytes, mapping, |row, issues| {
        let id = row.get(DealField::Id).ok_or_else(|| row.issue(DealField::Id, "no deal id"))?.to_owned();
        let stage = row.get(DealField::Stage).ok_or_else(|| row.issue(DealField::Stage, "no deal stage"))?;
        let lower = stage.to_ascii_lowercase();
        let status = if lower.contains("won") {
            LeadStatus::Won
        } else if lower.contains("lost") || lower.contains("closed") || lower.contains("disqualified") {
            LeadStatus::Lost
        } else {
            LeadStatus::Open
        };
        let amount = match row.get(DealField::Amount) {
            None => None,
            Some(text) => {
                let cleaned: String = text.chars().filter(|c| c.is_ascii_digit() || *c == '.' || *c == '-').collect();
                let value = cleaned.parse::<f64>().ok().filter(|v| v.is_finite());
                Some(value.ok_or_else(|| row.issue(DealField::Amount, format!("{text:?} is not an amount")))?)
            }
        };
        let phone = match row.get(DealField::Phone).map(check_phone_cell) {
            Some(Ok(phone)) => Some(phone.to_owned()),
            Some(Err(reason)) => {
                issues.push(row.issue(DealField::Phone, format!("{reason}; the deal is kept without it")));
                None
            }
            None => None,
        };
        Ok(Lead {
            id,
            contact_id: row.get(DealField::ContactId).and_then(first_id),
            phone,
            name: row.get(DealField::Name).map(str::to_owned),
            status,
            owner: row.get(DealField::Owner).map(|o| owner_id(owners, o)),
            amount,
            service_line: row.get(DealField::ServiceLine).map(str::to_owned),
        })
    })
}

pub fn import_tickets(
    bytes: &[u8],
    mapping: Option<&ColumnMapping<TicketField>>,
) -> Result<Imported<Ticket, TicketField>, ImportError> {
    import(bytes, mapping, |row, _| {
        let id = row.get(TicketField::Id).ok_or_else(|| row.issue(TicketField::Id, "no ticket id"))?.to_owned();
        let contact_id = row
            .get(TicketField::ContactId)
            .and_then(first_id)
            .ok_or_else(|| row.issue(TicketField::ContactId, "no associated contact"))?;
        let status_text = row.get(TicketField::Status).ok_or_else(|| row.issue(TicketField::Status, "no status"))?;
        let lower = status_text.to_ascii_lowercase();
        let status = if lower.contains("closed") || lower.contains("resolved") || lower == "done" {
            TicketStatus::Closed
        } else {
            TicketStatus::Open
        };
        Ok(Ticket { id, contact_id, status, subject: row.get(TicketField::Subject).map(str::to_owned) })
    })
}
