//! The home-services phrase lexicon behind urgency and categories. (Being written.)

use super::bundle::LexiconOverrides;

pub struct Lexicon {}

impl Lexicon {
    pub fn built_in() -> Self {
        Lexicon {}
    }

    /// The built-in lexicon with an admin's additions and removals; `Err` names the bad entry.
    pub fn with_overrides(_overrides: &LexiconOverrides) -> Result<Self, String> {
        todo!()
    }
}
