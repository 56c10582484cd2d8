//! A fieldless enum's variant names as serde writes them (`Outcome::LeftMessage` is
//! `"left_message"`), as text: for a CSV cell, a CSS class, a note's words or a form's value.
//! The type's `#[serde(rename_all)]` stays the one place that names its variants, so a name in
//! the text can never differ from the same value in the JSON.

use serde::de::value::{Error as ValueError, StrDeserializer};
use serde::de::{DeserializeOwned, IntoDeserializer};
use serde::ser::{Error, Impossible, Serialize, Serializer};

/// The name serde gives a fieldless variant, without allocating. Anything else (a struct, a
/// number, a variant with fields) has no such name and gives `""`; each type whose names are
/// read this way has a test that names all its variants.
pub fn serde_name<T: Serialize + ?Sized>(value: &T) -> &'static str {
    value.serialize(VariantName).unwrap_or("")
}

/// The fieldless variant serde reads from `name`, if one has that name.
pub fn from_serde_name<T: DeserializeOwned>(name: &str) -> Option<T> {
    let text: StrDeserializer<'_, ValueError> = name.into_deserializer();
    T::deserialize(text).ok()
}

/// A serializer that takes only a unit variant and gives back its name.
struct VariantName;

#[derive(Debug)]
struct NotAUnitVariant;

impl std::fmt::Display for NotAUnitVariant {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("not a fieldless enum variant")
    }
}

impl std::error::Error for NotAUnitVariant {}

impl Error for NotAUnitVariant {
    fn custom<T: std::fmt::Display>(_: T) -> Self {
        NotAUnitVariant
    }
}

type Refused = Impossible<&'static str, NotAUnitVariant>;

/// The serializer's methods for everything that is not a unit variant: each refuses.
macro_rules! refuse {
    ($($method:ident($($arg:ty),*) -> $answer:ty;)*) => {
        $(fn $method(self, $(_: $arg),*) -> Result<$answer, NotAUnitVariant> {
            Err(NotAUnitVariant)
        })*
    };
}

impl Serializer for VariantName {
    type Ok = &'static str;
    type Error = NotAUnitVariant;
    type SerializeSeq = Refused;
    type SerializeTuple = Refused;
    type SerializeTupleStruct = Refused;
    type SerializeTupleVariant = Refused;
    type SerializeMap = Refused;
    type SerializeStruct = Refused;
    type SerializeStructVariant = Refused;

    fn serialize_unit_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
    ) -> Result<&'static str, Self::Error> {
        Ok(variant)
    }

    refuse! {
        serialize_bool(bool) -> &'static str;
        serialize_i8(i8) -> &'static str;
        serialize_i16(i16) -> &'static str;
        serialize_i32(i32) -> &'static str;
        serialize_i64(i64) -> &'static str;
        serialize_u8(u8) -> &'static str;
        serialize_u16(u16) -> &'static str;
        serialize_u32(u32) -> &'static str;
        serialize_u64(u64) -> &'static str;
        serialize_f32(f32) -> &'static str;
        serialize_f64(f64) -> &'static str;
        serialize_char(char) -> &'static str;
        serialize_str(&str) -> &'static str;
        serialize_bytes(&[u8]) -> &'static str;
        serialize_none() -> &'static str;
        serialize_unit() -> &'static str;
        serialize_unit_struct(&'static str) -> &'static str;
        serialize_seq(Option<usize>) -> Refused;
        serialize_tuple(usize) -> Refused;
        serialize_tuple_struct(&'static str, usize) -> Refused;
        serialize_tuple_variant(&'static str, u32, &'static str, usize) -> Refused;
        serialize_map(Option<usize>) -> Refused;
        serialize_struct(&'static str, usize) -> Refused;
        serialize_struct_variant(&'static str, u32, &'static str, usize) -> Refused;
    }

    fn serialize_some<T: Serialize + ?Sized>(self, _: &T) -> Result<&'static str, Self::Error> {
        Err(NotAUnitVariant)
    }

    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        _: &T,
    ) -> Result<&'static str, Self::Error> {
        Err(NotAUnitVariant)
    }

    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: &T,
    ) -> Result<&'static str, Self::Error> {
        Err(NotAUnitVariant)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::bundle::Outcome;
    use crate::engine::decision::{Action, CategoryName, Urgency};

    /// The names the app wrote before serde gave them (in notes on HubSpot, the action log, the
    /// tasks CSV, CSS classes): stored data must read the same, so they must not change.
    #[test]
    fn serde_names_are_the_names_written_before() {
        use Outcome::*;
        let outcomes = [Booked, Reached, LeftMessage, NoAnswer, WrongNumber, Spam, NotInterested];
        let written = ["booked", "reached", "left_message", "no_answer", "wrong_number", "spam", "not_interested"];
        assert_names(&outcomes, &written);
        let actions = [Action::CallbackTask, Action::Review, Action::Escalate, Action::None];
        assert_names(&actions, &["callback_task", "review", "escalate", "none"]);
        let urgencies = [Urgency::Emergency, Urgency::Urgent, Urgency::Routine, Urgency::Unknown];
        assert_names(&urgencies, &["emergency", "urgent", "routine", "unknown"]);
        // Each category name a lexicon override may use reads as a category named so.
        let written = "service_request complaint pricing_request availability_request existing_job \
                       vendor_or_solicitation wrong_number";
        for name in written.split_whitespace() {
            let category: Option<CategoryName> = from_serde_name(name);
            assert_eq!(category.as_ref().map(serde_name), Some(name));
        }
    }

    /// Each value has its name, and each name reads back as its value.
    fn assert_names<T: Serialize + DeserializeOwned + PartialEq + std::fmt::Debug>(values: &[T], names: &[&str]) {
        assert_eq!(values.len(), names.len());
        for (value, name) in values.iter().zip(names) {
            assert_eq!(serde_name(value), *name);
            assert_eq!(from_serde_name::<T>(name).as_ref(), Some(value));
        }
    }

    #[test]
    fn what_is_not_a_fieldless_variant_has_no_name() {
        assert_eq!(serde_name("booked"), "");
        assert_eq!(serde_name(&Some(Outcome::Booked)), "");
        assert_eq!(serde_name(&3), "");
        assert_eq!(from_serde_name::<Outcome>("Booked"), None);
        assert_eq!(from_serde_name::<Outcome>(""), None);
    }
}
