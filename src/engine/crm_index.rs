//! Index over CRM contacts, leads and tickets; `match_caller`. (Being written.)

use super::bundle::{Contact, Crm, Lead, Ticket};
use super::decision::MatchKind;
use super::phone::{CallerId, PhoneNormalizer};

/// The CRM, indexed once by normalized phone and by name, so matching is a lookup.
pub struct CrmIndex<'a> {
    _crm: &'a Crm,
}

/// The result of matching one caller against the CRM.
#[derive(Debug, Clone)]
pub struct CallerMatch<'a> {
    pub kind: MatchKind,
    pub contact: Option<&'a Contact>,
    /// The open lead with the highest amount (kind `open_lead`), or the matched lead.
    pub lead: Option<&'a Lead>,
    /// An open ticket of the matched contact.
    pub open_ticket: Option<&'a Ticket>,
    /// Contact or lead ids for a person to choose from (ambiguous number, same name).
    pub candidates: Vec<String>,
    /// No number matched but a record carries the caller's name.
    pub possible_duplicate: bool,
}

impl<'a> CrmIndex<'a> {
    pub fn build(crm: &'a Crm, _phones: &PhoneNormalizer) -> Self {
        CrmIndex { _crm: crm }
    }

    pub fn match_caller(&self, _caller: &CallerId, _caller_name: Option<&str>) -> CallerMatch<'a> {
        todo!()
    }
}
