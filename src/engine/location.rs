//! Postal codes a caller says in a voicemail (rule 9: territory routing).
//!
//! Voicemails are full of five-digit numbers that are not ZIP codes: street numbers
//! ("12345 Oak Street"), pieces of phone numbers, prices, model and invoice numbers. So a
//! US ZIP (`80202`, `80202-1234`) counts only with a cue:
//! - "zip", "zip code", "postal code", "postcode" up to four words before it;
//! - "I'm in", "we're in", "located in", "live in" up to two words before it;
//! - right after a state name or an upper-case state abbreviation ("Denver, CO 80202",
//!   "Colorado 80202"), or after a capitalized city and a comma ("Denver, 80202");
//! - at the end of its sentence, with a street suffix ("Street", "Ave", "Rd") in the eight
//!   words before it: the last part of an address.
//!
//! It never counts when a street suffix or unit ("Street", "Apt") follows within three
//! words, when a unit of measure or money follows ("dollars", "percent", "feet"), when `$`
//! precedes it, or when it is glued to other digits by `-`, `.` or `)`. Outside the US (and
//! its territories) only the explicit "zip"/"postal code" cue counts for five digits. A
//! Canadian code (`M5V 3L9`, `m5v3l9`; valid letters only) is specific enough to count
//! anywhere; it is reported in upper case with one space. After an explicit cue, five
//! spoken single digits ("8 0 2 0 2") are a ZIP too. The first code in the transcript wins.

use super::bundle::CountryCode;
use super::transcript::{Evidence, Span, Transcript};

/// A word of the transcript: letters, digits and inner apostrophes.
#[derive(Debug, Clone, Copy)]
struct Word<'t> {
    span: Span,
    text: &'t str,
}

impl Word<'_> {
    /// ASCII-case-insensitive equality with a lower-case word; ’ equals '.
    fn is(&self, lower: &str) -> bool {
        if self.text.len() == lower.len() {
            return self.text.eq_ignore_ascii_case(lower);
        }
        // Only a typographic apostrophe (3 bytes for 1) makes an equal word longer.
        if self.text.len() < lower.len() + 2 {
            return false;
        }
        let mut expected = lower.chars();
        self.text.contains('\u{2019}')
            && self.text.chars().all(|c| {
                let c = if c == '\u{2019}' { '\'' } else { c.to_ascii_lowercase() };
                expected.next() == Some(c)
            })
            && expected.next().is_none()
    }

    fn is_digits(&self, len: usize) -> bool {
        self.text.len() == len && self.text.bytes().all(|b| b.is_ascii_digit())
    }
}

const ZIP_CUES: &[&str] = &["zip", "zipcode", "postal", "postcode"];
const IN_CUES: &[&[&str]] = &[
    &["i'm", "in"],
    &["im", "in"],
    &["i", "am", "in"],
    &["we're", "in"],
    &["we", "are", "in"],
    &["located", "in"],
    &["live", "in"],
    &["house", "is", "in"],
];
const STREET_SUFFIXES: &[&str] = &[
    "street",
    "st",
    "avenue",
    "ave",
    "road",
    "rd",
    "drive",
    "dr",
    "lane",
    "ln",
    "court",
    "ct",
    "boulevard",
    "blvd",
    "way",
    "place",
    "pl",
    "circle",
    "cir",
    "terrace",
    "parkway",
    "pkwy",
    "highway",
    "hwy",
    "trail",
    "apt",
    "apartment",
    "suite",
    "unit",
];
const NOT_A_CODE_AFTER: &[&str] = &[
    "dollars", "dollar", "bucks", "cents", "percent", "square", "sq", "feet", "ft", "foot", "btu", "btus", "miles",
    "mile", "pounds", "lbs", "gallons", "gallon", "watts", "volts", "amps", "degrees", "k",
];
const STATE_NAMES: &[&str] = &[
    "alabama",
    "alaska",
    "arizona",
    "arkansas",
    "california",
    "colorado",
    "connecticut",
    "delaware",
    "florida",
    "georgia",
    "hawaii",
    "idaho",
    "illinois",
    "indiana",
    "iowa",
    "kansas",
    "kentucky",
    "louisiana",
    "maine",
    "maryland",
    "massachusetts",
    "michigan",
    "minnesota",
    "mississippi",
    "missouri",
    "montana",
    "nebraska",
    "nevada",
    "hampshire",
    "jersey",
    "mexico",
    "york",
    "carolina",
    "dakota",
    "ohio",
    "oklahoma",
    "oregon",
    "pennsylvania",
    "island",
    "tennessee",
    "texas",
    "utah",
    "vermont",
    "virginia",
    "washington",
    "wisconsin",
    "wyoming",
    "columbia",
    "rico",
];
const STATE_ABBREVIATIONS: &[&str] = &[
    "AL", "AK", "AZ", "AR", "CA", "CO", "CT", "DE", "FL", "GA", "HI", "ID", "IL", "IN", "IA", "KS", "KY", "LA", "ME",
    "MD", "MA", "MI", "MN", "MS", "MO", "MT", "NE", "NV", "NH", "NJ", "NM", "NY", "NC", "ND", "OH", "OK", "OR", "PA",
    "RI", "SC", "SD", "TN", "TX", "UT", "VT", "VA", "WA", "WV", "WI", "WY", "DC", "PR",
];
/// Regions whose postal codes are US ZIP codes.
const ZIP_REGIONS: &[&str] = &["US", "PR", "GU", "VI", "AS", "MP"];

pub fn spoken_postal_code(t: &Transcript<'_>, country: &CountryCode) -> Option<(String, Evidence)> {
    let text = t.text();
    if !may_hold_a_code(text) {
        return None;
    }
    let words = words_of(text);
    let zip_country = ZIP_REGIONS.contains(&country.as_str());
    for i in 0..words.len() {
        let found = canadian_code_at(&words, i)
            .or_else(|| us_zip_at(text, &words, i, zip_country))
            .or_else(|| spoken_digits_after_cue(text, &words, i));
        if let Some((code, span)) = found {
            return Evidence::quoted(t, span, "postal_code").map(|evidence| (code, evidence));
        }
    }
    None
}

/// Cheap byte test before any word work: a run of exactly five digits, a letter-digit-letter
/// triple (Canadian), or single digits that might be spelled out after "zip"/"postal".
fn may_hold_a_code(text: &str) -> bool {
    let bytes = text.as_bytes();
    let mut run = 0;
    let mut single_digits = 0;
    for (i, &b) in bytes.iter().enumerate() {
        if b.is_ascii_digit() {
            run += 1;
            let next_is_digit = bytes.get(i + 1).is_some_and(u8::is_ascii_digit);
            if !next_is_digit && run == 5 {
                return true;
            }
            if !next_is_digit && run == 1 {
                single_digits += 1;
            }
            let canadian_triple = i >= 1
                && bytes[i - 1].is_ascii_alphabetic()
                && bytes.get(i + 1).is_some_and(u8::is_ascii_alphabetic)
                && (i < 2 || !bytes[i - 2].is_ascii_alphanumeric());
            if canadian_triple {
                return true;
            }
        } else {
            run = 0;
        }
    }
    single_digits >= 5
}

fn words_of(text: &str) -> Vec<Word<'_>> {
    // Most transcripts are ASCII: each byte is its char, read without decoding.
    if text.is_ascii() {
        words_from(text, text.bytes().map(char::from).enumerate())
    } else {
        words_from(text, text.char_indices())
    }
}

/// The words of `text`, read from its chars and their byte offsets.
fn words_from<'t>(text: &'t str, chars: impl Iterator<Item = (usize, char)>) -> Vec<Word<'t>> {
    let mut words = Vec::new();
    let mut start: Option<usize> = None;
    let mut chars = chars.peekable();
    while let Some((at, c)) = chars.next() {
        let next_is_word = chars.peek().is_some_and(|&(_, n)| n.is_alphanumeric());
        let inner_apostrophe = (c == '\'' || c == '\u{2019}') && start.is_some() && next_is_word;
        if c.is_alphanumeric() || inner_apostrophe {
            start.get_or_insert(at);
        } else if let Some(s) = start.take() {
            words.push(Word { span: Span { start: s, end: at }, text: &text[s..at] });
        }
    }
    if let Some(s) = start {
        words.push(Word { span: Span { start: s, end: text.len() }, text: &text[s..] });
    }
    words
}

/// `A1A 1A1` or `A1A1A1` starting at word `i`.
fn canadian_code_at(words: &[Word<'_>], i: usize) -> Option<(String, Span)> {
    const FIRST_LETTERS: &str = "ABCEGHJKLMNPRSTVXY";
    const NEVER_LETTERS: &str = "DFIOQU";
    let shape_ok = |code: &[u8]| {
        code.len() == 6
            && code
                .iter()
                .enumerate()
                .all(|(k, b)| if k % 2 == 0 { b.is_ascii_alphabetic() } else { b.is_ascii_digit() })
            && FIRST_LETTERS.contains(code[0].to_ascii_uppercase() as char)
            && !NEVER_LETTERS.contains(code[2].to_ascii_uppercase() as char)
            && !NEVER_LETTERS.contains(code[4].to_ascii_uppercase() as char)
    };
    let word = words.get(i)?;
    let mut joined = [0u8; 6];
    let span = if word.text.len() == 6 {
        joined.copy_from_slice(word.text.as_bytes());
        word.span
    } else {
        let next = words.get(i + 1)?;
        let single_space = next.span.start == word.span.end + 1;
        if word.text.len() != 3 || next.text.len() != 3 || !single_space {
            return None;
        }
        joined[..3].copy_from_slice(word.text.as_bytes());
        joined[3..].copy_from_slice(next.text.as_bytes());
        Span { start: word.span.start, end: next.span.end }
    };
    if !shape_ok(&joined) {
        return None;
    }
    let upper: String = joined.iter().map(|b| b.to_ascii_uppercase() as char).collect();
    Some((format!("{} {}", &upper[..3], &upper[3..]), span))
}

/// A five-digit ZIP (optionally `-1234`) at word `i` that has a cue and is not something else.
fn us_zip_at(text: &str, words: &[Word<'_>], i: usize, zip_country: bool) -> Option<(String, Span)> {
    let word = &words[i];
    if !word.is_digits(5) {
        return None;
    }
    let before = &text[..word.span.start];
    let after = &text[word.span.end..];
    let glued_before = before.ends_with('$')
        || (before.ends_with(['-', '.', ')', '/', ','])
            && before[..before.len() - 1].ends_with(|c: char| c.is_ascii_digit()));
    let plus_four = after.len() >= 5
        && after.as_bytes()[0] == b'-'
        && after.as_bytes()[1..5].iter().all(u8::is_ascii_digit)
        && !after.as_bytes().get(5).is_some_and(u8::is_ascii_alphanumeric);
    let glued_after = !plus_four
        && after.len() >= 2
        && matches!(after.as_bytes()[0], b'-' | b'.' | b'/' | b',')
        && after.as_bytes()[1].is_ascii_digit();
    if glued_before || glued_after || after.starts_with('%') {
        return None;
    }
    let following = &words[i + 1..words.len().min(i + 4)];
    if following.first().is_some_and(|w| NOT_A_CODE_AFTER.iter().any(|u| w.is(u)))
        || following.iter().any(|w| STREET_SUFFIXES.iter().any(|s| w.is(s)))
    {
        return None;
    }
    let cued = has_zip_cue(text, words, i)
        || (zip_country
            && (has_in_cue(text, words, i)
                || follows_state_or_city(text, words, i)
                || ends_an_address(text, words, i)));
    if !cued {
        return None;
    }
    let end = if plus_four { word.span.end + 5 } else { word.span.end };
    Some((text[word.span.start..end].to_owned(), Span { start: word.span.start, end }))
}

/// No sentence break between two byte offsets.
fn same_sentence(text: &str, from: usize, to: usize) -> bool {
    text.get(from..to).is_some_and(|gap| !gap.contains(['.', '!', '?', '\n', ';']))
}

/// "zip", "zip code", "postal code" up to four words before word `i`.
fn has_zip_cue(text: &str, words: &[Word<'_>], i: usize) -> bool {
    words[i.saturating_sub(4)..i]
        .iter()
        .any(|w| ZIP_CUES.iter().any(|cue| w.is(cue)) && same_sentence(text, w.span.end, words[i].span.start))
}

/// "I'm in", "we're in", "located in" ending at most two words before word `i`.
fn has_in_cue(text: &str, words: &[Word<'_>], i: usize) -> bool {
    (0..=2).any(|gap| {
        let Some(cue_end) = i.checked_sub(gap) else { return false };
        IN_CUES.iter().any(|cue| {
            cue_end >= cue.len()
                && cue.iter().zip(&words[cue_end - cue.len()..cue_end]).all(|(c, w)| w.is(c))
                && same_sentence(text, words[cue_end - 1].span.end, words[i].span.start)
        })
    })
}

/// Right after a state ("Colorado 80202", "CO 80202") or a capitalized city and a comma.
fn follows_state_or_city(text: &str, words: &[Word<'_>], i: usize) -> bool {
    let Some(previous) = i.checked_sub(1).map(|p| &words[p]) else { return false };
    let gap = &text[previous.span.end..words[i].span.start];
    if !gap.chars().all(|c| c.is_whitespace() || c == ',') {
        return false;
    }
    let is_state = STATE_NAMES.iter().any(|s| previous.is(s)) || STATE_ABBREVIATIONS.contains(&previous.text);
    let is_city_comma = gap.contains(',')
        && previous.text.chars().count() >= 3
        && previous.text.chars().next().is_some_and(char::is_uppercase)
        && previous.text.chars().all(char::is_alphabetic);
    is_state || is_city_comma
}

/// The last word of its sentence, with a street suffix in the eight words before it.
fn ends_an_address(text: &str, words: &[Word<'_>], i: usize) -> bool {
    let sentence_ends = match words.get(i + 1) {
        None => true,
        Some(next) => !same_sentence(text, words[i].span.end, next.span.start),
    };
    sentence_ends
        && words[i.saturating_sub(8)..i]
            .iter()
            .any(|w| STREET_SUFFIXES.iter().any(|s| w.is(s)) && same_sentence(text, w.span.end, words[i].span.start))
}

/// "zip code is 8 0 2 0 2": five single spoken digits right after an explicit cue.
fn spoken_digits_after_cue(text: &str, words: &[Word<'_>], i: usize) -> Option<(String, Span)> {
    if !words[i].is_digits(1) || !has_zip_cue(text, words, i) {
        return None;
    }
    let digits = words.get(i..i + 5)?;
    let spaced = digits.windows(2).all(|pair| {
        pair[1].is_digits(1) && text[pair[0].span.end..pair[1].span.start].chars().all(|c| c == ' ' || c == '-')
    });
    let more_digits_follow = words.get(i + 5).is_some_and(|w| {
        w.text.bytes().all(|b| b.is_ascii_digit()) && text[digits[4].span.end..w.span.start].trim().is_empty()
    });
    if !spaced || more_digits_follow {
        return None;
    }
    let code: String = digits.iter().map(|w| w.text).collect();
    Some((code, Span { start: digits[0].span.start, end: digits[4].span.end }))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn code_in(text: &str) -> Option<(String, String)> {
        let (code, evidence) = spoken_postal_code(&Transcript::new(text), &CountryCode::default())?;
        assert_eq!(evidence.signal(), "postal_code");
        Some((code, evidence.quote()?.to_owned()))
    }

    fn code(text: &str) -> Option<String> {
        code_in(text).map(|(code, _)| code)
    }

    #[test]
    fn zip_code_after_a_cue_is_a_postal_code() {
        assert_eq!(code_in("My zip code is 80202, call me."), Some(("80202".into(), "80202".into())));
        assert_eq!(code("we're in 60614 near the park"), Some("60614".into()));
    }

    #[test]
    fn street_number_is_not_a_postal_code() {
        assert_eq!(code("I'm at 12345 Oak Street, the gate code is 4455."), None);
        assert_eq!(code("Zip is handy but we are at 12345 Oak Street."), None);
    }

    #[test]
    fn zip_after_a_state_is_a_postal_code() {
        assert_eq!(code("We're at 4 Elm Street, Denver, CO 80202 near the mall."), Some("80202".into()));
        assert_eq!(code("Out in Boulder Colorado 80302 area."), Some("80302".into()));
    }

    #[test]
    fn lower_case_state_lookalike_words_are_not_states() {
        assert_eq!(code("you can call me or 80202 whatever"), None);
    }

    #[test]
    fn zip_after_a_city_comma_is_a_postal_code() {
        assert_eq!(code("This is in Aurora, 80012 for the service."), Some("80012".into()));
    }

    #[test]
    fn zip_ending_an_address_is_a_postal_code() {
        assert_eq!(code("The address is 120 Grant Street Denver 80203. Thanks."), Some("80203".into()));
    }

    #[test]
    fn zip_plus_four_keeps_its_extension() {
        assert_eq!(code_in("zip 80202-1234 please"), Some(("80202-1234".into(), "80202-1234".into())));
    }

    #[test]
    fn phone_numbers_and_prices_are_not_postal_codes() {
        assert_eq!(code("Call me at 720-55512 or zip me a note"), None);
        assert_eq!(code("The quote was $12000 and zip 12000 dollars is too much"), None);
        assert_eq!(code("postal code 12345 dollars"), None);
    }

    #[test]
    fn an_uncued_five_digit_number_is_not_a_postal_code() {
        assert_eq!(code("My invoice number is 48213, please check it."), None);
    }

    #[test]
    fn canadian_postal_code_is_found_and_normalized() {
        assert_eq!(code_in("We're near m5v 3l9 downtown"), Some(("M5V 3L9".into(), "m5v 3l9".into())));
        assert_eq!(code("postal K1A0B1"), Some("K1A 0B1".into()));
    }

    #[test]
    fn canadian_lookalikes_with_invalid_letters_are_not_codes() {
        assert_eq!(code("model D1A 1A1 unit"), None);
    }

    #[test]
    fn spoken_single_digits_after_a_cue_are_a_zip() {
        assert_eq!(code_in("the zip code is 8 0 2 0 2 thanks"), Some(("80202".into(), "8 0 2 0 2".into())));
    }

    #[test]
    fn outside_the_us_only_an_explicit_cue_counts() {
        let germany: CountryCode = serde_json::from_str("\"DE\"").unwrap();
        let found = |text| spoken_postal_code(&Transcript::new(text), &germany).map(|(c, _)| c);
        assert_eq!(found("Wir sind in Berlin, 10115 bitte"), None);
        assert_eq!(found("postal code 10115"), Some("10115".into()));
    }

    #[test]
    fn evidence_offsets_are_code_points() {
        let text = "Café owner — zip 80202";
        let (_, evidence) = spoken_postal_code(&Transcript::new(text), &CountryCode::default()).unwrap();
        let (start, end) = evidence.code_points().unwrap();
        assert_eq!(text.chars().skip(start).take(end - start).collect::<String>(), "80202");
    }
}
