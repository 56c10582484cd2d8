//! Urgency level and categories from a voicemail's words. (Being written.)

use super::decision::{Category, Urgency};
use super::lexicon::Lexicon;
use super::transcript::{Evidence, Transcript};

/// What one voicemail says, with the evidence for each label.
#[derive(Debug, Clone)]
pub struct VoicemailReading {
    pub level: Urgency,
    pub evidence: Vec<Evidence>,
    pub categories: Vec<Category>,
    /// Confidence below 0.5 or mostly unintelligible: a person must listen.
    pub ambiguous: bool,
}

pub fn read_voicemail(_t: &Transcript<'_>, _confidence: Option<f64>, _lexicon: &Lexicon) -> VoicemailReading {
    todo!()
}
