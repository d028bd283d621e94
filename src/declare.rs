//! Structures declared once. [`declared!`] turns one list of fields, each with its JSON name, its
//! Rust type and where Antom's answer holds it, into the struct, its serde form, its JSON writer
//! (the same bytes, without serde), its slots in the answer reader and the rows its TypeScript
//! interface is generated from (tests/generated.rs). A field's TypeScript type comes from its
//! Rust type ([`Member::TS`]) unless the declaration narrows it (`as "\"S\" | \"F\""`).

use antom_checkout_rules::json::{push_str, Next, Reader, Res};
use antom_checkout_rules::text::push_uint;
use serde::ser::SerializeMap;

/// A value written as JSON.
pub trait WriteJson {
    /// Appends the JSON of `self`.
    fn write_json(&self, out: &mut String);
}

/// The JSON text of a value.
pub fn to_json<T: WriteJson + ?Sized>(v: &T) -> String {
    let mut out = String::with_capacity(256);
    v.write_json(&mut out);
    out
}

impl<T: WriteJson + ?Sized> WriteJson for &T {
    fn write_json(&self, out: &mut String) {
        (**self).write_json(out);
    }
}

impl WriteJson for str {
    fn write_json(&self, out: &mut String) {
        push_str(out, self);
    }
}

impl WriteJson for String {
    fn write_json(&self, out: &mut String) {
        push_str(out, self);
    }
}

/// An object being written: members in order, optional ones left out when absent.
pub(crate) struct Obj<'a> {
    out: &'a mut String,
    first: bool,
}

impl<'a> Obj<'a> {
    pub fn new(out: &'a mut String) -> Self {
        out.push('{');
        Obj { out, first: true }
    }

    pub fn key(&mut self, k: &str) -> &mut String {
        // Strings, not chars: `push` of a char is a call per character at this opt-level.
        self.out.push_str(if self.first { "\"" } else { ",\"" });
        self.first = false;
        self.out.push_str(k);
        self.out.push_str("\":");
        self.out
    }

    pub fn val<T: WriteJson + ?Sized>(&mut self, k: &str, v: &T) {
        let out = self.key(k);
        v.write_json(out);
    }

    /// A name that needs no escaping (a code's).
    pub fn word(&mut self, k: &str, v: &str) {
        let out = self.key(k);
        out.push('"');
        out.push_str(v);
        out.push('"');
    }

    pub fn uint(&mut self, k: &str, v: u64) {
        let out = self.key(k);
        push_uint(out, v);
    }

    pub fn end(self) {
        self.out.push('}');
    }
}

/// How a field's type is written, serialized and typed as a member of a declared structure.
pub(crate) trait Member {
    /// Its TypeScript type (for the generated types; the modules do not keep it).
    #[cfg_attr(target_arch = "wasm32", allow(dead_code))]
    const TS: &'static str;
    /// Whether the member may be absent (`key?:`).
    #[cfg_attr(target_arch = "wasm32", allow(dead_code))]
    const OPTIONAL: bool = false;
    /// Writes the member `key` (or nothing, when absent).
    fn write_member(&self, o: &mut Obj<'_>, key: &str);
    /// Serializes the member `key` (or nothing, when absent).
    fn serialize_member<M: SerializeMap>(
        &self,
        m: &mut M,
        key: &'static str,
    ) -> Result<(), M::Error>;
}

impl Member for String {
    const TS: &'static str = "string";
    fn write_member(&self, o: &mut Obj<'_>, key: &str) {
        o.val(key, self);
    }
    fn serialize_member<M: SerializeMap>(
        &self,
        m: &mut M,
        key: &'static str,
    ) -> Result<(), M::Error> {
        m.serialize_entry(key, self)
    }
}

impl Member for bool {
    const TS: &'static str = "boolean";
    fn write_member(&self, o: &mut Obj<'_>, key: &str) {
        o.key(key).push_str(if *self { "true" } else { "false" });
    }
    fn serialize_member<M: SerializeMap>(
        &self,
        m: &mut M,
        key: &'static str,
    ) -> Result<(), M::Error> {
        m.serialize_entry(key, self)
    }
}

impl Member for u32 {
    const TS: &'static str = "number";
    fn write_member(&self, o: &mut Obj<'_>, key: &str) {
        o.uint(key, u64::from(*self));
    }
    fn serialize_member<M: SerializeMap>(
        &self,
        m: &mut M,
        key: &'static str,
    ) -> Result<(), M::Error> {
        m.serialize_entry(key, self)
    }
}

impl<T: Member> Member for Option<T> {
    const TS: &'static str = T::TS;
    const OPTIONAL: bool = true;
    fn write_member(&self, o: &mut Obj<'_>, key: &str) {
        if let Some(v) = self {
            v.write_member(o, key);
        }
    }
    fn serialize_member<M: SerializeMap>(
        &self,
        m: &mut M,
        key: &'static str,
    ) -> Result<(), M::Error> {
        match self {
            Some(v) => v.serialize_member(m, key),
            None => Ok(()),
        }
    }
}

/// Code enums (`code_enum!`) as members: their names, as strings of their TypeScript union.
macro_rules! code_members {
    ($($t:ty),* $(,)?) => {$(
        impl $crate::declare::Member for $t {
            const TS: &'static str = <$t>::TS_NAME;
            fn write_member(&self, o: &mut $crate::declare::Obj<'_>, key: &str) {
                o.word(key, self.name());
            }
            fn serialize_member<M: serde::ser::SerializeMap>(
                &self,
                m: &mut M,
                key: &'static str,
            ) -> Result<(), M::Error> {
                m.serialize_entry(key, self.name())
            }
        }
    )*};
}
pub(crate) use code_members;

/// Where the reader puts the value of a key.
pub(crate) enum Slot<'a> {
    /// A string (a number or a boolean is read as its text; an object makes it absent).
    Text(&'a mut Option<String>),
    /// An object whose members go into this structure.
    Object(&'a mut dyn Fill),
    /// An object read whole into this value (replacing what an earlier one left).
    Whole(&'a mut dyn ReadWhole),
}

/// A structure the reader fills member by member.
pub(crate) trait Fill {
    /// Where the member `key` goes, if it is read.
    fn slot(&mut self, key: &str) -> Option<Slot<'_>>;
}

/// A value read from a whole nested object.
pub(crate) trait ReadWhole {
    /// Reads the object the reader is at.
    fn read_whole(&mut self, r: &mut Reader<'_>) -> Res<()>;
}

/// A field read from the answer under the JSON name `name`.
pub(crate) trait ReadField {
    /// The field's slot when `key` is its name.
    fn field_slot<'a>(&'a mut self, key: &str, name: &str) -> Option<Slot<'a>>;
}

impl ReadField for Option<String> {
    fn field_slot<'a>(&'a mut self, key: &str, name: &str) -> Option<Slot<'a>> {
        (key == name).then_some(Slot::Text(self))
    }
}

/// A declared structure read whole from a nested object, kept only when Antom sent something
/// in it.
pub(crate) trait Nested: Fill + Default + PartialEq {}

impl<T: Nested> ReadWhole for Option<T> {
    fn read_whole(&mut self, r: &mut Reader<'_>) -> Res<()> {
        let mut v = T::default();
        fill(r, &mut v)?;
        *self = (v != T::default()).then_some(v);
        Ok(())
    }
}

impl<T: Nested> ReadField for Option<T> {
    fn field_slot<'a>(&'a mut self, key: &str, name: &str) -> Option<Slot<'a>> {
        (key == name).then_some(Slot::Whole(self))
    }
}

/// Reads the object the reader is at into `into`, leniently: unknown members are skipped, a
/// number or a boolean where a string belongs is read as its text, and an object where a
/// string belongs makes it absent (the last value counts).
pub(crate) fn fill(r: &mut Reader<'_>, into: &mut dyn Fill) -> Res<()> {
    r.open_object()?;
    let mut first = true;
    while let Some(key) = r.key(first)? {
        first = false;
        let next = r.peek()?;
        let slot = match (next, into.slot(&key)) {
            (Next::Object, Some(Slot::Object(inner))) => {
                fill(r, inner)?;
                continue;
            }
            (Next::Object, Some(Slot::Whole(inner))) => {
                inner.read_whole(r)?;
                continue;
            }
            (_, Some(Slot::Text(slot))) => slot,
            (_, _) => {
                r.skip()?;
                continue;
            }
        };
        *slot = match next {
            Next::String => Some(r.string()?.into_owned()),
            Next::Number => Some(r.number()?.0.to_string()),
            Next::Bool => Some(if r.boolean()? { "true" } else { "false" }.to_string()),
            // An object, an array or null: absent.
            _ => {
                r.skip()?;
                None
            }
        };
    }
    Ok(())
}

/// Declares a structure once (see the module's documentation):
///
/// ```ignore
/// declared! {
///     /// An amount as Antom answered it.
///     #[derive(Debug, Clone, PartialEq, Eq)]
///     pub struct AmountOut as "AmountValue" {
///         /// ISO 4217 code.
///         pub currency: String = "currency", read "currency";
///     }
/// }
/// ```
///
/// `read "key"` makes the reader fill the field from the answer's member `key`. `flattened`
/// after the TypeScript name makes the structure's members those of the enclosing object
/// (serde's `flatten`): a field of its type is declared there with the name `""` (and
/// `read ""` to read its members), and the enclosing TypeScript interface extends it.
macro_rules! declared {
    (
        $(#[doc = $sdoc:literal])*
        #[derive($($derive:ident),*)]
        pub struct $name:ident as $ts:literal flattened { $($body:tt)* }
    ) => {
        $crate::declare::declared! { @core [$($sdoc)*] [$($derive),*] $name $ts { $($body)* } }

        impl $crate::declare::Member for $name {
            const TS: &'static str = $ts;
            fn write_member(&self, o: &mut $crate::declare::Obj<'_>, _key: &str) {
                self.write_members(o);
            }
            fn serialize_member<M: serde::ser::SerializeMap>(
                &self,
                m: &mut M,
                _key: &'static str,
            ) -> Result<(), M::Error> {
                self.serialize_members(m)
            }
        }

        impl $crate::declare::ReadField for $name {
            fn field_slot<'a>(
                &'a mut self,
                key: &str,
                _name: &str,
            ) -> Option<$crate::declare::Slot<'a>> {
                $crate::declare::Fill::slot(self, key)
            }
        }
    };
    (
        $(#[doc = $sdoc:literal])*
        #[derive($($derive:ident),*)]
        pub struct $name:ident as $ts:literal { $($body:tt)* }
    ) => {
        $crate::declare::declared! { @core [$($sdoc)*] [$($derive),*] $name $ts { $($body)* } }

        impl $crate::declare::Member for $name {
            const TS: &'static str = $ts;
            fn write_member(&self, o: &mut $crate::declare::Obj<'_>, key: &str) {
                o.val(key, self);
            }
            fn serialize_member<M: serde::ser::SerializeMap>(
                &self,
                m: &mut M,
                key: &'static str,
            ) -> Result<(), M::Error> {
                m.serialize_entry(key, self)
            }
        }
    };
    (
        @core [$($sdoc:literal)*] [$($derive:ident),*] $name:ident $ts:literal {
            $(
                $(#[doc = $doc:literal])*
                pub $field:ident : $ty:ty = $json:literal $(as $tsty:literal)? $(, read $from:literal)?;
            )*
        }
    ) => {
        $(#[doc = $sdoc])*
        #[derive($($derive),*)]
        pub struct $name {
            $( $(#[doc = $doc])* pub $field: $ty, )*
        }

        impl $name {
            /// The name of its TypeScript interface.
            #[cfg(not(target_arch = "wasm32"))]
            pub const TS_NAME: &'static str = $ts;
            /// Its documentation, for its TypeScript interface.
            #[cfg(not(target_arch = "wasm32"))]
            pub const TS_DOC: &'static str = concat!($($sdoc, "\n"),*);
            /// Its members in order, for its TypeScript interface: JSON name (`""` for the
            /// members of a flattened structure), TypeScript type, optional, documentation.
            #[cfg(not(target_arch = "wasm32"))]
            pub const TS_FIELDS: &'static [(&'static str, &'static str, bool, &'static str)] = &[
                $((
                    $json,
                    {
                        #[allow(unused_variables)]
                        let t = <$ty as $crate::declare::Member>::TS;
                        $(let t = $tsty;)?
                        t
                    },
                    <$ty as $crate::declare::Member>::OPTIONAL,
                    concat!($($doc, "\n"),*),
                )),*
            ];

            /// The members of Antom's answer the reader fills it from (`read "key"`).
            #[cfg(not(target_arch = "wasm32"))]
            pub const READ_FROM: &'static [&'static str] = &[$($($from,)?)*];

            #[allow(unused_variables)]
            pub(crate) fn write_members(&self, o: &mut $crate::declare::Obj<'_>) {
                $( $crate::declare::Member::write_member(&self.$field, o, $json); )*
            }

            #[allow(unused_variables)]
            pub(crate) fn serialize_members<M: serde::ser::SerializeMap>(
                &self,
                m: &mut M,
            ) -> Result<(), M::Error> {
                $( $crate::declare::Member::serialize_member(&self.$field, m, $json)?; )*
                Ok(())
            }
        }

        impl $crate::declare::WriteJson for $name {
            fn write_json(&self, out: &mut String) {
                let mut o = $crate::declare::Obj::new(out);
                self.write_members(&mut o);
                o.end();
            }
        }

        impl serde::Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                use serde::ser::SerializeMap;
                let mut m = s.serialize_map(None)?;
                self.serialize_members(&mut m)?;
                m.end()
            }
        }

        impl $crate::declare::Fill for $name {
            #[allow(unused_variables)]
            fn slot(&mut self, key: &str) -> Option<$crate::declare::Slot<'_>> {
                $($(
                    if let Some(s) = $crate::declare::ReadField::field_slot(&mut self.$field, key, $from) {
                        return Some(s);
                    }
                )?)*
                None
            }
        }
    };
}
pub(crate) use declared;
