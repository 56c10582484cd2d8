//! The arithmetic behind the report charts: scales, "nice" axis ticks, histogram bins for
//! minute distributions, the weekday × hour heatmap matrix, daily rate series and the
//! heatmap's colour ramp.
//!
//! Pure functions with no web types, so every rule the SVG components rely on is unit-tested
//! natively; the components in `ui::charts` only turn these numbers into elements.

use jiff::civil::{Date, DateTime};

/// Maps a continuous domain onto a pixel range (either direction).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct LinearScale {
    domain: (f64, f64),
    range: (f64, f64),
}

impl LinearScale {
    /// A zero-width domain maps everything to the start of the range rather than dividing by zero.
    pub fn new(domain: (f64, f64), range: (f64, f64)) -> Self {
        LinearScale { domain, range }
    }

    pub fn map(&self, value: f64) -> f64 {
        let (d0, d1) = self.domain;
        let (r0, r1) = self.range;
        let span = d1 - d0;
        if span == 0.0 || !span.is_finite() {
            return r0;
        }
        r0 + (value - d0) / span * (r1 - r0)
    }

    pub fn domain(&self) -> (f64, f64) {
        self.domain
    }
}

/// Splits a pixel range into `count` equal bands with a gap between them, for bar charts.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct BandScale {
    count: usize,
    range: (f64, f64),
    /// Share of each step left empty between bands, 0..1.
    gap_ratio: f64,
}

/// One band: where it starts and how wide it is, in range units.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Band {
    pub start: f64,
    pub width: f64,
}

impl Band {
    pub fn center(&self) -> f64 {
        self.start + self.width / 2.0
    }
}

impl BandScale {
    pub fn new(count: usize, range: (f64, f64), gap_ratio: f64) -> Self {
        BandScale { count, range, gap_ratio: gap_ratio.clamp(0.0, 0.95) }
    }

    /// The distance from one band's start to the next.
    pub fn step(&self) -> f64 {
        if self.count == 0 {
            return 0.0;
        }
        (self.range.1 - self.range.0) / self.count as f64
    }

    /// The band of item `index`, or `None` past the end.
    pub fn band(&self, index: usize) -> Option<Band> {
        if index >= self.count {
            return None;
        }
        let step = self.step();
        let gap = step * self.gap_ratio;
        Some(Band { start: self.range.0 + step * index as f64 + gap / 2.0, width: step - gap })
    }
}

/// A tick step of 1, 2 or 5 times a power of ten, close to `span / target_ticks`.
pub fn nice_step(span: f64, target_ticks: usize) -> f64 {
    if !span.is_finite() || span <= 0.0 {
        return 1.0;
    }
    let raw = span / target_ticks.max(1) as f64;
    let magnitude = 10f64.powf(raw.log10().floor());
    let fraction = raw / magnitude;
    let nice = if fraction <= 1.0 {
        1.0
    } else if fraction <= 2.0 {
        2.0
    } else if fraction <= 5.0 {
        5.0
    } else {
        10.0
    };
    nice * magnitude
}

/// Round-numbered ticks from at or below `min` to at or above `max`, about `target_ticks`
/// intervals apart. An empty or degenerate domain gives the ticks of `[min, min + 1]`.
pub fn nice_ticks(min: f64, max: f64, target_ticks: usize) -> Vec<f64> {
    let (min, max) = if !min.is_finite() || !max.is_finite() {
        (0.0, 1.0)
    } else if max <= min {
        (min, min + 1.0)
    } else {
        (min, max)
    };
    let step = nice_step(max - min, target_ticks);
    let first = (min / step).floor() as i64;
    let last = (max / step).ceil() as i64;
    // Multiplying the integer index (not adding steps) keeps 0.1 + 0.2 errors out of labels.
    (first..=last).map(|i| i as f64 * step).collect()
}

/// The tick list for a count axis starting at zero: the top tick covers the largest value.
pub fn count_ticks(max_count: f64, target_ticks: usize) -> Vec<f64> {
    nice_ticks(0.0, max_count.max(1.0), target_ticks)
}

/// One histogram bin, `[start, end)`; `end` is `None` for the open-ended last bin.
#[derive(Debug, Clone, PartialEq)]
pub struct Bin {
    pub start: f64,
    pub end: Option<f64>,
    pub count: u32,
    pub label: String,
}

/// Bin edges, in minutes, on a human clock: quarter hours, hours, a working day, days.
/// Callback times are heavily skewed (most in minutes, a few over a weekend), so equal-width
/// bins would put nearly everything in the first bar.
pub const MINUTE_BIN_EDGES: [f64; 10] = [0.0, 15.0, 30.0, 60.0, 120.0, 240.0, 480.0, 1440.0, 2880.0, 10080.0];

/// Counts minute values into the bins of `MINUTE_BIN_EDGES` (plus an open-ended bin past the
/// last edge). Bins past the largest value are dropped, so a fast team sees a short axis;
/// negative and non-finite values (clock skew in an export) are not counted. No values, no bins.
pub fn minute_histogram(minutes: &[f64]) -> Vec<Bin> {
    histogram_with_edges(minutes, &MINUTE_BIN_EDGES, format_minutes)
}

/// Counts values into `[edges[i], edges[i+1])`, with a last bin `[edges[last], ∞)`. Values
/// below the first edge or not finite are skipped. Trailing empty bins are dropped.
pub fn histogram_with_edges(values: &[f64], edges: &[f64], format: fn(f64) -> String) -> Vec<Bin> {
    let counted: Vec<f64> = values.iter().copied().filter(|v| v.is_finite()).collect();
    let Some(&first_edge) = edges.first() else {
        return Vec::new();
    };
    if counted.iter().all(|&v| v < first_edge) {
        return Vec::new();
    }
    let mut bins: Vec<Bin> = edges
        .iter()
        .enumerate()
        .map(|(i, &start)| {
            let end = edges.get(i + 1).copied();
            let label = match end {
                Some(end) => format!("{}–{}", format(start), format(end)),
                None => format!("{}+", format(start)),
            };
            Bin { start, end, count: 0, label }
        })
        .collect();
    for value in counted {
        if value < first_edge {
            continue;
        }
        // The last bin whose start is at or below the value.
        let index = edges.partition_point(|&edge| edge <= value) - 1;
        bins[index].count += 1;
    }
    while bins.last().is_some_and(|b| b.count == 0) {
        bins.pop();
    }
    bins
}

/// "45m", "2h", "1d", "1w": the shortest exact label for a whole number of minutes.
pub fn format_minutes(minutes: f64) -> String {
    let whole = minutes.round() as i64;
    if whole != 0 && whole % 10080 == 0 {
        format!("{}w", whole / 10080)
    } else if whole != 0 && whole % 1440 == 0 {
        format!("{}d", whole / 1440)
    } else if whole != 0 && whole % 60 == 0 {
        format!("{}h", whole / 60)
    } else {
        format!("{whole}m")
    }
}

/// Weekday (Monday = 0) by local hour counts, as `[weekday][hour]`.
#[derive(Debug, Clone, PartialEq)]
pub struct Heatmap {
    pub cells: [[u32; 24]; 7],
}

pub const WEEKDAY_NAMES: [&str; 7] = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];

impl Heatmap {
    /// Counts `(weekday, hour)` pairs (Monday = 0, hours 0..24, both local to the business).
    /// Out-of-range pairs are skipped rather than panicking.
    pub fn from_pairs(pairs: impl IntoIterator<Item = (u8, u8)>) -> Heatmap {
        let mut cells = [[0u32; 24]; 7];
        for (weekday, hour) in pairs {
            if let Some(cell) = cells.get_mut(usize::from(weekday)).and_then(|row| row.get_mut(usize::from(hour))) {
                *cell += 1;
            }
        }
        Heatmap { cells }
    }

    pub fn max(&self) -> u32 {
        self.cells.iter().flatten().copied().max().unwrap_or(0)
    }

    pub fn total(&self) -> u32 {
        self.cells.iter().flatten().sum()
    }

    /// The busiest cell as `(weekday, hour, count)`; the earliest wins a tie. `None` when empty.
    pub fn busiest(&self) -> Option<(usize, usize, u32)> {
        let mut best: Option<(usize, usize, u32)> = None;
        for (day, row) in self.cells.iter().enumerate() {
            for (hour, &count) in row.iter().enumerate() {
                if count > 0 && best.is_none_or(|(_, _, top)| count > top) {
                    best = Some((day, hour, count));
                }
            }
        }
        best
    }
}

/// An sRGB colour, written as `#rrggbb` in SVG.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rgb(pub u8, pub u8, pub u8);

impl Rgb {
    pub fn hex(self) -> String {
        format!("#{:02x}{:02x}{:02x}", self.0, self.1, self.2)
    }

    /// Text on this fill should be white when the fill is dark (WCAG relative luminance).
    pub fn wants_light_text(self) -> bool {
        fn channel(c: u8) -> f64 {
            let c = f64::from(c) / 255.0;
            if c <= 0.03928 {
                c / 12.92
            } else {
                ((c + 0.055) / 1.055).powf(2.4)
            }
        }
        let luminance = 0.2126 * channel(self.0) + 0.7152 * channel(self.1) + 0.0722 * channel(self.2);
        luminance < 0.18
    }
}

/// The heatmap ramp: a pale neutral for zero, then light to dark blue by share of the maximum.
/// A sequential single-hue ramp stays readable for colour-blind readers and in grey print.
pub fn heat_color(count: u32, max: u32) -> Rgb {
    const EMPTY: Rgb = Rgb(0xf3, 0xf4, 0xf6);
    const LIGHT: Rgb = Rgb(0xdb, 0xea, 0xfe);
    const DARK: Rgb = Rgb(0x1e, 0x3a, 0x8a);
    if count == 0 || max == 0 {
        return EMPTY;
    }
    let t = (f64::from(count.min(max)) / f64::from(max)).clamp(0.0, 1.0);
    let mix = |a: u8, b: u8| (f64::from(a) + (f64::from(b) - f64::from(a)) * t).round() as u8;
    Rgb(mix(LIGHT.0, DARK.0), mix(LIGHT.1, DARK.1), mix(LIGHT.2, DARK.2))
}

/// What one counted call contributes to the daily rate series.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DayOutcome {
    /// The business-local date the call started.
    pub date: Date,
    /// The deadline has passed (`due_at <= now`): the call counts towards the stale rate.
    pub due: bool,
    /// Due, and no callback attempt by the deadline.
    pub stale: bool,
    pub booked: bool,
}

/// One day of the stale and booked rates; a rate is `None` when the day has nothing to divide by.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct DailyRate {
    pub date: Date,
    pub calls: u32,
    pub stale_rate: Option<f64>,
    pub booked_rate: Option<f64>,
}

/// One entry per day from `first` to `last` inclusive (an empty list when `last < first`),
/// with the TRIAGE.md definitions applied per day: stale over due calls, booked over calls.
/// Outcomes outside the range are ignored.
pub fn daily_rates(outcomes: &[DayOutcome], first: Date, last: Date) -> Vec<DailyRate> {
    let mut days = Vec::new();
    let mut date = first;
    while date <= last {
        let today: Vec<&DayOutcome> = outcomes.iter().filter(|o| o.date == date).collect();
        let due = today.iter().filter(|o| o.due).count();
        let stale = today.iter().filter(|o| o.due && o.stale).count();
        let booked = today.iter().filter(|o| o.booked).count();
        days.push(DailyRate {
            date,
            calls: today.len() as u32,
            stale_rate: fraction(stale, due),
            booked_rate: fraction(booked, today.len()),
        });
        match date.tomorrow() {
            Ok(next) => date = next,
            Err(_) => break,
        }
    }
    days
}

fn fraction(part: usize, whole: usize) -> Option<f64> {
    (whole > 0).then(|| part as f64 / whole as f64)
}

/// An SVG path through the points, lifting the pen over gaps (`None`), so a day with nothing
/// to measure shows as a break in the line rather than a made-up zero. A point between two
/// gaps gets a zero-length segment, which a round line cap draws as a dot.
pub fn line_path(points: &[Option<(f64, f64)>]) -> String {
    let mut path = String::new();
    let mut pen_down = false;
    for point in points {
        match point {
            Some((x, y)) => {
                let command = if pen_down { 'L' } else { 'M' };
                path.push_str(&format!("{command}{} {} ", round1(*x), round1(*y)));
                if !pen_down {
                    path.push_str(&format!("L{} {} ", round1(*x), round1(*y)));
                }
                pen_down = true;
            }
            None => pen_down = false,
        }
    }
    path.trim_end().to_owned()
}

fn round1(value: f64) -> f64 {
    (value * 10.0).round() / 10.0
}

const MONTH_NAMES: [&str; 12] = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

fn month_name(date: Date) -> &'static str {
    MONTH_NAMES.get(usize::from(date.month().unsigned_abs()).saturating_sub(1)).copied().unwrap_or("?")
}

/// "Nov 2": short enough for an axis label at sidebar width.
pub fn short_date(date: Date) -> String {
    format!("{} {}", month_name(date), date.day())
}

/// "Tue 24 Nov 14:05": when a call came in, as the queue and the call detail show it. Written
/// out from the fields rather than with `strftime`, whose formatter would otherwise be the only
/// user of jiff's strtime code in what the app loads first.
pub fn weekday_date_time(local: DateTime) -> String {
    let weekday = WEEKDAY_NAMES[usize::from(local.weekday().to_monday_zero_offset().unsigned_abs()) % 7];
    format!("{weekday} {} {} {:02}:{:02}", local.day(), month_name(local.date()), local.hour(), local.minute())
}

/// "42%" for 0.42; "–" for no value, so a chart never shows a made-up zero.
pub fn format_percent(rate: Option<f64>) -> String {
    match rate {
        Some(r) if r.is_finite() => format!("{}%", (r * 100.0).round() as i64),
        _ => "–".to_owned(),
    }
}

/// Tick labels without trailing ".0", and without float noise like 0.30000000000000004.
pub fn format_tick(value: f64) -> String {
    let rounded = (value * 1000.0).round() / 1000.0;
    if rounded.fract() == 0.0 {
        format!("{}", rounded as i64)
    } else {
        let text = format!("{rounded:.3}");
        text.trim_end_matches('0').trim_end_matches('.').to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    #[test]
    fn linear_scale_maps_domain_ends_to_range_ends_even_inverted() {
        let y = LinearScale::new((0.0, 10.0), (100.0, 0.0));
        assert_eq!(y.map(0.0), 100.0);
        assert_eq!(y.map(10.0), 0.0);
        assert_eq!(y.map(5.0), 50.0);
    }

    #[test]
    fn zero_width_domain_maps_to_range_start_instead_of_nan() {
        let scale = LinearScale::new((3.0, 3.0), (0.0, 200.0));
        assert_eq!(scale.map(3.0), 0.0);
    }

    #[test]
    fn bands_split_the_range_evenly_with_gaps_inside() {
        let bands = BandScale::new(4, (0.0, 400.0), 0.2);
        let first = bands.band(0).unwrap();
        let last = bands.band(3).unwrap();
        assert_eq!(bands.step(), 100.0);
        assert_eq!(first.width, 80.0);
        assert_eq!(first.start, 10.0);
        assert_eq!(last.start + last.width, 390.0);
        assert_eq!(bands.band(4), None);
    }

    #[test]
    fn nice_steps_are_one_two_or_five_times_a_power_of_ten() {
        assert_eq!(nice_step(100.0, 5), 20.0);
        assert_eq!(nice_step(7.0, 5), 2.0);
        assert_eq!(nice_step(0.9, 5), 0.2);
        assert_eq!(nice_step(1000.0, 4), 500.0);
    }

    #[test]
    fn nice_ticks_cover_the_domain() {
        for (min, max) in [(0.0, 97.0), (3.0, 41.0), (0.0, 0.73), (-12.0, 5.0), (0.0, 1.0), (12.5, 1234.0)] {
            let ticks = nice_ticks(min, max, 5);
            assert!(ticks[0] <= min, "{ticks:?} starts after {min}");
            assert!(*ticks.last().unwrap() >= max, "{ticks:?} ends before {max}");
            assert!(ticks.len() >= 2 && ticks.len() <= 12, "{ticks:?}");
            assert!(ticks.windows(2).all(|w| w[1] > w[0]));
        }
    }

    #[test]
    fn nice_ticks_are_round_numbers_without_float_noise() {
        assert_eq!(nice_ticks(0.0, 0.7, 5), vec![0.0, 0.2, 0.4, 0.6000000000000001, 0.8]);
        assert_eq!(format_tick(0.6000000000000001), "0.6");
        assert_eq!(nice_ticks(0.0, 97.0, 5), vec![0.0, 20.0, 40.0, 60.0, 80.0, 100.0]);
    }

    #[test]
    fn degenerate_domain_still_gets_an_axis() {
        assert_eq!(nice_ticks(0.0, 0.0, 5).first(), Some(&0.0));
        assert!(nice_ticks(0.0, 0.0, 5).len() >= 2);
        assert!(nice_ticks(f64::NAN, 3.0, 5).len() >= 2);
        assert_eq!(count_ticks(0.0, 4), vec![0.0, 0.5, 1.0]);
    }

    #[test]
    fn empty_distribution_has_no_bins() {
        assert!(minute_histogram(&[]).is_empty());
        assert!(minute_histogram(&[-5.0, f64::NAN]).is_empty());
    }

    #[test]
    fn minute_bins_follow_the_human_clock_and_stop_after_the_largest_value() {
        let bins = minute_histogram(&[0.0, 14.9, 15.0, 59.0, 61.0]);
        let labels: Vec<&str> = bins.iter().map(|b| b.label.as_str()).collect();
        assert_eq!(labels, ["0m–15m", "15m–30m", "30m–1h", "1h–2h"]);
        assert_eq!(bins.iter().map(|b| b.count).collect::<Vec<_>>(), [2, 1, 1, 1]);
    }

    #[test]
    fn minutes_past_the_last_edge_land_in_the_open_ended_bin() {
        let bins = minute_histogram(&[5.0, 20_000.0]);
        let last = bins.last().unwrap();
        assert_eq!(last.label, "1w+");
        assert_eq!(last.end, None);
        assert_eq!(last.count, 1);
        assert_eq!(bins.iter().map(|b| b.count).sum::<u32>(), 2);
    }

    #[test]
    fn negative_minutes_are_not_counted() {
        let bins = minute_histogram(&[-3.0, 10.0]);
        assert_eq!(bins.iter().map(|b| b.count).sum::<u32>(), 1);
    }

    #[test]
    fn minute_labels_use_the_largest_exact_unit() {
        assert_eq!(format_minutes(45.0), "45m");
        assert_eq!(format_minutes(120.0), "2h");
        assert_eq!(format_minutes(1440.0), "1d");
        assert_eq!(format_minutes(10080.0), "1w");
        assert_eq!(format_minutes(0.0), "0m");
    }

    #[test]
    fn heatmap_counts_pairs_and_skips_out_of_range_ones() {
        let map = Heatmap::from_pairs([(0, 9), (0, 9), (6, 23), (7, 1), (2, 24)]);
        assert_eq!(map.cells[0][9], 2);
        assert_eq!(map.cells[6][23], 1);
        assert_eq!(map.total(), 3);
        assert_eq!(map.max(), 2);
        assert_eq!(map.busiest(), Some((0, 9, 2)));
        assert_eq!(Heatmap::from_pairs([]).busiest(), None);
    }

    #[test]
    fn heat_color_darkens_with_count_and_zero_is_neutral() {
        let empty = heat_color(0, 10);
        let low = heat_color(1, 10);
        let high = heat_color(10, 10);
        assert_ne!(empty, low);
        assert!(high.0 < low.0 && high.1 < low.1 && high.2 < low.2);
        assert_eq!(heat_color(50, 10), high);
        assert!(high.wants_light_text());
        assert!(!empty.wants_light_text());
        assert_eq!(Rgb(0x1e, 0x3a, 0x8a).hex(), "#1e3a8a");
    }

    #[test]
    fn daily_rates_have_one_entry_per_day_and_no_rate_without_a_denominator() {
        let outcome = |d, due, stale, booked| DayOutcome { date: d, due, stale, booked };
        let outcomes = [
            outcome(date(2026, 11, 2), true, true, false),
            outcome(date(2026, 11, 2), true, false, true),
            outcome(date(2026, 11, 4), false, false, false),
            outcome(date(2026, 12, 1), true, true, true),
        ];
        let days = daily_rates(&outcomes, date(2026, 11, 2), date(2026, 11, 4));
        assert_eq!(days.len(), 3);
        assert_eq!(days[0].calls, 2);
        assert_eq!(days[0].stale_rate, Some(0.5));
        assert_eq!(days[0].booked_rate, Some(0.5));
        assert_eq!(days[1].calls, 0);
        assert_eq!(days[1].stale_rate, None);
        assert_eq!(days[1].booked_rate, None);
        assert_eq!(days[2].stale_rate, None, "not yet due is not stale");
        assert_eq!(days[2].booked_rate, Some(0.0));
        assert!(daily_rates(&outcomes, date(2026, 11, 4), date(2026, 11, 2)).is_empty());
    }

    #[test]
    fn line_path_lifts_the_pen_over_days_without_a_value() {
        let path = line_path(&[Some((0.0, 10.0)), Some((10.0, 20.04)), None, Some((30.0, 5.0)), Some((40.0, 0.0))]);
        assert_eq!(path, "M0 10 L0 10 L10 20 M30 5 L30 5 L40 0");
        assert_eq!(line_path(&[None, None]), "");
    }

    #[test]
    fn a_call_time_reads_weekday_day_month_and_minutes() {
        let local: DateTime = "2026-11-24T09:05:59".parse().unwrap();
        assert_eq!(weekday_date_time(local), "Tue 24 Nov 09:05");
    }

    #[test]
    fn short_dates_name_the_month() {
        assert_eq!(short_date(date(2026, 11, 2)), "Nov 2");
    }

    #[test]
    fn percent_labels_never_invent_a_zero() {
        assert_eq!(format_percent(Some(0.425)), "43%");
        assert_eq!(format_percent(None), "–");
    }
}
