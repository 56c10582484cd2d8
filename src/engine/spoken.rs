//! Speech-to-text, normalised into the words a person said (issue 11).
//!
//! Transcripts come as lowercase run-ons with spelled letters ("see oh", "h v a c"), numbers
//! in words ("thirty eight", "a hundred and six", "treinta y ocho"), common mishearings ("fur
//! nice", "he'd her", "brake her box"), gap markers ("[inaudible]", "...") and Spanish with or
//! without accents. Concepts are recognised over this normal form: lower case, accents
//! folded, apostrophes dropped ("it's" and "its" are one word), letters and numbers joined.
//!
//! Normalising never touches what is cited: every normal word keeps the byte span of the
//! transcript words it came from, so evidence is always a verbatim span (rule 12).

use super::transcript::Span;

/// The words of one transcript in normal form, each mapped back to its original span.
#[derive(Default)]
pub(crate) struct SpokenWords {
    /// Normal words joined by single spaces: what concept phrases are matched against.
    pub normal: String,
    pub words: Vec<SpokenWord>,
    /// Working room kept between transcripts: the tokens before merging, their folded text.
    raw: Vec<RawToken>,
    folded: String,
}

#[derive(Debug, Clone, Copy)]
pub(crate) struct SpokenWord {
    /// The transcript bytes this word came from (several words when merged).
    pub original: Span,
    /// Its range in `SpokenWords::normal`.
    pub normal_start: usize,
    pub normal_end: usize,
    /// Clauses end at `, ; . ! ? : —` and line breaks; concepts never reach across one.
    pub clause: u32,
    /// Index among spoken words: gaps do not count, so "smells like [inaudible] gas" keeps
    /// its words as close as the caller said them.
    pub position: u32,
    /// "[inaudible]", "(unintelligible)", "...": something was said that nobody can read.
    pub gap: bool,
    /// The value of a number said in digits or words.
    pub number: Option<u32>,
    /// Written with a capital letter (names in punctuated transcripts).
    pub capitalized: bool,
}

impl SpokenWords {
    pub fn of(text: &str) -> SpokenWords {
        let mut spoken = SpokenWords::default();
        spoken.read(text);
        spoken
    }

    /// Reads `text` into these buffers, replacing what they held: one set of buffers serves
    /// every voicemail of a bundle.
    pub fn read(&mut self, text: &str) {
        let SpokenWords { normal, words, raw, folded } = self;
        normal.clear();
        words.clear();
        raw_tokens(text, raw, folded);
        let raw = Tokens { raw, folded };
        let mut clause = 0u32;
        let mut position = 0u32;
        let mut i = 0;
        while i < raw.raw.len() {
            if raw.raw[i].break_before && i > 0 {
                clause += 1;
            }
            let token_normal = raw.normal(i);
            let (taken, replacement, number) = merge_at(&raw, i, token_normal);
            let first = &raw.raw[i];
            let last = &raw.raw[i + taken - 1];
            if !normal.is_empty() {
                normal.push(' ');
            }
            let normal_start = normal.len();
            match replacement {
                Some(word) => normal.push_str(&word),
                None => normal.push_str(token_normal),
            }
            let word = SpokenWord {
                original: Span { start: first.span.start, end: last.span.end },
                normal_start,
                normal_end: normal.len(),
                clause,
                position,
                gap: first.gap,
                number: number.or(first.number),
                capitalized: first.capitalized,
            };
            if !word.gap {
                position += 1;
            }
            words.push(word);
            i += taken;
        }
    }

    pub fn normal_of(&self, word: &SpokenWord) -> &str {
        &self.normal[word.normal_start..word.normal_end]
    }

    /// The words a normal-text range covers, as an index range.
    pub fn words_in(&self, start: usize, end: usize) -> std::ops::Range<usize> {
        let first = self.words.partition_point(|w| w.normal_end <= start);
        let last = self.words.partition_point(|w| w.normal_start < end);
        first..last.max(first)
    }
}

/// The transcript's tokens before merging, their folded text in one buffer (one allocation
/// per transcript, not one per word: 10,000 voicemails are read on every triage).
struct Tokens<'a> {
    raw: &'a [RawToken],
    folded: &'a str,
}

impl Tokens<'_> {
    fn normal(&self, i: usize) -> &str {
        let token = &self.raw[i];
        &self.folded[token.normal.0..token.normal.1]
    }
}

/// One token of the transcript before merging.
#[derive(Debug, Clone)]
struct RawToken {
    span: Span,
    /// Its folded form's range in `Tokens::folded`.
    normal: (usize, usize),
    gap: bool,
    number: Option<u32>,
    capitalized: bool,
    /// A clause mark stands between this token and the previous one.
    break_before: bool,
}

/// Whether the period at `at` closes a title said before a name: "Mr.", "Mrs.", "Ms.".
fn after_a_title(text: &str, tokens: &[RawToken], at: usize) -> bool {
    const TITLES: &[&str] = &["mr", "mrs", "ms"];
    let Some(last) = tokens.last().filter(|t| t.span.end == at && !t.gap) else { return false };
    let word = &text[last.span.start..last.span.end];
    TITLES.iter().any(|t| word.eq_ignore_ascii_case(t))
}

/// Splits a transcript into words, gap markers and the unit sign, noting clause marks.
fn raw_tokens(text: &str, tokens: &mut Vec<RawToken>, folded: &mut String) {
    tokens.clear();
    folded.clear();
    let mut pending_break = false;
    let bytes = text.as_bytes();
    let mut at = 0;
    while at < text.len() {
        // An ASCII byte is its own char: decoded only where the text is not ASCII.
        let c = match bytes[at] {
            byte if byte.is_ascii() => char::from(byte),
            _ => match text[at..].chars().next() {
                Some(c) => c,
                None => break,
            },
        };
        let len = c.len_utf8();
        if c.is_alphanumeric() {
            let (end, plain) = word_end(text, at);
            let word = &text[at..end];
            let normal_start = folded.len();
            if plain {
                // Folding a word of ASCII letters and digits only lowers its case, which is
                // done once for the whole buffer below.
                folded.push_str(word);
            } else {
                fold_into(word, folded);
            }
            let normal = (normal_start, folded.len());
            let number =
                if word.bytes().all(|b| b.is_ascii_digit()) && word.len() <= 6 { word.parse().ok() } else { None };
            tokens.push(RawToken {
                span: Span { start: at, end },
                normal,
                gap: false,
                number,
                capitalized: c.is_uppercase(),
                break_before: std::mem::take(&mut pending_break),
            });
            at = end;
            continue;
        }
        match c {
            '[' | '(' | '<' | '{' => {
                let close = match c {
                    '[' => ']',
                    '(' => ')',
                    '<' => '>',
                    _ => '}',
                };
                // A tag is short and made of letters: "[inaudible]", "(unintelligible)".
                let window_end = (at + 40).min(text.len());
                let inside = text.get(at + 1..window_end).and_then(|w| w.find(close));
                match inside {
                    Some(offset)
                        if text[at + 1..at + 1 + offset].chars().all(|c| c.is_alphabetic() || c == ' ' || c == '_') =>
                    {
                        let end = at + 1 + offset + 1;
                        tokens.push(gap_token(at, end, std::mem::take(&mut pending_break), folded));
                        at = end;
                    }
                    _ => at += len,
                }
            }
            '.' if bytes.get(at + 1) == Some(&b'.') => {
                let end = at + text[at..].bytes().take_while(|&b| b == b'.').count();
                tokens.push(gap_token(at, end, std::mem::take(&mut pending_break), folded));
                at = end;
            }
            '…' => {
                tokens.push(gap_token(at, at + len, std::mem::take(&mut pending_break), folded));
                at += len;
            }
            '°' => {
                let normal_start = folded.len();
                folded.push_str("degrees");
                tokens.push(RawToken {
                    span: Span { start: at, end: at + len },
                    normal: (normal_start, folded.len()),
                    gap: false,
                    number: None,
                    capitalized: false,
                    break_before: std::mem::take(&mut pending_break),
                });
                at += len;
            }
            // "Ms. Okafor's assistant" is one clause: a person's title ends nothing (round 16).
            // "Dr." is left out: it is as often a street's end ("12 Elm Dr. The pipe burst").
            '.' if after_a_title(text, tokens, at) => at += len,
            ',' | ';' | '.' | '!' | '?' | ':' | '\n' | '\r' | '—' | '–' | '¿' | '¡' => {
                pending_break = true;
                at += len;
            }
            _ => at += len,
        }
    }
    // The plain words' case, lowered in one pass over the buffer rather than word by word;
    // everything else in it is already in lower case (or is not a letter), so this leaves it
    // as it is.
    folded.make_ascii_lowercase();
}

fn gap_token(start: usize, end: usize, break_before: bool, folded: &mut String) -> RawToken {
    let normal_start = folded.len();
    folded.push('~');
    RawToken {
        span: Span { start, end },
        normal: (normal_start, folded.len()),
        gap: true,
        number: None,
        capitalized: false,
        break_before,
    }
}

/// The end of the word starting at `start`: letters and digits, with inner apostrophes and
/// inner decimal points or thousands commas between digits ("it's", "3.5", "1,000"); and
/// whether the word is ASCII letters and digits only.
fn word_end(text: &str, start: usize) -> (usize, bool) {
    // ASCII, byte by byte (most transcripts); at the first other byte, char by char. Most
    // words are one run of ASCII letters and digits: the run is passed in a tight loop, and
    // only the byte that ends it is looked at closely.
    let bytes = text.as_bytes();
    let mut at = start;
    let mut plain = true;
    loop {
        while bytes.get(at).is_some_and(u8::is_ascii_alphanumeric) {
            at += 1;
        }
        let Some(&b) = bytes.get(at) else { break };
        // Every byte included so far is the word's, so the one before is the previous.
        let previous = if at > start { bytes[at - 1] } else { b' ' };
        let next = bytes.get(at + 1).copied();
        if !b.is_ascii() || (b == b'\'' && next.is_some_and(|n| !n.is_ascii())) {
            return (word_end_from(text, at, previous as char), false);
        }
        let included = if b == b'\'' {
            next.is_some_and(|n| n.is_ascii_alphanumeric())
        } else if b == b'.' || b == b',' {
            previous.is_ascii_digit() && next.is_some_and(|n| n.is_ascii_digit())
        } else {
            false
        };
        if !included {
            break;
        }
        plain = false;
        at += 1;
    }
    (at, plain)
}

/// `word_end` from `start` (a char boundary inside a word or at its start), `previous` being
/// the char before it.
fn word_end_from(text: &str, start: usize, previous: char) -> usize {
    let mut end = start;
    let mut chars = text[start..].char_indices().peekable();
    let mut previous = previous;
    while let Some((offset, c)) = chars.next() {
        let next = chars.peek().map(|&(_, n)| n);
        let inner_apostrophe = (c == '\'' || c == '\u{2019}') && next.is_some_and(char::is_alphanumeric);
        let inner_digit_mark =
            (c == '.' || c == ',') && previous.is_ascii_digit() && next.is_some_and(|n| n.is_ascii_digit());
        if c.is_alphanumeric() || inner_apostrophe || inner_digit_mark {
            end = start + offset + c.len_utf8();
            previous = c;
        } else {
            break;
        }
    }
    end
}

/// Lower case, accents folded, apostrophes and digit marks dropped. (`raw_tokens` lowers the
/// case of words of plain ASCII letters and digits itself, as `word_end` tells it which they are.)
fn fold_into(word: &str, folded: &mut String) {
    for c in word.chars() {
        match c {
            '\'' | '\u{2019}' | '.' | ',' => {}
            'á' | 'à' | 'ä' | 'â' | 'Á' | 'À' | 'Ä' | 'Â' => folded.push('a'),
            'é' | 'è' | 'ë' | 'ê' | 'É' | 'È' | 'Ë' | 'Ê' => folded.push('e'),
            'í' | 'ì' | 'ï' | 'î' | 'Í' | 'Ì' | 'Ï' | 'Î' => folded.push('i'),
            'ó' | 'ò' | 'ö' | 'ô' | 'Ó' | 'Ò' | 'Ö' | 'Ô' => folded.push('o'),
            'ú' | 'ù' | 'ü' | 'û' | 'Ú' | 'Ù' | 'Ü' | 'Û' => folded.push('u'),
            'ñ' | 'Ñ' => folded.push('n'),
            'ç' | 'Ç' => folded.push('c'),
            c if c.is_ascii() => folded.push(c.to_ascii_lowercase()),
            c => folded.extend(c.to_lowercase()),
        }
    }
}

/// Misheard words that speech-to-text splits or bends; the normal form it stands for.
const MISHEARINGS: &[(&[&str], &str)] = &[
    (&["fur", "nice"], "furnace"),
    (&["fur", "nace"], "furnace"),
    (&["fir", "nace"], "furnace"),
    (&["for", "nice"], "furnace"),
    (&["furnaces"], "furnace"),
    (&["hed", "her"], "heater"),
    (&["he", "der"], "heater"),
    (&["heeter"], "heater"),
    (&["brake", "her"], "breaker"),
    (&["braker"], "breaker"),
    (&["baker", "box"], "breaker box"),
    (&["breaker", "s"], "breakers"),
    (&["mon", "oxide"], "monoxide"),
    (&["mon", "ox", "eye"], "monoxide"),
    (&["mon", "ox", "ide"], "monoxide"),
    (&["mono", "oxide"], "monoxide"),
    (&["car", "bon"], "carbon"),
    // "my basement is full a water": "of" heard as "a".
    (&["full", "a"], "full of"),
    (&["carbon", "dioxide"], "carbon monoxide"),
    (&["carbon", "monoxide"], "carbon monoxide"),
    (&["sewer", "edge"], "sewage"),
    (&["sue", "edge"], "sewage"),
    (&["pro", "pain"], "propane"),
    (&["a", "slash", "c"], "ac"),
    (&["ceo", "detector"], "co detector"),
    (&["ceo", "alarm"], "co alarm"),
    (&["seeo", "detector"], "co detector"),
    // Words said many ways for one thing, folded so one phrase covers them all.
    (&["somebody"], "someone"),
    (&["anybody"], "anyone"),
    (&["you", "guys"], "you"),
    (&["you", "all"], "you"),
    (&["yall"], "you"),
    (&["ya", "ll"], "you"),
    (&["gonna"], "going to"),
    (&["wanna"], "want to"),
    (&["gotta"], "got to"),
];

/// The mishearings whose first word is `word`: one lookup per word instead of a scan.
fn mishearings_starting_with(word: &str) -> impl Iterator<Item = &'static (&'static [&'static str], &'static str)> {
    static BY_FIRST_WORD: std::sync::OnceLock<rustc_hash::FxHashMap<&'static str, Vec<usize>>> =
        std::sync::OnceLock::new();
    let index = BY_FIRST_WORD.get_or_init(|| {
        let mut index: rustc_hash::FxHashMap<&'static str, Vec<usize>> = rustc_hash::FxHashMap::default();
        for (i, (said, _)) in MISHEARINGS.iter().enumerate() {
            index.entry(said[0]).or_default().push(i);
        }
        index
    });
    index.get(word).into_iter().flatten().map(|&i| &MISHEARINGS[i])
}

/// Acronyms people spell out letter by letter.
const ACRONYMS: &[&str] = &["co", "ac", "hvac", "gfci", "gfi", "cpap", "ppm", "hoa"];

/// A letter, said as itself ("c") or by its name ("see").
fn letter_of(normal: &str) -> Option<char> {
    let letter = match normal {
        "see" | "sea" | "cee" => 'c',
        "oh" => 'o',
        "ay" => 'a',
        "bee" => 'b',
        "dee" => 'd',
        "ef" | "eff" => 'f',
        "gee" => 'g',
        "aitch" => 'h',
        "eye" => 'i',
        "jay" => 'j',
        "kay" => 'k',
        "el" => 'l',
        "em" => 'm',
        "en" => 'n',
        "pee" => 'p',
        "cue" | "queue" => 'q',
        "ar" => 'r',
        "es" | "ess" => 's',
        "tee" => 't',
        "vee" | "vie" => 'v',
        "ex" => 'x',
        "zee" | "zed" => 'z',
        single if single.len() == 1 && single.as_bytes()[0].is_ascii_lowercase() => single.as_bytes()[0] as char,
        _ => return None,
    };
    Some(letter)
}

/// Whether `word` can begin a mishearing, a spelled acronym or a number in words: one set
/// lookup settles it for most words, instead of three.
fn may_start_a_merge(word: &str) -> bool {
    static STARTERS: std::sync::OnceLock<rustc_hash::FxHashSet<&'static str>> = std::sync::OnceLock::new();
    if word.len() == 1 || word.starts_with("veinti") {
        return true;
    }
    let starters = STARTERS.get_or_init(|| {
        const LETTER_NAMES: &[&str] = &[
            "see", "sea", "cee", "oh", "ay", "bee", "dee", "ef", "eff", "gee", "aitch", "eye", "jay", "kay", "el",
            "em", "en", "pee", "cue", "queue", "ar", "es", "ess", "tee", "vee", "vie", "ex", "zee", "zed",
        ];
        const NUMBER_WORDS: &[&str] = &[
            "a",
            "cien",
            "ciento",
            "zero",
            "cero",
            "one",
            "uno",
            "una",
            "un",
            "two",
            "dos",
            "three",
            "tres",
            "four",
            "cuatro",
            "five",
            "cinco",
            "six",
            "seis",
            "seven",
            "siete",
            "eight",
            "ocho",
            "nine",
            "nueve",
            "ten",
            "diez",
            "eleven",
            "once",
            "twelve",
            "doce",
            "thirteen",
            "trece",
            "fourteen",
            "catorce",
            "fifteen",
            "quince",
            "sixteen",
            "dieciseis",
            "seventeen",
            "diecisiete",
            "eighteen",
            "dieciocho",
            "nineteen",
            "diecinueve",
            "veinte",
            "twenty",
            "thirty",
            "treinta",
            "forty",
            "fourty",
            "cuarenta",
            "fifty",
            "cincuenta",
            "sixty",
            "sesenta",
            "seventy",
            "setenta",
            "eighty",
            "ochenta",
            "ninety",
            "noventa",
        ];
        let mishearings = MISHEARINGS.iter().map(|(said, _)| said[0]);
        LETTER_NAMES.iter().chain(NUMBER_WORDS).copied().chain(mishearings).collect()
    });
    starters.contains(word)
}

/// How many raw tokens from `i` (whose folded form is `first`) make one spoken word, its normal
/// form if it differs from the first token's, and its number value.
fn merge_at(tokens: &Tokens<'_>, i: usize, first: &str) -> (usize, Option<String>, Option<u32>) {
    let raw = tokens.raw;
    // Merges never cross a clause mark or a gap.
    let joinable = |j: usize| j < raw.len() && !raw[j].gap && (j == i || !raw[j].break_before);
    if raw[i].gap {
        return (1, None, None);
    }
    if !may_start_a_merge(first) {
        return (1, None, None);
    }
    for (said, meant) in mishearings_starting_with(first) {
        let fits = said.iter().enumerate().all(|(k, w)| joinable(i + k) && tokens.normal(i + k) == *w);
        if fits {
            return (said.len(), Some((*meant).to_owned()), None);
        }
    }
    if letter_of(first).is_some() {
        for len in (2..=4).rev() {
            if !(0..len).all(|k| joinable(i + k)) {
                continue;
            }
            let mut letters = [0u8; 4];
            let all_letters = (0..len).all(|k| match letter_of(tokens.normal(i + k)) {
                Some(letter) => {
                    letters[k] = letter as u8;
                    true
                }
                None => false,
            });
            let spelled = (0..len).any(|k| tokens.normal(i + k).len() == 1) || len == 2;
            let word = std::str::from_utf8(&letters[..len]).unwrap_or("");
            if all_letters && spelled && ACRONYMS.contains(&word) {
                return (len, Some(word.to_owned()), None);
            }
        }
    }
    if let Some((taken, value)) = number_words_at(tokens, i, &joinable) {
        let replacement = (taken > 1).then(|| value.to_string());
        return (taken, replacement, Some(value));
    }
    (1, None, None)
}

fn unit_value(word: &str) -> Option<u32> {
    Some(match word {
        "zero" | "cero" => 0,
        "one" | "uno" | "una" | "un" => 1,
        "two" | "dos" => 2,
        "three" | "tres" => 3,
        "four" | "cuatro" => 4,
        "five" | "cinco" => 5,
        "six" | "seis" => 6,
        "seven" | "siete" => 7,
        "eight" | "ocho" => 8,
        "nine" | "nueve" => 9,
        "ten" | "diez" => 10,
        "eleven" | "once" => 11,
        "twelve" | "doce" => 12,
        "thirteen" | "trece" => 13,
        "fourteen" | "catorce" => 14,
        "fifteen" | "quince" => 15,
        "sixteen" | "dieciseis" => 16,
        "seventeen" | "diecisiete" => 17,
        "eighteen" | "dieciocho" => 18,
        "nineteen" | "diecinueve" => 19,
        "veinte" => 20,
        _ => {
            let rest = word.strip_prefix("veinti")?;
            20 + unit_value(rest).filter(|&u| (1..10).contains(&u))?
        }
    })
}

fn tens_value(word: &str) -> Option<u32> {
    Some(match word {
        "twenty" => 20,
        "thirty" | "treinta" => 30,
        "forty" | "fourty" | "cuarenta" => 40,
        "fifty" | "cincuenta" => 50,
        "sixty" | "sesenta" => 60,
        "seventy" | "setenta" => 70,
        "eighty" | "ochenta" => 80,
        "ninety" | "noventa" => 90,
        _ => return None,
    })
}

/// A number said in words: "thirty eight", "forty-one", "a hundred and six", "treinta y
/// ocho", "ciento cinco". Single digits in a row ("five five five") stay separate words.
fn number_words_at(tokens: &Tokens<'_>, i: usize, joinable: &dyn Fn(usize) -> bool) -> Option<(usize, u32)> {
    let word = |j: usize| if joinable(j) { Some(tokens.normal(j)) } else { None };
    let mut taken = 0;
    let mut value = 0;
    // Hundreds: "a hundred", "one hundred", "cien", "ciento".
    let first = word(i)?;
    // Most words are no number: one look at the first word settles it.
    let may_start_a_number =
        matches!(first, "a" | "cien" | "ciento") || unit_value(first).is_some() || tens_value(first).is_some();
    if !may_start_a_number {
        return None;
    }
    if matches!(first, "cien" | "ciento") {
        value = 100;
        taken = 1;
    } else if matches!(first, "a" | "one") && word(i + 1) == Some("hundred") {
        value = 100;
        taken = 2;
    } else if let (Some(units), Some("hundred")) = (unit_value(first).filter(|u| (1..10).contains(u)), word(i + 1)) {
        value = units * 100;
        taken = 2;
    }
    if taken > 0
        && matches!(word(i + taken), Some("and"))
        && word(i + taken + 1).is_some_and(|w| tens_value(w).or(unit_value(w)).is_some())
    {
        taken += 1;
    }
    let next = word(i + taken);
    if let Some(tens) = next.and_then(tens_value) {
        value += tens;
        taken += 1;
        let (link, unit_at) = if word(i + taken) == Some("y") { (1, i + taken + 1) } else { (0, i + taken) };
        if let Some(units) = word(unit_at).and_then(unit_value).filter(|u| (1..10).contains(u)) {
            value += units;
            taken += link + 1;
        }
    } else if let Some(units) = next.and_then(unit_value) {
        if taken > 0 || value == 0 {
            value += units;
            taken += 1;
        }
    }
    (taken > 0).then_some((taken, value))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_word_that_starts_a_merge_is_a_starter() {
        let words = [
            "see",
            "sea",
            "cee",
            "oh",
            "ay",
            "bee",
            "dee",
            "ef",
            "eff",
            "gee",
            "aitch",
            "eye",
            "jay",
            "kay",
            "el",
            "em",
            "en",
            "pee",
            "cue",
            "queue",
            "ar",
            "es",
            "ess",
            "tee",
            "vee",
            "vie",
            "ex",
            "zee",
            "zed",
            "veintidos",
        ];
        for word in words {
            assert!(may_start_a_merge(word), "{word}");
        }
        for word in ["zero", "nineteen", "veinte", "ninety", "noventa", "cien", "fur", "you", "somebody"] {
            assert!(may_start_a_merge(word), "{word}");
            assert!(
                letter_of(word).is_some()
                    || unit_value(word).is_some()
                    || tens_value(word).is_some()
                    || matches!(word, "a" | "cien" | "ciento")
                    || mishearings_starting_with(word).next().is_some()
            );
        }
    }

    fn normal(text: &str) -> String {
        SpokenWords::of(text).normal
    }

    #[test]
    fn spelled_letters_become_the_acronym_they_spell() {
        assert_eq!(normal("the see oh detector"), "the co detector");
        assert_eq!(normal("our a c went out"), "our ac went out");
        assert_eq!(normal("h v a c companies"), "hvac companies");
    }

    #[test]
    fn numbers_in_words_become_digits() {
        assert_eq!(normal("its thirty four in here"), "its 34 in here");
        assert_eq!(normal("a hundred and six outside"), "106 outside");
        assert_eq!(normal("treinta y ocho grados"), "38 grados");
    }

    #[test]
    fn phone_digits_said_one_by_one_stay_apart() {
        assert_eq!(normal("five five five oh one"), "five five five oh one");
    }

    #[test]
    fn accents_case_and_apostrophes_are_folded() {
        assert_eq!(normal("Calefacción, it’s OUT"), "calefaccion its out");
    }

    #[test]
    fn mishearings_are_mended() {
        assert_eq!(normal("the fur nice went out"), "the furnace went out");
        assert_eq!(normal("my he'd her stopped"), "my heater stopped");
    }

    #[test]
    fn carbon_monoxide_spelled_in_pieces_is_mended() {
        assert_eq!(normal("the car bon mon ox ide alarm"), "the carbon monoxide alarm");
        assert_eq!(normal("carbon mon ox eye thing"), "carbon monoxide thing");
    }

    #[test]
    fn of_heard_as_a_after_full_is_mended() {
        assert_eq!(normal("the basement is full a water"), "the basement is full of water");
    }

    #[test]
    fn every_word_maps_back_to_its_original_span() {
        let text = "the C O [inaudible] is going off";
        let spoken = SpokenWords::of(text);
        let co = &spoken.words[1];
        assert_eq!(&text[co.original.start..co.original.end], "C O");
        assert!(spoken.words[2].gap);
        assert_eq!(spoken.words[3].position, 2);
    }

    #[test]
    fn a_title_before_a_name_ends_no_clause() {
        let spoken = SpokenWords::of("this message is for Ms. Okafor's assistant. It's Teresa");
        let clause = |i: usize| spoken.words[i].clause;
        assert_eq!(clause(4), clause(6));
        assert_ne!(clause(6), clause(7));
    }

    #[test]
    fn clause_marks_separate_clauses_but_gaps_do_not() {
        let spoken = SpokenWords::of("panel, hot ... really");
        assert_ne!(spoken.words[0].clause, spoken.words[1].clause);
        assert_eq!(spoken.words[1].clause, spoken.words[3].clause);
    }
}
