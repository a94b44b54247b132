//! What the derive's own serde impls of a plain struct or enum share (see `docs/DESIGN.md`,
//! "serde impls"): reading a field or variant identifier, and the value of a missing field.
//! Generic over the deserializer only, so every message type uses one copy of them;
//! serde_derive writes them into each type.

use serde::de::{self, DeserializeSeed, Deserializer, Unexpected, Visitor};
use std::fmt;
use std::marker::PhantomData;

/// Reads a struct's field identifier, as a name, bytes or an index, into the field's position;
/// an unknown field reads as `count`, which the struct's visitor skips. `lookup` is the type's
/// own `match` on the name (a table walk here cost 8% more instructions per JSON decode).
#[derive(Clone, Copy)]
pub struct FieldSeed {
    /// How many fields the struct has.
    pub count: usize,
    /// The position of a field by its name, `count` for an unknown name.
    pub lookup: fn(&[u8]) -> usize,
}

impl<'de> DeserializeSeed<'de> for FieldSeed {
    type Value = usize;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<usize, D::Error> {
        deserializer.deserialize_identifier(self)
    }
}

impl<'de> Visitor<'de> for FieldSeed {
    type Value = usize;

    fn expecting(&self, formatter: &mut fmt::Formatter) -> fmt::Result {
        formatter.write_str("field identifier")
    }

    fn visit_u64<E: de::Error>(self, index: u64) -> Result<usize, E> {
        Ok(usize::try_from(index).map_or(self.count, |index| index.min(self.count)))
    }

    fn visit_str<E: de::Error>(self, name: &str) -> Result<usize, E> {
        Ok((self.lookup)(name.as_bytes()))
    }

    fn visit_bytes<E: de::Error>(self, name: &[u8]) -> Result<usize, E> {
        Ok((self.lookup)(name))
    }
}

/// Reads an enum's variant identifier, as a name, bytes or an index, into the variant's
/// position in `names`; an unknown one is an error worded as serde_derive words it.
#[derive(Clone, Copy)]
pub struct VariantSeed {
    /// The variants' names, in order.
    pub names: &'static [&'static str],
    /// The position of a variant by its name, `names.len()` for an unknown name.
    pub lookup: fn(&[u8]) -> usize,
}

impl<'de> DeserializeSeed<'de> for VariantSeed {
    type Value = usize;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<usize, D::Error> {
        deserializer.deserialize_identifier(self)
    }
}

impl<'de> Visitor<'de> for VariantSeed {
    type Value = usize;

    fn expecting(&self, formatter: &mut fmt::Formatter) -> fmt::Result {
        formatter.write_str("variant identifier")
    }

    fn visit_u64<E: de::Error>(self, index: u64) -> Result<usize, E> {
        match usize::try_from(index) {
            Ok(index) if index < self.names.len() => Ok(index),
            _ => Err(E::invalid_value(
                Unexpected::Unsigned(index),
                &VariantIndexRange(self.names.len()),
            )),
        }
    }

    fn visit_str<E: de::Error>(self, name: &str) -> Result<usize, E> {
        match (self.lookup)(name.as_bytes()) {
            index if index < self.names.len() => Ok(index),
            _ => Err(E::unknown_variant(name, self.names)),
        }
    }

    fn visit_bytes<E: de::Error>(self, name: &[u8]) -> Result<usize, E> {
        match (self.lookup)(name) {
            index if index < self.names.len() => Ok(index),
            _ => Err(E::unknown_variant(
                &String::from_utf8_lossy(name),
                self.names,
            )),
        }
    }
}

/// serde_derive's wording for a variant index out of range.
struct VariantIndexRange(usize);

impl de::Expected for VariantIndexRange {
    fn fmt(&self, formatter: &mut fmt::Formatter) -> fmt::Result {
        write!(formatter, "variant index 0 <= i < {}", self.0)
    }
}

/// The value of field `name`, absent from the input: `None` for an `Option` (or any type that
/// deserializes from a none), else the error "missing field". serde_derive does the same with
/// a helper of its own that is not public.
pub fn missing_field<'de, T: de::Deserialize<'de>, E: de::Error>(
    name: &'static str,
) -> Result<T, E> {
    T::deserialize(MissingField(name, PhantomData))
}

struct MissingField<E>(&'static str, PhantomData<E>);

impl<'de, E: de::Error> Deserializer<'de> for MissingField<E> {
    type Error = E;

    fn deserialize_any<V: Visitor<'de>>(self, _: V) -> Result<V::Value, E> {
        Err(E::missing_field(self.0))
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, E> {
        visitor.visit_none()
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes byte_buf
        unit unit_struct newtype_struct seq tuple tuple_struct map struct enum identifier
        ignored_any
    }
}
