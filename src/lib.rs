//! ctg: checks and prints Conventions Territoriales Globales kept as YAML.
//!
//! Stages: [`load`] (bytes → YAML tree with spans) → [`schema`] (types,
//! required and unknown fields → [`model`]) → rules → [`report`]. The
//! library never prints: [`run`] writes to the streams it is given.
#![warn(clippy::print_stdout, clippy::print_stderr)]

pub mod check;
pub mod cli;
pub mod diagnostic;
pub mod edit;
#[doc(hidden)]
pub mod exercise;
pub mod geo;
pub mod ids;
pub mod load;
pub mod lsp;
pub mod model;
pub mod output;
pub mod render;
pub mod report;
pub mod review;
pub mod rules;
pub mod schema;
pub mod span;
pub mod suivi;
pub mod text;

pub use cli::{run, run_with, ExitStatus, Io};
