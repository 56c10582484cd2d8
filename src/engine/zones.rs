//! Where time zones come from. The engine never reads the system's zone database itself:
//! the CLI and the JS module use jiff's bundled copy, and the browser app hands over the one
//! TZif file its business needs, so the wasm need not carry every zone.

use jiff::tz::TimeZone;

pub trait ZoneSource {
    fn zone(&self, iana_name: &str) -> Option<TimeZone>;
}

/// The IANA database compiled into the binary.
#[cfg(feature = "tzdb-bundled")]
pub struct BundledZones;

#[cfg(feature = "tzdb-bundled")]
impl ZoneSource for BundledZones {
    fn zone(&self, iana_name: &str) -> Option<TimeZone> {
        jiff::tz::db().get(iana_name).ok()
    }
}

/// Exactly one zone, from its TZif bytes (as served from `dist/tz/`), plus UTC.
pub struct SingleZone {
    name: String,
    zone: TimeZone,
}

impl SingleZone {
    /// `Err` when the bytes are not a TZif file. jiff's error is handed back unformatted: the
    /// app's first screen loads the zone, and formatting the error there would link jiff's whole
    /// error text (some 25 KB of code before wasm-opt) into the main module for a message its
    /// one caller replaces with its own.
    pub fn from_tzif(name: &str, tzif: &[u8]) -> Result<Self, jiff::Error> {
        let zone = TimeZone::tzif(name, tzif)?;
        Ok(SingleZone { name: name.to_owned(), zone })
    }
}

impl ZoneSource for SingleZone {
    fn zone(&self, iana_name: &str) -> Option<TimeZone> {
        if iana_name == self.name {
            Some(self.zone.clone())
        } else if iana_name == "UTC" || iana_name == "Etc/UTC" {
            Some(TimeZone::UTC)
        } else {
            None
        }
    }
}
