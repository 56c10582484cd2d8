//! What goes in and out of the app as files: bundle or state import, state/tasks/metrics export.
//!
//! Import accepts a plain triage bundle (TRIAGE.md) or the app's own state export
//! (`{"format": "callback-clock-state/1", "bundle": ..., "actions": [...]}`). Nothing here writes:
//! the caller validates with `validate` (in the browser, `phone_metadata::validate_reading_every_number`,
//! whose `Accepted` the store's import takes) and only then replaces the stored state, so a bad
//! file never touches what was there.

use std::borrow::Borrow;

use serde::Serialize;
use serde_json::Value;

use super::workflow::{when_as_logged, when_in_rfc_3339, ActionRecord, WorkItem, SETTINGS_LOG};
use crate::engine::decision::Metrics;
use crate::engine::phone::phone_metadata_installed;
use crate::engine::serde_name::serde_name;
use crate::engine::triage::TriageSetup;
use crate::engine::{parse_bundle, Bundle, InputError, ZoneSource};

pub const STATE_FORMAT: &str = "callback-clock-state/1";

/// A parsed import: the bundle, and the action log when the file was a state export.
#[derive(Debug, Clone)]
pub struct Imported {
    pub bundle: Bundle,
    pub actions: Vec<ActionRecord>,
}

/// So that an import is checked as the bundle it holds (`phone_metadata::Accepted`).
impl Borrow<Bundle> for Imported {
    fn borrow(&self) -> &Bundle {
        &self.bundle
    }
}

/// Reads a bundle or a state export. Errors name the JSON path of the first bad field.
pub fn parse_import(text: &str) -> Result<Imported, InputError> {
    let looks_like_state = text.len() < 64 * 1024 * 1024 && text.contains(STATE_FORMAT);
    if looks_like_state {
        if let Ok(Value::Object(mut object)) = serde_json::from_str::<Value>(text) {
            if object.get("format").and_then(Value::as_str) == Some(STATE_FORMAT) {
                let bundle = object.remove("bundle").ok_or_else(|| InputError::at("bundle", "missing"))?;
                let bundle = parse_bundle(&bundle.to_string())
                    .map_err(|e| InputError::at(format!("bundle.{}", e.path), e.message))?;
                let mut actions = match object.remove("actions") {
                    Some(actions) => serde_json::from_value(actions)
                        .map_err(|e| InputError::at("actions", format!("not an action log: {e}")))?,
                    None => Vec::new(),
                };
                check_action_log(&bundle, &actions)?;
                when_in_rfc_3339(&mut actions);
                return Ok(Imported { bundle, actions });
            }
        }
    }
    Ok(Imported { bundle: parse_bundle(text)?, actions: Vec::new() })
}

/// An imported log becomes the audit trail and is replayed onto the calls, so it must be one
/// this app could have written: each id `<call id>#<seq>` once, about a call of the bundle (or
/// the settings' own log), at a real time.
fn check_action_log(bundle: &Bundle, actions: &[ActionRecord]) -> Result<(), InputError> {
    let calls: std::collections::HashSet<&str> = bundle.calls.iter().map(|c| c.id.as_str()).collect();
    let mut ids = std::collections::HashSet::new();
    for (i, action) in actions.iter().enumerate() {
        let at = |field: &str, problem: String| InputError::at(format!("actions[{i}].{field}"), problem);
        if action.id != format!("{}#{}", action.call_id, action.seq) {
            return Err(at("id", format!("{:?} is not <call_id>#<seq>", action.id)));
        }
        if !ids.insert(action.id.as_str()) {
            return Err(at("id", format!("{:?} is listed twice", action.id)));
        }
        if action.call_id != SETTINGS_LOG && !calls.contains(action.call_id.as_str()) {
            return Err(at("call_id", format!("{:?} is not a call of the bundle", action.call_id)));
        }
        if when_as_logged(&action.when).is_none() {
            return Err(at("when", "not an RFC 3339 time".to_owned()));
        }
    }
    Ok(())
}

/// Everything the engine checks beyond the JSON shape (zone, owners, tracking numbers, lexicon).
/// `None`: refused before the phone metadata was installed (the browser fetches it only when a
/// number needs it), when the refusal may only mean a number could not be read without it; the
/// caller installs it and asks again (`phone_metadata::validate_reading_every_number`) rather
/// than calling the number wrong. An acceptance stands: without the metadata a number the check
/// reads is refused, never misread (a triage is stricter, `TriageSetup::new_once_numbers_are_read`,
/// as it matches callers by numbers read that way).
pub fn validate(bundle: &Bundle, zones: &dyn ZoneSource) -> Option<Result<(), InputError>> {
    match TriageSetup::new(bundle, zones) {
        Ok(_) => Some(Ok(())),
        Err(_) if !phone_metadata_installed() => None,
        Err(refused) => Some(Err(refused)),
    }
}

/// A bundle, or what holds one, that the engine accepted with every number in it read, so a
/// store that takes it (`idb_store::import_into`) need not check it again. Made by [`accept`] and
/// `phone_metadata::validate_reading_every_number`; the field is open to the rest of `store` only
/// for the latter, which checks by borrowing and so cannot hand its candidate to `accept`.
pub struct Accepted<T>(pub(super) T);

impl<T> Accepted<T> {
    pub fn into_inner(self) -> T {
        self.0
    }
}

/// [`validate`], keeping what it accepted; `None` as there. Where the phone metadata is compiled
/// in (the CLI, `pkg/`, the browser tests) the answer is always `Some`; the browser app, which
/// fetches the metadata, asks `phone_metadata::validate_reading_every_number`.
pub fn accept<T: Borrow<Bundle>>(candidate: T, zones: &dyn ZoneSource) -> Option<Result<Accepted<T>, InputError>> {
    let verdict = validate(candidate.borrow(), zones)?;
    Some(verdict.map(|()| Accepted(candidate)))
}

#[derive(Serialize)]
struct StateExport<'a> {
    format: &'static str,
    bundle: &'a Bundle,
    actions: &'a [ActionRecord],
}

/// The whole state, re-importable: the stored bundle and the action log (the audit trail).
pub fn state_json(base: &Bundle, actions: &[ActionRecord]) -> String {
    serde_json::to_string_pretty(&StateExport { format: STATE_FORMAT, bundle: base, actions })
        .unwrap_or_else(|e| format!("{{\"error\": \"{e}\"}}"))
}

/// One CSV cell that a spreadsheet shows as the text it is. Caller names come from caller id and
/// transcripts from callers, so a cell may be written by an attacker: one that starts with `=`,
/// `+`, `-`, `@`, a tab or a carriage return would run as a formula in Excel, LibreOffice or
/// Google Sheets. OWASP's rule: prefix such a cell with `'` (shown as text, the quote hidden) and
/// quote every cell that needs it. A phone number `+1…` therefore reads `'+1…` in a text editor.
fn csv_field(text: &str) -> String {
    let starts_a_formula = text.starts_with(['=', '+', '-', '@', '\t', '\r']);
    let text = if starts_a_formula { format!("'{text}") } else { text.to_owned() };
    if starts_a_formula || text.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text
    }
}

fn csv_line(fields: &[String]) -> String {
    let mut line = fields.iter().map(|f| csv_field(f)).collect::<Vec<_>>().join(",");
    line.push_str("\r\n");
    line
}

/// One row per work item, newest first, as the queue shows it.
pub fn tasks_csv(items: &[WorkItem]) -> String {
    let header = [
        "call_id",
        "started_at",
        "name",
        "number",
        "source",
        "action",
        "urgency",
        "owner",
        "due_at",
        "stale",
        "after_hours",
        "resolved",
        "attempts",
        "disposition",
    ];
    let mut out = csv_line(&header.map(str::to_owned));
    for item in items {
        out.push_str(&csv_line(&[
            item.call_id.clone(),
            item.started_at.to_string(),
            item.name.clone(),
            item.number.clone(),
            item.source.clone(),
            serde_name(&item.action).to_owned(),
            serde_name(&item.urgency).to_owned(),
            item.owner.clone().unwrap_or_default(),
            item.due_at.map(|d| d.to_string()).unwrap_or_default(),
            item.stale.to_string(),
            item.after_hours.to_string(),
            item.resolved.to_string(),
            item.attempts.to_string(),
            item.last_outcome.as_ref().map(serde_name).unwrap_or("").to_owned(),
        ]));
    }
    out
}

pub fn metrics_json(metrics: &Metrics) -> String {
    serde_json::to_string_pretty(metrics).unwrap_or_default()
}

/// `metric,key,value` rows: the scalar metrics, then by source, by hour and by weekday.
pub fn metrics_csv(metrics: &Metrics) -> String {
    let number = |v: Option<f64>| v.map(|v| format!("{v}")).unwrap_or_default();
    let mut out = csv_line(&["metric".into(), "key".into(), "value".into()]);
    let mut row = |metric: &str, key: &str, value: String| out.push_str(&csv_line(&[metric.into(), key.into(), value]));
    row("missed_calls", "", metrics.missed_calls.to_string());
    row("median_minutes_to_assignment", "", number(metrics.median_minutes_to_assignment));
    row("median_minutes_to_callback", "", number(metrics.median_minutes_to_callback));
    row("stale_rate", "", number(metrics.stale_rate));
    row("booked_rate", "", number(metrics.booked_rate));
    row("wrong_owner_rate", "", number(metrics.wrong_owner_rate));
    row("duplicate_rate", "", number(metrics.duplicate_rate));
    row("pilot_within_sla", "", number(metrics.pilot.within_sla));
    row("pilot_threshold", "", metrics.pilot.threshold.to_string());
    row("pilot_met", "", metrics.pilot.met.to_string());
    for source in &metrics.by_source {
        row("by_source", &source.source, source.count.to_string());
        row("by_source_after_hours", &source.source, source.after_hours.to_string());
    }
    for (hour, count) in metrics.by_hour.iter().enumerate() {
        row("by_hour", &hour.to_string(), count.to_string());
    }
    for (day, count) in ["mon", "tue", "wed", "thu", "fri", "sat", "sun"].iter().zip(metrics.by_weekday) {
        row("by_weekday", day, count.to_string());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::{csv_field, parse_import, state_json};
    use crate::demo::demo_bundle;
    use crate::store::workflow::parse_when;

    fn export_with_actions(actions: serde_json::Value) -> String {
        let bundle = demo_bundle("2026-11-24T22:00:00Z".parse().unwrap());
        let mut state: serde_json::Value = serde_json::from_str(&state_json(&bundle, &[])).unwrap();
        state["actions"] = actions;
        state.to_string()
    }

    fn action(id: &str, call_id: &str, seq: u32) -> serde_json::Value {
        serde_json::json!({"id": id, "call_id": call_id, "seq": seq, "who": "o_desk", "when": "2026-11-24T21:00:00Z",
            "intent": {"kind": "callback_attempt"}, "before": null, "after": null})
    }

    #[test]
    fn an_imported_log_about_a_call_the_bundle_does_not_have_is_refused() {
        let error = parse_import(&export_with_actions(serde_json::json!([action("nope#1", "nope", 1)]))).unwrap_err();
        assert_eq!(error.path, "actions[0].call_id");
    }

    #[test]
    fn an_imported_log_with_an_action_listed_twice_is_refused() {
        let bundle = demo_bundle("2026-11-24T22:00:00Z".parse().unwrap());
        let call = bundle.calls[0].id.clone();
        let one = action(&format!("{call}#1"), &call, 1);
        let error = parse_import(&export_with_actions(serde_json::json!([one.clone(), one]))).unwrap_err();
        assert_eq!(error.path, "actions[1].id");
    }

    /// RFC 3339 stays as it was written; any other form jiff reads is kept as RFC 3339 in UTC
    /// (the same instant), so the first paint's reader (`engine::rfc3339`) reads every `when`.
    #[test]
    fn an_imported_logs_times_are_kept_in_rfc_3339() {
        let bundle = demo_bundle("2026-11-24T22:00:00Z".parse().unwrap());
        let call = bundle.calls[0].id.clone();
        let written =
            ["2026-11-24T15:00:00-06:00", "2026-11-24T21:00:00.5z", "20261124T210000Z", "2026-11-24T21:00Z[UTC]"];
        let log: Vec<_> = written
            .iter()
            .enumerate()
            .map(|(i, when)| {
                let mut record = action(&format!("{call}#{}", i + 1), &call, i as u32 + 1);
                record["when"] = (*when).into();
                record
            })
            .collect();
        let imported = parse_import(&export_with_actions(log.into())).unwrap();
        let kept: Vec<&str> = imported.actions.iter().map(|a| a.when.as_str()).collect();
        assert_eq!(
            kept,
            ["2026-11-24T15:00:00-06:00", "2026-11-24T21:00:00.5z", "2026-11-24T21:00:00Z", "2026-11-24T21:00:00Z"]
        );
        for (kept, written) in kept.iter().zip(written) {
            assert_eq!(parse_when(kept), written.parse().ok(), "{written}");
        }
    }

    #[test]
    fn an_imported_log_with_a_time_that_is_no_time_is_refused() {
        let bundle = demo_bundle("2026-11-24T22:00:00Z".parse().unwrap());
        let call = bundle.calls[0].id.clone();
        let mut record = action(&format!("{call}#1"), &call, 1);
        record["when"] = "2026-11-31T21:00:00Z".into();
        let error = parse_import(&export_with_actions(serde_json::json!([record]))).unwrap_err();
        assert_eq!(error.path, "actions[0].when");
    }

    #[test]
    fn a_cell_that_would_start_a_formula_is_kept_as_text() {
        for hostile in ["=HYPERLINK(\"http://x\",\"y\")", "+1+cmd|' /C calc'!A0", "-2+3", "@SUM(A1)", "\t=1", "\r=1"] {
            let cell = csv_field(hostile);
            assert!(cell.starts_with("\"'"), "{hostile:?} became {cell:?}");
        }
    }

    #[test]
    fn a_neutralised_cell_keeps_every_character_of_what_it_holds() {
        assert_eq!(csv_field("=1,\"2\""), "\"'=1,\"\"2\"\"\"");
    }

    #[test]
    fn ordinary_cells_are_unchanged() {
        assert_eq!(csv_field("Maria Lopez"), "Maria Lopez");
        assert_eq!(csv_field("a, b"), "\"a, b\"");
        assert_eq!(csv_field("2026-11-24T16:00:00Z"), "2026-11-24T16:00:00Z");
    }
}

/// The browser app's configuration: the phone metadata arrives at run time (`scripts/test` runs
/// these with `--no-default-features`).
#[cfg(all(test, not(feature = "phone-metadata-bundled")))]
mod without_bundled_metadata {
    use super::*;
    use crate::engine::zones::BundledZones;

    fn bundle(tracking_number: &str, caller: &str) -> Bundle {
        parse_bundle(&format!(
            r#"{{"now": "2026-11-24T16:00:00-06:00",
                "config": {{"timezone": "America/Chicago", "owners": [{{"id": "a", "name": "A"}}],
                           "sources": [{{"number": "{tracking_number}", "name": "Ads", "owner": "a"}}]}},
                "calls": [{{"id": "c1", "from": "{caller}", "to": "{tracking_number}",
                            "started_at": "2026-11-24T15:00:00-06:00", "status": "no-answer"}}]}}"#
        ))
        .expect("a valid bundle")
    }

    #[test]
    fn a_tracking_number_refused_without_the_metadata_is_no_verdict() {
        assert_eq!(validate(&bundle("+44 20 7946 0958", "+13125550100"), &BundledZones), None);
    }

    #[test]
    fn a_caller_from_abroad_does_not_hold_up_the_check() {
        assert_eq!(validate(&bundle("+1 312 555 0199", "+44 20 7946 0958"), &BundledZones), Some(Ok(())));
    }

    #[test]
    fn an_accepted_import_is_the_import_it_checked() {
        let imported = Imported { bundle: bundle("+1 312 555 0199", "+44 20 7946 0958"), actions: Vec::new() };
        let accepted = accept(imported.clone(), &BundledZones).and_then(Result::ok).map(Accepted::into_inner);
        assert_eq!(
            accepted.map(|a| serde_json::to_string(&a.bundle).ok()),
            Some(serde_json::to_string(&imported.bundle).ok())
        );
    }

    #[test]
    fn an_unchecked_import_is_not_accepted() {
        let imported = Imported { bundle: bundle("+44 20 7946 0958", "+13125550100"), actions: Vec::new() };
        assert!(accept(imported, &BundledZones).is_none());
    }
}
