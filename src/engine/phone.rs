//! Caller ids and stored phone numbers to E.164, the match key for the CRM and the
//! duplicate guard (TRIAGE.md rule 3).
//!
//! Order of work: withheld markers first (the library errors on words, and accepts some
//! keypad-spelled placeholders as possible numbers), then a fast path for plain North
//! American numbers, then `rlibphonenumber` for everything else. "Valid" means *possible*
//! (a dialable length for its country), never *assigned*: 555-01xx numbers are valid.
//!
//! The library's metadata (229 KB of tables, 55 KB gzipped) is compiled in for the CLI, the
//! JS module and the tests (feature `phone-metadata-bundled`). The browser app leaves it out and
//! installs it once, fetched beside the app (`install_phone_metadata`), when a triage first reads
//! a number the fast path cannot: North American numbers under a North American default country
//! never need it, so the demo's first start shows its rows without it. A normalizer says when it
//! answered without the metadata ([`PhoneNormalizer::answered_without_metadata`]); such answers
//! are never cached, and the app triages again once it is installed. The engine calls the library
//! only through the `ReadNumbers` object installed with the metadata, so the browser fetches the
//! library's code with it, not with the engine.

use std::collections::HashMap;
use std::fmt;
use std::hash::{Hash, Hasher};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Mutex;
#[cfg(not(feature = "phone-metadata-bundled"))]
use std::sync::OnceLock;

use rlibphonenumber::{NumberLengthType, PhoneNumberFormat, PhoneNumberUtil, Region};
use thiserror::Error;

use super::bundle::CountryCode;

/// The metadata the app fetched could not be read.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[error("the phone number metadata cannot be read: {0}")]
pub struct PhoneMetadataError(String);

/// The library's reading of a number the fast path cannot read. The engine reaches the library
/// only through this trait object, made where the metadata is installed: in the browser app the
/// library's code (its parser, regex-lite under it, prost to decode the metadata; 55 KB gzipped)
/// then sits in the module that installs it (`store::phone_metadata`), fetched when a number
/// needs it, not in the engine's chunk of every first start.
trait ReadNumbers: Send + Sync {
    /// `raw` as E.164, national numbers read for `default_country`; None when it is no
    /// dialable number.
    fn read(&self, raw: &str, default_country: &str) -> Option<E164>;
}

impl ReadNumbers for PhoneNumberUtil {
    /// Default region for national numbers, extension and vanity letters handled by the parser,
    /// extension left out of the E.164 form. Every call goes through `self`: the crate's
    /// `PhoneNumber` helpers (`format_as`, `is_valid`…) use its global instance, which compiles
    /// the bundled metadata into the browser's wasm beside the fetched copy (`scripts/size-report`
    /// fails such a build).
    fn read(&self, raw: &str, default_country: &str) -> Option<E164> {
        // None when the library does not know the configured country: then only numbers
        // written with a country code can be read.
        let default_region = Region::from_code(default_country).ok();
        let number = self.parse(raw, default_region).ok()?;
        match self.is_possible_number_with_reason(&number) {
            Ok(NumberLengthType::IsPossible) => E164::from_formatted(&self.format(&number, PhoneNumberFormat::E164)),
            // A local-only length (seven US digits, no area code) cannot be dialled back
            // from anywhere else, so it is the wrong length for a callback.
            Ok(NumberLengthType::IsPossibleLocalOnly) | Err(_) => None,
        }
    }
}

#[cfg(feature = "phone-metadata-bundled")]
fn library() -> Option<&'static dyn ReadNumbers> {
    let library: &'static PhoneNumberUtil = &rlibphonenumber::PHONE_NUMBER_UTIL;
    Some(library)
}

#[cfg(not(feature = "phone-metadata-bundled"))]
static INSTALLED: OnceLock<Box<dyn ReadNumbers>> = OnceLock::new();

/// None until `install_phone_metadata`: then only North American numbers are read (the fast
/// path); any other reading is flagged (`answered_without_metadata`), and the app installs the
/// metadata and triages again.
#[cfg(not(feature = "phone-metadata-bundled"))]
fn library() -> Option<&'static dyn ReadNumbers> {
    INSTALLED.get().map(|library| library.as_ref())
}

/// Whether the library can read numbers of every region (always, with the bundled metadata).
pub fn phone_metadata_installed() -> bool {
    #[cfg(feature = "phone-metadata-bundled")]
    return true;
    #[cfg(not(feature = "phone-metadata-bundled"))]
    INSTALLED.get().is_some()
}

/// Installs the library's metadata (`PhoneMetadataCollection`, protobuf: the `metadata.bin` the
/// rlibphonenumber crate ships). The first install wins; later ones are ignored.
pub fn install_phone_metadata(bytes: &[u8]) -> Result<(), PhoneMetadataError> {
    #[cfg(feature = "phone-metadata-bundled")]
    let _ = bytes;
    #[cfg(not(feature = "phone-metadata-bundled"))]
    if INSTALLED.get().is_none() {
        use prost::Message;
        let collection =
            rlibphonenumber::PhoneMetadataCollection::decode(bytes).map_err(|e| PhoneMetadataError(e.to_string()))?;
        if collection.metadata.is_empty() {
            return Err(PhoneMetadataError("it lists no region".into()));
        }
        let util = PhoneNumberUtil::new_for_metadata(collection).map_err(|e| PhoneMetadataError(e.to_string()))?;
        let _ = INSTALLED.set(Box::new(util));
    }
    Ok(())
}

/// A dialable number in E.164 form; can only be built by normalizing.
///
/// Kept inline rather than in a `String`: the CRM index holds one per stored phone
/// (150,000 in a large bundle), and a heap allocation each cost more than the fast path.
#[derive(Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct E164 {
    /// "+", then the digits; zero bytes after `len`, so the derived order is the text's.
    text: [u8; E164::CAPACITY],
    len: u8,
    /// The digits as one integer (no leading zero after "+", so it is unique): a cheap
    /// hash key for the index's phone map.
    digits: u64,
}

impl E164 {
    /// "+" and up to 19 digits: E.164 allows 15; a few countries' metadata allows longer
    /// "possible" numbers, and past 19 digits (which no longer fit a `u64`) nobody dials.
    const CAPACITY: usize = 20;

    /// Only for the library's E.164 output.
    fn from_formatted(text: &str) -> Option<E164> {
        let bytes = text.as_bytes();
        let (b'+', digits @ [b'1'..=b'9', ..]) = bytes.split_first()? else { return None };
        if bytes.len() > Self::CAPACITY || !digits.iter().all(u8::is_ascii_digit) {
            return None;
        }
        let mut number =
            E164 { text: [0; Self::CAPACITY], len: u8::try_from(bytes.len()).ok()?, digits: digits_value(digits) };
        number.text[..bytes.len()].copy_from_slice(bytes);
        Some(number)
    }

    pub fn as_str(&self) -> &str {
        // Built from ASCII only, so this never falls back.
        std::str::from_utf8(&self.text[..usize::from(self.len)]).unwrap_or_default()
    }

    /// The digits as an integer, unique per number: the CRM index's key.
    pub(crate) fn digits(&self) -> u64 {
        self.digits
    }
}

/// At most 19 ASCII digits, so no overflow.
fn digits_value(digits: &[u8]) -> u64 {
    digits.iter().fold(0, |value, &d| value * 10 + u64::from(d - b'0'))
}

impl Hash for E164 {
    /// The digits decide equality, so they are all the hash needs.
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.digits.hash(state);
    }
}

impl fmt::Display for E164 {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl fmt::Debug for E164 {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("E164").field(&self.as_str()).finish()
    }
}

/// What a phone system's caller id turned out to be.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CallerId {
    Valid(E164),
    Withheld,
    Invalid,
}

/// Normalizes numbers for one business's default country.
pub struct PhoneNormalizer {
    /// The business's country, for national numbers.
    default_country: CountryCode,
    /// The fast path reads national numbers only for North American regions.
    default_is_nanp: bool,
    /// Library answers by raw text. A parse costs ~12 µs in release builds, and the same
    /// unusual string comes back often (a vanity tracking number on every call, a caller
    /// who rings five times); a Mutex rather than a RefCell keeps the normalizer `Sync`.
    library_answers: Mutex<HashMap<String, Option<E164>>>,
    /// A number went to the library before its metadata was installed (the browser app only):
    /// that answer may be wrong.
    answered_without_metadata: AtomicBool,
}

/// The regions of the North American Numbering Plan (country calling code 1), whose national
/// numbers the fast path reads. The library knows them from its metadata, which the browser app
/// may not have yet; `nanp_regions_are_the_librarys` keeps this list equal to its own.
const NANP_REGIONS: [&str; 25] = [
    "AG", "AI", "AS", "BB", "BM", "BS", "CA", "DM", "DO", "GD", "GU", "JM", "KN", "KY", "LC", "MP", "MS", "PR", "SX",
    "TC", "TT", "US", "VC", "VG", "VI",
];

impl PhoneNormalizer {
    pub fn new(country: &CountryCode) -> Self {
        PhoneNormalizer {
            default_country: country.clone(),
            default_is_nanp: NANP_REGIONS.contains(&country.as_str()),
            library_answers: Mutex::new(HashMap::new()),
            answered_without_metadata: AtomicBool::new(false),
        }
    }

    /// Whether a number was read before the library's metadata was installed (never with the
    /// bundled metadata): what this normalizer said of it may be wrong, so whatever used it
    /// must be done again once the metadata is in.
    pub fn answered_without_metadata(&self) -> bool {
        self.answered_without_metadata.load(Ordering::Relaxed)
    }

    /// Classify a caller id exactly as the phone system sent it.
    pub fn classify(&self, raw: Option<&str>) -> CallerId {
        let Some(raw) = raw else { return CallerId::Withheld };
        if is_withheld(raw) {
            return CallerId::Withheld;
        }
        match self.dialable(raw) {
            Some(number) => CallerId::Valid(number),
            None => CallerId::Invalid,
        }
    }

    /// A stored number (CRM phone, tracking number) as E.164, extension dropped.
    /// Withheld markers are not numbers here either, so a CRM row that recorded
    /// "+86282452253" (Twilio's UNAVAILABLE) never matches a real caller.
    pub fn normalize(&self, raw: &str) -> Option<E164> {
        if is_withheld(raw) {
            return None;
        }
        self.dialable(raw)
    }

    fn dialable(&self, raw: &str) -> Option<E164> {
        if let Some(number) = nanp_fast_path(raw, self.default_is_nanp) {
            return Some(number);
        }
        if self.default_is_nanp && too_short_to_dial_from_north_america(raw) {
            return None;
        }
        let mut answers = self.library_answers.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        if let Some(known) = answers.get(raw) {
            return known.clone();
        }
        let Some(library) = library() else {
            self.answered_without_metadata.store(true, Ordering::Relaxed);
            return None;
        };
        let answer = library.read(raw, self.default_country.as_str());
        answers.insert(raw.to_owned(), answer.clone());
        answer
    }
}

/// Twilio's keypad spellings (ITU E.161) of withheld caller ids, as sent in `From`.
///
/// Twilio's changelog "Upcoming changes to withheld caller ID behavior for <Dial> calls"
/// (2022-11-16, twilio.com/changelog/upcoming-changes-to-withheld-caller-ids-behavior-for-dial-calls)
/// says Programmable Voice "translates the alpha string into digits" for withheld caller ids
/// "e.g. ANONYMOUS, RESTRICTED", and that the alpha strings may appear in `From` from then on,
/// so both forms arrive. The digit strings are those words on a keypad (a test checks them
/// with the library's own letter mapping). UNKNOWN (+8656696) sits beside the other four in
/// Twilio integrations; it is never a dialable number, so listing it cannot hide a caller.
const KEYPAD_PLACEHOLDERS: [(&str, &str); 5] = [
    ("266696687", "ANONYMOUS"),
    ("7378742833", "RESTRICTED"),
    ("86282452253", "UNAVAILABLE"),
    ("2562533", "BLOCKED"),
    ("8656696", "UNKNOWN"),
];

/// Words that alone say the number was withheld, compared with case, spacing and
/// punctuation removed ("Not Available", "out-of-area", "N/A").
const WITHHELD_MARKERS: [&str; 16] = [
    "anonymous",
    "restricted",
    "unavailable",
    "private",
    "unknown",
    "blocked",
    "withheld",
    "hidden",
    "suppressed",
    "notavailable",
    "notprovided",
    "outofarea",
    "no",
    "na",
    "none",
    "null",
];

/// Words that only dress a marker up: "Private Number", "Unknown Caller", "No Caller ID",
/// "sip:anonymous@anonymous.invalid" (RFC 3323's anonymous URI, user part kept).
const FILLER_WORDS: [&str; 11] =
    ["caller", "callerid", "id", "cid", "number", "num", "name", "call", "sip", "sips", "tel"];

/// Every form in which phone systems say "no number": nothing, a word, or a placeholder.
pub fn is_withheld(raw: &str) -> bool {
    let text = raw.trim();
    if text.is_empty() {
        return true;
    }
    if text.chars().any(char::is_numeric) {
        is_keypad_placeholder(text)
    } else {
        is_withheld_phrase(text)
    }
}

/// Exactly a placeholder's digits, with or without the "+": the digits inside a longer
/// number, or written with separators like a human would, belong to a real number.
fn is_keypad_placeholder(text: &str) -> bool {
    let digits = text.strip_prefix('+').unwrap_or(text);
    KEYPAD_PLACEHOLDERS.iter().any(|(placeholder, _word)| digits == *placeholder)
}

/// True when the text is a caller name or id that says the number was withheld,
/// e.g. "Anonymous", "Unknown Caller", "NO CALLER ID". Also used to skip such names when
/// matching by name, so a CRM record called "Unknown" does not catch every anonymous call.
pub fn is_withheld_phrase(text: &str) -> bool {
    // "anonymous@anonymous.invalid": the domain of a SIP URI says nothing about the caller.
    let user_part = text.split('@').next().unwrap_or(text);
    let mut compact = String::with_capacity(user_part.len());
    let mut previous_word = String::new();
    for word in user_part.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()) {
        let word = word.to_lowercase();
        // "Anonymous Anonymous" (name and number fields glued) says it once.
        if word == previous_word || FILLER_WORDS.contains(&word.as_str()) {
            continue;
        }
        compact.push_str(&word);
        previous_word = word;
    }
    WITHHELD_MARKERS.contains(&compact.as_str())
}

/// Plain North American numbers without calling the library (which costs ~12 µs each;
/// this costs ~0.04 µs): an optional "+", digits and the separators ` -.()`, optionally one
/// extension written `x99`, `ext 7`, `ext. 12`, `extension 7` or `;ext=7`. Accepted forms:
/// "+1" and ten digits, or (default region in NANP) ten digits or "1" and ten digits, the
/// ten starting 2-9. For these the library's answer is always "+1" and the ten digits:
/// a "+" or a too-long "1…" fixes country code 1, NANP's national prefix ("1") cannot be
/// stripped from a number starting 2-9, and ten digits is NANP's one possible full length.
/// Everything else returns None and goes to the library; a proptest compares both readings.
fn nanp_fast_path(raw: &str, default_is_nanp: bool) -> Option<E164> {
    const LONGEST_PLAIN_FORM: usize = 48;
    /// NANP's national numbers have ten digits: the country code "1" is this much.
    const COUNTRY_CODE_ONE: u64 = 10_000_000_000;
    if raw.len() > LONGEST_PLAIN_FORM {
        return None;
    }
    let bytes = trim_spaces(raw.as_bytes());
    let (has_plus, rest) = match bytes.split_first() {
        Some((b'+', rest)) => (true, rest),
        _ => (false, bytes),
    };
    // The ASCII digits gather in one register, the latest in the lowest byte: written to
    // memory a byte at a time and read back as a word, they stalled the CPU on every number
    // (a failed store-to-load forward), and shifting each digit into place by a variable
    // count costs a dozen instructions on a u128 where this constant shift costs three.
    // Their value gathers beside them, so it is not read from the text again.
    let mut digits: u128 = 0;
    let mut value: u64 = 0;
    let mut count = 0;
    let mut number_end = rest.len();
    for (i, &byte) in rest.iter().enumerate() {
        match byte {
            b'0'..=b'9' => {
                if count == 11 {
                    return None;
                }
                digits = digits << 8 | u128::from(byte);
                value = value * 10 + u64::from(byte - b'0');
                count += 1;
            }
            b' ' | b'-' | b'.' | b'(' | b')' => {}
            _ => {
                number_end = i;
                break;
            }
        }
    }
    if number_end < rest.len() && !is_plain_extension(&rest[number_end..]) {
        return None;
    }
    let first_is_one = count == 11 && (digits >> 80) as u8 == b'1';
    match (has_plus, count) {
        (true, 11) if first_is_one => {}
        (false, 11) if default_is_nanp && first_is_one => {}
        (false, 10) if default_is_nanp => {}
        _ => return None,
    }
    // The ten national digits, the last in the lowest byte, turned around so the first is in
    // byte 2 after "+1": the text "+1" and ten digits, a byte each, lowest byte first.
    let national = digits & ((1u128 << 80) - 1);
    let text = (national.swap_bytes() >> 32 | u128::from(b'1') << 8 | u128::from(b'+')).to_le_bytes();
    // The area code must start 2-9.
    if !(b'2'..=b'9').contains(&text[2]) {
        return None;
    }
    let mut number = E164 { text: [0; E164::CAPACITY], len: 12, digits: COUNTRY_CODE_ONE + value % COUNTRY_CODE_ONE };
    number.text[..16].copy_from_slice(&text);
    Some(number)
}

/// `bytes` without the spaces around it (as `str::trim_matches(' ')`, byte by byte: a space is
/// never part of a longer UTF-8 sequence).
fn trim_spaces(mut bytes: &[u8]) -> &[u8] {
    while let [b' ', rest @ ..] = bytes {
        bytes = rest;
    }
    while let [rest @ .., b' '] = bytes {
        bytes = rest;
    }
    bytes
}

/// A plain string of six digits or fewer (no "+", letters or extension), read under a North
/// American default: the library reads it as a national number, and none that short is
/// dialable (NANP numbers have ten digits; seven can be, where a region has one area code and
/// the library adds it: Guam's "200 0000" is +1 671 200 0000, found by the proptest), nor is
/// what follows an international prefix ("011" and three digits at most). Answered here, so a
/// bundle whose odd caller id is "12345" (the demo's) needs no metadata; the proptest holds it
/// to the library's answer.
fn too_short_to_dial_from_north_america(raw: &str) -> bool {
    let mut digits = 0;
    for byte in raw.bytes() {
        match byte {
            b'0'..=b'9' => digits += 1,
            b' ' | b'-' | b'.' | b'(' | b')' => {}
            _ => return false,
        }
    }
    digits <= 6
}

/// One extension in a form the library reads the same way (checked by the proptest).
fn is_plain_extension(suffix: &[u8]) -> bool {
    const LABELS: [&[u8]; 5] = [b"extension", b"ext.", b"ext", b"x", b";ext="];
    let Some(label) =
        LABELS.iter().find(|label| suffix.get(..label.len()).is_some_and(|s| s.eq_ignore_ascii_case(label)))
    else {
        return false;
    };
    let after_label = &suffix[label.len()..];
    // RFC 3966 (";ext=") allows no space before the digits; the spoken labels do.
    let digits = if label.starts_with(b";") { after_label } else { after_label.trim_ascii_start() };
    (1..=6).contains(&digits.len()) && digits.iter().all(u8::is_ascii_digit)
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    fn country(code: &str) -> CountryCode {
        serde_json::from_value(serde_json::Value::String(code.to_owned())).expect("a two-letter code")
    }

    fn us() -> PhoneNormalizer {
        PhoneNormalizer::new(&country("US"))
    }

    /// The crate's own instance, with the metadata it bundles (in both test configurations).
    fn bundled_library() -> &'static PhoneNumberUtil {
        &rlibphonenumber::PHONE_NUMBER_UTIL
    }

    #[test]
    fn nanp_regions_are_the_librarys() {
        let mut librarys: Vec<String> = bundled_library()
            .get_supported_regions()
            .filter(|region| bundled_library().is_nanpa_country(*region))
            .map(|region| format!("{region:?}"))
            .collect();
        librarys.sort();
        assert_eq!(librarys, NANP_REGIONS);
    }

    #[test]
    fn bundled_metadata_answers_are_never_doubted() {
        let phones = us();
        phones.normalize("+44 20 7946 0958");
        assert!(!phones.answered_without_metadata());
    }

    fn e164(number: &str) -> E164 {
        E164::from_formatted(number).expect("a well-formed E.164 number")
    }

    fn valid(number: &str) -> CallerId {
        CallerId::Valid(e164(number))
    }

    #[test]
    fn anonymous_in_any_case_is_withheld() {
        for raw in ["Anonymous", "anonymous", "ANONYMOUS", "  aNoNyMoUs  "] {
            assert_eq!(us().classify(Some(raw)), CallerId::Withheld, "{raw:?}");
        }
    }

    #[test]
    fn withheld_words_and_phrases_in_any_case_and_spacing_are_withheld() {
        let phrases = [
            "Restricted",
            "UNAVAILABLE",
            "Private",
            "Unknown",
            "Blocked",
            "Withheld",
            "No Caller ID",
            "no  caller  id",
            "Not Available",
            "Out of area",
            "OUT-OF-AREA",
            "Private Number",
            "unknown caller",
            "Caller ID Blocked",
            "Number Withheld",
            "N/A",
        ];
        for raw in phrases {
            assert_eq!(us().classify(Some(raw)), CallerId::Withheld, "{raw:?}");
        }
    }

    #[test]
    fn missing_or_blank_caller_id_is_withheld() {
        assert_eq!(us().classify(None), CallerId::Withheld);
        assert_eq!(us().classify(Some("")), CallerId::Withheld);
        assert_eq!(us().classify(Some(" \t ")), CallerId::Withheld);
    }

    #[test]
    fn sip_anonymous_uri_is_withheld() {
        assert_eq!(us().classify(Some("sip:anonymous@anonymous.invalid")), CallerId::Withheld);
    }

    #[test]
    fn twilio_keypad_placeholder_is_withheld_not_callable() {
        for raw in ["+266696687", "+7378742833", "+86282452253", "+2562533", "+8656696", "266696687"] {
            assert_eq!(us().classify(Some(raw)), CallerId::Withheld, "{raw:?}");
            assert_eq!(us().normalize(raw), None, "{raw:?}");
        }
    }

    #[test]
    fn twilio_placeholders_spell_their_words_on_a_keypad() {
        for (digits, word) in KEYPAD_PLACEHOLDERS {
            assert_eq!(bundled_library().convert_alpha_characters_in_number(word), digits, "{word}");
        }
    }

    #[test]
    fn placeholder_digits_inside_a_real_number_are_not_withheld() {
        assert_eq!(us().classify(Some("+1 266-696-6870")), valid("+12666966870"));
    }

    #[test]
    fn national_number_takes_the_default_country() {
        assert_eq!(us().classify(Some("(303) 555-0122")), valid("+13035550122"));
        let uk = PhoneNormalizer::new(&country("GB"));
        assert_eq!(uk.classify(Some("020 7946 0958")), valid("+442079460958"));
    }

    #[test]
    fn number_with_a_country_code_ignores_the_default_country() {
        let uk = PhoneNormalizer::new(&country("GB"));
        assert_eq!(uk.classify(Some("+1 720 555 0111")), valid("+17205550111"));
        assert_eq!(us().classify(Some("+44 20 7946 0958")), valid("+442079460958"));
    }

    #[test]
    fn international_dialling_prefix_is_read_as_a_country_code() {
        assert_eq!(us().classify(Some("011 44 20 7946 0958")), valid("+442079460958"));
    }

    #[test]
    fn extension_is_kept_out_of_the_match_key() {
        for raw in
            ["303-555-0133 x99", "303.555.0133;ext=7", "303 555 0133 extension 7", "303-555-0133 ext. 12", "3035550133"]
        {
            assert_eq!(us().normalize(raw), Some(e164("+13035550133")), "{raw:?}");
        }
    }

    #[test]
    fn vanity_letters_are_read_as_keypad_digits() {
        assert_eq!(us().classify(Some("1-800-FLOWERS")), valid("+18003569377"));
    }

    #[test]
    fn fictional_555_01xx_number_is_still_valid() {
        assert_eq!(us().classify(Some("(720) 555-0199")), valid("+17205550199"));
    }

    #[test]
    fn number_with_unknown_country_code_is_invalid() {
        assert_eq!(us().classify(Some("+999 123456")), CallerId::Invalid);
    }

    #[test]
    fn wrong_length_for_the_country_is_invalid() {
        assert_eq!(us().classify(Some("303-555-01")), CallerId::Invalid);
        assert_eq!(us().classify(Some("+1 303 555 012345")), CallerId::Invalid);
    }

    #[test]
    fn local_number_without_area_code_is_invalid() {
        assert_eq!(us().classify(Some("555-0142")), CallerId::Invalid);
    }

    #[test]
    fn text_without_digits_is_invalid() {
        assert_eq!(us().classify(Some("call me back")), CallerId::Invalid);
        assert_eq!(us().classify(Some("---")), CallerId::Invalid);
    }

    #[test]
    fn unknown_default_country_still_reads_international_numbers() {
        let nowhere = PhoneNormalizer::new(&country("QQ"));
        assert_eq!(nowhere.classify(Some("+1 720 555 0111")), valid("+17205550111"));
        assert_eq!(nowhere.classify(Some("720 555 0111")), CallerId::Invalid);
    }

    #[test]
    fn normalize_refuses_withheld_markers() {
        assert_eq!(us().normalize("Anonymous"), None);
        assert_eq!(us().normalize(""), None);
    }

    #[test]
    fn e164_orders_and_prints_like_its_text() {
        assert!(e164("+12") < e164("+123") && e164("+123") < e164("+13"));
        assert_eq!(e164("+442079460958").to_string(), "+442079460958");
        assert_eq!(E164::from_formatted("+1 303"), None);
        assert_eq!(E164::from_formatted("+0303"), None);
        assert_eq!(e164("+13035550133").digits(), 13_035_550_133);
    }

    #[test]
    fn repeated_library_reading_gives_the_same_answer() {
        let phones = us();
        let first = phones.classify(Some("+44 20 7946 0958 ext. 4"));
        assert_eq!(phones.classify(Some("+44 20 7946 0958 ext. 4")), first);
        assert_eq!(first, valid("+442079460958"));
    }

    /// Digits with the separators and extensions a CRM export uses, around NANP shapes.
    fn plain_number_text() -> impl Strategy<Value = String> {
        let separator = prop::sample::select(vec!["", "", " ", "-", ".", "(", ")", "  "]);
        let digit = prop::sample::select(vec!['0', '1', '2', '3', '4', '5', '6', '7', '8', '9']);
        let extension = prop::sample::select(vec![
            "",
            "",
            " x",
            "x",
            " X ",
            " ext",
            " ext.",
            " Ext. ",
            " extension ",
            ";ext=",
            ";ext= ",
            " ex",
            "#",
            " ext:",
        ]);
        (
            prop::sample::select(vec!["", "+", " +", "+ "]),
            prop::collection::vec((separator.clone(), digit.clone()), 9..13),
            separator,
            extension,
            prop::collection::vec(digit, 0..9),
            prop::sample::select(vec!["", " ", "#", "a"]),
        )
            .prop_map(|(start, body, end, label, ext_digits, tail)| {
                let mut text = start.to_owned();
                for (sep, d) in body {
                    text.push_str(sep);
                    text.push(d);
                }
                text.push_str(end);
                text.push_str(label);
                text.extend(ext_digits);
                text.push_str(tail);
                text
            })
    }

    fn library_only(phones: &PhoneNormalizer, raw: &str) -> Option<E164> {
        bundled_library().read(raw, phones.default_country.as_str())
    }

    proptest! {
        #[test]
        fn arbitrary_strings_never_panic_and_classify_deterministically(raw in any::<String>()) {
            let phones = us();
            let first = phones.classify(Some(&raw));
            prop_assert_eq!(phones.classify(Some(&raw)), first.clone());
            prop_assert_eq!(us().classify(Some(&raw)), first.clone());
            let normalized = phones.normalize(&raw);
            match first {
                CallerId::Valid(number) => prop_assert_eq!(normalized, Some(number)),
                _ => prop_assert_eq!(normalized, None),
            }
        }

        #[test]
        fn phone_like_strings_never_panic(raw in "[+0-9 ()x.;=extA-Z-]{0,40}") {
            let _ = us().classify(Some(&raw));
        }
    }

    proptest! {
        // The fast path answers for the library, so it gets more cases than the default.
        #![proptest_config(ProptestConfig::with_cases(2_000))]

        #[test]
        fn fast_path_agrees_with_the_library(
            raw in plain_number_text(),
            code in prop::sample::select(vec!["US", "CA", "JM", "PR", "DO", "GB", "DE"]),
        ) {
            let phones = PhoneNormalizer::new(&country(code));
            if let Some(fast) = nanp_fast_path(&raw, phones.default_is_nanp) {
                prop_assert_eq!(library_only(&phones, &raw), Some(fast));
            }
        }

        #[test]
        fn short_plain_strings_are_never_dialable_from_north_america(
            raw in "[ ().-]{0,2}([0-9][ ().-]{0,2}){0,8}",
            code in prop::sample::select(NANP_REGIONS.to_vec()),
        ) {
            let phones = PhoneNormalizer::new(&country(code));
            if too_short_to_dial_from_north_america(&raw) {
                prop_assert_eq!(library_only(&phones, &raw), None);
            }
        }
    }
}

/// The browser app's configuration: the metadata arrives at run time (`scripts/test` runs these
/// with `--no-default-features`).
#[cfg(all(test, not(feature = "phone-metadata-bundled")))]
mod without_bundled_metadata {
    use super::*;

    fn us() -> CountryCode {
        serde_json::from_value(serde_json::Value::String("US".to_owned())).expect("a two-letter code")
    }

    #[test]
    fn metadata_listing_no_region_is_refused() {
        assert!(install_phone_metadata(&[]).is_err());
        assert!(!phone_metadata_installed());
    }

    #[test]
    fn bytes_that_are_not_metadata_are_refused() {
        assert!(install_phone_metadata(b"\xff\xff\xff\xff").is_err());
        assert!(!phone_metadata_installed());
    }

    #[test]
    fn before_the_metadata_only_north_american_numbers_are_read() {
        let phones = PhoneNormalizer::new(&us());
        assert_eq!(phones.normalize("+1 303 555 0122").map(|n| n.to_string()), Some("+13035550122".to_owned()));
        assert_eq!(phones.normalize("(312) 555-0137").map(|n| n.to_string()), Some("+13125550137".to_owned()));
        assert_eq!(phones.normalize("+44 20 7946 0958"), None);
    }

    #[test]
    fn north_american_numbers_need_no_metadata() {
        let phones = PhoneNormalizer::new(&us());
        phones.normalize("(312) 555-0137");
        phones.classify(Some("+1 303 555 0122"));
        assert!(!phones.answered_without_metadata());
    }

    #[test]
    fn a_five_digit_caller_id_is_invalid_without_the_metadata() {
        let phones = PhoneNormalizer::new(&us());
        assert_eq!(phones.classify(Some("12345")), CallerId::Invalid);
        assert!(!phones.answered_without_metadata());
    }

    #[test]
    fn a_foreign_number_read_before_the_metadata_says_its_answer_may_be_wrong() {
        let phones = PhoneNormalizer::new(&us());
        phones.normalize("+44 20 7946 0958");
        assert!(phones.answered_without_metadata());
    }
}
