//! The integration suite, one binary so it links once.

mod bilan;
mod ci;
mod cmd_cases;
mod common;
mod diff;
mod editors;
mod fix;
mod geo;
mod hostile;
mod init;
mod integration_files;
mod layers;
mod lsp;
mod new;
mod office;
mod properties;
mod relecture;
mod render;
mod report;
mod rules;
mod sandbox;
mod schema;
mod shell;
mod signable;
mod suivi;
mod validate;
