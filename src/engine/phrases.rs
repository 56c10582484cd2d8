//! Whole-word, case-insensitive search for many phrases at once.
//!
//! One Aho-Corasick pass per text keeps the lexicon cheap at 10,000 voicemails. Phrases are
//! ASCII; a phrase with a straight apostrophe also matches the typographic one (’) that
//! speech-to-text engines emit, and the same words without it ("wont", "isnt").
//!
//! Every match is found (overlapping), those that are not whole words are dropped, and only
//! then is the leftmost-longest choice made: choosing first would let "is over" swallow
//! "is overflowing" and lose the real hit.

use aho_corasick::automaton::Automaton;
#[cfg(not(target_arch = "wasm32"))]
use aho_corasick::dfa::{self, DFA};
use aho_corasick::nfa::contiguous::{self, NFA};
use aho_corasick::nfa::noncontiguous;
use aho_corasick::{Input, Match, MatchKind};

use super::transcript::Span;

/// The automaton itself, not `AhoCorasick`: that wrapper keeps every kind behind a `dyn`, so
/// the DFA's builder, each kind's searchers and their `Debug` came into the browser's engine
/// chunk, which builds only the contiguous NFA (issue 16).
enum Searcher {
    Nfa(NFA),
    #[cfg(not(target_arch = "wasm32"))]
    Dfa(DFA),
}

impl Searcher {
    /// Every match of every phrase, overlapping ones included, in the order the automaton
    /// reports them.
    #[cfg(not(target_arch = "wasm32"))]
    fn overlapping<'a, 'h>(&'a self, text: &'h str) -> impl Iterator<Item = Match> + use<'a, 'h> {
        let (nfa, dfa) = match self {
            Searcher::Nfa(nfa) => (Some(all_matches(nfa, text)), None),
            Searcher::Dfa(dfa) => (None, Some(all_matches(dfa, text))),
        };
        nfa.into_iter().flatten().chain(dfa.into_iter().flatten())
    }

    #[cfg(target_arch = "wasm32")]
    fn overlapping<'a, 'h>(&'a self, text: &'h str) -> impl Iterator<Item = Match> + use<'a, 'h> {
        let Searcher::Nfa(nfa) = self;
        all_matches(nfa, text)
    }
}

/// Overlapping search needs the standard match semantics, which `with_kind` always sets: it
/// cannot fail here, and if it did no phrase would be found rather than a voicemail refused.
fn all_matches<'a, 'h, A: Automaton>(automaton: &'a A, text: &'h str) -> impl Iterator<Item = Match> + use<'a, 'h, A> {
    automaton.try_find_overlapping_iter(Input::new(text)).into_iter().flatten()
}

/// How the texts a set is searched in are written. The automaton itself always matches
/// bytes as they are: a case-blind one holds two transitions for every letter, which doubled
/// its build, and every page start builds the engine's sets before its first triage can show a
/// row (issue 16). Lowering a text's ASCII letters keeps every byte where it was, so the
/// spans found in the lowered text are the same in the text itself.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Casing {
    /// As callers and transcribers wrote them: lowered before the search, so phrases match
    /// in any ASCII case.
    AsWritten,
    /// In lower case already (`SpokenWords::normal`): searched as it is.
    Lower,
}

impl Casing {
    /// The text to search: `text`, or its copy in `room` with its ASCII letters lowered.
    fn searched<'a>(self, text: &'a str, room: &'a mut String) -> &'a str {
        if self == Casing::Lower || !text.bytes().any(|b| b.is_ascii_uppercase()) {
            return text;
        }
        room.clear();
        room.push_str(text);
        room.make_ascii_lowercase();
        room
    }
}

/// Working room for searches, kept between texts: the matches before the choice of the
/// longest, and the text lowered.
#[derive(Default)]
pub(crate) struct SearchRoom {
    matches: Vec<(usize, usize, usize)>,
    lowered: String,
}

/// Which automaton a set is searched with.
#[derive(Clone, Copy)]
enum Kind {
    ContiguousNfa,
    #[cfg(not(target_arch = "wasm32"))]
    Dfa,
}

/// A set of phrases, each tagged with a value the caller cares about.
pub struct PhraseSet<T> {
    automaton: Searcher,
    /// Tag of each automaton pattern (apostrophe variants repeat a tag).
    tags: Vec<T>,
    casing: Casing,
}

/// One whole-word occurrence of a phrase.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PhraseHit<'t, T> {
    pub span: Span,
    pub tag: &'t T,
}

impl<T: Clone> PhraseSet<T> {
    pub fn new<'p>(phrases: impl IntoIterator<Item = (&'p str, T)>) -> Self {
        Self::with_kind(phrases, Kind::ContiguousNfa, Casing::AsWritten)
    }

    /// A set searched only in text already in lower case (the normal words of
    /// `SpokenWords::normal`): a capital letter in the text would never match.
    pub(crate) fn new_for_lower_case<'p>(phrases: impl IntoIterator<Item = (&'p str, T)>) -> Self {
        Self::with_kind(phrases, Kind::ContiguousNfa, Casing::Lower)
    }

    /// A set for the built-in vocabularies every voicemail is read against. Natively (the CLI,
    /// the server: built once per process, then read against bundles of thousands) a DFA,
    /// searched a few percent faster; in the browser a contiguous NFA, as every page start
    /// builds it before its first triage can show a row, and the DFA's build is the larger cost
    /// there (for the built-in lexicon natively: 6.3-7.9 ms against 1.7-2.0 ms for the NFA,
    /// measured 2026-12-04 on the case-sensitive automata; several times both in wasm).
    pub fn new_searched_often<'p>(phrases: impl IntoIterator<Item = (&'p str, T)>) -> Self {
        #[cfg(not(target_arch = "wasm32"))]
        let kind = Kind::Dfa;
        #[cfg(target_arch = "wasm32")]
        let kind = Kind::ContiguousNfa;
        Self::with_kind(phrases, kind, Casing::AsWritten)
    }

    fn with_kind<'p>(phrases: impl IntoIterator<Item = (&'p str, T)>, kind: Kind, casing: Casing) -> Self {
        let mut patterns = Vec::new();
        let mut tags = Vec::new();
        for (phrase, tag) in phrases {
            let phrase = phrase.trim().to_ascii_lowercase();
            if phrase.is_empty() {
                continue;
            }
            if phrase.contains('\'') {
                patterns.push(phrase.replace('\'', "\u{2019}"));
                tags.push(tag.clone());
                // Speech-to-text often drops the apostrophe: "wont drain", "isnt working".
                let dropped = phrase.replace('\'', "");
                if !dropped.trim().is_empty() {
                    patterns.push(dropped);
                    tags.push(tag.clone());
                }
            }
            patterns.push(phrase);
            tags.push(tag);
        }
        // A contiguous NFA: on the demo with 8,555 calls it builds in 3 ms instead of the DFA's
        // 7 ms natively (several times that in the browser, where the sidebar builds it on every
        // start) and triages as fast (33 ms either way; measured natively on this machine).
        let built = "phrase patterns are plain strings and always build";
        let trie = noncontiguous::NFA::builder().match_kind(MatchKind::Standard).build(&patterns).expect(built);
        let automaton = match kind {
            Kind::ContiguousNfa => {
                Searcher::Nfa(contiguous::Builder::new().build_from_noncontiguous(&trie).expect(built))
            }
            #[cfg(not(target_arch = "wasm32"))]
            Kind::Dfa => Searcher::Dfa(dfa::Builder::new().build_from_noncontiguous(&trie).expect(built)),
        };
        PhraseSet { automaton, tags, casing }
    }

    /// Every non-overlapping whole-word hit, in text order, the longest at each position.
    pub fn find_in<'s>(&'s self, text: &str) -> Vec<PhraseHit<'s, T>> {
        let mut hits = Vec::new();
        self.find_in_reusing(text, &mut SearchRoom::default(), &mut hits);
        hits
    }

    /// `find_in` into `hits` (cleared first), with `room` as working room: buffers kept
    /// across the 10,000 voicemails of a bundle instead of allocated for each.
    pub(crate) fn find_in_reusing<'s>(&'s self, text: &str, room: &mut SearchRoom, hits: &mut Vec<PhraseHit<'s, T>>) {
        let SearchRoom { matches, lowered } = room;
        let text = self.casing.searched(text, lowered);
        matches.clear();
        hits.clear();
        matches.extend(
            self.automaton
                .overlapping(text)
                .filter(|m| is_whole_word(text, m.start(), m.end()))
                .map(|m| (m.start(), m.end(), m.pattern().as_usize())),
        );
        matches.sort_unstable_by(|a, b| a.0.cmp(&b.0).then(b.1.cmp(&a.1)));
        let mut taken_until = 0;
        for &(start, end, pattern) in matches.iter() {
            if start >= taken_until {
                hits.push(PhraseHit { span: Span { start, end }, tag: &self.tags[pattern] });
                taken_until = end;
            }
        }
    }
}

impl<T> PhraseSet<T> {
    /// Every whole-word hit, overlapping ones included, by start and then longest first: for
    /// readers that weigh overlapping phrases themselves ("the heat" and "heat").
    pub fn find_all_in<'s>(&'s self, text: &str) -> Vec<PhraseHit<'s, T>> {
        let mut hits = Vec::new();
        self.find_all_in_reusing(text, &mut hits);
        hits
    }

    /// `find_all_in` into `hits`, cleared first.
    pub fn find_all_in_reusing<'s>(&'s self, text: &str, hits: &mut Vec<PhraseHit<'s, T>>) {
        // Its one reader searches normal text, which is never lowered: no room is kept.
        let mut lowered = String::new();
        let text = self.casing.searched(text, &mut lowered);
        hits.clear();
        hits.extend(self.automaton.overlapping(text).filter(|m| is_whole_word(text, m.start(), m.end())).map(|m| {
            PhraseHit { span: Span { start: m.start(), end: m.end() }, tag: &self.tags[m.pattern().as_usize()] }
        }));
        hits.sort_unstable_by(|a, b| a.span.start.cmp(&b.span.start).then(b.span.end.cmp(&a.span.end)));
    }
}

/// A match counts only when it neither starts nor ends inside a word ("heat" is not in
/// "wheat"); a phrase that begins or ends with punctuation ("°") bounds itself there.
fn is_whole_word(text: &str, start: usize, end: usize) -> bool {
    let bytes = text.as_bytes();
    // Fast path for the common ASCII case: phrase edges are letters, neighbours are ASCII.
    let (first, last) = (bytes[start], bytes[end - 1]);
    let before = start.checked_sub(1).map(|i| bytes[i]);
    let after = bytes.get(end).copied();
    if first.is_ascii_alphanumeric()
        && last.is_ascii_alphanumeric()
        && before.is_none_or(|b| b.is_ascii())
        && after.is_none_or(|b| b.is_ascii())
    {
        return !before.is_some_and(|b| b.is_ascii_alphanumeric()) && !after.is_some_and(|b| b.is_ascii_alphanumeric());
    }
    let is_word_char = |c: char| c.is_alphanumeric();
    let first = text[start..end].chars().next();
    let last = text[start..end].chars().next_back();
    let before_ok = !first.is_some_and(is_word_char) || !text[..start].chars().next_back().is_some_and(is_word_char);
    let after_ok = !last.is_some_and(is_word_char) || !text[end..].chars().next().is_some_and(is_word_char);
    before_ok && after_ok
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_phrase_inside_a_longer_word_is_not_a_hit() {
        let set = PhraseSet::new([("heat", 1)]);
        assert!(set.find_in("wheat fields").is_empty());
        assert_eq!(set.find_in("No HEAT here").len(), 1);
    }

    #[test]
    fn a_phrase_matches_in_any_case_as_written_at_the_same_bytes() {
        let text = "The FURNACE is making a Burning Smell";
        let set = PhraseSet::new([("furnace", 1), ("burning smell", 2)]);
        let found: Vec<&str> = set.find_in(text).iter().map(|h| &text[h.span.start..h.span.end]).collect();
        assert_eq!(found, ["FURNACE", "Burning Smell"]);
    }

    #[test]
    fn a_set_for_lower_case_text_matches_it_as_it_is() {
        let set = PhraseSet::new_for_lower_case([("gas smell", 1)]);
        assert_eq!(set.find_all_in("a gas smell in the kitchen").len(), 1);
        assert!(set.find_all_in("a GAS SMELL").is_empty());
    }

    #[test]
    fn typographic_apostrophes_match_straight_ones() {
        let set = PhraseSet::new([("won't drain", "slow")]);
        let hits = set.find_in("it won\u{2019}t drain");
        assert_eq!(hits.len(), 1);
        assert_eq!(&"it won\u{2019}t drain"[hits[0].span.start..hits[0].span.end], "won\u{2019}t drain");
    }

    #[test]
    fn a_longer_phrase_ending_mid_word_does_not_hide_a_whole_word_hit() {
        let set = PhraseSet::new([("is over", "cue"), ("overflowing", "flood")]);
        let hits = set.find_in("the toilet is overflowing");
        assert_eq!(hits.iter().map(|h| *h.tag).collect::<Vec<_>>(), ["flood"]);
    }

    #[test]
    fn the_longest_phrase_at_a_position_wins() {
        let set = PhraseSet::new([("no heat", "outage"), ("heat", "word")]);
        let hits = set.find_in("there is no heat");
        assert_eq!(hits.len(), 1);
        assert_eq!(*hits[0].tag, "outage");
    }
}
