//! The integration suite, one binary so it links once.

mod common;
mod geo;
mod render;
mod rules;
mod validate;
