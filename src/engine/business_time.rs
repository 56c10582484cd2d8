//! Business hours, holidays and callback deadlines in the business's time zone.
//!
//! Two questions are answered here: "was the business open at this instant?" (the
//! `after_hours` flag) and "when do N business minutes after this instant run out?" (the
//! `due_at` of routine and unknown calls, TRIAGE.md rule 10). Both walk the calendar one
//! local day at a time, never minute by minute, and measure real elapsed time, so a DST
//! change makes a business day shorter or longer exactly as the clock on the wall does.
//!
//! How a local opening or closing time becomes an instant: it is the *first instant the wall
//! clock reads that time or later*.
//! - A time that does not exist (spring-forward gap, e.g. 02:30 on a New York March Sunday)
//!   takes effect when the clock jumps over it (03:00 EDT): a shop that opens at 02:30 opens
//!   the moment the clocks say 03:00, and an interval that lies wholly in the gap is empty.
//! - A time that happens twice (fall-back fold, e.g. 01:30 on a New York November Sunday)
//!   takes effect the first time (01:30 EDT), which is jiff's `compatible` choice for folds.
//!
//! Because "first instant the clock reads it" is monotone, every instant whose local date is
//! D lies at or after the start of D, so a walk that starts at the local date of the call
//! never misses an interval of the day before.
//!
//! Fallbacks, so that a deadline always exists:
//! - No open interval on any weekday: business minutes cannot be counted, so the deadline
//!   is `start + minutes` of wall-clock time, and no instant is open (every call is after
//!   hours).
//! - The minutes are not used up within `SEARCH_DAYS` (about 3 years) of the call's date
//!   (a calendar made only of holidays, an absurd SLA) or the date leaves jiff's range: the
//!   same wall-clock deadline.

use rustc_hash::FxHashSet as HashSet;

use jiff::civil::{Date, DateTime};
use jiff::tz::{AmbiguousOffset, Offset, TimeZone};
use jiff::{SignedDuration, Timestamp};

use super::bundle::{BusinessHours, ClockTime, IsoDate, OpenInterval, WeekdayKey};

/// How far the deadline walk looks ahead before giving up on business time: three years of
/// local days, enough to cross any real seasonal closure.
const SEARCH_DAYS: u32 = 3 * 366;

const MINUTES_PER_DAY: u16 = 1440;
const ONE_DAY: SignedDuration = SignedDuration::from_hours(24);
/// Two UTC offsets differ by less than this (jiff's offsets lie within ±26 hours).
const MAX_OFFSET_SHIFT: SignedDuration = SignedDuration::from_hours(72);

pub struct BusinessCalendar {
    tz: TimeZone,
    /// The stretch of one UTC offset around the instant the calendar is asked about (`near`).
    steady: Option<SteadyStretch>,
    /// Open intervals per weekday, Monday first, so the day walk indexes instead of looking up.
    week: [Vec<OpenInterval>; 7],
    holidays: HashSet<Date>,
    /// False when no weekday has any open interval: then the wall-clock fallback applies.
    ever_open: bool,
}

impl BusinessCalendar {
    pub fn new(tz: TimeZone, hours: &BusinessHours, holidays: &[IsoDate]) -> Self {
        let days = [
            WeekdayKey::Mon,
            WeekdayKey::Tue,
            WeekdayKey::Wed,
            WeekdayKey::Thu,
            WeekdayKey::Fri,
            WeekdayKey::Sat,
            WeekdayKey::Sun,
        ];
        let week = days.map(|day| {
            let mut intervals = hours.on(day).to_vec();
            // The bundle parser sorts already; sorting again keeps hand-built hours safe.
            intervals.sort_by_key(|i| i.opens);
            intervals
        });
        let ever_open = week.iter().any(|intervals| intervals.iter().any(|i| i.opens < i.closes));
        BusinessCalendar { tz, steady: None, week, holidays: holidays.iter().map(|d| d.0).collect(), ever_open }
    }

    /// The same calendar, quicker for instants near `at` (a bundle's `now`): there, an instant's
    /// local time, a local time's instant and the next offset change are arithmetic on one
    /// offset. Asking the zone's rules each time was most of the work of a deadline (each call
    /// asks three to five times, and a date past the zone's table is computed from its POSIX
    /// rule). Answers are the same either way.
    pub fn near(self, at: Timestamp) -> Self {
        BusinessCalendar { steady: SteadyStretch::around(&self.tz, at), ..self }
    }

    pub fn time_zone(&self) -> &TimeZone {
        &self.tz
    }

    /// True when `at` falls inside an open interval on a day that is not a holiday.
    /// Intervals are half-open: open at the opening minute, closed at the closing minute.
    pub fn is_open(&self, at: Timestamp) -> bool {
        // Today's intervals decide, plus tomorrow's in case a fold ever carries the clock back
        // across midnight; asking the deadline walk keeps "open" and "a zero-minute deadline
        // is the call itself" the same rule.
        self.ever_open && self.walk(at, SignedDuration::ZERO, 2) == Some(at)
    }

    /// `minutes` business minutes after `start`: counted only while open, from `start` if
    /// open, else from the next opening. Zero minutes gives `start` if open, else the next
    /// opening. When the minutes run out exactly at a closing time, the deadline is that
    /// closing time (not the next opening).
    pub fn business_deadline(&self, start: Timestamp, minutes: u32) -> Timestamp {
        let budget = SignedDuration::from_mins(i64::from(minutes));
        let business = if self.ever_open { self.walk(start, budget, SEARCH_DAYS) } else { None };
        business.unwrap_or_else(|| start.checked_add(budget).unwrap_or(Timestamp::MAX))
    }

    /// The local hour (0..24) and weekday (Monday = 0) of `at`, for hour and weekday charts.
    pub fn local_hour_and_weekday(&self, at: Timestamp) -> (usize, usize) {
        let local = self.local(at);
        (local.hour() as usize, local.weekday().to_monday_zero_offset() as usize)
    }

    /// RFC 3339 with the business's UTC offset at that instant.
    pub fn format(&self, at: Timestamp) -> String {
        at.display_with_offset(self.offset(at)).to_string()
    }

    /// The zone's offset at `at`.
    fn offset(&self, at: Timestamp) -> Offset {
        match &self.steady {
            Some(steady) if steady.holds(at) => steady.offset,
            _ => self.tz.to_offset(at),
        }
    }

    /// The wall-clock time at `at`.
    fn local(&self, at: Timestamp) -> DateTime {
        self.offset(at).to_datetime(at)
    }

    /// Spends `budget` of open time from `start`, looking at no more than `max_days` local
    /// days. `None` when the budget is not spent in time or a date leaves jiff's range.
    fn walk(&self, start: Timestamp, budget: SignedDuration, max_days: u32) -> Option<Timestamp> {
        let mut date = self.local(start).date();
        let mut day_start = self.first_reach(date.at(0, 0, 0, 0))?;
        let mut next_transition = self.transition_after(day_start);
        let mut cursor = start;
        let mut remaining = budget;
        for _ in 0..max_days {
            let next_date = date.tomorrow().ok()?;
            if next_transition.is_some_and(|t| t <= day_start) {
                next_transition = self.transition_after(day_start);
            }
            // Most days have no offset change: then every boundary is midnight plus its
            // minutes, and no time zone lookup is needed. A transition exactly at the next
            // midnight matters too (a fall-back at 24:00 means the clock reads 23:00 there).
            let steady_end = day_start.checked_add(ONE_DAY).ok()?;
            let day = if next_transition.is_none_or(|t| t > steady_end) {
                LocalDay::Steady { start: day_start }
            } else {
                LocalDay::Shifting { date, next_start: self.first_reach(next_date.at(0, 0, 0, 0))? }
            };
            let intervals = &self.week[date.weekday().to_monday_zero_offset() as usize];
            if !intervals.is_empty() && !self.holidays.contains(&date) {
                for interval in intervals {
                    let opens = self.boundary(&day, interval.opens)?;
                    let closes = self.boundary(&day, interval.closes)?;
                    let from = opens.max(cursor);
                    if from < closes {
                        let available = closes.duration_since(from);
                        if remaining <= available {
                            return from.checked_add(remaining).ok();
                        }
                        remaining -= available;
                    }
                    cursor = cursor.max(closes);
                }
            }
            day_start = match day {
                LocalDay::Steady { .. } => steady_end,
                LocalDay::Shifting { next_start, .. } => next_start,
            };
            date = next_date;
        }
        None
    }

    /// The instant a local opening or closing time takes effect on `day`.
    fn boundary(&self, day: &LocalDay, time: ClockTime) -> Option<Timestamp> {
        match *day {
            LocalDay::Steady { start } => {
                start.checked_add(SignedDuration::from_mins(i64::from(time.minute_of_day))).ok()
            }
            LocalDay::Shifting { next_start, .. } if time.minute_of_day >= MINUTES_PER_DAY => Some(next_start),
            LocalDay::Shifting { date, .. } => self.first_reach(date.to_datetime(time.civil()?)),
        }
    }

    /// The first instant the wall clock reads `local` or later (see the module comment).
    fn first_reach(&self, local: DateTime) -> Option<Timestamp> {
        if let Some(steady) = &self.steady {
            // Far enough inside the stretch, no other offset can give the same wall-clock
            // time: it is neither in a gap nor in a fold.
            let at = steady.offset.to_timestamp(local).ok();
            if let Some(at) = at.filter(|&at| steady.holds(at)) {
                return Some(at);
            }
        }
        match self.tz.to_ambiguous_timestamp(local).offset() {
            AmbiguousOffset::Unambiguous { offset } => offset.to_timestamp(local).ok(),
            // `before` is the offset in force before the transition: the earlier pass.
            AmbiguousOffset::Fold { before, .. } => before.to_timestamp(local).ok(),
            AmbiguousOffset::Gap { before, after } => {
                // `local` read with the new offset is an instant just before the jump; the
                // next transition after it is the jump itself.
                let before_jump = after.to_timestamp(local).ok()?;
                self.transition_after(before_jump).or_else(|| before.to_timestamp(local).ok())
            }
        }
    }

    fn transition_after(&self, at: Timestamp) -> Option<Timestamp> {
        match &self.steady {
            Some(steady) if steady.holds(at) => steady.next_transition,
            _ => self.tz.following(at).next().map(|t| t.timestamp()),
        }
    }
}

/// Instants between two offset changes of the zone, kept `MAX_OFFSET_SHIFT` away from both:
/// there every instant has `offset`, and a wall-clock time read with `offset` that lands
/// inside is the only instant with that wall-clock time (any other offset would put it
/// less than `MAX_OFFSET_SHIFT` away, still inside, where the offset is `offset`).
struct SteadyStretch {
    offset: Offset,
    from: Timestamp,
    until: Timestamp,
    /// The first offset change after the stretch: the next one from any instant in it.
    next_transition: Option<Timestamp>,
}

impl SteadyStretch {
    /// The stretch holding `at`, if `at` is not too near an offset change.
    fn around(tz: &TimeZone, at: Timestamp) -> Option<SteadyStretch> {
        // `preceding` gives changes strictly before its argument, `following` strictly after.
        let just_after = at.checked_add(SignedDuration::from_nanos(1)).ok()?;
        let previous = tz.preceding(just_after).next().map(|t| t.timestamp());
        let next_transition = tz.following(at).next().map(|t| t.timestamp());
        let from = match previous {
            Some(previous) => previous.checked_add(MAX_OFFSET_SHIFT).ok()?,
            None => Timestamp::MIN,
        };
        let until = match next_transition {
            Some(next) => next.checked_sub(MAX_OFFSET_SHIFT).ok()?,
            None => Timestamp::MAX,
        };
        let stretch = SteadyStretch { offset: tz.to_offset(at), from, until, next_transition };
        stretch.holds(at).then_some(stretch)
    }

    fn holds(&self, at: Timestamp) -> bool {
        self.from <= at && at < self.until
    }
}

/// One local day of the walk.
enum LocalDay {
    /// No offset change during the day: boundaries are its start plus minutes.
    Steady { start: Timestamp },
    /// The offset changes during the day (or at its end): every boundary is resolved.
    Shifting { date: Date, next_start: Timestamp },
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;
    use std::collections::BTreeMap;

    fn zone(name: &str) -> TimeZone {
        jiff::tz::db().get(name).expect("bundled zone")
    }

    fn clock(text: &str) -> ClockTime {
        ClockTime::parse(text).expect("HH:MM")
    }

    /// `hours(&[(Mon, &[("07:30", "12:00")])])`
    fn hours(days: &[(WeekdayKey, &[(&str, &str)])]) -> BusinessHours {
        let mut map = BTreeMap::new();
        for (day, intervals) in days {
            map.insert(
                *day,
                intervals.iter().map(|(o, c)| OpenInterval { opens: clock(o), closes: clock(c) }).collect(),
            );
        }
        BusinessHours(map)
    }

    fn at(text: &str) -> Timestamp {
        text.parse().expect("RFC 3339")
    }

    fn holiday(y: i16, m: i8, d: i8) -> IsoDate {
        IsoDate(date(y, m, d))
    }

    /// Mile High Plumbing: split hours Mon-Thu, short Friday.
    fn denver() -> BusinessCalendar {
        use WeekdayKey::*;
        let split: &[(&str, &str)] = &[("07:30", "12:00"), ("13:00", "18:00")];
        let hours = hours(&[(Mon, split), (Tue, split), (Wed, split), (Thu, split), (Fri, &[("07:30", "16:00")])]);
        BusinessCalendar::new(zone("America/Denver"), &hours, &[holiday(2026, 3, 6)])
    }

    fn new_york_sundays(interval: (&str, &str)) -> BusinessCalendar {
        BusinessCalendar::new(zone("America/New_York"), &hours(&[(WeekdayKey::Sun, &[interval])]), &[])
    }

    fn due(calendar: &BusinessCalendar, start: &str, minutes: u32) -> String {
        calendar.format(calendar.business_deadline(at(start), minutes))
    }

    #[test]
    fn routine_call_after_close_counts_from_next_opening() {
        assert_eq!(due(&denver(), "2026-03-09T19:10:00-06:00", 120), "2026-03-10T09:30:00-06:00");
    }

    #[test]
    fn call_while_open_counts_from_the_call_and_carries_to_the_next_day() {
        use WeekdayKey::*;
        let weekdays: &[(&str, &str)] = &[("08:00", "16:00")];
        let hours = hours(&[(Mon, weekdays), (Tue, weekdays), (Wed, weekdays), (Thu, weekdays), (Fri, weekdays)]);
        let calendar = BusinessCalendar::new(zone("America/Los_Angeles"), &hours, &[]);
        assert_eq!(due(&calendar, "2026-06-10T15:30:00-07:00", 120), "2026-06-11T09:30:00-07:00");
    }

    #[test]
    fn lunch_break_pauses_the_business_clock() {
        assert_eq!(due(&denver(), "2026-03-09T12:30:00-06:00", 180), "2026-03-09T16:00:00-06:00");
        assert_eq!(due(&denver(), "2026-03-09T11:00:00-06:00", 120), "2026-03-09T14:00:00-06:00");
        assert!(!denver().is_open(at("2026-03-09T12:30:00-06:00")));
    }

    #[test]
    fn holiday_is_closed_all_day() {
        let calendar = denver();
        // Friday 2026-03-06 is a holiday: closed at 10:00, and its hours count for nothing.
        assert!(!calendar.is_open(at("2026-03-06T10:00:00-07:00")));
        assert!(calendar.is_open(at("2026-03-05T10:00:00-07:00")));
        assert_eq!(due(&calendar, "2026-03-05T17:30:00-07:00", 60), "2026-03-09T08:00:00-06:00");
    }

    #[test]
    fn deadline_skips_the_weekend() {
        assert_eq!(due(&denver(), "2026-03-13T15:30:00-06:00", 120), "2026-03-16T09:00:00-06:00");
        assert!(!denver().is_open(at("2026-03-14T10:00:00-06:00")));
    }

    #[test]
    fn zero_minutes_is_the_call_if_open_else_the_next_opening() {
        assert_eq!(due(&denver(), "2026-03-09T09:00:00-06:00", 0), "2026-03-09T09:00:00-06:00");
        assert_eq!(due(&denver(), "2026-03-09T12:00:00-06:00", 0), "2026-03-09T13:00:00-06:00");
    }

    #[test]
    fn minutes_ending_at_closing_time_are_due_at_closing() {
        assert_eq!(due(&denver(), "2026-03-09T17:00:00-06:00", 60), "2026-03-09T18:00:00-06:00");
    }

    #[test]
    fn spring_forward_does_not_add_an_hour_of_business_time() {
        // 2026-03-08 in New York: 01:00 EST to 04:00 EDT is two real hours, so 180 minutes
        // spill into the next Sunday's opening.
        let calendar = new_york_sundays(("01:00", "04:00"));
        assert_eq!(due(&calendar, "2026-03-08T01:00:00-05:00", 120), "2026-03-08T04:00:00-04:00");
        assert_eq!(due(&calendar, "2026-03-08T01:00:00-05:00", 180), "2026-03-15T02:00:00-04:00");
        let all_day = new_york_sundays(("00:00", "24:00"));
        assert_eq!(due(&all_day, "2026-03-08T00:00:00-05:00", 23 * 60), "2026-03-09T00:00:00-04:00");
    }

    #[test]
    fn fall_back_counts_the_repeated_hour_as_business_time() {
        // 2026-11-01 in New York: 01:00 EDT to 04:00 EST is four real hours.
        let calendar = new_york_sundays(("01:00", "04:00"));
        assert_eq!(due(&calendar, "2026-11-01T01:00:00-04:00", 210), "2026-11-01T03:30:00-05:00");
        assert_eq!(due(&calendar, "2026-11-01T01:00:00-04:00", 240), "2026-11-01T04:00:00-05:00");
        let all_day = new_york_sundays(("00:00", "24:00"));
        assert_eq!(due(&all_day, "2026-11-01T00:00:00-04:00", 25 * 60), "2026-11-02T00:00:00-05:00");
        // The second pass through 01:30 is still open.
        assert!(calendar.is_open(at("2026-11-01T01:30:00-05:00")));
    }

    #[test]
    fn opening_in_the_spring_forward_gap_opens_when_the_clock_jumps() {
        // 02:30 never happens on 2026-03-08 in New York; the clock jumps from 02:00 to 03:00.
        let calendar = new_york_sundays(("02:30", "05:00"));
        assert_eq!(due(&calendar, "2026-03-08T00:00:00-05:00", 0), "2026-03-08T03:00:00-04:00");
        assert_eq!(due(&calendar, "2026-03-08T00:00:00-05:00", 120), "2026-03-08T05:00:00-04:00");
    }

    #[test]
    fn closing_in_the_fall_back_fold_closes_the_first_time() {
        let calendar = new_york_sundays(("00:00", "01:30"));
        assert!(calendar.is_open(at("2026-11-01T01:15:00-04:00")));
        assert!(!calendar.is_open(at("2026-11-01T01:15:00-05:00")));
    }

    #[test]
    fn all_closed_week_falls_back_to_wall_clock() {
        let calendar = BusinessCalendar::new(zone("America/Denver"), &BusinessHours::default(), &[]);
        assert_eq!(due(&calendar, "2026-03-09T19:10:00-06:00", 120), "2026-03-09T21:10:00-06:00");
        assert!(!calendar.is_open(at("2026-03-09T10:00:00-06:00")));
    }

    #[test]
    fn calendar_of_only_holidays_falls_back_to_wall_clock() {
        let every_day: &[(&str, &str)] = &[("00:00", "24:00")];
        use WeekdayKey::*;
        let hours = hours(&[
            (Mon, every_day),
            (Tue, every_day),
            (Wed, every_day),
            (Thu, every_day),
            (Fri, every_day),
            (Sat, every_day),
            (Sun, every_day),
        ]);
        let first = date(2026, 1, 1);
        let holidays: Vec<IsoDate> = first.series(jiff::Span::new().days(1)).take(4 * 366).map(IsoDate).collect();
        let calendar = BusinessCalendar::new(zone("UTC"), &hours, &holidays);
        assert_eq!(due(&calendar, "2026-02-01T10:00:00Z", 60), "2026-02-01T11:00:00+00:00");
    }

    #[test]
    fn twenty_four_hundred_closes_at_midnight() {
        use WeekdayKey::*;
        let hours = hours(&[(Mon, &[("20:00", "24:00")]), (Wed, &[("08:00", "10:00")])]);
        let calendar = BusinessCalendar::new(zone("America/Denver"), &hours, &[]);
        assert!(calendar.is_open(at("2026-03-09T23:59:00-06:00")));
        assert!(!calendar.is_open(at("2026-03-10T00:00:00-06:00")));
        assert_eq!(due(&calendar, "2026-03-09T23:00:00-06:00", 60), "2026-03-10T00:00:00-06:00");
        assert_eq!(due(&calendar, "2026-03-09T23:00:00-06:00", 120), "2026-03-11T09:00:00-06:00");
    }

    #[test]
    fn local_hour_and_weekday_use_the_business_zone() {
        assert_eq!(denver().local_hour_and_weekday(at("2026-03-10T01:30:00Z")), (19, 0));
    }

    /// Minute-by-minute reference for a zone whose hours never touch a DST change (Denver
    /// opens 07:30 and changes clocks at 02:00), where "the wall clock reads an open time"
    /// is exactly the definition.
    fn reference_deadline(calendar: &BusinessCalendar, start: Timestamp, minutes: u32) -> Timestamp {
        let open_by_reading = |t: Timestamp| {
            let local = calendar.tz.to_datetime(t);
            let minute = (local.hour() as u16) * 60 + local.minute() as u16;
            !calendar.holidays.contains(&local.date())
                && calendar.week[local.weekday().to_monday_zero_offset() as usize]
                    .iter()
                    .any(|i| i.opens.minute_of_day <= minute && minute < i.closes.minute_of_day)
        };
        let mut t = start;
        let mut counted = 0;
        loop {
            if open_by_reading(t) {
                if counted == minutes {
                    return t;
                }
                counted += 1;
                if counted == minutes {
                    return t + SignedDuration::from_mins(1);
                }
            }
            t += SignedDuration::from_mins(1);
        }
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(64))]
        #[test]
        fn day_walk_matches_minute_by_minute_counting(offset in 0i64..(60 * 24 * 400), minutes in 0u32..3000) {
            let calendar = denver();
            let start = at("2026-01-01T00:00:00Z") + SignedDuration::from_mins(offset);
            proptest::prop_assert_eq!(
                calendar.business_deadline(start, minutes),
                reference_deadline(&calendar, start, minutes)
            );
        }
    }

    #[test]
    fn a_calendar_near_an_instant_answers_as_the_zone_does() {
        use WeekdayKey::*;
        let early: &[(&str, &str)] = &[("00:30", "02:45"), ("08:00", "17:00")];
        let hours = hours(&[(Sat, early), (Sun, early), (Mon, early), (Fri, &[("22:00", "24:00")])]);
        let zones =
            ["America/New_York", "America/Denver", "Europe/London", "Australia/Lord_Howe", "Pacific/Apia", "UTC"];
        // Anchors in a steady stretch, next to a change of offset and on one.
        let anchors = ["2026-01-15T12:00:00Z", "2026-03-08T06:59:59Z", "2026-03-08T07:00:00Z", "2026-11-01T05:30:00Z"];
        for name in zones {
            let plain = BusinessCalendar::new(zone(name), &hours, &[holiday(2026, 3, 9)]);
            for anchor in anchors {
                let quick = BusinessCalendar::new(zone(name), &hours, &[holiday(2026, 3, 9)]).near(at(anchor));
                // Every 97 minutes from mid-December to mid-November: both DST changes of each zone.
                let mut instant = at("2025-12-15T00:00:00Z");
                while instant < at("2026-11-15T00:00:00Z") {
                    for minutes in [0, 45, 600, 3000] {
                        let (a, b) =
                            (plain.business_deadline(instant, minutes), quick.business_deadline(instant, minutes));
                        assert_eq!(
                            (a, plain.format(a)),
                            (b, quick.format(b)),
                            "{name} near {anchor}: {instant} + {minutes}"
                        );
                    }
                    assert_eq!(plain.is_open(instant), quick.is_open(instant), "{name} near {anchor}: {instant}");
                    assert_eq!(plain.local_hour_and_weekday(instant), quick.local_hour_and_weekday(instant));
                    instant += SignedDuration::from_mins(97);
                }
            }
        }
    }
}
