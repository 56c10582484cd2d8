//! Caller ids to E.164. (Being written: see the interface below.)

use super::bundle::CountryCode;

/// A dialable number in E.164 form; can only be built by normalizing.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct E164(String);

impl E164 {
    pub fn as_str(&self) -> &str {
        &self.0
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
    _country: CountryCode,
}

impl PhoneNormalizer {
    pub fn new(country: &CountryCode) -> Self {
        PhoneNormalizer { _country: country.clone() }
    }

    /// Classify a caller id exactly as the phone system sent it.
    pub fn classify(&self, _raw: Option<&str>) -> CallerId {
        todo!()
    }

    /// A stored number (CRM phone, tracking number) as E.164, extension dropped.
    pub fn normalize(&self, _raw: &str) -> Option<E164> {
        todo!()
    }
}
