//! Code lists declared once. [`code_enum!`](crate::code_enum) turns one list of variants, each
//! with the name JavaScript sees, into the enum, its `ALL` list, its `name()`, its serde form and
//! the name of its TypeScript union (the published types are generated from `ALL` and `name()`).

/// Declares a code enum once:
///
/// ```ignore
/// code_enum! {
///     /// Why.
///     pub enum Reason as "UnknownReason" {
///         /// HTTP status other than 200.
///         HttpStatus = HTTP_STATUS,
///     }
/// }
/// ```
///
/// Each variant's name in JavaScript is the identifier after `=`, written as it is
/// (`NotFound = notFound`). `mod codes` after the TypeScript name also declares a module of
/// constants named by those names (`codes::REQUIRED`).
#[macro_export]
macro_rules! code_enum {
    (
        $(#[$meta:meta])*
        $vis:vis enum $name:ident as $ts:literal mod $consts:ident {
            $( $(#[$vmeta:meta])* $variant:ident = $js:ident, )+
        }
    ) => {
        $crate::code_enum! {
            $(#[$meta])*
            $vis enum $name as $ts {
                $( $(#[$vmeta])* $variant = $js, )+
            }
        }

        #[doc = concat!("The codes of [`", stringify!($name), "`] by the names JavaScript sees.")]
        #[allow(non_upper_case_globals)]
        pub mod $consts {
            use super::$name;
            $( $(#[$vmeta])* pub const $js: $name = $name::$variant; )+
        }
    };
    (
        $(#[$meta:meta])*
        $vis:vis enum $name:ident as $ts:literal {
            $( $(#[$vmeta:meta])* $variant:ident = $js:ident, )+
        }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        $vis enum $name {
            $( $(#[$vmeta])* $variant, )+
        }

        impl $name {
            /// Every code, in declaration order (the published types are generated from it).
            pub const ALL: &'static [$name] = &[$($name::$variant),+];
            /// The name of its TypeScript union.
            pub const TS_NAME: &'static str = $ts;

            /// The name JavaScript sees.
            pub const fn name(self) -> &'static str {
                match self {
                    $($name::$variant => stringify!($js),)+
                }
            }
        }

        impl $crate::codes::__serde::Serialize for $name {
            fn serialize<S: $crate::codes::__serde::Serializer>(
                &self,
                s: S,
            ) -> ::core::result::Result<S::Ok, S::Error> {
                s.serialize_str(self.name())
            }
        }

        impl PartialEq<&str> for $name {
            fn eq(&self, other: &&str) -> bool {
                self.name() == *other
            }
        }
    };
}

#[doc(hidden)]
pub use serde as __serde;
