//! Which owner gets a call, and by which rule. (Being written.)

use super::bundle::{Config, Contact, Lead, Source};
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
    _config: &'a Config,
}

impl<'a> OwnerDirectory<'a> {
    pub fn new(config: &'a Config) -> Self {
        OwnerDirectory { _config: config }
    }

    /// The first rule of TRIAGE.md §9 that yields an owner, with backups applied.
    pub fn route_owner(&self, _facts: &RoutingFacts<'_>) -> Option<(String, OwnerRule)> {
        todo!()
    }
}
