//! Which owner gets a call, and by which rule (TRIAGE.md rule 9).
//!
//! The rules are tried in the contract's order; the first that names an owner who can take
//! the call wins. An owner marked `available: false` hands the call to their `backup`, and
//! on down the backup chain while each is unavailable; the rule then reads `backup`. A chain
//! that ends without anyone available (or loops back on itself) does not leave the call
//! stranded: the next rule gets its turn.
//!
//! Owner ids that the admin has not listed in `config.owners` (a lead or contact owner copied
//! from the CRM) are taken as available: the CRM says they own the record, nothing says they
//! are away, and dropping them would route a customer away from the person who knows them.
//! `config` ids (routing, sources, backups) are checked against `owners` before triage runs.

use std::collections::HashMap;

use super::bundle::{Config, Contact, Lead, Owner, Source};
use super::decision::{OwnerRule, Urgency};

/// The facts about one call that routing looks at.
#[derive(Debug, Clone, Copy)]
pub struct RoutingFacts<'a> {
    pub after_hours: bool,
    pub urgency: Urgency,
    pub lead: Option<&'a Lead>,
    pub contact: Option<&'a Contact>,
    pub source: Option<&'a Source>,
    pub postal_code: Option<&'a str>,
}

pub struct OwnerDirectory<'a> {
    config: &'a Config,
    /// Owners by id, built once per bundle; the first listing wins if an id repeats.
    by_id: HashMap<&'a str, &'a Owner>,
    /// Every owner's territories, normalised once per bundle, in listing order.
    territories: Vec<(String, &'a str)>,
}

impl<'a> OwnerDirectory<'a> {
    pub fn new(config: &'a Config) -> Self {
        let mut by_id = HashMap::with_capacity(config.owners.len());
        for owner in &config.owners {
            by_id.entry(owner.id.as_str()).or_insert(owner);
        }
        let territories = config
            .owners
            .iter()
            .flat_map(|owner| owner.territories.iter().map(move |t| (normalize_postal(t), owner.id.as_str())))
            .collect();
        OwnerDirectory { config, by_id, territories }
    }

    /// The first rule of TRIAGE.md §9 that yields an owner, with backups applied.
    pub fn route_owner(&self, facts: &RoutingFacts<'_>) -> Option<(String, OwnerRule)> {
        let routing = &self.config.routing;
        let after_hours_emergency = facts.after_hours && facts.urgency == Urgency::Emergency;
        let named: [(Option<&str>, OwnerRule); 4] = [
            (routing.after_hours_owner.as_deref().filter(|_| after_hours_emergency), OwnerRule::AfterHoursOwner),
            (facts.lead.and_then(|l| l.owner.as_deref()), OwnerRule::LeadOwner),
            (facts.contact.and_then(|c| c.owner.as_deref()), OwnerRule::ContactOwner),
            (facts.source.and_then(|s| s.owner.as_deref()), OwnerRule::SourceOwner),
        ];
        let owner = |id: Option<&str>, rule| {
            let id = id.map(str::trim).filter(|id| !id.is_empty())?;
            self.available_owner(id, rule)
        };
        // The territory and service-line owners are looked for only when the owners named on
        // the records yield nobody: most calls are routed before them, and a territory lookup
        // copies the postal code and reads every territory.
        named
            .into_iter()
            .find_map(|(id, rule)| owner(id, rule))
            .or_else(|| owner(facts.postal_code.and_then(|code| self.territory_owner(code)), OwnerRule::Territory))
            .or_else(|| {
                let line = facts.source.and_then(|s| s.service_line.as_deref());
                owner(line.and_then(|line| self.service_line_owner(line)), OwnerRule::ServiceLine)
            })
            .or_else(|| owner(routing.default_owner.as_deref(), OwnerRule::DefaultOwner))
    }

    /// `id` if they can take the call, else the first available owner down their backup
    /// chain (rule `Backup`), else `None`.
    fn available_owner(&self, id: &str, rule: OwnerRule) -> Option<(String, OwnerRule)> {
        let mut current = id;
        let mut visited: Vec<&str> = Vec::new();
        loop {
            let Some(owner) = self.by_id.get(current) else {
                // Not listed: a CRM owner the admin has not configured, taken as available.
                let rule = if visited.is_empty() { rule } else { OwnerRule::Backup };
                return Some((current.to_owned(), rule));
            };
            if owner.available {
                let rule = if visited.is_empty() { rule } else { OwnerRule::Backup };
                return Some((owner.id.clone(), rule));
            }
            visited.push(owner.id.as_str());
            let backup = owner.backup.as_deref().map(str::trim).filter(|b| !b.is_empty())?;
            if visited.contains(&backup) {
                return None;
            }
            current = backup;
        }
    }

    /// The owner whose territory is the longest prefix of `postal_code` (an exact code is the
    /// longest prefix of all); on a tie, the owner listed first. Spaces and case are ignored,
    /// so "SW1A 1AA" matches a territory "sw1a".
    fn territory_owner(&self, postal_code: &str) -> Option<&'a str> {
        let code = normalize_postal(postal_code);
        if code.is_empty() {
            return None;
        }
        let mut best: Option<(usize, &'a str)> = None;
        for (territory, owner) in &self.territories {
            let longer = best.is_none_or(|(len, _)| territory.len() > len);
            if !territory.is_empty() && code.starts_with(territory.as_str()) && longer {
                best = Some((territory.len(), owner));
            }
        }
        best.map(|(_, id)| id)
    }

    /// The first listed owner whose service lines hold `line` (case and spacing ignored).
    fn service_line_owner(&self, line: &str) -> Option<&'a str> {
        let line = line.trim();
        if line.is_empty() {
            return None;
        }
        self.config
            .owners
            .iter()
            .find(|owner| owner.service_lines.iter().any(|l| l.trim().eq_ignore_ascii_case(line)))
            .map(|owner| owner.id.as_str())
    }
}

fn normalize_postal(code: &str) -> String {
    code.chars().filter(|c| !c.is_whitespace() && *c != '-').map(|c| c.to_ascii_uppercase()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::bundle::{LeadStatus, Routing, SmsConsent};

    fn config(owners: Vec<Owner>, routing: Routing) -> Config {
        let json = serde_json::json!({ "timezone": "America/Denver" });
        let mut config: Config = serde_json::from_value(json).expect("minimal config");
        config.owners = owners;
        config.routing = routing;
        config
    }

    fn owner(id: &str) -> Owner {
        Owner {
            id: id.to_owned(),
            name: id.to_uppercase(),
            service_lines: Vec::new(),
            territories: Vec::new(),
            backup: None,
            available: true,
        }
    }

    fn away(id: &str, backup: Option<&str>) -> Owner {
        Owner { available: false, backup: backup.map(str::to_owned), ..owner(id) }
    }

    fn routing(default_owner: Option<&str>, after_hours_owner: Option<&str>) -> Routing {
        Routing {
            default_owner: default_owner.map(str::to_owned),
            after_hours_owner: after_hours_owner.map(str::to_owned),
        }
    }

    fn contact(owner: Option<&str>) -> Contact {
        Contact {
            id: "k1".to_owned(),
            name: None,
            phones: Vec::new(),
            customer: true,
            owner: owner.map(str::to_owned),
            postal_code: None,
            sms_consent: SmsConsent::Unknown,
        }
    }

    fn open_lead(owner: &str) -> Lead {
        Lead {
            id: "d1".to_owned(),
            contact_id: None,
            phone: None,
            name: None,
            status: LeadStatus::Open,
            owner: Some(owner.to_owned()),
            amount: None,
            service_line: None,
        }
    }

    fn source(owner: Option<&str>, service_line: Option<&str>) -> Source {
        Source {
            number: "+17205550300".to_owned(),
            name: "Ads".to_owned(),
            campaign: None,
            service_line: service_line.map(str::to_owned),
            owner: owner.map(str::to_owned),
        }
    }

    fn facts<'a>() -> RoutingFacts<'a> {
        RoutingFacts {
            after_hours: false,
            urgency: Urgency::Routine,
            lead: None,
            contact: None,
            source: None,
            postal_code: None,
        }
    }

    fn route(config: &Config, facts: RoutingFacts<'_>) -> Option<(String, OwnerRule)> {
        OwnerDirectory::new(config).route_owner(&facts)
    }

    fn routed(id: &str, rule: OwnerRule) -> Option<(String, OwnerRule)> {
        Some((id.to_owned(), rule))
    }

    #[test]
    fn after_hours_emergency_goes_to_the_on_call_owner() {
        let config = config(vec![owner("o_jess"), owner("o_max")], routing(None, Some("o_jess")));
        let contact = contact(Some("o_max"));
        let emergency =
            RoutingFacts { after_hours: true, urgency: Urgency::Emergency, contact: Some(&contact), ..facts() };
        assert_eq!(route(&config, emergency), routed("o_jess", OwnerRule::AfterHoursOwner));
        // Daytime emergencies and after-hours routine calls keep their usual owner.
        let daytime = RoutingFacts { after_hours: false, ..emergency };
        assert_eq!(route(&config, daytime), routed("o_max", OwnerRule::ContactOwner));
        let routine = RoutingFacts { urgency: Urgency::Routine, ..emergency };
        assert_eq!(route(&config, routine), routed("o_max", OwnerRule::ContactOwner));
    }

    #[test]
    fn open_lead_owner_comes_before_contact_owner() {
        let config = config(vec![owner("o_jess"), owner("o_max")], Routing::default());
        let (lead, contact) = (open_lead("o_jess"), contact(Some("o_max")));
        let facts = RoutingFacts { lead: Some(&lead), contact: Some(&contact), ..facts() };
        assert_eq!(route(&config, facts), routed("o_jess", OwnerRule::LeadOwner));
    }

    #[test]
    fn unavailable_owner_hands_to_backup() {
        let config = config(vec![owner("o_jess"), away("o_max", Some("o_jess"))], Routing::default());
        let contact = contact(Some("o_max"));
        assert_eq!(
            route(&config, RoutingFacts { contact: Some(&contact), ..facts() }),
            routed("o_jess", OwnerRule::Backup)
        );
    }

    #[test]
    fn backup_chain_is_followed_while_unavailable() {
        let owners = vec![away("a", Some("b")), away("b", Some("c")), owner("c")];
        let config = config(owners, Routing::default());
        let contact = contact(Some("a"));
        assert_eq!(route(&config, RoutingFacts { contact: Some(&contact), ..facts() }), routed("c", OwnerRule::Backup));
    }

    #[test]
    fn backup_cycle_does_not_loop() {
        let owners = vec![away("a", Some("b")), away("b", Some("a")), owner("desk")];
        let config = config(owners, routing(Some("desk"), None));
        let contact = contact(Some("a"));
        // Nobody in the a -> b -> a chain is in: the next rule (default owner) takes it.
        assert_eq!(
            route(&config, RoutingFacts { contact: Some(&contact), ..facts() }),
            routed("desk", OwnerRule::DefaultOwner)
        );
    }

    #[test]
    fn unavailable_owner_without_backup_falls_to_the_next_rule() {
        let config = config(vec![away("o_max", None), owner("o_jess")], Routing::default());
        let (contact, source) = (contact(Some("o_max")), source(Some("o_jess"), None));
        let facts = RoutingFacts { contact: Some(&contact), source: Some(&source), ..facts() };
        assert_eq!(route(&config, facts), routed("o_jess", OwnerRule::SourceOwner));
    }

    #[test]
    fn unlisted_crm_owner_is_taken_as_available() {
        let config = config(vec![owner("o_desk")], routing(Some("o_desk"), None));
        let contact = contact(Some("crm_user_17"));
        assert_eq!(
            route(&config, RoutingFacts { contact: Some(&contact), ..facts() }),
            routed("crm_user_17", OwnerRule::ContactOwner)
        );
    }

    #[test]
    fn territory_prefix_covers_postal_code() {
        let mut north = owner("north");
        north.territories = vec!["606".to_owned()];
        let mut lincoln_park = owner("lincoln_park");
        lincoln_park.territories = vec!["60614".to_owned()];
        let config = config(vec![north, lincoln_park], Routing::default());
        let at = |code| RoutingFacts { postal_code: Some(code), ..facts() };
        assert_eq!(route(&config, at("60622")), routed("north", OwnerRule::Territory));
        // The exact code is the longest prefix, so it beats the broader territory.
        assert_eq!(route(&config, at("60614")), routed("lincoln_park", OwnerRule::Territory));
        assert_eq!(route(&config, at("80202")), None);
    }

    #[test]
    fn service_line_owner_for_source() {
        let mut drains = owner("o_jess");
        drains.service_lines = vec!["drains".to_owned()];
        let config = config(vec![owner("o_desk"), drains], routing(Some("o_desk"), None));
        let source = source(None, Some("drains"));
        assert_eq!(
            route(&config, RoutingFacts { source: Some(&source), ..facts() }),
            routed("o_jess", OwnerRule::ServiceLine)
        );
    }

    #[test]
    fn default_owner_when_nothing_else_applies() {
        let config = config(vec![owner("o_desk")], routing(Some("o_desk"), None));
        assert_eq!(route(&config, facts()), routed("o_desk", OwnerRule::DefaultOwner));
    }

    #[test]
    fn no_owner_at_all_is_none() {
        let config = config(Vec::new(), Routing::default());
        let contact = contact(None);
        assert_eq!(route(&config, RoutingFacts { contact: Some(&contact), ..facts() }), None);
    }
}
