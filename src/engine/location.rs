//! Postal codes a caller says in a voicemail. (Being written.)

use super::bundle::CountryCode;
use super::transcript::{Evidence, Transcript};

pub fn spoken_postal_code(_t: &Transcript<'_>, _country: &CountryCode) -> Option<(String, Evidence)> {
    todo!()
}
