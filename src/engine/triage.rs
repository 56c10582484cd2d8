//! `triage`: one bundle in, one decision per call out (TRIAGE.md, rules 1-12).
//!
//! The order of work mirrors the rules: exclusions and the duplicate guard first, then for
//! every call that makes a work item the match, what the voicemail says, the reasons, the
//! action, the owner, the deadline and the text. Calls are folded in time order, not input
//! order, because phone systems deliver webhooks late and out of order.

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

use jiff::{SignedDuration, Timestamp};

use super::bundle::{
    Activity, ActivityType, Bundle, Call, CallStatus, Direction, Lead, LeadStatus, SmsTemplate, Source,
};
use super::business_time::BusinessCalendar;
use super::consent::{decide_sms, PromiseGuard, SmsFacts};
use super::cores::{map_each, map_each_owned};
use super::crm_index::{Caller, CallerMatch, CrmIndex};
use super::decision::*;
use super::input_error::InputError;
use super::lexicon::Lexicon;
use super::location::spoken_postal_code;
use super::metrics::{compute_metrics, CountedCall};
use super::phone::{phone_metadata_installed, CallerId, PhoneNormalizer, E164};
use super::reading_memo::{Reading, ReadingMemo};
use super::routing::{OwnerDirectory, RoutingFacts};
use super::summary::summarize_affirmed;
use super::transcript::{Evidence, Transcript};
use super::urgency::{affirmed_signals_reusing, read_affirmed, ReadingScratch, VoicemailReading};
use super::zones::ZoneSource;

/// Everything built once per bundle: zone, calendar, phone rules, callers, CRM index, lexicon.
pub struct TriageSetup<'b> {
    bundle: &'b Bundle,
    calendar: BusinessCalendar,
    phones: PhoneNormalizer,
    /// Each call's caller id, by call position: the CRM index is built for these numbers.
    callers: Vec<CallerId>,
    index: CrmIndex<'b>,
    lexicon: Lexicon,
    owners: OwnerDirectory<'b>,
    sources: HashMap<E164, &'b Source>,
    guard: PromiseGuard,
}

impl<'b> TriageSetup<'b> {
    /// Checks what serde cannot (zone names, owner references, tracking numbers) and builds
    /// the lookups. `Err` names the JSON path of the first bad field.
    pub fn new(bundle: &'b Bundle, zones: &dyn ZoneSource) -> Result<Self, InputError> {
        let config = &bundle.config;
        let tz = zones
            .zone(&config.timezone)
            .ok_or_else(|| InputError::at("config.timezone", format!("unknown time zone {:?}", config.timezone)))?;
        check_owner_references(bundle)?;
        let phones = PhoneNormalizer::new(&config.default_country);
        let mut sources = HashMap::default();
        for (i, source) in config.sources.iter().enumerate() {
            let number = phones
                .normalize(&source.number)
                .ok_or_else(|| InputError::at(format!("config.sources[{i}].number"), "not a phone number"))?;
            sources.insert(number, source);
        }
        let lexicon = match &config.lexicon {
            Some(overrides) => Lexicon::with_overrides(overrides).map_err(|m| InputError::at("config.lexicon", m))?,
            None => Lexicon::built_in(),
        };
        let callers: Vec<CallerId> = bundle.calls.iter().map(|c| phones.classify(c.from.as_deref())).collect();
        let index = CrmIndex::build(&bundle.crm, &phones, &Caller::of_calls(&callers, &bundle.calls));
        Ok(TriageSetup {
            bundle,
            calendar: BusinessCalendar::new(tz, &config.business_hours, &config.holidays).near(bundle.now.0),
            index,
            phones,
            callers,
            lexicon,
            owners: OwnerDirectory::new(config),
            sources,
            guard: PromiseGuard::default(),
        })
    }

    /// `new`, or `None` when its verdict may rest on a number read before the phone library's
    /// metadata was installed (the browser app, which installs it only when a number needs it):
    /// a refusal then may only mean a number could not be read without it, and an acceptance
    /// may have read a number wrong. The caller installs the metadata and asks again.
    pub fn new_once_numbers_are_read(bundle: &'b Bundle, zones: &dyn ZoneSource) -> Option<Result<Self, InputError>> {
        match Self::new(bundle, zones) {
            Err(_) if !phone_metadata_installed() => None,
            Ok(setup) if setup.read_a_number_without_metadata() => None,
            verdict => Some(verdict),
        }
    }

    pub fn calendar(&self) -> &BusinessCalendar {
        &self.calendar
    }
}

fn check_owner_references(bundle: &Bundle) -> Result<(), InputError> {
    let config = &bundle.config;
    let mut ids = HashSet::default();
    for (i, owner) in config.owners.iter().enumerate() {
        if !ids.insert(owner.id.as_str()) {
            return Err(InputError::at(
                format!("config.owners[{i}].id"),
                format!("owner {:?} is listed twice", owner.id),
            ));
        }
    }
    let known = |path: String, id: &Option<String>| match id {
        Some(id) if !ids.contains(id.as_str()) => Err(InputError::at(path, format!("no owner with id {id:?}"))),
        _ => Ok(()),
    };
    for (i, owner) in config.owners.iter().enumerate() {
        known(format!("config.owners[{i}].backup"), &owner.backup)?;
    }
    known("config.routing.default_owner".into(), &config.routing.default_owner)?;
    known("config.routing.after_hours_owner".into(), &config.routing.after_hours_owner)?;
    for (i, source) in config.sources.iter().enumerate() {
        known(format!("config.sources[{i}].owner"), &source.owner)?;
    }
    Ok(())
}

/// Triage a bundle: the whole contract in one call.
pub fn triage(bundle: &Bundle, zones: &dyn ZoneSource) -> Result<TriageOutput, InputError> {
    let setup = TriageSetup::new(bundle, zones)?;
    Ok(setup.run())
}

/// What the duplicate guard decided for one call.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Role {
    Excluded(Exclusion),
    /// Makes a task, review or escalation item.
    WorkItem,
    FoldedInto(usize),
}

impl Role {
    /// Why the call makes no work item; a repeat call is set aside as a `repeat_call`.
    fn exclusion(self) -> Option<Exclusion> {
        match self {
            Role::Excluded(reason) => Some(reason),
            Role::FoldedInto(_) => Some(Exclusion::RepeatCall),
            Role::WorkItem => None,
        }
    }

    /// The index of the call a repeat call folds into.
    fn anchor(self) -> Option<usize> {
        match self {
            Role::FoldedInto(anchor) => Some(anchor),
            _ => None,
        }
    }
}

/// One call and what `run` gathered about it before any rule runs, so that `decide` reads
/// the call's own facts instead of indexing parallel lists by position.
struct CallFacts<'c> {
    /// The call's position in the bundle, which the CRM index answers by.
    position: usize,
    call: &'c Call,
    caller: &'c CallerId,
    role: Role,
    source: Option<&'c Source>,
    /// Owned, like the summary: both move into the decision instead of being copied.
    reading: Option<VoicemailReading>,
    summary: Vec<String>,
    /// The repeat calls folded into this one, in input order.
    repeats: Vec<FoldedRepeat<'c>>,
    /// Logged against this call or a repeat folded into it.
    activities: &'c [&'c Activity],
}

/// A repeat call as the call it folds into sees it: its words count there (rule 2).
struct FoldedRepeat<'c> {
    call_id: &'c str,
    reading: Option<&'c VoicemailReading>,
}

impl TriageSetup<'_> {
    /// Whether a number was read before the phone library's metadata was installed (the
    /// browser app, which installs it only when a number needs it): then this setup and its
    /// runs may be wrong and must be done again once it is in.
    pub fn read_a_number_without_metadata(&self) -> bool {
        self.phones.answered_without_metadata()
    }

    pub fn run(&self) -> TriageOutput {
        self.decide_all(self.read_all(&self.bundle.calls))
    }

    /// `run`, taking the voicemails `memo` read at an earlier run as they were read, and
    /// leaving in it this bundle's: for a caller that triages the same account again and again
    /// (the browser app, after every action and every minute). The output is `run`'s.
    pub fn run_remembering(&self, memo: &mut ReadingMemo) -> TriageOutput {
        let calls = &self.bundle.calls;
        let lexicon = self.bundle.config.lexicon.as_ref();
        let recalled: Vec<Option<Reading>> = calls.iter().map(|call| memo.recall(lexicon, call)).collect();
        let unread: Vec<&Call> =
            calls.iter().zip(&recalled).filter(|(_, kept)| kept.is_none()).map(|(c, _)| c).collect();
        let mut fresh =
            map_each(&unread, ReadingScratch::default, |scratch, call| self.read(call, scratch)).into_iter();
        // `unread` is in call order, so its readings fill the gaps in turn.
        let read: Vec<Option<Reading>> =
            recalled.into_iter().map(|kept| kept.or_else(|| fresh.next().flatten())).collect();
        memo.remember_only(lexicon, calls.iter().zip(&read));
        self.decide_all(read)
    }

    /// Everything after the voicemails are read (`read`, by call position): roles, matches,
    /// decisions and metrics.
    fn decide_all(&self, read: Vec<Option<Reading>>) -> TriageOutput {
        let (mut readings, mut summaries): (Vec<Option<VoicemailReading>>, Vec<Vec<String>>) = read
            .into_iter()
            .map(|reading| match reading {
                Some((reading, summary)) => (Some(reading), summary),
                None => (None, Vec::new()),
            })
            .unzip();
        let calls = &self.bundle.calls;
        let callers = &self.callers;
        let roles = self.assign_roles(callers);

        let mut folded: Vec<Vec<usize>> = vec![Vec::new(); calls.len()];
        for (i, role) in roles.iter().enumerate() {
            if let Role::FoldedInto(anchor) = role {
                folded[*anchor].push(i);
            }
        }
        let anchor_of = |i: usize| roles[i].anchor().unwrap_or(i);
        let mut activities: HashMap<&str, Vec<&Activity>> = HashMap::default();
        let first_index: HashMap<&str, usize> =
            calls.iter().enumerate().rev().map(|(i, c)| (c.id.as_str(), i)).collect();
        for activity in &self.bundle.activities {
            if let Some(&i) = first_index.get(activity.call_id.as_str()) {
                activities.entry(calls[anchor_of(i)].id.as_str()).or_default().push(activity);
            }
        }

        let (approved, config_warnings) = self.guard.review_templates(&self.bundle.config.sms);
        // A call's reading is its own, except a repeat call's, which its first call cites
        // too: the others move into their decision instead of being copied.
        let own: Vec<(usize, Option<VoicemailReading>, Vec<String>)> = (0..calls.len())
            .map(|i| {
                let reading = match roles[i] {
                    Role::FoldedInto(_) => readings[i].clone(),
                    _ => readings[i].take(),
                };
                (i, reading, std::mem::take(&mut summaries[i]))
            })
            .collect();
        let readings = &readings;
        // Each call is decided on its own (what it shares is read, never written): on every
        // core natively, like the readings.
        let decided = map_each_owned(own, |(i, reading, summary)| {
            let call = &calls[i];
            let source = self.source_of(call);
            let call_activities = activities.get(call.id.as_str()).map(Vec::as_slice).unwrap_or(&[]);
            let repeats = folded[i]
                .iter()
                .map(|&repeat| FoldedRepeat { call_id: &calls[repeat].id, reading: readings[repeat].as_ref() })
                .collect();
            let facts = CallFacts {
                position: i,
                call,
                caller: &callers[i],
                role: roles[i],
                source,
                reading,
                summary,
                repeats,
                activities: call_activities,
            };
            let (decision, due_at) = self.decide(facts, &approved);
            (decision, due_at, source, call_activities)
        });
        let mut decisions = Vec::with_capacity(calls.len());
        let mut counted = Vec::new();
        for ((i, call), (decision, due_at, source, call_activities)) in calls.iter().enumerate().zip(decided) {
            if let (Role::WorkItem, Some(due_at)) = (roles[i], due_at) {
                counted.push(CountedCall {
                    started_at: call.started_at.0,
                    source_name: source.map(|s| s.name.as_str()),
                    after_hours: decision.after_hours,
                    due_at,
                    has_owner: decision.owner.is_some(),
                    activities: call_activities.to_vec(),
                });
            }
            decisions.push(decision);
        }
        let metrics = compute_metrics(&counted, self.bundle.now.0, self.calendar.time_zone());
        TriageOutput { decisions, metrics, config_warnings }
    }

    /// Rules 1 and 2: exclusions, duplicate events, and repeat calls folded in time order.
    fn assign_roles(&self, callers: &[CallerId]) -> Vec<Role> {
        let calls = &self.bundle.calls;
        let mut seen = HashSet::default();
        let mut roles: Vec<Role> = calls
            .iter()
            .map(|call| {
                if !seen.insert(call.id.as_str()) {
                    Role::Excluded(Exclusion::DuplicateEvent)
                } else if call.direction == Direction::Outbound {
                    Role::Excluded(Exclusion::Outbound)
                } else if call.status == CallStatus::CallbackRequest {
                    Role::Excluded(Exclusion::CallbackRequest)
                } else if !call.status.is_missed() {
                    Role::Excluded(Exclusion::Answered)
                } else {
                    Role::WorkItem
                }
            })
            .collect();

        let window = SignedDuration::from_mins(i64::from(self.bundle.config.repeat_window_minutes));
        let mut in_time_order: Vec<usize> = (0..calls.len()).filter(|&i| roles[i] == Role::WorkItem).collect();
        in_time_order.sort_unstable_by_key(|&i| (calls[i].started_at, i));
        let mut open_anchor: HashMap<&E164, usize> = HashMap::default();
        for i in in_time_order {
            let CallerId::Valid(number) = &callers[i] else { continue };
            match open_anchor.get(number) {
                Some(&anchor) if calls[i].started_at.0.duration_since(calls[anchor].started_at.0) <= window => {
                    roles[i] = Role::FoldedInto(anchor);
                }
                _ => {
                    open_anchor.insert(number, i);
                }
            }
        }
        roles
    }

    /// Every call's reading and summary, in call order: each voicemail is read on its own,
    /// so on every core natively (`cores::map_each`, one scratch per worker).
    fn read_all(&self, calls: &[Call]) -> Vec<Option<Reading>> {
        map_each(calls, ReadingScratch::default, |scratch, call| self.read(call, scratch))
    }

    /// What the voicemail says, and its summary, from one lexicon scan. A function of the
    /// transcript, its confidence and the lexicon alone: `ReadingMemo` keys on those three, so
    /// anything else a reading comes to depend on must join its key.
    fn read<'s>(&'s self, call: &Call, scratch: &mut ReadingScratch<'s>) -> Option<Reading> {
        let voicemail = call.voicemail.as_ref()?;
        let text = voicemail.transcript.as_deref()?;
        if text.trim().is_empty() {
            // The caller left a message that nobody can read: a person listens (docs/RULES.md).
            return Some((VoicemailReading::unreadable(), Vec::new()));
        }
        let transcript = Transcript::for_reading(text);
        let text = transcript.text();
        let signals = affirmed_signals_reusing(text, &self.lexicon, scratch);
        let reading = read_affirmed(&transcript, voicemail.confidence, &signals);
        Some((reading, summarize_affirmed(&transcript, &self.lexicon, &signals, scratch)))
    }

    fn source_of(&self, call: &Call) -> Option<&Source> {
        let number = self.phones.normalize(&call.to)?;
        self.sources.get(&number).copied()
    }

    fn due_instant(&self, call: &Call, level: Urgency) -> Option<Timestamp> {
        let sla = self.bundle.config.sla.callback_minutes;
        let start = call.started_at.0;
        // Checked, not jiff's `+`: its `expect` links all of jiff's error texts into the
        // engine's wasm chunk. A deadline past the end of time is the end, as in `business_deadline`.
        let clock_minutes =
            |minutes: u32| start.checked_add(SignedDuration::from_mins(i64::from(minutes))).unwrap_or(Timestamp::MAX);
        Some(match level {
            Urgency::Emergency => clock_minutes(sla.emergency),
            Urgency::Urgent => clock_minutes(sla.urgent),
            Urgency::Routine => self.calendar.business_deadline(start, sla.routine),
            Urgency::Unknown => self.calendar.business_deadline(start, sla.unknown),
        })
    }

    /// The decision for one call, and its deadline as an instant for the metrics.
    fn decide(&self, facts: CallFacts<'_>, approved: &[&SmsTemplate]) -> (Decision, Option<Timestamp>) {
        let CallFacts { position, call, caller, role, source, reading, summary, repeats, activities } = facts;
        let mut matched = self.index.match_caller(position);
        let base = self.described(call, caller, source, &mut matched, summary);
        let VoicemailReading { level, evidence, categories, ambiguous } =
            reading.unwrap_or_else(VoicemailReading::absent);
        let urgency = UrgencyView { level, evidence };
        // A call set aside still shows what its own voicemail says; only a work item gets
        // its repeats' words, reasons, an owner and a deadline.
        if let Some(excluded) = role.exclusion() {
            let folded_into = role.anchor().map(|anchor| self.bundle.calls[anchor].id.clone());
            return (Decision { excluded: Some(excluded), folded_into, urgency, categories, ..base }, None);
        }

        let urgency = with_repeats(urgency, &repeats);
        let location = self.location(call, &matched);
        let open_lead = matched.lead.filter(|l| l.status == LeadStatus::Open);
        let route = self.owners.route_owner(&RoutingFacts {
            after_hours: base.after_hours,
            urgency: urgency.level,
            lead: open_lead,
            contact: matched.contact,
            source,
            postal_code: location.as_ref().map(|l| l.postal_code.as_str()),
        });
        let reasons = self.reasons(&ReasonFacts {
            urgency: urgency.level,
            categories: &categories,
            ambiguous_voicemail: ambiguous,
            matched: &matched,
            open_lead,
            caller,
            has_owner: route.is_some(),
        });
        let action = Action::for_reasons(&reasons);
        let due = self.due_instant(call, urgency.level);
        let stale = due.is_some_and(|due| self.is_stale(due, activities));
        let caller_is_valid = matches!(caller, CallerId::Valid(_));
        let sms = decide_sms(&SmsFacts {
            action,
            caller_is_valid,
            consent: matched.contact.map(|c| c.sms_consent),
            approved,
            enabled: self.bundle.config.sms.enabled,
        });
        let (owner, owner_rule) = route.unzip();
        let decision = Decision {
            urgency,
            categories,
            action,
            reasons,
            owner,
            owner_rule,
            due_at: due.map(|d| self.calendar.format(d)),
            stale,
            location,
            new_record: caller_is_valid && matched.kind == MatchKind::None && !matched.possible_duplicate,
            sms,
            ..base
        };
        (decision, due)
    }

    /// The fields every decision reports, excluded or not. The rest start as an excluded call
    /// shows them (no action, owner, deadline or text) and a work item's rules fill them in.
    fn described(
        &self,
        call: &Call,
        caller: &CallerId,
        source: Option<&Source>,
        matched: &mut CallerMatch<'_>,
        summary: Vec<String>,
    ) -> Decision {
        Decision {
            call_id: call.id.clone(),
            missed: call.status.is_missed() && call.direction == Direction::Inbound,
            excluded: None,
            folded_into: None,
            caller: caller_view(call, caller),
            after_hours: !self.calendar.is_open(call.started_at.0),
            source: source.map(|s| SourceView {
                number: s.number.clone(),
                name: s.name.clone(),
                campaign: s.campaign.clone(),
            }),
            matched: match_view(matched),
            summary,
            // Set by `decide`, so the reading moves in once whichever way the call goes.
            urgency: UrgencyView { level: Urgency::Unknown, evidence: Vec::new() },
            categories: Vec::new(),
            action: Action::None,
            reasons: Vec::new(),
            owner: None,
            owner_rule: None,
            due_at: None,
            stale: false,
            location: None,
            new_record: false,
            sms: SmsView { allowed: false, reason: Some(SmsBlock::NotATask), template: None },
        }
    }

    /// Where the caller is, for territory routing (rule 9): the matched contact's postal
    /// code, else one the caller says in the voicemail.
    fn location(&self, call: &Call, matched: &CallerMatch<'_>) -> Option<LocationView> {
        match matched.contact.and_then(|c| c.postal_code.as_deref()) {
            Some(code) => {
                Some(LocationView { postal_code: code.to_owned(), evidence: vec![Evidence::crm("postal_code", code)] })
            }
            None => {
                let transcript = call.voicemail.as_ref().and_then(|v| v.transcript.as_deref()).unwrap_or("");
                spoken_postal_code(&Transcript::for_reading(transcript), &self.bundle.config.default_country)
                    .map(|(code, ev)| LocationView { postal_code: code, evidence: vec![ev] })
            }
        }
    }

    /// Rules 6 and 7: why a work item is not a plain callback task.
    fn reasons(&self, facts: &ReasonFacts<'_>) -> Vec<Reason> {
        let matched = facts.matched;
        // Pushed in `Reason`'s declaration order, which is the output order.
        let mut reasons = Vec::new();
        let has = |name| facts.categories.iter().any(|c| c.name == name);
        if facts.urgency == Urgency::Emergency {
            reasons.push(Reason::Emergency);
        }
        if has(CategoryName::Complaint) {
            reasons.push(Reason::Complaint);
        }
        let high_value = self.bundle.config.high_value_amount;
        if let (Some(threshold), Some(amount)) = (high_value, facts.open_lead.and_then(|l| l.amount)) {
            if amount >= threshold {
                reasons.push(Reason::HighValue);
            }
        }
        if matched.open_ticket.is_some() {
            reasons.push(Reason::ExistingCustomerOpenIssue);
        }
        if matched.kind == MatchKind::Ambiguous {
            reasons.push(Reason::AmbiguousMatch);
        }
        if matched.possible_duplicate {
            reasons.push(Reason::PossibleDuplicate);
        }
        match facts.caller {
            CallerId::Withheld => reasons.push(Reason::WithheldCallerId),
            CallerId::Invalid => reasons.push(Reason::InvalidCallerId),
            CallerId::Valid(_) => {}
        }
        if facts.ambiguous_voicemail {
            reasons.push(Reason::AmbiguousVoicemail);
        }
        if has(CategoryName::VendorOrSolicitation) {
            reasons.push(Reason::VendorOrSolicitation);
        }
        if !facts.has_owner {
            reasons.push(Reason::NoOwner);
        }
        reasons
    }

    /// Past its deadline, and nobody tried to call back by then: an attempt after the
    /// deadline does not make the callback on time.
    fn is_stale(&self, due: Timestamp, activities: &[&Activity]) -> bool {
        let attempted = activities.iter().any(|a| a.kind == ActivityType::CallbackAttempt && a.at.0 <= due);
        self.bundle.now.0 > due && !attempted
    }
}

/// What the reasons of rules 6 and 7 are read from, once the owner is known.
struct ReasonFacts<'a> {
    urgency: Urgency,
    categories: &'a [Category],
    ambiguous_voicemail: bool,
    matched: &'a CallerMatch<'a>,
    open_lead: Option<&'a Lead>,
    caller: &'a CallerId,
    has_owner: bool,
}

/// Rule 2: the words of the repeats folded into a call count for it, and two or more
/// repeats inside the window are themselves time pressure.
fn with_repeats(mut urgency: UrgencyView, repeats: &[FoldedRepeat<'_>]) -> UrgencyView {
    for repeat in repeats {
        if let Some(reading) = repeat.reading {
            urgency.evidence.extend(reading.evidence.iter().map(|e| e.from_folded_call(repeat.call_id)));
            urgency.level = urgency.level.max(reading.level);
        }
    }
    if repeats.len() >= 2 {
        urgency.evidence.push(Evidence::call_record("repeat_calls"));
        urgency.level = urgency.level.max(Urgency::Urgent);
    }
    urgency
}

fn caller_view(call: &Call, caller: &CallerId) -> CallerView {
    let (e164, status) = match caller {
        CallerId::Valid(number) => (Some(number.as_str().to_owned()), CallerStatus::Valid),
        CallerId::Withheld => (None, CallerStatus::Withheld),
        CallerId::Invalid => (None, CallerStatus::Invalid),
    };
    CallerView { raw: call.from.clone(), e164, status }
}

/// The output view; the candidate ids move into it (a common name can list dozens).
fn match_view(matched: &mut CallerMatch<'_>) -> MatchView {
    MatchView {
        kind: matched.kind,
        contact_id: matched.contact.map(|c| c.id.clone()),
        lead_id: matched.lead.map(|l| l.id.clone()),
        ticket_id: matched.open_ticket.map(|t| t.id.clone()),
        candidates: std::mem::take(&mut matched.candidates),
    }
}

/// The browser app's configuration: the phone metadata arrives at run time (`scripts/test` runs
/// these with `--no-default-features`).
#[cfg(all(test, not(feature = "phone-metadata-bundled")))]
mod without_bundled_metadata {
    use super::*;
    use crate::engine::parse_bundle;
    use crate::engine::zones::BundledZones;

    fn bundle_with_tracking_number(number: &str) -> Bundle {
        parse_bundle(&format!(
            r#"{{"now": "2026-11-24T16:00:00-06:00",
                "config": {{"timezone": "America/Chicago", "owners": [{{"id": "a", "name": "A"}}],
                           "sources": [{{"number": "{number}", "name": "Ads", "owner": "a"}}]}},
                "calls": []}}"#
        ))
        .expect("a valid bundle")
    }

    #[test]
    fn north_american_numbers_are_judged_before_the_metadata_arrives() {
        let bundle = bundle_with_tracking_number("+1 312 555 0100");
        assert!(matches!(TriageSetup::new_once_numbers_are_read(&bundle, &BundledZones), Some(Ok(_))));
    }

    #[test]
    fn a_number_from_abroad_waits_for_the_metadata() {
        let bundle = bundle_with_tracking_number("+44 20 7946 0958");
        assert!(TriageSetup::new_once_numbers_are_read(&bundle, &BundledZones).is_none());
    }
}
