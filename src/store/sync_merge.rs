//! What a sync brought, folded into the stored bundle.
//!
//! The first sync of a store that still holds the demo replaces the demo's calls, CRM and
//! activities (they describe a business that is not this one) and keeps the admin's settings.
//! Later syncs replace the CRM with the CRM's current records and add calls by id: a call seen
//! again (a voicemail transcribed since) is updated in place, never doubled, and calls outside
//! the synced window stay; a voicemail's text that arrived after its call was synced (a late
//! Voice Intelligence transcript) is put on that stored call. Pure, so the rules are tested
//! natively.

use std::collections::HashMap;
use std::sync::Arc;

use serde::{Deserialize, Serialize};

use crate::connectors::twilio::LateTranscript;
use crate::engine::bundle::{Bundle, Call, CallStatus, Contact, Crm, Lead, Ticket, Voicemail};

/// What the connectors returned.
#[derive(Debug, Clone, Default)]
pub struct SyncedData {
    /// The CRM's records, when a CRM is connected.
    pub crm: Option<Crm>,
    /// Missed calls and voicemails from the phone system (and calls logged in the CRM).
    pub calls: Vec<Call>,
    /// Owner ids the CRM knows, with names, to spot owners the settings lack.
    pub crm_owners: Vec<(String, String)>,
    /// Voicemail text for calls synced earlier, transcribed since.
    pub late_transcripts: Vec<LateTranscript>,
    /// Records a connector could not use, with the reason.
    pub skipped: Vec<String>,
}

/// What the sync changed, for the person who pressed the button. Stored as the last sync.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SyncSummary {
    /// RFC 3339, when the sync finished.
    pub finished_at: String,
    pub calls_new: usize,
    pub calls_updated: usize,
    pub calls_total: usize,
    pub contacts: usize,
    pub leads: usize,
    pub tickets: usize,
    pub replaced_demo: bool,
    /// CRM owners (`id (name)`) with no owner of that id in the settings: their records'
    /// callbacks cannot be routed to them until the admin adds them.
    pub owners_not_in_settings: Vec<String>,
    pub skipped: Vec<String>,
    /// Changes the team made elsewhere (in HubSpot, on another machine) added to the log. Known
    /// only after the synced bundle is stored, so it is the sync's answer and never stored.
    #[serde(skip)]
    pub from_shared_record: usize,
}

impl SyncSummary {
    /// The sentence a person sees when the sync ends.
    pub fn headline(&self) -> String {
        let calls = match self.calls_new {
            1 => "1 new call".to_owned(),
            n => format!("{n} new calls"),
        };
        let elsewhere = match self.from_shared_record {
            0 => String::new(),
            1 => ", 1 change the team made elsewhere".to_owned(),
            n => format!(", {n} changes the team made elsewhere"),
        };
        format!("Synced: {calls}{elsewhere}.")
    }
}

pub fn merge_synced(base: &Bundle, synced: SyncedData, replace_demo: bool) -> (Bundle, SyncSummary) {
    let mut bundle = base.clone();
    if replace_demo {
        bundle.calls.clear();
        bundle.activities.clear();
        bundle.crm = Default::default();
    }
    if let Some(crm) = synced.crm {
        bundle.crm = crm.into();
    }
    let mut position: HashMap<String, usize> =
        bundle.calls.iter().enumerate().map(|(i, call)| (call.id.clone(), i)).collect();
    let (mut calls_new, mut calls_updated) = (0, 0);
    for call in synced.calls {
        match position.get(&call.id) {
            Some(&i) => {
                bundle.calls[i] = call;
                calls_updated += 1;
            }
            None => {
                position.insert(call.id.clone(), bundle.calls.len());
                bundle.calls.push(call);
                calls_new += 1;
            }
        }
    }
    for late in synced.late_transcripts {
        let Some(&i) = position.get(&late.call_id) else { continue };
        let call = &mut bundle.calls[i];
        let voicemail = call.voicemail.get_or_insert_with(Voicemail::default);
        if voicemail.transcript.as_deref() != Some(late.transcript.as_str()) {
            voicemail.transcript = Some(late.transcript);
            voicemail.confidence = late.confidence;
            // Only a voicemail has a transcript (the sync brought the recording's call as one).
            call.status = CallStatus::Voicemail;
            calls_updated += 1;
        }
    }
    bundle.calls.sort_by(|a, b| a.started_at.0.cmp(&b.started_at.0).then_with(|| a.id.cmp(&b.id)));
    let owners_not_in_settings = synced
        .crm_owners
        .iter()
        .filter(|(id, _)| !bundle.config.owners.iter().any(|o| &o.id == id))
        .map(|(id, name)| format!("{id} ({name})"))
        .collect();
    let summary = SyncSummary {
        finished_at: String::new(),
        calls_new,
        calls_updated,
        calls_total: bundle.calls.len(),
        contacts: bundle.crm.contacts.len(),
        leads: bundle.crm.leads.len(),
        tickets: bundle.crm.tickets.len(),
        replaced_demo: replace_demo,
        owners_not_in_settings,
        skipped: synced.skipped,
        from_shared_record: 0,
    };
    (bundle, summary)
}

/// CRM records from an export file (contacts, deals as leads, tickets).
#[derive(Debug, Clone)]
pub enum CrmRecords {
    Contacts(Vec<Contact>),
    Leads(Vec<Lead>),
    Tickets(Vec<Ticket>),
}

/// How many records an export added and how many it updated.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct CrmMerge {
    pub added: usize,
    pub updated: usize,
}

/// Folds an export into the stored CRM by id: a record seen again replaces the stored one, a new
/// one is added, records the file does not mention stay (an export is often a filtered view,
/// so its absence is not a deletion). Over the demo, the demo's calls, CRM and activities go
/// first, as with a sync.
pub fn merge_crm_records(base: &Bundle, records: CrmRecords, replace_demo: bool) -> (Bundle, CrmMerge) {
    let mut bundle = base.clone();
    if replace_demo {
        bundle.calls.clear();
        bundle.activities.clear();
        bundle.crm = Default::default();
    }
    let crm = Arc::make_mut(&mut bundle.crm);
    let merge = match records {
        CrmRecords::Contacts(new) => upsert_by_id(&mut crm.contacts, new, |c| &c.id),
        CrmRecords::Leads(new) => upsert_by_id(&mut crm.leads, new, |l| &l.id),
        CrmRecords::Tickets(new) => upsert_by_id(&mut crm.tickets, new, |t| &t.id),
    };
    (bundle, merge)
}

fn upsert_by_id<T>(stored: &mut Vec<T>, new: Vec<T>, id: impl Fn(&T) -> &String) -> CrmMerge {
    let mut position: HashMap<String, usize> = stored.iter().enumerate().map(|(i, r)| (id(r).clone(), i)).collect();
    let mut merge = CrmMerge::default();
    for record in new {
        match position.get(id(&record)) {
            Some(&i) => {
                stored[i] = record;
                merge.updated += 1;
            }
            None => {
                position.insert(id(&record).clone(), stored.len());
                stored.push(record);
                merge.added += 1;
            }
        }
    }
    merge
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_sync_headline_counts_in_words_that_agree() {
        let summary = |calls_new, from_shared_record| {
            super::SyncSummary { calls_new, from_shared_record, ..Default::default() }.headline()
        };
        assert_eq!(summary(1, 1), "Synced: 1 new call, 1 change the team made elsewhere.");
        assert_eq!(summary(0, 0), "Synced: 0 new calls.");
        assert_eq!(summary(5, 2), "Synced: 5 new calls, 2 changes the team made elsewhere.");
    }

    use super::*;
    use crate::engine::parse_bundle;

    fn bundle_with_calls(ids: &[(&str, &str)]) -> Bundle {
        let calls: Vec<String> = ids
            .iter()
            .map(|(id, at)| format!(r#"{{"id": "{id}", "started_at": "{at}", "from": "+13125550100", "to": "+13125550199", "direction": "inbound", "status": "no-answer"}}"#))
            .collect();
        let text = format!(
            r#"{{"now": "2026-11-24T15:00:00Z",
                "config": {{"timezone": "UTC", "business_hours": {{}}, "owners": [{{"id": "o1", "name": "Ann"}}],
                            "default_owner": "o1", "sla_minutes": {{"emergency": 15, "urgent": 60, "routine": 240}}}},
                "crm": {{"contacts": [{{"id": "k1", "phones": ["+13125550100"]}}]}},
                "calls": [{}],
                "activities": []}}"#,
            calls.join(",")
        );
        parse_bundle(&text).expect("test bundle parses")
    }

    fn synced_calls(ids: &[(&str, &str)]) -> Vec<Call> {
        bundle_with_calls(ids).calls
    }

    fn contact(id: &str, name: &str) -> Contact {
        serde_json::from_value(serde_json::json!({"id": id, "name": name, "phones": []})).expect("a contact")
    }

    #[test]
    fn a_contacts_export_updates_by_id_adds_the_new_and_keeps_the_rest() {
        let base = bundle_with_calls(&[("CA1", "2026-11-24T14:00:00Z")]);
        let mut base_with_two = base.clone();
        Arc::make_mut(&mut base_with_two.crm).contacts.push(contact("k2", "Kept Untouched"));
        let file = CrmRecords::Contacts(vec![contact("k1", "Renamed"), contact("k3", "New One")]);
        let (merged, merge) = merge_crm_records(&base_with_two, file, false);
        let names: Vec<(&str, Option<&str>)> =
            merged.crm.contacts.iter().map(|c| (c.id.as_str(), c.name.as_deref())).collect();
        assert_eq!(names, [("k1", Some("Renamed")), ("k2", Some("Kept Untouched")), ("k3", Some("New One"))]);
        assert_eq!(merge, CrmMerge { added: 1, updated: 1 });
        assert_eq!(merged.calls.len(), 1, "calls are not touched");
    }

    #[test]
    fn a_crm_export_over_the_demo_replaces_the_demo() {
        let demo = bundle_with_calls(&[("demo-1", "2026-11-20T10:00:00Z")]);
        let (merged, merge) = merge_crm_records(&demo, CrmRecords::Contacts(vec![contact("k9", "Real")]), true);
        assert!(merged.calls.is_empty());
        assert_eq!(merged.crm.contacts.len(), 1);
        assert_eq!(merge, CrmMerge { added: 1, updated: 0 });
    }

    #[test]
    fn the_first_sync_replaces_the_demo_but_keeps_the_settings() {
        let demo = bundle_with_calls(&[("demo-1", "2026-11-20T10:00:00Z")]);
        let synced = SyncedData { calls: synced_calls(&[("CA1", "2026-11-24T14:00:00Z")]), ..Default::default() };
        let (merged, summary) = merge_synced(&demo, synced, true);
        let ids: Vec<&str> = merged.calls.iter().map(|c| c.id.as_str()).collect();
        assert_eq!(ids, ["CA1"]);
        assert!(merged.crm.contacts.is_empty());
        assert_eq!(merged.config.owners.len(), 1);
        assert!(summary.replaced_demo);
    }

    #[test]
    fn a_late_transcript_puts_its_text_on_the_stored_call_in_place() {
        let base = bundle_with_calls(&[("CA1", "2026-11-20T14:00:00Z"), ("CA2", "2026-11-21T14:00:00Z")]);
        let late = LateTranscript {
            call_id: "CA1".into(),
            transcript: "No heat since last night.".into(),
            confidence: Some(0.9),
        };
        let synced = SyncedData { late_transcripts: vec![late], ..Default::default() };
        let (merged, summary) = merge_synced(&base, synced, false);
        assert_eq!(merged.calls.len(), 2, "updated, not added");
        assert_eq!(
            merged.calls[0].voicemail.as_ref().unwrap().transcript.as_deref(),
            Some("No heat since last night.")
        );
        assert_eq!(merged.calls[0].status, CallStatus::Voicemail);
        assert_eq!(summary.calls_updated, 1);
    }

    #[test]
    fn a_call_seen_again_is_updated_not_doubled() {
        let base = bundle_with_calls(&[("CA1", "2026-11-24T14:00:00Z")]);
        let synced = SyncedData {
            calls: synced_calls(&[("CA1", "2026-11-24T14:00:00Z"), ("CA2", "2026-11-24T14:30:00Z")]),
            ..Default::default()
        };
        let (merged, summary) = merge_synced(&base, synced, false);
        assert_eq!(merged.calls.len(), 2);
        assert_eq!((summary.calls_new, summary.calls_updated, summary.calls_total), (1, 1, 2));
    }

    #[test]
    fn calls_outside_the_synced_window_stay() {
        let base = bundle_with_calls(&[("CA0", "2026-11-01T09:00:00Z")]);
        let synced = SyncedData { calls: synced_calls(&[("CA1", "2026-11-24T14:00:00Z")]), ..Default::default() };
        let (merged, _) = merge_synced(&base, synced, false);
        let ids: Vec<&str> = merged.calls.iter().map(|c| c.id.as_str()).collect();
        assert_eq!(ids, ["CA0", "CA1"]);
    }

    #[test]
    fn the_crm_is_replaced_only_when_one_was_read() {
        let base = bundle_with_calls(&[]);
        let (kept, _) = merge_synced(&base, SyncedData::default(), false);
        assert_eq!(kept.crm.contacts.len(), 1);
        let (replaced, summary) =
            merge_synced(&base, SyncedData { crm: Some(Crm::default()), ..Default::default() }, false);
        assert!(replaced.crm.contacts.is_empty());
        assert_eq!(summary.contacts, 0);
    }

    #[test]
    fn crm_owners_missing_from_the_settings_are_named() {
        let base = bundle_with_calls(&[]);
        let synced = SyncedData {
            crm_owners: vec![("o1".into(), "Ann".into()), ("77".into(), "Bo Diaz".into())],
            ..Default::default()
        };
        let (_, summary) = merge_synced(&base, synced, false);
        assert_eq!(summary.owners_not_in_settings, ["77 (Bo Diaz)"]);
    }
}
