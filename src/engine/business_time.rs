//! Business hours, holidays and deadlines in the business's time zone. (Being written.)

use jiff::tz::TimeZone;
use jiff::Timestamp;

use super::bundle::{BusinessHours, IsoDate};

pub struct BusinessCalendar {
    tz: TimeZone,
    _hours: BusinessHours,
    _holidays: Vec<IsoDate>,
}

impl BusinessCalendar {
    pub fn new(tz: TimeZone, hours: &BusinessHours, holidays: &[IsoDate]) -> Self {
        BusinessCalendar { tz, _hours: hours.clone(), _holidays: holidays.to_vec() }
    }

    pub fn time_zone(&self) -> &TimeZone {
        &self.tz
    }

    /// True when `at` falls inside an open interval on a day that is not a holiday.
    pub fn is_open(&self, _at: Timestamp) -> bool {
        todo!()
    }

    /// `minutes` business minutes after `start`: counted only while open, from `start` if
    /// open, else from the next opening.
    pub fn business_deadline(&self, _start: Timestamp, _minutes: u32) -> Timestamp {
        todo!()
    }

    /// RFC 3339 with the business's UTC offset at that instant.
    pub fn format(&self, at: Timestamp) -> String {
        at.display_with_offset(self.tz.to_offset(at)).to_string()
    }
}
