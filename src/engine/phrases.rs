//! Whole-word, case-insensitive search for many phrases at once.
//!
//! One Aho-Corasick pass per text keeps the lexicon cheap at 10,000 voicemails. Phrases are
//! ASCII; a phrase with a straight apostrophe also matches the typographic one (’) that
//! speech-to-text engines emit.

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};

use super::transcript::Span;

/// A set of phrases, each tagged with a value the caller cares about.
pub struct PhraseSet<T> {
    automaton: AhoCorasick,
    /// Tag of each automaton pattern (apostrophe variants repeat a tag).
    tags: Vec<T>,
}

/// One whole-word occurrence of a phrase.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PhraseHit<'t, T> {
    pub span: Span,
    pub tag: &'t T,
}

impl<T: Clone> PhraseSet<T> {
    pub fn new<'p>(phrases: impl IntoIterator<Item = (&'p str, T)>) -> Self {
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
            }
            patterns.push(phrase);
            tags.push(tag);
        }
        let automaton = AhoCorasickBuilder::new()
            .ascii_case_insensitive(true)
            .match_kind(MatchKind::LeftmostLongest)
            .build(&patterns)
            .expect("phrase patterns are plain strings and always build");
        PhraseSet { automaton, tags }
    }

    /// Every non-overlapping whole-word hit, leftmost-longest first.
    pub fn find_in<'s>(&'s self, text: &str) -> Vec<PhraseHit<'s, T>> {
        self.automaton
            .find_iter(text)
            .filter(|m| is_word_bounded(text, m.start(), m.end()))
            .map(|m| PhraseHit {
                span: Span { start: m.start(), end: m.end() },
                tag: &self.tags[m.pattern().as_usize()],
            })
            .collect()
    }
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric()
}

/// A hit counts only when it does not start or end inside a word ("heat" is not in "wheat").
/// Phrases that begin or end with punctuation ("$", "%") bound themselves.
fn is_word_bounded(text: &str, start: usize, end: usize) -> bool {
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
    fn typographic_apostrophes_match_straight_ones() {
        let set = PhraseSet::new([("won't drain", "slow")]);
        let hits = set.find_in("it won\u{2019}t drain");
        assert_eq!(hits.len(), 1);
        assert_eq!(&"it won\u{2019}t drain"[hits[0].span.start..hits[0].span.end], "won\u{2019}t drain");
    }

    #[test]
    fn the_longest_phrase_at_a_position_wins() {
        let set = PhraseSet::new([("no heat", "outage"), ("heat", "word")]);
        let hits = set.find_in("there is no heat");
        assert_eq!(hits.len(), 1);
        assert_eq!(*hits[0].tag, "outage");
    }
}
