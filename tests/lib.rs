//! The integration suite, one binary so it links once.

mod common;
mod rules;
mod validate;
