//! serde_json ignores the names a `Serialize` or `Deserialize` impl passes to its format
//! (`serialize_struct("Profile", 5)`, `deserialize_enum("Ext", VARIANTS, ..)`), which formats
//! that record names write. These wrappers log every call the impl makes on serde_json's
//! serializer and deserializer at the top level, with every name, length, field list and variant
//! list.

use serde::de::{Deserialize, Deserializer, Visitor};
use serde::ser::{Serialize, Serializer};
use serde_json::de::StrRead;

type JsonSer<'a, 'b> = &'a mut serde_json::Serializer<&'b mut Vec<u8>>;

struct Ser<'a, 'b> {
    inner: JsonSer<'a, 'b>,
    log: &'a mut Vec<String>,
}

macro_rules! ser_methods {
    ($($method:ident($($arg:ident: $ty:ty),*) -> $out:ty;)*) => {$(
        fn $method(self, $($arg: $ty),*) -> Result<$out, serde_json::Error> {
            self.log.push(format!(concat!(stringify!($method), "{:?}"), ($(&$arg,)*)));
            self.inner.$method($($arg),*)
        }
    )*};
}

impl<'a, 'b> Serializer for Ser<'a, 'b> {
    type Ok = ();
    type Error = serde_json::Error;
    type SerializeSeq = <JsonSer<'a, 'b> as Serializer>::SerializeSeq;
    type SerializeTuple = <JsonSer<'a, 'b> as Serializer>::SerializeTuple;
    type SerializeTupleStruct = <JsonSer<'a, 'b> as Serializer>::SerializeTupleStruct;
    type SerializeTupleVariant = <JsonSer<'a, 'b> as Serializer>::SerializeTupleVariant;
    type SerializeMap = <JsonSer<'a, 'b> as Serializer>::SerializeMap;
    type SerializeStruct = <JsonSer<'a, 'b> as Serializer>::SerializeStruct;
    type SerializeStructVariant = <JsonSer<'a, 'b> as Serializer>::SerializeStructVariant;

    ser_methods! {
        serialize_bool(v: bool) -> ();
        serialize_i8(v: i8) -> ();
        serialize_i16(v: i16) -> ();
        serialize_i32(v: i32) -> ();
        serialize_i64(v: i64) -> ();
        serialize_i128(v: i128) -> ();
        serialize_u8(v: u8) -> ();
        serialize_u16(v: u16) -> ();
        serialize_u32(v: u32) -> ();
        serialize_u64(v: u64) -> ();
        serialize_u128(v: u128) -> ();
        serialize_f32(v: f32) -> ();
        serialize_f64(v: f64) -> ();
        serialize_char(v: char) -> ();
        serialize_str(v: &str) -> ();
        serialize_bytes(v: &[u8]) -> ();
        serialize_none() -> ();
        serialize_unit() -> ();
        serialize_unit_struct(name: &'static str) -> ();
        serialize_unit_variant(name: &'static str, index: u32, variant: &'static str) -> ();
        serialize_seq(len: Option<usize>) -> Self::SerializeSeq;
        serialize_tuple(len: usize) -> Self::SerializeTuple;
        serialize_tuple_struct(name: &'static str, len: usize) -> Self::SerializeTupleStruct;
        serialize_tuple_variant(name: &'static str, index: u32, variant: &'static str, len: usize)
            -> Self::SerializeTupleVariant;
        serialize_map(len: Option<usize>) -> Self::SerializeMap;
        serialize_struct(name: &'static str, len: usize) -> Self::SerializeStruct;
        serialize_struct_variant(name: &'static str, index: u32, variant: &'static str, len: usize)
            -> Self::SerializeStructVariant;
    }

    fn serialize_some<T: ?Sized + Serialize>(self, value: &T) -> Result<(), serde_json::Error> {
        self.log.push("serialize_some".into());
        self.inner.serialize_some(value)
    }

    fn serialize_newtype_struct<T: ?Sized + Serialize>(
        self,
        name: &'static str,
        value: &T,
    ) -> Result<(), serde_json::Error> {
        self.log.push(format!("serialize_newtype_struct({name:?})"));
        self.inner.serialize_newtype_struct(name, value)
    }

    fn serialize_newtype_variant<T: ?Sized + Serialize>(
        self,
        name: &'static str,
        index: u32,
        variant: &'static str,
        value: &T,
    ) -> Result<(), serde_json::Error> {
        self.log.push(format!(
            "serialize_newtype_variant({name:?}, {index}, {variant:?})"
        ));
        self.inner
            .serialize_newtype_variant(name, index, variant, value)
    }
}

/// The calls `value` makes on the serializer, and the JSON it writes.
pub fn serialize<T: Serialize + ?Sized>(value: &T) -> String {
    let mut log = Vec::new();
    let mut bytes = Vec::new();
    let mut json = serde_json::Serializer::new(&mut bytes);
    let result = value.serialize(Ser {
        inner: &mut json,
        log: &mut log,
    });
    let result = result.map(|()| String::from_utf8_lossy(&bytes).into_owned());
    format!("{log:?} -> {}", super::text(result))
}

struct De<'a, 'de> {
    inner: &'a mut serde_json::Deserializer<StrRead<'de>>,
    log: &'a mut Vec<String>,
}

macro_rules! de_methods {
    ($($method:ident($($arg:ident: $ty:ty),*);)*) => {$(
        fn $method<V: Visitor<'de>>(
            self,
            $($arg: $ty,)*
            visitor: V,
        ) -> Result<V::Value, serde_json::Error> {
            self.log.push(format!(concat!(stringify!($method), "{:?}"), ($(&$arg,)*)));
            self.inner.$method($($arg,)* visitor)
        }
    )*};
}

impl<'de> Deserializer<'de> for De<'_, 'de> {
    type Error = serde_json::Error;

    de_methods! {
        deserialize_any();
        deserialize_bool();
        deserialize_i8();
        deserialize_i16();
        deserialize_i32();
        deserialize_i64();
        deserialize_i128();
        deserialize_u8();
        deserialize_u16();
        deserialize_u32();
        deserialize_u64();
        deserialize_u128();
        deserialize_f32();
        deserialize_f64();
        deserialize_char();
        deserialize_str();
        deserialize_string();
        deserialize_bytes();
        deserialize_byte_buf();
        deserialize_option();
        deserialize_unit();
        deserialize_unit_struct(name: &'static str);
        deserialize_newtype_struct(name: &'static str);
        deserialize_seq();
        deserialize_tuple(len: usize);
        deserialize_tuple_struct(name: &'static str, len: usize);
        deserialize_map();
        deserialize_struct(name: &'static str, fields: &'static [&'static str]);
        deserialize_enum(name: &'static str, variants: &'static [&'static str]);
        deserialize_identifier();
        deserialize_ignored_any();
    }
}

/// The calls `T`'s `Deserialize` makes on the deserializer, and what it returns.
pub fn deserialize<'de, T: Deserialize<'de> + std::fmt::Debug>(input: &'de str) -> String {
    let mut log = Vec::new();
    let mut json = serde_json::Deserializer::from_str(input);
    let result = T::deserialize(De {
        inner: &mut json,
        log: &mut log,
    })
    .and_then(|value| json.end().map(|()| value));
    format!("{log:?} -> {}", super::text(result))
}
