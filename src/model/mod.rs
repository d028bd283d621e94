//! The API's data: request tables (validated and serialized by [`crate::validate`]).

pub mod pay;
pub mod schema;
