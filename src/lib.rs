//! ctg: checks and prints Conventions Territoriales Globales kept as YAML.
//!
//! Stages: [`load`] (bytes → YAML tree with spans) → [`schema`] (types,
//! required and unknown fields → [`model`]) → rules → [`report`]. The
//! library never prints: [`run`] writes to the streams it is given.
#![warn(clippy::print_stdout, clippy::print_stderr)]

pub mod bilan;
pub mod cli;
pub mod config;
pub mod diagnostic;
pub mod diff;
pub mod draft;
#[doc(hidden)]
pub mod exercise;
pub mod geo;
pub mod load;
pub mod model;
pub mod output;
pub mod overview;
pub mod render;
pub mod report;
pub mod rules;
pub mod schema;
pub mod span;
pub mod suggest;
pub mod suppress;
pub mod terminal;
pub mod usage;
pub mod validate;

pub use cli::{run, run_with, ExitStatus, Io};
