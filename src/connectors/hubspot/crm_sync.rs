//! Reading the CRM: contacts with every phone property, deals and tickets with their
//! associated contacts, and owners, page by page (`after` cursors), into the bundle's CRM.

use super::{read_json, HubSpotAccount, OwnerPage, Page, Record, PAGE_LIMIT, PHONE_PROPERTIES, SERVICE};
use crate::connectors::error::ConnectorError;
use crate::connectors::http::{Exchange, HttpRequest, Outcome};
use crate::connectors::paging::Cursors;
use crate::engine::bundle::{Contact, Crm, Lead, LeadStatus, SmsConsent, Ticket, TicketStatus};

impl HubSpotAccount {
    /// Contacts, deals, tickets and owners, every page.
    pub fn crm_sync(&self) -> CrmSync {
        CrmSync {
            account: self.clone(),
            stage: CrmStage::Contacts,
            after: None,
            cursors: Cursors::default(),
            data: CrmData::default(),
        }
    }
}

/// An owner as HubSpot lists them; `id` is what `hubspot_owner_id` holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HubSpotOwner {
    pub id: String,
    pub name: String,
    pub email: Option<String>,
}

#[derive(Debug, Clone, Default)]
pub struct CrmData {
    pub crm: Crm,
    pub owners: Vec<HubSpotOwner>,
    /// Records that could not be used, with the reason (e.g. a ticket with no contact).
    pub skipped: Vec<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum CrmStage {
    Contacts,
    Deals,
    Tickets,
    Owners,
    Done,
}

#[derive(Debug)]
pub struct CrmSync {
    account: HubSpotAccount,
    stage: CrmStage,
    after: Option<String>,
    cursors: Cursors,
    data: CrmData,
}

impl CrmSync {
    /// Which kind of record is being read now, for a progress bar.
    pub fn stage_name(&self) -> &'static str {
        match self.stage {
            CrmStage::Contacts => "contacts",
            CrmStage::Deals => "deals",
            CrmStage::Tickets => "tickets",
            CrmStage::Owners => "owners",
            CrmStage::Done => "done",
        }
    }

    fn contact(&self, record: &Record) -> Contact {
        let account = &self.account;
        let phones = PHONE_PROPERTIES
            .iter()
            .copied()
            .chain(account.extra_phone_properties.iter().map(String::as_str))
            .filter_map(|p| record.property(p))
            .map(str::to_owned)
            .collect();
        let name =
            [record.property("firstname"), record.property("lastname")].into_iter().flatten().collect::<Vec<_>>();
        let consent = account.sms_consent_property.as_deref().and_then(|p| record.property(p));
        Contact {
            id: record.id.clone(),
            name: (!name.is_empty()).then(|| name.join(" ")),
            phones,
            customer: record.property("lifecyclestage") == Some("customer"),
            owner: record.property("hubspot_owner_id").map(str::to_owned),
            postal_code: record.property("zip").map(str::to_owned),
            sms_consent: match consent.map(str::to_ascii_lowercase).as_deref() {
                Some("opted_in") => SmsConsent::OptedIn,
                Some("opted_out") => SmsConsent::OptedOut,
                _ => SmsConsent::Unknown,
            },
        }
    }

    fn lead(record: &Record) -> Result<Lead, String> {
        let yes = |p| record.property(p) == Some("true");
        let status = if yes("hs_is_closed_won") {
            LeadStatus::Won
        } else if yes("hs_is_closed") || yes("hs_is_closed_lost") {
            LeadStatus::Lost
        } else {
            LeadStatus::Open
        };
        let amount = match record.property("amount") {
            None => None,
            Some(text) => {
                Some(text.parse::<f64>().map_err(|_| format!("deal {}: amount {text:?} is not a number", record.id))?)
            }
        };
        Ok(Lead {
            id: record.id.clone(),
            contact_id: record.first_contact(),
            phone: None,
            name: record.property("dealname").map(str::to_owned),
            status,
            owner: record.property("hubspot_owner_id").map(str::to_owned),
            amount,
            service_line: None,
        })
    }

    fn ticket(&self, record: &Record) -> Result<Ticket, String> {
        let contact_id =
            record.first_contact().ok_or_else(|| format!("ticket {}: no associated contact", record.id))?;
        let stage = record.property("hs_pipeline_stage");
        let closed = record.property("closed_date").is_some()
            || stage.is_some_and(|s| self.account.closed_ticket_stages.iter().any(|c| c == s));
        Ok(Ticket {
            id: record.id.clone(),
            contact_id,
            status: if closed { TicketStatus::Closed } else { TicketStatus::Open },
            subject: record.property("subject").map(str::to_owned),
        })
    }
}

impl Exchange for CrmSync {
    type Output = CrmData;

    fn next_request(&self) -> Option<HttpRequest> {
        let mut query: Vec<(&str, String)> = vec![("limit", PAGE_LIMIT.to_owned())];
        let path = match self.stage {
            CrmStage::Contacts => {
                query.push(("properties", self.account.contact_properties().join(",")));
                "/crm/v3/objects/contacts"
            }
            CrmStage::Deals => {
                let properties = "dealname,amount,hubspot_owner_id,dealstage,hs_is_closed,hs_is_closed_won";
                query.push(("properties", properties.to_owned()));
                query.push(("associations", "contacts".to_owned()));
                "/crm/v3/objects/deals"
            }
            CrmStage::Tickets => {
                query.push(("properties", "subject,hs_pipeline_stage,closed_date".to_owned()));
                query.push(("associations", "contacts".to_owned()));
                "/crm/v3/objects/tickets"
            }
            CrmStage::Owners => "/crm/v3/owners",
            CrmStage::Done => return None,
        };
        query.extend(self.after.clone().map(|a| ("after", a)));
        Some(self.account.get(self.account.url(path, &query)))
    }

    fn receive(&mut self, outcome: Outcome) -> Result<(), ConnectorError> {
        let secret = self.account.secret();
        let next_stage = |stage| match stage {
            CrmStage::Contacts => CrmStage::Deals,
            CrmStage::Deals => CrmStage::Tickets,
            CrmStage::Tickets => CrmStage::Owners,
            CrmStage::Owners | CrmStage::Done => CrmStage::Done,
        };
        let after = if self.stage == CrmStage::Owners {
            let page: OwnerPage = read_json(outcome, "owners page", &secret)?;
            for owner in page.results.into_iter().filter(|o| !o.archived) {
                let name =
                    [owner.first_name.as_deref(), owner.last_name.as_deref()].into_iter().flatten().collect::<Vec<_>>();
                let name = if name.is_empty() {
                    owner.email.clone().unwrap_or_else(|| owner.id.clone())
                } else {
                    name.join(" ")
                };
                self.data.owners.push(HubSpotOwner { id: owner.id, name, email: owner.email });
            }
            page.paging.and_then(|p| p.next).map(|n| n.after)
        } else {
            let page: Page = read_json(outcome, &format!("{} page", self.stage_name()), &secret)?;
            for record in &page.results {
                match self.stage {
                    CrmStage::Contacts => {
                        let contact = self.contact(record);
                        self.data.crm.contacts.push(contact);
                    }
                    CrmStage::Deals => match Self::lead(record) {
                        Ok(lead) => self.data.crm.leads.push(lead),
                        Err(reason) => self.data.skipped.push(reason),
                    },
                    CrmStage::Tickets => match self.ticket(record) {
                        Ok(ticket) => self.data.crm.tickets.push(ticket),
                        Err(reason) => self.data.skipped.push(reason),
                    },
                    CrmStage::Owners | CrmStage::Done => {}
                }
            }
            page.after()
        };
        match self.cursors.next(SERVICE, self.stage_name(), after)? {
            Some(after) => self.after = Some(after),
            None => {
                self.after = None;
                self.cursors.restart();
                self.stage = next_stage(self.stage);
            }
        }
        Ok(())
    }

    fn finish(self) -> CrmData {
        self.data
    }
}
