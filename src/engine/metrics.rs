//! The manager's numbers, exactly as TRIAGE.md defines them, over the missed calls that are
//! neither duplicate events nor folded repeat calls. Activities logged against a folded
//! repeat call count for the call it was folded into.

use jiff::tz::TimeZone;
use jiff::Timestamp;

use super::bundle::{Activity, ActivityType, Outcome};
use super::decision::{Metrics, Pilot, SourceCount};

/// The pilot threshold: 90% of missed calls owned, dispositioned and attempted within SLA.
pub const PILOT_THRESHOLD: f64 = 0.9;

/// One counted missed call, as the metrics see it.
pub struct CountedCall<'a> {
    pub started_at: Timestamp,
    pub source_name: Option<&'a str>,
    pub after_hours: bool,
    pub due_at: Timestamp,
    pub has_owner: bool,
    /// Activities for this call and any call folded into it.
    pub activities: Vec<&'a Activity>,
}

impl CountedCall<'_> {
    fn first(&self, kind: ActivityType) -> Option<Timestamp> {
        self.activities.iter().filter(|a| a.kind == kind).map(|a| a.at.0).min()
    }

    fn has(&self, kind: ActivityType) -> bool {
        self.activities.iter().any(|a| a.kind == kind)
    }

    /// A callback attempt at or before the deadline.
    pub fn attempted_by_deadline(&self) -> bool {
        self.first(ActivityType::CallbackAttempt).is_some_and(|at| at <= self.due_at)
    }

    fn booked(&self) -> bool {
        self.activities.iter().any(|a| a.kind == ActivityType::Disposition && a.outcome == Some(Outcome::Booked))
    }
}

pub fn compute_metrics(calls: &[CountedCall<'_>], now: Timestamp, tz: &TimeZone) -> Metrics {
    let missed = calls.len() as u32;
    let mut by_hour = [0u32; 24];
    let mut by_weekday = [0u32; 7];
    for call in calls {
        let local = tz.to_datetime(call.started_at);
        by_hour[local.hour() as usize] += 1;
        by_weekday[local.weekday().to_monday_zero_offset() as usize] += 1;
    }

    let minutes_after = |call: &CountedCall<'_>, kind| {
        call.first(kind).map(|at| (at.as_second() - call.started_at.as_second()) as f64 / 60.0)
    };
    let to_assignment: Vec<f64> = calls.iter().filter_map(|c| minutes_after(c, ActivityType::Assigned)).collect();
    let to_callback: Vec<f64> = calls.iter().filter_map(|c| minutes_after(c, ActivityType::CallbackAttempt)).collect();

    let due: Vec<&CountedCall<'_>> = calls.iter().filter(|c| c.due_at <= now).collect();
    let stale = due.iter().filter(|c| !c.attempted_by_deadline()).count();
    let assigned = calls.iter().filter(|c| c.has(ActivityType::Assigned)).count();
    let reassigned = calls.iter().filter(|c| c.has(ActivityType::Reassigned)).count();
    let booked = calls.iter().filter(|c| c.booked()).count();
    let merged = calls.iter().filter(|c| c.has(ActivityType::MergedDuplicate)).count();
    let within_sla = calls
        .iter()
        .filter(|c| {
            (c.has_owner || c.has(ActivityType::Assigned))
                && c.has(ActivityType::Disposition)
                && c.attempted_by_deadline()
        })
        .count();
    let within_sla = ratio(within_sla, calls.len());

    Metrics {
        missed_calls: missed,
        by_source: count_by_source(calls),
        by_hour,
        by_weekday,
        median_minutes_to_assignment: median(to_assignment),
        median_minutes_to_callback: median(to_callback),
        stale_rate: ratio(stale, due.len()),
        booked_rate: ratio(booked, calls.len()),
        wrong_owner_rate: ratio(reassigned, assigned),
        duplicate_rate: ratio(merged, calls.len()),
        pilot: Pilot { within_sla, threshold: PILOT_THRESHOLD, met: within_sla.is_some_and(|r| r >= PILOT_THRESHOLD) },
    }
}

fn count_by_source(calls: &[CountedCall<'_>]) -> Vec<SourceCount> {
    let mut counts: std::collections::BTreeMap<&str, SourceCount> = std::collections::BTreeMap::new();
    for call in calls {
        let name = call.source_name.unwrap_or("unknown");
        let entry =
            counts.entry(name).or_insert_with(|| SourceCount { source: name.to_owned(), count: 0, after_hours: 0 });
        entry.count += 1;
        entry.after_hours += u32::from(call.after_hours);
    }
    let mut list: Vec<SourceCount> = counts.into_values().collect();
    // Most calls first, ties by name: a total order (names are the map's keys), so unstable.
    list.sort_unstable_by(|a, b| b.count.cmp(&a.count).then_with(|| a.source.cmp(&b.source)));
    list
}

fn ratio(part: usize, whole: usize) -> Option<f64> {
    (whole > 0).then(|| part as f64 / whole as f64)
}

/// Median; of an even count, the mean of the two middle values.
pub fn median(mut values: Vec<f64>) -> Option<f64> {
    if values.is_empty() {
        return None;
    }
    // Values equal under `total_cmp` are the same bits: no order among them to keep.
    values.sort_unstable_by(f64::total_cmp);
    let mid = values.len() / 2;
    Some(if values.len().is_multiple_of(2) { (values[mid - 1] + values[mid]) / 2.0 } else { values[mid] })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn median_of_an_even_count_is_the_mean_of_the_middle_two() {
        assert_eq!(median(vec![180.0, 30.0]), Some(105.0));
        assert_eq!(median(vec![2.0, 10.0, 10.0]), Some(10.0));
        assert_eq!(median(vec![]), None);
    }

    fn call_from(source: &str) -> CountedCall<'_> {
        CountedCall {
            started_at: Timestamp::UNIX_EPOCH,
            source_name: Some(source),
            after_hours: false,
            due_at: Timestamp::UNIX_EPOCH,
            has_owner: true,
            activities: Vec::new(),
        }
    }

    #[test]
    fn sources_with_more_calls_come_first_and_equal_ones_by_name() {
        let calls: Vec<CountedCall> =
            ["Yelp", "Website", "Google Ads", "Yelp", "Truck wrap", "Website"].into_iter().map(call_from).collect();
        let order: Vec<(String, u32)> = count_by_source(&calls).into_iter().map(|s| (s.source, s.count)).collect();
        let expected = [("Website", 2), ("Yelp", 2), ("Google Ads", 1), ("Truck wrap", 1)];
        assert_eq!(order, expected.map(|(name, count)| (name.to_owned(), count)));
    }

    #[test]
    fn rates_of_nothing_are_null_not_zero() {
        let metrics = compute_metrics(&[], Timestamp::UNIX_EPOCH, &TimeZone::UTC);
        assert_eq!(metrics.stale_rate, None);
        assert_eq!(metrics.booked_rate, None);
        assert!(!metrics.pilot.met);
    }
}
