//! The integration suite, one binary so it links once.

mod common;
mod geo;
mod rules;
mod validate;
