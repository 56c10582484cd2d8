//! The reports' sentences: the period shown, the medians, the pilot's verdict, what blocks a
//! pilot, and each chart's text alternative. Pure, so the reports page holds no wording rules
//! and they are tested natively.

use super::charts::{format_percent, short_date, Heatmap, WEEKDAY_NAMES};
use super::decision::{Metrics, Pilot};
use super::report_data::DateRange;

/// `Nov 2 to Nov 15 (14 days) · 37 missed calls`.
pub fn period_line(range: DateRange, missed_calls: u32) -> String {
    format!(
        "{} to {} ({} days) · {} missed calls",
        short_date(range.first),
        short_date(range.last),
        range.day_count(),
        missed_calls
    )
}

/// Minutes under two hours, else hours.
pub fn median_line(minutes: Option<f64>) -> String {
    match minutes {
        Some(m) if m < 120.0 => format!("Median: {m:.0} minutes"),
        Some(m) => format!("Median: {:.1} hours", m / 60.0),
        None => "Median: no data in this period".to_owned(),
    }
}

/// Whether the pilot's threshold was met, and by what.
pub fn pilot_verdict(pilot: &Pilot) -> String {
    match (pilot.within_sla, pilot.met) {
        (None, _) => "No missed calls in this period.".to_owned(),
        (Some(_), true) => format!(
            "Met: at least {} of missed calls were handled within the SLA.",
            format_percent(Some(pilot.threshold))
        ),
        (Some(_), false) => format!("Not met: the pilot needs {}.", format_percent(Some(pilot.threshold))),
    }
}

/// `1 thing blocks a pilot:`, `3 things block a pilot:`.
pub fn blockers_heading(count: usize) -> String {
    format!("{} thing{} block{} a pilot:", count, if count == 1 { "" } else { "s" }, if count == 1 { "s" } else { "" })
}

/// The source chart's text alternative.
pub fn source_sentence(metrics: Option<&Metrics>) -> String {
    let Some(metrics) = metrics else { return String::new() };
    match metrics.by_source.first() {
        None => "No missed calls in this period.".to_owned(),
        Some(top) => format!(
            "{} missed calls across {} sources; {} had the most, {} ({} after hours).",
            metrics.missed_calls,
            metrics.by_source.len(),
            top.source,
            top.count,
            top.after_hours
        ),
    }
}

/// The weekday × hour chart's text alternative.
pub fn heatmap_sentence(heatmap: &Heatmap) -> String {
    match heatmap.busiest() {
        None => "No missed calls in this period.".to_owned(),
        Some((day, hour, count)) => format!(
            "{} missed calls; the busiest hour was {} {:02}:00 to {:02}:00 with {}.",
            heatmap.total(),
            WEEKDAY_NAMES[day],
            hour,
            (hour + 1) % 24,
            count
        ),
    }
}

/// A time-to histogram's text alternative: how many calls, and how many within an hour.
pub fn distribution_sentence(what: &str, minutes: &[f64]) -> String {
    let within_hour = minutes.iter().filter(|m| **m < 60.0).count();
    if minutes.is_empty() {
        format!("No calls {what} in this period.")
    } else {
        format!("{} calls {what}; {} of them within an hour.", minutes.len(), within_hour)
    }
}

/// The daily rates chart's text alternative.
pub fn rates_sentence(metrics: Option<&Metrics>) -> String {
    let Some(metrics) = metrics else { return String::new() };
    format!(
        "Over the period the stale rate was {} and the booked rate {}. Days without calls are gaps.",
        format_percent(metrics.stale_rate),
        format_percent(metrics.booked_rate)
    )
}

#[cfg(test)]
mod tests {
    use jiff::civil::date;

    use super::*;
    use crate::engine::decision::SourceCount;

    fn metrics(by_source: Vec<SourceCount>) -> Metrics {
        Metrics {
            missed_calls: by_source.iter().map(|s| s.count).sum(),
            by_source,
            by_hour: [0; 24],
            by_weekday: [0; 7],
            median_minutes_to_assignment: None,
            median_minutes_to_callback: None,
            stale_rate: Some(0.25),
            booked_rate: None,
            wrong_owner_rate: None,
            duplicate_rate: None,
            pilot: Pilot { within_sla: None, threshold: 0.9, met: false },
        }
    }

    #[test]
    fn period_line_counts_both_ends() {
        let range = DateRange { first: date(2026, 11, 2), last: date(2026, 11, 15) };
        assert_eq!(period_line(range, 37), "Nov 2 to Nov 15 (14 days) · 37 missed calls");
    }

    #[test]
    fn median_line_in_minutes_under_two_hours_else_hours() {
        assert_eq!(median_line(Some(42.4)), "Median: 42 minutes");
        assert_eq!(median_line(Some(150.0)), "Median: 2.5 hours");
        assert_eq!(median_line(None), "Median: no data in this period");
    }

    #[test]
    fn pilot_verdict_names_the_threshold() {
        let met = Pilot { within_sla: Some(0.95), threshold: 0.9, met: true };
        let unmet = Pilot { within_sla: Some(0.5), threshold: 0.9, met: false };
        let none = Pilot { within_sla: None, threshold: 0.9, met: false };
        assert_eq!(pilot_verdict(&met), "Met: at least 90% of missed calls were handled within the SLA.");
        assert_eq!(pilot_verdict(&unmet), "Not met: the pilot needs 90%.");
        assert_eq!(pilot_verdict(&none), "No missed calls in this period.");
    }

    #[test]
    fn blockers_heading_agrees_in_number() {
        assert_eq!(blockers_heading(1), "1 thing blocks a pilot:");
        assert_eq!(blockers_heading(3), "3 things block a pilot:");
    }

    #[test]
    fn source_sentence_names_the_top_source() {
        let m = metrics(vec![
            SourceCount { source: "Google Ads".into(), count: 5, after_hours: 2 },
            SourceCount { source: "Yard signs".into(), count: 1, after_hours: 0 },
        ]);
        assert_eq!(
            source_sentence(Some(&m)),
            "6 missed calls across 2 sources; Google Ads had the most, 5 (2 after hours)."
        );
        assert_eq!(source_sentence(Some(&metrics(Vec::new()))), "No missed calls in this period.");
        assert_eq!(source_sentence(None), "");
    }

    #[test]
    fn heatmap_sentence_names_the_busiest_hour() {
        let heatmap = Heatmap::from_pairs([(1, 23), (1, 23), (4, 9)]);
        assert_eq!(heatmap_sentence(&heatmap), "3 missed calls; the busiest hour was Tue 23:00 to 00:00 with 2.");
        assert_eq!(heatmap_sentence(&Heatmap { cells: [[0; 24]; 7] }), "No missed calls in this period.");
    }

    #[test]
    fn distribution_sentence_counts_within_an_hour() {
        assert_eq!(
            distribution_sentence("called back", &[10.0, 59.0, 60.0]),
            "3 calls called back; 2 of them within an hour."
        );
        assert_eq!(distribution_sentence("called back", &[]), "No calls called back in this period.");
    }

    #[test]
    fn rates_sentence_shows_missing_rates_as_a_dash() {
        assert_eq!(
            rates_sentence(Some(&metrics(Vec::new()))),
            "Over the period the stale rate was 25% and the booked rate –. Days without calls are gaps."
        );
    }
}
