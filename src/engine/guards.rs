//! Who is speaking, and about what: the words that only look dangerous (issue 11, rule 12).
//!
//! A danger word inside the caller's name ("hi it's rusty burns", "this is Ashley Flood"), a
//! company's name ("calling from blaze and smoke cleanup", "Tom from Kessler Distribution")
//! or a street ("out on ember lane", "88 Flood Street") is not a danger. These guards mark
//! such words; the reading ignores urgency signals on them. Categories still read them
//! (a company's name may say it sells something). Nor is a television or a radio behind the
//! caller, which speech-to-text labels ("[TV: a three alarm fire tore through ...]"): those
//! words are marked too.

use std::borrow::Cow;

use super::spoken::{SpokenWord, SpokenWords};
use super::transcript::Span;

/// Marked words of one transcript, as original spans in text order.
#[derive(Debug, Default)]
pub(crate) struct GuardedSpans {
    spans: Vec<Span>,
    /// The broadcasts behind the caller ([`broadcasts_into`]), whose words are guarded too.
    broadcasts: Vec<Span>,
    /// Per spoken word: inside a name, a company, a street or a broadcast.
    pub by_word: Vec<bool>,
    /// Working room: each word's roles.
    roles: Vec<Roles>,
}

impl GuardedSpans {
    /// Whether a transcript span touches a guarded word.
    pub fn overlaps(&self, span: Span) -> bool {
        let from = self.spans.partition_point(|s| s.end <= span.start);
        self.spans.get(from).is_some_and(|s| s.start < span.end)
    }

    /// Whether a transcript span is inside a broadcast behind the caller: not the caller's
    /// words for anything, categories included (a radio ad's "call now for a free quote" asks
    /// the business for nothing), where a company's name may still say what it sells.
    pub fn is_overheard(&self, span: Span) -> bool {
        self.broadcasts.iter().any(|b| b.start <= span.start && span.end <= b.end)
    }
}

/// Introductions after which a name follows anywhere in a voicemail.
const STRONG_INTRODUCTIONS: &[&[&str]] = &[
    &["this", "is"],
    &["my", "name", "is"],
    &["my", "names"],
    &["name", "is"],
    &["me", "llamo"],
    &["mi", "nombre", "es"],
    &["le", "habla"],
    &["message", "for"],
    // Titles: "hello mr flood", "la senora fuego".
    &["mr"],
    &["mrs"],
    &["ms"],
    &["senor"],
    &["senora"],
    &["sr"],
    &["sra"],
];

/// Introductions that also start ordinary sentences ("it's freezing"): a name only at the
/// start of a clause or after a greeting.
/// ("calling for jessica", but "they're calling for heavy rain tomorrow").
const WEAK_INTRODUCTIONS: &[&[&str]] =
    &[&["its"], &["it", "is"], &["im"], &["i", "am"], &["soy"], &["habla"], &["calling", "for"], &["names"]];

/// Words that after "it's" describe a danger rather than start a name.
const DANGER_WORDS: &[&str] = &[
    "smoke", "gas", "water", "fire", "sparks", "sewage", "sewer", "flood", "flooding", "heat", "cold", "hot",
    "burning", "leak", "leaking",
];
/// What follows a danger word that is doing something rather than naming someone.
const DANGER_CONTINUES: &[&str] = &[
    "is",
    "are",
    "was",
    "coming",
    "everywhere",
    "pouring",
    "all",
    "in",
    "on",
    "under",
    "behind",
    "smell",
    "smells",
    "out",
    "alarm",
    "detector",
    "leak",
    "leaking",
];

const GREETINGS: &[&str] = &[
    "hi", "hey", "hello", "hola", "yeah", "yes", "um", "uh", "oh", "so", "buenas", "buenos", "dias", "tardes",
    "noches", "ok", "okay", "yo", "si",
];

/// Words after which a company name follows, when someone has just introduced themselves.
const COMPANY_MARKERS: &[&str] = &["with", "from", "at", "de"];

/// Words that always start a company name, whoever speaks.
const CALLING_FROM: &[&[&str]] =
    &[&["calling", "from"], &["calling", "with"], &["le", "llamamos", "de"], &["llamo", "de"]];

/// An owner or a manager naming their business ("I manage Blaze and Smoke BBQ", "we own the
/// Ember Room"): a company only when its name is written with a capital, since the same words
/// run a machine too ("we run the dryer and there's smoke").
const RUNNING_A_BUSINESS: &[&[&str]] = &[
    &["i", "manage"],
    &["i", "own"],
    &["i", "run"],
    &["we", "manage"],
    &["we", "own"],
    &["we", "run"],
    // Round 53: "I'm the manager at Smoke House Barbecue".
    &["manager", "at"],
    &["manager", "of"],
    &["owner", "of"],
    &["i", "work", "at"],
    &["i", "work", "for"],
];

/// People sent by a business ("the guys from Blaze and Smoke Cleanup gave me your name"): a
/// company only when its name is written with a capital, as "the guy from next door smells
/// smoke" names a place and then a danger (round 39).
const PEOPLE_FROM: &[&[&str]] =
    &[&["guys", "from"], &["guy", "from"], &["people", "from"], &["folks", "from"], &["crew", "from"]];

const STREET_WORDS: &[&str] = &[
    "street",
    "st",
    "drive",
    "dr",
    "lane",
    "ln",
    "road",
    "rd",
    "court",
    "ct",
    "avenue",
    "ave",
    "boulevard",
    "blvd",
    "way",
    "circle",
    "parkway",
    "pkwy",
    "trail",
    "terrace",
    "highway",
    "hwy",
    "pike",
    "hollow",
];
const STREET_WORDS_BEFORE_NAME: &[&str] = &["calle", "avenida", "camino"];

/// Words that are never part of a name: function words, states a speaker describes.
const NOT_NAME: &[&str] = &[
    // Verbs that say a state: "it's smells like gas" (speech-to-text's "it smells").
    "smells",
    "smell",
    "sounds",
    "looks",
    "seems",
    "feels",
    "a",
    "an",
    "the",
    "my",
    "our",
    "your",
    "his",
    "her",
    "their",
    "i",
    "we",
    "you",
    "me",
    "us",
    "he",
    "she",
    "they",
    "it",
    "its",
    "is",
    "was",
    "am",
    "are",
    "be",
    "been",
    "being",
    "not",
    "no",
    "so",
    "very",
    "really",
    "just",
    "still",
    "about",
    "from",
    "with",
    "at",
    "on",
    "in",
    "of",
    "for",
    "to",
    "calling",
    "call",
    "called",
    "and",
    "but",
    "or",
    "here",
    "there",
    "again",
    "that",
    "this",
    "because",
    "regarding",
    "um",
    "uh",
    "like",
    "actually",
    "also",
    "back",
    "out",
    "up",
    "down",
    "over",
    "off",
    "hot",
    "cold",
    "warm",
    "wet",
    "dark",
    "bad",
    "worse",
    "urgent",
    "emergency",
    "now",
    "today",
    "tonight",
    "calling",
    "gonna",
    "going",
    "got",
    "have",
    "has",
    "had",
    "having",
    "no",
    "yes",
    "please",
    "sorry",
    "el",
    "la",
    "los",
    "las",
    "un",
    "una",
    "de",
    "del",
    "por",
    "para",
    "que",
    "y",
    "con",
    "en",
    "mi",
    "su",
    "tu",
    "le",
    "lo",
    "se",
    "si",
    "es",
    "esta",
    "estoy",
    "muy",
    "hablo",
    "llamo",
    "porque",
    "pero",
    "ya",
    "bien",
    "aqui",
    "all",
    "any",
    "some",
    "kind",
    "sort",
    "pretty",
    "too",
    "one",
    "two",
    "who",
    "what",
    "when",
    "where",
    "how",
    "if",
    "then",
    "than",
    "well",
    "oh",
    "hi",
    "hey",
    "hello",
    "thanks",
    "thank",
    "ok",
    "okay",
    "new",
    "old",
    "again",
    "outside",
    "inside",
    "upstairs",
    "downstairs",
    "basement",
    "house",
    "home",
    "kitchen",
    "bathroom",
    "garage",
    "crazy",
    "ridiculous",
    "serious",
    "important",
    // "this is short notice", "it's last minute": the hurry, not a name (round 15).
    "short",
    "last",
    "terrible",
    "insane",
    "scary",
    "frustrating",
    "unacceptable",
    "awful",
    "horrible",
    "getting",
    "regarding",
    "following",
    "about",
    "concerning",
    "pregnant",
    "sick",
    "elderly",
    "alone",
    "disabled",
    "afraid",
    "stuck",
    "locked",
    "worried",
    "nervous",
    "concerned",
    "embarazada",
    "enferma",
    "enfermo",
    "sola",
    "solo",
];

/// Kinds of safety detector, named in a list before the device: "smoke and carbon monoxide
/// detectors", "co/smoke alarms".
const DETECTOR_KINDS: &[&str] = &["smoke", "co", "carbon", "monoxide", "carbon monoxide", "fire", "humo", "monoxido"];
const DETECTOR_DEVICES: &[&str] =
    &["detector", "detectors", "alarm", "alarms", "sensor", "sensors", "detectores", "alarma", "alarmas", "sensores"];
const LIST_JOINERS: &[&str] = &["and", "or", "slash", "y", "o", "plus"];
/// What a detector does when it warns, said before or after it.
const ALARM_STATES: &[&str] = &[
    "going",
    "went",
    "goes",
    "off",
    "sounding",
    "beeping",
    "beeps",
    "screaming",
    "alarming",
    "flashing",
    "blinking",
    "reading",
    "reads",
    "says",
    "showing",
    "shows",
    "sonando",
    "suena",
    "pitando",
    "chirping",
];

/// What a word can be to the guards, looked up once per word (the lists above, as bits).
#[derive(Debug, Clone, Copy, Default)]
struct Roles(u16);

const GREETING: u16 = 1;
const COMPANY_MARKER: u16 = 1 << 1;
const STREET: u16 = 1 << 2;
const STREET_BEFORE_NAME: u16 = 1 << 3;
const NEVER_A_NAME: u16 = 1 << 4;
const DANGER: u16 = 1 << 5;
const DANGER_GOES_ON: u16 = 1 << 6;
const STARTS_AN_INTRODUCTION: u16 = 1 << 7;
const DETECTOR_KIND: u16 = 1 << 8;
const DETECTOR_DEVICE: u16 = 1 << 9;
const LIST_JOINER: u16 = 1 << 10;
const ALARM_STATE: u16 = 1 << 11;

fn roles_of(normal: &str) -> Roles {
    static TABLE: std::sync::OnceLock<rustc_hash::FxHashMap<&'static str, u16>> = std::sync::OnceLock::new();
    let table = TABLE.get_or_init(|| {
        let mut table: rustc_hash::FxHashMap<&'static str, u16> = rustc_hash::FxHashMap::default();
        let mut add = |words: &[&'static str], role: u16| {
            for word in words {
                *table.entry(word).or_default() |= role;
            }
        };
        add(GREETINGS, GREETING);
        add(COMPANY_MARKERS, COMPANY_MARKER);
        add(STREET_WORDS, STREET);
        add(STREET_WORDS_BEFORE_NAME, STREET_BEFORE_NAME);
        add(NOT_NAME, NEVER_A_NAME);
        add(DANGER_WORDS, DANGER);
        add(DANGER_CONTINUES, DANGER_GOES_ON);
        add(DETECTOR_KINDS, DETECTOR_KIND);
        add(DETECTOR_DEVICES, DETECTOR_DEVICE);
        add(LIST_JOINERS, LIST_JOINER);
        add(ALARM_STATES, ALARM_STATE);
        for phrase in STRONG_INTRODUCTIONS
            .iter()
            .chain(WEAK_INTRODUCTIONS)
            .chain(CALLING_FROM)
            .chain(RUNNING_A_BUSINESS)
            .chain(PEOPLE_FROM)
        {
            add(&phrase[..1], STARTS_AN_INTRODUCTION);
        }
        table
    });
    Roles(table.get(normal).copied().unwrap_or(0))
}

impl Roles {
    fn has(self, role: u16) -> bool {
        self.0 & role != 0
    }
}

/// A word that can be part of a name: letters, not a function word, not a state.
fn is_name_word(words: &SpokenWords, word: &SpokenWord) -> bool {
    let normal = words.normal_of(word);
    if word.gap || word.number.is_some() || normal.len() < 2 || roles_of(normal).has(NEVER_A_NAME) {
        return false;
    }
    if !normal.chars().all(char::is_alphabetic) {
        return false;
    }
    // "it's flooding", "it's flooded": states, unless written as a name ("Manning").
    let state_like = (normal.ends_with("ing") || normal.ends_with("ed")) && normal.len() > 4;
    !state_like || word.capitalized
}

fn starts_with(words: &SpokenWords, at: usize, phrase: &[&str]) -> bool {
    phrase.iter().enumerate().all(|(k, w)| {
        words
            .words
            .get(at + k)
            .is_some_and(|word| words.normal_of(word) == *w && (k == 0 || word.clause == words.words[at].clause))
    })
}

/// Marks names, companies and streets.
#[cfg(test)]
pub(crate) fn guard(text: &str, words: &SpokenWords) -> GuardedSpans {
    let mut guarded = GuardedSpans::default();
    guard_into(text, words, &mut guarded);
    guarded
}

/// `guard` into buffers kept from the previous transcript; `words` are `text`'s.
pub(crate) fn guard_into(text: &str, words: &SpokenWords, guarded: &mut GuardedSpans) {
    let GuardedSpans { spans, broadcasts: heard, by_word: marked, roles } = guarded;
    let n = words.words.len();
    marked.clear();
    marked.resize(n, false);
    let mut last_name_end: Option<usize> = None;
    roles.clear();
    roles.extend(words.words.iter().map(|w| roles_of(words.normal_of(w))));
    let roles = &roles[..];
    for at in 0..n {
        let word = &words.words[at];
        let role = roles[at];
        let clause_start = at == 0 || words.words[at - 1].clause != word.clause;
        let after_greeting = at > 0 && roles[at - 1].has(GREETING);
        // The word's normal form, sliced out once: most phrases tried below fail on it.
        let normal = words.normal_of(word);
        let introduction = if role.has(STARTS_AN_INTRODUCTION) {
            STRONG_INTRODUCTIONS.iter().find(|p| p[0] == normal && starts_with(words, at, p)).or_else(|| {
                WEAK_INTRODUCTIONS.iter().find(|p| {
                    p[0] == normal && (clause_start || after_greeting || word.position < 3) && starts_with(words, at, p)
                })
            })
        } else {
            None
        };
        if let Some(phrase) = introduction {
            let mut next = at + phrase.len();
            // "this is uh dana": fillers before the name.
            while next < n && matches!(words.normal_of(&words.words[next]), "uh" | "um") {
                next += 1;
            }
            let mut name_words = 0;
            // "it's smoke everywhere": after a weak introduction a danger word is no name.
            let weak = WEAK_INTRODUCTIONS.contains(phrase);
            if weak && next < n && roles[next].has(DANGER) {
                continue;
            }
            while next < n
                && name_words < 3
                && words.words[next].clause == word.clause
                && is_name_word(words, &words.words[next])
            {
                // "this is dana smoke is coming out of the outlet": a danger word followed by
                // what it does is the danger, not a surname. Safety first.
                let goes_on = roles.get(next + 1).is_some_and(|r| r.has(DANGER_GOES_ON));
                if roles[next].has(DANGER) && goes_on {
                    break;
                }
                marked[next] = true;
                next += 1;
                name_words += 1;
            }
            if name_words > 0 {
                last_name_end = Some(next);
            }
        }
        // "Tom here with ...": a name said before "here" at the start, then the company.
        if at > 0 && normal == "here" {
            let name = &words.words[at - 1];
            let opens = at == 1 || words.words[at - 2].clause != name.clause || roles[at - 2].has(GREETING);
            if opens && name.clause == word.clause && is_name_word(words, name) && !roles[at - 1].has(DANGER) {
                marked[at - 1] = true;
                last_name_end = Some(at + 1);
            }
            // "ashley flood here calling back": a first name and a surname, the surname may be a
            // danger word when the first is none and "calling" follows "here" (round 28); not
            // "big flood here from the storm".
            if at > 1 {
                let first = &words.words[at - 2];
                let opens = at == 2 || words.words[at - 3].clause != first.clause || roles[at - 3].has(GREETING);
                let announces =
                    words.words.get(at + 1).is_some_and(|w| w.clause == word.clause && words.normal_of(w) == "calling");
                if opens
                    && announces
                    && first.clause == word.clause
                    && name.clause == word.clause
                    && is_name_word(words, first)
                    && !roles[at - 2].has(DANGER)
                    && is_name_word(words, name)
                {
                    marked[at - 2] = true;
                    marked[at - 1] = true;
                    last_name_end = Some(at + 1);
                }
            }
        }
        // A company after a name ("Brandon with RestorePro") or after "calling from".
        let after_name = last_name_end.is_some_and(|end| at >= end && at <= end + 1);
        let marker_len = if after_name && role.has(COMPANY_MARKER) {
            Some(1)
        } else if role.has(STARTS_AN_INTRODUCTION) {
            CALLING_FROM
                .iter()
                .find(|p| starts_with(words, at, p))
                .or_else(|| {
                    RUNNING_A_BUSINESS
                        .iter()
                        .chain(PEOPLE_FROM)
                        .find(|p| starts_with(words, at, p) && names_with_a_capital(words, at + p.len()))
                })
                .map(|p| p.len())
        } else {
            None
        };
        if let Some(len) = marker_len {
            mark_company(words, at + len, marked);
        }
        if role.has(STREET) && !is_a_title_before_a_name(words, at) {
            mark_street_name(words, at, marked, true);
        }
        if role.has(STREET_BEFORE_NAME) {
            mark_street_name(words, at, marked, false);
        }
        if role.has(DETECTOR_DEVICE) {
            mark_detector_list(at, roles, marked);
        }
    }
    broadcasts_into(text, heard);
    mark_overheard(heard, words, marked);
    spans.clear();
    for (word, _) in words.words.iter().zip(marked.iter()).filter(|(_, m)| **m) {
        match spans.last_mut() {
            Some(last) if last.end >= word.original.start => last.end = word.original.end.max(last.end),
            _ => spans.push(word.original),
        }
    }
}

/// What speech-to-text heard from a screen or a speaker behind the caller, labelled as such:
/// "[TV: a three alarm fire tore through ...]", "[radio: flash flood warning ...]" (round 53).
/// Each is the byte range from its bracket to the closing one, or to the end of a transcript cut
/// off inside it. A label naming a person ("[speaker 2: there's smoke!]") is someone in the room,
/// and is no broadcast. One pass: a label is looked for only in the few bytes after a bracket,
/// and the search goes on after a broadcast's end, so a transcript of brackets stays linear.
pub(crate) fn broadcasts_into(text: &str, found: &mut Vec<Span>) {
    const MEDIA: &[&str] = &[
        "tv",
        "television",
        "radio",
        "news",
        "scanner",
        "music",
        "song",
        "video",
        "movie",
        "show",
        "commercial",
        "ad",
        "background",
        "background tv",
        "background radio",
        "tele",
        "television de fondo",
    ];
    const MAX_LABEL_BYTES: usize = 24;
    found.clear();
    let mut from = 0;
    while let Some(at) = text[from..].find('[') {
        let open = from + at;
        let inside = &text[open + 1..];
        from = open + 1;
        // Where the label ends: a colon within reach, before any closing bracket.
        let label_end = inside.bytes().take(MAX_LABEL_BYTES).position(|b| b == b':' || b == b']');
        let Some(label_end) = label_end.filter(|&end| inside.as_bytes()[end] == b':') else { continue };
        // The colon is ASCII, so the label ends on a character boundary.
        if !MEDIA.iter().any(|m| m.eq_ignore_ascii_case(inside[..label_end].trim())) {
            continue;
        }
        let end = inside.find(']').map_or(text.len(), |close| open + 1 + close + 1);
        found.push(Span { start: open, end });
        from = end;
    }
}

/// `text` with its broadcasts ([`broadcasts_into`]) blanked out, bytes kept where they were.
pub(crate) fn without_overheard(text: &str) -> Cow<'_, str> {
    let mut heard = Vec::new();
    broadcasts_into(text, &mut heard);
    if heard.is_empty() {
        return Cow::Borrowed(text);
    }
    let mut bytes = text.as_bytes().to_vec();
    for broadcast in heard {
        bytes[broadcast.start..broadcast.end].fill(b' ');
    }
    // Whole characters were blanked (brackets are ASCII, so each range starts and ends on a
    // character boundary): the bytes are still text.
    Cow::Owned(String::from_utf8(bytes).unwrap_or_else(|_| text.to_owned()))
}

/// The words of a broadcast are not the caller's.
fn mark_overheard(broadcasts: &[Span], words: &SpokenWords, marked: &mut [bool]) {
    for broadcast in broadcasts {
        for (word, mark) in words.words.iter().zip(marked.iter_mut()) {
            if word.original.start > broadcast.start && word.original.end <= broadcast.end {
                *mark = true;
            }
        }
    }
}

/// A list of detector kinds before the device ("smoke and carbon monoxide detectors") names
/// the devices, as "smoke detector" does: their yearly test or a quote for new ones is no
/// danger. Unless the detectors are said to be warning, a few words either side ("the smoke
/// and co alarms, they're all going off").
fn mark_detector_list(device: usize, roles: &[Roles], marked: &mut [bool]) {
    const LIST_WORDS: usize = 6;
    const STATE_BEFORE: usize = 4;
    const STATE_AFTER: usize = 8;
    let mut first = device;
    let mut kinds = 0;
    while first > 0 && device - first < LIST_WORDS {
        let role = roles[first - 1];
        if role.has(DETECTOR_KIND) {
            kinds += 1;
        } else if !role.has(LIST_JOINER) {
            break;
        }
        first -= 1;
    }
    // A joiner does not start the list: "sparks and smoke alarms" starts at "smoke".
    while first < device && !roles[first].has(DETECTOR_KIND) {
        first += 1;
    }
    let joined = (first..device).any(|i| roles[i].has(LIST_JOINER));
    if kinds < 2 || !joined {
        return;
    }
    let around = first.saturating_sub(STATE_BEFORE)..(device + 1 + STATE_AFTER).min(roles.len());
    if around.clone().any(|i| roles[i].has(ALARM_STATE)) {
        return;
    }
    for flag in &mut marked[first..=device] {
        *flag = true;
    }
}

/// Whether the words from `from` start a name written with a capital ("Blaze and Smoke BBQ",
/// "the Ember Room").
fn names_with_a_capital(words: &SpokenWords, from: usize) -> bool {
    let mut at = from;
    if words.words.get(at).is_some_and(|w| words.normal_of(w) == "the") {
        at += 1;
    }
    words.words.get(at).is_some_and(|w| w.capitalized && w.clause == words.words[from].clause)
}

/// Up to five words of a company's name: "blaze and smoke cleanup", "the RestorePro group".
fn mark_company(words: &SpokenWords, from: usize, marked: &mut [bool]) {
    const ENDS_A_COMPANY: &[&str] = &[
        "we",
        "i",
        "im",
        "were",
        "to",
        "about",
        "regarding",
        "calling",
        "because",
        "that",
        "who",
        "just",
        "wanted",
        "so",
        "is",
        "are",
        "was",
        "has",
        "have",
        "our",
        "my",
        "in",
        "on",
        "here",
        "and",
        "y",
        "le",
        "queremos",
        "para",
        "we're",
        "your",
        "you",
        "please",
        "um",
        "uh",
        "this",
        "it",
        "its",
        "theres",
        "there",
        "the",
        "a",
        "an",
    ];
    let Some(first) = words.words.get(from) else { return };
    let first_normal = words.normal_of(first);
    if matches!(first_normal, "my" | "our" | "your" | "his" | "her" | "mi" | "su") {
        return;
    }
    let mut at = from;
    while at < words.words.len() && at < from + 5 {
        let word = &words.words[at];
        let normal = words.normal_of(word);
        if word.gap || word.clause != first.clause {
            break;
        }
        // "blaze and smoke cleanup": "and" joins a name unless a speaker follows it.
        let joins_a_name = normal == "and"
            && words
                .words
                .get(at + 1)
                .is_some_and(|n| !matches!(words.normal_of(n), "we" | "i" | "im" | "were" | "my" | "our"));
        if at > from && ENDS_A_COMPANY.contains(&normal) && !joins_a_name {
            break;
        }
        if at == from && normal != "the" && roles_of(normal).has(NEVER_A_NAME) {
            break;
        }
        // "calling from the house next door smoke is coming out": the danger, not a name.
        let goes_on = words.words.get(at + 1).is_some_and(|n| roles_of(words.normal_of(n)).has(DANGER_GOES_ON));
        if roles_of(normal).has(DANGER) && goes_on {
            break;
        }
        marked[at] = true;
        at += 1;
    }
}

/// The one or two words naming a street: before "lane" ("ember lane"), after "calle".
fn mark_street_name(words: &SpokenWords, street_at: usize, marked: &mut [bool], name_before: bool) {
    let street = &words.words[street_at];
    let mut marked_any = false;
    for step in 1..=2 {
        let at = if name_before { street_at.checked_sub(step) } else { Some(street_at + step) };
        let Some(word) = at.and_then(|i| words.words.get(i)) else { break };
        if word.clause != street.clause || !is_street_name_word(words, word) {
            break;
        }
        marked[at.unwrap_or(street_at)] = true;
        marked_any = true;
    }
    if marked_any {
        marked[street_at] = true;
    }
}

/// "Dr." and "St." also stand before a name ("any chance Dr. Abara could see her", "St. Luke's"):
/// followed by a capitalised word they are a title, and the words before them no street's name.
fn is_a_title_before_a_name(words: &SpokenWords, at: usize) -> bool {
    matches!(words.normal_of(&words.words[at]), "dr" | "st")
        && words.words.get(at + 1).is_some_and(|next| next.capitalized && is_street_name_word(words, next))
}

fn is_street_name_word(words: &SpokenWords, word: &SpokenWord) -> bool {
    let normal = words.normal_of(word);
    if word.gap || word.number.is_some() || normal.len() < 2 {
        return false;
    }
    // A street may be named after a danger word ("gasline road", "fire tower road"); it is
    // never named with a function word or a state.
    const NOT_A_STREET_NAME: &[&str] = &[
        "the", "a", "an", "my", "our", "your", "on", "in", "at", "of", "to", "and", "is", "was", "no", "this", "that",
        "down", "up", "over", "out", "off", "la", "el", "de", "y", "us", "me", "him", "her", "them", "it", "you", "we",
        "they", "i", "by", "for", "with", "all", "more", "any", "every", "either", "some", "same", "long", "half",
    ];
    // "you billed us way more": a pronoun or a verb in the past is no street's name.
    let past_verb = normal.ends_with("ed") && normal.len() > 4 && !word.capitalized;
    normal.chars().all(char::is_alphanumeric)
        && !NOT_A_STREET_NAME.contains(&normal)
        && !normal.ends_with("ing")
        && !past_verb
}

/// A voicemail that opens by greeting one person by name and then says who is calling ("yo
/// jake, it's tony", "hey shawna it's kim from the salon", "hey compa soy el beto"): its
/// words from the greeting through the name. Callers to a business greet nobody by name, or
/// "guys", "there", "folks"; a title ("hi dr kim") may well be someone here, so it is not one.
pub(crate) fn greeting_to_someone_by_name(words: &SpokenWords) -> Option<Span> {
    /// What such a message opens with; other greetings and fillers (`GREETINGS`) may follow.
    const SALUTATIONS: &[&str] = &["hi", "hey", "yo", "hello", "hola", "oye", "ey"];
    /// Words after a greeting that could be a name (`is_name_word`) but address no one person.
    const NOT_ADDRESSEES: &[&str] = &[
        "guys",
        "folks",
        "team",
        "everyone",
        "everybody",
        "yall",
        "sir",
        "maam",
        "good",
        "im",
        "senor",
        "senora",
        "mister",
        "mr",
        "ms",
        "mrs",
        "miss",
        "dr",
        "doctor",
        "ma",
        "quick",
        "morning",
        "afternoon",
    ];
    let spoken = &words.words;
    let normal = |at: usize| spoken.get(at).map_or("", |w| words.normal_of(w));
    let past_greetings = |mut at: usize| {
        while SALUTATIONS.contains(&normal(at)) || roles_of(normal(at)).has(GREETING) {
            at += 1;
        }
        at
    };
    if !SALUTATIONS.contains(&normal(0)) {
        return None;
    }
    let at = past_greetings(1);
    let name = spoken.get(at)?;
    if NOT_ADDRESSEES.contains(&normal(at)) || !is_name_word(words, name) {
        return None;
    }
    let after = past_greetings(at + 1);
    let says_who = matches!(normal(after), "its" | "soy") || (normal(after) == "this" && normal(after + 1) == "is");
    says_who.then_some(Span { start: spoken[0].original.start, end: name.original.end })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn guarded_words(text: &str) -> Vec<String> {
        let words = SpokenWords::of(text);
        let guards = guard(text, &words);
        words
            .words
            .iter()
            .zip(&guards.by_word)
            .filter(|(_, m)| **m)
            .map(|(w, _)| words.normal_of(w).to_owned())
            .collect()
    }

    #[test]
    fn a_name_after_an_introduction_is_guarded() {
        assert_eq!(guarded_words("hi it's rusty burns calling about a tune up"), ["rusty", "burns"]);
        assert_eq!(guarded_words("Hi, this is Ashley Flood, I'm calling"), ["ashley", "flood"]);
    }

    #[test]
    fn short_notice_after_this_is_is_not_a_name() {
        assert!(guarded_words("i know this is short notice").is_empty());
        assert!(guarded_words("it's last minute but can you come").is_empty());
    }

    #[test]
    fn a_state_after_its_is_not_a_name() {
        assert!(guarded_words("hi it's flooding in the basement").is_empty());
        assert!(guarded_words("its smoke everywhere").is_empty());
    }

    #[test]
    fn a_capitalized_company_whose_people_sent_the_caller_is_guarded() {
        let guarded = guarded_words("the guys from Blaze and Smoke Cleanup, they gave me your name");
        assert_eq!(guarded, ["blaze", "and", "smoke", "cleanup"]);
    }

    #[test]
    fn the_guy_from_next_door_is_no_company() {
        assert!(guarded_words("the guy from next door smells smoke").is_empty());
    }

    #[test]
    fn a_company_after_calling_from_is_guarded() {
        assert_eq!(guarded_words("calling from blaze and smoke cleanup we do"), ["blaze", "and", "smoke", "cleanup"]);
    }

    #[test]
    fn a_business_its_owner_names_with_a_capital_is_guarded() {
        assert_eq!(
            guarded_words("Hi, this is Angela, I manage Blaze and Smoke BBQ on Route 9."),
            ["angela", "blaze", "and", "smoke", "bbq"]
        );
    }

    #[test]
    fn a_machine_someone_runs_is_no_business() {
        assert!(guarded_words("we run the dryer and there's smoke").is_empty());
        assert!(guarded_words("i run the Dryer and smoke is coming out").iter().all(|w| w != "smoke"));
    }

    #[test]
    fn a_street_name_is_guarded() {
        assert_eq!(guarded_words("we're out on ember lane"), ["ember", "lane"]);
        assert_eq!(guarded_words("at 88 Flood Street"), ["flood", "street"]);
    }

    #[test]
    fn a_doctor_before_a_name_is_no_street() {
        assert!(guarded_words("any chance Dr. Abara could see her Wednesday").is_empty());
        assert_eq!(guarded_words("we're at 12 Ember Dr, the gray house"), ["ember", "dr"]);
    }

    #[test]
    fn a_danger_word_after_a_title_is_a_name() {
        assert_eq!(guarded_words("good morning mrs blaze, your order is ready"), ["blaze"]);
        assert_eq!(guarded_words("buenas tardes senora fuego"), ["fuego"]);
    }

    #[test]
    fn a_title_before_a_danger_that_goes_on_guards_nothing_of_it() {
        assert!(!guarded_words("mr smith smoke is coming out of the vent").contains(&"smoke".to_owned()));
    }

    #[test]
    fn a_company_after_a_name_said_before_here_is_guarded() {
        assert_eq!(
            guarded_words("hey, Dana here from Blaze Pest Control, quick question"),
            ["dana", "blaze", "pest", "control"]
        );
    }

    #[test]
    fn a_danger_here_is_not_a_name() {
        assert!(guarded_words("smoke here from the vent").is_empty());
    }

    #[test]
    fn way_after_a_pronoun_or_a_verb_is_not_a_street() {
        assert!(guarded_words("they charged us way too much").is_empty());
        assert!(guarded_words("the water rushed way into the hall").is_empty());
        assert_eq!(guarded_words("we live on Harbor Way"), ["harbor", "way"]);
    }

    #[test]
    fn a_list_of_detector_kinds_names_devices() {
        assert_eq!(
            guarded_words("our yearly smoke and carbon monoxide detector test"),
            ["smoke", "and", "carbon monoxide", "detector"]
        );
    }

    #[test]
    fn detectors_said_to_be_warning_are_not_guarded() {
        assert!(guarded_words("the smoke and co alarms, they're all going off").is_empty());
    }

    #[test]
    fn water_on_the_drive_is_not_a_street() {
        assert!(guarded_words("water is flooding the drive").is_empty());
    }

    #[test]
    fn a_television_behind_the_caller_is_not_the_caller() {
        let text = "[TV: a three alarm fire tore through downtown tonight] hi i need a quote";
        assert_eq!(
            guarded_words(text),
            ["tv", "a", "three", "alarm", "fire", "tore", "through", "downtown", "tonight"]
        );
    }

    #[test]
    fn a_broadcast_cut_off_runs_to_the_end() {
        assert_eq!(guarded_words("hi there [radio: flash flood warning"), ["radio", "flash", "flood", "warning"]);
    }

    #[test]
    fn someone_else_in_the_room_is_still_heard() {
        assert!(guarded_words("[speaker 2: there's smoke in the kitchen] hurry please").is_empty());
    }

    #[test]
    fn a_business_its_manager_names_with_a_capital_is_guarded() {
        let guarded = guarded_words("Hi, this is Dana, I'm the manager at Smoke House Barbecue on Fulton Street.");
        assert!(guarded.contains(&"smoke".to_owned()), "{guarded:?}");
    }

    #[test]
    fn a_bracket_without_a_media_label_is_no_broadcast() {
        assert!(guarded_words("[inaudible] hi the [noise] fire alarm at 5:30 [tv] ok").is_empty());
    }

    #[test]
    fn a_broadcast_is_blanked_where_it_was() {
        assert_eq!(without_overheard("[TV: fire] hi"), format!("{}hi", " ".repeat(11)));
        assert_eq!(without_overheard("hi [inaudible] there"), "hi [inaudible] there");
    }
}
