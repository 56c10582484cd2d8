//! Extractive voicemail summary: at most three sentences copied verbatim.
//!
//! Nothing is paraphrased (rule 12): every line is a substring of the transcript, trimmed of
//! surrounding whitespace. The lines are picked for what a coordinator needs before calling
//! back, in this order: why the caller called (a danger, an outage or a request), how soon
//! they need help (time pressure), and how to reach them (a callback phrase or a phone
//! number); remaining room goes to the most informative other sentences. Greetings and
//! sign-offs ("Hi.", "Hey it's Hannah.", "Thanks, bye.") are skipped unless they are all
//! there is. The chosen lines keep transcript order.

use super::guards::without_overheard;
use super::lexicon::{Cue, Lexicon, SignalKind};
use super::transcript::{Span, Transcript};
use super::urgency::{affirmed_signals, AffirmedSignals, ReadingScratch};

const MAX_LINES: usize = 3;
/// Speech-to-text often leaves out punctuation; a run-on "sentence" is cut into pieces of at
/// most this many bytes (at commas, else at spaces) so a summary line stays readable.
const MAX_LINE_BYTES: usize = 240;
/// A callback number has at least this many digits.
const PHONE_DIGITS: usize = 7;

/// At most three sentences, copied verbatim from the transcript.
pub fn summarize(t: &Transcript<'_>, lexicon: &Lexicon) -> Vec<String> {
    summarize_lines(t, lexicon, || affirmed_signals(t.text(), lexicon), &mut ReadingScratch::default())
}

/// `summarize` over the signals the urgency reading already found (one lexicon scan a call),
/// in the reading's buffers.
pub(crate) fn summarize_affirmed<'l>(
    t: &Transcript<'_>,
    lexicon: &'l Lexicon,
    signals: &AffirmedSignals<'_>,
    scratch: &mut ReadingScratch<'l>,
) -> Vec<String> {
    summarize_lines(t, lexicon, || signals, scratch)
}

/// The signals are asked for only when there are more sentences than lines to fill.
fn summarize_lines<'l, 'a, S: std::borrow::Borrow<AffirmedSignals<'a>>>(
    t: &Transcript<'_>,
    lexicon: &'l Lexicon,
    signals: impl FnOnce() -> S,
    scratch: &mut ReadingScratch<'l>,
) -> Vec<String> {
    let text = t.text();
    // The caller's own words: a television behind them is in no line (`guards::broadcasts_into`).
    let sentences = sentence_spans(&without_overheard(text));
    let mut candidates: Vec<usize> = (0..sentences.len())
        .filter(|&i| !is_greeting_only(&text[sentences[i].start..sentences[i].end], lexicon, scratch))
        .collect();
    if candidates.is_empty() {
        candidates = (0..sentences.len()).collect();
    }
    // Most voicemails are short: the sentences themselves, without weighing anything.
    let picked = if candidates.len() <= MAX_LINES {
        candidates
    } else {
        pick_lines(text, &sentences, &candidates, signals().borrow())
    };
    picked.into_iter().filter_map(|i| t.slice(sentences[i])).map(str::to_owned).collect()
}

/// The reason, the time pressure and the callback details first, then the most informative
/// of the rest; in transcript order.
fn pick_lines(text: &str, sentences: &[Span], candidates: &[usize], signals: &AffirmedSignals<'_>) -> Vec<usize> {
    let weighed: Vec<Weighed> = sentences.iter().map(|&span| Weighed::of(text, span, signals)).collect();
    let mut picked: Vec<usize> = Vec::with_capacity(MAX_LINES);
    let best_reason = candidates.iter().copied().filter(|&i| weighed[i].reason > 0).max_by(|&a, &b| {
        // Highest reason weight; on a tie the earlier sentence.
        weighed[a].reason.cmp(&weighed[b].reason).then(b.cmp(&a))
    });
    picked.extend(best_reason);
    let first_unpicked = |picked: &[usize], wanted: &dyn Fn(&Weighed) -> bool| {
        candidates.iter().copied().find(|&i| !picked.contains(&i) && wanted(&weighed[i]))
    };
    if let Some(i) = first_unpicked(&picked, &|w| w.time_pressure) {
        picked.push(i);
    }
    if let Some(i) = first_unpicked(&picked, &|w| w.callback) {
        picked.push(i);
    }
    let mut rest: Vec<usize> = candidates.iter().copied().filter(|i| !picked.contains(i)).collect();
    // The index breaks ties, so the order is total and an unstable sort gives the stable one's.
    rest.sort_unstable_by(|&a, &b| weighed[b].score().cmp(&weighed[a].score()).then(a.cmp(&b)));
    picked.extend(rest.into_iter().take(MAX_LINES.saturating_sub(picked.len())));
    picked.truncate(MAX_LINES);
    picked.sort_unstable();
    picked
}

/// What one sentence offers the person calling back.
struct Weighed {
    /// 4 danger, 3 outage, 2 request (any category), 0 nothing.
    reason: u8,
    time_pressure: bool,
    callback: bool,
}

impl Weighed {
    fn of(text: &str, span: Span, signals: &AffirmedSignals<'_>) -> Weighed {
        let inside = |s: Span| s.start >= span.start && s.end <= span.end;
        let mut reason = 0;
        let mut time_pressure = false;
        // Signals and callbacks are in text order: look up this sentence's by position, so a
        // transcript of thousands of sentences is weighed in linear time.
        let first_found = signals.found.partition_point(|f| f.span.start < span.start);
        let in_sentence = signals.found[first_found..].iter().take_while(|f| f.span.start < span.end);
        for found in in_sentence.filter(|f| inside(f.span)) {
            let weight = match found.kind {
                SignalKind::Danger | SignalKind::HeatOutage => 4,
                SignalKind::Outage | SignalKind::PowerOutage | SignalKind::DeviceOutage | SignalKind::Pressing => 3,
                SignalKind::Category(_) => 2,
                SignalKind::TimePressure => {
                    time_pressure = true;
                    0
                }
            };
            reason = reason.max(weight);
        }
        let digits = text[span.start..span.end].bytes().filter(u8::is_ascii_digit).count();
        let first_callback = signals.callbacks.partition_point(|c| c.start < span.start);
        let callback = digits >= PHONE_DIGITS || signals.callbacks.get(first_callback).is_some_and(|&c| inside(c));
        Weighed { reason, time_pressure, callback }
    }

    fn score(&self) -> u8 {
        self.reason + 2 * u8::from(self.time_pressure) + 2 * u8::from(self.callback)
    }
}

/// A greeting or sign-off with nothing else in it: no digits and no lexicon phrase (so "Hi,
/// it's an emergency." is not a greeting).
fn is_greeting_only<'l>(sentence: &str, lexicon: &'l Lexicon, scratch: &mut ReadingScratch<'l>) -> bool {
    is_greeting(sentence)
        && !sentence.bytes().any(|b| b.is_ascii_digit())
        && !scratch.lexicon_scan(lexicon, sentence).iter().any(|hit| {
            !hit.tag.signals.is_empty() || matches!(hit.tag.cue, Some(Cue::Callback | Cue::Cold | Cue::Degrees { .. }))
        })
}

/// Greetings, self-introductions and sign-offs: "Hi.", "Hey it's Hannah Cole.", "Ivy Chen
/// here.", "Thanks, bye." Names are capitalized words; a lower-case transcript may add up to
/// two name words after an introduction ("hi this is hannah cole").
fn is_greeting(sentence: &str) -> bool {
    /// Longer than this, a sentence says more than hello.
    const MAX_GREETING_BYTES: usize = 80;
    if sentence.len() > MAX_GREETING_BYTES {
        return false;
    }
    let mut tally = GreetingTally::default();
    // Nearly every sentence is ASCII: its words are then split, trimmed and folded byte by
    // byte, exactly as the chars would be (`split_ascii_whitespace` differs from
    // `split_whitespace` only at the vertical tab, so a sentence with one takes the char path),
    // without decoding each char several times over.
    if sentence.is_ascii() && !sentence.contains('\x0B') {
        for token in sentence.split_ascii_whitespace() {
            let word = token.as_bytes();
            let is_edge = |b: &u8| !b.is_ascii_alphanumeric() && *b != b'\'';
            let start = word.iter().position(|b| !is_edge(b)).unwrap_or(word.len());
            let end = word.iter().rposition(|b| !is_edge(b)).map_or(start, |last| last + 1);
            let word = &word[start..end];
            if word.is_empty() {
                continue;
            }
            let mut lower = [0u8; 12];
            // Lowered byte by byte as it is copied: a dozen bytes at most, where a call to
            // memcpy and a second pass cost more than the copy itself.
            let folded = lower.get_mut(..word.len()).map(|lower| {
                for (to, from) in lower.iter_mut().zip(word) {
                    *to = from.to_ascii_lowercase();
                }
                &*lower
            });
            let capitalized = word.len() >= 2 && word[0].is_ascii_uppercase();
            if !tally.add(folded, capitalized) {
                return false;
            }
        }
        return tally.says_only_hello();
    }
    for token in sentence.split_whitespace() {
        let word = token.trim_matches(|c: char| !c.is_alphanumeric() && c != '\'' && c != '\u{2019}');
        if word.is_empty() {
            continue;
        }
        let mut lower = [0u8; 12];
        let folded = fold_word(word, &mut lower);
        let capitalized = word.len() >= 2 && word.chars().next().is_some_and(char::is_uppercase);
        if !tally.add(folded, capitalized) {
            return false;
        }
    }
    tally.says_only_hello()
}

/// The words of a sentence `is_greeting` has read so far.
#[derive(Default)]
struct GreetingTally {
    greeting_words: usize,
    introduced: bool,
    other_words: usize,
    words: usize,
}

impl GreetingTally {
    /// Longer than this, a sentence says more than hello.
    const MAX_GREETING_WORDS: usize = 10;

    /// Counts one word (`folded`: in lower case, if short and ASCII; `capitalized`: two
    /// letters or more, the first a capital, as names are); false once the sentence is
    /// more than a greeting, whatever follows.
    fn add(&mut self, folded: Option<&[u8]>, capitalized: bool) -> bool {
        const INTRODUCTIONS: &[&[u8]] = &[b"is", b"it's", b"name", b"name's", b"here"];
        self.words += 1;
        if folded.is_some_and(is_greeting_word) {
            self.greeting_words += 1;
            self.introduced |= folded.is_some_and(|w| INTRODUCTIONS.contains(&w));
        } else if !capitalized {
            self.other_words += 1;
        }
        !(self.other_words > 2 || (self.other_words > 0 && self.words > 6) || self.words > Self::MAX_GREETING_WORDS)
    }

    fn says_only_hello(&self) -> bool {
        self.greeting_words > 0
            && (self.other_words == 0 || (self.introduced && self.other_words <= 2 && self.words <= 6))
    }
}

fn is_greeting_word(word: &[u8]) -> bool {
    matches!(
        word,
        b"afternoon"
            | b"again"
            | b"and"
            | b"bye"
            | b"calling"
            | b"evening"
            | b"folks"
            | b"from"
            | b"good"
            | b"goodbye"
            | b"guys"
            | b"hello"
            | b"here"
            | b"hey"
            | b"hi"
            | b"hiya"
            | b"is"
            | b"it"
            | b"it's"
            | b"its"
            | b"me"
            | b"morning"
            | b"much"
            | b"my"
            | b"name"
            | b"name's"
            | b"oh"
            | b"ok"
            | b"okay"
            | b"so"
            | b"thank"
            | b"thanks"
            | b"there"
            | b"this"
            | b"uh"
            | b"um"
            | b"very"
            | b"yeah"
            | b"yes"
            | b"you"
    )
}

/// A short ASCII word in lower case with a straight apostrophe, in `buffer`; `None` for
/// longer or non-ASCII words (no greeting word is either).
fn fold_word<'b>(word: &str, buffer: &'b mut [u8; 12]) -> Option<&'b [u8]> {
    let mut len = 0;
    for c in word.chars() {
        let byte = match c {
            '\u{2019}' => b'\'',
            c if c.is_ascii() => (c as u8).to_ascii_lowercase(),
            _ => return None,
        };
        *buffer.get_mut(len)? = byte;
        len += 1;
    }
    Some(&buffer[..len])
}

/// Sentences as trimmed byte spans, in order. A sentence ends after `.`, `!`, `?` or `…`
/// (a period only before whitespace or the end, so "3.5" and "a.s.a.p" stay whole) or at a
/// line break; long run-ons are cut further.
fn sentence_spans(text: &str) -> Vec<Span> {
    let mut spans = Vec::new();
    let mut start = 0;
    // Bytes, not chars: every end mark is ASCII except "…" (E2 80 A6).
    let bytes = text.as_bytes();
    let followed_by_space = |after: usize| text[after..].chars().next().is_none_or(char::is_whitespace);
    for (at, &b) in bytes.iter().enumerate() {
        let end = match b {
            b'.' | b'!' | b'?' if followed_by_space(at + 1) => at + 1,
            0xE2 if bytes[at..].starts_with("…".as_bytes()) && followed_by_space(at + 3) => at + 3,
            b'\n' | b'\r' => at,
            _ => continue,
        };
        push_trimmed(text, start, end, &mut spans);
        start = end;
    }
    push_trimmed(text, start, text.len(), &mut spans);
    spans
}

/// Adds text[start..end] without surrounding whitespace, cut into readable pieces.
fn push_trimmed(text: &str, start: usize, end: usize, spans: &mut Vec<Span>) {
    let Some(piece) = text.get(start..end) else { return };
    let leading = piece.len() - piece.trim_start().len();
    let trimmed = piece.trim();
    if trimmed.is_empty() {
        return;
    }
    let start = start + leading;
    let end = start + trimmed.len();
    if trimmed.len() <= MAX_LINE_BYTES {
        spans.push(Span { start, end });
        return;
    }
    // Cut at the last comma (else space) that keeps the piece short enough.
    let window = &text[start..end];
    let limit = (0..=MAX_LINE_BYTES).rev().find(|&i| window.is_char_boundary(i)).unwrap_or(0);
    let head = &window[..limit];
    let cut = head.rfind(", ").map(|i| (i, i + 1)).or_else(|| head.rfind(char::is_whitespace).map(|i| (i, i)));
    match cut {
        Some((piece_end, next_start)) if piece_end > 0 => {
            push_trimmed(text, start, start + piece_end, spans);
            push_trimmed(text, start + next_start, end, spans);
        }
        // One huge "word": keep it whole rather than cut inside it.
        _ => spans.push(Span { start, end }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn summary(text: &str) -> Vec<String> {
        summarize(&Transcript::new(text), &Lexicon::built_in())
    }

    #[test]
    fn summary_lines_are_verbatim() {
        let text = "Hi it's Hannah Cole.  The toilet upstairs is overflowing and water is leaking into the living \
                    room below.\nPlease call right away.";
        let lines = summary(text);
        assert_eq!(
            lines,
            vec![
                "The toilet upstairs is overflowing and water is leaking into the living room below.",
                "Please call right away."
            ]
        );
        assert!(lines.iter().all(|l| text.contains(l.as_str())));
    }

    #[test]
    fn a_television_behind_the_caller_is_in_no_line() {
        let text = "[TV: crews battled a two alarm blaze tonight] hi this is pete. I need a quote on a water heater.";
        assert_eq!(summary(text), vec!["I need a quote on a water heater."]);
    }

    #[test]
    fn greetings_only_sentences_are_skipped() {
        assert_eq!(summary("Hi. Hey it's Hannah. My sink is clogged."), vec!["My sink is clogged."]);
    }

    #[test]
    fn a_greeting_alone_is_its_own_summary() {
        assert_eq!(summary("Hi."), vec!["Hi."]);
    }

    #[test]
    fn a_short_transcript_is_its_own_summary() {
        assert_eq!(
            summary("Hi, how much do you charge to snake a kitchen drain?"),
            vec!["Hi, how much do you charge to snake a kitchen drain?"]
        );
    }

    #[test]
    fn long_voicemails_keep_reason_time_pressure_and_callback_in_order() {
        let text = "Hello there. So we moved into the house in June. The kids are at school. Our water heater is \
                    leaking all over the garage floor. My husband thinks it is old. We need someone today if \
                    possible. The dog is friendly. You can call me back at 720-555-0111. Thanks, bye.";
        assert_eq!(
            summary(text),
            vec![
                "Our water heater is leaking all over the garage floor.",
                "We need someone today if possible.",
                "You can call me back at 720-555-0111."
            ]
        );
    }

    #[test]
    fn an_unpunctuated_run_on_is_cut_into_readable_pieces() {
        let text = "so yeah the thing is ".repeat(30) + "my number is 720 555 0111";
        let lines = summary(&text);
        assert!(!lines.is_empty() && lines.len() <= 3);
        assert!(lines.iter().all(|l| l.len() <= MAX_LINE_BYTES && text.contains(l.as_str())));
        assert!(lines.iter().any(|l| l.contains("720 555 0111")));
    }

    #[test]
    fn an_empty_transcript_has_no_summary() {
        assert!(summary("  \n ").is_empty());
    }
}
