//! What the manager's reports show, computed from a bundle and its triage output for a
//! date range: the TRIAGE.md metrics over the calls that started in the range, the weekday ×
//! hour heatmap, the minute distributions behind the medians, and the daily stale and
//! booked rates.
//!
//! The reports page only picks the range and draws; every rule (which calls count, which
//! activities belong to a call, how a day is cut in the business's time zone) lives here.

use std::collections::HashMap;
use std::fmt;

use jiff::civil::Date;
use jiff::tz::TimeZone;
use jiff::Timestamp;

use super::bundle::{Activity, ActivityType, Bundle, Outcome};
use super::charts::{daily_rates, DailyRate, DayOutcome, Heatmap};
use super::decision::{Decision, Metrics, TriageOutput};
use super::metrics::{compute_metrics, CountedCall};

/// Both ends included, in the business's local calendar.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DateRange {
    pub first: Date,
    pub last: Date,
}

/// Why a date range typed into the picker was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RangeError {
    NotADate { field: &'static str, text: String },
    EndsBeforeItStarts { first: Date, last: Date },
}

impl fmt::Display for RangeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            RangeError::NotADate { field, text } => write!(f, "{field}: {text:?} is not a YYYY-MM-DD date"),
            RangeError::EndsBeforeItStarts { first, last } => {
                write!(f, "the range ends on {last}, before it starts on {first}")
            }
        }
    }
}

impl std::error::Error for RangeError {}

impl DateRange {
    /// Reads the picker's two `YYYY-MM-DD` inputs.
    pub fn parse(first: &str, last: &str) -> Result<DateRange, RangeError> {
        let read = |field: &'static str, text: &str| {
            text.trim().parse::<Date>().map_err(|_| RangeError::NotADate { field, text: text.to_owned() })
        };
        let (first, last) = (read("from", first)?, read("to", last)?);
        if last < first {
            return Err(RangeError::EndsBeforeItStarts { first, last });
        }
        Ok(DateRange { first, last })
    }

    /// The `days` days ending on `last` (at least one).
    pub fn last_days(days: u16, last: Date) -> DateRange {
        let back = i64::from(days.max(1)) - 1;
        let first = last.checked_sub(jiff::Span::new().days(back)).unwrap_or(last);
        DateRange { first, last }
    }

    /// The number of days in the range, both ends included.
    pub fn day_count(&self) -> i64 {
        i64::from((self.last - self.first).get_days()) + 1
    }

    pub fn contains(&self, date: Date) -> bool {
        self.first <= date && date <= self.last
    }

    /// From the first counted call's local date to the later of the last call and `now`;
    /// a bundle without calls gives the single day of `now`.
    pub fn covering(calls: &[ReportCall<'_>], now: Timestamp, tz: &TimeZone) -> DateRange {
        let today = tz.to_datetime(now).date();
        let first = calls.iter().map(|c| c.local_date).min().unwrap_or(today).min(today);
        let last = calls.iter().map(|c| c.local_date).max().unwrap_or(today).max(today);
        DateRange { first, last }
    }
}

/// One counted missed call (not a duplicate event, not a folded repeat) with the facts the
/// reports need, and the activities of the call and of every repeat folded into it.
#[derive(Debug, Clone)]
pub struct ReportCall<'a> {
    pub call_id: &'a str,
    pub started_at: Timestamp,
    pub local_date: Date,
    /// Monday = 0.
    pub weekday: u8,
    pub hour: u8,
    pub source_name: Option<&'a str>,
    pub after_hours: bool,
    pub due_at: Timestamp,
    pub has_owner: bool,
    pub activities: Vec<&'a Activity>,
}

impl ReportCall<'_> {
    fn first(&self, kind: ActivityType) -> Option<Timestamp> {
        self.activities.iter().filter(|a| a.kind == kind).map(|a| a.at.0).min()
    }

    fn minutes_to_first(&self, kind: ActivityType) -> Option<f64> {
        self.first(kind).map(|at| (at.as_second() - self.started_at.as_second()) as f64 / 60.0)
    }

    fn attempted_by_deadline(&self) -> bool {
        self.first(ActivityType::CallbackAttempt).is_some_and(|at| at <= self.due_at)
    }

    fn booked(&self) -> bool {
        self.activities.iter().any(|a| a.kind == ActivityType::Disposition && a.outcome == Some(Outcome::Booked))
    }

    fn as_counted(&self) -> CountedCall<'_> {
        CountedCall {
            started_at: self.started_at,
            source_name: self.source_name,
            after_hours: self.after_hours,
            due_at: self.due_at,
            has_owner: self.has_owner,
            activities: self.activities.clone(),
        }
    }
}

/// The counted calls of a triaged bundle, in input order. `output` must be the triage of
/// `bundle` (one decision per call, same order); calls whose decision has no parsable
/// deadline are not work items and are left out, as the engine's own metrics leave them out.
pub fn report_calls<'a>(bundle: &'a Bundle, output: &'a TriageOutput, tz: &TimeZone) -> Vec<ReportCall<'a>> {
    let mut activities_by_call: HashMap<&str, Vec<&Activity>> = HashMap::new();
    for activity in &bundle.activities {
        activities_by_call.entry(activity.call_id.as_str()).or_default().push(activity);
    }
    // A repeat call's activities count for the call it was folded into.
    let mut folded_into: HashMap<&str, Vec<&str>> = HashMap::new();
    for decision in &output.decisions {
        if let Some(anchor) = decision.folded_into.as_deref() {
            folded_into.entry(anchor).or_default().push(decision.call_id.as_str());
        }
    }
    bundle
        .calls
        .iter()
        .zip(&output.decisions)
        .filter(|(call, decision)| call.id == decision.call_id && is_counted(decision))
        .filter_map(|(call, decision)| {
            let due_at = super::rfc3339::parse(decision.due_at.as_deref()?)?;
            let local = tz.to_datetime(call.started_at.0);
            let mut activities = activities_by_call.get(call.id.as_str()).cloned().unwrap_or_default();
            for repeat in folded_into.get(call.id.as_str()).into_iter().flatten() {
                activities.extend(activities_by_call.get(repeat).into_iter().flatten());
            }
            Some(ReportCall {
                call_id: &call.id,
                started_at: call.started_at.0,
                local_date: local.date(),
                weekday: local.weekday().to_monday_zero_offset() as u8,
                hour: local.hour() as u8,
                source_name: decision.source.as_ref().map(|s| s.name.as_str()),
                after_hours: decision.after_hours,
                due_at,
                has_owner: decision.owner.is_some(),
                activities,
            })
        })
        .collect()
}

/// The calls the metrics count: missed, and neither a duplicate event nor a folded repeat.
fn is_counted(decision: &Decision) -> bool {
    decision.missed && decision.excluded.is_none()
}

/// The calls that started on a day inside `range` (business-local dates).
pub fn calls_in_range<'c, 'a>(calls: &'c [ReportCall<'a>], range: DateRange) -> Vec<&'c ReportCall<'a>> {
    calls.iter().filter(|c| range.contains(c.local_date)).collect()
}

/// Everything the reports page draws for one range.
#[derive(Debug, Clone, PartialEq)]
pub struct ReportData {
    pub range: DateRange,
    pub metrics: Metrics,
    pub heatmap: Heatmap,
    /// Minutes from the call to its first `assigned` activity, per call that has one.
    pub minutes_to_owner: Vec<f64>,
    /// Minutes from the call to its first `callback_attempt`, per call that has one.
    pub minutes_to_callback: Vec<f64>,
    pub daily: Vec<DailyRate>,
}

impl ReportData {
    /// The reports for the calls that started in `range`, with "now" from the bundle.
    pub fn build(calls: &[ReportCall<'_>], range: DateRange, now: Timestamp, tz: &TimeZone) -> ReportData {
        let in_range = calls_in_range(calls, range);
        let counted: Vec<CountedCall<'_>> = in_range.iter().map(|c| c.as_counted()).collect();
        let outcomes: Vec<DayOutcome> = in_range
            .iter()
            .map(|c| {
                let due = c.due_at <= now;
                DayOutcome { date: c.local_date, due, stale: due && !c.attempted_by_deadline(), booked: c.booked() }
            })
            .collect();
        ReportData {
            range,
            metrics: compute_metrics(&counted, now, tz),
            heatmap: Heatmap::from_pairs(in_range.iter().map(|c| (c.weekday, c.hour))),
            minutes_to_owner: in_range.iter().filter_map(|c| c.minutes_to_first(ActivityType::Assigned)).collect(),
            minutes_to_callback: in_range
                .iter()
                .filter_map(|c| c.minutes_to_first(ActivityType::CallbackAttempt))
                .collect(),
            daily: daily_rates(&outcomes, range.first, range.last),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    fn bundle(calls: &str, activities: &str) -> Bundle {
        let json = format!(
            r#"{{"now": "2026-11-06T12:00:00Z",
                "config": {{"timezone": "UTC", "business_hours": {{"mon": [["00:00","24:00"]], "tue": [["00:00","24:00"]],
                  "wed": [["00:00","24:00"]], "thu": [["00:00","24:00"]], "fri": [["00:00","24:00"]]}},
                  "routing": {{"default_owner": "ana"}}, "owners": [{{"id": "ana", "name": "Ana"}}]}},
                "calls": [{calls}], "activities": [{activities}]}}"#
        );
        serde_json::from_str(&json).expect("test bundle parses")
    }

    fn call(id: &str, from: &str, at: &str) -> String {
        format!(
            r#"{{"id": "{id}", "from": "{from}", "to": "+13035550100", "started_at": "{at}", "status": "no-answer"}}"#
        )
    }

    fn activity(call_id: &str, kind: &str, at: &str, outcome: Option<&str>) -> String {
        let outcome = outcome.map(|o| format!(r#", "outcome": "{o}""#)).unwrap_or_default();
        format!(r#"{{"call_id": "{call_id}", "type": "{kind}", "at": "{at}"{outcome}}}"#)
    }

    /// A hand-made triage output, so these tests do not depend on the whole engine.
    fn output(bundle: &Bundle, decisions: &[(&str, Option<&str>, Option<&str>)]) -> TriageOutput {
        TriageOutput {
            decisions: decisions
                .iter()
                .map(|&(id, due_at, folded_into)| test_decision(id, due_at, folded_into))
                .collect(),
            metrics: compute_metrics(&[], bundle.now.0, &TimeZone::UTC),
            config_warnings: Vec::new(),
        }
    }

    fn test_decision(call_id: &str, due_at: Option<&str>, folded_into: Option<&str>) -> Decision {
        use super::super::decision::*;
        Decision {
            call_id: call_id.to_owned(),
            missed: true,
            excluded: folded_into.map(|_| Exclusion::RepeatCall),
            folded_into: folded_into.map(str::to_owned),
            caller: CallerView { raw: None, e164: None, status: CallerStatus::Valid },
            after_hours: false,
            source: Some(SourceView { number: "+13035550100".into(), name: "Google Ads".into(), campaign: None }),
            matched: MatchView {
                kind: MatchKind::None,
                contact_id: None,
                lead_id: None,
                ticket_id: None,
                candidates: vec![],
            },
            summary: vec![],
            urgency: UrgencyView { level: Urgency::Unknown, evidence: vec![] },
            categories: vec![],
            action: Action::CallbackTask,
            reasons: vec![],
            owner: Some("ana".into()),
            owner_rule: Some(OwnerRule::DefaultOwner),
            due_at: due_at.map(str::to_owned),
            stale: false,
            location: None,
            new_record: true,
            sms: SmsView { allowed: false, reason: Some(SmsBlock::Disabled), template: None },
        }
    }

    #[test]
    fn a_folded_repeat_calls_activities_count_for_the_call_it_joined() {
        let b = bundle(
            &[call("c1", "+13035550111", "2026-11-02T09:00:00Z"), call("c2", "+13035550111", "2026-11-02T09:10:00Z")]
                .join(","),
            &activity("c2", "callback_attempt", "2026-11-02T09:30:00Z", None),
        );
        let out = output(&b, &[("c1", Some("2026-11-02T10:00:00Z"), None), ("c2", None, Some("c1"))]);
        let calls = report_calls(&b, &out, &TimeZone::UTC);
        assert_eq!(calls.len(), 1, "the repeat is not counted on its own");
        assert_eq!(calls[0].activities.len(), 1);
        let range = DateRange { first: date(2026, 11, 2), last: date(2026, 11, 2) };
        let data = ReportData::build(&calls, range, b.now.0, &TimeZone::UTC);
        assert_eq!(data.minutes_to_callback, vec![30.0]);
        assert_eq!(data.metrics.stale_rate, Some(0.0));
    }

    #[test]
    fn range_filter_keeps_only_calls_started_on_days_inside_it() {
        let b = bundle(
            &[
                call("c1", "+13035550111", "2026-11-02T09:00:00Z"),
                call("c2", "+13035550112", "2026-11-03T23:59:59Z"),
                call("c3", "+13035550113", "2026-11-04T00:00:00Z"),
            ]
            .join(","),
            &[
                activity("c1", "disposition", "2026-11-02T09:20:00Z", Some("booked")),
                activity("c3", "assigned", "2026-11-04T00:05:00Z", None),
            ]
            .join(","),
        );
        let out = output(
            &b,
            &[
                ("c1", Some("2026-11-02T10:00:00Z"), None),
                ("c2", Some("2026-11-04T01:00:00Z"), None),
                ("c3", Some("2026-11-04T01:00:00Z"), None),
            ],
        );
        let calls = report_calls(&b, &out, &TimeZone::UTC);
        let range = DateRange::parse("2026-11-02", "2026-11-03").expect("valid range");
        let data = ReportData::build(&calls, range, b.now.0, &TimeZone::UTC);
        assert_eq!(data.metrics.missed_calls, 2);
        assert_eq!(data.metrics.booked_rate, Some(0.5));
        assert_eq!(data.metrics.stale_rate, Some(1.0), "c2 was due and never attempted; c1 had no attempt either");
        assert!(data.minutes_to_owner.is_empty(), "c3 is outside the range");
        assert_eq!(data.daily.len(), 2);
        assert_eq!(data.heatmap.total(), 2);
        assert_eq!(data.heatmap.cells[0][9], 1, "Monday 09:00");
    }

    #[test]
    fn a_backwards_or_malformed_range_is_refused_with_the_field_named() {
        assert!(matches!(DateRange::parse("2026-11-05", "2026-11-01"), Err(RangeError::EndsBeforeItStarts { .. })));
        let err = DateRange::parse("yesterday", "2026-11-01").unwrap_err();
        assert_eq!(err.to_string(), "from: \"yesterday\" is not a YYYY-MM-DD date");
    }

    #[test]
    fn last_days_ends_on_the_given_day_and_counts_it() {
        let range = DateRange::last_days(7, date(2026, 11, 6));
        assert_eq!(range.first, date(2026, 10, 31));
        assert_eq!(range.day_count(), 7);
        assert_eq!(DateRange::last_days(0, date(2026, 11, 6)).day_count(), 1);
    }

    #[test]
    fn covering_range_spans_the_calls_and_today() {
        let b = bundle(&call("c1", "+13035550111", "2026-11-02T09:00:00Z"), "");
        let out = output(&b, &[("c1", Some("2026-11-02T10:00:00Z"), None)]);
        let calls = report_calls(&b, &out, &TimeZone::UTC);
        let range = DateRange::covering(&calls, b.now.0, &TimeZone::UTC);
        assert_eq!(range, DateRange { first: date(2026, 11, 2), last: date(2026, 11, 6) });
        let empty = DateRange::covering(&[], b.now.0, &TimeZone::UTC);
        assert_eq!(empty.first, empty.last);
    }
}
