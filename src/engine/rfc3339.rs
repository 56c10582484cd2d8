//! RFC 3339 times and dates read without jiff's parser, for the code every start runs.
//!
//! jiff's parser reads far more than RFC 3339 (ISO 8601's basic format, minutes without
//! seconds, RFC 9557's annotations, six-digit years), and an `expect` inside it links all of
//! jiff's error texts and their formatting into every wasm module that calls it. Reading the
//! app's own times here (when an action happened, when the last sync ended, a queue row's
//! deadline) took 38 KB (gzipped) off the app's first paint and 46 KB off the sidebar's
//! (2026-12-02); reading a bundle's times and dates here (`bundle::Instant`, `bundle::IsoDate`)
//! took them out of the chunks a first start fetches (issue 16).
//!
//! [`parse`] reads exactly RFC 3339's `date-time` (section 5.6, with `t`, `z` and a space as
//! its note allows) and gives jiff's answer for every text of that grammar: the same instant,
//! the same refusals (a day the month does not have, hour 24, more than nine fraction digits,
//! an offset past jiff's ±25:59, an instant outside jiff's range), a leap second read as the
//! second before it, as jiff does. [`parse_full_date`] reads its `full-date`, `YYYY-MM-DD`.
//! The tests compare both with jiff on generated texts of the grammar. Text outside the
//! grammar is `None` here even where jiff would read it.

use jiff::civil::{Date, DateTime, Time};
use jiff::tz::Offset;
use jiff::Timestamp;

/// `YYYY-MM-DD` `T`|`t`|` ` `hh:mm:ss` [`.` fraction] `Z`|`z`|`±hh:mm`, as jiff reads it.
pub fn parse(text: &str) -> Option<Timestamp> {
    let (head, rest) = text.as_bytes().split_at_checked(19)?;
    let separators_in_place = head[4] == b'-'
        && head[7] == b'-'
        && matches!(head[10], b'T' | b't' | b' ')
        && head[13] == b':'
        && head[16] == b':';
    if !separators_in_place {
        return None;
    }
    let field = |at: usize, len: usize| number(&head[at..at + len]);
    let (year, month, day) = (field(0, 4)?, field(5, 2)?, field(8, 2)?);
    let (hour, minute, second) = (field(11, 2)?, field(14, 2)?, field(17, 2)?);
    let (nanosecond, rest) = fraction(rest)?;
    let offset = offset_seconds(rest)?;
    // jiff reads a leap second as the last second of its minute.
    let second = if second == 60 { 59 } else { second };
    // The fields are at most four digits, so the narrowing casts cannot wrap; jiff's
    // constructors check the ranges (and a date's day in its month) as its parser does.
    let date = Date::new(year as i16, month as i8, day as i8).ok()?;
    let time = Time::new(hour as i8, minute as i8, second as i8, nanosecond).ok()?;
    Offset::from_seconds(offset).ok()?.to_timestamp(DateTime::from_parts(date, time)).ok()
}

/// `YYYY-MM-DD`, a day the month has, as jiff reads it.
pub fn parse_full_date(text: &str) -> Option<Date> {
    let b = text.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let (year, month, day) = (number(&b[..4])?, number(&b[5..7])?, number(&b[8..])?);
    // Four and two digits: the narrowing casts cannot wrap; `Date::new` checks the ranges.
    Date::new(year as i16, month as i8, day as i8).ok()
}

/// The value of a run of ASCII digits (at most four here), `None` if any byte is not one.
fn number(digits: &[u8]) -> Option<i32> {
    digits.iter().try_fold(0, |value, byte| byte.is_ascii_digit().then(|| value * 10 + i32::from(byte - b'0')))
}

/// An optional `.` and one to nine digits, as nanoseconds, and what follows them. A tenth
/// digit is left for the offset, which refuses it: jiff reads no more than nine either.
fn fraction(rest: &[u8]) -> Option<(i32, &[u8])> {
    let Some(digits) = rest.strip_prefix(b".") else { return Some((0, rest)) };
    let count = digits.iter().take(9).take_while(|b| b.is_ascii_digit()).count();
    if count == 0 {
        return None;
    }
    let value = number(&digits[..count])?;
    let scale = 10_i32.pow(9 - count as u32);
    Some((value * scale, &digits[count..]))
}

/// The whole rest: `Z`, `z` or `±hh:mm` with hours up to 25 and minutes up to 59, in seconds
/// east of UTC (`-00:00`, RFC 3339's unknown offset, is UTC, as in jiff).
fn offset_seconds(rest: &[u8]) -> Option<i32> {
    match rest {
        [b'Z' | b'z'] => Some(0),
        [sign @ (b'+' | b'-'), h1, h2, b':', m1, m2] => {
            let (hours, minutes) = (number(&[*h1, *h2])?, number(&[*m1, *m2])?);
            if hours > 25 || minutes > 59 {
                return None;
            }
            let seconds = hours * 3600 + minutes * 60;
            Some(if *sign == b'-' { -seconds } else { seconds })
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    fn jiff(text: &str) -> Option<Timestamp> {
        text.parse().ok()
    }

    #[test]
    fn reads_what_the_app_writes_and_rfc_3339s_examples() {
        for text in [
            "2026-11-24T21:00:00Z",
            "2026-11-24T21:59:58.123Z",
            "2026-11-24T15:00:00-06:00",
            "1985-04-12T23:20:50.52Z",
            "1996-12-19T16:39:57-08:00",
            "1990-12-31T23:59:60Z",
            "1990-12-31T15:59:60-08:00",
            "1937-01-01T12:00:27.87+00:20",
            "2026-11-24t21:00:00z",
            "2026-11-24 21:00:00-00:00",
            "0000-01-01T00:00:00+25:59",
            "2024-02-29T00:00:00.000000001Z",
        ] {
            assert_eq!(parse(text), jiff(text), "{text}");
            assert!(parse(text).is_some(), "{text}");
        }
    }

    #[test]
    fn refuses_what_jiff_refuses_in_the_grammar() {
        for text in [
            "2026-02-29T00:00:00Z",
            "2026-13-01T00:00:00Z",
            "2026-00-10T00:00:00Z",
            "2026-11-31T00:00:00Z",
            "2026-11-24T24:00:00Z",
            "2026-11-24T23:60:00Z",
            "2026-11-24T23:59:61Z",
            "2026-11-24T23:59:59.1234567891Z",
            "2026-11-24T23:59:59.Z",
            "2026-11-24T23:59:59+26:00",
            "2026-11-24T23:59:59+05:60",
            "9999-12-31T23:59:59Z",
        ] {
            assert_eq!(parse(text), None, "{text}");
            assert_eq!(jiff(text), None, "{text}");
        }
    }

    /// Forms jiff reads that RFC 3339 does not have: `None` here, brought to RFC 3339 by
    /// `workflow::when_as_logged` before a log holds them.
    #[test]
    fn leaves_jiffs_wider_forms_alone() {
        for text in [
            "20261124T210000Z",
            "2026-11-24T21:00Z",
            "2026-11-24T21Z",
            "2026-11-24T21:00:00,5Z",
            "2026-11-24T21:00:00+05",
            "2026-11-24T21:00:00+0530",
            "2026-11-24T21:00:00+05:30:15",
            "2026-11-24T21:00:00Z[UTC]",
            "2026-11-24T21:00:00-06:00[America/Chicago]",
            "+002026-11-24T21:00:00Z",
        ] {
            assert!(jiff(text).is_some(), "{text}");
            assert_eq!(parse(text), None, "{text}");
        }
    }

    #[test]
    fn a_full_date_is_the_day_jiff_reads() {
        assert_eq!(parse_full_date("2026-12-25"), Some(jiff::civil::date(2026, 12, 25)));
        assert_eq!(parse_full_date("2024-02-29"), Some(jiff::civil::date(2024, 2, 29)));
    }

    #[test]
    fn a_full_date_the_calendar_lacks_or_of_another_shape_is_refused() {
        for text in [
            "2026-02-29",
            "2026-13-01",
            "2026-00-10",
            "2026-12-32",
            "20261225",
            "2026-12-25T00",
            "+2026-12-25",
            "2026-1-25",
        ] {
            assert_eq!(parse_full_date(text), None, "{text}");
        }
    }

    /// Texts of RFC 3339's shape with every field anywhere in its digits' range.
    fn shaped_text() -> impl Strategy<Value = String> {
        let fraction = prop::option::of("[0-9]{0,11}").prop_map(|f| f.map(|f| format!(".{f}")).unwrap_or_default());
        let offset = prop_oneof![
            Just("Z".to_owned()),
            Just("z".to_owned()),
            ("[+-]", 0..=99_u32, 0..=99_u32).prop_map(|(sign, h, m)| format!("{sign}{h:02}:{m:02}")),
        ];
        (
            (0..=9999_u32, 0..=13_u32, 0..=32_u32, prop::sample::select(vec!['T', 't', ' '])),
            (0..=25_u32, 0..=61_u32, 0..=61_u32),
            fraction,
            offset,
        )
            .prop_map(|((y, mo, d, sep), (h, mi, s), fraction, offset)| {
                format!("{y:04}-{mo:02}-{d:02}{sep}{h:02}:{mi:02}:{s:02}{fraction}{offset}")
            })
    }

    proptest! {
        // `parse` answers for jiff's parser in the first paint, so it gets many cases.
        #![proptest_config(ProptestConfig::with_cases(20_000))]

        #[test]
        fn agrees_with_jiff_on_rfc_3339s_grammar(text in shaped_text()) {
            prop_assert_eq!(parse(&text), jiff(&text), "{}", text);
        }

        #[test]
        fn agrees_with_jiff_on_its_alphabet_or_reads_nothing(text in "[0-9:Tt Zz+.,-]{0,32}") {
            if let Some(ours) = parse(&text) {
                prop_assert_eq!(Some(ours), jiff(&text), "{}", text);
            }
        }

        #[test]
        fn a_full_date_agrees_with_jiff((y, m, d) in (0..=9999_u32, 0..=13_u32, 0..=32_u32)) {
            let text = format!("{y:04}-{m:02}-{d:02}");
            prop_assert_eq!(parse_full_date(&text), text.parse::<Date>().ok(), "{}", text);
        }

        #[test]
        fn reads_what_timestamps_display_writes(
            second in Timestamp::MIN.as_second()..=Timestamp::MAX.as_second(),
            nanosecond in prop_oneof![Just(0), 0..1_000_000_000_i32],
            offset_minutes in -(25 * 60 + 59)..=(25 * 60 + 59_i32),
        ) {
            let Ok(at) = Timestamp::new(second, nanosecond) else { return Ok(()) };
            let written = at.to_string();
            if written.len() >= 20 && !written.starts_with(['+', '-']) {
                prop_assert_eq!(parse(&written), Some(at), "{}", written);
            }
            let offset = Offset::from_seconds(offset_minutes * 60).unwrap();
            let with_offset = at.display_with_offset(offset).to_string();
            if !with_offset.starts_with(['+', '-']) {
                prop_assert_eq!(parse(&with_offset), jiff(&with_offset), "{}", with_offset);
            }
        }
    }
}
