//! The API's data: request tables (validated and serialized by [`crate::validate`]).

pub mod followup;
pub mod pay;
pub mod schema;
