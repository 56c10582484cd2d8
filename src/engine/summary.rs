//! Extractive voicemail summary. (Being written.)

use super::lexicon::Lexicon;
use super::transcript::Transcript;

/// At most three sentences, copied verbatim from the transcript.
pub fn summarize(_t: &Transcript<'_>, _lexicon: &Lexicon) -> Vec<String> {
    todo!()
}
