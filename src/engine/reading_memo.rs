//! Voicemail readings kept between triages of the same account.
//!
//! The browser app triages its whole bundle again after every action and every minute, and
//! reading the voicemails is most of a run (README, "App budgets, measured"). A reading is a
//! function of the transcript, its confidence and the lexicon alone, so a voicemail read at the
//! last triage is taken as it was read. The memo holds the voicemails of the last bundle it was
//! used with and no others, so it never grows past one bundle's readings. The engine keeps no
//! state of its own: whoever triages again owns the memo and hands it in
//! (`TriageSetup::run_remembering`); `triage` and `triageJson` read every voicemail, every time.

use std::hash::BuildHasher;

use hashbrown::HashTable;
use rustc_hash::FxBuildHasher;

use super::bundle::{Call, LexiconOverrides};
use super::urgency::VoicemailReading;

/// One voicemail's reading and its summary, as the triage reads them.
pub(crate) type Reading = (VoicemailReading, Vec<String>);

/// The readings of the voicemails of the last bundle triaged with this memo.
#[derive(Default)]
pub struct ReadingMemo {
    /// The admin's lexicon changes in force when these were read: under others a voicemail
    /// may read differently, so none of these is taken.
    lexicon: Option<LexiconOverrides>,
    readings: HashTable<Remembered>,
}

struct Remembered {
    transcript: Box<str>,
    confidence: Option<u64>,
    reading: Reading,
}

/// What a reading is a function of, besides the lexicon: the words and how sure the
/// transcriber was of them (as bits, to be hashed; the same confidence is the same bits).
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
struct Heard<'c> {
    transcript: &'c str,
    confidence: Option<u64>,
}

impl<'c> Heard<'c> {
    fn of(call: &'c Call) -> Option<Self> {
        let voicemail = call.voicemail.as_ref()?;
        Some(Heard { transcript: voicemail.transcript.as_deref()?, confidence: voicemail.confidence.map(f64::to_bits) })
    }

    fn hash(self) -> u64 {
        FxBuildHasher.hash_one(self)
    }

    fn is(self, remembered: &Remembered) -> bool {
        remembered.heard() == self
    }
}

impl Remembered {
    fn heard(&self) -> Heard<'_> {
        Heard { transcript: &self.transcript, confidence: self.confidence }
    }
}

impl ReadingMemo {
    /// How many distinct voicemails it holds.
    pub fn len(&self) -> usize {
        self.readings.len()
    }

    pub fn is_empty(&self) -> bool {
        self.readings.is_empty()
    }

    /// The reading of `call`'s voicemail, if the same words were read under the same lexicon.
    pub(crate) fn recall(&self, lexicon: Option<&LexiconOverrides>, call: &Call) -> Option<Reading> {
        if self.lexicon.as_ref() != lexicon {
            return None;
        }
        let heard = Heard::of(call)?;
        self.readings.find(heard.hash(), |remembered| heard.is(remembered)).map(|remembered| remembered.reading.clone())
    }

    /// Keeps the readings of these calls, read under `lexicon`, in place of everything held.
    pub(crate) fn remember_only<'c>(
        &mut self,
        lexicon: Option<&LexiconOverrides>,
        read: impl Iterator<Item = (&'c Call, &'c Option<Reading>)>,
    ) {
        let same_lexicon = self.lexicon.as_ref() == lexicon;
        let room = HashTable::with_capacity(self.readings.len());
        let mut earlier = std::mem::replace(&mut self.readings, room);
        for (call, reading) in read {
            let (Some(heard), Some(reading)) = (Heard::of(call), reading) else { continue };
            let hash = heard.hash();
            if self.readings.find(hash, |remembered| heard.is(remembered)).is_some() {
                continue;
            }
            // A voicemail remembered before moves over instead of being copied again.
            let kept = match earlier.find_entry(hash, |remembered| heard.is(remembered)) {
                Ok(entry) if same_lexicon => entry.remove().0,
                _ => Remembered {
                    transcript: heard.transcript.into(),
                    confidence: heard.confidence,
                    reading: reading.clone(),
                },
            };
            self.readings.insert_unique(hash, kept, |r| r.heard().hash());
        }
        self.lexicon = lexicon.cloned();
    }
}
